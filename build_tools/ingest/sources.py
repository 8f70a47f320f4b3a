"""Where an article comes from: its publisher (with translation provenance) and the sources
its text relies on (media, experts and officials who speak, "Russian sources").

Input: the turns, the recognised names and the chosen publisher. Output: the ``Publisher``
and ``CitedSource`` models of the article's front matter, each marked ``inferred``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from build_tools.ingest.recognise import Recogniser
from build_tools.ingest.seed import Paragraph
from build_tools.ingest.turns import TurnGuess
from build_tools.model import ActorKind, CitedSource, Corpus, Publisher, Role, Translation

UNNAMED_SOURCE_RE = re.compile(
    r"\b(?:(?:[A-Z][a-z]+|[Ss]ome|[Ss]everal|[Ll]ocal|[Ff]oreign|[Ii]nformed|[Aa]nonymous)\s+)"
    r"(?:sources|media outlets|media|experts|analysts|officials)\b")
# One of them ends every match; found first, the pattern is tried only at the word before
# each (a scan of every capitalised word with the pattern cost 3 % of ingest).
_UNNAMED_NOUNS = ("sources", "media", "experts", "analysts", "officials")
_UNNAMED_NOUN = re.compile("|".join(_UNNAMED_NOUNS))
_EXPERT_WORDS = re.compile(r"\b(?:scholar|expert|specialist|analyst|professor|researcher|scientist|"
                           r"historian|orientalist|head of|director|chairman|political scientist)\b", re.I)


@dataclass(frozen=True)
class Publishing:
    """The outlet that published the text, and whether only the dateline revealed it."""

    source_id: str | None
    from_dateline: bool


def publisher_entry(corpus: Corpus, publishing: Publishing, turns: list[TurnGuess],
                    language: str) -> Publisher | None:
    """The publisher with its translation provenance. A label rendered wrongly by machine
    translation ("joint venture" for «СП») is evidence of a machine translation; otherwise the
    outlet's registry entry decides. The article's own URL is unknown here."""
    publisher = publishing.source_id
    if not publisher or publisher not in corpus.sources:
        return None
    source = corpus.sources[publisher].meta
    mistranslated = any(t.source_id == publisher and t.mistranslation for t in turns)
    original = source.original_language or source.language
    if mistranslated:
        translation = Translation.MACHINE
    elif source.translation is not None:
        translation = source.translation
    else:
        translation = Translation.NONE if original == language else Translation.UNKNOWN
    method = "mistranslated-outlet-label" if mistranslated else (
        "outlet-label" if any(t.source_id == publisher for t in turns) else
        "dateline" if publishing.from_dateline else "outlet-registry")
    return Publisher(id=publisher, original_language=original if original != language else None,
                     translation=translation, inferred=method)


def cited_sources(paragraphs: list[Paragraph], recogniser: Recogniser, turns: list[TurnGuess],
                  publisher: str | None, roles: dict[str, set[Role]]) -> list[CitedSource]:
    """Media named in the text, the people who speak in it (experts or officials), and
    unnamed sources ("Western media"), each once, in order of first appearance."""
    cited: list[CitedSource] = []
    seen: set[str] = set()
    speakers = {t.actor_id for t in turns if t.actor_id and t.role != "interviewer"}
    for para in paragraphs:
        for mention in recogniser.find(para.text):
            actor_id = mention.actor_ids[0]
            if actor_id in seen or actor_id == publisher:
                continue
            kind = recogniser.kind(actor_id)
            if kind == ActorKind.MEDIA and Role.INTERVIEWER not in roles.get(actor_id, set()):
                cited.append(CitedSource(id=actor_id, kind="media", line=para.line,
                                         inferred="registry-alias"))
                seen.add(actor_id)
            elif kind == ActorKind.PERSON and actor_id in speakers:
                context = para.text[max(0, mention.start - 120):mention.start]
                cited.append(CitedSource(id=actor_id, kind="expert" if _EXPERT_WORDS.search(context)
                                         else "official", line=para.line, inferred="speaker-turn"))
                seen.add(actor_id)
        for match in unnamed_sources(para.text):
            name = match.group(0)
            name = name[0].upper() + name[1:]
            if name.lower() not in seen:
                seen.add(name.lower())
                cited.append(CitedSource(name=name, kind="unnamed", line=para.line, inferred="phrase"))
    return cited


def unnamed_sources(text: str) -> Iterator[re.Match[str]]:
    """``UNNAMED_SOURCE_RE.finditer(text)``: a match begins with the word before one of its
    nouns (across the whitespace between them), so the pattern is tried there only."""
    if not any(noun in text for noun in _UNNAMED_NOUNS):  # most paragraphs: cheaper than a scan
        return
    end = 0
    for noun in _UNNAMED_NOUN.finditer(text):
        before = noun.start()
        while before and text[before - 1].isspace():
            before -= 1
        start = before
        while start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # \w
            start -= 1
        if start == before or before == noun.start() or start < end:
            continue
        match = UNNAMED_SOURCE_RE.match(text, start)
        if match is not None:
            end = match.end()
            yield match


@dataclass(frozen=True)
class OutletMatch:
    source_id: str
    method: str  # how it was matched, for ``inferred:``


def match_outlet(corpus: Corpus, site_name: str | None, url: str | None) -> OutletMatch | None:
    """The registry source a saved page comes from: by the page's site name (a source's name,
    or the name or an alias of its media actor), else by the address's host (the source's host
    or a subdomain of it: en.kremlin.ru is not kremlin.ru's sibling, www. is ignored)."""
    if site_name:
        key = site_name.casefold()
        for source in corpus.sources.values():
            actor = corpus.actors.get(source.id)
            names = [source.meta.name] + ([actor.meta.name, *actor.meta.aliases] if actor else [])
            if any(key == name.casefold() for name in names):
                return OutletMatch(source.id, f"site-name: {site_name}")
    host = _host(url)
    if host:
        for source in corpus.sources.values():
            own = _host(source.meta.url)
            if own and (host == own or host.endswith("." + own)):
                return OutletMatch(source.id, f"url-host: {host}")
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    return host.removeprefix("www.") or None
