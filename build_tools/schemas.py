"""Editor schemas: JSON Schema (draft 2020-12) for each kind of corpus file, made from the models.

Input: the pydantic models (``files/kinds.py`` says which file has which) and a loaded
``Corpus``, whose registries give the ids an editor may offer. Output: ``{file name: JSON
text}`` (``article.schema.json``...), written by ``schema OUT`` and published by ``build_site``
under ``schemas/``. The models decide types, required keys, patterns and descriptions;
added here is what JSON Schema can say and pydantic says in code: the registries' ids as
enums (an unknown id is flagged as ``check`` flags it), real calendar dates, stripped strings
that must not be blank, and the rules a model validator checks (a publisher needs an id or a
name, an actor a role). What needs the file's name or other files (the date of the file
name, offsets into the seed, claim ids) stays with ``check``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from build_tools.files.kinds import KINDS, FileKind
from build_tools.load_annotations import default_codebook
from build_tools.model import SEED_PATTERN, Corpus

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A real calendar date YYYY-MM-DD (years 0001-9999, leap years included), as check_iso_date
# accepts it: what a regular expression can say about dates.
_MONTH_DAY = (r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
              r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))")
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE_PATTERN = rf"^(?!0000)(?:[0-9]{{4}}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$"
# No part of a seed path may be '.' or '..' (the model's validator says so in code).
DOT_PART = r"(?:^|/)\.\.?(?:/|$)"


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, without a title on every property, and with the rules stripped
    strings follow: pydantic strips white space before it counts and matches, so a required
    text must hold more than white space, and a pattern allows white space around it."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        strip = schema.get("strip_whitespace", self._config.str_strip_whitespace)
        pattern = json_schema.get("pattern")
        if strip and pattern and pattern.startswith("^") and pattern.endswith("$"):
            json_schema["pattern"] = rf"^\s*(?:{pattern[1:-1]})\s*$"  # matched after stripping
        elif strip and json_schema.get("minLength", 0) >= 1 and not pattern:
            json_schema["pattern"] = r"\S"
        return json_schema


# (model, field) -> the registry its value (or each of its values) must come from.
REFERENCES = {
    ("ActorRef", "id"): "actors", ("CitedSource", "id"): "actors",
    ("ThemeRef", "id"): "themes", ("ThemeMeta", "related"): "themes",
    ("Publisher", "id"): "sources",
    ("SourceLabel", "translation_note"): "translation-notes",
    ("TechniqueMeta", "group"): "techniques", ("TechniqueMeta", "maps_to"): "technique-refs",
    ("ClaimDetail", "claimant"): "actors", ("ClaimDetail", "about"): "actors",
    ("StandoffSpan", "actor"): "actors", ("StandoffSpan", "about"): "actors",
    ("StandoffSpan", "ref"): "translation-notes", ("StandoffSpan", "technique"): "technique-names",
}


def _named(field: str) -> dict[str, Any]:
    return {"required": [field], "properties": {field: {"type": "string"}}}


# Rules the models check in a validator, said in JSON Schema, by model.
RULES: dict[str, dict[str, Any]] = {
    "Publisher": {"anyOf": [_named("id"), _named("name")]},
    "CitedSource": {"anyOf": [_named("id"), _named("name")]},
    "ActorRef": {"anyOf": [{"required": ["roles"], "properties": {"roles": {"minItems": 1}}},
                           {"required": ["rejected"], "properties": {"rejected": {"const": True}}}]},
    "StandoffSpan": {"allOf": [
        {"if": {"properties": {"type": {"const": kind}}}, "then": then}
        for kind, then in (("quote", _named("actor")), ("claim", _named("claim")),
                           ("technique", _named("technique")),
                           ("tn", {"anyOf": [_named("note"), _named("ref")]}))]},
}


# Rules of one field a validator checks: on the field's string (or on the list itself).
FIELD_RULES: dict[tuple[str, str], dict[str, Any]] = {
    ("ArticleMeta", "date"): {"pattern": DATE_PATTERN},
    ("ArticleMeta", "seed"): {"pattern": SEED_PATTERN, "not": {"pattern": DOT_PART}},
    ("ClaimDetail", "assessed_on"): {"pattern": DATE_PATTERN},
    ("ActorRef", "roles"): {"uniqueItems": True},
}


def registry_values(corpus: Corpus) -> dict[str, list[tuple[str, str]]]:
    """Each registry's ids, sorted, with what a person reads for each (a name, a title)."""
    techniques = {(tid, tech.meta.name) for book in corpus.codebooks.values()
                  for tid, tech in book.techniques.items()}
    refs = [(tech.ref, tech.meta.name) for book in corpus.codebooks.values()
            for tech in book.techniques.values()]
    names = list(refs)  # a stand-off technique: codebook/id, codebook/label, or id or label
    default = default_codebook(corpus)
    for book in corpus.codebooks.values():
        for tech in book.techniques.values():
            forms = [f"{book.id}/{label}" for label in tech.meta.labels]
            if book.id == default:
                forms += [tech.id, *tech.meta.labels]
            names += [(form, tech.meta.name) for form in forms]
    return {
        "actors": sorted((i, a.meta.name) for i, a in corpus.actors.items()),
        "themes": sorted((i, t.meta.title) for i, t in corpus.themes.items()),
        "sources": sorted((i, s.meta.name) for i, s in corpus.sources.items()),
        "translation-notes": sorted((i, n.meta.text) for i, n in corpus.translation_notes.items()),
        "techniques": sorted(techniques),
        "technique-refs": sorted(refs),
        "technique-names": sorted(dict(names).items()),
    }


