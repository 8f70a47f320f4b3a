"""Child process: time ``build_tools.site.build_site(root)`` alone (load + index + render).

Usage: ``python _pipeline_child.py ROOT [PROFILE_OUT]``. Prints one JSON line: import time,
build_site time, page count, diagnostics. With PROFILE_OUT the call runs under cProfile and
the stats are dumped there (the timing then includes profiler overhead).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO_URL = "https://github.com/example/news-corpus"


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    profile_out = sys.argv[2] if len(sys.argv) > 2 else None
    t0 = time.perf_counter()
    from build_tools.site import build_site
    t1 = time.perf_counter()
    if profile_out:
        import cProfile

        profiler = cProfile.Profile()
        site = profiler.runcall(build_site, root, REPO_URL)
        profiler.dump_stats(profile_out)
    else:
        site = build_site(root, REPO_URL)
    t2 = time.perf_counter()
    markdown_bytes = sum(len(text.encode("utf-8")) for text in site.pages.values())
    print(json.dumps({"import_s": t1 - t0, "build_site_s": t2 - t1, "pages": len(site.pages),
                      "articles": len(site.indexes.corpus.articles),
                      "markdown_mib": markdown_bytes / 1024 / 1024,
                      "errors": len(site.report.errors), "warnings": len(site.report.warnings)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
