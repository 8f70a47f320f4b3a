"""The site navigation rendered once per folder of pages, not once per page (render stage, templates).

Material writes the whole navigation into every page: the tabs in the header and the drawer
(``partials/tabs.html``, ``partials/nav.html``). Rendering them is about a third of each
page's template time, and most pages of a corpus site (articles, actor, theme and source
pages) are not in the nav. For such a page that markup depends on nothing of the page but
where its URL is: no nav item is active (MkDocs marks only the current page's own entry and
its sections), and every link in it is made relative to the page's URL. A path relative to
``a/b/x/`` and to its sibling ``a/b/y/`` is the same for every target outside both, so the
partial is rendered once per (partial, folder) and reused for the build. A page that is in
the nav, or whose own URL has a nav target at or under it, is rendered as before.

``install`` puts ``corpus_nav_memo`` into the environment; the theme's own ``partials/nav.html``
and ``partials/tabs.html`` call it, and it renders the partial that comes after ours in the
theme's folders (Material's, unless the site overrides it). A site's own ``custom_dir``
partial comes before ours and is rendered as it is, without the memo. Free of MkDocs: the
page and nav objects are read through their attributes only.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

NEXT = "corpus-next"  # the prefix under which the theme folders after ours are reachable
_GLOBAL = "corpus_nav_memo"


def install(env: Environment, theme_dirs: Sequence[str], ours: str) -> NavMemo | None:
    """Make ``corpus_nav_memo`` available to templates, rendering what comes after ``ours``."""
    if ours not in theme_dirs or env.loader is None:
        return None
    after = list(theme_dirs)[list(theme_dirs).index(ours) + 1:]
    env.loader = ChoiceLoader([env.loader, PrefixLoader({NEXT: FileSystemLoader(after)})])
    memo = NavMemo()
    env.globals[_GLOBAL] = memo.render
    return memo


class NavMemo:
    """Rendered partials of one build, by (partial, the folder of the pages they serve)."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[str, str, str], Markup] = {}
        self.hits = 0
        self._nav: tuple[int, frozenset[int], tuple[str, ...]] | None = None

    @pass_context
    def render(self, context: Context, name: str) -> Markup:
        """``name`` (e.g. ``partials/nav.html``) as ``{% include %}`` would render it here."""
        key = self.key(name, context.get("page"), context.get("nav"), context.get("config"))
        if key is not None and key in self.rendered:
            self.hits += 1
            return self.rendered[key]
        template = context.environment.get_template(f"{NEXT}/{name}")
        html = Markup("".join(template.root_render_func(template.new_context(context.get_all(), True))))
        if key is not None:
            self.rendered[key] = html
        return html

    def key(self, name: str, page: Any, nav: Any, config: Any) -> tuple[str, str, str] | None:
        """The pages that get the same markup of ``name`` share this key; None: render afresh."""
        url = getattr(page, "url", None)
        if nav is None or not isinstance(url, str):
            return None
        in_nav, targets = self._targets(nav, config)
        if id(page) in in_nav:
            return None  # its own entry is active, its table of contents may be shown
        # The folder a URL relative to this page starts from, as MkDocs' get_relative_url sees it.
        head, tail = posixpath.split(url)
        if "." in tail:
            return (name, "file", posixpath.normpath("/" + head))
        own = posixpath.normpath("/" + url)
        if any(t == own or t.startswith(own.rstrip("/") + "/") for t in targets):
            return None  # a link into the page's own folder: not the same from its siblings
        return (name, "folder", posixpath.dirname(own))

    def _targets(self, nav: Any, config: Any) -> tuple[frozenset[int], tuple[str, ...]]:
        """The nav's pages (by identity) and every site path the nav's markup links to."""
        if self._nav is not None and self._nav[0] == id(nav):
            return self._nav[1], self._nav[2]
        pages = list(getattr(nav, "pages", []))
        urls = [getattr(item, "url", None) for item in _items(getattr(nav, "items", []))]
        homepage = getattr(nav, "homepage", None)
        urls += [getattr(homepage, "url", None)]
        extra = getattr(config, "extra", None) or {}
        theme = getattr(config, "theme", None)
        urls += [extra.get("homepage") if isinstance(extra, dict) else None,
                 theme.get("logo") if theme is not None and hasattr(theme, "get") else None]
        targets = tuple(posixpath.normpath("/" + u) for u in urls
                        if isinstance(u, str) and "://" not in u and not u.startswith("/"))
        self._nav = (id(nav), frozenset(id(p) for p in pages), targets)
        return self._nav[1], self._nav[2]


def _items(items: Any) -> list[Any]:
    out: list[Any] = []
    for item in items or []:
        out.append(item)
        out += _items(getattr(item, "children", None))
    return out
