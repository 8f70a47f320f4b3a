"""What a run of capitalised words is: a whole name and its kind, or no actor at all.

Used by the name candidates (names.py) and by titles (titles.py). ``classify`` guesses the
kind of a name (person, organisation, state, media, armed-group) or says it is no actor: a
place (from the gazetteer, gazetteer.py), an event, a document, a venue, a demonym, a phrase
that opens a sentence ("Last July", "Without Otto"), a description ("Confidential Source").
``split_title`` cuts a title off a person's name ("White House Press Secretary Sarah Sanders"
-> "Press Secretary", "Sarah Sanders"); ``strip_possessive`` folds "Obama's" into "Obama".
The word lists hold English grammar and generic nouns, never the names of particular actors.
"""

from __future__ import annotations

import re
from functools import lru_cache

from build_tools.ingest.gazetteer import gazetteer

TITLE_WORDS = {
    "President", "Prime", "Minister", "Governor", "Chairman", "Chairwoman", "Chair", "Head",
    "Director", "Ambassador", "Secretary", "Spokesman", "Spokeswoman", "Spokesperson", "Adviser",
    "Advisor", "Aide", "Mayor", "Commander", "Deputy", "Chancellor", "Chief", "General", "Colonel",
    "Foreign", "Defence", "Defense", "Senator", "Speaker", "Leader", "Envoy", "Presidential",
    "Press", "Executive", "Vice", "First", "King", "Queen", "Prince", "Patriarch", "Metropolitan",
    "Mr", "Mrs", "Ms", "Dr", "Professor", "Prof", "Sir", "Madame", "Madam", "Messrs",
    "Lord", "Lady", "Comrade", "Colleague", "Colleagues", "Premier", "Emperor", "Ayatollah",
    "Majority", "Minority", "Whip", "Attorney", "Counsel", "Representative", "Rep", "Sen", "Gov",
    "Congressman", "Congresswoman", "Judge", "Sheriff", "Inspector", "Commissioner", "Treasurer",
    "Lieutenant", "Sergeant", "Captain", "Admiral", "Marshal", "Pope", "Bishop", "Archbishop",
    "Rabbi", "Imam", "Sheikh", "Former", "Acting", "Senior", "Special", "Assistant", "Associate",
    "Undersecretary", "Officer", "Superintendent", "Coach", "Founder", "Editor", "Anchor",
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
    "Society", "Federation", "Talks", "Nations", "Senate", "Congress", "Inc", "Corp", "Ltd", "Agencies",
}
# Parties are named by their members: "Sweden Democrats", "Liberal Democrats", "Young Greens".
PARTY_WORDS = {"Democrats", "Republicans", "Conservatives", "Liberals", "Socialists", "Greens",
               "Communists", "Nationalists", "Labour", "Tories", "Whigs", "Libertarians"}
ARMED_GROUP_WORDS = {"Brigade", "Brigades", "Battalion", "Militia", "Regiment"}
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
    # venues and buildings: where something happens, not who does it
    "Mosque", "Cathedral", "Temple", "Stadium", "Arena", "Museum", "Theatre", "Theater", "Hotel",
    "Tower", "Building", "Hospital", "Prison", "Embassy", "Consulate",
    # laws, trials and events
    "Amendment", "Trial", "Election", "Elections", "Caucus", "Attack", "Attacks", "Shooting",
    "Hurricane", "Fair", "Expo", "Exhibition", "Championship", "Championships", "Tournament",
    "Marathon", "Show", "Awards",
}
# Nouns that describe someone rather than name them: "Confidential Source", "Senior Official".
ROLE_NOUNS = {"Source", "Sources", "Official", "Officials", "Witness", "Witnesses", "Agent",
              "Agents", "Analyst", "Expert", "Experts", "Reporter", "Reporters", "Correspondent",
              "Investigator", "Investigators", "Prosecutor", "Prosecutors", "Lawyer", "Lawyers",
              "Spokesperson", "Staff", "Member", "Members", "People", "Person", "Citizens"}
