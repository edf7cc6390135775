"""Who is the source and who the target: the options the role model chooses between.

For each role of a candidate the options are the filler the rules found, every other actor
phrase of the trigger's sentence (the head of each noun chunk and named entity, as the rules
would span it), and leaving the role empty. The trained role model (extract/event_decision.py)
scores each option; the best wins. Features say how the option hangs on the trigger in the
parse (its subject, object, "by" agent, the object of "against", "with", "on"...), where it
stands, and what it is (a person, a state, a pronoun, a place after "in").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsevents.extract.event_lexicon import load_lexicon
from newsevents.extract.event_roles import (
    NOT_ACTOR_LABELS,
    NOT_ACTOR_NOUNS,
    PLACE_PREPS,
    POSSESSIVE_PRONOUNS,
    actor_span,
    named_mention,
    verb_subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsevents.context import ArticleContext
    from newsevents.extract.event_candidates import Candidate
    from newsevents.model import Actor

ROLES = ("source", "target")
# Where an option may sit as a place, for the role model's "location" feature: the rules' PLACE_PREPS, and
# "from"/"into", whose place object the rules still take as a party ("withdrew from Syria").
LOCATION_PREPS = PLACE_PREPS | {"from", "into"}


@dataclass(frozen=True)
class Option:
    """One way to fill a role: a span of the sentence (start, end token indices), or empty (None)."""

    span: tuple[int, int] | None
    current: bool  # the filler the rules gave
    kept: bool = False  # the rules' filler that the role model may not overrule (`withdrawn_from`)


def actor_tokens(actor: Actor | None, ctx: ArticleContext) -> Span | None:
    """The tokens an actor's mention covers (None for no actor, no offsets, or offsets inside no token)."""
    if actor is None or actor.start is None or actor.end is None:
        return None
    span = ctx.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def role_options(c: Candidate, role: str, ctx: ArticleContext) -> list[Option]:
    """Empty, the rules' filler, and the other actor phrases of the trigger's sentence."""
    actor = c.event.source if role == "source" else c.event.target
    current = actor_tokens(actor, ctx)
    options = [Option(None, current is None)]
    seen: set[int] = set()
    if current is not None and _could_be_actor(current.root):
        kept = role == "target" and withdrawn_from(c, current.root)
        options.append(Option((current.start, current.end), True, kept))
        seen.add(current.root.i)
    elif current is not None:  # the rules' filler is a document or an event: the role may stay empty,
        options[0] = Option(None, False)  # or go to a name inside it ("a United Nations appeal")
        seen.add(current.root.i)
        current = None
    lexicon = load_lexicon()
    for head in _phrase_heads(ctx.tokens[c.trigger].sent, ctx):
        # a word of the trigger phrase is no party: "telephone" in "had spoken by telephone"
        if head.i in seen or head.i == c.trigger or c.event.start <= head.idx < c.event.end \
                or not _could_be_actor(head) \
                or head.lemma_.lower() in lexicon.nouns:  # an event noun is no party: "the delivery of grain"
            continue
        seen.add(head.i)
        span = actor_span(head)
        if span.start <= c.trigger < span.end:
            continue
        if current is not None and span.start < current.end and current.start < span.end:
            continue  # a part of the rules' own filler, or a phrase around it: the same party, coded already
        options.append(Option((span.start, span.end), False))
    return options


def withdrawn_from(c: Candidate, head: Token) -> bool:
    """The place a withdrawal leaves ("have begun withdrawing from Syria"): by PLOVER's definition the
    target of a RETREAT, as the GSR codes it. The training coders wrote it sometimes and sometimes
    left the role empty, so the role model is unsure of it; the rules' reading stands."""
    preposition = head.head
    return c.event.type == "RETREAT" and head.ent_type_ in ("GPE", "LOC") and head.dep_ == "pobj" \
        and preposition.lower_ == "from" \
        and (preposition.head.i == c.trigger or c.event.start <= preposition.idx < c.event.end)


