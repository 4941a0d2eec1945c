"""Import stage: language of an article, from what the page says or from its words.

The detector counts very common function words per language; on a paragraph or more of
news text that separates the languages we care about (Italian, English) and their close
neighbours reliably, needs no model download and is deterministic.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = [
    "CJK", "CJK_RE", "detect_language", "normalize_lang", "page_language", "script_language",
    "tokens",
]  # fmt: skip

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


# Scripts that name their language (or its likeliest one): letters of ``text`` in them.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ko", re.compile("[\uac00-\ud7af\u1100-\u11ff]")),
    ("ja", re.compile("[\u3040-\u30ff]")),  # kana
    ("zh", re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")),  # Han (Japanese uses it too)
    ("th", re.compile("[\u0e00-\u0e7f]")),
    ("ar", re.compile("[\u0600-\u06ff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("ru", re.compile("[\u0400-\u04ff]")),
    ("el", re.compile("[\u0370-\u03ff]")),
    ("hi", re.compile("[\u0900-\u097f]")),
)
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")
_SCRIPT_SHARE = 0.5  # of the text's letters, for its script to name its language
_KANA_SHARE = 0.05  # of its Han and kana, for a text to be Japanese
_SAMPLE = 20000
_SCRIPT_SAMPLE = 5000  # a script shows in a few paragraphs


def script_language(text: str) -> str | None:
    """The language ``text``'s script names, when most of its letters are in one that
    is not Latin: Korean (Hangul), Japanese (kana among the Han), Chinese, Thai,
    Arabic, Hebrew, Russian (Ukrainian with its own letters), Greek, Hindi."""
    sample = text[:_SCRIPT_SAMPLE]
    if not _NON_LATIN.search(sample):
        return None  # Latin letters only: the usual text, told in one pass
    letters = len(_LETTER.findall(sample))
    if len(_NON_LATIN.findall(sample)) < _SCRIPT_SHARE * letters:
        return None
    counts = {lang: len(pattern.findall(sample)) for lang, pattern in _SCRIPTS}
    han = counts.pop("zh") + counts["ja"]
    counts["ja" if counts["ja"] >= _KANA_SHARE * han else "zh"] = han
    if counts.get("ru") and _UKRAINIAN.search(sample):
        counts["uk"] = counts.pop("ru")
    lang = max(sorted(counts), key=lambda k: counts[k])
    return lang if counts[lang] >= _SCRIPT_SHARE * letters else None


def detect_language(text: str, default: str = "en") -> str:
    """The language ``text``'s script names (``script_language``), else the one whose
    function words are most frequent in it."""
    if script := script_language(text):
        return script
    best, scores, _ = _stopword_counts(text)
    return best if best and scores[best] >= 2 else default


def _stopword_counts(text: str) -> tuple[str | None, dict[str, int], dict[str, int]]:
    """The language with the most function words in ``text``, each language's count of
    them, and how many different ones each has."""
    words = Counter(_WORD_RE.findall(text[:_SAMPLE].lower()))
    if not words:
        return None, {}, {}
    scores = {
        lang: sum(count for word, count in words.items() if word in stop)
        for lang, stop in _STOPWORDS.items()
    }
    distinct = {lang: len(stop & words.keys()) for lang, stop in _STOPWORDS.items()}
    return max(sorted(scores), key=lambda lang: scores[lang]), scores, distinct


_CJK_FAMILY = frozenset({"zh", "ja"})  # Han alone cannot tell these apart
_OVERRULE_HITS = 20  # function words of another language, at least, to overrule the page
_OVERRULE_RATIO = 4  # and this many times the stated language's
_OVERRULE_WORDS = 8  # different ones: a language's text uses many ("lorem ipsum … et")


def page_language(stated: str | None, text: str, default: str = "en") -> str:
    """The article's language: what the page states (``stated``, already normalised),
    unless its text says otherwise, as a declared charset can lie. A text mostly in
    another script overrules it (``lang="en"`` on a Chinese page); so does one whose
    function words are plainly another language's, where the stated one has a list to
    compare (an English article on an Italian site). Nothing stated: detected."""
    if not stated:
        return detect_language(text, default)
    script = script_language(text)
    if script:
        same = script == stated or {script, stated} <= _CJK_FAMILY
        return stated if same else script
    if stated not in _STOPWORDS:
        return stated
    best, scores, distinct = _stopword_counts(text)
    if (
        best and best != stated and scores[best] >= _OVERRULE_HITS
        and scores[best] >= _OVERRULE_RATIO * scores[stated]
        and distinct[best] >= _OVERRULE_WORDS
    ):  # fmt: skip
        return best
    return stated
