"""The schema of what annotations refer to and of stand-off annotations.

Registries, like actors: technique codebooks (``corpus/codebooks/<codebook>.md`` and one file
per technique in ``corpus/codebooks/<codebook>/``) and known machine-translation errors
(``corpus/translation-notes/<id>.md``). Beside an article, ``<article>.annotations.yml``
holds the details of its claims (assessment, rationale, evidence, who assessed it and when)
and its stand-off spans: annotations that overlap, cross paragraphs or come from other tools,
anchored by a text quote (exact, prefix, suffix) and by character offsets into the seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from build_tools.model import Entry, Id, Language, Strict, Text, WebUrl, check_iso_date

LongText = Annotated[str, Field(min_length=1, max_length=20000)]
# Quotes of the seed are kept exactly, unlike other strings: white space at their ends is
# part of what the offsets count (PTC spans often end with a space or a line break).
Quoted = Annotated[str, StringConstraints(strip_whitespace=False), Field(min_length=1, max_length=20000)]
Context = Annotated[str, StringConstraints(strip_whitespace=False), Field(max_length=2000)]
TechniqueRef = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")]


class Assessment(StrEnum):
    """How a claim holds up, from the fact-checking vocabulary (worst first)."""

    FALSE = "false"
    MISLEADING = "misleading"
    UNSUPPORTED = "unsupported"
    DISPUTED = "disputed"
    MOSTLY_TRUE = "mostly-true"
    TRUE = "true"


ASSESSMENT_LABELS = {
    Assessment.FALSE: "False", Assessment.MISLEADING: "Misleading",
    Assessment.UNSUPPORTED: "Unsupported", Assessment.DISPUTED: "Disputed",
    Assessment.MOSTLY_TRUE: "Mostly true", Assessment.TRUE: "True",
}
# schema.org ClaimReview ratings: 1 (false) to 5 (true)
ASSESSMENT_RATING = {
    Assessment.FALSE: 1, Assessment.MISLEADING: 2, Assessment.UNSUPPORTED: 2,
    Assessment.DISPUTED: 3, Assessment.MOSTLY_TRUE: 4, Assessment.TRUE: 5,
}


# --- registries ----------------------------------------------------------------------------

class CodebookMeta(Strict):
    name: Text
    short_name: Text
    url: WebUrl | None = None
    citation: Text | None = None


class TechniqueMeta(Strict):
    name: Text
    # the label strings other tools' files use for this technique (PTC: "Loaded_Language")
    labels: list[Text] = []
    example: Text | None = None
    category: Id | None = None
    # a label that merges several techniques of this codebook (PTC's technique-classification
    # task): the member techniques' ids
    group: list[Id] = []
    # the closest techniques of other codebooks, "codebook/technique"
    maps_to: list[TechniqueRef] = []


class TranslationNoteMeta(Strict):
    """A known machine-translation error: the words as they appear, and what was meant."""

    text: Text  # as it appears in the translated text ("joint venture»")
    original: Text | None = None  # what the original says («СП»)
    language: Language | None = None  # of the original


# --- stand-off annotations -----------------------------------------------------------------

class Evidence(Strict):
    url: WebUrl
    title: Text | None = None


class ClaimDetail(Strict):
    """An assessed claim; its span is inline (``.claim id=...``) or stand-off (``claim: ...``)."""

    id: Id
    assessment: Assessment | None = None
    claimant: Id | None = None  # the actor who makes the claim
    about: list[Id] = []  # the actors the claim concerns
    rationale: LongText | None = None
    evidence: list[Evidence] = []
    assessed_by: Text | None = None
    assessed_on: str | None = None

    @field_validator("assessed_on", mode="before")
    @classmethod
    def _date(cls, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError("assessed_on must be a quoted string YYYY-MM-DD")
        return check_iso_date(value.strip())


class StandoffSpan(Strict):
    id: Id | None = None
    type: Literal["quote", "claim", "technique", "tn"]
    exact: Quoted  # the annotated text, exactly as in the seed
    prefix: Context = ""  # the text just before it, in the seed
    suffix: Context = ""  # the text just after it
    start: Annotated[int, Field(ge=0)]  # character offsets into the seed
    end: Annotated[int, Field(ge=0)]
    actor: Id | None = None  # quote: who speaks
    about: list[Id] = []
    claim: Id | None = None  # claim: the ClaimDetail id
    technique: Text | None = None  # "codebook/id", an id of the default codebook, or a label
    label: Text | None = None  # the label as written in the file it was imported from
    note: LongText | None = None
    ref: Id | None = None  # tn: a known translation error
    original: Text | None = None
    origin: Text | None = None  # where it came from ("ptc article111.labels:3")

    @model_validator(mode="after")
    def _consistent(self) -> StandoffSpan:
        if self.end <= self.start:
            raise ValueError("end must be greater than start")
        if self.end - self.start != len(self.exact):
            raise ValueError(f"start and end span {self.end - self.start} characters but exact has "
                             f"{len(self.exact)}")
        needs = {"quote": self.actor, "claim": self.claim, "technique": self.technique,
                 "tn": self.note or self.ref}
        if not needs[self.type]:
            what = {"quote": "actor", "claim": "claim", "technique": "technique",
                    "tn": "note or ref"}[self.type]
            raise ValueError(f"a {self.type} span needs '{what}'")
        return self


class AnnotationFile(Strict):
    claims: list[ClaimDetail] = []
    spans: list[StandoffSpan] = []


# --- loaded objects ------------------------------------------------------------------------

@dataclass
class Codebook(Entry):
    meta: CodebookMeta = field(default=None)  # type: ignore[assignment]
    techniques: dict[str, Technique] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.meta.name


@dataclass
class Technique(Entry):
    codebook: str = ""
    meta: TechniqueMeta = field(default=None)  # type: ignore[assignment]

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def ref(self) -> str:
        return f"{self.codebook}/{self.id}"


@dataclass
class TranslationNote(Entry):
    meta: TranslationNoteMeta = field(default=None)  # type: ignore[assignment]

    @property
    def name(self) -> str:
        return self.meta.text
