"""Ingest stage: seed files in, new article files out, never touching a person's file.

``ingest_paths`` reads each seed (files or folders), parses it, builds the article and
creates ``corpus/articles/YYYY/YYYY-MM-DD-<slug>.md`` only if no article for that seed
exists yet. ``date`` (ISO, checked by the caller) dates the seeds that have no date line.
A bad seed is reported with its path and line; the others still go through.

Interrupted (Ctrl+C, ``kill -9``) or out of disk space, a run leaves every article it wrote
complete and no other file: each is written to a temporary file and linked into place only
once it is on disk. A write that fails is reported and, on a full disk, ends the batch; the
next run skips what is done (seeds are matched to articles by ``seed:``), removes the
temporary files of the run that died, and carries on.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from build_tools import heap
from build_tools.diagnostics import Diagnostic, DiagnosticError, Report, relative_posix
from build_tools.files.cleantext import SEED_HINT, clean_text
from build_tools.files.frontmatter import format_corpus_file, split_front_matter
from build_tools.files.leftovers import remove_leftovers
from build_tools.files.newfiles import NewFiles, Outcome
from build_tools.files.seeds import seed_file
from build_tools.files.textfile import decode_text, write_atomic
from build_tools.ingest.article import DraftArticle, Matchers, build_article
from build_tools.ingest.locations import ExistingArticle, existing_articles, expand_paths, target_path
from build_tools.ingest.page_article import complete_from_page
from build_tools.ingest.propose import propose_actors
from build_tools.ingest.seed import ParsedSeed, parse_seed
from build_tools.ingest.sources import match_outlet
from build_tools.ingest.update import update_article
from build_tools.ingest.webpage import PageFacts, is_web_page, read_web_page
from build_tools.invisible import find_invisible, name_of
from build_tools.limits import limit_error
from build_tools.load import load_stored_registries
from build_tools.model import (
    SEED_PATTERN,
    ArticleMeta,
    ArticleName,
    Corpus,
)
from build_tools.validate import describe_errors, validate_front_matter


@dataclass
class IngestResult:
    written: list[Path] = field(default_factory=list)
    proposed: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)
    report: Report = field(default_factory=Report)


@dataclass(frozen=True)
class CurrentArticle:
    text: str
    meta: ArticleMeta
    body: str


def ingest_paths(paths: list[Path], root: Path, *, publisher: str | None = None,
                 propose: bool = False, update: bool = False, date: str | None = None,
                 progress: Callable[[int, int, Path], None] | None = None) -> IngestResult:
    result = IngestResult()
    corpus = load_stored_registries(root, result.report)
    if publisher and publisher not in corpus.sources:
        result.report.error("corpus/sources", 1, f"unknown source '{publisher}' given with --source",
                            "unknown-source", "sources live in corpus/sources/<id>.md")
        return result
    for folder in ("articles", "actors"):
        for path in remove_leftovers(root / "corpus" / folder):
            result.report.add_note(relative_posix(path, root), "removed the temporary file of an "
                                   "interrupted run")
    run = _Run(root, corpus, result, publisher, propose, update, date)
    seeds = expand_paths(paths, result.report)
    with heap.settled():  # the registries stay; what a seed makes is collected (build_tools.heap)
        try:
            _ingest_all(run, seeds, root, progress)
        finally:
            # the last batch of new articles (also after Ctrl+C: they are whole); an article
            # that cannot be written is reported, and no seed is left to read
            with contextlib.suppress(_Stopped):
                run.commit_new()
    return result


def _ingest_all(run: _Run, seeds: list[Path], root: Path,
                progress: Callable[[int, int, Path], None] | None) -> None:
    result = run.result
    for number, seed_path in enumerate(seeds, 1):
        if progress:
            progress(number, len(seeds), seed_path)
        try:
            run.ingest_one(seed_path)
            if run.new_files.full:
                run.commit_new()
        except _Stopped:  # a full disk while committing: each article of the batch is reported
            _stop(result, seeds, number, seed_path)
            break
        except OSError as exc:
            # nothing half-written stays behind (files.textfile); say what happened, and stop
            # when the disk is full: every further write would fail the same way
            shown = relative_posix(Path(exc.filename), root) if exc.filename else "a file"
            result.report.error(seed_path, 1, f"cannot write {shown}: {exc.strerror or exc}",
                                "io-error", "nothing was written for this seed; fix the cause "
                                "and run ingest again: it carries on where it stopped")
            result.failed.append(seed_path)
            if exc.errno in _FATAL:
                _stop(result, seeds, number, seed_path)
                break


def _stop(result: IngestResult, seeds: list[Path], number: int, seed_path: Path) -> None:
    left = len(seeds) - number
    if left:
        result.report.error(seed_path, 1, f"ingest stopped: {left} more seeds were not read",
                            "stopped", "run ingest again once there is space")
        result.failed.extend(seeds[number:])


_FATAL = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}


class _Stopped(Exception):
    """Writing the new articles met an error every further write would meet too."""


@dataclass
class _Run:
    root: Path
    corpus: Corpus
    result: IngestResult
    publisher: str | None
    propose: bool
    update: bool
    date: str | None = None  # for seeds without a date line

    def __post_init__(self) -> None:
        self.existing = existing_articles(self.root)
        self.by_sha = {e.sha: seed for seed, e in self.existing.items() if e.sha}
        self.matchers = Matchers.build(self.corpus)
        self.slugs: dict[Path, set[str]] = {}  # year folder -> slugs in use (target_path)
        self.new_files = NewFiles()  # new articles, flushed and linked a batch at a time
        self.pending: dict[Path, tuple[Path, str, str]] = {}  # article -> seed, its rel, sha

    def _took(self, article: Path, moved_from: Path | None = None) -> None:
        """A file now in ``article``'s folder: its slug is taken for the rest of the run. After
        a move (rare: --update of a re-dated seed) both folders are listed again when needed."""
        if moved_from is not None:
            self.slugs.pop(moved_from.parent, None)
            self.slugs.pop(article.parent, None)
            return
        name = ArticleName.parse(article.stem)
        if name is not None and article.parent in self.slugs:
            self.slugs[article.parent].add(name.slug)

    @property
    def report(self) -> Report:
        return self.result.report

    def ingest_one(self, seed_path: Path) -> None:
        rel = self._seed_rel(seed_path)
        data = self._read_seed(seed_path, rel) if rel else None
        if rel is None or data is None:
            self.result.failed.append(seed_path)
            return
        sha = hashlib.sha256(data).hexdigest()
        previous = self.existing.get(rel)
        if self._left_alone(seed_path, rel, sha, previous):
            return
        draft = self._draft(seed_path, rel, data, sha)
        if draft is None:
            return
        if previous is not None:
            self._update(previous, rel, draft)
        else:
            self._write_new(seed_path, rel, sha, draft)

    def _seed_rel(self, seed_path: Path) -> str | None:
        """The seed's path as articles name it, if it is a plain file under seeds/ whose name a
        web address can carry (seeds are published as they are)."""
        try:
            rel = seed_path.absolute().relative_to(self.root.absolute()).as_posix()
        except ValueError:
            rel = ""
        if not rel.startswith("seeds/") or seed_file(self.root, rel) is None:
            self.report.error(seed_path, 1, "seed is not a plain file inside seeds/",
                              "seed-outside-seeds", "copy the raw text into seeds/ first: seeds "
                              "are kept there, unchanged, and symlinks are never published")
            return None
        hidden = find_invisible(rel)
        if hidden:
            self.report.error(rel, 1, f"the seed's file name holds invisible character "
                              f"{name_of(rel[hidden[0]])}, which can disguise its name or extension",
                              "bad-seed-name", "rename the file, e.g. with only letters, digits, - and _")
            return None
        if not re.fullmatch(SEED_PATTERN, rel):
            self.report.error(rel, 1, "the seed's file name has characters a web address cannot "
                              "carry safely: < > : \" \\ | ? * ( ) [ ]", "bad-seed-name",
                              "rename the file, e.g. with only letters, digits, - and _")
            return None
        return rel

    def _read_seed(self, seed_path: Path, rel: str) -> bytes | None:
        """The seed's bytes; a seed over ``limits.seed_size`` is refused before it is read."""
        limits = self.corpus.limits
        try:
            size = seed_path.stat().st_size
            if size > limits.seed_size:
                hint = "save the page as 'Web page, HTML only' (without its images and scripts)" \
                    if is_web_page(rel) else "split the text into several seeds"
                self.report.add(limit_error("seed_size", limits, f"the seed is {size:,} bytes",
                                            "seed-too-large", hint).at(rel))
                return None
            return seed_path.read_bytes()
        except OSError as exc:
            self.report.error(rel, 1, f"cannot read the seed: {exc.strerror}", "io-error",
                              "check the file's permissions")
            return None

    def _left_alone(self, seed_path: Path, rel: str, sha: str, previous: ExistingArticle | None) -> bool:
        """A seed already ingested (without --update), or the same text as another seed."""
        if previous is not None and not self.update:
            shown = relative_posix(previous.path, self.root)
            if previous.sha and previous.sha != sha:
                self.report.warning(rel, 1, f"seed changed since it was ingested into {shown}; the "
                                    "article was left alone", "seed-changed",
                                    "run ingest --update to refresh what ingest owns, keeping your edits")
            else:
                self.report.add_note(rel, f"already ingested as {shown}; left alone")
            self.result.unchanged.append(previous.path)
            return True
        if previous is None and sha in self.by_sha:
            self.report.warning(rel, 1, f"same text as {self.by_sha[sha]}, which is already ingested",
                                "duplicate-seed", "remove one of the two seed files")
            self.result.failed.append(seed_path)
            return True
        return False

    def _write_new(self, seed_path: Path, rel: str, sha: str, draft: DraftArticle) -> None:
        target = target_path(self.root, draft.meta.date, draft.meta.title, seed_path.stem,
                             self.slugs)
        text_out = format_corpus_file(draft.meta, draft.body)
        if not self._valid_output(text_out, rel, seed_path):
            return
        self.new_files.add(target, text_out)  # on disk, under its name, at the next commit
        self.pending[target] = (seed_path, rel, sha)
        self.existing[rel] = ExistingArticle(target, sha)
        self.by_sha[sha] = rel
        self._took(target)
        self.result.written.append(target)

    def commit_new(self) -> None:
        """Flush the new articles written since the last commit and link their names
        (files.newfiles); one that cannot be is reported and counted as not written. Raises
        the first error that stops the run (a full disk), after reporting every article."""
        stop: OSError | None = None
        try:
            outcomes = self.new_files.commit()
        except OSError as exc:  # pragma: no cover - commit reports per file; never half-counted
            outcomes = [Outcome(path, False, exc) for path in list(self.pending)]
        for outcome in outcomes:
            seed_path, rel, sha = self.pending.pop(outcome.path)
            if outcome.created:
                continue
            self.existing.pop(rel, None)
            self.by_sha.pop(sha, None)
            self.result.written.remove(outcome.path)
            self.result.failed.append(seed_path)
            shown = relative_posix(outcome.path, self.root)
            if outcome.error is None:  # pragma: no cover - target_path avoids it
                self.report.error(rel, 1, f"{shown} appeared while ingesting; left alone", "exists")
                continue
            self.report.error(rel, 1, f"cannot write {shown}: {outcome.error.strerror or outcome.error}",
                              "io-error", "nothing was written for this seed; fix the cause and run "
                              "ingest again: it carries on where it stopped")
            if stop is None and outcome.error.errno in _FATAL:
                stop = outcome.error
        if stop is not None:
            raise _Stopped(stop)

    def _draft(self, seed_path: Path, rel: str, data: bytes, sha: str) -> DraftArticle | None:
        try:
            cleaned = clean_text(decode_text(data, allow_cp1251=True).text, SEED_HINT)
        except DiagnosticError as exc:
            self.report.add(exc.diagnostic.at(rel))
            self.result.failed.append(seed_path)
            return None
        # names split by a zero-width space must still match: parse the text a reader sees
        self.report.place(cleaned.problems, rel)
        text = cleaned.text
        page = read_web_page(text, self.date, self.corpus.limits) if is_web_page(rel) else None
        parsed = page.seed if page else parse_seed(text, default_date=self.date,
                                                    limits=self.corpus.limits)
        if page:
            self.report.place(page.warnings, rel)
        if parsed.problems:
            self.report.place(parsed.problems, rel)
            self.result.failed.append(seed_path)
            return None
        facts = page.facts if page else None
        try:
            draft = self._build(parsed, rel, sha, facts)
            proposed = propose_actors(draft.candidates, self.corpus, self.root, rel) \
                if self.propose and draft.candidates else []
            if proposed:
                self.result.proposed.extend(proposed)
                # the new stubs must be recognised: the registry's recogniser grows by their names
                self.matchers.recogniser = self.matchers.recogniser.extended(
                    self.corpus.actors.values())
                draft = self._build(parsed, rel, sha, facts)
        except ValidationError as exc:
            # What the seed says does not fit the article schema (e.g. a value too long).
            self._refuse(describe_errors(exc, ArticleMeta), rel, seed_path)
            return None
        self.report.place(draft.diagnostics, rel)
        return draft

    def _build(self, parsed: ParsedSeed, rel: str, sha: str, facts: PageFacts | None) -> DraftArticle:
        """The article from a parsed seed; a saved page's outlet (unless --source names one),
        language, address and authors come from the page."""
        if facts is None:
            return build_article(parsed, self.corpus, rel, sha, self.publisher, self.matchers)
        outlet = None if self.publisher else match_outlet(self.corpus, facts.site_name, facts.url)
        publisher = self.publisher or (outlet.source_id if outlet else None)
        draft = build_article(parsed, self.corpus, rel, sha, publisher, self.matchers, facts.language)
        return complete_from_page(draft, facts, self.matchers.recogniser, outlet)

    def _valid_output(self, text: str, rel: str, seed_path: Path) -> bool:
        """Read back what is about to be written, as ``load`` will: it must be a valid article."""
        found: list[Diagnostic] = []
        for own in (True, False):  # quickly; then, only if it fails, again for the lines
            found = []
            try:
                validate_front_matter(split_front_matter(text, own=own).meta, ArticleMeta, found)
            except DiagnosticError as exc:
                found.append(exc.diagnostic)
            if not found:
                break
        if found:
            self._refuse(found, rel, seed_path)
        return not found

    def _refuse(self, found: list[Diagnostic], rel: str, seed_path: Path) -> None:
        for diag in found:
            self.report.error(rel, 1, f"ingest cannot write a valid article from this seed: "
                              f"{diag.message}", "ingest-invalid",
                              "check the seed's text; if it looks right, please report this as a bug")
        self.result.failed.append(seed_path)

    def _update(self, previous: ExistingArticle, rel: str, draft: DraftArticle) -> None:
        shown = relative_posix(previous.path, self.root)
        current = self._current(previous, shown)
        if current is None:
            self.result.failed.append(previous.path)
            return
        text = current.text
        merge = update_article(current.meta, current.body, draft)
        for note in merge.kept:
            self.report.warning(shown, 1, note, "kept-edit")
        new_text = format_corpus_file(merge.meta, merge.body)
        name = ArticleName.parse(previous.path.stem)
        # a run stopped between rewriting and moving left the new date in the old file name
        must_move = name is not None and name.date != merge.meta.date
        if new_text == text and not must_move:
            self.report.add_note(shown, "up to date")
            self.result.unchanged.append(previous.path)
            return
        if new_text != text and not self._valid_output(new_text, rel, previous.path):
            return
        target = self._dated_path(previous.path, merge.meta.date, shown)
        if target is None:
            self.result.failed.append(previous.path)
            return
        # Rewrite in place, then move: each step is atomic, and an interruption between them
        # leaves one file for the seed (never two), which the next --update moves.
        if new_text != text:
            write_atomic(previous.path, new_text)
        if target != previous.path:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(previous.path, target)
            self._took(target, moved_from=previous.path)
        diff = difflib.unified_diff(text.splitlines(), new_text.splitlines(),
                                    f"a/{shown}", f"b/{shown}", lineterm="", n=1)
        self.result.diffs.append("\n".join(diff))
        self.result.updated.append(target)

    def _current(self, previous: ExistingArticle, shown: str) -> CurrentArticle | None:
        """The article as it is, if --update can rewrite it without losing anything."""
        fix_first = "fix the article first (python -m build_tools check)"
        try:
            text = decode_text(previous.path.read_bytes()).text
            doc = split_front_matter(text)
        except DiagnosticError as exc:
            diag = exc.diagnostic
            self.report.error(shown, diag.line, f"cannot update: {diag.message}", diag.code, fix_first)
            return None
        found: list[Diagnostic] = []
        meta = validate_front_matter(doc.meta, ArticleMeta, found)
        for diag in found:
            self.report.error(shown, diag.line, f"cannot update: {diag.message}", diag.code, fix_first)
        if meta is None:
            return None
        if re.search(r"^\s*#|\s#\s", text.split("\n---", 1)[0], flags=re.M):
            self.report.error(shown, 1, "cannot update: the front matter has YAML comments, which "
                              "rewriting it would lose", "has-comments",
                              "move the comments into the text or delete them, then run --update again")
            return None
        return CurrentArticle(text, meta, doc.body)

    def _dated_path(self, path: Path, date: str, shown: str) -> Path | None:
        """Where the article goes: if the seed's date changed (and the person had not changed
        it), the file name and folder follow the date, as `check` requires; the slug stays."""
        old_name = ArticleName.parse(path.stem)
        if old_name is None or old_name.date == date:
            return path
        moved = ArticleName(date, date[:4], old_name.slug)
        target = self.root / "corpus" / "articles" / moved.year / moved.file_name
        if target.exists():
            self.report.error(shown, 1, f"cannot move the article to {target.name}: that file "
                              "exists", "exists", "rename one of the two files by hand")
            return None
        self.report.warning(shown, 1, f"the date changed: moved to {relative_posix(target, self.root)}",
                            "moved")
        return target
