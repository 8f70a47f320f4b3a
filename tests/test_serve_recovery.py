"""`mkdocs serve` keeps serving while corpus files are mid-edit and invalid (a registry entry
with a typo, a file cut off half-way, an empty file, a burst of saves), and recovers as soon
as they are fixed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support import copy_project
from test_serve import _get, _wait_for, serving

pytestmark = pytest.mark.slow

ARTICLE = "articles/2022/army-of-pyongyang-kyiv-is-not-going-to-take/"


def _wait_for_log(log: Path, needle: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while needle not in log.read_text(encoding="utf-8", errors="replace"):
        assert time.monotonic() < deadline, f"{needle!r} never logged"
        time.sleep(0.2)


def test_serve_survives_files_mid_edit_and_recovers(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    log_path = tmp_path / "serve.log"
    with serving(root, log_path) as served:
        server, base = served.server, served.base
        russia = root / "corpus" / "actors" / "russia.md"
        good_russia = russia.read_text(encoding="utf-8")
        article = root / "corpus" / "articles" / "2022" / "2022-09-06-half-saved.md"
        theme = root / "corpus" / "themes" / "western-hysteria.md"
        good_theme = theme.read_text(encoding="utf-8")
        _wait_for(f"{base}/actors/russia/", "Russia", timeout=60)
        # 1. a typo in a registry entry: reported, and the article naming it is still served
        russia.write_text(good_russia.replace("kind: state", "kind: stat"), encoding="utf-8")
        _wait_for_log(log_path, "corpus/actors/russia.md:3: error: 'kind': invalid value 'stat'")
        page = _wait_for(f"{base}/{ARTICLE}", "russia <em>(unresolved)</em>")
        assert "Army of Pyongyang" in page
        # 2. a file cut off half-way (unclosed front matter, a split UTF-8 character), and an
        # empty one: each reported, the server stays up
        article.write_bytes(b"---\ntitle: Half \xd0")
        _wait_for_log(log_path, "2022-09-06-half-saved.md:2: error: file is not valid UTF-8")
        theme.write_text("", encoding="utf-8")  # an editor that truncates before it writes
        _wait_for_log(log_path, "corpus/themes/western-hysteria.md:1: error: file does not start")
        # 3. a burst of saves, as an editor that writes while the rebuild runs
        for step in range(20):
            article.write_text(f"---\ntitle: Half saved {step}\ndate: '2022-09-06'\n"[: 10 + step * 3],
                               encoding="utf-8")
            time.sleep(0.05)
        assert server.poll() is None, "mkdocs serve stopped on a file mid-edit"
        assert _get(f"{base}/{ARTICLE}")[0] == 200
        # 4. fixed: everything comes back
        russia.write_text(good_russia, encoding="utf-8")
        theme.write_text(good_theme, encoding="utf-8")
        article.write_text("---\ntitle: Half saved, now whole\ndate: '2022-09-06'\n---\n\nText.\n",
                           encoding="utf-8")
        _wait_for(f"{base}/articles/2022/half-saved/", "Half saved, now whole")
        page = _wait_for(f"{base}/{ARTICLE}", 'href="../../../actors/russia/"')
        assert "(unresolved)" not in page
        assert _get(f"{base}/actors/russia/")[0] == 200
        assert server.poll() is None
        assert "Traceback" not in log_path.read_text(encoding="utf-8", errors="replace")
