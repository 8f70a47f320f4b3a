"""``annotations import|export`` through ``python -m build_tools`` on copies of the project:
the whole PTC workflow, the exact errors a person sees, refusals that protect files, and the
W3C files the MkDocs site publishes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, copy_project

from build_tools.load import load_corpus

PTC_LABELS = FIXTURES / "ptc" / "article111111111.task-flc-tc.labels"
SEED = "seeds/ptc/article111111111.txt"
ARTICLE = "corpus/articles/2019/2019-05-27-ministers-betray-voters-critics-say"
MINISTRY = "corpus/articles/2023/2023-03-20-ministry-rejects-the-report"
SITE_URL = "https://example.org/corpus/"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=root,
                          capture_output=True, text=True, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project with the PTC seed in seeds/ptc/, ingested with --date."""
    root = copy_project(tmp_path / "project")
    (root / "seeds" / "ptc").mkdir()
    shutil.copy(FIXTURES / "ptc" / "seeds" / "article111111111.txt", root / SEED)
    ingest = run(root, "ingest", "--date", "2019-05-27", SEED)
    assert ingest.returncode == 0, ingest.stderr
    return root


@pytest.fixture
def render_copy(tmp_path: Path) -> Path:
    root = tmp_path / "render"
    shutil.copytree(FIXTURES / "render", root)
    return root


def test_import_check_and_export_every_format(project: Path, tmp_path: Path) -> None:
    imported = run(project, "annotations", "import", "--format", "ptc", str(PTC_LABELS))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == f"wrote {ARTICLE}.annotations.yml\n"
    assert "annotations import: 9 annotations added to 1 article, 0 already there; 0 errors" \
        in imported.stderr
    assert run(project, "check").returncode == 0
    again = run(project, "annotations", "import", "--format", "ptc", str(PTC_LABELS.parent))
    assert again.returncode == 0 and "0 annotations added to 0 articles, 9 already there" in again.stderr

    ptc = run(project, "annotations", "export", "--format", "ptc", str(tmp_path / "ptc"))
    assert ptc.returncode == 0, ptc.stderr
    rows = PTC_LABELS.read_text(encoding="utf-8").splitlines()
    rows.sort(key=lambda r: (int(r.split("\t")[2]), int(r.split("\t")[3]), r.split("\t")[1]))
    assert (tmp_path / "ptc" / "article111111111.labels").read_text(encoding="utf-8") == \
        "\n".join(rows) + "\n"

    brat = run(project, "annotations", "export", "--format", "brat", str(tmp_path / "brat"))
    assert brat.returncode == 0, brat.stderr
    assert (tmp_path / "brat" / "article111111111.txt").read_bytes() == (project / SEED).read_bytes()
    assert "T5\tExaggeration__Minimisation 228 247;248 270\ta betrayal of every family in this country\n" \
        in (tmp_path / "brat" / "article111111111.ann").read_text(encoding="utf-8")

    relative = run(project, "annotations", "export", "--format", "w3c", str(tmp_path / "w3c"))
    assert relative.returncode == 0 and relative.stderr.count("[relative-urls]") == 1
    absolute = run(project, "annotations", "export", "--format", "w3c", "--site-url", SITE_URL,
                   str(tmp_path / "w3c"))
    assert absolute.returncode == 0 and "relative-urls" not in absolute.stderr
    corpus = json.loads((tmp_path / "w3c" / "corpus.jsonld").read_text(encoding="utf-8"))
    assert corpus["id"] == SITE_URL + "annotations/corpus.jsonld"
    ptc_items = [a for a in corpus["first"]["items"] if a["target"]["source"] == SITE_URL + SEED]
    assert len(ptc_items) == 9 and {a["motivation"] for a in ptc_items} == {"tagging"}


def test_import_errors_are_located_and_the_rest_is_imported(project: Path) -> None:
    shutil.copy(project / SEED, project / "seeds" / "ptc" / "article999.txt")  # not ingested
    bad = project / "bad.labels"
    bad.write_text("111111111\tLoaded_Languag\t155\t162\n"
                   "111111111\tLoaded_Language\t400\t9999\n"
                   "222\tDoubt\t1\t5\n"
                   "111111111\tLoaded_Language\t216\t224\n"
                   "111111111\tLoaded_Language\t11\t17\n"
                   "999\tDoubt\t0\t4\n"
                   "111111111 Doubt 1 5\n", encoding="utf-8")
    result = run(project, "annotations", "import", "--format", "ptc", "bad.labels")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "bad.labels:1: error: unknown technique label 'Loaded_Languag' [unknown-technique]",
        "    hint: did you mean 'Loaded_Language'? labels are listed under labels: in "
        "corpus/codebooks/<codebook>/<technique>.md",
        f"bad.labels:2: error: offsets 400-9999 are past the end of {SEED} (436 characters) [bad-offsets]",
        "    hint: offsets count characters of the seed as distributed",
        "bad.labels:3: error: no seed named article222.txt in seeds/ [unknown-article]",
        "    hint: copy the text, unchanged, into seeds/ and ingest it first: python -m build_tools "
        "ingest --date YYYY-MM-DD seeds/article222.txt",
        "bad.labels:5: error: “Betray” is in the seed but not in the article text [not-in-article]",
        f"    hint: {ARTICLE}.md leaves these words out (the title is in title:, trailing lines such "
        "as 'Subscribe...' are dropped)",
        "bad.labels:6: error: seeds/ptc/article999.txt has no article yet [not-ingested]",
        "    hint: ingest it first: python -m build_tools ingest --date YYYY-MM-DD seeds/ptc/article999.txt",
        "bad.labels:7: error: expected 4 tab-separated fields, found 1 [malformed-row]",
        "    hint: a row is <article id> TAB <technique label> TAB <begin> TAB <end>",
        "annotations import: 1 annotation added to 1 article, 0 already there; 6 errors, 0 warnings"]
    assert run(project, "check").returncode == 0
    article = next(a for a in load_corpus(project).corpus.articles if a.meta.seed == SEED)
    assert article.standoff is not None
    assert [(s.exact, s.origin) for s in article.standoff.spans] == [("disgrace", "ptc bad.labels:4")]


