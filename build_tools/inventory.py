"""Load stage, last step: every file under ``corpus/`` and ``seeds/`` is read or reported.

Input: the repository root and the loaded corpus. Output: a warning for each file nothing
reads, with a hint saying where it belongs (``unread-file``): an article saved as
``.markdown``, an article at the top of ``corpus/``, an actor in ``corpus/actors/people/`` or
saved as ``.txt``, a technique whose codebook file is missing, a stand-off file without its
article (``orphaned-standoff``), a seed no article was made from yet (``not-ingested``) or
one ingest cannot read, and the temporary file of an interrupted write
(``leftover-temp-file``). Skipped without a word, by convention: names starting with a dot
(``.gitkeep``, editor swap files) and ``README.md``.

The rules mirror what ``load`` and ``ingest`` read; ``tests/test_inventory.py`` checks that
a file this module accepts is one they read.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from build_tools.diagnostics import Report
from build_tools.files.leftovers import is_leftover
from build_tools.invisible import find_invisible, name_of
from build_tools.limits import CONFIG_FILE
from build_tools.model import ARTICLE_NAME_RE, REGISTRY_FOLDERS, SEED_PATTERN, Corpus

CODE = "unread-file"
SEED_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}  # as ingest reads them (any case)
MARKDOWN_LIKE = {".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".txt", ".text", ".md"}
YAML_LIKE = {".yml", ".yaml"}
SIDECAR = ".annotations.yml"
FOLDERS = ("articles",) + REGISTRY_FOLDERS
_SEED_KEY = re.compile(r"^(?:original_)?seed:\s*['\"]?(?P<seed>[^'\"\n#]+?)['\"]?\s*$", re.M)


def survey_files(root: Path, corpus: Corpus, report: Report) -> None:
    """Report every file under ``corpus/`` and ``seeds/`` that nothing reads."""
    loaded = {a.path for a in corpus.articles}
    # an article's seed, and the original-language seed it is shown beside
    named = {s for a in corpus.articles for s in (a.meta.seed, a.meta.original_seed) if s}
    for rel in _walk(root, "corpus", report):
        if rel.endswith(".md") and rel.startswith("corpus/articles/") and rel not in loaded:
            named |= _seed_of(root / rel)  # an article with errors still holds its seed
        _survey_corpus_file(root, rel, report)
    for rel in _walk(root, "seeds", report):
        _survey_seed(root, rel, named, report)


def _walk(root: Path, top: str, report: Report) -> list[str]:
    """Repository-relative POSIX paths of the files under ``top``, hidden ones left out but
    for the leftovers of interrupted writes, which are reported here."""
    found: list[str] = []
    base = root / top
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder).relative_to(root).as_posix()
        for name in sorted(files):
            rel = f"{here}/{name}"
            if name.startswith("."):
                if name.endswith(".tmp") and is_leftover(name):
                    report.warning(rel, 1, "temporary file of an interrupted write",
                                   "leftover-temp-file", "delete it: the write it belonged to "
                                   "never finished, and the file it was for is unchanged")
                continue
            if name.lower() == "readme.md":
                continue
            found.append(rel)
    return found


def _seed_of(path: Path) -> set[str]:
    try:
        head = path.read_bytes()[:65536].decode("utf-8", "replace")
    except OSError:
        return set()
    return {match["seed"].strip() for match in _SEED_KEY.finditer(head)}


def _unread(report: Report, rel: str, why: str, hint: str) -> None:
    report.warning(rel, 1, f"file not read: {why}", CODE, hint)


def _suffix(name: str) -> str:
    return Path(name).suffix


def _survey_corpus_file(root: Path, rel: str, report: Report) -> None:
    parts = rel.split("/")[1:]  # below corpus/
    name = parts[-1]
    if len(parts) == 1:
        if rel != CONFIG_FILE:
            _unread(report, rel, "corpus/ holds folders (and config.yml), not files",
                    _where_it_belongs(name))
        return
    folder = parts[0]
    if folder == "articles":
        _survey_article_file(root, rel, parts, report)
    elif folder in REGISTRY_FOLDERS and folder != "codebooks":
        _survey_entry(rel, folder, parts, report)
    elif folder == "codebooks":
        _survey_codebook_file(root, rel, parts, report)
    else:
        guess = difflib.get_close_matches(folder, FOLDERS, n=1, cutoff=0.5)
        lead = f"did you mean corpus/{guess[0]}/? " if guess else ""
        _unread(report, rel, f"'{folder}' is not a corpus folder",
                f"{lead}the folders are " + ", ".join(f"{f}/" for f in FOLDERS))


def _where_it_belongs(name: str) -> str:
    stem = name.split(".", 1)[0]
    article = ARTICLE_NAME_RE.match(stem)
    if article:
        return f"move it to corpus/articles/{article['year']}/{stem}.md"
    return ("articles go in corpus/articles/YYYY/YYYY-MM-DD-<slug>.md, registry entries in "
            "corpus/actors/, themes/ or sources/ as <id>.md")


def _survey_article_file(root: Path, rel: str, parts: list[str], report: Report) -> None:
    name = parts[-1]
    if name.endswith(SIDECAR):
        article = name[: -len(SIDECAR)] + ".md"
        if not (root / rel).with_name(article).is_file():
            report.warning(rel, 1, f"stand-off file without its article: no {article} beside it",
                           "orphaned-standoff", "move it beside its article, or rename it "
                           "<article file name without .md>.annotations.yml")
        return
    suffix = _suffix(name)
    if suffix == ".md":
        if name.lower() == "index.md":
            _unread(report, rel, "index.md is the name of a generated page",
                    "rename it YYYY-MM-DD-<slug>.md")
        return  # load reads it (and reports a wrong folder or name itself)
    stem = name[: -len(suffix)] if suffix else name
    if suffix.lower() in MARKDOWN_LIKE:
        _unread(report, rel, "articles are .md files", f"rename it to {stem}.md")
    elif suffix.lower() in YAML_LIKE:
        _unread(report, rel, f"stand-off annotations are <article>{SIDECAR} files",
                f"rename it to {stem.split('.')[0]}{SIDECAR}, beside its article")
    else:
        _unread(report, rel, "corpus/articles/ holds articles (.md) and their stand-off files "
                f"({SIDECAR})", "move it out of corpus/")


def _survey_entry(rel: str, folder: str, parts: list[str], report: Report) -> None:
    name = parts[-1]
    suffix = _suffix(name)
    stem = name[: -len(suffix)] if suffix else name
    if len(parts) > 2:
        _unread(report, rel, f"entries are files directly in corpus/{folder}/, not in sub-folders",
                f"move it to corpus/{folder}/{stem}.md (the kind, such as person, goes in kind:)"
                if folder == "actors" else f"move it to corpus/{folder}/{stem}.md")
    elif suffix != ".md":
        _unread(report, rel, f"entries of corpus/{folder}/ are .md files", f"rename it to "
                f"corpus/{folder}/{stem}.md: YAML front matter between --- lines, then the text")


def _survey_codebook_file(root: Path, rel: str, parts: list[str], report: Report) -> None:
    name = parts[-1]
    suffix = _suffix(name)
    if len(parts) == 2 and suffix == ".md":
        return
    if len(parts) == 3 and suffix == ".md":
        book = parts[1]
        if not (root / "corpus" / "codebooks" / f"{book}.md").is_file():
            _unread(report, rel, f"no codebook file corpus/codebooks/{book}.md for this technique",
                    f"add corpus/codebooks/{book}.md (name, short_name...), or move the file into "
                    "the folder of an existing codebook")
        return
    if len(parts) > 3:
        _unread(report, rel, "techniques are files directly in corpus/codebooks/<codebook>/",
                f"move it to corpus/codebooks/{parts[1]}/{name}")
    else:
        _unread(report, rel, "codebooks are .md files: corpus/codebooks/<id>.md and "
                "corpus/codebooks/<id>/<technique>.md", "rename it to .md")


def _survey_seed(root: Path, rel: str, named: set[str], report: Report) -> None:
    name = rel.rsplit("/", 1)[1]
    if _suffix(name).lower() not in SEED_SUFFIXES:
        hint = "save the text as UTF-8 plain text (.txt), or the web page as .html"
        if _suffix(name).lower() in (".labels", ".ann"):
            hint = "import annotation files with python -m build_tools annotations import"
        _unread(report, rel, "ingest reads .txt, .text, .md and .html seeds", hint)
        return
    hidden = find_invisible(rel)
    if hidden or not re.fullmatch(SEED_PATTERN, rel):
        what = f"invisible character {name_of(rel[hidden[0]])}" if hidden else \
            "characters a web address cannot carry safely"
        report.warning(rel, 1, f"ingest refuses this seed: its name holds {what}", "bad-seed-name",
                       "rename the file, e.g. with only letters, digits, - and _")
        return
    if (root / rel).is_symlink():
        _unread(report, rel, "a symlink (seeds are never read through one)",
                "copy the text itself into seeds/")
        return
    if rel not in named:
        report.warning(rel, 1, "no article has been made from this seed yet", "not-ingested",
                       "run make ingest (python -m build_tools ingest seeds/); it says why, if "
                       "it cannot read the seed")
