"""The scorers of `evaluate extraction`, `textclean` and `ner` on tiny fixtures written here."""

from __future__ import annotations

import gzip
import json

from newsevents.evaluate.extraction import load_pages, score_systems, snippet_counts, snippet_scores
from newsevents.evaluate.ner import iob1_spans, mapped, read_conll, score
from newsevents.evaluate.textclean import render

ITEM = {"file": "p.html", "with": ["troops withdrew", "ten people"], "without": ["Impressum", "Share"]}


def test_snippet_counts_follow_trafilaturas_benchmark():
    assert snippet_counts("The troops withdrew. Share", ITEM) == {"tp": 1, "fn": 1, "fp": 1, "tn": 1}
    assert snippet_counts(None, ITEM) == {"tp": 0, "fn": 2, "fp": 0, "tn": 2}  # no output at all
    scores = snippet_scores({"tp": 3, "fn": 1, "fp": 1, "tn": 5})
    assert scores["precision"] == 0.75 and scores["recall"] == 0.75 and scores["f1"] == 0.75
    assert scores["accuracy"] == 0.8


def test_pages_are_loaded_from_gzip_and_scored_per_system(tmp_path):
    (tmp_path / "html_eval").mkdir()
    html = "<html><body><nav>Impressum</nav><p>The troops withdrew, leaving ten people behind.</p></body></html>"
    (tmp_path / "html_eval" / "p.html.gz").write_bytes(gzip.compress(html.encode()))
    (tmp_path / "evaldata.json").write_text(json.dumps({"https://x.example/": ITEM}))
    pages = list(load_pages(tmp_path))
    assert len(pages) == 1 and pages[0][1] == html.encode()
    out = score_systems(pages, {"all": lambda page: page.decode(), "nothing": lambda page: None})
    assert (out["all"]["tp"], out["all"]["fp"], out["all"]["tn"]) == (2, 1, 1)
    assert out["nothing"]["empty"] == 1 and out["nothing"]["recall"] == 0.0
    assert "Impressum" in render(pages[0][1])  # the scraper's rendering keeps the navigation


CONLL = """-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER
in IN I-PP O
New NNP I-NP I-LOC
York NNP I-NP I-LOC
I-LOC NNP I-NP B-LOC
. . O O

-DOCSTART- -X- O O

BRUSSELS NNP I-NP I-LOC
"""


def test_iob1_spans_split_only_on_b_tags():
    assert iob1_spans(["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")]


def test_conll_documents_and_character_spans():
    first, second = list(read_conll(CONLL.splitlines()))
    assert first.text == "EU rejects German call .\nPeter Blackburn in New York I-LOC ."
    found = {(first.text[s:e], kind) for s, e, kind in first.entities}
    assert found == {("EU", "ORG"), ("German", "MISC"), ("Peter Blackburn", "PER"), ("New York", "LOC"),
                     ("I-LOC", "LOC")}
    assert second.text == "BRUSSELS" and second.entities == {(0, 8, "LOC")}


def test_label_mapping_and_scores():
    predicted = mapped([(0, 2, "ORG"), (3, 9, "NORP"), (10, 15, "DATE"), (20, 28, "GPE")])
    assert predicted == {(0, 2, "ORG"), (3, 9, "MISC"), (20, 28, "LOC")}
    gold = {(0, 2, "ORG"), (3, 9, "MISC"), (20, 28, "PER"), (30, 35, "LOC")}
    scores = score([gold], [predicted])
    assert (scores["micro"]["tp"], scores["micro"]["fp"], scores["micro"]["fn"]) == (2, 1, 2)
    assert scores["ORG"]["f1"] == 1.0 and scores["PER"]["recall"] == 0.0
    assert scores["LOC"]["precision"] == 0.0
