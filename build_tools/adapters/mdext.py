"""Python-Markdown extension that makes corpus Markdown safe to publish.

Corpus files are written by many hands from untrusted seeds, so the rendered HTML must
never carry markup they smuggle in: raw HTML blocks and inline tags render as text, event
handler attributes (``onclick=`` via attr_list) and ``javascript:``/``data:`` URLs are
removed. Registered by name (``build_tools.adapters.mdext``) and priority like any extension.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from build_tools.markup import is_safe_link

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "cite"}
FORBIDDEN_ATTRS = {"style", "srcdoc"}
FORBIDDEN_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "textarea",
                  "button", "link", "meta", "base", "svg", "math"}


class SanitiseTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag in FORBIDDEN_TAGS:
                    parent.remove(child)
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


class CorpusSafetyExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown API
        # Raw HTML is text: without these two, "<script>" reaches the stash and the page.
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
        # After inline processing (20) and attr_list (8), before mkdocs' link rewriting (0).
        md.treeprocessors.register(SanitiseTreeprocessor(md), "corpus_sanitise", 1)


def makeExtension(**kwargs: Any) -> CorpusSafetyExtension:  # noqa: N802 - Python-Markdown API
    return CorpusSafetyExtension(**kwargs)
