"""Ingest stage: seed files in, new article files out, never touching a person's file.

``ingest_paths`` reads each seed (files or folders), parses it, builds the article and
creates ``corpus/articles/YYYY/YYYY-MM-DD-<slug>.md`` only if no article for that seed
exists yet. A bad seed is reported with its path and line; the others still go through.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from ..diagnostics import Report
from ..frontmatter import join_front_matter
from ..load import load_registries
from ..markup import escape_inline, slugify
from ..model import Actor, ActorMeta, Corpus
from ..render_common import plural
from ..textfile import TextDecodeError, create_exclusive, decode_text
from ..yamlsafe import dump_yaml
from .article import build_article
from .names import Candidate
from .seed import parse_seed

SEED_SUFFIXES = {".txt", ".text", ".md"}
_SEED_KEY = re.compile(r"^seed:\s*['\"]?(?P<seed>[^'\"\n]+?)['\"]?\s*$", re.M)
_SHA_KEY = re.compile(r"^seed_sha256:\s*['\"]?(?P<sha>[0-9a-f]{64})", re.M)


@dataclass
class IngestResult:
    written: list[Path] = field(default_factory=list)
    proposed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)
    report: Report = field(default_factory=Report)


@dataclass
class ExistingArticle:
    path: Path
    sha: str | None


def expand_paths(paths: list[Path], report: Report) -> list[Path]:
    seeds: list[Path] = []
    for path in paths:
        if path.is_dir():
            seeds.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in SEED_SUFFIXES and not p.name.startswith(".")
                                and p.name.lower() != "readme.md"))
        elif path.is_file():
            seeds.append(path)
        else:
            report.error(path, 1, "no such file or folder", "missing-seed")
    return seeds


def existing_articles(root: Path) -> dict[str, ExistingArticle]:
    """seed path -> the article made from it (read from front matter, whatever its name now)."""
    found: dict[str, ExistingArticle] = {}
    folder = root / "corpus" / "articles"
    if not folder.is_dir():
        return found
    for path in folder.rglob("*.md"):
        try:
            head = path.read_bytes()[:4000].decode("utf-8", "replace")
        except OSError:
            continue
        match = _SEED_KEY.search(head)
        if match:
            sha = _SHA_KEY.search(head)
            found[match.group("seed").strip()] = ExistingArticle(path, sha.group("sha") if sha else None)
    return found


def ingest_paths(paths: list[Path], root: Path, *, publisher: str | None = None,
                 propose: bool = False,
                 progress: Callable[[int, int, Path], None] | None = None) -> IngestResult:
    result = IngestResult()
    report = result.report
    corpus = load_registries(root, report)
    if publisher and publisher not in corpus.sources:
        report.error("corpus/sources", 1, f"unknown source '{publisher}' given with --source",
                     "unknown-source", "sources live in corpus/sources/<id>.md")
        return result
    existing = existing_articles(root)
    by_sha: dict[str, str] = {e.sha: seed for seed, e in existing.items() if e.sha}
    seeds = expand_paths(paths, report)
    for number, seed_path in enumerate(seeds, 1):
        if progress:
            progress(number, len(seeds), seed_path)
        try:
            rel = seed_path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            report.error(seed_path, 1, "seed is outside the repository", "seed-outside-repo",
                         "copy it into seeds/ first: seeds are kept, unchanged, in the repository")
            result.failed.append(seed_path)
            continue
        data = seed_path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        if rel in existing:
            previous = existing[rel]
            if previous.sha and previous.sha != sha:
                report.warning(rel, 1, f"seed changed since it was ingested into "
                               f"{previous.path.relative_to(root).as_posix()}; the article was left alone",
                               "seed-changed", "compare the seed with the article and edit it by hand")
            else:
                report.add_note(rel, f"already ingested as {previous.path.relative_to(root).as_posix()}; "
                                "left alone")
            result.unchanged.append(previous.path)
            continue
        if sha in by_sha:
            report.warning(rel, 1, f"same text as {by_sha[sha]}, which is already ingested",
                           "duplicate-seed", "remove one of the two seed files")
            result.failed.append(seed_path)
            continue
        try:
            text = decode_text(data, allow_cp1251=True).text
        except TextDecodeError as exc:
            report.error(rel, exc.line, exc.message, exc.code, exc.hint)
            result.failed.append(seed_path)
            continue
        parsed = parse_seed(text)
        if parsed.problems:
            for problem in parsed.problems:
                report.error(rel, problem.line, problem.message, problem.code, problem.hint)
            result.failed.append(seed_path)
            continue
        draft = build_article(parsed, corpus, rel, sha, publisher)
        if propose and draft.candidates:
            added = propose_actors(draft.candidates, corpus, root, rel, result)
            if added:
                draft = build_article(parsed, corpus, rel, sha, publisher)
        for warning in draft.warnings:
            report.warning(rel, warning.line, warning.message, warning.code, warning.hint)
        target = _target_path(root, parsed.date or "", parsed.title or "", seed_path.stem)
        text_out = join_front_matter(dump_yaml(draft.meta), draft.body)
        if not create_exclusive(target, text_out):  # pragma: no cover - _target_path avoids it
            report.error(rel, 1, f"{target} appeared while ingesting; left alone", "exists")
            result.failed.append(seed_path)
            continue
        existing[rel] = ExistingArticle(target, sha)
        by_sha[sha] = rel
        result.written.append(target)
    return result


def _target_path(root: Path, date: str, title: str, fallback: str) -> Path:
    """A new file whose slug no other article of that year uses (URLs are year/slug)."""
    year = date[:4]
    folder = root / "corpus" / "articles" / year
    slug = slugify(title) or slugify(fallback) or "article"
    taken = {p.stem[11:] for p in folder.glob("*.md")} if folder.is_dir() else set()
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return folder / f"{date}-{candidate}.md"


def propose_actors(candidates: list[Candidate], corpus: Corpus, root: Path, seed_rel: str,
                   result: IngestResult) -> int:
    """Write a stub ``status: proposed`` actor for each new candidate; never replace a file."""
    added = 0
    for cand in candidates:
        actor_id = slugify(cand.name, max_length=60)
        if not actor_id or actor_id in corpus.actors:
            continue
        aliases = [f for f in cand.forms if f != cand.name]
        words = cand.name.split()
        if cand.kind == "person" and len(words) >= 2 and len(words[-1]) >= 5 and "-" not in words[-1]:
            aliases.append(words[-1])  # the surname alone: "Mr Aksyonov", "Aksyonov said"
        meta: dict[str, Any] = {"name": cand.name, "kind": cand.kind}
        if aliases:
            meta["aliases"] = sorted(set(aliases), key=aliases.index)
        meta["status"] = "proposed"
        role = (f"{plural(cand.speaker_turns, 'turn')} as a speaker" if cand.speaker_turns
                else plural(cand.count, "mention"))
        body = (f"Proposed by ingest from `{seed_rel}` (first seen on line {cand.first_line} as "
                f"“{escape_inline(cand.forms[0])}”; {role}). Check the name and the kind, write a short "
                "description, then set `status: accepted`. To reject the proposal, delete this file "
                "and the references to it.")
        path = root / "corpus" / "actors" / f"{actor_id}.md"
        if not create_exclusive(path, join_front_matter(dump_yaml(meta), body)):
            continue
        rel = path.relative_to(root).as_posix()
        try:
            actor_meta = ActorMeta.model_validate(meta)
        except ValidationError:  # pragma: no cover - names come from a strict pattern
            path.unlink()
            continue
        corpus.actors[actor_id] = Actor(id=actor_id, path=rel, body=body, body_line=1, meta=actor_meta)
        result.proposed.append(path)
        added += 1
    return added
