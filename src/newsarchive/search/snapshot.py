"""Index stage: what the static index needs, read out of the Whoosh index, as plain data.

``whoosh_index`` fills these dataclasses, ``static_index`` turns them into files; neither
side sees the other's library.

Everything here is a function of the *set* of indexed articles, never of the order they
were indexed in: the ``sid`` of an article is its position in the canonical order
(``order_key``: date, then URL), and the field totals behind BM25F's average lengths are
sums of the per-document lengths Whoosh stores. So an archive updated day by day and the
same archive indexed in one go give the same numbers, and the same files.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "Catalog",
    "DocInfo",
    "DocRef",
    "Posting",
    "Snapshot",
    "SnapshotSource",
    "avg_length",
    "doc_matches_filters",
    "order_key",
    "pack_posting",
    "postings_of",
    "spans",
]


def order_key(date: str, url: str) -> tuple[str, str]:
    """The canonical order of articles: by date (ISO, so ``"2021"`` before
    ``"2021-02"``; undated first), then by URL. A day's new articles are mostly the
    newest, so they usually extend the order at its end."""
    return (date, url)


def avg_length(total: int, doc_count: int) -> float:
    """BM25F's average field length: total / documents (1 when that is 0)."""
    return (total / (doc_count or 1)) or 1.0


@dataclass(frozen=True)
class DocRef:
    """One indexed article as the whole-archive view sees it (cheap to read)."""

    url: str
    key: str  # hash of the article's SearchDoc: same key, same indexed content
    date: str
    lang: str
    site: str  # normalised, for ``site:`` filters


@dataclass(frozen=True)
class Catalog:
    """Every indexed article, in canonical order (``docs[sid]``), and the field totals.

    The totals are sums of the per-document lengths Whoosh stores (rounded to a byte's
    precision), not Whoosh's ``field_length``: that one sums exact lengths for documents
    added in one go but rounded ones for documents a merge carried over, so it depends
    on the index's history."""

    docs: tuple[DocRef, ...]
    field_totals: Mapping[str, int]

    @property
    def doc_count(self) -> int:
        return len(self.docs)


@dataclass(frozen=True)
class DocInfo:
    """One indexed article with what its result file shows."""

    sid: int
    url: str
    title: str
    date: str
    lang: str
    site: str  # normalised, for ``site:`` filters
    tags: tuple[str, ...]  # normalised, for ``tag:`` filters
    summary: str
    text: str  # body text, cut to ``schema.STORED_TEXT_CHARS``
    lengths: Mapping[str, int]  # field -> length as Whoosh stores it (quantised)


@dataclass(frozen=True, slots=True)
class Posting:
    sid: int
    tf: int  # Whoosh's weight (term frequency in the field), rounded
    length: int  # the field's length in the document, as Whoosh stores it (quantised)
    positions: tuple[int, ...]


def pack_posting(
    flat: array[int], sid: int, tf: int, length: int, positions: Sequence[int]
) -> None:
    """Append one posting to ``flat``, the packed postings of a term in a field:
    ``sid, tf, length, n`` and the ``n`` positions, by sid.

    A segment's postings are most of what the static index holds in memory while it
    writes the segment: as objects they cost about 250 bytes each, packed 8 bytes a
    number (``postings_of`` reads them back)."""
    flat.extend((sid, tf, length, len(positions), *positions))


def spans(flat: array[int]) -> Iterator[tuple[int, int, int, int, int]]:
    """``(sid, tf, length, start, end)`` of each posting packed in ``flat``, its positions
    being ``flat[start:end]``: the packed postings walked without making objects (the
    static index reads millions of them)."""
    i, end = 0, len(flat)
    while i < end:
        start = i + 4
        stop = start + flat[i + 3]
        yield flat[i], flat[i + 1], flat[i + 2], start, stop
        i = stop


def postings_of(flat: array[int]) -> Iterator[Posting]:
    """The postings packed in ``flat`` (``pack_posting``), in order."""
    for sid, tf, length, start, stop in spans(flat):
        yield Posting(sid, tf, length, tuple(flat[start:stop]))


@dataclass(frozen=True)
class Snapshot:
    """The articles of a range of sids, with their postings and vocabulary.

    ``doc_count`` and ``field_totals`` are those of the whole index (they make the
    scores), ``vocabulary`` document frequencies those of ``docs`` alone."""

    doc_count: int
    field_totals: Mapping[str, int]  # field -> total length over all documents
    docs: tuple[DocInfo, ...]  # by sid
    # (field, term) -> its postings by sid, packed (``pack_posting``, ``postings_of``)
    postings: Mapping[tuple[str, str], array[int]]
    vocabulary: Mapping[str, tuple[int, Mapping[str, str | None]]]  # word -> df, stems


class SnapshotSource(Protocol):
    """An open index, read as the static index needs it."""

    @property
    def catalog(self) -> Catalog:
        """Every article, in canonical order."""

    def docs(self, lo: int, hi: int) -> tuple[DocInfo, ...]:
        """The articles with sids ``lo..hi`` (inclusive)."""

    def read(self, lo: int, hi: int) -> Snapshot:
        """The articles with sids ``lo..hi`` (inclusive), with postings."""


def doc_matches_filters(
    doc: DocInfo,
    *,
    tags: tuple[str, ...] = (),
    sites: tuple[str, ...] = (),
    langs: tuple[str, ...] = (),
    date_from: str = "",
    date_to: str = "",
) -> bool:
    """Every ``tag:``, any ``site:``, any ``lang:``, and the date range (ISO prefixes)."""
    if any(tag not in doc.tags for tag in tags):
        return False
    if sites and doc.site not in sites:
        return False
    if langs and doc.lang not in langs:
        return False
    if (date_from or date_to) and not doc.date:
        return False
    if date_from and doc.date[: len(date_from)] < date_from:
        return False
    return not (date_to and doc.date[: len(date_to)] > date_to)
