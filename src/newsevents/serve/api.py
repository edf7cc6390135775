"""The HTTP API (FastAPI): read-only JSON over the store, the web page, and local API docs.

Every query parameter is declared in a pydantic model that forbids unknown fields and bounds
every value (lengths, limits, dates, codes), so bad input is a 422 that names the field; the
SQL is parameterized by `newsevents.query`. A missing or locked database is a 503.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsevents import query, store
from newsevents.extract.event_decision import default_threshold
from newsevents.serve.database import Database, StoreUnavailable
from newsevents.serve.search import search_condition

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
MAX_PAGE = 500  # rows per page
MAX_OFFSET = 1_000_000
MAX_GROUPS = 5_000  # rows of an aggregate (days, places, actors)
MAX_RECORDS = 5_000  # records of one kind returned with one article

# Printable text only: NUL and other control characters are refused, never sent to the database.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
Text = Annotated[str | None, Field(None, min_length=1, max_length=200, pattern=PRINTABLE)]
Code = Annotated[str | None, Field(None, min_length=2, max_length=12, pattern=r"^[A-Za-z_]+$")]
Country = Annotated[str | None, Field(None, pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3")]
ArticleId = Annotated[str | None, Field(None, max_length=128, pattern=r"^[A-Za-z0-9_.:/-]+$")]

PATTERN_MEANING = {
    PRINTABLE: "must not contain control characters (such as NUL)",
    r"^[A-Za-z_]+$": "must be a code of letters, e.g. ASSAULT or GOV",
    r"^[A-Za-z]{3}$": "must be a 3-letter ISO 3166 alpha-3 country code, e.g. RUS",
    r"^[A-Za-z0-9_.:/-]+$": "must be an article id (letters, digits, _ . : / -)",
}

SECURITY_HEADERS = {
    # The page must work offline: the browser is told to load nothing from elsewhere.
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(Strict):
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class DateRange(Strict):
    since: date | None = Field(None, description="ISO date, inclusive")
    until: date | None = Field(None, description="ISO date, inclusive")

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.since and self.until and self.since > self.until:
            raise ValueError("since must not be after until")
        return self


class EventFilters(DateRange):
    type: Code = Field(None, description="PLOVER event type, e.g. ASSAULT")
    mode: Text = None
    country: Country = Field(None, description="source or target actor country (alpha-3)")
    sector: Code = Field(None, description="source or target actor sector, e.g. GOV, MIL")
    actor: Text = Field(None, description="part of a source or target actor name")
    place: Text = Field(None, description="part of the place name, or its country (alpha-3)")
    q: Text = Field(None, description="full-text search in the evidence sentence")
    article: ArticleId = None
    min_confidence: float | None = Field(None, ge=0.0, le=1.0, description=(
        "only events at least this confident (the probability that the record is usable); "
        "default: the event model's threshold, 0 for every event"))

    def filters(self) -> query.Filters:
        return query.Filters(article=self.article, type=self.type, mode=self.mode, country=self.country,
                             sector=self.sector, actor=self.actor, place=self.place,
                             since=_iso(self.since), until=_iso(self.until),
                             min_confidence=default_threshold() if self.min_confidence is None else self.min_confidence)


class EventQuery(EventFilters, Page):
    pass


class CountQuery(EventFilters):
    by: Literal["day", "type", "country", "place"] = "day"


class QuoteQuery(Page):
    speaker: Text = Field(None, description="part of the speaker's name")
    speaker_is: Text = Field(None, description="the speaker's exact (canonical) name")
    country: Country = None
    sector: Code = None
    q: Text = Field(None, description="full-text search in the quote and speaker")
    article: ArticleId = None


class ArticleQuery(DateRange, Page):
    q: Text = Field(None, description="full-text search in title and text")


class PlaceQuery(Page):
    country: Country = None
    q: Text = Field(None, description="part of the place name")
    article: ArticleId = None


class ChangesQuery(Strict):
    since: str | None = Field(None, max_length=40, pattern=r"^[0-9T:. -]*$", description=(
        "the `latest` of an earlier answer: count what was stored after it (empty: nothing yet)"))

    @model_validator(mode="after")
    def _timestamp(self) -> ChangesQuery:
        if self.since:
            try:
                datetime.fromisoformat(self.since)
            except ValueError:
                raise ValueError("since must be the `latest` value of an earlier answer") from None
        return self


class ActorQuery(Page):
    name: Text = Field(None, description="part of the actor name")
    country: Country = None
    sector: Code = None
    role: Literal["any", "source", "target", "speaker"] = "any"


def both(a: query.Condition | None, b: query.Condition | None) -> query.Condition | None:
    """Two optional conditions joined with AND."""
    if a is None or b is None:
        return a or b
    return f"({a[0]}) AND ({b[0]})", [*a[1], *b[1]]


def day_of(column: str) -> str:
    """SQL for the DATE of an ISO date string column when it names a day, else NULL."""
    return f"try_cast(left({column}, 10) AS DATE)"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _page(total: int, params: Page, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total": total, "limit": params.limit, "offset": params.offset, "items": items}


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def create_app(db_path: str | Path, watcher=None, poll_seconds: float = 5.0) -> FastAPI:
    """The app over one database file, opened read-only (lazily: a missing file gives 503s); with a
    `newsevents.live.Watcher`, opened for writing and shared with the watcher's rounds (`serve --watch`),
    and the page polls /api/changes every `poll_seconds`."""
    db = Database(db_path, shared=watcher is not None)
    app = FastAPI(title="newsevents", version="1", docs_url=None, redoc_url=None,
                  description="Read-only access to events, quotes, places and articles extracted from news.")
    app.state.db = db
    app.state.watcher = watcher
    app.state.poll_seconds = poll_seconds if watcher is not None else None
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)

    app.add_middleware(SecurityHeaders)

    def fulltext(table: str, text: str | None) -> query.Condition | None:
        return search_condition(table, text, db.fts) if text else None

    def paged(table: str, filters: query.Filters, params: Page, condition: query.Condition | None,
              columns: list[str] | None = None, order: str | None = None) -> dict[str, Any]:
        with db.cursor() as cur:
            total = query.count(cur, table, filters, condition)
            items = query.select(cur, table, filters, limit=params.limit, offset=params.offset,
                                 columns=columns, condition=condition, order=order)
        return _page(total, params, items)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="newsevents API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None})

    @app.get("/api/summary")
    def summary() -> dict[str, Any]:
        """Row counts of every table, and whether full-text search uses the FTS index."""
        threshold = default_threshold()
        with db.cursor() as cur:
            counts = store.summary(cur)
            below = cur.execute("SELECT count(*) FROM events WHERE coalesce(confidence, 0) < ?",
                                [threshold]).fetchone()[0]
        return {"database": str(db_path), "counts": counts, "fulltext": "fts" if db.fts else "like",
                "min_confidence": threshold, "events_below_min_confidence": below}

    @app.get("/api/changes")
    def changes(params: Annotated[ChangesQuery, Query()]) -> dict[str, Any]:
        """What was stored since `since` (articles, and their events at the default threshold), the
        `latest` store time to ask with next, and the watcher's state under `serve --watch`."""
        threshold = default_threshold()
        with db.cursor() as cur:
            latest = cur.execute("SELECT max(processed_at) FROM articles").fetchone()[0]
            if params.since is None:
                articles = events = 0
            else:
                since = datetime.fromisoformat(params.since) if params.since else datetime.min
                articles, events = cur.execute(
                    "SELECT count(DISTINCT a.id), count(e.article_id) FILTER (coalesce(e.confidence, 0) >= ?) "
                    "FROM articles a LEFT JOIN events e ON e.article_id = a.id WHERE a.processed_at > ?",
                    [threshold, since]).fetchone()
        answer: dict[str, Any] = {"latest": latest.isoformat() if latest else "", "articles": articles,
                                  "events": events, "poll_seconds": app.state.poll_seconds, "watch": None}
        if watcher is not None:
            last = watcher.last
            answer["watch"] = {"running": watcher.running, "rounds": watcher.rounds,
                               "last_round": None if last is None else {
                                   "number": last.number, "seconds": round(last.seconds, 2),
                                   "stored": last.stored, "failed": last.failed}}
        return answer

    @app.get("/api/events")
    def events(params: Annotated[EventQuery, Query()]) -> dict[str, Any]:
        """Events, filtered, newest first (events without a date last), then in article order."""
        # Dates come at several precisions (2016-03-15, 2016-03, 2016-W11): order by the day where there is one.
        return paged("events", params.filters(), params, fulltext("events", params.q),
                     order=f"{day_of('date')} DESC NULLS LAST, date DESC NULLS LAST, article_id, seq")

    @app.get("/api/counts")
    def counts(params: Annotated[CountQuery, Query()]) -> dict[str, Any]:
        """Event counts for charts: per day and type (timeline), per type, per country, or per place (map)."""
        where, values = query.where_clause("events", params.filters(), fulltext("events", params.q))
        events_sql = f"SELECT * FROM events{where}"
        sql = {
            # An event without a day of its own (none, or only a month or week) counts on its article's date.
            "day": f"""SELECT strftime(day, '%Y-%m-%d') AS key, type, count(*) AS count FROM (
                         SELECT coalesce({day_of('e.date')}, {day_of('a.published')}) AS day, e.type
                         FROM ({events_sql}) e LEFT JOIN articles a ON a.id = e.article_id)
                       WHERE day IS NOT NULL GROUP BY ALL ORDER BY key, type""",
            "type": f"SELECT type AS key, count(*) AS count FROM ({events_sql}) GROUP BY key ORDER BY count DESC, key",
            "country": f"""SELECT key, count(*) AS count FROM (
                             SELECT unnest(list_distinct([source_country, target_country])) AS key
                             FROM ({events_sql})) WHERE key IS NOT NULL GROUP BY key ORDER BY count DESC, key""",
            "place": f"""SELECT coalesce(place_name, place_text) AS key, place_country AS country,
                           round(place_lat, 4) AS lat, round(place_lon, 4) AS lon, count(*) AS count
                         FROM ({events_sql}) WHERE place_lat IS NOT NULL AND place_lon IS NOT NULL
                         GROUP BY ALL ORDER BY count DESC, key""",
        }[params.by]
        with db.cursor() as cur:
            rows = _rows(cur.execute(f"{sql} LIMIT ?", [*values, MAX_GROUPS]))
        return {"by": params.by, "items": rows}

    @app.get("/api/quotes")
    def quotes(params: Annotated[QuoteQuery, Query()]) -> dict[str, Any]:
        """Quotes with their speakers, filtered."""
        filters = query.Filters(article=params.article, actor=params.speaker, country=params.country,
                                sector=params.sector)
        exact = ("speaker = ?", [params.speaker_is]) if params.speaker_is else None
        return paged("quotes", filters, params, both(exact, fulltext("quotes", params.q)))

    @app.get("/api/articles")
    def articles(params: Annotated[ArticleQuery, Query()]) -> dict[str, Any]:
        """Articles (without their text: a snippet), newest first."""
        filters = query.Filters(since=_iso(params.since), until=_iso(params.until))
        columns = ["id", "title", "published", "source", "url", "language", "left(text, 280) AS snippet"]
        return paged("articles", filters, params, fulltext("articles", params.q), columns)

    @app.get("/api/articles/{article_id}")
    def article(article_id: Annotated[str, PathParam(max_length=128, pattern=r"^[A-Za-z0-9_.:/-]+$")]
                ) -> dict[str, Any]:
        """One article with all its records (entities, quotes, quantities, dates, places, events)."""
        filters = query.Filters(article=article_id)
        with db.cursor() as cur:
            found = query.select(cur, "articles", filters, limit=1)
            if not found:
                raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
            record: dict[str, Any] = {"article": found[0]}
            for table in store.RECORD_TABLES:
                record[table] = query.select(cur, table, filters, limit=MAX_RECORDS)
        return record

    @app.get("/api/places")
    def places(params: Annotated[PlaceQuery, Query()]) -> dict[str, Any]:
        """Distinct places mentioned, with how often and in how many articles."""
        filters = query.Filters(article=params.article, country=params.country, text=params.q)
        where, values = query.where_clause("places", filters)
        grouped = f"""SELECT coalesce(name, text) AS name, country, feature, admin1, geonames_id,
                        round(lat, 4) AS lat, round(lon, 4) AS lon,
                        count(*) AS mentions, count(DISTINCT article_id) AS articles
                      FROM places{where} GROUP BY ALL"""
        with db.cursor() as cur:
            total = cur.execute(f"SELECT count(*) FROM ({grouped})", values).fetchone()[0]
            items = _rows(cur.execute(f"{grouped} ORDER BY mentions DESC, name LIMIT ? OFFSET ?",
                                      [*values, params.limit, params.offset]))
        return _page(total, params, items)

    @app.get("/api/actors")
    def actors(params: Annotated[ActorQuery, Query()]) -> dict[str, Any]:
        """Distinct actors (event sources and targets, quote speakers) with their counts."""
        conditions, values = ["name IS NOT NULL"], []
        if params.name:
            conditions.append("lower(name) LIKE ?")
            values.append(f"%{params.name.lower()}%")
        if params.country:
            conditions.append("country = ?")
            values.append(params.country.upper())
        if params.sector:
            conditions.append("sector = ?")
            values.append(params.sector.upper())
        having = "" if params.role == "any" else f" HAVING count(*) FILTER (role = '{params.role}') > 0"
        grouped = f"""SELECT name, country, sector,
                        count(*) FILTER (role = 'source') AS as_source,
                        count(*) FILTER (role = 'target') AS as_target,
                        count(*) FILTER (role = 'speaker') AS quotes,
                        count(DISTINCT article_id) AS articles
                      FROM ({ACTOR_MENTIONS}) WHERE {' AND '.join(conditions)}
                      GROUP BY name, country, sector{having}"""
        with db.cursor() as cur:
            total = cur.execute(f"SELECT count(*) FROM ({grouped})", values).fetchone()[0]
            weight = {"any": "as_source + as_target + quotes", "source": "as_source", "target": "as_target",
                      "speaker": "quotes"}[params.role]
            items = _rows(cur.execute(
                f"{grouped} ORDER BY {weight} DESC, name, country, sector LIMIT ? OFFSET ?",
                [*values, params.limit, params.offset]))
        return _page(total, params, items)

    return app


