"""Names ingest could not resolve: unknown speakers and capitalised names in the text.

Input: paragraphs, the recogniser and the turns found. Output: ``Candidate`` records (a
whole name, its kind, the title it came with, the surface forms seen, the acronym the text
defines for it, how often and where first), so ingest can report them and, with
``--propose``, write stub registry entries a person accepts or rejects. What a name is and
which kind is decided in kinds.py: places, events, documents, phrases and descriptions are
not actors and are not proposed. A possessive ("Barack Obama's") is the same name; a title
("White House Press Secretary Sarah Sanders") is split off; a surname alone after the full
name ("Obama") counts for that person, but only within the text (see propose.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from build_tools.ingest.kinds import (
    STOP_WORDS,
    TITLE_WORDS,
    classify,
    is_possessive,
    person_name,
    person_shaped,
    split_title,
    strip_possessive,
    surname_alias,
    trim,
)
from build_tools.ingest.recognise import Recogniser, normalise
from build_tools.ingest.seed import Paragraph
from build_tools.ingest.turns import TurnGuess

_TOKEN = r"(?:[A-Z][a-z’'A-Z]+(?:-[A-Za-z][a-z]+)*|[A-Z]\.|[A-Z]{2,6})"
# The first token is _TOKEN with its capital letter in front, and the look-behind after it:
# a pattern that opens with a character class lets `re` skip to the next capital letter
# instead of trying the look-behind at every character (2.5x faster, same matches).
_SEQUENCE = re.compile(rf"[A-Z](?<![\w’'-][A-Z])(?:[a-z’'A-Z]+(?:-[A-Za-z][a-z]+)*|\.|[A-Z]{{1,5}})"
                       rf"(?:\s+(?:{_TOKEN}|of|for|the|and|de)(?=\s|[,.;:!?)’'\"”»]|$))*")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+([A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)\b(?!-|\s+[A-Z])")
# "President Duda", "Foreign Minister Lavrov": a title and a surname alone (not "President
# Andrzej Duda"); the text itself then uses the surname as a name.
_TITLED_WORDS = ("President", "Minister", "Chancellor", "Premier", "Ambassador", "Governor", "Mayor",
                 "Senator")
_TITLED = re.compile(rf"\b(?:{'|'.join(_TITLED_WORDS)})\s+([A-Z][a-z]+)\b(?!-|\s+[A-Z])")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
# "Federal Bureau of Investigation (FBI)", "Korean People's Army [KPA]"
_ACRONYM_AFTER = re.compile(r"^\s*(?:\(([A-Z]{2,6})\)|\[([A-Z]{2,6})\])")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# "People's" is part of names ("Korean People's Army"); any other possessive ends one.
_NAME_POSSESSIVES = {"People's", "People’s", "Peoples'", "Women's", "Workers'", "Children's"}


@dataclass
class Candidate:
    name: str
    kind: str  # person | organisation | media | state | armed-group
    forms: list[str] = field(default_factory=list)
    first_line: int = 0
    count: int = 0
    speaker_turns: int = 0
    title: str | None = None  # "Press Secretary": the title the first mention came with
    acronym: str | None = None  # "FBI", when the text defines it: "... (FBI)"

    def add_form(self, form: str) -> None:
        """A surface form, without parentheses or a possessive; a one-word form of a person
        is counted but kept out of ``forms`` (the text's own shorthand, not a name)."""
        form = " ".join(_PARENTHESES.sub("", form).split()) or form  # no "(retranslated)"
        words = form.split()
        form = " ".join([*words[:-1], strip_possessive(words[-1])]) if words else form
        if self.forms and self.kind == "person" and " " not in form:
            return  # "Abe:", "Obama" are no safe aliases for Shinzo Abe or Barack Obama
        if form not in self.forms:
            self.forms.append(form)


@dataclass
class _Span:
    """Where a known actor is named in a paragraph (character offsets)."""

    start: int
    end: int


@dataclass
class _Piece:
    """A run of capitalised words (see ``_pieces``) and where it starts."""

    start: int
    words: list[str]
    title: str | None = None  # cut off the name: "Press Secretary"

    @property
    def end(self) -> int:
        return self.start + len(" ".join(self.words))


def _split_possessives(start: int, chunk: str) -> list[tuple[int, str]]:
    """"Saudi Arabia's Civil Defense Authority" -> "Saudi Arabia's" and "Civil Defense
    Authority": a possessive ends a name (except "People's" and its like)."""
    if "'" not in chunk and "’" not in chunk:  # no possessive (most runs): one part
        return [(start, chunk)] if chunk.strip() else []
    parts: list[tuple[int, str]] = []
    offset = 0
    for match in re.finditer(r"\S+", chunk):
        word = match.group(0)
        if is_possessive(word) and word not in _NAME_POSSESSIVES and match.end() < len(chunk):
            parts.append((start + offset, chunk[offset:match.end()]))
            offset = match.end() + 1
    parts.append((start + offset, chunk[offset:]))
    return [(s, c) for s, c in parts if c.strip()]


def _split_and(start: int, chunk: str) -> list[tuple[int, str]]:
    """Split at 'and' when both sides are names on their own ("Hungary and Romania", "Putin
    and Xi Jinping", not "Institute for Economics and Forecasting"), and always when the left
    side is one word, which is no name alone ("Department and the Federal Bureau ...")."""
    if " and " not in chunk:
        return [(start, chunk)]
    if classify(_name(trim(chunk.split()))) == "state":
        return [(start, chunk)]  # "Bosnia and Herzegovina", "Trinidad and Tobago"
    left, right = chunk.split(" and ", 1)
    right_start = start + len(left) + 5
    left_words = trim(left.split())
    kinds = {classify(_name(left_words)), classify(_name(trim(right.split())))}
    if len(left_words) <= 1:
        return [(start, left), *_split_and(right_start, right)]
    if None not in kinds and (kinds == {"person"} or "person" not in kinds):
        return [(start, left), *_split_and(right_start, right)]
    return [(start, chunk)]


def _name(words: list[str]) -> str:
    return " ".join([*words[:-1], strip_possessive(words[-1])]) if words else ""


def _to_piece(offset: int, chunk: str) -> _Piece | None:
    """The chunk without what opens it but is no name; a title opening a person's name is cut
    off before trimming, which would leave "Japan Shinzo Abe" of "Prime Minister of Japan
    Shinzo Abe"."""
    words = chunk.split()
    while words and words[0] in STOP_WORDS and words[0] not in TITLE_WORDS:
        words = words[1:]
    title, name = split_title(words)
    words = name if title is not None else trim(words)
    if not words:
        return None
    at = chunk.rfind(" ".join(words)) if title is not None else chunk.find(words[0])
    return _Piece(offset + at, words, title)


def _split_member_of(start: int, chunk: str) -> list[tuple[int, str]]:
    """"Tanya Lee of the Green Party and Tom Hart of the Labour Party" -> the two people and
    the two parties: a person's name before "of" names the person, and what follows names
    the body they belong to (or where they come from: "Adam Schiff of California")."""
    if " of " not in chunk:
        return [(start, chunk)]
    tokens = list(re.finditer(r"\S+", chunk))
    words = [t.group(0) for t in tokens]
    cuts: list[tuple[int, int]] = []  # (first token of a person, index of its "of")
    for i, word in enumerate(words):
        if word != "of":
            continue
        for size in (3, 2):
            j = i - size
            while 0 < j < i - 1 and words[j - 1].rstrip(".") in TITLE_WORDS:
                j -= 1  # "Senator Jane Roe of ...": the title goes with the person
            if j >= 0 and (j == 0 or words[j - 1] == "and") and person_shaped(_untitled(words[j:i])):
                cuts.append((j, i))
                break
    if not cuts:
        return [(start, chunk)]
    parts: list[tuple[int, str]] = []
    bounds = [j for j, _ in cuts] + [len(words)]
    if cuts[0][0] > 0:
        parts.append((start, chunk[:tokens[cuts[0][0] - 1].start()].rstrip()))
    for (j, i), end in zip(cuts, bounds[1:], strict=True):
        parts.append((start + tokens[j].start(), chunk[tokens[j].start():tokens[i].start()].rstrip()))
        last = end - 1 if end < len(words) else end  # drop the "and" before the next person
        if i + 1 < last:
            tail = chunk[tokens[i + 1].start():tokens[last - 1].end()]
            parts.append((start + tokens[i + 1].start(), tail))
    return [(s, c) for s, c in parts if c.strip()]


def _untitled(words: list[str]) -> list[str]:
    return split_title(words)[1]


def _pieces(text: str) -> list[_Piece]:
    """Capitalised word runs, split at possessives, between a member and their body, and at
    'and' (see above), trimmed."""
    pieces: list[_Piece] = []
    for match in _SEQUENCE.finditer(text):
        at = match.start()
        pieces.extend(_Piece(at + start, list(words), title)
                      for start, words, title in _run_pieces(match.group(0)))
    return pieces


@lru_cache(maxsize=1 << 15)
def _run_pieces(run: str) -> tuple[tuple[int, tuple[str, ...], str | None], ...]:
    """The pieces of one capitalised run, offsets relative to it. Remembered: it depends on
    the run's text alone, most runs are one sentence-opening word ("The", "He") that yields
    nothing, and news repeats the same names ("President Vladimir Putin") seed after seed."""
    found = []
    for start, part in _split_possessives(0, run):
        for member_start, member in _split_member_of(start, part):
            for offset, chunk in _split_and(member_start, member):
                piece = _to_piece(offset, chunk)
                if piece is not None:
                    found.append((piece.start, tuple(piece.words), piece.title))
    return tuple(found)


@dataclass
class _Found:
    """The candidates found so far in one text, by lower-case name."""

    by_key: dict[str, Candidate] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)  # "FBI" -> key of its candidate

    def add(self, name: str, kind: str, form: str, line: int, speaker: bool = False,
            title: str | None = None) -> Candidate:
        """Count one mention (or, with ``speaker``, one turn) of ``name``."""
        key = self.acronyms.get(name, name.lower())
        for existing_key, existing in self.by_key.items():
            # A short form after a full first mention is the same person: "Aksyonov".
            if kind == "person" and existing.kind == "person" and (
                    existing_key.endswith(" " + key) or key.endswith(" " + existing_key)):
                key = existing_key
                break
        cand = self.by_key.get(key)
        if cand is None:
            cand = self.by_key[key] = Candidate(name, kind, first_line=line, title=title)
        cand.add_form(form)
        cand.count += 1
        cand.speaker_turns += speaker
        return cand

    def define_acronym(self, cand: Candidate, acronym: str) -> None:
        """"Federal Bureau of Investigation (FBI)": FBI is that organisation, here."""
        key = cand.name.lower()
        if cand.kind != "person" and acronym not in self.acronyms and key in self.by_key:
            self.acronyms[acronym] = key
            cand.acronym = acronym
            stray = self.by_key.pop(acronym.lower(), None)  # "FBI" seen before its definition
            if stray is not None:
                cand.count += stray.count

    def fold_acronyms(self) -> None:
        """An acronym the text uses without defining it ("the KPA") is the one name of this
        text whose initials it spells ("Korean People's Army"); with two such names, neither."""
        for key, cand in list(self.by_key.items()):
            if not _ACRONYM.fullmatch(cand.name) or cand.name in self.acronyms:
                continue
            spelled = [c for k, c in self.by_key.items() if k != key and c.kind != "person"
                       and c.acronym is None and initials(c.name) == cand.name]
            if len(spelled) == 1:
                self.define_acronym(spelled[0], cand.name)
                spelled[0].speaker_turns += cand.speaker_turns

    def person_with_surname(self, surname: str) -> Candidate | None:
        people = [c for k, c in self.by_key.items() if c.kind == "person"
                  and k.split()[-1] == surname.lower()]
        return people[0] if len(people) == 1 else None  # "Clinton": Bill or Hillary? Neither.


