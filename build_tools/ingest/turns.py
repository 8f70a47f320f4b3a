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

from build_tools.ingest.labels import Label, OutletLabel, labels_of
from build_tools.ingest.recognise import Mention, Recogniser, normalise
from build_tools.ingest.seed import Paragraph

DASHES = ("–", "—", "-", "―")
SPEECH_VERBS = (r"said|says|believes|believed|recalled|recalls|noted|notes|added|adds|stressed|"
                r"stresses|explained|explains|stated|states|emphasized|emphasised|concluded|told|"
                r"argued|argues|warned|warns|insisted|insists|pointed out|continued|continues|"
                r"thinks|considers|asserted|remarked|commented|replied|answered")
_SPEECH = re.compile(rf"^\s*(?:{SPEECH_VERBS})\b")
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
    tn_ref: str | None = None  # a known translation error (corpus/translation-notes/)
    mistranslation: bool = False


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


@dataclass
class _Asker:
    """The outlet (or person) a question opens with: a known actor, or only a name."""

    actor_id: str | None
    name: str | None = None


def _asker(rest: str, recogniser: Recogniser) -> _Asker | None:
    """The outlet (or person) a question opens with ("RIA Novosti. ..."), if any."""
    match = re.match(r"\s*([A-ZА-ЯЁ][^.?!,:;]{1,40})\.\s", rest + " ")
    if not match:
        return None
    name = match.group(1).strip()
    if len(name.split()) > 4 or not all(w[:1].isupper() for w in name.split()):
        return None
    mentions = recogniser.find(name)
    if mentions and mentions[0].start == 0 and mentions[0].end == len(name):
        return _Asker(mentions[0].actor_ids[0])
    return _Asker(None, name)


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


def find_turns(paragraphs: list[Paragraph], recogniser: Recogniser,
               outlet_labels: list[OutletLabel]) -> list[TurnGuess]:
    """The turns among ``paragraphs``, in order, by the rules of the module docstring."""
    labels = labels_of(paragraphs, outlet_labels, recogniser)
    # Where questions carry labels, a dash paragraph ending in "?" is a rhetorical question.
    labelled_questions = any(lab and lab.kind in ("outlet", "question") for lab in labels)
    finder = _TurnFinder(recogniser, labels, labelled_questions)
    guesses = [finder.turn(index, para.text) for index, para in enumerate(paragraphs)]
    return [guess for guess in guesses if guess is not None]


@dataclass
class _Reading:
    """What the rules ask of an unlabelled paragraph, worked out once."""

    index: int
    text: str
    dash: bool  # opened by a dash: a turn in an interview's layout
    attributed: str | None  # the person of a closing attribution ("..., Mostov believes.")
    after_question: bool  # right after the interviewer's turn: the answer
    continuing: bool  # in an interview, a quote or "I"/"we" right after an answer: more of it
    own_voice: bool  # attributed to nobody else: a transcript's speaker may go on

    @property
    def span(self) -> str:
        return self.text[0] if self.dash else ""  # an unlabelled turn's span: its dash


