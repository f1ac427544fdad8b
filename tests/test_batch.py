"""Running over many files as a researcher does: folders holding more than reports, tables that
keep every report, and --resume after an interruption, a failure or a change."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import lawie
from lawie.batch import gather_inputs

from .conftest import ROOT

RAW = ROOT / "corpus" / "raw"
WHOLE = RAW / "003_7fff814117d48ac1.txt"  # 鼓楼街道 2025, a whole report
NO_NUMBERS = RAW / "p1-05.txt"  # the opening of 小白楼街道 2020: achievements, no quantity


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawie.cli", *args], capture_output=True, text=True, cwd=cwd)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _research_folder(tmp_path: Path) -> Path:
    """Reports as a researcher downloads them, with the notes, tables and page assets around them."""
    folder = tmp_path / "reports"
    (folder / "assets").mkdir(parents=True)
    shutil.copy(WHOLE, folder / "gulou_2025.txt")
    shutil.copy(NO_NUMBERS, folder / "xiaobailou_2020.txt")
    page = "".join(f"<p>{line}</p>" for line in WHOLE.read_text(encoding="utf-8").splitlines())
    (folder / "content.jsp").write_text(f"<!DOCTYPE html><html><head><title>鼓楼街道</title></head><body>{page}</body></html>", encoding="utf-8")
    shutil.copy(RAW / "README.md", folder / "README.md")
    (folder / "notes.txt").write_text("Downloaded from the district portals in March; see README.md.\n" * 5, encoding="utf-8")
    (folder / "index.csv").write_text("file,org\ngulou_2025.txt,鼓楼街道办事处\n", encoding="utf-8")
    (folder / "assets" / "site.css").write_text("body { font-family: SimSun; }\n", encoding="utf-8")
    (folder / "assets" / "site.js").write_text("document.title = '法治政府建设年度报告';\n", encoding="utf-8")
    return folder


def test_a_folder_gives_its_reports_and_says_what_it_skipped(tmp_path):
    folder = _research_folder(tmp_path)
    out = folder / "out.jsonl"
    result = run("extract", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    names = sorted(Path(r["source"]["path"]).name for r in lines(out))
    assert names == ["content.jsp", "gulou_2025.txt", "xiaobailou_2020.txt"]
    assert "skipped 5 file(s)" in result.stderr
    for name in ("README.md", "notes.txt", "index.csv", "site.css", "site.js"):
        assert name in result.stderr
    again = run("extract", str(folder), "-o", str(out))  # the earlier output is in the folder now
    assert sorted(Path(r["source"]["path"]).name for r in lines(out)) == names
    assert "out.jsonl" in again.stderr


def test_a_file_named_explicitly_is_read_whatever_its_name(tmp_path):
    named = tmp_path / "report.dat"
    shutil.copy(WHOLE, named)
    found = gather_inputs([str(named), str(tmp_path)])
    assert found.files == [named] and not found.skipped


@pytest.mark.parametrize("table, key", [("quantities", "measure"), ("items", "n_count")])
def test_every_report_has_rows_in_the_tables(tmp_path, table, key):
    out = tmp_path / f"{table}.csv"
    result = run("extract", str(WHOLE), str(NO_NUMBERS), "-o", str(out), "--table", table, "--quiet")
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {Path(row["report"]).name for row in rows} == {WHOLE.name, NO_NUMBERS.name}
    assert key in rows[0]
    if table == "items":
        report = lawie.extract(lawie.read_file(WHOLE))
        mine = [row for row in rows if row["report"].endswith(WHOLE.name)]
        contract = [item for item in report.items if item.role != "other"]
        assert [(r["role"], int(r["start"]), int(r["end"])) for r in mine] == [(i.role, i.start, i.end) for i in contract]
        assert sum(int(r["n_count"]) for r in mine) == sum(1 for i in contract for e in i.entities if e.label == "COUNT")
        problems = [r for r in mine if r["role"] == "problem"]
        assert len(problems) == len(report.problems) and all(r["text"] for r in problems)


def test_a_jsonl_output_becomes_reports_and_tables_again(tmp_path):
    out = tmp_path / "out.jsonl"
    shutil.copy(RAW / "p1-01.txt", tmp_path / "broken.txt")
    (tmp_path / "broken.txt").write_bytes(bytes(range(256)) * 8)
    assert run("extract", str(WHOLE), str(NO_NUMBERS), str(tmp_path / "broken.txt"), "-o", str(out), "--quiet").returncode == 1
    reports = lawie.read_jsonl(out)
    assert [Path(r.source["path"]).name for r in reports] == [WHOLE.name, NO_NUMBERS.name]
    assert [r.to_dict() for r in reports] == [{k: v for k, v in record.items() if k not in ("source", "check", "specificity")} for record in lines(out)[:2]]
    assert "binary" in lawie.read_jsonl(out, errors=True)[0]["error"]
    direct = lawie.extract(lawie.read_file(WHOLE))
    assert lawie.to_rows(reports[0], table="items") == lawie.to_rows(direct, table="items")
    assert lawie.to_rows(reports[0]) == lawie.to_rows(direct)
    with_text = lawie.Report.from_dict(lines(out)[0], text=WHOLE.read_text(encoding="utf-8"))
    assert with_text.text[with_text.items[0].start : with_text.items[0].end] == with_text.items[0].text
    with pytest.raises(ValueError, match="does not match"):
        lawie.Report.from_dict(lines(out)[0], text=NO_NUMBERS.read_text(encoding="utf-8"))


def _two_reports(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(WHOLE, folder / "a.txt")
    shutil.copy(NO_NUMBERS, folder / "b.txt")
    return folder


def test_resume_after_a_cut_last_line_rewrites_it(tmp_path):
    folder = _two_reports(tmp_path)
    out = tmp_path / "out.jsonl"
    assert run("extract", str(folder), "-o", str(out), "--quiet").returncode == 0
    data = out.read_bytes()
    out.write_bytes(data[: data.rindex(b"\n", 0, len(data) - 1) + 200])  # the last record cut mid-way
    result = run("extract", str(folder), "-o", str(out), "--resume")
    assert result.returncode == 0 and "1 cut record(s) dropped" in result.stderr
    records = lines(out)  # every line is whole JSON
    assert sorted(Path(r["source"]["path"]).name for r in records) == ["a.txt", "b.txt"]


def test_resume_knows_a_file_by_its_resolved_path_and_content(tmp_path):
    folder = _two_reports(tmp_path)
    out = tmp_path / "out.jsonl"
    assert run("extract", "in", "-o", "out.jsonl", "--quiet", cwd=tmp_path).returncode == 0
    result = run("extract", str(folder / "a.txt"), str(folder / "b.txt"), "-o", str(out), "--resume")
    assert "done 0" in result.stderr and len(lines(out)) == 2  # the same files, named otherwise
    shutil.copy(RAW / "p1-06.txt", folder / "b.txt")  # b.txt now holds another report
    result = run("extract", str(folder), "-o", str(out), "--resume")
    assert "1 changed since" in result.stderr and "done 1" in result.stderr
    records = lines(out)
    assert len(records) == 2
    assert next(r for r in records if r["source"]["path"].endswith("b.txt"))["meta"]["org"] == lawie.extract(lawie.read_file(RAW / "p1-06.txt")).meta.org


def test_resume_retries_what_failed_and_keeps_one_record_per_input(tmp_path):
    folder = _two_reports(tmp_path)
    (folder / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 300)  # a download that went wrong
    out = tmp_path / "out.csv"
    assert run("extract", str(folder), "-o", str(out), "--quiet").returncode == 1
    shutil.copy(NO_NUMBERS, folder / "b.txt")  # downloaded again
    result = run("extract", str(folder), "-o", str(out), "--resume")
    assert result.returncode == 0 and "1 failed before" in result.stderr and "done 1" in result.stderr
    log = lines(tmp_path / "out.csv.jsonl")
    assert len(log) == 2 and not any("error" in r for r in log)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {Path(row["report"]).name for row in rows} == {"a.txt", "b.txt"} and not any(row["error"] for row in rows)


def test_a_csv_output_is_kept_as_jsonl_while_the_run_goes(tmp_path):
    folder = _two_reports(tmp_path)
    out = tmp_path / "rows.csv"
    assert run("extract", str(folder), "-o", str(out), "--quiet").returncode == 0
    log = tmp_path / "rows.csv.jsonl"
    assert [Path(r["source"]["path"]).name for r in lines(log)] == ["a.txt", "b.txt"]
    from lawie.rows import record_rows

    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = [row for record in lines(log) for row in record_rows(record)]
    assert len(rows) == len(expected) and [r["text"] for r in rows] == [r["text"] or "" for r in expected]


def test_parquet_without_pyarrow_fails_before_any_report_is_read(tmp_path):
    code = (
        "import sys; sys.modules['pyarrow'] = None; sys.modules['pyarrow.parquet'] = None\n"
        "from lawie.cli import main; sys.argv = ['lawie'] + sys.argv[1:]; main()"
    )
    out = tmp_path / "rows.parquet"
    result = subprocess.run([sys.executable, "-c", code, "extract", str(WHOLE), "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 2 and "lawie[parquet]" in result.stderr and "pyarrow" in result.stderr
    assert not out.exists() and not (tmp_path / "rows.parquet.jsonl").exists()
    assert "done" not in result.stderr


def test_two_workers_give_what_one_gives(tmp_path):
    folder = _two_reports(tmp_path)
    shutil.copy(RAW / "p1-06.txt", folder / "c.txt")
    (folder / "d.txt").write_bytes(b"\x00\x01\x02\x03" * 300)  # one broken file among them
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("extract", str(folder), "-o", str(one), "--quiet").returncode == 1
    assert run("extract", str(folder), "-o", str(two), "--workers", "2", "--quiet").returncode == 1
    assert lines(two) == lines(one) and len(lines(two)) == 4 and "error" in lines(two)[3]


class _Later:
    """A worker's task whose result is ready only after a few looks, as a busy worker's is."""

    def __init__(self, value, looks: int) -> None:
        self.value, self.looks = value, looks

    def done(self) -> bool:
        self.looks -= 1
        return self.looks < 0

    def result(self):
        return self.value


class _SlowPool:
    def __init__(self) -> None:
        self.tasks = 0

    def submit(self, function, *args):
        self.tasks += 1
        return _Later(function(*args), looks=3)


class _StartsLate:
    """A pool that is there only after this process has already extracted a few files itself."""

    def __init__(self, pool, after: int) -> None:
        self.pool, self.after = pool, after

    def ready(self, wait: bool = False):
        self.after -= 1
        return self.pool if wait or self.after < 0 else None


def test_this_process_and_the_workers_share_the_files_and_keep_their_order(monkeypatch):
    from lawie import batch
    from lawie.extractor import Extractor

    extractor = Extractor("rules")
    monkeypatch.setattr(batch, "_worker_extractor", extractor)
    paths = [str(path) for path in sorted(RAW.glob("p1-*.txt"))[:14]]
    pool = _SlowPool()
    shared = list(batch._shared(_StartsLate(pool, after=2), extractor, paths, helpers=1))
    alone = [batch.process_file(extractor, path) for path in paths]
    assert [finished.path for finished in shared] == paths
    assert [finished.record for finished in shared] == json.loads(json.dumps(alone, ensure_ascii=False))
    assert 0 < pool.tasks * batch._CHUNK < len(paths)  # both sides did some of the work


def test_workers_refuse_a_model_that_is_not_one_before_starting(tmp_path):
    folder = _two_reports(tmp_path)
    result = run("extract", str(folder), "-o", str(tmp_path / "out.jsonl"), "--workers", "2", "--model", str(tmp_path))
    assert result.returncode == 2 and "not a lawie model directory" in result.stderr


_DYING_WORKER = """
import json, os, sys
from lawie import batch

