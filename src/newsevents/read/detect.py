"""Guess a file's format from its first bytes (and, weakly, its name)."""

from __future__ import annotations

FORMATS = ("text", "html", "jsonl", "warc", "rss")


def detect_format(data: bytes, name: str = "") -> str:
    head = data[:4096].lstrip().lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
        return "html"
    return "text"
