"""Toponyms recognised in the article and resolved to coordinates, offline.

Recognition (`find_toponyms`, resolve/geo_toponyms.py) gives spans; resolution (resolve/geo_resolve.py)
picks one gazetteer entry per distinct name with the article as context. This module wires them
and answers the two questions other extractors ask: where did an event happen (`event_place`), and
what is the article's main place (`main_place`).

Demonyms and nationality adjectives ("Russian forces") are not places: they say who, not where.
They only count as evidence of the article's countries. Set `ctx.options["places_demonyms"] = True`
to emit them as country places too (some gold standards, LGL and TR-News, annotate them).
"""

from __future__ import annotations

from collections import Counter

from newsevents.context import ArticleContext
from newsevents.model import Place
from newsevents.resolve.geo_resolve import resolve_toponyms
from newsevents.resolve.geo_toponyms import find_toponyms, speaker_location

# How much a mention of each kind says about where an article is: a town more than a country.
MAIN_PLACE_WEIGHT = {"city": 1.0, "facility": 1.0, "admin2": 0.9, "admin1": 0.8, "region": 0.7,
                     "country": 0.6, "continent": 0.2, "street": 0.0, "island": 0.7, "mountain": 0.5,
                     "water": 0.3}


def extract_places(ctx: ArticleContext) -> list[Place]:
    toponyms = find_toponyms(ctx)
    return resolve_toponyms(ctx, toponyms)


def _place_key(place: Place) -> tuple:
    return (place.geonames_id, place.name, place.country) if place.name else (None, place.text, None)


def main_place(ctx: ArticleContext) -> Place | None:
    """The place the article is most about: the most (and earliest) mentioned, town over country.

    Places only named as where someone spoke from ("In Washington, the White House said") do not count.
    """
    scores: Counter = Counter()
    first: dict[tuple, Place] = {}
    for place in ctx.places:
        if place.lat is None or speaker_location(ctx.doc, place.start, place.end):
            continue
        key = _place_key(place)
        first.setdefault(key, place)
        weight = MAIN_PLACE_WEIGHT.get(place.feature or "", 0.5)
        if place.sentence <= 1:  # the headline, the dateline and the lede say where the story is
            weight *= 1.5
        scores[key] += weight
    if not scores:
        return None
    best = max(scores, key=lambda k: (scores[k], -first[k].start))
    return first[best]


def event_place(ctx: ArticleContext, sentence_index: int, start: int, end: int) -> Place | None:
    """The place of an event whose trigger is at [start, end) in sentence `sentence_index`.

    A place inside the event's span, else the sentence's place nearest the trigger (places after a
    locative preposition first), never a place that is only where the speaker spoke; else the
    article's main place.
    """
    best: tuple | None = None
    for place in ctx.places:
        if place.sentence != sentence_index or place.lat is None:
            continue
        if speaker_location(ctx.doc, place.start, place.end):
            continue
        inside = start <= place.start and place.end <= end
        distance = 0 if inside else min(abs(place.start - end), abs(start - place.end))
        rank = (0 if inside else 1, 0 if _locative(ctx, place) else 1, distance)
        if best is None or rank < best[0]:
            best = (rank, place)
    if best is not None:
        return best[1]
    return main_place(ctx)


LOCATIVE_PREPOSITIONS = {"in", "at", "near", "from", "outside", "inside", "across", "into", "around", "to",
                         "throughout", "within", "towards", "toward", "over", "on"}


def _locative(ctx: ArticleContext, place: Place) -> bool:
    """Whether the place is the object of a locative preposition ("in Syria", "near Voronezh")."""
    span = ctx.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ in ("compound", "amod", "poss", "pobj", "conj", "appos"):
        if head.dep_ == "pobj":
            return head.head.lower_ in LOCATIVE_PREPOSITIONS
        head = head.head
    return False
