"""Query stage: ``newsarchive search`` over the Whoosh index (imports whoosh, as
``whoosh_index`` does; nothing else does).

Scores are Whoosh's BM25F with the average field lengths of ``snapshot.Catalog`` (sums of
the stored per-document lengths, kept in ``stats.json`` by ``whoosh_index``), not
Whoosh's own history-dependent totals, and with document counts and frequencies of live
documents only (deleted ones wait in their segments for a merge); ties and filter-only
results follow the canonical order (``snapshot.order_key``). So the answers are those
of the static index, whatever the history of the Whoosh index.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.searching import Searcher

from newsarchive.search import schema
from newsarchive.search.plan import Clause, Plan
from newsarchive.search.snapshot import DocInfo, avg_length, doc_matches_filters, order_key
from newsarchive.search.whoosh_index import open_index, stem, term_text

__all__ = ["WhooshLexicon", "execute_plan", "live_frequency", "open_reader"]


def live_frequency(reader: IndexReader, fieldname: str, text: str | bytes) -> int:
    """Documents with the term, not counting deleted ones (Whoosh's ``doc_frequency``
    counts them until a merge drops them: a number that depends on history)."""
    if (fieldname, text) not in reader:
        return 0
    if not reader.has_deletions():
        return int(reader.doc_frequency(fieldname, text))
    return sum(1 for _ in reader.postings(fieldname, text).all_ids())


class _Scorer(BM25FScorer):  # type: ignore[misc]
    """Whoosh's BM25F scorer with the average field length given, not Whoosh's own."""

    def __init__(
        self, searcher: Searcher, fieldname: str, text: bytes, avgfl: float, qf: int = 1
    ) -> None:
        parent = searcher.get_parent()  # Returns self if no parent
        self.idf = parent.idf(fieldname, text)
        self.avgfl = avgfl
        self.B = schema.B
        self.K1 = schema.K1
        self.qf = qf
        self.setup(searcher, fieldname, text)


class _Weighting(BM25F):  # type: ignore[misc]
    """Whoosh's BM25F over statistics of the live documents alone: the average lengths
    from the stored per-document lengths (``snapshot.Catalog``), the document count and
    frequencies without deleted documents. These are the numbers the static index
    exports, whatever merges (or pending deletions) the index has."""

    def __init__(self, totals: Mapping[str, int], doc_count: int) -> None:
        super().__init__(B=schema.B, K1=schema.K1)
        self._doc_count = doc_count
        self._avg = {fld: avg_length(total, doc_count) for fld, total in totals.items()}

    def idf(self, searcher: Searcher, fieldname: str, text: bytes) -> float:
        df = live_frequency(searcher.get_parent().reader(), fieldname, text)
        return math.log(self._doc_count / (df + 1)) + 1

    def scorer(self, searcher: Searcher, fieldname: str, text: bytes, qf: int = 1) -> Any:
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        return _Scorer(searcher, fieldname, text, self._avg.get(fieldname, 1.0), qf=qf)


@contextmanager
def open_reader(index_dir: Path) -> Iterator[Searcher]:
    """A BM25F searcher on the index in ``index_dir``; raises if there is none."""
    ix, totals = open_index(index_dir)
    weighting = _Weighting(totals, ix.doc_count())
    with ix.searcher(weighting=weighting) as searcher:
        yield searcher


class WhooshLexicon:
    """The ``plan.Lexicon`` of a Whoosh index: vocabulary from its ``words`` field (the
    words of live documents: a word left only in deleted ones is not known)."""

    def __init__(self, reader: IndexReader) -> None:
        self._reader = reader

    def stem(self, word: str, lang: str) -> str | None:
        return stem(word, lang)

    def known(self, word: str) -> bool:
        return self._df(word) > 0

    def _df(self, word: str) -> int:
        return live_frequency(self._reader, "words", word)

    def _counted(self, words: Iterable[str]) -> list[tuple[str, int]]:
        counted = [(w, self._df(w)) for w in words]
        return [(w, df) for w, df in counted if df]

    def completions(self, prefix: str) -> list[tuple[str, int]]:
        words = (term_text(w) for w in self._reader.expand_prefix("words", prefix))
        return self._counted(w for w in words if w != prefix)

    def neighbours(self, word: str) -> list[tuple[str, int]]:
        from newsarchive.search.text import one_edit

        words = (term_text(w) for w in self._reader.expand_prefix("words", word[0]))
        return self._counted(w for w in words if one_edit(word, w))


def _clause_query(clause: Clause) -> wq.Query:
    return wq.Or([wq.Term(f, t, boost=w) for (f, t), w in sorted(clause.terms.items())])


def _phrase_docs(reader: IndexReader, phrase: tuple[tuple[int, str], ...]) -> set[int]:
    """Documents where the phrase's words stand at their offsets in some one field."""
    found: set[int] = set()
    for fld in schema.scored_fields():
        lang = schema.field_lang(fld)
        parts = [(off, stem(w, lang) if lang else w) for off, w in phrase]
        parts = [(off, t) for off, t in parts if t is not None]
        if not parts:
            continue
        positions: list[tuple[int, dict[int, set[int]]]] = []
        for off, term in parts:
            if (fld, term) not in reader:
                break
            per_doc: dict[int, set[int]] = {}
            m = reader.postings(fld, term)
            while m.is_active():
                per_doc[m.id()] = set(m.value_as("positions"))
                m.next()
            positions.append((off, per_doc))
        else:
            first_off, first = positions[0]
            for docnum, starts in first.items():
                if all(docnum in pd for _, pd in positions) and any(
                    all(p - first_off + off in pd[docnum] for off, pd in positions) for p in starts
                ):
                    found.add(docnum)
    return found


