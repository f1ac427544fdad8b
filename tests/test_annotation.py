"""The retraining loop's round trip: pre-annotate → a person corrects → import → validate."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lawie.annotation import export_tasks, import_records, labelstudio_config
from lawie.corpus import read_records
from lawie.errors import CorpusError

from .conftest import ANNOTATIONS

REPORT = ANNOTATIONS.parent / "raw" / "003_7fff814117d48ac1.txt"


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawie.cli", *args], capture_output=True, text=True)


def _missed_gold_span(predicted):
    """A gold span of the report that overlaps no predicted entity: what a person would add."""
    gold = json.loads((ANNOTATIONS / "003_7fff814117d48ac1.jsonl").read_text(encoding="utf-8"))["spans"]
    for span in gold:
        if not any(a < span["end"] and span["start"] < b for a, b in predicted):
            return span
    raise AssertionError("the model found every gold span")


def _correct(tasks, fmt, text, before):
    """What a person does in the tool: delete the second predicted entity, add a missed one."""
    missed = _missed_gold_span([(s["start"], s["end"]) for s in before["spans"]])
    added = missed["start"], missed["end"]
    label = missed["label"]
    task = tasks[0]
    if fmt == "labelstudio":
        result = task["predictions"][0]["result"]
        entities = [r for r in result if r["from_name"] == "label"]
        result.remove(entities[1])
        result.append({"id": "new", "from_name": "label", "to_name": "text", "type": "labels",
                       "value": {"start": added[0], "end": added[1], "text": missed["text"], "labels": [label]}})
        task["annotations"] = [{"result": result}]
        removed = entities[1]["value"]["start"], entities[1]["value"]["end"]
    else:
        key = "label" if fmt == "doccano" else "spans"
        pieces = task[key]
        entity_positions = [i for i, p in enumerate(pieces) if not (p[2] if fmt == "doccano" else p["label"]).startswith("ROLE:")]
        removed_piece = pieces.pop(entity_positions[1])
        removed = (removed_piece[0], removed_piece[1]) if fmt == "doccano" else (removed_piece["start"], removed_piece["end"])
        pieces.append([added[0], added[1], label] if fmt == "doccano" else {"start": added[0], "end": added[1], "label": label})
    return removed, added


@pytest.mark.parametrize("fmt", ["labelstudio", "doccano", "prodigy"])
def test_round_trip(tmp_path, fmt):
    text = REPORT.read_text(encoding="utf-8")
    out = tmp_path / ("tasks.json" if fmt == "labelstudio" else "tasks.jsonl")
    result = run("annotate", str(REPORT), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_text(encoding="utf-8")
    tasks = json.loads(raw) if fmt == "labelstudio" else [json.loads(line) for line in raw.splitlines()]
    before = import_records(out, fmt)[0]
    removed, added = _correct(tasks, fmt, text, before)
    edited = tmp_path / ("edited.json" if fmt == "labelstudio" else "edited.jsonl")
    if fmt == "labelstudio":
        edited.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    else:
        edited.write_text("\n".join(json.dumps(t, ensure_ascii=False) for t in tasks) + "\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    result = run("corpus", "import", str(edited), "--format", fmt, "--corpus", str(corpus))
    assert result.returncode == 0, result.stderr
    assert run("corpus", "validate", str(corpus)).returncode == 0
    (record,) = read_records(corpus)
    spans = {(s["start"], s["end"]) for s in record["spans"]}
    assert added in spans and removed not in spans
    assert len(record["spans"]) == len(before["spans"])
    assert [i["role"] for i in record["items"]] == [i["role"] for i in before["items"]]
    assert record["text"] == text
    # importing again replaces the report, it does not add a second one
    assert run("corpus", "import", str(edited), "--format", fmt, "--corpus", str(corpus)).returncode == 0
    assert len(read_records(corpus)) == 1


def test_invalid_import_names_the_report_and_span(tmp_path):
    text = "2025年,鼓楼街道办事处开展普法活动30场。"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "r1", "text": text, "label": [[3, 10, "ORG"], [5, 12, "ORG"]]}, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        import_records(bad, "doccano")
    assert "r1" in str(caught.value) and "overlaps" in str(caught.value)
    bad.write_text(json.dumps({"id": "r2", "text": text, "label": [[3, 10, "PERSON"]]}) + "\n", encoding="utf-8")
    result = run("corpus", "import", str(bad), "--format", "doccano", "--corpus", str(tmp_path / "c"))
    assert result.returncode == 1 and "r2" in result.stderr and "PERSON" in result.stderr
    assert not (tmp_path / "c").exists()


def test_labelstudio_offsets_count_utf16_units():
    text = "😀南湖街道办事处"
    record = {"id": "x", "text": text, "spans": [{"start": 1, "end": 8, "label": "ORG", "text": text[1:8]}], "items": [], "meta": {"org": None, "year": None, "level": "other", "source": "x"}}
    (task,) = export_tasks([record], "labelstudio")
    value = task["predictions"][0]["result"][0]["value"]
    assert (value["start"], value["end"]) == (2, 9)


def test_labelstudio_config_lists_every_label_and_role():
    config = labelstudio_config()
    assert all(f'value="{label}"' in config for label in ("COUNT", "RATE", "ORG", "INITIATIVE", "achievement", "leadership"))
    assert run("annotate", "--config").stdout == config


def test_reimport_keeps_gold_measures_of_unchanged_numbers(tmp_path):
    from lawie.annotation import write_records

    gold = json.loads((ANNOTATIONS / "003_7fff814117d48ac1.jsonl").read_text(encoding="utf-8"))
    corpus = tmp_path / "corpus"
    write_records([gold], corpus)
    corrected = json.loads(json.dumps(gold))
    for span in corrected["spans"]:
        span.pop("measure", None)  # what comes back from an annotation tool
    dropped = next(s for s in corrected["spans"] if s["label"] == "COUNT")
    corrected["spans"].remove(dropped)
    write_records([corrected], corpus)
    (record,) = read_records(corpus)
    numbers = [s for s in record["spans"] if s["label"] in ("COUNT", "RATE")]
    assert numbers and all("measure" in s for s in numbers)
    assert len(numbers) == sum(1 for s in gold["spans"] if s["label"] in ("COUNT", "RATE")) - 1


def test_reimport_keeps_values_heading_paths_and_meta_of_a_pool_report(tmp_path):
    from lawie.annotation import export_tasks, import_records, write_records

    gold = json.loads((ANNOTATIONS / "p3-15.jsonl").read_text(encoding="utf-8"))
    corpus = tmp_path / "corpus"
    write_records([gold], corpus)
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in export_tasks([gold], "doccano")), encoding="utf-8")
    write_records(import_records(export, "doccano"), corpus)
    (record,) = read_records(corpus)
    assert record["spans"] == gold["spans"]  # measures and values, e.g. 1.3 万件 → 13000
    assert [i.get("heading") for i in record["items"]] == [i["heading"] for i in gold["items"]]
    assert record["meta"]["org_names"] == gold["meta"]["org_names"] and record["meta"]["province"] == "云南"


def _exported(tmp_path, fmt, *reports):
    out = tmp_path / ("tasks.json" if fmt == "labelstudio" else "tasks.jsonl")
    result = run("annotate", *map(str, reports), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_text(encoding="utf-8")
    return out, json.loads(raw) if fmt == "labelstudio" else [json.loads(line) for line in raw.splitlines()]


def _save(path, fmt, tasks):
    if fmt == "labelstudio":
        path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8")


@pytest.mark.parametrize("fmt", ["labelstudio", "prodigy"])
def test_a_span_whose_offsets_point_at_other_text_is_refused(tmp_path, fmt):
    out, tasks = _exported(tmp_path, fmt, REPORT)
    if fmt == "labelstudio":
        value = next(r for r in tasks[0]["predictions"][0]["result"] if r["from_name"] == "label")["value"]
    else:
        value = next(s for s in tasks[0]["spans"] if not s["label"].startswith("ROLE:"))
        value["text"] = REPORT.read_text(encoding="utf-8")[value["start"] : value["end"]]
    value["start"] += 2  # the tool's text stays; its offsets moved (a text edited outside the tool)
    value["end"] += 2
    _save(out, fmt, tasks)
    result = run("corpus", "import", str(out), "--format", fmt, "--corpus", str(tmp_path / "corpus"))
    assert result.returncode == 1 and "do not match its text" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "corpus").exists()


def test_a_missing_key_is_a_clear_error(tmp_path):
    out, tasks = _exported(tmp_path, "labelstudio", REPORT)
    del next(r for r in tasks[0]["predictions"][0]["result"] if r["from_name"] == "label")["value"]["start"]
    _save(out, "labelstudio", tasks)
    result = run("corpus", "import", str(out), "--format", "labelstudio", "--corpus", str(tmp_path / "corpus"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "no 'start' key" in result.stderr and "tasks.json:1" in result.stderr


def test_one_report_under_two_ids_is_refused(tmp_path):
    out, tasks = _exported(tmp_path, "doccano", REPORT)
    twin = json.loads(json.dumps(tasks[0]))
    twin["meta"]["report_id"] = "gulou_copy"
    _save(out, "doccano", tasks + [twin])
    result = run("corpus", "import", str(out), "--format", "doccano", "--corpus", str(tmp_path / "corpus"))
    assert result.returncode == 1 and "same text" in result.stderr
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "003_7fff814117d48ac1.jsonl").write_bytes((ANNOTATIONS / "003_7fff814117d48ac1.jsonl").read_bytes())
    _save(out, "doccano", [twin])  # the corpus has this report already, under its own id
    result = run("corpus", "import", str(out), "--format", "doccano", "--corpus", str(corpus))
    assert result.returncode == 1 and "'003_7fff814117d48ac1'" in result.stderr
    assert sorted(p.name for p in corpus.iterdir()) == ["003_7fff814117d48ac1.jsonl"]


def test_reports_with_one_file_name_in_two_folders_keep_apart(tmp_path):
    raw = ANNOTATIONS.parent / "raw"
    for year, source in (("2023", "p1-01.txt"), ("2024", "p1-02.txt")):
        (tmp_path / year).mkdir()
        (tmp_path / year / "report.txt").write_bytes((raw / source).read_bytes())
    out, tasks = _exported(tmp_path, "doccano", tmp_path / "2023" / "report.txt", tmp_path / "2024" / "report.txt")
    assert [t["meta"]["report_id"] for t in tasks] == ["2023_report", "2024_report"]
    result = run("corpus", "import", str(out), "--format", "doccano", "--corpus", str(tmp_path / "corpus"))
    assert result.returncode == 0, result.stderr
    assert len(read_records(tmp_path / "corpus")) == 2
