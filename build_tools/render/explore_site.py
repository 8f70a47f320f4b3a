"""Render stage, exploring and open data, in one call for ``build_site``: the browse page and
its data file, the co-occurrence pages, the open-data folder and its page, the Atom feeds,
and each page's head (NewsArticle and ClaimReview JSON-LD, feed links).

Input: ``Indexes``, the nested JSON of ``render/data.py``, the site's name and addresses.
Output: ``Explore``, merged into ``SiteBuild`` by ``build_tools/site.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from build_tools.explore import actor_pairs, actor_theme_matrix
from build_tools.facets import facet_record
from build_tools.index import Indexes
from build_tools.memo import Memo
from build_tools.render.browse import BROWSE_PAGE, browse_data, render_browse_page
from build_tools.render.cooccurrence import (
    INDEX_PAGE,
    MATRIX_PAGE,
    PAIRS_PAGE,
    render_cooccurrence_index,
    render_matrix_page,
    render_pairs_page,
)
from build_tools.render.datapage import DATA_PAGE, render_data_page
from build_tools.render.feeds import FeedLink, render_feeds
from build_tools.render.jsonld import claim_review_objects, script_safe_json
from build_tools.render.newsarticle import news_articles
from build_tools.render.opendata import render_open_data

SITE_NAME = "Annotated news corpus"


@dataclass
class Explore:
    pages: dict[str, str] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)
    binary: dict[str, bytes] = field(default_factory=dict)
    head: dict[str, str] = field(default_factory=dict)  # page path -> JSON-LD text, script-safe
    feeds: dict[str, list[FeedLink]] = field(default_factory=dict)  # page path -> its own feeds
    corpus_feed: FeedLink | None = None  # linked from every page


def render_explore(idx: Indexes, nested: dict[str, str], site_name: str = SITE_NAME,
                   site_url: str | None = None, repo_url: str | None = None,
                   memo: Memo | None = None) -> Explore:
    """With a ``memo`` (``serve``), feeds and each article's JSON-LD are reused while their
    inputs are the same."""
    out = Explore()
    memo = memo or Memo(enabled=False)
    records = [memo.get("facets", a.id, (a, idx.spans.get(a.id)),
                        lambda a=a: facet_record(a, idx)) for a in idx.corpus.articles]  # type: ignore[misc]
    # The browse page and its data follow the records and the registries alone: a body edit
    # or an actor's description leaves them as they are.
    shown = (repr(records), memo.token) if memo.enabled else ()
    out.pages[BROWSE_PAGE] = memo.get("browse", "page", shown,
                                      lambda: render_browse_page(idx, records))
    browse = memo.get("browse", "data", shown, lambda: browse_data(idx, records))
    pairs, matrix = actor_pairs(idx), actor_theme_matrix(idx)
    out.pages[INDEX_PAGE] = render_cooccurrence_index(idx, pairs, matrix)
    out.pages[PAIRS_PAGE] = render_pairs_page(idx, pairs)
    out.pages[MATRIX_PAGE] = render_matrix_page(idx, matrix)
    data = render_open_data(idx, nested, browse, site_name, site_url, repo_url, memo)
    out.data, out.binary = data.files, data.binary
    out.pages[DATA_PAGE] = render_data_page(data, site_name)
    feeds = render_feeds(idx, site_url, site_name, memo)
    out.data.update(feeds.files)
    out.feeds, out.corpus_feed = feeds.links, feeds.corpus
    reviews = claim_review_objects(idx, site_url, site_name)
    for path, article in news_articles(idx, site_url, memo).items():
        graph: list[dict[str, Any]] = [article, *reviews.get(path, [])]
        out.head[path] = script_safe_json(graph, compact=True)
    return out
