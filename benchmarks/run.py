"""The benchmark suite: ``python -m benchmarks [--sizes 100,500,1000 | --quick] [...]``.

For each corpus size N it generates (under benchmarks/out/nN/) three projects on the same
synthetic articles and measures, each in a fresh subprocess:

* baseline  ``mkdocs build`` of plain mkdocs-material with the article files under docs/;
* ours      ``mkdocs build`` of the repository's mkdocs.yml + docs/ + generated corpus/;
* pipeline  ``build_site(root)`` alone (load + index + render, no MkDocs);
* check     ``python -m build_tools --root P check``;
* ingest    ``python -m build_tools --root P ingest P/seeds`` on the articles' raw seeds.

Progress goes to stderr; the table goes to stdout, benchmarks/out/results.md and .json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import pstats
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from . import corpus_gen as gen
from .measure import PYTHON, Measured, best_of, count_files, file_size_mib, run_measured, tree_size_mib

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
CHILD = HERE / "_pipeline_child.py"
DEFAULT_SIZES = [100, 500, 1000]
QUICK_SIZES = [50, 200]
SELFCHECK_SIZE = 16

COLUMNS = [
    ("size", "size"),
    ("baseline_build_s", "baseline build s"),
    ("ours_build_s", "ours build s"),
    ("build_ratio", "ratio"),
    ("baseline_peak_mib", "baseline peak MB"),
    ("ours_peak_mib", "ours peak MB"),
    ("peak_ratio", "ratio"),
    ("ours_site_mib", "site MB (ours)"),
    ("ours_search_index_mib", "search index MB"),
    ("pipeline_s", "pipeline-only s"),
    ("check_s", "check s"),
    ("ingest_seeds_per_s", "ingest seeds/s"),
]


def log(message: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", file=sys.stderr, flush=True)


def mkdocs_cmd(strict: bool = False) -> list[str]:
    return [PYTHON, "-m", "mkdocs", "build", "--clean"] + (["--strict"] if strict else [])


def build_tools_cmd(root: Path, *args: str) -> list[str]:
    return [PYTHON, "-m", "build_tools", "--root", str(root), *args]


def warnings_in(text: str) -> int:
    return len(re.findall(r"^WARNING\b", text, flags=re.M))


class BenchError(RuntimeError):
    pass


def _require_ok(what: str, measured: Measured) -> None:
    if measured.returncode != 0:
        tail = "\n".join(measured.log_text().splitlines()[-25:])
        raise BenchError(f"{what} failed with exit status {measured.returncode} "
                         f"(log: {measured.log}):\n{tail}")


# --- self-check --------------------------------------------------------------------------------

def selfcheck(out: Path, seed: int) -> None:
    """Before timing anything: the generated corpus must be valid for the repo's own tools."""
    folder = out / "selfcheck"
    if folder.exists():
        shutil.rmtree(folder)
    articles = gen.generate_articles(SELFCHECK_SIZE, seed=seed)
    words = [len(a.seed_text.split()) for a in articles]
    assert 1000 <= sum(words) / len(words) <= 1400, f"articles average {sum(words) / len(words)} words"
    assert any("{.speaker .tn actor=" in a.body for a in articles), "no interview in the sample"
    assert any("inferred=dash-after-introduction" in a.body for a in articles)
    ours = gen.write_ours(folder / "ours", articles)
    baseline = gen.write_baseline(folder / "baseline", articles)
    ingest = gen.write_ingest_project(folder / "ingest", articles)
    logs = folder / "logs"

    checked = run_measured(build_tools_cmd(ours, "check"), ours, logs / "check.log")
    text = checked.log_text()
    expected = f"check: {len(articles)} articles"
    if checked.returncode != 0 or expected not in text or "0 errors, 0 warnings" not in text:
        raise BenchError(f"self-check: generated articles do not pass `build_tools check`:\n{text}")
    log(f"self-check: {len(articles)} generated articles pass `build_tools check` "
        f"(avg {sum(words) // len(words)} words)")

    ingested = run_measured(build_tools_cmd(ingest, "ingest", str(ingest / "seeds")), ingest,
                            logs / "ingest.log")
    text = ingested.log_text()
    if ingested.returncode != 0 or f"ingest: {len(articles)} new" not in text or " 0 failed" not in text:
        raise BenchError(f"self-check: generated seeds do not ingest cleanly:\n{text[-3000:]}")
    rechecked = run_measured(build_tools_cmd(ingest, "check"), ingest, logs / "check-ingested.log")
    if rechecked.returncode != 0:
        raise BenchError(f"self-check: ingested articles fail check:\n{rechecked.log_text()}")
    log(f"self-check: {len(articles)} generated seeds ingest and the result passes check")

    built = run_measured(mkdocs_cmd(), ours, logs / "ours.log")
    _require_ok("self-check: `mkdocs build` of ours", built)
    site_warnings = [line for line in built.log_text().splitlines() if line.startswith("WARNING")]
    # The plugin logs corpus diagnostics as 'WARNING -  corpus/...:LINE: error: ...'.
    corpus_warnings = [w for w in site_warnings if re.search(r"\bcorpus/\S+:\d+", w)]
    if corpus_warnings:
        raise BenchError("self-check: the corpus plugin reports problems in the generated "
                         "corpus:\n" + "\n".join(corpus_warnings[:20]))
    if site_warnings:
        # Not the generated corpus: the repository's own pages or templates (a work in
        # progress elsewhere). Timings still hold, but `--strict` would fail.
        log(f"self-check: NOTE ours logs {len(site_warnings)} MkDocs warning(s) not caused by "
            f"the generated corpus (so `mkdocs build --strict` fails); first: "
            f"{site_warnings[0][:200]}")
    plain = run_measured(mkdocs_cmd(), baseline, logs / "baseline.log")
    _require_ok("self-check: `mkdocs build` of the baseline", plain)
    for name, root in (("ours", ours), ("baseline", baseline)):
        for article in articles[:3]:
            page = root / "site" / "articles" / article.year / article.slug / "index.html"
            if not page.is_file():
                raise BenchError(f"self-check: {name} site lacks {page}")
    log("self-check: both sites build and contain the article pages")


