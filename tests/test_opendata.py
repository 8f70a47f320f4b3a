"""Feeds and open data, checked by the tools their users have: Atom parsed by feedparser, the
data folder validated by Frictionless and read back by sqlite3, JSON-LD and feed links taken
from pages built by MkDocs."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from frictionless import Package
from support import FIXTURES, BuiltSite, build_project, copy_project

from build_tools.site import SITE_URL_NOTE, SiteBuild, build_site

SITE_URL = "https://corpus.example/news/"


@functools.cache
def site(fixture: str = "render", site_url: str | None = None) -> SiteBuild:
    return build_site(FIXTURES / fixture, "https://github.com/example/news-corpus", site_url)


# --- Atom feeds ---------------------------------------------------------------------------------

def parse(text: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_corpus_feed_is_valid_atom_newest_first() -> None:
    built = site()
    feed = parse(built.data["feeds/articles.atom"])
    titles = [e.title for e in feed.entries]
    assert titles == [a.meta.title for a in built.indexes.corpus.articles]
    entry = feed.entries[0]
    assert entry.published.startswith("2023-03-20") and entry.id.startswith("urn:uuid:")
    assert all(e.id != entry.id for e in feed.entries[1:])
    # relative links resolve from the feed's own address
    assert urljoin(SITE_URL + "feeds/articles.atom", entry.link) == SITE_URL + \
        "articles/2023/ministry-rejects-the-report/"
    grain = next(e for e in feed.entries if "grain" in e.title)
    assert grain.author == "Vesti Fixture" and grain.title_detail.language == "en"
    assert "machine translation from Russian" in grain.summary
    assert [t.term for t in grain.tags] == ["sanctions-fail"]


def test_feeds_per_actor_theme_and_source_with_absolute_links() -> None:
    built = site(site_url=SITE_URL)
    feed = parse(built.data["feeds/actors/kim-jong-un.atom"])
    assert feed.feed.title == "Annotated news corpus: articles naming Kim Jong Un"
    assert [e.link for e in feed.entries] == [SITE_URL + "articles/2023/sanctions-interview/",
                                              SITE_URL + "articles/2023/grain-deal/"]
    assert feed.feed.id == SITE_URL + "feeds/actors/kim-jong-un.atom"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": SITE_URL + "feeds/actors/kim-jong-un.atom",
                     "alternate": SITE_URL + "actors/kim-jong-un/"}
    assert parse(built.data["feeds/themes/sanctions-fail.atom"]).entries
    assert [e.title for e in parse(built.data["feeds/sources/kcna.atom"]).entries][0] == \
        "Ministry «rejects» the report"
    assert "feeds/actors/quiet-militia.atom" not in built.data  # in no article: no feed
    assert SITE_URL_NOTE not in [d.message for d in built.report.items]


def test_hostile_titles_stay_text_in_the_feed() -> None:
    text = site("site").data["feeds/articles.atom"]
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert parse(text).entries[0].title == 'Fixture <script>alert("title")</script> article'


def test_missing_site_url_is_said_once() -> None:
    notes = [d for d in site().report.items if d.message == SITE_URL_NOTE]
    assert len(notes) == 1 and notes[0].severity.value == "note"


# --- the data folder -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build_tools export --data DIR`` of the render fixture."""
    out = tmp_path_factory.mktemp("data") / "out"
    run = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(FIXTURES / "render"), "export",
                          "--data", str(out)], capture_output=True, text=True, env={"PATH": "/usr/bin",
                          **{k: v for k, v in __import__("os").environ.items() if k == "PYTHONPATH"}})
    assert run.returncode == 0, run.stderr
    assert "export: 23 files written" in run.stderr
    return out


