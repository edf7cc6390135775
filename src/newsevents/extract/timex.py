"""Normalizing one date phrase to a TIMEX3-style value, against the publication date.

`normalize("March 15", Anchor(date(2016, 3, 15), "past"))` gives `Timex("2016-03-15", "day", True)`.
Values follow TIMEX3: days 2016-03-15, months 2016-03, years 2016, weeks 2016-W11, weekends
2016-W11-WE, quarters 2016-Q3, halves 2016-H1, seasons 2016-SU, decades 201 (the 2010s), and
PRESENT_REF / PAST_REF / FUTURE_REF for "now", "recently", "the future".

The year of a date written without one comes from the tense of its clause: in a past-tense
clause a "September 30" that would fall after the publication date is the previous year's; in a
future-tense clause a date before it is next year's; otherwise the nearest one. Anything that
needs the publication date has value None when it is unknown (never invented).
Durations ("five years", "the past two days") and recurrences ("every year", "daily") are not
dates: `normalize` returns None for them. Phrases of digits, month names and slashes that the
rules here do not cover go to dateparser (English only, relative to the publication date).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

WORDS = Path(__file__).resolve().parent.parent / "data" / "date_words.tsv"

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "couple": 2,
                "couple of": 2, "a couple of": 2}
VAGUE_COUNTS = {"few", "a few", "several", "many", "some", "various", "the", "recent", "past"}
PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight|noon|midday))?"


@dataclass(frozen=True)
class Anchor:
    published: date | None
    tense: str | None = None  # "past" | "future" | None (present or unknown)
    quarter: tuple[int, int] | None = None  # (year, quarter) of the quarter last talked about


@dataclass(frozen=True)
class Timex:
    value: str | None
    precision: str  # day | week | weekend | month | quarter | half | season | year | decade | century | ref
    relative: bool


@dataclass(frozen=True)
class DateWords:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    ordinals: dict[str, int]
    refs: dict[str, str]
    sets: frozenset[str]
    units: frozenset[str]
    holidays: dict[str, str]


@lru_cache(maxsize=1)
def date_words(path: Path = WORDS) -> DateWords:
    rows: dict[str, dict[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        parts = line.split("\t") + [""]
        rows.setdefault(parts[0], {})[parts[1].strip().lower()] = parts[2].strip()
    return DateWords(
        months={w: int(v) for w, v in rows["month"].items()},
        weekdays={w: int(v) for w, v in rows["weekday"].items()},
        seasons=rows["season"], ordinals={w: int(v) for w, v in rows["ordinal"].items()},
        refs=rows["ref"], sets=frozenset(rows["set"]), units=frozenset(rows["duration_unit"]),
        holidays={name.replace("'s", ""): v for name, v in rows.get("holiday", {}).items()},  # as _clean has it
    )


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    w = date_words()
    month = "|".join(sorted(w.months, key=len, reverse=True))
    weekday = "|".join(sorted(w.weekdays, key=len, reverse=True))
    ordinal = "|".join(sorted(w.ordinals, key=len, reverse=True))
    season = "|".join(w.seasons)
    unit = r"(?:day|week|weekend|month|quarter|year|decade|century)"
    count = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|" \
            r"a couple of|couple of|a few|few|several|many|some)"
    return {
        "iso": re.compile(r"^(\d{4})-(\d\d)(?:-(\d\d))?$"),
        "month_day_year": re.compile(rf"^(?:(?:{weekday})\s+)?({month})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+(\d{{4}})$"),
        "day_month_year": re.compile(rf"^(?:(?:{weekday})\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({month})\s+"
                                     rf"(\d{{4}})$"),
        "month_year": re.compile(rf"^({month})\s+(?:of\s+)?(\d{{4}})$"),
        "month_day": re.compile(rf"^(?:(?:{weekday})\s+)?({month})\s+(\d{{1,2}})(?:st|nd|rd|th)?{PART_OF_DAY}$"),
        "day_month": re.compile(rf"^(?:(?:{weekday})\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({month})"
                                rf"{PART_OF_DAY}$"),
        "month": re.compile(rf"^(this|last|next|past|previous|coming|early|late|mid)?\s*({month})$"),
        "weekday": re.compile(rf"^(this|last|next|past|previous|coming|on)?\s*({weekday}){PART_OF_DAY}$"),
        "year": re.compile(r"^(?:(?:fiscal|calendar|fy|year|the year|model year)\s+)?(\d{4})$"),
        "decade": re.compile(r"^(?:(\d{2})(\d)0s|'(\d)0s|(\d)0s)$"),
        "century": re.compile(r"^(\d{1,2})(?:st|nd|rd|th) century$"),
        "day_word": re.compile(rf"^(today|tonight|yesterday|tomorrow|the day before yesterday|"
                               rf"the day after tomorrow){PART_OF_DAY}$"),
        "this_unit": re.compile(rf"^(this|last|next|past|previous|coming|current|the|that|same|the same|this past|"
                                rf"the current|the previous|the next|the coming|the past|the last)\s+({unit})$"),
        "ago": re.compile(rf"^{count}\s+(?:more\s+)?({unit})s?\s+(ago|earlier|before|later|from now|hence|"
                          rf"previously|since|after|back)$"),
        "quarter_ref": re.compile(r"^(?:the\s+|that\s+|this\s+)?((?:(?:latest|most recent|recent|same|comparable|"
                                  r"corresponding|fiscal|year ago|year earlier|just ended|just completed)\s+)+)"
                                  r"(quarter|period)$|^(?:the\s+|that\s+)(quarter)$"),
        "year_earlier": re.compile(r"^(?:the\s+)?(year|month|week|quarter)\s*(?:ago|earlier|before)"
                                   r"(?:\s+(quarter|period|month|year|week))?$"),
        "quarter": re.compile(rf"\b({ordinal})\s+(?:fiscal\s+)?(?:calendar\s+)?quarter\b|\bq([1-4])\b"),
        "half": re.compile(r"\b(first|second)\s+half\b"),
        "season": re.compile(rf"^(?:the\s+)?(this|last|next|past|previous|coming|early|late|this past)?\s*({season})(?:\s+(?:of\s+)?"
                             rf"(\d{{4}}))?$"),
        "duration": re.compile(rf"^(?:(?:the|a|an|over|for|within|in|during)\s+)?(?:(?:past|last|next|first|"
                               rf"coming|previous|following|full|entire|whole|same)\s+)?{count}?\s*(?:-\s*)?"
                               rf"(?:calendar\s+|fiscal\s+|straight\s+|consecutive\s+)?"
                               rf"(?:\d+\s+)?(?:{unit}|hour|minute|second|night|fortnight)s?"
                               rf"(?:\s+(?:old|long|period|time|span|running|straight|in a row))?$"),
    }


def _clean(text: str) -> tuple[str, str | None]:
    """Lowercase words without punctuation, and an edge modifier ("early", "late", "mid")."""
    s = text.lower().replace("’", "'").replace("`", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"(?<=[a-z])\.", "", s)  # "sept." -> "sept"
    s = re.sub(r"(?<=[a-z])-(?=[a-z])|(?<=\d)-(?=[a-z])|(?<=[a-z])-(?=\d)", " ", s)  # "third-quarter"
    s = re.sub(r"[,;:()\"]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    mod = None
    s = re.sub(r"^(?:in|on|at|during|of)\s+(?=\S)", "", s)  # "in recent days", "on Tuesday"
    # "more than 20 years ago", "about a week ago": the date stays, the approximation goes.
    s = re.sub(r"^(?:more than|less than|about|around|nearly|almost|roughly|approximately|some|over|"
               r"just over|just under|at least|only|just)\s+(?=\S)", "", s)
    match = re.match(r"^(?:the\s+)?(early|earlier|late|later|mid|the middle of|middle of|the end of|end of|"
                     r"the beginning of|beginning of|the start of|start of|"
                     r"by|until|since|as of)\s+(?=\S)", s)
    if match and not re.match(r"^(early|late)\s+(morning|afternoon|evening|night)", s):
        mod = match.group(1)
        s = s[match.end():]
    return s, mod


def _pick_year(candidate_days: int, year: int, anchor: Anchor) -> int:
    """The year of a date written without one, given how many days the same-year date lies after
    the publication date. In a past-tense clause a date more than about three months ahead is last
    year's ("launched on September 30" in a March article); closer ones stay (payment and meeting
    dates in past-tense sentences: "declared a dividend payable Nov. 10"). In a future-tense clause
    a date more than two weeks back is next year's. Otherwise the nearest."""
    if anchor.tense == "past":
        return year - 1 if candidate_days > 92 else year
    if anchor.tense == "future":
        return year + 1 if candidate_days < -14 else year
    if candidate_days > 183:
        return year - 1
    if candidate_days < -183:
        return year + 1
    return year


