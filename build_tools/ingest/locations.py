"""Where ingest reads and writes: the seed files a path names, the articles already made from
seeds (found by their ``seed:`` key, whatever their file is called now), and the file name of
a new article (a slug no other article of that year uses)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_tools.diagnostics import DiagnosticError, Report
from build_tools.files.frontmatter import split_front_matter
from build_tools.files.textfile import decode_text
from build_tools.markup import slugify
from build_tools.model import ArticleName

SEED_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}  # .html: a saved web page
_SEED_KEY = re.compile(r"^seed:\s*['\"]?(?P<seed>[^'\"\n]+?)['\"]?\s*$", re.M)
_SHA_KEY = re.compile(r"^seed_sha256:\s*['\"]?(?P<sha>[0-9a-f]{64})", re.M)



@dataclass
class ExistingArticle:
    path: Path
    sha: str | None


def expand_paths(paths: list[Path], report: Report) -> list[Path]:
    seeds: list[Path] = []
    for path in paths:
        if path.is_dir():
            seeds.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in SEED_SUFFIXES and p.name.lower() != "readme.md"
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.is_file():
            seeds.append(path)
        else:
            report.error(path, 1, "no such file or folder", "missing-seed")
    return seeds


def existing_articles(root: Path) -> dict[str, ExistingArticle]:
    """seed path -> the article made from it (read from front matter, whatever its name now)."""
    found: dict[str, ExistingArticle] = {}
    folder = root / "corpus" / "articles"
    if not folder.is_dir():
        return found
    for path in folder.rglob("*.md"):
        try:
            meta = split_front_matter(decode_text(path.read_bytes()).text).meta.data
        except (OSError, DiagnosticError):
            # A broken article is `check`'s business; fall back to a plain look for its seed so
            # that ingest does not write a second article for the same seed.
            meta = _seed_keys_by_regex(path)
        seed, sha = meta.get("seed"), meta.get("seed_sha256")
        if isinstance(seed, str):
            found[seed.strip()] = ExistingArticle(path, sha if isinstance(sha, str) else None)
    return found


def _seed_keys_by_regex(path: Path) -> dict[str, str]:
    try:
        head = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return {}
    seed, sha = _SEED_KEY.search(head), _SHA_KEY.search(head)
    keys = {"seed": seed.group("seed").strip()} if seed else {}
    if sha:
        keys["seed_sha256"] = sha.group("sha")
    return keys


def taken_slugs(folder: Path) -> set[str]:
    """The slugs the articles in one year's folder use."""
    names = (ArticleName.parse(p.stem) for p in folder.glob("*.md")) if folder.is_dir() else ()
    return {name.slug for name in names if name is not None}


def target_path(root: Path, date: str, title: str, fallback: str,
                taken_in: dict[Path, set[str]] | None = None) -> Path:
    """A new file whose slug no other article of that year uses (URLs are year/slug).

    ``taken_in`` keeps each folder's slugs across calls, so that a run writing thousands of
    articles does not list the folder again for each (the caller adds the slugs it writes)."""
    year = date[:4]
    folder = root / "corpus" / "articles" / year
    slug = slugify(title) or slugify(fallback) or "article"
    if slug == "index":  # articles/YYYY/index.md is the year's page
        slug = "index-article"
    if taken_in is None:
        taken = taken_slugs(folder)
    elif folder in taken_in:
        taken = taken_in[folder]
    else:
        taken = taken_in[folder] = taken_slugs(folder)
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return folder / f"{date}-{candidate}.md"
