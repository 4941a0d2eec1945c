"""Index stage: the static, sharded index ``search.js`` reads (written from a Snapshot).

Layout of ``OUTPUT_PATH/<static_dir>/`` (format 2), every file a script calling
``window.__nsShard(name, data)`` so it loads with a ``<script>`` tag from ``file://`` too
(over http ``search.js`` fetches it and parses the JSON between the parentheses):

- ``entry.js`` / ``entry.json``: small and versioned: statistics (document count, average
  field lengths), scoring constants, facets, and the first level of the manifest: the
  first key and name of each manifest page.
- ``s/<hash>.js``: a content-hashed file: a manifest page (first key and name of ~64
  shards) or a shard. One sorted keyspace holds every kind of key, so one two-level
  manifest serves them all:
  ``d:<word>`` dictionary (corpus word -> df and stems, so the browser needs no stemmer);
  ``t:<letter><length>`` the same entries bucketed for typo tolerance (a misspelt word
  needs three small buckets, not every word with its first letter);
  ``p:<term>`` postings of a term in every field (``[field, sid delta, tf, field length,
  ...]`` per field), plus ``p:#tag:``/``#site:``/``#lang:`` filter lists;
  ``x:<term>`` positions, loaded only for phrases.
- ``f/<sid>.js``: one per article (title, url, date, tags and the text excerpts are cut
  from), named by the article's stable sid, so a result needs no lookup table. It is
  rewritten only when its article changes.
- ``dates.js``: the date of every sid, loaded only to sort or filter by date.

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
FRAGMENT_DIR = "f"
HASH_CHARS = 10  # 40 bits: names stay unique among many thousand files
# Average keys per shard, by kind (a key ends a shard when its hash is 0 modulo this),
# and a byte cap: small shards waste little when a query needs one key of them.
SPLITS = {"d": 96, "t": 4, "p": 24, "x": 24}
MAX_SHARD_BYTES = 12_000
PAGE_SPLIT = 48  # shards per manifest page, on average
MAX_SEGMENTS = 4


@dataclass(frozen=True)
class WriteStats:
    shards: int  # referenced shard files (manifest pages and shards)
    written: int  # files written this time (the others were already there)
    removed: int  # stale files deleted
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


def _script(name: str, body: str) -> str:
    return f'window.__nsShard("{name}",{body});\n'


class _Files:
    """Names shards by content hash, writes new ones and changed fragments."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names: set[str] = set()
        self.written = 0

    def add(self, payload: Any) -> str:
        body = dumps(payload)
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:HASH_CHARS]
        path = self.folder / SHARD_DIR / f"{digest}.js"
        if digest not in self.names and not path.exists():
            # The hash is in the name, so an existing file already has these bytes.
            path.write_text(_script(digest, body), encoding="utf-8")
            self.written += 1
        self.names.add(digest)
        return digest

    def put(self, relative: str, name: str, payload: Any) -> None:
        """Write a file with a fixed name, only when its bytes change."""
        if _write_if_changed(self.folder / relative, _script(name, dumps(payload))):
            self.written += 1


def _stem_code(word: str, stem: str | None) -> int | str | None:
    # Most stems are prefixes of their word: store the prefix length, not the string.
    if stem is not None and word.startswith(stem):
        return len(stem)
    return stem


def _dict_value(word: str, df: int, stems: Any) -> list[Any]:
    return [df, *(_stem_code(word, stems[lang]) for lang in schema.LANGS)]


def _sid_list(sids: Iterable[int]) -> list[int]:
    out, previous = [], 0
    for sid in sorted(sids):
        out.append(sid - previous)
        previous = sid
    return out


def _items(snapshot: Snapshot, lo: int, hi: int) -> list[tuple[str, Any]]:
    """Every key of the segment of sids ``lo..hi`` with its value, sorted."""
    items: list[tuple[str, Any]] = []
    buckets: dict[str, dict[str, Any]] = {}
    whole = lo <= min((d.sid for d in snapshot.docs), default=0) and hi >= max(
        (d.sid for d in snapshot.docs), default=0
    )
    for word, (whole_df, stems) in snapshot.vocabulary.items():
        df = whole_df if whole else sum(lo <= sid <= hi for sid in snapshot.word_sids[word])
        if not df:
            continue
        value = _dict_value(word, df, stems)
        items.append((f"d:{word}", value))
        buckets.setdefault(f"t:{word[0]}{len(word):02d}", {})[word] = value
    items += buckets.items()
    field_index = {f: i for i, f in enumerate(schema.scored_fields())}
    lengths = {d.sid: d.lengths for d in snapshot.docs}
    postings: dict[str, list[int]] = {}
    positions: dict[str, list[Any]] = {}
    for (fld, term), all_postings in sorted(snapshot.postings.items()):
        plist = [p for p in all_postings if lo <= p.sid <= hi]
        if not plist:
            continue
        flat = postings.setdefault(term, [])
        flat += [field_index[fld], len(plist)]
        previous = 0
        for p in plist:
            flat += [p.sid - previous, round(p.tf), lengths[p.sid].get(fld, 1)]
            previous = p.sid
        positions.setdefault(term, []).append(
            [field_index[fld], [list(p.positions) for p in plist]]
        )
    facets: dict[str, set[int]] = {}
    for doc in snapshot.docs:
        if not lo <= doc.sid <= hi:
            continue
        for tag in doc.tags:
            facets.setdefault(f"#tag:{tag}", set()).add(doc.sid)
        facets.setdefault(f"#site:{doc.site}", set()).add(doc.sid)
        facets.setdefault(f"#lang:{doc.lang}", set()).add(doc.sid)
    items += [(f"p:{t}", v) for t, v in postings.items()]
    items += [(f"p:{k}", _sid_list(v)) for k, v in facets.items()]
    items += [(f"x:{t}", v) for t, v in positions.items()]
    items.sort(key=lambda kv: kv[0])
    return items


