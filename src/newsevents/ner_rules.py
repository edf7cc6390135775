"""Entity rules: a spaCy component after the NER that corrects the kinds of error the small model makes on news.

Registered as "newsevents_entity_rules" and added by `nlp.load_model`, so every extractor (entities,
speakers, places, events) reads the same corrected `doc.ents`; labels stay spaCy's. Each rule is named
below with why it exists; none names an entity, the words they use are the project's tables
(`data/organisation_words.tsv` and the actor tables).

1. `recase_caps_lines`: the model reads case, so an all-capital line (a headline, a dateline, a table
   row) gets few or wrong entities. Such a line is re-read by the NER in the case its words have
   elsewhere in the article ("MARVELLI NAMED TO LEAD REVIEW" as "Marvelli named to lead review").
2. `split_and_trim`: a name never runs over a line break, a spaced dash ("Norway - Jon Dale"),
   a bracket, ":" or ";"; and a name does not end with a possessive "'s" or a number ("Castleford 16",
   "J. Pell 80" in results lines), nor an organisation's name start with a month.
3. `organisation_names`: a name ending with a legal form or an institution word ("... Inc", "... Bank",
   "... Department", "... United") or of the form "Ministry of X", "University of X" is an organisation.
4. `table_labels`: names the actor tables know take the table's kind: a country is a GPE even when
   the model said ORG or NORP, an organisation an ORG, a nationality a NORP, a leader a PERSON; and a
   country or organisation the model missed is added.
5. `results_line_teams`: in a line of sports results or a standings table (mostly numbers), a name
   directly followed by a score is a team, ORG (a country stays a GPE: national teams are places), and
   so is the same name elsewhere in the article (`team_mentions`); the two sides of "A v B" are teams
   (`versus_teams`); two or three plain words before "( Country )" in such a line are an athlete
   (`competitor_names`); the names of a dateline ("OSLO 2019-05-02") are places (`dateline_places`).
6. `surname_persons`: a lone word that is the surname of a person named in full in the article is
   that person ("Valchenko" after "Sergei Valchenko"), unless the tables know the word as a place or body.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsevents.tables import read_records

log = logging.getLogger(__name__)

COMPONENT = "newsevents_entity_rules"
# Labels of names: the ones trimmed of numbers and possessives and relabelled by the rules.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
# Names of one thing (no titles of works or laws, which have small words of their own).
PLAIN_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
# Labels the model confuses among themselves for a single proper name.
PROPER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"}
# Labels of dates and measures: their numbers are no scores, their words no team names ("July 24-28").
MEASURE_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
SPACED_DASHES = {"-", "--", "–", "—"}
BREAKS = {"(", ")", "[", "]", ":", ";", "|"}
POSSESSIVES = {"'s", "’s", "'", "’", "'S", "’S"}
SCORE = re.compile(r"^[+-]?\d+(?:[.,:/\-–]\d+)*$|^\.\d+$")
INITIAL = re.compile(r"^[A-Z]\.")
# A date the model may find in a results line that is a date indeed: a year or an ISO date, or with words.
REAL_DATE = re.compile(r"^\d{4}(?:-\d\d){0,2}$|[^\W\d_]")
# Words that join the words of one name ("Marsh & Lowe", "Bank of England").
NAME_JOINERS = ("&", "of", "'s")
# Kinds of actor-table entries that name a place.
PLACE_KINDS = {"country", "capital", "place"}
VERSUS = {"v", "v.", "vs", "vs."}


@lru_cache(maxsize=1)
def organisation_words() -> tuple[dict[str, str], dict[str, str]]:
    """(last words, first words) -> kind, from data/organisation_words.tsv."""
    last: dict[str, str] = {}
    first: dict[str, str] = {}
    for row in read_records("organisation_words.tsv"):
        (last if row["position"] == "last" else first)[row["word"]] = row["kind"]
    return last, first


@lru_cache(maxsize=100_000)
def _is_score(text: str) -> bool:
    return bool(SCORE.match(text))


@lru_cache(maxsize=100_000)
def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


@lru_cache(maxsize=100_000)
def _is_capitalised(text: str) -> bool:
    return text[:1].isupper() and _has_letters(text)


class Tokens:
    """What the rules read of the parsed tokens, taken once as plain lists (spaCy makes a new Token per access)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.words: list[str] = []
        self.space_after: list[bool] = []
        self.sent_start: list[bool] = []
        self.punct: list[bool] = []
        self.space: list[bool] = []
        for t in doc:  # one pass: every access to a token builds a new Python object
            self.words.append(t.text)
            self.space_after.append(bool(t.whitespace_))
            self.sent_start.append(bool(t.is_sent_start))
            self.punct.append(t.is_punct)
            self.space.append(t.is_space)
        self.lower = [w.lower() for w in self.words]
        self.line_break = [is_space and "\n" in w for w, is_space in zip(self.words, self.space)]

    def __len__(self) -> int:
        return len(self.words)

    def text(self, start: int, end: int) -> str:
        return "".join(w + (" " if self.space_after[i] and i < end - 1 else "")
                       for i, w in zip(range(start, end), self.words[start:end]))

    def lines(self) -> list[tuple[int, int]]:
        """Token ranges of the text's lines, without the line-break tokens."""
        ranges, start = [], 0
        for i, is_break in enumerate(self.line_break):
            if is_break:
                if start < i:
                    ranges.append((start, i))
                start = i + 1
        if start < len(self.words):
            ranges.append((start, len(self.words)))
        return ranges

    def is_caps_line(self, start: int, end: int) -> bool:
        """No lower-case letter, and at least one word of two capitals or more."""
        words = [w for w in self.words[start:end] if _has_letters(w)]
        return not any(any(c.islower() for c in w) for w in words) and \
            any(w.isupper() and sum(c.isalpha() for c in w) >= 2 for w in words)


