"""Command line: ``python -m build_tools ingest|check|evaluate|export|annotations|schema|new|fmt|registry``.

Prints compiler-style diagnostics on stderr and a one-line summary; exit status 1 when any
error was found, 0 otherwise, 2 for a bad command line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import time
from pathlib import Path

from build_tools.diagnostics import Diagnostic, DiagnosticError, Report, error, relative_posix
from build_tools.markup import plural
from build_tools.progress import Progress, took
from build_tools.report_formats import FORMATS, print_report


def _summary(report: Report, what: str) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    return f"{what}; {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


class _SeedProgress:
    """ingest's progress callback: a bar over the seeds on a terminal (build_tools.progress)."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = enabled
        self.bar: Progress | None = None

    def __call__(self, number: int, total: int, path: Path) -> None:
        if self.bar is None:
            self.bar = Progress(total, "ingest", "seed", enabled=self.enabled, minimum=20)
        self.bar.update(1, path.name)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_ingest(args: argparse.Namespace) -> int:
    from build_tools.ingest.run import ingest_paths

    root = Path(args.root)
    if _missing_corpus(root):
        return 1
    started = time.perf_counter()
    progress = _SeedProgress()
    try:
        result = ingest_paths([Path(p) for p in args.paths], root, publisher=args.source,
                              propose=args.propose, update=args.update, date=args.date,
                              progress=progress)
    finally:
        progress.close()  # the bar goes before the diagnostics are printed
    result.report.print(notes=args.verbose)
    for path in result.proposed:
        print(f"proposed {_shown(path, root)}")
    for path in result.written:
        print(f"wrote {_shown(path, root)}")
    for path, diff in zip(result.updated, result.diffs, strict=False):
        print(f"updated {_shown(path, root)}")
        print(diff)
    proposed = f", {plural(len(result.proposed), 'actor')} proposed" if args.propose else ""
    print(_summary(result.report, f"ingest: {len(result.written)} new{proposed}, "
                   f"{len(result.updated)} updated, {len(result.unchanged)} already ingested (left alone), "
                   f"{len(result.failed)} failed") + f"; {took(time.perf_counter() - started)}",
          file=sys.stderr)
    return 1 if result.report.errors else 0


