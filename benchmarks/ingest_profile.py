"""Ingest speed in one process: ``python -m benchmarks.ingest_profile [--seeds 1000] [--actors 2000]``.

Generates ``--seeds`` raw seeds (``corpus_gen``) and a registry padded to ``--actors`` actors
(``registry_gen``) under ``benchmarks/out/ingest-profile/``, then runs the real ingest
(``build_tools.ingest.run.ingest_paths``, as ``python -m build_tools ingest seeds/`` does) into
an empty ``corpus/articles/``, with the starter registry off and on (``corpus/config.yml``
with ``starter: [world]``). For each it prints seeds per second of wall time and of CPU time
(this process's user + system seconds: steadier on a shared machine), a digest of every
article written (the same digest before and after a change means byte-identical output), and
with ``--profile`` the cProfile top lines of the run. ``--keep DIR`` copies the articles of
each run to ``DIR/starter-off`` and ``DIR/starter-on`` for a ``diff -r``.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import pstats
import shutil
import sys
import time
from pathlib import Path

from benchmarks import corpus_gen as gen
from benchmarks.registry_gen import pad_actors
from build_tools.diagnostics import Severity
from build_tools.ingest.run import ingest_paths

OUT = Path(__file__).resolve().parent / "out" / "ingest-profile"


def prepare(seeds: int, actors: int, seed: int) -> Path:
    """The project: real registries padded to ``actors``, ``seeds`` raw seeds, no articles."""
    root = OUT / f"s{seeds}-a{actors}-r{seed}"
    done = root / ".ready"
    if done.exists():
        return root
    articles = gen.generate_articles(seeds, seed=seed)
    gen.write_ingest_project(root, articles)
    pad_actors(root, actors)
    done.write_text("ok\n", encoding="utf-8")
    return root


def digest(root: Path) -> str:
    """One hash of every article's relative path and bytes."""
    h = hashlib.sha256()
    folder = root / "corpus" / "articles"
    for path in sorted(folder.rglob("*.md")):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def run_once(root: Path, starter: bool, profile: int, keep: Path | None) -> None:
    config = root / "corpus" / "config.yml"
    if starter:
        config.write_text("starter:\n  - world\n", encoding="utf-8")
    else:
        config.unlink(missing_ok=True)
    gen.reset_ingest_output(root)
    seeds = sorted((root / "seeds").iterdir())
    profiler = cProfile.Profile() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = ingest_paths([root / "seeds"], root)
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    written = len(result.written)
    label = "on " if starter else "off"
    errors = sum(1 for d in result.report.items if d.severity == Severity.ERROR)
    print(f"starter {label}: {written}/{len(seeds)} written, {errors} errors, "
          f"{wall:.2f} s wall, {cpu:.2f} s CPU: {written / wall:.0f} seeds/s wall, "
          f"{written / cpu:.0f} seeds/s CPU; digest {digest(root)}", flush=True)
    if keep is not None:
        target = keep / f"starter-{label.strip()}"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(root / "corpus" / "articles", target)
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(profile)
        print(text.getvalue())
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(profile)
        print(text.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=1000)
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261126, help="generator seed")
    parser.add_argument("--starter", choices=["off", "on", "both"], default="both")
    parser.add_argument("--profile", type=int, nargs="?", const=20, default=0, metavar="N",
                        help="print the cProfile top N (cumulative and own time; default 20)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="copy the articles written to DIR/starter-off|on")
    args = parser.parse_args(argv)
    root = prepare(args.seeds, args.actors, args.seed)
    for starter in {"off": [False], "on": [True], "both": [False, True]}[args.starter]:
        run_once(root, starter, args.profile, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
