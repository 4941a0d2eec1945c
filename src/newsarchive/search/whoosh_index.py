"""Index stage: the Whoosh index (the only module that imports whoosh).

``update_index`` keeps the index in step with the archive incrementally: a document is
keyed by its URL and a hash of its content, so only new or changed articles are
(re)indexed and vanished ones deleted. The index is optimised after a change so it holds
no deleted documents: BM25F statistics (document count, field lengths, document
frequencies) are then exact, and ``read_snapshot`` can hand the very same numbers to the
static index, which is how the browser reproduces Whoosh's scores.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import (
    Analyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang import stopwords_for_language
from whoosh.reading import IndexReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from newsarchive import NewsarchiveError
from newsarchive.search import schema
from newsarchive.search.documents import SearchDoc
from newsarchive.search.plan import Clause, Plan
from newsarchive.search.snapshot import DocInfo, Posting, Snapshot, doc_matches_filters
from newsarchive.search.text import WORD_RE, normalize, tokenize

__all__ = [
    "IndexMissingError",
    "UpdateStats",
    "WhooshLexicon",
    "execute_plan",
    "open_reader",
    "read_snapshot",
    "update_index",
]

logger = logging.getLogger(__name__)
INDEX_NAME = "newsarchive"
SCHEMA_TAG = f"v{schema.FORMAT_VERSION}"


class IndexMissingError(NewsarchiveError):
    """There is no search index where one was expected."""


@dataclass(frozen=True)
class UpdateStats:
    added: int
    updated: int
    deleted: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted)


def _stem_analyzer(lang: str) -> Analyzer:
    # Text arrives normalised (accents folded, lowercase), so the stop list is folded too.
    stops = {normalize(w) for w in stopwords_for_language(lang)}
    return (
        RegexTokenizer(WORD_RE.pattern)
        | LowercaseFilter()
        | StopFilter(stoplist=stops, minsize=2)
        | StemFilter(lang=lang)
    )


def _simple_analyzer() -> Analyzer:
    return RegexTokenizer(WORD_RE.pattern) | LowercaseFilter()


_ANALYZERS: dict[str, Analyzer] = {lang: _stem_analyzer(lang) for lang in schema.LANGS}


def build_schema() -> Schema:
    fields: dict[str, Any] = {
        "url": ID(stored=True, unique=True),
        "key": ID(stored=True),
        "meta": STORED(),
        # Every normalised word: the vocabulary. Scorable only so that the field has a
        # lengths column: without one, Whoosh stats a file for every posting it writes.
        "words": KEYWORD(scorable=True),
        "schema": ID(),
    }
    for fld in schema.scored_fields():
        lang = schema.field_lang(fld)
        analyzer = _ANALYZERS[lang] if lang else _simple_analyzer()
        fields[fld] = TEXT(analyzer=analyzer, phrase=True)
    return Schema(**fields)


def _doc_lang(doc: SearchDoc) -> str:
    return doc.lang if doc.lang in schema.LANGS else "en"


def _content_key(doc: SearchDoc) -> str:
    raw = json.dumps(asdict(doc), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def _fields_for(doc: SearchDoc, sid: int, key: str) -> dict[str, Any]:
    lang = _doc_lang(doc)
    texts = {"title": doc.title, "summary": doc.summary, "body": doc.body}
    fields: dict[str, Any] = {f"{part}_{lang}": normalize(texts[part]) for part in texts}
    fields["tags"] = normalize(" , ".join(doc.tags))
    fields["authors"] = normalize(" , ".join(doc.authors))
    every = " ".join([doc.title, doc.summary, doc.body, *doc.tags, *doc.authors])
    fields["words"] = " ".join(sorted(set(tokenize(every))))
    meta = {
        "sid": sid,
        "title": doc.title,
        "date": doc.date,
        "lang": doc.lang,
        "site": normalize(doc.site),
        "tags": [" ".join(tokenize(t)) for t in doc.tags],
        "summary": doc.summary,
        "text": doc.body[: schema.STORED_TEXT_CHARS],
    }
    return {"url": doc.url, "key": key, "meta": meta, "schema": SCHEMA_TAG, **fields}


def _open_or_create(index_dir: Path) -> whoosh_index.Index:
    index_dir.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
        ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
        if sorted(ix.schema.names()) == sorted(build_schema().names()):
            with ix.searcher() as s:
                if s.doc_count() == 0 or s.document(schema=SCHEMA_TAG) is not None:
                    return ix
        logger.info("search index in %s has an old schema: rebuilding it", index_dir)
    return whoosh_index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)


def update_index(index_dir: Path, docs: Iterable[SearchDoc]) -> UpdateStats:
    """Bring the index in ``index_dir`` in line with ``docs`` (created if missing)."""
    wanted = {doc.url: doc for doc in docs}
    ix = _open_or_create(index_dir)
    with ix.searcher() as searcher:
        existing = {f["url"]: (f["key"], f["meta"]["sid"]) for f in searcher.all_stored_fields()}
    next_sid = max((sid for _, sid in existing.values()), default=-1) + 1
    added = updated = unchanged = 0
    writes: list[dict[str, Any]] = []
    for url in sorted(wanted):
        key = _content_key(wanted[url])
        if url in existing and existing[url][0] == key:
            unchanged += 1
            continue
        if url in existing:
            sid = existing[url][1]
            updated += 1
        else:
            sid, next_sid = next_sid, next_sid + 1
            added += 1
        writes.append(_fields_for(wanted[url], sid, key))
    gone = sorted(set(existing) - set(wanted))
    stats = UpdateStats(added, updated, len(gone), unchanged)
    if stats.changed:
        writer = ix.writer(limitmb=512)  # postings pooled in memory, not spilled
        for url in gone:
            writer.delete_by_term("url", url)
        for fields in writes:
            if fields["url"] in existing:
                writer.update_document(**fields)
            else:
                writer.add_document(**fields)  # no unique-key lookup for a new URL
        # Deleted documents would skew BM25 statistics (document frequencies and field
        # lengths still count them), so after a deletion or an update everything is
        # merged into one clean segment. Additions alone keep the statistics exact
        # across segments, and Whoosh's default policy merges only small segments:
        # adding ten articles does not rewrite the whole index.
        writer.commit(optimize=bool(gone or updated))
    logger.info("search index: %s", stats)
    return stats


@contextmanager
def open_reader(index_dir: Path) -> Iterator[Searcher]:
    """A BM25F searcher on the index in ``index_dir``; raises if there is none."""
    if not whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
        raise IndexMissingError(
            f"no search index in {index_dir}: build the site first (newsarchive build)"
        )
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    with ix.searcher(weighting=BM25F(B=schema.B, K1=schema.K1)) as searcher:
        yield searcher


class WhooshLexicon:
    """The ``plan.Lexicon`` of a Whoosh index: vocabulary from its ``words`` field."""

    def __init__(self, reader: IndexReader) -> None:
        self._reader = reader

    def stem(self, word: str, lang: str) -> str | None:
        return stem(word, lang)

    def known(self, word: str) -> bool:
        return ("words", word) in self._reader

    def _df(self, word: str) -> int:
        return int(self._reader.doc_frequency("words", word))

    def completions(self, prefix: str) -> list[tuple[str, int]]:
        words = (
            w.decode("utf-8") if isinstance(w, bytes) else w
            for w in self._reader.expand_prefix("words", prefix)
        )
        return [(w, self._df(w)) for w in words if w != prefix]

    def neighbours(self, word: str) -> list[tuple[str, int]]:
        from newsarchive.search.text import one_edit

        words = (
            w.decode("utf-8") if isinstance(w, bytes) else w
            for w in self._reader.expand_prefix("words", word[0])
        )
        return [(w, self._df(w)) for w in words if one_edit(word, w)]


def stem(word: str, lang: str) -> str | None:
    """``word`` (normalised) as the ``lang`` fields index it; None for a stop word."""
    tokens = [t.text for t in _ANALYZERS[lang](word)]
    return tokens[0] if tokens else None


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


def execute_plan(searcher: Searcher, plan: Plan) -> list[tuple[float, dict[str, Any]]]:
    """Run ``plan``: ``(score, stored fields)`` of every match, best first.

    Ties are broken by ``sid``, as in ``search.js``.
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
        hits.sort(key=lambda h: h[1]["meta"]["sid"])
        hits.sort(key=lambda h: h[1]["meta"]["date"], reverse=True)
        return hits
    hits = [(hit.score, hit.fields()) for hit in results]
    # Rounded like search.js (Math.round), ties by sid: float sums may differ in the
    # last bits between Whoosh's matcher tree and the browser's loop.
    hits.sort(key=lambda h: (-math.floor(h[0] * 1e9 + 0.5), h[1]["meta"]["sid"]))
    return hits


