"""Import stage: dates as scraped pages and feeds write them, with their precision.

Handles ISO 8601 (full or partial: ``2021``, ``2021-02``), RFC 822 (feeds), Italian and
English month and weekday names (``ven, 28 ago 2026 23:59:00``, ``14 febbraio 2021``,
``February 14, 2021``), Chinese/Japanese and Korean dates (``2019年4月21日``,
``2019년 4월 21일``) and dates in URL paths (``/2021/02/14/``). Also reads the dates an
HTML page states about itself (``page_dates``, ``shown_date``). Pure functions: no OS
locale, no wall clock.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsarchive.importer.jsonld import is_article, ld_objects
from newsarchive.importer.metatags import (
    INVISIBLE,
    classes,
    meta_index,
    meta_value,
    page_root,
    text_of,
    visible_strings,
)  # fmt: skip
from newsarchive.importer.model import DatePrecision, RawRecord

__all__ = [
    "DUMP_HEADER_ZONE",
    "WEEKDAYS",
    "ParsedDate",
    "date_from_url",
    "day_and_headline",
    "day_end",
    "day_has_time",
    "day_near_headline",
    "html_date",
    "htmldate_params",
    "late_day",
    "page_dates",
    "parse_date",
    "pick_date",
    "refines",
    "relative_dateline",
    "relative_day_near",
    "shown_date",
    "text_day",
    "written_day_offsets",
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


# Where pages state their publication and modification dates, most trusted first:
# schema.org JSON-LD of the article; the Open Graph article:* and schema.org <meta>s
# (the first five names); microdata on any element (<time itemprop=datePublished>); then
# the <meta> names CMSs and the analytics and newsletter tools read (Parse.ly, cXense,
# Dublin Core, Sailthru: its date is often the last revision, so late), generic last.
_PUBLISHED_METAS = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published", "datepublished", "published_time", "published_date",
    "publish_date", "publish-date", "publishdate", "pub_date", "parsely-pub-date",
    "cxenseparse:recs:publishtime", "rnews:datepublished", "originalpublicationdate",
    "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created",
    "article.published", "published", "citation_publication_date", "citation_date",
    "sailthru.date", "pubdate", "dc.date", "dcterms.date", "date",
)  # fmt: skip
_MODIFIED_METAS = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "modified_time", "dcterms.modified", "dc.date.modified", "last-modified", "modified",
)  # fmt: skip
_EPOCH_MS = 1e11  # larger Unix times are milliseconds (1e11 s is the year 5138)


def _epoch(value: float) -> str | None:
    """A Unix time in seconds or milliseconds (as some JSON-LD writes it), as ISO UTC."""
    seconds = value / 1000 if value > _EPOCH_MS else value
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return None


def _parsely_pub_date(value: str | None) -> str | None:
    """``pub_date`` of Parse.ly's JSON ``parsely-page`` meta."""
    try:
        data = json.loads(value or "")
    except json.JSONDecodeError:
        return None
    return data.get("pub_date") if isinstance(data, dict) else None


def _first_date(candidates: list[Any]) -> str | None:
    """The first candidate that parses as a date (a malformed one does not hide the rest)."""
    for candidate in candidates:
        value = candidate
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = _epoch(value)
        if isinstance(value, str) and parse_date(value):
            return value
    return None


_ITEMPROPS = etree.XPath("//*[@itemprop]")
_LD_SCRIPTS = etree.XPath("//script[@type='application/ld+json']")


