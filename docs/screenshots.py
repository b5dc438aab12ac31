"""Screenshots of the dashboard for the README, from a store of 10,000 events (``tests/scale_store.py``: the
size of an analyst's archive after a year), served on loopback and photographed in Chromium.

.venv/bin/python docs/screenshots.py        (needs Debian's chromium)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from scale_store import build  # noqa: E402

from communique.serve import create_app  # noqa: E402

# name: (path, viewport width, whole page or the first screen)
PAGES = {
    "overview.png": ("/", 1280, True),
    "dyad.png": ("/dyad/VNM/CHN", 1280, True),
    "person.png": ("/person/to-lam", 1280, False),
    "dyad-phone.png": ("/dyad/VNM/CHN", 390, False),
}


def main() -> None:
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "scale.duckdb"
        build(db, 10_000)
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=8731, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for name, (path, width, whole) in PAGES.items():
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(f"http://127.0.0.1:8731{path}")
                for chart in page.locator("[data-chart]").all():
                    chart.locator(".main-svg").first.wait_for()
                page.screenshot(path=str(ROOT / "docs" / name), full_page=whole)
                print(f"docs/{name}")
                page.close()
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
