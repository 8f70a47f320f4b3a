"""Render stage, ready HTML: the long lists and tables of the listing pages, and the parts of
an article page around its text, written as HTML.

An actor page lists every article naming the actor (hundreds of rows, thousands of links at
10,000 articles); as Markdown, Python-Markdown spends most of a build's conversion on such
rows, and on each article page's facts, lists and annotation notes more than on its text.
Written here as HTML, the same HTML Python-Markdown made of the Markdown, they skip it:
the page stays Markdown (headings, description, toc), and each block is one region between
``START`` and ``END`` lines. The converter (adapters/convert.py) checks and rewrites the
region's links as it does Markdown links (a link to a missing page still fails ``--strict``)
and passes the region through unparsed; any other Markdown renderer (``export``) sees an
ordinary raw HTML block.

Every piece of text goes through ``text`` (escaped, whitespace collapsed as ``escape_inline``
does): a name or title from a seed or a registry renders as its characters, never as markup.
Links are written as the site's Markdown links are, to a docs-root path (``/actors/x.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from build_tools.render.common import Inline

START, END = "<!-- corpus-ready -->", "<!-- /corpus-ready -->"


def text(value: str) -> str:
    """Plain text as HTML character data: one line, ``& < >`` escaped (quotes need not be).
    Every "&" is escaped: what Python-Markdown makes of ``escape_inline``'s output too."""
    value = " ".join(value.split())
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """An attribute value between double quotes."""
    return text(value).replace('"', "&quot;")


def unattr(value: str) -> str:
    """The value ``attr`` escaped (exactly: not every entity HTML knows)."""
    return value.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def a(label: str, target: str) -> str:
    """A link with a plain-text label to a docs-root path (``/actors/x.md``) or a web URL."""
    return f'<a href="{attr(target)}">{text(label)}</a>'


def block(lines: Iterable[str]) -> list[str]:
    """A region the converter passes through, with the blank lines a raw HTML block needs."""
    return ["", START, *lines, END, ""]


def replace_regions(lines: list[str], replace: Callable[[str], list[str] | None]) -> list[str]:
    """``lines`` with each region (between ``START`` and ``END`` lines) replaced by what
    ``replace`` makes of its HTML; a region it returns None for, and an unclosed one, stay as
    written, markers included. Used by the converter and by export (readymarkdown.py)."""
    out: list[str] = []
    region: list[str] | None = None
    for line in lines:
        if region is None:
            if line == START:
                region = []
            else:
                out.append(line)
        elif line == END:
            made = replace("\n".join(region))
            out += made if made is not None else [START, *region, END]
            region = None
        else:
            region.append(line)
    return out if region is None else out + [START, *region]


def table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A table as Python-Markdown writes one; header and body cells are HTML."""
    lines = ["<table>", "<thead>", "<tr>", *(f"<th>{h}</th>" for h in head), "</tr>",
             "</thead>", "<tbody>"]
    for row in rows:
        lines += ["<tr>", *(f"<td>{cell}</td>" for cell in row), "</tr>"]
    return block([*lines, "</tbody>", "</table>"])


def bullets(items: Iterable[str]) -> list[str]:
    """A bulleted list as Python-Markdown writes one; items are HTML."""
    return block(["<ul>", *(f"<li>{item}</li>" for item in items), "</ul>"])


def numbered(items: Iterable[str]) -> list[str]:
    """A numbered list as Python-Markdown writes one; items are HTML."""
    return block(["<ol>", *(f"<li>{item}</li>" for item in items), "</ol>"])


def lines(items: Sequence[str]) -> list[str]:
    """A paragraph of lines, each after a line break (Markdown's two trailing spaces)."""
    return block(["<p>" + "<br />\n".join(items) + "</p>"])


def code(value: str) -> str:
    """Text in a code span."""
    return f"<code>{text(value)}</code>"


def outlet_a(url: str, label: str | None = None) -> str:
    """A link to an outlet's page, which the corpus documents and does not vouch for."""
    return f'<a href="{attr(url)}" rel="nofollow noopener">{text(label or url)}</a>'


def note(anchor: str, content: str) -> str:
    """An annotation's entry in the list at the end of an article page (``content`` is HTML)."""
    return f'<span class="corpus-note" id="{attr(anchor)}">{content}</span>'


HTML = Inline(text, a, lambda value: f"<em>{value}</em>")  # common.MARKDOWN's twin
unresolved = HTML.unresolved
theme_a = HTML.theme
actor_a = HTML.actor
source_a = HTML.source
article_a = HTML.article
outlet = HTML.outlet
