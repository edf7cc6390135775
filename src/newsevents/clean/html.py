"""Main text and metadata from HTML, with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None


def extract_html(html: str, url: str | None = None) -> HtmlPage:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if doc is None:
        raise ValueError("no main text found in the HTML")
    return HtmlPage(
        text=doc.text or "", title=doc.title, published=doc.date, author=doc.author,
        url=doc.url, source=doc.sitename,
    )
