"""The event decision model: shipped, small, loaded once; it drops words that only look like events,
keeps places and datelines out of the roles, and its confidence drives --min-confidence."""

from __future__ import annotations

import json

import pytest

from newsevents.extract.event_candidates import find_candidates
from newsevents.extract.event_decision import MODEL_PATH, default_threshold, load_model
from newsevents.train.corpora import SHARED, dev_documents, documents
from newsevents.train.labels import LABELS_PATH, agreement, load_labels
from test_cli import run_cli


def test_the_model_ships_inside_the_package_and_is_small():
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size < 25 * 2**20
    model = load_model()
    assert model is not None and load_model() is model  # loaded once per process
    assert 0.0 <= default_threshold() < 1.0  # 0: every kept event is shown, the confidence ranks them
    assert model.trained_on["news_events"] >= 1200 and model.trained_on["news_sentences"] >= 4000


def test_a_clear_event_is_kept_with_its_roles(run_text):
    events = run_text("Egyptian police arrested 30 opposition activists in Cairo on Monday.").events
    coerce = [e for e in events if e.type == "COERCE"]
    assert coerce, events
    assert coerce[0].source is not None and "police" in coerce[0].source.text
    assert coerce[0].confidence >= default_threshold()


@pytest.mark.parametrize("text,word", [
    ("The restaurant hosted a wine tasting for its regular customers on Saturday.", "hosted"),
    ("Sign up for our newsletter to get the best deals every week.", "Sign"),
    ("The Yankees beat the Red Sox 5-3 on Sunday to clinch the division title.", "beat"),
])
def test_words_that_only_look_like_events_are_dropped(run_text, text, word):
    shown = [e for e in run_text(text).events if (e.confidence or 0) >= default_threshold()]
    assert not [e for e in shown if word in (e.text or "")], shown


def test_a_dateline_is_no_party(run_text):
    text = "GAZA CITY, Palestinian Territories - Israeli warplanes struck a Hamas training camp on Monday."
    events = [e for e in run_text(text).events if e.type == "ASSAULT"]
    assert events
    for ev in events:
        assert ev.source is None or "GAZA" not in ev.source.text


def test_candidates_are_wider_than_the_decided_events(run_text, pipeline):
    text = ("The company hosted a tasting of new wines. Russian warplanes bombed rebel positions near Aleppo, "
            "the ministry said.")
    result = run_text(text)
    from newsevents.context import ArticleContext

    doc = pipeline.nlp(text)
    ctx = ArticleContext(article=result.article, doc=doc, entities=result.entities, dates=result.dates,
                         places=result.places, quotes=result.quotes)
    candidates = find_candidates(ctx)
    assert len(candidates) >= len(result.events) >= 1
    assert {c.kind for c in candidates} <= {"trigger", "intent", "speech"}


def test_source_and_target_each_have_their_own_margin():
    """A margin per role: the rules' filler stays unless the role model is surer of another by that
    role's margin (an old model file with one margin uses it for both)."""
    from newsevents.extract.event_decision import choose_option, role_margins
    from newsevents.extract.event_fillers import Option

    assert role_margins(0.2) == (0.2, 0.2)
    source_margin, target_margin = role_margins((0.0, 0.15))
    rules, other = Option((0, 1), True), Option((3, 4), False)
    scores = [0.4, 0.5]  # the role model prefers the other phrase by 0.1
    assert choose_option([rules, other], scores, source_margin)[0] is other
    assert choose_option([rules, other], scores, target_margin)[0] is rules
    assert isinstance(load_model().role_margin, (float, tuple))


def test_the_place_a_withdrawal_leaves_is_its_target(run_text):
    """PLOVER's RETREAT target is what the source withdraws from; the role model may not empty it."""
    from newsevents.extract.event_decision import choose_option
    from newsevents.extract.event_fillers import Option

    empty, place = Option(None, False), Option((3, 4), True, kept=True)
    assert choose_option([empty, place], [0.9, 0.1], 0.35)[0] is place
    result = run_text("Russian forces have begun withdrawing from Syria, a day after Putin's announcement.")
    retreat = [e for e in result.events if e.type == "RETREAT" and e.text.startswith("withdrawing")]
    assert retreat and retreat[0].target is not None and retreat[0].target.text == "Syria"
    assert retreat[0].target.country == "SYR"
    # a person is never a place left
    released = run_text("Police released the man from custody on Monday.")
    assert not any(e.target is not None and e.target.text == "custody" for e in released.events)