def test_datapackage_validates_with_frictionless(data_dir: Path) -> None:
    package = Package(str(data_dir / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    described = {r.path for r in package.resources} | {"datapackage.json", ".corpus-export"}
    assert described == {p.name for p in data_dir.iterdir()}  # every file is described


def test_a_changed_file_fails_validation(data_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    import shutil
    shutil.copytree(data_dir, copy)
    with (copy / "actors.csv").open("a", encoding="utf-8") as f:
        f.write("bad,Bad,not-a-kind,,,,accepted,x,actors/bad/\n")
    assert not Package(str(copy / "datapackage.json")).validate().valid


def rows(data_dir: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((data_dir / f"{name}.csv").read_text(encoding="utf-8"))))


def test_tables_hold_what_the_issue_asks_for(data_dir: Path) -> None:
    articles = {r["id"]: r for r in rows(data_dir, "articles")}
    grain = articles["2023-02-10-grain-deal"]
    assert grain["translation"] == "machine" and grain["original_language"] == "ru"
    assert grain["actor_roles"] == "russia=subject kim-jong-un=mentioned"
    assert grain["claims"] == "1" and grain["url"] == "articles/2023/grain-deal/"
    assert grain["archive_url"].startswith("https://archive.example/")
    assert articles["2023-03-15-sanctions-interview"]["quotes"] == "2"
    assert list(articles) == sorted(articles, reverse=True)
    pairs = rows(data_dir, "actor_pairs")
    assert pairs[0] == {"actor_1": "kim-jong-un", "actor_2": "russia", "articles": "2",
                        "article_ids": "2023-03-15-sanctions-interview 2023-02-10-grain-deal"}
    themes = {(r["actor"], r["theme"]): r["articles"] for r in rows(data_dir, "actor_themes")}
    assert themes[("russia", "sanctions-fail")] == "3"
    kinds = {r["kind"] for r in rows(data_dir, "annotations")}
    assert kinds == {"quote", "claim", "technique", "tn"}


def test_json_twins_hold_the_csv_rows(data_dir: Path) -> None:
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["name"]: r["schema"] for r in package["resources"] if r.get("type") == "table"}
    for name in ("article_actors", "article_themes", "annotations", "actor_pairs", "actor_themes"):
        records = json.loads((data_dir / f"{name}.json").read_text(encoding="utf-8"))
        table = rows(data_dir, name)
        assert len(records) == len(table) > 0
        types = {f["name"]: f["type"] for f in schemas[name]["fields"]}
        assert list(records[0]) == list(types)
        for record, row in zip(records, table, strict=True):
            for key, value in record.items():
                text = "" if value is None else ("true" if value is True else "false" if value is False
                                                 else str(value))
                assert text == row[key], (name, key)


def test_sqlite_has_the_package_tables_and_full_text_search(data_dir: Path) -> None:
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    db = sqlite3.connect(data_dir / "corpus.sqlite")
    for resource in package["resources"]:
        if resource.get("type") != "table":
            continue
        name = resource["name"]
        columns = [c[1] for c in db.execute(f"PRAGMA table_info({name})")]
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert columns[:len(fields)] == fields, name
        count = db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        assert count == len(rows(data_dir, name)), name
        keys = {(fk[3], fk[2]) for fk in db.execute(f"PRAGMA foreign_key_list({name})")}
        assert keys == {(fk["fields"][0], fk["reference"]["resource"])
                        for fk in resource["schema"].get("foreignKeys", [])}, name
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []

    def search(words: str) -> list[str]:
        return [r[0] for r in db.execute(
            "SELECT articles.id FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY articles.id", (words,))]

    assert search("fabrication") == ["2023-03-20-ministry-rejects-the-report"]
    assert search("министерство") == ["2023-02-10-grain-deal"]  # the original, in its own language
    assert search("sanctions") == ["2023-02-10-grain-deal", "2023-03-02-short-note",
                                   "2023-03-15-sanctions-interview"]
    found = db.execute("SELECT count(*) FROM annotations_fts WHERE annotations_fts MATCH 'puppet'")
    assert found.fetchone()[0] == 1


def test_citation_and_data_page() -> None:
    import yaml

    built = site(site_url=SITE_URL)
    cff = yaml.safe_load(built.data["data/CITATION.cff"])
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset" and cff["authors"]
    assert cff["url"] == SITE_URL and cff["repository-code"] == "https://github.com/example/news-corpus"
    page = built.pages["data/index.md"]
    for name in ("articles.csv", "corpus.sqlite", "datapackage.json", "CITATION.cff", "actor_pairs.csv"):
        assert name in page
    assert "cff-version: 1.2.0" in page
    articles = next(line for line in built.data["data/articles.csv"].splitlines()[1:] if "grain-deal" in line)
    assert SITE_URL + "articles/2023/grain-deal/" in articles


def test_export_data_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(FIXTURES / "render"), "export",
                          "--data", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 1 and "[bad-export-folder]" in run.stderr
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep"
    both = subprocess.run([sys.executable, "-m", "build_tools", "export", str(tmp_path / "a"), "--data",
                           str(tmp_path / "b")], capture_output=True, text=True)
    assert both.returncode == 2


# --- pages built by MkDocs ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def render_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = copy_project(tmp_path_factory.mktemp("render") / "project", corpus=FIXTURES / "render" / "corpus",
                        seeds=FIXTURES / "render" / "seeds")
    return build_project(root)


