"""Places: the longest place name the text writes, counties named short, capitals, organisations' words."""

from __future__ import annotations

from finders import place_named, place_texts


def test_a_place_cut_short_takes_the_longer_name(run_text):
    result = run_text("Licking County Prosecutor Ken Oswalt said the case was rare. The fare is $40 more than a "
                      "flight from Kansas City International to Dallas.")
    county = place_named(result, "Licking County")
    assert county.feature == "admin2" and county.admin1 == "Ohio"
    assert place_named(result, "Kansas City").feature == "city"  # not the state of Kansas
    assert "Kansas" not in place_texts(result)


def test_a_saints_title_before_a_dateline_name_joins_it(run_text):
    result = run_text("Man accused of threatening tax worker.\nST. PAUL -- No matter how frustrating taxes get, "
                      "threats are a crime, a Minnesota judge said.")
    paul = place_named(result, "ST. PAUL")
    assert paul.admin1 == "Minnesota"


def test_a_county_named_as_an_event_is_the_county(run_text):
    result = run_text("The 2008 Walker County Fair Queen made one of her last official appearances in "
                      "Huntsville.")
    assert place_named(result, "Walker County").feature == "admin2"
    assert "Walker" not in place_texts(result)


def test_a_county_named_in_full_then_by_its_first_word(run_text):
    result = run_text("A Navarro County jury found the defendant guilty on Monday in Corsicana. Navarro "
                      "prosecutors asked for 99 years.")
    short = [p for p in result.places if p.text == "Navarro"]
    assert short and short[0].feature == "admin2" and short[0].admin1 == "Texas"


def test_a_capital_that_speaks_is_still_a_place_but_a_surname_is_not(run_text):
    result = run_text("The streets of the secessionist capital are abandoned and Tbilisi says the separatist "
                      "leader fled. Jackson said the talks would resume.")
    assert place_named(result, "Tbilisi").country == "GEO"
    assert "Jackson" not in place_texts(result)


def test_an_organisations_person_shaped_name_does_not_hide_its_town(run_text):
    result = run_text("The burn ban was lifted after a conference between Huntsville Fire Chief Tom Grisham and "
                      "Walker County officials.")
    town = place_named(result, "Huntsville")
    assert town.admin1 == "Texas"  # beside Walker County, Texas


def test_new_zealands_islands_are_islands(run_text):
    result = run_text("She practised at a rural hospital on New Zealand's South Island before returning to Ohio.")
    island = place_named(result, "South Island")
    assert island.country == "NZL" and island.feature == "island"


def test_organisations_and_common_words_are_not_small_towns(run_text):
    result = run_text("According to the city engineer for the City of Huntsville, the road is closed. At the NATO "
                      "summit the alliance agreed to resume contacts in the NATO-Russia Council. The board heard "
                      "the Shaping the Future committee. The Department of Homeland Security declined to comment.")
    texts = place_texts(result)
    for word in ("City", "NATO", "Shaping", "Homeland"):
        assert word not in texts, texts
    assert place_named(result, "Huntsville").country == "USA"


def test_a_small_towns_name_that_speaks_is_a_person(run_text):
    result = run_text('"They left to obtain an education and gain freedom," Petrova said in Moscow.')
    assert "Petrova" not in place_texts(result)
    assert place_named(result, "Moscow").country == "RUS"


def test_a_country_is_supported_by_the_places_named_inside_it(run_text):
    result = run_text("Senior U.S. Military Official Visits Georgia. The general, the second highest ranking "
                      "officer of the United States, will also travel to the town of Gori and visit the "
                      "Gori-based infantry brigade.")
    assert place_named(result, "Georgia").feature == "country"


def test_a_capitals_name_is_the_capital_within_its_country_unless_qualified(run_text):
    result = run_text("He rode a bicycle from his hometown of Norman, Okla., past Tulsa. He will reach "
                      "Washington in May. Washington, Ga., held a parade for him.")
    first, second = [p for p in result.places if p.text == "Washington"][:2]
    assert first.admin1 == "Washington, D.C."
    assert second.admin1 == "Georgia"


def test_postal_towns_fill_the_gazetteers_gaps_but_not_with_regions_or_streets():
    from newsevents.resolve.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert any(e.admin1 == "Connecticut" for e in gaz.lookup("Harwinton"))
    assert any(e.admin1 == "Connecticut" and e.feature == "city" for e in gaz.lookup("Berlin"))
    assert not any(e.feature == "city" for e in gaz.lookup("East Texas"))  # a hamlet in Pennsylvania
    assert not any(e.feature == "city" for e in gaz.lookup("North Street"))


def test_a_town_named_beside_its_neighbours_is_theirs_not_a_famous_capital(run_text):
    result = run_text("MIDDLETOWN — A Middletown High School senior is recovering at Hartford Hospital after he "
                      "crashed head-on into a tree in Berlin. Berlin police are investigating the crash.")
    assert place_named(result, "Berlin").admin1 == "Connecticut"


