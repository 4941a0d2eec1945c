"""Index stage: the static, sharded index ``search.js`` reads (written from a Whoosh index).

Layout of ``OUTPUT_PATH/<static_dir>/`` (format 3), every file a script calling
``window.__nsShard(name, data)`` so it loads with a ``<script>`` tag from ``file://`` too
(over http ``search.js`` fetches it and parses the JSON between the parentheses):

- ``entry.js`` / ``entry.json``: small and versioned: statistics (document count, average
  field lengths), scoring constants, facets, and per segment its sid range, the first
  level of its manifest (first key and name of each manifest page) and its ident.
- ``s/<hash>.js``: a content-hashed file: a manifest page (first key and name of ~48
  shards) or a shard. One sorted keyspace holds every kind of key, so one two-level
  manifest serves them all:
  ``d:<word>`` dictionary (corpus word -> df and stems, so the browser needs no stemmer);
  ``t:<letter><length>`` the same entries bucketed for typo tolerance (a misspelt word
  needs three small buckets, not every word with its first letter);
  ``p:<term>`` postings of a term in every field (``[field, sid delta, tf, field length,
  ...]`` per field, the first delta from the segment's first sid), plus
  ``p:#tag:``/``#site:``/``#lang:`` filter lists; ``x:<term>`` positions, loaded only
  for phrases.
- ``f/<sid>.js``: one per article (title, url, date, tags and the text excerpts are cut
  from), named by its sid, so a result needs no lookup table.
- ``dates.js``: the date of every sid, loaded only to sort or filter by date.

Everything written is a function of the set of articles, whatever the history of the
archive: sids follow the canonical order (``snapshot.order_key``), segment boundaries
depend only on the articles (``segment_bounds``), shard boundaries only on their keys
(a key ends a shard when its hash says so), and names are content hashes. An update
reads and writes only the segments whose articles changed (a kept segment is known by
its ident), writes the fragments whose article or sid changed, leaves every other file
untouched and removes the ones no longer referenced. All JSON is written with sorted
keys: the same articles give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.fileio import replace_if_changed
from newsarchive.search import schema
from newsarchive.search.segment_keys import segment_kinds
from newsarchive.search.snapshot import DocInfo, SnapshotSource, avg_length

__all__ = ["WriteStats", "chunk_keys", "dumps", "segment_bounds", "write_static_index"]

SHARD_DIR = "s"
FRAGMENT_DIR = "f"
WRITING_MARKER = ".writing"
HASH_CHARS = 10  # 40 bits: names stay unique among many thousand files
# Average keys per shard, by kind (a key ends a shard when its hash is 0 modulo this),
# and a byte cap: small shards waste little when a query needs one key of them.
SPLITS = {"d": 96, "t": 4, "p": 24, "x": 24}
MAX_SHARD_BYTES = 12_000
PAGE_SPLIT = 48  # shards per manifest page, on average
MAX_SEGMENTS = 4  # the browser looks every key up in every segment
# Everything a segment's files depend on besides its articles: part of its ident.
_LAYOUT = json.dumps(
    [schema.FORMAT_VERSION, HASH_CHARS, SPLITS, MAX_SHARD_BYTES, PAGE_SPLIT,
     schema.STORED_TEXT_CHARS, schema.LANGS, schema.scored_fields()]
)  # fmt: skip


@dataclass(frozen=True)
class WriteStats:
    shards: int  # referenced shard files (manifest pages and shards)
    written: int  # files written this time (the others were already there)
    removed: int  # stale files deleted
    entry_bytes: int
    segments: int = 0
    kept: int = 0  # segments whose files were already there


def dumps(data: Any) -> str:
    """Compact, sorted, deterministic JSON."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=4).digest(), "big")


def chunk_keys(
    items: Iterable[tuple[str, Any]], split: int, max_bytes: int = MAX_SHARD_BYTES
) -> Iterator[list[tuple[str, Any]]]:
    """Cut sorted ``(key, value)`` items into shards at content-defined boundaries, one
    shard at a time (the items may be a stream)."""
    current: list[tuple[str, Any]] = []
    size = 0
    for key, value in items:
        current.append((key, value))
        size += len(key) + len(dumps(value)) + 4
        if _key_hash(key) % split == 0 or size >= max_bytes:
            yield current
            current, size = [], 0
    if current:
        yield current


def _script(name: str, body: str) -> str:
    return f'window.__nsShard("{name}",{body});\n'