def jsonld(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.mark.slow
def test_news_article_jsonld_in_the_built_page(render_site: BuiltSite) -> None:
    graph = jsonld(render_site.page("articles/2023/grain-deal/"))
    article = graph[0]
    assert article["@type"] == "NewsArticle"
    for key in ("headline", "datePublished", "inLanguage", "publisher", "url"):
        assert article[key], key
    assert article["translationOfWork"] == {"@type": "NewsArticle", "inLanguage": "ru",
                                            "headline": "Москва ответила на санкции зерновой сделкой"}
    assert article["translator"]["@type"] == "SoftwareApplication"
    assert article["isBasedOn"]["archivedAt"].startswith("https://archive.example/")
    assert article["mentions"][0]["sameAs"] == "https://www.wikidata.org/wiki/Q56226"
    assert [n["@type"] for n in graph[1:]] == ["ClaimReview"]
    interview = jsonld(render_site.page("articles/2023/sanctions-interview/"))[0]
    assert interview["translator"] == {"@type": "Person"}
    assert interview["translationOfWork"]["inLanguage"] == "ko"
    assert {a["name"] for a in interview["about"]} == {"Kim Jong Un"}


@pytest.mark.slow
def test_jsonld_cannot_close_its_script(fixture_site: BuiltSite) -> None:
    html = fixture_site.page("articles/2022/fixture-article/")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert script is not None and "<" not in script.group(1)
    assert jsonld(html)[0]["headline"] == 'Fixture <script>alert("title")</script> article'


@pytest.mark.slow
def test_feed_links_in_the_head_and_outlet_links(render_site: BuiltSite) -> None:
    actor = render_site.page("actors/kim-jong-un/")
    links = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" '
                       r'href="([^"]*)">', actor)
    assert links == [("Annotated news corpus: all articles", "../../feeds/articles.atom"),
                     ("Articles naming Kim Jong Un", "../../feeds/actors/kim-jong-un.atom")]
    for target in ("feeds/articles.atom", "feeds/actors/kim-jong-un.atom", "data/corpus.sqlite"):
        assert (render_site.site / target).is_file()
    home = render_site.page("")
    assert 'href="feeds/articles.atom"' in home
    page = render_site.page("articles/2023/grain-deal/")
    outlet = re.findall(r'<a href="([^"]+)" rel="nofollow noopener">', page)
    assert outlet == ["https://archive.example/2023/https://vesti.example/news/grain-deal",
                      "https://vesti.example/news/grain-deal"]  # the archived copy first
    assert '<svg aria-label="Articles per month' in actor and "<rect" in actor
    assert '<p class="corpus-pair__orig" lang="ru">' in page


def test_the_database_holds_the_rows_sqlite_utils_would_insert(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows go in with one executemany; the file is byte for byte the one sqlite-utils'
    insert_all made (same rows, same order, same types)."""
    import sqlite_utils

    from build_tools.render import database

    ours = site().binary["data/corpus.sqlite"]
    with pytest.raises(ValueError, match="not in the table"):
        database._insert(sqlite3.connect(":memory:"), "t", ["a"], [{"a": 1, "b": 2}])

    def with_sqlite_utils(conn: sqlite3.Connection, name: str, columns: list[str],
                          records: list[dict[str, object]]) -> None:
        sqlite_utils.Database(conn)[name].insert_all(records)  # type: ignore[union-attr]

    monkeypatch.setattr(database, "_insert", with_sqlite_utils)
    assert site().binary["data/corpus.sqlite"] == ours
