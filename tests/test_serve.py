"""`mkdocs serve --livereload --dirty` (as `make serve` runs it) on the real plugin: edits to
corpus/ show up, a broken file is reported and the other pages keep being served."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import copy_project

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(url: str, needle: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        status, body = _get(url)
        if status == 200 and needle in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url} within {timeout}s")


@dataclass
class Served:
    server: subprocess.Popen[bytes]
    base: str  # http://127.0.0.1:<port>
    log: Path


@contextmanager
def serving(root: Path, log_path: Path) -> Iterator[Served]:
    """``mkdocs serve`` in ``root`` exactly as ``make serve`` runs it (``--livereload
    --dirty``), on a free port, its output in ``log_path``; stopped on leaving."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)  # served at /, as make serve does
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--dev-addr",
             f"127.0.0.1:{port}"],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield Served(server, f"http://127.0.0.1:{port}", log_path)
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_serve_reloads_corpus_edits_and_survives_broken_files(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    with serving(root, tmp_path / "serve.log") as served:
        server, base = served.server, served.base
        _wait_for(f"{base}/actors/konstantin-asmolov/", "Konstantin Asmolov", timeout=60)
        actor = root / "corpus" / "actors" / "konstantin-asmolov.md"
        actor.write_text(actor.read_text(encoding="utf-8").replace(
            "name: Konstantin Asmolov", "name: Konstantin Asmolov Edited"), encoding="utf-8")
        _wait_for(f"{base}/actors/konstantin-asmolov/", "Konstantin Asmolov Edited")
        broken = root / "corpus" / "articles" / "2022" / "2022-09-06-broken.md"
        broken.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while "2022-09-06-broken.md:2:8: error" not in (tmp_path / "serve.log").read_text():
            assert time.monotonic() < deadline, "the broken file was never reported"
            time.sleep(0.3)
        assert server.poll() is None, "mkdocs serve stopped on a broken corpus file"
        _wait_for(f"{base}/articles/2022/army-of-pyongyang-kyiv-is-not-going-to-take/",
                  "Army of Pyongyang")
