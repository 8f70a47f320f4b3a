"""Text-quote anchoring: find annotated words again in a text, as the W3C TextQuoteSelector
and Hypothesis do, and map between an article body's Markdown and the plain text a reader sees.

``find_quote`` looks for ``exact`` in a text, ignoring differences in white space (a seed's
line breaks are a body's paragraph breaks), and among several occurrences takes the one whose
surroundings agree best with ``prefix`` and ``suffix``. It never guesses: no occurrence means
no anchor. ``PlainView`` maps every plain character of a body back to the Markdown it came from
(escapes, ``&lt;``, span markup), so a span found in plain text can be marked in the Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.annotations import scan_spans

_WS = re.compile(r"\s+")
CONTEXT = 32  # characters of prefix and suffix recorded for a quote


@dataclass(frozen=True)
class Squashed:
    text: str  # white-space runs as one space
    starts: list[int]  # original index of each character


def squash(text: str) -> Squashed:
    out: list[str] = []
    starts: list[int] = []
    pos = 0
    for match in _WS.finditer(text):
        for i in range(pos, match.start()):
            out.append(text[i])
            starts.append(i)
        out.append(" ")
        starts.append(match.start())
        pos = match.end()
    for i in range(pos, len(text)):
        out.append(text[i])
        starts.append(i)
    return Squashed("".join(out), starts)


@dataclass(frozen=True)
class Found:
    start: int
    end: int


def find_quote(text: str, exact: str, prefix: str = "", suffix: str = "",
               near: int | None = None, squashed: Squashed | None = None) -> Found | None:
    """Where ``exact`` is in ``text``; ``near`` (an index into ``text``) breaks ties."""
    target = _WS.sub(" ", exact).strip()
    if not target:
        return None
    view = squashed or squash(text)
    hits = []
    at = view.text.find(target)
    while at != -1:
        hits.append(at)
        at = view.text.find(target, at + 1)
    if not hits:
        return None
    before = _WS.sub(" ", prefix)
    after = _WS.sub(" ", suffix)

    def score(hit: int) -> tuple[int, int]:
        agree = _common_suffix(view.text[max(0, hit - len(before)):hit].rstrip(), before.rstrip())
        end = hit + len(target)
        agree += _common_prefix(view.text[end:end + len(after)].lstrip(), after.lstrip())
        distance = abs(view.starts[hit] - near) if near is not None else hit
        return (-agree, distance)

    best = min(hits, key=score)
    last = best + len(target) - 1
    return Found(view.starts[best], view.starts[last] + 1)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def context_of(text: str, start: int, end: int, size: int = CONTEXT) -> tuple[str, str]:
    """The prefix and suffix recorded with a quote at ``start:end`` of ``text``."""
    return text[max(0, start - size):start], text[end:end + size]


_ENTITIES = (("&lt;", "<"), ("&amp;", "&"))


@dataclass(frozen=True)
class PlainView:
    """The plain text of an article body, and for each of its characters the body range
    ``[body_start[i], body_end[i])`` it was written as."""

    text: str
    body_start: list[int]
    body_end: list[int]


def plain_view(body: str) -> PlainView:
    markup: set[int] = set()
    for raw in scan_spans(body):
        markup.update(range(raw.start, raw.text_start))
        markup.update(range(raw.text_end, raw.end))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(body):
        if i in markup:
            i += 1
            continue
        if body[i] == "\\" and i + 1 < len(body) and i + 1 not in markup:
            chars.append(body[i + 1])
            starts.append(i)
            ends.append(i + 2)
            i += 2
            continue
        entity = next(((e, c) for e, c in _ENTITIES if body.startswith(e, i)), None)
        if entity is not None:
            chars.append(entity[1])
            starts.append(i)
            ends.append(i + len(entity[0]))
            i += len(entity[0])
            continue
        chars.append(body[i])
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return PlainView("".join(chars), starts, ends)