STOP_WORDS = {
    "The", "A", "An", "In", "On", "At", "This", "That", "These", "Those", "However", "But", "And",
    "As", "For", "With", "After", "Before", "During", "If", "When", "While", "We", "I", "It",
    "Our", "Their", "His", "Her", "Its", "You", "They", "He", "She", "Of", "To", "From", "By",
    "Yes", "No", "Thank", "Good", "Please", "Dear", "Ladies", "Gentlemen", "Colleagues",
    "Friends", "Now", "Today", "Yesterday", "Tomorrow", "Here", "There", "So", "Also", "Why",
    "What", "How", "Who", "Where", "Which", "Let", "All", "Both", "Each", "Every", "Some",
    "Many", "Most", "Such", "My", "Your", "Mr", "Mrs", "Ms", "Dr", "Question", "Answer",
    "Ok", "Okay", "Well", "Just", "Only", "Even", "Then", "Still", "Perhaps", "Maybe", "Indeed",
    # prepositions, conjunctions and determiners that open a sentence: "Without Otto, ..."
    "Without", "Within", "Under", "Over", "Against", "Despite", "Since", "Until", "Through",
    "Among", "Between", "Into", "Upon", "Across", "Along", "Around", "Behind", "Beyond", "Near",
    "Like", "Unlike", "Via", "Amid", "Although", "Though", "Because", "Unless", "Whether", "Once",
    "Meanwhile", "Earlier", "Later", "Last", "Next", "Another", "Other", "Any", "Few", "More",
    "Not", "Never", "Neither", "Nor", "Or", "Yet", "Instead", "According", "Asked", "Speaking",
    "Several", "Late", "Early", "Recently", "Finally", "Thus", "Besides",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
}
CONNECTORS = {"of", "for", "the", "and", "de"}
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_NAME_TOKEN = re.compile(r"[A-Z][a-z’']*[a-z](?:[A-Z][a-z]+)?(?:-[A-Za-z][a-z]+)*|[A-Z]\.")
_DEMONYM_ENDINGS = ("ers", "er", "ians", "ian", "ans", "an", "ns", "n", "is", "i", "ese")


def strip_possessive(word: str) -> str:
    """"Obama's" -> "Obama", "Reuters'" -> "Reuters"; other words unchanged."""
    if "'" not in word and "’" not in word:  # most words: no regex needed
        return word
    return _POSSESSIVE.sub("", word)


def is_possessive(word: str) -> bool:
    return ("'" in word or "’" in word) and bool(_POSSESSIVE.search(word))


def surname_alias(word: str) -> bool:
    """Whether a surname alone can stand for a person within one text: "Duda", "Lavrov"; not
    "Abe" or "Lee" (too short to be unambiguous) nor "Nak-yeon"."""
    return len(word) >= 4 and "-" not in word


def _demonym(name: str) -> bool:
    """"New Zealander", "Americans": a people's name made from a place's, not an actor."""
    geo = gazetteer()
    return any(name.endswith(end) and geo.kind(name[: -len(end)]) for end in _DEMONYM_ENDINGS) or \
        any(name.endswith(end) and geo.kind(name[: -len(end)] + "a") for end in ("ans", "an"))


def _government(words: list[str]) -> bool:
    """"Korean Government", "Japanese Government": a state named by its government (the
    labelling rules count government metonyms as states)."""
    return len(words) == 2 and words[1] == "Government" and (
        words[0] in NATIONALITIES or gazetteer().is_state(words[0]))


def person_shaped(words: list[str]) -> bool:
    """Two or three name-like words, none a title, a place, a month or a generic noun."""
    geo = gazetteer()
    return 2 <= len(words) <= 3 and all(
        _NAME_TOKEN.fullmatch(w) and w not in TITLE_WORDS and w not in STOP_WORDS
        and not set(w.split("-")) & NATIONALITIES and w not in ROLE_NOUNS and w not in NOT_ACTOR_WORDS
        and w not in ORG_WORDS and w.removesuffix("s") not in ORG_WORDS and w not in MEDIA_WORDS
        and w not in PARTY_WORDS
        # a state's name is no part of a person's; a town's may be ("Vladimir", "Florence")
        and not geo.is_state(w) for w in words)


