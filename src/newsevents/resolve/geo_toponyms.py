"""Toponym recognition: which spans of the article name places.

Sources, in order of trust:
1. spaCy's GPE, LOC and FAC entities, trimmed ("the", a possessive "'s"), split at "Paris, Texas",
   with region words kept in the span but looked up without them ("Latakia Province"), direction
   words dropped ("Northeast Georgia" names Georgia); a FAC is kept only when the gazetteer knows it
   as a facility or a big place (an air base, a border crossing), not any building ("the White House").
   An unknown multi-word GPE/LOC is kept unresolved ("Red River"); an unknown single word is not, nor a
   first name and one more word ("Rebecca Mays").
2. Entities spaCy mislabels: a PERSON that is a town of 10,000+ not used as anyone's name, or any
   entity after a locative preposition ("in Latakia"); an ORG/NORP/PRODUCT that is exactly a
   country, region or city of 100,000+ ("Edmonton", "Aleppo"); the place that starts an
   institution's name ("the Mansfield Police Department", "Laurel County Sheriff's Office") or
   follows a broadcaster's call letters ("CTV Winnipeg").
3. A gazetteer scan of capitalized proper nouns outside any entity: a country, region, base or a
   town of 5,000+ people, called by its own name (not a GeoNames alternate name: "Google" is one of
   Topeka's); a smaller town only after a locative preposition ("near X"); a dateline in capitals
   ("EDMONTON -"). Not a word that is part of a longer capitalized name ("Grove" in "Meadow
   Grove"), nor words in data/place_stopwords.tsv (first names, months, companies, common words),
   nor words the article also writes in lower case.
4. Places inside longer names (`source="inside_name"`, resolved with a lower confidence): a country or
   region anywhere in an organisation's, building's or event's name ("Texas A&M", "the University of
   Michigan", "Environment Canada"), a city of 100,000+ anywhere, a town of 5,000+ that names an
   institution's place ("Evansville Federal Credit Union", "First Bank of Princeton"); not in a
   newspaper's or a sports club's name ("the New York Times", "Real Madrid").
5. Patterns: a legislator's home town ("R-Elbow Lake", "D-Kanawha"), lists of counties ("Barrow,
   Jackson and Madison counties"), region abbreviations after a town ("Churchill, Man.").
6. Streets and numbered roads (`source="street"`: "Bucknell Drive", "Interstate 395", and a place entity
   ending in a street word, "North Street", which is no town called Street), which geo_resolve places at
   the town named nearest them (feature "street", low confidence).
7. "X-based" / "X-born" modifiers ("a Houston-based contractor"), natural features by their head word
   ("Anthony Creek", "Lake Lanier", "Mount Hood"), and a town before a noun for its people ("Winona man").
A place spaCy cut short takes the longer place name the gazetteer knows ("[Licking] County Prosecutor",
"[Kansas] City International", "ST. [PAUL]"). Acronyms of organisations ("NATO"), words the article also writes
in lower case that name a place only by an alternate name ("the City of ..."), verbs at the start of a name
("Shaping the Future") and small towns' names that speak ("Petrova said") are not places; a capital that
speaks ("Tbilisi says") is.
"City" before a council's or a hall's name belongs to the body ("[Dublin] City Council"), unless the town's
own name ends in it ("Kansas City").
A school, company or team named after a place ("Georgia Tech", "Boise State") is not that place: only
the place inside its name is one, and a town that starts a school's name ("Goshen Elementary", "Columbia
University") only when the article also names the town alone; a saint's name in a church's, school's or
feast's name ("St. Mary's Catholic School") is no place; a disease named after a place ("West Nile virus")
is not a place.
Names of people are not places: a single word that is part of a person's name in the article
("Jordan" after "Jordan Henderson") is taken only after a locative preposition, and not even there when
spaCy reads it as a person too ("at George's apartment" after "Barry M. George"); a first name that starts a
longer name is a person's ("George Washington High School").
Demonyms ("Russian") are recorded apart (`source="demonym"`): evidence of the article's countries.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.nlp import english_adjectives
from newsevents.resolve.actor_tables import person_nouns
from newsevents.resolve.gazetteer import Gazetteer, load_gazetteer, normalize
from newsevents.resolve.speakers import load_genders
from newsevents.tables import DATA, read_records

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsevents.context import ArticleContext

PLACE_LABELS = {"GPE", "LOC", "FAC"}
LOCATIVE = {"in", "at", "near", "from", "outside", "inside", "across", "into", "around", "to", "throughout",
            "within", "towards", "toward", "via", "of", "between", "and", "through", "like"}
STRICT_LOCATIVE = LOCATIVE - {"of", "and", "like", "between", "to"}
REGION_WORDS = {"province", "governorate", "region", "oblast", "state", "district", "prefecture", "krai"}
COUNTY_WORDS = {"county", "parish", "borough"}
FACILITY_WORDS = ("air base", "airbase", "naval base", "military base", "base", "airport", "airfield",
                  "air field", "port", "border crossing", "crossing", "naval facility", "nuclear plant",
                  "nuclear power plant")
DIRECTION_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                   "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                   "southeastern", "southwestern", "upper", "lower", "greater", "downtown", "metro", "coastal",
                   "rural", "mid", "historic"}
# Words that follow a place at the start of an institution's name ("Athens Police Department").
INSTITUTION_WORDS = {"police", "sheriff", "sheriff's", "sheriff’s", "fire", "city", "county", "public", "school",
                     "schools", "university", "college", "court", "hospital", "council", "board", "airport",
                     "high", "district", "department", "municipal", "regional", "community", "chamber",
                     "parish", "area", "metro", "state", "town", "township", "village", "utilities", "water",
                     "library", "zoo", "port", "harbor", "mayor", "superior", "circuit", "commission", "jail",
                     "road", "courthouse", "commissioners", "office", "detention", "animal", "health", "emergency",
                     "blizzard", "economic", "housing", "planning", "transit", "elementary", "middle"}
OTHER_LABELS = {"ORG", "NORP", "PRODUCT", "LANGUAGE", "WORK_OF_ART", "EVENT", "FAC"}
STRONG_FEATURES = {"country", "admin1", "region", "continent", "facility", "water", "island", "mountain"}
SCAN_MIN_POPULATION = 5_000
HYPHENS = {"-", "‐", "–"}
DATELINE_PUNCT = {"—", "–", "-", "--", "---", "(", ",", ":"}
MISLABEL_MIN_POPULATION = 100_000
# Words that follow a place in the name of a local body other than INSTITUTION_WORDS ("Evansville Federal
# Credit Union", "Harwinton First Selectman").
ORGANISATION_WORDS = {"federal", "first", "selectman", "historical", "society", "bank", "church", "museum",
                      "center", "centre", "association", "coalition", "chapter", "union", "club", "volunteer",
                      "rescue", "general", "medical", "memorial", "regional", "daily", "public", "national",
                      "superior", "district", "unified", "independent", "ems", "ambulance", "transportation",
                      "youth", "civic", "chamber", "legislature", "government", "supreme", "state",
                      # agencies, missions and companies named after the place they serve
                      "bureau", "agency", "authority", "division", "ministry", "embassy", "consulate", "mission",
                      "trade", "institute", "foundation", "corps", "guard", "patrol", "army", "navy", "service",
                      "services", "electric", "power", "gas", "energy", "railroad", "railway", "lottery",
                      "symphony", "orchestra", "theatre", "theater", "opera", "education", "environmental",
                      "boards", "ethics", "municipal", "modular", "republican", "democratic", "party"}
MEDIA_WORDS = {"times", "post", "herald", "register", "journal", "tribune", "gazette", "star", "chronicle",
               "globe", "observer", "magazine", "sun", "telegraph", "examiner", "courier", "dispatch", "bee",
               "inquirer", "review", "press", "free", "business", "daily"}
MEDIA_LEADS = {"radio"}  # "Radio Pyongyang"
CLUB_WORDS = {"real", "atletico", "atlético", "fc", "club", "virgin", "inter", "sporting", "dynamo", "olympique"}
STREET_WORDS = {"street", "st.", "road", "rd.", "avenue", "ave.", "drive", "lane", "boulevard", "parkway", "highway",
                "crescent", "circle", "pike", "turnpike", "expressway", "freeway"}
STREET_PLURALS = {"streets", "avenues", "roads", "drives", "lanes", "boulevards", "sts.", "aves."}
# Street names that locate nothing by themselves: numbers and compass points ("Fourth and Seventh streets").
STREET_NAME_NO_PLACE = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                        "tenth", "eleventh", "twelfth", "north", "south", "east", "west"}
ROAD_PREFIXES = {"interstate", "highway", "route", "i", "hwy", "hwy.", "road"}
PARTY_LETTERS = {"R", "D", "I", "DFL"}
# Words before a lone surname ("coach Ripley", "Sgt. Fairfield"): the name is a person's, not a town's.
PERSON_TITLES = {"coach", "mr.", "mrs.", "ms.", "miss", "dr.", "officer", "detective", "det.", "sgt.", "sergeant",
                 "deputy", "judge", "trooper", "lt.", "capt.", "cpl.", "pastor", "rev.", "reverend", "father",
                 "sister", "uncle", "aunt", "grandma", "grandpa", "sen.", "rep.", "gov.", "coaches", "principal"}
# Relatives after a possessive: "Robertson's daughter" is a person's, where "Boston's mayor" is a town's.
KIN_NOUNS = {"son", "sons", "daughter", "daughters", "wife", "husband", "mother", "father", "brother", "sister",
             "grandson", "granddaughter", "girlfriend", "boyfriend", "fiancee", "fiancé", "fiancée", "widow",
             "stepson", "stepdaughter", "niece", "nephew", "parents", "mom", "dad"}
# Given names that often precede a place name in the name of a school or a street named after a person
# ("George Washington High School", "Martin Luther King Jr. Drive").
GIVEN_NAMES = {"george", "martin", "john", "james", "thomas", "abraham", "benjamin", "andrew", "theodore",
               "franklin", "robert", "william", "mary", "jackie", "booker", "luther", "sam", "douglas"}
# Words after a place's name that make it a disease's name ("West Nile virus", "Lassa fever").
DISEASE_WORDS = {"virus", "viruses", "fever", "disease", "flu", "influenza", "syndrome", "encephalitis", "strain",
                 "variant", "outbreak-strain", "hemorrhagic", "haemorrhagic", "virus-like", "like", "ebolavirus"}
SAINT_WORDS = {"St.", "St", "Saint", "Ste."}
SAINT_INSTITUTIONS = {"Church", "Cathedral", "Chapel", "Basilica", "Abbey", "Parish", "Catholic", "Lutheran",
                      "Episcopal", "Methodist", "Presbyterian", "Baptist", "Orthodox", "United", "Evangelical",
                      "School", "Academy", "College", "High", "Elementary", "Hospital", "Cemetery", "Day",
                      "Eve", "Festival", "Parade", "Home", "Health", "Medical", "Regional", "Mercy", "Hall"}
# Capitalized words that make the name before them a school's ("Goshen Elementary", "Paris Junior College").
SCHOOL_WORDS = {"University", "College", "Academy", "School", "Elementary", "High", "Middle", "Seminary",
                "Polytechnic", "Prep", "Preparatory"}
# A school's own people and things, after its name alone: "the Foley team", "Franklin students".
SCHOOL_NOUNS = {"team", "teams", "squad", "student", "students", "pupils", "teacher", "teachers", "principal",
                "coach", "players", "band", "graduates", "alumni", "campus", "class", "classes", "third-grader"}
SCHOOL_QUALIFIERS = {"State", "Community", "Junior", "Technical", "Christian", "Catholic", "Area", "Senior",
                     "Junior-Senior", "Intermediate", "Primary", "Grammar", "Village", "Regional", "Central"}
# Nouns for the people of a town, after its name in local news ("Winona man", "Clinton couple").
RESIDENT_NOUNS = {"man", "woman", "men", "women", "couple", "family", "families", "teen", "teens", "teenager",
                  "boy", "girl", "resident", "residents", "native", "natives", "students", "student", "senior",
                  "seniors", "homeowners", "voters", "businessman", "businesswoman", "mother", "father", "farmer"}
# Nouns after an organisation's name used as a modifier ("United Way officials").
GROUP_NOUNS = {"officials", "members", "agencies", "staff", "employees", "volunteers", "leaders", "spokesman",
               "spokeswoman", "spokesperson", "executives", "representatives", "board", "chapter"}
# Last words of a school's, a company's or a team's name that spaCy may tag as a place ("Georgia Tech").
INSTITUTION_TAILS = {"tech", "university", "college", "school", "academy", "institute", "inc", "inc.", "corp",
                     "corp.", "co.", "company", "airlines", "airways", "fc", "united", "rovers", "wanderers",
                     "athletic", "state", "bank", "hospital", "seminary", "polytechnic", "lottery"}
# Landform and water words that make a capitalized name a natural feature ("Anthony Creek", "Lake Lanier"),
# unless the name is an organisation's, a work's or an event's ("Tampa Bay Buccaneers" is a team).
NATURAL_HEADS = {"River", "Creek", "Lake", "Bay", "Island", "Islands", "Mountain", "Mountains", "Valley", "Canyon",
                 "Falls", "Reservoir", "Peninsula", "Gulf", "Strait", "Sea", "Ocean", "Glacier", "Desert"}
NATURAL_LEADS = {"Lake", "Mount", "Mt.", "Gulf", "Isle", "Cape"}
NOT_NATURAL_LABELS = {"ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP", "PERSON"}
# Words after a hyphen that make the name before it where someone or something is from: "London-based".
# Titles that start a longer place name before a name spaCy took alone ("ST. PAUL", "Mt. Pleasant").
LONGER_NAME_LEADS = {"st", "saint", "ste", "mt", "mount", "ft", "fort", "port", "san", "santa"}
MODIFIER_SUFFIXES = {"based", "born", "headquartered", "registered", "flagged", "bred", "raised"}
INSIDE_NAME_LABELS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LOC", "GPE", "LAW"}
# Last words that make a two-word name an institution's, an organisation's or a paper's, not a person's.
NAME_TAIL_WORDS = INSTITUTION_WORDS | ORGANISATION_WORDS | MEDIA_WORDS | INSTITUTION_TAILS
SPEECH_LEMMAS = {"say", "tell", "announce", "state", "add", "claim", "report", "comment", "confirm", "deny",
                 "declare", "insist", "warn", "write", "note", "explain", "reply", "respond", "speak",
                 "accuse", "urge", "acknowledge", "argue", "stress", "emphasize", "tweet", "brief"}


@dataclass
class Toponym:
    text: str  # as written (offsets below)
    start: int
    end: int
    sentence: int
    key: str  # the name to look up ("Latakia" for "Latakia Province")
    source: str  # ner | mislabel | inside_name | gazetteer | street | demonym
    hint: str | None = None  # admin1 | admin2 | facility: what the words around it say it is
    qualifier: str | None = None  # "Texas" in "Paris, Texas"
    country: str | None = None  # for demonyms: the country they name


def _capitalized(token) -> bool:
    return token.text[:1].isupper() or token.lower_ in ("of", "de", "al", "el") or token.text in ("-", "–")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(r["word"].strip().lower() for r in read_records("place_stopwords.tsv"))


@lru_cache(maxsize=1)
def vehicle_makers() -> frozenset[str]:
    return frozenset(r["word"].strip() for r in read_records("vehicle_makers.tsv"))


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym -> country, without the country names the table also lists as adjectives ("New Zealand",
    "Djibouti"): those name the country itself far more often, and as demonyms they were never emitted."""
    gaz = load_gazetteer()
    table = {r["demonym"].strip().lower(): r["country"].strip() for r in read_records("demonyms.tsv")}
    return {word: country for word, country in table.items()
            if not any(e.feature == "country" and normalize(e.name) == normalize(word) for e in gaz.lookup(word))}


