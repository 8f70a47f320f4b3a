"""Load stage, starter part: read a starter set (``build_tools/starter/<set>-*.yml``) into actors.

Input: a set name. Output: a ``StarterSet``: one ``Actor`` per valid entry (``Actor.starter``
names the set; its path is the data file, its body line the entry's line) and a diagnostic
for every problem, located in the data file: a schema error, an id, Wikidata id or name used
twice. A bad entry is left out; the rest loads. Parsed once per process and file version,
since every load of a corpus with the starter on reads the same few hundred entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError

from build_tools.diagnostics import Diagnostic, DiagnosticError, Report
from build_tools.files.textfile import read_text
from build_tools.files.yamlsafe import YamlDoc, load_yaml
from build_tools.ingest.recognise import normalise
from build_tools.model import Actor, ActorKind, ActorMeta, Id, Strict, Text
from build_tools.starter import SHOWN_FOLDER, set_files
from build_tools.validate import describe_errors


class StarterEntry(Strict):
    """One entry of a starter file: an actor's front matter plus its id and description."""

    id: Id
    """The id it has in articles, as a corpus file name would be: kebab-case."""
    name: Text
    kind: ActorKind
    aliases: list[Text] = []
    country: Text | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    """Only an id checked against Wikidata: a wrong id is worse than none."""
    description: Text | None = None
    """One or two sentences from public facts, the text of its page."""


@dataclass
class StarterSet:
    name: str
    actors: list[Actor] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def surfaces(meta: ActorMeta) -> list[str]:
    """The names an actor is recognised by, as recognise.py compares them (and case-folded:
    "Tass" and "TASS" are one name to a reader)."""
    return [normalise(s.strip()).casefold() for s in (meta.name, *meta.aliases)]


_CACHE: dict[str, tuple[tuple[tuple[str, int, int], ...], StarterSet]] = {}


def _signature(files: list[Path]) -> tuple[tuple[str, int, int], ...]:
    stats = [(p, p.stat()) for p in files]
    return tuple((p.name, s.st_mtime_ns, s.st_size) for p, s in stats)


def load_starter_set(name: str) -> StarterSet:
    """The entries of starter set ``name`` and the problems found in its files."""
    files = set_files(name)
    signature = _signature(files)
    cached = _CACHE.get(name)
    if cached is not None and cached[0] == signature:
        return cached[1]
    found = StarterSet(name)
    report = Report()
    for path in files:
        _load_file(path, name, found, report)
    _check_unique(found, report)
    found.problems = report.items
    _CACHE[name] = (signature, found)
    return found


def _load_file(path: Path, name: str, found: StarterSet, report: Report) -> None:
    shown = f"{SHOWN_FOLDER}/{path.name}"
    try:
        doc = load_yaml(read_text(path).text)
    except DiagnosticError as exc:
        report.add(exc.diagnostic.at(shown))
        return
    except OSError as exc:
        report.error(shown, 1, f"cannot read the file: {exc.strerror}", "io-error")
        return
    if not isinstance(doc.data, list):
        report.error(shown, 1, "a starter file is a YAML list of entries", "bad-starter",
                     "each entry: - id: ..., name: ..., kind: ...")
        return
    for index, item in enumerate(doc.data):
        entry = _entry(item, index, doc, shown, report)
        if entry is None:
            continue
        meta = ActorMeta(name=entry.name, kind=entry.kind, aliases=entry.aliases,
                         country=entry.country, wikidata=entry.wikidata)
        found.actors.append(Actor(id=entry.id, path=shown, body=entry.description or "",
                                  body_line=doc.line_of((index,)), meta=meta, starter=name))


def _entry(item: object, index: int, doc: YamlDoc, shown: str, report: Report) -> StarterEntry | None:
    line = doc.line_of((index,))
    if not isinstance(item, dict):
        report.error(shown, line, f"entry {index + 1} is not a mapping", "bad-starter",
                     "each entry: - id: ..., name: ..., kind: ...")
        return None
    try:
        return StarterEntry.model_validate(item)
    except ValidationError as exc:
        # describe_errors places each error on the line of its key, counted from the list
        for diag in describe_errors(exc, StarterEntry, _Shifted(doc, index)):
            report.add(diag.at(shown))
        return None


class _Shifted(YamlDoc):
    """The lines of one list item, as if it were a document of its own."""

    def __init__(self, doc: YamlDoc, index: int) -> None:
        super().__init__(doc.data[index], {k[1:]: v for k, v in doc.lines.items()
                                           if k[:1] == (index,)})
        self.lines.setdefault((), doc.line_of((index,)))


def _check_unique(found: StarterSet, report: Report) -> None:
    """Ids, Wikidata ids and names are each one entry's: a shared one would make a mention
    ambiguous, so the later entry is left out."""
    ids: dict[str, Actor] = {}
    qids: dict[str, Actor] = {}
    names: dict[str, Actor] = {}
    kept = []
    for actor in found.actors:
        clash = _clash(actor, ids, qids, names)
        if clash is not None:
            report.error(actor.path, actor.body_line, f"starter entry '{actor.id}' {clash}; it is "
                         "left out", "duplicate-starter",
                         "every id, Wikidata id and name or alias belongs to one entry")
            continue
        ids[actor.id] = actor
        if actor.meta.wikidata:
            qids[actor.meta.wikidata] = actor
        for surface in surfaces(actor.meta):
            names.setdefault(surface, actor)
        kept.append(actor)
    found.actors = kept


def _clash(actor: Actor, ids: dict[str, Actor], qids: dict[str, Actor],
           names: dict[str, Actor]) -> str | None:
    if actor.id in ids:
        return f"has the id of the entry on line {ids[actor.id].body_line}"
    other = qids.get(actor.meta.wikidata or "")
    if other is not None:
        return f"has the Wikidata id {actor.meta.wikidata} of '{other.id}'"
    given = [normalise(s.strip()) for s in (actor.meta.name, *actor.meta.aliases)]
    if len(set(given)) != len(given):  # "Hamas" and "HAMAS" are two spellings recognised apart
        return "lists one name twice"
    for surface, original in zip(surfaces(actor.meta), (actor.meta.name, *actor.meta.aliases),
                                 strict=True):
        if surface in names and names[surface] is not actor:
            return f"shares the name '{original}' with '{names[surface].id}'"
    return None
