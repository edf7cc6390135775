"""The actor tables in data/ (countries, country words, seats of power, organisations, roles, leaders),
loaded once into lookup indices keyed by normalized phrase text.

Every phrase is normalized the same way for the tables and for the text (`normalize`), so a lookup
is one dict access per candidate token sequence. All-capital abbreviations ("US", "UN", "IS", "MP")
go to a separate case-sensitive index so that they never match ordinary words ("us", "is").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from newsevents.tables import read_records

# Kinds of table entries, in the order a lookup prefers them when one phrase has several.
KIND_ORDER = ("org", "seat", "leader", "country", "adjective", "capital", "role", "place")

# Cyrillic and Greek letters that look like Latin ones: scraped text mixes them in ("Foreign Мinister").
_HOMOGLYPHS = str.maketrans("АВЕКМНОРСТХаеорсухіІјЈѕЅ", "ABEKMHOPCTXaeopcyxiIjJsS")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2013": "-", "\u2010": "-", "\u2011": "-"})
_SPACE_HYPHEN = re.compile(r"\s*-\s*")
_PIECES = re.compile(r"[\s\-']")


@lru_cache(maxsize=200_000)
def normalize(text: str, keep_case: bool = False) -> str:
    """The lookup key of a phrase: quotes and hyphens unified, homoglyphs mapped, one space between words."""
    text = text.translate(_QUOTES)
    if not text.isascii():
        text = text.translate(_HOMOGLYPHS)
    text = _SPACE_HYPHEN.sub("-", " ".join(text.split()))
    text = text.replace(" 's", "'s").replace(" '", "'")
    if text.lower().startswith("the "):
        text = text[4:]
    return text if keep_case else text.lower()


def is_abbreviation(text: str) -> bool:
    """"US", "U.N.", "NATO": matched only in capitals."""
    letters = text.replace(".", "").replace("-", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


@dataclass(frozen=True)
class TableEntry:
    kind: str  # org | seat | leader | country | adjective | capital | role | place
    name: str  # the canonical name ("United Nations", "Russia", "minister")
    country: str | None = None
    sector: str | None = None
    strength: str | None = None  # roles only: strong | armed | weak | inherit


@dataclass(frozen=True)
class LeaderTerm:
    name: str
    country: str | None
    sector: str | None
    role: str | None
    start: date | None
    end: date | None

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class ActorTables:
    phrases: dict[str, list[TableEntry]]  # lower-cased keys
    exact: dict[str, list[TableEntry]]  # case-sensitive keys for abbreviations
    leaders: dict[str, list[LeaderTerm]]  # lower-cased name and alias keys
    country_names: dict[str, str]  # iso3 -> short name
    # first word piece of the phrases -> the most tokens a phrase starting with it may span
    # (generous: "russian" -> 6 for "Russian Federation"); a piece absent starts no phrase (most words)
    reach: dict[str, int] = field(default_factory=dict)
    _cache: dict[str, tuple[TableEntry, ...]] = field(default_factory=dict)

    def reach_from(self, word: str) -> int:
        """The most tokens a table phrase starting with this token may span; 0 when none starts here."""
        return self.reach.get(_PIECES.split(normalize(word), 1)[0], 0)

    def lookup(self, text: str) -> list[TableEntry]:
        """Entries for a phrase as written, best kind first ([] when unknown)."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = tuple(self._lookup(text))
            if len(self._cache) > 200_000:  # bounded: a long-running process sees endless new phrases
                self._cache.clear()
        return list(cached)

    def _lookup(self, text: str) -> list[TableEntry]:
        found = list(self.exact.get(normalize(text, keep_case=True), ()))
        found += self.phrases.get(normalize(text), ())
        if not text[:1].isupper():  # "reading", "nice", "split" are words, not towns
            found = [e for e in found if e.kind != "place"]
        return sorted(found, key=lambda e: KIND_ORDER.index(e.kind))

    def leader_terms(self, name: str) -> list[LeaderTerm]:
        return self.leaders.get(normalize(name), [])


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def plurals(phrase: str) -> list[str]:
    """Regular plurals of the last word: "minister" -> "ministers", "militia" -> "militias"."""
    head, _, last = phrase.rpartition(" ")
    prefix = head + " " if head else ""
    if not last or not last[-1].isalpha() or last.isupper():
        return [phrase + "s"] if last.isupper() else []
    if last.endswith("man"):
        forms = [last[:-3] + "men"]
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif last.endswith(("s", "sh", "ch", "x", "z")):
        forms = [last + "es"]
    else:
        forms = [last + "s"]
    return [prefix + form for form in forms]


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@lru_cache(maxsize=1)
def load_tables() -> ActorTables:
    """All tables, indexed once per process."""
    phrases: dict[str, list[TableEntry]] = {}
    exact: dict[str, list[TableEntry]] = {}

    def add(text: str, entry: TableEntry) -> None:
        if is_abbreviation(normalize(text, keep_case=True)):  # "the US" is the abbreviation "US"
            exact.setdefault(normalize(text, keep_case=True), []).append(entry)
        else:
            bucket = phrases.setdefault(normalize(text), [])
            if entry not in bucket:
                bucket.append(entry)

    country_names = {}
    for row in read_records("countries.tsv"):
        code, name = row["iso3"], row["name"]
        country_names[code] = name
        for text in [name, *_split(row["aliases"])]:
            if "," not in text:  # "Korea, Republic of" is an index form, not how news writes it
                add(text, TableEntry("country", name, code))
    for row in read_records("country_words.tsv"):
        code = row["iso3"]
        name = country_names.get(code, code)
        kind = "country" if row["kind"] == "alias" else row["kind"]
        for text in _split(row["words"]):
            add(text, TableEntry(kind, name, code))
    for row in read_records("actor_places.tsv"):
        add(row["name"], TableEntry("place", row["name"], row["iso3"]))
    for row in read_records("seats.tsv"):
        add(row["phrase"], TableEntry("seat", row["phrase"], row["country"] or None, row["sector"] or None))
    for row in read_records("organisations.tsv"):
        entry = TableEntry("org", row["name"], row["country"] or None, row["sector"] or None)
        for text in [row["name"], *_split(row["aliases"])]:
            add(text, entry)
    for row in read_records("roles.tsv"):
        entry = TableEntry("role", row["phrase"], None, row["sector"] or None, row["strength"] or "weak")
        for text in [row["phrase"], *plurals(row["phrase"])]:
            add(text, entry)

    leaders: dict[str, list[LeaderTerm]] = {}
    for row in read_records("leaders.tsv"):
        term = LeaderTerm(row["name"], row["country"] or None, row["sector"] or None, row["role"] or None,
                          _parse_date(row["start"]), _parse_date(row["end"]))
        for text in [row["name"], *_split(row["aliases"])]:
            leaders.setdefault(normalize(text), []).append(term)

    reach: dict[str, int] = {}
    for key in [*phrases, *exact]:
        piece = _PIECES.split(key.lower(), 1)[0]
        reach[piece] = max(reach.get(piece, 0), _token_reach(key))
    return ActorTables(phrases, exact, leaders, country_names, reach)


