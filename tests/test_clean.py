"""Cleaning: scraped plain text of several article shapes, HTML pages and fragments, language."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.clean import prepare_article
from newsevents.clean.html import extract_html
from newsevents.clean.language import detect_language
from newsevents.clean.text import clean_text
from newsevents.model import Document

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "rferl-russia-syria-drawdown.txt"

WIRE = """Rebels seize northern town after two days of fighting

By Jane Okafor

March 3, 2024 10:21 AM GMT

KIDAL, Mali (Newswire) - Rebels seized the northern town of Kidal on Sunday after two days of fighting that
killed at least 12 soldiers, a military source said.

The army said it would retake the town. "We will not abandon the north," Defence Minister Sadio Camara told
state television.

Reporting by Jane Okafor; Editing by Tom Baker
"""

MENU_PAGE = """Skip to content
Home
World
Politics
Business
Sport

Protesters clash with police in capital

Updated: 12 May 2024

Thousands of protesters clashed with police in the capital on Saturday, demanding early elections.

Advertisement

Police fired tear gas and said 45 people had been arrested. The interior ministry said 12 officers were hurt.

Opposition leader Ana Petrova called for another rally next week.

Share this article
Facebook
Twitter

Related
Government survives confidence vote
Opposition announces boycott of parliament

© 2024 Daily Planet Media. All rights reserved.
Privacy policy | Terms of use
"""

FOOTER_PAGE = """Flood waters recede in the south

Flood waters began to recede across the southern provinces on Thursday, allowing thousands of families to return home.

The government said 32 people had died and 1,800 homes were damaged in the worst floods in a decade.

Read more: Climate scientists warn of more extreme rain

Relief agencies said clean water remained the most urgent need in the hardest-hit districts.

Copyright 2024 The Southern Herald

The Southern Herald is an independent newspaper. Our journalism is funded by readers like you, and we never accept money from the government.

Click here to subscribe to our daily newsletter.
"""

NO_TITLE = """The central bank raised its main interest rate by half a percentage point on Wednesday, citing rising food prices.

Governor Elena Ruiz said further increases were possible if inflation did not slow in the coming months.
"""

GERMAN_PAGE = """Startseite
Politik
Wirtschaft
Kontakt

Regierung beschließt neues Klimagesetz

Die Bundesregierung hat am Mittwoch ein neues Klimagesetz beschlossen, das den Ausstoß von Treibhausgasen bis 2030 deutlich senken soll.

Umweltverbände begrüßten den Entwurf, kritisierten aber fehlende Maßnahmen im Verkehrssektor.

Ähnliche Beiträge
Koalition streitet über Haushalt
Neue Regeln für Heizungen

