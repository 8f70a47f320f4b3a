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
Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]  # ISO 639, e.g. en, ru
# seeds/<file>: no parent folders, control characters or characters that need quoting.
SEED_PATTERN = r"^seeds/(?:[^/\x00-\x1f<>:\"\\|?*()\[\]]+/)*[^/\x00-\x1f<>:\"\\|?*()\[\]]+$"


# The registry folders under corpus/ (everything but articles/): copied together, read together.
REGISTRY_FOLDERS = ("actors", "themes", "sources", "codebooks", "translation-notes")


class Strict(BaseModel):
    # The docstring under each field is its description in the editor schemas (``schema``).
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              use_attribute_docstrings=True)


class ActorKind(StrEnum):
    """What kind of actor this is: person, state, organisation, media, group or armed-group."""

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
    """accepted (checked by a person) or proposed (a stub, flagged on the site)."""

    ACCEPTED = "accepted"
    PROPOSED = "proposed"


class Translation(StrEnum):
    """How a text relates to its original: none (it is the original), human, machine, unknown."""

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
    """Front matter of an actor, ``corpus/actors/<id>.md``: the file name is the id."""

    name: Text
    """Display name, such as 'North Korea'; also recognised in texts (case-sensitive, whole words)."""
    kind: ActorKind
    """person, state, organisation, media, group or armed-group."""
    aliases: list[Text] = []
    """Other names recognised in texts, such as 'DPRK' or 'Pyongyang'; each is matched everywhere."""
    country: Text | None = None
    """Country, as text."""
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    """Wikidata item id, such as Q423."""
    status: RegistryStatus = RegistryStatus.ACCEPTED
    """accepted (the default) or proposed (a stub not yet checked by a person)."""


class ThemeMeta(Strict):
    """Front matter of a theme (a narrative), ``corpus/themes/<id>.md``: the file name is the id."""

    title: Text
    """The narrative, stated as the articles state it."""
    summary: Text
    """One or two sentences, shown on the themes index and under the title."""
    cues: list[Text] = []
    """Phrases whose presence makes ingest suggest the theme (ignoring case, whole words)."""
    related: list[Id] = []
    """Ids of related themes, from corpus/themes/."""
    status: RegistryStatus = RegistryStatus.ACCEPTED
    """accepted (the default) or proposed (not yet accepted by a person)."""


class SourceLabel(Strict):
    """How an outlet marks its journalist's questions in texts ("joint venture»:")."""

    text: Text
    """The label as it appears before the colon, matched ignoring case."""
    original: Text | None = None
    """The label in the outlet's own language, such as СП."""
    note: Text | None = None
    """An explanation, shown to readers as a translation note."""
    mistranslation: bool = False
    """True when the label is a machine-translation error ("joint venture" for «СП»): finding it
    is evidence that the text was machine translated."""
    translation_note: Id | None = None
    """The known translation error (an id from corpus/translation-notes/) ingest refers to."""


class SourceKind(StrEnum):
    """What kind of outlet: newspaper, online, agency, broadcaster, magazine, government, other."""

    NEWSPAPER = "newspaper"
    ONLINE = "online"
    AGENCY = "agency"
    BROADCASTER = "broadcaster"
    MAGAZINE = "magazine"
    GOVERNMENT = "government"
    OTHER = "other"


class SourceMeta(Strict):
    """Front matter of an outlet, ``corpus/sources/<id>.md``: the file name is the id."""

    name: Text
    """Display name."""
    kind: SourceKind = SourceKind.OTHER
    """newspaper, online, agency, broadcaster, magazine, government or other (the default)."""
    url: WebUrl | None = None
    """Home page, an http:// or https:// address; shown on the source page."""
    language: Language
    """Language the outlet publishes in, a 2-3 letter ISO 639 code (en, ru)."""
    translation: Translation | None = None
    """How this outlet's texts usually reach the corpus, when ingest cannot tell from the text
    (en.kremlin.ru publishes human translations of Russian originals)."""
    original_language: Language | None = None
    """The language its texts were first written in, when it publishes translations (2-3 letters)."""
    country: Text | None = None
    """Country, as text."""
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    """Wikidata item id of the outlet (Q followed by digits)."""
    labels: list[SourceLabel] = []
    """How the outlet's interviewer label appears in texts."""
    status: RegistryStatus = RegistryStatus.ACCEPTED
    """accepted (the default) or proposed (not yet accepted by a person)."""


