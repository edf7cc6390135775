"""Guess a file's format from its first bytes (the name only breaks ties)."""

from __future__ import annotations

import re

from newsevents.read.files import GZIP_MAGIC, gunzip_head

FORMATS = ("text", "html", "jsonl", "warc", "rss")

# Magic numbers of common binary files, named in the error message.
BINARY_MAGIC = {
    b"%PDF": "PDF", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive", b"\x7fELF": "executable", b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive", b"7z\xbc\xaf": "7z archive", b"RIFF": "RIFF media", b"\x00\x00\x00": "binary",
}

_JSON_OBJECT = re.compile(rb'\{\s*"')  # a JSONL line, not a text that starts with a brace
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML = re.compile(rb"<!doctype html|<html|<body|<head[ >]|<p[ >]|<div[ >]|<article[ >]|<br ?/?>")
_FEED = re.compile(rb"<rss[ >]|<feed[ >][^>]*xmlns=[\"']http://www\.w3\.org/2005/atom|<rdf:rdf")


def binary_kind(data: bytes) -> str | None:
    """What a binary file is ("PDF", "binary"), or None when the bytes look like text."""
    if data.startswith(_BOMS):
        return None
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if b"\x00" in head:
        return "binary"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return "binary" if head and controls / len(head) > 0.05 else None


def detect_format(data: bytes, name: str = "") -> str:
    """One of FORMATS for the (possibly gzipped) content; plain text when nothing else fits."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip_head(data)
    for bom in _BOMS:
        if data.startswith(bom):
            data = data[len(bom):]
            break
    head = data[:4096].lstrip()
    low = head.lower()
    if head.startswith(b"WARC/"):
        return "warc"
    if _JSON_OBJECT.match(head):
        return "jsonl"
    if low.startswith(b"<?xml") or low.startswith(b"<rss") or low.startswith(b"<feed"):
        if _FEED.search(low):
            return "rss"
    if low.startswith(b"<") and _HTML.search(low):
        return "html"
    if _HTML.search(low[:1024]) and low.count(b"<") > 5:
        return "html"
    lower_name = name.lower().removesuffix(".gz")
    for suffix, fmt in ((".warc", "warc"), (".jsonl", "jsonl"), (".rss", "rss"), (".atom", "rss"),
                        (".html", "html"), (".htm", "html")):
        if lower_name.endswith(suffix) and head.startswith(b"<" if fmt in ("html", "rss") else b""):
            return fmt
    return "text"
