"""Enrich stage, orchestration: read every article, compute tags and related links,
rewrite the files whose enrich-owned keys changed (atomically; hand edits are kept).

Between reading and writing, enrich keeps of each article only what the statistics and
the links need (``_Entry``: its title, date, page tags, teasers, arrays of word ids and
counts), not its text; a file to rewrite is read again, and left alone if it changed in
between. Related links are written newest first, tags in alphabetical order: neither
order moves when new articles shift the scores.

A related article of this archive is written as Pelican's intrasite link to its
Markdown file, relative to the linking file (``Title | {filename}../03/slug.md``), never
as a URL: the URL is Pelican's to decide (``ARTICLE_URL``, ``ARTICLE_LANG_URL``, the
article's own ``Slug``, ``Category``, ``Lang``...), and the site plugin asks Pelican for
it at build time. So the Markdown does not change when the URL scheme does.
"""

from __future__ import annotations

import hashlib
import posixpath
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.enrich.facts import FactsCache, read_facts
from newsarchive.enrich.related import Interned, RelatedIndex
from newsarchive.enrich.tags import (
    MIN_TF,
    choose_vocabulary,
    display_forms,
    most_common_form,
    normalize_tag,
    pick_tags,
    rank_candidates,
)
from newsarchive.fileio import atomic_write
from newsarchive.frontmatter import (
    filename_link,
    format_related,
    format_tags,
    is_hand_edited,
    parse_related,
    read_front_matter,
    render_document,
)
from newsarchive.importer.model import Related

__all__ = ["EnrichReport", "enrich_site"]

Progress = Callable[[str, int, int], None]


@dataclass
class EnrichReport:
    updated: list[Path] = field(default_factory=list)
    unchanged: int = 0
    kept_hand_edits: list[Path] = field(default_factory=list)
    # Files that changed between enrich reading and writing them: left for the next run.
    changed_meanwhile: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class _Entry:
    """What enrich keeps of an article between reading and writing it: not its text."""

    path: Path
    key: str  # path below articles/
    title: str
    date: str  # as the file states it (ISO: sorts as text)
    site: str
    page_tags: list[str]
    teasers: str | list[str]
    stamp: str  # the "Enriched" value the file holds
    digest: bytes  # of the file as read, to see it did not change before it is written
    # Candidates worth ranking: (ids, counts, form ids): the form is how the article
    # writes the candidate as a name ("OpenAI"), -1 where it is not one.
    candidates: tuple[array[int], array[int], array[int]]


def _names_site(key: str, name: str) -> bool:
    """The tag ``key`` is the site's name, or its brand word inside the host's label:
    "verge" on theverge.com, "wired" on wired.com."""
    return key == name or (len(key) >= 5 and key in name)


def _article_link(from_key: str, to_key: str) -> str:
    """The link from the article ``from_key`` to ``to_key`` (paths below articles/)."""
    return filename_link(posixpath.dirname(from_key), to_key)


def _newest_first(keys: list[str], dates: dict[str, str]) -> list[str]:
    """Related articles newest first, then by path. Similarity picks them, but its
    scores move with every article added to the archive: ordered by score, ten new
    articles among 917 reordered the unchanged links of 50 files, which enrich then
    rewrote (and the site rebuilt)."""
    return sorted(sorted(keys), key=lambda key: dates[key], reverse=True)


class _Reading:
    """Statistics of the archive, gathered one article at a time."""

    def __init__(self) -> None:
        self.doc_freq: Counter[str] = Counter()
        self.per_site: dict[str, Counter[str]] = {}
        self.site_sizes: Counter[str] = Counter()
        self.related = RelatedIndex()
        self.keys = Interned()  # candidate ids
        self.forms = Interned()  # ids of names as written ("OpenAI")

    def read(self, path: Path, key: str, cache: FactsCache | None = None) -> _Entry:
        data = path.read_bytes()
        digest = hashlib.sha256(data).digest()
        facts = cache.facts(data, digest) if cache else read_facts(data)
        cand = facts.candidates
        self.doc_freq.update(cand.keys())
        self.doc_freq.update({normalize_tag(t) for t in facts.page_tags})
        self.per_site.setdefault(facts.site, Counter()).update(cand.keys())
        self.site_sizes[facts.site] += 1
        self.related.add_terms(key, facts.terms)
        # Only candidates said three times or more are ever ranked (rank_candidates).
        ids, counts, shapes = array("q"), array("q"), array("q")
        for word, count in cand.items():
            if count >= MIN_TF:
                ids.append(self.keys.id(word))
                counts.append(count)
                form = facts.forms.get(word)
                shapes.append(self.forms.id(form) if form is not None else -1)
        return _Entry(
            path, key, facts.title, facts.date, facts.site, list(facts.page_tags), facts.teasers,
            facts.stamp, digest, (ids, counts, shapes),
        )  # fmt: skip

    def candidates(self, entry: _Entry) -> Counter[str]:
        ids, counts, _ = entry.candidates
        return Counter({self.keys[w]: c for w, c in zip(ids, counts, strict=True)})

    def written_forms(self, entries: list[_Entry], keys: set[str]) -> dict[str, str]:
        """How the archive writes each of ``keys``: as a name ("OpenAI", "LeBron James")
        when three in four of the articles that hold it write it as one, in its most
        common form; else as the plain word. A bare majority flips with the day's
        articles where usage is mixed ("Black" and "black": 14 articles and 6 tag feeds
        rewritten by 10 new articles among 1,000); names are written as names nearly
        everywhere, common words rarely."""
        votes: dict[str, Counter[str]] = {}
        for entry in entries:
            ids, _, shapes = entry.candidates
            for wid, fid in zip(ids, shapes, strict=True):
                key = self.keys[wid]
                if key in keys:
                    votes.setdefault(key, Counter())[self.forms[fid] if fid >= 0 else key] += 1
        shown = {}
        for key, forms in votes.items():
            plain = forms.pop(key, 0)
            named = sum(forms.values())
            shown[key] = most_common_form(forms) if named >= 3 * plain and named else key
        return shown


