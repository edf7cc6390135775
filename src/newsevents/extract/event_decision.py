"""Event decision: the second of the event stage's two steps (extract/events.py runs both).

A small trained model (scikit-learn, `data/models/event_decision.pickle.gz`, built by
`newsevents train events` from coded news sentences) reads each candidate in its context and
decides:
- its type, or that it is no event at all ("a deal was approved", "hosted a tasting");
- for the source and the target, which of the sentence's actor phrases fills it (the one the
  rules found, another, or none: a dateline, a place, a document is no actor), see
  extract/event_fillers.py;
- how sure it is: `confidence` is the calibrated probability that the record is *usable*
  (right type, compatible source and target, right negated/hypothetical flags).
Features are what the parse already computed: lemmas and dependencies around the trigger, the
fillers' entity types and actor codes, the rules' own verdicts. (spaCy's token vectors,
`doc.tensor`, were tried as features and gained nothing out of fold; they are left out, which keeps
the model small and the decision fast.) Without a model file the hand rules decide, as before
the model existed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.extract.entities import after_spaced_dash
from newsevents.extract.event_fillers import ROLES, Option, actor_tokens, option_features, role_options
from newsevents.extract.event_roles import PERSONAL_PRONOUN_GENDERS, named_mention
from newsevents.model import Actor
from newsevents.tables import DATA

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsevents.context import ArticleContext
    from newsevents.extract.event_candidates import Candidate
    from newsevents.model import Event

MODEL_PATH = DATA / "models" / "event_decision.pickle.gz"
NO_EVENT = "NONE"


@dataclass
class DecisionModel:
    """What `newsevents train events` writes: three classifiers over feature dicts, and the threshold."""

    type_model: LinearModel  # NONE or a PLOVER type
    role_model: LinearModel  # scores the options of a role (a phrase, or empty); see role_listwise
    usable_model: CalibratedUsable  # P(usable), calibrated
    hypothetical_model: LinearModel  # is the event only planned, demanded, possible? (the rules' flag is a feature)
    threshold: float  # the default --min-confidence, chosen on training data
    # how much surer the role model must be of another filler than of the rules' own: one margin, or
    # one for the source and one for the target
    role_margin: float | tuple[float, float] = 0.0
    none_bar: float | None = None  # keep a candidate while P(no event) is under this (None: unless "no event" wins)
    role_listwise: bool = False  # the role model ranks a role's options together (a softmax over them)
    version: str = ""
    trained_on: dict[str, int] | None = None  # sentences and events of each label source


class LinearModel:
    """A trained logistic regression over feature dicts, kept as plain numpy: one weight row per
    feature (already divided by its training scale) and the intercepts. Scoring a few candidates
    is a dictionary lookup and a sum, and loading it imports neither scikit-learn nor scipy (each
    worker process would otherwise carry them)."""

    def __init__(self, classes: list[Any], index: dict[str, int], weights: Any, intercept: Any) -> None:
        self.classes_ = classes
        self.index = index  # feature name -> row of `weights`
        self.weights = weights  # (features, 1 for a binary model or one column per class)
        self.intercept = intercept

    @classmethod
    def from_sklearn(cls, pipeline: Any) -> LinearModel:
        """From make_pipeline(DictVectorizer(), MaxAbsScaler(), LogisticRegression())."""
        vectorizer, scaler, regression = (step for _, step in pipeline.steps)
        weights = (regression.coef_ / scaler.scale_).T.astype("float64")
        classes = [c.item() if hasattr(c, "item") else c for c in regression.classes_]  # numpy str/bool -> Python
        vocabulary = {str(name): int(at) for name, at in vectorizer.vocabulary_.items()}
        return cls(classes, vocabulary, weights, regression.intercept_.copy())

    def decision_function(self, rows: list[dict[str, Any]]) -> Any:
        """The linear scores: one row per feature dict, one column per class (one for a binary model)."""
        import numpy as np

        scores = np.tile(self.intercept, (len(rows), 1))
        index = self.index
        for r, row in enumerate(rows):
            known = [(at, value) for name, value in row.items() if value and (at := index.get(name)) is not None]
            if known:
                rows_at, values = zip(*known)
                scores[r] += np.asarray(values, dtype="float64") @ self.weights[list(rows_at)]
        return scores

    def predict_proba(self, rows: list[dict[str, Any]]) -> Any:
        import numpy as np

        scores = self.decision_function(rows)
        if scores.shape[1] == 1:  # binary: the score is for the second class
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


class CalibratedUsable:
    """The usable model's score mapped through the isotonic regression fitted on out-of-fold scores
    (kept as its breakpoints), so that among events at confidence >= c about c are usable."""

    def __init__(self, classifier: LinearModel, x: Any, y: Any) -> None:
        self.classifier = classifier
        self.x, self.y = x, y  # the isotonic fit's breakpoints; between them it is linear, beyond them flat
        self.classes_ = [False, True]

    def predict_proba(self, rows: list[dict[str, Any]]) -> Any:
        import numpy as np

        scores = self.classifier.predict_proba(rows)[:, self.classifier.classes_.index(True)]
        calibrated = np.clip(np.interp(scores, self.x, self.y), 0.0, 1.0)
        return np.column_stack([1.0 - calibrated, calibrated])


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> DecisionModel | None:
    """The shipped decision model (or the one at `path` / $NEWSEVENTS_EVENT_MODEL); None when there is none."""
    location = Path(path or os.environ.get("NEWSEVENTS_EVENT_MODEL") or MODEL_PATH)
    if not location.exists():
        return None
    model = read_model_file(location)
    if not isinstance(model, DecisionModel):
        raise ValueError(f"{location} is not an event decision model")
    return model


def write_model_file(model: DecisionModel, path: Path) -> None:
    """A gzip'd pickle, with no time stamp and no file name in its header, so that the same model gives the
    same bytes wherever it is written. (joblib's own format took half a second to read in every worker
    process: its unpickler is pure Python.)"""
    import gzip
    import pickle

    with path.open("wb") as raw, \
            gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        pickle.dump(model, out, protocol=pickle.HIGHEST_PROTOCOL)


def read_model_file(path: Path) -> Any:
    """The model in `path`: the gzip'd pickle of write_model_file, or a joblib file of an older release."""
    import gzip
    import pickle

    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    if not gzipped:
        import joblib

        return joblib.load(path)
    with gzip.open(path, "rb") as f:
        return pickle.load(f)


