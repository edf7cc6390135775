"""Readers: files (or stdin) in, Documents out, one DocumentError per unreadable document.

The format is found from the content (`detect_format`), or forced with `input_format`.
Gzipped files are decompressed with a cap; WARC and JSONL files, the corpus formats, are streamed
(record by record, line by line), so their size is not limited, only a record's or a line's.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsevents.model import Document, DocumentError
from newsevents.read.detect import FORMATS, detect_format
from newsevents.read.files import GZIP_MAGIC, MAX_BYTES, gunzip_limited, read_bytes_limited, read_head
from newsevents.read.html import read_html
from newsevents.read.jsonl import read_jsonl, read_jsonl_stream
from newsevents.read.rss import read_rss
from newsevents.read.text import read_text
from newsevents.read.warc import read_warc, read_warc_stream

READERS: dict[str, Callable[[bytes, str], Iterable[Document | DocumentError]]] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "warc": read_warc,
    "rss": read_rss,
}


def read_bytes(data: bytes, name: str, input_format: str = "auto") -> Iterator[Document | DocumentError]:
    """Documents from the content of one file; errors come out as DocumentError, never raised."""
    if input_format not in READERS and input_format != "auto":
        yield DocumentError(id=name, error=f"unknown input format {input_format!r} (known: {', '.join(FORMATS)})")
        return
    if not data.strip():
        yield DocumentError(id=name, error="empty document")
        return
    fmt = detect_format(data, name) if input_format == "auto" else input_format
    if data.startswith(GZIP_MAGIC) and fmt != "warc":  # warcio reads .warc.gz itself, record by record
        try:
            data = gunzip_limited(data)
        except ValueError as exc:
            yield DocumentError(id=name, error=f"cannot read gzip file: {exc}")
            return
        if not data.strip():
            yield DocumentError(id=name, error="empty document")
            return
    try:
        yield from READERS[fmt](data, name)
    except UnicodeError as exc:
        yield DocumentError(id=name, error=f"cannot read as {fmt}: {exc}")
    except (ValueError, OSError) as exc:  # our readers' one-line reasons ("binary content, not text")
        yield DocumentError(id=name, error=str(exc))


def read_file(path: Path, input_format: str = "auto") -> Iterator[Document | DocumentError]:
    name = str(path)
    try:
        head = read_head(path)
        if not head:
            yield DocumentError(id=name, error="empty file")
            return
        fmt = detect_format(head, name) if input_format == "auto" else input_format
        if fmt == "warc":  # streamed: an archive may be larger than the per-file limit
            with path.open("rb") as stream:
                yield from read_warc_stream(stream, name, MAX_BYTES)
            return
        if fmt == "jsonl":  # streamed too: a corpus dump may be many gigabytes
            opener = gzip.open if head.startswith(GZIP_MAGIC) else open
            with opener(path, "rb") as stream:
                yield from read_jsonl_stream(stream, name, MAX_BYTES)
            return
        data = read_bytes_limited(path)
    except (OSError, ValueError) as exc:
        yield DocumentError(id=name, error=str(exc))
        return
    yield from read_bytes(data, name, fmt)


# In a folder walk, files that are code or tooling rather than documents (a folder of examples may
# hold the script that generated them); a file named explicitly is always read.
SKIPPED_SUFFIXES = {".py", ".pyc", ".sh", ".toml", ".cfg", ".ini", ".lock"}


def _is_document_file(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return (path.is_file() and path.suffix.lower() not in SKIPPED_SUFFIXES
            and not any(part.startswith(".") or part == "__pycache__" for part in parts))


def read_paths(paths: Iterable[str], input_format: str = "auto") -> Iterator[Document | DocumentError]:
    """Every document in the given files and folders ('-' is standard input), lazily."""
    for path in paths:
        if path == "-":
            stdin = sys.stdin.buffer
            head = stdin.peek(1 << 16)[: 1 << 16] if hasattr(stdin, "peek") else b""
            if (detect_format(head, "") if input_format == "auto" else input_format) == "jsonl" and head.strip():
                source = gzip.GzipFile(fileobj=stdin) if head.startswith(GZIP_MAGIC) else stdin
                yield from read_jsonl_stream(source, "<stdin>", MAX_BYTES)  # `zcat dump.jsonl.gz | ...`
                continue
            data = stdin.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                yield DocumentError(id="<stdin>", error=f"input over the {MAX_BYTES:,}-byte limit")
                continue
            yield from read_bytes(data, "<stdin>", input_format)
            continue
        p = Path(path)
        if not p.exists():
            yield DocumentError(id=path, error="no such file or folder")
            continue
        files = sorted(f for f in p.rglob("*") if _is_document_file(f, p)) if p.is_dir() else [p]
        for f in files:
            yield from read_file(f, input_format)
