"""Import stage, clean: what a flattened dump's words and lines are.

Word counts that hold for scripts written without spaces, the line of running text
against the short line of a menu, the code, tables and lists that are text however
short their lines, and the parts a scraper ran together into one long line
(``_segments``): the measures the other dump steps judge a page's lines by.
"""

from __future__ import annotations

import re

__all__ = ["RUN_TOGETHER_CHARS", "is_listed"]

# Function words: a headline does not end with one, a split never happens after one.
_FUNCTION_WORDS = frozenset(
    "il lo la i gli le un una uno di del dello della dei degli delle a al allo alla ai agli "
    "alle da dal dallo dalla dai dagli dalle in nel nello nella nei negli nelle con su sul "
    "sullo sulla sui sugli sulle per tra fra e ed o che non come ma se anche più "
    "the a an of to in on at by for with from and or but as is are was were that this "
    "its their his her our your into over about than".split()
)  # fmt: skip


_SENTENCE_TAIL = re.compile(r"[.!?…:;。！？：；][\"”’»)\]」』）】]*$")
# Scripts written without spaces between words: Japanese kana and Chinese characters.
_NO_SPACE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NO_SPACE_RE = re.compile(f"[{_NO_SPACE}]")
_NO_SPACE_RUN_RE = re.compile(f"[{_NO_SPACE}]+")
# Code, not prose: braces, statement ends, comparisons, assignments, calls ("Genre(s)"
# is not one), comments, markup.
_CODE_RE = re.compile(
    r"[{};]\s*$|^\s*[{}\])]|[=!<>]=|=>|\s=\s|\w\((?!s\))|^\s*(?://|/\*|#\s)|</?\w+[\s>]"
)
# An item of a list written out in the text: a bullet, "1)" or "a)", then two words.
# ("1." is left out: German ordinals, "3. Liga", "5. Mai", are navigation and dates.)
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-+*•◦▪‣–]|\(?\d{1,3}\)|\(?[a-z]\))\s+\S+\s+\S")
# A row of a text table: box-drawing rules and column bars.
_TABLE_ROW_RE = re.compile(r"[\u2500-\u257f]")


def _word_count(line: str) -> int:
    """Words of ``line``; in scripts without spaces two characters count as about one."""
    chars = len(_NO_SPACE_RE.findall(line))
    if not chars:
        return len(line.split())
    return len(_NO_SPACE_RUN_RE.sub(" ", line).split()) + chars // 2


def _is_text_line(line: str) -> bool:
    """A line of running text: a sentence, or long enough to be one without a full stop."""
    words = _word_count(line)
    return words >= 12 or (words >= 4 and bool(_SENTENCE_TAIL.search(line)))


def _is_content_line(line: str) -> bool:
    """A short line that is text, not a link: code, a table row, a written-out list item."""
    return bool(_CODE_RE.search(line) or _LIST_ITEM_RE.match(line) or _TABLE_ROW_RE.search(line))


def is_listed(line: str) -> bool:
    """A line of a code block, table or list with words in it (not a stray bracket)."""
    return _is_content_line(line) and any(c.isalnum() for c in line)


def _is_content_run(run: list[str]) -> bool:
    """A run of short lines that is a code block, a table or a list, not a menu."""
    return 3 * sum(map(_is_content_line, run)) >= len(run)


# A dump runs its page's blocks together when its lines are this long on average, or
# when one of them holds a run of labels (``_segments``).
RUN_TOGETHER_CHARS = 400
SEGMENT_WORDS = 40  # a line this long may be a page's blocks run together: judge its parts
# A line runs blocks together when it holds this many label-like words in a row; a
# paragraph's names and titles are shorter ("Tasarruf Mevduatı Sigorta Fonu (TMSF)").
LONG_CAP_RUN = 9
CAP_RUN = 5  # in such a line, a run this long is a menu, a tag list or labels
RUN_CHUNK = 2  # words a line when a run of labels is cut up: about one menu entry
SENTENCE_LOOKAHEAD = 4  # words after a run of labels where the sentence may start
MAX_LABEL_CHARS = 8  # a word of a script without spaces this short, spaced: a menu entry
# A word that ends a clause ("Times,", "Want.”"): a run of labels stops there.
_CLAUSE_MARK = re.compile(r"[,;:.!?…][\"”’»)\]]*$")
_BULLETS = frozenset("+ * ◦ ▪ ‣".split())


