"""Import stage, extract: the full days a text writes, where they stand and end.

Days written with month names, CJK units or in figures (``_days_in``), where one ends
with the time beside it (``day_end``, ``day_has_time``), where a page's text writes days
out for readers (``written_day_offsets``), and the labels read beside a day both in an
HTML page's header (``pagedates.shown_date``) and in a flattened page (``datelines``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsarchive.importer.dates import _CJK_RE, _MONTHS, _WORDY_RE, WEEKDAYS, ParsedDate, _make

__all__ = ["day_end", "day_has_time", "written_day_offsets"]

# A day's label that says it dates an update, not the publication.
_UPDATED_RE = re.compile(
    r"updat|modif|更新|aggiorn|aktuali[sz]|\bakt\.|mis à jour|güncel|[ou]pp?dater|actualiz|atualiz"
    r"|bijgewerkt",
    re.I,
)
_BODY_TEXT = 150  # a text run this long is article body, not header


def _label(text: str) -> str:
    """What is left of ``text`` without its digits, date units, month and weekday names."""
    words = re.sub(r"[\d\W_年月日년월일時时分시]+", " ", text.lower()).split()
    return "".join(w for w in words if w not in _MONTHS and w not in WEEKDAYS)


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
