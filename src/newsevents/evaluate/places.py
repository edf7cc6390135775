"""`newsevents evaluate places`: toponym recognition and resolution against LGL, TR-News, GeoVirus.

Each gold article's text goes through the pipeline as given (raw), so offsets compare directly.
- Recognition: precision/recall/F1 of place spans, a predicted span matching a gold one when they
  overlap (one to one, in text order).
- Resolution, on matched toponyms whose gold has coordinates: accuracy within 161 km (100 miles,
  the usual "accuracy@161km"), mean and median error in km (a toponym left unresolved counts as a
  miss for accuracy and is left out of the errors), and exact GeoNames id match where the gold
  has an id.
Gold formats: LGL and TR-News (`<toponym>` with `<gaztag geonameid>` and lat/lon) and GeoVirus
(`<location>` with lat/lon, offsets one character late, which we re-anchor on the name).
Demonyms ("Russian") are gold toponyms in LGL and TR-News but not places for newsevents: the main
scores are those of the default output (no demonyms), with recall also on the gold without them;
`with_demonyms` scores the output with `places_demonyms` on (demonyms emitted as countries).
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.evaluate import prf
from newsevents.model import Document
from newsevents.resolve.gazetteer import haversine_km

DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "geo" / "lgl.xml"
ACCURACY_KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _anchor(text: str, start: int, end: int, phrase: str) -> tuple[int, int] | None:
    """The gold offsets, re-anchored on the phrase when the file's offsets are shifted."""
    if text[start:end] == phrase:
        return start, end
    best = None
    for delta in range(1, 80):
        for s in (start - delta, start + delta):
            if 0 <= s and text[s:s + len(phrase)] == phrase:
                best = (s, s + len(phrase))
                break
        if best:
            return best
    return None


def load_gold(path: Path) -> list[GoldArticle]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ValueError(f"{path}: not a geoparsing gold XML file ({exc})") from None
    articles = []
    for n, node in enumerate(root.iter("article")):
        text = node.findtext("text") or ""
        toponyms = []
        for t in list(node.iter("toponym")) + list(node.iter("location")):
            phrase = t.findtext("phrase") or t.findtext("name") or ""
            start, end = _float(t.findtext("start")), _float(t.findtext("end"))
            if start is None or end is None or not phrase:
                continue
            span = _anchor(text, int(start), int(end), phrase)
            if span is None:
                continue
            tag = t.find("gaztag")
            source = tag if tag is not None else t
            gid = tag.get("geonameid") if tag is not None else None
            toponyms.append(GoldToponym(span[0], span[1], phrase, _float(source.findtext("lat")),
                                        _float(source.findtext("lon")), int(gid) if gid and gid.isdigit() else None))
        articles.append(GoldArticle(node.get("docid") or str(n), text, toponyms))
    return articles


def _match(gold: list[GoldToponym], predicted: list) -> list[tuple[GoldToponym, Any]]:
    pairs = []
    used = set()
    for g in gold:
        for i, p in enumerate(predicted):
            if i not in used and p.start < g.end and g.start < p.end:
                used.add(i)
                pairs.append((g, p))
                break
    return pairs


def _score(articles: list[GoldArticle], predictions: list[list | None], demonym_words: set[str]) -> dict:
    tp = fp = fn = 0
    names_total = names_found = 0
    with_coords = correct = 0
    errors: list[float] = []
    id_total = id_correct = 0
    for article, predicted in zip(articles, predictions):
        if predicted is None:
            fn += len(article.toponyms)
            continue
        pairs = _match(article.toponyms, predicted)
        tp += len(pairs)
        fp += len(predicted) - len(pairs)
        fn += len(article.toponyms) - len(pairs)
        matched = {id(g) for g, _ in pairs}
        for g in article.toponyms:
            if g.phrase.lower() not in demonym_words:
                names_total += 1
                names_found += id(g) in matched
        for g, p in pairs:
            if g.lat is None or g.lon is None:
                continue
            with_coords += 1
            if p.lat is not None and p.lon is not None:
                distance = haversine_km(g.lat, g.lon, p.lat, p.lon)
                errors.append(distance)
                correct += distance <= ACCURACY_KM
            if g.geonames_id is not None:
                id_total += 1
                id_correct += p.geonames_id == g.geonames_id
    return {
        "toponyms": prf(tp, fp, fn),
        "recall_on_gold_without_demonyms": round(names_found / names_total, 4) if names_total else None,
        "matched_with_coordinates": with_coords,
        "accuracy_161km": round(correct / with_coords, 4) if with_coords else None,
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "geonames_id_exact": round(id_correct / id_total, 4) if id_total else None,
        "geonames_id_total": id_total,
    }


def run(gold: Path, limit: int | None = None, **options: Any) -> dict:
    """Scores of the default output, and of the output with demonyms emitted as countries."""
    from newsevents.pipeline import Pipeline
    from newsevents.resolve.geo_toponyms import demonyms as demonym_table

    articles = load_gold(gold)[:limit] if limit else load_gold(gold)
    options = {k: v for k, v in options.items() if v is not None}
    options["places_demonyms"] = True  # removed again below for the default scores
    pipeline = Pipeline(options=options)
    documents = [Document(id=a.id, text=a.text, raw=True) for a in articles]
    demonym_words = set(demonym_table())
    with_demonyms: list[list | None] = []
    failed = 0
    for result in pipeline.run(documents):
        if result.error is not None:
            failed += 1
            with_demonyms.append(None)
        else:
            with_demonyms.append(sorted(result.places, key=lambda p: p.start))
    default = [None if places is None else
               [p for p in places if not (p.feature == "country" and p.text.lower() in demonym_words)]
               for places in with_demonyms]
    return {
        "gold": str(gold), "articles": len(articles), "failed": failed,
        **_score(articles, default, demonym_words),
        "with_demonyms": _score(articles, with_demonyms, demonym_words),
    }