def page_dates(
    tree: HtmlElement, metas: dict[str, str] | None = None,
    articles: list[dict[str, Any]] | None = None,
) -> tuple[str | None, str | None]:  # fmt: skip
    """The publication and modification dates the markup of ``tree``'s page states, as
    written.

    Reads the ``<meta>`` tags (``metatags.meta_index``: ``content``, or ``value`` where a
    page or the tool that saved it wrote that instead), the JSON-LD article objects and
    the schema.org microdata ``datePublished``/``dateModified`` on any element.
    ``metas`` and ``articles`` are read from ``tree`` when the caller has not already.
    """
    root = page_root(tree)
    if metas is None:
        metas = meta_index(root)
    if articles is None:
        scripts = _LD_SCRIPTS(root)
        articles = [o for o in ld_objects(s.text or "" for s in scripts) if is_article(o)]
    props: dict[str, list[str]] = {"datePublished": [], "dateModified": []}
    for el in _ITEMPROPS(root):
        for prop in str(el.get("itemprop") or "").split():
            if prop in props:
                stated = el.get("content") or el.get("datetime") or el.get("value")
                props[prop].append(str(stated) if stated else text_of(el)[:100])

    def named(names: tuple[str, ...]) -> list[str | None]:
        return [meta_value(metas, name) for name in names]

    published = _first_date(
        [o.get("datePublished") for o in articles]
        + named(_PUBLISHED_METAS[:5])
        + props["datePublished"]
        + named(_PUBLISHED_METAS[5:])
        + [_parsely_pub_date(meta_value(metas, "parsely-page"))]
    )
    modified = _first_date(
        [o.get("dateModified") for o in articles] + named(_MODIFIED_METAS) + props["dateModified"]
    )
    return published, modified


# The date a page shows under its headline: a <time>, an element whose class or id
# names a date, or a line of text that is a date with at most a short label ("公開日：",
# "Published"). Looked for only in the header zone after the first headline: before it
# sit "today is ..." bars, further down related-article lists with their own dates.
_DATE_CLASS_RE = re.compile(r"date|time|publish|posted|dateline", re.I)
_UPDATED_RE = re.compile(
    r"updat|modif|更新|aggiorn|aktuali[sz]|\bakt\.|mis à jour|güncel|[ou]pp?dater|actualiz|atualiz"
    r"|bijgewerkt",
    re.I,
)
# A label that says the day after it is the publication day: such a day is no teaser's,
# however many days stand near it ("Publisert 05.08.2024 … Oppdatert 05.08.2024 …").
_PUBLISHED_RE = re.compile(
    r"(?:\bpubli\w*|\bposted|veröffentlicht|erschienen|udgivet|gepubliceerd|opublikowano|yayın\w*)"
    r"(?:\s+(?:on|am|le|il|el|em|den))?[\s:.,]*$",
    re.I,
)
# A day after one of these ends a span ("Verfügbar bis 06.05.2024", "until May 3"): no
# publication day.
_UNTIL_RE = re.compile(
    r"(?:\bbis|\buntil|\btill|\bfino al|\bjusqu'au|\bhasta(?: el)?)\W{0,2}$", re.I
)
_SKIP = frozenset({"a", "nav", "aside", "footer", "figcaption", "script", "style", "noscript"})
_HEADER_ZONE = 1500  # characters of text after the headline
_LABEL_CHARS = 12
_BODY_TEXT = 150  # a text run this long is article body, not header


def _label(text: str) -> str:
    """What is left of ``text`` without its digits, date units, month and weekday names."""
    words = re.sub(r"[\d\W_年月日년월일時时分시]+", " ", text.lower()).split()
    return "".join(w for w in words if w not in _MONTHS and w not in WEEKDAYS)


def _named(el: HtmlElement) -> bool:
    names = [*classes(el), el.get("id") or ""]
    return el.tag == "time" or any(_DATE_CLASS_RE.search(str(n)) for n in names)


_TEXT_BEFORE = etree.XPath("preceding::text()[1]", smart_strings=False)


def _shown_candidate(el: HtmlElement, text: str | None) -> tuple[ParsedDate, bool] | None:
    """(day, labelled as an update) when the element ``el`` (``text`` None) or the text
    node ``text`` in ``el`` shows a day; None when it does not."""
    if text is None:
        if el.tag == "time" and el.get("datetime"):
            parsed = parse_date(str(el.get("datetime")))
        elif _named(el) and el.find(".//time") is None:  # a wrapper leaves it to its <time>s
            shown = " ".join(text_of(el).split())
            parsed = parse_date(shown) if len(shown) <= 80 else None
        else:
            return None
    else:
        shown = " ".join(text.split())
        if not shown or len(shown) > 60 or len(_label(shown)) > _LABEL_CHARS:
            return None
        parsed = parse_date(shown)
    if not parsed or parsed[1] != "day":
        return None
    before = _TEXT_BEFORE(el)  # a label outside the element: "Updated <time>"
    label = f"{text_of(el)[:80]} {' '.join(classes(el))} {(before[0] if before else '')[-40:]}"
    return parsed, bool(_UPDATED_RE.search(label))


