"""Ingest: golden outputs, re-running safety, bad seeds, and arbitrary input never crashing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURES, REPO, empty_corpus

from build_tools.annotations import strip_annotations
from build_tools.files.frontmatter import split_front_matter
from build_tools.ingest.run import ingest_paths
from build_tools.load import load_corpus
from build_tools.markup import unescape_markdown

GOLDEN = Path(__file__).parent / "golden" / "ingest"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty corpus with the project's real registries."""
    empty_corpus(tmp_path)
    return tmp_path


def ingest_one(project: Path, seed: Path) -> tuple[Path, str]:
    target = project / "seeds" / seed.name
    shutil.copy(seed, target)
    result = ingest_paths([target], project)
    assert result.report.errors == [], [d.format() for d in result.report.errors]
    assert len(result.written) == 1
    return result.written[0], "\n".join(d.format() for d in result.report.items)


@pytest.mark.parametrize("seed", sorted([*GOLDEN.glob("*.txt"), *GOLDEN.glob("*.html")]),
                         ids=lambda p: p.stem)
def test_ingest_golden(project: Path, seed: Path) -> None:
    """Golden files: review the diff, then UPDATE_GOLDENS=1 make test to accept a change."""
    written, messages = ingest_one(project, seed)
    actual = f"# {written.relative_to(project).as_posix()}\n{written.read_text()}"
    actual += f"\n# diagnostics\n{messages}\n"
    expected_path = seed.with_suffix(".expected.md")
    if UPDATE:
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), f"no golden file: review, then UPDATE_GOLDENS=1 for {seed.name}"
    assert actual == expected_path.read_text(encoding="utf-8")


def test_seed_article_keeps_every_sentence_in_order(project: Path) -> None:
    seed = REPO / "seeds" / "000_05f0233f18fc51f9.txt"
    written, _ = ingest_one(project, seed)
    body = split_front_matter(written.read_text()).body
    paragraphs = [unescape_markdown(strip_annotations(p)).strip() for p in body.strip().split("\n\n")]
    raw = [p.strip() for p in seed.read_text().split("\n\n")[2:] if p.strip()]
    assert paragraphs == raw


def test_seed_article_records_provenance_actors_and_themes(project: Path) -> None:
    written, messages = ingest_one(project, REPO / "seeds" / "000_05f0233f18fc51f9.txt")
    corpus, report = load_corpus(project)
    assert report.errors == []
    meta = corpus.articles[0].meta
    assert written.name == "2022-09-06-army-of-pyongyang-kyiv-is-not-going-to-take.md"
    assert meta.seed == "seeds/000_05f0233f18fc51f9.txt"
    publisher = meta.sources.publisher
    assert publisher is not None
    assert (publisher.id, publisher.original_language, publisher.translation.value) == \
        ("svobodnaya-pressa", "ru", "machine")
    assert meta.sources.photo_credit == "ZumaTASS"
    cited = {c.id or c.name for c in meta.sources.cited}
    assert {"the-diplomat", "Russian sources", "konstantin-asmolov", "alexander-mostov"} <= cited
    roles = {ref.id: {r.value for r in ref.roles} for ref in meta.actors}
    assert roles["svobodnaya-pressa"] >= {"interviewer", "publisher"}
    assert "quoted" in roles["konstantin-asmolov"] and "quoted" in roles["alexander-mostov"]
    expected = {"north-korea", "ukraine", "russia", "united-states", "china", "south-korea",
                "donetsk-peoples-republic", "luhansk-peoples-republic", "un-security-council",
                "nato", "volodymyr-zelensky", "oleksiy-arestovych", "the-diplomat",
                "international-group-of-solidarity-with-the-dprk", "foreign-legion"}
    assert expected <= set(roles)
    assert "joint-venture" not in roles
    assert len(meta.themes) >= 6
    body = corpus.articles[0].body
    assert body.count(".speaker .tn actor=svobodnaya-pressa role=interviewer") == 4


def test_rerun_leaves_edited_article_alone(project: Path) -> None:
    seed = REPO / "seeds" / "000_05f0233f18fc51f9.txt"
    written, _ = ingest_one(project, seed)
    edited = written.read_text().replace("status: inferred", "status: reviewed") + "\nMy note.\n"
    written.write_text(edited)
    renamed = written.with_name("2022-09-06-army-of-pyongyang.md")
    written.rename(renamed)  # a person may rename the file, too
    result = ingest_paths([project / "seeds"], project)
    assert result.written == [] and result.unchanged == [renamed]
    assert renamed.read_text() == edited
    assert not written.exists()


