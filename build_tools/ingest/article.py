"""Build an article (validated front matter + annotated Markdown body) from a parsed seed.

Input: a ``ParsedSeed`` and the registries. Output: a ``DraftArticle`` holding the same
``ArticleMeta`` model that ``load`` reads, the body, and diagnostics. Everything inferred
carries ``inferred: <method>`` so a person can see what to check; nothing here touches the
file system. The publisher is the one given (--source), else the outlet of the interviewer
labels, else the agency a dateline names ("MOSCOW, September 19. /TASS/."). A person whose
words the text quotes ("Peskov stressed: ...", "Arestovych said: “We need ...”") is
``quoted`` even without a turn of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from build_tools.annotations import format_span, paragraph_key
from build_tools.diagnostics import Diagnostic, warning
from build_tools.ingest.labels import OutletLabel
from build_tools.ingest.language import text_language
from build_tools.ingest.names import Candidate, find_candidates
from build_tools.ingest.phrases import compile_phrases
from build_tools.ingest.recognise import Recogniser, normalise
from build_tools.ingest.seed import Paragraph, ParsedSeed
from build_tools.ingest.sources import Publishing, cited_sources, publisher_entry
from build_tools.ingest.titles import titles_of
from build_tools.ingest.turns import SPEECH_VERBS, TurnGuess, find_turns
from build_tools.markup import escape_markdown, plural
from build_tools.model import (
    ROLE_ORDER,
    ActorKind,
    ActorRef,
    ArticleMeta,
    ArticleStatus,
    Corpus,
    IngestRecord,
    Role,
    Sources,
    ThemeRef,
)

# After a person: "said:", "told reporters:", "stressed, “..." (a direct quote follows)
_QUOTE_AFTER = re.compile(rf"^(?:'s)?\s+(?:also\s+|then\s+|later\s+)?(?:{SPEECH_VERBS})\b"
                          rf"(?:\s+[\w’'-]+){{0,3}}?\s*(?::|,?\s*[“\"«„])")
# Before a person, after a quote: "“We need ...,” Arestovych said."
_QUOTE_BEFORE = re.compile(r"[,.!?…]\s*[”\"»]\s*$")


@dataclass
class DraftArticle:
    meta: ArticleMeta
    body: str
    diagnostics: list[Diagnostic] = field(default_factory=list)  # lines are the seed's
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class Mentions:
    """How often each registry actor is named, and the seed line of its first mention."""

    counts: Counter[str] = field(default_factory=Counter)
    first_line: dict[str, int] = field(default_factory=dict)

    def add(self, actor_id: str, line: int) -> None:
        self.counts[actor_id] += 1
        self.first_line.setdefault(actor_id, line)


def outlet_labels(corpus: Corpus) -> list[OutletLabel]:
    labels = []
    for source in corpus.sources.values():
        for label in source.meta.labels:
            labels.append(OutletLabel(source.id, label.text, label.original, label.note,
                                      label.mistranslation, label.translation_note))
    return labels


def build_article(seed: ParsedSeed, corpus: Corpus, seed_rel: str, seed_sha: str,
                  publisher_id: str | None = None, matchers: Matchers | None = None,
                  language: str | None = None) -> DraftArticle:
    """The article; ``language`` when the caller knows it (a web page), else detected."""
    matchers = matchers or Matchers.build(corpus)
    paragraphs = seed.paragraphs
    # "Obama" after "Barack Obama" is that person here, and nowhere else
    recogniser = matchers.recogniser.for_article([seed.title or "", *(p.text for p in paragraphs)])
    turns = find_turns(paragraphs, recogniser, matchers.outlets)
    candidates = find_candidates(paragraphs, recogniser, turns)
    diagnostics = [_candidate_warning(cand) for cand in candidates]
    by_para = {t.paragraph: t for t in turns}
    body = "\n\n".join(_paragraph_markdown(p.text, by_para.get(i), p.line)
                       for i, p in enumerate(paragraphs))
    mentions = _count_mentions(paragraphs, recogniser, diagnostics)
    publishing = _choose_publisher(seed, corpus, recogniser, turns, publisher_id)
    roles = _assign_roles(seed, corpus, recogniser, turns, mentions, publishing.source_id)
    speakers = {t.actor_id for t in turns if t.actor_id}
    language = language or text_language(" ".join(p.text for p in paragraphs[:20]))
    meta = ArticleMeta(
        title=seed.title or "", date=seed.date or "", seed=seed_rel, seed_sha256=seed_sha,
        status=ArticleStatus.INFERRED, language=language, place=seed.place, dateline=seed.dateline,
        sources=_sources(seed, corpus, recogniser, publishing, turns, roles, language),
        actors=_actor_refs(roles, mentions, speakers, publishing.from_dateline,
                           titles_of(paragraphs, recogniser)),
        themes=_themes(seed, corpus, matchers),
        ingest=_ingest_record(seed, body))
    return DraftArticle(meta, body, diagnostics, candidates)


def _sources(seed: ParsedSeed, corpus: Corpus, recogniser: Recogniser, publishing: Publishing,
             turns: list[TurnGuess], roles: dict[str, set[Role]], language: str) -> Sources:
    cited = cited_sources(seed.paragraphs, recogniser, turns, publishing.source_id, roles)
    sources = Sources(publisher=publisher_entry(corpus, publishing, turns, language),
                      photo_credit=seed.photo_credit)
    # An empty list is left out of the file, as a person would write it.
    return sources.model_copy(update={"cited": cited}) if cited else sources


def _candidate_warning(cand: Candidate) -> Diagnostic:
    """An unknown speaker or name, with how to add it to the registry."""
    if cand.speaker_turns:
        forms = ", ".join(f"'{f}'" for f in cand.forms[:3])
        return warning(f"speaker '{cand.name}' ({plural(cand.speaker_turns, 'turn')}, written {forms}) "
                       "is not in the actor registry", "unknown-speaker", line=cand.first_line,
                       hint="run ingest with --propose to write a stub entry in corpus/actors/, "
                       "or add it by hand")
    return warning(f"{cand.kind} '{cand.name}' ({plural(cand.count, 'mention')}) is not in the actor "
                   "registry", "unknown-name", line=cand.first_line,
                   hint="run ingest with --propose to write a stub entry in corpus/actors/, or ignore it")


def _count_mentions(paragraphs: list[Paragraph], recogniser: Recogniser,
                    diagnostics: list[Diagnostic]) -> Mentions:
    """Registry names in the text, plus names glued to the next word ("Arestovichrumors"),
    which count as mentions and are reported."""
    mentions = Mentions()
    for para in paragraphs:
        for mention in recogniser.find(para.text):
            for actor_id in mention.actor_ids:
                mentions.add(actor_id, para.line)
    for para in paragraphs:
        for mention in recogniser.find_glued(para.text):
            word_end = para.text.find(" ", mention.end)
            word = para.text[mention.start:word_end if word_end != -1 else len(para.text)]
            diagnostics.append(warning(
                f"'{word}' looks like the name '{mention.surface}' glued to the next word; recorded "
                "as a mention", "glued-name", line=para.line,
                hint="check the source text; the seed itself is not changed"))
            for actor_id in mention.actor_ids:
                mentions.add(actor_id, para.line)
    return mentions


def _choose_publisher(seed: ParsedSeed, corpus: Corpus, recogniser: Recogniser,
                      turns: list[TurnGuess], given: str | None) -> Publishing:
    """--source, else the one outlet whose interviewer labels the turns use, else the agency
    the dateline names ("MOSCOW, December 29 – RIA Novosti.") if it is a source."""
    if given:
        return Publishing(given, False)
    interviewer_sources = {t.source_id for t in turns if t.source_id}
    if len(interviewer_sources) == 1:
        return Publishing(sorted(interviewer_sources)[0], False)
    for mention in recogniser.find(seed.dateline or ""):
        actor_id = mention.actor_ids[0]
        if recogniser.kind(actor_id) == "media" and actor_id in corpus.sources:
            return Publishing(actor_id, True)
    return Publishing(None, False)


def _assign_roles(seed: ParsedSeed, corpus: Corpus, recogniser: Recogniser, turns: list[TurnGuess],
                  mentions: Mentions, publisher: str | None) -> dict[str, set[Role]]:
    """Who is in the article, and in what role: speakers, people quoted, the publisher, the
    subjects (named in the title, or among the most named), media cited, everyone else
    mentioned."""
    roles: dict[str, set[Role]] = {}
    for turn in turns:
        if turn.actor_id:
            role = Role.INTERVIEWER if turn.role == "interviewer" else Role.QUOTED
            roles.setdefault(turn.actor_id, set()).add(role)
    for actor_id in quoted_persons(seed.paragraphs, recogniser):
        roles.setdefault(actor_id, set()).add(Role.QUOTED)
    if publisher and publisher in corpus.actors:
        roles.setdefault(publisher, set()).add(Role.PUBLISHER)
    in_title = {a for m in recogniser.find(seed.title or "") for a in m.actor_ids}
    top = max(mentions.counts.values(), default=0)
    for actor_id, count in mentions.counts.items():
        actor_roles = roles.setdefault(actor_id, set())
        kind = recogniser.kind(actor_id)
        if actor_id in in_title or (count >= 3 and count >= top / 2 and kind != ActorKind.MEDIA):
            actor_roles.add(Role.SUBJECT)
        if kind == ActorKind.MEDIA and actor_id != publisher and Role.INTERVIEWER not in actor_roles:
            actor_roles.add(Role.CITED)
        if not actor_roles:
            actor_roles.add(Role.MENTIONED)
    for actor_id in in_title:
        roles.setdefault(actor_id, set()).add(Role.SUBJECT)
    return roles


def _actor_refs(roles: dict[str, set[Role]], mentions: Mentions, speakers: set[str],
                from_dateline: bool, titles: dict[str, str]) -> list[ActorRef]:
    """Ordered by their most prominent role, then by how often and how early they are named."""
    order = sorted(roles, key=lambda a: (min(ROLE_ORDER.index(r) for r in roles[a]),
                                         -mentions.counts[a], mentions.first_line.get(a, 0), a))
    return [ActorRef(id=a, roles=[r for r in ROLE_ORDER if r in roles[a]], title=titles.get(a),
                     inferred=_actor_method(roles[a], a in speakers, from_dateline)) for a in order]


def _ingest_record(seed: ParsedSeed, body: str) -> IngestRecord:
    """What ingest wrote, so that --update can tell a person's edit from its own output."""
    keys = " ".join(paragraph_key(p) for p in body.split("\n\n")) if body else ""
    return IngestRecord(title=seed.title, date=seed.date, place=seed.place,
                        photo_credit=seed.photo_credit, paragraphs=keys)