def _segments(snapshot: Snapshot, out_dir: Path, appended: bool) -> list[tuple[int, int]]:
    """Sid ranges of the segments to write: the previous ones plus the new articles.

    Articles only added (``appended``) keep the segments already written, whose shards
    are then byte for byte the same and are not rewritten; the new ones form a tail
    segment, merged with a small previous tail so segments stay few. Anything else (an
    update, a deletion, too many segments) writes one segment again.
    """
    sids = sorted(d.sid for d in snapshot.docs)
    if not sids:
        return []
    whole = [(sids[0], sids[-1])]
    previous: list[tuple[int, int]] = []
    entry = out_dir / "entry.json"
    if appended and entry.exists():
        try:
            old = json.loads(entry.read_text(encoding="utf-8"))
            if old.get("version") == schema.FORMAT_VERSION:
                previous = [(seg[0], seg[1]) for seg in old["segments"]]
        except (ValueError, KeyError, TypeError, IndexError):
            previous = []
    if not previous or previous[0][0] != sids[0]:
        return whole
    top = previous[-1][1]
    if top >= sids[-1]:
        return previous if previous[-1][1] == sids[-1] else whole
    count = {seg: sum(seg[0] <= s <= seg[1] for s in sids) for seg in previous}
    segs = list(previous)
    # A tail under an eighth of the archive is merged with the new articles.
    while len(segs) > 1 and count[segs[-1]] * 8 < len(sids):
        segs.pop()
    segs.append((segs[-1][1] + 1, sids[-1]))
    return segs if len(segs) <= MAX_SEGMENTS else whole


def write_static_index(
    snapshot: Snapshot, out_dir: Path, *, excerpt_words: int = 30, appended: bool = False
) -> WriteStats:
    """Write the static index for ``snapshot`` into ``out_dir``.

    ``appended``: the snapshot only adds articles to the one the index was written from.
    """
    for sub in (SHARD_DIR, FRAGMENT_DIR):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    files = _Files(out_dir)
    segments = []
    for lo, hi in _segments(snapshot, out_dir, appended):
        items = _items(snapshot, lo, hi)
        shards: list[tuple[str, str]] = []  # (first key, name)
        for kind, split in SPLITS.items():
            kind_items = [kv for kv in items if kv[0][0] == kind]
            for chunk in chunk_keys(kind_items, split):
                shards.append((chunk[0][0], files.add(dict(chunk))))
        shards.sort()
        pages = [
            [chunk[0][0], files.add({"m": [list(kv) for kv in chunk]})]
            for chunk in chunk_keys(shards, PAGE_SPLIT, max_bytes=10**9)
        ]
        segments.append([lo, hi, pages])
    fragments: set[str] = set()
    for doc in snapshot.docs:
        name = f"{doc.sid}"
        fragments.add(f"{name}.js")
        files.put(
            f"{FRAGMENT_DIR}/{name}.js",
            name,
            {
                "date": doc.date,
                "lang": doc.lang,
                "site": doc.site,
                "tags": list(doc.tags),
                "text": doc.text or doc.summary,
                "title": doc.title,
                "url": doc.url,
            },
        )
    files.put("dates.js", "dates", {str(d.sid): d.date for d in snapshot.docs})
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
        "segments": segments,
    }
    body = dumps(entry)
    _write_if_changed(out_dir / "entry.json", body + "\n")
    _write_if_changed(out_dir / "entry.js", f"window.__nsEntry({body});\n")
    removed = 0
    for path in sorted((out_dir / SHARD_DIR).glob("*.js")):
        if path.stem not in files.names:
            path.unlink()
            removed += 1
    for path in sorted((out_dir / FRAGMENT_DIR).glob("*.js")):
        if path.name not in fragments:
            path.unlink()
            removed += 1
    return WriteStats(len(files.names), files.written, removed, len(body))


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