def test_min_confidence_filters_extract_output(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Egyptian police arrested 30 opposition activists in Cairo on Monday. "
                    "The restaurant hosted a wine tasting. Protesters rallied against the government.\n")
    every = json.loads(run_cli("extract", "--raw", "--min-confidence", "0", str(path)).stdout)["events"]
    none = json.loads(run_cli("extract", "--raw", "--min-confidence", "1", str(path)).stdout)["events"]
    shown = json.loads(run_cli("extract", "--raw", str(path)).stdout)["events"]
    assert every and not [e for e in none if e["confidence"] < 1]
    assert all(e["confidence"] >= default_threshold() for e in shown)
    assert len(every) >= len(shown)
    bad = run_cli("extract", "--min-confidence", "2", str(path))
    assert bad.returncode == 2 and b"between 0 and 1" in bad.stderr


needs_shared = pytest.mark.skipif(not (SHARED / "events" / "news_sentences").is_dir(),
                                  reason="../shared/data is not beside the checkout")


@needs_shared
def test_labels_point_into_the_public_corpora_and_never_into_the_dev_set():
    with LABELS_PATH.open() as lines:
        rows = [json.loads(line) for line in lines]
    docs = {r["doc"] for r in rows}
    assert not docs & dev_documents()
    assert len(rows) >= 4000 and sum(len(r["events"]) for r in rows) >= 1200
    texts = {d: t for d, t in documents() if d in docs}
    labelled = load_labels(texts)  # raises when a sentence's text no longer hashes the same
    assert len(labelled) == len(rows)
    for sentence in labelled[:500]:
        for ev in sentence.events:
            assert sentence.start <= ev.trigger[0] < ev.trigger[1] <= sentence.end
            assert ev.texts["trigger"].strip()
    # the second coder's sentences are among the first coder's; a coding agrees fully with itself
    second = agreement(texts)
    assert second["sentences"] == 242 and 0.5 < second["type_f1"] < 1.0
    assert agreement(texts, LABELS_PATH, LABELS_PATH)["usable_f1"] == 1.0


@needs_shared
def test_the_event_check_set_is_apart_from_training_and_dev_and_rebuilds_as_a_scorable_folder(tmp_path):
    """bench/events_check.py's labels: sentences of the training corpora that neither the training
    labels nor the dev set hold, written back as a news_sentences folder the scorer reads."""
    import importlib.util
    from pathlib import Path

    from newsevents.evaluate.news_events import load_gold, score

    bench = Path(__file__).resolve().parents[1] / "bench" / "events_check.py"
    spec = importlib.util.spec_from_file_location("events_check", bench)
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    rows = [json.loads(line) for line in check.LABELS.open()]
    with LABELS_PATH.open() as lines:
        trained = {(r["doc"], r["start"]) for r in map(json.loads, lines)}
    assert len(rows) > 7000 and not {(r["doc"], r["start"]) for r in rows} & trained
    assert not {r["doc"] for r in rows} & dev_documents()
    texts = check.write_gold_folder(check.SECOND, tmp_path)  # the 100 sentences coded twice: a small folder
    sentences, articles = load_gold(tmp_path)
    assert len(sentences) == 100 and set(articles) <= set(texts)
    assert all(s["sentence"] == articles[s["doc"]][s["start"]:s["end"]] for s in sentences)
    coded = [s for s in sentences if s["events"]]
    assert coded and all(ev["trigger"] in s["sentence"] for s in coded for ev in s["events"])
    # the gold scored against itself is perfect; the two coders agree well but not fully
    itself = {s["doc"]: [] for s in sentences}
    for s in coded:
        for ev in s["events"]:
            at = s["start"] + s["sentence"].index(ev["trigger"])
            itself[s["doc"]].append({"type": ev["type"], "start": at, "confidence": 1.0,
                                     "negated": ev["negated"], "hypothetical": ev["hypothetical"],
                                     "source": {"text": ev["source"]} if ev["source"] else None,
                                     "target": {"text": ev["target"]} if ev["target"] else None})
    assert score(sentences, itself)["type"]["f1"] == 1.0
    both = agreement(texts, check.LABELS, check.SECOND)
    assert both["sentences"] == 100 and 0.7 < both["type_f1"] < 1.0


