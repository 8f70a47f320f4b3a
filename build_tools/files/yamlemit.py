"""PyYAML's block-style output for the plain data of corpus files, written a few times faster.

``yamlsafe.dump_yaml`` writes every corpus file ingest makes; PyYAML spends most of that time
in Python deciding, node by node, how each value is to be written. Front matter is mostly
the same few hundred values over and over (actor ids, roles, kinds, ``registry-alias``), laid
out in a fixed way. ``emit`` lays out the mappings and lists itself and asks PyYAML how each
distinct value is written, once per value (plain, quoted, escaped: PyYAML's own decision),
keeping the answer. Where the answer depends on where the value stands (a string PyYAML
writes on more than one line, or one long enough that PyYAML might fold it at its width), the
key and value are written by PyYAML alone, nested as deep as they stand. It returns None, and
the caller uses PyYAML for the whole document, for what it does not lay out: such a string as
the first key of a list item, a list in a list, a type other than str, int, bool and None.

The output is byte for byte PyYAML's (``tests/test_yaml_emit.py``: generated documents, the
project's corpus files); nothing is parsed or loaded here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# Strings PyYAML writes as they are ("plain") unless its resolver reads them as something
# else (yes, Null, 12, 1.5, ...): a letter or digit first, no indicator (: # [ { & * ! | > %
# @ `), no quote first, no space last. Anything else is asked of PyYAML.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.()/_'-]*(?<! )")
MAX_KNOWN = 50_000  # distinct values remembered; then forgotten and asked again
_LONG = object()  # a value that must not be written on our own: PyYAML writes the document


class Emitter:
    """``emit(data)`` for one PyYAML configuration: ``dump(value)`` is PyYAML's
    ``yaml.dump`` with that configuration (block style, indent 2, the width given)."""

    def __init__(self, dump: Callable[[Any], str], width: int,
                 resolves_to_str: Callable[[str], bool] | None = None) -> None:
        self.dump = dump
        self.width = width
        self.resolves_to_str = resolves_to_str
        self.values: dict[tuple[type, Any], str | object] = {}
        self.keys: dict[str, str | object] = {}

    def _value(self, value: Any) -> str | object:
        """How PyYAML writes ``value`` after ``k: ``, when on one line."""
        if type(value) is str and self.resolves_to_str and _PLAIN.fullmatch(value) \
                and self.resolves_to_str(value):
            return value  # what PyYAML writes plain: a title, a seed's path (checked in tests)
        key = (type(value), value)
        found = self.values.get(key)
        if found is None:
            if len(self.values) > MAX_KNOWN:
                self.values.clear()
            written = self.dump({"k": value})
            found = written[3:-1] if written.startswith("k: ") and written.count("\n") == 1 \
                else _LONG
            self.values[key] = found
        return found

    def _key(self, key: str) -> str | object:
        found = self.keys.get(key)
        if found is None:
            written = self.dump({key: 0})
            found = written[:-4] if written.endswith(": 0\n") and written.count("\n") == 1 \
                and not written.startswith("?") else _LONG
            self.keys[key] = found
        return found

    def emit(self, data: Any) -> str | None:
        """The document PyYAML would write for ``data``, or None (see the module's notes)."""
        if not isinstance(data, dict) or not data:
            return None
        out: list[str] = []
        if not self._mapping(data, 0, "", out):
            return None
        return "".join(out)

    def _scalar(self, value: Any, column: int, indent: int) -> str | None:
        """How ``value`` is written from ``column`` on; ``indent``: of its further lines."""
        if type(value) not in (str, int, bool) and value is not None:
            return None
        text = self._value(value)
        if text is _LONG:
            return None
        assert isinstance(text, str)
        if column + len(text) <= self.width:
            return text
        if text == value and _PLAIN.fullmatch(text) and "  " not in text:
            return self._fold(text, column, indent)  # a long title, the paragraphs' keys
        return None

    def _fold(self, text: str, column: int, indent: int) -> str:
        """A plain string folded as libyaml folds it: at a space, once the line is past the
        width, a new line at ``indent`` (which a reader reads back as that one space)."""
        words = text.split(" ")
        out = [words[0]]
        column += len(words[0])
        for word in words[1:]:
            if column > self.width:
                out.append("\n" + " " * indent + word)
                column = indent + len(word)
            else:
                out.append(" " + word)
                column += 1 + len(word)
        return "".join(out)

    def _mapping(self, data: dict[Any, Any], indent: int, first: str, out: list[str]) -> bool:
        """``first``: what stands before the first key on its line (``- `` in a list)."""
        pad = " " * indent
        lead = first
        for key, value in data.items():
            if type(key) is not str:
                return False
            name = self._key(key)
            if name is _LONG:
                return False
            line = f"{lead or pad}{name}:"
            lead = ""
            if not self._value_after(key, value, line, indent, out):
                return False
        return True

    def _value_after(self, key: str, value: Any, line: str, indent: int, out: list[str]) -> bool:
        """``value`` of the key that ``line`` ends with."""
        if isinstance(value, dict) and value:
            out.append(line + "\n")
            return self._mapping(value, indent + 2, "", out)
        if isinstance(value, list) and value:
            out.append(line + "\n")
            return self._sequence(value, indent, out)  # PyYAML does not indent such a list
        text = self._empty(value) or self._scalar(value, len(line) + 1, indent + 2)
        if text is not None:
            out.append(f"{line} {text}\n")
            return True
        if not isinstance(value, str) or not line.startswith(" " * indent) or line[indent] == "-":
            return False
        pair = self._pair(indent, key, value)  # a long title: as PyYAML lays it out there
        if pair is None:
            return False
        out.append(pair)
        return True

    def _pair(self, indent: int, key: str, value: str) -> str | None:
        """``key: value`` in a mapping at ``indent``, by PyYAML: the pair alone, nested in
        as many mappings as stand around it (the keys of those change nothing below them)."""
        levels = indent // 2
        document: dict[str, Any] = {key: value}
        for _ in range(levels):
            document = {"a": document}
        lines = self.dump(document).split("\n")
        if any(lines[level] != " " * (2 * level) + "a:" for level in range(levels)):
            return None  # pragma: no cover - PyYAML nests mappings this way
        return "\n".join(lines[levels:])

    def _sequence(self, items: list[Any], indent: int, out: list[str]) -> bool:
        pad = " " * indent
        for item in items:
            if isinstance(item, dict) and item:
                if not self._mapping(item, indent + 2, pad + "- ", out):
                    return False
            elif isinstance(item, list) and item:
                return False  # a list in a list: rare in front matter; PyYAML writes it
            else:
                text = self._empty(item) or self._scalar(item, indent + 2, indent + 2)
                if text is None:
                    return False
                out.append(f"{pad}- {text}\n")
        return True

    @staticmethod
    def _empty(value: Any) -> str | None:
        if isinstance(value, dict) and not value:
            return "{}"
        if isinstance(value, list) and not value:
            return "[]"
        return None
