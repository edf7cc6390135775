"""The command line: a thin layer over the Python API (pipeline, process, store, query, evaluate).

Every command prints one clear line per problem on stderr and never a traceback; the exit
status is 1 when any document failed, 2 on a usage or set-up error.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from newsevents.store import DEFAULT_DB

QUERY_COMMANDS = {
    "articles": "articles", "events": "events", "quotes": "quotes", "places": "places",
    "entities": "entities", "quantities": "quantities", "dates": "dates", "errors": "errors",
}


def _options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if getattr(args, "actors", None):
        options["actor_dictionaries"] = list(args.actors)
    if getattr(args, "split", None):
        options["split"] = args.split
    return options


def _min_confidence(args: argparse.Namespace) -> float:
    """--min-confidence, or the event model's default threshold (chosen on its training data)."""
    if args.min_confidence is not None:
        if not 0.0 <= args.min_confidence <= 1.0:
            raise ValueError(f"--min-confidence must be between 0 and 1 (got {args.min_confidence})")
        return args.min_confidence
    from newsevents.extract.event_decision import default_threshold

    return default_threshold()


def cmd_extract(args: argparse.Namespace) -> int:
    from newsevents.pipeline import Pipeline
    from newsevents.read import read_paths

    paths = args.files or ["-"]
    pipeline = Pipeline(published=args.published, options=_options(args), min_confidence=_min_confidence(args))
    documents = read_paths(paths, args.input_format)
    if args.raw:
        documents = (_mark_raw(d) for d in documents)
    failed = 0
    records = []
    for result in pipeline.run(documents):
        if result.error is not None:
            failed += 1
            print(f"error: {result.id}: {result.error}", file=sys.stderr)
        record = result.to_dict()
        if args.output_format == "jsonl":
            print(json.dumps(record, ensure_ascii=False, default=str), flush=True)
        else:
            records.append(record)
    if args.output_format == "json":
        out = records[0] if len(records) == 1 else records
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    return 1 if failed else 0


def _mark_raw(document):
    if hasattr(document, "raw"):
        document.raw = True
    return document


def cmd_process(args: argparse.Namespace) -> int:
    def on_error(doc_id: str, error: str) -> None:
        print(f"error: {doc_id}: {error}", file=sys.stderr)

    if args.min_confidence is not None and not 0.0 <= args.min_confidence <= 1.0:
        raise ValueError(f"--min-confidence must be between 0 and 1 (got {args.min_confidence})")
    common = dict(input_format=args.input_format, published=args.published, force=args.force,
                  batch_size=args.batch_size, options=_options(args), on_error=on_error,
                  min_confidence=args.min_confidence, full_corpus_step=args.full_corpus_step,
                  site_furniture=args.site_furniture)
    if args.workers != 1 or args.scheduler or args.out:  # process_parallel also refuses --workers 0
        from newsevents.scale import process_parallel

        report = process_parallel(args.paths, args.db, workers=args.workers, scheduler=args.scheduler,
                                  out_dir=args.out, progress=sys.stderr.isatty(), **common)
    else:
        from newsevents.process import process_paths

        report = process_paths(args.paths, args.db, progress=sys.stderr.isatty(), **common)
    where = args.out or args.db
    print(f"{report.written} articles stored in {where}, {report.skipped} already there, "
          f"{len(report.errors)} failed", file=sys.stderr)
    return 1 if report.errors else 0


def _print_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return
    if not rows:
        print("(no rows)")
        return
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)))


def _cell(value: Any, width: int = 48) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


TABLE_COLUMNS = {
    "articles": ["id", "published", "title", "source", "language", "doc_id"],
    "events": ["article_id", "type", "mode", "cameo", "source_text", "source_country", "target_text",
               "target_country", "date", "place_name", "negated", "text"],
    "quotes": ["article_id", "speaker", "kind", "cue", "channel", "text"],
    "places": ["article_id", "text", "name", "country", "admin1", "feature", "lat", "lon"],
    "entities": ["article_id", "text", "label", "canonical", "country", "sector", "title"],
    "quantities": ["article_id", "text", "value", "low", "high", "approx", "unit", "casualty", "military"],
    "dates": ["article_id", "text", "value", "precision"],
    "errors": ["doc_id", "error", "failed_at"],
}


