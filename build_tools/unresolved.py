"""Load stage: references to a registry entry whose file exists but did not load.

One bad file is reported once, where it is, and the rest builds (as in Hugo and Pelican): an
article naming an actor, theme, source, technique or translation note whose file has an error
is kept, and the pages show the id without a link, marked unresolved. Each such reference is
a warning (``unresolved-actor``...), so ``check`` passes the articles and ``mkdocs build
--strict`` still fails on the broken file itself. A reference to an id with no file at all
stays an ``unknown-...`` error.

Input: ``Corpus.broken`` (filled by ``load``: ``"actors/russia"`` -> its file). Output: the
warning for one reference, or None when the entry is not a broken one.
"""

from __future__ import annotations

from build_tools.diagnostics import Diagnostic, warning
from build_tools.model import Corpus

NOUNS = {"actors": "actor", "themes": "theme", "sources": "source", "codebooks": "technique",
         "translation-notes": "translation note"}


def broken_file(corpus: Corpus, folder: str, ref_id: str) -> str | None:
    """The file of entry ``ref_id`` of ``folder`` when it exists but did not load."""
    return corpus.broken.get(f"{folder}/{ref_id}")


def unresolved(corpus: Corpus, folder: str, ref_id: str, *, line: int = 1, col: int | None = None,
               where: str = "") -> Diagnostic | None:
    """The warning for a reference to a broken entry; None if ``ref_id`` is not one."""
    path = broken_file(corpus, folder, ref_id)
    if path is None:
        return None
    noun = NOUNS[folder]
    return warning(f"{noun} '{ref_id}'{where} is unresolved: {path} has errors",
                   f"unresolved-{noun.replace(' ', '-')}", line=line, col=col,
                   hint=f"fix {path} (its errors are reported there); until then this file is "
                   f"built with '{ref_id}' shown unresolved, without a link")


def technique_file(corpus: Corpus, value: str, codebook: str | None, default: str | None) -> str | None:
    """The broken file a technique reference (``codebook/id``, an id in ``codebook``, or an id
    in the default codebook) points at: the technique's own, or its codebook's."""
    book, _, name = value.partition("/") if "/" in value else (codebook or default or "", "", value)
    return corpus.broken.get(f"codebooks/{book}/{name}") or corpus.broken.get(f"codebooks/{book}")


def unresolved_technique(corpus: Corpus, value: str, codebook: str | None, default: str | None, *,
                         line: int = 1, col: int | None = None) -> Diagnostic | None:
    path = technique_file(corpus, value, codebook, default)
    if path is None:
        return None
    return warning(f"technique '{value}' is unresolved: {path} has errors", "unresolved-technique",
                   line=line, col=col, hint=f"fix {path} (its errors are reported there); until "
                   "then the words are shown with the label as written")
