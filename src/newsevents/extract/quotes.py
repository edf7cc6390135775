"""Quotes with their speakers: direct, indirect and mixed.

Three passes over the parse, all cheap next to spaCy itself (one scan of the text for quotation
marks, then single loops over tokens and sentences):
1. Direct quotes from the quotation marks (`quote_marks.find_quote_spans`): a quote that stands as a
   clause of its own (starts a sentence, or follows "said:" / "said,") is attributed to the cue
   verb right after it ('"...," he said'), right before it ('he said: "..."', 'He replied: "..."'),
   to a dash signature ('"..." ― Jane Doe'), or, for a quote that continues one already attributed
   (the next segment or paragraph), to the same speaker.
2. Reported speech from the cue words (data/quote_cues.tsv): a cue verb's complement (the clause,
   infinitive, object or prepositional object the lexicon lists for it) is the content ("said that
   Moscow would not speculate..."); when it holds a quoted fragment the quote is mixed; "according
   to X" attributes the rest of its sentence to X. A cue inside another quote's content is the
   speaker's words, not a new attribution (except the plain "say"/"tell", reported at any depth).
   The content stays in its cue's paragraph (the parser sometimes runs two paragraphs into one
   sentence), and a participle cue after a comma ("..., adding that ...") starts an attribution of its
   own with the same speaker. A speech noun with its owner ("Trump's claim that ...", "her promise to ...")
   is an attribution too, when the speaker is named beside it.
3. Speaker-colon lines: transcripts and headlines ("PENCE: Well, ...", "Issa: Clinton's honesty ...").
Speakers (mention, title, canonical name through pronouns and short forms) come from `resolve.speakers`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.context import ArticleContext
from newsevents.extract.quote_marks import QuoteSpan, find_quote_spans
from newsevents.model import Quote
from newsevents.quote_cues import CueLexicon, load_cues
from newsevents.resolve.speakers import FINDINGS, MESSAGES, SpeakerResolver, speaking_nouns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Entity types that never speak ("12:15 p.m. said" is a mis-parse of a timestamp line).
# Numbers do speak in polls ("47 percent said", "Six in 10 say"), so PERCENT and CARDINAL may.
NOT_SPEAKERS = {"DATE", "TIME", "ORDINAL", "MONEY", "QUANTITY"}
CUE_POS = ("VERB", "AUX")
# Attribution words after a quote are few: more than this many tokens means the quote is not theirs.
MAX_ATTRIBUTION_TOKENS = 30


@dataclass
class Draft:
    start: int
    end: int
    kind: str
    cue_token: Token | None
    cue: str | None
    speaker_token: Token | None
    segments: list[tuple[int, int]] = field(default_factory=list)  # quoted text pieces (direct)
    continues: Draft | None = None  # a direct quote that goes on from an attributed one


class _Article:
    """The parse with the lookups both passes need, built once per article."""

    def __init__(self, ctx: ArticleContext, cues: CueLexicon) -> None:
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.text = ctx.text
        self.cues = cues
        self.token_starts = [t.idx for t in ctx.tokens]
        self.quotes = [q for q in find_quote_spans(self.text) if _words(self.text, q) >= 1]
        self.quote_starts = [q.start for q in self.quotes]
        self.in_quote = [False] * len(self.doc)  # token inside quotation marks
        for q in self.quotes:
            for i in range(self.token_index(q.start + 1), min(self.token_index(q.end - 1) + 1, len(self.doc))):
                if q.start < self.doc[i].idx < q.inner[1]:
                    self.in_quote[i] = True

    def token_index(self, char: int) -> int:
        return max(bisect_right(self.token_starts, char) - 1, 0)

    def is_cue(self, token: Token) -> bool:
        return token.pos_ in CUE_POS and token.lemma_.lower() in self.cues.verbs and not self.in_quote[token.i]


def _words(text: str, q: QuoteSpan) -> int:
    s, e = q.inner
    return len(text[s:e].split())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip blanks and trailing commas/periods from a character span."""
    while start < end and text[start] in " \t\r\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in " \t\r\n,;:—–-.":
        end -= 1
    return start, end


# -- pass 1: direct quotes ---------------------------------------------------------------------------

def _stands_alone(art: _Article, q: QuoteSpan) -> bool:
    """A quote that is a clause of its own, not a quoted fragment inside somebody's sentence."""
    if _words(art.text, q) < 2:  # a one-word quote is a term; '"Absolutely not," he said' is an answer
        return False
    before = art.text[max(0, q.start - 200): q.start].rstrip(" \t\u00a0")
    if not before or before[-1] in "\n.!?:,;—–(" or before.endswith(("\"", "”")):
        return True
    first = art.doc[art.token_index(q.start)]
    return first.is_sent_start


def _cue_after(art: _Article, q: QuoteSpan) -> Token | None:
    """'"...," he said' / '"...," said Flynn, a top surrogate,': the cue right after the quote."""
    inner_end = q.inner[1]
    k = inner_end
    while k > 0 and art.text[k - 1].isspace():
        k -= 1
    last_char = art.text[k - 1] if k else ""
    i = art.token_index(q.end)
    if i < len(art.doc) and art.doc[i].idx < q.end:
        i += 1
    doc = art.doc
    if i >= len(doc):
        return None
    if last_char == "." and not (doc[i].is_lower or art.is_cue(doc[i])):
        # '"... ." The next sentence' starts something new, unless it is a bare 'Trump said.'
        return _bare_attribution(art, i)
    sent_end = doc[i].sent.end
    stop = min(sent_end, i + MAX_ATTRIBUTION_TOKENS)
    for j in range(i, stop):
        token = doc[j]
        if token.is_quote or art.in_quote[j]:
            break
        if "\n" in token.text_with_ws and token.text.strip() == "":
            break  # a quote that ends its line is a heading or a paragraph of its own, not this cue's
        if art.is_cue(token):
            return token
    return None


def _bare_attribution(art: _Article, i: int) -> Token | None:
    """'"... the 30,000 emails that are missing." Trump said.': a sentence of a name and a cue alone after
    a quote closed with a period is its attribution all the same (the period belonged outside)."""
    doc = art.doc
    for j in range(i, min(i + 5, len(doc) - 1)):
        token = doc[j]
        if art.is_cue(token):
            after = doc[j + 1]
            names = doc[i: j]
            if after.text in (".", "\n") and names and all(t.pos_ in ("PROPN", "PRON", "NOUN", "DET") for t in names):
                return token
            return None
        if token.is_punct or token.is_space:
            return None
    return None


DASHES = {"―", "—", "–", "-", "--"}


