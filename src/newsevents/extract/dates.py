"""Date expressions normalized against the publication date.

Candidates are spaCy's DATE entities (and TIME entities that name a day, "Tuesday morning"),
plus the date words the small model often misses ("now", "recently", bare day names,
"March 15"). Each candidate is normalized by `timex.normalize` with the tense of its clause
(for the year of "September 30", the week of "Friday") and the quarter under discussion (for
"the year-ago quarter"). Durations, recurrences, ages and model numbers ("Su-34") are dropped.

`DateMention.value` is an ISO date at the precision stated (2016-03-15, 2016-03, 2016, 2016-W11,
2016-Q3, 2016-SU, 201 for the 2010s) or None. "now" has the publication date with precision
"present"; "recently" and "in the future" have no value, precision "past" and "future" (TIMEX3's
PRESENT_REF, PAST_REF and FUTURE_REF).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsevents.context import ArticleContext
from newsevents.extract.timex import Anchor, date_words, normalize
from newsevents.model import DateMention

# TIMEX3 reference values -> the precision a DateMention carries for them.
REF_PRECISION = {"PRESENT_REF": "present", "PAST_REF": "past", "FUTURE_REF": "future"}
FUTURE_AUX = {"will", "'ll", "ll", "shall", "wo"}
# Verbs and adjectives whose complement is in the future: "plans to meet on Friday".
FUTURE_HEADS = {"expect", "plan", "schedule", "intend", "hope", "want", "set", "due", "aim", "prepare", "agree",
                "promise", "vow", "seek", "propose", "threaten", "likely", "expected", "scheduled", "slated"}
DAY_IN_TIME = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow)\b",
                         re.IGNORECASE)
SPLIT = re.compile(r"\s+(?:ended|ending|through|and|to|until|or|from)\s+(?=(?:the\s+)?[A-Z0-9]|"
                   r"(?:last|this|next|early|late)\s)")
MODEL_NAME = re.compile(r"[A-Za-z]{1,4}-?\d")  # "Su-34", "S-400", "F16", "MH17"


@lru_cache(maxsize=1)
def _extra_pattern() -> re.Pattern:
    """Date words the small spaCy model often leaves out of its DATE entities."""
    words = date_words()
    months = sorted((m for m in words.months if len(m) > 3), key=len, reverse=True)
    # Case-sensitive: "March 15", not "they march 15 miles".
    month = "(?-i:" + "|".join(m.capitalize() for m in months) + r"|(?:Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
    weekday = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    # Not "soon" or "previously": mostly adverbs of manner or sequence in news, rarely a date.
    # "the past" alone, not "the past nine elections" or "the past two weeks" (durations).
    refs = r"now|currently|recently|nowadays|at present|the future|the past(?!\s+(?:\d|[a-z]+\s+(?:years?|months?|" \
           r"weeks?|days?|elections?|decades?)|few|several|couple|two|three|four|five|six|seven|eight|nine|ten|" \
           r"year|month|week|day|decade|century))|in recent " \
           r"(?:years|months|weeks|days)|recent (?:years|months|weeks|days)|today|yesterday|tomorrow|" \
           r"the (?:latest|most recent|year-ago|year-earlier) (?:quarter|period)"
    return re.compile(
        rf"\b(?:(?:{month})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\d)"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{month})(?:,?\s+\d{{4}})?"
        rf"|(?:(?:last|next|this|on)\s+)?(?:{weekday})"
        rf"|(?:{refs}))\b",
        re.IGNORECASE,
    )


def _candidates(ents, text: str) -> list[tuple[int, int]]:
    """Character spans that may be dates, from NER and from the extra pattern, without overlaps."""
    spans: list[tuple[int, int]] = []
    for ent in ents:
        if ent.label_ == "DATE" or ent.label_ == "TIME" and DAY_IN_TIME.search(ent.text):
            spans.extend(_split(ent.text, ent.start_char))
    taken = sorted(spans)
    for match in _extra_pattern().finditer(text):
        start, end = match.span()
        words = match.group(0)
        first = words.split()[0]
        if re.fullmatch(r"(?i)(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", first) and not \
                first[0].isupper():
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        if words.lower().startswith("on "):
            start += 3
        spans.append((start, end))
    return sorted(set(spans))


def _split(text: str, offset: int) -> list[tuple[int, int]]:
    """One entity holding two dates ("the fourth quarter ended Sept. 30", "Monday and Tuesday") as two."""
    match = SPLIT.search(text)
    if not match:
        return [(offset, offset + len(text))]
    return [(offset, offset + match.start()), (offset + match.end(), offset + len(text))]


def _tense(token) -> str | None:
    """past | future | None for the clause of a token: from the verb it hangs on and its auxiliaries."""
    doc = token.doc
    before = " ".join(t.lower_ for t in doc[max(token.sent.start, token.left_edge.i - 3):token.left_edge.i])
    if before.endswith("since"):
        return "past"  # "since Tuesday" looks back
    if before.endswith(("as soon as", "as early as", "no later than")):
        return "future"
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("amod", "compound"):
            break
        if verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return _verb_tense(verb, depth=0)


def _verb_tense(verb, depth: int) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowered = {a.lower_ for a in auxiliaries}
    if lowered & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
        return "future"
    if "going" in lowered or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in FUTURE_HEADS
                              and verb.head.lower_ != "set"):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lower_ == "going":
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and lowered & {"has", "have", "'ve", "had"}:
        return "past"
    # An infinitive takes the time of the verb it depends on: "staged celebrations to mark ... on Friday".
    if verb.tag_ == "VB" and "to" in lowered and verb.head.i != verb.i and depth < 2 \
            and verb.head.pos_ in ("VERB", "AUX"):
        return _verb_tense(verb.head, depth + 1)
    # Modals and the simple present stay undecided: "they meet Monday" is a schedule, but news also
    # writes the present for what just happened ("X dies"), the likelier reading.
    return None


def _is_model_number(text: str, start: int, end: int) -> bool:
    """A number glued to letters by a hyphen ("Su-34", "S-400") is a model name, not a year."""
    before = text[max(0, start - 4):start]
    return bool(re.search(r"[A-Za-z]-$", before)) or bool(MODEL_NAME.fullmatch(text[start:end].split()[0]))


def extract_dates(ctx: ArticleContext) -> list[DateMention]:
    doc = ctx.doc
    full_text = ctx.text
    mentions: list[DateMention] = []
    quarter = None
    for start, end in _candidates(ctx.ents, full_text):
        if _is_model_number(full_text, start, end):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        text = full_text[start:end]
        anchor = Anchor(ctx.published, _tense(span.root), quarter)
        timex = normalize(text, anchor)
        if timex is None:
            continue
        if timex.precision == "quarter" and timex.value and timex.relative:
            year, _, number = timex.value.partition("-Q")
            if year.isdigit() and number.isdigit() and not re.search(r"(?i)\b(ago|earlier|before)\b", text):
                quarter = (int(year), int(number))
        value, precision = timex.value, timex.precision
        if precision == "ref":
            # The record's value stays an ISO date or None: "now" is the publication date; "recently"
            # and "in the future" have none. The TIMEX3 reference is kept as the precision.
            precision = REF_PRECISION.get(value or "", "ref")
            value = ctx.published.isoformat() if precision == "present" and ctx.published else None
        mentions.append(DateMention(
            text=text, start=start, end=end, sentence=ctx.sentence_index(start), value=value,
            precision=precision, relative=timex.relative,
        ))
    return mentions
