"""Measure ingest against a labelled folder: date, title, place/credit, speakers, actors.

Input: a folder of seeds with ``labels.json`` (per file: iso_date, title, location_line) and
optionally ``entities.json`` (per file: named actors with kind, mentions, speaker flag), the
format of ``shared/samples``. Ingest runs on copies in a temporary project that has the real
registries, so nothing in the repository changes. Output: an accuracy table (precision and
recall for speakers and actors) and the throughput in seeds per second.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.diagnostics import DiagnosticError, Report, error
from build_tools.ingest.recognise import normalise
from build_tools.ingest.run import ingest_paths
from build_tools.limits import CONFIG_FILE
from build_tools.load import load_corpus
from build_tools.model import REGISTRY_FOLDERS


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Evaluation:
    files: int = 0
    exact: dict[str, int] = field(default_factory=lambda: {"date": 0, "title": 0, "place/credit": 0})
    speakers: Score = field(default_factory=Score)
    actors: Score = field(default_factory=Score)
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)


def _key(text: str) -> str:
    text = normalise(text).lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^\w]+", " ", text).strip()


LABELS_HINT = "labels.json maps file names to objects with iso_date, title, location_line"


def _label_error(path: Path, line: int, message: str) -> DiagnosticError:
    return DiagnosticError(error(message, "bad-labels", line=line, path=path, hint=LABELS_HINT))


def _read_json(path: Path, value_type: type) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise _label_error(path, exc.lineno, f"invalid JSON: {exc.msg}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _label_error(path, 1, f"cannot read: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, value_type) for v in data.values()):
        raise _label_error(path, 1, f"expected an object of file name -> {value_type.__name__}")
    return data


def evaluate_folder(folder: Path, root: Path, propose: bool = True) -> Evaluation:
    """Raises ``DiagnosticError`` for labels it cannot use."""
    labels = _read_json(folder / "labels.json", dict)
    missing = [name for name in labels if not (folder / name).is_file()]
    if missing:
        raise _label_error(folder / "labels.json", 1, f"labelled file '{missing[0]}' is missing")
    entities_path = folder / "entities.json"
    entities = _read_json(entities_path, list) if entities_path.is_file() else {}
    result = Evaluation()
    with tempfile.TemporaryDirectory(prefix="corpus-eval-") as tmp:
        project = Path(tmp)
        for name in REGISTRY_FOLDERS:
            if (root / "corpus" / name).is_dir():
                shutil.copytree(root / "corpus" / name, project / "corpus" / name)
        (project / "corpus").mkdir(exist_ok=True)
        if (root / CONFIG_FILE).is_file():  # its limits, and the starter registry when it is on
            shutil.copy(root / CONFIG_FILE, project / CONFIG_FILE)
        seeds = project / "seeds"
        seeds.mkdir()
        for name in labels:
            shutil.copy(folder / name, seeds / name)
        start = time.perf_counter()
        ingested = ingest_paths([seeds], project, propose=propose)
        result.seconds = time.perf_counter() - start
        result.report = ingested.report
        corpus, _ = load_corpus(project)
        by_seed = {Path(a.meta.seed or "").name: a for a in corpus.articles}
        for name, gold in sorted(labels.items()):
            result.files += 1
            article = by_seed.get(name)
            if article is None:
                result.misses.append(f"{name}: not ingested")
                continue
            meta = article.meta
            result.exact["date"] += meta.date == gold.get("iso_date")
            result.exact["title"] += meta.title == gold.get("title")
            found_place = meta.place or meta.sources.photo_credit
            result.exact["place/credit"] += found_place == gold.get("location_line")
            if name not in entities:
                continue
            names: dict[str, set[str]] = {}
            for ref in meta.named_actors:
                actor = corpus.actors[ref.id]
                names[ref.id] = {_key(actor.meta.name), *(_key(a) for a in actor.meta.aliases)}
            speakers = {t.actor for t in _turn_actors(article)}
            _score(result, name, entities[name], names, speakers)
    return result


def _turn_actors(article: Any) -> list[Any]:
    from build_tools.annotations import parse_annotations, turns_of

    parsed = parse_annotations(article.body)
    return turns_of(article.body, parsed.annotations)


def _score(result: Evaluation, name: str, gold: list[dict[str, Any]], names: dict[str, set[str]],
           speakers: set[str]) -> None:
    matched: set[str] = set()
    for entity in gold:
        forms = {_key(entity["name"]), *(_key(m) for m in entity.get("mentions", []))}
        hit = next((actor_id for actor_id, ours in names.items() if ours & forms), None)
        if hit:
            result.actors.tp += 1
            matched.add(hit)
        else:
            result.actors.fn += 1
            result.misses.append(f"{name}: missed actor {entity['name']}")
        if entity.get("speaker"):
            if hit and hit in speakers:
                result.speakers.tp += 1
            else:
                result.speakers.fn += 1
                result.misses.append(f"{name}: missed speaker {entity['name']}")
    for actor_id in names:
        if actor_id not in matched:
            result.actors.fp += 1
            result.misses.append(f"{name}: extra actor {actor_id}")
    gold_speakers = {a for a in matched if any(
        e.get("speaker") and names[a] & {_key(e["name"]), *(_key(m) for m in e.get("mentions", []))}
        for e in gold)}
    result.speakers.fp += len(speakers - gold_speakers)
    for actor_id in sorted(speakers - gold_speakers):
        result.misses.append(f"{name}: extra speaker {actor_id}")


def format_evaluation(ev: Evaluation) -> str:
    n = max(1, ev.files)
    rows = [("measure", "value")]
    for key, hits in ev.exact.items():
        rows.append((f"{key} exact", f"{hits}/{ev.files} ({100 * hits / n:.0f}%)"))
    for label, score in (("speakers", ev.speakers), ("actors", ev.actors)):
        found, gold = score.tp + score.fp, score.tp + score.fn
        rows.append((f"{label} precision", f"{100 * score.precision:.1f}% ({score.tp} of {found})"))
        rows.append((f"{label} recall", f"{100 * score.recall:.1f}% ({score.tp} of {gold})"))
    rate = ev.files / ev.seconds if ev.seconds else 0.0
    rows.append(("throughput", f"{rate:.1f} seeds/s ({ev.files} seeds in {ev.seconds:.2f} s)"))
    width = max(len(r[0]) for r in rows)
    lines = [f"| {a.ljust(width)} | {b} |" for a, b in rows]
    lines.insert(1, f"|{'-' * (width + 2)}|{'-' * 30}|")
    return "\n".join(lines)