# Marks of text decoded with the wrong encoding ("Itâ s" for "It’s", "Ã©"): a word carrying one is a broken
# word, not a name, even when it looks like a village's ("Itá").
MOJIBAKE_MARKS = ("â", "Ã", "Â", "\ufffd")


def _name_shaped(text: str) -> bool:
    """Whether a span can be a place's name at all: it has a capital letter ("the gulf in graduation rates",
    "an ice cream van" are common nouns) and is no broken word of a wrongly decoded text ("Itâ")."""
    if not any(ch.isupper() for ch in text):
        return False
    return not (text.endswith(MOJIBAKE_MARKS) or "Ã" in text or "â€" in text or "\ufffd" in text)


def _trim(span: Span) -> Span:
    """Drop a leading article and a trailing possessive: "the Syria's" -> "Syria"."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'s", "’s", "'", "’")):
        end -= 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text != ".":
        end -= 1
    return doc[start:end]


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-case first names: the speakers' table of them (data/speaker_genders.tsv) and GIVEN_NAMES."""
    return frozenset({name.lower() for name in load_genders().first_names} | GIVEN_NAMES)


def _first_and_last_name(span: Span) -> bool:
    """ "Rebecca Mays", "Sheryl Gorsuch" (spaCy: GPE) unknown to the gazetteers: a first name and one more word
    that is no natural feature's ("Grace Lake") is a person's name."""
    return len(span) == 2 and span[0].lower_ in first_names() and span[1].text not in NATURAL_HEADS and \
        span[1].lower_ not in NAME_TAIL_WORDS | STREET_WORDS | REGION_WORDS | COUNTY_WORDS


def _hyphen_after(span: Span) -> bool:
    """A hyphen joins the span to the word after it, with no space on either side: "France[-]Presse"."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text in HYPHENS and not span[-1].whitespace_ \
        and not doc[span.end].whitespace_


def _hyphen_before(span: Span) -> bool:
    """A hyphen joins the span to the word before it: "Indo[-]Pacific"."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].text in HYPHENS and not doc[span.start - 1].whitespace_ \
        and not doc[span.start - 2].whitespace_


def _reads_as_person(span: Span) -> bool:
    """A lone name that the words around make a person's: a title before it ("Mr Mitchell"), an age after
    it ("Her eldest, Harrison, 8, held ..."), a relative it stands beside ("her daughter, Brittany,"), or a
    relative after its possessive ("Robertson's daughter")."""
    if len(span) != 1:
        return False
    doc = span.doc
    if span[0].dep_ == "appos" and span[0].head.lower_ in KIN_NOUNS:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ != "VERB" and _is_person_title(before.lower_):
        return True  # (a verb: "expected to miss Rochester")
    after = doc[span.end:span.end + 3]
    if len(after) >= 2 and after[0].text == "," and after[1].text.isdigit() and len(after[1].text) <= 2 \
            and (len(after) == 2 or after[2].text in (",", ".", ")", ";")):
        return True
    return len(after) >= 2 and after[0].tag_ == "POS" and after[1].lower_ in KIN_NOUNS


