"""Who a quote's speaker is: the mention span, its title, and the canonical name behind it.

The cue's subject is only a mention: "he", "Pankov", "the White House", "A statement released by
Assad's office". This module turns it into the mention span we report (the name, not the whole
noun phrase), a title from the words around the name ("Kremlin spokesman Dmitry Peskov", "Viktor
Ozerov, head of the defense committee"), and a canonical name: the entity's full name, or for a
pronoun the person or organisation it most plausibly refers to (the latest earlier speaker or
subject of the right kind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsevents.model import Actor, Entity
from newsevents.quote_cues import load_cues
from newsevents.resolve.speaker_names import NameChecker
from newsevents.tables import DATA, read_rows

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Span, Token

    from newsevents.context import ArticleContext

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
FEMININE = {"she", "her"}
GROUP_PRONOUNS = {"they", "them", "we", "their", "it", "its"}
PLURAL_PRONOUNS = {"they", "them", "we", "their"}
# "We asked 30 political insiders ...": outside a quote (whose "we" is its speaker's, extract/quotes.py) a
# "we" is the writer's own, never the last group the article named ("people", "polls").
FIRST_PERSON_PLURAL = {"we", "us", "our"}
RELATIVE = {"who", "which", "that"}
# Pronouns that name a group only with the words after them: "those surveyed", "those close to him".
DESCRIBED_PRONOUNS = {"those"}
# Pronouns that open a joined speaker: "he and Mr. Allen", "they and their allies".
COORDINATED_PRONOUNS = {"he", "she", "they", "we"}
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
    plural: bool = False  # "officials", "Democrats", "Bush and Rubio": a "they", never an "it"
    organisation: bool = False  # an ORG/GPE/NORP entity: may be "it" or "they"


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
        self.names = NameChecker(ctx.text)
        self._surname_gender: dict[str, str | None] = {}  # surname -> gender of an honorific written before it

    def _unremembered(self, resolve: Callable[[Any], Speaker], mention: Any) -> Speaker:
        """A speaker resolved only to read its name: what the resolution remembered is forgotten again, so
        that a later pronoun does not take it for a mention of its own."""
        remembered = len(self.history)
        speaker = resolve(mention)
        del self.history[remembered:]
        return speaker

    # -- the mention ---------------------------------------------------------------------------------
    def speaker(self, token: Token) -> Speaker:
        doc = self.doc
        clause = _relative_clause(token)
        if clause is not None:
            # "Putin, who ... said": the mention is "who", the name is Putin's.
            head = clause.head
            named = self.span_of_token.get(head.head.i)
            if head.dep_ == "appos" and head.pos_ == "NOUN" and named is not None and named.label_ in ("PERSON", "ORG"):
                # "Robert Mercer, a longtime donor who backs Mr. Cruz": the clause tells of the person the
                # apposition describes, and the name says who that is.
                head = head.head
            antecedent = self._unremembered(self.speaker, head)
            return self._remember(Speaker(doc[token.i: token.i + 1], antecedent.name, antecedent.title,
                                          antecedent.entity, antecedent.person))
        named = _named_apposition(token, self.span_of_token)
        coordinated = self._coordination(token) if named is None else None
        if coordinated is not None:
            return self._remember(coordinated)
        if named is None and token.lemma_.lower() in MESSAGES and token.ent_type_ == "":
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
        if lower in DESCRIBED_PRONOUNS and (end := _post_modified_end(token)) > token.i + 1:
            # "those surveyed", "those polled in Iowa": the words after it say who
            mention = doc[token.i: end]
            return self._remember(Speaker(mention, mention.text, None, None, plural=True))
        if token.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            span = doc[token.i: token.i + 1]
            return self._pronoun(span)
        ent = self.span_of_token.get(token.i)
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"):
            entity = self.entity_at.get(ent.start_char)
            mention = self._clean_mention(_glued_prefix(_strip_possessive(ent)), token)
            canonical = self._canonical(entity)
            if canonical and ent.label_ == "PERSON" and not _same_person_name(canonical, mention.text):
                canonical = None  # "Mr. Trump" linked to "Maryanne Trump Barry" or "Trump Shuttle"
            person = ent.label_ == "PERSON"
            if canonical and not person and not _extends_after(canonical, mention.text) and (
                    not _same_person_name(canonical, mention.text)):
                canonical = None  # the same for a group: "SVP" is not "SVP/Global Risk Insights", "Trump" no other name
            if canonical and not person and _extends_after(canonical, mention.text):
                # A lone surname that spaCy labelled ORG or GPE ("Trump said") linked to a place or firm
                # named after the person ("Trump Tower", "Trump Shuttle"): the person the article names
                # with that surname is the speaker, when there is one.
                surname = self._longer_name(_strip_det(mention.text), ent.start_char)
                if surname is not None:
                    canonical, person = surname, True
                else:
                    # No such person: the name stays as written. A longer name that only starts with the
                    # written word is another thing named after it ("Trump Tower", "Berlin Wall"), or a
                    # guess the text does not make ("Fox" -> "Fox News"); the written word keeps its head.
                    canonical = None
            name = self.names.clean_at(canonical or _strip_det(mention.text), ent.start_char)
            if mention.start < ent.start:  # "Frank-" + "Walter Steinmeier": the name as written
                name = mention.text
            elif name == _strip_det(mention.text):
                name = self._longer_name(name, ent.start_char) or name
            title = (_title_before(token, mention) or _appos_title(token) or (entity.title if entity else None)
                     or self._earlier_title(name))
            return self._remember(Speaker(mention, name, title, entity, person=person,
                                          plural=not person and (ent.label_ == "NORP" or _plural(token)),
                                          organisation=not person and ent.label_ in ("ORG", "GPE", "NORP")))
        # A common noun phrase: "the White House" (when NER missed it), "Assad's office", "officials".
        # A verb at its left is the cue of an inverted attribution ("Continued Stone:"), not the name.
        start = _mention_start(token, skip_verbs=True)
        end = token.i + 1 if token.pos_ == "PROPN" else _post_modified_end(token)
        mention = doc[start: end]
        name = _strip_det(mention.text)
        if token.pos_ == "PROPN":  # a name the NER missed: "Pankov suggested ..."
            longer = self._longer_name(name, mention.start_char)
            if longer:
                entity = self._entity_named(longer)
                return self._remember(Speaker(mention, longer, self._earlier_title(longer), entity,
                                              person=True))
        return self._remember(Speaker(mention, name, _appos_title(token), None, plural=_plural(token)))

    def _canonical(self, entity: Entity | None) -> str | None:
        """The entity's full name when the article writes it. A name the actor tables supplied and the
        article never writes ("Barack Obama" for an article that says "President Obama", "Ashton Carter"
        for "Ash Carter") is no name a reader finds in the text: the written form is used instead."""
        if entity is None or not entity.canonical:
            return None
        return entity.canonical if self.names.written(entity.canonical) else None

    def _coordination(self, token: Token) -> Speaker | None:
        """'Richards and Menendez', 'Politicians and even some technologists', 'Bush and his rivals':
        speakers joined by "and" speak together, so the mention runs to the last of them (a speaker cut
        at the first would credit the words to one of several). A group: "they" may refer to it."""
        pronoun = token.pos_ == "PRON" and token.lower_ in COORDINATED_PRONOUNS  # "she and her aides"
        if token.pos_ not in ("NOUN", "PROPN") and not pronoun or token.lower_ in RELATIVE:
            return None
        conjuncts = [c for c in token.conjuncts if c.i > token.i]
        if not conjuncts or not any(c.dep_ == "cc" and c.lower_ in ("and", "&", "nor") for c in token.children) or any(
                c.pos_ not in ("NOUN", "PROPN", "PRON") for c in conjuncts):
            return None
        doc = self.doc
        last = max(conjuncts, key=lambda c: c.i)
        if (named := _named_apposition(last, self.span_of_token)) is not None:
            last = named  # "... and Breitbart News National Security editor Dr. Sebastian Gorka": to the name
        start = _mention_start(token)
        ent = self.span_of_token.get(last.i)
        end = ent.end if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP") else (
            last.i + 1 if last.pos_ != "NOUN" else _post_modified_end(last))
        mention = doc[start: end]
        if any(t.is_quote or "\n" in t.text_with_ws or t.text == ";" or t.dep_ == "relcl" for t in mention[:-1]):
            return None  # a line, a quote, a list's semicolon or a clause between them: no one joined speaker
        name = _strip_det(mention.text.strip(" ,—–-"))
        if pronoun:  # "she and European leaders": the pronoun's person with the others ("Angela Merkel and ...")
            resolved = self._unremembered(self._pronoun, doc[token.i: token.i + 1])
            others = doc[token.i: mention.end].text[len(token.text):].rstrip(" ,—–-")
            if resolved.name and resolved.name.split()[-1] not in others.split():
                name = resolved.name + others  # (not "he and Brafman" -> "Brafman and Brafman")
        return Speaker(mention, name, None, None, person=False, plural=True)

    def _clean_mention(self, mention: Span, token: Token) -> Span:
        """The words of a name span that are the name ("Ben Carson" of a headline's "Ben Carson
        Defends"), always keeping the speaker's own word."""
        cleaned = self.names.clean_at(mention.text, mention.start_char)
        if cleaned == mention.text:
            return mention
        at = mention.text.find(cleaned)
        if at < 0:
            return mention
        span = self.doc.char_span(mention.start_char + at, mention.start_char + at + len(cleaned))
        if span is None or not span.start <= token.i < span.end:
            return mention
        return span

    def _longer_name(self, name: str, before: int) -> str | None:
        """The full name an earlier speaker or person carried ("Nikolai Pankov" for "Pankov")."""
        words = name.split()
        for pos, earlier in reversed(self.history):
            if pos < before and earlier.name and _ends_with(earlier.name, words):
                return earlier.name
        for entity in self.ctx.entities:
            if entity.start >= before:
                break
            if entity.label != "PERSON":
                continue
            # the full name as the article writes it: a pronoun's speaker is a name a reader finds in the text
            full = self.names.clean(self._canonical(entity) or entity.text)
            if _ends_with(full, words):
                return full
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
            found = self._latest_person(at, gender)
            if found is not None and found.name:
                self.gender.setdefault(found.name, gender)
        elif lower in GROUP_PRONOUNS and lower not in FIRST_PERSON_PLURAL:
            found = self._latest_group(at, plural=lower in PLURAL_PRONOUNS)
        else:
            found = None
        if found is None:
            return Speaker(span, None)
        resolved = Speaker(span, found.name, found.title, found.entity, found.person)
        self.history.append((at, resolved))
        return resolved

    def gender_of(self, name: str | None, mention: Span | None = None, title: str | None = None) -> str | None:
        """'m', 'f' or None: from the pronouns already resolved to the name, its first name, an honorific
        right before the mention ("Mrs. Clinton") or a title that says it ("spokeswoman")."""
        if not name:
            return None
        if name in self.gender:
            return self.gender[name]
        genders = load_genders()
        words = [w for w in name.replace(".", ". ").split() if w]
        for word in words[:-1]:  # "Sen. Hillary Clinton": the first word that is a first name
            if word in genders.first_names:
                return genders.first_names[word]
        if mention is not None and mention.start > 0:
            before = self.doc[mention.start - 1].lower_
            if before in genders.honorifics:
                return genders.honorifics[before]
        if words and (written := self._honorific_gender(words[-1])) is not None:
            return written  # "Warren" after "Mrs. Warren" earlier in the article
        if len(words) == 1 and words[0] in genders.first_names:
            return genders.first_names[words[0]]  # a person the article calls by first name alone ("Hillary")
        for word in (title or "").lower().split():
            if word in genders.titles:
                return genders.titles[word]
        return None

    def _honorific_gender(self, surname: str) -> str | None:
        """The gender of the honorific the article writes before this surname ("Mrs. Warren"), if one."""
        if surname not in self._surname_gender:
            genders = load_genders()
            found = None
            pattern = r"\b(\w+\.?)\s+" + re.escape(surname) + r"(?![\w’'])"
            for match in re.finditer(pattern, self.ctx.text):
                found = genders.honorifics.get(match.group(1).lower())
                if found:
                    break
            self._surname_gender[surname] = found
        return self._surname_gender[surname]

    def _agrees(self, speaker: Speaker, gender: str) -> bool:
        """A person name of no other known gender; "pro-Clinton" or "she" are no names."""
        name = speaker.name or ""
        if not name[:1].isupper() or name.lower() in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return False
        known = self.gender_of(name, speaker.mention, speaker.title)
        return known is None or known == gender

    def _latest_person(self, at: int, gender: str) -> Speaker | None:
        """The nearest earlier person of a compatible gender: a speaker, or a named person who is a
        clause subject. A name whose gender is known otherwise ("Hillary", "Mr.", an earlier "she") is
        skipped for the other pronoun."""
        best_at, best = -1, None
        for pos, speaker in reversed(self.history):
            if at - pos >= PRONOUN_WINDOW:
                break
            if pos < at and speaker.person and speaker.name and self._agrees(speaker, gender):
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
            name = self.names.clean(self._canonical(entity) or _strip_possessive(ent).text)
            candidate = Speaker(_strip_possessive(ent), name, _title_before(ent.root, ent), entity, person=True)
            if not self._agrees(candidate, gender):
                continue
            best_at, best = ent.start_char, candidate
        if best is None:  # no subject agrees: the nearest named person of that gender in any role
            for ent in reversed([e for e in self.ctx.ents if e.label_ == "PERSON" and e.start_char < at]):
                if at - ent.start_char > PRONOUN_WINDOW // 2:
                    break
                entity = self.entity_at.get(ent.start_char)
                name = self.names.clean(self._canonical(entity) or _strip_possessive(ent).text)
                candidate = Speaker(_strip_possessive(ent), name, None, entity, person=True)
                if not _inside_quote(ent) and self._agrees(candidate, gender):
                    return candidate
        return best

    def _latest_group(self, at: int, plural: bool) -> Speaker | None:
        """The nearest earlier speaker that is not a person and agrees in number: "they" goes to
        officials or an organisation, "it" to an organisation or a single poll, never to "voters"."""
        best_at, best = -1, None
        for pos, speaker in reversed(self.history):
            if at - pos > PRONOUN_WINDOW // 2:
                break
            if pos >= at or speaker.person or not speaker.name:
                continue
            if plural and not (speaker.plural or speaker.organisation):
                continue
            if not plural and speaker.plural and not speaker.organisation:
                continue
            best_at, best = pos, speaker
            break
        # A nearer group that is the subject of a clause ("The groups wrote to Clinton. They said ...").
        first = self._token_at(max(best_at + 1, at - PRONOUN_WINDOW // 2))
        last = self._token_at(at)
        for i in range(last - 1, first - 1, -1):
            token = self.doc[i]
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
                continue
            ent = self.span_of_token.get(i)
            organisation = ent is not None and ent.label_ in ("ORG", "NORP", "GPE")
            if plural and _joined_people(token, self.span_of_token) and not _inside_quote(self.doc[i: i + 1]):
                # "Sens. Mike Crapo and Jim Risch ... Last week, they endorsed": people named together are a
                # "they" as much as a group is (one person is never a "they", and no group is nearer).
                return self._unremembered(self.speaker, token)
            if ent is not None and not organisation or _inside_quote(self.doc[i: i + 1]):
                continue
            if not organisation and token.lemma_.lower() not in speaking_nouns():
                continue  # "The prices rose. They said ...": prices do not speak
            is_plural = _plural(token) or (ent is not None and ent.label_ == "NORP")
            if (plural and (is_plural or organisation)) or (not plural and not is_plural):
                return self._unremembered(self.speaker, token)
        return best

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand") if char < len(self.ctx.text) else None
        return span.start if span is not None else len(self.doc)

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
        canonical = speaker.name
        if entity is not None and entity.canonical and speaker.name and entity.canonical != speaker.name and (
                not self.names.written(entity.canonical)):
            canonical = entity.canonical  # the actor keeps the tables' full name ("Barack Obama")
        actor = Actor(text=speaker.mention.text, canonical=canonical, title=speaker.title,
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


@dataclass(frozen=True)
class Genders:
    first_names: dict[str, str]
    honorifics: dict[str, str]
    titles: dict[str, str]


@lru_cache(maxsize=1)
def load_genders() -> Genders:
    """data/speaker_genders.tsv: first names, honorifics and titles that tell a gender."""
    tables: dict[str, dict[str, str]] = {"first_name": {}, "honorific": {}, "title": {}}
    for row in read_rows(DATA / "speaker_genders.tsv"):
        if len(row) >= 3 and row[2] in tables:
            tables[row[2]][row[0]] = row[1]
    return Genders(tables["first_name"], tables["honorific"], tables["title"])


def name_gender(words: list[str]) -> str | None:
    """"m", "f" or None: what a person's name as written tells, by its honorific ("Mrs. Warren") or its
    first name ("Bill Clinton"), the first that does; a name's last word is its surname."""
    genders = load_genders()
    for at, word in enumerate(words):
        if word.lower() in genders.honorifics:
            return genders.honorifics[word.lower()]
        # a first name, not a surname that is also one ("Lindsay Graham"); a name of one word is one
        if word in genders.first_names and (at < len(words) - 1 or len(words) == 1):
            return genders.first_names[word]
    return None


# Things that speak without being people: polls and reports "show" and "find" (beside MESSAGES).
FINDINGS = {"poll", "survey", "study", "analysis", "audit", "investigation", "review", "research", "data",
            "census", "count", "tally", "record", "estimate", "projection", "model", "index"}


@lru_cache(maxsize=1)
def speaking_nouns() -> frozenset[str]:
    """Common nouns that may be a pronoun's speaker: the one-word roles and groups of
    data/roles.tsv ("officials", "protesters"), messages and findings."""
    roles = {row[0].lower() for row in read_rows(DATA / "roles.tsv") if row and " " not in row[0]}
    groups = {"voter", "supporter", "critic", "republican", "democrat", "expert", "analyst", "group",
              "campaign", "candidate", "organizer", "pollster", "economist", "scientist", "researcher"}
    return frozenset(roles | groups | MESSAGES | FINDINGS)


def _plural(token: Token) -> bool:
    """'officials', 'Democrats', 'Bush and Rubio'."""
    return token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)


def _joined_people(token: Token, span_of_token: dict) -> bool:
    """'Mike Crapo and Jim Risch': a person's name joined by "and" to another person's name."""
    ent = span_of_token.get(token.i)
    if ent is None or ent.label_ != "PERSON":
        return False
    if not any(c.dep_ == "cc" and c.lower_ in ("and", "&") for c in token.children):
        return False
    others = [span_of_token.get(c.i) for c in token.conjuncts if c.i > token.i]
    return bool(others) and all(o is not None and o.label_ == "PERSON" and o != ent for o in others)


def _named_apposition(token: Token, span_of_token: dict) -> Token | None:
    """The name right after a common-noun subject ("the rebel commander Omar Haddad"), a title word the
    tagger called a proper noun ("the district GOP Chairman Chuck Williams") or titles joined by "and"
    ("Real estate mogul and reality television star Donald Trump": the name follows the last one)."""
    if token.i in span_of_token or token.pos_ not in ("NOUN", "PROPN"):
        return None
    ends = {token.i, *(c.i for c in token.conjuncts if c.i > token.i)}
    for child in token.rights:
        if child.dep_ != "appos":
            continue
        ent = span_of_token.get(child.i)
        if ent is None or ent.label_ not in ("PERSON", "ORG"):
            continue
        if child.i - token.i <= 4 and token.pos_ == "NOUN" or ent.start - 1 in ends:
            return child
    return None


# A described speaker keeps the words after its noun that say which one it is: "a person familiar with
# the planning", "exit polls taken in South Carolina", "aides to Clinton". Without them "person" or
# "polls" names nobody. Relative clauses and appositions stay out (they are told apart by commas).
POST_MODIFIER_DEPS = ("prep", "acl", "amod")
MAX_DESCRIPTION_TOKENS = 10


def _post_modified_end(token: Token) -> int:
    """The end (token index) of a common noun with the modifiers right after it."""
    end = token.i + 1
    for child in token.rights:
        if child.dep_ not in POST_MODIFIER_DEPS or child.i != end or (
                child.tag_ == "VBG" and child.lemma_.lower() in load_cues().verbs):
            break  # "a statement saying ...": the participle is the cue, not part of the speaker
        if child.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in child.children):
            break  # "the report on Wednesday", "a Bloomberg poll in June": a date says when, not who
        last = child.right_edge.i
        words = token.doc[child.i: last + 1]
        if last - token.i > MAX_DESCRIPTION_TOKENS or any(
                t.is_quote or t.text in (",", ";", ":", "(", "—", "–") or "\n" in t.text_with_ws for t in words):
            break
        if any(t.dep_ in ("aux", "auxpass") for t in words):
            break  # "Trump has broken rules": a verb with its auxiliary is a clause, not a description
        end = last + 1
    return end


def _message_author(token: Token) -> Token | None:
    """The author of "a statement released by X" / "X's statement" / "a statement from X"."""
    for child in token.children:
        if child.dep_ == "poss":
            return child  # "Assad's statement" -> Assad; "his statement" -> his (resolved as a pronoun)
    if token.dep_ == "dobj":  # "Trump issued a statement saying ...": whoever issued it
        subjects = [c for c in token.head.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN", "PRON")]
        if subjects:
            return subjects[0]
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
        if clause.head.i == clause.i:
            return None
        clause = clause.head
    return None


def _same_person_name(full: str, written: str) -> bool:
    """Is the full name `full` the person written `written`, ending with the written surname ("Biden" ->
    "Joseph Biden")? A full name is only given when it keeps the name the text uses last: one person's
    entity linked to a relative ("Maryanne Trump Barry" for "Mr. Trump") or to a thing named after them
    ("Trump Tower") is not the speaker, and a name with more after the written surname ("Joseph R. Biden
    Jr." for "Mr. Biden", "Lou Jiwei" for "Mr. Lou") would change the word the speaker is known by, so
    the name stays as written there."""
    full_words = [w.strip(".,") for w in full.split()]
    written_words = [w.strip(".,") for w in written.split()]
    if not full_words or not written_words:
        return True
    return written_words[-1] == full_words[-1]


def _extends_after(full: str, written: str) -> bool:
    """Is `full` the one written word with more words after it ("Trump Tower" for "Trump")?"""
    written_words, full_words = _strip_det(written).split(), full.split()
    return len(written_words) == 1 and len(full_words) > 1 and full_words[0] == written_words[0]


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
    if len(span) > 1 and span[-1].lower_ in ("'s", "’s", "‘s", "'", "’", "‘"):
        return span[:-1]
    return span


def _mention_start(token: Token, skip_verbs: bool = False) -> int:
    """Where a speaker's mention starts: its leftmost word, past punctuation and determiners (and, with
    `skip_verbs`, past the cue verb of an inverted attribution: "Continued Stone:")."""
    doc = token.doc
    start = token.left_edge.i
    while start < token.i and (doc[start].is_punct or doc[start].dep_ in ("det", "predet")
                               or (skip_verbs and doc[start].pos_ == "VERB")):
        start += 1
    # "Media shares blame in Iowa poll overhype - HuffPollster": a dash before a name ends a headline the
    # parse took for the name's modifiers (before a common noun it may open an aside: "Reynolds - his wife")
    dashes = [i for i in range(start, token.i) if doc[i].text in ("-", "—", "–", "--") and doc[i].whitespace_]
    if dashes and token.pos_ == "PROPN":
        start = dashes[-1] + 1
    return start


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
