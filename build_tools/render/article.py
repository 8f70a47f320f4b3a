"""Render one article page (Markdown) from the loaded article and the indexes.

The annotated body becomes plain, portable Markdown: a turn opens with its speaker's name in
bold (linked to the actor page; ``†`` marks a speaker inferred by ingest), and a translation
note becomes a footnote on the words it explains. Pure: no file access, no mkdocs.
"""

from __future__ import annotations

from urllib.parse import quote

from build_tools.files.seeds import published_seed_uri
from build_tools.index import Indexes
from build_tools.markup import escape_inline, is_web_url
from build_tools.model import ROLE_LABELS, ROLE_ORDER, Article, ArticleStatus, Role, Translation
from build_tools.render import readyhtml
from build_tools.render.bilingual import side_by_side
from build_tools.render.common import (
    human_date,
    language_name,
    link,
)
from build_tools.render.spans import RenderedBody, annotation_list, legend, render_annotated_body


def render_body(article: Article, idx: Indexes) -> RenderedBody:
    """The body with its annotations as page Markdown (see ``render/spans.py``), each turn
    paragraph marked for styling (attr_list: "{: .corpus-turn }" after the paragraph)."""
    spans = idx.spans[article.id]
    rendered = render_annotated_body(idx.corpus, spans)
    paragraphs = rendered.markdown.split("\n\n")
    # a turn's permalink is its paragraph (actor pages link to it)
    anchors = {spans.plain.text.count("\n\n", 0, s.start): s.anchor for s in spans.of_kind("speaker")}
    found = idx.annotations.get(article.id)
    for turn in found.turns if found else []:
        if turn.paragraph < len(paragraphs) and paragraphs[turn.paragraph].strip():
            extra = " .corpus-turn--interviewer" if turn.role == "interviewer" else ""
            anchor = f" #{anchors[turn.paragraph]}" if turn.paragraph in anchors else ""
            paragraphs[turn.paragraph] = paragraphs[turn.paragraph].rstrip() + \
                f"\n{{: .corpus-turn{extra}{anchor} }}"
    rendered.markdown = "\n\n".join(paragraphs).strip()
    return rendered


STATUS_TEXT = {
    ArticleStatus.INFERRED: "annotated by ingest, not yet reviewed by a person",
    ArticleStatus.IN_REVIEW: "being reviewed",
    ArticleStatus.REVIEWED: "reviewed by a person",
}
INFERENCE_TEXT = {
    "mistranslated-outlet-label": "inferred from the outlet's interviewer label, mistranslated "
                                  "by machine",
    "outlet-label": "inferred from the outlet's interviewer label",
    "outlet-registry": "from the outlet's registry entry",
    "dateline": "inferred from the agency named in the dateline",
}


def outlet_link(url: str, text: str | None = None) -> str:
    """A link to an outlet's page: ``rel="nofollow noopener"`` (attr_list), since the corpus
    documents these pages and must not vouch for them."""
    return f"[{escape_inline(text or url)}]({url}){{: rel=\"nofollow noopener\" }}"


def provenance_text(article: Article, plain: bool = False) -> str:
    """'English, machine translation from Russian (inferred from ...)' in reader's words;
    Markdown unless ``plain``."""
    return _provenance(article, plain)


def _provenance(article: Article, plain: bool = False) -> str:
    """'English, machine translation from Russian (inferred from ...)' in reader's words."""
    meta = article.meta
    publisher = meta.sources.publisher
    text = language_name(meta.language)
    if publisher is None:
        return text
    original = publisher.original_language
    foreign = original and original != meta.language
    if publisher.translation is Translation.MACHINE:
        text += ", machine translation" + (f" from {language_name(original)}" if foreign else "")
    elif publisher.translation is Translation.HUMAN:
        text += ", human translation" + (f" from {language_name(original)}" if foreign else "")
    elif publisher.translation is Translation.NONE:
        text += ", original text"
    elif foreign:
        text += f", translated from {language_name(original)} (by whom is unknown)"
    if publisher.inferred:
        how = INFERENCE_TEXT.get(publisher.inferred, "inferred by ingest: " + publisher.inferred)
        text += f" ({how if plain else escape_inline(how)})"
    return text


def render_article_page(article: Article, idx: Indexes, repo_url: str | None = None,
                        seed_published: bool = True) -> str:
    """The article page: title, facts, who is in it, themes, the text, its sources, related
    articles, provenance, then the translation-note footnotes."""
    body = render_body(article, idx)
    sections = [
        [f"# {escape_inline(article.meta.title)}", ""],
        _facts(article, idx),
        _who(article, idx),
        _themes(article, idx),
        _text(article, idx, body),
        _cited(article, idx),
        _related(article, idx),
        _provenance_section(article, repo_url, seed_published),
        annotation_list(idx.corpus, body.shown),
        body.footnotes + [""] if body.footnotes else [],
    ]
    return "\n".join(line for section in sections for line in section)