class Spans:
    """The entity spans being corrected: (start token, end token) -> label, never overlapping."""

    def __init__(self, doc: Doc):
        self.by_range: dict[tuple[int, int], str] = {}
        self.at: dict[int, tuple[int, int]] = {}  # token -> the span over it
        for e in doc.ents:
            self.put(e.start, e.end, e.label_)

    def items(self) -> list[tuple[int, int, str]]:
        return sorted((s, e, label) for (s, e), label in self.by_range.items())

    def covering(self, i: int) -> tuple[int, int, str] | None:
        key = self.at.get(i)
        return (key[0], key[1], self.by_range[key]) if key else None

    def put(self, start: int, end: int, label: str) -> None:
        """Set a span, dropping every span it overlaps."""
        for key in {self.at[i] for i in range(start, end) if i in self.at}:
            self.remove(*key)
        if start < end:
            self.by_range[(start, end)] = label
            for i in range(start, end):
                self.at[i] = (start, end)

    def remove(self, start: int, end: int) -> None:
        if self.by_range.pop((start, end), None) is not None:
            for i in range(start, end):
                self.at.pop(i, None)


def _case_evidence(tokens: Tokens, skip: set[int]) -> dict[str, Counter]:
    """How the article writes each word outside the capital lines and sentence starts."""
    seen: dict[str, Counter] = {}
    words = tokens.words
    for i, text in enumerate(words):
        if i in skip or tokens.sent_start[i] or not _has_letters(text):
            continue
        if i > 0 and words[i - 1] in ('"', "'", "“", "‘", ":", "-", "(", "--"):
            continue  # a quotation or a clause may start with a capital
        form = "upper" if text.isupper() and len(text) > 1 else "title" if text[:1].isupper() else "lower"
        seen.setdefault(tokens.lower[i], Counter())[form] += 1
    return seen


def _recase(word: str, evidence: dict[str, Counter], stop_words: set[str], common: set[str]) -> str:
    """The word in the case the article uses for it; else lower for function words and common words
    the tables do not know as a name; else capitalised."""
    if not word.isupper() or not _has_letters(word):
        return word
    lower = word.lower()
    forms = evidence.get(lower)
    if forms:  # a word the article ever writes in small letters is a common word ("Rugby Union", "rugby")
        return lower if forms["lower"] else word.title() if forms["title"] else word
    if word in POSSESSIVES or lower in stop_words:
        return lower
    if lower in common and not _known_name(word.title()):
        return lower
    if sum(c.isalpha() for c in word) == 1 or "." in word:
        return word  # an initial or an abbreviation ("U.S.")
    return word.title()


