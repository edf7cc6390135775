"""`newsevents train events`: rebuild the event decision model from the labels the project coded.

1. Examples. Every labelled document (data/training/event_labels.jsonl: ids + offsets into the
   public corpora of ../shared/data, never the news_sentences dev set) goes through the whole
   pipeline; each event candidate in a labelled sentence is paired one to one with a gold event
   whose trigger it overlaps (same type first). A paired candidate is labelled with the gold type,
   any other with NONE. The PLOVER GSR sentences add positives (a candidate whose trigger words are
   among the record's event words), and their actor texts label roles.
2. Models, each scored out of fold (5 folds grouped by document, so no article is on both sides):
   - type: NONE or one of the 16 types;
   - role: for each option of a role (an actor phrase of the sentence, or empty), whether it is
     compatible with the gold role; the best-scored option wins;
   - hypothetical: the flag, where a coded news event says it (the GSR codes no modality);
   - usable: the probability that the decided record is usable, calibrated by isotonic
     regression on the out-of-fold scores.
3. The default `--min-confidence`: the threshold with the best type F1 + usable F1 on the out-of-fold
   predictions among those with at most 3 false alarms per 100 sentences without an event. The
   coded sentences oversample leads and sentences with a candidate, so these scores weight each
   sentence back to its stratum's share of ordinary news (`sentence_weights`).
Everything is deterministic: fixed folds, lbfgs, no random state left free.
"""

from __future__ import annotations

import json
import pickle
import sys
import zlib
from bisect import bisect_left
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from newsevents.evaluate.news_events import compatible, content_words, score
from newsevents.extract.event_decision import (
    MODEL_PATH,
    NO_EVENT,
    CalibratedUsable,
    DecisionModel,
    LinearModel,
    article_mix,
    candidate_features,
    choose_option,
    choose_type,
    option_probabilities,
    usable_features,
    write_model_file,
)
from newsevents.extract.event_fillers import ROLES, Option, option_features, option_party_text, role_options
from newsevents.train.corpora import SHARED, dev_documents, documents
from newsevents.train.labels import LABELS_PATH, SECOND_CODER_PATH, LabelledSentence, agreement, load_labels
from newsevents.train.role_ranker import fit_ranker

GSR_PATH = SHARED / "events" / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
FOLDS = 5
MAX_FALSE_ALARMS = 3.0  # per 100 sentences without an event


@dataclass
class Example:
    """One candidate in a labelled sentence, with what the models read and what the gold says."""

    doc: str
    origin: str  # "news" (our coded sentences) or "gsr"
    item: str
    candidate: dict[str, Any]  # type, start, end, source/target text, negated, hypothetical
    features: dict[str, Any]
    roles: list[list[tuple[Option, str | None, dict[str, Any]]]]  # per role: each option, its text, its features
    gold: dict[str, Any] | None = None  # the paired gold event: type, source, target, negated, hypothetical


# --- 1. examples -----------------------------------------------------------------------------
def _candidate_dict(ev) -> dict[str, Any]:
    return {"type": ev.type, "start": ev.start, "end": ev.end,
            "source": {"text": ev.source.text} if ev.source else None,
            "target": {"text": ev.target.text} if ev.target else None,
            "negated": ev.negated, "hypothetical": ev.hypothetical}


def _pair_news(candidates, sentence: LabelledSentence) -> dict[int, dict]:
    """Candidate index -> paired gold event: one to one, a candidate overlapping the gold trigger;
    the same type first, then the largest overlap."""
    options = []
    for gi, gold in enumerate(sentence.events):
        g0, g1 = gold.trigger
        for ci, c in enumerate(candidates):
            overlap = min(g1, c.event.end) - max(g0, c.event.start)
            if overlap > 0:
                options.append((c.event.type != gold.type, -overlap, gi, ci))
    options.sort()
    paired: dict[int, dict] = {}
    used: set[int] = set()
    for _, _, gi, ci in options:
        if gi in used or ci in paired:
            continue
        used.add(gi)
        gold = sentence.events[gi]
        paired[ci] = {"type": gold.type, "source": gold.texts["source"], "target": gold.texts["target"],
                      "negated": gold.negated, "hypothetical": gold.hypothetical}
    return paired


