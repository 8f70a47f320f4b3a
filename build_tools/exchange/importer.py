"""Import: PTC label files and brat ``.ann`` files in, new stand-off spans beside articles out.

Input: the files, and the corpus (its codebooks, actors, articles and their seeds). Each
annotation is checked before it is added: its article (found through its seed: PTC's
``seeds/**/article<id>.txt``, brat's ``seeds/**/X.txt`` for ``X.ann``), its offsets (inside
the seed; brat's text field must equal the seed there), its technique label (resolved through
the codebooks' ``labels``, the default codebook first), its speaker, and its words, which must
be in the article text so that ``check`` anchors them. Each problem is a located error with a
hint, and the rest of the file is still imported. Output: ``ImportResult`` (what was added,
what the articles had already, which stand-off files were written).
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from build_tools.anchoring import context_of, find_quote
from build_tools.annotation_model import Assessment, ClaimDetail, StandoffSpan, Technique
from build_tools.annotations import plain_text
from build_tools.diagnostics import Diagnostic, DiagnosticError, Report, error, relative_posix, warning
from build_tools.exchange.brat import fragment_text, read_ann
from build_tools.exchange.ptc import parse_ptc_labels, seed_name
from build_tools.exchange.record import Record
from build_tools.exchange.store import SpanKey, StandoffEdit, open_edit, write_edit
from build_tools.files.leftovers import remove_leftovers
from build_tools.files.seeds import read_seed_text
from build_tools.files.textfile import read_text
from build_tools.ingest.locations import existing_articles
from build_tools.invisible import find_invisible, name_of, strip_invisible
from build_tools.load import load_corpus
from build_tools.load_annotations import DEFAULT_CODEBOOK
from build_tools.model import Article, Corpus
from build_tools.validate import describe_errors, suggest

FORMATS = ("ptc", "brat")
BRAT_SEEDS = (".txt", ".text", ".md")  # X.ann annotates seeds/**/X.txt (or .text, .md)
INGEST_HINT = "ingest it first: python -m build_tools ingest --date YYYY-MM-DD {seed}"


@dataclass
class ImportResult:
    report: Report = field(default_factory=Report)
    added: int = 0
    duplicates: int = 0  # annotations the articles had already
    written: list[Path] = field(default_factory=list)


@dataclass
class Target:
    """An article annotations are imported into."""

    article: Article
    seed: str  # its seed's text
    plain: str  # its text as a reader sees it
    edit: StandoffEdit


class _Finder:
    """Articles by seed file name or by file stem, each opened for editing once."""

    def __init__(self, root: Path, corpus: Corpus) -> None:
        self.root, self.corpus = root, corpus
        self.by_seed = {a.meta.seed: a for a in corpus.articles if a.meta.seed}
        self.by_id = {a.id: a for a in corpus.articles}
        self.ingested = existing_articles(root)
        self.seeds: dict[str, list[str]] = {}
        folder = root / "seeds"
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                self.seeds.setdefault(path.name, []).append(relative_posix(path, root))
        self.targets: dict[str, Target] = {}

    def by_seed_name(self, names: list[str], line: int) -> Target | Diagnostic:
        found = [rel for name in names for rel in self.seeds.get(name, [])]
        if not found:
            return error(f"no seed named {names[0]} in seeds/", "unknown-article", line=line,
                         hint="copy the text, unchanged, into seeds/ and " +
                         INGEST_HINT.format(seed=f"seeds/{names[0]}"))
        if len(found) > 1:
            return error(f"several seeds are named {names[0]}: {', '.join(found)}", "ambiguous-seed",
                         line=line, hint="rename or remove all but one")
        article = self.by_seed.get(found[0])
        if article is None:
            if found[0] in self.ingested:
                shown = relative_posix(self.ingested[found[0]].path, self.root)
                return error(f"{shown} has errors", "article-invalid", line=line,
                             hint="fix them first: python -m build_tools check")
            return error(f"{found[0]} has no article yet", "not-ingested", line=line,
                         hint=INGEST_HINT.format(seed=found[0]))
        return self._target(article, line)

    def by_article_id(self, stem: str, line: int) -> Target | Diagnostic:
        article = self.by_id.get(stem)
        if article is None:
            return error(f"no article '{stem}' (and it is not a PTC article number)", "unknown-article",
                         line=line, hint=suggest(stem, self.by_id, "corpus/articles/YYYY/"))
        return self._target(article, line)

    def _target(self, article: Article, line: int) -> Target | Diagnostic:
        if article.seed_text is None:
            return error(f"{article.path}: its seed {article.meta.seed} cannot be read",
                         "missing-seed", line=line, hint="seeds are plain files inside seeds/")
        if article.id not in self.targets:
            self.targets[article.id] = Target(article, article.seed_text, plain_text(article.body),
                                              open_edit(article, self.root, self.corpus))
        return self.targets[article.id]


def import_annotations(root: Path, fmt: str, paths: list[Path]) -> ImportResult:
    """Import files (or every ``.labels``/``.ann`` file in a folder) of format ``fmt``."""
    result = ImportResult()
    for path in remove_leftovers(root / "corpus" / "articles"):
        result.report.add_note(relative_posix(path, root), "removed the temporary file of an "
                               "interrupted run")
    corpus, _ = load_corpus(root)  # the corpus's own problems are check's business
    finder = _Finder(root, corpus)
    for path in _expand(paths, fmt, result.report):
        rel = relative_posix(path, Path.cwd())
        try:
            text = read_text(path).text
        except DiagnosticError as exc:
            result.report.add(exc.diagnostic.at(rel))
            continue
        except OSError as exc:
            result.report.error(rel, 1, f"cannot read the file: {exc.strerror}", "io-error")
            continue
        found = _import_ptc(text, path, finder) if fmt == "ptc" else _import_brat(text, path, finder)
        result.report.extend(sorted((d.at(rel) for d in found), key=lambda d: d.line))
    for target in finder.targets.values():
        edit = target.edit
        result.duplicates += edit.duplicates
        try:
            written = bool(edit.spans) and write_edit(edit, root, corpus, result.report)
        except OSError as exc:  # a full disk: the file is as it was (written atomically)
            result.report.error(relative_posix(edit.path, root), 1, f"cannot write the file: "
                                f"{exc.strerror or exc}", "io-error",
                                "nothing was added to it; fix the cause and import again")
            continue
        if written:
            result.added += len(edit.spans)
            result.written.append(edit.path)
    return result


def _expand(paths: list[Path], fmt: str, report: Report) -> list[Path]:
    suffix = ".labels" if fmt == "ptc" else ".ann"
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob(f"*{suffix}") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            report.error(path, 1, "no such file or folder", "missing-file")
    return files


def _import_ptc(text: str, path: Path, finder: _Finder) -> list[Diagnostic]:
    parsed = parse_ptc_labels(text)
    found = list(parsed.problems)
    missing: set[str] = set()
    for row in parsed.rows:
        line = row.record.line
        if row.article_id in missing:
            continue
        name = seed_name(row.article_id)
        target = finder.by_seed_name([name], line) if name else finder.by_article_id(row.article_id, line)
        if isinstance(target, Diagnostic):
            missing.add(row.article_id)  # once per article: its other rows fail alike
            found.append(target)
            continue
        found.extend(_add(target, row.record, f"ptc {path.name}:{line}", finder.corpus))
    return found


def _import_brat(text: str, path: Path, finder: _Finder) -> list[Diagnostic]:
    target = finder.by_seed_name([path.stem + suffix for suffix in BRAT_SEEDS], 1)
    if isinstance(target, Diagnostic):
        return [target]
    beside = path.with_suffix(".txt")
    if beside.is_file() and read_seed_text(beside) != target.seed:
        return [error(f"{beside.name} beside the .ann is not the text of {target.article.meta.seed}",
                      "seed-differs", hint="offsets count characters of the seed: export the .txt "
                      "again (annotations export --format brat) or annotate the seed's text")]
    parsed = read_ann(text)
    found = list(parsed.problems)
    for span in parsed.spans:
        line, last = span.record.line, span.fragments[-1].end
        if last > len(target.seed):
            found.append(_past_end(span.record, target))
        elif fragment_text(target.seed, span.fragments) != span.text:
            found.append(error("the text field is not the seed's text at these offsets",
                               "text-mismatch", line=line,
                               hint=f"the .ann must be made on {target.article.meta.seed} as it is"))
        else:
            found.extend(_add(target, span.record, f"brat {path.name}:{line}", finder.corpus))
    return found


def _add(target: Target, record: Record, origin: str, corpus: Corpus) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    if record.note and find_invisible(record.note):
        # imported notes are untrusted text: stored (and shown) without invisible characters
        found.append(warning(f"invisible character {name_of(record.note[find_invisible(record.note)[0]])} "
                             "removed from the note", "invisible-character", line=record.line,
                             hint="the imported note is stored without it"))
        record = dataclasses.replace(record, note=strip_invisible(record.note) or None)
    made = _standoff(record, target, origin, corpus)
    if isinstance(made, Diagnostic):
        return found + [made]
    span, claim = made
    technique = span.technique if span.type == "technique" else None
    target.edit.add(SpanKey(span.type, span.start, span.end, technique,
                            span.actor if span.type == "quote" else None), span, claim)
    return found


def _standoff(record: Record, target: Target, origin: str, corpus: Corpus
              ) -> tuple[StandoffSpan, ClaimDetail | None] | Diagnostic:
    line, seed = record.line, target.seed
    if record.end > len(seed):
        return _past_end(record, target)
    exact = seed[record.start:record.end]
    prefix, suffix = context_of(seed, record.start, record.end)
    if not exact.strip():
        return error(f"offsets {record.start}-{record.end} hold only white space", "bad-offsets",
                     line=line)
    technique, claim = None, None
    if record.kind == "technique":
        found = resolve_label(corpus, record.label or "")
        if found is None:
            return error(f"unknown technique label '{record.label}'", "unknown-technique", line=line,
                         hint=_label_hint(corpus, record.label or ""))
        technique = found.ref
    if record.kind == "quote" and record.actor not in corpus.actors:
        return error(f"unknown actor '{record.actor}'", "unknown-actor", line=line,
                     hint=suggest(record.actor or "", corpus.actors, "corpus/actors/"))
    if record.kind == "claim":
        if record.assessment and record.assessment not in {a.value for a in Assessment}:
            return error(f"unknown assessment '{record.assessment}'", "unknown-assessment", line=line,
                         hint="assessments are: " + ", ".join(a.value for a in Assessment))
        claim = ClaimDetail(id=f"claim-{record.start}-{record.end}",
                            assessment=Assessment(record.assessment) if record.assessment else None)
    if find_quote(target.plain, exact, prefix, suffix) is None:
        return error(f"“{_short(exact)}” is in the seed but not in the article text",
                     "not-in-article", line=line, hint=f"{target.article.path} leaves these words out "
                     "(the title is in title:, trailing lines such as 'Subscribe...' are dropped)")
    try:
        span = StandoffSpan.model_validate({
            "type": record.kind, "exact": exact, "prefix": prefix, "suffix": suffix,
            "start": record.start, "end": record.end, "actor": record.actor,
            "claim": claim.id if claim else None, "technique": technique, "label": record.label,
            "note": record.note, "origin": origin})
    except ValidationError as exc:
        problem = describe_errors(exc, StandoffSpan)[0]
        return error(f"cannot import this annotation: {problem.message}", "invalid-span", line=line)
    return span, claim


def resolve_label(corpus: Corpus, label: str) -> Technique | None:
    """The technique a label names, looking in the default codebook first."""
    books = sorted(corpus.codebooks.values(), key=lambda b: (b.id != DEFAULT_CODEBOOK, b.id))
    for book in books:
        for technique in book.techniques.values():
            if label in technique.meta.labels:
                return technique
    return None


def _label_hint(corpus: Corpus, label: str) -> str:
    known = sorted({lab for b in corpus.codebooks.values() for t in b.techniques.values()
                    for lab in t.meta.labels})
    guess = difflib.get_close_matches(label, known, n=1, cutoff=0.5)
    lead = f"did you mean '{guess[0]}'? " if guess else ""
    return f"{lead}labels are listed under labels: in corpus/codebooks/<codebook>/<technique>.md"


def _past_end(record: Record, target: Target) -> Diagnostic:
    return error(f"offsets {record.start}-{record.end} are past the end of "
                 f"{target.article.meta.seed} ({len(target.seed)} characters)", "bad-offsets",
                 line=record.line, hint="offsets count characters of the seed as distributed")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
