"""Ingest stage: what a saved web page adds to the article built from its text.

Input: the ``DraftArticle`` that ``article.build_article`` made from the page's paragraphs,
the page's ``PageFacts`` and the outlet matched in the registry. Output: the draft with the
page's canonical address on the publisher, the outlet the page names (as a registry source,
else by name), its authors as actors when the registry knows them, and the ``extracted:``
record of where each value came from.
"""

from __future__ import annotations

from build_tools.ingest.article import DraftArticle
from build_tools.ingest.recognise import Recogniser
from build_tools.ingest.sources import OutletMatch
from build_tools.ingest.webpage import PageFacts
from build_tools.model import ROLE_ORDER, ActorKind, ActorRef, Publisher, Role


def complete_from_page(draft: DraftArticle, facts: PageFacts, recogniser: Recogniser,
                       outlet: OutletMatch | None) -> DraftArticle:
    """``outlet`` is the registry source matched from the page (None with --source, or none)."""
    meta = draft.meta
    publisher = meta.sources.publisher
    if publisher is not None and outlet is not None and publisher.id == outlet.source_id:
        publisher = publisher.model_copy(update={"inferred": outlet.method})
    elif publisher is None and facts.site_name:
        publisher = Publisher(name=facts.site_name[:2000], inferred="site-name")
    if publisher is not None and facts.url and publisher.url is None:
        publisher = publisher.model_copy(update={"url": facts.url})
    actors = _with_authors(meta.actors, facts.extraction.authors, recogniser)
    if outlet is not None:
        actors = [ref.model_copy(update={"inferred": outlet.method})
                  if ref.id == outlet.source_id and ref.roles == [Role.PUBLISHER] else ref
                  for ref in actors]
    sources = meta.sources.model_copy(update={"publisher": publisher})
    meta = meta.model_copy(update={"sources": sources, "actors": actors,
                                   "extracted": facts.extraction})
    return DraftArticle(meta, draft.body, draft.diagnostics, draft.candidates)


def _with_authors(actors: list[ActorRef], authors: list[str], recogniser: Recogniser) -> list[ActorRef]:
    """A byline naming exactly one registry person makes them the article's author."""
    found: list[str] = []
    for name in authors:
        mentions = [m for m in recogniser.find(name)
                    if m.start == 0 and m.end == len(name) and len(m.actor_ids) == 1]
        if mentions and recogniser.kind(mentions[0].actor_ids[0]) == ActorKind.PERSON:
            found.append(mentions[0].actor_ids[0])
    if not found:
        return actors
    out: list[ActorRef] = []
    for ref in actors:
        if ref.id in found and Role.AUTHOR not in ref.roles:
            roles = set(ref.roles) | {Role.AUTHOR}
            ref = ref.model_copy(update={"roles": [r for r in ROLE_ORDER if r in roles]})
        out.append(ref)
    known = {ref.id for ref in actors}
    out.extend(ActorRef(id=a, roles=[Role.AUTHOR], inferred="page-author")
               for a in dict.fromkeys(found) if a not in known)
    return out
