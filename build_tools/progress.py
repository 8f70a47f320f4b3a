"""Progress of long commands (ingest of many seeds, a full build, the benchmark) on stderr.

A bar (tqdm) only when stderr is a terminal: logs, CI and tests see no bars, only the
one-line summary each command prints at the end with the time it took. ``enabled`` forces
the decision either way (the tests use it; so could a ``--no-progress`` flag).
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream: no bars
        return False


def took(seconds: float) -> str:
    """'0.4 s', '12.3 s', '2 min 5 s': the time a summary line ends with."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


class Progress:
    """A bar of ``total`` steps on ``stream`` (stderr) while a terminal watches; else silent.

    Use as a context manager or call ``close()``; ``elapsed`` is the time since it started
    either way, for the summary line."""

    def __init__(self, total: int, what: str, unit: str = "it", *, enabled: bool | None = None,
                 stream: TextIO | None = None, minimum: int = 1) -> None:
        self.stream = stream if stream is not None else sys.stderr
        wanted = is_terminal(self.stream) if enabled is None else enabled
        self.started = time.perf_counter()
        # a handful of steps finishes before a bar is worth drawing
        self.bar: tqdm[None] | None = None
        if wanted and total >= minimum:
            from tqdm import tqdm  # here: 45 ms of imports a run without a bar does not pay

            self.bar = tqdm(total=total, desc=what, unit=unit, file=self.stream, leave=False,
                            dynamic_ncols=True, mininterval=0.2)

    @property
    def enabled(self) -> bool:
        return self.bar is not None

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def update(self, steps: int = 1, detail: str | None = None) -> None:
        if self.bar is not None:
            if detail is not None:
                self.bar.set_postfix_str(detail, refresh=False)
            self.bar.update(steps)

    def write(self, message: str) -> None:
        """A line of log above the bar (or just the line when there is no bar)."""
        if self.bar is not None:
            self.bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def describe(self, what: str, total: int | None = None) -> None:
        """A new phase on the same bar ("converting" -> "writing" pages)."""
        if self.bar is not None:
            if total is not None:
                self.bar.reset(total=total)
            self.bar.set_description_str(what)

    def close(self) -> float:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        return self.elapsed

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
