"""Exploring the corpus, as pure functions: facet counts and their rules, co-occurrence,
timelines (series, marker, SVG through the Markdown extension), the browse data file, the
original-and-translation pairing and its diagnostics."""

from __future__ import annotations

import functools
import json
import shutil
import xml.etree.ElementTree as etree
from collections import Counter
from pathlib import Path

import markdown
import pytest
from support import FIXTURES

from build_tools.explore import actor_pairs, actor_theme_matrix, month_span, months_between, timeline
from build_tools.facets import FacetRecord, Selection, facet_counts, facet_records, select, sort_records
from build_tools.load import load_corpus
from build_tools.render.timeline import describe, parse_marker, timeline_marker, timeline_svg
from build_tools.site import SiteBuild, build_site


def record(id_: str, date: str, actors: dict[str, tuple[str, ...]], themes: tuple[str, ...] = (),
           source: str = "tass", language: str = "en", translation: str = "machine",
           title: str = "", annotations: int = 0) -> FacetRecord:
    return FacetRecord(id_, title or id_, date, f"articles/{date[:4]}/{id_}/", source, language, translation,
                       tuple(actors.items()), themes, (), (),
                       {"quote": annotations, "claim": 0, "technique": 0, "tn": 0})


RECORDS = [
    record("a", "2023-03-01", {"putin": ("quoted",), "tass": ("publisher",)}, ("west",),
           title="Putin speaks"),
    record("b", "2023-02-10", {"putin": ("subject",), "biden": ("quoted",)}, ("west", "grain"),
           annotations=3),
    record("c", "2023-02-01", {"biden": ("subject",)}, ("grain",), source="ria", language="ru",
           translation="none"),
    record("d", "2022-12-31", {"putin": ("mentioned",), "biden": ("mentioned",)}, (), source="ria",
           annotations=1),
]


def ids(records: list[FacetRecord]) -> list[str]:
    return [r.id for r in records]


def sel(**values: str) -> Selection:
    return Selection({k: frozenset(v.split(",")) for k, v in values.items()})


# --- facets ---------------------------------------------------------------------------------

def test_no_selection_matches_everything_and_counts_every_value() -> None:
    counts = facet_counts(RECORDS, Selection())
    assert ids(select(RECORDS, Selection())) == ["a", "b", "c", "d"]
    assert counts["actor"] == Counter({"putin": 3, "biden": 3, "tass": 1})
    assert counts["theme"] == Counter({"west": 2, "grain": 2})
    assert counts["source"] == Counter({"tass": 2, "ria": 2})
    assert counts["role"] == Counter({"quoted": 2, "subject": 2, "mentioned": 1, "publisher": 1})


def test_values_of_one_facet_are_alternatives_and_facets_combine() -> None:
    assert ids(select(RECORDS, sel(theme="west,grain"))) == ["a", "b", "c"]
    assert ids(select(RECORDS, sel(theme="grain", source="ria"))) == ["c"]


def test_counts_are_disjunctive_within_a_facet_and_conjunctive_across() -> None:
    counts = facet_counts(RECORDS, sel(theme="west"))
    # choosing "grain" too would add c: its count is what it alone gives with the other filters
    assert counts["theme"] == Counter({"west": 2, "grain": 2})
    assert counts["source"] == Counter({"tass": 2})  # only a and b carry "west"
    assert counts["actor"] == Counter({"putin": 2, "biden": 1, "tass": 1})


def test_actor_and_role_go_together() -> None:
    assert ids(select(RECORDS, sel(actor="putin", role="quoted"))) == ["a"]
    assert ids(select(RECORDS, sel(role="quoted"))) == ["a", "b"]
    counts = facet_counts(RECORDS, sel(actor="putin", role="quoted"))
    assert counts["actor"] == Counter({"putin": 1, "biden": 1})  # who is quoted anywhere
    assert counts["role"] == Counter({"quoted": 1, "subject": 1, "mentioned": 1})  # Putin's roles


def test_all_actors_mode_requires_every_chosen_actor() -> None:
    both = Selection({"actor": frozenset({"putin", "biden"})}, all_actors=True)
    assert ids(select(RECORDS, both)) == ["b", "d"]
    assert ids(select(RECORDS, sel(actor="putin,biden"))) == ["a", "b", "c", "d"]
    # in "all" mode an actor's count is what adding it would leave
    assert facet_counts(RECORDS, both)["actor"] == Counter({"putin": 2, "biden": 2})


def test_date_range_inclusive_and_by_prefix() -> None:
    assert ids(select(RECORDS, Selection(date_from="2023-02-01", date_to="2023-02-10"))) == ["b", "c"]
    assert ids(select(RECORDS, Selection(date_from="2023-02", date_to="2023-02"))) == ["b", "c"]
    assert ids(select(RECORDS, Selection(date_to="2022"))) == ["d"]
    counts = facet_counts(RECORDS, Selection(date_from="2023-01-01"))
    assert counts["source"] == Counter({"tass": 2, "ria": 1})


