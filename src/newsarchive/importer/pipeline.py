"""Import stage, orchestration: files -> records -> articles -> Markdown files.

Pages are read and extracted in worker processes (all cores by default); WARC and JSON
lines files are read here a record at a time and their records sent to the workers.
Writing happens in this process, each article as soon as it is ready, in an order set by
the input alone, so results never depend on scheduling. Flattened dumps are
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

from newsarchive.importer.dump.boilerplate import Boilerplate, BoilerplateLearner
from newsarchive.importer.extract import ExtractOptions, extract_record
from newsarchive.importer.model import Article, ImportFailure, RawRecord
from newsarchive.importer.sources import STREAMED, detect_format, iter_input_files, iter_records
from newsarchive.importer.urls import site_of
from newsarchive.importer.write import ContentStore, WriteResult

__all__ = ["ImportReport", "extract_paths", "import_paths", "iter_outcomes"]

Progress = Callable[[str, int, int], None]
Outcome = Article | ImportFailure

# Items in flight per worker (a record is at most ``max_bytes``; most pages are far less),
# and items sent to a worker at once.
WINDOW = 32
BATCH = 4

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


def _is_dump(item: object) -> TypeGuard[RawRecord]:
    return isinstance(item, RawRecord) and item.kind == "text" and not item.error


@dataclass(frozen=True)
class _FileTask:
    """A page, feed or dump file, read and extracted in a worker, so its raw bytes never
    cross processes. Pass 1 (``dumps=False``) extracts everything but text dumps, which
    it hands back for learning; pass 2 extracts only the dumps."""

    path: Path
    max_bytes: int
    dumps: bool

    def __call__(self) -> list[Outcome | RawRecord]:
        return [
            item
            if isinstance(item, ImportFailure) or _rides_along(item, learning=not self.dumps)
            else _extract_one(item)
            for item in _records(self.path, self.max_bytes)
            if _in_pass(item, self.dumps)
        ]


def _in_pass(item: RawRecord | ImportFailure, dumps: bool) -> bool:
    """Pass 1 takes every record and failure of a file; pass 2 its dumps (and a failure
    only a file changed since pass 1 can give)."""
    return not dumps or _is_dump(item) or isinstance(item, ImportFailure)


# What a pass hands the workers: a file to read, or a record read here from a WARC or a
# JSON lines file; a failure or (in pass 1) a dump rides along, in order, untouched.
_Item = _FileTask | RawRecord | ImportFailure


def _rides_along(item: _Item, learning: bool) -> TypeGuard[RawRecord | ImportFailure]:
    """A failure, or a dump while learning: passed on in its place, not sent to a worker."""
    return isinstance(item, ImportFailure) or (learning and _is_dump(item))


def _work(item: _Item) -> list[Outcome | RawRecord]:
    if isinstance(item, ImportFailure):
        return [item]
    return item() if isinstance(item, _FileTask) else [_extract_one(item)]


def _results(
    items: Iterator[tuple[int, _Item]], workers: int, init: tuple[Any, ...], *, learning: bool
) -> Iterator[tuple[int, list[Outcome | RawRecord]]]:
    """``(file index, what its item gave)`` for every item, in the order of ``items``.

    With workers, a window of ``WINDOW * workers`` items is in flight: enough that one
    slow page at the head (the window waits for it) does not leave the others idle, few
    enough that memory does not grow with the batch."""
    head = list(itertools.islice(items, 4))
    if workers <= 1 or len(head) < 4:
        _init_worker(*init)
        for index, item in itertools.chain(head, items):
            if _rides_along(item, learning):
                yield index, [item]
            else:
                yield index, _work(item)
        return
    # Slots in input order: a batch of work items sent to a worker as one task (fewer
    # round trips), or an item that rides along.
    window: deque[Future[list[list[Outcome | RawRecord]]] | list[list[Outcome | RawRecord]]]
    window = deque()
    indexes: deque[int] = deque()
    batch: list[_Item] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=init) as pool:

        def flush() -> None:
            if batch:
                window.append(pool.submit(_work_batch, list(batch)))
                batch.clear()

        for index, item in itertools.chain(head, items):
            indexes.append(index)
            if _rides_along(item, learning):
                flush()
                window.append([[item]])
            else:
                batch.append(item)
                if len(batch) == BATCH:
                    flush()
            while len(indexes) > WINDOW * workers:
                if not window:
                    flush()
                yield from _settled(window.popleft(), indexes)
        flush()
        while window:
            yield from _settled(window.popleft(), indexes)


def _work_batch(items: list[_Item]) -> list[list[Outcome | RawRecord]]:
    return [_work(item) for item in items]


def _settled(
    slot: Future[list[list[Outcome | RawRecord]]] | list[list[Outcome | RawRecord]],
    indexes: deque[int],
) -> Iterator[tuple[int, list[Outcome | RawRecord]]]:
    for results in slot if isinstance(slot, list) else slot.result():
        yield indexes.popleft(), results


def iter_outcomes(
    sources: Iterable[Path], *, options: ExtractOptions | None = None, workers: int = 0,
    max_bytes: int = 20_000_000, progress: Progress | None = None,
) -> Iterator[Outcome]:  # fmt: skip
    """Every article (or failure) in ``sources``, each as soon as it is ready.

    Pass 1 extracts the pages in worker processes: a page, feed or dump file is read in
    the worker; a WARC or JSON lines file is read here a record at a time, each record
    sent on. A text dump only teaches the boilerplate learner, in input order, since
    cleaning it needs what every dump of its site shares. Pass 2 reads the files holding
    dumps again and cleans each. Memory holds the items in flight and the learned
    shingles, never the batch, so a crawl of any size streams.

    The order depends on the input alone, never on scheduling or the number of workers:
    pass 1's outcomes (pages, failures) in input order, then the dumps' in input order.
    """
    options = options or ExtractOptions()
    workers = workers or os.cpu_count() or 1
    files = list(iter_input_files(list(sources)))
    learner = BoilerplateLearner(Boilerplate())
    with_dumps: dict[int, None] = {}  # file indexes, in input order

    def items(dumps: bool) -> Iterator[tuple[int, _Item]]:
        indexes = list(with_dumps) if dumps else range(len(files))
        for done, index in enumerate(indexes, start=1):
            path = files[index]
            if detect_format(path) in STREAMED:
                for item in _records(path, max_bytes):
                    if _in_pass(item, dumps):
                        yield index, item
            else:
                yield index, _FileTask(path, max_bytes, dumps=dumps)
            if progress:
                progress("clean dumps" if dumps else "read", done, len(indexes))

    for index, results in _results(items(dumps=False), workers, (None, options), learning=True):
        for result in results:
            if isinstance(result, RawRecord):
                learner.add(site_of(result.url) or "", result.content)
                with_dumps[index] = None
            else:
                yield result
    if with_dumps:
        boilerplate = learner.finish()
        for _, results in _results(items(dumps=True), workers, (boilerplate, options),
                                   learning=False):  # fmt: skip
            yield from (r for r in results if not isinstance(r, RawRecord))


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
