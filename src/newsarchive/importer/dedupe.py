"""Import stage: near-duplicate detection by MinHash-style sketches with LSH bands.

A text's word 5-shingles are hashed; the ``K`` smallest hashes form its bottom-k
sketch, cut into ``BANDS`` bands. Two texts that share any band key are near-duplicates
(their shingle sets overlap heavily). Lookups are dictionary hits, so checking an
article against a 100,000-article archive costs the same as against ten.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence

__all__ = ["band_keys", "bands_of", "resemblance", "shingle_hashes", "sketch"]

SHINGLE = 5
K = 24
BANDS = 6


def shingle_hashes(words: list[str], size: int) -> list[int]:
    """Stable 64-bit hashes of the ``size``-word shingles of ``words``.

    CRC-32 and Adler-32 side by side: both in C, both the same in every process (the
    builtin ``hash`` of a str is salted per process, and workers must agree).
    """
    out = []
    for i in range(len(words) - size + 1):
        data = " ".join(words[i : i + size]).encode()
        out.append(zlib.crc32(data) << 32 | zlib.adler32(data))
    return out


def sketch(text: str) -> tuple[int, ...]:
    """The bottom-``K`` sketch of ``text``'s shingles (empty for texts too short to judge)."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE + 20:
        return ()
    return tuple(sorted(set(shingle_hashes(words, SHINGLE)))[:K])


def band_keys(text: str) -> tuple[str, ...]:
    """LSH band keys of ``text`` (empty for texts too short to judge)."""
    return bands_of(sketch(text))


def bands_of(bottom: tuple[int, ...]) -> tuple[str, ...]:
    """LSH band keys of a sketch. Each band is hashed as the ``repr`` of a list: the keys
    written into existing Markdown files (``Bands``) were made that way."""
    per = max(1, len(bottom) // BANDS)
    return tuple(
        f"{b}:"
        + hashlib.blake2b(
            repr(list(bottom[b * per : (b + 1) * per])).encode(), digest_size=6
        ).hexdigest()
        for b in range(BANDS)
        if bottom[b * per : (b + 1) * per]
    )


def resemblance(a: Sequence[int], b: Sequence[int]) -> float:
    """The Jaccard resemblance of two texts' shingle sets, estimated from their sketches:
    the share of the union's ``K`` smallest hashes that both hold."""
    union = sorted(set(a) | set(b))[:K]
    if not union:
        return 0.0
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)