def _walk(el: HtmlElement, hidden: bool) -> Iterator[tuple[HtmlElement, str | None]]:
    """``el`` and its content in document order: ``(el, None)`` at an element's start,
    ``(parent, text)`` for a text node; not the inside of ``_SKIP`` elements nor text
    ``hidden`` (in ``INVISIBLE`` elements)."""
    yield el, None
    hidden = hidden or el.tag in INVISIBLE
    if el.text and not hidden:
        yield el, el.text
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _SKIP:  # not comments
            yield from _walk(child, hidden)
        if child.tail and not hidden:
            yield el, child.tail


def _following(start: HtmlElement) -> Iterator[tuple[HtmlElement, str | None]]:
    """``start`` and all that follows it in the page, in document order (BeautifulSoup's
    ``next_elements``), as ``_walk`` gives it, outside the elements ``_SKIP`` names."""
    chain = [start, *start.iterancestors()]
    skipped: list[bool] = []
    hidden: list[bool] = []
    skip = hide = False
    for el in reversed(chain):  # from the root down: whether el is in a skipped element
        skip, hide = skip or el.tag in _SKIP, hide or el.tag in INVISIBLE
        skipped.append(skip)
        hidden.append(hide)
    skipped.reverse()
    hidden.reverse()
    if not skipped[0]:
        yield from _walk(start, len(chain) > 1 and hidden[1])
    for i, node in enumerate(chain[:-1]):
        parent = chain[i + 1]
        if skipped[i + 1]:
            continue
        if node.tail and not hidden[i + 1]:
            yield parent, node.tail
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str) and sibling.tag not in _SKIP:
                yield from _walk(sibling, hidden[i + 1])
            if sibling.tail and not hidden[i + 1]:
                yield parent, sibling.tail


def shown_date(tree: HtmlElement) -> str | None:
    """The publication date the page of ``tree`` shows in its header, as an ISO string,
    or None.

    A date labelled as an update is taken only when the header shows no other.
    """
    headline = next(
        (h for h in page_root(tree).iter("h1") if any(s.strip() for s in visible_strings(h))),
        None,
    )
    if headline is None:
        return None
    seen = 0
    updated: ParsedDate | None = None
    for el, text in _following(headline):
        if text is not None:
            seen += len(text.strip())
            # Past the zone, or into the body (a long run of text) with an update date found.
            if seen > _HEADER_ZONE or (updated and len(text.strip()) > _BODY_TEXT):
                break
        found = _shown_candidate(el, text)
        if found and not found[1]:
            return found[0][0].isoformat()
        if found and updated is None:
            updated = found[0]
    return updated[0].isoformat() if updated else None


# A flattened page (a text dump) shows its date in the lines after the headline, as a
# page does: "By Jane Doe Mar 20, 2023, 7:58am EDT", "Pubblicato il 14 febbraio 2021",
# "15.04.2026". Measured on the bench's flattened pages, the first such day within this
# many characters is the publication day on 90% of the pages where one is found (269 of
# 299), 92% of those whose URL states no day (220 of 240).
DUMP_HEADER_ZONE = 3000
# In a dump that runs its page's blocks together (menus, headline, byline and text on
# one line, as some scrapers save a page), the day shown under the headline may stand
# anywhere in a line this long. Bench dumps: date 45.9% -> 62.8% with a line break only
# after a sentence, 29.8% -> 66.1% with the page on one line; one block a line: 66.4%,
# the same on every page.
_RUN_LINE = 400
# Days in figures: day first (14/02/2021, 15.04.2026, 28. 4. 2023; month first when the day-first
# reading is impossible: 11/28/2016, as US pages write it), year first (2025-05-15,
# 2025.05.15, 2019/02/22, also as an ISO timestamp's day: 2024-02-14T16:15:30Z), and a two-digit year (27.04.24, 10/13/16) only where a time
# ("um 07:39", "kl. 14:47"), a separator or a line's end follows: a dateline, not a
# version number or a fraction.
_NUMERIC_DAY_RE = re.compile(
    r"(?<!\d)(?P<a>\d{1,2})(?P<sep>\. ?|/)(?P<b>\d{1,2})(?P=sep)"
    r"(?:(?P<y4>\d{4})\b|(?P<y2>\d{2})\b(?=,?[ \t]*(?:$|\n|[|•·-]|(?:[^\W\d]{1,3}\.?[ \t]+)?\d{1,2}[:.]\d{2})))"
    r"|(?<!\d)(?P<y>\d{4})(?P<sep2>[-./])(?P<m>\d{1,2})(?P=sep2)(?P<d>\d{1,2})"
    r"(?:\b(?![.:]\d)|(?=T\d{2}:\d{2}))"
)


