"""Screenshots of every view of the web page, for review: events, timeline, map, quotes, article.

Starts `newsevents serve` on a free local port over DB (a synthetic one when not given), drives
Debian's Chromium with Playwright (no internet needed, nothing downloaded) and writes PNGs.
Usage: .venv/bin/python bench/serve_screens.py [--db FILE] [--out /tmp/screens]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import httpx

from serve_data import build
from serve_load import running_server

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def take(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def view(fragment: str, name: str, ready: str) -> None:
            page.goto(f"{base}/{fragment}")
            page.wait_for_selector(f'body[data-ready="{name}"]:not([data-loading])')
            page.wait_for_selector(ready)
            path = out / f"{name}.png"
            page.screenshot(path=str(path), full_page=False)
            shots.append(path)

        view("#/events", "events", "#events-table tbody tr")
        view("#/timeline", "timeline", "#timeline-chart svg, #timeline-chart .empty")
        view("#/map", "map", "#map svg")
        view("#/quotes", "quotes", "#quotes .quote-card, #quotes .empty")
        first = httpx.get(f"{base}/api/events?limit=1").json()
        if first["items"]:
            ev = first["items"][0]
            view(f"#/article/{ev['article_id']}/event/{ev['seq']}", "article", "#article-text span")
        else:
            articles = httpx.get(f"{base}/api/articles?limit=1").json()
            view(f"#/article/{articles['items'][0]['id']}", "article", "#article-text")
        browser.close()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database to show (default: a synthetic 2,000-event one)")
    parser.add_argument("--out", default="/tmp/screens")
    args = parser.parse_args()
    if not shutil.which("chromium"):
        sys.exit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(build(Path(tmp) / "screens.duckdb", 2_000))
        with running_server(db) as base:
            for path in take(base, Path(args.out)):
                print(path)


if __name__ == "__main__":
    main()
