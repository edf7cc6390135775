"""Speakers under the strict rule (issue 14), fourth round: the maker of a thing the parse made the speaker,
fractions and "most" as poll speakers, name labels after a headline dash, written names kept for groups.
Real spaCy through the pipeline."""

from __future__ import annotations

from finders import quotes_with


def test_the_maker_of_an_ad_speaks_not_the_ad(run_text):
    text = "Donald Trump released a new radio ad on Monday saying that the deal is a disaster for American workers."
    q = quotes_with(run_text(text), "the deal is a disaster")
    assert q and q[0].speaker == "Donald Trump"


def test_the_maker_of_a_statement_speaks(run_text):
    text = "The Sierra Club issued a statement saying it took the action because of unsafe conditions."
    q = quotes_with(run_text(text), "it took the action")
    assert q and q[0].speaker == "Sierra Club"


def test_fractions_and_most_speak_in_polls(run_text):
    text = ("Nearly a third say they don't know, a higher level of uncertainty than on other questions.\n\n"
            "More than nine of 10 Republicans were worried about the economy; most said they were very worried.")
    result = run_text(text)
    third = quotes_with(result, "they don't know")
    assert third and third[0].speaker_text and third[0].speaker_text.split()[-1] == "third"
    most = quotes_with(result, "they were very worried")
    assert most and most[0].speaker == "most"


def test_name_label_after_a_headline_dash_speaks_not_the_headline_verb(run_text):
    text = ("Media shares blame in Iowa poll overhype - HuffPollster: “Pollsters are taking a lot of heat from "
            "the public for not anticipating the result in Monday night’s Iowa caucus.”\n\n"
            "Signs of shifts were there all along - Mark Blumenthal and Jon Cohen: “Data collected by our firm "
            "helps confirm that both issues were in play for polling on the caucuses this year.”")
    result = run_text(text)
    heat = quotes_with(result, "Pollsters are taking a lot of heat")
    assert heat and heat[0].speaker == "HuffPollster"
    data = quotes_with(result, "Data collected by our firm")
    assert data and data[0].speaker and data[0].speaker.split()[-1] == "Cohen"


def test_neither_nor_speak_together(run_text):
    text = "Neither Ted Cruz nor Chris Christie acknowledged the efforts of the administration on the epidemic."
    q = quotes_with(run_text(text), "the efforts of the administration")
    assert q and q[0].speaker_text and q[0].speaker_text.endswith("Chris Christie")


def test_the_maker_of_an_effort_to_do_something_speaks(run_text):
    text = ("President Barack Obama will spearhead a Democratic effort to paint Donald Trump as unfit for the "
            "presidency.")
    q = quotes_with(run_text(text), "Donald Trump")
    assert q and q[0].speaker == "Barack Obama"


def test_the_writers_we_is_nobody_the_article_named(run_text):
    text = ("Many people watched the debate on Thursday night.\n\n"
            "We asked 30 political insiders which candidate won the debate.")
    q = quotes_with(run_text(text), "which candidate won")
    assert q and q[0].speaker_text == "We" and q[0].speaker is None


def test_a_cue_verb_with_nobody_doing_it_is_no_attribution(run_text):
    text = "To frame the battle as a fight for the middle class is the plan for the fall."
    result = run_text(text)
    assert result.quotes == [] or all(q.speaker for q in result.quotes)
