"""Import stage, extract: which stated date an HTML page's publication date comes from."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from newsarchive.importer.datelines import day_near_headline, late_day, text_day
from newsarchive.importer.dates import date_from_url, html_date, htmldate_params, parse_date
from newsarchive.importer.extract import extract_record
from newsarchive.importer.model import RawRecord
from newsarchive.importer.pagedates import page_dates, shown_date
from newsarchive.importer.textdays import day_end, day_has_time
from newsarchive.importer.zones import local_time, site_zone

REC = RawRecord(input="x", kind="html", content="", fetched="2024-05-01T10:00:00Z")


def test_markup_date_beats_url_and_guess() -> None:
    got = html_date(REC, "2021-02-14T09:00:00+01:00", "https://e.org/2020/01/02/a", "2022-01-01")
    assert got == (dt.datetime(2021, 2, 14, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))), "day")


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


def test_publishers_wall_time_and_offset_are_kept() -> None:
    # 00:30 in Athens is the 29th there: converted to UTC it read as the 28th, and the
    # article landed on the wrong day (and, on the 1st, in the wrong month's archive).
    (stamp, precision) = parse_date("2025-12-29T00:30:00+02:00") or (None, None)
    assert (stamp, precision) == (dt.datetime(2025, 12, 28, 22, 30, tzinfo=dt.UTC), "day")
    assert stamp is not None and stamp.date() == dt.date(2025, 12, 29)
    assert stamp.utcoffset() == dt.timedelta(hours=2)
    rfc = parse_date("Mon, 29 Dec 2025 00:30:00 +0200")
    assert rfc is not None and rfc[0].date() == dt.date(2025, 12, 29) and rfc[0] == stamp


# --- dates CJK pages write -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年04月21日 12時00分更新", (dt.datetime(2019, 4, 21, 12, 0), "day")),
        ("最終更新日：2019年4月2日", (dt.datetime(2019, 4, 2), "day")),
        ("2019년 4월 21일", (dt.datetime(2019, 4, 21), "day")),
        ("２０１９年４月２１日", (dt.datetime(2019, 4, 21), "day")),  # full-width digits
        ("２０１９／４／５　１２：３０", (dt.datetime(2019, 4, 5), "day")),  # full-width forms
        ("2019年04月", (dt.datetime(2019, 4, 1), "month")),
    ],
)
def test_chinese_japanese_korean_dates(text: str, expected: tuple[dt.datetime, str]) -> None:
    assert parse_date(text) == expected


# --- dates the markup states (page_dates) -----------------------------------------------


def _page(html: str) -> tuple[str | None, str | None]:
    return page_dates(lxml.html.fromstring(html))


def test_meta_value_attribute_is_read_like_content() -> None:
    # Pages saved through some tools (and some CMSs) write <meta value=...>.
    html = """<head><meta value="2019-04-09T08:00:15-06:00" name="article:published_time">
    <meta value="2021-12-10T20:06:09-07:00" name="article:modified_time"></head>"""
    assert _page(html) == ("2019-04-09T08:00:15-06:00", "2021-12-10T20:06:09-07:00")


@pytest.mark.parametrize(
    "name",
    [
        "og:article:published_time", "parsely-pub-date", "sailthru.date", "published",
        "pub_date", "OriginalPublicationDate", "dc.date.issued", "cXenseParse:recs:publishtime",
    ],
)  # fmt: skip
def test_publication_meta_names_of_analytics_and_dublin_core(name: str) -> None:
    assert _page(f'<meta name="{name}" content="2016-12-14T06:02:15Z">')[0] == (
        "2016-12-14T06:02:15Z"
    )


def test_og_published_time_beats_a_newsletter_tools_date() -> None:
    # Reuters: sailthru.date is the revision; og:article:published_time the publication.
    html = """<meta name="sailthru.date" content="2016-12-15T13:50:38Z">
    <meta property="og:article:published_time" content="2016-12-14T06:02:15Z">"""
    assert _page(html)[0] == "2016-12-14T06:02:15Z"


def test_json_ld_wrapped_in_cdata_is_read_and_beats_meta() -> None:
    html = """<meta property="article:published_time" content="2015-12-11T14:28:34Z">
    <script type="application/ld+json">
    <![CDATA[
    {"@type": "NewsArticle", "datePublished": "2015-10-15T02:19:15Z",
     "dateModified": "2018-04-22T22:24:24Z"}
    ]]>
    </script>"""
    assert _page(html) == ("2015-10-15T02:19:15Z", "2018-04-22T22:24:24Z")


def test_json_ld_of_another_type_is_not_the_articles_date() -> None:
    html = """<script type="application/ld+json">[
    {"@type": "VideoObject", "datePublished": "2025-12-29T08:38:58+01:00"},
    {"@type": "NewsArticle", "datePublished": "2025-12-30T12:10:36+01:00"}]</script>"""
    assert _page(html)[0] == "2025-12-30T12:10:36+01:00"


def test_microdata_date_published_on_a_time_element() -> None:
    html = """<body><time class="updated" itemprop="dateModified"
    datetime="2021-12-10T20:06:09-07:00">December 10, 2021</time>
    <time itemprop="datePublished" datetime="2023-08-30T16:45+0100">30 August 2023</time>
    </body>"""
    assert _page(html) == ("2023-08-30T16:45+0100", "2021-12-10T20:06:09-07:00")


def test_a_malformed_date_does_not_hide_the_next_source() -> None:
    # "23:15:0Z" is not ISO 8601; the visible microdata states the day.
    html = """<script type="application/ld+json">{"@type": "NewsArticle",
    "datePublished": "2020-12-05T23:15:0Z"}</script>
    <p itemprop="datePublished" class="data">06 Dicembre 2020</p>"""
    assert _page(html)[0] == "06 Dicembre 2020"


@pytest.mark.parametrize("stamp", ["1676551869", "1676551869000"])
def test_unix_time_in_json_ld(stamp: str) -> None:
    html = f"""<script type="application/ld+json">{{"@type": "Article",
    "datePublished": {stamp}}}</script>"""
    assert _page(html)[0] == "2023-02-16T12:51:09Z"


def test_parsely_page_json_meta() -> None:
    html = """<meta name="parsely-page" content='{"title": "x",
    "pub_date": "2014-11-23T16:00:00+04:00"}'>"""
    assert _page(html)[0] == "2014-11-23T16:00:00+04:00"


