"""Event extraction: one sentence per PLOVER type, modality, reported speech, roles, date, place, GDELT.

The rules are tested on the candidates they propose (`candidates_of`); what the trained decision keeps
is tested on the pipeline's output (`run_text`) here and in test_event_model.py."""

from __future__ import annotations

import pytest

from newsevents.export_gdelt import GDELT_COLUMNS, gdelt_row
from newsevents.extract.event_lexicon import PLOVER_TYPES, cameo_info, load_lexicon
from newsevents.model import Event

# (sentence, expected type, expected source country, expected target country or None)
ONE_PER_TYPE = [
    ("Japan and South Korea agreed on Monday to share military intelligence.", "AGREE", "JPN", None),
    ("The French foreign minister met his Iranian counterpart in Vienna on Tuesday.", "CONSULT", "FRA", None),
    ("Germany praised Greece for its reform efforts.", "SUPPORT", "DEU", "GRC"),
    ("The government conceded to the opposition's demands.", "CONCEDE", None, None),
    ("Turkey and Azerbaijan cooperate closely on energy projects.", "COOPERATE", "TUR", None),
    ("Italy sent humanitarian aid to Lebanon.", "AID", "ITA", "LBN"),
    ("Israeli troops withdrew from the Gaza Strip.", "RETREAT", "ISR", None),
    ("The European Union called for an immediate ceasefire in Yemen.", "REQUEST", None, None),
    ("China accused the United States of interfering in its internal affairs.", "ACCUSE", "CHN", "USA"),
    ("Pakistan rejected India's proposal for talks.", "REJECT", "PAK", "IND"),
    ("North Korea threatened to attack South Korea.", "THREATEN", "PRK", "KOR"),
    ("Thousands of students protested in Seoul against the government.", "PROTEST", None, None),
    ("The United States imposed sanctions on Iran.", "SANCTION", "USA", "IRN"),
    ("Russia deployed troops to the Ukrainian border.", "MOBILIZE", "RUS", None),
    ("Egyptian police arrested 30 opposition activists in Cairo.", "COERCE", "EGY", None),
    ("Syrian government forces shelled rebel positions in Aleppo.", "ASSAULT", "SYR", None),
]


def _events(source, text: str, **filters) -> list[Event]:
    """Events of `text` from `candidates_of` (the rules' proposals) or `run_text` (the decided output)."""
    found = source(text)
    events = found if isinstance(found, list) else found.events
    return [e for e in events if all(getattr(e, k) == v for k, v in filters.items())]


def _country(actor) -> str | None:
    return actor.country if actor is not None else None


@pytest.mark.parametrize("text,type_,source,target", ONE_PER_TYPE, ids=[t for _, t, _, _ in ONE_PER_TYPE])
def test_one_sentence_per_plover_type(candidates_of, text, type_, source, target):
    found = _events(candidates_of, text, type=type_, negated=False, hypothetical=False)
    assert found, f"no {type_} in {text!r}"
    event = found[0]
    assert event.sentence == text and text[event.start:event.end] == event.text
    assert event.cameo and cameo_info(event.cameo) is not None
    assert event.quad_class in (1, 2, 3, 4) and -10 <= event.goldstein <= 10
    assert 0 < event.confidence <= 1
    if source:
        assert _country(event.source) == source
    if target:
        assert _country(event.target) == target


def test_clear_sentences_keep_their_event_after_the_decision(run_text):
    kept = [type_ for text, type_, _, _ in ONE_PER_TYPE if _events(run_text, text, type=type_)]
    assert len(kept) >= 12, sorted(set(PLOVER_TYPES) - set(kept))


def test_lexicon_covers_every_plover_type():
    lexicon = load_lexicon()
    types = {t.type for table in (lexicon.verbs, lexicon.nouns) for triggers in table.values() for t in triggers}
    assert types - {"NONE"} == set(PLOVER_TYPES)


def test_not_an_event_phrase_swallows_trigger(candidates_of):
    result = candidates_of("The ministry said in a press release that Germany praised Greece.")
    assert not [e for e in result if e.type == "RETREAT"]  # "press release" is no release
    assert [e for e in result if e.type == "SUPPORT"]


def test_multiword_trigger_and_mode(candidates_of):
    phone = _events(candidates_of, "Putin and Erdogan spoke by telephone on Friday.", type="CONSULT")
    assert phone and phone[0].mode == "phone" and phone[0].text == "spoke by telephone"
    air = _events(candidates_of, "Moscow began its bombing campaign in Syria.", type="ASSAULT")
    assert air and air[0].mode == "aerial" and air[0].text == "bombing campaign"
    assert _country(air[0].source) == "RUS"  # the subject of the light verb "began"


