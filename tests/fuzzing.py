"""Fuzz targets: what each untrusted-input parser must do for *any* input, as hypothesis
properties. Shared by ``tests/test_fuzz.py`` (CI size, in ``make test``) and the long run
``python -m benchmarks.fuzz`` (``make fuzz``), which runs the same targets for minutes and
prints how many inputs it tried.

Every target states more than "does not crash": the parsers' located problems stay inside the
text they came from, and what the tools write they read back unchanged (front matter, spans,
PTC rows, YAML). The importer targets run ``annotations import`` end to end on a copy of the
render fixture: whatever a label file holds, the corpus stays valid after it.
"""

from __future__ import annotations

import shutil
import string
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from build_tools.annotations import KINDS, format_span, parse_annotations, plain_text, turns_of
from build_tools.diagnostics import Diagnostic, DiagnosticError
from build_tools.exchange.brat import read_ann
from build_tools.exchange.importer import import_annotations
from build_tools.exchange.ptc import format_ptc_labels, parse_ptc_labels
from build_tools.files.cleantext import clean_text, clean_yaml
from build_tools.files.frontmatter import format_corpus_file, split_front_matter
from build_tools.files.yamlsafe import dump_yaml, load_yaml
from build_tools.ingest.seed import parse_seed
from build_tools.invisible import find_invisible, strip_invisible
from build_tools.limits import Limits
from build_tools.load import load_corpus
from build_tools.markup import escape_markdown
from build_tools.model import ArticleMeta
from build_tools.validate import validate_front_matter

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEXT = st.characters(blacklist_categories=("Cs",))
# Characters that matter to the grammars, and some that should not: invisible, RTL, Cyrillic.
SPICY = "[]{}().=\"'\\:#-–—*_`<>&|\t\n \u202e\u200b\x00\x0cйЖ’«»0123456789"


def _mixed(spicy: str = SPICY, max_size: int = 300) -> st.SearchStrategy[str]:
    return st.text(alphabet=st.one_of(st.sampled_from(spicy), st.sampled_from(string.ascii_letters),
                                      TEXT), max_size=max_size)


def _lines(text: str) -> int:
    return text.count("\n") + 1


def _located(problems: list[Diagnostic], text: str) -> None:
    for diag in problems:
        assert 1 <= diag.line <= _lines(text), (diag.format(), _lines(text))
        assert diag.col is None or diag.col >= 1, diag.format()


# --- seed parser --------------------------------------------------------------------------

DATE_LINES = ["Sep 6, 2022", "6 September 2022", "2022-09-06", "06.09.2022", "6 сентября 2022 года",
              "Tuesday, 6 September 2022, 10:15", "07:36 GMT 19.09.2022", "2022/13/45", ""]
seeds = st.one_of(
    _mixed(max_size=600),
    st.tuples(st.sampled_from(DATE_LINES), _mixed(max_size=120),
              st.lists(_mixed(max_size=200), max_size=6)).map(
        lambda t: t[0] + "\n" + t[1] + "\n\n" + "\n\n".join(t[2])))


def check_seed(text: str) -> None:
    """parse_seed never raises; problems are located in the seed; a parsed seed has a date,
    a one-line title within the limit and text; every paragraph survives escaping."""
    cleaned = clean_text(text)
    _located(cleaned.problems, text)
    parsed = parse_seed(cleaned.text, default_date=None)
    _located(parsed.problems, cleaned.text)
    if parsed.problems:
        return
    assert parsed.date and len(parsed.date) == 10
    assert parsed.title and "\n" not in parsed.title and len(parsed.title) <= Limits().title_length
    assert parsed.paragraphs
    for paragraph in parsed.paragraphs:
        assert 1 <= paragraph.line <= _lines(cleaned.text)
        assert plain_text(escape_markdown(paragraph.text)) == paragraph.text


# --- front matter -------------------------------------------------------------------------

KEYS = list(ArticleMeta.model_fields) + ["titel", "id", "roles", "kind", "name"]
yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(TEXT, max_size=40),
              st.sampled_from(["'2022-09-06'", "subject", "north-korea", "[subject", "&a", "*a"])),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    max_leaves=12)
front_matters = st.one_of(
    st.tuples(_mixed("[]{}:#'\"&*!|>-\n \t\u202e\x00", 300), _mixed(max_size=80)).map(
        lambda t: f"---\n{t[0]}\n---\n{t[1]}"),
    st.tuples(st.dictionaries(st.sampled_from(KEYS), yaml_values, max_size=8),
              _mixed(max_size=80)).map(lambda t: f"---\n{dump_yaml(t[0])}---\n{t[1]}"),
    st.builds(lambda title, day, extra: f"---\ntitle: {title}\ndate: '2022-09-{day:02d}'\n{extra}"
              "---\n\nText.\n", _mixed("'\":#[]{}\u202e\x00", 60), st.integers(0, 40),
              _mixed("\n :-[]", 60)))


