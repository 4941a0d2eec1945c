"""Import stage, extract: the "By" byline near the start of a flattened text dump.

A dump has no markup, so its byline is found by its words: "By Jane Doe", "Von Felix
Schröder und Jörg Soldwisch", "Par Martin Untersinger" (``text_byline``), cut where the
names end and a role, a date, a link to the author's page or the text begins. The
patterns of names in plain text defined here also serve ``dateline`` and the bare "By"
label of a page (``page``).
"""

from __future__ import annotations

import re

from newsarchive.importer.authors.names import (
    _DAYS,
    _MONTHS,
    _PROFILE_LINK,
    _ROLE_NOUN,
    _ROLE_QUALIFIER_WORD,
    _SUFFIX,
    names_of,
)

__all__ = ["BYLINE_START_RE", "BYLINE_ZONE", "CREDIT_TAIL_RE", "text_byline"]


# --- bylines in flattened text -------------------------------------------------------

# A flattened page (a text dump) keeps its byline as text: "By Jay Peters and Alex Heath",
# "Von Felix Schröder und Jörg Soldwisch", "Par Martin Untersinger". A name is two to
# four capitalised words (with particles such as "van", "de"), on one line.
_UPPER = "A-ZÀ-ÖØ-ÝĀ-Ž"
_NAME_WORD = rf"[{_UPPER}][\w'’.\-]*"
_PARTICLE = r"(?:de|van|von|da|di|del|der|den|la|le|du|dos|das|bin|al|ten|ter)"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_NAME_WORD}){{1,3}}"
# Between two names; a word joins only as a whole word ("et", not the "e" of "et"), also
# after a comma ("Chien-Ming Wang, and Tom Watkins").
_JOIN = r"[ \t]*(?:,(?:[ \t]+(?:and|&)(?=[ \t]))?|[ \t](?:and|und|e|y|et|og|och|&)(?=[ \t]))[ \t]*"
_NAMES = rf"{_NAME}(?:{_JOIN}{_NAME}){{0,4}}"
_BY = r"(?:[Bb]y|BY|[Vv]on|VON|[Pp]ar|[Pp]or|[Dd]i|DI|[Aa]v|[Dd]oor|[Tt]ext:|[Aa]utor(?:in)?:)"
# Also "By" glued to the name as a page's inline blocks flatten ("bySauli Giliard").
_BYLINE_RE = re.compile(
    rf"(?:{_BY}:?\s+|\b[Bb]y(?=[A-ZÀ-Ý][a-zß-ÿ]))({_NAMES})(?=[ \t]*(?:$|[,(|·•]|[ \t]+\S))", re.M
)
# The author's credit closing a text, maybe behind a toggle's label (MIT Technology
# Review's dumps: "… keep exploring.” hide by Tom Simonite").
CREDIT_TAIL_RE = re.compile(rf"\s*(?:[a-z]+\s+)?{_BY}\s+{_NAMES}\s*$")
# A line that opens a "By" byline, maybe after its kind ("Kommentar von", "Analysis by").
BYLINE_START_RE = re.compile(rf"(?:\w+[ \t]+)?{_BY}:?(?=\s)")
# A day's label in other languages ("Publié le", "Aktualisiert am"): no part of a name.
_DAY_LABELS = "publié|publicado|pubblicato|aggiornato|veröffentlicht|aktualisiert"
# The day named in words: no part of a name ("Sarah Lazare Today 5:22 AM").
_TODAY = "today|yesterday|heute|gestern|oggi|ieri|hoy|ayer|aujourd'hui|hier"
# Capitalised words that follow a name on a flattened line and are not part of it.
_NOT_NAME_WORD = re.compile(
    rf"^(?:{_MONTHS}|{_DAYS}|in|on|at|the|for|with|photo(?:graph)?s?|illustrations?|video|"
    r"updated|published|posted|share|follow|twitter|archive|senior|staff|news|reporter|editor|"
    rf"{_TODAY}|{_DAY_LABELS})\.?$",
    re.I,
)
# Capitalised words of a page's furniture, not of a name ("Follow Author", "Top Stories",
# "Get Deals Delivered", "Foto: Mads …", "Copyright AP Photo").
_FURNITURE = re.compile(
    r"\b(?:share|follow|read|more|sign|subscribe|newsletter|live|top|stories|related|latest|"
    r"most|popular|menu|search|home|video|audio|listen|comments?|deals?|minutes?|min|"
    r"lesedauer|artikel|teilen|photos?|fotos?|bild|copyright|image|getty|shutterstock|"
    r"author|autor(?:in)?|advertisement|anzeige|sponsored|breaking|updated?|published|"
    r"download|privacy|settings|feedback|twitter|facebook|sale|actualizado|aktualisiert|"
    r"aggiornato|publicado|publié|veröffentlicht|kommentare|kommentieren|drucken|anhören|"
    r"merken|commenti|stampa|commentaires|imprimer|comentarios|imprimir|weiter|weiterlesen)\b",
    re.I,
)
# A part of a byline holding one of these is a job title ("Senior Staff Technologist").
_ROLE_WORD = re.compile(rf"^{_ROLE_NOUN}$", re.I)
# A link to the author's page right after the byline ("By James Temple archive page").
_PROFILE_LINK_RE = re.compile(rf"[ \t,|·•–—-]*(?:{_PROFILE_LINK})", re.I)
# A name glued to the role or date after it by the flattening ("Ulrich ExnerKorrespondent",
# "Rachel Brazil0").
_GLUED = re.compile(r"(?<=[a-zß-ÿ]{4})(?=[A-ZÀ-Ý][a-zß-ÿ]{2})\S*|(?<=[^\W\d_])\d+\b")


