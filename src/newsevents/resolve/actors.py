"""Actor coding: country (ISO alpha-3) and sector for a mention, from the tables in data/.

Two entry points:
- `code_entities(entities, ctx)` fills `country`, `sector` and `title` of the entity mentions in
  place: people from their title in the text ("Russian Deputy Defense Minister Nikolai Pankov",
  "Viktor Ozerov, head of the defense committee ...") and from the leaders table with its terms;
  organisations, seats of power and countries from the tables; then short mentions ("Putin")
  take the coding of the full one ("President Vladimir Putin").
- `code_span(span, ctx)` codes any noun phrase as an `Actor` ("Russian forces" RUS MIL, "the
  Kremlin" RUS GOV, "rebels" REB, "he" -> the previous person), for events and quotes.

How a phrase is coded (`code_tokens`): its words are matched against the tables, longest phrase
first. The country is the first country word ("Russian", "Russia's", "Moscow"), else that of a
seat, organisation or person in the phrase. The sector comes from the phrase's head word and its
strength (data/roles.tsv): "minister" keeps GOV, "forces" keeps MIL unless "rebel" or "police"
modifies it, "spokesman" and "official" take the sector of their employer ("Kremlin spokesman").
Optional PETRARCH/Phoenix dictionaries (`ctx.options["actor_dictionaries"]`) add codes where our
tables have none (resolve/phoenix.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.model import Actor, Entity
from newsevents.ner_rules import SPACED_DASHES
from newsevents.resolve.actor_tables import ActorTables, TableEntry, country_on, leader_on, load_tables

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsevents.context import ArticleContext

# Entity labels that name an actor (people, organisations, groups, countries).
ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"}
# Country-like table kinds: they give a country but no sector.
COUNTRY_KINDS = {"country", "adjective", "capital", "place"}
PLACE_ENTITY_TYPES = {"GPE", "LOC", "FAC"}
# Sectors that override an armed head word: "rebel forces" are REB, "police troops" COP.
GROUP_SECTORS = {"REB", "OPP", "COP", "IGO", "NGO"}
# Words after which a country does not belong to the phrase: "anti-Assad forces", "Russia-backed rebels".
NOT_OWN = {"anti", "backed", "supported", "sponsored", "allied", "funded", "armed", "trained"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
# Words that may stand before a name as part of a title but are in no table.
TITLE_WORDS = {"deputy", "vice", "first", "acting", "former", "new", "ousted", "late", "outgoing", "incoming",
               "interim", "then", "current", "elected", "exiled", "veteran", "powerful", "embattled", "foreign", "defense", "defence", "interior",
               "finance", "justice", "economy", "trade", "energy", "health", "senior", "top", "chief",
               "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "gen", "gen.", "lt", "lt.", "col", "col.",
               "sen", "sen.", "rep", "rep.", "sir", "lord", "dame", "sheikh", "ayatollah", "press", "state",
               "national", "security", "affairs", "-", "of", "'s", "’s"}
# Title heads after which a lower-case adjective still belongs to the title ("junior foreign minister").
ROLE_HEADS = {"minister", "president", "secretary", "general", "commander", "spokesman", "spokeswoman",
              "official", "envoy", "ambassador", "leader", "chief", "premier", "governor"}
# Words after which a one-word organisation name after a nationality is a portfolio ("Serbian Labour Minister").
PORTFOLIO_HEADS = {"minister", "ministers", "ministry", "secretary"}
# Title words saying the person no longer holds the office.
FORMER = {"former", "ex", "late", "retired", "onetime", "one-time", "erstwhile", "deposed", "ousted"}
# Role words that name an institution, not a person: not a title when they stand alone before a name.
INSTITUTION_HEADS = {"state", "country", "nation", "government", "administration", "cabinet", "regime",
                     "authorities", "authority", "leadership", "department", "agency", "office", "presidency",
                     "ministry", "court", "parliament", "legislature", "committee", "assembly", "party", "media",
                     "television", "newspaper", "company", "business", "firm", "bank", "university",
                     "hospital", "union", "family", "people", "source", "force", "forces", "military", "army",
                     "police", "coalition", "opposition", "justice", "monitor"}
# How many sentences back a spokesman without an employer, or a pronoun, looks for one.
LOOKBACK_SENTENCES = 3


@dataclass
class Coding:
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    canonical: str | None = None


@dataclass
class _Match:
    start: int  # token offsets within the phrase
    end: int
    entry: TableEntry
    own: bool = True  # False for "anti-Assad", "Russia-backed": no country for the phrase


def _published(ctx: ArticleContext | None) -> date | None:
    return ctx.published if ctx is not None else None


def _dictionary(ctx: ArticleContext | None):
    """The Phoenix dictionaries named in the options, loaded once per set of paths (or None)."""
    paths = ctx.options.get("actor_dictionaries") if ctx is not None else None
    if not paths:
        return None
    from newsevents.resolve.phoenix import load_dictionaries

    return load_dictionaries(tuple(str(p) for p in paths))


# --- matching phrases against the tables -----------------------------------------------------------

def match_tables(tokens: list[Token], tables: ActorTables | None = None,
                 skip: set[int] | None = None, day: date | None = None) -> list[_Match]:
    """Table phrases in a token sequence, longest first, left to right; `skip` holds token offsets
    already explained (by a coded entity) that no table phrase may cover. A capitalized word that
    is no table phrase may be a leader's name ("anti-Assad"), coded as on `day`."""
    tables = tables or load_tables()
    skip = skip or set()
    texts = [t.text_with_ws for t in tokens]
    matches: list[_Match] = []
    i = 0
    while i < len(tokens):
        found = None
        if i not in skip and not tokens[i].is_punct:
            for j in range(min(len(tokens), i + tables.reach_from(tokens[i].text)), i, -1):
                if any(k in skip for k in range(i, j)):
                    continue
                entries = tables.lookup("".join(texts[i:j]))
                if entries and entries[0].kind == "place" and tokens[i].ent_type_ not in PLACE_ENTITY_TYPES:
                    entries = []  # "Independence", "Mobile": a town only where spaCy saw a place
                if entries:
                    entry = entries[0]
                    if entry.kind in ("capital", "place") and country_on(entry.country, day) != entry.country:
                        entry = replace(entry, country=country_on(entry.country, day))  # Juba in 2005: SDN
                    found = _Match(i, j, entry)
                    break
            if found is None and tokens[i].is_title and _name_like(tokens, i):
                found = _leader_match(tables, tokens, i, day)
        if found is None:
            i += 1
            continue
        after = [t.lower_ for t in tokens[found.end:found.end + 2]]
        if _after_anti(tokens, found.start) or _not_own_country(tokens, found.start) \
                or (after[:1] == ["-"] and after[1:] and after[1] in NOT_OWN):
            found.own = False
        matches.append(found)
        i = found.end
    return matches


