"""Import stage, clean: the headline in a flattened dump, and what stands before it.

Navigation and section labels come before the headline: the dump is cut up to the
scraper's title where the page shows it (``_drop_before_title``), to another form of
it near the start (``_headline_variant_end``), or to a headline shown twice in a row.
The page's own form of an SEO title (``_headline_form``) and the part of a chained
``<title>`` the page shows (``_title_part``) tell where its dateline stands.
"""

from __future__ import annotations

import math
import re

from newsarchive.importer.dump.tails import _IN_PROSE_AFTER
from newsarchive.importer.lang import CJK_RE
from newsarchive.importer.markers import PROSE_END_RE
from newsarchive.importer.sitesuffix import SPACED_SEP
from newsarchive.importer.textdays import written_day_offsets

__all__ = ["MAX_TEASER_WORDS"]

HEADLINE_ZONE = 400  # characters at the start where a variant of the headline is looked for
MAX_EATEN_WORDS = 2  # headline words the boilerplate may take with the menu before it
_WORD_RE = re.compile(r"\S+")


DATED_HEADLINE_GAP = 200  # characters from a late headline to its day or byline
DATED_HEADLINE_SHOWINGS = 3


def _dated_showing(text: str, title: str, index: int) -> int:
    """Where ``text`` shows the headline ``title`` with its day or byline right after
    it ("Superbugs: What They Are … April 17, 2015 -- Imagine …"), when menus pushed
    it past the zone where a headline is looked for (WebMD's mega-menu fills half
    the page); -1 if no showing is dated. A showing in a teaser or a share link has
    neither after it."""
    for _ in range(DATED_HEADLINE_SHOWINGS):
        if index < 0:
            return -1
        after = text[index + len(title) : index + len(title) + DATED_HEADLINE_GAP]
        if written_day_offsets(after):
            return index
        index = text.find(title, index + len(title))
    return -1


_TITLE_PARTS = re.compile(r"\s+[-|–—·]\s+")
_SHOWN_SEP = re.compile(r"\s*[-|–—·:]\s*")
TITLE_PART_WORDS = 5  # a part this long of a chained title can stand for the headline


