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
