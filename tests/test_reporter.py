"""The reporting body on the map: names as the corpus reports and their metadata write them."""

from __future__ import annotations

import pytest

import lawie
from lawie.reporter import BODY_LEVELS, _parse, describe_body
from lawie.resources import load_rules

from .conftest import ANNOTATIONS

RAW = ANNOTATIONS.parent / "raw"


@pytest.mark.parametrize(
    "org, name, level, province, county",
    [
        ("绍兴市柯桥区湖塘街道办事处", "绍兴市柯桥区湖塘街道办事处", "town", "浙江省", "柯桥区"),
        ("罗湖区笋岗街道", "罗湖区笋岗街道办事处", "town", "广东省", "罗湖区"),
        ("東城區政府", "东城区人民政府", "county", "北京市", "东城区"),
        ("北京市", "北京市", "province", "北京市", None),
        ("中共山西省委、山西省人民政府", "山西省人民政府", "province", "山西省", None),
        ("宁夏回族自治区党委和政府", "宁夏回族自治区人民政府", "province", "宁夏回族自治区", None),
        ("开阳县（县委、县政府）", "开阳县人民政府", "county", "贵州省", "开阳县"),
        ("重庆市涪陵区荔枝街道党工委、办事处", "重庆市涪陵区荔枝街道办事处", "town", "重庆市", "涪陵区"),
        ("吉林省延边朝鲜族自治州延吉市人民政府", "吉林省延边朝鲜族自治州延吉市人民政府", "county", "吉林省", "延吉市"),
        ("河北省秦皇岛市卫生健康委员会", "河北省秦皇岛市卫生健康委员会", "department", "河北省", None),
        ("陕西省人民政府办公厅", "陕西省人民政府办公厅", "department", "陕西省", None),
        ("焦作市生态环境局中站分局", "焦作市生态环境局中站分局", "department", "河南省", None),
    ],
)
def test_bodies_of_corpus_reports(org, name, level, province, county):
    body = describe_body(org)
    assert (body.name, body.level) == (name, level)
    assert body.division.province == province and body.division.county == county
    assert len(body.division.code) == 6


def test_a_town_the_gazetteer_cannot_place_keeps_its_level_but_no_division():
    body = describe_body("中共南湖街道工委 南湖街道办事处")  # 南湖街道: several in China
    assert (body.name, body.level, body.division) == ("南湖街道办事处", "town", None)


@pytest.mark.parametrize("org", ["区司法局", "xx县司法局", "市司法局"])
def test_a_department_without_a_known_place_has_no_division(org):
    body = describe_body(org)
    assert body.level == "department" and body.division is None


@pytest.mark.parametrize("org", [None, "", "政府", "大连长兴岛经济技术开发区(党工委、管委会)"])
def test_no_body_or_no_level_is_none_not_a_guess(org):
    body = describe_body(org)
    assert body.level is None
    assert body.level in BODY_LEVELS + (None,)


def test_meta_of_an_extracted_report_is_on_the_map():
    report = lawie.extract((RAW / "004_c1fce911fd59a85f.txt").read_text(encoding="utf-8"))
    meta = report.meta
    assert (meta.level, meta.province, meta.city, meta.county, meta.division_code) == ("town", "浙江省", "绍兴市", "柯桥区", "330603")
    assert meta.to_dict()["body"] == meta.body == describe_body(meta.org).name


@pytest.mark.parametrize("org, level", [("自治区", "province"), ("区政府", "county"), ("县委、县政府", "county")])
def test_a_level_word_alone_has_a_level_and_no_division(org, level):
    # as 内蒙古's, 朔城区's and 金平县's reports name themselves (p1-12, p1-10, p3-15)
    body = describe_body(org)
    assert body.level == level and body.division is None


def test_the_rules_file_is_validated():
    data = load_rules("reporter")
    _parse(data)
    with pytest.raises(ValueError, match="organ"):
        _parse(dict(data, organ=".*"))
    with pytest.raises(ValueError, match="village"):
        _parse(dict(data, place_levels=data["place_levels"] + [["村$", "village"]]))
