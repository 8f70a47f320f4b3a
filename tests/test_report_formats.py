"""``check --format github|json``: every diagnostic check finds, printed so GitHub (or another
tool) reads back exactly the path, line, column, code, message and hint.

The GitHub commands are parsed here with GitHub's own rules, written out independently of
the code under test: ``::<level> key=value,key=value::message``, where a property value has
``%``, CR, LF, ``:`` and ``,`` percent-encoded and the message ``%``, CR and LF.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, REPO

from build_tools.diagnostics import Diagnostic, Severity
from build_tools.load import load_corpus
from build_tools.report_formats import github_command

COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "notice": Severity.NOTE}


def unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: bytes.fromhex(m.group(1)).decode(), text)


def parse_github(line: str) -> Diagnostic:
    match = COMMAND.match(line)
    assert match, line
    props = dict(part.split("=", 1) for part in match["props"].split(","))
    message, _, hint = unescape(match["message"]).partition("\nhint: ")
    return Diagnostic(unescape(props.get("file", "")), int(props["line"]), message,
                      unescape(props["title"]), LEVELS[match["level"]], hint or None,
                      int(props["col"]) if "col" in props else None)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A project with errors and warnings of many kinds, in file names and messages that need
    escaping (a comma in a file name, a colon and a per cent sign in a key)."""
    shutil.copytree(FIXTURES / "site" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", tmp_path / "seeds")
    articles = tmp_path / "corpus" / "articles" / "2022"
    (articles / "2022-09-06-typo.md").write_text(
        "---\ntitel: x\ntitle: A\ndate: '2022-09-06'\n'100%: sure, yes': 1\n---\n\nText.\n",
        encoding="utf-8")
    (articles / "2022-09-07-refs.md").write_text(
        "---\ntitle: B\ndate: '2022-09-07'\nseed: seeds/gone.txt\nactors:\n- id: north-koreaa\n"
        "  roles: [subject]\n---\n\n[x]{.speaker actor=ghost} Text.\n", encoding="utf-8")
    (tmp_path / "corpus" / "actors" / "Bad,Name.md").write_text("---\nname: B\nkind: person\n---\n")
    return tmp_path


def run_check(root: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "check",
                           "--format", fmt], capture_output=True, text=True, cwd=REPO)


def test_github_commands_parse_back_to_the_diagnostics(broken: Path) -> None:
    expected = load_corpus(broken).report.items
    assert len(expected) >= 6 and any(d.col for d in expected) and any(d.hint for d in expected)
    assert any(d.severity is Severity.WARNING for d in expected)
    run = run_check(broken, "github")
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert [parse_github(line) for line in lines] == expected
    assert any("%2C" in line for line in lines) and any("%25" in line for line in lines)
    assert any(line.startswith("::warning ") for line in lines)
    # the log keeps every problem in text too (GitHub shows 10 annotations of a kind per step)
    assert all(d.format() in run.stderr for d in expected)
    assert "errors" in run.stderr.splitlines()[-1]


def test_json_lines_parse_back_to_the_diagnostics(broken: Path) -> None:
    expected = load_corpus(broken).report.items
    run = run_check(broken, "json")
    assert run.returncode == 1
    found = [json.loads(line) for line in run.stdout.splitlines()]
    assert [Diagnostic(d["path"], d["line"], d["message"], d["code"], Severity(d["severity"]),
                       d["hint"], d["col"]) for d in found] == expected
    assert "error:" not in run.stderr.replace("0 errors", "")  # only the summary goes to stderr


def test_a_clean_corpus_prints_no_command_and_exits_0() -> None:
    run = run_check(FIXTURES / "site", "github")
    assert run.returncode == 0 and run.stdout == ""


def test_every_special_character_survives_the_round_trip() -> None:
    diag = Diagnostic("corpus/a,b:c%d.md", 7, "50% of 'a: b, c'\r\nnext", "x-y", Severity.NOTE,
                      "try: this, or %0A that", 3)
    line = github_command(diag)
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::notice file=corpus/a%2Cb%3Ac%25d.md,line=7,col=3,title=x-y::")
    assert parse_github(line) == diag


def contributing_json_blocks() -> list[dict[str, object]]:
    """The JSON settings CONTRIBUTING.md gives for VS Code."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("### Editor schemas (VS Code)", 1)[1].split("\n## ", 1)[0]
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", section, re.S)]


def test_the_documented_vs_code_settings_fit_the_schemas_and_check_s_output(broken: Path) -> None:
    from build_tools.files.kinds import KINDS

    settings, tasks = contributing_json_blocks()
    mapping = settings["yaml.schemas"]  # type: ignore[index]
    assert mapping == {f"./.schemas/{kind.schema_file}": kind.globs[0] for kind in KINDS}
    matcher = tasks["tasks"][0]["problemMatcher"]["pattern"]  # type: ignore[index]
    pattern = re.compile(matcher["regexp"])
    expected = load_corpus(broken).report.items
    lines = [line for line in run_check(broken, "text").stderr.splitlines()
             if not line.startswith(("    hint:", "check:"))]
    assert len(lines) == len(expected)
    for line, diag in zip(lines, expected, strict=True):
        match = pattern.match(line)
        assert match, line
        assert (match[matcher["file"]], int(match[matcher["line"]]), match[matcher["message"]],
                match[matcher["code"]], match[matcher["severity"]]) == (
            diag.path, diag.line, diag.message, diag.code, diag.severity.value)
        assert match[matcher["column"]] == (str(diag.col) if diag.col else None)