def _facts(article: Article, idx: Indexes) -> list[str]:
    meta = article.meta
    publisher = meta.sources.publisher
    text = readyhtml.text
    month_page = f"/articles/{meta.date[:4]}/index.md#{meta.date[:7]}"
    facts = [f"<strong>Date:</strong> {readyhtml.a(human_date(meta.date), month_page)}",
             f"<strong>Outlet:</strong> {readyhtml.outlet(idx.corpus, article)}",
             "<strong>Language:</strong> " + text(_provenance(article, plain=True))]
    if publisher:
        # the archived copy first: an outlet's page may change or vanish
        links = [readyhtml.outlet_a(u, label) for u, label in ((publisher.archive_url, "archived copy"),
                                                               (publisher.url, None)) if u and is_web_url(u)]
        if links:
            facts.append("<strong>Original article:</strong> " + " · ".join(links))
    if article.original and article.original.title:
        facts.append(f"<strong>Original title:</strong> {text(article.original.title)}")
    if meta.place:
        facts.append(f"<strong>Place:</strong> {text(meta.place)}")
    if meta.dateline:
        facts.append(f"<strong>Dateline:</strong> {text(meta.dateline)}")
    if meta.sources.photo_credit:
        facts.append(f"<strong>Photo credit:</strong> {text(meta.sources.photo_credit)}")
    facts.append(f"<strong>Annotation status:</strong> {text(STATUS_TEXT[meta.status])} "
                 f"({readyhtml.a('what this means', '/methodology.md')})")
    return readyhtml.lines(facts)


def _who(article: Article, idx: Indexes) -> list[str]:
    """The actors grouped by role, each with the title this article gives them."""
    named = article.meta.named_actors
    groups: dict[Role, list[str]] = {}
    for ref in named:
        link = readyhtml.actor_a(idx.corpus, ref.id)
        if ref.title:
            link += f" ({readyhtml.text(ref.title)})"
        for role in ref.roles:
            groups.setdefault(role, []).append(link)
    if not groups:
        return []
    lines = ["## Who is in this article", *readyhtml.bullets(
        f"<strong>{readyhtml.text(ROLE_LABELS[role])}:</strong> " + ", ".join(groups[role])
        for role in ROLE_ORDER if role in groups)]
    if any(ref.inferred for ref in named):  # (the list ends with a blank line)
        lines += ["*Found by ingest from the names and aliases in the text; roles are "
                  "checked when the article is reviewed.*", ""]
    return lines


def _themes(article: Article, idx: Indexes) -> list[str]:
    themes = article.meta.carried_themes
    if not themes:
        return []
    lines = ["## Themes", *readyhtml.bullets(
        readyhtml.theme_a(idx.corpus, t.id) + ("*" if t.inferred else "") for t in themes)]
    if any(t.inferred for t in themes):
        lines += ["*\\* suggested by ingest from cue phrases, not yet confirmed by a person.*", ""]
    return lines


def _text(article: Article, idx: Indexes, body: RenderedBody) -> list[str]:
    lines = ["## Text", ""]
    if idx.annotations.get(article.id) and idx.annotations[article.id].turns:
        lines += ["*Speaker names in bold mark interview turns; † marks a speaker inferred by "
                  "ingest and not yet checked by a person.*", ""]
    key = legend(body.shown)
    if key:
        lines += [key, ""]
    if article.original is not None:
        seed_link = link("the original seed", "/" + quote(published_seed_uri(article.original.seed)))
        return lines + [side_by_side(body.markdown.split("\n\n"), article.original, _provenance(article),
                                     seed_link), ""]
    return lines + [body.markdown, ""]


def _cited(article: Article, idx: Indexes) -> list[str]:
    cited_sources = article.meta.sources.cited
    if not cited_sources:
        return []
    items = []
    for cited in cited_sources:
        name = readyhtml.actor_a(idx.corpus, cited.id) if cited.id else readyhtml.text(cited.name or "")
        where = f", first at line {cited.line} of the raw text" if cited.line else ""
        items.append(f"{name} ({readyhtml.text(f'{cited.kind}{where}')})")
    return ["## Sources the text relies on", *readyhtml.bullets(items)]


def _related(article: Article, idx: Indexes) -> list[str]:
    related = idx.related.get(article.id, [])
    if not related:
        return []
    return ["## Related articles", *readyhtml.bullets(
        f"{readyhtml.text(human_date(a.date))}: {readyhtml.article_a(a)}" for a in related)]


def _provenance_section(article: Article, repo_url: str | None, seed_published: bool) -> list[str]:
    items = []
    seed = article.meta.seed
    if seed:
        target = quote(seed)
        shown = published_seed_uri(seed)
        seed_link = readyhtml.a(seed, "/" + quote(shown)) if seed_published else \
            f"{readyhtml.code(seed)} (missing)"
        online = " · " + readyhtml.a("in the repository", f"{repo_url.rstrip('/')}/blob/main/{target}") \
            if repo_url and is_web_url(repo_url) else ""
        what = "Web page as saved (the seed, shown as text)" if shown != seed else \
            "Raw text as received (the seed)"
        items.append(f"<strong>{what}:</strong> {seed_link}{online}")
    if article.original is not None:
        original = article.original.seed
        language = readyhtml.text(language_name(article.original.language))
        items.append(f"<strong>Original-language text ({language}):</strong> "
                     f"{readyhtml.a(original, '/' + quote(original))}")
    items.append(f"<strong>Corpus file:</strong> {readyhtml.code(str(article.path))}")
    return ["## Provenance", *readyhtml.bullets(items)]