# --- the date shown under the headline (shown_date) --------------------------------------


def _shown(body: str) -> str | None:
    return shown_date(lxml.html.fromstring(f"<body>{body}</body>"))


_BODY = "<p>" + "Article text that runs on for a while. " * 6 + "</p>"


def test_shown_date_under_the_headline() -> None:
    body = f"""<p class="today">Domenica 06 Dicembre 2020</p><h1>Headline</h1>
    <div class="artdata"><p class="date">2019年04月21日 12時00分更新</p></div>{_BODY}"""
    assert _shown(body) == "2019-04-21T12:00:00"


def test_shown_date_a_bare_date_line_and_a_labelled_one() -> None:
    assert _shown(f"<h1>Headline</h1><div>2019年4月4日</div>{_BODY}") == "2019-04-04T00:00:00"
    assert _shown(f"<h1>Headline</h1><div>Published: March 5, 2019</div>{_BODY}") == (
        "2019-03-05T00:00:00"
    )


def test_shown_date_needs_a_headline_and_skips_linked_teasers() -> None:
    assert _shown(f'<div class="date">March 5, 2019</div>{_BODY}') is None
    teasers = '<ul><li><a href="/x">Other story <span class="date">May 1, 2019</span></a></li></ul>'
    assert _shown(f"<h1>Headline</h1>{teasers}{_BODY}") is None


def test_shown_date_not_taken_from_a_sentence() -> None:
    body = f"<h1>Headline</h1><p>The council will vote on the plan on March 5, 2019.</p>{_BODY}"
    assert _shown(body) is None


def test_shown_date_is_not_searched_far_below_the_headline() -> None:
    body = f"<h1>Headline</h1>{_BODY * 10}<p>March 5, 2019</p>"
    assert _shown(body) is None


def test_shown_update_date_only_when_no_publication_date_is_shown() -> None:
    both = f"""<h1>Headline</h1><p>last updated <time datetime="2017-04-04T20:44:00Z">4 April
    17</time></p><p class="posted"><time datetime="2017-01-13T21:45:08Z">13 Jan</time></p>{_BODY}"""
    assert _shown(both) == "2017-01-13T21:45:08+00:00"
    # Only an update date in the header; the dated list further down is body content.
    only = f"""<h1>Headline</h1><p>最終更新日：2019年4月2日<br>Agency</p>{_BODY}
    <ul><li>2019年3月15日公表</li></ul>"""
    assert _shown(only) == "2019-04-02T00:00:00"


