"""Enrich stage, orchestration: read every article, compute tags and related links,
rewrite the files whose enrich-owned keys changed (atomically; hand edits are kept).

A related article of this archive is written as Pelican's intrasite link to its
Markdown file, relative to the linking file (``Title | {filename}../03/slug.md``), never
as a URL: the URL is Pelican's to decide (``ARTICLE_URL``, ``ARTICLE_LANG_URL``, the
article's own ``Slug``, ``Category``, ``Lang``...), and the site plugin asks Pelican for
it at build time. So the Markdown does not change when the URL scheme does.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.enrich.related import Doc, related_articles
from newsarchive.enrich.tags import (
    choose_vocabulary,
    display_forms,
    extract_candidates,
    normalize_tag,
    pick_tags,
    rank_candidates,
)
from newsarchive.fileio import atomic_write
from newsarchive.frontmatter import (
    filename_link,
    format_related,
    format_tags,
    is_hand_edited,
    parse_related,
    read_front_matter,
    render_document,
)
from newsarchive.importer.model import Related

__all__ = ["EnrichReport", "enrich_site"]

Progress = Callable[[str, int, int], None]


@dataclass
class EnrichReport:
    updated: list[Path] = field(default_factory=list)
    unchanged: int = 0
    kept_hand_edits: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class _Entry:
    path: Path
    text: str
    meta: dict[str, str | list[str]]
    body: str


def _str(meta: dict[str, str | list[str]], key: str) -> str:
    value = meta.get(key, "")
    return value if isinstance(value, str) else " ".join(value)


def _split_list(value: str) -> list[str]:
    sep = ";" if ";" in value else ","
    return [v.strip() for v in value.split(sep) if v.strip()]


def _names_site(key: str, name: str) -> bool:
    """The tag ``key`` is the site's name, or its brand word inside the host's label:
    "verge" on theverge.com, "wired" on wired.com."""
    return key == name or (len(key) >= 5 and key in name)


def _article_link(from_key: str, to_key: str) -> str:
    """The link from the article ``from_key`` to ``to_key`` (paths below articles/)."""
    return filename_link(posixpath.dirname(from_key), to_key)


def enrich_site(
    articles_dir: Path, *, max_tags: int = 8, max_related: int = 5,
    force: bool = False, progress: Progress | None = None,
) -> EnrichReport:  # fmt: skip
    report = EnrichReport()
    entries: list[_Entry] = []
    for path in sorted(articles_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = read_front_matter(text)
        body = text.partition("\n\n")[2]
        entries.append(_Entry(path, text, meta, body))
    candidates = [extract_candidates(_str(e.meta, "Title"), e.body) for e in entries]
    doc_freq: Counter[str] = Counter()
    for cand in candidates:
        doc_freq.update(cand.keys())
    page_tags = [_split_list(_str(e.meta, "Source_tags")) for e in entries]
    for tags in page_tags:
        doc_freq.update({normalize_tag(t) for t in tags})
    display = display_forms(t for tags in page_tags for t in tags)
    sites = [_str(e.meta, "Site") or _str(e.meta, "Category") for e in entries]
    per_site: dict[str, Counter[str]] = {}
    site_sizes = Counter(sites)
    for site, cand in zip(sites, candidates, strict=True):
        per_site.setdefault(site, Counter()).update(cand.keys())

    def share_in_site(site: str) -> Callable[[str], float]:
        # The site's own name is never a topic; beyond that, only a site with enough
        # articles can tell its template and house brands from its topics.
        name = site.split(".")[-2] if site.count(".") >= 1 else site
        counts, size = per_site[site], site_sizes[site]
        return lambda key: (
            1.0 if _names_site(key, name) else (counts[key] / size if size >= 10 else 0.0)
        )

    rankings = [
        rank_candidates(cand, doc_freq, len(entries), site_share=share_in_site(site))
        for cand, site in zip(candidates, sites, strict=True)
    ]
    vocabulary = choose_vocabulary(rankings, max_tags=max_tags, n_docs=len(entries))
    keys = [e.path.relative_to(articles_dir).as_posix() for e in entries]
    docs = [Doc(k, _str(e.meta, "Title"), e.body) for k, e in zip(keys, entries, strict=True)]
    related = related_articles(docs, limit=max_related)
    by_key = dict(zip(keys, entries, strict=True))
    for done, (key, entry, ranked, tags) in enumerate(
        zip(keys, entries, rankings, page_tags, strict=True), start=1
    ):
        if progress:
            progress("enrich", done, len(entries))
        new_tags = pick_tags(tags, ranked, vocabulary, max_tags=max_tags, display=display)
        links = parse_related(entry.meta.get("Teasers"))
        for other in related[key]:
            links.append(Related(_str(by_key[other].meta, "Title"), _article_link(key, other)))
        meta = dict(entry.meta)
        meta.pop("Checksum", None)
        meta["Tags"] = format_tags(new_tags)
        meta["Related"] = [format_related(r) for r in dict.fromkeys(links)]
        stamp = hashlib.sha256(repr((meta["Tags"], meta["Related"])).encode()).hexdigest()[:12]
        meta["Enriched"] = stamp
        if _str(entry.meta, "Enriched") == stamp:
            report.unchanged += 1
            continue
        if is_hand_edited(entry.text) and not force:
            report.kept_hand_edits.append(entry.path)
            continue
        atomic_write(entry.path, render_document(meta, entry.body))
        report.updated.append(entry.path)
    return report
