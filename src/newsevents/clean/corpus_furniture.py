"""Site furniture of one run: learned in a first pass over the whole input, before extraction.

`clean.furniture` tells furniture from story by comparing the pages of one source. On the corpus
path the pages are cut into batches and spread over workers, and a worker sees only its chunks:
learning there would make the cleaned text (and so the article id, a hash of it) depend on the
batch size and the number of workers. So the parent reads the input once before extraction,
learns each source's furniture from the plain-text documents it holds, and hands the result to
every Pipeline as `options["site_furniture"]` ({source key: sorted lines}, JSON for the workers).

Trade-off: the same page processed alone, or with its site's other pages, can get a different
text and id, since furniture lines are dropped only when the run holds enough pages of the site.
`newsevents process --no-site-furniture` turns the learning off.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from newsevents.clean.furniture import MIN_DOCUMENTS, MIN_SHARE, page_keys, source_key
from newsevents.model import Document, DocumentError

OPTION = "site_furniture"
# Pages learned from per source: menus and footers show on every page, so the first 200 tell them
# as well as 20,000 would, and time and memory stay bounded on a large dump of one site.
PAGES_PER_SOURCE = 200


def cleans_plain_text(document: Document | DocumentError) -> bool:
    """True for a document that goes through `clean_text` (plain text, not raw, no HTML)."""
    return (isinstance(document, Document) and document.html is None and not document.raw
            and bool(document.text))


def learn_site_furniture(documents: Iterable[Document | DocumentError],
                         pages_per_source: int = PAGES_PER_SOURCE) -> dict[str, list[str]]:
    """{source key: sorted furniture keys} from the first `pages_per_source` plain-text documents of
    each source, in input order; the same lines `furniture.source_furniture` finds on those pages.

    Counts line keys as it goes instead of keeping the pages: memory is the distinct lines of at
    most `pages_per_source` pages per source.
    """
    counts: dict[str, Counter[str]] = {}
    pages: Counter[str] = Counter()
    for document in documents:
        if not cleans_plain_text(document):
            continue
        key = source_key(document.source, document.url)
        if key is None or pages[key] >= pages_per_source:
            continue
        pages[key] += 1
        counts.setdefault(key, Counter()).update(page_keys(document.text))
    found: dict[str, list[str]] = {}
    for key, lines in counts.items():
        needed = max(MIN_DOCUMENTS, MIN_SHARE * pages[key])  # the rule of furniture.learn_furniture
        furniture = sorted(line for line, count in lines.items() if count >= needed)
        if furniture:
            found[key] = furniture
    return found


def with_site_furniture(options: dict[str, Any] | None, paths: list[str],
                        input_format: str = "auto") -> dict[str, Any]:
    """`options` plus the site furniture learned from the documents under `paths`.

    Furniture a caller already put in `options` is kept as given. Standard input ('-') cannot be
    read twice, so it is left out of the learning (its pages are cleaned with what the files teach).
    """
    options = dict(options or {})
    if OPTION not in options:
        from newsevents.read import read_paths

        options[OPTION] = learn_site_furniture(read_paths([p for p in paths if p != "-"], input_format))
    return options
