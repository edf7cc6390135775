"""`newsevents evaluate events`: event type and actor countries against the PLOVER gold standard
records, and CAMEO penta-class accuracy on the ConfliBERT training sentences.

PLOVER GSR (default gold). Each record is one sentence with one gold event (a few sentences
carry two records). The 2016 draft labels are mapped to PLOVER 0.8: DEMAND -> REQUEST,
DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT; DOCUMENT records have no event and
are skipped. Every sentence goes through the whole pipeline as a raw one-sentence article.

Scoring is per sentence. A sentence with k gold events is predicted by our k most confident
events of distinct types (k = 1 for almost all: our single most confident event). A gold event
is *matched* when a prediction of the same type exists: a true positive for that type;
a prediction whose type is not gold is a false positive for its type; a gold event without
a same-type prediction is a false negative for its type. Micro P/R/F1 sums these over types.
On matched events, source (target) country is correct when our source's (target's) code is
among the gold source (target) codes; gold IGO/NGO codes match our actor's sector (or country)
IGO/NGO, exactly: the GSR codes Amnesty International and the Red Cross IGO where we code NGO
(which they are), and those count as wrong. Sentences whose gold role has no code (or a
non-country code such as IMG) are not counted for that role; when we give no actor, or an actor
without a country or IGO/NGO sector, the role counts as wrong. Country codes come from our
whole output, including a country inferred from the clause (extract/events.py).

ConfliBERT (`class_train.tsv` beside the GSR folder, or `options["conflibert"]`): each sentence's
label is the CAMEO penta class (0 statements 01-02, 1 verbal cooperation 03-05, 2 material
cooperation 06-08, 3 verbal conflict 09-13, 4 material conflict 14-20); ours is the penta class
of our most confident event's CAMEO root, or 0 when we find no event.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from newsevents.evaluate import prf
from newsevents.extract.event_lexicon import PLOVER_TYPES

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data"
DEFAULT_GOLD = SHARED / "events" / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
DEFAULT_CONFLIBERT = SHARED / "events" / "conflibert_cameo" / "class_train.tsv"

LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Codes in the GSR that are not ISO alpha-3 (CAMEO spellings and typos) -> ISO.
CODE_MAP = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Non-state codes that are not countries at all: not scored.
NON_COUNTRY = {"IMG", "ISM", ""}
SECTOR_CODES = {"IGO", "NGO"}
NONE = "-"
_ERRORS: list[str] = []  # extraction errors of the current run, reported with the scores


def _gold_code(actor: Any) -> str | None:
    if not isinstance(actor, dict):
        return None
    code = str(actor.get("code") or "").strip().upper()
    code = CODE_MAP.get(code, code)
    return None if code in NON_COUNTRY else code


def _our_codes(actor: dict | None) -> set[str]:
    if not actor:
        return set()
    codes = {c for c in (actor.get("country"),) if c}
    if actor.get("sector") in SECTOR_CODES:
        codes.add(actor["sector"])
    if actor.get("country") in SECTOR_CODES:
        codes.add(actor["country"])
    return codes


def load_gsr(path: Path) -> list[dict]:
    """Gold sentences: {text, events: [{type, sources: [codes], targets: [codes], source_texts, target_texts}]}."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read PLOVER GSR file {path}: {exc}") from None
    if not isinstance(records, list):
        raise ValueError(f"{path}: expected a JSON list of PLOVER records")
    by_text: dict[str, dict] = {}
    for rec in records:
        if not isinstance(rec, dict) or not rec.get("text"):
            continue
        label = LABEL_MAP.get(rec.get("event"), rec.get("event"))
        if label not in PLOVER_TYPES:
            continue
        text = str(rec["text"]).strip().strip("{}").strip()
        roles = {}
        for role in ("source", "target"):
            actors = rec.get(role) if isinstance(rec.get(role), list) else []
            roles[role + "s"] = [c for c in (_gold_code(a) for a in actors) if c]
            roles[role + "_texts"] = [a.get("actorText") for a in actors if isinstance(a, dict)]
        sentence = by_text.setdefault(text, {"text": text, "id": rec.get("id"), "events": []})
        sentence["events"].append({"type": label, "mode": rec.get("mode") or None, **roles})
    return list(by_text.values())


def _predict(events: list[dict], k: int) -> list[dict]:
    """Our k most confident events of distinct types (factual ones before negated ones)."""
    ranked = sorted(events, key=lambda e: (e.get("negated", False), -(e.get("confidence") or 0)))
    chosen: list[dict] = []
    for ev in ranked:
        if ev["type"] not in {c["type"] for c in chosen}:
            chosen.append(ev)
        if len(chosen) == k:
            break
    return chosen


def _run_pipeline(texts: list[str], options: dict) -> list[list[dict]]:
    from dataclasses import asdict

    from newsevents.model import Document
    from newsevents.pipeline import Pipeline

    pipeline = Pipeline(options=dict(options))
    documents = [Document(id=str(i), text=t, raw=True, published="2000-01-01") for i, t in enumerate(texts)]
    out = []
    for result in pipeline.run(documents):
        if result.error is not None:
            _ERRORS.append(result.error)
        out.append([asdict(e) for e in result.events] if result.error is None else [])
    return out


