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
articles) and `actor_id` filled in entities and in the source/target of events. An actor's id is a
hash of its first name group (label, normalised name, country), so it depends on that actor alone.
`update_actors` (the incremental corpus step) resolves again only the name groups that new or
removed articles touch, with everything they can be linked to, and gives the same result.
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

from newsevents.resolve.rowscope import rows_of
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


# Each article's actor names: one row per (label, name, country, sector) with its number of mentions,
# kept in article_actor_names so that the counts of a name can be updated without reading every entity.
_ARTICLE_NAMES_SQL = """
SELECT article_id, label, coalesce(canonical, text) AS name, country, sector, count(*) AS mentions
FROM entities WHERE label IN ({labels}) AND coalesce(canonical, text) IS NOT NULL {scope} GROUP BY ALL
"""
# One row per (label, name, country) with its counts and most frequent sector (ties: the first in order,
# so that a store built in steps says the same as one built at once), from per-article `rows`.
_TRIPLES_SQL = """
WITH _rows AS ({rows}),
sectors AS (SELECT label, name, country, sector, sum(mentions) AS n FROM _rows WHERE sector IS NOT NULL
                 GROUP BY ALL),
best AS (SELECT label, name, country, first(sector ORDER BY n DESC, sector) AS sector FROM sectors GROUP BY ALL)
SELECT label, name, country, sum(mentions)::BIGINT, count(DISTINCT article_id), any_value(best.sector)
FROM _rows LEFT JOIN best USING (label, name, country) GROUP BY ALL ORDER BY ALL
"""
_LABELS = ", ".join(f"'{label}'" for label in ACTOR_LABELS)
_NAME_COLUMNS = ["label", "name", "country", "key", "surname", "initials", "mentions", "articles", "sector",
                 "actor_id"]


def resolve_actors(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild the actors table and fill actor_id in entities and events."""
    with transaction(con):
        con.execute("DELETE FROM article_actor_names")
        con.execute("INSERT INTO article_actor_names " + _ARTICLE_NAMES_SQL.format(labels=_LABELS, scope=""))
        rows = con.execute(_TRIPLES_SQL.format(rows="SELECT * FROM article_actor_names")).fetchall()
        actors, names = build_actors(rows)
        con.execute("DELETE FROM actors")
        con.execute("DELETE FROM actor_names")
        _write(con, actors, names)
        con.execute("UPDATE entities SET actor_id = NULL WHERE actor_id IS NOT NULL")
        _set_entity_ids(con, None)
        _set_event_ids(con, None)
    return {"actors": len(actors), "actor_names": len(names)}


def build_actors(rows: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Actors and the name rows (label, name, country, key, surname, initials, mentions, articles,
    sector, actor_id) of the (label, name, country, mentions, articles, sector) rows, in that order."""
    groups = _groups(rows)
    union = link_names(groups)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(groups)):
        members[union.find(i)].append(i)
    actors, names = [], []
    for indexes in members.values():
        parts = [groups[i] for i in indexes]
        counts = Counter()
        countries, sectors = Counter(), Counter()
        articles = 0
        for group in parts:
            for name, country, mentions, n_articles, sector in group.rows:
                counts[name] += mentions
                articles += n_articles
                if country:
                    countries[country] += mentions
                if sector:
                    sectors[sector] += mentions
        # the actor's name: its most mentioned longest form ("Vladimir Putin", not "Putin")
        label = "PERSON" if any(g.label == "PERSON" for g in parts) else parts[0].label
        main = max(sorted(counts), key=lambda n: (len(normalize_name(n, label).split()) > 1, counts[n]))
        country = max(sorted(countries), key=countries.__getitem__) if countries else None
        sector = max(sorted(sectors), key=sectors.__getitem__) if sectors else None
        # the id: a hash of the actor's first name group (label, name, country), which no other actor
        # has, so that it depends on the actor alone and not on the rest of the corpus
        first = parts[0]
        actor_id = "A" + hashlib.md5(f"{first.label}|{first.key}|{first.country or ''}".encode()).hexdigest()[:12]
        actors.append((actor_id, main, label, country, sector, sorted(counts), sum(counts.values()), articles))
        for group in parts:
            for name, row_country, mentions, n_articles, sector in group.rows:
                names.append((group.label, name, row_country, group.key, *_blocks(group.label, group.key),
                              mentions, n_articles, sector, actor_id))
    return actors, names


