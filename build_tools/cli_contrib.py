"""Command line for the people who edit the corpus: ``schema``, ``new`` and ``fmt``.

Thin: each command calls one library function (``adapters/schema_export.py``,
``scaffold.py``, ``fmt.py``), prints what it wrote on stdout and the diagnostics and a one-line
summary on stderr, and exits 1 when an error was found.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from build_tools.cli import _iso_date, _missing_corpus, _shown, _summary
from build_tools.markup import plural
from build_tools.model import ActorKind, Role, SourceKind
from build_tools.report_formats import FORMATS, print_report


def cmd_schema(args: argparse.Namespace) -> int:
    from build_tools.adapters.schema_export import export_schemas

    root = Path(args.root)
    if _missing_corpus(root):
        return 1
    result = export_schemas(root, Path(args.out), args.site_url)
    result.report.print()
    for path in result.written:
        print(f"wrote {path.as_posix()}")
    print(_summary(result.report, f"schema: {plural(len(result.written), 'schema')} written to "
                   f"{args.out}"), file=sys.stderr)
    return 1 if result.report.errors else 0


def _actor_refs(values: list[str]) -> list[dict[str, Any]]:
    refs = []
    for value in values:
        ident, _, roles = value.partition(":")
        refs.append({"id": ident, "roles": [r for r in roles.split(",") if r]})
    return refs


def _new_meta(args: argparse.Namespace) -> dict[str, Any]:
    """The front matter a person asked for, by kind; only what was given."""
    if args.what == "actor":
        meta = {"name": args.name, "kind": args.kind, "aliases": args.alias or [],
                "country": args.country, "wikidata": args.wikidata}
    elif args.what == "theme":
        meta = {"title": args.title, "summary": args.summary, "cues": args.cue,
                "related": args.related}
    elif args.what == "source":
        meta = {"name": args.name, "kind": args.kind, "url": args.url, "language": args.language,
                "country": args.country}
    else:
        publisher = {k: v for k, v in (("id", args.source), ("url", args.url)) if v}
        meta = {"title": args.title, "date": args.date, "language": args.language,
                "sources": {"publisher": publisher} if publisher else None,
                "actors": _actor_refs(args.actor or []) or None,
                "themes": [{"id": t} for t in args.theme or []] or None}
    return {key: value for key, value in meta.items() if value is not None}


def cmd_new(args: argparse.Namespace) -> int:
    from build_tools.scaffold import new_entry

    root = Path(args.root)
    if _missing_corpus(root):
        return 1
    entry_id = getattr(args, "id", None) or getattr(args, "slug", None)
    result = new_entry(root, args.what, _new_meta(args), entry_id=entry_id,
                       description=getattr(args, "description", None))
    result.report.print()
    if result.path is not None:
        print(f"wrote {_shown(result.path, root)}")
    done = f"wrote {_shown(result.path, root)}" if result.path else "nothing written"
    print(_summary(result.report, f"new {args.what}: {done}"), file=sys.stderr)
    return 1 if result.report.errors or result.path is None else 0


def cmd_fmt(args: argparse.Namespace) -> int:
    from build_tools.fmt import format_paths

    root = Path(args.root)
    if _missing_corpus(root):
        return 1
    result = format_paths(root, [Path(p) for p in args.paths], check=args.check, diff=args.diff)
    for text in result.diffs:
        print(text, end="")
    print_report(result.report, args.format)
    if not args.check:
        for path in result.changed:
            print(f"formatted {_shown(path, root)}")
    verb = "to format" if args.check else "formatted"
    print(_summary(result.report, f"fmt: {plural(len(result.changed), 'file')} {verb}, "
                   f"{result.unchanged} already formatted, {result.refused} left alone"),
          file=sys.stderr)
    return 1 if result.report.errors else 0


def add_contrib_commands(sub: argparse._SubParsersAction) -> None:
    schema = sub.add_parser(
        "schema", help="write JSON Schemas of the corpus files, for editors",
        description="Write OUT/<kind>.schema.json (article, actor, theme, source, codebook, "
                    "technique, translation-note, annotations) from the models, with the current "
                    "registry ids as enums: run it again after adding an actor, theme or source. "
                    "OUT must be a new or empty folder, or one this command wrote.")
    schema.add_argument("out", metavar="OUT", help="output folder, e.g. .schemas")
    schema.add_argument("--site-url", metavar="URL", help="the site's public address, for each "
                        "schema's $id (default: no $id)")
    schema.set_defaults(func=cmd_schema)
    _add_new(sub)
    fmt = sub.add_parser(
        "fmt", help="put the YAML of corpus files in its normal form",
        description="Rewrite the front matter of each corpus file (and each stand-off "
                    ".annotations.yml) in the form ingest writes: keys in schema order, block "
                    "lists, plain or single-quoted strings. The Markdown body is kept byte for "
                    "byte. A file fmt cannot round-trip exactly (YAML comments, tags, anchors, mixed "
                    "line ends, front matter that fails the schema) is left alone, with an error.")
    fmt.add_argument("paths", nargs="*", metavar="PATH",
                     help="files or folders (default: corpus/); other files are left alone")
    fmt.add_argument("--check", action="store_true",
                     help="change nothing; report each file that is not formatted (exit 1)")
    fmt.add_argument("--diff", action="store_true", help="print what would change, as a diff")
    fmt.add_argument("--format", choices=FORMATS, default="text", help="how to print problems "
                     "(as for check)")
    fmt.set_defaults(func=cmd_fmt)


def _add_new(sub: argparse._SubParsersAction) -> None:
    new = sub.add_parser(
        "new", help="write a stub article, actor, theme or source that passes check",
        description="Write a new corpus file from the values given, never over an existing file, "
                    "and print where it was written. The id comes from the name or title unless "
                    "--id (--slug) is given. Without --description a registry entry is "
                    "'status: proposed', with a TODO text to replace.")
    kinds = new.add_subparsers(dest="what", required=True, metavar="KIND")
    actor = kinds.add_parser("actor", help="corpus/actors/<id>.md")
    actor.add_argument("name", metavar="NAME", help="display name, e.g. 'Kim Yo Jong'")
    actor.add_argument("--kind", required=True, choices=[k.value for k in ActorKind])
    actor.add_argument("--alias", action="append", metavar="TEXT", help="another name (repeat)")
    actor.add_argument("--country", metavar="TEXT")
    actor.add_argument("--wikidata", metavar="QID", help="Wikidata item, e.g. Q423")
    theme = kinds.add_parser("theme", help="corpus/themes/<id>.md")
    theme.add_argument("title", metavar="TITLE", help="the narrative, as the articles state it")
    theme.add_argument("--summary", required=True, metavar="TEXT", help="one or two sentences")
    theme.add_argument("--cue", action="append", metavar="TEXT", help="a phrase that suggests it (repeat)")
    theme.add_argument("--related", action="append", metavar="ID", help="a related theme (repeat)")
    source = kinds.add_parser("source", help="corpus/sources/<id>.md")
    source.add_argument("name", metavar="NAME")
    source.add_argument("--language", required=True, metavar="CODE", help="e.g. ru")
    source.add_argument("--kind", choices=[k.value for k in SourceKind])
    source.add_argument("--url", metavar="URL", help="home page, http(s)://...")
    source.add_argument("--country", metavar="TEXT")
    for parser in (actor, theme, source):
        parser.add_argument("--id", metavar="ID", help="the id (file name) instead of one made from "
                            "the name")
        parser.add_argument("--description", metavar="TEXT", help="the text of its page (without "
                            "it: a TODO, and status: proposed)")
        parser.set_defaults(func=cmd_new)
    article = kinds.add_parser("article", help="corpus/articles/YYYY/YYYY-MM-DD-<slug>.md")
    article.add_argument("title", metavar="TITLE")
    article.add_argument("--date", required=True, type=_iso_date, metavar="YYYY-MM-DD")
    article.add_argument("--slug", metavar="SLUG", help="instead of one made from the title")
    article.add_argument("--language", metavar="CODE", help="of the text (default en)")
    article.add_argument("--source", metavar="ID", help="the publisher, an id from corpus/sources/")
    article.add_argument("--url", metavar="URL", help="the article on the publisher's site")
    roles = "|".join(r.value for r in Role)
    article.add_argument("--actor", action="append", metavar="ID:ROLE[,ROLE]",
                         help=f"an actor and its roles ({roles}); repeat")
    article.add_argument("--theme", action="append", metavar="ID", help="a theme it carries (repeat)")
    article.set_defaults(func=cmd_new)
