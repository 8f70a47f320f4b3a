"""The long fuzz run: ``python -m benchmarks.fuzz [--minutes M] [--target NAME ...]``
(``make fuzz``).

Runs the targets of ``tests/fuzzing.py`` (the same properties ``make test`` runs at CI size)
round-robin, each time with a fresh random seed, until the time is up; prints how many inputs
each target tried and every failure hypothesis found, shrunk to a minimal input. Failing
inputs are kept in hypothesis' example database (``.hypothesis/``), so ``make test`` replays
them until they are fixed. Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from fuzzing import TARGETS, run_target  # noqa: E402

CHUNK = 500  # generated inputs per call: a failure is shrunk and reported before the next call


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--target", action="append", choices=[t.name for t in TARGETS],
                        help="run only these targets (default: all)")
    args = parser.parse_args(argv)
    targets = [t for t in TARGETS if not args.target or t.name in args.target]
    tried = dict.fromkeys((t.name for t in targets), 0)
    failures: dict[str, str] = {}
    rng = random.Random()
    deadline = time.monotonic() + args.minutes * 60
    rounds = 0
    while time.monotonic() < deadline:
        rounds += 1
        for target in targets:
            if time.monotonic() >= deadline:
                break
            # the slow end-to-end importers get fewer inputs per call than the parsers
            chunk = max(10, CHUNK // 20) if target.ci_examples < 100 else CHUNK
            try:
                tried[target.name] += run_target(target, chunk, rng.randrange(2**32))
            except Exception as exc:  # noqa: BLE001 - a finding, reported below
                found = f"{type(exc).__name__}: {exc}".strip()
                notes = "\n".join(getattr(exc, "__notes__", []))
                text = f"{found}\n{notes}".strip()
                failures.setdefault(target.name, text if len(text) < 2000 else text[:2000] + " ...")
                tried[target.name] += chunk
        print(f"round {rounds}: {sum(tried.values()):,} inputs so far", file=sys.stderr, flush=True)
    width = max(len(name) for name in tried)
    for name, count in tried.items():
        state = "FAILED" if name in failures else "ok"
        print(f"{name.ljust(width)}  {count:>10,} inputs  {state}")
    print(f"fuzz: {sum(tried.values()):,} inputs tried in {args.minutes:g} min over {len(targets)} "
          f"targets; {len(failures)} failing")
    for name, text in failures.items():
        print(f"\n--- {name} ---\n{text}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
