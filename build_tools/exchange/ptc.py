"""SemEval-2020 Task 11 (Propaganda Techniques Corpus) label files, parsed and formatted.

A label file has one tab-separated row per technique instance:
``<article id>\t<technique label>\t<begin>\t<end>``, offsets counting characters of
``article<id>.txt`` as distributed (begin inclusive, end exclusive). Pure: text in, rows and
located diagnostics (no path yet) out, and rows back to text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from build_tools.diagnostics import Diagnostic, error
from build_tools.exchange.record import Record

ROW_HINT = "a row is <article id> TAB <technique label> TAB <begin> TAB <end>"
_ARTICLE_SEED = re.compile(r"^article(?P<id>\d+)\.txt$")
_OFFSET = re.compile(r"[0-9]{1,12}")


@dataclass(frozen=True)
class PtcRow:
    article_id: str
    record: Record  # kind "technique", with the label as written


@dataclass
class PtcLabels:
    rows: list[PtcRow] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # lines in the file, no path


def parse_ptc_labels(text: str) -> PtcLabels:
    """Every well-formed row; each malformed line is a problem, and the rest still parse."""
    result = PtcLabels()
    for number, raw in enumerate(text.lstrip("\ufeff").split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) == 3 and all(f.strip().isdigit() for f in fields):
            result.problems.append(error("a row without a technique label (a span-identification "
                                         "file?)", "malformed-row", line=number, hint=ROW_HINT))
            continue
        if len(fields) != 4 or not fields[0].strip() or not fields[1].strip():
            result.problems.append(error(f"expected 4 tab-separated fields, found {len(fields)}",
                                         "malformed-row", line=number, hint=ROW_HINT))
            continue
        article_id, label, begin, end = (f.strip() for f in fields)
        # ASCII digits, and no more than an offset can be: str.isdigit() also takes "²" and
        # "٣", and int() refuses numbers of over 4,300 digits (found by tests/fuzzing.py)
        if not (_OFFSET.fullmatch(begin) and _OFFSET.fullmatch(end)):
            result.problems.append(error(f"offsets must be whole numbers, not '{begin}' and '{end}'",
                                         "malformed-row", line=number, hint=ROW_HINT))
            continue
        if int(begin) >= int(end):
            result.problems.append(error(f"begin {begin} is not before end {end}", "bad-offsets",
                                         line=number, hint="begin is inclusive, end exclusive"))
            continue
        record = Record("technique", int(begin), int(end), label=label, line=number)
        result.rows.append(PtcRow(article_id, record))
    return result


def format_ptc_labels(article_id: str, records: list[Record]) -> str:
    """Rows for the technique records, sorted by begin, end and label."""
    rows = sorted((r.start, r.end, r.label or "") for r in records if r.kind == "technique")
    return "".join(f"{article_id}\t{label}\t{start}\t{end}\n" for start, end, label in rows)


def ptc_article_id(seed: str | None, article_id: str) -> str:
    """The number of a seed named ``article<id>.txt``, else the article's file stem."""
    match = _ARTICLE_SEED.match(PurePosixPath(seed).name) if seed else None
    return match.group("id") if match else article_id


def seed_name(ptc_id: str) -> str | None:
    """The seed file a PTC article id names, or None for an id that is an article stem."""
    return f"article{ptc_id}.txt" if ptc_id.isdigit() else None
