"""Render stage, the open-data folder: every table as CSV and JSON, the SQLite database, a
Frictionless ``datapackage.json`` describing every file and column, ``CITATION.cff``, and a
Datasette metadata file.

Input: ``Indexes``, the nested JSON files of ``render/data.py`` and the site's address and
name. Output: ``OpenData``: text files and binary files keyed by their path in the site
(all under ``data/``). Paths in the data package are relative to ``data/``, so the folder
can be copied anywhere (``python -m build_tools export --data DIR`` does).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from build_tools.files import jsontext
from build_tools.index import Indexes
from build_tools.memo import Memo
from build_tools.render.database import build_database
from build_tools.render.tables import Table, corpus_tables

DATA = "data/"
DATABASE = "data/corpus.sqlite"
DATAPACKAGE = "data/datapackage.json"
CITATION = "data/CITATION.cff"
DATASETTE = "data/datasette.json"
# Nested JSON of render/data.py: the same things as the tables, with lists inside
NESTED_JSON = {
    "data/articles.json": "Every article's metadata as in its front matter, with its id, address, "
                          "speaker turns and annotations (quotes, claims, techniques, translation notes).",
    "data/actors.json": "The actor registry, each actor with the ids of the articles naming it.",
    "data/themes.json": "The theme registry, each theme with the ids of its articles.",
    "data/sources.json": "The source registry, each outlet with the ids of its articles.",
}
FLAT_JSON = ("article_actors", "article_themes", "annotations", "actor_pairs", "actor_themes")


@dataclass
class OpenData:
    files: dict[str, str] = field(default_factory=dict)
    binary: dict[str, bytes] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v)
                         for v in row])
    return out.getvalue()


def _json(value: Any) -> str:
    return jsontext.dumps(value) + "\n"


def _json_rows(records: list[dict[str, Any]]) -> str:
    """A JSON array with one record per line: readable, and written by the C encoder (an
    indented dump goes through the pure-Python one, seconds at 10,000 articles)."""
    if not records:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n"


def _digest(content: str | bytes) -> tuple[int, str]:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return len(data), "sha256:" + hashlib.sha256(data).hexdigest()


def _schema(table: Table) -> dict[str, Any]:
    fields = []
    for c in table.columns:
        spec: dict[str, Any] = {"name": c.name, "type": c.type, "description": c.description}
        if c.required:
            spec["constraints"] = {"required": True}
        if c.type == "boolean":
            spec["trueValues"], spec["falseValues"] = ["true"], ["false"]
        fields.append(spec)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""], "primaryKey": table.primary_key}
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": [col], "reference": {"resource": other, "fields": [other_col]}}
                                 for col, other, other_col in table.foreign_keys]
    return schema


def _resource(name: str, path: str, content: str | bytes, **extra: Any) -> dict[str, Any]:
    size, digest = _digest(content)
    return {"name": name, "path": path.removeprefix(DATA), **extra, "bytes": size, "hash": digest}


def datapackage(tables: list[Table], files: dict[str, str], binary: dict[str, bytes],
                site_name: str, site_url: str | None) -> str:
    resources = []
    for table in tables:
        path = f"{DATA}{table.name}.csv"
        resources.append(_resource(table.name, path, files[path], type="table", title=table.title,
                                   description=table.description, format="csv", mediatype="text/csv",
                                   encoding="utf-8", schema=_schema(table)))
    for table in tables:
        path = f"{DATA}{table.name}.json"
        if table.name in FLAT_JSON:
            resources.append(_resource(f"{table.name}-json", path, files[path], type="json",
                                       format="json", mediatype="application/json",
                                       description=f"The rows of {table.name}.csv as a JSON array of "
                                       "objects (the same columns, numbers and true/false typed)."))
    for path, description in NESTED_JSON.items():
        name = path.removeprefix(DATA).removesuffix(".json") + "-nested"
        resources.append(_resource(name, path, files[path], type="json", format="json",
                                   mediatype="application/json", description=description))
    resources.append(_resource("corpus-sqlite", DATABASE, binary[DATABASE], type="file", format="sqlite",
                               mediatype="application/vnd.sqlite3",
                               description="Every table above in one SQLite database, with full-text "
                               "search (articles_fts, annotations_fts); open it with Datasette."))
    resources.append(_resource("browse", "data/browse.json", files["data/browse.json"], type="json",
                               format="json", mediatype="application/json",
                               description="The compact index the browse page loads (facet values and "
                               "one array per article); for the page, not a stable format."))
    resources.append(_resource("citation", CITATION, files[CITATION], type="file", format="cff",
                               mediatype="application/x-yaml",
                               description="How to cite the corpus (Citation File Format 1.2.0)."))
    resources.append(_resource("datasette-metadata", DATASETTE, files[DATASETTE], type="json",
                               format="json", mediatype="application/json",
                               description="Titles and column descriptions for Datasette: "
                               "datasette corpus.sqlite --metadata datasette.json"))
    package: dict[str, Any] = {
        "name": "annotated-news-corpus", "title": site_name,
        "description": "An annotated news corpus: articles, the actors, themes and sources they name, "
                       "their annotations (quotes, claims, propaganda techniques, translation notes) "
                       "and who appears with whom.",
        "resources": resources,
    }
    if site_url:
        package["homepage"] = site_url
    return _json(package)


def citation(site_name: str, site_url: str | None, repo_url: str | None, idx: Indexes) -> str:
    dates = sorted(a.date for a in idx.corpus.articles)
    abstract = (f"{len(dates)} annotated news articles" + (f" published from {dates[0]} to {dates[-1]}"
                                                            if dates else "") +
                ", with the actors, themes and sources they name and their annotations.")
    cff: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this corpus, please cite it as below.",
        "type": "dataset", "title": site_name, "abstract": abstract,
        "authors": [{"name": f"The contributors to {site_name}"}],
        "keywords": ["news", "propaganda", "disinformation", "annotated corpus", "translation"],
    }
    if site_url:
        cff["url"] = site_url
    if repo_url:
        cff["repository-code"] = repo_url
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=100)


def datasette_metadata(tables: list[Table], site_name: str, site_url: str | None) -> str:
    meta: dict[str, Any] = {"title": site_name, "databases": {"corpus": {"tables": {
        t.name: {"title": t.title, "description": t.description,
                 "columns": {c.name: c.description for c in t.columns}}
        for t in tables}}}}
    meta["databases"]["corpus"]["tables"]["articles"]["columns"].update(
        {"text": "The article's text as a reader sees it", "original_text": "The original-language text"})
    if site_url:
        meta["source_url"] = site_url
    return _json(meta)


def render_open_data(idx: Indexes, nested: dict[str, str], browse: str, site_name: str,
                     site_url: str | None, repo_url: str | None,
                     memo: Memo | None = None) -> OpenData:
    """With a ``memo`` (``serve``), a table's CSV and JSON are reused while its columns and
    rows are equal (most edits change few tables)."""
    memo = memo or Memo(enabled=False)
    tables = corpus_tables(idx, site_url, memo)
    files = dict(nested)
    files["data/browse.json"] = browse
    for table in tables:
        inputs = (repr(table.columns), repr(table.rows))
        files[f"{DATA}{table.name}.csv"] = memo.get("csv", table.name, inputs,
                                                    lambda table=table: table_csv(table))  # type: ignore[misc]
        if table.name in FLAT_JSON:
            files[f"{DATA}{table.name}.json"] = memo.get(
                "json", table.name, inputs,
                lambda table=table: _json_rows(table.records()))  # type: ignore[misc]
    binary = {DATABASE: build_database(tables, idx)}
    files[CITATION] = citation(site_name, site_url, repo_url, idx)
    files[DATASETTE] = datasette_metadata(tables, site_name, site_url)
    files[DATAPACKAGE] = datapackage(tables, files, binary, site_name, site_url)
    return OpenData(files, binary, tables)
