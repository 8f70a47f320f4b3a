"""The configurable limits, in one place: the ``limits:`` of ``corpus/config.yml``.

Input: the repository root. Output: a ``Limits`` with every limit the pipeline enforces (the
defaults when the file or a key is absent) and a located diagnostic for each mistake in the
file. Every stage that enforces a limit (ingest, load, annotations import) reads it from here,
and every "limit exceeded" error carries ``limit_hint``: the limit's value and the key that
changes it. Sizes may be written as bytes (``1000000``) or with a unit (``1 MB``, ``512 KiB``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ByteSize, ConfigDict, Field

from build_tools.diagnostics import Diagnostic, DiagnosticError, Report, error

CONFIG_FILE = "corpus/config.yml"
# The schema's bound for every text field (``model.Text``): a title cannot be longer.
MAX_TEXT = 2000

Size = Annotated[ByteSize, Field(gt=0)]


class Limits(BaseModel):
    """What one file may hold before the pipeline refuses it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # characters of an article's title (and of the title line of a seed)
    title_length: Annotated[int, Field(ge=1, le=MAX_TEXT)] = 300
    # bytes of one seed file: ingest refuses a larger seed, check a larger published seed
    seed_size: Size = ByteSize(1_000_000)
    # bytes of the YAML front matter of one corpus file
    front_matter_size: Size = ByteSize(64_000)
    # bytes of one corpus file (article, registry entry, stand-off file...)
    corpus_file_size: Size = ByteSize(2_000_000)
    # annotations (inline and stand-off) in one article
    annotations_per_article: Annotated[int, Field(ge=1)] = 2000


class CorpusConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    limits: Limits = Limits()
    # starter registries seen beneath corpus/actors/ (``registry add-starter``): "world"
    starter: list[Literal["world"]] = []


DEFAULTS = Limits()
UNITS = {"title_length": "characters", "annotations_per_article": "annotations"}


def shown(name: str, value: int) -> str:
    """A limit's value as a person reads it: '300 characters', '1.0MB (1,000,000 bytes)'."""
    if name in UNITS:
        return f"{value:,} {UNITS[name]}"
    return f"{ByteSize(value).human_readable(decimal=True)} ({value:,} bytes)"


def limit_hint(name: str, limits: Limits, fix: str) -> str:
    """'shorten it; or raise limits.title_length in corpus/config.yml (now 300 characters)'."""
    now = shown(name, getattr(limits, name))
    default = getattr(DEFAULTS, name)
    changed = "" if getattr(limits, name) == default else f", default {shown(name, default)}"
    return f"{fix}; or raise limits.{name} in {CONFIG_FILE} (now {now}{changed})"


def limit_error(name: str, limits: Limits, message: str, code: str, fix: str, *, line: int = 1,
                col: int | None = None) -> Diagnostic:
    """An exceeded limit: the message says the limit, the hint how to change it."""
    return error(f"{message}; the limit is {shown(name, getattr(limits, name))}", code, line=line,
                 col=col, hint=limit_hint(name, limits, fix))


def load_config(root: Path, report: Report) -> CorpusConfig:
    """``corpus/config.yml``, or the defaults when there is none; every mistake in it is
    reported (and the defaults used) so a typo never silently changes a limit."""
    # imported here: files.* and validate import this module's neighbours
    from build_tools.files.textfile import read_text
    from build_tools.files.yamlsafe import load_yaml
    from build_tools.validate import validate_front_matter

    path = root / CONFIG_FILE
    if not path.is_file():
        return CorpusConfig()
    try:
        doc = load_yaml(read_text(path).text)
    except DiagnosticError as exc:
        report.add(exc.diagnostic.at(CONFIG_FILE))
        return CorpusConfig()
    except OSError as exc:
        report.error(CONFIG_FILE, 1, f"cannot read the file: {exc.strerror}", "io-error")
        return CorpusConfig()
    if doc.data is None:
        return CorpusConfig()
    found: list[Diagnostic] = []
    config = validate_front_matter(doc, CorpusConfig, found)
    if config is None:
        report.place(found, CONFIG_FILE)
        report.warning(CONFIG_FILE, 1, "the default limits are used until this file is fixed",
                       "config-defaults", "the keys and their defaults are in CONTRIBUTING.md (Limits)")
        return CorpusConfig()
    return config
