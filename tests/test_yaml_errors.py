"""YAML syntax errors point at the line and column where the problem starts: the quote or
bracket that is never closed, not the closing ``---`` where the parser gave up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import FIXTURES

from build_tools.diagnostics import DiagnosticError
from build_tools.files.yamlsafe import load_yaml
from build_tools.load import load_corpus

ARTICLE = "corpus/articles/2022/2022-09-06-x.md"

CASES = [
    # (front matter, line, column, words of the message)
    ('title: "unclosed\ndate: \'2022-09-06\'\n', 2, 8, "quoted value starts here and is never closed"),
    ("title: ok\ndate: '2022-09-06\nstatus: reviewed\n", 3, 7, "never closed"),
    ("title: [unclosed\ndate: '2022-09-06'\n", 2, 8, "list opened with '[' here is not closed "
     "(found ':' at line 3, column 5)"),
    ("title: {a: 1\ndate: '2022-09-06'\n", 2, 8, "mapping opened with '{' here is not closed"),
    ("title: Lavrov: talks\ndate: '2022-09-06'\n", 2, 14, "mapping values are not allowed"),
    ("title: ok\n\tdate: '2022-09-06'\n", 3, 1, "a tab character"),
    ("title: ok\ndate: '2022-09-06'\ntitle: again\n", 4, 1, "key 'title' is given twice"),
    ('title: "a \\q"\ndate: \'2022-09-06\'\n', 2, 12, "unknown escape character 'q'"),
    ('title: "a" b\ndate: \'2022-09-06\'\n', 2, 12, "expected <block end>"),
    ("title: x\nfoo: &a [1]\nbar: *a\n", 3, 6, "anchors and aliases"),  # at the anchor
    # an explicit tag PyYAML cannot read the value as: an error here, not its traceback
    ("title: x\nextra: !!int x\n", 3, 8, "'x' cannot be read as the type its tag !!int says"),
    ("title: x\nextra: [1, !!bool maybe]\n", 3, 12, "'maybe' cannot be read as the type its tag"),
    ("title: x\nextra: !!timestamp soon\n", 3, 8, "!!timestamp says"),
]


@pytest.mark.parametrize("front, line, col, words", CASES, ids=[c[3][:30] for c in CASES])
def test_article_yaml_error_is_placed_where_it_starts(tmp_path: Path, front: str, line: int,
                                                      col: int, words: str) -> None:
    shutil.copytree(FIXTURES / "site" / "corpus", tmp_path / "corpus")
    path = tmp_path / ARTICLE
    path.write_text(f"---\n{front}---\n\nText.\n", encoding="utf-8")
    _, report = load_corpus(tmp_path)
    found = [d for d in report.errors if d.path == ARTICLE]
    assert [(d.line, d.col, d.code) for d in found] == [(line, col, "yaml-syntax")]
    assert words in found[0].message and found[0].hint
    assert found[0].format().startswith(f"{ARTICLE}:{line}:{col}: error: invalid YAML" if
                                        "invalid" in found[0].message else f"{ARTICLE}:{line}:{col}:")


def test_the_closing_line_is_not_blamed_for_an_unclosed_quote() -> None:
    text = 'title: "A title\ndate: \'2022-09-06\'\nactors: []\nthemes: []\n'
    with pytest.raises(DiagnosticError) as caught:
        load_yaml(text, line_offset=1)
    assert (caught.value.diagnostic.line, caught.value.diagnostic.col) == (2, 8)


def test_stand_off_file_errors_are_placed_too(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "render" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "render" / "seeds", tmp_path / "seeds")
    sidecar = tmp_path / "corpus/articles/2023/2023-03-20-ministry-rejects-the-report.annotations.yml"
    lines = sidecar.read_text(encoding="utf-8").split("\n")
    at = next(i for i, text in enumerate(lines) if text.lstrip().startswith("exact:"))
    lines[at] = lines[at].split(":", 1)[0] + ': "never closed'
    sidecar.write_text("\n".join(lines), encoding="utf-8")
    _, report = load_corpus(tmp_path)
    found = [d for d in report.errors if d.path.endswith(".annotations.yml")]
    assert [(d.line, d.code) for d in found] == [(at + 1, "yaml-syntax")]
    assert found[0].col == lines[at].index('"') + 1


def test_what_dump_yaml_writes_reads_back_the_same_quickly_and_carefully() -> None:
    from build_tools.files.yamlsafe import dump_yaml

    shared = {"id": "kremlin", "roles": ["subject"]}
    data = {"title": "A: b # c", "date": "2022-09-06", "nel": "one\x85two\u2028three",
            "actors": [shared, shared], "quote": "'«»\"", "empty": "", "number_like": "007"}
    text = dump_yaml(data)
    assert "&" not in text and "*" not in text  # a value met twice is written out twice
    fast, careful = load_yaml(text, own=True), load_yaml(text)
    assert fast.data == careful.data == data
    assert fast.lines == {} and careful.lines  # only the careful read records lines


def test_own_text_that_is_not_valid_yaml_still_gets_the_careful_message() -> None:
    with pytest.raises(DiagnosticError) as caught:
        load_yaml("title: [unclosed\nlanguage: en", line_offset=1, own=True)
    assert caught.value.diagnostic.code == "yaml-syntax" and caught.value.diagnostic.line == 2