Impressum
Datenschutz
"""


def test_seed_article_parts():
    if not SEED.exists():
        pytest.skip("the seed article is not beside the checkout")
    cleaned = clean_text(SEED.read_text(encoding="utf-8"))
    assert cleaned.title == "Russian Forces Begin Drawdown In Syria"
    assert cleaned.text.startswith("Russian forces have begun withdrawing from Syria")
    assert cleaned.caption.startswith("Russian fighter jets on the tarmac")
    assert cleaned.credits == "With reporting by RFE/RL's Current Time, AP, Interfax, and TASS"
    assert "More than 270,000 people have been killed" in cleaned.text
    for junk in ("Accessibility links", "Breaking News", "16x9 Image", "undesirable organization",
                 "click here", "stateless person", "fighter jets on the tarmac"):
        assert junk not in cleaned.text


def test_wire_story_title_byline_credits_and_wrapped_lines():
    cleaned = clean_text(WIRE)
    assert cleaned.title == "Rebels seize northern town after two days of fighting"
    assert cleaned.author == "Jane Okafor"
    assert cleaned.published == "2024-03-03"  # from the dateline under the byline
    assert cleaned.credits == "Reporting by Jane Okafor; Editing by Tom Baker"
    assert cleaned.text.startswith("KIDAL, Mali (Newswire) - Rebels seized")
    assert "that killed at least 12 soldiers" in cleaned.text  # the wrapped line is joined
    assert "Editing by" not in cleaned.text and "10:21 AM" not in cleaned.text
    assert cleaned.text.endswith('told state television.')


def test_page_with_menus_share_bar_related_links_and_footer():
    cleaned = clean_text(MENU_PAGE)
    assert cleaned.title == "Protesters clash with police in capital"
    assert cleaned.text.startswith("Thousands of protesters clashed")
    assert "Police fired tear gas" in cleaned.text and "Ana Petrova" in cleaned.text
    for junk in ("Skip to content", "Politics", "Advertisement", "Share this", "Facebook", "confidence vote",
                 "All rights reserved", "Privacy policy", "Updated"):
        assert junk not in cleaned.text
    assert cleaned.text.count("\n\n") == 2  # three paragraphs
    assert cleaned.published == "2024-05-12"


def test_page_with_footer_notices_after_copyright():
    cleaned = clean_text(FOOTER_PAGE)
    assert cleaned.title == "Flood waters recede in the south"
    assert "Relief agencies said clean water" in cleaned.text  # the story goes on after a teaser link
    for junk in ("Read more", "Copyright", "funded by readers", "Click here"):
        assert junk not in cleaned.text


def test_article_without_title():
    cleaned = clean_text(NO_TITLE)
    assert cleaned.title is None and cleaned.published is None
    assert cleaned.text.startswith("The central bank raised") and "Governor Elena Ruiz" in cleaned.text


def test_german_page_menus_and_related_posts():
    cleaned = clean_text(GERMAN_PAGE)
    assert cleaned.title == "Regierung beschließt neues Klimagesetz"
    assert cleaned.text.startswith("Die Bundesregierung hat am Mittwoch")
    for junk in ("Startseite", "Ähnliche Beiträge", "Koalition streitet", "Impressum"):
        assert junk not in cleaned.text


def test_clean_text_keeps_a_clean_text_whole():
    text = "Troops crossed the border at dawn.\n\nTwo soldiers were wounded, the ministry said."
    assert clean_text(text).text == text
    assert clean_text("Putin orders pullout").text == "Putin orders pullout"


PAGE = """<!DOCTYPE html><html><head><title>Gunmen attack army base | Sahel Monitor</title>
<meta property="og:title" content="Gunmen attack army base"><meta property="og:site_name" content="Sahel Monitor">
</head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Gunmen attack army base</h1>
<p>Gunmen attacked an army base in central Mali early on Monday, killing at least 23 soldiers, the army said.</p>
<p>The army said its troops had repelled the assault and killed about 40 attackers in the fighting.</p>
</article><footer><p>Copyright 2024 Sahel Monitor</p></footer></body></html>"""


def test_html_page_main_text_and_metadata_without_invented_date():
    page = extract_html(PAGE)
    assert page.title == "Gunmen attack army base" and page.source == "Sahel Monitor"
    assert page.text.startswith("Gunmen attacked an army base")  # no repeated headline, no menu
    assert "\n\nThe army said" in page.text and "Copyright" not in page.text
    assert page.published is None  # "Copyright 2024" is not a publication date


def test_html_fragment_heading_becomes_title():
    page = extract_html("<h2>Police fire tear gas in Nairobi</h2><p>Kenyan police fired tear gas at protesters on"
                        " Monday, witnesses said.</p>")
    assert page.title == "Police fire tear gas in Nairobi"
    assert page.text == "Kenyan police fired tear gas at protesters on Monday, witnesses said."


@pytest.mark.parametrize("text, language", [
    ("Putin orders pullout", "en"),
    ("Rebels seize northern town", "en"),
    ("LONDON 1996-08-30", "en"),
    ("Troops crossed the border at dawn.", "en"),
    ("Die Bundesregierung hat am Mittwoch ein neues Klimagesetz beschlossen.", "de"),
    ("Le gouvernement a annoncé mardi de nouvelles sanctions contre la Russie.", "fr"),
    ("Россия начала вывод войск из Сирии.", "ru"),
])
def test_language_of_short_texts(text, language):
    assert detect_language(text) == language


def test_non_english_document_is_kept_with_a_note():
    article = prepare_article(Document(id="de", text=GERMAN_PAGE))
    assert article.language == "de" and "skipped" in article.note and article.text
    english = prepare_article(Document(id="en", text=WIRE))
    assert english.language == "en" and english.note is None and english.author == "Jane Okafor"


def test_raw_documents_are_not_cleaned():
    article = prepare_article(Document(id="r", text=MENU_PAGE, raw=True))
    assert article.text == MENU_PAGE


def test_empty_text_is_a_clear_error():
    with pytest.raises(ValueError, match="no article text"):
        prepare_article(Document(id="e", text="Home\nPrivacy policy\n"))


# Cues against related links, prompts, share bars, comments and site furniture (issue 14, part 2).
# The fixtures are written for these tests; each names the cue it exercises.

STORY = """Dam talks stall as river levels fall