# --- one size ---------------------------------------------------------------------------------

def bench_size(n: int, runs: int, ingest_count: int, out: Path, seed: int,
               keep_sites: bool, starter: bool = False) -> dict[str, Any]:
    folder = out / f"n{n}"
    logs = folder / "logs"
    log(f"[n={n}] generating {n} articles (+ seeds) ...")
    t0 = time.perf_counter()
    articles = gen.generate_articles(n, seed=seed)
    ours = gen.write_ours(folder / "ours", articles)
    baseline = gen.write_baseline(folder / "baseline", articles)
    ingest_articles = articles[:ingest_count]
    ingest = gen.write_ingest_project(folder / "ingest", ingest_articles)
    if starter:  # ingest with the starter registry's actors beneath the corpus's own
        (ingest / "corpus" / "config.yml").write_text("starter:\n  - world\n", encoding="utf-8")
    corpus_mib = tree_size_mib(ours / "corpus" / "articles")
    log(f"[n={n}] generated in {time.perf_counter() - t0:.1f} s "
        f"({corpus_mib:.1f} MB of article Markdown)")
    row: dict[str, Any] = {"size": n, "runs": runs, "corpus_articles_mib": corpus_mib,
                           "loadavg_1min_start": round(os.getloadavg()[0], 2)}
    busy_warning(f"[n={n}]")

    def timed(label: str, cmd: list[str], cwd: Path, stem: str, count: int = runs,
              before: Any = None) -> tuple[Measured, list[Measured]]:
        best, all_runs = best_of(count, cmd, cwd, logs / stem, before)
        _require_ok(f"[n={n}] {label}", all_runs[-1])
        walls = ", ".join(f"{m.wall_s:.2f}" for m in all_runs)
        log(f"[n={n}] {label}: best {best.wall_s:.2f} s (runs: {walls}), "
            f"peak {best.peak_mib:.0f} MB")
        return best, all_runs

    log(f"[n={n}] baseline mkdocs build x{runs} ...")
    base, _ = timed("baseline mkdocs build", mkdocs_cmd(), baseline, "baseline-build")
    row.update(baseline_build_s=base.wall_s, baseline_peak_mib=base.peak_mib,
               baseline_warnings=warnings_in(base.log_text()),
               baseline_site_mib=tree_size_mib(baseline / "site"),
               baseline_search_index_mib=file_size_mib(baseline / "site/search/search_index.json"),
               baseline_html_pages=count_files(baseline / "site"))

    log(f"[n={n}] ours mkdocs build x{runs} ...")
    mine, _ = timed("ours mkdocs build", mkdocs_cmd(), ours, "ours-build")
    row.update(ours_build_s=mine.wall_s, ours_peak_mib=mine.peak_mib,
               ours_warnings=warnings_in(mine.log_text()),
               ours_site_mib=tree_size_mib(ours / "site"),
               ours_search_index_mib=file_size_mib(ours / "site/search/search_index.json"),
               ours_html_pages=count_files(ours / "site"))
    row["build_ratio"] = row["ours_build_s"] / row["baseline_build_s"]
    row["peak_ratio"] = row["ours_peak_mib"] / row["baseline_peak_mib"]
    if not keep_sites:
        shutil.rmtree(baseline / "site", ignore_errors=True)
        shutil.rmtree(ours / "site", ignore_errors=True)

    log(f"[n={n}] pipeline only (build_site) x{runs} ...")
    best_pipe: dict[str, Any] | None = None
    pipe_runs = []
    for number in range(1, runs + 1):
        measured = run_measured([PYTHON, str(CHILD), str(ours)], ours,
                                logs / f"pipeline.{number}.log")
        _require_ok(f"[n={n}] pipeline", measured)
        result = json.loads(measured.log_text().strip().splitlines()[-1])
        result.update(wall_s=measured.wall_s, peak_mib=measured.peak_mib)
        pipe_runs.append(result)
        if best_pipe is None or result["build_site_s"] < best_pipe["build_site_s"]:
            best_pipe = result
    assert best_pipe is not None
    if best_pipe["errors"] or best_pipe["articles"] != n:
        raise BenchError(f"[n={n}] build_site saw {best_pipe['articles']} articles and "
                         f"{best_pipe['errors']} errors")
    log(f"[n={n}] pipeline only: best {best_pipe['build_site_s']:.2f} s in build_site "
        f"(process {best_pipe['wall_s']:.2f} s, peak {best_pipe['peak_mib']:.0f} MB, "
        f"{best_pipe['pages']} pages)")
    row.update(pipeline_s=best_pipe["build_site_s"], pipeline_process_s=best_pipe["wall_s"],
               pipeline_peak_mib=best_pipe["peak_mib"], pipeline_pages=best_pipe["pages"],
               pipeline_markdown_mib=best_pipe["markdown_mib"])

    log(f"[n={n}] build_tools check x{runs} ...")
    chk, _ = timed("build_tools check", build_tools_cmd(ours, "check"), ours, "check")
    row.update(check_s=chk.wall_s, check_peak_mib=chk.peak_mib)

    log(f"[n={n}] ingest of {len(ingest_articles)} seeds ...")
    ing, _ = timed("build_tools ingest", build_tools_cmd(ingest, "ingest", str(ingest / "seeds")),
                   ingest, "ingest", count=1, before=lambda: gen.reset_ingest_output(ingest))
    written = sum(1 for _ in (ingest / "corpus" / "articles").rglob("*.md"))
    if written != len(ingest_articles):
        raise BenchError(f"[n={n}] ingest wrote {written} of {len(ingest_articles)} articles")
    row.update(ingest_seeds=len(ingest_articles), ingest_s=ing.wall_s,
               ingest_seeds_per_s=len(ingest_articles) / ing.wall_s, ingest_peak_mib=ing.peak_mib)
    log(f"[n={n}] ingest: {row['ingest_seeds_per_s']:.1f} seeds/s")
    row["loadavg_1min_end"] = round(os.getloadavg()[0], 2)
    return row