def test_negation_is_flagged_not_fact(candidates_of):
    events = _events(candidates_of, "Russian jets did not attack the convoy.", type="ASSAULT")
    assert events and all(e.negated for e in events)
    assert events[0].confidence < 0.5


def test_hypothetical_is_flagged(candidates_of):
    events = _events(candidates_of, "Iran could attack Israeli ships.", type="ASSAULT")
    assert events and all(e.hypothetical for e in events)


def test_question_is_not_fact(candidates_of):
    events = _events(candidates_of, "Did Russian jets attack the convoy?", type="ASSAULT")
    assert events and all(e.hypothetical for e in events)


def test_threat_codes_the_threat_and_keeps_the_attack_hypothetical(candidates_of):
    result = candidates_of("North Korea threatened to attack South Korea.")
    threat = [e for e in result if e.type == "THREATEN"]
    attack = [e for e in result if e.type == "ASSAULT"]
    assert threat and not threat[0].hypothetical
    assert attack and attack[0].hypothetical


def test_stated_intention_is_an_agree_event(candidates_of):
    events = _events(candidates_of, "Syria said it will withdraw its troops from Lebanon.", type="AGREE")
    assert events and events[0].text.startswith("will")
    assert _country(events[0].source) == "SYR"  # "it" is the speaker, Syria


def test_reported_speech_accuse_and_reported_by(candidates_of):
    result = candidates_of("Western countries say Russia attacked rebel forces near Aleppo.")
    accuse = [e for e in result if e.type == "ACCUSE"]
    assault = [e for e in result if e.type == "ASSAULT"]
    assert accuse and _country(accuse[0].target) == "RUS"
    assert assault and assault[0].reported_by is not None
    assert "Western countries" in assault[0].reported_by.text


def test_passive_voice_agent_is_source(candidates_of):
    events = _events(candidates_of, "The convoy was attacked by Taliban fighters.", type="ASSAULT")
    assert events and "Taliban" in events[0].source.text
    assert events[0].target is None or "Taliban" not in (events[0].target.text or "")


def test_coordinated_subjects_and_pronoun_of_reported_speech(candidates_of):
    text = ("President Bashar al-Assad met officials on Sunday. "
            "Assad's office said that he and Putin had spoken by telephone and had agreed on the plan.")
    consult = _events(candidates_of, text, type="CONSULT", mode="phone")
    assert consult
    pair = {_country(consult[0].source), _country(consult[0].target)}
    assert pair == {"SYR", "RUS"}
    assert _events(candidates_of, text, type="AGREE")


def test_date_from_sentence_else_published(candidates_of):
    with_date = _events(candidates_of, "Syrian forces shelled Aleppo on March 3, 2016.", type="ASSAULT")
    assert with_date and with_date[0].date == "2016-03-03"
    without = _events(candidates_of, "Syrian forces shelled Aleppo.", type="ASSAULT")
    assert without and without[0].date == "2016-03-15"


def test_place_is_not_the_speakers_location(candidates_of):
    events = _events(candidates_of, "In Washington, the White House said Russia bombed a hospital in Aleppo.",
                     type="ASSAULT")
    assert events and events[0].place is not None
    assert "Aleppo" in events[0].place.text


def test_seed_events(seed_result, candidates_of):
    # the rules still propose every event of the seed, with its parties' countries ...
    candidates = candidates_of(seed_result.article.text)
    types = {e.type for e in candidates}
    assert {"RETREAT", "ASSAULT", "CONSULT", "AGREE", "ACCUSE", "SUPPORT", "MOBILIZE"} <= types
    retreat = [e for e in candidates if e.type == "RETREAT" and "begun withdrawing from Syria" in e.sentence]
    assert retreat and _country(retreat[0].source) == "RUS" and _country(retreat[0].target) == "SYR"
    # ... and the trained decision keeps the article's main event, Russia's withdrawal
    found = [e for e in seed_result.events if e.type == "RETREAT" and "begun withdrawing from Syria" in e.sentence]
    assert found and _country(found[0].source) == "RUS", found


