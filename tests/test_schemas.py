"""Editor schemas: made from the models, they accept every file check accepts and reject what
check rejects in front matter, with the registries' ids as enums, and they are published.

The ``jsonschema`` package is not installed, so the schemas are run through the small
validator in ``schema_validator.py`` (tested first, so a lenient validator cannot hide a
lenient schema). Check's verdicts come from ``load_corpus`` on a project copy. Some of what
check reports is out of any schema's reach, because it needs the file's name or other files:
those codes are listed in ``SCHEMA_BLIND``, with the reason.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from schema_validator import Validator
from support import FIXTURES, REPO
from test_validation import BROKEN, GOOD

from build_tools.diagnostics import DiagnosticError, Report
from build_tools.files.frontmatter import split_front_matter
from build_tools.files.kinds import BY_NAME, KINDS, kind_of
from build_tools.files.yamlsafe import load_yaml
from build_tools.load import load_corpus, load_registries
from build_tools.model import check_iso_date
from build_tools.schemas import DATE_PATTERN, corpus_schemas
from build_tools.site import build_site

CORPORA = [REPO, FIXTURES / "site", FIXTURES / "render"]
SCHEMA_BLIND = {
    "date-mismatch": "the date in the file name", "wrong-folder": "the folder",
    "bad-article-name": "the file name", "reserved-slug": "the file name", "bad-id": "the file name",
    "duplicate-slug": "other articles", "duplicate-actor": "uniqueness by id inside a list",
    "duplicate-label": "other techniques", "unsafe-seed": "the file system",
    "missing-seed": "the file system", "offset-mismatch": "the seed's text",
    "orphaned-annotation": "the article's text", "unknown-claim": "the claims of the same file",
}
# pydantic validator rules no JSON Schema can state: arithmetic on the offsets
BLIND_MESSAGES = ("end must be greater than start", "start and end span")


def schemas_of(root: Path) -> dict[str, Validator]:
    corpus = load_registries(root, Report())
    return {name: Validator(json.loads(text)) for name, text in corpus_schemas(corpus).items()}


def file_data(path: Path, front_matter: bool = True) -> Any:
    text = path.read_text(encoding="utf-8")
    return split_front_matter(text).meta.data if front_matter else load_yaml(text).data


def corpus_files(root: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted((root / "corpus").rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix(), path


# --- the validator itself --------------------------------------------------------------------

def test_the_validator_rejects_what_each_keyword_forbids() -> None:
    schema = {"$defs": {"Id": {"type": "string", "pattern": "^[a-z]+$"}}, "type": "object",
              "additionalProperties": False, "required": ["id"],
              "properties": {"id": {"$ref": "#/$defs/Id"}, "n": {"type": "integer", "minimum": 0},
                             "tags": {"type": "array", "items": {"enum": ["a", "b"]}, "uniqueItems": True,
                                      "minItems": 1},
                             "kind": {"anyOf": [{"const": "x"}, {"type": "null"}]},
                             "text": {"type": "string", "minLength": 1, "maxLength": 3,
                                      "not": {"pattern": "q"}}},
              "if": {"properties": {"kind": {"const": "x"}}, "required": ["kind"]},
              "then": {"required": ["n"]}}
    check = Validator(schema)
    assert check.errors({"id": "ab", "n": 1, "tags": ["a"], "kind": None, "text": "ab"}) == []
    bad = [{}, {"id": "AB"}, {"id": "ab\n"}, {"id": "a", "n": -1}, {"id": "a", "n": True},
           {"id": "a", "n": 1.5}, {"id": "a", "tags": []}, {"id": "a", "tags": ["a", "a"]},
           {"id": "a", "tags": ["c"]}, {"id": "a", "kind": "y"}, {"id": "a", "kind": "x"},
           {"id": "a", "text": ""}, {"id": "a", "text": "abcd"}, {"id": "a", "text": "q"},
           {"id": "a", "extra": 1}, []]
    assert [value for value in bad if not check.errors(value)] == []
    assert check.errors({"id": "a", "n": 2.0}) == []  # 2.0 is an integer in JSON Schema
    with pytest.raises(ValueError, match="does not know"):
        Validator({"format": "date"}).errors("x")


# --- what the schemas say --------------------------------------------------------------------

def test_every_field_and_every_enum_has_a_description() -> None:
    for name, text in corpus_schemas(load_corpus(REPO).corpus).items():
        schema = json.loads(text)
        models = {"(root)": schema, **schema.get("$defs", {})}
        missing = [f"{model}.{field}" for model, node in models.items()
                   for field, prop in node.get("properties", {}).items() if not prop.get("description")]
        missing += [model for model, node in models.items() if not node.get("description")]
        assert missing == [], name
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_registry_ids_are_enums_taken_when_the_schema_is_made(tmp_path: Path) -> None:
    corpus = load_corpus(REPO).corpus
    article = json.loads(corpus_schemas(corpus)["article.schema.json"])
    actor_ids = article["$defs"]["ActorRef"]["properties"]["id"]["enum"]
    assert actor_ids == sorted(corpus.actors)
    names = article["$defs"]["ActorRef"]["properties"]["id"]["enumDescriptions"]
    assert names[actor_ids.index("north-korea")] == "North Korea"
    assert article["$defs"]["ThemeRef"]["properties"]["id"]["enum"] == sorted(corpus.themes)
    assert "tass" in article["$defs"]["Publisher"]["properties"]["id"]["anyOf"][0]["enum"]
    annotations = json.loads(corpus_schemas(corpus)["annotations.schema.json"])
    techniques = annotations["$defs"]["StandoffSpan"]["properties"]["technique"]["anyOf"][0]["enum"]
    assert {"semeval2020/loaded-language", "loaded-language", "Loaded_Language"} <= set(techniques)
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    (tmp_path / "corpus" / "actors" / "kim-yo-jong.md").write_text(
        "---\nname: Kim Yo Jong\nkind: person\n---\nText.\n", encoding="utf-8")
    later = json.loads(corpus_schemas(load_corpus(tmp_path).corpus)["article.schema.json"])
    assert "kim-yo-jong" in later["$defs"]["ActorRef"]["properties"]["id"]["enum"]


def test_the_date_pattern_accepts_exactly_the_real_dates() -> None:
    import re

    pattern = re.compile(DATE_PATTERN.replace("$", r"\Z"))
    years = [*range(0, 12), *range(1896, 1905), *range(1996, 2105), 2399, 2400, 2401, 9999]
    for year in years:
        for month in range(0, 14):
            for day in range(0, 33):
                value = f"{year:04d}-{month:02d}-{day:02d}"
                try:
                    real = check_iso_date(value) == value
                except ValueError:
                    real = False
                assert bool(pattern.search(value)) == real, value
    assert dt.date(2024, 2, 29) and pattern.search("2024-02-29") and not pattern.search("2100-02-29")


# --- agreement with check -------------------------------------------------------------------

@pytest.mark.parametrize("root", CORPORA, ids=lambda p: p.relative_to(REPO).as_posix() or "corpus")
def test_every_corpus_file_is_valid_against_its_schema(root: Path) -> None:
    assert load_corpus(root).report.errors == []
    schemas = schemas_of(root)
    seen = set()
    for rel, path in corpus_files(root):
        kind = kind_of(rel)
        assert kind is not None, rel
        seen.add(kind.name)
        assert schemas[kind.schema_file].errors(file_data(path, kind.front_matter)) == [], rel
    assert root != REPO or seen == {k.name for k in KINDS}  # the real corpus has every kind


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "site" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", tmp_path / "seeds")
    return tmp_path


def verdicts(root: Path, rels: list[str]) -> dict[str, tuple[list[str], list[str] | None]]:
    """For each file: check's errors a schema could see (front matter, not SCHEMA_BLIND), and
    the schema's errors (None: the front matter cannot be read at all, as for check)."""
    report = load_corpus(root).report
    schemas = schemas_of(root)
    out = {}
    for rel in rels:
        kind = kind_of(rel)
        assert kind is not None
        path = root / rel
        try:
            data = file_data(path, kind.front_matter)
            body_line = split_front_matter(path.read_text()).body_line if kind.front_matter else 10**9
        except (DiagnosticError, UnicodeDecodeError):
            data, body_line = None, 10**9  # every error counts: nothing could be read
        seen = [f"{d.line}: {d.message} [{d.code}]" for d in report.errors if d.path == rel
                and (d.line < body_line or d.line == 1) and d.code not in SCHEMA_BLIND
                and not any(m in d.message for m in BLIND_MESSAGES)]
        out[rel] = (seen, None if data is None else schemas[kind.schema_file].errors(data))
    return out


