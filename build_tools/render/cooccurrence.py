"""Render stage, who appears with whom: the actor-pair page, the actor x theme matrix page and
their overview, each with its numbers in a table and the CSV to download.

Input: ``Indexes`` plus ``actor_pairs`` and ``actor_theme_matrix`` (``build_tools/explore.py``).
Output: Markdown keyed by page path. Each count links to the browse page filtered to exactly
those articles, so a number is never a dead end.
"""

from __future__ import annotations

from urllib.parse import urlencode

from build_tools.explore import ActorPair, ActorThemeMatrix
from build_tools.index import Indexes
from build_tools.markup import plural
from build_tools.render import readyhtml as ready
from build_tools.render.common import actor_link, link

PAIRS_PAGE = "cooccurrence/actors.md"
MATRIX_PAGE = "cooccurrence/actors-themes.md"
INDEX_PAGE = "cooccurrence/index.md"
PAIR_LIMIT = 500  # rows on the page; the CSV has every pair
MATRIX_ROWS = 300
ARTICLES_SHOWN = 3


def browse_link(text: str, **filters: str) -> str:
    """A link to the browse page showing the articles that match ``filters``."""
    return link(text, "/browse/index.md?" + urlencode(filters, safe=","))


def _browse_a(text: str, **filters: str) -> str:
    """``browse_link`` as ready HTML."""
    return ready.a(text, "/browse/index.md?" + urlencode(filters, safe=","))


def render_pairs_page(idx: Indexes, pairs: list[ActorPair]) -> str:
    corpus = idx.corpus
    lines = ["# Actors named together", "",
             f"{plural(len(pairs), 'pair')} of actors that appear in the same article, most articles "
             "first. The count links to those articles on the browse page. Download: "
             f"{link('CSV', '/data/actor_pairs.csv')} · {link('JSON', '/data/actor_pairs.json')}.", ""]
    if not pairs:
        return "\n".join(lines + ["No article names two actors yet.", ""])
    if len(pairs) > PAIR_LIMIT:
        lines += [f"The {PAIR_LIMIT} most frequent pairs are shown; the CSV has all {len(pairs)}.", ""]
    rows = []
    for pair in pairs[:PAIR_LIMIT]:
        both = f"{pair.first},{pair.second}"
        count = _browse_a(str(pair.count), actor=both, actors="all")
        latest = "; ".join(ready.article_a(a) for a in pair.articles[:ARTICLES_SHOWN])
        if pair.count > ARTICLES_SHOWN:
            latest += "; " + _browse_a(f"all {pair.count}", actor=both, actors="all")
        rows.append((ready.actor_a(corpus, pair.first), ready.actor_a(corpus, pair.second), count,
                     latest))
    return "\n".join(lines + ready.table(("Actor", "Named with", "Articles", "Latest"), rows))


def render_matrix_page(idx: Indexes, matrix: ActorThemeMatrix) -> str:
    corpus = idx.corpus
    lines = ["# Actors and themes", "",
             "How many articles name each actor (rows) and carry each theme (columns); the actors "
             "with the most such articles come first. Each number links to its articles on the browse "
             f"page. Download: {link('CSV', '/data/actor_themes.csv')} · "
             f"{link('JSON', '/data/actor_themes.json')}.", ""]
    if not matrix.cells:
        return "\n".join(lines + ["No article names an actor and carries a theme yet.", ""])
    rows = matrix.actors[:MATRIX_ROWS]
    if len(matrix.actors) > MATRIX_ROWS:
        lines += [f"The {MATRIX_ROWS} actors with the most articles are shown; the CSV has all "
                  f"{len(matrix.actors)}.", ""]
    body = []
    for actor in rows:
        cells = [ready.actor_a(corpus, actor)]
        for theme in matrix.themes:
            n = matrix.count(actor, theme)
            cells.append(_browse_a(str(n), actor=actor, theme=theme) if n else "·")
        body.append(cells)
    head = ["Actor", *(ready.theme_a(corpus, t) for t in matrix.themes)]
    return "\n".join(lines + ready.table(head, body))


def render_cooccurrence_index(idx: Indexes, pairs: list[ActorPair], matrix: ActorThemeMatrix) -> str:
    corpus = idx.corpus
    lines = ["# Who appears with whom", "",
             "Which actors the articles name together, and which narratives each actor is part of.", "",
             f"- {link('Actors named together', '/' + PAIRS_PAGE)}: {plural(len(pairs), 'pair')}, "
             f"with the articles of each ({link('CSV', '/data/actor_pairs.csv')})",
             f"- {link('Actors and themes', '/' + MATRIX_PAGE)}: {plural(len(matrix.actors), 'actor')} "
             f"× {plural(len(matrix.themes), 'theme')} ({link('CSV', '/data/actor_themes.csv')})", ""]
    if pairs:
        lines += ["## Most frequent pairs", "", "| Actors | Articles |", "| --- | --- |"]
        lines += [f"| {actor_link(corpus, p.first)} and {actor_link(corpus, p.second)} | "
                  f"{browse_link(str(p.count), actor=f'{p.first},{p.second}', actors='all')} |"
                  for p in pairs[:10]]
        lines.append("")
    return "\n".join(lines)
