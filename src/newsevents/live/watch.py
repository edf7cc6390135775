"""Rounds of `watch`: read the sources, find new (or edited) article links, fetch those pages,
and send them through the same pipeline and store writer as `process`; then the corpus step.

Crash safety: an article's rows are committed before its link is recorded as done, and a
source's ETag / Last-Modified are recorded only after all of its links were handled. A round
killed anywhere is therefore redone from the last commit: pages already stored come back with
the same text, hence the same article id, and are skipped or replaced, never doubled.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsevents import store
from newsevents.live import state
from newsevents.live.fetch import FetchConfig, Fetched, Fetcher
from newsevents.live.sources import Item, Listing, SourceError, canonical_url, expand_sources, parse_source
from newsevents.model import ArticleResult, Document

MAX_PAGES = 200  # new links fetched per source per round; the rest wait for the next round
MAX_ATTEMPTS = 10  # rounds a failing page is tried before it is left alone
MAX_CHILD_SITEMAPS = 50  # sitemaps of one sitemap index read per round
BATCH_SIZE = 8  # pages extracted and committed together: a kill loses at most this many


@dataclass
class SourceReport:
    url: str
    fetched: int = 0  # article pages fetched
    new: int = 0  # articles stored that were not there
    updated: int = 0  # pages whose text changed: the old article replaced
    failed: int = 0  # pages that failed this round
    blocked: int = 0  # pages robots.txt refuses
    error: str | None = None  # the source itself could not be read


@dataclass
class RoundReport:
    number: int
    sources: list[SourceReport] = field(default_factory=list)
    seconds: float = 0.0
    stored: int = 0  # articles written (new and updated)
    removed: int = 0  # old articles of edited pages removed
    requests: int = 0  # HTTP requests sent
    extract_seconds: float = 0.0  # time in the pipeline (spaCy and extractors)
    corpus_error: str | None = None  # the corpus step failed (the round's articles are stored)

    @property
    def failed(self) -> int:
        return sum(s.failed + (s.error is not None) for s in self.sources) + (self.corpus_error is not None)


@dataclass
class _Todo:
    item: Item
    source_url: str
    previous: state.PageState | None


class Watcher:
    """Runs rounds over a fixed list of source arguments (URLs, or files listing them)."""

    def __init__(self, db: str, sources: list[str], config: FetchConfig | None = None, *,
                 pipeline=None, min_confidence: float | None = None, max_pages: int = MAX_PAGES,
                 max_attempts: int = MAX_ATTEMPTS, batch_size: int = BATCH_SIZE,
                 log: Callable[[str], None] | None = None, resolve: bool = True) -> None:
        self.db = db
        self.source_args = list(sources)
        expand_sources(self.source_args)  # a bad argument is a usage error now, not in a round
        self.config = config or FetchConfig()
        self._pipeline = pipeline
        self.min_confidence = min_confidence
        self.max_pages = max_pages
        self.max_attempts = max_attempts
        self.batch_size = batch_size
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.resolve = resolve
        self.rounds = 0
        self.running = False
        self.last: RoundReport | None = None
        self._corpus_pending = False
        self._robots_seen: dict[str, tuple[str, float]] = {}
        self._robots_new: dict[str, str] = {}
        self._robots_lock = threading.Lock()
        self.fetcher = Fetcher(self.config, robots_load=self._robots_seen.get, robots_save=self._remember_robots)

    @property
    def pipeline(self):
        if self._pipeline is None:  # loaded at the first page to extract: a round with nothing new stays quick
            from newsevents.pipeline import Pipeline

            self._pipeline = Pipeline(batch_size=self.batch_size, min_confidence=self.min_confidence)
        return self._pipeline

    def close(self) -> None:
        self.fetcher.close()

    def _remember_robots(self, host: str, text: str) -> None:
        with self._robots_lock:
            self._robots_new[host] = text

    # ---- one round -------------------------------------------------------------------------------

    def run_round(self) -> RoundReport:
        self.rounds += 1
        self.running = True
        report = RoundReport(number=self.rounds)
        started = time.monotonic()
        requests_before = self.fetcher.requests
        try:
            urls = expand_sources(self.source_args)
            report.sources = [SourceReport(url) for url in urls]
            con = store.connect(self.db)
            try:
                self._robots_seen.clear()
                self._robots_seen.update(state.load_robots(con))
                self._round(con, report)
                with self._robots_lock:
                    fresh, self._robots_new = self._robots_new, {}
                state.save_robots(con, fresh)
            finally:
                con.close()
            if self.resolve and (report.stored or report.removed or self._corpus_pending):
                self._corpus_step(report)
        finally:
            self.running = False
            report.seconds = time.monotonic() - started
            report.requests = self.fetcher.requests - requests_before
            self.last = report
        return report

    def _corpus_step(self, report: RoundReport) -> None:
        """Story clusters, corpus actors, merged events over what the round stored (two sources, one
        story). A failure leaves the stored articles in place and is tried again after the next round."""
        from newsevents.scale import resolve_corpus

        try:
            resolve_corpus(self.db, when_stale=True)
            self._corpus_pending = False
        except Exception as exc:  # any failure: one line for the user; the articles are committed
            self._corpus_pending = True
            report.corpus_error = (str(exc).splitlines() or [type(exc).__name__])[0][:300]
            self.log(f"error: corpus step (clusters, actors): {report.corpus_error}; tried again next round")

    def _round(self, con, report: RoundReport) -> None:
        by_url = {s.url: s for s in report.sources}
        validators = state.source_validators(con)
        children = state.child_sitemaps(con)
        with ThreadPoolExecutor(max(self.config.workers, 1), thread_name_prefix="watch-fetch") as pool:
            # 1. the sources, in parallel
            reads = {pool.submit(self._read_source, url, validators, children): url for url in by_url}
            listings: dict[str, list[Item]] = {}
            source_states: list[state.SourceState] = []
            for future in as_completed(reads):
                url = reads[future]
                items, states, error = future.result()
                listings[url] = items
                source_states += states
                if error:
                    by_url[url].error = error
                    self.log(f"error: {url}: {error}")
            # 2. the links worth fetching, hosts taken in turn: a worker waiting for one host's pace
            # would otherwise keep the pages of every other host waiting behind it
            todo, capped = self._choose(con, listings)
            todo = interleave_hosts(todo)
            # 3. the pages, fetched in parallel, extracted and stored in batches as they arrive
            futures: dict[Future, _Todo] = {
                pool.submit(self.fetcher.fetch, t.item.url, *self._validators_of(t), html_only=True): t
                for t in todo}
            batch: list[tuple[_Todo, Fetched]] = []
            for future in as_completed(futures):
                batch.append((futures[future], future.result()))
                if len(batch) >= self.batch_size:
                    self._store(con, batch, by_url, report)
                    batch = []
            if batch:
                self._store(con, batch, by_url, report)
        # 4. only now the sources' validators: a crash before this point reads the sources again
        state.save_sources(con, [s for s in source_states if s.url not in capped and s.parent not in capped])

    def _read_source(self, url: str, validators: dict, children: dict[str, list[str]]
                     ) -> tuple[list[Item], list[state.SourceState], str | None]:
        """(links, states to record, error) of one source, following a sitemap index one level down."""
        items: list[Item] = []
        states: list[state.SourceState] = []
        queue: list[tuple[str, str | None]] = [(url, None)]
        errors: list[str] = []
        while queue:
            current, parent = queue.pop(0)
            etag, modified, digest = validators.get(current, (None, None, None))
            fetched = self.fetcher.fetch(current, etag, modified)
            if fetched.error:
                errors.append(fetched.error if parent is None else f"{current}: {fetched.error}")
                states.append(state.SourceState(current, parent, error=fetched.error))
                continue
            body_digest = None if fetched.not_modified else hashlib.sha1(fetched.body).hexdigest()
            if fetched.not_modified or body_digest == digest:
                # unchanged (a 304, or the same bytes from a server that ignores validators): nothing to parse
                states.append(state.SourceState(current, parent, unchanged=True))
                if parent is None:  # an unchanged sitemap index: its sitemaps may still have changed
                    queue += [(child, url) for child in children.get(url, [])[:MAX_CHILD_SITEMAPS]]
                continue
            try:
                listing: Listing = parse_source(fetched.body, fetched.final_url or current)
            except SourceError as exc:
                errors.append(str(exc) if parent is None else f"{current}: {exc}")
                states.append(state.SourceState(current, parent, error=str(exc)))
                continue
            states.append(state.SourceState(current, parent, listing.kind, listing.title, fetched.etag,
                                            fetched.last_modified, body_digest))
            for item in listing.items:
                item.source = listing.title
            items += listing.items
            if parent is None:  # a sitemap index: its sitemaps, but no index of indexes
                queue += [(canonical_url(child), url) for child in listing.sitemaps[:MAX_CHILD_SITEMAPS]]
        return items, states, "; ".join(errors) or None

    def _choose(self, con, listings: dict[str, list[Item]]) -> tuple[list[_Todo], set[str]]:
        """New links, links whose source says they changed, and links that failed before."""
        first_source: dict[str, tuple[Item, str]] = {}
        for source_url, items in listings.items():
            for item in items:
                first_source.setdefault(item.url, (item, source_url))
        by_url, by_guid = state.known_pages(con, list(first_source),
                                            [i.guid for i, _ in first_source.values() if i.guid])
        todo: list[_Todo] = []
        per_source: dict[str, int] = {}
        capped: set[str] = set()
        chosen: set[str] = set()
        for url, (item, source_url) in first_source.items():
            previous = by_url.get(url) or (by_guid.get(item.guid) if item.guid else None)
            if previous is not None:
                if previous.status != "stored" and previous.attempts >= self.max_attempts:
                    continue
                if previous.status == "stored" and (item.signal is None or item.signal == previous.signal):
                    continue
                if previous.url != url:  # the same entry (GUID) under a new link: keep the first link
                    item.url = previous.url
            if item.url in chosen:
                continue
            if per_source.get(source_url, 0) >= self.max_pages:
                capped.add(source_url)  # the rest next round; this source is read again in full
                continue
            per_source[source_url] = per_source.get(source_url, 0) + 1
            todo.append(_Todo(item, previous.source_url if previous else source_url, previous))
            chosen.add(item.url)
        for previous in state.retry_pages(con, self.max_attempts):  # even when their source has not changed
            if previous.url not in chosen:
                item = Item(url=previous.url, guid=previous.guid, signal=previous.signal)
                todo.append(_Todo(item, previous.source_url or "", previous))
                chosen.add(previous.url)
        return todo, capped

    def _validators_of(self, todo: _Todo) -> tuple[str | None, str | None]:
        previous = todo.previous
        if previous is None or previous.status != "stored":
            return None, None
        return previous.etag, previous.last_modified

    def _store(self, con, batch: list[tuple[_Todo, Fetched]], by_url: dict[str, SourceReport],
               report: RoundReport) -> None:
        """Extract the fetched pages of a batch, commit their articles, then record the links."""
        from newsevents.read.text import decode_html
        from newsevents.scale.sinks import store_batch

        stamp = state.now()
        pages: list[state.PageState] = []
        documents: list[tuple[_Todo, Fetched, Document]] = []
        for todo, fetched in batch:
            source = by_url.get(todo.source_url)
            page = self._page_state(todo, fetched, stamp)
            if fetched.blocked:
                page.status, page.error = "blocked", fetched.error
                if source and todo.previous is None:
                    source.blocked += 1
                    self.log(f"skipped: {todo.item.url}: {fetched.error}")
                pages.append(page)
                continue
            if fetched.error:
                self._failed(page, fetched.error, source)
                pages.append(page)
                continue
            if source:
                source.fetched += 1
            if fetched.not_modified:  # unchanged since stored: only the source's signal is new
                pages.append(page)
                continue
            try:
                html = decode_html(fetched.body)
            except ValueError as exc:
                self._failed(page, str(exc), source)
                pages.append(page)
                continue
            item = todo.item
            documents.append((todo, fetched, Document(
                id=item.url, html=html, url=canonical_url(fetched.final_url or item.url),
                title=item.title, published=item.published,
                source=item.source or urlsplit(item.url).hostname)))
        replaced: list[str] = []
        if documents:
            started = time.monotonic()
            exists = con.cursor()
            in_batch: set[str] = set()

            def known(article_id: str) -> bool:
                """Stored already, or a copy of another page of this batch (one story, two links)."""
                if article_id in in_batch:
                    return True
                in_batch.add(article_id)
                return exists.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

            try:
                results: list[ArticleResult] = list(self.pipeline.run([d for _, _, d in documents], skip=known))
            finally:
                exists.close()
            report.extract_seconds += time.monotonic() - started
            fresh = [r for r in results if not r.skipped]
            if fresh:
                store_batch(con, fresh)  # committed: the articles, their records, their signatures
                written = sum(r.error is None for r in fresh)
                self.log(f"committed {written} articles ({report.stored + written} this round)")
            for (todo, fetched, _), result in zip(documents, results):
                source = by_url.get(todo.source_url)
                page = self._page_state(todo, fetched, stamp)
                if result.error is not None or result.article is None:
                    self._failed(page, result.error or "no article", source)
                    pages.append(page)
                    continue
                page.status, page.error, page.attempts = "stored", None, 0
                page.article_id = result.article.id
                old = todo.previous.article_id if todo.previous else None
                if not result.skipped:
                    report.stored += 1
                    if old and old != page.article_id and source:
                        source.updated += 1
                    elif not old and source:
                        source.new += 1
                if old and old != page.article_id:
                    replaced.append(old)
                pages.append(page)
        report.removed += state.save_pages(con, pages, replaced)

    def _page_state(self, todo: _Todo, fetched: Fetched, stamp) -> state.PageState:
        previous = todo.previous
        return state.PageState(
            url=todo.item.url, source_url=todo.source_url or None, guid=todo.item.guid or (previous and previous.guid),
            article_id=previous.article_id if previous else None, status="stored" if previous else "failed",
            error=None, attempts=previous.attempts if previous else 0,
            signal=todo.item.signal or (previous.signal if previous else None),
            etag=fetched.etag or (previous.etag if previous else None),
            last_modified=fetched.last_modified or (previous.last_modified if previous else None),
            first_seen=previous.first_seen if previous else stamp, fetched_at=stamp)

    def _failed(self, page: state.PageState, reason: str, source: SourceReport | None) -> None:
        # an edited page that could not be read again keeps its stored article until it can
        page.status, page.error, page.attempts = "failed", reason, (page.attempts or 0) + 1
        if source:
            source.failed += 1
        self.log(f"error: {page.url}: {reason}")


def interleave_hosts(todo: list[_Todo]) -> list[_Todo]:
    """The first page of each host, then the second of each, and so on (order kept within a host)."""
    turn: dict[str, int] = {}
    keyed = []
    for position, item in enumerate(todo):
        host = urlsplit(item.item.url).netloc
        keyed.append((turn.get(host, 0), position, item))
        turn[host] = turn.get(host, 0) + 1
    return [item for _, _, item in sorted(keyed, key=lambda k: k[:2])]


def format_report(report: RoundReport) -> list[str]:
    """Lines for the terminal: one per source, then the round's totals and time."""
    lines = []
    width = min(max((len(s.url) for s in report.sources), default=10), 70)
    for s in report.sources:
        line = f"  {s.url[:70].ljust(width)}  fetched {s.fetched:>3}  new {s.new:>3}  failed {s.failed:>3}"
        if s.updated:
            line += f"  updated {s.updated}"
        if s.blocked:
            line += f"  robots.txt refused {s.blocked}"
        if s.error:
            line += f"  source error: {s.error[:120]}"
        lines.append(line)
    fetched = sum(s.fetched for s in report.sources)
    lines.append(f"round {report.number}: {len(report.sources)} sources, {fetched} pages fetched, "
                 f"{report.stored} articles stored, {report.failed} failed, {report.requests} requests, "
                 f"{report.seconds:.1f} s (extraction {report.extract_seconds:.1f} s)")
    return lines


