"""Bench: importer quality against the shared ground truth, beside trafilatura alone.

Usage: ``python bench/importer_quality.py [DATA] [--out results.json] [--workers 2]
[--only mozilla,fundus] [--dumps-only]``. DATA defaults to ``../shared/data`` relative to
the repo. ``--dumps-only`` skips the HTML import and trafilatura and measures only the
flattened dumps (fast, for work on the text cleaner).

Measures, per data set:
* body: token precision/recall/F1 of our Markdown (as plain text) against the full
  ground-truth body; for sets whose ground truth is only the body's first words
  (goose3, postlight, shinyfrog) the recall of that prefix at the start of the body.
  trafilatura alone (``trafilatura.extract(html)``, default settings) on the same pages;
* title, date, authors, language: share right among pages whose ground truth states them
  (rules in ``quality_metrics``);
* speed: articles per second of ``pipeline.extract_paths`` (HTML pages);
* flattened dumps: every page with a full body ground truth flattened to text the way a
  scraper would (all visible text, block elements as line breaks), imported as text
  records with boilerplate learned per site over all dumps; F1 of the raw dump and of
  our cleaned body against the same ground truth.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html as htmllib
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from statistics import mean
from typing import Any, NamedTuple

import trafilatura
from trafilatura.utils import load_html

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality_data import FLATTEN_STYLES, Case, flatten_html, load_all
from quality_metrics import (
    authors_right,
    date_right,
    day_written,
    f1,
    lang_right,
    md_to_text,
    norm_title,
    prefix_recall,
    title_right,
)  # fmt: skip

from newsarchive.importer.dump.boilerplate import Boilerplate
from newsarchive.importer.extract import extract_record
from newsarchive.importer.model import Article, ImportFailure, RawRecord
from newsarchive.importer.pagemeta import PageMeta, read_page_meta
from newsarchive.importer.pipeline import extract_paths
from newsarchive.importer.sitesuffix import strip_site_suffix
from newsarchive.importer.titles import article_h1
from newsarchive.importer.urls import site_of

REPO = Path(__file__).resolve().parent.parent
_BP: Boilerplate | None = None


def _trafilatura(html: str) -> str:
    try:
        return trafilatura.extract(html) or ""
    except Exception:  # noqa: BLE001 - a crash scores as empty output
        return ""


def _trafilatura_meta(case: Case) -> tuple[str | None, str | None]:
    """trafilatura's own title and date for the page (its defaults), for comparison."""
    try:
        meta = trafilatura.extract_metadata(case.html, default_url=case.url)
    except Exception:  # noqa: BLE001 - a crash scores as no answer
        return None, None
    return (meta.title, meta.date) if meta else (None, None)


def _as_datetime(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _init_dump(bp: Boilerplate) -> None:
    global _BP  # noqa: PLW0603 - per-process state of a worker
    _BP = bp


def _clean_dump(record: RawRecord) -> tuple[str, dt.datetime | None, tuple[str, ...]]:
    """The cleaned dump's text, date and authors (a refused dump: empty, None, none)."""
    try:
        article = extract_record(record, boilerplate=_BP)
    except ImportFailure:
        return "", None, ()
    # The bench's fetch date is the date of last resort, not a date the dump states.
    date = None if any("fetch date" in w for w in article.warnings) else article.date
    return md_to_text(article.body_markdown), date, article.authors


def _body_score(text: str, case: Case) -> dict[str, float]:
    assert case.body is not None
    if case.body_kind == "prefix":
        return {"prefix_recall": prefix_recall(text, case.body)}
    p, r, f = f1(text, case.body)
    return {"p": p, "r": r, "f1": f}


def _html_title(html: str) -> str | None:
    low = html.lower()
    start, end = low.find("<title"), low.find("</title>")
    if start < 0 or end < 0:
        return None
    inner = html[html.find(">", start) + 1 : end]
    # A scraper saves the title's text: "&quot;" is a quote (NTV, Stuttgarter Zeitung).
    return " ".join(htmllib.unescape(inner).split()) or None


_SITE_NAME_RE = re.compile(
    r"<meta[^>]+(?:property|name)=[\"']og:site_name[\"'][^>]*content=[\"']([^\"']+)", re.I
)


# The page's own address, for sets that give none (Mozilla's test pages).
_PAGE_URL_RE = re.compile(
    r"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"']([^\"']+)"
    r"|<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)",
    re.I,
)