def initials(name: str) -> str:
    """"Korean People's Army" -> "KPA", "Deutsche Presse-Agentur" -> "DPA": the first letters
    of its capitalised words and word parts ("of", "the" are passed over)."""
    return "".join(part[0] for word in name.split() for part in word.split("-")
                   if part[:1].isupper())


def find_candidates(paragraphs: list[Paragraph], recogniser: Recogniser,
                    turns: list[TurnGuess]) -> list[Candidate]:
    """Unknown speakers first, then per paragraph its capitalised names and titled surnames;
    sorted by first line, then name."""
    found = _Found()
    _add_unknown_speakers(found, paragraphs, turns)
    for para in paragraphs:
        text = normalise(para.text)
        known = [_Span(m.start, m.end) for m in recogniser.find(para.text)]
        known += [_Span(m.start, m.end) for m in recogniser.find_glued(para.text)]
        _add_capitalised_names(found, para, text, known)
        _add_titled_surnames(found, para, text, known)
    found.fold_acronyms()
    return sorted(found.by_key.values(), key=lambda c: (c.first_line, c.name))


def _add_unknown_speakers(found: _Found, paragraphs: list[Paragraph], turns: list[TurnGuess]) -> None:
    """Speaker labels no actor matched: a person's name ("Governor ... Sergei Aksyonov:"), or the
    outlet a question opens with ("Question: Deutsche Presse-Agentur."), if it names an actor."""
    for turn in turns:
        if turn.unresolved and turn.method == "question-outlet":
            kind = classify(turn.unresolved)
            if kind is not None:
                found.add(turn.unresolved, kind, turn.unresolved, paragraphs[turn.paragraph].line,
                          speaker=True)
        elif turn.unresolved:
            name = person_name(turn.unresolved)
            if classify(name) in (None, "person"):  # "White House:" is no person
                title, _ = split_title(_PARENTHESES.sub("", turn.unresolved).strip(" :").split())
                found.add(name, "person", turn.unresolved, paragraphs[turn.paragraph].line,
                          speaker=True, title=title)


