from newsevents.model import Document


def test_offsets_point_into_the_article_text(run_text):
    text = "President Vladimir Putin spoke in Moscow on Monday. Putin said Russia would leave."
    result = run_text(text)
    assert result.entities, "spaCy found no entities"
    for ent in result.entities:
        assert text[ent.start:ent.end] == ent.text


def test_short_name_takes_the_full_name_as_canonical(run_text):
    result = run_text("Kremlin spokesman Dmitry Peskov spoke to reporters. Later Peskov left the room.")
    peskov = [e for e in result.entities if e.text == "Peskov"]
    assert peskov and peskov[0].canonical == "Dmitry Peskov"


def test_non_english_document_is_stored_with_a_note_and_not_parsed(pipeline):
    text = ("Die Bundesregierung hat am Dienstag neue Maßnahmen beschlossen. Der Kanzler sagte, "
            "die Lage sei ernst, und kündigte weitere Gespräche mit den Ländern an.")
    result = pipeline.extract(Document(id="de", text=text))
    assert result.error is None
    assert result.article.language == "de"
    assert "English extractors skipped" in result.article.note
    assert result.entities == [] and result.events == []


def test_a_dateline_is_not_glued_to_the_first_entity(run_text):
    result = run_text("BRUSSELS - The European Union on Friday adopted new sanctions against Russia.")
    names = {e.text for e in result.entities}
    assert not any(" - " in n for n in names), names
    eu = [e for e in result.entities if "European Union" in e.text]
    assert eu and eu[0].sector == "IGO"


def test_a_long_one_line_text_is_text_not_a_file_name(pipeline):
    """extract() takes a path or the text itself; a one-line text longer than a file name can be
    made the system refuse the path test ("File name too long"): it is the article's text."""
    text = ("With nearly 140 House members blasting the roundups of Central American families and the "
            "White House dispatching a top official to Capitol Hill, the administration sought to quell "
            "the furor over its deportation raids in Texas, Georgia and North Carolina on Tuesday.")
    assert len(text) > 255 and "\n" not in text
    result = pipeline.extract(text)
    assert result.error is None and result.article.text.startswith("With nearly 140 House members")
    assert {"Texas", "Georgia"} <= {p.text for p in result.places}


def test_the_model_is_loaded_once_however_it_is_asked_for(pipeline):
    # the places rules ask for load_model() while the pipeline holds load_model(MODEL_NAME): one model, not two
    from newsevents.nlp import MODEL_NAME, english_adjectives, load_model

    assert load_model() is load_model(MODEL_NAME) is load_model(name=MODEL_NAME, entity_rules=True)
    assert "young" in english_adjectives() and "grovetown" not in english_adjectives()
