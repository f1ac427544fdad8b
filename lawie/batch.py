"""Running extraction over many files: gathering inputs, one record per input (result or
error), worker processes, and writers for JSON, JSONL, CSV and Parquet.

A file that cannot be read or extracted becomes an error record and the run goes on; JSONL is
written and flushed record by record, so an interrupted run keeps what it finished.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import LawieError
from .io import MAX_BYTES

__all__ = [
    "Inputs",
    "gather_inputs",
    "is_report_file",
    "process_file",
    "process_bytes",
    "iter_records",
    "extract_parallel",
    "Finished",
    "RecordWriter",
    "check_output",
    "resume",
    "log_path",
    "TABLES",
]

# Files in a folder or a glob are read when they are reports by extension, or by content when
# the extension says nothing (a page saved as .jsp, a PDF named .do); .doc/.wps get an error
# record that says how to convert them.
REPORT_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".docx", ".pdf", ".doc", ".wps"})
NOT_REPORT_SUFFIXES = frozenset(
    {".md", ".rst", ".csv", ".tsv", ".json", ".jsonl", ".parquet", ".css", ".js", ".mjs", ".map", ".py", ".xml",
     ".yaml", ".yml", ".toml", ".cfg", ".ini", ".log", ".part", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico",
     ".webp", ".zip", ".gz", ".xlsx", ".xls", ".pptx", ".woff", ".woff2", ".ttf"}
)
_MIN_CHINESE = 20  # a .txt with fewer Chinese characters in its first 5,000 is not a report
_CHINESE = re.compile("(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){%d}" % _MIN_CHINESE)
TABLES = ("quantities", "items", "reports")


@dataclass(frozen=True)
class Inputs:
    """What a run reads: files, error records for inputs that do not exist, and the files a folder
    or glob held that are not reports (with the reason), so the run can say what it left out."""

    files: list[Path]
    errors: list[dict]
    skipped: list[tuple[Path, str]]


def gather_inputs(inputs: Iterable[str], *, exclude: Iterable[Path] = ()) -> Inputs:
    """Folders are walked recursively and globs expanded, in order; from them only report files
    are taken. A file named explicitly is always read. ``exclude``: the run's own outputs."""
    files: list[Path] = []
    errors: list[dict] = []
    skipped: list[tuple[Path, str]] = []
    excluded = {Path(p).resolve() for p in exclude}
    seen: set[Path] = set()

    def add(path: Path, *, named: bool) -> None:
        resolved = path.resolve()
        if resolved in seen:
            return
        seen.add(resolved)
        if resolved in excluded:
            skipped.append((path, "this run's own output"))
            return
        reason = None if named else _not_a_report(path)
        if reason:
            skipped.append((path, reason))
        else:
            files.append(path)

    for spec in inputs:
        path = Path(spec)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    add(child, named=False)
        elif path.exists():
            add(path, named=True)
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                errors.append({"source": {"path": spec}, "error": "the pattern matches no file"})
            for match in matches:
                if Path(match).is_file():
                    add(Path(match), named=False)
        else:
            errors.append({"source": {"path": spec}, "error": "no such file or folder"})
    return Inputs(files, errors, skipped)


def is_report_file(path: str | Path) -> bool:
    """True when a file in a folder is read as a report (see `gather_inputs`)."""
    return _not_a_report(Path(path)) is None


def _not_a_report(path: Path) -> str | None:
    """Why a file found in a folder is not read, or None when it is a report to read."""
    suffix = path.suffix.lower()
    if suffix in NOT_REPORT_SUFFIXES:
        return f"not a report format ({suffix})"
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return None  # reading it will give the error record
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return None
    if suffix in (".txt", ".text") and not _binary(head):
        from .errors import InputError
        from .io import decode_text

        try:
            text, _ = decode_text(head)
        except InputError:
            return None  # reading it will give the error record
        if not _CHINESE.match(text, 0, 5000) and len(head) >= 200:
            return "no Chinese text"
        return None
    if suffix in REPORT_SUFFIXES:
        return None
    lowered = head[:2048].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or (lowered.startswith(b"<?xml") and b"<html" in lowered):
        return None
    return f"not a report format ({suffix or 'no extension'})"


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def _binary(head: bytes) -> bool:
    """Bytes no text file holds: a damaged report, which reading reports as an error."""
    sample = head[:4096]
    return b"\x00" in sample or len(sample) - len(sample.translate(None, _CONTROL_BYTES)) > len(sample) // 20