def _site_names(case: Case) -> tuple[str, ...]:
    """The page's host and stated site name: what a title's site suffix may name."""
    head = case.html[:200_000]
    names = [site_of(case.url) or ""]
    names += [site_of(a or b) or "" for a, b in _PAGE_URL_RE.findall(head)]
    names += _SITE_NAME_RE.findall(head)
    return tuple(n for n in names if n)


class DumpResult(NamedTuple):
    dump: str
    text: str
    date: dt.datetime | None
    authors: tuple[str, ...]


def _dump_rows(cases: list[Case], workers: int, style: str = "lines") -> dict[int, DumpResult]:
    """Flatten every page with a full body, a date or authors in its ground truth (its
    blocks joined as ``style`` says), and clean it: ``id(case)`` to its :class:`DumpResult`."""
    used = [c for c in cases if (c.body and c.body_kind == "full") or c.date or c.authors]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        dumps = list(
            pool.map(partial(flatten_html, style=style), [c.html for c in used], chunksize=4)
        )
    # A scraper saves the page's URL, its <title> and when it fetched the page (the date
    # of last resort when the dump states none, counted as no date).
    records = [
        RawRecord(input=f"{c.dataset}/{c.name}", kind="text", content=d, url=c.url,
                  title=_html_title(c.html), fetched="2000-01-01T00:00:00Z")
        for c, d in zip(used, dumps, strict=True)
    ]  # fmt: skip
    bp = Boilerplate()
    bp.learn((site_of(r.url) or "", r.content) for r in records)
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_dump, initargs=(bp,)) as pool:
        cleaned = list(pool.map(_clean_dump, records, chunksize=4))
    return {id(c): DumpResult(d, *out) for c, d, out in zip(used, dumps, cleaned, strict=True)}


def _dump_fields(case: Case, result: DumpResult) -> dict[str, Any]:
    """Body, date and authors of one flattened dump against the ground truth."""
    row: dict[str, Any] = {}
    if case.body and case.body_kind == "full":
        row["dump_raw"] = _body_score(result.dump, case)
        row["dump_clean"] = _body_score(result.text, case)
    if case.date:
        got = result.date.isoformat() if result.date else None
        row["dump_date"] = {
            "ok": date_right(result.date, case.date),
            "got": got,
            "truth": case.date,
            # Whether the dump writes that day anywhere: what a reader could date it by.
            "written": day_written(result.dump, case.date),
        }
    if case.authors:
        row["dump_authors"] = {"ok": authors_right(result.authors, case.authors),
                               "got": list(result.authors), "truth": list(case.authors)}  # fmt: skip
    return row


def run_dumps(
    data: Path, workers: int, only: set[str] | None, style: str = "lines"
) -> dict[str, Any]:
    """Only the flattened dumps: no HTML import, no trafilatura."""
    cases = load_all(data, only)
    dump_of = _dump_rows(cases, workers, style)
    rows: list[dict[str, Any]] = []
    for case in cases:
        if id(case) not in dump_of:
            continue
        rows.append({"dataset": case.dataset, "name": case.name, "failure": None,
                     "body_kind": case.body_kind, **_dump_fields(case, dump_of[id(case)])})  # fmt: skip
    return {"rows": rows, "speed": None, "summary": summarise(rows)}


