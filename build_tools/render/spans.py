"""Annotated text on the page: an article body with its spans highlighted, its legend, and
the list of its annotations at the end of the page. Pure: no file access, no mkdocs.

A turn opens with its speaker's name in bold (linked to the actor page; ``†`` marks a speaker
inferred by ingest); a translation note becomes a footnote. Quotes, claims, techniques and
translation notes become highlighted pieces, written ``[words]{.corpus-ann ...}`` (a Pandoc
bracketed span, which ``adapters/mdext.py`` turns into an accessible ``<mark>``). Overlapping
and nested spans, inline or stand-off, are cut into flat pieces, each carrying every span
active over it: the first piece of a span holds its permalink id, and each piece names the
list entries that describe it (``aria-describedby``) and a short text shown on hover and
keyboard focus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.annotation_model import ASSESSMENT_LABELS, Technique
from build_tools.markup import escape_inline
from build_tools.model import Corpus
from build_tools.render import readyhtml
from build_tools.render.common import MARKDOWN, Inline, actor_link
from build_tools.spans import ArticleSpans, Span

HIGHLIGHTED = ("quote", "claim", "technique", "tn")
KIND_LABELS = {"quote": "Quote", "claim": "Claim", "technique": "Propaganda technique",
               "tn": "Translation note"}


@dataclass
class RenderedBody:
    markdown: str
    footnotes: list[str] = field(default_factory=list)  # "[^tn-1]: ..." lines
    shown: list[Span] = field(default_factory=list)  # highlighted spans, in text order


def technique_page(ref: str) -> str:
    codebook, _, technique = ref.partition("/")
    return f"/techniques/{codebook}/{technique}.md"


def attr_value(text: str) -> str:
    """A double-quoted attribute value of a page span."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_annotated_body(corpus: Corpus, spans: ArticleSpans) -> RenderedBody:
    view = spans.plain
    text = view.text
    notes = _Footnotes()
    speakers = {s.start: s for s in spans.spans if s.kind == "speaker" and s.actor
                and _opens_paragraph(text, s.start)}
    labels = {(s.start, s.end) for s in speakers.values()}
    shown = [s for s in spans.spans if s.kind in HIGHLIGHTED and s.end > s.start
             and not any(a <= s.start and s.end <= b for a, b in labels)]
    # one line each: a line break inside the attribute would end the paragraph
    tips = {s.anchor: " ".join(tip(corpus, s).split()) for s in shown}
    pieces = _pieces(text, shown, labels, tips)
    after: dict[int, list[str]] = {}
    for span in shown:
        if span.kind == "tn" and span.note:
            after.setdefault(span.end, []).append(f"[^{notes.ref(span)}]")
    events = sorted({0, len(text), *speakers, *after,
                     *(p for start, piece in pieces.items() for p in (start, piece.end))})
    out: list[str] = []
    pos = 0
    for at in events:
        if at < pos:
            continue
        out.append(view.source(pos, at))
        pos = at
        out.extend(after.get(at, []))
        if at in speakers:
            span = speakers[at]
            out.append(_speaker(corpus, span, view.source(span.start, span.end),
                                [s for s in spans.spans if s.kind == "tn" and
                                 (s.start, s.end) == (span.start, span.end)], notes))
            pos = span.end
        if pos == at and at in pieces:  # after an empty label, the turn's words may be highlighted
            piece = pieces[at]
            out.append("[" + view.source(at, piece.end) + "]{" + piece.attrs() + "}")
            pos = piece.end  # an event too: footnotes after the piece come next
    out.append(view.source(pos, len(text)))
    return RenderedBody("".join(out), notes.lines, shown)


def _opens_paragraph(text: str, start: int) -> bool:
    before = text[:start]
    cut = before.rfind("\n\n")
    return before[cut + 2 if cut != -1 else 0:].strip() == ""


