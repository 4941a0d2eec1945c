"""Index stage: the Whoosh index (``whoosh_search`` runs queries on it; these two are the
only modules that import whoosh).

``update_index`` keeps the index in step with the archive incrementally: a document is
keyed by its URL and a hash of its content, so only new or changed articles are
(re)indexed and vanished ones deleted. Deleted documents are merged away only when
they outnumber half the live ones: until then nothing read from the index counts them.

Everything read from the index is a function of the set of articles, not of the order
they were indexed in (an archive updated day by day reads as one indexed in one go):

- Field lengths: Whoosh stores each document's length rounded to a byte, and its
  ``field_length`` totals are exact for documents added in one go but sums of rounded
  lengths for documents a merge carried over. The totals used here are always the sums
  of the stored (rounded) lengths, kept up to date in ``stats.json`` beside the index
  (``open_index``), for BM25F in ``whoosh_search`` as for the static index.
- Sids: ``open_source`` numbers articles in the canonical order (``snapshot.order_key``:
  date, URL), from a catalog read out of one column; the postings of any range of
  articles come from the term vectors of those articles alone, so an update reads
  what changed, not every posting.
"""

from __future__ import annotations

import hashlib
import json
import logging
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import (
    Analyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang import stopwords_for_language
from whoosh.reading import IndexReader

from newsarchive import NewsarchiveError
from newsarchive.fileio import replace_if_changed
from newsarchive.search import schema
from newsarchive.search.documents import SearchDoc
from newsarchive.search.snapshot import (
    Catalog,
    DocInfo,
    DocRef,
    Snapshot,
    order_key,
    pack_posting,
)
from newsarchive.search.text import WORD_RE, normalize, tokenize

__all__ = [
    "IndexMissingError",
    "UpdateStats",
    "open_index",
    "open_source",
    "read_snapshot",
    "stem",
    "term_text",
    "update_index",
]

logger = logging.getLogger(__name__)
INDEX_NAME = "newsarchive"
SCHEMA_TAG = f"v{schema.FORMAT_VERSION}"
# Field totals beside Whoosh's files (not named like them, so Whoosh's clean-up spares it).
STATS_FILE = "stats.json"
_SEP = "\x1f"  # between the parts of a "ref" value: url, key, date, lang, site


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
        "meta": STORED(),
        # url, content key, date, lang and site in one column: the catalog of every
        # document is read from it without unpickling every stored document.
        "ref": COLUMN(VarBytesColumn()),
        # Every normalised word: the vocabulary. Scorable only so that the field has a
        # lengths column: without one, Whoosh stats a file for every posting it writes.
        "words": KEYWORD(scorable=True, vector=True),
        "schema": ID(),
    }
    for fld in schema.scored_fields():
        lang = schema.field_lang(fld)
        analyzer = _ANALYZERS[lang] if lang else _simple_analyzer()
        # Term vectors: the postings of one document, read without reading every term.
        fields[fld] = TEXT(analyzer=analyzer, phrase=True, vector=True)
    return Schema(**fields)


def _doc_lang(doc: SearchDoc) -> str:
    return doc.lang if doc.lang in schema.LANGS else "en"


def _content_key(doc: SearchDoc) -> str:
    raw = json.dumps(asdict(doc), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def _fields_for(doc: SearchDoc, key: str) -> dict[str, Any]:
    lang = _doc_lang(doc)
    texts = {"title": doc.title, "summary": doc.summary, "body": doc.body}
    fields: dict[str, Any] = {f"{part}_{lang}": normalize(texts[part]) for part in texts}
    fields["tags"] = normalize(" , ".join(doc.tags))
    fields["authors"] = normalize(" , ".join(doc.authors))
    every = " ".join([doc.title, doc.summary, doc.body, *doc.tags, *doc.authors])
    fields["words"] = " ".join(sorted(set(tokenize(every))))
    site = normalize(doc.site)
    meta = {
        "title": doc.title,
        "date": doc.date,
        "lang": doc.lang,
        "site": site,
        "tags": [" ".join(tokenize(t)) for t in doc.tags],
        "summary": doc.summary,
        "text": doc.body[: schema.STORED_TEXT_CHARS],
    }
    ref = _SEP.join([doc.url, key, doc.date, doc.lang, site]).encode("utf-8")
    return {"url": doc.url, "meta": meta, "ref": ref, "schema": SCHEMA_TAG, **fields}


def _open_or_create(index_dir: Path) -> whoosh_index.Index:
    index_dir.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
        ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
        if sorted(ix.schema.names()) == sorted(build_schema().names()):
            with ix.searcher() as s:
                current = s.doc_count() == 0 or s.document(schema=SCHEMA_TAG) is not None
            if current:
                return _without_compound_files(ix, index_dir)
        logger.info("search index in %s has an old schema: rebuilding it", index_dir)
    (index_dir / STATS_FILE).unlink(missing_ok=True)
    return whoosh_index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)


