"""Import stage, orchestration: files -> records -> articles -> Markdown files.

Files are read here a record at a time; extraction runs in worker processes (all cores
by default); writing happens in this process, each article as soon as it is ready, in an
order set by the input alone, so results never depend on scheduling. Flattened dumps are
cleaned with boilerplate learned from every dump in the batch, per site.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from newsarchive.importer.extract import ExtractOptions, extract_record
from newsarchive.importer.model import Article, ImportFailure, RawRecord
from newsarchive.importer.sources import iter_input_files, iter_records
from newsarchive.importer.textclean import Boilerplate, BoilerplateLearner
from newsarchive.importer.urls import site_of
from newsarchive.importer.write import ContentStore, WriteResult

__all__ = ["ImportReport", "extract_paths", "import_paths", "iter_outcomes"]

Progress = Callable[[str, int, int], None]
Outcome = Article | ImportFailure

_BOILERPLATE: Boilerplate | None = None
_OPTIONS = ExtractOptions()


@dataclass
class ImportReport:
    """What an import did, per input; ``ok`` is False when anything failed."""

    results: list[tuple[str, WriteResult]] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for _, r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return not self.failures


def _records(path: Path, max_bytes: int) -> Iterator[RawRecord | ImportFailure]:
    """The records of one file, or its failure: a reader's error never ends the batch."""
    try:
        yield from iter_records(path, max_bytes=max_bytes)
    except ImportFailure as exc:
        yield exc
    except Exception as exc:  # noqa: BLE001 - a reader bug must not end the batch: report it
        yield ImportFailure(str(path), f"unreadable: {type(exc).__name__}: {exc}")


def _init_worker(boilerplate: Boilerplate | None, options: ExtractOptions) -> None:
    global _BOILERPLATE, _OPTIONS
    _BOILERPLATE, _OPTIONS = boilerplate, options


def _extract_one(record: RawRecord) -> Outcome:
    try:
        return extract_record(record, options=_OPTIONS, boilerplate=_BOILERPLATE)
    except ImportFailure as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not end the batch
        return ImportFailure(record.input, f"extraction failed: {type(exc).__name__}: {exc}")


def _is_dump(item: RawRecord | ImportFailure) -> TypeGuard[RawRecord]:
    return isinstance(item, RawRecord) and item.kind == "text" and not item.error


def _extracted(
    items: Iterator[RawRecord | ImportFailure], workers: int, init: tuple[Any, ...]
) -> Iterator[Outcome]:
    """Each record extracted (a failure passes through), in the order of ``items``.

    With workers, a window of ``4 * workers`` records is in flight: enough to keep every
    worker busy, few enough that memory does not grow with the batch."""
    head = list(itertools.islice(items, 4))
    if workers <= 1 or len(head) < 4:
        _init_worker(*init)
        for item in itertools.chain(head, items):
            yield item if isinstance(item, ImportFailure) else _extract_one(item)
        return
    window: deque[Future[Outcome] | ImportFailure] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=init) as pool:
        for item in itertools.chain(head, items):
            window.append(
                item if isinstance(item, ImportFailure) else pool.submit(_extract_one, item)
            )
            while len(window) > 4 * workers:
                yield _settled(window.popleft())
        while window:
            yield _settled(window.popleft())


def _settled(slot: Future[Outcome] | ImportFailure) -> Outcome:
    return slot if isinstance(slot, ImportFailure) else slot.result()


def iter_outcomes(
    sources: Iterable[Path], *, options: ExtractOptions | None = None, workers: int = 0,
    max_bytes: int = 20_000_000, progress: Progress | None = None,
) -> Iterator[Outcome]:  # fmt: skip
    """Every article (or failure) in ``sources``, each as soon as it is ready.

    Pass 1 reads the files a record at a time and extracts pages in worker processes as
    they come; a text dump only teaches the boilerplate learner, since cleaning it needs
    what every dump of its site shares. Pass 2 reads the files holding dumps again and
    cleans each. Memory holds the records in flight and the learned shingles, never the
    batch, so a crawl of any size streams.

    The order depends on the input alone, never on scheduling: pass 1's outcomes (pages,
    failures) in input order, then the dumps' in input order.
    """
    options = options or ExtractOptions()
    workers = workers or os.cpu_count() or 1
    files = list(iter_input_files(list(sources)))
    learner = BoilerplateLearner(Boilerplate())
    with_dumps: list[Path] = []

    def first_pass() -> Iterator[RawRecord | ImportFailure]:
        for done, path in enumerate(files, start=1):
            dumps = 0
            for item in _records(path, max_bytes):
                if _is_dump(item):
                    learner.add(site_of(item.url) or "", item.content)
                    dumps += 1
                else:
                    yield item
            if dumps:
                with_dumps.append(path)
            if progress:
                progress("read", done, len(files))

    def second_pass() -> Iterator[RawRecord | ImportFailure]:
        for done, path in enumerate(with_dumps, start=1):
            for item in _records(path, max_bytes):
                if _is_dump(item) or isinstance(item, ImportFailure):
                    yield item
            if progress:
                progress("clean dumps", done, len(with_dumps))

    yield from _extracted(first_pass(), workers, (None, options))
    if with_dumps:
        yield from _extracted(second_pass(), workers, (learner.finish(), options))


def extract_paths(
    sources: Iterable[Path], *, options: ExtractOptions | None = None, workers: int = 0,
    max_bytes: int = 20_000_000, progress: Progress | None = None,
) -> list[Outcome]:  # fmt: skip
    """Every article (or failure) in ``sources``, in :func:`iter_outcomes`' order."""
    return list(iter_outcomes(sources, options=options, workers=workers, max_bytes=max_bytes,
                              progress=progress))  # fmt: skip


def _relative(input_name: str, root: Path) -> str:
    try:
        return str(Path(input_name).resolve().relative_to(root.resolve()))
    except ValueError:
        return input_name


def import_paths(
    sources: Iterable[Path], articles_dir: Path, *, site_root: Path,
    options: ExtractOptions | None = None, force: bool = False, workers: int = 0,
    max_bytes: int = 20_000_000, progress: Progress | None = None,
) -> ImportReport:  # fmt: skip
    """Import ``sources`` into ``articles_dir``; failures are reported, never raised.

    Each article is written as soon as it is extracted: a run stopped half-way keeps
    what it wrote, and a re-run finds those files unchanged."""
    store = ContentStore.scan(articles_dir)
    report = ImportReport()
    for done, outcome in enumerate(
        iter_outcomes(
            sources, options=options, workers=workers, max_bytes=max_bytes, progress=progress
        ),  # fmt: skip
        start=1,
    ):
        if isinstance(outcome, ImportFailure):
            report.failures.append(outcome)
        else:
            name = _relative(outcome.input.split("#")[0], site_root) + (
                "#" + outcome.input.split("#", 1)[1] if "#" in outcome.input else ""
            )
            try:
                report.results.append(
                    (outcome.input, store.write(outcome, input_name=name, force=force))
                )
            except OSError as exc:
                report.failures.append(ImportFailure(outcome.input, f"cannot write: {exc}"))
        if progress:
            progress("write", done, 0)
    return report
