"""Cleaning: from a read Document to an Article (main text, title, caption, credits, language)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection

from newsevents.clean.html import extract_html
from newsevents.clean.language import detect_language
from newsevents.clean.text import clean_text
from newsevents.model import Article, Document

# Spaces other than the ASCII one (no-break, figure, thin, hair, narrow no-break): spaCy makes each a
# token of its own, which cuts "Trump\u00a0told" into three and loses the name and the subject. Replaced
# one character for one, so that offsets into the input text still hold in --raw mode.
ODD_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2007\u2009\u200a\u202f", " "))


def article_id(text: str) -> str:
    """Stable id: a hash of the text with white space and case folded."""
    normalized = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def _extract_html(html: str, url: str | None):
    try:
        return extract_html(html, url=url)
    except ValueError:
        raise
    except Exception as exc:  # lxml and trafilatura on hostile markup: one line, not a traceback
        raise ValueError(f"cannot extract text from the HTML ({type(exc).__name__})") from None


def prepare_article(document: Document, furniture: Collection[str] = frozenset()) -> Article:
    """Turn a read document into an Article; raises ValueError with a one-line reason.

    `furniture`: the site furniture of the document's source (clean/corpus_furniture.py), for plain text.
    """
    title, caption, credits, author = document.title, None, None, None
    published, url, source = document.published, document.url, document.source
    if document.html is not None and not document.raw:
        page = _extract_html(document.html, document.url)
        text = page.text
        title = title or page.title
        published = published or page.published
        url, source, author = url or page.url, source or page.source, page.author
    elif document.raw:
        text = document.text if document.text is not None else (document.html or "")
    else:
        cleaned = clean_text(document.text or "", furniture=furniture)
        text, caption, credits = cleaned.text, cleaned.caption, cleaned.credits
        title, author = title or cleaned.title, cleaned.author
        published = published or cleaned.published
    if not text or not re.search(r"\w", text):
        raise ValueError("no article text found")
    text = text.translate(ODD_SPACES)
    language = detect_language(text)
    note = None if language == "en" else f"language '{language}': English extractors skipped"
    return Article(
        id=article_id(text), text=text, title=title, published=published, url=url,
        source=source, language=language, caption=caption, credits=credits,
        author=author, note=note,
    )
