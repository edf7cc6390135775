"""The incremental corpus step equals a full recomputation: a corpus processed in steps (with
articles re-processed and removed between them) ends with the clusters, merged events and corpus
actors of the same corpus processed at once. One test runs the real pipeline on news written
here; the others write rows straight into a store (no spaCy), to try many orders quickly."""

from __future__ import annotations

import json
import random
from pathlib import Path

import duckdb
import pytest

from newsevents import store
from newsevents.cli import main
from newsevents.model import Actor, Article, ArticleResult, Entity, Event
from newsevents.process import process_paths
from newsevents.resolve import clusters
from newsevents.resolve.corpus_step import corpus_step
from newsevents.resolve.rowscope import rows_of
from newsevents.scale import resolve_corpus

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

PORT = ("Dock workers at the port of Valmora walked off the job on Monday, halting the loading of grain ships "
        "for the third time this year. The Valmora Dockers Union said its members would stay out until the "
        "port authority agreed to restore overtime pay. Union leader Marta Iglesias told reporters outside "
        "the main gate that the strike had the support of nine in ten members. \"We are not going back "
        "until the authority keeps its word,\" Iglesias said. The port authority said the walkout was "
        "illegal and asked a court to order the workers back. Transport Minister Paulo Renner urged both "
        "sides to return to talks, warning that grain exports worth millions of dollars were at risk. ")
PORT_UPDATE = ("Late on Monday, Renner met Iglesias at the ministry in the capital, and the two agreed to meet "
               "again on Wednesday with officials of the port authority. ")
SUMMIT = ("Leaders of five coastal states met in the city of Tarsen on Thursday to sign a pact on fishing "
          "quotas, ending two years of disputes over the northern banks. President Amina Okafor, who hosted "
          "the summit, said the agreement would protect fish stocks for a generation. Under the pact, each "
          "state will cut its catch by a fifth and share patrol boats along the banks. Fishermen's groups "
          "protested outside the conference hall, saying the cuts would cost thousands of jobs. Okafor promised "
          "a fund to help crews who lose work, and said talks on its size would begin next month. ")
FIRE = ("A fire destroyed a textile factory on the outskirts of Dunmore early on Saturday, and firefighters "
        "rescued eleven workers trapped on the roof, the city's fire service said. Chief fire officer Liam "
        "Brennock said the blaze started in a storage room and spread quickly through bales of cotton. No one "
        "was killed, but four workers were taken to hospital with burns. Brennock said investigators would "
        "examine whether the building had working alarms. The factory's owner, Harlow Textiles, said it "
        "would cooperate fully with the inquiry. ")
BANK = ("The central bank of Norland raised its main interest rate by half a point on Tuesday, its fourth "
        "increase this year, as inflation climbed to its highest level in a decade. Governor Ingrid Halvorsen "
        "said prices of food and fuel were still rising and that the bank would act again if needed. "
        "Finance Minister Paulo Renner welcomed the decision. Economists had expected a smaller increase. ")


