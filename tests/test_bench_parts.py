"""The benchmark's own parts: the table with its ratios, the RESULTS.md block it replaces, the
search payload it counts, the synthetic registry for ingest, and edit-to-reload on a real
``mkdocs serve`` (slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import REPO

from benchmarks import payload, report
from benchmarks.corpus_gen import copy_registries
from benchmarks.registry_gen import pad_actors
from benchmarks.run import _body_word, parse_args
from build_tools.diagnostics import Report
from build_tools.load import load_registries

ROW = {"n": 1000, "runs": 2, "ours_build_s": 18.0, "base_build_s": 3.6, "ours_pages": 1200,
       "base_pages": 1000, "ours_peak_mb": 380.0, "base_peak_mb": 120.0,
       "ours_site_bytes": 90_000_000, "base_site_bytes": 30_000_000, "ingest_seeds": 1000,
       "ingest_s": 5.0, "ingest_cpu_s": 4.0, "ingest_warm_s": 4.0, "ingest_warm_cpu_s": 3.2,
       "check_s": 1.5, "check_warm_s": 0.6, "reload_article_s": 9.0, "base_reload_article_s": 2.0,
       "reload_actor_s": 0.36, "ours_search_bytes": 16_000_000, "base_search_bytes": 9_000_000,
       "ours_search_gzip": 4_000_000, "base_search_gzip": 2_000_000}


def _line(text: str, label: str) -> list[str]:
    found = [line for line in text.splitlines() if line.startswith(f"| {label} |")]
    assert found, label
    return [c.strip() for c in found[0].strip("|").split("|")]


def test_the_table_puts_ours_beside_material_with_ratios() -> None:
    table = report.table_markdown([ROW])
    assert table.splitlines()[0] == "| metric | N=1,000 ours | Material | ratio |"
    assert _line(table, "full build s") == ["full build s", "18.00", "3.60", "5.00x"]
    assert _line(table, "ms per page") == ["ms per page", "15.00", "3.60", "4.17x"]
    assert _line(table, "kB per article") == ["kB per article", "90.0", "30.0", "3.00x"]
    assert _line(table, "50,000 articles GB") == ["50,000 articles GB", "4.50", "1.50", "3.00x"]
    assert _line(table, "ingest seeds/s (wall)") == ["ingest seeds/s (wall)", "200.0", "–", "–"]
    assert _line(table, "ingest seeds/s (per CPU s)")[1] == "250.0"
    assert _line(table, "  same, caches warm (wall)")[1] == "250.0"
    assert _line(table, "  same, caches warm (per CPU s)")[1] == "312.5"
    assert _line(table, "check s")[1] == "1.50" and _line(table, "  same, caches warm")[1] == "0.60"
    assert _line(table, "edit→reload article s") == ["edit→reload article s", "9.00", "2.00", "4.50x"]
    # the target: an actor edit served within 10 % of plain Material's full build
    assert _line(table, "  actor reload ÷ Material build")[1] == "0.10"
    missing = report.table_text([{"n": 5, "ours_build_s": 1.0}])
    assert "–" in missing  # a step that did not run shows a dash, not an error


def test_a_run_replaces_only_its_own_block_of_results_md(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("# Results\n\nWhat each change bought: written by hand.\n", encoding="utf-8")
    env = report.environment(seed=1, runs=2)
    report.update_results_md(path, [ROW], env)
    report.update_results_md(path, [{**ROW, "n": 200}], env)
    report.update_results_md(path, [{**ROW, "ours_build_s": 9.0}], env)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Results\n\nWhat each change bought: written by hand.\n")
    assert text.count("<!-- bench sizes=1000 begin") == 1 and text.count("<!-- bench sizes=200 begin") == 1
    block = text.split("<!-- bench sizes=1000 begin")[1].split("<!-- bench sizes=1000 end")[0]
    assert "| full build s | 9.00 | 3.60 | 2.50x |" in block
    assert f"{env['cpus']} CPUs" in block and "Python " in block and "mkdocs-material " in block


def test_material_first_query_payload_counts_index_worker_and_language_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text(json.dumps(
        {"config": {"lang": ["en", "ru"]}, "docs": [{"text": "word " * 100}]}), encoding="utf-8")
    workers = site / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.abc.min.js").write_bytes(b"w" * 1000)
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    lunr.mkdir(parents=True)
    for name in ("lunr.stemmer.support.min.js", "lunr.multi.min.js", "lunr.ru.min.js", "lunr.de.min.js"):
        (lunr / name).write_bytes(b"l" * 100)
    found = payload.material_payload(site)
    assert found is not None
    assert sorted(found.files) == ["assets/javascripts/lunr/min/lunr.multi.min.js",
                                   "assets/javascripts/lunr/min/lunr.ru.min.js",
                                   "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                                   "assets/javascripts/workers/search.abc.min.js",
                                   "search/search_index.json"]
    index = (site / "search" / "search_index.json").stat().st_size
    assert found.raw_bytes == index + 1000 + 300 and 0 < found.gzip_bytes < found.raw_bytes
    assert payload.material_payload(tmp_path) is None  # no search index: no row


def test_the_ingest_registry_is_padded_to_the_size_asked_and_stays_valid(tmp_path: Path) -> None:
    copy_registries(tmp_path, REPO)
    before = len(list((tmp_path / "corpus" / "actors").glob("*.md")))
    assert pad_actors(tmp_path, 300) == 300 - before
    diagnostics = Report()
    corpus = load_registries(tmp_path, diagnostics)
    assert len(corpus.actors) == 300 and not diagnostics.errors, diagnostics.errors[:3]


def test_the_edited_word_is_plain_body_text(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: Something lengthy\n---\n[–]{.speaker actor=x} quoted sentence\n\n"
                       "Plain paragraph with several words\n", encoding="utf-8")
    word, after = _body_word(article)
    assert word == "paragraph" and article.read_text(encoding="utf-8")[after:].startswith("Plain")


def test_sizes_come_from_the_command_line_or_bench_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_args([]).size_list == [1000, 5000, 10000]
    assert parse_args(["--quick"]).size_list == [200]
    monkeypatch.setenv("BENCH_SIZES", "300, 600")
    assert parse_args([]).size_list == [300, 600]
    assert parse_args(["--sizes", "50"]).size_list == [50]
    with pytest.raises(SystemExit):
        parse_args(["--sizes", "ten"])


@pytest.mark.slow
def test_edit_to_reload_is_timed_on_a_real_serve_and_files_are_restored(tmp_path: Path) -> None:
    from support import copy_project

    from benchmarks.reload import measure_reloads
    from benchmarks.run import _reload_edits

    root = copy_project(tmp_path / "project")
    article = sorted((root / "corpus" / "articles").rglob("*.md"))[0]
    edits = _reload_edits(root, True, article)
    assert [e.url_path.split("/")[1] for e in edits] == ["articles", "actors"]
    before = {e.path: e.path.read_bytes() for e in edits}
    found = measure_reloads(root, edits, tmp_path / "serve.log", first_build_timeout=120,
                            reload_timeout=60)
    assert len(found) == 2 and all(0 < r.edit_s < 60 and 0 < r.undo_s < 60 for r in found)
    assert {e.path: e.path.read_bytes() for e in edits} == before
