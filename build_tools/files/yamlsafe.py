"""Safe YAML with source positions.

``load_yaml`` parses with a ``yaml.SafeLoader`` subclass that keeps dates and times as
strings (the schema parses them) and records the 1-based line of every mapping key and
sequence item, so schema errors can name the line a person must fix. A syntax error names
the line and column where the problem starts (``files.yamlerrors``): the opening quote or
bracket that is never closed, not the end of the front matter where the parser gave up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from build_tools.diagnostics import DiagnosticError, error
from build_tools.files.yamlemit import Emitter
from build_tools.files.yamlerrors import explain_yaml_error

Loc = tuple[int | str, ...]


# libyaml's parser is about eight times faster than the pure-Python one; both are safe loaders.
_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StringDateLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader without the timestamp resolver: ``2022-09-06`` stays a string."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDoc:
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc, default: int = 1) -> int:
        """Line of the deepest recorded prefix of ``loc``."""
        for end in range(len(loc), -1, -1):
            found = self.lines.get(tuple(loc[:end]))
            if found is not None:
                return found
        return default


YAML_HINT = "check indentation and quote values containing ': '"


def _yaml_error(message: str, line: int, col: int | None = None, hint: str = YAML_HINT
                ) -> DiagnosticError:
    return DiagnosticError(error(message, "yaml-syntax", line=line, col=col, hint=hint))


MAX_DEPTH = 20


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], offset: int, seen: set[int]) -> None:
    """Record lines; refuse what no corpus file needs and an attacker would use: anchors and
    aliases (a node reached twice: "billion laughs", cycles), deep nesting, repeated keys."""
    line, col = node.start_mark.line + 1 + offset, node.start_mark.column + 1
    if id(node) in seen:
        raise _yaml_error("anchors and aliases (&name, *name) are not allowed", line, col,
                          "write the value out again where it is needed")
    seen.add(id(node))
    if len(loc) > MAX_DEPTH:
        raise _yaml_error(f"nested more than {MAX_DEPTH} levels deep", line, col)
    lines.setdefault(loc, line)
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            key_line = key_node.start_mark.line + 1 + offset
            if key in keys:
                raise _yaml_error(f"key '{key}' is given twice", key_line,
                                  key_node.start_mark.column + 1, "keep one of the two")
            keys.add(key)
            lines[loc + (key,)] = key_line
            _walk(value_node, loc + (key,), lines, offset, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[loc + (index,)] = item.start_mark.line + 1 + offset
            _walk(item, loc + (index,), lines, offset, seen)


class _PyStringDateLoader(yaml.SafeLoader):
    """The pure-Python twin, used to explain errors: its marks point where a person looks."""


_PyStringDateLoader.yaml_implicit_resolvers = _StringDateLoader.yaml_implicit_resolvers


_TAG = "tag:yaml.org,2002:"
_DECIMAL = re.compile(r"-?[1-9][0-9]*|0")


class _NotPlain(Exception):
    """A node ``_plain`` leaves to PyYAML's constructor."""


def _plain(node: yaml.Node) -> Any:
    """The value of a node whose tags are str, int (decimal), bool, null, map and seq, as
    PyYAML's safe constructor makes it (resolving stays PyYAML's: the tags are its)."""
    tag = node.tag
    if tag == _TAG + "str":
        if not isinstance(node, yaml.ScalarNode):
            raise _NotPlain
        return node.value
    if tag == _TAG + "map" and isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _plain(key_node)
            if not isinstance(key, (str, int, bool)) or key_node.tag == _TAG + "merge":
                raise _NotPlain
            out[key] = _plain(value_node)
        return out
    if tag == _TAG + "seq" and isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    if isinstance(node, yaml.ScalarNode):
        if tag == _TAG + "int" and _DECIMAL.fullmatch(node.value):
            return int(node.value)
        if tag == _TAG + "bool" and node.value.lower() in yaml.SafeLoader.bool_values:
            return yaml.SafeLoader.bool_values[node.value.lower()]
        if tag == _TAG + "null":
            return None
    raise _NotPlain


