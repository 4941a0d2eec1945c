"""Import stage, extract: refusing a record that is no article.

A list of headlines scraped as if it were an article is told by its address and its
few sentences, or by its dated teasers (``_listing``); a dump with no running prose in
it (a day's archive, a site's menus) by its sentences (``_no_prose``). Words are
counted as ``_words`` counts them, CJK characters two to a word.
"""

from __future__ import annotations

import itertools
import re
from urllib.parse import urlsplit

from newsarchive.importer.dump.lineshape import is_listed
from newsarchive.importer.lang import CJK_RE, tokens
from newsarchive.importer.model import ImportFailure, RawRecord
from newsarchive.importer.textdays import written_day_offsets

__all__: list[str] = []


def _words(text: str) -> int:
    # Two CJK characters count as about one word, so a Chinese article is not "too short".
    found = tokens(text)
    cjk = sum(1 for t in found if len(t) == 1 and CJK_RE.match(t))
    return len(found) - cjk + cjk // 2


# The address of a list of articles: a tag, category, topic, author or section page, a
# page of such a list, or a year's, month's or day's archive ("/2018/12"). Not
# "/archives/<id>": WordPress sites (getnews.jp) put their articles there.
_LISTING_PATH = re.compile(
    r"/(?:tags?|category|categories|topics?|authors?|section|page)/[^/]+/?$"
    r"|^/(?:19|20)\d\d(?:/[01]?\d(?:/[0-3]?\d)?)?/?$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?。！？।؟](?=[\"”’')\]]*(?:\s|$))")
# Running prose ends a sentence every 15 to 30 words; a list of headlines and teasers
# hardly ever (tech-articles-sample: articles at such addresses 18-26 words a sentence,
# the listings 59-457).
_LISTING_WORDS_PER_SENTENCE = 50


# A list of teasers at any address: each teaser shows its date (ten days or more, one in
# 60 words or fewer) and there is little running prose (30 words or more a sentence).
# The Guardian's section pages ("/media/buzzfeed") have no listing address, and their
# standfirsts no full stops (tech-articles-sample: its 6 such pages show 20-30 days, one
# in 28-45 words; none of its articles shows more than 9). Days written in words only: a
# table's numeric dates are data (mozilla toc-missing shows 112).
_TEASER_DATES = 10
# ... unless most of its sentences, this many or more, stand between two of its dates.
_ARTICLE_SENTENCES = 4
_WORDS_PER_TEASER_DATE = 60
_TEASER_WORDS_PER_SENTENCE = 30


def _listing(record: RawRecord, url: str | None, text: str) -> None:
    """Refuse a list of headlines scraped as if it were an article: its address names a
    listing, and its text is 150 words or more with almost no sentence in it; or, at any
    address, 150 words or more of dated teasers with few sentences."""
    path = urlsplit(url or "").path
    words = _words(text)
    if words < 150:
        return
    ends = len(_SENTENCE_END.findall(text))
    if _LISTING_PATH.search(path) and words >= _LISTING_WORDS_PER_SENTENCE * max(ends, 1):
        raise ImportFailure(
            record.input,
            f"no article text: a listing page ({path}: {words} words, {ends} sentences)",
        )
    if words >= _TEASER_WORDS_PER_SENTENCE * max(ends, 1):
        offsets = written_day_offsets(text)
        days = len(offsets)
        if (
            days >= _TEASER_DATES
            and words <= _WORDS_PER_TEASER_DATE * days
            and not _has_undated_prose(text, ends, offsets)
        ):
            raise ImportFailure(
                record.input,
                f"no article text: a listing page ({path or 'no address'}: {words} words, "
                f"{days} dated teasers, {ends} sentences)",
            )