def test_a_piece_of_a_hyphened_name_is_no_place(run_text):
    """ "Agence France-Presse" is a news agency and "Franco-German" two nationalities; "Middlesex-London",
    "Egyptian-US" and a party's "R-Ocilla" keep their places, written without the hyphen."""
    result = run_text("Agence France-Presse reported that the Franco-German plan was shelved. Middlesex-London "
                      "EMS officials met Rep. Jay Roberts (R-Ocilla) to discuss Egyptian-US relations.")
    texts = place_texts(result)
    assert "France" not in texts and "France-" not in texts and "Franco" not in texts
    assert "London" in texts and "-London" not in texts
    assert place_named(result, "Ocilla").country == "USA"
    assert place_named(result, "US").feature == "country"


def test_a_based_modifier_starts_after_its_article(run_text):
    result = run_text("The Paris-based agency said the talks would resume.")
    assert place_named(result, "Paris").country == "FRA"
    assert "The Paris" not in place_texts(result)


def test_a_towns_name_that_is_in_a_named_persons_name_is_the_person(run_text):
    """Conrad is a town in Montana; here it is Conrad Smit, and the text never writes it as where."""
    result = run_text("\"The Florida season also ends earlier,\" says Conrad Smit. Our importer receives the first "
                      "grapes soon. \"From week 19, they'll start packing the White Marsh variety,\" Conrad "
                      "continues. According to Conrad, South Africa increasingly spreads its exports.")
    assert "Conrad" not in place_texts(result)
    assert place_named(result, "South Africa").feature == "country"


def test_agencies_titles_and_leading_directions_are_not_places(run_text):
    """Xinhua and Fars are towns, but here news agencies; "Ms Raggi" is a person spaCy may call a place;
    "Far North" only starts "Far North Queensland". A charity's "Atlanta agency" stays in Atlanta."""
    result = run_text("Twelve people were hurt, the Xinhua news agency reported, and Fars news agency said the "
                      "blast hit a market. The investigations will put pressure on Ms Raggi, whose success is "
                      "seen as crucial. Youth crime rose in Far North Queensland. In Georgia, United Way "
                      "agencies led by the Atlanta agency will draft a plan.")
    texts = place_texts(result)
    assert not {"Xinhua", "Fars", "Ms Raggi", "Far North"} & set(texts)
    assert place_named(result, "Queensland").country == "AUS"
    assert place_named(result, "Atlanta").country == "USA"


def test_a_place_that_names_a_paper_or_a_radio_is_not_where(run_text):
    result = run_text("A reporter for China Daily said Radio Pyongyang confirmed the outbreak near Sinuiju. "
                      "The Peanut Corporation of America recalled its products.")
    texts = place_texts(result)
    assert "China" not in texts and "Pyongyang" not in texts and "America" not in texts
    assert place_named(result, "Sinuiju").country == "PRK"


def test_a_hyphened_name_the_gazetteer_knows_is_one_place(run_text):
    """spaCy cuts "Guinea-Bissau" at the hyphen; Bissau alone would be the capital city. "Reston
    ebolavirus" is a virus named after a town."""
    result = run_text("Cholera hit Guinea, Guinea-Bissau and Liberia, and farm workers were infected with "
                      "Reston ebolavirus.")
    assert place_named(result, "Guinea-Bissau").feature == "country"
    texts = place_texts(result)
    assert "Bissau" not in texts and "Reston" not in texts


def test_a_school_towns_name_before_the_schools_team_is_the_school(run_text):
    """Foley is a town; here it only names a school, and "the Foley team" is that school's."""
    result = run_text("Madison Southern High School, along with Foley Middle School, took part in the tournament "
                      "in Richmond, Kentucky. \"The Foley team received very complimentary remarks from the "
                      "judges,\" the coach said.")
    assert "Foley" not in place_texts(result)
    assert place_named(result, "Richmond").admin1 == "Kentucky"


def test_a_disease_named_after_a_place_keeps_that_name_alone(run_text):
    """Once the text names the Marburg virus, "Marburg kills" is the disease; "in Marburg" is still where."""
    result = run_text("The Marburg virus spread in Angola. Because Marburg kills more slowly, a victim has more "
                      "time to spread it.")
    assert "Marburg" not in place_texts(result)
    assert place_named(result, "Angola").feature == "country"


def test_a_towns_short_name_is_its_own_before_another_towns_alternate(run_text):
    """ "Marburg" is Marburg an der Lahn's own name cut short, and only an old German name of Maribor."""
    result = run_text("Researchers in Marburg first described the virus.")
    assert place_named(result, "Marburg").country == "DEU"


def test_a_countrys_name_stays_a_country_beside_a_disease_named_after_it(run_text):
    result = run_text("He again called it the China virus. China said on Monday that its borders would reopen.")
    assert place_named(result, "China").feature == "country"
