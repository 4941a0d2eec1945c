"""Import stage, clean: a site's boilerplate, learned from the corpus of its dumps.

Word sequences that recur across many dumps of the same site are the site's template
(menus, share bars, sponsorship notices), not article text: ``BoilerplateLearner``
counts them one document at a time, copies of one article counted once, and
``Boilerplate.strip`` takes them out of a dump before it is cleaned.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsarchive.importer.dedupe import bands_of, resemblance, shingle_hashes, sketch
from newsarchive.importer.dump.lineshape import _FUNCTION_WORDS
from newsarchive.importer.markers import OPENING_WORDS

__all__ = ["Boilerplate", "BoilerplateLearner"]

SHINGLE = 6  # words per shingle: long enough to be specific to a site's template
# A dump this like an earlier one (estimated Jaccard resemblance of their shingles) is
# its copy: the same article under another URL, its sidebars changed.
SAME_TEXT = 0.9


def _shingles(words: list[str]) -> list[int]:
    return shingle_hashes(words, SHINGLE)


def _line_keys(words: list[str]) -> list[int]:
    """A line's shingles; a line too short for one counts whole, as one key of its own
    ("Learn more." under every sponsorship notice of a site)."""
    if len(words) >= SHINGLE:
        return _shingles(words)
    return shingle_hashes(["\x00", *words], len(words) + 1) if words else []


@dataclass
class Boilerplate:
    """Word sequences that recur across a site's dumps, learned from the corpus.

    ``learn`` counts, per site, in how many documents each 6-word shingle occurs; a
    shingle found in at least ``min_docs`` documents and ``min_share`` of the site's
    documents is boilerplate, and so is a line too short for a shingle found whole in
    as many ("Learn more."). Words covered by such shingles are removed. So are runs
    of ``long_run`` words or more that recur in ``min_docs`` documents however few of
    the site's they are: a notice one section of a site carries ("looking to showcase
    your brand … Consider getting a custom GamesBeat sponsorship"). A stock phrase of
    a few words ("did not respond to a request for comment") stays.
    """

    min_docs: int = 3
    min_share: float = 0.2
    long_run: int = 15
    # Every this many documents, shingles seen only once in the stretch before the last
    # one are forgotten: article text, which would otherwise hold memory in proportion
    # to the corpus. Boilerplate recurs within such a stretch and survives.
    prune_every: int = 2000
    frequent: dict[str, frozenset[int]] = field(default_factory=dict)
    recurring: dict[str, frozenset[int]] = field(default_factory=dict)

    def learn(self, docs: Iterable[tuple[str, str]]) -> None:
        """``docs``: ``(site, text)`` pairs."""
        learner = BoilerplateLearner(self)
        for site, text in docs:
            learner.add(site, text)
        learner.finish()

    def strip(self, site: str, text: str) -> str:
        frequent = self.frequent.get(site, frozenset())
        recurring = self.recurring.get(site, frozenset())
        if not frequent and not recurring:
            return text
        out_lines = []
        after_boilerplate = False  # the line before ended in boilerplate
        for line in text.splitlines():
            words = line.split()
            # A line the site puts on several of its pages goes whole when it follows
            # boilerplate: a short one ("… a custom GamesBeat sponsorship." / "Learn
            # more."; elsewhere it is one of a menu's short lines, which tell the menu),
            # or a section's promo too short for a long run ("Discover our Briefings." /
            # "Join the GamesBeat community! Enjoy access to …": 73 of VentureBeat's 647
            # dumps in tech-articles-sample).
            if (
                after_boilerplate
                and words
                and all(k in frequent or k in recurring for k in _line_keys(words))
            ):
                out_lines.append("")
                continue
            drop = [False] * len(words)
            run_start = -1  # first shingle of the current run of recurring shingles
            shingles = _shingles(words)
            for i, shingle in enumerate([*shingles, None]):
                if shingle in frequent:
                    for j in range(i, i + SHINGLE):
                        drop[j] = True
                if shingle is not None and (shingle in recurring or shingle in frequent):
                    run_start = i if run_start < 0 else run_start
                    continue
                if run_start >= 0 and i - 1 + SHINGLE - run_start >= self.long_run:
                    for j in range(run_start, i - 1 + SHINGLE):
                        drop[j] = True
                run_start = -1
            if True in drop:
                _keep_opening_words(words, drop)
            kept = [w for w, d in zip(words, drop, strict=True) if not d]
            out_lines.append(" ".join(kept))
            after_boilerplate = bool(drop) and drop[-1]
        return "\n".join(out_lines)


# The last words of a shingle that ends a run of boilerplate may be the text's first
# ("… Share on LinkedIn The immense …": the shingle "on X Share on LinkedIn The" is on a
# fifth of VentureBeat's pages, as many of their articles open with "The").
_OPENING_WORDS = _FUNCTION_WORDS | OPENING_WORDS
MAX_OPENING_WORDS = 2


def _keep_opening_words(words: list[str], drop: list[bool]) -> None:
    """Keep (in ``drop``) up to two words that a run of dropped words ends with when they
    are words a sentence opens with and kept text follows them."""
    for end in range(1, len(words)):
        if not (drop[end - 1] and not drop[end]):
            continue
        start = end
        while (
            start > 0 and end - start < MAX_OPENING_WORDS and drop[start - 1]
            and words[start - 1].lower() in _OPENING_WORDS
        ):  # fmt: skip
            start -= 1
        for i in range(start, end):
            drop[i] = False


class BoilerplateLearner:
    """Learns a :class:`Boilerplate` one document at a time, so a caller can stream a
    corpus past it: memory holds the counted shingles (pruned every ``prune_every``
    documents), never the documents."""

    def __init__(self, into: Boilerplate) -> None:
        self.into = into
        self.counts: dict[str, Counter[int]] = {}
        self.sizes: Counter[str] = Counter()
        self.band_owner: dict[str, int] = {}  # LSH band key -> the first document with it
        self.sketches: list[array[int]] = []  # per document counted, 8 bytes a hash
        self.singles: dict[str, set[int]] = {}  # seen once at the last pruning

    def add(self, site: str, text: str) -> None:
        # The same article scraped under several URLs must count once, or its whole
        # text would look like boilerplate. A copy resembles its first copy almost
        # wholly; sharing an LSH band is not enough, as two pages of one site do now
        # and then when the template is most of their words (25 VentureBeat articles of
        # tech-articles-sample were left out of learning for one band shared with an
        # unrelated article, resemblance 0.04 to 0.42).
        mine = sketch(text)
        bands = bands_of(mine)
        owners = {self.band_owner[b] for b in bands if b in self.band_owner}
        if any(resemblance(mine, self.sketches[o]) >= SAME_TEXT for o in owners):
            return
        number = len(self.sketches)
        self.sketches.append(array("Q", mine))
        for band in bands:
            self.band_owner.setdefault(band, number)
        self.sizes[site] += 1
        seen: set[int] = set()
        for line in text.splitlines():
            seen.update(_line_keys(line.split()))
        self.counts.setdefault(site, Counter()).update(seen)
        if self.sizes.total() % self.into.prune_every == 0:
            for key, counter in self.counts.items():
                # Rebuilt, not deleted from: a dict keeps its size after deletions.
                old_singles = self.singles.get(key, set())
                self.counts[key] = Counter(
                    {s: n for s, n in counter.items() if n > 1 or s not in old_singles}
                )
                self.singles[key] = {s for s, n in self.counts[key].items() if n < 2} - old_singles

    def finish(self) -> Boilerplate:
        """The learned :class:`Boilerplate` (the one given), its sets filled in."""
        bp = self.into
        for site, counter in self.counts.items():
            need = max(bp.min_docs, int(bp.min_share * self.sizes[site] + 0.999))
            if self.sizes[site] < bp.min_docs:
                continue
            bp.frequent[site] = frozenset(s for s, n in counter.items() if n >= need)
            bp.recurring[site] = frozenset(s for s, n in counter.items() if bp.min_docs <= n < need)
        self.counts, self.singles = {}, {}
        return bp
