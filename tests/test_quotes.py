"""Quotes: kinds, attribution positions, speakers through pronouns, channels, odd quotation marks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.evaluate.quotes import GoldAttribution, content_matches, score_article, speaker_right
from newsevents.extract.quote_marks import MAX_QUOTE_CHARS, find_quote_spans

SEED_EXPECTED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / (
    "rferl-russia-syria-drawdown.expected.json")


def quote_with(result, fragment: str):
    found = [q for q in result.quotes if fragment in q.text]
    assert found, f"no quote containing {fragment!r} in {[q.text for q in result.quotes]}"
    return found[0]


def test_direct_quote_with_attribution_after(run_text):
    text = 'The minister spoke on Monday.\n\n"We will not retreat from the border," Defense Minister Anna Berg said.'
    q = quote_with(run_text(text), "We will not retreat")
    assert q.kind == "direct"
    assert q.speaker == "Anna Berg"
    assert q.speaker_title == "Defense Minister"
    assert q.cue == "say"
    assert text[q.start:q.end] == q.text == "We will not retreat from the border"
    assert text[q.speaker_start:q.speaker_end] == "Anna Berg"


def test_direct_quote_with_attribution_before(run_text):
    q = quote_with(run_text('Prime Minister John Okafor told parliament: "The budget is balanced and the debt is falling."'),
                   "budget is balanced")
    assert q.kind == "direct"
    assert q.speaker == "John Okafor"
    assert q.cue == "tell"


def test_direct_quote_with_attribution_inside_is_one_quote(run_text):
    result = run_text('"The talks are over," Senator Maria Lopez said, "and nobody will sign the deal this year."')
    q = quote_with(result, "The talks are over")
    assert "nobody will sign the deal" in q.text
    assert q.speaker == "Maria Lopez"
    assert len([x for x in result.quotes if "nobody will sign" in x.text]) == 1


def test_indirect_quote(run_text):
    q = quote_with(run_text("Kremlin spokesman Dmitry Peskov said that Moscow would not speculate on future actions."),
                   "Moscow would not speculate")
    assert q.kind == "indirect"
    assert q.speaker == "Dmitry Peskov"
    assert q.speaker_title == "Kremlin spokesman"


def test_mixed_quote(run_text):
    q = quote_with(run_text('President Ivan Petrov said the goals had been "generally accomplished" in March.'),
                   "generally accomplished")
    assert q.kind == "mixed"
    assert q.speaker == "Ivan Petrov"
    assert "the goals had been" in q.text


def test_pronoun_speaker_resolves_to_the_earlier_name(run_text):
    text = ("Kremlin spokesman Dmitry Peskov said that Moscow would wait.\n\n"
            '"The main task today is to assist a peace settlement," he said.')
    q = quote_with(run_text(text), "main task today")
    assert q.speaker_text == "he"
    assert q.speaker == "Dmitry Peskov"
    assert text[q.speaker_start:q.speaker_end] == "he"
    assert q.speaker_actor is not None and q.speaker_actor.canonical == "Dmitry Peskov"


def test_short_name_resolves_to_full_name(run_text):
    text = ("Deputy Defense Minister Nikolai Pankov visited the base on Tuesday.\n\n"
            "Pankov suggested it would be premature to speak of a victory.")
    q = quote_with(run_text(text), "premature to speak")
    assert q.speaker_text == "Pankov"
    assert "Pankov" in q.speaker


def test_organisation_speakers(run_text):
    result = run_text("In Washington, the White House said Russia gave no advance notice of the withdrawal.\n\n"
                      "A statement released by the ministry's office said the pullout reflected its successes.")
    assert "White House" in quote_with(result, "gave no advance notice").speaker
    q = quote_with(result, "pullout reflected")
    assert "office" in q.speaker


def test_channels(run_text):
    result = run_text('"It is a move we will watch," spokesman Josh Earnest told reporters.\n\n'
                      'Senator Alexei Pushkov said on Twitter that the operation "created the conditions for peace."')
    assert quote_with(result, "a move we will watch").channel == "told reporters"
    q = quote_with(result, "created the conditions")
    assert q.channel == "on Twitter"
    assert q.kind == "mixed"


def test_according_to(run_text):
    q = quote_with(run_text("According to the United Nations, more than 4 million people have fled the country."),
                   "have fled the country")
    assert q.cue == "according to"
    assert "United Nations" in q.speaker


def test_curly_quotes(run_text):
    q = quote_with(run_text("“We are ready for a long fight,” the rebel commander Omar Haddad said."), "ready for a long")
    assert q.kind == "direct"
    assert q.speaker == "Omar Haddad"


def test_quote_over_two_paragraphs(run_text):
    text = ('"The first part of the plan is done. We moved the troops back,\n\n'
            '"and the second part starts next week," General Lee Min said.')
    result = run_text(text)
    q = quote_with(result, "second part starts")
    assert "first part of the plan" in q.text
    assert q.speaker == "Lee Min"


def test_unbalanced_quote_is_capped_at_the_paragraph_end(run_text):
    text = ('Officials said "the border is closed for now.\n\n'
            "The army moved north on Friday. Farmers said the harvest was late.")
    result = run_text(text)
    for q in result.quotes:
        assert "moved north" not in q.text or "\n\n" not in q.text
    assert quote_with(result, "harvest was late").speaker == "Farmers"


def test_quote_mark_scanner_survives_odd_input():
    assert find_quote_spans("") == []
    assert find_quote_spans('"') == []
    spans = find_quote_spans('He said “a “b” c and "d')
    assert all(s.end <= len('He said “a “b” c and "d') for s in spans)
    long_text = '"' + "word " * (MAX_QUOTE_CHARS // 2)
    assert all(s.end - s.start <= MAX_QUOTE_CHARS for s in find_quote_spans(long_text))
    text = "“He told me ‘leave now’ and left,” she said."
    nested = find_quote_spans(text)
    assert len(nested) == 1 and "leave now" in text[nested[0].start:nested[0].end]
    nyt = find_quote_spans("using the tax ''is a misguided approach,'' he said.")
    assert len(nyt) == 1 and nyt[0].open_len == 2


def test_no_crash_on_quotes_only(run_text):
    result = run_text('The mayor said " " “ ” "\n\n” and then “ he left, she said ” “')
    assert all(0 <= q.start <= q.end <= len(result.article.text) for q in result.quotes)


def test_evaluation_overlap_and_speaker_rules():
    assert content_matches([(0, 10)], [(5, 40)]) == 5  # half of the shorter span is shared
    assert content_matches([(0, 10)], [(8, 40)]) == 0
    gold = GoldAttribution(content=[(0, 10)], source=[(20, 22)], source_text="he")
    assert speaker_right({"speaker_start": 20, "speaker_end": 22, "speaker": "X"}, gold)
    assert not speaker_right({"speaker_start": 30, "speaker_end": 32, "speaker": "he"}, gold)
    named = GoldAttribution(content=[(0, 10)], source=[(50, 80)], source_text="Flynn, a top Trump surrogate,")
    assert speaker_right({"speaker_start": 0, "speaker_end": 1, "speaker": "Michael Flynn"}, named)
    scores = score_article([{"start": 0, "end": 9, "speaker_start": 20, "speaker_end": 22, "speaker": None}], [gold])
    assert (scores["tp"], scores["fp"], scores["fn"], scores["speaker_right"]) == (1, 0, 0, 1)


def test_seed_quotes(seed_result):
    if not SEED_EXPECTED.exists():
        pytest.skip("the seed expectations are not beside the checkout")
    expected = json.loads(SEED_EXPECTED.read_text())["quotes"]
    found = 0
    for exp in expected:
        for q in seed_result.quotes:
            if exp["contains"].lower() in q.text.lower() and exp["speaker"].lower() in (q.speaker or "").lower():
                found += 1
                break
    assert found >= 12, f"{found}/{len(expected)} seed quotes with the right speaker"