def read_snapshot(index_dir: Path) -> Snapshot:
    """Everything in the index the static index needs, by stable ``sid``."""
    with open_reader(index_dir) as searcher:
        reader = searcher.reader()
        sid_of: dict[int, int] = {}
        docs: list[DocInfo] = []
        fields = schema.scored_fields()
        for docnum, stored in reader.iter_docs():
            meta = stored["meta"]
            sid_of[docnum] = meta["sid"]
            lengths = {f: int(reader.doc_field_length(docnum, f, 0) or 0) for f in fields}
            docs.append(
                DocInfo(
                    sid=meta["sid"],
                    url=stored["url"],
                    title=meta["title"],
                    date=meta["date"],
                    lang=meta["lang"],
                    site=meta["site"],
                    tags=tuple(meta["tags"]),
                    summary=meta["summary"],
                    text=meta["text"],
                    lengths={f: n for f, n in lengths.items() if n},
                )
            )
        postings: dict[tuple[str, str], tuple[Posting, ...]] = {}
        for fld in fields:
            for term in reader.lexicon(fld):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                plist = []
                m = reader.postings(fld, term)
                while m.is_active():
                    plist.append(
                        Posting(sid_of[m.id()], m.weight(), tuple(m.value_as("positions")))
                    )
                    m.next()
                postings[(fld, text)] = tuple(sorted(plist, key=lambda p: p.sid))
        vocabulary: dict[str, tuple[int, dict[str, str | None]]] = {}
        word_sids: dict[str, tuple[int, ...]] = {}
        for term in reader.lexicon("words"):
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            vocabulary[word] = (
                int(reader.doc_frequency("words", word)),
                {lang: stem(word, lang) for lang in schema.LANGS},
            )
            word_sids[word] = tuple(
                sorted(sid_of[d] for d in reader.postings("words", term).all_ids())
            )
        return Snapshot(
            doc_count=reader.doc_count_all(),
            field_totals={f: int(reader.field_length(f)) for f in fields},
            docs=tuple(sorted(docs, key=lambda d: d.sid)),
            postings=postings,
            vocabulary=vocabulary,
            word_sids=word_sids,
        )
