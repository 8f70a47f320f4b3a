"""The benchmark's one table (metrics down, sizes across: ours | plain Material | ratio) and the
files it goes to: benchmarks/out/results.{md,json} and a block of benchmarks/RESULTS.md.

RESULTS.md keeps what people wrote (where the time goes, what each change bought); a run
replaces only its own block, marked by its list of sizes, or appends it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

Row = dict[str, Any]
MB = 1_000_000
PROJECTED = 50_000
PAGES_LIMIT = 1_000_000_000


@dataclass(frozen=True)
class Metric:
    label: str
    ours: Callable[[Row], float | None]
    base: Callable[[Row], float | None] | None
    digits: int = 2
    # ratio: "ours/base" (default), or a function of the row (e.g. reload ÷ Material's build)
    ratio: Callable[[Row], float | None] | None = None


def _get(key: str) -> Callable[[Row], float | None]:
    return lambda r: r.get(key)


def _div(a: str, b: str, scale: float = 1.0) -> Callable[[Row], float | None]:
    return lambda r: (r[a] / r[b] * scale) if r.get(a) is not None and r.get(b) else None


def _scaled(key: str, scale: float) -> Callable[[Row], float | None]:
    return lambda r: r[key] * scale if r.get(key) is not None else None


def _vs_base_build(key: str) -> Callable[[Row], float | None]:
    return lambda r: r[key] / r["base_build_s"] if r.get(key) is not None and r.get("base_build_s") else None


METRICS = [
    Metric("ingest seeds/s (wall)", _div("ingest_seeds", "ingest_s"), None, 1),
    Metric("ingest seeds/s (per CPU s)", _div("ingest_seeds", "ingest_cpu_s"), None, 1),
    Metric("  same, caches warm (wall)", _div("ingest_seeds", "ingest_warm_s"), None, 1),
    Metric("  same, caches warm (per CPU s)", _div("ingest_seeds", "ingest_warm_cpu_s"), None, 1),
    Metric("full build s", _get("ours_build_s"), _get("base_build_s")),
    Metric("  same, CPU s (user+sys)", _get("ours_build_cpu_s"), _get("base_build_cpu_s")),
    Metric("ms per page", _div("ours_build_s", "ours_pages", 1000), _div("base_build_s", "base_pages", 1000)),
    Metric("HTML pages", _get("ours_pages"), _get("base_pages"), 0),
    Metric("peak memory MB", _get("ours_peak_mb"), _get("base_peak_mb"), 0),
    Metric("site MB", _scaled("ours_site_bytes", 1 / MB), _scaled("base_site_bytes", 1 / MB), 1),
    Metric("kB per article", _div("ours_site_bytes", "n", 1 / 1000),
           _div("base_site_bytes", "n", 1 / 1000), 1),
    Metric("50,000 articles GB", _div("ours_site_bytes", "n", PROJECTED / 1e9),
           _div("base_site_bytes", "n", PROJECTED / 1e9)),
    Metric("search 1st query MB", _scaled("ours_search_bytes", 1 / MB),
           _scaled("base_search_bytes", 1 / MB)),
    Metric("  same, gzip MB", _scaled("ours_search_gzip", 1 / MB), _scaled("base_search_gzip", 1 / MB)),
    Metric("edit→reload article s", _get("reload_article_s"), _get("base_reload_article_s")),
    Metric("edit→reload actor s", _get("reload_actor_s"), None),
    Metric("  article reload ÷ Material build", _vs_base_build("reload_article_s"), None, 2,
           ratio=lambda r: None),
    Metric("  actor reload ÷ Material build", _vs_base_build("reload_actor_s"), None, 2,
           ratio=lambda r: None),
    Metric("pipeline only s", _get("pipeline_s"), None),
    Metric("check s", _get("check_s"), None),
    Metric("  same, caches warm", _get("check_warm_s"), None),
]


def _cell(value: float | None, digits: int) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _cells(metric: Metric, row: Row) -> list[str]:
    ours_v = metric.ours(row)
    base_v = metric.base(row) if metric.base else None
    if metric.ratio is not None:
        ratio = metric.ratio(row)
    else:
        ratio = ours_v / base_v if ours_v is not None and base_v else None
    return [_cell(ours_v, metric.digits), _cell(base_v, metric.digits),
            "–" if ratio is None else f"{ratio:.2f}x"]


def table_rows(rows: list[Row]) -> tuple[list[str], list[list[str]]]:
    headers = ["metric"]
    for r in rows:
        headers += [f"N={r['n']:,} ours", "Material", "ratio"]
    body = [[m.label] + [c for r in rows for c in _cells(m, r)] for m in METRICS]
    return headers, body


def table_text(rows: list[Row]) -> str:
    headers, body = table_rows(rows)
    widths = [max(len(h), *(len(line[i]) for line in body)) for i, h in enumerate(headers)]
    fmt = [h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True))]
    lines = [" | ".join(fmt), "-+-".join("-" * w for w in widths)]
    for line in body:
        lines.append(" | ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                for i, (c, w) in enumerate(zip(line, widths, strict=True))))
    return "\n".join(lines)


def table_markdown(rows: list[Row]) -> str:
    headers, body = table_rows(rows)
    lines = ["| " + " | ".join(headers) + " |", "|---|" + "---:|" * (len(headers) - 1)]
    lines += ["| " + " | ".join(line) + " |" for line in body]
    return "\n".join(lines)


def _ram_gb() -> float | None:
    try:
        text = Path("/proc/meminfo").read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r"^MemTotal:\s+(\d+) kB", text, flags=re.M)
    return int(found.group(1)) * 1024 / 1e9 if found else None


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "?"
    found = re.search(r"^model name\s*:\s*(.+)$", text, flags=re.M)
    return found.group(1).strip() if found else platform.processor() or "?"


def environment(seed: int, runs: int) -> dict[str, Any]:
    versions = {}
    for dist in ("mkdocs", "mkdocs-material", "markdown", "pydantic", "pyyaml", "tqdm"):
        try:
            versions[dist] = version(dist)
        except PackageNotFoundError:  # pragma: no cover - reporting only
            versions[dist] = "?"
    return {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "cpus": os.cpu_count(), "cpu": _cpu_model(), "ram_gb": _ram_gb(),
            "platform": platform.platform(), "python": platform.python_version(),
            "versions": versions, "seed": seed, "runs": runs,
            "loadavg_start": round(os.getloadavg()[0], 2)}


def machine_line(env: dict[str, Any]) -> str:
    ram = f"{env['ram_gb']:.1f} GB RAM" if env.get("ram_gb") else "RAM unknown"
    v = env["versions"]
    return (f"{env['date']}: {env['cpus']} CPUs ({env['cpu']}), {ram}, Python {env['python']}, "
            f"mkdocs {v['mkdocs']}, mkdocs-material {v['mkdocs-material']}, Markdown {v['markdown']}; "
            f"{env['platform']}; 1-min load average {env['loadavg_start']} at the start")


def block(rows: list[Row], env: dict[str, Any]) -> str:
    sizes = ",".join(str(r["n"]) for r in rows)
    loads = ", ".join(f"N={r['n']:,}: {r.get('loadavg_start', '?')}–{r.get('loadavg_end', '?')}"
                      for r in rows)
    methods = sorted({r.get("search_method", "?") for r in rows})
    return "\n".join([
        f"<!-- bench sizes={sizes} begin (written by python -m benchmarks) -->",
        f"### N = {sizes.replace(',', ', ')}", "", machine_line(env) + ".", "",
        table_markdown(rows), "",
        f"Builds: best of {'/'.join(str(r.get('runs', '?')) for r in rows)} run(s). "
        f"Load average during each size: {loads}. Search payload: {'; '.join(methods)}. "
        f"Ingest: {rows[0].get('ingest_seeds', '?')} seeds with "
        f"{rows[0].get('ingest_actors', '?')} actors in the registry.",
        f"<!-- bench sizes={sizes} end -->"])


def update_results_md(path: Path, rows: list[Row], env: dict[str, Any]) -> None:
    """Replace this run's block in RESULTS.md (same sizes), or add it at the end."""
    sizes = ",".join(str(r["n"]) for r in rows)
    new = block(rows, env)
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    pattern = re.compile(rf"<!-- bench sizes={re.escape(sizes)} begin.*?<!-- bench sizes="
                         rf"{re.escape(sizes)} end -->", flags=re.S)
    text = pattern.sub(lambda _m: new, text) if pattern.search(text) else text.rstrip() + "\n\n" + new + "\n"
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_out(out: Path, rows: list[Row], env: dict[str, Any], profile: dict[str, Any] | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.md").write_text(block(rows, env) + "\n", encoding="utf-8")
    (out / "results.json").write_text(json.dumps({"environment": env, "rows": rows,
                                                  "profile": profile}, indent=2), encoding="utf-8")
