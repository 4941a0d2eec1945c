"""Query stage: query syntax and query plans, pure (no whoosh, no I/O).

``parse_query`` reads what a reader types; ``plan_query`` turns it into weighted
``(field, term)`` clauses using a ``Lexicon`` (the corpus vocabulary and the stemmers).
The Whoosh side executes a plan with Whoosh queries; ``search.js`` builds the same plan
from the static dictionary and scores it with the same BM25F sum, which is what makes
the browser and ``newsarchive search`` agree.

Syntax: ``words``, ``"a phrase"``, ``-word``, ``-"a phrase"``, ``tag:x`` (``tag:"x y"``),
``site:x``, ``lang:it``, ``date:2021``, ``date:2021-02``, ``date:[2020-01-01 to 2021-12]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from newsarchive.search import schema
from newsarchive.search.text import normalize, tokenize

__all__ = ["Clause", "Lexicon", "ParsedQuery", "Plan", "parse_query", "plan_query"]

_TOKEN_RE = re.compile(
    r"(?P<neg>-)?(?:(?P<key>tag|site|lang|date):)?"
    r'(?:"(?P<quoted>[^"]*)"?|\[(?P<range>[^\]]*)\]?|(?P<bare>[^\s"]+))'
)


@dataclass(frozen=True)
class ParsedQuery:
    """What the reader asked for, normalised (accents and case folded)."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()
    excluded_phrases: tuple[tuple[str, ...], ...] = ()
    tags: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    date_from: str = ""  # ISO prefix, inclusive; "" is open
    date_to: str = ""
    prefix: bool = False  # the last word is still being typed: complete it

    @property
    def has_filters(self) -> bool:
        return bool(self.tags or self.sites or self.langs or self.date_from or self.date_to)


def _date_bounds(value: str) -> tuple[str, str]:
    value = value.strip()
    parts = re.split(r"\s+to\s+|\.\.", value, maxsplit=1)
    if len(parts) == 2:
        low, high = parts[0].strip(), parts[1].strip()
        return ("" if low in ("", "*") else low), ("" if high in ("", "*") else high)
    return value, value


def parse_query(text: str) -> ParsedQuery:
    """Parse the search box syntax; unknown ``key:`` prefixes are plain words."""
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[str] = []
    excluded_phrases: list[tuple[str, ...]] = []
    filters: dict[str, list[str]] = {"tag": [], "site": [], "lang": []}
    date_from = date_to = ""
    last_is_bare = False
    for match in _TOKEN_RE.finditer(text):
        neg, key = bool(match["neg"]), match["key"]
        value = match["quoted"] if match["quoted"] is not None else match["range"]
        if value is None:
            value = match["bare"] or ""
        last_is_bare = False
        if key == "date":
            date_from, date_to = _date_bounds(value)
        elif key:
            filters[key].append(" ".join(tokenize(value)) if key == "tag" else normalize(value))
        elif match["quoted"] is not None:
            tokens = tuple(tokenize(value))
            if len(tokens) > 1:
                (excluded_phrases if neg else phrases).append(tokens)
            elif tokens:
                (excluded if neg else words).append(tokens[0])
        else:
            tokens = tuple(tokenize(value))
            if neg:
                excluded.extend(tokens)
            else:
                words.extend(tokens)
                last_is_bare = bool(tokens)
    return ParsedQuery(
        words=tuple(words),
        phrases=tuple(phrases),
        excluded=tuple(excluded),
        excluded_phrases=tuple(excluded_phrases),
        tags=tuple(filters["tag"]),
        sites=tuple(filters["site"]),
        langs=tuple(filters["lang"]),
        date_from=date_from,
        date_to=date_to,
        prefix=last_is_bare,
    )


class Lexicon(Protocol):
    """The corpus vocabulary as a plan needs it (Whoosh reader or static dictionary)."""

    def stem(self, word: str, lang: str) -> str | None:
        """``word`` analysed for ``lang``; None for a stop word."""

    def known(self, word: str) -> bool:
        """Whether ``word`` occurs in the corpus."""

    def completions(self, prefix: str) -> list[tuple[str, int]]:
        """Corpus words starting with ``prefix`` (not itself), with document counts."""

    def neighbours(self, word: str) -> list[tuple[str, int]]:
        """Corpus words one edit from ``word`` (first letter kept), with counts."""


