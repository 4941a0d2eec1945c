"""Enrich stage, reading: what enrich takes from one article file, and a cache of it.

``read_facts`` is a pure function of a file's bytes: its front matter's fields, its tag
candidates and the words related links compare. Extracting them is most of enrich's
time (about 3 ms of its 4.5 an article at 3,772 articles: five minutes a day for a
100,000-article archive whose files did not change), so ``FactsCache`` keeps them in an
SQLite file keyed by the file's SHA-256 and by the code that extracts them: a file
whose bytes changed, or a newer newsarchive, is read again. The archive-wide
statistics are still computed from all the articles on every run, so a cached run
writes the same bytes as a cold one.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from newsarchive import frontmatter
from newsarchive.enrich import related, tags
from newsarchive.enrich.tags import MIN_TF, extract_candidates, most_common_form, prose
from newsarchive.frontmatter import parse_tags, read_front_matter

__all__ = ["ArticleFacts", "FactsCache", "read_facts"]


@dataclass(frozen=True)
class ArticleFacts:
    title: str
    date: str  # as the file states it (ISO: sorts as text)
    site: str
    page_tags: tuple[str, ...]
    teasers: str | list[str]
    stamp: str  # the "Enriched" value the file holds
    candidates: dict[str, int]  # every tag candidate and its weight
    forms: dict[str, str]  # how the text writes a candidate worth ranking as a name
    terms: dict[str, int]  # the words related links compare, and their counts


def _str(meta: dict[str, str | list[str]], key: str) -> str:
    value = meta.get(key, "")
    return value if isinstance(value, str) else " ".join(value)


def read_facts(data: bytes) -> ArticleFacts:
    text = data.decode("utf-8")
    meta = read_front_matter(text)
    body = prose(text.partition("\n\n")[2])
    title = _str(meta, "Title")
    forms: dict[str, Counter[str]] = {}
    candidates = extract_candidates(title, body, forms)
    return ArticleFacts(
        title=title,
        date=_str(meta, "Date"),
        site=_str(meta, "Site") or _str(meta, "Category"),
        page_tags=tuple(parse_tags(_str(meta, "Source_tags"))),
        teasers=meta.get("Teasers", ""),
        stamp=_str(meta, "Enriched"),
        candidates=dict(candidates),
        forms={
            key: most_common_form(forms[key])
            for key, count in candidates.items()
            if count >= MIN_TF and key in forms
        },
        terms=dict(related.terms(title, body)),
    )


def _code_version() -> str:
    """A digest of the code that turns a file into its facts: cached facts from other
    code are never used."""
    digest = hashlib.sha256()
    for module in (tags, related, frontmatter):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


class FactsCache:
    """Facts of article files by the SHA-256 of their bytes, in one SQLite file.

    Rows of files not read in a run (deleted or changed since) are removed at
    ``close``; a run killed half-way leaves the rows it committed, each still right
    for the bytes it names. Rows are pickles, trusted as the site folder's
    ``pelicanconf.py`` and Pelican's own cache are: whoever can write them can write
    those.
    """

    _BATCH = 500

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError:
            # Not a cache this code can read (a damaged disk, another program's file):
            # it only ever saves time, so it starts again empty.
            path.unlink()
            self._db = self._open(path)
        self._seen: set[bytes] = set()
        self._pending: list[tuple[bytes, str, bytes]] = []
        self._uncommitted = 0

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        version = _code_version()
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is None or row[0] != version:
            db.execute("DROP TABLE IF EXISTS facts")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
        db.execute(
            "CREATE TABLE IF NOT EXISTS facts (digest BLOB PRIMARY KEY, stamp TEXT, data BLOB)"
        )
        db.commit()
        return db

    def facts(self, data: bytes, digest: bytes) -> ArticleFacts:
        """The facts of a file whose bytes are ``data`` (SHA-256 ``digest``)."""
        self._seen.add(digest)
        row = self._db.execute(
            "SELECT stamp, data FROM facts WHERE digest = ?", (digest,)
        ).fetchone()
        if row is not None:
            cached: ArticleFacts = pickle.loads(zlib.decompress(row[1]))
            return replace(cached, stamp=row[0])
        found = read_facts(data)
        # The stamp is kept beside the rest, which a rewrite by enrich leaves as it is.
        blob = zlib.compress(pickle.dumps(replace(found, stamp=""), protocol=5), 1)
        self._pending.append((digest, found.stamp, blob))
        if len(self._pending) >= self._BATCH:
            self._flush()
        return found

    def restamp(self, old: bytes, new: bytes, stamp: str) -> None:
        """The file ``old`` was rewritten by enrich as ``new`` with the stamp ``stamp``:
        its body and its own fields did not change, so neither did its facts."""
        self._insert_pending()
        self._seen.discard(old)
        self._seen.add(new)
        self._db.execute(
            "INSERT OR REPLACE INTO facts SELECT ?, ?, data FROM facts WHERE digest = ?",
            (new, stamp, old),
        )
        self._uncommitted += 1
        if self._uncommitted >= self._BATCH:
            self._flush()

    def _insert_pending(self) -> None:
        if self._pending:
            self._db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?, ?)", self._pending)
            self._uncommitted += len(self._pending)
            self._pending.clear()

    def _flush(self) -> None:
        self._insert_pending()
        self._db.commit()
        self._uncommitted = 0

    def close(self) -> None:
        self._flush()
        stale = [
            (digest,)
            for (digest,) in self._db.execute("SELECT digest FROM facts")
            if digest not in self._seen
        ]
        self._db.executemany("DELETE FROM facts WHERE digest = ?", stale)
        self._db.commit()
        # Rows of rewritten files leave free pages behind: give them back once they
        # are half the file.
        (free,) = self._db.execute("PRAGMA freelist_count").fetchone()
        (pages,) = self._db.execute("PRAGMA page_count").fetchone()
        if free * 2 > pages:
            self._db.execute("VACUUM")
        self._db.close()
