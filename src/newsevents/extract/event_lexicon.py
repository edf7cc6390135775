"""The event lexicon (data/event_lexicon.tsv), the cue words (data/event_cues.tsv) and the
CAMEO table (data/cameo_goldstein.tsv), loaded once, and trigger matching over a parse.

A trigger is a verb or an event noun whose lemma is in the lexicon; a multi-word phrase
("speak by telephone", "bombing campaign") matches when its other words are dependents of
the trigger, and the longest matching phrase wins. Lookups are dictionary hits by lemma,
so matching costs little next to the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsevents.tables import DATA, read_rows

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Token


PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Dependents a verb phrase's other words may hang on: particles, prepositions, objects, and their objects.
_VERB_PHRASE_DEPS = {"prt", "prep", "dobj", "pobj", "dative", "attr", "acomp", "xcomp", "compound", "amod",
                     "advmod", "agent", "npadvmod", "oprd", "nmod", "det", "pcomp", "nsubjpass"}
# Dependents of an event noun that may carry the phrase's other words: "air strike", "state of emergency".
_NOUN_PHRASE_DEPS = {"compound", "amod", "nmod", "prep", "pobj", "npadvmod"}


# Lexicon rows of this type name phrases that look like triggers but are not events ("press release").
NOT_AN_EVENT = "NONE"

# Generic nouns that carry an event noun used as their modifier: "a mediation mission", "a bombing effort".
CARRIER_NOUNS = {"mission", "effort", "campaign", "operation", "process", "initiative", "drive", "bid", "attempt",
                 "program", "programme", "plan", "deal", "package", "round", "force"}


@dataclass(frozen=True)
class Trigger:
    """One lexicon row."""

    phrase: str
    pos: str  # V or N
    type: str
    mode: str | None
    cameo: str
    weight: float
    head: str  # the lemma of the trigger word itself
    others: tuple[str, ...]  # the phrase's other words, matched among its dependents


@dataclass(frozen=True)
class TriggerMatch:
    token_i: int  # the trigger word (verb or event noun)
    trigger: Trigger
    tokens: tuple[int, ...]  # every token of the matched phrase


@dataclass
class EventLexicon:
    verbs: dict[str, list[Trigger]]
    nouns: dict[str, list[Trigger]]
    cues: dict[str, set[str]]

    def is_cue(self, lemma: str, kind: str) -> bool:
        return kind in self.cues.get(lemma.lower(), ())


def _trigger(row: list[str]) -> Trigger:
    phrase, pos, type_, mode, cameo, weight = row[:6]
    words = phrase.split()
    if pos == "V":
        head, others = words[0], words[1:]
    elif "of" in words:  # "state of emergency": the noun before "of" is the head
        at = words.index("of")
        head, others = words[at - 1], words[:at - 1] + words[at:]
    else:
        head, others = words[-1], words[:-1]
    return Trigger(phrase=phrase, pos=pos, type=type_, mode=None if mode == "-" else mode, cameo=cameo,
                   weight=float(weight), head=head, others=tuple(others))


@lru_cache(maxsize=4)
def load_lexicon(lexicon: str | None = None, cues: str | None = None) -> EventLexicon:
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    for row in read_rows(Path(lexicon) if lexicon else DATA / "event_lexicon.tsv", header=False):
        trig = _trigger(row)
        if trig.type not in PLOVER_TYPES and trig.type != NOT_AN_EVENT:
            raise ValueError(f"event lexicon: unknown PLOVER type {trig.type!r} for {trig.phrase!r}")
        (verbs if trig.pos == "V" else nouns).setdefault(trig.head, []).append(trig)
    for table in (verbs, nouns):
        for triggers in table.values():
            triggers.sort(key=lambda t: -len(t.others))  # longest phrase first
    cue_table: dict[str, set[str]] = {}
    for lemma, kind, *_ in read_rows(Path(cues) if cues else DATA / "event_cues.tsv", header=False):
        cue_table.setdefault(lemma.lower(), set()).add(kind)
    return EventLexicon(verbs=verbs, nouns=nouns, cues=cue_table)


@dataclass(frozen=True)
class CameoCode:
    code: str
    goldstein: float
    quad_class: int
    description: str


@lru_cache(maxsize=1)
def load_cameo() -> dict[str, CameoCode]:
    table = {}
    for code, goldstein, quad, description, *_ in read_rows(DATA / "cameo_goldstein.tsv", header=False):
        table[code] = CameoCode(code, float(goldstein), int(quad), description)
    return table


def cameo_info(code: str | None) -> CameoCode | None:
    """The code's row, or its nearest listed parent's (1384 -> 138 -> 13)."""
    if not code:
        return None
    table = load_cameo()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _phrase_dependents(token: Token, deps: set[str]) -> dict[str, int]:
    """Lemmas (and lower-cased words) of the dependents that may belong to a phrase, two levels deep."""
    found: dict[str, int] = {}
    for child in token.children:
        if child.dep_ not in deps:
            continue
        for word in (_lemma(child), child.lower_):
            found.setdefault(word, child.i)
        for grandchild in child.children:
            # a preposition or particle of the phrase must hang on the trigger itself: "called it a point for"
            # is no "call for"
            if grandchild.dep_ in deps and grandchild.pos_ not in ("ADP", "PART"):
                for word in (_lemma(grandchild), grandchild.lower_):
                    found.setdefault(word, grandchild.i)
    return found


def _match_token(token: Token, triggers: list[Trigger], deps: set[str]) -> TriggerMatch | None:
    dependents = None
    for trig in triggers:
        if not trig.others:
            return TriggerMatch(token.i, trig, (token.i,))
        if dependents is None:
            dependents = _phrase_dependents(token, deps)
        if all(word in dependents for word in trig.others):
            return TriggerMatch(token.i, trig, tuple(sorted({token.i, *(dependents[w] for w in trig.others)})))
    return None


def _hyphenated(token: Token) -> str | None:
    """'pull-out' parsed as pull - out: the whole word, looked up as one noun."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 1].idx == doc[token.i - 2].idx + len(
            doc[token.i - 2].text):
        return f"{doc[token.i - 2].lower_}-{token.lower_}"
    return None