def test_changed_seed_is_reported_not_applied(project: Path) -> None:
    written, _ = ingest_one(project, REPO / "seeds" / "000_05f0233f18fc51f9.txt")
    before = written.read_text()
    seed = project / "seeds" / "000_05f0233f18fc51f9.txt"
    seed.write_text(seed.read_text() + "\nOne more paragraph.\n")
    result = ingest_paths([seed], project)
    assert [d.code for d in result.report.warnings] == ["seed-changed"]
    assert written.read_text() == before


BAD_SEEDS = {
    "empty.txt": (b"", 1, "empty-seed"),
    "binary.txt": (b"Sep 6, 2022\nTitle\n\n\x00\x01\x02", 4, "binary-file"),
    "nodate.txt": (b"Army of Pyongyang\n\nText.\n", 1, "no-date"),
    "notitle.txt": (b"Sep 6, 2022\n\n\n", 2, "no-title"),
    "latin1.txt": (b"Sep 6, 2022\nTitle\n\nCaf\xe9 and \xff\xfe text.\n", 4, "not-utf8"),
}


def test_bad_seeds_are_reported_and_good_ones_still_ingested(project: Path) -> None:
    for name, (data, _, _) in BAD_SEEDS.items():
        (project / "seeds" / name).write_bytes(data)
    shutil.copy(REPO / "seeds" / "000_05f0233f18fc51f9.txt", project / "seeds")
    result = ingest_paths([project / "seeds"], project)
    found = {Path(d.path).name: (d.line, d.code) for d in result.report.errors}
    assert found == {name: (line, code) for name, (_, line, code) in BAD_SEEDS.items()}
    assert len(result.written) == 1
    assert len(result.failed) == len(BAD_SEEDS)


def test_bom_crlf_and_windows_1251_seeds(project: Path) -> None:
    text = "6 сентября 2022\r\nАрмия Пхеньяна\r\n\r\nТекст статьи о КНДР.\r\n"
    (project / "seeds" / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (project / "seeds" / "cp.txt").write_bytes(text.replace("Армия", "Армия-2").encode("cp1251"))
    result = ingest_paths([project / "seeds"], project)
    assert result.report.errors == []
    bodies = sorted(p.read_text() for p in result.written)
    assert all("Текст статьи о КНДР." in b for b in bodies)
    assert all("title: Армия" in b for b in bodies)


def test_duplicate_seed_text_is_reported(project: Path) -> None:
    seed = REPO / "seeds" / "000_05f0233f18fc51f9.txt"
    shutil.copy(seed, project / "seeds" / "a.txt")
    shutil.copy(seed, project / "seeds" / "b.txt")
    result = ingest_paths([project / "seeds"], project)
    assert len(result.written) == 1
    assert [d.code for d in result.report.warnings].count("duplicate-seed") == 1


def test_cli_reports_and_exit_status(project: Path) -> None:
    (project / "seeds" / "empty.txt").write_bytes(b"")
    shutil.copy(REPO / "seeds" / "000_05f0233f18fc51f9.txt", project / "seeds")
    run = subprocess.run([sys.executable, "-m", "build_tools", "ingest", "seeds"], cwd=project,
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "seeds/empty.txt:1: error: seed is empty [empty-seed]" in run.stderr
    assert "wrote corpus/articles/2022/2022-09-06-army-of-pyongyang-kyiv-is-not-going-to-take.md" \
        in run.stdout
    assert "1 new" in run.stderr and "Traceback" not in run.stderr
    again = subprocess.run([sys.executable, "-m", "build_tools", "ingest", "seeds/000_05f0233f18fc51f9.txt"],
                           cwd=project, capture_output=True, text=True)
    assert again.returncode == 0 and "1 already ingested (left alone)" in again.stderr


def test_date_option_dates_seeds_without_a_date_line(project: Path) -> None:
    """A SemEval PTC article (title, blank line, paragraphs) gets --date; a dated seed keeps its own."""
    ptc = project / "seeds" / "article111111111.txt"
    shutil.copy(FIXTURES / "ptc" / "seeds" / ptc.name, ptc)
    dated = project / "seeds" / "000_05f0233f18fc51f9.txt"
    shutil.copy(REPO / "seeds" / dated.name, dated)
    without = ingest_paths([ptc], project)
    assert [d.code for d in without.report.errors] == ["no-date"]
    result = ingest_paths([ptc, dated], project, date="2019-05-27")
    assert result.report.errors == [], [d.format() for d in result.report.errors]
    names = sorted(p.relative_to(project).as_posix() for p in result.written)
    assert names == ["corpus/articles/2019/2019-05-27-ministers-betray-voters-critics-say.md",
                     "corpus/articles/2022/2022-09-06-army-of-pyongyang-kyiv-is-not-going-to-take.md"]
    corpus, report = load_corpus(project)
    assert report.errors == []
    article = next(a for a in corpus.articles if a.meta.seed == "seeds/article111111111.txt")
    assert article.meta.title == "Ministers “Betray” Voters, Critics Say"
    assert article.body.lstrip().startswith("The so-called reform package")
    assert "Москва welcomed the vote 🙂" in article.body


@pytest.mark.parametrize("value, message", [
    ("2019-02-30", "'2019-02-30' is not a real date (YYYY-MM-DD)"),
    ("27.05.2019", "'27.05.2019' is not a date written YYYY-MM-DD"),
])
def test_cli_refuses_a_bad_date(project: Path, value: str, message: str) -> None:
    run = subprocess.run([sys.executable, "-m", "build_tools", "ingest", "--date", value, "seeds"],
                         cwd=project, capture_output=True, text=True)
    assert run.returncode == 2
    assert f"error: argument --date: {message}" in run.stderr and "Traceback" not in run.stderr


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600),
       st.sampled_from(["", "Sep 6, 2022\n", "2022-09-06\nTitle: x\n\n", "Sep 6, 2022\nT\n\n– "]))
