"""Plain text: bytes decoded as UTF-8, else the likeliest legacy encoding."""

from __future__ import annotations


def decode_text(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ValueError("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
