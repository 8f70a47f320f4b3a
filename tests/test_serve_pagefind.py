"""`mkdocs serve --livereload` with ``search: pagefind``: the index is written into the served
folder after every build, so a new article is searchable without restarting the server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import FIXTURES, copy_project, use_search
from test_serve import _free_port, _get, _wait_for

pytestmark = pytest.mark.slow


def _page_count(base: str) -> int:
    status, body = _get(f"{base}/pagefind/pagefind-entry.json")
    return int(json.loads(body)["languages"]["en"]["page_count"]) if status == 200 else -1


def test_serve_rebuilds_the_pagefind_index(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    use_search(root, "pagefind")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/pagefind/pagefind.js", "", timeout=90)
        assert _page_count(base) == 7
        assert "search: Pagefind indexed 7 pages" in log_path.read_text(encoding="utf-8")
        article = _wait_for(f"{base}/articles/2021/older-piece/", "data-pagefind-body")
        assert "search/search_index.json" not in article
        new = root / "corpus" / "articles" / "2021" / "2021-03-04-newer-piece.md"
        new.write_text("---\ntitle: Newer piece\ndate: '2021-03-04'\n---\n\nA newer article.\n",
                       encoding="utf-8")
        deadline = time.monotonic() + 60
        while _page_count(base) != 8:
            assert time.monotonic() < deadline, "the served Pagefind index never counted the new page"
            assert server.poll() is None, "mkdocs serve stopped"
            time.sleep(0.5)
        _wait_for(f"{base}/articles/2021/newer-piece/", "data-pagefind-body")
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