def _signature_after(art: _Article, q: QuoteSpan) -> tuple[Token, Token] | None:
    """'“...” ― Name' at the end of a line: (the dash, the name's head)."""
    doc = art.doc
    i = art.token_index(q.end)
    if i < len(doc) and doc[i].idx < q.end:
        i += 1
    if i + 1 >= len(doc) or doc[i].text not in DASHES:
        return None
    name = []
    for token in doc[i + 1: i + 8]:
        if "\n" in token.text or token.text in (".", ",", ";"):
            break
        if token.is_space:
            continue
        if token.ent_type_ not in ("PERSON", "ORG") and token.pos_ != "PROPN":
            return None
        name.append(token)
    if not name or not any(t.ent_type_ in ("PERSON", "ORG") for t in name):
        return None
    return doc[i], name[-1]


def _cue_before(art: _Article, q: QuoteSpan) -> Token | None:
    """'He said: "..."' / 'He told CNN, "..."': the cue ending the words right before the quote."""
    b = _mark_before(art.text, q.start)
    if b is None:
        return None
    text = art.text
    doc = art.doc
    j = art.token_index(b - 1)
    start = doc[j].sent.start
    if doc[j].sent.start == j and j > 0:  # the colon began a new sentence in the parse
        start = doc[j - 1].sent.start
    for k in range(j, max(start, j - MAX_ATTRIBUTION_TOKENS) - 1, -1):
        token = doc[k]
        if k < j and (token.is_quote or art.in_quote[k] or "\n" in token.text_with_ws):
            break
        if art.is_cue(token):
            return token
    if text[b - 1] == ":" and j > start:
        return _verb_before_colon(art, doc[j - 1])
    return None


def _mark_before(text: str, start: int) -> int | None:
    """Just after the colon or comma that introduces a quote starting at `start`, if one does. The
    quote may open the next paragraph ('Stated Stone:\n\n"I think ..."'), but not one further."""
    b = start
    while b > 0 and text[b - 1] in " \t\u00a0\r\n":
        b -= 1
    if b == 0 or text[b - 1] not in ":," or text.count("\n", b, start) > 2:
        return None
    if text[b - 1] == "," and "\n" in text[b:start]:
        return None  # a comma ends a line only in a list or a broken paragraph, never before a quote
    return b


# Words that may stand before a name that labels a quote ("More from Jones:", "- Carl Bialik:").
NAME_LABEL_OPENERS = {"from", "-", "—", "–", "--", "by"}


def _name_colon(art: _Article, q: QuoteSpan) -> tuple[Token, Token] | None:
    """'Jeffrey M. Jones: “...”', 'More from Jones: “...”', 'Kerry: "..."': a quote introduced by a
    colon right after a name, with no verb (transcripts, round-ups, headlines). Returns (the colon,
    the name's last word). The name must open its line or sentence or follow a dash or "from", so that
    'the plan had one goal: "..."' or 'in Iowa: "..."' do not make a speaker of a noun."""
    b = _mark_before(art.text, q.start)
    if b is None or art.text[b - 1] != ":":
        return None
    doc = art.doc
    colon = doc[art.token_index(b - 1)]
    if colon.text != ":" or colon.i == 0:
        return None
    last = doc[colon.i - 1]
    if not _is_name_word(last):
        return None
    first = last
    while first.i > 0 and first.i > colon.i - 6 and _is_name_word(doc[first.i - 1]) and (
            "\n" not in doc[first.i - 1].text_with_ws):
        first = doc[first.i - 1]
    # A name the NER missed still labels the quote after a dash or "from" ("... overhype - HuffPollster:")
    after_opener = first.i > 0 and doc[first.i - 1].lower_ in NAME_LABEL_OPENERS and (
        all(t.pos_ == "PROPN" for t in doc[first.i: colon.i]))
    if not after_opener and not any(t.ent_type_ in ("PERSON", "ORG") for t in doc[first.i: colon.i]):
        return None
    if not _opens_label(doc, first.i):
        # "Republican pollster Daron Shaw:", "- Mark Blumenthal and Jon Cohen:": title words and other names
        # joined by "and" may stand before the name, back to where the label opens
        start = first.i
        while start > max(0, colon.i - MAX_LABEL_TOKENS) and "\n" not in doc[start - 1].text_with_ws and (
                doc[start - 1].pos_ in ("NOUN", "PROPN", "ADJ") or doc[start - 1].lower_ in ("and", "&")):
            start -= 1
        if start == first.i or not _opens_label(doc, start) or doc[start].lower_ in ("and", "&"):
            return None
    return colon, last


def _opens_label(doc: Doc, i: int) -> bool:
    """Does a name label start at token i: at the start of a line or sentence, or after a dash, "from" or "by"?"""
    before = doc[i - 1] if i > 0 else None
    return before is None or before.is_space or "\n" in before.text_with_ws or before.is_sent_end or (
        before.lower_ in NAME_LABEL_OPENERS or before.is_quote)


