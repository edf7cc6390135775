"""PETRARCH / Phoenix actor dictionaries, for users who already have them (`--actors FILE`).

The format (e.g. Phoenix.Countries.actors.txt): an entry line `NAME_WORDS_ [CODE]` or `NAME_` followed
by `+OTHER_NAME` lines and indented `[CODE DATES]` lines; `#` starts a comment. Dates restrict a
code: `[RUSGOV 991231-080507]` (YYMMDD or YYYYMMDD, from-to), `[RUSGOV >080508]` (from),
`[RUSELI <991231]` (until); a code without dates applies when no dated one does. A code is a
country (ISO alpha-3) or an international prefix (IGO, NGO, IMG, MNC) followed by 3-letter role
codes: RUSGOV -> (RUS, GOV), IGOUNO -> (None, IGO), IMGMUSALQ -> (None, REB).
Agent files (`AGENT [~GOV]`) give a sector only.

The dictionaries add codes where the project's own tables have none; they never replace ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from newsevents.resolve.actor_tables import load_tables, normalize

# CAMEO role codes -> the sectors newsevents uses.
SECTOR_MAP = {"GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "PTY": "PTY", "COP": "COP", "JUD": "JUD",
              "SPY": "GOV", "MED": "JRN", "JRN": "JRN", "EDU": "EDU", "BUS": "BUS", "CRM": "CRM", "CVL": "CVL",
              "ELI": "ELI", "HLH": "HLH", "LAB": "LAB", "LEG": "LEG", "REF": "CVL", "AGR": "AGR", "IGO": "IGO",
              "NGO": "NGO", "UAF": "REB", "INS": "REB", "SEP": "REB", "RAD": "REB", "MNC": "BUS", "REL": "REL",
              "HRI": "NGO", "ENV": "NGO", "NGM": "NGO", "MOD": None, "RES": None}
# International prefixes: no country, this sector.
INTERNATIONAL = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": "BUS", "NGM": "NGO", "INT": None}
_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class DictionaryCode:
    country: str | None
    sector: str | None
    start: date | None = None
    end: date | None = None

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def _day(text: str) -> date | None:
    digits = text.strip()
    try:
        if len(digits) == 6:
            year = int(digits[:2])
            return date(2000 + year if year < 40 else 1900 + year, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return None


def parse_code(text: str, countries: set[str]) -> DictionaryCode | None:
    """`RUSGOV 991231-080507` -> DictionaryCode("RUS", "GOV", 1999-12-31, 2008-05-07); None when unusable."""
    parts = text.split()
    if not parts:
        return None
    code, dates = parts[0].upper(), (parts[1] if len(parts) > 1 else "")
    country = sector = None
    if code.startswith("~"):  # an agent: sector only
        sector = SECTOR_MAP.get(code[1:4])
    else:
        prefix, roles = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
        if prefix in countries:
            country = prefix
        elif len(code) == 3 and prefix in SECTOR_MAP:  # "[ELI]": a role without a country
            sector = SECTOR_MAP[prefix]
        elif prefix in INTERNATIONAL:
            sector = INTERNATIONAL[prefix]
        else:
            return None  # regions and codes we cannot express (WSB, AFR, ...)
        for role in roles:
            if role in SECTOR_MAP:
                sector = SECTOR_MAP[role] if sector is None else sector
                break
    start = end = None
    if dates.startswith(">"):
        start = _day(dates[1:])
    elif dates.startswith("<"):
        end = _day(dates[1:])
    elif "-" in dates:
        first, _, last = dates.partition("-")
        start, end = _day(first), _day(last)
    if country is None and sector is None:
        return None
    return DictionaryCode(country, sector, start, end)


class ActorDictionary:
    """Phrases -> their codes, from one or more dictionary files."""

    def __init__(self) -> None:
        self.codes: dict[str, list[DictionaryCode]] = {}

    def add_file(self, path: Path) -> None:
        countries = frozenset(load_tables().country_names)
        parsed: dict[str, DictionaryCode | None] = {}  # the same code strings recur thousands of times
        names: list[str] = []  # the current entry: its names and the codes given anywhere in it
        codes: list[DictionaryCode] = []
        with open(path, encoding="utf-8", errors="replace") as handle:
            for raw in handle:
                line = raw.split("#", 1)[0].rstrip()
                if not line or "!" in line:
                    continue
                body = line.strip()
                if not body:
                    continue
                found = _CODE.findall(body) if "[" in body else ()
                for text in found:
                    if text not in parsed:
                        parsed[text] = parse_code(text, countries)
                    if parsed[text] is not None:
                        codes.append(parsed[text])
                name = _CODE.sub("", body).strip() if found else body
                if body.startswith("+"):
                    names.append(name[1:])
                elif line[0] not in " \t" and name:
                    self._register(names, codes)
                    names, codes = [name], [parsed[t] for t in found if parsed[t] is not None]
        self._register(names, codes)

    def _register(self, names: list[str], codes: list[DictionaryCode]) -> None:
        if not codes:
            return
        for phrase in names:
            key = normalize(phrase.replace("_", " "))
            if key:
                self.codes.setdefault(key, []).extend(codes)

    def code(self, text: str, day: date | None) -> DictionaryCode | None:
        """The code of a phrase on a date: a dated code valid then, else an undated one."""
        codes = self.codes.get(normalize(text))
        if not codes:
            return None
        dated = [c for c in codes if c.start is not None or c.end is not None]
        undated = [c for c in codes if c.start is None and c.end is None]
        if day is not None:
            valid = [c for c in dated if c.holds(day)]
            if valid:
                return valid[0]
        elif dated:
            return max(dated, key=lambda c: c.start or date.min)
        return undated[0] if undated else None

    def __len__(self) -> int:
        return len(self.codes)


@lru_cache(maxsize=4)
def load_dictionaries(paths: tuple[str, ...]) -> ActorDictionary:
    """The dictionaries at `paths`, loaded once per process for each set of paths.

    A file that cannot be read raises ValueError with a one-line reason.
    """
    dictionary = ActorDictionary()
    for name in paths:
        path = Path(name)
        if not path.is_file():
            raise ValueError(f"actor dictionary not found: {name}")
        dictionary.add_file(path)
    return dictionary