class EntityRules:
    def __init__(self, nlp: Language):
        self.ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
        self.vocab = nlp.vocab
        self.stop_words = set(nlp.Defaults.stop_words)
        self.common_words = _common_words(nlp)
        self.common = self.common_words | self.stop_words

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """The rules over a batch: the capital lines of all its documents go through the NER at once."""
        for batch in _batches(docs, batch_size):
            states = [(doc, Tokens(doc), Spans(doc)) for doc in batch]
            caps = [[(s, e) for s, e in tokens.lines() if tokens.is_caps_line(s, e)] for _doc, tokens, _ in states]
            if self.ner is not None and any(caps):
                self.recase_caps_lines(states, caps)
            for (doc, tokens, spans), doc_caps in zip(states, caps):
                try:
                    apply_text_rules(tokens, spans, {i for s, e in doc_caps for i in range(s, e)}, self.common)
                    doc.set_ents([Span(doc, s, e, label=label) for s, e, label in spans.items()], default="outside")
                except Exception as exc:  # a bug of the rules must not stop a corpus: keep the model's entities
                    log.warning("entity rules failed on a document (%s: %s); kept the model's entities",
                                type(exc).__name__, exc)
                yield doc

    def recase_caps_lines(self, states: list[tuple[Doc, Tokens, Spans]], caps: list[list[tuple[int, int]]]) -> None:
        """Rule 1: re-read all-capital lines in the case their words have elsewhere in the article."""
        recased, where = [], []
        for (_doc, tokens, spans), doc_caps in zip(states, caps):
            if not doc_caps:
                continue
            evidence = _case_evidence(tokens, {i for s, e in doc_caps for i in range(s, e)})
            for start, end in doc_caps:
                words = [_recase(w, evidence, self.stop_words, self.common_words) for w in tokens.words[start:end]]
                recased.append(Doc(self.vocab, words=words, spaces=tokens.space_after[start:end]))
                where.append((spans, start, end))
        for line_doc, (spans, start, end) in zip(self.ner.pipe(recased, batch_size=256), where):
            for s, e in {spans.at[i] for i in range(start, end) if i in spans.at}:
                spans.remove(s, e)
            for ent in line_doc.ents:
                spans.put(start + ent.start, start + ent.end, ent.label_)