def _writer(ix: whoosh_index.Index) -> Any:
    """Whoosh's writer as every write of the index uses it.

    Postings pool in memory up to 256 MB by Whoosh's estimate (about 530 MB real), then
    spill to disk: as fast as 512 on 3,772 articles (bench/search_memory.py). Segments
    stay separate files, not one compound file: a reader copies each part of a compound
    file it opens into memory (the term vectors of a whole segment, 125 MB for 3,645
    articles), a plain file it reads where it needs to."""
    return ix.writer(limitmb=256, compound=False)


def _without_compound_files(ix: whoosh_index.Index, index_dir: Path) -> whoosh_index.Index:
    """``ix`` with its segments in plain files. Indexes written before kept a segment in
    one compound file, which a reader copies into memory part by part as it opens them
    (``update_index``); one merge, once, writes them as plain files."""
    if not any(segment.is_compound() for segment in ix._segments()):
        return ix
    logger.info("search index in %s: writing its compound segments as plain files", index_dir)
    _writer(ix).commit(optimize=True)
    return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)


@dataclass(frozen=True)
class _Row:
    """One live document as the "ref" column gives it."""

    docnum: int
    ref: DocRef


def _rows(reader: IndexReader) -> list[_Row]:
    """Every live document of ``reader``, from the "ref" column."""
    rows: list[_Row] = []
    if not reader.doc_count_all():
        return rows
    for leaf, base in reader.leaf_readers():
        column = leaf.column_reader("ref")
        for docnum in range(leaf.doc_count_all()):
            if leaf.is_deleted(docnum):
                continue
            url, key, date, lang, site = column[docnum].decode("utf-8").split(_SEP)
            rows.append(_Row(base + docnum, DocRef(url, key, date, lang, site)))
    return rows


def _lengths(reader: IndexReader, docnum: int) -> dict[str, int]:
    """The field lengths Whoosh stores for a document (rounded to a byte's precision)."""
    out = {}
    for fld in schema.scored_fields():
        length = int(reader.doc_field_length(docnum, fld, 0) or 0)
        if length:
            out[fld] = length
    return out


def _add_lengths(totals: dict[str, int], lengths: Mapping[str, int], sign: int) -> None:
    for fld, length in lengths.items():
        totals[fld] = totals.get(fld, 0) + sign * length


def _token(ix: whoosh_index.Index) -> str:
    """Names this generation of the index (segment ids are random per segment)."""
    segments = sorted(seg.segment_id() for seg in ix._segments())
    return f"{ix.latest_generation()}:{','.join(segments)}"