OTHER_BROKEN = [  # the registry, URL and seed cases of test_validation, and hostile YAML
    ("corpus/actors/bad.md", "---\nname: Bad\nkind: wizard\n---\n"),
    ("corpus/sources/bad.md", "---\nname: Bad\nlanguage: en\nurl: 'javascript:alert(1)'\n---\nText.\n"),
    ("corpus/sources/bad.md", "---\nname: Bad\nlanguage: en\nurl: 'https://x.example/a b'\n---\nT.\n"),
    *[("corpus/articles/2022/2022-09-06-x.md", GOOD.replace("date:", f"seed: '{seed}'\ndate:"))
      for seed in ["../etc/passwd", "/etc/passwd", "corpus/x.md", "seeds/a)b.txt", "seeds/../x"]],
    ("corpus/articles/2022/2022-09-06-x.md", "---\ntitle: a\ntitle: b\ndate: '2022-09-06'\n---\nT.\n"),
    ("corpus/articles/2022/2022-09-06-x.md", GOOD.replace("[subject]", "[subject, subject]")),
    ("corpus/articles/2022/2022-09-06-x.md", GOOD.replace("[subject]", "[]")),
    ("corpus/articles/2022/2022-09-06-x.md",
     GOOD.replace("---\n\nText", "sources:\n  publisher: {}\n---\n\nText")),
    ("corpus/articles/2022/2022-09-06-x.md", GOOD.replace("A good article", "'   '")),
    ("corpus/articles/2022/2022-09-07-x.md", GOOD),  # date-mismatch: blind, the schema accepts
]
CASES = [("corpus/articles/2022/2022-09-06-broken.md", text) for _, text, _, _ in BROKEN] + OTHER_BROKEN


