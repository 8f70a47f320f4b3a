"""Text-quote anchoring: find annotated words again in a text, as the W3C TextQuoteSelector
and Hypothesis do, and map between an article body's Markdown and the plain text a reader sees.

``find_quote`` looks for ``exact`` in a text, ignoring differences in white space (a seed's
line breaks are a body's paragraph breaks), and among several occurrences takes the one whose
surroundings agree best with ``prefix`` and ``suffix``. It never guesses: no occurrence means
no anchor. ``PlainView`` maps every plain character of a body back to the Markdown it came from
(escapes, ``&lt;``, span markup), so a span found in plain text can be marked in the Markdown.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass

from build_tools.annotations import scan_spans
from build_tools.invisible import strip_invisible

_WS = re.compile(r"\s+")
_LONG_WS = re.compile(r"\s{2,}")
CONTEXT = 32  # characters of prefix and suffix recorded for a quote


@dataclass(frozen=True)
class Squashed:
    """A text with each run of white space written as one space, and the way back: the
    ``k``-th run starts at ``starts[k]`` in the squashed text and at ``origins[k]`` in the
    original, and ``shift[k]`` characters were dropped up to and including it."""

    text: str
    starts: array[int]
    origins: array[int]
    shift: array[int]

    def original(self, index: int) -> int:
        """The index in the original text of squashed character ``index``."""
        k = bisect.bisect_right(self.starts, index) - 1
        if k < 0:
            return index
        if index == self.starts[k]:
            return self.origins[k]
        return index + self.shift[k]


def squash(text: str) -> Squashed:
    starts, origins, shift = array("l"), array("l"), array("l")
    dropped = 0
    # A single white-space character becomes one space in place: only longer runs move text.
    for match in _LONG_WS.finditer(text):
        starts.append(match.start() - dropped)
        origins.append(match.start())
        dropped += match.end() - match.start() - 1
        shift.append(dropped)
    return Squashed(_WS.sub(" ", text), starts, origins, shift)


@dataclass(frozen=True)
class Found:
    start: int
    end: int


def find_quote(text: str, exact: str, prefix: str = "", suffix: str = "",
               near: int | None = None, squashed: Squashed | None = None) -> Found | None:
    """Where ``exact`` is in ``text``; ``near`` (an index into ``text``) breaks ties. Invisible
    characters of the seed's words are not looked for: articles are written without them."""
    exact, prefix, suffix = strip_invisible(exact), strip_invisible(prefix), strip_invisible(suffix)
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
        distance = abs(view.original(hit) - near) if near is not None else hit
        return (-agree, distance)

    best = min(hits, key=score)
    last = best + len(target) - 1
    return Found(view.original(best), view.original(last) + 1)


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


_SPECIAL = re.compile(r"\\.|&lt;|&amp;", re.S)
_SPECIAL_TEXT = {"&lt;": "<", "&amp;": "&"}


@dataclass(frozen=True)
class PlainView:
    """The plain text of an article body (what a reader sees) and how each of its characters
    is written in the body. The map is kept as runs: run ``k`` starts at plain index
    ``plain[k]`` and body index ``body[k]``; a run of ``width[k] == 0`` copies characters one to
    one up to the next run, any other run is one character written with ``width[k]`` body
    characters (an escape ``\\*``, an entity ``&lt;``). Span markup is in no run."""

    text: str
    body_text: str
    plain: array[int]
    body: array[int]
    width: array[int]

    def _run(self, index: int) -> int:
        return bisect.bisect_right(self.plain, index) - 1

    def body_start(self, index: int) -> int:
        """Where plain character ``index`` starts in the body."""
        if index >= len(self.text):
            return len(self.body_text)
        k = self._run(index)
        return self.body[k] + (index - self.plain[k] if self.width[k] == 0 else 0)

    def plain_index(self, body_index: int) -> int:
        """The first plain character written at or after ``body_index``."""
        lo, hi = 0, len(self.text)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.body_start(mid) < body_index:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def source(self, start: int, end: int) -> str:
        """The body Markdown of plain characters ``start:end``, without span markup."""
        out: list[str] = []
        k = max(0, self._run(start))
        while k < len(self.plain) and self.plain[k] < end:
            run_end = self.plain[k + 1] if k + 1 < len(self.plain) else len(self.text)
            a, b = max(start, self.plain[k]), min(end, run_end)
            if a < b:
                if self.width[k] == 0:
                    offset = self.body[k] - self.plain[k]
                    out.append(self.body_text[a + offset:b + offset])
                else:
                    out.append(self.body_text[self.body[k]:self.body[k] + self.width[k]])
            k += 1
        return "".join(out)


def plain_view(body: str) -> PlainView:
    cuts: list[tuple[int, int]] = []
    for raw in scan_spans(body):
        cuts += [(raw.start, raw.text_start), (raw.text_end, raw.end)]
    cuts.sort()
    text: list[str] = []
    plain, starts, width = array("l"), array("l"), array("l")
    size = 0

    def run(at: int, chars: str, wide: int) -> None:
        nonlocal size
        plain.append(size)
        starts.append(at)
        width.append(wide)
        text.append(chars)
        size += len(chars)

    def copy(a: int, b: int) -> None:
        pos = a
        for match in _SPECIAL.finditer(body, a, b):
            if match.start() > pos:
                run(pos, body[pos:match.start()], 0)
            token = match.group(0)
            run(match.start(), _SPECIAL_TEXT.get(token, token[1:]), len(token))
            pos = match.end()
        if b > pos:
            run(pos, body[pos:b], 0)

    pos = 0
    for a, b in cuts:
        if a > pos:
            copy(pos, a)
        pos = max(pos, b)
    copy(pos, len(body))
    return PlainView("".join(text), body, plain, starts, width)