def _name_like(tokens: list[Token], i: int) -> bool:
    """A word used as a person's name: tagged PERSON, or in "anti-Assad", "Assad's", "Putin-led".
    Elsewhere "Major", "Gates" or "Rice" are more likely words than the leaders of that name."""
    token = tokens[i]
    if token.ent_type_ == "PERSON" or _after_anti(tokens, i):
        return True
    doc = token.doc
    if token.ent_iob_ == "B" and (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I"):
        return True  # a one-word name spaCy mislabelled ("Trump" as ORG)
    following = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
    return following in ("'s", "’s", "-")


def _leader_match(tables: ActorTables, tokens: list[Token], i: int, day: date | None) -> _Match | None:
    for j in range(min(len(tokens), i + 4), i, -1):
        terms = tables.leader_terms("".join(t.text_with_ws for t in tokens[i:j]))
        if terms:
            held, latest = leader_on(terms, day)
            term = held or latest
            if _other_first_name(tokens[i], term.name):
                return None
            return _Match(i, j, TableEntry("leader", term.name, term.country, term.sector if held else None))
    return None


def _other_first_name(token: Token, leader: str) -> bool:
    """The surname ends a name whose first name is not the leader's: "Dwyane Wade" is not Abdoulaye Wade."""
    if token.ent_iob_ != "I" or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return before.is_title and before.ent_type_ == token.ent_type_ and before.lower_ not in leader.lower().split()


def _after_anti(tokens: list[Token], k: int) -> bool:
    """"anti-Assad", "anti Assad", "anti-government": the word names what the actor is against."""
    if tokens[k].lower_.startswith("anti-"):
        return True
    before = [t.lower_ for t in tokens[max(0, k - 2):k]]
    return before[-1:] in (["anti"], ["anti-"]) or before == ["anti", "-"]


def _not_own_country(tokens: list[Token], k: int) -> bool:
    """ "pro-Iranian Hizbollah" is not Iranian; "ethnic Albanians" are Albanian by descent, not Albania's:
    the word names a sympathy or an origin, not the actor's country."""
    if tokens[k].lower_.startswith("pro-") or tokens[k].lower_ in ("pro", "ethnic"):
        return True
    before = [t.lower_ for t in tokens[max(0, k - 2):k]]
    return before[-1:] in (["pro"], ["pro-"], ["ethnic"]) or before == ["pro", "-"]


def _combine(matches: list[_Match], head: int | None, extra: list[tuple[int, Coding]],
             anti: list[Coding] | None = None) -> Coding:
    """One coding from the phrase's matches; `head` is the offset of its head word, `extra` the codings
    of entities inside the phrase (offset, coding); `anti` the codings the actor is against
    ("anti-Assad forces": the armed opposition, REB, of Assad's country)."""
    coding = Coding()
    head_match = next((m for m in matches if head is not None and m.start <= head < m.end), None)
    modifiers = [m for m in matches if m is not head_match and m.own]
    # Entities inside the phrase ("Assad" in "Assad's office") act as modifiers with their own coding.
    entity_head = next((c for pos, c in extra if pos == head), None)
    entity_mods = [c for pos, c in extra if pos != head]
    if head_match is not None and head_match.entry.kind in ("org", "seat", "leader"):
        before_head = [c for pos, c in extra if pos < head_match.start]
    else:
        before_head = entity_mods

    # Country words with their offsets: table words ("Russian") and entities coded with a country only
    # (a spaCy NORP or GPE: "Turkish", "Russia's").
    placed = sorted([(m.start, m.entry.country) for m in matches
                     if m.own and m.entry.kind in COUNTRY_KINDS and m.entry.country]
                    + [(pos, c.country) for pos, c in extra if c.country and c.sector is None and pos != head])
    if head_match is not None and head_match.entry.kind in ("org", "seat", "leader"):
        # "Red Cross operating in Iraq" is not Iraqi: only a country written before the name counts.
        countries = [c for pos, c in placed if pos < head_match.start]
    elif head is not None:
        # "The Turkish and Greek sides of ... Cyprus": a country before the head describes it best.
        countries = [c for pos, c in placed if pos < head] or [c for _, c in placed]
    else:
        countries = [c for _, c in placed]
    coding.country = countries[0] if countries else None
    if coding.country is None:
        for source in ([head_match.entry] if head_match and head_match.own else []) + [m.entry for m in modifiers]:
            if source.country:
                coding.country = source.country
                break
    if coding.country is None:
        for c in ([entity_head] if entity_head else []) + before_head:
            if c.country:
                coding.country = c.country
                break

    modifier_sectors = [m.entry.sector for m in modifiers
                        if m.entry.sector and m.entry.kind in ("org", "seat", "leader")]
    modifier_sectors += [c.sector for c in entity_mods if c.sector]
    role_mods = [m for m in modifiers if m.entry.sector and m.entry.kind == "role"]
    if head is not None:  # "nation's union members": the nearest word to the head says most
        role_mods.sort(key=lambda m: abs(head - m.start))
    modifier_sectors += [m.entry.sector for m in role_mods]
    if entity_head is not None:
        coding.sector = entity_head.sector
    elif head_match is None:
        coding.sector = modifier_sectors[0] if modifier_sectors else None
    else:
        entry = head_match.entry
        if entry.kind in ("org", "seat", "leader"):
            coding.sector = entry.sector
        elif entry.kind in COUNTRY_KINDS:
            coding.sector = None
        elif entry.strength == "strong":
            coding.sector = entry.sector
        elif entry.strength == "armed":
            group = [s for s in modifier_sectors if s in GROUP_SECTORS]
            coding.sector = group[0] if group else entry.sector
        else:  # weak or inherit: the employer's sector, else the word's own
            coding.sector = modifier_sectors[0] if modifier_sectors else entry.sector
    international = [m.entry.sector for m in modifiers if m.entry.kind == "org" and m.entry.sector in ("IGO", "NGO")]
    international += [c.sector for c in entity_mods if c.country is None and c.sector in ("IGO", "NGO")]
    if coding.country is None and international and coding.sector not in ("REB", "OPP"):
        # "UN peacekeepers", "EU foreign ministers", "Red Cross officials": the organisation's actors.
        coding.sector = international[0]
    if anti:
        # Against a government: the domestic armed (REB) or unarmed (OPP) opposition.
        armed = head_match is not None and head_match.entry.strength == "armed"
        coding.sector = "REB" if armed else "OPP"
        coding.country = coding.country or next((c.country for c in anti if c.sector == "GOV"), None)
    return coding


def code_tokens(tokens: list[Token], head: Token | None, entity_codings: dict[int, Coding] | None = None,
                ctx: ArticleContext | None = None) -> tuple[Coding, list[_Match]]:
    """Code a phrase given as tokens (in text order) with its head word; `entity_codings` maps
    token index (doc-wide) -> the coding of an entity covering it."""
    entity_codings = entity_codings or {}
    offsets = {t.i: k for k, t in enumerate(tokens)}
    skip = {offsets[i] for i in entity_codings if i in offsets}
    matches = match_tables(tokens, skip=skip, day=_published(ctx))
    head_offset = offsets.get(head.i) if head is not None else None
    groups: dict[int, tuple[list[int], Coding]] = {}
    for i, c in entity_codings.items():
        if i in offsets:
            groups.setdefault(id(c), ([], c))[0].append(offsets[i])
    extra, anti = [], []
    for offs, c in groups.values():
        if _after_anti(tokens, min(offs)):
            anti.append(c)
        elif _not_own_country(tokens, min(offs)):
            continue
        else:
            extra.append((head_offset if head_offset in offs else min(offs), c))
    anti += [Coding(m.entry.country, m.entry.sector) for m in matches
             if not m.own and _after_anti(tokens, m.start)]
    coding = _combine(matches, head_offset, extra, anti)
    dictionary = _dictionary(ctx)
    if dictionary is not None and (coding.country is None or coding.sector is None):
        found = dictionary.code("".join(t.text_with_ws for t in tokens), _published(ctx))
        if found is not None:
            coding.country = coding.country or found.country
            coding.sector = coding.sector or found.sector
    return coding, matches


# --- people: titles in the text and the leaders table --------------------------------------------

def is_spaced_dash(doc: Doc, i: int) -> bool:
    """A dash with a space on both sides: a dateline or a headline run into the text before it
    ("JERUSALEM - Israeli Prime Minister ...", "BRUSSELS - The European Union")."""
    token = doc[i]
    return token.text in SPACED_DASHES and bool(token.whitespace_) and i > 0 and bool(doc[i - 1].whitespace_)


def _title_before(doc: Doc, start: int, sent_start: int, taken: set[int]) -> list[Token]:
    """The title words written right before a name: "Russian Deputy Defense Minister", "Kremlin spokesman"."""
    tables = load_tables()
    words: list[Token] = []
    i = start - 1
    while i >= sent_start and i not in taken:
        token = doc[i]
        lower = token.lower_
        if token.is_punct and lower not in ("-", "'s", "’s", "."):
            break
        if is_spaced_dash(doc, i):
            break  # a dateline before the title: "JERUSALEM - Israeli Prime Minister ..."
        if lower == "of" and not (i > sent_start and doc[i - 1].is_title):
            break  # "Secretary of State John Kerry", but not "the regime of Syrian President ..."
        known = lower in TITLE_WORDS or bool(tables.lookup(token.text)) or token.ent_type_ in ("NORP", "GPE", "ORG") \
            or (token.pos_ == "ADJ" and token.is_lower and any(w.lower_ in ROLE_HEADS for w in words))
        capital = token.text[:1].isupper() and not token.is_stop and token.pos_ in ("PROPN", "NOUN", "ADJ")
        if not (known or capital) or token.pos_ in ("VERB", "AUX", "DET", "ADP", "CCONJ", "SCONJ", "PRON"):
            if lower not in ("of", "'s", "’s", "-"):
                break
        words.insert(0, token)
        i -= 1
    while words and (words[0].lower_ in ("of", "'s", "’s", "-") or words[0].is_punct):
        words.pop(0)
    return words


def _title_after(doc: Doc, end: int, sent_end: int) -> list[Token]:
    """An appositive after a name: "Viktor Ozerov, head of the defense committee in the upper house of
    Russia's parliament, said" -> the words between the commas."""
    if end >= sent_end or doc[end].text != ",":
        return []
    words: list[Token] = []
    for token in doc[end + 1: min(sent_end, end + 20)]:
        if token.text in (",", ";", ":", "(", ")", '"', "“", "”") or token.pos_ in ("VERB", "AUX"):
            break
        if token.pos_ == "PRON" and token.lower_ in ("who", "which", "that"):
            return []
        words.append(token)
    if not words or words[0].pos_ in ("NUM",) or words[0].ent_type_ == "PERSON":
        return []
    return words


def _has_role(tokens: list[Token]) -> bool:
    return any(m.entry.kind in ("role", "seat", "org") for m in match_tables(tokens))


def _strip_det(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].lower_ in ("the", "a", "an")):
        tokens = tokens[1:]
    return tokens