@lru_cache(maxsize=1 << 16)
def classify(name: str) -> str | None:
    """Guess the kind of a capitalised name; None when it is no actor (place, event...).

    Remembered: the answer depends only on the name (the word lists and the gazetteer are
    fixed for the process), and ingest asks about the same names in seed after seed."""
    words = name.split()
    if words and gazetteer().is_state(name):  # first: "North Korea", "United States" hold generic words
        return "state"
    kind = _kind(name, words)
    # Places last: their list is the longest to read, and only a name that would be proposed
    # needs it. "Las Vegas", "New Jersey", "Capitol Hill", "New Zealanders" are no actors.
    if kind is not None and kind != "state" and (gazetteer().kind(name) or _demonym(name)):
        return None
    return kind


def _kind(name: str, words: list[str]) -> str | None:
    if not words or any(w in NOT_ACTOR_WORDS for w in words) or name in NON_ACTOR_ACRONYMS:
        return None
    acronym = name.isupper() and 2 <= len(name) <= 5 and name.isalpha()  # NATO, OSCE, WADA
    if len(words) == 1 and not acronym:
        return None
    parts = [p for w in words for p in w.split("-")]  # "Presse-Agentur"
    if any(p in MEDIA_WORDS for p in parts) and not any(w in ORG_WORDS - {"Agency"} for w in words):
        return "media"
    if any(w in STATE_WORDS for w in words) or _government(words):
        return "state"
    if any(w in ARMED_GROUP_WORDS for w in words):
        return "armed-group"
    if any(w in ORG_WORDS or w in PARTY_WORDS or w.removesuffix("s") in ORG_WORDS for w in words) \
            or acronym and name.lower() not in {
            "question", "answer", "note", "update", "photo", "video"}:
        return "organisation"
    if words[0] in NUMBER_WORDS or any(w in NATIONALITIES for w in words):
        return None  # "Famous Russian Korean (scholar)" is a description, not a name
    return "person" if person_shaped(words) else None


def split_title(words: list[str]) -> tuple[str | None, list[str]]:
    """A title and the person's name it opens: "White House Press Secretary Sarah Sanders" ->
    ("Press Secretary", ["Sarah", "Sanders"]); "President of Russia Vladimir Putin" ->
    ("President of Russia", ...). The title runs from its first title word; a body before it
    ("White House") is part of the office, not a name of its own. (None, words) otherwise."""
    for size in (3, 2):
        name, before = words[-size:], words[:-size]
        if len(words) > size and person_shaped(name):
            first = next((i for i, w in enumerate(before) if w.strip(".,") in TITLE_WORDS), None)
            if first is not None and before[-1] not in CONNECTORS:
                return " ".join(before[first:]), name
    return None, words


def trim(words: list[str]) -> list[str]:
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
        words = _without_group_of(words)
        if len(words) == before:
            return words


# At least this frequent (Zipf scale), a word is ordinary English: "Commanders", "Members".
ORDINARY_WORD_ZIPF = 3.0


def _without_group_of(words: list[str]) -> list[str]:
    """"Commanders of the Korean People's Army" -> the army: a plural common noun before "of"
    names people of a body, not a body. Only when the rest is itself a body's name, so
    "Friends of the Earth" or "Soldiers of Odin" stay whole."""
    if len(words) < 3 or words[1] != "of" or not re.fullmatch(r"[A-Z][a-z]+s", words[0]):
        return words
    rest = words[3:] if words[2] in {"the", "The"} else words[2:]
    if classify(" ".join(rest)) not in {"organisation", "armed-group", "state", "media"}:
        return words
    from wordfreq import zipf_frequency  # loaded on first use: a rare shape

    return rest if zipf_frequency(words[0].lower(), "en", wordlist="small") >= ORDINARY_WORD_ZIPF \
        else words


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