def _names_listed_before(toks: list[Token], i: int, joins: tuple[str, ...], serial: tuple[str, ...],
                         most: int | None = None, word_ok=lambda token: True) -> list[tuple[int, int]]:
    """The names listed right before token `i`, nearest first, as (start, end): "Barrow, Jackson and
    Madison [counties]" -> Madison, Jackson, Barrow. A name is up to three capitalized words `word_ok`
    accepts; `joins` are the words between names, and a comma before one of `serial` is skipped too
    ("Elm, Oak, and Pine"). At most `most` names."""
    names: list[tuple[int, int]] = []
    j = i
    while j > 0 and (most is None or len(names) < most):
        start = j
        while start > 0 and j - start < 3 and toks[start - 1].text[:1].isupper() and word_ok(toks[start - 1]):
            start -= 1
        if start == j:
            break
        names.append((start, j))
        j = start
        if j == 0 or toks[j - 1].lower_ not in joins:
            break
        j -= 1
        if j > 0 and toks[j - 1].text == "," and toks[j].lower_ in serial:
            j -= 1
    return names


def _is_person_title(word: str) -> bool:
    """A word before a name that makes it a person's, with or without its full stop ("Mr", "Mr.")."""
    return word in PERSON_TITLES or word + "." in PERSON_TITLES


def _preceded_by_locative(span: Span, words: set[str] = STRICT_LOCATIVE) -> bool:
    i = span.start - 1
    doc = span.doc
    while i >= 0 and doc[i].lower_ in ("the",):
        i -= 1
    return i >= 0 and doc[i].lower_ in words


# "the town of X", "the province of X": the words before X say it is a place, whatever spaCy calls it.
PLACE_KIND_NOUNS = {"town", "city", "village", "hamlet", "province", "region", "district", "governorate",
                    "municipality", "township", "port", "suburb", "island", "capital"}


def _named_after_place_noun(span: Span) -> bool:
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in PLACE_KIND_NOUNS


def _entries_strong(gaz: Gazetteer, text: str, min_population: int) -> bool:
    """A country, region, base, or a town of `min_population` called by its own name (not by one of
    the many alternate names GeoNames lists: "Google" for Topeka, "IRNA" for Salerno)."""
    key = normalize(text)
    return any(e.feature in STRONG_FEATURES or e.population >= min_population and normalize(e.name) == key
               for e in gaz.lookup(text))


def _facility_after(span: Span, gaz: Gazetteer) -> tuple[int, str] | None:
    """'Hmeimim air base': the end token and key of a known facility that continues this name."""
    doc = span.doc
    for n in (3, 2, 1):
        end = span.end + n
        if end > len(doc) or doc[span.end:end].text.lower() not in FACILITY_WORDS:
            continue
        key = doc[span.start:end].text
        if any(e.feature == "facility" for e in gaz.lookup(key)):
            return end, key
    return None


