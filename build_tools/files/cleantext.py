"""Untrusted text cleaned of invisible characters, with one located warning per line.

Input: decoded text (a seed, a corpus file, an imported note), or a parsed YAML document
(where an escape such as ``"\\0"`` or ``"\\u202e"`` writes the character). Output: the text
without them (``build_tools.invisible``) and ``invisible-character`` warnings with line and
column and no path (the caller places them). Ingest cleans a seed's text before parsing it,
so names split by a zero-width space still match the registry; ``load`` cleans every corpus
file before validating it, so no page, data file or search index carries them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from build_tools.diagnostics import Diagnostic, warning
from build_tools.files.yamlsafe import Loc, YamlDoc
from build_tools.invisible import find_invisible, name_of, strip_invisible

CODE = "invisible-character"
CORPUS_HINT = ("invisible characters can reorder, hide or split words on the page; delete it "
               "from the file (the site leaves it out)")
SEED_HINT = "the seed keeps it as received; the article is written without it"
MAX_LINES = 20  # per file: past that, one summary line


@dataclass
class CleanText:
    text: str
    problems: list[Diagnostic] = field(default_factory=list)  # lines in the text, no path


def _names(chars: list[str]) -> str:
    unique = sorted(set(chars), key=chars.index)
    return ", ".join(name_of(c) for c in unique)


def clean_text(text: str, hint: str = CORPUS_HINT) -> CleanText:
    """``text`` without invisible characters; a warning per line that had some."""
    found = find_invisible(text)
    if not found:
        return CleanText(text)
    by_line: dict[int, list[int]] = {}
    line, pos = 1, 0
    for index in found:
        line += text.count("\n", pos, index)
        pos = index
        by_line.setdefault(line, []).append(index)
    problems = []
    for number, indexes in list(by_line.items())[:MAX_LINES]:
        chars = [text[i] for i in indexes]
        col = indexes[0] - (text.rfind("\n", 0, indexes[0]) + 1) + 1
        what = f"invisible character {_names(chars)}" if len(chars) == 1 else \
            f"{len(chars)} invisible characters ({_names(chars)})"
        problems.append(warning(f"{what} removed", CODE, line=number, col=col, hint=hint))
    if len(by_line) > MAX_LINES:
        rest = list(by_line)[MAX_LINES:]
        count = sum(len(by_line[n]) for n in rest)
        problems.append(warning(f"and {count} more invisible characters on {len(rest)} more lines, "
                                "removed", CODE, line=rest[0], hint=hint))
    return CleanText(strip_invisible(text), problems)


def clean_yaml(doc: YamlDoc, keep: Callable[[Loc], bool] | None = None) -> list[Diagnostic]:
    """Remove invisible characters from ``doc.data`` (keys and string values: after
    ``clean_text``, only what YAML escapes wrote), in place; a warning at the line of
    each. ``keep(loc)`` exempts values that
    must stay exactly as they are (a stand-off span's seed text)."""
    problems: list[Diagnostic] = []

    def clean(value: Any, loc: Loc) -> Any:
        if isinstance(value, str):
            if keep is not None and keep(loc):
                return value
            found = find_invisible(value)
            if found:
                where = ".".join(str(p) for p in loc) or "the document"
                problems.append(warning(f"'{where}' holds invisible character "
                                        f"{_names([value[i] for i in found])} (written as an "
                                        "escape?); removed", CODE,
                                        line=doc.line_of(loc), hint=CORPUS_HINT))
                return strip_invisible(value)
            return value
        if isinstance(value, list):
            return [clean(item, loc + (index,)) for index, item in enumerate(value)]
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                new_key = clean(key, loc + (key,)) if isinstance(key, str) else key
                if new_key != key and new_key in value:  # would replace a real key: left to
                    new_key = key                         # the schema, as an unknown key
                out[new_key] = clean(item, loc + (key,))
            return out
        return value

    doc.data = clean(doc.data, ())
    return problems