def enrich_site(
    articles_dir: Path, *, max_tags: int = 8, max_related: int = 5,
    force: bool = False, progress: Progress | None = None, cache: Path | None = None,
) -> EnrichReport:  # fmt: skip
    """Enrich every article below ``articles_dir``. ``cache`` names an SQLite file that
    keeps what is read from each file (``facts.FactsCache``) for the next run."""
    report = EnrichReport()
    paths = sorted(articles_dir.rglob("*.md"))
    reading = _Reading()
    entries: list[_Entry] = []
    facts = FactsCache(cache) if cache else None
    for done, path in enumerate(paths, start=1):
        entries.append(reading.read(path, path.relative_to(articles_dir).as_posix(), facts))
        if progress:
            progress("enrich read", done, len(paths))

    def share_in_site(site: str) -> Callable[[str], float]:
        # The site's own name is never a topic; beyond that, only a site with enough
        # articles can tell its template and house brands from its topics.
        name = site.split(".")[-2] if site.count(".") >= 1 else site
        counts, size = reading.per_site[site], reading.site_sizes[site]
        return lambda key: (
            1.0 if _names_site(key, name) else (counts[key] / size if size >= 10 else 0.0)
        )

    rankings = [
        rank_candidates(
            reading.candidates(e), reading.doc_freq, len(entries), site_share=share_in_site(e.site)
        )
        for e in entries
    ]
    vocabulary = choose_vocabulary(rankings, max_tags=max_tags, n_docs=len(entries))
    # A page's own tags are shown as the pages write them; a tag from the text, as the
    # archive's text writes it ("OpenAI", not the key "openai").
    display = {
        **reading.written_forms(entries, vocabulary),
        **display_forms(t for e in entries for t in e.page_tags),
    }
    related = reading.related.related(limit=max_related)
    titles = {e.key: e.title for e in entries}
    dates = {e.key: e.date for e in entries}
    for done, (entry, ranked) in enumerate(zip(entries, rankings, strict=True), start=1):
        if progress:
            progress("enrich write", done, len(entries))
        new_tags = pick_tags(
            entry.page_tags, ranked, vocabulary, max_tags=max_tags, display=display
        )
        links = parse_related(entry.teasers)
        for other in _newest_first(related[entry.key], dates):
            links.append(Related(titles[other], _article_link(entry.key, other)))
        tags, links_text = format_tags(new_tags), [format_related(r) for r in dict.fromkeys(links)]
        stamp = hashlib.sha256(repr((tags, links_text)).encode()).hexdigest()[:12]
        if entry.stamp == stamp:
            report.unchanged += 1
            continue
        data = entry.path.read_bytes()
        if hashlib.sha256(data).digest() != entry.digest:
            report.changed_meanwhile.append(entry.path)
            continue
        text = data.decode("utf-8")
        if is_hand_edited(text) and not force:
            report.kept_hand_edits.append(entry.path)
            continue
        meta = read_front_matter(text)
        meta.pop("Checksum", None)
        meta["Tags"] = tags
        meta["Related"] = links_text
        meta["Enriched"] = stamp
        written = render_document(meta, text.partition("\n\n")[2])
        atomic_write(entry.path, written)
        if facts:
            facts.restamp(entry.digest, hashlib.sha256(written.encode()).digest(), stamp)
        report.updated.append(entry.path)
    if facts:
        facts.close()
    return report
