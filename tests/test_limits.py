"""Limits: documented, configurable in corpus/config.yml, and each one exceeded is an error
that says the limit and how to change it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support import FIXTURES, REPO, empty_corpus

from build_tools.ingest.run import ingest_paths
from build_tools.limits import CONFIG_FILE, DEFAULTS, Limits
from build_tools.load import load_corpus

SEED = "Sep 6, 2022\n{title}\n\nPyongyang answered the question.\n"
ARTICLE = """---
title: {title}
date: '2022-09-06'
actors:
  - id: north-korea
    roles: [subject]
---

{body}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "site" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", tmp_path / "seeds")
    return tmp_path


@pytest.fixture
def registries(tmp_path: Path) -> Path:
    empty_corpus(tmp_path)
    return tmp_path


def configure(root: Path, **limits: object) -> None:
    lines = ["limits:"] + [f"  {key}: {value}" for key, value in limits.items()]
    (root / CONFIG_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def errors(root: Path) -> list[tuple[str, int, str]]:
    _, report = load_corpus(root)
    return [(d.path, d.line, d.code) for d in report.errors]


def the_error(root: Path, code: str) -> str:
    _, report = load_corpus(root)
    found = [d for d in report.errors if d.code == code]
    assert len(found) == 1, [d.format() for d in report.items]
    return found[0].format()


def write_article(root: Path, title: str = "A title", body: str = "Text.") -> str:
    rel = "corpus/articles/2022/2022-09-06-limited.md"
    (root / rel).write_text(ARTICLE.format(title=title, body=body), encoding="utf-8")
    return rel


def test_a_2000_character_title_line_is_too_long_not_missing(registries: Path) -> None:
    seed = registries / "seeds" / "long-title.txt"
    seed.write_text(SEED.format(title="Word " * 400), encoding="utf-8")
    result = ingest_paths([seed], registries)
    [problem] = result.report.errors
    assert problem.format() == (
        "seeds/long-title.txt:2: error: the title line is 1,999 characters; the limit is 300 "
        "characters [title-too-long]\n    hint: shorten the title line (the seed's first lines: date, "
        "then title); or raise limits.title_length in corpus/config.yml (now 300 characters)")
    configure(registries, title_length=2000)
    assert len(ingest_paths([seed], registries).written) == 1
    # the article (a 1,999-character title) is valid under the raised limit, and only under it
    assert errors(registries) == []
    configure(registries, title_length=1000)
    assert [code for _, _, code in errors(registries)] == ["title-too-long"]


def test_a_paragraph_after_the_date_is_not_called_a_long_title(registries: Path) -> None:
    seed = registries / "seeds" / "no-title.txt"
    seed.write_text(SEED.format(title="A sentence that goes on. " * 10), encoding="utf-8")
    [problem] = ingest_paths([seed], registries).report.errors
    assert problem.code == "no-title" and "reads as a paragraph" in problem.message


def test_a_20_mb_seed_is_refused_before_it_is_read(registries: Path) -> None:
    seed = registries / "seeds" / "huge.txt"
    seed.write_text(SEED.format(title="Huge") + "More words here.\n" * 1_200_000, encoding="utf-8")
    assert seed.stat().st_size > 20_000_000
    result = ingest_paths([seed], registries)
    [problem] = result.report.errors
    assert problem.code == "seed-too-large" and result.written == []
    assert "the limit is 1.0MB (1,000,000 bytes)" in problem.message
    assert "limits.seed_size in corpus/config.yml" in (problem.hint or "")


def test_the_seed_limit_is_configurable_with_a_unit(registries: Path) -> None:
    seed = registries / "seeds" / "small.txt"
    seed.write_text(SEED.format(title="Small") + "Words.\n" * 300, encoding="utf-8")
    configure(registries, seed_size="1 KB")
    [problem] = ingest_paths([seed], registries).report.errors
    assert problem.code == "seed-too-large" and "1.0KB (1,000 bytes)" in problem.message
    assert "default 1.0MB" in (problem.hint or "")
    configure(registries, seed_size="4 KiB")
    assert len(ingest_paths([seed], registries).written) == 1


def test_check_refuses_an_article_whose_published_seed_is_over_the_limit(project: Path) -> None:
    configure(project, seed_size=50)  # fixture-1.txt is 56 bytes
    message = the_error(project, "seed-too-large")
    assert message.startswith("corpus/articles/2022/2022-09-06-fixture-article.md:4: error: seed "
                              "'seeds/fixture-1.txt' is 56 bytes; the limit is 50B (50 bytes) "
                              "[seed-too-large]")


def test_front_matter_size(project: Path) -> None:
    rel = write_article(project, title="x\nsummary: " + "y" * 70_000)
    assert errors(project) == [(rel, 1, "front-matter-too-large")]
    assert "the limit is 64.0KB (64,000 bytes)" in the_error(project, "front-matter-too-large")
    configure(project, front_matter_size="100 KB")
    assert [code for _, _, code in errors(project)] == ["unknown-key"]  # now it is parsed


def test_corpus_file_size(project: Path) -> None:
    rel = write_article(project, body="Words and words.\n\n" * 150_000)
    assert errors(project) == [(rel, 1, "file-too-large")]
    configure(project, corpus_file_size="3 MB")
    assert errors(project) == []


def test_annotation_count(project: Path) -> None:
    rel = write_article(project, body=" ".join(f"[w{i}]{{.quote actor=north-korea}}" for i in range(5)))
    assert errors(project) == []
    configure(project, annotations_per_article=4)
    assert errors(project) == [(rel, 1, "too-many-annotations")]
    assert "the article has 5 annotations; the limit is 4 annotations" in \
        the_error(project, "too-many-annotations")


def test_an_article_title_over_the_limit(project: Path) -> None:
    rel = write_article(project, title="T" * 301)
    assert errors(project) == [(rel, 2, "title-too-long")]


@pytest.mark.parametrize("text, line, code", [
    ("limits:\n  title_lenght: 5\n", 2, "unknown-key"),
    ("limits:\n  title_length: 5000\n", 2, "invalid-value"),
    ("limits:\n  seed_size: lots\n", 2, "invalid-value"),
    ("limits:\n  seed_size: 0\n", 2, "invalid-value"),
    ("limits: [unclosed\n", 1, "yaml-syntax"),
])
def test_mistakes_in_the_config_are_reported_and_the_defaults_used(project: Path, text: str,
                                                                  line: int, code: str) -> None:
    (project / CONFIG_FILE).write_text(text, encoding="utf-8")
    corpus, report = load_corpus(project)
    assert [(d.path, d.line, d.code) for d in report.errors] == [(CONFIG_FILE, line, code)]
    assert corpus.limits == DEFAULTS and len(corpus.articles) == 2


def test_every_limit_is_documented_with_its_default() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("### Limits", 1)[1].split("\n## ", 1)[0]
    for name in Limits.model_fields:
        row = re.search(rf"^\| `{name}` \| (?P<default>[^|]+) \|", section, re.M)
        assert row, f"{name} is not in the Limits table of CONTRIBUTING.md"
        assert f"{getattr(DEFAULTS, name):,}".replace(",", "") in \
            row["default"].replace(",", "").replace(" ", ""), name
