"""`evaluate textclean`: cleaning scraped plain text, scored by trafilatura's eval snippets.

The pages of the extraction set are rendered to plain text the way a scraper does (the
`html-text` package with layout guessing: navigation, share bars and footers stay in). Then
the same must-contain / must-not-contain snippets score the rendered text kept as it is
("keep as is") and the body that `newsevents.clean.text.clean_text` finds in it.

Splits: the heuristics are tuned on one half of the pages and reported on the other. A page's
half is fixed by a stable hash of its id (its URL key in evaldata.json), so the halves never
change with the order of the file or the Python version: `--split tune|held|all`.

Invisible characters (soft hyphens, zero-width spaces) are left out of the snippets and of every
system's output before they are compared: a reader does not see them, the gold snippets keep the
page's soft hyphens ("Kern\u00adwerk\u00adzeuge"), and a cleaner that removes them (as ours does, for
the extractors) must not lose the snippet for it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from newsevents.evaluate.extraction import DEFAULT_GOLD, read_page, score_systems

__all__ = ["DEFAULT_GOLD", "SPLITS", "page_split", "render", "run", "split_pages"]

SPLITS = ("tune", "held", "all")


def page_split(page_id: str) -> str:
    """'tune' or 'held': the first byte of the SHA-1 of the page id, even or odd."""
    return "tune" if hashlib.sha1(page_id.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def split_pages(gold: Path, split: str = "all", limit: int | None = None) -> Iterator[tuple[dict, bytes]]:
    """(gold item, page bytes) of the pages of one split, in file order (`limit`: the first N pages of the file)."""
    folder = gold.parent if gold.is_file() else gold
    items = json.loads((gold if gold.is_file() else gold / "evaldata.json").read_text(encoding="utf-8"))
    for number, (page_id, item) in enumerate(items.items()):
        if limit is not None and number >= limit:
            break
        if split == "all" or page_split(page_id) == split:
            yield item, read_page(folder, item["file"])


def render(page: bytes) -> str:
    """A page as a scraper sees it: all visible text, one blank line between blocks."""
    from newsevents.clean.html import html_to_text
    from newsevents.read.text import decode_html

    return html_to_text(decode_html(page))


def cleaned(text: str) -> str:
    from newsevents.clean.text import clean_text

    return clean_text(text).text


def visible(text: str) -> str:
    """The text without invisible characters (soft hyphens, zero-width spaces): what a reader sees."""
    from newsevents.clean.furniture import INVISIBLE

    return INVISIBLE.sub("", text)


def visible_snippets(item: dict) -> dict:
    """A gold item whose snippets are compared as a reader sees them (`visible`)."""
    return {**item, "with": [visible(s) for s in item.get("with", [])],
            "without": [visible(s) for s in item.get("without", [])]}


def run(gold: Path, limit: int | None = None, split: str = "all", **options) -> dict:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; known: {', '.join(SPLITS)}")
    pages = []
    for item, page in split_pages(gold, split, limit):
        try:
            pages.append((visible_snippets(item), render(page).encode("utf-8")))
        except ValueError:  # an undecodable page: nothing to clean, scored as empty output
            pages.append((visible_snippets(item), b""))
    systems = {
        "keep_as_is": lambda text: visible(text.decode("utf-8")),
        "newsevents": lambda text: visible(cleaned(text.decode("utf-8"))),
    }
    return {"split": split, "pages": len(pages),
            "snippets": sum(len(i["with"]) + len(i["without"]) for i, _ in pages),
            **score_systems(pages, systems)}
