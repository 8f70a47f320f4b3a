"""Render stage, open data as tables: every table of the corpus with its columns described
once, so the CSV files, their JSON twins, the Frictionless data package and the SQLite
database cannot disagree.

Input: ``Indexes`` (and the co-occurrence of ``build_tools/explore.py``). Output: ``Table``
objects: name, description, typed columns (name, Frictionless type, description), primary and
foreign keys, and rows of Python values (``None`` for "no value").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from build_tools.explore import actor_pairs, actor_theme_matrix
from build_tools.facets import facet_record
from build_tools.index import Indexes
from build_tools.memo import Memo
from build_tools.model import Article


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless field type: string, integer, boolean, date
    description: str
    required: bool = False


@dataclass
class Table:
    name: str
    title: str
    description: str
    columns: list[Column]
    primary_key: list[str]
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)  # column, table, its column
    rows: list[list[Any]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]


def _c(name: str, type_: str, description: str, required: bool = False) -> Column:
    return Column(name, type_, description, required)


def _page(site_url: str | None, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def _articles(idx: Indexes, site_url: str | None, memo: Memo) -> Table:
    table = Table("articles", "Articles", "One row per article: its metadata, who is in it, its themes "
                  "and how many annotations of each kind it has.", [
                      _c("id", "string", "Article id: the file name without .md", True),
                      _c("date", "date", "Publication date", True),
                      _c("title", "string", "Title as published (a leading = + - @ gets a ' so "
                         "spreadsheets do not run it as a formula)", True),
                      _c("publisher", "string", "Publishing outlet: its source id, else its name"),
                      _c("language", "string", "Language of the text (ISO 639 code)", True),
                      _c("original_language", "string", "Language of the original, for a translation"),
                      _c("translation", "string", "none (original text), human, machine or unknown"),
                      _c("actors", "string", "Actor ids, space separated"),
                      _c("themes", "string", "Theme ids, space separated"),
                      _c("status", "string", "Annotation status: inferred, in-review or reviewed", True),
                      _c("url", "string", "Address of the article page", True),
                      _c("source", "string", "Publishing outlet's source id (empty for an outlet not "
                         "in the registry)"),
                      _c("actor_roles", "string", "Each actor with its roles: id=role+role, space separated"),
                      _c("quotes", "integer", "Number of quotes marked in the text", True),
                      _c("claims", "integer", "Number of claims marked in the text", True),
                      _c("techniques", "integer", "Number of propaganda-technique instances", True),
                      _c("translation_notes", "integer", "Number of translation notes", True),
                      _c("words", "integer", "Number of words in the text", True),
                      _c("original_url", "string", "The outlet's page of the article"),
                      _c("archive_url", "string", "An archived copy of the outlet's page"),
                      _c("seed", "string", "The raw text as received, in the repository"),
                      _c("original_seed", "string", "The original-language text, for a translation"),
                      _c("file", "string", "The corpus file", True),
                  ], ["id"], [("source", "sources", "id")])
    for article in idx.corpus.articles:
        inputs = (article, idx.spans.get(article.id), memo.token, site_url)
        table.rows.append(memo.get("article-row", article.id, inputs,
                                   lambda article=article: _article_row(idx, article, site_url)))  # type: ignore[misc]
    return table


def _article_row(idx: Indexes, article: Article, site_url: str | None) -> list[Any]:
    meta = article.meta
    pub = meta.sources.publisher
    record = facet_record(article, idx)
    spans = idx.spans.get(article.id)
    return [
        article.id, meta.date, spreadsheet_safe(meta.title), (pub.id or pub.name) if pub else None,
        meta.language, pub.original_language if pub else None, pub.translation.value if pub else None,
        " ".join(r.id for r in meta.named_actors), " ".join(t.id for t in meta.carried_themes),
        meta.status.value, _page(site_url, record.url),
        pub.id if pub and pub.id in idx.corpus.sources else None,
        " ".join(f"{r.id}={'+'.join(x.value for x in r.roles)}" for r in meta.named_actors),
        record.annotations["quote"], record.annotations["claim"], record.annotations["technique"],
        record.annotations["tn"], len(spans.plain.text.split()) if spans else 0,
        pub.url if pub else None, pub.archive_url if pub else None, meta.seed, meta.original_seed,
        article.path]


def spreadsheet_safe(text: str) -> str:
    """Neutralise spreadsheet formulas: a title starting with '=' must stay text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _registries(idx: Indexes, site_url: str | None) -> list[Table]:
    corpus = idx.corpus
    actors = Table("actors", "Actors", "The actor registry: people, states, organisations, media "
                   "and groups.", [
                       _c("id", "string", "Actor id", True), _c("name", "string", "Display name", True),
                       _c("kind", "string", "person, state, organisation, media, group or armed-group", True),
                       _c("aliases", "string", "Other names, separated by ' | '"),
                       _c("country", "string", "Country"), _c("wikidata", "string", "Wikidata id (Q...)"),
                       _c("status", "string", "accepted, or proposed by ingest", True),
                       _c("articles", "integer", "Number of articles naming the actor", True),
                       _c("url", "string", "Address of the actor page", True)], ["id"])
    for key, actor in sorted(corpus.actors.items()):
        m = actor.meta
        actors.rows.append([key, m.name, m.kind.value, " | ".join(m.aliases) or None, m.country,
                            m.wikidata, m.status.value, len(idx.by_actor.get(key, [])),
                            _page(site_url, f"actors/{key}/")])
    themes = Table("themes", "Themes", "The narratives the articles carry.", [
        _c("id", "string", "Theme id", True), _c("title", "string", "Title", True),
        _c("summary", "string", "One-line summary", True),
        _c("related", "string", "Related theme ids, space separated"),
        _c("status", "string", "accepted, or proposed", True),
        _c("articles", "integer", "Number of articles carrying the theme", True),
        _c("url", "string", "Address of the theme page", True)], ["id"])
    for key, theme in sorted(corpus.themes.items()):
        t = theme.meta
        themes.rows.append([key, t.title, t.summary, " ".join(t.related) or None, t.status.value,
                            len(idx.by_theme.get(key, [])), _page(site_url, f"themes/{key}/")])
    sources = Table("sources", "Sources", "The outlets that publish the articles.", [
        _c("id", "string", "Source id", True), _c("name", "string", "Name", True),
        _c("kind", "string", "newspaper, online, agency, broadcaster, magazine, government or other", True),
        _c("url", "string", "Website"), _c("language", "string", "Language it publishes in", True),
        _c("translation", "string", "How its texts usually reach the corpus: none, human, machine"),
        _c("original_language", "string", "Language of the originals it translates"),
        _c("country", "string", "Country"), _c("wikidata", "string", "Wikidata id (Q...)"),
        _c("status", "string", "accepted, or proposed", True),
        _c("articles", "integer", "Number of articles it published", True),
        _c("page", "string", "Address of the source page", True)], ["id"])
    for key, source in sorted(corpus.sources.items()):
        s = source.meta
        sources.rows.append([key, s.name, s.kind.value, s.url, s.language,
                             s.translation.value if s.translation else None, s.original_language,
                             s.country, s.wikidata, s.status.value, len(idx.by_source.get(key, [])),
                             _page(site_url, f"sources/{key}/")])
    return [actors, themes, sources]