# A month's name glued to the word before it, as a page's inline blocks flatten
# ("Associated PressApril 28, 2023", "2 minute readApril 25, 2023"): a capital after a
# small letter, then the day.
_GLUED_MONTH_RE = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý][a-zà-ÿ]{2,8}\.?\s+\d)")


def _days_in(text: str, *, numeric: bool = True) -> Iterator[tuple[int, ParsedDate]]:
    """Every full day written in ``text`` (month names, CJK units, and unless
    ``numeric`` is false days in figures), with its position; not in order."""
    low = text.lower()
    glued = (_WORDY_RE.match(low, m.start()) for m in _GLUED_MONTH_RE.finditer(text))
    for match in (*_WORDY_RE.finditer(low), *filter(None, glued)):
        g = match.groupdict()
        month = _MONTHS.get((g["mon1"] or g["mon2"] or "").rstrip("."))
        day = g["d1"] or g["d2"]
        if month and day and (made := _make(int(g["y1"] or g["y2"]), month, int(day))):
            yield match.start(), made
    for match in _CJK_RE.finditer(text):
        if match.group("d") and (made := _make(*map(int, match.group("y", "m", "d")))):
            yield match.start(), made
    if not numeric:
        return
    for match in _NUMERIC_DAY_RE.finditer(text):
        g = match.groupdict()
        if g["y"]:
            made = _make(int(g["y"]), int(g["m"]), int(g["d"]))
        else:
            year = int(g["y4"]) if g["y4"] else 2000 + int(g["y2"])
            a, b = int(g["a"]), int(g["b"])
            made = _make(year, b, a) or (_make(year, a, b) if g["sep"] == "/" else None)
        if made:
            yield match.start(), made


# A day's time and zone after it: "at 4:31 pm", "- 13:52 Uhr", ", 19:06 Uhr", "8:02 pm UTC".
_TIME_AFTER_DAY = re.compile(
    r"(?:,?[ \t]*(?:at|um|à|alle|ore|kl\.|-|–|\|)?[ \t]*\d{1,2}[:.]\d{2}(?::\d{2})?"
    r"(?:[ \t]*(?:[ap]\.?m\.?|uhr|h\b))?(?:[ \t]+(?-i:[A-Z]{2,4})\b)?)?",
    re.I,
)


def day_end(text: str, pos: int) -> int:
    """Where the day written at ``pos`` in ``text`` (as ``_days_in`` found it) ends,
    with the time after it; ``pos`` when no day starts there."""
    return _day_span(text, pos)[1]


def day_has_time(text: str, pos: int) -> bool:
    """Whether the day written at ``pos`` in ``text`` has its time after it ("3. Mai
    2024, 17:47", "2024-02-14T16:15:30Z") or before it ("12:43, 20 Apr 2026", as the
    Reach papers write it), as a dateline gives it and a day mentioned in a sentence
    seldom does."""
    date_end, end = _day_span(text, pos)
    return end > date_end or bool(_TIME_BEFORE_DAY.search(text, max(0, pos - 12), pos))


_TIME_BEFORE_DAY = re.compile(r"\b\d{1,2}:\d{2}(?:[ \t]*[ap]\.?m\.?)?,?[ \t]*$", re.I)


_DAY_CHARS = 60  # letters a day written out takes at most ("28 de septiembre de 2025")


