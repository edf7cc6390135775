"""The cue and channel lexicons of quote extraction, read from data/quote_cues.tsv and
data/quote_channels.tsv (a domain expert adds a verb or a channel there, not in Python)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from newsevents.tables import DATA, read_rows


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lemma -> complements it takes
    nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "claim" -> complements ("that ...")
    phrases: tuple[str, ...] = ()  # "according to"
    media: frozenset[str] = frozenset()  # "statement", "twitter"
    audiences: frozenset[str] = frozenset()  # "reporters"


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    verbs: dict[str, tuple[str, ...]] = {}
    nouns: dict[str, tuple[str, ...]] = {}
    phrases: list[str] = []
    for row in read_rows(DATA / "quote_cues.tsv"):
        cue, kind = row[0].lower(), (row[1] if len(row) > 1 else "verb")
        takes = tuple(t.strip() for t in (row[2] if len(row) > 2 else "ccomp").split(",") if t.strip())
        if kind == "phrase":
            phrases.append(cue)
        elif kind == "noun":
            nouns[cue] = takes or ("ccomp",)
        else:
            verbs[cue] = takes or ("ccomp",)
    media, audiences = set(), set()
    for row in read_rows(DATA / "quote_channels.tsv"):
        (audiences if len(row) > 1 and row[1] == "audience" else media).add(row[0].lower())
    return CueLexicon(verbs=verbs, nouns=nouns, phrases=tuple(phrases), media=frozenset(media),
                      audiences=frozenset(audiences))
