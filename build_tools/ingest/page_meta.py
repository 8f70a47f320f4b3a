"""Ingest stage: where a saved web page states each of its facts (title, date, author...).

Input: the page's parsed tree (lxml). Output: ``PageEvidence``, every value the page's markup
declares for a field, with where it says it: JSON-LD (schema.org NewsArticle and kin),
OpenGraph, other ``<meta>`` tags, the canonical link, ``<html lang>``, ``<title>``, ``<h1>``.

trafilatura decides each field (its own order of preference and heuristics) but does not say
where the value came from; ``origin_of`` finds the first place that states the value it chose,
so the article records ``title: opengraph`` or ``date: json-ld``, and ``page-text`` when only
trafilatura's reading of the text gave it. Nothing here decides a value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from build_tools.markup import WEB_URL_PATTERN

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "blogposting", "report",
                  "webpage", "liveblogposting", "socialmediaposting"}
_WEB_URL = re.compile(WEB_URL_PATTERN)
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_URL_DATE = re.compile(r"/(20\d\d|19\d\d)[/-](\d\d)[/-](\d\d)(?:/|$|[^0-9])")


@dataclass
class PageEvidence:
    """(field, origin, value) triples in the order a reader should trust them."""

    stated: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, name: str, origin: str, value: object) -> None:
        if isinstance(value, str) and value.strip():
            self.stated.append((name, origin, " ".join(value.split())))

    def values(self, name: str) -> list[tuple[str, str]]:
        """(origin, value) of one field, most trusted first."""
        return [(origin, value) for key, origin, value in self.stated if key == name]

    def first(self, name: str) -> tuple[str, str] | None:
        found = self.values(name)
        return found[0] if found else None


def read_evidence(tree: Any) -> PageEvidence:
    """Everything the page's markup says about itself (never its visible text, but h1/title)."""
    evidence = PageEvidence()
    for item in _json_ld_articles(tree):
        _add_json_ld(evidence, item)
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop")
               or meta.get("http-equiv") or "").lower()
        content = meta.get("content", "")
        origin = "opengraph" if key.startswith("og:") else "meta"
        target = _META_FIELDS.get(key)
        if target:
            evidence.add(target, origin, content)
    for link in tree.iterfind(".//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            evidence.add("url", "canonical-link", link.get("href"))
    root_lang = tree.getroottree().getroot().get("lang") if hasattr(tree, "getroottree") else None
    evidence.add("language", "html-lang", root_lang)
    title = tree.find(".//title")
    if title is not None:
        evidence.add("title", "title-element", title.text_content())
    for heading in tree.iterfind(".//h1"):
        evidence.add("title", "h1", heading.text_content())
    return evidence


_META_FIELDS = {
    "og:title": "title", "twitter:title": "title", "title": "title", "headline": "title",
    "og:site_name": "site_name", "application-name": "site_name", "article:publisher": "site_name",
    "og:url": "url", "twitter:url": "url",
    "article:published_time": "date", "datepublished": "date", "pubdate": "date",
    "publishdate": "date", "date": "date", "dc.date": "date", "dc.date.issued": "date",
    "og:published_time": "date", "sailthru.date": "date", "parsely-pub-date": "date",
    "author": "author", "article:author": "author", "dc.creator": "author",
    "parsely-author": "author", "sailthru.author": "author", "byl": "author",
    "og:locale": "language", "content-language": "language", "dc.language": "language",
}


def _json_ld_articles(tree: Any) -> Iterator[dict[str, Any]]:
    """The article objects of every JSON-LD block, also inside ``@graph`` and lists."""
    for script in tree.iterfind(".//script[@type]"):
        if script.get("type", "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except (ValueError, RecursionError):
            continue  # a broken block states nothing; trafilatura has its own repair
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
                types = item.get("@type")
                names = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in names):
                    yield item


def _names(value: object) -> list[str]:
    """Names of a schema.org author or publisher: a string, an object or a list of either."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _add_json_ld(evidence: PageEvidence, item: dict[str, Any]) -> None:
    evidence.add("title", "json-ld", item.get("headline"))
    evidence.add("title", "json-ld", item.get("name"))
    evidence.add("date", "json-ld", item.get("datePublished"))
    evidence.add("date", "json-ld", item.get("dateCreated"))
    for name in _names(item.get("author")):
        evidence.add("author", "json-ld", name)
    for name in _names(item.get("publisher")):
        evidence.add("site_name", "json-ld", name)
    page = item.get("mainEntityOfPage")
    evidence.add("url", "json-ld", page.get("@id") if isinstance(page, dict) else page)
    evidence.add("url", "json-ld", item.get("url"))
    language = item.get("inLanguage")
    evidence.add("language", "json-ld", language if isinstance(language, str) else None)


def _same(name: str, a: str, b: str) -> bool:
    if name == "date":
        return a[:10] == b[:10]
    fold = " ".join(a.split()).casefold()
    return fold == " ".join(b.split()).casefold() or (name == "author" and fold in b.casefold())


def origin_of(name: str, value: str, evidence: PageEvidence, url: str | None = None) -> str:
    """The most trusted place in the page that states ``value`` for field ``name``."""
    for origin, stated in evidence.values(name):
        if _same(name, value, stated):
            return origin
    if name == "date" and url:
        match = _URL_DATE.search(url)
        if match and "-".join(match.groups()) == value:
            return "url"
    return "page-text"


def language_code(value: str) -> str | None:
    """The ISO 639 code of a declared language: 'en-US' and 'ru_RU' are en and ru."""
    match = _LANGUAGE.match(value.strip())
    return match.group(1).lower() if match else None


def web_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) address (never javascript: or a relative path)."""
    if value and _WEB_URL.fullmatch(value.strip()) and len(value) <= 2000:
        return value.strip()
    return None
