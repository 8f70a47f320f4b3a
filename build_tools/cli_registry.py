"""Command line for the starter registry: ``registry starter|add-starter|remove-starter|adopt``.

Thin: each command calls one function of ``starter/switch.py`` (or reads the corpus for the
status), prints what it wrote on stdout and the diagnostics and a one-line summary on stderr,
and exits 1 when an error was found.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from build_tools.cli import _missing_corpus, _shown, _summary
from build_tools.markup import plural
from build_tools.starter import STARTER_SETS
from build_tools.starter.switch import Switch, add_starter, adopt, remove_starter


def _finish(result: Switch, root: Path, what: str) -> int:
    result.report.print()
    for path in result.written:
        print(f"{'wrote' if path.exists() else 'removed'} {_shown(path, root)}")
    print(_summary(result.report, what), file=sys.stderr)
    return 1 if result.report.errors else 0


def cmd_add(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if _missing_corpus(root):
        return 1
    result = add_starter(root, args.set)
    return _finish(result, root, f"registry add-starter: '{args.set}' "
                   + ("turned on" if result.changed else "unchanged"))


def cmd_remove(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if _missing_corpus(root):
        return 1
    result = remove_starter(root, args.set, force=args.force)
    return _finish(result, root, f"registry remove-starter: '{args.set}' "
                   + ("turned off" if result.changed else "unchanged"))


def cmd_adopt(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if _missing_corpus(root):
        return 1
    if bool(args.ids) == args.used:
        print("registry adopt: give starter ids, or --used", file=sys.stderr)
        return 2
    result = adopt(root, args.ids, used=args.used)
    return _finish(result, root, f"registry adopt: {plural(len(result.written), 'actor')} adopted")


def cmd_status(args: argparse.Namespace) -> int:
    from build_tools.load import load_corpus
    from build_tools.starter.switch import used_starter

    root = Path(args.root)
    if _missing_corpus(root):
        return 1
    corpus, report = load_corpus(root)
    status = corpus.starter
    if status is None:
        print("starter registry: off (`python -m build_tools registry add-starter` turns it on)")
        return 0
    seen = [corpus.actors[i] for i in status.seen]
    kinds = Counter(a.meta.kind.value for a in seen)
    used = used_starter(corpus)
    print(f"starter registry: on ({', '.join(status.sets)}): {status.total} entries, "
          f"{len(seen)} in use beneath corpus/actors/, {len(status.hidden)} hidden by corpus "
          f"entries; articles name {plural(len(used), 'starter actor')}")
    print("  by kind: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    for hidden in status.hidden:
        print(f"  hidden: {hidden.starter_id} (corpus/actors/{hidden.by}.md has {hidden.reason})")
    if args.list:
        for actor in sorted(seen, key=lambda a: (a.meta.kind.value, a.id)):
            aliases = f" — also {', '.join(actor.meta.aliases)}" if actor.meta.aliases else ""
            qid = f" [{actor.meta.wikidata}]" if actor.meta.wikidata else ""
            print(f"  {actor.meta.kind.value:<12} {actor.id}: {actor.meta.name}{qid}{aliases}")
    problems = [d for d in report.items if d.code in ("duplicate-starter", "bad-starter")]
    for diag in problems:
        print(diag.format(), file=sys.stderr)
    return 1 if any(d.is_error for d in problems) else 0


def add_registry_commands(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser(
        "registry", help="take or leave the starter registry of world actors, or adopt its entries",
        description="The starter registry: a few hundred states, organisations, armed groups, "
                    "leaders and outlets that international news names most, shipped with the "
                    "package. Turned on, it is seen beneath corpus/actors/ (a corpus entry with "
                    "the same id, Wikidata id or a shared name wins); nothing is copied into the "
                    "corpus.")
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = actions.add_parser("starter", help="show whether the starter registry is on, and "
                                "what it adds and hides")
    status.add_argument("--list", action="store_true", help="list every starter entry in use")
    status.set_defaults(func=cmd_status)
    add = actions.add_parser("add-starter", help="turn the starter registry on for this corpus "
                             "(records it in corpus/config.yml)")
    remove = actions.add_parser("remove-starter", help="turn it off again (refused while articles "
                                "name its entries, unless --force)")
    remove.add_argument("--force", action="store_true",
                        help="turn it off even though articles name starter actors")
    for parser, func in ((add, cmd_add), (remove, cmd_remove)):
        parser.add_argument("--set", default=STARTER_SETS[0], choices=STARTER_SETS,
                            help=f"which starter set (default: {STARTER_SETS[0]})")
        parser.set_defaults(func=func)
    take = actions.add_parser("adopt", help="copy starter entries into corpus/actors/, where you "
                              "edit them and they win over the starter entry")
    take.add_argument("ids", nargs="*", metavar="ID", help="starter ids, e.g. recep-tayyip-erdogan")
    take.add_argument("--used", action="store_true", help="adopt every starter entry articles name")
    take.set_defaults(func=cmd_adopt)