def _pair_gsr(candidates, record: dict) -> dict[int, dict]:
    """The GSR names its event by words ("agreed cooperate"): the candidate sharing one, same type first."""
    words = content_words(record["event_text"])
    options = []
    for ci, c in enumerate(candidates):
        if content_words(c.event.text) & words:
            options.append((c.event.type != record["type"], ci))
    if not options:
        return {}
    _, ci = min(options)
    return {ci: {"type": record["type"], "source": record["source"], "target": record["target"],
                 "negated": False, "hypothetical": False}}


def _strata(ctx, candidates, sentences: list) -> tuple[Counter, dict[str, tuple[bool, bool]]]:
    """The sampling strata of sample_sentences.py (a candidate in the sentence? among the first five?)
    of every 8-70-word sentence of the document, counted, and of each labelled sentence."""
    starts = sorted(c.event.start for c in candidates)

    def has_candidate(start: int, end: int) -> bool:
        at = bisect_left(starts, start)
        return at < len(starts) and starts[at] < end

    counts: Counter = Counter()
    lead_until = 0
    for index, sent in enumerate(ctx.doc.sents):
        if index == 4:
            lead_until = sent.end_char
        words = sum(1 for t in sent if not t.is_punct and not t.is_space)
        if 8 <= words <= 70:
            counts[(has_candidate(sent.start_char, sent.end_char), index < 5)] += 1
    if lead_until == 0:  # fewer than five sentences: all are leads
        lead_until = len(ctx.text)
    labelled = {s.item: (has_candidate(s.start, s.end), s.start < lead_until) for s in sentences}
    return counts, labelled


def sentence_weights(natural: Counter, labelled: dict[str, tuple[bool, bool]]) -> dict[str, float]:
    """Post-stratification: the coded sentences over-represent sentences with a candidate and lead
    sentences (sample_sentences.py), so each stratum is weighted by its share of all sentences of
    the labelled documents over its share of the coded ones. Scores on the training data then
    estimate scores on ordinary news, false alarms most of all (only a sentence with a candidate
    can have one)."""
    drawn = Counter(labelled.values())
    n_natural, n_drawn = sum(natural.values()), sum(drawn.values())
    weight = {s: (natural[s] / n_natural) / (drawn[s] / n_drawn) for s in drawn if natural[s]}
    return {item: round(weight.get(s, 1.0), 6) for item, s in labelled.items()}


def _collect(task: tuple[str, list[tuple[str, str, list]]]) -> tuple[list[Example], Counter, dict]:
    """Run the pipeline over a chunk of documents; the examples of their labelled sentences, and the
    sampling strata of their sentences (news only)."""
    from newsevents.extract.event_candidates import find_candidates
    from newsevents.model import Document
    from newsevents.pipeline import STAGES, Pipeline

    origin, docs = task
    examples: list[Example] = []
    natural: Counter = Counter()
    strata: dict[str, tuple[bool, bool]] = {}
    pipeline = Pipeline()
    documents_ = [Document(id=doc_id, text=text, raw=True, published="2000-01-01" if origin == "gsr" else None)
                  for doc_id, text, _ in docs]
    # the context knows the article by its content id, the labels by the corpus's document id
    labels = {pipeline.prepare(d).id: (d.id, sentences) for d, (_, _, sentences) in zip(documents_, docs)}

    def collect(ctx) -> list:
        candidates = find_candidates(ctx)
        mix = article_mix(candidates)
        doc_id, sentences = labels[ctx.article.id]
        if origin == "news":
            counts, labelled = _strata(ctx, candidates, sentences)
            natural.update(counts)
            strata.update(labelled)
        for sentence in sentences:
            start, end = (sentence.start, sentence.end) if origin == "news" else (0, len(ctx.text))
            inside = [c for c in candidates if start <= c.event.start < end]
            paired = _pair_news(inside, sentence) if origin == "news" else _pair_gsr(inside, sentence)
            for ci, c in enumerate(inside):
                if origin == "gsr" and ci not in paired:
                    continue  # the GSR codes one event a sentence: an unpaired candidate is not known to be wrong
                examples.append(Example(
                    doc=doc_id, origin=origin, item=sentence.item if origin == "news" else sentence["item"],
                    candidate=_candidate_dict(c.event), features=candidate_features(c, ctx, mix),
                    roles=[[(o, option_party_text(o, ctx), option_features(c, r, o, ctx)) for o in role_options(c, r, ctx)]
                           for r in ROLES],
                    gold=paired.get(ci)))
        return []

    pipeline.stages = [*STAGES[:-1], ("events", collect)]
    for result in pipeline.run(documents_):
        if result.error is not None:
            print(f"warning: {result.id}: {result.error}", file=sys.stderr)
    return examples, natural, strata


