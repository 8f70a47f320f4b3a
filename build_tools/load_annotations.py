"""Load + validate, for annotations: codebooks, known translation errors, each article's
stand-off file, and every reference an annotation makes.

Input: ``corpus/codebooks/``, ``corpus/translation-notes/``, ``<article>.annotations.yml``
beside an article, and the parsed inline annotations. Output: registry entries in the
``Corpus``, the ``AnnotationFile`` on each article, and one located diagnostic per problem:
an unknown technique (with a did-you-mean), a claim without its details, a stand-off span
whose offsets no longer match the seed, or whose quote the article text no longer contains
(orphaned: reported, never re-anchored to other words).
"""

from __future__ import annotations

from pathlib import Path

from build_tools.anchoring import find_quote
from build_tools.annotation_model import (
    AnnotationFile,
    Assessment,
    Codebook,
    CodebookMeta,
    StandoffSpan,
    Technique,
    TechniqueMeta,
    TranslationNote,
    TranslationNoteMeta,
)
from build_tools.annotations import Annotation, plain_text
from build_tools.diagnostics import Diagnostic, DiagnosticError, Report, error, relative_posix
from build_tools.files.cleantext import clean_yaml
from build_tools.files.corpusfile import read_corpus_file, read_corpus_text
from build_tools.files.yamlsafe import YamlDoc, load_yaml
from build_tools.limits import Limits
from build_tools.model import ID_RE, Article, Corpus
from build_tools.unresolved import unresolved, unresolved_technique
from build_tools.validate import suggest, validate_front_matter, validate_meta

DEFAULT_CODEBOOK = "semeval2020"
SIDECAR_SUFFIX = ".annotations.yml"


def load_codebooks(root: Path, report: Report, limits: Limits | None = None,
                   broken: dict[str, str] | None = None) -> dict[str, Codebook]:
    """Every codebook and its techniques; a file that does not load is reported and recorded
    in ``broken`` (``"codebooks/<id>"``, ``"codebooks/<id>/<technique>"``)."""
    folder = root / "corpus" / "codebooks"
    books: dict[str, Codebook] = {}
    broken = broken if broken is not None else {}
    if not folder.is_dir():
        return books
    for path in sorted(folder.glob("*.md")):
        raw = read_corpus_file(path, root, report, limits)
        meta = validate_meta(raw, CodebookMeta, report) if raw and _valid_id(path, raw.rel, report) \
            else None
        if meta is None or raw is None:
            if ID_RE.match(path.stem):
                broken[f"codebooks/{path.stem}"] = relative_posix(path, root)
            continue
        book = Codebook(id=path.stem, path=raw.rel, body=raw.body, body_line=raw.body_line, meta=meta)
        for tpath in sorted((folder / path.stem).glob("*.md")):
            traw = read_corpus_file(tpath, root, report, limits)
            tmeta = validate_meta(traw, TechniqueMeta, report) \
                if traw and _valid_id(tpath, traw.rel, report) else None
            if (tmeta is None or traw is None) and ID_RE.match(tpath.stem):
                broken[f"codebooks/{path.stem}/{tpath.stem}"] = relative_posix(tpath, root)
            if tmeta is not None and traw is not None:
                book.techniques[tpath.stem] = Technique(
                    id=tpath.stem, path=traw.rel, body=traw.body, body_line=traw.body_line,
                    codebook=path.stem, meta=tmeta)
        books[path.stem] = book
    _check_codebook_links(books, report, broken)
    return books


def _valid_id(path: Path, rel: str, report: Report) -> bool:
    if ID_RE.match(path.stem):
        return True
    report.error(rel, 1, f"file name '{path.name}' is not a valid id", "bad-id",
                 "ids are lowercase kebab-case ASCII, e.g. loaded-language.md")
    return False


