"""Shared fixtures: one real spaCy pipeline for the whole test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.model import ArticleResult, Document
from newsevents.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "rferl-russia-syria-drawdown.txt"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def run_text(pipeline):
    """Extract from a text taken as the article body as given (offsets into `text`)."""

    def run(text: str, published: str | None = "2016-03-15") -> ArticleResult:
        result = pipeline.extract(Document(id="t", text=text, published=published, raw=True))
        assert result.error is None, result.error
        return result

    return run


@pytest.fixture(scope="session")
def candidates_of(pipeline):
    """The event candidates of a text (the rules' proposals, before the trained decision)."""
    from newsevents.extract.event_candidates import find_candidates
    from newsevents.pipeline import STAGES

    captured: list = []

    def collect(ctx) -> list:
        captured.extend(find_candidates(ctx))
        return []

    rules = Pipeline(stages=[*STAGES[:-1], ("events", collect)])

    def run(text: str, published: str | None = "2016-03-15") -> list:
        captured.clear()
        result = rules.extract(Document(id="t", text=text, published=published, raw=True))
        assert result.error is None, result.error
        return [c.event for c in captured]

    return run


@pytest.fixture(scope="session")
def seed_result(pipeline) -> ArticleResult:
    if not SEED.exists():
        pytest.skip("the seed article is not beside the checkout")
    return pipeline.extract(SEED, published="2016-03-15")