_work_chunk = batch._work_chunk


def work_or_die(paths):
    if any(path.endswith("dies.txt") for path in paths):
        os._exit(9)  # as a worker killed for memory ends: no exception, no result
    return _work_chunk(paths)


if __name__ == "__main__":
    batch._work_chunk = work_or_die
    paths = sys.argv[1:]
    context = batch._context(None)
    batch._start_server(context)
    extractor = batch._loaded(None)
    starting = batch._PoolStart(1, None, context)
    starting.ready(wait=True)  # the first tasks go to the worker, the dying file among them
    try:
        print(json.dumps([finished.record for finished in batch._shared(starting, extractor, paths, helpers=1)]))
    finally:
        starting.close()
"""


def test_a_worker_that_dies_costs_its_file_only_and_the_run_ends(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    sources = sorted(RAW.glob("p1-0*.txt"))[:9]
    paths = []
    for number, source in enumerate(sources):
        path = folder / ("dies.txt" if number == 1 else f"{number}.txt")
        shutil.copy(source, path)
        paths.append(str(path))
    script = tmp_path / "script.py"
    script.write_text(_DYING_WORKER, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), *paths], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [record["source"]["path"] for record in records] == paths
    assert [bool(record.get("error")) for record in records] == [number == 1 for number in range(len(paths))]
    assert "worker process extracting this file died" in records[1]["error"]
    extractor = lawie.load()
    assert records[0]["meta"] == extractor.extract(sources[0].read_text(encoding="utf-8")).to_dict()["meta"]


_DYING_PIPE = """
import os, sys
import lawie
from lawie import batch

