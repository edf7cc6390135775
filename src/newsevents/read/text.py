"""Plain text: bytes decoded from their BOM, as UTF-8, or else the likeliest legacy encoding."""

from __future__ import annotations

import codecs
import re

from newsevents.model import Document
from newsevents.read.detect import binary_kind

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Western single-byte encodings: charset detectors confuse them on short texts, and cp1252
# (a superset of Latin-1 for printable characters) reads all of them well enough.
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "cp1250", "iso8859_2", "mac_roman", "ascii",
            "cp850", "cp437", "utf_8"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode bytes as text; ValueError for binary content or an empty file."""
    if not data.strip():
        raise ValueError("empty document")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    kind = binary_kind(data)
    if kind:
        raise ValueError("binary content, not text" if kind == "binary" else f"binary content ({kind}), not text")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):  # pages pasted together from UTF-8 and Latin-1 parts
        return data.decode("utf-8", errors=_CP1252_FALLBACK)
    return data.decode(_guess_legacy_encoding(data), errors="replace")


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


_CP1252_FALLBACK = "newsevents-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _mostly_utf8(data: bytes) -> bool:
    """More valid multi-byte UTF-8 characters than invalid bytes."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    return sum(ord(c) > 127 for c in text) - invalid > invalid


def _guess_legacy_encoding(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return "cp1252" if encoding in _WESTERN else encoding


def decode_html(data: bytes, declared: str | None = None) -> str:
    """HTML bytes to text, honouring a charset the page declares in its first bytes."""
    if declared is None:
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii") if match else None
    return decode_text(data, declared)


def read_text(data: bytes, name: str) -> list[Document]:
    return [Document(id=name, text=decode_text(data))]
