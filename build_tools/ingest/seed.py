"""Parse a raw seed text into its parts: date, title, credit/place line, paragraphs.

Input: the decoded text of a seed. Output: a ``ParsedSeed``; its problems are ``Diagnostic``s
with lines in the seed and no path (the caller places them). The layout is the one scrapers
and copy-paste produce: a date line, a title line, an optional photo credit or place line,
then paragraphs separated by blank lines. Some pages put the title first ("Lavrov says Russia
will respond" / "Sep 6, 2022"); lines before the date other than such a title are kept as the
first paragraphs, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.diagnostics import Diagnostic, error
from build_tools.ingest.dates import find_date, parse_date_line

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


def parse_seed(text: str) -> ParsedSeed:
    seed = ParsedSeed()
    lines = text.lstrip("\ufeff").split("\n")
    nonblank = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]
    if not nonblank:
        seed.problems.append(error("seed is empty", "empty-seed", line=1,
                                   hint="a seed starts with a date line, then the title"))
        return seed
    # The publication date: the first date banner among the first lines, before the title.
    date_index = None
    for i, line in nonblank[:3]:
        iso = parse_date_line(line)
        if iso:
            seed.date, seed.date_line, date_index = iso, line, i
            break
    if date_index is None:
        first_line = nonblank[0][0] + 1
        found = find_date(nonblank[0][1])
        hint = ("the first line must be the publication date, e.g. 'Sep 6, 2022' or '2022-09-06'"
                if not found else "the date line must hold only the date (and time)")
        seed.problems.append(error("no recognisable publication date on the first lines", "no-date",
                                   line=first_line, hint=hint))
        return seed
    position = next(n for n, (i, _) in enumerate(nonblank) if i == date_index)
    ends_block = date_index + 1 >= len(lines) or not lines[date_index + 1].strip()
    above = nonblank[position - 1][0] == date_index - 1 if position else False
    # "Lavrov says Russia will respond" above its date: the title comes first. Not when the
    # date opens the block of its title ("Politics" / "" / "Sep 6, 2022" / "Lavrov says ...").
    title_first = position == 1 and (above or ends_block) or position == 2 and above and ends_block
    if title_first and _title_like(nonblank[position - 1][1]):
        candidate_line, candidate = nonblank[position - 1]
        text_start, before = date_index + 1, _blocks(lines, nonblank[0][0], candidate_line)
    else:
        after = [(i, ln) for i, ln in nonblank if i > date_index]
        candidate_line, candidate = after[0] if after else (date_index + 1, "")
        text_start, before = candidate_line + 1, _blocks(lines, nonblank[0][0], date_index)
    if not _title_like(candidate):
        line_no = candidate_line + 1 if candidate else date_index + 2
        seed.problems.append(error("no title after the date line", "no-title", line=line_no,
                                   hint="the line after the date must be the article's title"))
        return seed
    seed.title, seed.title_line = " ".join(candidate.split()), candidate_line + 1
    blocks = _blocks(lines, text_start)
    if blocks:
        first = blocks[0]
        credit = _credit(first.text)
        if credit:
            seed.photo_credit = credit
            blocks = blocks[1:]
        elif _is_place_line(first.text) and len(blocks) > 1:
            seed.place = first.text
            blocks = blocks[1:]
    if blocks:
        match = DATELINE_RE.match(blocks[0].text)
        if match:
            seed.dateline = match.group("dateline").strip()
    while blocks and BOILERPLATE_RE.match(blocks[-1].text):
        seed.boilerplate.insert(0, blocks.pop())
    blocks = before + blocks  # lines above the date are text too ("Politics", a lead...)
    seed.paragraphs = blocks
    if not blocks:
        seed.problems.append(error("seed has a title but no text", "no-text", line=seed.title_line,
                                   hint="paragraphs follow the title, separated by blank lines"))
    return seed


def _title_like(line: str) -> bool:
    """Not empty, and not a paragraph: at most 300 characters, 200 if it ends a sentence."""
    return bool(line) and len(line) <= 300 and not (line.endswith((".", "?", "!")) and len(line) > 200)


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
