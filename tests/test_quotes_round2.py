"""Quotes, second round of issue 14: "called for X to ...", cue rows measured on PolNeAR train, short quotes,
headline names cut at their verb, a surname that NER took for a firm, and participles in a described speaker."""

from __future__ import annotations

from finders import quotes_with
from newsevents.resolve.speaker_names import NameChecker, headline_name
from newsevents.resolve.speakers import _extends_after


def test_called_for_a_clause_is_the_content(run_text):
    # The parser makes "for" the mark of an adverbial clause, not a preposition with an object.
    text = "In the wake of the attack, Trump called for the president to resign."
    q = quotes_with(run_text(text), "the president to resign")
    assert q, [x.text for x in run_text(text).quotes]
    assert q[0].cue == "call"
    assert q[0].speaker == "Trump"


def test_new_cue_rows_report_their_object(run_text):
    result = run_text("Senator Elizabeth Warren denounced the nomination of a lobbyist to the trade agency.")
    q = quotes_with(result, "the nomination of a lobbyist")
    assert q and q[0].cue == "denounce"
    assert q[0].speaker == "Elizabeth Warren"


def test_a_seem_clause_is_no_attribution(run_text):
    # "seem" describes its subject: Trump did not say "to overstay his welcome".
    result = run_text("Even as he won in South Carolina, Mr. Trump seemed to overstay his welcome.")
    assert not quotes_with(result, "overstay his welcome")


def test_headline_name_stops_at_its_verb():
    assert headline_name("Trump Says He Never") == "Trump"
    assert headline_name("Leadership Announces Dissolution Of Secret Club") == "Leadership"
    assert headline_name("Trump Would Put Liberals On Court") == "Trump"
    assert headline_name("Consumer Reports") == "Consumer Reports"  # the verb form is the name's last word
    assert headline_name("Theresa May Visits") == "Theresa May Visits"  # no cue, no auxiliary: left whole


def test_headline_cut_applies_only_in_headline_lines():
    text = "Trump Says He Never Met The Man\n\nTrump Says He Never was the title of his show, he said."
    checker = NameChecker(text)
    assert checker.clean_at("Trump Says He Never", 0) == "Trump"
    body = text.index("Trump Says He Never was")
    assert checker.clean_at("Trump Says He Never", body) == "Trump Says He Never"


def test_a_surname_extended_after_it_is_another_thing():
    assert _extends_after("Trump Tower", "Trump")
    assert not _extends_after("Donald Trump", "Trump")
    assert not _extends_after("Trump Tower", "Donald Trump")


def test_speaker_keeps_a_participle_that_says_which_ones(run_text):
    text = "Several superdelegates supporting Sanders declined to comment on the platform fight."
    q = quotes_with(run_text(text), "to comment")
    assert q and q[0].speaker and q[0].speaker.endswith("supporting Sanders"), q and q[0].speaker



def test_a_two_word_answer_is_a_direct_quote(run_text):
    text = 'Asked about it, he was resolute. "Absolutely not," Ed Rendell said of superdelegates switching sides.'
    q = quotes_with(run_text(text), "Absolutely not")
    assert q and q[0].kind == "direct" and q[0].speaker == "Ed Rendell"


def test_a_finding_parsed_as_one_noun_phrase_keeps_its_subject(run_text):
    # "found" parsed as a participle of "poll", the sentence's root.
    text = "A Qunnipiac University poll found last week that Clinton would beat Trump 46 to 40 percent."
    q = quotes_with(run_text(text), "Clinton would beat Trump")
    assert q and q[0].speaker and q[0].speaker.endswith("poll")


def test_a_relative_aside_does_not_take_the_speaker(run_text):
    text = "Sanders, meanwhile, who sits at zero such endorsements, said that fact speaks volumes about the race."
    q = quotes_with(run_text(text), "speaks volumes")
    assert q and q[0].speaker == "Sanders"


def test_the_owner_of_a_noun_does_what_its_gerund_or_infinitive_says(run_text):
    result = run_text("But Carson broke briefly from his policy of not attacking Donald Trump to take a swipe at him.")
    q = quotes_with(result, "Donald Trump")
    assert q and q[0].cue == "attack" and q[0].speaker_text == "his"
    q = quotes_with(run_text("Trump's initial failure to denounce David Duke drew criticism."), "David Duke")
    assert q and q[0].speaker == "Trump"


def test_who_takes_the_step_of_doing_it_does_it(run_text):
    text = "On Friday, Clinton's campaign took the unusual step of criticizing the intelligence community."
    q = quotes_with(run_text(text), "the intelligence community")
    assert q and q[0].cue == "criticize" and q[0].speaker and q[0].speaker.endswith("campaign")


def test_a_speech_noun_with_its_owner_is_an_attribution(run_text):
    result = run_text("Voters heard Trump's claim that Mexico will pay for the wall at every rally.")
    q = quotes_with(result, "Mexico will pay for the wall")
    assert q and q[0].cue == "claim" and q[0].speaker == "Trump"
    result = run_text("Senator Elizabeth Warren made a promise to break up the biggest banks.")
    q = quotes_with(result, "break up the biggest banks")
    assert q and q[0].cue == "promise" and q[0].speaker == "Elizabeth Warren"


def test_a_speech_noun_without_a_speaker_is_left_out(run_text):
    result = run_text("The claim that the election was stolen spread quickly online.")
    assert not quotes_with(result, "the election was stolen")
