"""One bad registry file is reported once and the rest builds: the articles that name the
entry keep their pages, with the entry shown unresolved, and each reference is a warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import FIXTURES, REPO

from build_tools.load import load_corpus
from build_tools.site import build_site

ARMY = "corpus/articles/2022/2022-09-06-army-of-pyongyang-kyiv-is-not-going-to-take"
PAGE = "articles/2022/army-of-pyongyang-kyiv-is-not-going-to-take.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return tmp_path


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_typo_in_russia_md_keeps_every_article_that_names_russia(project: Path) -> None:
    edit(project, "corpus/actors/russia.md", "kind: state", "kind: stat")
    site = build_site(project)
    corpus, report = site.indexes.corpus, site.report
    assert [(d.path, d.code) for d in report.errors] == [("corpus/actors/russia.md", "invalid-value")]
    late = [(d.path, d.code) for d in report.warnings]
    assert (f"{ARMY}.md", "unresolved-actor") in late  # the front matter's actors:
    assert (f"{ARMY}.annotations.yml", "unresolved-actor") in late  # a claim about russia
    assert all(code == "unresolved-actor" for _, code in late)
    assert [a.id for a in corpus.articles] == [ARMY.rsplit("/", 1)[1]]
    first = next(d for d in report.warnings if d.path == f"{ARMY}.md")
    assert first.format().startswith(f"{ARMY}.md:")
    assert "actor 'russia' is unresolved: corpus/actors/russia.md has errors" in first.message
    page = site.pages[PAGE]
    # (the page's lists are ready HTML, render/readyhtml.py)
    assert "russia <em>(unresolved)</em>" in page and "/actors/russia.md" not in page
    assert "actors/russia.md" not in site.pages
    assert "/actors/russia.md" not in site.pages["actors/index.md"]


def test_check_still_fails_on_the_broken_file_itself(project: Path) -> None:
    edit(project, "corpus/actors/russia.md", "kind: state", "kind: stat")
    corpus, report = load_corpus(project)
    assert len(report.errors) == 1 and len(corpus.articles) == 1


def test_a_broken_theme_and_a_broken_source(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "site" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", tmp_path / "seeds")
    edit(tmp_path, "corpus/themes/fixture-theme.md", "title:", "titel:")
    edit(tmp_path, "corpus/sources/daily-example.md", "name:", "nam:")
    site = build_site(tmp_path)
    # each broken file reported where it is (an unknown key, a missing one), nothing else
    assert sorted({d.path for d in site.report.errors}) == ["corpus/sources/daily-example.md",
                                                            "corpus/themes/fixture-theme.md"]
    article = "corpus/articles/2022/2022-09-06-fixture-article.md"
    assert sorted((d.path, d.code) for d in site.report.warnings) == [
        (article, "unresolved-source"), (article, "unresolved-theme")]
    page = site.pages["articles/2022/fixture-article.md"]
    # the themes list and the facts are ready HTML (render/readyhtml.py)
    assert "fixture-theme <em>(unresolved)</em>" in page and "daily-example <em>(unresolved)</em>" in page
    assert len(site.indexes.corpus.articles) == 2


def test_broken_technique_and_translation_note_files(project: Path) -> None:
    edit(project, "corpus/translation-notes/joint-venture-sp.md", "---\n", "---\nbad: [\n")
    technique = next((project / "corpus/codebooks/semeval2020").glob("name-calling-labeling.md"))
    technique.write_text("no front matter\n", encoding="utf-8")
    site = build_site(project)
    assert sorted(d.path for d in site.report.errors) == [
        "corpus/codebooks/semeval2020/name-calling-labeling.md",
        "corpus/translation-notes/joint-venture-sp.md"]
    codes = {d.code for d in site.report.warnings}
    assert codes == {"unresolved-technique", "unresolved-translation-note"}
    assert PAGE in site.pages


def test_a_broken_default_codebook_is_never_replaced_by_another(project: Path) -> None:
    edit(project, "corpus/codebooks/semeval2020.md", "---\n", "---\nbad: [\n")
    corpus, report = load_corpus(project)
    assert [d.path for d in report.errors] == ["corpus/codebooks/semeval2020.md"]
    assert "semeval2023" in corpus.codebooks and len(corpus.articles) == 1
    assert {d.code for d in report.warnings} == {"unresolved-technique"}


def test_an_unknown_id_with_no_file_is_still_an_error(project: Path) -> None:
    edit(project, f"{ARMY}.md", "- id: russia\n", "- id: russsia\n")
    corpus, report = load_corpus(project)
    assert [d.code for d in report.errors] == ["unknown-actor"] and corpus.articles == []


def test_an_unknown_related_theme_is_reported_and_left_out_of_the_page(project: Path) -> None:
    theme = "corpus/themes/western-hysteria.md"
    edit(project, theme, "related:\n- kyiv-spreads-fakes", "related:\n- no-such-theme\n- kyiv-spreads-fakes")
    site = build_site(project)
    assert [(d.path, d.code) for d in site.report.errors] == [(theme, "unknown-theme")]
    assert "left out of the page" in site.report.errors[0].message
    page = site.pages["themes/western-hysteria.md"]
    assert "no-such-theme" not in page and "/themes/kyiv-spreads-fakes.md" in page


def test_a_related_theme_whose_file_is_broken_is_a_warning_and_left_out(project: Path) -> None:
    edit(project, "corpus/themes/western-hysteria.md", "related:\n- kyiv-spreads-fakes",
         "related:\n- world-order-breakdown\n- kyiv-spreads-fakes")
    edit(project, "corpus/themes/world-order-breakdown.md", "title:", "titel:")
    site = build_site(project)
    assert {d.path for d in site.report.errors} == {"corpus/themes/world-order-breakdown.md"}
    assert ("corpus/themes/western-hysteria.md", "unresolved-theme") in \
        [(d.path, d.code) for d in site.report.warnings]
    assert "world-order-breakdown" not in site.pages["themes/western-hysteria.md"]


@pytest.mark.slow
def test_mkdocs_builds_the_articles_and_strict_still_fails(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort
    from support import build_project, copy_project

    root = copy_project(tmp_path / "project")
    edit(root, "corpus/actors/russia.md", "kind: state", "kind: stat")
    built = build_project(root)
    assert any(w.startswith("corpus/actors/russia.md:3:") and "[invalid-value]" in w
               for w in built.warnings), built.warnings
    html = built.page("articles/2022/army-of-pyongyang-kyiv-is-not-going-to-take/")
    assert "russia <em>(unresolved)</em>" in html
    assert not (built.site / "actors" / "russia").exists()
    assert not any("russia/" in w and "link" in w.lower() for w in built.warnings)  # no dead link
    with pytest.raises(Abort):
        build_project(root, strict=True)
