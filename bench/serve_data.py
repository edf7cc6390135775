"""A synthetic store for load tests and screenshots of the web page: N events in plausible articles.

Rows are made as model records and written with `store.write_results`, so the file has the real
schema; offsets point into each article's text, so the article view highlights them correctly.
Usage: .venv/bin/python bench/serve_data.py OUT.duckdb [--events 10000]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
from datetime import date, timedelta
from pathlib import Path

from newsevents import store
from newsevents.model import Actor, Article, ArticleResult, DateMention, Entity, Event, Place, Quantity, Quote

ACTORS = [  # name, country, sector, spaCy label
    ("Vladimir Putin", "RUS", "GOV", "PERSON"), ("Russian troops", "RUS", "MIL", "NORP"),
    ("Bashar al-Assad", "SYR", "GOV", "PERSON"), ("Syrian rebels", "SYR", "REB", "NORP"),
    ("John Kerry", "USA", "GOV", "PERSON"), ("the United Nations", None, "IGO", "ORG"),
    ("Turkish police", "TUR", "COP", "NORP"), ("Kurdish fighters", "SYR", "REB", "NORP"),
    ("Angela Merkel", "DEU", "GOV", "PERSON"), ("Ukrainian protesters", "UKR", "CVL", "NORP"),
    ("the Red Cross", None, "NGO", "ORG"), ("Israeli forces", "ISR", "MIL", "NORP"),
]
VERBS = [  # type, mode, verb phrase, CAMEO root
    ("ASSAULT", "aerial", "bombed positions of", "19"), ("ASSAULT", "firearms", "attacked", "19"),
    ("RETREAT", "withdraw", "withdrew from areas held by", "08"), ("CONSULT", "phone", "spoke by phone with", "04"),
    ("CONSULT", "visit", "met", "04"), ("AGREE", None, "agreed a ceasefire with", "03"),
    ("ACCUSE", None, "accused", "11"), ("THREATEN", None, "threatened", "13"),
    ("PROTEST", "demonstrate", "protested against", "14"), ("AID", "humanitarian", "delivered aid to", "07"),
    ("SANCTION", None, "imposed sanctions on", "16"), ("REQUEST", None, "called on", "02"),
]
PLACES = [  # name, country, lat, lon, feature
    ("Aleppo", "SYR", 36.20, 37.16, "city"), ("Damascus", "SYR", 33.51, 36.29, "city"),
    ("Latakia", "SYR", 35.52, 35.78, "city"), ("Moscow", "RUS", 55.75, 37.62, "city"),
    ("Geneva", "CHE", 46.20, 6.14, "city"), ("Kyiv", "UKR", 50.45, 30.52, "city"),
    ("Ankara", "TUR", 39.93, 32.86, "city"), ("Washington", "USA", 38.90, -77.04, "city"),
    ("Gaza", "PSE", 31.50, 34.47, "city"), ("Berlin", "DEU", 52.52, 13.40, "city"),
]


def _actor(a: tuple, start: int) -> Actor:
    return Actor(text=a[0], canonical=a[0], country=a[1], sector=a[2], start=start, end=start + len(a[0]))


def synthetic_article(rng: random.Random, index: int, n_events: int, day: date) -> ArticleResult:
    parts: list[str] = []
    result = ArticleResult(id=f"synthetic-{index}")
    offset = 0
    sentence = 0

    def add(text: str) -> int:
        nonlocal offset, sentence
        start = offset
        parts.append(text)
        offset += len(text) + 1  # joined with spaces
        sentence += 1
        return start

    for _ in range(n_events):
        src, tgt = rng.sample(ACTORS, 2)
        etype, mode, verb, cameo = rng.choice(VERBS)
        place = rng.choice(PLACES)
        when = day - timedelta(days=rng.randint(0, 2))
        count = rng.choice([3, 12, 40, 200, 1000])
        sent = f"{src[0]} {verb} {tgt[0]} near {place[0]} on {when:%B} {when.day}, involving about {count} people."
        start = add(sent)
        v_start = start + len(src[0]) + 1
        t_start = v_start + len(verb) + 1
        p_start = sent.index(f"near {place[0]}") + 5 + start
        d_text = f"{when:%B} {when.day}"
        d_start = start + sent.index(d_text)
        q_text = f"about {count} people"
        q_start = start + sent.index(q_text)
        s_idx = sentence - 1
        result.entities += [
            Entity(src[0], src[3], start, start + len(src[0]), s_idx, src[0], src[1], src[2]),
            Entity(tgt[0], tgt[3], t_start, t_start + len(tgt[0]), s_idx, tgt[0], tgt[1], tgt[2]),
            Entity(place[0], "GPE", p_start, p_start + len(place[0]), s_idx, place[0], place[1]),
        ]
        place_record = Place(place[0], p_start, p_start + len(place[0]), s_idx, name=place[0], lat=place[2],
                             lon=place[3], country=place[1], feature=place[4])
        result.places.append(place_record)
        result.dates.append(DateMention(d_text, d_start, d_start + len(d_text), s_idx, value=when.isoformat(),
                                        precision="day"))
        result.quantities.append(Quantity(q_text, q_start, q_start + len(q_text), s_idx, value=float(count),
                                          approx=True, approx_word="about", unit="people"))
        result.events.append(Event(
            type=etype, start=v_start, end=v_start + len(verb), sentence_index=s_idx, sentence=sent, text=verb,
            mode=mode, cameo=cameo, source=_actor(src, start), target=_actor(tgt, t_start), date=when.isoformat(),
            place=place_record, confidence=round(rng.uniform(0.5, 1.0), 2)))
    speaker = rng.choice([a for a in ACTORS if a[3] == "PERSON"])
    said = rng.choice(["We will not accept this", "The operation has achieved its goals",
                       "Talks must resume without delay", "Civilians must be protected"])
    q_sent = f"\u201c{said},\u201d {speaker[0]} told reporters."
    q_start = add(q_sent)
    result.quotes.append(Quote(said, "direct", q_start + 1, q_start + 1 + len(said), sentence - 1,
                               speaker=speaker[0], speaker_text=speaker[0], speaker_actor=_actor(speaker, 0),
                               cue="told", channel="told reporters"))
    text = " ".join(parts)
    first = result.events[0] if result.events else None
    title = (f"{first.source.text} {first.text} {first.target.text}" if first else f"Report {index}")
    result.article = Article(id=f"syn{index:06d}", text=text, title=title, published=day.isoformat(),
                             source=rng.choice(["wire-a", "wire-b", "daily-c"]), language="en")
    return result


def _flat(record: object, prefix: str = "") -> dict:
    """Like store.flatten, without its per-field type-hint look-ups (too slow for 60,000 records)."""
    row: dict = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if dataclasses.is_dataclass(value):
            row.update(_flat(value, prefix + f.name + "_"))
        elif value is not None or f.name not in NESTED_FIELDS:
            row[prefix + f.name] = value
    return row


NESTED_FIELDS = {"source", "target", "place", "reported_by", "speaker_actor"}


def build(path: str | Path, n_events: int = 10_000, per_article: int = 10, seed: int = 7) -> Path:
    """Write a fresh synthetic store with `n_events` events to `path`."""
    import pyarrow as pa

    path = Path(path)
    path.unlink(missing_ok=True)
    rng = random.Random(seed)
    n_articles = max(1, n_events // per_article)
    results = [synthetic_article(rng, i, per_article, date(2016, 1, 1) + timedelta(days=i * 90 // n_articles))
               for i in range(n_articles)]
    tables: dict[str, list[dict]] = {"articles": [_flat(r.article) | {"doc_id": r.id} for r in results]}
    for table in store.RECORD_TABLES:
        tables[table] = [_flat(rec) | {"article_id": r.article.id, "seq": i}
                         for r in results for i, rec in enumerate(getattr(r, table))]
    con = store.connect(path)
    try:
        for table, rows in tables.items():
            names = [c for c, _ in store.ARTICLE_COLUMNS] if table == "articles" else (
                ["article_id", "seq"] + [c for c, _ in store.columns_of(store.RECORD_TABLES[table])])
            con.register("incoming", pa.Table.from_pylist([{c: row.get(c) for c in names} for row in rows]))
            cols = ", ".join(f'"{c}"' for c in names)
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM incoming")
            con.unregister("incoming")
    finally:
        con.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    build(args.out, args.events)
    con = store.connect(args.out, read_only=True)
    print(store.summary(con))
    con.close()


if __name__ == "__main__":
    main()