def _order(stored: Mapping[str, Any]) -> tuple[str, str]:
    return order_key(stored["meta"]["date"], stored["url"])


def execute_plan(searcher: Searcher, plan: Plan) -> list[tuple[float, dict[str, Any]]]:
    """Run ``plan``: ``(score, stored fields)`` of every match, best first.

    Ties are broken by the canonical order (``snapshot.order_key``): by ``sid``, as in
    ``search.js``.
    """
    parsed = plan.parsed
    if plan.empty and not parsed.has_filters:
        return []
    if any(c.required and not c.terms for c in plan.clauses):
        return []
    reader = searcher.reader()
    required = [_clause_query(c) for c in plan.clauses if c.required]
    optional = [_clause_query(c) for c in plan.clauses if not c.required and c.terms]
    query: wq.Query
    if plan.empty:
        query = wq.Every()  # filters alone: everything they allow, newest first
    elif required:
        query = wq.And(required)
        if optional:
            query = wq.AndMaybe(query, wq.Or(optional))
    elif optional:
        query = wq.Or(optional)
    else:
        return []
    excluded = [_clause_query(c) for c in plan.excluded if c.terms]
    if excluded:
        query = wq.AndNot(query, wq.Or(excluded))
    allowed: set[int] | None = None
    if parsed.has_filters:
        allowed = set()
        for docnum, fields in searcher.iter_docs():
            meta = fields["meta"]
            info = DocInfo(
                0,
                "",
                "",
                meta["date"],
                meta["lang"],
                meta["site"],
                tuple(meta["tags"]),
                "",
                "",
                {},
            )
            if doc_matches_filters(
                info,
                tags=parsed.tags,
                sites=parsed.sites,
                langs=parsed.langs,
                date_from=parsed.date_from,
                date_to=parsed.date_to,
            ):
                allowed.add(docnum)
    for phrase in plan.phrases:
        docs = _phrase_docs(reader, phrase)
        allowed = docs if allowed is None else allowed & docs
    banned: set[int] = set()
    for phrase in plan.excluded_phrases:
        banned |= _phrase_docs(reader, phrase)
    if allowed is not None and not allowed:
        return []  # Whoosh reads an empty filter set as "no filter"
    results = searcher.search(query, limit=None, filter=allowed, mask=banned or None)
    if plan.empty:
        hits = [(0.0, hit.fields()) for hit in results]
        hits.sort(key=lambda h: _order(h[1]))
        hits.sort(key=lambda h: h[1]["meta"]["date"], reverse=True)
        return hits
    hits = [(hit.score, hit.fields()) for hit in results]
    # Rounded like search.js (Math.round), ties by sid: float sums may differ in the
    # last bits between Whoosh's matcher tree and the browser's loop.
    hits.sort(key=lambda h: (-math.floor(h[0] * 1e9 + 0.5), _order(h[1])))
    return hits
