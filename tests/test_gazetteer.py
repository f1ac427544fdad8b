"""The gazetteer: places from the data file, and bodies of corpus reports put on the map."""

import pytest

from lawie.gazetteer import gazetteer, locate


@pytest.mark.parametrize(
    ("org", "province", "city", "county", "town", "level"),
    [
        ("绍兴市柯桥区湖塘街道办事处", "浙江省", "绍兴市", "柯桥区", "湖塘街道", "town"),
        ("深圳市罗湖区笋岗街道办事处", "广东省", "深圳市", "罗湖区", "笋岗街道", "town"),
        ("東城區政府", "北京市", "北京市", "东城区", None, "county"),
        ("上海市人民政府", "上海市", None, None, None, "province"),
        ("海西蒙古族藏族自治州人民政府", "青海省", "海西蒙古族藏族自治州", None, None, "city"),
        ("宁夏回族自治区党委和政府", "宁夏回族自治区", None, None, None, "province"),
        ("重庆市九龙坡区市场监督管理局", "重庆市", "重庆市", "九龙坡区", None, "county"),
    ],
)
def test_locate_corpus_bodies(org, province, city, county, town, level):
    division = locate(org)
    assert division is not None
    assert (division.province, division.city, division.county, division.town, division.level) == (
        province,
        city,
        county,
        town,
        level,
    )
    assert division.code and len(division.code) == 6


@pytest.mark.parametrize("org", ["南湖街道办事处", "鼓楼街道办事处", "xx县司法局", "某某镇人民政府", "市司法局", ""])
def test_ambiguous_masked_or_placeless_bodies_stay_unlocated(org):
    assert locate(org) is None


def test_former_name_points_to_its_successor():
    (division,) = gazetteer().lookup("孟津县")
    assert division.name == "孟津区" and division.city == "洛阳市"


def test_division_code_of_a_county():
    assert locate("柯桥区司法局").code == "330603"


def test_a_level_word_is_not_a_town_without_its_suffix():
    # 自治乡 (四川) loses its suffix as 自治; 自治区人民政府 must not land there
    assert locate("自治区") is None and locate("自治区人民政府") is None


def test_a_short_name_inside_another_name_is_not_a_place():
    # p1-18: 长兴岛经济技术开发区 (大连) is not 长兴县 (浙江)
    assert locate("长兴岛经济技术开发区") is None
    assert locate("海西州人民政府").province == "青海省"