def _check_codebook_links(books: dict[str, Codebook], report: Report, broken: dict[str, str]) -> None:
    """``group`` members and ``maps_to`` targets exist (one whose file is broken is a warning);
    no label names two techniques."""
    def late(tech: Technique, target: str) -> bool:
        path = broken.get(f"codebooks/{target}") or broken.get(f"codebooks/{target.partition('/')[0]}")
        if path is not None:
            report.warning(tech.path, 1, f"technique '{target}' is unresolved: {path} has errors",
                           "unresolved-technique", f"fix {path} (its errors are reported there)")
        return path is not None

    for book in books.values():
        owner: dict[str, str] = {}
        for tech in book.techniques.values():
            for member in tech.meta.group:
                if member not in book.techniques and not late(tech, f"{book.id}/{member}"):
                    report.error(tech.path, 1, f"unknown technique '{member}' in group",
                                 "unknown-technique", suggest(member, book.techniques,
                                                              f"corpus/codebooks/{book.id}/"))
            for target in tech.meta.maps_to:
                other, _, tid = target.partition("/")
                if (other not in books or tid not in books[other].techniques) and not late(tech, target):
                    report.error(tech.path, 1, f"maps_to names unknown technique '{target}'",
                                 "unknown-technique", "write codebook/technique, e.g. "
                                 "semeval2023/loaded-language")
            for label in tech.meta.labels:
                if label in owner:
                    report.error(tech.path, 1, f"label '{label}' is also the label of "
                                 f"'{owner[label]}'", "duplicate-label",
                                 "a label must name one technique (or one group) of its codebook")
                owner.setdefault(label, tech.id)


def load_translation_notes(root: Path, report: Report, limits: Limits | None = None,
                           broken: dict[str, str] | None = None) -> dict[str, TranslationNote]:
    folder = root / "corpus" / "translation-notes"
    notes: dict[str, TranslationNote] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        raw = read_corpus_file(path, root, report, limits)
        meta = validate_meta(raw, TranslationNoteMeta, report) \
            if raw and _valid_id(path, raw.rel, report) else None
        if meta is None and broken is not None and ID_RE.match(path.stem):
            broken[f"translation-notes/{path.stem}"] = relative_posix(path, root)
        if meta is not None and raw is not None:
            notes[path.stem] = TranslationNote(id=path.stem, path=raw.rel, body=raw.body,
                                               body_line=raw.body_line, meta=meta)
    return notes


def resolve_technique(corpus: Corpus, value: str, codebook: str | None = None) -> Technique | None:
    """A technique by ``codebook/id``, by id in ``codebook`` (default: semeval2020, else the
    only codebook), or by one of its labels ("Name_Calling,Labeling")."""
    name, book_id = value, codebook
    if "/" in value:
        book_id, _, name = value.partition("/")
    book = corpus.codebooks.get(book_id or default_codebook(corpus) or "")
    if book is None:
        return None
    if name in book.techniques:
        return book.techniques[name]
    for tech in book.techniques.values():
        if name in tech.meta.labels:
            return tech
    return None


def default_codebook(corpus: Corpus) -> str | None:
    # a broken default codebook stays the default: its techniques are unresolved, never
    # silently looked up in another codebook
    if DEFAULT_CODEBOOK in corpus.codebooks or f"codebooks/{DEFAULT_CODEBOOK}" in corpus.broken:
        return DEFAULT_CODEBOOK
    return next(iter(sorted(corpus.codebooks)), None)


def technique_hint(corpus: Corpus, value: str, codebook: str | None) -> str:
    book_id = value.partition("/")[0] if "/" in value else (codebook or default_codebook(corpus))
    book = corpus.codebooks.get(book_id or "")
    if book is None:
        return "codebooks are: " + (", ".join(sorted(corpus.codebooks)) or "none (corpus/codebooks/)")
    name = value.partition("/")[2] if "/" in value else value
    known = list(book.techniques) + [label for t in book.techniques.values() for label in t.meta.labels]
    return suggest(name, known, f"corpus/codebooks/{book.id}/")


