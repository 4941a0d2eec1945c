"""Index stage, Pelican side: what the ``newsarchive_search`` plugin's receivers call.

SearchDocs are built from the articles once the article generator is done and kept on
that generator (a per-run object, so nothing survives an autoreload). The indexes are
written when the articles have been written: Pelican's ``finalized`` signal only gets
the Pelican object, not the articles, and by then ``DELETE_OUTPUT_DIRECTORY`` has run,
so the static index is never deleted after it is written.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from newsarchive.search import update_indexes
from newsarchive.search.documents import SearchDoc, doc_from_article
from newsarchive.settings import SearchSettings, parse_section

__all__ = ["DOCS_ATTR", "collect_docs", "write_indexes"]

logger = logging.getLogger(__name__)
DOCS_ATTR = "newsarchive_search_docs"


def collect_docs(generator: Any) -> list[SearchDoc]:
    """Build one SearchDoc per published article and keep them on ``generator``."""
    docs = sorted((doc_from_article(a) for a in generator.articles), key=lambda d: d.url)
    setattr(generator, DOCS_ATTR, docs)
    return docs


def write_indexes(generator: Any) -> None:
    """Update the Whoosh index and write the static index into OUTPUT_PATH."""
    settings = generator.settings
    conf = parse_section(SearchSettings, "ARCHIVE_SEARCH", settings.get("ARCHIVE_SEARCH"))
    docs = getattr(generator, DOCS_ATTR, None)
    if docs is None:
        docs = collect_docs(generator)
    # whoosh_dir is relative to the site folder, the working directory during a build.
    whoosh_dir = Path(conf.whoosh_dir)
    static_dir = Path(settings["OUTPUT_PATH"]) / conf.static_dir
    stats, written = update_indexes(docs, whoosh_dir, static_dir, excerpt_words=conf.excerpt_words)
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
