"""The annotation grammar and its checks: nested inline spans (golden), stand-off spans anchored
by quote and seed offsets, orphaned annotations, unknown techniques with a did-you-mean, and a
codebook a project extends. Uses the render fixture (tests/fixtures/render), which has a
codebook, a translation-notes registry and an article with stand-off spans."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from support import FIXTURES

from build_tools.anchoring import find_quote, plain_view
from build_tools.annotations import parse_annotations, plain_text, strip_annotations
from build_tools.index import build_indexes
from build_tools.load import load_corpus

GOLDEN = Path(__file__).parent / "golden" / "annotations"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
ARTICLE = "corpus/articles/2023/2023-03-20-ministry-rejects-the-report"
NESTED = ("Said [the report was “a pure [fabrication]{.technique name=Loaded_Language} of the "
          "[Kyiv regime]{.technique name=name-calling-labeling}”]{.claim id=fabrication by=russia} "
          "and [\\[escaped\\] \\*words\\* &lt;b\\>]{.quote actor=russia}.\n\n"
          "[]{.speaker actor=russia role=speaker}Answer with `[code]{.claim}` and [a link](x).")


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
        pytest.skip("golden rewritten")
    assert path.exists(), f"no golden file: review, then UPDATE_GOLDENS=1 for {name}"
    assert actual == path.read_text(encoding="utf-8")


def test_nested_spans_golden() -> None:
    parsed = parse_annotations(NESTED)
    assert parsed.problems == []
    rows = [{"kinds": list(a.kinds), "text": a.text, "attrs": a.attrs, "line": a.line, "col": a.col,
             "depth": a.depth, "markup": NESTED[a.start:a.end]} for a in parsed.annotations]
    check_golden("nested.json", json.dumps(rows, ensure_ascii=False, indent=1) + "\n")


def test_plain_text_and_its_map_back_to_the_markdown() -> None:
    view = plain_view(NESTED)
    assert view.text == plain_text(NESTED)
    assert "“a pure fabrication of the Kyiv regime”" in view.text and "[escaped] *words* <b>" in view.text
    # every plain character maps back to how it is written
    at = view.text.index("*words*")
    assert NESTED[view.body_start(at):view.body_start(at + 1)] == "\\*"
    assert view.source(at, at + 7) == "\\*words\\*"
    assert view.source(0, len(view.text)) == strip_annotations(NESTED)
    assert strip_annotations("[a [b]{.claim} c]{.quote actor=x}") == "a b c"


def test_find_quote_ignores_white_space_and_uses_context() -> None:
    text = "He said no.\nHe said no.\n\nThen: yes."
    assert find_quote(text, "He said no.", prefix="no.\n").start == 12
    assert find_quote(text, "no. Then:", "", "") is not None  # across a paragraph break
    assert find_quote(text, "He said maybe") is None


def test_inline_and_standoff_spans_resolve_alike() -> None:
    corpus, report = load_corpus(FIXTURES / "render")
    assert report.errors == []
    idx = build_indexes(corpus)
    article = next(a for a in corpus.articles if a.slug == "ministry-rejects-the-report")
    spans = idx.spans[article.id]
    seed = article.seed_text or ""
    kinds = sorted((s.kind, s.standoff) for s in spans.spans)
    assert ("claim", False) in kinds and ("technique", True) in kinds and ("quote", True) in kinds
    for span in spans.spans:  # the words are found in the seed, at their offsets
        assert span.seed_start is not None
        assert " ".join(seed[span.seed_start:span.seed_end].split()) == " ".join(span.text.split())
    claim = next(s for s in spans.spans if s.kind == "claim")
    assert claim.claim is not None and claim.assessment and claim.assessment.value == "false"
    assert claim.about == ("kim-jong-un",) and claim.anchor == "a-fabrication"
    assert [u.span.text for u in idx.claims_about["kim-jong-un"]] == [claim.text]
    label = next(s for s in spans.spans if s.text == "Kyiv regime")
    assert label.technique == "semeval2020/name-calling-labeling"
    assert label.label == "Name_Calling,Labeling"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "render" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "render" / "seeds", tmp_path / "seeds")
    return tmp_path


def problems(project: Path) -> list[tuple[str, int, str]]:
    _, report = load_corpus(project)
    return [(d.path.replace(str(project) + "/", ""), d.line, d.code) for d in report.errors]


def test_editing_the_words_orphans_the_standoff_annotation(project: Path) -> None:
    article = project / f"{ARTICLE}.md"
    article.write_text(article.read_text(encoding="utf-8").replace("“lies”", "“untruths”"),
                       encoding="utf-8")
    found = problems(project)
    assert found == [(f"{ARTICLE}.annotations.yml", 37, "orphaned-annotation")], found
    _, report = load_corpus(project)
    assert "“lies”." in report.errors[0].message
    # the article still builds, without the orphaned span; the others still anchor
    corpus, _ = load_corpus(project)
    article = next(a for a in corpus.articles if a.slug == "ministry-rejects-the-report")
    spans = build_indexes(corpus).spans[article.id].spans
    assert "“lies”.\n\nКритики ответили" not in {s.text for s in spans}
    assert {"Kyiv regime", "«correct»"} <= {s.text for s in spans}


def test_offsets_that_do_not_hold_the_words_are_reported(project: Path) -> None:
    sidecar = project / f"{ARTICLE}.annotations.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("start: 182\n  end: 191",
                                                                   "start: 181\n  end: 190"))
    assert [c for _, _, c in problems(project)] == ["offset-mismatch"]


def test_unknown_technique_has_a_did_you_mean(project: Path) -> None:
    article = project / f"{ARTICLE}.md"
    article.write_text(article.read_text(encoding="utf-8").replace("name=Loaded_Language",
                                                                   "name=loaded-languag"))
    _, report = load_corpus(project)
    (diag,) = report.errors
    assert (diag.code, diag.line, diag.col) == ("unknown-technique", 16, 43)
    assert diag.hint and "did you mean 'loaded-language'?" in diag.hint


def test_a_project_can_extend_a_codebook(project: Path) -> None:
    (project / "corpus/codebooks/semeval2020/smears.md").write_text(
        "---\nname: Smears\nlabels: [Smear]\n---\nA house technique.\n", encoding="utf-8")
    article = project / f"{ARTICLE}.md"
    article.write_text(article.read_text(encoding="utf-8").replace("name=Loaded_Language", "name=Smear"))
    corpus, report = load_corpus(project)
    assert report.errors == []
    idx = build_indexes(corpus)
    assert [u.span.text for u in idx.by_technique["semeval2020/smears"]] == ["fabrication"]


@pytest.mark.parametrize("attrs, code", [
    ("{.claim assessment=wrong}", "annotation-attribute"),
    ("{.claim about=nobody}", "unknown-actor"),
    ("{.tn}", "annotation-attribute"),
    ("{.tn ref=no-such-note}", "unknown-translation-note"),
    ("{.technique name=Loaded_Language codebook=nope}", "unknown-codebook"),
    ("{.claim id=no-such-claim}", "unknown-claim"),
])
def test_annotation_references_are_checked(project: Path, attrs: str, code: str) -> None:
    article = project / f"{ARTICLE}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("the figures are «correct»", f"the figures are [«correct»]{attrs}"))
    assert [c for _, _, c in problems(project)] == [code]
