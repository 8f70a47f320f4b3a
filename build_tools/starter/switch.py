"""``registry add-starter``, ``remove-starter`` and ``adopt``: take the starter registry, leave
it, or make one of its entries the corpus's own.

Input: the repository root and a set name (or starter ids). Output: a ``Switch`` naming the
file written and the diagnostics. The choice is one key of ``corpus/config.yml``,
``starter: [world]``; the file is edited as text (the key's lines added or removed, every
other line and comment kept) and the result is parsed and compared before it is written, so
an edit never changes another setting. Nothing is copied into corpus/actors/ but what
``adopt`` writes there on purpose: a corpus file that then wins over the starter entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.diagnostics import DiagnosticError, Report
from build_tools.files.frontmatter import format_corpus_file
from build_tools.files.textfile import create_exclusive, read_text, write_atomic
from build_tools.files.yamlsafe import load_yaml
from build_tools.limits import CONFIG_FILE, CorpusConfig, load_config
from build_tools.load import load_corpus
from build_tools.model import Actor, ActorMeta, Corpus
from build_tools.starter.merge import referenced_actors

ADOPT_HINT = "run `python -m build_tools registry adopt --used` to keep them as corpus entries"


@dataclass
class Switch:
    report: Report = field(default_factory=Report)
    changed: bool = False
    written: list[Path] = field(default_factory=list)


def _current(root: Path, report: Report) -> tuple[str, CorpusConfig] | None:
    """The config file's text and values; None (reported) when it has a problem to fix first."""
    path = root / CONFIG_FILE
    found = Report()
    config = load_config(root, found)
    if found.items:
        report.extend(found.items)
        report.error(CONFIG_FILE, 1, f"{CONFIG_FILE} has a problem; nothing was changed",
                     "config-invalid", f"fix {CONFIG_FILE} first")
        return None
    text = read_text(path).text if path.is_file() else ""
    return text, config


def _without_key(text: str) -> str:
    """``text`` without its top-level ``starter:`` key and the lines that belong to it."""
    doc = load_yaml(text)
    start = doc.lines.get(("starter",))
    if start is None:
        return text
    tops = sorted(line for key, line in doc.lines.items() if len(key) == 1 and line > start)
    lines = text.splitlines(keepends=True)
    end = tops[0] - 1 if tops else len(lines)
    while end > start and not lines[end - 1].strip():  # keep the blank lines before the next key
        end -= 1
    return "".join(lines[:start - 1] + lines[end:])


def _with_sets(text: str, sets: list[str]) -> str:
    rest = _without_key(text)
    if not sets:
        return rest
    if rest and not rest.endswith("\n"):
        rest += "\n"
    return rest + "starter:\n" + "".join(f"  - {name}\n" for name in sets)


def _write(root: Path, old: CorpusConfig, text: str, sets: list[str], result: Switch) -> None:
    """Write ``text`` once it is proven to change ``starter`` and nothing else."""
    try:
        data = load_yaml(text).data or {}
        new = CorpusConfig.model_validate(data)
    except (DiagnosticError, ValueError):  # pragma: no cover - a bug in the text edit
        result.report.error(CONFIG_FILE, 1, "could not edit the file safely; nothing was changed",
                            "config-edit", f"edit the starter: key of {CONFIG_FILE} by hand")
        return
    if new.starter != sets or new.limits != old.limits:  # pragma: no cover - likewise
        result.report.error(CONFIG_FILE, 1, "could not edit the file safely; nothing was changed",
                            "config-edit", f"edit the starter: key of {CONFIG_FILE} by hand")
        return
    path = root / CONFIG_FILE
    if text.strip():
        write_atomic(path, text)
    elif path.is_file():  # nothing but the starter key was in it: leave the corpus as it was
        path.unlink()
    result.changed = True
    result.written.append(path)


def add_starter(root: Path, name: str) -> Switch:
    result = Switch()
    current = _current(root, result.report)
    if current is None:
        return result
    text, config = current
    if name in config.starter:
        result.report.add_note(CONFIG_FILE, f"the starter registry '{name}' is already on")
        return result
    sets: list[str] = [*config.starter, name]
    _write(root, config, _with_sets(text, sets), sets, result)
    return result


def remove_starter(root: Path, name: str, *, force: bool = False) -> Switch:
    """Turn starter set ``name`` off; refused while articles name its entries (they would
    become unknown actors), unless ``force``."""
    result = Switch()
    current = _current(root, result.report)
    if current is None:
        return result
    text, config = current
    if name not in config.starter:
        result.report.add_note(CONFIG_FILE, f"the starter registry '{name}' is not on")
        return result
    corpus, _ = load_corpus(root)
    used = used_starter(corpus, name)
    if used and not force:
        shown = ", ".join(a.id for a in used[:8]) + (", ..." if len(used) > 8 else "")
        result.report.error(CONFIG_FILE, 1, f"articles name {len(used)} starter actor"
                            f"{'s' * (len(used) != 1)} ({shown}); without the starter registry "
                            "they would be unknown actors; nothing was changed", "starter-in-use",
                            f"{ADOPT_HINT}, or pass --force")
        return result
    sets: list[str] = [s for s in config.starter if s != name]
    _write(root, config, _with_sets(text, sets), sets, result)
    return result


def used_starter(corpus: Corpus, name: str | None = None) -> list[Actor]:
    """The starter actors (of set ``name``, or any) that articles refer to."""
    named = referenced_actors(corpus)
    return [a for a in corpus.actors.values()
            if a.starter and (name is None or a.starter == name) and a.id in named]


def adopt(root: Path, ids: list[str], *, used: bool = False) -> Switch:
    """Write each starter entry ``ids`` names (or, with ``used``, each one articles name) as
    corpus/actors/<id>.md, where a person edits it and it wins over the starter entry."""
    result = Switch()
    corpus, _ = load_corpus(root)
    wanted = [a.id for a in used_starter(corpus)] if used else ids
    for actor_id in wanted:
        actor = corpus.actors.get(actor_id)
        rel = f"corpus/actors/{actor_id}.md"
        if actor is None or not actor.starter:
            hidden = corpus.starter and any(h.starter_id == actor_id for h in corpus.starter.hidden)
            result.report.error(rel, 1, f"'{actor_id}' is not a starter entry in use here"
                                + (": a corpus entry already replaces it" if hidden else ""),
                                "not-starter", "`python -m build_tools registry starter --list` "
                                "lists the entries (the starter registry must be on)")
            continue
        body = actor.body or "TODO: who or what this is, and how it appears in the corpus."
        given = {k: v for k, v in actor.meta.model_dump(exclude_none=True).items() if v != []}
        text = format_corpus_file(ActorMeta.model_validate(given), body + "\n")
        path = root / rel
        if not create_exclusive(path, text):
            result.report.error(rel, 1, f"{rel} already exists; nothing was written", "exists")
            continue
        result.written.append(path)
        result.changed = True
    return result
