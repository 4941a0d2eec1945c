"""Import stage, extract: what an author's name is, cleaned from the text that states it.

A byline's text splits into names, and each is cleaned: markup, a "By" prefix, a date,
an update note or button text after it, a job title closing it go; what is no name (a
URL, an e-mail address, a date, a bare job title, a counter) is dropped (``names_of``).
The site's, a newsroom's, an agency's, a company's or a paper's name is told from a
person's, so that the publisher is not taken for an author (``without_publishers``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from bs4 import BeautifulSoup

__all__ = ["clean_name", "names_of", "plain_text"]


def plain_text(text: str) -> str:
    """Names and tags are plain text: markup in them is dropped, not kept."""
    if "<" in text:
        text = BeautifulSoup(text, "lxml").get_text(" ")
    elif "&" in text:
        text = html.unescape(text)  # an entity, no markup (URLs need no parser)
    return " ".join(text.replace("<", " ").replace(">", " ").split())


# --- cleaning ------------------------------------------------------------------------

_URLISH = re.compile(r"https?:|www\.|//|@|\.(?:com|org|net)\b", re.I)
_PREFIX = re.compile(
    r"^(?:(?:written\s+)?by|von|par|por|di|a\s+cura\s+di|door|av|"
    r"autor(?:in)?|author|text|texto|testo|reporter|quelle|source|fonte|fuente)\b\s*:?\s*",
    re.I,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
# Where a byline's date or update note starts: the rest is not the name.
_DATE_START = re.compile(
    rf"\s*(?:\b(?:{_MONTHS})\.?\s+\d|\b\d{{1,2}}\.?\s+(?:{_MONTHS})\b|"
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d\d|"
    r"\b(?:last\s+)?(?:updated|published|posted|aktualisiert|stand)\b).*$",
    re.I,
)
# Links to the author's page that bylines carry after the name.
_PROFILE_LINK = (
    r"see\s+full\s+bio|view\s+(?:author|full|profile)(?:\s+(?:profile|bio))?|get\s+author|"
    r"archive\s+page|author\s+page|follow\b"
)
# Button and link texts that bylines carry after the name, and the editor's credit
# ("Written by Rob Ewaschuk Edited by Betsy Beyer": the editor is not an author).
_UI_TAIL = re.compile(
    rf"\s+(?:link\s+copied|{_PROFILE_LINK}|more\s+(?:stories|articles|from)|read\s+more|"
    r"email\b|contact\b|edited\s+by\b).*$",
    re.I,
)
# What may follow a name in a byline and is not part of it: "in Valencia", a dangling
# "on", a Korean or Japanese "reporter" (and "and N others").
_TAIL = re.compile(
    r"(?:\s+in\s+\S.*|\s+(?:on|at|am|le|il|el)|"
    r"\s*(?:기자|記者|특파원|特派員)(?:\s*외\s*\d+\s*명)?)$"
)
_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv|phd|ph\.d|md|ma|mba|rn)\.?$", re.I)
_SPLIT = re.compile(
    r"\s*;\s*|\s+(?:and|und|og|och|e|&)\s+|\s*,\s*(?:and\s+)?(?=[^\W\d_])|\s+[|·•/–—-]\s+"
)
_ROLE_NOUN = (
    r"(?:journalist(?:in)?|reporter(?:in)?|editor|writer|correspondent|columnist|contributor|"
    r"technologist|photographer|redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|"
    r"fotograf(?:in)?|giornalista|journaliste|periodista|redactor(?:a)?)"
)
# A job title standing where a name should ("Mathias Hagen / Journalist").
_ROLE_QUALIFIER = r"senior|chief|staff|contributing|freelance|managing|deputy"
_ROLE = re.compile(rf"^(?:(?:{_ROLE_QUALIFIER})\s+)?{_ROLE_NOUN}$", re.I)
# What may qualify a job title after a name: its rank or its desk ("Political editor").
_ROLE_DESK = (
    rf"{_ROLE_QUALIFIER}|political|parliamentary|foreign|business|sports?|science|health|legal|"
    r"investigative|web|digital|online|social|video|data|opinion|technology|tech|economics|"
    r"education|environment|travel|photo|graphics|copy|assistant|associate|executive|"
    r"regional|international|culture|arts|music|food|fashion|style|politics|national|news"
)
_ROLE_QUALIFIER_WORD = re.compile(rf"^(?:{_ROLE_DESK})$", re.I)
# A job title closing a name ("Parliamentary editor", "Senior Politics Editor").
_TRAILING_ROLE = re.compile(rf"\s+(?:(?:{_ROLE_DESK})\s+){{0,2}}{_ROLE_NOUN}$", re.I)
# Not a name: a bare date word, a reading time, a credit line ("X at Agency"), prose.
_NOT_NAME = re.compile(
    rf"^(?:{_MONTHS}|{_DAYS})\.?$|^\d|\s(?:at|for|using|via)\s|[?!*]|\.\.|^(?:see|view|read|"
    r"follow|share|subscribe|more|get|link)\b",
    re.I,
)
# A byline block holds names, a date, a role: not more text than this.
_BLOCK_CHARS = 300


def clean_name(raw: str) -> str:
    """One name as it is shown: plain text, single spaces, no "By " prefix, no date,
    update note or button text after it, no trailing ``(alias)``."""
    name = _UI_TAIL.sub("", _DATE_START.sub("", plain_text(raw)))
    if re.search(r"\(\s*[\d.,]+\s*\)$", name):
        return ""  # "Comments (42)": a counter, not a name
    name = re.sub(r"\s*\([^()]*\)$", "", name)
    words = name.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        name = " ".join(words[:half])  # "Jane Doe Jane Doe": a name and its link
    elif len(name) % 2 == 0 and " " in name and name[: len(name) // 2] == name[len(name) // 2 :]:
        name = name[: len(name) // 2]  # "Andrea WongAndrea Wong": the two run together
    tail = _TAIL.sub("", name)
    if tail != name and (len(tail.split()) >= 2 or not tail.isascii()):
        name = tail
    bare = _TRAILING_ROLE.sub("", name)
    if bare != name and len(bare.split()) >= 2:
        name = bare  # "Sam Stein Senior Politics Editor": the job title is no part of it
    while True:
        stripped = _PREFIX.sub("", name).strip(" ,;:|/·•-–—")
        if stripped == name:
            return name
        name = stripped


def _is_name(name: str) -> bool:
    return (
        1 < len(name) <= 60
        and len(name.split()) <= 6
        and not _URLISH.search(name)
        and not _NOT_NAME.search(name)
        and bool(re.search(r"[^\W\d_]", name))
    )


def names_of(
    values: Iterable[str] | str | None, site_keys: AbstractSet[str] = frozenset()
) -> list[str]:
    """The names ``values`` state: split at "and" (en, de, da/no, sv, it/pt), "&", ";",
    commas and "|", each cleaned; non-names (URLs, e-mail addresses, handles, dates,
    bare job titles, button texts) dropped; one of each. The site's name closing a
    byline after a person's ("X, Y and Z, CNN") is the publisher, not an author."""
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for raw in values or ():
        text = _UI_TAIL.sub("", _DATE_START.sub("", plain_text(str(raw))))
        if len(text) > _BLOCK_CHARS:
            continue  # prose, not a byline
        inverted = re.fullmatch(r"([A-ZÀ-Ý][^\W\d_]+), ([A-ZÀ-Ý][^\W\d_]+)", text)
        if inverted and not text.isupper():
            text = f"{inverted[2]} {inverted[1]}"  # "Family, Given", as libraries write
        parts = _SPLIT.split(text)
        names: list[str] = []
        for part in parts:
            name = clean_name(part)
            if names and len(parts) > 1 and _SUFFIX.match(name):
                names[-1] = f"{names[-1]}, {name}"  # "Name, Jr." is one name
            elif _is_name(name):
                names.append(name)
        while len(names) > 1 and _is_site(names[-1], site_keys):
            names.pop()
        out += names
    people = [n for n in out if not _ROLE.match(n)]
    return _dedupe(people or out)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _key(name: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", _fold(name)).split())


def _dedupe(names: Iterable[str]) -> list[str]:
    """One of each name (case, accents, punctuation and hyphens ignored); a mixed-case
    form is kept over an all-caps one."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for name in names:
        key = _key(name)
        if key in seen:
            i = seen[key]
            if out[i].isupper() and not name.isupper():
                out[i] = name
            continue
        seen[key] = len(out)
        out.append(name)
    return out


# --- not a person: sites, newsrooms, agencies, papers --------------------------------

_AGENCIES = r"(?:ap|afp|ansa|apa|dpa|efe|epd|kna|pti|ians|reuters|sda|sid|tnn|ats|belga|anp)"
_GENERIC = re.compile(
    r"\b(?:staff|redaktion|redazione|rédaction|redacción|editors|newsroom|team|desk|"
    r"agenc(?:y|ies|e|ias?)|agentur(?:en)?|agenzi[ae]|press|news\s+service|online)\b|"
    r"^red\.?$|"
    # news agencies
    rf"^(?:{_AGENCIES}\b[/, ]*)+$",
    re.I,
)
_COMPANY = re.compile(r"\b(?:inc|ltd|llc|gmbh|corp|plc|s\.?p\.?a|s\.?r\.?l)\b\.?$", re.I)


def _site_keys(sites: Iterable[str | None]) -> set[str]:
    """The site's names and its host's labels (``n-tv.de``: "n tv de", "n tv")."""
    keys: set[str] = set()
    for site in sites:
        if not site:
            continue
        keys.add(_key(site))
        host = site.lower().removeprefix("www.")
        if "." in host and " " not in host:
            keys.add(_key(host.rsplit(".", 1)[0]))
            keys.update(_key(label) for label in host.split(".")[:-1] if len(label) > 2)
    return {k for k in keys if k}


def _is_site(name: str, site_keys: AbstractSet[str]) -> bool:
    """``name`` is the site's, or one of its desks' (``MDR THÜRINGEN`` on mdr.de)."""
    key = _key(name)
    return key in site_keys or any(key.startswith(k + " ") for k in site_keys)


def _is_org(name: str, site_keys: AbstractSet[str]) -> bool:
    """``name`` is the site, a newsroom or a company, not a person."""
    return _is_site(name, site_keys) or bool(_GENERIC.search(name) or _COMPANY.search(name))


# The last word of a newspaper's or agency's name ("Washington Post", "Daily News").
_PRESS_NOUN = re.compile(
    r"^(?:post|times|tribune|herald|journal|gazette|chronicle|telegraph|guardian|observer|"
    r"examiner|inquirer|courier|dispatch|bulletin|independent|mirror|express|news|press|"
    r"today|daily|reuters|bloomberg|zeitung|allgemeine|rundschau|corriere|gazzetta)$",
    re.I,
)


def _without_site(name: str, site_keys: AbstractSet[str]) -> str:
    """The name without the site's or a newspaper's name after it (``Meg Wagner NEW
    YORK DAILY NEWS``, ``Kelli Miller WebMD Health`` on webmd.com, ``Joe Davidson
    Washington Post`` in the Chicago Tribune)."""
    words = name.split()
    compact = {k.replace(" ", "") for k in site_keys}
    for cut in range(2, len(words)):
        tail = _key(" ".join(words[cut:]))
        if " " not in tail:
            continue  # one word: maybe a surname that a site's label spells
        if tail.replace(" ", "") in compact or _is_site(tail, site_keys):
            return " ".join(words[:cut])
    if len(words) >= 4 and _PRESS_NOUN.match(words[-1]) and all(w[0].isupper() for w in words):
        caps = [i for i in range(2, len(words)) if all(w.isupper() for w in words[i:])]
        if caps and not words[caps[0] - 1].isupper():
            return " ".join(words[: caps[0]])  # the paper's name in capitals
        # The name keeps its first two words, and a third when the paper's has three.
        return " ".join(words[: max(2, len(words) - 3)])
    return name


def _without_sites(names: Iterable[str], site_keys: AbstractSet[str]) -> list[str]:
    """One of each of ``names``, each without the site's or a paper's name after it."""
    return _dedupe(_without_site(n, site_keys) for n in names)
