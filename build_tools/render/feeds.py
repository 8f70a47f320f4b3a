"""Render stage, Atom feeds: the whole corpus and each actor, theme and source, newest first.

Input: ``Indexes`` and the site's address. Output: Atom 1.0 documents keyed by their path in
the site (``feeds/articles.atom``, ``feeds/actors/<id>.atom``...) and, per page, the feeds its
head links to. With ``site_url`` every link is absolute; without it links are relative to the
feed file (feed readers resolve them against the feed's own address) and ids are
``urn:uuid:`` names derived from the path, since an Atom id must be absolute.

The XML is built with ElementTree, so every text and attribute is escaped; corpus text never
becomes markup.
"""

from __future__ import annotations

import posixpath
import uuid
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from build_tools.index import Indexes
from build_tools.memo import Memo
from build_tools.model import Article
from build_tools.render.article import provenance_text

ATOM = "http://www.w3.org/2005/Atom"
ENTRY_LIMIT = 50
SUMMARY_LIMIT = 400
CORPUS_FEED = "feeds/articles.atom"
_NAMESPACE = uuid.UUID("6f1b2a44-59a4-4cd5-9d8e-0d36cf1b7a11")  # this project's feed ids


@dataclass(frozen=True)
class FeedLink:
    title: str
    path: str  # site path of the feed, "feeds/actors/x.atom"


@dataclass
class Feeds:
    files: dict[str, str]  # site path -> Atom XML
    links: dict[str, list[FeedLink]]  # page path -> the feeds its head links to (besides the corpus feed)
    corpus: FeedLink


def _href(site_url: str | None, feed_path: str, target: str) -> str:
    """``target`` (a site path) as seen from the feed: absolute, or relative to the feed file."""
    if site_url:
        return site_url.rstrip("/") + "/" + target
    rel = posixpath.relpath(target or ".", posixpath.dirname(feed_path) or ".")
    return rel + "/" if target.endswith("/") and not rel.endswith("/") else rel


def _id(site_url: str | None, target: str) -> str:
    if site_url:
        return site_url.rstrip("/") + "/" + target
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, target)}"


def _page(src: str) -> str:
    """'actors/x.md' -> 'actors/x/', 'articles/index.md' -> 'articles/'."""
    path = src.removesuffix(".md")
    return path.removesuffix("index") if path.endswith("index") else path + "/"


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _sub(parent: etree.Element, tag: str, text: str | None = None, **attrs: str) -> etree.Element:
    el = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _summary(idx: Indexes, article: Article) -> str:
    corpus = idx.corpus
    publisher = article.meta.sources.publisher
    outlet = (corpus.sources[publisher.id].name if publisher and publisher.id in corpus.sources
              else publisher.name if publisher and publisher.name else "Outlet unknown")
    actors = [corpus.actors[r.id].name for r in article.meta.named_actors if r.id in corpus.actors]
    text = idx.spans[article.id].plain.text if article.id in idx.spans else ""
    opening = " ".join(text.split("\n\n", 1)[0].split())
    if len(opening) > SUMMARY_LIMIT:
        opening = opening[:SUMMARY_LIMIT - 1].rstrip() + "…"
    parts = [f"{outlet}. {provenance_text(article, plain=True)}."]
    if actors:
        parts.append("Actors: " + ", ".join(actors[:12]) + ("…" if len(actors) > 12 else "") + ".")
    if opening:
        parts.append(opening)
    return " ".join(parts)


