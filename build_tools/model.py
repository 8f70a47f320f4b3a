"""The data model: what a corpus file may contain (schema) and what loading produces.

Schemas are pydantic models that forbid unknown keys, so a typo in front matter is an error,
not a silently ignored field. Dates stay strings in YAML and are checked here. Loaded
objects (``Article``, ``Actor``...) are plain dataclasses holding the validated front
matter, the body and where they came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from build_tools.limits import Limits
from build_tools.markup import WEB_URL_PATTERN

if TYPE_CHECKING:
    from build_tools.annotation_model import AnnotationFile, Codebook, TranslationNote

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=120)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
WebUrl = Annotated[str, Field(pattern=WEB_URL_PATTERN, max_length=2000)]
Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code, e.g. en, ru")]
# seeds/<file>: no parent folders, control characters or characters that need quoting.
SEED_PATTERN = r"^seeds/(?:[^/\x00-\x1f<>:\"\\|?*()\[\]]+/)*[^/\x00-\x1f<>:\"\\|?*()\[\]]+$"


# The registry folders under corpus/ (everything but articles/): copied together, read together.
REGISTRY_FOLDERS = ("actors", "themes", "sources", "codebooks", "translation-notes")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ActorKind(StrEnum):
    PERSON = "person"
    STATE = "state"
    ORGANISATION = "organisation"
    MEDIA = "media"
    GROUP = "group"
    ARMED_GROUP = "armed-group"


KIND_LABELS = {
    ActorKind.PERSON: "People", ActorKind.STATE: "States and governments",
    ActorKind.ORGANISATION: "Organisations", ActorKind.MEDIA: "Media",
    ActorKind.GROUP: "Groups", ActorKind.ARMED_GROUP: "Armed groups",
}


class Role(StrEnum):
    """What an actor does in one article."""

    SUBJECT = "subject"
    QUOTED = "quoted"
    INTERVIEWER = "interviewer"
    CITED = "cited"
    MENTIONED = "mentioned"
    PUBLISHER = "publisher"
    AUTHOR = "author"


# The order roles are listed in: on article pages, and in the roles ingest writes.
ROLE_ORDER = [Role.PUBLISHER, Role.INTERVIEWER, Role.QUOTED, Role.SUBJECT, Role.CITED,
              Role.AUTHOR, Role.MENTIONED]

ROLE_LABELS = {
    Role.SUBJECT: "Subject", Role.QUOTED: "Quoted", Role.INTERVIEWER: "Interviewer",
    Role.CITED: "Cited as a source", Role.MENTIONED: "Mentioned", Role.PUBLISHER: "Publisher",
    Role.AUTHOR: "Author",
}


class SpeakerRole(StrEnum):
    """The part a speaker plays in a turn (``role=`` of a ``.speaker`` span)."""

    INTERVIEWER = "interviewer"
    INTERVIEWEE = "interviewee"
    SPEAKER = "speaker"
    MODERATOR = "moderator"
    QUOTED = "quoted"


class RegistryStatus(StrEnum):
    ACCEPTED = "accepted"
    PROPOSED = "proposed"


class Translation(StrEnum):
    NONE = "none"
    HUMAN = "human"
    MACHINE = "machine"
    UNKNOWN = "unknown"


class ArticleStatus(StrEnum):
    """Annotation status: how far a person has checked what ingest inferred."""

    INFERRED = "inferred"
    IN_REVIEW = "in-review"
    REVIEWED = "reviewed"


ARTICLE_NAME_RE = re.compile(r"^(?P<date>(?P<year>\d{4})-\d{2}-\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass(frozen=True)
class ArticleName:
    """The parts of an article's file name ``YYYY-MM-DD-<slug>.md``."""

    date: str
    year: str
    slug: str

    @classmethod
    def parse(cls, stem: str) -> ArticleName | None:
        match = ARTICLE_NAME_RE.match(stem)
        return cls(match["date"], match["year"], match["slug"]) if match else None

    @property
    def file_name(self) -> str:
        return f"{self.date}-{self.slug}.md"