# --- which date html_date chooses -------------------------------------------------------


def test_shown_date_beats_htmldate_guess_but_not_a_url_day() -> None:
    # htmldate does not read 2019年4月21日 and guesses the "© 2022" footer year.
    assert html_date(REC, None, "https://e.org/elem/428292/", "2022-01-01", "2019-04-21T12:00") == (
        dt.datetime(2019, 4, 21, 12, 0), "day"
    )  # fmt: skip
    assert html_date(REC, None, "https://e.org/2019/04/20/a", None, "2019-04-21") == (
        dt.datetime(2019, 4, 20), "day"
    )  # fmt: skip


def test_url_month_frames_the_guess() -> None:
    # /2016/12/: a guessed 2022-01-01 (a footer year) is not the publication date.
    got = html_date(REC, None, "https://e.org/2016/12/132377/tees", "2022-01-01")
    assert got == (dt.datetime(2016, 12, 1), "month")
    got = html_date(REC, None, "https://e.org/2019/03/a.html", "2019-03-26", "2019-03-08")
    assert got == (dt.datetime(2019, 3, 8), "day")


def test_a_stated_month_is_refined_by_a_day_inside_it() -> None:
    assert html_date(REC, "2021-02", "https://e.org/2021/02/14/a", None) == (
        dt.datetime(2021, 2, 14), "day"
    )  # fmt: skip
    assert html_date(REC, "2021-02", None, "2020-07-01") == (dt.datetime(2021, 2, 1), "month")


def test_htmldate_searches_text_only_when_no_day_is_stated() -> None:
    # html_date takes a stated day before htmldate's guess, so the guess's slow text
    # search is skipped then (same dates, about half the import time).
    from newsarchive.importer.extract import _states_day
    from newsarchive.importer.pagemeta import PageMeta

    assert htmldate_params(REC, search_text=False)["extensive_search"] is False
    assert _states_day(REC, PageMeta(published="2021-02-14T09:00:00+01:00"))
    assert not _states_day(REC, PageMeta(published="2021-02"))
    assert not _states_day(REC, PageMeta())
    stated = html_date(REC, "2021-02-14T09:00:00+01:00", "https://e.org/2020/01/02/a", "2022-05-05")
    assert stated is not None and stated[0].date() == dt.date(2021, 2, 14)


@pytest.mark.parametrize(
    ("host", "stated", "expected"),
    [
        # Repubblica states its live blog's 00:01 in Rome as 23:01 UTC the day before.
        ("www.repubblica.it", "2023-11-01T23:01:00Z", "2023-11-02 00:01+0100"),
        ("www.spiegel.de", "2024-07-01T22:30:00+00:00", "2024-07-02 00:30+0200"),
        ("www3.nhk.or.jp", "2024-04-20T15:00:00Z", "2024-04-21 00:00+0900"),
        # Another offset is the publisher's own wall time; a country of many zones, or
        # none, keeps UTC.
        ("www.repubblica.it", "2023-11-01T23:01:00-05:00", "2023-11-01 23:01-0500"),
        ("www.nytimes.com", "2023-11-01T23:01:00Z", "2023-11-01 23:01+0000"),
        (None, "2023-11-01T23:01:00Z", "2023-11-01 23:01+0000"),
    ],
)  # fmt: skip
def test_utc_time_is_shown_in_the_sites_zone(host: str | None, stated: str, expected: str) -> None:
    stamp = dt.datetime.fromisoformat(stated.replace("Z", "+00:00"))
    assert local_time(stamp, site_zone(host)).strftime("%Y-%m-%d %H:%M%z") == expected


def test_article_published_after_midnight_in_rome_is_filed_under_its_day() -> None:
    body = "<p>" + "Il consiglio ha approvato il bilancio dopo un lungo dibattito. " * 8 + "</p>"
    page = (
        '<html lang="it"><head><title>Israele, la diretta</title>'
        '<script type="application/ld+json">{"@type": "LiveBlogPosting", "headline":'
        ' "Israele, la diretta", "datePublished": "2023-11-01T23:01:00Z"}</script>'
        f"</head><body><article><h1>Israele, la diretta</h1>{body}</article></body></html>"
    )
    url = "https://www.repubblica.it/esteri/2023/11/01/diretta/israele-421.html"
    article = extract_record(RawRecord(input="r.html", kind="html", content=page, url=url))
    assert article.date is not None
    assert article.date.strftime("%Y-%m-%d %H:%M%z") == "2023-11-02 00:01+0100"