def _shown_title_part(text: str, title: str) -> tuple[str, int] | None:
    """The longest part of a title that chains the headline with the day, section and
    site ("Tite diz que errou … em 2012 - 21/12/2018 - Esporte - Folha") that ``text``
    shows as a headline (not run on into a sentence), of ``TITLE_PART_WORDS`` words or
    more, and where: its last showing in the text's first third (a breadcrumb may show
    it first); None if none is shown."""
    parts = sorted(_TITLE_PARTS.split(title), key=len, reverse=True)
    if len(parts) < 2:
        return None
    zone = max(HEADLINE_ZONE, len(text) // 3)
    for part in parts:
        if len(part.split()) < TITLE_PART_WORDS:
            break
        shown = [
            m.start() for m in re.finditer(re.escape(part), text[: zone + len(part)])
            if m.start() <= zone and not _IN_PROSE_AFTER.match(text, m.end())
        ]  # fmt: skip
        if shown:
            # The parts after it that the text shows too go with it, whatever the dash
            # ("… commerce – VB Engage" for "… commerce - VB Engage").
            at = shown[-1]
            end = at + len(part)
            for after in _TITLE_PARTS.split(title[title.find(part) + len(part) :])[1:]:
                sep = _SHOWN_SEP.match(text, end)
                if not (sep and after and text.startswith(after, sep.end())):
                    break
                end = sep.end() + len(after)
            return text[at:end], at
    return None


def _drop_before_title(text: str, title: str | None) -> tuple[str, bool, bool]:
    """Navigation and section labels come before the headline: cut up to it. Also says
    whether the headline was found, and whether a separator followed it (the rest of
    its line is then the standfirst). The headline is the scraper's ``title``, else one
    the page shows twice in a row after its breadcrumb."""
    index = text.find(title) if title else -1
    if title and index < 0 and (shown := _shown_title_part(text, title)):
        title, index = shown
    if title and index > max(HEADLINE_ZONE, len(text) // 3):
        index = _dated_showing(text, title, index)
    if title and index >= 0:
        rest = text[index + len(title) :]
        # The headline shown twice (a breadcrumb's, then the page's) goes twice, and so
        # does the separator between it and the standfirst ("… Clyde / Discord users …").
        # A sentence that merely starts with the headline's words stays.
        while (again := rest.lstrip()).startswith(title) and _AFTER_HEADLINE.match(
            again, len(title)
        ):
            rest = again[len(title) :]
    elif twice := _headline_shown_twice(text):
        rest = text[twice[1] :]
    elif (crumbs := _LEADING_CRUMBS.match(text)) and not _PIPE_ROW_RE.match(text):
        # The text opens with a separator: the headline before it was learned as the
        # site's boilerplate (The Verge's sidebars list it on many pages) and is gone,
        # with the breadcrumb; the separator's last section label goes too.
        return text[crumbs.end() :], True, True
    else:
        return text, False, False
    after = _LEADING_SEP.sub(" ", rest, count=1)
    return after, True, after != rest


MIN_SHOWN_TWICE = 4  # words of a headline shown twice in a row
MAX_TEASER_WORDS = 20  # a headline is shorter


def _headline_shown_twice(text: str) -> tuple[int, int] | None:
    """Where a headline shown twice in a row near the start of ``text`` begins, and where
    its second showing ends: the breadcrumb's last entry, then the page's own headline
    ("Google / Tech / Bard isn't a search engine Bard isn't a search engine / Bard is
    …"), which need not be the scraper's title (an SEO form of it). Four words to a
    headline's twenty, followed by a separator or the line's end and more text, after
    labels only: a sentence said twice in a text (a transcript's) is not one."""
    found = list(_WORD_RE.finditer(text[:HEADLINE_ZONE]))
    keys = [m.group() for m in found]
    for i, key in enumerate(keys):
        for k in range(min((len(keys) - i) // 2, MAX_TEASER_WORDS), MIN_SHOWN_TWICE - 1, -1):
            if keys[i + k] == key and keys[i : i + k] == keys[i + k : i + 2 * k]:
                end = found[i + 2 * k - 1].end()
                if _AFTER_HEADLINE.match(text, end) and text[end:].strip():
                    start = found[i].start()
                    return None if PROSE_END_RE.search(text, 0, start) else (start, end)
    return None


_LEADING_SEP = re.compile(r"^[ \t]*[/|·•][ \t]+")
# Separators at the very start, with section labels of up to three words between them.
_LEADING_CRUMBS = re.compile(r"^\s*(?:[/|·•][ \t]+(?:[^\s/|·•]+[ \t]+){0,3}?)*[/|·•][ \t]+")
_PIPE_ROW_RE = re.compile(r"\s*\|[^\n]*\|[ \t]*(?:\n|$)")  # a text table's row: "| a | b |"
_AFTER_HEADLINE = re.compile(r"[ \t]*(?:$|\n|[/|·•][ \t])")


def _word_key(word: str) -> str:
    return re.sub(r"\W", "", word.casefold())


def _headline_variant_end(text: str, title: str) -> int:
    """Where another form of ``title`` ends near the start of ``text``, or 0.

    The page may show another form of the scraper's title ("How to create, release, and
    share generative AI responsibly" for "How to create, release and share …", "3 space
    science questions …" for "The space science questions …"): a run of at least 60% of
    the title's words (four or more), after some labels and before a capitalised word or
    a line break, within the first ``HEADLINE_ZONE`` characters, stands for it.
    """
    wanted = [k for k in map(_word_key, title.split()) if k]
    if len(wanted) < 4:
        return 0
    words = [
        (m.end(), key)
        for m in _WORD_RE.finditer(text[:HEADLINE_ZONE])
        if (key := _word_key(m.group()))
    ]  # a dash or a bar is no word: "money — unlike" is "money -- unlike"
    best_len, best_start, best_end, best_from = 0, 0, 0, 0
    for i in range(len(words)):
        for j in range(len(wanted)):
            k = 0
            while i + k < len(words) and j + k < len(wanted) and words[i + k][1] == wanted[j + k]:
                k += 1
            if k > best_len:
                best_len, best_start, best_end, best_from = k, i, words[i + k - 1][0], j
    # The text opening with the headline's words has no labels to cut, unless it opens
    # with the headline less a word or two at either end, the rest of its line gone: the
    # site's menu ended with "Intel", or its share bar began after "apps", on enough of
    # its pages that the learned boilerplate took the word ("launches S-Series CPUs
    # primed for gamers" for "Intel launches …"; an opening word such as "The" is kept,
    # ``_keep_opening_words``). Or with the whole headline, spelt otherwise.
    missing_end = len(wanted) - best_from - best_len
    eaten = (
        best_from <= MAX_EATEN_WORDS
        and missing_end <= MAX_EATEN_WORDS
        and (missing_end == 0 or text[best_end : best_end + 1] == "\n")
    )
    if (best_start == 0 and not eaten) or best_len < max(4, 0.6 * len(wanted)):
        return 0
    after = text[best_end:]
    following = after.lstrip()
    if following and not (following[0].isupper() or following[0].isdigit() or after[:1] == "\n"):
        return 0
    return best_end


# The page's own form of the headline: a run of this share of the title's words, in order.
_HEADLINE_FORM_SHARE = 0.6
_HEADLINE_FORM_WORDS = 4


def _headline_form(text: str, title: str) -> str | None:
    """The longest run of ``title``'s words that ``text`` shows in a row, anywhere, when it
    is 60% of them or more (four at least): the headline the page shows where the
    scraper saved its SEO title ("OL i Paris 2024: Tårene rant for … – OL Paris 2024"
    for "Tårene rant for …"). One pass over the text's words."""
    wanted = [k for k in map(_word_key, title.split()) if k]
    need = max(_HEADLINE_FORM_WORDS, math.ceil(_HEADLINE_FORM_SHARE * len(wanted)))
    if len(wanted) < need:
        return None
    where: dict[str, list[int]] = {}
    for j, key in enumerate(wanted):
        where.setdefault(key, []).append(j)
    runs: dict[int, tuple[int, int]] = {}  # title index -> (run length, run's start)
    best = (0, 0, 0)  # (length, start, end) in characters of ``text``
    for match in _WORD_RE.finditer(text):
        key = _word_key(match.group())
        if not key:
            continue  # a dash or a bar is no word, as in the title
        runs = {
            j: (prev[0] + 1, prev[1]) if (prev := runs.get(j - 1)) else (1, match.start())
            for j in where.get(key, ())
        }
        for length, start in runs.values():
            if length > best[0]:
                best = (length, start, match.end())
    length, start, end = best
    return text[start:end] if length >= need else None


# A ``<title>``'s parts: at a spaced separator, or at a bar, a full-width colon or an
# underscore as Chinese and Japanese titles join them ("…找对象_智能_好奇心日报").
_TITLE_PART_SEP = re.compile(rf"{SPACED_SEP}|\s*[|｜：_]\s*")
_TRAILING_CREDIT = re.compile(r"\s*[（(][^（()）]*[)）]$")  # "… （写真＝ロイター）"
_PART_WORDS = 4  # words of a title's part that can stand for its headline
_PART_CJK = 8  # ... or Chinese, Japanese or Korean characters


def _title_part(text: str, title: str) -> str | None:
    """The longest part of ``title`` that ``text`` shows, long enough to be its headline:
    the page shows its headline where the scraper saved a title that chains it with the
    site's name and sections, when the site's name is not one ``strip_site_suffix``
    knows ("Three Ways to Be the Thermostat — Postlight — Digital Strategy, Design and
    Engineering", "O'Reilly Japan - Head First はじめてのプログラミング"). A part with a
    photo credit in brackets or a full stop at its end stands for itself without them
    ("…マウスを発売。｜サンワサプライ株式会社")."""
    for part in sorted(_TITLE_PART_SEP.split(title), key=len, reverse=True):
        bare = _TRAILING_CREDIT.sub("", part).strip().rstrip("。.")
        for form in dict.fromkeys((part.strip(), bare)):
            long_enough = len(form.split()) >= _PART_WORDS or len(CJK_RE.findall(form)) >= _PART_CJK
            if long_enough and form in text:
                return form
    return None
