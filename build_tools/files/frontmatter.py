"""Split a corpus file into YAML front matter and Markdown body, keeping line numbers; and
write one back from a model, so the format of a corpus file is decided in one place."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from build_tools.diagnostics import DiagnosticError, error
from build_tools.files.yamlsafe import YamlDoc, dump_yaml, load_yaml
from build_tools.limits import Limits, limit_error


@dataclass
class FrontMatterDoc:
    meta: YamlDoc
    body: str
    body_line: int  # 1-based line where the body starts


def split_front_matter(text: str, limits: Limits | None = None, *, own: bool = False) -> FrontMatterDoc:
    """Raises ``DiagnosticError`` (line set, no path) for a file without valid front matter,
    or (with ``limits``) front matter larger than ``limits.front_matter_size``. ``own``: text
    ``format_corpus_file`` just made (``yamlsafe.load_yaml(own=True)``; no line positions)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise DiagnosticError(error("file does not start with YAML front matter ('---')",
                                    "no-front-matter", hint="the first line must be '---'"))
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            if limits is not None:
                _check_size(yaml_text, limits)
            meta = load_yaml(yaml_text, line_offset=1, own=own)
            if meta.data is None:
                meta.data = {}
            if not isinstance(meta.data, dict):
                raise DiagnosticError(error("front matter must be a mapping of keys to values",
                                            "yaml-not-mapping", line=2))
            body = "\n".join(lines[index + 1:])
            return FrontMatterDoc(meta, body, index + 2)
    raise DiagnosticError(error("front matter is not closed with '---'", "unclosed-front-matter",
                                hint="add a line '---' after the last front matter key"))


def _check_size(yaml_text: str, limits: Limits) -> None:
    """Before parsing: a megabyte of YAML is a mistake (or an attack), never an article."""
    size = len(yaml_text.encode("utf-8"))
    if size > limits.front_matter_size:
        raise DiagnosticError(limit_error(
            "front_matter_size", limits, f"the front matter is {size:,} bytes", "front-matter-too-large",
            "move long text into the body (below the closing ---)", line=1))


def join_front_matter(yaml_text: str, body: str) -> str:
    return f"---\n{yaml_text.rstrip()}\n---\n\n{body.strip()}\n"


def front_matter_data(meta: BaseModel) -> dict[str, object]:
    """The keys a model was given, in schema order: a default nobody wrote stays out of the
    file, and so does an empty value (``None``)."""
    return meta.model_dump(mode="json", exclude_unset=True, exclude_none=True)


def format_corpus_file(meta: BaseModel, body: str) -> str:
    """The text of a corpus file: ``meta`` as YAML front matter, then the Markdown body."""
    return join_front_matter(dump_yaml(front_matter_data(meta)), body)
