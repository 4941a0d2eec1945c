"""Pelican plugin: the site stage (sanitizing, related links, theme helpers, feeds,
sitemap.xml, and a writer that writes only what changed and prunes stale output).

Receivers only; the logic lives in ``newsarchive.site.hooks`` and ``.feeds``. Receivers are defined
at module level because blinker keeps weak references to them.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from newsarchive.site import feeds, hooks, outputs

__all__ = ["register"]


def on_content_init(content: Any) -> None:
    """Sanitize each article and page and attach what the theme shows."""
    hooks.prepare_content(content)


def on_generator_init(generator: Any) -> None:
    """Give each generator's Jinja environment the ``t`` global and date helpers."""
    hooks.install_jinja_helpers(generator)


def on_all_generators_finalized(generators: Any) -> None:
    """Point internal related links at the URLs Pelican gave their target articles."""
    hooks.resolve_related(generators)


def on_pretaxonomy(generator: Any) -> None:
    """Order articles deterministically before tags, sources and archives are built."""
    hooks.order_articles(generator)


def on_article_writer_finalized(generator: Any, writer: Any) -> None:
    """Write sitemap.xml once the articles are written (pages are in the context)."""
    hooks.sitemap_for(generator)


def on_feed_generated(context: Any, feed: Any) -> None:
    """Give each feed its own id, alternate page, description, authors and guids."""
    feeds.finish_feed(context, feed)


def on_get_writer(pelican: Any) -> type:
    """Write only the files whose bytes change; remove the ones this build no longer makes."""
    return outputs.ChangedOnlyWriter


def register() -> None:
    """Connect the receivers."""
    signals.content_object_init.connect(on_content_init)
    signals.generator_init.connect(on_generator_init)
    signals.article_generator_pretaxonomy.connect(on_pretaxonomy)
    signals.article_writer_finalized.connect(on_article_writer_finalized)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.feed_generated.connect(on_feed_generated)
    signals.get_writer.connect(on_get_writer)
