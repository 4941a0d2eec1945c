"""Bench helper: a larger corpus made from the 1,000-article sample.

Usage: python bench/search_corpus.py SAMPLE.jsonl.gz OUT.jsonl.gz [COUNT] [--permute]

``recombine`` (the default): article ``k`` of copy ``c`` gets the first half of one
article's text and title and the second half of another's (a seeded shuffle), a unique
URL, and the first article's year, so the importer's near-duplicate check keeps them
apart. Past a few copies the same halves recur across a site's records, and the
importer learns them as that site's boilerplate and refuses the records that are left
empty: fine for search benches on a few thousand articles, not for scale.

``permute``: copy ``c`` of an article writes it in a "dialect" of its own: every word
is swapped for another of about the same corpus frequency (a seeded shuffle within
frequency bands), case kept. Lengths, word frequencies, sites and dates stay those of
the sample, and no two copies share text, so an archive of any size imports. The
originals come first.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path


def halves(text: str) -> tuple[str, str]:
    words = text.split(" ")
    return " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])


def recombine(records: list[dict[str, str]], count: int, seed: int = 11) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = list(records[:count])
    copy = 0
    while len(out) < count:
        copy += 1
        partners = list(range(len(records)))
        rng.shuffle(partners)
        for i, rec in enumerate(records):
            if len(out) >= count:
                break
            other = records[partners[i]]
            if other is rec:
                continue
            ta, _ = halves(rec.get("title") or "")
            _, tb = halves(other.get("title") or "")
            xa, _ = halves(rec.get("text") or "")
            _, xb = halves(other.get("text") or "")
            out.append({
                **rec, "id": f"{rec['id']}-r{copy}", "url": f"{rec['url']}-r{copy}",
                "title": f"{ta} {tb}".strip(), "text": f"{xa} {xb}".strip(),
            })  # fmt: skip
    return out


_WORD = re.compile(r"[^\W\d_]{2,}")


def _dialects(records: list[dict[str, str]], seed: int) -> list[dict[str, str]]:
    """Word maps, one per copy: each word to another of its frequency band."""
    counts = Counter(
        w.lower()
        for rec in records
        for f in ("title", "text")
        for w in _WORD.findall(rec.get(f) or "")
    )
    ranked = [w for w, _ in counts.most_common()]
    rng = random.Random(seed)
    maps: list[dict[str, str]] = []
    for _ in range(64):  # copies reuse these maps in turn, each with other article partners
        mapping: dict[str, str] = {}
        band = 1
        start = 0
        while start < len(ranked):
            words = ranked[start : start + band]
            shuffled = words[:]
            rng.shuffle(shuffled)
            mapping.update(zip(words, shuffled, strict=True))
            start += band
            band = min(band * 2, 4096)
        maps.append(mapping)
    return maps


def _translate(text: str, mapping: dict[str, str], salt: str) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        new = mapping.get(word.lower(), word)
        if word.isupper():
            return new.upper()
        return new.capitalize() if word[0].isupper() else new

    out = _WORD.sub(swap, text)
    return f"{out} {salt}" if salt else out


def permute(records: list[dict[str, str]], count: int, seed: int = 11) -> list[dict[str, str]]:
    """``count`` records: the originals, then copies each in a dialect of its own."""
    maps = _dialects(records, seed)
    out = list(records[:count])
    copy = 0
    while len(out) < count:
        copy += 1
        for rec in records:
            if len(out) >= count:
                break
            # One dialect per copy; past the 64th, each composed with a second one.
            mapping = maps[copy % len(maps)]
            if copy >= len(maps):
                second = maps[(copy // len(maps)) % len(maps)]
                mapping = {w: second.get(v, v) for w, v in mapping.items()}
            salt = f"(c{copy})"
            out.append({
                **rec, "id": f"{rec['id']}-p{copy}", "url": f"{rec['url']}-p{copy}",
                "title": _translate(rec.get("title") or "", mapping, salt).strip(),
                "text": _translate(rec.get("text") or "", mapping, ""),
            })  # fmt: skip
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    src, dst = Path(args[0]), Path(args[1])
    count = int(args[2]) if len(args) > 2 else 5000
    make = permute if "--permute" in sys.argv else recombine
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    with gzip.open(dst, "wt", encoding="utf-8") as fh:
        for rec in make(records, count):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
