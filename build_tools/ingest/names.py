"""Names ingest could not resolve: unknown speakers and capitalised names in the text.

Input: paragraphs, the recogniser and the turns found. Output: ``Candidate`` records (a
display name, a guessed kind, the surface forms seen, how often and where first), so ingest
can report them and, with ``--propose``, write stub registry entries a person accepts or
rejects. Places, events and documents ("Russky Island", "Normandy summit", "Minsk
Agreements") are not actors and are not proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.ingest.recognise import Recogniser, normalise
from build_tools.ingest.seed import Paragraph
from build_tools.ingest.turns import TurnGuess

TITLE_WORDS = {
    "President", "Prime", "Minister", "Governor", "Chairman", "Chairwoman", "Chair", "Head",
    "Director", "Ambassador", "Secretary", "Spokesman", "Spokeswoman", "Spokesperson", "Adviser",
    "Advisor", "Aide", "Mayor", "Commander", "Deputy", "Chancellor", "Chief", "General", "Colonel",
    "Foreign", "Defence", "Defense", "Senator", "Speaker", "Leader", "Envoy", "Presidential",
    "Press", "Executive", "Vice", "First", "King", "Queen", "Prince", "Patriarch", "Metropolitan",
    "Mr", "Mrs", "Ms", "Dr", "Professor", "Prof", "Sir", "Madame", "Madam", "Messrs",
    "Lord", "Lady", "Comrade", "Colleague", "Colleagues", "Premier", "Emperor", "Ayatollah",
}
STATE_WORDS = {"Republic", "Kingdom", "Federation", "Emirates", "Principality", "Sultanate"}
NATIONALITIES = {
    "Russian", "Ukrainian", "American", "Korean", "Chinese", "European", "Western", "Soviet",
    "British", "French", "German", "Japanese", "Polish", "Belarusian", "Georgian", "Syrian",
    "Iranian", "Turkish", "Israeli", "Indian", "Crimean", "Kazakh", "Italian", "Spanish",
}
NON_ACTOR_ACRONYMS = {"GDP", "GNP", "VAT", "CEO", "ICBM", "ICBMs", "UTC", "GMT", "TV", "PhD", "AIDS",
                      "COVID", "LNG", "IT", "AI", "USD", "EUR", "RUB", "OK", "PS", "NB", "FAQ"}
NUMBER_WORDS = {"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
                "Hundred", "Thousand", "Million", "Billion", "First", "Second", "Third"}
ORG_WORDS = {
    "Ministry", "Committee", "Commission", "Council", "Agency", "Union", "Organisation",
    "Organization", "Institute", "Church", "Bank", "Court", "Party", "Service", "Group", "Fund",
    "Association", "Corporation", "Company", "Assembly", "Parliament", "Duma", "Government",
    "Office", "Academy", "University", "League", "Army", "Forces", "Guard", "Front", "Movement",
    "Legion", "Centre", "Center", "Department", "Administration", "Authority", "Board",
    "Directorate", "Bureau", "Police", "Navy", "Alliance", "Coalition", "Club", "Foundation",
    "Society", "Federation", "Talks",
}
MEDIA_WORDS = {"News", "Press", "TV", "Times", "Post", "Radio", "Gazette", "Telegraph", "Herald",
               "Journal", "Novosti", "Pravda", "Izvestia", "Television", "Broadcasting", "Media",
               "Presse", "Agentur", "Agence", "Nachrichten", "Zeitung", "Daily", "Tribune"}
NOT_ACTOR_WORDS = {
    "Island", "Islands", "Region", "Territory", "Peninsula", "Sea", "River", "Mountains", "Street", "Square",
    "Oblast", "Krai", "Palace", "Hall", "Airport", "City", "Bay", "Ocean", "Lake", "Strait",
    "Summit", "Games", "Olympics", "War", "Festival", "Conference", "Day", "Forum", "Year",
    "Week", "Treaty", "Agreement", "Agreements", "Convention", "Act", "Law", "Memorandum",
    "Declaration", "Protocol", "Charter", "Accords", "Programme", "Program", "Project", "Plan",
    "Formula", "Doctrine", "Strategy", "Initiative", "Canal", "Bridge", "Mainline", "Railway",
    "Pipeline", "Station", "Plant", "Port", "Cup", "Prize", "Award", "Order", "Medal",
    "Channel", "Highway", "Route", "Corridor", "Zone", "District", "Province",
    "State", "States", "Valley", "Desert", "East", "West", "North", "South", "Eastern",
    "Western", "Northern", "Southern", "Asia", "Europe", "Africa", "America", "Empire",
    "Concept", "Format", "Process", "Deal", "Crisis", "Revolution", "Era", "Age", "Period",
}
STOP_WORDS = {
    "The", "A", "An", "In", "On", "At", "This", "That", "These", "Those", "However", "But", "And",
    "As", "For", "With", "After", "Before", "During", "If", "When", "While", "We", "I", "It",
    "Our", "Their", "His", "Her", "Its", "You", "They", "He", "She", "Of", "To", "From", "By",
    "Yes", "No", "Thank", "Good", "Please", "Dear", "Ladies", "Gentlemen", "Colleagues",
    "Friends", "Now", "Today", "Yesterday", "Tomorrow", "Here", "There", "So", "Also", "Why",
    "What", "How", "Who", "Where", "Which", "Let", "All", "Both", "Each", "Every", "Some",
    "Many", "Most", "Such", "My", "Your", "Mr", "Mrs", "Ms", "Dr", "Question", "Answer",
    "Ok", "Okay", "Well", "Just", "Only", "Even", "Then", "Still", "Perhaps", "Maybe", "Indeed",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
}
CONNECTORS = {"of", "for", "the", "and", "de"}
_TOKEN = r"(?:[A-Z][a-z’'A-Z]+(?:-[A-Za-z][a-z]+)*|[A-Z]\.|[A-Z]{2,6})"
_SEQUENCE = re.compile(rf"(?<![\w’'-]){_TOKEN}(?:\s+(?:{_TOKEN}|of|for|the|and|de)(?=\s|[,.;:!?)’'\"”»]|$))*")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+([A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)\b(?!-|\s+[A-Z])")
# "President Duda", "Foreign Minister Lavrov": a title and a surname alone (not "President
# Andrzej Duda"); the text itself then uses the surname as a name.
_TITLED = re.compile(r"\b(?:President|Minister|Chancellor|Premier|Ambassador|Governor|Mayor|Senator)"
                     r"\s+([A-Z][a-z]+)\b(?!-|\s+[A-Z])")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def surname_alias(word: str) -> bool:
    """Whether a surname alone can stand for a person: "Duda", "Lavrov"; not "Abe" or "Lee"
    (too short to be unambiguous) nor "Nak-yeon"."""
    return len(word) >= 4 and "-" not in word


@dataclass
class Candidate:
    name: str
    kind: str  # person | organisation | media | state
    forms: list[str] = field(default_factory=list)
    first_line: int = 0
    count: int = 0
    speaker_turns: int = 0

    def add_form(self, form: str) -> None:
        form = " ".join(_PARENTHESES.sub("", form).split()) or form  # no "(retranslated)"
        if self.forms and self.kind == "person" and " " not in form and not surname_alias(form):
            return  # "Abe:" is not a safe alias for Shinzo Abe
        if form not in self.forms:
            self.forms.append(form)


def person_name(label: str) -> str:
    """'Governor of the Republic of Crimea Sergei Aksyonov' -> 'Sergei Aksyonov'."""
    words = re.sub(r"\s*\([^)]*\)", "", label).replace("»", "").strip(" :").split()
    if not words:
        return label
    if all(w.isupper() for w in words if w.isalpha()):
        words = [w.title() for w in words]  # "SERGEI LAVROV:" -> Sergei Lavrov
    if any(w.strip(",.") in TITLE_WORDS for w in words[:-1]) or len(words) > 3:
        tail = words[-2:] if len(words) >= 2 else words
        if len(words) >= 3 and re.fullmatch(r"[A-Z]\.", words[-2]):
            tail = words[-3:]
        if tail and tail[0] in TITLE_WORDS:
            tail = tail[1:]
        return " ".join(tail)
    return " ".join(words)


def classify(name: str) -> str | None:
    """Guess the kind of a capitalised name; None when it is no actor (place, event...)."""
    words = name.split()
    if not words or any(w in NOT_ACTOR_WORDS for w in words) or name in NON_ACTOR_ACRONYMS:
        return None
    acronym = name.isupper() and 2 <= len(name) <= 5 and name.isalpha()  # NATO, OSCE, WADA
    if len(words) == 1 and not acronym:
        return "state" if name in COUNTRIES else None
    parts = [p for w in words for p in w.split("-")]  # "Presse-Agentur"
    if any(p in MEDIA_WORDS for p in parts) and not any(w in ORG_WORDS - {"Agency"} for w in words):
        return "media"
    if any(w in STATE_WORDS for w in words):
        return "state"
    if any(w in ORG_WORDS for w in words) or acronym and name.lower() not in {
            "question", "answer", "note", "update", "photo", "video"}:
        return "organisation"
    tokens = [w for w in words if w not in CONNECTORS]
    if words[0] in NUMBER_WORDS or any(w in NATIONALITIES for w in words):
        return None  # "Famous Russian Korean (scholar)" is a description, not a name
    if any(w in TITLE_WORDS for w in tokens):
        return None  # "Federal Chancellor", "Prime Minister": a title, not a name
    if 2 <= len(tokens) <= 3 and all(re.fullmatch(r"[A-Z][a-z’']+(?:-[A-Za-z][a-z]+)*|[A-Z]\.", w)
                                     for w in tokens) and len(tokens) == len(words):
        return "person"
    return None


def _trim(words: list[str]) -> list[str]:
    """Drop what opens a name but is no part of it, until nothing more goes: "Russian Deputy
    Foreign Minister Sergei Ryabkov" -> "Sergei Ryabkov"."""
    while True:
        before = len(words)
        while words and (words[0] in STOP_WORDS or words[0] in CONNECTORS or words[0] in TITLE_WORDS
                         or words[0] in NUMBER_WORDS or re.fullmatch(r"[A-Z][a-z]+ing", words[0])):
            words = words[1:]
        # "Russian Orthodox Church" keeps its adjective; "Russian Vladimir Putin" would not.
        if words and words[0] in NATIONALITIES and classify(" ".join(words)) != "organisation":
            words = words[1:]
        while words and words[-1] in CONNECTORS:
            words = words[:-1]
        if len(words) == before:
            return words


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

    @property
    def end(self) -> int:
        return self.start + len(" ".join(self.words))