def _add_capitalised_names(found: _Found, para: Paragraph, text: str, known: list[_Span]) -> None:
    """Capitalised word runs that classify as an actor and are not a known actor's name; a
    title is cut off a person's name first."""
    for piece in _pieces(text):
        unknown = _after_known_lead(piece, text, known)
        if unknown is None:
            continue
        title, words = split_title(unknown.words)
        if title is not None:
            unknown = _Piece(unknown.end - len(" ".join(words)), words)
        title = title or piece.title
        name = _name(unknown.words)
        kind = classify(name)
        if kind is None or _names_known_actor(unknown, kind, known):
            continue
        if title is not None and kind != "person":
            title = None
        cand = found.add(name, kind, para.text[unknown.start:unknown.end], para.line, title=title)
        defined = _ACRONYM_AFTER.match(text[unknown.end:])
        if defined:
            found.define_acronym(cand, defined.group(1) or defined.group(2))


def _after_known_lead(piece: _Piece, text: str, known: list[_Span]) -> _Piece | None:
    """"Kremlin Spokesman Dmitry Peskov": the Kremlin is known, Peskov is not. The piece without
    a known actor it opens with (None when nothing is left), else the piece itself."""
    lead = [span.end for span in known if span.start == piece.start and span.end < piece.end]
    if not lead:
        return piece
    rest = trim(text[max(lead):piece.end].split())
    return _Piece(piece.end - len(" ".join(rest)), rest) if rest else None


