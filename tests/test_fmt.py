"""``fmt``: idempotent and lossless on every corpus file (the project's and the fixtures'), the
normal form is what ingest writes, and a file it cannot round-trip exactly is refused with a
line and left byte for byte as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURES, REPO, empty_corpus

from build_tools.diagnostics import DiagnosticError
from build_tools.files.frontmatter import split_front_matter
from build_tools.files.kinds import BY_NAME, kind_of
from build_tools.files.normal_form import normalise, same_data
from build_tools.files.yamlsafe import load_yaml
from build_tools.fmt import format_paths
from build_tools.ingest.run import ingest_paths
from build_tools.model import ActorMeta

ACTOR = BY_NAME["actor"]
CORPUS_FILES = sorted((root, path.relative_to(root).as_posix())
                      for root in (REPO, FIXTURES / "site", FIXTURES / "render")
                      for path in (root / "corpus").rglob("*") if path.is_file())


def parsed(text: str, front_matter: bool = True) -> tuple[object, str | None]:
    """The data and the body as check reads them (BOM and CRLF as decode_text treats them)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not front_matter:
        return load_yaml(text).data, None
    doc = split_front_matter(text)
    return doc.meta.data, doc.body


def raw_body(text: str) -> str:
    """The bytes after the closing line of the front matter, exactly."""
    lines = text.split("\n")
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r").rstrip() in ("---", "..."))
    return "\n".join(lines[closing + 1:])


@pytest.mark.parametrize(("root", "rel"), CORPUS_FILES,
                         ids=[f"{r.relative_to(REPO).as_posix() or '.'}/{p}" for r, p in CORPUS_FILES])
def test_fmt_is_lossless_and_idempotent_on_every_corpus_file(root: Path, rel: str) -> None:
    kind = kind_of(rel)
    assert kind is not None
    before = (root / rel).read_text(encoding="utf-8")
    after = normalise(before, kind).text  # raises (and fails) if the file were refused
    assert same_data(parsed(before, kind.front_matter)[0], parsed(after, kind.front_matter)[0])
    if kind.front_matter:
        assert raw_body(after) == raw_body(before)
    again = normalise(after, kind)
    assert not again.changed and again.text == after


def test_what_ingest_writes_is_already_formatted(tmp_path: Path) -> None:
    empty_corpus(tmp_path)
    for seed in sorted((REPO / "tests" / "golden" / "ingest").glob("*.txt")):
        shutil.copy(seed, tmp_path / "seeds" / seed.name)
    result = ingest_paths([tmp_path / "seeds"], tmp_path, propose=True)
    assert len(result.written) >= 5 and result.proposed  # articles and proposed actors
    check = format_paths(tmp_path, result.written + result.proposed, check=True)
    assert check.report.items == [] and check.unchanged == len(result.written + result.proposed)


def fmt(text: str) -> str:
    return normalise(text, ACTOR).text


def test_keys_go_in_schema_order_lists_in_block_style_quotes_as_ingest_writes() -> None:
    text = ('---\nstatus: accepted\naliases: ["DPRK", \'Pyongyang\']\nkind: state\n'
            'name: "North Korea"\ncountry: "yes"\n---\nBody text.\n')
    assert fmt(text) == ("---\nname: North Korea\nkind: state\naliases:\n- DPRK\n- Pyongyang\n"
                         "country: 'yes'\nstatus: accepted\n---\nBody text.\n")
    nested = ("---\nactors:\n  - roles: [subject]\n    id: north-korea\ndate: '2022-09-06'\n"
              "title: T\nsources: {cited: [{kind: media, name: X}]}\n---\n\nText.\n")
    assert normalise(nested, BY_NAME["article"]).text == (
        "---\ntitle: T\ndate: '2022-09-06'\nsources:\n  cited:\n  - name: X\n    kind: media\n"
        "actors:\n- id: north-korea\n  roles:\n  - subject\n---\n\nText.\n")


