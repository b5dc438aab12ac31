"""The web pages in a real browser: Playwright for Python driving Debian's Chromium, headless.

Skipped where no Chromium is installed (a user's machine); CI installs it (.ci/run) and sets
COMMUNIQUE_REQUIRE_BROWSER so that a missing browser fails there instead of skipping.
"""

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from conftest import sample_store

from communique.serve import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM and os.environ.get("COMMUNIQUE_REQUIRE_BROWSER"):
    raise RuntimeError("COMMUNIQUE_REQUIRE_BROWSER is set but no chromium is installed")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed (apt-get install chromium)")

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(path):
    """The application over the store at ``path``, served on loopback in a thread: yields its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not instance.started:
        if time.time() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@contextmanager
def chromium():
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving(sample_store(tmp_path_factory.mktemp("browser") / "browser.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=server)
    page = context.new_page()
    page.dialogs, page.errors, page.foreign = [], [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.foreign.append(r.url) if urlparse(r.url).hostname != "127.0.0.1" else None)
    yield page
    context.close()


def test_click_through_overview_dyad_event_and_source(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Vietnam and its partners"
    page.wait_for_selector("#partners-chart[data-drawn=true]")
    page.wait_for_selector("#months-chart[data-drawn=true]")
    assert page.locator("#partners-chart .main-svg").count() >= 1  # Plotly drew the network

    page.get_by_role("link", name="South Korea").click()
    page.wait_for_url("**/dyad/VNM/KOR")
    assert page.locator("h1").inner_text() == "Vietnam – South Korea"
    assert "Yoon Suk Yeol" in page.locator("table.events").inner_text()
    pledges = page.locator("table.pledges").inner_text()
    assert "150 billion" in pledges and "bilateral trade" in pledges and "first stated" in pledges
    page.wait_for_selector("#areas-chart[data-drawn=true]")

    page.locator("table.events a.event-link").first.click()
    page.wait_for_url("**/event/**")
    assert page.locator("#event-date").inner_text() == "2023-06-23"
    assert "Yoon Suk Yeol" in page.locator("ol.sources mark").first.inner_text()

    page.locator("a.source-link").first.click()
    page.wait_for_url("**/document/**")
    # each highlight says which fact it supports; the target's sentence is tied to the target listed below
    target = page.locator("article.document mark.target")
    assert "150 tỷ USD" in target.inner_text() and target.get_attribute("data-facts") == "T1"
    assert (
        page.locator("#fact-T1").inner_text().startswith("T1")
        and "150 billion" in page.locator("#fact-T1").inner_text()
    )
    assert page.locator("article.document mark.event").count() >= 1
    assert page.locator("article.document p").count() >= 3  # the paragraphs of the article, not one block
    assert page.locator("article.document .chosen").count() == 1
    assert not page.errors and not page.foreign


def test_focus_country_and_search_filters(page):
    page.goto("/")
    page.select_option("#focus-country", "CHN")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/?country=CHN")
    assert page.locator("h1").inner_text() == "China and its partners"

    page.goto("/search")
    page.fill("#q", "Xi Jinping")
    page.select_option("#area", "trade")
    page.locator("#search-button").click()
    page.wait_for_url("**/search?**")
    events = page.locator("table.events").inner_text()
    assert "Xi Jinping" in events and "Putin" not in events
    page.select_option("#area", "health")
    page.locator("#search-button").click()
    page.wait_for_load_state()
    assert "No events." in page.locator("table.events").inner_text()
    assert not page.errors and not page.foreign


def test_hostile_article_text_is_shown_not_run(page):
    page.goto("/document/hostile%3Cscript%3E")
    text = page.locator("article.document").inner_text()
    assert "<script>alert('x')</script>" in text and "onerror=alert('img')" in text
    assert page.locator("article.document img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    event = page.locator("a[href^='/event/']").first
    event.click()
    page.wait_for_url("**/event/**")
    page.wait_for_timeout(300)
    assert page.dialogs == [] and not page.errors