def load_gsr(path: Path = GSR_PATH) -> list[dict]:
    """GSR records with one event (PLOVER 0.8 labels), as (sentence, type, event words, actor texts)."""
    from newsevents.evaluate.events import LABEL_MAP
    from newsevents.extract.event_lexicon import PLOVER_TYPES

    records = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for r in records:
        type_ = LABEL_MAP.get(r.get("event", ""), r.get("event", ""))
        if type_ not in PLOVER_TYPES or not r.get("text"):
            continue
        actors = {role: " ; ".join(a.get("actorText", "") for a in (r.get(role) or []) if isinstance(a, dict))
                  or None for role in ("source", "target")}
        out.append({"item": r["id"], "text": r["text"], "type": type_, "event_text": r.get("eventText", ""),
                    **actors})
    return out


def build_examples(labels_path: Path = LABELS_PATH, shared: Path = SHARED, workers: int = 2,
                   gsr: bool = True) -> tuple[list[Example], list[dict[str, Any]], dict[str, str]]:
    """Examples of every labelled sentence; the labelled news sentences in the scorer's form; texts."""
    with Path(labels_path).open(encoding="utf-8") as lines:
        wanted = {json.loads(line)["doc"] for line in lines if line.strip()}
    leaked = wanted & dev_documents(shared)
    if leaked:
        raise ValueError(f"labels point into the dev set's articles: {sorted(leaked)[:3]}")
    texts = {doc_id: text for doc_id, text in documents(shared) if doc_id in wanted}
    labelled = load_labels(texts, labels_path)
    by_doc: dict[str, list[LabelledSentence]] = defaultdict(list)
    for sentence in labelled:
        by_doc[sentence.doc].append(sentence)
    doc_ids = sorted(by_doc)
    size = 24
    tasks: list[tuple[str, list]] = [("news", [(d, texts[d], by_doc[d]) for d in doc_ids[i:i + size]])
                                     for i in range(0, len(doc_ids), size)]
    if gsr and GSR_PATH.exists():
        records = load_gsr(GSR_PATH)
        tasks += [("gsr", [(f"gsr/{r['item']}", r["text"], [r]) for r in records[i:i + 64]])
                  for i in range(0, len(records), 64)]
    examples: list[Example] = []
    natural: Counter = Counter()
    strata: dict[str, tuple[bool, bool]] = {}
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) if workers > 1 else nullcontext() as pool:
        for chunk, counts, drawn in (pool.map if pool else map)(_collect, tasks):
            examples += chunk
            natural.update(counts)
            strata.update(drawn)
    weights = sentence_weights(natural, strata)
    sentences = [{"doc": s.doc, "start": s.start, "end": s.end, "sentence": texts[s.doc][s.start:s.end],
                  "item": s.item, "weight": weights.get(s.item, 1.0),
                  "events": s.scorer_events()} for s in labelled]
    return examples, sentences, texts


