"""HTML files: the raw page goes to Document.html; cleaning (trafilatura) finds text and metadata."""

from __future__ import annotations

from newsevents.model import Document
from newsevents.read.text import decode_html


def read_html(data: bytes, name: str) -> list[Document]:
    return [Document(id=name, html=decode_html(data))]
