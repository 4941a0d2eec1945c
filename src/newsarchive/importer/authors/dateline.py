"""Import stage, extract: the byline a flattened text dump writes beside its day, no "By".

On a short line at or near the dateline (``names_beside``), or run together with the day
in a long line, right before it (``name_before_day``) or right after it
(``name_after_day``). A name there is two to four capitalised words that are no page
furniture and that the page does not write in lower case elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from newsarchive.importer.authors.names import _AGENCIES, _ROLE_DESK, _ROLE_NOUN, _TRAILING_ROLE
from newsarchive.importer.authors.textbyline import (
    _BY,
    _DAY_LABELS,
    _FURNITURE,
    _JOIN,
    _NAME_WORD,
    _NAMES,
    _PARTICLE,
    _TODAY,
    _byline_names,
)
from newsarchive.importer.dates import WEEKDAYS
from newsarchive.importer.markers import CREDIT_LINE_RE

__all__ = ["name_after_day", "name_before_day", "names_beside"]


# The byline beside a dump's dateline, with no "By": "Jacqui Housden" on the line above
# "January 28, 2025 11:30 am", "Dan Goodin - Apr 16, 2015", "9. September 2025 um 15:46
# Uhr / Frank Wunderlich-Pfeiffer", "Von Robin Amberg, Volontär (Sport)". The lines looked
# at, nearest first: the dateline's own, then up to two above and below.
_BESIDE_LINES = (0, -1, 1, -2, 2)
# Where a line splits into its parts: a bar, a slash, a dot or a dash between spaces.
_PART_SPLIT = re.compile(r"\s+[|/·•–—-]\s+|\s*[|·•]\s*")
_BESIDE_NAME = re.compile(rf"(?:{_BY}:?\s+)?({_NAMES})(?:\s*,\s*(?P<rest>[^,]*))?")
# A dateline's line is short ("Yasmine Hassan · CBC News · Posted: Aug 08, 2024 4:00 AM
# EDT"); a day in a longer one is a caption's or a sentence's ("NEW YORK, NY - OCTOBER
# 22: A man walks near the offices of Google on October 22, 2020 …").
_DATELINE_WORDS = 15
# Capitals run on after a small letter: a brand or two labels run together ("WebMD",
# "South AfricaPREMIUM"), not a name ("McDonald", "LeBron", "DeAndre").
_RUN_CAPITALS = re.compile(r"[a-z][A-Z]{2}")
_REST_WORDS = 3  # a role or a place after the name's comma ("Volontär (Sport)", "Lille")


def names_beside(text: str, pos: int, headline: str | None = None) -> tuple[str, ...]:
    """The authors a flattened page names beside its dateline (the day at ``pos`` in
    ``text``) without a "By": a part of the dateline's line, or of a line up to two
    above or below it, that is two to four capitalised words a name (or several,
    joined), maybe with "By"/"Von:" before it and a short role or place after a comma.
    Not the ``headline``, not a line with digits (dates, counters) or the page's
    furniture ("Follow Author", "Foto: …"). ``()`` when no line near it is a name, or
    the day stands in a long line (a caption's or a sentence's day: no dateline)."""
    lines = text.split("\n")
    at = text.count("\n", 0, pos)
    if at >= len(lines) or len(lines[at].split()) > _DATELINE_WORDS:
        return ()  # a day in running text or a caption, not a dateline
    key = headline.casefold() if headline else None
    common: set[str] | None = None
    for step in _BESIDE_LINES:
        if not 0 <= at + step < len(lines):
            continue
        line = lines[at + step].strip()
        if not line or line.casefold() == key:
            continue
        below = lines[at + step + 1] if at + step + 1 < len(lines) else ""
        if CREDIT_LINE_RE.match(below):
            continue  # a photo's caption above its credit ("Donald Trump" / "Foto: …")
        for part in _PART_SPLIT.split(line):
            names = _names_part(part.strip(), _REST_WORDS)
            if not names:
                continue
            common = _lower_words(text) if common is None else common
            if not any(_is_common(n, common) for n in names):
                return names
    return ()


# What stands between a name and the day it dates on a line that runs a page's blocks
# together, one piece at a time from the day back: a separator, a label, a weekday, a
# time ("Noora Mykkanen Published November 18, 2024", "Matthew Loh 20:00, 29 Jan 2024",
# "Hazel Sheffield Friday 25 December 2015", "Vincent Vallet Follow Oct 18, 2019",
# "Von Malek Fouda Zuerst veröffentlicht am 06/01/2026", "Sarah Lazare Today 5:22 AM").
_TO_DAY_PIECE = re.compile(
    rf"(?:[\s,|/·•–—:-]+|(?<!\w)(?:{'|'.join(WEEKDAYS)}|first|zuerst|last|updated|published|"
    rf"posted|on|am|um|le|el|il|del?|stand|follow|{_DAY_LABELS}|actualizado|offentliggjort|"
    r"publiceret|publisert|publicerad|opdateret|oppdatert|uppdaterad|giriş|güncelleme|"
    rf"{_TODAY})\.?|"
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)\Z",
    re.I,
)
# Names of two or three capitalised words, joined ("Julia Carrie Wong and Sam Levin"),
# closing the text before a day.
_NAME_2_3 = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_NAME_WORD}){{1,2}}"
_NAMES_2_3 = rf"{_NAME_2_3}(?:{_JOIN}{_NAME_2_3}){{0,3}}"
_NAMES_RUN = re.compile(_NAMES_2_3)
_NAMES_CLOSING = re.compile(rf"(?:^|(?<=\s))({_NAMES_2_3})\Z")
_BY_WORD = re.compile(rf"{_BY}:?")
_BEFORE_NAME = 160  # letters before a day where its byline stands
# The word before a name that opens its byline: a sentence's end, maybe with a photo
# agency's credit glued to it ("… del GP de Qatar.AFP Miguel A. Herguedas"; not an initial's dot:
# "EFE/ J.J. Guillén Alberto Órfão"), a word in lower case, a figure ("… horrible hygiene
# Hazel Sheffield Friday …", "Ein Gastbeitrag. Abdul Adhim Kamouss 17.05.2026").
_NAME_OPENS_AFTER = re.compile(r".*[^\W\d_]{3}[.!?](?:[A-Z]{2,5})?|.*[:;\"”»)’]|[a-zß-ÿ\d]\S*")
# A lower-case word that makes the capitalised words after it a place or a thing, not a
# byline ("… at Menara KWSP in Shah Alam on November 19").
_BEFORE_PLACE = re.compile(
    r"in|at|on|from|of|to|for|with|near|into|the|an?|and|or|im|am|aus|bei|mit|nach|vor|zu|"
    r"zum|zur|der|die|das|den|dem|des|ein|eine|und|oder|à|au|aux|en|dans|du|des|le|la|les|"
    r"et|ou|el|los|las|del|al|y|con|nel|nella|della|alla|il|lo|gli"
)
# A word with a dot in a name is an initial or a title ("Laura E. Adkins", "Dr. Max
# Kolter", "J.J."), not a sentence's last word ("Amtszeit.", "Florida."); a possessive is
# prose ("Maybe Donald Trump’s").
_DOTTED = re.compile(r"\S*[^\W\d_]{4,}\.|\S+['’]s")
# A "By" word opening the names or after a capitalised word in them, where the names'
# pattern took it for a name or a particle.
_BY_INSIDE = re.compile(rf"(?:^|(?<=[^\W\d_])[ \t]+)({_BY})[ \t]+")
# "By" glued to the name by the flattening ("ByTravis Haney").
_GLUED_BY = re.compile(r"^(?:By|Von|Par|Por)(?=[A-ZÀ-Ý][a-zß-ÿ])")


def name_before_day(text: str, pos: int) -> tuple[tuple[str, ...], int]:
    """The names right before the day at ``pos`` in ``text``, a dump whose lines run a
    page's blocks together: "… the beans on cost cutting and horrible hygiene Hazel
    Sheffield Friday 25 December 2015", "By Stefan Grobe Published on 06/01/2026". Two
    or three capitalised words (or several such names, joined) that a label, a weekday
    or a time may part from the day, after a "By", a sentence's end, a word in lower
    case or the line's start; not part of a longer run of capitalised words (a
    headline's or a menu's), not a place ("in Shah Alam"), not words the page writes in
    lower case elsewhere. With them, where their byline ("By" and all) starts in
    ``text``; ``((), pos)`` when no name stands there."""
    start = max(text.rfind("\n", 0, pos) + 1, pos - _BEFORE_NAME)
    before = text[start:pos]
    while (piece := _TO_DAY_PIECE.search(before)) and piece.group():
        before = before[: piece.start()]
    match = _NAMES_CLOSING.search(before)
    if not match:
        return (), pos
    left = before[: match.start()].rstrip()
    word = left.split()[-1] if left else ""
    run, opens = match.group(1), match.start()
    if inner := _BY_INSIDE.search(run):
        # "By" taken for a particle: "Kolumne von Carla Siepmann", "Ehrung von Landesspiegel".
        word, run, opens = inner.group(1), run[inner.end() :], opens + inner.start(1)
    elif glued := _GLUED_BY.match(run):
        word, run = "By", run[glued.end() :]
    elif _BY_WORD.fullmatch(word):
        opens = len(left) - len(word)
    elif word and not _NAME_OPENS_AFTER.fullmatch(word):
        return (), pos  # the end of a longer run of capitalised words
    elif CREDIT_LINE_RE.fullmatch(word):
        return (), pos  # a picture's credit: "Illustration: Ruby Chen March 1, 2023"
    if _BEFORE_PLACE.fullmatch(word.casefold()):
        return (), pos
    if word and _BY_WORD.fullmatch(word) and re.fullmatch(_AGENCIES, run, re.I):
        return (run,), start + opens  # a news agency's byline: "Von DPA 5. Januar 2026"
    names = _run_names(run, text)
    return (names, start + opens) if names else ((), pos)


def _run_names(run: str, text: str) -> tuple[str, ...]:
    """The names a run of capitalised words by a day is (``_names_part``), in ``text``;
    ``()`` for a sentence's last word or a possessive in it, or a word ``text`` writes
    in lower case elsewhere."""
    if any(map(_DOTTED.fullmatch, run.split())):
        return ()
    names = _names_part(run, 0)
    if not names or any(_is_common(n, _lower_words(text)) for n in names):
        return ()
    return names


# A reading time between a day and its byline ("15:04 | Lesedauer: 7 Minuten Anne-Kathrin
# Neuberg-Vural", "Lesezeit: 2 Min.", "5 min read").
_READING_TIME = (
    r"(?:(?i:lesedauer|lesezeit|reading\s+time|temps\s+de\s+lecture|tempo\s+di\s+lettura)"
    r"[ \t]*:?[ \t]*\d+[ \t]*(?i:minuten|minuti|minutes?|mins?)\b\.?"
    r"|\d+[ \t]*(?i:minutes?|mins?)[ \t]+(?i:read)\b)"
)
# After a day, what may part it from its byline: separators, a "By" ("27. Januar 2026 •
# Gregor Meier", "9. September 2025 um 15:46 Uhr / Frank Wunderlich-Pfeiffer").
_DAY_TO_NAME = re.compile(
    rf"[ \t]*(?:[,|/·•–—-][ \t]*)*(?:{_READING_TIME}[ \t]*(?:[,|/·•–—-][ \t]*)*)?"
    rf"(?:{_BY}:?[ \t]+)?"
)
# Where a byline after its day ends: a separator, a credit's ©, a reading time, the line's
# end, or the page's furniture ("Gregor Meier • 3 Minuten", "Lizette Borreli © Archive",
# "Ntombizethu Ngcobo 2 minutes read", "Frank Wunderlich-Pfeiffer Kommentare").
_NAME_ENDS = re.compile(
    r"[ \t]*(?:$|[|/·•–—©]|\d+[ \t]*(?:min|mins|minutes?|minuten|minuti|minutos)\b)", re.M | re.I
)


# A word of a run of names: a name's word, a particle, a comma or a word joining two.
_RUN_WORD = re.compile(rf"[ \t]*({_NAME_WORD}|(?:{_PARTICLE}|and|und|e|y|et|og|och|&)(?=[ \t])|,)")


def name_after_day(text: str, end: int) -> tuple[tuple[str, ...], int]:
    """The names right after a day that ends at ``end`` in ``text``, a dump whose lines
    run a page's blocks together, with where their byline ends: two or three capitalised
    words (or several such names, joined), maybe after a separator or a "By", that a
    separator, a credit's ©, a reading time, the line's end or the page's furniture
    closes. Not the text's first words: a capitalised word after a name is the sentence
    it opens ("Dieter Kuckelkorn Die Aussichten …"), a word in lower case its verb.
    ``((), end)`` when no name stands there."""
    gap = _DAY_TO_NAME.match(text, end)
    start = gap.end() if gap else end
    pos, taken = start, 0
    while (word := _RUN_WORD.match(text, pos)) and not _FURNITURE.fullmatch(word.group(1)):
        pos, taken = word.end(), taken + 1
    closing = _NAME_ENDS.match(text, pos)
    if taken and not (closing or (word and _FURNITURE.fullmatch(word.group(1)))):
        return _name_closed_in_run(text, start, end)
    if not taken:
        return (), end
    if text.startswith("/", pos) or CREDIT_LINE_RE.match(text, closing.end() if closing else pos):
        return (), end  # a picture's credit ("Andrew Harnik/Shutterstock") or caption
    run = text[start:pos]
    if not _NAMES_RUN.fullmatch(run):
        # More capitalised words than a name has, up to the closing: a job title or
        # the text's first sentence may close two of them.
        return _name_closed_in_run(text, start, end)
    names = _run_names(run, text)
    return (names, pos) if names else ((), end)


# After a day, a byline's two name words may run into what follows them: the author's
# job title ("21 May 2025 - 14:19 Thabo Mokone Parliamentary editor Just R20 …"), or
# the text's first sentence, opened by an article ("3:48 Uhr Dieter Kuckelkorn Die
# Aussichten …", "12:30 Uhr Anna Sleegers Der 1. FC …"), which no name holds.
_TWO_NAME_WORDS = re.compile(rf"({_NAME_WORD}[ \t]+{_NAME_WORD})(?=[ \t])")
_ROLE_AFTER = re.compile(rf"[ \t]+(?:(?:{_ROLE_DESK})[ \t]+)?{_ROLE_NOUN}\b", re.I)
_SENTENCE_OPENER = re.compile(
    r"[ \t]+(?:Die|Der|Das|Ein|Eine|The|An|Il|Lo|Gli|Una|Une|Los|Las)[ \t]+(?=\S)"
)


def _name_closed_in_run(text: str, start: int, end: int) -> tuple[tuple[str, ...], int]:
    """``name_after_day``'s names at ``start`` where a job title or the text's first
    sentence, not a separator, closes them; ``((), end)`` otherwise."""
    match = _TWO_NAME_WORDS.match(text, start)
    if not match:
        return (), end
    if role := _ROLE_AFTER.match(text, match.end()):
        stop = role.end()
    elif _SENTENCE_OPENER.match(text, match.end()):
        stop = match.end()
    else:
        return (), end
    names = _run_names(match.group(1), text)
    return (names, stop) if names else ((), end)


def _names_part(part: str, rest_words: int) -> tuple[str, ...]:
    """The names ``part`` (of a line, or a paragraph) is, maybe after "By" and before a
    role or place of up to ``rest_words`` words after a comma; ``()`` for a part with
    digits, the page's furniture, or a label's opening word."""
    names = _names_in_part(part, rest_words)
    if not names and (bare := _TRAILING_ROLE.sub("", part)) != part:
        # A job title after the name with no comma ("Thabo Mokone Parliamentary editor",
        # "Daniel Großert Redakteur") is no part of it.
        names = _names_in_part(bare, rest_words)
    return names


def _names_in_part(part: str, rest_words: int) -> tuple[str, ...]:
    """``_names_part`` of ``part`` as it stands."""
    match = _BESIDE_NAME.fullmatch(part)
    if not match or any(c.isdigit() for c in part) or _FURNITURE.search(part):
        return ()
    if len((match.group("rest") or "").split()) > rest_words:
        return ()
    names = _byline_names(match.group(1))[0]
    if not names or _LABEL_OPENER.match(names[0]) or _RUN_CAPITALS.search(match.group(1)):
        return ()
    return names


# A name does not open with an article or a preposition: a label does ("Zur Playlist",
# "On Recent Controversial Events", "De Maart", "Step Aside" is furniture too).
_LABEL_OPENER = re.compile(
    r"(?:the|an?|on|in|at|to|of|for|by|step|zur|zum|im|am|vom|der|die|das|den|dem|des|ein|"
    r"eine|de|du|le|la|les|il|lo|el|los|las|het|een)\s",
    re.I,
)
# A word written in lower case in running text: not an address's or a handle's part.
_LOWER_WORD = re.compile(r"(?<![\w@./])[a-zß-ÿ][a-zß-ÿ]+(?![\w@./])")


def _lower_words(text: str) -> set[str]:
    return set(_LOWER_WORD.findall(text))


def _is_common(name: str, lower: AbstractSet[str]) -> bool:
    """A word of ``name`` (but its particles) is written in lower case elsewhere in the
    page: a label's words ("Zwei Rücktritte", "Front Page", "North Korea"), not a
    person's name. ("Will Knight" is lost to it: a price worth paying.)"""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", name)]
    return any(w in lower for w in words if not re.fullmatch(_PARTICLE, w))