# --- 2. models -------------------------------------------------------------------------------
def _classifier(c: float = 1.0, class_weight: Any = None):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MaxAbsScaler

    return make_pipeline(DictVectorizer(), MaxAbsScaler(),
                         LogisticRegression(C=c, max_iter=3000, class_weight=class_weight))


def _fold_of(example: Example) -> int:
    """The fold of an example's document (GSR examples: -1, always on the training side)."""
    return -1 if example.origin == "gsr" else zlib.crc32(example.doc.encode()) % FOLDS


def _out_of_fold(make, rows: list[dict], labels: list, folds: list[int]) -> list[dict[Any, float]]:
    """Each row's class probabilities from a model trained without its fold (rows of fold -1 are
    always trained on and never scored; rows labelled None are scored, never trained on)."""
    out: list[dict[Any, float]] = [{} for _ in rows]
    for k in range(FOLDS):
        train = [i for i, f in enumerate(folds) if f != k and labels[i] is not None]
        test = [i for i, f in enumerate(folds) if f == k]
        if not test:
            continue
        model = make().fit([rows[i] for i in train], [labels[i] for i in train])
        classes = list(model.classes_)
        for i, probs in zip(test, model.predict_proba([rows[i] for i in test])):
            out[i] = dict(zip(classes, map(float, probs)))
    return out


def option_right(gold: dict, role: str, text: str | None) -> bool:
    """An option is right when it is compatible with the gold role: both empty, or a shared content word."""
    return compatible(gold.get(role), text)


def is_usable(gold: dict | None, chosen: str, texts: list[str | None], candidate: dict, hypothetical: bool) -> bool:
    if gold is None or gold["type"] != chosen:
        return False
    if not all(compatible(gold.get(role), text) for role, text in zip(ROLES, texts)):
        return False
    return bool(gold["negated"]) == bool(candidate["negated"]) and bool(gold["hypothetical"]) == hypothetical


@dataclass
class Decided:
    """An example as the decision would output it, out of fold."""

    example: Example
    chosen: str
    texts: list[str | None]  # the chosen source and target text
    hypothetical: bool
    usable_row: dict[str, Any] | None
    usable: bool
    confidence: float = 0.0


def _out_of_fold_parts(examples: list[Example], folds: list[int], c: float, type_weight: Any = None
                       ) -> dict[str, Any]:
    """The type, role and hypothetical models' out-of-fold probabilities (and the role and
    hypothetical models fitted on everything): what every decision rule below reads."""
    type_rows = [e.features for e in examples]
    type_labels = [e.gold["type"] if e.gold else NO_EVENT for e in examples]
    type_probs = _out_of_fold(lambda: _classifier(c, type_weight), type_rows, type_labels, folds)

    role_model, scores = _role_parts(examples, c)

    # the hypothetical flag, learned where a gold event says it (the rules' flag is a feature). The GSR codes
    # no modality ("will meet" is coded as a meeting), so its events say nothing about the flag
    hyp_labels = [bool(e.gold["hypothetical"]) if e.gold is not None and e.origin == "news" else None
                  for e in examples]
    flagged = [i for i, label in enumerate(hyp_labels) if label is not None]
    hyp_model = _classifier(c).fit([examples[i].features for i in flagged], [hyp_labels[i] for i in flagged])
    hyp_probs = _out_of_fold(lambda: _classifier(c), [e.features for e in examples], hyp_labels, folds)

    margin, margins = choose_role_margin(examples, scores)
    return {"role": role_model, "type_labels": type_labels, "hypothetical": hyp_model,
            "role_margin": margin, "role_margins": margins,
            "type_probs": type_probs, "role_scores": scores, "hypothetical_probs": hyp_probs}