def _token_reach(key: str) -> int:
    """A generous bound on the tokens a phrase spans as written: a word, its hyphens and apostrophes
    may each be a token, and a word may split once more ("al-Qaeda" is "al", "-", "Qaeda")."""
    return 3 * (len(key.split()) + key.count("-") + key.count("'"))


def leader_on(terms: list[LeaderTerm], day: date | None) -> tuple[LeaderTerm | None, LeaderTerm | None]:
    """(the term held on `day`, or None; the person's latest term, for their country outside office).

    Without a date, the latest term counts as held: an undated text is most often recent news.
    """
    if not terms:
        return None, None
    latest = max(terms, key=lambda t: t.start or date.min)
    if day is None:
        return latest, latest
    held = [t for t in terms if t.holds(day)]
    # Two people under one alias ("Bush") are told apart by the date; prefer the most recent start.
    return (max(held, key=lambda t: t.start or date.min) if held else None), latest


@lru_cache(maxsize=1)
def successions() -> dict[str, tuple[str, date]]:
    """iso3 -> (predecessor, independence day), from data/country_successions.tsv."""
    out = {}
    for row in read_records("country_successions.tsv"):
        since = _parse_date(row["since"])
        if since is not None:
            out[row["iso3"]] = (row["predecessor"], since)
    return out


def country_on(code: str | None, day: date | None) -> str | None:
    """The country a place of `code` belonged to on `day` ("Juba" before 9 July 2011 -> SDN)."""
    if code is None or day is None:
        return code
    found = successions().get(code)
    return found[0] if found is not None and day < found[1] else code


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """data/person_nouns.tsv: people and groups without a sector of their own ("suspect", "a man", "wife")."""
    return frozenset(row["lemma"].lower() for row in read_records("person_nouns.tsv") if row.get("lemma"))