def _links(idx: Indexes, memo: Memo) -> list[Table]:
    by_article = [
        _c("article", "string", "Article id", True), _c("actor", "string", "Actor id", True),
        _c("roles", "string", "Its roles in the article, space separated", True),
        _c("turns", "integer", "Paragraphs it speaks", True),
        _c("inferred", "boolean", "Suggested by ingest, not yet confirmed by a person", True)]
    actors = Table("article_actors", "Actors in articles", "One row per actor named in an article.",
                   by_article, ["article", "actor"],
                   [("article", "articles", "id"), ("actor", "actors", "id")])
    themes = Table("article_themes", "Themes of articles", "One row per theme an article carries.", [
        _c("article", "string", "Article id", True), _c("theme", "string", "Theme id", True),
        _c("inferred", "boolean", "Suggested by ingest from a cue phrase, not yet confirmed", True)],
        ["article", "theme"], [("article", "articles", "id"), ("theme", "themes", "id")])
    for article in idx.corpus.articles:
        found = idx.annotations.get(article.id)
        actor_rows, theme_rows = memo.get("link-rows", article.id, (article, found),
                                          lambda article=article, found=found: _link_rows(article, found))  # type: ignore[misc]
        actors.rows += actor_rows
        themes.rows += theme_rows
    return [actors, themes]


