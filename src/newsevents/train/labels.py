"""The event labels the project coded itself: `data/training/event_labels.jsonl`.

One line per coded sentence: the document id, the sentence's character offsets in that
document's text (as train/corpora.py reads it), a short hash of the sentence to catch a text
that changed, who coded it, and its events with every span (trigger, source, target) as
offsets, never as text. `load_labels` gives the text back from the public corpora.

Made once from the coders' output (text spans, as they read them) with
    python -m newsevents.train.labels SAMPLE.jsonl CODED.jsonl [CODED.jsonl ...] --out LABELS.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.extract.event_lexicon import PLOVER_TYPES
from newsevents.tables import DATA

LABELS_PATH = DATA / "training" / "event_labels.jsonl"
SECOND_CODER_PATH = DATA / "training" / "event_labels_second_coder.jsonl"


@dataclass
class GoldEvent:
    type: str
    trigger: tuple[int, int]
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    negated: bool
    hypothetical: bool
    texts: dict[str, str | None] = field(default_factory=dict)  # trigger/source/target text, filled on load


@dataclass
class LabelledSentence:
    item: str
    doc: str
    start: int
    end: int
    events: list[GoldEvent]
    coder: str = ""

    def scorer_events(self) -> list[dict]:
        """The events as the news_sentences scorer reads gold (span texts, as coded.jsonl holds them)."""
        return [{"type": e.type, "trigger": e.texts["trigger"], "source": e.texts["source"],
                 "target": e.texts["target"], "negated": e.negated, "hypothetical": e.hypothetical}
                for e in self.events]


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _locate(phrase: str | None, sentence: str, offset: int) -> tuple[int, int] | None:
    """Offsets of a coder's text span in the document, or None when it is empty or not in the sentence."""
    if not phrase:
        return None
    at = sentence.find(phrase)
    if at < 0:
        at = sentence.lower().find(phrase.lower())
    return (offset + at, offset + at + len(phrase)) if at >= 0 else None


def from_coding(sample: dict, coding: dict, coder: str) -> tuple[dict, int]:
    """A label line from a sampled sentence and its coding; also how many spans could not be placed."""
    sentence, offset = sample["sentence"], sample["start"]
    events, lost = [], 0
    for ev in coding.get("events") or []:
        if ev.get("type") not in PLOVER_TYPES:
            lost += 1
            continue
        trigger = _locate(ev.get("trigger"), sentence, offset)
        if trigger is None:
            lost += 1
            continue
        roles = {}
        for role in ("source", "target"):
            roles[role] = _locate(ev.get(role), sentence, offset)
            lost += bool(ev.get(role)) and roles[role] is None
        events.append({"type": ev["type"], "trigger": list(trigger),
                       "source": list(roles["source"]) if roles["source"] else None,
                       "target": list(roles["target"]) if roles["target"] else None,
                       "negated": bool(ev.get("negated")), "hypothetical": bool(ev.get("hypothetical"))})
    line = {"item": sample["item"], "doc": sample["doc"], "start": sample["start"], "end": sample["end"],
            "hash": sentence_hash(sentence), "coder": coder, "events": events}
    return line, lost


def load_labels(texts: dict[str, str], path: Path = LABELS_PATH, coder: str | None = None
                ) -> list[LabelledSentence]:
    """The labelled sentences whose documents are in `texts`, with their span texts filled in.
    A sentence whose text no longer hashes the same is an error: the corpus changed under the labels."""
    out = []
    with Path(path).open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if coder is not None and row.get("coder") != coder or row["doc"] not in texts:
                continue
            text = texts[row["doc"]]
            if sentence_hash(text[row["start"]:row["end"]]) != row["hash"]:
                raise ValueError(f"label {row['item']}: the text of {row['doc']} at {row['start']} changed")
            events = []
            for ev in row["events"]:
                spans = {k: tuple(ev[k]) if ev[k] else None for k in ("trigger", "source", "target")}
                gold = GoldEvent(ev["type"], spans["trigger"], spans["source"], spans["target"],
                                 ev["negated"], ev["hypothetical"])
                gold.texts = {k: text[s[0]:s[1]] if s else None for k, s in spans.items()}
                events.append(gold)
            out.append(LabelledSentence(row["item"], row["doc"], row["start"], row["end"], events, row.get("coder", "")))
    return out


def agreement(texts: dict[str, str], first: Path = LABELS_PATH, second: Path = SECOND_CODER_PATH
              ) -> dict[str, float | int]:
    """How far two coders agree on the sentences both coded, scored as the dev set's CODING.md
    scores a system against gold: type F1 and usable F1 over one-to-one same-type pairs."""
    from newsevents.evaluate.news_events import pair_events

    a = {s.item: s for s in load_labels(texts, first)}
    b = {s.item: s for s in load_labels(texts, second)}
    counts = {"sentences": 0, "first": 0, "second": 0, "pairs": 0, "usable": 0}
    for item in sorted(a.keys() & b.keys()):
        sentence = texts[a[item].doc][a[item].start:a[item].end]
        gold = a[item].scorer_events()
        other = [{"type": e.type, "start": e.trigger[0], "negated": e.negated, "hypothetical": e.hypothetical,
                  "source": {"text": e.texts["source"]} if e.texts["source"] else None,
                  "target": {"text": e.texts["target"]} if e.texts["target"] else None} for e in b[item].events]
        pairs = pair_events(sentence, a[item].start, gold, other)
        counts["sentences"] += 1
        counts["first"] += len(gold)
        counts["second"] += len(other)
        counts["pairs"] += len(pairs)
        counts["usable"] += sum(ok for *_, ok in pairs)

    def f1(hits: int) -> float:
        total = counts["first"] + counts["second"]
        return round(2 * hits / total, 4) if total else 0.0

    return {**counts, "type_f1": f1(counts["pairs"]), "usable_f1": f1(counts["usable"])}


def main() -> None:
    parser = argparse.ArgumentParser(description="Turn the coders' text spans into offset labels.")
    parser.add_argument("sample")
    parser.add_argument("coded", nargs="+")
    parser.add_argument("--out", default=str(LABELS_PATH))
    parser.add_argument("--coder", default="a")
    args = parser.parse_args()
    with open(args.sample, encoding="utf-8") as lines:
        samples = {row["item"]: row for row in map(json.loads, lines)}
    codings = {}
    for path in args.coded:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    row = json.loads(line)
                    codings[row["item"]] = row
    written = lost = events = 0
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for item in sorted(codings):
            if item not in samples:
                continue
            line, missing = from_coding(samples[item], codings[item], args.coder)
            out.write(json.dumps(line) + "\n")
            written += 1
            lost += missing
            events += len(line["events"])
    print(f"{written} sentences, {events} events; {lost} spans not found in their sentence")


if __name__ == "__main__":
    main()
