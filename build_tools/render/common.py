"""Small pure helpers shared by the page renderers: links, dates, labels."""

from __future__ import annotations

import datetime as dt

from build_tools.markup import escape_inline
from build_tools.model import Article, Corpus

LANGUAGES = {
    "en": "English", "ru": "Russian", "uk": "Ukrainian", "ko": "Korean", "zh": "Chinese",
    "fr": "French", "de": "German", "es": "Spanish", "ar": "Arabic", "ja": "Japanese",
    "be": "Belarusian", "kk": "Kazakh", "pl": "Polish", "it": "Italian", "pt": "Portuguese",
    "tr": "Turkish", "fa": "Persian",
}
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def language_name(code: str | None) -> str:
    if not code:
        return "unknown"
    return LANGUAGES.get(code, code)


def human_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def month_name(year_month: str) -> str:
    year, month = year_month.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def link(text: str, target: str) -> str:
    """A Markdown link to a docs-root path like ``/actors/x.md``; ``text`` is escaped."""
    return f"[{escape_inline(text)}]({target})"


def unresolved_name(entry_id: str) -> str:
    """An entry whose registry file did not load: its id, no link (there is no page)."""
    return f"{escape_inline(entry_id)} *(unresolved)*"


def actor_link(corpus: Corpus, actor_id: str) -> str:
    actor = corpus.actors.get(actor_id)
    return link(actor.name, f"/actors/{actor_id}.md") if actor else unresolved_name(actor_id)


def theme_link(corpus: Corpus, theme_id: str) -> str:
    theme = corpus.themes.get(theme_id)
    return link(theme.name, f"/themes/{theme_id}.md") if theme else unresolved_name(theme_id)


def source_link(corpus: Corpus, source_id: str) -> str:
    source = corpus.sources.get(source_id)
    return link(source.name, f"/sources/{source_id}.md") if source else unresolved_name(source_id)


def article_link(article: Article) -> str:
    return link(article.meta.title, "/" + article.url_path)


def outlet_of(corpus: Corpus, article: Article) -> str:
    publisher = article.meta.sources.publisher
    if publisher is None:
        return "outlet unknown"
    if publisher.id:
        return source_link(corpus, publisher.id)
    return escape_inline(publisher.name or "outlet unknown")