def test_every_site_zone_loads() -> None:
    # A misspelt zone in the table or in a site rule would fail every import from the site.
    from newsarchive.importer.siterules import RULES
    from newsarchive.importer.zones import _CCTLD_ZONES

    for tld, name in _CCTLD_ZONES.items():
        assert str(site_zone(f"news.example.{tld}")) == name
    for rule in RULES:
        if rule.tz:
            assert str(site_zone(rule.hosts[0])) == rule.tz


# --- dates shown in flattened text (dumps) --------------------------------------------


def text_date(text: str, *, runs_together: bool = False) -> str | None:
    """The day ``text_day`` finds, without its position."""
    shown = text_day(text, runs_together=runs_together)
    return shown[0] if shown else None


_BODY = "The council met on Tuesday and voted on the plan after a long debate. " * 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The byline's date, the first line after the headline.
        (f"By Jane Doe\nMar 20, 2023, 7:58am EDT\n{_BODY}", "2023-03-20T00:00:00"),
        ("Pubblicato il 14 febbraio 2021\n" + _BODY, "2021-02-14T00:00:00"),
        ("Von Max Muster\n15.04.2026, 12:36 Uhr\n" + _BODY, "2026-04-15T00:00:00"),
        # An update is taken only when the header shows no other day.
        (f"Updated Mar 21, 2023\nPublished Mar 20, 2023\n{_BODY}", "2023-03-20T00:00:00"),
        (f"Updated Mar 21, 2023\n{_BODY}", "2023-03-21T00:00:00"),
        # A date deep inside a line of running text is a mention, not the dateline.
        (_BODY + "The first vote was held on March 3, 2019 in the old hall.\n", None),
        (_BODY, None),
        # An ISO timestamp on its own line (Business Insider's byline).
        (f"Amanda Krause\n2024-02-14T16:15:30Z\nShare\n{_BODY}", "2024-02-14T00:00:00"),
        # The day a span ends on is no publication day ("available until").
        (f"Verfügbar bis 06.05.2024.\nStand: 22.04.2024, 06:00 Uhr\n{_BODY}", "2024-04-22T00:00:00"),
        (f"Available until May 6, 2024\nApril 22, 2024\n{_BODY}", "2024-04-22T00:00:00"),
        # "Akt." (aktualisiert), "Oppdatert", "Actualizado" are update labels.
        (f"Akt.: 29. Juni 2025\n28. Juni 2025 - 16.03 Uhr\n{_BODY}", "2025-06-28T00:00:00"),
        (f"Oppdatert 06.08.2024\nPublisert 05.08.2024\n{_BODY}", "2024-08-05T00:00:00"),
    ],
)  # fmt: skip
def test_date_a_dump_shows_under_its_headline(text: str, expected: str | None) -> None:
    assert text_date(text) == expected


def test_date_deep_in_a_line_when_the_dump_runs_its_blocks_together() -> None:
    # A scraper that saves the page on one line puts the byline's day far into it.
    line = "Home News Sport Tech Culture Opinion Council votes on the plan " * 6
    text = f"{line}By Jane Doe 22 Dec, 2016 {_BODY}\n{_BODY}"
    assert text_date(text) is None
    assert text_date(text, runs_together=True) == "2016-12-22T00:00:00"
    # Only in a long line: in a paragraph's line the day is a mention, as before.
    paragraph = "The council met on Tuesday and voted on the plan. " * 4
    assert text_date(f"{paragraph}It first met on 22 Dec, 2016.\n", runs_together=True) is None
    # ... unless the day has its time beside it, as a dateline does (Daily Star, WAZ).
    byline = "like dolls News Joshua Whorms 12:43, 20 Apr 2026Updated 12:44, 20 Apr 2026 View"
    assert text_date(f"{paragraph}{byline}\n", runs_together=True) == "2026-04-20T00:00:00"
    assert text_date(f"{paragraph}{byline}\n") is None
    waz = "So teuer wird die Abnehmspritze 29.06.2023, 15:04 | Lesedauer: 7 Minuten"
    assert text_date(f"{paragraph}{waz}\n", runs_together=True) == "2023-06-29T00:00:00"
    # A photo caption's day just before the byline's timed day is the caption's (Público,
    # TIME); an embedded post's timed day far below the byline's is the post's (Us Weekly).
    caption = "Cientos de personas en la pradera de San Isidro, a 15 de mayo de 2025, en Madrid."
    dump = f"{line}{caption} Comparte Luna González Madrid-29/05/2025 20:00 Comparte {_BODY}"
    assert text_date(dump, runs_together=True) == "2025-05-29T00:00:00"
    dump = f"{line}By Megan French December 7, 2016 {_BODY}A post shared by Gaga on Dec 5, 2016 at 9:10am PST"
    assert text_date(dump, runs_together=True) == "2016-12-07T00:00:00"