@needs_shared
@pytest.mark.slow
def test_training_is_deterministic(tmp_path):
    """Two training runs on the same small label set give the same model, which then decides."""
    from newsevents.train.events import build_examples, fit

    labels = tmp_path / "labels.jsonl"
    with LABELS_PATH.open() as lines:
        rows = [json.loads(line) for line in lines]
    wanted = sorted({r["doc"] for r in rows if r["events"]})[:40]
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows if r["doc"] in wanted))
    examples, sentences, _ = build_examples(labels, workers=1, gsr=False)
    assert examples and any(e.gold for e in examples)
    first, report = fit(examples, sentences)
    second, again = fit(examples, sentences)
    assert report == again
    rows_ = [e.features for e in examples[:50]]
    assert (first.type_model.predict_proba(rows_) == second.type_model.predict_proba(rows_)).all()


def test_the_parse_path_from_trigger_to_filler(pipeline):
    """Role options are told apart by how they hang on the trigger: "^" up to a common ancestor,
    then "v" down, prepositions named."""
    from newsevents.extract.event_fillers import dependency_path

    doc = pipeline.nlp("Smith said that Russian forces attacked the rebels in Aleppo on Monday.")
    attacked = next(t for t in doc if t.text == "attacked")
    paths = {t.text: dependency_path(attacked, t) for t in doc if t.text in ("Smith", "forces", "rebels", "Aleppo")}
    assert paths["forces"] == "vnsubj" and paths["rebels"] == "vdobj"
    assert paths["Smith"].startswith("^") and paths["Smith"].endswith("vnsubj")
    assert paths["Aleppo"] == "vprep:in vpobj"


def test_the_listwise_role_model_learns_which_option_is_right():
    """The ranker is trained on groups of options; each group's probabilities sum to one and the
    kind of option that was right in training comes first."""
    from newsevents.extract.event_decision import option_probabilities
    from newsevents.train.role_ranker import fit_ranker

    def group(right_rel):
        options = [{"rel=subject": 1}, {"rel=object": 1}, {"empty": 1}]
        return options, [o.get(right_rel) == 1 for o in options]

    groups, rights = zip(*[group("rel=object")] * 8, *[group("rel=subject")] * 2)
    model = fit_ranker(list(groups), list(rights), c=1.0)
    probs = option_probabilities(model, [groups[0], groups[0][:2]])
    assert [round(sum(p), 6) for p in probs] == [1.0, 1.0]
    assert max(range(3), key=lambda k: probs[0][k]) == 1  # the object, right 8 times in 10
    assert probs[0][2] < probs[0][0]  # never right: last


def test_the_article_mix_tells_a_war_story_from_a_campaign_story(run_text, pipeline):
    from newsevents.context import ArticleContext
    from newsevents.extract.event_decision import article_mix

    text = ("Rebels attacked an army base near Homs. Government jets bombed the town, killing 12 people. "
            "Militants shelled a market.")
    result = run_text(text)
    ctx = ArticleContext(article=result.article, doc=pipeline.nlp(text), entities=result.entities,
                         dates=result.dates, places=result.places, quotes=result.quotes)
    mix = article_mix(find_candidates(ctx))
    assert mix["article_share=ASSAULT"] > 0.5
    assert article_mix([]) == {}


def test_the_maker_of_a_decision_stays_the_target_of_the_reaction(run_text):
    """'welcomed the decision': the rules find who decided in an earlier sentence; the role model,
    trained on sentences coded alone, cannot judge that target and does not empty it."""
    text = ("Russia began withdrawing its troops from Syria on Tuesday. "
            "European officials welcomed the decision.")
    support = [e for e in run_text(text).events if e.type == "SUPPORT"]
    assert support, run_text(text).events
    assert support[0].target is not None and support[0].target.country == "RUS"


