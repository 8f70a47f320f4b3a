"""Which schema a corpus file has, decided by its path: one table for ``fmt``, ``schema`` and ``new``.

Input: a repository-relative POSIX path. Output: its ``FileKind`` (the model of its front
matter, or of the whole file for stand-off annotations, and the globs an editor matches), or
None for a file that is not a corpus file (seeds, hidden files, a README). The rules are the
ones ``load`` follows when it reads the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

from build_tools.annotation_model import AnnotationFile, CodebookMeta, TechniqueMeta, TranslationNoteMeta
from build_tools.load_annotations import SIDECAR_SUFFIX
from build_tools.model import ActorMeta, ArticleMeta, SourceMeta, ThemeMeta


@dataclass(frozen=True)
class FileKind:
    name: str  # "article": also names its schema file, article.schema.json
    model: type[BaseModel]
    title: str  # what the schema describes, for people
    globs: tuple[str, ...]  # the files it applies to, as editors match them
    pattern: str  # the same, as a regular expression on the repository-relative path
    front_matter: bool = True  # False: the whole file is YAML (stand-off annotations)

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


_NAME = r"[^/.][^/]*"  # a file or folder name that is not hidden
KINDS = (
    FileKind("article", ArticleMeta, "Article front matter", ("corpus/articles/**/*.md",),
             rf"corpus/articles/(?:{_NAME}/)*{_NAME}\.md"),
    FileKind("actor", ActorMeta, "Actor front matter", ("corpus/actors/*.md",),
             rf"corpus/actors/{_NAME}\.md"),
    FileKind("theme", ThemeMeta, "Theme front matter", ("corpus/themes/*.md",),
             rf"corpus/themes/{_NAME}\.md"),
    FileKind("source", SourceMeta, "Source front matter", ("corpus/sources/*.md",),
             rf"corpus/sources/{_NAME}\.md"),
    FileKind("codebook", CodebookMeta, "Codebook front matter", ("corpus/codebooks/*.md",),
             rf"corpus/codebooks/{_NAME}\.md"),
    FileKind("technique", TechniqueMeta, "Technique front matter", ("corpus/codebooks/*/*.md",),
             rf"corpus/codebooks/{_NAME}/{_NAME}\.md"),
    FileKind("translation-note", TranslationNoteMeta, "Translation note front matter",
             ("corpus/translation-notes/*.md",), rf"corpus/translation-notes/{_NAME}\.md"),
    FileKind("annotations", AnnotationFile, "Stand-off annotations of an article",
             (f"corpus/articles/**/*{SIDECAR_SUFFIX}",),
             rf"corpus/articles/(?:{_NAME}/)*{_NAME}{re.escape(SIDECAR_SUFFIX)}", front_matter=False),
)
BY_NAME = {kind.name: kind for kind in KINDS}
# load skips these in corpus/articles/: they may hold notes for people, not articles
NOT_ARTICLES = ("readme.md", "index.md")


def kind_of(rel: str) -> FileKind | None:
    """The kind of the corpus file at ``rel`` (repository-relative, POSIX), or None."""
    if rel.rsplit("/", 1)[-1].lower() in NOT_ARTICLES and rel.startswith("corpus/articles/"):
        return None
    for kind in KINDS:
        if re.fullmatch(kind.pattern, rel):
            return kind
    return None
