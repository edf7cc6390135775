"""Readers: files (or stdin) in, Documents out, one DocumentError per unreadable document.

The format is found from the content (`detect_format`), or forced with `input_format`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsevents.model import Document, DocumentError
from newsevents.read.detect import FORMATS, detect_format
from newsevents.read.files import read_bytes_limited
from newsevents.read.jsonl import read_jsonl
from newsevents.read.text import decode_text

READERS = {
    "text": lambda data, name: [Document(id=name, text=decode_text(data))],
    "html": lambda data, name: [Document(id=name, html=decode_text(data))],
    "jsonl": read_jsonl,
}


def read_bytes(data: bytes, name: str, input_format: str = "auto") -> Iterator[Document | DocumentError]:
    """Documents from the content of one file; errors come out as DocumentError, never raised."""
    fmt = detect_format(data, name) if input_format == "auto" else input_format
    if fmt not in READERS:
        yield DocumentError(id=name, error=f"unknown input format {fmt!r} (known: {', '.join(FORMATS)})")
        return
    try:
        yield from READERS[fmt](data, name)
    except (ValueError, UnicodeError, OSError) as exc:
        yield DocumentError(id=name, error=f"cannot read as {fmt}: {exc}")


def read_paths(paths: Iterable[str], input_format: str = "auto") -> Iterator[Document | DocumentError]:
    """Every document in the given files and folders ('-' is standard input), lazily."""
    for path in paths:
        if path == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", input_format)
            continue
        p = Path(path)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                data = read_bytes_limited(f)
            except (OSError, ValueError) as exc:
                yield DocumentError(id=str(f), error=str(exc))
                continue
            yield from read_bytes(data, str(f), input_format)
