"""The training workflow with tiny settings: it runs, it saves, and lawie.load uses the result."""

from __future__ import annotations

import json

import pytest

import lawie
from lawie.corpus import read_records
from lawie.training import Design, build_model, choose_policy, cross_validate, ner_docs, role_rows

from .conftest import ANNOTATIONS, REPORT_IDS

TINY = Design(seed=0, overrides={"training.max_epochs": 1, "roles.training.max_epochs": 2})


@pytest.fixture(scope="module")
def records():
    return [r for r in read_records(ANNOTATIONS) if r["id"] in REPORT_IDS]


def test_ner_docs_keep_every_name_span(records):
    import spacy

    nlp = spacy.blank("zh")
    docs = ner_docs(records[:1], nlp, ("ORG", "INITIATIVE"))
    gold = sum(1 for s in records[0]["spans"] if s["label"] in ("ORG", "INITIATIVE"))
    assert sum(len(doc.ents) for doc in docs) == gold


def test_role_rows_with_and_without_headings(records):
    rows = role_rows(records[:1])
    bare = role_rows(records[:1], strip_headings=True)
    assert len(rows) == len(bare) == len(records[0]["items"])
    assert any(row.cue for row in rows) and not any(row.cue for row in bare)
    assert all(row.input.startswith(" ‖ ") for row in bare)


def test_choose_policy_prefers_rules_on_ties():
    table = {name: {"ORG": {"f": 0.5}, "INITIATIVE": {"f": 0.5}} for name in ("rules", "model", "model+rules", "rules+model")}
    table["model+rules"]["INITIATIVE"] = {"f": 0.6}
    assert choose_policy({"entities": table}) == {"ORG": "rules", "INITIATIVE": "model+rules"}


def test_tiny_cross_validation_and_model_round_trip(records, tmp_path):
    small = records[2:5]  # three reports: each role fold has nested folds of one report
    cv = cross_validate(small, TINY, workers=1)
    assert {"rules", "model", "model+rules", "rules+model", "shipped", "ner-only", "rules, quotes judged"} <= set(cv["entities"])
    assert {"heading rules", "combined", "combined, no headings"} <= set(cv["roles"])
    out = build_model(small, tmp_path / "model", TINY, cv=cv, workers=1)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["format"] == "lawie-model/1" and meta["cv"]["method"] == "leave-one-report-out"
    assert (out / "roles" / "config.cfg").is_file()
    assert meta["quote_judge"] is True and json.loads((out / "quotes.json").read_text(encoding="utf-8"))["format"] == "lawie-quotes/1"
    assert meta["measure_model"] is True and json.loads((out / "measures.json").read_text(encoding="utf-8"))["format"] == "lawie-measures/1"
    assert meta["cv"]["measures"]["n"] == sum(s["label"] in ("COUNT", "RATE") for r in small for s in r["spans"])
    extractor = lawie.load(out)
    assert extractor.model_name.startswith("lawie_zh-") and extractor.model_name != lawie.load().model_name
    report = extractor.extract(records[0]["text"])
    assert report.items and all(item.role in lawie.ROLES for item in report.items)
    for entity in report.entities:
        assert records[0]["text"][entity.start : entity.end] == entity.text


def test_grouped_folds_never_train_on_what_they_score(records, monkeypatch):
    import lawie.training as training

    small = records[1:5]
    ids = [r["id"] for r in small]
    folds = [ids[:2], ids[2:3], ids[3:]]
    g1, g2, g3 = (set(f) for f in folds)
    trained: list[set] = []
    real_ner, real_roles = training.train_ner, training.train_roles
    monkeypatch.setattr(training, "train_ner", lambda recs, design: (trained.append({r["id"] for r in recs}), real_ner(recs, design))[1])
    monkeypatch.setattr(training, "train_roles", lambda rows, design: (trained.append({r.report for r in rows}), real_roles(rows, design))[1])
    cv = cross_validate(small, TINY, folds=folds, workers=1)
    assert cv["method"] == "grouped 3-fold" and cv["folds"] == folds
    # entity folds, then role folds each followed by its nested folds (the other groups, one held out)
    assert trained == [g2 | g3, g1 | g3, g1 | g2, g2 | g3, g3, g2, g1 | g3, g3, g1, g1 | g2, g2, g1]
    gold = sum(1 for r in small for s in r["spans"] if s["label"] == "ORG")
    assert cv["entities"]["rules"]["ORG"]["support"] == gold  # every report scored once
    assert cv["roles"]["combined"]["n"] == sum(len(r["items"]) for r in small)
    with pytest.raises(ValueError, match="exactly once"):
        cross_validate(small, TINY, folds=[ids[:2]], workers=1)
    with pytest.raises(ValueError, match="non-empty"):
        cross_validate(small, TINY, folds=[ids, []], workers=1)
    with pytest.raises(ValueError, match="three folds"):
        cross_validate(small, TINY, folds=[ids[:2], ids[2:]], workers=1)


def test_load_refuses_what_is_not_a_model(tmp_path):
    with pytest.raises(lawie.ModelError, match="not a lawie model directory"):
        lawie.load(tmp_path)
    (tmp_path / "meta.json").write_text('{"format": "pickle"}', encoding="utf-8")
    with pytest.raises(lawie.ModelError, match="not a lawie model"):
        lawie.load(tmp_path)
