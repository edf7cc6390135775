"""Corpus scale: a process pool, a Dask cluster and Parquet partitions give the records of one
process; reruns skip what is stored; the corpus tables (clusters, actors, merged events) follow."""

from __future__ import annotations

import json

import duckdb
import pytest

from newsevents import store
from newsevents.cli import main
from newsevents.process import process_paths
from newsevents.scale import process_parallel

ARTICLES = [
    ("a1", "2016-03-15", "Russian President Vladimir Putin ordered the withdrawal of most Russian troops from "
     "Syria on Monday. Putin told Defense Minister Sergei Shoigu to begin the pullout on Tuesday. "
     "\"The task set before the armed forces has been accomplished,\" Putin said at the Kremlin. "
     "About 1,000 soldiers were expected to leave the Hmeimim air base near Latakia."),
    ("a2", "2016-03-16", "Syrian government forces shelled rebel positions near Aleppo on Wednesday, killing "
     "at least 12 fighters, the Syrian Observatory for Human Rights said. The United Nations called for "
     "restraint. UN envoy Staffan de Mistura said talks in Geneva would continue."),
    ("a3", "2016-03-16", "German Chancellor Angela Merkel met French President Francois Hollande in Berlin on "
     "Wednesday to discuss the refugee crisis. Merkel said Europe needed a common answer. Hollande "
     "agreed and promised more help for Greece, where 40,000 migrants are stranded."),
    ("a4", "2016-03-17", "Police in Paris arrested three men suspected of planning an attack, the interior "
     "ministry said on Thursday. Interior Minister Bernard Cazeneuve praised the officers. The suspects "
     "were detained in the suburb of Argenteuil."),
    ("a5", "2016-03-17", "North Korea fired two ballistic missiles into the sea on Friday, South Korea's military "
     "said. Seoul condemned the launch. Washington urged Pyongyang to refrain from provocations."),
    ("a6", "2016-03-18", "Turkish President Recep Tayyip Erdogan accused Europe of hypocrisy on Friday. Erdogan "
     "said the European Union had failed to keep its promises on visas. The EU rejected the claim."),
]


def write_corpus(path, extra: list[dict] | None = None) -> None:
    lines = [{"id": i, "published": day, "text": text} for i, day, text in ARTICLES] + (extra or [])
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))


def dump(db: str, tables=(*store.TABLES, "clusters", "corpus_events", "actors")) -> dict[str, list[str]]:
    """Every table's rows, sorted, without the times of processing."""
    con = duckdb.connect(db, read_only=True)
    try:
        return {table: _rows(con, table) for table in tables}
    finally:
        con.close()


def _rows(con, source: str, leave_out: tuple[str, ...] = ()) -> list[str]:
    columns = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
               if r[0] not in ("processed_at", "failed_at", *leave_out)]
    rows = con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in columns)} FROM {source}").fetchall()
    return sorted(map(repr, rows))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    copy = dict(id="a1-wire", published="2016-03-15", title="Putin pulls troops",
                text=ARTICLES[0][2].replace("on Monday", "on Monday evening"))
    write_corpus(folder / "news.jsonl", [copy, {"id": "broken"}])
    return folder / "news.jsonl"


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("single") / "single.duckdb")
    report = process_paths([str(corpus)], db, batch_size=2)
    assert report.written == 7 and len(report.errors) == 1
    return db


@pytest.mark.slow  # two spawned workers load the model
def test_pool_of_two_workers_gives_the_records_of_one_process(corpus, single, tmp_path):
    db = str(tmp_path / "pool.duckdb")
    # the default sizes: spaCy parses chunks of 8 here, batches of 2 in the single process
    report = process_parallel([str(corpus)], db, workers=2)
    assert (report.written, len(report.errors)) == (7, 1)
    assert dump(db) == dump(single)
    rerun = process_parallel([str(corpus)], db, workers=2, batch_size=2)
    assert (rerun.written, rerun.skipped) == (0, 7)  # already stored: skipped, not parsed again


@pytest.mark.slow  # a local Dask cluster of two worker processes on 127.0.0.1
def test_dask_cluster_gives_the_records_of_one_process(corpus, single, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        db = str(tmp_path / "dask.duckdb")
        report = process_parallel([str(corpus)], db, scheduler=cluster.scheduler_address, batch_size=2)
    assert report.written == 7
    assert dump(db) == dump(single)


def test_parquet_partitions_hold_the_store_rows(corpus, single, tmp_path):
    out = tmp_path / "parts"
    report = process_parallel([str(corpus)], out_dir=str(out), batch_size=3)
    assert report.written == 7
    # actor and cluster ids come from the corpus step, which runs on a store, not on Parquet parts
    leave_out = ("cluster_id", "actor_id", "source_actor_id", "target_actor_id")
    con, stored = duckdb.connect(), duckdb.connect(single, read_only=True)
    for table in ("articles", "entities", "quotes", "places", "events"):
        parts = _rows(con, f"read_parquet('{out}/{table}/*.parquet')", leave_out)
        assert parts == _rows(stored, table, leave_out)
    stored.close()
    again = process_parallel([str(corpus)], out_dir=str(out), batch_size=3)
    assert (again.written, again.skipped) == (0, 7)
    with pytest.raises(ValueError):
        process_parallel([str(corpus)], out_dir=str(out), force=True)


def test_loading_parquet_partitions_gives_the_store_of_one_process(corpus, single, tmp_path, capsys):
    out, db = tmp_path / "parts", str(tmp_path / "loaded.duckdb")
    process_parallel([str(corpus)], out_dir=str(out), batch_size=3)
    assert main(["load", str(out), "--db", db]) == 0
    assert "7 articles loaded" in capsys.readouterr().err
    assert dump(db) == dump(single)  # corpus tables included: loading runs the corpus step
    assert main(["load", str(out), "--db", db]) == 0  # loading again keeps every row once
    assert dump(db) == dump(single)
    assert main(["load", str(tmp_path / "nothing"), "--db", db]) == 2
    assert "no Parquet partitions" in capsys.readouterr().err


def test_wire_copy_shares_the_cluster_and_reports_one_event(single):
    con = duckdb.connect(single, read_only=True)
    clusters = dict(con.execute("SELECT doc_id, cluster_id FROM articles").fetchall())
    canonical = con.execute("SELECT canonical_id FROM clusters WHERE size = 2").fetchall()
    events = con.execute("SELECT count(*) FROM events WHERE article_id = ?", [clusters["a1"]]).fetchone()[0]
    merged = con.execute("SELECT max(articles) FROM corpus_events").fetchone()[0]
    con.close()
    assert clusters["a1"] == clusters["a1-wire"]
    assert len(set(clusters.values())) == 6
    assert len(canonical) == 1
    if events:  # the copy's events are folded into the original's, with both articles as sources
        assert merged == 2


def test_corpus_actors_join_surname_and_full_name(single):
    con = duckdb.connect(single, read_only=True)
    putin = con.execute("SELECT DISTINCT actor_id FROM entities WHERE label = 'PERSON' AND "
                        "coalesce(canonical, text) IN ('Putin', 'Vladimir Putin')").fetchall()
    names = con.execute("SELECT names FROM actors WHERE actor_id = ?", [putin[0][0]]).fetchone()[0]
    con.close()
    assert len(putin) == 1 and putin[0][0] is not None
    assert any("Putin" in name for name in names)
