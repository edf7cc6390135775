"""The record types: every stage of the pipeline passes these, and only these, to the next.

All records are plain dataclasses so that `dataclasses.asdict` gives the JSON of the
interface contract (`../DESIGN.md`). Offsets (`start`, `end`) are character offsets into
`Article.text`; `sentence` is the index of the sentence in the spaCy parse of that text.
Unknown values are `None`, never invented.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Document:
    """One input document as a reader found it, before cleaning."""

    id: str  # the input's own id (JSONL id, file path, URL, WARC record id)
    text: str | None = None  # plain text, when the input is text
    html: str | None = None  # raw HTML, when the input is HTML
    published: str | None = None  # ISO date given with the input
    url: str | None = None
    source: str | None = None
    title: str | None = None
    raw: bool = False  # take `text` as the article body exactly as given


@dataclass
class DocumentError:
    """A document that could not be read or processed: one line for the user."""

    id: str
    error: str


@dataclass
class Article:
    id: str  # stable hash of the normalized text
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    caption: str | None = None
    credits: str | None = None
    author: str | None = None
    cluster_id: str | None = None
    note: str | None = None  # e.g. why the English extractors skipped it


@dataclass
class Actor:
    """A coded actor: who, from which country, in which sector."""

    text: str  # the mention as written
    canonical: str | None = None  # the full name used in the article ("Vladimir Putin")
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, REB, OPP, IGO, NGO, JRN/MED, BUS, CVL, COP, JUD, LEG, PTY...
    title: str | None = None  # "Kremlin spokesman"
    start: int | None = None
    end: int | None = None
    actor_id: str | None = None  # corpus-wide id (resolve/actors)


@dataclass
class Entity:
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, ...
    start: int
    end: int
    sentence: int
    canonical: str | None = None
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    actor_id: str | None = None


@dataclass
class Quote:
    text: str
    kind: str  # direct | indirect | mixed
    start: int
    end: int
    sentence: int
    speaker: str | None = None  # canonical name
    speaker_text: str | None = None  # the speaker mention as written ("he")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_title: str | None = None
    speaker_actor: Actor | None = None
    cue: str | None = None
    channel: str | None = None


@dataclass
class Quantity:
    text: str
    start: int
    end: int
    sentence: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: bool = False
    approx_word: str | None = None  # "about", "some", "more than", "between"
    unit: str | None = None  # what is counted: "troops", "people killed"
    casualty: bool = False
    military: bool = False


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    sentence: int
    value: str | None = None  # ISO at the precision stated: 2016-03-15, 2016-03, 2016
    precision: str | None = None  # day | month | year | ...
    relative: bool = False


@dataclass
class Place:
    text: str
    start: int
    end: int
    sentence: int
    name: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None
    feature: str | None = None  # country | admin1 | admin2 | city | facility | region | street | continent
    confidence: float | None = None


@dataclass
class Event:
    type: str  # PLOVER type
    start: int
    end: int
    sentence_index: int
    sentence: str  # the evidence sentence
    text: str | None = None  # the trigger words ("begun withdrawing")
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source: Actor | None = None
    target: Actor | None = None
    date: str | None = None
    place: Place | None = None
    negated: bool = False
    hypothetical: bool = False
    reported_by: Actor | None = None  # set when the event is only reported speech
    confidence: float | None = None
    event_id: str | None = None
    mentions: int = 1


@dataclass
class ArticleResult:
    """Everything extracted from one document: the JSON record of `newsevents extract`."""

    id: str
    article: Article | None = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False  # already stored with the same content (corpus path); not extracted again

    def to_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return {"id": self.id, "error": self.error}
        record = asdict(self)
        del record["skipped"], record["error"]
        return record


RECORD_LISTS = ("entities", "quotes", "quantities", "dates", "places", "events")
