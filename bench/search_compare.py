"""Bench: our static search vs Pagefind on one built site, in headless Chromium.

Usage: python bench/search_compare.py SITE [--pagefind] [--queries N] [--json OUT]

SITE is a newsarchive site folder already built (``newsarchive build``). The script
runs Pagefind over the same article pages (``python -m pagefind``, root ``<article>``)
unless ``output/pagefind`` exists, serves ``output/`` over http with gzip (as a static
host would; Pagefind's ``.pf_*`` files are already gzipped and go out as they are) and
measures, for both engines, in Chromium:

- bytes on the wire and time to first results (top 10 with title, url and excerpt) of a
  cold first query on a fresh page, and of a follow-up query on the same page;
- mean reciprocal rank @10 of known-item queries built from article titles: 2-3 rare
  title words; the same with one misspelt; the rarest title word; that word misspelt;
  Italian articles: a rare title word inflected (singular <-> plural).
Index sizes on disk are printed too. Build times are measured by bench/search_build.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from playwright.sync_api import Page, sync_playwright

from newsarchive.search.text import tokenize

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COMPRESSIBLE = (".js", ".json", ".html", ".css", ".svg", ".txt")
TRANSFER_QUERIES = [
    ("apple iphone", "battery life"),
    ("google privacy", "facebook"),
    ("tesla electric cars", "autopilot"),
    ("artificial intelligence", "machine learning"),
    ("cryptocurrency bitcoin", "ethereum"),
]
PAGE = '<!DOCTYPE html><meta charset="utf-8"><title>bench</title>\n'


class Counting(SimpleHTTPRequestHandler):
    """Serves files gzip-encoded when the browser accepts it; counts bytes sent."""

    sent: ClassVar[list[tuple[str, int]]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path.split("?")[0]))
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        encoding = None
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body, encoding = gzip.compress(body, 9, mtime=0), "gzip"
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)
        if not self.path.startswith("/bench_"):
            Counting.sent.append((self.path, len(body)))


OURS_JS = """async q => {
  const t0 = performance.now();
  const r = await newsarchiveSearch(q, {limit: 10});
  return {ms: performance.now() - t0, urls: r.map(x => x.url)};
}"""
PF_JS = """async q => {
  const t0 = performance.now();
  if (!window.pf) { window.pf = await import('/pagefind/pagefind.js'); }
  const s = await window.pf.search(q);
  const d = await Promise.all(s.results.slice(0, 10).map(x => x.data()));
  return {ms: performance.now() - t0, urls: d.map(x => x.url)};
}"""


def clean_url(url: str) -> str:
    return re.sub(r"^(\./|/)+", "", url)


def run(page: Page, engine: str, query: str) -> dict[str, Any]:
    return page.evaluate(OURS_JS if engine == "ours" else PF_JS, query)


def transfer(browser: Any, base: str, engine: str) -> list[dict[str, Any]]:
    rows = []
    for first, follow in TRANSFER_QUERIES:
        page = browser.new_page()
        page.goto(f"{base}/bench_{engine}.html")
        Counting.sent.clear()
        cold = run(page, engine, first)
        cold_bytes = sum(n for _, n in Counting.sent)
        files = len(Counting.sent)
        Counting.sent.clear()
        warm = run(page, engine, follow)
        rows.append({
            "query": first, "follow": follow, "cold_bytes": cold_bytes, "cold_files": files,
            "cold_ms": cold["ms"], "follow_bytes": sum(n for _, n in Counting.sent),
            "follow_ms": warm["ms"],
        })  # fmt: skip
        page.close()
    return rows


# ---- known-item queries -----------------------------------------------------------

STOP = set(
    """the a an and or of to in on for with by from at as is are was be this that it its how
    why what who when new your you we our their his her il la lo le gli i di da in con su
    per tra fra un una uno e che del della dei delle al alla nel nella""".split()
)


def articles(output: Path) -> list[dict[str, Any]]:
    """Every article's result file, by URL: the queries drawn from them do not depend on
    how the index numbers articles (formats 2 and 3 number them differently)."""
    docs = []
    for path in (output / "search" / "f").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        docs.append(json.loads(text[text.index(",") + 1 : text.rindex(")")]))
    return sorted(docs, key=lambda d: d["url"])


def misspell(word: str, rng: random.Random) -> str:
    """One deletion, substitution or transposition, first letter kept."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["del", "sub", "swap"])
    if kind == "del":
        return word[:i] + word[i + 1 :]
    if kind == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    other = rng.choice([c for c in "aeioulnrst" if c != word[i]])
    return word[:i] + other + word[i + 1 :]


