"""Compiled templates kept between builds (``adapters.templatecache``): a second environment
with the same cache compiles nothing and renders the same; an edited template, or a damaged
entry, is compiled again; and a real build gives the same site with or without it."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader, Environment
from support import FIXTURES, REPO, copy_project

from build_tools.adapters.templatecache import TemplateCache


def _env(cache: TemplateCache, templates: dict[str, str]) -> Environment:
    env = Environment(loader=DictLoader(templates))
    env.bytecode_cache = cache
    return env


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the templates Jinja compiles from source."""
    names: list[str] = []
    real = Environment.compile

    def counting(self: Environment, source: Any, name: str | None = None, *args: Any, **kw: Any) -> Any:
        names.append(name or "")
        return real(self, source, name, *args, **kw)

    monkeypatch.setattr(Environment, "compile", counting)
    return names


def test_a_template_is_compiled_once_per_source(tmp_path: Path, compiled: list[str]) -> None:
    templates = {"page.html": "{% for x in items %}<li>{{ x }}</li>{% endfor %}"}
    cache = TemplateCache(tmp_path / "c")
    first = _env(cache, templates).get_template("page.html").render(items=[1, "<b>"])
    assert compiled == ["page.html"]
    again = _env(cache, templates).get_template("page.html").render(items=[1, "<b>"])
    fresh = _env(TemplateCache(tmp_path / "c"), templates)  # a new process: from the disk
    from_disk = fresh.get_template("page.html").render(items=[1, "<b>"])
    assert compiled == ["page.html"] and first == again == from_disk == "<li>1</li><li><b></li>"

    templates["page.html"] = "{{ items | length }}"  # edited: its digest no longer matches
    assert _env(cache, templates).get_template("page.html").render(items=[1, 2]) == "2"
    assert compiled == ["page.html", "page.html"]


def test_a_damaged_entry_is_compiled_again(tmp_path: Path, compiled: list[str]) -> None:
    templates = {"t.html": "x{{ 1 + 1 }}"}
    _env(TemplateCache(tmp_path / "c"), templates).get_template("t.html")
    (entry,) = (tmp_path / "c").glob("*.cache")
    entry.write_bytes(entry.read_bytes()[:20])
    assert _env(TemplateCache(tmp_path / "c"), templates).get_template("t.html").render() == "x2"
    assert len(compiled) == 2


def test_off_keeps_nothing_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_CACHE", "off")
    assert TemplateCache.in_user_cache().folder is None


def _build(root: Path, cache_home: Path) -> None:
    """``mkdocs build`` in a new process, as ``make site`` runs it (in this process MkDocs
    keeps the plugin, and with it the templates compiled by earlier tests)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1",
           "XDG_CACHE_HOME": str(cache_home)}
    env.pop("CORPUS_CACHE", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env,
                   capture_output=True, check=True, timeout=600)


def test_a_build_from_compiled_templates_is_the_same_site(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    _build(root, tmp_path / "cache")
    kept = sorted((tmp_path / "cache" / "news-corpus" / "templates").glob("*.cache"))
    assert len(kept) > 5
    (root / "site").rename(tmp_path / "first")
    _build(root, tmp_path / "cache")  # from the compiled templates
    assert sorted((tmp_path / "cache" / "news-corpus" / "templates").glob("*.cache")) == kept
    compared = filecmp.dircmp(tmp_path / "first", root / "site")
    differ: list[str] = []

    def walk(d: filecmp.dircmp[str], prefix: str) -> None:
        differ.extend(prefix + n for n in d.diff_files + d.left_only + d.right_only)
        for name, sub in d.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(compared, "")
    assert differ == []
