"""Reading and cleaning speed (no spaCy): documents per second over the examples corpus.

usage: .venv/bin/python bench/read_clean_speed.py [ROUNDS]
Prints figures only; nothing here is asserted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsevents.clean import prepare_article
from newsevents.model import Document
from newsevents.read import read_paths

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main(rounds: int = 20) -> None:
    started = time.perf_counter()
    documents = []
    for _ in range(rounds):
        documents = [d for d in read_paths([str(EXAMPLES)]) if isinstance(d, Document)]
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    chars = 0
    for _ in range(rounds):
        for document in documents:
            chars += len(prepare_article(document).text)
    clean_seconds = time.perf_counter() - started
    count = len(documents) * rounds
    print(f"documents\t{count}")
    print(f"read_docs_per_second\t{count / read_seconds:.0f}")
    print(f"clean_docs_per_second\t{count / clean_seconds:.0f}  (trafilatura for HTML, heuristics for text, language)")
    print(f"clean_chars_per_second\t{chars / clean_seconds:.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
