"""A small JSON Schema (draft 2020-12) validator for the tests: the ``jsonschema`` package is
not a dependency of the project.

It knows exactly the keywords the editor schemas use, as the specification defines them, and
raises on any other keyword, so a schema that grew a keyword this file ignores cannot pass by
accident. ``pattern`` is ECMA 262 (as editors run it) approximated with Python's ``re``: a
match anywhere, and ``$`` only at the very end of the string (Python's ``$`` also matches
before a final line break).
"""

from __future__ import annotations

import re
from typing import Any

ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "examples", "enumDescriptions"}
ASSERTIONS = {"$ref", "$defs", "type", "enum", "const", "pattern", "minLength", "maxLength",
              "minimum", "maximum", "items", "minItems", "maxItems", "uniqueItems", "properties",
              "required", "additionalProperties", "anyOf", "allOf", "oneOf", "not", "if", "then",
              "else"}


def _ecma(pattern: str) -> re.Pattern[str]:
    """``$`` outside a character class and not escaped means the end of the string."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "]":
            in_class = False
            out.append(char)
        else:
            out.append(r"\Z" if char == "$" and not in_class else char)
    return re.compile("".join(out))


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    checks = {"string": str, "boolean": bool, "array": list, "object": dict}
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if name == "null":
        return value is None
    return isinstance(value, checks[name])


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return a == b


class Validator:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root

    def errors(self, value: Any, schema: dict[str, Any] | None = None, where: str = "") -> list[str]:
        """Every way ``value`` fails ``schema`` (the root schema by default), as 'path: what'."""
        schema = self.root if schema is None else schema
        unknown = set(schema) - ANNOTATIONS - ASSERTIONS
        if unknown:
            raise ValueError(f"keyword(s) this validator does not know: {sorted(unknown)}")
        found: list[str] = []
        for key in ("$ref", "type", "enum", "const"):
            if key in schema:
                found += getattr(self, "_" + key.lstrip("$"))(value, schema[key], where)
        if isinstance(value, str):
            found += self._string(value, schema, where)
        if isinstance(value, list):
            found += self._array(value, schema, where)
        if isinstance(value, dict):
            found += self._object(value, schema, where)
        if _is_type(value, "number"):
            found += self._number(value, schema, where)
        found += self._combined(value, schema, where)
        return found

    def _ref(self, value: Any, ref: str, where: str) -> list[str]:
        node: Any = self.root
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        return self.errors(value, node, where)

    def _type(self, value: Any, expected: str | list[str], where: str) -> list[str]:
        names = [expected] if isinstance(expected, str) else expected
        return [] if any(_is_type(value, n) for n in names) else [f"{where}: not of type {expected}"]

    def _enum(self, value: Any, options: list[Any], where: str) -> list[str]:
        return [] if any(_equal(value, o) for o in options) else [f"{where}: {value!r} not in enum"]

    def _const(self, value: Any, const: Any, where: str) -> list[str]:
        return [] if _equal(value, const) else [f"{where}: {value!r} is not {const!r}"]

    def _string(self, value: str, schema: dict[str, Any], where: str) -> list[str]:
        found = []
        if "pattern" in schema and not _ecma(schema["pattern"]).search(value):
            found.append(f"{where}: {value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0):
            found.append(f"{where}: shorter than {schema['minLength']}")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            found.append(f"{where}: longer than {schema['maxLength']}")
        return found

    def _number(self, value: float, schema: dict[str, Any], where: str) -> list[str]:
        found = []
        if "minimum" in schema and value < schema["minimum"]:
            found.append(f"{where}: less than {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            found.append(f"{where}: more than {schema['maximum']}")
        return found

    def _array(self, value: list[Any], schema: dict[str, Any], where: str) -> list[str]:
        found = []
        if len(value) < schema.get("minItems", 0):
            found.append(f"{where}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            found.append(f"{where}: more than {schema['maxItems']} items")
        if schema.get("uniqueItems") and any(_equal(a, b) for i, a in enumerate(value)
                                             for b in value[i + 1:]):
            found.append(f"{where}: items are not unique")
        if "items" in schema:
            for index, item in enumerate(value):
                found += self.errors(item, schema["items"], f"{where}[{index}]")
        return found

    def _object(self, value: dict[str, Any], schema: dict[str, Any], where: str) -> list[str]:
        found = [f"{where}: missing {key!r}" for key in schema.get("required", []) if key not in value]
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                found += self.errors(item, properties[key], f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{where}: unknown key {key!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                found += self.errors(item, schema["additionalProperties"], f"{where}.{key}")
        return found

    def _combined(self, value: Any, schema: dict[str, Any], where: str) -> list[str]:
        found = []
        for sub in schema.get("allOf", []):
            found += self.errors(value, sub, where)
        if "anyOf" in schema and all(self.errors(value, sub, where) for sub in schema["anyOf"]):
            found.append(f"{where}: matches none of anyOf")
        if "oneOf" in schema and sum(not self.errors(value, s, where) for s in schema["oneOf"]) != 1:
            found.append(f"{where}: does not match exactly one of oneOf")
        if "not" in schema and not self.errors(value, schema["not"], where):
            found.append(f"{where}: matches 'not'")
        if "if" in schema:
            branch = schema.get("then") if not self.errors(value, schema["if"], where) else schema.get("else")
            if branch is not None:
                found += self.errors(value, branch, where)
        return found
