"""Ingest stage: a web page saved from a browser (``seeds/*.html``) read as a seed.

Input: the page's decoded HTML, the ``--date`` for pages without one, the limits. Output: a
``WebPage``: the same ``ParsedSeed`` a text seed gives (title, date, paragraphs, with lines in
the HTML file) plus ``PageFacts`` (canonical address, outlet name, authors, declared language,
and the ``Extraction`` record of where each came from).

The article text and metadata come from trafilatura (``bare_extraction``), which drops the
navigation, cookie banners, related links and comments of a news page. Its choices are kept;
``page_meta`` only finds where the page states each one. The page is untrusted: every value
is plain text from here on (escaped wherever it is shown), addresses must be http(s), and
the HTML itself is never served as a page (``files.seeds.published_seed_uri``).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from build_tools.diagnostics import Diagnostic, error, warning
from build_tools.ingest.dates import parse_date_line
from build_tools.ingest.language import detect_language
from build_tools.ingest.page_meta import PageEvidence, language_code, origin_of, read_evidence, web_url
from build_tools.ingest.seed import Paragraph, ParsedSeed, fill_text
from build_tools.limits import Limits, limit_error
from build_tools.model import ExtractedFrom, Extraction, FieldOrigin

HTML_SUFFIXES = (".html", ".htm")
MIN_WORDS = 20  # less text than this is a teaser or an index page, not an article


def is_web_page(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


@dataclass
class PageFacts:
    """What the page says about itself beyond its text."""

    extraction: Extraction
    language: str  # the article's language: detected, else declared, else en

    @property
    def url(self) -> str | None:
        return self.extraction.url

    @property
    def site_name(self) -> str | None:
        return self.extraction.site_name


@dataclass
class WebPage:
    seed: ParsedSeed  # its problems are errors: the page cannot become an article
    facts: PageFacts | None  # None when the page gave no article (see seed.problems)
    warnings: list[Diagnostic] = field(default_factory=list)  # lines in the HTML, no path yet


def _extract(html: str) -> Any:
    """trafilatura's reading of the page, or None when it finds no main text."""
    import trafilatura

    # trafilatura logs each page it gives up on; ingest reports that as a diagnostic instead
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    dates = {"original_date": True, "extensive_search": False,  # a date the markup states, no guess
             "max_date": dt.date.today().isoformat()}
    return trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, date_extraction_params=dates)


def tool_name() -> str:
    import trafilatura

    return f"trafilatura {trafilatura.__version__}"


def read_web_page(html: str, default_date: str | None = None, limits: Limits | None = None) -> WebPage:
    """The page as a seed; on no article, no title or no date, the problem (lines in the HTML)."""
    limits = limits or Limits()
    seed = ParsedSeed()
    doc = _extract(html) if html.strip() else None
    title = " ".join((doc.title or "").split()) if doc is not None else ""
    headings = {title} | {v for o, v in read_evidence(_tree(html)).values("title") if o == "h1"} \
        if doc is not None else set()
    paragraphs = _paragraphs(html, doc.text or "", headings) if doc is not None else []
    words = sum(len(p.text.split()) for p in paragraphs)
    if doc is None or words < MIN_WORDS:
        seed.problems.append(error(
            "no article text found in this web page" + (f" (only {words} words)" if words else ""),
            "no-article", line=1, hint="save the article's own page (not a front page, search or "
            "list of links) as 'Web page, complete' or 'HTML only', or copy its text into a .txt seed"))
        return WebPage(seed, None)
    evidence = read_evidence(_tree(html))
    url, url_origin = _canonical_url(evidence, doc.url)
    title_line = _line_of(html, title, 0)[0] if title else 1
    seed.title, seed.title_line = title or None, title_line
    problem = _title_problem(title, title_line, limits)
    if problem is not None:
        seed.problems.append(problem)
        return WebPage(seed, None)
    origins: dict[str, FieldOrigin | None] = {"title": FieldOrigin(origin_of("title", title, evidence))}
    page_date = parse_date_line(doc.date) if doc.date else None
    if page_date:
        seed.date = page_date
        origins["date"] = FieldOrigin(origin_of("date", page_date, evidence, url))
    elif default_date:
        seed.date, origins["date"] = default_date, FieldOrigin.GIVEN
    else:
        seed.problems.append(error(
            "the web page states no publication date", "no-date", line=title_line,
            hint="give it: ingest --date YYYY-MM-DD (the date the article was published)"))
        return WebPage(seed, None)
    fill_text(seed, paragraphs, places=False)
    authors = _authors(doc.author)
    if authors:
        origins["authors"] = FieldOrigin(origin_of("author", authors[0], evidence))
    site_name = " ".join(doc.sitename.split())[:300] if doc.sitename else None
    if site_name:
        origins["site_name"] = FieldOrigin(origin_of("site_name", site_name, evidence))
    if url:
        origins["url"] = FieldOrigin(url_origin)
    declared = _declared_language(evidence)
    language, origins["language"] = _choose_language(seed, declared)
    notes = _other_dates(evidence, seed.date, origins["date"], title_line)
    if declared and declared[1] != language:
        notes.append(warning(
            f"the page declares its language as '{declared[1]}' but its text reads as '{language}'; "
            f"recorded '{language}'", "language-mismatch", line=1,
            hint="correct language: in the article if the text says otherwise"))
    # only what the page gives is written: no empty lists or nulls in the front matter
    given = {"url": url, "site_name": site_name, "authors": authors,
             "declared_language": declared[1] if declared else None}
    extraction = Extraction.model_validate(
        {"tool": tool_name(), **{k: v for k, v in given.items() if v},
         "origins": ExtractedFrom.model_validate({k: v for k, v in origins.items() if v})})
    return WebPage(seed, PageFacts(extraction, language), notes)


