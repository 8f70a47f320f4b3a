"""Load + validate stage: read every corpus file into a ``Corpus`` and report all problems.

Input: the ``corpus/`` folder (actors, themes, sources, articles). Output: a ``LoadResult``
with a ``Corpus`` holding only the files that are valid, and a ``Report`` with one located
diagnostic per problem. A broken file is reported and skipped; the rest still loads (an
article naming a broken registry entry too: ``unresolved``). A file nothing reads is reported
(``inventory``). Nothing raises for a person's mistake.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from build_tools import heap, loadstore
from build_tools.annotations import ParsedBody, parse_annotations
from build_tools.diagnostics import Report, relative_posix
from build_tools.files.corpusfile import RawFile, read_corpus_file
from build_tools.files.seeds import read_seed_text, seed_file
from build_tools.inventory import survey_files
from build_tools.limits import limit_error, load_config
from build_tools.load_annotations import (
    check_inline,
    load_codebooks,
    load_sidecar,
    load_translation_notes,
    sidecar_path,
)
from build_tools.load_original import load_original
from build_tools.loadcache import LoadCache, context_token
from build_tools.model import (
    ID_RE,
    Actor,
    ActorMeta,
    Article,
    ArticleMeta,
    ArticleName,
    Corpus,
    Entry,
    Source,
    SourceMeta,
    Theme,
    ThemeMeta,
)
from build_tools.starter.merge import add_starter_actors
from build_tools.unresolved import unresolved
from build_tools.validate import suggest, validate_meta

M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadResult:
    corpus: Corpus
    report: Report

    def __iter__(self) -> Iterator[Any]:  # ``corpus, report = load_corpus(root)``
        return iter((self.corpus, self.report))


def _load_registry(folder: Path, root: Path, schema: type[M], make: Callable[..., Entry],
                   report: Report, corpus: Corpus, cache: LoadCache | None = None
                   ) -> dict[str, Any]:
    entries: dict[str, Any] = {}
    if not folder.is_dir():
        return entries
    for path in sorted(folder.glob("*.md")):
        if path.name.startswith("."):
            continue
        broken = f"{folder.name}/{path.stem}"  # what names it is kept, shown unresolved

        def read(into: Report, path: Path = path) -> tuple[RawFile | None, M | None]:
            raw = read_corpus_file(path, root, into, corpus.limits)
            valid = raw is not None and ID_RE.match(path.stem) is not None
            return raw, validate_meta(raw, schema, into) if raw is not None and valid else None

        raw, meta = (cache.registry_file(path, root, (corpus.limits, schema), report, read)
                     if cache is not None else read(report))
        if raw is None:
            if ID_RE.match(path.stem):
                corpus.broken[broken] = relative_posix(path, root)
            continue
        if not ID_RE.match(path.stem):
            report.error(raw.rel, 1, f"file name '{path.name}' is not a valid id", "bad-id",
                         "ids are lowercase kebab-case ASCII, e.g. north-korea.md")
            continue
        if meta is None:
            corpus.broken[broken] = raw.rel
            continue
        entries[path.stem] = make(id=path.stem, path=raw.rel, body=raw.body,
                                  body_line=raw.body_line, meta=meta)
    return entries


def load_stored_registries(root: Path, report: Report) -> Corpus:
    """``load_registries`` with the cache the last command stored (``loadstore``): a command
    that reads no article (``ingest``) keeps the articles' entries for the next."""
    with loadstore.kept(root) as kept:
        if kept is not None:
            kept.start()
        corpus = load_registries(root, report, kept)
        if kept is not None:
            kept.finish(articles=False)
    return corpus