def _role_parts(examples: list[Example], c: float) -> tuple[LinearModel, dict[tuple[int, int, int], float]]:
    """The listwise role model fitted on every coded event, and each option's probability out of fold
    (example, role, option) -> P. A group is one role of one candidate: its options and which are right
    (labelled where the candidate has a gold event). GSR sentences take folds here too: how well the
    roles of curated sentences survive is measured."""
    groups = [(i, r) for i, e in enumerate(examples) for r in range(2)]
    rows = {(i, r): [f for _, _, f in examples[i].roles[r]] for i, r in groups}
    rights = {(i, r): [option_right(examples[i].gold, ROLES[r], text) for _, text, _ in examples[i].roles[r]]
              for i, r in groups if examples[i].gold is not None}
    by_doc = {i: zlib.crc32(e.doc.encode()) % FOLDS for i, e in enumerate(examples)}
    labelled = [g for g in groups if g in rights]
    model = fit_ranker([rows[g] for g in labelled], [rights[g] for g in labelled], c)
    scores: dict[tuple[int, int, int], float] = {}
    for k in range(FOLDS):
        train = [g for g in labelled if by_doc[g[0]] != k]
        test = [g for g in groups if by_doc[g[0]] == k]
        fold_model = fit_ranker([rows[g] for g in train], [rights[g] for g in train], c)
        for (i, r), probs in zip(test, option_probabilities(fold_model, [rows[g] for g in test])):
            scores.update({(i, r, k_): p for k_, p in enumerate(probs)})
    return model, scores


def _decide_out_of_fold(examples: list[Example], parts: dict[str, Any], none_bar: float | None) -> list[Decided]:
    """Every coded news candidate as the decision would output it (out of fold), confidence aside."""
    type_probs, scores, hyp_probs = parts["type_probs"], parts["role_scores"], parts["hypothetical_probs"]
    margins = parts["role_margin"]
    decided: list[Decided] = []
    for i, e in enumerate(examples):
        if e.origin != "news":
            continue
        chosen = choose_type(type_probs[i], none_bar)
        if chosen == NO_EVENT:
            decided.append(Decided(e, chosen, [None, None], False, None, False))
            continue
        choices, texts = [], []
        for r in range(2):
            options = [o for o, _, _ in e.roles[r]]
            option, p_best, p_current = choose_option(options, [scores[(i, r, k)] for k in range(len(options))],
                                                      margins[r])
            choices.append((option, p_best, p_current))
            texts.append(next(t for o, t, _ in e.roles[r] if o == option))
        p_hyp = hyp_probs[i].get(True, 0.0) if hyp_probs[i] else float(e.candidate["hypothetical"])
        hyp = p_hyp >= 0.5
        row = usable_features(e.features, type_probs[i], chosen, choices, p_hyp)
        decided.append(Decided(e, chosen, texts, hyp, row, is_usable(e.gold, chosen, texts, e.candidate, hyp)))
    return decided


def choose_role_margin(examples: list[Example], scores: dict[tuple[int, int, int], float]
                       ) -> tuple[tuple[float, float], list[dict[str, Any]]]:
    """For the source and for the target: how much more probable another option must be than the
    rules' filler to replace it. Each role takes the margin with its best mean accuracy (out of fold)
    over coded news and the curated GSR sentences, so that the roles the rules get right on clean
    wire text are not traded for news-style ones. The GSR (like the seed article) codes the place of
    an event as its target ("withdrawing from Syria", "arrived in Amman"), which the news coding never
    does: the accuracy pooled over every coded event (`_all`) would take no margin, and would give
    news targets +0.05 for GSR targets -0.11 (measured in the training report's table)."""
    table = []
    for step in range(11):
        margin = round(0.05 * step, 2)
        right = {(origin, r): [0, 0] for origin in ("news", "gsr") for r in range(2)}
        for i, e in enumerate(examples):
            if e.gold is None:
                continue
            for r in range(2):
                options = [o for o, _, _ in e.roles[r]]
                option, _, _ = choose_option(options, [scores[(i, r, k)] for k in range(len(options))], margin)
                text = next(t for o, t, _ in e.roles[r] if o == option)
                right[(e.origin, r)][0] += option_right(e.gold, ROLES[r], text)
                right[(e.origin, r)][1] += 1
        row: dict[str, Any] = {"margin": margin}
        for r, role in enumerate(ROLES):
            accuracy = {origin: right[(origin, r)][0] / right[(origin, r)][1] if right[(origin, r)][1] else 0.0
                        for origin in ("news", "gsr")}
            row.update({f"{role}_{origin}": round(v, 4) for origin, v in accuracy.items()})
            row[f"{role}_mean"] = round(sum(accuracy.values()) / 2, 4)
            counted = [right[(origin, r)] for origin in ("news", "gsr")]
            row[f"{role}_all"] = round(sum(c[0] for c in counted) / max(sum(c[1] for c in counted), 1), 4)
        table.append(row)
    best = tuple(max(table, key=lambda row: (row[f"{role}_mean"], -row["margin"]))["margin"] for role in ROLES)
    return (best[0], best[1]), table


