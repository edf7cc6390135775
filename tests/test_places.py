"""Places: toponyms recognised in short texts and resolved with the article as context."""

from __future__ import annotations

import pytest

from finders import place_named
from newsevents.context import ArticleContext
from newsevents.extract.entities import extract_entities
from newsevents.extract.places import event_place, extract_places, main_place
from newsevents.model import Article
from newsevents.resolve.gazetteer import haversine_km, load_gazetteer, normalize


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
    texas = place_named(run_text("The mayor of Paris, Texas, opened a new library on Monday."), "Paris")
    assert texas.country == "USA" and texas.admin1 == "Texas"
    france = place_named(run_text("French police in Paris arrested two men on Monday, officials said."), "Paris")
    assert france.country == "FRA" and abs(france.lat - 48.85) < 0.2


def test_latakia_resolved_in_syria_with_possessive_trimmed(run_text):
    result = run_text("Syrian troops retook Latakia on Tuesday. Fighting continued in Syria's north.")
    latakia = place_named(result, "Latakia")
    assert latakia.country == "SYR" and haversine_km(latakia.lat, latakia.lon, 35.5, 35.8) < 50
    syria = place_named(result, "Syria")  # "Syria's": the possessive is not part of the toponym
    assert syria.feature == "country" and syria.country == "SYR"


def test_facilities_and_region_words(run_text):
    result = run_text("Fighter jets landed at the Hmeimim air base in Latakia Province. "
                      "Some 800 troops guard the naval base at Tartus.")
    base = place_named(result, "Hmeimim air base")
    assert base.feature == "facility" and base.country == "SYR" and abs(base.lat - 35.4) < 0.1
    province = place_named(result, "Latakia Province")
    assert province.feature == "admin1" and province.country == "SYR"
    tartus = place_named(result, "Tartus")
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
    michigan = place_named(result, "Michigan")
    assert michigan.feature == "admin1" and michigan.confidence < 0.8  # inside a name: less sure
    assert place_named(result, "Jackson").feature == "admin2"
    assert place_named(result, "Braxton").name == "Braxton County"
    street = place_named(result, "Main Street")
    town = place_named(result, "Torrington")
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


# -- part 3 of issue 14: places that hold on unseen news

def test_every_country_sea_river_island_and_region_in_the_gazetteer_has_coordinates():
    gaz = load_gazetteer()
    kinds = {"country", "admin1", "region", "continent", "water", "island", "mountain"}
    entries = (gaz.entry(i) for i in range(len(gaz)))
    missing = [(e.name, e.feature) for e in entries if e.feature in kinds and (e.lat is None or e.lon is None)]
    assert missing == []
    assert {e.feature for e in gaz.lookup("Mississippi River")} == {"water"}
    assert any(e.feature == "region" and e.country == "USA" for e in gaz.lookup("West Coast"))


def test_seas_rivers_islands_and_regions_found_get_coordinates(run_text):
    result = run_text("Greece and Italy argued over migrants crossing the Mediterranean Sea. The Mississippi River "
                      "flooded farms, and ferries to Fire Island stopped. Tourists left the West Coast of the "
                      "United States.")
    for text in ("Greece", "Italy", "Mediterranean Sea", "Mississippi River", "Fire Island", "West Coast"):
        place = place_named(result, text)
        assert place.lat is not None and place.lon is not None, text
    assert place_named(result, "West Coast").country == "USA"  # not the West Coast region of New Zealand
    assert place_named(result, "Fire Island").country == "USA"


def test_a_feature_named_after_a_town_is_placed_at_that_town(run_text):
    result = run_text("Boaters were kept off Lake Manassas in Prince William County, Virginia, near Gainesville "
                      "and Haymarket.")
    lake = place_named(result, "Lake Manassas")
    assert lake.feature == "water" and lake.country == "USA"
    assert haversine_km(lake.lat, lake.lon, 38.75, -77.47) < 50  # Manassas, Virginia
    alone = run_text("Boaters were kept off Lake Zyxwv on Sunday.")  # no namesake and no context: no point
    assert all(p.lat is None for p in alone.places if p.text == "Lake Zyxwv")


