"""WARC and WARC.gz (warcio): one Document per HTTP response (or resource) record with HTML or text.

Records are read one at a time from the open stream, so an archive is never loaded whole; each
record's payload is capped. A broken or truncated record ends the archive with one DocumentError.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from newsevents.model import Document, DocumentError
from newsevents.read.files import MAX_BYTES
from newsevents.read.text import decode_html, decode_text

_CHARSET = "charset="


def _content_type(record) -> str:
    if record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _charset(content_type: str) -> str | None:
    low = content_type.lower()
    if _CHARSET not in low:
        return None
    return low.split(_CHARSET, 1)[1].split(";")[0].strip(" \"'") or None


def read_warc_stream(stream: BinaryIO, name: str, limit: int = MAX_BYTES) -> Iterator[Document | DocumentError]:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            doc_id = uri or record.rec_headers.get_header("WARC-Record-ID") or f"{name}#{count}"
            content_type = _content_type(record)
            if record.http_headers is not None and record.http_headers.get_statuscode() not in ("200", None):
                continue
            is_html = "html" in content_type.lower()
            if not is_html and "text/plain" not in content_type.lower():
                continue
            count += 1
            payload = record.content_stream().read(limit + 1)
            if len(payload) > limit:
                yield DocumentError(id=doc_id, error=f"WARC record over the {limit:,}-byte limit")
                continue
            try:
                if is_html:
                    yield Document(id=doc_id, html=decode_html(payload, _charset(content_type)), url=uri)
                else:
                    yield Document(id=doc_id, text=decode_text(payload, _charset(content_type)), url=uri)
            except ValueError as exc:
                yield DocumentError(id=doc_id, error=str(exc))
    except Exception as exc:  # warcio and zlib raise many types on broken archives
        yield DocumentError(id=f"{name}#{count}", error=f"broken WARC record: {type(exc).__name__}: {exc}"[:300])
        return
    if count == 0:
        yield DocumentError(id=name, error="no HTML or text response records in the WARC file")


def read_warc(data: bytes, name: str) -> Iterator[Document | DocumentError]:
    import io

    yield from read_warc_stream(io.BytesIO(data), name)
