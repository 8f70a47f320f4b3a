"""Ingest stage: the language a seed is written in, decided by a language identifier.

Input: the seed's text (its first paragraphs). Output: a ``LanguageGuess`` (ISO 639 code, the
identifier's confidence, and how it was decided) that ingest writes as ``language:``.

The identifier is py3langid (a NumPy port of langid.py: a naive Bayes model over byte n-grams,
140 language labels, 0.8 s to load once per run, then well under a millisecond per article). It was
chosen over lingua, which is more accurate on very short texts but loads hundreds of MB of
models, and because it is deterministic: no sampling, the same text always gets the same answer.

Short texts: byte n-grams need material. Under ``MIN_LETTERS`` letters ("Путин", a title alone)
the model's best answer is close to chance (py3langid calls "Путин" Serbian), so no language is
decided from the text: the caller keeps what the page itself declares, or the default, and says
so. A longer text whose best language scores under ``MIN_CONFIDENCE`` is undecided the same way.
Mixed texts (an English report quoting Russian) get the language most of their first
``SAMPLE`` characters are in.
"""

from __future__ import annotations

import hashlib
import io
import lzma
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from build_tools.files.textfile import write_bytes_atomic
from build_tools.ingest import cache as derived
from build_tools.ingest import langwalk

MIN_LETTERS = 40
MIN_CONFIDENCE = 0.5
# The identifier walks every byte in Python: 800 characters (about 130 words) decide as well
# as a whole article does (no generated or test seed changes language from 1,500) and cost
# about 0.3 ms a seed.
SAMPLE = 800

Method = Literal["detected", "too-short", "uncertain"]


@dataclass(frozen=True)
class LanguageGuess:
    """``code`` is None when the text cannot decide (too short, or no language is likely)."""

    code: str | None
    confidence: float
    method: Method


_PACKED = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
# ptc as float32: py3langid's scores multiply float32 counts by rows of the float16 table,
# converting each row on every call (0.1 ms a seed); converted once, the products are the
# same bits (tests/test_langwalk.py)
_ARRAYS = ("ptc32", *_PACKED[1:])  # what the unpacked copy keeps


@cache
def _identifier() -> Any:
    """The model, loaded on first use: a run that never asks does not pay for it.

    py3langid's own loader unpacks the model into a temporary file; on a full disk (or under
    a file-size limit) that write fails and every seed would fail with it. Unpacked in memory
    instead (96 MB, its float16 table widened to float32), detection never writes, except
    the optional unpacked copy in the user's cache folder (``ingest.cache``; unpacking costs
    about 0.5 s a run, reading the copy a few milliseconds), whose failure only costs the
    unpacking again."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import _to_array

    packed = (MODEL_DIR / MODEL_FILE).read_bytes()
    model = hashlib.sha256(packed).hexdigest()[:16]
    arrays = _cached_arrays(packed, model)
    identifier = _identifier_class()(
        np.asarray(arrays["ptc32"]), np.asarray(arrays["pc"]), arrays["classes"].tolist(),
        # a view, not a copy of its 39 MB: the byte walk reads a few thousand of its entries
        memoryview(np.ascontiguousarray(arrays["nextmove"])),  # type: ignore[arg-type]
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=_to_array(arrays["nextmove_row"]))
    # the automaton's depth: 0.8 s to find, so kept with the unpacked model
    depth = int(derived.cached_text("langid", f"depth {model} {langwalk.VERSION}", lambda: str(
        langwalk.automaton_depth(arrays["nextmove"], identifier._rowbase))))
    identifier._counter = langwalk.FeatureCounter(
        arrays["nextmove"], identifier._rowbase, arrays["out_feat"], depth)
    return identifier


def _identifier_class() -> type:
    from py3langid.langid import LanguageIdentifier

    class Identifier(LanguageIdentifier):  # type: ignore[misc]
        """py3langid's identifier, counting its features with ``langwalk`` (the same counts,
        several times faster in a run); the rest, scores and decisions, is py3langid's."""

        __slots__ = ("_counter",)

        def _raw_score(self, text: bytes) -> Any:
            visits = self._counter.counts(text)
            if visits:
                return self._sparse_score(visits, self.nb_ptc)
            return super()._raw_score(text)  # no feature: py3langid's own fill

    return Identifier


def _cached_arrays(packed: bytes, model: str) -> dict[str, Any]:
    """The model's arrays: from the unpacked copy when it is there and whole, else unpacked
    from the packed file (and the copy written for the next run)."""
    import numpy as np

    home = derived.folder("langid")
    folder = home / model if home else None
    if folder is not None:
        try:  # memory-mapped: only the pages detection reads are read from the disk
            return {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                    for name in _ARRAYS}
        except (OSError, ValueError):  # not there yet, or damaged: unpack again
            pass
    with np.load(io.BytesIO(lzma.decompress(packed)), allow_pickle=False) as data:
        arrays = {name: data[name] for name in _PACKED}
    arrays["ptc32"] = arrays.pop("ptc").astype(np.float32)
    if folder is not None:
        _write_copy(folder, arrays)
    return arrays


def _write_copy(folder: Path, arrays: dict[str, Any]) -> None:
    """Each array as its own .npy file, written atomically; best effort (a full disk or a
    read-only project only means unpacking again next time)."""
    import numpy as np

    try:
        for name, array in arrays.items():
            out = io.BytesIO()
            np.save(out, array, allow_pickle=False)
            write_bytes_atomic(folder / f"{name}.npy", out.getvalue())
    except OSError:
        pass


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text``, when the identifier can tell (see the module's notes)."""
    sample = text[:SAMPLE]
    letters = sum(map(str.isalpha, sample))
    if letters < MIN_LETTERS:
        return LanguageGuess(None, 0.0, "too-short")
    code, confidence = _identifier().classify(sample)
    confidence = round(float(confidence), 3)
    if confidence < MIN_CONFIDENCE:
        return LanguageGuess(None, confidence, "uncertain")
    return LanguageGuess(str(code), confidence, "detected")


def text_language(text: str, default: str = "en") -> str:
    """The seed's language as ``language:`` records it: detected, else ``default``."""
    return detect_language(text).code or default
