"""Exchanging annotations: the PTC, brat and W3C formats as pure functions, golden exports of
the ``render`` fixture and of a PTC fixture, and the round trips.

Goldens live in ``tests/golden/exchange/<fixture>/<format>/``; review the diff, then
``UPDATE_GOLDENS=1 make test`` to accept a change.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from support import FIXTURES, REPO, empty_corpus

from build_tools.annotations import strip_annotations
from build_tools.diagnostics import Severity
from build_tools.exchange.brat import Fragment, brat_type, format_ann, fragments_of, label_of_type, read_ann
from build_tools.exchange.exporter import export_annotations
from build_tools.exchange.importer import import_annotations
from build_tools.exchange.ptc import format_ptc_labels, parse_ptc_labels, ptc_article_id
from build_tools.exchange.record import Record
from build_tools.exchange.store import yaml_comment_line
from build_tools.files.seeds import read_seed_text
from build_tools.ingest.run import ingest_paths
from build_tools.load import load_corpus

GOLDEN = Path(__file__).parent / "golden" / "exchange"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
SITE_URL = "https://example.org/corpus/"
PTC = FIXTURES / "ptc"
PTC_LABELS = PTC / "article111111111.task-flc-tc.labels"
PTC_SEED = "seeds/ptc/article111111111.txt"
FORMATS = ("ptc", "brat", "w3c")


# --- pure functions ---------------------------------------------------------------------

def test_ptc_rows_and_located_problems() -> None:
    text = ("1\tLoaded_Language\t3\t9\r\n\n2\tName_Calling,Labeling\t0\t4\n"
            "3\t5\t9\n4\tDoubt\tx\t9\n5\tDoubt\t9\t9\nno tabs here\n")
    parsed = parse_ptc_labels(text)
    assert [(r.article_id, r.record.label, r.record.start, r.record.end, r.record.line)
            for r in parsed.rows] == [("1", "Loaded_Language", 3, 9, 1),
                                      ("2", "Name_Calling,Labeling", 0, 4, 3)]
    assert [(p.line, p.code) for p in parsed.problems] == [
        (4, "malformed-row"), (5, "malformed-row"), (6, "bad-offsets"), (7, "malformed-row")]
    assert "span-identification" in parsed.problems[0].message


def test_ptc_rows_are_sorted_by_begin_end_and_label() -> None:
    records = [Record("technique", 5, 9, "b"), Record("technique", 5, 9, "a"),
               Record("technique", 1, 20, "c"), Record("quote", 0, 3, actor="x")]
    assert format_ptc_labels("7", records) == "7\tc\t1\t20\n7\ta\t5\t9\n7\tb\t5\t9\n"


@pytest.mark.parametrize("seed, stem, expected", [
    ("seeds/ptc/article111111111.txt", "2019-05-27-title", "111111111"),
    ("seeds/other.txt", "2019-05-27-title", "2019-05-27-title"),
    (None, "2019-05-27-title", "2019-05-27-title"),
])
def test_ptc_article_ids(seed: str | None, stem: str, expected: str) -> None:
    assert ptc_article_id(seed, stem) == expected


def test_every_codebook_label_has_a_reversible_brat_type() -> None:
    corpus, _ = load_corpus(REPO)
    labels = {label for book in corpus.codebooks.values() for t in book.techniques.values()
              for label in t.meta.labels}
    assert len(labels) > 30
    for label in labels:
        brat = brat_type(label)
        assert brat is not None and "," not in brat and label_of_type(brat) == label
    assert brat_type("Name_Calling,Labeling") == "Name_Calling__Labeling"
    assert [brat_type(bad) for bad in ("Two words", "a__b", "Quote", "")] == [None] * 4


def test_spans_across_line_breaks_become_fragments() -> None:
    seed = "ab\r\ncd\n\nef"
    assert fragments_of(seed, 1, 10) == (Fragment(1, 2), Fragment(4, 6), Fragment(8, 10))


def test_brat_format_and_read_agree() -> None:
    seed = "Title\n\nThey said “lies”.\nКритики ответили — yes."
    records = [Record("technique", 17, 23, label="Name_Calling,Labeling", note="two\nlines"),
               Record("quote", 17, 41, actor="russia"),
               Record("claim", 7, 24, assessment="false"),
               Record("tn", 24, 41, note="Left untranslated")]
    out = format_ann(seed, records)
    assert out.problems == []
    assert out.text == (
        "T1\tClaim 7 24\tThey said “lies”.\n"
        "A1\tAssessment T1 false\n"
        "T2\tName_Calling__Labeling 17 23\t“lies”\n"
        "#1\tAnnotatorNotes T2\ttwo lines\n"
        "T3\tQuote 17 24;25 41\t“lies”. Критики ответили\n"
        "#2\tAnnotatorNotes T3\tspeaker: russia\n"
        "T4\tTranslation_note 25 41\tКритики ответили\n"
        "#3\tAnnotatorNotes T4\tLeft untranslated\n")
    read = read_ann(out.text)
    assert read.problems == []
    got = {(s.record.kind, s.record.start, s.record.end, s.record.label, s.record.actor,
            s.record.assessment, s.record.note) for s in read.spans}
    assert got == {("claim", 7, 24, None, None, "false", None),
                   ("technique", 17, 23, "Name_Calling,Labeling", None, None, "two lines"),
                   ("quote", 17, 41, None, "russia", None, None),
                   ("tn", 25, 41, None, None, None, "Left untranslated")}


def test_brat_problems_are_located() -> None:
    text = ("T1\tQuote 0 4\tlies\nT2\tDoubt 0\tx\nR1\tCause Arg1:T1 Arg2:T3\n"
            "A1\tAssessment T9 false\nT3\tTranslation_note 5 9\tword\nnonsense\n")
    read = read_ann(text)
    assert read.spans == []
    assert sorted((p.line, p.code, p.severity.value) for p in read.problems) == [
        (1, "missing-speaker", "error"), (2, "malformed-row", "error"),
        (3, "not-imported", "warning"), (4, "unknown-target", "error"),
        (5, "missing-note", "error"), (6, "malformed-row", "error")]


@pytest.mark.parametrize("text, line", [
    ("spans: []\n", None),
    ("claims:\n- id: x\n  rationale: 'Figures # are wrong'\n", None),
    ("claims:\n- id: x  # the first\n", 2),
    ("# about this file\nspans: []\n", 1),
    ("note: \"a #hash\" # and a comment\n", 1),
])
def test_yaml_comments_are_found_outside_values(text: str, line: int | None) -> None:
    assert yaml_comment_line(text) == line


# --- fixtures: the render corpus as it is, and a project with the PTC article imported ----

@pytest.fixture(scope="module")
def ptc_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real registries, the PTC seed ingested with --date and its labels imported."""
    root = tmp_path_factory.mktemp("ptc")
    empty_corpus(root)
    (root / "seeds" / "ptc").mkdir()
    shutil.copy(PTC / "seeds" / "article111111111.txt", root / PTC_SEED)
    ingested = ingest_paths([root / PTC_SEED], root, date="2019-05-27")
    assert ingested.report.errors == [] and len(ingested.written) == 1
    imported = import_annotations(root, "ptc", [PTC_LABELS])
    assert imported.report.items == [], [d.format() for d in imported.report.items]
    assert imported.added == 9
    return root


