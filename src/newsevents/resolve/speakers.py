"""Who a quote's speaker is: the mention span, its title, and the canonical name behind it.

The cue's subject is only a mention: "he", "Pankov", "the White House", "A statement released by
Assad's office". This module turns it into the mention span we report (the name, not the whole
noun phrase), a title from the words around the name ("Kremlin spokesman Dmitry Peskov", "Viktor
Ozerov, head of the defense committee"), and a canonical name: the entity's full name, or for a
pronoun the person or organisation it most plausibly refers to (the latest earlier speaker or
subject of the right kind).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.model import Actor, Entity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsevents.context import ArticleContext

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
FEMININE = {"she", "her"}
GROUP_PRONOUNS = {"they", "them", "we", "their", "it", "its"}
RELATIVE = {"who", "which", "that"}
# Documents and messages that "say" things on behalf of their author ("a statement by X said").
MESSAGES = {"statement", "report", "release", "letter", "memo", "post", "tweet", "message", "communique",
            "announcement", "email", "note", "study", "document", "filing", "complaint"}
# Left modifiers that belong to the name, not to the title.
_NAME_DEPS = {"compound", "amod", "poss", "nmod", "det", "case", "punct", "nummod", "quantmod"}
# How far back (in characters) a pronoun may look for its referent.
PRONOUN_WINDOW = 1500


@dataclass
class Speaker:
    mention: Span  # the words we report as the speaker mention
    name: str | None  # canonical name (None when a pronoun stays unresolved)
    title: str | None = None
    entity: Entity | None = None  # the entity the name comes from, when there is one
    person: bool = False


class SpeakerResolver:
    """Resolves speakers of one article in reading order (pronouns look back at earlier ones)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.entity_at: dict[int, Entity] = {e.start: e for e in ctx.entities}
        self.span_of_token: dict[int, Span] = {}
        for ent in ctx.ents:
            for i in range(ent.start, ent.end):
                self.span_of_token[i] = ent
        self.history: list[tuple[int, Speaker]] = []  # (char offset, speaker) of resolved speakers
        self.gender: dict[str, str] = {}  # name -> "m" / "f", from the pronouns resolved to it

    # -- the mention ---------------------------------------------------------------------------------
    def speaker(self, token: Token) -> Speaker:
        doc = self.doc
        clause = _relative_clause(token)
        if clause is not None:
            # "Putin, who ... said": the mention is "who", the name is Putin's.
            remembered = len(self.history)
            antecedent = self.speaker(clause.head)
            del self.history[remembered:]
            return self._remember(Speaker(doc[token.i: token.i + 1], antecedent.name, antecedent.title,
                                          antecedent.entity, antecedent.person))
        if token.lemma_.lower() in MESSAGES and token.ent_type_ == "":
            author = _message_author(token)
            if author is not None:
                token = author
        named = _named_apposition(token, self.span_of_token)
        if named is not None:  # "the rebel commander Omar Haddad": the name, with the noun as title
            speaker = self.speaker(named)
            if speaker.title is None:
                start = token.left_edge.i
                while start < token.i and doc[start].dep_ in ("det", "predet", "punct"):
                    start += 1
                speaker.title = doc[start: token.i + 1].text
            return speaker
        lower = token.lower_
        if token.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            span = doc[token.i: token.i + 1]
            return self._pronoun(span)
        ent = self.span_of_token.get(token.i)
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"):
            entity = self.entity_at.get(ent.start_char)
            mention = _glued_prefix(_strip_possessive(ent))
            name = (entity.canonical if entity and entity.canonical else _strip_det(mention.text))
            if mention.start < ent.start:  # "Frank-" + "Walter Steinmeier": the name as written
                name = mention.text
            elif name == _strip_det(mention.text):
                name = self._longer_name(name, ent.start_char) or name
            title = (_title_before(token, mention) or _appos_title(token) or (entity.title if entity else None)
                     or self._earlier_title(name))
            return self._remember(Speaker(mention, name, title, entity, person=ent.label_ == "PERSON"))
        # A common noun phrase: "the White House" (when NER missed it), "Assad's office", "officials".
        start = token.left_edge.i
        while start < token.i and (doc[start].is_punct or doc[start].dep_ in ("det", "predet")):
            start += 1
        mention = doc[start: token.i + 1]
        name = _strip_det(mention.text)
        if token.pos_ == "PROPN":  # a name the NER missed: "Pankov suggested ..."
            longer = self._longer_name(name, mention.start_char)
            if longer:
                entity = self._entity_named(longer)
                return self._remember(Speaker(mention, longer, self._earlier_title(longer), entity,
                                              person=True))
        return self._remember(Speaker(mention, name, _appos_title(token), None))

    def _longer_name(self, name: str, before: int) -> str | None:
        """The full name an earlier speaker or person carried ("Nikolai Pankov" for "Pankov")."""
        words = name.split()
        for pos, earlier in reversed(self.history):
            if pos < before and earlier.name and _ends_with(earlier.name, words):
                return earlier.name
        for entity in self.ctx.entities:
            if entity.start >= before:
                break
            if entity.label == "PERSON" and _ends_with(entity.canonical or entity.text, words):
                return entity.canonical or entity.text
        return None

    def _earlier_title(self, name: str | None) -> str | None:
        """The title given with the full name earlier ("Pankov" after "Deputy Minister Nikolai Pankov")."""
        for _, earlier in reversed(self.history):
            if earlier.name == name and earlier.title:
                return earlier.title
        return None

    def _remember(self, speaker: Speaker) -> Speaker:
        self.history.append((speaker.mention.start_char, speaker))
        return speaker

    # -- pronouns -----------------------------------------------------------------------------------
    def _pronoun(self, span: Span) -> Speaker:
        lower = span.text.lower()
        at = span.start_char
        if lower in PERSON_PRONOUNS:
            gender = "f" if lower in FEMININE else "m"
            found = self._latest_person(at, avoid={n for n, g in self.gender.items() if g != gender})
            if found is not None and found.name:
                self.gender.setdefault(found.name, gender)
        elif lower in GROUP_PRONOUNS:
            found = self._latest_group(at)
        else:
            found = None
        if found is None:
            return Speaker(span, None)
        resolved = Speaker(span, found.name, found.title, found.entity, found.person)
        self.history.append((at, resolved))
        return resolved

    def _latest_person(self, at: int, avoid: set[str]) -> Speaker | None:
        """The latest earlier person (a speaker, or a named person who is a clause subject), skipping
        the names an earlier pronoun of the other gender already went to."""
        best_at, best = -1, None
        for pos, speaker in reversed(self.history):
            if pos < at and speaker.person and speaker.name and at - pos < PRONOUN_WINDOW and (
                    speaker.name not in avoid):
                best_at, best = pos, speaker
                break
        for ent in self.ctx.ents:
            if ent.start_char >= at:
                break
            if ent.label_ != "PERSON" or ent.start_char <= best_at or at - ent.start_char > PRONOUN_WINDOW:
                continue
            if ent.root.dep_ not in ("nsubj", "nsubjpass") or _inside_quote(ent):
                continue
            entity = self.entity_at.get(ent.start_char)
            name = entity.canonical if entity and entity.canonical else _strip_possessive(ent).text
            if name in avoid:
                continue
            best_at, best = ent.start_char, Speaker(_strip_possessive(ent), name, _title_before(ent.root, ent),
                                                    entity, person=True)
        return best

    def _latest_group(self, at: int) -> Speaker | None:
        for pos, speaker in reversed(self.history):
            if at - pos > PRONOUN_WINDOW // 2:
                break
            if pos < at and not speaker.person and speaker.name:
                return speaker
        return None

    def _entity_named(self, name: str | None) -> Entity | None:
        """The coded entity written with this full name ("Nikolai Pankov" for a later "Pankov")."""
        if not name:
            return None
        for entity in self.ctx.entities:
            if (entity.country or entity.sector) and name in (entity.text, entity.canonical):
                return entity
        return None

    # -- the coded actor ----------------------------------------------------------------------------
    def actor(self, speaker: Speaker) -> Actor | None:
        if speaker.name is None and speaker.entity is None:
            return None
        entity = speaker.entity
        actor = Actor(text=speaker.mention.text, canonical=speaker.name, title=speaker.title,
                      start=speaker.mention.start_char, end=speaker.mention.end_char)
        if entity is not None and entity.country is None and entity.sector is None:
            entity = self._entity_named(speaker.name) or entity
        if entity is not None:
            actor.country, actor.sector, actor.actor_id = entity.country, entity.sector, entity.actor_id
            actor.title = actor.title or entity.title
        else:
            from newsevents.resolve.actors import code_span

            coded = code_span(speaker.mention, self.ctx)
            actor.country, actor.sector, actor.actor_id = coded.country, coded.sector, coded.actor_id
            actor.title = actor.title or coded.title
        return actor


