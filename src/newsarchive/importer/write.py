"""Import stage, write: ``Article`` records to ``content/articles/YYYY/MM/<slug>.md``.

Guarantees: atomic writes (temp file + ``os.replace``: an interrupted import leaves no
partial file); idempotence (same input, same bytes, nothing rewritten); hand edits are
never overwritten without ``force`` (the file's ``Checksum`` no longer matches); an
article keeps its path once written (stable URLs); two articles with the same title
never share a path; the same URL or the same text is imported once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from slugify import slugify

from newsarchive import __version__
from newsarchive.fileio import atomic_write
from newsarchive.frontmatter import (
    format_related,
    format_tags,
    is_hand_edited,
    read_front_matter,
    render_document,
)
from newsarchive.importer.dedupe import band_keys
from newsarchive.importer.markdown import escape_text
from newsarchive.importer.model import Article
from newsarchive.importer.urls import normalize_url

__all__ = [
    "ENRICH_KEYS",
    "ContentStore",
    "WriteResult",
    "article_id",
    "content_hash",
    "render_article",
]

Status = Literal["created", "updated", "unchanged", "kept-hand-edit", "duplicate"]
# Keys ``enrich`` owns: a re-import keeps their enriched values.
ENRICH_KEYS = ("Tags", "Related", "Enriched")


def content_hash(article: Article) -> str:
    """Hash of the normalised body words: equal for the same text however it was laid out."""
    words = re.findall(r"\w+", article.body_markdown.lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]


def article_id(article: Article) -> str:
    """Stable identity: the normalised source URL, or the text when there is no URL."""
    key = normalize_url(article.source_url) or "text:" + content_hash(article)
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def _fmt_stamp(stamp: dt.datetime | None) -> str:
    """``2023-11-02 00:01+0100``: the publisher's wall time, with its offset when known."""
    if stamp is None:
        return ""
    return stamp.strftime("%Y-%m-%d %H:%M%z" if stamp.tzinfo else "%Y-%m-%d %H:%M")


def _fmt_date(article: Article) -> str:
    return _fmt_stamp(article.date)


def render_article(
    article: Article, *, input_name: str, slug: str,
    keep: dict[str, str | list[str]] | None = None,
) -> str:  # fmt: skip
    """The Markdown file for ``article`` (``keep``: enrich-owned values to carry over)."""
    teasers = [format_related(r) for r in article.related]
    # Pelican splits authors on ";" when the value holds one, else on ",": a lone
    # "Doe, Jane" (or "Doe; Jane", written "Doe, Jane") gets a final ";".
    authors = [a.replace(";", ",") for a in article.authors]
    meta: dict[str, str | list[str]] = {
        "Title": article.title,
        "Date": _fmt_date(article),
        "Date_precision": article.date_precision,
        "Lang": article.lang,
        "Authors": "; ".join(authors) + (";" if len(authors) == 1 and "," in authors[0] else ""),
        "Category": article.site or "misc",
        "Site": article.site or "",
        "Summary": escape_text(article.summary),
        "Source_url": article.source_url or "",
        "Image": article.image or "",
        "Source_tags": format_tags(article.tags),
        "Tags": format_tags(article.tags),
        "Teasers": teasers,
        "Related": teasers,
        "Na_id": article_id(article),
        "Content_hash": content_hash(article),
        "Bands": " ".join(band_keys(article.body_markdown)),
        "Input": input_name,
        "Fetched": article.fetched or "",
        "Modified": _fmt_stamp(article.modified),
        "Extractor": f"newsarchive {__version__}",
        "Slug": slug,
    }
    if keep:
        meta.update(keep)
    return render_document(meta, article.body_markdown)


@dataclass(frozen=True)
class WriteResult:
    status: Status
    path: Path
    note: str = ""