def _predictions(decided: list[Decided], threshold: float) -> dict[str, list[dict]]:
    """The decided events at or above `threshold`, per document, as the scorer reads them."""
    events: dict[str, list[dict]] = defaultdict(list)
    seen: set[tuple[str, int, int, str]] = set()
    for d in decided:
        c = d.example.candidate
        key = (d.example.doc, c["start"], c["end"], d.chosen)
        if d.chosen == NO_EVENT or d.confidence < threshold or key in seen:
            continue
        seen.add(key)
        events[d.example.doc].append({
            "type": d.chosen, "start": c["start"], "confidence": d.confidence,
            "source": {"text": d.texts[0]} if d.texts[0] else None,
            "target": {"text": d.texts[1]} if d.texts[1] else None,
            "negated": c["negated"], "hypothetical": d.hypothetical})
    return events


def choose_threshold(decided: list[Decided], sentences: list[dict]) -> tuple[float, list[dict]]:
    """The best usable F1 among the thresholds that keep false alarms at or under the project's bar."""
    table = []
    for step in range(0, 46):
        threshold = round(0.02 * step, 2)
        s = score(sentences, _predictions(decided, threshold))
        table.append({"threshold": threshold, "type_p": s["type"]["precision"], "type_f1": s["type"]["f1"],
                      "usable_p": s["usable"]["precision"], "usable_f1": s["usable"]["f1"],
                      "false_alarms": s["false_alarms_per_100_empty"]})
    good = [row for row in table if row["false_alarms"] <= MAX_FALSE_ALARMS] or table
    best = max(good, key=_merit)
    return best["threshold"], table


def _merit(row: dict[str, Any]) -> tuple[float, float]:
    """What the default operating point maximises: type F1 and usable F1 together (the events shown
    should be events, and have their parties right), then usable F1."""
    return row["type_f1"] + row["usable_f1"], row["usable_f1"]


# How far a candidate the type model doubts may stay: None keeps it only when "no event" is not
# the most probable answer; a bar keeps it while P(no event) is under the bar, and leaves the
# doubt to its confidence. The bar is chosen with the threshold, out of fold.
NONE_BARS: tuple[float | None, ...] = (None, 0.9, 0.8, 0.7)


def _calibrate(decided: list[Decided], c: float) -> tuple[list[Decided], Any]:
    """Out-of-fold usable scores for the decided events, calibrated by isotonic regression."""
    from sklearn.isotonic import IsotonicRegression

    items = [d for d in decided if d.usable_row is not None]
    labels = [d.usable for d in items]
    raw = _out_of_fold(lambda: _classifier(c), [d.usable_row for d in items], labels,
                       [_fold_of(d.example) for d in items])
    scores = [p.get(True, 0.0) for p in raw]
    calibrator = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(scores, labels)
    for d, s in zip(items, calibrator.predict(scores)):
        d.confidence = float(s)
    return items, calibrator