def _named_apposition(token: Token, span_of_token: dict) -> Token | None:
    """The name right after a common-noun subject ("the rebel commander Omar Haddad")."""
    if token.i in span_of_token or token.pos_ != "NOUN":
        return None
    for child in token.rights:
        if child.dep_ == "appos" and child.i - token.i <= 4:
            ent = span_of_token.get(child.i)
            if ent is not None and ent.label_ in ("PERSON", "ORG"):
                return child
    return None


def _message_author(token: Token) -> Token | None:
    """The author of "a statement released by X" / "X's statement" / "a statement from X"."""
    for child in token.children:
        if child.dep_ == "poss":
            return child  # "Assad's statement" -> Assad; "his statement" -> his (resolved as a pronoun)
    for child in token.subtree:
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "from") and child.head.i in (
                token.i, *(c.i for c in token.children if c.dep_ == "acl")):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _relative_clause(token: Token) -> Token | None:
    """The relative clause a "who"/"which" opens, when its antecedent is a noun."""
    if token.lower_ not in RELATIVE:
        return None
    clause = token.head
    for _ in range(3):
        if clause.dep_ == "relcl":
            return clause if clause.head.pos_ in ("PROPN", "NOUN") else None
        if clause.head is clause:
            return None
        clause = clause.head
    return None