@dataclass
class ContentStore:
    """The articles already in ``root`` (by id and by text hash), and writes into it."""

    root: Path
    by_id: dict[str, Path] = field(default_factory=dict)
    by_hash: dict[str, str] = field(default_factory=dict)
    by_band: dict[str, str] = field(default_factory=dict)
    # Ids written by this store (this run): a second record with the same URL in one
    # batch is a duplicate, not a newer version of the article.
    written: set[str] = field(default_factory=set)

    def _remember(self, art_id: str, chash: str, bands: tuple[str, ...]) -> None:
        self.by_hash.setdefault(chash, art_id)
        for band in bands:
            self.by_band.setdefault(band, art_id)

    def _near_duplicate_of(self, art_id: str, bands: tuple[str, ...]) -> str | None:
        for band in bands:
            owner = self.by_band.get(band)
            if owner is not None and owner != art_id:
                return owner
        return None

    @classmethod
    def scan(cls, root: Path) -> ContentStore:
        store = cls(root=root)
        if root.is_dir():
            # Temp files of a run killed mid-write (kill -9): never a finished article.
            for stale in root.rglob(".*.md.*.tmp"):
                stale.unlink(missing_ok=True)
            for path in sorted(root.rglob("*.md")):
                head = _read_head(path)
                meta = read_front_matter(head)
                art_id, chash = meta.get("Na_id"), meta.get("Content_hash")
                bands = meta.get("Bands", "")
                if isinstance(art_id, str) and art_id:
                    store.by_id.setdefault(art_id, path)
                    store._remember(
                        art_id, chash if isinstance(chash, str) else "",
                        tuple(bands.split()) if isinstance(bands, str) else (),
                    )  # fmt: skip
        return store

    def _path_for(self, article: Article, art_id: str) -> Path:
        slug = slugify(article.title, max_length=80, word_boundary=True) or "article"
        date = article.date
        folder = self.root / (f"{date:%Y}/{date:%m}" if date else "undated")
        path = folder / f"{slug}.md"
        taken = {p for i, p in self.by_id.items() if i != art_id}
        if path in taken or path.exists():
            path = folder / f"{slug}-{art_id[:6]}.md"
        return path

    def write(self, article: Article, *, input_name: str, force: bool = False) -> WriteResult:
        art_id = article_id(article)
        if art_id in self.written:
            path = self.by_id[art_id]
            return WriteResult("duplicate", path, f"same URL as {path}")
        chash = content_hash(article)
        bands = band_keys(article.body_markdown)
        owner = self.by_hash.get(chash)
        if owner is not None and owner != art_id:
            return WriteResult("duplicate", self.by_id[owner], f"same text as {self.by_id[owner]}")
        near = self._near_duplicate_of(art_id, bands)
        if near is not None:
            return WriteResult(
                "duplicate", self.by_id[near], f"nearly the same text as {self.by_id[near]}"
            )
        existing = self.by_id.get(art_id)
        keep: dict[str, str | list[str]] = {}
        if existing is not None and existing.exists():
            old = existing.read_text(encoding="utf-8")
            if is_hand_edited(old) and not force:
                return WriteResult("kept-hand-edit", existing, "edited by hand; use --force")
            old_meta = read_front_matter(old)
            if "Enriched" in old_meta:
                keep = {k: old_meta[k] for k in ENRICH_KEYS if k in old_meta}
            text = render_article(article, input_name=input_name, slug=existing.stem, keep=keep)
            self.written.add(art_id)
            if old == text:
                return WriteResult("unchanged", existing)
            atomic_write(existing, text)
            self._remember(art_id, chash, bands)
            return WriteResult("updated", existing)
        path = self._path_for(article, art_id)
        atomic_write(path, render_article(article, input_name=input_name, slug=path.stem))
        self.by_id[art_id] = path
        self.written.add(art_id)
        self._remember(art_id, chash, bands)
        return WriteResult("created", path)


def _read_head(path: Path, chunk: int = 16384) -> str:
    """The file's header (and the start of its body): all of it, however long its values
    (a long image URL pushed ``Na_id`` past a fixed-size read, and the article was
    imported again as a new file)."""
    parts: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        while more := handle.read(chunk):
            tail = parts[-1][-1:] if parts else ""
            parts.append(more)
            if "\n\n" in tail + more:
                break
    return "".join(parts)
