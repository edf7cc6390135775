"""Cleaning cues of the third round of issue 14 (item 2): the page's own headline, widgets printed as
one line, invisible characters, and the prompts, comment tools and author boxes of news sites.

Every page here is made up for these tests; each test names the cue it exercises.
"""

from __future__ import annotations

from newsevents.clean.text import (
    HARD,
    SOFT,
    boilerplate_kind,
    classify,
    clean_text,
    echoed,
    headline_line,
    is_bio,
    line_kind,
    link_shaped,
    normalize_line,
    page_title_keys,
    word_list,
)

STORY = """The city council voted on Tuesday to build a new bridge across the river, ending a debate that has lasted nearly ten years and divided residents of both banks.

The bridge will cost about 40 million euros and should open in 2028, the mayor said after the vote, which passed by 31 votes to 12.

Opponents argued that the money would be better spent on buses and on repairing the old ferry, which has carried commuters since 1952.
"""

NOTICE = ("Your browser is out of date. Please update your browser to get the best experience of this website, "
          "which uses modern features that older browsers may not display correctly, and then reload this page.")


def test_page_title_keys_strip_the_site_name_at_either_end():
    keys = page_title_keys("Council approves new bridge | The Daily Example")
    assert "council approves new bridge" in keys
    assert "council approves new bridge | the daily example" in keys
    assert "council approves new bridge" in page_title_keys("Daily Example: Council approves new bridge")
    assert page_title_keys("Home") == set()  # one word names no story


def test_the_story_under_the_pages_headline_wins_over_a_notice_above_it():
    page = ("Council approves new bridge | The Daily Example\n\n" + NOTICE + "\n\nMenu\n\nNews\n\nSport\n\n"
            "Council approves new bridge\n\nBy Jane Morrow\n\n" + STORY)
    lines, _ = classify(page)
    assert lines[headline_line(lines)].text == "Council approves new bridge"
    cleaned = clean_text(page)
    assert cleaned.text.startswith("The city council voted on Tuesday")
    assert "browser" not in cleaned.text
    assert cleaned.title == "Council approves new bridge"


def test_a_dek_under_the_headline_is_kept_and_nothing_above_the_headline_is():
    page = ("Council approves new bridge | The Daily Example\n\n" + NOTICE + "\n\nMenu\n\n"
            "Council approves new bridge\n\n"
            "Work could start next spring if the region approves\n\n"
            "By Jane Morrow\n\nMarch 3, 2024\n\nShare\n\nTwitter\n\n" + STORY)
    text = clean_text(page).text
    assert text.startswith("Work could start next spring if the region approves\n\nThe city council")
    assert "browser" not in text and "Jane Morrow" not in text and "March 3" not in text


def test_without_the_headline_printed_again_no_dek_is_guessed():
    page = ("A page about something else\n\nWork could start next spring if the region approves\n\n"
            "By Jane Morrow\n\n" + STORY)
    assert clean_text(page).text.startswith("The city council voted on Tuesday")


def test_soft_hyphens_and_zero_width_spaces_are_removed_from_words():
    assert normalize_line("Mit\u00adtel\u00adal\u00adter und\u200b Neu\u00adzeit\ufeff") == "Mittelalter und Neuzeit"
    text = clean_text("Title of the page here\n\n" + STORY.replace("bridge", "bri\u00addge")).text
    assert "\u00ad" not in text and "new bridge across the river" in text


def test_a_rating_widget_printed_in_one_line_is_furniture():
    widget = " ".join(f"Rate Apple Porridge with Linseed {n}/5" for n in range(1, 6))
    assert echoed(widget.split(), widget) and link_shaped(widget)
    sentence = ("The council said that the bridge, the road to the bridge and the lights on the bridge would be "
                "paid for by the region, and that the city would pay for the ferry and the road to the ferry")
    assert not echoed(sentence.split(), sentence)


def test_a_drop_down_of_country_names_is_a_word_list():
    countries = ("Country (required) Afghanistan South Africa Albania Algeria Germany Andorra Angola Antigua and "
                 "Barbuda Saudi Arabia Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain Bangladesh "
                 "Barbados Belgium Belize Benin Bhutan Bolivia Bosnia and Herzegovina Botswana Brazil Brunei")
    assert word_list(countries.split(), countries)
    german = ("Die Stadt Bremen und der Landkreis Osterholz haben am Dienstag einen gemeinsamen Plan für den Bau "
              "einer neuen Brücke über die Weser vorgestellt und wollen die Bürger im Frühjahr befragen")
    assert not word_list(german.split(), german)


def test_sign_up_forms_paywalls_and_print_issue_promotions_are_prompts():
    for line in ("Sign up to get the best stories of the week, and great deals, as picked by the editors.",
                 "By submitting your information you agree to the Terms & Conditions and Privacy Policy.",
                 "Mit der Registrierung akzeptieren Sie unsere Nutzungsbedingungen.",
                 "Pour lire la suite et accéder gratuitement à 3 articles par mois, créez votre compte",
                 "Lesen Sie das Magazin. Einfach digital in der App oder bestellen Sie es im Shop als Abo oder Einzelheft:",
                 "Die aktuelle Ausgabe jetzt an jedem Kiosk, im Abo und als e-Paper erhältlich.",
                 "Missing out on the latest news? Enter your email below to receive our announcements directly, "
                 "and an email confirmation will be sent before you start receiving notifications - please check "
                 "your spam folder if you do not receive it.",
                 "Einfach hier klicken und für die digitale Ausgabe registrieren!"):
        assert boilerplate_kind(normalize_line(line)) == SOFT, line
    for sentence in ("The company said that subscriptions rose by ten percent in the last quarter.",
                     "Registered voters can sign the petition at the town hall until Friday.",
                     "The new issue of the bond was sold out within an hour, the ministry said."):
        assert boilerplate_kind(sentence) is None, sentence


