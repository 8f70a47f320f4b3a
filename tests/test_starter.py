"""The starter registry: taking it and leaving it is one command each and leaves the corpus as
it was; corpus entries win over starter entries; ingest recognises starter actors only when it
is on; check reports problems of the starter files where they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import FIXTURES

from build_tools.cli import main
from build_tools.ingest.run import ingest_paths
from build_tools.load import load_corpus
from build_tools.starter import load as starter_load

SEED = """\
19.09.2022
Erdogan and Reuters

ANKARA, September 19. Recep Tayyip Erdoğan told Reuters that talks with Vladimir Putin would go on.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "site" / "corpus", root / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", root / "seeds")
    return root


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "corpus").rglob("*")) if p.is_file()}


def actor(root: Path, actor_id: str, front: str) -> None:
    (root / "corpus" / "actors" / f"{actor_id}.md").write_text(f"---\n{front}---\nA test actor.\n",
                                                               encoding="utf-8")


def test_add_then_remove_leaves_the_corpus_as_it_was(project: Path) -> None:
    before = tree(project)
    assert run(project, "registry", "add-starter") == 0
    assert (project / "corpus" / "config.yml").read_text(encoding="utf-8") == "starter:\n  - world\n"
    corpus, report = load_corpus(project)
    assert not report.errors
    assert corpus.starter is not None and len(corpus.starter.seen) > 400
    assert corpus.actors["recep-tayyip-erdogan"].starter == "world"
    assert not list((project / "corpus" / "actors").glob("recep*"))  # nothing copied
    assert run(project, "registry", "add-starter") == 0  # twice: no change
    assert run(project, "registry", "remove-starter") == 0
    assert tree(project) == before
    corpus, _ = load_corpus(project)
    assert corpus.starter is None and "recep-tayyip-erdogan" not in corpus.actors


def test_add_and_remove_keep_the_rest_of_config_yml(project: Path) -> None:
    config = project / "corpus" / "config.yml"
    text = "# our limits\nlimits:\n  title_length: 200  # long titles\n\n# end\n"
    config.write_text(text, encoding="utf-8")
    assert run(project, "registry", "add-starter") == 0
    added = config.read_text(encoding="utf-8")
    assert added.startswith(text) and added.endswith("starter:\n  - world\n")
    corpus, _ = load_corpus(project)
    assert corpus.limits.title_length == 200 and corpus.starter is not None
    assert run(project, "registry", "remove-starter") == 0
    assert config.read_text(encoding="utf-8") == text