def _day_span(text: str, pos: int) -> tuple[int, int]:
    """Where the day written at ``pos`` ends, and where its time after it ends."""
    # The day's own letters only: lower-casing the whole text for every day read made
    # ``_text_day`` quadratic in the header's days.
    window = text[pos : pos + _DAY_CHARS]
    match = (
        _WORDY_RE.match(window.lower()) or _CJK_RE.match(window) or _NUMERIC_DAY_RE.match(window)
    )
    if not match:
        return pos, pos
    end = pos + match.end()
    if text[end : end + 1] == "T":  # an ISO timestamp: its time and zone too
        stamp = re.match(r"T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?", text[end:])
        return end, end + (stamp.end() if stamp else 0)
    time = _TIME_AFTER_DAY.match(text, end)
    return end, time.end() if time and any(c.isdigit() for c in time.group()) else end


def written_day_offsets(text: str) -> list[int]:
    """Where ``text`` writes out a full day in words ("22 Feb 2017", "March 3, 2023",
    "2023年3月3日"), as a page shows them to readers, in order; not the numeric dates of
    a table's rows ("2021-03-04")."""
    return sorted(pos for pos, _ in _days_in(text, numeric=False))


# A day with this many others within this many characters either side is one of a list
# of dated teasers ("latest news" above the headline), not the article's own.
_LIST_DAYS = 3
_LIST_SPAN = 300
# A dateline: the day's line holds little else, label and time aside ("Veröffentlicht
# am 13. Mai 2026 um 15:44", "By Sage Lazzaro • 12/16/16 12:21pm"), in letters.
_DATELINE_LABEL = 25


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Where the line holding ``pos`` starts and ends in ``text``."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, end if end >= 0 else len(text)


def _day_label(text: str, pos: int, line_start: int) -> str:
    """The label before the day at ``pos`` in ``text``, on its line (which starts at
    ``line_start``) or on the line above ("Updated:" / "Mar 6, 2018"), when that line is
    a label alone (not another day's line: "Akt.: 29. Juni 2025")."""
    label_start = line_start
    if not text[line_start:pos].strip():
        above = text.rfind("\n", 0, line_start - 1) + 1
        if not any(c.isdigit() for c in text[above:line_start]):
            label_start = above
    return text[max(label_start, pos - 40) : pos]


def text_day(text: str, *, runs_together: bool = False) -> tuple[str, int] | None:
    """The publication day a flattened page shows near its start, as an ISO string,
    and where it stands in ``text``; or None: within the header zone, the first day on a dateline, else the first day at
    most ``_BODY_TEXT`` characters into a line (further in, running text mentions a
    date; a photo caption's "a 15 de mayo de 2025, en Madrid" comes before the byline's
    day). When the dump ``runs_together`` its page's blocks (menus, headline, byline
    and text on one line), a day anywhere in a long line (``_RUN_LINE``) or with its
    time beside it (``day_has_time``) counts too, and a timed day just after an untimed
    one (a photo caption's) is taken instead. Days in a list of dated teasers do not
    count; a day labelled as an update is taken only when no other is shown."""
    found = _text_day(text, runs_together=runs_together)
    return found[:2] if found else None


_CAPTION_TO_BYLINE = 500  # letters from a caption's day to the byline's day after it


def _text_day(text: str, *, runs_together: bool = False) -> tuple[str, int, bool] | None:
    """``text_day``'s day and position, and whether the day stands on a dateline."""
    head = text[:DUMP_HEADER_ZONE]
    days = sorted(_days_in(head), key=lambda item: item[0])
    updated: tuple[ParsedDate, int] | None = None
    first: tuple[ParsedDate, int] | None = None
    first_timed: tuple[ParsedDate, int] | None = None
    for pos, found in days:
        line_start, line_end = _line_bounds(head, pos)
        long_line = line_end - line_start > _RUN_LINE
        # Run together, a day with its time after it is a dateline in a shorter line too
        # ("… like dolls News Joshua Whorms 12:43, 20 Apr 2026Updated …").
        timed = runs_together and day_has_time(head, pos)
        if pos - line_start > _BODY_TEXT and not (runs_together and long_line) and not timed:
            continue
        label = _day_label(head, pos, line_start)
        if _UNTIL_RE.search(label):
            continue
        update = _UPDATED_RE.search(label)
        labelled = update or _PUBLISHED_RE.search(label)
        if not labelled and sum(1 for p, _ in days if abs(p - pos) <= _LIST_SPAN) > _LIST_DAYS:
            continue
        if update:
            updated = updated or (found, pos)
            continue
        if len(_label(head[line_start:line_end])) <= _DATELINE_LABEL:
            return found[0].isoformat(), pos, True
        first = first or (found, pos)
        if timed and pos - first[1] <= _CAPTION_TO_BYLINE:
            first_timed = first_timed or (found, pos)
    # Run together, a day with its time is the byline's; one without it just before it
    # is a photo caption's ("… Madrid (España), a 15 de mayo de 2025 … Luna González
    # Madrid-29/05/2025 20:00"). Further on, a timed day is an embedded post's.
    chosen = first_timed or first or updated
    return (chosen[0][0].isoformat(), chosen[1], False) if chosen else None


