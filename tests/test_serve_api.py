"""The HTTP API against a real store built by the real pipeline, served by a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx
import pytest
import uvicorn

from newsevents import store
from newsevents.process import store_results
from newsevents.read import read_paths
from newsevents.serve import create_app

# A small corpus of obvious sentences: meetings, withdrawals, attacks, quotes, numbers, dates, places.
CORPUS = [
    {"id": "withdrawal", "published": "2016-03-15", "source": "test-wire", "url": "http://example.org/1",
     "title": "Russia begins withdrawing troops from Syria",
     "text": "Russian President Vladimir Putin ordered the withdrawal of Russian troops from Syria on Monday. "
             "Russian forces began withdrawing from the Hmeimim air base near Latakia on Tuesday. "
             "\"The task set for the Ministry of Defense has been generally accomplished,\" Putin said. "
             "About 1,000 soldiers will leave Syria by the end of March, the Kremlin said. "
             "Syrian President Bashar al-Assad agreed to the plan in a phone call with Putin. "
             "U.S. Secretary of State John Kerry welcomed the decision in Washington."},
    {"id": "ceasefire", "published": "2016-02-27", "source": "test-wire", "url": "http://example.org/2",
     "title": "Ceasefire talks in Geneva",
     "text": "United Nations envoy Staffan de Mistura met Syrian opposition leaders in Geneva on Friday. "
             "The rebels accused the Syrian government of violating the ceasefire. "
             "\"We will not accept any more attacks on civilians,\" opposition spokesman Salem al-Meslet told "
             "reporters. Turkey called on Russia to stop bombing rebel positions near Aleppo. "
             "The United Nations said 250 trucks of aid reached besieged towns in February."},
    {"id": "attack", "published": "2016-03-20", "source": "daily-test", "url": "http://example.org/3",
     "title": "Rebels attack army positions near Aleppo",
     "text": "Rebels attacked Syrian army positions near Aleppo on Sunday, killing 12 soldiers. "
             "Syrian warplanes bombed rebel-held districts of Idlib, the Syrian Observatory for Human Rights "
             "said. Protesters marched in Damascus on Saturday to demand the release of prisoners. "
             "Iran threatened to send more troops to Syria, Iranian Foreign Minister Mohammad Javad Zarif "
             "said in Tehran."},
]
_BUILT: dict[str, Path] = {}


def build_corpus_db(root: Path, pipeline) -> Path:
    """The store of CORPUS, made once per test session by the real read -> pipeline -> store path."""
    if "db" not in _BUILT:
        corpus = root / "corpus.jsonl"
        corpus.write_text("\n".join(json.dumps(doc) for doc in CORPUS) + "\n", encoding="utf-8")
        db = root / "serve.duckdb"
        report = store_results(pipeline.run(read_paths([str(corpus)], "auto")), str(db))
        assert report.written == len(CORPUS), report.errors
        _BUILT["db"] = db
    return _BUILT["db"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(db: Path | str) -> Iterator[str]:
    """create_app(db) under a real uvicorn in a background thread; yields the base URL."""
    with serving(create_app(db)) as base:
        yield base


@contextmanager
def serving(app) -> Iterator[str]:
    """An app under a real uvicorn in a background thread; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, pipeline) -> Path:
    return build_corpus_db(tmp_path_factory.mktemp("serve"), pipeline)


@pytest.fixture(scope="module")
def client(corpus_db) -> Iterator[httpx.Client]:
    with live_server(corpus_db) as base, httpx.Client(base_url=base, timeout=30) as http:
        yield http


def test_summary_counts_the_stored_corpus(client):
    body = client.get("/api/summary").json()
    assert body["counts"]["articles"] == len(CORPUS)
    assert body["counts"]["entities"] > 10
    assert body["fulltext"] == "fts"  # the extension loads from its package, offline


