"""Render the cross-linked index pages: actors, themes, sources, chronology, home statistics.

Input: ``Indexes``. Output: Markdown strings keyed by the page path in the site
(``actors/north-korea.md``...). Pure: the MkDocs adapter and ``export`` both call
``render_site`` and only differ in where the pages go.
"""

from __future__ import annotations

from collections import defaultdict

from build_tools.explore import month_span, timeline
from build_tools.index import Indexes
from build_tools.markup import escape_inline, plural
from build_tools.memo import Memo
from build_tools.model import KIND_LABELS, ROLE_LABELS, ActorKind, RegistryStatus
from build_tools.render import readyhtml as ready
from build_tools.render.annotation_pages import (
    actor_sections,
    render_claims_index,
    render_codebook_page,
    render_technique_page,
    render_techniques_index,
)
from build_tools.render.article import outlet_link, render_article_page
from build_tools.render.common import (
    MONTH_NAMES,
    actor_link,
    article_link,
    human_date,
    language_name,
    link,
    month_name,
    outlet_of,
    source_link,
    theme_link,
)
from build_tools.render.spans import technique_page
from build_tools.render.timeline import timeline_marker, timeline_section

PROPOSED_NOTE = ("!!! warning \"Proposed entry\"\n    This entry was proposed by ingest and has "
                 "not been accepted by a person yet.\n")


STARTER_NOTE = ("!!! info \"From the starter registry\"\n    This entry comes from the starter "
                "registry shipped with the tools, written from public facts, not from this "
                "corpus. To edit it, run `python -m build_tools registry adopt {id}`: it is then "
                "a file in corpus/actors/ and wins over the starter entry.\n")


def _description(body: str) -> str:
    return body.strip() or "*No description yet.*"


def render_actor_page(actor_id: str, idx: Indexes) -> str:
    corpus = idx.corpus
    actor = corpus.actors[actor_id]
    meta = actor.meta
    lines = [f"# {escape_inline(meta.name)}", ""]
    if meta.status is RegistryStatus.PROPOSED:
        lines += [PROPOSED_NOTE]
    if actor.starter:
        lines += [STARTER_NOTE.format(id=actor_id)]
    facts = [f"**Kind:** {meta.kind.value.replace('-', ' ')}"]
    if meta.aliases:
        facts.append("**Also called:** " + ", ".join(escape_inline(a) for a in meta.aliases))
    if meta.country:
        facts.append(f"**Country:** {escape_inline(meta.country)}")
    if meta.wikidata:
        facts.append(f"**Wikidata:** [{meta.wikidata}](https://www.wikidata.org/wiki/{meta.wikidata})")
    if actor_id in corpus.sources:
        facts.append(f"**As a publisher:** {source_link(corpus, actor_id)}")
    lines += [f + "  " for f in facts] + ["", _description(actor.body), ""]
    apps = idx.by_actor.get(actor_id, [])
    lines += [f"## Articles ({len(apps)})", ""]
    if apps:
        rows = []
        for app in apps:
            roles = ", ".join(ROLE_LABELS[r].lower() for r in app.roles)
            if app.turns:
                roles += f" ({plural(app.turns, 'turn')})"
            rows.append((ready.text(app.article.date), ready.article_a(app.article),
                         ready.outlet(corpus, app.article), ready.text(roles)))
        lines += ready.table(("Date", "Article", "Outlet", "Role"), rows)
    else:
        lines.append("No article names this actor yet.")
    lines.append("")
    lines += timeline_section(timeline((app.article for app in apps), month_span(idx)))
    lines += actor_sections(actor_id, idx)
    together = idx.cooccurrence.get(actor_id)
    if together:
        lines += ["## Often named together with", ""]
        top = sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
        lines.append(", ".join(f"{actor_link(corpus, other)} ({n})" for other, n in top)
                     + f" · {link('all pairs', '/cooccurrence/actors.md')}")
        lines.append("")
    return "\n".join(lines)


def _actor_inputs(actor_id: str, idx: Indexes, token: str, span: str) -> tuple[object, ...]:
    """Everything ``render_actor_page`` reads: the actor's description (the rest of its entry
    is in ``token``), its appearances, quotes, turns and claims (the same objects while their
    articles are), who it is named with, and the corpus's span of months."""
    apps = tuple((a.article, a.roles, a.turns) for a in idx.by_actor.get(actor_id, []))
    together = idx.cooccurrence.get(actor_id)
    return (idx.corpus.actors[actor_id].body, token, span, apps,
            tuple(idx.said_by.get(actor_id, ())), tuple(idx.claims_about.get(actor_id, ())),
            repr(sorted(together.items())) if together else "")


