"""``ingest --update``: refresh what ingest owns in an existing article, keep every human edit.

Ingest owns what it marked ``inferred:`` (actor, theme and cited-source entries, the
publisher, speaker spans with ``inferred=``) and the values it recorded under ``ingest:``
(title, date, place, photo credit, paragraph fingerprints). A value a person changed no
longer matches that record, so it is kept; so is a paragraph a person edited or added.
Input: the current article text and a fresh ``DraftArticle``. Output: the merged text and
a list of human-readable notes on what was kept.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from build_tools.annotations import SPAN_RE, paragraph_key, parse_attrs
from build_tools.files.frontmatter import join_front_matter
from build_tools.files.yamlsafe import dump_yaml
from build_tools.ingest.article import DraftArticle


@dataclass
class Merge:
    text: str
    kept: list[str] = field(default_factory=list)


def _inferred(entry: Any) -> bool:
    """Ingest's own entry, unless a person rejected it (then it is theirs)."""
    return isinstance(entry, dict) and "inferred" in entry and not entry.get("rejected")


def _entry_key(entry: Any) -> str:
    if isinstance(entry, dict):
        return str(entry.get("id") or entry.get("name") or "")
    return str(entry)


def merge_list(current: list[Any], fresh: list[Any]) -> list[Any]:
    """Human entries stay as they are; inferred ones are replaced by the fresh inference."""
    human = [e for e in current if not _inferred(e)]
    taken = {_entry_key(e) for e in human}
    return human + [e for e in fresh if _entry_key(e) not in taken]


def _strip_inferred_spans(paragraph: str) -> tuple[str, bool]:
    """Remove speaker spans ingest added; True if a person's span is present."""
    human = False

    def replace(match: Any) -> str:
        nonlocal human
        parsed = parse_attrs(match.group("attrs"))
        if isinstance(parsed, str) or "inferred" not in parsed[1]:
            human = True
            return str(match.group(0))
        return str(match.group("text"))

    stripped = SPAN_RE.sub(replace, paragraph)
    return stripped, human


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
                stripped, human = _strip_inferred_spans(old)
                out.append(old if human or stripped != _strip_inferred_spans(fresh_para)[0]
                           else fresh_para)
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


def update_article(meta: dict[str, Any], body: str, draft: DraftArticle) -> Merge:
    kept: list[str] = []
    record = meta.get("ingest") or {}
    fresh = draft.meta
    merged: dict[str, Any] = {}
    for key, value in meta.items():
        merged[key] = value
    for key in ("title", "date", "place"):
        if key in fresh and meta.get(key) != fresh[key]:
            if key not in meta or meta.get(key) == record.get(key):
                merged[key] = fresh[key]
            else:
                kept.append(f"kept {key} {meta.get(key)!r} (a person's edit); the seed says {fresh[key]!r}")
    for key in ("seed", "seed_sha256"):
        if key in fresh:
            merged[key] = fresh[key]
    merged.setdefault("language", fresh.get("language"))  # a person's correction stays
    sources = dict(meta.get("sources") or {})
    fresh_sources = fresh.get("sources") or {}
    publisher = sources.get("publisher")
    if publisher is None or _inferred(publisher):
        if "publisher" in fresh_sources:
            sources["publisher"] = fresh_sources["publisher"]
        else:
            sources.pop("publisher", None)
    credit = fresh_sources.get("photo_credit")
    if credit and sources.get("photo_credit") in (None, record.get("photo_credit")):
        sources["photo_credit"] = credit
    sources["cited"] = merge_list(list(sources.get("cited") or []), fresh_sources.get("cited", []))
    if not sources["cited"]:
        sources.pop("cited")
    merged["sources"] = sources
    merged["actors"] = merge_list(list(meta.get("actors") or []), fresh.get("actors", []))
    merged["themes"] = merge_list(list(meta.get("themes") or []), fresh.get("themes", []))
    new_body = merge_body(body, draft.body, (record.get("paragraphs") or "").split(), kept)
    merged["ingest"] = fresh["ingest"]
    ordered = {k: merged[k] for k in fresh if k in merged}
    ordered.update({k: v for k, v in merged.items() if k not in ordered})
    return Merge(join_front_matter(dump_yaml(ordered), new_body), kept)
