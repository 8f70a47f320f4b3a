"""Synthetic corpus generator: articles, their raw seeds, and the projects built from them.

Deterministic: article ``i`` depends only on ``(seed, i)``, so the first 100 articles of a
1,000-article corpus are the 100 articles of the 100-article corpus. Front matter uses the
repository's real registries (``corpus/actors``, ``corpus/themes``, ``corpus/sources``),
and bodies carry annotation spans in the grammar of ``build_tools/annotations.py``: speaker
turns (``[–]{.speaker actor=... inferred=... line=N}``), interviewer turns with a translation
note (``[joint venture»:]{.speaker .tn actor=svobodnaya-pressa role=interviewer ...}``),
and inline ``.claim``, ``.technique`` and ``.quote`` spans.

Every article also has its seed (``seeds/NNNNN_<hex>.txt``): the same text with the spans
removed, in the layout ingest reads (date line, title, optional ``Photo: X``, paragraphs).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_tools.annotations import format_span
from build_tools.markup import slugify
from build_tools.model import REGISTRY_FOLDERS

from .textgen import TextGen

REPO = Path(__file__).resolve().parent.parent
REGISTRIES = ("actors", "themes", "sources")
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FIRST_DAY = dt.date(2014, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)
PHOTO_CREDITS = ["ZumaTASS", "Reuters", "AP Photo", "EPA", "Global Look Press", "RIA Novosti",
                 "Kremlin press service", "AFP"]
PUBLISHER_WEIGHTS = {"svobodnaya-pressa": 4, "tass": 3, "kremlin": 2, "the-diplomat": 2}
UNNAMED_SOURCES = ["Western media", "Russian sources", "Some media outlets", "Local officials",
                   "Informed sources", "Foreign experts"]
TECHNIQUES = ["name-calling-labeling", "loaded-language", "whataboutism", "exaggeration-minimisation",
              "doubt", "appeal-to-fear-prejudice"]  # ids in corpus/codebooks/semeval2020/
ASSESSMENTS = ["unsupported", "false", "misleading", "disputed"]


# --- registries ----------------------------------------------------------------------------

@dataclass
class Registry:
    actors: dict[str, dict[str, Any]]
    themes: dict[str, dict[str, Any]]
    sources: dict[str, dict[str, Any]]

    def ids_of_kind(self, *kinds: str) -> list[str]:
        return sorted(a for a, m in self.actors.items() if m.get("kind") in kinds)


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    parts = text.split("\n---", 1)
    head = parts[0].removeprefix("---\n") if text.startswith("---") else ""
    return yaml.safe_load(head) or {}


def load_registry(repo: Path = REPO) -> Registry:
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for name in REGISTRIES:
        folder = repo / "corpus" / name
        found[name] = {p.stem: _front_matter(p) for p in sorted(folder.glob("*.md"))
                       if not p.name.startswith(".")}
    return Registry(found["actors"], found["themes"], found["sources"])


# --- one article -------------------------------------------------------------------------------

@dataclass
class Para:
    """One paragraph: an optional speaker span (label + attributes) and its text."""

    text: str  # Markdown text after the label (may contain inline spans)
    plain: str  # the same text without spans, as in the seed
    label: str | None = None  # span text at the paragraph start ("–", "", "joint venture»:")
    kinds: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    space: bool = True  # a space between the label and the text


@dataclass
class GenArticle:
    index: int
    date: str
    slug: str
    title: str
    meta: dict[str, Any]
    body: str
    seed_name: str
    seed_text: str

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def file_name(self) -> str:
        return f"{self.date}-{self.slug}.md"

    @property
    def markdown(self) -> str:
        front = yaml.safe_dump(self.meta, sort_keys=False, allow_unicode=True, width=100,
                               default_flow_style=False)
        return f"---\n{front.rstrip()}\n---\n\n{self.body.strip()}\n"


def slug_of(title: str, max_length: int = 60) -> str:
    return slugify(title, max_length) or "article"


def _first_name_form(meta: dict[str, Any]) -> str:
    return str(meta["name"])


class ArticleFactory:
    """Makes article ``i`` of a corpus; keeps slugs unique per year across calls."""

    def __init__(self, registry: Registry, seed: int = 20261126) -> None:
        self.reg = registry
        self.seed = seed
        self.taken: dict[str, set[str]] = {}
        self.persons = registry.ids_of_kind("person")
        self.media = [a for a in registry.ids_of_kind("media")]
        self.others = registry.ids_of_kind("state", "organisation", "group", "armed-group")
        self.source_ids = [s for s in PUBLISHER_WEIGHTS if s in registry.sources] or \
            sorted(registry.sources)
        self.source_weights = [PUBLISHER_WEIGHTS.get(s, 1) for s in self.source_ids]
        self.theme_ids = sorted(registry.themes)
        self.day_span = (LAST_DAY - FIRST_DAY).days

    # -- helpers
    def _outlet_label(self, source_id: str) -> dict[str, Any] | None:
        labels = self.reg.sources.get(source_id, {}).get("labels") or []
        return labels[0] if labels else None

    def make(self, index: int) -> GenArticle:
        rng = random.Random(f"{self.seed}:{index}")
        reg = self.reg
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(self.day_span + 1))
        date = day.isoformat()
        publisher = rng.choices(self.source_ids, weights=self.source_weights, k=1)[0]
        label = self._outlet_label(publisher)
        interview = label is not None and publisher in reg.actors and rng.random() < 0.6

        # Actors: speakers (quoted), the publisher if it is an actor, media (cited), the rest.
        n_actors = rng.randint(3, 12)
        speakers = rng.sample(self.persons, rng.randint(1, 2))
        roles: dict[str, list[str]] = {s: ["quoted"] for s in speakers}
        if publisher in reg.actors:
            roles[publisher] = ["publisher", "interviewer"] if interview else ["publisher"]
        cited_media = [m for m in rng.sample(self.media, min(len(self.media), rng.randint(0, 2)))
                       if m not in roles]
        for m in cited_media:
            roles[m] = ["cited"]
        pool = [a for a in self.others + self.persons if a not in roles]
        rng.shuffle(pool)
        subjects = 0
        while len(roles) < n_actors and pool:
            actor = pool.pop()
            if subjects < 2 and rng.random() < 0.5:
                roles[actor] = ["subject"]
                subjects += 1
            else:
                roles[actor] = ["mentioned"]
        if speakers and rng.random() < 0.3:
            roles[speakers[0]] = ["quoted", "subject"]
        themes = rng.sample(self.theme_ids, rng.randint(1, 3))

        names = [_first_name_form(reg.actors[a]) for a in roles if a not in speakers]
        gen = TextGen(rng, names=names)
        title = gen.title()
        slug = slug_of(title)
        taken = self.taken.setdefault(date[:4], set())
        base, number = slug, 2
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        taken.add(slug)

        cues = []
        for theme_id in themes:
            theme_cues = reg.themes[theme_id].get("cues") or []
            if theme_cues:
                cues.append(rng.choice(theme_cues))

        paras = self._paragraphs(rng, gen, speakers, publisher if interview else None, label,
                                 cues, list(roles))
        photo = rng.choice(PHOTO_CREDITS) if rng.random() < 0.5 else None
        first_line = 6 if photo else 4
        for number, para in enumerate(paras):
            if para.label is not None:
                para.attrs["line"] = str(first_line + 2 * number)

        body = "\n\n".join(self._para_markdown(p) for p in paras)
        seed_lines = [f"{MONTH_ABBR[day.month - 1]} {day.day}, {day.year}", title, ""]
        if photo:
            seed_lines += [f"Photo: {photo}", ""]
        seed_lines.append("\n\n".join(self._para_plain(p) for p in paras))
        seed_text = "\n".join(seed_lines) + "\n"
        digest = hashlib.sha256(f"{self.seed}:{index}".encode()).hexdigest()[:16]
        seed_name = f"{index:05d}_{digest}.txt"
        seed_sha = hashlib.sha256(seed_text.encode("utf-8")).hexdigest()

        meta = self._meta(rng, title, date, seed_name, seed_sha, publisher, interview, photo,
                          roles, themes, cues, speakers, cited_media, first_line, paras)
        return GenArticle(index, date, slug, title, meta, body, seed_name, seed_text)

    def _paragraphs(self, rng: random.Random, gen: TextGen, speakers: list[str],
                    interviewer: str | None, label: dict[str, Any] | None, cues: list[str],
                    actor_ids: list[str]) -> list[Para]:
        reg = self.reg
        target = rng.randint(1100, 1300)
        words = 0
        paras: list[Para] = []
        cue_queue = list(cues)

        def narration(extra: list[str] | None = None, size: int | None = None) -> None:
            nonlocal words
            sentences = list(extra or [])
            if cue_queue:
                sentences.append(f"{gen.rng.choice(['Observers', 'Critics', 'Officials'])} "
                                 f"speak of the {cue_queue[0]} again.")
                cue_queue.pop(0)
            text = gen.paragraph(size or rng.randint(60, 130), sentences)
            plain = text
            # 0-2 inline spans per narration paragraph, on a phrase of the text.
            for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
                md_piece, plain_piece = self._inline_span(rng, gen, actor_ids)
                text = f"{text} {md_piece}"
                plain = f"{plain} {plain_piece}"
            paras.append(Para(text, plain))
            words += len(plain.split())

        narration()
        for number, speaker in enumerate(speakers):
            name = reg.actors[speaker]["name"]
            role_word = rng.choice(["expert", "political scientist", "analyst", "official"])
            intro = f"The {role_word} {name} believes that {gen.clause()}."
            narration([intro])
            if interviewer and number == 0 and label:
                for _q in range(rng.randint(2, 4)):
                    question = gen.question()
                    paras.append(Para(question, question, label=f"{label['text']}»:",
                                      kinds=["speaker", "tn"],
                                      attrs={"actor": interviewer, "role": "interviewer",
                                             "note": str(label.get("note") or "outlet label"),
                                             "original": str(label.get("original") or label["text"]),
                                             "inferred": "outlet-label"}))
                    answer = gen.paragraph(rng.randint(50, 110))
                    dash = rng.random() < 0.5
                    paras.append(Para(answer, answer, label="–" if dash else "", kinds=["speaker"],
                                      attrs={"actor": speaker, "role": "interviewee",
                                             "inferred": "interview-answer"}, space=dash))
                    words += len(question.split()) + len(answer.split()) + 3
            else:
                for _ in range(rng.randint(1, 2)):
                    turn = gen.paragraph(rng.randint(50, 110))
                    paras.append(Para(turn, turn, label="–", kinds=["speaker"],
                                      attrs={"actor": speaker, "inferred": "dash-after-introduction"}))
                    words += len(turn.split()) + 1
            if words >= target:
                break
        while words < target - 40:
            narration(size=min(130, max(40, target - words)))
        while cue_queue:
            narration(size=40)
        return paras

    def _inline_span(self, rng: random.Random, gen: TextGen,
                     actor_ids: list[str]) -> tuple[str, str]:
        phrase = gen.noun_phrase()
        phrase = phrase[0].upper() + phrase[1:]
        tail = f" {rng.choice(['is', 'was', 'remains'])} {gen.noun_phrase()}."
        kind = rng.random()
        if kind < 0.4:
            span = format_span(phrase, ["claim"], {"assessment": rng.choice(ASSESSMENTS)})
        elif kind < 0.8:
            span = format_span(phrase, ["technique"], {"name": rng.choice(TECHNIQUES),
                                                       "codebook": "semeval2020"})
        else:
            span = format_span(phrase, ["quote"], {"actor": rng.choice(actor_ids)})
        return span + tail, phrase + tail

    @staticmethod
    def _para_markdown(para: Para) -> str:
        if para.label is None:
            return para.text
        span = format_span(para.label, para.kinds, para.attrs)
        return span + (" " if para.space else "") + para.text

    @staticmethod
    def _para_plain(para: Para) -> str:
        if para.label is None:
            return para.plain
        if not para.label:
            return para.plain
        return para.label + " " + para.plain

    def _meta(self, rng: random.Random, title: str, date: str, seed_name: str, seed_sha: str,
              publisher: str, interview: bool, photo: str | None, roles: dict[str, list[str]],
              themes: list[str], cues: list[str], speakers: list[str], cited_media: list[str],
              first_line: int, paras: list[Para]) -> dict[str, Any]:
        reg = self.reg
        source = reg.sources[publisher]
        pub: dict[str, Any] = {"id": publisher}
        if source.get("url"):
            pub["url"] = source["url"]
        if source.get("language", "en") != "en":
            pub["original_language"] = source["language"]
            pub["translation"] = "machine" if interview else rng.choice(["machine", "unknown", "human"])
        else:
            pub["translation"] = "none"
        pub["inferred"] = "mistranslated-outlet-label" if interview else "ingest-option"
        sources: dict[str, Any] = {"publisher": pub}
        if photo:
            sources["photo_credit"] = photo
        cited: list[dict[str, Any]] = []
        for media in cited_media:
            cited.append({"id": media, "kind": "media",
                          "line": first_line + 2 * rng.randrange(len(paras)),
                          "inferred": "registry-alias"})
        for name in rng.sample(UNNAMED_SOURCES, rng.randint(0, 2)):
            cited.append({"name": name, "kind": "unnamed",
                          "line": first_line + 2 * rng.randrange(len(paras)), "inferred": "phrase"})
        for speaker in speakers:
            turn_lines = [int(p.attrs["line"]) for p in paras if p.attrs.get("actor") == speaker]
            cited.append({"id": speaker, "kind": rng.choice(["expert", "official"]),
                          "line": min(turn_lines) if turn_lines else first_line,
                          "inferred": "speaker-turn"})
        if cited:
            sources["cited"] = cited
        actors = []
        for actor_id, actor_roles in roles.items():
            entry: dict[str, Any] = {"id": actor_id, "roles": list(actor_roles)}
            if "quoted" in actor_roles or "interviewer" in actor_roles:
                entry["inferred"] = "speaker-turn"
            elif "publisher" in actor_roles:
                entry["inferred"] = "outlet-label"
            elif rng.random() < 0.8:
                entry["inferred"] = "registry-alias"
            actors.append(entry)
        theme_refs = []
        for theme_id, cue in zip(themes, cues + [None] * len(themes), strict=False):
            ref: dict[str, Any] = {"id": theme_id}
            if cue and rng.random() < 0.8:
                ref["inferred"] = f"cue: {cue}"
            theme_refs.append(ref)
        status = rng.choices(["inferred", "in-review", "reviewed"], weights=[6, 2, 2], k=1)[0]
        return {
            "title": title,
            "date": date,
            "seed": f"seeds/{seed_name}",
            "seed_sha256": seed_sha,
            "status": status,
            "language": "en",
            "sources": sources,
            "actors": actors,
            "themes": theme_refs,
        }


def generate_articles(count: int, registry: Registry | None = None,
                      seed: int = 20261126) -> list[GenArticle]:
    factory = ArticleFactory(registry or load_registry(), seed)
    return [factory.make(i) for i in range(count)]


# --- projects ----------------------------------------------------------------------------------

def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def copy_registries(root: Path, repo: Path = REPO) -> None:
    for name in REGISTRY_FOLDERS:
        if (repo / "corpus" / name).is_dir():
            shutil.copytree(repo / "corpus" / name, root / "corpus" / name)
    (root / "corpus" / "articles").mkdir(parents=True, exist_ok=True)


def write_ours(root: Path, articles: list[GenArticle], repo: Path = REPO) -> Path:
    """The repository's own site inputs (mkdocs.yml, docs/) on the generated corpus."""
    _fresh(root)
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(repo / "docs", root / "docs")
    copy_registries(root, repo)
    seeds = root / "seeds"
    seeds.mkdir()
    for article in articles:
        folder = root / "corpus" / "articles" / article.year
        folder.mkdir(parents=True, exist_ok=True)
        (folder / article.file_name).write_text(article.markdown, encoding="utf-8")
        (seeds / article.seed_name).write_text(article.seed_text, encoding="utf-8")
    return root