def process_file(extractor, path: str | Path, *, progress=None) -> dict:
    """The record of one file: the report's dict with its `source`, or an error record. The
    source names the file as given and as resolved, so --resume knows it from any folder."""
    where = _where(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            return {"source": where, "error": f"{path}: {size} bytes is over the limit of {MAX_BYTES} bytes"}
        data = Path(path).read_bytes()
    except OSError as error:
        return {"source": where, "error": f"{path}: cannot open ({error.strerror or error})"}
    return process_bytes(extractor, data, where, progress=progress)


def _where(path: str | Path) -> dict:
    """A record's `source` for a file: the path as given and as resolved."""
    return {"path": str(path), "resolved": str(Path(path).resolve())}


def process_bytes(extractor, data: bytes, where: dict, *, progress=None) -> dict:
    """The record of one file's bytes (``where``: its `path`, and `resolved` if known)."""
    from .io import read_bytes

    try:
        document = read_bytes(data, name=where["path"])
    except LawieError as error:
        return {"source": where, "error": str(error)}
    source = document.source | where | {"chars": len(document.text)}
    try:
        report = extractor.extract(document.text, progress=progress)
    except LawieError as error:
        return {"source": source, "error": str(error)}
    except Exception as error:  # one broken input must not stop a batch of thousands
        return {"source": source, "error": f"extraction failed: {type(error).__name__}: {error}"}
    record = report.to_dict()
    record["source"] = source
    try:
        record["check"] = report.check().to_dict()
        record["specificity"] = report.specificity().to_dict(items=False)
    except Exception as error:  # the report is kept; only its check failed
        record["check_error"] = f"check failed: {type(error).__name__}: {error}"
    return record


_worker_extractor = None
PRELOAD_VARIABLE = "LAWIE_WORKER_MODEL"


def _init_worker(model_spec: str | None) -> None:
    """A worker's extractor: the one the fork server loaded before forking it (shared, copy on
    write, ready at once) when it is the model asked for, else loaded here."""
    global _worker_extractor
    from . import preload

    if preload.EXTRACTOR is not None and preload.SPEC == (model_spec or ""):
        _worker_extractor = preload.EXTRACTOR
    else:
        from .extractor import Extractor

        _worker_extractor = Extractor(model_spec)


def _work(path: str) -> tuple[str, dict]:
    """A worker's result: the record as a JSON line (serialised here, off the parent's core) and
    the little the parent needs to report progress."""
    record = process_file(_worker_extractor, path)
    return json.dumps(record, ensure_ascii=False), _summary(record)


def _summary(record: dict) -> dict:
    source = record.get("source") or {}
    return {"path": source.get("path"), "error": record.get("error"), "chars": source.get("chars", 0)}


class Finished:
    """One input's record: as a dict, or as the JSON line a worker already wrote."""

    __slots__ = ("_record", "line", "error", "chars", "path")

    def __init__(self, record: dict | None = None, line: str | None = None, summary: dict | None = None) -> None:
        self._record = record
        self.line = line
        summary = summary or _summary(record or {})
        self.error, self.chars, self.path = summary["error"], summary["chars"], summary["path"]

    @property
    def record(self) -> dict:
        if self._record is None:
            self._record = json.loads(self.line)
        return self._record


def _work_chunk(paths: list[str]) -> list[tuple[str, dict]]:
    return [_work(path) for path in paths]


def _work_texts(texts: list[str]) -> list:
    return [_worker_extractor.extract(text) for text in texts]


def _died(path: str) -> dict:
    """The record of a file whose worker process died while extracting it alone, after a pool
    that had the file broke (killed, out of memory, or a crash in native code)."""
    return {
        "source": _where(path),
        "error": f"{path}: the worker process extracting this file died, when it had other files and "
        "again when it had this one alone; it may be killed for memory, or crash in native code, on this input",
    }


_UNGUARDED = (
    "worker processes import the script that starts them again, so a script that calls "
    "Extractor.pipe(n_process=...) or runs workers must do so under `if __name__ == \"__main__\":` "
    "(Python's 'safe importing of main module'); without it every worker would start workers"
)


def _context(model_spec: str | None):
    """Workers fork from a server that has imported spaCy and loaded the model once (`preload`),
    so starting one costs a fork, not an import and a model load."""
    import multiprocessing

    if sys.platform == "win32":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    os.environ[PRELOAD_VARIABLE] = model_spec or ""  # read by lawie.preload in the fork server
    context.set_forkserver_preload(["lawie.extractor", "lawie.pipeline", "spacy", "lawie.preload"])
    return context


def _probe() -> None:
    """A worker's first breath: it exists only to see that the main module imports in a worker."""


def _check_main_module(context) -> None:
    """Fails at once, with the reason, where an unguarded script would make workers hang.

    In a worker that is importing the main script, starting workers is refused; in the parent,
    one probe process shows whether the script imports cleanly in a worker, before the pool is
    made (a pool would replace its failing workers forever).
    """
    main = sys.modules.get("__main__")
    if getattr(main, "__name__", None) == "__mp_main__":
        raise RuntimeError(_UNGUARDED)
    if getattr(main, "__file__", None) is None:  # an interactive session or notebook: nothing re-runs
        return
    probe = context.Process(target=_probe, daemon=True)
    probe.start()
    probe.join()
    if probe.exitcode != 0:
        raise RuntimeError(f"a worker process could not start (exit code {probe.exitcode}): {_UNGUARDED}")


def _start_server(context) -> None:
    """Starts the fork server now, so it imports spaCy and loads the model while this process
    does other work (its workers are forked once it is ready)."""
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _executor(workers: int, model_spec: str | None, context):
    """Worker processes as a `concurrent.futures` pool: when one dies, the pool says so (its
    tasks fail with BrokenProcessPool) instead of waiting for the lost task forever.

    Workers are not recycled: `max_tasks_per_child` can leave Python 3.11–3.13's pool with no
    workers and its queued tasks waiting forever (CPython gh-115634), and a worker's memory stays
    flat over a run (about 116 MB RSS after 1,000 files, benchmarks/RESULTS.md)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(model_spec,))


_WINDOW = 2  # tasks kept queued per worker: enough that none waits, few enough to stop soon


def extract_parallel(model_spec: str | None, texts: Iterable[str], *, n_process: int, batch_size: int):
    """Reports for the texts from ``n_process`` worker processes, in input order; the texts are
    read as the workers need them. A worker that dies stops the run with an error naming the
    texts then in flight (all workers'), instead of a wait that never ends."""
    from concurrent.futures.process import BrokenProcessPool

    context = _context(model_spec)
    _check_main_module(context)
    texts = iter(texts)
    size = max(1, batch_size)
    pending: list = []
    taken = 0
    pool = _executor(n_process, model_spec, context)
    try:
        while True:
            while len(pending) < _WINDOW * n_process:
                batch = [text for _, text in zip(range(size), texts)]
                if not batch:
                    break
                pending.append((taken, pool.submit(_work_texts, batch)))
                taken += len(batch)
            if not pending:
                return
            first, task = pending.pop(0)
            try:
                reports = task.result()
            except BrokenProcessPool:
                raise LawieError(
                    f"a worker process died while texts {first}–{taken - 1} (counting from 0) were being "
                    "extracted (killed, out of memory, or a crash in native code); the reports before "
                    f"text {first} were given"
                ) from None
            yield from reports
    finally:  # stopped early (break, an error): the texts still queued are dropped, not waited for
        pool.shutdown(wait=False, cancel_futures=True)


def iter_records(paths: list[Path], *, model: str | None, workers: int = 1, progress=None) -> Iterator[Finished]:
    """Records for the paths in input order, with ``workers`` processes extracting: this one and
    ``workers - 1`` forked from a server that loads the model while this process loads its own, so
    that no process waits for another to start.

    ``progress(path)``, in one process only: a callback for that file's steps, or None.
    """
    if workers <= 1 or len(paths) <= 1:
        extractor = _loaded(model)
        for path in paths:
            steps = progress(path) if progress is not None else None
            yield Finished(process_file(extractor, path, progress=steps))
            if steps is not None:
                steps("done")
        return
    from .model import model_meta

    model_meta(model)  # a bad model fails here, in this process, not in every worker
    context = _context(model)
    _start_server(context)
    extractor = _loaded(model)
    starting = _PoolStart(workers - 1, model, context)
    try:
        yield from _shared(starting, extractor, [str(p) for p in paths], helpers=workers - 1)
    finally:
        starting.close()


def _loaded(model: str | None):
    """The extractor of a batch run, its objects then set aside from the garbage collector: the
    model's hundreds of thousands of objects live as long as the run, and scanning them again
    and again costs time and, in forked workers, copies of the pages they share."""
    import gc

    from .extractor import Extractor

    extractor = Extractor(model)
    gc.freeze()
    return extractor


class _PoolStart:
    """A worker pool started in the background: this process extracts files while the fork server
    finishes loading the model and forks the workers, instead of waiting for them."""

    def __init__(self, workers: int, model: str | None, context) -> None:
        import threading

        self._settings = (workers, model, context)
        self._pool = self._error = None
        self._thread = threading.Thread(target=self._start, daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            _check_main_module(self._settings[2])
            self._pool = _executor(*self._settings)
        except BaseException as error:  # raised in the caller's thread by `ready`
            self._error = error

    def ready(self, wait: bool = False):
        """The pool once it is started (None before; ``wait``: until it is)."""
        if wait:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._pool if not self._thread.is_alive() else None

    def restart(self):
        """A new pool in place of one whose worker died (the fork server is still there, so
        this costs a fork per worker)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = _executor(*self._settings)
        return self._pool

    def close(self) -> None:
        """Stops the workers without waiting for tasks still running (a run cut short ends at
        once; a finished run has none)."""
        self._thread.join()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


_CHUNK = 4  # files per task sent to a worker: few enough to keep the end of a run even


def _shared(starting: _PoolStart, extractor, paths: list[str], *, helpers: int) -> Iterator[Finished]:
    """Splits the files between the workers and this process, yielding records in input order.

    Once started, the workers are kept two tasks ahead; between their results this process
    extracts the next file itself, so both cores work from the first file to the last. When a
    worker dies, the pool's tasks that had not finished are tried again file by file in a new
    pool, and a file whose worker dies again, alone, becomes an error record.
    """
    from concurrent.futures.process import BrokenProcessPool

    results: dict[int, list[Finished]] = {}
    pending: dict[int, object] = {}
    deaths = _Deaths()
    taken = emitted = 0

    def recover() -> None:
        lost = {}
        for begin, task in pending.items():
            if task.done() and not task.cancelled() and task.exception() is None:
                results[begin] = [Finished(line=line, summary=summary) for line, summary in task.result()]
            else:
                lost[begin] = paths[begin : begin + _CHUNK]
        pending.clear()
        starting.restart()
        for begin, chunk in lost.items():
            results[begin] = [_alone(starting, path, deaths) for path in chunk]

    def collect(start: int) -> None:
        try:
            results[start] = [Finished(line=line, summary=summary) for line, summary in pending[start].result()]
            del pending[start]
        except BrokenProcessPool:
            recover()

    while emitted < len(paths):
        pool = starting.ready(wait=taken >= len(paths) and bool(pending))
        while pool is not None and len(pending) < _WINDOW * helpers and taken < len(paths):
            try:
                pending[taken] = pool.submit(_work_chunk, paths[taken : taken + _CHUNK])
            except BrokenProcessPool:  # a worker died while this process was extracting
                recover()
                pool = starting.ready()
                continue
            taken += _CHUNK
        for start in [start for start, task in pending.items() if task.done()]:
            if start in pending:
                collect(start)
        if emitted in results:
            done = results.pop(emitted)
            emitted += len(done)
            yield from done
        elif taken < len(paths):
            results[taken] = [Finished(process_file(extractor, paths[taken]))]
            taken += 1
        else:
            collect(emitted)


class _Deaths:
    """Files in a row whose worker died with each alone: a few may be the inputs' fault; more
    mean the workers cannot run at all, and the run stops with that error."""

    LIMIT = 3

    def __init__(self) -> None:
        self.in_a_row = 0

    def count(self, died: bool) -> None:
        self.in_a_row = self.in_a_row + 1 if died else 0
        if self.in_a_row >= self.LIMIT:
            raise LawieError(
                f"the worker processes died on {self.LIMIT} files in a row, each extracted alone: they "
                "cannot run here (memory, or a crash when they start); run with --workers 1"
            )


def _alone(starting: _PoolStart, path: str, deaths: _Deaths) -> Finished:
    """One file extracted in a worker by itself, after its pool broke: the file's record, or an
    error record when its worker dies again (the pool is then made anew for the files after it).
    A pool found broken before the file was sent is made anew without blaming the file."""
    from concurrent.futures.process import BrokenProcessPool

    for _ in range(2):
        try:
            task = starting.ready(wait=True).submit(_work_chunk, [path])
        except BrokenProcessPool:
            starting.restart()
            continue
        try:
            ((line, summary),) = task.result()
        except BrokenProcessPool:
            starting.restart()
            deaths.count(True)
            return Finished(_died(path))
        deaths.count(False)
        return Finished(line=line, summary=summary)
    raise LawieError("the worker pool broke again as soon as it was made anew; run with --workers 1")


def log_path(out: Path | None) -> Path | None:
    """The JSONL a run writes as it goes: the output itself, or a file kept beside a .json, .csv
    or .parquet output (`quantities.csv` → `quantities.csv.jsonl`), from which that is written."""
    if out is None:
        return None
    return out if out.suffix.lower() == ".jsonl" else out.with_name(out.name + ".jsonl")


def _file_key(path: Path) -> tuple[str, str | None]:
    resolved = path.resolve()
    try:
        digest = hashlib.sha256(resolved.read_bytes()).hexdigest()
    except OSError:
        digest = None
    return str(resolved), digest


def resume(log: Path, files: list[Path]) -> tuple[list[Path], dict]:
    """(the files still to extract, counts) for --resume, after tidying the log in place.

    A finished input is one whose resolved path and content hash match a successful record;
    inputs that failed, changed since, or whose record an interruption cut, run again. The log
    is rewritten without their old records and without a cut last line, so appending never
    glues a record onto a fragment and every input keeps one record.
    """
    counts = {"done": 0, "retried": 0, "changed": 0, "cut": 0}
    if not log.exists():
        return files, counts
    keys = {path: _file_key(path) for path in files}
    current = {resolved: digest for resolved, digest in keys.values()}
    kept: list[str] = []
    finished: set[tuple[str, str]] = set()
    with log.open(encoding="utf-8", errors="replace", newline="") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                counts["cut"] += 1
                continue
            source = record.get("source") or {}
            resolved = source.get("resolved") or str(Path(source.get("path", "")).resolve())
            if resolved in current:
                if "error" in record:
                    counts["retried"] += 1
                    continue
                if source.get("sha256") != current[resolved]:
                    counts["changed"] += 1
                    continue
                if (resolved, current[resolved]) in finished:
                    continue  # a duplicate from an older version's resume
                finished.add((resolved, current[resolved]))
            kept.append(line if line.endswith("\n") else line + "\n")
    temporary = log.with_name(log.name + ".part")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(kept)
    os.replace(temporary, log)
    todo = [path for path in files if keys[path] not in finished]
    counts["done"] = len(files) - len(todo)
    return todo, counts


def check_output(out: Path | None, table: str = "quantities") -> str:
    """The output's kind; raises `LawieError` for an unknown type or table, and
    `MissingExtraError` for Parquet without pyarrow, before any report is read."""
    kind = "stdout" if out is None else out.suffix.lower().lstrip(".")
    if kind not in {"stdout", "json", "jsonl", "csv", "parquet"}:
        raise LawieError(f"{out}: unknown output type; use .json, .jsonl, .csv or .parquet")
    if table not in TABLES:
        raise LawieError(f"unknown table {table!r}; use {' or '.join(TABLES)}")
    if kind == "parquet":
        try:
            import pyarrow  # noqa: F401
            import pyarrow.parquet  # noqa: F401
        except ImportError as error:
            from .errors import MissingExtraError

            raise MissingExtraError("Parquet output", "parquet", missing=error.name) from error
    return kind


class RecordWriter:
    """Writes records as the run goes: JSON lines to stdout or to a .jsonl file (flushed record by
    record). A .json, .csv or .parquet output is written at `close()` from the JSONL log kept
    beside it (`log_path`), so an interrupted run keeps every finished record and --resume works
    for every output type. ``table``: the rows of a .csv/.parquet, "quantities" or "items"."""

    def __init__(self, out: Path | None, *, append: bool = False, table: str = "quantities") -> None:
        self.out = out
        self.kind = check_output(out, table)
        self.table = table
        self.log = log_path(out)
        if self.log is None:
            self._handle = sys.stdout
        else:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.log.open("a" if append else "w", encoding="utf-8")

    def write(self, record: "dict | Finished") -> None:
        line = record.line if isinstance(record, Finished) and record.line is not None else None
        if line is None:
            line = json.dumps(record.record if isinstance(record, Finished) else record, ensure_ascii=False)
        self._handle.write(line + "\n")
        self._handle.flush()

    def close(self) -> None:
        """Finishes the output (the table or JSON list is written from the log, atomically)."""
        if self._handle is sys.stdout:
            return
        self._handle.close()
        if self.kind == "json":
            self._atomic(self._write_json)
        elif self.kind == "csv":
            self._atomic(self._write_csv)
        elif self.kind == "parquet":
            self._write_parquet()

    def _records(self) -> Iterator[dict]:
        with self.log.open(encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)

    def _atomic(self, write) -> None:
        temporary = self.out.with_name(self.out.name + ".part")
        with temporary.open("w", encoding="utf-8-sig" if self.kind == "csv" else "utf-8", newline="") as handle:
            write(handle)
        os.replace(temporary, self.out)

    def _write_json(self, handle) -> None:
        handle.write("[")
        for number, record in enumerate(self._records()):
            handle.write(("," if number else "") + "\n" + json.dumps(record, ensure_ascii=False))
        handle.write("\n]\n")

    def _rows(self) -> Iterator[dict]:
        from .rows import record_rows

        for record in self._records():
            yield from record_rows(record, table=self.table)

    def _write_csv(self, handle) -> None:
        from .rows import table_fields

        writer = csv.DictWriter(handle, fieldnames=table_fields(self.table))
        writer.writeheader()
        writer.writerows(self._rows())

    def _write_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from .rows import table_types

        schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in table_types(self.table).items()])
        temporary = self.out.with_name(self.out.name + ".part")
        with pq.ParquetWriter(temporary, schema) as writer:
            batch: list[dict] = []
            for row in self._rows():
                batch.append(row)
                if len(batch) == 10_000:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        os.replace(temporary, self.out)
