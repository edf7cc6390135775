"""`serve --watch`: one process, the API in front and the watcher's rounds in a background thread,
sharing one DuckDB instance. The API keeps answering (never a 503) while a round writes."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from news_site import NewsSite
from newsevents.live import FetchConfig, Watcher
from newsevents.serve import create_app
from newsevents.serve.live import start_watching
from test_serve_api import serving

ROOT = Path(__file__).resolve().parent.parent
FAST = FetchConfig(delay=0.0, per_host=4, timeout=5.0, retries=1, backoff=0.05)


@contextmanager
def serving_while_watching(db: Path, sources: list[str], pipeline, every: float = 0.5,
                           poll_seconds: float = 0.5) -> Iterator[tuple[str, Watcher]]:
    """What `serve --db DB --watch SOURCES` runs, in this process: uvicorn in a thread, rounds in another."""
    watcher = Watcher(str(db), sources, FAST, pipeline=pipeline, log=lambda line: None)
    app = create_app(db, watcher=watcher, poll_seconds=poll_seconds)
    with app.state.db.cursor():  # owns the store from the start, as serve() does
        pass
    try:
        with serving(app) as base:
            rounds, stop = start_watching(watcher, every)
            try:
                yield base, watcher
            finally:
                stop.set()
                rounds.join(timeout=60)
    finally:
        watcher.close()
        app.state.db.close()


def test_api_answers_while_rounds_write(tmp_path, pipeline):
    db = tmp_path / "watched.duckdb"
    with NewsSite() as site:
        site.rss("/feed.xml", "Wire", [])
        with serving_while_watching(db, [site.url("/feed.xml")], pipeline) as (base, watcher), \
                httpx.Client(base_url=base, timeout=30) as http:
            opened = http.get("/api/changes").json()
            assert opened["poll_seconds"] == 0.5 and opened["watch"] is not None
            for number in range(12):
                site.article(f"/n/{number}", 300 + number)
            site.rss("/feed.xml", "Wire", [{"path": f"/n/{n}"} for n in range(12)])
            statuses: Counter[int] = Counter()
            during_round = 0
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                for path in ("/api/summary", "/api/events?limit=5", "/api/articles?q=talks",
                             f"/api/changes?since={opened['latest']}"):
                    running = watcher.running
                    statuses[http.get(path).status_code] += 1
                    during_round += running
                if http.get("/api/summary").json()["counts"]["articles"] == 12 and not watcher.running:
                    break
                time.sleep(0.05)
            changes = http.get("/api/changes", params={"since": opened["latest"]}).json()
            assert http.get("/api/changes", params={"since": "yesterday"}).status_code == 422
            # a second process cannot open the store this one owns, and says why
            other = subprocess.run([sys.executable, "-m", "newsevents", "summary", "--db", str(db)],
                                   capture_output=True, text=True, timeout=60)
    assert set(statuses) == {200}, statuses
    assert during_round > 0  # requests really were answered while a round was writing
    assert changes["articles"] == 12 and changes["events"] > 0
    assert changes["watch"]["last_round"] is not None
    assert other.returncode == 2 and "in use by another process" in other.stderr
