"""Index stage, Pelican side: what the ``newsarchive_search`` plugin's receivers call.

The indexes are written when the articles have been written: Pelican's ``finalized``
signal only gets the Pelican object, not the articles, and by then
``DELETE_OUTPUT_DIRECTORY`` has run, so the static index is never deleted after it is
written. SearchDocs are made from the articles one at a time as the Whoosh index reads
them (``docs_of``): it keeps only those it must write, so a day's update does not hold
a plain-text copy of every article (they were built once the articles were read and
held through the writing of every page: 14 MB for the 927-article sample).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsarchive.search import update_indexes
from newsarchive.search.documents import SearchDoc, doc_from_article
from newsarchive.settings import SearchSettings, parse_section

__all__ = ["docs_of", "write_indexes"]

logger = logging.getLogger(__name__)


def docs_of(generator: Any) -> Iterator[SearchDoc]:
    """One SearchDoc per published article, by URL, each made when it is asked for."""
    for article in sorted(generator.articles, key=lambda a: str(a.url)):
        yield doc_from_article(article)


def write_indexes(generator: Any) -> None:
    """Update the Whoosh index and write the static index into OUTPUT_PATH."""
    settings = generator.settings
    conf = parse_section(SearchSettings, "ARCHIVE_SEARCH", settings.get("ARCHIVE_SEARCH"))
    # whoosh_dir is relative to the site folder, the working directory during a build.
    whoosh_dir = Path(conf.whoosh_dir)
    static_dir = Path(settings["OUTPUT_PATH"]) / conf.static_dir
    stats, written = update_indexes(
        docs_of(generator), whoosh_dir, static_dir, excerpt_words=conf.excerpt_words
    )
    logger.info(
        "search: %d added, %d updated, %d deleted; %d shards (%d written, %d removed), "
        "%d of %d segments kept",
        stats.added,
        stats.updated,
        stats.deleted,
        written.shards,
        written.written,
        written.removed,
        written.kept,
        written.segments,
    )