def check_inline(ann: Annotation, corpus: Corpus, claim_ids: set[str]) -> list[Diagnostic]:
    """Problems with what an inline annotation refers to (its line and column set)."""
    found: list[Diagnostic] = []

    def problem(message: str, code: str, hint: str | None = None) -> None:
        found.append(error(message, code, line=ann.line, col=ann.col, hint=hint))

    def known(folder: str, ref_id: str, where: str = "") -> bool:
        """A loaded entry, or a broken one (reported as unresolved: the article still builds)."""
        if folder == "actors" and ref_id in corpus.actors:
            return True
        diag = unresolved(corpus, folder, ref_id, line=ann.line, col=ann.col, where=where)
        if diag is not None:
            found.append(diag)
        return diag is not None

    actor = ann.get("actor")
    if actor is not None and actor not in corpus.actors:
        known("actors", actor, " in annotation")  # parse_annotations let only broken ones through
    if ann.has("technique"):
        name, book = ann.attrs["name"], ann.get("codebook")
        late = unresolved_technique(corpus, name, book, default_codebook(corpus), line=ann.line,
                                    col=ann.col)
        if late is not None and resolve_technique(corpus, name, book) is None:
            found.append(late)
        elif book is not None and book not in corpus.codebooks:
            problem(f"unknown codebook '{book}'", "unknown-codebook",
                    "codebooks are: " + ", ".join(sorted(corpus.codebooks)))
        elif resolve_technique(corpus, name, book) is None:
            problem(f"unknown technique '{name}'", "unknown-technique",
                    technique_hint(corpus, name, book))
    assessment = ann.get("assessment")
    if assessment is not None and assessment not in {a.value for a in Assessment}:
        problem(f"unknown assessment '{assessment}'", "annotation-attribute",
                "assessments are: " + ", ".join(a.value for a in Assessment))
    if ann.has("claim") and ann.get("id") and ann.attrs["id"] not in claim_ids and claim_ids:
        problem(f"claim '{ann.attrs['id']}' has no entry in the article's annotation file",
                "unknown-claim", "add it under claims: in the .annotations.yml beside the article")
    for key in ("about", "by"):
        for actor_id in ann.values(key):
            if not known("actors", actor_id, f" in {key}="):
                problem(f"unknown actor '{actor_id}' in {key}=", "unknown-actor",
                        suggest(actor_id, corpus.actors, "corpus/actors/"))
    ref = ann.get("ref")
    if ann.has("tn") and ref is None and not ann.get("note"):
        problem("a .tn annotation needs 'note=' or 'ref='", "annotation-attribute")
    if ref is not None and ref not in corpus.translation_notes and not known("translation-notes", ref):
        problem(f"unknown translation note '{ref}'", "unknown-translation-note",
                suggest(ref, corpus.translation_notes, "corpus/translation-notes/"))
    return found


def sidecar_path(article_path: Path) -> Path:
    return article_path.with_name(article_path.stem + SIDECAR_SUFFIX)


def load_sidecar(article: Article, path: Path, root: Path, corpus: Corpus, report: Report) -> bool:
    """Read ``<article>.annotations.yml`` onto ``article``; False when it has errors (the
    article is then left out, as for any other error in it)."""
    rel = relative_posix(path, root)
    doc = _read_sidecar(path, rel, report, corpus.limits)
    if doc is None:
        return False
    found: list[Diagnostic] = []
    data = validate_front_matter(doc, AnnotationFile, found)
    report.place(found, rel)
    if data is None:
        return False
    before = len(report.errors)
    _check_claims(data, doc, rel, corpus, report)
    plain = plain_text(article.body)
    claim_ids = {c.id for c in data.claims}
    for index, span in enumerate(data.spans):
        _check_span(span, doc, ("spans", index), rel, corpus, claim_ids, report)
        _check_anchor(span, doc.line_of(("spans", index)), rel, article, plain, report)
    article.standoff, article.standoff_path, article.standoff_lines = data, rel, doc
    return len(report.errors) == before