def parse_interval(text: str) -> float:
    """'15m', '30s', '1h', '90' (seconds) -> seconds."""
    value = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    scale = units.get(value[-1:], None)
    number = value[:-1] if scale else value
    try:
        seconds = float(number) * (scale or 1)
    except ValueError:
        raise ValueError(f"--every must be a duration such as 30s, 15m or 1h (got {text!r})") from None
    if seconds <= 0:
        raise ValueError(f"--every must be more than zero (got {text!r})")
    return seconds


def watch_loop(watcher: Watcher, every: float, once: bool = False, stop: threading.Event | None = None,
               on_round: Callable[[RoundReport], None] | None = None, quiet_idle: bool = False
               ) -> RoundReport | None:
    """Rounds every `every` seconds (from one start to the next) until `stop` is set; one with `once`.
    `quiet_idle` prints nothing for a round that stored nothing and saw no failure (a server's log)."""
    stop = stop or threading.Event()
    last = None
    while not stop.is_set():
        started = time.monotonic()
        try:
            last = watcher.run_round()
        except Exception as exc:  # a long-running watch logs the round's failure; the next may do better
            if once:
                raise
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            watcher.log(f"error: round {watcher.rounds} stopped: {reason}")
        else:
            if not (quiet_idle and last.stored == 0 and last.failed == 0):
                for line in format_report(last):
                    watcher.log(line)
            if on_round:
                on_round(last)
        if once:
            break
        stop.wait(max(0.0, every - (time.monotonic() - started)))
    return last
