"""The static sharded index written from the Whoosh index."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from newsarchive.search import update_indexes
from newsarchive.search.schema import FORMAT_VERSION
from newsarchive.search.static_index import chunk_keys
from test_search_index import DOCS


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def payload(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index(",") + 1 : text.rindex(")")]


def test_entry_is_small_and_versioned(tmp_path: Path) -> None:
    update_indexes(DOCS, tmp_path / "w", tmp_path / "out")
    entry = json.loads((tmp_path / "out" / "entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == FORMAT_VERSION
    assert entry["docCount"] == len(DOCS)
    assert (tmp_path / "out" / "entry.json").stat().st_size < 4000
    js = (tmp_path / "out" / "entry.js").read_text(encoding="utf-8")
    assert js.startswith("window.__nsEntry(") and json.loads(js[len("window.__nsEntry(") : -3])


def test_shards_are_content_hashed_scripts(tmp_path: Path) -> None:
    update_indexes(DOCS, tmp_path / "w", tmp_path / "out")
    shards = sorted((tmp_path / "out" / "s").glob("*.js"))
    assert shards
    for path in shards:
        body = payload(path)
        assert hashlib.sha256(body.encode("utf-8")).hexdigest()[:16] == path.stem
        assert path.read_text(encoding="utf-8").startswith(f'window.__nsShard("{path.stem}",')
        json.loads(body)


def test_same_input_same_bytes(tmp_path: Path) -> None:
    update_indexes(DOCS, tmp_path / "w1", tmp_path / "out1")
    update_indexes(list(reversed(DOCS)), tmp_path / "w2", tmp_path / "out2")
    assert files(tmp_path / "out1") == files(tmp_path / "out2")


def test_adding_articles_keeps_unchanged_shards(tmp_path: Path) -> None:
    many = [
        replace(
            DOCS[i % 4],
            url=f"{i:03d}.html",
            body=f"{DOCS[i % 4].body} word{i} extra{i}",
        )
        for i in range(60)
    ]
    update_indexes(many, tmp_path / "w", tmp_path / "out")
    shard_dir = tmp_path / "out" / "s"
    before = {p.name: p.stat().st_mtime_ns for p in shard_dir.glob("*.js")}
    new = [replace(DOCS[0], url=f"new{i}.html", body=f"novita{i} unica{i}") for i in range(10)]
    stats, written = update_indexes(many + new, tmp_path / "w", tmp_path / "out")
    assert stats.added == 10 and stats.unchanged == 60
    after = {p.name: p.stat().st_mtime_ns for p in shard_dir.glob("*.js")}
    kept = set(before) & set(after)
    assert kept, "every shard was rewritten"
    assert all(before[name] == after[name] for name in kept)  # untouched, not rewritten
    assert written.written == len(set(after) - set(before)) < len(after)


def test_chunk_boundaries_depend_only_on_keys() -> None:
    items = [(f"k{i:04d}", i) for i in range(500)]
    chunks = chunk_keys(items, 16)
    with_extra = chunk_keys(sorted([*items, ("k0250x", 0)]), 16)
    firsts = {c[0][0] for c in chunks}
    assert len(firsts & {c[0][0] for c in with_extra}) >= len(firsts) - 1
