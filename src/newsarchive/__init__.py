"""newsarchive: scraped tech-news articles in, a fast searchable static site out.

Stages: ``importer`` (source files -> Markdown in ``content/``), ``enrich`` (tags and
related links), Pelican ``build`` with our theme and plugins, ``search`` (Whoosh index and
the static index for the browser).
"""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["NewsarchiveError", "__version__"]

try:
    __version__ = version("newsarchive")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"


class NewsarchiveError(Exception):
    """Base class of every error newsarchive raises on purpose."""
