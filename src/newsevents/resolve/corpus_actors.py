"""Cross-article actors: one id for one person or organisation across the corpus.

Works on distinct (label, name, country) rows of the entities table, where the name is the
in-article canonical name (so "he" and "Putin" already point to "Vladimir Putin" inside an
article). Names are normalised (titles, accents, possessives, dots dropped); then, conservatively:
- a surname alone ("Putin") joins the one full name ending with it ("Vladimir Putin") when that
  full name is the only one, or holds nine in ten of the mentions, among compatible countries;
- full names join when they share the surname and their first names agree ("V. Putin"), or are
  near-identical spellings with the same surname and initial (rapidfuzz ratio >= 92: "Hilary" /
  "Hillary Clinton");
- a full personal name that spaCy tagged ORG in some articles joins the person of that name;
- an all-capital organisation ("UN") joins the one organisation whose initials it spells;
- two names whose countries are both known and differ never join: two Smiths in two countries
  stay two actors.
The result: an `actors` table (actor_id, name, label, country, sector, names seen, mentions,
articles) and `actor_id` filled in entities and in the source/target of events.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb

from newsevents.store import transaction

DATA = Path(__file__).resolve().parent.parent / "data"
ACTOR_LABELS = ("PERSON", "ORG")
FUZZY_MIN = 92
DOMINANT_SHARE = 0.9
_STOPWORDS = {"of", "the", "and", "for", "on", "in", "de", "&"}
_PARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "at-")


@lru_cache(maxsize=1)
def _prefix_pattern() -> re.Pattern:
    lines = (DATA / "name_prefixes.tsv").read_text(encoding="utf-8").splitlines()
    words = [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")][1:]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:(?:{alternatives})\.?\s+)+(?=\S)")


@lru_cache(maxsize=200_000)
def normalize_name(name: str, label: str = "PERSON") -> str:
    """'President Vladimir V. Putin's' -> 'vladimir v putin'; 'the U.N.' -> 'un'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"'s?$", "", text.strip())
    text = re.sub(r"^the\s+", "", text)
    if label == "PERSON":
        text = _prefix_pattern().sub("", text)
    text = re.sub(r"(?<=\b\w)\.", "", text)  # initials and acronyms: "v." -> "v", "u.n." -> "un"
    text = re.sub(r"[^\w\s'-]", " ", text)
    return " ".join(text.split())


def _surname(tokens: list[str]) -> str:
    last = tokens[-1]
    for particle in _PARTICLES:
        if last.startswith(particle) and len(last) > len(particle) + 1:
            return last[len(particle):]
    return last


def _first_names_agree(a: list[str], b: list[str]) -> bool:
    """'vladimir' / 'v' / 'vladimir v' agree; 'donald' / 'ivanka' do not."""
    fa, fb = a[0], b[0]
    if fa == fb:
        return True
    return (len(fa) == 1 or len(fb) == 1) and fa[0] == fb[0]


def _compatible(c1: str | None, c2: str | None) -> bool:
    return c1 is None or c2 is None or c1 == c2


