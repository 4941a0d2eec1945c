"""Enrich stage: tags and related-article links, written back into the Markdown."""

__all__: list[str] = []
