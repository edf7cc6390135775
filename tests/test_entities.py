"""The entity rules after spaCy's NER (`ner_rules.py`), on texts written here, through the real model.

Some tests set a wrong entity on a real parsed document on purpose (the kind of error the small model
makes) and check that the rules correct it, so that they do not depend on what the model gets wrong today.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsevents.evaluate.ner import mapped
from newsevents.ner_rules import COMPONENT, EntityRules
from newsevents.nlp import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def rules(nlp) -> EntityRules:
    return nlp.get_pipe(COMPONENT)


def ents(doc: Doc) -> dict[str, str]:
    return {e.text: e.label_ for e in doc.ents}


def with_entities(nlp, text: str, entities: list[tuple[str, str]]) -> Doc:
    """The text parsed by spaCy alone, then given exactly these entities (text, label)."""
    with nlp.select_pipes(disable=[COMPONENT]):
        doc = nlp(text)
    spans = []
    for name, label in entities:
        start = text.index(name)
        spans.append(doc.char_span(start, start + len(name), label=label, alignment_mode="strict"))
    doc.set_ents(spans, default="outside")
    return doc


def test_the_rules_run_after_the_ner_unless_asked_not_to(nlp):
    assert COMPONENT in nlp.pipe_names and nlp.pipe_names.index(COMPONENT) > nlp.pipe_names.index("ner")
    assert COMPONENT not in load_model(entity_rules=False).pipe_names


def test_a_name_does_not_end_with_a_score_or_a_possessive(nlp, rules):
    doc = rules(with_entities(nlp, "Weather delayed play as Northshire 212-6 closed , Lowland 's reply began .",
                              [("Northshire 212-6", "PERSON"), ("Lowland 's", "GPE")]))
    names = ents(doc)
    assert "Northshire 212-6" not in names and "Lowland 's" not in names
    assert "Lowland" in names


def test_a_name_does_not_run_over_a_line_break_or_a_spaced_dash(nlp, rules):
    doc = rules(with_entities(nlp, "Results from Stenford\nAldbury - Jon Marrick scored twice",
                              [("Stenford\nAldbury", "ORG"), ("Aldbury - Jon Marrick", "ORG")][:1]))
    assert not any("\n" in e.text for e in doc.ents), ents(doc)
    doc = rules(with_entities(nlp, "Aldbury - Jon Marrick scored twice .", [("Aldbury - Jon Marrick", "ORG")]))
    assert not any(" - " in e.text for e in doc.ents), ents(doc)


def test_names_followed_by_scores_in_a_results_line_are_teams(nlp):
    doc = nlp("RUGBY LEAGUE - WEEKEND RESULTS .\nWarrington 30 Hull Kingston 12\nCastleford 16 Salford 22\n")
    names = ents(doc)
    for team in ("Warrington", "Hull Kingston", "Castleford", "Salford"):
        assert names.get(team) == "ORG", names
    assert not any(any(c.isdigit() for c in name) and label == "ORG" for name, label in names.items()), names


def test_a_country_followed_by_a_score_stays_a_place(nlp):
    names = ents(nlp("Final standings after the third round :\nNorway 7 5 1 1\nLowland Rovers 7 4 2 1\n"))
    assert names.get("Norway") == "GPE", names
    assert names.get("Lowland Rovers") == "ORG", names


def test_an_all_capital_headline_is_read_in_the_articles_case(nlp):
    text = ("MARVELLI NAMED TO LEAD FISHERIES REVIEW .\nOSLO 2019-05-02\n"
            "The government named Anders Marvelli to lead a review of fishing quotas on Thursday . "
            "Marvelli said the review would report in March .")
    doc = nlp(text)
    names = ents(doc)
    assert names.get("MARVELLI") == "PERSON", names
    assert names.get("OSLO") == "GPE", names


def test_company_suffixes_and_institutions_name_organisations(nlp, rules):
    text = ("Shares of Harwick Feldspar Ltd fell on Monday after the Ministry of Coastal Affairs "
            "opened an inquiry , and Bellmont United sold two players .")
    doc = rules(with_entities(nlp, text, [("Harwick Feldspar", "PERSON"), ("Coastal Affairs", "GPE"),
                                          ("Bellmont United", "PERSON")]))
    names = ents(doc)
    assert names.get("Harwick Feldspar Ltd") == "ORG", names
    assert names.get("Ministry of Coastal Affairs") == "ORG", names
    assert names.get("Bellmont United") == "ORG", names
    names = ents(nlp(text))  # and through the whole model
    assert names.get("Harwick Feldspar Ltd") == "ORG" and names.get("Bellmont United") == "ORG", names


def test_table_countries_and_organisations_take_the_tables_label(nlp, rules):
    doc = rules(with_entities(nlp, "Belarus and NATO held talks in Minsk .", [("Belarus", "ORG"), ("NATO", "GPE")]))
    names = ents(doc)
    assert names.get("Belarus") == "GPE" and names.get("NATO") == "ORG", names


def test_a_lone_surname_is_the_person_named_in_full(nlp, rules):
    text = "Sergei Valchenko arrived in Vienna on Monday . Officials said Valchenko would meet the minister ."
    doc = rules(with_entities(nlp, text, [("Sergei Valchenko", "PERSON"), ("Vienna", "GPE")]))
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Valchenko"] == [("Valchenko", "PERSON")]


def test_a_city_the_tables_use_for_a_body_stays_a_place(nlp, rules):
    doc = rules(with_entities(nlp, "Ministers met in Brussels on Monday .", [("Brussels", "GPE")]))
    assert ents(doc).get("Brussels") == "GPE"


def test_pipeline_entities_keep_offsets_and_labels(run_text):
    text = "CRICKET - NORTHSHIRE WIN\nLONDON 1996-08-30\nNorthshire 212 ( J. Pell 80 ) beat Lowland 150 .\n"
    result = run_text(text)
    assert result.entities
    for entity in result.entities:
        assert text[entity.start:entity.end] == entity.text
    labels = {e.text: e.label for e in result.entities}
    assert labels.get("Lowland") == "ORG" and labels.get("J. Pell") == "PERSON", labels


def test_evaluation_leaves_a_leading_the_out_of_predicted_names():
    text = "the Federal Reserve met ."
    assert mapped([(0, 19, "ORG")], text) == {(4, 19, "ORG")}
