"""Seeds that are web pages saved from a browser: extraction, provenance, errors, and a site
that publishes them without ever serving the saved HTML as a page.

The pages are fixtures written for these tests, shaped like news sites (navigation, cookie
banners, related links, comments, JSON-LD, OpenGraph); the golden outputs of the four that
become articles are in tests/golden/ingest/*.html (driven by test_ingest.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, REPO, build_project, copy_project, empty_corpus

from build_tools.files.seeds import published_seed_uri
from build_tools.ingest.run import ingest_paths
from build_tools.ingest.webpage import read_web_page
from build_tools.load import load_corpus
from build_tools.model import ArticleMeta

GOLDEN = Path(__file__).parent / "golden" / "ingest"
PAGES = FIXTURES / "webpages"
ARTICLE_PAGES = sorted(GOLDEN.glob("*.html"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    empty_corpus(tmp_path)
    return tmp_path


def ingest_pages(project: Path, *pages: Path, date: str | None = None) -> dict[str, ArticleMeta]:
    for page in pages:
        shutil.copy(page, project / "seeds" / page.name)
    result = ingest_paths([project / "seeds"], project, date=date)
    corpus, report = load_corpus(project)
    assert report.errors == [], [d.format() for d in report.errors]
    assert len(result.written) == len(corpus.articles)
    return {a.meta.seed or "": a.meta for a in corpus.articles}


def test_the_article_text_is_extracted_without_the_page_around_it(project: Path) -> None:
    ingest_pages(project, GOLDEN / "diplomat-jsonld.html")
    [article] = (project / "corpus" / "articles").rglob("*.md")
    text = article.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    paragraphs = body.strip().split("\n\n")
    assert len(paragraphs) == 5  # the page's five paragraphs, kept apart
    assert paragraphs[0].startswith("Russian media reported on Tuesday")
    assert paragraphs[-1].startswith("The Ministry of Foreign Affairs of South Korea")
    for chrome in ("cookies", "Subscribe", "Related articles", "Kim and Putin Trade Letters",
                   "obviously propaganda", "realist42", "All rights reserved", "Share this"):
        assert chrome not in body, chrome


def test_metadata_and_where_each_value_came_from(project: Path) -> None:
    metas = ingest_pages(project, *ARTICLE_PAGES)
    diplomat = metas["seeds/diplomat-jsonld.html"]
    assert diplomat.title == "North Korea Sends Workers to Donbas, Reports Say"
    publisher = diplomat.sources.publisher
    assert publisher is not None and publisher.id == "the-diplomat"
    assert publisher.inferred == "site-name: The Diplomat"
    # the canonical link, not og:url with its tracking parameter
    assert publisher.url == "https://thediplomat.com/2022/09/north-korea-sends-workers-to-donbas/"
    extracted = diplomat.extracted
    assert extracted is not None and extracted.tool.startswith("trafilatura ")
    assert extracted.authors == ["Mitch Shin"] and extracted.declared_language == "en"
    origins = extracted.origins
    assert (origins.title, origins.authors, origins.url, origins.language) == \
        ("json-ld", "json-ld", "canonical-link", "detected")
    assert origins.date in ("meta", "json-ld")  # the page states two dates (see the warning)

    tass = metas["seeds/tass-opengraph.html"]
    assert tass.sources.publisher is not None and tass.sources.publisher.id == "tass"
    assert tass.extracted is not None and tass.extracted.origins.title == "opengraph"
    assert (tass.date, tass.extracted.origins.date) == ("2022-09-19", "meta")
    assert tass.dateline == "MOSCOW, September 19. /TASS/."

    russian = metas["seeds/svpressa-russian.html"]
    assert russian.language == "ru"
    assert russian.sources.publisher is not None
    assert russian.sources.publisher.id == "svobodnaya-pressa"  # by the address's host
    assert russian.sources.publisher.inferred == "url-host: svpressa.ru"
    assert russian.extracted is not None and russian.extracted.authors == ["Андрей Иванов"]
    named = {ref.id for ref in russian.actors}
    assert {"volodymyr-zelensky", "vladimir-putin"} <= named  # Зеленского, Путина


def test_an_unknown_outlet_is_named_and_markup_in_metadata_stays_text(project: Path) -> None:
    metas = ingest_pages(project, GOLDEN / "hostile-metadata.html")
    meta = metas["seeds/hostile-metadata.html"]
    assert meta.sources.publisher is not None and meta.sources.publisher.id is None
    assert meta.sources.publisher.name == "Daily <img src=x onerror=alert(1)> Herald"
    assert meta.sources.publisher.url is None  # the canonical link was javascript:
    assert meta.extracted is not None and meta.extracted.url is None
    assert meta.place is None  # the headline trafilatura repeats is not a place line


def test_a_page_without_an_article_or_a_date_is_an_error_and_the_batch_goes_on(project: Path) -> None:
    for page in (PAGES / "no-article.html", PAGES / "no-date.html", GOLDEN / "tass-opengraph.html"):
        shutil.copy(page, project / "seeds" / page.name)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-m", "build_tools", "ingest", "seeds"],
                         capture_output=True, text=True, cwd=project, env=env)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "seeds/no-article.html:1: error: no article text found in this web page [no-article]" \
        in run.stderr
    assert "hint: save the article's own page" in run.stderr
    assert "seeds/no-date.html:3: error: the web page states no publication date [no-date]" \
        in run.stderr
    assert "hint: give it: ingest --date YYYY-MM-DD" in run.stderr
    written = list((project / "corpus" / "articles").rglob("*.md"))
    assert [p.name for p in written] == ["2022-09-19-kremlin-says-kiev-regime-is-not-interested-in-talks.md"]


def test_date_dates_a_page_without_one_and_says_so(project: Path) -> None:
    metas = ingest_pages(project, PAGES / "no-date.html", GOLDEN / "tass-opengraph.html",
                         date="2022-11-02")
    undated = metas["seeds/no-date.html"]
    assert undated.date == "2022-11-02"
    assert undated.extracted is not None and undated.extracted.origins.date == "given"
    assert metas["seeds/tass-opengraph.html"].date == "2022-09-19"  # its own date wins


def test_paragraph_lines_point_into_the_html(project: Path) -> None:
    html = (GOLDEN / "tass-opengraph.html").read_text(encoding="utf-8")
    page = read_web_page(html)
    lines = html.split("\n")
    for para in page.seed.paragraphs:
        assert para.text[:30] in lines[para.line - 1]


def test_an_empty_or_broken_page_is_reported_not_raised() -> None:
    for html in ("", "   ", "<html>", "<p>x</p>", "\x00\x01<html><body>&#0;</body>",
                 "<html><head><script type='application/ld+json'>{bad json</script></head></html>"):
        page = read_web_page(html)
        assert page.facts is None and [p.code for p in page.seed.problems] == ["no-article"]


def test_update_keeps_the_extraction_record(project: Path) -> None:
    ingest_pages(project, GOLDEN / "svpressa-russian.html")
    [article] = (project / "corpus" / "articles").rglob("*.md")
    before = article.read_text(encoding="utf-8")
    again = ingest_paths([project / "seeds"], project, update=True)
    assert again.report.errors == [] and article.read_text(encoding="utf-8") == before


@pytest.mark.slow
def test_a_site_with_html_seeds_never_serves_the_saved_html(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    for page in ARTICLE_PAGES:
        shutil.copy(page, root / "seeds" / page.name)
    result = ingest_paths([root / "seeds" / p.name for p in ARTICLE_PAGES], root)
    assert result.report.errors == [] and len(result.written) == len(ARTICLE_PAGES)
    built = build_project(root, strict=True)
    assert built.warnings == []
    site = built.site
    for page in ARTICLE_PAGES:
        saved = page.read_bytes()
        published = site / published_seed_uri(f"seeds/{page.name}")
        assert published.name.endswith(".html.txt") and published.read_bytes() == saved
        assert not (site / "seeds" / page.name).exists()
    # no file a browser would render holds any of a saved page's scripts or handlers
    rendered = [p for p in site.rglob("*") if p.suffix.lower() in (".html", ".htm", ".xhtml", ".svg",
                                                                      ".xml", ".md")]
    saved_scripts = ("document.cookie.split", 'alert("title")', "gtag(){dataLayer", "onload=")
    for path in rendered:
        text = path.read_text(encoding="utf-8", errors="replace")
        for needle in saved_scripts:
            assert needle not in text, (path, needle)
        assert "<img src=x" not in text and "<script>alert" not in text, path
    article = built.page("articles/2022/north-korea-sends-workers-to-donbas-reports-say/")
    assert "seeds/diplomat-jsonld.html.txt" in article and "Web page as saved" in article
    assert 'href="https://thediplomat.com/2022/09/north-korea-sends-workers-to-donbas/"' in article
    hostile = next(site.glob("articles/2023/*/index.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in hostile and "Daily &lt;img src=x onerror=alert(1)&gt; Herald" in hostile


def test_export_writes_html_seeds_as_text(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    shutil.copy(GOLDEN / "hostile-metadata.html", root / "seeds" / "hostile-metadata.html")
    assert ingest_paths([root / "seeds" / "hostile-metadata.html"], root).report.errors == []
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "export", str(out)],
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert (out / "seeds" / "hostile-metadata.html.txt").is_file()
    assert not list(out.rglob("hostile-metadata.html"))


def test_a_page_over_the_seed_size_limit_says_how_to_save_it_smaller(project: Path) -> None:
    html = (GOLDEN / "tass-opengraph.html").read_text(encoding="utf-8")
    padded = html.replace("</head>", "<style>" + "x" * 1_100_000 + "</style></head>")
    (project / "seeds" / "big.html").write_text(padded, encoding="utf-8")
    result = ingest_paths([project / "seeds"], project)
    [problem] = result.report.errors
    assert problem.code == "seed-too-large" and "HTML only" in (problem.hint or "")
