"""Corpus-wide pages for annotations: one page per technique (definition, example, every
instance with its sentence, counts by outlet and year), a page per codebook, the techniques
index, the claims index by assessment, and the "What they said" / "Said about them" sections
of actor pages. Pure: Markdown strings from ``Indexes``."""

from __future__ import annotations

from collections import Counter

from build_tools.annotation_model import ASSESSMENT_LABELS, Assessment, Technique
from build_tools.index import Indexes, Use
from build_tools.markup import escape_inline, plural
from build_tools.model import Corpus
from build_tools.render import readyhtml as ready
from build_tools.render.common import human_date, link, outlet_of
from build_tools.render.spans import claim_details, technique_page
from build_tools.spans import Span

NO_ASSESSMENT = "not-assessed"


def span_target(use: Use) -> str:
    """The permalink of an annotation: its article page, at its words."""
    return f"/{use.article.url_path}#{use.span.anchor}"


def _context(use: Use) -> str:
    """The sentence with the annotated words in bold."""
    sentence, words = use.context, " ".join(use.span.text.split())
    at = sentence.find(words) if words else -1
    if at == -1:
        return ready.text(sentence)
    before, after = sentence[:at], sentence[at + len(words):]
    # text() trims: keep the spaces around the bold words, or they are glued to them
    left = ready.text(before) + (" " if before[-1:].isspace() else "")
    right = (" " if after[:1].isspace() else "") + ready.text(after)
    return f"{left}<strong>{ready.text(words)}</strong>{right}"


def render_technique_page(technique: Technique, idx: Indexes) -> str:
    corpus = idx.corpus
    book = corpus.codebooks[technique.codebook]
    meta = technique.meta
    lines = [f"# {escape_inline(meta.name)}", "",
             f"**Codebook:** {link(book.meta.short_name, f'/techniques/{book.id}/index.md')}  "]
    if meta.labels:
        lines.append("**Label in data files:** " + ", ".join(f"`{label}`" for label in meta.labels) + "  ")
    if meta.category:
        lines.append(f"**Category:** {escape_inline(meta.category.replace('-', ' '))}  ")
    lines += ["", technique.body.strip() or "*No definition yet.*", ""]
    if meta.example:
        lines += [f"*Example:* {escape_inline(meta.example)}", ""]
    if meta.group:
        lines += ["**Merges:** " + ", ".join(_technique_link(idx, f"{book.id}/{m}") for m in meta.group), ""]
    if meta.maps_to:
        lines += ["**In other codebooks:** " + ", ".join(_technique_link(idx, r) for r in meta.maps_to), ""]
    uses = idx.by_technique.get(technique.ref, [])
    lines += [f"## Instances ({len(uses)})", ""]
    if not uses:
        lines += ["No annotation uses this technique yet.", ""]
        return "\n".join(lines)
    lines += _counts_table("Outlet", Counter(outlet_of(corpus, u.article) for u in uses))
    lines += _counts_table("Year", Counter(u.article.date[:4] for u in uses))
    lines += ready.bullets(
        f"{ready.a('“' + use.span.text + '”', span_target(use))} — {_context(use)} "
        f"({ready.text(human_date(use.article.date))}, {ready.article_a(use.article)})"
        for use in uses)
    return "\n".join(lines)