def busy_warning(where: str) -> None:
    """Timings are only comparable on an otherwise idle machine: say when it is not."""
    load = os.getloadavg()[0]
    cpus = os.cpu_count() or 1
    if load > 0.75 * cpus:
        log(f"{where} WARNING: 1-min load average is {load:.2f} on {cpus} CPUs; other "
            "processes compete for the CPU and the timings will be noisy")


# --- profile ----------------------------------------------------------------------------------

def profile_size(n: int, out: Path, seed: int, top: int = 30) -> dict[str, Any]:
    """cProfile of build_site on the N-article project (generated if it is not there yet)."""
    root = out / f"n{n}" / "ours"
    if not (root / "corpus" / "articles").is_dir():
        gen.write_ours(root, gen.generate_articles(n, seed=seed))
    prof = out / f"profile-n{n}.prof"
    log(f"[profile] cProfile of build_site at n={n} ...")
    measured = run_measured([PYTHON, str(CHILD), str(root), str(prof)], root,
                            out / f"n{n}" / "logs" / "profile.log")
    _require_ok("profile", measured)
    result = json.loads(measured.log_text().strip().splitlines()[-1])
    text_path = out / f"profile-n{n}.txt"
    with open(text_path, "w", encoding="utf-8") as handle:
        stats = pstats.Stats(str(prof), stream=handle)
        stats.strip_dirs().sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)
    raw: dict[Any, Any] = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    rows = []
    for (filename, line, func), (_cc, nc, tt, ct, _callers) in raw.items():
        rows.append({"function": f"{Path(filename).name}:{line}({func})", "file": filename,
                     "calls": nc, "tottime_s": tt, "cumtime_s": ct})
    by_cum = sorted(rows, key=lambda r: -r["cumtime_s"])
    by_tot = sorted(rows, key=lambda r: -r["tottime_s"])
    stages = {}
    for stage in ("load_corpus", "build_indexes", "render_site", "source_files"):
        found = [r for r in rows if r["function"].endswith(f"({stage})")
                 and "build_tools" in r["file"]]
        if found:
            stages[stage] = max(r["cumtime_s"] for r in found)
    log(f"[profile] build_site under cProfile: {result['build_site_s']:.2f} s "
        f"({', '.join(f'{k} {v:.2f} s' for k, v in stages.items())}); stats in {text_path}")
    return {"size": n, "build_site_s_profiled": result["build_site_s"], "stages": stages,
            "top_cumulative": by_cum[:top], "top_tottime": by_tot[:top]}


