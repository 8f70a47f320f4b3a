"""The MkDocs adapter: the only module that imports mkdocs.

It wires ``build_site`` (load -> index -> render) into MkDocs events: generated pages are
added as virtual files (nothing is written into docs/), "edit this page" points at the real
corpus file, corpus problems are logged as warnings (so ``mkdocs serve`` keeps running and
``mkdocs build --strict`` fails), and ``mkdocs serve`` watches corpus/ and seeds/. With
``search: pagefind`` it switches Material's search off, gives the pages to index their
Pagefind filters (render/search_meta.py) and runs the indexer after each build
(adapters/pagefind_search.py).
"""

from __future__ import annotations

import logging
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import mkdocs
from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page, _ExtractTitleTreeprocessor
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, meta

from build_tools import heap, loadstore
from build_tools.adapters import dirty as dirty_build
from build_tools.adapters import htmlcache, navmemo, pagefind_search
from build_tools.adapters.convert import Conversion, Job, Setup
from build_tools.adapters.templatecache import TemplateCache
from build_tools.build_report import BuildProgress
from build_tools.diagnostics import Severity, warning
from build_tools.files.seeds import published_seed_uri
from build_tools.render.pages import expand_markers
from build_tools.render.search_meta import SearchBackend, choose_backend, search_pages
from build_tools.site import PipelineCache, SiteBuild, build_site, corpus_signature

log = logging.getLogger("mkdocs.plugins.corpus")
THEME_DIR = Path(__file__).parent / "theme"
CSS_URI = "assets/corpus.css"
JS_URI = "assets/browse.js"  # the browse page's filters; does nothing on other pages
SEARCH_CSS, SEARCH_JS = "assets/search.css", "assets/search.js"  # only with search: pagefind
REQUIRED_EXTENSIONS = ["toc", "tables", "attr_list", "footnotes", "admonition",
                       "build_tools.adapters.mdext"]


class CorpusConfig(base.Config):
    """The layout (corpus/, seeds/ beside mkdocs.yml) is fixed; ``search`` picks the backend:
    ``material`` (Material's search plugin), ``pagefind`` or ``auto`` (render/search_meta.py)."""

    search = c.Choice([b.value for b in SearchBackend], default=SearchBackend.MATERIAL.value)


WATCHED = ("corpus", "seeds")


