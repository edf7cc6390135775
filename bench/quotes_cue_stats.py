"""How often each (verb lemma, complement) pair is an attribution cue in PolNeAR train.

    .venv/bin/python bench/quotes_cue_stats.py [--gold DIR] [--limit N] [--min-count 4] [--min-precision 0.4]

Prints lemma, complement (ccomp, xcomp, dobj or a preposition), occurrences, times the verb is
inside a gold Cue span, and that ratio. The `takes` column of src/newsevents/data/quote_cues.tsv
was curated from this table (pairs precise enough to be worth it); the corpus is only read here.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from newsevents.evaluate.quotes import DEFAULT_GOLD, gold_articles
from newsevents.extract.quote_marks import find_quote_spans
from newsevents.nlp import load_model

COMPLEMENTS = ("ccomp", "xcomp", "dobj")


def cue_spans(ann: Path) -> list[tuple[int, int]]:
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) > 1 and parts[1].startswith("Cue "):
            for piece in parts[1][4:].split(";"):
                start, end = piece.split()
                spans.append((int(start), int(end)))
    return spans


def count(doc, spans: list[tuple[int, int]], seen: Counter, cues: Counter) -> None:
    """Add one parsed article's verbs outside quotation marks to the counts."""
    in_cue = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            in_cue.update(t.i for t in span)
    quoted = [q.inner for q in find_quote_spans(doc.text)]
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or any(s <= token.idx < e for s, e in quoted):
            continue  # verbs inside a quotation are the speaker's words, not attribution cues
        complements = {c.dep_ for c in token.children if c.dep_ in COMPLEMENTS}
        complements |= {c.lower_ for c in token.children
                        if c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in c.children)}
        for complement in complements:
            key = (token.lemma_.lower(), complement)
            seen[key] += 1
            cues[key] += token.i in in_cue


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD.parent / "train")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument("--min-precision", type=float, default=0.4)
    args = parser.parse_args()
    nlp = load_model()
    articles = gold_articles(args.gold, args.limit)
    texts = (text.read_text(encoding="utf-8") for _, text, _ in articles)
    seen: Counter = Counter()
    cues: Counter = Counter()
    for (_, _, ann), doc in zip(articles, nlp.pipe(texts, batch_size=16)):
        count(doc, cue_spans(ann), seen, cues)
    rows = [(key, n, cues[key]) for key, n in seen.items()
            if n >= args.min_count and cues[key] / n >= args.min_precision]
    print("lemma\tcomplement\tcount\tcue\tprecision")
    for (lemma, complement), n, hits in sorted(rows, key=lambda r: -r[2]):
        print(f"{lemma}\t{complement}\t{n}\t{hits}\t{hits / n:.2f}")


if __name__ == "__main__":
    main()
