"""Cleaning scraped plain text: title, body, caption, credits; navigation and footers dropped.

Scraped pages keep their menus, share bars, captions and footers as lines of text. The
heuristics, each named below, work on lines and are meant to hold for any page and most
languages:

- boilerplate lines: whole-line patterns from `data/boilerplate.tsv` ("Accessibility links",
  "Share", copyright lines); "hard" ones mark a border, "soft" ones are just dropped;
- captions: a line repeated at once (the image's alt text and its visible caption);
- credits: "With reporting by ...", "Reporting by ...; Editing by ..." end the story;
- furniture: lines printed three times or more in the page, or known from other pages of the
  same site (`clean.furniture`), cost like a menu item and are never kept;
- link-shaped lines: a teaser whose alt text and headline print as one doubled line, an
  archive list with counts ("May 2019 (2) ..."), lines ending with one shared link label
  ("... diese Seite aufrufen") are furniture;
- share and social buttons cost like a few menu items, not like a border: bars sit between a
  story's summary and its text as often as at its end;
- the body: the first block of lines whose sentence text net of penalties for short lines
  (menus, link lists, teaser headlines) and hard boilerplate is at least EARLY_SHARE of the
  best block's (a story comes before its comments and sidebar); credits are a border;
- word lists: a tag cloud, menu or archive drop-down printed as one long line, with hardly any
  of the small words running text needs, is furniture;
- link lists at the body's end: a run of short title-like lines (or of headlines with one-line
  teasers; labels such as "Read more" or a date under each teaser count as short lines) after
  which little text follows ends the story (an author's bio, a "more stories" box, comments
  beyond it are dropped);
- hard borders inside the body ("You may also like", "About the author", "Comments"): the text
  after one goes when it is less than the text before it; borders are peeled from the end;
- bios: a paragraph presenting the author ("Jane Doe is a reporter ...", "Ich bin Steffi, ..."),
  or going on about the person named on the line above it, at either edge of the body is dropped;
- the summary (dek): sentences just above the body, across a byline, a date and a share bar,
  belong to the story;
- date lines: a line with a date that is not a sentence ("March 4, 2024 | categories: ...") is
  a post's metadata, not text (a time alone, heading a live blog's entry, stays);
- the title: the nearest headline-like line before the body;
- the headline: a page starts with its <title> ("Headline | Site") and prints the headline again
  right above the story; the block of text under that line is the story, not a cookie notice, a
  browser warning or a teaser list above it, and a one-line dek between the headline and the text
  is the story's (`headline_line`, `attach_dek`);
- invisible characters (soft hyphens, zero-width spaces) are removed from words;
- echoed widgets: a line that repeats one phrase ("Rate X 1/5 Rate X 2/5 ...") is furniture, and
  so is a long line of capitalised names (a drop-down of countries);
- comment threads: the author line over each comment ("Jane says:") is a border;
- lists of data: ingredients ("125 g Mehl"), specifications ("Torque: 350 Nm") and a test's table printed
  just above or below the body are the story's, though each line is short (`attach_data_lists`); counters
  ("192.0K", "63 comments") and a footer's address, telephone and bank lines are not data;
- teaser sidebars: long unpunctuated lines one under the other with no blank line between them ("more
  stories" headlines) are menu items, however long (`mark_headline_runs`), and so is a teaser cut short
  with a "more" link ("... die Vielfalt und Kompl ... mehr", "... […]");
- title separators: bullets and guillemets ("Headline • Site") separate a <title>'s site name too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path

from newsevents.clean.furniture import INVISIBLE, REPEATS_IN_PAGE, furniture_key, repeated_in_page

BOILERPLATE_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.tsv"

MIN_PROSE_WORDS = 12  # a line this long is text even without a full stop (wrapped or unpunctuated)
MIN_SENTENCE_WORDS = 4
SHORT_PENALTY = 40  # a short non-sentence line (menu item, link) costs as much as this many characters of text
LINK_RUN_MIN = 3  # short lines that make a link list (a subhead or two do not)
DEK_CHARS = 160  # a text line this short can be a teaser's one-line summary inside a link list
HEADER_EDGE_SHARE = 1.0  # the same after a hard border ("Related", "Comments") inside the body: a stronger cue
EDGE_SHARE = 0.15  # text beyond a link list at the body's edge is kept only if it is at least this share
HARD_PENALTY = 1000  # a hard boilerplate line ("Related", comments, copyright) is nearly a border
# A share bar's buttons cost like menu items, not like a border: bars sit between a story's
# summary and its text, or mid-story, as often as at its end.
BUTTON_PENALTY = 100
TITLE_LOOKBACK = 8  # non-blank lines searched back from the body for the title
MAX_CAPTION_WORDS = 60
EARLY_SHARE = 0.4  # an earlier block of text with this share of the largest one's score is the story

_BULLET = re.compile(r"^[\s•·▪►▶*|>»◦‣-]+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_TITLE_END_OK = re.compile(r"[?!\"'”’»)]$|[^.:;,]$")
_DATE_LINE = re.compile(
    r"\b(\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}|"
    r"\d{1,2}\.? (jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)[a-zä]*\.? \d{4}|"
    r"\d+ (hours?|minutes?|days?) ago)\b",
    re.I,
)
_BYLINE = re.compile(r"^(?:[Bb]y|BY|[Vv]on|VON|[Pp]ar|[Pp]or)\s+((?:[A-ZÀ-Ý][\w.'’-]*|van|von|de|la|al)(?:\s+(?:[A-ZÀ-Ý][\w.'’-]*|van|von|de|"
                     r"la|al|and|und|et|y)){0,6})\s*(?:[,|/-].{0,60})?$")

BLANK, SHORT, SENTENCE, PROSE = "blank", "short", "sentence", "prose"
SOFT, HARD, CREDITS, CAPTION, BYLINE = "soft", "hard", "credits", "caption", "byline"
BUTTON = "button"  # a share, social or print button: furniture, but a share bar sits inside stories too
FURNITURE = "furniture"  # a line repeated across the site's pages or within the page
TEXT_KINDS = (SENTENCE, PROSE)


@dataclass
class CleanedText:
    text: str
    title: str | None = None
    caption: str | None = None
    credits: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date of a dateline between the title and the body


_MONTHS = {name: number for number, names in enumerate((
    "jan january januar janvier enero", "feb february februar février febrero", "mar march märz mars marzo",
    "apr april avril abril", "may mai mayo", "jun june juni juin junio", "jul july juli juillet julio",
    "aug august août agosto", "sep sept september septembre septiembre", "oct october oktober okt octobre octubre",
    "nov november novembre noviembre", "dec december dezember dez décembre diciembre"), 1)
    for name in names.split()}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTH_FIRST = re.compile(r"\b([a-zäéû]{3,9})\.? (\d{1,2}),? (\d{4})\b", re.I)
_DAY_FIRST = re.compile(r"\b(\d{1,2})\.? ([a-zäéû]{3,9})\.? (\d{4})\b", re.I)
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


@dataclass
class Line:
    text: str
    kind: str
    words: int


@lru_cache(maxsize=1)
def boilerplate_patterns() -> list[tuple[str, int, re.Pattern]]:
    """(kind, max_words, pattern) rows of data/boilerplate.tsv."""
    rows = []
    for raw in BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#") or raw.startswith("kind\t"):
            continue
        kind, max_words, pattern = raw.split("\t")[:3]
        rows.append((kind, int(max_words), re.compile(pattern, re.I)))
    return rows


def normalize_line(line: str) -> str:
    """A line with bullets, invisible characters (soft hyphens, zero-width spaces) and extra white space removed."""
    line = _BULLET.sub("", INVISIBLE.sub("", line.replace("\u00a0", " ")))
    return " ".join(line.split())


# Menus, share bars and footers print the same lines on every page of a site, and the patterns are many:
# a line's answer is kept (a bounded cache) and reused for the site's next pages.
@lru_cache(maxsize=1 << 16)
def boilerplate_kind(line: str) -> str | None:
    """'soft', 'hard' or 'credits' when a boilerplate pattern matches the whole line."""
    words = len(line.split())
    low = line.lower().strip(" .:!?→»›")
    for kind, max_words, pattern in boilerplate_patterns():
        if (not max_words or words <= max_words) and pattern.fullmatch(low):
            return kind
    return None


_COUNT = re.compile(r"\(\d[\d.,]*\)")
MIN_COUNTS = 3  # "(12)" after three items or more: an archive or category list, not a sentence


def link_shaped(text: str) -> bool:
    """A line that is a rendered link widget, not text, whatever its length.

    - doubled: a teaser whose image alt text and headline render as one line ("A headline A headline");
    - counted: an archive or category drop-down rendered in one line ("May 2019 (2) April 2019 (5) ...");
    - echoed: a phrase printed over and over (`echoed`); a list of words (`word_list`).
    """
    tokens = text.split()
    half = len(tokens) // 2
    if len(tokens) >= 4 and len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]:
        return True
    return len(_COUNT.findall(text)) >= MIN_COUNTS or echoed(tokens, text) or word_list(tokens, text)


ECHO_MIN_WORDS = 12
ECHO_DISTINCT_PAIRS = 0.6  # prose rarely repeats a pair of words; a widget repeats whole phrases


def echoed(tokens: list[str], text: str) -> bool:
    """A widget that prints one phrase over and over in a line: a rating widget ("Rate X 1/5 Rate X 2/5
    ..."), "X Submenu X", a ticker ("BREAKING • BREAKING • ..."), edition switchers.

    Running text repeats single small words, seldom a pair of words: fewer than ECHO_DISTINCT_PAIRS
    of the line's word pairs distinct, in a line that does not end as a sentence, is a widget.
    """
    if len(tokens) < ECHO_MIN_WORDS or _SENTENCE_END.search(text):
        return False
    words = [token.lower() for token in tokens]
    pairs = list(zip(words, words[1:]))
    return len(set(pairs)) < ECHO_DISTINCT_PAIRS * len(pairs)


WORD_LIST_MIN = 20  # words in one unpunctuated line before it can be a tag cloud or a menu
WORD_LIST_SMALL_SHARE = 0.05  # prose has far more small words (articles, prepositions) than this
WORD_LIST_WORD_SHARE = 0.8  # tags, sections and months are words (or years), not figures
# Capitalised words: a third to a half of German prose, a tenth of English; a list of names has
# little else, whatever the "de", "du", "and" inside some of the names.
WORD_LIST_NAME_SHARE = 0.8
_SMALL_WORD = re.compile(r"^[a-zà-ÿß]{1,3}$")
_LIST_WORD = re.compile(r"[^\W\d_][\w&'’.-]*|\d{4}")


def word_list(tokens: list[str], text: str) -> bool:
    """A tag cloud, a menu or an archive drop-down rendered as one line ("Abnehmen Apfel Auflauf ...").

    Running text in any language using spaces is held together by small lower-case words
    (der, und, in, the, of, a, de, la); a list of tags, sections or months has hardly any, and
    no full stop at its end. A list of names (countries in a form's drop-down) may hold a few
    small words, but nearly all its words are capitalised.
    """
    if len(tokens) < WORD_LIST_MIN or _SENTENCE_END.search(text):
        return False
    if sum(bool(_LIST_WORD.fullmatch(token)) for token in tokens) < WORD_LIST_WORD_SHARE * len(tokens):
        return False  # figures and symbols: a table or code printed in one line, which may be the story's
    if sum(token[:1].isupper() for token in tokens) >= WORD_LIST_NAME_SHARE * len(tokens):
        return True  # names one after the other: a drop-down of countries, a menu of sections
    return sum(bool(_SMALL_WORD.match(token)) for token in tokens) < WORD_LIST_SMALL_SHARE * len(tokens)


# The author line over each comment of a thread ("Jane Doe says:", "Max sagt:"): the colon tells it from a
# headline ("Minister says"), and boilerplate patterns see lines with their end punctuation trimmed.
# Not "said:" or "schrieb:": forums print those over a quoted post inside the post itself.
_COMMENT_AUTHOR = re.compile(r"[\w .'’@-]{1,40}\s(?:says|sagt|dice|dit|disse)\s?:")


# A teaser cut at a fixed length, with a link to the rest: "... die Vielfalt und Kompl ... mehr",
# "... Gemeinsa... weiter...", "... Inspiration und Lähmung […]", "... read more »". Stories print their own
# text whole; only a list of other stories cuts it.
_TRUNCATED_TEASER = re.compile(
    r"(?:\.\.\.|…)\s*\[?(?:read more|more|mehr|weiterlesen|weiter|lesen|continue reading|lire la suite|la suite|"
    r"leer más|leggi tutto|czytaj dalej|czytaj więcej)\b\W*$|\[(?:…|\.\.\.)\]$", re.I)


def line_kind(text: str) -> str:
    if not text:
        return BLANK
    if _COMMENT_AUTHOR.fullmatch(text):
        return HARD  # a comment thread has begun
    kind = boilerplate_kind(text)
    if kind:
        return kind
    words = len(text.split())
    if link_shaped(text):
        return FURNITURE
    if _TRUNCATED_TEASER.search(text):
        return SHORT  # a teaser cut short with a "more" link: a link list's item, however long
    if _BYLINE.match(text) and words <= 12:
        return BYLINE
    if words >= MIN_SENTENCE_WORDS and _SENTENCE_END.search(text):
        return SENTENCE
    if words >= MIN_PROSE_WORDS:
        return PROSE
    return SHORT


ENDING_WORDS = 3  # teasers of a link list end with the same link label ("... diese Seite aufrufen", "... Read more")


def link_ending(text: str) -> str | None:
    """The last words of a line that does not end as a sentence does: the key of a link label."""
    words = text.split()
    if len(words) <= ENDING_WORDS or _SENTENCE_END.search(text):
        return None
    return " ".join(words[-ENDING_WORDS:]).lower()


def repeated_endings(endings: list[str | None]) -> set[str]:
    """Link labels that end REPEATS_IN_PAGE lines or more of the page: each such line is a teaser."""
    counts = Counter(ending for ending in endings if ending)
    return {ending for ending, count in counts.items() if count >= REPEATS_IN_PAGE}


HEADLINE_RUN_MIN = 4  # long unpunctuated lines printed one under the other: a list of teaser headlines
TABLE_ROW_NUMBERS = 3  # a headline seldom holds three figures; a table's row (a catalogue, results) does
_NUMBER = re.compile(r"\d+")


def mark_headline_runs(lines: list[Line]) -> None:
    """Long headlines one under the other, with no blank line between them, are a teaser list ("more stories").

    A scraper prints a blank line between a story's paragraphs, and a paragraph ends as a sentence does;
    a "more stories" box prints its teasers as the items of one list, one under the other, each a long
    headline without a full stop. HEADLINE_RUN_MIN such lines in a row are short lines (menu items), not
    text, however long: a long sidebar of them must not outscore the story.
    """
    run: list[Line] = []
    for line in lines + [Line("", BLANK, 0)]:
        if line.kind == PROSE and len(_NUMBER.findall(line.text)) < TABLE_ROW_NUMBERS:
            run.append(line)
            continue
        if len(run) >= HEADLINE_RUN_MIN:
            for member in run:
                member.kind = SHORT
        run = []


def classify(raw: str, furniture: Collection[str] = frozenset()) -> tuple[list[Line], list[str]]:
    """The page's lines with their kinds, and the captions found (repeated lines).

    `furniture`: lines of the page's site known from its other pages (`clean.furniture`), as
    furniture keys; lines printed three times or more in the page itself are furniture too.
    """
    texts: list[str] = []
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalize_line(line)
        if texts and texts[-1] and line[:1].islower() and not _SENTENCE_END.search(texts[-1]):
            texts[-1] += " " + line  # a paragraph hard-wrapped mid-sentence
        else:
            texts.append(line)
    lines = [Line(t, line_kind(t), len(t.split())) for t in texts]
    keys = [furniture_key(line.text) for line in lines]
    repeated = repeated_in_page(keys)
    endings = [link_ending(line.text) for line in lines]
    teaser_endings = repeated_endings(endings)
    for line, key, ending in zip(lines, keys, endings):
        if line.kind in (SHORT, SENTENCE, PROSE, BYLINE) and (
                key in repeated or key in furniture or ending in teaser_endings):
            line.kind = FURNITURE
    mark_headline_runs(lines)
    captions: list[str] = []
    for i, line in enumerate(lines):
        if line.kind in (BLANK, CAPTION) or line.words < 3 or line.words > MAX_CAPTION_WORDS:
            continue
        j = i + 1
        while j < len(lines) and j - i <= 3 and lines[j].kind == BLANK:
            j += 1
        if j < len(lines) and lines[j].text == line.text:
            line.kind = lines[j].kind = CAPTION
            captions.append(line.text)
    return lines, captions


def line_value(line: Line) -> float:
    """What a line adds to a body that includes it: its text, or a penalty for page furniture."""
    if line.kind in TEXT_KINDS:
        return len(line.text)
    if line.kind in (SHORT, FURNITURE):  # furniture costs like a menu item, whatever its length
        return -SHORT_PENALTY
    if line.kind == HARD:
        return -HARD_PENALTY
    if line.kind == BUTTON:
        return -BUTTON_PENALTY
    if line.kind == CREDITS:
        return float("-inf")  # credits end a story: never reach across them
    return 0.0  # blank lines, soft boilerplate, captions and bylines are left out, not penalised


def candidate_spans(lines: list[Line]) -> list[tuple[float, tuple[int, int]]]:
    """(score, (first, last)) of every block of text the page holds, in page order.

    The maximum-sum run (Kadane) keeps an article together across a subhead or an ad label,
    while menus, link lists and footers, many short lines or a hard border, cost more than the
    text beyond them brings. Each time the running sum falls to zero a new block starts; the
    best run of each block is a candidate.
    """
    found: list[tuple[float, tuple[int, int]]] = []
    best, best_span = 0.0, None
    total, start = 0.0, None
    for i, line in enumerate(lines):
        value = line_value(line)
        if value == 0.0 and line.kind not in TEXT_KINDS:
            continue
        if start is None or total <= 0:
            if best_span is not None:
                found.append((best, best_span))
            best, best_span = 0.0, None
            total, start = 0.0, i
        total += value
        if total > best:
            best, best_span = total, (start, i)
    if best_span is not None:
        found.append((best, best_span))
    return found


# A page title's site name: "Headline | Site", "Headline - Site", "Site: Headline" (short, at one end).
# Bullets and guillemets separate them too ("Headline • Site", "Site › Headline").
_TITLE_SEPARATOR = r"(?:\s*[|·»:]+\s+|\s+[–—•›~-]+\s+)"
_TITLE_SITE_SUFFIX = re.compile(_TITLE_SEPARATOR + r"[^|–—·•›~»:]{1,60}$")
_TITLE_SITE_PREFIX = re.compile(r"^[^|–—·•›~»:]{1,60}?" + _TITLE_SEPARATOR)
PAGE_TITLE_MAX_WORDS = 40  # a <title>, with the site's name
DEK_REACH = 80  # lines from the headline to the body within which the lines just under the headline are the story's
HEADLINE_GAP = 12  # non-blank lines (byline, date, share bar, teaser) between the headline and the story's text
HEADLINE_SHARE = 0.05  # the block under the headline is the story unless it is a mere scrap beside the largest
# ... and unless it is much smaller than the block it would replace: a story printed under the page's first
# line, whose title shows again in a list of teasers further down, keeps its place.
HEADLINE_OVER_BLOCK = 0.5
# Text above the headline inside the body's block is a notice or a teaser when it is this much smaller than
# the text below it (a page that prints its title again at the story's end has the story above it).
ABOVE_HEADLINE_SHARE = 0.25


def page_title_keys(title: str) -> set[str]:
    """The forms of a page's <title> that the page prints as its headline: whole, or without the site name."""
    keys = {title.lower()}
    rest = title
    while match := _TITLE_SITE_SUFFIX.search(rest):
        rest = rest[:match.start()]
        keys.add(rest.lower())
    if match := _TITLE_SITE_PREFIX.match(title):
        keys.add(title[match.end():].lower())
    return {key for key in keys if len(key.split()) >= 2}


def headline_line(lines: list[Line]) -> int | None:
    """Where the page prints its own title again as the story's headline: the first later line equal to it.

    A scraped page starts with its <title> ("Headline | Site"); the story prints the same headline
    right above its text, while cookie notices, browser warnings, mega-menus with teasers and
    "latest news" boxes come before it. A cue that names no site and no language.
    """
    first = next((i for i, line in enumerate(lines) if line.kind != BLANK), None)
    if first is None:
        return None
    if lines[first].words > PAGE_TITLE_MAX_WORDS:
        return None  # the page starts with its text, not with a title
    keys = page_title_keys(lines[first].text)
    if not keys:
        return None
    found = next((i for i in range(first + 1, len(lines)) if lines[i].text.lower() in keys), None)
    # printed three times or more, the title is a link in the page's lists: no line tells which copy heads the story
    return None if found is None or lines[found].kind == FURNITURE else found


def under_headline(lines: list[Line], candidates: list[tuple[float, tuple[int, int]]],
                   headline: int) -> tuple[float, tuple[int, int]] | None:
    """The block of text that starts within HEADLINE_GAP non-blank lines below the headline, if any."""
    for score, span in candidates:
        if span[0] > headline:
            gap = sum(1 for i in range(headline + 1, span[0]) if lines[i].kind != BLANK)
            return (score, span) if gap <= HEADLINE_GAP else None
    return None


def body_span(lines: list[Line], headline: int | None = None) -> tuple[int, int] | None:
    """First and last line of the body: the first block of text nearly as large as the largest.

    A page prints its story before the comments, the sidebar and the "more stories" boxes: a
    later block (a long comment thread, an archive widget) that holds more text than a short
    story wins only when the story's score is below EARLY_SHARE of its own.

    Headline first: when the page prints its title again as a headline below that block, and a
    block of text starts just under it, that block is the story (the earlier one was a notice,
    a menu or a teaser list above the story), unless it is a scrap (below HEADLINE_SHARE of the best,
    or HEADLINE_OVER_BLOCK of the block it would replace). When the
    headline falls inside the block, the little text above it (below ABOVE_HEADLINE_SHARE of the
    text under it) is left out.
    """
    candidates = candidate_spans(lines)
    if not candidates:
        return None
    best = max(score for score, _ in candidates)
    score, span = next((score, span) for score, span in candidates if score >= EARLY_SHARE * best)
    if headline is not None and span[1] < headline:
        story = under_headline(lines, candidates, headline)
        if story is not None and story[0] >= max(HEADLINE_SHARE * best, HEADLINE_OVER_BLOCK * score):
            return story[1]
    if headline is not None and span[0] < headline < span[1]:
        before = sum(len(lines[i].text) for i in range(span[0], headline) if lines[i].kind in TEXT_KINDS)
        after = sum(len(lines[i].text) for i in range(headline + 1, span[1] + 1) if lines[i].kind in TEXT_KINDS)
        if before < ABOVE_HEADLINE_SHARE * after:
            return (headline + 1, span[1])
    return span


def body_lines(lines: list[Line], span: tuple[int, int]) -> list[int]:
    """The body's lines, starting and ending with sentence text (headlines at its edges go)."""
    inside = [i for i in range(span[0], span[1] + 1) if lines[i].kind in (SHORT, SENTENCE, PROSE)]
    text_lines = [i for i in inside if lines[i].kind in TEXT_KINDS]
    return [i for i in inside if text_lines[0] <= i <= text_lines[-1]]


def link_blocks(lines: list[Line], region: list[int]) -> list[tuple[int, int]]:
    """Runs of `region` (line indices) that have the shape of a link list: positions (first, last).

    Teaser lists, "more stories" boxes and menus are many short title-like lines in a row, or
    short lines alternating with one-line teasers (a section label, a headline, a dek). A run
    counts when it has at least LINK_RUN_MIN short lines and they are at least half its lines.
    Lines the body leaves out (furniture, buttons, "Read more", dates repeated under each
    teaser) count as short lines: they are a list's labels, not text.
    """
    blocks = []
    start = None
    shorts = 0
    for pos, i in enumerate(region + [-1]):
        line = lines[i] if i >= 0 else None
        in_run = line is not None and (line.kind not in TEXT_KINDS or len(line.text) <= DEK_CHARS)
        if in_run:
            if start is None:
                start, shorts = pos, 0
            shorts += line.kind != SENTENCE
            continue
        if start is not None:
            last = pos - 1
            while last > start and lines[region[last]].kind in TEXT_KINDS:
                last -= 1  # the run ends with its last short line
            first = start
            while first < last and lines[region[first]].kind in TEXT_KINDS:
                first += 1
            size = last - first + 1
            if shorts >= LINK_RUN_MIN and 2 * shorts >= size:
                blocks.append((first, last))
            start = None
    return blocks


def trim_link_blocks(lines: list[Line], body: list[int]) -> list[int]:
    """Drop the body's edges beyond a link list when they hold little text.

    The body span crosses a link list when text follows it (an author's bio, a teaser with a
    long dek, a comment). Beyond the list, what holds less than EDGE_SHARE of the text on the
    other side is furniture of the page, not the story going on.
    """
    def chars(part: list[int]) -> int:
        return sum(len(lines[i].text) for i in part if lines[i].kind in TEXT_KINDS)

    region = [i for i in range(body[0], body[-1] + 1) if lines[i].kind not in (BLANK, CAPTION)]
    borders = [(first, last, EDGE_SHARE) for first, last in link_blocks(lines, region)]
    borders += [(pos, pos, HEADER_EDGE_SHARE) for pos, i in enumerate(region) if lines[i].kind == HARD]
    end = len(region)
    for first, last, share in sorted(borders, reverse=True):  # peeled from the end, one border at a time
        if last < end and chars(region[last + 1:end]) < share * chars(region[:first]):
            end = first
    body = [i for i in body if end == len(region) or i < region[end]]
    text_lines = [pos for pos, i in enumerate(body) if lines[i].kind in TEXT_KINDS]
    return body[text_lines[0]:text_lines[-1] + 1] if text_lines else body


# An author's bio: "Jane Doe is a reporter ...", "Ich bin Steffi, Foodbloggerin ...", "Schreibt seit 2008 für ...".
_PROFESSION = (r"[\w-]*(editor|writer|journalist|reporter|correspondent|author|columnist|contributor|expert|founder|"
               r"co-?founder|professor|lecturer|researcher|blogger|freelancer?|specialist|consultant|"
               r"redakteur|redakteurin|autor|autorin|journalistin|korrespondent(in)?|gründer(in)?|"
               r"gründungspartner(in)?|dozent(in)?|bloggerin|historiker(in)?|fotograf(in)?|rédact(eur|rice)|"
               r"journaliste|periodista|redactor(a)?|experte|expertin|tiernärrin)\b")
_BIO = re.compile(  # names are capitalised: only the key words ignore case
    r"^(?i:(?:hallo|hi|hey),? )?(?i:ich bin|i'?m|i am|je suis|soy)\s+[A-ZÀ-Ý][\w-]+,|"
    r"^(?:Schreibt|Arbeitet|Lehrt|Leitet|Lebt und arbeitet|Studierte) (?:seit|als|für|an|in|das|die|den)\b|"
    r"^(?:[A-ZÀ-Ý][\w'’.-]+\s+){1,4}(?:(?:\([^)]*\),?|[—–,])\s+){0,2}(?:is|was|ist|war|est|es)\s+(?:\S+\s+){0,8}?"
    r"(?i:" + _PROFESSION + ")")
BIO_MAX_CHARS = 600
# A bio told as a career: a name, then a verb of a career ("Jane Doe studied law before she joined the
# paper as a trainee", "Max Muster leitet das Ressort Politik") and a cue of a career in the paragraph.
_CAREER_OPENING = re.compile(
    r"^(?:[A-ZÀ-Ý][\w'’.-]+\s+){1,4}(?:(?:\([^)]*\),?|[—–,])\s+){0,2}"
    r"(?:studied|studierte|étudie|estudió|graduated|leads|heads|leitet|dirige|writes|schreibt|écrit|escribe|"
    r"covers|works|arbeitet|travaille|trabaja|lives|lebt|vit|vive|teaches|lehrt|enseigne|enseña|joined|kam)\b")
_CAREER_CUE = re.compile(r"(?i:" + _PROFESSION + r"|\b(?:volontär(?:in)?|trainee|intern|praktikum|ressort|redaktion|newsroom|"
                         r"studium|universit\w*|hochschule|college|journalism|journalismus|since \d{4}|seit \d{4}|depuis \d{4}))")


_NAME_LINE = re.compile(r"(?:(?:Dr|Prof|Mag)\.\s+)*[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:[A-ZÀ-Ý][\w'’.-]+|van|von|de|der|da|di|la|le|al|bin)){1,3}")


def name_line(text: str) -> bool:
    """A line that is a person's name and nothing else ("Markus Reuter", "Dr. Thomas Schulte")."""
    return bool(_NAME_LINE.fullmatch(text))


def presents_named(text: str, name: str) -> bool:
    """A paragraph under a name line that goes on about that person: it opens with the name (or a
    part of it), or with a verb or title that needs the name line as its subject ("ist Gründer ...",
    "Redakteur in der Wirtschaft.")."""
    first = text.split()[0]
    parts = [part for part in name.split() if not part.endswith(".")]
    return (first in parts or text.startswith(name) or first[:1].islower()
            or bool(re.match(r"(?i:" + _PROFESSION + ")", text)))


def is_bio(text: str, above: str | None = None) -> bool:
    """A short paragraph that presents a person (the author) rather than telling the story.

    `above`: the non-blank line above the paragraph; an author box prints the author's name on a
    line of its own, then a few lines about them ("Markus Reuter / Markus Reuter beschäftigt sich
    mit ...", "Dr. Thomas Schulte / ist Gründungspartner der Kanzlei ...").
    """
    if len(text) > BIO_MAX_CHARS:
        return False
    if _BIO.search(text) or (_CAREER_OPENING.match(text) and _CAREER_CUE.search(text)):
        return True
    return above is not None and name_line(above) and presents_named(text, above)


def _line_above(lines: list[Line], i: int) -> str | None:
    return next((lines[j].text for j in range(i - 1, -1, -1) if lines[j].kind != BLANK), None)


def trim_bios(lines: list[Line], body: list[int]) -> list[int]:
    """Drop an author's bio at either edge of the body, with the name lines beside it."""
    texts = [pos for pos, i in enumerate(body) if lines[i].kind in TEXT_KINDS]
    while len(texts) > 1 and is_bio(lines[body[texts[-1]]].text, _line_above(lines, body[texts[-1]])):
        body = body[:texts[-1]]
        texts.pop()
    while len(texts) > 1 and is_bio(lines[body[texts[0]]].text, _line_above(lines, body[texts[0]])):
        body = body[texts[0] + 1:]
        texts = [pos - texts[0] - 1 for pos in texts[1:]]
    texts = [pos for pos, i in enumerate(body) if lines[i].kind in TEXT_KINDS]
    return body[texts[0]:texts[-1] + 1] if texts else body


LEDE_LOOKBACK = 12  # non-blank lines searched back from the body for the story's summary (dek)
LEDE_MAX_CHARS = 400  # a dek is one or two sentences
LEDE_MIN_WORDS = 8  # a shorter sentence above the body is a headline ("Clinton and Warren team up.")
_BETWEEN_LEDE_AND_BODY = (SHORT, BUTTON, BYLINE, SOFT, FURNITURE, CAPTION, HARD)


def attach_lede(lines: list[Line], body: list[int], headline: int | None = None) -> list[int]:
    """The body with the story's summary (dek) above it, across the byline and share bar.

    A news page prints the headline, a one- or two-sentence summary, then the author, the
    date and a share bar, then the text: the bar costs more than the summary brings, so the
    body starts below it. The nearest sentences above the body, within LEDE_LOOKBACK lines of
    bylines, dates, buttons and labels only, and no longer than a summary, are the story's;
    the search stops at the story's headline (`headline_line`) when the page prints it.
    """
    looked, chars = 0, 0
    first_line = next((i for i, line in enumerate(lines) if line.kind != BLANK), 0)
    for i in range(body[0] - 1, -1, -1):
        if i == headline:
            break  # a summary sits under the story's headline, never above it
        line = lines[i]
        if line.kind == BLANK:
            continue
        looked += 1
        if looked > LEDE_LOOKBACK:
            break
        if line.kind in TEXT_KINDS and is_bio(line.text):
            continue  # the author's box between the summary and the text (dropped by trim_bios) is crossed
        if line.kind in TEXT_KINDS:
            chars += len(line.text)
            if line.kind != SENTENCE or chars > LEDE_MAX_CHARS or line.words < LEDE_MIN_WORDS or i == first_line:
                break  # not a summary: a run of text, or a headline (short, or the page's first line)
            body = [i] + body
            looked = 0
        elif line.kind not in _BETWEEN_LEDE_AND_BODY:
            break
    return body


def attach_dek(lines: list[Line], body: list[int], headline: int | None = None) -> list[int]:
    """The body with the dek printed between the page's headline and the story's text.

    Under its headline a story often prints a one-line summary that ends without a full stop
    ("Next games in March against the Netherlands"), then a byline, a date or a share bar. The
    lines of at least LEDE_MIN_WORDS words between the headline (the page title printed again,
    `headline_line`) and the body, that are neither boilerplate nor a date line, belong to the
    story. Without that headline nothing tells a dek from a teaser or a caption: nothing is added.
    """
    if headline is None or not headline < body[0] <= headline + DEK_REACH:
        return body
    # the first lines under the headline: a summary, a byline, a date; a gallery or a table of contents
    # may follow them before the story's text starts
    between = [i for i in range(headline + 1, body[0]) if lines[i].kind != BLANK][:HEADLINE_GAP]
    if any(lines[i].kind == HARD for i in between):
        return body  # a border ("Related posts") between them: the lines above the body are another box
    dek = [i for i in between if lines[i].kind in (SHORT, SENTENCE, PROSE) and lines[i].words >= LEDE_MIN_WORDS
           and not meta_line(lines[i]) and not is_bio(lines[i].text)]
    return dek + body


def _lines_above(lines: list[Line], body_start: int) -> Iterator[Line]:
    """The non-blank lines above the body, nearest first, at most TITLE_LOOKBACK of them."""
    return islice((lines[i] for i in range(body_start - 1, -1, -1) if lines[i].kind != BLANK), TITLE_LOOKBACK)


def find_title(lines: list[Line], body_start: int) -> str | None:
    """The nearest headline-like line before the body: 3-30 words, not a sentence, not a date."""
    for line in _lines_above(lines, body_start):
        if line.kind in (SOFT, HARD, BUTTON, CAPTION, BYLINE, CREDITS, FURNITURE) or _DATE_LINE.search(line.text):
            continue
        if 3 <= line.words <= 30 and _TITLE_END_OK.search(line.text) and line.kind != SENTENCE:
            return line.text
    return None


def line_date(text: str) -> str | None:
    """ISO date written in a dateline ("March 3, 2024", "12 May 2024", "2024-05-12", "12.05.2024")."""
    found = None
    if match := _ISO_DATE.search(text):
        found = (match[1], match[2], match[3])
    elif (match := _MONTH_FIRST.search(text)) and match[1].lower() in _MONTHS:
        found = (match[3], _MONTHS[match[1].lower()], match[2])
    elif (match := _DAY_FIRST.search(text)) and match[2].lower() in _MONTHS:
        found = (match[3], _MONTHS[match[2].lower()], match[1])
    elif match := _DOTTED.search(text):
        found = (match[3], match[2], match[1])
    if found is None:
        return None
    try:
        return date(int(found[0]), int(found[1]), int(found[2])).isoformat()
    except ValueError:
        return None


def header_date(lines: list[Line], body_start: int) -> str | None:
    """The date of a short dateline or byline just above the body."""
    for line in _lines_above(lines, body_start):
        if line.kind in (SENTENCE, PROSE, HARD):
            break
        if line.words <= 15 and (value := line_date(line.text)):
            return value
    return None


META_MAX_WORDS = 25  # a date line longer than this is text that mentions a date
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


def meta_line(line: Line) -> bool:
    """A post's date line ("23.06.2016 um 16:14 Uhr - Markus Reuter - 91 Ergänzungen", "January 13,
    2020 at 08:45 AM | categories: Python"): a date, in a line that is not a sentence. A time alone
    ("9:42 p.m.") is kept: a live blog's entries are headed by their times."""
    return (line.kind != SENTENCE and line.words <= META_MAX_WORDS
            and bool(_DATE_LINE.search(_CLOCK_TIME.sub(" ", line.text))))


# Recipes, product pages and car tests print a list of figures beside their text: ingredients ("125 g Mehl"),
# specifications ("Nennspannung: 230 V"), a test's table ("CO2 pro km in Gramm 37"). Each line is short, so
# the list costs like a menu; but a menu's items, teasers and labels seldom hold a figure.
DATA_LIST_MIN = 3  # lines with a figure that make a list of data (a subhead with a year does not)
DATA_LABEL_RUN = 3  # labels in a row a list of data holds ("Zutaten", "Zubereitung", "kcal"); more end it
DATA_MAX_WORDS = 12
_FIGURE = re.compile(r"\d")
# Figures that are not the story's data: a share bar's or a forum's counters ("Pinterest 192.0K", "63 Kommentare",
# "492k Members"), a category list's counts ("Bücher (15)"), page numbers ("2"), and a footer's contact lines
# (postcode and town, telephone, bank account).
_NOT_DATA = re.compile(
    r"\d[\d.,]*\s?[kKM]\b|\b(?i:likes?|shares?|views?|comments?|kommentare?|followers?|members?|replies|antworten|"
    r"tel|telefon|phone|fon|fax|iban|bic|blz|konto|e-?mail)\b|^\d{4,5}\s+[A-ZÄÖÜ][\w-]+$|\(\d+\)$|^\d{1,3}$")


def archive_month(text: str) -> bool:
    """A month of an archive list ("Oktober 2014", "May 2019"): a date line without a day."""
    words = text.lower().replace(".", "").split()
    return len(words) == 2 and words[0] in _MONTHS and words[1].isdigit() and len(words[1]) == 4


def data_line(line: Line) -> bool:
    """A short line that holds a figure and is not a date line, a counter or a contact line: an ingredient,
    a specification, a table row."""
    return (line.kind == SHORT and line.words <= DATA_MAX_WORDS and bool(_FIGURE.search(line.text))
            and not meta_line(line) and not _NOT_DATA.search(line.text) and not archive_month(line.text))


def data_list_edge(lines: list[Line], start: int, step: int, stop: int | None) -> int | None:
    """The far end of a list of data that starts at `start` and runs in direction `step`, or None.

    The walk crosses data lines and up to DATA_LABEL_RUN other lines in a row (labels such as "Für die
    Füllung:", "Zubereitung", or a line of text); a border (boilerplate, credits, the headline) or a longer
    run ends it. The list counts when it holds DATA_LIST_MIN data lines or more and they are at least two
    thirds of its lines: a footer's address or a teaser list with dates has more labels between its figures.
    """
    edge, labels, data, seen = None, 0, 0, 0
    i = start
    while 0 <= i < len(lines) and i != stop:
        line = lines[i]
        if line.kind not in (BLANK, CAPTION):
            if line.kind not in (SHORT, SENTENCE, PROSE, FURNITURE):
                break
            if data_line(line):
                data += 1
                seen += 1
                labels = 0
                if data >= DATA_LIST_MIN and 3 * data >= 2 * seen:
                    edge = i
            else:  # a label, or a line of text: a list holds a few between its figures
                labels += 1
                seen += 1
                if labels > DATA_LABEL_RUN:
                    break
        i += step
    return edge


def attach_data_lists(lines: list[Line], body: list[int], headline: int | None = None) -> list[int]:
    """The body with a list of data (ingredients, specifications) printed just above or below it."""
    above = data_list_edge(lines, body[0] - 1, -1, headline)
    below = data_list_edge(lines, body[-1] + 1, 1, None)
    before = list(range(above, body[0])) if above is not None else []
    after = list(range(body[-1] + 1, below + 1)) if below is not None else []
    return before + body + after


def paragraphs(body: list[int], lines: list[Line]) -> list[str]:
    return [lines[i].text for i in body if lines[i].kind in (SHORT, SENTENCE, PROSE) and not meta_line(lines[i])]


def clean_text(raw: str, furniture: Collection[str] = frozenset()) -> CleanedText:
    """The article in a scraped page's text: body paragraphs joined by blank lines, and its parts.

    `furniture`: the lines of the page's site found by `clean.furniture.source_furniture` over
    several of its pages, when the caller has them (the corpus path); none is needed.
    """
    lines, captions = classify(raw, furniture)
    headline = headline_line(lines)  # read once: the body's block, its summary and its dek all start from it
    span = body_span(lines, headline)
    credits = [line.text for line in lines if line.kind == CREDITS]
    bylines = [_BYLINE.match(line.text).group(1) for line in lines if line.kind == BYLINE]
    if span is None:  # no sentence anywhere (a headline-only text): keep what is not boilerplate
        text = "\n\n".join(line.text for line in lines if line.kind in (SHORT, SENTENCE, PROSE))
        return CleanedText(text=text, caption="\n".join(captions) or None, credits="\n".join(credits) or None)
    body = trim_bios(lines, trim_link_blocks(lines, body_lines(lines, span)))
    body = attach_dek(lines, attach_lede(lines, body, headline), headline)
    body = attach_data_lists(lines, body, headline)
    return CleanedText(
        text="\n\n".join(paragraphs(body, lines)),
        title=find_title(lines, body[0]),
        caption="\n".join(captions) or None,
        credits="\n".join(credits) or None,
        author=bylines[0] if bylines else None,
        published=header_date(lines, body[0]),
    )
