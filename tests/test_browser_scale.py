"""The pages at an archive's size, in a real browser: a store of 10,000 events (``scale_store.py``).

What breaks at scale and not on the samples: a dyad page as tall as its thousand meetings, charts whose
labels run into each other, links that lead nowhere, tables that overflow a phone's width, one person under
several names. Skipped like the other browser tests where Chromium is missing.
"""

from urllib.parse import urljoin, urlparse

import pytest
from scale_store import build
from test_browser import CHROMIUM, chromium, serving

pytestmark = pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed (apt-get install chromium)")

EVENTS = 10_000
MAX_DYAD_BYTES = 400_000  # the page as generated, before compression
MAX_PAGE_HEIGHT = 9_000  # px at 1280 px wide: charts and one page of meetings, not a thousand rows


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "scale.duckdb"
    build(path, EVENTS)
    with serving(path) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def open_page(browser, server, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=server)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def charts_drawn(page) -> None:
    for chart in page.locator("[data-chart]").all():
        chart.locator(".main-svg").first.wait_for(timeout=30_000)


OVERLAPS = """
(chart) => {
  const box = chart.getBoundingClientRect();
  const problems = [];
  for (const axis of ["xtick", "ytick"]) {
    const labels = [...chart.querySelectorAll(`g.${axis} text`)].map(t => [t.textContent, t.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0);
    labels.forEach(([text, r]) => {
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        problems.push(`${axis} '${text}' outside the chart`);
    });
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        const [a, ra] = labels[i], [b, rb] = labels[j];
        if (ra.left < rb.right - 1 && rb.left < ra.right - 1 && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1)
          problems.push(`${axis} '${a}' overlaps '${b}'`);
      }
  }
  return problems;
}
"""


def test_the_dyad_page_of_a_thousand_meetings_stays_bounded_and_draws_them_all(browser, server):
    page = open_page(browser, server)
    response = page.goto("/dyad/VNM/CHN")
    assert response.status == 200 and len(response.body()) < MAX_DYAD_BYTES
    charts_drawn(page)
    total = int(page.locator("p.summary").inner_text().split()[0])
    assert total > 1000  # the pair with "hundreds of meetings", and more
    assert page.evaluate("document.documentElement.scrollHeight") < MAX_PAGE_HEIGHT
    assert page.locator("table.events tbody tr").count() == 50  # one page of the list
    drawn = page.evaluate("document.getElementById('timeline-chart').data.reduce((n, t) => n + t.x.length, 0)")
    assert drawn == total  # every meeting is a mark on the timeline (all are dated here)
    # the timeline, agreements and targets come before the list of meetings
    order = [
        page.locator(f"#{anchor}").bounding_box()["y"] for anchor in ("timeline", "agreements", "targets", "meetings")
    ]
    assert order == sorted(order)
    assert page.locator("table.pledges tbody tr").count() >= 2
    assert page.locator("[data-chart=pledges] .main-svg").count() >= 1  # a chart per unit
    older = page.locator("a[rel=next]")
    older.click()
    assert "page=2" in page.url and page.locator("table.events tbody tr").count() == 50
    assert not page.errors


@pytest.mark.parametrize("path", ["/", "/dyad/VNM/CHN", "/person/xi-jinping"])
@pytest.mark.parametrize("width", [1280, 390])
def test_chart_labels_never_overlap_nor_leave_the_chart(browser, server, path, width):
    page = open_page(browser, server, width)
    page.goto(path)
    charts_drawn(page)
    for chart in page.locator("[data-chart]").all():
        assert chart.get_attribute("data-drawn") == "true"
        assert chart.evaluate(OVERLAPS) == [], (path, width, chart.get_attribute("id"))


def test_time_is_on_a_time_axis(browser, server):
    page = open_page(browser, server)
    page.goto("/")
    charts_drawn(page)
    assert page.evaluate("document.getElementById('months-chart')._fullLayout.xaxis.type") == "date"
    page.goto("/dyad/VNM/CHN")
    charts_drawn(page)
    assert page.evaluate("document.getElementById('timeline-chart')._fullLayout.xaxis.type") == "date"


def test_every_link_on_the_pages_leads_somewhere(browser, server):
    page = open_page(browser, server)
    links: set[str] = set()
    for path in ("/", "/dyad/VNM/CHN", "/people", "/person/to-lam", "/search?q=Xi"):
        page.goto(path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))"):
            url = urljoin(page.url, href)
            if urlparse(url).hostname == "127.0.0.1":
                links.add(url.split("#")[0])
    # one event and one document page reached through them
    event = next(u for u in sorted(links) if "/event/" in u)
    page.goto(event)
    for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))"):
        url = urljoin(page.url, href)
        if urlparse(url).hostname == "127.0.0.1":
            links.add(url.split("#")[0])
    assert len(links) > 100
    broken = [(u, status) for u in sorted(links) if (status := page.request.get(u).status) != 200]
    assert broken == []


@pytest.mark.parametrize("path", ["/", "/dyad/VNM/CHN", "/people", "/person/xi-jinping", "/search?q=Xi"])
def test_a_phone_wide_page_does_not_overflow(browser, server, path):
    page = open_page(browser, server, width=390)
    page.goto(path)
    charts_drawn(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_one_person_one_name_on_every_page(browser, server):
    page = open_page(browser, server)
    page.goto("/dyad/VNM/CHN")
    names = page.locator("table.events a.person-link").all_inner_texts()
    assert "Tô Lâm" in names or "Xi Jinping" in names
    assert "To Lam" not in names and "Tập Cận Bình" not in names  # reports' spellings, one person each
    page.goto("/people?q=tap+can+binh")
    assert page.locator("table.people a.person-link").all_inner_texts() == ["Xi Jinping"]