def test_x_based_modifiers_name_places(run_text):
    result = run_text("Northbrook-based Crate & Barrel and the Britain-based Syrian Observatory for Human Rights "
                      "hired a Houston-based contractor.")
    assert place_named(result, "Houston").country == "USA"
    assert place_named(result, "Britain").country == "GBR" and place_named(result, "Britain").feature == "country"
    assert place_named(result, "Northbrook").admin1 == "Illinois"


def test_places_inside_agency_embassy_and_mission_names(run_text):
    result = run_text("Georgia Bureau of Investigation agents raided a home in Atlanta on Monday. The Embassy of "
                      "Ukraine in Nigeria said the Ukraine Trade Mission would reopen.")
    georgia = place_named(result, "Georgia")  # a first name too, but it heads a state agency's name here
    assert georgia.country == "USA" and georgia.feature == "admin1"
    assert [p.country for p in result.places if p.text == "Ukraine"] == ["UKR", "UKR"]
    assert place_named(result, "Nigeria").country == "NGA"


def test_a_school_or_team_named_after_a_place_is_not_that_place(run_text):
    result = run_text("Georgia Tech beat Boise State on Saturday. The Washington State Patrol closed the road.")
    texts = [p.text for p in result.places]
    assert "Georgia Tech" not in texts and "Boise State" not in texts
    washington = place_named(result, "Washington")
    assert washington.feature == "admin1" and washington.country == "USA"  # the state, not the capital


def test_the_articles_country_and_region_decide_ambiguous_names(run_text):
    result = run_text("Dublin city council met on Monday. The Columbus suburb in central Ohio plans a new library, "
                      "Dublin's mayor said.")
    assert {(p.country, p.admin1) for p in result.places if p.text == "Dublin"} == {("USA", "Ohio")}
    alone = run_text("Dublin city council met on Monday.")
    assert place_named(alone, "Dublin").country == "IRL"  # without context, the capital


def test_local_names_abroad_give_way_to_the_articles_city(run_text):
    # Gentilly is a New Orleans neighbourhood and also a village of Mauritius: the article is about New Orleans
    result = run_text("Residents of Gentilly returned home on Monday. The mayor of New Orleans said Louisiana "
                      "would help rebuild New Orleans.")
    gentilly = place_named(result, "Gentilly")
    assert gentilly.country == "USA" and haversine_km(gentilly.lat, gentilly.lon, 29.95, -90.07) < 30
    assert gentilly.confidence is not None and gentilly.confidence <= 0.3


def test_a_disease_named_after_a_place_is_not_a_place(run_text):
    result = run_text("Cases of West Nile virus and Lassa fever rose in Nigeria and the Nile delta.")
    texts = [p.text for p in result.places]
    assert "West Nile" not in texts and "Lassa" not in texts
    assert place_named(result, "Nigeria").country == "NGA"


def test_a_town_before_a_noun_for_its_people_is_a_place(run_text):
    result = run_text("Winona man found dead behind residence. Police in Minnesota said the Winona man was 22.")
    winona = place_named(result, "Winona")
    assert winona.country == "USA" and winona.admin1 == "Minnesota"


def test_country_points_serve_geonames_and_wikipedia_where_one_point_can():
    gaz = load_gazetteer()

    def within(iso3, *points):
        country = gaz.country(iso3)
        return all(haversine_km(country.lat, country.lon, lat, lon) <= 161 for lat, lon in points)

    # GeoNames' point and Wikipedia's title coordinate (and the CIA World Factbook's), a few hundred km apart
    assert within("CHN", (35.0, 105.0), (35.0, 103.0))
    assert within("AUS", (-25.0, 135.0), (-25.0, 133.0), (-27.0, 133.0))
    assert within("SDN", (16.0, 30.0), (15.0, 32.0), (15.0, 30.0))
    assert within("NGA", (10.0, 8.0), (8.0, 10.0))
    # no point serves both: GeoNames' point, which goes with the GeoNames id we give
    assert within("CAN", (60.10867, -113.64258)) and not within("CAN", (60.0, -95.0))
    assert within("RUS", (60.0, 100.0))