def test_gdelt_row_has_61_columns():
    row = {"event_id": "abc", "date": "2016-03-15", "source_text": "Russian forces", "source_country": "RUS",
           "source_sector": "MIL", "target_text": "Syria", "target_country": "SYR", "cameo": "0874",
           "quad_class": 2, "goldstein": 10.0, "sentence_index": 3, "place_name": "Syria", "place_lat": 35.0,
           "place_lon": 38.0, "place_feature": "country", "url": "http://example.org/a"}
    fields = gdelt_row(row)
    assert len(fields) == len(GDELT_COLUMNS) == 61
    named = dict(zip(GDELT_COLUMNS, fields))
    assert named["SQLDATE"] == "20160315" and named["Actor1Code"] == "RUSMIL" and named["EventRootCode"] == "08"
    assert named["ActionGeo_Type"] == "1" and named["SOURCEURL"] == "http://example.org/a"
    assert named["AvgTone"] == "" and named["Actor1Geo_FullName"] == ""


def test_gdelt_export_from_store(run_text, tmp_path):
    from newsevents import store
    from newsevents.export_gdelt import export_gdelt

    result = run_text("Israeli troops withdrew from the Gaza Strip. Iran could attack Israeli ships.")
    con = store.connect(tmp_path / "t.duckdb")
    try:
        store.write_results(con, [result])
        path = export_gdelt(con, tmp_path / "out")
    finally:
        con.close()
    lines = path.read_text().splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    assert not any("\t180\t" in line or "\t190\t" in line for line in lines)  # the hypothetical attack is not fact


# --- actor countries: context, fallbacks, modifiers that name no country ------------------------------

def _top(candidates_of, text: str) -> Event:
    events = sorted(candidates_of(text), key=lambda e: (e.negated, -(e.confidence or 0)))
    assert events, text
    return events[0]


@pytest.mark.parametrize("text, role, country", [
    # A titled person no table knows takes the one country the sentence names.
    ("Judge Pedro Alvarado opened an investigation against three Bolivian ministers.", "source", "BOL"),
    ("Village elders demanded that the Kenyan government build more schools.", "source", "KEN"),
    # "pro-X" and "ethnic X" name a sympathy or an origin, not the actor's country.
    ("The pro-Iranian Hizbollah group declared a ceasefire in south Lebanon.", "source", "LBN"),
    ("Hundreds of ethnic Hungarians protested on Sunday in Romania.", "source", "ROU"),
    # A misspelled country name.
    ("Afganistan rejected an offer of talks from Pakistan.", "source", "AFG"),
    # The parse gives no target: the nearest coded party of the clause stands in.
    ("The teachers' union called off its strike after deliberations with the Ghanaian government.", "target", "GHA"),
    ("Israeli tanks fired shells at targets in Jericho.", "target", "PSE"),
    # "anti-Syria" is what the journalist opposes: the victim is where he was killed.
    ("A prominent anti-Syria journalist was killed by a car bomb in Beirut.", "target", "LBN"),
])
def test_actor_country_from_the_clause(candidates_of, text, role, country):
    event = _top(candidates_of, text)
    assert _country(getattr(event, role)) == country, (event.type, event.source, event.target)


def test_no_context_country_when_the_sentence_names_two(candidates_of):
    event = _top(candidates_of, "Judge Pedro Alvarado opened an investigation against Bolivian and Peruvian officials.")
    assert event.source is not None and event.source.country is None


def test_reporting_clause_gives_no_country(candidates_of):
    # The U.S. embassy only reports: the general is not American.
    event = _top(candidates_of, "General Pedro Alvarado resigned in Lima on Saturday, a spokeswoman for the U.S. "
                           "embassy said.")
    assert _country(event.source) != "USA"


def test_portfolio_word_is_no_party(run_text, candidates_of):
    text = "Workers went on strike over a bill signed by Serbian Labour Minister Dragan Milovanovic."
    labour = [e for e in run_text(text).entities if e.text == "Labour"]
    assert labour and all(e.country is None for e in labour)
    assert _country(_top(candidates_of, text).source) == "SRB"  # the only country left in the sentence


