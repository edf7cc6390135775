"""Site furniture: lines that repeat across the pages of one source, or within one page.

A site prints the same menus, share bars, newsletter prompts, footers and "more from" labels on
every page, while its stories differ. When several documents of one source are cleaned together
(the corpus path), a line found in many of them is furniture, whatever its wording or language:
no pattern list needs to know it. Within one page, a line printed three times or more ("Reply"
under each comment, a gallery's label under each photo) is furniture too.

The one-article path needs none of this: `clean_text(raw)` works alone, and takes the furniture
of the article's source when a caller has it: `clean_text(raw, furniture=...)`.

    by_source = source_furniture(documents)             # one pass over a batch
    for document in documents:
        cleaned = clean_text(document.text, furniture=by_source.get(source_key(document), frozenset()))
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

MIN_DOCUMENTS = 3  # a line in fewer documents of a source may be a story repeated, not furniture
MIN_SHARE = 0.5  # a line in at least this share of a source's documents is furniture
REPEATS_IN_PAGE = 3  # a line printed this often in one page is furniture (twice is a caption)

_BULLET = re.compile(r"^[\s•·▪►▶*|>»◦‣-]+(?=\S)")
# Invisible characters a page prints inside words: soft hyphens (hyphenation hints, "Mit\u00adtel\u00adal\u00adter"),
# zero-width spaces, word joiners, byte-order marks. They split words for search and for the extractors,
# and no reader sees them. (Zero-width joiners, which shape scripts and emoji, stay.)
INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def furniture_key(line: str) -> str:
    """A line as compared across pages: bullets, invisible characters, case and white space folded."""
    return " ".join(_BULLET.sub("", INVISIBLE.sub("", line.replace("\u00a0", " "))).split()).lower()


def page_keys(text: str) -> set[str]:
    """The distinct non-blank lines of a page, as furniture keys."""
    return {key for key in map(furniture_key, text.splitlines()) if key}


def repeated_in_page(keys: Iterable[str]) -> frozenset[str]:
    """Lines (as keys) printed REPEATS_IN_PAGE times or more in one page."""
    counts = Counter(key for key in keys if key)
    return frozenset(key for key, count in counts.items() if count >= REPEATS_IN_PAGE)


def learn_furniture(texts: Iterable[str], min_documents: int = MIN_DOCUMENTS,
                    min_share: float = MIN_SHARE) -> frozenset[str]:
    """Lines (as keys) found in at least `min_documents` and `min_share` of the texts of ONE source.

    Fewer than `min_documents` texts teach nothing: two pages of a site share their story
    when one is an update of the other.
    """
    counts: Counter[str] = Counter()
    documents = 0
    for text in texts:
        documents += 1
        counts.update(page_keys(text))
    needed = max(min_documents, min_share * documents)
    return frozenset(key for key, count in counts.items() if count >= needed)


def source_key(source: str | None = None, url: str | None = None) -> str | None:
    """What groups documents into one site: the source name, or the host of the URL."""
    if source:
        return source.strip().lower()
    if url:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
        return host.removeprefix("www.") or None
    return None


def source_furniture(documents: Iterable, min_documents: int = MIN_DOCUMENTS,
                     min_share: float = MIN_SHARE) -> dict[str, frozenset[str]]:
    """Furniture per source of a batch of documents (anything with .text, .source and .url).

    Documents without text or without a known source are skipped; the result maps a
    `source_key` to the lines to pass to `clean_text(..., furniture=...)`.
    """
    texts: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        key = source_key(getattr(document, "source", None), getattr(document, "url", None))
        text = getattr(document, "text", None)
        if key and text:
            texts[key].append(text)
    found = {key: learn_furniture(group, min_documents, min_share) for key, group in texts.items()}
    return {key: lines for key, lines in found.items() if lines}
