"""Schema validation with located diagnostics: a pydantic error becomes ``path:line: error``.

Used by ``load`` (every corpus file) and by ``ingest`` (every file it writes is validated
against the same models before it is written). Lines come from the YAML positions that
``files.yamlsafe`` recorded; unknown keys get a did-you-mean hint.
"""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from build_tools.diagnostics import Diagnostic, Report, error
from build_tools.files.corpusfile import RawFile
from build_tools.files.yamlsafe import YamlDoc

M = TypeVar("M", bound=BaseModel)


def validate_front_matter(doc: YamlDoc, schema: type[M], found: list[Diagnostic]) -> M | None:
    """The validated model, or None with one diagnostic per problem added to ``found``
    (no path: the caller places them)."""
    try:
        return schema.model_validate(doc.data)
    except ValidationError as exc:
        found.extend(describe_errors(exc, schema, doc))
        return None


def describe_errors(exc: ValidationError, schema: type[BaseModel], doc: YamlDoc | None = None
                    ) -> list[Diagnostic]:
    out = []
    for err in exc.errors():
        line = doc.line_of(tuple(err["loc"]), default=1) if doc else 1
        out.append(_describe(err, schema, line))
    return out


def _describe(err: Any, schema: type[BaseModel], line: int) -> Diagnostic:
    loc = [str(p) for p in err["loc"]]
    where = ".".join(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        fields = _fields_at(schema, err["loc"][:-1])
        guess = difflib.get_close_matches(loc[-1], fields, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else ("allowed keys: " + ", ".join(fields))
        return error(f"unknown key '{where}'", "unknown-key", line=line, hint=hint)
    if kind == "missing":
        return error(f"missing required key '{where}'", "missing-key", line=line)
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return error(f"'{where}': invalid value {err.get('input')!r}", "invalid-value", line=line,
                     hint=f"expected {expected}")
    message = err["msg"].removeprefix("Value error, ")
    code = "invalid-date" if loc and loc[0] == "date" else "invalid-value"
    return error(f"'{where}': {message}", code, line=line)


def _fields_at(schema: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    model: Any = schema
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return []
        model = _model_of(field.annotation)
    return list(getattr(model, "model_fields", {}))


def _model_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def validate_meta(raw: RawFile, schema: type[M], report: Report) -> M | None:
    found: list[Diagnostic] = []
    meta = validate_front_matter(raw.meta, schema, found)
    report.place(found, raw.rel)
    return meta


def suggest(value: str, known: dict[str, Any] | list[str], where: str) -> str:
    """'did you mean 'north-korea'? entries live in corpus/actors/'."""
    guess = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
    lead = f"did you mean '{guess[0]}'? " if guess else ""
    return f"{lead}entries live in {where}"