_work_texts = batch._work_texts


def work_or_die(texts):
    if any("DIES" in text for text in texts):
        os._exit(9)
    return _work_texts(texts)


if __name__ == "__main__":
    batch._work_texts = work_or_die
    text = open(sys.argv[1], encoding="utf-8").read()
    for report in lawie.load().pipe([text, text, "DIES" + text, text], n_process=2, batch_size=1):
        print(report.meta.org, flush=True)
"""


def test_pipe_whose_worker_dies_fails_with_the_texts_it_lost(tmp_path):
    script = tmp_path / "script.py"
    script.write_text(_DYING_PIPE, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(NO_NUMBERS)], capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "LawieError: a worker process died while texts" in result.stderr
    given = result.stdout.splitlines()
    assert len(given) <= 2 and f"texts {len(given)}–3 (counting from 0)" in result.stderr


class _Task:
    """A finished worker task: its result, or the error of a pool whose worker died."""

    def __init__(self, value=None, broken: bool = False) -> None:
        self.value, self.broken = value, broken

    def done(self) -> bool:
        return True

    def cancelled(self) -> bool:
        return False

    def exception(self):
        from concurrent.futures.process import BrokenProcessPool

        return BrokenProcessPool("a worker died") if self.broken else None

    def result(self):
        if self.broken:
            raise self.exception()
        return self.value


class _BreakingPool:
    """A pool that does its first tasks, then loses the next one with its worker, then refuses
    new tasks, as a pool whose worker died while this process was extracting does."""

    def __init__(self, works: int, log: list) -> None:
        self.works, self.log = works, log

    def submit(self, function, paths):
        from concurrent.futures.process import BrokenProcessPool

        if self.works < 0:
            raise BrokenProcessPool("a worker died")
        self.works -= 1
        self.log.append(list(paths))
        return _Task(broken=True) if self.works < 0 else _Task(function(paths))


class _Restarting:
    def __init__(self, pools) -> None:
        self.pools = iter(pools)
        self.pool = next(self.pools)

    def ready(self, wait: bool = False):
        return self.pool

    def restart(self):
        self.pool = next(self.pools)
        return self.pool


def test_a_pool_that_breaks_between_tasks_keeps_finished_work_and_retries_the_rest(monkeypatch):
    from lawie import batch
    from lawie.extractor import Extractor

    extractor = Extractor("rules")
    monkeypatch.setattr(batch, "_worker_extractor", extractor)
    paths = [str(path) for path in sorted(RAW.glob("p1-*.txt"))[:14]]
    log: list = []
    starting = _Restarting([_BreakingPool(works=1, log=log), _BreakingPool(works=99, log=log)])
    shared = list(batch._shared(starting, extractor, paths, helpers=1))
    alone = [batch.process_file(extractor, path) for path in paths]
    assert [finished.record for finished in shared] == json.loads(json.dumps(alone, ensure_ascii=False))
    assert log[0] == paths[:4] and log[1] == paths[4:8]  # the first task finished, the second was lost
    assert [chunk for chunk in log[2:] if chunk[0] in paths[:4]] == []  # finished work is not done again
    assert [chunk for chunk in log[2:] if len(chunk) == 1][:4] == [[path] for path in paths[4:8]]  # the lost, alone


class _DeadPool:
    def submit(self, function, paths):
        return _Task(broken=True)


def test_workers_that_die_on_every_file_stop_the_run_with_the_reason(monkeypatch):
    from lawie import batch
    from lawie.extractor import Extractor

    extractor = Extractor("rules")
    paths = [str(path) for path in sorted(RAW.glob("p1-*.txt"))[:12]]
    starting = _Restarting(iter(lambda: _DeadPool(), None))
    with pytest.raises(lawie.LawieError, match="died on 3 files in a row"):
        list(batch._shared(starting, extractor, paths, helpers=1))
