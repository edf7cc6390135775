"""Places: a town's council is the town's, streets are no towns, and towns named together are neighbours."""

from __future__ import annotations


def _places(result, text):
    found = [p for p in result.places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in result.places]}"
    return found


def test_a_city_council_names_the_town_not_an_alternate_name_abroad(run_text):
    result = run_text("Dublin City Council members met on Monday. The Dublin police chief said the Franklin County "
                      "sheriff will help.")
    assert "Dublin City" not in {p.text for p in result.places}  # only Dublin, Ireland is called that
    council, alone = _places(result, "Dublin")
    assert council.start == 0 and council.end == len("Dublin")
    assert (council.country, council.admin1) == ("USA", "Ohio") == (alone.country, alone.admin1)


def test_a_town_called_city_keeps_its_name_before_a_council(run_text):
    result = run_text("The Kansas City Council voted on Tuesday to raise the fare.")
    (town,) = _places(result, "Kansas City")
    assert town.feature == "city" and town.country == "USA"


def test_a_street_named_with_a_direction_is_a_street_not_the_town_street(run_text):
    result = run_text("Crews closed North Street in Glenville on Monday.")
    (street,) = _places(result, "North Street")
    assert street.feature == "street"
    glenville = _places(result, "Glenville")[0]
    assert (street.lat, street.lon) == (glenville.lat, glenville.lon)  # placed at the town it is in
    assert not any(p.country == "GBR" for p in result.places)


def test_a_county_road_still_names_the_county(run_text):
    result = run_text("The crash closed Douglas County Road 5 near Castle Rock, Colorado, on Friday.")
    county = [p for p in result.places if p.text.startswith("Douglas County")]
    assert county and county[0].feature != "street" and county[0].admin1 == "Colorado"


def test_small_towns_named_together_are_the_neighbouring_namesakes(run_text):
    # New London, Iowa (1,900 people) beside Winfield and Mount Pleasant, Iowa, not New London, Connecticut
    result = run_text("Residents of New London and Winfield packed the meeting; the Mt. Pleasant council will "
                      "vote on the plan.")
    assert _places(result, "New London")[0].admin1 == "Iowa"
    result = run_text("Police in Clinton and Bloomfield said the storm closed roads near Vernon.")
    clinton, vernon = _places(result, "Clinton")[0], _places(result, "Vernon")[0]
    assert clinton.admin1 == vernon.admin1


def test_a_country_whose_name_is_also_its_adjective_is_a_place(run_text):
    result = run_text("The outbreak reached New Zealand in March, and Djibouti closed its port.")
    assert _places(result, "New Zealand")[0].country == "NZL"
    assert _places(result, "Djibouti")[0].country == "DJI"
    assert not any(p.text == "Russian" for p in run_text("Russian forces left on Monday.").places)
