"""Bench helper: a larger corpus recombined from the 1,000-article sample.

Usage: python bench/search_corpus.py SAMPLE.jsonl.gz OUT.jsonl.gz [COUNT]

Article ``k`` of copy ``c`` gets the first half of one article's text and title and the
second half of another's (a seeded shuffle), a unique URL, and the first article's year,
so the importer's near-duplicate check keeps them apart. The originals come first.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
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


def main() -> None:
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    with gzip.open(dst, "wt", encoding="utf-8") as fh:
        for rec in recombine(records, count):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