def _pieces(text: str) -> list[_Piece]:
    """Capitalised word runs, split at 'and' when both sides are names on their own
    ("Hungary and Romania", but not "Institute for Economics and Forecasting")."""
    pieces: list[_Piece] = []
    for match in _SEQUENCE.finditer(text):
        parts = [(match.start(), match.group(0))]
        if " and " in match.group(0):
            left, right = match.group(0).split(" and ", 1)
            kinds = {classify(" ".join(_trim(left.split()))), classify(" ".join(_trim(right.split())))}
            # "Hungary and Romania", "Ukraine and the Customs Union", "Putin and Xi Jinping";
            # not "Service for Veterinary and Phytosanitary Supervision".
            if None not in kinds and (kinds == {"person"} or "person" not in kinds):
                parts = [(match.start(), left), (match.start() + len(left) + 5, right)]
        for offset, chunk in parts:
            words = _trim(chunk.split())
            if words:
                pieces.append(_Piece(offset + chunk.find(words[0]), words))
    return pieces


@dataclass
class _Found:
    """The candidates found so far in one text, by lower-case name."""

    by_key: dict[str, Candidate] = field(default_factory=dict)

    def add(self, name: str, kind: str, form: str, line: int, speaker: bool = False) -> None:
        """Count one mention (or, with ``speaker``, one turn) of ``name``."""
        key = name.lower()
        for existing_key, existing in self.by_key.items():
            # A short form after a full first mention is the same person: "Aksyonov".
            if kind == "person" and existing.kind == "person" and (
                    existing_key.endswith(" " + key) or key.endswith(" " + existing_key)):
                key = existing_key
                break
        cand = self.by_key.get(key)
        if cand is None:
            cand = self.by_key[key] = Candidate(name, kind, first_line=line)
        cand.add_form(form)
        cand.count += 1
        cand.speaker_turns += speaker

    def person_with_surname(self, surname: str) -> Candidate | None:
        return next((c for k, c in self.by_key.items() if c.kind == "person"
                     and k.split()[-1] == surname.lower()), None)


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
            found.add(name, "person", turn.unresolved, paragraphs[turn.paragraph].line, speaker=True)


