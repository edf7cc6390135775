"""Reading the project's data tables (`data/*.tsv`): one format and one reader for all of them.

A table is tab-separated UTF-8 text; blank lines and lines starting with '#' are comments (each
table explains itself in its header comment); the first other line names the columns.
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _lines(path: str | Path) -> list[str]:
    path = Path(path)
    if not path.is_absolute() and not path.exists():
        path = DATA / path
    with open(path, encoding="utf-8") as handle:
        return [line for line in handle if line.strip() and not line.startswith("#")]


def read_rows(path: str | Path, header: bool = True) -> list[list[str]]:
    """The rows of a table as lists of stripped cells, without the header row if `header`."""
    rows = [[cell.strip() for cell in line.rstrip("\n").split("\t")] for line in _lines(path)]
    return rows[1:] if header else rows


def read_records(path: str | Path) -> list[dict[str, str]]:
    """The rows of a table as dicts keyed by the header, values stripped."""
    reader = csv.DictReader(_lines(path), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]
