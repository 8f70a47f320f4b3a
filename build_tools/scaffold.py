"""``new``: a valid stub of an article, actor, theme or source, for a person to fill in.

Input: the kind, the front matter a person gave on the command line (for an actor: name, kind,
aliases...) and, optionally, an id and a description. Output: a ``Scaffold`` naming the file
written, or the diagnostics that kept it from being written. The id comes from the name (or
title) as ingest makes ids; the file is created only if no file of that name exists, written
as ingest writes (``format_corpus_file``), and read back as ``check`` reads it: a stub that
would not pass ``check`` is never left behind. Without a description, a registry entry is
``status: proposed`` and its text says what to write, so the site flags it until a person
has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from build_tools.diagnostics import Report, relative_posix
from build_tools.files.frontmatter import format_corpus_file
from build_tools.files.kinds import BY_NAME
from build_tools.files.textfile import create_exclusive
from build_tools.load import load_article, load_registries
from build_tools.markup import slugify
from build_tools.model import ID_RE, ArticleName, ArticleStatus, Corpus, RegistryStatus
from build_tools.validate import describe_errors, suggest

FOLDERS = {"actor": "actors", "theme": "themes", "source": "sources"}
TODO = {
    "actor": "TODO: who or what this is, and how it appears in the corpus; then delete `status: "
             "proposed`.",
    "theme": "TODO: the narrative, how the articles carry it and what the facts are; then delete "
             "`status: proposed`.",
    "source": "TODO: who publishes this outlet, its line, and how its texts reach the corpus; then "
              "delete `status: proposed`.",
    "article": "TODO: the text of the article, as published.",
}


@dataclass
class Scaffold:
    report: Report = field(default_factory=Report)
    path: Path | None = None  # the file written


def new_entry(root: Path, kind: str, meta: dict[str, Any], *, entry_id: str | None = None,
              description: str | None = None) -> Scaffold:
    """Write a new ``kind`` ("article", "actor", "theme" or "source") with front matter ``meta``."""
    result = Scaffold()
    report = result.report
    corpus = load_registries(root, Report())  # their problems are check's business, not this file's
    if kind != "article" and description is None:
        meta = {**meta, "status": RegistryStatus.PROPOSED.value}
    if kind == "article":
        meta = {**meta, "status": ArticleStatus.IN_REVIEW.value}
    path = _target(root, kind, meta, entry_id, report)
    if path is None:
        return result
    rel = relative_posix(path, root)
    if path.exists() or path.is_symlink():
        report.error(rel, 1, f"{rel} already exists; nothing was written", "exists",
                     "edit that file, or give another id with --id (--slug for an article)")
        return result
    model = _validated(BY_NAME[kind].model, meta, rel, report)
    if model is None or not _references_known(kind, model, corpus, rel, report):
        return result
    _warn_same_name(kind, model, corpus, rel, report)
    text = format_corpus_file(model, description or TODO[kind])
    if not create_exclusive(path, text):  # pragma: no cover - made between the look and now
        report.error(rel, 1, f"{rel} already exists; nothing was written", "exists")
        return result
    if not _passes_check(path, kind, root, corpus, rel, report):  # pragma: no cover - a bug
        path.unlink()
        return result
    result.path = path
    return result


def _target(root: Path, kind: str, meta: dict[str, Any], entry_id: str | None,
            report: Report) -> Path | None:
    label = meta.get("title") if kind in ("article", "theme") else meta.get("name")
    made = entry_id or slugify(str(label or ""))
    option = "--slug" if kind == "article" else "--id"
    if not made or not ID_RE.match(made):
        where = "corpus/articles" if kind == "article" else f"corpus/{FOLDERS[kind]}"
        report.error(where, 1, f"cannot make an id from '{made or label}'", "bad-id",
                     f"give one with {option}: lowercase ASCII words joined by hyphens, e.g. kim-yo-jong")
        return None
    if kind != "article":
        return root / "corpus" / FOLDERS[kind] / f"{made}.md"
    name = ArticleName.parse(f"{meta.get('date', '')}-{made}")
    if name is None or made == "index":
        report.error("corpus/articles", 1, f"'{made}' cannot be an article's slug", "bad-article-name",
                     "give another with --slug (the slug 'index' is the year's page)")
        return None
    folder = root / "corpus" / "articles" / name.year
    clash = sorted(p for p in folder.glob("*.md")
                   if (other := ArticleName.parse(p.stem)) is not None and other.slug == made)
    if clash:
        report.error(relative_posix(clash[0], root), 1, f"an article of {name.year} already has the "
                     f"slug '{made}'; nothing was written", "duplicate-slug",
                     "choose another with --slug: the slug makes the page address")
        return None
    return folder / name.file_name


def _validated(model: type[BaseModel], meta: dict[str, Any], rel: str,
               report: Report) -> BaseModel | None:
    try:
        return model.model_validate(meta)
    except ValidationError as exc:
        report.place(describe_errors(exc, model), rel)
        return None


def _references_known(kind: str, model: Any, corpus: Corpus, rel: str, report: Report) -> bool:
    """Every id the stub names is in its registry (as check will require)."""
    wanted: list[tuple[str, dict[str, Any], str, str]] = []
    if kind == "theme":
        wanted += [(i, corpus.themes, "theme", "corpus/themes/") for i in model.related]
    if kind == "article":
        wanted += [(ref.id, corpus.actors, "actor", "corpus/actors/") for ref in model.actors]
        wanted += [(ref.id, corpus.themes, "theme", "corpus/themes/") for ref in model.themes]
        publisher = model.sources.publisher
        if publisher is not None and publisher.id:
            wanted.append((publisher.id, corpus.sources, "source", "corpus/sources/"))
    before = len(report.errors)
    for ident, registry, what, where in wanted:
        if ident not in registry:
            report.error(rel, 1, f"unknown {what} '{ident}'; nothing was written", f"unknown-{what}",
                         suggest(ident, registry, where))
    return len(report.errors) == before


def _warn_same_name(kind: str, model: Any, corpus: Corpus, rel: str, report: Report) -> None:
    """A second entry for the same actor or outlet: every name and alias is matched everywhere."""
    if kind not in ("actor", "source"):
        return
    entries: dict[str, Any] = corpus.actors if kind == "actor" else corpus.sources
    names = [model.name, *getattr(model, "aliases", [])]
    for other_id, other in sorted(entries.items()):
        shared = set(names) & {other.meta.name, *getattr(other.meta, "aliases", [])}
        if shared:
            report.warning(rel, 1, f"'{sorted(shared)[0]}' is already a name of {other_id}",
                           "same-name", f"is it the same {kind}? then delete this file and edit "
                           f"corpus/{FOLDERS[kind]}/{other_id}.md")


def _passes_check(path: Path, kind: str, root: Path, corpus: Corpus, rel: str, report: Report) -> bool:
    """The written file, read as check reads it."""
    found = Report()
    if kind == "article":
        load_article(path, root, corpus, found)
    else:
        after = load_registries(root, found)
        found.items = [d for d in found.items if d.path == rel]
        if path.stem not in getattr(after, FOLDERS[kind]):
            found.error(rel, 1, "the new entry does not load", "new-invalid")
    report.extend(found.errors)
    return not found.errors