def export(root: Path, fmt: str, out: Path) -> dict[str, str]:
    result = export_annotations(root, fmt, out, SITE_URL)
    assert result.report.errors == []
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir()) if p.is_file()
            and not p.name.startswith(".") and not (fmt == "brat" and p.suffix == ".txt")}


def check_golden(folder: Path, files: dict[str, str]) -> None:
    if UPDATE:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*"))} \
        if folder.is_dir() else {}
    assert set(files) == set(expected), f"review, then UPDATE_GOLDENS=1 for {folder}"
    for name, text in files.items():
        assert text == expected[name], f"{folder.name}/{name} differs from its golden file"


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_exports_of_the_render_fixture(fmt: str, tmp_path: Path) -> None:
    check_golden(GOLDEN / "render" / fmt, export(FIXTURES / "render", fmt, tmp_path / "out"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_exports_of_the_ptc_fixture(ptc_project: Path, fmt: str, tmp_path: Path) -> None:
    check_golden(GOLDEN / "ptc" / fmt, export(ptc_project, fmt, tmp_path / "out"))


# --- round trips ------------------------------------------------------------------------

def test_ptc_import_then_export_gives_the_rows_of_the_input(ptc_project: Path, tmp_path: Path) -> None:
    rows = PTC_LABELS.read_text(encoding="utf-8").splitlines()
    expected = sorted(rows, key=lambda r: (int(r.split("\t")[2]), int(r.split("\t")[3]), r.split("\t")[1]))
    exported = export(ptc_project, "ptc", tmp_path / "out")
    assert exported == {"article111111111.labels": "\n".join(expected) + "\n"}
    corpus, report = load_corpus(ptc_project)  # what `check` runs
    assert report.errors == []
    article = next(a for a in corpus.articles if a.meta.seed == PTC_SEED)
    assert article.standoff is not None and len(article.standoff.spans) == 9
    across = next(s for s in article.standoff.spans if "\n" in s.exact)
    assert (across.exact, across.label, across.origin) == (
        "a betrayal of every\nfamily in this country", "Exaggeration,Minimisation",
        "ptc article111111111.task-flc-tc.labels:1")


def test_importing_the_same_file_twice_adds_nothing(ptc_project: Path) -> None:
    sidecar = next((ptc_project / "corpus" / "articles").rglob("*.annotations.yml"))
    before = sidecar.read_bytes()
    again = import_annotations(ptc_project, "ptc", [PTC_LABELS])
    assert (again.added, again.duplicates, again.written, again.report.items) == (0, 9, [], [])
    assert sidecar.read_bytes() == before


def stripped_copy(fixture: Path, dest: Path) -> Path:
    """The fixture without any annotation: no stand-off files, inline spans reduced to their words."""
    shutil.copytree(fixture / "corpus", dest / "corpus")
    shutil.copytree(fixture / "seeds", dest / "seeds")
    for path in (dest / "corpus" / "articles").rglob("*"):
        if path.name.endswith(".annotations.yml"):
            path.unlink()
        elif path.suffix == ".md":
            head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
            path.write_text(head + sep + strip_annotations(body), encoding="utf-8")
    return dest


def test_brat_export_import_export_is_identical(tmp_path: Path) -> None:
    first = export(FIXTURES / "render", "brat", tmp_path / "first")
    copy = stripped_copy(FIXTURES / "render", tmp_path / "copy")
    imported = import_annotations(copy, "brat", sorted((tmp_path / "first").glob("*.ann")))
    assert imported.report.errors == [] and imported.added == 9
    assert load_corpus(copy).report.errors == []
    assert export(copy, "brat", tmp_path / "second") == first
    for txt in (tmp_path / "first").glob("*.txt"):  # the seed, byte for byte as read for offsets
        assert txt.read_bytes() == read_seed_text(FIXTURES / "render" / "seeds" / txt.name).encode()


def test_brat_import_into_the_annotated_corpus_adds_nothing(tmp_path: Path) -> None:
    export(FIXTURES / "render", "brat", tmp_path / "out")
    copy = tmp_path / "copy"
    shutil.copytree(FIXTURES / "render", copy)
    again = import_annotations(copy, "brat", [tmp_path / "out"])
    assert (again.added, again.duplicates, again.report.errors) == (0, 9, [])


def test_w3c_selectors_find_exact_at_its_position(ptc_project: Path, tmp_path: Path) -> None:
    for root in (FIXTURES / "render", ptc_project):
        out = tmp_path / root.name
        files = export(root, "w3c", out)
        corpus = json.loads(files["corpus.jsonld"])
        assert corpus["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert corpus["type"] == "AnnotationCollection"
        items = corpus["first"]["items"]
        assert corpus["total"] == len(items) > 0
        pages = [json.loads(text) for name, text in files.items() if name != "corpus.jsonld"]
        in_pages = [a for page in pages for a in page["items"]]
        assert sorted(in_pages, key=lambda a: a["id"]) == sorted(items, key=lambda a: a["id"])
        assert len({a["id"] for a in items}) == len(items)
        for annotation in items:
            target = annotation["target"]
            assert target["source"].startswith(SITE_URL + "seeds/")
            assert annotation["id"].startswith(target["scope"] + "#a-")
            seed = read_seed_text(root / target["source"].removeprefix(SITE_URL))
            assert seed is not None
            quote, position = target["selector"]
            start, end = position["start"], position["end"]
            assert seed[start:end] == quote["exact"]
            assert seed[:start].endswith(quote["prefix"]) and seed[end:].startswith(quote["suffix"])
            assert annotation["motivation"] in {"tagging", "assessing", "identifying", "commenting",
                                                "highlighting"}


def test_w3c_without_a_site_url_is_relative_and_says_so(tmp_path: Path) -> None:
    result = export_annotations(FIXTURES / "render", "w3c", tmp_path / "out")
    relative = [d for d in result.report.items if d.code == "relative-urls"]
    assert len(relative) == 1 and relative[0].severity is Severity.WARNING
    page = json.loads((tmp_path / "out" / "2023-03-20-ministry-rejects-the-report.jsonld").read_text())
    assert page["items"][0]["target"]["source"] == "../seeds/standoff-piece.txt"


def test_a_span_may_start_or_end_with_white_space(ptc_project: Path, tmp_path: Path) -> None:
    """PTC spans often end with a space or a line break: the offsets count them."""
    copy = tmp_path / "copy"
    shutil.copytree(ptc_project, copy)
    seed = read_seed_text(copy / PTC_SEED) or ""
    start = seed.index("\nfamily")
    end = seed.index("Is this")
    (tmp_path / "x.labels").write_text(f"111111111\tDoubt\t{start}\t{end}\n", encoding="utf-8")
    result = import_annotations(copy, "ptc", [tmp_path / "x.labels"])
    assert (result.added, result.report.items) == (1, [])
    corpus, report = load_corpus(copy)
    assert report.errors == []
    article = next(a for a in corpus.articles if a.meta.seed == PTC_SEED)
    assert article.standoff is not None
    assert article.standoff.spans[-1].exact == "\nfamily in this country.”\n\n"
