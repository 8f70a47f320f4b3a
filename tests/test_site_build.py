"""End-to-end: real MkDocs builds of the project's corpus and of a small fixture site."""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import FIXTURES, REPO, BuiltSite, build_project, copy_project

pytestmark = pytest.mark.slow

ARTICLE = "articles/2022/army-of-pyongyang-kyiv-is-not-going-to-take/"


def test_real_corpus_builds_strict_without_warnings(real_site: BuiltSite) -> None:
    assert real_site.warnings == []
    assert (real_site.site / "index.html").is_file()


@pytest.mark.parametrize("url", ["articles/", "actors/", "themes/", "sources/", ARTICLE,
                                 "actors/north-korea/", "themes/kyiv-spreads-fakes/",
                                 "sources/svobodnaya-pressa/"])
def test_urls_follow_the_scheme(real_site: BuiltSite, url: str) -> None:
    assert "<h1" in real_site.page(url)


def test_article_page_shows_provenance_actors_themes_and_turns(real_site: BuiltSite) -> None:
    html = real_site.page(ARTICLE)
    assert "Army of Pyongyang Kyiv is not going to take" in html
    assert "6 September 2022" in html
    assert 'href="../../../sources/svobodnaya-pressa/"' in html
    assert "machine translation from Russian" in html
    assert "ZumaTASS" in html
    # actors grouped by role, linked to their pages
    assert re.search(r"Quoted:</strong>.*Konstantin Asmolov", html)
    assert re.search(r"Interviewer:</strong>.*Svobodnaya Pressa", html)
    assert 'href="../../../actors/oleksiy-arestovych/"' in html
    assert 'href="../../../themes/kyiv-spreads-fakes/"' in html
    # interview turns are visible, and the mistranslated label has its translation note
    assert html.count("(interviewer): <em>joint venture»:</em>") == 4
    # the known translation error is defined once (corpus/translation-notes/): one footnote
    refs = re.findall(r"\(interviewer\): <em>joint venture»:</em><sup id=\"fnref\d*:(tn-\d+)\"", html)
    assert len(refs) == 4 and len(set(refs)) == 1
    assert html.count("Machine translation of «СП», the abbreviation of Svobodnaya Pressa") == 1
    assert "Translation note" in html and "СП" in html
    # the seed is published and linked
    assert 'href="../../../seeds/000_05f0233f18fc51f9.txt"' in html
    assert (real_site.site / "seeds" / "000_05f0233f18fc51f9.txt").is_file()


def test_every_sentence_of_the_seed_is_on_the_page(real_site: BuiltSite) -> None:
    html = real_site.page(ARTICLE)
    html = re.sub(r"<sup[^>]*>.*?</sup>", "", html)
    text = re.sub(r"<[^>]+>", "", html)
    seed = (real_site.root / "seeds" / "000_05f0233f18fc51f9.txt").read_text(encoding="utf-8")
    for paragraph in [p for p in seed.split("\n\n")[2:] if p.strip()]:
        for sentence in re.split(r"(?<=[.?!])\s+", paragraph.strip()):
            words = sentence.replace("“", "").split()[:6]
            assert " ".join(words) in text.replace("“", ""), sentence


def test_edit_link_opens_the_corpus_file(real_site: BuiltSite) -> None:
    html = real_site.page(ARTICLE)
    assert ("edit/main/corpus/articles/2022/2022-09-06-army-of-pyongyang-kyiv-is-not-going-to-take.md"
            in html)
    assert "edit/main/corpus/actors/north-korea.md" in real_site.page("actors/north-korea/")
    assert "edit/main/docs/index.md" in real_site.page("")


def test_actor_page_lists_articles_with_date_outlet_and_role(real_site: BuiltSite) -> None:
    html = real_site.page("actors/konstantin-asmolov/")
    assert "Konstantin Asmolov" in html
    assert "2022-09-06" in html and "Svobodnaya Pressa" in html and "quoted" in html


def test_actor_index_groups_by_kind_with_counts(real_site: BuiltSite) -> None:
    html = real_site.page("actors/")
    for heading in ["People", "States and governments", "Media"]:
        assert heading in html
    assert re.search(r"North Korea</a> \(1\)", html)


def test_chronology_and_home_counts(real_site: BuiltSite) -> None:
    assert "September 2022" in real_site.page("articles/")
    home = real_site.page("")
    assert re.search(r"Articles</a></td>\s*<td>1</td>", home)


def test_search_index_has_article_text_and_actor_aliases(real_site: BuiltSite) -> None:
    index = json.loads((real_site.site / "search" / "search_index.json").read_text())
    docs = index["docs"]
    assert any("apogee of idiocy" in d["text"] for d in docs if d["location"].startswith(ARTICLE))
    assert any("Pyongyang" in d["text"] for d in docs if d["location"].startswith("actors/north-korea/"))