def _facility_before(span: Span, gaz: Gazetteer) -> str | None:
    """'the naval base at Tartus': the key of a known facility named after this place."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in ("at", "in", "near", "of"):
        return None
    for n in (3, 2, 1):
        begin = span.start - 1 - n
        if begin < 0:
            continue
        words = doc[begin:span.start - 1].text.lower()
        if words in FACILITY_WORDS:
            key = f"{span.text} {words}"
            if any(e.feature == "facility" for e in gaz.lookup(key)):
                return key
    return None


class _Finder:
    def __init__(self, ctx: ArticleContext, gaz: Gazetteer):
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.gaz = gaz
        self.found: list[Toponym] = []
        self.taken = [False] * len(self.doc)
        # (not a "person" that ends in an institution's word: "[Huntsville Fire] Chief" is no one's name)
        in_person = Counter(t.lower_ for ent in ctx.ents if ent.label_ == "PERSON" and len(ent) > 1
                            and ent[-1].lower_ not in INSTITUTION_WORDS for t in ent)
        alone_place = Counter(ent.text.lower() for ent in ctx.ents if ent.label_ in ("GPE", "LOC"))
        # a word in a person's name, unless the article names it as a place alone more often
        # ("Jordan Henderson" vs a headline "Rethinking Egypt" misread as a person)
        self.person_words = {w for w, n in in_person.items() if alone_place[w] <= n}
        # a town's name that is also in the name of someone the article names in full, and that the article
        # never writes as where ("in Conrad"), is that person's: "says Conrad Smit ... According to Conrad";
        # "in Fairfield hearing" names the hearing, not where it was
        where = Counter(ent.text.lower() for ent in ctx.ents
                        if len(ent) == 1 and _preceded_by_locative(ent) and ent.root.dep_ != "compound")
        self.person_words |= {w for w in in_person if not where[w] and alone_place[w] and self.town_only(w)}
        self.lower_words = {t.text for t in ctx.tokens if t.is_lower}
        # car models named after places: "a red Dodge [Durango]" (see data/vehicle_makers.tsv)
        makers = vehicle_makers()
        self.vehicle_models = {self.doc[t.i + 1].text for t in ctx.tokens[:-1]
                               if t.text in makers and self.doc[t.i + 1].is_title}
        self.school_towns: list[Toponym] = []

    def add(self, span: Span, key: str, source: str, hint: str | None = None, country: str | None = None) -> None:
        if len(span) == 0 or any(self.taken[i] for i in range(span.start, span.end)) or not _name_shaped(span.text):
            return
        if span[0].text in HYPHENS or span[-1].text in HYPHENS:  # "[-London]" in "Middlesex-London EMS"
            trimmed = self.doc[span.start + (span[0].text in HYPHENS):span.end - (span[-1].text in HYPHENS)]
            if len(trimmed) == 0:
                return
            span, key = trimmed, trimmed.text if key == span.text else key
        whole = self.hyphened_whole(span)
        if whole is not None:  # "Guinea-Bissau", which spaCy cuts at the hyphen
            span, key = whole
            if any(self.taken[i] for i in range(span.start, span.end)):
                return
        if source not in ("demonym", "street") and (self.hyphened_to_name(span) or self.not_a_place_name(span)):
            return  # a piece of another word ("Agence France-Presse"), an agency's or a person's name
        if key == span.text and self.city_of_council(span):
            span, key = span[:-1], span[:-1].text  # "[Dublin] City Council": the town, not "Dublin City"
        for i in range(span.start, span.end):
            self.taken[i] = True
        if source not in ("demonym", "street") and self.saint_named(span):
            return  # "St. John's Lutheran School", "St. Patrick's Day": a saint's name, not a town's
        if source not in ("demonym", "street") and hint != "facility" and self.town_naming_school(span, key):
            # "Columbia University", "Shiloh High School": a school, not the town (kept aside: see `school_towns`)
            self.school_towns.append(Toponym(span.text, span.start_char, span.end_char,
                                             self.ctx.sentence_index(span.start_char), key, "inside_name", hint))
            return
        self.found.append(Toponym(span.text, span.start_char, span.end_char, self.ctx.sentence_index(span.start_char),
                                  key, source, hint, country=country))

    def add_named(self, span: Span, source: str) -> None:
        """A place name, or the facility it names: "Hmeimim air base", "the naval base at Tartus"."""
        facility = _facility_after(span, self.gaz)
        if facility is not None:
            self.add(self.doc[span.start:facility[0]], facility[1], source, "facility")
            return
        key = _facility_before(span, self.gaz)
        hint = "facility" if key else "admin2" if span[-1].lower_ in COUNTY_WORDS else None
        self.add(span, key or span.text, source, hint)

    def hyphened_whole(self, span: Span) -> tuple[Span, str] | None:
        """The hyphened name the span is one side of, and its key, when the gazetteer knows the whole as a
        country, a region or a town of its own: "Guinea-Bissau", "Wilkes-Barre" (not "Middlesex-London": two
        places), or as a county ("Miami-Dade police": Miami-Dade County, not Miami and a Dade in China)."""
        doc = self.doc
        wholes = []
        if _hyphen_after(span) and doc[span.end + 1].text[:1].isupper():
            wholes.append(doc[span.start:span.end + 2])
        if _hyphen_before(span) and doc[span.start - 2].text[:1].isupper():
            wholes.append(doc[span.start - 2:span.end])
        for whole in wholes:
            key = normalize(whole.text)
            if any(normalize(e.name) == key and (e.feature in STRONG_FEATURES or e.population >= 1000)
                   for e in self.gaz.lookup(whole.text)):
                return whole, whole.text
            county = f"{whole.text} County"
            if any(e.feature == "admin2" for e in self.gaz.lookup(county)):
                return whole, county
        return None

    def hyphened_to_name(self, span: Span) -> bool:
        """The span is one side of a hyphened compound whose other side is a capitalized word and no place:
        "[France]-Presse", "Indo-[Pacific]", "Mercedes-Benz". Both sides places ("Middlesex-London",
        "Dallas-Fort Worth", "the Syria-Turkey border") keep; so does a lower-case side ("Kabul-bound")."""
        doc = self.doc
        sides = []
        if _hyphen_after(span):
            sides.append([doc[span.end + 1:span.end + 1 + k] for k in (1, 2, 3) if span.end + 1 + k <= len(doc)])
        if _hyphen_before(span):
            sides.append([doc[span.start - 1 - k:span.start - 1] for k in (1, 2, 3) if span.start - 1 - k >= 0])
        for parts in sides:
            word = parts[0]
            if not word.text[:1].isupper() or word.text in PARTY_LETTERS or word.text.lower() in demonyms():
                continue  # ("Rep. Jay Roberts, R-Ocilla": a party and a hometown; "Egyptian-US relations")
            if not any(self.gaz.known(part.text) for part in parts):
                return True
        return self.combining_form(span)

    def not_a_place_name(self, span: Span) -> bool:
        """A person's title starts it ("Ms Raggi", which spaCy may call a place); a car model ("a Dodge
        Durango", and "the Durango" after it); a news agency's name
        ("Xinhua news agency", "Fars news agency": towns and a province); a direction that starts a longer
        name ("[Far North] Queensland", "the Calgary-[North West] MLA")."""
        doc = self.doc
        first = span[0].lower_
        if len(span) > 1 and _is_person_title(first):
            return True
        if len(span) == 1 and span.text in self.vehicle_models and span.start > 0 and \
                (doc[span.start - 1].text in vehicle_makers() or doc[span.start - 1].lower_ in ("the", "a", "an")):
            return True  # "a red Dodge Durango ... when the Durango pulled up": a car
        if [t.lower_ for t in doc[span.end:span.end + 2]] == ["news", "agency"] and \
                not any(e.feature == "country" for e in self.gaz.lookup(span.text)):
            return True  # (not "the Atlanta agency" of a charity, nor "a US news agency")
        return all(t.lower_ in DIRECTION_WORDS | {"far"} for t in span) and span.end < len(doc) and \
            doc[span.end].text[:1].isupper() and doc[span.end].ent_type_ != "NORP" \
            and doc[span.end].lower_ not in demonyms()  # (not "the South East Asian city-state")

    def combining_form(self, span: Span) -> bool:
        """ "Franco-German", "Russo-Japanese": a country's combining form before a nationality, which the
        gazetteer may know as a town (Franco, Mexico); "Mexico-American" keeps Mexico, a country's own name."""
        doc = self.doc
        if len(span) != 1 or not span.text.endswith("o") or not _hyphen_after(span):
            return False
        return doc[span.end + 1].text.lower() in demonyms() and \
            not any(e.feature in ("country", "admin1") for e in self.gaz.lookup(span.text))

    def city_of_council(self, span: Span) -> bool:
        """ "Dublin City Council", "Greer City Hall": "City" starts the body's name, and "Dublin City" names only
        one namesake (Dublin, Ireland), which would outvote every other Dublin. A town whose own name ends in
        "City" ("Kansas City Council", "Carson City Hall") keeps it."""
        doc = self.doc
        if len(span) < 2 or span[-1].text != "City" or span.end >= len(doc) \
                or doc[span.end].lower_ not in INSTITUTION_WORDS | ORGANISATION_WORDS | {"manager", "hall"}:
            return False
        key = normalize(span.text)
        return not any(e.feature == "city" and normalize(e.name) == key for e in self.gaz.lookup(span.text)) \
            and self.gaz.known(span[:-1].text)

    def saint_named(self, span: Span) -> bool:
        """A saint's name in a church's, a school's or a feast's ("St. Mary's High School", "St. Paul's United
        Brethren Church", "St. Patrick's Day"): "St. X's" before a capitalized word names the saint's."""
        doc = self.doc
        if span[0].text not in SAINT_WORDS or span.end + 1 >= len(doc):
            return False
        key = normalize(span.text)
        if doc[span.end].text not in ("'s", "’s") or any(
                e.feature == "city" and e.population >= MISLABEL_MIN_POPULATION and normalize(e.name) == key
                for e in self.gaz.lookup(span.text)):
            return False  # (not "St. Petersburg's Pulkovo Airport", "St. Louis's Catholic hospitals": the city's)
        name = doc[span.end + 1:span.end + 5]
        for token in name:
            if not token.text[:1].isupper():
                return False
            if token.text in SAINT_INSTITUTIONS:
                return True
        return False

    def town_naming_school(self, span: Span, key: str) -> bool:
        """A town's name that starts a school's ("[Goshen] Elementary", "[Concordia] College", "[Wright] State
        University"): the school is not the place, and news names schools after towns, people and saints alike.
        A state or a country in a school's name still says where it is ("Ohio State University"), and so does
        a county ("Laurel County High School")."""
        doc = self.doc
        after = [t.text for t in doc[span.end:span.end + 2]]
        if not after or not (after[0] in SCHOOL_WORDS or after[0] in SCHOOL_QUALIFIERS and after[1:2]
                             and after[1] in SCHOOL_WORDS):
            return False
        if span[-1].lower_ in COUNTY_WORDS:
            return False
        return not any(e.feature in ("country", "admin1") for e in self.gaz.lookup(key))

    def town_only(self, word: str) -> bool:
        """The gazetteer knows the word only as towns and smaller places, no country or state."""
        entries = self.gaz.lookup(word)
        return bool(entries) and not any(e.feature in STRONG_FEATURES for e in entries)

    def person_like(self, span: Span) -> bool:
        if len(span) == 1 and span.start > 0 and self.doc[span.start - 1].lower_ in PERSON_TITLES:
            return True  # "coach Ripley", "Sgt. Fairfield": a surname
        # "in Fairfield hearing" after "Elizabeth Fairfield": the hearing is the person's, not the town's
        # (but "at Athens Regional Park" is the town's, whatever spaCy made of "Athens Parks" elsewhere)
        return len(span) == 1 and span[0].lower_ in self.person_words and \
            (not _preceded_by_locative(span) or span[0].dep_ == "compound" and span[0].head.is_lower)

    def first_name_of_next(self, span: Span) -> bool:
        """ "moved to Arlington, [Nadia] Moayyad said": spaCy ran a town and the first name after it into one
        place; a single word right before a capitalized name that is no region or country starts a person's."""
        doc = self.doc
        return len(span) == 1 and span.end < len(doc) and doc[span.end].is_title and \
            doc[span.end].pos_ == "PROPN" and \
            not any(e.feature in ("admin1", "country") for e in self.gaz.lookup(span.text))

    def given_name_for_person(self, span: Span) -> bool:
        """A first name standing for a person, whatever spaCy calls it: "Natalia Skaggs", "his wife, Amelia,",
        "Mason, Nancy and the driver". Not where the text writes it as where ("in Amelia, Ohio"), nor a country's
        or a state's name ("Georgia")."""
        if len(span) != 1 or span[0].lower_ not in first_names() or _preceded_by_locative(span):
            return False
        if any(e.feature in ("country", "admin1") for e in self.gaz.lookup(span.text)):
            return False
        token = span[0]
        if self.first_name_of_next(span):
            return True
        if token.dep_ not in ("appos", "conj"):
            return False
        # in apposition to, or listed with, a person: a person noun or a person's name
        kin = [token.head, *(t for t in [*token.head.children, *token.children]
                             if t.dep_ in ("appos", "conj") and t.i != token.i)]
        return any(t.ent_type_ == "PERSON" or t.lemma_.lower() in person_nouns() for t in kin)

    def names_people_group(self, span: Span) -> bool:
        """An unknown name before "officials", "members", "agencies" is an organisation's ("United Way
        officials"), not a place's."""
        return span.end < len(self.doc) and self.doc[span.end].lower_ in GROUP_NOUNS

    # -- 1. spaCy's place entities
    def from_entity(self, ent: Span) -> None:
        span = _trim(ent)
        if len(span) == 0 or self.person_like(span) or self.given_name_for_person(span) or _reads_as_person(span):
            return
        text = span.text
        country = demonyms().get(text.lower())
        if country:
            self.add(span, text, "demonym", country=country)
            return
        # "Paris, Texas" as one entity: two toponyms.
        doc = self.doc
        comma = next((i for i in range(span.start + 1, span.end - 1) if doc[i].text == ","), None)
        if comma is not None:
            self.from_entity(doc[span.start:comma])
            tail = doc[comma + 1:span.end]
            if not self.first_name_of_next(tail):
                self.from_entity(tail)
            return
        gaz = self.gaz
        facility = _facility_after(span, gaz)
        if facility is not None:
            self.add(self.doc[span.start:facility[0]], facility[1], "ner", "facility")
            return
        last = span[-1].lower_
        if ent.label_ == "FAC" and gaz.known(text) and not any(
                e.feature in ("facility", "region") or e.population >= MISLABEL_MIN_POPULATION for e in gaz.lookup(text)):
            self.from_prefix(span)  # "the White House" is a building, not White House, Tennessee
            return
        if gaz.known(text):
            if len(span) == 1 and (self.common_word_alias(span) or self.small_town_speaking(span)):
                return
            hint = "admin2" if last in COUNTY_WORDS else None
            key = _facility_before(span, gaz)
            self.add(span, key or text, "ner", "facility" if key else hint)
            return
        if len(span) > 1 and last in REGION_WORDS and gaz.known(span[:-1].text):
            self.add(span, span[:-1].text, "ner", "admin1")
            return
        if last in COUNTY_WORDS:
            self.add(span, text, "ner", "admin2")
            return
        if len(span) > 1 and span[-1].lower_ in STREET_WORDS and not (
                span[-2].lower_ in COUNTY_WORDS or len(span) > 2 and span[0].lower_ in DIRECTION_WORDS
                and gaz.known(span[:-1].text)):
            # "North Street", "Wichita Drive": a street, not Street (Somerset) or Wichita; but "Douglas County
            # Road", "North Druid Hills Road" name the county or the suburb the road is in
            self.add(span, text, "street", "street")
            return
        if len(span) > 1 and span[0].lower_ in DIRECTION_WORDS and gaz.known(span[1:].text):
            self.add_named(span[1:], "ner")  # "Northeast Georgia", "North Texas": the place named is Georgia
            return
        if self.from_prefix(span) or ent.label_ == "FAC":
            return  # a FAC the gazetteer does not know is a building or a road: not a toponym we can use
        if span[-1].lower_ in INSTITUTION_TAILS:
            # "Georgia Tech", "Boise State" (spaCy: GPE) is a school or a team named after a place, not the
            # place: only the place inside its name is one, as for any organisation
            self.from_inside_name(span)
            return
        found = len(self.found)
        self.from_inside_name(span)
        if len(self.found) > found:
            return  # "Greer City Hall", "West Virginia Democratic Party", "Columbus East": the place inside
        if len(span) > 1 and all(t.is_title for t in span) and not any(ch.isdigit() for ch in text) \
                and not self.names_people_group(span) and not _first_and_last_name(span):
            # "Red River", "Gun Barrel City": a place our gazetteers lack, recognised and left unresolved
            # (a single unknown word is more often a name spaCy mistook: "Saakashvili")
            self.add(span, text, "ner")

    # -- 1b. "London-based", "Texas-born": the place a company or a person is from
    def based_modifiers(self) -> None:
        """A place before "-based", "-born", "-headquartered": spaCy rarely tags it, and gold standards
        of news geoparsing count it as a toponym ("a Houston-based contractor")."""
        doc, toks = self.doc, self.ctx.tokens
        for i in range(2, len(doc)):
            if toks[i].lower_ not in MODIFIER_SUFFIXES or toks[i - 1].text not in ("-", "‐", "–") \
                    or toks[i - 1].whitespace_ or toks[i - 2].whitespace_:
                continue
            end = i - 1
            for start in range(max(0, end - 3), end):
                part = doc[start:end]
                if any(self.taken[k] for k in range(start, end)) or not all(_capitalized(t) for t in part) \
                        or not part[0].text[:1].isupper() or part[0].lower_ in ("the", "a", "an"):
                    continue  # (not "[The Paris]-based agency")
                country = demonyms().get(part.text.lower())
                if country:  # "Iranian-born": a nationality, recorded as a demonym
                    self.add(part, part.text, "demonym", country=country)
                    break
                if not self.person_like(part) and _entries_strong(self.gaz, part.text, 1000):
                    self.add(part, part.text, "ner")
                    break

    # -- 1c. "Lake Cunningham", "Anthony Creek", "Mount Hood": named natural features spaCy often misses
    def natural_features(self) -> None:
        """A capitalized name with a landform or water word at its head is a place even when the gazetteers
        lack it (geo_resolve places it from data/places_natural.tsv, or at the town it is named after)."""
        doc, toks = self.doc, self.ctx.tokens
        blocked = {i for ent in self.ctx.ents if ent.label_ in NOT_NATURAL_LABELS for i in range(ent.start, ent.end)}
        i = 0
        while i < len(doc):
            token = toks[i]
            span = None
            if token.text in NATURAL_LEADS and i + 1 < len(doc) and toks[i + 1].is_title:
                end = i + 1
                while end < len(doc) and end - i < 4 and toks[end].is_title and toks[end].pos_ == "PROPN" \
                        and toks[end].text not in SCHOOL_WORDS:  # "Mount Vernon High" is a school
                    end += 1
                span = doc[i:end] if end > i + 1 else None
            elif token.text in NATURAL_HEADS and i > 0 and toks[i - 1].is_title and toks[i - 1].pos_ == "PROPN":
                start = i
                while start > 0 and i - start < 3 and toks[start - 1].is_title and toks[start - 1].pos_ == "PROPN" \
                        and not toks[start - 1].is_sent_start:
                    start -= 1
                if start == i and toks[i - 1].is_sent_start:
                    start = i - 1
                span = doc[start:i + 1] if start < i else None
            if span is not None and not any(k in blocked or self.taken[k] for k in range(span.start, span.end)) \
                    and not (span.end < len(doc) and toks[span.end].is_title and toks[span.end].pos_ == "PROPN"):
                self.add(span, span.text, "ner")
                i = span.end
                continue
            i += 1

    # -- 2. places spaCy called a person, an organisation or a nationality
    def from_mislabel(self, ent: Span) -> None:
        span = _trim(ent)
        if len(span) == 0:
            return
        text = span.text
        country = demonyms().get(text.lower()) or demonyms().get(text.lower().rstrip("s"))
        if country:
            if ent.label_ in ("NORP", "PERSON", "GPE"):
                self.add(span, text, "demonym", country=country)
            return
        entries = self.gaz.lookup(text)
        if not entries:
            if ent.label_ in ("ORG", "FAC", "PERSON"):
                self.from_prefix(span) or self.from_broadcaster(span)
            return
        if text.lower() in stopwords() or len(normalize(text)) < 3:
            return
        if ent.label_ == "ORG" and text.isupper() and len(span) == 1 and \
                not any(e.feature in STRONG_FEATURES for e in entries):
            return  # "NATO" (ORG) is the alliance, not Nato in the Philippines
        if span[-1].lower_ in COUNTY_WORDS and len(span) > 1:
            self.add_named(span, "mislabel")  # "Laurel County" (ORG): the county
            return
        key = normalize(text)
        big = [e for e in entries if e.feature in STRONG_FEATURES
               or e.population >= MISLABEL_MIN_POPULATION and normalize(e.name) == key]
        if ent.label_ == "PERSON" and len(span) == 1 and span[0].lower_ in self.person_words:
            return  # "found at George's apartment" after "Barry M. George": the person, whatever comes before
        if ent.label_ == "PERSON" and self.given_name_for_person(span):
            return  # "Mason, Nancy and the driver": spaCy and the text agree on a person
        if _reads_as_person(span) and not _preceded_by_locative(span):
            return  # "Mr Mitchell", "Harrison, 8,", "Robertson's daughter"
        if _preceded_by_locative(span) and (big or _entries_strong(self.gaz, text, 1000)):
            self.add_named(span, "mislabel")
        elif entries and _named_after_place_noun(span):
            self.add_named(span, "mislabel")  # "the town of Douma" (PERSON): the text says it is a place
        elif ent.label_ == "PERSON" and self.place_not_person(span, entries):
            self.add_named(span, "mislabel")
        elif ent.label_ == "ORG" and any(e.feature in ("country", "admin1", "region") for e in big) \
                and normalize(text) not in ("us",):
            self.add_named(span, "mislabel")
        elif ent.label_ == "NORP" and any(e.feature == "country" for e in big):
            self.add_named(span, "mislabel")
        elif ent.label_ in ("ORG", "PERSON") and self.modifies_noun(span) and not self.person_like(span) \
                and _entries_strong(self.gaz, text, 10_000):
            self.add_named(span, "mislabel")  # "Torrington firefighters", "Alexandria police"
        elif ent.label_ in OTHER_LABELS and big and len(span) <= 3 and not self.person_like(span):
            self.add_named(span, "mislabel")  # "Edmonton" (ORG), "Aleppo" (NORP): a well-known place alone
        elif ent.label_ in ("ORG", "FAC"):
            self.from_prefix(span)

    def modifies_noun(self, span: Span) -> bool:
        """A name used before a common noun: "Torrington businesses", "Danbury police"."""
        doc = self.doc
        if span.end >= len(doc):
            return False
        following = doc[span.end]
        return following.is_lower and following.pos_ == "NOUN" and span.root.dep_ in ("compound", "amod", "nmod") \
            and span.root.head.i >= span.end

    def place_not_person(self, span: Span, entries) -> bool:
        """A "PERSON" that is a town of 10,000+ and not used as a person's name in the article."""
        if not _entries_strong(self.gaz, span.text, 10_000):
            return False
        if len(span) == 1 and span[0].lower_ in self.person_words:
            return False
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SPEECH_LEMMAS \
                and not self.speaking_capital(span):
            return False  # "Jackson said"
        return not (span.end < len(self.doc) and self.doc[span.end].pos_ == "PROPN")

    def common_word_alias(self, span: Span) -> bool:
        """ "the City [of Huntsville]": a word the article also writes in lower case ("city engineer") that names
        no place by its own name, only by a GeoNames alternate name (Oakville's "City"), is the common word."""
        word = span.text
        if word.lower() not in self.lower_words and word not in self.lower_words:
            return False
        key = normalize(word)
        return not any(e.feature in STRONG_FEATURES or normalize(e.name) == key for e in self.gaz.lookup(word))

    def small_town_speaking(self, span: Span) -> bool:
        """ "Petrova said": one word that speaks is a person's surname when it is only a small town's name; a
        country, a region or a city of 100,000+ speaks for its government ("Moscow said")."""
        root = span.root
        if root.dep_ not in ("nsubj", "nsubjpass") or root.head.lemma_.lower() not in SPEECH_LEMMAS:
            return False
        return not self.big_place(span.text) and not _entries_strong(self.gaz, span.text, MISLABEL_MIN_POPULATION)

    def speaking_capital(self, span: Span) -> bool:
        """ "Tbilisi says", "Moscow denied": a national capital speaks for its government in news; a capital's
        name that is also a first name or a surname in data/place_stopwords.tsv does not count ("Jackson said")."""
        from newsevents.resolve.geo_resolve import is_capital

        if span.text.lower() in stopwords():
            return False
        key = normalize(span.text)
        return any(normalize(e.name) == key and is_capital(e) for e in self.gaz.lookup(span.text))

    def from_broadcaster(self, span: Span) -> bool:
        """A place after a broadcaster's call letters: "CTV Edmonton", "CBC Toronto"."""
        if len(span) < 2 or not (span[0].text.isupper() and 2 <= len(span[0].text) <= 4):
            return False
        rest = span[1:]
        if _entries_strong(self.gaz, rest.text, MISLABEL_MIN_POPULATION):
            self.add(rest, rest.text, "mislabel")
            return True
        return False

    def from_prefix(self, span: Span) -> bool:
        """A place that starts an organisation's name: "Mansfield" in "the Mansfield Police Department"."""
        for size in range(min(len(span) - 1, 3), 0, -1):
            part = self.doc[span.start:span.start + size]
            following = self.doc[span.start + size]
            if following.lower_ not in INSTITUTION_WORDS or not part[0].is_title or following.lower_ in STREET_WORDS:
                continue  # ("Marystown Road" is a street, found as one below)
            if following.lower_ in COUNTY_WORDS and self.gaz.known(f"{part.text} {following.text}"):
                continue  # the longer "Laurel County" comes first
            if not self.gaz.known(part.text) or self.person_like(part):
                continue
            if part.text.lower() in stopwords() and not self.big_place(part.text):
                continue  # but a big place that is also a first name heads "the Paris Police Department"
            if _entries_strong(self.gaz, part.text, 1000) or part[-1].lower_ in COUNTY_WORDS:
                self.add(part, part.text, "ner", self.inside_hint(part, span))
                return True
        return False

    # -- 2b. places inside longer names: "Texas" in "Texas A&M", "Michigan" in "the University of Michigan"
    def from_inside_name(self, ent: Span) -> None:
        """A place named inside an organisation's (or building's, event's) name says where it is.

        Accepted: a country or first-level region anywhere in the name, a city of 100,000+ anywhere, a
        county, and a town of 1,000+ that starts the name or follows "of" ("First Bank of Princeton").
        """
        span = _trim(ent)
        doc = self.doc
        if self.speaker_named_like_person(span):
            return
        if len(span) > 1 and span[-1].lower_ in COUNTY_WORDS and \
                any(e.feature == "admin2" for e in self.gaz.lookup(span.text)):
            self.add(span, span.text, "ner", "admin2")  # "[The 2008] Walker County [Fair]" (EVENT): the county
            return
        i = span.start
        while i < span.end:
            matched = False
            for j in range(min(i + 4, span.end), i, -1):
                part = doc[i:j]
                if any(self.taken[k] for k in range(i, j)) or not all(_capitalized(t) for t in part):
                    continue
                if j - i == len(span) or self.media_or_club(part, span) or self.after_given_name(part, span):
                    continue  # the whole name: the passes above judged it; a paper or a club: not where
                if j == span.end and self.first_name_of_next(part):
                    continue  # "Arlington, [Nadia] Moayyad": a first name run into the place before it
                if self.given_name_in_name(part, span):
                    continue  # "[George] Washington High School": named after a person, not a town
                if self.accept_inside(part, self.names_institution(part, span)):
                    self.add(part, part.text, "inside_name", self.inside_hint(part, span))
                    i, matched = j, True
                    break
            if not matched:
                i += 1

    def speaker_named_like_person(self, name: Span) -> bool:
        """ "[Nadia Moayyad] said" (spaCy: ORG): two capitalized words that speak, the second no word of an
        organisation's name and no place, are a person's name, and the first is a first name, not a place."""
        if len(name) != 2 or not all(t.is_title and t.is_alpha for t in name):
            return False
        last = name[-1].lower_
        if last in NAME_TAIL_WORDS or self.gaz.known(name[-1].text):
            return False
        root = name.root
        return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SPEECH_LEMMAS

    def inside_hint(self, part: Span, name: Span) -> str | None:
        """What a place inside a name is: "Laurel County" a county; "Washington" in "the Washington State
        Patrol" the state, not the city."""
        if part[-1].lower_ in COUNTY_WORDS:
            return "admin2"
        if part.end < name.end and self.doc[part.end].lower_ == "state" and \
                any(e.feature == "admin1" for e in self.gaz.lookup(part.text)):
            return "admin1"
        return None

    def given_name_in_name(self, part: Span, name: Span) -> bool:
        """ "[George] Washington High School", "[Douglas] MacArthur Academy": a first name followed by another
        name word (no institution's word) inside a longer name starts a person's name."""
        if len(part) != 1 or part.end >= name.end or part[0].lower_ not in GIVEN_NAMES | self.person_words:
            return False
        following = self.doc[part.end]
        return following.is_title and following.is_alpha and following.lower_ not in INSTITUTION_WORDS

    def after_given_name(self, part: Span, name: Span) -> bool:
        """ "George [Washington] High School", "Martin Luther [King] Jr.": a person's name inside a name."""
        if part.start == name.start:
            return False
        before = self.doc[part.start - 1]
        return before.is_title and before.is_alpha and before.pos_ == "PROPN" and \
            (before.lower_ in self.person_words or before.lower_ in GIVEN_NAMES)

    def media_or_club(self, part: Span, name: Span) -> bool:
        """ "the New York Times", "China Daily", "Radio Pyongyang", "Real Madrid", "Virgin Atlantic", "Bank of
        America", "Peanut Corporation of America": the place says little about the news."""
        doc = self.doc
        after = doc[part.end].lower_ if part.end < name.end else ""
        before = doc[part.start - 1].lower_ if part.start > name.start else ""
        return after in MEDIA_WORDS or before in CLUB_WORDS | MEDIA_LEADS or before == "of" and part.text == "America"

    def names_institution(self, part: Span, name: Span) -> bool:
        """Whether a town here names an institution's place: "[Evansville] Federal Credit Union",
        "First Bank of [Princeton]" (not "[Nadia] Moayyad", "[Casey] Enright")."""
        doc = self.doc
        if part.start > name.start and doc[part.start - 1].lower_ in ("of", "in", "at"):
            # the place ends the name ("First Bank of Princeton"); "Department of [Homeland] Security" names none
            return part.end == name.end or not doc[part.end].text[:1].isupper()
        return part.start == name.start and part.end < name.end and \
            doc[part.end].lower_ in INSTITUTION_WORDS | ORGANISATION_WORDS

    def big_place(self, text: str) -> bool:
        """A country, a first-level region or a city of 100,000+ called by its own name."""
        key = normalize(text)
        if key in DIRECTION_WORDS:
            return False  # "East" is a region of Cameroon, but "East Bank Middle School" is not there
        return any(e.feature in ("country", "admin1") or e.population >= MISLABEL_MIN_POPULATION
                   and normalize(e.name) == key for e in self.gaz.lookup(text))

    def accept_inside(self, part: Span, names_institution: bool) -> bool:
        text = part.text
        if text.lower() in demonyms() or self.person_like(part):
            return False
        verb_like = part[0].tag_.startswith("VB") or part.end < len(self.doc) and \
            self.doc[part.end].text in ("the", "a", "an", "our", "your", "their")  # (not "DETROIT The ...")
        if len(part) == 1 and verb_like and \
                not any(e.feature in ("country", "admin1") for e in self.gaz.lookup(text)):
            return False  # "[Shaping] the Future": a verb that is also a town's name abroad
        entries = self.gaz.lookup(text)
        if not entries:
            return False
        if text.lower() in stopwords() and not (names_institution and self.big_place(text)):
            return False  # "the Georgia Bureau of Investigation": a first name does not head an agency's name
        if any(e.feature in ("country", "admin1") for e in entries):
            return len(normalize(text)) >= 2
        if len(normalize(text)) < 3:
            return False
        if len(part) > 1 and part[-1].lower_ in COUNTY_WORDS:
            return True
        min_population = 5000 if names_institution else MISLABEL_MIN_POPULATION
        return _entries_strong(self.gaz, text, min_population) and \
            any(e.feature != "continent" for e in entries)

    def streets(self) -> None:
        """Named streets and numbered roads ("Bucknell Drive", "Interstate 395", "County Road 109"): where
        local news happens; they are located at the town the article places them in (geo_resolve)."""
        doc, toks = self.doc, self.ctx.tokens
        for i, token in enumerate(toks):
            if self.taken[i]:
                continue
            numbered = i + 1 < len(doc) and toks[i + 1].like_num
            in_name = i + 1 < len(doc) and toks[i + 1].is_title and toks[i + 1].pos_ == "PROPN"
            if in_name and token.lower_ in STREET_WORDS:
                continue  # "National Highway Traffic Administration", "Pleasant Lane School": a name
            if token.lower_ in STREET_WORDS and i > 0 and token.text[:1].isupper() and not numbered:
                start = i
                while start > 0 and i - start < 4 and toks[start - 1].text[:1].isupper() \
                        and not self.taken[start - 1] and toks[start - 1].pos_ == "PROPN" \
                        and toks[start - 1].lower_ not in STREET_WORDS:
                    start -= 1
                if start < i:
                    self.add(doc[start:i + 1], doc[start:i + 1].text, "street", "street")
            elif token.like_num and i > 0 and toks[i - 1].lower_ in ROAD_PREFIXES and toks[i - 1].text[:1].isupper():
                start = i - 1
                if start > 0 and toks[start - 1].text in ("County", "State", "U.S.", "US") and not self.taken[start - 1]:
                    start -= 1
                if not any(self.taken[k] for k in range(start, i)):
                    self.add(doc[start:i + 1], doc[start:i + 1].text, "street", "street")
            elif token.like_num and token.text.isdigit() and len(token.text) <= 3 and i > 0:
                # a state road: "W.Va. 61", "S.C. 6"
                start = i - 2 if i > 1 and toks[i - 1].text == "." and not toks[i - 2].whitespace_ else i - 1
                prefix = doc[start:i].text
                if "." in prefix[:-1] and len(prefix) <= 6 and not any(self.taken[k] for k in range(start, i)) \
                        and any(e.feature == "admin1" for e in self.gaz.lookup(prefix)):
                    self.add(doc[start:i + 1], doc[start:i + 1].text, "street", "street")

    def party_hometowns(self) -> None:
        """A legislator's home town after the party letter: "Rep. Jane Doe, R-Elbow Lake"."""
        doc, toks = self.doc, self.ctx.tokens
        for i in range(len(doc) - 2):
            if toks[i].text not in PARTY_LETTERS or toks[i + 1].text not in ("-", "–") or toks[i + 1].whitespace_:
                continue
            for j in range(min(i + 5, len(doc)), i + 2, -1):
                part = doc[i + 2:j]
                if not all(_capitalized(t) for t in part) or any(self.taken[k] for k in range(i + 2, j)):
                    continue
                county = self.gaz.known(f"{part.text} County")
                if self.gaz.known(part.text) and not (county and not _entries_strong(self.gaz, part.text, 1000)):
                    self.add(part, part.text, "gazetteer")
                    break
                if county:  # "D-Kanawha", "D-Braxton" (a hamlet's name too): the county
                    self.add(part, f"{part.text} County", "gazetteer", "admin2")
                    break

    def street_lists(self) -> None:
        """ "between Strickland and Culver avenues", "at Orange and White streets": each name is a street's
        (located at the article's town like the other streets), not the state or the town it spells. A
        number or a compass point alone ("Fourth and Seventh streets", "North and Strickland avenues")
        locates nothing: it is no place, and no more the North Province than a state."""
        doc, toks = self.doc, self.ctx.tokens
        for i, token in enumerate(toks):
            if token.lower_ not in STREET_PLURALS:
                continue
            names = [doc[start:end] for start, end in _names_listed_before(
                toks, i, joins=("and", "&", ","), serial=("and", "&"), most=5,
                word_ok=lambda t: t.pos_ in ("PROPN", "ADJ", "NOUN", "NUM"))]
            if len(names) < 2 or any(self.taken[k] for part in names for k in range(part.start, part.end)):
                continue
            for part in names:
                if part.text.lower() in STREET_NAME_NO_PLACE:
                    for k in range(part.start, part.end):
                        self.taken[k] = True
                else:
                    self.add(part, part.text, "street", "street")

    def county_lists(self) -> None:
        """ "Barrow, Jackson and Madison counties": each name is a county (spaCy calls them persons)."""
        doc, toks = self.doc, self.ctx.tokens
        for i, token in enumerate(toks):
            if token.lower_ not in ("counties", "parishes"):
                continue
            word = "Parish" if token.lower_ == "parishes" else "County"
            for start, end in _names_listed_before(toks, i, joins=(",", "and", "or", "&", "-"), serial=("and", "or")):
                part = doc[start:end]
                if not any(self.taken[k] for k in range(start, end)) and self.gaz.known(f"{part.text} {word}"):
                    self.add(part, f"{part.text} {word}", "gazetteer", "admin2")

    def abbreviated_regions(self) -> None:
        """The region after a town: "Churchill, Man.", "Barrie, Ont." (spaCy often calls them persons)."""
        doc, toks = self.doc, self.ctx.tokens
        for i in range(2, len(doc)):
            token = toks[i]
            if self.taken[i] or toks[i - 1].text != "," or not self.taken[i - 2] or not token.text[:1].isupper():
                continue
            end = i + 1
            key = token.text
            if end < len(doc) and toks[end].text == "." and not token.whitespace_:
                key += "."
            if not key.endswith(".") or len(key) > 6:
                continue  # only abbreviations: a full name was taken by the other passes
            if any(e.feature in ("admin1", "country") for e in self.gaz.lookup(key)):
                self.add(doc[i:end], key, "gazetteer")

    # -- 3. capitalized names spaCy missed
    def scan(self) -> None:
        doc, toks = self.doc, self.ctx.tokens
        gaz = self.gaz
        blocked = set()
        for ent in self.ctx.ents:
            blocked.update(range(ent.start, ent.end))
        i = 0
        while i < len(doc):
            token = toks[i]
            if self.taken[i] or not token.text[:1].isupper():
                i += 1
                continue
            if token.text.isupper() and len(token.text) > 2 and token.is_alpha:
                i = self.dateline(i)  # spaCy tags a dateline in capitals anything, often as an entity
                continue
            if i in blocked or token.pos_ not in ("PROPN", "NOUN", "ADJ"):
                i += 1
                continue
            matched = False
            for j in range(min(i + 5, token.sent.end), i, -1):
                span = doc[i:j]
                if any(k in blocked or self.taken[k] for k in range(i, j)):
                    continue
                if not gaz.known(span.text):
                    continue
                if self.accept_scan(span):
                    self.add_named(span, "gazetteer")
                    i = j
                    matched = True
                    break
            if not matched:
                i += 1

    def dateline(self, i: int) -> int:
        """A dateline in capitals, "EDMONTON —", "DETROIT (AP) -": the next index to scan from."""
        doc = self.doc
        j = i
        while j < len(doc) and doc[j].text.isupper() and doc[j].is_alpha and j - i < 3:
            j += 1
        span = doc[i:j]
        if j >= len(doc) or doc[j].text not in DATELINE_PUNCT or any(self.taken[k] for k in range(i, j)):
            return max(j, i + 1)
        # at a line's start and before a dash ("VICTORIA -", "BANTAM —") it is a dateline even when the
        # name is also a first name or a small town
        line_start = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_punct
        if i > 0 and doc[i - 1].is_lower:
            return max(j, i + 1)  # "the NATO-Russia Council": an acronym after a lower-case word is no dateline
        sure = line_start and (doc[j].text in ("—", "–", "-", "--", "---", "(") or self.region_follows(j))
        if (sure or span.text.lower() not in stopwords()) and \
                _entries_strong(self.gaz, span.text, 1000 if sure else 5000):
            self.add(span, span.text.title(), "gazetteer")
        return max(j, i + 1)

    def region_follows(self, j: int) -> bool:
        """ "LONDON, Ky." : a comma then a region's abbreviation or name."""
        doc = self.doc
        return doc[j].text == "," and j + 1 < len(doc) and any(
            e.feature in ("admin1", "country") for e in self.gaz.lookup(doc[j + 1].text))

    def before_residents(self, span: Span) -> bool:
        """A name right before a noun for its people ("Lancaster woman", "Shiloh students")."""
        doc = self.doc
        return span.end < len(doc) and doc[span.end].lower_ in RESIDENT_NOUNS and \
            not (span.start > 0 and doc[span.start - 1].is_title and not doc[span.start].is_sent_start)

    def accept_scan(self, span: Span) -> bool:
        text = span.text
        if any(not (t.text[:1].isupper() or t.lower_ in ("of", "de", "al", "el")) for t in span):
            # lower-case words inside: only the project's own facility and region names
            return any(e.feature in ("facility", "region") for e in self.gaz.lookup(text))
        if text.lower() in demonyms() or self.person_like(span):
            return False
        if len(span) == 1 and span[0].pos_ == "ADJ" and span[0].dep_ == "amod" and span.end < len(self.doc) \
                and span[0].head.i == span.end and self.doc[span.end].is_lower \
                and span[0].lower_ in english_adjectives():
            # "Young men", "Early voters", "a retired Naval officer": an English adjective, not a town
            # (spaCy tags "Grovetown police" and "Augusta native" as adjectives too)
            return False
        if self.before_residents(span):
            # "Winona man found dead", "Clinton couple charged": local news names people by their town
            return _entries_strong(self.gaz, text, 1000)
        if text.lower() in stopwords():
            return False
        if len(span) == 1 and (span[0].text in self.lower_words or span[0].text.lower() in self.lower_words
                               or span[0].is_stop):
            return False
        doc = self.doc
        inside_longer_name = (span.start > 0 and not span[0].is_sent_start and doc[span.start - 1].is_title
                              and doc[span.start - 1].pos_ == "PROPN") or \
            (span.end < len(doc) and doc[span.end].is_title and doc[span.end].pos_ == "PROPN")
        institution_next = span.end < len(doc) and doc[span.end].lower_ in INSTITUTION_WORDS and \
            not (span.start > 0 and not span[0].is_sent_start and doc[span.start - 1].is_title)
        if institution_next and text.lower() not in stopwords() and doc[span.end].lower_ not in ("road", "high"):
            return _entries_strong(self.gaz, text, 1000)  # "Roselle police", "London Police"
        if inside_longer_name:  # "Grove" in "Meadow Grove": part of a name we do not know
            return any(e.feature in ("country", "admin1") for e in self.gaz.lookup(text))
        if len(normalize(text)) < 3:
            return False
        if span[0].is_sent_start and len(span) == 1:
            return any(e.feature in STRONG_FEATURES for e in self.gaz.lookup(text))
        if _entries_strong(self.gaz, text, SCAN_MIN_POPULATION):
            return True
        return _preceded_by_locative(span, LOCATIVE) and _entries_strong(self.gaz, text, 1000)

    def school_towns_named_alone(self) -> None:
        """A town in a school's name is a place after all when the article also names the town by itself
        ("Amherst College" in a story about Amherst): the school is then the town's. Not when the town's
        name only comes back before the school's own people ("Foley Middle School ... the Foley team")."""
        schools = {normalize(t.key) for t in self.school_towns}
        self.found = [t for t in self.found if normalize(t.key) not in schools or not self.before_school_noun(t)]
        alone = {normalize(t.key) for t in self.found if t.source != "demonym"}
        self.found.extend(t for t in self.school_towns if normalize(t.key) in alone)

    def before_school_noun(self, toponym: Toponym) -> bool:
        """ "the Foley team", "Franklin students": the name before one of a school's own nouns."""
        span = _span_of(self.doc, toponym)
        return span is not None and span.end < len(self.doc) and self.doc[span.end].lower_ in SCHOOL_NOUNS

    def longest_names(self) -> None:
        """A place that is only the start or the end of a longer place name the gazetteer knows is that longer
        place: "[Licking] County Prosecutor", "[Kansas] City International", "ST. [PAUL] --", "Mount [Vernon]".
        spaCy often ends or starts an entity one word short, and the short name is another place (the
        state of Kansas, Licking, Missouri; Paul, Cape Verde). The longer name must be a place's own name
        (not a GeoNames alternate name) or a county, so that "Paris Hilton" or "Washington Post" stay apart."""
        doc = self.doc
        for n, t in enumerate(self.found):
            if t.source in ("demonym", "street") or t.hint == "facility":
                continue
            span = _span_of(doc, t)
            if span is None:
                continue
            longer = self.longer_name(span)
            if longer is None:
                continue
            for i in range(longer.start, longer.end):
                self.taken[i] = True
            hint = "admin2" if longer[-1].lower_ in COUNTY_WORDS else None
            key = longer.text.title() if longer.text.isupper() else longer.text
            self.found[n] = Toponym(longer.text, longer.start_char, longer.end_char, t.sentence, key, t.source, hint,
                                    t.qualifier)

    def longer_name(self, span: Span) -> Span | None:
        doc = self.doc
        candidates = []
        for extra in (2, 1):  # to the right: "Licking County", "Kansas City", "Bradford Woods"
            end = span.end + extra
            if end <= min(len(doc), span.sent.end) and all(t.is_title or t.text.isupper() and t.is_alpha
                                                             for t in doc[span.end:end]):
                candidates.append(doc[span.start:end])
        start = span.start - 1  # to the left, a saint's or a mount's title: "ST. PAUL", "Mt. Vernon"
        if start >= 0 and doc[start].text == "." and start > 0 and not doc[start - 1].whitespace_:
            start -= 1
        if start >= 0 and doc[start:span.start].text.lower().rstrip(".") in LONGER_NAME_LEADS:
            candidates.append(doc[start:span.end])
        for longer in candidates:
            if any(self.taken[i] for i in range(longer.start, longer.end) if not span.start <= i < span.end) \
                    or self.city_of_council(longer):
                continue  # (taken by another name; "Dublin [City Council]": the body's word)
            key = normalize(longer.text)
            if any(e.feature == "admin2" or normalize(e.name) == key and e.population >= 1000
                   or e.feature in STRONG_FEATURES for e in self.gaz.lookup(longer.text)):
                if longer[-1].text in SCHOOL_WORDS or longer.end < len(doc) and doc[longer.end].text in SCHOOL_WORDS:
                    continue  # "Mount Vernon High": a school, judged by the passes above
                if longer.end < len(doc) and doc[longer.end].text in ("for", "of", "on"):
                    continue  # "[Michigan Center] for Computer Security": an organisation's name goes on
                return longer
        return None

    def qualify(self) -> None:
        """'Paris, Texas': the second name qualifies the first when it is a region or country."""
        self.found.sort(key=lambda t: t.start)
        text = self.ctx.text
        for a, b in zip(self.found, self.found[1:]):
            if text[a.end:b.start] in (", ", ","):
                if any(e.feature in ("admin1", "country") for e in self.gaz.lookup(b.key)):
                    a.qualifier = b.key