def _construct(loader: Any, node: yaml.Node) -> Any:
    try:
        return _plain(node)
    except _NotPlain:
        pass
    try:
        return loader.construct_document(node)
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError, IndexError):  # "!!int x"
        bad = _unreadable(node)
        raise yaml.constructor.ConstructorError(
            None, None, f"'{bad.value}' cannot be read as the type its tag {bad.tag.replace(_TAG, '!!')} "
            "says" if bad else "a value cannot be read as the type its tag says",
            bad.start_mark if bad else node.start_mark) from None


def _unreadable(node: yaml.Node) -> yaml.ScalarNode | None:
    """The first scalar PyYAML's constructor cannot make as its tag says."""
    if isinstance(node, yaml.ScalarNode):
        try:
            yaml.constructor.SafeConstructor().construct_object(node)
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError, IndexError,
                yaml.YAMLError):
            return node
        return None
    children = node.value if isinstance(node, yaml.SequenceNode) else \
        [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else []
    for child in children:
        found = _unreadable(child)
        if found is not None:
            return found
    return None


def _load_own(text: str) -> Any:
    """What ``yaml.load`` with the safe loader gives for ``text``: parsed and resolved by
    PyYAML (libyaml), the plain values then made here, three times faster than PyYAML's
    constructor (the rest by it)."""
    loader = _StringDateLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _construct(loader, node)
    finally:
        loader.dispose()


def load_yaml(text: str, line_offset: int = 0, *, loader_class: type | None = None,
              own: bool = False) -> YamlDoc:
    """Parse one YAML document safely; raise ``DiagnosticError`` with the 1-based line on failure.

    ``own``: text ``dump_yaml`` just wrote (ingest reads back each article before writing it).
    Such text has no anchors, repeated keys or deep nesting, so it is parsed without walking
    its nodes and records no lines (a third less time); on any problem it is read again the
    careful way, for the message."""
    if own:
        try:
            return YamlDoc(_load_own(text))
        except yaml.YAMLError:
            pass
    if loader_class is None and _Base is not yaml.SafeLoader:
        try:
            return load_yaml(text, line_offset, loader_class=_StringDateLoader)
        except DiagnosticError:
            return load_yaml(text, line_offset, loader_class=_PyStringDateLoader)
    try:
        loader = (loader_class or _StringDateLoader)(text)
        try:
            node = loader.get_single_node()
            lines: dict[Loc, int] = {}
            if node is not None:
                # before constructing: an alias bomb must be refused, not expanded
                _walk(node, (), lines, line_offset, set())
            data = _construct(loader, node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        found = explain_yaml_error(exc, line_offset)
        raise _yaml_error(f"invalid YAML: {found.message}", found.line, found.col,
                          found.hint or YAML_HINT) from None
    except yaml.YAMLError as exc:  # pragma: no cover - other YAML errors carry no mark
        raise _yaml_error(f"invalid YAML: {exc}", 1 + line_offset) from None
    except RecursionError:
        raise _yaml_error(f"invalid YAML: nested more than {MAX_DEPTH} levels deep",
                          1 + line_offset) from None
    return YamlDoc(data, lines)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter when it is there (several times faster), else PyYAML's; both safe.
    PyYAML's writes NEL (U+0085) and the line and paragraph separators raw inside a plain or
    single-quoted scalar, where a reader folds them into a space: such a string is written
    double-quoted, with its escapes, by either (found by tests/fuzzing.py, yaml-roundtrip)."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\x85" in data or "\u2028" in data or "\u2029" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_str(data)


_Dumper.add_representer(str, _represent_str)
# Never an anchor (&id001) for a value met twice: load refuses them (see _walk), and reading
# back what dump_yaml wrote with load_yaml(own=True) relies on there being none.
_Dumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]


def _pyyaml_dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


_RESOLVER = yaml.resolver.Resolver()  # the dumper's: PyYAML's implicit types


def _resolves_to_str(text: str) -> bool:
    return bool(_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str")


_EMITTER = Emitter(_pyyaml_dump, 100, _resolves_to_str)


def dump_yaml(data: Any) -> str:
    """Readable, stable YAML for files people will edit (insertion order, unicode kept); it
    reads back as ``data``. PyYAML's output, most documents laid out by ``yamlemit`` (the same
    bytes, several times faster)."""
    return _EMITTER.emit(data) or _pyyaml_dump(data)