def _counts_table(what: str, counts: Counter[str]) -> list[str]:
    rows = [f"| {key} | {n} |" for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return [f"| {what} | Instances |", "| --- | --- |", *rows, ""]


def _technique_link(idx: Indexes, ref: str) -> str:
    book_id, _, tid = ref.partition("/")
    book = idx.corpus.codebooks.get(book_id)
    technique = book.techniques.get(tid) if book else None
    if technique is None or book is None:
        return escape_inline(ref)
    return link(f"{technique.name} ({book.meta.short_name})", technique_page(ref))


def render_codebook_page(book_id: str, idx: Indexes) -> str:
    book = idx.corpus.codebooks[book_id]
    meta = book.meta
    lines = [f"# {escape_inline(meta.name)}", ""]
    if meta.url:
        lines.append(f"**Website:** <{meta.url}>  ")
    if meta.citation:
        lines.append(f"**Cite as:** {escape_inline(meta.citation)}  ")
    lines += ["", book.body.strip(), "", "| Technique | Label | Instances |", "| --- | --- | --- |"]
    for tech in sorted(book.techniques.values(), key=lambda t: t.name.lower()):
        labels = ", ".join(f"`{label}`" for label in tech.meta.labels)
        lines.append(f"| {link(tech.name, technique_page(tech.ref))} | {labels} | "
                     f"{len(idx.by_technique.get(tech.ref, []))} |")
    lines.append("")
    return "\n".join(lines)


def render_techniques_index(idx: Indexes) -> str:
    corpus = idx.corpus
    total = sum(len(v) for v in idx.by_technique.values())
    lines = ["# Propaganda techniques", "",
             f"{plural(total, 'annotated instance')} of propaganda techniques, by codebook. Each "
             "technique's page has its definition and every instance with its sentence.", ""]
    for book_id, book in sorted(corpus.codebooks.items()):
        used = [t for t in book.techniques.values() if idx.by_technique.get(t.ref)]
        lines += [f"## {escape_inline(book.meta.short_name)} {{#{book_id}}}", "",
                  f"{plural(len(book.techniques), 'technique')}, {len(used)} used in the corpus. "
                  f"{link('About this codebook', f'/techniques/{book_id}/index.md')}.", "",
                  "| Technique | Instances |", "| --- | --- |"]
        ordered = sorted(book.techniques.values(),
                         key=lambda t: (-len(idx.by_technique.get(t.ref, [])), t.name.lower()))
        lines += [f"| {link(t.name, technique_page(t.ref))} | {len(idx.by_technique.get(t.ref, []))} |"
                  for t in ordered]
        lines.append("")
    return "\n".join(lines)


def render_claims_index(idx: Indexes) -> str:
    corpus = idx.corpus
    lines = ["# Claims", "",
             f"{plural(len(idx.claims), 'claim')} marked in the articles, by assessment. Each links "
             "to its words in the article; an assessment gives its rationale and sources.", ""]
    groups: dict[str, list[Use]] = {}
    for use in idx.claims:
        key = use.span.assessment.value if use.span.assessment else NO_ASSESSMENT
        groups.setdefault(key, []).append(use)
    order = [a.value for a in Assessment] + [NO_ASSESSMENT]
    present = [k for k in order if k in groups]
    if present:
        lines += ["Jump to: " + " · ".join(link(f"{_assessment_label(k)} ({len(groups[k])})", f"#{k}")
                                          for k in present), ""]
    for key in present:
        lines += [f"## {_assessment_label(key)} ({len(groups[key])}) {{#{key}}}", ""]
        lines += ready.bullets(
            f"{ready.a('“' + use.span.text + '”', span_target(use))} — "
            f"{ready.text(human_date(use.article.date))}, {ready.article_a(use.article)}"
            f"{_claim_details(corpus, use.span)}" for use in groups[key])
    return "\n".join(lines)


def _claim_details(corpus: Corpus, span: Span) -> str:
    return claim_details(corpus, span, ready.HTML)


def _assessment_label(key: str) -> str:
    return ASSESSMENT_LABELS[Assessment(key)] if key != NO_ASSESSMENT else "Not assessed"


def actor_sections(actor_id: str, idx: Indexes) -> list[str]:
    """"What they said": every quote and turn, newest first; "Said about them": claims."""
    lines: list[str] = []
    said = idx.said_by.get(actor_id, [])
    if said:
        lines += [f"## What they said ({len(said)})", ""]
        items = []
        for use in said:
            kind = "Quote" if use.span.kind == "quote" else "Turn"
            text = use.span.text if use.span.kind == "quote" else use.context
            items.append(f"{ready.text(human_date(use.article.date))}, {ready.article_a(use.article)}"
                         f" — {ready.a(kind, span_target(use))}: “{ready.text(text)}”")
        lines += ready.bullets(items)
    about = idx.claims_about.get(actor_id, [])
    if about:
        lines += [f"## Said about them ({len(about)})", ""]
        items = []
        for use in about:
            verdict = ASSESSMENT_LABELS[use.span.assessment] if use.span.assessment else "Not assessed"
            by = f" by {ready.actor_a(idx.corpus, use.span.claimant)}" if use.span.claimant else ""
            items.append(f"{ready.text(human_date(use.article.date))}, {ready.article_a(use.article)}"
                         f" — {ready.a('Claim', span_target(use))}{by} ({ready.text(verdict.lower())}): "
                         f"“{ready.text(use.span.text)}”")
        lines += ready.bullets(items)
    return lines