@pytest.mark.parametrize(
    ("text", "day", "timed"),
    [
        ("3. Mai 2024, 17:47 Nach der Demo", "3. Mai", True),
        ("May 24, 2026 at 4:31 pm I think", "May", True),
        ("2024-02-14T16:15:30Z Share", "2024", True),
        ("Whorms 12:43, 20 Apr 2026Updated", "20 Apr", True),
        ("05.08.2024 Text", "05", False),
        ("March 3, 2019 in the old hall", "March", False),
        ("score 12, 20 Apr 2026", "20 Apr", False),
    ],
)
def test_day_has_time(text: str, day: str, timed: bool) -> None:
    assert day_has_time(text, text.index(day)) is timed


def test_dump_date_from_text_refines_but_never_contradicts_the_record() -> None:
    text = f"Council votes on the plan\nBy Jane Doe\nNov 18, 2023\n{_BODY}"

    def date_of(**fields: str) -> tuple[dt.datetime, str]:
        article = extract_record(RawRecord(input="d.txt", kind="text", content=text, **fields))
        return article.date.replace(tzinfo=None), article.date_precision

    # No date stated: the text's day (not the fetch date of last resort).
    assert date_of(fetched="2024-06-01") == (dt.datetime(2023, 11, 18), "day")
    # A stated year or month that holds it: refined to the day.
    assert date_of(date="2023") == (dt.datetime(2023, 11, 18), "day")
    assert date_of(url="https://news.example/2023/11/council-vote") == (
        dt.datetime(2023, 11, 18),
        "day",
    )
    # A stated year or URL day that disagrees wins.
    assert date_of(date="2021") == (dt.datetime(2021, 1, 1), "year")
    assert date_of(url="https://news.example/2023/11/17/council-vote") == (
        dt.datetime(2023, 11, 17),
        "day",
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # The Guardian names the month in its addresses (tech-articles-sample: 2021/01 and
        # 2023/01 from the records' year alone, before).
        ("https://www.theguardian.com/us-news/2021/jun/04/therapy-session", (2021, 6, 4)),
        ("https://www.theguardian.com/science/2007/Jul/10/uk.obituaries1", (2007, 7, 10)),
        ("https://example.it/cronaca/2024/dic/05/sciopero", (2024, 12, 5)),
        ("https://example.com/2021/02/14/story", (2021, 2, 14)),
        # Not a month: the path's word is a slug.
        ("https://example.com/2021/jump/04/story", None),
    ],
)
def test_date_from_url_reads_named_months(url: str, expected: tuple[int, ...] | None) -> None:
    parsed = date_from_url(url)
    assert (parsed[0].timetuple()[:3] if parsed else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Month names of the other languages news sites scrape in, and "3. Mai" (German,
        # Scandinavian); the forms of fundus's pages.
        ("Veröffentlicht am 13. Mai 2026 um 15:44", (2026, 5, 13)),
        ("Publisert\ntorsdag 09. mai 2024 - 13:26", (2024, 5, 9)),
        ("Publié le 18 juil. 2024 à 08:01", (2024, 7, 18)),
        ("Publicado el 5 de mayo de 2024", (2024, 5, 5)),
        ("Publicerad 23 okt 2025 kl 10.23", (2025, 10, 23)),
        ("28. April 2024, 14:26 Uhr", (2024, 4, 28)),
        ("Politik\n28. 4. 2023, 18:41 Uhr", (2023, 4, 28)),
        # Days in figures: year first (Korean, Japanese, Lithuanian pages), a US month
        # first where day first cannot be, and a dateline's two-digit year.
        ("입력 2025.05.15 20:00", (2025, 5, 15)),
        ("2019/02/22 17:23", (2019, 2, 22)),
        ("11/28/2016 04:23 pm ET", (2016, 11, 28)),
        ("By Chris Thompson\n10/13/16 12:34PM", (2016, 10, 13)),
        ("Publisert: 05.08.24 kl. 14:47", (2024, 8, 5)),
        ("Do 25.04.24 | 14:07 Uhr", (2024, 4, 25)),
        ("25.4.24\nKiel (dpo) - Finnland ist in Gefahr", (2024, 4, 25)),
        # Glued to the word before it, as inline blocks flatten: a month's name after a
        # small letter (AP's "Associated PressApril 28", Reuters' "2 minute readApril
        # 25, 20232:26 PM"), figures after letters or CJK (getnews.jp, qdaily).
        ("Associated PressApril 28, 2023 GMT", (2023, 4, 28)),
        ("2 minute readApril 25, 20232:26 PM GMT+2", (2023, 4, 25)),
        ("access_time2019/04/21 11:51", (2019, 4, 21)),
        ("谢若含2017-03-01 14:27:02", (2017, 3, 1)),
        # Not dates: a version number, a fraction in a sentence, a day-first reading
        # that is no day, figures glued to more figures, a capital inside a word that
        # spells no month.
        ("Order 12005.06.2023 shipped", None),
        ("McDonald 12, 2020 menu", None),
        ("Update to version 1.2.24 of the app", None),
        ("Mix 3/4/22 of the flour", None),
        ("Score 31.13.2024", None),
    ],
)
def test_days_written_in_many_forms(text: str, expected: tuple[int, ...] | None) -> None:
    shown = text_date(text)
    assert (dt.date.fromisoformat(shown[:10]).timetuple()[:3] if shown else None) == expected


