"""Numeric claims: how many of what ("some 800 troops", "more than 270,000 people killed").

A quantity is a run of number tokens (digits, number words, "1.5 million", vague plurals like
"dozens"), widened to a range ("between 3,000 and 6,000", "3,000-6,000") and to the
approximation word before it ("about", "more than"). What is counted comes from the
dependency parse: the noun the number modifies (or the noun after "of" in "dozens of people"),
its adjectives and compounds, nouns joined to it by "and", and the casualty verb it is the
subject or object of ("people killed"). Numbers that are something else are dropped: dates,
years, times, money, percentages, ages, ordinals, identifiers ("Flight 17") and model names
("Su-34", "S-400"). The word lists live in data/quantity_units.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsevents.context import ArticleContext
from newsevents.model import Quantity

LEXICON = Path(__file__).resolve().parent.parent / "data" / "quantity_units.tsv"

# Entity labels whose numbers are not counts of things.
NOT_COUNTS = {"TIME", "MONEY", "PERCENT", "ORDINAL", "PERSON", "ORG", "GPE", "LAW", "PRODUCT",
              "FAC", "EVENT", "WORK_OF_ART", "LOC", "LANGUAGE", "NORP"}
SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth", "twentieth", "hundredth", "thousandth", "millionth", "last"}
ORDINAL_DIGITS = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
DIGIT_RANGE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–](\d[\d,]*(?:\.\d+)?)$")
MODEL_PLURAL = re.compile(r"^[A-Z][A-Za-z]{0,3}-\d+[A-Za-z]?s$")
TIME_WORDS = re.compile(r"(?i)\b(second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century|"
                        r"\d{4}s?|\d0s|spring|summer|fall|autumn|winter|ago|old)s?\b|year")
TIME_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights", "week",
              "weeks", "weekend", "weekends", "month", "months", "year", "years", "decade", "decades", "century",
              "centuries", "quarter", "quarters"}
RANGE_LINKS = {"to", "-", "–", "—", "or"}  # "between X and Y" and "from X to Y" are handled by the opener
CURRENCY = {"$", "€", "£", "¥", "us$", "usd", "eur", "rs", "rs."}
# What a casualty verb adds to the unit: "270,000 people have been killed" -> "people killed".
PARTICIPLES = {"kill": "killed", "wound": "wounded", "injure": "injured", "die": "died", "hurt": "hurt",
               "execute": "executed", "massacre": "massacred", "perish": "perished", "slay": "slain",
               "murder": "murdered", "shoot": "shot", "behead": "beheaded", "abduct": "abducted",
               "kidnap": "kidnapped", "displace": "displaced", "arrest": "arrested", "detain": "detained"}
CASUALTY_VERBS = {"kill", "wound", "injure", "die", "hurt", "execute", "massacre", "perish", "slay", "murder",
                  "shoot", "behead"}


@dataclass(frozen=True)
class Lexicon:
    approx: tuple[tuple[str, ...], ...]  # longest first
    openers: frozenset[str]
    vague: dict[tuple[str, ...], float]
    vague_starts: frozenset[str]
    multipliers: dict[str, float]
    casualty: frozenset[str]
    military: frozenset[str]
    nonunit: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON) -> Lexicon:
    rows: dict[str, list[tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        parts = line.split("\t")
        rows.setdefault(parts[0].strip(), []).append((parts[1].strip().lower(), parts[2].strip() if len(parts) > 2
                                                      else ""))
    approx = sorted({tuple(w.split()) for w, _ in rows.get("approx", [])}, key=len, reverse=True)
    return Lexicon(
        approx=tuple(approx),
        openers=frozenset(w for w, _ in rows.get("range", [])),
        vague={tuple(w.split()): float(v) for w, v in rows.get("vague", [])},
        vague_starts=frozenset(w.split()[0] for w, _ in rows.get("vague", [])),
        multipliers={w: float(v) for w, v in rows.get("multiplier", [])},
        casualty=frozenset(w for w, _ in rows.get("casualty", [])),
        military=frozenset(w for w, _ in rows.get("military", [])),
        nonunit=frozenset(w for w, _ in rows.get("nonunit", [])),
    )


def _is_ordinal(token) -> bool:
    return token.ent_type_ == "ORDINAL" or token.lower_ in ORDINAL_WORDS or bool(ORDINAL_DIGITS.match(token.text))


def _is_number(token, lex: Lexicon) -> bool:
    text = token.lower_
    # Cheap test first: this runs on every token of the article.
    if not (token.like_num or text[:1].isdigit() or text in lex.multipliers or text in SMALL_NUMBERS):
        return False
    if _is_ordinal(token):
        return False
    if text in lex.multipliers or text in SMALL_NUMBERS and text not in ("a", "an"):
        return True
    if DIGITS.match(token.text) or DIGIT_RANGE.match(token.text):
        return True
    return token.like_num and token.pos_ == "NUM" and not any(c.isalpha() for c in token.text if c not in "e")


def parse_number(words: list[str], lex: Lexicon) -> float | None:
    """The value of number tokens: "3,000", "1.5 million", "twenty - five", "two hundred", "a dozen"."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        word = word.lower().replace(",", "")
        if word in ("-", "–", "and"):
            continue
        if re.fullmatch(r"\d+(\.\d+)?", word):
            current += float(word)
        elif word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
        elif word in ("dozen",):
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in lex.multipliers:
            total += (current or 1) * lex.multipliers[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _match_phrase(lowers: list[str], end: int, phrases, lower_bound: int) -> int | None:
    """Start of the longest phrase in `phrases` that ends just before token `end`."""
    for phrase in phrases:
        start = end - len(phrase)
        if start >= lower_bound and tuple(lowers[start:end]) == phrase:
            return start
    return None


def _match_vague(lowers: list[str], i: int, stop: int, lex: Lexicon) -> tuple[int, float] | None:
    """A vague count starting at token i ("dozens", "tens of thousands"): (end, lowest value)."""
    best = None
    if lowers[i] not in lex.vague_starts:  # cheap test first: this runs on every token
        return None
    for phrase, value in lex.vague.items():
        end = i + len(phrase)
        if end <= stop and tuple(lowers[i:end]) == phrase:
            if best is None or end > best[0]:
                best = (end, value)
    return best


def _number_run(doc, i: int, stop: int, lex: Lexicon) -> int:
    """End of the run of number tokens starting at i ("1.5 million", "twenty - five")."""
    j = i + 1
    while j < stop:
        token = doc[j]
        if _is_number(token, lex) and not DIGIT_RANGE.match(token.text) and token.whitespace_ != "-":
            j += 1
        elif token.text == "-" and not token.whitespace_ and not doc[j - 1].whitespace_ and j + 1 < stop \
                and doc[j + 1].lower_ in SMALL_NUMBERS:
            j += 1
        elif token.lower_ == "and" and doc[j - 1].lower_ == "hundred" and j + 1 < stop and _is_number(doc[j + 1], lex):
            j += 1
        else:
            break
    return j


def _in_date(token, dates: list[tuple[int, int]]) -> bool:
    """In a date the date extractor kept, or in a DATE entity that names a span of time ("five years").
    spaCy also calls some counts DATE ("40 T-72s"): those the date extractor dropped stay counts."""
    if token.ent_type_ != "DATE":
        return False
    if any(start <= token.idx < end for start, end in dates):
        return True
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return entity is None or bool(TIME_WORDS.search(entity.text))


def _excluded(doc, lowers: list[str], start: int, end: int, lex: Lexicon, dates: list[tuple[int, int]]) -> bool:
    """Numbers that are not counts: in a date/money/name entity, years, ages, model names, identifiers."""
    tokens = doc[start:end]
    if any(t.ent_type_ in NOT_COUNTS or _in_date(t, dates) for t in tokens):
        return True
    first, last = doc[start], doc[end - 1]
    # Model names and codes: "Su-34", "S-400", "F-16", "MH17".
    if first.i > 0 and not doc[first.i - 1].whitespace_ and doc[first.i - 1].text[-1] in "-–/" \
            and (len(doc[first.i - 1].text) > 1 and doc[first.i - 1].text[-2].isalpha()
                 or first.i > 1 and not doc[first.i - 2].whitespace_ and doc[first.i - 2].text[-1].isalpha()):
        return True
    if start > 0 and doc[start - 1].lower_ in CURRENCY | {"aged", "age", "ages", "no.", "number", "#"}:
        return True
    after = doc[end:end + 3]
    following = " ".join(t.lower_ for t in after)
    if any(following.startswith(w) for w in lex.nonunit) or following.startswith("- year") \
            or following.startswith("-year"):
        return True
    # A hyphenated modifier: "five-year civil war", "a 10-point plan", "three-day visit".
    if end + 1 < len(doc) and doc[end].text in "-–" and not last.whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_alpha:
        return True
    if last.text.endswith(("-", "–")):
        return True
    # A bare year: "in 2015" outside a DATE entity.
    if len(tokens) == 1 and re.fullmatch(r"1[5-9]\d\d|20\d\d", first.text):
        head = first.head
        if not (first.dep_ == "nummod" and head.i > first.i and head.tag_ in ("NNS", "NNPS")):
            return True
    # An identifier: "Flight 17", "Resolution 2254", "Article 5", "page 3".
    if last.dep_ in ("nummod", "appos", "npadvmod") and last.head.i < start and last.head.pos_ in ("PROPN", "NOUN") \
            and last.head.i == start - 1:
        return True
    # An age after a name: "Scott, 69, has emerged", "Sarah and Timothy Rogers, 27 and 29 years old".
    if start > 1 and doc[start - 1].text == "," and (doc[start - 2].ent_type_ == "PERSON" or doc[start - 2].tag_ == "NNP") \
            and (end >= len(doc) or doc[end].text in (",", ")", ".", "and")):
        return True
    ahead = " ".join(lowers[end:end + 5])
    if re.match(r"^(and|or|to|-) \S+ (years? old|year-old|- year - old)", ahead):
        return True
    # A ratio: "1 in 4 residents", "eight of 10 avocados", "three out of five".
    if re.match(r"^(in|of|out of) (\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten)\b", ahead) \
            or start > 1 and doc[start - 1].lower_ in ("in", "of") and _is_number(doc[start - 2], lex) \
            and doc[start - 2].dep_ != "nummod" and doc[start - 2].lower_ not in lex.multipliers:
        return True
    # "one" as a pronoun: "one of them", "no one".
    if len(tokens) == 1 and first.lower_ == "one" and first.dep_ != "nummod":
        return True
    # Times: "at 5", "10.30" next to am/pm.
    return bool(after and after[0].lower_ in ("a.m.", "p.m.", "am", "pm", "gmt", "utc", "o'clock"))


def _head_noun(doc, start: int, end: int):
    """The noun the number counts, or None: "800 [troops]", "dozens of [people]"."""
    group = range(start, end)
    top = doc[end - 1]
    for _ in range(4):
        if top.head.i in group and top.head.i != top.i:
            top = top.head
        else:
            break
    head = top.head
    if top.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "npadvmod") and head.i >= end \
            and head.i - end <= 5 and head.pos_ in ("NOUN", "PROPN", "ADJ"):
        return head
    for child in doc[start:end]:
        for prep in child.children:
            if prep.lower_ == "of" and prep.i == end:
                objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                if objects:
                    return objects[0]
    return None