def _title_agreed(page: PageMeta, sites: tuple[str, ...]) -> bool:
    """The page states one headline: at least two of ``og:title`` (or another meta
    title), the JSON-LD headline and the article's ``<h1>`` are present and, site suffix
    dropped, say the same. Elsewhere the page offers variants (an SEO title, a social
    one, the visible one) and the data sets disagree on which is "the" title."""
    h1 = article_h1(page.h1s, [page.html_title, page.og_title, page.headline, page.meta_title])
    sources = [
        strip_site_suffix(t, sites)
        for t in (page.og_title or page.meta_title, page.headline, h1)
        if t
    ]
    return (
        len(sources) >= 2
        and len({" ".join(norm_title(t).casefold().split()) for t in sources}) == 1
    )


def _title_stated(page: PageMeta, truth: str, sites: tuple[str, ...]) -> bool:
    """The truth is one of the page's own title sources (``<title>``, ``<h1>``,
    ``og:title``/``twitter:title``, the JSON-LD headline), site suffix dropped or not.

    Where it is none of them (an editor's headline kept elsewhere, a reader-view
    convention), no choice among the sources can be right."""
    sources = [page.html_title, page.h1, page.og_title, page.headline]
    return any(
        title_right(variant, truth, sites)
        for source in sources if source
        for variant in (source, strip_site_suffix(source, sites))
    )  # fmt: skip


def run(data: Path, workers: int, only: set[str] | None, style: str = "lines") -> dict[str, Any]:
    cases = load_all(data, only)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, case in enumerate(cases):
            path = Path(tmp) / f"{i:04d}.html"
            path.write_text(case.html, encoding="utf-8")
            if case.url:
                (Path(tmp) / f"{i:04d}.html.url").write_text(case.url + "\n", encoding="utf-8")
            paths.append(path)
        start = time.perf_counter()
        outcomes = extract_paths(paths, workers=workers)
        ours_seconds = time.perf_counter() - start
    body_cases = [c for c in cases if c.body]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        start = time.perf_counter()
        traf = dict(
            zip(
                map(id, body_cases),
                pool.map(_trafilatura, [c.html for c in body_cases], chunksize=4),
                strict=True,
            )
        )
        traf_seconds = time.perf_counter() - start
        meta_cases = [c for c in cases if c.title or c.date]
        traf_meta = dict(zip(map(id, meta_cases), pool.map(_trafilatura_meta, meta_cases, chunksize=4),
                             strict=True))  # fmt: skip
    dump_of = _dump_rows(cases, workers, style)

    for case, outcome in zip(cases, outcomes, strict=True):
        art = outcome if isinstance(outcome, Article) else None
        # The reason alone: the input's name is a temporary copy's (not the same twice).
        failure = outcome.reason if isinstance(outcome, ImportFailure) else str(outcome)
        row: dict[str, Any] = {"dataset": case.dataset, "name": case.name,
                               "failure": None if art else failure}  # fmt: skip
        if case.body:
            ours_text = md_to_text(art.body_markdown) if art else ""
            row["body_kind"] = case.body_kind
            row["ours"] = _body_score(ours_text, case)
            row["trafilatura"] = _body_score(traf[id(case)], case)
        if id(case) in dump_of:
            row.update(_dump_fields(case, dump_of[id(case)]))
        sites = _site_names(case)
        for field, check, got in (
            ("title", lambda g, t, s=sites: title_right(g, t, s), art.title if art else None),
            ("date", date_right, art.date if art else None),
            ("authors", authors_right, art.authors if art else ()),
            ("lang", lang_right, art.lang if art else None),
        ):
            truth = getattr(case, field)
            if truth:
                row[field] = {"ok": check(got, truth), "got": str(got) if got is not None else None,
                              "truth": truth if isinstance(truth, str) else list(truth)}  # fmt: skip
        if case.title:
            tree = load_html(case.html)  # parsed once for both checks
            page = read_page_meta(tree) if tree is not None else None
            row["title"]["stated"] = page is not None and _title_stated(page, case.title, sites)
            row["title"]["agreed"] = page is not None and _title_agreed(page, sites)
        traf_title, traf_date = traf_meta.get(id(case), (None, None))
        if case.title:
            row["title"]["traf_ok"] = title_right(traf_title, case.title, sites)
        if case.date:
            row["date"]["traf_ok"] = date_right(_as_datetime(traf_date), case.date)
        rows.append(row)
    return {
        "rows": rows,
        "speed": {
            "pages": len(cases),
            "ours_seconds": ours_seconds,
            "ours_articles_per_second": len(cases) / ours_seconds,
            "trafilatura_pages": len(body_cases),
            "trafilatura_seconds": traf_seconds,
            "workers": workers,
        },  # fmt: skip
        "summary": summarise(rows),
    }


