"""PLOVER/CAMEO events: candidates, then a decision.

1. extract/event_candidates.py: the lexicon and the parse propose candidates (a trigger, a
   type, source and target fillers, negation and modality, date, place) with high recall.
2. extract/event_decision.py: a trained model keeps or drops each candidate, may change its
   type, keeps or empties each role, and gives its calibrated confidence.
Every decided event is returned; what falls below the default `--min-confidence` is filtered
by the caller (pipeline output, queries, exports), so nothing is lost from the store.
"""

from __future__ import annotations

from newsevents.context import ArticleContext
from newsevents.extract.event_candidates import find_candidates
from newsevents.extract.event_decision import decide
from newsevents.model import Event


def extract_events(ctx: ArticleContext) -> list[Event]:
    return decide(find_candidates(ctx), ctx)
