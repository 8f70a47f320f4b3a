"""``yamlemit`` writes exactly what PyYAML writes (``files.yamlsafe.dump_yaml``), or leaves
the document to PyYAML: generated documents, and every YAML file of the project's corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.files import yamlsafe
from build_tools.files.frontmatter import split_front_matter
from build_tools.files.yamlemit import Emitter

REPO = Path(__file__).resolve().parents[1]

# strings YAML treats specially: indicators, numbers, booleans, dates, quotes, breaks, NEL
TRICKY = ["", " ", "yes", "No", "on", "null", "~", "123", "0x1f", "1e3", "-", "- a", "a: b",
          "a #b", "#x", "'q'", '"d"', "2022-09-06", "a\nb", "a\x85b", "\u2028", "tab\tx", "é ü",
          "Зеленский", "[x]", "{y}", "*a", "&b", "!t", "%p", "@at", "`b", "? q", ": ", "a:",
          "trailing ", " leading", "x" * 99, "word " * 25, "\x00", "\ufeff", "|", ">"]
texts = st.one_of(st.sampled_from(TRICKY), st.text(max_size=30),
                  st.text(alphabet="ab :-#'\"\n", max_size=12),
                  st.text(alphabet="abc d:'\n\u2028", min_size=80, max_size=240))  # folded
scalars = st.one_of(texts, texts, st.integers(), st.booleans(), st.none(),
                    st.floats(allow_nan=False).filter(lambda _: False) | st.just(0.5))
keys = st.one_of(st.sampled_from(["id", "title", "roles", "yes", "1", "a b", "k: v", "x" * 130]),
                 st.text(max_size=8))
documents = st.dictionaries(keys, st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                     st.dictionaries(keys, inner, max_size=4)), max_leaves=25),
    min_size=1, max_size=6)


def pyyaml(data: Any) -> str:
    return yamlsafe._pyyaml_dump(data)


@settings(max_examples=600, deadline=None)
@given(documents)
def test_what_the_emitter_writes_is_what_pyyaml_writes(data: dict[str, Any]) -> None:
    emitter = Emitter(pyyaml, 100, yamlsafe._resolves_to_str)
    for _ in range(2):  # the second time from the values it remembers
        written = emitter.emit(data)
        if written is not None:
            assert written == pyyaml(data)
    assert yamlsafe.dump_yaml(data) == pyyaml(data)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="aZy0 ,.()/_'-:#\"eEnNoOsS", max_size=14)
       | st.text(alphabet="0123456789abcdefx_.-+: eE", max_size=12))
def test_strings_the_emitter_writes_plain_itself_pyyaml_writes_plain_too(text: str) -> None:
    fast = Emitter(pyyaml, 100, yamlsafe._resolves_to_str)
    for data in ({"k": text}, {"k": [text]}, {"k": {"x": text}}):
        written = fast.emit(data)
        assert written is None or written == pyyaml(data)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abc0123 ,.()/_'-", min_size=1, max_size=12).map(str.strip)
                .filter(lambda w: w and "  " not in w)
                | st.text(alphabet="abc-", min_size=90, max_size=130),  # a word past the width
                min_size=5, max_size=40).map(" ".join),
       st.integers(0, 3), st.sampled_from(["k", "paragraphs", "x" * 40]))
def test_long_plain_strings_are_folded_as_pyyaml_folds_them(text: str, depth: int, key: str) -> None:
    fast = Emitter(pyyaml, 100, yamlsafe._resolves_to_str)
    data: Any = {key: text}
    for _ in range(depth):
        data = {"a": data, "b": [text, {"id": "x", key: text}]}
    written = fast.emit(data)
    assert written is None or written == pyyaml(data)


def test_front_matter_of_the_corpus_is_written_byte_for_byte_and_mostly_without_pyyaml() -> None:
    emitter = Emitter(pyyaml, 100, yamlsafe._resolves_to_str)
    laid_out = 0
    files = sorted((REPO / "corpus").rglob("*.md"))
    assert len(files) > 20
    for path in files:
        data = split_front_matter(path.read_text(encoding="utf-8")).meta.data
        if not data:
            continue
        written = emitter.emit(data)
        if written is not None:
            assert written == pyyaml(data), path
            laid_out += 1
    assert laid_out > len(files) * 0.9  # the fast path is the usual one, not the exception


def test_what_pyyaml_would_fold_or_cannot_be_laid_out_is_left_to_pyyaml() -> None:
    emitter = Emitter(pyyaml, 100)
    assert emitter.emit({"x": [{"title": "word " * 30}]}) is None  # folded at the width, in a list
    assert emitter.emit({"x": [[1, 2]]}) is None  # a list in a list
    assert emitter.emit({"x": 1.5}) is None  # floats: PyYAML's own repr
    assert emitter.emit({1: "a"}) is None  # a key that is not a string
    assert emitter.emit({}) is None and emitter.emit(["a"]) is None
    # a value on two lines, or folded, in a mapping: PyYAML lays out that pair alone
    for data in ({"x": "a\nb"}, {"ingest": {"title": "word " * 30}}):
        assert emitter.emit(data) == pyyaml(data) and "\n  " in pyyaml(data)
    assert emitter.emit({"id": "a", "roles": ["quoted"], "ingest": {"title": "T: x"}}) == \
        "id: a\nroles:\n- quoted\ningest:\n  title: 'T: x'\n"


@settings(max_examples=600, deadline=None)
@given(documents)
def test_reading_back_our_own_yaml_gives_what_pyyaml_s_safe_loader_gives(data: dict[str, Any]) -> None:
    text = pyyaml(data)
    expected = yamlsafe.yaml.load(text, Loader=yamlsafe._StringDateLoader)
    for got in (yamlsafe._load_own(text), yamlsafe.load_yaml(text).data):  # quick, careful
        assert got == expected and repr(got) == repr(expected)  # the types too (True is not 1)


def test_what_our_reading_leaves_to_pyyaml_is_read_as_pyyaml_reads_it() -> None:
    def outcome(read: Any, text: str) -> str:
        try:
            return repr(read(text))
        except yamlsafe.yaml.YAMLError as exc:
            return type(exc).__name__

    for text in ("a: 0x1f\nb: 1_000\nc: 0o7\nd: 012\ne: 1:30\nf: -0\ng: +3\n", "a: &x [1]\nb: *x\n",
                 "<<: {a: 1}\nb: 2\n", "a: !!binary aGk=\n", "? [1, 2]\n: x\n", "a: 2022-09-06\n",
                 "a: 1.5\nb: .inf\nc: ~\nd: Yes\n", "", "[a, b]\n", "'x'\n"):
        assert outcome(yamlsafe._load_own, text) == outcome(
            lambda t: yamlsafe.yaml.load(t, Loader=yamlsafe._StringDateLoader), text), text