BYLINE_ZONE = 1500  # characters after the headline where a dump's byline stands
_BYLINE_INLINE = 300  # within this, a capitalised "By" may follow the headline on its line
# A day, or a label of one, right after a byline run into a line: "By Matthew Cappucci
# April 26, 2024 at 11:24 a.m.", "by Steven Musil January 18, 2017", "Von Ralf Euler
# -Aktualisiert am 28.04.2023", "Par David Mouriquand Publié le 06/01/2026".
_DAY_AHEAD = re.compile(
    rf"(?:(?:{_MONTHS})\.?\s+\d|\d{{1,2}}\.?\s+(?:{_MONTHS})\b|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}|"
    rf"(?:last\s+)?(?:updated|published|posted|erstellt|stand|{_DAY_LABELS})\b)",
    re.I,
)
# A month or a label the names' run took in ("Steven Musil January", "CNN Updated").
_DAY_WORD = re.compile(rf"\b(?:{_MONTHS}|updated|published|posted|last|{_DAY_LABELS})(?!\w)", re.I)
_BEFORE_DAY = re.compile(r"[\s,|·•–—-]*")  # between the names and their day


def text_byline(text: str) -> tuple[tuple[str, ...], int, int]:
    """The authors of the byline near the start of flattened text ("By Jane Doe",
    "Von\nFelix Schröder und Jörg Soldwisch"), with the byline's start and end in
    ``text`` (past a link to the author's page); ``((), 0, 0)`` when there is none. A
    byline opens a line, or follows the headline on its line with a capital "By", or
    stands anywhere in a line with its day right after it (a dump whose blocks run
    together); "by" inside a sentence is prose."""
    head = text[:BYLINE_ZONE]
    for match in _BYLINE_RE.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        opens = not head[line_start : match.start()].strip() or (
            match.group(0)[0].isupper() and match.start() < _BYLINE_INLINE
        )
        if not opens and not _day_follows(head, match):
            continue
        run = match.group(1)
        # A link to the author's page the names' pattern took in ("Oli Coleman View
        # author archive") ends the names.
        if link := _PROFILE_IN.search(head, match.start(1), match.end(1) + _PROFILE_CHARS):
            run = run[: max(0, link.start() - match.start(1))]
        names, with_post = _byline_names(run)
        if not names:
            continue
        if not _closed(head, match.start(1) + len(run)):
            names = (*names[:-1], _first_two(names[-1]))
        # The byline ends after the last name kept (with what the flattening glued to
        # it, and a link to the author's page), not after a month or a role the
        # pattern took for more of the name; or after the post or credentials closing
        # the names ("Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech").
        last = names[-1].split()[-1]
        end = head.rfind(last, match.start(), match.end()) + len(last)
        if with_post and not _DAY_WORD.search(run):
            end = match.start(1) + len(run)
        while end < len(head) and not head[end].isspace():
            end += 1
        if link := _PROFILE_LINK_RE.match(head, end):
            end = link.end()
        return names, match.start(), end
    return (), 0, 0


_PROFILE_IN = re.compile(rf"[ \t]+(?:{_PROFILE_LINK})", re.I)
_PROFILE_CHARS = 30  # how far past the names a link to the author's page may reach
# What closes a byline's names: the line's end, punctuation, a figure ("By Jane Doe\n",
# "By Daniel Kahn Gillmor, Senior …", "By Eleanor Ainge Roy (reporting)").
_CLOSES_NAMES = re.compile(r"[ \t]*(?:$|[^\w\s]|\d)", re.M)


