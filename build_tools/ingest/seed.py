"""Parse a raw seed text into its parts: date, title, credit/place line, paragraphs.

Input: the decoded text of a seed. Output: a ``ParsedSeed``; its problems are ``Diagnostic``s
with lines in the seed and no path (the caller places them). The layout is the one scrapers
and copy-paste produce: a date line, a title line, an optional photo credit or place line,
then paragraphs separated by blank lines. Some pages put the title first ("Lavrov says Russia
will respond" / "Sep 6, 2022"); lines before the date other than such a title are kept as the
first paragraphs, never dropped. Texts distributed without a date line (the SemEval PTC
articles start with their title) are parsed with a ``default_date`` given by the caller: the
title is then the first line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.diagnostics import Diagnostic, error
from build_tools.ingest.dates import find_date, parse_date_line
from build_tools.limits import Limits, limit_error

CREDIT_RES = [
    re.compile(r"^(?:Photo|Photos|Фото|Image|Picture)\s*(?:credit)?\s*[:：]\s*(?P<credit>.+)$", re.I),
    re.compile(r"^[©Ⓒ]\s*(?P<credit>.+)$"),
    re.compile(r"^\((?P<credit>(?:AP|Reuters|AFP|EPA|Getty)?\s*Photo/.+)\)$", re.I),
]
# "MOSCOW, December 29 – RIA Novosti." and "MOSCOW, September 19. /TASS/."
DATELINE_RE = re.compile(
    r"^(?P<dateline>[A-ZА-ЯЁ][A-ZА-ЯЁ\-]+(?:[ ,]+[A-ZА-ЯЁ][A-ZА-ЯЁ\-]+)*,\s+(?:"
    r"[^–—\-]{3,30}?\s+[–—\-]\s+[A-ZА-ЯЁ][\w.\- ]{1,40}?\."
    r"|[^./]{3,30}?\.\s*/[^/\n]{2,30}/\.?))\s"
)
BOILERPLATE_RE = re.compile(
    r"^(?:Read (?:us |more )?(?:in|on) Google News!?|Subscribe to .{0,60}|Translated (?:by|with|from) .{0,80}"
    r"|Translation:? .{0,80}|Machine translation.{0,80}|Share (?:this|on) .{0,40}"
    r"|(?:You can |Please |Don['’]t forget to )?share this (?:story|article|post|news|page)\b.{0,60})$", re.I)


@dataclass
class Paragraph:
    text: str
    line: int  # 1-based line in the seed


@dataclass
class ParsedSeed:
    date: str | None = None
    date_line: str | None = None
    title: str | None = None
    title_line: int = 0
    photo_credit: str | None = None
    place: str | None = None
    dateline: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    boilerplate: list[Paragraph] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # lines in the seed, no path yet


@dataclass
class _Line:
    """A non-blank line of the seed, stripped; ``index`` counts from 0."""

    index: int
    text: str


@dataclass
class _DateLine:
    """The publication date's line and the date it gives (ISO)."""

    line: _Line
    position: int  # among the non-blank lines
    iso: str


@dataclass
class _TitlePlace:
    """Where the title is, where the text under it starts, and the text above the date."""

    line: _Line
    text_start: int  # index of the first line after the title (or after the date, if it is first)
    before: list[Paragraph]


def _blocks(lines: list[str], start: int, end: int | None = None) -> list[Paragraph]:
    """Blank-line separated blocks from ``lines[start:end]``; hard-wrapped lines are joined."""
    blocks: list[Paragraph] = []
    current: list[str] = []
    first = 0
    for index in range(start, len(lines) if end is None else end):
        line = lines[index].replace("\u00a0", " ").replace("\u200b", "").strip()
        if line:
            if not current:
                first = index + 1
            current.append(line)
        elif current:
            blocks.append(Paragraph(" ".join(current), first))
            current = []
    if current:
        blocks.append(Paragraph(" ".join(current), first))
    return blocks


