"""``ingest --propose``: a stub actor (``status: proposed``) for each name ingest could not
resolve, written once and never over a file; a person accepts, corrects or deletes it.

A stub's aliases are matched in every article from then on, so a stub gets only aliases no
other actor could carry: whole names of several words ("President Duda" yes, "Duda" or
"Clinton" no: a surname used alone after the full name is resolved within that article by
the recogniser, never written as an alias), and the acronym the text defined for it ("(FBI)")
unless it is a common English word ("US", "WHO", by wordfreq) or another actor's name. A
person's name of one word ("Mr Kozak" alone) is no whole name and is only reported.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from build_tools.diagnostics import relative_posix
from build_tools.files.frontmatter import format_corpus_file
from build_tools.files.textfile import create_exclusive
from build_tools.ingest.names import Candidate
from build_tools.markup import escape_inline, plural, slugify
from build_tools.model import Actor, ActorMeta, Corpus, RegistryStatus


def propose_actors(candidates: list[Candidate], corpus: Corpus, root: Path, seed_rel: str) -> list[Path]:
    """Write a stub ``status: proposed`` actor for each new candidate (and add it to ``corpus``);
    never replace a file. Returns the files written."""
    written: list[Path] = []
    for cand in candidates:
        actor_id = slugify(cand.name, max_length=60)
        if not actor_id or actor_id in corpus.actors:
            continue
        if cand.kind == "person" and " " not in cand.name:
            continue
        aliases = [f for f in cand.forms if f != cand.name and " " in f]
        if cand.acronym and _safe_acronym(cand.acronym, corpus):
            aliases.append(cand.acronym)
        try:
            # aliases only when there are some: the stub says what a person would write
            given = {"aliases": sorted(set(aliases), key=aliases.index)} if aliases else {}
            meta = ActorMeta.model_validate({"name": cand.name, "kind": cand.kind, **given,
                                             "status": RegistryStatus.PROPOSED})
        except ValidationError:  # pragma: no cover - names come from a strict pattern
            continue
        role = (f"{plural(cand.speaker_turns, 'turn')} as a speaker" if cand.speaker_turns
                else plural(cand.count, "mention"))
        titled = f" with the title “{escape_inline(cand.title)}”" if cand.title else ""
        body = (f"Proposed by ingest from `{seed_rel}` (first seen on line {cand.first_line} as "
                f"“{escape_inline(cand.forms[0])}”{titled}; {role}). Check the name and the kind, "
                "write a short description, then set `status: accepted`. To reject the proposal, "
                "delete this file and the references to it.")
        path = root / "corpus" / "actors" / f"{actor_id}.md"
        if not create_exclusive(path, format_corpus_file(meta, body)):
            continue
        rel = relative_posix(path, root)
        corpus.actors[actor_id] = Actor(id=actor_id, path=rel, body=body, body_line=1, meta=meta)
        written.append(path)
    return written


def common_word(word: str) -> bool:
    """Whether ``word`` (any case) is a common English word. wordfreq's small list (enough for
    common words) loads in a tenth of a second, on first use, not with ingest."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en", wordlist="small") >= COMMON_WORD_ZIPF


def _safe_acronym(acronym: str, corpus: Corpus) -> bool:
    """Not a common word written in capitals ("US" is "us") nor any actor's name or alias."""
    if common_word(acronym):
        return False
    return not any(acronym == a.meta.name or acronym in a.meta.aliases for a in corpus.actors.values())


# A word at least this frequent (Zipf scale: 5 is once per 100,000 words, as "us", "who" or
# "source") is a common word, not a name that could stand alone.
COMMON_WORD_ZIPF = 5.0