def test_title_words_any_case_and_sorting() -> None:
    assert ids(select(RECORDS, Selection(text="PUTIN speaks"))) == ["a"]
    assert ids(sort_records(RECORDS, "date-asc")) == ["d", "c", "b", "a"]
    assert ids(sort_records(RECORDS, "annotations")) == ["b", "d", "a", "c"]
    assert ids(sort_records(RECORDS, "title"))[0] == "b"


@functools.cache
def render_build() -> SiteBuild:
    return build_site(FIXTURES / "render")


def test_records_of_the_fixture_corpus() -> None:
    records = {r.id: r for r in facet_records(render_build().indexes)}
    interview = records["2023-03-15-sanctions-interview"]
    assert interview.source == "kcna" and interview.translation == "human"
    assert ("ivan-expert", ("quoted", "cited")) in interview.actors
    assert "united-nations" not in interview.values("actor")  # rejected
    assert set(interview.techniques) == {"semeval2020/name-calling-labeling", "semeval2020/loaded-language"}
    assert set(interview.assessments) == {"unsupported", "not-assessed", "false"}
    assert interview.annotations == {"quote": 2, "claim": 3, "technique": 2, "tn": 3}


def test_browse_data_decodes_to_the_records() -> None:
    site = render_build()
    data = json.loads(site.data["data/browse.json"])
    facets = data["facets"]
    records = facet_records(site.indexes)
    assert len(data["articles"]) == len(records)
    for row, rec in zip(data["articles"], records, strict=True):
        assert row[0] == rec.title and row[1] == rec.date and row[2] == rec.url
        assert facets["source"][row[3]][0] == rec.source
        actors = [(facets["actor"][a][0], tuple(facets["role"][i][0] for i in range(len(facets["role"]))
                                                 if mask & (1 << i))) for a, mask in row[6]]
        assert [(a, set(r)) for a, r in actors] == [(a, set(r)) for a, r in rec.actors]
        assert {facets["theme"][t][0] for t in row[7]} == set(rec.themes)
    assert facets["actor"][0][2] == "actors/russia/"  # most articles first, with its page


# --- co-occurrence ------------------------------------------------------------------------------

def test_actor_pairs_count_articles_naming_both() -> None:
    pairs = {(p.first, p.second): [a.id for a in p.articles] for p in actor_pairs(render_build().indexes)}
    # the ministry article is about Kim Jong Un in a claim, but does not name him as an actor
    assert pairs[("kim-jong-un", "russia")] == ["2023-03-15-sanctions-interview", "2023-02-10-grain-deal"]
    assert len(pairs) == 6  # the interview's four actors make six pairs
    assert ("russia", "kim-jong-un") not in pairs  # each pair once, smaller id first
    assert not any("united-nations" in key for key in pairs)  # rejected actors are not named
    first = actor_pairs(render_build().indexes)[0]
    assert (first.first, first.second, first.count) == ("kim-jong-un", "russia", 2)


def test_actor_theme_matrix() -> None:
    matrix = actor_theme_matrix(render_build().indexes)
    assert matrix.themes[0] == "sanctions-fail"
    assert matrix.count("russia", "sanctions-fail") == 3
    assert matrix.count("ivan-expert", "west-hostile") == 1
    assert matrix.count("russia", "unused-theme") == 0
    assert matrix.actors[0] == "russia"


# --- timelines ------------------------------------------------------------------------------------

def test_timeline_spans_the_corpus_with_empty_months() -> None:
    idx = render_build().indexes
    span = month_span(idx)
    assert span == ("2022-12", "2023-03")
    tl = timeline(idx.corpus.articles, span)
    assert [(m.month, m.count) for m in tl.months] == [("2022-12", 1), ("2023-01", 1), ("2023-02", 1),
                                                       ("2023-03", 3)]
    theme = timeline(idx.by_theme["west-hostile"], span)
    assert [m.count for m in theme.months] == [0, 0, 0, 1] and theme.total == 1
    assert months_between("2022-11", "2023-02") == ["2022-11", "2022-12", "2023-01", "2023-02"]


def test_marker_round_trip_and_refusals() -> None:
    tl = timeline(render_build().indexes.corpus.articles, ("2022-12", "2023-03"))
    marker = timeline_marker(tl)
    assert marker == "{corpus-timeline from=2022-12 counts=1,1,1,3}"
    assert parse_marker(marker) == tl
    for bad in ("{corpus-timeline from=2022-13 counts=1}", "{corpus-timeline from=2022-12 counts=1,x}",
                "{corpus-timeline from=2022-12 counts=1} <b>", "{corpus-timeline from=9999-12 counts=1,1}"):
        assert parse_marker(bad) is None, bad


