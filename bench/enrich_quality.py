"""Bench: enrich's tags and related links against the topics pages give themselves.

Usage: ``python bench/enrich_quality.py [DATA] [--background ARTICLES] [--workers 2]
[--json OUT]``. DATA defaults to ``../shared/data``.

The fundus ground truth lists each page's ``topics`` (its publisher's tags). The English
and Italian fundus pages that have topics are imported (``extract_paths``) and written as
Markdown *without* their page tags, beside the articles of ``--background`` (a site's
``content/articles``: an archive for the statistics to work in), and enriched. Then, on
the fundus articles:

- **tags**: precision (share of enrich's tags that match a topic of the page) and recall
  (share of the page's topics matched by a tag); a tag matches a topic when their
  normalised forms are equal or one is a whole-word part of the other ("trump",
  "Donald Trump"). Beside a naive baseline: as many words per article, the highest by
  TF-IDF over the same archive.
- **related links**: the share of links between two fundus articles whose pages share a
  topic, beside the same share over every pair of fundus articles (what random links
  would score).

Topics are what a publisher chose, often words the text never says ("Money", "UK
economy"): no extractor reaches them all; the figures are for comparing versions.
Nothing is asserted: it reports.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import itertools
import json
import math
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from newsarchive.enrich.related import terms
from newsarchive.enrich.run import enrich_site
from newsarchive.enrich.tags import normalize_tag
from newsarchive.frontmatter import parse_related, read_front_matter
from newsarchive.importer.model import Article
from newsarchive.importer.pipeline import extract_paths
from newsarchive.importer.write import render_article

REPO = Path(__file__).resolve().parent.parent
LANGS = ("en", "it")


def fundus_pages(data: Path) -> list[tuple[str, str, str | None, list[str]]]:
    """(name, html, url, topics) of every confirmed fundus page with topics."""
    base = data / "fundus-parser-test-data"
    pages = base / "tests/resources/parser/test_data"
    out = []
    for row in json.loads((base / "html_to_groundtruth_mapping.json").read_text()):
        if not row.get("title_found_in_html"):
            continue
        truth = json.loads((pages / row["ground_truth"]).read_text()).get(row["version"], {})
        topics = [t for t in truth.get("topics") or [] if isinstance(t, str) and t.strip()]
        if topics:
            raw = (pages / row["html"]).read_bytes()
            html = gzip.decompress(raw) if row["html"].endswith(".gz") else raw
            out.append((row["html"], html.decode("utf-8", "replace"), row.get("url"), topics))
    return out


def matches(tag: str, topic: str) -> bool:
    t, p = normalize_tag(tag), normalize_tag(topic)
    return bool(t and p) and (t == p or f" {t} " in f" {p} " or f" {p} " in f" {t} ")


def _tags(meta: dict[str, Any]) -> list[str]:
    value = meta.get("Tags") or ""
    text = value if isinstance(value, str) else " ".join(value)
    return [t.strip() for t in text.split(",") if t.strip()]


def naive_tags(bodies: dict[str, str], counts: dict[str, int]) -> dict[str, list[str]]:
    """``counts[key]`` words per article: its highest by TF-IDF over all ``bodies``."""
    words_of = {key: terms("", body) for key, body in bodies.items()}
    df: Counter[str] = Counter()
    for words in words_of.values():
        df.update(words.keys())
    n = len(words_of)
    out = {}
    for key, k in counts.items():
        scored = sorted(words_of[key].items(), key=lambda w: (-w[1] * math.log(n / df[w[0]]), w[0]))
        out[key] = [w for w, _ in scored[:k]]
    return out


def run(data: Path, background: Path | None, workers: int) -> dict[str, Any]:
    pages = fundus_pages(data)
    with tempfile.TemporaryDirectory(prefix="enrich-quality-") as tmp:
        root = Path(tmp)
        paths = []
        for i, (_, html, url, _) in enumerate(pages):
            path = root / "in" / f"{i:04d}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
            if url:
                path.with_name(path.name + ".url").write_text(url + "\n", encoding="utf-8")
            paths.append(path)
        articles_dir = root / "articles"
        if background:
            shutil.copytree(background, articles_dir)
        topics: dict[str, list[str]] = {}
        for i, outcome in enumerate(extract_paths(paths, workers=workers)):
            if not isinstance(outcome, Article) or outcome.lang not in LANGS:
                continue
            key = f"fundus/f{i:04d}.md"
            (articles_dir / key).parent.mkdir(parents=True, exist_ok=True)
            hidden = dataclasses.replace(outcome, tags=())  # the page's tags are the truth
            text = render_article(hidden, input_name=pages[i][0], slug=f"f{i:04d}")
            (articles_dir / key).write_text(text, encoding="utf-8")
            topics[key] = pages[i][3]
        enrich_site(articles_dir)
        metas, bodies = {}, {}
        for path in sorted(articles_dir.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            key = path.relative_to(articles_dir).as_posix()
            metas[key], bodies[key] = read_front_matter(text), text.partition("\n\n")[2]
    ours = {key: _tags(metas[key]) for key in topics}
    naive = naive_tags(bodies, {key: max(1, len(tags)) for key, tags in ours.items()})
    rows = {"ours": _tag_scores(ours, topics), "naive TF-IDF": _tag_scores(naive, topics)}
    links, shared = 0, 0
    for key, own in topics.items():
        for link in parse_related(metas[key].get("Related")):
            url = link.url or ""  # a teaser may have no link
            other = f"fundus/{Path(url.rpartition('}')[2]).name}"
            if "{filename}" in url and other in topics:
                links += 1
                shared += any(matches(a, b) for a in own for b in topics[other])
    pairs = list(itertools.combinations(sorted(topics), 2))
    random_share = sum(
        any(matches(a, b) for a in topics[x] for b in topics[y]) for x, y in pairs
    ) / max(1, len(pairs))
    return {
        "articles": len(topics),
        "background": len(metas) - len(topics),
        "per_article": {k: {"topics": topics[k], "ours": ours[k], "naive": naive[k]} for k in topics},
        "tags": rows,
        "related": {"links": links, "sharing_a_topic": shared / max(1, links),
                    "random_pairs_sharing_a_topic": random_share},
    }  # fmt: skip


def _tag_scores(tags: dict[str, list[str]], topics: dict[str, list[str]]) -> dict[str, float]:
    given = sum(len(t) for t in tags.values())
    right = sum(sum(any(matches(t, p) for p in topics[k]) for t in tags[k]) for k in tags)
    found = sum(sum(any(matches(t, p) for t in tags[k]) for p in topics[k]) for k in tags)
    wanted = sum(len(topics[k]) for k in tags)
    return {
        "tags_per_article": given / max(1, len(tags)),
        "precision": right / max(1, given),
        "recall": found / max(1, wanted),
        "articles_with_a_right_tag": sum(
            any(matches(t, p) for t in tags[k] for p in topics[k]) for k in tags
        ) / max(1, len(tags)),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--background", type=Path, help="a site's content/articles folder")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    opts = parser.parse_args()
    result = run(opts.data, opts.background, opts.workers)
    print(f"{result['articles']} fundus articles (en, it) with topics, "
          f"{result['background']} background articles")  # fmt: skip
    print(f"{'tags':14} {'per article':>11} {'precision':>9} {'recall':>7} {'article hit':>11}")
    for name, row in result["tags"].items():
        print(f"{name:14} {row['tags_per_article']:11.2f} {row['precision']:9.3f} "
              f"{row['recall']:7.3f} {row['articles_with_a_right_tag']:11.3f}")  # fmt: skip
    rel = result["related"]
    print(f"related links between fundus articles: {rel['links']}, sharing a topic "
          f"{rel['sharing_a_topic']:.3f} (random pairs {rel['random_pairs_sharing_a_topic']:.3f})")  # fmt: skip
    if opts.json:
        opts.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