def find_toponyms(ctx: ArticleContext) -> list[Toponym]:
    gaz = load_gazetteer()
    finder = _Finder(ctx, gaz)
    finder.based_modifiers()
    finder.natural_features()
    finder.street_lists()
    for ent in ctx.ents:
        if ent.label_ in PLACE_LABELS:
            finder.from_entity(ent)
    for ent in ctx.ents:
        if ent.label_ in ("PERSON", "ORG", "NORP"):
            finder.from_mislabel(ent)
    for ent in ctx.ents:
        if ent.label_ in INSIDE_NAME_LABELS:
            finder.from_inside_name(ent)
    finder.party_hometowns()
    finder.county_lists()
    finder.scan()
    finder.streets()
    finder.abbreviated_regions()
    finder.school_towns_named_alone()
    finder.longest_names()
    finder.qualify()
    # a disease named after a place keeps the place's name alone later ("Marburg virus ... Marburg kills
    # more slowly"): every mention of that name is the disease, unless it is written as where ("in Marburg").
    # Not a country's or a region's name: "the China virus" leaves China a country.
    before_diseases = _before_disease_words(ctx.text)
    diseases = {name for name in {t.text for t in finder.found} if _disease_named_after(before_diseases, name)
                and not any(e.feature in ("country", "admin1", "continent", "region") for e in gaz.lookup(name))}
    return [t for t in finder.found if t.text not in diseases or not _names_disease(ctx, t)
            and _written_as_where(ctx, t)]


