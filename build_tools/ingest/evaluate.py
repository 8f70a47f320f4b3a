"""Measure ingest against a labelled folder: date, title, place/credit, speakers, actors.

Input: a folder of seeds with ``labels.json`` (per file: iso_date, title, location_line) and
optionally ``entities.json`` (per file: named actors with kind, mentions, speaker flag), the
format of ``shared/samples``. Ingest runs on copies in a temporary project that has the real
registries, so nothing in the repository changes. Output: an accuracy table (precision and
recall for speakers and actors), the quality of what ``--propose`` wrote, and the throughput in
seeds per second.

Proposal quality, for a person who accepts stubs without cleaning up: a stub is *right* when an
article that names it has a gold actor with one of its names and the same kind; *wrong kind*
when the gold actor has another kind; *no actor* when no gold actor has its names ("Last July",
"Capitol Hill"). Each use of a stub in an article is judged the same way against that article's
gold, so a stub that tags unrelated articles ("Democrats") counts against it. Recall is split
by where the match came from: the registry's accepted actors, or the run's own proposals.
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
from build_tools.ingest.gazetteer import gazetteer
from build_tools.ingest.propose import common_word
from build_tools.ingest.recognise import normalise
from build_tools.ingest.run import ingest_paths
from build_tools.limits import CONFIG_FILE
from build_tools.load import load_corpus
from build_tools.model import REGISTRY_FOLDERS, Corpus, RegistryStatus


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
class ProposalScore:
    """How good the stubs ``--propose`` wrote are (see the module docstring)."""

    right: int = 0
    wrong_kind: int = 0
    no_actor: int = 0
    uses: int = 0
    right_uses: int = 0
    recall_registry: int = 0  # gold actors found through an accepted registry actor
    recall_proposed: int = 0  # gold actors found only through a proposal
    gold: int = 0

    @property
    def stubs(self) -> int:
        return self.right + self.wrong_kind + self.no_actor


@dataclass
class Evaluation:
    files: int = 0
    exact: dict[str, int] = field(default_factory=lambda: {"date": 0, "title": 0, "place/credit": 0})
    speakers: Score = field(default_factory=Score)
    actors: Score = field(default_factory=Score)
    proposals: ProposalScore = field(default_factory=ProposalScore)
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
        # word lists read once per process (about half a second): not a cost per seed
        gazetteer().kind("Las Vegas")
        if propose:
            common_word("the")
        start = time.perf_counter()
        ingested = ingest_paths([seeds], project, propose=propose)
        result.seconds = time.perf_counter() - start
        result.report = ingested.report
        corpus, _ = load_corpus(project)
        by_seed = {Path(a.meta.seed or "").name: a for a in corpus.articles}
        verdicts: dict[str, set[str]] = {}  # stub id -> its verdict in each article naming it
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
            _score_proposals(result, name, entities[name], names, corpus, verdicts)
    for stub_id, seen in sorted(verdicts.items()):
        if "right" in seen:
            result.proposals.right += 1
        elif "wrong kind" in seen:
            result.proposals.wrong_kind += 1
        else:
            result.proposals.no_actor += 1
        if "right" not in seen:
            result.misses.append(f"proposed {stub_id}: {sorted(seen)[0]}")
    return result


def _forms(entity: dict[str, Any]) -> set[str]:
    return {_key(entity["name"]), *(_key(m) for m in entity.get("mentions", []))}


def _score_proposals(result: Evaluation, name: str, gold: list[dict[str, Any]],
                     names: dict[str, set[str]], corpus: Corpus, verdicts: dict[str, set[str]]) -> None:
    """Judge each proposed actor the article names, and which gold actors registry and
    proposals found."""
    score = result.proposals
    proposed = {a for a in names if corpus.actors[a].meta.status is RegistryStatus.PROPOSED}
    for actor_id in sorted(proposed):
        matches = [e for e in gold if names[actor_id] & _forms(e)]
        kind = corpus.actors[actor_id].meta.kind
        verdict = ("right" if any(e.get("kind") == kind for e in matches)
                   else "wrong kind" if matches else "no actor")
        verdicts.setdefault(actor_id, set()).add(verdict)
        score.uses += 1
        score.right_uses += verdict == "right"
        if verdict != "right":
            result.misses.append(f"{name}: proposal {actor_id} ({kind}) is {verdict}")
    for entity in gold:
        score.gold += 1
        hits = {a for a, ours in names.items() if ours & _forms(entity)}
        if hits - proposed:
            score.recall_registry += 1
        elif hits:
            score.recall_proposed += 1


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
    prop = ev.proposals
    if prop.stubs or prop.recall_proposed:
        rows.append(("proposals right", f"{_share(prop.right, prop.stubs)} of stubs "
                     f"({prop.wrong_kind} wrong kind, {prop.no_actor} no actor)"))
        rows.append(("proposal uses right", f"{_share(prop.right_uses, prop.uses)} of article refs"))
    rows.append(("recall via registry", f"{_share(prop.recall_registry, prop.gold)} of gold actors"))
    rows.append(("recall via proposals", f"{_share(prop.recall_proposed, prop.gold)} of gold actors"))
    rate = ev.files / ev.seconds if ev.seconds else 0.0
    rows.append(("throughput", f"{rate:.1f} seeds/s ({ev.files} seeds in {ev.seconds:.2f} s)"))
    width = max(len(r[0]) for r in rows)
    lines = [f"| {a.ljust(width)} | {b} |" for a, b in rows]
    lines.insert(1, f"|{'-' * (width + 2)}|{'-' * 30}|")
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part} of {whole})" if whole else "- (0 of 0)"