def test_svg_has_a_bar_per_counted_month_and_an_accessible_name() -> None:
    tl = timeline(render_build().indexes.corpus.articles, ("2022-12", "2023-03"))
    svg = timeline_svg(tl)
    assert svg.get("role") == "img" and svg.get("aria-label") == describe(tl)
    assert describe(tl) == ("Articles per month, December 2022 to March 2023: 6 in all, at most 3 in a "
                            "month (March 2023).")
    bars = svg.findall("g/rect")
    assert len(bars) == 4
    heights = [float(b.get("height", 0)) for b in bars]
    assert heights[3] == max(heights) and heights[0] == pytest.approx(heights[3] / 3, abs=0.01)
    assert [b.findtext("title") for b in bars][3] == "March 2023: 3 articles"


def convert(text: str) -> str:
    md = markdown.Markdown(extensions=["build_tools.adapters.mdext", "attr_list", "tables"])
    return md.convert(text)


def test_markdown_extension_draws_the_marker_and_nothing_else() -> None:
    html = convert("Intro\n\n{corpus-timeline from=2023-01 counts=0,2}\n\nEnd")
    chart = etree.fromstring(html[html.index("<div"):html.index("</div>") + 6])
    assert chart.get("class") == "corpus-timeline-chart"
    assert chart[0].tag == "svg" and len(chart[0].findall("g/rect")) == 1
    # a near miss is text, and corpus text cannot make an <svg> or attributes on one
    assert convert("{corpus-timeline from=2023-01 counts=0,2} x") == \
        "<p>{corpus-timeline from=2023-01 counts=0,2} x</p>"
    assert "<svg" not in convert('<svg onload="alert(1)"></svg>')


def test_trusted_charts_do_not_outlive_their_conversion() -> None:
    md = markdown.Markdown(extensions=["build_tools.adapters.mdext", "attr_list"])
    md.convert("{corpus-timeline from=2023-01 counts=1}")
    extension = next(e for e in md.registeredExtensions if hasattr(e, "trusted"))
    assert extension.trusted == set()
    md.reset()
    assert "<svg" in md.convert("{corpus-timeline from=2023-01 counts=1}")


# --- original and translation ------------------------------------------------------------------

def test_original_paragraphs_pair_with_the_translation() -> None:
    site = render_build()
    article = next(a for a in site.indexes.corpus.articles if a.id == "2023-02-10-grain-deal")
    assert article.original is not None and article.original.language == "ru"
    assert article.original.title == "Москва ответила на санкции зерновой сделкой"
    assert len(article.original.paragraphs) == 3
    page = site.pages["articles/2023/grain-deal.md"]
    assert 'Министерство заявило, что санкции Запада не работают.\n{: .corpus-pair__orig lang="ru" }' in page
    assert "seeds/grain-deal-ru.txt" in site.seeds


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "render", root)
    return root


def test_paragraph_mismatch_and_missing_original_are_reported(corpus_copy: Path) -> None:
    seed = corpus_copy / "seeds" / "grain-deal-ru.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nЛишний абзац.\n", encoding="utf-8")
    _, report = load_corpus(corpus_copy)
    found = [d.format() for d in report.items if d.code == "paragraph-mismatch"]
    assert found == ["corpus/articles/2023/2023-02-10-grain-deal.md:5: warning: the original has 4 "
                     "paragraphs and the article 3: they are paired by position, so from the first missing "
                     "or extra paragraph on the pairs do not match [paragraph-mismatch]\n    hint: split "
                     "or join paragraphs in the article so each matches one paragraph of the original "
                     "(the seed stays as it is)"]
    seed.unlink()
    corpus, report = load_corpus(corpus_copy)
    assert [d.code for d in report.items if "original seed" in d.message] == ["missing-seed"]
    assert next(a for a in corpus.articles if a.id == "2023-02-10-grain-deal").original is None


def test_original_seed_is_validated_like_seed(corpus_copy: Path) -> None:
    article = corpus_copy / "corpus" / "articles" / "2023" / "2023-02-10-grain-deal.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("original_seed: seeds/grain-deal-ru.txt", "original_seed: ../etc/passwd"),
                       encoding="utf-8")
    _, report = load_corpus(corpus_copy)
    assert any(d.line == 5 and "original_seed" in d.message for d in report.errors), \
        [d.format() for d in report.items]
    article.write_text(text.replace("original_seed: seeds/grain-deal-ru.txt",
                                    "original_seed: seeds/grain-deal-en.txt"), encoding="utf-8")
    _, report = load_corpus(corpus_copy)
    assert [d.code for d in report.errors] == ["same-seed"]