BASELINE_MKDOCS = """\
# Baseline: plain MkDocs + Material on the same article pages, no corpus plugin.
site_name: Annotated news corpus (baseline)
site_url: https://example.github.io/news-corpus/
docs_dir: docs

theme:
  name: material
  font: false
  language: en
  features:
    - navigation.tabs
    - navigation.top
    - search.suggest
    - search.highlight
  palette:
    primary: indigo
    accent: indigo

plugins:
  - search

markdown_extensions:
  - toc:
      permalink: true
  - tables
  - attr_list
  - footnotes
  - admonition

validation:
  omitted_files: ignore

# A small explicit nav: articles are not listed (as in the real site).
nav:
  - Home: index.md
  - About: about.md
"""

BASELINE_INDEX = """\
# Annotated news corpus (baseline)

The same article files as the real site, built by plain MkDocs + Material without the
corpus plugin: no actor, theme or source pages and no chronology.
"""

BASELINE_ABOUT = """\
# About

This project exists only to give the corpus build a yardstick.
"""


def write_baseline(root: Path, articles: list[GenArticle]) -> Path:
    """Plain mkdocs-material: the article files under docs/articles/YYYY/<slug>.md."""
    _fresh(root)
    (root / "mkdocs.yml").write_text(BASELINE_MKDOCS, encoding="utf-8")
    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(BASELINE_INDEX, encoding="utf-8")
    (docs / "about.md").write_text(BASELINE_ABOUT, encoding="utf-8")
    for article in articles:
        folder = docs / "articles" / article.year
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{article.slug}.md").write_text(article.markdown, encoding="utf-8")
    return root


def write_ingest_project(root: Path, articles: list[GenArticle], repo: Path = REPO) -> Path:
    """Registries, no articles, and the seeds of ``articles`` in seeds/ (inside the root)."""
    _fresh(root)
    copy_registries(root, repo)
    seeds = root / "seeds"
    seeds.mkdir()
    for article in articles:
        (seeds / article.seed_name).write_text(article.seed_text, encoding="utf-8")
    return root


def reset_ingest_output(root: Path) -> None:
    articles = root / "corpus" / "articles"
    if articles.exists():
        shutil.rmtree(articles)
    articles.mkdir(parents=True)