def test_a_dateline_beats_a_caption_and_teaser_lists_do_not_count() -> None:
    # A photo caption's day comes first in the header, the byline's day on its own line
    # after it (Público).
    caption = "Cientos de personas en la pradera, a 15 de mayo de 2025, en Madrid (España)."
    assert text_date(f"{caption}\nLuna González\nMadrid-29/05/2025 20:00\n{_BODY}") == (
        "2025-05-29T00:00:00"
    )
    # "Latest news" above the headline: dated teasers, one after another (Libération).
    teasers = "".join(f"Teaser headline number {i}\n1 mars 2019 à 15:{i:02d}\n" for i in range(6))
    assert text_date(f"{teasers}{_BODY}") is None
    # The article's own day, a standfirst away from them, counts (a day next to the list
    # would be taken for one of its teasers).
    standfirst = "The plan divides the town, and the vote was closer than expected. " * 5
    dump = f"{teasers}Headline\n{standfirst}\n24 novembre 2017\n{_BODY}"
    assert text_date(dump) == "2017-11-24T00:00:00"
    # An update labelled on the line above its day (Opposing Views).
    dump = f"Author:\nLauren Briggs\nUpdated:\nMar 6, 2018\nOriginal:\nDec 21, 2016\n{_BODY}"
    assert text_date(dump) == "2016-12-21T00:00:00"
    # A publication and an update day together are a dateline, not a list.
    assert text_date(f"Published 1 March 2019\nUpdated 2 March 2019\n{_BODY}") == (
        "2019-03-01T00:00:00"
    )
    # Labelled days are no teasers' however many stand together (NRK shows its pair twice).
    pair = "Publisert\n05.08.2024, kl. 13.05\nOppdatert\n05.08.2024, kl. 13.52\n"
    assert text_date(f"{pair}{pair}{_BODY}") == "2024-08-05T00:00:00"
    # A label's word must stand just before the day: "publique" in a teaser is none.
    teasers = "".join(f"Teaser {i} about l'école publique ?\n1 mars 2019\n" for i in range(5))
    assert text_date(f"{teasers}{_BODY}") is None


