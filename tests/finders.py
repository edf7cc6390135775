"""What the extractor tests look up in a result: the quotes holding a fragment, the places found."""

from __future__ import annotations


def quotes_with(result, fragment: str) -> list:
    return [q for q in result.quotes if fragment in q.text]


def place_texts(result) -> list[str]:
    return [p.text for p in result.places]


def place_named(result, text: str):
    """The place found as `text`; fails the test, listing what was found, when there is none."""
    found = [p for p in result.places if p.text == text]
    assert found, f"{text!r} not among {place_texts(result)}"
    return found[0]