def parse_seed(text: str, default_date: str | None = None, limits: Limits | None = None) -> ParsedSeed:
    """The parts of a seed; on a missing date, title or text, the problem (and the parts so far).

    ``default_date`` (ISO) is the date of a seed that has no date line of its own; such a seed
    starts with its title. A seed with a date line keeps its own date. A title line longer than
    ``limits.title_length`` is an error that says so."""
    limits = limits or Limits()
    seed = ParsedSeed()
    lines = text.lstrip("\ufeff").split("\n")
    nonblank = [_Line(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]
    if not nonblank:
        seed.problems.append(error("seed is empty", "empty-seed", line=1,
                                   hint="a seed starts with a date line, then the title"))
        return seed
    date = _find_date_line(nonblank)
    if date is None and default_date is None:
        seed.problems.append(_no_date(nonblank[0]))
        return seed
    if date is None:
        seed.date = default_date
        title = _TitlePlace(nonblank[0], nonblank[0].index + 1, [])
    else:
        seed.date, seed.date_line = date.iso, date.line.text
        title = _place_title(lines, nonblank, date, limits.title_length)
    problem = _title_problem(title.line, limits)
    if problem is not None:
        seed.problems.append(problem)
        return seed
    seed.title, seed.title_line = " ".join(title.line.text.split()), title.line.index + 1
    fill_text(seed, _blocks(lines, title.text_start), title.before)
    if not seed.paragraphs:
        seed.problems.append(error("seed has a title but no text", "no-text", line=seed.title_line,
                                   hint="paragraphs follow the title, separated by blank lines"))
    return seed


def fill_text(seed: ParsedSeed, blocks: list[Paragraph], before: list[Paragraph] | None = None,
              places: bool = True) -> None:
    """The text under the title: a credit or place line first, the agency dateline, the
    paragraphs, and the trailing boilerplate. Shared by text seeds and saved web pages (whose
    short first line is a subheading more often than a place: ``places=False``)."""
    blocks = _take_credit_or_place(seed, blocks, places)
    seed.dateline = _dateline(blocks)
    end = _boilerplate_start(blocks)
    seed.boilerplate = blocks[end:]
    seed.paragraphs = (before or []) + blocks[:end]  # lines above the date are text too ("Politics"...)


def _find_date_line(nonblank: list[_Line]) -> _DateLine | None:
    """The publication date: the first date banner among the first lines, before the title."""
    for position, line in enumerate(nonblank[:3]):
        iso = parse_date_line(line.text)
        if iso:
            return _DateLine(line, position, iso)
    return None


def _no_date(first: _Line) -> Diagnostic:
    """The first line holds no date, or a date among other words."""
    hint = ("the first line must be the publication date, e.g. 'Sep 6, 2022' or '2022-09-06' "
            "(for texts without one: ingest --date YYYY-MM-DD)"
            if not find_date(first.text) else "the date line must hold only the date (and time)")
    return error("no recognisable publication date on the first lines", "no-date",
                 line=first.index + 1, hint=hint)


def _title_problem(line: _Line, limits: Limits) -> Diagnostic | None:
    """Why the title line cannot be a title: missing, too long, or a paragraph."""
    text, number = " ".join(line.text.split()), line.index + 1
    if not text:
        return error("no title after the date line", "no-title", line=number,
                     hint="the line after the date must be the article's title")
    if len(text) > limits.title_length:
        return limit_error("title_length", limits, f"the title line is {len(text):,} characters",
                           "title-too-long", "shorten the title line (the seed's first lines: "
                           "date, then title)", line=number)
    if not _title_like(text, limits.title_length):
        return error(f"the line after the date reads as a paragraph ({len(text):,} characters "
                     "ending a sentence), not a title", "no-title", line=number,
                     hint="put the article's title on the line after the date; a title ending in "
                     "'.', '?' or '!' may be 200 characters long")
    return None


def _place_title(lines: list[str], nonblank: list[_Line], date: _DateLine, max_title: int
                 ) -> _TitlePlace:
    """The title is the line after the date, or the one above it (see ``_title_above_date``).
    Its line is empty when nothing follows the date."""
    if _title_above_date(lines, nonblank, date, max_title):
        title = nonblank[date.position - 1]
        return _TitlePlace(title, date.line.index + 1, _blocks(lines, nonblank[0].index, title.index))
    after = [line for line in nonblank if line.index > date.line.index]
    title = after[0] if after else _Line(date.line.index + 1, "")
    return _TitlePlace(title, title.index + 1, _blocks(lines, nonblank[0].index, date.line.index))


def _title_above_date(lines: list[str], nonblank: list[_Line], date: _DateLine, max_title: int
                      ) -> bool:
    """"Lavrov says Russia will respond" above its date: the title comes first. Not when the
    date opens the block of its title ("Politics" / "" / "Sep 6, 2022" / "Lavrov says ...")."""
    index, position = date.line.index, date.position
    ends_block = index + 1 >= len(lines) or not lines[index + 1].strip()
    above = nonblank[position - 1].index == index - 1 if position else False
    title_first = position == 1 and (above or ends_block) or position == 2 and above and ends_block
    return title_first and _title_like(nonblank[position - 1].text, max_title)


def _take_credit_or_place(seed: ParsedSeed, blocks: list[Paragraph], places: bool = True
                          ) -> list[Paragraph]:
    """A photo credit ("Photo: ZumaTASS") or a place line ("The Kremlin, Moscow") under the title
    goes into ``seed``, not the text; a place line only when text follows it."""
    if blocks:
        credit = _credit(blocks[0].text)
        if credit:
            seed.photo_credit = credit
            return blocks[1:]
        if places and _is_place_line(blocks[0].text) and len(blocks) > 1:
            seed.place = blocks[0].text
            return blocks[1:]
    return blocks


def _dateline(blocks: list[Paragraph]) -> str | None:
    """The agency dateline that opens the text ("MOSCOW, September 19. /TASS/."); it stays in
    the text, the publisher is guessed from it."""
    match = DATELINE_RE.match(blocks[0].text) if blocks else None
    return match.group("dateline").strip() if match else None


def _boilerplate_start(blocks: list[Paragraph]) -> int:
    """Where the trailing boilerplate ("Read in Google News!", "Translated by ...") begins."""
    end = len(blocks)
    while end and BOILERPLATE_RE.match(blocks[end - 1].text):
        end -= 1
    return end


def _title_like(line: str, max_title: int) -> bool:
    """Not empty, and not a paragraph: at most ``max_title`` characters (300 by default), 200
    if it ends a sentence."""
    return bool(line) and len(line) <= max_title and not (line.endswith((".", "?", "!"))
                                                          and len(line) > 200)


def _credit(text: str) -> str | None:
    for pattern in CREDIT_RES:
        match = pattern.match(text)
        if match:
            return match.group("credit").strip()
    return None


def _is_place_line(text: str) -> bool:
    """A short label line such as 'Russky Island, Vladivostok' or 'The Kremlin, Moscow'."""
    if len(text) > 70 or text.endswith((".", "?", "!", ":", "…")) or parse_date_line(text):
        return False
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 8:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitalised >= max(1, len(words) - 2)