def test_a_decision_nobody_made_earlier_is_no_context_target(run_text, pipeline):
    from newsevents.context import ArticleContext

    for text, anaphoric in (("European officials welcomed the decision.", False),
                            ("Russia began withdrawing its troops from Syria on Tuesday. "
                             "European officials welcomed the decision.", True)):
        result = run_text(text)
        ctx = ArticleContext(article=result.article, doc=pipeline.nlp(text), entities=result.entities,
                             dates=result.dates, places=result.places, quotes=result.quotes)
        welcomed = [c for c in find_candidates(ctx) if c.event.text == "welcomed"]
        assert welcomed and {c.anaphoric for c in welcomed} == {anaphoric}


def test_the_model_file_is_a_gzipped_pickle_that_reads_back(tmp_path):
    from newsevents.extract.event_decision import read_model_file, write_model_file

    model = load_model()
    path = tmp_path / "model.pickle.gz"
    write_model_file(model, path)
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    again = read_model_file(path)
    assert again.threshold == model.threshold and again.type_model.classes_ == model.type_model.classes_
    assert again.role_model.index == model.role_model.index
    # no file name or time in the header: the shipped file is what a training run writes, wherever it writes
    elsewhere = tmp_path / "other-name.gz"
    write_model_file(model, elsewhere)
    assert elsewhere.read_bytes() == path.read_bytes() == MODEL_PATH.read_bytes()


def test_one_phrase_is_never_both_source_and_target():
    from newsevents.extract.event_decision import _distinct_parties
    from newsevents.extract.event_fillers import Option

    empty, people, plan = Option(None, False), Option((0, 2), True), Option((5, 7), False)
    options = [[empty, people, plan], [empty, people, plan]]
    probs = [[0.1, 0.8, 0.1], [0.3, 0.4, 0.3]]  # the source is surer of "people" than the target is
    choices = [(people, 0.8, 0.8), (people, 0.4, 0.4)]
    source, target = _distinct_parties(options, probs, choices)
    assert source[0] is people and target[0] is not people and target[1] == 0.3
    probs = [[0.45, 0.5, 0.05], [0.05, 0.9, 0.05]]  # now the target is the surer one
    source, target = _distinct_parties(options, probs, [(people, 0.5, 0.5), (people, 0.9, 0.9)])
    assert target[0] is people and source[0] is empty
    assert _distinct_parties(options, probs, [(people, 0.5, 0.5), (plan, 0.05, 0.9)])[1][0] is plan


def test_a_role_is_a_phrase_not_the_article_of_a_name(run_text):
    """The nearest coded phrase ("the White House") is taken whole, never its "the"."""
    text = ("The escalating tensions between Democrats and the Obama administration over its deportation raids "
            "targeting Central American immigrants burst into public view Tuesday, with nearly 140 House members "
            "blasting the roundups and the White House dispatching a top official to Capitol Hill in a vain "
            "effort to quell the furor.")
    events = run_text(text).events
    assert any(e.type == "ACCUSE" for e in events), events
    for ev in events:
        for actor in (ev.source, ev.target):
            assert actor is None or actor.text.lower() not in ("the", "a", "an", "of", "and"), ev


def test_a_he_or_she_filler_stands_for_the_person_its_sentence_names(pipeline):
    """Coders give the person, not the pronoun, when the sentence names them; never a clause-mate
    subject for an object pronoun, nor a name of the other gender."""
    from newsevents.extract.event_roles import pronoun_antecedent

    def antecedent(text: str, pronoun: str) -> str | None:
        doc = pipeline.nlp(text)
        found = pronoun_antecedent(next(t for t in doc if t.text == pronoun))
        return found.text if found is not None else None

    assert antecedent("Snell was fired shortly after his arrest in the incident.", "his") == "Snell"
    assert antecedent("Stewart told commissioners in January that he had been attacked by a man.", "he") \
        == "Stewart"
    assert antecedent("Trump said Clinton attacked him on Tuesday.", "him") is None
    assert antecedent("Mrs. Warren said he was arrested by police.", "he") is None
    # the subject of a clause in front of the pronoun's own
    assert antecedent("When Obama flew to Boise for a speech, he met privately with the pastor's wife.", "he") \
        == "Obama"
    assert antecedent("When Mrs. Warren flew to Boise, he met her.", "he") is None



