"""The command line, run as users run it."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ANNOTATIONS


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawie.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_extract_example_prints_the_report():
    result = run("extract", "--example")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["meta"]["org"] == "南湖街道办事处" and data["achievements"]


def test_extract_folder_writes_jsonl_and_reports_failures(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = json.loads((ANNOTATIONS / "003_7fff814117d48ac1.jsonl").read_text(encoding="utf-8"))["text"]
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.bin").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out.jsonl"
    result = run("extract", str(folder), "-o", str(out), "--quiet")
    assert result.returncode == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    assert "error" in records[1] and "binary" in records[1]["error"]
    assert records[0]["meta"]["year"] == 2025


def test_missing_input_is_an_error_record(tmp_path):
    result = run("extract", str(tmp_path / "nope.txt"), "--quiet")
    assert result.returncode == 1
    assert "no such file" in result.stderr


def test_corpus_validate(tmp_path):
    assert run("corpus", "validate", str(ANNOTATIONS)).returncode == 0
    bad = tmp_path / "bad.jsonl"
    record = json.loads((ANNOTATIONS / "003_7fff814117d48ac1.jsonl").read_text(encoding="utf-8"))
    record["spans"][0]["start"] += 2
    bad.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("corpus", "validate", str(bad))
    assert result.returncode == 1
    assert "span 0" in result.stderr and "003_7fff814117d48ac1" in result.stderr
