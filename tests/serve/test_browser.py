"""The page in a real headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; never a browser Playwright downloads), served by uvicorn on loopback.

It loads the page on the page store, filters by type and by date, clicks a marker,
opens the event and finds the evidence highlighted and the ledger, opens the hostile
article and finds its markup shown as text with no script run. Screenshots go to
$SITREP_ARTIFACTS (default: artifacts/screenshots in the repo, not committed).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import HOSTILE_TITLE

CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("SITREP_ARTIFACTS",
                            Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"))

pytestmark = pytest.mark.skipif(not shutil.which(CHROMIUM),
                                reason=f"no Chromium at {CHROMIUM} (.ci/run installs Debian's)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(page_db: str) -> Iterator[str]:
    import uvicorn

    from sitrep.serve import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(page_db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start in 30 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Watched:
    """A page with what went wrong on it: console errors, failed requests, dialogs
    (an alert() from hostile text would be one), CSP violations."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.base = base_url
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed {r.url}"))

        def dialog(d: Any) -> None:
            self.problems.append(f"dialog: {d.message}")
            d.dismiss()
        self.page.on("dialog", dialog)

    def open(self, hash_: str, view: str) -> Any:
        self.page.goto(f"{self.base}/{hash_}")
        return self.ready(view)

    def ready(self, view: str, rendered: str = "") -> Any:
        """Wait until the page has drawn `view`; `rendered` (a CSS attribute test on the
        hash it drew, as "*='type=Riots'") makes sure it is the drawing of a new hash,
        not the one before it."""
        selector = f"body[data-ready='{view}']"
        if rendered:
            selector += f"[data-rendered{rendered}]"
        self.page.wait_for_selector(selector, timeout=20_000)
        return self.page

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def watched(browser: Any, base_url: str) -> Iterator[Watched]:
    w = Watched(browser, base_url)
    yield w
    w.page.close()
    assert w.problems == []


class Spot:
    """A marker on view: where its centre is, and its data attributes."""

    def __init__(self, page: Any, x: float, y: float, item: Any) -> None:
        self.page, self.x, self.y = page, x, y
        self.n = int(item.get_attribute("data-n"))
        self.id = item.get_attribute("data-id")
        self.label = item.locator("title").text_content()

    def click(self) -> None:
        # by position: the map redraws its markers after each zoom, so a handle on
        # the element itself may point at another marker by then
        self.page.mouse.click(self.x, self.y)


def _on_view(page: Any, selector: str) -> list[Spot]:
    """The markers matching `selector` whose centre lies inside the map's box."""
    page.wait_for_timeout(300)  # let the markers of the last zoom arrive
    box = page.locator("#map").bounding_box()
    found = []
    for item in page.locator(selector).all():
        at = item.bounding_box()
        if not at:
            continue
        x, y = at["x"] + at["width"] / 2, at["y"] + at["height"] / 2
        if box["x"] + 30 < x < box["x"] + box["width"] - 30 \
                and box["y"] + 30 < y < box["y"] + box["height"] - 30:
            found.append(Spot(page, x, y, item))
    return found


def _rows(page: Any) -> list[list[str]]:
    return [[c.inner_text() for c in row.query_selector_all("td")]
            for row in page.query_selector_all("#events-table tbody tr.row")]


def test_the_page_shows_map_timeline_and_table_and_filters_them(watched: Watched) -> None:
    page = watched.open("", "events")
    total = page.request.get(f"{watched.base}/api/events").json()["total"]
    assert len(_rows(page)) == min(total, 50) > 0
    assert page.locator("#map path").count() > 100  # the countries of the basemap
    assert page.locator("#map .marker").count() >= 2
    assert page.locator("#timeline rect").count() >= 3
    assert f"{total} events match" in page.inner_text("#selection")
    watched.shot("events")

    page.select_option("select[name=type]", "Riots")
    page.click("#filters button[type=submit]")
    page.wait_for_url(lambda url: "type=Riots" in url)
    page = watched.ready("events", "*='type=Riots'")
    riots = page.request.get(f"{watched.base}/api/events?type=Riots").json()["total"]
    assert len(_rows(page)) == riots > 0
    assert all(row[1] == "Violent demonstration" or "riot" in row[1].lower()
               for row in _rows(page))

    page.click("#filters button[type=reset]")
    page.wait_for_url(lambda url: "type=" not in url)
    page = watched.ready("events", "='#/'")
    page.fill("input[name=since]", "2024-06-01")
    page.fill("input[name=until]", "2024-06-30")
    page.click("#filters button[type=submit]")
    page.wait_for_url(lambda url: "since=2024-06-01" in url)
    page = watched.ready("events", "*='since=2024-06-01'")
    days = [row[0] for row in _rows(page)]
    assert days and all("2024-06-01" <= d <= "2024-06-30" for d in days)
    assert page.locator("#timeline rect.brush").count() == 1
    watched.shot("events-june")


