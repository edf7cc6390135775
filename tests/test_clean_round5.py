"""Cleaning cues of the fifth round of issue 14 (item 2): lists of figures beside a story, long teaser
sidebars, teasers cut short with a "more" link, title separators, and the textclean scorer's reading
of invisible characters.

Every fixture is made up for these tests and names the cue it exercises.
"""

from __future__ import annotations

from newsevents.clean.text import Line, clean_text, data_line, page_title_keys
from newsevents.evaluate.textclean import visible, visible_snippets

METHOD = """Heat the oven to 180 degrees and butter a round tin of about twenty-four centimetres.

Beat the butter with the sugar until pale, then add the eggs one at a time and beat well after each.

Fold in the flour with the baking powder and the milk, spread the batter in the tin and bake it for forty minutes.

Let the cake cool in the tin for ten minutes before you turn it out onto a rack and dust it with sugar.
"""


def test_an_ingredient_list_above_the_method_is_kept():
    page = ("Lemon sponge cake\n\nIngredients\n\n200 g butter\n200 g sugar\n4 eggs\n250 g flour\n"
            "2 tsp baking powder\n100 ml milk\n\nMethod\n\n" + METHOD)
    text = clean_text(page).text
    assert "200 g butter" in text and "100 ml milk" in text
    assert text.index("200 g butter") < text.index("Heat the oven")
    assert text.endswith("dust it with sugar.")


def test_a_specification_table_below_the_review_is_kept_but_not_the_menu_after_it():
    review = ("The new estate car is roomy and quiet, and its hybrid engine used little fuel on our test drive"
              " through the hills.\n\nThe boot holds more than most rivals and the rear seats fold flat"
              " with one hand, which families will like.\n\nOnly the infotainment screen is slow to answer"
              " and the rear window is small for a car of this size.\n\n")
    page = (review + "Technical data\n\nPower: 265 PS\nTorque: 350 Nm\nBattery: 13.8 kWh\nRange: 58 km\n"
            "Price: 62,490 Euro\n\nLatest news\n\nHome\n\nReviews\n\nNews\n\nContact\n\nImprint\n")
    text = clean_text(page).text
    assert "Torque: 350 Nm" in text and "Price: 62,490 Euro" in text
    assert "Latest news" not in text and "Imprint" not in text


def test_counters_archive_months_page_numbers_and_a_footer_address_are_not_data():
    assert data_line(Line("250 g flour", "short", 3))
    assert data_line(Line("Torque: 350 Nm", "short", 3))
    for text in ("Pinterest 192.0K", "63 Kommentare", "Tel. 030 / 76 888 0", "13057 Berlin",
                 "IBAN: DE68 1002 0500 0001 0379 00", "March 4, 2024", "Oktober 2014", "Bücher (15)", "2"):
        assert not data_line(Line(text, "short", len(text.split()))), text


def test_a_footer_with_an_address_and_bank_details_is_not_attached():
    page = (METHOD + "\nDog Rescue Society\nHarbour Road 39\n13057 Berlin\nTel. 030 / 76 888 0\n"
            "Bank details:\nIBAN: DE68 1002 0500 0001 0379 00\nBIC: BFSWDE33BER\n")
    text = clean_text(page).text
    assert "Harbour Road 39" not in text and "IBAN" not in text
    assert "Heat the oven" in text


STORY = """Harbour strike ends after nine days

Dock workers in the northern port returned to work on Monday after the union and the port authority agreed a new pay deal, ending a nine-day strike.

The deal raises wages by six percent this year and four percent next year, the union said, and adds two rest days a month for crane operators.

Shipping companies said dozens of vessels had waited off the coast during the strike and that it would take a week to clear the backlog of containers.
"""


def test_a_long_sidebar_of_teaser_headlines_does_not_outscore_the_story():
    teasers = "\n".join(
        f"Celebrity number {word} shows off her holiday look in a daring outfit as she enjoys a sunny break"
        f" with friends and family on the coast near the old harbour town and fans react online to the pictures"
        f" of her {word} day" for word in
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"))
    page = STORY + "\n" + teasers + "\n"
    text = clean_text(page).text
    assert text.startswith("Dock workers in the northern port")
    assert "Celebrity number" not in text


def test_paragraphs_apart_are_text_even_without_full_stops():
    # the same long unpunctuated lines with blank lines between them are paragraphs, not a teaser list
    lines = [f"The poem runs on without any full stop because the poet wanted it so and the reader follows"
             f" along to the {word}" for word in ("sea", "hills", "river", "town", "end")]
    text = clean_text("\n\n".join(lines)).text
    assert all(line in text for line in lines)


def test_teasers_cut_short_with_a_more_link_are_a_list_not_the_story():
    teasers = "\n\n".join(
        f"Port authority {word}: the board met on Tuesday to discuss new rules for the container terminal"
        f" and the plans for the northern quay, which the city council had sent back to the harbour office"
        f" {cut} ... more" for word, cut in (("news", "in Ma"), ("update", "after a lo"), ("report", "for a th")))
    page = STORY + "\n" + teasers + "\n"
    text = clean_text(page).text
    assert "Dock workers" in text
    assert "... more" not in text


def test_a_bullet_separates_the_site_name_from_the_headline_in_a_page_title():
    assert "harbour strike ends after nine days" in page_title_keys("Harbour strike ends after nine days • PORT NEWS")
    assert "harbour strike ends after nine days" in page_title_keys("PORT NEWS › Harbour strike ends after nine days")


def test_the_scorer_compares_snippets_as_a_reader_sees_them():
    item = {"with": ["Kern\u00adwerk\u00adzeuge"], "without": ["Men\u00fc"]}
    assert visible_snippets(item)["with"] == ["Kernwerkzeuge"]
    assert visible("Kern\u00adwerk\u200bzeuge") == "Kernwerkzeuge"
    assert visible_snippets(item)["without"] == ["Men\u00fc"]


def test_an_archive_list_of_months_under_a_post_is_not_attached():
    page = METHOD + "\nArchive\nOktober 2014\nJuni 2013\nMai 2012\nNovember 2011\nSeptember 2011\n"
    text = clean_text(page).text
    assert "Juni 2013" not in text and text.endswith("dust it with sugar.")
