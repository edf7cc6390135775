"""JSONL: one document per line, {"id", "text"|"html", "published", "url", "source", "title"}."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsevents.model import Document, DocumentError


def read_jsonl(data: bytes, name: str) -> Iterator[Document | DocumentError]:
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield DocumentError(id=where, error=f"broken JSON line: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(obj, dict) or not (isinstance(obj.get("text"), str) or isinstance(obj.get("html"), str)):
            yield DocumentError(id=str(obj.get("id", where)) if isinstance(obj, dict) else where,
                                error='a JSONL line needs an object with a "text" or "html" string')
            continue
        yield Document(
            id=str(obj.get("id", where)), text=obj.get("text"), html=obj.get("html"),
            published=obj.get("published"), url=obj.get("url"), source=obj.get("source"),
            title=obj.get("title"),
        )