def _is_name_word(token: Token) -> bool:
    """A word of a name: 'Jeffrey', 'M.', 'Jones', 'HuffPollster'."""
    return (token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG")) and not token.is_punct


def _verb_before_colon(art: _Article, token: Token) -> Token | None:
    """'The judge interrupted: "..."', 'Clinton released the following statement: "..."': the verb of
    the clause the colon ends, when it has somebody for a subject."""
    for _ in range(6):
        if token.pos_ in CUE_POS or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ not in CUE_POS or art.in_quote[token.i]:
        return None
    subject = _subject(token, art)
    return token if subject is not None else None


def _direct_quotes(art: _Article) -> list[Draft]:
    drafts: list[Draft] = []
    previous: Draft | None = None
    for q in art.quotes:
        if not _stands_alone(art, q):
            continue
        s, e = _trim(art.text, *q.inner)
        if e <= s:
            continue
        signature = _signature_after(art, q)
        if signature is not None:  # '“...” ― Steve Quinlan': a reader's comment signed with a dash
            previous = Draft(s, e, "direct", signature[0], signature[0].text, signature[1], segments=[(s, e)])
            drafts.append(previous)
            continue
        # A name label before the quote ("HEADLINE - HuffPollster: “...”") is tried before a cue verb further
        # back, which would be the headline's.
        cue = _cue_after(art, q)
        labelled = _name_colon(art, q) if cue is None else None
        cue = cue or (_cue_before(art, q) if labelled is None else None)
        if cue is None and labelled is not None:
            previous = Draft(s, e, "direct", labelled[0], ":", labelled[1], segments=[(s, e)])
            drafts.append(previous)
            continue
        subject = _subject(cue, art) if cue is not None else None
        if subject is not None and art.in_quote[subject.i]:
            cue = None  # '"We will win," he said' parsed with "We" as the subject: not this quote's cue
        if cue is not None and previous is not None and previous.cue_token is not None and (
                cue.i == previous.cue_token.i):
            previous.segments.append((s, e))  # '"...," he said, "...": the same cue goes on quoting
            previous.end = e
            continue
        if cue is not None:
            previous = Draft(s, e, "direct", cue, None, subject, segments=[(s, e)])
            drafts.append(previous)
            continue
        if previous is not None and _continues(art, previous, q):
            if _same_paragraph(art.text, previous.end, q.start):
                previous.segments.append((s, e))  # '"...," Flynn said. "..."': one quote in two pieces
                previous.end = e
            else:  # a new paragraph that goes on quoting the same speaker
                previous = Draft(s, e, "direct", None, None, None, segments=[(s, e)], continues=previous)
                drafts.append(previous)
            continue
        previous = None
    return drafts


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n" not in text[a:b]


def _continues(art: _Article, previous: Draft, q: QuoteSpan) -> bool:
    """Does quote `q` go on from the attributed quote `previous` (nothing else in between)?"""
    gap = art.text[previous.end: q.start]
    if len(gap) > 400 or gap.count("\n\n") + gap.count("\n") > 2:
        return False
    # Between them only the attribution sentence of `previous` (or nothing but blanks).
    if previous.cue_token is not None:
        sent_end = previous.cue_token.sent.end_char
        rest = art.text[max(sent_end, previous.end): q.start]
        return not rest.strip(" \t\r\n\"“”,.")
    return not gap.strip(" \t\r\n\"“”,.")


# -- speaker-colon lines: transcripts and headlines ("PENCE: Well, look, ...", "Pence: Flowers won't be at debate")

# Words that label a line without being anybody's name.
LINE_LABELS = {"latest", "update", "updates", "note", "editor", "photo", "video", "watch", "related", "read",
               "advertisement", "source", "sources", "correction", "clarification", "q", "a", "topics", "tags",
               "image", "caption", "credit", "listen", "subscribe", "follow", "share", "breaking"}


# Headline labels name the speaker, then whom or where they spoke: "Clinton to Planned Parenthood: ...",
# "Former AG Mukasey at RNC: ...", "Obama To Asians Worried About U.S. Election: ...". The speaker is
# the name before the connector; the label may then run longer than a bare name.
LABEL_CONNECTORS = {"to", "at", "on", "in", "vs", "vs."}
MAX_LABEL_TOKENS = 9


def _colon_lines(art: _Article, taken: list[Draft]) -> list[Draft]:
    drafts = []
    doc, text = art.doc, art.text
    taken_spans = [(d.start, d.end) for d in taken]
    for sent in art.ctx.sents:
        first = sent[0]
        while first.is_space and first.i + 1 < sent.end:
            first = doc[first.i + 1]
        if not (first.i == 0 or "\n" in doc[first.i - 1].text_with_ws or doc[first.i - 1].is_space):
            continue  # only at the start of a line
        if first.is_quote and first.i + 1 < sent.end:
            first = doc[first.i + 1]  # a transcript quoted as a whole: '"WALLACE: ...'
        colon, connector = None, None
        for token in doc[first.i: min(first.i + MAX_LABEL_TOKENS, len(doc))]:
            if token.text == ":":
                colon = token
                break
            if connector is None and token.lower_ in LABEL_CONNECTORS and token.i > first.i:
                connector = token  # "Clinton to Planned Parenthood:", "Former AG Mukasey at RNC:"
                continue
            # A name or a short label of capitalised words ("Issa", "McCain", "Clinton camp", "CNN President").
            if not (token.text[:1].isupper() or (token.pos_ == "NOUN" and token.i > first.i)):
                break
        if colon is None or colon.i == first.i or (connector is None and colon.i - first.i > 5):
            continue
        name = doc[first.i: (connector or colon).i]
        if any(t.lower_ in LINE_LABELS or t.like_num or t.ent_type_ in NOT_SPEAKERS for t in name):
            continue
        if connector is not None and not any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in name):
            continue  # "Back to School:", "Trouble in Paradise:": a connector needs somebody named before it
        line_end = text.find("\n", colon.idx)
        start, end = _trim(text, colon.idx + 1, line_end if line_end >= 0 else len(text))
        end = _trim(text, start, end - 1)[1] if text[end - 1: end] in ('"', "”") else end
        speaker = (name[: connector.i - name.start] if connector is not None else name).root
        if len(text[start:end].split()) < 3:
            continue
        if any(_overlaps(start, end, s, e) for s, e in taken_spans):
            for draft in taken:  # "Rubio: I Still Believe ...": the "I" of the line is its labelled speaker
                if start <= draft.start and draft.end <= end and draft.speaker_token is not None and (
                        draft.speaker_token.lower_ in FIRST_PERSON):
                    draft.speaker_token = speaker
            continue
        drafts.append(Draft(start, end, "direct", colon, ":", speaker))
    return drafts


# -- pass 2: reported speech from the cues -----------------------------------------------------------

# Verbs whose object is the person addressed ("told reporters", "urged Congress"), not the message.
ADDRESSEE_VERBS = {"tell", "ask", "urge", "remind", "assure", "warn", "thank", "inform", "brief"}


def _is_addressee(token: Token) -> bool:
    return token.pos_ == "PRON" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or token.lemma_.lower() in {
        "reporter", "journalist", "supporter", "crowd", "audience", "voter", "viewer", "listener", "lawmaker",
        "people", "member", "press", "official", "student", "host", "interviewer", "reader"}


def _content_token(cue: Token, takes: tuple[str, ...]) -> Token | None:
    # What a cue reports follows it ("Jolly said he would ..."); a complement before it is the inverted
    # '"...," Jolly said' or, when the parse ran two paragraphs into one sentence, the previous paragraph:
    # the complements after the cue are tried first, and none across a paragraph break.
    children = [c for c in (*cue.rights, *cue.lefts) if not _paragraph_between(cue, c)]
    for want in takes:
        for child in children:
            if want in ("ccomp", "xcomp", "dobj") and child.dep_ == want:
                if want == "dobj" and cue.lemma_ in ADDRESSEE_VERBS and _is_addressee(child):
                    continue  # "told his supporters": whom, not what
                return child
            if child.dep_ == "prep" and child.lower_ == want:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return objects[0]
            if child.dep_ == "advcl" and want not in COMPLEMENT_DEPS and any(
                    c.dep_ == "mark" and c.lower_ == want and c.i < child.i for c in child.children):
                return child  # "called for the president to resign": the parser makes "for" a clause's mark
    return None


COMPLEMENT_DEPS = ("ccomp", "xcomp", "dobj")


def _paragraph_between(a: Token, b: Token) -> bool:
    """A line break between two tokens (a cue and its complement's head)."""
    first, last = (a, b) if a.i < b.i else (b, a)
    # the tokens' own text and spaces, not `doc.text`, which spaCy rebuilds from every token on each access
    return any("\n" in t.text_with_ws for t in first.doc[first.i: last.i])


