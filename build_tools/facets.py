"""Index stage, browsing: each article as a record of facet values, and the facet counts.

Input: ``Indexes``. Output: one ``FacetRecord`` per article (actors with their roles, themes,
publisher, language, translation kind, techniques, claim assessments, date, annotation
count), and for a ``Selection`` the matching records and the live count of every facet value.

The browse page's script (``adapters/theme/assets/browse.js``) applies the same rules to the
same records in the reader's browser; this module is their specification, and the tests hold
the two to each other:

- values of one facet are alternatives (any of them), facets combine (all of them); with
  ``all_actors`` every selected actor must appear;
- actor and role go together: with both selected, a selected actor must appear in a selected
  role ("Putin, quoted"); a role alone means any actor in that role;
- a value's count is the number of articles the selection would match with that value chosen
  instead of the facet's current choice (the usual "disjunctive" counts, so picking a second
  value never shows 0 for values that would add articles). Actors in ``all_actors`` mode count
  what adding the actor would leave.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from build_tools.index import Indexes
from build_tools.model import Article, Translation

FACETS = ("actor", "role", "theme", "source", "language", "translation", "technique", "assessment")
UNASSESSED = "not-assessed"  # the assessment value of a claim nobody assessed yet
NO_SOURCE = "unknown"  # the source value of an article without a registry publisher
ANNOTATION_KINDS = ("quote", "claim", "technique", "tn")


@dataclass(frozen=True)
class FacetRecord:
    id: str
    title: str
    date: str
    url: str  # site path of the page, "articles/2022/slug/"
    source: str
    language: str
    translation: str
    actors: tuple[tuple[str, tuple[str, ...]], ...]  # (actor id, its roles), in front-matter order
    themes: tuple[str, ...]
    techniques: tuple[str, ...]  # "codebook/id", each once
    assessments: tuple[str, ...]  # each once; UNASSESSED for a claim without one
    annotations: dict[str, int]  # kind -> how many (quote, claim, technique, tn)

    @property
    def annotation_total(self) -> int:
        return sum(self.annotations.values())

    def values(self, facet: str) -> tuple[str, ...]:
        if facet == "actor":
            return tuple(a for a, _ in self.actors)
        if facet == "role":
            return tuple(dict.fromkeys(r for _, roles in self.actors for r in roles))
        return {"theme": self.themes, "source": (self.source,), "language": (self.language,),
                "translation": (self.translation,), "technique": self.techniques,
                "assessment": self.assessments}[facet]


@dataclass(frozen=True)
class Selection:
    values: dict[str, frozenset[str]] = field(default_factory=dict)
    date_from: str | None = None  # YYYY-MM-DD (or a prefix: YYYY-MM, YYYY), inclusive
    date_to: str | None = None
    all_actors: bool = False
    text: str = ""  # words of the title, any case

    def chosen(self, facet: str) -> frozenset[str]:
        return self.values.get(facet, frozenset())

    def without(self, facet: str) -> Selection:
        return Selection({k: v for k, v in self.values.items() if k != facet}, self.date_from,
                         self.date_to, self.all_actors, self.text)


def facet_record(article: Article, idx: Indexes) -> FacetRecord:
    meta = article.meta
    publisher = meta.sources.publisher
    spans = idx.spans[article.id].spans if article.id in idx.spans else []
    counts = Counter(s.kind for s in spans if s.kind in ANNOTATION_KINDS)
    techniques = tuple(dict.fromkeys(s.technique for s in spans if s.kind == "technique" and s.technique))
    assessments = tuple(dict.fromkeys(s.assessment.value if s.assessment else UNASSESSED
                                      for s in spans if s.kind == "claim"))
    return FacetRecord(
        id=article.id, title=meta.title, date=meta.date,
        url=article.url_path.removesuffix(".md") + "/",
        source=publisher.id if publisher and publisher.id else NO_SOURCE,
        language=meta.language,
        translation=(publisher.translation if publisher else Translation.UNKNOWN).value,
        actors=tuple((ref.id, tuple(r.value for r in ref.roles)) for ref in meta.named_actors),
        themes=tuple(t.id for t in meta.carried_themes), techniques=techniques,
        assessments=assessments, annotations={k: counts.get(k, 0) for k in ANNOTATION_KINDS})


def facet_records(idx: Indexes) -> list[FacetRecord]:
    """Every article's record, newest first (the corpus order)."""
    return [facet_record(a, idx) for a in idx.corpus.articles]


def _actors_match(record: FacetRecord, actors: frozenset[str], roles: frozenset[str],
                  all_actors: bool) -> bool:
    if not actors and not roles:
        return True
    if not actors:
        return any(r in roles for _, rs in record.actors for r in rs)
    present = {a for a, rs in record.actors if a in actors and (not roles or any(r in roles for r in rs))}
    return present == actors if all_actors else bool(present)


def _in_range(date: str, selection: Selection) -> bool:
    # a prefix bound ("2022-09") covers its whole month: compare on the bound's own length
    if selection.date_from and date[:len(selection.date_from)] < selection.date_from:
        return False
    return not (selection.date_to and date[:len(selection.date_to)] > selection.date_to)


def matches(record: FacetRecord, selection: Selection) -> bool:
    if not _in_range(record.date, selection):
        return False
    if selection.text and not all(w in record.title.casefold() for w in selection.text.casefold().split()):
        return False
    if not _actors_match(record, selection.chosen("actor"), selection.chosen("role"), selection.all_actors):
        return False
    for facet in FACETS[2:]:
        chosen = selection.chosen(facet)
        if chosen and not any(v in chosen for v in record.values(facet)):
            return False
    return True


def select(records: list[FacetRecord], selection: Selection) -> list[FacetRecord]:
    return [r for r in records if matches(r, selection)]


def facet_counts(records: list[FacetRecord], selection: Selection) -> dict[str, Counter[str]]:
    """Facet -> value -> the number of articles choosing that value would match."""
    counts: dict[str, Counter[str]] = {}
    for facet in FACETS:
        base = selection if facet == "actor" and selection.all_actors else selection.without(facet)
        tally: Counter[str] = Counter()
        for record in records:
            if not matches(record, base):
                continue
            if facet == "actor":
                roles = selection.chosen("role")
                tally.update(a for a, rs in record.actors if not roles or any(r in roles for r in rs))
            elif facet == "role":
                actors = selection.chosen("actor")
                tally.update({r for a, rs in record.actors if not actors or a in actors for r in rs})
            else:
                tally.update(record.values(facet))
        counts[facet] = tally
    return counts


SORTS = {
    "date-desc": (lambda r: (r.date, r.title.casefold()), True),
    "date-asc": (lambda r: (r.date, r.title.casefold()), False),
    "title": (lambda r: (r.title.casefold(), r.date), False),
    "annotations": (lambda r: (r.annotation_total, r.date), True),
}


def sort_records(records: list[FacetRecord], order: str = "date-desc") -> list[FacetRecord]:
    key, reverse = SORTS[order]
    return sorted(records, key=key, reverse=reverse)  # type: ignore[arg-type]
