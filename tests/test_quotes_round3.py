"""Speakers under the strict rule (issue 14): names as written, titles before a name, joined pronouns,
subjects lost across a line break, dates after a described speaker. Real spaCy through the pipeline."""

from __future__ import annotations

from finders import quotes_with


def test_a_surname_is_not_a_building_named_after_the_person(run_text):
    text = "Mr. Trump visited Trump Tower on Monday. Trump said the wall will be built."
    q = quotes_with(run_text(text), "the wall will be built")
    assert q and q[0].speaker == "Trump"


def test_a_full_name_with_a_suffix_after_the_surname_keeps_the_written_surname(run_text):
    text = ("Vice President Joseph R. Biden Jr. spoke in Ohio on Monday.\n\n"
            "Mr. Biden said the race is close.")
    q = quotes_with(run_text(text), "the race is close")
    assert q and q[0].speaker.split()[-1] == "Biden"


def test_title_before_a_name_gives_the_name(run_text):
    text = ("Later, the district GOP Chairman Chuck Williams declined to comment on the vote.\n\n"
            "Real estate mogul and reality television star Donald Trump tweeted that the debate was rigged.")
    result = run_text(text)
    declined = quotes_with(result, "to comment on the vote")
    assert declined and declined[0].speaker == "Chuck Williams"
    assert declined[0].speaker_title and "Chairman" in declined[0].speaker_title
    tweeted = quotes_with(result, "the debate was rigged")
    assert tweeted and tweeted[0].speaker == "Donald Trump"


def test_pronoun_joined_with_others_speaks_with_them(run_text):
    text = ("Hillary Clinton spoke in Ohio on Monday.\n\n"
            "She and her aides have vowed to win the state.")
    q = quotes_with(run_text(text), "to win the state")
    assert q and q[0].speaker_text == "She and her aides"
    assert q[0].speaker == "Hillary Clinton and her aides"


def test_name_opening_the_line_speaks_when_the_parse_ran_over_a_headline(run_text):
    text = ("Christie Says He Would Issue A Quarantine Over Zika Virus\n"
            "Chris Christie said he would quarantine people over fears of the Zika virus.\n\n"
            "“We will see how it works.”\n"
            "Sen. Chuck Grassley, facing a spirited challenge in Iowa, said he would welcome Cruz.")
    result = run_text(text)
    quarantine = quotes_with(result, "he would quarantine people")
    assert quarantine and quarantine[0].speaker == "Chris Christie"
    welcome = quotes_with(result, "he would welcome Cruz")
    assert welcome and welcome[0].speaker == "Chuck Grassley"


def test_a_date_after_a_described_speaker_is_not_part_of_it(run_text):
    text = "A congressional report on Wednesday said the agency ignored the warnings."
    q = quotes_with(run_text(text), "the agency ignored the warnings")
    assert q and q[0].speaker == "congressional report"


def test_described_speaker_after_a_quote(run_text):
    text = ("“They are killing us,” said the woman, who like many others came early.\n\n"
            "“We need accountability,” added Gowdy.\n\n"
            "“Forget about it,” said retired neurosurgeon Ben Carson.")
    result = run_text(text)
    woman = quotes_with(result, "They are killing us")
    assert woman and woman[0].speaker == "woman"
    gowdy = quotes_with(result, "We need accountability")
    assert gowdy and gowdy[0].speaker == "Gowdy"
    carson = quotes_with(result, "Forget about it")
    assert carson and carson[0].speaker == "Ben Carson"


def test_long_aside_between_name_and_cue(run_text):
    text = ("At Boca West, where it costs new members $70,000 to sign up, Jay DiPietro, the club's 78-year-old "
            "president and general manager, suggested that the troubles could be attributed to poor management.")
    q = quotes_with(run_text(text), "the troubles could be attributed")
    assert q and q[0].speaker == "Jay DiPietro"


def test_adverbial_phrase_cue_takes_the_clause_subject(run_text):
    text = "In addition to stating that unborn babies have no rights, Clinton has vowed to fight."
    q = quotes_with(run_text(text), "unborn babies have no rights")
    assert q and q[0].speaker == "Clinton"


def test_those_with_a_participle_is_the_speaker(run_text):
    text = "By big margins, those surveyed say the economy should be the first priority."
    q = quotes_with(run_text(text), "the economy should be the first priority")
    assert q and q[0].speaker == "those surveyed"
