"""Property tests: no reader and no extractor crashes, hangs or leaks a traceback on any input.

A bounded number of examples runs in CI; `bench/fuzz.py` runs the same targets for longer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_targets import FILE_INPUTS, any_text, extract_target, read_target
from newsevents.read import read_bytes

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@pytest.mark.parametrize("fmt", sorted(FILE_INPUTS))
def test_readers_never_crash(fmt):
    @SETTINGS
    @given(FILE_INPUTS[fmt])
    def check(data):
        read_target(fmt, data)

    check()


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(any_text)
def test_extract_never_crashes_on_arbitrary_text(pipeline, text):
    extract_target(pipeline, text)


@pytest.mark.parametrize("text", [
    '"' * 5000,
    "“" * 3000 + " he said " + "”" * 3000,
    ("word " * 40_000).strip(),  # one enormous sentence with no punctuation
    "\x00\x01\x02 control \x7f characters \u200b\ufeff in text said Putin.",
    "He said \"it began" + " and went on" * 2000,  # an unbalanced quote that never closes
    "1" * 10_000 + " troops",
])
def test_pathological_texts_are_handled(pipeline, text):
    extract_target(pipeline, text)


def test_deeply_nested_html_is_read_without_recursion_errors():
    html = ("<div>" * 20_000 + "<p>Police arrested twelve protesters in Lagos on Friday.</p>"
            + "</div>" * 20_000).encode()
    out = list(read_bytes(html, "nested.html", "html"))
    assert len(out) == 1


def test_oversized_file_is_refused_with_a_clear_error(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"The army said 300 troops left. " * 200)
    small = tmp_path / "small.txt"
    small.write_bytes(b"The army said 300 troops left the town on Monday.")
    env = dict(os.environ, NEWSEVENTS_MAX_BYTES="1000")
    proc = subprocess.run([sys.executable, "-m", "newsevents", "extract", "--output-format", "jsonl",
                           str(big), str(small)], capture_output=True, env=env, timeout=120)
    records = {r["id"]: r for r in map(json.loads, proc.stdout.decode().splitlines())}
    assert proc.returncode == 1
    assert "limit" in records[str(big)]["error"]
    assert "error" not in records[str(small)]


def test_an_article_over_the_character_limit_is_refused_alone(tmp_path):
    docs = tmp_path / "docs.jsonl"
    # distinct sentences: a line that only repeats itself is a doubled link teaser to the cleaner
    long_text = " ".join(f"The army said {n} troops left." for n in range(100))
    docs.write_text(json.dumps({"id": "long", "text": long_text}) + "\n"
                    + json.dumps({"id": "short", "text": "The army said troops left."}) + "\n")
    env = dict(os.environ, NEWSEVENTS_MAX_CHARS="500")
    proc = subprocess.run([sys.executable, "-m", "newsevents", "extract", "--output-format", "jsonl", str(docs)],
                          capture_output=True, env=env, timeout=120)
    records = {r["id"]: r for r in map(json.loads, proc.stdout.decode().splitlines())}
    assert proc.returncode == 1
    assert "NEWSEVENTS_MAX_CHARS" in records["long"]["error"]
    assert "error" not in records["short"]
