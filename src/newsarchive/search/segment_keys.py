"""Index stage: the sorted keys of one static-index segment, read a chunk at a time.

A segment may hold most of the archive (its first segment does: ``segment_bounds``).
Its postings are read ``CHUNK`` articles at a time; each chunk's postings go to a run
file, sorted by term, and the runs are merged term by term as the shards are cut (an
external merge sort). So the writer holds one chunk's postings, the segment's vocabulary
and filter lists, and one term of each run, whatever the segment's size. The keys and
values are the same as if the segment had been read in one go: chunks follow the sids,
and equal terms merge in run order, so every term's postings stay in sid order.
"""

from __future__ import annotations

import heapq
import pickle
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from itertools import groupby
from pathlib import Path
from typing import IO, Any, TypeAlias

from newsarchive.search import schema
from newsarchive.search.snapshot import DocInfo, Snapshot, SnapshotSource, spans

__all__ = ["CHUNK", "segment_kinds"]

CHUNK = 1_000  # articles whose postings are held at once; a larger segment spills to runs

# One term of one chunk: (term, [(field, its postings packed by ``pack_posting``)])
_Record: TypeAlias = "tuple[str, list[tuple[str, array[int]]]]"
Kinds = Iterator[tuple[str, Iterator[tuple[str, Any]]]]


def _first(item: tuple[str, Any]) -> str:
    return item[0]


def _stem_code(word: str, stem: str | None) -> int | str | None:
    # Most stems are prefixes of their word: store the prefix length, not the string.
    if stem is not None and word.startswith(stem):
        return len(stem)
    return stem


def _dict_value(word: str, df: int, stems: Any) -> list[Any]:
    return [df, *(_stem_code(word, stems[lang]) for lang in schema.LANGS)]


def _sid_list(sids: Sequence[int], base: int) -> list[int]:
    out, previous = [], base
    for sid in sorted(sids):
        out.append(sid - previous)
        previous = sid
    return out


def _records(snapshot: Snapshot) -> list[_Record]:
    """The chunk's postings by term (sorted), each with its fields (sorted)."""
    by_term: dict[str, list[tuple[str, array[int]]]] = {}
    for fld, term in sorted(snapshot.postings):
        by_term.setdefault(term, []).append((fld, snapshot.postings[fld, term]))
    return sorted(by_term.items(), key=_first)


class _Runs:
    """The chunks' records: in memory for a segment of one chunk, else in run files in
    ``spill_dir`` (emptied first: a run killed half way left its files there), or in a
    temporary folder. ``/tmp`` may be memory (tmpfs): the site's working folder is not."""

    def __init__(self, stack: ExitStack, spill: bool, spill_dir: Path | None) -> None:
        self._stack = stack
        self._folder: Path | None = None
        self._spill, self._spill_dir = spill, spill_dir
        self._memory: list[list[_Record]] = []
        self._files: list[Path] = []

    def _open_folder(self) -> Path:
        if self._spill_dir is None:
            return Path(self._stack.enter_context(
                tempfile.TemporaryDirectory(prefix="newsarchive-runs-")))  # fmt: skip
        shutil.rmtree(self._spill_dir, ignore_errors=True)
        self._spill_dir.mkdir(parents=True)
        self._stack.callback(shutil.rmtree, self._spill_dir, ignore_errors=True)
        return self._spill_dir

    def add(self, records: list[_Record]) -> None:
        if not self._spill:
            self._memory.append(records)
            return
        if self._folder is None:
            self._folder = self._open_folder()
        path = self._folder / f"{len(self._files)}.run"
        with path.open("wb") as handle:
            for record in records:
                pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._files.append(path)

    def merged(self) -> Iterator[tuple[str, list[tuple[str, list[array[int]]]]]]:
        """Every term once, sorted, with each field's packed postings from every run, in
        run order (so by sid)."""
        with ExitStack() as stack:
            streams: list[Iterator[_Record]] = [iter(records) for records in self._memory]
            for path in self._files:
                streams.append(_load(stack.enter_context(path.open("rb"))))
            for term, group in groupby(heapq.merge(*streams, key=_first), key=_first):
                fields: dict[str, list[array[int]]] = {}
                for _, parts in group:
                    for fld, flat in parts:
                        fields.setdefault(fld, []).append(flat)
                yield term, sorted(fields.items(), key=_first)