def _code_person(ent: Entity, doc: Doc, ctx: ArticleContext | None, taken: set[int],
                 codings: dict[int, Coding]) -> Coding:
    """A person from the title around the mention, else the leaders table."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None:
        return Coding()
    sent = span.sent
    title_coding, title = Coding(), ""
    for words, head in _title_candidates(doc, span, sent, taken):
        if not words:
            continue
        coding, matches = code_tokens(words, head, codings, ctx)
        roles = [m for m in matches if m.entry.kind in ("role", "seat", "org")]
        if head is not None and head.lower_ in INSTITUTION_HEADS:
            roles = []  # "the state Sanders won": an institution word is no title of a person
        if roles or coding.country:
            title_coding = coding
            if roles:
                title = "".join(t.text_with_ws for t in words).strip()
                inherits = any(m.entry.strength == "inherit" for m in roles if head is not None
                               and m.start <= words.index(head) < m.end)
                if inherits and coding.sector is None and coding.country is None:
                    employer = _employer_before(ent, ctx)
                    if employer is not None:
                        title_coding = Coding(employer.country, employer.sector)
            break
    if title_coding.country is None:
        title_coding.country = _country_of_after(doc, span.end, sent.end)
    terms = _leader_terms(ent.canonical or ent.text)
    if not terms and (title or ent.canonical == ent.text):
        # "President Obama" where the article also named "Michelle Obama": the title decides.
        terms = _leader_terms(ent.text)
    held, latest = leader_on(terms, _published(ctx))
    if title and FORMER.intersection(w.lower() for w in title.replace("-", " ").split()):
        # "former President", "ex-minister": no longer in office, so no sector from the title or the table.
        return _former(ent, title_coding, title, ctx)
    coding = Coding(title_coding.country, title_coding.sector, title or None)
    if held is not None:
        coding.country = coding.country or held.country
        coding.sector = coding.sector or held.sector
        coding.title = coding.title or held.role
        coding.canonical = held.name
        if title and ent.canonical != held.name and ent.text != ent.canonical:
            ent.canonical = held.name
    elif latest is not None:
        coding.country = coding.country or latest.country
        if len((ent.canonical or ent.text).split()) > 1:  # a bare "Bush" out of office may be any Bush
            coding.canonical = latest.name
    if coding.country is None or coding.sector is None:
        found = _from_dictionary(ent.canonical or ent.text, ctx)
        if found.country is None and found.sector is None and ent.canonical != ent.text:
            found = _from_dictionary(ent.text, ctx)
        coding.country = coding.country or found.country
        coding.sector = coding.sector or found.sector
    return coding


def _former(ent: Entity, title_coding: Coding, title: str, ctx: ArticleContext | None) -> Coding:
    terms = _leader_terms(ent.canonical or ent.text)
    _, latest = leader_on(terms, None)
    country = title_coding.country or (latest.country if latest else None)
    return Coding(country, None, title, latest.name if latest else None)


def _country_of_after(doc: Doc, end: int, sent_end: int) -> str | None:
    """ "King Hassan of Morocco", "Prince Charles of Britain": the country named right after "of"."""
    if end + 1 >= sent_end or doc[end].lower_ != "of" or doc[end + 1].ent_type_ not in ("GPE", "LOC"):
        return None
    stop = end + 1
    while stop < sent_end and doc[stop].ent_type_ == doc[end + 1].ent_type_ and stop - end <= 4:
        stop += 1
    entries = load_tables().lookup(doc[end + 1:stop].text)
    return entries[0].country if entries and entries[0].kind in ("country", "capital") else None


def _leader_terms(name: str):
    """Terms of the leader with this name; for a longer form of a listed name ("Omar Hassan al-Bashir"),
    the listed surname ("al-Bashir", "Bashir") when the first names agree."""
    tables = load_tables()
    terms = tables.leader_terms(name)
    words = name.split()
    if terms or len(words) < 2:
        return terms
    surname = words[-1]
    for candidate in (surname, surname.split("-", 1)[-1]):
        found = [t for t in tables.leader_terms(candidate) if words[0].lower() in t.name.lower().split()]
        if found:
            return found
    return []


def _title_candidates(doc: Doc, span: Span, sent: Span, taken: set[int]):
    before = _title_before(doc, span.start, sent.start, taken)
    yield before, (before[-1] if before else None)
    after = _strip_det(_title_after(doc, span.end, sent.end))
    if after and _has_role(after):
        yield after, _head_of(after)


def _head_of(tokens: list[Token]) -> Token:
    """The syntactic head of a token sequence: the token whose head lies outside it."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def _employer_before(ent: Entity, ctx: ArticleContext | None) -> Coding | None:
    """A spokesman without an employer in the phrase speaks for the nearest government-like
    organisation of the last sentences ("In Washington, the White House said ... spokesman Josh Earnest")."""
    if ctx is None:
        return None
    candidates = [e for e in ctx.memo.get("coded_entities", []) if e.start < ent.start
                  and e.label in ("ORG", "FAC", "GPE") and e.sector is not None and e.country is not None
                  and ent.sentence - e.sentence <= LOOKBACK_SENTENCES]
    if not candidates:
        return None
    best = max(candidates, key=lambda e: e.start)
    return Coding(best.country, best.sector)


