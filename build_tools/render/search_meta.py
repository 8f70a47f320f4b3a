"""Render stage, search: which search backend a build uses, and what Pagefind learns per page.

Input: the ``search`` setting of the corpus plugin and the ``Indexes``. Output: the chosen
backend (``material`` or ``pagefind``) and, for Pagefind, one ``PageSearch`` per page that is
indexed (articles, actors, themes, sources): its kind and its filter values as display text
(actor, theme and source names, the language's name, the year). Names come from registry
files, which are untrusted text. The theme template (``adapters/theme/main.html``) escapes
each value into a ``data-pagefind-filter`` attribute; ``pairs`` escapes it once before that,
because Pagefind decodes character references in a filter value a second time (measured:
``&amp;lt;`` came out as ``<``), so the reader sees a name exactly as written. The values
are shown only as text (``adapters/theme/assets/search.js``): Pagefind's bundled UI, which
inserts them as HTML, is not used. Pure: no file access.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from enum import StrEnum

from build_tools.index import Indexes
from build_tools.model import Article
from build_tools.render.common import language_name


class SearchBackend(StrEnum):
    MATERIAL = "material"
    PAGEFIND = "pagefind"
    AUTO = "auto"


# Material's index is about 12 MB per 1,000 articles and is downloaded whole before the first
# result; at 250 articles that is already ~3 MB, Pagefind's first query stays near 100-300 KB.
AUTO_THRESHOLD = 250
FILTERS = ("actor", "theme", "source", "language", "year")  # the order the search UI shows them


@dataclass(frozen=True)
class PageSearch:
    kind: str  # "Article", "Actor", "Theme", "Source": a filter of its own ("type")
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # filter -> display values

    def pairs(self) -> list[tuple[str, str]]:
        """(filter, value as HTML) for the template, ``type`` first, values in front-matter
        order."""
        return [("type", self.kind)] + [(name, html.escape(value)) for name in FILTERS
                                        for value in self.filters.get(name, ())]


def choose_backend(setting: SearchBackend, article_count: int) -> SearchBackend:
    """``auto`` is Pagefind from ``AUTO_THRESHOLD`` articles on, Material's search below."""
    if setting is SearchBackend.AUTO:
        return SearchBackend.PAGEFIND if article_count >= AUTO_THRESHOLD else SearchBackend.MATERIAL
    return setting


def article_search(article: Article, idx: Indexes) -> PageSearch:
    corpus, meta = idx.corpus, article.meta

    def names(ids: list[str], registry: dict) -> tuple[str, ...]:
        # an id whose registry entry is broken still filters, under its id
        return tuple(dict.fromkeys(registry[i].name if i in registry else i for i in ids))

    publisher = meta.sources.publisher
    source: tuple[str, ...] = ()
    if publisher is not None and publisher.id:
        source = names([publisher.id], corpus.sources)
    elif publisher is not None and publisher.name:
        source = (publisher.name,)
    return PageSearch("Article", {
        "actor": names([ref.id for ref in meta.named_actors], corpus.actors),
        "theme": names([ref.id for ref in meta.carried_themes], corpus.themes),
        "source": source,
        "language": (language_name(meta.language),),
        "year": (meta.date[:4],),
    })


def search_pages(idx: Indexes) -> dict[str, PageSearch]:
    """Site path (src_uri) -> what Pagefind indexes there; pages not listed are not indexed
    (index pages and data pages would only repeat the articles' titles)."""
    pages = {a.url_path: article_search(a, idx) for a in idx.corpus.articles}
    corpus = idx.corpus
    pages.update({f"actors/{k}.md": PageSearch("Actor") for k in corpus.actors})
    pages.update({f"themes/{k}.md": PageSearch("Theme") for k in corpus.themes})
    pages.update({f"sources/{k}.md": PageSearch("Source") for k in corpus.sources})
    return pages
