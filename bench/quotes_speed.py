"""Time spent in quote extraction next to the spaCy parse it runs on.

    .venv/bin/python bench/quotes_speed.py [--input ../shared/bench/news-200.jsonl] [--limit 50]

Prints seconds for the spaCy parse (nlp.pipe), for the extractors before quotes, and for
`extract_quotes`, plus the quote share of the parse time. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsevents.context import ArticleContext
from newsevents.extract.quotes import extract_quotes
from newsevents.model import Document
from newsevents.pipeline import STAGES, Pipeline, parse_published

DEFAULT_INPUT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "news-200.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--limit", type=int, default=50)
    args = parser.parse_args()
    pipeline = Pipeline()
    articles = []
    with args.input.open(encoding="utf-8") as lines:
        for line in lines:
            if len(articles) >= args.limit:
                break
            record = json.loads(line)
            document = Document(id=str(record.get("id")), text=record.get("text"), html=record.get("html"),
                                published=record.get("published"))
            try:
                articles.append(pipeline.prepare(document))
            except ValueError:
                continue
    start = time.perf_counter()
    docs = list(pipeline.nlp.pipe((a.text for a in articles), batch_size=pipeline.batch_size))
    parse = time.perf_counter() - start
    before_quotes = quotes = 0.0
    found = 0
    for article, doc in zip(articles, docs):
        ctx = ArticleContext(article=article, doc=doc, published=parse_published(article.published))
        for name, extractor in STAGES:
            if name == "quotes":
                break
            t0 = time.perf_counter()
            try:
                setattr(ctx, name, extractor(ctx))
            except Exception as exc:  # another stage's bug must not stop the measurement
                print(f"warning\t{name} failed on {article.id}: {type(exc).__name__}")
            before_quotes += time.perf_counter() - t0
        t0 = time.perf_counter()
        found += len(extract_quotes(ctx))
        quotes += time.perf_counter() - t0
    words = sum(len(d) for d in docs)
    print(f"articles\t{len(docs)}\ntokens\t{words}")
    print(f"spacy_parse_s\t{parse:.3f}")
    print(f"extractors_before_quotes_s\t{before_quotes:.3f}")
    print(f"extract_quotes_s\t{quotes:.3f}")
    print(f"quotes_found\t{found}")
    print(f"quotes_share_of_parse\t{quotes / parse:.2%}")


if __name__ == "__main__":
    main()
