"""Import stage: scraped files in, clean ``Article`` records and Markdown files out."""

__all__: list[str] = []
