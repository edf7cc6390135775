"""`watch` against a real HTTP server on 127.0.0.1 (tests/news_site.py): what is stored after each
round, how every kind of failure is handled, and that a kill -9 mid-round loses and doubles nothing.
Nothing here leaves the loopback interface."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from news_site import NewsSite
from newsevents import store
from newsevents.cli import main
from newsevents.live import FetchConfig, Watcher
from newsevents.live.sources import canonical_url, expand_sources, parse_source
from newsevents.live.watch import parse_interval

ROOT = Path(__file__).resolve().parent.parent
UA = "newsevents-test/1.0 (+tests)"
# Short everything: a round of the failure scenario takes a few seconds, not minutes.
FAST = FetchConfig(user_agent=UA, delay=0.01, timeout=1.0, retries=1, backoff=0.05, max_retry_wait=3.0,
                   max_bytes=200_000)
FAILING = ["/missing", "/broken", "/slow", "/loop1", "/huge", "/huge-gzip", "/doc.pdf"]


def rows(db: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def pages(db: Path) -> dict[str, tuple]:
    """path -> (status, error, attempts, article_id) of every link the watcher recorded."""
    return {"/" + url.split("/", 3)[3]: (status, error, attempts, article)
            for url, status, error, attempts, article in
            rows(db, "SELECT url, status, error, attempts, article_id FROM live_pages")}


@pytest.fixture
def site():
    with NewsSite() as running:
        yield running


def publish_scenario(site: NewsSite) -> None:
    """A feed with good pages and every failure; an Atom feed and a news sitemap with one page each."""
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.article("/world/a1", 1)
    site.article("/world/a2", 2, gzip=True)
    site.article("/world/busy", 3, fail_times=1, headers={"Retry-After": "1"})  # 429, then the page
    site.set("/world/moved", "", status=301, headers={"Location": "/world/a4"})
    site.article("/world/a4", 4)
    site.set("/broken", "oops", status=500)
    site.article("/slow", 5, delay=2.5)  # past the 1 s timeout
    site.set("/loop1", "", status=302, headers={"Location": "/loop2"})
    site.set("/loop2", "", status=302, headers={"Location": "/loop1"})
    site.set("/huge", "<html><body><p>" + "word " * 60_000 + "</p></body></html>")  # 300 kB, declared
    site.set("/huge-gzip", "<html><body><p>" + "word " * 60_000 + "</p></body></html>", gzip=True)  # 300 kB inflated
    site.set("/doc.pdf", b"%PDF-1.4 not a page", content_type="application/pdf")
    site.article("/private/leak", 6)
    wire = ["/world/a1", "/world/a2", "/world/busy", "/world/moved", "/missing", *FAILING[1:], "/private/leak"]
    site.rss("/feed.xml", "Test Wire", [{"path": p, "title": f"Story {p}"} for p in wire])
    site.atom("/atom.xml", "Atom Desk", [{"path": "/world/b1", "title": "Edited story",
                                          "updated": "2026-11-02T10:00:00Z"}])
    site.article("/world/b1", 7)
    site.sitemap("/news-sitemap.xml", [{"path": "/world/c1", "lastmod": "2026-11-02", "title": "Sitemap story"}],
                 news_name="Sitemap Times")
    site.article("/world/c1", 8)
    site.set("/bad-feed.xml", "<rss><channel><item><title>cut off", content_type="application/rss+xml")


def test_rounds_store_new_pages_and_handle_every_failure(site, tmp_path, pipeline, capsys):
    publish_scenario(site)
    db = tmp_path / "live.duckdb"
    sources = tmp_path / "feeds.txt"
    sources.write_text("# the test newsroom\n" + "\n".join(
        site.url(p) + "  # a comment" for p in ["/feed.xml", "/atom.xml", "/news-sitemap.xml", "/bad-feed.xml",
                                                 "/gone.xml"]) + "\n")
    watcher = Watcher(str(db), [str(sources)], FAST, pipeline=pipeline, log=lambda line: None)

    # round 1: the good pages are stored; each failure is recorded with its reason
    first = watcher.run_round()
    stored = {url.split("/", 3)[3]: title for url, title in rows(db, "SELECT url, title FROM articles")}
    assert set(stored) == {"world/a1", "world/a2", "world/busy", "world/a4", "world/b1", "world/c1"}
    assert stored["world/a1"] == "Story /world/a1"  # the feed's title
    state = pages(db)
    assert state["/missing"][:2] == ("failed", "HTTP 404")
    assert state["/broken"][:2] == ("failed", "HTTP 500; retried next round")
    assert "timed out" in state["/slow"][1]
    assert "redirect loop" in state["/loop1"][1]
    assert "over the 200,000-byte limit" in state["/huge"][1]
    assert "over the 200,000-byte limit" in state["/huge-gzip"][1]
    assert "not an HTML page (application/pdf)" in state["/doc.pdf"][1]
    assert state["/private/leak"][:2] == ("blocked", "disallowed by robots.txt")
    assert state["/world/moved"][0] == "stored"  # a redirect, followed
    by_source = {r.url.rsplit("/", 1)[1]: r for r in first.sources}
    assert by_source["feed.xml"].new == 4 and by_source["feed.xml"].failed == len(FAILING)
    assert "malformed feed" in by_source["bad-feed.xml"].error
    assert by_source["gone.xml"].error == "HTTP 404"
    # polite: one robots.txt, our User-Agent everywhere, one retry of the 429 after its Retry-After,
    # nothing but what was asked (no images, scripts, styles), nothing under /private/
    requested = site.paths()
    assert requested.count("/robots.txt") == 1
    assert requested.count("/world/busy") == 2
    assert {headers["user-agent"] for _, headers in site.requests} == {UA}
    assert not [p for p in requested if p.startswith(("/images", "/static", "/private"))]

    # round 2: the Atom entry was edited (new text, new `updated`); /missing appeared; the RSS feed did not change
    site.article("/world/b1", 7, edit=1)
    site.atom("/atom.xml", "Atom Desk", [{"path": "/world/b1", "title": "Edited story",
                                          "updated": "2026-11-02T12:30:00Z"}])
    site.article("/missing", 9)
    old_b1 = state["/world/b1"][3]
    before = len(site.requests)
    second = watcher.run_round()
    new_b1 = pages(db)["/world/b1"][3]
    assert new_b1 != old_b1
    for table in ("articles", *store.RECORD_TABLES, "article_minhash"):
        key = "id" if table == "articles" else "article_id"
        assert rows(db, f"SELECT count(*) FROM {table} WHERE {key} = ?", [old_b1])[0][0] == 0, table
    assert rows(db, "SELECT count(*) FROM articles WHERE id = ?", [new_b1])[0][0] == 1
    # the new version's records are stored (its entities and places: the event decision may keep none)
    for table in ("entities", "places"):
        assert rows(db, f"SELECT count(*) FROM {table} WHERE article_id = ?", [new_b1])[0][0] >= 1, table
    assert rows(db, "SELECT count(*), count(DISTINCT url) FROM articles")[0] == (7, 7)
    assert pages(db)["/broken"][2] == 2  # tried again, still failing
    feed_requests = [h for p, h in site.requests[before:] if p == "/feed.xml"]
    assert feed_requests and "if-none-match" in feed_requests[0]  # conditional GET: answered 304
    assert second.stored == 2 and second.removed == 1

    # round 3: nothing new, nothing stored
    third = watcher.run_round()
    assert third.stored == 0 and rows(db, "SELECT count(*) FROM articles")[0][0] == 7
    watcher.close()

    # summary: each source's article count, last success, last error
    capsys.readouterr()
    assert main(["summary", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"source {site.url('/feed.xml')}: 5 articles, last success 20" in out
    assert f"source {site.url('/atom.xml')}: 1 articles" in out
    assert "/bad-feed.xml: 0 articles, last success never, last error" in out and "malformed feed" in out


def test_same_story_from_two_sources_joins_one_cluster(tmp_path, pipeline):
    """A wire story republished by a second outlet (another host, its own headline line) is one story."""
    with NewsSite() as wire, NewsSite() as paper:
        wire.article("/story", 11)
        paper.article("/local/story", 11, edit=1)  # the same report with one more paragraph
        wire.article("/other", 12)
        wire.rss("/rss", "Wire", [{"path": "/story"}, {"path": "/other"}])
        paper.sitemap("/sitemap.xml", [{"path": "/local/story", "lastmod": "2026-11-02"}])
        db = tmp_path / "two.duckdb"
        watcher = Watcher(str(db), [wire.url("/rss"), paper.url("/sitemap.xml")], FAST, pipeline=pipeline,
                          log=lambda line: None)
        assert watcher.run_round().stored == 3
        watcher.close()
    clusters = dict(rows(db, "SELECT url, cluster_id FROM articles"))
    assert clusters[wire.url("/story")] is not None
    assert clusters[wire.url("/story")] == clusters[paper.url("/local/story")]
    assert clusters[wire.url("/other")] != clusters[wire.url("/story")]


def test_kill_during_a_round_then_restart_loses_and_doubles_nothing(tmp_path):
    """`watch --once` in a subprocess, killed with SIGKILL while pages are still arriving; the
    restarted run stores every article exactly once."""
    total = 12
    with NewsSite() as site:
        gate = threading.Event()
        for number in range(total):
            # the last pages are held back until the kill: the round is surely in progress
            site.article(f"/n/{number}", 100 + number, gate=gate if number >= 8 else None)
        site.rss("/feed.xml", "Wire", [{"path": f"/n/{n}"} for n in range(total)])
        db = tmp_path / "kill.duckdb"
        command = [sys.executable, "-m", "newsevents", "watch", site.url("/feed.xml"), "--db", str(db), "--once",
                   "--delay", "0", "--timeout", "30", "--connections", "4", "--per-host", "4"]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        committed = threading.Event()
        output: list[str] = []

        def read_progress() -> None:
            for line in process.stderr:
                output.append(line)
                if line.startswith("committed"):
                    committed.set()

        threading.Thread(target=read_progress, daemon=True).start()
        assert committed.wait(timeout=120), "".join(output)  # a first batch is in the store
        assert process.poll() is None, "".join(output)
        process.send_signal(signal.SIGKILL)
        process.wait()
        gate.set()
        kept = rows(db, "SELECT count(*) FROM articles")[0][0]
        assert 0 < kept < total  # killed mid-round, with something committed
        rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
        assert rerun.returncode == 0, rerun.stderr
    assert rows(db, "SELECT count(*), count(DISTINCT id), count(DISTINCT url) FROM articles")[0] == (total,) * 3
    assert rows(db, "SELECT count(*), count(DISTINCT url) FROM live_pages WHERE status = 'stored'")[0] == (total,) * 2
    for table in store.RECORD_TABLES:
        doubled = rows(db, f"SELECT count(*) FROM (SELECT article_id, seq FROM {table} "
                           "GROUP BY ALL HAVING count(*) > 1)")[0][0]
        assert doubled == 0, table
    assert rows(db, "SELECT count(DISTINCT article_id) FROM entities")[0][0] == total  # every article's rows


def test_sources_urls_and_intervals_are_read_as_documented(tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("# feeds\n\nhttps://example.org/rss  # world desk\nhttps://example.org/rss\n"
                       "http://example.net/sitemap.xml\n")
    assert expand_sources([str(listing), "https://example.com/atom"]) == [
        "https://example.org/rss", "http://example.net/sitemap.xml", "https://example.com/atom"]
    with pytest.raises(ValueError, match="neither an http"):
        expand_sources([str(tmp_path / "nope.txt")])
    (tmp_path / "bad.txt").write_text("ftp://example.org/feed\n")
    with pytest.raises(ValueError, match="bad.txt:1: not an http"):
        expand_sources([str(tmp_path / "bad.txt")])
    assert canonical_url("HTTPS://Example.ORG:443/a/b?utm_source=x&id=3#top") == "https://example.org/a/b?id=3"
    assert canonical_url("http://example.org") == "http://example.org/"
    assert [parse_interval(t) for t in ("15m", "30s", "1h", "90")] == [900, 30, 3600, 90]
    with pytest.raises(ValueError, match="--every"):
        parse_interval("soon")
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>https://example.org/s1.xml</loc></sitemap></sitemapindex>")
    assert parse_source(index, "https://example.org/").sitemaps == ["https://example.org/s1.xml"]
    entity = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
              b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/&e;</loc>'
              b"</url></urlset>")
    items = parse_source(entity, "https://example.org/").items
    assert all("root:" not in item.url for item in items)  # no external entity is ever read


def test_watch_cli_once_reports_and_exits_with_status(site, tmp_path, capsys):
    """The command itself: a missing source file is a usage error (2); a failing page gives status 1."""
    assert main(["watch", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.duckdb"), "--once"]) == 2
    assert "neither an http(s) URL nor a file" in capsys.readouterr().err
    site.rss("/feed.xml", "Empty", [{"path": "/nothing-here"}])
    status = main(["watch", site.url("/feed.xml"), "--db", str(tmp_path / "x.duckdb"), "--once", "--delay", "0",
                   "--timeout", "2"])
    err = capsys.readouterr().err
    assert status == 1
    assert "/nothing-here: HTTP 404" in err and "round 1: 1 sources, 0 pages fetched" in err
