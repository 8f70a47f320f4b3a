"""From the index to exchange records: every exported annotation of an article with its
offsets into the seed.

Input: ``Indexes`` (each article's resolved ``Span``s, inline and stand-off alike). Output:
per article, the spans other tools can take (quotes, claims, techniques, translation notes
whose words were found in the seed), as ``Record``s in seed order, and a warning naming the
corpus file and line of each span left out because it has no seed offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.diagnostics import Diagnostic, warning
from build_tools.exchange.record import KINDS, Record
from build_tools.index import Indexes
from build_tools.model import Article, Corpus
from build_tools.spans import Span


@dataclass
class ArticleRecords:
    article: Article
    seed: str | None  # the seed text, None when the article has none
    spans: list[Span] = field(default_factory=list)  # exported spans, in seed order
    records: list[Record] = field(default_factory=list)  # one per span, same order
    skipped: list[Diagnostic] = field(default_factory=list)


def collect_records(idx: Indexes, article: Article, kinds: tuple[str, ...] = KINDS) -> ArticleRecords:
    """The article's spans of ``kinds`` as records, and a warning for each one left out."""
    result = ArticleRecords(article, article.seed_text)
    resolved = idx.spans.get(article.id)
    spans = [s for s in resolved.spans if s.kind in kinds] if resolved else []
    if spans and article.seed_text is None:
        result.skipped.append(warning(
            f"no seed to give offsets into: {len(spans)} annotation(s) not exported", "no-seed-offsets",
            path=article.path, hint="exports count characters of the seed named by seed:"))
        return result
    pairs = []
    for span in spans:
        if span.seed_start is None or span.seed_end is None:
            result.skipped.append(warning(
                f"{span.kind} “{_short(span.text)}” is not in the seed {article.meta.seed}; not exported",
                "no-seed-offsets", line=span.line, path=span.path,
                hint="exports give offsets into the seed: the annotated words must be found there"))
            continue
        pairs.append((record_of(span, idx.corpus, span.seed_start, span.seed_end), span))
    pairs.sort(key=lambda pair: pair[0].sort_key)
    result.records = [record for record, _ in pairs]
    result.spans = [span for _, span in pairs]
    return result


def record_of(span: Span, corpus: Corpus, start: int, end: int) -> Record:
    return Record(span.kind, start, end,
                  label=technique_label(corpus, span) if span.kind == "technique" else None,
                  technique=span.technique, actor=span.actor if span.kind == "quote" else None,
                  assessment=span.assessment.value if span.assessment else None,
                  note=span.note, path=span.path, line=span.line)


def technique_label(corpus: Corpus, span: Span) -> str | None:
    """The label a span was imported with, if it is one of its technique's labels (an exact
    round trip), else the technique's first label (inline spans may name a technique by id)."""
    book, _, tid = (span.technique or "").partition("/")
    technique = corpus.codebooks[book].techniques.get(tid) if book in corpus.codebooks else None
    if technique is None:
        return span.label
    labels = technique.meta.labels
    if span.label in labels:
        return span.label
    return labels[0] if labels else technique.id


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
