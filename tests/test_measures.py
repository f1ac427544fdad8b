"""The measure model: its candidates, what it learns from gold measures, its file, and its use by
the extractor. Excerpts are from corpus reports."""

from __future__ import annotations

import json

import pytest

import lawie
from lawie.corpus import read_records, read_split, select
from lawie.measures import MeasureModel, candidates, cross_validate_measures, measure_examples, train_measures
from lawie.normalize import fold
from lawie.quantities import find_quantities, measure_of, normalise

from .conftest import ANNOTATIONS

P2_07 = "256家法律服务机构入驻安徽法网,受理法律服务事项7586件。"  # train report p2-07
P3_10 = "带头抓好司法厅推进法治政府建设各项工作,先后16次召开厅党委会、厅长办公会,深入学习贯彻习近平法治思想"  # train report p3-10
SEED = "统筹辖区241个基层党组织同步推进,组织开展党工委专题学习13场次,查摆建立学习教育问题清单23条"  # seed report 000_2ababa7b4bdadb2d
P1_01 = "全程體驗各類服務事項辦事流程140次,進一步破除企業群眾辦事"  # test report p1-01, traditional script


@pytest.fixture(scope="module")
def train_records():
    return select(read_records(ANNOTATIONS), ["train"], read_split())


@pytest.fixture(scope="module")
def small_model(train_records):
    return train_measures([r for r in train_records if r["id"] != "p2-07"][:40])  # p2-07's clauses stay unseen


def _number(text: str, numeral: str):
    return next(q for q in find_quantities(text) if text[q.start : q.end] == numeral)


def test_candidates_stay_in_the_clause_on_either_side_of_the_number():
    number = _number(P2_07, "7586件")
    found = candidates(fold(P2_07), number.start, number.end, "count")
    clause_start = P2_07.index("受理")
    assert found and all(a >= clause_start and b <= len(P2_07) - 1 for a, b, _ in found)
    assert all(b <= number.start or a >= number.end for a, b, _ in found)
    spans = {P2_07[a:b] for a, b, _ in found}
    assert "法律服务事项" in spans and "受理法律服务事项" in spans and "," not in "".join(spans)


def test_a_candidate_that_opens_a_quotation_closes_it():
    text = "持续推进“一网、一门、一次”改革,编制发布了88项“一件事”办事指南。"  # test6 report j-07
    number = _number(text, "88项")
    spans = {text[a:b] for a, b, _ in candidates(fold(text), number.start, number.end, "count")}
    assert "“一件事”办事指南" in spans and "“一件事”" in spans
    assert not any(span.count("“") != span.count("”") for span in spans)
    # a span that closes one quotation and opens another is no candidate either (p2-10)
    text = "拍摄相关宣传片,从“一体化”协作、“网格化”管理、“数字化”赋能三个方面实现"
    number = _number(text, "三个")
    spans = {text[a:b] for a, b, _ in candidates(fold(text), number.start, number.end, "count")}
    assert "“数字化”赋能" in spans
    assert "一体化”协作、“网格化”管理、“" not in spans
    assert all("”" not in span or 0 <= span.find("“") < span.find("”") for span in spans)


def test_training_ranks_each_numbers_gold_span_above_its_other_candidates(train_records):
    model = train_measures(train_records[:40])
    assert model.weights
    examples = list(measure_examples(train_records[:40]))
    right = sum(model.best(fold(r["text"]), s["start"], s["end"], s["label"].lower()) == found[gold][:2]
                for r in train_records[:40] for rid, s, found, gold in examples if rid == r["id"])
    assert right / len(examples) > 0.8  # in-sample: the fit itself, not an accuracy


def test_a_number_alone_in_its_clause_has_no_candidates():
    text = "共计,7586件,"
    number = _number(text, "7586件")
    assert candidates(fold(text), number.start, number.end, "count") == []
    assert MeasureModel({"bslen=4": 1.0})(text, number.start, number.end, "count") is None


def test_examples_point_at_each_numbers_own_gold_measure(train_records):
    record = train_records[0]
    numbers = [s for s in record["spans"] if s["label"] in ("COUNT", "RATE") and s.get("measure")]
    examples = list(measure_examples([record]))
    assert len(examples) >= len(numbers) - 2  # nearly every gold measure of this report is a candidate
    for _, span, found, gold in examples:
        a, b, _ = found[gold]
        assert span in numbers and record["text"][a:b] == span["measure"] and (b <= span["start"] or a >= span["end"])


def test_a_model_learnt_on_other_reports_reads_unseen_clauses(small_model):
    assert small_model(P2_07, *_offsets(P2_07, "7586件"), "count") == "法律服务事项"


def test_the_measure_is_the_reports_own_text_in_traditional_script(small_model):
    start, end = _offsets(P1_01, "140次")
    measure = small_model(P1_01, start, end, "count", folded=fold(P1_01))
    assert measure and measure in P1_01[:start]


