"""Bench: speed of the flattened-dump path, this tree beside a baseline commit.

Usage: python bench/dump_speed.py [--data ../shared/data] [--baseline REF]
                                  [--styles lines,sentences,spaces] [--rounds 3] [--json OUT]

The HTML path's speed is timed by ``bench/importer_quality.py``; this times the text path.
It flattens every ground-truth page of ``--data`` that ``importer_quality`` flattens (its
blocks one a line, run together into sentences, or all on one line: ``--styles``), as a
scraper's text records with the page's URL and ``<title>``. Then, in one fresh process for
each tree (this one, and ``--baseline`` checked out in a git worktree), it learns the
sites' boilerplate from those dumps (timed apart) and runs ``extract_record`` over every
dump, ``--rounds`` times, in one process (no pool: the cleaner's own cost). The two trees
take turns, round by round, so a busy machine slows both alike; each tree's best round is
reported, with the ratio ours / baseline, and how many cleaned articles are identical
between the two. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import html as htmllib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality_data import FLATTEN_STYLES, flatten_html, load_all

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"

# One round of one tree over one style's dumps: learn, then clean each dump, timed.
_RUNNER = """
import hashlib, json, sys, time
from newsarchive.importer.extract import extract_record
from newsarchive.importer.model import ImportFailure, RawRecord
from newsarchive.importer.dump.boilerplate import Boilerplate
from newsarchive.importer.urls import site_of
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
records = [RawRecord(input=r["input"], kind="text", content=r["content"], url=r["url"],
                     title=r["title"], fetched="2000-01-01T00:00:00Z") for r in rows]
start = time.perf_counter()
bp = Boilerplate()
bp.learn((site_of(r.url) or "", r.content) for r in records)
learn = time.perf_counter() - start
digest, failed = [], 0
start = time.perf_counter()
for r in records:
    try:
        a = extract_record(r, boilerplate=bp)
    except ImportFailure:
        failed += 1
        digest.append("")
        continue
    key = "\\x00".join([a.title or "", str(a.date), "|".join(a.authors), a.body_markdown])
    digest.append(hashlib.sha256(key.encode()).hexdigest())
clean = time.perf_counter() - start
print(json.dumps({"learn": learn, "clean": clean, "failed": failed, "digests": digest}))
"""


def _title(html: str) -> str | None:
    low = html.lower()
    start, end = low.find("<title"), low.find("</title>")
    if start < 0 or end < 0:
        return None
    return " ".join(htmllib.unescape(html[html.find(">", start) + 1 : end]).split()) or None


def write_dumps(data: Path, style: str, path: Path) -> int:
    """The flattened dumps of ``style`` as JSON lines at ``path``: how many."""
    cases = [c for c in load_all(data) if (c.body and c.body_kind == "full") or c.date or c.authors]
    with path.open("w", encoding="utf-8") as out:
        for c in cases:
            row = {"input": f"{c.dataset}/{c.name}", "content": flatten_html(c.html, style=style),
                   "url": c.url, "title": _title(c.html)}  # fmt: skip
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(cases)


def run(src: Path, dumps: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(dumps)], env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--baseline", default="e59a265")
    parser.add_argument("--styles", default=",".join(FLATTEN_STYLES))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    styles = [s for s in args.styles.split(",") if s]
    unknown = set(styles) - set(FLATTEN_STYLES)
    if unknown:
        parser.error(f"unknown style(s): {', '.join(sorted(unknown))}")

    summary: dict[str, Any] = {"baseline_ref": args.baseline, "rounds": args.rounds, "styles": {}}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base_tree = root / "baseline"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q",
                        str(base_tree), args.baseline], check=True)  # fmt: skip
        try:
            for style in styles:
                dumps = root / f"dumps-{style}.jsonl"
                n = write_dumps(args.data, style, dumps)
                best: dict[str, dict[str, Any]] = {}
                for _ in range(args.rounds):
                    for name, src in (("baseline", base_tree / "src"), ("ours", REPO / "src")):
                        got = run(src, dumps)
                        if name not in best or got["clean"] < best[name]["clean"]:
                            best[name] = got
                base, ours = best["baseline"], best["ours"]
                same = sum(a == b for a, b in zip(base["digests"], ours["digests"], strict=True))
                row = {"dumps": n, "same_output": same}
                for name in ("baseline", "ours"):
                    b = best[name]
                    row[name] = {"learn_s": b["learn"], "clean_s": b["clean"],
                                 "dumps_per_s": n / b["clean"], "failed": b["failed"]}  # fmt: skip
                row["ratio_clean"] = ours["clean"] / base["clean"]
                row["ratio_learn"] = ours["learn"] / base["learn"]
                summary["styles"][style] = row
                print(f"{style:9} {n} dumps  baseline {base['clean']:6.2f} s  ours "
                      f"{ours['clean']:6.2f} s  ({row['ratio_clean']:.2f}x; learning "
                      f"{base['learn']:.2f} s / {ours['learn']:.2f} s)  identical output: "
                      f"{same} of {n}")  # fmt: skip
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                            str(base_tree)], check=True)  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
