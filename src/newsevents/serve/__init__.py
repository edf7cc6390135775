"""Serve the store over HTTP: a read-only JSON API, a web page, and local API docs.

`newsevents serve --db FILE` calls `serve`; tests and embedders use `create_app`.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from newsevents.serve.api import create_app

__all__ = ["create_app", "serve"]


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, watcher=None, every: float = 900.0) -> None:
    """Run the app with uvicorn until interrupted (Ctrl-C); with a `newsevents.live.Watcher`, its
    rounds run every `every` seconds in a background thread of this process, which owns the store."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    if watcher is None:
        app = create_app(db)
        app.state.db.open()  # report a missing or locked database now; requests retry later
        print(f"newsevents: serving {db} read-only on http://{host}:{port}/ (API docs: /docs)", file=sys.stderr)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    from newsevents.serve.database import StoreUnavailable
    from newsevents.serve.live import run_watching
    from newsevents.store import StoreError

    app = create_app(db, watcher=watcher)
    try:
        with app.state.db.cursor():  # own the store from the start: a second writer fails now, clearly
            pass
    except StoreUnavailable as exc:
        raise StoreError(str(exc)) from None
    print(f"newsevents: serving {db} on http://{host}:{port}/ and watching {len(watcher.source_args)} "
          f"source argument(s) every {every:g} s", file=sys.stderr)
    run_watching(app, watcher, every, lambda: uvicorn.run(app, host=host, port=port, log_level="warning"))
