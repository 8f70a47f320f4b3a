"""Export stage: ready-HTML regions written back as plain Markdown, for any other renderer.

The listing pages hold their long tables and lists as ready HTML (``render/readyhtml.py``),
which MkDocs' converter passes through with its links checked and rewritten. Another
renderer (``export``) would take such a region as a raw HTML block and leave its links,
docs-root paths like ``/actors/x.md``, as written: they would not resolve. ``as_markdown``
turns each region back into the Markdown table or list it stands for, with Markdown links,
so exported pages are Markdown as before ready HTML existed. A region's grammar is
readyhtml's own (tables, lists, paragraphs of lines, links, an outlet link's ``rel``,
``strong``, ``em``, ``code``, an annotation note's span, an ``id``); a region holding
anything else is not readyhtml's (``adapters.convert`` refuses it too) and is left as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from build_tools.render import readyhtml

_INLINE = re.compile(r"([\\`*_\[\]{}>#!|~^])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(?:[-+=]|\d+(?=[.)]))")
_BLOCK_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "p"}
_INLINE_TAGS = {"a", "strong", "em", "code", "span", "br"}
_ATTRIBUTES = {"a": {"href", "rel"}, "span": {"class", "id"}}
_OUTLET_REL = "nofollow noopener"


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _Reader(HTMLParser):
    """The region as a tree; ``ok`` is False at the first thing readyhtml never writes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = _ATTRIBUTES.get(tag, {"id"})
        node = _Node(tag, {k: v or "" for k, v in attrs})
        if tag not in _BLOCK_TAGS | _INLINE_TAGS or any(k not in allowed for k, _ in attrs) or \
                node.attrs.get("rel", _OUTLET_REL) != _OUTLET_REL or \
                (tag == "span" and node.attrs.get("class") != "corpus-note"):
            self.ok = False
        self.stack[-1].children.append(node)
        if tag != "br":  # no end tag
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag != "br":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if len(self.stack) < 2 or self.stack[-1].tag != tag:
            self.ok = False
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag in _BLOCK_TAGS - {"th", "td", "li", "p"}:
            if data.strip():
                self.ok = False  # text between rows or items: not readyhtml's
            return
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        self.ok = False


def as_markdown(page: str) -> str:
    """``page`` with every ready-HTML region as Markdown; anything else unchanged."""
    if readyhtml.START not in page:
        return page
    return "\n".join(readyhtml.replace_regions(page.split("\n"), _region))


def _region(html: str) -> list[str] | None:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    if not reader.ok or len(reader.stack) != 1:
        return None
    lines: list[str] = []
    for node in reader.root.children:
        if isinstance(node, str):
            if node.strip():
                return None
            continue
        if node.tag == "table":
            lines += _table(node)
        elif node.tag == "ul":
            lines += [f"- {_cell(item, start=True)}" for item in _elements(node, "li")]
        elif node.tag == "ol":
            lines += [f"{number}. {_cell(item, start=True)}"
                      for number, item in enumerate(_elements(node, "li"), 1)]
        elif node.tag == "p":
            lines += _paragraph(node) + [""]
        else:
            return None
    return lines


def _paragraph(node: _Node) -> list[str]:
    """A paragraph's lines, each but the last ending in two spaces (a line break)."""
    parts: list[list[_Node | str]] = [[]]
    for child in node.children:
        if isinstance(child, _Node) and child.tag == "br":
            parts.append([])
        else:
            parts[-1].append(child)
    lines = [_cell(_Node("p", {}, part), start=True) for part in parts]
    return [line + "  " for line in lines[:-1]] + lines[-1:]


def _elements(node: _Node, tag: str) -> list[_Node]:
    return [c for c in node.children if isinstance(c, _Node) and c.tag == tag]


def _table(table: _Node) -> list[str]:
    rows = [row for part in _elements(table, "thead") + _elements(table, "tbody")
            for row in _elements(part, "tr")]
    if not rows:
        return []
    cells = [[_cell(c) for c in row.children if isinstance(c, _Node)] for row in rows]
    head, body = cells[0], cells[1:]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    return lines + ["| " + " | ".join(row) + " |" for row in body]


def _cell(node: _Node, start: bool = False) -> str:
    """A cell's or item's content as one line of Markdown; an ``id`` becomes an empty anchor
    (no link in it to rewrite). ``start``: a list item, where "1990. A year" or "- x" at the
    start would begin a list of its own (escaped as ``markup.escape_markdown`` does)."""
    anchor = f'<a id="{readyhtml.attr(node.attrs["id"])}"></a>' if node.attrs.get("id") else ""
    text = _inline(node.children).strip()
    match = _LINE_START.match(text) if start else None
    if match:
        digits = match.group(0) if match.group(0).isdigit() else ""
        text = digits + "\\" + text[len(digits):]
    return anchor + text


def _inline(children: list[_Node | str]) -> str:
    parts: list[str] = []
    for child in children:
        if isinstance(child, str):
            parts.append(_escape(child))
        elif child.tag == "a":
            rel = f'{{: rel="{_OUTLET_REL}" }}' if "rel" in child.attrs else ""
            parts.append(f"[{_inline(child.children).strip()}]({child.attrs.get('href', '')}){rel}")
        elif child.tag == "span":  # an annotation's note (mdext's attribute-span syntax)
            anchor = child.attrs.get("id", "").replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'[{_inline(child.children).strip()}]{{.corpus-note id="{anchor}"}}')
        elif child.tag == "code":
            parts.append(_code("".join(c for c in child.children if isinstance(c, str))))
        elif child.tag in ("strong", "em"):  # (readyhtml's text is trimmed; empty shows nothing)
            inner = _inline(child.children)
            mark = "**" if child.tag == "strong" else "*"
            parts.append(f"{mark}{inner}{mark}" if inner.strip() else inner)
    return "".join(parts).replace("\n", " ")


def _code(text: str) -> str:
    """A code span holding ``text`` as it is: fenced by more backticks than it holds in a row."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _escape(text: str) -> str:
    """Text as Markdown that renders as it is, spaces around it kept (it sits between links)."""
    text = _ENTITY.sub("&amp;", text)
    return _INLINE.sub(r"\\\1", text).replace("<", "&lt;")