def render_actor_index(idx: Indexes) -> str:
    corpus = idx.corpus
    named_count = sum(1 for a in corpus.actors if idx.by_actor.get(a))
    unused_count = len(corpus.actors) - named_count
    more = f", and {unused_count} more in the registry" if unused_count else ""
    lines = ["# Actors", "",
             f"{plural(named_count, 'actor')} named in the articles{more}: people, states, "
             "organisations, media and groups, A–Z by kind. The count is the number of articles "
             "that name the actor.", ""]
    by_kind: dict[ActorKind, list[str]] = defaultdict(list)
    for actor_id, actor in corpus.actors.items():
        by_kind[actor.meta.kind].append(actor_id)
    lines += ["Jump to: " + " · ".join(link(KIND_LABELS[k], f"#{k.value}") for k in ActorKind
                                        if any(idx.by_actor.get(a) for a in by_kind.get(k, []))),
              ""]
    unused: list[str] = []
    for kind in ActorKind:
        ids = sorted(by_kind.get(kind, []), key=lambda a: corpus.actors[a].name.lower())
        named = [a for a in ids if idx.by_actor.get(a)]
        unused += [a for a in ids if not idx.by_actor.get(a)]
        if not named:
            continue
        lines += [f"## {KIND_LABELS[kind]} ({len(named)}) {{#{kind.value}}}", ""]
        lines += [_actor_line(idx, actor_id) for actor_id in named]
        lines.append("")
    if unused:
        lines += [f"## In the registry, not yet in any article ({len(unused)}) {{#unused}}", ""]
        lines += [_actor_line(idx, actor_id) for actor_id in
                  sorted(unused, key=lambda a: corpus.actors[a].name.lower())]
        lines.append("")
    return "\n".join(lines)


def _actor_line(idx: Indexes, actor_id: str) -> str:
    actor = idx.corpus.actors[actor_id]
    count = len(idx.by_actor.get(actor_id, []))
    aliases = f" — also {', '.join(escape_inline(a) for a in actor.meta.aliases)}" \
        if actor.meta.aliases else ""
    flag = " *(proposed)*" if actor.meta.status is RegistryStatus.PROPOSED else ""
    kind = "" if count else f" ({actor.meta.kind.value.replace('-', ' ')})"
    counted = f" ({count})" if count else ""
    return f"- {actor_link(idx.corpus, actor_id)}{counted}{kind}{flag}{aliases}"


def render_theme_page(theme_id: str, idx: Indexes) -> str:
    corpus = idx.corpus
    theme = corpus.themes[theme_id]
    lines = [f"# {escape_inline(theme.meta.title)}", "", f"*{escape_inline(theme.meta.summary)}*", ""]
    if theme.meta.status is RegistryStatus.PROPOSED:
        lines += [PROPOSED_NOTE]
    lines += [_description(theme.body), ""]
    if theme.meta.related:
        lines += ["**Related themes:** " + ", ".join(theme_link(corpus, t) for t in theme.meta.related), ""]
    if theme.meta.cues:
        lines += ["**Cue phrases** (ingest suggests this theme when one appears): " +
                  ", ".join(f"“{escape_inline(c)}”" for c in theme.meta.cues), ""]
    articles = idx.by_theme.get(theme_id, [])
    lines += [f"## Articles ({len(articles)})", ""]
    if articles:
        lines += ready.table(("Date", "Article", "Outlet"), [
            (ready.text(a.date), ready.article_a(a), ready.outlet(corpus, a)) for a in articles])
    else:
        lines.append("No article carries this theme yet.")
    lines.append("")
    lines += timeline_section(timeline(articles, month_span(idx)))
    return "\n".join(lines)


def render_theme_index(idx: Indexes) -> str:
    corpus = idx.corpus
    lines = ["# Themes", "", f"{plural(len(corpus.themes), 'theme')}: the narratives the articles "
             "push, with the number of articles carrying each.", "",
             "| Theme | Articles | Summary |", "| --- | --- | --- |"]
    ordered = sorted(corpus.themes, key=lambda t: (-len(idx.by_theme.get(t, [])),
                                                   corpus.themes[t].name.lower()))
    for theme_id in ordered:
        theme = corpus.themes[theme_id]
        lines.append(f"| {theme_link(corpus, theme_id)} | {len(idx.by_theme.get(theme_id, []))} | "
                     f"{escape_inline(theme.meta.summary)} |")
    lines.append("")
    return "\n".join(lines)


