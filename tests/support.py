"""Test helpers shared by the test modules: project copies, real MkDocs builds, a local server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class BuiltSite:
    root: Path  # the project copy that was built
    site: Path  # its site/ folder
    warnings: list[str] = field(default_factory=list)

    def page(self, url_path: str) -> str:
        path = self.site / url_path.strip("/")
        if not url_path.endswith(".html"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def no_stored_cache() -> Iterator[None]:
    """A load that neither reads nor writes the cache commands keep between them (loadstore):
    the fresh side of a comparison."""
    before = os.environ.get("CORPUS_CACHE")
    os.environ["CORPUS_CACHE"] = "off"
    try:
        yield
    finally:
        if before is None:
            del os.environ["CORPUS_CACHE"]
        else:
            os.environ["CORPUS_CACHE"] = before


def copy_project(dest: Path, corpus: Path | None = None, seeds: Path | None = None) -> Path:
    """A copy of the project's site inputs; ``corpus``/``seeds`` replace the real ones."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs")
    shutil.copytree(corpus or REPO / "corpus", dest / "corpus")
    shutil.copytree(seeds or REPO / "seeds", dest / "seeds")
    return dest


def empty_corpus(dest: Path) -> Path:
    """An empty corpus with the project's real registries (actors, themes, sources, codebooks,
    translation notes) and an empty seeds/ folder: what ingest tests start from."""
    from build_tools.model import REGISTRY_FOLDERS

    for name in REGISTRY_FOLDERS:
        shutil.copytree(REPO / "corpus" / name, dest / "corpus" / name)
    (dest / "seeds").mkdir(parents=True, exist_ok=True)
    return dest


def use_search(root: Path, backend: str) -> None:
    """Set the corpus plugin's ``search`` option in ``root/mkdocs.yml`` (one line, as a user would)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - corpus\n" in text, "mkdocs.yml no longer lists the corpus plugin as '  - corpus'"
    config.write_text(text.replace("\n  - corpus\n", f"\n  - corpus:\n      search: {backend}\n"),
                      encoding="utf-8")


def build_project(root: Path, strict: bool = False) -> BuiltSite:
    """Run a real ``mkdocs build`` on ``root`` in-process; collect every warning logged."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=strict)
        build(config)
    finally:
        logger.removeHandler(capture)
    return BuiltSite(root, root / "site", capture.messages)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve_folder(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def open_page(browser, **context_options: object) -> Iterator[object]:
    """A fresh context and page at 1280x900 (plus ``context_options``); closed afterwards."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()
