"""Index stage: the static, sharded index ``search.js`` reads (written from a Snapshot).

Layout of ``OUTPUT_PATH/<static_dir>/``:

- ``entry.js`` / ``entry.json``: small and versioned: statistics (document count, average
  field lengths), scoring constants, facets, and for each keyspace the first key and
  hash of every shard.
- ``s/<hash>.js``: one shard, ``window.__nsShard("<hash>", {...});`` so it loads with a
  ``<script>`` tag from ``file://`` too (``search.js`` may also fetch it and parse the
  JSON between the parentheses). Keyspaces: ``dict`` (corpus word -> df and stems, so
  the browser needs no stemmer), ``post`` (``field:term`` -> postings ``[sid delta, tf,
  field length]...``, plus ``#tag:``/``#site:``/``#lang:`` filter lists), ``pos``
  (positions, only loaded for phrases), ``meta`` (per-article url/title/date by sid) and
  one fragment per article with its excerpt text.

Shard names are content hashes and shard boundaries depend only on the keys (a key ends a
shard when its hash says so), so adding articles rewrites only the shards whose entries
changed; files that already exist are left untouched, unreferenced ones removed.
All JSON is written with sorted keys: the same index gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.search import schema
from newsarchive.search.snapshot import Snapshot

__all__ = ["WriteStats", "chunk_keys", "dumps", "write_static_index"]

SHARD_DIR = "s"
DICT_SPLIT = 128  # on average one dictionary shard per this many words
POST_SPLIT = 64
META_SPLIT = 64  # sids per meta shard
MAX_SHARD_BYTES = 24_000


@dataclass(frozen=True)
class WriteStats:
    shards: int  # referenced shard files
    written: int  # shard files written this time (the others were already there)
    removed: int  # stale shard files deleted
    entry_bytes: int


def dumps(data: Any) -> str:
    """Compact, sorted, deterministic JSON."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=4).digest(), "big")


def chunk_keys(
    items: Iterable[tuple[str, Any]], split: int, max_bytes: int = MAX_SHARD_BYTES
) -> list[list[tuple[str, Any]]]:
    """Cut sorted ``(key, value)`` items into shards at content-defined boundaries."""
    chunks: list[list[tuple[str, Any]]] = []
    current: list[tuple[str, Any]] = []
    size = 0
    for key, value in items:
        current.append((key, value))
        size += len(key) + len(dumps(value)) + 4
        if _key_hash(key) % split == 0 or size >= max_bytes:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks


class _Shards:
    """Collects shard payloads, names them by content hash and writes the new ones."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names: set[str] = set()
        self.written = 0

    def add(self, payload: Any) -> str:
        body = dumps(payload)
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
        path = self.folder / f"{digest}.js"
        if digest not in self.names and not path.exists():
            # The hash is in the name, so an existing file already has these bytes.
            path.write_text(f'window.__nsShard("{digest}",{body});\n', encoding="utf-8")
            self.written += 1
        self.names.add(digest)
        return digest


def _postings_value(lengths: dict[int, Any], plist: Iterable[Any], fld: str) -> list[int]:
    flat: list[int] = []
    previous = 0
    for p in plist:
        flat += [p.sid - previous, round(p.tf), lengths[p.sid].get(fld, 1)]
        previous = p.sid
    return flat


def _sid_list(sids: Iterable[int]) -> list[int]:
    out, previous = [], 0
    for sid in sorted(sids):
        out.append(sid - previous)
        previous = sid
    return out


def write_static_index(snapshot: Snapshot, out_dir: Path, *, excerpt_words: int = 30) -> WriteStats:
    """Write the static index for ``snapshot`` into ``out_dir``."""
    shard_dir = out_dir / SHARD_DIR
    shard_dir.mkdir(parents=True, exist_ok=True)
    shards = _Shards(shard_dir)

    dict_items = [
        (word, [df, *(stems[lang] for lang in schema.LANGS)])
        for word, (df, stems) in sorted(snapshot.vocabulary.items())
    ]
    post_items: list[tuple[str, Any]] = []
    pos_items: list[tuple[str, Any]] = []
    lengths = {d.sid: d.lengths for d in snapshot.docs}
    for (fld, term), plist in snapshot.postings.items():
        key = f"{fld}:{term}"
        post_items.append((key, _postings_value(lengths, plist, fld)))
        pos_items.append((key, [list(p.positions) for p in plist]))
    facets: dict[str, set[int]] = {}
    for doc in snapshot.docs:
        for tag in doc.tags:
            facets.setdefault(f"#tag:{tag}", set()).add(doc.sid)
        facets.setdefault(f"#site:{doc.site}", set()).add(doc.sid)
        facets.setdefault(f"#lang:{doc.lang}", set()).add(doc.sid)
    post_items += [(key, _sid_list(sids)) for key, sids in facets.items()]
    post_items.sort()
    pos_items.sort()

    def keyspace(items: list[tuple[str, Any]], split: int) -> list[list[str]]:
        return [[chunk[0][0], shards.add(dict(chunk))] for chunk in chunk_keys(items, split)]

    meta_chunks: dict[int, list[list[Any]]] = {}
    for doc in snapshot.docs:
        fragment = {
            "site": doc.site,
            "summary": doc.summary,
            "tags": list(doc.tags),
            "text": doc.text,
            "title": doc.title,
        }
        row = [doc.sid, doc.url, doc.title, doc.date, doc.lang, shards.add(fragment)]
        meta_chunks.setdefault(doc.sid // META_SPLIT, []).append(row)
    entry = {
        "version": schema.FORMAT_VERSION,
        "docCount": snapshot.doc_count,
        "avgLength": {f: snapshot.avg_length(f) for f in schema.scored_fields()},
        "weights": schema.FIELD_WEIGHTS,
        "langs": list(schema.LANGS),
        "B": schema.B,
        "K1": schema.K1,
        "prefix": [schema.PREFIX_MIN, schema.PREFIX_MAX, schema.PREFIX_WEIGHT],
        "typo": [schema.TYPO_MIN, schema.TYPO_MAX, schema.TYPO_WEIGHT],
        "excerptWords": excerpt_words,
        "sites": sorted(Counter(d.site for d in snapshot.docs).items()),
        "langCounts": sorted(Counter(d.lang for d in snapshot.docs).items()),
        "dict": keyspace(dict_items, DICT_SPLIT),
        "post": keyspace(post_items, POST_SPLIT),
        "pos": keyspace(pos_items, POST_SPLIT),
        "meta": [
            [n * META_SPLIT, shards.add({"d": rows})] for n, rows in sorted(meta_chunks.items())
        ],
    }
    body = dumps(entry)
    _write_if_changed(out_dir / "entry.json", body + "\n")
    _write_if_changed(out_dir / "entry.js", f"window.__nsEntry({body});\n")
    removed = 0
    for path in sorted(shard_dir.glob("*.js")):
        if path.stem not in shards.names:
            path.unlink()
            removed += 1
    return WriteStats(len(shards.names), shards.written, removed, len(body))


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