class CorpusPlugin(BasePlugin[CorpusConfig]):
    def __init__(self) -> None:
        self.root = Path.cwd()
        self.site: SiteBuild | None = None
        self.pipeline = PipelineCache()  # `serve`: what an unchanged file gave is reused
        self.signature: tuple[tuple[str, int, int], ...] = ()
        self.key: tuple[str, str | None, str | None] = ("", None, None)
        self.command, self.started, self.progress = "build", 0.0, BuildProgress(0, enabled=False)
        self.search = SearchBackend.MATERIAL
        self.searched: dict[str, list[tuple[str, str]]] = {}  # src_uri -> Pagefind filters
        self.generated: set[str] = set()  # src_uri of the pages this plugin added
        self.converted: dict[str, Conversion] = {}  # this build's pages, converted in on_nav
        self.cache: htmlcache.HtmlCache | None = None
        self.dirty = False  # `serve --dirty`: pages become files, re-rendered when they change
        self.page_files: dirty_build.PageFiles | None = None
        self.files: Files | None = None
        self.written: set[str] = set()  # HTML files of the last build's pages
        self.rebuilt: set[str] = set()  # URLs of the pages rendered in this build
        self.heap = heap.Freeze()  # the corpus and its pages, settled while pages render
        self.templates = TemplateCache.in_user_cache()  # compiled once, not every (re)build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance across `mkdocs serve` rebuilds (it makes a
        new plugin object on every rebuild otherwise), and with it the pipeline result."""
        self.command = command
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.started = time.perf_counter()  # each (re)build starts here: the summary's time
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        # Generated pages link to '/actors/x.md': resolve such links against docs/.
        config.validation.links.absolute_links = _relative_to_docs(config)
        dirs = config.theme.dirs
        position = 1 if config.theme.custom_dir else 0
        if str(THEME_DIR) not in dirs:
            dirs.insert(position, str(THEME_DIR))
        if CSS_URI not in [str(c) for c in config.extra_css]:
            config.extra_css.append(CSS_URI)
        if JS_URI not in [str(j) for j in config.extra_javascript]:
            config.extra_javascript.append(JS_URI)
        self._configure_search(config)
        return config

    def _configure_search(self, config: MkDocsConfig) -> None:
        articles = self.root / "corpus" / "articles"
        count = sum(1 for _ in articles.rglob("*.md")) if articles.is_dir() else 0
        self.search = choose_backend(SearchBackend(self.config.search), count)
        if self.search is not SearchBackend.PAGEFIND:
            return
        # Material's search plugin stays loaded (mkdocs.yml lists it) but does nothing: no
        # search_index.json, no search box of its own; assets/search.js adds Pagefind's.
        for name in ("material/search", "search"):
            if name in config.plugins and hasattr(config.plugins[name].config, "enabled"):
                config.plugins[name].config.enabled = False
        config.extra["corpus_search"] = SearchBackend.PAGEFIND.value  # theme main.html
        for uri, assets in ((SEARCH_CSS, config.extra_css), (SEARCH_JS, config.extra_javascript)):
            if uri not in [str(a) for a in assets]:
                assets.append(uri)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # During `serve`, an edit of docs/ alone must not reload 10,000 articles: the pipeline
        # result is reused while no file under corpus/ or seeds/ changed.
        signature = corpus_signature(self.root, WATCHED)
        key = (str(self.root), config.repo_url, config.site_url)
        if self.site is None or signature != self.signature or key != self.key:
            self.heap.freeze()  # until on_post_build: the pipeline's stages settle as they end
            cache = self.pipeline if self.command == "serve" else None
            if cache is not None and self.site is None:
                # the first build of a session starts from what the last command stored
                cache.load = loadstore.read(self.root) or cache.load
            self.site = build_site(self.root, config.repo_url, config.site_url, config.site_name,
                                   cache)
            if cache is not None:
                loaded = cache.load.misses
                log.info(f"corpus: {loaded:,} of {loaded + cache.load.hits:,} files loaded again, "
                         f"{cache.memo.misses:,} article parts made again")
            self.signature, self.key = signature, key
            self.searched = {}
        if self.search is not SearchBackend.PAGEFIND:
            self.searched = {}
        elif not self.searched:  # made once per pipeline result, like the pages
            self.searched = {uri: s.pairs() for uri, s in search_pages(self.site.indexes).items()}
        site = self.site
        self.generated, self.converted = set(), {}
        for diag in site.report.items:
            if diag.severity is Severity.NOTE:
                log.info(diag.format())  # e.g. no site_url: worth saying, not worth failing --strict
                continue
            # Every corpus problem is a warning: serve keeps going, --strict fails.
            log.warning(diag.format())
        for file in files:
            if file.is_documentation_page() and not file.generated_by:
                file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
        for src_uri, markdown in site.pages.items():
            if files.get_file_from_path(src_uri) is not None:
                log.warning(warning("a hand-written page hides the generated page of the same path",
                                    "hidden-page", path=Path(config.docs_dir) / src_uri,
                                    hint="remove or rename it in docs/").format())
                continue
            origin = site.origins.get(src_uri)
            file = self._page_file(config, src_uri, markdown, origin)
            file.edit_uri = origin  # None for index pages: nothing to edit there
            files.append(file)
            self.generated.add(src_uri)
        published: dict[str, str | bytes] = {**site.data, **site.binary}
        for src_uri, content in published.items():
            if files.get_file_from_path(src_uri) is None:
                # Under --dirty, data files too are copied only when they changed.
                files.append(self._page_file(config, src_uri, content, None)
                             if isinstance(content, str) and self.dirty
                             else File.generated(config, src_uri, content=content))
        for seed in site.seeds:  # as text only: a saved web page must never run on the site
            uri = published_seed_uri(seed)
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(self.root / seed)))
        assets = (CSS_URI, JS_URI) + ((SEARCH_CSS, SEARCH_JS) if self.searched else ())
        for uri in assets:
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(THEME_DIR / uri)))
        if self.dirty:
            self._expanded_docs_pages(files, config)
        self.progress = BuildProgress(len(files.documentation_pages()), self.started)
        return files

    def _page_file(self, config: MkDocsConfig, src_uri: str, markdown: str,
                   origin: str | None, *extra: str | None) -> File:
        """In memory, or under ``--dirty`` a file rewritten only when the page (or data file)
        changed."""
        if not self.dirty:
            return File.generated(config, src_uri, content=markdown)
        if self.page_files is None or self.page_files.folder.parent != self.root / ".cache":
            self.page_files = dirty_build.PageFiles(self.root / ".cache" / "pages")
        site = self.site
        assert site is not None
        feeds = [site.corpus_feed, *site.feeds.get(src_uri, [])]
        path = self.page_files.sync(src_uri, markdown, origin, site.head.get(src_uri),
                                    repr(feeds), *extra)
        return File.generated(config, src_uri, abs_src_path=str(path))

    def _expanded_docs_pages(self, files: Files, config: MkDocsConfig) -> None:
        """A hand-written page showing corpus figures changes with the corpus: under
        ``--dirty`` it is replaced by its expanded copy, which changes when they do."""
        assert self.site is not None
        for file in list(files.documentation_pages()):
            if file.generated_by:
                continue
            text = file.content_string
            expanded = expand_markers(text, self.site.indexes)
            if expanded != text:
                files.remove(file)
                copy = self._page_file(config, file.src_uri, expanded, None, text)
                copy.edit_uri = file.edit_uri
                files.append(copy)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Convert the generated pages now, all at once (see ``convert``): the list of files
        is final here, so every link can be resolved and checked."""
        folder = htmlcache.cache_folder(self.root)  # not in the project (see htmlcache)
        if self.cache is None or self.cache.home != folder:
            self.cache = htmlcache.HtmlCache(folder)
        validation = config.validation.links
        index = self._material_search_index(config)
        setup = Setup(list(config.markdown_extensions), dict(config.mdx_configs or {}),
                      {f.src_uri: f.url for f in files}, validation.not_found,
                      validation.unrecognized_links, get_relative_url,
                      search_sections if index is not None else None, _ExtractTitleTreeprocessor)
        jobs = []
        self.files, self.rebuilt = files, set()
        for file in files.documentation_pages():
            if self.dirty and not file.is_modified():
                continue  # MkDocs will not render it: nothing to convert
            if file.src_uri in self.generated:
                text, _ = meta.get_data(file.content_string)  # as Page.read_source does
                jobs.append(Job(file.src_uri, file.url, text))
        salt = htmlcache.salt(setup.extensions, setup.extension_configs, mkdocs.__version__,
                              SECTIONS if index is not None else "")
        self.converted = self.cache.convert(jobs, setup, salt, complete=not self.dirty)
        if index is not None:
            # a build forgets each page's sections once read; serve keeps them for its rebuilds
            _index_from_sections(index, self.converted, keep=self.command == "serve")
        for conversion in self.converted.values():
            for level, message in conversion.warnings:
                log.log(level, message)
        self.heap.freeze()  # (a build that reused the pipeline's result starts here)
        heap.settle()  # the converted pages too
        return nav

    def _material_search_index(self, config: MkDocsConfig) -> Any:
        """Material's search index of this build, when its plugin reads the pages."""
        if self.search is not SearchBackend.MATERIAL:
            return None
        for name in ("material/search", "search"):
            plugin = config.plugins.get(name)
            if plugin is not None and type(plugin).__module__ == "material.plugins.search.plugin":
                enabled = getattr(plugin.config, "enabled", True)
                return getattr(plugin, "search_index", None) if enabled else None
        return None

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = self.templates
        navmemo.install(env, config.theme.dirs, str(THEME_DIR))
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        self.progress.converted()
        if self.site is not None:
            # Atom feeds for the page's head (theme main.html): the corpus's, and the page's own
            feeds = [self.site.corpus_feed] if self.site.corpus_feed else []
            feeds += self.site.feeds.get(page.file.src_uri, [])
            page.meta["corpus_feeds"] = [{"title": f.title, "path": f.path} for f in feeds]
        if page.file.src_uri in self.searched:
            page.meta["corpus_search"] = self.searched[page.file.src_uri]  # theme main.html
        if self.site is not None and not page.file.generated_by:
            return expand_markers(markdown, self.site.indexes)
        if page.file.src_uri in (self.site.origins if self.site else {}):
            # Detail pages are not in the nav (by design): give their width to the text.
            page.meta.setdefault("hide", ["navigation"])
        if self.site is not None and page.file.src_uri in self.site.head:
            page.meta["corpus_jsonld"] = self.site.head[page.file.src_uri]  # theme main.html
        conversion = self.converted.get(page.file.src_uri)
        if conversion is not None:
            # Converted already: MkDocs converts nothing. Its title rules still apply (a
            # title in the nav or front matter wins), the heading read by its own reader.
            if conversion.title is not None:
                page.render = _ConvertedRender(page, conversion)  # type: ignore[method-assign]
                return ""
            first = markdown.split("\n", 1)[0]  # an entry made without the reader
            return first if first.startswith("# ") else ""
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Hand MkDocs what its own conversion of the page would have set."""
        self.rebuilt.add(page.file.url)
        conversion = self.converted.get(page.file.src_uri)
        if conversion is None:
            return html
        page.toc = get_toc(conversion.toc)  # type: ignore[arg-type]
        page.present_anchor_ids = set(conversion.anchors)
        to_anchors: dict[File, dict[str, str]] = {}
        for target, _, anchor, written in conversion.links:
            if not anchor:
                continue  # most links: no anchor for MkDocs to validate, no file look-up
            target_file = files.get_file_from_path(target)
            if target_file is not None:
                to_anchors.setdefault(target_file, {}).setdefault(anchor, written)
        page.links_to_anchors = to_anchors
        return conversion.html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.progress.written()
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.heap.thaw()
        if self.dirty and self.files is not None:
            # Under --dirty: no page that is gone stays, nor its or a stale search entry.
            pages = self.files.documentation_pages()
            written = {f.abs_dest_path for f in pages}
            dirty_build.remove_gone(self.written, written)
            self.written = written
            index = Path(config.site_dir) / "search" / "search_index.json"
            dirty_build.tidy_search_index(index, self.rebuilt, {f.url for f in pages})
        # After every build, `mkdocs serve` included: the index lands in the served folder.
        if self.search is SearchBackend.PAGEFIND:
            result = pagefind_search.write_search_index(Path(config.site_dir))
            if result.problem is not None:
                log.warning(result.problem.format())  # --strict fails, serve keeps serving
            else:
                log.info(f"search: Pagefind indexed {result.pages} pages in {result.seconds:.1f} s "
                         f"({pagefind_search.BUNDLE}/)")
        # serve rebuilds into a temporary folder on every edit: not worth walking each time
        site_dir = None if self.command == "serve" else Path(config.site_dir)
        articles = len(self.site.indexes.corpus.articles) if self.site else 0
        log.info(self.progress.finish(site_dir, articles))

    def on_build_error(self, *, error: Exception) -> None:
        self.heap.thaw()

    def on_shutdown(self) -> None:
        self.heap.thaw()
        if self.command == "serve" and self.pipeline.load.changed:
            loadstore.write(self.root, self.pipeline.load)  # for the next command

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in WATCHED:
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


class _ConvertedRender:
    """``Page.render`` for a page converted already: what MkDocs' own render would set before
    ``on_page_content`` (which hands it the rest), without making a Markdown instance, which
    costs more than converting a title (about 0.4 ms a page)."""

    def __init__(self, page: Page, conversion: Conversion) -> None:
        self.page, self.conversion = page, conversion

    def __call__(self, config: MkDocsConfig, files: Files) -> None:
        page = self.page
        page.content = self.conversion.html
        page.toc = get_toc(self.conversion.toc)  # type: ignore[arg-type]
        page._title_from_render = self.conversion.title
        page.present_anchor_ids = set(self.conversion.anchors)
        del page.render  # the class's render again, should the page be rendered once more


def _relative_to_docs(config: MkDocsConfig) -> Any:
    """The value mkdocs.yml's ``validation: links: absolute_links: relative_to_docs`` has, made
    through the public Config API (a fresh copy of the links section, validated)."""
    links = type(config.validation.links)()
    links.load_dict({"absolute_links": "relative_to_docs"})
    links.validate()
    return links.absolute_links


# What Material's search plugin reads of a page: made in the conversion workers, beside the
# HTML, and kept with it in the conversion cache (Material's index itself parses every page's
# HTML in the main process: a fifth of a cold build, and all of it again in a warm one).
SECTIONS = f"material.search {version('mkdocs-material')} 2"  # bump the last part on change


def search_sections(html: str) -> list[list[Any]]:
    """Material's search parser over ``html``: [id, title, text, excluded] for each section,
    as ``SearchIndex.add_entry_from_context`` reads them (it joins the parts of the title and
    of the text: joined here, they take a fraction of the memory; a title of no parts, which
    Material replaces with the page's, is None)."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return [[s.id, "".join(s.title) if s.title else None, "".join(s.text), s.is_excluded()]
            for s in parser.data]


class _Section:
    """What ``SearchIndex.create_entry_for_section`` reads of a parsed section."""

    def __init__(self, id_: str | None, title: list[str], text: list[str]) -> None:
        self.id, self.title, self.text = id_, title, text


def _index_from_sections(index: Any, converted: dict[str, Conversion], keep: bool = True) -> None:
    """Material's ``add_entry_from_context`` for this build's index, reading a converted
    page's sections instead of parsing its HTML again (the same steps otherwise); a page
    whose content is not its conversion's HTML is parsed as before."""
    parse = getattr(index, "_corpus_parse", index.add_entry_from_context)  # Material's own
    index._corpus_parse = parse

    def add_entry_from_context(page: Page) -> None:
        conversion = converted.get(page.file.src_uri)
        if conversion is None or conversion.sections is None or page.content != conversion.html:
            parse(page)
            return
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        for id_, title, text, excluded in conversion.sections:
            if not excluded:
                index.create_entry_for_section(_Section(id_, [] if title is None else [title], [text]),
                                               page.toc, page.url, page)
        if not keep:
            conversion.sections = None  # the index holds the text now: not a second copy

    index.add_entry_from_context = add_entry_from_context