_DISEASE_WORD = re.compile(r"[\s-]+(?:" + "|".join(re.escape(w) for w in sorted(
    DISEASE_WORDS - {"like", "strain", "variant"})) + r")\b", re.IGNORECASE)
_NAME_BEFORE_DISEASE = 80  # characters read before a disease word: longer than any place's name


def _before_disease_words(text: str) -> list[str]:
    """The text just before each disease word ("... the Marburg" of "the Marburg virus"), lower-cased:
    the article is searched once, not once per place name."""
    return [text[max(0, m.start() - _NAME_BEFORE_DISEASE):m.start()].lower() for m in _DISEASE_WORD.finditer(text)]


def _disease_named_after(before_diseases: list[str], name: str) -> bool:
    """The text names a disease after the place somewhere ("the Marburg virus", "West Nile fever"):
    one of the texts before a disease word ends with the name, as whole words."""
    name = name.lower()
    return any(before.endswith(name) and not _word_char_before(before, len(before) - len(name))
               for before in before_diseases)


def _word_char_before(text: str, at: int) -> bool:
    return at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")


def _span_of(doc: Doc, toponym: Toponym) -> Span | None:
    """The tokens a toponym covers (None when its offsets fall inside no token)."""
    return doc.char_span(toponym.start, toponym.end, alignment_mode="expand")


def _written_as_where(ctx: ArticleContext, toponym: Toponym) -> bool:
    span = _span_of(ctx.doc, toponym)
    return span is not None and _preceded_by_locative(span)


def _names_disease(ctx: ArticleContext, toponym: Toponym) -> bool:
    """ "West Nile virus", "Rift Valley fever", "Lassa fever": a disease named after a place is not a place."""
    span = _span_of(ctx.doc, toponym)
    if span is None or span.end >= len(ctx.doc):
        return False
    following = ctx.doc[span.end]
    if following.text in ("-", "‐") and span.end + 1 < len(ctx.doc):
        following = ctx.doc[span.end + 1]  # "Zika-like"
    return following.lower_ in DISEASE_WORDS


def speaker_location(doc: Doc, start: int, end: int) -> bool:
    """Whether the place at [start, end) only says where someone spoke: "In Washington, X said ..."."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    while token.dep_ in ("compound", "conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in ("in", "from", "at"):
        return False
    verb = token.head.head
    return verb.lemma_.lower() in SPEECH_LEMMAS


__all__ = ["Toponym", "find_toponyms", "speaker_location", "DATA"]