def check_front_matter(text: str) -> None:
    """Reading a corpus file raises nothing but a located DiagnosticError; a valid one is
    written back (format_corpus_file, as ingest writes) and read again unchanged."""
    cleaned = clean_text(text)
    try:
        doc = split_front_matter(cleaned.text, Limits())
    except DiagnosticError as exc:
        _located([exc.diagnostic], cleaned.text)
        return
    _located(clean_yaml(doc.meta), cleaned.text)
    found: list[Diagnostic] = []
    meta = validate_front_matter(doc.meta, ArticleMeta, found)
    _located(found, cleaned.text)
    if meta is None:
        return
    again = split_front_matter(format_corpus_file(meta, doc.body or "Text."))
    assert ArticleMeta.model_validate(again.meta.data) == meta


json_like = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(TEXT, max_size=30)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(TEXT, max_size=10), inner,
                                                               max_size=4),
    max_leaves=15)


def check_yaml_roundtrip(data: Any) -> None:
    """What the tools write as YAML (stand-off files, front matter) reads back as written."""
    assert load_yaml(dump_yaml(data)).data == data


# --- annotation grammar -------------------------------------------------------------------

bodies = _mixed("[]{}.=\" \\\n`*abcspeakrquotecimtnhf-", 400)


def check_annotation_grammar(body: str) -> None:
    """parse_annotations never raises; each span lies inside the body, its problems too."""
    parsed = parse_annotations(body, lambda actor: actor == "north-korea")
    _located(parsed.problems, body)
    for ann in parsed.annotations:
        assert 0 <= ann.start < ann.text_start <= ann.text_end < ann.end <= len(body)
        assert body[ann.start] == "[" and body[ann.text_end] == "]"
        assert 1 <= ann.line <= _lines(body)
    plain_text(body)
    turns_of(body, parsed.annotations)


ATTR_KEYS = sorted({key for attrs in KINDS.values() for key in attrs} | {"note", "id", "line"})
spans = st.tuples(
    st.text(TEXT, min_size=1, max_size=40).map(lambda t: " ".join(t.split())).filter(bool),
    st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=3, unique=True),
    st.dictionaries(st.sampled_from(ATTR_KEYS), st.text(TEXT, min_size=1, max_size=20).map(
        lambda t: " ".join(t.split())).filter(bool), max_size=4))


def check_span_roundtrip(case: tuple[str, list[str], dict[str, str]]) -> None:
    """A span as ingest writes it (format_span of escaped words) parses back to the same
    words, kinds and attributes, or to a located problem, never to something else."""
    words, kinds, attrs = case
    body = "Before " + format_span(escape_markdown(words), kinds, attrs) + " after."
    parsed = parse_annotations(body)
    _located(parsed.problems, body)
    outer = [a for a in parsed.annotations if a.depth == 0]
    if parsed.problems and not outer:
        return  # e.g. a kind without its required attribute: reported, located
    assert len(outer) == 1, (body, parsed)
    assert (outer[0].text, list(outer[0].kinds), outer[0].attrs) == (words, kinds, attrs)


# --- importers ----------------------------------------------------------------------------

# Offsets as other tools write them, and as a hostile or broken file might: other digits
# ("²" is a digit to str.isdigit, "٣" a decimal digit), signs, spaces, very long numbers.
offsets = st.one_of(st.integers(-3, 260).map(str), st.sampled_from(
    ["²", "٣٤", "1" * 5000, "+5", " 7 ", "0x10", "1e3", "", "٠", "00012", "9" * 30]))

ptc_files = st.one_of(
    _mixed("\t\n 0123456789-²٣,_" + string.ascii_letters, 300),
    st.lists(st.tuples(st.sampled_from(["2023-03-20-ministry-rejects-the-report", "111", "x", ""]),
                       st.sampled_from(["Loaded_Language", "Doubt", "Name_Calling,Labeling", "Nope",
                                        ""]),
                       offsets, offsets), max_size=6).map(
        lambda rows: "".join(f"{a}\t{b}\t{c}\t{d}\n" for a, b, c, d in rows)))


