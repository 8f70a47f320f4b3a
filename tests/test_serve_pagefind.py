"""`mkdocs serve` as `make serve` runs it, with ``search: pagefind``: the index is written into the served
folder after every build, so a new article is searchable without restarting the server."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from support import FIXTURES, copy_project, use_search
from test_serve import _get, _wait_for, serving

pytestmark = pytest.mark.slow


def _page_count(base: str) -> int:
    status, body = _get(f"{base}/pagefind/pagefind-entry.json")
    return int(json.loads(body)["languages"]["en"]["page_count"]) if status == 200 else -1


def test_serve_rebuilds_the_pagefind_index(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    use_search(root, "pagefind")
    log_path = tmp_path / "serve.log"
    with serving(root, log_path) as served:
        server, base = served.server, served.base
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
