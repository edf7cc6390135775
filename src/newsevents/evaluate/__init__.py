"""Evaluation against public gold data: `newsevents evaluate TASK --gold PATH`.

Each task is a module here with `run(gold: Path, limit: int | None) -> dict` returning its
scores (plain JSON-able numbers) and a `DEFAULT_GOLD` path relative to the checkout.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

TASKS = {
    "extraction": "newsevents.evaluate.extraction",
    "textclean": "newsevents.evaluate.textclean",
    "ner": "newsevents.evaluate.ner",
    "quotes": "newsevents.evaluate.quotes",
    "dates": "newsevents.evaluate.dates",
    "places": "newsevents.evaluate.places",
    "events": "newsevents.evaluate.events",
    "news-events": "newsevents.evaluate.news_events",
    "actors": "newsevents.evaluate.actors",
}


def run_task(task: str, gold: str | Path | None = None, limit: int | None = None, **options: Any) -> dict:
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; known: {', '.join(TASKS)}")
    try:
        module = importlib.import_module(TASKS[task])
    except ModuleNotFoundError as exc:
        if exc.name == TASKS[task]:
            raise ValueError(f"task {task!r} is not available yet") from None
        raise
    gold_path = Path(gold) if gold else Path(module.DEFAULT_GOLD)
    if not gold_path.exists():
        raise ValueError(f"no gold data at {gold_path}")
    return module.run(gold_path, limit=limit, **options)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts, rounded for printing."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}
