"""The title an article gives a person: "Press Secretary" in "White House Press Secretary Sarah
Sanders said", "President of Russia" in "President of Russia Vladimir Putin:".

Input: the paragraphs and the article's recogniser. Output: actor id -> the title written
right before the person's first titled mention, for the article's ``actors`` entry
(``title:``). A title belongs to the article, not to the actor: people change office.
The title runs from its first title word (kinds.TITLE_WORDS); a body before it ("White
House") is where the office is, and is not kept.
"""

from __future__ import annotations

import re

from build_tools.ingest.kinds import CONNECTORS, TITLE_WORDS
from build_tools.ingest.recognise import Recogniser, normalise
from build_tools.ingest.seed import Paragraph
from build_tools.model import ActorKind

# The capitalised words (and "of", "the", "for", "and") right before a mention, in one sentence.
_BEFORE = re.compile(r"(?:(?<=\s)|^)((?:(?:[A-Z][\w'.-]*|of|the|for|and|de)\s+)+)$")


def titles_of(paragraphs: list[Paragraph], recogniser: Recogniser) -> dict[str, str]:
    """Each person's title at its first titled mention."""
    titles: dict[str, str] = {}
    for para in paragraphs:
        text = normalise(para.text)
        for mention in recogniser.find(para.text):
            actor_id = mention.actor_ids[0]
            if actor_id in titles or recogniser.kind(actor_id) is not ActorKind.PERSON:
                continue
            title = title_before(text[:mention.start])
            if title:
                titles[actor_id] = title
    return titles


def title_before(text: str) -> str | None:
    """The title that ``text`` ends with: "... said White House Press Secretary " ->
    "Press Secretary"; None when its last words are no title."""
    match = _BEFORE.search(text[-120:])
    if not match:
        return None
    words = match.group(1).split()
    # a sentence's end ("Putin.") is no part of the next sentence's title; "Sen." may be
    ends = [i for i, w in enumerate(words) if w[-1] in ".,;:" and w.rstrip(".") not in TITLE_WORDS]
    words = words[ends[-1] + 1:] if ends else words
    first = next((i for i, w in enumerate(words) if w.rstrip(".") in TITLE_WORDS), None)
    if first is None or words[-1] in CONNECTORS:
        return None
    title = words[first:]
    while title and title[0].strip(".") in {"Mr", "Mrs", "Ms", "Dr", "Messrs"}:
        title = title[1:]  # an honorific is no office
    return " ".join(title) or None
