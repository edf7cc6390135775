"""Corpora for the scale benchmarks, built from the benchmark articles (never committed).

    python bench/make_corpus.py scale /tmp/news-20000 --copies 100   # 20,000 articles, 100 JSONL files
    python bench/make_corpus.py dedup /tmp/dedup.jsonl               # originals + near-copies, with gold

`scale`: every copy of an article is changed (numbers, a sentence added, paragraphs rotated) so
that its id (a hash of the text) is new: the run processes them all. `dedup`: each article plus
near-copies of the kinds that flood news feeds: wire re-publications under other headlines, copies
with edited sentences, updated versions with a paragraph added or dropped, and cut versions; the
gold story of each line is in its "story" field.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "news-200.jsonl"
OUTLETS = ["Reuters", "AP", "AFP", "Daily Post", "The Herald", "City News", "Wire Service", "Morning Star"]
UPDATE_LINES = [
    "Officials said more details would be released later in the day.",
    "The story has been updated with comments from a government spokesman.",
    "This is a developing story and will be updated.",
    "Additional reporting by staff correspondents in the region.",
]


def load(path: Path = BENCH) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def edit_sentences(text: str, rng: random.Random, count: int = 3) -> str:
    """Rewrite a few sentences as an editor would: drop words, change a number, add a clause."""
    parts = sentences(text)
    for i in rng.sample(range(len(parts)), min(count, len(parts))):
        words = parts[i].split()
        if len(words) > 6:
            del words[rng.randrange(1, len(words) - 1)]
        parts[i] = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), " ".join(words), count=1)
        if rng.random() < 0.5:
            parts[i] = parts[i].rstrip(".") + ", according to officials."
    return " ".join(parts)


def update_version(text: str, rng: random.Random) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) > 3 and rng.random() < 0.5:
        paragraphs.pop()
    paragraphs.insert(rng.randrange(1, len(paragraphs) + 1) if paragraphs else 0, rng.choice(UPDATE_LINES))
    return "\n\n".join(paragraphs)


def cut_version(text: str, rng: random.Random) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    keep = max(1, int(len(paragraphs) * rng.uniform(0.7, 0.9)))
    return "\n\n".join(paragraphs[:keep])


def headline(text: str, rng: random.Random) -> str:
    words = re.findall(r"[A-Za-z]+", text)[:40]
    return " ".join(rng.sample(words, min(6, len(words)))).title()


def near_copies(doc: dict, rng: random.Random) -> list[dict]:
    text = doc["text"]
    kinds = {
        "wire": lambda: (f"({rng.choice(OUTLETS)}) - " + text),
        "edited": lambda: edit_sentences(text, rng),
        "updated": lambda: update_version(text, rng),
        "cut": lambda: cut_version(text, rng),
    }
    copies = []
    for kind in rng.sample(list(kinds), rng.randint(1, 3)):
        copies.append(dict(id=f"{doc['id']}~{kind}", text=kinds[kind](), published=doc.get("published"),
                           title=headline(text, rng), source=rng.choice(OUTLETS), kind=kind))
    return copies


def dedup_corpus(docs: list[dict], seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for doc in docs:
        if len(doc["text"].split()) < 60:  # a brief of a few lines has no near-copies worth finding
            out.append(dict(doc, story=doc["id"], kind="original"))
            continue
        out.append(dict(doc, story=doc["id"], kind="original"))
        out += [dict(copy, story=doc["id"]) for copy in near_copies(doc, rng)]
    rng.shuffle(out)
    return out


def scaled_copy(doc: dict, n: int, rng: random.Random) -> dict:
    paragraphs = [p for p in doc["text"].split("\n") if p.strip()]
    if len(paragraphs) > 2:
        k = n % len(paragraphs)
        paragraphs = paragraphs[k:] + paragraphs[:k]
    text = "\n\n".join(paragraphs) + f"\n\n{rng.choice(UPDATE_LINES)} Reference {n}."
    return dict(id=f"{doc['id']}#{n}", text=text, published=doc.get("published"))


def write_scale(out: Path, copies: int, seed: int = 7) -> int:
    docs = load()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(copies):
        with (out / f"part-{n:04d}.jsonl").open("w", encoding="utf-8") as f:
            for doc in docs:
                f.write(json.dumps(doc if n == 0 else scaled_copy(doc, n, rng)) + "\n")
                total += 1
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["scale", "dedup"])
    parser.add_argument("out")
    parser.add_argument("--copies", type=int, default=100, help="scale: copies of the 200 articles")
    args = parser.parse_args()
    if args.kind == "scale":
        print(f"{write_scale(Path(args.out), args.copies)} articles in {args.out}")
    else:
        rows = dedup_corpus(load())
        Path(args.out).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} articles in {args.out}")


if __name__ == "__main__":
    main()
