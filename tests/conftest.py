"""Shared fixtures: the repository, the bundled sample site built once per session."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parents[1]
# Debian's Chromium, never a downloaded browser; no background traffic on a closed network.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SAMPLE = REPO / "sample"
FIXTURES = REPO / "tests" / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite tests/golden/ from current output."
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def make_site(root: Path) -> Path:
    """A fresh site folder using the repository's settings, theme and plugins."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(REPO / name, root / name)
    # Theme and plugins are found relative to the settings file: link them in.
    for name in ("theme", "plugins"):
        (root / name).symlink_to(REPO / name)
    (root / "content").mkdir(exist_ok=True)
    return root


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed ``newsarchive`` command as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", *args],
        cwd=cwd, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session; each test opens its own pages."""
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundled sample archive imported and built, as the README's first command does."""
    root = make_site(tmp_path_factory.mktemp("sample") / "site")
    imported = run_cli("import", str(SAMPLE), cwd=root)
    assert imported.returncode == 0, imported.stderr
    built = run_cli("build", cwd=root)
    assert built.returncode == 0, built.stderr + built.stdout
    yield root
