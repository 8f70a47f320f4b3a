"""Untrusted text made safe to publish: Markdown escaping, URL rules, slugs, plain wording.

Seed text is data, never markup: ``escape_markdown`` makes every character render as
itself in Python-Markdown (and any CommonMark renderer), and ``unescape_markdown`` undoes
it exactly, so ingest can prove no sentence was lost. The URL rules are here, once: which
URLs a corpus file may hold (``WEB_URL_PATTERN``) and which link targets a rendered page
may keep (``is_safe_link``). Slugs cannot escape their folder.
"""

from __future__ import annotations

import html
import re
import unicodedata

# An absolute web URL that can be written into Markdown and HTML as it is: no spaces, quotes,
# brackets or angle brackets.
WEB_URL_PATTERN = r"^https?://[^\s<>()\[\]{}\"'`\\]+$"
_WEB_URL = re.compile(WEB_URL_PATTERN)
_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|/|\.|[^:/?#]*(?:[/?#]|$))", re.I)

_INLINE = re.compile(r"([\\`*_\[\]{}>#!|~^])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def escape_markdown(text: str) -> str:
    """Escape one paragraph of plain text so it renders literally."""
    text = _ENTITY.sub("&amp;", text)  # first: "&#60;" must stay text, not become "&\#60;"
    text = _INLINE.sub(r"\\\1", text)
    text = text.replace("<", "&lt;")
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        match = _LINE_START.match(line)
        if match:
            if match.group(2).isdigit():
                # "1990. A year..." would start an ordered list: escape the dot after the number
                digits = match.group(2)
                line = digits + "\\" + line[len(digits):]
            else:
                line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def unescape_markdown(text: str) -> str:
    if "\\" not in text and "&" not in text:
        return text
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace("&lt;", "<").replace("&amp;", "&")


def slugify(text: str, max_length: int = 60) -> str:
    """ASCII kebab-case slug; empty when nothing usable remains (caller picks a fallback)."""
    text = unicodedata.normalize("NFKD", text.replace("’", "").replace("'", ""))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")


def escape_inline(text: str) -> str:
    """Escape a single-line value (title, name) for use inside generated Markdown."""
    return escape_markdown(" ".join(text.split()))


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL safe to write into generated Markdown as it is."""
    return bool(_WEB_URL.match(url))


def is_safe_link(url: str) -> bool:
    """A link target a rendered page may keep: http(s), mailto, an anchor or a relative path.
    A browser decodes entities in attributes ("javascript&#58;..."), so judge the decoded URL,
    without the control characters and spaces browsers ignore in a scheme."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(html.unescape(url)))
    return bool(_SAFE_SCHEME.match(cleaned))


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 article', '3 articles', '2 people' (with ``many``)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
