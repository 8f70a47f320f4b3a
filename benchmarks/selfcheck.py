"""Before timing anything, the generated corpus must be valid for the repository's own tools
(``selfcheck``); and ``profile_size``: a cProfile of ``build_site`` at one size."""

from __future__ import annotations

import json
import pstats
import re
import shutil
from pathlib import Path
from typing import Any

from . import corpus_gen as gen
from .common import BenchError, build_tools_cmd, log, mkdocs_cmd, require_ok
from .measure import PYTHON, run_measured

HERE = Path(__file__).resolve().parent
CHILD = HERE / "_pipeline_child.py"
SELFCHECK_SIZE = 16


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
    require_ok("self-check: `mkdocs build` of ours", built)
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
    require_ok("self-check: `mkdocs build` of the baseline", plain)
    for name, root in (("ours", ours), ("baseline", baseline)):
        for article in articles[:3]:
            page = root / "site" / "articles" / article.year / article.slug / "index.html"
            if not page.is_file():
                raise BenchError(f"self-check: {name} site lacks {page}")
    log("self-check: both sites build and contain the article pages")


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
    require_ok("profile", measured)
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
