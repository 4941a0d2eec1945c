"""Site stage: what the Pelican theme needs from newsarchive at build time.

``ui`` holds the interface strings (Italian and English) and the localized dates,
``hooks`` the logic behind the ``newsarchive_site`` plugin's receivers (sanitizing,
article attributes, Jinja helpers), ``feeds`` the corrections made to Pelican's feeds
before they are written, ``sitemap`` the ``sitemap.xml`` writer and ``serve`` the local
server behind ``newsarchive serve``.
"""

from newsarchive import NewsarchiveError

__all__ = ["SiteError"]


class SiteError(NewsarchiveError):
    """The theme asked for something the site stage does not provide."""