def test_day_near_a_headline_far_down_or_below_its_dateline() -> None:
    headline = "Universities in exile count the costs of starting afresh"
    menus = "\n".join(f"Section {i}" for i in range(400))
    # A dateline just above the headline (Nature's "CAREER FEATURE / 06 February 2026").
    dump = f"{menus}\nCAREER FEATURE\n06 February 2026\n{headline}\n{_BODY}"
    assert day_near_headline(dump, headline) == ("2026-02-06T00:00:00", dump.index("06 Feb"))
    # A headline that long menus push past the header zone, its day under it.
    dump = f"{menus}\n{headline}\nBy Jacqui Housden\nJanuary 28, 2025 11:30 am\n{_BODY}"
    assert text_date(dump) is None
    assert day_near_headline(dump, headline) == ("2025-01-28T00:00:00", dump.index("January 28"))
    # A page saved on one line: the day just above the headline, whatever its line holds.
    line = " ".join(f"Section {i}" for i in range(40))
    dump = f"{line} Columns » 22 February 2019 14:30 published {headline} {_BODY}"
    assert day_near_headline(dump, headline) == ("2019-02-22T00:00:00", dump.index("22 Feb"))
    assert day_near_headline(f"{line} 22 February 2019 {line} {headline} {_BODY}", headline) is None
    # A dateline above the headline beats a day mentioned in a line of text under it
    # (BR24: "15.04.2026, 14:36 Uhr" / headline / "… berichtet: BR24 Radio am 14.04.2026").
    dump = f"Audio\n15.04.2026, 14:36 Uhr\n{headline}\nÜber dieses Thema berichtet: BR24 Radio am 14.04.2026 um 17:50 Uhr.\n{_BODY}"
    assert day_near_headline(dump, headline) == ("2026-04-15T00:00:00", dump.index("15.04"))
    # An update's label after the day above the headline dates something else; the day
    # is still the dateline (Reuters: "April 25, 2023 2:26 PM GMT+2 Last Updated 9 min
    # ago" / headline / a caption's "April 24, 2023").
    caption = (
        "Fire is seen on the plane after it takes off in Nepal April 24, 2023 in this picture."
    )
    dump = f"Aerospace\nApril 25, 2023 2:26 PM GMT+2 Last Updated 9 min ago\n{headline}\n{caption}\n{_BODY}"
    assert day_near_headline(dump, headline) == ("2023-04-25T00:00:00", dump.index("April 25"))
    # Run together (a caption's day under the headline comes first there), the timed day
    # just above the headline still beats the caption's untimed one; an untimed day
    # above does not.
    flat = f"Aerospace 2 minute readApril 25, 20232:26 PM GMT+2 {headline} {caption} {_BODY}"
    assert day_near_headline(flat, headline, runs_together=True)[0] == "2023-04-25T00:00:00"
    flat = f"Aerospace April 25, 2023 {headline} {caption} {_BODY}"
    assert day_near_headline(flat, headline, runs_together=True)[0] == "2023-04-24T00:00:00"
    # ... labelled an update before it, it is not.
    dump = f"Aerospace\nUpdated April 25, 2023 2:26 PM\n{headline}\n{caption}\n{_BODY}"
    assert day_near_headline(dump, headline) == ("2023-04-24T00:00:00", dump.index("April 24"))
    # ... but a dateline under it beats one above it.
    dump = f"Audio\n15.04.2026\n{headline}\n16.04.2026\n{_BODY}"
    assert day_near_headline(dump, headline) == ("2026-04-16T00:00:00", dump.index("16.04"))
    # No day next to it: none, not one from the running text.
    assert day_near_headline(f"{menus}\n{headline}\n{_BODY}On 3 May 2020 it met.", headline) is None
    # When the scraper's title is an SEO form of the headline, the day under the headline
    # the page shows wins over a masthead's day at the top (Tageblatt, Mexico News Daily).
    record = RawRecord(
        input="d.txt", kind="text", fetched="2026-03-01",
        title="Universities in exile count the costs of starting afresh - The Paper",
        content=f"Montag 30. Juni 2025\n{menus}\nSection\n{headline}\nBy Jo Bloggs\n"
        f"June 28, 2025\n{_BODY}",
    )  # fmt: skip
    article = extract_record(record)
    assert article.date is not None and article.date.date() == dt.date(2025, 6, 28)
    # The whole dump through the importer: the dateline above the headline is its date.
    dump = f"Home\nNews\nCAREER FEATURE\n06 February 2026\n{headline}\n{_BODY}"
    assert imported_day(headline, dump) == (dt.date(2026, 2, 6), ())


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Friday 25 December 2015 0 comments", "25 December 2015"),
        ("17.05.2026, 19:06 Uhr 8 Min", "17.05.2026, 19:06 Uhr"),
        ("15.05.2023 - 13:52 Uhr Es war", "15.05.2023 - 13:52 Uhr"),
        ("May 24, 2026 at 4:31 pm I think", "May 24, 2026 at 4:31 pm"),
        ("Apr 16, 2015 8:02 pm UTC Kevin", "Apr 16, 2015 8:02 pm UTC"),
        ("2024-02-14T16:15:30Z Share", "2024-02-14T16:15:30Z"),
    ],
)
def test_day_end_takes_the_days_time_and_zone(text: str, written: str) -> None:
    pos = text.index(written[:2])
    assert text[pos : day_end(text, pos)] == written


