"""The ``newsarchive`` command: help, errors, exit codes, summaries, --site."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, SAMPLE, make_site, run_cli
from newsarchive.cli import cli
from newsarchive.frontmatter import is_hand_edited

COMMANDS = sorted(cli.commands)  # type: ignore[attr-defined]


def test_commands_are_the_documented_ones() -> None:
    assert {"import", "extract", "build", "serve", "search"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    summary = cli.commands[command].get_short_help_str()  # type: ignore[attr-defined]
    assert summary
    assert f"`newsarchive {command}" in (REPO / "README.md").read_text()


def test_extract_json_prints_what_import_writes() -> None:
    seed = SAMPLE / "seed" / "000_3c93d7ff5546ca2d.txt"
    result = run_cli("extract", str(seed), "--json", cwd=REPO)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    data = json.loads(line)
    assert set(data) == {"title", "date", "date_precision", "authors", "lang", "source_url", "site",
                         "image", "tags", "summary", "body_markdown", "related", "warnings", "input"}  # fmt: skip
    assert data["date"] == "2021-02" and data["date_precision"] == "month" and data["lang"] == "it"
    assert [r["url"] for r in data["related"]] == [None, None]


def test_bad_paths_are_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    seed = SAMPLE / "seed" / "000_3c93d7ff5546ca2d.txt"
    result = run_cli("import", str(tmp_path / "missing.html"), str(empty), str(seed), cwd=site)
    assert result.returncode == 1
    assert re.search(r"missing\.html: no such file", result.stderr)
    assert re.search(r"empty\.html: empty file", result.stderr)
    assert "imported 1 new" in result.stdout and "failed 2" in result.stdout
    assert len(list((site / "content" / "articles").rglob("*.md"))) == 1


def test_site_option_and_clear_error_without_a_site(tmp_path: Path) -> None:
    result = run_cli("import", str(SAMPLE / "seed"), cwd=tmp_path)
    assert result.returncode != 0
    assert "pelicanconf.py: no such settings file" in result.stderr
    site = make_site(tmp_path / "elsewhere")
    ok = run_cli("--help", cwd=tmp_path)
    assert ok.returncode == 0
    result = run_cli("import", "--site", str(site), str(SAMPLE / "seed"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert list((site / "content" / "articles").rglob("*.md"))


def test_unknown_setting_is_an_error(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    with (site / "pelicanconf.py").open("a") as handle:
        handle.write('\nARCHIVE_SEARCH = {"whoosh_dri": "x"}\n')
    result = run_cli("import", str(SAMPLE / "seed"), cwd=site)
    assert result.returncode != 0
    assert "ARCHIVE_SEARCH: unknown key(s) whoosh_dri" in result.stderr


def test_reimport_is_idempotent_and_hand_edits_survive(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    first = run_cli("import", str(SAMPLE), cwd=site)
    assert first.returncode == 0, first.stderr
    files = sorted((site / "content" / "articles").rglob("*.md"))
    snapshot = {p: p.read_bytes() for p in files}
    edited = files[0]
    edited.write_text(edited.read_text().replace("Title: ", "Title: [edited] ", 1))
    second = run_cli("import", str(SAMPLE), cwd=site)
    assert second.returncode == 0, second.stderr
    assert "0 new, 0 updated" in second.stdout and "1 edited by hand" in second.stdout
    assert "[edited]" in edited.read_text()
    for path, data in snapshot.items():
        if path != edited:
            assert path.read_bytes() == data
    forced = run_cli("import", "--force", str(SAMPLE), cwd=site)
    assert "1 updated" in forced.stdout and edited.read_bytes() == snapshot[edited]


def test_kill_9_mid_import_loses_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "import", "--workers", "1", str(SAMPLE)],
        cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    articles = site / "content" / "articles"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(articles.rglob("*.md"))) < 3:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # Whatever was written is whole: every file still matches its own checksum.
    for path in articles.rglob("*.md"):
        assert not is_hand_edited(path.read_text()), path
    rerun = run_cli("import", str(SAMPLE), cwd=site)
    assert rerun.returncode == 0, rerun.stderr
    assert not list(articles.rglob("*.tmp"))
    complete = run_cli("import", str(SAMPLE), cwd=site)
    assert "0 new, 0 updated" in complete.stdout


def test_serve_serves_the_output_on_localhost(tmp_path: Path) -> None:
    import urllib.request

    site = make_site(tmp_path / "site")
    (site / "output").mkdir()
    (site / "output" / "index.html").write_text("<h1>hello archive</h1>")
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "newsarchive", "serve", "--port", "0"],
        cwd=site, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        with urllib.request.urlopen(url.group(0) + "index.html", timeout=10) as response:
            assert b"hello archive" in response.read()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_without_a_build_says_so(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    result = run_cli("serve", "--port", "0", cwd=site)
    assert result.returncode != 0 and "run `newsarchive build` first" in result.stderr


def test_build_publish_uses_publishconf(tmp_path: Path) -> None:
    import shutil

    site = make_site(tmp_path / "site")
    shutil.copytree(
        REPO / "tests" / "fixtures" / "site" / "content", site / "content", dirs_exist_ok=True
    )
    env = {**os.environ, "NEWSARCHIVE_SITEURL": "https://archive.example.org"}
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "build", "--publish"],
        cwd=site, capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    index = (site / "output" / "index.html").read_text()
    assert 'href="https://archive.example.org/theme/css/style.css"' in index
    atom = (site / "output" / "feeds" / "all.atom.xml").read_text()
    assert "https://archive.example.org/2021/02/musk-invita-putin-su-clubhouse.html" in atom
    assert (site / "output" / "search" / "entry.js").is_file()
