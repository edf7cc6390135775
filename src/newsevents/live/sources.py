"""What `watch` reads: source URLs (given, or listed in files), and the article links inside a
feed (RSS, Atom) or a sitemap (plain, news sitemap, or a sitemap index)."""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only say where a reader clicked from: the same article under two links.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "at_medium", "at_campaign")
MAX_ITEMS = 5_000  # links read from one feed or sitemap (a big sitemap is read in its first ones)


class SourceError(ValueError):
    """A source that cannot be read as a feed or sitemap, in one line."""


@dataclass
class Item:
    """One article link found in a source."""

    url: str  # canonical form (see canonical_url)
    guid: str | None = None  # the feed's id for the entry, when it has one
    signal: str | None = None  # the entry's updated date or the sitemap's lastmod: a change means an edit
    title: str | None = None
    published: str | None = None  # ISO date
    source: str | None = None  # the feed's title or the news sitemap's publication name


@dataclass
class Listing:
    """What one fetched source holds: article links, or further sitemaps (a sitemap index)."""

    kind: str  # feed | sitemap | sitemap-index
    title: str | None = None
    items: list[Item] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def expand_sources(arguments: list[str]) -> list[str]:
    """Source URLs from the command line: URLs as given, and files listing one URL a line
    (`#` starts a comment). Files are read again each round, so a source can be added live."""
    urls: list[str] = []
    for argument in arguments:
        if is_url(argument):
            urls.append(argument.strip())
            continue
        path = Path(argument)
        if not path.is_file():
            raise ValueError(f"{argument}: neither an http(s) URL nor a file listing sources")
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            entry = line.strip()
            if not entry or entry.startswith("#"):
                continue
            entry = entry.split()[0]  # a URL has no spaces: what follows is a comment
            if not is_url(entry):
                raise ValueError(f"{argument}:{number}: not an http(s) URL: {entry[:120]}")
            urls.append(entry)
    return list(dict.fromkeys(urls))  # each source once, in the order given


def canonical_url(url: str) -> str:
    """One spelling per article link: lower-case scheme and host, no default port, no fragment,
    no tracking parameters (utm_*, fbclid, ...), a path of at least '/'."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)) else None
    netloc = f"{host}:{port}" if port else host
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PARAMS)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def parse_source(body: bytes, url: str) -> Listing:
    """A feed or a sitemap from its bytes; SourceError when it is neither."""
    head = body[:2048].lstrip()
    if b"<urlset" in head or b"<sitemapindex" in head or b":urlset" in head or b":sitemapindex" in head:
        return _parse_sitemap(body, url)
    return _parse_feed(body, url)


def _parse_feed(body: bytes, url: str) -> Listing:
    """RSS 2.0 and Atom read directly with lxml (fast: `watch` reads every feed each round); anything
    else, and feeds that are not well-formed XML, with feedparser's forgiving parser."""
    listing = _parse_feed_fast(body, url)
    if listing is not None:
        return listing
    import feedparser

    with warnings.catch_warnings():  # feedparser warns about its `updated` -> `published` fallback, which we want
        warnings.simplefilter("ignore", DeprecationWarning)
        return _read_feed(feedparser.parse(body), url)  # bytes only: feedparser fetches nothing here


def _read_feed(feed, url: str) -> Listing:
    linked = [e for e in feed.entries if e.get("link")]
    if not linked and (_broken(feed) or not feed.get("version")):
        reason = f": {_one_line(feed.bozo_exception)}" if feed.get("bozo") else ""
        raise SourceError(f"malformed feed, or not a feed or sitemap{reason}")
    listing = Listing(kind="feed", title=feed.feed.get("title") or None)
    for entry in feed.entries[:MAX_ITEMS]:
        link = entry.get("link")
        if not link:
            continue
        link = urljoin(url, link)
        if not is_url(link):
            continue
        listing.items.append(Item(
            url=canonical_url(link), guid=entry.get("id") or None,
            signal=entry.get("updated") or entry.get("published") or None,
            title=entry.get("title") or None, published=_feed_date(entry)))
    return listing


def _parse_feed_fast(body: bytes, url: str) -> Listing | None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    kind = _local(root)
    if kind == "rss":
        channel = next((c for c in root if _local(c) == "channel"), None)
        if channel is None:
            return None
        listing = Listing(kind="feed", title=_text(channel, "title"))
        entries = [c for c in channel if _local(c) == "item"]
    elif kind == "feed":
        listing = Listing(kind="feed", title=_text(root, "title"))
        entries = [c for c in root if _local(c) == "entry"]
    else:  # RSS 1.0 (RDF) and the rest: feedparser
        return None
    for entry in entries[:MAX_ITEMS]:
        if kind == "rss":
            link = _text(entry, "link")
            guid = _text(entry, "guid")
            published = _text(entry, "pubDate") or _text(entry, "date")
            signal = _text(entry, "updated") or published
        else:
            links = [c for c in entry if _local(c) == "link" and c.get("rel", "alternate") == "alternate"]
            link = links[0].get("href") if links else None
            guid = _text(entry, "id")
            published = _text(entry, "published") or _text(entry, "updated")
            signal = _text(entry, "updated") or published
        if not link or not is_url(urljoin(url, link.strip())):
            continue
        listing.items.append(Item(url=canonical_url(urljoin(url, link.strip())), guid=guid or None, signal=signal,
                                  title=_text(entry, "title"), published=_iso_day(published)))
    return listing


def _iso_day(value: str | None) -> str | None:
    """The day of an RFC 822 date (RSS) or an ISO 8601 one (Atom)."""
    if not value:
        return None
    if value[:4].isdigit():
        return value[:10]
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _broken(feed) -> bool:
    """Not well-formed XML (feedparser's loose parser may still recover some entries from it);
    a declared encoding that was overridden is harmless."""
    from xml.sax import SAXException

    return bool(feed.get("bozo")) and isinstance(feed.get("bozo_exception"), SAXException)


def _feed_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def _parse_sitemap(body: bytes, url: str) -> Listing:
    from lxml import etree

    # No entities, no network, no huge trees: a sitemap is untrusted input.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"malformed sitemap: {_one_line(exc)}") from None
    if etree.QName(root).localname == "sitemapindex":
        locs = [_text(child, "loc") for child in root if _local(child) == "sitemap"]
        return Listing(kind="sitemap-index", sitemaps=[urljoin(url, loc) for loc in locs if loc][:MAX_ITEMS])
    listing = Listing(kind="sitemap")
    for child in root:
        if _local(child) != "url":
            continue
        loc = _text(child, "loc")
        if not loc or not is_url(urljoin(url, loc)):
            continue
        news = next((c for c in child if _local(c) == "news"), None)
        published = _text(news, "publication_date") if news is not None else None
        title = _text(news, "title") if news is not None else None
        if news is not None and listing.title is None:
            publication = next((c for c in news if _local(c) == "publication"), None)
            listing.title = _text(publication, "name") if publication is not None else None
        lastmod = _text(child, "lastmod")
        listing.items.append(Item(url=canonical_url(urljoin(url, loc)), signal=lastmod or published,
                                  title=title, published=(published or lastmod or "")[:10] or None))
        if len(listing.items) >= MAX_ITEMS:
            break
    return listing


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element, name: str) -> str | None:
    for child in element:
        if _local(child) == name:
            return (child.text or "").strip() or None
    return None


def _one_line(exc: object) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]
