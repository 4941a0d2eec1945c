"""Import stage, clean: the article's lines among a flattened page's furniture.

A dump of a whole page puts every menu entry, teaser title and footer link on a short
line of its own; the article is the block where sentences outweigh them
(``_text_blocks``). ``_main_lines`` keeps that block's running text, its headings,
captions, code, tables and lists, and drops copyright lines, photo credits and
embeds' placeholders.
"""

from __future__ import annotations

import re

from newsarchive.importer.dump.lineshape import (
    _CODE_RE,
    _SENTENCE_TAIL,
    _is_content_line,
    _is_content_run,
    _is_text_line,
    _segments,
    _word_count,
    is_listed,
)
from newsarchive.importer.markers import (
    COPYRIGHT_RE,
    CREDIT_ONLY_RE,
    EMBED_NOTICE_RE,
    UI_LABEL_RE,
)

__all__: list[str] = []

MIN_PAGE_LINES = 8  # a dump this long is a whole page flattened, one block a line
MAX_SHORT_RUN = 4  # more short lines in a row than this is navigation, not article
WRAPPED_WORDS = 6  # a hard-wrapped line of prose has at least this many words
SHORT_LINE_COST = 8  # a short line of menu or teaser weighs against this many words of text
OTHER_BLOCK_SHARE = 0.5  # text apart from the article's block this heavy is article too
MAX_NOTICE_WORDS = 30  # a copyright notice is a line of at most this many words


def _is_copyright(line: str) -> bool:
    """A copyright notice or photo credit line, not a paragraph that mentions one."""
    return _word_count(line) <= MAX_NOTICE_WORDS and bool(COPYRIGHT_RE.search(line))


# A word every embed's placeholder has (lower case): a cheap test first.
_NOTICE_HINT = re.compile(r"inhalt|content|contenu|datenschutz|privatsph|privacy|cookie|anzeige")


