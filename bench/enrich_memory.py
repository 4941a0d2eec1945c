"""Bench: peak memory and time of enrich, side by side with a baseline revision.

Usage: ``python bench/enrich_memory.py CONTENT [--baseline REV] [--max-tags N] [--cache]
[--json OUT]``

CONTENT is a site's ``content/`` folder (its ``articles/`` are enriched). For this tree
and (with ``--baseline``) git revision REV in turns, a copy of the articles is enriched
in a process of its own (``enrich_site``), twice:

- **first**: with ``--max-tags`` (default 5, not the site's 8), so every article's tags
  change and every file is written: the whole of enrich's work;
- **again**: the same once more, which finds nothing to change (the daily case when no
  article's tags or links move).

With ``--cache`` this tree keeps what it reads from each file in a cache, as
``newsarchive enrich`` does (the first run fills it, the second reads from it); the
baseline runs as it would. Each reports its wall seconds, the files written and the peak of its anonymous memory
above the process's start, sampled every 10 ms. The articles each tree leaves are
compared byte for byte with the other's. Nothing is asserted: it reports.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_scale import baseline_worktree, tree_digest
from measure import run_measured

REPO = Path(__file__).resolve().parent.parent

_STEP = r"""
from pathlib import Path
from newsarchive.enrich.run import enrich_site

def run():
    cache = {"cache": Path(sys.argv[3])} if len(sys.argv) > 3 else {}
    report = enrich_site(Path(sys.argv[1]), max_tags=int(sys.argv[2]), **cache)
    return {"written": len(report.updated), "unchanged": report.unchanged}
"""


def _step(code: Path, articles: Path, max_tags: int, cache: Path | None) -> dict[str, float]:
    return run_measured(code, _STEP, str(articles), str(max_tags), *([str(cache)] if cache else []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--baseline", help="git revision to compare with, side by side")
    parser.add_argument("--max-tags", type=int, default=5)
    parser.add_argument(
        "--cache", action="store_true",
        help="this tree keeps what it reads in a cache (as `newsarchive enrich` does); "
        "the baseline runs as it would",
    )  # fmt: skip
    parser.add_argument("--json", type=Path)
    opts = parser.parse_args()
    codes = {"this": REPO}
    results: dict[str, Any] = {"articles": len(list((opts.content / "articles").rglob("*.md")))}
    with tempfile.TemporaryDirectory(prefix="enrich-memory-") as tmp, ExitStack() as stack:
        if opts.baseline:
            codes["baseline"] = stack.enter_context(
                baseline_worktree(opts.baseline, Path(tmp) / "baseline")
            )
        for name, code in codes.items():
            articles = Path(tmp) / f"{name}-articles"
            shutil.copytree(opts.content / "articles", articles)
            cache = Path(tmp) / f"{name}-cache.sqlite" if opts.cache and name == "this" else None
            row: dict[str, Any] = {run: _step(code, articles, opts.max_tags, cache)
                                   for run in ("first", "again")}  # fmt: skip
            digest = json.dumps(tree_digest(articles), sort_keys=True).encode()
            row["digest"] = hashlib.sha256(digest).hexdigest()[:16]
            results[name] = row
            print(f"{name}: {results['articles']} articles; " + "; ".join(
                f"{run} {row[run]['seconds']} s, anonymous +{row[run]['anon_peak_mb']:.0f} MB, "
                f"{row[run]['written']:.0f} written" for run in ("first", "again")))  # fmt: skip
    if opts.baseline:
        this, base = results["this"], results["baseline"]
        for run in ("first", "again"):
            print(
                f"{run}: time {this[run]['seconds'] / base[run]['seconds']:.2f}x, "
                f"anonymous {this[run]['anon_peak_mb'] / max(base[run]['anon_peak_mb'], 1):.2f}x"
            )
        print(f"articles byte-identical to the baseline's: {this['digest'] == base['digest']}")
    if opts.json:
        opts.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
