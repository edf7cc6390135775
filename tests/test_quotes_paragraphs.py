"""Quotes over paragraph breaks, mistyped closing marks, participle cues and speaker names (issue 14)."""

from __future__ import annotations

from finders import quotes_with
from newsevents.extract.quote_marks import find_quote_spans
from newsevents.resolve.speaker_names import NameChecker
from newsevents.resolve.speakers import _same_person_name


def test_opening_mark_glued_to_a_word_closes_the_quote():
    text = "The campaign called for an “expedited review“ of the water system and said officials should act."
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start: spans[0].end] == "“expedited review“"


def test_straight_mark_after_a_nested_single_quote_closes_the_quote(run_text):
    text = ('"If you lose squarely, you can shake hands and say, \'Well done,\' " said Rep. Diane Russell, '
            'a Maine legislator. "Otherwise it is hard to do that."')
    spans = find_quote_spans(text)
    assert text[spans[0].start: spans[0].end].endswith("' \"")
    q = quotes_with(run_text(text), "If you lose squarely")
    assert q and q[0].speaker == "Diane Russell"


def test_cue_after_a_mistyped_closing_mark_is_found(run_text):
    text = ("Last week, the Clinton campaign called on the agency to conduct an “expedited review“ of Flint’s "
            "water and said the Obama administration should immediately set up a health monitoring system.")
    q = quotes_with(run_text(text), "Obama administration should immediately")
    assert q and q[0].cue == "say"
    assert q[0].kind == "indirect"


def test_participle_cue_starts_an_attribution_of_the_same_speaker(run_text):
    text = ("Packer said the increased focus on Trump is taking a toll on the front-runner, "
            "pointing to Cruz's victories Tuesday in Texas, Oklahoma and Alaska.")
    result = run_text(text)
    said = quotes_with(result, "taking a toll")
    assert said and "pointing" not in said[0].text
    pointed = quotes_with(result, "victories Tuesday")
    assert pointed and pointed[0].cue == "point"
    assert pointed[0].speaker == said[0].speaker == "Packer"


def test_a_quote_that_ends_its_line_takes_no_cue_from_the_next_line(run_text):
    text = ("Leaders around the world reacted on Monday.\n“DIVISIVE, STUPID AND WRONG”\n"
            "Cameron will work with whoever is elected president and is committed to maintaining the relationship, "
            "the prime minister’s spokesman said.")
    result = run_text(text)
    heading = quotes_with(result, "DIVISIVE")
    assert not heading or heading[0].cue is None
    said = [q for q in result.quotes if q.cue == "say"]
    assert said and said[0].text.startswith("Cameron will work with whoever")
    assert "DIVISIVE" not in said[0].text


def test_reported_content_stays_in_the_paragraph_of_its_cue(run_text):
    text = ("The governor wants the money sent to the states instead.\n\n"
            "“Then let the states decide,” he said. “That’s what the founding fathers intended, that most decisions "
            "be made at the state level, not at the federal level.”\n\n"
            "Jolly said he would be cautious in restructuring federal education spending.")
    q = quotes_with(run_text(text), "he would be cautious")
    assert q, "the reported speech after the paragraph break is found"
    assert "\n" not in q[0].text and "founding fathers" not in q[0].text
    assert q[0].speaker == "Jolly"


def test_bare_attribution_after_a_quote_closed_with_a_period(run_text):
    text = ("Clinton says the emails were personal.\n\n"
            "“Russia, if you’re listening, I hope you’re able to find the 30,000 emails that are missing.” Trump said.")
    q = quotes_with(run_text(text), "I hope you’re able to find")
    assert q and q[0].cue == "say" and q[0].speaker == "Trump"


def test_person_name_from_an_entity_keeps_the_written_surname():
    assert _same_person_name("Joseph R. Biden", "Mr. Biden")
    # a full name that does not end with the written surname stays as written
    assert not _same_person_name("Joseph R. Biden Jr.", "Mr. Biden")
    assert not _same_person_name("Lou Jiwei", "Mr. Lou")
    assert not _same_person_name("Trump Tower", "Trump")
    assert not _same_person_name("Maryanne Trump Barry", "Mr. Trump")
    assert not _same_person_name("Trump Shuttle", "Melania")


def test_name_with_a_mistyped_possessive_is_cleaned():
    checker = NameChecker("Donald Trump‘s campaign said on Monday that Donald Trump would speak.")
    assert checker.clean("Donald Trump‘s") == "Donald Trump"
    assert checker.clean("Charles Davis") == "Charles Davis"
