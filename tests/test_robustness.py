"""Any string gives a Report, with true offsets, deterministically; traditional characters read
like simplified ones; nothing in the package reaches for the network."""

from __future__ import annotations

import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lawie

from .conftest import REPORT_IDS

EXTRACTOR = lawie.load()

# text built from the pieces reports are made of, so the properties exercise real code paths
PIECES = st.sampled_from(
    ["一、", "(一)", "（二）", "1.", "(1)", "一是", "二是", "首先,", "存在的问题", "下一步工作计划", "主要举措和成效",
     "开展普法活动", "27场", "１５００余人次", "98.6%", "百分之九十", "九成", "****件", "**%", "127万余元", "十八",
     "南湖街道办事处", "司法所", "“三会一课”", "《笋岗街道学法计划》", "索引号:", "发布时间:2025-02-10", "扫一扫",
     "。", ",", "、", "\n", "\r\n", "\n\n", " ", "\u3000", "\x00", "\t", "abc", "縣政府辦公室", "覆蓋率達到", "“", "》"]
)
REPORTISH = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


def check(text: str) -> lawie.Report:
    report = EXTRACTOR.extract(text)
    for item in report.items:
        assert text[item.start : item.end] == item.text
        for entity in item.entities:
            assert text[entity.start : entity.end] == entity.text
        for quantity in item.quantities:
            assert text[quantity.start : quantity.end] == quantity.text
    for entity in report.entities:
        assert text[entity.start : entity.end] == entity.text and entity.end > entity.start
    for section in report.sections:
        assert 0 <= section.start <= section.end <= len(text)
    ends = [(e.start, e.end) for e in report.entities]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])), "entities overlap"
    return report


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORTISH)
def test_reportish_strings(text):
    report = check(text)
    assert report.to_dict() == EXTRACTOR.extract(text).to_dict()  # deterministic


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_unicode_string(text):
    check(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  \n",
        "This annual report is written in English. 27 events were held.",
        "\x00\x01\x02 控制字符 \x1b[31m 二是 \x7f",
        "一、主要举措\r\n(一)开展普法活动27场。\r\n二、存在的不足\r\n(一)宣传形式单一。\r\n",
        "一、主要举措 (一)开展普法活动27场。(二)办结率98.6%。二、存在的问题 (一)宣传形式单一。" * 200,
        "全年办理案件****件,办结率**%,涉及金额*万元。",
        "（一）开展普法活动２７场，覆盖１５００余人次，办结率９８．６％。",
        "😀" * 100,
        "孤立代理项\ud800在文本中",
    ],
)
def test_hostile_strings(text):
    check(text)


def test_masked_numbers_have_null_values():
    report = check("一、主要举措和成效\n(一)全年办理案件****件,办结率**%。")
    values = [(q.text, q.value) for item in report.items for q in item.quantities]
    assert values == [("****件", None), ("**%", None)]


def test_text_without_line_breaks_is_still_cut_into_items():
    text = (
        "2024年,某某街道扎实推进法治政府建设,现将有关情况报告如下:一、主要举措和成效(一)加强组织领导。成立领导小组,"
        "统筹推进各项工作。(二)规范执法行为。开展案卷评查12次,办结率98.6%。二、存在的不足(一)宣传形式单一,"
        "群众参与不够。三、下一步工作安排(一)强化普法宣传,创新宣传形式,提升群众法治意识,开展活动30场。"
    )
    report = check(text)
    assert [(s.heading, s.level) for s in report.sections if s.level == 1] == [
        ("一、主要举措和成效", 1), ("二、存在的不足", 1), ("三、下一步工作安排", 1)
    ]
    assert [i.text[:5] for i in report.problems] == ["(一)宣传"]
    assert [i.text[:5] for i in report.plans] == ["(一)强化"]


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_traditional_characters_read_like_simplified(corpus, report_id):
    from opencc import OpenCC

    simplified = corpus[report_id]["text"]
    traditional = OpenCC("s2t").convert(simplified)
    if len(traditional) != len(simplified):
        pytest.skip("the s2t conversion changed the length of this text")
    assert traditional != simplified
    a, b = EXTRACTOR.extract(simplified), EXTRACTOR.extract(traditional)
    assert [(i.start, i.end, i.role) for i in a.items] == [(i.start, i.end, i.role) for i in b.items]
    same = {(e.start, e.end, e.label) for e in a.entities} & {(e.start, e.end, e.label) for e in b.entities}
    assert len(same) >= 0.97 * len(a.entities)
    assert b.meta.year == a.meta.year


@pytest.mark.parametrize("value", [None, 1, 2.5, b"\xe4\xb8\x80", bytearray(b"x"), ["a"], {"text": "a"}])
def test_non_str_is_a_type_error(value):
    with pytest.raises(TypeError):
        EXTRACTOR.extract(value)


def test_no_network_access(monkeypatch, corpus, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("lawie tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    extractor = lawie.load()
    extractor.extract(corpus[REPORT_IDS[0]]["text"])
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>" + corpus[REPORT_IDS[3]]["text"].replace("\n", "</p><p>") + "</p></body></html>", encoding="utf-8")
    assert lawie.read_file(page).text