class _Files:
    """Names shards by content hash, writes new ones and changed fragments."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names: set[str] = set()
        self.written = 0
        self._there = {name[:-3] for name in os.listdir(folder / SHARD_DIR)}

    def add(self, payload: Any) -> str:
        body = dumps(payload)
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:HASH_CHARS]
        if digest not in self.names and digest not in self._there:
            # The hash is in the name, so an existing file already has these bytes: it is
            # written atomically, so a run killed half-way leaves none with half of them.
            path = self.folder / SHARD_DIR / f"{digest}.js"
            replace_if_changed(path, _script(digest, body).encode("utf-8"))
            self._there.add(digest)
            self.written += 1
        self.names.add(digest)
        return digest

    def keep(self, pages: Any) -> list[Any] | None:
        """Claim the manifest ``pages`` of a segment written before and every shard they
        list; None when any of those files is missing or unreadable."""
        claimed: set[str] = set()
        try:
            for _, page in pages:
                if page not in self._there:
                    return None
                text = (self.folder / SHARD_DIR / f"{page}.js").read_text(encoding="utf-8")
                rows = json.loads(text[text.index(",") + 1 : text.rindex(")")])["m"]
                if any(name not in self._there for _, name in rows):
                    return None
                claimed.add(page)
                claimed.update(name for _, name in rows)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.names |= claimed
        return [list(row) for row in pages]

    def put(self, relative: str, name: str, payload: Any) -> None:
        """Write a file with a fixed name, only when its bytes change."""
        if replace_if_changed(self.folder / relative, _script(name, dumps(payload)).encode()):
            self.written += 1


def _level(url: str) -> int:
    """How rare a segment boundary ``url`` makes: level k or more has probability 2**-k."""
    digest = hashlib.blake2b(f"segment:{url}".encode(), digest_size=8).digest()
    return 64 - int.from_bytes(digest, "big").bit_length()


def _levels(count: int) -> list[int]:
    """The boundary levels for ``count`` articles, highest first: expected segment sizes
    about count/4..count/2 (top), the square root of count (low), and between."""
    log2 = count.bit_length() - 1
    top = max(1, log2 - 1)
    low = max(1, min(top, (log2 + 2) // 2))
    return sorted({top, (top + low) // 2, low}, reverse=True)[: MAX_SEGMENTS - 1]


def segment_bounds(urls: Sequence[str]) -> list[tuple[int, int]]:
    """Sid ranges of the segments for articles in canonical order (``urls[sid]``).

    Content-defined, like shard boundaries, so the rule needs nothing but the articles.
    An article whose URL hash has level k (probability 2**-k) may end a segment of
    level k or lower. With the levels of ``_levels`` (three for most sizes), the first
    segment ends at the last article of the top level, the next at the last article of
    the next level after it, and so on; the rest is the last segment. So there are at
    most MAX_SEGMENTS.

    New articles at the end of the order only grow the last segment, until one of them
    has a boundary's level: the segments from that level on then merge into one, a
    rewrite that gets rarer the larger it is (as in a leveled LSM tree). The levels move
    up as the archive doubles, regrouping its segments. An article added or removed in
    the middle changes only the segment it falls in: sids after it move, but segments'
    files are written relative to their first sid and do not change.
    """
    count = len(urls)
    if not count:
        return []
    doc_levels = [_level(url) for url in urls]
    bounds: list[tuple[int, int]] = []
    start = 0
    for level in _levels(count):
        ends = (i for i in range(count - 1, start - 1, -1) if doc_levels[i] >= level)
        end = next(ends, None)
        if end is not None:
            bounds.append((start, end))
            start = end + 1
    if start < count:
        bounds.append((start, count - 1))
    return bounds


def _segment_ident(keys: Iterable[str]) -> str:
    """Names a segment's content: the layout of the files and its articles' content
    keys, in order. The same name means the same files."""
    digest = hashlib.sha256(_LAYOUT.encode("utf-8"))
    for key in keys:
        digest.update(f"{key}\n".encode())
    return digest.hexdigest()[:16]


def _previous_segments(out_dir: Path) -> dict[str, tuple[int, list[Any]]]:
    """Segments of the index written last time: ident -> (first sid, manifest pages)."""
    try:
        entry = json.loads((out_dir / "entry.json").read_text(encoding="utf-8"))
        if entry.get("version") != schema.FORMAT_VERSION:
            return {}
        return {seg[3]: (int(seg[0]), seg[2]) for seg in entry["segments"]}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return {}


def _write_segment(
    files: _Files,
    source: SnapshotSource,
    lo: int,
    hi: int,
    *,
    put_docs: Callable[[tuple[DocInfo, ...]], None],
    spill_dir: Path | None,
) -> list[list[str]]:
    shards: list[tuple[str, str]] = []  # (first key, name)
    for kind, items in segment_kinds(source, lo, hi, put_docs, spill_dir):
        for chunk in chunk_keys(items, SPLITS[kind]):
            shards.append((chunk[0][0], files.add(dict(chunk))))
    shards.sort()
    return [
        [chunk[0][0], files.add({"m": [list(kv) for kv in chunk]})]
        for chunk in chunk_keys(shards, PAGE_SPLIT, max_bytes=10**9)
    ]


def _fragment(doc: DocInfo) -> dict[str, Any]:
    return {
        "date": doc.date,
        "lang": doc.lang,
        "site": doc.site,
        "tags": list(doc.tags),
        "text": doc.text or doc.summary,
        "title": doc.title,
        "url": doc.url,
    }


def write_static_index(
    source: SnapshotSource,
    out_dir: Path,
    *,
    excerpt_words: int = 30,
    spill_dir: Path | None = None,
) -> WriteStats:
    """Write the static index of the articles in ``source`` into ``out_dir``.

    The files are a function of the articles alone. A segment whose articles are those
    of a segment of the index already there (same ident) keeps its files without
    reading its postings; only new or changed segments are read and written. A segment
    larger than ``segment_keys.CHUNK`` spills sorted runs to ``spill_dir`` (a folder of
    its own, emptied and removed; default: a temporary folder).
    """
    for sub in (SHARD_DIR, FRAGMENT_DIR):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    catalog = source.catalog
    # Kept segments trust their fragments to be as the last run left them: not so when
    # that run stopped half way (the marker is still there), so then nothing is kept.
    marker = out_dir / WRITING_MARKER
    previous = {} if marker.exists() else _previous_segments(out_dir)
    marker.touch()
    files = _Files(out_dir)
    fragments_there = set(os.listdir(out_dir / FRAGMENT_DIR))
    segments: list[list[Any]] = []
    kept = 0

    def put_fragments(docs: tuple[DocInfo, ...]) -> None:
        for doc in docs:
            files.put(f"{FRAGMENT_DIR}/{doc.sid}.js", str(doc.sid), _fragment(doc))

    for lo, hi in segment_bounds([doc.url for doc in catalog.docs]):
        ident = _segment_ident(doc.key for doc in catalog.docs[lo : hi + 1])
        old = previous.get(ident)
        pages = files.keep(old[1]) if old else None
        docs: tuple[DocInfo, ...]
        if pages is None:
            pages = _write_segment(
                files, source, lo, hi, put_docs=put_fragments, spill_dir=spill_dir
            )
            docs = ()  # their fragments are written as the segment is read
        elif (
            old
            and old[0] == lo
            and all(f"{sid}.js" in fragments_there for sid in range(lo, hi + 1))
        ):
            kept += 1
            docs = ()  # the same articles under the same sids: fragments as they were
        else:
            kept += 1
            docs = source.docs(lo, hi)
        put_fragments(docs)
        segments.append([lo, hi, pages, ident])
    files.put("dates.js", "dates", {str(sid): doc.date for sid, doc in enumerate(catalog.docs)})
    entry = {
        "version": schema.FORMAT_VERSION,
        "docCount": catalog.doc_count,
        "avgLength": {
            f: avg_length(catalog.field_totals.get(f, 0), catalog.doc_count)
            for f in schema.scored_fields()
        },
        "weights": schema.FIELD_WEIGHTS,
        "langs": list(schema.LANGS),
        "B": schema.B,
        "K1": schema.K1,
        "prefix": [schema.PREFIX_MIN, schema.PREFIX_MAX, schema.PREFIX_WEIGHT],
        "typo": [schema.TYPO_MIN, schema.TYPO_MAX, schema.TYPO_WEIGHT],
        "excerptWords": excerpt_words,
        "sites": sorted(Counter(d.site for d in catalog.docs).items()),
        "langCounts": sorted(Counter(d.lang for d in catalog.docs).items()),
        "segments": segments,
    }
    body = dumps(entry)
    removed = 0
    for path in sorted((out_dir / SHARD_DIR).glob("*.js")):
        if path.stem not in files.names:
            path.unlink()
            removed += 1
    wanted = {f"{sid}.js" for sid in range(catalog.doc_count)}
    for name in sorted(fragments_there - wanted):
        (out_dir / FRAGMENT_DIR / name).unlink(missing_ok=True)
        removed += 1
    replace_if_changed(out_dir / "entry.json", f"{body}\n".encode())
    replace_if_changed(out_dir / "entry.js", f"window.__nsEntry({body});\n".encode())
    marker.unlink()
    return WriteStats(len(files.names), files.written, removed, len(body), len(segments), kept)