def test_a_marker_opens_its_event_with_evidence_and_ledger(watched: Watched) -> None:
    page = watched.open("", "events")
    for _ in range(10):  # zoom in on groups until a marker on view stands for one event
        if _on_view(page, "#map .marker[data-n='1']"):
            break
        _on_view(page, "#map .marker")[-1].click()
        page.wait_for_timeout(500)
    marker = _on_view(page, "#map .marker[data-n='1']")[0]
    event_id = marker.id
    marker.click()
    page.wait_for_url(lambda url: url.endswith(f"#/event/{event_id}"))
    page = watched.ready("event", f"='#/event/{event_id}'")
    assert page.locator("h1").inner_text()
    assert page.locator(".report .hl.evidence").count() >= 1
    assert page.locator("table.record tbody tr").count() >= 8
    assert page.locator("#ledger").is_visible()
    watched.shot("event")


def test_a_group_at_one_point_lists_its_events(watched: Watched) -> None:
    page = watched.open("", "events")
    for _ in range(10):  # zoom in on groups until one whose events share a point shows
        groups = _on_view(page, "#map .marker:not([data-n='1'])")
        spots = [g for g in groups if " at " in g.label]  # "4 events at Nairobi"
        (spots or groups)[0].click()
        if spots:
            break
    page.wait_for_url(lambda url: "bbox=" in url)
    page = watched.ready("events", "*='bbox='")
    assert len(_rows(page)) == spots[0].n
    place = spots[0].label.split(" at ", 1)[1]
    assert all(row[2].startswith(place) for row in _rows(page))
    page.locator("#events-table tbody tr.row a").first.click()
    watched.ready("event")


def test_the_ledger_puts_the_sides_of_a_dispute_next_to_each_other(watched: Watched) -> None:
    events = watched.page.request.get(f"{watched.base}/api/events?limit=500").json()["items"]
    disputed = [e for e in events if e["contradictions"]]
    if not disputed:
        pytest.skip("the page store has no disputed event")
    page = watched.open(f"#/event/{disputed[0]['id']}", "event")
    assert page.locator(".ledger .dispute").count() == disputed[0]["contradictions"]
    assert page.locator(".ledger .dispute").first.locator(".side-claim").count() >= 2
    watched.shot("ledger")


def test_hostile_text_is_shown_as_text_and_runs_nothing(watched: Watched,
                                                        hostile_id: str) -> None:
    page = watched.open(f"#/article/{hostile_id}", "article")
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    text = page.inner_text(".columns .text")
    assert '<script>alert("text")</script>' in text and "onerror=alert(1)" in text
    assert page.locator("script").count() == 1  # the page's own module
    assert page.locator("[onerror], [onmouseover], img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert "javascript:alert(6)" in page.inner_text("#view-article")  # shown, not linked
    watched.shot("hostile-article")
    (event,) = page.request.get(f"{watched.base}/api/events?source=Wire").json()["items"]
    page = watched.open(f"#/event/{event['id']}", "event")
    assert page.locator(".report .hl.evidence").count() >= 1
    assert page.locator("[onerror], [onmouseover], img").count() == 0


def test_a_statement_link_opens_the_article_at_that_statement(watched: Watched) -> None:
    page = watched.open("#/statements", "statements")
    link = page.locator("#view-statements a", has_text="in context").first
    href = link.get_attribute("href")
    link.click()
    page = watched.ready("article")
    statement_id = href.rsplit("/", 1)[1]
    assert page.locator(f"#s-{statement_id}.flash").count() == 1
