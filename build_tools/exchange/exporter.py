"""Export: every article's annotations as PTC label files, brat files or W3C JSON-LD.

Input: the corpus (loaded and indexed, as for the site). Output, in OUT (a new or empty
folder, or one an export wrote): ``article<id>.labels`` per article with techniques (PTC);
``<seed name>.txt`` (the seed exactly) and ``<seed name>.ann`` per article with a seed
(brat); ``<article id>.jsonld`` per annotated article and ``corpus.jsonld`` (W3C, the same
files the site publishes under ``annotations/``). Spans left out are reported as warnings
naming the corpus file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from build_tools.diagnostics import Report
from build_tools.exchange.brat import format_ann
from build_tools.exchange.collect import collect_records
from build_tools.exchange.ptc import format_ptc_labels, ptc_article_id
from build_tools.exchange.w3c import FOLDER, annotation_files
from build_tools.files.outfolder import MARKER, unsafe_target
from build_tools.files.textfile import write_atomic
from build_tools.index import Indexes, build_indexes
from build_tools.load import load_corpus

FORMATS = ("ptc", "brat", "w3c")


@dataclass
class ExportResult:
    report: Report = field(default_factory=Report)
    written: list[Path] = field(default_factory=list)


def export_annotations(root: Path, fmt: str, out: Path, site_url: str | None = None) -> ExportResult:
    result = ExportResult()
    problem = unsafe_target(root, out)
    if problem:
        result.report.error(str(out), 1, problem, "bad-export-folder",
                            "choose a new or empty folder, e.g. /tmp/annotations")
        return result
    corpus, _ = load_corpus(root)  # the corpus's own problems are check's business
    idx = build_indexes(corpus)
    files = {"ptc": _ptc_files, "brat": _brat_files, "w3c": _w3c_files}[fmt](idx, result.report, site_url)
    for name, text in files.items():
        write_atomic(out / name, text)
        result.written.append(out / name)
    write_atomic(out / MARKER, "Written by `python -m build_tools annotations export`; safe to replace.\n")
    return result


def _ptc_files(idx: Indexes, report: Report, site_url: str | None) -> dict[str, str]:
    files: dict[str, str] = {}
    for article in idx.corpus.articles:
        collected = collect_records(idx, article, ("technique",))
        report.extend(collected.skipped)
        if collected.records:
            ptc_id = ptc_article_id(article.meta.seed, article.id)
            files[f"article{ptc_id}.labels"] = format_ptc_labels(ptc_id, collected.records)
    return files


def _brat_files(idx: Indexes, report: Report, site_url: str | None) -> dict[str, str]:
    files: dict[str, str] = {}
    for article in idx.corpus.articles:
        collected = collect_records(idx, article)
        report.extend(collected.skipped)
        if collected.seed is None or not article.meta.seed:
            continue
        name = PurePosixPath(article.meta.seed).stem
        if f"{name}.ann" in files:
            report.warning(article.path, 1, f"another article's seed is also named {name}; "
                           "not exported to brat", "brat-name-clash",
                           "brat pairs X.ann with X.txt: give the seeds different names")
            continue
        brat = format_ann(collected.seed, collected.records)
        report.extend(brat.problems)
        files[f"{name}.txt"] = collected.seed
        files[f"{name}.ann"] = brat.text
    return files


def _w3c_files(idx: Indexes, report: Report, site_url: str | None) -> dict[str, str]:
    if not site_url:
        report.warning("annotations", 1, "no --site-url: annotation URLs are relative to the site's "
                       f"{FOLDER}/ folder", "relative-urls",
                       "give the site's public address, e.g. --site-url https://example.org/corpus/")
    made = annotation_files(idx, site_url)
    report.extend(made.skipped)
    return {path.removeprefix(f"{FOLDER}/"): text for path, text in made.files.items()}
