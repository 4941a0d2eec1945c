"""Bench: peak memory and time of a whole ``import``, this tree beside a baseline commit.

Usage: python bench/import_memory.py [--data ../shared/data] [--copies N] [--workers W]
                                     [--baseline REF] [--json OUT]

It builds a crawl in a temporary folder:

- one gzipped WARC holding every ground-truth HTML page of ``--data`` (the pages of
  ``bench/importer_quality.py``, each a response record with its URL);
- N JSON lines files of text dumps: ``tech-articles-sample`` with every word of copy k
  renamed (``word`` -> ``word~k``), so that no copy duplicates another, as if the crawl
  were N times as large.

Then it runs ``pipeline.import_paths`` on that crawl into an empty site, once with this
tree's code and once with the code of ``--baseline`` (a git worktree), each in a fresh
process with the same settings (``max_bytes`` of 2 GB, so that the baseline, which reads
a file whole, does not refuse the WARC). It prints, for each, the peak resident memory
of the main process and of the largest worker, the time, what was imported, and the
ratios; and how many of the written files are byte-identical between the two. Nothing is
asserted.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality_data import load_all

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"

_RUNNER = """
import json, resource, sys, time
from pathlib import Path
from newsarchive.importer.pipeline import import_paths
inputs, site, workers = [Path(p) for p in sys.argv[1:-2]], Path(sys.argv[-2]), int(sys.argv[-1])
start = time.perf_counter()
report = import_paths(inputs, site / "content" / "articles", site_root=site, workers=workers,
                      max_bytes=2_000_000_000)
seconds = time.perf_counter() - start
print(json.dumps({
    "seconds": seconds,
    "created": report.count("created"),
    "duplicate": report.count("duplicate"),
    "failed": len(report.failures),
    "main_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def write_warc(data: Path, path: Path) -> int:
    pages = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for case in load_all(data):
            if not case.html or not case.url:
                continue
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                case.url, "response", payload=io.BytesIO(case.html.encode("utf-8")),
                http_headers=headers,
            )  # fmt: skip
            writer.write_record(record)
            pages += 1
    return pages


def write_dumps(data: Path, folder: Path, copies: int) -> int:
    source = data / "tech-articles-sample" / "articles.jsonl.gz"
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    for copy in range(copies):
        suffix = f"~{copy}" if copy else ""
        with (folder / f"spider-{copy}.jsonl").open("w", encoding="utf-8") as out:
            for row in rows:
                text = str(row.get("text") or "")
                if suffix:
                    text = "\n".join(
                        " ".join(w + suffix for w in line.split()) for line in text.splitlines()
                    )
                url = str(row.get("url") or "")
                renamed = {**row, "text": text, "url": url.replace("://", f"://c{copy}.", 1)}
                out.write(json.dumps(renamed, ensure_ascii=False) + "\n")
    return copies * len(rows)


def run(src: Path, inputs: list[Path], site: Path, workers: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *map(str, inputs), str(site), str(workers)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def digests(site: Path) -> dict[str, str]:
    root = site / "content" / "articles"
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.md"))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline", default="5999876")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        crawl = root / "crawl"
        crawl.mkdir()
        pages = write_warc(args.data, crawl / "pages.warc.gz")
        dumps = write_dumps(args.data, crawl, args.copies)
        inputs = sorted(crawl.iterdir())
        size = sum(p.stat().st_size for p in inputs)
        print(f"crawl: {pages} pages in one WARC, {dumps} dumps in {args.copies} JSON lines "
              f"files, {size / 1e6:.0f} MB")  # fmt: skip
        base_tree = root / "baseline"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q",
                        str(base_tree), args.baseline], check=True)  # fmt: skip
        try:
            results = {}
            for name, src in (("baseline", base_tree / "src"), ("ours", REPO / "src")):
                site = root / f"site-{name}"
                results[name] = run(src, inputs, site, args.workers)
                results[name]["files"] = digests(site)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                            str(base_tree)], check=True)  # fmt: skip

    base, ours = results["baseline"], results["ours"]
    same = sum(1 for k, v in ours["files"].items() if base["files"].get(k) == v)
    same_bytes = len(set(ours["files"].values()) & set(base["files"].values()))
    summary: dict[str, Any] = {"pages": pages, "dumps": dumps, "crawl_mb": size / 1e6,
                               "workers": args.workers, "baseline_ref": args.baseline}  # fmt: skip
    for name, row in results.items():
        files = row.pop("files")
        summary[name] = {**row, "files": len(files)}
    summary["ratio_main_peak"] = ours["main_peak_mb"] / base["main_peak_mb"]
    summary["ratio_worker_peak"] = ours["worker_peak_mb"] / base["worker_peak_mb"]
    summary["ratio_seconds"] = ours["seconds"] / base["seconds"]
    summary["same_path_and_bytes"] = same
    summary["same_bytes_any_path"] = same_bytes
    for name in ("baseline", "ours"):
        row = summary[name]
        print(f"{name:9} main {row['main_peak_mb']:7.0f} MB  largest worker "
              f"{row['worker_peak_mb']:6.0f} MB  {row['seconds']:6.1f} s  created "
              f"{row['created']}, duplicate {row['duplicate']}, failed {row['failed']}")  # fmt: skip
    print(f"ratios (ours / baseline): main memory {summary['ratio_main_peak']:.2f}x, "
          f"worker memory {summary['ratio_worker_peak']:.2f}x, time {summary['ratio_seconds']:.2f}x")  # fmt: skip
    print(f"files identical in path and bytes: {same} of {summary['ours']['files']} "
          f"(same bytes at any path: {same_bytes})")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