def default_threshold() -> float:
    model = load_model()
    return model.threshold if model is not None else 0.0


# --- features ------------------------------------------------------------------------------
def _actor_root(actor: Actor | None, ctx: ArticleContext) -> Token | None:
    span = actor_tokens(actor, ctx)
    return span.root if span is not None else None


def _same(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and (a.start, a.end) == (b.start, b.end)


def article_mix(candidates: list[Candidate]) -> dict[str, float]:
    """What kind of story the article is, read off all its candidates: the share of each type the
    rules propose. "Attack" in a story full of strikes and killings is an ASSAULT; in one full of
    criticism and campaigns it is an ACCUSE. Read once per article."""
    if not candidates:
        return {}
    counts: dict[str, int] = {}
    for c in candidates:
        counts[c.event.type] = counts.get(c.event.type, 0) + 1
    mix = {f"article_share={t}": n / len(candidates) for t, n in counts.items()}
    mix["article_candidates"] = min(len(candidates), 40) / 40
    return mix


def candidate_features(c: Candidate, ctx: ArticleContext, mix: dict[str, float] | None = None) -> dict[str, Any]:
    """What the type and usable models read of one candidate (`mix`: its article's, see article_mix)."""
    tokens = ctx.tokens
    t = tokens[c.trigger]
    ev = c.event
    lemma = t.lemma_.lower()
    f: dict[str, Any] = {
        "type=" + ev.type: 1, "kind=" + c.kind: 1, "lemma=" + lemma: 1, f"type_lemma={ev.type}|{lemma}": 1,
        "phrase=" + (ev.text or "").lower(): 1, "pos=" + t.pos_: 1, "tag=" + t.tag_: 1, "dep=" + t.dep_: 1,
        "head=" + t.head.lemma_.lower(): 1, f"dep_head={t.dep_}|{t.head.pos_}": 1,
        "weight": c.weight, "rule_confidence": ev.confidence or 0.0, "trusted": float(c.trusted),
        "negated": float(ev.negated), "hypothetical": float(ev.hypothetical),
        "reported": float(ev.reported_by is not None), "mode=" + (ev.mode or "-"): 1,
    }
    sent = t.sent
    for k in (-3, -2, -1, 1, 2, 3):
        if sent.start <= c.trigger + k < sent.end:
            f[f"w{k}={tokens[c.trigger + k].lemma_.lower()}"] = 1
    for child in t.children:
        f[f"child={child.dep_}|{child.lemma_.lower()}"] = 1
    for role, actor, parsed in zip(ROLES, (ev.source, ev.target), c.parsed):
        f[f"{role}_present"] = float(actor is not None)
        f[f"{role}_parsed"] = float(_same(actor, parsed))
        if actor is not None:
            f[f"{role}_country"] = float(bool(actor.country))
            f[f"{role}_sector={actor.sector or '-'}"] = 1
            root = _actor_root(actor, ctx)
            if root is not None:
                f[f"{role}_ent={root.ent_type_ or '-'}"] = 1
                f[f"{role}_pos={root.pos_}"] = 1
                f[f"{role}_dep={root.dep_}"] = 1
    f["sentence_first"] = float(sent.start == 0)
    sentence = ctx.text[sent.start_char:sent.end_char]  # Span.text rebuilds the string from its tokens
    f["sentence_quote"] = float(any(q in sentence for q in ('"', "\u201c", "\u201d")))
    f["sentence_length"] = min(len(sent), 80) / 80
    f.update(_entity_counts(sent, ctx))
    if mix:
        f.update(mix)
        f["article_share_own_type"] = mix.get("article_share=" + ev.type, 0.0)
    return f


def _entity_counts(sent: Span, ctx: ArticleContext) -> dict[str, float]:
    """How many persons, organisations and places the sentence names, and how political the article
    is (places and nationalities per 100 words): read once per sentence."""
    memo = ctx.memo.setdefault("entity_counts", {})
    if sent.start not in memo:
        if "article" not in memo:
            places = sum(e.label_ in ("GPE", "NORP") for e in ctx.ents)
            memo["article"] = min(100 * places / max(len(ctx.tokens), 1), 5) / 5
        labels = [e.label_ for e in ctx.ents if sent.start <= e.start and e.end <= sent.end]  # as Span.ents
        memo[sent.start] = {f"sentence_{label}": min(labels.count(label), 3) / 3
                            for label in ("PERSON", "ORG", "GPE", "NORP")}
        memo[sent.start]["article_political"] = memo["article"]
    return memo[sent.start]


# --- the decision ----------------------------------------------------------------------------
def _probabilities(model: Any, rows: list[dict[str, Any]]) -> list[dict[str, float]]:
    if not rows:
        return []
    matrix = model.predict_proba(rows)
    classes = list(model.classes_)
    return [dict(zip(classes, map(float, row))) for row in matrix]


def usable_features(features: dict[str, Any], type_probs: dict[str, float], chosen: str,
                    role_choices: list[tuple[Option, float, float]], p_hypothetical: float) -> dict[str, Any]:
    """The usable model reads the candidate, the type model's verdict and each role's choice
    (the option, its probability, and the probability the rules' own filler had)."""
    f = dict(features)
    f["p_type"] = type_probs.get(chosen, 0.0)
    f["p_none"] = type_probs.get(NO_EVENT, 0.0)
    f["retyped"] = float(features.get("type=" + chosen) is None)
    f["chosen=" + chosen] = 1
    f["p_hypothetical"] = p_hypothetical
    f["hypothetical_changed"] = float((p_hypothetical >= 0.5) != bool(features.get("hypothetical")))
    for role, (option, p_best, p_current) in zip(ROLES, role_choices):
        f[f"{role}_empty"] = float(option.span is None)
        f[f"{role}_changed"] = float(not option.current)
        f[f"{role}_p"] = p_best
        f[f"{role}_margin"] = p_best - p_current
    return f


def choose_type(probs: dict[str, float], none_bar: float | None = None) -> str:
    """The most probable answer, NONE included; with `none_bar`, the most probable type as long as
    P(NONE) stays under the bar (a doubtful candidate is then kept, and its low confidence says so)."""
    if none_bar is None:
        return max(probs, key=lambda k: (probs[k], k))
    if probs.get(NO_EVENT, 0.0) >= none_bar:
        return NO_EVENT
    return max((k for k in probs if k != NO_EVENT), key=lambda k: (probs[k], k))


def role_margins(margin: float | tuple[float, float]) -> tuple[float, float]:
    """The source's and the target's margin (a model file may hold one for both)."""
    return (margin, margin) if isinstance(margin, (int, float)) else (margin[0], margin[1])


def choose_option(options: list[Option], probs: list[float], margin: float = 0.0) -> tuple[Option, float, float]:
    """The option most probably right, unless the rules' own filler is within `margin` of it or is one
    the model may not overrule; with the choice, its probability and that of the rules' filler."""
    kept = next((i for i, o in enumerate(options) if o.kept), None)
    if kept is not None:
        return options[kept], probs[kept], probs[kept]
    best = max(range(len(options)), key=lambda i: (probs[i], options[i].current, -i))
    at = next((i for i, o in enumerate(options) if o.current), None)
    current = probs[at] if at is not None else 0.0
    if at is not None and probs[best] - current <= margin:
        best = at
    return options[best], probs[best], current


def option_probabilities(role_model: LinearModel, groups: list[list[dict[str, Any]]],
                         listwise: bool = True) -> list[list[float]]:
    """Each role's options, scored: a listwise role model's softmax over the options of the role
    (train/role_ranker.py), or a pointwise one's P(right) for each option alone (older model files)."""
    import numpy as np

    rows = [row for group in groups for row in group]
    if not listwise:
        flat = iter(_true_column(role_model, rows))
        return [[next(flat) for _ in group] for group in groups]
    scores = role_model.decision_function(rows)[:, 0] if rows else np.zeros(0)
    out: list[list[float]] = []
    at = 0
    for group in groups:
        s = scores[at:at + len(group)]
        at += len(group)
        p = np.exp(s - s.max()) if len(group) else s
        out.append((p / p.sum()).tolist() if len(group) else [])
    return out


def _true_column(model: Any, rows: list[dict[str, Any]]) -> list[float]:
    """P(True) of each row, for the binary models."""
    return [probs[True] for probs in _probabilities(model, rows)]


def decide(candidates: list[Candidate], ctx: ArticleContext, model: DecisionModel | None = None) -> list[Event]:
    """The events among the candidates, typed, with their roles decided and a calibrated confidence.
    Every kept event is returned, whatever its confidence: `--min-confidence` filters later."""
    model = model if model is not None else load_model()
    if model is None:
        return [c.event for c in candidates if c.trusted]
    mix = article_mix(candidates)
    features = [candidate_features(c, ctx, mix) for c in candidates]
    type_probs = _probabilities(model.type_model, features)
    none_bar = getattr(model, "none_bar", None)  # a model file written before the bar existed has none
    kept = [(c, choose_type(p, none_bar), f, p) for c, f, p in zip(candidates, features, type_probs)]
    kept = [k for k in kept if k[1] != NO_EVENT]
    # every option of every role of every kept candidate, scored in one call
    options = [[role_options(c, role, ctx) for role in ROLES] for c, *_ in kept]
    groups = [[option_features(c, role, o, ctx) for o in role_opts] for (c, *_), per_role in zip(kept, options)
              for role, role_opts in zip(ROLES, per_role)]
    listwise = getattr(model, "role_listwise", False)  # a model file written before the ranker has a pointwise one
    scores = iter(p for group in option_probabilities(model.role_model, groups, listwise) for p in group)
    hypothetical = _true_column(model.hypothetical_model, [f for _, _, f, _ in kept])
    margins = role_margins(model.role_margin)
    decided = []
    for (c, chosen, f, p), per_role, hyp in zip(kept, options, hypothetical):
        probs = [[next(scores) for _ in role_opts] for role_opts in per_role]
        choices = [choose_option(role_opts, role_probs, margin)
                   for role_opts, role_probs, margin in zip(per_role, probs, margins)]
        choices = _distinct_parties(per_role, probs, choices)
        if c.anaphoric:
            choices[1] = _context_target(per_role[1], choices[1])
        flag = hyp >= 0.5 or _only_possible(ctx.tokens[c.trigger])
        decided.append((c, chosen, choices, flag, usable_features(f, p, chosen, choices, hyp)))
    usable = _true_column(model.usable_model, [row for *_, row in decided])
    events: list[Event] = []
    seen: set[tuple[int, int, str]] = set()
    for (c, chosen, choices, hyp, _), confidence in zip(decided, usable):
        ev = c.event
        if (ev.start, ev.end, chosen) in seen:
            continue
        seen.add((ev.start, ev.end, chosen))
        source, target = (_filled(ev.source if i == 0 else ev.target, option, ctx)
                          for i, (option, _, _) in enumerate(choices))
        source = _named(_without_dateline(source, ctx), target, ctx)
        target = _named(_without_dateline(target, ctx), source, ctx)  # after the source: "she criticized him"
        if source is not None and target is not None and source.canonical and source.canonical == target.canonical \
                and target.text.lower() in PERSONAL_PRONOUN_GENDERS:
            # one person does not act on themself: a pronoun target that the reported-speech rule gave
            # the speaker ("Clinton ..., saying she criticized him") stays unresolved
            target = replace(target, canonical=None, country=None, sector=None, title=None)
        events.append(replace(ev, type=chosen, source=source, target=target, hypothetical=hyp,
                              confidence=round(confidence, 3), **_retyped_codes(ev, chosen)))
    return _one_event_per_trigger(events)


def _one_event_per_trigger(events: list[Event]) -> list[Event]:
    """One trigger, one event: where two types were kept for overlapping trigger words ("will meet with" as
    AGREE, "meet with" as CONSULT), the more confident stays. In the order they came."""
    kept: list[int] = []
    for i in sorted(range(len(events)), key=lambda i: -(events[i].confidence or 0.0)):
        if not any(events[k].start < events[i].end and events[i].start < events[k].end for k in kept):
            kept.append(i)
    return [events[i] for i in sorted(kept)]


# Modal auxiliaries that make an event only possible: "Iran could attack Israeli ships". CODING.md marks
# such events hypothetical, and the flag holds whatever the hypothetical model reads (it weighs the
# modal among many features and can leave a plain "could attack" at 0.43).
POSSIBILITY_MODALS = {"could", "might", "may", "would"}


def _only_possible(trigger: Token) -> bool:
    """The trigger, or the verb that carries an event noun ("could launch an attack"), has a possibility modal."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return any(child.dep_ == "aux" and child.lower_ in POSSIBILITY_MODALS for child in verb.children)


def _distinct_parties(options: list[list[Option]], probs: list[list[float]],
                      choices: list[tuple[Option, float, float]]) -> list[tuple[Option, float, float]]:
    """One phrase is not both the party that acts and the one acted on ("Even people who endorsed the
    plan" as both): when both roles chose it, the role less sure of it takes its best other option
    (the empty one at worst), whichever pair is the more probable."""
    (source, p_source, _), (target, p_target, _) = choices
    if source.span is None or source.span != target.span:
        return choices

    def best_other(role: int) -> tuple[Option, float, float]:
        p, option = max(((p, o) for o, p in zip(options[role], probs[role]) if o.span != source.span),
                        key=lambda pair: pair[0])
        current = next((q for o, q in zip(options[role], probs[role]) if o.current), 0.0)
        return option, p, current

    other_target, other_source = best_other(1), best_other(0)
    if p_source * other_target[1] >= other_source[1] * p_target:
        return [choices[0], other_target]
    return [other_source, choices[1]]


def _context_target(options: list[Option], choice: tuple[Option, float, float]) -> tuple[Option, float, float]:
    """"welcomed the decision": the rules found who made the decision in an earlier sentence. The role
    model learnt from sentences coded alone, without the article around them, so it cannot judge that
    target: when it would leave the role empty, the maker stays."""
    option, p_best, p_current = choice
    current = next((o for o in options if o.current and o.span is not None), None)
    if option.span is None and current is not None:
        return current, p_current, p_current
    return choice


def _filled(actor: Actor | None, option: Option, ctx: ArticleContext) -> Actor | None:
    """The actor for the chosen option: the rules' own (with its coding), none, or the phrase coded anew."""
    if option.current:
        return actor if option.span is not None else None
    if option.span is None:
        return None
    from newsevents.resolve.actors import code_span, context_country

    span = ctx.doc[option.span[0]:option.span[1]]
    try:
        coded = code_span(span, ctx)
        if coded.country is None and coded.sector not in ("IGO", "NGO") and span.root.ent_type_ != "GPE":
            # a domestic actor the phrase leaves uncoded takes the one country its sentence names
            country = context_country(list(span.sent), ctx)
            coded = replace(coded, country=country) if country else coded
        return coded
    except Exception:  # actor coding is another stage: a bug there must not lose the event
        return Actor(text=span.text, start=span.start_char, end=span.end_char)


def _without_dateline(actor: Actor | None, ctx: ArticleContext) -> Actor | None:
    """ "JERUSALEM - Israeli Prime Minister Benjamin Netanyahu will meet ...": the dateline that the parse
    glued to a story's first subject is no part of the actor's text (its coding already ignores it)."""
    span = actor_tokens(actor, ctx)
    if span is None:
        return actor
    start = after_spaced_dash(ctx.doc, span.start, span.end)
    if start == span.start or not ctx.doc[span.start:start - 1].text.isupper():
        return actor
    rest = ctx.doc[start:span.end]
    canonical = rest.text if actor.canonical == actor.text else actor.canonical
    return replace(actor, text=rest.text, start=rest.start_char, canonical=canonical)


def _named(actor: Actor | None, other: Actor | None, ctx: ArticleContext) -> Actor | None:
    """A he/she/his/her filler with the person it stands for. First a person its own sentence names as
    the subject of a clause the pronoun sits in ("Snell was fired after his arrest"): the party is
    that mention, the name as the sentence writes it, as a coder gives it; else the article-level
    reading (the nearest person before it), kept only when the name tells no other gender ("... Bill
    Clinton said. ... unions endorsed her": the nearest woman, Hillary Clinton): the mention stays
    the pronoun as written, the canonical name, country and sector are that person's. Unresolved when
    no one fits, or when that person already fills the other role."""
    if actor is None or actor.text.lower() not in PERSONAL_PRONOUN_GENDERS:
        return actor
    span = actor_tokens(actor, ctx)
    if span is None:
        return actor
    from newsevents.resolve.actors import code_span, resolve_pronoun
    from newsevents.resolve.speakers import name_gender

    gender = PERSONAL_PRONOUN_GENDERS[actor.text.lower()]
    mention = named_mention(span)
    if mention is None:
        if actor.canonical is None or name_gender(actor.canonical.split()) in (None, gender):
            return actor
        person = resolve_pronoun(span, ctx, gender)  # the reading without gender took the other one
        if person is None or other is not None and person.canonical in (other.canonical, other.text):
            return replace(actor, canonical=None, country=None, sector=None, title=None)
        return replace(actor, canonical=person.canonical, country=person.country, sector=person.sector,
                       title=person.title)
    try:
        named = code_span(mention, ctx)
    except Exception:  # actor coding is another stage: a bug there must not lose the event
        return actor
    name = named.canonical or named.text
    if other is not None and name in (other.canonical, other.text):
        return actor
    return replace(actor, text=mention.text, start=mention.start_char, end=mention.end_char, canonical=name,
                   country=named.country or actor.country, sector=named.sector or actor.sector,
                   title=named.title or actor.title)


def _retyped_codes(ev: Event, chosen: str) -> dict[str, Any]:
    """A candidate the model gives another type loses the lexicon's CAMEO code and mode for that
    type's root code."""
    if chosen == ev.type:
        return {}
    from newsevents.extract.event_lexicon import cameo_info

    cameo = TYPE_ROOT_CAMEO.get(chosen)
    info = cameo_info(cameo) if cameo else None
    return {"cameo": cameo, "mode": None, "quad_class": info.quad_class if info else None,
            "goldstein": info.goldstein if info else None}


# The CAMEO root code of each PLOVER type, for a candidate the model retypes.
TYPE_ROOT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "087", "REQUEST": "100", "ACCUSE": "112", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "190",
}
