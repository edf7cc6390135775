"""Run every fuzz target of tests/fuzz_targets.py for a time budget and print what each ran.

usage: .venv/bin/python bench/fuzz.py [SECONDS_PER_TARGET]   (default 30)
Prints one line per target: generated inputs run, failures found (with the first one shown).
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import HypothesisException  # noqa: E402

from fuzz_targets import FILE_INPUTS, any_text, extract_target, read_target  # noqa: E402


def run_for(seconds: float, strategy, target) -> tuple[int, list[str]]:
    count = 0
    failures: list[str] = []
    deadline = time.monotonic() + seconds

    @settings(max_examples=10**9, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(strategy)
    def check(value):
        nonlocal count
        if time.monotonic() > deadline:
            raise TimeoutError
        count += 1
        try:
            target(value)
        except Exception:
            failures.append(traceback.format_exc(limit=3))
            if len(failures) > 20:
                raise TimeoutError from None

    try:
        check()
    except (TimeoutError, HypothesisException):
        pass
    return count, failures


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
    from newsevents.pipeline import Pipeline

    pipeline = Pipeline()
    targets = [(f"read[{fmt}]", strategy, lambda data, fmt=fmt: read_target(fmt, data))
               for fmt, strategy in sorted(FILE_INPUTS.items())]
    targets.append(("extract[text]", any_text, lambda text: extract_target(pipeline, text)))
    print(f"{'target':<16}{'inputs':>10}{'per s':>10}{'failures':>10}")
    for name, strategy, target in targets:
        start = time.monotonic()
        count, failures = run_for(seconds, strategy, target)
        elapsed = time.monotonic() - start
        print(f"{name:<16}{count:>10}{count / elapsed:>10.1f}{len(failures):>10}")
        if failures:
            print("  first failure:\n" + failures[0])


if __name__ == "__main__":
    main()
