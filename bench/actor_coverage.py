"""Actor coding coverage and cost on a JSONL corpus (default: the first 100 articles of news-200).

    .venv/bin/python bench/actor_coverage.py [CORPUS.jsonl] [--limit 100] [--actors FILE ...]

Prints, per entity label, the share of mentions that got a country and a sector, the number of
ACTOR noun phrases added, and the time spent in entity extraction and actor coding per article
(spaCy parsing excluded), in CPU seconds of this process (the machine may be shared).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from newsevents.context import ArticleContext
from newsevents.extract.entities import extract_entities
from newsevents.model import Document
from newsevents.pipeline import Pipeline, parse_published
from newsevents.read.jsonl import read_jsonl

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "bench" / "news-200.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--actors", nargs="*", default=[])
    args = parser.parse_args()

    options = {"actor_dictionaries": args.actors} if args.actors else {}
    pipeline = Pipeline(options=options)
    articles = []
    for document in read_jsonl(Path(args.corpus).read_bytes(), args.corpus):
        if not isinstance(document, Document):
            continue
        try:
            article = pipeline.prepare(document)
        except ValueError:
            continue
        if article.language == "en":
            articles.append(article)
        if len(articles) >= args.limit:
            break
    t0 = time.process_time()
    docs = list(pipeline.nlp.pipe((a.text for a in articles), batch_size=32))
    parse_seconds = time.process_time() - t0

    if args.actors:  # load the dictionaries once, outside the timing
        from newsevents.resolve.phoenix import load_dictionaries

        t1 = time.process_time()
        load_dictionaries(tuple(args.actors))
        print(f"dictionaries loaded in {time.process_time() - t1:.2f} s")

    total, country, sector, both = Counter(), Counter(), Counter(), Counter()
    coding_seconds = 0.0
    for article, doc in zip(articles, docs):
        ctx = ArticleContext(article=article, doc=doc, published=parse_published(article.published),
                             options=dict(options))
        t1 = time.process_time()
        entities = extract_entities(ctx)
        coding_seconds += time.process_time() - t1
        for ent in entities:
            label = ent.label
            if label not in ("PERSON", "ORG", "NORP", "GPE", "ACTOR"):
                continue
            total[label] += 1
            country[label] += ent.country is not None
            sector[label] += ent.sector is not None
            both[label] += ent.country is not None and ent.sector is not None

    n = len(articles)
    print(f"{n} articles; spaCy parse {parse_seconds / n * 1000:.1f} ms/article; "
          f"entities + actor coding {coding_seconds / n * 1000:.1f} ms/article "
          f"({coding_seconds / parse_seconds:.1%} of parsing)")
    print(f"{'label':8} {'mentions':>8} {'country':>8} {'sector':>8} {'both':>8}")
    for label in ("PERSON", "ORG", "NORP", "GPE", "ACTOR"):
        m = total[label] or 1
        print(f"{label:8} {total[label]:8d} {country[label] / m:8.1%} {sector[label] / m:8.1%} {both[label] / m:8.1%}")
    core = sum(total[x] for x in ("PERSON", "ORG", "NORP", "GPE")) or 1
    with_country = sum(country[x] for x in ("PERSON", "ORG", "NORP", "GPE"))
    print(f"PERSON/ORG/NORP/GPE with a country: {with_country / core:.1%}")


if __name__ == "__main__":
    main()