def check_iso_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("date must be written YYYY-MM-DD, e.g. '2022-09-06'")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a real calendar date") from None
    return value


# --- registries ---------------------------------------------------------------------------

class ActorMeta(Strict):
    name: Text
    kind: ActorKind
    aliases: list[Text] = []
    country: Text | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    status: RegistryStatus = RegistryStatus.ACCEPTED


class ThemeMeta(Strict):
    title: Text
    summary: Text
    cues: list[Text] = []
    related: list[Id] = []
    status: RegistryStatus = RegistryStatus.ACCEPTED


class SourceLabel(Strict):
    text: Text
    original: Text | None = None
    note: Text | None = None
    # True when the label is a machine-translation error ("joint venture" for «СП»): finding
    # it is evidence that the text was machine translated.
    mistranslation: bool = False
    # the known translation error (corpus/translation-notes/<id>.md) ingest refers to
    translation_note: Id | None = None


class SourceKind(StrEnum):
    NEWSPAPER = "newspaper"
    ONLINE = "online"
    AGENCY = "agency"
    BROADCASTER = "broadcaster"
    MAGAZINE = "magazine"
    GOVERNMENT = "government"
    OTHER = "other"


class SourceMeta(Strict):
    name: Text
    kind: SourceKind = SourceKind.OTHER
    url: WebUrl | None = None
    language: Language
    # How this outlet's texts usually reach the corpus, when ingest cannot tell from the text:
    # e.g. en.kremlin.ru publishes human translations of Russian originals.
    translation: Translation | None = None
    original_language: Language | None = None
    country: Text | None = None
    labels: list[SourceLabel] = []
    status: RegistryStatus = RegistryStatus.ACCEPTED


# --- articles -------------------------------------------------------------------------------

class Publisher(Strict):
    id: Id | None = None
    name: Text | None = None
    url: WebUrl | None = None
    original_language: Language | None = None
    translation: Translation = Translation.UNKNOWN
    inferred: Text | None = None

    @property
    def is_inferred(self) -> bool:
        return self.inferred is not None

    @model_validator(mode="after")
    def _named(self) -> Publisher:
        if not self.id and not self.name:
            raise ValueError("a publisher needs an 'id' (from corpus/sources/) or a 'name'")
        return self


class CitedSource(Strict):
    """A source the article text itself relies on: an outlet, an expert, 'Russian sources'."""

    id: Id | None = None  # an actor id
    name: Text | None = None
    kind: Literal["media", "expert", "official", "document", "unnamed"] = "media"
    line: int | None = None
    inferred: Text | None = None

    @property
    def is_inferred(self) -> bool:
        return self.inferred is not None

    @model_validator(mode="after")
    def _named(self) -> CitedSource:
        if not self.id and not self.name:
            raise ValueError("a cited source needs an actor 'id' or a 'name'")
        return self


class Sources(Strict):
    publisher: Publisher | None = None
    photo_credit: Text | None = None
    cited: list[CitedSource] = []


class ActorRef(Strict):
    id: Id
    roles: list[Role] = []
    inferred: Text | None = None
    # A person's "no" to what ingest suggested: kept in the file so --update does not suggest
    # it again, and left out of every page and index.
    rejected: bool = False

    @property
    def is_inferred(self) -> bool:
        """Ingest's own suggestion, which ``--update`` may replace (a rejection is a person's)."""
        return self.inferred is not None and not self.rejected

    @field_validator("roles")
    @classmethod
    def _unique(cls, roles: list[Role]) -> list[Role]:
        if len(set(roles)) != len(roles):
            raise ValueError("a role is listed twice")
        return roles

    @model_validator(mode="after")
    def _has_role(self) -> ActorRef:
        if not self.roles and not self.rejected:
            raise ValueError("an actor needs at least one role (or 'rejected: true')")
        return self