def test_articles_are_not_in_the_navigation(real_site: BuiltSite) -> None:
    # The themes index links no article itself, so any article link there would be the nav's.
    html = real_site.page("themes/")
    assert 'md-nav--primary' in html and "army-of-pyongyang" not in html


def test_nothing_is_written_outside_site(real_site: BuiltSite) -> None:
    docs = sorted(p.relative_to(real_site.root / "docs").as_posix()
                  for p in (real_site.root / "docs").rglob("*") if p.is_file())
    assert not any(p.startswith(("articles/", "actors/", "themes/", "sources/")) for p in docs)


# --- the fixture site: tricky and hostile content --------------------------------------------

def test_fixture_site_builds_without_warnings(fixture_site: BuiltSite) -> None:
    assert fixture_site.warnings == []


class _TagAudit(HTMLParser):
    """Collects what a browser would treat as markup: tags, event handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False
        self._data_block = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        # JSON-LD is a data block, never run: corpus text may be in it, but no "<" (so it cannot
        # close the element and start markup)
        self._data_block = tag == "script" and ("type", "application/ld+json") in attrs
        if tag in ("img", "b", "iframe") and any((v or "").startswith("x") for _, v in attrs):
            self.problems.append(f"injected <{tag}>")
        if tag == "b":
            self.problems.append("injected <b>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value}")
            decoded = html.unescape(value or "").strip().lower().replace("\t", "")
            if name in ("href", "src") and decoded.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"script URL {value}")

    def handle_data(self, data: str) -> None:
        if self._in_script and self._data_block:
            json.loads(data)  # it stays data: it parses
            if "<" in data:
                self.problems.append("'<' in a JSON-LD block")
        elif self._in_script and "alert(" in data:
            self.problems.append("injected script")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def test_no_injected_markup_reaches_any_page(fixture_site: BuiltSite) -> None:
    pages = list(fixture_site.site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        audit = _TagAudit()
        audit.feed(page.read_text(encoding="utf-8"))
        assert audit.problems == [], page


def test_hostile_text_is_shown_as_text(fixture_site: BuiltSite) -> None:
    html = fixture_site.page("articles/2022/fixture-article/")
    assert "&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;" in html or \
        "&lt;script&gt;alert(\"body\")&lt;/script&gt;" in html
    assert "zanzibarite" in html


def test_proposed_actor_is_flagged(fixture_site: BuiltSite) -> None:
    assert "Proposed entry" in fixture_site.page("actors/jane-analyst/")
    assert "(proposed)" in fixture_site.page("actors/")


def test_fixture_actor_lists_newest_first(fixture_site: BuiltSite) -> None:
    html = fixture_site.page("actors/north-korea/")
    assert html.index("2022-09-06") < html.index("2021-01-02")


# --- broken corpus files: reported with file and line, the rest of the site still builds ------

def test_broken_file_warns_skips_and_fails_strict(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort

    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    broken = root / "corpus" / "articles" / "2021" / "2021-01-02-older-piece.md"
    broken.write_text(broken.read_text().replace("north-korea", "dprk-army"), encoding="utf-8")
    (root / "corpus" / "actors" / "bad.md").write_text("---\nname: [unclosed\n---\n", encoding="utf-8")
    built = build_project(root)
    assert any(w.startswith("corpus/articles/2021/2021-01-02-older-piece.md:5: error: unknown actor "
                            "'dprk-army' [unknown-actor]") for w in built.warnings), built.warnings
    assert any(w.startswith("corpus/actors/bad.md:2:7: error: invalid YAML") for w in built.warnings)
    assert not (built.site / "articles" / "2021" / "older-piece").exists()
    assert "Fixture" in built.page("articles/2022/fixture-article/")
    with pytest.raises(Abort):
        build_project(root, strict=True)


def test_serve_watches_corpus_and_seeds(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from build_tools.adapters.mkdocs_plugin import CorpusPlugin

    root = copy_project(tmp_path / "project")
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["corpus"]
    assert isinstance(plugin, CorpusPlugin)

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=None)
    assert sorted(Path(p).name for p in server.watched) == ["corpus", "seeds"]


def test_open_data_files(real_site: BuiltSite) -> None:
    articles = json.loads((real_site.site / "data" / "articles.json").read_text())
    assert articles[0]["id"] == "2022-09-06-army-of-pyongyang-kyiv-is-not-going-to-take"
    assert articles[0]["url"] == ARTICLE
    assert any(t["actor"] == "konstantin-asmolov" for t in articles[0]["turns"])
    notes = [a for a in articles[0]["annotations"] if a.get("translation_note") == "joint-venture-sp"]
    assert len(notes) == 4 and notes[0]["original"] == "«СП»" and not notes[0]["standoff"]
    seed = (real_site.root / "seeds" / "000_05f0233f18fc51f9.txt").read_text(encoding="utf-8")
    standoff = [a for a in articles[0]["annotations"] if a["standoff"]]
    assert {a["kind"] for a in standoff} == {"quote", "claim", "technique", "tn"}
    assert all(seed[a["start"]:a["end"]] == a["text"] for a in articles[0]["annotations"]
               if a["start"] is not None)
    assert any(a["kind"] == "claim" and a["claim"]["evidence"] for a in standoff)
    actors = {a["id"]: a for a in json.loads((real_site.site / "data" / "actors.json").read_text())}
    assert actors["north-korea"]["articles"] == [articles[0]["id"]]
    csv_text = (real_site.site / "data" / "articles.csv").read_text()
    assert csv_text.splitlines()[0].startswith("id,date,title,publisher")
    assert 'href="data/articles.csv"' in real_site.page("")


def test_export_writes_the_same_pages_without_mkdocs(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = copy_project(tmp_path / "project")
    run = subprocess.run([sys.executable, "-m", "build_tools", "export", str(tmp_path / "out")],
                         cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    out = tmp_path / "out"
    page = (out / "articles" / "2022" / "army-of-pyongyang-kyiv-is-not-going-to-take.md").read_text()
    assert page.startswith("# Army of Pyongyang Kyiv is not going to take")
    assert (out / "actors" / "index.md").is_file() and (out / "data" / "articles.csv").is_file()
    assert "<!-- corpus:stats -->" not in (out / "index.md").read_text()
    assert (out / "seeds" / "000_05f0233f18fc51f9.txt").is_file()


def test_claims_and_techniques_are_shown(tmp_path: Path) -> None:
    """A real MkDocs build: spans become focusable highlights described by the annotation list,
    with the technique's definition on hover and focus, and reach the technique and claims pages."""
    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    shutil.copytree(REPO / "corpus" / "codebooks", root / "corpus" / "codebooks")
    older = root / "corpus" / "articles" / "2021" / "2021-01-02-older-piece.md"
    older.write_text(older.read_text().replace(
        "An older article about the DPRK.",
        "[The DPRK never fired]{.claim assessment=false} and [traitors]{.technique "
        "name=Name_Calling,Labeling} said so."), encoding="utf-8")
    built = build_project(root)
    assert built.warnings == []
    html = built.page("articles/2021/older-piece/")
    claim = re.search(r'<mark aria-describedby="(note-[^"]+)" class="corpus-ann corpus-ann--claim" '
                      r'data-tip="Claim, false" id="(a-[0-9a-f]+)" tabindex="0">The DPRK never fired</mark>',
                      html)
    assert claim, html
    assert f'<span class="corpus-note" id="{claim[1]}"><a href="#{claim[2]}">Claim, false</a>' in html
    assert re.search(r'<mark [^>]*class="corpus-ann corpus-ann--technique" data-tip="Technique: Name '
                     r'calling or labeling\. Attaching a label[^"]*"[^>]*>traitors</mark>', html)
    technique = built.page("techniques/semeval2020/name-calling-labeling/")
    assert "Instances (1)" in technique and "traitors" in technique
    assert "The DPRK never fired" in built.page("claims/")


