"""Build stage: list pages numbered from the oldest end, so a day's articles change only
the newest page of each list.

Pelican numbers pages from the newest article: every new article moves one article
down every page of the home page and of each of its tags' and sources' lists, so an
archive of 100,000 articles would write its 5,000 home pages again each day. Here page
``s`` (its URL: ``PAGINATION_PATTERNS`` with ``{number}`` = ``s``) holds the articles
``(s - 1) * P + 1 .. s * P`` counted from the oldest, which newer articles never move;
the first page (the list's own URL, the home page) holds the newest ``P`` to ``2P - 1``
articles: the last full page and the ones after it. Templates see the usual objects:
page 1 is the newest, ``has_next`` leads to older pages, ``number`` counts from the
newest (only the URLs count from the oldest).

The lists arrive newest first (``ARTICLE_ORDER_BY``); whatever their order, the pages
are a function of the list, so an updated site still equals a site built from nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pelican.writers
from pelican.paginator import Page, Paginator

__all__ = ["StablePage", "StablePaginator", "stable_pagination"]


class StablePaginator(Paginator):  # type: ignore[misc]  # Pelican ships no type hints
    """Pelican's paginator with pages counted from the end of the list (the oldest)."""

    def __init__(
        self,
        name: str,
        url: str,
        object_list: Sequence[Any],
        settings: Mapping[str, Any],
        per_page: int | None = None,
    ) -> None:
        super().__init__(name, url, object_list, settings, per_page)
        self.orphans = 0  # the newest page takes the remainder: no orphans to spread

    @property
    def num_pages(self) -> int:
        return max(1, self.count // (self.per_page or 1))

    def _bounds(self, number: int) -> tuple[int, int]:
        """Slice of the (newest-first) list on page ``number`` (1: the newest)."""
        if number == 1:
            return 0, self.count - (self.num_pages - 1) * self.per_page
        stable = self.num_pages - number + 1
        return self.count - stable * self.per_page, self.count - (stable - 1) * self.per_page

    def page(self, number: int) -> StablePage:
        bottom, top = self._bounds(number)
        return StablePage(
            self.name, self.url, self.object_list[bottom:top], number, self, self.settings
        )


class StablePage(Page):  # type: ignore[misc]
    """A page whose URL carries its number counted from the oldest page."""

    @property
    def stable_number(self) -> int:
        """1 for the oldest page; the newest (number 1) has the list's own URL."""
        return int(self.paginator.num_pages - self.number + 1)

    def start_index(self) -> int:
        if self.paginator.count == 0:
            return 0
        return int(self.paginator._bounds(self.number)[0] + 1)

    def end_index(self) -> int:
        return int(self.paginator._bounds(self.number)[1])

    def _stable_setting(self, key: str) -> str:
        """Pelican's ``_from_settings``: the rule chosen by the page's place from the
        newest (the first page gets the list's URL), ``{number}`` its stable number."""
        rule = None
        for pattern in self.settings["PAGINATION_PATTERNS"]:
            if pattern.min_page == -1:
                if not self.has_next():
                    rule = pattern
                    break
            elif pattern.min_page <= self.number:
                rule = pattern
        if not rule:
            return ""
        value = getattr(rule, key)
        if not isinstance(value, str):
            return str(value)
        text = value.format(
            save_as=self.full_name, url=self.base_url, name=self.name,
            base_name=self.base_name, extension=self.extension, number=self.stable_number,
        )  # fmt: skip
        return text[1:] if text.startswith("/") else text

    url = property(functools.partial(_stable_setting, key="URL"))
    save_as = property(functools.partial(_stable_setting, key="SAVE_AS"))


@contextmanager
def stable_pagination() -> Iterator[None]:
    """Pelican's writer paginating with ``StablePaginator`` for as long as it lasts."""
    original = pelican.writers.Paginator
    pelican.writers.Paginator = StablePaginator
    try:
        yield
    finally:
        pelican.writers.Paginator = original