def cmd_query(args: argparse.Namespace) -> int:
    from newsevents import store
    from newsevents.query import Filters, select

    filters = Filters(article=args.article, type=getattr(args, "type", None), mode=getattr(args, "mode", None),
                      country=args.country, actor=args.actor, since=args.since, until=args.until,
                      text=args.text, min_confidence=_min_confidence(args) if args.command == "events" else None)
    con = store.connect(args.db, read_only=True)
    try:
        rows = select(con, QUERY_COMMANDS[args.command], filters, limit=args.limit, offset=args.offset)
    finally:
        con.close()
    columns = TABLE_COLUMNS[args.command] if args.format == "table" else None
    _print_rows(rows, args.format, columns)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from newsevents import store

    con = store.connect(args.db, read_only=True)
    try:
        if args.format == "gdelt":
            from newsevents.export_gdelt import export_gdelt

            files = [export_gdelt(con, args.out, _min_confidence(args))]
        else:
            files = store.export(con, args.out, args.format, _min_confidence(args))
    finally:
        con.close()
    for path in files:
        print(path)
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from newsevents import store
    from newsevents.scale import resolve_corpus

    con = store.connect(args.db)
    try:
        loaded = sum(store.load_parts(con, folder) for folder in args.folders)
    finally:
        con.close()
    resolve_corpus(args.db, when_stale=True)  # story clusters, merged events, corpus actors
    print(f"{loaded} articles loaded into {args.db}", file=sys.stderr)
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from newsevents import store

    con = store.connect(args.db, read_only=True)
    try:
        counts = store.summary(con)
        threshold = _min_confidence(args)
        by_type = con.execute("SELECT type, count(*) FROM events WHERE coalesce(confidence, 0) >= ? "
                              "GROUP BY type ORDER BY 2 DESC", [threshold]).fetchall()
        low = con.execute("SELECT count(*) FROM events WHERE coalesce(confidence, 0) < ?", [threshold]).fetchone()[0]
        corpus = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in store.CORPUS_EXPORTS}
        from newsevents.live.state import source_summary

        sources = source_summary(con)
    finally:
        con.close()
    print(f"{args.db}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    print(f"corpus: {corpus['clusters']} story clusters, {corpus['corpus_events']} distinct events "
          f"after merging copies, {corpus['actors']} actors")
    if by_type:
        print("events by type: " + ", ".join(f"{t} {n}" for t, n in by_type))
    if low:
        which = "the default" if args.min_confidence is None else "the"
        print(f"{low} events below {which} confidence threshold {threshold} (hidden from queries, "
              "exports and the API unless --min-confidence 0)")
    for source in sources:  # the feeds and sitemaps of `newsevents watch`
        error = f", last error {source['last_error_at']:%Y-%m-%d %H:%M}: {source['last_error']}" \
            if source["last_error"] else ""
        success = f"{source['last_success']:%Y-%m-%d %H:%M} UTC" if source["last_success"] else "never"
        print(f"source {source['url']}: {source['articles']} articles, last success {success}{error}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from newsevents.serve import serve

    if args.watch:
        from newsevents.live import Watcher, parse_interval

        every = parse_interval(args.every)
        watcher = Watcher(args.db, args.watch, _fetch_config(args), max_pages=args.max_pages)
        serve(args.db, host=args.host, port=args.port, watcher=watcher, every=every)
        return 0
    serve(args.db, host=args.host, port=args.port)
    return 0


def _fetch_config(args: argparse.Namespace):
    from newsevents.live import FetchConfig

    for name in ("delay", "timeout"):
        if getattr(args, name) < 0:
            raise ValueError(f"--{name} must not be negative")
    if args.per_host < 1 or args.connections < 1 or args.max_bytes < 1 or args.retries < 0:
        raise ValueError("--per-host, --connections and --max-bytes must be at least 1, --retries at least 0")
    agent = {"user_agent": args.user_agent} if args.user_agent else {}
    return FetchConfig(delay=args.delay, per_host=args.per_host, workers=args.connections, timeout=args.timeout,
                       max_bytes=args.max_bytes, retries=args.retries, **agent)


def cmd_watch(args: argparse.Namespace) -> int:
    from newsevents.live import Watcher, parse_interval, watch_loop

    every = parse_interval(args.every)
    watcher = Watcher(args.db, args.sources, _fetch_config(args), min_confidence=args.min_confidence,
                      max_pages=args.max_pages)
    try:
        last = watch_loop(watcher, every, once=args.once)
    finally:
        watcher.close()
    return 1 if args.once and last is not None and last.failed else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from newsevents.evaluate import run_task

    scores = run_task(args.task, args.gold, limit=args.limit, **_options(args))
    for key, value in _flat(scores):
        print(f"{key}\t{value}")
    if args.json:
        Path(args.json).write_text(json.dumps(scores, indent=2) + "\n")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from newsevents.train.events import train

    report = train(labels=Path(args.labels) if args.labels else None, out=Path(args.out) if args.out else None,
                   cache=Path(args.cache) if args.cache else None, workers=args.workers)
    for key, value in _flat(report):
        print(f"{key}\t{value}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


def _flat(obj: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(obj, dict):
        out = []
        for k, v in obj.items():
            out += _flat(v, f"{prefix}.{k}" if prefix else str(k))
        return out
    return [(prefix, obj)]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsevents", description="Turn raw news into event data.")
    sub = parser.add_subparsers(dest="command", required=True)

    def input_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--input-format", default="auto",
                       choices=["auto", "text", "html", "jsonl", "warc", "rss"])
        p.add_argument("--published", help="publication date (YYYY-MM-DD) for documents without one")
        p.add_argument("--actors", action="append", metavar="FILE",
                       help="a PETRARCH/Phoenix actor dictionary to use as well (repeatable)")

    def min_confidence(p: argparse.ArgumentParser, text: str) -> None:
        p.add_argument("--min-confidence", type=float, metavar="C",
                       help=f"0..1, the probability that an event record is usable; {text}")

    p = sub.add_parser("extract", help="extract records from articles and print them as JSON")
    p.add_argument("files", nargs="*", metavar="FILE", help="files or folders ('-' or none: stdin)")
    input_options(p)
    p.add_argument("--raw", action="store_true", help="take the text as given: no boilerplate removal")
    p.add_argument("--output-format", default="json", choices=["json", "jsonl"])
    min_confidence(p, "events below it are left out (default: the event model's threshold)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("process", help="process files into the DuckDB store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    input_options(p)
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--workers", type=int, default=1, help="worker processes on this machine")
    p.add_argument("--scheduler", help="address of a Dask scheduler (tcp://HOST:PORT)")
    p.add_argument("--out", help="write Parquet partitions to this folder instead of the database")
    p.add_argument("--force", action="store_true", help="re-process articles already stored")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--full-corpus-step", action="store_true",
                   help="recompute clusters, corpus actors and merged events over the whole store "
                        "(the same result as the incremental step; for checking)")
    # Learning a site's repeated lines needs its other pages: with it on, a page's cleaned text and id
    # depend on what else of its site the run holds (clean/corpus_furniture.py); off, on the page alone.
    p.add_argument("--no-site-furniture", dest="site_furniture", action="store_false",
                   help="do not learn the lines repeated across the plain-text pages of one source "
                        "(menus, footers, prompts) over the input and drop them")
    min_confidence(p, "events below it are not stored (default: store every event; queries filter)")
    p.set_defaults(func=cmd_process)

    for name in QUERY_COMMANDS:
        p = sub.add_parser(name, help=f"list stored {name}")
        p.add_argument("--db", default=DEFAULT_DB)
        p.add_argument("--article", help="article id")
        if name == "events":
            p.add_argument("--type", help="PLOVER type, e.g. ASSAULT")
            p.add_argument("--mode", help="PLOVER mode, e.g. aerial")
            min_confidence(p, "only events at least this confident (default: the event model's threshold)")
        p.add_argument("--country", help="ISO alpha-3 country (actor, speaker or place)")
        p.add_argument("--actor", help="part of an actor's or speaker's name")
        p.add_argument("--since", help="from this date (YYYY-MM-DD)")
        p.add_argument("--until", help="up to this date (YYYY-MM-DD)")
        p.add_argument("--text", help="part of the text")
        p.add_argument("--limit", type=int, default=50)
        p.add_argument("--offset", type=int, default=0)
        p.add_argument("--format", default="table", choices=["table", "json", "csv"])
        p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="export every table to a folder")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--format", required=True, choices=["parquet", "csv", "jsonl", "gdelt"])
    p.add_argument("--out", required=True)
    min_confidence(p, "only events at least this confident (default: the event model's threshold)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("load", help="load the Parquet partitions of `process --out` into the store")
    p.add_argument("folders", nargs="+", metavar="FOLDER")
    p.add_argument("--db", default=DEFAULT_DB)
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("summary", help="count what the store holds")
    p.add_argument("--db", default=DEFAULT_DB)
    min_confidence(p, "events by type counts those at least this confident (default: the model's threshold)")
    p.set_defaults(func=cmd_summary)

    def fetch_options(p: argparse.ArgumentParser) -> None:
        # defaults written out (they are newsevents.live.FetchConfig's): httpx is not imported to build the parser
        p.add_argument("--every", default="15m", help="time between rounds: 30s, 15m, 1h (default 15m)")
        p.add_argument("--user-agent", help="User-Agent header, and the name robots.txt rules are read for "
                                            "(default: newsevents/VERSION ...)")
        p.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host (default 1)")
        p.add_argument("--per-host", type=int, default=1, help="requests in flight to one host (default 1)")
        p.add_argument("--connections", type=int, default=8, help="requests in flight in all (default 8)")
        p.add_argument("--timeout", type=float, default=20.0, help="seconds for one response (default 20)")
        p.add_argument("--max-bytes", type=int, default=5_000_000, help="size cap of one page (default 5 MB)")
        p.add_argument("--retries", type=int, default=2, help="retries after 429 / 5xx (default 2)")
        p.add_argument("--max-pages", type=int, default=200, help="new pages per source per round (default 200)")

    p = sub.add_parser("watch", help="poll feeds and sitemaps, fetch new articles into the store")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="RSS/Atom feed or sitemap URL, or a file listing them (one a line, # comments)")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    fetch_options(p)
    min_confidence(p, "events below it are not stored (default: store every event; queries filter)")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("serve", help="serve the HTTP API and web page (read-only, unless --watch)")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--watch", nargs="+", metavar="SOURCE",
                   help="also watch these sources in the background (this process then owns the database)")
    fetch_options(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("evaluate", help="score a task against public gold data")
    p.add_argument("task", choices=["extraction", "textclean", "ner", "quotes", "dates", "places", "events",
                                   "news-events", "actors"])
    p.add_argument("--gold", help="path to the gold data (default: ../shared/data/...)")
    p.add_argument("--limit", type=int, help="only the first N gold documents")
    p.add_argument("--split", choices=["tune", "held", "all"],
                   help="textclean: the half of the pages to score (a stable hash of the page id; default all)")
    p.add_argument("--json", metavar="FILE", help="also write the scores as JSON")
    p.add_argument("--actors", action="append", metavar="FILE", help="PETRARCH/Phoenix actor dictionary")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("train", help="rebuild a shipped model from the project's labels and ../shared/data")
    p.add_argument("model", choices=["events"])
    p.add_argument("--labels", help="label file (default: the shipped data/training/event_labels.jsonl)")
    p.add_argument("--out", help="model file to write (default: the shipped data/models/event_decision.pickle.gz)")
    p.add_argument("--cache", metavar="FILE", help="keep the parsed training examples here and reuse them")
    p.add_argument("--workers", type=int, default=2, help="processes parsing the training articles")
    p.add_argument("--json", metavar="FILE", help="also write the training report as JSON")
    p.set_defaults(func=cmd_train)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from newsevents.store import StoreError

    try:
        return args.func(args)
    except (StoreError, ValueError, OSError) as exc:
        print(f"newsevents {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"newsevents {args.command}: interrupted; what was committed is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