def render_source_page(source_id: str, idx: Indexes) -> str:
    corpus = idx.corpus
    source = corpus.sources[source_id]
    meta = source.meta
    lines = [f"# {escape_inline(meta.name)}", ""]
    facts = [f"**Kind:** {meta.kind.value}", f"**Language:** {language_name(meta.language)}"]
    if meta.url:
        facts.append(f"**Website:** {outlet_link(meta.url)}")
    if meta.country:
        facts.append(f"**Country:** {escape_inline(meta.country)}")
    if source_id in corpus.actors:
        facts.append(f"**As an actor:** {actor_link(corpus, source_id)}")
    lines += [f + "  " for f in facts] + ["", _description(source.body), ""]
    if meta.labels:
        lines += ["## How its labels appear in texts", ""]
        for label in meta.labels:
            original = f" (original «{escape_inline(label.original)}»)" if label.original else ""
            note = f": {escape_inline(label.note)}" if label.note else ""
            lines.append(f"- “{escape_inline(label.text)}”{original}{note}")
        lines.append("")
    published = idx.by_source.get(source_id, [])
    lines += [f"## Articles published ({len(published)})", ""]
    if published:
        lines += ready.bullets(f"{ready.text(a.date)}: {ready.article_a(a)}" for a in published)
    else:
        lines.append("No article from this outlet yet.")
    lines.append("")
    lines += timeline_section(timeline(published, month_span(idx)))
    cited = idx.cited_by.get(source_id, [])
    if cited:
        lines += [f"## Cited by ({len(cited)})", ""]
        lines += ready.bullets(f"{ready.text(a.date)}: {ready.article_a(a)}" for a in cited)
    return "\n".join(lines)


def render_source_index(idx: Indexes) -> str:
    corpus = idx.corpus
    lines = ["# Sources", "", f"{plural(len(corpus.sources), 'outlet')} that published articles "
             "in the corpus.", "", "| Outlet | Kind | Language | Articles |", "| --- | --- | --- | --- |"]
    for source_id in sorted(corpus.sources, key=lambda s: corpus.sources[s].name.lower()):
        source = corpus.sources[source_id]
        lines.append(f"| {source_link(corpus, source_id)} | {source.meta.kind.value} | "
                     f"{language_name(source.meta.language)} | {len(idx.by_source.get(source_id, []))} |")
    lines.append("")
    return "\n".join(lines)


def _years(idx: Indexes) -> dict[str, list[str]]:
    """year -> its months that have articles, newest first."""
    years: dict[str, list[str]] = defaultdict(list)
    for month in sorted(idx.by_month, reverse=True):
        years[month[:4]].append(month)
    return years


def render_chronology(idx: Indexes) -> str:
    """The time index: a year-by-month table of counts, each year on a page of its own (so no
    page lists 10,000 articles), and the latest articles."""
    corpus = idx.corpus
    count = len(corpus.articles)
    lines = ["# Articles by date", "",
             f"{plural(count, 'article')} by year and month; each year has a page of its own.", ""]
    years = _years(idx)
    chart = timeline_marker(timeline(corpus.articles, month_span(idx)))
    if chart:
        lines += ["Articles per month (the table below has the numbers):", "", chart, ""]
    if years:
        lines += ["| Year | Articles | " + " | ".join(m[:3] for m in MONTH_NAMES) + " |",
                  "| --- | --- | " + " | ".join("---" for _ in MONTH_NAMES) + " |"]
        for year, months in years.items():
            total = sum(len(idx.by_month[m]) for m in months)
            cells = []
            for number in range(1, 13):
                key = f"{year}-{number:02d}"
                n = len(idx.by_month.get(key, []))
                cells.append(link(str(n), f"/articles/{year}/index.md#{key}") if n else "·")
            lines.append(f"| {link(year, f'/articles/{year}/index.md')} | {total} | "
                         + " | ".join(cells) + " |")
        lines.append("")
    latest = corpus.articles[:LATEST]
    if latest:
        lines += ["## Latest articles", ""]
        lines += [f"- {human_date(a.date)}: {article_link(a)} — {outlet_of(corpus, a)}" for a in latest]
        lines.append("")
    return "\n".join(lines)


def render_year(year: str, months: list[str], idx: Indexes) -> str:
    corpus = idx.corpus
    total = sum(len(idx.by_month[m]) for m in months)
    lines = [f"# Articles of {year}", "",
             f"{plural(total, 'article')}, newest first. {link('All years', '/articles/index.md')}", ""]
    for month in months:
        articles = idx.by_month[month]
        lines += [f"## {month_name(month)} ({len(articles)}) {{#{month}}}", ""]
        lines += ready.bullets(f"{ready.text(human_date(a.date))}: {ready.article_a(a)} — "
                               f"{ready.outlet(corpus, a)}" for a in articles)
        lines.append("")
    return "\n".join(lines)


