"""Bench: search build time, incremental update and index size, ours vs Pagefind.

Usage: python bench/search_build.py SITE [--json OUT]

SITE is a newsarchive site folder already built (``newsarchive build``). The script reads
the site's articles with Pelican's own reader (exactly what the search plugin indexes),
then times, side by side:

- ours: a full search build from nothing (Whoosh index + static index), an update that
  adds the last 10 articles to an index of the others (files rewritten, new files), and
  one that then edits the middle article (its text gets one more sentence);
- Pagefind: indexing the same article pages from nothing (``python -m pagefind``).

and prints index sizes on disk. Nothing here is asserted: it reports, with ratios.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican.contents import Article
from pelican.readers import Readers

from newsarchive.build import pelican_settings
from newsarchive.search import update_indexes
from newsarchive.search.documents import SearchDoc, doc_from_article


def read_docs(site: Path) -> list[SearchDoc]:
    settings = pelican_settings(site.resolve())
    readers = Readers(settings)
    content = Path(settings["PATH"])
    docs = []
    for path in sorted((content / "articles").rglob("*.md")):
        article = readers.read_file(str(content), str(path.relative_to(content)), Article)
        docs.append(doc_from_article(article))
    return sorted(docs, key=lambda d: d.url)


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in folder.rglob("*")
        if p.is_file()
    }


def ours(docs: list[SearchDoc], work: Path) -> dict[str, Any]:
    whoosh, static = work / "whoosh", work / "static"
    start = time.perf_counter()
    update_indexes(docs, whoosh, static)
    full = time.perf_counter() - start
    sizes = {"whoosh_bytes": du(whoosh), "static_bytes": du(static)}
    shutil.rmtree(work)
    update_indexes(docs[:-10], whoosh, static)
    before = snapshot(static)
    start = time.perf_counter()
    update_indexes(docs, whoosh, static)
    incremental = time.perf_counter() - start
    after = snapshot(static)
    kept = [name for name, stamp in before.items() if after.get(name) == stamp]
    middle = len(docs) // 2
    edited = [*docs[:middle], replace(docs[middle], body=docs[middle].body + " Edited."),
              *docs[middle + 1 :]]  # fmt: skip
    start = time.perf_counter()
    update_indexes(edited, whoosh, static)
    edit = time.perf_counter() - start
    edit_after = snapshot(static)
    return {
        "full_seconds": full,
        "add10_seconds": incremental,
        "files_before": len(before),
        "files_after": len(after),
        "files_kept_untouched": len(kept),
        "files_rewritten": len([n for n in before if n in after and after[n] != before[n]]),
        "files_new": len([n for n in after if n not in before]),
        "edit1_seconds": edit,
        "edit1_files_written": len([n for n in edit_after if edit_after[n] != after.get(n)]),
        **sizes,
    }


def pagefind(output: Path, work: Path) -> dict[str, Any]:
    site = work / "site"
    pages = list(output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.html"))
    for page in pages:
        target = site / page.relative_to(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet", "--root-selector",
         "article"],
        check=True,
    )  # fmt: skip
    return {"full_seconds": time.perf_counter() - start, "index_bytes": du(site / "pagefind"),
            "pages": len(pages)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    docs = read_docs(args.site)
    with tempfile.TemporaryDirectory() as tmp:
        report = {
            "site": str(args.site),
            "articles": len(docs),
            "ours": ours(docs, Path(tmp) / "ours"),
            "pagefind": pagefind(args.site / "output", Path(tmp) / "pf"),
        }
    o, p = report["ours"], report["pagefind"]
    print(f"articles: {len(docs)}")
    print(f"full build: ours {o['full_seconds']:.1f}s, Pagefind {p['full_seconds']:.1f}s "
          f"(ratio {o['full_seconds'] / p['full_seconds']:.1f})")  # fmt: skip
    print(f"add 10 articles: ours {o['add10_seconds']:.1f}s; static files: {o['files_before']} "
          f"before, {o['files_kept_untouched']} untouched, {o['files_rewritten']} rewritten, "
          f"{o['files_new']} new")  # fmt: skip
    print(f"edit the middle article: ours {o['edit1_seconds']:.1f}s, "
          f"{o['edit1_files_written']} static files written")  # fmt: skip
    print(f"on disk: ours static {o['static_bytes'] / 1e6:.1f} MB (+ Whoosh "
          f"{o['whoosh_bytes'] / 1e6:.1f} MB), Pagefind {p['index_bytes'] / 1e6:.1f} MB")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