def _subject(cue: Token, art: _Article) -> Token | None:
    """The cue's subject, or the subject it shares ('Russia launched ..., saying ...'). A thing that the
    parse makes the speaker ("released a new radio ad calling ...", "a Web video that accuses ...") is
    passed for whoever made it."""
    speaker = _cue_subject(cue, art)
    if speaker is None:
        return None
    thing = speaker
    if speaker.lower_ in ("that", "which") and speaker.head.dep_ == "relcl":
        thing = speaker.head.head  # "a Web video that accuses Cruz": the video
    if thing.pos_ == "NOUN" and thing.dep_ not in SUBJECTS and not _animate(thing):
        return _maker(thing) or speaker
    return speaker


# Dependencies that tie a thing to the verb of the clause it is part of ("released an ad", "on a story").
THING_DEPS = ("dobj", "pobj", "prep", "dative", "npadvmod")
# "Clinton spent much of the run-up to the caucuses portraying ...": caucuses -> to -> run-up -> of -> much -> spent
MAX_THING_HOPS = 6


def _animate(token: Token) -> bool:
    """Somebody who can say things: a named person, organisation or group, or a role or group noun
    ("officials", "the campaign"); not a thing they make or use ("an ad", "a story", "the rally")."""
    if token.pos_ != "NOUN" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return token.lemma_.lower() in speaking_nouns() and token.lemma_.lower() not in MESSAGES | FINDINGS


def _maker(thing: Token) -> Token | None:
    """The subject of the clause a thing is the object of, when somebody: 'Trump released a new radio ad
    calling ...' -> Trump; 'the Vermont senator kept blasting Clinton at the Rochester rally' -> senator."""
    token = thing
    for _ in range(MAX_THING_HOPS):
        if token.dep_ not in THING_DEPS:
            return None
        token = token.head
        if token.pos_ in CUE_POS:
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            return subject if subject is not None and _can_speak(subject) and _animate(subject) else None
    return None


def _cue_subject(cue: Token, art: _Article) -> Token | None:
    if _next_attribution(cue) and (outer := _reporting_cue(cue, art)) is not None:
        return _subject(outer, art)  # 'Packer said the focus is taking a toll, pointing to ...': Packer's
    subject = _subject_token(cue)
    if subject is not None and _can_speak(subject) and not _line_between(art, subject, cue) and not (
            _is_dateline(subject)):
        return subject
    if subject is None and (inverted := _name_after_opening_cue(cue) or _name_after_quote_cue(cue)) is not None:
        return inverted
    across_line = subject is not None and _can_speak(subject) and _line_between(art, subject, cue)
    if (subject is None or across_line) and (opening := _name_opening_line(cue, art)) is not None:
        return opening  # (a subject across a line break is a headline's or the last paragraph's)
    if cue.dep_ != "ROOT" and subject is None:
        return None
    return _name_before(cue, art) or (_name_before_aside(cue, art) if subject is None else None)


def _name_after_opening_cue(cue: Token) -> Token | None:
    """'Continued Stone: "..."', 'Added Mr. Trump: "..."': a cue that opens its line and is followed by a
    name speaks with the speaker after it (the parser takes the name for an object). Returns the
    name's last word."""
    doc = cue.doc
    if cue.i > 0 and "\n" not in doc[cue.i - 1].text_with_ws and not doc[cue.i - 1].is_space:
        return None
    last = None
    for token in doc[cue.i + 1: cue.i + 5]:
        if token.pos_ != "PROPN" and token.ent_type_ not in ("PERSON", "ORG"):
            break
        last = token
    if last is None or last.i + 1 >= len(doc) or doc[last.i + 1].text not in (":", ","):
        return None
    return last


# Ranks and titles written short before a name; the tokenizer may cut their period off as a full stop.
TITLE_ABBREVIATIONS = {"Capt", "Lt", "Gen", "Col", "Sgt", "Maj", "Adm", "Cmdr", "Cpl", "Pvt", "Rep", "Reps", "Sen",
                       "Sens", "Gov", "Dr", "Rev", "Prof", "Mr", "Mrs", "Ms", "Brig", "Supt", "Insp"}