def corpus_schemas(corpus: Corpus, site_url: str | None = None) -> dict[str, str]:
    """``{"article.schema.json": JSON text, ...}`` for every kind of corpus file."""
    values = registry_values(corpus)
    return {kind.schema_file: json.dumps(kind_schema(kind, values, site_url), indent=2,
                                         ensure_ascii=False) + "\n"
            for kind in KINDS}


def kind_schema(kind: FileKind, values: dict[str, list[tuple[str, str]]],
                site_url: str | None = None) -> dict[str, Any]:
    schema = kind.model.model_json_schema(schema_generator=_Generator)
    models = {kind.model.__name__: schema, **schema.get("$defs", {})}
    for (model, field), registry in REFERENCES.items():
        prop = models.get(model, {}).get("properties", {}).get(field)
        if prop is not None and values[registry]:
            _string_part(prop).update(enum=[v for v, _ in values[registry]],
                                      enumDescriptions=[label for _, label in values[registry]])
    for model, rules in RULES.items():
        if model in models:
            models[model].update(rules)
    for (model, field), rules in FIELD_RULES.items():
        prop = models.get(model, {}).get("properties", {}).get(field)
        if prop is not None:
            (prop if prop.get("type") == "array" else _string_part(prop)).update(rules)
    _tidy(schema)
    where = ", ".join(kind.globs)
    head = {"$schema": DIALECT, "$id": f"{site_url.rstrip('/')}/schemas/{kind.schema_file}"
            if site_url else None, "title": kind.title,
            "description": f"{schema.pop('description', '')} Applies to {where}.".strip()}
    return {k: v for k, v in head.items() if v is not None} | schema


def _string_part(prop: dict[str, Any]) -> dict[str, Any]:
    """The string schema inside a property: itself, its items, or its non-null branch."""
    if prop.get("type") == "array":
        return _string_part(prop["items"])
    for branch in prop.get("anyOf", []):
        if branch.get("type") == "string":
            return branch
    return prop


def _tidy(schema: dict[str, Any]) -> None:
    """Model titles out (class names mean nothing to a person), descriptions on one line, and
    patterns valid in ECMA 262's unicode mode, which editors use (no ``\\"`` escape)."""
    for node in subschemas(schema):
        node.pop("title", None)
        if "description" in node:
            node["description"] = " ".join(node["description"].replace("``", "`").split())
        if "pattern" in node:
            node["pattern"] = node["pattern"].replace('\\"', '"')


_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames")
_MANY = ("anyOf", "allOf", "oneOf", "prefixItems")
_NAMED = ("properties", "$defs", "patternProperties")


def subschemas(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """``schema`` and every schema inside it (not the names of properties or definitions)."""
    yield schema
    children: list[Any] = [schema.get(key) for key in _ONE]
    children += [child for key in _MANY for child in schema.get(key, [])]
    children += [child for key in _NAMED for child in schema.get(key, {}).values()]
    for child in children:
        if isinstance(child, dict):
            yield from subschemas(child)