class ThemeRef(Strict):
    id: Id
    inferred: Text | None = None
    rejected: bool = False

    @property
    def is_inferred(self) -> bool:
        return self.inferred is not None and not self.rejected


class IngestRecord(Strict):
    """What ingest wrote, so ``ingest --update`` can tell a person's edit from its own output."""

    title: Text | None = None
    date: str | None = None
    place: Text | None = None
    photo_credit: Text | None = None
    # fingerprints of the paragraphs as ingest wrote them, space separated
    paragraphs: Annotated[str, Field(pattern=r"^(?:[0-9a-f]{8}(?: [0-9a-f]{8})*)?$")] = ""

    @property
    def paragraph_keys(self) -> list[str]:
        return self.paragraphs.split()


class ArticleMeta(Strict):
    title: Text
    date: str
    seed: Text | None = None
    seed_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    status: ArticleStatus = ArticleStatus.INFERRED
    language: Language = "en"
    place: Text | None = None
    dateline: Text | None = None
    sources: Sources = Sources()
    actors: list[ActorRef] = []
    themes: list[ThemeRef] = []
    ingest: IngestRecord | None = None

    @property
    def named_actors(self) -> list[ActorRef]:
        """The actor references a person has not rejected."""
        return [ref for ref in self.actors if not ref.rejected]

    @property
    def carried_themes(self) -> list[ThemeRef]:
        """The theme references a person has not rejected."""
        return [ref for ref in self.themes if not ref.rejected]

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> str:
        if not isinstance(value, str):
            raise ValueError("date must be a quoted string YYYY-MM-DD")
        return check_iso_date(value.strip())

    @field_validator("seed")
    @classmethod
    def _seed(cls, value: str | None) -> str | None:
        if value is not None and (not re.fullmatch(SEED_PATTERN, value)
                                  or any(part in ("", ".", "..") for part in value.split("/"))):
            raise ValueError("seed must be a file under seeds/, like seeds/x.txt")
        return value


# --- loaded objects --------------------------------------------------------------------------

@dataclass
class Entry:
    """Common to every registry entry and article: where it lives and what it says."""

    id: str
    path: str  # repository-relative, POSIX
    body: str
    body_line: int


@dataclass
class Actor(Entry):
    meta: ActorMeta = field(default=None)  # type: ignore[assignment]

    @property
    def name(self) -> str:
        return self.meta.name


@dataclass
class Theme(Entry):
    meta: ThemeMeta = field(default=None)  # type: ignore[assignment]

    @property
    def name(self) -> str:
        return self.meta.title


@dataclass
class Source(Entry):
    meta: SourceMeta = field(default=None)  # type: ignore[assignment]

    @property
    def name(self) -> str:
        return self.meta.name


@dataclass
class Article(Entry):
    meta: ArticleMeta = field(default=None)  # type: ignore[assignment]
    year: str = ""
    slug: str = ""
    annotations: list[Any] | None = None  # parsed once by load, reused by index
    standoff: AnnotationFile | None = None  # <article>.annotations.yml, when there is one
    standoff_path: str | None = None
    standoff_lines: Any = None  # its YamlDoc, for the line of each entry
    seed_text: str | None = None  # the seed as published, for offsets into it

    @property
    def name(self) -> str:
        return self.meta.title

    @property
    def date(self) -> str:
        return self.meta.date

    @property
    def url_path(self) -> str:
        """Page path (src_uri) of the article in the site: ``articles/YYYY/<slug>.md``."""
        return f"articles/{self.year}/{self.slug}.md"


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    codebooks: dict[str, Codebook] = field(default_factory=dict)
    translation_notes: dict[str, TranslationNote] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)  # corpus/config.yml
    # Registry files that exist but did not load ("actors/russia" -> corpus/actors/russia.md):
    # what names them still builds, with the entry shown as unresolved.
    broken: dict[str, str] = field(default_factory=dict)