@dataclass(frozen=True)
class Clause:
    """One query word: its ``(field, term)`` alternatives and their weights."""

    word: str
    terms: dict[tuple[str, str], float]
    required: bool
    surfaces: tuple[str, ...] = ()  # corpus words it stands for (for highlighting)


@dataclass(frozen=True)
class Plan:
    parsed: ParsedQuery
    clauses: tuple[Clause, ...] = ()
    excluded: tuple[Clause, ...] = ()
    phrases: tuple[tuple[tuple[int, str], ...], ...] = ()  # (offset, word), stop words out
    excluded_phrases: tuple[tuple[tuple[int, str], ...], ...] = ()
    stems: tuple[str, ...] = field(default=())  # for highlighting

    @property
    def empty(self) -> bool:
        return not self.clauses


def _top(candidates: list[tuple[str, int]], limit: int) -> list[str]:
    return [w for w, _ in sorted(candidates, key=lambda c: (-c[1], c[0]))[:limit]]


def _terms(lex: Lexicon, word: str, weight: float, into: dict[tuple[str, str], float]) -> None:
    for fld in schema.scored_fields():
        lang = schema.field_lang(fld)
        term = lex.stem(word, lang) if lang else word
        if term is None:
            continue
        key = (fld, term)
        into[key] = max(into.get(key, 0.0), weight * schema.FIELD_WEIGHTS[fld])


def _is_stop(lex: Lexicon, word: str) -> bool:
    return any(lex.stem(word, lang) is None for lang in schema.LANGS)


def plan_query(parsed: ParsedQuery, lex: Lexicon) -> Plan:
    """Resolve each word to weighted terms: exact, completions of the last word, typos."""
    words = list(dict.fromkeys([*parsed.words, *(w for p in parsed.phrases for w in p)]))
    clauses: list[Clause] = []
    for index, word in enumerate(words):
        terms: dict[tuple[str, str], float] = {}
        known = lex.known(word)
        # Only corpus words have exact terms: the browser knows stems of those alone.
        if known:
            _terms(lex, word, 1.0, terms)
        surfaces = [word]
        is_last = parsed.prefix and index == len(parsed.words) - 1 and word == parsed.words[-1]
        extra: list[str] = []
        if is_last and len(word) >= schema.PREFIX_MIN:
            extra = _top(lex.completions(word), schema.PREFIX_MAX)
            for other in extra:
                _terms(lex, other, schema.PREFIX_WEIGHT, terms)
        if not extra and len(word) >= schema.TYPO_MIN and not known:
            extra = _top(lex.neighbours(word), schema.TYPO_MAX)
            for other in extra:
                _terms(lex, other, schema.TYPO_WEIGHT, terms)
        surfaces.extend(extra)
        # A stop word in either language cannot be required: an Italian article has
        # no "le" to match in its fields, the English index has no "the".
        # Words with the same terms ("azienda aziende") count once, as Whoosh's query
        # normalisation drops duplicate subqueries.
        if terms and any(c.terms == terms for c in clauses):
            continue
        required = not (known and _is_stop(lex, word))
        clauses.append(Clause(word, terms, required, tuple(surfaces)))
    excluded = []
    for word in parsed.excluded:
        terms = {}
        if lex.known(word):
            _terms(lex, word, 1.0, terms)
        excluded.append(Clause(word, terms, True, (word,)))
    stems = sorted({t for c in clauses for (f, t) in c.terms if schema.field_lang(f)})
    return Plan(
        parsed=parsed,
        clauses=tuple(clauses),
        excluded=tuple(excluded),
        phrases=tuple(tuple(enumerate(p)) for p in parsed.phrases),
        excluded_phrases=tuple(tuple(enumerate(p)) for p in parsed.excluded_phrases),
        stems=tuple(stems),
    )