def _ends_with(full: str, words: list[str]) -> bool:
    longer = full.split()
    return len(longer) > len(words) and longer[-len(words):] == words


def _glued_prefix(span: Span) -> Span:
    """Take back a first name the tokenizer cut at a hyphen ("Frank-" before "Walter Steinmeier")."""
    doc = span.doc
    start = span.start
    if start > 1 and doc[start - 1].text in ("-", "‐") and not doc[start - 1].whitespace_ and (
            not doc[start - 2].whitespace_ and doc[start - 2].is_title):
        start -= 2
    elif start > 0 and doc[start - 1].text.endswith(("-", "‐")) and not doc[start - 1].whitespace_ and (
            doc[start - 1].is_title):
        start -= 1
    return doc[start: span.end] if start < span.start else span


def _strip_possessive(span: Span) -> Span:
    if len(span) > 1 and span[-1].lower_ in ("'s", "’s", "'", "’"):
        return span[:-1]
    return span


def _strip_det(text: str) -> str:
    for det in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(det):
            return text[len(det):]
    return text


def _title_before(token: Token, ent: Span) -> str | None:
    """The words of the noun phrase before the name: "Kremlin spokesman" (Dmitry Peskov)."""
    doc = token.doc
    start = token.left_edge.i
    while start < ent.start and (doc[start].is_punct or doc[start].dep_ in ("det", "predet")):
        start += 1
    while start < ent.start and doc[start].is_space:
        start += 1
    if start >= ent.start:
        return None
    words = doc[start: ent.start]
    if any(t.is_quote or t.is_space or t.text in (",", ";", ":", "(", ")") or "\n" in t.text for t in words):
        return None
    return words.text or None


def _appos_title(token: Token) -> str | None:
    """An apposition after the name: "Viktor Ozerov, head of the defense committee, ..."."""
    for child in token.rights:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
            words = [t for t in child.subtree if t.i >= child.left_edge.i]
            text = token.doc[words[0].i: words[-1].i + 1].text.strip(" ,")
            return text or None
    return None


def _inside_quote(span: Span) -> bool:
    """Is this mention inside quotation marks in its sentence (a name quoted, not a speaker)?"""
    sent = span.sent
    marks = sum(1 for t in sent if t.i < span.start and t.is_quote and t.text != "'")
    return marks % 2 == 1