def late_day(text: str, byline: re.Pattern[str] | None = None) -> tuple[str, int] | None:
    """The publication day a flattened page shows after its text, when none stands by its
    headline (VG, NRK, Postlight, Corriere and taz date an article at its end): the first
    day labelled as the publication's ("Publisert: 05.08.24 kl. 14:47", "Story published
    on Oct 5, 2022."), else the first that its update follows ("5 gennaio 2025 (
    modifica il 6 gennaio 2025 | 15:24)") or a byline that ``byline`` matches ("28. 4.
    2023, 18:41 Uhr" / "Kommentar von"). A day with neither is not enough: after the
    text, that is a related story's or a reference's."""
    days = sorted(_days_in(text), key=lambda item: item[0])
    paired: tuple[str, int] | None = None
    for pos, found in days:
        line_start, _ = _line_bounds(text, pos)
        label = _day_label(text, pos, line_start)
        if _UNTIL_RE.search(label) or _UPDATED_RE.search(label):
            continue
        if _PUBLISHED_RE.search(label):
            return found[0].isoformat(), pos
        after = text[day_end(text, pos) :][:_PAIRED_WITHIN].lstrip(" \t\n(|,-–")
        if not paired and (_UPDATED_RE.match(after) or (byline and byline.match(after))):
            paired = found[0].isoformat(), pos
    return paired


_PAIRED_WITHIN = 40  # letters after a day where its update's label or its byline starts


# A time relative to now, as pages show a fresh article's ("5 hours ago", also glued to
# the name before it: "Nizaar Kinsella2 minutes ago"; "vor 3
# Stunden", "před 2 hodinami", "2 ore fa"), or a time of day alone with its am/pm or
# its label ("1:39 PM ET", "Uppdaterad 15.59 | Publicerad 14.14"; not a video's "5:59"): a dateline with
# no day in it.
_RELATIVE_RE = re.compile(
    r"(?:(?:(?<!\d)\d+|\b(?:an?|one))\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b"
    r"|\bvor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten|jahren)\b"
    r"|\bpřed\s+\d+\s+(?:minutami|hodinami|dny)\b"
    r"|\bhace\s+\d+\s+(?:minutos|horas|días)\b|\bil y a\s+\d+\s+(?:minutes|heures|jours)\b"
    r"|\b\d+\s+(?:minuti|ore|giorni)\s+fa\b|\b\d+\s+(?:minuten|uur|dagen)\s+geleden\b"
    r"|\b\d+\s+(?:minuter|timmar|dagar|minutter|timer|dager|dage)\s+siden?\b"
    r"|^(?:[^\W\d]+:?[ \t]+\d{1,2}[:.]\d{2}(?:[ \t]*\|[ \t]*[^\W\d]+:?[ \t]+\d{1,2}[:.]\d{2})*"
    r"|\d{1,2}[:.]\d{2}[ \t]*[ap]\.?m\.?)(?:[ \t]+[A-Z]{2,4})?[ \t]*$)",
    re.I | re.M,
)
_RELATIVE_WORDS = 8  # words on a relative dateline's line, label and counters included


def relative_dateline(text: str) -> int | None:
    """Where the first line near the start of ``text`` that dates the page relative to
    now ("Published 3 seconds ago", "1 day ago") or by a time of day alone ("1:39 PM
    ET") stands: a dateline with no day, beside which a byline without "By" stands as
    beside a day's."""
    head = text[:DUMP_HEADER_ZONE]
    for match in _RELATIVE_RE.finditer(head):
        line_start, line_end = _line_bounds(head, match.start())
        if len(head[line_start:line_end].split()) <= _RELATIVE_WORDS:
            return match.start()
    return None