def _add_capitalised_names(found: _Found, para: Paragraph, text: str, known: list[_Span]) -> None:
    """Capitalised word runs that classify as an actor and are not a known actor's name."""
    for piece in _pieces(text):
        unknown = _after_known_lead(piece, text, known)
        if unknown is None:
            continue
        name = " ".join(unknown.words)
        kind = classify(name)
        if kind is None or _names_known_actor(unknown, kind, known):
            continue
        found.add(name, kind, para.text[unknown.start:unknown.end], para.line)


def _after_known_lead(piece: _Piece, text: str, known: list[_Span]) -> _Piece | None:
    """"Kremlin Spokesman Dmitry Peskov": the Kremlin is known, Peskov is not. The piece without
    a known actor it opens with (None when nothing is left), else the piece itself."""
    lead = [span.end for span in known if span.start == piece.start and span.end < piece.end]
    if not lead:
        return piece
    rest = _trim(text[max(lead):piece.end].split())
    return _Piece(piece.end - len(" ".join(rest)), rest) if rest else None


def _names_known_actor(piece: _Piece, kind: str, known: list[_Span]) -> bool:
    """Whether the piece overlaps a known actor's name, except an organisation's name that holds
    one: "Ministry of Energy of Russia" holds a known actor yet names another one."""
    overlaps = [span for span in known if span.start < piece.end and piece.start < span.end]
    return bool(overlaps) and not (kind == "organisation" and all(
        piece.start < span.start and span.end <= piece.end for span in overlaps))


