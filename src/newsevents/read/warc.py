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


def _stream_size(stream: BinaryIO) -> int | None:
    try:
        position = stream.tell()
        size = stream.seek(0, 2)
        stream.seek(position)
        return size
    except (OSError, AttributeError):
        return None


def read_warc_stream(stream: BinaryIO, name: str, limit: int = MAX_BYTES) -> Iterator[Document | DocumentError]:
    from warcio.archiveiterator import ArchiveIterator

    count, end = 0, 0
    size = _stream_size(stream)
    try:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            yield from _record_document(record, name, count, limit)
            count += 1
            iterator.read_to_end(record)
            end = iterator.get_record_offset() + iterator.get_record_length()
    except Exception as exc:  # warcio and zlib raise many types on broken archives
        yield DocumentError(id=f"{name}#{count}", error=f"broken WARC record: {type(exc).__name__}: {exc}"[:300])
        return
    # warcio stops quietly at a record cut short: bytes left over mean a truncated archive.
    if size is not None and end < size - 4:
        yield DocumentError(id=f"{name}#{count}", error=f"truncated or broken WARC data after record {count}")
    elif count == 0:
        yield DocumentError(id=name, error="no records in the WARC file")


def _record_document(record, name: str, number: int, limit: int) -> Iterator[Document | DocumentError]:
    """The record's page as a Document; nothing for records that are not HTML or text responses."""
    if record.rec_type is None:
        yield DocumentError(id=f"{name}#{number}", error="broken WARC record header")
        return
    if record.rec_type not in ("response", "resource"):
        return
    uri = record.rec_headers.get_header("WARC-Target-URI")
    doc_id = uri or record.rec_headers.get_header("WARC-Record-ID") or f"{name}#{number}"
    content_type = _content_type(record)
    if record.http_headers is not None and record.http_headers.get_statuscode() not in ("200", None):
        return
    is_html = "html" in content_type.lower()
    if not is_html and "text/plain" not in content_type.lower():
        return
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        yield DocumentError(id=doc_id, error=f"WARC record over the {limit:,}-byte limit")
        return
    if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than its Content-Length declares
        yield DocumentError(id=doc_id, error="truncated WARC record")
        return
    try:
        if is_html:
            yield Document(id=doc_id, html=decode_html(payload, _charset(content_type)), url=uri)
        else:
            yield Document(id=doc_id, text=decode_text(payload, _charset(content_type)), url=uri)
    except ValueError as exc:
        yield DocumentError(id=doc_id, error=str(exc))


def read_warc(data: bytes, name: str) -> Iterator[Document | DocumentError]:
    import io

    yield from read_warc_stream(io.BytesIO(data), name)