def _tree(html: str) -> Any:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(html)
    except (ValueError, etree.ParserError):  # pragma: no cover - trafilatura parsed it already
        return lxml_html.document_fromstring("<html></html>")


def _paragraphs(html: str, text: str, headings: set[str]) -> list[Paragraph]:
    """trafilatura's text, one paragraph a line, each with the line of the HTML it starts on;
    the headline, which it often repeats as the first line, is not a paragraph."""
    found: list[Paragraph] = []
    position = 0
    for raw in text.split("\n"):
        line = " ".join(raw.replace("\u00a0", " ").split())
        if not line or (not found and line in headings):
            continue
        number, position = _line_of(html, line, position)
        found.append(Paragraph(line, number))
    return found


def _line_of(html: str, text: str, start: int) -> tuple[int, int]:
    """The line of the HTML where ``text`` begins (searched from ``start``), and where it is.
    Entities or tags inside the first words make it fall back to shorter prefixes, then to
    the line reached so far."""
    for size in (40, 16, 6):
        probe = text[:size]
        if len(probe) < min(size, len(text)) or not probe.strip():
            continue
        found = html.find(probe, start)
        if found != -1:
            return html.count("\n", 0, found) + 1, found
    return html.count("\n", 0, start) + 1, start


def _title_problem(title: str, line: int, limits: Limits) -> Diagnostic | None:
    if not title:
        return error("the web page has no title", "no-title", line=line,
                     hint="save the article's own page; its <title> or headline names the article")
    if len(title) > limits.title_length:
        return limit_error("title_length", limits, f"the page's title is {len(title):,} characters",
                           "title-too-long", "copy the text into a .txt seed with a shorter title",
                           line=line)
    return None


def _canonical_url(evidence: PageEvidence, extracted: str | None) -> tuple[str | None, str]:
    """The canonical link, else JSON-LD's page address, else OpenGraph's, else trafilatura's
    (which prefers og:url, often carrying tracking parameters); and where it came from."""
    order = {"canonical-link": 0, "json-ld": 1, "opengraph": 2, "meta": 3}
    stated = sorted(evidence.values("url"), key=lambda item: order.get(item[0], 9))
    for origin, value in stated:
        url = web_url(value)
        if url:
            return url, origin
    return web_url(extracted), "page-text"


def _other_dates(evidence: PageEvidence, date: str | None, origin: FieldOrigin | None,
                 line: int) -> list[Diagnostic]:
    """A page stating another publication date elsewhere (JSON-LD against a meta tag) is
    worth a look: one of them is often the time of an update, or of the wire original."""
    if origin is FieldOrigin.GIVEN or not date:
        return []
    others = sorted({f"{value[:10]} ({where})" for where, value in evidence.values("date")
                     if parse_date_line(value[:10]) and value[:10] != date})
    if not others:
        return []
    return [warning(f"the page also states the publication date {', '.join(others)}; recorded "
                    f"{date}", "dates-disagree", line=line,
                    hint="check the article's date on the page; correct date: if needed")]


def _authors(value: str | None) -> list[str]:
    """trafilatura joins several authors with '; '."""
    names = [" ".join(n.split()) for n in (value or "").split(";")]
    return [n[:200] for n in dict.fromkeys(n for n in names if n)]


def _declared_language(evidence: PageEvidence) -> tuple[FieldOrigin, str] | None:
    for origin, value in evidence.values("language"):
        code = language_code(value)
        if code:
            return FieldOrigin(origin), code
    return None


def _choose_language(seed: ParsedSeed, declared: tuple[FieldOrigin, str] | None
                     ) -> tuple[str, FieldOrigin]:
    """The text decides when it is long enough (templates often keep lang="en" on every
    page); a short text takes what the page declares, else en."""
    guess = detect_language(" ".join(p.text for p in seed.paragraphs[:20]))
    if guess.code:
        return guess.code, FieldOrigin.DETECTED
    if declared:
        return declared[1], declared[0]
    return "en", FieldOrigin.DEFAULT
