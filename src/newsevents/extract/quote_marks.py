"""Quotation-mark spans in raw text: one linear scan, robust to unbalanced and curly marks.

Why a scan and not a regex: news text mixes straight and curly marks, forgets closing marks, and
continues a quote over paragraphs by opening each new paragraph with a mark and closing only the
last one. A regex either misses those or runs a quote away to the end of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Double quotation marks only: single marks are apostrophes too often to open a quote on their own.
# Two apostrophes ('') stand for a straight double mark in some feeds (the New York Times archive);
# two backticks (``) open a quote in PTB-style text.
OPENING = {"“", "„", "«", "``"}
CLOSING = {"”", "»"}
STRAIGHT = {'"', "''"}
_MARK_OR_BREAK = re.compile(r"''|``|[\"“”„«»]|\n")

# A quote is never longer than this: an unclosed mark must not swallow the article.
MAX_QUOTE_CHARS = 3000


@dataclass
class QuoteSpan:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end when it was never closed)
    closed: bool = True
    open_len: int = 1  # length of the opening mark
    close_len: int = 1  # length of the closing mark (0 when never closed)

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.open_len, self.end - self.close_len


def _opens_paragraph(text: str, newline: int) -> bool:
    """Does the paragraph after the break at `newline` start with an opening quotation mark?"""
    i = newline
    while i < len(text) and text[i] in " \t\r\n\u00a0":
        i += 1
    return i < len(text) and (text[i] in "“„«\"" or text.startswith(("''", "``"), i))


def _straight_opens(text: str, i: int) -> bool:
    """A straight mark opens when it is not glued to a word on its left."""
    return i == 0 or text[i - 1] in " \t\r\n\u00a0([{—–-/:;"


def _ends_word(text: str, i: int) -> bool:
    """Is `i` (right after a mark) a blank, a punctuation mark or the end of the text? An opening mark is
    glued to the word on its right, so a mark followed by none ends a quote."""
    return i >= len(text) or text[i] in " \t\r\n\u00a0.,;:!?)]}—–-"


def _closes_anyway(text: str, i: int, mark: str) -> bool:
    """A mark of the opening shape that closes the open quote all the same: a typed “ glued to the word
    on its left ('an “expedited review“ of'), or a straight mark after the blank that closes a nested
    single quote ('say, 'Well done,' " said Rep. ...'). Either way no word follows it, so it opens
    nothing."""
    if not _ends_word(text, i + len(mark)) or i == 0:
        return False
    if mark == "“":
        return not text[i - 1].isspace()
    return mark == '"' and text[i - 1] == " " and i > 1 and text[i - 2] in "'’,.!?"


def _starts_line(text: str, i: int) -> bool:
    """Is `i` the first non-blank character of its line?"""
    return not text[text.rfind("\n", 0, i) + 1: i].strip()


def _trim_end(text: str, i: int) -> int:
    """`i` moved left over blanks (cheap `len(text[:i].rstrip())`)."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def find_quote_spans(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_len = 1

    def close(end: int, close_len: int) -> None:
        nonlocal open_at
        if open_at is not None and end > open_at + open_len:
            spans.append(QuoteSpan(open_at, end, close_len > 0, open_len, close_len))
        open_at = None

    for match in _MARK_OR_BREAK.finditer(text):
        i, mark = match.start(), match.group()
        straight = mark in STRAIGHT
        if open_at is not None and i - open_at > MAX_QUOTE_CHARS:
            close(_trim_end(text, open_at + MAX_QUOTE_CHARS), 0)
        if mark == "\n":
            if open_at is None:
                continue
            # Paragraph end inside a quote: go on only when the next paragraph opens with a mark
            # (the newspaper convention for a quote over several paragraphs); otherwise cap it here.
            if not _opens_paragraph(text, i):
                close(_trim_end(text, i), 0)
            continue
        if open_at is None:
            if mark in OPENING or (straight and _straight_opens(text, i)) or (
                    mark in CLOSING and _starts_line(text, i)):
                # A closing mark at the start of a line opens a quote all the same (a common typo).
                open_at, open_len = i, len(mark)
            continue
        # A quote is open.
        if mark in CLOSING or (straight and not _straight_opens(text, i)) or _closes_anyway(text, i, mark):
            close(i + len(mark), len(mark))
        elif mark in OPENING or straight:
            # An opening mark while open: the continuation of a multi-paragraph quote when it starts
            # a paragraph, else a missing closing mark before it (start again here).
            before = _trim_end(text, i)
            if before < i and "\n" in text[before:i]:
                continue
            close(before, 0)
            open_at, open_len = i, len(mark)
    if open_at is not None:
        close(_trim_end(text, min(len(text), open_at + MAX_QUOTE_CHARS)), 0)
    return spans