def _actor_method(roles: set[Role], speaker: bool, from_dateline: bool) -> str:
    if speaker and (Role.INTERVIEWER in roles or Role.QUOTED in roles):
        return "speaker-turn"
    if Role.QUOTED in roles:
        return "quote"
    if Role.PUBLISHER in roles:
        return "dateline" if from_dateline else "outlet-label"
    return "registry-alias"


def quoted_persons(paragraphs: list[Paragraph], recogniser: Recogniser) -> list[str]:
    """People the text quotes directly: 'Peskov stressed: ...', '“...,” Arestovych said.'"""
    found: list[str] = []
    for para in paragraphs:
        text = normalise(para.text)
        for mention in recogniser.find(para.text):
            actor_id = mention.actor_ids[0]
            if recogniser.kind(actor_id) != ActorKind.PERSON or actor_id in found:
                continue
            after = text[mention.end:]
            if _QUOTE_AFTER.match(after) or (_QUOTE_BEFORE.search(text[:mention.start])
                                             and re.match(rf"^(?:'s)?\s+(?:{SPEECH_VERBS})\b", after)):
                found.append(actor_id)
    return found


def _paragraph_markdown(text: str, turn: TurnGuess | None, line: int) -> str:
    """One paragraph, escaped; a turn's label becomes a speaker (and translation-note) span."""
    if turn is None or (turn.actor_id is None and not turn.tn_note and not turn.tn_ref):
        return escape_markdown(text)
    label, rest = text[: len(turn.label)], text[len(turn.label):]
    kinds: list[str] = []
    attrs: dict[str, str] = {}
    if turn.actor_id:
        kinds.append("speaker")
        attrs["actor"] = turn.actor_id
        if turn.role:
            attrs["role"] = turn.role
    if turn.tn_ref and label:  # a known translation error, defined once in the registry
        kinds.append("tn")
        attrs["ref"] = turn.tn_ref
    elif turn.tn_note and label:
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


