"""Run one command in a fresh subprocess and measure it: wall time, peak RSS, exit status.

Peak RSS comes from ``os.wait4`` on the child (the kernel's ``ru_maxrss`` for that process,
in KiB on Linux), so every measurement is of one process tree started for it alone.
Output goes to a log file, never to a pipe, so a chatty build cannot block or slow on it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
PYTHON = sys.executable


@dataclass
class Measured:
    wall_s: float
    peak_mib: float
    returncode: int
    log: Path
    cpu_s: float = 0.0  # user + system time of the process and the children it waited for

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner, printed on every build
    env.setdefault("PYTHONHASHSEED", "0")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def run_measured(cmd: list[str], cwd: Path, log: Path) -> Measured:
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=str(cwd), stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=bench_env())
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: the measured command must not outlive the bench
            proc.kill()
            proc.wait()
            raise
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen
    return Measured(wall, usage.ru_maxrss * 1024 / MIB, proc.returncode, log,
                    usage.ru_utime + usage.ru_stime)


def best_of(runs: int, cmd: list[str], cwd: Path, log_stem: Path,
            before: Callable[[], None] | None = None) -> tuple[Measured, list[Measured]]:
    """Run ``runs`` times (``before()`` first each time); the fastest run and all runs."""
    results = []
    for number in range(1, runs + 1):
        if before is not None:
            before()
        results.append(run_measured(cmd, cwd, log_stem.with_name(f"{log_stem.name}.{number}.log")))
        if results[-1].returncode != 0:
            break
    return min(results, key=lambda m: m.wall_s), results


def tree_size_mib(folder: Path) -> float:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(dirpath, name)).st_size
    return total / MIB


def file_size_mib(path: Path) -> float:
    return path.stat().st_size / MIB if path.is_file() else 0.0


def count_files(folder: Path, suffix: str = ".html") -> int:
    return sum(1 for _ in folder.rglob(f"*{suffix}")) if folder.is_dir() else 0