def _name_after_quote_cue(cue: Token) -> Token | None:
    """'"... the challenge,'' said Jared Bernstein, a senior fellow ...': a cue right after a quote's
    comma is followed by its speaker, whatever the parse made of them (a sentence run across the next
    paragraph hangs the name on a verb there). Returns the last word of the first person or
    organisation named before the next comma, with only title words ("Rep.", "the ... spokesman") before it."""
    doc = cue.doc
    if cue.i < 1 or not (doc[cue.i - 1].is_quote or doc[cue.i - 1].text == ","):
        return None
    noun = None  # "said the woman, who ...", "added Gowdy.": a described or unlabelled speaker ends at punctuation
    for token in doc[cue.i + 1: cue.i + 8]:
        if token.text == "." and token.i > 0 and doc[token.i - 1].text in TITLE_ABBREVIATIONS:
            continue  # "said Army Capt. Christian Pardo": the period of a rank, not the sentence's end
        if token.is_punct or "\n" in token.text_with_ws[:-1] or token.is_space:
            return noun if token.text in (",", ".") and not token.is_quote else None
        if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and (
                token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I"):
            if token.ent_type_ == "GPE" and token.dep_ in ("compound", "nmod", "amod") and (
                    cue.i < token.head.i < cue.i + 8 and token.head.i > token.i):
                continue  # "added a South Carolina Democrat": the place says which Democrat; the noun speaks
            return token
        if token.pos_ in ("PROPN", "NOUN"):
            noun = token
        # title words: "said retired neurosurgeon Ben Carson"
        elif not (token.pos_ in ("DET", "ADJ", "PART") or token.tag_ in ("VBN", "VBG")) and token.ent_type_ == "":
            return None
    return None


# Marks that set off an aside between a name and its cue: "Sen. Chuck Grassley, facing ..., said".
ASIDE_MARKS = {",", "—", "–", "-", "--"}


def _name_opening_line(cue: Token, art: _Article) -> Token | None:
    """'Chris Christie said he would ...' after a headline line with no period, 'Sen. Chuck Grassley, facing
    a spirited challenge, said ...' after a quote: a parse that runs two paragraphs into one sentence leaves
    the cue without a subject. The person or organisation that opens the cue's line (after title words
    only) is its speaker when the cue follows the name, or an aside set off by commas or dashes that ends
    right before the cue. Returns the name's last word."""
    doc = cue.doc
    start = cue.i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws and not doc[start - 1].is_space:
        start -= 1
    if start == cue.i or start == 0 and not doc[0].ent_type_:
        return None  # the cue opens its line, or the text's first line starts with no name
    name = next((e for e in art.ctx.ents if start <= e.start < min(cue.i, start + 5)), None)
    if name is None or name.label_ not in ("PERSON", "ORG") or name.end > cue.i or art.in_quote[name.start]:
        return None
    if any(t.is_punct or t.pos_ in CUE_POS for t in doc[start: name.start]) or _is_dateline(name[-1]):
        return None  # only title words before the name ("Sen.", "GOP front-runner")
    between = doc[name.end: cue.i]
    if any(t.is_quote for t in between):
        return None
    if all(t.pos_ in ("ADV", "PART") for t in between):  # "Chris Christie (also) said"
        return name[-1]
    if between[0].text in ASIDE_MARKS and between[-1].text in ASIDE_MARKS and len(between) > 2:
        return name[-1]
    return None


def _within_paragraph(text: str, at: int, start: int, end: int) -> tuple[int, int]:
    """A content span cut to the paragraph of its cue at `at`: a parse that runs two paragraphs into
    one sentence must not make the next paragraph part of what was said."""
    paragraph_start = text.rfind("\n", 0, at) + 1
    paragraph_end = text.find("\n", at)
    if paragraph_end < 0:
        paragraph_end = len(text)
    return max(start, paragraph_start), min(end, paragraph_end)


def _name_before(cue: Token, art: _Article) -> Token | None:
    """A bad parse's last resort: the person or organisation named right before the cue verb
    ("Saturday at the convention Sen. Elizabeth Warren (D-MA) said ...")."""
    sent_start = cue.sent.start
    for i in range(cue.i - 1, max(sent_start, cue.i - 8) - 1, -1):
        token = cue.doc[i]
        if art.in_quote[i] or token.is_quote or "\n" in token.text_with_ws:
            return None
        if token.ent_type_ in ("PERSON", "ORG") and token.ent_iob_ in ("B", "I") and not _is_dateline(token):
            if i + 1 < len(cue.doc) and cue.doc[i + 1].ent_iob_ == "I":
                continue  # not the last word of the name yet
            return token
        if token.pos_ in CUE_POS and token.i != cue.i:
            return None


# The longest aside between a speaker's name and its cue that `_name_before_aside` reads across.
MAX_ASIDE_TOKENS = 25


def _name_before_aside(cue: Token, art: _Article) -> Token | None:
    """'Jay DiPietro, the club's 78-year-old president and general manager, suggested ...': an aside too
    long for `_name_before`, which the parser hung elsewhere, leaving the cue without a subject. The
    nearest person or organisation before the cue that is followed by the comma opening an aside the
    comma before the cue closes. Returns the name's last word."""
    doc = cue.doc
    if cue.i < 1 or doc[cue.i - 1].text != ",":
        return None
    for ent in reversed(cue.sent.ents):
        if ent.end >= cue.i - 1 or cue.i - ent.end > MAX_ASIDE_TOKENS:
            continue
        if ent.label_ not in ("PERSON", "ORG") or doc[ent.end].text != "," or art.in_quote[ent.start]:
            continue
        if any(t.is_quote or "\n" in t.text_with_ws for t in doc[ent.start: cue.i]) or _is_dateline(ent[-1]):
            return None
        return ent[-1]
    return None


def _line_between(art: _Article, a: Token, b: Token) -> bool:
    """A line break between two tokens: a parse that ran a headline into the first sentence makes a
    subject of a headline word ("... Blasts Drudge\n\nGlenn Beck said")."""
    start, end = sorted((a.idx, b.idx))
    return "\n" in art.text[start:end]


# A dateline's place opens its line in capitals and is followed by the agency or a dash:
# "WASHINGTON (AP) — ...", "NEW YORK -- ...". It never speaks, whatever the parse says.
DATELINE_FOLLOWERS = {"(", "—", "–", "-", "--", ",", ":"}


def _is_dateline(token: Token) -> bool:
    if not (token.is_upper and token.is_alpha and len(token) >= 3):
        return False
    doc = token.doc
    first = token
    while first.i > 0 and doc[first.i - 1].is_upper and doc[first.i - 1].is_alpha and (
            "\n" not in doc[first.i - 1].text_with_ws):
        first = doc[first.i - 1]
    if first.i > 0 and "\n" not in doc[first.i - 1].text_with_ws and not doc[first.i - 1].is_space:
        return False
    last = token
    while last.i + 1 < len(doc) and doc[last.i + 1].is_upper and doc[last.i + 1].is_alpha:
        last = doc[last.i + 1]
    return last.i + 1 < len(doc) and doc[last.i + 1].text in DATELINE_FOLLOWERS


# Quantifiers that stand for people as a subject: "many think", "few believe", "most in Miami want",
# "said the 46-year-old". The tagger calls them adjectives or determiners.
QUANTIFIER_SPEAKERS = {"many", "most", "some", "few", "others", "both", "all", "several", "one", "none"}


# Fractions of a group that speak in polls: "a third said", "two-thirds say".
FRACTIONS = {"third", "thirds", "quarter", "quarters", "fifth", "fifths", "half", "majority", "minority"}


def _can_speak(token: Token) -> bool:
    if _aged(token) or token.lower_ in FRACTIONS:
        return True  # "said the 46-year-old", "A third of independents say": NER calls them a DATE, an ORDINAL
    if token.ent_type_ in NOT_SPEAKERS:
        return False
    # "Nearly a third say", "most said": the tagger makes a fraction an adjective and "most" an adverb;
    # a name it took for a verb ("Ebeling reminisced", tagged VBG) is still the name the NER found
    return token.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or token.ent_type_ == "PERSON" or (
        token.pos_ in ("ADJ", "DET", "ADV") and (token.lower_ in QUANTIFIER_SPEAKERS | FRACTIONS
                                                 or token.text.endswith("-old")))


def _aged(token: Token) -> bool:
    """'the 46-year-old', tokenized 46 - year - old: a person named by age."""
    doc = token.doc
    return token.lower_ == "old" and token.i >= 2 and doc[token.i - 1].text == "-" and (
        doc[token.i - 2].lower_ in ("year", "years"))


def _subject_token(cue: Token) -> Token | None:
    token: Token = cue
    for _ in range(4):
        agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents:
            return agents[0]
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        for clause in (c for c in token.children if c.dep_ == "csubj"):  # "Majorities ... going said"
            subjects += [c for c in clause.children if c.dep_ == "nsubj"]
        # "The Latest: Trump urges ...": two subjects in a bad parse; the nearest that can speak wins.
        speaking = sorted((c for c in subjects if _can_speak(c)), key=lambda c: abs(c.i - cue.i))
        if speaking:
            return speaking[0]
        for subject in subjects:  # "The Latest ... Donald Trump is questioning": the name is an apposition
            # ("2:40 p.m.\n\nDonald Trump's campaign manager says": a timestamp line took the subject's place)
            names = [c for c in subject.children if c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN") and _can_speak(c)]
            # "Sanders wins R.I., vows to press on": a first verb taken for the subject of the second
            names += [c for c in subject.children if c.dep_ == "nsubj" and subject.pos_ == "VERB" and _can_speak(c)]
            # "Current and former officials said": the adjective took the subject's place in the parse
            names += [c for c in subject.children if c.dep_ == "conj" and subject.pos_ == "ADJ" and _can_speak(c)]
            if names:
                return names[0]
        if subjects:
            return None
        numbers = [c for c in token.lefts if c.dep_ == "nummod" and c.pos_ == "NUM"]
        # "Less than a third agreed": the fraction parsed as an adverbial noun
        numbers += [c for c in token.lefts if c.dep_ == "npadvmod" and c.lemma_.lower() in FRACTIONS]
        if numbers:  # "About 4 in 10 say ..." parsed with the number hanging from the verb
            return numbers[0]
        # "Dems hope Trump's behavior ...", "Nearly a third say ...": a subject the parser took for a modifier
        # of the verb right after it
        glued = [c for c in token.lefts if c.dep_ in ("compound", "dep", "npadvmod", "amod") and c.i == token.i - 1
                 and c.pos_ != "PRON" and _can_speak(c)]
        if glued:
            return glued[0]
        if token.dep_ == "conj" and token.head.dep_ == "ccomp" and token.head.head.lemma_ == token.lemma_:
            # "He says A and says B" parsed with the second "says" inside A: it goes with the first one
            token = token.head.head
            continue
        if token.dep_ == "conj" and token.head.dep_ == "ROOT" and token.head.pos_ in ("NOUN", "PROPN") and (
                token.head.i < token.i and _can_speak(token.head)):
            return token.head  # "Trump has broken rules and shows ...": the first verb taken for a noun's modifier
        if token.dep_ in ("conj", "advcl", "xcomp", "acomp", "dep"):
            # "Russia launched ..., saying", "Voters were more likely to say": the subject up the chain
            token = token.head
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":  # "She started by emphasizing ..."
            token = token.head.head
            if token.pos_ == "NOUN":  # "his policy of not attacking Trump": the noun's owner does it
                owner = _possessor(token)
                if owner is None and token.dep_ == "pobj" and token.head.head.pos_ in CUE_POS:
                    # "After months of refusing to ..., Clinton", "In addition to stating ..., Clinton has
                    # vowed": an adverbial phrase of the clause, whose subject does it
                    token = token.head.head
                    continue
                if owner is not None or token.dep_ not in ("dobj", "attr"):
                    return owner
                token = token.head  # "the campaign took the unusual step of criticizing ...": the taker
            continue
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ in ("acl", "xcomp") and token.tag_ == "VB" and token.head.pos_ == "NOUN":
            # "Trump's failure to denounce Duke"; "Obama will spearhead an effort to paint Trump as ...": the
            # one who makes the effort
            return _possessor(token.head) or _maker(token.head)
        if token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "A Quinnipiac poll found last week that ...": a sentence parsed as one noun phrase
        if token.dep_ == "ROOT" and (named := _subject_of_aside(token)) is not None:
            return named  # "Sanders, who sits at zero endorsements, said ...": the aside took the subject
        if token.dep_ == "acl" and token.tag_ == "VBG":  # "an outside group backing Rubio"
            if token.head.dep_ == "dobj" and _is_addressee(token.head):
                token = token.head.head  # "emailed supporters saying: ...": the sender speaks, not "supporters"
                continue
            return token.head
        return None
    return None


def _reported(art: _Article, used_cues: set[int], direct: list[Draft]) -> list[Draft]:
    drafts: list[Draft] = []
    text = art.text
    direct_spans = [(d.start, d.end) for d in direct]
    for token in art.ctx.tokens:
        if token.i in used_cues:
            continue
        if token.lower_ == "according" and not art.in_quote[token.i]:
            draft = _according_to(art, token)
            if draft:
                drafts.append(draft)
            continue
        if token.lower_ == "in" and not art.in_quote[token.i]:
            draft = _in_finding(art, token)
            if draft:
                drafts.append(draft)
            continue
        if token.pos_ == "NOUN" and token.lemma_.lower() in art.cues.nouns and not art.in_quote[token.i]:
            draft = _noun_cue(art, token)
            if draft is not None and not any(_overlaps(draft.start, draft.end, s, e) for s, e in direct_spans):
                drafts.append(draft)
            continue
        if not art.is_cue(token):
            continue
        content = _content_token(token, art.cues.verbs[token.lemma_.lower()])
        finding_end = None
        if content is None and token.lemma_.lower() in FINDING_VERBS and _finding_subject(token):
            content = _content_token(token, ("dobj",))  # "a survey found 90 percent support for ..."
            if content is not None:  # "finds Clinton with a small lead": the verb's own modifiers too
                finding_end = _end_char(token.right_edge)
        if content is None:
            content = _parataxis_content(token)
            if content is None:
                continue
            start, end = _span_without(content, token)
        else:
            start, end = content.left_edge.idx, finding_end or _end_char(_clause_end(content))
        start, end = _trim(text, *_within_paragraph(text, token.idx, start, end))
        if end - start < 3 or any(_overlaps(start, end, s, e) for s, e in direct_spans):
            continue
        kind = "indirect"
        for q in _quotes_in(art, start, end):
            inner_s, inner_e = q.inner
            if q.start <= start + 1 and q.end >= end - 1:
                kind, (start, end) = "direct", _trim(text, inner_s, inner_e)
                break
            kind = "mixed"
            # A quoted fragment that runs past the clause belongs to it all.
            start, end = min(start, q.start), max(end, q.end if q.closed else end)
        speaker = _subject(token, art)
        if speaker is None and kind == "indirect":
            continue  # a cue verb with nobody doing it ("to frame the battle", "mentioned the name") reports no one
        drafts.append(Draft(start, end, kind, token, None, speaker))
    return drafts


# Verbs whose object is what a poll, a study or records say: "the survey found 90 percent support",
# "a poll finds Clinton with a small lead". With a person for subject the object is no content
# ("police found the car"), so the object counts only when the subject is a finding or a message.
FINDING_VERBS = {"find", "show", "indicate", "suggest", "reveal", "confirm", "put"}
FINDING_PLURALS = {"records", "polls", "poll", "data", "documents", "figures", "results", "surveys", "survey",
                   "estimates", "reports", "filings", "statistics", "numbers", "studies", "returns"}


def _finding_subject(cue: Token) -> bool:
    subject = _subject_token(cue)
    return subject is not None and subject.lemma_.lower() in FINDINGS | MESSAGES


# Polls and records named after the clause they report, when the tagger took the verb for a noun
# ("..., records show.") or the subject for the verb ("During the stretch, F.A.A. records show, the
# Cessna has flown ..."): a comma, a few words ending in a finding noun, the verb, then "," or ".".
_FINDING_TAIL = re.compile(
    r",\s+((?:[\w.’'&/-]+\s+){0,5}?(?P<noun>" + "|".join(sorted(FINDING_PLURALS)) + r"))\s+"
    r"(?P<verb>shows?|showed|suggests?|suggested|indicates?|indicated|finds|found|reveals?|revealed)\s*(?P<end>[,.])")


_FINDING_LEMMAS = {form: lemma for lemma in ("show", "suggest", "indicate", "find", "reveal")
                   for form in (lemma, lemma + "s", lemma + "ed")} | {"finds": "find", "found": "find"}


def _finding_tails(art: _Article, taken: list[Draft]) -> list[Draft]:
    drafts = []
    taken_spans = [(d.start, d.end) for d in taken]
    for sent in art.ctx.sents:
        sent_text = sent.text
        for match in _FINDING_TAIL.finditer(sent_text):
            phrase_start, phrase_end = sent.start_char + match.start(), sent.start_char + match.end()
            if match.group("end") == ".":
                start, end = _trim(art.text, sent.start_char, phrase_start)
            else:
                start, end = _trim(art.text, phrase_end, sent.end_char)
            if len(art.text[start:end].split()) < 3 or any(_overlaps(start, end, s, e) for s, e in taken_spans):
                continue
            noun = art.doc[art.token_index(sent.start_char + match.start("noun"))]
            verb = art.doc[art.token_index(sent.start_char + match.start("verb"))]
            kind = "mixed" if _quotes_in(art, start, end) else "indirect"
            drafts.append(Draft(start, end, kind, verb, _FINDING_LEMMAS.get(match.group("verb").lower()), noun))
    return drafts


def _subject_of_aside(cue: Token) -> Token | None:
    """'Sanders, meanwhile, who sits at zero such endorsements, said ...' parsed with the relative clause as
    the cue's left complement, holding both "Sanders" and "who" as its subjects: the name is the cue's."""
    for clause in cue.lefts:
        if clause.dep_ != "ccomp":
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if len(subjects) == 2 and subjects[1].lower_ in ("who", "which") and _can_speak(subjects[0]):
            return subjects[0]
    return None


def _noun_cue(art: _Article, noun: Token) -> Draft | None:
    """'Trump's claim that Mexico will pay', 'his promise to build a wall', 'her call for a ban': a speech noun
    with what was said after it. Only with a speaker named with it: the owner ("Trump's claim"), or the
    subject of the verb that has the noun for object ("Trump repeated his claim", "Clinton issued a warning")."""
    content = None
    for want in art.cues.nouns[noun.lemma_.lower()]:
        for child in noun.rights:
            if want == "ccomp" and child.dep_ in ("acl", "ccomp") and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                content = child
            elif want == "xcomp" and child.dep_ in ("acl", "xcomp", "relcl") and child.tag_ == "VB" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                content = child
            elif child.dep_ == "prep" and child.lower_ == want:
                content = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if content is not None:
                break
        if content is not None:
            break
    if content is None or _paragraph_between(noun, content):
        return None
    speaker = _possessor(noun)
    if speaker is None and noun.dep_ == "dobj" and noun.head.pos_ in CUE_POS:
        speaker = _subject_token(noun.head)
    if speaker is None or not _can_speak(speaker):
        return None
    start, end = _trim(art.text, *_within_paragraph(art.text, noun.idx, content.left_edge.idx,
                                                    _end_char(_clause_end(content))))
    if end - start < 3:
        return None
    kind = "mixed" if _quotes_in(art, start, end) else "indirect"
    return Draft(start, end, kind, noun, noun.lemma_.lower(), speaker)


def _possessor(noun: Token) -> Token | None:
    """The owner written before a noun ("his", "Trump's", "their"), if any."""
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _clause_end(head: Token) -> Token:
    """The last token of the reported clause: 'said the extremist is Clinton, and he railed against
    the moderators' ends at "Clinton"; the conjoined clause with a subject of its own is the
    writer's narration again (a second 'that' keeps it: 'said that A and that B')."""
    doc = head.doc
    end = head.right_edge
    for child in head.rights:
        # '..., explaining, "because ..."': a participle cue starts a second attribution of its own.
        if not _next_attribution(child) and (
                child.dep_ != "conj" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)):
            continue
        if any(c.dep_ == "mark" for c in child.children):
            continue
        last = child.left_edge.i - 1
        while last > head.i and (doc[last].dep_ == "cc" or doc[last].is_punct):
            last -= 1
        if last >= head.i:
            end = doc[last]
        break
    return end


def _reporting_cue(participle: Token, art: _Article) -> Token | None:
    """The cue whose content a participle cue hangs from in the parse ("said [A, pointing to B]"): the
    participle goes on with that cue's speaker, not with the subject of A."""
    token = participle.head
    for _ in range(3):
        if token.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "dobj"):  # a root's dep is ROOT: the climb stops
            return None
        token = token.head
        if art.is_cue(token):
            return token
    return None


