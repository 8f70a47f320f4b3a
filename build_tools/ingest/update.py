"""``ingest --update``: refresh what ingest owns in an existing article, keep every human edit.

Ingest owns what it marked ``inferred:`` (actor, theme and cited-source entries, the
publisher, speaker spans with ``inferred=``) and the values it recorded under ``ingest:``
(title, date, place, photo credit, paragraph fingerprints). A value a person changed no
longer matches that record, so it is kept; so is a paragraph a person edited or added.
Input: the current article (validated ``ArticleMeta`` + body) and a fresh ``DraftArticle``.
Output: the merged model and body, and human-readable notes on what was kept.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from build_tools.annotations import SPAN_RE, paragraph_key, parse_attrs
from build_tools.ingest.article import DraftArticle
from build_tools.model import ArticleMeta, IngestRecord, Sources


class _Entry(Protocol):
    """An actor, theme or cited-source entry: ingest's own unless a person wrote or rejected it."""

    @property
    def is_inferred(self) -> bool: ...


E = TypeVar("E", bound=_Entry)


@dataclass
class Merge:
    meta: ArticleMeta
    body: str
    kept: list[str] = field(default_factory=list)


def _entry_key(entry: Any) -> str:
    return str(getattr(entry, "id", None) or getattr(entry, "name", None) or "")


def merge_list(current: list[E], fresh: list[E]) -> list[E]:
    """Human entries stay as they are; inferred ones are replaced by the fresh inference."""
    human = [e for e in current if not e.is_inferred]
    taken = {_entry_key(e) for e in human}
    return human + [e for e in fresh if _entry_key(e) not in taken]


@dataclass(frozen=True)
class StrippedParagraph:
    text: str  # the paragraph without the spans ingest added
    has_human_span: bool


def _strip_inferred_spans(paragraph: str) -> StrippedParagraph:
    """Remove the speaker spans ingest added; note whether a person's span is present."""
    human = False

    def replace(match: re.Match[str]) -> str:
        nonlocal human
        parsed = parse_attrs(match.group("attrs"))
        if isinstance(parsed, str) or "inferred" not in parsed.attrs:
            human = True
            return match.group(0)
        return match.group("text")

    return StrippedParagraph(SPAN_RE.sub(replace, paragraph), human)


def merge_body(current: str, fresh: str, base_keys: list[str], kept: list[str]) -> str:
    cur = [p for p in current.strip().split("\n\n") if p.strip()]
    new = [p for p in fresh.strip().split("\n\n") if p.strip()]
    base = set(base_keys)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=[paragraph_key(p) for p in cur],
                                      b=[paragraph_key(p) for p in new], autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for old, fresh_para in zip(cur[a1:a2], new[b1:b2], strict=False):
                stripped = _strip_inferred_spans(old)
                out.append(old if stripped.has_human_span
                           or stripped.text != _strip_inferred_spans(fresh_para).text else fresh_para)
            continue
        edited = [p for p in cur[a1:a2] if paragraph_key(p) not in base]
        # Paragraphs ingest wrote before and a person has since deleted stay deleted.
        arriving = [p for p in new[b1:b2] if paragraph_key(p) not in base]
        if edited:
            # A person changed or added these paragraphs: keep them, and say what the seed has.
            out.extend(cur[a1:a2])
            for para in edited:
                kept.append(f"kept a paragraph edited by a person: “{para[:60]}…”")
            if arriving:
                kept.append(f"the seed now has {len(arriving)} changed paragraph(s) here; "
                            "merge them by hand")
        else:
            out.extend(arriving)
    return "\n\n".join(out)


def _merge_values(current: ArticleMeta, fresh: ArticleMeta, record: IngestRecord,
                  kept: list[str]) -> dict[str, Any]:
    """Title, date and place: the seed's new value, unless a person changed ingest's."""
    update: dict[str, Any] = {}
    for key in ("title", "date", "place"):
        new, now = getattr(fresh, key), getattr(current, key)
        if new is None or now == new:
            continue
        if key not in current.model_fields_set or now == getattr(record, key):
            update[key] = new
        else:
            kept.append(f"kept {key} {now!r} (a person's edit); the seed says {new!r}")
    update["seed"], update["seed_sha256"] = fresh.seed, fresh.seed_sha256
    if "language" not in current.model_fields_set:  # a person's correction stays
        update["language"] = fresh.language
    return update


def _merge_sources(current: Sources, fresh: Sources, record: IngestRecord) -> Sources:
    update: dict[str, Any] = {}
    if current.publisher is None or current.publisher.is_inferred:
        update["publisher"] = fresh.publisher
    credit = fresh.photo_credit
    if credit and current.photo_credit in (None, record.photo_credit):
        update["photo_credit"] = credit
    update["cited"] = merge_list(current.cited, fresh.cited)
    data = current.model_copy(update=update).model_dump(mode="json", exclude_unset=True,
                                                        exclude_none=True)
    if not data.get("cited"):
        data.pop("cited", None)  # an empty list is left out of the file
    return Sources.model_validate(data)


def update_article(current: ArticleMeta, body: str, draft: DraftArticle) -> Merge:
    kept: list[str] = []
    fresh = draft.meta
    record = current.ingest or IngestRecord()
    update = _merge_values(current, fresh, record, kept)
    update["sources"] = _merge_sources(current.sources, fresh.sources, record)
    update["actors"] = merge_list(current.actors, fresh.actors)
    update["themes"] = merge_list(current.themes, fresh.themes)
    update["ingest"] = fresh.ingest
    update["extracted"] = fresh.extracted  # the page's metadata: ingest's record, like ingest:
    merged = current.model_copy(update=update)
    new_body = merge_body(body, draft.body, record.paragraph_keys, kept)
    return Merge(merged, new_body, kept)