def _load(handle: IO[bytes]) -> Iterator[_Record]:
    while True:
        try:
            yield pickle.load(handle)
        except EOFError:
            return


def segment_kinds(
    source: SnapshotSource,
    lo: int,
    hi: int,
    on_docs: Callable[[tuple[DocInfo, ...]], None],
    spill_dir: Path | None = None,
) -> Kinds:
    """Every key of the segment of sids ``lo..hi``, sorted, by kind; ``on_docs`` gets
    the segment's articles a chunk at a time (for their fragments); run files go to
    ``spill_dir`` (see ``_Runs``).

    Sids are written relative to ``lo``, so a segment's files depend on its articles
    alone, not on how many come before it. Postings and positions are made one term at
    a time as the shards are cut."""
    with ExitStack() as stack:
        runs = _Runs(stack, hi - lo + 1 > CHUNK, spill_dir)
        vocabulary: dict[str, list[Any]] = {}  # word -> [df in the segment, stems]
        facets: dict[str, list[int]] = {}
        for start in range(lo, hi + 1, CHUNK):
            snapshot = source.read(start, min(hi, start + CHUNK - 1))
            on_docs(snapshot.docs)
            for word, (df, stems) in snapshot.vocabulary.items():
                if word in vocabulary:
                    vocabulary[word][0] += df
                else:
                    vocabulary[word] = [df, stems]
            for doc in snapshot.docs:
                keys = (*(f"#tag:{t}" for t in doc.tags), f"#site:{doc.site}", f"#lang:{doc.lang}")
                for key in dict.fromkeys(keys):
                    facets.setdefault(key, []).append(doc.sid)
            runs.add(_records(snapshot))
            del snapshot
        yield from _kinds(vocabulary, facets, runs, lo)


def _kinds(
    vocabulary: dict[str, list[Any]], facets: dict[str, list[int]], runs: _Runs, lo: int
) -> Kinds:
    dictionary: list[tuple[str, Any]] = []
    buckets: dict[str, dict[str, Any]] = {}
    for word, (df, stems) in vocabulary.items():
        value = _dict_value(word, df, stems)
        dictionary.append((f"d:{word}", value))
        buckets.setdefault(f"t:{word[0]}{len(word):02d}", {})[word] = value
    yield "d", iter(sorted(dictionary, key=_first))
    del dictionary
    yield "t", iter(sorted(buckets.items(), key=_first))
    del buckets
    field_index = {f: i for i, f in enumerate(schema.scored_fields())}

    def postings() -> Iterator[tuple[str, Any]]:
        for term, fields in runs.merged():
            out: list[int] = []
            for fld, parts in fields:
                head = len(out)
                out += [field_index[fld], 0]
                previous = lo
                for flat in parts:
                    for sid, tf, length, _, _ in spans(flat):
                        out += (sid - previous, tf, length)
                        previous = sid
                out[head + 1] = (len(out) - head - 2) // 3
            yield f"p:{term}", out

    def positions() -> Iterator[tuple[str, Any]]:
        for term, fields in runs.merged():
            value = [
                [
                    field_index[fld],
                    [flat[a:b].tolist() for flat in parts for *_, a, b in spans(flat)],
                ]
                for fld, parts in fields
            ]
            yield f"x:{term}", value

    filters = sorted(((f"p:{k}", _sid_list(v, lo)) for k, v in facets.items()), key=_first)
    yield "p", heapq.merge(postings(), filters, key=_first)
    yield "x", positions()