def score_gsr(sentences: list[dict], predicted: list[list[dict]]) -> dict:
    counts = {t: Counter() for t in PLOVER_TYPES}
    confusion: dict[str, Counter] = defaultdict(Counter)
    role_counts = {"source": Counter(), "target": Counter()}
    failures: dict[str, Counter] = {"source": Counter(), "target": Counter()}
    for sentence, events in zip(sentences, predicted):
        gold = sentence["events"]
        preds = _predict(events, len(gold))
        pred_types = [p["type"] for p in preds]
        gold_types = [g["type"] for g in gold]
        for g in gold:
            match = next((p for p in preds if p["type"] == g["type"]), None)
            if match is None:
                counts[g["type"]]["fn"] += 1
                other = next((t for t in pred_types if t not in gold_types), NONE)
                confusion[g["type"]][other] += 1
                continue
            counts[g["type"]]["tp"] += 1
            confusion[g["type"]][g["type"]] += 1
            for role in ("source", "target"):
                codes = set(g[role + "s"])
                if not codes:
                    continue
                role_counts[role]["total"] += 1
                ours = _our_codes(match.get(role))
                if ours & codes:
                    role_counts[role]["correct"] += 1
                else:
                    text = (g[role + "_texts"] or ["?"])[0]
                    got = (match.get(role) or {}).get("text")
                    failures[role][f"{text} [{'/'.join(sorted(codes))}] -> {got} {sorted(ours) or ''}"] += 1
        for t in pred_types:
            if t not in gold_types:
                counts[t]["fp"] += 1
    per_type = {t: prf(c["tp"], c["fp"], c["fn"]) for t, c in counts.items() if sum(c.values())}
    total = Counter()
    for c in counts.values():
        total.update(c)
    roles = {}
    for role, c in role_counts.items():
        roles[f"{role}_country_accuracy"] = round(c["correct"] / c["total"], 4) if c["total"] else 0.0
        roles[f"{role}_country_scored"] = c["total"]
    return {
        "sentences": len(sentences),
        "gold_events": sum(len(s["events"]) for s in sentences),
        "micro": prf(total["tp"], total["fp"], total["fn"]),
        **roles,
        "per_type": per_type,
        "confusion": {g: dict(row) for g, row in sorted(confusion.items())},
        "actor_failures": {role: dict(f.most_common(25)) for role, f in failures.items()},
    }


def penta_class(cameo: str | None) -> int:
    try:
        root = int(str(cameo)[:2])
    except (TypeError, ValueError):
        return 0
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def load_conflibert(path: Path) -> list[tuple[str, int]]:
    rows = []
    try:
        with path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 2 and row[-1].strip().isdigit():
                    rows.append(("\t".join(row[:-1]).strip(), int(row[-1])))
    except OSError as exc:
        raise ValueError(f"cannot read ConfliBERT file {path}: {exc}") from None
    return rows


def score_penta(rows: list[tuple[str, int]], predicted: list[list[dict]]) -> dict:
    gold = [label for _, label in rows]
    ours = [penta_class(p[0].get("cameo")) if (p := _predict(events, 1)) else 0 for events in predicted]
    covered = sum(1 for events in predicted if events)
    per_class = {}
    f1s = []
    for c in range(5):
        tp = sum(1 for g, o in zip(gold, ours) if g == c and o == c)
        fp = sum(1 for g, o in zip(gold, ours) if g != c and o == c)
        fn = sum(1 for g, o in zip(gold, ours) if g == c and o != c)
        per_class[str(c)] = prf(tp, fp, fn)
        f1s.append(per_class[str(c)]["f1"])
    confusion = defaultdict(Counter)
    for g, o in zip(gold, ours):
        confusion[str(g)][str(o)] += 1
    return {
        "sentences": len(rows),
        "with_event": covered,
        "accuracy": round(sum(g == o for g, o in zip(gold, ours)) / len(rows), 4) if rows else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 4),
        "per_class": per_class,
        "confusion": {g: dict(row) for g, row in sorted(confusion.items())},
    }


def run(gold: Path, limit: int | None = None, **options: Any) -> dict:
    conflibert = Path(options.pop("conflibert", DEFAULT_CONFLIBERT))
    _ERRORS.clear()
    sentences = load_gsr(Path(gold))[:limit] if limit else load_gsr(Path(gold))
    predicted = _run_pipeline([s["text"] for s in sentences], options)
    scores: dict[str, Any] = {"plover_gsr": score_gsr(sentences, predicted)}
    if conflibert.exists():
        rows = load_conflibert(conflibert)
        rows = rows[:limit] if limit else rows
        scores["conflibert_penta"] = score_penta(rows, _run_pipeline([t for t, _ in rows], options))
    scores["extraction_errors"] = len(_ERRORS)
    if _ERRORS:
        scores["first_error"] = _ERRORS[0]
    return scores
