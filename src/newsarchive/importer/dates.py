"""Import stage, extract: dates as scraped pages and feeds write them, with their precision.

Handles ISO 8601 (full or partial: ``2021``, ``2021-02``), RFC 822 (feeds), Italian and
English month and weekday names (``ven, 28 ago 2026 23:59:00``, ``14 febbraio 2021``,
``February 14, 2021``), Chinese/Japanese and Korean dates (``2019年4月21日``,
``2019년 4월 21일``) and dates in URL paths (``/2021/02/14/``), and chooses an HTML
page's publication date among those stated (``html_date``: a stated year or month frames
the rest). Pure functions: no OS locale, no wall clock. The dates an HTML page states
about itself are read in ``pagedates``, the days a flattened text shows in ``textdays``
and ``datelines``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import unicodedata
from typing import Any

from newsarchive.importer.model import DatePrecision, RawRecord

__all__ = [
    "WEEKDAYS",
    "ParsedDate",
    "date_from_url",
    "html_date",
    "htmldate_params",
    "parse_date",
    "pick_date",
    "refines",
]  # fmt: skip

ParsedDate = tuple[dt.datetime, DatePrecision]

# Month names as pages write them: English and Italian (the archive's languages), and
# the other languages news sites scrape in most (German, French, Spanish, Portuguese,
# Dutch, the Scandinavian ones), full and abbreviated. Words that are also common words
# ("out", "des", "ene") are left out: "set" and "mar" stay, as Italian writes them.
_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "january gennaio jan gen januar jänner janvier janv enero janeiro januari",
        "february febbraio feb februar feber février fevrier févr fév febrero fevereiro fev"
        " februari",
        "march marzo mar märz maerz mär mars março marco maart mrt marts",
        "april aprile apr avril avr abril",
        "may maggio mag mai mayo maio mei maj",
        "june giugno jun giu juni juin junio junho",
        "july luglio jul lug juli juillet juil julio julho",
        "august agosto aug ago août aout augustus augusti",
        "september settembre sep sept set septembre septiembre setiembre setembro",
        "october ottobre oct ott oktober okt octobre octubre outubro",
        "november novembre nov noviembre novembro",
        "december dicembre dec dic dezember dez décembre decembre déc diciembre dezembro desember",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _i

WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "lunedì martedì mercoledì giovedì venerdì sabato domenica lunedi martedi mercoledi "
    "giovedi venerdi lun mar mer gio ven sab dom "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles jueves viernes sábado domingo "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "måndag tisdag onsdag torsdag fredag lördag söndag mandag tirsdag lørdag søndag"
).split()

_ISO_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)
_URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])(?:[/-](?P<d>0?[1-9]|[12]\d|3[01]))?(?=/|$|[-_])"
)
# The Guardian's form: "/2021/jun/04/", a month's name (English or Italian) for its number.
_URL_NAMED_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})/(?P<mon>[a-z]{3,9})/(?P<d>0?[1-9]|[12]\d|3[01])(?=/|$)", re.I
)
# "3 May 2024", "3. Mai 2024" (German and Scandinavian), "May 3, 2024", "May 2024".
_WORDY_RE = re.compile(
    r"(?:(?P<d1>\d{1,2})\.?\s+(?:de\s+)?(?P<mon1>[a-zà-ü]+)\.?,?\s+(?:de\s+)?(?P<y1>\d{4}))"
    r"|(?:(?P<mon2>[a-zà-ü]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))"
    r"|(?:(?P<mon3>[a-zà-ü]+)\s+(?P<y3>\d{4}))"
)
_DMY = r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"  # 14/02/2021, 15.04.2026: European day first
_TIME_RE = re.compile(r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b")
# Chinese/Japanese 2019年4月21日 (12時00分) and Korean 2019년 4월 21일: year first, the
# unit after each number; the day (and month) may be missing.
_CJK_RE = re.compile(
    r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월](?:\s*(?P<d>\d{1,2})\s*[日일])?"
    r"(?:[^\d]{0,12}?(?P<H>\d{1,2})\s*(?:[時时시]|:)\s*(?P<M>\d{2}))?"
)


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
        # Keep the wall time and the offset the source states: the publisher's calendar
        # day is the article's day (00:30 in Rome is not the day before), and the offset
        # keeps the instant exact for feeds.
        tz = g["tz"]
        offset = dt.timedelta(0)
        if tz != "Z":
            sign = 1 if tz[0] == "+" else -1
            offset = dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:])) * sign
        parsed = (parsed[0].replace(tzinfo=dt.timezone(offset)), parsed[1])
    return parsed


def parse_date(text: str | None) -> ParsedDate | None:
    """Parse a scraped date; None when it is not a date we can trust."""
    if not text:
        return None
    # NFKC: full-width digits and colons (２０１９年４月) as CJK pages write them.
    raw = " ".join(unicodedata.normalize("NFKC", str(text)).split())
    if not raw:
        return None
    iso = _parse_iso(raw)
    if iso:
        return iso
    rfc = _rfc822(raw)
    if rfc is not None:
        made = _make(rfc.year, rfc.month, rfc.day, rfc.hour, rfc.minute, rfc.second)
        return (made[0].replace(tzinfo=rfc.tzinfo), made[1]) if made else None
    return _parse_wordy(raw.lower())


def _rfc822(raw: str) -> dt.datetime | None:
    """A feed's RFC 822 date, or None (one parse, not a check and then a parse)."""
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def _parse_cjk(text: str) -> ParsedDate | None:
    match = _CJK_RE.search(text)
    if not match:
        return None
    g = match.groupdict()
    day = int(g["d"]) if g["d"] else None
    hh, mm = (int(g["H"]), int(g["M"])) if day and g["H"] else (0, 0)
    return _make(int(g["y"]), int(g["m"]), day, hh, mm)