# --- entities --------------------------------------------------------------------------------------

def _code_named(ent: Entity, doc: Doc, ctx: ArticleContext | None) -> Coding:
    """Organisations, groups, places and nationalities from the tables and their own words."""
    tables = load_tables()
    name = ent.canonical or ent.text
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is not None and len(span) == 1 and 0 < span.start and span.end < len(doc) \
            and doc[span.end].lower_ in PORTFOLIO_HEADS and doc[span.start - 1].ent_type_ in ("NORP", "GPE"):
        return Coding()  # "Serbian Labour Minister": a portfolio, not the British Labour party
    entries = tables.lookup(name) or tables.lookup(ent.text)
    if entries:
        entry = entries[0]
        if entry.kind in ("capital", "place"):
            return Coding(country_on(entry.country, _published(ctx)), None)
        if entry.kind in COUNTRY_KINDS:
            return Coding(entry.country, None)
        if entry.kind == "role" and ent.label not in ("ORG",):
            return Coding()
        return Coding(entry.country, entry.sector, canonical=entry.name if entry.kind == "org" else None)
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None or ent.label not in ("ORG", "FAC", "NORP", "PERSON"):
        return _from_dictionary(name, ctx)
    tokens = _strip_det(list(span))
    if not tokens:
        return Coding()
    coding, _ = code_tokens(tokens, _head_of(tokens), None, ctx)
    if coding.country is None and coding.sector is None:
        return _from_dictionary(name, ctx)
    return coding


