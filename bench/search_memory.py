"""Bench: peak memory and time of the search stage's steps, side by side with a baseline.

Usage: ``python bench/search_memory.py SITE [--baseline REV] [--json OUT]``

SITE is a newsarchive site folder already built (``newsarchive build``). Its articles are
read with Pelican's reader (as the search plugin sees them, ``search_build.read_docs``);
then, each in a process of its own so one step's freed memory does not hide the next
one's, and for this tree and (with ``--baseline``) git revision REV in turns:

- **whoosh**: the Whoosh index built from nothing (``update_index``);
- **static**: the static index written from nothing out of that Whoosh index
  (``write_static_index``), the step whose memory grew with a segment's size;
- **query**: eight queries through the CLI's search (``query.search``), each opening
  the index, as ``newsarchive search`` does.

Each reports its wall seconds, its peak resident memory above what the process held
when the step began (Linux: ``/proc/self/clear_refs`` resets the peak), and the peak
of its anonymous memory alone, sampled every 10 ms (resident memory also counts the
pages of files the step maps, which the kernel can drop at will). The
static index each tree writes is compared byte for byte with the other's. Nothing is
asserted: it reports.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_scale import baseline_worktree, tree_digest
from measure import run_measured
from search_build import read_docs

REPO = Path(__file__).resolve().parent.parent

_STEP = r"""
import pickle
from pathlib import Path

step, docs_path, whoosh_dir, static_dir = sys.argv[1:5]
if step == "query":
    from newsarchive.search.query import search
    words = ["apple iphone", "google privacy", "tesla electric cars", "machine learning",
             "bitcoin", '"artificial intelligence"', "facebook OR twitter", "battery life"]
    run = lambda: [search(Path(whoosh_dir), q, limit=10) for q in words]
elif step == "whoosh":
    from newsarchive.search.whoosh_index import update_index
    with open(docs_path, "rb") as fh:
        docs = pickle.load(fh)
    run = lambda: update_index(Path(whoosh_dir), docs)
else:
    from newsarchive.search.static_index import write_static_index
    from newsarchive.search.whoosh_index import open_source
    def run():
        with open_source(Path(whoosh_dir)) as source:
            write_static_index(source, Path(static_dir))
"""
STEPS = ("whoosh", "static", "query")


def _step(code: Path, step: str, docs: Path, whoosh: Path, static: Path) -> dict[str, float]:
    return run_measured(code, _STEP, step, str(docs), str(whoosh), str(static))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--baseline", help="git revision to compare with, side by side")
    parser.add_argument("--json", type=Path)
    opts = parser.parse_args()
    docs = read_docs(opts.site)
    codes = {"this": REPO}
    results: dict[str, Any] = {"articles": len(docs)}
    with tempfile.TemporaryDirectory(prefix="search-memory-") as tmp, ExitStack() as stack:
        docs_path = Path(tmp) / "docs.pickle"
        docs_path.write_bytes(pickle.dumps(docs))
        if opts.baseline:
            codes["baseline"] = stack.enter_context(
                baseline_worktree(opts.baseline, Path(tmp) / "baseline")
            )
        for name, code in codes.items():
            whoosh, static = Path(tmp) / f"{name}-whoosh", Path(tmp) / f"{name}-static"
            row: dict[str, Any] = {step: _step(code, step, docs_path, whoosh, static)
                                   for step in STEPS}  # fmt: skip
            files = json.dumps(tree_digest(static), sort_keys=True).encode()
            row["static_digest"] = hashlib.sha256(files).hexdigest()[:16]
            results[name] = row
            print(f"{name}: {len(docs)} articles; " + "; ".join(
                f"{step} {row[step]['seconds']} s, +{row[step]['peak_mb']:.0f} MB "
                f"(anonymous +{row[step]['anon_peak_mb']:.0f})" for step in STEPS))  # fmt: skip
    if opts.baseline:
        this, base = results["this"], results["baseline"]
        for step in STEPS:
            print(
                f"{step}: time {this[step]['seconds'] / base[step]['seconds']:.2f}x, "
                f"peak memory {this[step]['peak_mb'] / max(base[step]['peak_mb'], 1):.2f}x, "
                f"anonymous {this[step]['anon_peak_mb'] / max(base[step]['anon_peak_mb'], 1):.2f}x"
            )
        same = this["static_digest"] == base["static_digest"]
        print(f"static index byte-identical to the baseline's: {same}")
    if opts.json:
        opts.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