# Every mention of an actor: as an event's source or target, or as a quote's speaker.
ACTOR_MENTIONS = """
    SELECT coalesce(source_canonical, source_text) AS name, source_country AS country,
           source_sector AS sector, 'source' AS role, article_id FROM events
    UNION ALL
    SELECT coalesce(target_canonical, target_text), target_country, target_sector, 'target', article_id FROM events
    UNION ALL
    SELECT speaker, speaker_actor_country, speaker_actor_sector, 'speaker', article_id FROM quotes"""


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response (a plain ASGI middleware: cheaper than BaseHTTPMiddleware)."""

    def __init__(self, app) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [_problem(error) for error in exc.errors()]
        return JSONResponse({"detail": "; ".join(problems), "errors": problems}, status_code=422)

    @app.exception_handler(duckdb.Error)
    async def database_error(request: Request, exc: duckdb.Error) -> JSONResponse:
        # A query the database refused for its values (e.g. an out-of-range number) is the request's fault.
        log.warning("database error on %s: %s", request.url.path, exc)
        return JSONResponse({"detail": f"the database refused the query: {str(exc).splitlines()[0]}"},
                            status_code=400)


def _problem(error: dict[str, Any]) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path"))
    if error.get("type") == "extra_forbidden":
        return f"unknown parameter {where!r}"
    if error.get("type") == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern")
        return f"{where}: {PATTERN_MEANING.get(pattern, 'has characters that are not allowed')}"
    return f"{where or 'request'}: {error.get('msg', 'invalid')}"
