"""What the benchmark's modules share: the log (above the progress bar), commands, errors."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

from build_tools.progress import Progress

from .measure import PYTHON, Measured

_bar: Progress | None = None


def use_bar(bar: Progress | None) -> None:
    """Log lines go above this bar while it runs (None: straight to stderr)."""
    global _bar
    _bar = bar


def log(message: str) -> None:
    line = f"[{time.strftime('%H:%M:%S')}] {message}"
    if _bar is not None:
        _bar.write(line)
    else:
        print(line, file=sys.stderr, flush=True)


class BenchError(RuntimeError):
    pass


def mkdocs_cmd(strict: bool = False) -> list[str]:
    return [PYTHON, "-m", "mkdocs", "build", "--clean"] + (["--strict"] if strict else [])


def build_tools_cmd(root: Path, *args: str) -> list[str]:
    return [PYTHON, "-m", "build_tools", "--root", str(root), *args]


def warnings_in(text: str) -> int:
    return len(re.findall(r"^WARNING\b", text, flags=re.M))


def require_ok(what: str, measured: Measured) -> None:
    if measured.returncode != 0:
        tail = "\n".join(measured.log_text().splitlines()[-25:])
        raise BenchError(f"{what} failed with exit status {measured.returncode} "
                         f"(log: {measured.log}):\n{tail}")


def busy_warning(where: str) -> None:
    """Timings are only comparable on an otherwise idle machine: say when it is not."""
    load = os.getloadavg()[0]
    cpus = os.cpu_count() or 1
    if load > 0.75 * cpus:
        log(f"{where} WARNING: 1-min load average is {load:.2f} on {cpus} CPUs; other "
            "processes compete for the CPU and the timings will be noisy")