def _unit(doc, head, end: int, lex: Lexicon) -> tuple[str, list]:
    """The noun phrase of the counted thing, without determiners or nationality: "military personnel"."""
    modifiers = [t for t in doc[end:head.i] if t.head.i == head.i or t.head.head.i == head.i]
    modifiers = [t for t in modifiers if t.dep_ in ("amod", "compound", "nmod") and t.ent_type_ not in ("NORP", "GPE")
                 and t.pos_ != "NUM"]
    first = min([t.i for t in modifiers] + [head.i])
    last = head.i
    nouns = [head]
    for conj in head.conjuncts:
        if any(c.dep_ == "nummod" for c in conj.children):
            break  # "20,000 troops and 300 tanks": the tanks have their own count
        if conj.i > head.i and conj.i - last <= 4 and conj.pos_ in ("NOUN", "PROPN") \
                and (conj.tag_ == head.tag_ or conj.tag_ in ("NNS", "NNPS")):
            nouns.append(conj)
            last = conj.i
    return doc[first:last + 1].text, nouns


def _casualty_verb(token):
    """The casualty verb a noun (or number) is subject or object of, or None."""
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and token.head.lemma_.lower() in PARTICIPLES:
        verb = token.head
        if token.dep_ == "pobj":  # "wounding dozens of people": the pobj's prep sits on the number
            return None
        return verb
    if token.dep_ in ("nsubj",) and token.head.lemma_ == "be":
        for child in token.head.children:
            if child.dep_ == "acomp" and child.lower_ in ("dead", "injured", "wounded", "missing"):
                return child
    return None


