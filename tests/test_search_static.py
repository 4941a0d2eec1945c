"""The static sharded index written from the Whoosh index."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsarchive.search import segment_keys, update_indexes
from newsarchive.search.documents import SearchDoc
from newsarchive.search.schema import FORMAT_VERSION
from newsarchive.search.static_index import HASH_CHARS, chunk_keys
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
        assert hashlib.sha256(body.encode("utf-8")).hexdigest()[:HASH_CHARS] == path.stem
        assert path.read_text(encoding="utf-8").startswith(f'window.__nsShard("{path.stem}",')
        json.loads(body)


def test_same_input_same_bytes(tmp_path: Path) -> None:
    update_indexes(DOCS, tmp_path / "w1", tmp_path / "out1")
    update_indexes(list(reversed(DOCS)), tmp_path / "w2", tmp_path / "out2")
    assert files(tmp_path / "out1") == files(tmp_path / "out2")


def synthetic(count: int, start: int = 0, seed: int = 3) -> list[SearchDoc]:
    """Articles of realistic shape: a Zipf-like vocabulary of 6,000 words, 300-word bodies."""
    rng = random.Random(seed + start)
    vocab = [
        f"{a}{b}{c}"
        for a in "bcdfglmnprstv"
        for b in ("ar", "en", "io", "ul", "os")
        for c in (
            "ta",
            "mo",
            "ne",
            "ri",
            "co",
            "sa",
            "le",
            "vi",
            "do",
            "pe",
            "gu",
            "ba",
            "zo",
            "fi",
            "ka",
            "lu",
            "me",
            "no",
            "pa",
            "ro",
            "se",
            "ti",
            "ve",
            "xa",
            "ya",
            "ze",
            "ha",
            "ja",
            "qu",
            "wo",
        )
    ]
    vocab = [w + s for w in vocab for s in ("", "s", "ing", "ed")][:6000]
    weights = [1 / (i + 1) for i in range(len(vocab))]

    def text(n: int) -> str:
        return " ".join(rng.choices(vocab, weights, k=n))

    return [
        SearchDoc(
            url=f"{2015 + i % 8}/{i:05d}.html", title=text(8), date=f"{2015 + i % 8}-01-01",
            lang="en", summary=text(20), body=text(300), tags=(rng.choice(vocab),),
            site=f"site{i % 5}.example",
        )
        for i in range(start, start + count)
    ]  # fmt: skip


def test_adding_articles_keeps_unchanged_shards(tmp_path: Path) -> None:
    """300 articles, then 10 newer ones: unchanged files are not rewritten, few new ones.

    The new articles are dated after the others, as a day's news is, so they extend the
    canonical order (date, URL) at its end; older ones would be a backfill, numbered
    among the others (tests/test_search_history.py covers that)."""
    base = synthetic(300)
    newer = [replace(doc, date="2023-06-01") for doc in synthetic(10, start=300)]
    update_indexes(base, tmp_path / "w", tmp_path / "out")
    out = tmp_path / "out"
    before = {
        str(p.relative_to(out)): (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*.js")
    }
    stats, written = update_indexes(base + newer, tmp_path / "w", out)
    assert stats.added == 10 and stats.unchanged == 300
    after = {
        str(p.relative_to(out)): (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*.js")
    }
    kept = set(before) & set(after)
    assert all(before[name] == after[name] for name in kept if name.startswith(("s/", "f/")))
    new = set(after) - set(before)
    assert sum(name.startswith("f/") for name in new) == 10  # one fragment per new article
    assert all(f"f/{sid}.js" in kept for sid in range(300))  # old sids did not move
    assert written.written == len(new) + 1  # plus dates.js (entry.* are not counted)
    # Only the last segment grew: the others kept their files (here 442 of the 626
    # shards, 71%; new articles that end a segment's level merge more, see
    # static_index.segment_bounds).
    assert written.kept == written.segments - 1
    shards = [name for name in before if name.startswith("s/")]
    assert sum(name in kept for name in shards) > 0.6 * len(shards)


def test_chunk_boundaries_depend_only_on_keys() -> None:
    items = [(f"k{i:04d}", i) for i in range(500)]
    chunks = list(chunk_keys(items, 16))
    with_extra = list(chunk_keys(sorted([*items, ("k0250x", 0)]), 16))
    firsts = {c[0][0] for c in chunks}
    assert len(firsts & {c[0][0] for c in with_extra}) >= len(firsts) - 1


def test_a_segment_read_in_chunks_writes_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A segment larger than a chunk is read a chunk at a time, its postings spilled to
    run files beside the Whoosh index and merged back (segment_keys): the files are
    those of one read, and the run files are gone afterwards, with any a killed run
    left behind."""
    docs = synthetic(120)
    update_indexes(docs, tmp_path / "one" / "whoosh", tmp_path / "whole")
    runs_read = []

    def counting_load(handle: Any) -> Any:
        runs_read.append(Path(handle.name))
        return load(handle)

    load = segment_keys._load
    monkeypatch.setattr(segment_keys, "_load", counting_load)
    monkeypatch.setattr(segment_keys, "CHUNK", 7)
    spill = tmp_path / "chunks" / "static-runs"
    spill.mkdir(parents=True)
    (spill / "9.run").write_bytes(b"left by a run killed half way")
    update_indexes(docs, tmp_path / "chunks" / "whoosh", tmp_path / "chunked")
    # Runs of 7 articles held most of them, each read back twice (postings, positions).
    assert len(runs_read) * 7 >= 2 * 100
    assert {path.parent for path in runs_read} == {spill}
    assert files(tmp_path / "chunked") == files(tmp_path / "whole")
    assert not spill.exists()
