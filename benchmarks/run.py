"""The benchmark suite: ``python -m benchmarks [--sizes 1000,5000,10000 | --quick] [--resume]``.

For each corpus size N it generates (under benchmarks/out/nN/) three projects on the same
synthetic articles and measures, each in a fresh subprocess:

* Material  ``mkdocs build`` of plain mkdocs-material with the article files under docs/;
* ours      ``mkdocs build`` of the repository's mkdocs.yml + docs/ + generated corpus/;
* pipeline  ``build_site(root)`` alone (load + index + render, no MkDocs);
* check     ``python -m build_tools --root P check``;
* ingest    ``python -m build_tools --root P ingest P/seeds`` on min(N, 1000) raw seeds with
            the actor registry padded to 2,000 actors;
* reload    ``mkdocs serve --livereload`` of both sites: a one-word edit of an article (and,
            for ours, of an actor's description) until the changed page is served.

Each finished step is saved in benchmarks/out/nN/row.json; ``--resume`` skips the steps a
killed run finished (same seed). Log lines go to stderr (with a bar on a terminal); the one
table goes to stdout, benchmarks/out/results.{md,json} and a block of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from build_tools.progress import Progress, took

from . import corpus_gen as gen
from . import payload, report
from .common import BenchError, build_tools_cmd, busy_warning, log, mkdocs_cmd, require_ok, use_bar
from .measure import PYTHON, Measured, best_of, count_files, run_measured, tree_size_mib
from .registry_gen import pad_actors
from .reload import Edit, ReloadError, measure_reloads
from .selfcheck import CHILD, profile_size, selfcheck

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RESULTS_MD = HERE / "RESULTS.md"
DEFAULT_SIZES = [1000, 5000, 10000]
QUICK_SIZES = [200]
INGEST_ACTORS = 2000
STEPS = ["generate", "material build", "ours build", "pipeline", "check", "ingest",
         "material reload", "ours reload"]
RELOAD_ACTOR = "vladimir-putin"  # named by many generated articles: its page lists them all
NEW_WORD = "zqxbenchword"


def _body_word(path: Path) -> tuple[str, int]:
    """A plain lower-case word of the body (past the front matter, outside any markup)."""
    text = path.read_text(encoding="utf-8")
    start = text.find("\n---", 3) + 4 if text.startswith("---") else 0
    offset = start
    for line in text[start:].splitlines(keepends=True):
        plain = line.strip() and not re.search(r"[{}\[\]<>|#*_`:]", line)
        found = re.search(r"\b[a-z]{6,}\b", line) if plain else None
        if found:
            return found.group(0), offset
        offset += len(line)
    raise BenchError(f"no plain word to edit in {path}")


def _reload_edits(root: Path, ours: bool, article: Path) -> list[Edit]:
    """The same article on both sides (``article``: its file in ours' corpus/articles)."""
    year, slug = article.parent.name, article.stem[11:]  # YYYY-MM-DD-<slug>
    path = article if ours else root / "docs" / "articles" / year / f"{slug}.md"
    word, after = _body_word(path)
    edits = [Edit(path, word, NEW_WORD, f"/articles/{year}/{slug}/", after)]
    actor = root / "corpus" / "actors" / f"{RELOAD_ACTOR}.md"
    if ours and actor.is_file():
        word, after = _body_word(actor)
        edits.append(Edit(actor, word, NEW_WORD + "b", f"/actors/{RELOAD_ACTOR}/", after))
    return edits


def _site_facts(prefix: str, site: Path) -> dict[str, Any]:
    found = payload.our_payload(site) if prefix == "ours" else payload.material_payload(site)
    facts: dict[str, Any] = {f"{prefix}_site_bytes": round(tree_size_mib(site) * 1024 * 1024),
             f"{prefix}_pages": count_files(site),
             # where the bytes are: each top-level folder of site/ (articles, search, data, ...)
             f"{prefix}_folders": {p.name: round(tree_size_mib(p) * 1024 * 1024)
                                   for p in sorted(site.iterdir()) if p.is_dir()} if site.is_dir() else {}}
    if found is not None:
        facts.update({f"{prefix}_search_bytes": found.raw_bytes, f"{prefix}_search_gzip": found.gzip_bytes,
                      f"{prefix}_search_files": found.files, f"{prefix}_search_latency_s": found.latency_s})
        if prefix == "ours":
            facts["search_method"] = found.method
    return facts


class SizeRun:
    """The steps at one size; each one's results are saved as soon as it ends."""

    def __init__(self, n: int, args: argparse.Namespace, out: Path, bar: Progress) -> None:
        self.n, self.args, self.bar = n, args, bar
        self.runs = args.runs if args.runs is not None else (2 if n <= 1000 else 1)
        self.folder = out / f"n{n}"
        self.logs = self.folder / "logs"
        self.state = self.folder / "row.json"
        self.ours, self.base, self.ingest = (self.folder / p for p in ("ours", "baseline", "ingest"))
        self.row: dict[str, Any] = {"n": n, "seed": args.seed, "runs": self.runs, "done": []}
        if args.resume and self.state.is_file():
            saved = json.loads(self.state.read_text(encoding="utf-8"))
            if saved.get("seed") == args.seed:
                self.row = saved
                log(f"[n={n}] resuming: {', '.join(saved['done']) or 'nothing'} already done")

    def step(self, name: str, action: Callable[[], dict[str, Any]]) -> None:
        if name not in self.row["done"]:
            self.bar.describe(f"N={self.n}: {name}")
            log(f"[n={self.n}] {name} ...")
            self.row.update(action())
            self.row["done"].append(name)
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.state.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.row, indent=2), encoding="utf-8")
            os.replace(tmp, self.state)
        self.bar.update()

    def timed(self, label: str, cmd: list[str], cwd: Path, stem: str, count: int | None = None,
              before: Callable[[], None] | None = None) -> Measured:
        best, all_runs = best_of(count or self.runs, cmd, cwd, self.logs / stem, before)
        require_ok(f"[n={self.n}] {label}", all_runs[-1])
        walls = ", ".join(f"{m.wall_s:.2f}" for m in all_runs)
        log(f"[n={self.n}] {label}: best {best.wall_s:.2f} s (runs: {walls}), peak {best.peak_mib:.0f} MB")
        return best

    def run(self) -> dict[str, Any]:
        self.row["loadavg_start"] = round(os.getloadavg()[0], 2)
        busy_warning(f"[n={self.n}]")
        self.step("generate", self.generate)
        self.step("material build", lambda: self.build("base", self.base))
        self.step("ours build", lambda: self.build("ours", self.ours))
        self.step("pipeline", self.pipeline)
        self.step("check", self.check)
        self.step("ingest", self.ingest_seeds)
        self.step("material reload", lambda: self.reload(self.base, "base"))
        self.step("ours reload", lambda: self.reload(self.ours, "ours"))
        self.row["loadavg_end"] = round(os.getloadavg()[0], 2)
        return self.row

    def generate(self) -> dict[str, Any]:
        articles = gen.generate_articles(self.n, seed=self.args.seed)
        gen.write_ours(self.ours, articles)
        gen.write_baseline(self.base, articles)
        count = min(self.args.ingest if self.args.ingest is not None else 1000, self.n)
        gen.write_ingest_project(self.ingest, articles[:count])
        if self.args.starter:  # the starter registry's actors beneath the corpus's own
            (self.ingest / "corpus" / "config.yml").write_text("starter:\n  - world\n", encoding="utf-8")
        actors = len(list((self.ingest / "corpus" / "actors").glob("*.md")))
        actors += pad_actors(self.ingest, self.args.actors)
        return {"corpus_articles_mib": tree_size_mib(self.ours / "corpus" / "articles"),
                "ingest_seeds": count, "ingest_actors": actors, "ingest_starter": self.args.starter}

    def build(self, prefix: str, root: Path) -> dict[str, Any]:
        name = "Material" if prefix == "base" else "ours"
        best = self.timed(f"{name} mkdocs build", mkdocs_cmd(), root, f"{prefix}-build")
        facts = {f"{prefix}_build_s": best.wall_s, f"{prefix}_build_cpu_s": best.cpu_s,
                 f"{prefix}_peak_mb": best.peak_mib * 1.048576,
                 f"{prefix}_warnings": len(re.findall(r"^WARNING\b", best.log_text(), flags=re.M)),
                 **_site_facts(prefix, root / "site")}
        if not self.args.keep_sites:
            shutil.rmtree(root / "site", ignore_errors=True)
        return facts

    def pipeline(self) -> dict[str, Any]:
        best: dict[str, Any] | None = None
        for number in range(1, self.runs + 1):
            measured = run_measured([PYTHON, str(CHILD), str(self.ours)], self.ours,
                                    self.logs / f"pipeline.{number}.log")
            require_ok(f"[n={self.n}] pipeline", measured)
            result = json.loads(measured.log_text().strip().splitlines()[-1])
            if best is None or result["build_site_s"] < best["build_site_s"]:
                best = result
        assert best is not None
        if best["errors"] or best["articles"] != self.n:
            raise BenchError(f"[n={self.n}] build_site saw {best['articles']} articles and "
                             f"{best['errors']} errors")
        return {"pipeline_s": best["build_site_s"], "pipeline_pages": best["pages"]}

    def check(self) -> dict[str, Any]:
        """``check`` cold (caches off), then warm, as a pre-commit hook runs it after the first
        time: the files it loaded kept in a cache folder of the bench's own."""
        cmd = build_tools_cmd(self.ours, "check")
        cold = self.timed("build_tools check", cmd, self.ours, "check")
        with _user_cache(self.folder / "user-cache"):
            self.timed("build_tools check (filling the caches)", cmd, self.ours, "check-warm-up", count=1)
            warm = self.timed("build_tools check, caches warm", cmd, self.ours, "check-warm")
        return {"check_s": cold.wall_s, "check_warm_s": warm.wall_s}

    def ingest_seeds(self) -> dict[str, Any]:
        """Ingest with the user's caches off (a first run on a fresh machine: the language model
        unpacked, the gazetteer and the registry read), then warm: what every later run of a
        person does, in a cache folder of the bench's own, filled by one untimed run."""
        cold = self._ingest("ingest", "")
        with _user_cache(self.folder / "user-cache"):
            self._ingest("ingest-warm-up", " (filling the caches)")
            warm = self._ingest("ingest-warm", ", caches warm")
        return {"ingest_s": cold.wall_s, "ingest_cpu_s": cold.cpu_s,
                "ingest_peak_mb": cold.peak_mib * 1.048576,
                "ingest_warm_s": warm.wall_s, "ingest_warm_cpu_s": warm.cpu_s}

    def _ingest(self, stem: str, what: str) -> Measured:
        ingest = self.ingest
        ing = self.timed(f"build_tools ingest{what}",
                         build_tools_cmd(ingest, "ingest", str(ingest / "seeds")),
                         ingest, stem, count=1, before=lambda: gen.reset_ingest_output(ingest))
        written = sum(1 for _ in (ingest / "corpus" / "articles").rglob("*.md"))
        if written != self.row["ingest_seeds"]:
            raise BenchError(f"[n={self.n}] ingest wrote {written} of {self.row['ingest_seeds']} articles")
        log(f"[n={self.n}] ingest{what}: {written / ing.wall_s:.1f} seeds/s wall, "
            f"{written / ing.cpu_s:.1f} per CPU second")
        return ing

    def reload(self, root: Path, prefix: str) -> dict[str, Any]:
        build_s = self.row.get(f"{prefix}_build_s") or 60.0
        article = sorted((self.ours / "corpus" / "articles").rglob("*.md"))[0]
        edits = _reload_edits(root, prefix == "ours", article)
        try:
            found = measure_reloads(root, edits, self.logs / f"{prefix}-serve.log",
                                    first_build_timeout=max(180.0, 10 * build_s),
                                    reload_timeout=max(90.0, 6 * build_s), dirty=prefix == "ours")
        except ReloadError as exc:
            raise BenchError(f"[n={self.n}] edit-to-reload ({prefix}): {exc}") from exc
        first = found[0]
        actor = f", actor {found[1].edit_s:.2f} s (undo {found[1].undo_s:.2f} s)" if len(found) > 1 else ""
        log(f"[n={self.n}] {prefix} edit-to-reload: article {first.edit_s:.2f} s "
            f"(undo {first.undo_s:.2f} s){actor}")
        if prefix == "base":
            return {"base_reload_article_s": first.edit_s, "base_reload_article_undo_s": first.undo_s}
        facts = {"reload_article_s": first.edit_s, "reload_article_undo_s": first.undo_s}
        if len(found) > 1:
            facts.update(reload_actor_s=found[1].edit_s, reload_actor_undo_s=found[1].undo_s)
        return facts


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", help="comma-separated corpus sizes (default: "
                        + ",".join(map(str, DEFAULT_SIZES)) + "; also BENCH_SIZES in make)")
    parser.add_argument("--quick", action="store_true",
                        help="size " + ",".join(map(str, QUICK_SIZES)) + " for development")
    parser.add_argument("--runs", type=int, default=None,
                        help="runs per timed build, best kept (default 2 up to N=1000, then 1)")
    parser.add_argument("--ingest", type=int, default=None, metavar="K",
                        help="seeds to ingest per size (default: N, at most 1000)")
    parser.add_argument("--actors", type=int, default=INGEST_ACTORS,
                        help="actors in the ingest registry, padded with synthetic ones "
                        f"(default {INGEST_ACTORS})")
    parser.add_argument("--seed", type=int, default=20261126, help="generator seed")
    parser.add_argument("--starter", action="store_true",
                        help="ingest with the starter registry on (registry add-starter)")
    parser.add_argument("--resume", action="store_true",
                        help="skip the steps an interrupted run finished (benchmarks/out/nN/row.json)")
    parser.add_argument("--profile", nargs="?", const=-1, type=int, default=None, metavar="N",
                        help="also cProfile build_site at size N (default: the largest size)")
    parser.add_argument("--no-selfcheck", action="store_true", help="skip the validity self-check")
    parser.add_argument("--keep-sites", action="store_true",
                        help="keep the built site/ folders (deleted by default to save disk)")
    parser.add_argument("--out", default=str(OUT), help="output folder (default benchmarks/out)")
    parser.add_argument("--results", default=str(RESULTS_MD),
                        help="the RESULTS.md whose block for these sizes is replaced ('' for none)")
    args = parser.parse_args(argv)
    sizes = args.sizes or os.environ.get("BENCH_SIZES", "")
    if sizes:
        try:
            args.size_list = [int(s) for s in sizes.replace(" ", "").split(",") if s]
        except ValueError:
            parser.error(f"sizes must be whole numbers separated by commas, not {sizes!r}")
    else:
        args.size_list = QUICK_SIZES if args.quick else DEFAULT_SIZES
    if not args.size_list or any(n < 1 for n in args.size_list):
        parser.error("sizes must be positive")
    return args


