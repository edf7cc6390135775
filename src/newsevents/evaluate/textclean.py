"""`evaluate textclean`: cleaning scraped plain text, scored by trafilatura's eval snippets.

The pages of the extraction set are rendered to plain text the way a scraper does (the
`html-text` package with layout guessing: navigation, share bars and footers stay in). Then
the same must-contain / must-not-contain snippets score the rendered text kept as it is
("keep as is") and the body that `newsevents.clean.text.clean_text` finds in it.
"""

from __future__ import annotations

from pathlib import Path

from newsevents.evaluate.extraction import DEFAULT_GOLD, load_pages, score_systems

__all__ = ["DEFAULT_GOLD", "render", "run"]


def render(page: bytes) -> str:
    """A page as a scraper sees it: all visible text, one blank line between blocks."""
    from newsevents.clean.html import html_to_text
    from newsevents.read.text import decode_html

    return html_to_text(decode_html(page))


def cleaned(text: str) -> str:
    from newsevents.clean.text import clean_text

    return clean_text(text).text


def run(gold: Path, limit: int | None = None, **options) -> dict:
    pages = []
    for item, page in load_pages(gold, limit):
        try:
            pages.append((item, render(page).encode("utf-8")))
        except ValueError:  # an undecodable page: nothing to clean, scored as empty output
            pages.append((item, b""))
    systems = {
        "keep_as_is": lambda text: text.decode("utf-8"),
        "newsevents": lambda text: cleaned(text.decode("utf-8")),
    }
    return {"pages": len(pages), "snippets": sum(len(i["with"]) + len(i["without"]) for i, _ in pages),
            **score_systems(pages, systems)}