def _next_attribution(token: Token) -> bool:
    """A participle cue after a comma ('said he would release them Friday, calling the attacks ...',
    '..., adding that ...'): the speaker goes on with a new attribution, which is not the first one's
    content (PolNeAR annotates each cue's content apart)."""
    return (token.dep_ in ("advcl", "conj", "xcomp") and token.tag_ == "VBG" and token.i > 0
            and token.doc[token.i - 1].text == "," and token.lemma_.lower() in load_cues().verbs)


def _end_char(token: Token) -> int:
    return token.idx + len(token.text)


def _overlaps(s1: int, e1: int, s2: int, e2: int) -> bool:
    shared = min(e1, e2) - max(s1, s2)
    return shared > 0 and shared * 2 >= min(e1 - s1, e2 - s2)


def _quotes_in(art: _Article, start: int, end: int) -> list[QuoteSpan]:
    i = bisect_right(art.quote_starts, end)
    found = []
    for q in art.quotes[max(0, i - 8): i]:
        if q.end > start and q.start < end:
            found.append(q)
    return found


def _parataxis_content(cue: Token) -> Token | None:
    """'The economy, he said, is weak' / 'The economy is weak, he said': the clause the cue interrupts."""
    if cue.dep_ == "parataxis" or (cue.dep_ in ("ccomp", "conj") and cue.head.i < cue.i) and (
            cue.head.pos_ in CUE_POS + ("NOUN",)):
        if not any(c.dep_ in SUBJECTS for c in cue.children):
            return None
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in cue.children):
            return None  # "shows the billionaire maintaining his lead": a verb with its own complement
        return cue.head
    return None


