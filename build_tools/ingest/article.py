"""Build an article (front matter + annotated Markdown body) from a parsed seed.

Input: a ``ParsedSeed`` and the registries. Output: ``DraftArticle`` (front matter dict,
body text, and warnings). Everything inferred carries ``inferred: <method>`` so a person can
see what to check; nothing here touches the file system. The publisher is the one given
(--source), else the outlet of the interviewer labels, else the agency a dateline names
("MOSCOW, September 19. /TASS/."). A person whose words the text quotes ("Peskov stressed:
...", "Arestovych said: “We need ...”") is ``quoted`` even without a turn of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from build_tools.annotations import format_span, paragraph_key
from build_tools.ingest.names import Candidate, find_candidates
from build_tools.ingest.recognise import Recogniser, normalise
from build_tools.ingest.seed import ParsedSeed
from build_tools.ingest.turns import SPEECH_VERBS, OutletLabel, TurnGuess, find_turns
from build_tools.markup import escape_markdown
from build_tools.model import Corpus, Role
from build_tools.render.common import plural

UNNAMED_SOURCE_RE = re.compile(
    r"\b(?:(?:[A-Z][a-z]+|[Ss]ome|[Ss]everal|[Ll]ocal|[Ff]oreign|[Ii]nformed|[Aa]nonymous)\s+)"
    r"(?:sources|media outlets|media|experts|analysts|officials)\b")
_EXPERT_WORDS = re.compile(r"\b(?:scholar|expert|specialist|analyst|professor|researcher|scientist|"
                           r"historian|orientalist|head of|director|chairman|political scientist)\b", re.I)
# After a person: "said:", "told reporters:", "stressed, “..." (a direct quote follows)
_QUOTE_AFTER = re.compile(rf"^(?:'s)?\s+(?:also\s+|then\s+|later\s+)?(?:{SPEECH_VERBS})\b"
                          rf"(?:\s+[\w’'-]+){{0,3}}?\s*(?::|,?\s*[“\"«„])")
# Before a person, after a quote: "“We need ...,” Arestovych said."
_QUOTE_BEFORE = re.compile(r"[,.!?…]\s*[”\"»]\s*$")
ROLE_ORDER = [Role.PUBLISHER, Role.INTERVIEWER, Role.QUOTED, Role.SUBJECT, Role.CITED, Role.MENTIONED]


@dataclass
class DraftWarning:
    line: int
    message: str
    code: str
    hint: str | None = None


@dataclass
class DraftArticle:
    meta: dict[str, Any]
    body: str
    warnings: list[DraftWarning] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


def outlet_labels(corpus: Corpus) -> list[OutletLabel]:
    labels = []
    for source in corpus.sources.values():
        for label in source.meta.labels:
            labels.append(OutletLabel(source.id, label.text, label.original, label.note,
                                      label.mistranslation))
    return labels


def build_article(seed: ParsedSeed, corpus: Corpus, seed_rel: str, seed_sha: str,
                  publisher_id: str | None = None, matchers: Matchers | None = None) -> DraftArticle:
    matchers = matchers or Matchers.build(corpus)
    recogniser = matchers.recogniser
    paragraphs = seed.paragraphs
    turns = find_turns(paragraphs, recogniser, outlet_labels(corpus))
    by_para = {t.paragraph: t for t in turns}
    warnings: list[DraftWarning] = []
    candidates = find_candidates(paragraphs, recogniser, turns)
    for cand in candidates:
        forms = ", ".join(f"'{f}'" for f in cand.forms[:3])
        if cand.speaker_turns:
            warnings.append(DraftWarning(
                cand.first_line, f"speaker '{cand.name}' ({plural(cand.speaker_turns, 'turn')}, "
                f"written {forms}) is not in the actor registry", "unknown-speaker",
                "run ingest with --propose to write a stub entry in corpus/actors/, or add it by hand"))
        else:
            warnings.append(DraftWarning(
                cand.first_line, f"{cand.kind} '{cand.name}' ({plural(cand.count, 'mention')}) is not "
                "in the actor registry", "unknown-name",
                "run ingest with --propose to write a stub entry in corpus/actors/, or ignore it"))

    body = "\n\n".join(_paragraph_markdown(p.text, by_para.get(i), p.line)
                       for i, p in enumerate(paragraphs))

    # Who is in the article, and in what role.
    counts: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    for para in paragraphs:
        for mention in recogniser.find(para.text):
            for actor_id in mention.actor_ids:
                counts[actor_id] += 1
                first_line.setdefault(actor_id, para.line)
    for para in paragraphs:
        for mention in recogniser.find_glued(para.text):
            word_end = para.text.find(" ", mention.end)
            word = para.text[mention.start:word_end if word_end != -1 else len(para.text)]
            warnings.append(DraftWarning(para.line, f"'{word}' looks like the name "
                                         f"'{mention.surface}' glued to the next word; "
                                         "recorded as a mention", "glued-name",
                                         "check the source text; the seed itself is not changed"))
            for actor_id in mention.actor_ids:
                counts[actor_id] += 1
                first_line.setdefault(actor_id, para.line)
    in_title = {a for m in recogniser.find(seed.title or "") for a in m.actor_ids}
    roles: dict[str, set[Role]] = {}
    interviewer_sources = {t.source_id for t in turns if t.source_id}
    publisher = publisher_id or (sorted(interviewer_sources)[0] if len(interviewer_sources) == 1 else None)
    from_dateline = False
    if publisher is None:  # "MOSCOW, September 19. /TASS/."
        publisher = _dateline_publisher(seed, corpus, recogniser)
        from_dateline = publisher is not None
    for turn in turns:
        if turn.actor_id:
            role = Role.INTERVIEWER if turn.role == "interviewer" else Role.QUOTED
            roles.setdefault(turn.actor_id, set()).add(role)
    speakers = set(roles)
    for actor_id in quoted_persons(paragraphs, recogniser):
        roles.setdefault(actor_id, set()).add(Role.QUOTED)
    if publisher and publisher in corpus.actors:
        roles.setdefault(publisher, set()).add(Role.PUBLISHER)
    top = max(counts.values(), default=0)
    for actor_id, count in counts.items():
        actor_roles = roles.setdefault(actor_id, set())
        kind = recogniser.kind(actor_id)
        if actor_id in in_title or (count >= 3 and count >= top / 2 and kind != "media"):
            actor_roles.add(Role.SUBJECT)
        if kind == "media" and actor_id != publisher and Role.INTERVIEWER not in actor_roles:
            actor_roles.add(Role.CITED)
        if not actor_roles:
            actor_roles.add(Role.MENTIONED)
    for actor_id in in_title:
        roles.setdefault(actor_id, set()).add(Role.SUBJECT)
    order = sorted(roles, key=lambda a: (min(ROLE_ORDER.index(r) for r in roles[a]),
                                         -counts[a], first_line.get(a, 0), a))
    actors = [{"id": a, "roles": [r.value for r in ROLE_ORDER if r in roles[a]],
               "inferred": _actor_method(roles[a], a in speakers, from_dateline)} for a in order]

    meta: dict[str, Any] = {
        "title": seed.title,
        "date": seed.date,
        "seed": seed_rel,
        "seed_sha256": seed_sha,
        "status": "inferred",
        "language": text_language(" ".join(p.text for p in paragraphs[:20])),
    }
    if seed.place:
        meta["place"] = seed.place
    if seed.dateline:
        meta["dateline"] = seed.dateline
    meta["sources"] = _sources(seed, corpus, turns, publisher, paragraphs, recogniser, roles,
                               meta["language"], from_dateline)
    meta["actors"] = actors
    meta["themes"] = _themes(seed, corpus, matchers)
    record: dict[str, Any] = {"title": seed.title, "date": seed.date}
    if seed.place:
        record["place"] = seed.place
    if seed.photo_credit:
        record["photo_credit"] = seed.photo_credit
    record["paragraphs"] = " ".join(paragraph_key(p) for p in body.split("\n\n")) if body else ""
    meta["ingest"] = record
    return DraftArticle(meta, body, warnings, candidates)


def text_language(text: str) -> str:
    """The seed's own language, roughly: Cyrillic script means Russian (Ukrainian when its
    letters і ї є ґ appear), otherwise English. A person corrects the rest."""
    letters = [c for c in text if c.isalpha()]
    cyrillic = [c for c in letters if "\u0400" <= c <= "\u04ff"]
    if not letters or len(cyrillic) < len(letters) * 0.3:
        return "en"
    return "uk" if any(c in "іїєґІЇЄҐ" for c in cyrillic) else "ru"


def _actor_method(roles: set[Role], speaker: bool, from_dateline: bool) -> str:
    if speaker and (Role.INTERVIEWER in roles or Role.QUOTED in roles):
        return "speaker-turn"
    if Role.QUOTED in roles:
        return "quote"
    if Role.PUBLISHER in roles:
        return "dateline" if from_dateline else "outlet-label"
    return "registry-alias"


def _dateline_publisher(seed: ParsedSeed, corpus: Corpus, recogniser: Recogniser) -> str | None:
    """The agency a dateline names ("MOSCOW, December 29 – RIA Novosti."), if it is a source."""
    for mention in recogniser.find(seed.dateline or ""):
        actor_id = mention.actor_ids[0]
        if recogniser.kind(actor_id) == "media" and actor_id in corpus.sources:
            return actor_id
    return None


def quoted_persons(paragraphs: list[Any], recogniser: Recogniser) -> list[str]:
    """People the text quotes directly: 'Peskov stressed: ...', '“...,” Arestovych said.'"""
    found: list[str] = []
    for para in paragraphs:
        text = normalise(para.text)
        for mention in recogniser.find(para.text):
            actor_id = mention.actor_ids[0]
            if recogniser.kind(actor_id) != "person" or actor_id in found:
                continue
            after = text[mention.end:]
            if _QUOTE_AFTER.match(after) or (_QUOTE_BEFORE.search(text[:mention.start])
                                             and re.match(rf"^(?:'s)?\s+(?:{SPEECH_VERBS})\b", after)):
                found.append(actor_id)
    return found


def _paragraph_markdown(text: str, turn: TurnGuess | None, line: int) -> str:
    if turn is None or (turn.actor_id is None and not turn.tn_note):
        return escape_markdown(text)
    label, rest = text[: len(turn.label)], text[len(turn.label):]
    kinds: list[str] = []
    attrs: dict[str, str] = {}
    if turn.actor_id:
        kinds.append("speaker")
        attrs["actor"] = turn.actor_id
        if turn.role:
            attrs["role"] = turn.role
    if turn.tn_note and label:
        kinds.append("tn")
        attrs["note"] = turn.tn_note
        if turn.tn_original:
            attrs["original"] = turn.tn_original
    attrs["inferred"] = turn.method
    attrs["line"] = str(line)
    span = format_span(escape_markdown(label), kinds, attrs)
    rest_md = escape_markdown(rest) if rest.strip() else ""
    if rest.startswith(" ") and rest_md:
        rest_md = " " + rest_md
    return span + rest_md


def _sources(seed: ParsedSeed, corpus: Corpus, turns: list[TurnGuess], publisher: str | None,
             paragraphs: list[Any], recogniser: Recogniser,
             roles: dict[str, set[Role]], language: str, from_dateline: bool) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if publisher and publisher in corpus.sources:
        source = corpus.sources[publisher].meta
        entry: dict[str, Any] = {"id": publisher}  # url: the article's own address, unknown here
        # A label rendered wrongly by machine translation ("joint venture" for «СП») is
        # evidence of a machine translation; otherwise the outlet's registry entry decides.
        mistranslated = any(t.source_id == publisher and t.mistranslation for t in turns)
        original = source.original_language or source.language
        if original != language:
            entry["original_language"] = original
        if mistranslated:
            entry["translation"] = "machine"
        elif source.translation is not None:
            entry["translation"] = source.translation.value
        else:
            entry["translation"] = "none" if original == language else "unknown"
        entry["inferred"] = "mistranslated-outlet-label" if mistranslated else (
            "outlet-label" if any(t.source_id == publisher for t in turns) else
            "dateline" if from_dateline else "outlet-registry")
        result["publisher"] = entry
    if seed.photo_credit:
        result["photo_credit"] = seed.photo_credit
    cited: list[dict[str, Any]] = []
    seen: set[str] = set()
    speakers = {t.actor_id for t in turns if t.actor_id and t.role != "interviewer"}
    for para in paragraphs:
        for mention in recogniser.find(para.text):
            actor_id = mention.actor_ids[0]
            kind = recogniser.kind(actor_id)
            if actor_id in seen or actor_id == publisher:
                continue
            if kind == "media" and Role.INTERVIEWER not in roles.get(actor_id, set()):
                cited.append({"id": actor_id, "kind": "media", "line": para.line,
                              "inferred": "registry-alias"})
                seen.add(actor_id)
            elif kind == "person" and actor_id in speakers:
                context = para.text[max(0, mention.start - 120):mention.start]
                cited.append({"id": actor_id, "kind": "expert" if _EXPERT_WORDS.search(context)
                              else "official", "line": para.line, "inferred": "speaker-turn"})
                seen.add(actor_id)
        for match in UNNAMED_SOURCE_RE.finditer(para.text):
            name = match.group(0)
            name = name[0].upper() + name[1:]
            if name.lower() not in seen:
                seen.add(name.lower())
                cited.append({"name": name, "kind": "unnamed", "line": para.line,
                              "inferred": "phrase"})
    if cited:
        result["cited"] = cited
    return result


def _cue_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


@dataclass
class Matchers:
    """Compiled once per ingest run (and again when proposals add actors)."""

    recogniser: Recogniser
    cues: re.Pattern[str] | None
    cue_themes: dict[str, list[tuple[str, str]]]  # normalised cue -> [(theme id, cue as written)]

    @classmethod
    def build(cls, corpus: Corpus) -> Matchers:
        cue_themes: dict[str, list[tuple[str, str]]] = {}
        for theme in corpus.themes.values():
            for cue in theme.meta.cues:
                cue_themes.setdefault(_cue_key(cue), []).append((theme.id, cue))
        alternation = "|".join(re.escape(c) for c in sorted(cue_themes, key=len, reverse=True))
        cues = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)") if alternation else None
        return cls(Recogniser(corpus.actors.values()), cues, cue_themes)


def _themes(seed: ParsedSeed, corpus: Corpus, matchers: Matchers) -> list[dict[str, str]]:
    if matchers.cues is None:
        return []
    text = _cue_key(" ".join([seed.title or ""] + [p.text for p in seed.paragraphs]))
    first: dict[str, str] = {}
    for match in matchers.cues.finditer(text):
        for theme_id, cue in matchers.cue_themes[match.group(0)]:
            first.setdefault(theme_id, cue)
    return [{"id": t, "inferred": f"cue: {first[t]}"} for t in corpus.themes if t in first]