# --- output -----------------------------------------------------------------------------------

def _fmt(key: str, value: Any) -> str:
    if value is None:
        return "–"
    if key == "size":
        return str(value)
    if key.endswith("ratio"):
        return f"{value:.2f}x"
    if key.endswith("per_s"):
        return f"{value:.1f}"
    return f"{value:.2f}"


def table_text(rows: list[dict[str, Any]]) -> str:
    headers = [h for _, h in COLUMNS]
    cells = [[_fmt(k, r.get(k)) for k, _ in COLUMNS] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h)
              for i, h in enumerate(headers)]
    line = " | ".join(h.rjust(w) for h, w in zip(headers, widths, strict=False))
    sep = "-+-".join("-" * w for w in widths)
    body = [" | ".join(c.rjust(w) for c, w in zip(cell, widths, strict=False)) for cell in cells]
    return "\n".join([line, sep, *body])


def table_markdown(rows: list[dict[str, Any]]) -> str:
    headers = [h for _, h in COLUMNS]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" for _ in headers) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(_fmt(k, r.get(k)) for k, _ in COLUMNS) + " |")
    return "\n".join(lines)


def environment(args: argparse.Namespace) -> dict[str, Any]:
    versions: dict[str, str] = {}
    for dist in ("mkdocs", "mkdocs-material", "markdown", "pydantic", "pyyaml"):
        try:
            from importlib.metadata import version

            versions[dist] = version(dist)
        except Exception:  # pragma: no cover - reporting only
            versions[dist] = "?"
    return {"date": dt.datetime.now().isoformat(timespec="seconds"), "cpus": os.cpu_count(),
            "platform": platform.platform(), "python": platform.python_version(),
            "versions": versions, "seed": args.seed, "runs": args.runs,
            "starter": args.starter,
            "note": "times are wall seconds, best of `runs`; MB = MiB (2^20 bytes); peak = "
                    "max RSS of the measured process"}


