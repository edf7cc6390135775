"""Fuzz targets shared by tests/test_fuzz.py (a bounded run in CI) and bench/fuzz.py (a long run).

Each target takes generated input and must neither raise nor hang; a document that cannot be
read must come out as a DocumentError with a one-line message.
"""

from __future__ import annotations

import gzip
import io

from hypothesis import strategies as st

from newsevents.model import Document, DocumentError
from newsevents.read import read_bytes

# Words that steer generated text into the extractors' code paths (quotes, numbers, dates, names).
NEWSY = ['"', "“", "”", "'", "said", "told", "according to", "he", "she", "President", "Putin",
         "Russia", "Syria's", "Latakia", "killed", "troops", "between", "and", "3,000", "some", "800",
         "March", "15", "2011", "last", "Friday", "Su-34", "did", "not", "attack", "withdrew", "from",
         "the", "White", "House", ".", ",", "\n\n", "—", "(", ")", "about", "dozens", "1.5", "million"]

newsy_text = st.lists(st.one_of(st.sampled_from(NEWSY), st.text(max_size=12)), max_size=120).map(" ".join)
any_text = st.one_of(newsy_text, st.text(max_size=2000))


def _warc(payload: bytes) -> bytes:
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + payload
    record = writer.create_warc_record("http://example.com/a", "response", payload=io.BytesIO(http))
    writer.write_record(record)
    return out.getvalue()


def _rss(title: str, body: str) -> bytes:
    esc = body.replace("&", "&amp;").replace("<", "&lt;")
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>{title}</title>'
            f"<description>{esc}</description></item></channel></rss>").encode("utf-8", "surrogatepass")


# (format, strategy of file bytes) pairs: the raw bytes each reader may meet.
FILE_INPUTS = {
    "auto": st.binary(max_size=4000),
    "text": st.one_of(st.binary(max_size=4000),
                      any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      any_text.map(lambda t: t.encode("utf-16", "surrogatepass"))),
    "html": st.one_of(st.binary(max_size=3000),
                      any_text.map(lambda t: f"<html><body><p>{t}</p><div><p>{t}".encode("utf-8", "surrogatepass"))),
    "jsonl": st.lists(st.one_of(st.binary(max_size=200), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
                      max_size=6).map(b"\n".join),
    "warc": st.one_of(st.binary(max_size=2000),
                      newsy_text.map(lambda t: _warc(f"<html><body><p>{t}</p></body></html>".encode())),
                      newsy_text.map(lambda t: _warc(t.encode())[: max(10, len(t))])),  # truncated
    "rss": st.one_of(st.binary(max_size=2000), st.tuples(newsy_text, newsy_text).map(lambda p: _rss(*p))),
    "gzip": st.binary(max_size=2000).map(gzip.compress),
}


def read_target(fmt: str, data: bytes) -> list[Document | DocumentError]:
    out = list(read_bytes(data, "fuzz", "auto" if fmt == "gzip" else fmt))
    for item in out:
        assert isinstance(item, Document | DocumentError)
        if isinstance(item, DocumentError):
            assert item.error and "\n" not in item.error and "Traceback" not in item.error
    return out


def extract_target(pipeline, text: str) -> None:
    result = pipeline.extract(Document(id="fuzz", text=text, published="2016-03-15"))
    if result.error is not None:
        # Only a clear refusal of the input is fine; a bug inside an extractor is not.
        assert not result.error.startswith("extraction failed"), result.error
        assert "\n" not in result.error
        return
    n = len(result.article.text)
    for name in ("entities", "quotes", "quantities", "dates", "places", "events"):
        for record in getattr(result, name):
            assert 0 <= record.start <= record.end <= n, (name, record)