def _common_words(nlp: Language) -> set[str]:
    """English words the lemmatizer's lookup tables know (the model's own WordNet index), when it has them."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return set()
    return {word for words in index.values() for word in words if word.isalpha()}


def _batches(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    iterator = iter(docs)
    while batch := list(islice(iterator, size)):
        yield batch


def apply_text_rules(tokens: Tokens, spans: Spans, caps_tokens: set[int], common: set[str]) -> None:
    """Rules 2 to 6, in order (each reads what the earlier ones left)."""
    split_and_trim(tokens, spans)
    organisation_names(tokens, spans, caps_tokens)
    table_labels(tokens, spans, common)
    teams = results_line_teams(tokens, spans, person_surnames(tokens, spans))
    versus_teams(tokens, spans)
    competitor_names(tokens, spans)
    team_mentions(tokens, spans, teams)
    dateline_places(tokens, spans)
    surname_persons(tokens, spans, caps_tokens)


MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}


def split_and_trim(tokens: Tokens, spans: Spans) -> None:
    """Rule 2: cut names at line breaks, spaced dashes, brackets, ":" and ";"; trim possessives and numbers."""
    words = tokens.words
    for start, end, label in spans.items():
        pieces, piece_start = [], start
        for i in range(start, end):
            cut = tokens.space[i] or words[i] in BREAKS or (
                words[i] in SPACED_DASHES and tokens.space_after[i] and i > 0 and tokens.space_after[i - 1])
            if cut:
                pieces.append((piece_start, i))
                piece_start = i + 1
        pieces.append((piece_start, end))
        if label == "ORG":  # an organisation's name does not start with a month ("the May Boston PMI index")
            pieces = [(s + 1, e) if e - s > 1 and words[s] in MONTHS else (s, e) for s, e in pieces]
        if label in NAME_LABELS:
            pieces = [_trim(tokens, s, e, label in PLAIN_NAME_LABELS) for s, e in pieces]
            pieces = [(s, e) for s, e in pieces if s < e and any(_has_letters(w) for w in words[s:e])]
        else:
            pieces = [(s, e) for s, e in pieces if s < e]
        if pieces != [(start, end)]:
            spans.remove(start, end)
            for s, e in pieces:
                spans.put(s, e, label)


def _trim(tokens: Tokens, start: int, end: int, plain: bool) -> tuple[int, int]:
    """A name without edge punctuation, a trailing possessive or edge numbers; a plain name (a person,
    an organisation, a place) also without the common nouns after it ("Tass news agency")."""
    def droppable(i: int) -> bool:
        word = tokens.words[i]
        return tokens.punct[i] and word != "." or tokens.space[i] or word in POSSESSIVES or _is_score(word)

    while start < end and droppable(start):
        start += 1
    while end > start and (droppable(end - 1) or plain and end - start > 1 and tokens.words[end - 1].islower()
                           and tokens.words[end - 1].isalpha()):
        end -= 1
    return start, end


def _capitalised_run_before(tokens: Tokens, end: int, floor: int, stop: set[int] | frozenset = frozenset()) -> int:
    """Start of the run of capitalised words (with "&" and "of" inside) ending at token `end` - 1;
    the run never takes a token of `stop` (dates: "the May Boston PMI index")."""
    words = tokens.words
    start = end - 1
    while start - 1 >= floor and not tokens.sent_start[start] and start - 1 not in stop:
        prev = words[start - 1]
        if _is_capitalised(prev) and tokens.lower[start - 1] not in ("the", "a", "an"):
            start -= 1
        elif prev in NAME_JOINERS and start - 2 >= floor and _is_capitalised(words[start - 2]):
            start -= 1
        else:
            break
    while start < end - 1 and words[start] in NAME_JOINERS:
        start += 1
    return start


def organisation_names(tokens: Tokens, spans: Spans, caps_tokens: set[int]) -> None:
    """Rule 3: names ending with an organisation word, "Ministry of X" and club names are ORG."""
    from newsevents.resolve.actor_tables import load_tables

    tables = load_tables()
    last_words, first_words = organisation_words()
    words, n = tokens.words, len(tokens)
    dates = measure_tokens(tokens, spans)
    for i, word in enumerate(words):
        if i in caps_tokens or not _is_capitalised(word):
            continue
        kind = last_words.get(word) or last_words.get(word.rstrip("."))
        ends_name = i > 0 and (i - 1 in spans.at or _is_capitalised(words[i - 1]) and not tokens.sent_start[i])
        if kind and (ends_name or word not in first_words):
            current = spans.covering(i)
            if current and current[1] == i + 1:
                if current[2] in PROPER_LABELS and current[2] != "ORG" and current[1] - current[0] > 1 \
                        and not tables.lookup(tokens.text(current[0], current[1])):  # "West Bank" is a place
                    spans.put(current[0], current[1], "ORG")
                continue
            previous = spans.covering(i - 1) if i > 0 else None
            if previous and previous[2] in PROPER_LABELS and not current:
                spans.put(previous[0], i + 1, "ORG")  # "Marsh & Lowe" + "Co"
                continue
            start = _capitalised_run_before(tokens, i + 1, max(0, i - 6), dates)
            if start < i and not current:
                spans.put(start, i + 1, "ORG")
            continue
        kind = first_words.get(word)
        if kind and i + 1 < n:
            if kind == "body" and tokens.lower[i + 1] == "of":
                end = i + 2
                if end < n and tokens.lower[end] == "the":
                    end += 1
                stop = end
                while stop < n and stop - end < 6 and (
                        _is_capitalised(words[stop]) or words[stop] in ("&", "and")
                        and stop + 1 < n and _is_capitalised(words[stop + 1])):
                    stop += 1
                if stop > end:
                    current = spans.covering(i)  # keep the model's "the" ("the Ministry of Defence")
                    start = current[0] if current and current[0] == i - 1 and tokens.lower[i - 1] == "the" else i
                    spans.put(start, stop, "ORG")
            elif kind == "team" and _is_capitalised(words[i + 1]) and not tokens.sent_start[i + 1]:
                current = spans.covering(i + 1)
                stop = current[1] if current and current[0] >= i else i + 2
                spans.put(i, stop, "ORG")


def table_labels(tokens: Tokens, spans: Spans, common: set[str]) -> None:
    """Rule 4: the actor tables' kind for names they know; countries and organisations the model missed."""
    from newsevents.resolve.actor_tables import load_tables

    tables = load_tables()
    relabel = {"org": "ORG", "country": "GPE", "adjective": "NORP", "leader": "PERSON"}
    for start, end, label in spans.items():
        if label not in PROPER_LABELS:
            continue
        entries = tables.lookup(tokens.text(start, end))
        if not entries:
            continue
        wanted = relabel.get(entries[0].kind)
        if wanted == "ORG" and label in ("GPE", "LOC", "FAC") and any(e.kind in PLACE_KINDS for e in entries):
            continue  # a city the tables also use for a body ("Brussels" for the EU) stays a place
        if wanted and wanted != label and not (wanted == "NORP" and end - start > 1):
            spans.put(start, end, wanted)
    words, n = tokens.words, len(tokens)
    i = 0
    while i < n:
        reach = tables.reach_from(words[i]) if i not in spans.at and _is_capitalised(words[i]) else 0
        if reach and tokens.sent_start[i] and tokens.lower[i] in common:
            reach = 0  # "Let us know": a capital at a sentence start says nothing (table aliases like "LeT")
        found = None
        for length in range(min(reach, n - i), 0, -1):
            if any(j in spans.at for j in range(i, i + length)) or not _is_capitalised(words[i + length - 1]):
                continue
            entries = tables.lookup(tokens.text(i, i + length))
            if entries and entries[0].kind in ("org", "country"):
                found = (length, relabel[entries[0].kind])
                break
        if found:
            spans.put(i, i + found[0], found[1])
            i += found[0]
        else:
            i += 1


