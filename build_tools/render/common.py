"""Small pure helpers shared by the page renderers: links, dates, labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Inline:
    """One output syntax for the pages' inline pieces: ``text`` (plain text, escaped), ``link``
    (a link with a plain-text label to a docs-root path like ``/actors/x.md`` or a web URL)
    and ``em``. The names, links and outlets below are written once over it, for Markdown
    (``MARKDOWN``) and for the listing pages' ready HTML (``readyhtml.HTML``), which must say
    the same."""

    text: Callable[[str], str]
    link: Callable[[str, str], str]
    em: Callable[[str], str]

    def unresolved(self, entry_id: str) -> str:
        """An entry whose registry file did not load: its id, no link (there is no page)."""
        return f"{self.text(entry_id)} {self.em('(unresolved)')}"

    def actor(self, corpus: Corpus, actor_id: str) -> str:
        actor = corpus.actors.get(actor_id)
        return self.link(actor.name, f"/actors/{actor_id}.md") if actor else self.unresolved(actor_id)

    def theme(self, corpus: Corpus, theme_id: str) -> str:
        theme = corpus.themes.get(theme_id)
        return self.link(theme.name, f"/themes/{theme_id}.md") if theme else self.unresolved(theme_id)

    def source(self, corpus: Corpus, source_id: str) -> str:
        source = corpus.sources.get(source_id)
        return self.link(source.name, f"/sources/{source_id}.md") if source else self.unresolved(source_id)

    def article(self, article: Article) -> str:
        return self.link(article.meta.title, "/" + article.url_path)

    def outlet(self, corpus: Corpus, article: Article) -> str:
        publisher = article.meta.sources.publisher
        if publisher is None:
            return "outlet unknown"
        if publisher.id:
            return self.source(corpus, publisher.id)
        return self.text(publisher.name or "outlet unknown")


def link(text: str, target: str) -> str:
    """A Markdown link to a docs-root path like ``/actors/x.md``; ``text`` is escaped."""
    return f"[{escape_inline(text)}]({target})"


MARKDOWN = Inline(escape_inline, link, lambda value: f"*{value}*")
unresolved_name = MARKDOWN.unresolved
actor_link = MARKDOWN.actor
theme_link = MARKDOWN.theme
source_link = MARKDOWN.source
article_link = MARKDOWN.article
outlet_of = MARKDOWN.outlet