def test_arbitrary_text_never_crashes_ingest(project: Path, text: str, prefix: str) -> None:
    seed = project / "seeds" / "random.txt"
    seed.write_text(prefix + text, encoding="utf-8")
    result = ingest_paths([seed], project)
    assert len(result.written) + len(result.report.errors) >= 1
    for path in result.written:
        corpus, report = load_corpus(project)
        assert report.errors == [], [d.format() for d in report.errors]
        path.unlink()


def test_propose_writes_stub_actors_and_uses_them(project: Path) -> None:
    seed = project / "seeds" / "conference.txt"
    shutil.copy(GOLDEN / "press-conference.txt", seed)
    result = ingest_paths([seed], project, propose=True)
    stub = project / "corpus" / "actors" / "ivan-unknownov.md"
    assert stub in result.proposed
    text = stub.read_text()
    assert "name: Ivan Unknownov" in text and "kind: person" in text and "status: proposed" in text
    assert "seeds/conference.txt" in text
    corpus, report = load_corpus(project)
    assert report.errors == []
    article = corpus.articles[0]
    roles = {r.id: [x.value for x in r.roles] for r in article.meta.actors}
    assert roles["ivan-unknownov"] == ["quoted"]
    assert "[Ivan Unknownov:]{.speaker actor=ivan-unknownov" in article.body
    # a person's edit of the stub survives another run
    stub.write_text(text.replace("status: proposed", "status: accepted"))
    article_path = result.written[0]
    article_path.unlink()
    again = ingest_paths([seed], project, propose=True)
    assert again.proposed == [] and "status: accepted" in stub.read_text()