def _iso_date(value: str) -> str:
    """``--date``: a real calendar date written YYYY-MM-DD."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a real date (YYYY-MM-DD)") from None
    raise argparse.ArgumentTypeError(f"'{value}' is not a date written YYYY-MM-DD, e.g. 2019-05-27")


def _shown(path: Path, root: Path) -> str:
    return relative_posix(path, root)


def _fail(diag: Diagnostic) -> int:
    print(diag.format(), file=sys.stderr)
    return 1


def _missing_corpus(root: Path) -> bool:
    if (root / "corpus").is_dir():
        return False
    _fail(error("no corpus/ folder here", "no-corpus", path=root / "corpus",
                hint="run from the repository root or pass --root before the command"))
    return True


def cmd_check(args: argparse.Namespace) -> int:
    from build_tools.load import load_corpus

    if _missing_corpus(Path(args.root)):
        return 1
    corpus, report = load_corpus(Path(args.root))
    print_report(report, args.format)
    techniques = sum(len(book.techniques) for book in corpus.codebooks.values())
    actors = plural(len(corpus.actors), "actor")
    if corpus.starter is not None:  # how many of them are the starter registry's
        actors += (f" ({len(corpus.starter.seen)} from the starter registry, "
                   f"{len(corpus.starter.hidden)} of its entries hidden by corpus entries)")
    counts = ", ".join([plural(len(corpus.articles), "article"), actors] + [
        plural(n, w) for n, w in ((len(corpus.themes), "theme"), (len(corpus.sources), "source"),
                                  (techniques, "technique"),
                                  (len(corpus.translation_notes), "translation note"))])
    print(_summary(report, f"check: {counts} valid"),
          file=sys.stderr)
    return 1 if report.errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    from build_tools.adapters.export import export_data, export_site

    if (args.out is None) == (args.data is None):
        print("export: give OUT (the whole site) or --data DIR (the open data alone)", file=sys.stderr)
        return 2
    if _missing_corpus(Path(args.root)):
        return 1
    if args.data is not None:
        export = export_data(Path(args.root), Path(args.data), args.site_url)
        args.out = args.data
    else:
        export = export_site(Path(args.root), Path(args.out), site_url=args.site_url)
    export.report.print()
    print(_summary(export.report, f"export: {export.count} files written to {args.out}"),
          file=sys.stderr)
    return 1 if export.report.errors else 0


def cmd_annotations_import(args: argparse.Namespace) -> int:
    from build_tools.exchange.importer import import_annotations

    root = Path(args.root)
    if _missing_corpus(root):
        return 1
    result = import_annotations(root, args.format, [Path(p) for p in args.files])
    result.report.print()
    for path in result.written:
        print(f"wrote {_shown(path, root)}")
    print(_summary(result.report, f"annotations import: {plural(result.added, 'annotation')} added "
                   f"to {plural(len(result.written), 'article')}, {result.duplicates} already there"),
          file=sys.stderr)
    return 1 if result.report.errors else 0


def cmd_annotations_export(args: argparse.Namespace) -> int:
    from build_tools.exchange.exporter import export_annotations

    root = Path(args.root)
    if _missing_corpus(root):
        return 1
    result = export_annotations(root, args.format, Path(args.out), args.site_url)
    result.report.print()
    print(_summary(result.report, f"annotations export: {plural(len(result.written), 'file')} "
                   f"written to {args.out}"), file=sys.stderr)
    return 1 if result.report.errors else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from build_tools.ingest.evaluate import evaluate_folder, format_evaluation

    folder = Path(args.folder)
    if _missing_corpus(Path(args.root)):
        return 1
    if not (folder / "labels.json").is_file():
        return _fail(error("no labels.json in this folder", "no-labels", path=folder / "labels.json",
                           hint="the folder needs labels.json (and optionally entities.json) beside "
                           "the seeds"))
    try:
        evaluation = evaluate_folder(folder, Path(args.root), propose=not args.no_propose)
    except DiagnosticError as exc:
        return _fail(exc.diagnostic)
    print(format_evaluation(evaluation))
    if args.verbose:
        print("\n".join(evaluation.misses))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools",
        description="Build an annotated news corpus: ingest raw seeds, validate the corpus, "
                    "export the generated pages.")
    parser.add_argument("--root", default=".", help="repository root holding corpus/ and seeds/ "
                        "(default: the current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser(
        "ingest", help="turn raw seed texts into new corpus articles",
        description="Parse each seed (a file, or every .txt/.text/.md/.html file in a folder; an "
                    ".html file is a web page saved from a browser, read with trafilatura) and "
                    "write corpus/articles/YYYY/YYYY-MM-DD-<slug>.md. An article that already "
                    "exists for a seed is left alone (reported), unless --update is given. Bad "
                    "seeds are reported as path:line: error: ... and skipped.")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="seed files or folders of seeds")
    ingest.add_argument("--source", metavar="ID", help="publisher of these seeds (an id from "
                        "corpus/sources/), when the text does not reveal it")
    ingest.add_argument("--propose", action="store_true",
                        help="write a stub entry (status: proposed) in corpus/actors/ for each "
                        "unknown speaker and capitalised name, and use it in the article; a person "
                        "accepts (status: accepted) or deletes it")
    ingest.add_argument("--update", action="store_true",
                        help="refresh articles whose seed was ingested before: only what ingest "
                        "owns (entries marked inferred:, and values a person has not changed) is "
                        "replaced; every human edit is kept; prints a diff of each change")
    ingest.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                        help="publication date of seeds that have no date line (such as the "
                        "SemEval PTC articles, which start with their title) and of saved web pages "
                        "that state none; a seed with its own date keeps it")
    ingest.add_argument("-v", "--verbose", action="store_true",
                        help="also list seeds that were already ingested")
    ingest.set_defaults(func=cmd_ingest)

    check = sub.add_parser(
        "check", help="validate the whole corpus",
        description="Read every file in corpus/ and report every problem (schema, unknown ids, "
                    "dates, YAML, annotations) as path:line: error: ... [code]. Exit 1 on any error.")
    check.add_argument("--format", choices=FORMATS, default="text",
                       help="text: path:line: error: ... on stderr (default); github: also GitHub "
                       "workflow commands on stdout, shown on the lines of a pull request; json: one "
                       "JSON object per problem on stdout")
    check.set_defaults(func=cmd_check)

    evaluate = sub.add_parser(
        "evaluate", help="measure ingest against a labelled folder of seeds",
        description="Ingest every seed of FOLDER into a temporary copy of the registries (nothing "
                    "in the repository changes) and compare with FOLDER/labels.json (date, title, "
                    "place line) and FOLDER/entities.json (actors and speakers): prints accuracy, "
                    "precision, recall and seeds per second.")
    evaluate.add_argument("folder", metavar="FOLDER", help="seeds with labels.json (and entities.json)")
    evaluate.add_argument("--no-propose", action="store_true",
                          help="count only registry actors, not the names ingest would propose")
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    evaluate.set_defaults(func=cmd_evaluate)

    export = sub.add_parser(
        "export", help="write the generated pages as plain Markdown for another renderer, or the "
                       "open data alone",
        description="Write every generated page (articles, actor/theme/source pages, indexes), the "
                    "feeds and the open-data files to OUT, without MkDocs; or, with --data DIR, only "
                    "the open data: CSV and JSON tables, the SQLite database, datapackage.json and "
                    "CITATION.cff.")
    export.add_argument("out", metavar="OUT", nargs="?",
                        help="output folder (created; files in it are replaced)")
    export.add_argument("--data", metavar="DIR", help="write only the open-data files, into DIR")
    export.add_argument("--site-url", metavar="URL", default=os.environ.get("SITE_URL") or None,
                        help="the site's public address, for absolute URLs in feeds, JSON-LD and the "
                        "data (default: $SITE_URL, as mkdocs.yml reads it; else relative URLs)")
    export.set_defaults(func=cmd_export)
    _add_annotations(sub)
    from build_tools.cli_contrib import add_contrib_commands  # it uses this module's helpers

    add_contrib_commands(sub)
    from build_tools.cli_registry import add_registry_commands

    add_registry_commands(sub)
    return parser


def _add_annotations(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser(
        "annotations", help="exchange annotations with other tools (SemEval PTC, brat, W3C)",
        description="Import technique, quote and claim annotations into the articles' stand-off "
                    "files, or export every article's annotations with offsets into its seed.")
    commands = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = commands.add_parser(
        "import", help="add annotations from PTC label files or brat .ann files",
        description="Add each annotation to <article>.annotations.yml beside its article (found "
                    "through its seed: seeds/**/article<id>.txt for PTC, seeds/**/X.txt for X.ann). "
                    "Problems are reported as path:line: error: ... and the rest is still "
                    "imported; an annotation the article already has is not added again.")
    imp.add_argument("--format", required=True, choices=("ptc", "brat"))
    imp.add_argument("files", nargs="+", metavar="FILE",
                     help="label files (.labels) or brat files (.ann), or folders of them")
    imp.set_defaults(func=cmd_annotations_import)
    exp = commands.add_parser(
        "export", help="write every article's annotations as PTC, brat or W3C files",
        description="ptc: OUT/article<id>.labels; brat: OUT/<seed>.txt and OUT/<seed>.ann; w3c: "
                    "OUT/<article id>.jsonld and OUT/corpus.jsonld (Web Annotation JSON-LD).")
    exp.add_argument("--format", required=True, choices=("ptc", "brat", "w3c"))
    exp.add_argument("--site-url", metavar="URL",
                     help="w3c: the site's public address, for absolute URLs (default: relative)")
    exp.add_argument("out", metavar="OUT", help="output folder (created; files in it are replaced)")
    exp.set_defaults(func=cmd_annotations_export)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
