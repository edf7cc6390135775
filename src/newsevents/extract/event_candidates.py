"""Event candidates: the first of the event stage's two steps (extract/events.py runs both).

The lexicon and the parse propose candidates with high recall; extract/event_decision.py then
decides which are events. For every trigger the lexicon finds (extract/event_lexicon.py) we read the roles off the
parse (extract/event_roles.py), code them with resolve/actors.code_span, and decide how the
sentence holds the event:
- negated ("did not attack") and hypothetical ("could attack", "plans to attack", "if ...")
  events are kept but flagged, with a low confidence, never as fact;
- a stated intention ("will withdraw", "is ready to send troops") is itself an event, as in
  CAMEO: AGREE for cooperation, THREATEN for conflict, REJECT for refused cooperation;
- reported speech: an event inside what someone said carries `reported_by`; when a political
  actor says another committed violence ("Western countries say Russia attacked X"), the
  saying is coded as ACCUSE; "X said Y must ..." is a REQUEST by X.
Date: a date expression in the event's clause, else in its sentence, else the publication
date. Place: a place in the event's clause, else in its sentence (never the speaker's own
location, "In Washington, the White House said ..."), else the article's most mentioned place.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsevents.context import ArticleContext
from newsevents.extract.event_lexicon import (
    EventLexicon,
    TriggerMatch,
    cameo_info,
    find_triggers,
    load_lexicon,
)
from newsevents.extract.event_roles import (
    NOT_ACTOR_LABELS,
    NOT_ACTOR_NOUNS,
    actor_span,
    condition_subjects,
    conjuncts,
    content_head,
    is_actor_like,
    is_fronted_setting,
    is_place_object,
    light_verb_of,
    noun_source_candidates,
    noun_target_candidates,
    purpose_target_candidates,
    verb_subject,
    verb_target_candidates,
)
from newsevents.model import Actor, Event, Place
from newsevents.resolve.actors import code_span, context_country

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
VICTIM_TYPES = {"ASSAULT", "COERCE"}
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}
# Saying verbs that, with another party's violence as their content, amount to an accusation.
ACCUSING_SPEECH = {"say", "claim", "allege", "charge", "insist", "assert", "argue", "maintain", "state", "tell",
                   "believe", "contend"}
# Event types whose object is only wished, demanded or refused: "demanded the withdrawal".
GOVERNS_UNREAL = {"REQUEST", "THREATEN", "REJECT", "AGREE"}
# "have to", "need to", "ought to": obligation, like "must".
OBLIGATION_HEADS = {"have", "need", "ought", "got"}
# Verbs whose subject receives the event noun: "won the endorsement of X" is X's support for the subject.
RECEIVING_VERBS = {"win", "receive", "get", "gain", "earn", "secure", "obtain", "welcome", "face", "draw", "attract",
                   "incur", "endure", "suffer", "weather", "snag", "garner", "land", "collect"}
# Verbs whose subject answers a request, a charge or a threat made to it: "Reno denied the request", "Trump
# denied the allegations". The one who answers is the one asked or accused.
# (Not "dismiss" for a charge: a judge dismisses charges against someone else.)
ANSWERING_VERBS = {
    "REQUEST": {"deny", "reject", "refuse", "grant", "approve", "accept", "answer", "heed", "ignore", "rebuff",
                "decline", "fulfil", "fulfill", "honor", "honour", "meet", "turn"},
    "ACCUSE": {"deny", "reject", "rebut", "refute", "answer", "contest", "dispute", "admit", "acknowledge"},
    "THREATEN": {"ignore", "defy"},
}
# Aspect verbs: "began withdrawing" is a withdrawal that happened.
ASPECTUAL = {"begin", "start", "continue", "resume", "keep", "stop", "finish", "complete", "go", "speed", "try",
             "attempt", "manage", "help"}
# Intentions that CAMEO codes as events in their own right ("plans to", "is ready to").
DECLARED_INTENT = {"plan", "intend", "want", "prepare", "decide", "willing", "ready", "prepared", "determined",
                   "eager", "swear"}
# Words for domestic actors that the phrase leaves without a country ("Ibo elders", "university students").
DOMESTIC_NOUNS = {"elder", "refugee", "supporter", "prisoner", "fundamentalist", "islamist", "villager", "resident",
                  "youth", "judge", "court", "newspaper", "union", "opposition", "committee", "demonstrator",
                  "protester", "student", "worker", "people", "police", "rebel", "guerrilla", "militant"}
# Words naming a body above the nation: "Association of African Jurists", "Third World Water Forum".
INTERNATIONAL_WORDS = {"african", "european", "asian", "arab", "world", "international", "regional", "global",
                       "continental", "nations", "americas", "pacific", "atlantic"}
# Nouns for a stretch of land, never a party by themselves: "the Thai border", "a residential sector".
PLACE_NOUNS = {"border", "frontier", "custody", "sector", "area", "region", "zone", "district", "city", "town",
               "village", "province", "territory", "soil", "coast", "waters", "airspace", "street", "road",
               "neighbourhood", "neighborhood", "suburb", "outskirts", "side", "part"}
# "the decision", "the move": the object points back at an event told earlier.
ANAPHORIC_NOUNS = {"decision", "move", "announcement", "step", "plan", "initiative", "proposal", "offer",
                   "withdrawal", "pullout", "action", "order", "statement"}
INTENT_CAMEO = {"CONSULT": "036", "AID": "033", "COOPERATE": "031", "CONCEDE": "035", "RETREAT": "035",
                "SUPPORT": "032", "AGREE": "030"}
THREAT_CAMEO = {"ASSAULT": ("138", "violence"), "COERCE": ("137", "violence"), "MOBILIZE": ("138", "violence"),
                "SANCTION": ("131", "restrict"), "PROTEST": ("133", "relations")}


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    intent: Token | None = None  # the word that declares an intention ("will", "plans", "ready")
    conditional: str | None = None  # "if" or "unless"


class _Coder:
    """Codes tokens as actors once per article, resolving pronouns in reported speech."""

    def __init__(self, ctx: ArticleContext, lexicon: EventLexicon) -> None:
        self.ctx = ctx
        self.lexicon = lexicon
        self.cache: dict[tuple[int, int], Actor] = {}

    def span(self, span: Span) -> Actor:
        key = (span.start, span.end)
        if key not in self.cache:
            try:
                self.cache[key] = code_span(span, self.ctx)
            except Exception:  # actor coding is another stage: a bug there must not lose the event
                self.cache[key] = Actor(text=span.text, start=span.start_char, end=span.end_char)
        return self.cache[key]

    def token(self, token: Token) -> Actor:
        actor = self.span(actor_span(token))
        if actor.country is None and token.pos_ != "PRON":
            # "their forces" in "Bosnian Serbs said their forces had ...": the owner is the speaker
            owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            resolved = self._speaker_antecedent(owner) if owner is not None else None
            if resolved is not None and resolved.country:
                actor = replace(actor, country=resolved.country, sector=actor.sector or resolved.sector)
        if actor.country is None and token.pos_ == "PRON":
            resolved = self._speaker_antecedent(token)
            if resolved is not None:
                actor = replace(resolved, text=actor.text, start=actor.start, end=actor.end,
                                canonical=resolved.canonical or resolved.text)
        return actor

    def _speaker_antecedent(self, pronoun: Token) -> Actor | None:
        """'Assad's office said that he ...': he is Assad; 'Putin said he ...': he is Putin;
        'Hungary has said it will ...': it is Hungary."""
        personal = pronoun.lower_ in ("he", "she", "him", "her", "his")
        if not personal and pronoun.lower_ not in ("it", "they", "we", "its", "their", "our", "them", "us"):
            return None
        speech = speech_verb_of(pronoun, self.lexicon)
        if speech is None:
            return None
        speaker = verb_subject(speech)
        if speaker is None:
            return None
        if speaker.pos_ == "PRON":
            return None
        if personal:
            for child in speaker.children:
                if child.dep_ == "poss" and child.ent_type_ == "PERSON":
                    return self.span(actor_span(child))
            if speaker.ent_type_ in ("GPE", "NORP") or speaker.lemma_.lower() in ("government", "country"):
                return None
        elif speaker.ent_type_ == "PERSON":
            return None
        actor = self.span(actor_span(speaker))
        return actor if actor.country or actor.sector else None


def speech_verb_of(token: Token, lexicon: EventLexicon) -> Token | None:
    """The reporting verb whose complement holds `token` ("say" in "Western countries say Russia ...")."""
    child = token
    for ancestor in token.ancestors:
        if child.dep_ in ("ccomp", "parataxis") and ancestor.pos_ in ("VERB", "AUX") \
                and lexicon.is_cue(ancestor.lemma_, "speech"):
            return ancestor
        if ancestor.dep_ == "ROOT" and child.dep_ not in ("ccomp", "parataxis"):
            pass
        child = ancestor
    return None


def _is_trigger_verb(token: Token, lexicon: EventLexicon) -> bool:
    return token.lemma_.lower() in lexicon.verbs


def modality(token: Token, clause_verb: Token | None, is_noun: bool, lexicon: EventLexicon,
             triggers: dict[int, str]) -> Modality:
    """Negation, hypothetical status and declared intent of the event at `token`.

    `triggers` maps token index -> event type of every trigger in the document, so that the
    complement of a demand, threat, offer or refusal ("demanded that Israel ease ...") counts
    as unrealized.
    """
    mod = Modality()
    own_clause = True  # intent and negation only come from the event's own clause
    unreal = False  # an obligation or possibility modal: no declared intent then
    asserts_nothing = False  # an embedded question
    if is_noun and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        mod.negated = True
    if is_noun and token.dep_ in ("dobj", "pobj"):
        governor = clause_verb if token.dep_ == "dobj" else token.head.head
        if governor is not None and (triggers.get(governor.i) in GOVERNS_UNREAL | {"CONSULT"}
                                     or lexicon.is_cue(governor.lemma_, "intent_verb")):
            mod.hypothetical = True  # "demanded the withdrawal", "talks on a pullback"
    current = clause_verb if clause_verb is not None else next(
        (a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token)
    for _ in range(8):
        for child in current.children:
            lemma = child.lemma_.lower()
            if own_clause and (child.dep_ == "neg" or (child.dep_ == "advmod" and lemma == "never")):
                mod.negated = True
            if child.dep_ in ("aux", "auxpass"):
                if lexicon.is_cue(lemma, "future") or lexicon.is_cue(child.lower_, "future"):
                    mod.hypothetical = True
                    if own_clause:
                        mod.intent = mod.intent or child
                elif lexicon.is_cue(lemma, "speculative") or lexicon.is_cue(lemma, "obligation"):
                    mod.hypothetical = True
                    unreal = True
                elif child.lower_ == "to" and current.head.lemma_.lower() not in ASPECTUAL:
                    mod.hypothetical = True  # an infinitive is a purpose or a plan, not a fact
            if child.dep_ == "mark" and lemma in ("if", "unless", "whether"):
                mod.hypothetical = True
                mod.conditional = mod.conditional or ("if" if lemma == "whether" else lemma)
                if lemma == "whether":  # "whether he would support Trump" asserts nothing
                    asserts_nothing = True
            if own_clause and child.dep_ == "advcl":
                mark = next((g.lower_ for g in child.children if g.dep_ == "mark" and g.lower_ in ("if", "unless")),
                            None)
                mod.conditional = mod.conditional or mark  # "will withdraw unless X": a conditional threat
        head = current.head
        if head is current:
            break
        head_lemma = head.lemma_.lower()
        dep = current.dep_
        if dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children) and (
                lexicon.is_cue(head_lemma, "intent_verb") or lexicon.is_cue(head_lemma, "intent_adj")):
            dep = "xcomp"  # "have sworn to fight" parsed as an adverbial clause
        if dep == "xcomp" and head_lemma in OBLIGATION_HEADS:
            mod.hypothetical = True  # "would have to sign off": an obligation, not an intention
            unreal = True
        if dep == "xcomp":
            if head.pos_ == "ADJ" and lexicon.is_cue(head_lemma, "intent_adj"):
                mod.hypothetical = True
                if head_lemma in DECLARED_INTENT and own_clause:
                    mod.intent = mod.intent or head
                current = head.head
                continue
            if head_lemma in DECLARED_INTENT and own_clause and head.i not in triggers:
                mod.intent = mod.intent or head
            current = head
            continue
        if current.dep_ in ("ccomp", "acl", "relcl") and triggers.get(head.i) in GOVERNS_UNREAL:
            mod.hypothetical = True  # "demanded that the US cancel", "its demand that Israel ease"
            break
        if current.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
            current = head
            continue
        if current.dep_ == "advcl" and head.pos_ in ("VERB", "AUX"):
            own_clause = False  # "must agree ... before they demobilize": the main clause's modality holds
            current = head
            continue
        break
    if asserts_nothing:
        mod.intent = None
        mod.conditional = None
    elif unreal:
        mod.intent = mod.intent if mod.conditional else None
        if mod.conditional and mod.intent is None:
            mod.intent = next((c for c in current.children if c.dep_ == "aux"), None)
    return mod


def _governing_trigger(noun: Token, triggers: dict[int, str]) -> int | None:
    """The trigger whose object (direct, or of a preposition) the event noun is."""
    if noun.dep_ in ("dobj", "nsubjpass", "attr") and noun.head.i in triggers:
        return noun.head.i
    if noun.dep_ == "pobj" and noun.head.head.i in triggers:
        return noun.head.head.i
    return None


def _char_span(tokens: list[Token]) -> tuple[int, int]:
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


class _Builder:
    def __init__(self, ctx: ArticleContext, lexicon: EventLexicon) -> None:
        self.ctx = ctx
        self.lexicon = lexicon
        self.coder = _Coder(ctx, lexicon)
        self.sentence_starts = {s.start: i for i, s in enumerate(ctx.sents)}
        self.main_place = _main_place([p for p in ctx.places if not self._place_is_actor(p)])
        self.anaphoric: set[int] = set()  # ids of events whose target is "the decision" and the like
        self.triggers: dict[int, str] = {}  # token index -> event type, for every trigger in the document
        self.source_parsed: bool | None = None  # while building a trigger's events: had it a parsed agent?
        self.inferred_sources: set[int] = set()  # ids of source actors taken from the clause, not the parse
        self.parsed_roles: tuple[Actor | None, Actor | None] | None = None  # the trigger's roles as parsed
        self.clauses: dict[tuple[int, bool], list[Token]] = {}  # (trigger index, reported) -> its clause
        self.evidence: dict[int, tuple[Actor | None, Actor | None]] = {}  # id(event) -> its parsed roles
        self.origin: dict[int, tuple[int, str, float]] = {}  # id(event) -> (trigger token, kind, weight)

    # --- roles ---------------------------------------------------------------------------
    def _pick(self, candidates: list[Token], avoid: set[int], strict: bool = True, in_order: bool = False
              ) -> tuple[Token | None, Actor | None]:
        """The first candidate coded with a country, else with a sector, else one that names an actor.
        With `in_order` (sources: the grammatical agent comes first), the first coded candidate at all."""
        coded: list[tuple[int, Token, Actor]] = []
        for token in candidates:
            token = content_head(token)
            if token.i in avoid or token.lower_ in ("its", "their") or token.ent_type_ in NOT_ACTOR_LABELS:
                continue
            if not self._names_a_party(token):
                continue
            actor = self.coder.token(token)
            if actor.country or (in_order and actor.sector):
                return token, actor
            rank = 1 if actor.sector else 2 if is_actor_like(token) or token.pos_ == "PROPN" else 3
            coded.append((rank, token, actor))
        coded = [c for c in coded if c[0] < 3 or not strict]
        if not coded:
            return None, None
        _, token, actor = min(coded, key=lambda c: c[0])
        return token, actor

    def _names_a_party(self, token: Token) -> bool:
        """Not an act, a document or an event: "rejected a United Nations appeal" (the appeal's author is
        the party), "threatened to launch a new offensive"; a name spelled like one still is."""
        if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        lemma = token.lemma_.lower()
        return lemma not in NOT_ACTOR_NOUNS and (lemma not in self.lexicon.nouns or is_actor_like(token))

    def roles(self, match: TriggerMatch) -> tuple[Token | None, Actor | None, Token | None, Actor | None]:
        token = self.ctx.tokens[match.token_i]
        phrase = set(match.tokens)
        if match.trigger.pos == "V":
            subject = verb_subject(token)
            sources = [subject] if subject is not None else []
            strong, weak = verb_target_candidates(token, weak=False), verb_target_candidates(token)
            if match.trigger.type == "THREATEN":
                strong = condition_subjects(token) + strong
        else:
            sources = noun_source_candidates(token, self.lexicon, match.trigger.type)
            strong, weak = noun_target_candidates(token, weak=False), noun_target_candidates(token)
            verb = light_verb_of(token, self.lexicon)
            if verb is not None and verb.lemma_.lower() in RECEIVING_VERBS and token.dep_ == "dobj":
                # "won the endorsement of the Union Leader": the giver is the source, the winner the target
                subject = verb_subject(verb)
                sources = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "by")
                           for g in c.children if g.dep_ == "pobj"]
                strong = [subject] if subject is not None else []
            elif verb is not None and token.dep_ == "dobj" \
                    and verb.lemma_.lower() in ANSWERING_VERBS.get(match.trigger.type, ()) \
                    and (subject := verb_subject(verb)) is not None:
                strong = [*strong, subject]  # after the noun's own target: "dismissed the charges against him"
                sources = [t for t in sources if t.i != subject.i]  # "Munene admitted two charges": charged
            elif verb is not None and (self.lexicon.is_cue(verb.lemma_, "light")
                                       or not _is_trigger_verb(verb, self.lexicon)):
                strong += [t for t in verb_target_candidates(verb, weak=False) if t.i != token.i]
                weak += [t for t in verb_target_candidates(verb) if t.i != token.i]
        source_tok, source = self._pick(sources, phrase, strict=False, in_order=True)
        avoid = phrase | ({source_tok.i} if source_tok is not None else set())
        target_tok, target = self._pick(strong, avoid)
        if target_tok is None and source_tok is not None and match.trigger.type in SYMMETRIC:
            # "the United States and Soviet Union conferred in Washington": the other party, not the venue
            target_tok, target = self._other_subject(source_tok, avoid)
        if target_tok is None:
            target_tok, target = self._pick(purpose_target_candidates(token), avoid)
        if target_tok is None:
            target_tok, target = self._pick(weak, avoid)
        if target_tok is None and match.trigger.type in GOVERNS_UNREAL | {"ACCUSE"}:
            # "agreed to set up a centre in Tokyo", "urged X to ...": the complement's party
            for comp in token.children:
                if comp.dep_ in ("xcomp", "ccomp") and comp.pos_ in ("VERB", "AUX"):
                    # "demanded that the US cancel ...": the one asked is the clause's subject
                    subject = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    candidates = ([subject] if subject is not None and subject.pos_ != "PRON" else [])
                    target_tok, target = self._pick(candidates + verb_target_candidates(comp), avoid)
                    if target_tok is not None:
                        break
        if source_tok is not None and target_tok is None and match.trigger.type in SYMMETRIC | {"ASSAULT"}:
            target_tok, target = self._other_subject(source_tok)
        return source_tok, source, target_tok, target

    def _other_subject(self, source_tok: Token, avoid: frozenset[int] | set[int] = frozenset()) -> tuple[Token | None, Actor | None]:
        """The next subject joined to the source ("Obama and Putin met": Putin), coded; or none."""
        other = next((t for t in conjuncts(source_tok)[1:] if t.i not in avoid), None)
        return (other, self.coder.token(other)) if other is not None else (None, None)

    def fill_roles(self, match: TriggerMatch, source_tok: Token | None, source: Actor | None,
                   target_tok: Token | None, target: Actor | None) -> tuple[Actor | None, Actor | None]:
        """Where the parse leaves a role empty or uncoded: the nearest coded phrase of the clause, and for
        a domestic actor without a country the one country the clause names."""
        token = self.ctx.tokens[match.token_i]
        phrase = set(match.tokens)
        clause_head = token if match.trigger.pos == "V" else (light_verb_of(token, self.lexicon) or token)
        if target_tok is None:
            target_tok, target = self._nearest_coded(token, clause_head, phrase | self._span_of(source_tok),
                                                     after_first=True)
        if source_tok is None:
            source_tok, source = self._nearest_coded(token, clause_head, phrase | self._span_of(target_tok),
                                                     after_first=False)
        source = self._with_context_country(source_tok, source, token)
        target = self._with_context_country(target_tok, target, token)
        return source, target

    @staticmethod
    def _span_of(token: Token | None) -> set[int]:
        if token is None:
            return set()
        span = actor_span(token)
        return set(range(span.start, span.end))

    def _clause_tokens(self, trigger: Token, reported: bool = True) -> list[Token]:
        """The trigger's sentence without the reporting clauses it is not part of ("..., police said",
        "a spokeswoman for the U.S. embassy said (that) ..."); with `reported` False, only parenthetical
        reporting clauses are left out, not the speaker of a "said (that)" sentence."""
        key = (trigger.i, reported)
        if key not in self.clauses:  # each role of each event of a trigger asks again: read it once
            self.clauses[key] = self._read_clause(trigger, reported)
        return self.clauses[key]

    def _read_clause(self, trigger: Token, reported: bool) -> list[Token]:
        speech = speech_verb_of(trigger, self.lexicon) if reported else None
        if speech is not None:
            inner = next((c for c in speech.children if c.left_edge.i <= trigger.i <= c.right_edge.i), None)
            if inner is not None:
                return list(inner.subtree)
        reporting: set[int] = set()
        for t in trigger.sent:
            if t.dep_ == "parataxis" and not (t.left_edge.i <= trigger.i <= t.right_edge.i):
                reporting.update(range(t.left_edge.i, t.right_edge.i + 1))
        return [t for t in trigger.sent if t.i not in reporting]

    def _nearest_coded(self, trigger: Token, clause_head: Token, avoid: set[int], after_first: bool
                       ) -> tuple[Token | None, Actor | None]:
        """When the parse gives no party, the nearest actor phrase coded with a country or an international
        body in the trigger's own clause (the subtree of its verb, without reporting clauses): after the
        trigger first for a target ("deliberations with the Nigerian government", "Serbia's suppression"),
        before it first for a source."""
        scope = {t.i for t in clause_head.subtree}
        for t in clause_head.subtree:  # "... at the base, which served as a warning to U.S. aircraft"
            if t.dep_ == "relcl" and not (t.left_edge.i <= trigger.i <= t.right_edge.i):
                scope -= set(range(t.left_edge.i, t.right_edge.i + 1))
        # an entity's function words ("the" of "the White House") carry its label but head no phrase
        words = [t for t in self._clause_tokens(trigger) if t.i in scope and t.i not in avoid
                 and (t.pos_ in ("NOUN", "PROPN") or t.ent_type_ in ("NORP", "GPE", "ORG"))
                 and t.ent_type_ not in NOT_ACTOR_LABELS and t.pos_ not in FUNCTION_POS]
        after = [t for t in words if t.i > trigger.i]
        before = [t for t in reversed(words) if t.i < trigger.i]
        seen: set[int] = set()
        for candidate in (after + before) if after_first else (before + after):
            head = candidate
            while head.dep_ in ("compound", "amod", "flat", "nmod") and head.head.i != head.i \
                    and head.head.pos_ in ("NOUN", "PROPN"):
                head = head.head
            lemma = head.lemma_.lower()
            if head.i in seen or head.i in avoid or lemma in PLACE_NOUNS or lemma in self.lexicon.nouns:
                continue
            if not after_first and is_place_object(head):
                continue  # "wounded in an attack near Kabul": where it happened, not who did it
            if after_first and is_fronted_setting(head, clause_head):
                continue  # "In France, the government has asked for ...": where, not who was asked
            # A plural of people named by their origin: "Palestinian factions" (not "the Syrian conflict").
            named = head.tag_ in ("NNS", "NNPS") and any(
                c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG") for c in head.children)
            if not (head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or is_actor_like(head)
                    or lemma in DOMESTIC_NOUNS or named):
                continue
            seen.add(head.i)
            actor = self.coder.token(head)
            if actor.country or actor.sector in ("IGO", "NGO"):
                return head, actor
        return None, None

    def _with_context_country(self, token: Token | None, actor: Actor | None, trigger: Token) -> Actor | None:
        """A domestic actor the phrase leaves uncoded ("Judge Alejandro Rivera", "Ibo elders") takes the one
        country its sentence names, outside any reporting clause ("..., a U.S. spokeswoman said")."""
        if token is None or actor is None or actor.country or actor.sector in ("IGO", "NGO"):
            return actor
        if not (actor.sector or token.ent_type_ in ("PERSON", "ORG", "NORP") or is_actor_like(token)
                or token.lemma_.lower() in DOMESTIC_NOUNS):
            return actor
        if INTERNATIONAL_WORDS.intersection(w.strip(".,'()").lower() for w in actor.text.split()):
            return actor
        # The event's own clause first; then the sentence with its speaker ("Militants loyal to Iraq's
        # Al-Qaeda frontman said they ...") but without parenthetical sources.
        country = context_country(self._clause_tokens(trigger), self.ctx) \
            or context_country(self._clause_tokens(trigger, reported=False), self.ctx)
        return replace(actor, country=country) if country else actor

    # --- evidence ------------------------------------------------------------------------
    def _clause(self, token: Token, clause_verb: Token | None) -> tuple[int, int]:
        root = clause_verb if clause_verb is not None else token
        left = min(root.left_edge.idx, token.left_edge.idx)
        right = max(root.right_edge.idx + len(root.right_edge.text), token.right_edge.idx + len(token.right_edge.text))
        return left, right

    def date(self, sent: Span, clause: tuple[int, int], trigger_start: int) -> str | None:
        in_sentence = [d for d in self.ctx.dates if d.value and sent.start_char <= d.start < sent.end_char]
        in_clause = [d for d in in_sentence if clause[0] <= d.start < clause[1]]
        for pool in (in_clause, in_sentence):
            if pool:
                return min(pool, key=lambda d: abs(d.start - trigger_start)).value
        if self.ctx.published is not None:
            return self.ctx.published.isoformat()
        return self.ctx.article.published

    def place(self, sent: Span, clause: tuple[int, int], trigger_start: int, speech: Token | None) -> Place | None:
        in_sentence = [p for p in self.ctx.places if sent.start_char <= p.start < sent.end_char
                       and not self._place_is_actor(p) and not self._country_of_a_thing(p, trigger_start)]
        in_clause = [p for p in in_sentence if clause[0] <= p.start < clause[1]]
        if in_clause:
            return min(in_clause, key=lambda p: abs(p.start - trigger_start))
        if in_sentence and speech is None:  # a reported event never takes the speaker's location
            return min(in_sentence, key=lambda p: abs(p.start - trigger_start))
        return self.main_place

    def _place_tokens(self, place: Place) -> Span | None:
        span = self.ctx.doc.char_span(place.start, place.end, alignment_mode="expand")
        return span if span is not None and len(span) else None

    def _place_is_actor(self, place: Place) -> bool:
        """A place named as a party ("Russia bombed", "accused Moscow") is an actor there, not a location."""
        span = self._place_tokens(place)
        if span is None:
            return False
        root = span.root
        while root.dep_ in ("compound", "conj", "appos") and root.head.i != root.i:
            root = root.head
        return root.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "agent") or (
            root.dep_ == "pobj" and root.head.dep_ == "agent")

    def _country_of_a_thing(self, place: Place, trigger_start: int) -> bool:
        """A country named as whose something is ("a warning to U.S. aircraft", "Syria policy"), not where
        the event happened. A country before the trigger itself ("the Iraq war") or before a place noun
        ("on U.S. soil") or an event noun ("killed in the Iraq war") still says where; so does a town before
        anything ("a Baghdad market")."""
        if place.feature != "country":
            return False
        span = self._place_tokens(place)
        if span is None:
            return False
        root = span.root
        if root.dep_ not in ("compound", "amod", "nmod") or root.head.i == root.i:
            return False
        head = root.head
        lemma = head.lemma_.lower()
        return head.pos_ in ("NOUN", "PROPN") and head.idx != trigger_start and lemma not in PLACE_NOUNS \
            and lemma not in self.lexicon.nouns  # "killed in the Iraq war": an event's place

    def reported_by(self, start: int, speech: Token | None) -> Actor | None:
        for quote in self.ctx.quotes:
            if quote.start <= start < quote.end and (quote.speaker_actor or quote.speaker):
                return quote.speaker_actor or Actor(text=quote.speaker_text or quote.speaker, canonical=quote.speaker,
                                                    start=quote.speaker_start, end=quote.speaker_end)
        if speech is not None:
            speaker = verb_subject(speech)
            if speaker is not None:
                return self.coder.token(speaker)
        return None

    # --- events --------------------------------------------------------------------------
    def event(self, type_: str, cameo: str, mode: str | None, tokens: list[Token], sent: Span, weight: float,
              source: Actor | None, target: Actor | None, clause: tuple[int, int], speech: Token | None,
              negated: bool = False, hypothetical: bool = False, origin: tuple[int, str] = (0, "trigger")) -> Event:
        start, end = _char_span(tokens)
        info = cameo_info(cameo)
        place = self.place(sent, clause, start, speech)
        if type_ in VICTIM_TYPES and target is not None and not target.country and place is not None \
                and place is not self.main_place and place.country and target.sector not in ("IGO", "NGO"):
            # "killed 23 people in Tel Aviv": victims without a stated nationality are where it happened
            target = replace(target, country=place.country)
        reported = self.reported_by(start, speech)
        confidence = weight
        if hypothetical:
            confidence *= 0.5
        if negated:
            confidence *= 0.4
        if reported is not None:
            confidence *= 0.9
        # An event without a parsed agent is less sure, even when the nearest coded phrase stands in for it.
        parsed = self.source_parsed if self.source_parsed is not None else source is not None
        if not parsed:
            confidence *= 0.85
            if source is not None:
                self.inferred_sources.add(id(source))
        text = self.ctx.doc[min(t.i for t in tokens):max(t.i for t in tokens) + 1].text
        event = Event(
            type=type_, start=start, end=end, sentence_index=self.sentence_starts.get(sent.start, 0),
            sentence=self.ctx.text[sent.start_char:sent.end_char], text=text, mode=mode, cameo=cameo,
            quad_class=info.quad_class if info else None, goldstein=info.goldstein if info else None,
            source=source, target=target, date=self.date(sent, clause, start),
            place=place, negated=negated, hypothetical=hypothetical,
            reported_by=reported, confidence=round(min(max(confidence, 0.0), 1.0), 3),
        )
        if self.parsed_roles is not None:
            self.evidence[id(event)] = self.parsed_roles
        self.origin[id(event)] = (origin[0], origin[1], weight)
        return event

    def from_trigger(self, match: TriggerMatch) -> list[Event]:
        doc_tokens = self.ctx.tokens
        token = doc_tokens[match.token_i]
        trig = match.trigger
        is_noun = trig.pos == "N"
        clause_verb = token if not is_noun else light_verb_of(token, self.lexicon)
        mod = modality(token, clause_verb, is_noun, self.lexicon, self.triggers)
        sent = token.sent
        if self.ctx.text[sent.start_char:sent.end_char].rstrip(' "\'\u201d\u2019').endswith("?"):
            mod.hypothetical = True  # a question asserts nothing: "Do you support Trump?"
            mod.intent = None
        source_tok, source, target_tok, target = self.roles(match)
        parsed_source, parsed_target = source is not None, target is not None
        self.source_parsed = parsed_source
        self.parsed_roles = (source, target)
        source, target = self.fill_roles(match, source_tok, source, target_tok, target)
        clause = self._clause(token, clause_verb)
        speech = speech_verb_of(clause_verb if clause_verb is not None else token, self.lexicon)
        tokens = [doc_tokens[i] for i in match.tokens]
        weight = trig.weight
        if is_noun and _governing_trigger(token, self.triggers) is not None:
            weight *= 0.7  # "complained over air raids": the complaint is the event the sentence reports
        main = self.event(trig.type, trig.cameo, trig.mode, tokens, sent, weight, source, target, clause, speech,
                          negated=mod.negated, hypothetical=mod.hypothetical, origin=(match.token_i, "trigger"))
        events = [main]
        if not parsed_target:
            obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is not None and obj.lemma_.lower() in ANAPHORIC_NOUNS and \
                    not any(c.dep_ == "poss" for c in obj.children):
                self.anaphoric.add(id(main))
        intent = self._intent_event(trig.type, mod, tokens, sent, trig.weight, source, target, clause, speech,
                                    match.token_i)
        if intent is not None:
            events.append(intent)
        self.source_parsed = None
        self.parsed_roles = None
        return events

    def _intent_event(self, type_: str, mod: Modality, tokens: list[Token], sent: Span, weight: float,
                      source: Actor | None, target: Actor | None, clause: tuple[int, int],
                      speech: Token | None, trigger: int) -> Event | None:
        """'will withdraw' -> AGREE; 'will attack' / 'withdraw unless' -> THREATEN; 'will not accept' -> REJECT."""
        if mod.intent is None:
            return None
        words = [mod.intent, *tokens]
        origin = (trigger, "intent")
        weight = 0.5 + 0.4 * weight  # the statement of intent is what the sentence asserts
        if mod.conditional == "unless" or (type_ in THREAT_CAMEO and not mod.negated):
            cameo, mode = THREAT_CAMEO.get(type_, ("130", None))
            return self.event("THREATEN", cameo, mode, words, sent, weight * 0.9, source, target, clause, speech,
                              origin=origin)
        if mod.conditional and (mod.conditional != "if" or type_ not in COOPERATIVE):
            return None
        if type_ in COOPERATIVE:
            if mod.negated:
                cameo = "125" if type_ == "CONSULT" else "120"
                return self.event("REJECT", cameo, None, words, sent, weight * 0.9, source, target, clause, speech,
                              origin=origin)
            return self.event("AGREE", INTENT_CAMEO.get(type_, "030"), None, words, sent, weight * 0.9, source,
                              target, clause, speech, origin=origin)
        if type_ in THREAT_CAMEO and mod.negated:  # "will not attack": a promise to de-escalate
            return self.event("AGREE", "035", None, words, sent, weight * 0.7, source, target, clause, speech,
                              origin=origin)
        return None

    def from_speech(self, speech: Token, embedded: list[Event]) -> list[Event]:
        """Events made by the act of saying: ACCUSE (says another attacked) and REQUEST ("must")."""
        out: list[Event] = []
        if speech.i in self.triggers:  # "charged", "alleged": the lexicon codes it
            return out
        speaker_tok = verb_subject(speech)
        if speaker_tok is None or speaker_tok.pos_ == "PRON" and speaker_tok.lower_ in ("it", "this"):
            return out
        sent = speech.sent
        clause = self._clause(speech, speech)
        speaker = self.coder.token(speaker_tok)
        for comp in speech.children:
            if comp.dep_ not in ("ccomp", "parataxis"):
                continue
            if any(c.dep_ == "aux" and self.lexicon.is_cue(c.lemma_, "obligation") for c in comp.children):
                subject = verb_subject(comp)
                target = self.coder.token(subject) if subject is not None else None
                modal = next(c for c in comp.children if c.dep_ == "aux" and self.lexicon.is_cue(c.lemma_, "obligation"))
                out.append(self.event("REQUEST", "100", None, [modal, comp], sent, 0.75, speaker, target, clause, None,
                                      origin=(speech.i, "speech")))
        if self.lexicon.is_cue(speaker_tok.lemma_, "reporter") or speaker_tok.ent_type_ in ("ORG",) and \
                speaker_tok.lemma_.lower() in ("agency", "news"):
            return out
        if speech.lemma_.lower() not in ACCUSING_SPEECH:
            return out
        for ev in embedded:
            if ev.type not in MATERIAL_CONFLICT or ev.negated or ev.hypothetical or ev.source is None \
                    or id(ev.source) in self.inferred_sources:
                continue
            if ev.source.start is not None and speaker.start is not None and ev.source.start == speaker.start:
                continue
            if speaker.country and ev.source.country == speaker.country:
                continue
            cameo = "1123" if ev.type == "ASSAULT" else "112"
            out.append(self.event("ACCUSE", cameo, "allege", [speech], sent, 0.45, speaker, ev.source, clause, None,
                                  origin=(speech.i, "speech")))
            break
        return out


def _main_place(places: list[Place]) -> Place | None:
    if not places:
        return None
    counts = Counter((p.name or p.text) for p in places)
    best = counts.most_common(1)[0][0]
    return next(p for p in places if (p.name or p.text) == best)


def _resolve_anaphoric_targets(events: list[Event], anaphoric: set[int]) -> set[int]:
    """'welcomed the decision': the target is the source of the latest earlier factual event. Returns
    the ids of the events whose target was so found."""
    resolved: set[int] = set()
    for i, ev in enumerate(events):
        if id(ev) not in anaphoric:
            continue
        for earlier in reversed(events[:i]):
            if earlier.source is not None and earlier.source.country and not earlier.hypothetical \
                    and not earlier.negated and earlier.source.country != (ev.source.country if ev.source else None):
                ev.target = replace(earlier.source)
                ev.confidence = round((ev.confidence or 0) * 0.9, 3)
                resolved.add(id(ev))
                break
    return resolved


FUNCTION_POS = {"DET", "ADP", "CCONJ", "PART", "PUNCT"}


def _coded(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.country or actor.sector)


def trusted_by_rules(ev: Event, parsed: tuple[Actor | None, Actor | None] | None = None) -> bool:
    """The hand rule that decided before the trained model (and still does without one): an event with
    no party at all is a word sense we cannot trust ("demonstrating that"); a weak trigger ("support",
    "deal", "rally") also needs a party that codes as an actor. `parsed` holds the parties the parse
    gave, before the clause filled any gap: a party found only by proximity is no evidence."""
    source, target = parsed if parsed is not None else (ev.source, ev.target)
    if source is None and target is None:
        return False
    return (ev.confidence or 0) >= 0.6 or _coded(source) or _coded(target)


@dataclass
class Candidate:
    """A proposed event and what the decision needs to know of how it was found."""

    event: Event
    trigger: int  # token index of the word that carries it
    kind: str  # "trigger" (a lexicon phrase), "intent" (a declared intention) or "speech" (an accusation, a "must")
    weight: float  # the lexicon's prior for the phrase, after the rules' discounts
    parsed: tuple[Actor | None, Actor | None]  # source and target as the parse gave them, before any filling
    trusted: bool  # what the hand rule says
    # the target is the maker of "the decision" the sentence reacts to, found in an earlier sentence
    anaphoric: bool = False


def _event_id(article_id: str, ev: Event) -> str:
    return hashlib.sha1(f"{article_id}:{ev.start}:{ev.end}:{ev.type}".encode()).hexdigest()[:16]


def find_candidates(ctx: ArticleContext) -> list[Candidate]:
    """Every event the lexicon and the parse propose for the article, in text order, one per
    (trigger span, type)."""
    lexicon = load_lexicon()
    builder = _Builder(ctx, lexicon)
    events: list[Event] = []
    by_speech: dict[int, list[Event]] = {}
    matches = find_triggers(ctx.tokens, lexicon)
    builder.triggers = {m.token_i: m.trigger.type for m in matches}
    for match in matches:
        new = builder.from_trigger(match)
        events += new
        speech = speech_verb_of(ctx.tokens[match.token_i], lexicon)
        if speech is not None:
            by_speech.setdefault(speech.i, []).extend(new)
    for token in ctx.tokens:
        if token.pos_ == "VERB" and lexicon.is_cue(token.lemma_, "speech"):
            events += builder.from_speech(token, by_speech.get(token.i, []))
    events.sort(key=lambda e: (e.start, e.end, e.type))
    anaphoric = _resolve_anaphoric_targets(events, builder.anaphoric)
    seen: set[tuple[int, int, str]] = set()
    candidates = []
    for ev in events:
        key = (ev.start, ev.end, ev.type)
        if key in seen:
            continue
        seen.add(key)
        ev.event_id = _event_id(ctx.article.id, ev)
        trigger, kind, weight = builder.origin[id(ev)]
        parsed = builder.evidence.get(id(ev), (ev.source, ev.target))
        candidates.append(Candidate(ev, trigger, kind, weight, parsed, trusted_by_rules(ev, builder.evidence.get(id(ev))),
                                    anaphoric=id(ev) in anaphoric))
    return candidates