def _from_dictionary(name: str, ctx: ArticleContext | None) -> Coding:
    dictionary = _dictionary(ctx)
    if dictionary is None:
        return Coding()
    found = dictionary.code(name, _published(ctx))
    return Coding(found.country, found.sector) if found is not None else Coding()


def code_entities(entities: list[Entity], ctx: ArticleContext) -> None:
    """Fill country, sector and title of the actor-like entities in place."""
    doc = ctx.doc
    coded: list[Entity] = []
    ctx.memo["coded_entities"] = coded
    person_tokens = set()
    for ent in entities:
        if ent.label == "PERSON":
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is not None:
                person_tokens.update(range(span.start, span.end))
    codings: dict[int, Coding] = {}  # token index -> coding of an already coded entity over it
    for ent in entities:
        if ent.label not in ACTOR_LABELS:
            continue
        if ent.label == "PERSON" and not _is_organisation(ent):
            coding = _code_person(ent, doc, ctx, person_tokens - _token_range(doc, ent), codings)
        else:
            coding = _code_named(ent, doc, ctx)
        ent.country = ent.country or coding.country
        ent.sector = ent.sector or coding.sector
        ent.title = ent.title or coding.title
        if coding.canonical and ent.label == "PERSON" and _shorter(ent.canonical, coding.canonical):
            ent.canonical = coding.canonical
        if ent.country or ent.sector:
            c = Coding(ent.country, ent.sector, ent.title, ent.canonical)
            for i in _token_range(doc, ent):
                codings[i] = c
        coded.append(ent)
    _share_within_article(entities)
    # Later mentions coded by their short name now carry the full coding: refresh what phrases see.
    ctx.options.pop("_coded_entities", None)


def _is_organisation(ent: Entity) -> bool:
    """spaCy sometimes labels a group or a country PERSON ("Boko Haram", "Benin", "Bosnian Serbs"):
    the tables know better when they know the whole name, or every word of it."""
    tables = load_tables()
    name = ent.canonical or ent.text
    entries = tables.lookup(name)
    if entries:
        return entries[0].kind in ("org", "seat", "country", "adjective", "capital")
    words = name.split()
    return len(words) > 1 and all(any(e.kind in ("country", "adjective") for e in tables.lookup(w))
                                  for w in words)


