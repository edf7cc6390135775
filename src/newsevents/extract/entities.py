"""Entity mentions from spaCy NER, each with the full name used for it in the article."""

from __future__ import annotations

from newsevents.extract.context import ArticleContext
from newsevents.model import Entity
from newsevents.resolve.actors import code_entities

# Labels whose mentions can be shortened later in an article ("Putin" for "Vladimir Putin").
NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def extract_entities(ctx: ArticleContext) -> list[Entity]:
    entities: list[Entity] = []
    full_names: dict[str, list[str]] = {}  # label -> longer names seen so far
    for ent in ctx.doc.ents:
        name = _strip_possessive(ent.text.strip())
        canonical = name
        if ent.label_ in NAMED:
            tokens = name.split()
            for longer in full_names.get(ent.label_, []):
                # A shorter mention whose words end (or are contained in) an earlier longer name.
                long_tokens = longer.split()
                if len(long_tokens) > len(tokens) and (
                    long_tokens[-len(tokens):] == tokens or " ".join(tokens) in longer
                ):
                    canonical = longer
                    break
            if canonical == name:
                full_names.setdefault(ent.label_, []).insert(0, name)
        entities.append(Entity(
            text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char,
            sentence=ctx.sentence_index(ent.start_char), canonical=canonical,
        ))
    code_entities(entities, ctx)
    return entities
