"""Time the date and quantity extractors against the spaCy parse they run on.

    .venv/bin/python bench/dates_quantities_speed.py [FILE] [--repeat N]

Prints milliseconds per article for the parse and for each extractor, and their share of the parse.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from newsevents.context import ArticleContext
from newsevents.extract.dates import extract_dates
from newsevents.extract.quantities import extract_quantities
from newsevents.model import Article
from newsevents.nlp import load_model

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "rferl-russia-syria-drawdown.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(SEED))
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    text = Path(args.file).read_text(encoding="utf-8")
    nlp = load_model()
    nlp(text)  # warm up
    start = time.perf_counter()
    for _ in range(args.repeat):
        doc = nlp(text)
    parse = (time.perf_counter() - start) / args.repeat
    ctx = ArticleContext(article=Article(id="bench", text=text), doc=doc, published=date(2016, 3, 15))
    print(f"article\t{len(text):,} chars, {len(doc):,} tokens")
    print(f"parse\t{parse * 1000:.1f} ms")
    for name, extractor in (("quantities", extract_quantities), ("dates", extract_dates)):
        extractor(ctx)  # warm up the word lists and patterns
        start = time.perf_counter()
        for _ in range(args.repeat):
            found = extractor(ctx)
        took = (time.perf_counter() - start) / args.repeat
        print(f"{name}\t{took * 1000:.2f} ms\t{took / parse:.1%} of the parse\t{len(found)} found")


if __name__ == "__main__":
    main()
