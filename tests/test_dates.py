"""Dates: absolute and relative expressions normalized against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.extract.timex import Anchor, normalize

PUBLISHED = date(2016, 3, 15)  # a Tuesday


def value(text: str, tense: str | None = None, published: date | None = PUBLISHED, quarter=None) -> str | None:
    timex = normalize(text, Anchor(published, tense, quarter))
    return None if timex is None else timex.value


@pytest.mark.parametrize("text, tense, expected", [
    ("March 2011", None, "2011-03"),
    ("March 15", None, "2016-03-15"),
    ("Sept. 30, 1989", None, "1989-09-30"),
    ("15 March 2016", None, "2016-03-15"),
    ("2015", None, "2015"),
    ("fiscal 1989", None, "1989"),
    ("the 1990s", None, "199"),
    ("September 30", "past", "2015-09-30"),  # would fall after publication: the previous year
    ("September 30", "future", "2016-09-30"),
    ("January 10", "future", "2017-01-10"),
    ("March 20", "past", "2016-03-20"),  # days either side: the same year whatever the tense
    ("yesterday", None, "2016-03-14"),
    ("today", None, "2016-03-15"),
    ("tomorrow", None, "2016-03-16"),
    ("two days ago", None, "2016-03-13"),
    ("three weeks ago", None, "2016-W08"),
    ("last Friday", None, "2016-03-11"),
    ("Friday", "past", "2016-03-11"),
    ("Friday", "future", "2016-03-18"),
    ("Monday", "past", "2016-03-14"),
    ("next week", None, "2016-W12"),
    ("last week", None, "2016-W10"),
    ("this year", None, "2016"),
    ("last year", None, "2015"),
    ("last month", None, "2016-02"),
    ("early next year", None, "2017"),
    ("the third quarter", "past", "2015-Q3"),  # not begun by the publication date
    ("the first quarter", None, "2016-Q1"),
    ("third-quarter", None, "2015-Q3"),
    ("the quarter", None, "2015-Q4"),  # the last complete quarter
    ("the year-ago quarter", None, "2014-Q4"),
    ("a year ago", None, "2015"),
    ("now", None, "PRESENT_REF"),
    ("recently", None, "PAST_REF"),
    ("the future", None, "FUTURE_REF"),
    ("this summer", None, "2016-SU"),
])
def test_normalize(text, tense, expected):
    assert value(text, tense) == expected


def test_quarter_context_for_a_year_ago():
    assert value("a year ago", quarter=(2015, 4)) == "2014-Q4"


@pytest.mark.parametrize("text", ["five years", "two days", "the past five years", "five-year", "every year",
                                  "daily", "65 years old", "the next two weeks"])
def test_durations_and_sets_are_not_dates(text):
    assert normalize(text, Anchor(PUBLISHED)) is None


@pytest.mark.parametrize("text", ["yesterday", "last Friday", "next week", "March 15", "this year", "now"])
def test_relative_without_publication_date_has_no_value(text):
    timex = normalize(text, Anchor(None))
    assert timex is not None and timex.relative
    if text != "now":
        assert timex.value is None


def test_absolute_without_publication_date_keeps_its_value():
    assert value("March 2011", published=None) == "2011-03"


def test_seed_shapes_through_the_pipeline(run_text):
    text = ("Russia launched its aerial campaign on September 30. Putin made the announcement on March 14. "
            "More than 270,000 people have been killed since the conflict began in March 2011.")
    found = {d.text: d for d in run_text(text).dates}
    assert found["September 30"].value == "2015-09-30"
    assert found["March 14"].value == "2016-03-14"
    assert found["March 2011"].value == "2011-03" and found["March 2011"].precision == "month"
    for mention in found.values():
        assert text[mention.start:mention.end] == mention.text


def test_weekday_tense_in_context(run_text):
    found = {d.text: d.value for d in run_text("The minister said on Monday that talks will resume on Friday.").dates}
    assert found == {"Monday": "2016-03-14", "Friday": "2016-03-18"}


def test_model_names_and_durations_are_not_dates(run_text):
    text = ("Three Su-34 jets and an S-400 battery left after the five-year civil war. "
            "The F-16 flew for two days.")
    assert run_text(text).dates == []


def test_relative_dates_without_publication_date(run_text):
    dates = run_text("The ceasefire began yesterday, two days after the talks in March 2011.", published=None).dates
    found = {d.text: d.value for d in dates}
    assert found.get("yesterday", "missing") is None
    assert found["March 2011"] == "2011-03"


def test_approximate_ago_keeps_the_date():
    assert value("more than 20 years ago") == "1996"


def test_later_is_a_date_of_unknown_value():
    timex = normalize("two years later", Anchor(PUBLISHED))
    assert timex is not None and timex.value is None and timex.precision == "year"


@pytest.mark.parametrize("text", ["Sept. 31", "February 30, 2016", "2016-02-30", "0th century"])
def test_impossible_dates_do_not_crash(text):
    timex = normalize(text, Anchor(PUBLISHED))
    assert timex is None or timex.value is None or timex.value[:4].isdigit()


def test_dates_at_the_edges_of_the_calendar_do_not_crash():
    assert normalize("yesterday", Anchor(date(1, 1, 1))) is None
    assert normalize("tomorrow", Anchor(date(9999, 12, 31))) is None


def test_reference_words_keep_iso_values(run_text):
    found = {d.text: d for d in run_text("Talks are now under way; the envoy recently said so.").dates}
    assert (found["now"].value, found["now"].precision) == ("2016-03-15", "present")
    assert (found["recently"].value, found["recently"].precision) == (None, "past")


@pytest.mark.parametrize("text, published, expected", [
    ("last spring", date(1989, 10, 30), "1989-SP"),
    ("last fall", date(1989, 10, 30), "1988-FA"),  # this fall is not over yet
    ("last winter", date(1999, 1, 15), "1997-WI"),
    ("Christmas", date(2016, 3, 15), "2015-12-25"),
    ("Thanksgiving", date(2016, 10, 1), "2016-11-24"),
])
def test_seasons_and_holidays(text, published, expected):
    assert value(text, published=published) == expected


def test_infinitive_takes_the_tense_of_its_verb(run_text):
    past = run_text("The government staged celebrations to mark the entry on Friday.").dates
    future = run_text("The ministers plan to meet on Friday.").dates
    assert [d.value for d in past] == ["2016-03-11"]
    assert [d.value for d in future] == ["2016-03-18"]