def measure_tokens(tokens: Tokens, spans: Spans) -> set[int]:
    """Tokens of dates, times and amounts; numbers alone the model took for a date ("74 59") are not."""
    return {i for s, e, label in spans.items() if label in MEASURE_LABELS
            and (label != "DATE" or REAL_DATE.search(tokens.text(s, e))) for i in range(s, e)}


def results_line_teams(tokens: Tokens, spans: Spans, surnames: set[str]) -> set[str]:
    """Rule 5: in a results or standings line, a name directly followed by a score is a team."""
    from newsevents.resolve.actor_tables import load_tables

    tables = load_tables()
    words = tokens.words
    measures = measure_tokens(tokens, spans)
    teams: set[str] = set()
    for start, end in tokens.lines():
        kept = [i for i in range(start, end) if not tokens.punct[i]]
        scores = sum(1 for i in kept if _is_score(words[i]) and i not in measures)
        if scores < 2 or scores < 0.25 * len(kept):
            continue
        for i in range(start, end - 1):
            if not (_is_capitalised(words[i]) and _is_score(words[i + 1])) or i in measures or i + 1 in measures:
                continue
            name_start = _capitalised_run_before(tokens, i + 1, start)
            current = spans.covering(i)
            if current and current[0] < name_start:
                name_start = current[0]
            person = INITIAL.match(words[name_start]) or current and current[2] == "PERSON" and i + 1 - name_start > 1 \
                or words[i] in surnames  # bowling figures: "Pell 10-0-41-2"
            if not person:
                entries = tables.lookup(tokens.text(name_start, i + 1))
                country = entries and entries[0].kind == "country"
                spans.put(name_start, i + 1, "GPE" if country else "ORG")
                if not country:
                    teams.add(tokens.text(name_start, i + 1))
            elif not current:
                spans.put(name_start, i + 1, "PERSON")
    return teams


def dateline_places(tokens: Tokens, spans: Spans) -> None:
    """Rule 5a: a dateline, a line of names and a date ("OSLO 2019-05-02", "AUSTIN , Texas 2019-05-02"),
    names places."""
    measures = measure_tokens(tokens, spans)
    for start, end in tokens.lines():
        date_start = next((i for i in range(start, end) if i in measures), None)
        if date_start is None or date_start == start or any(i not in measures for i in range(date_start, end)):
            continue
        names, i = [], start
        while i < date_start:
            if tokens.words[i] == ",":
                i += 1
                continue
            j = i
            while j < date_start and _is_capitalised(tokens.words[j]) or j < date_start and tokens.words[j] == ".":
                j += 1
            if j == i:
                names = []
                break
            names.append((i, j))
            i = j
        for s, e in names:
            spans.put(s, e, "GPE")


