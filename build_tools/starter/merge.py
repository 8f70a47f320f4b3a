"""Load stage, starter part: see the starter registry beneath the corpus's own actors.

Input: the ``Corpus`` with ``corpus/actors/`` loaded, and the starter sets ``corpus/config.yml``
turns on. Output: the corpus's ``actors`` with every starter entry that no corpus entry
hides, and a ``StarterStatus`` saying what was seen and what was hidden.

The rule, so that a person's edit always wins and nothing is recognised twice: a starter
entry is hidden when a corpus actor (or a corpus file that did not load) has its id, its
Wikidata id, or one of its names or aliases (compared as recognise.py compares them, and
ignoring case). It is hidden whole, never merged alias by alias: the corpus entry says what
the corpus means by that name. Hiding is not a problem to report, only a fact ``registry
starter`` lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from build_tools.diagnostics import Report
from build_tools.model import Actor, Corpus
from build_tools.starter.load import load_starter_set, surfaces


@dataclass(frozen=True)
class Hidden:
    """A starter entry a corpus entry replaces, and why."""

    starter_id: str
    by: str  # the corpus actor's id
    reason: str  # "the same id", "the same Wikidata id Q159", "the name 'Kremlin'"


@dataclass
class StarterStatus:
    sets: list[str]
    seen: list[str] = field(default_factory=list)  # starter ids in corpus.actors
    hidden: list[Hidden] = field(default_factory=list)
    total: int = 0  # valid entries in the sets


def add_starter_actors(corpus: Corpus, sets: Iterable[str], report: Report) -> StarterStatus:
    """Add the entries of ``sets`` that no corpus entry hides to ``corpus.actors``; report
    the problems of the starter files themselves (which check then shows)."""
    status = StarterStatus(list(sets))
    own_ids = set(corpus.actors) | {key.split("/", 1)[1] for key in corpus.broken
                                    if key.startswith("actors/")}
    own_qids = {a.meta.wikidata: a.id for a in corpus.actors.values() if a.meta.wikidata}
    own_names: dict[str, tuple[str, str]] = {}
    for actor in corpus.actors.values():
        for surface, original in zip(surfaces(actor.meta), (actor.meta.name, *actor.meta.aliases),
                                     strict=True):
            own_names.setdefault(surface, (actor.id, original))
    for name in status.sets:
        found = load_starter_set(name)
        report.extend(found.problems)
        status.total += len(found.actors)
        for actor in found.actors:
            hidden = _hidden_by(actor, own_ids, own_qids, own_names)
            if hidden is not None:
                status.hidden.append(hidden)
                continue
            if actor.id in corpus.actors:  # two sets with one id: the first set wins
                continue
            corpus.actors[actor.id] = actor
            status.seen.append(actor.id)
    corpus.starter = status
    return status


def _hidden_by(actor: Actor, own_ids: set[str], own_qids: dict[str, str],
               own_names: dict[str, tuple[str, str]]) -> Hidden | None:
    if actor.id in own_ids:
        return Hidden(actor.id, actor.id, "the same id")
    qid = actor.meta.wikidata
    if qid and qid in own_qids:
        return Hidden(actor.id, own_qids[qid], f"the same Wikidata id {qid}")
    for surface in surfaces(actor.meta):
        if surface in own_names:
            by, original = own_names[surface]
            return Hidden(actor.id, by, f"the name '{original}'")
    return None


def referenced_actors(corpus: Corpus) -> set[str]:
    """Every actor id an article refers to: its actors (not rejected), cited sources, the
    speakers, claimants and subjects of its annotations, inline and stand-off."""
    found: set[str] = set()
    for article in corpus.articles:
        found.update(ref.id for ref in article.meta.named_actors)
        found.update(c.id for c in article.meta.sources.cited if c.id)
        spans: list[object] = list(article.annotations or [])
        if article.standoff is not None:
            spans += [*article.standoff.spans, *article.standoff.claims]
        for span in spans:
            for attr in ("actor", "claimant"):
                value = getattr(span, attr, None)
                if isinstance(value, str):
                    found.add(value)
            found.update(v for v in getattr(span, "about", None) or [] if isinstance(v, str))
    return found


def drop_unnamed_starter(corpus: Corpus) -> list[str]:
    """Remove the starter actors no article refers to, so the site gets pages for what the
    corpus names, not for hundreds of empty entries; returns the ids removed."""
    named = referenced_actors(corpus)
    dropped = [a.id for a in corpus.actors.values() if a.starter and a.id not in named]
    for actor_id in dropped:
        del corpus.actors[actor_id]
    return dropped
