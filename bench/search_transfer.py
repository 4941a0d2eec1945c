"""Bench: bytes a cold and a follow-up browser query transfer, and index build time.

Usage: python bench/search_transfer.py [articles.jsonl.gz] [query ...]
Default corpus: ../shared/data/tech-articles-sample/articles.jsonl.gz (1,000 articles).
Counts response body bytes (uncompressed, as http.server sends them) of everything the
search page loads: search.js, entry, shards, fragments.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from newsarchive.search import SearchDoc, update_indexes

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "data" / "tech-articles-sample" / "articles.jsonl.gz"


def load(path: Path) -> list[SearchDoc]:
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            year = str(rec.get("year") or "")
            docs.append(SearchDoc(
                url=f"a/{rec['id']}.html", title=rec.get("title") or "", lang="en",
                date=year if year.isdigit() and len(year) == 4 else "",
                summary="", body=rec.get("text") or "", site=rec.get("url", "").split("/")[2]
                if "//" in rec.get("url", "") else "",
            ))
    return docs


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    queries = sys.argv[2:] or ["apple iphone", "google privacy", "tesla battery"]
    docs = load(corpus)
    tmp = Path(tempfile.mkdtemp())
    t0 = time.perf_counter()
    _, written = update_indexes(docs, tmp / "whoosh", tmp / "out" / "search")
    print(f"{len(docs)} docs indexed in {time.perf_counter() - t0:.1f}s; "
          f"{written.shards} shards, entry {written.entry_bytes} bytes")
    shutil.copy(REPO / "theme" / "static" / "js" / "search.js", tmp / "out" / "search.js")
    (tmp / "out" / "page.html").write_text(
        '<!DOCTYPE html><meta charset="utf-8"><script src="search.js" '
        'data-ns-index="search/"></script>\n', encoding="utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(tmp / "out")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/page.html"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-background-networking"])
        for q in queries:
            page = browser.new_page()
            sizes: list[int] = []
            page.on("response", lambda r: sizes.append(int(r.headers.get("content-length", 0))))
            page.goto(url)
            page.evaluate("q => newsarchiveSearch(q)", q)
            cold = sum(sizes)
            sizes.clear()
            page.evaluate("q => newsarchiveSearch(q)", q.split()[0] + " data")
            print(f"{q!r}: cold {cold / 1000:.1f} KB (page+search.js incl.), "
                  f"follow-up {sum(sizes) / 1000:.1f} KB")
            page.close()
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