def test_the_schemas_reject_what_check_rejects_in_the_broken_fixtures(project: Path) -> None:
    outcomes = []
    for rel, text in CASES:
        case = project.parent / f"case{len(outcomes)}"
        shutil.copytree(project, case)
        (case / rel).parent.mkdir(parents=True, exist_ok=True)
        (case / rel).write_text(text, encoding="utf-8")
        report = load_corpus(case).report
        assert any(d.path == rel for d in report.errors), text  # check rejects every case
        seen, schema = verdicts(case, [rel])[rel]
        if schema is None:
            outcomes.append("unreadable")  # broken YAML or no front matter: check says so too
            assert seen, text
        else:
            assert bool(schema) == bool(seen), (text, seen, schema)
            outcomes.append("rejected" if schema else "blind")
    # not vacuous: most cases are the schema's to reject, some are beyond it
    assert outcomes.count("rejected") >= 15 and outcomes.count("unreadable") == 4
    assert outcomes.count("blind") == 2  # an annotation in the body, and the file name's date


ODD_VALUES: list[Any] = [None, 12, 2.5, True, "", "  ", "Some text", "zz-unknown-id", "2022-02-30",
                         "2022-02-28", [], ["zz-unknown-id"], {}, {"zz": 1}]


def _paths(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in ``value`` (lists: their first two items)."""
    items = value.items() if isinstance(value, dict) else enumerate(value[:2]) \
        if isinstance(value, list) else []
    for key, child in items:
        yield at + (key,)
        yield from _paths(child, at + (key,))


def mutants(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for path in [(), *_paths(data)]:
        node = data
        for key in path:
            node = node[key]
        if isinstance(node, dict):
            grown = copy.deepcopy(data)
            target = grown
            for key in path:
                target = target[key]
            target["zz_extra"] = "x"
            yield f"{path} + zz_extra", grown
        if not path:
            continue
        for value in [*ODD_VALUES, "delete"]:
            changed = copy.deepcopy(data)
            parent = changed
            for key in path[:-1]:
                parent = parent[key]
            if value == "delete":
                del parent[path[-1]]
            else:
                parent[path[-1]] = copy.deepcopy(value)
            yield f"{path} = {value!r}", changed


SAMPLES = ["corpus/articles/2022/2022-09-06-army-of-pyongyang-kyiv-is-not-going-to-take.md",
           "corpus/articles/2022/2022-09-06-army-of-pyongyang-kyiv-is-not-going-to-take.annotations.yml",
           "corpus/actors/north-korea.md", "corpus/themes/kyiv-spreads-fakes.md",
           "corpus/sources/svobodnaya-pressa.md", "corpus/sources/kremlin.md",
           "corpus/codebooks/semeval2020.md", "corpus/codebooks/semeval2020/whataboutism.md",
           "corpus/translation-notes/joint-venture-sp.md"]


def _dump(data: Any) -> str:
    """YAML for a mutant: libyaml's emitter, for speed (check reads any YAML alike)."""
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                     allow_unicode=True)