def test_a_broken_config_is_left_alone(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "corpus" / "config.yml"
    config.write_text("limits: [\n", encoding="utf-8")
    assert run(project, "registry", "add-starter") == 1
    assert config.read_text(encoding="utf-8") == "limits: [\n"
    assert "[config-invalid]" in capsys.readouterr().err


@pytest.mark.parametrize(("front", "hidden", "reason"), [
    ("name: Reuters News\nkind: media\n", "reuters", "the same id"),
    ("name: The Turkish President\nkind: person\naliases:\n- Erdoğan\n", "recep-tayyip-erdogan",
     "the name 'Erdoğan'"),
    ("name: The Russian Federation\nkind: state\nwikidata: Q159\n", "russia",
     "the same Wikidata id Q159"),
    ("name: The Kremlin\nkind: organisation\naliases:\n- kremlin\n", "russia", "the name 'kremlin'"),
])
def test_a_corpus_entry_wins_over_the_starter_entry(project: Path, front: str, hidden: str,
                                                   reason: str) -> None:
    own = "reuters" if hidden == "reuters" else "own-entry"
    actor(project, own, front)
    run(project, "registry", "add-starter")
    corpus, report = load_corpus(project)
    assert not report.errors and not report.warnings  # nothing noisy
    assert corpus.actors[own].starter is None
    assert corpus.starter is not None
    if own != hidden:
        assert hidden not in corpus.actors
    found = [h for h in corpus.starter.hidden if h.starter_id == hidden]
    assert found and found[0].by == own and found[0].reason == reason


def ingested_actors(project: Path) -> list[str]:
    seed = project / "seeds" / "erdogan.txt"
    seed.write_text(SEED, encoding="utf-8")
    result = ingest_paths([seed], project)
    assert result.written and not result.report.errors
    corpus, report = load_corpus(project)
    assert not report.errors
    article = next(a for a in corpus.articles if a.meta.seed == "seeds/erdogan.txt")
    return [ref.id for ref in article.meta.actors]


def test_ingest_finds_starter_actors_only_when_the_starter_is_on(project: Path,
                                                                 tmp_path: Path) -> None:
    off = ingested_actors(project)
    assert "recep-tayyip-erdogan" not in off and "reuters" not in off
    other = tmp_path / "other"
    shutil.copytree(FIXTURES / "site" / "corpus", other / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", other / "seeds")
    run(other, "registry", "add-starter")
    on = ingested_actors(other)
    assert {"recep-tayyip-erdogan", "reuters", "vladimir-putin"} <= set(on)


def test_remove_is_refused_while_articles_name_starter_actors(project: Path,
                                                              capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    run(project, "registry", "add-starter")
    ingested_actors(project)
    assert run(project, "registry", "remove-starter") == 1
    assert "[starter-in-use]" in capsys.readouterr().err
    assert (project / "corpus" / "config.yml").is_file()
    assert run(project, "registry", "adopt", "--used") == 0
    adopted = project / "corpus" / "actors" / "recep-tayyip-erdogan.md"
    assert "President of Turkey" in adopted.read_text(encoding="utf-8")
    assert run(project, "registry", "remove-starter") == 0  # adopted ones are the corpus's now
    corpus, report = load_corpus(project)
    assert not report.errors and corpus.actors["recep-tayyip-erdogan"].starter is None


def test_an_adopted_entry_is_a_corpus_file_that_wins(project: Path) -> None:
    run(project, "registry", "add-starter")
    assert run(project, "registry", "adopt", "reuters") == 0
    corpus, report = load_corpus(project)
    assert not report.errors
    assert corpus.actors["reuters"].path == "corpus/actors/reuters.md"
    assert corpus.starter is not None and any(h.starter_id == "reuters" for h in corpus.starter.hidden)
    assert run(project, "registry", "adopt", "reuters") == 1  # already the corpus's
    assert run(project, "registry", "adopt", "no-such-entry") == 1


def test_status_lists_what_the_starter_adds_and_hides(project: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, "registry", "starter") == 0
    assert "off" in capsys.readouterr().out
    run(project, "registry", "add-starter")
    capsys.readouterr()
    assert run(project, "registry", "starter", "--list") == 0
    out = capsys.readouterr().out
    assert "starter registry: on (world)" in out
    assert "hidden: north-korea (corpus/actors/north-korea.md has the same id)" in out
    assert "recep-tayyip-erdogan: Recep Tayyip Erdoğan [Q39259]" in out


def test_check_reports_problems_of_a_starter_file_on_their_line(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "world-test.yml"
    data.write_text("- {id: alpha, name: Alpha, kind: state, aliases: [Alfa]}\n"
                    "- {id: beta, name: Beta, kind: planet}\n"
                    "- {id: gamma, name: Gamma, kind: state, aliases: [Alfa]}\n"
                    "- {id: alpha, name: Other, kind: state}\n", encoding="utf-8")
    monkeypatch.setattr(starter_load, "set_files", lambda name: [data])
    run(project, "registry", "add-starter")
    assert run(project, "check") == 1
    err = capsys.readouterr().err
    assert "build_tools/starter/world-test.yml:2:" in err and "kind" in err
    assert ("world-test.yml:3: error: starter entry 'gamma' shares the name 'Alfa' with 'alpha'"
            in err)
    assert "world-test.yml:4: error: starter entry 'alpha' has the id of the entry on line 1" in err
    corpus, _ = load_corpus(project)
    assert [a for a in corpus.actors if a in ("alpha", "beta", "gamma")] == ["alpha"]
