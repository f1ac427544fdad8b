"""The corpus in the repo, the validator on each kind of corruption, and the conversions."""

from __future__ import annotations

import copy
import json

import pytest

from lawie.corpus import read_records, to_docbin, validate, validate_path
from lawie.errors import CorpusError

from .conftest import ANNOTATIONS, REPORT_IDS


def test_the_repo_corpus_validates():
    count, problems = validate_path(ANNOTATIONS)
    assert count == len(REPORT_IDS) == 5
    assert [str(p) for p in problems] == []


def test_every_report_has_spans_of_every_label_and_items_with_roles(corpus):
    for record in corpus.values():
        labels = {span["label"] for span in record["spans"]}
        assert {"COUNT", "ORG", "INITIATIVE"} <= labels
        assert record["items"] and all(item["role"] for item in record["items"])


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
    assert len(dataset) == 5
    row = dataset[0]
    assert row["id"] == REPORT_IDS[0]
    assert len(row["spans"]) == len(corpus[REPORT_IDS[0]]["spans"])