def _span_without(head: Token, cue: Token) -> tuple[int, int]:
    start = head.left_edge.idx
    end = _end_char(head.right_edge)
    cue_start = cue.left_edge.idx
    if cue_start > start and _end_char(cue.right_edge) >= end - 2:
        end = cue_start
    return start, end


def _according_to(art: _Article, token: Token) -> Draft | None:
    nxt = token.nbor(1) if token.i + 1 < len(art.doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    objects = [c for c in nxt.children if c.dep_ == "pobj"]
    if not objects:
        return None
    sent = token.sent
    phrase_start = token.idx
    phrase_end = _end_char(objects[0].right_edge)
    before = _trim(art.text, sent.start_char, phrase_start)
    after = _trim(art.text, phrase_end, sent.end_char)
    start, end = after if after[1] - after[0] >= before[1] - before[0] else before
    if end - start < 10:
        return None
    kind = "mixed" if _quotes_in(art, start, end) else "indirect"
    return Draft(start, end, kind, token, "according to", objects[0])


# One poll or study, singular: "leads in the polls" or "ahead in the delegate count" is a standing, not
# somebody's finding.
IN_FINDINGS = {"poll", "survey", "study", "analysis", "audit", "review", "report"}


def _in_finding(art: _Article, token: Token) -> Draft | None:
    """'In a CNN national poll, Clinton held a 24-point lead ...', '... 50 percent chose Clinton in the
    latest Quinnipiac survey': a poll or study that the clause it modifies reports, like "according to".
    Only findings (IN_FINDINGS) count: "in a statement" is a channel of the verb it goes with."""
    objects = [c for c in token.children if c.dep_ == "pobj" and c.lower_ in IN_FINDINGS]
    if token.dep_ != "prep" or not objects:
        return None
    head = _clause_verb(token.head)
    if head is None or art.is_cue(head):
        return None  # "said in a poll ...": the verb's own attribution
    phrase_start, phrase_end = token.idx, _end_char(token.right_edge)
    if token.i < head.i:  # the phrase opens the clause: the content is what follows it
        start, end = _trim(art.text, phrase_end, _end_char(_clause_end(head)))
    else:
        start, end = _trim(art.text, head.left_edge.idx, phrase_start)
    if len(art.text[start:end].split()) < 3:
        return None
    kind = "mixed" if _quotes_in(art, start, end) else "indirect"
    return Draft(start, end, kind, token, "in", objects[0])


def _clause_verb(token: Token) -> Token | None:
    """The verb of the clause a phrase hangs from: the parser often attaches "in a new poll" to the noun
    before it ("have a favorable view of Trump in a new poll", "a growing lead in the latest poll")."""
    for _ in range(4):
        if token.pos_ in CUE_POS:
            return token
        if token.pos_ not in ("NOUN", "PROPN", "ADJ") or token.head.i == token.i:
            return None
        token = token.head
    return None


def _outermost(reported: list[Draft], direct: list[Draft]) -> list[Draft]:
    """Drop reported speech whose cue lies inside the content of another quote: in 'X said that Y
    called Z a liar' the attribution is X's; what Y did is part of what X said."""
    contents = [(d.start, d.end) for d in reported + direct]
    kept = []
    for draft in reported:
        at = draft.cue_token.idx if draft.cue_token is not None else draft.start
        if any(s <= at < e and (s, e) != (draft.start, draft.end) for s, e in contents) and (
                draft.cue_token is None or draft.cue_token.lemma_ not in ("say", "tell")):
            continue
        kept.append(draft)
    return kept


# -- channel -----------------------------------------------------------------------------------------

def _channel(cue: Token | None, cues: CueLexicon) -> str | None:
    """'on Twitter', 'in a statement', 'told reporters', 'at a news conference'."""
    if cue is None:
        return None
    for child in cue.children:
        if child.dep_ == "dobj" and cue.lemma_ == "tell" and child.lemma_.lower() in cues.audiences:
            return f"{cue.text} {cue.doc[child.left_edge.i: child.i + 1].text}"
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "at", "during", "via", "through", "to"):
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.lemma_.lower() in cues.media or (child.lower_ == "on" and obj.ent_type_ == "ORG"):
                    return cue.doc[child.i: obj.i + 1].text
    for child in cue.children:
        if child.dep_ in SUBJECTS and child.lemma_.lower() in cues.media:
            return child.lemma_.lower()  # "A statement released by Assad's office said ..."
    return None


