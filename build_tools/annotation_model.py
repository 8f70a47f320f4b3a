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
    """Front matter of a codebook of propaganda techniques, ``corpus/codebooks/<id>.md``."""

    name: Text
    """The codebook's full name."""
    short_name: Text
    """A short name, shown beside technique names."""
    url: WebUrl | None = None
    """Where the codebook is published (http:// or https://)."""
    citation: Text | None = None
    """How to cite it."""


class TechniqueMeta(Strict):
    """Front matter of a technique, ``corpus/codebooks/<codebook>/<id>.md``; the body is its
    definition."""

    name: Text
    """The technique's name."""
    labels: list[Text] = []
    """The label strings other tools' files use for it, exactly (PTC: Loaded_Language)."""
    example: Text | None = None
    """A short example sentence."""
    category: Id | None = None
    """The id of the technique's category, when the codebook groups techniques."""
    group: list[Id] = []
    """For a label that merges several techniques of this codebook (PTC's technique
    classification task): the member techniques' ids."""
    maps_to: list[TechniqueRef] = []
    """The closest techniques of other codebooks, as codebook/technique."""


class TranslationNoteMeta(Strict):
    """A known machine-translation error, ``corpus/translation-notes/<id>.md``: the words as they
    appear, and what was meant (the body explains)."""

    text: Text
    """The words as they appear in the translated text ("joint venture»")."""
    original: Text | None = None
    """What the original says («СП»)."""
    language: Language | None = None
    """The language of the original, a 2-3 letter ISO 639 code."""


# --- stand-off annotations -----------------------------------------------------------------

class Evidence(Strict):
    """A source that supports the assessment."""

    url: WebUrl
    """Its http(s) address."""
    title: Text | None = None
    """What it is, in a few words."""


class ClaimDetail(Strict):
    """An assessed claim; its span is inline (``.claim id=...``) or stand-off (``claim: ...``)."""

    id: Id
    """The claim's id, named by .claim id=... in the text or claim: of a stand-off span."""
    assessment: Assessment | None = None
    """false, misleading, unsupported, disputed, mostly-true or true."""
    claimant: Id | None = None
    """The actor who makes the claim (an id from corpus/actors/)."""
    about: list[Id] = []
    """The actors the claim concerns (ids from corpus/actors/): shown on their pages."""
    rationale: LongText | None = None
    """Why the claim got its assessment."""
    evidence: list[Evidence] = []
    """Sources that support the assessment."""
    assessed_by: Text | None = None
    """Who assessed the claim."""
    assessed_on: str | None = None
    """When, quoted: '2026-12-01'."""

    @field_validator("assessed_on", mode="before")
    @classmethod
    def _date(cls, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError("assessed_on must be a quoted string YYYY-MM-DD")
        return check_iso_date(value.strip())


class StandoffSpan(Strict):
    """An annotation kept beside the article, anchored by a quote of the seed and offsets into it."""

    id: Id | None = None
    """A name for its permalink."""
    type: Literal["quote", "claim", "technique", "tn"]
    """quote, claim, technique or tn (translation note)."""
    exact: Quoted
    """The annotated words, exactly as in the seed."""
    prefix: Context = ""
    """The text just before them in the seed (up to 32 characters)."""
    suffix: Context = ""
    """The text just after them in the seed."""
    start: Annotated[int, Field(ge=0)]
    """Character offset into the seed where the words start (counted from 0)."""
    end: Annotated[int, Field(ge=0)]
    """Character offset into the seed where they end (excluded)."""
    actor: Id | None = None
    """quote: who speaks (an actor id)."""
    about: list[Id] = []
    """The actors it concerns (actor ids)."""
    claim: Id | None = None
    """claim: the id of its entry under claims:."""
    technique: Text | None = None
    """technique: codebook/id, an id of the default codebook, or one of its labels."""
    label: Text | None = None
    """The label as written in the file it was imported from."""
    note: LongText | None = None
    """A note; for a tn span, the translation note itself."""
    ref: Id | None = None
    """tn: a known translation error (an id from corpus/translation-notes/)."""
    original: Text | None = None
    """tn: what the original says."""
    origin: Text | None = None
    """Where it came from ("ptc article111.labels:3")."""

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
    """A stand-off file, ``<article>.annotations.yml`` beside its article."""

    claims: list[ClaimDetail] = []
    """The details of claims, by id."""
    spans: list[StandoffSpan] = []
    """Annotations that overlap, cross paragraphs or come from other tools."""


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