def _token_range(doc: Doc, ent: Entity) -> set[int]:
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    return set(range(span.start, span.end)) if span is not None else set()


def _shorter(current: str | None, full: str) -> bool:
    return current is None or (len(current) < len(full) and current.split()[-1:] == full.split()[-1:])


def _share_within_article(entities: list[Entity]) -> None:
    """Mentions of one entity share its coding: "Putin" gets what "President Vladimir Putin" got."""
    best: dict[tuple[str, str], Entity] = {}
    for ent in entities:
        if ent.label not in ACTOR_LABELS or not ent.canonical:
            continue
        key = (_group(ent.label), ent.canonical.lower())
        current = best.get(key)
        if current is None or _score(ent) > _score(current):
            best[key] = ent
    for ent in entities:
        if ent.label not in ACTOR_LABELS or not ent.canonical:
            continue
        full = best.get((_group(ent.label), ent.canonical.lower()))
        if full is None or full is ent:
            continue
        if ent.country is None or (ent.sector is None and full.country == ent.country):
            ent.country = ent.country or full.country
            ent.sector = ent.sector or full.sector
        ent.title = ent.title or full.title


def _group(label: str) -> str:
    return "PERSON" if label == "PERSON" else "OTHER"


def _score(ent: Entity) -> tuple[int, int, int]:
    return (ent.country is not None and ent.sector is not None, ent.title is not None, -ent.start)


# --- any span --------------------------------------------------------------------------------------

def _entity_codings(first: int, last: int, ctx: ArticleContext) -> dict[int, Coding]:
    """Token index -> coding of the coded entities over tokens first..last."""
    codings = _token_codings(ctx)
    return {i: codings[i] for i in range(first, last + 1) if i in codings}


def _token_codings(ctx: ArticleContext) -> dict[int, Coding]:
    """Token index -> coding of the coded entity over it, for the whole article; built once per
    entity list (events code many spans)."""
    key = (id(ctx.entities), len(ctx.entities))
    cached = ctx.memo.get("token_codings")
    if cached is not None and cached[0] == key:
        return cached[1]
    doc = ctx.doc
    codings: dict[int, Coding] = {}
    for ent in ctx.entities:
        if ent.country is None and ent.sector is None or ent.label == "ACTOR":
            continue
        ent_span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
        if ent_span is None:
            continue
        c = Coding(ent.country, ent.sector, ent.title, ent.canonical)
        for i in range(ent_span.start, ent_span.end):
            codings[i] = c
    ctx.memo["token_codings"] = (key, codings)
    return codings


def _same_entity(span: Span, ctx: ArticleContext) -> Entity | None:
    """The entity mention the span is, or whose head it contains ("President Vladimir Putin")."""
    if len(span) == 0:
        return None
    best = None
    head, start, end = span.root.idx, span.start_char, span.end_char  # spaCy computes these on each access
    for ent in ctx.entities:
        if ent.label not in ACTOR_LABELS:
            continue
        if ent.start <= head < ent.end and start <= ent.start and ent.end <= end:
            best = ent
    return best


def resolve_pronoun(span: Span, ctx: ArticleContext, gender: str | None = None) -> Entity | None:
    """The person a "he" or "she" refers to: the nearest person mentioned before it, a few sentences back;
    with `gender` ("m" or "f"), the nearest whose name tells no other gender."""
    from newsevents.resolve.speakers import name_gender

    sentence = ctx.sentence_index(span.start_char)
    people = [e for e in ctx.entities if e.label == "PERSON" and e.end <= span.start_char
              and sentence - e.sentence <= LOOKBACK_SENTENCES]
    if gender is not None:
        people = [e for e in people if name_gender((e.canonical or e.text).split()) in (None, gender)]
    return max(people, key=lambda e: e.start) if people else None


def _resolve_group_pronoun(span: Span, ctx: ArticleContext, plural: bool) -> Entity | None:
    """ "it" -> the nearest coded organisation or country of this or the previous sentence;
    "they" -> the nearest coded group (ACTOR phrase, nationality, organisation) there."""
    sentence = ctx.sentence_index(span.start_char)
    labels = {"ACTOR", "NORP", "ORG"} if plural else {"ORG", "GPE"}
    found = [e for e in ctx.entities if e.label in labels and e.end <= span.start_char
             and sentence - e.sentence <= 1 and (e.country or e.sector)]
    if plural:
        found = [e for e in found if e.label != "NORP" or e.text.endswith("s")]
    return max(found, key=lambda e: e.start) if found else None


def _with_of_phrase(span: Span) -> tuple[list[Token], Token]:
    """The span's words plus an "of"/"for" phrase after its head ("head of the defense committee")."""
    tokens = list(span)
    root = span.root
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i >= span.end:
            sub = list(child.subtree)  # a dependency subtree never leaves its sentence
            if len(sub) <= 12:
                tokens += [t for t in sub if t.i >= span.end]
    tokens.sort(key=lambda t: t.i)
    return tokens, root