def _documents() -> list[dict]:
    """Stories and their copies: wire re-publications, edited and updated versions."""
    docs = [
        {"id": "port", "published": "2024-03-04", "source": "Valmora Post", "text": PORT},
        {"id": "port-wire", "published": "2024-03-04", "source": "Wire", "text": "(Wire) - " + PORT},
        {"id": "port-update", "published": "2024-03-05", "source": "Daily", "text": PORT + PORT_UPDATE},
        {"id": "port-edit", "published": "2024-03-05", "source": "Herald",
         "text": PORT.replace("third time", "fourth time").replace("nine in ten", "most")},
        {"id": "summit", "published": "2024-03-07", "source": "Tarsen Times", "text": SUMMIT},
        {"id": "summit-wire", "published": "2024-03-08", "source": "Wire", "text": "TARSEN - " + SUMMIT},
        {"id": "fire", "published": "2024-03-09", "source": "Dunmore News", "text": FIRE},
        {"id": "fire-edit", "published": "2024-03-09", "source": "Wire",
         "text": FIRE.replace("eleven workers", "11 workers").replace("early on Saturday", "on Saturday")},
        {"id": "bank", "published": "2024-03-05", "source": "Norland Daily", "text": BANK},
    ]
    for line in (EXAMPLES / "wire-stories.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            docs.append(json.loads(line))
    for name in ("wire-ceasefire-talks.txt", "earthquake-relief.txt", "blog-election-protests.txt"):
        docs.append({"id": name, "published": "2024-03-06", "text": (EXAMPLES / name).read_text(encoding="utf-8")})
    return docs


def _write_jsonl(path: Path, docs: list[dict]) -> str:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return str(path)


def corpus_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """The corpus step's results: clusters (with their ids), merged events, actors, and the ids it
    wrote into the article, entity and event rows."""
    def rows(sql: str) -> list:
        return con.execute(sql).fetchall()

    return {
        "clusters": rows("SELECT * FROM clusters ORDER BY ALL"),
        "articles": rows("SELECT id, cluster_id FROM articles ORDER BY ALL"),
        "corpus_events": rows("SELECT * FROM corpus_events ORDER BY ALL"),
        "actors": rows("SELECT * FROM actors ORDER BY ALL"),
        "entities": rows("SELECT article_id, seq, actor_id FROM entities ORDER BY ALL"),
        "events": rows("SELECT article_id, seq, source_actor_id, target_actor_id FROM events ORDER BY ALL"),
    }


def test_five_steps_of_real_news_equal_the_corpus_processed_at_once(tmp_path):
    docs = _documents()
    rng = random.Random(5)
    rng.shuffle(docs)
    steps = [docs[k::5] for k in range(5)]
    db = str(tmp_path / "steps.duckdb")
    for k, step in enumerate(steps):
        process_paths([_write_jsonl(tmp_path / f"step{k}.jsonl", step)], db)
    # re-process one step (its articles' rows are replaced), and remove the first report of the port strike
    process_paths([str(tmp_path / "step1.jsonl")], db, force=True)
    con = store.connect(db)
    gone = con.execute("SELECT id FROM articles WHERE doc_id = 'port'").fetchone()[0]
    with store.transaction(con):
        store._delete_articles(con, [gone])
    con.close()
    counts = resolve_corpus(db, when_stale=True)
    assert counts["deleted"] == 1 and counts["changed"] == 0

    at_once = str(tmp_path / "at-once.duckdb")
    path = _write_jsonl(tmp_path / "all.jsonl", [d for d in docs if d["id"] != "port"])
    assert main(["process", path, "--db", at_once, "--full-corpus-step"]) == 0
    stepped, whole = duckdb.connect(db, read_only=True), duckdb.connect(at_once, read_only=True)
    try:
        assert corpus_tables(stepped) == corpus_tables(whole)
        # the comparison is not empty: copies are clustered, events merged, name forms joined
        port = whole.execute("SELECT size, canonical_id FROM clusters c JOIN articles a ON a.id = c.canonical_id "
                             "WHERE a.doc_id = 'port-wire'").fetchone()
        assert port is not None and port[0] == 3  # the wire copy is canonical now that the first report is gone
        assert whole.execute("SELECT max(articles) FROM corpus_events").fetchone()[0] >= 2
        assert whole.execute("SELECT count(*) FROM actors WHERE len(names) > 1").fetchone()[0] >= 1
    finally:
        stepped.close()
        whole.close()


# Rows written straight into a store: stories of random words, copies of them, and a few names.
WORDS = [f"word{i}" for i in range(300)]
PEOPLE = ["Vladimir Putin", "Putin", "V. Putin", "John Smith", "Smith", "Donald Trump", "Ivanka Trump", "Trump",
          "Hilary Clinton", "Hillary Clinton", "Clinton", "Bill Clinton"]
ORGS = ["United Nations", "UN", "U.N.", "National Union", "NU", "Bill Clinton", "World Bank", "WB", "Woodland Bureau"]
COUNTRIES = [None, "USA", "RUS", "GBR"]


def _random_article(rng: random.Random, stories: list[str], number: int) -> ArticleResult:
    words = rng.choice(stories).split() if rng.random() < 0.8 else [rng.choice(WORDS) for _ in range(80)]
    words[rng.randrange(len(words))] = rng.choice(WORDS)  # an edited copy
    if rng.random() < 0.3:
        words = words[:len(words) * 3 // 4]  # a cut copy
    article_id = f"a{number:03d}"
    result = ArticleResult(id=article_id, article=Article(
        id=article_id, text=" ".join(words), published=f"2016-03-{rng.randrange(10, 20)}",
        source=rng.choice(["ap", "reuters", "afp"])))
    for _ in range(rng.randrange(1, 6)):
        label = "PERSON" if rng.random() < 0.6 else "ORG"
        name = rng.choice(PEOPLE if label == "PERSON" else ORGS)
        result.entities.append(Entity(text=name, label=label, start=0, end=1, sentence=0, canonical=name,
                                      country=rng.choice(COUNTRIES), sector=rng.choice([None, "GOV", "BUS"])))
    for _ in range(rng.randrange(0, 4)):
        source, target = rng.choice(result.entities), rng.choice(result.entities)
        result.events.append(Event(
            type=rng.choice(["ATTACK", "MEET"]), start=0, end=1, sentence_index=0, sentence=f"s{rng.random()}",
            source=Actor(text=source.text, canonical=source.canonical, country=source.country),
            target=Actor(text=target.text, canonical=target.canonical, country=target.country)
            if rng.random() < 0.7 else None,
            date=rng.choice([None, "2016-03-14", "2016-03"]), negated=rng.random() < 0.1))
    return result


@pytest.mark.parametrize("seed,max_bucket", [(1, clusters.MAX_BUCKET), (3, 3)])
def test_steps_with_replaced_and_removed_articles_equal_one_full_step(seed, max_bucket, monkeypatch):
    # a small MAX_BUCKET makes buckets cross it as articles come and go (their pairs stop or start counting)
    monkeypatch.setattr(clusters, "MAX_BUCKET", max_bucket)
    rng = random.Random(seed)
    stories = [" ".join(rng.choice(WORDS) for _ in range(120)) for _ in range(10)]
    stepped = store.connect(":memory:")
    final: dict[str, ArticleResult] = {}
    for step in range(5):
        batch = [_random_article(rng, stories, n) for n in range(step * 15, (step + 1) * 15)]
        store.write_results(stepped, batch)
        final.update((r.id, r) for r in batch)
        if step:
            again = [_random_article(rng, stories, int(i[1:])) for i in rng.sample(sorted(final), 3)]
            store.write_results(stepped, again)  # the same ids with other rows
            final.update((r.id, r) for r in again)
            gone = rng.sample(sorted(final), 2)
            with store.transaction(stepped):
                store._delete_articles(stepped, gone)
            for article_id in gone:
                del final[article_id]
        counts = corpus_step(stepped)
        assert step == 0 or counts["changed"] >= 10  # the new articles, less any removed, and re-written ones
    whole = store.connect(":memory:")
    store.write_results(whole, list(final.values()))
    corpus_step(whole, full=True)
    assert corpus_tables(stepped) == corpus_tables(whole)
    assert whole.execute("SELECT max(size) FROM clusters").fetchone()[0] >= 3
    assert whole.execute("SELECT max(mentions) FROM corpus_events").fetchone()[0] >= 2


def test_a_step_with_nothing_new_changes_nothing():
    rng = random.Random(9)
    stories = [" ".join(rng.choice(WORDS) for _ in range(120)) for _ in range(3)]
    con = store.connect(":memory:")
    store.write_results(con, [_random_article(rng, stories, n) for n in range(12)])
    corpus_step(con)
    before = corpus_tables(con)
    assert corpus_step(con) == {"signed": 0, "changed": 0, "deleted": 0}
    assert corpus_tables(con) == before


def test_rows_of_finds_exactly_the_rows_of_the_ids_asked_for(tmp_path):
    # rows written in three batches, one article written again (its rows move to the end of the table)
    rng = random.Random(4)
    stories = [" ".join(rng.choice(WORDS) for _ in range(120)) for _ in range(3)]
    con = store.connect(tmp_path / "rows.duckdb")
    for batch in range(3):
        store.write_results(con, [_random_article(rng, stories, n) for n in range(batch * 20, batch * 20 + 20)])
    store.write_results(con, [_random_article(rng, stories, 5)])
    asked = ["a005", "a013", "a041", "a059", "nowhere"]
    condition, params = rows_of(con, "entities", "article_id", asked)
    scoped = con.execute(f"SELECT article_id, seq, text FROM entities WHERE {condition} ORDER BY ALL", params).fetchall()
    plain = con.execute("SELECT article_id, seq, text FROM entities WHERE article_id IN ('a005', 'a013', 'a041', 'a059') "
                        "ORDER BY ALL").fetchall()
    assert scoped == plain and {r[0] for r in plain} == set(asked[:4])
    assert rows_of(con, "entities", "article_id", ["nowhere"])[0] == "FALSE"
    con.close()


def test_signatures_are_those_datasketch_computes():
    # signatures stored by earlier versions (computed with datasketch) must stay comparable with new ones
    datasketch = pytest.importorskip("datasketch")
    texts = [PORT, PORT_UPDATE, SUMMIT, FIRE[:40], "two words", ""]
    for text in texts:
        items = clusters.shingles(text)
        minhash = datasketch.MinHash(num_perm=clusters.NUM_PERM, seed=clusters.SEED, scheme=clusters.SCHEME)
        if items:
            minhash.update_batch(list(items))
        count, signature = clusters.signature(text)
        assert count == len(items)
        assert signature.dtype.name == "uint32" and signature.tolist() == minhash.hashvalues.tolist()
