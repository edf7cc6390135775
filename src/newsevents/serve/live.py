"""`serve --watch`: the API in the foreground, the watcher's rounds in a background thread of the
same process (DuckDB has one writer: one process owns the store and both share its instance)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from newsevents.live.watch import watch_loop

STOP_WAIT_SECONDS = 5.0  # at shutdown, for a round to reach its next commit; what was committed is kept


def start_watching(watcher, every: float, warm_up: bool = True) -> tuple[threading.Thread, threading.Event]:
    """Run rounds every `every` seconds in a daemon thread until the returned event is set (with
    `warm_up`, the spaCy model is loaded first, so the first new articles do not wait for it)."""
    stop = threading.Event()

    def run() -> None:
        if warm_up:
            watcher.pipeline  # noqa: B018 (loads the model)
        watch_loop(watcher, every, stop=stop, quiet_idle=True)

    thread = threading.Thread(target=run, name="newsevents-watch", daemon=True)
    thread.start()
    return thread, stop


def run_watching(app, watcher, every: float, run_server: Callable[[], None]) -> None:
    thread, stop = start_watching(watcher, every)
    try:
        run_server()
    finally:
        stop.set()
        thread.join(timeout=STOP_WAIT_SECONDS)
        watcher.close()
