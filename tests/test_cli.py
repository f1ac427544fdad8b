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
    (folder / "b.txt").write_bytes(bytes(range(256)) * 4)  # a damaged report file
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


def test_corpus_validate_checks_the_split(tmp_path):
    folder = tmp_path / "corpus" / "annotations"
    folder.mkdir(parents=True)
    for rid in ("003_7fff814117d48ac1", "p3-15"):
        (folder / f"{rid}.jsonl").write_bytes((ANNOTATIONS / f"{rid}.jsonl").read_bytes())
    (tmp_path / "corpus" / "splits.tsv").write_text("id\tsplit\tfold\tlevel\tprovince\n003_7fff814117d48ac1\ttrain\t0\ttown\t北京\n", encoding="utf-8")
    result = run("corpus", "validate", str(folder))
    assert result.returncode == 1 and "p3-15" in result.stderr and "not in the split table" in result.stderr


def test_train_refuses_a_corpus_too_small_to_cross_validate(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    for rid in ("003_7fff814117d48ac1", "p3-15"):
        (folder / f"{rid}.jsonl").write_bytes((ANNOTATIONS / f"{rid}.jsonl").read_bytes())
    result = run("train", "--corpus", str(folder), "-o", str(tmp_path / "model"))
    assert result.returncode == 2 and "cannot cross-validate 2 report(s)" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "model").exists()


def test_corpus_stats_per_split_level_and_province():
    result = run("corpus", "stats", str(ANNOTATIONS))
    assert result.returncode == 0
    tables = result.stdout.split("\n\n")
    assert [t.strip().splitlines()[0].split(" | ")[0] for t in tables if t.strip()] == ["| split", "| level", "| province"]
    level = next(t for t in tables if t.strip().startswith("| level")).strip().splitlines()
    assert {row.split(" | ")[0][2:] for row in level[2:]} == {"province", "city", "county", "town", "department", "all"}
    assert level[-1].startswith("| all | 276 |")


def test_a_mixed_folder_gives_one_record_per_input(tmp_path):
    """UTF-8 and GBK twins, an HTML page with navigation and footer, an empty and a binary file."""
    record = json.loads((ANNOTATIONS / "003_7fff814117d48ac1.jsonl").read_text(encoding="utf-8"))
    text = record["text"]
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_utf8.txt").write_text(text, encoding="utf-8")
    (folder / "b_gbk.txt").write_bytes(text.encode("gbk"))
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    (folder / "c_page.html").write_text(
        "<html><head><meta charset='utf-8'><title>鼓楼街道2025年法治政府建设年度报告</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> | <a href='/zwgk'>政务公开</a> | <a href='/hdjl'>互动交流</a></div>"
        f"<div class='article'>{paragraphs}</div>"
        "<div class='footer'><p>主办单位:鼓楼街道办事处</p><p>网站标识码:1101010001 京ICP备12345678号</p></div>"
        "</body></html>",
        encoding="utf-8",
    )
    (folder / "d_empty.txt").write_bytes(b"")
    (folder / "e_binary.txt").write_bytes(bytes(range(256)) * 16)
    out = tmp_path / "out.jsonl"
    result = run("extract", str(folder), "-o", str(out), "--quiet")
    assert result.returncode == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["path"].rsplit("/", 1)[-1] for r in records] == ["a_utf8.txt", "b_gbk.txt", "c_page.html", "d_empty.txt", "e_binary.txt"]
    utf8, gbk, html, empty, binary = records
    assert gbk["source"]["encoding"] == "gb18030" and utf8["source"]["encoding"] == "utf-8"
    keys = ("achievements", "problems", "plans", "rectifications", "leadership")
    assert all(utf8[k] == gbk[k] for k in keys) and utf8["achievements"]
    html_items = [item["text"] for k in keys for item in html[k]]
    assert html_items and not any("首页" in t or "网站标识码" in t or "主办单位" in t for t in html_items)
    assert "empty" in empty["error"] and "binary" in binary["error"]


