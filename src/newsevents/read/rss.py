"""RSS and Atom feeds (feedparser): one Document per entry, its content or summary as HTML or text."""

from __future__ import annotations

import time
from collections.abc import Iterator

from newsevents.model import Document, DocumentError


def _iso_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def _body(entry) -> tuple[str | None, str | None]:
    """(html, text) of an entry: the full content if the feed has it, else the summary."""
    parts = entry.get("content") or []
    chosen = max(parts, key=lambda p: len(p.get("value") or ""), default=None)
    if chosen is None or not (chosen.get("value") or "").strip():
        value = entry.get("summary") or ""
        kind = (entry.get("summary_detail") or {}).get("type", "text/html")
    else:
        value, kind = chosen.get("value") or "", chosen.get("type") or "text/html"
    if not value.strip():
        return None, None
    return (value, None) if "html" in kind else (None, value)


def read_rss(data: bytes, name: str) -> Iterator[Document | DocumentError]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        yield DocumentError(id=name, error=f"no entries in the feed{reason}"[:300])
        return
    source = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, 1):
        doc_id = entry.get("id") or entry.get("link") or f"{name}#{number}"
        html, text = _body(entry)
        if html is None and text is None:
            yield DocumentError(id=doc_id, error="feed entry without content or summary")
            continue
        yield Document(
            id=doc_id, html=html, text=text, published=_iso_date(entry), url=entry.get("link") or None,
            source=source, title=entry.get("title") or None,
        )