def _cue_key(text: str) -> str:
    """Lower case, words separated by one space (str.split: the whitespace ``\\s`` matches)."""
    text = text.replace("’", "'")
    if text.isprintable() and "  " not in text:
        # no whitespace but single spaces (every other whitespace character is unprintable):
        # the words are already so separated, and splitting a long text costs more
        return text.strip(" ").lower()
    return " ".join(text.split()).lower()


@dataclass(frozen=True)
class CueTheme:
    theme_id: str
    cue: str  # as written in the theme's registry entry


@dataclass
class Matchers:
    """Compiled once per ingest run (and again when proposals add actors)."""

    recogniser: Recogniser
    cues: re.Pattern[str] | None
    cue_themes: dict[str, list[CueTheme]]  # normalised cue -> the themes it suggests
    outlets: list[OutletLabel]  # the sources' labels: per run, not per seed (they were rebuilt each time)

    @classmethod
    def build(cls, corpus: Corpus) -> Matchers:
        cue_themes: dict[str, list[CueTheme]] = {}
        for theme in corpus.themes.values():
            for cue in theme.meta.cues:
                cue_themes.setdefault(_cue_key(cue), []).append(CueTheme(theme.id, cue))
        cues = compile_phrases(cue_themes)  # longest cue first at each place, whole words
        return cls(Recogniser(corpus.actors.values()), cues, cue_themes, outlet_labels(corpus))


def _themes(seed: ParsedSeed, corpus: Corpus, matchers: Matchers) -> list[ThemeRef]:
    """Themes whose cue phrases appear in the title or text, in registry order."""
    if matchers.cues is None:
        return []
    text = _cue_key(" ".join([seed.title or ""] + [p.text for p in seed.paragraphs]))
    first: dict[str, str] = {}
    for match in matchers.cues.finditer(text):
        for found in matchers.cue_themes[match.group(0)]:
            first.setdefault(found.theme_id, found.cue)
    return [ThemeRef(id=t, inferred=f"cue: {first[t]}") for t in corpus.themes if t in first]
