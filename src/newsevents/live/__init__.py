"""Live sources: `newsevents watch` polls feeds and sitemaps, fetches new article pages politely,
and stores them through the same pipeline as `process` (see watch.py)."""

from newsevents.live.fetch import DEFAULT_USER_AGENT, FetchConfig, Fetcher
from newsevents.live.watch import RoundReport, Watcher, format_report, parse_interval, watch_loop

__all__ = ["DEFAULT_USER_AGENT", "FetchConfig", "Fetcher", "RoundReport", "Watcher", "format_report",
           "parse_interval", "watch_loop"]
