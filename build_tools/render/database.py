"""Render stage, the SQLite database: the open-data tables in one file, with full-text search
over every article's text (and its original, for a translation), ready for Datasette or any
SQLite client.

Input: the ``Table`` objects (``render/tables.py``) and each article's plain text. Output:
the database file's bytes. Built in memory with sqlite-utils and serialised: no file is
touched. Tokenised with FTS5's ``unicode61`` (no stemmer), so Russian and English words are
both found as written.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils

from build_tools.index import Indexes
from build_tools.render.tables import Table

SQL_TYPES = {"string": str, "integer": int, "boolean": int, "date": str}
TOKENIZE = "unicode61 remove_diacritics 2"


def _create(db: sqlite_utils.Database, table: Table, extra: dict[str, type] | None = None) -> None:
    columns: dict[str, type] = {c.name: SQL_TYPES[c.type] for c in table.columns}
    columns.update(extra or {})
    db[table.name].create(  # type: ignore[union-attr]
        columns, pk=tuple(table.primary_key) if len(table.primary_key) > 1 else table.primary_key[0],
        not_null={c.name for c in table.columns if c.required},
        foreign_keys=[(col, other, other_col) for col, other, other_col in table.foreign_keys])


def _insert(conn: sqlite3.Connection, name: str, columns: list[str],
            records: list[dict[str, object]]) -> None:
    """The rows, in their order, with one ``executemany`` (in C). sqlite-utils' ``insert_all``
    made the same file but looked at every value in Python for JSON (the database took
    0.43-0.53 s at 1,000 articles with it, 0.29-0.41 s without); these values are all str,
    int, bool or None (a record with a key the table does not have is a bug: refused)."""
    known = set(columns)
    for record in records:
        if not known.issuperset(record):
            raise ValueError(f"{name}: columns {sorted(set(record) - known)} are not in the table")
    quoted = ", ".join(f'"{c}"' for c in columns)
    conn.executemany(f'INSERT INTO "{name}" ({quoted}) VALUES ({", ".join("?" * len(columns))})',
                     [tuple(record.get(c) for c in columns) for record in records])


def build_database(tables: list[Table], idx: Indexes) -> bytes:
    conn = sqlite3.connect(":memory:")
    db = sqlite_utils.Database(conn)
    by_name = {t.name: t for t in tables}
    # referenced tables first, so the foreign keys point at existing tables
    order = ["sources", "actors", "themes", "articles"] + [t.name for t in tables if t.name not in
                                                            ("sources", "actors", "themes", "articles")]
    texts = {a.id: idx.spans[a.id].plain.text if a.id in idx.spans else "" for a in idx.corpus.articles}
    originals = {a.id: "\n\n".join(a.original.paragraphs) if a.original else None
                 for a in idx.corpus.articles}
    for name in order:
        table = by_name[name]
        extra: dict[str, type] | None = {"text": str, "original_text": str} if name == "articles" else None
        _create(db, table, extra)
        records = table.records()
        if name == "articles":
            for record in records:
                record["text"] = texts.get(record["id"], "")
                record["original_text"] = originals.get(record["id"])
        if records:
            _insert(conn, name, [c.name for c in table.columns] + list(extra or {}), records)
    db["articles"].enable_fts(["title", "text", "original_text"], tokenize=TOKENIZE)  # type: ignore[union-attr]
    db["annotations"].enable_fts(["text", "note", "original"], tokenize=TOKENIZE)  # type: ignore[union-attr]
    conn.commit()
    db.execute("VACUUM")
    data = conn.serialize()
    conn.close()
    return bytes(data)
