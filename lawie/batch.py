"""Running extraction over many files: gathering inputs, one record per input (result or
error), worker processes, and writers for JSON, JSONL, CSV and Parquet.

A file that cannot be read or extracted becomes an error record and the run goes on; JSONL is
written and flushed record by record, so an interrupted run keeps what it finished.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

from .errors import LawieError

__all__ = ["gather_inputs", "process_file", "iter_records", "extract_parallel", "Finished", "RecordWriter", "done_sources"]

def gather_inputs(inputs: Iterable[str]) -> tuple[list[Path], list[dict]]:
    """(files, error records): folders are walked recursively, globs expanded, order kept."""
    files: list[Path] = []
    errors: list[dict] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            files.append(path)

    for spec in inputs:
        path = Path(spec)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    add(child)
        elif path.exists():
            add(path)
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                errors.append({"source": {"path": spec}, "error": "the pattern matches no file"})
            for match in matches:
                if Path(match).is_file():
                    add(Path(match))
        else:
            errors.append({"source": {"path": spec}, "error": "no such file or folder"})
    return files, errors


def process_file(extractor, path: str | Path) -> dict:
    """The record of one file: the report's dict with its `source`, or an error record."""
    from .io import read_file

    try:
        document = read_file(path)
    except LawieError as error:
        return {"source": {"path": str(path)}, "error": str(error)}
    except OSError as error:
        return {"source": {"path": str(path)}, "error": f"{path}: {error}"}
    try:
        report = extractor.extract(document.text)
        check, specificity = report.check(), report.specificity()
    except LawieError as error:
        return {"source": document.source, "error": str(error)}
    except Exception as error:  # one broken input must not stop a batch of thousands
        return {"source": document.source, "error": f"extraction failed: {type(error).__name__}: {error}"}
    record = report.to_dict()
    record["source"] = document.source | {"chars": len(document.text)}
    record["check"] = check.to_dict()
    record["specificity"] = specificity.to_dict(items=False)
    return record


_worker_extractor = None


def _init_worker(model_spec: str | None) -> None:
    global _worker_extractor
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


def _work_text(text: str):
    return _worker_extractor.extract(text)


def _pool(workers: int, model_spec: str | None):
    import multiprocessing

    if sys.platform == "win32":
        context = multiprocessing.get_context("spawn")
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["lawie.extractor", "lawie.pipeline", "spacy"])  # imported once
    return context.Pool(workers, initializer=_init_worker, initargs=(model_spec,), maxtasksperchild=500)


def extract_parallel(model_spec: str | None, texts: Iterable[str], *, n_process: int, batch_size: int):
    """Reports for the texts from ``n_process`` worker processes, in input order."""
    with _pool(n_process, model_spec) as pool:
        yield from pool.imap(_work_text, texts, chunksize=max(1, batch_size))


def iter_records(paths: list[Path], *, model: str | None, workers: int = 1) -> Iterator[Finished]:
    """Records for the paths in input order, with ``workers`` processes (1: in this process)."""
    if workers <= 1:
        from .extractor import Extractor

        extractor = Extractor(model)
        for path in paths:
            yield Finished(process_file(extractor, path))
        return
    from .model import load_model

    load_model(model)  # a bad model fails here, in this process, not in every worker
    with _pool(workers, model) as pool:
        for line, summary in pool.imap(_work, [str(p) for p in paths], chunksize=4):
            yield Finished(line=line, summary=summary)


def done_sources(out: Path) -> set[str]:
    """Source paths already extracted into a JSONL output (for --resume); failures are retried."""
    done: set[str] = set()
    if not out.exists():
        return done
    with out.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by an interruption: that source runs again
            path = (record.get("source") or {}).get("path")
            if path and "error" not in record:  # failed sources run again
                done.add(path)
    return done


class RecordWriter:
    """Writes records to stdout (JSON), .json, .jsonl (as it goes), .csv (rows) or .parquet."""

    def __init__(self, out: Path | None, *, append: bool = False, per: str = "quantity") -> None:
        self.out = out
        self.kind = "stdout" if out is None else out.suffix.lower().lstrip(".")
        if self.kind not in {"stdout", "json", "jsonl", "csv", "parquet"}:
            raise LawieError(f"{out}: unknown output type; use .json, .jsonl, .csv or .parquet")
        if per not in ("quantity", "report"):
            raise LawieError(f"--per {per}: use quantity or report")
        if per == "report" and self.kind not in ("csv", "parquet"):
            raise LawieError("--per report writes a table: use a .csv or .parquet output")
        self.per = per
        self._records: list[dict] = []
        self._handle = None
        if self.kind == "jsonl":
            out.parent.mkdir(parents=True, exist_ok=True)
            self._handle = out.open("a" if append else "w", encoding="utf-8")

    def write(self, record: "dict | Finished") -> None:
        if self._handle is not None:
            line = record.line if isinstance(record, Finished) and record.line is not None else None
            if line is None:
                line = json.dumps(record.record if isinstance(record, Finished) else record, ensure_ascii=False)
            self._handle.write(line + "\n")
            self._handle.flush()
        else:
            self._records.append(record.record if isinstance(record, Finished) else record)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            return
        if self.kind == "stdout":
            payload = self._records[0] if len(self._records) == 1 else self._records
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        elif self.kind == "json":
            self._atomic(lambda h: json.dump(self._records, h, ensure_ascii=False, indent=2))
        elif self.kind == "csv":
            self._write_csv()
        elif self.kind == "parquet":
            self._write_parquet()

    def _atomic(self, write) -> None:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.out.with_name(self.out.name + ".part")
        with temporary.open("w", encoding="utf-8-sig" if self.kind == "csv" else "utf-8", newline="") as handle:
            write(handle)
        os.replace(temporary, self.out)

    def _fields(self) -> list[str]:
        from .rows import REPORT_FIELDS, ROW_FIELDS

        return list(REPORT_FIELDS if self.per == "report" else ROW_FIELDS) + ["error"]

    def _rows(self) -> list[dict]:
        from .rows import REPORT_FIELDS, ROW_FIELDS, report_row, rows_from_record

        if self.per == "report":
            return [
                {f: None for f in REPORT_FIELDS} | {"source": (r.get("source") or {}).get("path"), "error": r["error"]}
                if "error" in r else report_row(r) | {"error": None}
                for r in self._records
            ]
        rows = []
        for record in self._records:
            path = (record.get("source") or {}).get("path")
            if "error" in record:
                rows.append({field: None for field in ROW_FIELDS} | {"report": path, "error": record["error"]})
            else:
                rows.extend(row | {"error": None} for row in rows_from_record(record, path))
        return rows

    def _write_csv(self) -> None:
        fields = self._fields()

        def write(handle) -> None:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(self._rows())

        self._atomic(write)

    def _write_parquet(self) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as error:
            from .errors import MissingExtraError

            raise MissingExtraError("Parquet output", "parquet") from error
        fields = self._fields()
        rows = self._rows()
        table = pa.table({field: [row.get(field) for row in rows] for field in fields})
        self.out.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, self.out)
