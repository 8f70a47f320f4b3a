"""Render stage, machine-readable article pages: schema.org ``NewsArticle`` JSON-LD for every
article, beside its ClaimReviews, for search engines, archives and research tools.

Input: ``Indexes`` and the site's address. Output: page path -> JSON-ready objects (made
script-safe by ``jsonld.script_safe_json`` when they go into the page head).

What it states: headline, date, language, publisher (with its Wikidata id when the source or
the actor of the same id has one), the outlet's page and its archived copy (``isBasedOn``,
``archivedAt``), the translation provenance (``translationOfWork`` with the original's
language; ``translator`` a software application for a machine translation, a person for a
human one), and the actors: ``about`` for subjects, ``mentions`` for everyone else, each with
its page and Wikidata id.
"""

from __future__ import annotations

import posixpath
from typing import Any

from build_tools.index import Indexes
from build_tools.memo import Memo
from build_tools.model import Actor, ActorKind, Article, Role, Translation

ACTOR_TYPES = {ActorKind.PERSON: "Person", ActorKind.STATE: "Country"}


class _Urls:
    """Site paths as the page's JSON-LD writes them: absolute with ``site_url``, else relative
    to the article page (so they resolve under any base path, e.g. a GitHub project site)."""

    def __init__(self, site_url: str | None, page: str) -> None:
        self.site_url, self.page = site_url, page

    def __call__(self, path: str) -> str:
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + path
        rel = posixpath.relpath(path, self.page)
        return "./" if rel == "." else rel + ("/" if path.endswith("/") else "")


def _wikidata(qid: str | None) -> str | None:
    return f"https://www.wikidata.org/wiki/{qid}" if qid else None


def _actor(actor: Actor, site: _Urls) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": ACTOR_TYPES.get(actor.meta.kind, "Organization"),
                            "name": actor.name, "url": site(f"actors/{actor.id}/")}
    same = _wikidata(actor.meta.wikidata)
    if same:
        node["sameAs"] = same
    return node


def _publisher(idx: Indexes, article: Article, site: _Urls) -> dict[str, Any] | None:
    publisher = article.meta.sources.publisher
    if publisher is None:
        return None
    corpus = idx.corpus
    source = corpus.sources.get(publisher.id or "")
    node: dict[str, Any] = {"@type": "Organization",
                            "name": source.name if source else publisher.name or publisher.id}
    if source is not None:
        node["url"] = source.meta.url or site(f"sources/{source.id}/")
        actor = corpus.actors.get(source.id)
        same = _wikidata(source.meta.wikidata or (actor.meta.wikidata if actor else None))
        if same:
            node["sameAs"] = same
    return node


def _translation(article: Article) -> dict[str, Any]:
    publisher = article.meta.sources.publisher
    if publisher is None:
        return {}
    original = article.original.language if article.original else publisher.original_language
    translated = publisher.translation in (Translation.MACHINE, Translation.HUMAN) or (
        original is not None and original != article.meta.language)
    if not translated or publisher.translation is Translation.NONE:
        return {}
    work: dict[str, Any] = {"@type": "NewsArticle"}
    if original:
        work["inLanguage"] = original
    if article.original and article.original.title:
        work["headline"] = article.original.title
    out: dict[str, Any] = {"translationOfWork": work}
    if publisher.translation is Translation.MACHINE:
        out["translator"] = {"@type": "SoftwareApplication", "name": "machine translation"}
    elif publisher.translation is Translation.HUMAN:
        out["translator"] = {"@type": "Person"}  # a person, not named in the source
    return out


def news_article(idx: Indexes, article: Article, site_url: str | None) -> dict[str, Any]:
    corpus = idx.corpus
    meta = article.meta
    page = article.url_path.removesuffix(".md") + "/"
    site = _Urls(site_url, page)
    url = site(page)
    node: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "@id": url + "#article",
        "url": url, "mainEntityOfPage": url, "headline": meta.title, "name": meta.title,
        "datePublished": meta.date, "inLanguage": meta.language,
    }
    publisher = _publisher(idx, article, site)
    if publisher:
        node["publisher"] = publisher
    source = meta.sources.publisher
    if source and (source.url or source.archive_url):
        based: dict[str, Any] = {"@type": "NewsArticle"}
        if source.url:
            based["url"] = source.url
        if source.archive_url:
            based["archivedAt"] = source.archive_url
        node["isBasedOn"] = based
    node.update(_translation(article))
    named = [(r, corpus.actors[r.id]) for r in meta.named_actors if r.id in corpus.actors]
    about = [a for r, a in named if Role.SUBJECT in r.roles]
    mentions = [a for r, a in named if Role.SUBJECT not in r.roles]
    if about:
        node["about"] = [_actor(a, site) for a in about]
    if mentions:
        node["mentions"] = [_actor(a, site) for a in mentions]
    themes = [corpus.themes[t.id].name for t in meta.carried_themes if t.id in corpus.themes]
    if themes:
        node["keywords"] = themes
    if meta.place:
        node["contentLocation"] = {"@type": "Place", "name": meta.place}
    spans = idx.spans.get(article.id)
    if spans is not None:
        node["wordCount"] = len(spans.plain.text.split())
    return node


def news_articles(idx: Indexes, site_url: str | None, memo: Memo | None = None
                  ) -> dict[str, dict[str, Any]]:
    """Page path -> the article's NewsArticle; with a ``memo`` reused while the article, its
    spans, the registries and the address are the same."""
    memo = memo or Memo(enabled=False)
    return {a.url_path: memo.get("newsarticle", a.id, (a, idx.spans.get(a.id), memo.token, site_url),
                                 lambda a=a: news_article(idx, a, site_url))  # type: ignore[misc]
            for a in idx.corpus.articles}