def test_the_file_round_trips_and_refuses_other_formats(small_model, tmp_path):
    path = tmp_path / "measures.json"
    small_model.to_disk(path)
    again = MeasureModel.from_disk(path)
    for text in (P2_07, P3_10, SEED):
        folded = fold(text)
        for q in find_quantities(text):
            assert again.best(folded, q.start, q.end, q.kind) == small_model.best(folded, q.start, q.end, q.kind)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format"] = "lawie-quotes/1"
    with pytest.raises(ValueError, match="lawie-measures/1"):
        MeasureModel.from_dict(data)


def test_the_fast_scorer_agrees_with_the_features_of_every_candidate(small_model):
    """`best` reads weights from tables; summing each candidate's features must pick the same span."""
    for text in (P2_07, P3_10, SEED, P1_01):
        folded = fold(text)
        for q in find_quantities(text):
            found = candidates(folded, q.start, q.end, q.kind)
            scored = max(found, key=lambda c: sum(small_model.weights.get(f, 0.0) for f in c[2]))
            assert small_model.best(folded, q.start, q.end, q.kind) == (scored[0], scored[1])


def test_a_model_that_learnt_nothing_leaves_measures_to_the_hand_written_reader():
    record = {"id": "x", "text": P2_07, "spans": []}
    model = train_measures([record])
    start, end = _offsets(P2_07, "256家")
    assert model.weights == {} and model(P2_07, start, end, "count") == measure_of(P2_07, start, end, "count") == "法律服务机构"


@pytest.mark.parametrize(
    "text, numeral",
    [
        ("全年共计12场", "12场"),  # only how much: no measure (a span of 共计 alone is none)
        ("其中12项", "12项"),
    ],
)
def test_words_that_say_how_much_or_when_are_no_measure(small_model, text, numeral):
    assert small_model(text, *_offsets(text, numeral), "count") is None


def test_no_measure_begins_or_ends_with_a_space(small_model):
    for text, numeral in (("受理12件 行政复议案件", "12件"), ("组织 开展 培训12场", "12场")):
        found = candidates(fold(text), *_offsets(text, numeral), "count")
        assert found and all(not text[a:b][0].isspace() and not text[a:b][-1].isspace() for a, b, _ in found)


def test_a_decimal_point_does_not_end_the_clause():
    text = "PM2.5年均浓度为47微克/立方米"
    spans = {text[a:b] for a, b, _ in candidates(fold(text), *_offsets(text, "47微克/立方米"), "count")}
    assert "PM2.5年均浓度" in spans


def test_cross_validation_scores_out_of_fold(train_records, monkeypatch):
    import lawie.measures as measures

    records = train_records[:6]
    folds = [[r["id"] for r in records[:3]], [r["id"] for r in records[3:]]]
    trained_on = []
    real = measures.train_measures
    monkeypatch.setattr(measures, "train_measures", lambda rs, **k: trained_on.append({r["id"] for r in rs}) or real(rs, **k))
    result = cross_validate_measures(records, folds)
    assert trained_on == [set(folds[1]), set(folds[0])]  # each fold scored by a model that never saw it
    assert result["n"] == sum(s["label"] in ("COUNT", "RATE") for r in records for s in r["spans"])
    assert 0.0 <= result["model"] <= 1.0 and 0.0 <= result["rules"] <= 1.0


def test_the_shipped_model_reads_measures_and_the_rules_keep_the_hand_written_reader():
    shipped, rules = lawie.load(), lawie.load("rules")
    start, end = _offsets(P3_10, "16次")
    assert shipped._measure(P3_10, start, end, "count") != measure_of(P3_10, start, end, "count")  # the two readers differ here
    for text in (P3_10, SEED):
        folded = fold(text)
        model = shipped._measure
        expected = [model(text, q.start, q.end, q.kind, folded=folded) for q in find_quantities(text)]
        assert [q.measure for _, q in shipped.extract(text).quantities] == expected
        assert [q.measure for _, q in rules.extract(text).quantities] == [measure_of(text, q.start, q.end, q.kind) for q in find_quantities(text)]
    assert normalise(P2_07, *_offsets(P2_07, "256家"), "count", measure=lambda *a, **k: "机构").measure == "机构"


def _offsets(text: str, numeral: str) -> tuple[int, int]:
    start = text.index(numeral)
    return start, start + len(numeral)


@pytest.mark.parametrize("name, content", [("measures.json", "{not json"), ("measures.json", '{"format": "lawie-quotes/1"}'), ("quotes.json", "[]")])
def test_a_damaged_linear_model_is_refused_with_its_file_named(tmp_path, name, content):
    import shutil

    from lawie.errors import ModelError
    from lawie.model import packaged_model_path

    model = tmp_path / "model"
    shutil.copytree(packaged_model_path(), model)
    (model / name).write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=name):
        lawie.load(model)
