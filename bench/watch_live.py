"""`serve --watch` end to end: a local news site (127.0.0.1) publishes ROUNDS x PER_ROUND new articles,
`newsevents serve --db DB --watch FEED` runs as a real process, Chromium keeps the web page open, and
a poller hammers the API the whole time. Prints: whether every article appears exactly once, what the
page shows as new since it was opened, the API errors (non-200 answers), and per-round latencies.

    .venv/bin/python bench/watch_live.py [--rounds 10] [--per-round 20] [--every 5]
"""

from __future__ import annotations

import argparse
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import duckdb
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from news_site import NewsSite  # noqa: E402
from test_serve_api import free_port  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
FEED_LENGTH = 40  # entries a feed lists (the newest): older articles drop out of it, as on real sites


def poll_api(base: str, stop: threading.Event, statuses: Counter, failures: list[str], seconds: list[float]) -> None:
    """Read the API as a dashboard would, until stopped; records each answer's status and time."""
    with httpx.Client(base_url=base, timeout=30) as http:
        while not stop.is_set():
            for path in ("/api/summary", "/api/events?limit=20", "/api/articles?limit=20", "/api/changes",
                         "/api/counts?by=type"):
                started = time.perf_counter()
                try:
                    status = http.get(path).status_code
                    seconds.append(time.perf_counter() - started)
                except httpx.HTTPError as exc:
                    status = 0
                    failures.append(f"{path}: {exc}")
                statuses[status] += 1
                if status != 200:
                    failures.append(f"{path}: HTTP {status}")
            time.sleep(0.25)  # a few dashboards' worth of reads (the page itself polls every 5 s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per-round", type=int, default=20)
    parser.add_argument("--every", default="5", help="seconds between watch rounds")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="watch-live-"))
    db = tmp / "live.duckdb"
    published: list[str] = []
    latencies: list[float] = []
    statuses: Counter = Counter()
    failures: list[str] = []
    answer_seconds: list[float] = []
    with NewsSite() as site:
        site.set("/robots.txt", "User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
        site.rss("/feed.xml", "Bench Wire", [])
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (tmp / "serve.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "newsevents", "serve", "--db", str(db), "--port", str(port),
             "--watch", site.url("/feed.xml"), "--every", f"{args.every}s", "--delay", "0.05", "--per-host", "4"],
            stdout=log, stderr=subprocess.STDOUT)
        started = time.monotonic()
        try:
            while True:
                try:
                    if httpx.get(f"{base}/api/summary", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.monotonic() - started > 120:
                    sys.exit(f"the server did not start; see {tmp / 'serve.log'}")
                time.sleep(0.2)
            stop = threading.Event()
            poller = threading.Thread(target=poll_api, args=(base, stop, statuses, failures, answer_seconds), daemon=True)
            poller.start()
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                page.goto(f"{base}/#/events")
                page.wait_for_selector('body[data-ready="events"]:not([data-loading])', timeout=60_000)
                opened = httpx.get(f"{base}/api/changes", timeout=30).json()["latest"]
                for number in range(args.rounds):
                    fresh = [f"/news/{number}/{i}" for i in range(args.per_round)]
                    for i, path in enumerate(fresh):
                        site.article(path, 1000 + number * args.per_round + i)
                    published += fresh
                    site.rss("/feed.xml", "Bench Wire", [{"path": p, "title": p} for p in published[-FEED_LENGTH:]])
                    t0 = time.monotonic()
                    while httpx.get(f"{base}/api/summary", timeout=30).json()["counts"]["articles"] < len(published):
                        if time.monotonic() - t0 > 900 or server.poll() is not None:
                            sys.exit(f"round {number + 1}: articles did not all appear; see {tmp / 'serve.log'}")
                        time.sleep(0.2)
                    latencies.append(time.monotonic() - t0)
                    print(f"round {number + 1}: {len(published)} articles visible in the API "
                          f"{latencies[-1]:.1f} s after publishing", flush=True)
                changes = httpx.get(f"{base}/api/changes", params={"since": opened}, timeout=30).json()
                page.wait_for_function(
                    f"() => Number(document.getElementById('live').dataset.events || -1) === {changes['events']}",
                    timeout=60_000)
                badge = page.locator("#live").inner_text()
                rows_on_page = page.locator("#events-table tbody tr[data-type]").count()
                browser.close()
            stop.set()
            poller.join(timeout=30)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
    con = duckdb.connect(str(db), read_only=True)
    stored = [url for (url,) in con.execute("SELECT url FROM articles").fetchall()]
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    expected = {site.url(p) for p in published}
    counts = Counter(stored)
    print(f"published {len(published)} articles in {args.rounds} rounds of {args.per_round}; "
          f"stored {len(stored)}, distinct {len(counts)}, missing {len(expected - set(counts))}, "
          f"duplicated {sum(1 for n in counts.values() if n > 1)}, other {len(set(counts) - expected)}")
    print(f"events stored: {events}; new since the page was opened (API): {changes['events']} events in "
          f"{changes['articles']} articles; the page shows: {badge!r}; event rows on the page: {rows_on_page}")
    print(f"API requests during the run: {sum(statuses.values())}, errors (non-200 or failed): "
          f"{sum(n for s, n in statuses.items() if s != 200)}" + (f" e.g. {failures[0]}" if failures else ""))
    answer_seconds.sort()
    print(f"API answer time: median {statistics.median(answer_seconds) * 1000:.0f} ms, "
          f"95th percentile {answer_seconds[int(0.95 * (len(answer_seconds) - 1))] * 1000:.0f} ms, "
          f"max {answer_seconds[-1] * 1000:.0f} ms")
    print(f"publish -> visible in the API: median {statistics.median(latencies):.1f} s, "
          f"max {max(latencies):.1f} s (rounds every {args.every} s)")


if __name__ == "__main__":
    main()
