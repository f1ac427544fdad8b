"""The quote model: its features, what it learns from the corpus, its file, and how the name
rules use it. Excerpts are from corpus reports."""

from __future__ import annotations

import json

import pytest

import lawie
from lawie.corpus import read_records, read_split, select
from lawie.names import _rules, find_names
from lawie.normalize import fold
from lawie.quotes import QuoteJudge, quote_examples, quote_features, train_judge

from .conftest import ANNOTATIONS

P2_25 = "排名在全省靠前。\n(一)牵住“牛鼻子”,严格落实第一责任人责任\n一是提高站位抓落实。"  # dev report p2-25
P1_01 = "2.深入推進“放管服”改革\n深入推進行政審批制度改革"  # test report p1-01, traditional script


def _quotes(text: str) -> list:
    folded = fold(text)
    return list(_rules().quoted.finditer(folded))


@pytest.fixture(scope="module")
def corpus_split():
    records = read_records(ANNOTATIONS)
    split = read_split()
    return select(records, ["train"], split), select(records, ["dev"], split)


def test_features_read_the_phrase_its_head_and_what_stands_before_it():
    (programme,) = _quotes(P1_01)
    features = quote_features(programme, _rules())
    assert {"head", "head=改革", "len=3", "c2=放管", "c2=管服", "before2=推进"} <= set(features)
    (metaphor,) = _quotes(P2_25)
    features = quote_features(metaphor, _rules())
    assert {"no_head", "after=,", "len=3", "before1=住"} <= set(features)
    assert "head" not in features


def test_examples_are_labelled_by_the_gold(corpus_split):
    train, _ = corpus_split
    p1_33 = next(r for r in train if r["id"] == "p1-33")
    examples = list(quote_examples([p1_33]))
    quoted = [s["text"] for s in p1_33["spans"] if s["label"] == "INITIATIVE" and "“" in s["text"] and "《" not in s["text"]]
    assert sum(label for _, _, label in examples) == len(quoted) == 2
    assert len(examples) == 6  # quoted phrases that name nothing are examples too
    assert all(rid == "p1-33" for rid, _, _ in examples)


def test_quotes_inside_a_title_are_left_to_the_title(corpus_split):
    train, _ = corpus_split
    p1_09 = next(r for r in train if r["id"] == "p1-09")
    assert "《山西省“十四五”政府治理能力现代化规划》" in p1_09["text"]
    features = [f for _, f, _ in quote_examples([p1_09])]
    assert not any("c2=四五" in f for f in features)


def test_a_judge_trained_on_train_tells_the_dev_quotes_apart(corpus_split):
    train, dev = corpus_split
    judge = train_judge(train, c=0.3)
    examples = list(quote_examples(dev))
    right = sum(judge(features) == label for _, features, label in examples)
    majority = max(sum(label for *_, label in examples), sum(not label for *_, label in examples))
    assert right / len(examples) >= 0.8 and right > majority + 5


def test_a_judge_round_trips_through_its_file(corpus_split, tmp_path):
    train, dev = corpus_split
    judge = train_judge(train[:30], c=0.3)
    judge.to_disk(tmp_path / "quotes.json")
    loaded = QuoteJudge.from_disk(tmp_path / "quotes.json")
    for _, features, _ in quote_examples(dev):
        assert loaded.probability(features) == pytest.approx(judge.probability(features))
    (tmp_path / "bad.json").write_text(json.dumps({"format": "other", "weights": {}, "bias": 0}), encoding="utf-8")
    with pytest.raises(ValueError, match="lawie-quotes/1"):
        QuoteJudge.from_disk(tmp_path / "bad.json")


def test_one_kind_of_example_gives_a_constant_judge():
    record = {"id": "x", "text": "牵住“牛鼻子”,严格落实", "spans": []}
    judge = train_judge([record])
    assert judge.weights == {} and not judge(["len=3"])


def test_the_judge_decides_quoted_phrases_and_the_rules_their_extent():
    keep, drop = (lambda features: True), (lambda features: False)
    text = P2_25 + P1_01
    by_rules = {(text[n.start : n.end], n.label) for n in find_names(text)}
    assert ("“放管服”改革", "INITIATIVE") in {(fold(t), label) for t, label in by_rules}
    assert not any("牛鼻子" in t for t, _ in by_rules)  # a metaphor the rules know
    kept = {fold(text[n.start : n.end]) for n in find_names(text, judge=keep) if n.label == "INITIATIVE"}
    assert kept == {"“牛鼻子”", "“放管服”改革"}
    dropped = {fold(text[n.start : n.end]) for n in find_names(text, judge=drop) if n.label == "INITIATIVE"}
    assert dropped == {"“放管服”改革"}  # still named by the lexicon of national programmes


def test_the_shipped_model_has_a_quote_judge_and_the_rules_alone_have_none():
    from pathlib import Path

    extractor = lawie.load()
    meta = json.loads((Path(extractor.model_spec) / "meta.json").read_text(encoding="utf-8"))
    assert meta["quote_judge"] is True and meta["design"]["quote_judge"] is True
    assert isinstance(extractor._judge, QuoteJudge) and extractor._judge.weights
    assert lawie.load("rules")._judge is None