def check_ptc_parser(text: str) -> None:
    """Rows and problems for any text; rows are well formed and written back unchanged."""
    parsed = parse_ptc_labels(text)
    _located(parsed.problems, text)
    for row in parsed.rows:
        assert 0 <= row.record.start < row.record.end
    records = [row.record for row in parsed.rows]
    again = parse_ptc_labels(format_ptc_labels("1", records))
    assert sorted((r.record.start, r.record.end, r.record.label) for r in again.rows) == \
        sorted((r.start, r.end, r.label) for r in records)


brat_files = st.one_of(
    _mixed("\t\n ;0123456789TA#RE*_,-" + string.ascii_letters, 300),
    st.lists(st.one_of(
        st.tuples(st.integers(1, 4), st.sampled_from(["Loaded_Language", "Doubt", "Quote", "Claim",
                                                      "Translation_note", "Name_Calling__Labeling"]),
                  offsets, offsets, st.text(TEXT, max_size=12)).map(
            lambda t: f"T{t[0]}\t{t[1]} {t[2]} {t[3]}\t{t[4]}"),
        st.tuples(st.integers(1, 4), st.sampled_from(["false", "true", "maybe"])).map(
            lambda t: f"A{t[0]}\tAssessment T{t[0]} {t[1]}"),
        st.tuples(st.integers(1, 4), st.sampled_from(["speaker: russia", "speaker: nobody", "a note",
                                                      "a \u202e note"])).map(
            lambda t: f"#{t[0]}\tAnnotatorNotes T{t[0]}\t{t[1]}")), max_size=6).map("\n".join))


def check_brat_parser(text: str) -> None:
    """Spans and problems for any .ann text, located, with well-formed fragments."""
    parsed = read_ann(text)
    _located(parsed.problems, text)
    for span in parsed.spans:
        assert all(0 <= f.start < f.end for f in span.fragments)


class _Project:
    """A fresh copy of the render fixture per example (import writes into it)."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="fuzz-import-"))

    def fresh(self) -> Path:
        root = self.base / "project"
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(FIXTURES / "render", root)
        return root


_PROJECT: _Project | None = None


def _project() -> Path:
    global _PROJECT
    if _PROJECT is None:
        _PROJECT = _Project()
    return _PROJECT.fresh()


def _import_keeps_the_corpus_valid(fmt: str, name: str, text: str) -> None:
    root = _project()
    before = [d.format() for d in load_corpus(root).report.errors]
    path = root / name
    path.write_text(text, encoding="utf-8")
    result = import_annotations(root, fmt, [path])
    _located([d for d in result.report.items if d.path == name], text)
    assert [d.format() for d in load_corpus(root).report.errors] == before
    if result.written:  # what was imported is there, and importing again adds nothing
        assert import_annotations(root, fmt, [path]).added == 0


def check_ptc_import(text: str) -> None:
    """``annotations import --format ptc``: whatever the file holds, the corpus stays valid."""
    _import_keeps_the_corpus_valid("ptc", "labels.labels", text)


def check_brat_import(text: str) -> None:
    """``annotations import --format brat`` (against seeds/standoff-piece.txt): the same."""
    _import_keeps_the_corpus_valid("brat", "standoff-piece.ann", text)


def check_invisible(text: str) -> None:
    """Stripping is idempotent and removes only what find_invisible names."""
    clean = strip_invisible(text)
    assert strip_invisible(clean) == clean and find_invisible(clean) == []


@dataclass(frozen=True)
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    ci_examples: int  # per target in make test


TARGETS = [
    Target("seed-parser", seeds, check_seed, 300),
    Target("front-matter", front_matters, check_front_matter, 300),
    Target("yaml-roundtrip", json_like, check_yaml_roundtrip, 200),
    Target("annotation-grammar", bodies, check_annotation_grammar, 300),
    Target("span-roundtrip", spans, check_span_roundtrip, 300),
    Target("ptc-parser", ptc_files, check_ptc_parser, 300),
    Target("brat-parser", brat_files, check_brat_parser, 300),
    Target("ptc-import", ptc_files, check_ptc_import, 25),
    Target("brat-import", brat_files, check_brat_import, 25),
    Target("invisible", _mixed(max_size=200), check_invisible, 200),
]


def run_target(target: Target, examples: int, random_seed: int | None = None) -> int:
    """Run ``target`` on ``examples`` generated inputs (hypothesis shrinks a failure and raises
    it); returns how many inputs were tried, shrinking included."""
    tried = 0

    def attempt(value: Any) -> None:
        nonlocal tried
        tried += 1
        target.check(value)

    test = settings(max_examples=examples, deadline=None, derandomize=random_seed is None,
                    suppress_health_check=list(HealthCheck))(given(target.strategy)(attempt))
    if random_seed is not None:
        test = seed(random_seed)(test)
    test()
    return tried