def render_stats(idx: Indexes) -> str:
    """The home page's corpus summary (replaces the ``<!-- corpus:stats -->`` marker)."""
    corpus = idx.corpus
    lines = ["| In the corpus | Count |", "| --- | --- |",
             f"| {link('Articles', '/articles/index.md')} | {len(corpus.articles)} |",
             f"| {link('Actors', '/actors/index.md')} | {len(corpus.actors)} |",
             f"| {link('Themes', '/themes/index.md')} | {len(corpus.themes)} |",
             f"| {link('Sources', '/sources/index.md')} | {len(corpus.sources)} |", ""]
    if corpus.articles:
        dates = sorted(a.date for a in corpus.articles)
        if dates[0] == dates[-1]:
            lines += [f"All published on {human_date(dates[0])}.", ""]
        else:
            lines += [f"The articles run from {human_date(dates[0])} to {human_date(dates[-1])}.", ""]
        lines += [f"**Explore:** {link('browse and filter the articles', '/browse/index.md')} · "
                  f"{link('who appears with whom', '/cooccurrence/index.md')} · "
                  f"{link('Atom feed', '/feeds/articles.atom')}", "",
                  "**Open data:** every article's metadata as "
                  f"{link('JSON', '/data/articles.json')} and {link('CSV', '/data/articles.csv')}; "
                  f"the registries as {link('actors', '/data/actors.json')}, "
                  f"{link('themes', '/data/themes.json')} and {link('sources', '/data/sources.json')} "
                  f"(JSON); every table, a SQLite database and how to cite the corpus on "
                  f"{link('the open-data page', '/data/index.md')}.", ""]
        lines += ["**Latest articles**", ""]
        lines += [f"- {human_date(a.date)}: {article_link(a)}" for a in corpus.articles[:5]]
        lines.append("")
    return "\n".join(lines)


STATS_MARKER = "<!-- corpus:stats -->"
LATEST = 20


def expand_markers(markdown: str, idx: Indexes) -> str:
    if STATS_MARKER in markdown:
        markdown = markdown.replace(STATS_MARKER, render_stats(idx))
    return markdown


def render_site(idx: Indexes, repo_url: str | None = None,
                published_seeds: set[str] | None = None, memo: Memo | None = None
                ) -> dict[str, str]:
    """Every generated page: path in the site -> Markdown. With a ``memo`` an article page is
    reused while it, its annotations, related articles and the registries are the same."""
    corpus = idx.corpus
    memo = memo or Memo(enabled=False)
    pages: dict[str, str] = {
        "articles/index.md": render_chronology(idx),
        "actors/index.md": render_actor_index(idx),
        "themes/index.md": render_theme_index(idx),
        "sources/index.md": render_source_index(idx),
    }
    for year, months in _years(idx).items():
        pages[f"articles/{year}/index.md"] = render_year(year, months, idx)
    for article in corpus.articles:
        published = published_seeds is None or article.meta.seed in published_seeds
        inputs = (article, idx.spans.get(article.id), idx.annotations.get(article.id), memo.token,
                  tuple(idx.related.get(article.id, ())), repo_url, published)
        pages[article.url_path] = memo.get(
            "article-page", article.id, inputs,
            lambda: render_article_page(article, idx, repo_url, published))  # noqa: B023
    span = repr(month_span(idx))
    for actor_id in corpus.actors:
        pages[f"actors/{actor_id}.md"] = memo.get(
            "actor-page", actor_id, _actor_inputs(actor_id, idx, memo.token, span),
            lambda actor_id=actor_id: render_actor_page(actor_id, idx))  # type: ignore[misc]
    for theme_id in corpus.themes:
        pages[f"themes/{theme_id}.md"] = render_theme_page(theme_id, idx)
    for source_id in corpus.sources:
        pages[f"sources/{source_id}.md"] = render_source_page(source_id, idx)
    pages["techniques/index.md"] = render_techniques_index(idx)
    pages["claims/index.md"] = render_claims_index(idx)
    for book_id, book in corpus.codebooks.items():
        pages[f"techniques/{book_id}/index.md"] = render_codebook_page(book_id, idx)
        for technique in book.techniques.values():
            pages[technique_page(technique.ref).lstrip("/")] = render_technique_page(technique, idx)
    return pages


def source_files(idx: Indexes) -> dict[str, str]:
    """Generated page path -> the corpus file it comes from (for 'edit this page')."""
    corpus = idx.corpus
    mapping = {a.url_path: a.path for a in corpus.articles}
    # a starter actor has no corpus file to edit (``registry adopt`` makes one)
    mapping.update({f"actors/{k}.md": v.path for k, v in corpus.actors.items() if not v.starter})
    mapping.update({f"themes/{k}.md": v.path for k, v in corpus.themes.items()})
    mapping.update({f"sources/{k}.md": v.path for k, v in corpus.sources.items()})
    for book_id, book in corpus.codebooks.items():
        mapping[f"techniques/{book_id}/index.md"] = book.path
        mapping.update({technique_page(t.ref).lstrip("/"): t.path for t in book.techniques.values()})
    return mapping
