"""Import stage: language of an article, from what the page says or from its words.

The detector counts very common function words per language; on a paragraph or more of
news text that separates the languages we care about (Italian, English) and their close
neighbours reliably, needs no model download and is deterministic.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["CJK", "CJK_RE", "detect_language", "normalize_lang", "tokens"]

# Scripts written without spaces between words (Chinese, Japanese, Korean, Thai): a
# regex character-class body.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f"
CJK_RE = re.compile(f"[{CJK}]")  # one CJK or Thai character
_TOKEN_RE = re.compile(rf"[{CJK}]|[^\W{CJK}]+")


def tokens(text: str) -> list[str]:
    """Lower-cased word runs, each CJK/Thai character one token (no spaces in those)."""
    return _TOKEN_RE.findall(text.casefold())


_STOPWORDS: dict[str, frozenset[str]] = {
    "it": frozenset(
        "il lo la gli le di del della dei delle che è e per con non una un sono anche "
        "nel nella alla al ha come più ma questo si sul sulla da dal dalla ai degli".split()
    ),
    "en": frozenset(
        "the of and to in is that for it with as was on are be by this have from "
        "at or an but not which they has their its you were been will".split()
    ),
    "de": frozenset(
        "der die das und ist nicht mit den von zu im auf für ein eine dem sich des "
        "auch es an wie werden wird".split()
    ),
    "fr": frozenset(
        "le la les de des et est que une un pour dans qui sur pas au du par avec "
        "ce il sont plus ou été".split()
    ),
    "es": frozenset(
        "el la los las de del y que en un una es por con para no se su al lo como "
        "más pero sus fue ha".split()
    ),
    "pt": frozenset(
        "o a os as de do da dos das e que em um uma é para com não se por mais "
        "como mas foi ao na no".split()
    ),
    "nl": frozenset(
        "de het een en van in is dat op te zijn met voor niet aan er ook als bij "
        "door maar om".split()
    ),
}
_WORD_RE = re.compile(r"[a-zà-ÿ]+")


def normalize_lang(value: str | None) -> str | None:
    """``it-IT``, ``it_IT``, ``IT`` -> ``it``; None for empty or implausible values."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def detect_language(text: str, default: str = "en") -> str:
    """The language whose function words are most frequent in ``text``."""
    words = Counter(_WORD_RE.findall(text[:20000].lower()))
    if not words:
        return default
    scores = {
        lang: sum(count for word, count in words.items() if word in stop)
        for lang, stop in _STOPWORDS.items()
    }
    best = max(sorted(scores), key=lambda lang: scores[lang])
    return best if scores[best] >= 2 else default
