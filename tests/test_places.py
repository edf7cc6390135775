"""Places: toponyms recognised in short texts and resolved with the article as context."""

from __future__ import annotations

import pytest

from newsevents.context import ArticleContext
from newsevents.extract.entities import extract_entities
from newsevents.extract.places import event_place, extract_places, main_place
from newsevents.model import Article
from newsevents.resolve.gazetteer import haversine_km, load_gazetteer, normalize


def _place(result, text):
    found = [p for p in result.places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in result.places]}"
    return found[0]


def _context(pipeline, text: str) -> ArticleContext:
    ctx = ArticleContext(article=Article(id="t", text=text), doc=pipeline.nlp(text))
    ctx.entities = extract_entities(ctx)
    ctx.places = extract_places(ctx)
    return ctx


def test_normalize_ignores_accents_case_stops_and_the():
    assert normalize("the Ţarţūs") == "tartus"
    assert normalize("St. Louis") == "st louis"


def test_gazetteer_knows_bases_regions_and_abbreviations():
    gaz = load_gazetteer()
    assert {e.feature for e in gaz.lookup("Khmeimim")} == {"facility"}
    assert any(e.feature == "region" and e.country == "PSE" for e in gaz.lookup("Gaza Strip"))
    assert any(e.name == "Kentucky" for e in gaz.lookup("Ky."))
    assert not any(e.name == "Manitoba" for e in gaz.lookup("Man"))  # abbreviations need their full stop
    france = gaz.country("FRA")
    assert (france.lat, france.lon) == (46.0, 2.0)  # GeoNames' point for France, not Paris


def test_paris_texas_pattern_and_paris_france(run_text):
    texas = _place(run_text("The mayor of Paris, Texas, opened a new library on Monday."), "Paris")
    assert texas.country == "USA" and texas.admin1 == "Texas"
    france = _place(run_text("French police in Paris arrested two men on Monday, officials said."), "Paris")
    assert france.country == "FRA" and abs(france.lat - 48.85) < 0.2


def test_latakia_resolved_in_syria_with_possessive_trimmed(run_text):
    result = run_text("Syrian troops retook Latakia on Tuesday. Fighting continued in Syria's north.")
    latakia = _place(result, "Latakia")
    assert latakia.country == "SYR" and haversine_km(latakia.lat, latakia.lon, 35.5, 35.8) < 50
    syria = _place(result, "Syria")  # "Syria's": the possessive is not part of the toponym
    assert syria.feature == "country" and syria.country == "SYR"


def test_facilities_and_region_words(run_text):
    result = run_text("Fighter jets landed at the Hmeimim air base in Latakia Province. "
                      "Some 800 troops guard the naval base at Tartus.")
    base = _place(result, "Hmeimim air base")
    assert base.feature == "facility" and base.country == "SYR" and abs(base.lat - 35.4) < 0.1
    province = _place(result, "Latakia Province")
    assert province.feature == "admin1" and province.country == "SYR"
    tartus = _place(result, "Tartus")
    assert tartus.feature == "facility" and tartus.name == "Tartus naval base"


def test_people_named_like_places_are_not_places(run_text):
    result = run_text("Paris Hilton arrived at the party with Jordan Henderson. Jordan said he was tired.")
    assert result.places == []


def test_demonyms_are_not_places_unless_asked(pipeline, run_text):
    assert run_text("Russian forces began withdrawing on Tuesday.").places == []
    ctx = ArticleContext(article=Article(id="t", text="Russian forces began withdrawing on Tuesday."),
                         doc=pipeline.nlp("Russian forces began withdrawing on Tuesday."),
                         options={"places_demonyms": True})
    ctx.entities = extract_entities(ctx)
    places = extract_places(ctx)
    assert [(p.text, p.country, p.feature) for p in places] == [("Russian", "RUS", "country")]


def test_event_place_skips_the_speakers_location(pipeline):
    text = "In Washington, the White House said Russian forces attacked rebels in Aleppo."
    ctx = _context(pipeline, text)
    start = text.index("attacked")
    place = event_place(ctx, 0, start, start + len("attacked"))
    assert place is not None and place.text == "Aleppo"


def test_event_place_falls_back_to_the_main_place(pipeline):
    text = ("Fighting broke out in Aleppo on Monday. Rebels shelled Aleppo again. "
            "The ceasefire collapsed on Tuesday.")
    ctx = _context(pipeline, text)
    assert main_place(ctx).text == "Aleppo"
    start = text.index("collapsed")
    place = event_place(ctx, 2, start, start + len("collapsed"))
    assert place is not None and place.name == "Aleppo" and place.country == "SYR"


def test_seed_places(seed_result):
    found = {(p.name, p.country) for p in seed_result.places}
    for expected in [("Syria", "SYR"), ("Russia", "RUS"), ("Voronezh", "RUS"), ("Geneva", "CHE"),
                     ("Hmeimim Air Base", "SYR")]:
        assert expected in found


@pytest.mark.parametrize("text", ["12345 !!!", "in in in the the", "The Police said so."])
def test_texts_without_places(run_text, text):
    assert run_text(text).places == []


def test_places_inside_names_counties_party_towns_and_streets(run_text):
    result = run_text("She studied at the University of Michigan. Flooding hit Barrow, Jackson and Madison "
                      "counties, said Rep. Brent Boggs, D-Braxton. Torrington firefighters closed Main Street "
                      "in Torrington, Conn., on Tuesday.")
    michigan = _place(result, "Michigan")
    assert michigan.feature == "admin1" and michigan.confidence < 0.8  # inside a name: less sure
    assert _place(result, "Jackson").feature == "admin2"
    assert _place(result, "Braxton").name == "Braxton County"
    street = _place(result, "Main Street")
    town = _place(result, "Torrington")
    assert street.feature == "street" and (street.lat, street.lon) == (town.lat, town.lon)
    assert town.admin1 == "Connecticut"


def test_papers_and_clubs_do_not_place_the_news(run_text):
    result = run_text("The New York Times reported that Real Madrid won again.")
    assert [p.text for p in result.places] == []


def test_a_demonym_is_a_place_only_where_it_names_a_place(run_text):
    result = run_text("Turkish troops crossed into Syrian territory near the Iraqi border, Russian officials said.")
    places = {p.text: p.country for p in result.places}
    assert places.get("Syrian") == "SYR" and places.get("Iraqi") == "IRQ"
    assert "Turkish" not in places and "Russian" not in places