def _parse_wordy(low: str) -> ParsedDate | None:
    cjk = _parse_cjk(low)
    if cjk:
        return cjk
    for word in WEEKDAYS:
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
    num = re.search(_DMY, low)
    if num:
        return _make(int(num.group(3)), int(num.group(2)), int(num.group(1)))
    num = re.search(r"\b(\d{4})[./](\d{1,2})[./](\d{1,2})\b", low)
    if num:
        return _make(int(num.group(1)), int(num.group(2)), int(num.group(3)))
    return None


def date_from_url(url: str | None) -> ParsedDate | None:
    """The date a URL path states (``/2021/02/14/``, ``/2021/02/``, ``/2021/feb/14/``), if
    any."""
    if not url:
        return None
    match = _URL_DATE_RE.search(url)
    named = _URL_NAMED_DATE_RE.search(url)
    if named and (month := _MONTHS.get(named.group("mon").lower())):
        return _make(int(named.group("y")), month, int(named.group("d")))
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


_DEPTH = {"year": 1, "month": 2, "day": 3}


def _within(found: ParsedDate, frame: ParsedDate) -> bool:
    """Whether ``found`` falls in the year or month ``frame`` states."""
    depth = _DEPTH[frame[1]]
    return found[0].timetuple()[:depth] == frame[0].timetuple()[:depth]


def refines(found: ParsedDate | None, frame: ParsedDate | None) -> bool:
    """``found`` states a day that ``frame`` (a stated year or month, or nothing) allows."""
    if found is None or found[1] != "day":
        return False
    return frame is None or (frame[1] != "day" and _within(found, frame))


def html_date(
    record: RawRecord, page_date: str | None, url: str | None, guessed: str | None,
    shown: str | None = None,
) -> ParsedDate | None:  # fmt: skip
    """Publication date: the source's, the page's markup, a full URL date, the date shown
    under the headline, then htmldate's guess.

    A day in the URL path (``/2021/02/14/``) is stated by the publisher; htmldate's
    guess from the page text (a "© 2022" footer, a comment's date) is the last resort.
    A stated year or month (metadata ``2021-02``, a URL's ``/2016/12/``) frames the
    rest: a day outside it is not the publication date, and one inside it refines it.
    """
    stated = pick_date(record.date, page_date)
    if stated and stated[1] == "day":
        return stated
    from_url = date_from_url(url)
    frames = [f for f in (stated, from_url) if f]
    for found in (from_url, parse_date(shown), parse_date(guessed)):
        if found and found[1] == "day" and all(_within(found, f) for f in frames):
            return found
    if stated and from_url and _within(from_url, stated):
        return from_url
    return stated or from_url


def htmldate_params(record: RawRecord, *, search_text: bool = True) -> dict[str, Any]:
    # Extensive search stays on: measured, turning it off lost more right dates (pages
    # stating the date only in text) than it saved. It is off only when ``html_date``
    # will not use htmldate's guess (``search_text`` False: the markup states the day),
    # which saves its slowest step. The upper bound is the fetch date, never the wall
    # clock, so a re-import gives the same date.
    latest = parse_date(record.fetched) or parse_date(record.file_time)
    return {
        "original_date": True,
        "extensive_search": search_text,
        "max_date": f"{latest[0]:%Y-%m-%d}" if latest else "2100-01-01",
    }
