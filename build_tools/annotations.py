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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from build_tools.diagnostics import Diagnostic, error
from build_tools.markup import unescape_markdown
from build_tools.model import ID_RE, SpeakerRole

KINDS: dict[str, dict[str, bool]] = {
    # kind -> {attribute: required}
    "speaker": {"actor": True, "role": False},
    "quote": {"actor": True},
    "claim": {"assessment": False},
    "technique": {"name": True, "codebook": False},
    "tn": {"note": True, "original": False},
}
COMMON_ATTRS = {"inferred": False, "line": False, "note": False}
ROLE_VALUES = {role.value for role in SpeakerRole}

SPAN_RE = re.compile(
    r"\[(?P<text>(?:\\.|[^\[\]\\\n])*)\]\{(?P<attrs>\.[a-z][^{}\n]*)\}"
)
_ATTR_TOKEN = re.compile(
    r'\s*(?:\.(?P<kind>[a-z][a-z0-9-]*)|(?P<key>[a-z][a-z0-9_-]*)=(?:"(?P<quoted>(?:\\.|[^"\\])*)"'
    r"|(?P<bare>[^\s\"}]+)))"
)


@dataclass(frozen=True)
class Annotation:
    kinds: tuple[str, ...]
    text: str  # the annotated source text, unescaped
    attrs: dict[str, str]
    start: int  # offsets of the whole span in the body
    end: int
    line: int  # 1-based line within the body

    def get(self, key: str) -> str | None:
        return self.attrs.get(key)


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


def iter_spans(body: str) -> Iterator[re.Match[str]]:
    """Annotation spans outside code (fenced blocks and inline code are skipped)."""
    code = [m.span() for m in re.finditer(r"```.*?```|`[^`\n]*`", body, flags=re.S)]
    for match in SPAN_RE.finditer(body):
        if any(a <= match.start() < b for a, b in code):
            continue
        yield match


def parse_annotations(body: str, known_actor: Callable[[str], bool] | None = None) -> ParsedBody:
    """Every annotation in ``body`` with every problem found, never raising."""
    result = ParsedBody()
    for match in iter_spans(body):
        line = body.count("\n", 0, match.start()) + 1
        col = match.start() - (body.rfind("\n", 0, match.start()) + 1) + 1
        parsed = parse_attrs(match.group("attrs"))
        if isinstance(parsed, str):
            result.problems.append(error(parsed, "annotation-syntax", line=line, col=col,
                                         hint='write {.kind key=value key="two words"}'))
            continue
        problem = _check(parsed.kinds, parsed.attrs, known_actor)
        if problem:
            result.problems.append(dataclasses.replace(problem, line=line, col=col))
            continue
        result.annotations.append(Annotation(tuple(parsed.kinds),
                                             unescape_markdown(match.group("text")),
                                             parsed.attrs, match.start(), match.end(), line))
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
        if re.fullmatch(r"[^\s\"{}]+", value):
            parts.append(f"{key}={value}")
        else:
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'{key}="{escaped}"')
    return f"[{text}]{{{' '.join(parts)}}}"


def strip_annotations(body: str) -> str:
    """The body with every span replaced by its text (still Markdown-escaped)."""
    return SPAN_RE.sub(lambda m: m.group("text"), body)


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
