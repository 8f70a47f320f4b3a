"""Find interview and press-conference turns in a seed's paragraphs, and who speaks each.

Input: paragraphs, the recogniser, and the outlets' interviewer labels. Output: one
``TurnGuess`` per paragraph that is a turn: the speaker's actor id (or the unresolved label),
how long the label is, the role, and how the guess was made. Rules, in order:

1. ``Label: text`` where the label is an outlet's interviewer label (also a known
   machine-translation error such as "joint venture" for «СП»), ``Question``, or a name
   (capitalised words, optionally after a title: "President of Russia Vladimir Putin").
   An ordinary sentence that ends with a colon ("Please note: ...") is not a label.
2. A paragraph opened by a dash is a turn of the person named in its closing attribution
   ("..., Alexander Mostov believes."), else of the interviewee, else of the person the
   previous narration introduced.
3. In a transcript, paragraphs between a question label and the next "Name:" label are more
   of the question ("Question: Deutsche Presse-Agentur." / "Madame Chancellor, ...").
   Otherwise, inside an interview, the paragraph right after a question is the answer; the answer
   goes on while paragraphs speak in the first person, and ends at an attribution. A dash
   paragraph that ends with a question mark is the interviewer's next question.
4. In a transcript, paragraphs after "Name: ..." go on in that person's voice until narration
   takes over: another person "said", a narrative opener ("Following the talks, ..."), an
   editorial note ("Note: ..."), or the speaker named in the third person without "I"/"we".
   A one-word label ("Abe:") is the speaker already seen with that surname.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.ingest.recognise import Mention, Recogniser, normalise
from build_tools.ingest.seed import Paragraph

DASHES = ("–", "—", "-", "―")
QUESTION_LABELS = {"question", "q", "вопрос", "journalist", "correspondent", "reporter"}
SPEECH_VERBS = (r"said|says|believes|believed|recalled|recalls|noted|notes|added|adds|stressed|"
                r"stresses|explained|explains|stated|states|emphasized|emphasised|concluded|told|"
                r"argued|argues|warned|warns|insisted|insists|pointed out|continued|continues|"
                r"thinks|considers|asserted|remarked|commented|replied|answered")
_SPEECH = re.compile(rf"^\s*(?:{SPEECH_VERBS})\b")
_LABEL = re.compile(r"^(?P<label>[^:.!?\n]{1,90}?)(?P<close>\s*[»\"”])?\s*:\s+(?P<rest>\S.*)$", re.S)
_NAME_WORD = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’.\-]*|of|the|and|de|da|van|von|der|al|bin|ibn|и)$")
_QUOTE_OR_COMMA_BEFORE = re.compile(r"[,”\"»]\s*(?:[–—-]\s*)?$")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|me|my|mine|myself|we|We|our|Our|us)\b")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_QUOTED = re.compile(r"“[^“”]*”|«[^«»]*»|„[^„“”]*[“”]|\"[^\"]*\"")
_NARRATIVE_OPENER = re.compile(
    r"^(?:Following|After(?:wards)?|Meanwhile|During|Earlier|Later|Subsequently|Previously|Upon|"
    r"In the course of|On the sidelines of|At the (?:end|close|conclusion) of)\b")
_EDITORIAL_NOTE = re.compile(r"^(?:Note|Editor['’]?s['’]? note|Ed\. note|Update|Updated|Correction|"
                             r"Clarification)\s*:", re.I)
_TITLED_SPEECH = re.compile(
    rf"^(?:He|She|The(?:\s+[A-Z][\w-]*){{0,3}}\s+(?:president|prime minister|minister|spokesman|"
    rf"spokeswoman|spokesperson|chancellor|leader|premier|official|head|ambassador|diplomat|"
    rf"secretary|governor|mayor|chairman|envoy|expert|analyst|general|commander))"
    rf"\s+(?:also\s+|then\s+|later\s+)?(?:{SPEECH_VERBS})\b")


@dataclass
class Label:
    text: str  # the label as written, including closing quote and colon
    kind: str  # outlet | question | name
    source_id: str | None = None  # outlet labels
    original: str | None = None
    note: str | None = None
    mistranslation: bool = False
    actor_id: str | None = None  # resolved name labels


@dataclass
class TurnGuess:
    paragraph: int
    actor_id: str | None
    label: str  # text the speaker span covers ("" for unlabelled turns)
    role: str | None
    method: str
    unresolved: str | None = None  # a name label that matched no actor
    source_id: str | None = None
    tn_original: str | None = None
    tn_note: str | None = None
    mistranslation: bool = False


@dataclass
class OutletLabel:
    source_id: str
    text: str
    original: str | None
    note: str | None
    mistranslation: bool = False


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
                         mistranslation=outlet.mistranslation)
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


def _persons(mentions: list[Mention], recogniser: Recogniser) -> list[Mention]:
    return [m for m in mentions if recogniser.kind(m.actor_ids[0]) == "person"]


def closing_attribution(text: str, recogniser: Recogniser) -> str | None:
    """The person in '..., Konstantin Asmolov recalled.' at the end of a paragraph."""
    tail_start = max(0, len(text) - 160)
    for mention in reversed(_persons(recogniser.find(text), recogniser)):
        if mention.start < tail_start:
            break
        if _SPEECH.match(text[mention.end:]) or re.match(r"^\s*[.,]?\s*$", text[mention.end:]):
            before = text[max(0, mention.start - 4):mention.start]
            if re.search(r"[,”\"»’]\s*(?:[–—-]\s*)?$", before) or _SPEECH.match(text[mention.end:]):
                return mention.actor_ids[0]
    return None


_REPORTING = re.compile(r"^\s*(?:said|says|noted|notes|stressed|stresses|added|adds|stated|states|"
                        r"emphasi[sz]ed|recalled|explained|underlined|pointed out|told|believes|"
                        r"declared|concluded)\b")
_OPENERS = re.compile(r"^(?:Following|After|Before|During|While|When|As|At|In|On|Speaking|Commenting)\b")


def _reported_quote(text: str, recogniser: Recogniser) -> bool:
    """'It is important now to ..., Vladimir Putin said after the talks.': a quote without
    quotation marks. Not 'Following the talks, Putin answered questions.'"""
    persons = _persons(recogniser.find(text), recogniser)
    if not persons or _OPENERS.match(text):
        return False
    last = persons[-1]
    before, after = text[: last.start], text[last.end:]
    return bool(_QUOTE_OR_COMMA_BEFORE.search(before) and _REPORTING.match(after)
                and len(before.split()) >= 8 and len(after.split()) <= 8)


def _asker(rest: str, recogniser: Recogniser) -> tuple[str | None, str | None] | None:
    """The outlet (or person) a question opens with: (known actor id, None) or (None, name)."""
    match = re.match(r"\s*([A-ZА-ЯЁ][^.?!,:;]{1,40})\.\s", rest + " ")
    if not match:
        return None
    name = match.group(1).strip()
    if len(name.split()) > 4 or not all(w[:1].isupper() for w in name.split()):
        return None
    mentions = recogniser.find(name)
    if mentions and mentions[0].start == 0 and mentions[0].end == len(name):
        return mentions[0].actor_ids[0], None
    return None, name


def introduced_person(text: str, recogniser: Recogniser) -> str | None:
    """Who narration introduces as about to speak: the last person followed by a speech verb,
    else the last person named."""
    persons = _persons(recogniser.find(text), recogniser)
    for mention in reversed(persons):
        if _SPEECH.match(text[mention.end:].lstrip(" ’'s")):
            return mention.actor_ids[0]
    return persons[-1].actor_ids[0] if persons else None


def narration(text: str, current: str, recogniser: Recogniser) -> bool:
    """Whether a paragraph after ``current``'s transcript turn is narration, not more of it."""
    if _EDITORIAL_NOTE.match(text):
        return True  # "Note: the interview has been shortened."
    if _first_person_narrator(text):
        return False  # "After the talks, we signed ..." is still the speaker
    plain = _QUOTED.sub(" ", normalise(text))  # what the narrator says, not whom it quotes
    if _NARRATIVE_OPENER.match(plain) or _TITLED_SPEECH.match(plain):
        return True  # "Following the talks, ...", "The Ukrainian president added ..."
    for mention in _persons(recogniser.find(plain), recogniser):
        if current in mention.actor_ids:
            return True  # "Putin also said ...": the speaker in the third person
        after = re.sub(r"^(?:'s)?\s+(?:also|then|later|again)\b", "", plain[mention.end:])
        if _SPEECH.match(after):
            return True  # "Meanwhile, Volodymyr Zelensky said ..."
    return False