def _names_known_actor(piece: _Piece, kind: str, known: list[_Span]) -> bool:
    """Whether the piece overlaps a known actor's name, except an organisation's name that holds
    one: "Ministry of Energy of Russia" holds a known actor yet names another one."""
    overlaps = [span for span in known if span.start < piece.end and piece.start < span.end]
    return bool(overlaps) and not (kind == "organisation" and all(
        piece.start < span.start and span.end <= piece.end for span in overlaps))


def _add_titled_surnames(found: _Found, para: Paragraph, text: str, known: list[_Span]) -> None:
    """"Mr Kozak", "President Duda": a surname alone, counted for a person already found (the
    text itself uses it), or after an honorific a person of its own."""
    # the two patterns are tried only where their words are: a scan costs more than the look
    honorifics = _HONORIFIC.finditer(text) if "Mr" in text or "Ms" in text or "Dr" in text else ()
    titled = _TITLED.finditer(text) if any(word in text for word in _TITLED_WORDS) else ()
    for match in [*honorifics, *titled]:
        surname, honorific = match.group(1), match.re is _HONORIFIC
        if any(span.start <= match.start(1) < span.end for span in known) or surname in STOP_WORDS \
                or surname in TITLE_WORDS:
            continue
        person = found.person_with_surname(surname)
        if person is None:
            if honorific and surname_alias(surname):  # "Mr Kozak": a person; "President Hotel" need not be
                found.add(surname, "person", match.group(0), para.line)
            continue
        person.add_form(match.group(0))  # "President Duda": a whole form, safe as an alias
        person.count += 1
