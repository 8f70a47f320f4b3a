"""The inline annotation grammar, shared by ingest, validation, indexing and rendering.

An annotation marks a span of article text, Pandoc-style::

    [joint venture»:]{.speaker .tn actor=svobodnaya-pressa note="«СП» mistranslated"}
    [–]{.speaker actor=konstantin-asmolov inferred=dash-answer}
    [Kyiv regime deliberately spreads fakes]{.claim assessment=unsupported}
    [apogee of idiocy]{.technique name=name-calling codebook=semeval2020}

A span has one or more kinds (``.speaker``, ``.quote``, ``.claim``, ``.technique``, ``.tn``)
and ``key=value`` attributes (values with spaces are double-quoted, ``\\"`` escapes a quote).
A ``.speaker`` span at the start of a paragraph makes that paragraph a turn of the actor; an
empty text ``[]{.speaker actor=x}`` marks a turn that has no label in the source text.
Because one module parses the grammar, the index and the page renderer cannot disagree.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from build_tools.diagnostics import Diagnostic, error
from build_tools.markup import unescape_markdown
from build_tools.model import ID_RE, SpeakerRole

KINDS: dict[str, dict[str, bool]] = {
    # kind -> {attribute: required}
    "speaker": {"actor": True, "role": False},
    "quote": {"actor": True, "about": False},
    "claim": {"assessment": False, "by": False, "about": False},
    "technique": {"name": True, "codebook": False},
    "tn": {"note": False, "ref": False, "original": False},
}
# ``id`` names a span (its permalink, and for a claim the entry with its assessment details in
# the article's .annotations.yml); ``note`` is a free comment on any span.
COMMON_ATTRS = {"inferred": False, "line": False, "note": False, "id": False}
ROLE_VALUES = {role.value for role in SpeakerRole}

# The attributes between ``{`` and ``}``: a double-quoted value may hold braces (a note such
# as "the {sic} label"), which format_span writes as they are. Atomic and possessive, so that
# hostile text with many quotes cannot make the scanner backtrack (a lone quote is left for
# parse_attrs to report).
ATTRS = r'\.[a-z](?>"(?:[^"\\\n]|\\.)*"|[^{}\n\\"]|\\.|")*+'
# Only innermost spans (no brackets inside): for rewriting ingest's own speaker spans.
SPAN_RE = re.compile(
    r"\[(?P<text>(?:\\.|[^\[\]\\\n])*)\]\{(?P<attrs>" + ATTRS + r")\}"
)
_ATTR_TOKEN = re.compile(
    r'\s*(?:\.(?P<kind>[a-z][a-z0-9-]*)|(?P<key>[a-z][a-z0-9_-]*)=(?:"(?P<quoted>(?:\\.|[^"\\])*)"'
    r"|(?P<bare>[^\s\"}]+)))"
)
# What the span scanner looks at: an escape, a bracket, a closing bracket with attributes,
# a line end (spans stay within a line) and code, where nothing is an annotation.
_SCAN = re.compile(r"```.*?```|`[^`\n]*`|\\.|\[|\]\{(?P<attrs>" + ATTRS + r")\}|\]|\n", re.S)


@dataclass(frozen=True)
class Annotation:
    kinds: tuple[str, ...]
    text: str  # the annotated text as a reader sees it (nested markup and escapes removed)
    attrs: dict[str, str]
    start: int  # offsets of the whole span in the body, markup included
    end: int
    line: int  # 1-based line within the body
    col: int = 1
    text_start: int = 0  # offsets of the annotated text (between the brackets) in the body
    text_end: int = 0
    depth: int = 0  # 0 for an outermost span, 1 for a span inside it...

    def get(self, key: str) -> str | None:
        return self.attrs.get(key)

    def has(self, kind: str) -> bool:
        return kind in self.kinds

    def values(self, key: str) -> list[str]:
        """A list attribute (``about=north-korea,russia``)."""
        return [v for v in re.split(r"[\s,]+", self.attrs.get(key, "")) if v]


@dataclass
class ParsedBody:
    annotations: list[Annotation] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # lines and columns in the body


@dataclass(frozen=True)
class SpanAttrs:
    """What ``{.kind .kind key=value}`` says."""

    kinds: list[str]
    attrs: dict[str, str]


def _unquote(value: str) -> str:
    """A double-quoted attribute value as written by ``format_span``: ``\\"`` and ``\\\\``."""
    return re.sub(r"\\(.)", r"\1", value)


def parse_attrs(source: str) -> SpanAttrs | str:
    """Kinds and attributes of ``{...}``; a string is an error message."""
    kinds: list[str] = []
    attrs: dict[str, str] = {}
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        match = _ATTR_TOKEN.match(source, pos)
        if not match or match.end() == pos:
            return f"cannot read annotation attributes at '{source[pos:].strip()[:20]}'"
        if match.group("kind"):
            kinds.append(match.group("kind"))
        else:
            key = match.group("key")
            if key in attrs:
                return f"attribute '{key}' is given twice"
            value = match.group("quoted")
            attrs[key] = _unquote(value) if value is not None else match.group("bare")
        pos = match.end()
    return SpanAttrs(kinds, attrs)


@dataclass(frozen=True)
class RawSpan:
    """A span as the scanner found it, before its attributes are read."""

    start: int
    end: int
    text_start: int
    text_end: int
    attrs: str
    depth: int