@pytest.mark.parametrize("body", ["", "\n", "Text right after.", "\n\n  Indented\ttabs  \n\n\n",
                                  "---\nnot: front matter\n---\n", "# heading\n\n- list: x\n"])
def test_the_body_is_kept_byte_for_byte(body: str) -> None:
    text = f"---\nkind: person\nname: X\n---\n{body}"
    assert fmt(text) == f"---\nname: X\nkind: person\n---\n{body}"


def test_windows_line_ends_and_a_byte_order_mark_are_kept() -> None:
    crlf = "\ufeff---\r\nkind: person\r\nname: X\r\n---\r\n\r\nBody\r\nmore\r\n"
    assert fmt(crlf) == "\ufeff---\r\nname: X\r\nkind: person\r\n---\r\n\r\nBody\r\nmore\r\n"
    stand_off = "spans: []\r\nclaims: []\r\n"
    assert normalise(stand_off, BY_NAME["annotations"]).text == "claims: []\r\nspans: []\r\n"


@pytest.mark.parametrize(("text", "line", "code"), [
    ("---\nname: X # who\nkind: person\n---\nB\n", 2, "has-comments"),
    ("---\nname: X\n# a note\nkind: person\n---\nB\n", 3, "has-comments"),
    ("---\nname: X\nkind: person\naliases:\n- a\n  # x\n---\nB\n", 6, "has-comments"),
    ("---\nname: !!str X\nkind: person\n---\nB\n", 2, "unusual-yaml"),
    ("---\nname: X\nkind: person\naliases: &a [x]\n---\nB\n", 4, "unusual-yaml"),
    ("---\nname: &a X\nkind: person\naliases: [*a]\n---\nB\n", 2, "yaml-syntax"),
    ("---\r\nname: X\nkind: person\r\n---\r\nB\r\n", 2, "mixed-line-ends"),
    ("---\nname: X\nkind: wizard\n---\nB\n", 3, "schema-error"),
    ("---\nname: X\nkind: person\nalias: [y]\n---\nB\n", 4, "schema-error"),
    ("---\nname: [X\n---\nB\n", 2, "yaml-syntax"),
    ("No front matter.\n", 1, "no-front-matter"),
])
def test_a_file_fmt_cannot_round_trip_is_refused_with_its_line(text: str, line: int, code: str) -> None:
    with pytest.raises(DiagnosticError) as refused:
        fmt(text)
    assert (refused.value.diagnostic.line, refused.value.diagnostic.code) == (line, code)


def test_a_hash_inside_a_value_is_not_a_comment() -> None:
    text = "---\nname: 'C# and #hashtags'\nkind: person\naliases: [a#b, \"#c\"]\n---\nB\n"
    assert fmt(text) == "---\nname: 'C# and #hashtags'\nkind: person\naliases:\n- a#b\n- '#c'\n---\nB\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(min_size=1, max_size=60).filter(lambda s: s.strip() and "\r" not in s),
       aliases=st.lists(st.text(min_size=1, max_size=30).filter(lambda s: s.strip() and "\r" not in s),
                        max_size=3),
       body=st.text(max_size=80).filter(lambda s: "\r" not in s))
def test_any_text_in_the_front_matter_round_trips(name: str, aliases: list[str], body: str) -> None:
    import yaml

    meta = {"aliases": aliases, "name": name, "kind": "person"}
    try:
        ActorMeta.model_validate(meta)
    except ValueError:
        return  # not a valid actor: fmt refuses those (tested above)
    text = f"---\n{yaml.safe_dump(meta, allow_unicode=True, default_flow_style=True)}---\n{body}"
    try:
        assert parsed(text)[0] == meta
    except (DiagnosticError, AssertionError):
        return  # the generated YAML itself is not what it means (e.g. a control character)
    try:
        after = fmt(text)
    except DiagnosticError as exc:
        assert exc.diagnostic.code in ("has-comments", "not-lossless"), exc.diagnostic
        return
    assert same_data(parsed(after)[0], meta) and raw_body(after) == body
    assert fmt(after) == after


