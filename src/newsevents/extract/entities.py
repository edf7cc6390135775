"""Entity mentions from spaCy NER, each with the full name used for it in the article, coded as actors.

- `canonical` is the full name of the entity in the article: possessives ("Assad's") and leading
  titles ("President Vladimir Putin") and "the" are stripped, and a short mention ("Putin",
  "Assad") takes the earlier longer name it is part of ("Vladimir Putin", "Bashar al-Assad").
- Names that spaCy cut at a hyphen ("Walter Steinmeier" in "Frank-Walter Steinmeier") are extended.
- Actor coding (country, sector, title) comes from resolve/actors.py.
- Besides spaCy's entities, coded noun phrases that no entity covers ("Russian forces", "rebels",
  "Western countries") are added as entities with label "ACTOR", so that every actor of the
  article is listed with its coding.
"""

from __future__ import annotations

import re

from newsevents.context import ArticleContext
from newsevents.model import Entity
from newsevents.resolve.actor_tables import load_tables
from newsevents.resolve.actors import actor_phrases, code_entities, is_spaced_dash

# Labels whose mentions can be shortened later in an article ("Putin" for "Vladimir Putin").
NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# Honorifics and titles written before a name that are not part of it.
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "gen", "lt", "col", "sen", "rep", "gov", "prof", "capt", "sgt",
              "maj", "adm", "president", "prime", "minister", "general", "chancellor", "king", "queen",
              "sheikh", "ayatollah", "commander", "secretary", "senator", "judge", "premier", "emir",
              "colonel", "admiral", "lieutenant", "captain", "sergeant", "governor", "mayor", "spokesman",
              "spokeswoman", "deputy", "vice", "foreign", "defense", "defence"}
_WORDS = re.compile(r"[\w.']+")


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _clean_name(text: str, label: str) -> str:
    """The name without possessive, a leading "the", or (for people) leading titles."""
    name = _strip_possessive(" ".join(text.split()))
    for article in ("the ", "a ", "an "):
        if name.lower().startswith(article) and label != "WORK_OF_ART":
            name = name[len(article):]
    if label == "PERSON":
        words = name.split()
        while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
            words.pop(0)
        name = " ".join(words)
    return name


def _words(name: str) -> list[str]:
    """Name words for matching short to long forms; hyphenated parts count separately ("al-Assad")."""
    return [w.lower() for w in _WORDS.findall(name.replace("-", " "))]


def _contains(long_words: list[str], short_words: list[str]) -> bool:
    n = len(short_words)
    return 0 < n < len(long_words) and any(long_words[i:i + n] == short_words
                                           for i in range(len(long_words) - n + 1))


def _extend_hyphenated(doc, start: int, end: int) -> int:
    """Start token of a name spaCy cut at a hyphen: "Frank-" + "Walter Steinmeier"."""
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
            and not doc[start - 1].whitespace_ and doc[start - 2].is_title:
        start -= 2
    return start


def after_spaced_dash(doc, start: int, end: int) -> int:
    """Start token after a spaced dash inside a name: a dateline glued to the first entity
    ("BRUSSELS - The European Union") or a headline run into the body is not part of the name."""
    for i in range(end - 2, start, -1):
        if is_spaced_dash(doc, i):
            return i + 1
    return start


def extract_entities(ctx: ArticleContext) -> list[Entity]:
    entities: list[Entity] = []
    full_names: dict[str, list[tuple[str, list[str]]]] = {}  # label group -> longer names seen so far
    tables = load_tables()
    for ent in ctx.ents:
        if ent.label_ == "PERSON":
            start_token = _extend_hyphenated(ctx.doc, ent.start, ent.end)
        else:
            start_token = after_spaced_dash(ctx.doc, ent.start, ent.end)
        span = ctx.doc[start_token:ent.end]
        name = _clean_name(span.text, ent.label_)
        canonical = name
        if ent.label_ in NAMED:
            words = _words(name)
            group = "PERSON" if ent.label_ == "PERSON" else "OTHER"
            candidates = list(full_names.get(group, []))
            # spaCy often labels a lone surname ORG or GPE ("Assad", "Trump"): let it find the person
            # first, unless our tables know the word as a country, organisation or place.
            if group == "OTHER" and len(words) == 1 and not tables.lookup(name):
                people = [(n, w) for n, w in full_names.get("PERSON", []) if w[-1:] == words]
                candidates = people + candidates
            for longer, long_words in candidates:
                if _contains(long_words, words):
                    canonical = longer
                    break
            if canonical == name:
                full_names.setdefault(group, []).insert(0, (name, words))
        entities.append(Entity(
            text=span.text, label=ent.label_, start=span.start_char, end=span.end_char,
            sentence=ctx.sentence_index(span.start_char), canonical=canonical,
        ))
    code_entities(entities, ctx)
    entities += actor_phrases(ctx, entities)
    entities.sort(key=lambda e: (e.start, e.end))
    return entities
