"""Story clusters (MinHash/LSH), merged corpus events and cross-article actors on tiny corpora
written here (no spaCy: rows go straight into a store in memory)."""

from __future__ import annotations

from newsevents import store
from newsevents.model import Actor, Article, ArticleResult, Entity, Event
from newsevents.resolve.clusters import cluster_articles, merge_events, shingles
from newsevents.resolve.corpus_actors import normalize_name, resolve_actors

DRAWDOWN = ("Russian President Vladimir Putin has ordered the withdrawal of the main part of Russia's military "
            "contingent from Syria, saying the task set before the armed forces had been largely accomplished. "
            "The announcement came as peace talks resumed in Geneva under the auspices of the United Nations. "
            "Russian warplanes have carried out thousands of air strikes since September, helping government "
            "forces regain territory near Aleppo and Latakia. Western officials reacted with caution, saying "
            "it was too early to judge whether the move would change the course of the five-year war. ")
FLOODS = ("Heavy rain caused severe flooding across the north of the country on Tuesday, forcing thousands "
          "of residents to leave their homes. Rescue teams used boats to reach villages cut off by the water, "
          "and the army was deployed to help build barriers along the river. Forecasters warned that more "
          "rain was expected later in the week and that river levels could rise further. ")
ELECTION = ("Voters went to the polls on Sunday in a closely fought parliamentary election that analysts "
            "said could reshape the governing coalition. Turnout was higher than four years ago, according "
            "to the electoral commission, and early results were expected after midnight. ")


def article(article_id: str, text: str, published: str, source: str = "wire") -> ArticleResult:
    return ArticleResult(id=article_id, article=Article(id=article_id, text=text, published=published,
                                                        source=source))


def corpus_store(results: list[ArticleResult]):
    con = store.connect(":memory:")
    store.write_results(con, results)
    return con


def test_copies_and_versions_share_a_cluster_with_the_earliest_as_canonical():
    con = corpus_store([
        article("drawdown", DRAWDOWN, "2016-03-14"),
        article("drawdown-wire", "(Reuters) - " + DRAWDOWN, "2016-03-15", "reuters"),
        article("drawdown-edit", DRAWDOWN.replace("largely accomplished", "accomplished")
                .replace("thousands of", "more than 9,000"), "2016-03-15"),
        article("drawdown-update", DRAWDOWN + "The Kremlin later said some troops would stay. ", "2016-03-16"),
        article("floods", FLOODS, "2016-03-15"),
        article("election", ELECTION, "2016-03-15"),
    ])
    counts = cluster_articles(con)
    clusters = dict(con.execute("SELECT id, cluster_id FROM articles").fetchall())
    assert counts["clusters"] == 3
    assert {clusters[i] for i in ("drawdown", "drawdown-wire", "drawdown-edit", "drawdown-update")} == {"drawdown"}
    assert clusters["floods"] == "floods" and clusters["election"] == "election"
    assert con.execute("SELECT size FROM clusters WHERE canonical_id = 'drawdown'").fetchone()[0] == 4
    # a rerun signs nothing again and finds the same clusters
    assert cluster_articles(con) == dict(counts, signed=0)


def test_one_event_reported_by_a_cluster_is_one_corpus_event_with_every_source():
    russia = Actor(text="Russia", canonical="Russia", country="RUS", sector="GOV")
    syria = Actor(text="Syria", canonical="Syria", country="SYR")

    def withdrawal(sentence: str) -> Event:
        return Event(type="RETREAT", start=0, end=10, sentence_index=0, sentence=sentence, source=russia,
                     target=syria, date="2016-03-14")

    first, copy = article("a", DRAWDOWN, "2016-03-14"), article("b", "(AP) - " + DRAWDOWN, "2016-03-15")
    first.events, copy.events = [withdrawal("first telling")], [withdrawal("second telling")]
    other = article("c", FLOODS, "2016-03-15")
    other.events = [Event(type="RETREAT", start=0, end=5, sentence_index=0, sentence="other story",
                          source=russia, target=syria, date="2016-03-15")]
    con = corpus_store([first, copy, other])
    cluster_articles(con)
    merged = merge_events(con)
    rows = con.execute("SELECT mentions, articles, article_ids, sentence FROM corpus_events ORDER BY mentions DESC").fetchall()
    assert merged["corpus_events"] == 2
    assert rows[0] == (2, 2, ["a", "b"], "first telling")  # evidence: the earliest report
    assert rows[1][0] == 1


def test_shingles_ignore_case_and_punctuation():
    assert shingles("Putin said: troops leave.") == shingles("putin said troops leave")


def person(text: str, canonical: str, country: str | None) -> Entity:
    return Entity(text=text, label="PERSON", start=0, end=len(text), sentence=0, canonical=canonical,
                  country=country)


def test_name_forms_of_one_person_get_one_actor_id_and_namesakes_do_not():
    a = article("a", "x", "2016-03-14")
    a.entities = [person("Putin", "Vladimir Putin", "RUS"), person("President Putin", "President Putin", "RUS")]
    b = article("b", "y", "2016-03-15")
    b.entities = [person("Putin", "Putin", None), person("Vladimir V. Putin", "Vladimir V. Putin", "RUS")]
    c = article("c", "z", "2016-03-15")
    c.entities = [person("John Smith", "John Smith", "GBR"), person("John Smith", "John Smith", "USA"),
                  person("Donald Trump", "Donald Trump", "USA"), person("Ivanka Trump", "Ivanka Trump", "USA"),
                  person("Trump", "Trump", None)]
    con = corpus_store([a, b, c])
    resolve_actors(con)
    ids = dict(con.execute("SELECT article_id || ':' || coalesce(canonical, text) || ':' || coalesce(country, ''), "
                           "actor_id FROM entities").fetchall())
    putin = {ids["a:Vladimir Putin:RUS"], ids["a:President Putin:RUS"], ids["b:Putin:"], ids["b:Vladimir V. Putin:RUS"]}
    assert len(putin) == 1 and None not in putin
    assert ids["c:John Smith:GBR"] != ids["c:John Smith:USA"]
    assert len({ids["c:Donald Trump:USA"], ids["c:Ivanka Trump:USA"], ids["c:Trump:"]}) == 3  # ambiguous surname
    name, names, mentions = con.execute("SELECT name, names, mentions FROM actors WHERE actor_id = ?",
                                        [putin.pop()]).fetchone()
    assert name == "Vladimir Putin" and mentions == 4 and "President Putin" in names


def test_names_are_normalised_for_matching():
    assert normalize_name("President Vladimir V. Putin's") == "vladimir v putin"
    assert normalize_name("the U.N.", "ORG") == "un"
    assert normalize_name("Recep Tayyip Erdoğan") == "recep tayyip erdogan"
