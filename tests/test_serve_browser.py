"""The web page in a real browser: Debian's Chromium driven by Playwright, against a real server.

Nothing is downloaded: Playwright's own browser builds are never installed; the test uses
/usr/bin/chromium and skips, saying why, when it is missing.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Iterator

import pytest

from test_serve_api import build_corpus_db, live_server

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB/RGBA PNG (what Chromium writes): (width, height, pixels)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upper_left)) & 255
        rows.append(line)
        previous = line
    pixels = [bytes(row[x:x + 3]) for row in rows for x in range(0, stride, channels)]
    return width, height, pixels


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, pipeline) -> Iterator[str]:
    if not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); browser tests skipped")
    db = build_corpus_db(tmp_path_factory.mktemp("browser"), pipeline)
    with live_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def page(base_url):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})

        def only_local(route):
            if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
                route.continue_()
            else:  # the page must work offline: any other request is recorded and refused
                SEEN["outside requests"].append(route.request.url)
                route.abort()

        page.route("**/*", only_local)
        page.on("console", lambda m: m.type == "error" and SEEN["console errors"].append(m.text))
        yield page
        browser.close()


SEEN: dict[str, list[str]] = {"outside requests": [], "console errors": []}


def open_view(page, base_url: str, fragment: str, view: str) -> None:
    page.goto(f"{base_url}/{fragment}")
    page.wait_for_selector(f'body[data-ready="{view}"]:not([data-loading])', timeout=20_000)


def test_events_table_loads_and_filters(page, base_url):
    open_view(page, base_url, "#/events", "events")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() >= 1
    assert "event" in page.locator("#events-count").inner_text()
    options = page.locator('#filters select[name="type"] option').all()
    if len(options) > 1:  # events exist: filter on the first type and check every row has it
        chosen = options[1].get_attribute("value")
        page.select_option('#filters select[name="type"]', chosen)
        page.click("#apply")
        page.wait_for_selector('body[data-ready="events"]:not([data-loading])')
        types = page.locator("#events-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.type)")
        assert types and set(types) == {chosen}
    page.fill('#filters input[name="q"]', "zzzqqq")
    page.click("#apply")
    page.wait_for_selector("#events-table td.empty")
    assert page.locator("#events-count").inner_text().startswith("0 events")
    page.click("#reset")
    assert page.locator("#notice").is_hidden()


def test_article_view_highlights_records(page, base_url):
    open_view(page, base_url, "#/articles", "articles")
    page.wait_for_selector("#articles li")
    assert page.locator("#articles li").count() == 3
    page.locator("#articles a.article-link", has_text="withdrawing troops").click()
    page.wait_for_selector('body[data-ready="article"]:not([data-loading])')
    text = page.locator("#article-text").inner_text()
    assert "Hmeimim air base" in text
    assert page.locator("#article-text span.ent").count() >= 3
    assert page.locator("#article-text span.ent", has_text="Putin").count() >= 1
    links = page.locator("#records a.evidence-link")
    if links.count():  # each event links to its evidence sentence, which lights up
        links.first.click()
        page.wait_for_selector("#article-text .evsent.active")
    png = page.screenshot(full_page=False)
    width, height, pixels = png_pixels(png)
    assert (width, height) == (1280, 860)
    assert len(set(pixels)) > 30, "the screenshot is (nearly) blank"


def test_timeline_map_and_quotes_render(page, base_url):
    open_view(page, base_url, "#/map", "map")
    assert page.locator("#map svg path.country").count() > 150  # the bundled world outlines
    open_view(page, base_url, "#/timeline", "timeline")
    assert page.locator("#timeline-chart svg rect.bar, #timeline-chart .empty").count() >= 1
    open_view(page, base_url, "#/quotes", "quotes")
    assert page.locator("#speakers li").count() >= 1  # "All speakers" at least
    assert page.locator("#quotes .quote-card, #quotes .empty").count() >= 1
    open_view(page, base_url, "#/events", "events")


def test_page_asked_nothing_of_the_internet(page, base_url):
    open_view(page, base_url, "#/map", "map")
    assert SEEN["outside requests"] == []
    assert SEEN["console errors"] == []


def test_api_docs_render_offline(page, base_url):
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".opblock", timeout=20_000)  # swagger-ui drew the operations from /openapi.json
    assert page.locator(".opblock").count() >= 7
    assert SEEN["outside requests"] == []
