"""Import stage, clean: the publication day a flattened page (a text dump) shows.

Read the way a reader finds it: on a dateline under the headline or just above it
(``text_day``, ``day_and_headline``), after the text when none stands by the headline
(``late_day``), or as a time relative to now or a time of day alone, with no day
(``relative_dateline``, ``relative_day_near``). The days themselves are found by
``textdays``.
"""

from __future__ import annotations

import re

from newsarchive.importer.dates import ParsedDate
from newsarchive.importer.textdays import (
    _BODY_TEXT,
    _DAY_CHARS,
    _UPDATED_RE,
    _days_in,
    _label,
    day_end,
    day_has_time,
)

__all__ = [
    "DUMP_HEADER_ZONE",
    "day_and_headline",
    "day_near_headline",
    "late_day",
    "relative_dateline",
    "relative_day_near",
    "text_day",
]  # fmt: skip

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