@pytest.mark.parametrize("text,type_,acted_on", [
    # a person noun with no sector of its own (data/person_nouns.tsv) is a party
    ("Another eight suspects have been charged but not apprehended.", "ACCUSE", "suspects"),
    # the relative pronoun of a passive stands for the noun its clause hangs on
    ("Police have identified a man who was killed in a shooting early Saturday.", "ASSAULT", "a man"),
    # a headline's passive without "was", and a participle on the noun it was done to
    ("Councilwoman arrested after incident at mayor's home.", "COERCE", "Councilwoman"),
    ("Two soldiers wounded in attack near Kabul.", "ASSAULT", "Two soldiers"),
    # a passive's subject that spaCy tags nsubj (here on the auxiliary), and a passive joined to another
    ("Ms. Sears and Mr. Bowers are now both charged with murder.", "ACCUSE", "Ms. Sears"),
    ("Another eight suspects have been charged but not apprehended.", "COERCE", "suspects"),
    ("Police said a man who was shot and wounded by a neighbour died.", "ASSAULT", "a man"),
    # people with no sector of their own: "abortion providers"
    ("The rhetoric has led to violent attacks against abortion providers.", "ASSAULT", "abortion providers"),
])
def test_the_party_acted_on_is_the_target(candidates_of, text, type_, acted_on):
    events = _events(candidates_of, text, type=type_)
    assert any(e.target is not None and acted_on in e.target.text for e in events), events
    assert not any(e.source is not None and acted_on in e.source.text for e in events)


def test_a_subject_that_acts_alone_stays_the_source(candidates_of):
    # spaCy tags "protested" as a root participle, as it tags "arrested" in a headline
    events = _events(candidates_of, "Thousands of students protested in the capital.", type="PROTEST")
    assert events and events[0].source is not None and "students" in events[0].source.text


def test_a_place_where_it_happened_did_not_act(candidates_of):
    events = _events(candidates_of, "Two soldiers wounded in attack near Kabul.", type="ASSAULT")
    assert events and not any(e.source is not None and "Kabul" in e.source.text for e in events)


def test_a_line_break_is_not_part_of_an_actor(candidates_of):
    text = "Officials said\nPresident Clinton criticized Iraq on Friday."
    events = _events(candidates_of, text, type="ACCUSE")
    assert events and events[0].source.text == "President Clinton"
    assert text[events[0].source.start:events[0].source.end] == "President Clinton"


def test_the_possessor_of_an_arrest_is_the_one_arrested(candidates_of):
    events = _events(candidates_of, "Police announced Kopp's arrest on Friday.", type="COERCE")
    assert events and events[0].target is not None and events[0].target.text == "Kopp"
    assert events[0].source is not None and events[0].source.text == "Police"
    # an "of" object names the one arrested: then the possessor is the one who acted
    events = _events(candidates_of, "Russia's arrest of the activist drew protests.", type="COERCE")
    assert events and events[0].source.text == "Russia" and "activist" in events[0].target.text


def test_a_meeting_between_two_parties(candidates_of):
    text = "Cuba condemned the handling of Wednesday's meeting between Elian and his grandmothers."
    events = _events(candidates_of, text, type="CONSULT")
    assert events and events[0].source.text == "Elian" and events[0].target.text == "his grandmothers"
    # two subjects who meet: the second is the other party, not the venue
    text = "On Tuesday, the United States and Soviet Union conferred in Washington on a naval blockade."
    events = _events(candidates_of, text, type="CONSULT")
    assert events and events[0].source.text == "the United States" and events[0].target.text == "Soviet Union"



def test_a_country_named_as_whose_thing_it_is_is_not_where_the_event_happened(seed_result, run_text):
    # "deployed the S-400 ... at the base, which served as a warning to U.S. aircraft": in Syria
    deployed = next(e for e in seed_result.events if e.text == "deployed")
    assert deployed.place is not None and deployed.place.country == "SYR"
    # a country before an event noun still says where: "killed in the Iraq war"
    war = run_text("Thousands were killed in the Iraq war, officials in Washington said.")
    assert any(e.place is not None and e.place.country == "IRQ" for e in war.events)


def test_what_an_actor_is_accused_of_is_no_part_of_the_actor(candidates_of):
    accused = _events(candidates_of, "Adm. Harris accused the Chinese of militarizing disputed waters.", type="ACCUSE")
    assert accused and accused[0].target.text == "the Chinese"
    residents = _events(candidates_of, "Government troops shelled residents of Aleppo on Monday.", type="ASSAULT")
    assert residents and residents[0].target.text == "residents of Aleppo"


def test_a_place_in_front_of_the_verb_sets_the_scene_and_is_no_party(candidates_of):
    asked = _events(candidates_of, "In France, the government has asked for all imported animals to be tested.",
                    type="REQUEST")
    assert asked and asked[0].source.text == "the government" and asked[0].target is None
    # after the verb a place still tells who was acted on, as the GSR codes it
    bombed = _events(candidates_of, "Russian jets bombed positions in Idlib.", type="ASSAULT")
    assert bombed and bombed[0].target is not None and bombed[0].target.country == "SYR"


