"""``langwalk`` counts the language model's features exactly as py3langid's byte walk does,
so detection decides the same, with the same confidence."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import LanguageIdentifier, visit_counts

from build_tools.ingest import langwalk
from build_tools.ingest.language import _identifier

REPO = Path(__file__).resolve().parents[1]


def walked(text: bytes) -> list[tuple[int, int]] | None:
    ident = _identifier()
    found = visit_counts(ident.tk_nextmove, ident._rowbase, ident.tk_output, text)
    return list(found.items()) if found else None


def counted(text: bytes) -> list[tuple[int, int]] | None:
    found = _identifier()._counter.counts(text)
    return list(found.items()) if found else None


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=40), st.text(max_size=200).map(str.encode),
                 st.text(alphabet="абвгд еёжзи abc de\u00e9\u4e2d", max_size=120).map(str.encode)))
def test_the_counts_and_their_order_are_the_byte_walks(text: bytes) -> None:
    assert counted(text) == walked(text)


def test_on_the_seeds_and_articles_scores_are_bit_for_bit_py3langids() -> None:
    ident = _identifier()
    # the seeds, every corpus file, and the labelled samples beside the project when there
    files = [p for p in sorted((REPO / "seeds").iterdir()) if p.is_file()]
    files += sorted((REPO / "corpus").rglob("*.md"))
    files += sorted(p for p in (REPO.parent / "shared" / "samples").rglob("*") if p.is_file())
    texts = [p.read_bytes()[:3000] for p in files]
    assert len(texts) > 50
    for text in texts:
        encoded = ident._encode(text)
        assert counted(encoded) == walked(encoded)
        ours = ident._raw_score(encoded)
        theirs = LanguageIdentifier._raw_score(ident, encoded)
        assert ours.tobytes() == theirs.tobytes()


def test_the_depth_is_the_longest_path_from_the_start() -> None:
    # a 3-state automaton over bytes: 0 -a-> 1 -b-> 2, all else back to 0
    rows = [0, 1, 2]
    table = [0] * 768
    table[ord("a")] = 1
    table[256 + ord("b")] = 2
    assert langwalk.automaton_depth(table, [r << 8 for r in rows]) == 2
    ident = _identifier()
    assert ident._counter.depth == langwalk.automaton_depth(ident.tk_nextmove, ident._rowbase)


def test_the_float32_table_scores_as_py3langids_float16_one() -> None:
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, _load_model_file

    ident = _identifier()
    ptc16 = np.asarray(_load_model_file(MODEL_DIR / MODEL_FILE)[0])
    assert ptc16.dtype == np.float16 and ident.nb_ptc.dtype == np.float32
    assert np.array_equal(ptc16.astype(np.float32), ident.nb_ptc)
    files = sorted((REPO / "corpus").rglob("*.md"))[:40]
    for text in (ident._encode(p.read_bytes()[:3000]) for p in files):
        visits = ident._counter.counts(text)
        assert ident._sparse_score(visits, ident.nb_ptc).tobytes() == \
            ident._sparse_score(visits, ptc16).tobytes()
