"""Import stage, clean: repairs inside a line of a flattened dump.

A scraper that joins a page's text nodes leaves spaces where a link or an emphasis
began or ended (``close_inline_gaps``), and may save the page's own scripts run into
a line of its text (``without_inline_scripts``).
"""

from __future__ import annotations

import re

from newsarchive.importer.dump.lineshape import _CODE_RE

__all__ = ["close_inline_gaps", "without_inline_scripts"]

# A scraper that joins a page's text nodes with spaces leaves one wherever a link or
# an emphasis ended or began: "ThisPersonDoesNotExist.com , a website", "( Reuters )",
# "Discovery 's crew", "an artificial “ brain". No language spaces a comma, a closing
# parenthesis or a possessive off its word, nor an opening one off the next. Left alone:
# ":;!?" (French spaces them), ". . ." and ".NET", and a “ that closes a German quote
# („Gefahr“ und): only a “ after a space opens one.
_INLINE_GAPS = (
    (re.compile(r"(?<=[^\s,(]) +(?=,(?:\s|$))"), ""),
    (re.compile(r"(?<=[^\s.]) +\.(?=\s|$)(?! \.)"), "."),
    (re.compile(r"(?<=[^\s(]) +(?=\))"), ""),
    (re.compile(r"\( +(?=[^\s)])"), "("),
    (re.compile(r"(?<=\w) +(?=['’]s\b)"), ""),
    (re.compile(r"(?:^|(?<=\s))“ +(?=\w)"), "“"),
    (re.compile(r"(?<=[\w.!?]) +”(?=\s|$|[,.;:!?)])"), "”"),
)


def close_inline_gaps(text: str) -> str:
    """``text`` without the spaces a flattening scraper put inside its phrases; a line of
    code keeps its own."""
    if _CODE_RE.search(text):
        return text
    for pattern, repl in _INLINE_GAPS:
        text = pattern.sub(repl, text)
    return text


# The page's own script, scraped with its text: a call on the page's DOM that takes a
# function ("document.addEventListener('DOMContentLoaded', function(){ … })", the
# Guardian's menus), run into a line of other words. A tutorial's code stands on lines
# of its own, and stays.
_DOM_CALL_RE = re.compile(r"\b(?:document|window)(?:\.\w+)+\s*\(")
MIN_WORDS_BESIDE_SCRIPT = 3


def _script_end(line: str, start: int) -> int:
    """Where the call opening at ``start`` (its "(" the last character of the match)
    closes, with the ";" after it; -1 when it does not close in ``line``."""
    depth = 0
    for i in range(start, len(line)):
        if line[i] in "({[":
            depth += 1
        elif line[i] in ")}]":
            depth -= 1
            if depth == 0:
                return i + 1 + (line[i + 1 : i + 2] == ";")
    return -1


def without_inline_scripts(line: str) -> str:
    """``line`` without the page scripts run into it (``_DOM_CALL_RE``)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while match := _DOM_CALL_RE.search(line, pos):
        end = _script_end(line, match.end() - 1)
        if end < 0:
            break
        if "{" in line[match.end() : end]:
            spans.append((match.start(), end))
        pos = end
    if not spans:
        return line
    parts, last = [], 0
    for start, end in spans:
        parts.append(line[last:start])
        last = end
    kept = " ".join(" ".join([*parts, line[last:]]).split())
    return kept if len(kept.split()) >= MIN_WORDS_BESIDE_SCRIPT else line