# --- articles -------------------------------------------------------------------------------

class Publisher(Strict):
    """The outlet that published the text: an ``id`` from corpus/sources/ or a ``name``."""

    id: Id | None = None
    """A source id from corpus/sources/."""
    name: Text | None = None
    """The outlet's name, for an outlet not in the registry."""
    url: WebUrl | None = None
    """The http(s) address of the article on the outlet's site, shown as "Original article"."""
    archive_url: WebUrl | None = None
    """A copy in a web archive, shown before the outlet's own page (which may change or vanish)."""
    original_language: Language | None = None
    """Language the text was first written in (2-3 letter ISO 639 code)."""
    translation: Translation = Translation.UNKNOWN
    """How this text relates to the original: none, human, machine or unknown (the default)."""
    inferred: Text | None = None
    """How ingest decided; delete it once a person has checked."""

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

    id: Id | None = None
    """An actor id from corpus/actors/."""
    name: Text | None = None
    """A name for a source not in the registry ("Western media", "informed sources")."""
    kind: Literal["media", "expert", "official", "document", "unnamed"] = "media"
    """media (the default), expert, official, document or unnamed."""
    line: int | None = None
    """Line of the paragraph in the seed that relies on it."""
    inferred: Text | None = None
    """How ingest found it; delete it once a person has checked."""

    @property
    def is_inferred(self) -> bool:
        return self.inferred is not None

    @model_validator(mode="after")
    def _named(self) -> CitedSource:
        if not self.id and not self.name:
            raise ValueError("a cited source needs an actor 'id' or a 'name'")
        return self


class Sources(Strict):
    """Where the text comes from and what it relies on."""

    publisher: Publisher | None = None
    """The outlet that published the text."""
    photo_credit: Text | None = None
    """The credit line of the photo, as written: where the image came from, not who wrote the text."""
    cited: list[CitedSource] = []
    """The sources the text itself relies on."""


class ActorRef(Strict):
    """An actor in the article and its roles."""

    id: Id
    """An actor id from corpus/actors/; list each actor once."""
    roles: list[Role] = []
    """One or more of subject, quoted, interviewer, cited, mentioned, publisher, author (each once)."""
    title: Text | None = None
    """The title or office this article gives the person, such as 'Press Secretary' (the
    article's, not the actor's: people change office)."""
    inferred: Text | None = None
    """How ingest guessed it; delete it once a person has checked."""
    rejected: bool = False
    """A person's "no" to what ingest suggested: kept in the file so ingest --update does not
    suggest it again, and left out of every page and index."""

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
    """A narrative the article carries."""

    id: Id
    """A theme id from corpus/themes/."""
    inferred: Text | None = None
    """How ingest guessed it ('cue: <phrase>'); shown as suggested until a person deletes it."""
    rejected: bool = False
    """A person's "no" to the suggestion: left out of every page, and not suggested again."""

    @property
    def is_inferred(self) -> bool:
        return self.inferred is not None and not self.rejected


class IngestRecord(Strict):
    """What ingest wrote, so ``ingest --update`` can tell a person's edit from its own output."""

    title: Text | None = None
    """The title as ingest found it in the seed."""
    date: str | None = None
    """The date as ingest found it in the seed."""
    place: Text | None = None
    """The place line as ingest found it in the seed."""
    photo_credit: Text | None = None
    """The photo credit as ingest found it in the seed."""
    paragraphs: Annotated[str, Field(pattern=r"^(?:[0-9a-f]{8}(?: [0-9a-f]{8})*)?$")] = ""
    """Fingerprints of the paragraphs as ingest wrote them, space separated."""

    @property
    def paragraph_keys(self) -> list[str]:
        return self.paragraphs.split()


