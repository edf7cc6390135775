"""The web page under `serve --watch`, in Debian's Chromium: a round stores new articles while the
page is open, and the page shows the "new since you opened" count and the new events without a reload."""

from __future__ import annotations

import shutil
import time

import httpx
import pytest

from news_site import NewsSite
from test_live_serve import serving_while_watching
from test_serve_browser import CHROMIUM_ARGS

pytestmark = pytest.mark.browser


def test_new_events_appear_while_the_page_is_open(tmp_path, pipeline):
    if not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); browser tests skipped")
    sync_api = pytest.importorskip("playwright.sync_api")
    db = tmp_path / "browser-watch.duckdb"
    with NewsSite() as site:
        site.article("/n/0", 400)
        site.rss("/feed.xml", "Wire", [{"path": "/n/0"}])
        with serving_while_watching(db, [site.url("/feed.xml")], pipeline) as (base, watcher), \
                sync_api.sync_playwright() as p:
            deadline = time.monotonic() + 120
            while httpx.get(f"{base}/api/summary").json()["counts"]["articles"] == 0:  # one is in before we open
                assert time.monotonic() < deadline, "the first round stored nothing"
                time.sleep(0.1)
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            outside: list[str] = []
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                       else (outside.append(route.request.url), route.abort()))
            errors: list[str] = []
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.goto(f"{base}/#/events")
            page.wait_for_selector('body[data-ready="events"]:not([data-loading])', timeout=20_000)
            before = page.locator("#events-table tbody tr[data-type]").count()
            assert page.locator("#live").is_hidden() or page.locator("#live").get_attribute("data-events") == "0"
            # publish three more stories; the next round stores them while the page stays open
            for number in range(1, 4):
                site.article(f"/n/{number}", 400 + number)
            site.rss("/feed.xml", "Wire", [{"path": f"/n/{n}"} for n in range(4)])
            page.wait_for_function(
                "() => Number(document.getElementById('live').dataset.events || 0) > 0", timeout=120_000)
            badge = page.locator("#live").inner_text()
            page.wait_for_function(f"() => document.querySelectorAll('#events-table tbody tr[data-type]').length > {before}",
                                   timeout=30_000)
            summary = page.locator("#summary").inner_text()
            browser.close()
    assert "new event" in badge and "since you opened" in badge
    assert summary.startswith("4 articles")
    assert outside == [] and errors == []
