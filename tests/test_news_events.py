"""`evaluate news-events`: the scoring of the news_sentences CODING.md, on data written here."""

from __future__ import annotations

import json

from newsevents.evaluate.news_events import compatible, pair_events, run, score


def _predicted(type_, start, source=None, target=None, confidence=0.8, **flags):
    return {"type": type_, "start": start, "source": {"text": source} if source else None,
            "target": {"text": target} if target else None, "confidence": confidence,
            "negated": flags.get("negated", False), "hypothetical": flags.get("hypothetical", False)}


def _gold(type_, trigger, source=None, target=None, **flags):
    return {"type": type_, "trigger": trigger, "source": source, "target": target,
            "negated": flags.get("negated", False), "hypothetical": flags.get("hypothetical", False)}


def test_roles_are_compatible_when_they_share_a_content_word():
    assert compatible("Russian forces", "the Russian army")
    assert compatible(None, None)
    assert not compatible("the army", "the police")  # "the" is no content word
    assert not compatible("Israel", None)
    assert not compatible(None, "Israel")
    assert not compatible("forces of Syria", "of the")


def test_pairs_are_one_to_one_and_of_the_same_type():
    sentence = "Police arrested two men and shot a third."
    gold = [_gold("COERCE", "arrested", "Police", "two men"), _gold("ASSAULT", "shot", "Police", "a third")]
    predicted = [_predicted("COERCE", 7, "Police", "two men"), _predicted("COERCE", 30, "Police", "a third"),
                 _predicted("ACCUSE", 30)]
    pairs = pair_events(sentence, 0, gold, predicted)
    assert pairs == [(0, 0, True)]


def test_usable_needs_roles_and_flags():
    rows = [
        {"doc": "a", "start": 0, "end": 40, "sentence": "Police arrested two men in the city today.",
         "events": [_gold("COERCE", "arrested", "Police", "two men")]},
        {"doc": "a", "start": 40, "end": 80, "sentence": "Rebels will attack the town, they said....",
         "events": [_gold("ASSAULT", "attack", "Rebels", "the town", hypothetical=True)]},
        {"doc": "a", "start": 80, "end": 120, "sentence": "The weather was fine on the day of the vote",
         "events": []},
    ]
    events = {"a": [
        _predicted("COERCE", 7, "Police", "two men", confidence=0.9),  # usable
        _predicted("ASSAULT", 52, "Rebels", "the town", confidence=0.6),  # type right, flag wrong
        _predicted("PROTEST", 90, confidence=0.3),  # a false alarm
    ]}
    s = score(rows, events)
    assert (s["type"]["tp"], s["type"]["fp"], s["type"]["fn"]) == (2, 1, 0)
    assert (s["usable"]["tp"], s["usable"]["fp"], s["usable"]["fn"]) == (1, 2, 1)
    assert s["false_alarms_per_100_empty"] == 100.0
    assert s["calibration"][">=0.5"] == {"events": 2, "usable_precision": 0.5, "mean_confidence": 0.75}
    assert s["confusions"] == {"- -> PROTEST": 1}
    # with a threshold the low events leave the scores, not the calibration table
    t = score(rows, events, min_confidence=0.5)
    assert t["false_alarms_per_100_empty"] == 0.0 and t["type"]["fp"] == 0
    assert t["calibration"][">=0.5"]["events"] == 2


def test_run_scores_the_whole_pipeline_on_a_gold_folder(tmp_path):
    text = ("Egyptian police arrested 30 opposition activists in Cairo on Monday. "
            "The weather in Cairo was warm and sunny all week.")
    split = text.index("The weather")
    (tmp_path / "articles.jsonl").write_text(json.dumps({"id": "x/1", "text": text}) + "\n")
    coded = [
        {"item": "1", "doc": "x/1", "start": 0, "end": split - 1, "sentence": text[:split - 1],
         "events": [_gold("COERCE", "arrested", "Egyptian police", "30 opposition activists")]},
        {"item": "2", "doc": "x/1", "start": split, "end": len(text), "sentence": text[split:], "events": []},
    ]
    (tmp_path / "coded.jsonl").write_text("".join(json.dumps(row) + "\n" for row in coded))
    s = run(tmp_path, min_confidence=0.0)
    assert s["extraction_errors"] == 0
    assert s["per_type"]["COERCE"]["gold"] == 1
    assert s["type"]["tp"] == 1, s
    assert s["false_alarms_per_100_empty"] == 0.0
