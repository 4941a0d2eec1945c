"""End to end: a site updated day by day (new articles, a backfill, a hand edit, a
deletion, a build killed half-way) equals, byte for byte, a site built from nothing out
of the same content, and answers searches the same. Every step runs the ``newsarchive``
command in its own process, as an archivist's daily job would."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import SAMPLE, make_site, run_cli


def _files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def _ok(*args: str, cwd: Path) -> str:
    done = run_cli(*args, cwd=cwd)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    return done.stdout


def _search(site: Path, query: str) -> list[dict[str, object]]:
    lines = _ok("search", query, "--json", "--limit", "20", cwd=site).splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _kill_build_midway(site: Path, after: float) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "build"],
        cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(after)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def test_a_site_updated_day_by_day_equals_one_built_from_nothing(tmp_path: Path) -> None:
    daily = make_site(tmp_path / "daily")
    # Day 1: the saved pages and the seed dump.
    _ok("import", str(SAMPLE / "html"), str(SAMPLE / "seed"), cwd=daily)
    _ok("build", cwd=daily)
    first = _files(daily / "output")
    # Day 2: a spider's articles, dated from 2011 to 2023: new and older ones at once.
    _ok("import", str(SAMPLE / "jsonl"), cwd=daily)
    _ok("build", cwd=daily)
    articles = sorted((daily / "content" / "articles").rglob("*.md"))
    assert len(articles) > 40
    # Day 3: a hand edit (kept by every later step) and an article deleted.
    edited, deleted = articles[3], articles[7]
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nAn archivist's note on zyzzyva.\n",
        encoding="utf-8",
    )
    deleted.unlink()
    _ok("build", cwd=daily)
    # Day 4: another edit, and the build is killed at some point before it completes,
    # then run again.
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nA second note on quokkas.\n", encoding="utf-8"
    )
    _kill_build_midway(daily, after=1.5)
    _ok("build", cwd=daily)
    updated = _files(daily / "output")

    fresh = make_site(tmp_path / "fresh")
    shutil.rmtree(fresh / "content")
    shutil.copytree(daily / "content", fresh / "content")
    _ok("build", cwd=fresh)
    built = _files(fresh / "output")

    assert sorted(updated) == sorted(built)
    assert [name for name in built if built[name] != updated[name]] == []
    assert any(name.startswith("search/") for name in built)
    assert updated != first  # the days did change the site
    for query in ("zyzzyva", "quokkas", "intelligenza artificiale", "Apple", "tag:apple"):
        assert _search(daily, query) == _search(fresh, query), query
    assert _search(daily, "quokkas")  # the last edit is searchable