def _subject_measure(number, lex: Lexicon) -> str | None:
    """What a number measures when it is what the subject rose to or stood at: "the death toll rose to 50"."""
    verb = number.head.head if number.dep_ == "pobj" and number.head.lower_ in ("to", "at") else \
        number.head if number.dep_ in ("dobj", "attr") else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].pos_ != "NOUN":
        return None
    subject = subjects[0]
    words = [c for c in subject.children if c.dep_ in ("compound", "amod") and c.i < subject.i] + [subject]
    phrase = " ".join(w.lower_ for w in words)
    return phrase if any(w.lower_ in lex.casualty or w.lemma_.lower() in lex.casualty for w in words) else None


def _describe(doc, start: int, end: int, lex: Lexicon) -> tuple[str | None, bool, bool]:
    """unit, casualty, military for the number group doc[start:end]."""
    head = _head_noun(doc, start, end)
    casualty_word = None
    if head is not None:
        unit, nouns = _unit(doc, head, end, lex)
        carrier = head
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            carrier = head.head.head  # "dozens of people were wounded": the number is the subject
    else:
        unit, nouns, carrier = None, [], doc[end - 1]
        while carrier.head.i in range(start, end) and carrier.head.i != carrier.i:
            carrier = carrier.head
        if end < len(doc) and doc[end].lower_ in lex.casualty:  # "12 dead", "three injured"
            casualty_word = doc[end].lower_
    verb = _casualty_verb(carrier)
    measured = None
    if unit is None and verb is None:
        unit = measured = _subject_measure(carrier, lex)  # only ever a casualty measure
    if verb is not None:
        casualty_word = PARTICIPLES.get(verb.lemma_.lower(), verb.lower_)
    if casualty_word and (unit is None or casualty_word not in unit.lower()):
        unit = f"{unit} {casualty_word}" if unit else casualty_word
    words = set()
    for noun in nouns:
        words.update({noun.lower_, noun.lemma_.lower()})
    lowered = (unit or "").lower()
    casualty = bool(casualty_word and (casualty_word in lex.casualty or verb is not None
                                       and verb.lemma_.lower() in CASUALTY_VERBS)) \
        or bool(words & lex.casualty) or measured is not None
    # Weapon models counted in the plural ("three Su-34s", "40 T-72s") are military hardware.
    military = bool(words & lex.military) or lowered in lex.military \
        or any(MODEL_PLURAL.match(noun.text) for noun in nouns)
    return unit, casualty, military


