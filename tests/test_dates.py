"""Import stage, extract: which stated date an HTML page's publication date comes from."""

from __future__ import annotations

import datetime as dt

from newsarchive.importer.dates import html_date, htmldate_params, parse_date
from newsarchive.importer.model import RawRecord

REC = RawRecord(input="x", kind="html", content="", fetched="2024-05-01T10:00:00Z")


def test_markup_date_beats_url_and_guess() -> None:
    got = html_date(REC, "2021-02-14T09:00:00+01:00", "https://e.org/2020/01/02/a", "2022-01-01")
    assert got == (dt.datetime(2021, 2, 14, 8, 0), "day")


def test_url_day_beats_htmldate_guess() -> None:
    # htmldate's guess from page text (a "© 2022" footer) is the last resort.
    got = html_date(REC, None, "https://e.org/news/2020/07/28/story.html", "2022-01-01")
    assert got == (dt.datetime(2020, 7, 28), "day")


def test_url_month_loses_to_a_guessed_day() -> None:
    got = html_date(REC, None, "https://e.org/2020/07/story", "2020-07-21")
    assert got == (dt.datetime(2020, 7, 21), "day")


def test_date_search_is_bounded_by_the_fetch_date_not_the_clock() -> None:
    params = htmldate_params(REC)
    assert params == {"original_date": True, "extensive_search": True, "max_date": "2024-05-01"}
    assert (
        htmldate_params(RawRecord(input="x", kind="html", content=""))["max_date"] == "2100-01-01"
    )


def test_timezone_offset_is_kept_as_the_same_instant_in_utc() -> None:
    assert parse_date("2025-12-29T00:30:00+02:00") == (dt.datetime(2025, 12, 28, 22, 30), "day")
