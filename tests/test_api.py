"""The public surface: extract(), load(), Report.to_dict() per the contract, light import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import lawie

from .conftest import POOL_IDS, REPORT_IDS


def test_import_is_light():
    code = "import time; t=time.perf_counter(); import lawie, sys; print(time.perf_counter()-t, 'spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[1] == "False"
    assert float(out[0]) < 1.0


@pytest.mark.parametrize("value", [None, b"bytes", 42, ["text"]])
def test_non_str_raises_type_error(value):
    with pytest.raises(TypeError, match="str"):
        lawie.extract(value)


@pytest.fixture(scope="module")
def reports(corpus):
    extractor = lawie.load()
    return {rid: extractor.extract(corpus[rid]["text"]) for rid in REPORT_IDS}


def test_contract_keys(reports):
    data = reports[REPORT_IDS[0]].to_dict()
    assert list(data) == [
        "lawie_version", "model", "meta", "achievements", "problems", "plans",
        "rectifications", "leadership", "sections", "entities",
    ]
    assert set(data["meta"]) == {"title", "org", "year", "body", "level", "province", "city", "county", "division_code"}
    item = data["achievements"][0]
    assert set(item) == {"text", "start", "end", "role", "heading", "score", "entities", "quantities"}
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_offsets_are_true(corpus, reports, report_id):
    text = corpus[report_id]["text"]
    report = reports[report_id]
    for item in report.items:
        assert text[item.start : item.end] == item.text
        for entity in item.entities:
            assert text[entity.start : entity.end] == entity.text
            assert item.start <= entity.start and entity.end <= item.end
        for quantity in item.quantities:
            assert text[quantity.start : quantity.end] == quantity.text
    for entity in report.entities:
        assert text[entity.start : entity.end] == entity.text


def test_offsets_are_true_on_the_pool_reports(corpus):
    extractor = lawie.load()
    for report_id in POOL_IDS:
        text = corpus[report_id]["text"]
        report = extractor.extract(text)
        spans = list(report.entities) + list(report.items) + [q for _, q in report.quantities]
        assert all(text[s.start : s.end] == s.text for s in spans), report_id


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_roles_present_and_meta_year(corpus, reports, report_id):
    report = reports[report_id]
    assert report.achievements and report.problems and report.plans
    assert report.meta.year == corpus[report_id]["meta"]["year"]


def test_to_rows(reports):
    rows = lawie.to_rows(reports[REPORT_IDS[0]])
    assert rows
    first = rows[0]
    assert {"report", "role", "heading", "measure", "value", "unit", "approx", "text", "start", "end"} <= set(first)


def test_repr_is_useful(reports):
    assert repr(reports[REPORT_IDS[0]]).startswith("Report(org='南湖街道办事处', year=2025")


def test_output_follows_the_published_schema(reports):
    import jsonschema

    from lawie.report import json_schema

    schema = json_schema()
    for report in reports.values():
        jsonschema.validate(report.to_dict(), schema)


def test_pipe_keeps_order_and_matches_extract(corpus):
    extractor = lawie.load()
    texts = [corpus[rid]["text"] for rid in REPORT_IDS]
    piped = list(extractor.pipe(texts))
    assert [r.to_dict() for r in piped] == [extractor.extract(t).to_dict() for t in texts]


def test_pipe_with_two_processes_keeps_order(corpus):
    extractor = lawie.load()
    texts = [corpus[rid]["text"] for rid in REPORT_IDS[:3]]
    piped = list(extractor.pipe(texts, n_process=2, batch_size=1))
    assert [r.meta.org for r in piped] == [extractor.extract(t).meta.org for t in texts]


def test_a_report_read_from_a_file_keeps_its_source():
    from .conftest import ROOT

    document = lawie.read_file(ROOT / "corpus" / "raw" / "p1-05.txt")
    report = lawie.extract(document)
    assert report.source == document.source and report.source["sha256"] == document.source["sha256"]
    assert report.to_dict() == lawie.extract(document.text).to_dict()
    assert lawie.load().extract(document).source["path"].endswith("p1-05.txt")


def test_pipe_in_a_script_without_a_main_guard_fails_with_the_reason(tmp_path):
    from .conftest import ROOT

    script = tmp_path / "script.py"
    script.write_text(
        "import lawie\n"
        f"texts = [open({str(ROOT / 'corpus' / 'raw' / 'p1-05.txt')!r}, encoding='utf-8').read()] * 2\n"
        "print([r.meta.org for r in lawie.load().pipe(texts, n_process=2)])\n",
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert 'if __name__ == "__main__":' in result.stderr and "RuntimeError" in result.stderr