def load_registries(root: Path, report: Report, cache: LoadCache | None = None) -> Corpus:
    config = load_config(root, report)
    corpus = Corpus(limits=config.limits)
    base = root / "corpus"
    corpus.actors = _load_registry(base / "actors", root, ActorMeta, Actor, report, corpus, cache)
    if config.starter:  # beneath the corpus's own actors, which win
        add_starter_actors(corpus, config.starter, report)
    corpus.themes = _load_registry(base / "themes", root, ThemeMeta, Theme, report, corpus, cache)
    corpus.sources = _load_registry(base / "sources", root, SourceMeta, Source, report, corpus,
                                    cache)
    corpus.codebooks = load_codebooks(root, report, corpus.limits, corpus.broken)
    corpus.translation_notes = load_translation_notes(root, report, corpus.limits, corpus.broken)
    for source in corpus.sources.values():
        for index, label in enumerate(source.meta.labels):
            note = label.translation_note
            if note and note not in corpus.translation_notes:
                found = unresolved(corpus, "translation-notes", note, where=f" (labels[{index}])")
                if found is not None:
                    report.add(found.at(source.path))
                    continue
                report.error(source.path, 1, f"labels[{index}]: unknown translation note "
                             f"'{note}'", "unknown-translation-note",
                             suggest(note, corpus.translation_notes, "corpus/translation-notes/"))
    for theme in corpus.themes.values():
        _check_related(theme, corpus, report)
    return corpus


def _check_related(theme: Theme, corpus: Corpus, report: Report) -> None:
    """Every related theme exists; one that does not (or did not load) is reported and left
    out, so the page never links to a page that is not there."""
    kept = []
    for rel in theme.meta.related:
        if rel in corpus.themes:
            kept.append(rel)
            continue
        found = unresolved(corpus, "themes", rel, where=" (related)")
        if found is not None:
            report.add(found.at(theme.path))
        else:
            report.error(theme.path, 1, f"unknown related theme '{rel}' (left out of the page)",
                         "unknown-theme", suggest(rel, corpus.themes, "corpus/themes/"))
    if len(kept) != len(theme.meta.related):
        theme.meta = theme.meta.model_copy(update={"related": kept})


def _report_annotations(raw: RawFile, corpus: Corpus, report: Report,
                        claim_ids: set[str] | None = None) -> ParsedBody:
    # an actor whose file is broken is known: check_inline reports it as unresolved
    parsed = parse_annotations(raw.body, lambda actor_id: actor_id in corpus.actors
                               or f"actors/{actor_id}" in corpus.broken)
    report.place(parsed.problems, raw.rel, raw.body_line - 1)
    for ann in parsed.annotations:
        report.place(check_inline(ann, corpus, claim_ids or set()), raw.rel, raw.body_line - 1)
    return parsed


def _article_name(raw: RawFile, report: Report) -> ArticleName | None:
    name = ArticleName.parse(raw.path.stem)
    if name is None:
        report.error(raw.rel, 1, f"article file name '{raw.path.name}' is not YYYY-MM-DD-<slug>.md",
                     "bad-article-name", "e.g. corpus/articles/2022/2022-09-06-army-of-pyongyang.md")
        return None
    if name.slug == "index":
        report.error(raw.rel, 1, "the slug 'index' is reserved for the year's page", "reserved-slug",
                     "rename the file, e.g. ...-index-article.md")
        return None
    return name


def _check_place(raw: RawFile, meta: ArticleMeta, name: ArticleName, report: Report) -> None:
    """The file name's date is the article's date, and the folder is its year."""
    if meta.date != name.date:
        report.error(raw.rel, raw.meta.line_of(("date",)),
                     f"date {meta.date} does not match the file name ({name.date})",
                     "date-mismatch", "rename the file (git mv) or fix the date")
    if raw.path.parent.name != name.year:
        report.error(raw.rel, 1, f"article is in folder '{raw.path.parent.name}', not its year "
                     f"'{name.year}'", "wrong-folder", f"move it to corpus/articles/{name.year}/")