def _nearest_year(month: int, day: int, anchor: Anchor) -> int:
    published = anchor.published
    candidate = date(published.year, month, min(day, calendar.monthrange(published.year, month)[1]))
    return _pick_year((candidate - published).days, published.year, anchor)


def _month_year(month: int, anchor: Anchor) -> int:
    """The year of a month named alone ("in January"), from the middle of that month."""
    published = anchor.published
    return _pick_year((date(published.year, month, 15) - published).days, published.year, anchor)


def _weekday(target: int, anchor: Anchor, modifier: str | None) -> date:
    published = anchor.published
    back = (published.isoweekday() - target) % 7  # days back to the last such day (0: today)
    forward = (target - published.isoweekday()) % 7
    if modifier in ("last", "past", "previous"):
        return published - timedelta(days=back or 7)
    if modifier in ("next", "coming"):
        return published + timedelta(days=forward or 7)
    if modifier == "this":
        monday = published - timedelta(days=published.isoweekday() - 1)
        return monday + timedelta(days=target - 1)
    if anchor.tense == "past":
        return published - timedelta(days=back)
    if anchor.tense == "future":
        return published + timedelta(days=forward)
    # Without a tense, news mostly reports what happened: the last such day, unless it is tomorrow.
    return published + timedelta(days=1) if forward == 1 else published - timedelta(days=back)


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _last_quarter(anchor: Anchor) -> tuple[int, int]:
    """The quarter under discussion: the last one named, else the last complete one."""
    if anchor.quarter:
        return anchor.quarter
    year, quarter = _quarter_of(anchor.published)
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def _offset(unit: str, n: int, anchor: Anchor) -> Timex:
    """n units from the publication date (n < 0: before), at the unit's precision."""
    published = anchor.published
    if unit == "day":
        return Timex((published + timedelta(days=n)).isoformat(), "day", True)
    if unit in ("week", "weekend"):
        return Timex(_week(published + timedelta(weeks=n)) + ("-WE" if unit == "weekend" else ""), unit, True)
    if unit == "month":
        year, month = _shift_month(published, n)
        return Timex(f"{year:04d}-{month:02d}", "month", True)
    if unit == "quarter":
        year, quarter = _quarter_of(published)
        index = year * 4 + quarter - 1 + n
        return Timex(f"{index // 4}-Q{index % 4 + 1}", "quarter", True)
    if unit == "decade":
        return Timex(str((published.year + 10 * n) // 10), "decade", True)
    if unit == "century":
        return Timex(str((published.year + 100 * n) // 100), "century", True)
    return Timex(str(published.year + n), "year", True)


def _relative(s: str, anchor: Anchor, p: dict[str, re.Pattern], w: DateWords) -> Timex | None | str:
    """Phrases that need the publication date. "skip" for durations; None when not recognised."""
    if match := p["day_word"].match(s):
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                 "the day after tomorrow": 2}[match.group(1)]
        return _offset("day", shift, anchor)
    if match := p["weekday"].match(s):
        modifier = match.group(1)
        day = _weekday(w.weekdays[match.group(2)], anchor, None if modifier == "on" else modifier)
        return Timex(day.isoformat(), "day", True)
    if match := p["month"].match(s):
        month = w.months[match.group(2)]
        modifier = match.group(1)
        published = anchor.published
        if modifier in ("last", "past", "previous"):
            year = published.year if month < published.month else published.year - 1
        elif modifier in ("next", "coming"):
            year = published.year if month > published.month else published.year + 1
        elif modifier == "this":
            year = published.year
        else:
            year = _month_year(month, anchor)
        return Timex(f"{year:04d}-{month:02d}", "month", True)
    if match := p["month_day"].match(s) or p["day_month"].match(s):
        first, second = match.group(1), match.group(2)
        month, day = (w.months[first], int(second)) if first in w.months else (w.months[second], int(first))
        if not 1 <= day <= 31:
            return None
        year = _nearest_year(month, day, anchor)
        try:
            return Timex(date(year, month, day).isoformat(), "day", True)
        except ValueError:
            return None
    if match := p["quarter_ref"].match(s):
        year, quarter = _last_quarter(anchor)
        if re.search(r"year (ago|earlier)", s):
            year -= 1
        return Timex(f"{year}-Q{quarter}", "quarter", True)
    if match := p["this_unit"].match(s):
        which, unit = match.group(1), match.group(2)
        shift = -1 if which in ("last", "past", "previous", "the previous", "the past", "the last", "this past") \
            else 1 if which in ("next", "coming", "the next", "the coming") else 0
        if unit == "quarter" and shift == 0:
            year, quarter = _last_quarter(anchor) if which in ("the", "that", "same", "the same") \
                else _quarter_of(anchor.published)
            return Timex(f"{year}-Q{quarter}", "quarter", True)
        if unit == "weekend":
            return _weekend(anchor, shift)
        if unit == "day" and which in ("the", "that", "same", "the same"):
            return None  # "that day": anchored on an event, not on the publication date
        if unit == "week" and which in ("the", "that"):
            return _offset("week", 0, anchor)
        return _offset(unit, shift, anchor)
    if match := p["year_earlier"].match(s):
        unit, tail = match.group(1), match.group(2)
        if unit == "year" and (tail in ("quarter", "period") or anchor.quarter and tail is None):
            year, quarter = _last_quarter(anchor)
            return Timex(f"{year - 1}-Q{quarter}", "quarter", True)
        return _offset(unit, -1, anchor)
    if match := p["ago"].match(s):
        count, unit, direction = match.group(1), match.group(2), match.group(3)
        n = _number(count)
        if direction in ("later", "after", "before", "since"):
            # "two years later": counted from an event the rules here cannot see; a date of unknown value.
            return Timex(None, unit, True)
        sign = 1 if direction in ("from now", "hence") else -1
        if n is None:
            return Timex("FUTURE_REF" if sign > 0 else "PAST_REF", "ref", True)
        if unit == "year" and n == 1 and sign < 0 and anchor.quarter:
            year, quarter = anchor.quarter
            return Timex(f"{year - 1}-Q{quarter}", "quarter", True)
        return _offset(unit, sign * n, anchor)
    if match := p["season"].match(s):
        modifier, code, year = match.group(1), w.seasons[match.group(2)], match.group(3)
        if year:
            return Timex(f"{year}-{code}", "season", False)
        published = anchor.published
        if modifier in ("last", "past", "previous", "this past"):
            # The last season over by the publication date: "last spring" in October is this year's.
            ends = {"SP": 6, "SU": 9, "FA": 12, "WI": 15}[code]  # month it is over by (15: March next year)
            year = published.year
            while year * 12 + ends > published.year * 12 + published.month:
                year -= 1
            return Timex(f"{year}-{code}", "season", True)
        shift = 1 if modifier in ("next", "coming") else 0
        return Timex(f"{published.year + shift}-{code}", "season", True)
    if (holiday := _holiday(s, anchor, w)) is not None:
        return holiday
    return None


def _holiday(s: str, anchor: Anchor, w: DateWords) -> Timex | None:
    """A named day ("Christmas", "Thanksgiving"), in the year its tense and the publication date give."""
    match = re.fullmatch(r"(?:(last|next|this)\s+)?(.+?)(?:\s+(\d{4}))?", s)
    name = match.group(2) if match else s
    rule = w.holidays.get(name)
    if rule is None:
        return None
    published = anchor.published
    year = int(match.group(3)) if match.group(3) else published.year
    shift = {"last": -1, "next": 1}.get(match.group(1) or "", 0)

    def day_in(y: int) -> date:
        if rule == "thanksgiving":  # the fourth Thursday of November
            first = date(y, 11, 1)
            return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        return date(y, int(rule[:2]), int(rule[3:]))

    if not match.group(3):
        same_year = day_in(year)
        if shift == 0:
            year = _pick_year((same_year - published).days, year, anchor)
        elif shift < 0:
            year = year if same_year < published else year - 1
        else:
            year = year if same_year > published else year + 1
    return Timex(day_in(year).isoformat(), "day", not match.group(3))


def _weekend(anchor: Anchor, shift: int) -> Timex:
    published = anchor.published
    if shift == 0 and anchor.tense == "past" and published.isoweekday() < 6:
        shift = -1
    return Timex(_week(published + timedelta(weeks=shift)) + "-WE", "weekend", True)


def _quarter(s: str, anchor: Anchor | None, p: dict[str, re.Pattern], w: DateWords) -> Timex | None:
    match = p["quarter"].search(s)
    if not match:
        return None
    quarter = w.ordinals[match.group(1)] if match.group(1) else int(match.group(2))
    if quarter > 4:
        return None
    year_match = re.search(r"\b(\d{4})\b", s)
    if year_match:
        return Timex(f"{year_match.group(1)}-Q{quarter}", "quarter", False)
    if anchor is None or anchor.published is None:
        return Timex(None, "quarter", True)
    year = anchor.published.year
    if re.search(r"\b(last|previous|past) year\b|\byear (ago|earlier)\b", s):
        year -= 1
    elif re.search(r"\bnext year\b", s):
        year += 1
    elif not re.search(r"\bthis year\b", s):
        if anchor.quarter and anchor.quarter[1] == quarter and not re.search(r"\b(this|current)\b", s):
            year = anchor.quarter[0]  # the quarter already under discussion
        else:
            start = date(year, 3 * quarter - 2, 1)
            if start > anchor.published and anchor.tense != "future":
                year -= 1
    return Timex(f"{year}-Q{quarter}", "quarter", True)


def normalize(text: str, anchor: Anchor) -> Timex | None:
    """The TIMEX3-style value of a date phrase, or None when it is not a date (a duration, a set)."""
    try:
        return _normalize(text, anchor)
    except (ValueError, OverflowError):  # impossible dates, or arithmetic beyond year 1..9999
        return None


def _normalize(text: str, anchor: Anchor) -> Timex | None:
    w, p = date_words(), _patterns()
    s, mod = _clean(text)
    if not s:
        return None
    if s in w.refs:
        return Timex(w.refs[s], "ref", True)
    bare = re.sub(r"^the\s+", "", s)
    if bare in w.refs:
        return Timex(w.refs[bare], "ref", True)
    if any(word in w.sets for word in s.split()):
        return None
    if re.search(r"\b(old|aged)\b", s):
        return None
    # Absolute dates: no publication date needed.
    if match := p["iso"].match(s):
        year, month, day = match.groups()
        if day:
            return _day(int(year), int(month), int(day))
        return Timex(f"{year}-{month}", "month", False) if 1 <= int(month) <= 12 else None
    if match := p["month_day_year"].match(s):
        return _day(int(match.group(3)), w.months[match.group(1)], int(match.group(2)))
    if match := p["day_month_year"].match(s):
        return _day(int(match.group(3)), w.months[match.group(2)], int(match.group(1)))
    if match := p["month_year"].match(s):
        return Timex(f"{match.group(2)}-{w.months[match.group(1)]:02d}", "month", False)
    if match := p["year"].match(bare):
        year = int(match.group(1))
        return Timex(str(year), "year", False) if 1000 <= year <= 2199 else None
    if match := p["decade"].match(bare):
        if match.group(1):
            return Timex(match.group(1) + match.group(2), "decade", False)
        digit = match.group(3) or match.group(4)
        return Timex(("20" if digit in "012" else "19") + digit, "decade", False)  # "the '90s", "the '00s"
    if match := p["century"].match(bare):
        number = int(match.group(1))
        return Timex(f"{number - 1:02d}", "century", False) if 1 <= number <= 30 else None
    if (timex := _quarter(s, anchor, p, w)) is not None:
        return timex if anchor.published or not timex.relative else Timex(None, "quarter", True)
    if match := p["half"].search(s):
        year_match = re.search(r"\b(\d{4})\b", s)
        half = 1 if match.group(1) == "first" else 2
        if year_match:
            return Timex(f"{year_match.group(1)}-H{half}", "half", False)
        if anchor.published is None:
            return Timex(None, "half", True)
        shift = -1 if re.search(r"\b(last|previous) year\b", s) else 1 if "next year" in s else 0
        return Timex(f"{anchor.published.year + shift}-H{half}", "half", True)
    if s in ("last night", "overnight"):
        return _offset("day", -1, anchor) if anchor.published else Timex(None, "day", True)
    if p["duration"].match(s) and not p["this_unit"].match(s):
        return None
    if anchor.published is None:
        timex = _relative(s, Anchor(date(2000, 6, 15), anchor.tense, None), p, w)
        return Timex(None, timex.precision, True) if isinstance(timex, Timex) else None
    timex = _relative(s, anchor, p, w)
    if timex is not None:
        return timex
    return _fallback(text, anchor)


def _day(year: int, month: int, day: int) -> Timex | None:
    try:
        return Timex(date(year, month, day).isoformat(), "day", False)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _parser(published: date | None):
    from datetime import datetime

    from dateparser.date import DateDataParser

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


def _fallback(text: str, anchor: Anchor) -> Timex | None:
    """dateparser, only for phrases with digits in a date-like layout ("3/15/2016", "15.03.2016")."""
    if not re.fullmatch(r"\s*\d{1,4}[/.]\d{1,2}[/.]\d{1,4}\s*", text):
        return None
    try:
        data = _parser(anchor.published).get_date_data(text.strip())
    except Exception:  # dateparser raises many kinds of errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if not 1000 <= day.year <= 2199:
        return None
    return Timex(day.isoformat(), "day", False)
