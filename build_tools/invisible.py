"""Invisible and control characters: which they are, how they are named, found and removed.

Untrusted text (seeds, imported annotations, any corpus file) can carry characters a reader
never sees: bidi controls that make a browser show "Putin" as "nituP" or a file name
``report<U+202E>txt.exe`` as "reportexe.txt", zero-width characters that split a name so it no
longer matches the registry, NULs and other control characters from a YAML escape or a bad
copy. They are removed (the few that act as line or page breaks become a space) and every one
is reported by the caller. Letters are never touched, and two uses that are real writing are
kept: a zero-width (non-)joiner between letters of a script that joins (Arabic, Persian,
Indic), and the joiner and variation selectors of emoji sequences. Pure: no imports of the
rest of the package, so ``diagnostics`` can use it to print paths and messages safely.
"""

from __future__ import annotations

import re
import unicodedata

# Format characters (category Cf) that are invisible in every script, the bidi controls among
# them, C0 and C1 controls but tab and line feed, line and paragraph separators, fillers that
# render as nothing, variation selectors and the tag characters of "ASCII smuggling".
_CANDIDATES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\U000e0100-\U000e01ef]")
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Controls that separate words or lines where they appear: a space keeps the words apart.
_SPACING = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
_JOINERS = frozenset("\u200c\u200d")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION",
                  0x0C: "FORM FEED", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}


def name_of(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE', 'U+0000 NULL'."""
    code = ord(char)
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(code, "CONTROL CHARACTER")
    return f"U+{code:04X} {name}"


def _joining_letter(char: str) -> bool:
    """A letter or mark of a script where (non-)joiners are spelling: not Latin, Greek or
    Cyrillic, where they only split a word."""
    return bool(char) and ord(char) >= 0x0590 and unicodedata.category(char)[0] in "LM"


def _emoji_part(char: str) -> bool:
    return bool(char) and (unicodedata.category(char) in ("So", "Sk") or bool(_VARIATION.match(char))
                           or 0x1F3FB <= ord(char) <= 0x1F3FF)


def _kept(char: str, before: str, after: str) -> bool:
    """Whether a candidate is real writing, judged by the character it follows once the
    removals before it are made (``before``) and the next character (``after``)."""
    if char in _JOINERS:
        # after: only a character that is never removed, so the judgement holds afterwards
        return (_joining_letter(before) and _joining_letter(after)) or \
            (char == "\u200d" and _emoji_part(before) and _emoji_part(after)
             and not _CANDIDATES.match(after))
    if _VARIATION.match(char):
        # after a symbol or an ideograph it selects a glyph; after a Latin letter it only hides
        return bool(before.strip()) and not (ord(before) < 0x0590 and before.isalnum())
    return False


def find_invisible(text: str) -> list[int]:
    """Indexes of the characters ``strip_invisible`` removes or replaces. One pass, left to
    right, each judged against what precedes it in the cleaned text: so cleaning twice
    changes nothing (found by the fuzzer: "\x1b" + a variation selector)."""
    if not _CANDIDATES.search(text):  # the common case, at regex speed
        return []
    removed: list[int] = []
    last_kept = ""  # the character before the current candidate in the cleaned text
    position = 0
    for match in _CANDIDATES.finditer(text):
        index = match.start()
        if index > position:
            last_kept = text[index - 1]
        after = text[index + 1] if index + 1 < len(text) else ""
        if _kept(text[index], last_kept, after):
            last_kept = text[index]
        else:
            removed.append(index)
            if text[index] in _SPACING:
                last_kept = " "
        position = index + 1
    return removed


def strip_invisible(text: str) -> str:
    """``text`` without its invisible characters (a spacing control becomes a space)."""
    found = find_invisible(text)
    if not found:
        return text
    out, pos = [], 0
    for index in found:
        out.append(text[pos:index])
        if text[index] in _SPACING:
            out.append(" ")
        pos = index + 1
    out.append(text[pos:])
    return "".join(out)


def show_invisible(text: str) -> str:
    """``text`` with each invisible character written as ``<U+202E>``: for terminals and
    logs, where a bidi control would reorder the rest of the line."""
    found = find_invisible(text)
    if not found:
        return text
    out, pos = [], 0
    for index in found:
        out.append(text[pos:index])
        out.append(f"<U+{ord(text[index]):04X}>")
        pos = index + 1
    out.append(text[pos:])
    return "".join(out)
