"""The cue and channel lexicons of quote extraction, read from data/quote_cues.tsv and
data/quote_channels.tsv (a domain expert adds a verb or a channel there, not in Python)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lemma -> complements it takes
    phrases: tuple[str, ...] = ()  # "according to"
    media: frozenset[str] = frozenset()  # "statement", "twitter"
    audiences: frozenset[str] = frozenset()  # "reporters"


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows[1:]  # the first non-comment row is the header


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    verbs: dict[str, tuple[str, ...]] = {}
    phrases: list[str] = []
    for row in _rows(DATA / "quote_cues.tsv"):
        cue, kind = row[0].lower(), (row[1] if len(row) > 1 else "verb")
        takes = tuple(t.strip() for t in (row[2] if len(row) > 2 else "ccomp").split(",") if t.strip())
        if kind == "phrase":
            phrases.append(cue)
        else:
            verbs[cue] = takes or ("ccomp",)
    media, audiences = set(), set()
    for row in _rows(DATA / "quote_channels.tsv"):
        (audiences if len(row) > 1 and row[1] == "audience" else media).add(row[0].lower())
    return CueLexicon(verbs=verbs, phrases=tuple(phrases), media=frozenset(media),
                      audiences=frozenset(audiences))