def _add_titled_surnames(found: _Found, para: Paragraph, text: str, known: list[_Span]) -> None:
    """"Mr Kozak", "President Duda": a surname alone, as an alias of a person already found (the
    text itself uses it), or after an honorific a person of its own."""
    for match in [*_HONORIFIC.finditer(text), *_TITLED.finditer(text)]:
        surname, honorific = match.group(1), match.re is _HONORIFIC
        if any(span.start <= match.start(1) < span.end for span in known) or surname in STOP_WORDS \
                or surname in TITLE_WORDS:
            continue
        person = found.person_with_surname(surname)
        if person is None:
            if honorific:  # "Mr Kozak": a person; "President Hotel" need not be
                found.add(surname, "person", match.group(0), para.line)
            continue
        person.add_form(match.group(0))
        person.add_form(surname)  # the text itself uses the surname alone: "Mr Duda"
        person.count += 1


# Short English names of the world's states (UN members and observers, plus Taiwan and Kosovo),
# so a state missing from the registry is proposed as a state, not ignored.
COUNTRIES = set("""
Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan
Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Botswana Brazil
Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia
Cuba Cyprus Czechia Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia
Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana
Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan
Jordan Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia
Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique
Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau
Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa
Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden
Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey Turkmenistan
Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Vatican Venezuela Vietnam Yemen Zambia Zimbabwe
""".split())  # noqa: SIM905 - readable as prose
