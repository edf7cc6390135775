"""`evaluate ner`: named entities on the CoNLL-2003 English development set (IOB1).

Documents are rebuilt from the tokens (joined by spaces, sentences by newlines) and given to
the pipeline as raw text, so gold and predicted entities are compared as exact character
spans with the same type. spaCy's OntoNotes labels map to CoNLL's four types (others are
dropped): PERSON -> PER; GPE, LOC, FAC -> LOC; ORG -> ORG; NORP, EVENT, PRODUCT,
WORK_OF_ART, LAW, LANGUAGE -> MISC. The two schemes also differ on a leading "the": OntoNotes
names include it ("the Federal Reserve"), CoNLL's never do, so it is left out of predicted spans
before comparing (for both systems alike).

Two systems: the spaCy model alone, and the Entity records of our pipeline
(`newsevents.extract.entities`, which reads spaCy's entities as corrected by `ner_rules.py`).
Scores: precision, recall and F1 per type and micro-averaged over all entities, on all the
documents and on each half: the entity rules were tuned looking at the errors of the first
half of the documents ("tune") only; the second half ("held") is the figure for unseen text.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.evaluate import prf

DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ner" / "conll2003_eng.testa.iob1"

TYPES = ("PER", "LOC", "ORG", "MISC")
LABEL_MAP = {
    "PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}

Span = tuple[int, int, str]  # start, end, CoNLL type


@dataclass
class GoldDocument:
    text: str
    entities: set[Span] = field(default_factory=set)


def iob1_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, type) of each entity in IOB1 tags (B- only splits two same-type entities)."""
    spans, start, current = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        kind = tag[2:] if tag != "O" else None
        begins = kind is not None and (kind != current or tag.startswith("B-"))
        if current is not None and (kind != current or begins):
            spans.append((start, i, current))
            current = None
        if begins:
            start, current = i, kind
    return spans


def read_conll(lines: Iterable[str]) -> Iterator[GoldDocument]:
    """Documents (split at -DOCSTART-) with their gold entities as character spans."""
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []

    def build() -> GoldDocument | None:
        parts, entities, offset = [], set(), 0
        for tokens in sentences:
            starts = []
            for token, _tag in tokens:
                starts.append(offset)
                offset += len(token) + 1
            for first, last, kind in iob1_spans([tag for _token, tag in tokens]):
                entities.add((starts[first], starts[last - 1] + len(tokens[last - 1][0]), kind))
            parts.append(" ".join(token for token, _tag in tokens))
        return GoldDocument("\n".join(parts), entities) if parts else None

    for line in list(lines) + [""]:
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            if sentence:
                sentences.append(sentence)
                sentence = []
            if fields and sentences:
                doc = build()
                sentences = []
                if doc:
                    yield doc
            continue
        sentence.append((fields[0], fields[-1]))
    if sentence:
        sentences.append(sentence)
    doc = build()
    if doc:
        yield doc


def mapped(spans: Iterable[tuple[int, int, str]], text: str = "") -> set[Span]:
    """Predicted spans in CoNLL's types, without a leading "the" (CoNLL names never include it)."""
    out = set()
    for start, end, label in spans:
        if label not in LABEL_MAP:
            continue
        if text[start:start + 4].lower() == "the " and end - start > 4:
            start += 4
        out.add((start, end, LABEL_MAP[label]))
    return out


def score(gold: list[set[Span]], predicted: list[set[Span]]) -> dict:
    counts = {t: [0, 0, 0] for t in TYPES}
    for gold_spans, predicted_spans in zip(gold, predicted):
        for kind in TYPES:
            g = {s for s in gold_spans if s[2] == kind}
            p = {s for s in predicted_spans if s[2] == kind}
            counts[kind][0] += len(g & p)
            counts[kind][1] += len(p - g)
            counts[kind][2] += len(g - p)
    micro = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"micro": prf(*micro), **{kind: prf(*c) for kind, c in counts.items()}}


def spacy_alone(texts: list[str]) -> list[set[Span]]:
    from newsevents.nlp import load_model

    nlp = load_model(entity_rules=False)
    return [mapped(((e.start_char, e.end_char, e.label_) for e in doc.ents), text)
            for text, doc in zip(texts, nlp.pipe(texts, batch_size=32))]


def our_pipeline(texts: list[str]) -> tuple[list[set[Span]], int]:
    """Entity records of the pipeline; also how many documents it did not extract (errors, language)."""
    from newsevents.model import Document
    from newsevents.pipeline import Pipeline

    pipeline = Pipeline()
    documents = [Document(id=str(n), text=text, raw=True) for n, text in enumerate(texts)]
    predicted, skipped = [], 0
    for text, result in zip(texts, pipeline.run(documents)):
        if result.error or result.article is None or result.article.language != "en":
            skipped += 1
        predicted.append(mapped(((e.start, e.end, e.label) for e in result.entities), text))
    return predicted, skipped


def run(gold: Path, limit: int | None = None, **options) -> dict:
    with gold.open(encoding="utf-8") as f:
        documents = list(read_conll(f))
    if limit is not None:
        documents = documents[:limit]
    texts = [d.text for d in documents]
    golds = [d.entities for d in documents]
    started = time.perf_counter()
    alone = spacy_alone(texts)
    alone_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours, skipped = our_pipeline(texts)
    ours_seconds = time.perf_counter() - started
    half = len(documents) // 2
    return {
        "documents": len(documents), "gold_entities": sum(len(g) for g in golds),
        "tune_documents": half, "held_documents": len(documents) - half,
        "spacy": {**score(golds, alone), "seconds": round(alone_seconds, 1),
                  "tune": score(golds[:half], alone[:half]), "held": score(golds[half:], alone[half:])},
        "newsevents": {**score(golds, ours), "not_extracted": skipped, "seconds": round(ours_seconds, 1),
                       "tune": score(golds[:half], ours[:half]), "held": score(golds[half:], ours[half:])},
    }
