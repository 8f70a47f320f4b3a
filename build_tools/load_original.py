"""Load stage, translated articles: read the original-language seed an article names in
``original_seed`` and pair its paragraphs with the article's.

Input: a validated article (its ``original_seed`` and body) and the repository root. Output:
``article.original`` (an ``OriginalText``: title, paragraphs, language) and diagnostics: a
missing or unsafe file like a missing ``seed``, and a paragraph-count mismatch, since the page
pairs paragraphs by position and a person should check where they stop lining up.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.diagnostics import Report
from build_tools.files.corpusfile import RawFile
from build_tools.files.seeds import read_seed_text, seed_file
from build_tools.ingest.language import text_language
from build_tools.ingest.seed import parse_seed
from build_tools.model import Article, OriginalText

_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def body_paragraphs(body: str) -> list[str]:
    """The article's paragraphs as the page shows them (blank-line separated blocks)."""
    return [p for p in _BLANK_LINES.split(body.strip()) if p.strip()]


def read_original(text: str, path: str, date: str, language: str | None) -> OriginalText:
    """An original seed's title and paragraphs, in the layout ingest reads; a text without
    that layout (no date line, no title) is taken as paragraphs only."""
    parsed = parse_seed(text, default_date=date)
    if parsed.paragraphs and not parsed.problems:
        title = parsed.title
        paragraphs = [p.text for p in parsed.paragraphs]
    else:
        title = None
        paragraphs = [" ".join(block.split()) for block in _BLANK_LINES.split(text.lstrip("\ufeff"))
                      if block.strip()]
    return OriginalText(path, language or text_language(text), title, tuple(paragraphs))


def load_original(article: Article, raw: RawFile, root: Path, report: Report) -> None:
    seed = article.meta.original_seed
    if not seed:
        return
    line = raw.meta.line_of(("original_seed",))
    if seed == article.meta.seed:
        report.error(raw.rel, line, "original_seed names the article's own seed", "same-seed",
                     "original_seed is the original-language text; seed is the text this article is")
        return
    path = seed_file(root, seed)
    text = read_seed_text(path)
    if path is None or text is None:
        unsafe = (root / seed).is_symlink() or (root / seed).exists()
        if unsafe:
            report.error(raw.rel, line, f"original seed '{seed}' is not a regular file inside "
                         "seeds/ (a symlink?)", "unsafe-seed", "seeds must be plain files copied into seeds/")
        else:
            report.warning(raw.rel, line, f"original seed file '{seed}' not found", "missing-seed",
                           "seeds are kept in seeds/ unchanged")
        return
    publisher = article.meta.sources.publisher
    original = read_original(text, seed, article.date, publisher.original_language if publisher else None)
    article.original = original
    ours = len(body_paragraphs(article.body))
    theirs = len(original.paragraphs)
    if ours != theirs:
        report.warning(raw.rel, line, f"the original has {theirs} paragraphs and the article "
                       f"{ours}: they are paired by position, so from the first missing or extra "
                       "paragraph on the pairs do not match", "paragraph-mismatch",
                       "split or join paragraphs in the article so each matches one paragraph of "
                       "the original (the seed stays as it is)")