def scan_spans(body: str) -> list[RawSpan]:
    """Every ``[text]{.kind ...}`` span outside code, nested ones included, in order of their
    opening bracket. Brackets that close without attributes (a link's text) pair off and are
    not spans; a span never crosses a line end."""
    if "]{" not in body:  # every span has it: most paragraphs hold none
        return []
    found: list[RawSpan] = []
    stack: list[int] = []
    for match in _SCAN.finditer(body):
        token = match.group(0)
        if token.startswith("`") or token.startswith("\\"):
            continue
        if token == "\n":
            stack.clear()
        elif token == "[":
            stack.append(match.start())
        elif stack:
            opening = stack.pop()
            if match.group("attrs") is not None:
                found.append(RawSpan(opening, match.end(), opening + 1, match.start(),
                                     match.group("attrs"), len(stack)))
    return sorted(found, key=lambda span: (span.start, -span.end))


def plain_text(markdown: str) -> str:
    """What a reader sees of annotated text: span markup and escapes removed."""
    return unescape_markdown(strip_annotations(markdown))


def parse_annotations(body: str, known_actor: Callable[[str], bool] | None = None) -> ParsedBody:
    """Every annotation in ``body`` with every problem found, never raising."""
    result = ParsedBody()
    for raw in scan_spans(body):
        line = body.count("\n", 0, raw.start) + 1
        col = raw.start - (body.rfind("\n", 0, raw.start) + 1) + 1
        parsed = parse_attrs(raw.attrs)
        if isinstance(parsed, str):
            result.problems.append(error(parsed, "annotation-syntax", line=line, col=col,
                                         hint='write {.kind key=value key="two words"}'))
            continue
        problem = _check(parsed.kinds, parsed.attrs, known_actor)
        if problem:
            result.problems.append(dataclasses.replace(problem, line=line, col=col))
            continue
        result.annotations.append(Annotation(
            tuple(parsed.kinds), plain_text(body[raw.text_start:raw.text_end]), parsed.attrs,
            raw.start, raw.end, line, col, raw.text_start, raw.text_end, raw.depth))
    return result


def _check(kinds: list[str], attrs: dict[str, str],
           known_actor: Callable[[str], bool] | None) -> Diagnostic | None:
    """The first problem of a span's kinds and attributes (line and column set by the caller)."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        return error(f"unknown annotation kind '.{unknown[0]}'", "annotation-kind",
                     hint="kinds are: " + ", ".join("." + k for k in KINDS))
    allowed = dict(COMMON_ATTRS)
    for kind in kinds:
        allowed.update(KINDS[kind])
    for key in attrs:
        if key not in allowed:
            return error(f"unknown annotation attribute '{key}'", "annotation-attribute",
                     hint="allowed here: " + ", ".join(sorted(allowed)))
    for kind in kinds:
        for key, required in KINDS[kind].items():
            if required and not attrs.get(key):
                return error(f"a .{kind} annotation needs '{key}='", "annotation-attribute")
    actor = attrs.get("actor")
    if actor is not None:
        if not ID_RE.match(actor):
            return error(f"'{actor}' is not a valid actor id", "annotation-actor",
                     hint="actor ids are kebab-case, like north-korea")
        if known_actor is not None and not known_actor(actor):
            return error(f"unknown actor '{actor}' in annotation", "unknown-actor",
                     hint="add it to corpus/actors/ or fix the id")
    role = attrs.get("role")
    if role is not None and role not in ROLE_VALUES:
        return error(f"unknown speaker role '{role}'", "annotation-attribute",
                     hint="roles are: " + ", ".join(sorted(ROLE_VALUES)))
    return None


def format_span(text: str, kinds: list[str], attrs: dict[str, str]) -> str:
    """Write an annotation span (used by ingest); ``text`` must already be Markdown-escaped."""
    parts = ["." + k for k in kinds]
    for key, value in attrs.items():
        # bare only without a backslash: "\}" would read as an escaped brace
        if re.fullmatch(r"[^\s\"{}\\]+", value):
            parts.append(f"{key}={value}")
        else:
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'{key}="{escaped}"')
    return f"[{text}]{{{' '.join(parts)}}}"


def strip_annotations(body: str) -> str:
    """The body with every span replaced by its text (still Markdown-escaped), nested ones too."""
    if "]{" not in body:  # no span
        return body
    cuts: list[tuple[int, int]] = []
    for raw in scan_spans(body):
        cuts += [(raw.start, raw.text_start), (raw.text_end, raw.end)]
    out, pos = [], 0
    for start, end in sorted(cuts):
        out.append(body[pos:start])
        pos = end
    out.append(body[pos:])
    return "".join(out)


def paragraph_key(paragraph: str) -> str:
    """Fingerprint of a paragraph's plain text: annotations, escapes and spacing ignored."""
    plain = " ".join(unescape_markdown(strip_annotations(paragraph)).split())
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Turn:
    actor: str
    role: str | None
    paragraph: int  # index of the paragraph in the body
    label: str
    inferred: str | None


def turns_of(body: str, annotations: list[Annotation]) -> list[Turn]:
    """Interview turns: speaker spans that open a paragraph."""
    starts = {}
    offset = 0
    for index, para in enumerate(body.split("\n\n")):
        lead = len(para) - len(para.lstrip())
        starts[offset + lead] = index
        offset += len(para) + 2
    turns = []
    for ann in annotations:
        if "speaker" in ann.kinds and ann.start in starts:
            turns.append(Turn(ann.attrs["actor"], ann.get("role"), starts[ann.start], ann.text,
                              ann.get("inferred")))
    return turns
