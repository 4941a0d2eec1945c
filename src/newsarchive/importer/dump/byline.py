"""Import stage, clean: the day and byline a flattened dump shows under its headline.

``_shown_day`` reads the dateline by the headline (or anywhere in a dump whose menus
pushed the headline down), then the byline beside it with the finders for the dump's
kind: one that keeps its blocks on lines of their own, or one that runs them
together. ``_take_bylines`` takes that byline out of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsarchive.importer.authors.dateline import name_after_day, name_before_day, names_beside
from newsarchive.importer.authors.textbyline import BYLINE_START_RE, BYLINE_ZONE, text_byline
from newsarchive.importer.datelines import (
    DUMP_HEADER_ZONE,
    day_and_headline,
    late_day,
    relative_dateline,
    relative_day_near,
    text_day,
)
from newsarchive.importer.dump.headline import _headline_form, _title_part
from newsarchive.importer.dump.lineshape import RUN_TOGETHER_CHARS, _segments
from newsarchive.importer.textdays import day_end, day_has_time

__all__: list[str] = []

_BYLINE_TO_DAY = 300  # letters from a byline's end to the day it dates
_RELATIVE_NEAR = 100  # letters after a run-together headline where its relative dateline starts


def _names_by_day(source: str, pos: int) -> tuple[tuple[str, ...], str]:
    """The names right before the day at ``pos`` in ``source``, or right after it up to
    a separator ("27. Januar 2026 • Gregor Meier •"), and that byline with its day as
    ``source`` writes them; ``((), "")`` when neither stands there."""
    names, opens = name_before_day(source, pos)
    stop = day_end(source, pos)
    if not names:
        names, stop = name_after_day(source, stop)
        opens = pos
    return names, source[opens:stop] if names else ""


def _names_by_relative(text: str) -> tuple[tuple[str, ...], str]:
    """The names right before a time relative to now that stands right under the
    headline (``text`` follows it) in a dump that runs its blocks together ("…
    eThekwini Zimbili Vilakazi|Published 15 hours ago Adaze …"), and that byline with
    its time as ``text`` writes them; ``((), "")`` when none stands there."""
    rel = relative_day_near(text, _RELATIVE_NEAR)
    if rel is None:
        return (), ""
    names, opens = name_before_day(text, rel[0])
    return names, text[opens : rel[1]] if names else ""


def _showings_by(text: str, headline: str, pos: int) -> list[tuple[int, int]]:
    """Where the showings of ``headline`` in ``text`` that stand by the day at ``pos``
    (ending up to ``_BYLINE_TO_DAY`` letters before it, or starting as far after it)
    start and end."""
    found = []
    at = text.find(headline, max(0, pos - _BYLINE_TO_DAY - len(headline)))
    while 0 <= at <= pos + _BYLINE_TO_DAY:
        found.append((at, at + len(headline)))
        at = text.find(headline, at + 1)
    return found


@dataclass(frozen=True)
class _Dump:
    """What ``_shown_day`` reads a dump's dateline and byline from: ``text`` follows the
    headline when ``after_headline`` (else it is ``whole``, the dump: the headline was
    not found near its start), ``headline`` is the form of the scraper's title the dump
    shows, and ``runs_together`` tells a dump whose lines run the page's blocks
    together."""

    text: str
    whole: str
    after_headline: bool
    title: str | None
    headline: str | None
    runs_together: bool


@dataclass(frozen=True)
class _Dateline:
    """The day a dump shows (ISO), and where: at ``pos`` in ``source``, which starts
    past the dump's start when ``cut``."""

    day: str
    pos: int
    source: str
    cut: bool


_Byline = tuple[tuple[str, ...], str]  # the names, and their byline as the dump writes it


def _dump_of(text: str, whole: str, found: bool, title: str | None) -> _Dump:
    # A page whose lines run its blocks together shows its day further into a line: told
    # by the whole dump (how the scraper saved the page), not what follows the headline.
    head = whole[:DUMP_HEADER_ZONE]
    runs_together = len(head) > RUN_TOGETHER_CHARS * (head.count("\n") + 1) or any(
        len(_segments(line)) > 1 for line in head.split("\n")
    )
    # The scraper's title, else the page's own form of it (an SEO title differs).
    headline = None
    if title:
        headline = (
            title if title in whole else _headline_form(whole, title) or _title_part(whole, title)
        )
    return _Dump(text, whole, found, title, headline, runs_together)


def _dateline(dump: _Dump) -> _Dateline | None:
    """The day shown under the headline anywhere in the dump (above it, or under a
    headline that long menus pushed down), else the day the text after the headline
    shows."""
    if dump.headline:
        near = day_and_headline(dump.whole, dump.headline, runs_together=dump.runs_together)
        if near:
            # A day under the headline has its byline under it too: the menu entries
            # above the headline are no names ("Studio Osnabrück" / headline / day).
            return _Dateline(near[0], near[1] - near[2], dump.whole[near[2] :], near[2] > 0)
    shown = text_day(dump.text, runs_together=dump.runs_together)
    return _Dateline(*shown, dump.text, dump.after_headline) if shown else None


def _undated(dump: _Dump) -> tuple[str | None, tuple[str, ...], str]:
    """Day, names and byline of a dump with no day by its headline."""
    if dump.headline and not dump.runs_together:
        # A dump that keeps its blocks apart may still run a byline and its day into a
        # line of text ("… tatsächlich ist Birgit Baumann Anna Giulia Fink 3. Mai 2024,
        # 17:47 Nach der …"): a day deep in a line under the headline is its dateline when
        # names stand right by it, or its time after it.
        near = day_and_headline(dump.whole, dump.headline, runs_together=True)
        if near:
            by_day = _names_by_day(dump.whole[near[2] :], near[1] - near[2])
            if by_day[0] or day_has_time(dump.whole, near[1]):
                return near[0], *by_day
    late = late_day(dump.whole, BYLINE_START_RE)
    day = late[0] if late else None
    if dump.runs_together:
        return day, *(_names_by_relative(dump.text) if dump.after_headline else ((), ""))
    # No day by the headline, but a time relative to now: the names beside it, or
    # right before it on its line ("Nizaar Kinsella 2 minutes ago"), which then goes.
    rel = relative_dateline(dump.text)
    if rel is None:
        return day, (), ""
    beside = names_beside(dump.text, rel, dump.title)
    if beside:
        return day, beside, ""
    names, opens = name_before_day(dump.text, rel)
    line_end = dump.text.find("\n", rel)
    return day, names, dump.text[opens : line_end if line_end >= 0 else None] if names else ""


# Bylines by a dateline, each finder in turn. Lines tell a byline from the menus beside
# it only when the dump keeps its blocks apart: run together, the parts of a long line
# are menus and labels (bench: 2 names right and 35 wrong on one-line dumps).


def _run_together_by_day(dump: _Dump, at: _Dateline) -> _Byline:
    # Right before the day, a byline is bounded by it ("… hygiene Hazel Sheffield
    # Friday 25 December 2015 0 comments"): that much of a long line is safe.
    return _names_by_day(at.source, at.pos)


def _run_together_by_relative(dump: _Dump, at: _Dateline) -> _Byline:
    return _names_by_relative(dump.text) if dump.after_headline else ((), "")


def _run_together_by_line(dump: _Dump, at: _Dateline) -> _Byline:
    """A "By" byline under the headline, where menus pushed the headline past the
    byline zone of the text ("…offene Fragen?\nVon Christin Jordan 42 Sitzungen …"), or
    right after the dateline ("Erstellt: 28.04.2023, 18:16 Uhr Von: Nadja Zinsmeister"),
    or after the headline shown again by the dateline ("Panorama 29.11.2024 „Niemand
    glaubt Euch“ … Von Patrick Hyslop"); it leaves the text."""
    showings = _showings_by(at.source, dump.headline, at.pos) if dump.headline else []
    starts = [0] if at.cut else []
    starts += [day_end(at.source, at.pos), *(end for _, end in showings)]
    for start_at in starts:
        # text_byline reads only its byline zone: slice no more of a long dump.
        names, start, end = text_byline(at.source[start_at : start_at + BYLINE_ZONE])
        if names:
            # With the day and the headline shown again by it, when the byline follows
            # them: the text starts after the byline.
            begin = start_at + start if start_at == 0 else min([at.pos, *(a for a, _ in showings)])
            return names, at.source[begin : start_at + end]
    return (), ""


def _apart_by_line_above(dump: _Dump, at: _Dateline) -> _Byline:
    # A "By" byline between the headline and its day ("By" / "Serafina Kenny" / a
    # caption / the day), where long menus pushed it past the byline zone of the text.
    names, _, end = text_byline(at.source[: at.pos])
    return (names, "") if names and at.pos - end <= _BYLINE_TO_DAY else ((), "")


def _apart_beside(dump: _Dump, at: _Dateline) -> _Byline:
    return names_beside(at.source, at.pos, dump.title), ""


def _apart_by_day(dump: _Dump, at: _Dateline) -> _Byline:
    return _names_by_day(at.source, at.pos)


_RUN_TOGETHER_FINDERS = (_run_together_by_day, _run_together_by_relative, _run_together_by_line)
_APART_FINDERS = (_apart_by_line_above, _apart_beside, _apart_by_day)


def _shown_day(
    text: str, whole: str, found: bool, title: str | None
) -> tuple[str | None, tuple[str, ...], str]:
    """The day the dump shows under its headline (``text`` is what follows the
    headline when ``found``, else the whole dump), else the day
    shown next to the headline anywhere in the ``whole`` dump: above it, or under a
    headline that long menus pushed down. With it, the names of its byline, the first
    that one of the finders for the dump's kind reads (a byline without "By" beside the
    dateline, ``authors.dateline.names_beside``, for a dump that keeps its blocks on lines of
    their own; the names right before the day where they run together,
    ``authors.dateline.name_before_day``), and that byline with its day, as the dump writes them,
    when they stand inside a line of text (``""`` otherwise)."""
    dump = _dump_of(text, whole, found, title)
    at = _dateline(dump)
    if at is None:
        return _undated(dump)
    for finder in _RUN_TOGETHER_FINDERS if dump.runs_together else _APART_FINDERS:
        names, byline = finder(dump, at)
        if names:
            return at.day, names, byline
    return at.day, (), ""


_BIO_RE = re.compile(r"^\s*,\s*(?:a|an|the|who|un|una|il|la)\b", re.I)
# What a byline line carries after the names: a date, maybe labelled, and its time.
_BYLINE_DATE_RE = re.compile(
    r"^[\s,|·•–—-]*(?:(?:last\s+)?(?:updated|published|posted|aggiornato|pubblicato)"
    r"(?:\s+(?:on|il))?\s*:?\s*)?"
    r"(?:[A-Za-zà-ü]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+[A-Za-zà-ü]{3,9}\.?\s+\d{4}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4})"
    r"(?:,?\s*(?:at\s+|ore\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)?",
    re.I,
)
MAX_BIO_WORDS = 80  # a byline's line this short with a bio after the name is all byline


def _take_byline(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without the byline near its start (and the date after it), and the
    byline's authors. A line that is only a byline and its author's bio ("By Jane Doe,
    a senior editor who ...") goes entirely."""
    names, start, end = text_byline(text)
    if not names:
        return text, ()
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[end:line_end]
    if _BIO_RE.match(rest) and len(text[start:line_end].split()) <= MAX_BIO_WORDS:
        rest = ""
    rest = _BYLINE_DATE_RE.sub("", rest).strip(" ,;:|·•–—-")
    return text[:start].rstrip(" \t") + (" " + rest if rest else "") + text[line_end:], names


def _take_bylines(text: str, beside: tuple[str, ...], dateline: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without its byline, and the byline's authors: a "By" byline's
    (``_take_byline``), else the names beside the day ``_shown_day`` read, whose byline
    and day inside a line (``dateline``) go from the text too."""
    text, authors = _take_byline(text)
    if authors:
        return text, authors
    if dateline and text.count(dateline) == 1:
        # A byline and its day inside a line part what the page showed before them
        # (the standfirst) from what follows (the text).
        text = text.replace(dateline, "\n", 1)
    return text, beside