def _unresolved(raw: RawFile, corpus: Corpus, folder: str, ref_id: str, loc: tuple[str | int, ...],
                report: Report, where: str = "") -> bool:
    """Report a reference to an entry whose file did not load (a warning); False if the id has
    no file at all, which the caller reports as unknown."""
    found = unresolved(corpus, folder, ref_id, line=raw.meta.line_of(loc), where=where)
    if found is not None:
        report.add(found.at(raw.rel))
    return found is not None


def _check_references(raw: RawFile, meta: ArticleMeta, corpus: Corpus, report: Report) -> None:
    """Every actor, theme and source id the front matter names is in its registry (or its file
    is there but broken: then a warning, and the article still builds)."""
    lines = raw.meta
    for index, ref in enumerate(meta.actors):
        if ref.id not in corpus.actors and not _unresolved(raw, corpus, "actors", ref.id,
                                                           ("actors", index, "id"), report):
            report.error(raw.rel, lines.line_of(("actors", index, "id")),
                         f"unknown actor '{ref.id}'", "unknown-actor",
                         suggest(ref.id, corpus.actors, "corpus/actors/"))
    seen = [ref.id for ref in meta.actors]
    for dup in sorted({i for i in seen if seen.count(i) > 1}):
        report.error(raw.rel, lines.line_of(("actors",)), f"actor '{dup}' is listed twice",
                     "duplicate-actor", "list each actor once with all its roles")
    for index, tref in enumerate(meta.themes):
        if tref.id not in corpus.themes and not _unresolved(raw, corpus, "themes", tref.id,
                                                            ("themes", index, "id"), report):
            report.error(raw.rel, lines.line_of(("themes", index, "id")),
                         f"unknown theme '{tref.id}'", "unknown-theme",
                         suggest(tref.id, corpus.themes, "corpus/themes/"))
    publisher = meta.sources.publisher
    if publisher and publisher.id and publisher.id not in corpus.sources and not _unresolved(
            raw, corpus, "sources", publisher.id, ("sources", "publisher", "id"), report):
        report.error(raw.rel, lines.line_of(("sources", "publisher", "id")),
                     f"unknown source '{publisher.id}'", "unknown-source",
                     suggest(publisher.id, corpus.sources, "corpus/sources/"))
    for index, cited in enumerate(meta.sources.cited):
        if cited.id and cited.id not in corpus.actors and not _unresolved(
                raw, corpus, "actors", cited.id, ("sources", "cited", index, "id"), report,
                " in cited sources"):
            report.error(raw.rel, lines.line_of(("sources", "cited", index, "id")),
                         f"unknown actor '{cited.id}' in cited sources", "unknown-actor",
                         suggest(cited.id, corpus.actors, "corpus/actors/"))


def _check_seed(raw: RawFile, meta: ArticleMeta, root: Path, corpus: Corpus, report: Report) -> None:
    if not meta.seed:
        return
    line = raw.meta.line_of(("seed",))
    found = seed_file(root, meta.seed)
    if found is not None:
        try:
            size = found.stat().st_size
        except OSError:  # removed since: read_seed_text finds nothing either
            return
        if size > corpus.limits.seed_size:
            report.add(limit_error("seed_size", corpus.limits, f"seed '{meta.seed}' is {size:,} bytes",
                                   "seed-too-large", "split the text into several seeds",
                                   line=line).at(raw.rel))
        return
    if (root / meta.seed).is_symlink() or (root / meta.seed).exists():
        report.error(raw.rel, line, f"seed '{meta.seed}' is not a regular file inside seeds/ "
                     "(a symlink?)", "unsafe-seed",
                     "seeds must be plain files copied into seeds/; symlinks are never published")
    else:
        report.warning(raw.rel, line, f"seed file '{meta.seed}' not found", "missing-seed",
                       "seeds are kept in seeds/ unchanged")


