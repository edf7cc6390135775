"""Choose the news sentences to code by hand for the event model (run once; its output is the
list of sentences the coders saw, kept as document ids + offsets in data/training/).

From every training document (train/corpora.py: never the dev set's articles), sentences of
8-70 words are drawn at random, with two kinds oversampled because they carry the labels the
decision model learns from: sentences where the lexicon proposes a candidate (keep or drop?),
and lead sentences (the first five), where news puts its events. The draw is seeded.

    python -m newsevents.train.sample_sentences OUT.jsonl [--count 4400]
    python -m newsevents.train.sample_sentences MORE.jsonl --seed 14 --exclude data/training/event_labels.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict

from newsevents.extract.event_lexicon import NOT_AN_EVENT, find_triggers, load_lexicon
from newsevents.nlp import load_model
from newsevents.train.corpora import SHARED, documents

# Share of the draw per corpus: political news, international and local news, wire news.
CORPUS_SHARE = {"polnear": 0.30, "lgl": 0.20, "trnews": 0.04, "geovirus": 0.06, "conll": 0.18, "tbaq": 0.22}


def sentence_pool(shared=SHARED) -> list[dict]:
    nlp = load_model()
    lexicon = load_lexicon()
    docs = list(documents(shared))
    pool = []
    for (doc_id, _), doc in zip(docs, nlp.pipe((t for _, t in docs), batch_size=32, n_process=2)):
        matches = find_triggers(list(doc), lexicon)
        candidate_at = {m.token_i for m in matches if m.trigger.type != NOT_AN_EVENT}
        for index, sent in enumerate(doc.sents):
            words = sum(1 for t in sent if not t.is_punct and not t.is_space)
            if not 8 <= words <= 70:
                continue
            pool.append({"doc": doc_id, "start": sent.start_char, "end": sent.end_char,
                         "lead": index < 5, "candidate": any(sent.start <= i < sent.end for i in candidate_at),
                         "sentence": sent.text})
    return pool


def draw(pool: list[dict], count: int, seed: int = 13, exclude: set[tuple[str, int]] | None = None,
         first_item: int = 0) -> list[dict]:
    rng = random.Random(seed)
    pool = [r for r in pool if (r["doc"], r["start"]) not in (exclude or set())]
    by_corpus: dict[str, list[dict]] = defaultdict(list)
    for row in pool:
        by_corpus[row["doc"].split("/")[0]].append(row)
    chosen = []
    for corpus, share in CORPUS_SHARE.items():
        rows = by_corpus[corpus]
        # weight: a candidate counts 3, a lead sentence 2 (both: 6), any other sentence 1
        weighted = [(rng.random() ** (1 / ((3 if r["candidate"] else 1) * (2 if r["lead"] else 1))), r) for r in rows]
        weighted.sort(key=lambda w: -w[0])
        chosen += [r for _, r in weighted[:round(count * share)]]
    chosen.sort(key=lambda r: (r["doc"], r["start"]))
    for i, row in enumerate(chosen, start=first_item):
        row["item"] = f"t-{i:05d}"
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=4400)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--exclude", help="a label file: draw none of its sentences, number the new ones after it")
    args = parser.parse_args()
    exclude, first = set(), 0
    if args.exclude:
        with open(args.exclude, encoding="utf-8") as lines:
            taken = [json.loads(line) for line in lines]
        exclude = {(r["doc"], r["start"]) for r in taken}
        first = 1 + max(int(r["item"].split("-")[1]) for r in taken)
    rows = draw(sentence_pool(), args.count, args.seed, exclude, first)
    with open(args.out, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences, {sum(r['candidate'] for r in rows)} with a candidate, "
          f"{sum(r['lead'] for r in rows)} leads")


if __name__ == "__main__":
    main()