# A sentence of running prose: 3 to 80 words, four in ten of them lower case. A menu, a
# headline and a list of names are capitalised; a run of 80 words and more without a
# full stop is a menu ("switch to the UK edition switch to the …") or a list, and a line
# break ends a sentence too.
_PROSE_SENTENCE_WORDS = 3
_MAX_SENTENCE_WORDS = 80
_PROSE_LOWER_SHARE = 0.4
# An article has prose: this many of its words are in sentences, or in the items of a
# written list, code or a table (tech-articles-sample: its articles 64 words or more; its
# day archives, one teaser each, and an event's schedule none; the bench's dumps: a video
# page's related titles 8). No share of the words is asked for: a deals list is mostly
# product names (a Mental Floss page: 131 of its 2,127 words).
_MIN_PROSE_WORDS = 30
# Only where words have case: CJK, Thai and Arabic text has no lower-case words to count.
_CASED_SHARE = 0.5


# The items of a list run into a line ("… with smooth versions + Added Slime Block + …"):
# three bullets or more, items of three words or more (a menu's "News - Sport" has fewer).
_INLINE_BULLET = re.compile(r"(?<=\s)[-+*•◦▪‣–](?=\s)")
_MIN_INLINE_ITEMS = 3
_ITEM_WORDS = 3


def _prose_words(text: str) -> tuple[int, int]:
    """The words of ``text`` in sentences of running prose or in a list's items, code or a
    table's rows (``dump.lineshape.is_listed``), and its words in all. A word of a script
    without case (a Japanese sentence in a page of Latin menus) counts as lower case."""
    prose = 0
    for whole in text.split("\n"):
        items = _INLINE_BULLET.split(whole)
        line = whole
        if len(items) > _MIN_INLINE_ITEMS:
            prose += sum(n for item in items[1:] if (n := len(item.split())) >= _ITEM_WORDS)
            line = items[0]
        if is_listed(line):
            prose += len(line.split())
            continue
        start = 0
        for end in [m.end() for m in _SENTENCE_END.finditer(line)]:
            sentence, start = line[start:end], end
            words = sentence.split()
            # Written without spaces, a sentence is counted in characters (``_words``).
            count = _words(sentence) if CJK_RE.search(sentence) else len(words)
            lower = sum(1 for w in words if w[:1].islower() or _uncased(w[:1]))
            sized = _PROSE_SENTENCE_WORDS <= count <= _MAX_SENTENCE_WORDS
            if sized and (lower >= _PROSE_LOWER_SHARE * len(words) or CJK_RE.search(sentence)):
                prose += count
    return prose, len(text.split())


def _uncased(char: str) -> bool:
    return char.isalpha() and char.lower() == char.upper()


def _no_prose(record: RawRecord, text: str) -> None:
    """Refuse a dump with no running prose in it: a day's archive page, a site's menus (a
    small corpus of dumps has not learned them), an event's schedule. Scripts without case
    are not judged. Not applied to HTML pages: there trafilatura has found the main text,
    and a page that is a video or a gallery with a caption is still the publisher's."""
    letters = [c for c in text if c.isalpha()]
    cased = sum(1 for c in letters if not _uncased(c))
    if not letters or cased < _CASED_SHARE * len(letters):
        return
    prose, words = _prose_words(text)
    if prose < _MIN_PROSE_WORDS:
        raise ImportFailure(
            record.input,
            f"no article text: no running prose ({words} words, {prose} in sentences)",
        )


def _has_undated_prose(text: str, ends: int, offsets: list[int]) -> bool:
    """``text`` holds an article's prose between two of the days it shows (at
    ``offsets``): most of its ``ends`` sentences, ``_ARTICLE_SENTENCES`` or more, in one
    stretch. A list of teasers has a sentence or two between dates; an article with
    dated teasers run into it (a page flattened with its sidebars on the same lines) has
    its text in one stretch."""
    cuts = [0, *offsets, len(text)]
    most = max(len(_SENTENCE_END.findall(text[a:b])) for a, b in itertools.pairwise(cuts))
    return most >= max(_ARTICLE_SENTENCES, ends / 2)
