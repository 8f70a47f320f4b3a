"""Edit-to-reload: seconds from saving a one-word change to the changed page being served.

A real ``mkdocs serve --livereload`` runs on a free port in the project; once the page is
served, one word of a source file is replaced by a word that appears nowhere else, and the
page is fetched every 50 ms until the new word is in it. Each edit is undone afterwards and
the time until the old text is back is a second sample of the same rebuild. The server is
stopped (by its process id) and every file restored even when something fails.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .measure import PYTHON, bench_env

POLL_S = 0.05


class ReloadError(RuntimeError):
    pass


@dataclass
class Edit:
    """Replace the first whole ``word`` after ``after`` in ``path``; watch ``url_path``."""

    path: Path
    word: str
    replacement: str
    url_path: str
    after: int = 0  # character offset (e.g. past the front matter)


@dataclass
class Reload:
    edit_s: float  # save -> new word served
    undo_s: float  # restore -> old text served again


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def _wait(url: str, present: str, absent: str | None, timeout: float, server: subprocess.Popen[bytes],
          log: Path) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            raise ReloadError(f"mkdocs serve exited with status {server.returncode} (log: {log})")
        status, body = _get(url)
        if status == 200 and present in body and (absent is None or absent not in body):
            return time.perf_counter() - start
        time.sleep(POLL_S)
    raise ReloadError(f"{present!r} did not appear at {url} within {timeout:.0f} s (log: {log})")


def _served_at(log: Path, server: subprocess.Popen[bytes], timeout: float) -> str:
    """The address serve prints ("Serving on http://127.0.0.1:PORT/news-corpus/"): it holds
    site_url's path, so the pages of a site with a site_url are under it."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        found = re.search(r"Serving on (http://\S+)", log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return found.group(1).rstrip("/")
        if server.poll() is not None:
            raise ReloadError(f"mkdocs serve exited with status {server.returncode} (log: {log})")
        time.sleep(0.2)
    raise ReloadError(f"mkdocs serve did not start serving within {timeout:.0f} s (log: {log})")


def _replace_word(text: str, edit: Edit) -> str:
    found = re.compile(rf"\b{re.escape(edit.word)}\b").search(text, edit.after)
    if found is None:
        raise ReloadError(f"{edit.word!r} is not in {edit.path}")
    return text[:found.start()] + edit.replacement + text[found.end():]


def measure_reloads(root: Path, edits: list[Edit], log: Path, first_build_timeout: float,
                    reload_timeout: float, dirty: bool = False) -> list[Reload]:
    """Start serve in ``root`` (with ``--dirty`` as ``make serve`` runs ours), apply each
    edit in turn (and undo it), time each."""
    port = free_port()
    env = bench_env()
    env.pop("SITE_URL", None)  # serve at /, as `make serve` does
    originals = {e.path: e.path.read_bytes() for e in edits}
    log.parent.mkdir(parents=True, exist_ok=True)
    results = []
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [PYTHON, "-m", "mkdocs", "serve", "--livereload", *(["--dirty"] if dirty else []),
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            base = _served_at(log, server, first_build_timeout)
            for number, edit in enumerate(edits):
                url = base + edit.url_path
                text = originals[edit.path].decode("utf-8")
                changed = _replace_word(text, edit)
                timeout = first_build_timeout if number == 0 else reload_timeout
                _wait(url, edit.word, None, timeout, server, log)
                time.sleep(1.0)  # let the watcher settle after the (re)build that served it
                edit.path.write_text(changed, encoding="utf-8")
                edit_s = _wait(url, edit.replacement, None, reload_timeout, server, log)
                time.sleep(1.0)
                edit.path.write_bytes(originals[edit.path])
                undo_s = _wait(url, edit.word, edit.replacement, reload_timeout, server, log)
                results.append(Reload(edit_s, undo_s))
        finally:
            for path, data in originals.items():
                if path.read_bytes() != data:
                    path.write_bytes(data)
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)
    return results
