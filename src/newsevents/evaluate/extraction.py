"""`evaluate extraction`: main text from HTML pages, scored like trafilatura's own benchmark.

Gold: trafilatura's evaluation set (evaldata.json + gzipped pages in html_eval/ and html_cache/):
for each page, snippets the main text must contain and snippets it must not contain. As in
trafilatura's `tests/comparison.py`: a must-contain snippet found is a true positive, missing a
false negative; a must-not-contain snippet found is a false positive, absent a true negative;
no output at all counts every must-contain as missed and every must-not-contain as avoided.
Scores: precision, recall, F1 and accuracy ((tp + tn) / all) over all snippets.

Systems: ours (`newsevents.clean.html.extract_html` on the page as our HTML reader decodes it)
and trafilatura alone on the page bytes, without comments, in its default, precision and
recall modes.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "extraction" / "trafilatura_eval"


def load_pages(gold: Path, limit: int | None = None) -> Iterator[tuple[dict, bytes]]:
    """(gold item, page bytes) for each page of the evaluation set, in file order."""
    folder = gold.parent if gold.is_file() else gold
    items = json.loads((gold if gold.is_file() else gold / "evaldata.json").read_text(encoding="utf-8"))
    for number, item in enumerate(items.values()):
        if limit is not None and number >= limit:
            break
        yield item, read_page(folder, item["file"])


def read_page(folder: Path, name: str) -> bytes:
    for sub in ("html_eval", "html_cache", ""):
        for candidate in (folder / sub / name, folder / sub / f"{name}.gz"):
            if candidate.is_file():
                data = candidate.read_bytes()
                return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    raise ValueError(f"page {name} not found under {folder}")


def snippet_counts(result: str | None, item: dict) -> dict[str, int]:
    """tp, fn, fp, tn of one page's output against its must/must-not snippets."""
    counts = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    if not result:
        counts["fn"], counts["tn"] = len(item.get("with", [])), len(item.get("without", []))
        return counts
    for snippet in item.get("with", []):
        counts["tp" if snippet in result else "fn"] += 1
    for snippet in item.get("without", []):
        counts["fp" if snippet in result else "tn"] += 1
    return counts


def snippet_scores(counts: dict[str, int]) -> dict[str, Any]:
    tp, fn, fp, tn = counts["tp"], counts["fn"], counts["fp"], counts["tn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = tp + fn + fp + tn
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "accuracy": round((tp + tn) / total, 4) if total else 0.0, **counts}


def score_systems(pages: list[tuple[dict, bytes]], systems: dict[str, Callable[[bytes], str | None]]) -> dict:
    """Every system over every page: snippet scores, pages without output, seconds spent."""
    out: dict[str, Any] = {}
    for name, system in systems.items():
        totals = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
        empty, started = 0, time.perf_counter()
        for item, page in pages:
            try:
                result = system(page)
            except ValueError:  # our one-line "no text found" errors
                result = None
            empty += not result
            for key, value in snippet_counts(result, item).items():
                totals[key] += value
        out[name] = {**snippet_scores(totals), "empty": empty,
                     "seconds": round(time.perf_counter() - started, 1)}
    return out


def ours(page: bytes) -> str | None:
    from newsevents.clean.html import extract_html
    from newsevents.read.text import decode_html

    return extract_html(decode_html(page)).text


def trafilatura_alone(**settings) -> Callable[[bytes], str | None]:
    def run(page: bytes) -> str | None:
        import trafilatura

        return trafilatura.extract(page, include_comments=False, **settings)

    return run


def run(gold: Path, limit: int | None = None, **options) -> dict:
    pages = list(load_pages(gold, limit))
    systems = {
        "newsevents": ours,
        "trafilatura": trafilatura_alone(),
        "trafilatura_precision": trafilatura_alone(favor_precision=True),
        "trafilatura_recall": trafilatura_alone(favor_recall=True),
    }
    return {"pages": len(pages), "snippets": sum(len(i["with"]) + len(i["without"]) for i, _ in pages),
            **score_systems(pages, systems)}
