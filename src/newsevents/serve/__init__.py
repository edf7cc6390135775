"""Serve the store over HTTP: a read-only JSON API, a web page, and local API docs.

`newsevents serve --db FILE` calls `serve`; tests and embedders use `create_app`.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from newsevents.serve.api import create_app

__all__ = ["create_app", "serve"]


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app with uvicorn until interrupted (Ctrl-C)."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    app = create_app(db)
    app.state.db.open()  # report a missing or locked database now; requests retry later
    print(f"newsevents: serving {db} read-only on http://{host}:{port}/ (API docs: /docs)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning")
