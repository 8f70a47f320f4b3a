"""Invisible characters (bidi controls, zero-width, control characters) are removed and
reported, with line and column, in every text field, body and file name; they never break
actor matching, and the few uses that are real writing are kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import FIXTURES, empty_corpus

from build_tools.diagnostics import Severity, warning
from build_tools.files.frontmatter import split_front_matter
from build_tools.ingest.run import ingest_paths
from build_tools.invisible import find_invisible, show_invisible, strip_invisible
from build_tools.load import load_corpus
from build_tools.site import build_site

RLO, ZWSP, NUL = "\u202e", "\u200b", "\x00"


@pytest.mark.parametrize("text, clean", [
    (f"Pu{ZWSP}tin", "Putin"),
    (f"{RLO}nituP", "nituP"),
    ("a\u2066b\u2069c\u200ed\u200f", "abcd"),
    ("x\x00y\x07z\x7fw\x9b", "xyzw"),
    ("one\x0ctwo\u2028three", "one two three"),  # breaks become spaces, words stay apart
    ("soft\u00adhyphen\ufeff", "softhyphen"),
    ("tag\U000e0041\U000e0042s", "tags"),  # "ASCII smuggling" in tag characters
    ("Pu\ufe0ftin", "Putin"),
    ("tab\tand\nline", "tab\tand\nline"),
])
def test_removed(text: str, clean: str) -> None:
    assert strip_invisible(text) == clean


@pytest.mark.parametrize("text", [
    "می\u200cخواهم",  # Persian: the zero-width non-joiner is spelling
    "क्\u200dष",  # Devanagari joiner
    "👨\u200d👩\u200d👧",  # an emoji family
    "❤\ufe0f",  # emoji presentation selector
    "Plain English, Русский текст, Ελληνικά.",
])
def test_real_writing_is_kept(text: str) -> None:
    assert strip_invisible(text) == text and find_invisible(text) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_stripping_is_idempotent_and_only_removes_invisible_characters(text: str) -> None:
    clean = strip_invisible(text)
    assert strip_invisible(clean) == clean and find_invisible(clean) == []
    removed = [text[i] for i in find_invisible(text)]
    visible = [c for c in text if c not in removed]
    assert [c for c in clean if c != " "] == [c for c in visible if c != " "]


def test_diagnostics_show_invisible_characters_instead_of_obeying_them() -> None:
    diag = warning(f"unknown actor 'x{RLO}y'", "unknown-actor", path=f"seeds/a{RLO}txt.exe")
    assert diag.format() == ("seeds/a<U+202E>txt.exe:1: warning: unknown actor 'x<U+202E>y' "
                             "[unknown-actor]")
    assert show_invisible("plain") == "plain"


@pytest.fixture
def registries(tmp_path: Path) -> Path:
    empty_corpus(tmp_path)
    return tmp_path


def test_ingest_removes_them_reports_them_and_still_matches_names(registries: Path) -> None:
    seed = registries / "seeds" / "hidden.txt"
    seed.write_text(f"Sep 6, 2022\nPutin {RLO}answers\n\nVladimir Pu{ZWSP}tin said that "
                    f"Pyong\u2060yang is a partner.\x07\n", encoding="utf-8")
    result = ingest_paths([seed], registries)
    assert result.report.errors == []
    found = [(d.line, d.col, d.code) for d in result.report.warnings if d.code == "invisible-character"]
    assert found == [(2, 7, "invisible-character"), (4, 12, "invisible-character")]
    assert "3 invisible characters (U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+0007 BELL)" in \
        result.report.warnings[1].message
    text = result.written[0].read_text(encoding="utf-8")
    assert find_invisible(text) == []
    meta = split_front_matter(text).meta.data
    assert meta["title"] == "Putin answers"
    assert {"vladimir-putin", "north-korea"} <= {a["id"] for a in meta["actors"]}
    assert seed.read_text(encoding="utf-8").count(ZWSP) == 1  # the seed is evidence: unchanged


def test_a_seed_name_that_disguises_its_extension_is_refused(registries: Path) -> None:
    seed = registries / "seeds" / f"report{RLO}txt.exe"
    seed.write_text("Sep 6, 2022\nTitle\n\nText.\n", encoding="utf-8")
    result = ingest_paths([seed], registries)
    [problem] = result.report.errors
    assert problem.code == "bad-seed-name" and "U+202E RIGHT-TO-LEFT OVERRIDE" in problem.message
    assert problem.format().startswith("seeds/report<U+202E>txt.exe:1: error:")
    assert result.written == []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "site" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", tmp_path / "seeds")
    return tmp_path


def test_registry_name_with_a_bidi_override_is_cleaned_and_reported(project: Path) -> None:
    actor = project / "corpus" / "actors" / "north-korea.md"
    actor.write_text(actor.read_text(encoding="utf-8").replace("name: North Korea",
                                                               f"name: {RLO}aeroK htroN"),
                     encoding="utf-8")
    corpus, report = load_corpus(project)
    assert report.errors == []
    assert [(d.path, d.line, d.col, d.code) for d in report.warnings] == \
        [("corpus/actors/north-korea.md", 2, 7, "invisible-character")]
    assert corpus.actors["north-korea"].name == "aeroK htroN"
    assert len(corpus.articles) == 2  # nothing vanished


def test_a_nul_written_as_a_yaml_escape_reaches_no_page_and_no_csv(project: Path) -> None:
    article = project / "corpus" / "articles" / "2021" / "2021-01-02-older-piece.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "title: Older piece", 'title: "Older\\0 piece\\u202e"').replace(
        "An older article", f"An {RLO}older article"), encoding="utf-8")
    site = build_site(project)
    problems = [d for d in site.report.items if d.severity is not Severity.NOTE]
    assert [(d.line, d.code) for d in problems] == [(9, "invisible-character"), (2, "invisible-character")]
    assert "'title' holds invisible character U+0000 NULL, U+202E RIGHT-TO-LEFT OVERRIDE" in \
        problems[1].message
    outputs = list(site.pages.values()) + list(site.data.values())
    assert not any(find_invisible(text) for text in outputs)
    assert "Older piece" in site.data["data/articles.csv"]
    assert [a["title"] for a in json.loads(site.data["data/articles.json"])
            if a["id"].startswith("2021")] == ["Older piece"]


def test_a_stand_off_span_keeps_the_seed_s_own_characters(tmp_path: Path) -> None:
    """exact/prefix/suffix are seed text, checked against the seed: never cleaned, and the
    words are still found in the article (written without the zero-width space); a note is
    cleaned and reported."""
    shutil.copytree(FIXTURES / "render" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "render" / "seeds", tmp_path / "seeds")
    seed = tmp_path / "seeds" / "standoff-piece.txt"
    text = seed.read_text(encoding="utf-8")
    assert text[182:191] == "«correct»"
    seed.write_text(text[:186] + ZWSP + text[186:], encoding="utf-8")
    sidecar = tmp_path / "corpus/articles/2023/2023-03-20-ministry-rejects-the-report.annotations.yml"
    data = sidecar.read_text(encoding="utf-8")
    data = data.replace("  exact: «correct»", '  exact: "«cor\\u200Brect»"').replace(
        "  end: 191\n  technique: loaded-language",
        '  end: 192\n  technique: loaded-language\n  note: "a\\u202E note"')
    sidecar.write_text(data, encoding="utf-8")
    corpus, report = load_corpus(tmp_path)
    assert report.errors == []
    rel = "corpus/articles/2023/2023-03-20-ministry-rejects-the-report.annotations.yml"
    assert [(d.path, d.line, d.code) for d in report.warnings if d.code == "invisible-character"] == \
        [(rel, data.split("\n").index('  note: "a\\u202E note"') + 1, "invisible-character")]
    [article] = [a for a in corpus.articles if a.standoff]
    assert article.standoff is not None
    assert article.standoff.spans[-1].exact == "«cor\u200brect»"
    assert article.standoff.spans[-1].note == "a note"


def test_an_imported_brat_note_is_stored_without_them(tmp_path: Path) -> None:
    from build_tools.exchange.importer import import_annotations

    shutil.copytree(FIXTURES / "render", tmp_path / "render")
    root = tmp_path / "render"
    ann = root / "standoff-piece.ann"
    seed = (root / "seeds" / "standoff-piece.txt").read_text(encoding="utf-8")
    at = seed.index("the figures")
    ann.write_text(f"T1\tDoubt {at} {at + 11}\tthe figures\n#1\tAnnotatorNotes T1\ta {RLO}note\n",
                   encoding="utf-8")
    result = import_annotations(root, "brat", [ann])
    assert result.report.errors == [] and result.added == 1
    assert [(d.line, d.code) for d in result.report.warnings] == [(1, "invisible-character")]
    corpus, report = load_corpus(root)
    assert report.errors == [] and not [d for d in report.warnings if d.code == "invisible-character"]
    [article] = [a for a in corpus.articles if a.standoff]
    assert article.standoff is not None and article.standoff.spans[-1].note == "a note"