def fit(examples: list[Example], sentences: list[dict], c: float = 0.5, type_weight: Any = None,
        none_bars: tuple[float | None, ...] = NONE_BARS) -> tuple[DecisionModel, dict[str, Any]]:
    folds = [_fold_of(e) for e in examples]
    parts = _out_of_fold_parts(examples, folds, c, type_weight)
    trials = []
    for none_bar in none_bars:
        decided = _decide_out_of_fold(examples, parts, none_bar)
        items, calibrator = _calibrate(decided, c)
        threshold, table = choose_threshold(decided, sentences)
        best = next(row for row in table if row["threshold"] == threshold)
        trials.append({"none_bar": none_bar, "threshold": threshold, "decided": decided, "items": items,
                       "calibrator": calibrator, "table": table, "best": best})
    allowed = [t for t in trials if t["best"]["false_alarms"] <= MAX_FALSE_ALARMS] or trials
    chosen = max(allowed, key=lambda t: _merit(t["best"]))
    decided, items, calibrator = chosen["decided"], chosen["items"], chosen["calibrator"]
    threshold, none_bar = chosen["threshold"], chosen["none_bar"]
    usable_rows, usable_labels = [d.usable_row for d in items], [d.usable for d in items]

    type_model = LinearModel.from_sklearn(
        _classifier(c, type_weight).fit([e.features for e in examples], parts["type_labels"]))
    usable_model = CalibratedUsable(LinearModel.from_sklearn(_classifier(c).fit(usable_rows, usable_labels)),
                                    calibrator.X_thresholds_, calibrator.y_thresholds_)
    counts = {
        "news_sentences": len(sentences),
        "news_events": sum(len(s["events"]) for s in sentences),
        "gsr_examples": sum(e.origin == "gsr" for e in examples),
        "candidates": len(examples),
    }
    model = DecisionModel(type_model=type_model, role_model=parts["role"], role_listwise=True,
                          usable_model=usable_model,
                          hypothetical_model=LinearModel.from_sklearn(parts["hypothetical"]), threshold=threshold,
                          role_margin=parts["role_margin"], none_bar=none_bar, version="3", trained_on=counts)
    oof = score(sentences, _predictions(decided, threshold))
    report = {"trained_on": counts, "threshold": threshold, "none_bar": none_bar,
              "role_margin": parts["role_margin"],
              "role_accuracy_by_margin": parts["role_margins"], "out_of_fold_at_threshold": _brief(oof),
              "out_of_fold_calibration": oof["calibration"], "thresholds": chosen["table"],
              "none_bars": [{"none_bar": t["none_bar"], **t["best"]} for t in trials]}
    return model, report


def _brief(s: dict[str, Any]) -> dict[str, Any]:
    return {"type": {k: s["type"][k] for k in ("precision", "recall", "f1")},
            "usable": {k: s["usable"][k] for k in ("precision", "recall", "f1")},
            "false_alarms_per_100_empty": s["false_alarms_per_100_empty"]}


# --- the command -----------------------------------------------------------------------------
def train(labels: Path | None = None, out: Path | None = None, cache: Path | None = None, workers: int = 2,
          c: float = 0.5) -> dict[str, Any]:
    """Build the examples (or read them from `cache`), fit, write the model; the training report."""
    labels, out = labels or LABELS_PATH, out or MODEL_PATH
    if cache is not None and Path(cache).exists():
        with Path(cache).open("rb") as f:
            examples, sentences, texts = pickle.load(f)
    else:
        examples, sentences, texts = build_examples(Path(labels), workers=workers)
        if cache is not None:
            with Path(cache).open("wb") as f:
                pickle.dump((examples, sentences, texts), f)
    model, report = fit(examples, sentences, c=c)
    if SECOND_CODER_PATH.exists():
        report["coder_agreement"] = agreement(texts, Path(labels), SECOND_CODER_PATH)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    write_model_file(model, Path(out))
    report["model"] = str(out)
    report["model_bytes"] = Path(out).stat().st_size
    return report
