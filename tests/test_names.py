"""Names by rule: small real excerpts."""

from __future__ import annotations

import pytest

from lawie.names import find_names


def names(text):
    return [(text[n.start : n.end], n.label) for n in find_names(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # 全 before 面 is part of the body's name, not a determiner (天津市静海区 2020)
        ("区委常委会、区委全面依法治区委员会着力研究部署法治政府建设工作", ("区委全面依法治区委员会", "ORG")),
        # 省 and 州 are level words like 市 and 区 (河南省 2018)
        ("省委、省政府高度重视法治政府建设", ("省政府", "ORG")),
        # a determiner is still cut off (南湖街道 2025)
        ("并向深圳市罗湖区人民法院提起诉讼", ("深圳市罗湖区人民法院", "ORG")),
    ],
)
def test_org_extent(text, expected):
    assert expected in names(text)


@pytest.mark.parametrize(
    "text, title",
    [
        ("续深化理解,在《甘肃日报》学习专栏刊发学习体会文章30余篇", "《甘肃日报》"),  # f-14
        ("黄陂区法治建设经验做法先后15次被《人民日报》新华社、“学习强国”平台", "《人民日报》"),  # f-21
    ],
)
def test_the_press_is_not_an_initiative(text, title):
    assert title in text and (title, "INITIATIVE") not in names(text)



def _orgs(text, known=()):
    return [text[n.start : n.end] for n in find_names(text, known_orgs=known) if n.label == "ORG"]


def test_the_reporters_own_name_inside_a_longer_body_leaves_the_body_whole():
    # g-06: the report is 海东市人民政府's; its committee for rule of law is one body
    text = "一是成立了由市委书记担任主任中共海东市委全面依法治市委员会,立立法、执法司法和守法普法四个协调小组"
    assert _orgs(text, known=["海东市"]) == ["中共海东市委全面依法治市委员会"]


@pytest.mark.parametrize(
    "text, known",
    [
        # g-11: the opening ends inside the title; nothing inside a document's title is a body named
        ("及时研究解决相关重大问题。制定了《中共融安县委员会全面依法治县委员会2024年工作", ["融安县"]),
        ("印发《南湖街道综合行政执法队关于整治涉企相关问题的工作方案》", ["南湖街道"]),  # GUIDELINES §4
    ],
)
def test_no_body_inside_a_documents_title(text, known):
    assert _orgs(text, known=known) == []


def test_an_unclosed_title_followed_by_sentences_hides_no_body():
    text = "组织学习《行政复议法。市司法局牵头开展执法检查,县人民政府负责督促,市公安局配合。"
    assert _orgs(text) == ["市司法局", "县人民政府", "市公安局"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # head nouns in a row belong to the name (f-07, p2-03; test5 i-16)
        ("积极推进“乡村随身办”改革试点", "“乡村随身办”改革试点"),
        ("打造“十通三外”涉外法治服务模式", "“十通三外”涉外法治服务模式"),
    ],
)
def test_heads_in_a_row_stay_with_the_quoted_name(text, expected):
    assert expected in [text[n.start : n.end] for n in find_names(text) if n.label == "INITIATIVE"]


def test_no_head_noun_is_cut_from_a_longer_word_with_化():
    text = "扎实推进行政执法三项制度标准化建设"  # p2-15: 标准化 is no 标准
    assert [text[n.start : n.end] for n in find_names(text) if n.label == "INITIATIVE"] == ["行政执法三项制度"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("依托全国一体化在线政务服务平台", ["全国一体化在线政务服务平台"]),
        # a conjunction inside a platform's name stays in it
        ("依托行政执法和行政执法监督一体化平台开展", ["行政执法和行政执法监督一体化平台"]),
        ("依托人力资源和社会保障信息系统", ["人力资源和社会保障信息系统"]),
        # a system's name holds no conjunction, and a province's 系统 of organs is no software (test6 j-02)
        ("通过举办主题教育读书班和全省系统政治轮训班、知识考试等形式", []),
    ],
)
def test_named_systems_and_platforms(text, expected):
    assert [text[n.start : n.end] for n in find_names(text) if n.label == "INITIATIVE"] == expected
