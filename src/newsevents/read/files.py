"""Reading a file's bytes with a size limit, so one huge file cannot eat the machine."""

from __future__ import annotations

import os
from pathlib import Path

MAX_BYTES = int(os.environ.get("NEWSEVENTS_MAX_BYTES", 50_000_000))


def read_bytes_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise ValueError(f"file is {size:,} bytes, over the {limit:,}-byte limit (NEWSEVENTS_MAX_BYTES)")
    return path.read_bytes()
