"""Import stage: the words scrape artefacts are recognised by, in Italian and English.

One table per artefact kind, so a new marker is one row (and one test case).
"""

from __future__ import annotations

import re

__all__ = [
    "COPYRIGHT_RE",
    "FOOTER_RE",
    "SHARE_RE",
    "TEASER_BLOCK_HEADINGS",
    "TEASER_MARKERS",
    "TEASER_RE",
    "teaser_prefix",
]

# Words that introduce a teaser for another article, run into the text or as a label.
TEASER_MARKERS: tuple[str, ...] = (
    "leggi anche", "leggi pure", "guarda anche", "vedi anche", "approfondimento",
    "approfondisci", "potrebbe interessarti", "ti potrebbe interessare", "per approfondire",
    "read more", "read also", "see also", "related", "related story", "related article",
    "related articles", "more from", "recommended", "also read", "you may also like",
    "further reading", "don't miss", "read next",
)  # fmt: skip
# Headings of whole related-story blocks.
TEASER_BLOCK_HEADINGS: tuple[str, ...] = (
    "altre notizie", "leggi anche", "potrebbe interessarti", "articoli correlati",
    "notizie correlate", "correlati", "related", "related stories", "related articles",
    "more stories", "read more", "recommended", "you may also like", "most popular",
    "più letti", "i più letti", "ultime notizie", "latest news", "see also",
)  # fmt: skip

_marker_alt = "|".join(sorted((re.escape(m) for m in TEASER_MARKERS), key=len, reverse=True))
TEASER_RE = re.compile(rf"(?<![\w])(?:{_marker_alt})(?![\w])\s*[:»>\-–—]*\s*", re.I)
# Share toolbars leave their labels behind.
SHARE_RE = re.compile(
    r"(?<![\w])(?:condividi(?: (?:su|l'articolo|questo articolo))?|share(?: this(?: article| story)?| on)?"
    r"|tweet|pin it|send by email|invia per email)\s*:\s*$",
    re.I,
)
FOOTER_RE = re.compile(
    r"^\s*(?:©\s*)?(?:riproduzione riservata|tutti i diritti riservati|all rights reserved)"
    r"(?:\s*©)?\.?\s*$",
    re.I,
)

# A copyright notice or photo credit: the page's footer or a caption, not article text.
# It starts with the sign (a credit inside a caption run into the text does not count)
# or reserves the rights.
COPYRIGHT_RE = re.compile(
    r"^\W*(?:©|\(c\)\s?\d{4}|copyright\b)|all rights reserved|diritti (?:sono )?riservati"
    r"|riproduzione riservata|alle rechte vorbehalten|derechos reservados"
    r"|droits réservés|direitos reservados",
    re.I,
)


def teaser_prefix(text: str) -> str | None:
    """The marker a block of text starts with (``Leggi anche: ...``), if any."""
    match = TEASER_RE.match(text.strip())
    return match.group(0) if match else None
