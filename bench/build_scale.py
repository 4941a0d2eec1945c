"""Bench: how the pipeline scales, a full build beside a daily update, stage by stage.

Usage: ``python bench/build_scale.py [SAMPLE.jsonl.gz] [--sizes 1000,4000] [--daily 100]
[--daily-date YYYY-MM-DD] [--corpus recombine|permute] [--baseline REV] [--json OUT]``.
SAMPLE defaults to ``../shared/data/tech-articles-sample/articles.jsonl.gz``; larger
archives are made from it (``search_corpus``; ``--corpus permute`` for more than a few
thousand articles).

For each size N, in a fresh site folder: import N articles, enrich, build (the full
build), then a day's update: import ``--daily`` more, enrich, build again. Each step runs
as its own process; the build is timed by stage inside it (Pelican reading the articles,
writing the pages, and the search stage: the Whoosh update and the static index). It
reports wall seconds, peak memory (RSS) of each step, how many output files the update
wrote (all, and under ``search/``), and whether the updated site (and its ``search/``) is
byte-identical to a full build of the same content from nothing.

The day's articles keep the sample's dates by default, spread over the years: for the
archive they are a backfill. ``--daily-date`` dates them all that day instead (say
2024-01-15, after every sample article), as a real day's news is.

With ``--baseline REV`` the same runs use the code of git revision REV (a temporary
worktree) in turns with this tree's, and the report gives the ratio of each step.
Nothing is asserted: it reports.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_corpus import permute, recombine

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLE = REPO.parent / "shared/data/tech-articles-sample/articles.jsonl.gz"

# Runs inside the build's process: times Pelican's stages and the search stage by
# wrapping the functions that do them, then prints the timings as JSON on the last line.
_TIMED_BUILD = r"""
import json, sys, time
from pathlib import Path
import pelican.generators as g
import newsarchive.search.hooks as hooks
from newsarchive.build import build_site

times = {}
def timed(owner, name, label):
    fn = getattr(owner, name)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            times[label] = times.get(label, 0.0) + time.perf_counter() - start
    setattr(owner, name, wrapper)

