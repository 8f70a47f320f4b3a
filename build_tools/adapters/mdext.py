"""Python-Markdown extension that makes corpus Markdown safe to publish.

Corpus files are written by many hands from untrusted seeds, so the rendered HTML must
never carry markup they smuggle in: raw HTML blocks and inline tags render as text, event
handler attributes (``onclick=`` via attr_list) and ``javascript:``/``data:`` URLs are
removed. Registered by name (``build_tools.adapters.mdext``) and priority like any extension.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from build_tools.markup import is_safe_link
from build_tools.render.timeline import parse_marker, timeline_svg

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "cite"}
FORBIDDEN_ATTRS = {"style", "srcdoc"}
FORBIDDEN_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "textarea",
                  "button", "link", "meta", "base", "svg", "math"}


class SanitiseTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, trusted: set[int]) -> None:
        super().__init__(md)
        # ids of the elements this extension built itself (timeline charts) during this
        # conversion: no Markdown text can make them, so their tag may stay.
        self.trusted = trusted

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag in FORBIDDEN_TAGS and id(child) not in self.trusted:
                    parent.remove(child)
        self.trusted.clear()
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered in FORBIDDEN_ATTRS:
                    del element.attrib[name]
                elif lowered in URL_ATTRS and not is_safe_link(element.attrib[name]):
                    del element.attrib[name]
                    # A link or image without a target must not stay an <a>/<img>: mkdocs
                    # expects every <a> to carry href, and the text should stay visible.
                    if element.tag in ("a", "img"):
                        element.text = element.attrib.pop("alt", None) if element.tag == "img" \
                            else element.text
                        element.tag = "span"


_PAGE_SPAN_ATTRS = re.compile(
    r'\{\.(?P<kind>corpus-ann|corpus-note)(?P<attrs>(?:\s+[a-z]+="(?:[^"\\]|\\.)*")*)\s*\}')
_PAGE_ATTR = re.compile(r'([a-z]+)="((?:[^"\\]|\\.)*)"')
_KIND = re.compile(r"^[a-z]+$")
_ANCHOR = re.compile(r"^[a-z0-9-]+$")


class AnnotationSpanProcessor(InlineProcessor):
    """``[words]{.corpus-ann kinds="claim technique" anchors="a-1" notes="note-a-1" tip="..."}``
    (written by ``render/spans.py``) becomes a highlight: ``<mark>`` with the kinds as classes,
    the permalink id, ``aria-describedby`` naming the annotation list entries that describe it,
    the short description in ``data-tip`` (shown on hover and focus by CSS, so it needs no
    JavaScript) and ``tabindex=0`` on a span's first piece so the keyboard reaches it.
    ``[text]{.corpus-note id="note-a-1"}`` wraps an entry of that list. Brackets may nest (a
    link inside a list entry); the words go on through the other inline patterns."""

    def handleMatch(self, m: re.Match[str], data: str):  # type: ignore[no-untyped-def, override]
        if data.find("]{.corpus-", m.start(0)) < 0:
            return None, None, None  # a link or plain brackets, no span: skip the scan
        close = _closing_bracket(data, m.start(0))
        if close is None:
            return None, None, None
        found = _PAGE_SPAN_ATTRS.match(data, close + 1)
        if found is None:
            return None, None, None
        attrs = {k: re.sub(r"\\(.)", r"\1", v) for k, v in _PAGE_ATTR.findall(found["attrs"])}
        el = etree.Element("span")
        if found["kind"] == "corpus-note":
            if _ANCHOR.match(attrs.get("id", "")):
                el.set("id", attrs["id"])
            el.set("class", "corpus-note")
        else:
            _highlight(el, attrs)
        words = data[m.start(0) + 1:close]
        if len(el):  # after the extra anchors, still read by the other inline patterns
            el[-1].tail = words
        else:
            el.text = words
        return el, m.start(0), found.end()


def _highlight(el: etree.Element, attrs: dict[str, str]) -> None:
    el.tag = "mark"
    kinds = [k for k in attrs.get("kinds", "").split() if _KIND.match(k)]
    el.set("class", " ".join(["corpus-ann"] + [f"corpus-ann--{k}" for k in kinds]))
    if attrs.get("legend"):
        el.set("class", el.get("class", "") + " corpus-ann--legend")
        return
    anchors = [a for a in attrs.get("anchors", "").split() if _ANCHOR.match(a)]
    notes = [n for n in attrs.get("notes", "").split() if _ANCHOR.match(n)]
    if anchors:
        el.set("id", anchors[0])
        el.set("tabindex", "0")
        for extra in anchors[1:]:  # a second span starting here keeps a permalink too
            etree.SubElement(el, "span", {"id": extra, "class": "corpus-ann-anchor"})
    if notes:
        el.set("aria-describedby", " ".join(notes))
    if attrs.get("tip"):
        el.set("data-tip", attrs["tip"])


class TimelineBlockProcessor(BlockProcessor):
    """A paragraph that is exactly ``{corpus-timeline from=YYYY-MM counts=N,N,...}`` (written
    by ``render/timeline.py``) becomes the inline SVG chart of those numbers. Anything else,
    a near miss included, stays a paragraph of text."""

    def __init__(self, parser: BlockParser, trusted: set[int]) -> None:
        super().__init__(parser)
        self.trusted = trusted

    def test(self, parent: etree.Element, block: str) -> bool:
        return block.startswith("{corpus-timeline ") and parse_marker(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        found = parse_marker(blocks[0])
        if found is None:  # pragma: no cover - test() said it parses
            return False
        blocks.pop(0)
        figure = etree.SubElement(parent, "div", {"class": "corpus-timeline-chart"})
        svg = timeline_svg(found)
        figure.append(svg)
        self.trusted.add(id(svg))
        return None


# What the bracket scan stops at: an escaped character (skipped whole), a bracket, a blank line.
_BRACKET_STOPS = re.compile(r"\\.|\[|\]|\n\n", re.S)


def _closing_bracket(data: str, start: int) -> int | None:
    depth = 0
    for stop in _BRACKET_STOPS.finditer(data, start):
        char = stop[0]
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return stop.start()
        elif char == "\n\n":
            return None
    return None


class PlaceholderDebrisPostprocessor(Postprocessor):
    """Python-Markdown marks stashed pieces with STX/ETX placeholders; an image whose address
    holds an unbalanced quote (``![x](x" onerror="...) [y](z)``) swallows the next one and
    leaves a bare ETX in the page (found by tests/test_hostile_site.py). Corpus text has no
    control characters (``files.cleantext``), so any left at the end are debris."""

    def run(self, text: str) -> str:
        return text.replace("\x02", "").replace("\x03", "") if "\x03" in text or "\x02" in text \
            else text


class CorpusSafetyExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.trusted: set[int] = set()

    def reset(self) -> None:
        self.trusted.clear()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown API
        md.registerExtension(self)  # so md.reset() clears the trusted set
        # Raw HTML is text: without these two, "<script>" reaches the stash and the page.
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
        # After inline processing (20) and attr_list (8), before mkdocs' link rewriting (0).
        md.treeprocessors.register(SanitiseTreeprocessor(md, self.trusted), "corpus_sanitise", 1)
        # Before paragraphs (10) and the other block processors: a marker line is one block.
        md.parser.blockprocessors.register(TimelineBlockProcessor(md.parser, self.trusted),
                                           "corpus_timeline", 75)
        # Before backslash escapes (180), after code spans (190): the span's own brackets and
        # attributes are read here, its words by the patterns that follow.
        md.inlinePatterns.register(AnnotationSpanProcessor(r"\[", md), "corpus_annotation", 185)
        # Last of all postprocessors (raw_html 30, amp_substitute 20, unescape 10).
        md.postprocessors.register(PlaceholderDebrisPostprocessor(md), "corpus_debris", 0)


def makeExtension(**kwargs: Any) -> CorpusSafetyExtension:  # noqa: N802 - Python-Markdown API
    return CorpusSafetyExtension(**kwargs)
