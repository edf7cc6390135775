"""JSONL: one document per line, {"id", "text"|"html", "published", "url", "source", "title"}."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsevents.model import Document, DocumentError

_OPTIONAL = ("published", "url", "source", "title")


def read_jsonl(data: bytes, name: str) -> Iterator[Document | DocumentError]:
    """One Document per good line; a broken line gives one DocumentError and reading goes on."""
    text = data.decode("utf-8-sig", errors="replace")
    if not text.strip():
        yield DocumentError(id=name, error="empty document")
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield DocumentError(id=where, error=f"broken JSON line: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(obj, dict):
            yield DocumentError(id=where, error="a JSONL line must be a JSON object")
            continue
        doc_id = str(obj["id"]) if obj.get("id") not in (None, "") else where
        text_value, html_value = obj.get("text"), obj.get("html")
        if not (isinstance(text_value, str) and text_value.strip()) and not (
                isinstance(html_value, str) and html_value.strip()):
            yield DocumentError(id=doc_id, error='a JSONL line needs a non-empty "text" or "html" string')
            continue
        extra = {key: str(obj[key]) if obj.get(key) is not None else None for key in _OPTIONAL}
        yield Document(
            id=doc_id, text=text_value if isinstance(text_value, str) else None,
            html=html_value if isinstance(html_value, str) and not isinstance(text_value, str) else None,
            **extra,
        )
