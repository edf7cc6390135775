"""Quantities: numbers in digits and words, approximations, ranges, what is counted, and non-counts."""

from __future__ import annotations

import pytest


def quantities(run_text, text: str) -> list:
    return run_text(text).quantities


def only(run_text, text: str):
    found = quantities(run_text, text)
    assert len(found) == 1, [(q.text, q.value) for q in found]
    return found[0]


def test_approximate_count_with_unit(run_text):
    q = only(run_text, "Moscow will keep about 1,000 military personnel in the region.")
    assert (q.value, q.approx, q.approx_word, q.unit) == (1000, True, "about", "military personnel")
    assert q.military and not q.casualty
    assert q.text == "about 1,000"


def test_some_800_troops(run_text):
    q = only(run_text, "He said some 800 troops are required to secure the port.")
    assert (q.value, q.approx_word, q.unit, q.military) == (800, "some", "troops", True)


def test_between_range_drops_nationality(run_text):
    q = only(run_text, "There were between 3,000 and 6,000 Russian troops in the country.")
    assert (q.value, q.low, q.high, q.approx_word) == (None, 3000, 6000, "between")
    assert q.unit == "troops"
    assert q.text == "between 3,000 and 6,000"


def test_hyphenated_range(run_text):
    q = only(run_text, "Officials counted 3,000-6,000 fighters near the border.")
    assert (q.low, q.high, q.unit) == (3000, 6000, "fighters")


def test_conjoined_units(run_text):
    q = only(run_text, "The base hosts around 50 jets and helicopters.")
    assert (q.value, q.approx_word, q.unit, q.military) == (50, "around", "jets and helicopters", True)


def test_casualty_verb_joins_the_unit(run_text):
    q = only(run_text, "More than 270,000 people have been killed since the war began.")
    assert (q.value, q.approx_word, q.low) == (270000, "more than", 270000)
    assert q.unit == "people killed" and q.casualty


def test_casualty_object_of_verb(run_text):
    q = only(run_text, "The blast killed 12 civilians on Monday.")
    assert (q.value, q.unit, q.casualty) == (12, "civilians killed", True)


def test_number_words_and_model_name_unit(run_text):
    q = only(run_text, "State television showed three Su-34s taking off.")
    assert (q.value, q.unit) == (3, "Su-34s")


def test_vague_plural_of(run_text):
    q = only(run_text, "Dozens of people were wounded in the attack.")
    assert (q.value, q.low, q.approx, q.unit, q.casualty) == (None, 24, True, "people wounded", True)


def test_multiplier(run_text):
    q = only(run_text, "Some 1.5 million refugees crossed the border.")
    assert (q.value, q.unit) == (1_500_000, "refugees")


def test_hundreds_of_soldiers(run_text):
    q = only(run_text, "Hundreds of soldiers died in the siege.")
    assert (q.low, q.unit, q.casualty, q.military) == (200, "soldiers died", True, True)


def test_upper_bound(run_text):
    q = only(run_text, "The ship carries up to 40 missiles.")
    assert (q.value, q.high, q.approx_word, q.military) == (40, 40, "up to", True)


@pytest.mark.parametrize("text", [
    "The war began in 2011.",
    "A 5-year-old boy was among them.",
    "The man, aged 45, was arrested.",
    "Russia deployed the S-400 system and F-16 jets were seen.",
    "He was the first to arrive and the third to leave.",
    "The five-year civil war goes on.",
    "One of them said no one came.",
    "Prices rose 20 percent to $5 million.",
    "The meeting is at 5 p.m. on March 15.",
    "Flight 17 was shot down.",
])
def test_not_quantities(run_text, text):
    assert quantities(run_text, text) == []


def test_offsets_point_at_the_text(run_text):
    text = "Officials said nearly 300 tanks moved north."
    q = only(run_text, text)
    assert text[q.start:q.end] == q.text == "nearly 300"
    assert q.sentence == 0


def test_half_a_million(run_text):
    q = only(run_text, "Nearly half a million people fled the city.")
    assert (q.value, q.approx_word, q.unit, q.text) == (500_000, "nearly", "people", "Nearly half a million")


def test_each_count_keeps_its_own_unit(run_text):
    found = quantities(run_text, "The army moved 20,000 troops and 300 tanks to the border.")
    assert [(q.value, q.unit) for q in found] == [(20000, "troops"), (300, "tanks")]


def test_death_toll(run_text):
    q = only(run_text, "The death toll rose to 50 on Sunday.")
    assert (q.value, q.unit, q.casualty) == (50, "death toll", True)


def test_weapon_models_counted(run_text):
    q = only(run_text, "In the 2000s, 40 T-72s were sold to the army.")
    assert (q.value, q.unit, q.military) == (40, "T-72s", True)


def test_spans_of_time_are_not_counts(run_text):
    assert quantities(run_text, "The agreement was signed more than 20 years ago and lasted six months.") == []


def test_lone_one_only_for_casualties(run_text):
    assert quantities(run_text, "This is one reason he is hurting.") == []
    q = only(run_text, "One soldier was killed in the blast.")
    assert (q.value, q.unit, q.casualty, q.military) == (1, "soldier killed", True, True)


@pytest.mark.parametrize("text", [
    "Jimmy Tompkins, 31, tossed a football.",
    "Sarah and Timothy Rogers, 27 and 29 years old, left early.",
    "The report found that 1 in 4 residents lived in poverty.",
])
def test_ages_and_ratios_are_not_counts(run_text, text):
    assert quantities(run_text, text) == []
