"""The hand-labelled Wikinews set (``tests/fixtures/labelled-wikinews``) is well-formed and agrees
with its texts: every seed has gold labels, every gold value can be found in its seed, every actor
kind is an ``ActorKind``. ``evaluate`` trusts these labels, so a typo in them would show up as a
miss of the ingest; these checks catch it first. The checker is also run on broken copies, to show
that it fails on each kind of broken label."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from support import FIXTURES

from build_tools.ingest.seed import parse_seed
from build_tools.model import ActorKind

FOLDER = FIXTURES / "labelled-wikinews"
KINDS = {kind.value for kind in ActorKind}
LABEL_KEYS = {"url", "iso_date", "date_line", "title", "location_line", "via"}
ENTITY_KEYS = {"name", "kind", "mentions", "speaker"}


def _occurs(mention: str, text: str) -> bool:
    """The mention as a whole word or phrase: "US" must not be found inside "USA" or "focus"."""
    return re.search(rf"(?<!\w){re.escape(mention)}(?!\w)", text) is not None


def _entity_problems(name: str, entity: Any, text: str) -> list[str]:
    if not isinstance(entity, dict) or set(entity) != ENTITY_KEYS:
        return [f"{name}: an actor must have exactly the keys {sorted(ENTITY_KEYS)}: {entity!r}"]
    problems = []
    actor = entity["name"]
    if not isinstance(actor, str) or not actor.strip():
        problems.append(f"{name}: actor without a name")
    if entity["kind"] not in KINDS:
        problems.append(f"{name}: {actor}: kind {entity['kind']!r} is not one of {sorted(KINDS)}")
    if not isinstance(entity["speaker"], bool):
        problems.append(f"{name}: {actor}: speaker must be true or false")
    mentions = entity["mentions"]
    if not isinstance(mentions, list) or not mentions or not all(isinstance(m, str) for m in mentions):
        return [*problems, f"{name}: {actor}: mentions must be a non-empty list of strings"]
    if len(set(mentions)) != len(mentions):
        problems.append(f"{name}: {actor}: a mention is listed twice")
    for mention in mentions:
        if mention != mention.strip() or mention.lower().startswith("the "):
            problems.append(f"{name}: {actor}: mention {mention!r} has spaces or a leading 'the'")
        elif not _occurs(mention, text):
            problems.append(f"{name}: {actor}: mention {mention!r} is not in the text")
    return problems


def _label_problems(name: str, gold: Any, text: str) -> list[str]:
    if not isinstance(gold, dict) or set(gold) != LABEL_KEYS:
        return [f"{name}: labels must have exactly the keys {sorted(LABEL_KEYS)}"]
    problems = []
    lines = text.split("\n")
    if gold["date_line"] != lines[0] or gold["title"] != lines[1]:
        problems.append(f"{name}: date_line and title must be the seed's first two lines")
    try:
        date.fromisoformat(gold["iso_date"])
    except (TypeError, ValueError):
        problems.append(f"{name}: iso_date {gold['iso_date']!r} is not a date")
    seed = parse_seed(text)
    if seed.problems or seed.date != gold["iso_date"] or seed.title != gold["title"]:
        problems.append(f"{name}: the seed parses to date {seed.date!r}, title {seed.title!r}, "
                        f"problems {[p.message for p in seed.problems]}")
    if not str(gold["url"]).startswith("https://en.wikinews.org/wiki/"):
        problems.append(f"{name}: url {gold['url']!r} is not a Wikinews article")
    if gold["location_line"] is not None and gold["location_line"] not in text:
        problems.append(f"{name}: location_line is not in the text")
    return problems


def check_folder(folder: Path) -> list[str]:
    """Every problem with the folder's labels, as ``file: what is wrong``."""
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    entities = json.loads((folder / "entities.json").read_text(encoding="utf-8"))
    seeds = {p.name for p in folder.glob("*.txt")}
    problems = [f"{n}: a seed without labels" for n in sorted(seeds - set(labels))]
    problems += [f"{n}: labelled, but there is no such seed" for n in sorted(set(labels) - seeds)]
    problems += [f"{n}: no entities for this seed" for n in sorted(seeds - set(entities))]
    problems += [f"{n}: entities for an unlabelled seed" for n in sorted(set(entities) - set(labels))]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    problems += [f"{n}: not listed in README.md" for n in sorted(seeds) if f"`{n}`" not in readme]
    for name in sorted(seeds & set(labels)):
        text = (folder / name).read_text(encoding="utf-8")
        problems += _label_problems(name, labels[name], text)
        actors = entities.get(name, [])
        names = [a.get("name") for a in actors if isinstance(a, dict)]
        twice = sorted({n for n in names if names.count(n) > 1})
        problems += [f"{name}: actor {n} is listed twice" for n in twice]
        for entity in actors:
            problems += _entity_problems(name, entity, text)
    return problems


def test_the_wikinews_labels_are_well_formed_and_found_in_their_texts() -> None:
    assert len(list(FOLDER.glob("*.txt"))) >= 8
    assert check_folder(FOLDER) == []


def _broken_copy(tmp_path: Path, which: str, change: Any) -> Path:
    folder = tmp_path / "labelled"
    shutil.copytree(FOLDER, folder)
    path = folder / which
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return folder


def _first_actor(data: dict[str, Any]) -> dict[str, Any]:
    return data[sorted(data)[0]][0]  # type: ignore[no-any-return]


ENT, LAB = "entities.json", "labels.json"
BREAKAGES = {
    "a mention not in the text": (ENT, lambda d: _first_actor(d)["mentions"].append("Ruritania")),
    "a mention found only inside a word": (ENT, lambda d: _first_actor(d)["mentions"].append("Afgh")),
    "a kind that is no ActorKind": (ENT, lambda d: _first_actor(d).update(kind="country")),
    "a speaker flag that is not a boolean": (ENT, lambda d: _first_actor(d).update(speaker="yes")),
    "an actor without mentions": (ENT, lambda d: _first_actor(d).update(mentions=[])),
    "an actor listed twice": (ENT, lambda d: d[sorted(d)[0]].append(_first_actor(d))),
    "a seed without entities": (ENT, lambda d: d.pop(sorted(d)[0])),
    "a seed without labels": (LAB, lambda d: d.pop(sorted(d)[0])),
    "a wrong gold date": (LAB, lambda d: d[sorted(d)[0]].update(iso_date="2015-02-30")),
    "a gold title that is not the seed's": (LAB, lambda d: d[sorted(d)[0]].update(title="Another")),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_the_check_fails_on_a_broken_label(tmp_path: Path, breakage: str) -> None:
    which, change = BREAKAGES[breakage]
    assert check_folder(_broken_copy(tmp_path, which, change)) != []