@dataclass
class NameGroup:
    """All rows whose normalised name (and label) is the same, with their country votes."""

    label: str
    key: str
    rows: list[tuple[str, str | None, int, int, str | None]] = field(default_factory=list)  # name, country, mentions, articles, sector

    @property
    def tokens(self) -> list[str]:
        return self.key.split()

    @property
    def mentions(self) -> int:
        return sum(r[2] for r in self.rows)

    @property
    def country(self) -> str | None:
        votes = Counter()
        for _, country, mentions, _, _ in self.rows:
            if country:
                votes[country] += mentions
        return max(sorted(votes), key=votes.__getitem__) if votes else None


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _groups(rows) -> list[NameGroup]:
    """Rows split by label, normalised name and country: a row with a country never shares a group
    with a row of another country."""
    by_key: dict[tuple[str, str, str | None], NameGroup] = {}
    for label, name, country, mentions, articles, sector in rows:
        key = normalize_name(name, label)
        if not key:
            continue
        group = by_key.setdefault((label, key, country), NameGroup(label, key))
        group.rows.append((name, country, mentions, articles, sector))
    # a name seen without a country joins the same name's only country
    countries: dict[tuple[str, str], list[str]] = defaultdict(list)
    for label, key, country in by_key:
        if country:
            countries[(label, key)].append(country)
    merged: dict[tuple[str, str, str | None], NameGroup] = {}
    for (label, key, country), group in sorted(by_key.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        if country is None and len(countries[(label, key)]) == 1:
            country = countries[(label, key)][0]
        target = merged.setdefault((label, key, country), NameGroup(label, key))
        target.rows += group.rows
    return list(merged.values())


def link_names(groups: list[NameGroup]) -> _Union:
    from rapidfuzz import fuzz

    union = _Union(len(groups))
    people = [i for i, g in enumerate(groups) if g.label == "PERSON"]
    full = [i for i in people if len(groups[i].tokens) > 1]
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i in full:
        by_surname[_surname(groups[i].tokens)].append(i)
    # full names: same surname and agreeing first names, or near-identical spelling
    for members in by_surname.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                a, b = groups[i], groups[j]
                if _compatible(a.country, b.country) and _first_names_agree(a.tokens, b.tokens):
                    union.join(i, j)
    # near-identical spellings with the same surname and first initial ("Hilary"/"Hillary Clinton")
    for members in by_surname.values():
        if len(members) > 2000:  # a quadratic block this big says the corpus needs a better blocking key
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                a, b = groups[i], groups[j]
                if (_compatible(a.country, b.country) and a.key[0] == b.key[0]
                        and fuzz.ratio(a.key, b.key) >= FUZZY_MIN):
                    union.join(i, j)
    # a surname alone: the one (or dominant) compatible full name ending with it
    for i in people:
        if len(groups[i].tokens) != 1:
            continue
        candidates = [j for j in by_surname.get(_surname(groups[i].tokens), [])
                      if _compatible(groups[i].country, groups[j].country)]
        roots = {union.find(j) for j in candidates}
        if not roots:
            continue
        mentions = Counter()
        for j in candidates:
            mentions[union.find(j)] += groups[j].mentions
        best = max(sorted(roots), key=mentions.__getitem__)
        if len(roots) == 1 or mentions[best] >= DOMINANT_SHARE * sum(mentions.values()):
            union.join(i, best)
    # a full personal name that spaCy labelled ORG in some articles is the same person
    person_keys: dict[str, list[int]] = defaultdict(list)
    for i in full:
        person_keys[groups[i].key].append(i)
    for i, group in enumerate(groups):
        if group.label == "ORG" and group.key in person_keys:
            roots = {union.find(j) for j in person_keys[group.key] if _compatible(group.country, groups[j].country)}
            if len(roots) == 1:
                union.join(i, roots.pop())
    # an acronym: the one organisation whose initials it spells
    orgs = [i for i, g in enumerate(groups) if g.label == "ORG"]
    by_initials: dict[str, list[int]] = defaultdict(list)
    for i in orgs:
        words = [w for w in re.split(r"[\s-]+", groups[i].key) if w not in _STOPWORDS]
        if len(words) > 1:
            by_initials["".join(w[0] for w in words)].append(i)
    for i in orgs:
        name = groups[i].rows[0][0].replace(".", "")
        if " " in name or not (2 <= len(name) <= 6 and name.isupper()):
            continue
        candidates = [j for j in by_initials.get(groups[i].key, []) if _compatible(groups[i].country, groups[j].country)]
        roots = {union.find(j) for j in candidates}
        if len(roots) == 1:
            union.join(i, roots.pop())
    return union


def resolve_actors(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild the actors table and fill actor_id in entities and events."""
    labels = ", ".join(f"'{label}'" for label in ACTOR_LABELS)
    rows = con.execute(f"""
        SELECT label, coalesce(canonical, text) AS name, country, count(*), count(DISTINCT article_id),
               mode(sector)
        FROM entities WHERE label IN ({labels}) AND coalesce(canonical, text) IS NOT NULL
        GROUP BY ALL ORDER BY ALL""").fetchall()
    groups = _groups(rows)
    union = link_names(groups)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(groups)):
        members[union.find(i)].append(i)
    actors, mapping = [], []
    taken: Counter = Counter()
    for indexes in members.values():
        parts = [groups[i] for i in indexes]
        names = Counter()
        countries, sectors = Counter(), Counter()
        articles = 0
        for group in parts:
            for name, country, mentions, n_articles, sector in group.rows:
                names[name] += mentions
                articles += n_articles
                if country:
                    countries[country] += mentions
                if sector:
                    sectors[sector] += mentions
        # the actor's name: its most mentioned longest form ("Vladimir Putin", not "Putin")
        label = "PERSON" if any(g.label == "PERSON" for g in parts) else parts[0].label
        main = max(sorted(names), key=lambda n: (len(normalize_name(n, label).split()) > 1, names[n]))
        country = max(sorted(countries), key=countries.__getitem__) if countries else None
        sector = max(sorted(sectors), key=sectors.__getitem__) if sectors else None
        key = f"{label}|{normalize_name(main, label)}|{country or ''}"
        actor_id = "A" + hashlib.md5(key.encode()).hexdigest()[:12]
        taken[actor_id] += 1
        if taken[actor_id] > 1:  # two actors of one name and country that nothing joined (two Smiths)
            actor_id += f"-{taken[actor_id]}"
        actors.append((actor_id, main, label, country, sector, sorted(names), sum(names.values()), articles))
        for group in parts:
            for name, row_country, *_ in group.rows:
                mapping.append((group.label, name, row_country, actor_id))
    _write(con, actors, mapping)
    return {"actors": len(actors), "actor_names": len(mapping)}


def _write(con: duckdb.DuckDBPyConnection, actors: list[tuple], mapping: list[tuple]) -> None:
    import pyarrow as pa

    actor_table = pa.table({name: [a[k] for a in actors] for k, name in enumerate(
        ["actor_id", "name", "label", "country", "sector", "names", "mentions", "articles"])})
    map_table = pa.table({name: [m[k] for m in mapping] for k, name in enumerate(
        ["label", "name", "country", "actor_id"])})
    con.register("_actors", actor_table)
    con.register("_actor_names", map_table)
    try:
        with transaction(con):
            con.execute("DELETE FROM actors")
            con.execute("INSERT INTO actors SELECT * FROM _actors")
            con.execute("""
                UPDATE entities SET actor_id = m.actor_id FROM _actor_names m
                WHERE entities.label = m.label AND coalesce(entities.canonical, entities.text) = m.name
                  AND entities.country IS NOT DISTINCT FROM m.country""")
            for role in ("source", "target"):  # event actors: by name and country, when that is unambiguous
                con.execute(f"""
                    UPDATE events SET {role}_actor_id = m.actor_id
                    FROM (SELECT name, country, min(actor_id) AS actor_id FROM _actor_names GROUP BY ALL
                          HAVING count(DISTINCT actor_id) = 1) m
                    WHERE coalesce(events.{role}_canonical, events.{role}_text) = m.name
                      AND events.{role}_country IS NOT DISTINCT FROM m.country""")
    finally:
        con.unregister("_actors")
        con.unregister("_actor_names")