def _stands_in(line: str) -> bool:
    """A line that is only a photo credit ("Paul Morigi/Getty Images"), a label
    ("Advertisement", "5 min read"), or what a page shows in place of an embed
    ("Externer Inhalt nicht verfügbar"). Dropped from what is kept, not before: beside
    the captions and menus around it, it helps tell the page's furniture from its text."""
    if _word_count(line) > MAX_NOTICE_WORDS:
        return False
    notice = _NOTICE_HINT.search(line.lower()) and EMBED_NOTICE_RE.search(line)
    return bool(notice or CREDIT_ONLY_RE.fullmatch(line) or UI_LABEL_RE.fullmatch(line.strip()))


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines back into one line a paragraph.

    Text saved with its source's line breaks (``<pre>``, or HTML written with newlines
    inside paragraphs) breaks sentences anywhere: a line that starts in lower case after
    one that ends mid-sentence continues it, if it ends the sentence or has the length
    of wrapped text. A short lower-case tail after a headline (``vor 2 Stunden``, ``di
    Mario Rossi``, an icon's name) is not a continuation; code keeps its lines.
    """
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if (
            prev
            and line.lstrip()[:1].islower()
            and not _SENTENCE_TAIL.search(prev)
            and (_SENTENCE_TAIL.search(line) or _word_count(line) >= WRAPPED_WORDS)
            and max(_word_count(prev), _word_count(line)) >= WRAPPED_WORDS
            and not _CODE_RE.search(prev)
            and not _CODE_RE.search(line)
        ):
            out[-1] = f"{prev.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _short_runs(texty: list[bool], lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of consecutive non-text lines in ``texty[lo:hi]``."""
    hi = len(texty) if hi is None else hi
    runs: list[tuple[int, int]] = []
    for i in range(lo, hi):
        if texty[i]:
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _line_scores(lines: list[str], texty: list[bool]) -> list[float]:
    """How much each line says "article here".

    A sentence counts its words; a short line of page furniture (menu entry, teaser
    title, share button) costs ``SHORT_LINE_COST``; code, tables, lists and lines with
    no letters (chart labels, dates, counters) count nothing either way.
    """
    scores = []
    for line, text in zip(lines, texty, strict=True):
        if text:
            scores.append(float(_word_count(line)))
        elif _is_content_line(line) or not any(c.isalpha() for c in line):
            scores.append(0.0)
        else:
            scores.append(-SHORT_LINE_COST)
    for start, end in _short_runs(texty):
        if _is_content_run(lines[start:end]):
            scores[start:end] = [0.0] * (end - start)
    return scores


def _best_run(scores: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The run of ``scores[lo:hi]`` with the largest sum: ``(sum, start, end)``."""
    best, span = 0.0, (lo, lo)
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += scores[i]
        if total > best:
            best, span = total, (start, i + 1)
    return best, span[0], span[1]


def _text_blocks(lines: list[str], texty: list[bool]) -> list[tuple[int, int]]:
    """The ``(start, end)`` line spans that hold the article.

    The article is where sentences outweigh the short lines between them: the run of
    lines with the best score. Text beyond a long stretch of menus and teaser titles is
    another part of the page (a footer, comments, the next story's summary) unless it
    weighs at least ``OTHER_BLOCK_SHARE`` of the article: then the article goes on after
    a gallery, a table of contents or a widget. A list or a code block right before or
    after a block belongs to it.
    """
    scores = _line_scores(lines, texty)
    top, start, end = _best_run(scores, 0, len(scores))
    found = [(start, end)]
    todo = [(0, start), (end, len(scores))]
    while todo:
        lo, hi = todo.pop()
        score, start, end = _best_run(scores, lo, hi)
        if score > 0 and score >= OTHER_BLOCK_SHARE * top:
            found.append((start, end))
            todo += [(lo, start), (end, hi)]
    blocks: list[tuple[int, int]] = []
    for first, stop in sorted(found):
        start, end = first, stop
        while start > 0 and is_listed(lines[start - 1]):
            start -= 1
        while end < len(lines) and is_listed(lines[end]):
            end += 1
        if blocks and start <= blocks[-1][1]:
            start = blocks.pop()[0]
        blocks.append((start, end))
    return blocks


def _main_lines(text: str) -> str:
    """``_kept_lines`` of ``text`` without photo credits and embeds' placeholders."""
    return "\n".join(line for line in _kept_lines(text).split("\n") if not _stands_in(line))


def _kept_lines(text: str) -> str:
    """Keep the running text of a flattened page: its sentences and their headings.

    A scraper's dump of a whole page puts every menu entry, share button, teaser title
    and footer link on its own short line without a full stop; article paragraphs are
    sentences. The article is the block of the page where sentences dominate
    (``_text_blocks``); inside it, short lines stay as headings, captions and list items
    when they come a few at a time, and code, tables and written-out lists however
    long they run. A long line that runs the page's blocks together is judged by its
    parts (``_segments``), and what is kept of it put back together. Dumps of a few
    lines (the text alone, or paragraphs that run artefacts together) are left as they
    are, hard-wrapped lines joined: there the line breaks do not mark blocks. Copyright
    lines go from every dump.
    """
    lines = [line for line in text.split("\n") if line.strip() and not _is_copyright(line)]
    lines = _join_wrapped(lines)
    # Judge the parts of lines that run a page's blocks together; put back together
    # what is kept of each line (``origin``: the line each part comes from).
    parts = [(n, part) for n, line in enumerate(lines) for part in _segments(line)]
    if len(parts) < MIN_PAGE_LINES:
        return "\n".join(lines)
    origin = [n for n, _ in parts]
    lines = [part for _, part in parts]
    texty = [_is_text_line(line) for line in lines]
    if not any(texty):
        return "\n".join(lines)
    kept: list[int] = []
    for start, end in _text_blocks(lines, texty):
        runs = {run[0]: run[1] for run in _short_runs(texty, start, end)}
        i = start
        while i < end:
            if i not in runs:
                kept.append(i)
                i += 1
                continue
            run = lines[i : runs[i]]
            if len(run) <= MAX_SHORT_RUN or _is_content_run(run):
                kept.extend(range(i, runs[i]))
            i = runs[i]
    out: list[str] = []
    for k, i in enumerate(kept):
        if k and origin[kept[k - 1]] == origin[i] and kept[k - 1] == i - 1:
            out[-1] += " " + lines[i]
        else:
            out.append(lines[i])
    return "\n".join(out)
