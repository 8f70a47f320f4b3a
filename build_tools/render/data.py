"""Open data, nested: the corpus metadata as JSON files that keep the front matter's shape
(lists inside records), for analysts who want the data, not the pages. The flat tables (CSV,
their JSON twins, SQLite) are ``render/tables.py`` and ``render/opendata.py``. Pure: returns
file contents keyed by their path in the site."""

from __future__ import annotations

from typing import Any

from build_tools.files import jsontext
from build_tools.index import Indexes
from build_tools.memo import Memo
from build_tools.spans import Span

DATA_FILES = ("data/articles.json", "data/actors.json", "data/themes.json", "data/sources.json")


def _article_record(idx: Indexes, article: Any) -> dict[str, Any]:
    meta = article.meta
    record = meta.model_dump(mode="json", exclude_none=True)
    record["id"] = article.id
    record["url"] = article.url_path.removesuffix(".md") + "/"
    record["file"] = article.path
    turns = idx.annotations.get(article.id)
    record["turns"] = [{"actor": t.actor, "role": t.role, "paragraph": t.paragraph}
                       for t in (turns.turns if turns else [])]
    # quotes, claims, techniques and translation notes (inline and stand-off alike), for
    # corpus-wide analysis; start and end are character offsets into the seed
    spans = idx.spans.get(article.id)
    record["annotations"] = [_span_record(span) for span in (spans.spans if spans else [])
                             if span.kind != "speaker"]
    return record


def _span_record(span: Span) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": span.anchor, "kind": span.kind, "text": span.text, "start": span.seed_start,
        "end": span.seed_end, "standoff": span.standoff, "file": span.path, "line": span.line}
    optional = {"actor": span.actor, "about": list(span.about) or None, "technique": span.technique,
                "label": span.label, "assessment": span.assessment.value if span.assessment else None,
                "claimant": span.claimant, "note": span.note, "original": span.original,
                "translation_note": span.tn_ref, "origin": span.origin}
    record.update({k: v for k, v in optional.items() if v is not None})
    if span.claim is not None:
        record["claim"] = span.claim.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return record


def _indented(record: dict[str, Any]) -> str:
    """A record as ``json.dumps(list, ensure_ascii=False, indent=1)`` writes it inside the list."""
    return jsontext.dumps(record, margin=" ")


def render_data(idx: Indexes, memo: Memo | None = None) -> dict[str, str]:
    """The nested JSON files. With a ``memo`` an article's record is reused (as text) while
    the article, its annotations and spans are the same."""
    corpus = idx.corpus
    memo = memo or Memo(enabled=False)
    records = [memo.get("data-record", a.id, (a, idx.annotations.get(a.id), idx.spans.get(a.id)),
                        lambda a=a: _indented(_article_record(idx, a)))  # type: ignore[misc]
               for a in corpus.articles]
    articles_json = "[\n" + ",\n".join(records) + "\n]\n" if records else "[]\n"
    actors = [{"id": k, **v.meta.model_dump(mode="json", exclude_none=True),
               "articles": [app.article.id for app in idx.by_actor.get(k, [])]}
              for k, v in sorted(corpus.actors.items())]
    themes = [{"id": k, **v.meta.model_dump(mode="json", exclude_none=True),
               "articles": [a.id for a in idx.by_theme.get(k, [])]}
              for k, v in sorted(corpus.themes.items())]
    sources = [{"id": k, **v.meta.model_dump(mode="json", exclude_none=True),
                "articles": [a.id for a in idx.by_source.get(k, [])]}
               for k, v in sorted(corpus.sources.items())]
    def dump(value: Any) -> str:
        return jsontext.dumps(value) + "\n"

    return {"data/articles.json": articles_json,
            "data/actors.json": dump(actors), "data/themes.json": dump(themes),
            "data/sources.json": dump(sources)}
