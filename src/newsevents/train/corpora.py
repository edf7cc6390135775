"""The public news corpora the event labels point into, read as (document id, text).

A label is a document id and character offsets into that document's text as read here, so the
readers must give the same text on every machine: no normalisation beyond what each format
needs. Document ids are `corpus/name`, as in the news_sentences dev set (whose own documents
are never used for training)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from newsevents.evaluate.dates import read_tml
from newsevents.evaluate.ner import read_conll

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data"
GEO_FILES = {"lgl": "lgl.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}


def dev_documents(shared: Path = SHARED) -> set[str]:
    """The ids of the news_sentences dev set's articles: never training material."""
    path = shared / "events" / "news_sentences" / "coded.jsonl"
    with path.open(encoding="utf-8") as lines:
        return {json.loads(line)["doc"] for line in lines if line.strip()}


def polnear(shared: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((shared / "quotes" / "polnear" / "train" / "text").glob("*.txt")):
        yield f"polnear/{path.stem}", path.read_text(encoding="utf-8")


def geo(shared: Path, corpus: str) -> Iterator[tuple[str, str]]:
    root = ET.parse(shared / "geo" / GEO_FILES[corpus]).getroot()
    for i, article in enumerate(root.iter("article")):
        yield f"{corpus}/{article.get('docid') or f'n{i}'}", article.findtext("text") or ""


def conll(shared: Path) -> Iterator[tuple[str, str]]:
    with (shared / "ner" / "conll2003_eng.testa.iob1").open(encoding="utf-8") as lines:
        for i, doc in enumerate(read_conll(lines)):
            yield f"conll/testa-{i:03d}", doc.text


def timebank(shared: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((shared / "timex" / "TBAQ-cleaned").glob("*/*.tml")):
        yield f"tbaq/{path.stem}", read_tml(path).text


def documents(shared: Path = SHARED, include_dev: bool = False) -> Iterator[tuple[str, str]]:
    """Every training document of every corpus, in a fixed order."""
    skip = set() if include_dev else dev_documents(shared)
    sources = [polnear(shared), *(geo(shared, c) for c in GEO_FILES), conll(shared), timebank(shared)]
    for source in sources:
        for doc_id, text in source:
            if doc_id not in skip and text.strip():
                yield doc_id, text