def _first_alnum(word: str) -> str:
    return next((c for c in word if c.isalnum()), "")


def _label_like(word: str) -> bool:
    """A word a menu or a label list is made of: capitalised ("Business", "End"), a
    number, a joiner ("&", "|"), or a short spaced word of a script without spaces."""
    first = _first_alnum(word)
    if not first:
        return word not in _BULLETS  # a list's items are the text ("+ Added Slime Block")
    if _NO_SPACE_RE.match(first):
        return len(word) <= MAX_LABEL_CHARS
    return first.isupper() or first.isdigit()


def _is_number(word: str) -> bool:
    return _first_alnum(word).isdigit()


def _opens_sentence(words: list[str], k: int) -> bool:
    """``words[k]`` is capitalised and two lower-case words follow it ("Every
    stranger's face"), unlike a label's ("Machine vision Neural")."""
    return (
        k + 2 < len(words)
        and words[k][:1].isupper()
        and all(w[:1].islower() for w in words[k + 1 : k + 3])
    )


def _sentence_start(words: list[str], last: int) -> int:
    """Where the sentence after a run of labels ending at ``words[last]`` starts: at
    that last word when it opens one, or a few words on when the last label runs on in
    lower case ("… Technology Machine vision Neural Network Every stranger's face …")."""
    if _opens_sentence(words, last):
        return last
    for k in range(last + 1, min(last + 1 + SENTENCE_LOOKAHEAD, len(words))):
        if _CLAUSE_MARK.search(words[k - 1]):
            break
        if _opens_sentence(words, k):
            return k
    return last


def _split_piece(piece: str, min_run: int = CAP_RUN) -> list[str]:
    """``piece`` cut around its runs of ``min_run`` or more label-like words; each run
    is cut into ``RUN_CHUNK``-word lines, so that it weighs as the menu it is. The text
    after a run starts where its sentence does (``_sentence_start``). A run a third of
    it numbers is a table, not labels."""
    words = piece.split()
    if len(words) < min_run:
        return [piece]
    out: list[str] = []
    start = i = 0
    while i < len(words):
        if not _label_like(words[i]):
            i += 1
            continue
        j = i
        while j < len(words) and _label_like(words[j]) and not _CLAUSE_MARK.search(words[j]):
            j += 1
        end = j
        if j < len(words) and not _label_like(words[j]) and end - i > min_run:
            end = _sentence_start(words, j - 1)
        elif j < len(words) and _CLAUSE_MARK.fullmatch(words[j]) and end - i > min_run:
            end -= 1  # a speaker's or a field's label stays with its text ("MC : That's …")
        # A table's rows: "4.2.3 April 2014 4.1.6 April 2014 …".
        numbers = sum(map(_is_number, words[i:end]))
        if end - i >= min_run and 3 * numbers < end - i:
            if start < i:
                out.append(" ".join(words[start:i]))
            out += [" ".join(words[k : min(k + RUN_CHUNK, end)]) for k in range(i, end, RUN_CHUNK)]
            start = end
        i = max(j, start, i + 1)
    if start < len(words):
        out.append(" ".join(words[start:]))
    return out


def _segments(line: str) -> list[str]:
    """``line`` in the parts a scraper ran together: a long line that holds a run of
    ``LONG_CAP_RUN`` labels is cut around its runs of labels (``_split_piece``); other
    lines stay whole."""
    if _word_count(line) < SEGMENT_WORDS:
        return [line]
    parts = _split_piece(line, LONG_CAP_RUN)
    return _split_piece(line) if len(parts) > 1 else parts