def _quantity(doc, lowers: list[str], ctx, start: int, end: int, lex: Lexicon,
              dates: list[tuple[int, int]]) -> tuple[Quantity, int] | None:
    """The quantity whose number run starts at token `start`, and the token where it ends."""
    sent_start = doc[start].sent.start
    value = low = high = None
    approx_word = None
    vague = _match_vague(lowers, start, end, lex)
    if vague is not None:
        stop = vague[0]
        low = vague[1]
        approx_word = doc[start:stop].text.lower()
        group_end = stop
    else:
        group_end = _number_run(doc, start, end, lex)
        token = doc[start]
        span_range = DIGIT_RANGE.match(token.text) if group_end == start + 1 else None
        if span_range:
            low = parse_number([span_range.group(1)], lex)
            high = parse_number([span_range.group(2)], lex)
        else:
            value = parse_number([t.text for t in doc[start:group_end]], lex)
            if value is None:
                return None
    if _excluded(doc, lowers, start, group_end, lex, dates):
        return None
    opener = doc[start - 1].lower_ if start > sent_start else ""
    # A range: "between 3,000 and 6,000", "from 10 to 20", "two or three", "3,000 to 6,000".
    link = doc[group_end].lower_ if group_end < end else ""
    if value is not None and group_end + 1 < end and (
            link in RANGE_LINKS or link == "and" and opener in lex.openers) \
            and _is_number(doc[group_end + 1], lex) and not (link == "to" and opener != "from"
                                                               and doc[start - 1].lower_ in ("from",)):
        second_end = _number_run(doc, group_end + 1, end, lex)
        second = parse_number([t.text for t in doc[group_end + 1:second_end]], lex)
        if second is not None and not _excluded(doc, lowers, group_end + 1, second_end, lex, dates):
            multiplier = lex.multipliers.get(doc[second_end - 1].lower_)
            if multiplier and value < multiplier and doc[group_end - 1].lower_ not in lex.multipliers:
                value *= multiplier  # "between 3 and 6 million"
            if second > value:
                low, high, value = value, second, None
                group_end = second_end
    first = start
    # "a million", "half a million": the article before a bare multiplier is part of the number.
    if value is not None and lowers[start] in lex.multipliers and start - 1 >= sent_start \
            and lowers[start - 1] in ("a", "an"):
        first = start - 1
        if first - 1 >= sent_start and lowers[first - 1] == "half":
            first -= 1
            value *= 0.5
    if value is None and low is not None and high is not None and opener in lex.openers:
        first = start - 1
        approx_word = approx_word or opener
    approx_start = _match_phrase(lowers, first, lex.approx, sent_start)
    if approx_start is not None and not (doc[approx_start].lower_ == "some" and first != start):
        approx_word = doc[approx_start:first].text.lower()
        first = approx_start
    approx = approx_word is not None
    if approx_word in ("more than", "at least", "over", "upwards of", "just over", "well over") and value is not None:
        low = value
    elif approx_word in ("up to", "less than", "fewer than", "under", "at most", "as many as", "just under") \
            and value is not None:
        high = value
    unit, casualty, military = _describe(doc, start, group_end, lex)
    if unit and unit.split()[-1].lower() in TIME_UNITS:
        return None  # a span of time ("more than 20 years"), not a count of things
    # A lone "one" is mostly "one reason", "one slide": kept only when it counts the dead or the armed.
    if lowers[start] == "one" and group_end == start + 1 and value == 1 and not (casualty or military):
        return None
    span = doc[first:group_end]
    return Quantity(
        text=span.text, start=span.start_char, end=span.end_char, sentence=ctx.sentence_index(span.start_char),
        value=value, low=low, high=high, approx=approx, approx_word=approx_word, unit=unit,
        casualty=casualty, military=military,
    ), group_end


def extract_quantities(ctx: ArticleContext) -> list[Quantity]:
    lex = load_lexicon()
    doc = ctx.doc
    tokens = ctx.tokens
    lowers = [t.lower_ for t in tokens]
    dates = [(d.start, d.end) for d in ctx.dates]
    quantities: list[Quantity] = []
    for sent in ctx.sents:
        i = sent.start
        while i < sent.end:
            token = tokens[i]
            if _is_number(token, lex) or _match_vague(lowers, i, sent.end, lex):
                found = _quantity(doc, lowers, ctx, i, sent.end, lex, dates)
                if found is not None:
                    quantities.append(found[0])
                    i = max(found[1], i + 1)
                    continue
                i = _number_run(doc, i, sent.end, lex) if _is_number(token, lex) else i + 1
                continue
            i += 1
    return quantities