def find_triggers(tokens: Sequence[Token], lexicon: EventLexicon) -> list[TriggerMatch]:
    """Every trigger among a document's tokens; words inside a longer matched phrase do not trigger again."""
    matches: list[TriggerMatch] = []
    for token in tokens:
        match = None
        if token.dep_ in ("amod", "compound") and token.pos_ == "VERB":
            continue  # a participle used as an adjective: "pledged delegates"
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            triggers = lexicon.verbs.get(_lemma(token)) or lexicon.verbs.get(token.lower_)
            if triggers:
                match = _match_token(token, triggers, _VERB_PHRASE_DEPS)
        elif token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_):
            if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") \
                    and token.head.lemma_.lower() not in CARRIER_NOUNS:
                continue  # a modifier, not the event: "strike fighters", "peace talks" (head decides)
            word = _hyphenated(token)
            triggers = (word and lexicon.nouns.get(word)) or lexicon.nouns.get(_lemma(token)) \
                or lexicon.nouns.get(token.lower_)
            if word and word in lexicon.nouns:
                trig = lexicon.nouns[word][0]
                match = TriggerMatch(token.i, trig, (token.i - 2, token.i - 1, token.i))
            elif triggers:
                match = _match_token(token, triggers, _NOUN_PHRASE_DEPS)
        if match is not None:
            matches.append(match)
    # A longer phrase swallows the triggers inside it ("hold talks": one event, not two).
    matches.sort(key=lambda m: (-len(m.tokens), -m.trigger.weight))
    taken: set[int] = set()
    kept: list[TriggerMatch] = []
    for m in matches:
        if m.token_i in taken:
            continue
        kept.append(m)
        taken.update(m.tokens)
    kept = [m for m in kept if not any(m.token_i in k.tokens and k is not m and len(k.tokens) > len(m.tokens)
                                       for k in kept)]
    return sorted((m for m in kept if m.trigger.type != NOT_AN_EVENT), key=lambda m: m.token_i)
