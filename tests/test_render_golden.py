"""Render goldens: every page and open-data file ``build_site`` makes from a fixture corpus,
compared with a reviewed file under ``tests/golden/render/<fixture>/<site path>``.

The goldens are the spec of the render stage, read without MkDocs: the Markdown each page
kind gets (article, actor, actor index, theme, theme index, source, source index,
chronology, year) and the home page's ``<!-- corpus:stats -->`` expansion (golden
``index.md``). Two fixtures: ``site`` (hostile content, shared with the MkDocs tests) and
``render`` (every annotation kind, proposed and unused registry entries, related themes,
cited sources, each kind of provenance).
"""

from __future__ import annotations

import difflib
import functools
import os
from pathlib import Path

import pytest
from support import FIXTURES, REPO

from build_tools.annotations import KINDS
from build_tools.render.pages import STATS_MARKER, expand_markers
from build_tools.site import SiteBuild, build_site

GOLDEN = Path(__file__).parent / "golden" / "render"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
REPO_URL = "https://github.com/example/news-corpus"
FIXTURE_NAMES = ("site", "render")
HOME = "index.md"  # docs/index.md with the stats marker expanded
# The exact diagnostics each fixture build reports: warnings only, never an error.
NO_SITE_URL = ("mkdocs.yml:1: note: site_url is not set: feeds, JSON-LD and the open data use relative "
               "addresses (set SITE_URL, or site_url in mkdocs.yml, for absolute ones) [info]")
EXPECTED_DIAGNOSTICS = {
    "site": [NO_SITE_URL],
    "render": ["corpus/articles/2023/2023-03-02-short-note.md:4: warning: seed file "
               "'seeds/missing-note.txt' not found [missing-seed]\n"
               "    hint: seeds are kept in seeds/ unchanged", NO_SITE_URL],
}


@functools.cache
def build(fixture: str) -> SiteBuild:
    """``build_site`` only reads ``corpus/`` and ``seeds/``, so the fixture is built in place."""
    return build_site(FIXTURES / fixture, REPO_URL)


@functools.cache
def outputs(fixture: str) -> dict[str, str]:
    """Site path -> content of every generated page and data file, plus the home page."""
    site = build(fixture)
    home = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    assert STATS_MARKER in home
    # the page heads' JSON-LD beside each page, as export writes it; the database is binary and
    # checked by tests/test_opendata.py
    heads = {path.removesuffix(".md") + ".jsonld": text for path, text in site.head.items()}
    return {**site.pages, **site.data, **heads, HOME: expand_markers(home, site.indexes)}


def golden_paths(fixture: str) -> set[str]:
    folder = GOLDEN / fixture
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


CASES = [(fixture, path) for fixture in FIXTURE_NAMES
         for path in sorted(set(outputs(fixture)) | golden_paths(fixture))]


@pytest.mark.parametrize(("fixture", "path"), CASES, ids=[f"{f}/{p}" for f, p in CASES])
def test_render_golden(fixture: str, path: str) -> None:
    """Golden files: review the diff, then UPDATE_GOLDENS=1 make test to accept a change."""
    golden = GOLDEN / fixture / path
    actual = outputs(fixture).get(path)
    if UPDATE:
        if actual is None:
            golden.unlink()
            return
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual is not None, f"{path} is no longer generated: review, then UPDATE_GOLDENS=1 " \
        "to remove its golden file"
    assert golden.exists(), f"no golden file: review, then UPDATE_GOLDENS=1 for {fixture}/{path}"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(keepends=True),
                                    actual.splitlines(keepends=True),
                                    f"golden/render/{fixture}/{path}", "rendered")
        pytest.fail("".join(diff), pytrace=False)


@pytest.mark.parametrize("fixture", FIXTURE_NAMES)
def test_generated_paths_are_exactly_the_golden_files(fixture: str) -> None:
    if UPDATE:
        pytest.skip("goldens are being rewritten")
    assert set(outputs(fixture)) == golden_paths(fixture)


@pytest.mark.parametrize("fixture", FIXTURE_NAMES)
def test_build_reports_no_errors(fixture: str) -> None:
    report = build(fixture).report
    assert report.errors == []
    assert [d.format() for d in report.items] == EXPECTED_DIAGNOSTICS[fixture]


PAGE_KINDS = {
    "article page": "render/articles/2023/sanctions-interview.md",
    "actor page": "render/actors/kim-jong-un.md",
    "proposed actor, in no article": "render/actors/quiet-militia.md",
    "actor index": "render/actors/index.md",
    "theme page with related themes": "render/themes/sanctions-fail.md",
    "theme index": "render/themes/index.md",
    "source page": "render/sources/kcna.md",
    "source index": "render/sources/index.md",
    "chronology": "render/articles/index.md",
    "year page": "render/articles/2023/index.md",
    "home page statistics": "render/index.md",
    "open data": "render/data/articles.json",
    "translation beside its original": "render/articles/2023/grain-deal.md",
    "browse page": "render/browse/index.md",
    "browse data": "render/data/browse.json",
    "actor pairs": "render/cooccurrence/actors.md",
    "actor x theme matrix": "render/cooccurrence/actors-themes.md",
    "co-occurrence overview": "render/cooccurrence/index.md",
    "open-data page": "render/data/index.md",
    "data package": "render/data/datapackage.json",
    "citation": "render/data/CITATION.cff",
    "corpus feed": "render/feeds/articles.atom",
    "actor feed": "render/feeds/actors/kim-jong-un.atom",
}


def test_goldens_cover_every_page_kind_and_annotation_kind() -> None:
    covered = {f"{fixture}/{path}" for fixture, path in CASES}
    assert {kind: path for kind, path in PAGE_KINDS.items() if path not in covered} == {}
    found = {kind for annotations in build("render").indexes.annotations.values()
             for ann in annotations.annotations for kind in ann.kinds}
    assert found == set(KINDS)