def test_evaluate_command_on_a_labelled_folder() -> None:
    run = subprocess.run([sys.executable, "-m", "build_tools", "evaluate", "-v",
                          str(Path(__file__).parent / "fixtures" / "labelled")],
                         cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    out = re.sub(r" +\|", " |", run.stdout)  # whatever the column's width
    assert "| date exact | 1/1 (100%) |" in out
    assert "| place/credit exact | 1/1 (100%) |" in out
    # Putin and Ivan Unknownov (proposed) speak; all five gold actors are found, Russia is extra
    assert "| speakers recall | 100.0% (2 of 2) |" in out
    assert "| actors recall | 100.0% (5 of 5) |" in out
    assert "extra actor russia" in out
    # Ivan Unknownov and Mongolia are proposed, both real actors of the right kind; the other
    # three gold actors are in the registry
    assert "| proposals right | 100.0% (2 of 2) of stubs (0 wrong kind, 0 no actor) |" in out
    assert "| recall via registry | 60.0% (3 of 5) of gold actors |" in out
    assert "| recall via proposals | 40.0% (2 of 5) of gold actors |" in out
    assert "seeds/s" in out


def test_update_refreshes_what_ingest_owns_and_keeps_human_edits(project: Path) -> None:
    seed = project / "seeds" / "000_05f0233f18fc51f9.txt"
    shutil.copy(REPO / "seeds" / seed.name, seed)
    written = ingest_paths([seed], project).written[0]
    text = written.read_text()
    # A person reviews the article: new title, a confirmed actor, an edited paragraph.
    text = text.replace("\ntitle: Army of Pyongyang Kyiv is not going to take",
                        "\ntitle: The army of Pyongyang will not take Kyiv", 1)
    text = text.replace("status: inferred", "status: reviewed")
    text = text.replace("- id: konstantin-asmolov\n  roles:\n  - quoted\n  inferred: speaker-turn",
                        "- id: konstantin-asmolov\n  roles:\n  - quoted\n  - subject")
    text = text.replace("In fairness, we note that", "In fairness (editor: sic), we note that")
    written.write_text(text)
    # The seed gains a paragraph and loses none.
    seed.write_text(seed.read_text().rstrip("\n") + "\n\nA brand new closing paragraph.\n")
    result = ingest_paths([seed], project, update=True)
    assert result.updated == [written], [d.format() for d in result.report.items]
    after = written.read_text()
    assert "title: The army of Pyongyang will not take Kyiv" in after
    assert "status: reviewed" in after
    assert "In fairness (editor: sic), we note that" in after
    assert after.rstrip().endswith("A brand new closing paragraph.")
    corpus, report = load_corpus(project)
    assert report.errors == []
    asmolov = next(r for r in corpus.articles[0].meta.actors if r.id == "konstantin-asmolov")
    assert [r.value for r in asmolov.roles] == ["quoted", "subject"] and asmolov.inferred is None
    assert any("title" in d.message and d.code == "kept-edit" for d in result.report.warnings)
    assert "+A brand new closing paragraph." in result.diffs[0]
    # A second run has nothing left to do.
    again = ingest_paths([seed], project, update=True)
    assert again.updated == [] and written.read_text() == after


def test_a_rejected_suggestion_stays_rejected(project: Path) -> None:
    seed = project / "seeds" / "000_05f0233f18fc51f9.txt"
    shutil.copy(REPO / "seeds" / seed.name, seed)
    written = ingest_paths([seed], project).written[0]
    text = written.read_text()
    text = text.replace("- id: western-hysteria\n  inferred: 'cue: autumn exacerbation'",
                        "- id: western-hysteria\n  rejected: true", 1)
    text = text.replace("- id: china\n  roles:\n  - mentioned\n  inferred: registry-alias",
                        "- id: china\n  rejected: true", 1)
    assert text.count("rejected: true") == 2
    written.write_text(text)
    ingest_paths([seed], project, update=True)
    after = written.read_text()
    assert after.count("rejected: true") == 2 and "cue: autumn exacerbation" not in after
    corpus, report = load_corpus(project)
    assert report.errors == []
    meta = corpus.articles[0].meta
    assert "western-hysteria" not in [t.id for t in meta.carried_themes]
    assert "china" not in [a.id for a in meta.named_actors]


def test_seeds_must_be_plain_files_inside_seeds(project: Path, tmp_path: Path) -> None:
    outside = project / "elsewhere.txt"
    shutil.copy(REPO / "seeds" / "000_05f0233f18fc51f9.txt", outside)
    (project / "seeds" / "link.txt").symlink_to(outside)
    shutil.copy(REPO / "seeds" / "000_05f0233f18fc51f9.txt", project / "seeds" / "bad(1).txt")
    (project / "seeds" / ".cache").mkdir()
    shutil.copy(REPO / "seeds" / "000_05f0233f18fc51f9.txt", project / "seeds" / ".cache" / "x.txt")
    result = ingest_paths([project / "seeds", outside], project)
    assert result.written == []
    codes = sorted(d.code for d in result.report.errors)
    assert codes == ["bad-seed-name", "seed-outside-seeds", "seed-outside-seeds"]


def test_an_apostrophe_in_a_seed_name_is_ingested_once(project: Path) -> None:
    seed = project / "seeds" / "Putin's speech.txt"
    shutil.copy(REPO / "seeds" / "000_05f0233f18fc51f9.txt", seed)
    assert len(ingest_paths([project / "seeds"], project).written) == 1
    again = ingest_paths([project / "seeds"], project)
    assert again.written == [] and len(again.unchanged) == 1
    corpus, report = load_corpus(project)
    assert report.errors == [] and corpus.articles[0].meta.seed == "seeds/Putin's speech.txt"


def test_mixed_utf8_and_cp1251_is_an_error_not_mojibake(project: Path) -> None:
    data = "Sep 6, 2022\nПривет мир\n\n".encode() + "Текст статьи.\n".encode("cp1251")
    (project / "seeds" / "mixed.txt").write_bytes(data)
    result = ingest_paths([project / "seeds"], project)
    assert [(d.code, d.line) for d in result.report.errors] == [("not-utf8", 4)]


@pytest.mark.parametrize("args, code", [
    (["check"], "no-corpus"),
    (["ingest", "seeds"], "no-corpus"),
])
def test_cli_outside_a_project_says_so(tmp_path: Path, args: list[str], code: str) -> None:
    run = subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 1 and f"[{code}]" in run.stderr and "Traceback" not in run.stderr


def test_export_never_writes_over_a_person_s_files(project: Path, tmp_path: Path) -> None:
    from build_tools.adapters.export import export_site

    shutil.copytree(REPO / "docs", project / "docs")
    before = (project / "corpus" / "actors" / "tass.md").read_text()
    for target in (project / "corpus", project / "docs", project, tmp_path / "x.txt"):
        if target.name == "x.txt":
            target.write_text("a file")
        export = export_site(project, target)
        assert export.count == 0, target
        assert [d.code for d in export.report.errors] == ["bad-export-folder"], target
    assert (project / "corpus" / "actors" / "tass.md").read_text() == before
    out = tmp_path / "export"
    assert export_site(project, out).count > 0
    assert export_site(project, out).count > 0  # a previous export may be replaced


def test_evaluate_reports_bad_labels(tmp_path: Path) -> None:
    (tmp_path / "labels.json").write_text("{bad", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "build_tools", "evaluate", str(tmp_path)],
                         cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 1 and "labels.json:1: error: invalid JSON" in run.stderr
    assert "Traceback" not in run.stderr


def test_update_keeps_deleted_paragraphs_deleted_and_follows_a_new_date(project: Path) -> None:
    seed = project / "seeds" / "000_05f0233f18fc51f9.txt"
    shutil.copy(REPO / "seeds" / seed.name, seed)
    written = ingest_paths([seed], project).written[0]
    assert oct(written.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    text = written.read_text()
    text = text.replace("In fairness, we note that in the Russian media there is enough speculation "
                        "about the possible participation of the DPRK in a special operation in "
                        "Ukraine.\n\n", "")
    written.write_text(text)
    seed.write_text(seed.read_text().replace("Sep 6, 2022", "Sep 7, 2022", 1))
    result = ingest_paths([seed], project, update=True)
    moved = project / "corpus" / "articles" / "2022" / written.name.replace("09-06", "09-07")
    assert result.updated == [moved] and not written.exists()
    after = moved.read_text()
    assert "date: '2022-09-07'" in after and "In fairness, we note" not in after
    assert load_corpus(project).report.errors == []


def test_update_refuses_front_matter_with_comments(project: Path) -> None:
    seed = project / "seeds" / "000_05f0233f18fc51f9.txt"
    shutil.copy(REPO / "seeds" / seed.name, seed)
    written = ingest_paths([seed], project).written[0]
    text = written.read_text().replace("status: inferred", "status: inferred  # TODO(anna): check")
    written.write_text(text)
    result = ingest_paths([seed], project, update=True)
    assert [d.code for d in result.report.errors] == ["has-comments"]
    assert written.read_text() == text


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
