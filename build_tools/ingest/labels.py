"""Speaker labels: the "Name:", "Question:" and outlet labels that open interview turns.

``read_label`` reads one paragraph's label: an outlet's interviewer label (also a known
machine-translation error such as "joint venture" for «СП»), a generic question label, or a
name (capitalised words, optionally after a title: "President of Russia Vladimir Putin"). An
ordinary sentence that ends with a colon ("Please note: ...") is not a label. ``find_turns``
(turns.py) decides from the labels who speaks each paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.ingest.recognise import Recogniser, normalise
from build_tools.ingest.seed import Paragraph

QUESTION_LABELS = {"question", "q", "вопрос", "journalist", "correspondent", "reporter"}
_LABEL = re.compile(r"^(?P<label>[^:.!?\n]{1,90}?)(?P<close>\s*[»\"”])?\s*:\s+(?P<rest>\S.*)$", re.S)
_NAME_WORD = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’.\-]*|of|the|and|de|da|van|von|der|al|bin|ibn|и)$")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


@dataclass
class Label:
    text: str  # the label as written, including closing quote and colon
    kind: str  # outlet | question | name
    source_id: str | None = None  # outlet labels
    original: str | None = None
    note: str | None = None
    mistranslation: bool = False
    actor_id: str | None = None  # resolved name labels
    translation_note: str | None = None  # the known error the outlet label is


@dataclass
class OutletLabel:
    source_id: str
    text: str
    original: str | None
    note: str | None
    mistranslation: bool = False
    translation_note: str | None = None


def read_label(text: str, outlet_labels: list[OutletLabel], recogniser: Recogniser,
               seen: dict[str, str | None] | None = None) -> Label | None:
    """``seen``: the surnames of this text's speakers so far (lower case) -> actor id or None."""
    match = _LABEL.match(text)
    if not match:
        return None
    raw = match.group("label").strip()
    written = text[: match.start("rest")].rstrip()
    key = _PARENTHESES.sub("", normalise(raw)).strip(" «\"“»").lower()  # "Question (retranslated)"
    if key in QUESTION_LABELS:  # generic: says nothing about the outlet
        return Label(written, "question")
    for outlet in outlet_labels:
        # the label as translated ("joint venture") or as the outlet writes it («СП»)
        if key == normalise(outlet.text).lower():
            return Label(written, "outlet", outlet.source_id, outlet.original, outlet.note,
                         mistranslation=outlet.mistranslation, translation_note=outlet.translation_note)
        if outlet.original and key == outlet.original.lower():  # the untranslated «СП»
            return Label(written, "outlet", outlet.source_id)
    words = _PARENTHESES.sub("", raw).split()
    if words and re.fullmatch(r"[A-Z][a-z]+ing|[A-Z][a-z]+ly", words[0]):
        return None  # "Regarding Russian speakers:", "Finally:" open sentences, not turns
    if not 1 <= len(words) <= 9 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if not words[-1][:1].isupper() or len(words) == 1 and not raw.isupper() and len(raw) < 3:
        return None
    bare = " ".join(words)
    if bare.isupper():
        bare = bare.title()  # "VLADIMIR PUTIN:" names the same person as "Vladimir Putin:"
    if len(words) == 1 and seen and bare.lower() in seen:
        # "Abe:" after "Prime Minister of Japan Shinzo Abe:" is the same speaker
        return Label(written, "name", actor_id=seen[bare.lower()])
    mentions = [m for m in recogniser.find(bare) if recogniser.kind(m.actor_ids[0]) == "person"]
    # The speaker is the person named last: "President of Russia Vladimir Putin" -> Putin
    if mentions and mentions[-1].end >= len(bare) - 1:
        return Label(written, "name", actor_id=mentions[-1].actor_ids[0])
    by_surname = recogniser.persons_by_surname(bare) if len(words) == 1 else []
    if len(by_surname) == 1:  # "Yanukovych:" when the registry knows "Viktor Yanukovych"
        return Label(written, "name", actor_id=by_surname[0])
    if len(words) == 1 and not raw.isupper():
        return None  # "Note:", "Also:" — one plain word is not a speaker
    return Label(written, "name")


def _surname(label: str) -> str:
    words = _PARENTHESES.sub("", label).replace("»", "").strip(" :").split()
    return words[-1].strip(".,").lower() if words else ""


def labels_of(paragraphs: list[Paragraph], outlet_labels: list[OutletLabel],
              recogniser: Recogniser) -> list[Label | None]:
    """Each paragraph's label (or None); a one-word label is resolved against the speakers seen
    so far ("Abe:" after "Prime Minister of Japan Shinzo Abe:")."""
    seen: dict[str, str | None] = {}  # speakers' surnames so far -> actor id
    labels: list[Label | None] = []
    for para in paragraphs:
        label = read_label(para.text, outlet_labels, recogniser, seen)
        if label and label.kind == "name":
            seen.setdefault(_surname(label.text), label.actor_id)
        labels.append(label)
    return labels
