"""A real strict MkDocs build with the starter registry on: the starter actors an article names
get pages (flagged as starter entries, with no "edit" link into the package), the hundreds no
article names get none, and the actor index and open data list only the named ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import FIXTURES, build_project, copy_project

from build_tools.cli import main
from build_tools.ingest.run import ingest_paths

SEED = """\
19.09.2022
Erdogan and Reuters

ANKARA, September 19. Recep Tayyip Erdoğan told Reuters that the talks would go on.
"""


@pytest.mark.slow
def test_only_named_starter_actors_get_pages(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    assert main(["--root", str(root), "registry", "add-starter"]) == 0
    seed = root / "seeds" / "erdogan.txt"
    seed.write_text(SEED, encoding="utf-8")
    assert ingest_paths([seed], root).written
    built = build_project(root, strict=True)
    assert built.warnings == []
    page = built.page("actors/recep-tayyip-erdogan/")
    assert "From the starter registry" in page and "registry adopt recep-tayyip-erdogan" in page
    assert "President of Turkey" in page and "build_tools/starter" not in page
    assert (built.site / "actors" / "reuters" / "index.html").is_file()
    for unnamed in ("xi-jinping", "hamas", "world-health-organization", "chad"):
        assert not (built.site / "actors" / unnamed).exists()
    index = built.page("actors/")
    assert "Recep Tayyip Erdoğan" in index and "Xi Jinping" not in index
    actors = json.loads((built.site / "data" / "actors.json").read_text(encoding="utf-8"))
    ids = json.dumps(actors)
    assert "recep-tayyip-erdogan" in ids and "xi-jinping" not in ids
    shutil.rmtree(built.site)
