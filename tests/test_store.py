"""The DuckDB store: replace-not-duplicate, exports that round-trip, schema version, locking."""

from __future__ import annotations

import duckdb
import pytest

from newsevents import store
from newsevents.model import Document
from newsevents.process import process_paths

ARTICLE_A = """Troops Leave Border Town

Government troops withdrew from the border town of Kassala on Monday, officials said.
Interior Minister Ahmed Salih said 300 soldiers had left the area.
"""
ARTICLE_B = """Talks Open In Geneva

Delegations from Iran and the United States met in Geneva on Tuesday for talks on the nuclear deal.
"We are here to listen," said Iranian Foreign Minister Abbas Araghchi.
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A)
    (folder / "b.txt").write_text(ARTICLE_B)
    return folder


def _counts(db):
    con = store.connect(db, read_only=True)
    try:
        return store.summary(con)
    finally:
        con.close()


def test_processing_twice_keeps_each_article_once(corpus, tmp_path):
    db = str(tmp_path / "x.duckdb")
    first = process_paths([str(corpus)], db, published="2024-05-06")
    assert first.written == 2 and not first.errors
    once = _counts(db)
    second = process_paths([str(corpus)], db, published="2024-05-06")
    assert second.skipped == 2 and second.written == 0
    forced = process_paths([str(corpus)], db, published="2024-05-06", force=True)
    assert forced.written == 2
    assert _counts(db) == once
    assert once["articles"] == 2 and once["entities"] > 0


def test_rewriting_an_article_replaces_its_rows_in_one_go(pipeline, tmp_path):
    db = str(tmp_path / "y.duckdb")
    result = pipeline.extract(Document(id="a", text=ARTICLE_A, published="2024-05-06"))
    con = store.connect(db)
    store.write_results(con, [result])
    n_entities = con.execute("SELECT count(*) FROM entities").fetchone()[0]
    store.write_results(con, [result, result])
    assert con.execute("SELECT count(*) FROM entities").fetchone()[0] == n_entities
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    con.close()


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_round_trips(corpus, tmp_path, fmt):
    db = str(tmp_path / "z.duckdb")
    process_paths([str(corpus)], db, published="2024-05-06")
    con = store.connect(db, read_only=True)
    files = store.export(con, tmp_path / "out", fmt)
    reader = {"parquet": "read_parquet", "csv": "read_csv_auto", "jsonl": "read_json_auto"}[fmt]
    for table in ("articles", "entities"):
        path = next(f for f in files if f.stem == table)
        exported = con.execute(f"SELECT count(*) FROM {reader}('{path}')").fetchone()[0]
        assert exported == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
    if fmt == "parquet":
        original = con.execute("SELECT * EXCLUDE (processed_at) FROM articles ORDER BY id").fetchall()
        back = con.execute(
            f"SELECT * EXCLUDE (processed_at) FROM read_parquet('{tmp_path / 'out' / 'articles.parquet'}') ORDER BY id"
        ).fetchall()
        assert back == original
    con.close()


def test_a_database_of_another_schema_version_is_refused(tmp_path):
    db = str(tmp_path / "old.duckdb")
    store.connect(db).close()
    con = duckdb.connect(db)
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(store.StoreError, match="schema version 999"):
        store.connect(db)


def test_a_foreign_duckdb_file_is_refused_for_reading(tmp_path):
    db = str(tmp_path / "other.duckdb")
    con = duckdb.connect(db)
    con.execute("CREATE TABLE t (x INT)")
    con.close()
    with pytest.raises(store.StoreError, match="not a newsevents database"):
        store.connect(db, read_only=True)


def test_missing_database_is_a_clear_error_for_reading(tmp_path):
    with pytest.raises(store.StoreError, match="no database"):
        store.connect(str(tmp_path / "nope.duckdb"), read_only=True)
