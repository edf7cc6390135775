"""`newsevents evaluate news-events`: PLOVER events on ordinary news, scored as the dev set's
CODING.md says (../shared/data/events/news_sentences/).

Every article of `articles.jsonl` goes through the whole pipeline as raw text (offsets are into
the article as given). A predicted event belongs to a coded sentence when its trigger offset
lies inside the sentence. Gold and predicted events of a sentence are paired one to one, same
type only; among same-type pairs, usable ones are taken first, then the nearest triggers.
- type P/R/F1 count the pairs;
- a pair is *usable* when source and target are compatible (both empty, or sharing a content
  word, ignoring articles and prepositions) and the negated and hypothetical flags agree;
- false alarms: predicted events in sentences coded with none, per 100 such sentences;
- calibration: among the events at confidence >= c, the share that is usable (the model's
  `confidence` claims to be that probability), beside their mean confidence.
The scores are those of the events a user sees: at or above the default `--min-confidence`
(the event model's threshold); the calibration table reads every event the model kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from newsevents.evaluate import prf
from newsevents.extract.event_lexicon import PLOVER_TYPES

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data"
DEFAULT_GOLD = SHARED / "events" / "news_sentences"
THRESHOLDS = (0.5, 0.7, 0.9)
# Articles and prepositions: sharing only these does not make two actor texts compatible.
FUNCTION_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "into", "over",
    "under", "against", "between", "among", "through", "during", "without", "within", "after", "before",
    "across", "behind", "near", "toward", "towards", "upon", "s",
}
_WORD = re.compile(r"\w+")


def content_words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in FUNCTION_WORDS}


def compatible(gold: str | None, predicted: str | None) -> bool:
    """Both empty, or sharing a content word."""
    if not gold and not predicted:
        return True
    return bool(content_words(gold) & content_words(predicted))


def actor_text(actor: dict | None) -> str | None:
    return actor.get("text") if actor else None


def usable(gold: dict, predicted: dict) -> bool:
    return (compatible(gold.get("source"), actor_text(predicted.get("source")))
            and compatible(gold.get("target"), actor_text(predicted.get("target")))
            and bool(gold.get("negated")) == bool(predicted.get("negated"))
            and bool(gold.get("hypothetical")) == bool(predicted.get("hypothetical")))


def pair_events(sentence: str, sentence_start: int, gold: list[dict], predicted: list[dict]
                ) -> list[tuple[int, int, bool]]:
    """One-to-one pairs (gold index, predicted index, usable), same type only: usable pairs first,
    then the pairs whose triggers lie nearest."""
    options = []
    for gi, g in enumerate(gold):
        at = sentence.find(g.get("trigger") or "")
        gold_at = sentence_start + (at if at >= 0 else 0)
        for pi, p in enumerate(predicted):
            if p["type"] == g["type"]:
                ok = usable(g, p)
                options.append((not ok, abs(p["start"] - gold_at), gi, pi, ok))
    options.sort()
    pairs, used_g, used_p = [], set(), set()
    for _, _, gi, pi, ok in options:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi, ok))
    return pairs


def load_gold(folder: Path) -> tuple[list[dict], dict[str, str]]:
    folder = Path(folder)
    if folder.is_file():
        folder = folder.parent
    try:
        with (folder / "coded.jsonl").open(encoding="utf-8") as lines:
            sentences = [json.loads(line) for line in lines if line.strip()]
        with (folder / "articles.jsonl").open(encoding="utf-8") as lines:
            articles = {row["id"]: row["text"] for row in map(json.loads, lines) if row}
    except (OSError, ValueError, KeyError) as exc:
        raise ValueError(f"cannot read the news_sentences gold in {folder}: {exc}") from None
    return sentences, articles


def predict_articles(articles: dict[str, str], options: dict[str, Any]) -> tuple[dict[str, list[dict]], list[str]]:
    """Every article through the whole pipeline as raw text: its events as dicts."""
    from newsevents.model import Document
    from newsevents.pipeline import Pipeline

    pipeline = Pipeline(options=dict(options))
    documents = [Document(id=doc_id, text=text, raw=True) for doc_id, text in articles.items()]
    events: dict[str, list[dict]] = {}
    errors: list[str] = []
    for doc_id, result in zip(articles, pipeline.run(documents)):
        if result.error is not None:
            errors.append(f"{doc_id}: {result.error}")
        events[doc_id] = [asdict(e) for e in result.events] if result.error is None else []
    return events, errors


def _usable_flags(row: dict, predicted: list[dict]) -> list[tuple[bool, dict]]:
    pairs = {pi: ok for _, pi, ok in pair_events(row["sentence"], row["start"], row["events"], predicted)}
    return [(pairs.get(i, False), e) for i, e in enumerate(predicted)]


def score(sentences: list[dict], events: dict[str, list[dict]], min_confidence: float = 0.0) -> dict[str, Any]:
    """The scores of CODING.md for the events at least `min_confidence` confident; the calibration
    table over every event, whatever its confidence. A sentence may carry a `weight` (how many
    sentences of ordinary news it stands for, in a stratified training sample): the totals count
    it that many times."""
    per_type = {t: Counter() for t in PLOVER_TYPES}
    confusion: Counter = Counter()
    totals = Counter()
    scored: list[tuple[float, bool]] = []  # (confidence, usable) of every predicted event in a coded sentence
    for row in sentences:
        start, end, gold = row["start"], row["end"], row["events"]
        every = [e for e in events.get(row["doc"], []) if start <= e["start"] < end]
        predicted = [e for e in every if (e.get("confidence") or 0.0) >= min_confidence]
        if min_confidence:  # the calibration table reads every event: pair them all as well
            for ok, e in _usable_flags(row, every):
                scored.append((e.get("confidence") or 0.0, ok))
        pairs = pair_events(row["sentence"], start, gold, predicted)
        weight = row.get("weight", 1)  # a sampled sentence stands for this many (training data; 1 on the dev set)
        totals["gold"] += weight * len(gold)
        totals["predicted"] += weight * len(predicted)
        totals["pairs"] += weight * len(pairs)
        totals["usable"] += weight * sum(ok for _, _, ok in pairs)
        if not gold:
            totals["empty_sentences"] += weight
            totals["false_alarms"] += weight * len(predicted)
        paired_g = {gi for gi, _, _ in pairs}
        paired_p = {pi: ok for _, pi, ok in pairs}
        for g in gold:
            per_type[g["type"]]["gold"] += 1
        for pi, p in enumerate(predicted):
            per_type.setdefault(p["type"], Counter())["predicted"] += 1
            if not min_confidence:
                scored.append((p.get("confidence") or 0.0, paired_p.get(pi, False)))
        for gi, _, ok in pairs:
            per_type[gold[gi]["type"]]["pairs"] += 1
            per_type[gold[gi]["type"]]["usable"] += ok
        missed = [gold[i]["type"] for i in range(len(gold)) if i not in paired_g]
        extra = [predicted[i]["type"] for i in range(len(predicted)) if i not in paired_p]
        for g_type in missed:  # a missed gold event beside an unpaired prediction: a confusion
            p_type = extra.pop(0) if extra else "-"
            confusion[f"{g_type} -> {p_type}"] += 1
        for p_type in extra:
            confusion[f"- -> {p_type}"] += 1
    type_scores = prf(totals["pairs"], totals["predicted"] - totals["pairs"], totals["gold"] - totals["pairs"])
    usable_scores = prf(totals["usable"], totals["predicted"] - totals["usable"], totals["gold"] - totals["usable"])
    types = {}
    for t, c in per_type.items():
        if c["gold"] or c["predicted"]:
            s = prf(c["pairs"], c["predicted"] - c["pairs"], c["gold"] - c["pairs"])
            types[t] = {"gold": c["gold"], "predicted": c["predicted"], "precision": s["precision"], "recall": s["recall"], "f1": s["f1"],
                        "usable_f1": prf(c["usable"], c["predicted"] - c["usable"], c["gold"] - c["usable"])["f1"]}
    calibration = {}
    for threshold in THRESHOLDS:
        above = [(c, ok) for c, ok in scored if c >= threshold]
        calibration[f">={threshold}"] = {
            "events": len(above),
            "usable_precision": round(sum(ok for _, ok in above) / len(above), 4) if above else None,
            "mean_confidence": round(sum(c for c, _ in above) / len(above), 4) if above else None,
        }
    return {
        "min_confidence": min_confidence,
        "sentences": len(sentences), "gold_events": totals["gold"], "predicted_events": totals["predicted"],
        "type": type_scores, "usable": usable_scores,
        "false_alarms_per_100_empty": round(100 * totals["false_alarms"] / max(totals["empty_sentences"], 1), 2),
        "calibration": calibration,
        "per_type": types,
        "confusions": dict(confusion.most_common(12)),
    }


def run(gold: Path, limit: int | None = None, **options: Any) -> dict:
    sentences, articles = load_gold(Path(gold))
    if limit:
        keep = list(dict.fromkeys(row["doc"] for row in sentences))[:limit]
        articles = {k: articles[k] for k in keep if k in articles}
        sentences = [row for row in sentences if row["doc"] in articles]
    from newsevents.extract.event_decision import default_threshold

    min_confidence = options.pop("min_confidence", None)
    min_confidence = default_threshold() if min_confidence is None else float(min_confidence)
    events, errors = predict_articles(articles, options)
    scores = score(sentences, events, min_confidence)
    scores["extraction_errors"] = len(errors)
    if errors:
        scores["first_error"] = errors[0]
    return scores