def test_day_end_where_no_day_starts() -> None:
    assert day_end("no day here", 3) == 3


def test_a_day_after_the_text_when_none_stands_by_the_headline() -> None:
    from newsarchive.importer.authors.textbyline import BYLINE_START_RE

    # Labelled as the publication's, on its line or the line above (VG, NRK, Postlight).
    assert late_day(f"{_BODY}\nPublisert: 05.08.24 kl. 14:47\nRelaterte emner")[0] == (
        "2024-08-05T00:00:00"
    )
    assert late_day(f"{_BODY}\nPublisert\n05.08.2024, kl. 13.05\nOppdatert\n05.08.2024")
    assert late_day(f"{_BODY}\nStory published on Oct 5, 2022.\nLeadership")[0] == (
        "2022-10-05T00:00:00"
    )
    # A dateline that pairs the day with its update (Corriere), or stands over a byline
    # (taz: "Kommentar von" / the name).
    dump = f"{_BODY}\n5 gennaio 2025 ( modifica il 6 gennaio 2025 | 15:24)\n© RIPRODUZIONE"
    assert late_day(dump) == ("2025-01-05T00:00:00", dump.index("5 gennaio"))
    dump = f"{_BODY}\nPolitik\n28. 4. 2023, 18:41 Uhr\nKommentar von\nNicole Opitz\n"
    assert late_day(dump) is None
    assert late_day(dump, BYLINE_START_RE) == ("2023-04-28T00:00:00", dump.index("28. 4."))
    # ... also where the dump runs them into one line.
    dump = f"{_BODY} Politik 28. 4. 2023, 18:41 Uhr Kommentar von Nicole Opitz Redakteurin"
    assert late_day(dump, BYLINE_START_RE) == ("2023-04-28T00:00:00", dump.index("28. 4."))
    dump = f"{_BODY} go Donald go». 5 gennaio 2025 ( modifica il 6 gennaio 2025 | 15:24) ©"
    assert late_day(dump) == ("2025-01-05T00:00:00", dump.index("5 gennaio"))
    # After the text, a day alone on its line is a related story's, an update's or a
    # reference's: none of them is the article's.
    related = "Related\nChippy facing constant struggle for survival\n13 May 2024\nBirmingham\n"
    assert late_day(f"{_BODY}\n{related}", BYLINE_START_RE) is None
    assert late_day(f"{_BODY}\nUpdated: 6 January 2025\nBy Jo Bloggs", BYLINE_START_RE) is None
    assert late_day(f'{_BODY}\n^ "In the Loop". 24 August 2021.\n') is None


def imported_day(title: str, dump: str) -> tuple[dt.date | None, tuple[str, ...]]:
    """The day the importer gives a flattened ``dump`` with the scraper's ``title``, and
    its warnings."""
    record = RawRecord(input="d.txt", kind="text", title=title, fetched="2026-03-01", content=dump)
    article = extract_record(record)
    return (article.date.date() if article.date else None), article.warnings


def test_a_dump_dated_at_its_end_through_the_importer() -> None:
    headline = "Giorgia Meloni da Donald Trump a Mar-a-Lago, pronti a lavorare insieme"
    dump = f"Home\n{headline}\n{_BODY}\n5 gennaio 2025 ( modifica il 6 gennaio 2025 | 15:24)\n"
    assert imported_day(headline, dump) == (dt.date(2025, 1, 5), ())
    # With no day by the headline or after the text, the fetch date, with a warning.
    day, warnings = imported_day(headline, f"Home\n{headline}\n{_BODY}\n")
    assert day == dt.date(2026, 3, 1) and warnings
