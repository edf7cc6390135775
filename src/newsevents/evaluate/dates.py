"""`newsevents evaluate dates`: date extraction and normalization on TempEval-3 (TimeML).

Gold: the TIMEX3 tags of type DATE in the `<TEXT>` of each `.tml` file (TBAQ-cleaned: TimeBank
and AQUAINT); the document creation time (DCT) is the publication date. The text between the
tags, with the tags stripped and the XML entities unescaped, goes through the pipeline as a raw
article, so predicted offsets are offsets into it.

Scores:
- span (relaxed): a predicted date matches a gold DATE when the spans overlap (one to one);
- span_strict: the same with identical start and end;
- value: on relaxed matches, our value equals the gold value (case and spaces aside);
  `value_ignoring_time` also accepts a gold value with a time-of-day part (1998-01-07TNI) when
  its date part equals ours.
Predictions overlapping a gold TIMEX3 of another type (TIME, DURATION, SET) are not scored
(they are counted under `other_type`): this task scores DATE expressions only.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsevents.evaluate import prf
from newsevents.extract.dates import REF_PRECISION
from newsevents.model import Document

DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "timex" / "TBAQ-cleaned"

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class GoldDocument:
    id: str
    dct: str | None
    text: str
    timexes: list[GoldTimex]


def read_tml(path: Path) -> GoldDocument:
    """The text inside <TEXT> without tags, its TIMEX3s with offsets into it, and the DCT."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct = None
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if dct_match:
        dct = dict(ATTRIBUTE.findall(dct_match.group(1))).get("value", "")[:10] or None
    body_match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    body = body_match.group(1) if body_match else ""
    pieces: list[str] = []
    length = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    position = 0
    for tag in TAG.finditer(body):
        chunk = html.unescape(body[position:tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if closing:
            if open_timexes:
                start, attributes = open_timexes.pop()
                timexes.append(GoldTimex(start, length, attributes.get("type", ""), attributes.get("value", ""), ""))
        elif not tag.group(4):
            open_timexes.append((length, dict(ATTRIBUTE.findall(tag.group(3)))))
    pieces.append(html.unescape(body[position:]))
    text = "".join(pieces)
    for timex in timexes:
        timex.text = text[timex.start:timex.end]
    return GoldDocument(path.stem, dct, text, sorted(timexes, key=lambda t: t.start))


def _canonical(value: str) -> str:
    """Trivial spelling differences away: case, an unpadded week (2000-W6), a decade as 199X."""
    value = value.strip().upper()
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    return re.sub(r"^(\d{2,3})X+$", r"\1", value)


REFERENCES = {precision: value for value, precision in REF_PRECISION.items()}  # "present" -> "PRESENT_REF"


def timex_value(mention) -> str | None:
    """Our TIMEX3 value: the ISO value, or the reference for "now", "recently", "the future"."""
    return REFERENCES.get(mention.precision, mention.value)


def _same_value(ours: str | None, gold: str) -> bool:
    return ours is not None and _canonical(ours) == _canonical(gold)


def _same_day(ours: str | None, gold: str) -> bool:
    return ours is not None and (_same_value(ours, gold) or _canonical(gold).startswith(_canonical(ours) + "T"))


def _match(predicted: list, gold: list[GoldTimex]) -> list[tuple[object, GoldTimex]]:
    """One-to-one pairs of overlapping spans, the largest overlaps first."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            overlap = min(p.end, g.end) - max(p.start, g.start)
            if overlap > 0:
                candidates.append((overlap, i, j))
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((predicted[i], gold[j]))
    return pairs


def run(gold: Path, limit: int | None = None, errors: int = 0, **options) -> dict:
    from newsevents.pipeline import Pipeline

    files = sorted(gold.rglob("*.tml")) if gold.is_dir() else [gold]
    if limit:
        files = files[:limit]
    if not files:
        raise ValueError(f"no .tml files under {gold}")
    documents = [read_tml(path) for path in files]
    pipeline = Pipeline(options=options)
    inputs = [Document(id=d.id, text=d.text, published=d.dct, raw=True) for d in documents]
    counts = Counter()
    by_shape: Counter = Counter()
    wrong_by_shape: Counter = Counter()
    examples: list[dict] = []
    for document, result in zip(documents, pipeline.run(inputs)):
        if result.article is None:
            counts["failed_documents"] += 1
            continue
        if result.error:
            counts["failed_documents"] += 1
        dates_gold = [t for t in document.timexes if t.type == "DATE"]
        others = [t for t in document.timexes if t.type != "DATE"]
        predicted = []
        for mention in result.dates:
            overlaps_date = any(min(mention.end, g.end) > max(mention.start, g.start) for g in dates_gold)
            if not overlaps_date and any(min(mention.end, g.end) > max(mention.start, g.start) for g in others):
                counts["other_type"] += 1
                continue
            predicted.append(mention)
        pairs = _match(predicted, dates_gold)
        counts["gold"] += len(dates_gold)
        counts["predicted"] += len(predicted)
        counts["matched"] += len(pairs)
        counts["strict"] += sum(p.start == g.start and p.end == g.end for p, g in pairs)
        for p, g in pairs:
            shape = re.sub(r"\d", "9", g.value)
            by_shape[shape] += 1
            ours = timex_value(p)
            if _same_value(ours, g.value):
                counts["value_ok"] += 1
            else:
                wrong_by_shape[shape] += 1
                if len(examples) < errors:
                    examples.append({"doc": document.id, "dct": document.dct, "text": p.text, "gold_text": g.text,
                                     "ours": ours, "gold": g.value})
            counts["value_day_ok"] += _same_day(ours, g.value)
        if errors:
            matched_gold = {id(g) for _, g in pairs}
            matched_pred = {id(p) for p, _ in pairs}
            for g in dates_gold:
                if id(g) not in matched_gold and len(examples) < errors:
                    examples.append({"doc": document.id, "missed": g.text, "gold": g.value})
            for p in predicted:
                if id(p) not in matched_pred and len(examples) < errors:
                    examples.append({"doc": document.id, "spurious": p.text, "ours": p.value})
    matched = counts["matched"]
    scores = {
        "documents": len(documents),
        "failed_documents": counts["failed_documents"],
        "gold_dates": counts["gold"],
        "predicted_dates": counts["predicted"],
        "span": prf(matched, counts["predicted"] - matched, counts["gold"] - matched),
        "span_strict": prf(counts["strict"], counts["predicted"] - counts["strict"], counts["gold"] - counts["strict"]),
        "value_accuracy": round(counts["value_ok"] / matched, 4) if matched else 0.0,
        "value_accuracy_ignoring_time": round(counts["value_day_ok"] / matched, 4) if matched else 0.0,
        "value_end_to_end_f1": prf(counts["value_ok"], counts["predicted"] - counts["value_ok"],
                                   counts["gold"] - counts["value_ok"])["f1"],
        "other_type": counts["other_type"],
        "value_accuracy_by_gold_shape": {shape: round(1 - wrong_by_shape[shape] / n, 3)
                                         for shape, n in by_shape.most_common(12)},
    }
    if errors:
        scores["errors"] = examples
    return scores
