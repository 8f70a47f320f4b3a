"""Split a corpus file into YAML front matter and Markdown body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.files.yamlsafe import YamlDoc, YamlError, load_yaml


@dataclass
class FrontMatterDoc:
    meta: YamlDoc
    body: str
    body_line: int  # 1-based line where the body starts


class FrontMatterError(Exception):
    def __init__(self, message: str, line: int, code: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.code, self.hint = message, line, code, hint


def split_front_matter(text: str) -> FrontMatterDoc:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError("file does not start with YAML front matter ('---')", 1,
                               "no-front-matter", "the first line must be '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            try:
                meta = load_yaml(yaml_text, line_offset=1)
            except YamlError as exc:
                raise FrontMatterError(exc.message, exc.line, "yaml-syntax",
                                       "check indentation and quote values containing ': '") from None
            if meta.data is None:
                meta.data = {}
            if not isinstance(meta.data, dict):
                raise FrontMatterError("front matter must be a mapping of keys to values", 2,
                                       "yaml-not-mapping")
            body = "\n".join(lines[index + 1:])
            return FrontMatterDoc(meta, body, index + 2)
    raise FrontMatterError("front matter is not closed with '---'", 1, "unclosed-front-matter",
                           "add a line '---' after the last front matter key")


def join_front_matter(yaml_text: str, body: str) -> str:
    return f"---\n{yaml_text.rstrip()}\n---\n\n{body.strip()}\n"