def test_talks_among_several_parties_are_held_by_them(candidates_of):
    talks = _events(candidates_of, "The accord was adopted after two weeks of negotiations among diplomats in Paris.",
                    type="CONSULT")
    assert talks and talks[0].source is not None and "diplomats" in talks[0].source.text


def test_who_answers_a_request_or_a_charge_is_the_one_asked_or_accused(candidates_of):
    request = _events(candidates_of, "Reno denied the request, but Manuel Gonzalez didn't back down.", type="REQUEST")
    assert request and request[0].target is not None and request[0].target.text == "Reno"
    charge = _events(candidates_of, "Trump denied the allegations.", type="ACCUSE")
    assert charge and charge[0].target is not None and charge[0].target.text == "Trump"
    # a judge who dismisses charges is not the one charged
    dismissed = _events(candidates_of, "The judge dismissed the charges against him.", type="ACCUSE")
    assert dismissed and (dismissed[0].target is None or dismissed[0].target.text != "The judge")
    # who admits a charge is the one charged, not its source
    admitted = _events(candidates_of, "Munene admitted two charges of deception.", type="ACCUSE")
    assert admitted and admitted[0].target.text == "Munene" and admitted[0].source is None
    # who faces criticism receives it; who voices it is its source
    faced = _events(candidates_of, "Russia faced criticism from Western governments.", type="ACCUSE")
    assert faced and faced[0].target.text == "Russia" and "governments" in faced[0].source.text


def test_an_event_that_only_dates_a_clause_takes_no_party_from_it(candidates_of):
    before = _events(candidates_of, "Mrs. Clinton was already tightening her grip on the race before the attacks.",
                     type="ASSAULT")
    assert before and before[0].source is None
    # a preposition that is no time word still lets the verb carry the event noun
    strike = _events(candidates_of, "Thousands of Verizon workers went on strike on Wednesday.", type="PROTEST")
    assert strike and strike[0].source is not None and "workers" in strike[0].source.text


def test_an_event_party_is_given_without_the_dateline_glued_to_it(run_text):
    result = run_text("Netanyahu rejects Trump's remarks about Muslims but will meet with him.\n\nJERUSALEM - Israeli "
                      "Prime Minister Benjamin Netanyahu will meet with Donald Trump when the Republican presidential "
                      "front-runner arrives in Israel later this month, Israeli officials said Wednesday.")
    parties = [e.source for e in result.events if e.source is not None and e.sentence_index > 0]
    assert parties and all(not p.text.startswith("JERUSALEM") for p in parties)
    assert any(p.canonical == "Benjamin Netanyahu" and p.country == "ISR" for p in parties)


def test_one_trigger_gives_one_event_the_most_confident(run_text):
    result = run_text("Netanyahu rejects Trump's remarks about Muslims but will meet with him.\n\nJERUSALEM - Israeli "
                      "Prime Minister Benjamin Netanyahu will meet with Donald Trump when the Republican presidential "
                      "front-runner arrives in Israel later this month, Israeli officials said Wednesday.")
    meetings = [e for e in result.events if e.sentence_index > 0 and "meet" in e.text]
    assert len(meetings) == 1 and meetings[0].type == "CONSULT"
    for a, b in zip(result.events, result.events[1:]):
        assert not (a.start < b.end and b.start < a.end), (a.text, b.text)


def test_a_threat_is_made_to_whoever_must_act_to_avert_it(candidates_of):
    text = "Iran threatened to launch a new military offensive unless Baghdad accepted its conditions."
    threat = _events(candidates_of, text, type="THREATEN")
    assert threat and threat[0].source.text == "Iran" and threat[0].target is not None
    assert threat[0].target.text == "Baghdad"  # not "a new military offensive": an event is no party


def test_the_author_of_an_act_is_the_party_not_the_act(candidates_of):
    rejected = _events(candidates_of, "Beirut again rejected a United Nations appeal for deploying troops.",
                       type="REJECT")
    assert rejected and rejected[0].target is not None and rejected[0].target.text == "United Nations"
    bombs = _events(candidates_of, "Afghan rebels exploded a series of bombs in the capital Kabul.", type="ASSAULT")
    assert bombs and not any(e.target is not None and "bombs" in e.target.text for e in bombs)
    # whose act it is: "praised her effort"; but a person owned is the party ("arrested his son")
    praised = _events(candidates_of, "Mrs. Clinton praised her effort.", type="SUPPORT")
    assert praised and praised[0].target is not None and praised[0].target.text == "her"
    son = _events(candidates_of, "Police arrested his son.", type="COERCE")
    assert son and son[0].target.text == "his son"
