"""Specificity: numbers, initiatives and bodies per hundred characters, on seed report items."""

from __future__ import annotations

import pytest

import lawie
from lawie.specificity import item_specificity, report_specificity

from .conftest import ANNOTATIONS

RAW = ANNOTATIONS.parent / "raw"


@pytest.fixture(scope="module")
def hutang():
    return lawie.extract((RAW / "004_c1fce911fd59a85f.txt").read_text(encoding="utf-8"))


def find(report, words):
    return next(item for item in report.items if words in item.text)


def test_an_item_counts_its_numbers_initiatives_and_bodies(hutang):
    item = find(hutang, "全年共开展各类行政检查231次")
    counted = item_specificity(item, own=hutang.meta.org)
    labels = [e.label for e in item.entities]
    assert counted.numbers == labels.count("COUNT") + labels.count("RATE") >= 4  # 231次, 701起, 12次, 100%
    assert counted.chars == len(item.text)
    assert counted.density == round(100 * counted.names / len(item.text), 3) > 1


def test_a_problem_that_names_a_number_is_specific_and_a_stock_phrase_is_not(hutang):
    staffing = item_specificity(find(hutang, "目前街道仅2人具有法律执业资格证"), own=hutang.meta.org)
    assert staffing.role == "problem" and staffing.numbers == 1 and staffing.specific
    review = item_specificity(find(hutang, "三是合法性审查工作需进一步完善"), own=hutang.meta.org)
    assert review.role == "problem" and review.names == 0 and not review.specific


def test_the_reporting_body_itself_is_not_a_named_body(hutang):
    lead = find(hutang, "仍存在一些问题和困难")
    assert [e.text for e in lead.entities if e.label == "ORG"] == ["湖塘街道"]
    assert item_specificity(lead).bodies == 1
    assert item_specificity(lead, own=hutang.meta.org).bodies == 0


def test_report_density_is_the_sum_over_contract_items(hutang):
    spec = report_specificity(hutang)
    contract = [i for i in hutang.items if i.role != "other"]
    assert spec.chars == sum(len(i.text) for i in contract)
    assert spec.numbers == sum(1 for i in contract for e in i.entities if e.label in ("COUNT", "RATE"))
    assert spec.density == round(100 * (spec.numbers + spec.initiatives + spec.bodies) / spec.chars, 3)
    assert spec.problems_specific + spec.problems_formula == len(hutang.problems)
    assert {i.start for i in spec.formula_problems} <= {i.start for i in hutang.problems}
    assert hutang.specificity() == spec


def test_a_report_of_figures_is_denser_than_one_of_phrases():
    nanhu = lawie.extract((RAW / "000_2ababa7b4bdadb2d.txt").read_text(encoding="utf-8")).specificity()
    gulou = lawie.extract((RAW / "003_7fff814117d48ac1.txt").read_text(encoding="utf-8")).specificity()
    assert nanhu.numbers_per_100 > 2 * gulou.numbers_per_100  # 南湖 reports counts almost everywhere
    assert "items" not in nanhu.to_dict(items=False) and len(nanhu.to_dict()["items"]) == len(nanhu.items)


def test_quantity_rows_carry_their_items_density(hutang):
    rows = lawie.to_rows(hutang)
    item = find(hutang, "全年共开展各类行政检查231次")
    mine = [row for row in rows if row["item_start"] == item.start]
    assert mine and {row["item_density"] for row in mine} == {item_specificity(item, own=hutang.meta.org).density}