def atom_feed(idx: Indexes, path: str, title: str, page: str, articles: list[Article],
              site_url: str | None, site_name: str, subtitle: str | None = None) -> str:
    """One Atom document: ``articles`` (newest first) as entries, at most ``ENTRY_LIMIT``."""
    corpus = idx.corpus
    feed = etree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    _sub(feed, "id", _id(site_url, path))
    _sub(feed, "title", title)
    if subtitle:
        _sub(feed, "subtitle", subtitle)
    _sub(feed, "updated", _timestamp(articles[0].date) if articles else "1970-01-01T00:00:00Z")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=_href(site_url, path, path))
    _sub(feed, "link", rel="alternate", type="text/html", href=_href(site_url, path, page))
    _sub(_sub(feed, "author"), "name", site_name)
    _sub(feed, "generator", "build_tools (annotated news corpus)")
    for article in articles[:ENTRY_LIMIT]:
        url = _page(article.url_path)
        entry = _sub(feed, "entry", **{"{http://www.w3.org/XML/1998/namespace}lang": article.meta.language})
        _sub(entry, "id", _id(site_url, url))
        _sub(entry, "title", article.meta.title)
        _sub(entry, "published", _timestamp(article.date))
        _sub(entry, "updated", _timestamp(article.date))
        _sub(entry, "link", rel="alternate", type="text/html", href=_href(site_url, path, url))
        publisher = article.meta.sources.publisher
        if publisher and publisher.url:
            _sub(entry, "link", rel="related", type="text/html", href=publisher.url,
                 title="The outlet's page")
        outlet = corpus.sources.get(publisher.id) if publisher and publisher.id else None
        author = _sub(entry, "author")
        _sub(author, "name", outlet.name if outlet else (publisher.name if publisher and publisher.name
                                                          else "Outlet unknown"))
        if outlet:
            _sub(author, "uri", _href(site_url, path, f"sources/{outlet.id}/"))
        for ref in article.meta.carried_themes:
            theme = corpus.themes.get(ref.id)
            _sub(entry, "category", term=ref.id, label=theme.name if theme else ref.id,
                 scheme=_href(site_url, path, "themes/"))
        _sub(entry, "summary", _summary(idx, article), type="text")
    etree.register_namespace("", ATOM)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(feed, encoding="unicode") + "\n"


def _feed(idx: Indexes, memo: Memo, path: str, title: str, page: str, articles: list[Article],
          site_url: str | None, site_name: str, subtitle: str | None = None) -> str:
    """``atom_feed``, reused while its newest articles, their spans, the registries and the
    rest of its arguments are the same."""
    shown = tuple(articles[:ENTRY_LIMIT])
    inputs = (title, page, shown, tuple(idx.spans.get(a.id) for a in shown), memo.token,
              site_url, site_name, subtitle)
    return memo.get("feed", path, inputs, lambda: atom_feed(idx, path, title, page, articles,
                                                            site_url, site_name, subtitle))


def render_feeds(idx: Indexes, site_url: str | None, site_name: str,
                 memo: Memo | None = None) -> Feeds:
    corpus = idx.corpus
    memo = memo or Memo(enabled=False)
    files: dict[str, str] = {}
    links: dict[str, list[FeedLink]] = {}
    everything = FeedLink(f"{site_name}: all articles", CORPUS_FEED)
    files[CORPUS_FEED] = _feed(idx, memo, CORPUS_FEED, everything.title, "articles/",
                               corpus.articles, site_url, site_name,
                               f"The newest {ENTRY_LIMIT} articles of the corpus.")
    groups = [
        ("actors", {k: [a.article for a in v] for k, v in idx.by_actor.items()},
         lambda k: corpus.actors[k].name, "articles naming"),
        ("themes", idx.by_theme, lambda k: corpus.themes[k].name, "articles carrying"),
        ("sources", idx.by_source, lambda k: corpus.sources[k].name, "articles published by"),
    ]
    for folder, index, name_of, phrase in groups:
        registry = getattr(corpus, folder)
        for key, articles in sorted(index.items()):
            if key not in registry or not articles:
                continue
            path = f"feeds/{folder}/{key}.atom"
            title = f"{site_name}: {phrase} {name_of(key)}"
            files[path] = _feed(idx, memo, path, title, f"{folder}/{key}/", articles, site_url,
                                site_name)
            links[f"{folder}/{key}.md"] = [FeedLink(f"{phrase.capitalize()} {name_of(key)}", path)]
    return Feeds(files, links, everything)