def _phrase_heads(sent: Span, ctx: ArticleContext) -> list[Token]:
    """The heads of the sentence's noun chunks and named entities, read once per sentence. spaCy's
    `Span.noun_chunks` walks the whole document's chunks for every sentence: the article's chunks
    and entities are listed once and a sentence takes its own by their start."""
    memo = ctx.memo.setdefault("phrase_heads", {})
    if sent.start not in memo:
        if "chunks" not in memo:
            memo["chunks"] = list(ctx.doc.noun_chunks)
            memo["chunk_starts"] = [chunk.start for chunk in memo["chunks"]]
            memo["ent_starts"] = [ent.start for ent in ctx.ents]
        chunks = memo["chunks"][bisect_left(memo["chunk_starts"], sent.start):
                                bisect_left(memo["chunk_starts"], sent.end)]
        ents = ctx.ents[bisect_left(memo["ent_starts"], sent.start):bisect_left(memo["ent_starts"], sent.end)]
        memo[sent.start] = [chunk.root for chunk in chunks] + [ent.root for ent in ents]
    return memo[sent.start]


def _clause_of(trigger: Token, ctx: ArticleContext) -> tuple[Token | None, Token | None]:
    """The verb that carries the trigger (itself, for a verb) and that verb's subject (read once per trigger)."""
    memo = ctx.memo.setdefault("trigger_clauses", {})
    if trigger.i not in memo:
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else next(
            (a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        memo[trigger.i] = (verb, verb_subject(verb) if verb is not None else None)
    return memo[trigger.i]


def _could_be_actor(head: Token) -> bool:
    # a name is not the common noun it spells: "her husband, Bill,", "The Washington Post"
    return head.ent_type_ not in NOT_ACTOR_LABELS and (head.pos_ == "PROPN" or head.lemma_.lower() not in NOT_ACTOR_NOUNS)


def _relation(head: Token, trigger: Token, clause_verb: Token | None, subject: Token | None) -> list[str]:
    """How the option's head hangs on the trigger (or on the verb that carries a noun trigger)."""
    out = []
    for anchor, name in ((trigger, "t"), (clause_verb, "v")):
        if anchor is None:
            continue
        if head.head.i == anchor.i and head.i != anchor.i:
            out.append(f"{name}:{head.dep_}")
        elif head.dep_ == "pobj" and head.head.head.i == anchor.i:
            out.append(f"{name}:prep:{head.head.lower_}")
        elif head.dep_ == "pobj" and head.head.dep_ == "agent" and head.head.head.i == anchor.i:
            out.append(f"{name}:agent")
    if subject is not None and subject.i == head.i:
        out.append("subject")
    if trigger.left_edge.i <= head.i <= trigger.right_edge.i:
        out.append("in_trigger_subtree")
    return out or ["none"]


def _step(token: Token) -> str:
    """One hop of a dependency path: the relation, with the preposition's word ("prep:against")."""
    return f"prep:{token.lower_}" if token.dep_ in ("prep", "agent") else token.dep_


def dependency_path(source: Token, target: Token, longest: int = 4) -> str:
    """The parse path from one token to another: up to their lowest common ancestor ("^"), then down
    ("v"), e.g. "^ccomp vnsubj" for the subject of the clause a speech verb governs. Beyond `longest`
    hops the path is only "far": long paths are rare, and each would be a feature seen once."""
    up = [source, *source.ancestors]
    at = {t.i: k for k, t in enumerate(up)}
    down = []
    node = target
    while node.i not in at:
        down.append(node)
        if node.head.i == node.i:  # a root (another sentence): spaCy makes a new Token on each access, so never `is`
            return "far"
        node = node.head
    hops = [f"^{_step(t)}" for t in up[:at[node.i]]] + [f"v{_step(t)}" for t in reversed(down)]
    return " ".join(hops) if len(hops) <= longest else "far"


def _owned_by_subject(trigger: Token) -> bool:
    """The noun trigger is the subject's own: "Moscow began its bombing campaign"."""
    return any(child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS for child in trigger.children)


def _place_like(head: Token) -> bool:
    """A place named where it happened ("attack in Munich", "an Orlando nightclub"), not a state acting."""
    if head.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    if head.dep_ == "pobj" and head.head.lower_ in LOCATION_PREPS:
        return True
    return head.dep_ in ("compound", "amod", "nmod") and head.head.ent_type_ == "" and head.head.pos_ == "NOUN"


def option_features(c: Candidate, role: str, option: Option, ctx: ArticleContext) -> dict[str, Any]:
    ev = c.event
    trigger = ctx.tokens[c.trigger]
    f: dict[str, Any] = {f"{role}|{ev.type}": 1, f"{role}|kind={c.kind}": 1, f"{role}|tpos={trigger.pos_}": 1,
                         f"{role}|current": float(option.current)}
    if option.span is None:
        f[f"{role}|empty"] = 1
        f[f"{role}|empty|{ev.type}"] = 1
        f[f"{role}|empty|tdep={trigger.dep_}"] = 1
        f[f"{role}|empty|passive"] = float(any(ch.dep_ == "auxpass" for ch in trigger.children))
        return f
    span = ctx.doc[option.span[0]:option.span[1]]
    head = span.root
    clause_verb, subject = _clause_of(trigger, ctx)
    for rel in _relation(head, trigger, clause_verb, subject):
        f[f"{role}|rel={rel}"] = 1
        f[f"{role}|rel={rel}|{ev.type}"] = 1
    f[f"{role}|ent={head.ent_type_ or '-'}"] = 1
    f[f"{role}|pos={head.pos_}"] = 1
    f[f"{role}|dep={head.dep_}"] = 1
    f[f"{role}|lemma={head.lemma_.lower()}"] = 1
    distance = head.i - trigger.i
    f[f"{role}|before"] = float(distance < 0)
    f[f"{role}|distance"] = max(min(distance, 25), -25) / 25
    f[f"{role}|near"] = float(abs(distance) <= 3)
    f[f"{role}|location"] = float(head.dep_ == "pobj" and head.head.lower_ in LOCATION_PREPS)
    f[f"{role}|place_like"] = float(_place_like(head))
    path = dependency_path(trigger, head)
    f[f"{role}|path={path}"] = 1
    f[f"{role}|path={path}|{ev.type}"] = 1
    if clause_verb is not None and clause_verb.i != trigger.i:
        f[f"{role}|vpath={dependency_path(clause_verb, head)}"] = 1
        if subject is not None and subject.i == head.i:
            # the subject of the verb that carries a noun trigger acts in "Moscow began its bombing
            # campaign" and undergoes in "Russia faced criticism": the verb tells which
            f[f"{role}|subject_of={clause_verb.lemma_.lower()}"] = 1
            f[f"{role}|subject_owns"] = float(_owned_by_subject(trigger))
    f[f"{role}|words"] = min(len(span), 10) / 10
    f[f"{role}|capitalised"] = float(span.text[:1].isupper())
    f[f"{role}|upper"] = float(span.text.isupper() and len(span.text) > 3)  # a dateline: "GAZA CITY"
    f[f"{role}|sentence_start"] = float(span.start == trigger.sent.start)
    return f


def option_text(option: Option, ctx: ArticleContext) -> str | None:
    return None if option.span is None else ctx.doc[option.span[0]:option.span[1]].text


def option_party_text(option: Option, ctx: ArticleContext) -> str | None:
    """The option's text as a decided event gives it: a he/she/his/her its own sentence names is that
    name (event_decision._named), so that training scores the parties the output shows."""
    if option.span is None:
        return None
    span = ctx.doc[option.span[0]:option.span[1]]
    return (named_mention(span) or span).text
