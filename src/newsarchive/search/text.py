"""Index stage: the text rules both search sides share (pure, no whoosh).

The Whoosh index, the static index and ``search.js`` must cut text into the same words,
or the browser and ``newsarchive search`` would disagree. So text is normalised here once
(NFKD, combining marks dropped, lowercased: accents folded) and split on anything that
is not a letter or a digit; ``search.js`` does the same with ``normalize("NFKD")``,
``/\\p{M}/gu`` and ``/[\\p{L}\\p{N}]+/gu``. Stemming happens in ``whoosh_index.py`` only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator

__all__ = [
    "highlight_terms",
    "html_to_text",
    "make_excerpt",
    "normalize",
    "one_edit",
    "tokenize",
    "word_spans",
]

# Python's \w minus "_" is letters and digits of any script, as JS [\p{L}\p{N}].
WORD_RE = re.compile(r"[^\W_]+")
_BLOCK_TAGS = re.compile(
    r"</?(p|div|h[1-6]|li|ul|ol|br|blockquote|pre|tr|td|th|table|figure|figcaption|dd|dt)\b[^>]*>",
    re.IGNORECASE,
)


@functools.cache
def _drop_combining() -> dict[int, None]:
    # Every combining character (what ``unicodedata.combining`` flags) for str.translate:
    # one C-level pass instead of a Python loop over the characters of a whole body.
    # No code point outside 0x300-0x1FFFF has a combining class.
    return {c: None for c in range(0x300, 0x20000) if unicodedata.combining(chr(c))}


def normalize(text: str) -> str:
    """Fold accents and case: ``"Città"`` -> ``"citta"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed.lower()
    return decomposed.translate(_drop_combining()).lower()


def tokenize(text: str) -> list[str]:
    """Normalised words of ``text`` in order (positions are list indexes)."""
    return WORD_RE.findall(normalize(text))


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, normalised word)`` for each word of the original ``text``."""
    for match in re.finditer(r"[^\W_]+", text):
        yield match.start(), match.end(), normalize(match.group())


def html_to_text(html: str) -> str:
    """Plain text of an article's HTML: block tags become breaks, entities decoded."""
    from bs4 import BeautifulSoup

    spaced = _BLOCK_TAGS.sub(lambda m: " " + m.group(0) + " ", html)
    text = BeautifulSoup(spaced, "html.parser").get_text(" ")
    return " ".join(text.split())


def one_edit(a: str, b: str) -> bool:
    """True when ``b`` is one insert, delete, substitution or swap of neighbours from ``a``.

    The first letter must stay: typo candidates are looked up by it (see ``schema``).
    """
    if a == b or not a or not b or a[0] != b[0]:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def highlight_terms(word: str, surfaces: Iterable[str], stems: Iterable[str]) -> bool:
    """Whether a normalised text ``word`` is a hit: a matched surface word, or it starts
    with a matched stem of 3+ letters (stems are prefixes of their words, so the excerpt
    needs no stemmer: the browser applies the same rule)."""
    if word in surfaces:
        return True
    return any(len(s) >= 3 and word.startswith(s) for s in stems)


def make_excerpt(
    text: str, surfaces: Iterable[str], stems: Iterable[str], *, words: int = 30
) -> tuple[str, list[tuple[int, int]]]:
    """The ``words``-word window of ``text`` with the most distinct hits (earliest wins).

    Returns the excerpt and the ``(start, end)`` offsets of hits inside it; the window
    is marked with "…" where it cuts the text.
    """
    surface_set, stem_list = set(surfaces), list(stems)
    spans = list(word_spans(text))
    if not spans:
        return "", []
    hits = [highlight_terms(w, surface_set, stem_list) for _, _, w in spans]
    best_start, best_count = 0, -1
    for start in range(max(1, len(spans) - words + 1)):
        window = spans[start : start + words]
        count = len(
            {w for (_, _, w), hit in zip(window, hits[start : start + words], strict=False) if hit}
        )
        if count > best_count:
            best_start, best_count = start, count
    window = spans[best_start : best_start + words]
    begin, end = window[0][0], window[-1][1]
    prefix = "… " if best_start > 0 else ""
    suffix = " …" if best_start + words < len(spans) else ""
    excerpt = prefix + text[begin:end] + suffix
    offset = len(prefix) - begin
    marks = [
        (s + offset, e + offset)
        for (s, e, _), hit in zip(window, hits[best_start : best_start + words], strict=False)
        if hit
    ]
    return excerpt, marks
