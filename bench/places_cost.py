"""What places cost: gazetteer memory and load time, and extract_places time against the spaCy parse.

    .venv/bin/python bench/places_cost.py [/work/shared/bench/news-200.jsonl] [--limit N]

Prints the resident memory the loaded gazetteer adds, how long loading it took (from the cache; the
first run on a machine builds the cache instead), and on the corpus: total spaCy parse time, time in
extract_places, and the share of places in parse + places.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import psutil

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "news-200.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()

    process = psutil.Process()
    rss_before = process.memory_info().rss
    started = time.perf_counter()
    from newsevents.resolve.gazetteer import _cache_path, load_gazetteer

    cached = _cache_path().exists()
    gazetteer = load_gazetteer()
    load_seconds = time.perf_counter() - started
    rss_gazetteer = process.memory_info().rss - rss_before
    print(f"gazetteer entries\t{len(gazetteer):,}")
    print(f"gazetteer names\t{len(gazetteer.index):,}")
    print(f"gazetteer rss_mb\t{rss_gazetteer / 2**20:.0f}")
    print(f"gazetteer load_s\t{load_seconds:.2f}\t({'from cache' if cached else 'built, cache written'})")

    from newsevents.clean import prepare_article
    from newsevents.context import ArticleContext
    from newsevents.extract.entities import extract_entities
    from newsevents.extract.places import extract_places
    from newsevents.model import Document
    from newsevents.nlp import load_model

    nlp = load_model()
    texts = []
    with open(args.corpus, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            try:
                article = prepare_article(Document(id=str(record.get("id")), text=record.get("text"),
                                                   html=record.get("html"), title=record.get("title")))
            except ValueError:
                continue
            texts.append(article)
            if args.limit and len(texts) >= args.limit:
                break
    parse = places_time = 0.0
    n_places = 0
    for article in texts:
        t0 = time.perf_counter()
        doc = nlp(article.text)
        t1 = time.perf_counter()
        ctx = ArticleContext(article=article, doc=doc)
        ctx.entities = extract_entities(ctx)
        t2 = time.perf_counter()
        places = extract_places(ctx)
        t3 = time.perf_counter()
        parse += t1 - t0
        places_time += t3 - t2
        n_places += len(places)
    print(f"articles\t{len(texts)}")
    print(f"places found\t{n_places}")
    print(f"spacy parse_s\t{parse:.2f}")
    print(f"extract_places_s\t{places_time:.2f}")
    share = places_time / (parse + places_time) if parse + places_time else 0.0
    print(f"places share of parse+places\t{share:.1%}")
    print(f"rss_total_mb\t{process.memory_info().rss / 2**20:.0f}")


if __name__ == "__main__":
    main()