Talks between the two countries over the new dam on the river stalled on Tuesday, officials on both sides said.

The downstream government said water levels had fallen by a third since the reservoir began filling in June, and that farmers had lost much of the spring harvest.

Upstream officials said the dam would bring electricity to millions of homes and that the reservoir would be
filled more slowly in dry years, a promise the downstream side called too vague to rely on.

Aid groups said thousands of families along the lower river had already moved to towns in search of work,
and that wells in several districts had run dry for the first time in living memory.

Engineers from both countries are due to meet again next month, according to a statement from the foreign ministry.
"""

LINK_LIST_TAIL = STORY + """
More stories from our region

Flooding closes coastal road

Teachers strike over pay

New bridge opens in the north

Festival draws record crowds

Jane Doe is a staff writer who covers water, energy and the environment for our paper. Before joining the
paper in 2015 she reported on agriculture and rural affairs for a news agency in the capital city.
"""

TEASER_CARDS_TAIL = STORY + """
Politics

Minister resigns over housing scandal

The minister quit on Friday after a week of pressure over the sale of state land to a company owned by friends.

Economy

Central bank holds rates

Inflation slowed for a third month in a row, giving the bank room to wait before it cuts rates later this year.

Energy

Fuel prices rise again
"""

PROMPTS_PAGE = """Dam talks stall as river levels fall

Talks between the two countries over the new dam on the river stalled on Tuesday, officials on both sides said.

Sign up for our morning newsletter and get the day's top stories delivered to your inbox every weekday.

The downstream government said water levels had fallen by a third since the reservoir began filling in June.

The dry riverbed near the border last week. Photograph: Ana Lima/Agency

Engineers from both countries are due to meet again next month, the foreign ministry said.

Read also: Drought hits wheat harvest

Did you like this article? Share it now

View 12 comments

You must be logged in to post a comment.
"""

NEWS_ABOUT_SUBSCRIPTIONS = """The streaming service said on Monday that it had lost 200,000 subscribers in the quarter, its first fall in a decade.

Analysts said the company would need to raise the price of a subscription to keep its margins, and its shares fell 9 percent.
"""

GALLERY_REPEATS = STORY + """
News in pictures

A fishing boat rests on the dry riverbed near the border, where the water has fallen sharply.

Agency

News in pictures

Farmers queue for water at a distribution point in the east of the country.

Agency

News in pictures

Children play in the shallow water below the dam on a hot afternoon.