@dataclass
class _TurnFinder:
    """One pass over a text's paragraphs: who is talking so far, and one method per rule."""

    recogniser: Recogniser
    labels: list[Label | None]  # the label each paragraph opens with
    labelled_questions: bool
    interview: bool = False  # unlabelled turns answer the last question
    interviewee: str | None = None
    asker: str | None = None  # who asked the interview's questions, when known
    last_person: str | None = None  # the last person labelled or introduced by narration
    current: str | None = None  # speaker of the last "Name:" turn, in transcripts
    previous: TurnGuess | None = None  # the turn of the paragraph before, if it was one
    asked_until: int = 0  # paragraphs before this one still belong to the last question

    def turn(self, index: int, text: str) -> TurnGuess | None:
        """The turn paragraph ``index`` is, if any (rule 1, else rules 2-4)."""
        label = self.labels[index]
        if label and label.kind == "outlet":
            guess: TurnGuess | None = self._outlet_label_turn(index, label)
        elif label and label.kind == "question":
            guess = self._question_label_turn(index, text, label)
        elif label and label.kind == "name":
            guess = self._name_label_turn(index, label)
        else:
            guess = self._unlabelled_turn(index, text)
        self.previous = guess
        return guess

    def _outlet_label_turn(self, index: int, label: Label) -> TurnGuess:
        """'RIA Novosti: ...' (or its mistranslation): the outlet asks, if the registry knows it."""
        actor = label.source_id if label.source_id in self.recogniser.kinds else None
        guess = TurnGuess(index, actor, label.text, "interviewer", "outlet-label",
                          source_id=label.source_id, tn_original=label.original,
                          tn_note=label.note, tn_ref=label.translation_note,
                          mistranslation=label.mistranslation)
        self._open_question(index, guess)
        return guess

    def _question_label_turn(self, index: int, text: str, label: Label) -> TurnGuess:
        """'Question: ...' asks; 'Question: RIA Novosti. ...' names the journalist's outlet."""
        guess = TurnGuess(index, None, label.text, "interviewer", "question-label")
        asker = _asker(text[len(label.text):], self.recogniser)
        if asker is not None:
            guess.actor_id, guess.unresolved = asker.actor_id, asker.name
            guess.method = "question-outlet"
        self._open_question(index, guess)
        return guess

    def _open_question(self, index: int, question: TurnGuess) -> None:
        """A labelled question starts (or goes on with) an interview of the person introduced."""
        self.current = None
        self.interviewee = self.interviewee or self.last_person
        self.asker = question.actor_id
        self.interview = True
        following = next((j for j in range(index + 1, len(self.labels)) if self.labels[j]), index)
        answer = self.labels[following] if following > index else None
        if answer is not None and answer.kind == "name":
            self.asked_until = following  # the answer has its own label (rule 3)

    def _name_label_turn(self, index: int, label: Label) -> TurnGuess:
        """'Vladimir Putin: ...': that person's turn, which a transcript may go on with."""
        unresolved = None if label.actor_id else _PARENTHESES.sub("", label.text).rstrip(":» ")
        if label.actor_id:
            self.last_person = label.actor_id
        self.current = label.actor_id
        self.interview = False
        return TurnGuess(index, label.actor_id, label.text, None, "name-label", unresolved=unresolved)

    def _unlabelled_turn(self, index: int, text: str) -> TurnGuess | None:
        if self.current and narration(text, self.current, self.recogniser):
            self.current = None  # the transcript gives way to narration (rule 4)
        para = self._read(index, text)
        for rule in (self._question_goes_on, self._speaker_goes_on, self._reported_quote_turn,
                     self._dash_question_turn):
            guess = rule(para)
            if guess is not None:
                return guess
        if para.dash or para.after_question or para.continuing:
            return self._answer_turn(para)
        self._narration(para)
        return None

    def _read(self, index: int, text: str) -> _Reading:
        previous, attributed = self.previous, closing_attribution(text, self.recogniser)
        return _Reading(
            index, text, dash=text.startswith(DASHES), attributed=attributed,
            after_question=previous is not None and previous.role == "interviewer"
            and previous.paragraph == index - 1,
            continuing=self.interview and previous is not None and previous.paragraph == index - 1
            and previous.role != "interviewer"
            and (text.startswith(("“", "\"", "«", "„")) or bool(_FIRST_PERSON.search(text))),
            own_voice=attributed in (None, self.current) or _first_person_narrator(text))

    def _question_goes_on(self, para: _Reading) -> TurnGuess | None:
        """Rule 3: paragraphs between a question label and the answer's label are the question."""
        return (TurnGuess(para.index, self.asker, "", "interviewer", "question-continued")
                if para.index < self.asked_until else None)

    def _speaker_goes_on(self, para: _Reading) -> TurnGuess | None:
        """Rule 4: paragraphs after "Name: ..." go on in that person's voice."""
        return (TurnGuess(para.index, self.current, para.span, None, "continuation")
                if self.current and not para.after_question and para.own_voice else None)

    def _reported_quote_turn(self, para: _Reading) -> TurnGuess | None:
        """Not in an interview: "It is important now ..., Vladimir Putin said after the talks."""
        if para.attributed and not self.interview and _reported_quote(para.text, self.recogniser):
            return TurnGuess(para.index, para.attributed, para.span, None, "closing-attribution")
        return None

    def _dash_question_turn(self, para: _Reading) -> TurnGuess | None:
        """Rule 3: "– Konstantin, how do you assess the situation?" asks; the next paragraph answers."""
        if not (para.dash and _question(para.text) and not (para.attributed or self.labelled_questions)
                and (self.interview or self.last_person)):
            return None
        self.interviewee = self.interviewee or self.last_person
        self.interview = True
        return TurnGuess(para.index, None, para.text[0], "interviewer", "dash-question")

    def _answer_turn(self, para: _Reading) -> TurnGuess | None:
        """Rules 2 and 3: a dash paragraph, an answer or more of one; None when nobody is known."""
        speaker = para.attributed or (self.interviewee if self.interview else None) or self.last_person
        guess = None
        if speaker:
            method = ("closing-attribution" if para.attributed else
                      "interview-answer" if self.interview else "dash-after-introduction")
            guess = TurnGuess(para.index, speaker, para.span, "interviewee" if self.interview else None,
                              method)
        if para.attributed:
            self.interview = False  # "..., Alexander Mostov believes." closes the answer
        return guess

    def _narration(self, para: _Reading) -> None:
        """Narration ends any interview and may introduce the next speaker."""
        self.interview, self.interviewee, self.asker = False, None, None
        self.last_person = introduced_person(para.text, self.recogniser) or self.last_person