def _avg(rows: list[dict[str, Any]], key: str, metric: str) -> float | None:
    values = [r[key][metric] for r in rows if key in r and metric in r[key]]
    return mean(values) if values else None


def summarise(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row["dataset"]].append(row)
        groups["ALL"].append(row)
    out: dict[str, dict[str, Any]] = {}
    for name, group in groups.items():
        s: dict[str, Any] = {"pages": len(group), "failures": sum(1 for r in group if r["failure"])}
        for key in ("ours", "trafilatura", "dump_raw", "dump_clean"):
            for metric in ("p", "r", "f1", "prefix_recall"):
                value = _avg(group, key, metric)
                if value is not None:
                    s[f"{key}_{metric}"] = value
        s["body_full_n"] = sum(1 for r in group if r.get("body_kind") == "full")
        s["body_prefix_n"] = sum(1 for r in group if r.get("body_kind") == "prefix")
        for field in ("title", "date", "authors", "lang", "dump_date", "dump_authors"):
            checked = [r[field]["ok"] for r in group if field in r]
            if checked:
                s[f"{field}_n"] = len(checked)
                s[f"{field}_acc"] = sum(checked) / len(checked)
            # Over the pages the importer took (a refused page has no title or date).
            imported = [r[field]["ok"] for r in group if field in r and not r["failure"]]
            if imported:
                s[f"{field}_imported_n"] = len(imported)
                s[f"{field}_imported_acc"] = sum(imported) / len(imported)
        for field in ("title", "date"):
            traf_ok = [r[field]["traf_ok"] for r in group if "traf_ok" in r.get(field, {})]
            if traf_ok:
                s[f"{field}_traf_n"] = len(traf_ok)
                s[f"{field}_traf_acc"] = sum(traf_ok) / len(traf_ok)
        written = [r["dump_date"]["ok"] for r in group if r.get("dump_date", {}).get("written")]
        if written:
            s["dump_date_written_n"] = len(written)
            s["dump_date_written_acc"] = sum(written) / len(written)
        for key in ("stated", "agreed"):
            picked = [r["title"]["ok"] for r in group if r.get("title", {}).get(key)]
            if picked:
                s[f"title_{key}_n"] = len(picked)
                s[f"title_{key}_acc"] = sum(picked) / len(picked)
        out[name] = s
    return out


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def table(summary: dict[str, dict[str, Any]], *, dumps_only: bool = False) -> str:
    head = (f"{'set':12} {'pages':>5} {'fail':>4} | {'F1 ours':>7} {'F1 traf':>7} {'P ours':>6} "
            f"{'R ours':>6} | {'pfx ours':>8} {'pfx traf':>8} | {'title':>11} {'date':>11} "
            f"{'authors':>11} {'lang':>11}")  # fmt: skip
    lines = [head, "-" * len(head)]
    for name, s in summary.items():
        meta = []
        for field in ("title", "date", "authors", "lang"):
            acc = s.get(f"{field}_acc")
            meta.append(f"{acc:5.1%} ({s[f'{field}_n']:3d})" if acc is not None else f"{'-':>11}")
        lines.append(
            f"{name:12} {s['pages']:5d} {s['failures']:4d} | {_fmt(s.get('ours_f1')):>7} "
            f"{_fmt(s.get('trafilatura_f1')):>7} {_fmt(s.get('ours_p'))} {_fmt(s.get('ours_r'))} | "
            f"{_fmt(s.get('ours_prefix_recall')):>8} {_fmt(s.get('trafilatura_prefix_recall')):>8} | "
            + " ".join(f"{m:>11}" for m in meta)
        )
    lines += ["", "title and date over the pages imported (refused pages left out); title over the",
              "pages whose truth is one of their own title sources, and over the pages stating one",
              "headline (og:title, JSON-LD and <h1> agree); trafilatura alone (its metadata)",
              f"{'set':12} {'title imported':>16} {'date imported':>16} {'title stated':>16} "
              f"{'title one stated':>16} {'title traf':>16} {'date traf':>16}"]  # fmt: skip
    for name, s in summary.items():
        cells = []
        for key in ("title_imported", "date_imported", "title_stated", "title_agreed", "title_traf",
                    "date_traf"):  # fmt: skip
            acc = s.get(f"{key}_acc")
            cells.append(f"{acc:6.1%} ({s[f'{key}_n']:3d})" if acc is not None else "-")
        lines.append(f"{name:12} " + " ".join(f"{c:>16}" for c in cells))
    if dumps_only:
        lines = []
    else:
        lines.append("")
    lines += ["", "flattened dumps (body: pages with a full body ground truth; date and authors:",
              "pages with those in their ground truth, the dump given its URL and <title>)",
              f"{'set':12} {'n':>5} | {'F1 raw':>7} {'P raw':>6} | {'F1 clean':>8} {'P clean':>7} "
              f"{'R clean':>7} | {'date':>11} {'authors':>11} | {'date where written':>18}"]  # fmt: skip
    for name, s in summary.items():
        if "dump_raw_f1" in s or "dump_date_acc" in s:
            meta = []
            for field in ("dump_date", "dump_authors"):
                acc = s.get(f"{field}_acc")
                meta.append(f"{acc:5.1%} ({s[f'{field}_n']:3d})" if acc is not None else "-")
            lines.append(
                f"{name:12} {s['body_full_n']:5d} | {_fmt(s.get('dump_raw_f1')):>7} "
                f"{_fmt(s.get('dump_raw_p'))} | {_fmt(s.get('dump_clean_f1')):>8} "
                f"{_fmt(s.get('dump_clean_p')):>7} {_fmt(s.get('dump_clean_r')):>7} | "
                + " ".join(f"{m:>11}" for m in meta)
                + " | "
                + (
                    f"{s['dump_date_written_acc']:5.1%} ({s['dump_date_written_n']:3d})".rjust(18)
                    if "dump_date_written_acc" in s
                    else f"{'-':>18}"
                )
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument(
        "--out", type=Path, default=None,
        help="results JSON (default bench/results/importer_quality.json, or "
        "importer_dumps.json with --dumps-only)",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated data sets")
    parser.add_argument(
        "--dumps-only", action="store_true",
        help="only the flattened dumps: skip the HTML import and trafilatura",
    )  # fmt: skip
    parser.add_argument(
        "--flatten", choices=FLATTEN_STYLES, default="lines",
        help="how the test dumps join the page's blocks: a line each (default), a line "
        "break only after a sentence, or one line",
    )  # fmt: skip
    args = parser.parse_args(argv)
    only = {s for s in args.only.split(",") if s} or None
    results = REPO / "bench" / "results"
    if args.out is None:
        args.out = results / ("importer_dumps.json" if args.dumps_only else "importer_quality.json")
    if args.dumps_only:
        result = run_dumps(args.data, args.workers, only, args.flatten)
        print(table(result["summary"], dumps_only=True).lstrip("\n"))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(result, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
        )
        print(f"results: {args.out}")
        return 0
    result = run(args.data, args.workers, only, args.flatten)
    print(table(result["summary"]))
    speed = result["speed"]
    print(f"\nimport: {speed['pages']} pages in {speed['ours_seconds']:.1f}s = "
          f"{speed['ours_articles_per_second']:.2f} articles/s ({speed['workers']} workers); "
          f"trafilatura alone: {speed['trafilatura_pages']} pages in {speed['trafilatura_seconds']:.1f}s")  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(result, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    print(f"results: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