def test_events_below_the_default_confidence_are_hidden_unless_asked_for(client):
    from newsevents.extract.event_decision import default_threshold

    summary = client.get("/api/summary").json()
    assert summary["min_confidence"] == default_threshold()
    every = client.get("/api/events", params={"min_confidence": 0, "limit": 500}).json()
    shown = client.get("/api/events", params={"limit": 500}).json()
    assert every["total"] == summary["counts"]["events"] > 0
    assert every["total"] - shown["total"] == summary["events_below_min_confidence"]
    assert all(e["confidence"] >= summary["min_confidence"] for e in shown["items"])
    assert client.get("/api/events", params={"min_confidence": 2}).status_code == 422


def test_articles_list_paginates_without_text(client):
    page = client.get("/api/articles", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    assert "text" not in page["items"][0] and page["items"][0]["snippet"]
    rest = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    ids = {a["id"] for a in page["items"]} | {a["id"] for a in rest["items"]}
    assert len(ids) == 3
    # newest first
    assert [a["published"] for a in page["items"]] == ["2016-03-20", "2016-03-15"]


def test_full_text_search_finds_the_right_article(client):
    found = client.get("/api/articles", params={"q": "ceasefire Geneva"}).json()
    assert [a["title"] for a in found["items"]] == ["Ceasefire talks in Geneva"]
    stemmed = client.get("/api/articles", params={"q": "withdraw"}).json()  # "withdrawal", "withdrawing"
    assert [a["title"] for a in stemmed["items"]] == ["Russia begins withdrawing troops from Syria"]
    assert client.get("/api/articles", params={"q": "zebra"}).json()["total"] == 0


def test_article_comes_with_all_its_records(client):
    first = client.get("/api/articles", params={"q": "Hmeimim"}).json()["items"][0]
    record = client.get(f"/api/articles/{first['id']}").json()
    article = record["article"]
    assert "Hmeimim" in article["text"]
    assert set(record) == {"article", "entities", "quotes", "quantities", "dates", "places", "events"}
    assert record["entities"], "the entity stage found nothing"
    assert all(e["article_id"] == article["id"] for e in record["entities"])
    assert any(e["text"] == "Vladimir Putin" for e in record["entities"])


def test_unknown_article_is_404(client):
    response = client.get("/api/articles/0123456789abcdef")
    assert response.status_code == 404
    assert "no article" in response.json()["detail"]


def test_events_filters_are_consistent_with_counts(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["items"])
    by_type = client.get("/api/counts", params={"by": "type"}).json()["items"]
    assert sum(row["count"] for row in by_type) == everything["total"]
    for row in by_type:
        page = client.get("/api/events", params={"type": row["key"], "limit": 500}).json()
        assert page["total"] == row["count"]
        assert {e["type"] for e in page["items"]} == {row["key"]}


def test_events_exist_once_extraction_works(client):
    """The corpus is full of obvious events; the event stage may still be maturing."""
    total = client.get("/api/events").json()["total"]
    if total == 0:
        pytest.xfail("the event extractor produced no events yet")
    day = client.get("/api/counts", params={"by": "day"}).json()["items"]
    assert sum(row["count"] for row in day) <= total and all(len(row["key"]) == 10 for row in day)


def test_counts_and_aggregates_answer_for_every_grouping(client):
    for by in ("day", "type", "country", "place"):
        response = client.get("/api/counts", params={"by": by})
        assert response.status_code == 200, response.text
        assert response.json()["by"] == by
    for path in ("/api/actors", "/api/actors?role=speaker", "/api/places", "/api/quotes", "/api/quotes?q=civilians"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
        assert response.json()["total"] >= 0


def test_quotes_by_one_speaker(client):
    speakers = client.get("/api/actors", params={"role": "speaker", "limit": 500}).json()["items"]
    if not speakers:
        pytest.xfail("the quote extractor attributed no quotes yet")
    top = speakers[0]
    quotes = client.get("/api/quotes", params={"speaker_is": top["name"], "limit": 500}).json()
    assert quotes["total"] >= top["quotes"] > 0  # one name may come with several country/sector codings
    assert {q["speaker"] for q in quotes["items"]} == {top["name"]}


@pytest.mark.parametrize("params, message", [
    ({"limit": 100000}, "limit"),
    ({"limit": -1}, "limit"),
    ({"limit": "ten"}, "limit"),
    ({"offset": "99999999999999999999999999"}, "offset"),
    ({"since": "2016-02-30"}, "since"),
    ({"since": "2016-03-20", "until": "2016-03-01"}, "since must not be after until"),
    ({"colour": "red"}, "unknown parameter 'colour'"),
    ({"actor": "Putin\x00"}, "actor"),
    ({"country": "Russia"}, "country"),
    ({"type": "ASSAULT'; DROP TABLE events; --"}, "type"),
    ({"q": "x" * 1000}, "q"),
])
def test_bad_event_queries_are_422_with_a_message(client, params, message):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


HOSTILE = ["'", "\"", "' OR '1'='1", "%", "_", "\\", "'); DROP TABLE events; --", "1; SELECT * FROM meta",
           "é漢字🙂", "NULL", "*", "AND", "()", "match_bm25(", "--", "/*", "\x00", "\u202e", "a" * 200]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_never_cause_a_server_error(client, value):
    for path, field in [("/api/events", "q"), ("/api/events", "actor"), ("/api/events", "place"),
                        ("/api/events", "mode"), ("/api/quotes", "speaker"), ("/api/quotes", "speaker_is"), ("/api/quotes", "q"),
                        ("/api/articles", "q"), ("/api/places", "q"), ("/api/actors", "name"),
                        ("/api/counts", "q")]:
        response = client.get(path, params={field: value})
        assert response.status_code < 500, (path, field, value, response.text)
        if response.status_code == 200 and value.startswith("'"):
            assert response.json()["items"] == [], (path, field, value)
    response = client.get("/api/articles/" + quote(value, safe=""))
    assert response.status_code < 500
    assert client.get("/api/summary").json()["counts"]["articles"] == len(CORPUS)  # nothing was dropped


def test_docs_and_page_load_nothing_from_elsewhere(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/quotes", "/api/articles", "/api/articles/{article_id}", "/api/places",
            "/api/actors", "/api/counts"} <= set(schema["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "https://" not in docs.text and "http://" not in docs.text
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "https://" not in page.text and "http://" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    world = client.get("/static/vendor/world-atlas/countries-110m.json")
    assert world.status_code == 200 and len(world.content) < 1_000_000


def test_missing_database_is_503_then_served_once_it_exists(tmp_path, corpus_db):
    db = tmp_path / "later.duckdb"
    with live_server(db) as base:
        response = httpx.get(f"{base}/api/events")
        assert response.status_code == 503
        assert "no database" in response.json()["detail"]
        db.write_bytes(corpus_db.read_bytes())
        time.sleep(1.1)  # the server retries opening at most once a second
        assert httpx.get(f"{base}/api/events").status_code == 200


def test_database_locked_by_a_writer_is_503(tmp_path, corpus_db):
    db = tmp_path / "locked.duckdb"
    db.write_bytes(corpus_db.read_bytes())
    writer = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(db)!r}); print('ready', flush=True); "
                               "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        with live_server(db) as base:
            response = httpx.get(f"{base}/api/quotes")
            assert response.status_code == 503
            assert "in use by a writer" in response.json()["detail"]
            writer.stdin.close()
            writer.wait(timeout=10)
            time.sleep(1.1)
            assert httpx.get(f"{base}/api/quotes").status_code == 200
    finally:
        if writer.poll() is None:
            writer.kill()


def test_server_never_writes_to_the_database(corpus_db):
    before = corpus_db.read_bytes()
    with live_server(corpus_db) as base:
        assert httpx.get(f"{base}/api/articles", params={"q": "Syria"}).status_code == 200
    assert corpus_db.read_bytes() == before
    con = store.connect(corpus_db, read_only=True)
    try:
        schemas = {row[0] for row in con.execute("SELECT schema_name FROM duckdb_schemas()").fetchall()}
    finally:
        con.close()
    assert not any(name.startswith("fts_") for name in schemas)  # the search index lives in memory only
    assert duckdb.__version__  # the store is DuckDB; the index came from the bundled extension