def _blocks(label: str, key: str) -> tuple[str | None, str | None]:
    """(surname, initials) by which `link_names` compares a name group with others: persons by
    surname, organisations by the initials an acronym would spell."""
    tokens = key.split()
    if label == "PERSON":
        return _surname(tokens), None
    words = [w for w in re.split(r"[\s-]+", key) if w not in _STOPWORDS]
    return None, "".join(w[0] for w in words) if len(words) > 1 else None


def update_actors(con: duckdb.DuckDBPyConnection, changed: list[str], deleted: list[str]
                  ) -> tuple[dict[str, int], set[str]]:
    """The actors after `changed` articles were written and `deleted` ones removed, equal to those of
    `resolve_actors` on the whole store, computed from the name groups they touch (inside the
    caller's transaction). Returns the counts and the articles whose events got other actor ids.

    `link_names` compares a group only with the groups of the same surname (persons), the same full
    name (an organisation named like a person) and the same initials (acronyms): the groups to
    resolve again are those reachable from the touched names through these blocks, and through the
    old actors they belonged to (a link that no longer holds).
    """
    gone = sorted(set(changed) | set(deleted))
    # the names the articles had before and have now (their per-article counts are replaced)
    con.execute("CREATE OR REPLACE TEMP TABLE _touched_names AS "
                "SELECT DISTINCT label, name, country FROM article_actor_names WHERE article_id IN (SELECT unnest(?))",
                [gone])
    try:
        con.execute("DELETE FROM article_actor_names WHERE article_id IN (SELECT unnest(?))", [gone])
        written, params = rows_of(con, "entities", "article_id", changed)
        con.execute("INSERT INTO article_actor_names " + _ARTICLE_NAMES_SQL.format(
            labels=_LABELS, scope="AND " + written), params)
        # the changed articles' names, and in how many of them each is seen
        condition, params = rows_of(con, "article_actor_names", "article_id", changed)
        in_changed = Counter({tuple(r[:3]): r[3] for r in con.execute(
            "SELECT label, name, country, count(DISTINCT article_id) FROM article_actor_names WHERE "
            + condition + " GROUP BY ALL", params).fetchall()})
        _temp_names(con, "_new_names", sorted(in_changed, key=str))
        con.execute("INSERT INTO _touched_names SELECT * FROM _new_names")
        con.execute("CREATE OR REPLACE TEMP TABLE _touched_names AS SELECT DISTINCT * FROM _touched_names")
        join = "JOIN _touched_names t USING (label, name) WHERE {a}.country IS NOT DISTINCT FROM t.country"
        old = con.execute("SELECT n.label, n.key, n.actor_id, n.name, n.country FROM actor_names n "
                          + join.format(a="n")).fetchall()
        fresh = con.execute(_TRIPLES_SQL.format(rows="SELECT r.* FROM article_actor_names r " + join.format(a="r"))
                            ).fetchall()
        con.execute("DELETE FROM actor_names USING _touched_names t WHERE actor_names.label = t.label "
                    "AND actor_names.name = t.name AND actor_names.country IS NOT DISTINCT FROM t.country")
        fresh_rows = []
        for label, name, country, mentions, articles, sector in fresh:
            key = normalize_name(name, label)
            if key:
                fresh_rows.append((label, name, country, key, *_blocks(label, key), mentions, articles, sector, None))
        _insert_names(con, fresh_rows)
        seeds = {(r[0], r[1]) for r in old} | {(r[0], r[3]) for r in fresh_rows}
        closure = _reachable(con, seeds, {r[2] for r in old if r[2]})
        _keys_table(con, closure)
        rows = con.execute("SELECT label, name, country, mentions, articles, sector, actor_id FROM actor_names "
                           "JOIN _closure USING (label, key) ORDER BY label, name, country, mentions, articles, "
                           "sector").fetchall()
        before = {(r[0], r[1], r[2]): r[6] for r in rows} | {(r[0], r[3], r[4]): r[2] for r in old}
        old_actors = sorted({a for a in before.values() if a})
        actors, names = build_actors([r[:6] for r in rows])
        con.execute("DELETE FROM actors WHERE actor_id IN (SELECT unnest(?))", [old_actors])
        con.execute("DELETE FROM actor_names USING _closure c WHERE actor_names.label = c.label "
                    "AND actor_names.key = c.key")
        _write(con, actors, names)
        moved = [n for n in names if before.get(n[:3]) != n[9]]
        # entities: every row of the changed articles, and the rows of other articles whose name got
        # another actor (a name seen in as many articles as changed ones holding it is in no other)
        _set_entity_ids(con, None, changed)
        elsewhere = sorted({n[:3] for n in moved if n[7] > in_changed[n[:3]]}, key=str)
        if elsewhere:
            _temp_names(con, "_entity_names", elsewhere)
            others = [r[0] for r in con.execute(
                "SELECT DISTINCT r.article_id FROM article_actor_names r JOIN _entity_names x ON x.label = r.label "
                "AND x.name = r.name AND x.country IS NOT DISTINCT FROM r.country").fetchall()]
            _set_entity_ids(con, elsewhere, sorted(set(others) - set(changed)))
        # events: the (name, country) pairs whose actor changed or went, and every event of the changed articles
        touched = con.execute("SELECT label, name, country FROM _touched_names").fetchall()
        pairs = {(n[1], n[2]) for n in moved} | {(name, country) for _, name, country in touched}
        events = _set_event_ids(con, changed, sorted(pairs, key=str))
    finally:
        for table in ("_touched_names", "_closure", "_new_names", "_entity_names"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    counts = con.execute("SELECT (SELECT count(*) FROM actors), (SELECT count(*) FROM actor_names)").fetchone()
    return {"actors": counts[0], "actor_names": counts[1]}, events


def _reachable(con: duckdb.DuckDBPyConnection, seeds: set[tuple[str, str]], actors: set[str]
               ) -> set[tuple[str, str]]:
    """The (label, key) name groups reachable from `seeds` (and the groups of the `actors`) through
    shared blocks: a person's surname, a multi-word name (a person and an organisation of that name),
    an acronym and the initials it spells, and an actor id a group had."""
    closure: set[tuple[str, str]] = set()
    seen: dict[str, set[str]] = {"surname": set(), "full": set(), "initials": set(), "actor": set()}
    frontier, pending = set(seeds), {"surname": set(), "full": set(), "initials": set(), "actor": set(actors)}
    while True:
        closure |= frontier
        if frontier:
            _keys_table(con, frontier)
            spelled_by: set[str] = set()
            for label, key, surname, spelled, actor_id in con.execute(
                    "SELECT DISTINCT label, key, surname, initials, actor_id FROM actor_names "
                    "JOIN _closure USING (label, key)").fetchall():
                if label == "PERSON":
                    pending["surname"].add(surname)
                if " " in key:
                    pending["full"].add(key)
                if label == "ORG" and spelled:
                    spelled_by.add(spelled)  # a candidate for an acronym, if there is one
                if label == "ORG" and " " not in key:
                    pending["initials"].add(key)  # maybe an acronym
                if actor_id:
                    pending["actor"].add(actor_id)
            # initials join an organisation to others only through an acronym that spells them
            pending["initials"] |= {r[0] for r in con.execute(
                "SELECT DISTINCT key FROM actor_names WHERE label = 'ORG' AND key IN (SELECT unnest(?))",
                [sorted(spelled_by - seen["initials"])]).fetchall()}
        for block in pending:
            pending[block] = sorted(pending[block] - seen[block])
            seen[block] |= set(pending[block])
        if not any(pending.values()):
            return closure
        reached = con.execute("""
            SELECT DISTINCT label, key FROM actor_names
            WHERE (label = 'PERSON' AND surname IN (SELECT unnest(?)))
               OR key IN (SELECT unnest(?))
               OR (label = 'ORG' AND (initials IN (SELECT unnest(?))
                                      OR (NOT contains(key, ' ') AND key IN (SELECT unnest(?)))))
               OR actor_id IN (SELECT unnest(?))""",
                              [pending["surname"], pending["full"], pending["initials"], pending["initials"],
                               pending["actor"]]).fetchall()
        frontier = set(reached) - closure
        pending = {block: set() for block in pending}


def _keys_table(con: duckdb.DuckDBPyConnection, keys: set[tuple[str, str]]) -> None:
    ordered = sorted(keys)
    con.execute("CREATE OR REPLACE TEMP TABLE _closure AS SELECT unnest(?::VARCHAR[]) AS label, "
                "unnest(?::VARCHAR[]) AS key", [[k[0] for k in ordered], [k[1] for k in ordered]])


def _insert_names(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    import pyarrow as pa

    if not rows:
        return
    table = pa.table({name: pa.array([r[k] for r in rows], pa.int64() if name in ("mentions", "articles")
                                     else pa.string()) for k, name in enumerate(_NAME_COLUMNS)})
    con.register("_names", table)
    try:
        con.execute("INSERT INTO actor_names SELECT * FROM _names")
    finally:
        con.unregister("_names")


def _write(con: duckdb.DuckDBPyConnection, actors: list[tuple], names: list[tuple]) -> None:
    """Insert actors and their name rows (inside the caller's transaction)."""
    import pyarrow as pa

    if actors:
        actor_table = pa.table({name: [a[k] for a in actors] for k, name in enumerate(
            ["actor_id", "name", "label", "country", "sector", "names", "mentions", "articles"])})
        con.register("_actors", actor_table)
        try:
            con.execute("INSERT INTO actors SELECT * FROM _actors")
        finally:
            con.unregister("_actors")
    _insert_names(con, names)


def _temp_names(con: duckdb.DuckDBPyConnection, table: str, names: list[tuple]) -> None:
    """A temporary table of (label, name, country) rows."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT unnest(?::VARCHAR[]) AS label, "
                "unnest(?::VARCHAR[]) AS name, unnest(?::VARCHAR[]) AS country",
                [[n[0] for n in names], [n[1] for n in names], [n[2] for n in names]])


def _set_entity_ids(con: duckdb.DuckDBPyConnection, names: list[tuple] | None, articles: list[str] | None = None
                    ) -> None:
    """actor_id of the entities from actor_names: of all names (`names` None), or of the (label, name,
    country) `names`; in every article (`articles` None), or in the `articles`."""
    chosen = "actor_names"
    if names is not None:
        _temp_names(con, "_entity_names", names)
        chosen = ("(SELECT n.* FROM actor_names n JOIN _entity_names x ON x.label = n.label AND x.name = n.name "
                  "AND x.country IS NOT DISTINCT FROM n.country)")
    scope, params = ("TRUE", []) if articles is None else rows_of(con, "entities", "article_id", articles,
                                                                   alias="entities.")
    try:
        con.execute(f"""
            UPDATE entities SET actor_id = m.actor_id FROM {chosen} m
            WHERE entities.label = m.label AND coalesce(entities.canonical, entities.text) = m.name
              AND entities.country IS NOT DISTINCT FROM m.country
              AND entities.actor_id IS DISTINCT FROM m.actor_id AND {scope}""", params)
    finally:
        con.execute("DROP TABLE IF EXISTS _entity_names")


def _set_event_ids(con: duckdb.DuckDBPyConnection, articles: list[str] | None,
                   pairs: list[tuple] | None = None) -> set[str]:
    """Event actor ids by name and country, where that is unambiguous (NULL otherwise): for every
    event (`articles` None), or for the events of `articles` and those naming one of the (name,
    country) `pairs`. Returns the articles of the events that changed."""
    source, target = "coalesce(source_canonical, source_text)", "coalesce(target_canonical, target_text)"
    columns = (f"article_id, seq, {source} AS source, source_country, source_actor_id, {target} AS target, "
               "target_country, target_actor_id")
    if articles is None:
        where, params = "TRUE", []
    else:
        # one scan for both: an event naming one of the names in another country is looked at too
        # (its ids come out as they are), which costs less than joining the pairs per role
        scope, params = rows_of(con, "events", "article_id", articles)
        names = sorted({p[0] for p in pairs or []})
        where = f"({scope}) OR {source} = ANY(?::VARCHAR[]) OR {target} = ANY(?::VARCHAR[])"
        params += [names, names]
    # the new ids in a table first: an UPDATE whose FROM is this query read the events several times
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _event_ids AS
        WITH e AS (SELECT {columns} FROM events WHERE {where}),
        m AS (SELECT name, country, min(actor_id) AS actor_id FROM actor_names
              WHERE name IN (SELECT source FROM e UNION SELECT target FROM e)
              GROUP BY ALL HAVING count(DISTINCT actor_id) = 1)
        SELECT e.article_id, e.seq, s.actor_id AS source_id, t.actor_id AS target_id FROM e
        LEFT JOIN m s ON e.source = s.name AND e.source_country IS NOT DISTINCT FROM s.country
        LEFT JOIN m t ON e.target = t.name AND e.target_country IS NOT DISTINCT FROM t.country
        WHERE e.source_actor_id IS DISTINCT FROM s.actor_id OR e.target_actor_id IS DISTINCT FROM t.actor_id""",
                params)
    try:
        changed = sorted({r[0] for r in con.execute("SELECT article_id FROM _event_ids").fetchall()})
        if changed:
            scope, params = rows_of(con, "events", "article_id", changed, alias="events.")
            con.execute(f"""UPDATE events SET source_actor_id = u.source_id, target_actor_id = u.target_id
                            FROM _event_ids u WHERE events.article_id = u.article_id AND events.seq = u.seq
                            AND {scope}""", params)
    finally:
        con.execute("DROP TABLE IF EXISTS _event_ids")
    return set(changed)