def _read_sidecar(path: Path, rel: str, report: Report, limits: Limits) -> YamlDoc | None:
    text = read_corpus_text(path, rel, report, limits)
    if text is None:
        return None
    try:
        doc = load_yaml(text)
    except DiagnosticError as exc:
        report.add(exc.diagnostic.at(rel))
        return None
    if doc.data is None:
        doc.data = {}
    # Every value is cleaned but exact, prefix and suffix: they are the seed's own text,
    # checked against it as they are (and never shown on a page as such).
    report.place(clean_yaml(doc, lambda loc: len(loc) == 3 and loc[0] == "spans"
                            and loc[2] in ("exact", "prefix", "suffix")), rel)
    return doc


def _unknown_actor(report: Report, rel: str, line: int, actor_id: str, where: str, corpus: Corpus) -> None:
    late = unresolved(corpus, "actors", actor_id, line=line, where=where)
    if late is not None:
        report.add(late.at(rel))
        return
    report.error(rel, line, f"unknown actor '{actor_id}'{where}", "unknown-actor",
                 suggest(actor_id, corpus.actors, "corpus/actors/"))


def _check_claims(data: AnnotationFile, doc: YamlDoc, rel: str, corpus: Corpus, report: Report) -> None:
    for index, claim in enumerate(data.claims):
        for key, ids in (("claimant", [claim.claimant] if claim.claimant else []), ("about", claim.about)):
            for actor_id in ids:
                if actor_id not in corpus.actors:
                    _unknown_actor(report, rel, doc.line_of(("claims", index, key)), actor_id,
                                   f" in {key}", corpus)


def _check_span(span: StandoffSpan, doc: YamlDoc, loc: tuple[str, int], rel: str, corpus: Corpus,
                claim_ids: set[str], report: Report) -> None:
    """What a stand-off span refers to exists."""
    line = doc.line_of(loc)
    for actor_id in ([span.actor] if span.actor else []) + span.about:
        if actor_id not in corpus.actors:
            _unknown_actor(report, rel, line, actor_id, "", corpus)
    late = unresolved_technique(corpus, span.technique, None, default_codebook(corpus),
                                line=doc.line_of((*loc, "technique"))) if span.technique else None
    if span.technique and resolve_technique(corpus, span.technique) is None and late is not None:
        report.add(late.at(rel))
    elif span.technique and resolve_technique(corpus, span.technique) is None:
        report.error(rel, doc.line_of((*loc, "technique")), f"unknown technique '{span.technique}'",
                     "unknown-technique", technique_hint(corpus, span.technique, None))
    if span.claim and span.claim not in claim_ids:
        report.error(rel, line, f"claim '{span.claim}' is not under claims:", "unknown-claim",
                     "add its assessment, rationale and evidence under claims:")
    late_note = unresolved(corpus, "translation-notes", span.ref, line=line) if span.ref else None
    if span.ref and span.ref not in corpus.translation_notes and late_note is not None:
        report.add(late_note.at(rel))
    elif span.ref and span.ref not in corpus.translation_notes:
        report.error(rel, line, f"unknown translation note '{span.ref}'", "unknown-translation-note",
                     suggest(span.ref, corpus.translation_notes, "corpus/translation-notes/"))


def _check_anchor(span: StandoffSpan, line: int, rel: str, article: Article, plain: str,
                  report: Report) -> None:
    """The offsets hold the words in the seed, and the article's text still has them."""
    seed = article.seed_text
    if seed is not None and seed[span.start:span.end] != span.exact:
        report.error(rel, line, f"offsets {span.start}-{span.end} do not hold “{_short(span.exact)}” "
                     f"in {article.meta.seed}", "offset-mismatch",
                     "offsets count characters of the seed as published; fix start/end")
    if find_quote(plain, span.exact, span.prefix, span.suffix) is None:
        report.error(rel, line, f"orphaned annotation: the article text no longer contains "
                     f"“{_short(span.exact)}”", "orphaned-annotation",
                     "restore the words in the article, or fix or delete this span")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
