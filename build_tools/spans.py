"""Every annotation of an article, inline and stand-off alike, resolved into ``Span`` objects.

Input: a loaded ``Article`` (its inline annotations and its ``.annotations.yml``), the corpus
registries and the seed's text. Output: one ``Span`` per annotated kind, with its position in
the plain text of the body (what a reader sees), its character offsets into the seed (what
other tools exchange), a stable anchor id for its permalink, and what it refers to (speaker,
technique, claim details, translation note). The index, the pages and the exports all read
these, so inline and stand-off annotations are treated alike.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from build_tools.anchoring import PlainView, Squashed, context_of, find_quote, plain_view, squash
from build_tools.annotation_model import Assessment, ClaimDetail, StandoffSpan
from build_tools.annotations import Annotation
from build_tools.load_annotations import resolve_technique
from build_tools.model import Article, Corpus

SHOWN_KINDS = ("quote", "claim", "technique", "tn")


@dataclass(frozen=True)
class Span:
    anchor: str  # the HTML id of its first highlighted piece: its permalink
    kind: str  # speaker | quote | claim | technique | tn
    text: str  # the annotated words, as a reader sees them
    start: int  # in the plain text of the body
    end: int
    seed_start: int | None  # character offsets into the seed, when the words are found there
    seed_end: int | None
    standoff: bool
    path: str  # the file the annotation is written in
    line: int  # its line there
    actor: str | None = None  # speaker or quote: who speaks
    about: tuple[str, ...] = ()
    claim: ClaimDetail | None = None
    assessment: Assessment | None = None
    claimant: str | None = None
    technique: str | None = None  # "codebook/id"
    label: str | None = None  # the technique's label as imported, for an exact round-trip
    note: str | None = None  # translation note or comment
    original: str | None = None
    tn_ref: str | None = None
    role: str | None = None
    inferred: str | None = None
    origin: str | None = None


@dataclass
class ArticleSpans:
    body: str  # the article body as written
    plain: PlainView  # what a reader sees of it
    spans: list[Span] = field(default_factory=list)  # in text order

    def of_kind(self, kind: str) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]


def resolve_spans(article: Article, corpus: Corpus, seed: str | None) -> ArticleSpans:
    view = plain_view(article.body)
    seed_view = _LazySquash(seed)
    result = ArticleSpans(article.body, view)
    claims = {c.id: c for c in article.standoff.claims} if article.standoff else {}
    for ann in article.annotations or []:
        start = view.plain_index(ann.text_start)
        end = start + len(ann.text)
        for kind in ann.kinds:
            result.spans.append(_inline_span(ann, kind, start, end, article, corpus, claims,
                                             seed, seed_view, view.text))
    if article.standoff is not None:
        lines = article.standoff_lines
        for index, entry in enumerate(article.standoff.spans):
            found = find_quote(view.text, entry.exact, entry.prefix, entry.suffix)
            if found is None:  # orphaned: load reported it
                continue
            line = lines.line_of(("spans", index)) if lines is not None else 1
            result.spans.append(_standoff_span(entry, found.start, found.end, article, corpus,
                                               claims, line))
    result.spans.sort(key=lambda s: (s.start, -s.end, SHOWN_KINDS.index(s.kind)
                                     if s.kind in SHOWN_KINDS else -1))
    _give_anchors(result.spans)
    return result


class _LazySquash:
    """The seed with its white space squashed, made the first time an offset is needed."""

    def __init__(self, seed: str | None) -> None:
        self.seed = seed
        self._view: Squashed | None = None

    def get(self) -> Squashed | None:
        if self._view is None and self.seed is not None:
            self._view = squash(self.seed)
        return self._view


def _seed_offsets(kind: str, text: str, plain: str, start: int, end: int, seed: str | None,
                  seed_view: _LazySquash) -> tuple[int | None, int | None]:
    """Where the annotated words are in the seed (speaker labels are not exchanged)."""
    if seed is None or kind == "speaker" or not text.strip():
        return None, None
    prefix, suffix = context_of(plain, start, end)
    near = round(start * len(seed) / max(1, len(plain)))
    found = find_quote(seed, text, prefix, suffix, near=near, squashed=seed_view.get())
    return (found.start, found.end) if found else (None, None)


def _inline_span(ann: Annotation, kind: str, start: int, end: int, article: Article,
                 corpus: Corpus, claims: dict[str, ClaimDetail], seed: str | None,
                 seed_view: _LazySquash, plain: str) -> Span:
    seed_start, seed_end = _seed_offsets(kind, ann.text, plain, start, end, seed, seed_view)
    claim = claims.get(ann.attrs.get("id", "")) if kind == "claim" else None
    technique = label = None
    if kind == "technique":
        found = resolve_technique(corpus, ann.attrs["name"], ann.get("codebook"))
        technique = found.ref if found else None
        # name= is an id or one of the technique's labels; only a label is kept as one
        label = ann.attrs["name"] if found is None or ann.attrs["name"] in found.meta.labels else None
    note, original, ref = _translation(corpus, ann.get("note"), ann.get("original"), ann.get("ref")) \
        if kind == "tn" else (ann.get("note"), None, None)
    assessment = claim.assessment if claim and claim.assessment else (
        Assessment(ann.attrs["assessment"]) if kind == "claim" and ann.get("assessment") else None)
    return Span(
        anchor=ann.attrs.get("id", ""), kind=kind, text=ann.text, start=start, end=end,
        seed_start=seed_start, seed_end=seed_end, standoff=False, path=article.path,
        line=article.body_line + ann.line - 1, actor=ann.get("actor") if kind in ("speaker", "quote")
        else None, about=tuple(ann.values("about")) or (tuple(claim.about) if claim else ()),
        claim=claim, assessment=assessment,
        claimant=ann.get("by") or (claim.claimant if claim else None), technique=technique,
        label=label, note=note, original=original,
        tn_ref=ref, role=ann.get("role"), inferred=ann.get("inferred"))


def _standoff_span(entry: StandoffSpan, start: int, end: int, article: Article, corpus: Corpus,
                   claims: dict[str, ClaimDetail], line: int) -> Span:
    claim = claims.get(entry.claim or "")
    technique = resolve_technique(corpus, entry.technique) if entry.technique else None
    note, original, ref = _translation(corpus, entry.note, entry.original, entry.ref) \
        if entry.type == "tn" else (entry.note, None, None)
    return Span(
        anchor=entry.id or (entry.claim if entry.type == "claim" and entry.claim else ""),
        kind=entry.type, text=entry.exact, start=start, end=end,
        seed_start=entry.start, seed_end=entry.end, standoff=True,
        path=article.standoff_path or article.path, line=line, actor=entry.actor,
        about=tuple(entry.about) or (tuple(claim.about) if claim else ()), claim=claim,
        assessment=claim.assessment if claim else None, claimant=claim.claimant if claim else None,
        technique=technique.ref if technique else None, label=entry.label or entry.technique,
        note=note, original=original, tn_ref=ref, origin=entry.origin)


def _translation(corpus: Corpus, note: str | None, original: str | None,
                 ref: str | None) -> tuple[str | None, str | None, str | None]:
    """A translation note as written, or the known error it refers to."""
    known = corpus.translation_notes.get(ref or "")
    if known is None:
        return note, original, ref
    return (note or known.body.strip() or None, original or known.meta.original, ref)


def _give_anchors(spans: list[Span]) -> None:
    """Stable ids: the span's own ``id``, else a hash of its kind and words (and how many
    times the same words were annotated so before), so an edit elsewhere keeps the permalink."""
    seen: Counter[tuple[str, str]] = Counter()
    taken: set[str] = set()
    for index, span in enumerate(spans):
        key = (span.kind, span.text)
        seen[key] += 1
        anchor = f"a-{span.anchor}" if span.anchor else "a-" + hashlib.sha1(
            f"{span.kind}\0{span.text}\0{seen[key]}".encode()).hexdigest()[:8]
        while anchor in taken:
            anchor += "x"
        taken.add(anchor)
        object.__setattr__(spans[index], "anchor", anchor)
