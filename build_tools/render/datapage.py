"""Render stage, the open-data page (``data/index.md``): what each file in ``data/`` holds,
its columns, how to open the database, and how to cite the corpus.

Input: the ``OpenData`` of ``render/opendata.py``. Output: the page's Markdown. Every
description comes from the same ``Table`` objects as the files, so the page cannot drift.
"""

from __future__ import annotations

from build_tools.markup import escape_inline, plural
from build_tools.render.common import link
from build_tools.render.opendata import (
    CITATION,
    DATABASE,
    DATAPACKAGE,
    DATASETTE,
    FLAT_JSON,
    NESTED_JSON,
    OpenData,
)

DATA_PAGE = "data/index.md"


def _size(content: str | bytes) -> str:
    n = len(content.encode("utf-8") if isinstance(content, str) else content)
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


def render_data_page(data: OpenData, site_name: str) -> str:
    files = data.files
    lines = ["# Open data", "",
             "Everything the site shows, as files your tools open: spreadsheets (CSV), JSON, a "
             "SQLite database with full-text search, and a "
             f"{link('Frictionless data package', '/' + DATAPACKAGE)} that describes every file and "
             "column. The same files come from the command line: "
             "`python -m build_tools export --data DIR`.", "",
             "## Files", "", "| File | What it holds | Rows | Size |", "| --- | --- | --- | --- |"]
    for table in data.tables:
        csv_path = f"data/{table.name}.csv"
        json_note = f" · {link('JSON', f'/data/{table.name}.json')}" if table.name in FLAT_JSON else ""
        lines.append(f"| {link(f'{table.name}.csv', '/' + csv_path)}{json_note} | "
                     f"{escape_inline(table.description)} | {len(table.rows)} | {_size(files[csv_path])} |")
    for path, description in NESTED_JSON.items():
        name = path.removeprefix("data/")
        lines.append(f"| {link(name, '/' + path)} | {escape_inline(description)} | | {_size(files[path])} |")
    lines += [f"| {link('corpus.sqlite', '/' + DATABASE)} | All the tables in one SQLite database, with "
              "full-text search over the articles' text (and originals) and the annotations | | "
              f"{_size(data.binary[DATABASE])} |",
              f"| {link('datapackage.json', '/' + DATAPACKAGE)} | The Frictionless data package: every "
              f"file with its columns, types, keys and checksum | | {_size(files[DATAPACKAGE])} |",
              f"| {link('CITATION.cff', '/' + CITATION)} | How to cite the corpus (Citation File Format) | | "
              f"{_size(files[CITATION])} |",
              f"| {link('datasette.json', '/' + DATASETTE)} | Table and column descriptions for "
              "Datasette | | "
              f"{_size(files[DATASETTE])} |", ""]
    lines += ["Lists inside a cell (actor ids, theme ids, roles) are separated by spaces; an actor's "
              "roles in `articles.csv` are written `actor=role+role`. Dates are `YYYY-MM-DD`. An empty "
              "cell means no value.", ""]
    lines += ["## Columns", ""]
    for table in data.tables:
        keys = ", ".join(f"`{k}`" for k in table.primary_key)
        lines += [f"### {table.name}.csv {{#{table.name.replace('_', '-')}}}", "",
                  f"{escape_inline(table.description)} {plural(len(table.rows), 'row')}; key: {keys}.", "",
                  "| Column | Type | Meaning |", "| --- | --- | --- |"]
        lines += [f"| `{c.name}` | {c.type} | {escape_inline(c.description)} |" for c in table.columns]
        lines.append("")
    lines += ["## The database", "",
              "Open `corpus.sqlite` with [Datasette](https://datasette.io/) for a browsable, searchable "
              "view with links between the tables:", "",
              "    datasette corpus.sqlite --metadata datasette.json", "",
              "or with any SQLite client. Full-text search works in every language of the corpus (no "
              "stemming: words are found as written):", "",
              "    SELECT articles.id, articles.title FROM articles_fts",
              "    JOIN articles ON articles.rowid = articles_fts.rowid",
              "    WHERE articles_fts MATCH 'sanctions' ORDER BY rank;", "",
              "## Check the files", "",
              "    pip install frictionless", "    frictionless validate datapackage.json", "",
              "## How to cite", "",
              f"Cite the corpus as *{escape_inline(site_name)}*, with the address of this site and the date "
              f"you used it. {link('CITATION.cff', '/' + CITATION)} has the details in the Citation File "
              "Format, which GitHub, Zenodo and reference managers read:", "",
              *("    " + line if line else "" for line in files[CITATION].rstrip().split("\n")), ""]
    return "\n".join(lines)