def test_import_keeps_what_the_stand_off_file_holds(render_copy: Path) -> None:
    sidecar = render_copy / f"{MINISTRY}.annotations.yml"
    before = load_corpus(render_copy).corpus
    old = next(a for a in before.articles if a.path == f"{MINISTRY}.md").standoff
    (render_copy / "more.labels").write_text(
        "2023-03-20-ministry-rejects-the-report\tDoubt\t182\t191\n", encoding="utf-8")
    result = run(render_copy, "annotations", "import", "--format", "ptc", "more.labels")
    assert result.returncode == 0, result.stderr
    new = next(a for a in load_corpus(render_copy).corpus.articles if a.path == f"{MINISTRY}.md").standoff
    assert old is not None and new is not None
    assert new.claims == old.claims and new.spans[:-1] == old.spans
    assert (new.spans[-1].exact, new.spans[-1].technique) == ("«correct»", "semeval2020/doubt")
    assert "# " not in sidecar.read_text(encoding="utf-8")


def test_import_refuses_a_stand_off_file_with_comments(render_copy: Path) -> None:
    sidecar = render_copy / f"{MINISTRY}.annotations.yml"
    text = sidecar.read_text(encoding="utf-8").replace("claims:\n", "claims:  # checked twice\n", 1)
    sidecar.write_text(text, encoding="utf-8")
    (render_copy / "more.labels").write_text(
        "2023-03-20-ministry-rejects-the-report\tDoubt\t182\t191\n", encoding="utf-8")
    result = run(render_copy, "annotations", "import", "--format", "ptc", "more.labels")
    assert result.returncode == 1
    assert f"{MINISTRY}.annotations.yml:1: error: cannot import into this file: it has YAML " \
        "comments, which rewriting it would lose [has-comments]" in result.stderr
    assert sidecar.read_text(encoding="utf-8") == text


def test_brat_import_checks_its_text_against_the_seed(render_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    assert run(render_copy, "annotations", "export", "--format", "brat", str(out)).returncode == 0
    (render_copy / f"{MINISTRY}.annotations.yml").unlink()
    ann = out / "standoff-piece.ann"
    ann.write_text(ann.read_text(encoding="utf-8").replace("\tKyiv regime", "\tKiev regime"),
                   encoding="utf-8")
    mismatch = run(render_copy, "annotations", "import", "--format", "brat", str(ann))
    assert mismatch.returncode == 1
    assert f"{ann}:4: error: the text field is not the seed's text at these offsets [text-mismatch]" \
        in mismatch.stderr
    # the other lines still go in; the two inline annotations are not added again
    assert "4 annotations added to 1 article, 2 already there" in mismatch.stderr
    txt = out / "standoff-piece.txt"
    txt.write_text(txt.read_text(encoding="utf-8") + "more\n", encoding="utf-8")
    differs = run(render_copy, "annotations", "import", "--format", "brat", str(ann))
    assert differs.returncode == 1 and "[seed-differs]" in differs.stderr
    assert "0 annotations added" in differs.stderr


def test_export_never_writes_over_a_person_s_files(render_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("my notes", encoding="utf-8")
    result = run(render_copy, "annotations", "export", "--format", "brat", str(out))
    assert result.returncode == 1 and "[bad-export-folder]" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]
    inside = run(render_copy, "annotations", "export", "--format", "ptc", "corpus/out")
    assert inside.returncode == 1 and "must not be inside corpus/" in inside.stderr


@pytest.mark.slow
def test_the_site_publishes_the_annotations_at_its_address(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = copy_project(tmp_path / "site", corpus=FIXTURES / "render" / "corpus",
                        seeds=FIXTURES / "render" / "seeds")
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), site_url=SITE_URL))
    page = json.loads((root / "site" / "annotations" / "2023-03-20-ministry-rejects-the-report.jsonld")
                      .read_text(encoding="utf-8"))
    html = (root / "site" / "articles" / "2023" / "ministry-rejects-the-report" / "index.html") \
        .read_text(encoding="utf-8")
    assert len(page["items"]) == 7
    for annotation in page["items"]:
        url, _, anchor = annotation["id"].partition("#")
        assert url == SITE_URL + "articles/2023/ministry-rejects-the-report/"
        assert f'id="{anchor}"' in html  # the permalink lands on the highlight
    source = annotation["target"]["source"].removeprefix(SITE_URL)
    assert (root / "site" / source).read_bytes() == (root / "seeds" / "standoff-piece.txt").read_bytes()