timed(g.ArticlesGenerator, "generate_context", "read")
timed(g.PagesGenerator, "generate_context", "read")
timed(g.ArticlesGenerator, "generate_output", "write")
timed(g.PagesGenerator, "generate_output", "write")
timed(hooks, "write_indexes", "search")
start = time.perf_counter()
build_site(Path(sys.argv[1]))
times["build"] = time.perf_counter() - start
# The search stage runs inside the articles' output step.
times["write"] = times.get("write", 0.0) - times.get("search", 0.0)
print(json.dumps(times))
"""


def make_site(root: Path, code: Path) -> None:
    root.mkdir(parents=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(code / name, root / name)
    for name in ("theme", "plugins"):
        (root / name).symlink_to(code / name)
    (root / "content").mkdir()


def run(args: list[str], cwd: Path, code: Path, ok: int = 0) -> tuple[float, float, str]:
    """Run ``args`` with ``code``'s package first on the path: (seconds, peak MB, stdout).
    An exit code up to ``ok`` is success (import exits 1 when some records failed)."""
    env = {**os.environ, "PYTHONPATH": str(code / "src")}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as errs:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=errs)
        # wait4, not wait: it also gives the process's own peak memory.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        errs.seek(0)
        if proc.returncode > ok or proc.returncode < 0:
            raise SystemExit(f"{' '.join(args)} failed in {cwd}:\n{errs.read()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read()


def step(args: list[str], cwd: Path, code: Path) -> dict[str, Any]:
    seconds, peak, out = run(args, cwd, code, ok=1 if "import" in args else 0)
    row: dict[str, Any] = {"seconds": round(seconds, 2), "peak_mb": round(peak, 1)}
    if "-c" in args:
        row["stages"] = {k: round(v, 2) for k, v in json.loads(out.splitlines()[-1]).items()}
    return row


@contextmanager
def baseline_worktree(rev: str, folder: Path) -> Iterator[Path]:
    """The code of git revision ``rev``, checked out in ``folder`` for as long as needed."""
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q",
                    str(folder), rev], check=True)  # fmt: skip
    try:
        yield folder
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(folder)],
                       check=False)  # fmt: skip


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def mtimes(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()
    }


def write_jsonl(path: Path, records: list[dict[str, str]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def one_size(
    records: list[dict[str, str]],
    size: int,
    daily: int,
    work: Path,
    code: Path,
    *,
    daily_date: str | None = None,
    corpus_kind: str = "recombine",
) -> dict[str, Any]:
    py = sys.executable
    corpus = (permute if corpus_kind == "permute" else recombine)(records, size + daily)
    base, day = work / "base.jsonl.gz", work / "day.jsonl.gz"
    write_jsonl(base, corpus[:size])
    dated = {"date": daily_date} if daily_date else {}
    write_jsonl(day, [{**rec, **dated} for rec in corpus[size:]])
    site = work / "site"
    make_site(site, code)
    row: dict[str, Any] = {"size": size, "daily": daily}
    row["full"] = {
        "import": step([py, "-m", "newsarchive", "import", str(base)], site, code),
        "enrich": step([py, "-m", "newsarchive", "enrich"], site, code),
        "build": step([py, "-c", _TIMED_BUILD, str(site)], site, code),
    }
    before = mtimes(site / "output")
    row["update"] = {
        "import": step([py, "-m", "newsarchive", "import", str(day)], site, code),
        "enrich": step([py, "-m", "newsarchive", "enrich"], site, code),
        "build": step([py, "-c", _TIMED_BUILD, str(site)], site, code),
    }
    after = mtimes(site / "output")
    row["update_files"] = {
        "total": len(after),
        "written": sum(1 for k, v in after.items() if before.get(k) != v),
        "search_total": sum(1 for k in after if k.startswith("search/")),
        "search_written": sum(
            1 for k, v in after.items() if k.startswith("search/") and before.get(k) != v
        ),
        # Outside search/: which pages the update wrote, to compare with a baseline's.
        "pages_written": sorted(
            k for k, v in after.items() if not k.startswith("search/") and before.get(k) != v
        ),
    }
    # The same content built from nothing: what the update's output must equal.
    fresh = work / "fresh"
    make_site(fresh, code)
    shutil.rmtree(fresh / "content")
    shutil.copytree(site / "content", fresh / "content")
    row["fresh_build"] = step([py, "-c", _TIMED_BUILD, str(fresh)], fresh, code)
    a, b = tree_digest(site / "output"), tree_digest(fresh / "output")
    row["identical_to_full"] = a == b
    row["search_identical_to_full"] = {k: v for k, v in a.items() if k.startswith("search/")} == {
        k: v for k, v in b.items() if k.startswith("search/")
    }
    row["differing_files"] = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))[:20]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sample", nargs="?", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--sizes", default="1000,4000")
    parser.add_argument("--daily", type=int, default=100)
    parser.add_argument("--daily-date", help="date the day's articles so (YYYY-MM-DD)")
    parser.add_argument(
        "--corpus", choices=("recombine", "permute"), default="recombine",
        help="how articles past the sample's are made (search_corpus.py): permute imports "
        "at any size, recombine only up to a few thousand",
    )  # fmt: skip
    parser.add_argument("--baseline", help="git revision to compare with, side by side")
    parser.add_argument("--json", type=Path, help="write the full results here")
    parser.add_argument("--keep", type=Path, help="keep the sites in this folder (to inspect)")
    opts = parser.parse_args()
    with gzip.open(opts.sample, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    codes = {"this": REPO}
    with tempfile.TemporaryDirectory(prefix="build-scale-") as tmp, ExitStack() as stack:
        if opts.baseline:
            codes["baseline"] = stack.enter_context(
                baseline_worktree(opts.baseline, Path(tmp) / "baseline")
            )
        results: list[dict[str, Any]] = []
        for size in (int(s) for s in opts.sizes.split(",")):
            for name, code in codes.items():  # in turns, so load drifts hit both
                work = Path(tmp) / f"{name}-{size}"
                work.mkdir()
                row = {
                    "code": name,
                    **one_size(
                        records,
                        size,
                        opts.daily,
                        work,
                        code,
                        daily_date=opts.daily_date,
                        corpus_kind=opts.corpus,
                    ),  # fmt: skip
                }
                results.append(row)
                report(row)
                if opts.keep:
                    shutil.move(work, opts.keep / work.name)
                else:
                    shutil.rmtree(work)
    if opts.baseline:
        compare(results)
    if opts.json:
        opts.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


def report(row: dict[str, Any]) -> None:
    print(f"\n{row['code']}: {row['size']} articles, then {row['daily']} more")
    print(
        f"  {'step':10} {'full s':>8} {'update s':>9} {'full MB':>8} {'update MB':>9}  build stages (full | update)"
    )
    for name in ("import", "enrich", "build"):
        full, upd = row["full"][name], row["update"][name]
        stages = ""
        if "stages" in full:
            stages = " ".join(
                f"{k} {full['stages'][k]}|{upd['stages'][k]}"
                for k in ("read", "write", "search")
                if k in full["stages"]
            )
        print(
            f"  {name:10} {full['seconds']:8.1f} {upd['seconds']:9.1f} {full['peak_mb']:8.0f} {upd['peak_mb']:9.0f}  {stages}"
        )
    files = row["update_files"]
    print(f"  update wrote {files['written']} of {files['total']} output files "
          f"({files['search_written']} of {files['search_total']} under search/); "
          f"byte-identical to a full build of the same content: {row['identical_to_full']} "
          f"(search/: {row['search_identical_to_full']})")  # fmt: skip
    if row["differing_files"]:
        print("  differing:", ", ".join(row["differing_files"][:8]))


def compare(results: list[dict[str, Any]]) -> None:
    print("\nthis / baseline (time ratio; below 1 is faster)")
    by = {(r["code"], r["size"]): r for r in results}
    for (code, size), row in sorted(by.items()):
        if code != "this" or ("baseline", size) not in by:
            continue
        base = by[("baseline", size)]
        cells = [
            f"{phase} {name} {row[phase][name]['seconds'] / max(base[phase][name]['seconds'], 1e-9):.2f}x"
            for phase in ("full", "update") for name in ("import", "enrich", "build")
        ]  # fmt: skip
        print(f"  {size}: " + ", ".join(cells))


if __name__ == "__main__":
    main()
