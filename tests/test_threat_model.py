"""docs/threat-model.md names a test for every guarantee: each one it names exists."""

from __future__ import annotations

import ast
import re

from support import REPO

PAGE = REPO / "docs" / "threat-model.md"


def test_every_test_the_threat_model_names_exists() -> None:
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", PAGE.read_text(encoding="utf-8"))
    assert len(named) >= 30
    missing = []
    for path, name in named:
        tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
        defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
        if name not in defined:
            missing.append(f"{path}::{name}")
    assert missing == []


def test_the_page_is_in_the_navigation() -> None:
    assert "Threat model: threat-model.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