class FieldOrigin(StrEnum):
    """Where a saved web page states a fact ingest took from it."""

    JSON_LD = "json-ld"
    OPENGRAPH = "opengraph"
    META = "meta"
    CANONICAL_LINK = "canonical-link"
    TITLE_ELEMENT = "title-element"
    HEADING = "h1"
    HTML_LANG = "html-lang"
    URL = "url"
    PAGE_TEXT = "page-text"
    DETECTED = "detected"
    GIVEN = "given"
    DEFAULT = "default"


class ExtractedFrom(Strict):
    """Where each field came from: json-ld, opengraph, meta, canonical-link, title-element, h1,
    html-lang, url (a date in the address), page-text (the extractor read it from the text),
    detected (language identification), given (ingest --date) or default."""

    title: FieldOrigin | None = None
    """Where the title came from."""
    date: FieldOrigin | None = None
    """Where the publication date came from ('given' for ingest --date)."""
    authors: FieldOrigin | None = None
    """Where the authors' names came from."""
    site_name: FieldOrigin | None = None
    """Where the outlet's name came from."""
    url: FieldOrigin | None = None
    """Where the canonical address came from."""
    language: FieldOrigin | None = None
    """Where the language came from: detected in the text, or declared by the page."""


class Extraction(Strict):
    """Written by ingest for a seed that is a saved web page: what the page says about itself,
    as the extraction tool read it, and where each value came from. Leave it as it is."""

    tool: Text
    """The extraction library and its version, e.g. 'trafilatura 2.3.1'."""
    url: WebUrl | None = None
    """The page's canonical address, as the page gives it."""
    site_name: Text | None = None
    """The outlet's name as the page gives it."""
    authors: list[Text] = []
    """The authors as the page names them."""
    declared_language: Language | None = None
    """The language the page's markup declares (html lang, og:locale), when it declares one."""
    origins: ExtractedFrom = ExtractedFrom()
    """Where each value came from."""


class ArticleMeta(Strict):
    """Front matter of an article, ``corpus/articles/YYYY/YYYY-MM-DD-<slug>.md``."""

    title: Text
    """The article's title, as published."""
    date: str
    """Publication date, quoted: '2022-09-06'. A real date, the date of the file name."""
    seed: Text | None = None
    """Path of the seed, relative to the repository root: seeds/<file>."""
    seed_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    """Fingerprint of the seed when it was ingested, to notice a changed seed; leave it as it is."""
    original_seed: Text | None = None
    """The original-language text this article translates, shown beside it paragraph by paragraph."""
    status: ArticleStatus = ArticleStatus.INFERRED
    """inferred (the default: nobody has checked), in-review or reviewed."""
    language: Language = "en"
    """Language of the text in this file, a 2-3 letter ISO 639 code (en, ru). Default en."""
    place: Text | None = None
    """Where the event took place, from the place line of the seed."""
    dateline: Text | None = None
    """The wire dateline at the start of the text ("MOSCOW, December 29 – RIA Novosti.")."""
    sources: Sources = Sources()
    """Where the text comes from (publisher, photo credit) and the sources it relies on."""
    actors: list[ActorRef] = []
    """Who is in the article and in which roles."""
    themes: list[ThemeRef] = []
    """The narratives the article carries."""
    extracted: Extraction | None = None
    """Written by ingest for a saved web page: the page's own metadata and where each value
    came from. Leave it as it is."""
    ingest: IngestRecord | None = None
    """Written by ingest: what it found, so ingest --update can tell a person's edits from its
    own output. Leave it as it is."""

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

    @field_validator("seed", "original_seed")
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
    # The starter set it comes from ("world"), for an entry of build_tools/starter/ that the
    # corpus turned on (``registry add-starter``); None for a file in corpus/actors/.
    starter: str | None = None

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
    original: OriginalText | None = None  # the original-language seed, when ``original_seed`` names one

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


@dataclass(frozen=True)
class OriginalText:
    """The original-language seed of a translated article, read into paragraphs that pair
    with the article's paragraphs by position."""

    seed: str  # repository-relative path
    language: str
    title: str | None
    paragraphs: tuple[str, ...]


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
    # The starter registry's entries seen beneath corpus/actors/, and those a corpus entry hid.
    starter: Any = None  # build_tools.starter.merge.StarterStatus, when corpus/config.yml turns it on
