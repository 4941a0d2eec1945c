"""Index and query stages: full-text search over the archive.

``SearchDoc`` s are built once per article; ``update_indexes`` derives both indexes from
them: the Whoosh index (``whoosh_index``, used by ``newsarchive search``) is updated
incrementally, then the static sharded index for ``search.js`` is written from it
(``static_index``), so both sides share statistics and agree on rankings. Both are
functions of the set of articles: an archive updated day by day gives the same answers
and the same files as the same archive built from nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from newsarchive.search.documents import SearchDoc, doc_from_article
from newsarchive.search.static_index import WriteStats, write_static_index
from newsarchive.search.whoosh_index import (
    IndexMissingError,
    UpdateStats,
    open_source,
    update_index,
)

__all__ = [
    "IndexMissingError",
    "SearchDoc",
    "UpdateStats",
    "WriteStats",
    "doc_from_article",
    "update_indexes",
]


def update_indexes(
    docs: Iterable[SearchDoc],
    whoosh_dir: Path,
    static_dir: Path,
    *,
    excerpt_words: int = 30,
) -> tuple[UpdateStats, WriteStats]:
    """Update the Whoosh index in ``whoosh_dir`` and write the static one to ``static_dir``."""
    stats = update_index(whoosh_dir, docs)
    with open_source(whoosh_dir) as source:
        # Beside the Whoosh index, in the site's working folder: not /tmp, which may be
        # memory (tmpfs), the very thing the runs spare.
        written = write_static_index(
            source, static_dir, excerpt_words=excerpt_words,
            spill_dir=whoosh_dir.parent / "static-runs",
        )  # fmt: skip
    return stats, written