# --- the command -------------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "site" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", tmp_path / "seeds")
    return tmp_path


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", "fmt", *args], capture_output=True,
                          text=True, cwd=project)


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for p in sorted((project / "corpus").rglob("*")) if p.is_file()}


def test_fmt_check_reports_and_writes_nothing_then_fmt_formats_then_check_passes(project: Path) -> None:
    before = snapshot(project)
    check = run(project, "--check")
    assert check.returncode == 1 and snapshot(project) == before
    assert ("corpus/actors/north-korea.md:4: error: not formatted: fmt would change this file from "
            "this line on [not-formatted]") in check.stderr
    files = len(before)  # every corpus file of the fixture: none is in the normal form yet
    assert f"fmt: {files} files to format, 0 already formatted, 0 left alone" in check.stderr
    done = run(project)
    assert done.returncode == 0, done.stderr
    assert "formatted corpus/actors/north-korea.md" in done.stdout
    assert run(project, "--check").returncode == 0
    from build_tools.load import load_corpus

    assert load_corpus(project).report.items == []  # still a valid corpus
    assert run(project).stdout == ""  # nothing more to do


def test_pre_commit_style_file_arguments_and_a_diff(project: Path) -> None:
    seed = next((project / "seeds").iterdir()).relative_to(project).as_posix()
    out = run(project, "--check", "--diff", "corpus/actors/north-korea.md", seed, "corpus/nope.md")
    assert out.returncode == 1
    assert "+++ corpus/actors/north-korea.md (fmt)" in out.stdout and "+- DPRK" in out.stdout
    assert f"{seed}:1: warning: is not a corpus file: left alone [not-corpus-file]" in out.stderr
    assert "corpus/nope.md:1: warning: does not exist: left alone [not-corpus-file]" in out.stderr
    assert "1 file to format" in out.stderr


def test_a_refused_file_is_left_byte_for_byte_and_the_rest_is_formatted(project: Path) -> None:
    commented = project / "corpus" / "actors" / "north-korea.md"
    commented.write_bytes(commented.read_bytes().replace(b"kind: state", b"kind: state  # a state"))
    before = commented.read_bytes()
    out = run(project)
    assert out.returncode == 1
    assert "corpus/actors/north-korea.md:3: error: cannot format a file with YAML comments" in out.stderr
    assert commented.read_bytes() == before
    assert "formatted corpus/actors/jane-analyst.md" in out.stdout and "1 left alone" in out.stderr


def test_a_symlink_is_not_replaced_by_a_file(project: Path) -> None:
    target = project / "corpus" / "actors" / "north-korea.md"
    link = project / "corpus" / "actors" / "dprk.md"
    os.symlink(target, link)
    out = run(project, "corpus/actors/dprk.md")
    assert out.returncode == 1 and "[symlink]" in out.stderr and link.is_symlink()


def test_a_file_changed_while_formatting_is_left_alone(project: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import build_tools.fmt as fmt_module

    path = project / "corpus" / "actors" / "north-korea.md"
    real = fmt_module.normalise

    def edit_meanwhile(raw: str, kind: object) -> object:
        result = real(raw, kind)  # type: ignore[arg-type]
        path.write_text(raw + "A person's new line.\n", encoding="utf-8")
        return result

    monkeypatch.setattr(fmt_module, "normalise", edit_meanwhile)
    result = format_paths(project, [path])
    assert [d.code for d in result.report.errors] == ["changed-meanwhile"]
    assert path.read_text(encoding="utf-8").endswith("A person's new line.\n")


def test_the_project_corpus_is_formatted() -> None:
    """The repository's own corpus is in fmt's normal form (the workflow runs fmt --check)."""
    from support import REPO

    done = subprocess.run([sys.executable, "-m", "build_tools", "fmt", "--check"], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
