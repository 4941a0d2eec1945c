"""Import stage: dates as scraped pages and feeds write them, with their precision.

Handles ISO 8601 (full or partial: ``2021``, ``2021-02``), RFC 822 (feeds), Italian and
English month and weekday names (``ven, 28 ago 2026 23:59:00``, ``14 febbraio 2021``,
``February 14, 2021``) and dates in URL paths (``/2021/02/14/``). Pure functions: no
OS locale, no wall clock.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

from newsarchive.importer.model import DatePrecision, RawRecord

__all__ = [
    "ParsedDate", "date_from_url", "html_date", "htmldate_params", "parse_date", "pick_date",
]  # fmt: skip

ParsedDate = tuple[dt.datetime, DatePrecision]

_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "january gennaio jan gen",
        "february febbraio feb",
        "march marzo mar",
        "april aprile apr",
        "may maggio mag",
        "june giugno jun giu",
        "july luglio jul lug",
        "august agosto aug ago",
        "september settembre sep sept set",
        "october ottobre oct ott",
        "november novembre nov",
        "december dicembre dec dic",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _i

_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "lunedì martedì mercoledì giovedì venerdì sabato domenica lunedi martedi mercoledi "
    "giovedi venerdi lun mar mer gio ven sab dom"
).split()

_ISO_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)
_URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])(?:[/-](?P<d>0?[1-9]|[12]\d|3[01]))?(?=/|$|[-_])"
)
_WORDY_RE = re.compile(
    r"(?:(?P<d1>\d{1,2})\s+(?P<mon1>[a-zà-ü]+)\.?,?\s+(?P<y1>\d{4}))"
    r"|(?:(?P<mon2>[a-zà-ü]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))"
    r"|(?:(?P<mon3>[a-zà-ü]+)\s+(?P<y3>\d{4}))"
)
_TIME_RE = re.compile(r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b")


def _make(  # noqa: PLR0917 - the six parts of a timestamp, in their natural order
    y: int, m: int | None, d: int | None, hh: int = 0, mm: int = 0, ss: int = 0
) -> ParsedDate | None:
    precision: DatePrecision = "day" if d else ("month" if m else "year")
    try:
        value = dt.datetime(y, m or 1, d or 1, hh, mm, ss)
    except ValueError:
        return None
    if not 1990 <= y <= 2100:
        return None
    return value, precision


def _parse_iso(text: str) -> ParsedDate | None:
    match = _ISO_RE.match(text)
    if not match:
        return None
    g = match.groupdict()
    parsed = _make(
        int(g["y"]),
        int(g["m"]) if g["m"] else None,
        int(g["d"]) if g["d"] else None,
        int(g["H"] or 0),
        int(g["M"] or 0),
        int(g["S"] or 0),
    )
    if parsed and g["tz"]:
        # Keep the wall time the source states, in UTC, so output never depends on TZ.
        tz = g["tz"]
        if tz != "Z":
            sign = 1 if tz[0] == "+" else -1
            hours, minutes = int(tz[1:3]), int(tz[-2:])
            offset = dt.timedelta(hours=hours, minutes=minutes) * sign
            parsed = (parsed[0] - offset, parsed[1])
    return parsed


def parse_date(text: str | None) -> ParsedDate | None:
    """Parse a scraped date; None when it is not a date we can trust."""
    if not text:
        return None
    raw = " ".join(str(text).split())
    if not raw:
        return None
    iso = _parse_iso(raw)
    if iso:
        return iso
    rfc = _rfc822(raw)
    if rfc is not None:
        if rfc.tzinfo is not None:
            rfc = rfc.astimezone(dt.UTC).replace(tzinfo=None)
        return _make(rfc.year, rfc.month, rfc.day, rfc.hour, rfc.minute, rfc.second)
    return _parse_wordy(raw.lower())


def _rfc822(raw: str) -> dt.datetime | None:
    """A feed's RFC 822 date, or None (one parse, not a check and then a parse)."""
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def _parse_wordy(low: str) -> ParsedDate | None:
    for word in _WEEKDAYS:
        low = re.sub(rf"^{word}\.?,?\s+", "", low)
    match = _WORDY_RE.search(low)
    if match:
        g = match.groupdict()
        mon = g["mon1"] or g["mon2"] or g["mon3"]
        month = _MONTHS.get(mon.rstrip(".")) if mon else None
        if month:
            day = g["d1"] or g["d2"]
            year = int(g["y1"] or g["y2"] or g["y3"])
            hh = mm = ss = 0
            time = _TIME_RE.search(low, match.end())
            if time and day:
                hh, mm, ss = int(time.group(1)), int(time.group(2)), int(time.group(3) or 0)
            return _make(year, month, int(day) if day else None, hh, mm, ss)
    # Bare numeric forms: 14/02/2021 (European day first), 2021/02/14.
    num = re.search(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b", low)
    if num:
        return _make(int(num.group(3)), int(num.group(2)), int(num.group(1)))
    num = re.search(r"\b(\d{4})[./](\d{1,2})[./](\d{1,2})\b", low)
    if num:
        return _make(int(num.group(1)), int(num.group(2)), int(num.group(3)))
    return None


def date_from_url(url: str | None) -> ParsedDate | None:
    """The date a URL path states (``/2021/02/14/``, ``/2021/02/``), if any."""
    if not url:
        return None
    match = _URL_DATE_RE.search(url)
    if not match:
        return None
    day = match.group("d")
    return _make(int(match.group("y")), int(match.group("m")), int(day) if day else None)


def pick_date(*candidates: str | None, url: str | None = None) -> ParsedDate | None:
    for candidate in candidates:
        parsed = parse_date(candidate)
        if parsed:
            return parsed
    return date_from_url(url)


def html_date(
    record: RawRecord, page_date: str | None, url: str | None, guessed: str | None
) -> ParsedDate | None:
    """Publication date: the source's, the page's markup, a full URL date, then htmldate.

    A day in the URL path (``/2021/02/14/``) is stated by the publisher; htmldate's
    guess from the page text (a "© 2022" footer, a comment's date) is the last resort.
    """
    stated = pick_date(record.date, page_date)
    if stated:
        return stated
    from_url = date_from_url(url)
    if from_url and from_url[1] == "day":
        return from_url
    return parse_date(guessed) or from_url


def htmldate_params(record: RawRecord) -> dict[str, Any]:
    # Extensive search stays on: measured, turning it off lost more right dates (pages
    # stating the date only in text) than it saved. The upper bound is the fetch date,
    # never the wall clock, so a re-import gives the same date.
    latest = parse_date(record.fetched) or parse_date(record.file_time)
    return {
        "original_date": True,
        "extensive_search": True,
        "max_date": f"{latest[0]:%Y-%m-%d}" if latest else "2100-01-01",
    }