@contextlib.contextmanager
def _user_cache(folder: Path) -> Iterator[None]:
    """The user cache on (the builds run with ``CORPUS_CACHE=off``), in ``folder``."""
    saved = {name: os.environ.get(name) for name in ("CORPUS_CACHE", "XDG_CACHE_HOME")}
    os.environ.pop("CORPUS_CACHE", None)
    os.environ["XDG_CACHE_HOME"] = str(folder)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # a `kill` too stops the servers and restores edited files


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Timed builds are cold: without this the second of `--runs 2` would reuse the first's
    # conversion cache (ours/.cache/html) and report a warm build.
    os.environ["CORPUS_CACHE"] = "off"
    signal.signal(signal.SIGTERM, _interrupt)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = report.environment(args.seed, args.runs or 0)
    rows: list[dict[str, Any]] = []
    bar = Progress(len(args.size_list) * len(STEPS), "bench", "step")
    use_bar(bar)
    log(f"benchmarks: sizes {args.size_list}, output in {out}")
    try:
        busy_warning("start:")
        if not args.no_selfcheck:
            selfcheck(out, args.seed)
        for n in args.size_list:
            rows.append(SizeRun(n, args, out, bar).run())
            report.write_out(out, rows, env, None)  # partial results survive an interrupted run
        profile = None
        if args.profile is not None:
            size = max(args.size_list) if args.profile == -1 else args.profile
            profile = profile_size(size, out, args.seed)
        report.write_out(out, rows, env, profile)
        if args.results:
            report.update_results_md(Path(args.results), rows, env)
    except BenchError as exc:
        bar.close()
        use_bar(None)
        log(f"FAILED: {exc}")
        return 1
    except KeyboardInterrupt:
        bar.close()
        use_bar(None)
        log("interrupted; `--resume` carries on from the last finished step")
        return 130
    elapsed = bar.close()
    use_bar(None)
    print(report.table_text(rows))
    print(f"bench: {len(rows)} size(s) {args.size_list} in {took(elapsed)}; results in "
          f"{out / 'results.md'}" + (f" and {args.results}" if args.results else ""), file=sys.stderr)
    return 0
