"""Cleaning cues of the second round of issue 14 (item 2): what surrounds a story on a scraped page.

Each fixture is made up for these tests and names the cue it exercises: a summary above the
share bar, teaser lists with "Read more" labels, hard borders inside the body, author boxes,
date lines, tag clouds and picture credits.
"""

from __future__ import annotations

from newsevents.clean.text import Line, clean_text, is_bio, meta_line, word_list

STORY = """Harbour strike ends after nine days

Dock workers in the northern port returned to work on Monday after the union and the port authority agreed a new pay deal, ending a nine-day strike.

The deal raises wages by six percent this year and four percent next year, the union said, and adds two rest days a month for crane operators.

Shipping companies said dozens of vessels had waited off the coast during the strike and that it would take a week to clear the backlog of containers.

The port handles about a third of the country's imports, and shop owners had warned of empty shelves if the strike went on into the holidays.

The transport minister welcomed the agreement and said the government would review safety rules at the port next year.
"""

BODY = STORY.split("\n", 2)[2]


def test_a_summary_above_the_byline_and_share_bar_is_kept():
    page = ("Harbour strike ends after nine days\n\n"
            "Workers won a six percent raise and two rest days a month, and the port expects to clear its backlog"
            " within a week.\n\nBy Ana Lima\n\nMarch 4, 2024\n\nShare\n\nFacebook\n\nTwitter\n\nEmail\n\nPrint\n\n"
            + BODY)
    cleaned = clean_text(page)
    assert cleaned.text.startswith("Workers won a six percent raise")
    assert "Facebook" not in cleaned.text and "By Ana Lima" not in cleaned.text
    assert cleaned.title == "Harbour strike ends after nine days"


def test_a_headline_above_the_story_is_not_taken_for_its_summary():
    # the page's first line is its headline, even when it ends with a full stop
    page = "Harbour strike ends.\n\nPort news\n\n" + BODY
    assert clean_text(page).text.startswith("Dock workers in the northern port")


def test_a_teaser_list_with_read_more_labels_after_the_story_ends_it():
    teasers = "\n\n".join(
        f"Teaser headline {n}\n\nA short summary of another story from the port, number {n}, with a few words.\n\n"
        "Read more" for n in range(5))
    cleaned = clean_text(STORY + "\nKeep reading\n\n" + teasers + "\n")
    assert cleaned.text.endswith("review safety rules at the port next year.")
    assert "Teaser headline" not in cleaned.text and "A short summary" not in cleaned.text


def test_text_after_a_hard_border_inside_the_body_goes_when_it_is_the_smaller_side():
    tail = ("You may also like\n\n"
            "Ferry services resume on the southern route after the storm, the operator said on Sunday morning.\n\n"
            "Fishing fleet stays in port as prices for diesel climb for a third week, owners said.\n")
    cleaned = clean_text(STORY + "\n" + tail)
    assert cleaned.text.endswith("review safety rules at the port next year.")
    assert "Ferry services" not in cleaned.text and "Fishing fleet" not in cleaned.text


def test_a_story_that_goes_on_after_a_related_box_is_kept():
    # the text after the border is the larger side: the box sits inside the story
    first, rest = STORY.split("\n\nThe deal raises", 1)
    page = first + "\n\nRelated\n\nPort of the south expands\n\nThe deal raises" + rest
    cleaned = clean_text(page)
    assert "Dock workers" in cleaned.text and "The transport minister welcomed" in cleaned.text


def test_an_author_box_under_a_name_line_is_dropped():
    box = ("About the author\n\nAna Lima\n\n"
           "Ana Lima covers trade and transport from the northern port and has written about shipping since 2010.\n")
    cleaned = clean_text(STORY + "\n" + box)
    assert cleaned.text.endswith("review safety rules at the port next year.") and "Ana Lima" not in cleaned.text
    assert is_bio("ist Gründungspartner der Kanzlei und schreibt über Arbeitsrecht.", above="Dr. Thomas Berger")
    assert is_bio("Redakteur in der Wirtschaft.", above="Benjamin Weber")
    # the line above must be a name, and the paragraph must go on about that person
    assert not is_bio("The union said the deal was fair.", above="Ana Lima")
    assert not is_bio("Ana Lima said the deal was fair.", above="Port news today: strike ends")


def test_date_lines_of_a_post_are_dropped_but_live_blog_times_are_kept():
    page = ("Harbour strike ends after nine days\n\nMarch 4, 2024 at 08:45 AM | categories: Ports, Labour | 12 Comments\n\n"
            + BODY.replace("\nShipping companies", "\n9:42 p.m.\n\nShipping companies"))
    cleaned = clean_text(page)
    assert "categories" not in cleaned.text and "March 4, 2024" not in cleaned.text
    assert "9:42 p.m." in cleaned.text
    assert meta_line(Line("23.06.2016 um 16:14 Uhr - Ana Lima - 91 Kommentare", "short", 9))
    assert not meta_line(Line("The strike began on March 4, 2024, after talks failed.", "sentence", 10))


def test_a_tag_cloud_in_one_line_is_furniture_but_a_table_row_is_not():
    cloud = ("Harbour Strike Unions Wages Shipping Containers Ports Transport Ministry Safety Holidays Imports"
             " Shops Cranes Ferries Fishing Diesel Storms Trade Labour Logistics")
    assert word_list(cloud.split(), cloud)
    table = "port tonnes 2022 2023 north 12.5 13.1 south 8.2 8.9 east 4.4 4.0 west 2.1 2.6 total 27.2 28.6 change +5%"
    assert not word_list(table.split(), table)
    sentence = ("The union and the port said that the deal would hold for two years and that the talks had been"
                " hard for both of the sides in the end")
    assert not word_list(sentence.split(), sentence)
    cleaned = clean_text("Tags\n\n" + cloud + "\n\n" + STORY)
    assert "Containers Ports" not in cleaned.text and cleaned.text.startswith("Dock workers")


def test_captions_with_a_picture_credit_or_licence_are_dropped():
    captions = ("Cranes stand idle at the northern port during the strike / (C) Ana Lima\n\n"
                "Map of the port and its terminals. Click to enlarge. CC-BY-SA 4.0\n\n"
                "Figure 2: Containers waiting at the port, by week\n\n")
    page = STORY.replace("\nThe deal raises", "\n" + captions + "The deal raises")
    cleaned = clean_text(page)
    for caption in ("Cranes stand idle", "Map of the port", "Figure 2"):
        assert caption not in cleaned.text
    assert "The deal raises wages" in cleaned.text and "Dock workers" in cleaned.text
