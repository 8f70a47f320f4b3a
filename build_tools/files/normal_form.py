"""The normal form of a corpus file's YAML: what ``fmt`` writes, and the proof that it lost nothing.

Input: the text of a corpus file (decoded, with its byte-order mark and line ends as they are)
and its ``FileKind``. Output: a ``Normalised`` text, or a ``DiagnosticError`` with the line
that makes the file one to leave alone. The normal form is the one ingest and
``annotations import`` write (``dump_yaml``): keys in the order of the schema, lists in block
style, scalars plain where YAML allows and in single quotes otherwise, two-space indentation,
long strings wrapped at 100 columns. Only the YAML changes: the Markdown body is kept byte for
byte, and so are a byte-order mark and Windows line ends.

Refused: YAML comments (the YAML library cannot keep them), tags, anchors and directives, mixed
line ends, and front matter that does not pass the schema (a key outside the schema has no
place in its order). Nothing is returned unproven: the new text is parsed again, its data
must equal the old type for type, its body must be the old body, and formatting it again must
change nothing.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel

from build_tools.diagnostics import Diagnostic, DiagnosticError, error
from build_tools.files.frontmatter import split_front_matter
from build_tools.files.kinds import FileKind
from build_tools.files.yamlsafe import YamlDoc, dump_yaml, load_yaml
from build_tools.validate import validate_front_matter

BOM = "\ufeff"
_UNUSUAL = {yaml.TagToken: "a tag (!...)", yaml.AnchorToken: "an anchor (&name)",
            yaml.AliasToken: "an alias (*name)", yaml.DirectiveToken: "a directive (%...)"}


@dataclass(frozen=True)
class Normalised:
    text: str
    first_change: int | None  # 1-based line of the first line that differs; None: unchanged

    @property
    def changed(self) -> bool:
        return self.first_change is not None


@dataclass(frozen=True)
class _Parts:
    yaml_text: str
    yaml_line: int  # file line where the YAML starts
    doc: YamlDoc
    body: str | None  # None: the whole file is YAML


def normalise(raw: str, kind: FileKind) -> Normalised:
    """The file in normal form; raises ``DiagnosticError`` (line set, no path) to refuse it."""
    bom = BOM if raw.startswith(BOM) else ""
    text, newline = _lf(raw[len(bom):])
    parts = _parts(text, kind)
    if parts.doc.data is None and parts.body is None:
        return Normalised(raw, None)  # an empty stand-off file: nothing to put in order
    _refuse_unusual(parts)
    _refuse_invalid(parts, kind)
    new = _formatted(parts, kind)
    _prove(text, new, parts, kind)
    out = bom + new.replace("\n", newline)
    return Normalised(out, _first_change(raw, out))


def _lf(text: str) -> tuple[str, str]:
    """The text with LF line ends, and the line end to write back: LF, or CRLF when every line
    ends so; refused when line ends are mixed."""
    if "\r" not in text:
        return text, "\n"
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        last = number == len(lines)
        if "\r" in (line if last else line[:-1]) or (not last and not line.endswith("\r")):
            raise _refuse("mixed line ends: fmt keeps a file's line ends, and this file has more "
                          "than one kind", "mixed-line-ends", number,
                          "save the file with one kind of line end (LF), then run fmt")
    return text.replace("\r\n", "\n"), "\r\n"


def _parts(text: str, kind: FileKind) -> _Parts:
    if not kind.front_matter:
        return _Parts(text, 1, load_yaml(text), None)
    doc = split_front_matter(text)  # raises as check does: no front matter, bad YAML...
    lines = text.split("\n")
    closing = doc.body_line - 2  # index of the closing '---' line
    return _Parts("\n".join(lines[1:closing]), 2, doc.meta, "\n".join(lines[closing + 1:]))


def _refuse(message: str, code: str, line: int, hint: str) -> DiagnosticError:
    return DiagnosticError(error(message, code, line=line, hint=hint))


def _refuse_unusual(parts: _Parts) -> None:
    """Comments (a ``#`` outside every scalar and tag: the scanner skips comments), tags,
    anchors, aliases and directives."""
    text = parts.yaml_text
    tokens = list(yaml.scan(text, Loader=yaml.SafeLoader))
    for token in tokens:
        for kind, what in _UNUSUAL.items():
            if isinstance(token, kind):
                raise _refuse(f"cannot format YAML with {what}", "unusual-yaml",
                              parts.yaml_line + token.start_mark.line,
                              "write the value plainly; fmt formats what the corpus's YAML uses")
    spans = [(t.start_mark.index, t.end_mark.index) for t in tokens
             if isinstance(t, yaml.ScalarToken | yaml.TagToken)]
    at = text.find("#")
    while at != -1:
        if not any(start <= at < end for start, end in spans):
            raise _refuse("cannot format a file with YAML comments: formatting would lose them",
                          "has-comments", parts.yaml_line + text.count("\n", 0, at),
                          "move the comment into the text (or a note:), or leave this file unformatted")
        at = text.find("#", at + 1)


def _refuse_invalid(parts: _Parts, kind: FileKind) -> None:
    found: list[Diagnostic] = []
    if validate_front_matter(parts.doc, kind.model, found) is None:
        first = found[0]
        raise _refuse(f"cannot format: {first.message}", "schema-error", first.line,
                      "fix what check reports here, then run fmt again")


def _formatted(parts: _Parts, kind: FileKind) -> str:
    dumped = dump_yaml(order_keys(parts.doc.data, kind.model))
    return dumped if parts.body is None else f"---\n{dumped}---\n{parts.body}"


def _prove(old: str, new: str, parts: _Parts, kind: FileKind) -> None:
    """Parsed again, ``new`` holds the same data and body as ``old``, and is its own normal form."""
    again = _parts(new, kind)
    same = same_data(parts.doc.data, again.doc.data) and again.body == parts.body
    if not same or _formatted(again, kind) != new:
        raise _refuse("cannot format this file without changing what it says", "not-lossless", 1,
                      "please report this file; until then leave it as it is")
    if parts.body is not None and not new.endswith("\n" + parts.body):  # pragma: no cover
        raise AssertionError("the body must be kept byte for byte")


def same_data(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (``1 == True`` in Python, not in YAML)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def order_keys(value: Any, model: type[BaseModel] | None) -> Any:
    """``value`` with every mapping's keys in the order of its model's fields."""
    if isinstance(value, list):
        return [order_keys(item, model) for item in value]
    if not isinstance(value, dict) or model is None:
        return value
    fields = model.model_fields
    keys = [k for k in fields if k in value] + [k for k in value if k not in fields]
    return {k: order_keys(value[k], nested_model(fields[k].annotation) if k in fields else None)
            for k in keys}


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside a field's type: ``Sources``, ``list[ActorRef]``, ``Publisher | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


def _first_change(old: str, new: str) -> int | None:
    if old == new:
        return None
    for number, (a, b) in enumerate(zip(old.split("\n"), new.split("\n"), strict=False), 1):
        if a != b:
            return number
    return min(old.count("\n"), new.count("\n")) + 1
