"""Render stage, translated articles: the translation beside its original, paragraph by
paragraph.

Input: the article's rendered paragraphs (annotations and turns already in them) and its
``OriginalText``. Output: page Markdown in which each translation paragraph is followed by
its original, marked with classes (attr_list) that the stylesheet sets side by side on wide
screens and one under the other on narrow ones, and with ``lang`` so browsers, screen readers
and search treat the original as its own language. The original is seed text: escaped.
"""

from __future__ import annotations

import re

from build_tools.markup import escape_markdown
from build_tools.model import OriginalText
from build_tools.render.common import language_name

_ATTR_LINE = re.compile(r"\n\{: (?P<attrs>[^\n]*) \}$")


def _with_class(paragraph: str, classes: str) -> str:
    """The paragraph with ``classes`` added to its attr_list line (or a new one)."""
    found = _ATTR_LINE.search(paragraph)
    if found:
        return paragraph[:found.start()] + f"\n{{: {classes} {found['attrs']} }}"
    return paragraph.rstrip() + f"\n{{: {classes} }}"


def _original(text: str, language: str, extra: str = "") -> str:
    flat = " ".join(text.split())
    return escape_markdown(flat) + f'\n{{: .corpus-pair__orig{extra} lang="{language}" }}'


def side_by_side(paragraphs: list[str], original: OriginalText, translation_label: str,
                 seed_link: str) -> str:
    """Translation and original paired by position; unpaired paragraphs stand alone."""
    language = original.language if re.fullmatch(r"[a-z]{2,3}", original.language) else "und"
    head = [
        _with_class(f"**Translation** — {translation_label}", ".corpus-pair__tr .corpus-pair__head"),
        f"**Original** — {language_name(language)}, as received ({seed_link})"
        f'\n{{: .corpus-pair__orig .corpus-pair__head lang="en" }}',
    ]
    blocks = list(head)
    for i in range(max(len(paragraphs), len(original.paragraphs))):
        if i < len(paragraphs):
            blocks.append(_with_class(paragraphs[i], ".corpus-pair__tr"))
            if i < len(original.paragraphs):
                blocks.append(_original(original.paragraphs[i], language))
        else:
            blocks.append(_original(original.paragraphs[i], language, " .corpus-pair__orig--alone"))
    return "\n\n".join(blocks)
