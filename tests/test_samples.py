"""The labelled development samples (``../shared/samples/*``, beside the repository) ingest,
with --propose, into a corpus that builds with --strict; every gold speaker and named person
becomes an actor page.

``CORPUS_SAMPLES`` names another folder of labelled seeds (a folder with ``labels.json``, or
folders of them): the GitHub workflow, which has no ``../shared``, points it at
``tests/fixtures/labelled``. Where no samples are found the test is skipped on a laptop and
fails under ``CI=true``, so CI never passes without running it."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from support import REPO, build_project, copy_project

from build_tools.ingest.run import ingest_paths
from build_tools.load import load_corpus

SAMPLES = Path(os.environ.get("CORPUS_SAMPLES") or REPO.parent / "shared" / "samples")
if not SAMPLES.is_absolute():
    SAMPLES = REPO / SAMPLES


def _labelled_folders(base: Path) -> list[Path]:
    if (base / "labels.json").is_file():
        return [base]
    return sorted(p for p in base.glob("*") if (p / "labels.json").is_file()) if base.is_dir() else []


FOLDERS = _labelled_folders(SAMPLES)
if not FOLDERS and os.environ.get("CI") == "true":
    pytest.fail(f"CI=true but no labelled samples in {SAMPLES}: set CORPUS_SAMPLES to a folder with "
                "labels.json", pytrace=False)

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not FOLDERS, reason=f"no labelled samples in {SAMPLES}")]


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.replace("’", "'").lower()).strip()


HONORIFICS = {"mr", "mrs", "ms", "dr", "president", "minister", "general", "sir", "madam"}


def _full_name(mention: str) -> bool:
    """At least two capitalised words besides honorifics ("Dmitry Kozak", not "Mr Kozak")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", mention)
             if w[0].isupper() and w.lower().rstrip(".") not in HONORIFICS]
    return len(words) >= 2


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_samples_ingest_and_build_strict(tmp_path: Path, folder: Path) -> None:
    root = copy_project(tmp_path / "project")
    target = root / "seeds" / folder.name
    target.mkdir()
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    for name in labels:
        shutil.copy(folder / name, target / name)
    result = ingest_paths([target], root, propose=True)
    assert result.report.errors == [], [d.format() for d in result.report.errors]
    assert len(result.written) == len(labels)
    corpus, report = load_corpus(root)
    assert report.errors == []
    built = build_project(root, strict=True)
    assert built.warnings == []
    entities_path = folder / "entities.json"
    if not entities_path.is_file():
        return
    entities = json.loads(entities_path.read_text(encoding="utf-8"))
    forms = {}
    for actor_id, actor in corpus.actors.items():
        for form in [actor.meta.name, *actor.meta.aliases]:
            forms[_key(form)] = actor_id
    missing, surname_only = [], []
    for name, gold in entities.items():
        for entity in gold:
            if not (entity.get("speaker") or entity["kind"] == "person"):
                continue
            wanted = {_key(entity["name"]), *(_key(m) for m in entity.get("mentions", []))}
            found = [forms[k] for k in wanted if k in forms]
            if not found:
                # A person the text names only by one word ("Mr Kozak") is reported, not proposed:
                # a one-word stub would need cleaning up (issue 10). Everyone named in full must
                # be recognised or proposed.
                named_in_full = any(_full_name(m) for m in entity.get("mentions", []))
                (missing if named_in_full else surname_only).append(f"{name}: {entity['name']}")
                continue
            assert (built.site / "actors" / found[0] / "index.html").is_file()
    assert not missing, missing
    assert len(surname_only) <= 2, surname_only
    print("unrecognised people named only by one word:", surname_only)