def _check_limits(raw: RawFile, meta: ArticleMeta, article: Article, corpus: Corpus,
                  report: Report) -> None:
    """The title and the number of annotations are within ``corpus/config.yml``'s limits."""
    limits = corpus.limits
    if len(meta.title) > limits.title_length:
        report.add(limit_error("title_length", limits, f"the title is {len(meta.title):,} characters",
                               "title-too-long", "shorten the title",
                               line=raw.meta.line_of(("title",))).at(raw.rel))
    count = len(article.annotations or []) + len(article.standoff.spans if article.standoff else [])
    if count > limits.annotations_per_article:
        report.add(limit_error("annotations_per_article", limits, f"the article has {count:,} "
                               "annotations", "too-many-annotations",
                               "split the article, or remove annotations").at(raw.rel))


def load_article(path: Path, root: Path, corpus: Corpus, report: Report) -> Article | None:
    raw = read_corpus_file(path, root, report, corpus.limits)
    if raw is None:
        return None
    name = _article_name(raw, report)
    if name is None:
        return None
    meta = validate_meta(raw, ArticleMeta, report)
    if meta is None:
        _report_annotations(raw, corpus, report)  # every problem, not only the first kind
        return None
    before = len(report.errors)
    _check_place(raw, meta, name, report)
    _check_references(raw, meta, corpus, report)
    _check_seed(raw, meta, root, corpus, report)
    article = Article(id=path.stem, path=raw.rel, body=raw.body, body_line=raw.body_line, meta=meta,
                      year=name.year, slug=name.slug)
    published = seed_file(root, meta.seed) if meta.seed else None
    if len(report.errors) == before:  # never read a seed over the size limit
        article.seed_text = read_seed_text(published)
    load_original(article, raw, root, report)
    sidecar = sidecar_path(path)
    # A problem in the stand-off file (an orphaned annotation after an edit of the text) is
    # reported there; the article itself still builds, without the spans that do not anchor.
    in_sidecar = len(report.errors)
    if sidecar.is_file():
        load_sidecar(article, sidecar, root, corpus, report)
    in_sidecar = len(report.errors) - in_sidecar
    claim_ids = {c.id for c in article.standoff.claims} if article.standoff else set()
    article.annotations = _report_annotations(raw, corpus, report, claim_ids).annotations
    _check_limits(raw, meta, article, corpus, report)
    if len(report.errors) - in_sidecar > before:
        return None
    return article


def load_corpus(root: Path, report: Report | None = None,
                cache: LoadCache | None = None, *, stored: bool = True) -> LoadResult:
    """Load and validate the whole corpus under ``root`` (the repository root). With a
    ``cache`` (``serve``), files whose inputs did not change are not loaded again; without
    one, the cache stored by the last command on this project (``loadstore``, unless
    ``stored`` is false or ``CORPUS_CACHE=off``) is used and kept."""
    report = report if report is not None else Report()
    if cache is None and stored:
        with loadstore.kept(root) as kept:
            return load_corpus(root, report, kept, stored=False)
    if cache is not None:
        cache.start()
    corpus = load_registries(root, report, cache)
    context = context_token(corpus) if cache is not None else ""
    by_url: dict[str, Article] = {}
    folder = root / "corpus" / "articles"
    paths = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    for path in paths:
        if path.name.startswith(".") or path.name.lower() in ("readme.md", "index.md"):
            continue
        article = (cache.article(path, root, corpus, context, report, load_article)
                   if cache is not None else load_article(path, root, corpus, report))
        if article is None:
            continue
        clash = by_url.get(article.url_path)
        if clash is not None:
            report.error(article.path, 1, f"duplicate slug '{article.slug}' in {article.year}: "
                         f"{clash.path} has the same URL", "duplicate-slug",
                         "rename one of the files so their slugs differ")
            continue
        by_url[article.url_path] = article
        corpus.articles.append(article)
        if len(corpus.articles) % 256 == 0:
            heap.settle()  # in a build: loaded articles stay to its end (build_tools.heap)
    corpus.articles.sort(key=lambda a: (a.date, a.slug), reverse=True)
    survey_files(root, corpus, report)  # and every file nothing read is reported
    if cache is not None:
        cache.finish()
    return LoadResult(corpus, report)
