"""Main text and metadata from HTML, with trafilatura.

Full pages go through trafilatura (main text, title, date, author, url, site name). Fragments
(feed entries, JSONL "html" snippets: no <html> or <body>) are all content already, so they are
rendered to text as they are. When trafilatura finds nothing (very short or unusual pages) the
page is rendered as a scraper would and cleaned by the plain-text heuristics instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAGE = re.compile(r"<html|<body|<!doctype", re.I)
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None


def html_to_text(html: str) -> str:
    """Render HTML as plain text as a scraper would: a line per list item or break, blank lines between blocks."""
    import html_text

    text = html_text.extract_text(html, guess_layout=True)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def trafilatura_text(html: str, url: str | None = None, **settings) -> str | None:
    """trafilatura's main text alone (the evaluation baselines use this too)."""
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False, **settings)


def _paragraphs(text: str) -> str:
    """trafilatura puts one block per line; the extractors want blank lines between paragraphs.

    Lines that are page furniture by our boilerplate patterns ("Share", "Related posts",
    "Next post") are dropped: trafilatura keeps some when they sit inside the article element.
    """
    from newsevents.clean.text import boilerplate_kind, normalize_line

    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line and boilerplate_kind(normalize_line(line)) in (None, "credits"))


def _without_title(text: str, title: str | None) -> str:
    """The body without the headline trafilatura keeps as its first line (the title has its own field)."""
    first, _, rest = text.partition("\n\n")
    if title and rest and first.strip().lower() == title.strip().lower():
        return rest
    return text


def _stated_date(value: str | None, html: str) -> str | None:
    """trafilatura's date, unless it is a bare year turned into January 1 (from "Copyright 2024").

    Unknown dates must stay unknown: a January 1 date counts only if the page states it.
    """
    if not value or not value.endswith("-01-01"):
        return value or None
    year = value[:4]
    stated = re.compile(rf"{year}-01-01|0?1\.0?1\.{year}|{year}/0?1/0?1|January 1\b|1 January|Jan\.? 1\b", re.I)
    return value if stated.search(html) else None


def extract_html(html: str, url: str | None = None) -> HtmlPage:
    """Main text and metadata of a page; ValueError when there is no text at all."""
    if not _PAGE.search(html):
        from newsevents.clean.text import clean_text

        cleaned = clean_text(html_to_text(html))  # finds a leading headline as the title
        return HtmlPage(text=cleaned.text, title=cleaned.title)
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise ValueError("cannot parse the HTML")
    meta = trafilatura.extract_metadata(tree, default_url=url)
    # The main text in trafilatura's default mode without comments: its best setting on its
    # own benchmark (see `newsevents evaluate extraction`).
    text = trafilatura_text(html, url=url)
    if not (text or "").strip():
        from newsevents.clean.text import clean_text

        text = clean_text(html_to_text(html)).text
    if not text.strip():
        raise ValueError("no main text found in the HTML")
    return HtmlPage(
        text=_without_title(_paragraphs(text), meta.title), title=meta.title or None, published=_stated_date(meta.date, html),
        author=meta.author or None, url=meta.url or None, source=meta.sitename or None,
    )
