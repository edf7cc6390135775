"""The polite HTTP client of `watch`: robots.txt, a pace and a limit per host, conditional GET,
timeouts, retries with backoff, a size cap, and redirects followed one hop at a time.

Only what the caller asks for is fetched (a feed, a sitemap, an article page, a host's
robots.txt): never the images, scripts or styles a page refers to.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsevents")
    except PackageNotFoundError:
        return "dev"


DEFAULT_USER_AGENT = f"newsevents/{_version()} (news event extraction; set yours with --user-agent)"
RETRIED_STATUS = {429, 500, 502, 503, 504}  # the server asks us to come back later
REDIRECT_STATUS = {301, 302, 303, 307, 308}
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class FetchConfig:
    """How politely and how patiently to fetch (the defaults suit public news sites)."""

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0  # seconds between the starts of two requests to one host
    per_host: int = 1  # requests in flight to one host
    workers: int = 8  # requests in flight in all
    timeout: float = 20.0  # seconds for one response, first byte to last
    max_bytes: int = 5_000_000  # of one page or feed, after gzip decoding
    retries: int = 2  # further tries after a 429 / 5xx / dropped connection
    backoff: float = 2.0  # seconds before the first retry; doubled each time
    max_retry_wait: float = 60.0  # a longer Retry-After is left to the next round
    max_redirects: int = 5
    robots_ttl: float = 24 * 3600.0  # seconds a host's robots.txt is trusted (RFC 9309 allows a day)


@dataclass
class Fetched:
    """The outcome of one fetch: a body, `not_modified`, or an `error` in one line."""

    url: str
    final_url: str = ""
    status: int = 0
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    error: str | None = None
    blocked: bool = False  # robots.txt disallows it


class FetchError(Exception):
    """One line saying why a fetch failed."""


@dataclass
class _Host:
    """Pace and concurrency of the requests to one host."""

    delay: float
    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


@dataclass
class Robots:
    parser: RobotFileParser | None  # None: everything allowed
    fetched_at: float
    unreachable: str | None = None  # the host's robots.txt could not be read: nothing is fetched there


class Fetcher:
    """One httpx client shared by the worker threads of a watch; thread-safe.

    `robots_store` lets the caller keep robots.txt across processes (a cron run reads the copy
    fetched by the previous run instead of asking every host again): load(host) -> (text, age in
    seconds) or None; save(host, text).
    """

    # httpx logs every request at INFO: under `serve --watch` (logging at INFO) that would drown the rounds' lines
    logging.getLogger("httpx").setLevel(logging.WARNING)

    def __init__(self, config: FetchConfig | None = None,
                 robots_load: Callable[[str], tuple[str, float] | None] | None = None,
                 robots_save: Callable[[str, str], None] | None = None) -> None:
        self.config = config or FetchConfig()
        self.client = httpx.Client(
            headers={"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.config.timeout), follow_redirects=False,
            limits=httpx.Limits(max_connections=max(self.config.workers, 1) * 2))
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, Robots] = {}
        self._lock = threading.Lock()
        self._robots_locks: dict[str, threading.Lock] = {}
        self._robots_load = robots_load
        self._robots_save = robots_save
        self.agent_token = self.config.user_agent.split("/")[0].split()[0] or "*"
        self.requests = 0  # sent, for progress and benchmarks

    def close(self) -> None:
        self.client.close()

    # ---- pace per host -------------------------------------------------------------------------

    def _host(self, netloc: str) -> _Host:
        with self._lock:
            if netloc not in self._hosts:
                self._hosts[netloc] = _Host(self.config.delay, threading.Semaphore(max(self.config.per_host, 1)))
            return self._hosts[netloc]

    @contextmanager
    def _turn(self, netloc: str) -> Iterator[None]:
        """Wait for a free slot at the host and for its pace, then hold the slot for one request."""
        host = self._host(netloc)
        with host.slots:
            with host.lock:
                now = time.monotonic()
                start = max(now, host.next_start)
                host.next_start = start + host.delay
            if start > now:
                time.sleep(start - now)
            yield

    # ---- robots.txt ----------------------------------------------------------------------------

    def allowed(self, url: str) -> tuple[bool, str | None]:
        """(may we fetch url, why not) by the host's robots.txt for our user agent; FetchError when
        the host's robots.txt cannot be read (nothing is fetched there until it can)."""
        parts = urlsplit(url)
        netloc = parts.netloc.lower()
        robots = self._robots_for(parts.scheme, netloc)
        if robots.unreachable:  # a failure to retry, not a refusal
            raise FetchError(robots.unreachable)
        if robots.parser is None or robots.parser.can_fetch(self.agent_token, url):
            return True, None
        return False, "disallowed by robots.txt"

    def _robots_for(self, scheme: str, netloc: str) -> Robots:
        with self._lock:
            lock = self._robots_locks.setdefault(netloc, threading.Lock())
        with lock:  # one fetch of robots.txt per host, however many threads ask
            cached = self._robots.get(netloc)
            if cached and time.monotonic() - cached.fetched_at < self.config.robots_ttl:
                return cached
            robots = self._load_robots(scheme, netloc)
            self._robots[netloc] = robots
            return robots

    def _load_robots(self, scheme: str, netloc: str) -> Robots:
        now = time.monotonic()
        if self._robots_load:
            stored = self._robots_load(netloc)
            if stored is not None and stored[1] < self.config.robots_ttl:
                return Robots(_parse_robots(stored[0], self._host(netloc), self.agent_token), now - stored[1])
        try:
            response = self._get_following(f"{scheme}://{netloc}/robots.txt", {}, check_robots=False)
        except FetchError as exc:
            # RFC 9309 2.3.1.4: an unreachable robots.txt means "disallow all" until it can be read.
            return Robots(None, now, unreachable=f"robots.txt unreachable ({exc}); retried next round")
        status, body = response
        if status >= 500:
            return Robots(None, now, unreachable=f"robots.txt unreachable (HTTP {status}); retried next round")
        text = body.decode("utf-8", errors="replace") if 200 <= status < 300 else ""  # 4xx: no rules
        if self._robots_save:
            self._robots_save(netloc, text)
        return Robots(_parse_robots(text, self._host(netloc), self.agent_token), now)

    # ---- fetching ------------------------------------------------------------------------------

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
              html_only: bool = False) -> Fetched:
        """GET url politely; never raises: failures come back with `error` (or `blocked`) set."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if html_only:
            headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
        else:
            headers["Accept"] = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                                 "text/xml;q=0.9, */*;q=0.1")
        result = Fetched(url=url)
        try:
            status, body, final_url, response_headers = self._get_following(url, headers, check_robots=True,
                                                                            full=True)
        except _Blocked as exc:
            result.error, result.blocked = str(exc), True
            return result
        except FetchError as exc:
            result.error = str(exc)
            return result
        result.status, result.final_url = status, final_url
        result.etag = response_headers.get("etag")
        result.last_modified = response_headers.get("last-modified")
        result.content_type = response_headers.get("content-type", "").split(";")[0].strip().lower()
        if status == 304:
            result.not_modified = True
            return result
        if not 200 <= status < 300:
            result.error = f"HTTP {status}"
            return result
        if html_only and not _looks_html(result.content_type, body):
            result.error = f"not an HTML page ({result.content_type or 'no content type'})"
            return result
        result.body = body
        return result

    def _get_following(self, url: str, headers: dict[str, str], check_robots: bool, full: bool = False):
        """GET with retries, following redirects one hop at a time (each hop paced and checked
        against its host's robots.txt). Returns (status, body) or, with `full`, also the final URL
        and the response headers."""
        seen = {url}
        for _hop in range(self.config.max_redirects + 1):
            if not url.lower().startswith(("http://", "https://")):
                raise FetchError(f"not an http(s) URL: {url[:200]}")
            if check_robots:
                ok, why = self.allowed(url)
                if not ok:
                    raise _Blocked(why or "disallowed by robots.txt")
            status, body, response_headers = self._get_with_retries(url, headers)
            location = response_headers.get("location")
            if status in REDIRECT_STATUS and location:
                target = urljoin(url, location).split("#")[0]
                if target in seen:
                    raise FetchError(f"redirect loop ({url} -> {target})")
                seen.add(target)
                url = target
                continue
            return (status, body, url, response_headers) if full else (status, body)
        raise FetchError(f"more than {self.config.max_redirects} redirects")

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> tuple[int, bytes, httpx.Headers]:
        netloc = urlsplit(url).netloc.lower()
        wait = self.config.backoff
        for attempt in range(self.config.retries + 1):
            last = attempt == self.config.retries
            try:
                with self._turn(netloc):
                    status, body, response_headers = self._get_once(url, headers)
            except (httpx.TimeoutException, _TooSlow):
                # a slow server is not asked again in this round: it would cost another timeout
                raise FetchError(f"timed out after {self.config.timeout:g} s") from None
            except httpx.TransportError as exc:
                if last:
                    raise FetchError(f"connection failed: {_one_line(exc)}") from None
                time.sleep(wait)
                wait *= 2
                continue
            if status not in RETRIED_STATUS:
                return status, body, response_headers
            asked = retry_after(response_headers.get("retry-after"))
            pause = asked if asked is not None else wait
            if last or pause > self.config.max_retry_wait:
                later = f", Retry-After {asked:g} s" if asked is not None else ""
                raise FetchError(f"HTTP {status}{later}; retried next round")
            time.sleep(pause)
            wait *= 2
        raise AssertionError("unreachable")

    def _get_once(self, url: str, headers: dict[str, str]) -> tuple[int, bytes, httpx.Headers]:
        """One request, the body read with the size cap and the overall time limit."""
        started = time.monotonic()
        self.requests += 1
        with self.client.stream("GET", url, headers=headers) as response:
            if response.status_code in REDIRECT_STATUS or response.status_code == 304:
                return response.status_code, b"", response.headers
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.config.max_bytes:
                raise FetchError(f"response of {int(declared):,} bytes, over the "
                                 f"{self.config.max_bytes:,}-byte limit")
            chunks, size = [], 0
            for chunk in response.iter_bytes():  # decoded: the cap holds for gzip bombs too
                size += len(chunk)
                if size > self.config.max_bytes:
                    raise FetchError(f"response over the {self.config.max_bytes:,}-byte limit")
                if time.monotonic() - started > self.config.timeout:
                    raise _TooSlow()
                chunks.append(chunk)
            return response.status_code, b"".join(chunks), response.headers


class _Blocked(FetchError):
    pass


class _TooSlow(Exception):
    pass


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _parse_robots(text: str, host: _Host, agent: str) -> RobotFileParser | None:
    if not text.strip():
        return None
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    delay = parser.crawl_delay(agent)
    if delay:
        try:  # the site asks for more time between requests than we give by default
            host.delay = max(host.delay, min(float(delay), 60.0))
        except (TypeError, ValueError):
            pass
    return parser


def _looks_html(content_type: str, body: bytes) -> bool:
    if content_type:
        return content_type in HTML_TYPES
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _one_line(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]
