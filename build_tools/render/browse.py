"""Render stage, the browse page: its Markdown (which, without JavaScript, lists every facet
as links to the index pages) and ``data/browse.json``, the one file its script loads.

Input: ``Indexes`` and the facet records (``build_tools/facets.py``, which also states the
filtering rules the script follows). Output: ``browse/index.md`` and ``data/browse.json``.

``browse.json`` is compact because at 10,000 articles it is loaded whole, once: facet values
are listed once (id, label, page) and each article is an array that refers to them by
position. Labels are plain text; the script writes them with ``textContent``, never as HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from build_tools.annotation_model import ASSESSMENT_LABELS, Assessment
from build_tools.facets import FACETS, NO_SOURCE, UNASSESSED, FacetRecord, Selection, facet_counts
from build_tools.index import Indexes
from build_tools.markup import escape_inline, plural
from build_tools.model import ROLE_LABELS, ROLE_ORDER, Role, Translation
from build_tools.render.common import language_name, link
from build_tools.render.spans import technique_page

BROWSE_PAGE = "browse/index.md"
BROWSE_DATA = "data/browse.json"
FALLBACK_LIMIT = 60  # values listed per facet without JavaScript; the index pages have the rest
FACET_TITLES = {
    "actor": "Actors", "role": "Actor roles", "theme": "Themes", "source": "Sources",
    "language": "Languages", "translation": "Translation", "technique": "Techniques",
    "assessment": "Claim assessments",
}
TRANSLATION_LABELS = {
    Translation.NONE.value: "Original text", Translation.HUMAN.value: "Human translation",
    Translation.MACHINE.value: "Machine translation", Translation.UNKNOWN.value: "Unknown",
}


@dataclass(frozen=True)
class FacetValue:
    id: str
    label: str
    page: str | None  # docs path of its page ("/actors/x.md"), when it has one


def facet_values(idx: Indexes, records: list[FacetRecord]) -> dict[str, list[FacetValue]]:
    """Every value of every facet that some article has, most articles first."""
    corpus = idx.corpus
    totals = facet_counts(records, Selection())
    techniques = {t.ref: t for book in corpus.codebooks.values() for t in book.techniques.values()}

    def value(facet: str, key: str) -> FacetValue:
        if facet == "actor":
            actor = corpus.actors.get(key)
            return FacetValue(key, actor.name if actor else key, f"/actors/{key}.md" if actor else None)
        if facet == "role":
            return FacetValue(key, ROLE_LABELS[Role(key)], None)
        if facet == "theme":
            theme = corpus.themes.get(key)
            return FacetValue(key, theme.name if theme else key, f"/themes/{key}.md" if theme else None)
        if facet == "source":
            source = corpus.sources.get(key)
            if source is None:
                return FacetValue(key, "Other or unknown outlet" if key == NO_SOURCE else key, None)
            return FacetValue(key, source.name, f"/sources/{key}.md")
        if facet == "language":
            return FacetValue(key, language_name(key), None)
        if facet == "translation":
            return FacetValue(key, TRANSLATION_LABELS.get(key, key), None)
        if facet == "technique":
            tech = techniques.get(key)
            return FacetValue(key, tech.name if tech else key, technique_page(key) if tech else None)
        label = "Not assessed" if key == UNASSESSED else ASSESSMENT_LABELS[Assessment(key)]
        return FacetValue(key, label, f"/claims/index.md#{key}")

    order = {"role": [r.value for r in ROLE_ORDER]}
    out: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        counts = totals[facet]
        values = [value(facet, key) for key in counts]
        if facet in order:
            values.sort(key=lambda v: order[facet].index(v.id))
        else:
            values.sort(key=lambda v: (-counts[v.id], v.label.casefold(), v.id))
        out[facet] = values
    return out


def browse_data(idx: Indexes, records: list[FacetRecord]) -> str:
    """``data/browse.json``: {"facets": {facet: [[id, label, url], ...]}, "columns": [...],
    "articles": [[...], ...]} with URLs relative to the site root."""
    values = facet_values(idx, records)
    position = {f: {v.id: i for i, v in enumerate(vs)} for f, vs in values.items()}
    roles = position["role"]
    rows: list[list[Any]] = []
    for r in records:
        rows.append([
            r.title, r.date, r.url, position["source"][r.source], position["language"][r.language],
            position["translation"][r.translation],
            # each actor with its roles as a bit mask over the role facet's values
            [[position["actor"][a], sum(1 << roles[x] for x in rs)] for a, rs in r.actors],
            [position["theme"][t] for t in r.themes],
            [position["technique"][t] for t in r.techniques],
            [position["assessment"][a] for a in r.assessments],
            [r.annotations[k] for k in ("quote", "claim", "technique", "tn")],
        ])
    data = {
        "version": 1,
        "facets": {f: [[v.id, v.label, _site_url(v.page)] for v in vs] for f, vs in values.items()},
        "columns": ["title", "date", "url", "source", "language", "translation", "actors", "themes",
                    "techniques", "assessments", "annotations"],
        "annotation_kinds": ["quote", "claim", "technique", "tn"],
        "articles": rows,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _site_url(page: str | None) -> str | None:
    """'/actors/x.md' -> 'actors/x/' (the page's address relative to the site root)."""
    if page is None:
        return None
    path, _, anchor = page.partition("#")
    path = path.lstrip("/").removesuffix(".md")
    path = path.removesuffix("index") if path.endswith("/index") or path == "index" else path + "/"
    return path + (f"#{anchor}" if anchor else "")


def render_browse_page(idx: Indexes, records: list[FacetRecord]) -> str:
    values = facet_values(idx, records)
    counts = facet_counts(records, Selection())
    total = len(records)
    # front matter: the filters need the width the navigation would take
    lines = ["---", "hide:", "  - navigation", "---", "", "# Browse the corpus", "",
             f"Filter the {plural(total, 'article')} by actor and role, theme, source, language, "
             "translation, propaganda technique, claim assessment and date. The number beside each "
             "value is how many articles you get by choosing it. Values of one filter are "
             "alternatives (any of them); different filters narrow each other down. The address "
             "in your browser keeps every choice: bookmark it or send it to share the view.", "",
             "*Filtering needs JavaScript. Without it, each filter's values are listed below as "
             "links to their pages.*",
             '{: #corpus-browse .corpus-browse data-browse="1" }', ""]
    lines += ["## Every filter as a page {#facet-pages}", "",
              f"Articles by date: {link('chronology', '/articles/index.md')} · Actors: "
              f"{link('all actors by kind', '/actors/index.md')} · "
              f"{link('themes', '/themes/index.md')} · {link('sources', '/sources/index.md')} · "
              f"{link('techniques', '/techniques/index.md')} · {link('claims', '/claims/index.md')} · "
              f"{link('who appears with whom', '/cooccurrence/index.md')}", ""]
    years = sorted({r.date[:4] for r in records}, reverse=True)
    if years:
        lines += ["### Years", "", " · ".join(
            link(f"{y} ({sum(1 for r in records if r.date.startswith(y))})", f"/articles/{y}/index.md")
            for y in years), ""]
    for facet in FACETS:
        shown = values[facet]
        if not shown:
            continue
        lines += [f"### {FACET_TITLES[facet]}", ""]
        items = [(link(f"{v.label} ({counts[facet][v.id]})", v.page) if v.page
                  else f"{escape_inline(v.label)} ({counts[facet][v.id]})") for v in shown[:FALLBACK_LIMIT]]
        lines.append(" · ".join(items))
        if len(shown) > FALLBACK_LIMIT:
            lines += ["", f"…and {len(shown) - FALLBACK_LIMIT} more on "
                      f"{link('the actors page', '/actors/index.md')}." if facet == "actor"
                      else f"…and {len(shown) - FALLBACK_LIMIT} more."]
        lines.append("")
    return "\n".join(lines)

