"""Bench: memory and time of learning a corpus's boilerplate from flattened dumps.

Usage: python bench/dump_boilerplate.py [JSONL] [--copies N] [--prune-every K] [--json OUT]

JSONL is a spider's JSON lines with ``url`` and ``text`` (default: the 1,000 dumps of
``../shared/data/tech-articles-sample/articles.jsonl.gz``). ``--copies N`` makes a bigger
corpus by renaming every word of each copy (``word`` -> ``word~2``), so that no copy is a
duplicate of another and every copy has its own boilerplate vocabulary per site, as if
the crawl were N times as large. It runs ``Boilerplate.learn`` side by side:

- baseline: no pruning (every shingle counted until the end);
- ours: shingles seen once forgotten every ``--prune-every`` documents (the default);

and prints, for each, peak traced memory, time, and how many boilerplate shingles each
finds, with ratios. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
import tracemalloc
from pathlib import Path
from typing import Any

from newsarchive.importer.dump.boilerplate import Boilerplate
from newsarchive.importer.urls import site_of

DEFAULT = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "tech-articles-sample"
    / "articles.jsonl.gz"
)


def load(path: Path, copies: int) -> list[tuple[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    docs = []
    for copy in range(copies):
        suffix = f"~{copy}" if copy else ""
        for row in rows:
            text = str(row.get("text") or "")
            if suffix:
                text = "\n".join(
                    " ".join(w + suffix for w in line.split()) for line in text.splitlines()
                )
            docs.append((f"{site_of(row.get('url')) or ''}{suffix}", text))
    return docs


def measure(docs: list[tuple[str, str]], prune_every: int) -> dict[str, Any]:
    learned = Boilerplate(prune_every=prune_every)
    tracemalloc.start()
    start = time.perf_counter()
    learned.learn(docs)
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "prune_every": prune_every,
        "seconds": seconds,
        "peak_mb": peak / 1e6,
        "frequent": sum(len(v) for v in learned.frequent.values()),
        "recurring": sum(len(v) for v in learned.recurring.values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("jsonl", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--prune-every", type=int, default=Boilerplate().prune_every)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    docs = load(args.jsonl, args.copies)
    baseline = measure(docs, prune_every=len(docs) + 1)
    ours = measure(docs, prune_every=args.prune_every)
    print(f"{len(docs)} dumps ({args.copies} copies of {args.jsonl.name}), tracemalloc on")
    print(
        f"{'':10} {'prune every':>12} {'peak MB':>9} {'seconds':>8} {'frequent':>9} {'recurring':>10}"
    )
    for name, row in (("baseline", baseline), ("ours", ours)):
        print(f"{name:10} {row['prune_every']:12d} {row['peak_mb']:9.0f} {row['seconds']:8.1f} "
              f"{row['frequent']:9d} {row['recurring']:10d}")  # fmt: skip
    print(f"ratio ours/baseline: memory {ours['peak_mb'] / baseline['peak_mb']:.2f}, "
          f"time {ours['seconds'] / baseline['seconds']:.2f}, "
          f"boilerplate found {ours['frequent'] / max(1, baseline['frequent']):.3f} (frequent), "
          f"{ours['recurring'] / max(1, baseline['recurring']):.3f} (recurring)")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps({"baseline": baseline, "ours": ours}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