def _closed(text: str, end: int) -> bool:
    """Whether the names that end at ``end`` in ``text`` are closed there, rather than
    run into the capitalised words of the text after them, as when a dump runs the
    byline and the article's first sentence together ("By Alyssa Newcomb If it's …",
    "By Gopal Sharma Fire is seen …", "von Oliver Kring Große Aufregung …")."""
    if _CLOSES_NAMES.match(text, end) or _DAY_AHEAD.match(text, end + 1):
        return True
    if _PROFILE_LINK_RE.match(text, end):
        return True  # "By Robert D. Hof archive page"
    after = text[end:].split(maxsplit=1)
    if not after or after[0] == "may":
        return False  # the verb, not the month ("by Juli Clover Apple may be planning")
    return bool(_FURNITURE.fullmatch(after[0]) or _NOT_NAME_WORD.match(after[0]))


def _first_two(name: str) -> str:
    """A name cut to its first two words (and the particles and initials between them): where a
    byline runs into the text, a third capitalised word is more often the text's first
    ("Gopal Sharma Fire", "Kaveh Waddell New York") than the name's."""
    words = name.split()
    kept: list[str] = []
    for word in words:
        kept.append(word)
        if sum(not re.fullmatch(rf"{_PARTICLE}|\w\.", w) for w in kept) == 2:
            break
    return " ".join(kept)


def _day_follows(head: str, match: re.Match[str]) -> bool:
    """A day follows the byline ``match`` in ``head`` right after its names, past a comma
    or a dash ("Von Ralf Euler -Aktualisiert am …"). The names' pattern may have taken
    the month or the label in ("Steven Musil January 18", "Stephen Collinson, CNN
    Updated 11:22"): the day is looked for from each such word in them on too."""
    for word in _DAY_WORD.finditer(match.group(1)):
        if _DAY_AHEAD.match(head, match.start(1) + word.start()):
            return True
    gap = _BEFORE_DAY.match(head, match.end())
    return gap is not None and bool(_DAY_AHEAD.match(head, gap.end()))


# After a job title in a byline, another name opens with "and" ("…, Staff Writer, and
# John Roe"); otherwise what follows the title is the author's employer.
_AND_NEXT = re.compile(r"[\s,]*(?:and|und|e|y|et|og|och|&)\s", re.I)


# A surname in capitals, after the given name ("Bill MCCARTHY"); not an initial ("D.").
_CAPS_SURNAME = re.compile(r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]{2,}")


def _byline_names(run: str) -> tuple[tuple[str, ...], bool]:
    """The names in a byline's run, and whether the run ends with the authors' post or
    credentials (all of it byline, none of it a name)."""
    pieces = re.split(f"({_JOIN})", run)
    names: list[str] = []
    with_post = False
    for at in range(0, len(pieces), 2):
        part = pieces[at]
        words = _GLUED.sub("", part).split()
        if names and "," in pieces[at - 1] and words:
            if _SUFFIX.match(words[0]) or (
                all(w.isupper() for w in words) and not any(n.isupper() for n in names)
            ):
                return tuple(names_of("; ".join(names))), True  # credentials, desk
            if any(_ROLE_WORD.match(w) for w in words):
                if _AND_NEXT.match("".join(pieces[at + 1 : at + 3])):
                    continue  # "Jane Doe, Staff Writer, and John Roe"
                return tuple(names_of("; ".join(names))), True  # post, employer
        # The page's furniture ends the name, and what follows it is no name either
        # ("Von: Simone Jung KommentareDrucken Ambrosia breitet sich …").
        cut = next((i for i, w in enumerate(words) if _FURNITURE.fullmatch(w)), len(words))
        # So does a capitalised word after a name in capitals ("Marisha GOLDHAMER
        # Übersetzung und Adaptierung").
        caps = next((i for i, w in enumerate(words) if _CAPS_SURNAME.fullmatch(w)), None)
        if caps:
            cut = min(
                cut, next((i for i, w in enumerate(words[caps:], caps) if not w.isupper()), cut)
            )
        words = words[:cut]
        # A place in capitals after a name is its dateline's ("Shawn Pogatchnik DUBLIN").
        mixed = next((i for i, w in enumerate(words) if _CAPS_SURNAME.fullmatch(w)), len(words))
        if mixed >= 2 and all(_CAPS_SURNAME.fullmatch(w) for w in words[mixed:]):
            words = words[:mixed]
        # A job title after the name ends it ("By Enkosi Selane Journalist 4 minute read").
        role = next((i for i, w in enumerate(words) if _ROLE_WORD.match(w)), len(words))
        if 0 < role < len(words) and _ROLE_QUALIFIER_WORD.match(words[role - 1]):
            role -= 1
        with_post = role < len(words)
        words = words[:role]
        while words and _NOT_NAME_WORD.match(words[-1]):
            words.pop()
        if len(words) >= 2:
            names.append(" ".join(words))
    return tuple(names_of("; ".join(names))), with_post
