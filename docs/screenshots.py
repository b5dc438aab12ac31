"""Screenshots of the dashboard for the README: ingest the sample corpus, serve it, photograph two pages.

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

from communique.ingest import ingest  # noqa: E402
from communique.serve import create_app  # noqa: E402
from communique.store import Store  # noqa: E402

PAGES = {"overview.png": "/", "dyad.png": "/dyad/VNM/KOR"}


def main() -> None:
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sample.duckdb"
        with Store(db) as store:
            ingest([ROOT / "samples" / "corpus"], store)
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=8731, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in PAGES.items():
                page.goto(f"http://127.0.0.1:8731{path}")
                page.wait_for_selector("[data-drawn=true]")
                page.screenshot(path=str(ROOT / "docs" / name), full_page=True)
                print(f"docs/{name}")
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