def _link_rows(article: Article, found: Any) -> tuple[list[list[Any]], list[list[Any]]]:
    spoken = Counter(t.actor for t in found.turns) if found else Counter()
    actors = [[article.id, ref.id, " ".join(r.value for r in ref.roles), spoken.get(ref.id, 0),
               ref.is_inferred] for ref in article.meta.named_actors]
    return actors, [[article.id, tref.id, tref.is_inferred] for tref in article.meta.carried_themes]


def _annotations(idx: Indexes) -> Table:
    table = Table("annotations", "Annotations", "Every quote, claim, propaganda technique and "
                  "translation note marked in the articles (inline and stand-off alike); start and "
                  "end are character offsets into the seed.", [
                      _c("article", "string", "Article id", True),
                      _c("id", "string", "Anchor of the annotation on the article page (unique "
                         "within the article)", True),
                      _c("kind", "string", "quote, claim, technique or tn (translation note)", True),
                      _c("text", "string", "The annotated words", True),
                      _c("start", "integer", "Offset of the first character in the seed"),
                      _c("end", "integer", "Offset after the last character in the seed"),
                      _c("actor", "string", "Quote: who speaks (actor id)"),
                      _c("about", "string", "Claim: the actors it is about, space separated"),
                      _c("claimant", "string", "Claim: who makes it (actor id)"),
                      _c("assessment", "string", "Claim: false, misleading, unsupported, disputed, "
                         "mostly-true or true"),
                      _c("technique", "string", "Technique: codebook/id"),
                      _c("note", "string", "Translation note or comment"),
                      _c("original", "string", "Translation note: the original words"),
                      _c("translation_note", "string", "Translation note: the known error it refers to"),
                      _c("standoff", "boolean", "Written in the stand-off file rather than the text", True),
                      _c("file", "string", "File the annotation is written in", True),
                      _c("line", "integer", "Its line there", True),
                  ], ["article", "id"], [("article", "articles", "id"), ("actor", "actors", "id")])
    for article in idx.corpus.articles:
        for s in idx.spans[article.id].spans:
            if s.kind == "speaker":
                continue
            table.rows.append([article.id, s.anchor, s.kind, s.text, s.seed_start, s.seed_end, s.actor,
                               " ".join(s.about) or None, s.claimant,
                               s.assessment.value if s.assessment else None, s.technique, s.note,
                               s.original, s.tn_ref, s.standoff, s.path, s.line])
    return table


def _cooccurrence(idx: Indexes) -> list[Table]:
    pairs = Table("actor_pairs", "Actors named together", "Each pair of actors named in the same "
                  "article (first id < second id), with those articles.", [
                      _c("actor_1", "string", "Actor id (the smaller)", True),
                      _c("actor_2", "string", "Actor id (the larger)", True),
                      _c("articles", "integer", "Number of articles naming both", True),
                      _c("article_ids", "string", "Those articles, newest first, space separated", True)],
                  ["actor_1", "actor_2"], [("actor_1", "actors", "id"), ("actor_2", "actors", "id")])
    for pair in actor_pairs(idx):
        pairs.rows.append([pair.first, pair.second, pair.count, " ".join(a.id for a in pair.articles)])
    themes = Table("actor_themes", "Actors and themes", "Actor x theme: the articles that name the "
                   "actor and carry the theme.", [
                       _c("actor", "string", "Actor id", True), _c("theme", "string", "Theme id", True),
                       _c("articles", "integer", "Number of such articles", True),
                       _c("article_ids", "string", "Those articles, newest first, space separated", True)],
                   ["actor", "theme"], [("actor", "actors", "id"), ("theme", "themes", "id")])
    matrix = actor_theme_matrix(idx)
    for actor in matrix.actors:
        for theme in matrix.themes:
            arts: list[Article] = matrix.cells.get((actor, theme), [])
            if arts:
                themes.rows.append([actor, theme, len(arts), " ".join(a.id for a in arts)])
    return [pairs, themes]


def corpus_tables(idx: Indexes, site_url: str | None, memo: Memo | None = None) -> list[Table]:
    """Every table; with a ``memo`` an article's rows are reused while it and its annotations
    (and, for its row, the registries and the address) are the same."""
    memo = memo or Memo(enabled=False)
    return [_articles(idx, site_url, memo), *_registries(idx, site_url), *_links(idx, memo),
            _annotations(idx), *_cooccurrence(idx)]
