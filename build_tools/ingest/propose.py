"""``ingest --propose``: a stub actor (``status: proposed``) for each name ingest could not
resolve, written once and never over a file; a person accepts, corrects or deletes it."""

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
        aliases = [f for f in cand.forms if f != cand.name]
        words = cand.name.split()
        if cand.kind == "person" and len(words) >= 2 and len(words[-1]) >= 5 and "-" not in words[-1]:
            aliases.append(words[-1])  # the surname alone: "Mr Aksyonov", "Aksyonov said"
        try:
            # aliases only when there are some: the stub says what a person would write
            given = {"aliases": sorted(set(aliases), key=aliases.index)} if aliases else {}
            meta = ActorMeta.model_validate({"name": cand.name, "kind": cand.kind, **given,
                                             "status": RegistryStatus.PROPOSED})
        except ValidationError:  # pragma: no cover - names come from a strict pattern
            continue
        role = (f"{plural(cand.speaker_turns, 'turn')} as a speaker" if cand.speaker_turns
                else plural(cand.count, "mention"))
        body = (f"Proposed by ingest from `{seed_rel}` (first seen on line {cand.first_line} as "
                f"“{escape_inline(cand.forms[0])}”; {role}). Check the name and the kind, write a short "
                "description, then set `status: accepted`. To reject the proposal, delete this file "
                "and the references to it.")
        path = root / "corpus" / "actors" / f"{actor_id}.md"
        if not create_exclusive(path, format_corpus_file(meta, body)):
            continue
        rel = relative_posix(path, root)
        corpus.actors[actor_id] = Actor(id=actor_id, path=rel, body=body, body_line=1, meta=meta)
        written.append(path)
    return written