# A labelled time of day inside a line (Aftonbladet's "Uppdaterad 15.59 | Publicerad
# 14.14", "Publicerad 22:31"): a dateline with no day, in a dump run together.
_LABELLED_TIME_RE = re.compile(
    r"\b(?:publicerad|uppdaterad|publisert|oppdatert|publiceret|opdateret|published|updated|"
    r"veröffentlicht|aktualisiert)[ \t]+(?:kl\.?[ \t]+)?\d{1,2}[:.]\d{2}\b",
    re.I,
)


def relative_day_near(text: str, within: int) -> tuple[int, int] | None:
    """Where a time relative to now ("15 hours ago", "vor 3 Stunden") or a labelled
    time of day ("Publicerad 22:31") that starts within the first ``within`` letters of
    ``text`` starts and ends, on a line of any length (a dump that runs its blocks
    together); ``None`` when none does."""
    found = [
        match
        for pattern in (_RELATIVE_RE, _LABELLED_TIME_RE)
        if (match := pattern.search(text, 0, within + _DAY_CHARS)) and match.start() < within
    ]
    first = min(found, key=lambda match: match.start(), default=None)
    return (first.start(), first.end()) if first else None


# A dateline may stand just above the headline ("CAREER FEATURE / 06 February 2026 /
# Universities in exile …"): this many characters before it.
_ABOVE_HEADLINE = 300
# A day this close above the headline is its dateline whatever else its line holds (a
# page saved on one line: "… コラム » 2019年02月22日 14時30分 公開 Intel NUCで…").
_JUST_ABOVE = 60
# The headline is looked for this many times in the text (a menu may list it first).
_HEADLINE_SHOWINGS = 3


def day_near_headline(
    text: str, headline: str, *, runs_together: bool = False
) -> tuple[str, int] | None:
    """The publication day a flattened page shows next to its ``headline`` and where it
    stands in ``text`` (``day_and_headline``)."""
    found = day_and_headline(text, headline, runs_together=runs_together)
    return found[:2] if found else None


def day_and_headline(
    text: str, headline: str, *, runs_together: bool = False
) -> tuple[str, int, int] | None:
    """The publication day a flattened page shows next to its ``headline``, wherever
    the headline stands (long menus may push it past the header zone), and where it
    stands in ``text``: a dateline under it (``text_day`` from the headline on,
    ``runs_together`` as there), else a dateline just above it, else a day in a line of
    text under it. Run together, a page's lines are no datelines: the day under the
    headline comes first. Also where the headline's showing ends when the day stands
    under it (the byline is read from there on), else 0."""
    start = text.find(headline) if headline else -1
    for _ in range(_HEADLINE_SHOWINGS):
        if start < 0:
            return None
        end = start + len(headline)
        under = _text_day(text[end:], runs_together=runs_together)
        above_start = max(0, start - _ABOVE_HEADLINE)
        above = text[above_start:start]
        above_days = sorted(_days_in(above), key=lambda item: item[0])
        if under and runs_together and not day_has_time(text, end + under[1]):
            # Run together, a timed day just above the headline is its dateline, not an
            # untimed day under it (Reuters: "2 minute readApril 25, 20232:26 PM" /
            # headline / a caption's "April 24, 2023").
            for pos, found in above_days:
                label = _day_label(above, pos, _line_bounds(above, pos)[0])
                just_above = len(above) - pos <= _JUST_ABOVE
                if just_above and day_has_time(above, pos) and not _UPDATED_RE.search(label):
                    return found[0].isoformat(), above_start + pos, 0
        if under and (under[2] or runs_together):
            return under[0], end + under[1], end
        for pos, found in reversed(above_days):
            line_start, line_end = _line_bounds(above, pos)
            line = above[line_start:line_end]
            dateline = len(_label(line)) <= _DATELINE_LABEL or len(above) - pos <= _JUST_ABOVE
            # An update's label comes before its day ("Updated Jul 24, 2018"); one after
            # the day dates another ("April 25, 2023 2:26 PM GMT+2 Last Updated 9 min ago").
            if dateline and not _UPDATED_RE.search(above[line_start:pos]):
                return found[0].isoformat(), above_start + pos, 0
        if under:
            return under[0], end + under[1], end
        start = text.find(headline, end)
    return None


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
