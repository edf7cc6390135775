"""Actor coding: tables (countries, seats of power, organisations, roles, leaders with terms), titles,
spokesman inheritance, in-article coreference, `code_span` on noun phrases, Phoenix dictionaries."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.context import ArticleContext
from newsevents.extract.entities import extract_entities
from newsevents.model import Article
from newsevents.resolve.actor_tables import load_tables, normalize, plurals
from newsevents.resolve.actors import code_span, misspelled_country
from newsevents.resolve.phoenix import load_dictionaries, parse_code


def context(pipeline, text: str, published: str | None = "2016-03-15", **options) -> ArticleContext:
    """An article context after the entity stage, as the later extractors see it."""
    ctx = ArticleContext(article=Article(id="t", text=text, published=published), doc=pipeline.nlp(text),
                         published=date.fromisoformat(published) if published else None, options=options)
    ctx.entities = extract_entities(ctx)
    return ctx


def span(ctx: ArticleContext, phrase: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = ctx.article.text.index(phrase, start + 1)
    result = ctx.doc.char_span(start, start + len(phrase), alignment_mode="expand")
    assert result is not None
    return result


def entity(ctx: ArticleContext, text: str, label: str | None = None):
    found = [e for e in ctx.entities if e.text == text and (label is None or e.label == label)]
    assert found, f"no entity {text!r} in {[(e.text, e.label) for e in ctx.entities]}"
    return found[0]


def coded(actor_or_entity) -> tuple[str | None, str | None]:
    return actor_or_entity.country, actor_or_entity.sector


# --- the tables ------------------------------------------------------------------------------------

def test_tables_know_each_kind():
    tables = load_tables()
    assert tables.lookup("Russian")[0].country == "RUS"
    assert tables.lookup("the Kremlin")[0].sector == "GOV"
    assert tables.lookup("Pentagon")[0].sector == "MIL"
    assert tables.lookup("NATO")[0].sector == "IGO"
    assert tables.lookup("al-Nusra Front")[0].sector == "REB"
    assert tables.lookup("rebels")[0].sector == "REB"  # plural made from "rebel"
    assert tables.lookup("Kiev")[0].country == tables.lookup("Kyiv")[0].country == "UKR"


def test_abbreviations_match_only_in_capitals():
    tables = load_tables()
    assert tables.lookup("US")[0].country == "USA"
    assert tables.lookup("us") == []
    assert tables.lookup("IS")[0].name == "Islamic State"
    assert tables.lookup("is") == []


def test_normalize_maps_homoglyphs_and_hyphens():
    assert normalize("Foreign \u041cinister") == "foreign minister"  # Cyrillic capital EM
    assert normalize("al - Nusra Front") == "al-nusra front"
    assert plurals("militia") == ["militias"] and plurals("policeman") == ["policemen"]


# --- entities --------------------------------------------------------------------------------------

def test_title_before_a_name_gives_country_sector_and_title(pipeline):
    ctx = context(pipeline, "Russian Deputy Defense Minister Nikolai Pankov spoke at a ceremony on Tuesday.")
    pankov = entity(ctx, "Nikolai Pankov")
    assert coded(pankov) == ("RUS", "GOV")
    assert "Deputy Defense Minister" in pankov.title


def test_hyphenated_first_name_and_homoglyph_title(pipeline):
    ctx = context(pipeline, 'The talks failed, German Foreign \u041cinister Frank-Walter Steinmeier said on Monday.')
    person = [e for e in ctx.entities if e.label == "PERSON"][0]
    assert person.canonical == "Frank-Walter Steinmeier"
    assert coded(person) == ("DEU", "GOV")


def test_appositive_title_after_a_name(pipeline):
    ctx = context(pipeline, "Viktor Ozerov, head of the defense committee in the upper house of Russia's "
                            "parliament, said Moscow will keep its bases.")
    assert coded(entity(ctx, "Viktor Ozerov")) == ("RUS", "LEG")


def test_military_title(pipeline):
    ctx = context(pipeline, "The pilots were greeted by Air Force commander General Viktor Bondaryov.")
    assert entity(ctx, "Viktor Bondaryov").sector == "MIL"


def test_spokesman_inherits_the_employer_in_the_title(pipeline):
    ctx = context(pipeline, "Kremlin spokesman Dmitry Peskov said that Moscow would not speculate.")
    peskov = entity(ctx, "Dmitry Peskov")
    assert coded(peskov) == ("RUS", "GOV")
    assert "spokesman" in peskov.title


def test_spokesman_without_employer_takes_the_government_just_named(pipeline):
    ctx = context(pipeline, "In Washington, the White House said it had no warning. "
                            "\"We are watching,\" spokesman Jim Bardolph told reporters.")
    assert coded(entity(ctx, "Jim Bardolph")) == ("USA", "GOV")


def test_organisations_and_armed_groups(pipeline):
    ctx = context(pipeline, "The United Nations condemned attacks by Islamic State and Boko Haram.")
    assert coded(entity(ctx, "The United Nations")) == (None, "IGO")
    assert coded(entity(ctx, "Islamic State")) == (None, "REB")
    assert coded(entity(ctx, "Boko Haram")) == ("NGA", "REB")


def test_countries_are_coded_without_sector(pipeline):
    ctx = context(pipeline, "Russia and Syria signed an agreement.")
    assert coded(entity(ctx, "Russia")) == ("RUS", None)


def test_leader_terms_depend_on_the_publication_date(pipeline):
    text = "Obama said the talks would continue."
    assert coded(entity(context(pipeline, text, "2012-06-01"), "Obama")) == ("USA", "GOV")
    assert coded(entity(context(pipeline, text, "2019-06-01"), "Obama")) == ("USA", None)


def test_former_officials_keep_their_country_but_no_sector(pipeline):
    ctx = context(pipeline, "Former President Bill Clinton spoke in Denver.")
    person = [e for e in ctx.entities if e.label == "PERSON"][0]
    assert coded(person) == ("USA", None) and "Former" in person.title


def test_coreference_copies_the_full_mention(pipeline):
    ctx = context(pipeline, "President Vladimir Putin ordered the withdrawal. Syrian President Bashar al-Assad "
                            "agreed. Later, Putin said Assad's office had been told.")
    putin = [e for e in ctx.entities if e.text == "Putin"][0]
    assert putin.canonical == "Vladimir Putin" and coded(putin) == ("RUS", "GOV")
    assad = [e for e in ctx.entities if e.text.startswith("Assad")][0]
    assert assad.canonical == "Bashar al-Assad" and coded(assad) == ("SYR", "GOV")


def test_actor_noun_phrases_become_actor_entities(pipeline):
    ctx = context(pipeline, "Russian forces and Kurdish rebels clashed, while Western countries said "
                            "about 1,000 civilians had fled.")
    actors = {e.text: coded(e) for e in ctx.entities if e.label == "ACTOR"}
    assert actors["Russian forces"] == ("RUS", "MIL")
    assert actors["Kurdish rebels"][1] == "REB"
    assert actors["Western countries"][1] == "GOV"
    assert actors["civilians"] == (None, "CVL")  # the number is a quantity, not part of the actor


# --- code_span -------------------------------------------------------------------------------------

def test_code_span_on_phrases(pipeline):
    ctx = context(pipeline, "The Kremlin said Russian forces hit the rebels. The Pentagon and Russia's "
                            "defense ministry disagreed. Russia launched its campaign, attacking anti-Assad "
                            "forces. Red Cross officials and UN peacekeepers arrived.")
    assert coded(code_span(span(ctx, "The Kremlin"), ctx)) == ("RUS", "GOV")
    assert coded(code_span(span(ctx, "Russian forces"), ctx)) == ("RUS", "MIL")
    assert coded(code_span(span(ctx, "the rebels"), ctx)) == (None, "REB")
    assert coded(code_span(span(ctx, "The Pentagon"), ctx)) == ("USA", "MIL")
    assert code_span(span(ctx, "Russia's defense ministry"), ctx).country == "RUS"
    # A country as the doer is its government (CAMEO convention).
    assert coded(code_span(span(ctx, "Russia", 2), ctx)) == ("RUS", "GOV")
    assert coded(code_span(span(ctx, "anti-Assad forces"), ctx)) == ("SYR", "REB")
    assert coded(code_span(span(ctx, "Red Cross officials"), ctx)) == (None, "NGO")
    assert coded(code_span(span(ctx, "UN peacekeepers"), ctx)) == (None, "IGO")


def test_code_span_resolves_he_to_the_previous_person(pipeline):
    ctx = context(pipeline, "Kremlin spokesman Dmitry Peskov spoke on Tuesday. \"The task is peace,\" he said.")
    he = next(t for t in ctx.doc if t.lower_ == "he")
    actor = code_span(ctx.doc[he.i:he.i + 1], ctx)
    assert actor.canonical == "Dmitry Peskov" and coded(actor) == ("RUS", "GOV")


def test_code_span_resolves_it_to_the_previous_country(pipeline):
    ctx = context(pipeline, "Russia launched its campaign, saying it was targeting terrorists.")
    it = [t for t in ctx.doc if t.lower_ == "it"][0]
    assert coded(code_span(ctx.doc[it.i:it.i + 1], ctx)) == ("RUS", "GOV")


def test_code_span_on_a_person_uses_the_leaders_table(pipeline):
    ctx = context(pipeline, "Putin met the delegation.")
    actor = code_span(span(ctx, "Putin"), ctx)
    assert actor.canonical == "Vladimir Putin" and coded(actor) == ("RUS", "GOV")


def test_a_leaders_surname_after_another_first_name_is_someone_else(pipeline):
    ctx = context(pipeline, "Police blamed gangs for the slaying of the cousin of NBA star Dwyane Wade. "
                            "Abdoulaye Wade left office in 2012.", published="2016-08-28")
    assert code_span(span(ctx, "the cousin of NBA star Dwyane Wade"), ctx).country != "SEN"
    assert code_span(span(ctx, "Abdoulaye Wade"), ctx).country == "SEN"


def test_lowercase_words_are_not_towns_or_abbreviations(pipeline):
    ctx = context(pipeline, "Let us know if the reading is nice.")
    assert all(e.country is None for e in ctx.entities)
    ctx = context(pipeline, "Major cities and Gates officials were hit.")
    assert code_span(span(ctx, "Major cities"), ctx).country is None  # not John Major


# --- Phoenix dictionaries --------------------------------------------------------------------------

PHOENIX_SNIPPET = """\
# a tiny dictionary in the PETRARCH format
ZORBLAT_QUX_  # invented
+PRESIDENT_ZORBLAT_
\t[FRAELI 700101-100101]
\t[FRAGOV >100102]
BLUE_FALCON_BRIGADE_ [IMGMUSREB]
GRAND_ORDER_OF_WIDGETS_ [IGOWID]
"""


@pytest.fixture
def snippet(tmp_path):
    path = tmp_path / "tiny.actors.txt"
    path.write_text(PHOENIX_SNIPPET, encoding="utf-8")
    return path


def test_phoenix_codes_and_dates(snippet):
    assert parse_code("RUSGOV 991231-080507", {"RUS"}).start == date(1999, 12, 31)
    assert parse_code("IGOUNO", {"RUS"}).sector == "IGO"
    dictionary = load_dictionaries((str(snippet),))
    assert dictionary.code("Zorblat Qux", date(2016, 1, 1)).sector == "GOV"
    assert dictionary.code("President Zorblat", date(2005, 1, 1)).sector == "ELI"
    assert dictionary.code("Blue Falcon Brigade", None).sector == "REB"
    assert dictionary.code("Grand Order of Widgets", None).sector == "IGO"
    assert dictionary.code("Somebody Else", None) is None


def test_phoenix_dictionary_adds_to_our_tables(pipeline, snippet):
    text = "Zorblat Qux met NATO officials in Paris."
    plain = context(pipeline, text)
    assert entity(plain, "Zorblat Qux").country is None
    with_dictionary = context(pipeline, text, actor_dictionaries=[str(snippet)])
    assert coded(entity(with_dictionary, "Zorblat Qux")) == ("FRA", "GOV")
    assert coded(entity(with_dictionary, "NATO")) == (None, "IGO")  # ours still apply


def test_missing_dictionary_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="actor dictionary not found"):
        load_dictionaries((str(tmp_path / "nope.txt"),))


def test_seed_actors(seed_result):
    pool = [e for e in seed_result.entities if e.country or e.sector]
    def found(last: str, country: str | None, sector: str) -> bool:
        return any(last in f"{e.text} {e.canonical}" and e.country == country and e.sector == sector
                   for e in pool)
    assert found("Putin", "RUS", "GOV") and found("Pankov", "RUS", "GOV") and found("Peskov", "RUS", "GOV")
    assert found("Assad", "SYR", "GOV") and found("forces", "RUS", "MIL") and found("State", None, "REB")
    assert found("Earnest", "USA", "GOV") and found("Steinmeier", "DEU", "GOV")


@pytest.mark.parametrize("published, country", [("2005-06-01", "SDN"), ("2015-06-01", "SSD")])
def test_city_of_a_new_country_follows_the_article_date(pipeline, published, country):
    ctx = context(pipeline, "Rebels shelled the southern town of Juba on Sunday.", published=published)
    assert code_span(span(ctx, "Juba"), ctx).country == country


@pytest.mark.parametrize("word, country", [("Ethopia", "ETH"), ("Afganistan", "AFG"), ("Phillipines", "PHL"),
                                           ("Columbia", None), ("Indiana", None), ("Samarra", None)])
def test_misspelled_country_names(word, country):
    assert misspelled_country(word) == country


@pytest.mark.parametrize("text, phrase, country", [
    ("The pro-Iranian Hizbollah group declared a ceasefire.", "The pro-Iranian Hizbollah group", "LBN"),
    ("Up to 100 ethnic Albanians demonstrated on Tuesday.", "Up to 100 ethnic Albanians", None),
    ("Ethopia has agreed to reopen its borders.", "Ethopia", "ETH"),
])
def test_modifiers_that_name_no_country_and_misspellings(pipeline, text, phrase, country):
    ctx = context(pipeline, text)
    assert code_span(span(ctx, phrase), ctx).country == country


def test_a_dateline_before_a_title_is_no_part_of_it(pipeline):
    ctx = context(pipeline, "Netanyahu to meet Trump.\n\nJERUSALEM - Israeli Prime Minister Benjamin Netanyahu will meet "
                            "with Donald Trump later this month, officials said.")
    netanyahu = entity(ctx, "Benjamin Netanyahu")
    assert coded(netanyahu) == ("ISR", "GOV")
    assert netanyahu.title == "Israeli Prime Minister"