class _Footnotes:
    """One footnote per distinct translation note, numbered in order of first use."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.lines: list[str] = []

    def ref(self, span: Span) -> str:
        original = f" (original: {escape_inline(span.original)})" if span.original else ""
        note = f"**Translation note**{original}: {escape_inline(span.note or '')}"
        if note not in self.ids:
            self.ids[note] = f"tn-{len(self.lines) + 1}"
            self.lines.append(f"[^{self.ids[note]}]: {note}")
        return self.ids[note]


def _speaker(corpus: Corpus, span: Span, label: str, tn: list[Span], notes: _Footnotes) -> str:
    """The opening of a turn: who speaks, linked; a translation note on the label."""
    role_text = " (interviewer)" if span.role == "interviewer" else ""
    mark = "†" if span.inferred else ""
    target = f"/actors/{span.actor}.md"
    piece = label
    noted = [t for t in tn if t.note]
    if noted:
        note_id = notes.ref(noted[0])
        piece = f"*{label}*[^{note_id}]" if label else f"[^{note_id}]"
    if re.search(r"\w", span.text) and not tn:
        # "Vladimir Putin:" already names the speaker: link the label itself.
        piece = f"**[{label}]({target})**{mark}{role_text}"
    else:
        piece = f"**{actor_link(corpus, span.actor or '')}**{mark}{role_text}: {piece}".rstrip()
    if not span.text:
        piece += " "
    return piece


@dataclass
class _Piece:
    end: int
    active: list[Span]
    first_of: list[Span]  # spans that start here: their permalink ids
    tips: dict[str, str]

    def attrs(self) -> str:
        kinds = sorted({s.kind for s in self.active}, key=HIGHLIGHTED.index)
        parts = [".corpus-ann", f"kinds={attr_value(' '.join(kinds))}"]
        if self.first_of:
            parts.append(f"anchors={attr_value(' '.join(s.anchor for s in self.first_of))}")
        parts.append(f"notes={attr_value(' '.join('note-' + s.anchor for s in self.active))}")
        parts.append(f"tip={attr_value(' · '.join(self.tips[s.anchor] for s in self.active))}")
        return " ".join(parts)


def _pieces(text: str, shown: list[Span], labels: set[tuple[int, int]],
            tips: dict[str, str]) -> dict[int, _Piece]:
    """Flat pieces between every start and end of the shown spans, cut at line ends and at
    speaker labels, each with the spans active over it."""
    cuts = {0, len(text)}
    for span in shown:
        cuts.update((span.start, span.end))
    for a, b in labels:
        cuts.update((a, b))
    cuts.update(m.start() for m in re.finditer("\n", text))
    cuts.update(m.end() for m in re.finditer("\n", text))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    pieces: dict[int, _Piece] = {}
    started: set[int] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        if not text[a:b].strip() or any(x <= a and b <= y for x, y in labels):
            continue
        active = [s for s in shown if s.start <= a and b <= s.end]
        if not active:
            continue
        first = [s for s in active if id(s) not in started]
        started.update(id(s) for s in first)
        pieces[a] = _Piece(b, active, first, tips)
    return pieces


def tip(corpus: Corpus, span: Span) -> str:
    """The short text shown on hover and focus (the list entry has the details)."""
    if span.kind == "quote":
        actor = corpus.actors.get(span.actor or "")
        return f"Quote: {actor.name if actor else 'unknown speaker'}"
    if span.kind == "claim":
        verdict = ASSESSMENT_LABELS[span.assessment].lower() if span.assessment else "not assessed"
        who = corpus.actors.get(span.claimant or "")
        return f"Claim{' by ' + who.name if who else ''}, {verdict}"
    if span.kind == "technique":
        technique = technique_of(corpus, span)
        if technique is None:
            return f"Technique: {span.label}"
        definition = " ".join(technique.body.split())
        return f"Technique: {technique.name}. {definition}"
    return "Translation note" + (f": {span.note}" if span.note else "")


def technique_of(corpus: Corpus, span: Span) -> Technique | None:
    if not span.technique:
        return None
    book, _, tid = span.technique.partition("/")
    codebook = corpus.codebooks.get(book)
    return codebook.techniques.get(tid) if codebook else None


def legend(shown: list[Span]) -> str:
    kinds = [k for k in HIGHLIGHTED if any(s.kind == k for s in shown)]
    if not kinds:
        return ""
    samples = [f"[{KIND_LABELS[k]}]{{.corpus-ann kinds={attr_value(k)} legend=\"yes\"}}" for k in kinds]
    return ("*Highlighted in the text* (hover over or tab to a highlight for what it is; the "
            "list at the end of the page has the details): " + " · ".join(samples))


def annotation_list(corpus: Corpus, shown: list[Span]) -> list[str]:
    """The end of an article page: every highlighted annotation with its details, each linked
    to its words in the text (the permalink) and named by the highlight that it describes."""
    if not shown:
        return []
    return [f"## Annotations ({len(shown)})", *readyhtml.numbered(
        readyhtml.note("note-" + span.anchor, readyhtml.a(_entry_title(span), f"#{span.anchor}")
                       + _entry_body(corpus, span, readyhtml.HTML)) for span in shown)]


def _entry_title(span: Span) -> str:
    if span.kind == "claim":
        verdict = ASSESSMENT_LABELS[span.assessment].lower() if span.assessment else "not assessed"
        return f"Claim, {verdict}"
    return KIND_LABELS[span.kind]


def _entry_body(corpus: Corpus, span: Span, out: Inline = MARKDOWN) -> str:
    words = f"“{out.text(span.text)}”"
    if span.kind == "quote":
        return f" — {out.actor(corpus, span.actor or '')}: {words}"
    if span.kind == "technique":
        technique = technique_of(corpus, span)
        if technique is None:
            return f" — {out.text(span.label or '')}: {words}"
        book = corpus.codebooks[technique.codebook].meta.short_name
        return f" — {out.link(technique.name, technique_page(technique.ref))} ({out.text(book)}): {words}"
    if span.kind == "tn":
        original = f" (original {out.text(span.original)})" if span.original else ""
        return f": {words}{original} — {out.text(span.note or '')}"
    return f": {words}" + claim_details(corpus, span, out)


def claim_details(corpus: Corpus, span: Span, out: Inline = MARKDOWN) -> str:
    """Who makes the claim, whom it concerns, the rationale, the evidence, who assessed it;
    in Markdown, or in ``out``'s syntax (the claims page's ready HTML)."""
    parts: list[str] = []
    if span.claimant:
        parts.append(f"claimed by {out.actor(corpus, span.claimant)}")
    if span.about:
        parts.append("about " + ", ".join(out.actor(corpus, a) for a in span.about))
    text = (" — " + "; ".join(parts) + ".") if parts else ""
    claim = span.claim
    if claim is None:
        return text
    if claim.rationale:
        text += f" {out.text(claim.rationale)}"
    if claim.evidence:
        text += " Sources: " + " · ".join(out.link(e.title or e.url, e.url) for e in claim.evidence) + "."
    who = [out.text(claim.assessed_by)] if claim.assessed_by else []
    if claim.assessed_on:
        who.append(out.text(claim.assessed_on))
    if who:
        text += " " + out.em(f"Assessed by {', '.join(who)}." if claim.assessed_by else f"Assessed {who[0]}.")
    return text
