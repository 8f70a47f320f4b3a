"""Stand-off files read, merged and written: ``<article>.annotations.yml`` beside an article.

Input: a loaded article and the spans (and claim details) an import adds to it. Output: the
stand-off file rewritten atomically, holding everything it held (every key, claim and span,
in order) and the new entries after them. An annotation the article already has, inline or
stand-off (same kind, start, end, and technique or speaker), is not added again, so
importing a file twice adds nothing. A file with YAML comments is refused, as
``ingest --update`` refuses front matter with comments: rewriting it would lose them. After
writing, the article is loaded again as ``check`` loads it; if it no longer loads cleanly,
the previous file is put back and the problems are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_tools.annotation_model import ClaimDetail, StandoffSpan
from build_tools.diagnostics import DiagnosticError, Report, relative_posix
from build_tools.files.textfile import read_text, write_atomic
from build_tools.files.yamlsafe import dump_yaml, load_yaml
from build_tools.load import load_article
from build_tools.load_annotations import resolve_technique, sidecar_path
from build_tools.model import Article, Corpus
from build_tools.spans import resolve_spans


@dataclass(frozen=True)
class SpanKey:
    """What makes two annotations the same one."""

    kind: str
    start: int
    end: int
    technique: str | None = None  # "codebook/id"
    actor: str | None = None


@dataclass
class StandoffEdit:
    article: Article
    path: Path  # the stand-off file
    known: set[SpanKey] = field(default_factory=set)  # what the article already has
    claim_ids: set[str] = field(default_factory=set)
    spans: list[StandoffSpan] = field(default_factory=list)  # to add
    claims: list[ClaimDetail] = field(default_factory=list)
    duplicates: int = 0

    def add(self, key: SpanKey, span: StandoffSpan, claim: ClaimDetail | None = None) -> bool:
        """False (and counted) when the article has this annotation already."""
        if key in self.known:
            self.duplicates += 1
            return False
        self.known.add(key)
        self.spans.append(span)
        if claim is not None and claim.id not in self.claim_ids:
            self.claim_ids.add(claim.id)
            self.claims.append(claim)
        return True


def open_edit(article: Article, root: Path, corpus: Corpus) -> StandoffEdit:
    edit = StandoffEdit(article, sidecar_path(root / article.path))
    for span in resolve_spans(article, corpus, article.seed_text).spans:
        if span.seed_start is not None and span.seed_end is not None:
            edit.known.add(SpanKey(span.kind, span.seed_start, span.seed_end, span.technique,
                                   span.actor if span.kind == "quote" else None))
    if article.standoff is not None:
        edit.claim_ids = {claim.id for claim in article.standoff.claims}
    return edit


def key_of(span: StandoffSpan, corpus: Corpus) -> SpanKey:
    technique = resolve_technique(corpus, span.technique) if span.technique else None
    return SpanKey(span.type, span.start, span.end, technique.ref if technique else None,
                   span.actor if span.type == "quote" else None)


def yaml_comment_line(text: str) -> int | None:
    """The line of the first YAML comment: a ``#`` outside every scalar (the scanner skips
    comments but not scalars)."""
    try:
        scalars = [(t.start_mark.index, t.end_mark.index) for t in yaml.scan(text, Loader=yaml.SafeLoader)
                   if isinstance(t, yaml.ScalarToken)]
    except yaml.YAMLError:
        return None  # load_yaml reports the syntax error
    at = text.find("#")
    while at != -1:
        if not any(start <= at < end for start, end in scalars):
            return text.count("\n", 0, at) + 1
        at = text.find("#", at + 1)
    return None


def write_edit(edit: StandoffEdit, root: Path, corpus: Corpus, report: Report) -> bool:
    """Merge the new entries into the stand-off file; False (reported) when it is left alone."""
    rel = relative_posix(edit.path, root)
    before: str | None = None
    data: dict[str, Any] = {}
    try:
        if edit.path.exists():
            before = read_text(edit.path).text
            comment = yaml_comment_line(before)
            if comment is not None:
                report.error(rel, comment, "cannot import into this file: it has YAML comments, which "
                             "rewriting it would lose", "has-comments",
                             "move the comments into note: values or delete them, then import again")
                return False
            data = load_yaml(before).data or {}
    except DiagnosticError as exc:
        report.add(exc.diagnostic.at(rel))
        return False
    if edit.claims:
        data.setdefault("claims", []).extend(c.model_dump(mode="json", exclude_defaults=True)
                                             for c in edit.claims)
    data.setdefault("spans", []).extend(s.model_dump(mode="json", exclude_defaults=True)
                                        for s in edit.spans)
    write_atomic(edit.path, dump_yaml(data))
    check = Report()
    if load_article(root / edit.article.path, root, corpus, check) is not None:
        return True
    for diag in check.errors:
        report.add(diag)
    report.error(rel, 1, "the imported annotations would make the article invalid; the file "
                 "was left as it was", "import-invalid", "fix the problems above, then import again")
    if before is None:
        edit.path.unlink()
    else:
        write_atomic(edit.path, before)
    return False
