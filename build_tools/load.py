"""Load + validate stage: read every corpus file into a ``Corpus`` and report all problems.

Input: the ``corpus/`` folder (actors, themes, sources, articles). Output: a ``Corpus``
holding only the files that are valid, and a ``Report`` with one located diagnostic per
problem. A broken file is reported and skipped; the rest still loads. Nothing raises for a
person's mistake.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from build_tools.annotations import ParsedBody, parse_annotations
from build_tools.diagnostics import Report
from build_tools.files.frontmatter import FrontMatterError, split_front_matter
from build_tools.files.seeds import seed_file
from build_tools.files.textfile import TextDecodeError, read_text
from build_tools.files.yamlsafe import YamlDoc
from build_tools.model import (
    ID_RE,
    Actor,
    ActorMeta,
    Article,
    ArticleMeta,
    Corpus,
    Entry,
    Source,
    SourceMeta,
    Theme,
    ThemeMeta,
)

ARTICLE_NAME_RE = re.compile(r"^(?P<date>(?P<year>\d{4})-\d{2}-\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")
M = TypeVar("M", bound=BaseModel)


@dataclass
class RawFile:
    path: Path
    rel: str
    meta: YamlDoc
    body: str
    body_line: int


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_corpus_file(path: Path, root: Path, report: Report) -> RawFile | None:
    rel = _rel(path, root)
    try:
        text = read_text(path).text
    except TextDecodeError as exc:
        report.error(rel, exc.line, exc.message, exc.code, exc.hint)
        return None
    except OSError as exc:
        report.error(rel, 1, f"cannot read file: {exc.strerror}", "io-error")
        return None
    try:
        doc = split_front_matter(text)
    except FrontMatterError as exc:
        report.error(rel, exc.line, exc.message, exc.code, exc.hint)
        return None
    return RawFile(path, rel, doc.meta, doc.body, doc.body_line)


def validate_meta(raw: RawFile, schema: type[M], report: Report) -> M | None:
    try:
        return schema.model_validate(raw.meta.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = raw.meta.line_of(loc, default=1)
            report.error(raw.rel, line, *_describe(err, schema))
        return None


def _describe(err: Any, schema: type[BaseModel]) -> tuple[str, str, str | None]:
    loc = [str(p) for p in err["loc"]]
    where = ".".join(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        fields = _fields_at(schema, err["loc"][:-1])
        guess = difflib.get_close_matches(loc[-1], fields, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else ("allowed keys: " + ", ".join(fields))
        return f"unknown key '{where}'", "unknown-key", hint
    if kind == "missing":
        return f"missing required key '{where}'", "missing-key", None
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"'{where}': invalid value {err.get('input')!r}", "invalid-value", f"expected {expected}"
    message = err["msg"].removeprefix("Value error, ")
    code = "invalid-date" if loc and loc[0] == "date" else "invalid-value"
    return f"'{where}': {message}", code, None


def _fields_at(schema: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    model: Any = schema
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return []
        model = _model_of(field.annotation)
    return list(getattr(model, "model_fields", {}))


def _model_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _load_registry(folder: Path, root: Path, schema: type[M], make: Callable[..., Entry],
                   report: Report) -> dict[str, Any]:
    entries: dict[str, Any] = {}
    if not folder.is_dir():
        return entries
    for path in sorted(folder.glob("*.md")):
        if path.name.startswith("."):
            continue
        raw = read_corpus_file(path, root, report)
        if raw is None:
            continue
        if not ID_RE.match(path.stem):
            report.error(raw.rel, 1, f"file name '{path.name}' is not a valid id", "bad-id",
                         "ids are lowercase kebab-case ASCII, e.g. north-korea.md")
            continue
        meta = validate_meta(raw, schema, report)
        if meta is None:
            continue
        entries[path.stem] = make(id=path.stem, path=raw.rel, body=raw.body,
                                  body_line=raw.body_line, meta=meta)
    return entries


def load_registries(root: Path, report: Report) -> Corpus:
    corpus = Corpus()
    base = root / "corpus"
    corpus.actors = _load_registry(base / "actors", root, ActorMeta, Actor, report)
    corpus.themes = _load_registry(base / "themes", root, ThemeMeta, Theme, report)
    corpus.sources = _load_registry(base / "sources", root, SourceMeta, Source, report)
    for theme in corpus.themes.values():
        for _index, rel in enumerate(theme.meta.related):
            if rel not in corpus.themes:
                report.error(theme.path, 1, f"unknown related theme '{rel}'", "unknown-theme",
                             _suggest(rel, corpus.themes, "corpus/themes/"))
    return corpus


def _suggest(value: str, known: dict[str, Any], where: str) -> str:
    guess = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
    lead = f"did you mean '{guess[0]}'? " if guess else ""
    return f"{lead}entries live in {where}"


def _report_annotations(raw: RawFile, corpus: Corpus, report: Report) -> ParsedBody:
    parsed = parse_annotations(raw.body, lambda actor_id: actor_id in corpus.actors)
    for problem in parsed.problems:
        report.error(raw.rel, raw.body_line + problem.line - 1, problem.message, problem.code,
                     problem.hint, col=problem.col)
    return parsed


def load_article(path: Path, root: Path, corpus: Corpus, report: Report) -> Article | None:
    raw = read_corpus_file(path, root, report)
    if raw is None:
        return None
    name = ARTICLE_NAME_RE.match(path.stem)
    if not name:
        report.error(raw.rel, 1, f"article file name '{path.name}' is not YYYY-MM-DD-<slug>.md",
                     "bad-article-name", "e.g. corpus/articles/2022/2022-09-06-army-of-pyongyang.md")
        return None
    if name.group("slug") == "index":
        report.error(raw.rel, 1, "the slug 'index' is reserved for the year's page", "reserved-slug",
                     "rename the file, e.g. ...-index-article.md")
        return None
    meta = validate_meta(raw, ArticleMeta, report)
    if meta is None:
        _report_annotations(raw, corpus, report)  # every problem, not only the first kind
        return None
    before = len(report.errors)
    lines = raw.meta
    if meta.date != name.group("date"):
        report.error(raw.rel, lines.line_of(("date",)),
                     f"date {meta.date} does not match the file name ({name.group('date')})",
                     "date-mismatch", "rename the file (git mv) or fix the date")
    if path.parent.name != name.group("year"):
        report.error(raw.rel, 1, f"article is in folder '{path.parent.name}', not its year "
                     f"'{name.group('year')}'", "wrong-folder",
                     f"move it to corpus/articles/{name.group('year')}/")
    for index, ref in enumerate(meta.actors):
        if ref.id not in corpus.actors:
            report.error(raw.rel, lines.line_of(("actors", index, "id")),
                         f"unknown actor '{ref.id}'", "unknown-actor",
                         _suggest(ref.id, corpus.actors, "corpus/actors/"))
    seen = [ref.id for ref in meta.actors]
    for dup in {i for i in seen if seen.count(i) > 1}:
        report.error(raw.rel, lines.line_of(("actors",)), f"actor '{dup}' is listed twice",
                     "duplicate-actor", "list each actor once with all its roles")
    for index, tref in enumerate(meta.themes):
        if tref.id not in corpus.themes:
            report.error(raw.rel, lines.line_of(("themes", index, "id")),
                         f"unknown theme '{tref.id}'", "unknown-theme",
                         _suggest(tref.id, corpus.themes, "corpus/themes/"))
    publisher = meta.sources.publisher
    if publisher and publisher.id and publisher.id not in corpus.sources:
        report.error(raw.rel, lines.line_of(("sources", "publisher", "id")),
                     f"unknown source '{publisher.id}'", "unknown-source",
                     _suggest(publisher.id, corpus.sources, "corpus/sources/"))
    for index, cited in enumerate(meta.sources.cited):
        if cited.id and cited.id not in corpus.actors:
            report.error(raw.rel, lines.line_of(("sources", "cited", index, "id")),
                         f"unknown actor '{cited.id}' in cited sources", "unknown-actor",
                         _suggest(cited.id, corpus.actors, "corpus/actors/"))
    if meta.seed and seed_file(root, meta.seed) is None:
        if (root / meta.seed).is_symlink() or (root / meta.seed).exists():
            report.error(raw.rel, lines.line_of(("seed",)), f"seed '{meta.seed}' is not a regular "
                         "file inside seeds/ (a symlink?)", "unsafe-seed",
                         "seeds must be plain files copied into seeds/; symlinks are never published")
        else:
            report.warning(raw.rel, lines.line_of(("seed",)), f"seed file '{meta.seed}' not found",
                           "missing-seed", "seeds are kept in seeds/ unchanged")
    parsed = _report_annotations(raw, corpus, report)
    if len(report.errors) > before:
        return None
    return Article(id=path.stem, path=raw.rel, body=raw.body, body_line=raw.body_line, meta=meta,
                   year=name.group("year"), slug=name.group("slug"), annotations=parsed.annotations)


def load_corpus(root: Path, report: Report | None = None) -> tuple[Corpus, Report]:
    """Load and validate the whole corpus under ``root`` (the repository root)."""
    report = report if report is not None else Report()
    corpus = load_registries(root, report)
    by_url: dict[str, Article] = {}
    folder = root / "corpus" / "articles"
    paths = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    for path in paths:
        if path.name.startswith(".") or path.name.lower() in ("readme.md", "index.md"):
            continue
        article = load_article(path, root, corpus, report)
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
    corpus.articles.sort(key=lambda a: (a.date, a.slug), reverse=True)
    return corpus, report
