"""Machine-readable pages: schema.org ClaimReview JSON-LD for every assessed claim, placed in
the head of its article page, so fact-check aggregators (Google's Fact Check Explorer and
others that read ClaimReview) find the assessments. Pure: JSON text keyed by page path.

The text goes inside ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` are
written as JSON escapes, so no corpus text can close the script element.
"""

from __future__ import annotations

import json
from typing import Any

from build_tools.annotation_model import ASSESSMENT_LABELS, ASSESSMENT_RATING
from build_tools.files import jsontext
from build_tools.index import Indexes
from build_tools.model import ActorKind, Article


def script_safe_json(value: Any, compact: bool = False) -> str:
    """JSON for a ``<script>`` element; ``compact`` (no indentation) uses the C encoder, which
    matters at thousands of pages."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")) if compact \
        else jsontext.dumps(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_url(site_url: str | None, article: Article) -> str:
    path = article.url_path.removesuffix(".md") + "/"
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


def claim_reviews(idx: Indexes, site_url: str | None, site_name: str = "Annotated news corpus"
                  ) -> dict[str, str]:
    """Page path -> the JSON-LD list of ClaimReviews of that article's assessed claims."""
    return {path: script_safe_json(reviews)
            for path, reviews in claim_review_objects(idx, site_url, site_name).items()}


def claim_review_objects(idx: Indexes, site_url: str | None, site_name: str = "Annotated news corpus"
                         ) -> dict[str, list[dict[str, Any]]]:
    """Page path -> the ClaimReviews of that article's assessed claims (JSON-ready objects)."""
    out: dict[str, list[dict[str, Any]]] = {}
    corpus = idx.corpus
    for article in corpus.articles:
        reviews = []
        url = page_url(site_url, article)
        for span in idx.spans[article.id].of_kind("claim"):
            if span.assessment is None:
                continue
            review: dict[str, Any] = {
                "@context": "https://schema.org", "@type": "ClaimReview",
                "url": f"{url}#{span.anchor}",
                "claimReviewed": " ".join(span.text.split()),
                "reviewRating": {"@type": "Rating", "ratingValue": ASSESSMENT_RATING[span.assessment],
                                 "bestRating": 5, "worstRating": 1,
                                 "alternateName": ASSESSMENT_LABELS[span.assessment]},
                "author": {"@type": "Organization",
                           "name": span.claim.assessed_by if span.claim and span.claim.assessed_by
                           else site_name},
                "itemReviewed": _claim(idx, article, span.claimant, url),
            }
            if span.claim and span.claim.assessed_on:
                review["datePublished"] = span.claim.assessed_on
            if span.claim and span.claim.rationale:
                review["reviewBody"] = span.claim.rationale
            reviews.append(review)
        if reviews:
            out[article.url_path] = reviews
    return out


def _claim(idx: Indexes, article: Article, claimant: str | None, url: str) -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": url, "headline": article.meta.title,
                                  "datePublished": article.date}
    publisher = article.meta.sources.publisher
    if publisher and publisher.url:
        appearance["sameAs"] = publisher.url
    claim: dict[str, Any] = {"@type": "Claim", "datePublished": article.date,
                             "appearance": appearance}
    actor = idx.corpus.actors.get(claimant or "")
    if actor is not None:
        claim["author"] = {"@type": "Person" if actor.meta.kind is ActorKind.PERSON else "Organization",
                           "name": actor.name}
        if actor.meta.wikidata:
            claim["author"]["sameAs"] = f"https://www.wikidata.org/wiki/{actor.meta.wikidata}"
    return claim