def code_span(span: Span, ctx: ArticleContext) -> Actor:
    """Code any noun phrase as an actor ("Russian forces", "the Kremlin", "he")."""
    actor = Actor(text=span.text, start=span.start_char, end=span.end_char)
    if len(span) == 0:
        return actor
    words = [t for t in span if not t.is_punct]
    if len(words) == 1 and words[0].lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        if words[0].lower_ in PERSON_PRONOUNS:
            referent = resolve_pronoun(span, ctx)
        else:
            referent = _resolve_group_pronoun(span, ctx, plural=words[0].lower_ not in ("it", "its"))
        if referent is not None:
            actor.canonical, actor.country, actor.sector, actor.title = (
                referent.canonical, referent.country, referent.sector, referent.title)
            if referent.label == "GPE" and actor.sector is None and actor.country:
                actor.sector = "GOV"  # "Russia launched ..., saying it was targeting terrorists"
        return actor
    if span.root.pos_ in ("VERB", "AUX") and span.root.i > span.start:
        # "The Red Cross operating in Iraq": the actor is the noun phrase before the participle.
        span = span.doc[span.start:span.root.i]
    entity = _same_entity(span, ctx)
    if entity is not None and entity.label == "PERSON":
        actor.canonical, actor.country, actor.sector, actor.title = (
            entity.canonical, entity.country, entity.sector, entity.title)
        return actor
    tokens, head = _with_of_phrase(span)
    tokens = _strip_det([t for t in tokens if t.pos_ != "PUNCT" or t.text in ("-", "'s")]) or tokens
    coding, matches = code_tokens(tokens, head, _entity_codings(tokens[0].i, tokens[-1].i, ctx), ctx)
    head_match = next((m for m in matches if m.start <= tokens.index(head) < m.end), None) \
        if head in tokens else None
    # A country named as the doer ("Russia launched", "Moscow said") is its government (CAMEO convention).
    if coding.sector is None and coding.country and (
            (head_match is not None and head_match.entry.kind in ("country", "capital"))
            or (entity is not None and entity.label in ("GPE", "NORP", "ORG") and _is_country_name(entity))):
        coding.sector = "GOV"
    if coding.country is None and len(words) <= 2 and head.pos_ == "PROPN" and not matches:
        coding.country = misspelled_country(head.text)  # "Ethopia", "Afganistan"
        if coding.country and coding.sector is None:
            coding.sector = "GOV"
    if coding.country is None and entity is not None and entity.label in ("GPE", "LOC", "FAC"):
        # A place our tables do not know: the places stage may have resolved it.
        place = next((p for p in ctx.places if p.start <= entity.start < p.end and p.country), None)
        if place is not None:
            coding.country = place.country
            if place.feature == "country" and coding.sector is None:
                coding.sector = "GOV"
    actor.country, actor.sector = coding.country, coding.sector
    actor.canonical = entity.canonical if entity is not None else _canonical_phrase(span)
    if entity is not None and entity.title:
        actor.title = entity.title
    return actor


QUANTITY_WORDS = {"more", "less", "fewer", "than", "some", "about", "around", "over", "nearly", "almost", "up",
                  "to", "between", "and", "several", "many", "few", "dozens", "hundreds", "thousands", "of",
                  "at", "least", "most", "roughly", "approximately", "estimated", "an"}


def _strip_quantity(tokens: list[Token], root: Token) -> list[Token]:
    """ "about 1,000 military personnel" -> "military personnel": the number is a quantity, not the actor."""
    while tokens and tokens[0] is not root and (tokens[0].like_num or tokens[0].lower_ in QUANTITY_WORDS
                                                 or tokens[0].pos_ in ("NUM", "SYM", "PUNCT", "ADV")):
        tokens = tokens[1:]
    return tokens


def _is_country_name(entity: Entity) -> bool:
    """ "Russia", "Moscow": a country or its capital (not a town: "Geneva" hosts talks, it does not act)."""
    entries = load_tables().lookup(entity.canonical or entity.text)
    return bool(entries) and entries[0].kind in ("country", "capital")


def _canonical_phrase(span: Span) -> str:
    tokens = _strip_quantity(_strip_det(list(span)), span.root)
    text = "".join(t.text_with_ws for t in tokens).strip()
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text or span.text


# --- actor noun phrases that are no spaCy entity -------------------------------------------------

# Heads of noun phrases that are not actors on their own: "home state", "the office".
NOT_ACTOR_HEADS = {"state", "office", "department", "agency", "source", "home", "member", "head", "chief",
                   "representative", "deputy", "officer", "personnel", "director"}
# Person titles: alone ("the president", "the senator") they refer to a person named elsewhere.
PERSON_TITLES = {"president", "senator", "secretary", "minister", "governor", "mayor", "spokesman",
                 "spokeswoman", "spokesperson", "chairman", "chairwoman", "chancellor", "premier", "king",
                 "queen", "ambassador", "congressman", "congresswoman", "lawmaker", "adviser", "advisor", "aide",
                 "commander", "general", "judge", "prosecutor"}


def _mere_reference(root: Token, chunk: Span, actor: Actor) -> bool:
    """A noun phrase that names no actor of its own: "home state", "the country", "the president"."""
    lemma = root.lemma_.lower()
    if lemma in NOT_ACTOR_HEADS:
        return True
    words = [t for t in _strip_quantity(_strip_det(list(chunk)), root) if not t.is_punct]
    capitalized = any(t.text[:1].isupper() for t in words if t.i != root.i)
    if lemma in {"country", "nation", "government", "administration", "authority"} and not capitalized:
        return actor.country is None
    return lemma in PERSON_TITLES and actor.country is None and not capitalized