Agency
"""


def test_link_list_after_the_story_ends_it():
    cleaned = clean_text(LINK_LIST_TAIL)
    assert cleaned.text.endswith("a statement from the foreign ministry.")
    for junk in ("More stories", "Flooding closes", "Festival draws", "staff writer"):
        assert junk not in cleaned.text


def test_teaser_cards_after_the_story_end_it():
    cleaned = clean_text(TEASER_CARDS_TAIL)
    assert cleaned.text.endswith("a statement from the foreign ministry.")
    for junk in ("Minister resigns", "quit after a week", "Central bank", "Inflation slowed"):
        assert junk not in cleaned.text


def test_a_subhead_or_two_inside_the_story_are_kept():
    text = STORY.replace("Engineers from", "What comes next\n\nEngineers from")
    cleaned = clean_text(text)
    assert "What comes next" in cleaned.text and cleaned.text.startswith("Talks between the two countries")


def test_list_in_the_middle_of_a_story_is_kept_when_the_story_goes_on():
    middle = "\n\nThe demands:\n\nMore water\n\nA joint commission\n\nCompensation for farmers\n\n"
    text = STORY.replace("\nEngineers from", middle + "Engineers from")
    cleaned = clean_text(text + "\nThe foreign minister said the demands would be discussed at the next meeting in"
                         " the capital, together with a plan to share data on rainfall and river flows.\n")
    assert "Compensation for farmers" in cleaned.text and "share data on rainfall" in cleaned.text


def test_subscription_share_comment_and_caption_prompts_are_dropped():
    cleaned = clean_text(PROMPTS_PAGE)
    assert cleaned.text.startswith("Talks between the two countries")
    assert "water levels had fallen" in cleaned.text and "Engineers from both countries" in cleaned.text
    for junk in ("newsletter", "Photograph", "Read also", "Share it now", "comments", "logged in"):
        assert junk not in cleaned.text


def test_a_news_sentence_about_subscriptions_is_kept():
    cleaned = clean_text(NEWS_ABOUT_SUBSCRIPTIONS)
    assert "200,000 subscribers" in cleaned.text and "price of a subscription" in cleaned.text


def test_lines_repeated_within_a_page_are_furniture():
    cleaned = clean_text(GALLERY_REPEATS)
    assert cleaned.text.startswith("Talks between the two countries")
    for junk in ("News in pictures", "Agency"):
        assert junk not in cleaned.text


def site_page(number: int, story: str) -> str:
    """A page of one made-up site: the same menu, promo and footer around a different story."""
    return (f"The Valley Courier\nNews\nSport\nOpinion\n\nStory number {number} of the day\n\n{story}\n\n"
            "Support independent local journalism in the valley today and keep our reporters on the streets.\n\n"
            "The Valley Courier is published by Valley Media Group in the town of Rivermouth.\n")


SITE_STORIES = [
    "The town council approved a new budget on Monday after a long debate over road repairs and school funding.",
    "Police said two men were arrested after a break-in at the hardware store on the main street on Sunday night.",
    "The river rose above its banks on Friday, flooding several farms, and the army sent boats to help families.",
    "Local farmers said the dry summer had cut the maize harvest by half, and asked the government for support.",
]


def test_lines_repeated_across_pages_of_a_source_are_furniture():
    from newsevents.clean.furniture import learn_furniture, source_furniture, source_key

    pages = [site_page(i, story) for i, story in enumerate(SITE_STORIES)]
    alone = clean_text(pages[0])
    assert "Support independent local journalism" in alone.text  # one page alone cannot tell
    furniture = learn_furniture(pages)
    assert furniture_key_of("The Valley Courier is published by Valley Media Group in the town of Rivermouth.") \
        in furniture
    for page, story in zip(pages, SITE_STORIES):
        cleaned = clean_text(page, furniture=furniture)
        assert cleaned.text == story
    documents = [Document(id=str(i), text=page, url=f"https://www.valley.example/news/{i}")
                 for i, page in enumerate(pages)]
    by_source = source_furniture(documents)
    assert set(by_source) == {"valley.example"} and by_source["valley.example"] == furniture
    assert source_key(url="https://www.valley.example/x") == "valley.example"
    assert source_key(source="Valley Courier", url="https://other.example/") == "valley courier"


def test_two_pages_of_a_source_teach_no_furniture():
    from newsevents.clean.furniture import learn_furniture

    pages = [site_page(i, story) for i, story in enumerate(SITE_STORIES[:2])]
    assert learn_furniture(pages) == frozenset()


def furniture_key_of(line: str) -> str:
    from newsevents.clean.furniture import furniture_key

    return furniture_key(line)


def test_textclean_split_is_stable_and_halves_the_pages():
    from newsevents.evaluate.textclean import page_split

    ids = [f"https://example.org/news/{i}" for i in range(400)]
    halves = [page_split(page_id) for page_id in ids]
    assert halves == [page_split(page_id) for page_id in ids]
    assert set(halves) == {"tune", "held"} and 150 < halves.count("tune") < 250


# Cues of the second round (issue 14, part 2): which block is the story, link-shaped lines, picture
# credits, share bars, bios, calls on the reader, disclaimers, comment forms. Fixtures written here.

COMMENT_THREAD = "\n\n".join(
    f"Reader {n} wrote: I live near the river and I have seen the water fall every summer since the dam was"
    f" started, and nobody in the capital seems to listen to what the farmers here have been saying for years."
    for n in range(6))


def test_the_story_before_a_longer_comment_thread_wins():
    # the thread holds more text than the story, but a page prints its story first
    page = STORY + "\n6 Comments\n\n" + COMMENT_THREAD + "\n"
    cleaned = clean_text(page)
    assert cleaned.text.startswith("Talks between the two countries")
    assert cleaned.text.endswith("a statement from the foreign ministry.")
    assert "Reader 3 wrote" not in cleaned.text


def test_a_small_block_above_the_story_does_not_win():
    page = ("Our weekly podcast is out now, with interviews from the valley and beyond.\n\nMenu\n\nSearch\n\n"
            + STORY)
    cleaned = clean_text(page)
    assert cleaned.text.startswith("Talks between the two countries") and "podcast" not in cleaned.text


def test_doubled_teasers_and_counted_archive_lists_are_link_shaped():
    from newsevents.clean.text import link_shaped

    assert link_shaped("Fuel prices rise again as winter nears Fuel prices rise again as winter nears")
    assert link_shaped("Archive Select month May 2019 (2) April 2019 (5) March 2019 (1)")
    assert not link_shaped("The minister said the talks would go on, and that the talks would go on.")
    assert not link_shaped("The vote was 52 (48) in favour of the plan, officials said.")
    teasers = "\n\n".join(f"Headline number {n} about the region today Headline number {n} about the region today"
                          for n in range(12))
    cleaned = clean_text("Dam talks stall\n\nThe two countries failed to agree on the dam, officials said on"
                         " Tuesday, and the talks will go on next month.\n\nMenu\n\n" + teasers + "\n")
    assert cleaned.text.startswith("The two countries failed") and "Headline number" not in cleaned.text


def test_a_picture_credit_with_a_copyright_sign_does_not_end_the_story():
    page = STORY.replace("\nAid groups said", "\n© Foto: Ana Lima/Agency\n\nAid groups said")
    cleaned = clean_text(page + "\n© 2020 Valley Media Group\n\nThe Valley Courier is published in Rivermouth.\n")
    assert "Aid groups said" in cleaned.text and "Upstream officials" in cleaned.text
    assert "©" not in cleaned.text and "Rivermouth" not in cleaned.text


def test_a_share_bar_between_the_summary_and_the_story_does_not_cut_it():
    # a bar of two buttons costs less than a two-sentence summary brings (a hard border would cut it)
    lead = ("Dam talks stall\n\nThe two neighbours are further apart than ever on how fast the reservoir may"
            " be filled, officials say. Farmers downstream have lost much of the spring harvest, and aid groups"
            " warn that thousands of families are leaving their villages for the towns.\n\n"
            "Facebook\n\nTwitter\n\n")
    cleaned = clean_text(lead + STORY.split("\n", 2)[2])
    assert cleaned.text.startswith("The two neighbours are further apart")
    assert "a statement from the foreign ministry." in cleaned.text
    assert "Facebook" not in cleaned.text


def test_an_authors_bio_at_either_edge_of_the_story_is_dropped():
    from newsevents.clean.text import is_bio

    bio = "Jane Doe is a staff writer who covers water and energy for the paper."
    cleaned = clean_text(STORY + "\n" + bio + "\n")
    assert cleaned.text.endswith("a statement from the foreign ministry.") and "Jane Doe" not in cleaned.text
    top = clean_text(STORY.replace("\nTalks between", "\nMaria Rossi ist Redakteurin im Ressort Politik.\n\n"
                                                      "Talks between"))
    assert top.text.startswith("Talks between") and "Redakteurin" not in top.text
    assert is_bio("Ich bin Steffi, Tierärztin und Autorin dieses Blogs.")
    assert is_bio("Schreibt seit 2008 für die Zeitung über Umwelt und Wirtschaft.")
    # a news sentence is not a bio, and a bio-like sentence inside the story stays
    assert not is_bio("The minister said she had been a journalist before she went into politics.")
    assert not is_bio("Ich bin da inzwischen viel zuversichtlicher, sagte der Minister.")
    middle = STORY.replace("\nAid groups said", "\nJohn Smith is a professor of hydrology at the university."
                                                "\n\nAid groups said")
    assert "John Smith is a professor" in clean_text(middle).text


def test_calls_on_the_reader_and_disclaimers_are_dropped():
    tail = ("Don't miss our best stories: get the latest news updates every morning.\n\n"
            "Help us continue to report on the valley.\n\n"
            "Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion.\n\n"
            "Join thousands of readers who get our newsletter.\n")
    cleaned = clean_text(STORY + "\n" + tail)
    assert cleaned.text.endswith("a statement from the foreign ministry.")
    for junk in ("Don't miss", "Help us", "Meinung des Autors", "Join thousands"):
        assert junk not in cleaned.text
    news = "Officials said they would help us understand the plan, and support the talks next month."
    assert clean_text(news).text == news


def test_lines_that_end_with_one_link_label_are_teasers():
    menu = "\n\n".join(f"Topic {name}: what we do and why... open this page" for name in "ABCDE")
    cleaned = clean_text("Menu\n\n" + menu + "\n\n" + STORY)
    assert "open this page" not in cleaned.text and cleaned.text.startswith("Talks between")


def test_comment_forms_pingbacks_and_php_errors_are_dropped():
    page = ("Warning: Creating default object from empty value in /www/site/wp-includes/classes.php on line 407\n\n"
            + STORY + "\nPingback von Some Other Blog | 11.09.2011 23:31\n\n"
            "Your email address will not be published. Required fields are marked *\n\n"
            "Filed under water, energy\n")
    cleaned = clean_text(page)
    assert cleaned.text.startswith("Talks between") and cleaned.text.endswith("the foreign ministry.")
    for junk in ("Warning", "Pingback", "email address", "Filed under"):
        assert junk not in cleaned.text


def test_more_information_headers_and_sign_up_prompts_in_other_languages_go():
    page = ("Landkreis schließt Schulen\n\n"
            "Der Landkreis schließt ab Montag alle Schulen, teilte das Landratsamt am Freitag mit.\n\n"
            "Weitere Informationen zum Coronavirus in Thüringen:\n\n"
            "Die Schulen sollen frühestens nach den Osterferien wieder öffnen, sagte der Landrat.\n\n"
            "HIER KOSTENLOS ANMELDEN »\n\n"
            "Más sobre La Tercera AM\n\n"
            "Más de 100 personas murieron en el incendio, según la policía.")
    text = clean_text(page).text
    for junk in ("Weitere Informationen zum", "KOSTENLOS ANMELDEN", "Más sobre"):
        assert junk not in text
    assert "frühestens nach den Osterferien" in text and "Más de 100 personas murieron" in text