def test_an_event_role_written_as_a_pronoun_names_its_person_canonically(run_text):
    result = run_text("Snell was fired shortly after his arrest in the incident.")
    arrest = next(e for e in result.events if e.text == "arrest")
    # the party is the name its own sentence gives, as a coder writes it, with offsets inside the sentence
    assert (arrest.target.text, arrest.target.canonical) == ("Snell", "Snell")
    assert result.article.text[arrest.target.start:arrest.target.end] == "Snell"
    both = run_text("Clinton acknowledged Sanders's success, saying she criticized him and his supporters.")
    criticized = next(e for e in both.events if e.text == "criticized")
    assert criticized.source.canonical == "Clinton" and criticized.target.canonical != "Clinton"


def test_a_pronoun_role_takes_the_nearest_person_of_its_gender(run_text):
    result = run_text("Hillary Clinton wants fewer tests in schools, former President Bill Clinton said on "
                      "Tuesday. The biggest teachers unions endorsed her early over Democratic rivals.")
    endorsed = next(e for e in result.events if e.text == "endorsed")
    assert (endorsed.target.text, endorsed.target.canonical) == ("her", "Hillary Clinton")


def test_a_name_tells_its_gender_by_first_name_or_honorific_and_a_shared_name_tells_none():
    from newsevents.resolve.speakers import name_gender

    assert name_gender(["Giorgia", "Meloni"]) == "f" and name_gender(["Kofi", "Annan"]) == "m"
    assert name_gender(["Mrs.", "Warren"]) == "f" and name_gender(["former", "President", "Bill", "Clinton"]) == "m"
    assert name_gender(["Jordan", "Peterson"]) is None and name_gender(["Lindsay", "Graham"]) is None


def test_a_word_of_the_trigger_phrase_is_never_a_party_option(run_text, pipeline):
    from newsevents.context import ArticleContext
    from newsevents.extract.event_fillers import option_text, role_options

    text = "Assad's office said that he and Putin had spoken by telephone on March 14."
    result = run_text(text)
    ctx = ArticleContext(article=result.article, doc=pipeline.nlp(text), entities=result.entities,
                         dates=result.dates, places=result.places, quotes=result.quotes)
    spoken = [c for c in find_candidates(ctx) if c.event.type == "CONSULT"]
    assert spoken and "telephone" in spoken[0].event.text
    for role in ("source", "target"):
        texts = {option_text(o, ctx) for o in role_options(spoken[0], role, ctx)}
        assert "Putin" in texts and "telephone" not in texts


def test_an_act_or_a_ruling_is_never_a_party_option_but_a_name_spelled_like_one_is(run_text, pipeline):
    from newsevents.context import ArticleContext
    from newsevents.extract.event_fillers import option_text, role_options

    for text, trigger, absent, present in (
            ("Governor Jindal signed an order blocking the refugees, and Congress backed him.", "signed",
             "an order", "Governor Jindal"),
            ("Clinton's husband, Bill, was criticized by Trump.", "criticized", None, "Bill")):
        result = run_text(text)
        ctx = ArticleContext(article=result.article, doc=pipeline.nlp(text), entities=result.entities,
                             dates=result.dates, places=result.places, quotes=result.quotes)
        found = [c for c in find_candidates(ctx) if c.event.text.startswith(trigger)]
        assert found, trigger
        texts = {option_text(o, ctx) for role in ("source", "target") for o in role_options(found[0], role, ctx)}
        assert (absent is None or absent not in texts) and any(present in (t or "") for t in texts), texts


def test_training_scores_a_pronoun_option_by_the_name_the_output_gives(run_text, pipeline):
    from newsevents.context import ArticleContext
    from newsevents.extract.event_fillers import option_party_text, option_text, role_options

    text = "Snell was fired shortly after his arrest in the incident."
    result = run_text(text)
    ctx = ArticleContext(article=result.article, doc=pipeline.nlp(text), entities=result.entities,
                         dates=result.dates, places=result.places, quotes=result.quotes)
    arrest = next(c for c in find_candidates(ctx) if c.event.text == "arrest")
    texts = {option_text(o, ctx): option_party_text(o, ctx) for o in role_options(arrest, "target", ctx)}
    assert texts.get("his") == "Snell" and texts.get(None, "empty") is None
