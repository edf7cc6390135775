"""Site furniture on the corpus path (issue 14): `process` learns the lines repeated across the
plain-text pages of one source in a pass over the whole input, drops them, and stores the same
records from one worker or two; `--no-site-furniture` keeps them."""

from __future__ import annotations

import json

import duckdb
import pytest

from newsevents.clean.corpus_furniture import learn_site_furniture
from newsevents.clean.furniture import furniture_key, source_furniture
from newsevents.cli import main
from newsevents.model import Document, DocumentError
from newsevents.pipeline import Pipeline
from test_scale import dump

MASTHEAD = "The Harbour Gazette"
# A line no pattern knows: a sentence of the site's own, printed under every story.
FOOTER = "Every story in the Harbour Gazette is checked by two editors before it goes to print."

STORIES = [
    ("Storm closes the port", "The port of Kelsey was closed on Tuesday after a storm damaged two cranes, the "
     "harbour authority said. Dock workers were sent home and ships waited offshore. Harbour master Anne "
     "Rowley said the port would reopen on Thursday."),
    ("Council approves ferry funds", "The county council approved 4 million pounds for a new ferry on Monday. "
     "Council leader Tom Briggs said the old boat had broken down eleven times this year. Opposition members "
     "voted against the plan."),
    ("Fishermen protest quotas", "About 200 fishermen protested outside the ministry in the capital on "
     "Wednesday against new fishing quotas. \"We cannot feed our families,\" said skipper John Hale. Police "
     "said the protest was peaceful."),
    ("Lifeboat rescues sailors", "A lifeboat crew rescued three sailors from a sinking yacht off Kelsey Point "
     "on Sunday. The coastguard said the men were taken to hospital with mild hypothermia. The yacht sank an "
     "hour later."),
]
# One page of another site, which prints the same sentence once: not its furniture.
OTHER = ("Rail workers in the north walked out on Friday over pay, the union said. Every story in the Harbour "
         "Gazette is checked by two editors before it goes to print.")


def gazette_page(title: str, story: str) -> str:
    return f"{MASTHEAD}\n\n{title}\n\n{story}\n\n{FOOTER}\n"


def gazette_documents() -> list[Document]:
    return [Document(id=f"g{i}", text=gazette_page(title, story), source="Harbour Gazette",
                     published=f"2024-05-0{i + 1}") for i, (title, story) in enumerate(STORIES)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("furniture") / "gazette.jsonl"
    lines = [{"id": d.id, "source": d.source, "published": d.published, "text": d.text}
             for d in gazette_documents()]
    lines.append({"id": "rail", "url": "https://news.example/rail", "published": "2024-05-03", "text": OTHER})
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return str(path)


def article_texts(db: str) -> list[tuple[str | None, str | None, str]]:
    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute("SELECT source, url, text FROM articles ORDER BY text").fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def one_worker(corpus, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("one") / "one.duckdb")
    # batches of 2 pages: learning per batch would find nothing (three pages are needed)
    assert main(["process", corpus, "--db", db, "--batch-size", "2"]) == 0
    return db


def test_learning_pass_reads_only_plain_text_pages_and_matches_the_batch_rule():
    documents = gazette_documents()
    learned = learn_site_furniture(documents)
    assert learned == {key: sorted(lines) for key, lines in source_furniture(documents).items()}
    assert furniture_key(FOOTER) in learned["harbour gazette"]
    # HTML, raw and unreadable documents are cleaned otherwise: they teach nothing
    others: list[Document | DocumentError] = [
        Document(id="h", html=f"<p>{FOOTER}</p>", text=None, source="Harbour Gazette"),
        Document(id="r", text=gazette_page("x", "y"), source="Harbour Gazette", raw=True),
        DocumentError(id="e", error="no such file or folder"),
    ]
    assert learn_site_furniture(documents[:2] + others * 3) == {}
    # the cap counts pages in input order: two pages teach nothing
    assert learn_site_furniture(documents, pages_per_source=2) == {}


def test_process_drops_the_furniture_line_from_every_page_of_the_source(one_worker):
    rows = article_texts(one_worker)
    gazette = [text for source, _, text in rows if source == "Harbour Gazette"]
    assert len(gazette) == len(STORIES)
    assert sorted(gazette) == sorted(story for _, story in STORIES)
    assert all(FOOTER not in text and MASTHEAD not in text for text in gazette)
    other = [text for source, url, text in rows if url == "https://news.example/rail"]
    assert other == [OTHER]  # one page of another site: the sentence is its own, kept


@pytest.mark.slow  # two spawned workers load the model
def test_two_workers_store_the_records_of_one(corpus, one_worker, tmp_path):
    db = str(tmp_path / "two.duckdb")
    # chunks of 2: each worker sees only some pages of the site, too few to learn from on its own
    assert main(["process", corpus, "--db", db, "--workers", "2", "--batch-size", "2"]) == 0
    assert dump(db) == dump(one_worker)
    assert all(FOOTER not in text for source, _, text in article_texts(db) if source == "Harbour Gazette")


def test_no_site_furniture_keeps_the_line(corpus, one_worker, tmp_path):
    db = str(tmp_path / "off.duckdb")
    assert main(["process", corpus, "--db", db, "--no-site-furniture"]) == 0
    gazette = [text for source, _, text in article_texts(db) if source == "Harbour Gazette"]
    assert len(gazette) == len(STORIES) and all(text.endswith(FOOTER) for text in gazette)
    con = duckdb.connect(db, read_only=True)
    try:
        off_ids = {row[0] for row in con.execute("SELECT id FROM articles WHERE source IS NOT NULL").fetchall()}
    finally:
        con.close()
    con = duckdb.connect(one_worker, read_only=True)
    try:
        on_ids = {row[0] for row in con.execute("SELECT id FROM articles WHERE source IS NOT NULL").fetchall()}
    finally:
        con.close()
    assert off_ids.isdisjoint(on_ids)  # the id hashes the cleaned text: the trade-off of the learning


def test_pipeline_api_takes_learned_furniture_as_an_option():
    documents = gazette_documents()
    pipeline = Pipeline(options={"site_furniture": learn_site_furniture(documents)})
    results = list(pipeline.run(documents))
    assert [r.article.text for r in results] == [story for _, story in STORIES]
    assert Pipeline().extract(gazette_documents()[0]).article.text.endswith(FOOTER)  # alone: kept
