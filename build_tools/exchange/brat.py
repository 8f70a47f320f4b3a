"""brat standoff files (``.ann`` beside a ``.txt``), parsed and formatted.

Lines written and read: ``T<n>\t<Type> <start> <end>[;<start> <end>...]\t<text>`` (a text
span, in fragments), ``A<n>\tAssessment T<n> <value>`` (a claim's assessment) and
``#<n>\tAnnotatorNotes T<n>\t<text>`` (a quote's ``speaker: <actor id>``, or a note).
Offsets count characters of the ``.txt``. brat types cannot hold a comma, so a technique
label's ``,`` is written ``__`` (``Name_Calling,Labeling`` -> ``Name_Calling__Labeling``); no
label has ``__``, so the rule is reversible. Spans across line breaks are written as one
fragment per line, so the text field never holds a line break. Pure: text in, records and
located diagnostics (no path yet) out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.diagnostics import Diagnostic, error, warning
from build_tools.exchange.record import Record

KIND_TYPES = {"quote": "Quote", "claim": "Claim", "tn": "Translation_note"}
TYPE_KINDS = {v: k for k, v in KIND_TYPES.items()}
SPEAKER = "speaker: "
_TYPE_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_,-]*$")
# Offsets: ASCII digits, at most 12 (``\d`` takes any script's digits, and int() refuses
# numbers of over 4,300 digits: found by tests/fuzzing.py).
_ENTITY = re.compile(r"^(?P<type>\S+) (?P<frags>[0-9]{1,12} [0-9]{1,12}(?:;[0-9]{1,12} [0-9]{1,12})*)$")
_LINE_BREAK = re.compile(r"[^\r\n]+")


@dataclass(frozen=True)
class Fragment:
    start: int
    end: int


@dataclass(frozen=True)
class BratSpan:
    record: Record
    fragments: tuple[Fragment, ...]
    text: str  # the text field as written: the fragments' text joined by spaces


@dataclass
class BratRead:
    spans: list[BratSpan] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # lines in the file, no path


@dataclass
class BratOut:
    text: str
    problems: list[Diagnostic] = field(default_factory=list)  # records left out, at their file


def brat_type(label: str) -> str | None:
    """The brat type of a technique label; None when no reversible name exists."""
    if "__" in label or not _TYPE_SAFE.match(label) or label in TYPE_KINDS:
        return None
    return label.replace(",", "__")


def label_of_type(brat: str) -> str:
    return brat.replace("__", ",")


def fragments_of(seed: str, start: int, end: int) -> tuple[Fragment, ...]:
    """``seed[start:end]`` cut at line breaks: one fragment per line it touches."""
    return tuple(Fragment(m.start(), m.end()) for m in _LINE_BREAK.finditer(seed, start, end))


def fragment_text(seed: str, fragments: tuple[Fragment, ...]) -> str:
    return " ".join(seed[f.start:f.end] for f in fragments)


def format_ann(seed: str, records: list[Record]) -> BratOut:
    out: list[str] = []
    problems: list[Diagnostic] = []
    counts = {"T": 0, "A": 0, "#": 0}

    def add(prefix: str, rest: str) -> str:
        counts[prefix] += 1
        out.append(f"{prefix}{counts[prefix]}\t{rest}")
        return f"{prefix}{counts[prefix]}"

    for record in sorted(records, key=lambda r: r.sort_key):
        kind_type = KIND_TYPES.get(record.kind) or brat_type(record.label or "")
        fragments = fragments_of(seed, record.start, record.end)
        if kind_type is None or not fragments:
            why = f"the label '{record.label}' has no brat type name" if kind_type is None \
                else "the span holds only line breaks"
            problems.append(warning(f"not exported to brat: {why}", "brat-skipped", path=record.path,
                                    line=record.line, hint="brat types are letters, digits, _ and -; "
                                    "',' is written '__'"))
            continue
        where = ";".join(f"{f.start} {f.end}" for f in fragments)
        target = add("T", f"{kind_type} {where}\t{fragment_text(seed, fragments)}")
        if record.kind == "claim" and record.assessment:
            add("A", f"Assessment {target} {record.assessment}")
        if record.kind == "quote" and record.actor:
            add("#", f"AnnotatorNotes {target}\t{SPEAKER}{record.actor}")
        if record.note:
            add("#", f"AnnotatorNotes {target}\t{' '.join(record.note.split())}")
    return BratOut("".join(line + "\n" for line in out), problems)


def read_ann(text: str) -> BratRead:
    """Text-bound annotations with their assessments and notes; other lines are reported."""
    result = BratRead()
    lines = _Lines()
    for number, raw in enumerate(text.lstrip("\ufeff").split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        problem = _read_line(line, number, lines)
        if problem is not None:
            result.problems.append(problem)
    for target, number in lines.refs.items():
        if target not in lines.entities:
            result.problems.append(error(f"assessment or note for unknown annotation '{target}'",
                                         "unknown-target", line=number,
                                         hint="A and # lines refer to a T line of the same file"))
    for tid, (number, brat, fragments, written) in lines.entities.items():
        span = _span(tid, number, brat, fragments, written, lines.assessments,
                     lines.notes.get(tid, []))
        if isinstance(span, Diagnostic):
            result.problems.append(span)
        else:
            result.spans.append(span)
    return result


@dataclass
class _Lines:
    """What the lines of one file said, by annotation id."""

    entities: dict[str, tuple[int, str, tuple[Fragment, ...], str]] = field(default_factory=dict)
    assessments: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    refs: dict[str, int] = field(default_factory=dict)  # target id -> first line naming it


def _read_line(line: str, number: int, lines: _Lines) -> Diagnostic | None:
    parts = line.split("\t", 2)
    ident = parts[0]
    if ident[:1] == "T" and len(parts) == 3:
        match = _ENTITY.match(parts[1])
        if match is None:
            return error("a text annotation is T<n> TAB <Type> <start> <end> TAB <text>",
                         "malformed-row", line=number,
                         hint="fragments are 'start end' (whole numbers), joined by ';'")
        if ident in lines.entities:
            return error(f"'{ident}' is given twice", "duplicate-id", line=number)
        fragments = tuple(Fragment(int(a), int(b)) for a, b in
                          (f.split() for f in match.group("frags").split(";")))
        lines.entities[ident] = (number, match.group("type"), fragments, parts[2])
        return None
    if ident[:1] == "A" and len(parts) == 2 and len(parts[1].split()) == 3:
        name, target, value = parts[1].split()
        if name != "Assessment":
            return warning(f"attribute '{name}' is not imported", "not-imported", line=number,
                           hint="only Assessment (of a Claim) is")
        lines.assessments[target] = value
        lines.refs.setdefault(target, number)
        return None
    if ident[:1] == "#" and len(parts) == 3 and len(parts[1].split()) == 2 \
            and parts[1].startswith("AnnotatorNotes "):
        target = parts[1].split()[1]
        lines.notes.setdefault(target, []).append(parts[2].strip())
        lines.refs.setdefault(target, number)
        return None
    if ident[:1] in ("R", "E", "M", "N", "*", "A", "#"):
        return warning(f"'{ident}' is not imported (relations, events, normalisations and other "
                       "notes have no place in the corpus)", "not-imported", line=number)
    return error("not a brat standoff line", "malformed-row", line=number,
                 hint="lines start with T, A, R, E, M, N, # or *, then a tab")


def _span(tid: str, number: int, brat: str, fragments: tuple[Fragment, ...], written: str,
          assessments: dict[str, str], notes: list[str]) -> BratSpan | Diagnostic:
    if any(f.start >= f.end for f in fragments) or \
            any(a.end > b.start for a, b in zip(fragments, fragments[1:], strict=False)):
        return error(f"{tid}: fragments must be non-empty and in order", "bad-offsets", line=number)
    kind = TYPE_KINDS.get(brat, "technique")
    speakers = [n[len(SPEAKER):].strip() for n in notes if n.startswith(SPEAKER)]
    others = [n for n in notes if not n.startswith(SPEAKER)]
    record = Record(kind, fragments[0].start, fragments[-1].end,
                    label=label_of_type(brat) if kind == "technique" else None,
                    actor=speakers[0] if kind == "quote" and speakers else None,
                    assessment=assessments.get(tid) if kind == "claim" else None,
                    note=" ".join(others) or None, line=number)
    if kind == "quote" and record.actor is None:
        return error(f"{tid}: a Quote needs its speaker", "missing-speaker", line=number,
                     hint=f"add: #<n> TAB AnnotatorNotes {tid} TAB speaker: <actor id>")
    if kind == "tn" and record.note is None:
        return error(f"{tid}: a Translation_note needs its note", "missing-note", line=number,
                     hint=f"add: #<n> TAB AnnotatorNotes {tid} TAB <the note>")
    return BratSpan(record, fragments, written)
