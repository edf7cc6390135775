"""The command line as a user runs it: real processes, real files, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsevents.cli import main

STORY = """Ceasefire Talks Begin

Rebel and government delegations met in Doha on Sunday to discuss a ceasefire, mediators said.
"""


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents", *args], input=stdin,
                          capture_output=True, timeout=300)


def test_hostile_inputs_give_one_error_each_and_the_good_documents_still_come_out(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "latin1.txt").write_bytes("Le président a parlé à Genève. The café in Zürich hosted talks "
                                           "between the two delegations on Monday.".encode("latin-1"))
    (tmp_path / "broken.html").write_text("<html><body><p>Unclosed <b>tags <div><p>Police arrested "
                                          "twelve protesters in Lagos on Friday, witnesses said.")
    lines = [json.dumps({"id": "one", "text": STORY}), '{"id": "two", "text": "unterminated',
             json.dumps({"id": "three", "text": STORY.replace("Doha", "Cairo")})]
    (tmp_path / "docs.jsonl").write_text("\n".join(lines) + "\n")
    proc = run_cli("extract", "--output-format", "jsonl", str(tmp_path))
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr
    assert proc.returncode == 1
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    by_id = {r["id"]: r for r in records}
    errors = {r["id"] for r in records if "error" in r}
    assert str(tmp_path / "empty.txt") in errors
    assert str(tmp_path / "binary.bin") in errors
    assert any(e.endswith("docs.jsonl:2") for e in errors)
    for doc_id in ("one", "three", str(good), str(tmp_path / "latin1.txt")):
        assert "error" not in by_id[doc_id], by_id[doc_id]
    assert "Zürich" in by_id[str(tmp_path / "latin1.txt")]["article"]["text"]
    # one line on stderr per bad document
    error_lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == len(errors)


def test_extract_reads_stdin_and_keeps_raw_offsets():
    text = "Police arrested twelve protesters in Lagos on Friday, witnesses said."
    proc = run_cli("extract", "--raw", "-", stdin=text.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    record = json.loads(proc.stdout)
    assert record["article"]["text"] == text
    for ent in record["entities"]:
        assert text[ent["start"]:ent["end"]] == ent["text"]
    assert set(record) >= {"id", "article", "entities", "quotes", "quantities", "dates", "places", "events"}


def test_process_then_query_and_export(tmp_path, capsys):
    src = tmp_path / "story.txt"
    src.write_text(STORY)
    db = str(tmp_path / "n.duckdb")
    assert main(["process", str(src), "--db", db, "--published", "2024-01-07"]) == 0
    capsys.readouterr()
    assert main(["articles", "--db", db, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1 and rows[0]["title"] == "Ceasefire Talks Begin"
    assert rows[0]["published"] == "2024-01-07"
    assert main(["entities", "--db", db, "--format", "csv"]) == 0
    assert "Doha" in capsys.readouterr().out
    assert main(["export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "pq")]) == 0
    assert (tmp_path / "pq" / "articles.parquet").exists()


@pytest.mark.parametrize("args", [["summary", "--db", "/nonexistent/x.duckdb"],
                                  ["evaluate", "ner", "--gold", "/nonexistent/gold"]])
def test_setup_errors_are_one_line_and_exit_2(args):
    proc = run_cli(*args)
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert err and "\n" not in err and "Traceback" not in err