def inflect_it(word: str) -> str | None:
    """Italian singular <-> plural by the regular endings."""
    for a, b in (
        ("zione", "zioni"),
        ("zioni", "zione"),
        ("o", "i"),
        ("a", "e"),
        ("i", "o"),
        ("e", "i"),
    ):
        if word.endswith(a):
            return word[: -len(a)] + b
    return None


def query_sets(
    docs: list[dict[str, Any]], n: int, seed: int = 5
) -> dict[str, list[tuple[str, str]]]:
    df: dict[str, int] = {}
    for d in docs:
        for w in set(tokenize(d["title"] + " " + d["text"])):
            df[w] = df.get(w, 0) + 1
    rng = random.Random(seed)
    english = [d for d in docs if d["lang"] != "it"]
    sample = rng.sample(english, min(n, len(english)))
    sets: dict[str, list[tuple[str, str]]] = {
        "2-3 title words": [], "2-3 words, one misspelt": [],
        "rarest title word": [], "rarest word misspelt": [], "Italian inflected": [],
    }  # fmt: skip
    for d in sample:
        words = [
            w
            for w in dict.fromkeys(tokenize(d["title"]))
            if w not in STOP and len(w) > 2 and not w.isdigit()
        ]
        if len(words) < 2:
            continue
        rare = sorted(words, key=lambda w: (df.get(w, 0), w))[:3]
        picked = [w for w in words if w in rare]
        url = clean_url(d["url"])
        sets["2-3 title words"].append((" ".join(picked), url))
        longest = max(picked, key=len)
        if len(longest) >= 5:
            typo = [misspell(w, rng) if w == longest else w for w in picked]
            sets["2-3 words, one misspelt"].append((" ".join(typo), url))
        single = [w for w in rare if len(w) >= 5]
        if single:
            sets["rarest title word"].append((single[0], url))
            sets["rarest word misspelt"].append((misspell(single[0], rng), url))
    for d in docs:
        if d["lang"] != "it":
            continue
        words = [
            w
            for w in dict.fromkeys(tokenize(d["title"]))
            if w not in STOP and len(w) > 3 and not w.isdigit()
        ]
        rare = sorted(words, key=lambda w: (df.get(w, 0), w))
        forms = [(w, inflect_it(w)) for w in rare if inflect_it(w)]
        if len(forms) >= 1:
            others = [w for w in rare if w != forms[0][0]][:1]
            sets["Italian inflected"].append(
                (" ".join([forms[0][1] or "", *others]), clean_url(d["url"]))
            )
    return sets


def mrr(page: Page, engine: str, queries: list[tuple[str, str]]) -> tuple[float, float]:
    total = found = 0.0
    for query, url in queries:
        urls = [clean_url(u) for u in run(page, engine, query)["urls"]]
        if url in urls:
            total += 1 / (urls.index(url) + 1)
            found += 1
    return total / max(1, len(queries)), found / max(1, len(queries))


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    output = args.site / "output"
    if not (output / "pagefind").is_dir():
        t0 = time.perf_counter()
        subprocess.run([
            sys.executable, "-m", "pagefind", "--site", str(output), "--quiet",
            "--glob", "[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.html", "--root-selector", "article",
        ], check=True)  # fmt: skip
        print(f"pagefind indexed in {time.perf_counter() - t0:.1f}s")
    (output / "bench_ours.html").write_text(
        PAGE + '<script src="theme/js/search.js" data-ns-index="search/"></script>\n',
        encoding="utf-8",
    )
    (output / "bench_pagefind.html").write_text(PAGE, encoding="utf-8")
    report: dict[str, Any] = {
        "site": str(args.site),
        "disk": {"ours": du(output / "search"), "pagefind": du(output / "pagefind"),
                 "whoosh": du(args.site / ".newsarchive" / "whoosh")},
    }  # fmt: skip
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Counting, directory=str(output)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    sets = query_sets(articles(output), args.queries)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for engine in ("ours", "pagefind"):
            report[engine] = {"transfer": transfer(browser, base, engine), "mrr": {}}
            page = browser.new_page()
            page.goto(f"{base}/bench_{engine}.html")
            for name, queries in sets.items():
                score, hit = mrr(page, engine, queries)
                report[engine]["mrr"][name] = {"mrr": score, "found": hit, "n": len(queries)}
            page.close()
        browser.close()
    httpd.shutdown()
    report["examples"] = {k: v[:3] for k, v in sets.items()}
    text = json.dumps(report, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
