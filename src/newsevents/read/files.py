"""Reading bytes with size limits, so one huge (or gzip-bomb) file cannot eat the machine."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

MAX_BYTES = int(os.environ.get("NEWSEVENTS_MAX_BYTES", 50_000_000))
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16


def read_bytes_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    size = path.stat().st_size
    if size == 0:
        raise ValueError("empty file")
    if size > limit:
        raise ValueError(f"file is {size:,} bytes, over the {limit:,}-byte limit (NEWSEVENTS_MAX_BYTES)")
    return path.read_bytes()


def read_head(path: Path, size: int = _CHUNK) -> bytes:
    with path.open("rb") as f:
        return f.read(size)


def gunzip_limited(data: bytes, limit: int = MAX_BYTES) -> bytes:
    """Decompress gzip data, stopping with ValueError past `limit` bytes (gzip bombs).

    Concatenated gzip members (as in .warc.gz) are followed; a truncated stream gives ValueError.
    """
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        pending = rest
        while pending:
            try:
                out += inflater.decompress(pending, limit + 1 - len(out))
            except zlib.error as exc:
                raise ValueError(f"broken gzip data ({exc})") from None
            if len(out) > limit:
                raise ValueError(f"decompresses to over {limit:,} bytes (NEWSEVENTS_MAX_BYTES)")
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
        if not inflater.eof:
            raise ValueError("truncated gzip data")
        rest = inflater.unused_data.lstrip(b"\x00")
    return bytes(out)


def gunzip_head(data: bytes, size: int = _CHUNK) -> bytes:
    """The first `size` decompressed bytes of gzip data (for format detection), or b'' if broken."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data[: 1 << 20], size)
    except zlib.error:
        return b""