def write_results(out: Path, rows: list[dict[str, Any]], env: dict[str, Any],
                  profile: dict[str, Any] | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    md = ["# Benchmark results", "",
          f"Run {env['date']} on {env['cpus']} CPUs, Python {env['python']}, "
          f"mkdocs {env['versions']['mkdocs']}, mkdocs-material {env['versions']['mkdocs-material']}. "
          f"Wall seconds, best of {env['runs']} run(s) (ingest: 1 run); MB = MiB.", "",
          table_markdown(rows), ""]
    extra = ["size", "baseline_html_pages", "ours_html_pages", "baseline_site_mib",
             "baseline_search_index_mib", "pipeline_process_s", "pipeline_peak_mib",
             "check_peak_mib", "ingest_seeds", "ingest_s", "baseline_warnings", "ours_warnings"]
    md += ["Details:", "", "| " + " | ".join(extra) + " |", "|" + "|".join("---:" for _ in extra) + "|"]
    for r in rows:
        md.append("| " + " | ".join(str(round(r[k], 2)) if isinstance(r.get(k), float)
                                    else str(r.get(k, "–")) for k in extra) + " |")
    md.append("")
    if profile:
        md += [f"## cProfile of build_site at N={profile['size']} "
               f"({profile['build_site_s_profiled']:.2f} s under the profiler)", "",
               "Stages (cumulative s): " + ", ".join(f"{k} {v:.2f}" for k, v in
                                                   profile["stages"].items()), "",
               "By cumulative time:", "",
               "| function | calls | cumulative s | own s |", "|---|---:|---:|---:|"]
        for r in profile["top_cumulative"][:15]:
            md.append(f"| `{r['function']}` | {r['calls']} | {r['cumtime_s']:.2f} | {r['tottime_s']:.2f} |")
        md += ["", "By own time:", "", "| function | calls | cumulative s | own s |",
               "|---|---:|---:|---:|"]
        for r in profile["top_tottime"][:10]:
            md.append(f"| `{r['function']}` | {r['calls']} | {r['cumtime_s']:.2f} | {r['tottime_s']:.2f} |")
        md.append("")
    (out / "results.md").write_text("\n".join(md), encoding="utf-8")
    (out / "results.json").write_text(json.dumps({"environment": env, "rows": rows,
                                                  "profile": profile}, indent=2), encoding="utf-8")


# --- main -------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", help="comma-separated corpus sizes (default: "
                        + ",".join(map(str, DEFAULT_SIZES)) + ")")
    parser.add_argument("--quick", action="store_true",
                        help="sizes " + ",".join(map(str, QUICK_SIZES)) + ", one run each")
    parser.add_argument("--runs", type=int, default=None,
                        help="runs per timed command, best kept (default 2; 1 with --quick)")
    parser.add_argument("--ingest", type=int, default=None, metavar="K",
                        help="seeds to ingest per size (default: N, at most 1000)")
    parser.add_argument("--seed", type=int, default=20261126, help="generator seed")
    parser.add_argument("--profile", nargs="?", const=-1, type=int, default=None, metavar="N",
                        help="also cProfile build_site at size N (default: the largest size)")
    parser.add_argument("--starter", action="store_true",
                        help="ingest with the starter registry on (registry add-starter)")
    parser.add_argument("--no-selfcheck", action="store_true", help="skip the validity self-check")
    parser.add_argument("--keep-sites", action="store_true",
                        help="keep the built site/ folders (deleted by default to save disk)")
    parser.add_argument("--out", default=str(OUT), help="output folder (default benchmarks/out)")
    args = parser.parse_args(argv)
    if args.sizes:
        args.size_list = [int(s) for s in args.sizes.replace(" ", "").split(",") if s]
    else:
        args.size_list = QUICK_SIZES if args.quick else DEFAULT_SIZES
    if any(n < 1 for n in args.size_list):
        parser.error("sizes must be positive")
    if args.runs is None:
        args.runs = 1 if args.quick else 2
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = environment(args)
    started = time.perf_counter()
    log(f"benchmarks: sizes {args.size_list}, best of {args.runs} run(s), output in {out}")
    try:
        busy_warning("start:")
        if not args.no_selfcheck:
            selfcheck(out, args.seed)
        rows: list[dict[str, Any]] = []
        for n in args.size_list:
            ingest_count = args.ingest if args.ingest is not None else min(n, 1000)
            rows.append(bench_size(n, args.runs, min(ingest_count, n), out, args.seed,
                                   args.keep_sites, args.starter))
            write_results(out, rows, env, None)  # partial results survive an interrupted run
        profile = None
        if args.profile is not None:
            size = max(args.size_list) if args.profile == -1 else args.profile
            profile = profile_size(size, out, args.seed)
        write_results(out, rows, env, profile)
    except BenchError as exc:
        log(f"FAILED: {exc}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    log(f"done in {time.perf_counter() - started:.0f} s; results in {out / 'results.md'} "
        f"and {out / 'results.json'}")
    print(table_text(rows))
    if profile:
        print(f"\nTop functions by cumulative time in build_site (n={profile['size']}, cProfile):")
        for r in profile["top_cumulative"][:10]:
            print(f"  {r['cumtime_s']:7.2f} s cum  {r['tottime_s']:7.2f} s own  "
                  f"{r['calls']:>9} calls  {r['function']}")
    return 0
