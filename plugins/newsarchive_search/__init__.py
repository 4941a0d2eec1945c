"""Pelican plugin: the search stage (Whoosh index and static browser index).

Receivers only; the logic lives in ``newsarchive.search.hooks``. Receivers are defined
at module level because blinker keeps weak references to them.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from newsarchive.search import hooks

__all__ = ["register"]


def on_article_writer_finalized(generator: Any, writer: Any) -> None:
    """Update the Whoosh index, then write the static index into OUTPUT_PATH."""
    hooks.write_indexes(generator)


def register() -> None:
    signals.article_writer_finalized.connect(on_article_writer_finalized)
