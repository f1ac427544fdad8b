"""The corpus in the repo, the validator on each kind of corruption, and the conversions."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest

from lawie.corpus import SPENT, read_records, read_split, select, stats, to_docbin, validate, validate_path
from lawie.errors import CorpusError

from .conftest import ALL_IDS, ANNOTATIONS, BATCH_IDS, HELD_OUT_IDS, POOL_IDS, REPORT_IDS, ROOT, SPENT_BATCH_IDS


def test_the_repo_corpus_validates():
    count, problems = validate_path(ANNOTATIONS)
    assert count == len(ALL_IDS) == 276
    assert (len(REPORT_IDS), len(POOL_IDS), len(BATCH_IDS), len(SPENT_BATCH_IDS), len(HELD_OUT_IDS)) == (5, 103, 24, 120, 24)
    assert [str(p) for p in problems] == []


def test_every_report_has_spans_and_items_with_roles(corpus):
    for rid in REPORT_IDS:  # whole reports: every label and every mandated part
        record = corpus[rid]
        assert {"COUNT", "ORG", "INITIATIVE"} <= {span["label"] for span in record["spans"]}
        assert {"achievement", "problem", "plan"} <= {item["role"] for item in record["items"]}
    for record in corpus.values():
        assert record["spans"] and record["items"] and all(item["role"] for item in record["items"])


def test_every_number_has_a_measure_key_and_a_value(corpus):
    for record in corpus.values():
        for span in record["spans"]:
            if span["label"] in ("COUNT", "RATE"):
                assert "measure" in span and "value" in span, (record["id"], span)


def test_raw_files_are_the_annotated_texts_byte_for_byte(corpus):
    metadata = {m["id"]: m for m in map(json.loads, (ROOT / "corpus" / "METADATA.jsonl").open(encoding="utf-8"))}
    assert set(metadata) == set(corpus)
    for rid, record in corpus.items():
        data = (ROOT / "corpus" / "raw" / metadata[rid]["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == metadata[rid]["sha256"]
        assert data.decode("utf-8") == record["text"]
        assert record["meta"]["level"] == metadata[rid]["level"] and record["meta"]["province"] == metadata[rid]["province"]


def test_the_split_covers_the_corpus_and_keeps_the_seeds_out_of_test(corpus):
    split = read_split()
    assert set(split) == set(corpus)
    assert all(split[rid]["split"] == "train" for rid in REPORT_IDS)
    test = [rid for rid in split if split[rid]["split"] == "test"]
    assert len(test) == 21
    assert len({split[rid]["province"] for rid in test}) == len(test)  # spread over provinces
    folds: dict[str, set] = {}
    for rid, row in split.items():  # the spent test splits included: they take their province's fold
        if row["fold"] is not None:
            folds.setdefault(row["province"], set()).add(row["fold"])
    assert all(len(f) == 1 for f in folds.values())  # a province never straddles two folds


def test_the_split_file_is_what_the_seeded_script_writes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("split_script", ROOT / "training" / "split.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    # the 108 reports the split was frozen with (METADATA.jsonl only grows; later reports are added by hand)
    entries = [json.loads(line) for line in (ROOT / "corpus" / "METADATA.jsonl").open(encoding="utf-8")][:108]
    frozen = {
        rid: {k: v for k, v in row.items() if k == "split" or k == "fold" and v is not None and row["split"] not in SPENT}
        for rid, row in read_split().items()
    }
    assert script.split(entries) == {e["id"]: frozen[e["id"]] for e in entries}


@pytest.mark.parametrize(
    "rows, message",
    [
        ("a\ttrain\t0\ta\tb\na\tdev\t1\ta\tb\n", "in the split twice"),
        ("a\ttrain\t\ta\tb\n", "needs a fold"),
        ("a\ttest\t2\ta\tb\n", "a test report has no fold"),
        ("a\tvalidation\t0\ta\tb\n", "train, dev, test, test2, test3, test4, test5, test6, test7, test8"),
        ("a\ttest2\t3\ta\tb\n", "a test report has no fold"),
        ("a\ttest3\t3\ta\tb\n", "a test report has no fold"),
        ("a\ttest5\t3\ta\tb\n", "a test report has no fold"),
        ("a\ttest\t\ta\tb\n", "no train or dev report of b gives it a fold"),
    ],
)
def test_a_broken_split_file_is_refused(tmp_path, rows, message):
    path = tmp_path / "splits.tsv"
    path.write_text("id\tsplit\tfold\tlevel\tprovince\n" + rows, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        read_split(path)


def test_spent_splits_are_trained_on_in_their_provinces_fold_and_the_held_out_split_never(corpus):
    from lawie.corpus import HELD_OUT, training_records

    split = read_split()
    assert {split[rid]["split"] for rid in BATCH_IDS} == {"test2"} and "test2" in SPENT
    assert {split[rid]["split"] for rid in SPENT_BATCH_IDS} == {"test3", "test4", "test5", "test6", "test7"} and {"test3", "test4", "test5", "test6", "test7"} <= set(SPENT)
    trained, folds = training_records(ANNOTATIONS)
    in_fold = {rid: i for i, fold in enumerate(folds) for rid in fold}
    assert set(BATCH_IDS + SPENT_BATCH_IDS) <= {r["id"] for r in trained}
    fold_of_province = {row["province"]: row["fold"] for row in split.values() if row["split"] in ("train", "dev")}
    assert all(split[rid]["fold"] == fold_of_province[split[rid]["province"]] for rid in BATCH_IDS + SPENT_BATCH_IDS)
    keys = sorted({split[r["id"]]["fold"] for r in trained})  # the folds come out in the order of their numbers
    assert all(keys[in_fold[rid]] == split[rid]["fold"] for rid in BATCH_IDS)
    held_out = [rid for rid, row in split.items() if row["split"] in HELD_OUT]
    assert sorted(held_out) == HELD_OUT_IDS and {split[rid]["split"] for rid in held_out} == {"test8"}
    assert all(split[rid]["fold"] is None for rid in held_out)
    assert not set(held_out) & {r["id"] for r in trained}
    assert not set(held_out) & {rid for fold in folds for rid in fold}


def test_select_refuses_reports_missing_from_the_split(corpus):
    records = list(corpus.values())
    assert len(select(records, ["train", "dev"])) == 87
    assert len(select(records, ["train", "dev", *SPENT])) == 252
    with pytest.raises(CorpusError, match="not in the split"):
        select(records + [{"id": "new-report"}], ["train"])
    with pytest.raises(CorpusError, match="unknown split"):
        select(records, ["validation"])


def test_stats_by_level_add_up(corpus):
    records = list(corpus.values())
    by_level = stats(records, by="level")
    total = by_level.pop("all")
    assert set(by_level) == {"province", "city", "county", "town", "department"}
    assert sum(row["reports"] for row in by_level.values()) == total["reports"] == 276
    assert sum(row["ORG"] for row in by_level.values()) == total["ORG"] == sum(1 for r in records for s in r["spans"] if s["label"] == "ORG")


@pytest.fixture()
def record(corpus):
    return copy.deepcopy(corpus["003_7fff814117d48ac1"])


def messages(record):
    return [p.message for p in validate([record])]


def test_shifted_offset_is_caught(record):
    record["spans"][3]["start"] += 1
    record["spans"][3]["end"] += 1
    assert any("does not match the text at its offsets" in m for m in messages(record))


def test_unknown_label_is_caught(record):
    record["spans"][0]["label"] = "PERSON"
    assert any("unknown label" in m for m in messages(record))


def test_overlap_is_caught(record):
    first = record["spans"][0]
    record["spans"].insert(1, {"start": first["start"], "end": first["end"] + 1, "label": "ORG", "text": record["text"][first["start"] : first["end"] + 1]})
    assert any("overlaps span" in m for m in messages(record))


def test_unknown_role_and_bad_item_offsets_are_caught(record):
    record["items"][0]["role"] = "summary"
    record["items"][1]["end"] = len(record["text"]) + 5
    found = messages(record)
    assert any("unknown role 'summary'" in m for m in found)
    assert any("outside the text" in m for m in found)


def test_bad_headings_values_and_meta_of_the_pool_format_are_caught(corpus):
    record = copy.deepcopy(corpus["p3-15"])
    record["items"][-1]["heading"] = ["一、主要做法和成效", "(九)no such heading"]
    number = next(s for s in record["spans"] if s["label"] == "COUNT")
    number["value"] = "236"
    next(s for s in record["spans"] if s["label"] == "ORG")["value"] = 1.0
    record["meta"]["org_names"] = ["金平县", "云南省某县"]
    record["meta"]["published"] = "2026/01/05"
    record["meta"]["reviewer"] = "x"
    found = messages(record)
    for expected in ("'heading' must be a list of headings found", "'value' must be a number or null", "only COUNT and RATE spans carry a value",
                     "'org_names' must be a list of names found", "is not a YYYY-MM-DD date", "meta: unknown keys ['reviewer']"):
        assert any(expected in m for m in found), expected


def test_duplicate_ids_and_missing_meta_are_caught(record):
    other = copy.deepcopy(record)
    del other["meta"]["year"]
    found = [p.message for p in validate([record, other])]
    assert any("duplicate id" in m for m in found)
    assert any("missing ['year']" in m for m in found)


def test_problems_name_the_report_and_the_span(record):
    record["spans"][2]["label"] = "LAW"
    (problem,) = validate([("x.jsonl:1", record)])
    assert "003_7fff814117d48ac1" in str(problem) and "span 2" in str(problem) and "x.jsonl:1" in str(problem)


def test_read_records_refuses_an_invalid_file(tmp_path, record):
    record["spans"][0]["end"] = record["spans"][0]["start"]
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        read_records(path)
    assert "not valid JSON" in str(caught.value) and "outside the text" in str(caught.value)


def test_docbin_round_trip_keeps_every_span(corpus):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("zh")
    records = list(corpus.values())
    doc_bin, misaligned = to_docbin(records, nlp)
    assert misaligned == []
    docs = list(DocBin().from_bytes(doc_bin.to_bytes()).get_docs(nlp.vocab))
    for record, doc in zip(records, docs):
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
            (s["start"], s["end"], s["label"]) for s in record["spans"]
        ]


def test_docbin_reports_spans_that_do_not_align(corpus):
    import spacy

    nlp = spacy.blank("en")  # whole-word tokens: a span inside a word cannot align
    record = {"id": "x", "text": "ABCDEF 12", "spans": [{"start": 1, "end": 3, "label": "ORG", "text": "BC"}], "items": [], "meta": {}}
    _, misaligned = to_docbin([record], nlp)
    assert misaligned == [("x", record["spans"][0])]


def test_load_dataset(corpus):
    from lawie.corpus import load_dataset

    dataset = load_dataset(ANNOTATIONS)
    assert len(dataset) == len(ALL_IDS)
    row = dataset[0]
    assert row["id"] == REPORT_IDS[0]
    assert len(row["spans"]) == len(corpus[REPORT_IDS[0]]["spans"])


def test_the_corpus_is_found_from_the_working_directory_or_asked_for(tmp_path):
    """lawie installed from a wheel: no corpus beside the package."""
    import shutil
    import subprocess
    import sys

    from .conftest import ANNOTATIONS, ROOT

    site = tmp_path / "site"
    shutil.copytree(ROOT / "lawie", site / "lawie", ignore=shutil.ignore_patterns("model", "__pycache__"))
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()

    def lawie_cli(*args, cwd):
        return subprocess.run([sys.executable, "-m", "lawie.cli", *args], capture_output=True, text=True, cwd=cwd, env=env)

    for args in (("corpus", "stats"), ("corpus", "validate"), ("evaluate",)):
        result = lawie_cli(*args, cwd=elsewhere)
        assert result.returncode == 2 and "no corpus found" in result.stderr and "Traceback" not in result.stderr, args
        assert str(site) not in result.stderr
    project = tmp_path / "project" / "corpus" / "annotations"
    project.mkdir(parents=True)
    for rid in ("003_7fff814117d48ac1", "p3-15"):
        shutil.copy(ANNOTATIONS / f"{rid}.jsonl", project)
    inside = tmp_path / "project" / "notes"
    inside.mkdir()
    result = lawie_cli("corpus", "stats", "--by", "level", cwd=inside)
    assert result.returncode == 0 and "| all | 2 |" in result.stdout
    assert lawie_cli("corpus", "validate", str(project), cwd=elsewhere).returncode == 0