# -- the whole article ---------------------------------------------------------------------------------

FIRST_PERSON = {"i", "we"}


def _enclosing_speaker(draft: Draft, drafts: list[Draft], speakers: dict[int, object]) -> object | None:
    """'Rubio: I Still Believe Trump Can't Be Trusted', '"I think we will win," she said': an "I" or "we"
    inside somebody's quoted words is that speaker (the quote around the cue, already resolved)."""
    at = draft.cue_token.idx if draft.cue_token is not None else draft.start
    for other in drafts:
        if other is not draft and other.start <= at < other.end and speakers.get(id(other)) is not None:
            return speakers[id(other)]
    return None


def extract_quotes(ctx: ArticleContext) -> list[Quote]:
    if len(ctx.doc) == 0:
        return []
    art = _Article(ctx, load_cues())
    direct = _direct_quotes(art)
    used = {d.cue_token.i for d in direct if d.cue_token is not None}
    reported = _outermost(_reported(art, used, direct), direct)
    found = direct + reported + _colon_lines(art, direct + reported)
    drafts = sorted(found + _finding_tails(art, found), key=lambda d: (d.start, d.end))
    resolver = SpeakerResolver(ctx)
    speakers: dict[int, object] = {}
    quotes: list[Quote] = []
    for draft in drafts:
        quote = Quote(
            text=" ".join(art.text[s:e] for s, e in draft.segments) if draft.segments
            else art.text[draft.start: draft.end],
            kind=draft.kind, start=draft.start, end=draft.end, sentence=ctx.sentence_index(draft.start),
        )
        if draft.cue_token is not None:
            quote.cue = draft.cue or draft.cue_token.lemma_.lower()
        if draft.cue_token is not None and draft.cue != ":":
            quote.channel = _channel(draft.cue_token, art.cues) if draft.cue is None else None
        speaker = None
        if draft.speaker_token is not None and draft.speaker_token.lower_ in FIRST_PERSON:
            speaker = _enclosing_speaker(draft, drafts, speakers)
        if speaker is None and draft.speaker_token is not None:
            speaker = resolver.speaker(draft.speaker_token)
        elif draft.continues is not None:
            speaker = speakers.get(id(draft.continues))
        speakers[id(draft)] = speaker
        if speaker is not None:
            quote.speaker = speaker.name
            quote.speaker_text = speaker.mention.text
            quote.speaker_start, quote.speaker_end = speaker.mention.start_char, speaker.mention.end_char
            quote.speaker_title = speaker.title
            quote.speaker_actor = resolver.actor(speaker)
        quotes.append(quote)
    return quotes