def _load_totals(index_dir: Path, ix: whoosh_index.Index) -> dict[str, int] | None:
    """The field totals saved for this very generation of the index, or None."""
    try:
        saved = json.loads((index_dir / STATS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("token") != _token(ix):
        return None
    return {str(k): int(v) for k, v in saved["totals"].items()}


def _count_totals(reader: IndexReader) -> dict[str, int]:
    """Field totals from every live document's stored lengths."""
    totals: dict[str, int] = {}
    for row in _rows(reader):
        _add_lengths(totals, _lengths(reader, row.docnum), 1)
    return totals


def _save_totals(index_dir: Path, ix: whoosh_index.Index, totals: Mapping[str, int]) -> None:
    body = json.dumps({"token": _token(ix), "totals": dict(sorted(totals.items()))})
    replace_if_changed(index_dir / STATS_FILE, f"{body}\n".encode())


@contextmanager
def _analysed_once(index_schema: Schema) -> Iterator[None]:
    """Whoosh analyses a field with a term vector twice per document, for its postings
    and again for its vector, with the same format, analyzer and text: here the second
    call gets the first one's result. Only while documents are added: the schema is
    pickled at commit, without the patch."""
    patched = []
    for name in index_schema.names():
        fmt = index_schema[name].vector
        if fmt is None or fmt is not index_schema[name].format:
            continue
        original = fmt.word_values
        last: list[Any] = []

        def once(value: Any, analyzer: Any, _orig: Any = original, _last: list[Any] = last,
                 **kwargs: Any) -> Iterator[Any]:  # fmt: skip
            if _last and _last[0] is value and _last[1] is analyzer and _last[2] == kwargs:
                items = _last[3]
                _last.clear()
                return iter(items)
            items = list(_orig(value, analyzer, **kwargs))
            _last[:] = [value, analyzer, dict(kwargs), items]
            return iter(items)

        fmt.word_values = once
        patched.append(fmt)
    try:
        yield
    finally:
        for fmt in patched:
            del fmt.word_values  # back to the class's method


def update_index(index_dir: Path, docs: Iterable[SearchDoc]) -> UpdateStats:
    """Bring the index in ``index_dir`` in line with ``docs`` (created if missing).

    ``docs`` may be a stream (one per URL; a repeated URL: the last one counts): only
    the documents to write are kept, so a day's update holds a few articles' text, not
    the archive's."""
    ix = _open_or_create(index_dir)
    totals = _load_totals(index_dir, ix)
    to_write: dict[str, tuple[SearchDoc, str]] = {}  # url -> (doc, content key)
    seen: set[str] = set()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        reader_deleted = reader.doc_count_all() - reader.doc_count()
        existing = {row.ref.url: row for row in _rows(reader)}
        for doc in docs:
            seen.add(doc.url)
            key = _content_key(doc)
            if doc.url in existing and existing[doc.url].ref.key == key:
                to_write.pop(doc.url, None)
            else:
                to_write[doc.url] = (doc, key)
        writes = sorted(to_write)
        updated = sum(1 for url in writes if url in existing)
        gone = sorted(set(existing) - seen)
        if totals is not None:
            # The documents replaced or removed leave the totals with their lengths.
            for url in [*gone, *(url for url in writes if url in existing)]:
                _add_lengths(totals, _lengths(reader, existing[url].docnum), -1)
    stats = UpdateStats(len(writes) - updated, updated, len(gone), len(seen) - len(writes))
    if stats.changed:
        writer = _writer(ix)
        for url in gone:
            writer.delete_by_term("url", url)
        with _analysed_once(writer.schema):
            for url in writes:
                fields = _fields_for(*to_write.pop(url))  # its text goes once it is added
                if url in existing:
                    writer.update_document(**fields)
                else:
                    writer.add_document(**fields)  # no unique-key lookup for a new URL
        # Deleted documents stay in their segments until a merge drops them; nothing
        # read from the index counts them (live counts and frequencies, see
        # whoosh_search), so they cost only space. Whoosh's default policy merges small
        # segments; a full merge, which rewrites the whole index (term vectors
        # included), waits until deleted documents outnumber half the live ones.
        pending = reader_deleted + len(gone) + updated
        writer.commit(optimize=pending * 2 > len(seen))
        ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    if stats.changed or totals is None:
        with ix.searcher() as searcher:
            reader = searcher.reader()
            if totals is None:
                totals = _count_totals(reader)
            else:
                for url in writes:
                    docnum = searcher.document_number(url=url)
                    _add_lengths(totals, _lengths(reader, docnum), 1)
        _save_totals(index_dir, ix, totals)
    logger.info("search index: %s", stats)
    return stats


def open_index(index_dir: Path) -> tuple[whoosh_index.Index, dict[str, int]]:
    """The index in ``index_dir`` and its field totals; raises if there is none."""
    if not whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
        raise IndexMissingError(
            f"no search index in {index_dir}: build the site first (newsarchive build)"
        )
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    totals = _load_totals(index_dir, ix)
    if totals is None:  # not saved for this generation: count them (slower, same numbers)
        with ix.reader() as reader:
            totals = _count_totals(reader)
    return ix, totals


def stem(word: str, lang: str) -> str | None:
    """``word`` (normalised) as the ``lang`` fields index it; None for a stop word."""
    tokens = [t.text for t in _ANALYZERS[lang](word)]
    return tokens[0] if tokens else None


class _Source:
    """An open index read for the static index (``snapshot.SnapshotSource``)."""

    def __init__(self, reader: IndexReader, totals: Mapping[str, int]) -> None:
        self._reader = reader
        rows = sorted(_rows(reader), key=lambda r: order_key(r.ref.date, r.ref.url))
        self._docnums = [row.docnum for row in rows]
        self._catalog = Catalog(tuple(row.ref for row in rows), dict(totals))

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def _doc(self, sid: int) -> DocInfo:
        docnum = self._docnums[sid]
        stored = self._reader.stored_fields(docnum)
        meta = stored["meta"]
        return DocInfo(
            sid=sid,
            url=stored["url"],
            title=meta["title"],
            date=meta["date"],
            lang=meta["lang"],
            site=meta["site"],
            tags=tuple(meta["tags"]),
            summary=meta["summary"],
            text=meta["text"],
            lengths=_lengths(self._reader, docnum),
        )

    def docs(self, lo: int, hi: int) -> tuple[DocInfo, ...]:
        return tuple(self._doc(sid) for sid in range(lo, hi + 1))

    def read(self, lo: int, hi: int) -> Snapshot:
        """Sids ``lo..hi`` with their postings, from their term vectors."""
        reader = self._reader
        postings: dict[tuple[str, str], array[int]] = {}
        word_df: Counter[str] = Counter()  # word -> articles of lo..hi holding it
        docs = self.docs(lo, hi)
        for doc in docs:
            sid, docnum = doc.sid, self._docnums[doc.sid]
            for fld in schema.scored_fields():
                if not reader.has_vector(docnum, fld):
                    continue
                vector = reader.vector(docnum, fld)
                length = doc.lengths.get(fld, 1)
                while vector.is_active():
                    key = (fld, term_text(vector.id()))
                    flat = postings.get(key)
                    if flat is None:
                        flat = postings[key] = array("q")
                    weight, positions = round(vector.weight()), vector.value_as("positions")
                    pack_posting(flat, sid, weight, length, positions)
                    vector.next()
            if reader.has_vector(docnum, "words"):
                word_df.update(term_text(w) for w in reader.vector(docnum, "words").all_ids())
        vocabulary = {
            word: (df, {lang: stem(word, lang) for lang in schema.LANGS})
            for word, df in word_df.items()
        }
        return Snapshot(
            doc_count=self._catalog.doc_count,
            field_totals=self._catalog.field_totals,
            docs=docs,
            postings=postings,
            vocabulary=vocabulary,
        )


def term_text(term: bytes | str) -> str:
    """A term as text (Whoosh gives bytes for some fields and readers)."""
    return term.decode("utf-8") if isinstance(term, bytes) else term


@contextmanager
def open_source(index_dir: Path) -> Iterator[_Source]:
    """The index in ``index_dir`` as the static index reads it; raises if there is none."""
    ix, totals = open_index(index_dir)
    with ix.reader() as reader:
        yield _Source(reader, totals)


def read_snapshot(index_dir: Path) -> Snapshot:
    """Every article of the index with its postings, by canonical ``sid``."""
    with open_source(index_dir) as source:
        count = source.catalog.doc_count
        if count:
            return source.read(0, count - 1)
        return Snapshot(0, source.catalog.field_totals, (), {}, {})
