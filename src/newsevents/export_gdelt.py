"""`newsevents export --format gdelt`: the events table in GDELT 2.0's event column order.

GDELT 2.0 event files are tab-separated, without a header, 61 columns (GDELT_COLUMNS below).
We fill what we know and leave the rest empty: actor codes are our country (ISO alpha-3, which
CAMEO country codes follow) + sector; the action's place is our event place (Geo_Type from its
feature, FeatureID is the GeoNames id when known; the country code is left empty because GDELT
uses FIPS 10-4 there, which we do not have); actor geographies, ethnic/religion/known-group codes
and tone are empty. Only events coded as fact are written: negated and hypothetical ones are not.
"""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path
from typing import Any

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    *[f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
assert len(GDELT_COLUMNS) == 61

# GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_US_GEO = {"country": 1, "admin1": 2, "city": 3}
_WORLD_GEO = {"country": 1, "admin1": 5, "city": 4}


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def _actor(row: dict, role: str) -> list[str]:
    country, sector = row.get(f"{role}_country"), row.get(f"{role}_sector")
    if not (row.get(f"{role}_text") or country or sector):
        return [""] * 10
    code = (country or "") + (sector or "")
    name = row.get(f"{role}_canonical") or row.get(f"{role}_text")
    return [_text(code), _text(name and name.upper()), _text(country), "", "", "", "", _text(sector), "", ""]


def _action_geo(row: dict) -> list[str]:
    if not (row.get("place_name") or row.get("place_text")):
        return [""] * 8
    table = _US_GEO if row.get("place_country") == "USA" else _WORLD_GEO
    geo_type = table.get(row.get("place_feature") or "", 4 if row.get("place_lat") is not None else "")
    return [_text(geo_type), _text(row.get("place_name") or row.get("place_text")), "", "", "",
            _text(row.get("place_lat")), _text(row.get("place_lon")), _text(row.get("place_geonames_id"))]


def _event_number(row: dict) -> int:
    key = row.get("event_id") or f"{row.get('article_id')}:{row.get('seq')}"
    return int(hashlib.sha1(str(key).encode()).hexdigest()[:15], 16)


def gdelt_row(row: dict) -> list[str]:
    """One events-table row (joined with its article's url, published and processed_at) as 61 fields."""
    day = _day(row.get("date")) or _day(row.get("published"))
    cameo = str(row.get("cameo") or "")
    processed = row.get("processed_at")
    return [
        str(_event_number(row)),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
        *_actor(row, "source"),
        *_actor(row, "target"),
        "1" if row.get("sentence_index") in (0, 1) else "0",
        cameo, cameo[:3], cameo[:2],
        _text(row.get("quad_class")), _text(row.get("goldstein")),
        _text(row.get("mentions") or 1), "1", "1", "",
        *[""] * 8, *[""] * 8, *_action_geo(row),
        processed.strftime("%Y%m%d%H%M%S") if hasattr(processed, "strftime") else "",
        _text(row.get("url")),
    ]


def export_gdelt(con, out_dir: str | Path, min_confidence: float | None = None) -> Path:
    """Write OUT_DIR/events.gdelt.tsv (GDELT 2.0 event columns, no header), factual events at least
    `min_confidence` confident; returns its path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "events.gdelt.tsv"
    cursor = con.execute(
        "SELECT e.*, a.url AS url, a.published AS published, a.processed_at AS processed_at "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false) "
        "AND coalesce(e.confidence, 0) >= ? ORDER BY e.article_id, e.seq", [float(min_confidence or 0.0)]
    )
    names = [d[0] for d in cursor.description]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        while batch := cursor.fetchmany(10_000):
            for values in batch:
                writer.writerow(gdelt_row(dict(zip(names, values))))
    return path