def test_resume_skips_what_is_done(tmp_path):
    text = json.loads((ANNOTATIONS / "003_7fff814117d48ac1.jsonl").read_text(encoding="utf-8"))["text"]
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("extract", str(folder / "a.txt"), "-o", str(out), "--quiet").returncode == 0
    assert run("extract", str(folder), "-o", str(out), "--resume", "--quiet").returncode == 0
    paths = [json.loads(line)["source"]["path"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(p.rsplit("/", 1)[-1] for p in paths) == ["a.txt", "b.txt"]


def test_csv_rows_with_bom(tmp_path):
    out = tmp_path / "rows.csv"
    result = run("extract", "--example", "-o", str(out), "--quiet")
    assert result.returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:6] == ["report", "org", "year", "role", "heading", "measure"]
    assert len(data.decode("utf-8-sig").splitlines()) > 50


def test_parquet_rows(tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "rows.parquet"
    assert run("extract", "--example", "-o", str(out), "--quiet").returncode == 0
    table = pq.read_table(out)
    assert table.num_rows > 50
    assert {"measure", "value", "unit", "role", "start", "end"} <= set(table.column_names)


def test_unknown_output_type_is_refused(tmp_path):
    result = run("extract", "--example", "-o", str(tmp_path / "out.xlsx"))
    assert result.returncode == 2 and "unknown output type" in result.stderr


def test_hostile_files_get_error_records_and_the_batch_goes_on(tmp_path):
    import io as _io
    import zipfile

    folder = tmp_path / "in"
    folder.mkdir()
    text = json.loads((ANNOTATIONS / "003_7fff814117d48ac1.jsonl").read_text(encoding="utf-8"))["text"]
    (folder / "a_fake.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200)
    buffer = _io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" * (250 * 1024 * 1024))
    (folder / "b_bomb.docx").write_bytes(buffer.getvalue())
    (folder / "c_fake.docx").write_text("this is not a zip file at all, only text pretending", encoding="utf-8")
    (folder / "d_deep.html").write_text("<html><body>" + "<div>" * 3000 + "x" + "</div>" * 3000 + "</body></html>", encoding="utf-8")
    (folder / "e_report.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("extract", str(folder), "-o", str(out), "--quiet")
    assert result.returncode == 1
    records = {r["source"]["path"].rsplit("/", 1)[-1]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert "damaged PDF" in records["a_fake.pdf"]["error"]
    assert "unpacks to" in records["b_bomb.docx"]["error"]
    assert records["c_fake.docx"]["source"]["format"] == "text"  # recognised by its bytes, not its name
    assert "nested" in records["d_deep.html"]["error"]
    assert records["e_report.txt"]["achievements"]


def test_check_command_tells_missing_parts_from_cut_pages(tmp_path):
    raw = ANNOTATIONS.parent / "raw"
    seed = (raw / "003_7fff814117d48ac1.txt").read_text(encoding="utf-8")
    start, end = seed.index("二、法治政府建设中存在的不足"), seed.index("三、2025年党政主要负责人")
    no_problems = tmp_path / "no_problems.txt"
    no_problems.write_text(seed[:start] + seed[end:], encoding="utf-8")
    table = tmp_path / "check.csv"
    result = run("check", str(raw / "003_7fff814117d48ac1.txt"), str(no_problems), str(raw / "p3-24.txt"), "-o", str(table))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "\tcompliant\t" in lines[0]
    assert "\tnot compliant\t" in lines[1] and "shortcomings=missing" in lines[1]
    assert "\tincomplete text\t" in lines[2] and "=missing" not in lines[2] and "published=2018-04-03 on_time=False" in lines[2]
    assert "1 compliant, 1 not compliant, 1 incomplete text, 0 failed" in result.stderr
    import csv

    rows = list(csv.DictReader(table.open(encoding="utf-8-sig")))
    assert [row["missing"] for row in rows] == ["rectification", "shortcomings;rectification", ""]
def test_version():
    from lawie import __version__

    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"lawie {__version__}"


def test_stdout_is_one_json_line_per_input_whatever_their_number(tmp_path):
    raw = ANNOTATIONS.parent / "raw"
    one = run("extract", str(raw / "p1-05.txt"))
    two = run("extract", str(raw / "p1-05.txt"), str(raw / "p1-06.txt"), "--quiet")
    assert one.returncode == 0 and two.returncode == 0
    first = [json.loads(line) for line in one.stdout.splitlines()]
    both = [json.loads(line) for line in two.stdout.splitlines()]
    assert len(first) == 1 and len(both) == 2
    assert both[0] == first[0] and both[1]["source"]["path"].endswith("p1-06.txt")


def test_one_large_file_shows_its_steps(tmp_path):
    raw = ANNOTATIONS.parent / "raw"
    text = "\n".join((raw / f"{rid}.txt").read_text(encoding="utf-8") for rid in ("000_2ababa7b4bdadb2d", "003_7fff814117d48ac1"))
    big = tmp_path / "big.txt"
    big.write_text("\n".join([text] * 52), encoding="utf-8")  # over 1 MB: a long report
    assert big.stat().st_size > 1_000_000
    result = run("extract", str(big), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0, result.stderr
    import re

    shown = re.findall(r"big\.txt \(1\.\d MB\): (\w+)", result.stderr)
    assert [step for i, step in enumerate(shown) if step not in shown[:i]] == ["reading", "structure", "entities", "roles", "items"]


def test_evaluate_leaves_the_held_out_split_out_unless_it_is_named(tmp_path):
    import shutil

    annotations = tmp_path / "corpus" / "annotations"
    annotations.mkdir(parents=True)
    rows = {"003_7fff814117d48ac1": ("train", "1", "town", "广东"), "p3-15": ("dev", "0", "town", "重庆"), "p1-01": ("test8", "", "county", "北京")}
    for rid in rows:
        shutil.copy(ANNOTATIONS / f"{rid}.jsonl", annotations)
    lines = ["id\tsplit\tfold\tlevel\tprovince"] + ["\t".join((rid, *row)) for rid, row in rows.items()]
    (tmp_path / "corpus" / "splits.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    default = run("evaluate", "--corpus", str(annotations))
    named = run("evaluate", "--corpus", str(annotations), "--split", "test8")
    assert default.returncode == 0 and "on 2 report(s)" in default.stdout
    assert named.returncode == 0 and "on 1 report(s)" in named.stdout