def test_pipeline_result_is_reused_until_the_corpus_changes(tmp_path: Path) -> None:
    """The path `mkdocs serve` takes: every rebuild loads mkdocs.yml again (its `get_config`),
    and MkDocs keeps a plugin instance across those loads only if the plugin has `on_startup`
    or `on_shutdown`. The pipeline result must survive a docs/-only rebuild, and be rebuilt
    when a corpus file changes."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")

    def rebuild() -> object:
        config = load_config(str(root / "mkdocs.yml"))  # as serve's builder does, each time
        config.plugins.on_startup(command="serve", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_files(Files([]), config=config)
        return config.plugins["corpus"]

    first_plugin = rebuild()
    first = first_plugin.site  # type: ignore[attr-defined]
    (root / "docs" / "index.md").write_text("# Home\n\nEdited.\n", encoding="utf-8")
    plugin = rebuild()
    assert plugin is first_plugin, "serve made a new plugin instance: its cache can never hit"
    assert plugin.site is first  # type: ignore[attr-defined]  # only docs/ changed: no reload
    actor = root / "corpus" / "actors" / "north-korea.md"
    actor.write_text(actor.read_text() + "\nMore.\n", encoding="utf-8")
    assert rebuild().site is not first  # type: ignore[attr-defined]


def test_each_year_has_its_own_page(fixture_site: BuiltSite) -> None:
    overview = fixture_site.page("articles/")
    assert 'href="2022/"' in overview and 'href="2021/#2021-01"' in overview
    year = fixture_site.page("articles/2021/")
    assert "Articles of 2021" in year and "Older piece" in year and "Fixture" not in year
    article = fixture_site.page("articles/2022/fixture-article/")
    assert 'href="../#2022-09"' in article