def _write_mutant(root: Path, rel: str, number: int, data: Any) -> str:
    """A copy of the file ``rel`` with ``data``, under a name of its own (for a stand-off file:
    beside a copy of its article)."""
    path = root / rel
    if rel.endswith(".annotations.yml"):
        article = path.with_name(path.name.replace(".annotations.yml", ".md"))
        twin = article.with_name(f"{article.stem}-m{number}.md")
        twin.write_bytes(article.read_bytes())
        target = twin.with_name(twin.stem + ".annotations.yml")
        target.write_text(_dump(data), encoding="utf-8")
    else:
        body = split_front_matter(path.read_text(encoding="utf-8")).body
        target = path.with_name(f"{path.stem}-m{number}.md")
        target.write_text(f"---\n{_dump(data)}---\n{body}", encoding="utf-8")
    return target.relative_to(root).as_posix()


@pytest.mark.slow
def test_the_schemas_agree_with_check_on_mutations_of_real_files(tmp_path: Path) -> None:
    """Each sample file with one value deleted, replaced by an odd value or joined by an unknown
    key: the schema rejects the mutant exactly when check reports a front-matter error."""
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    made: dict[str, str] = {}
    for rel in SAMPLES:
        kind = BY_NAME["annotations"] if rel.endswith(".yml") else kind_of(rel)
        assert kind is not None
        data = file_data(tmp_path / rel, kind.front_matter)
        if not kind.front_matter:  # a few claims and spans of each type stand for the rest
            spans = {span["type"]: span for span in reversed(data["spans"])}
            data = {"claims": data["claims"][:2], "spans": list(spans.values())}
        for what, mutant in mutants(data):
            made[_write_mutant(tmp_path, rel, len(made), mutant)] = f"{rel}: {what}"
    assert len(made) > 1000
    disagree = []
    rejected = 0
    for rel, (seen, schema) in verdicts(tmp_path, sorted(made)).items():
        assert schema is not None
        # pydantic's lax mode reads true as the integer 1; the schema asks for a number
        lax_int = "True" in made[rel] and ("'line'" in made[rel] or "'start'" in made[rel]
                                          or "'end'" in made[rel]) and schema and not seen
        if bool(schema) != bool(seen) and not lax_int:
            disagree.append((made[rel], seen, schema[:2]))
        rejected += bool(schema)
    assert disagree == []
    assert rejected > len(made) / 3


# --- where they go --------------------------------------------------------------------------

def test_the_site_publishes_the_schemas_under_schemas() -> None:
    build = build_site(FIXTURES / "site", site_url="https://example.org/corpus/")
    names = {path for path in build.data if path.startswith("schemas/")}
    assert names == {f"schemas/{kind.schema_file}" for kind in KINDS}
    actor = json.loads(build.data["schemas/actor.schema.json"])
    assert actor["$id"] == "https://example.org/corpus/schemas/actor.schema.json"
    article = json.loads(build.data["schemas/article.schema.json"])
    assert article["$defs"]["ActorRef"]["properties"]["id"]["enum"] == sorted(build.indexes.corpus.actors)


def test_schema_command_writes_every_schema_and_never_into_the_corpus(project: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "build_tools", "schema", ".schemas"],
                         capture_output=True, text=True, cwd=project)
    assert run.returncode == 0, run.stderr
    written = sorted(p.name for p in (project / ".schemas").glob("*.json"))
    assert written == sorted(kind.schema_file for kind in KINDS)
    assert f"wrote .schemas/{KINDS[0].schema_file}" in run.stdout
    assert "schema: 8 schemas written to .schemas; 0 errors" in run.stderr
    again = subprocess.run([sys.executable, "-m", "build_tools", "schema", ".schemas"],
                           capture_output=True, text=True, cwd=project)
    assert again.returncode == 0, again.stderr  # a folder it wrote may be written again
    inside = subprocess.run([sys.executable, "-m", "build_tools", "schema", "corpus/x"],
                            capture_output=True, text=True, cwd=project)
    assert inside.returncode == 1 and "[bad-export-folder]" in inside.stderr
    assert not (project / "corpus" / "x").exists()


@pytest.mark.slow
def test_the_mkdocs_build_publishes_the_schemas(real_site: Any) -> None:
    for kind in KINDS:
        schema = json.loads((real_site.site / "schemas" / kind.schema_file).read_text(encoding="utf-8"))
        assert schema["title"] == kind.title
    article = json.loads((real_site.site / "schemas" / "article.schema.json").read_text(encoding="utf-8"))
    assert "north-korea" in article["$defs"]["ActorRef"]["properties"]["id"]["enum"]
