"""A faster drop-in for Python-Markdown's inline tree processor (render stage, HTML).

Python-Markdown tries every inline pattern on every piece of text, and again on the text
and tail of every element a pattern made: a page of the corpus (dozens of links, annotation
spans) costs thousands of such tries, each a Python call that looks the pattern up in a
sorted registry and scans the text. Most of them cannot match: the text holds no ``[`` for
the link patterns, no ``*`` or ``_`` for emphasis. This processor skips a pattern when the
text lacks every substring a match of that pattern must contain, and reads the patterns
from a plain list, and otherwise runs Python-Markdown's own code, so the HTML is the same
(``tests/test_fastinline.py`` converts pages both ways and compares).

A pattern is skipped only when its regular expression is one listed in ``NEEDS`` exactly;
a pattern another extension adds, or one a newer Python-Markdown changes, always runs.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown import Markdown, inlinepatterns, util
from markdown.treeprocessors import InlineProcessor

# Regular expression source -> substrings of which any match holds at least one.
NEEDS: dict[str, tuple[str, ...]] = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),  # backtick (both branches need `)
    r"\\(.)": ("\\",),  # escape
    r"\[\^([^\]]*)\]": ("[^",),  # footnote reference
    r"(?<!\!)\[": ("[",),  # reference, link, short_reference
    r"\!\[": ("![",),  # image_link, image_reference, short_image_ref
    r"\[": ("[",),  # corpus_annotation (mdext) and older link patterns
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),  # autolink
    r"<([^<> !]+@[^@<> ]+)>": ("<",),  # automail
    r"  \n": ("  \n",),  # linebreak
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),  # entity
    r"\*|_": ("*", "_"),  # em_strong (delimiter processor); at most two substrings each
    r"\*": ("*",),
    r"_": ("_",),
    r"((^|(?<=\s))(\*{1,3}|_{1,3})(?=\s|$))": ("*", "_"),  # not_strong
}


# Python-Markdown's own reference patterns (exactly these classes, not subclasses).
REFERENCE_PATTERNS = (inlinepatterns.ReferenceInlineProcessor,
                      inlinepatterns.ShortReferenceInlineProcessor,
                      inlinepatterns.ImageReferenceInlineProcessor,
                      inlinepatterns.ShortImageReferenceInlineProcessor)
NEVER = ("\x00",)  # corpus text holds no NUL (files.cleantext): skipped; where one is, it runs


class FastInlineProcessor(InlineProcessor):
    """Python-Markdown's ``InlineProcessor`` with the pattern loop above; registered under
    the same name (``inline``) so patterns that look it up find it."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self._patterns: list[object] = []
        self._needs: list[tuple[str, ...] | None] = []
        self._any_need: re.Pattern[str] | None = None  # set when every pattern has its needs

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        # The registry is final by now; read it once per page, not once per try.
        self._patterns = list(self.inlinePatterns)
        self._needs = [NEEDS.get(getattr(getattr(p, "compiled_re", None), "pattern", None) or "")
                       for p in self._patterns]
        if not self.md.references:
            # No ``[id]: url`` on the page (generated pages have none): a reference pattern
            # can only skip past ``[text][id]`` unchanged, so it needs what no text holds.
            self._needs = [NEVER if type(p) in REFERENCE_PATTERNS else need
                           for p, need in zip(self._patterns, self._needs, strict=True)]
        known = [piece for need in self._needs if need is not None for piece in need]
        self._any_need = re.compile("|".join(map(re.escape, known))) \
            if None not in self._needs and known else None
        return super().run(tree, ancestors)

    # Python-Markdown's private ``__handleInline`` (name-mangled), the same loop plus the skip.
    def _InlineProcessor__handleInline(  # noqa: N802 - the name Python-Markdown calls
            self, data: str, patternIndex: int = 0) -> str:  # noqa: N803
        if isinstance(data, util.AtomicString):
            return data
        if self._any_need is not None and self._any_need.search(data) is None:
            return data  # most link texts and tails: no pattern can match at all
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        patterns, needs = self._patterns, self._needs
        count = len(patterns)
        start = 0
        while patternIndex < count:
            need = needs[patternIndex]
            if need is not None and need[0] not in data and (len(need) == 1 or need[1] not in data):
                # What applyPattern returns when nothing matches: the same text, index 0.
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def install(md: Markdown) -> None:
    """Put the fast processor in place of ``md``'s inline processor, same name, same priority."""
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
    md.treeprocessors.register(FastInlineProcessor(md), "inline", priority)
