"""Index stage: everything the static index needs, read out of the Whoosh index.

``whoosh_index.read_snapshot`` fills these plain dataclasses, ``static_index`` turns them
into files; neither side sees the other's library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["DocInfo", "Posting", "Snapshot", "doc_matches_filters"]


@dataclass(frozen=True)
class DocInfo:
    """One indexed article. ``sid`` is stable across incremental updates."""

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


@dataclass(frozen=True)
class Posting:
    sid: int
    tf: float  # Whoosh's weight: term frequency in the field
    positions: tuple[int, ...]


@dataclass(frozen=True)
class Snapshot:
    doc_count: int
    field_totals: Mapping[str, int]  # field -> total length over all documents
    docs: tuple[DocInfo, ...]  # by sid
    postings: Mapping[tuple[str, str], tuple[Posting, ...]]  # (field, term) -> by sid
    vocabulary: Mapping[str, tuple[int, Mapping[str, str | None]]]  # word -> df, stems
    word_sids: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # word -> sids

    def avg_length(self, field: str) -> float:
        """Whoosh's ``avg_field_length``: total / documents (or 1 when empty)."""
        return (self.field_totals.get(field, 0) / (self.doc_count or 1)) or 1.0


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
