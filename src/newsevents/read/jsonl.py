"""JSONL: one document per line, {"id", "text"|"html", "published", "url", "source", "title"}.

A JSONL dump is how a corpus usually arrives (a million articles is several gigabytes), so files
are read line by line from the open (possibly gzipped) stream: memory holds one line at a time,
and the size limit applies to each line, not to the file.
"""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from newsevents.model import Document, DocumentError
from newsevents.read.files import MAX_BYTES

_OPTIONAL = ("published", "url", "source", "title")
_BOM = b"\xef\xbb\xbf"


def read_jsonl(data: bytes, name: str) -> Iterator[Document | DocumentError]:
    """One Document per good line of `data`; a broken line gives one DocumentError and reading goes on."""
    yield from read_jsonl_stream(io.BytesIO(data), name)


def read_jsonl_stream(stream: BinaryIO, name: str, limit: int = MAX_BYTES) -> Iterator[Document | DocumentError]:
    """Documents from a JSONL byte stream, one line at a time; a line over `limit` bytes is refused
    alone. A stream that breaks (truncated gzip) ends with one DocumentError."""
    number, documents = 0, 0
    try:
        for number, line in _lines(stream, limit):
            if line is None:
                yield DocumentError(id=f"{name}:{number}", error=f"line over the {limit:,}-byte limit "
                                                                  "(NEWSEVENTS_MAX_BYTES)")
                continue
            if number == 1:
                line = line.removeprefix(_BOM)
            if not line.strip():
                continue
            documents += 1
            yield _document(line.decode("utf-8", errors="replace"), f"{name}:{number}")
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        yield DocumentError(id=f"{name}:{number + 1}", error=f"cannot read past line {number}: {exc}"[:300])
        return
    if documents == 0:
        yield DocumentError(id=name, error="empty document")


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; the line is None when it is longer than `limit` (its bytes are
    skipped without being kept)."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def _document(line: str, where: str) -> Document | DocumentError:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return DocumentError(id=where, error=f"broken JSON line: {exc.msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return DocumentError(id=where, error="a JSONL line must be a JSON object")
    doc_id = str(obj["id"]) if obj.get("id") not in (None, "") else where
    text_value, html_value = obj.get("text"), obj.get("html")
    if not (isinstance(text_value, str) and text_value.strip()) and not (
            isinstance(html_value, str) and html_value.strip()):
        return DocumentError(id=doc_id, error='a JSONL line needs a non-empty "text" or "html" string')
    extra = {key: str(obj[key]) if obj.get(key) is not None else None for key in _OPTIONAL}
    return Document(
        id=doc_id, text=text_value if isinstance(text_value, str) else None,
        html=html_value if isinstance(html_value, str) and not isinstance(text_value, str) else None,
        **extra,
    )
