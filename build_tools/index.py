"""Index stage: from the whole loaded corpus, compute every cross-reference the pages show.

Input: a validated ``Corpus``. Output: ``Indexes``: actor -> appearances (newest first),
theme -> articles, source -> articles, chronology by month, turns and translation notes per
article, actor co-occurrence and related articles. Pure and deterministic; reads no files.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from build_tools.annotations import Annotation, Turn, parse_annotations, turns_of
from build_tools.memo import Memo
from build_tools.model import Article, Corpus, Role
from build_tools.spans import ArticleSpans, Span, resolve_spans

_SENTENCE_END = re.compile(r"[.!?…][”\"»’)]*(?=\s)")

RELATED_LIMIT = 5
WINDOW = 40


@dataclass(frozen=True)
class Appearance:
    article: Article
    roles: tuple[Role, ...]
    turns: int  # paragraphs the actor speaks in this article


@dataclass
class ArticleAnnotations:
    annotations: list[Annotation]
    turns: list[Turn]


@dataclass(frozen=True)
class Use:
    """One annotation in one article: a quote, a claim, a technique instance, a turn."""

    article: Article
    span: Span
    context: str  # the sentence (or turn) it is in, as a reader sees it


@dataclass
class Indexes:
    corpus: Corpus
    by_actor: dict[str, list[Appearance]] = field(default_factory=dict)
    by_theme: dict[str, list[Article]] = field(default_factory=dict)
    by_source: dict[str, list[Article]] = field(default_factory=dict)
    cited_by: dict[str, list[Article]] = field(default_factory=dict)
    by_month: dict[str, list[Article]] = field(default_factory=dict)  # "YYYY-MM", newest first
    annotations: dict[str, ArticleAnnotations] = field(default_factory=dict)
    cooccurrence: dict[str, Counter[str]] = field(default_factory=dict)
    related: dict[str, list[Article]] = field(default_factory=dict)
    spans: dict[str, ArticleSpans] = field(default_factory=dict)  # article id -> its annotations
    by_technique: dict[str, list[Use]] = field(default_factory=dict)  # "codebook/id" -> uses
    said_by: dict[str, list[Use]] = field(default_factory=dict)  # actor -> quotes and turns
    claims_about: dict[str, list[Use]] = field(default_factory=dict)  # actor -> claims
    claims: list[Use] = field(default_factory=list)  # every claim, newest article first
    made: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # explore's, once


def build_indexes(corpus: Corpus, memo: Memo | None = None) -> Indexes:
    """With a ``memo`` (``serve``), each article's annotations and spans are reused while the
    article and the registries' token are the same."""
    memo = memo or Memo(enabled=False)
    idx = Indexes(corpus)
    by_actor: dict[str, list[Appearance]] = defaultdict(list)
    by_theme: dict[str, list[Article]] = defaultdict(list)
    by_source: dict[str, list[Article]] = defaultdict(list)
    cited_by: dict[str, list[Article]] = defaultdict(list)
    by_month: dict[str, list[Article]] = defaultdict(list)
    cooc: dict[str, Counter[str]] = defaultdict(Counter)
    # corpus.articles is sorted newest first, so every list below is too.
    for article in corpus.articles:
        annotations = memo.get("annotations", article.id, (article,),
                               lambda article=article: _annotations(article))  # type: ignore[misc]
        idx.annotations[article.id] = annotations
        turns = annotations.turns
        _index_spans(idx, article, corpus, memo)
        spoken = Counter(t.actor for t in turns)
        ids = [ref.id for ref in article.meta.named_actors]
        for ref in article.meta.named_actors:
            by_actor[ref.id].append(Appearance(article, tuple(ref.roles), spoken.get(ref.id, 0)))
        for a in ids:
            for b in ids:
                if a != b:
                    cooc[a][b] += 1
        for tref in article.meta.carried_themes:
            by_theme[tref.id].append(article)
        publisher = article.meta.sources.publisher
        if publisher and publisher.id:
            by_source[publisher.id].append(article)
        for cited in article.meta.sources.cited:
            if cited.id:
                cited_by[cited.id].append(article)
        by_month[article.date[:7]].append(article)
    idx.by_actor, idx.by_theme, idx.by_source = dict(by_actor), dict(by_theme), dict(by_source)
    idx.cited_by, idx.by_month, idx.cooccurrence = dict(cited_by), dict(by_month), dict(cooc)
    # Related articles follow only the order of the articles and their themes and actors:
    # kept while those are the same (a body or title edit), as ids, then the current objects.
    shape = repr([(a.id, [t.id for t in a.meta.carried_themes], [r.id for r in a.meta.named_actors])
                  for a in corpus.articles])
    related = memo.get("related", "", (shape,), lambda: {
        key: [a.id for a in found] for key, found in _related(corpus, idx).items()})
    by_id = {a.id: a for a in corpus.articles}
    idx.related = {key: [by_id[i] for i in ids] for key, ids in related.items()}
    return idx