def versus_teams(tokens: Tokens, spans: Spans) -> None:
    """Rule 5b: the two sides of "A v B" are teams (ORG), unless a person or a country."""
    words, n = tokens.words, len(tokens)
    for i in range(1, n - 1):
        if tokens.lower[i] not in VERSUS:
            continue
        before = spans.covering(i - 1)
        if before is None and _is_capitalised(words[i - 1]):
            before = (_capitalised_run_before(tokens, i, 0), i, "")
        after = spans.covering(i + 1)
        if after is None and _is_capitalised(words[i + 1]):
            end = i + 1
            while end < n and _is_capitalised(words[end]):
                end += 1
            after = (i + 1, end, "")
        for side in (before, after):
            if side and side[2] in ("", "GPE", "LOC", "FAC", "NORP") and not _is_country(tokens.text(side[0], side[1])):
                spans.put(side[0], side[1], "ORG")


@lru_cache(maxsize=50_000)
def _known_name(text: str) -> bool:
    from newsevents.resolve.actor_tables import load_tables

    return bool(load_tables().lookup(text))


def competitor_names(tokens: Tokens, spans: Spans) -> None:
    """Rule 5d: in a line with scores or times, two or three plain capitalised words before a country in
    brackets name an athlete ("2. Anna Kovac ( Croatia ) 11.20"), a person."""
    last_words, _ = organisation_words()
    words = tokens.words
    measures = measure_tokens(tokens, spans)
    for start, end in tokens.lines():
        if not any(_is_score(words[i]) and i not in measures for i in range(start, end)):
            continue
        for i in range(start + 2, end - 2):
            if words[i] != "(" or words[i + 2] != ")" and not (i + 3 < end and words[i + 3] == ")"):
                continue
            close = i + 2 if words[i + 2] == ")" else i + 3
            if not _is_country(tokens.text(i + 1, close)):
                continue
            name_start = i
            while name_start > start and i - name_start < 3 and _is_person_word(words[name_start - 1]):
                name_start -= 1
            if i - name_start < 2 or any(w in last_words for w in words[name_start:i]):
                continue
            current = spans.covering(name_start)
            if current is None or current[0] >= name_start and current[2] in PROPER_LABELS:
                spans.put(name_start, i, "PERSON")


def _is_person_word(word: str) -> bool:
    return word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha() and not word.isupper()


def _is_country(text: str) -> bool:
    from newsevents.resolve.actor_tables import load_tables

    entries = load_tables().lookup(text)
    return bool(entries) and entries[0].kind == "country"


def team_mentions(tokens: Tokens, spans: Spans, teams: set[str]) -> None:
    """Rule 5c: a name the article uses as a team in its results lines is that team elsewhere too, unless
    the tables know it as a place (a market report's "London 6,512 +0.4" line makes no team of London)."""
    from newsevents.resolve.actor_tables import load_tables

    tables = load_tables()
    teams = {t for t in teams if not any(e.kind in PLACE_KINDS for e in tables.lookup(t))}
    if not teams:
        return
    for start, end, label in spans.items():
        if label in ("GPE", "LOC", "NORP", "PERSON") and tokens.text(start, end) in teams:
            spans.put(start, end, "ORG")
    for i, word in enumerate(tokens.words):
        if word in teams and i not in spans.at and not tokens.sent_start[i]:
            spans.put(i, i + 1, "ORG")


def person_surnames(tokens: Tokens, spans: Spans) -> set[str]:
    """Last words of the people named in full in the article, unless the tables know them as something else."""
    from newsevents.resolve.actor_tables import load_tables

    words = tokens.words
    surnames = {words[e - 1] for s, e, label in spans.items()
                if label == "PERSON" and e - s > 1 and words[e - 1].istitle() and len(words[e - 1]) > 2}
    tables = load_tables()
    return {name for name in surnames if not tables.lookup(name)}


def surname_persons(tokens: Tokens, spans: Spans, caps_tokens: set[int]) -> None:
    """Rule 6: a lone surname of a person named in full in the article is that person (in a capital
    headline too: "MARVELLI TAKES LEAD")."""
    surnames = person_surnames(tokens, spans)
    if not surnames:
        return
    for i, word in enumerate(tokens.words):
        if word not in surnames and not (i in caps_tokens and word.title() in surnames):
            continue
        current = spans.covering(i)
        if current is None:
            spans.put(i, i + 1, "PERSON")
        elif current[1] - current[0] == 1 and current[2] in PROPER_LABELS and current[2] != "PERSON":
            spans.put(i, i + 1, "PERSON")


@Language.factory(COMPONENT)
def make_entity_rules(nlp: Language, name: str) -> EntityRules:
    return EntityRules(nlp)