@lru_cache(maxsize=50_000)
def _is_role_word(text: str) -> bool:
    return any(e.kind == "role" for e in load_tables().lookup(text))


def actor_phrases(ctx: ArticleContext, entities: list[Entity]) -> list[Entity]:
    """Entity records (label "ACTOR") for coded noun phrases that no spaCy entity covers:
    "Russian forces", "rebels", "Western countries", "Kremlin-backed militias"."""
    doc = ctx.doc
    text = ctx.text
    covered = set()
    for ent in entities:
        span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    saved = ctx.entities
    ctx.entities = entities
    found: list[Entity] = []
    try:
        # Cheaper than doc.noun_chunks: only nouns that are role words, with their left modifiers.
        doc_tokens = ctx.tokens
        for root in doc_tokens:
            if root.pos_ not in ("NOUN", "PROPN") or root.i in covered or not _is_role_word(root.text):
                continue
            if root.dep_ == "appos" and root.head.ent_type_ == "PERSON":
                continue  # a title, already on the person
            if root.dep_ == "compound" or (root.i + 1 < len(doc) and doc_tokens[root.i + 1].dep_ == "compound"
                                           and doc_tokens[root.i + 1].head.i == root.i + 1):
                continue  # a modifier of a longer noun phrase ("police station", "army base")
            chunk = doc[root.left_edge.i:root.i + 1]
            actor = code_span(chunk, ctx)
            if actor.sector is None:
                continue
            if _mere_reference(root, chunk, actor):
                continue
            tokens = _strip_quantity(_strip_det(list(chunk)), root)
            start = tokens[0].idx if tokens else chunk.start_char
            found.append(Entity(text=text[start:chunk.end_char], label="ACTOR", start=start,
                                end=chunk.end_char, sentence=ctx.sentence_index(start),
                                canonical=actor.canonical, country=actor.country, sector=actor.sector))
    finally:
        ctx.entities = saved
    return found


# --- misspelled country names ----------------------------------------------------------------------

FUZZY_MIN_LENGTH = 7
FUZZY_MIN_RATIO = 90


@lru_cache(maxsize=1)
def _country_spellings() -> dict[str, str]:
    """One-word country names (lower case) -> ISO code, for the fuzzy match."""
    tables = load_tables()
    out = {}
    for key, entries in tables.phrases.items():
        if " " not in key and "-" not in key and len(key) >= FUZZY_MIN_LENGTH - 1:
            codes = {e.country for e in entries if e.kind == "country" and e.country}
            if len(codes) == 1:
                out[key] = codes.pop()
    return out


def misspelled_country(word: str) -> str | None:
    """A long capitalised word no table knows that is one letter or two away from exactly one country's
    name ("Ethopia", "Afganistan"); short words are left alone ("Niger"/"Nigeria" are both real)."""
    if len(word) < FUZZY_MIN_LENGTH or not word[:1].isupper() or load_tables().lookup(word):
        return None
    from rapidfuzz import fuzz, process

    found = process.extract(word.lower(), list(_country_spellings()), scorer=fuzz.ratio,
                            score_cutoff=FUZZY_MIN_RATIO, limit=3)
    codes = {_country_spellings()[name] for name, _, _ in found}
    return codes.pop() if len(codes) == 1 else None


# --- the country a sentence is about ---------------------------------------------------------------

def context_country(tokens: list[Token], ctx: ArticleContext) -> str | None:
    """The one country the words name ("Haiti's", "in Greece", "Algerian", "Algiers"), or None when they
    name none or several. A careful coder gives it to a domestic actor the phrase itself leaves uncoded
    ("Lt. Gen. Prosper Avril resigned to allow Haiti's first elections"); "pro-Iranian", "anti-Syria" and
    "ethnic Albanians" name no country of residence and do not count."""
    if not tokens:
        return None
    # events ask again for the same clause (each role, each event of a sentence): answer once
    key = (tuple(t.i for t in tokens), id(ctx.entities), len(ctx.entities), len(ctx.places))
    memo = ctx.memo.setdefault("context_countries", {})
    if key not in memo:
        memo[key] = _context_country(tokens, ctx)
    return memo[key]


def _context_country(tokens: list[Token], ctx: ArticleContext) -> str | None:
    codings = _token_codings(ctx)
    countries: set[str] = set()
    skip: set[int] = set()
    for k, token in enumerate(tokens):
        coding = codings.get(token.i)
        if coding is None:
            continue
        skip.add(k)
        first = k == 0 or codings.get(tokens[k - 1].i) is not coding
        if coding.country and not (first and (_after_anti(tokens, k) or _not_own_country(tokens, k))):
            countries.add(coding.country)
    for m in match_tables(tokens, skip=skip, day=_published(ctx)):
        if m.own and m.entry.kind in COUNTRY_KINDS and m.entry.country:
            countries.add(m.entry.country)
    offsets = {t.idx: k for k, t in enumerate(tokens)}
    for place in ctx.places:
        k = offsets.get(place.start)
        if place.country and k is not None and not (_after_anti(tokens, k) or _not_own_country(tokens, k)):
            countries.add(place.country)
    return next(iter(countries)) if len(countries) == 1 else None
