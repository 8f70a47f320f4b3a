"""W3C Web Annotation (JSON-LD) of every exported annotation: one ``AnnotationPage`` per
article and one ``AnnotationCollection`` for the corpus.

Input: ``Indexes`` and the site's public address (or None). Output: file contents keyed by
their path in the site (``annotations/<article id>.jsonld``, ``annotations/corpus.jsonld``),
and a warning for each span left out (no offsets in its seed). Each annotation targets the
published seed with a ``TextQuoteSelector`` and a ``TextPositionSelector`` (code points of
the seed, so ``seed[start:end] == exact``), scoped to the article page; its id is the page
URL with the span's anchor. Without a site address the URLs are relative to the site's
``annotations/`` folder (where these files are published). Pure: reads no files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from build_tools.anchoring import context_of
from build_tools.diagnostics import Diagnostic
from build_tools.exchange.collect import ArticleRecords, collect_records
from build_tools.exchange.record import Record
from build_tools.files import jsontext
from build_tools.index import Indexes
from build_tools.memo import Memo
from build_tools.model import Article
from build_tools.spans import Span

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FOLDER = "annotations"
CORPUS_FILE = f"{FOLDER}/corpus.jsonld"
MOTIVATIONS = {"technique": "tagging", "quote": "identifying", "tn": "commenting"}


@dataclass
class AnnotationFiles:
    files: dict[str, str] = field(default_factory=dict)  # site path -> JSON-LD
    skipped: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Urls:
    base: str  # the site's address ending in '/', or '../' (relative to annotations/)

    @classmethod
    def for_site(cls, site_url: str | None) -> Urls:
        return cls(site_url.rstrip("/") + "/" if site_url else "../")

    def page(self, src_uri: str) -> str:
        """A page's address from its path in the docs (``actors/x.md`` -> ``actors/x/``)."""
        return self.base + quote(src_uri.removesuffix(".md") + "/")

    def file(self, path: str) -> str:
        return self.base + quote(path)


@dataclass
class _ArticlePage:
    skipped: list[Any]
    count: int  # annotations
    file: str | None  # the article's AnnotationPage, None without annotations
    items: str  # its annotations as they stand in the collection file (``_ITEMS_INDENT``)


_ITEMS_INDENT = "   "  # the depth of first.items in the collection, with indent=1
_PAGE_INDENT = "  "  # ... and of items in an article's page
_HOLE = "\x00items\x00"


def annotation_files(idx: Indexes, site_url: str | None, memo: Memo | None = None
                     ) -> AnnotationFiles:
    """Each article's AnnotationPage and the collection of all. With a ``memo`` an article's
    part is reused while the article, its spans, the registries and the address are the same;
    the collection is joined from those parts, byte for byte what one ``json.dumps`` writes."""
    memo = memo or Memo(enabled=False)
    urls = Urls.for_site(site_url)
    result = AnnotationFiles()
    total, parts = 0, []
    for article in idx.corpus.articles:
        inputs = (article, idx.spans.get(article.id), memo.token, urls.base)
        page = memo.get("w3c", article.id, inputs,
                        lambda article=article: _article_page(idx, article, urls))  # type: ignore[misc]
        result.skipped.extend(page.skipped)
        if page.file is None:
            continue
        total += page.count
        parts.append(page.items)
        result.files[f"{FOLDER}/{article.id}.jsonld"] = page.file
    collection = urls.file(CORPUS_FILE)
    shell = _dump({
        "@context": CONTEXT, "id": collection, "type": "AnnotationCollection",
        "label": "Quotes, claims, propaganda techniques and translation notes of the corpus",
        "total": total,
        "first": {"id": f"{collection}#page-1", "type": "AnnotationPage", "startIndex": 0,
                  "items": _HOLE}})
    items = "[\n" + ",\n".join(parts) + "\n  ]" if parts else "[]"
    result.files[CORPUS_FILE] = shell.replace(json.dumps(_HOLE), items, 1)
    return result


def _article_page(idx: Indexes, article: Article, urls: Urls) -> _ArticlePage:
    collected = collect_records(idx, article)
    items = _article_items(collected, idx, urls)
    if not items:
        return _ArticlePage(list(collected.skipped), 0, None, "")
    path = f"{FOLDER}/{article.id}.jsonld"
    # Each item written once, at its depth in the page (items of a top-level key); the
    # collection holds it one level deeper. Both byte for byte what json.dumps writes.
    written = [jsontext.dumps(item, margin=_PAGE_INDENT) for item in items]
    shell = _dump({"@context": CONTEXT, "id": urls.file(path), "type": "AnnotationPage",
                   "items": _HOLE})
    text = shell.replace(json.dumps(_HOLE), "[\n" + ",\n".join(written) + "\n ]", 1)
    deeper = _ITEMS_INDENT[len(_PAGE_INDENT):]
    joined = ",\n".join(deeper + one.replace("\n", "\n" + deeper) for one in written)
    return _ArticlePage(list(collected.skipped), len(items), text, joined)


def _article_items(collected: ArticleRecords, idx: Indexes, urls: Urls) -> list[dict[str, Any]]:
    article, seed = collected.article, collected.seed
    if seed is None or not article.meta.seed:
        return []
    page = urls.page(article.url_path)
    return [_annotation(record, span, seed, idx, urls, page, urls.file(article.meta.seed))
            for record, span in zip(collected.records, collected.spans, strict=True)]


def _annotation(record: Record, span: Span, seed: str, idx: Indexes, urls: Urls, page: str,
                source: str) -> dict[str, Any]:
    prefix, suffix = context_of(seed, record.start, record.end)
    motivation = MOTIVATIONS.get(record.kind) or ("assessing" if record.assessment else "highlighting")
    annotation: dict[str, Any] = {"id": f"{page}#{span.anchor}", "type": "Annotation",
                                  "motivation": motivation}
    body = _body(record, span, idx, urls)
    if body:
        annotation["body"] = body
    annotation["target"] = {
        "type": "SpecificResource", "source": source, "scope": page,
        "selector": [
            {"type": "TextQuoteSelector", "exact": seed[record.start:record.end],
             "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": record.start, "end": record.end},
        ]}
    return annotation


def _text(value: str, purpose: str) -> dict[str, str]:
    return {"type": "TextualBody", "purpose": purpose, "format": "text/plain", "value": value}


def _body(record: Record, span: Span, idx: Indexes, urls: Urls) -> list[dict[str, str]]:
    corpus = idx.corpus
    if record.kind == "technique":
        body = [_text(record.label or "", "tagging")]
        if record.technique:
            body.append({"type": "SpecificResource", "purpose": "classifying",
                         "source": urls.page(f"techniques/{record.technique}.md")})
        return body
    if record.kind == "quote" and record.actor:
        actor = corpus.actors.get(record.actor)
        return [_text(actor.name if actor else record.actor, "identifying"),
                {"type": "SpecificResource", "purpose": "identifying",
                 "source": urls.page(f"actors/{record.actor}.md")}]
    if record.kind == "claim":
        body = [_text(record.assessment, "assessing")] if record.assessment else []
        rationale = span.claim.rationale if span.claim else None
        return body + ([_text(rationale, "commenting")] if rationale else [])
    if record.kind == "tn":
        body = [_text(record.note, "commenting")] if record.note else []
        return body + ([_text(f"Original: {span.original}", "describing")] if span.original else [])
    return []


def _dump(value: Any) -> str:
    return jsontext.dumps(value) + "\n"