def _annotations(article: Article) -> ArticleAnnotations:
    found = article.annotations if article.annotations is not None \
        else parse_annotations(article.body).annotations
    return ArticleAnnotations(found, turns_of(article.body, found))


def _index_spans(idx: Indexes, article: Article, corpus: Corpus, memo: Memo) -> None:
    spans = memo.get("spans", article.id, (article, memo.token),
                     lambda: resolve_spans(article, corpus, article.seed_text))
    idx.spans[article.id] = spans
    uses = memo.get("uses", article.id, (article, spans), lambda: _uses(article, spans))
    for bucket, key, use in uses:
        if bucket == "claims":
            idx.claims.append(use)
        else:
            getattr(idx, bucket).setdefault(key, []).append(use)


def _uses(article: Article, spans: ArticleSpans) -> list[tuple[str, str, Use]]:
    """The article's entries in ``by_technique``, ``said_by``, ``claims`` and
    ``claims_about``, in the order they are added."""
    text = spans.plain.text
    found: list[tuple[str, str, Use]] = []
    for span in spans.spans:
        if span.kind == "technique" and span.technique:
            found.append(("by_technique", span.technique,
                          Use(article, span, sentence_around(text, span.start, span.end))))
        elif span.kind == "quote" and span.actor:
            found.append(("said_by", span.actor,
                          Use(article, span, sentence_around(text, span.start, span.end))))
        elif span.kind == "speaker" and span.actor and span.role != "interviewer":
            found.append(("said_by", span.actor, Use(article, span, turn_text(text, span))))
        elif span.kind == "claim":
            use = Use(article, span, sentence_around(text, span.start, span.end))
            found.append(("claims", "", use))
            found += [("claims_about", actor_id, use) for actor_id in span.about]
    return found


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence(s) holding ``text[start:end]``, within its paragraph."""
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start == -1 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end == -1 else para_end
    left = max((m.end() for m in _SENTENCE_END.finditer(text, para_start, start)), default=para_start)
    right_match = _SENTENCE_END.search(text, end, para_end)
    right = right_match.end() if right_match else para_end
    sentence = " ".join(text[left:right].split())
    return sentence if len(sentence) <= limit else sentence[:limit - 1] + "…"


def turn_text(text: str, span: Span) -> str:
    """What a speaker says in a turn: the paragraph after the label."""
    para_end = text.find("\n\n", span.end)
    words = " ".join(text[span.end:len(text) if para_end == -1 else para_end].split())
    return words if len(words) <= 600 else words[:599] + "…"


def _related(corpus: Corpus, idx: Indexes) -> dict[str, list[Article]]:
    """Articles sharing the most themes and actors, among those closest in time.

    Each shared theme counts 2, each shared actor 1; actors named in a fifth of the corpus
    carry no signal and are skipped. Only the ``WINDOW`` articles nearest in date on each
    posting list are scored, so the cost per article stays bounded at 10,000 articles.
    """
    total = max(1, len(corpus.articles))
    order = {a.id: i for i, a in enumerate(corpus.articles)}  # newest first
    postings: dict[str, list[Article]] = {f"t:{k}": v for k, v in idx.by_theme.items()}
    for actor_id, apps in idx.by_actor.items():
        if len(apps) <= max(20, total // 5):
            postings[f"a:{actor_id}"] = [app.article for app in apps]
    positions = {key: [order[a.id] for a in arts] for key, arts in postings.items()}
    related: dict[str, list[Article]] = {}
    for article in corpus.articles:
        me = order[article.id]
        score: Counter[str] = Counter()
        lookup: dict[str, Article] = {}
        keys = [f"t:{t.id}" for t in article.meta.carried_themes]
        keys += [f"a:{a.id}" for a in article.meta.named_actors]
        for key in keys:
            arts = postings.get(key)
            if not arts:
                continue
            at = bisect.bisect_left(positions[key], me)
            weight = 2 if key.startswith("t:") else 1
            for other in arts[max(0, at - WINDOW):at + WINDOW + 1]:
                if other.id != article.id:
                    score[other.id] += weight
                    lookup[other.id] = other
        best = heapq.nsmallest(RELATED_LIMIT, score,
                               key=lambda i: (-score[i], abs(order[i] - me), order[i]))
        related[article.id] = [lookup[i] for i in best]
    return related