def test_common_nouns_and_broken_words_are_not_places(run_text):
    result = run_text("Sandbagging hit high gear in the metro, and the gulf between schools grew. He bought an ice "
                      "cream van.")
    assert [p.text for p in result.places] == []
    # "Itâ s" is "It's" decoded with the wrong encoding, not the town of Itá
    broken = run_text("Itâ s not traffic, noted the public works director in Alexandria, Minnesota.")
    assert [p.text for p in broken.places if p.text.startswith("It")] == []
    assert place_named(broken, "Alexandria").admin1 == "Minnesota"


def test_a_first_name_after_a_town_is_not_a_place(run_text):
    result = run_text("She spoke only French when she moved to Arlington, Nadia Moayyad said.")
    assert [p.text for p in result.places] == ["Arlington"]


def test_a_town_beside_the_articles_places_beats_a_famous_namesake(run_text):
    # Lebanon, Indiana is the seat of Boone County: the article is local news there, not about the country
    result = run_text("Lebanon police arrested a man on Thursday. He was held in the Boone County jail.")
    lebanon = place_named(result, "Lebanon")
    assert (lebanon.country, lebanon.admin1, lebanon.feature) == ("USA", "Indiana", "city")
    abroad = run_text("Lebanon and Syria closed the border near Homs on Thursday.")
    assert place_named(abroad, "Lebanon").country == "LBN"


def test_a_new_gazetteer_cache_removes_the_stale_ones(tmp_path):
    from newsevents.resolve.gazetteer import _remove_stale_caches

    current, stale, other = (tmp_path / "gazetteer-new.pickle", tmp_path / "gazetteer-old.pickle",
                             tmp_path / "notes.txt")
    for path in (current, stale, other):
        path.write_bytes(b"x")
    _remove_stale_caches(current)
    assert current.exists() and other.exists() and not stale.exists()


def test_the_compact_gazetteer_gives_back_every_field_of_every_entry():
    import pickle

    from newsevents.resolve.gazetteer import Gazetteer

    rows = [("Paris", 48.85, 2.35, "FRA", "Ile-de-France", "city", 2_138_551, 2988507),
            ("Paris", 33.66, -95.56, "USA", "Texas", "city", 24_782, 4717560),
            ("Hmeimim Air Base", None, None, "SYR", None, "facility", 0, 0)]
    index = {"paris": (0, 1), "hmeimim": (2,), "hmeimim air base": (2,)}
    gazetteer = pickle.loads(pickle.dumps(Gazetteer(rows, index)))  # as the cache file stores it
    assert [(e.name, e.lat, e.country, e.admin1, e.population, e.geonames_id) for e in gazetteer.lookup("Paris")] \
        == [("Paris", 48.85, "FRA", "Ile-de-France", 2_138_551, 2988507),
            ("Paris", 33.66, "USA", "Texas", 24_782, 4717560)]
    base = gazetteer.lookup("Hmeimim")[0]
    assert (base.lat, base.lon, base.admin1, base.feature, base.geonames_id, base.entry_id) \
        == (None, None, None, "facility", None, 2)
    assert gazetteer.lookup("Lyon") == [] and len(gazetteer) == 3


def test_a_name_after_the_town_of_is_a_place_whatever_spacy_calls_it(run_text):
    # spaCy reads "Douma" as a person; "the town of" says otherwise, and GeoNames knows it as Dūmā
    douma = place_named(run_text("Syrian troops shelled the town of Douma on Monday."), "Douma")
    assert (douma.country, douma.feature) == ("SYR", "city")
