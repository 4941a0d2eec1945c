"""Site stage: interface strings in Italian and English, and localized dates.

Dates are formatted with babel and an explicit locale, never the OS locale, so a build
is the same on every machine. An article's date is shown only as precisely as it is
known: ``Date_precision: month`` means "February 2021", not "1 February 2021".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from babel.dates import format_date

from newsarchive.site import SiteError

__all__ = [
    "UI_LANGS",
    "UI_STRINGS",
    "Translator",
    "date_iso",
    "display_date",
    "period_title",
    "ui_lang",
    "ui_text",
]

UI_LANGS: tuple[str, ...] = ("en", "it")

UI_STRINGS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "skip": "Skip to content",
        "nav_label": "Main",
        "home": "Home",
        "archives": "Archives",
        "tags": "Tags",
        "sources": "Sources",
        "authors": "Authors",
        "search": "Search",
        "search_label": "Search the archive",
        "feeds": "Feeds",
        "atom": "Atom feed",
        "rss": "RSS feed",
        "latest": "Latest articles",
        "read_at": "Read at {site}",
        "by": "By",
        "related": "Related",
        "tagged": "Tags",
        "pagination": "Pages",
        "newer": "Newer articles",
        "older": "Older articles",
        "page_dates": "Articles from {first} to {last}",
        "page_date": "Articles of {first}",
        "tag_title": "Tag: {name}",
        "source_title": "Source: {name}",
        "author_title": "Articles by {name}",
        "archive_period": "Archives: {period}",
        "articles_count": "{count} articles",
        "article_count_one": "1 article",
        "no_articles": "No articles yet.",
        "not_found": "Page not found",
        "not_found_text": "This page does not exist. Try the archives or the search.",
        "footer_note": "An archive of tech news articles.",
        "search_help": 'Words, "a phrase", -exclude, tag:x, site:x, lang:it, date:2021 or date:[2020-01 to 2021-06].',
        "search_filters": "Filters",
        "search_tag": "Tag",
        "search_source": "Source",
        "search_lang": "Language",
        "search_all": "All",
        "search_from": "From",
        "search_to": "To",
        "search_sort": "Sort by",
        "search_relevance": "Relevance",
        "search_date": "Date",
        "search_results": "Search results",
        "search_no_js": "Search needs JavaScript.",
        "search_none": "No results",
        "search_one": "1 result",
        "search_many": "{count} results",
    },
    "it": {
        "skip": "Vai al contenuto",
        "nav_label": "Principale",
        "home": "Home",
        "archives": "Archivio",
        "tags": "Tag",
        "sources": "Fonti",
        "authors": "Autori",
        "search": "Cerca",
        "search_label": "Cerca nell'archivio",
        "feeds": "Feed",
        "atom": "Feed Atom",
        "rss": "Feed RSS",
        "latest": "Ultimi articoli",
        "read_at": "Leggi su {site}",
        "by": "Di",
        "related": "Leggi anche",
        "tagged": "Tag",
        "pagination": "Pagine",
        "newer": "Articoli più recenti",
        "older": "Articoli meno recenti",
        "page_dates": "Articoli dal {first} al {last}",
        "page_date": "Articoli del {first}",
        "tag_title": "Tag: {name}",
        "source_title": "Fonte: {name}",
        "author_title": "Articoli di {name}",
        "archive_period": "Archivio: {period}",
        "articles_count": "{count} articoli",
        "article_count_one": "1 articolo",
        "no_articles": "Nessun articolo.",
        "not_found": "Pagina non trovata",
        "not_found_text": "Questa pagina non esiste. Prova l'archivio o la ricerca.",
        "footer_note": "Un archivio di articoli di notizie tecnologiche.",
        "search_help": 'Parole, "una frase", -escludi, tag:x, site:x, lang:en, date:2021 o date:[2020-01 to 2021-06].',
        "search_filters": "Filtri",
        "search_tag": "Tag",
        "search_source": "Fonte",
        "search_lang": "Lingua",
        "search_all": "Tutte",
        "search_from": "Dal",
        "search_to": "Al",
        "search_sort": "Ordina per",
        "search_relevance": "Pertinenza",
        "search_date": "Data",
        "search_results": "Risultati della ricerca",
        "search_no_js": "La ricerca richiede JavaScript.",
        "search_none": "Nessun risultato",
        "search_one": "1 risultato",
        "search_many": "{count} risultati",
    },
}

# Babel patterns per precision; "LLLL" is the stand-alone month name (as in a heading).
_PATTERNS: Mapping[str, str] = {"day": "d MMMM y", "month": "LLLL y", "year": "y"}
_ISO: Mapping[str, str] = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def ui_lang(lang: object, default: str = "en") -> str:
    """The interface language for ``lang`` ("it-IT" -> "it"); ``default`` if unsupported."""
    if isinstance(lang, str):
        short = lang.strip().lower().replace("_", "-").split("-")[0]
        if short in UI_LANGS:
            return short
    return default if default in UI_LANGS else "en"


def ui_text(key: str, lang: object = None, /, **values: object) -> str:
    """The interface string ``key`` in ``lang`` (English if unsupported), formatted."""
    strings = UI_STRINGS[ui_lang(lang)]
    try:
        template = strings[key]
    except KeyError:
        raise SiteError(f"unknown UI string {key!r}") from None
    return template.format(**values) if values else template


class Translator:
    """The ``t(key, lang=None, **values)`` Jinja global, defaulting to the site's language."""

    def __init__(self, default_lang: str) -> None:
        """Use ``default_lang`` (the site's DEFAULT_LANG) when a template gives none."""
        self.default_lang = ui_lang(default_lang)

    def __call__(self, key: str, lang: object = None, /, **values: object) -> str:
        """Return ``ui_text(key, lang or the site's language, **values)``."""
        return ui_text(key, ui_lang(lang, self.default_lang), **values)


def _precision(precision: object) -> str:
    return precision if isinstance(precision, str) and precision in _PATTERNS else "day"


def display_date(date: dt.date | None, precision: object = "day", lang: object = "en") -> str:
    """``date`` as a reader sees it: "14 febbraio 2021", "February 2021" or "2021"."""
    if date is None:
        return ""
    return format_date(date, _PATTERNS[_precision(precision)], locale=ui_lang(lang))


def date_iso(date: dt.date | None, precision: object = "day") -> str:
    """The ``<time datetime>`` value, no more precise than the date is known."""
    if date is None:
        return ""
    return date.strftime(_ISO[_precision(precision)])


def period_title(period_num: tuple[int, ...], lang: object = "en") -> str:
    """The heading of a period archive: (2021,) -> "2021", (2021, 2) -> "February 2021"."""
    match period_num:
        case (year,):
            return str(year)
        case (year, month):
            return display_date(dt.date(year, month, 1), "month", lang)
        case (year, month, day, *_):
            return display_date(dt.date(year, month, day), "day", lang)
    raise SiteError(f"not a period: {period_num!r}")