def _first_person_narrator(text: str) -> bool:
    """'As Chancellor Merkel said, we need ...': "I"/"we" outside quotation marks."""
    return bool(_FIRST_PERSON.search(_QUOTED.sub(" ", normalise(text))))


def _question(text: str) -> bool:
    return text.rstrip(" \"”»’)").endswith("?")


def _surname(label: str) -> str:
    words = _PARENTHESES.sub("", label).replace("»", "").strip(" :").split()
    return words[-1].strip(".,").lower() if words else ""


def _labels(paragraphs: list[Paragraph], outlet_labels: list[OutletLabel],
            recogniser: Recogniser) -> list[Label | None]:
    seen: dict[str, str | None] = {}  # speakers' surnames so far -> actor id
    labels: list[Label | None] = []
    for para in paragraphs:
        label = read_label(para.text, outlet_labels, recogniser, seen)
        if label and label.kind == "name":
            seen.setdefault(_surname(label.text), label.actor_id)
        labels.append(label)
    return labels


def find_turns(paragraphs: list[Paragraph], recogniser: Recogniser,
               outlet_labels: list[OutletLabel]) -> list[TurnGuess]:
    turns: list[TurnGuess] = []
    interview = False
    interviewee: str | None = None
    asker: str | None = None  # who asked the interview's questions, when known
    last_person: str | None = None
    previous: TurnGuess | None = None
    current: str | None = None  # speaker of the last "Name:" turn, in transcripts
    labels = _labels(paragraphs, outlet_labels, recogniser)
    # Where questions carry labels, a dash paragraph ending in "?" is a rhetorical question.
    labelled_questions = any(lab and lab.kind in ("outlet", "question") for lab in labels)
    asked_until = 0  # paragraphs before this one still belong to the last question
    for index, para in enumerate(paragraphs):
        text = para.text
        guess: TurnGuess | None = None
        label = labels[index]
        if label and label.kind in ("outlet", "question"):
            current = None
            actor = label.source_id if label.source_id in recogniser.kinds else None
            outlet = _asker(text[len(label.text):], recogniser) if label.kind == "question" else None
            guess = TurnGuess(index, actor, label.text, "interviewer",
                              "outlet-label" if label.kind == "outlet" else "question-label",
                              source_id=label.source_id, tn_original=label.original,
                              tn_note=label.note, mistranslation=label.mistranslation)
            if outlet is not None:
                # "Question: RIA Novosti. ..." — the journalist's outlet opens the question.
                guess.actor_id, guess.unresolved = outlet
                guess.method = "question-outlet"
            interviewee = interviewee or last_person
            asker = guess.actor_id
            interview = True
            following = next((j for j in range(index + 1, len(labels)) if labels[j]), index)
            answer = labels[following] if following > index else None
            if answer is not None and answer.kind == "name":
                asked_until = following  # the answer has its own label
        elif label and label.kind == "name":
            unresolved = None if label.actor_id else _PARENTHESES.sub("", label.text).rstrip(":» ")
            guess = TurnGuess(index, label.actor_id, label.text, None, "name-label",
                              unresolved=unresolved)
            if label.actor_id:
                last_person = label.actor_id
            current = label.actor_id
            interview = False
        else:
            dash = text.startswith(DASHES)
            if current and narration(text, current, recogniser):
                current = None  # the transcript gives way to narration
            attributed = closing_attribution(text, recogniser)
            after_question = previous is not None and previous.role == "interviewer" \
                and previous.paragraph == index - 1
            continuing = (interview and previous is not None and previous.paragraph == index - 1
                          and previous.role != "interviewer"
                          and (text.startswith(("“", "\"", "«", "„")) or bool(_FIRST_PERSON.search(text))))
            own_voice = attributed in (None, current) or _first_person_narrator(text)
            if index < asked_until:
                guess = TurnGuess(index, asker, "", "interviewer", "question-continued")
            elif current and not after_question and own_voice:
                # A transcript: paragraphs after "Name: ..." go on in that person's voice.
                guess = TurnGuess(index, current, text[0] if dash else "", None, "continuation")
            elif attributed and not interview and _reported_quote(text, recogniser):
                # "It is important now ..., Vladimir Putin said after the talks."
                guess = TurnGuess(index, attributed, text[0] if dash else "", None,
                                  "closing-attribution")
            elif dash and _question(text) and not (attributed or labelled_questions) \
                    and (interview or last_person):
                # "– Konstantin, how do you assess the situation?" asks; the next paragraph answers.
                interviewee = interviewee or last_person
                guess = TurnGuess(index, None, text[0], "interviewer", "dash-question")
                interview = True
            elif dash or after_question or continuing:
                speaker = attributed or (interviewee if interview else None) or last_person
                if speaker:
                    method = ("closing-attribution" if attributed else
                              "interview-answer" if interview else "dash-after-introduction")
                    span = text[0] if dash else ""
                    guess = TurnGuess(index, speaker, span, "interviewee" if interview else None,
                                      method)
                if attributed:
                    interview = False
            else:
                interview = False
                interviewee = None
                asker = None
                last_person = introduced_person(text, recogniser) or last_person
        if guess:
            turns.append(guess)
        previous = guess
    return turns