def test_comment_threads_and_related_boxes_of_news_sites_are_borders():
    for line in ("5 thoughts on “Council approves new bridge”", "One thought on “Bridge”", "Join the discussion",
                 "Comments are closed.", "Further reading", "Promoted stories",
                 "Latest headlines", "Elsewhere on the web", "3 Gedanken zu „Brücke“"):
        assert boilerplate_kind(normalize_line(line)) == HARD, line
    assert line_kind("Jane Doe says:") == HARD and line_kind("Minister says") != HARD
    assert boilerplate_kind("Story continues below advertisement") == SOFT
    assert boilerplate_kind("The discussion went on until late at night, the mayor said:") is None


def test_prompts_and_comments_on_a_news_page_stay_out_of_the_text():
    page = ("Council approves new bridge | The Daily Example\n\nCouncil approves new bridge\n\n"
            + STORY.replace("\n\nOpponents", "\n\nAdvertisement\n\nStory continues below advertisement\n\nOpponents")
            + "\nSign up for our morning newsletter and get the day's top stories in your inbox.\n\n"
            "By signing up, you agree to our terms of use and privacy policy.\n\n"
            "The opposition said it would ask for a referendum on the project before the end of the year.\n\n"
            "3 thoughts on “Council approves new bridge”\n\nTom Baker says:\nMarch 3, 2024 at 9:12 am\n"
            "Finally! I have waited for this bridge for years and I am glad the council has decided at last.\n"
            "Reply\n")
    text = clean_text(page).text
    assert text.startswith("The city council voted") and text.endswith("before the end of the year.")
    for furniture in ("continues below", "By signing up", "newsletter", "thoughts on", "Finally!"):
        assert furniture not in text


def test_an_author_bio_told_as_a_career_is_a_bio():
    assert is_bio("Jule Example studierte Sportwissenschaften, bevor sie als Volontärin nach Hamburg zog.")
    assert is_bio("Jane Doe leads the politics desk of the paper, which she joined as a trainee in 2009.")
    assert is_bio("Walter Example — (born 1930), is professor emeritus of political science at the university.")
    # a sentence of the story that opens on a name and a verb, without a career, is not
    assert not is_bio("Maria Lopez lives in the village with her two children and works at the old ferry.")


def test_the_authors_box_between_the_summary_and_the_text_is_crossed():
    page = ("Council approves new bridge\n\n"
            "The vote ends a debate of ten years and the bridge should open in 2028, the mayor said on Tuesday.\n\n"
            "About the author\n\n"
            "Jane Doe leads the politics desk of the paper, which she joined as a trainee in 2009.\n\n"
            "So erreichen Sie Jane Doe:\n\n" + STORY)
    text = clean_text(page).text
    assert text.startswith("The vote ends a debate of ten years")
    assert "Jane Doe" not in text


def test_a_story_under_the_first_line_keeps_its_place_when_its_title_shows_again_in_a_teaser_list():
    page = ("Council approves new bridge\n\n" + STORY + "\nMost read\n\nFerry operator warns of job losses\n\n"
            "Council approves new bridge\n\n"
            "A short teaser about the vote that links back to this very story.\n")
    text = clean_text(page).text
    assert text.startswith("The city council voted on Tuesday") and "A short teaser" not in text


def test_site_furniture_learned_from_raw_pages_matches_lines_with_soft_hyphens():
    from newsevents.clean.furniture import furniture_key, learn_furniture

    footer = "Un\u00adser Ver\u00adlag druckt auch Bü\u00adcher und Ka\u00adlen\u00adder für die Re\u00adgi\u00adon."
    pages = [f"Story number {n} about the bridge and the ferry.\n\n{footer}\n" for n in range(4)]
    furniture = learn_furniture(pages)
    assert furniture_key(footer) == furniture_key("Unser Verlag druckt auch Bücher und Kalender für die Region.")
    assert furniture_key(footer) in furniture
    page = "Council approves new bridge\n\n" + STORY + "\n" + footer + "\n"
    assert "Verlag" in clean_text(page).text
    assert "Verlag" not in clean_text(page, furniture=furniture).text


def test_captions_that_point_at_people_and_table_of_contents_headers_are_dropped():
    for line in ("Jane Doe (l.) und Max Muster bei der Übergabe in Köln", "Richard Roe (left), 40.",
                 "Inhaltsverzeichnis", "Table of contents"):
        assert boilerplate_kind(normalize_line(line)) == SOFT, line
    # US parties in brackets are text, not a picture's left and right
    assert boilerplate_kind("A poll by Example Research (D) and Sample & Co (R) shows the senator ahead.") is None
