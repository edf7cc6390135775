"""Load test of the HTTP API: a 10,000-event store, 200 requests from 20 threads, on 127.0.0.1 only.

Starts `newsevents serve` in a subprocess on a free local port, sends a bounded number of
/api/events requests with varied filters (plus a smaller mix over the other endpoints), and
prints the error count and the p50/p95/max latency. Nothing leaves this machine.
Usage: .venv/bin/python bench/serve_load.py [--db FILE] [--events 10000] [--requests 200] [--threads 20]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx
import psutil

from serve_data import ACTORS, PLACES, VERBS, build

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(db: str, timeout: float = 120.0) -> Iterator[str]:
    """`newsevents serve` over DB in a subprocess; yields its base URL and stops it afterwards."""
    with server_process(db, timeout) as (base, _):
        yield base


@contextmanager
def server_process(db: str, timeout: float = 120.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """Like running_server, also yielding the server's process (to read its CPU time)."""
    port = free_port()
    code = f"from newsevents.serve import serve; serve({str(db)!r}, host={HOST!r}, port={port})"
    server = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise SystemExit(f"server exited: {server.stderr.read().decode()[-500:]}")
            try:
                if httpx.get(f"{base}/api/summary", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("server did not start in time")
            time.sleep(0.2)
        yield base, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def event_queries(rng: random.Random, n: int) -> list[str]:
    """Varied, realistic /api/events requests: filters, full-text search, later pages."""
    queries = []
    for _ in range(n):
        params: dict[str, str | int] = {"limit": rng.choice([20, 50, 100])}
        kind = rng.randrange(7)
        if kind == 1:
            params["type"] = rng.choice(VERBS)[0]
        elif kind == 2:
            params["country"] = rng.choice([a[1] for a in ACTORS if a[1]])
        elif kind == 3:
            params["q"] = rng.choice(["bombed", "ceasefire", "aid people", "sanctions", "protested against"])
        elif kind == 4:
            params["actor"] = rng.choice(ACTORS)[0].split()[-1]
        elif kind == 5:
            params.update(place=rng.choice(PLACES)[0], since="2016-01-15", until="2016-03-01")
        elif kind == 6:
            params["offset"] = rng.randrange(0, 9000)
        queries.append("/api/events?" + urlencode(params))
    return queries


OTHER = ["/api/counts?by=day", "/api/counts?by=type", "/api/counts?by=place", "/api/quotes?speaker=Putin",
         "/api/quotes?q=civilians", "/api/articles?q=withdrew", "/api/actors", "/api/places",
         "/api/articles/syn000042", "/api/summary"]


def run_load(base: str, paths: list[str], threads: int) -> tuple[list[float], list[str]]:
    local = threading.local()

    def one(path: str) -> tuple[float, str | None]:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=30)
        started = time.perf_counter()
        try:
            response = local.client.get(path)
            error = None if response.status_code == 200 else f"{response.status_code} {path}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__} {path}"
        return time.perf_counter() - started, error

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(one, paths))
    return [r[0] for r in results], [r[1] for r in results if r[1]]


def report(name: str, latencies: list[float], errors: list[str], wall: float, cpu_seconds: float) -> None:
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
    print(f"{name}: {len(ms)} requests, {len(errors)} errors, {len(ms) / wall:.0f} req/s, "
          f"p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms, "
          f"server CPU {cpu_seconds * 1000:.1f} ms/request")
    for error in errors[:5]:
        print("  error:", error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="an existing store (default: build a synthetic one)")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--threads", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            started = time.perf_counter()
            db = str(build(Path(tmp) / "load.duckdb", args.events))
            print(f"built a synthetic store with {args.events} events in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with server_process(db) as (base, server):
            print(f"server ready in {time.perf_counter() - started:.1f} s (opens read-only, builds the search index)")
            cpu = psutil.Process(server.pid)
            rng = random.Random(1)
            run_load(base, event_queries(rng, 20), args.threads)  # warm-up, not counted
            runs = [("/api/events, 1 thread", event_queries(rng, 50), 1),
                    (f"/api/events, {args.threads} threads", event_queries(rng, args.requests), args.threads),
                    (f"other endpoints, {args.threads} threads", [rng.choice(OTHER) for _ in range(args.requests // 2)],
                     args.threads)]
            for name, paths, threads in runs:
                before = sum(cpu.cpu_times()[:2])
                started = time.perf_counter()
                latencies, errors = run_load(base, paths, threads)
                report(name, latencies, errors, time.perf_counter() - started,
                       (sum(cpu.cpu_times()[:2]) - before) / len(paths))
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (latency includes waiting "
          "for the CPU; server CPU per request does not)")


if __name__ == "__main__":
    main()
