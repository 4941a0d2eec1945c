"""The ``newsarchive`` command: a thin click layer over the library's stages.

Every command works on the site in the current folder (``pelicanconf.py``, ``content/``,
``output/``) or the one named by ``--site``. Errors name the file and the reason; the
exit code is 0 only when everything succeeded.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsarchive import NewsarchiveError, __version__

__all__ = ["cli"]

err = Console(stderr=True, highlight=False, soft_wrap=True)


def site_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--site DIR``: the site folder (default: the current folder)."""

    @click.option(
        "--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
        show_default=True, help="Site folder holding pelicanconf.py, content/ and output/.",
    )  # fmt: skip
    @functools.wraps(fn)
    def wrapper(*args: Any, site_dir: Path, **kwargs: Any) -> Any:
        from newsarchive.settings import load_site

        try:
            site = load_site(site_dir)
        except NewsarchiveError as exc:
            raise click.ClickException(str(exc)) from exc
        return fn(*args, site=site, **kwargs)

    return wrapper


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Callable[[str, int, int], None]]:
    """A rich progress bar on stderr fed by the library's ``progress(stage, done, total)``."""
    if not enabled:
        yield lambda stage, done, total: None
        return
    bar = Progress(
        TextColumn("{task.description:<11}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )  # fmt: skip
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        # A total of 0 is not known yet (articles written while files stream in).
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total or None)
        bar.update(tasks[stage], completed=done, total=total or None)

    with bar:
        yield update


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsarchive")
def cli() -> None:
    """Turn scraped tech-news articles into a fast, searchable static website."""


@cli.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite Markdown files edited by hand.")
@click.option("--workers", type=int, default=None, help="Worker processes (default: all cores).")
@site_option
def import_cmd(site: Any, sources: tuple[Path, ...], force: bool, workers: int | None) -> None:
    """Import SOURCES (files or folders: HTML, WARC, JSON lines, feeds, text dumps)
    into one Markdown file per article under content/articles/."""
    from newsarchive.importer.extract import ExtractOptions
    from newsarchive.importer.pipeline import import_paths

    # Missing paths are not fatal here: the pipeline reports each one as a failure
    # ("no such file") and the rest of the batch still goes on.
    paths = list(sources)
    options = ExtractOptions(
        min_words=site.import_.min_words, default_lang=site.import_.default_lang
    )
    with progress_bar() as progress:
        report = import_paths(
            paths, site.articles_dir, site_root=site.root, options=options, force=force,
            workers=workers if workers is not None else site.import_.workers,
            max_bytes=site.import_.max_bytes, progress=progress,
        )  # fmt: skip
    for input_name, result in report.results:
        if result.status == "duplicate":
            err.print(f"[yellow]duplicate[/yellow]: {input_name}: {result.note}")
        elif result.status == "kept-hand-edit":
            err.print(f"[yellow]kept[/yellow]: {result.path}: {result.note}")
    for failure in report.failures:
        err.print(f"[red]error[/red]: {failure.input_name}: {failure.reason}")
    click.echo(
        f"imported {report.count('created')} new, {report.count('updated')} updated, "
        f"{report.count('unchanged')} unchanged; skipped {report.count('duplicate')} duplicate, "
        f"{report.count('kept-hand-edit')} edited by hand; failed {len(report.failures)}"
    )
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line (the only format).")
def extract(files: tuple[Path, ...], as_json: bool) -> None:
    """Print what `import` would write for each article in FILES, without writing."""
    from newsarchive.importer.model import ImportFailure
    from newsarchive.importer.pipeline import iter_outcomes

    del as_json  # JSON lines is the output format; the flag is accepted for scripts
    paths = list(files)
    failed = 0
    for outcome in iter_outcomes(paths, workers=1):  # printed as each is ready
        if isinstance(outcome, ImportFailure):
            failed += 1
            err.print(f"[red]error[/red]: {outcome.input_name}: {outcome.reason}")
        else:
            click.echo(json.dumps(outcome.to_json(), ensure_ascii=False, sort_keys=True))
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--force", is_flag=True, help="Also rewrite Markdown files edited by hand.")
@site_option
def enrich(site: Any, force: bool) -> None:
    """Write tags and related-article links into the Markdown files."""
    _enrich(site, force)


def _enrich(site: Any, force: bool) -> None:
    from newsarchive.enrich.run import enrich_site

    with progress_bar() as progress:
        report = enrich_site(
            site.articles_dir, max_tags=site.enrich.max_tags, max_related=site.enrich.max_related,
            force=force, progress=progress, cache=site.root / ".newsarchive" / "enrich-cache.sqlite",
        )  # fmt: skip
    for path in report.kept_hand_edits:
        err.print(f"[yellow]kept[/yellow]: {path}: edited by hand; not enriched (use --force)")
    for path in report.changed_meanwhile:
        err.print(f"[yellow]kept[/yellow]: {path}: changed while enrich ran; run it again")
    click.echo(f"enriched {len(report.updated)} articles, {report.unchanged} unchanged")


@cli.command()
@click.option("--publish", is_flag=True, help="Build with publishconf.py.")
@click.option("--no-enrich", is_flag=True, help="Skip the enrich step.")
@site_option
def build(site: Any, publish: bool, no_enrich: bool) -> None:
    """Enrich, build the site with Pelican into output/, and write the search index."""
    from newsarchive.build import build_site

    if not no_enrich:
        _enrich(site, force=False)
    try:
        output = build_site(site.root, publish=publish)
    except NewsarchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"built {output}")


@cli.command()
@click.option("--port", type=int, default=8000, show_default=True)
@site_option
def serve(site: Any, port: int) -> None:
    """Serve output/ on http://127.0.0.1:PORT/ (localhost only); missing pages get 404.html."""
    from newsarchive.site.serve import make_server

    output = site.output_dir
    if not output.is_dir():
        raise click.ClickException(f"{output}: no such folder; run `newsarchive build` first")
    try:
        server = make_server(output, port)
    except OSError as exc:
        msg = f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}"
        raise click.ClickException(msg) from exc
    with server:
        click.echo(
            f"serving {output} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)"
        )
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


@cli.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.option("--limit", type=int, default=10, show_default=True)
@site_option
def search(site: Any, query: str, as_json: bool, limit: int) -> None:
    """Search the archive's Whoosh index (filters: tag:, site:, lang:, date:, "phrases", -word)."""
    from newsarchive.search.query import search as run_search

    try:
        hits = run_search(site.whoosh_dir, query, limit=limit)
    except NewsarchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    for hit in hits:
        if as_json:
            click.echo(json.dumps(hit, ensure_ascii=False, sort_keys=True))
        else:
            click.echo(
                f"{hit['score']:7.2f}  {hit['date'][:10]:10}  {hit['title']}\n         {hit['url']}"
            )
    if not hits and not as_json:
        click.echo("no results")
