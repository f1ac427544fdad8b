"""The ORG grammar on the families of names it must know, with excerpts of corpus reports
(trained-on splits; the report id is given with each). Expected names are the gold spans."""

import pytest
from opencc import OpenCC

from lawie.bodies import find_bodies
from lawie.names import find_names
from lawie.normalize import fold


def orgs(text):
    return [text[n.start : n.end] for n in find_names(text) if n.label == "ORG"]


@pytest.mark.parametrize(
    ("report", "excerpt", "expected"),
    [
        # national organs
        ("p2-19", "2018年,我厅以习近平生态文明思想为指导,在省委、省政府和生态环境部的正确领导下", ["省委", "省政府", "生态环境部"]),
        ("p3-01", "考核结果纳入综合绩效考核体系,相关做法得到最高人民检察院的充分肯定。", ["最高人民检察院"]),
        # provincial departments and their Party bodies
        ("p3-10", "带头抓好司法厅推进法治政府建设各项工作,先后16次召开厅党委会、厅长办公会", ["司法厅", "厅党委"]),
        ("p1-15", "省营商局党组高度重视法治政府建设工作,扎实贯彻落实党中央和国务院印发的", ["省营商局党组", "党中央", "国务院"]),
        # Party groups and committees of a body
        ("p2-17", "局党组会、局长办公会多次召开会议专题研究法治工作", ["局党组"]),
        ("p1-30", "2022年,市卫生健康委党委全面贯彻党中央、国务院和市委、市政府决策部署", ["市卫生健康委党委", "党中央", "国务院", "市委", "市政府"]),
        ("p1-11", "市委书记陈耳东先后5次主持召开市委常委会会议、市委理论学习中心组会议", ["市委常委会", "市委理论学习中心组"]),
        # abbreviated bodies
        ("p1-31", "2022年区卫健委在区委区政府的坚强领导下,以习近平新时代中国特色社会主义思想为指导", ["区卫健委", "区委", "区政府"]),
        ("p1-28", "认真落实市委、市政府各项决策部署,在市卫健委党组的有力指导下", ["市委", "市政府", "市卫健委党组"]),
        # towns and townships by name, a joint Party–government body
        ("p3-05", "在区委全面依法治区委员会的指导下,观胜镇党委、政府深入学习宣传贯彻", ["区委全面依法治区委员会", "观胜镇党委", "政府"]),
        ("p3-32", "在全面建设社会主义现代化国家新征程上,人民街街道办事处坚持以习近平法治思想为根本遵循", ["人民街街道办事处"]),
    ],
)
def test_name_families(report, excerpt, expected):
    assert orgs(excerpt) == expected


@pytest.mark.parametrize(
    ("report", "excerpt", "expected"),
    [
        # a verb of setting up stays out of a group's name; a group's office is one body
        ("f-10", "组织开展法治交通行业一体化建设,调整充实法治交通建设领导小组,召开法治交通建设工作会议", ["法治交通建设领导小组"]),
        ("f-09", "二是强化体系建设。成立法治政府建设领导小组办公室,由党委副书记具体负责", ["法治政府建设领导小组办公室"]),
        ("f-17", "完善领导小组结构,明确领导小组工作职责,将依法行政工作纳入全", []),
        # a Party committee's study group
        ("f-17", "一是充分发挥镇党委学习中心组职能作用,建立学法培训制度。", ["镇党委学习中心组"]),
        # the centre's offices by their short names, a state institution named without a place (a university
        # before 专家学者 is still missed)
        ("f-19", "根据中办、国办《法治政府建设与责任落实督察工作规定》", ["中办", "国办"]),
        ("f-14", "加强与中国社科院、中国人民大学专家学者合作,开", ["中国社科院", "中国人民大学"]),
    ],
)
def test_groups_study_groups_and_the_centres_short_names(report, excerpt, expected):
    assert orgs(excerpt) == expected


@pytest.mark.parametrize(
    ("report", "excerpt", "expected"),
    [
        # 和 before a level word is a conjunction, not the county 和县
        ("g-12", "2025年,在市委、市政府和县委的坚强领导下,在县人大的有力监督下", ["市委", "市政府", "县委", "县人大"]),
        ("g-16", "西仓镇人民政府在县委、县政府的坚强领导和县司法局的精心指导下", ["西仓镇人民政府", "县委", "县政府", "县司法局"]),
        # a committee for rule of law under its Party committee is one body; the centre's, with or without 全面
        ("g-16", "全年召开镇党委全面依法治镇委员会会议2次、专题党委会4次", ["镇党委全面依法治镇委员会", "党委"]),
        ("g-04", "贯彻落实中央依法治国委员会第一次、第二次全体会议的决策部署", ["中央依法治国委员会"]),
        # national organs side by side are two bodies
        ("g-22", "按照中共中央国务院《法制政府建设实施纲要(2015-2020年)》", ["中共中央", "国务院"]),
        # the session's ordinal is part of a congress's name
        ("g-05", "2021年4月30日在市七届人大常委会第四十九次会议上", ["市七届人大常委会"]),
        # a verb before 镇 is no town's name; a verb before a group's topic is not part of it
        ("g-14", "坚持镇党委在推进法治建设中的领导核心作用", ["镇党委"]),
        ("g-09", "亲自部署推动县法治政府建设工作领导小组成员调整事宜", ["县法治政府建设工作领导小组"]),
        # a region's official one-character short name in its rule-of-law committee
        ("h-04", "在自治区党委全面依法治藏委员会、自治区法治政府建设工作领导小组的有力指导下", ["自治区党委全面依法治藏委员会", "自治区法治政府建设工作领导小组"]),
        # the teams of the 综合行政执法 reform, in their short form
        ("h-21", "为我市乡村振兴创造了良好的法治环境。武汉市农业综合执法支队荣获全国农业综合行政执法示范窗口", ["武汉市农业综合执法支队"]),
        # bare organs listed right after a body are bodies, one of each
        ("h-06", "党政主要负责人主动支持人大、政协、监委、法院、检察院依法依章履行职能", ["人大", "政协", "监委", "法院", "检察院"]),
        # 领导下 is no post: the bodies before it stay (test5 i-07, i-20)
        ("i-07", "2024年,在自治区党委、自治区人民政府领导下,乌鲁木齐市坚持", ["自治区党委", "自治区人民政府", "乌鲁木齐市"]),
        ("i-20", "2021年度,在县委、县政府领导下,东溪镇认真贯彻", ["县委", "县政府", "东溪镇"]),
        # a verb of the word list is no town's name (h-10, p2-27); 了 opens no group, and 工作 alone is no topic (test5 i-04)
        ("h-10", "将法治建设纳入镇党委、政府年度重点工作", ["镇党委", "政府"]),
        ("i-04", "各单位根据人事变动也相应调整充实了工作领导小组,切实加强", []),
        # the Party's inspection teams with their committee; a department of 营商环境建设 (test5 i-14, i-11)
        ("i-14", "配合中央巡视组、市委巡察组开展工作", ["中央巡视组", "市委巡察组"]),
        ("i-11", "市数据局(市营商环境建设局、市行政审批局)在市委", ["市数据局", "市营商环境建设局", "市行政审批局", "市委"]),
        # a department's rule-of-law division, bare or after its department (test6 j-06, f-18, f-19)
        ("j-06", "政策法规处获评全国普法先进单位", ["政策法规处"]),
        ("f-18", "由市人社局法规处具体负责", ["市人社局法规处"]),
        ("f-19", "局政策法规科负责", ["局政策法规科"]),
        # a commission's own Party group, as 局党组 (test6 j-06, p1-29)
        ("j-06", "不断增强法治自觉。委党组第一时间召开党组(扩大)会议", ["委党组", "党组"]),
        # a bare 党组 before its meeting is the reporter's own, as a bare 党委 is (GUIDELINES §7.7)
        ("j-06", "把学习领会党的二十大精神确定为党组会常设第一议题", ["党组"]),
        # 党组织 is no Party group, and other bodies' Party group meetings are not the reporter's
        ("", "村委党组织书记带头学法,社区居委党组织", []),
        ("", "督促各单位党组会议专题学法", []),
        # bodies that make up a group's office are no topic of it (test6 j-01)
        ("j-01", "并由政策法规处、综合执法局组成领导小组办公室,具体负责日常工作。", ["政策法规处"]),
        # a department name of the 2019 reform (test6 j-14)
        ("j-14", "2025年,公主岭市文化广播电视和旅游局(以下简称“市文广旅局”)坚持", ["公主岭市文化广播电视和旅游局"]),
    ],
)
def test_conjunctions_committees_sessions_and_verbs(report, excerpt, expected):
    assert orgs(excerpt) == expected


@pytest.mark.parametrize(
    ("excerpt", "expected"),
    [
        ("马鞍山市和县人民政府", ["马鞍山市和县人民政府"]),  # the county of 和县 after its city
        ("唐山高新区管委会关于法治政府建设情况的报告", ["唐山高新区管委会"]),  # k-01: a city's development zone
        ("经开区工委、管委会高度重视", ["经开区工委", "管委会"]),  # k-20
        ("成立中共濮院镇委员会法治建设领导小组,", ["中共濮院镇委员会法治建设领导小组"]),  # k-18: the owner opens the group's name
        ("成立了推行三项制度工作领导小组", ["推行三项制度工作领导小组"]),  # j-01: a programme inside a group's name
        ("按照唐山市推行三项制度试点工作领导小组办公室工作要求", ["唐山市推行三项制度试点工作领导小组办公室"]),  # k-01
        ("区疾控中心核酸检测实验室正式投入使用", ["区疾控中心"]),  # k-17
        ("行政能力进一步提高,省厅连续被评为", ["省厅"]),  # k-14: a level word and 厅 alone
        ("市局党组书记、局长", []),  # p3-34: a post's owner
        ("局党组理论中心组学习8次", ["局党组理论中心组"]),
        ("继续支持复旦大学、上海交通大学、华东师范大学", ["上海交通大学", "华东师范大学"]),  # h-19: 复旦 has no place
        ("学法,并与新疆大学法学院签订合作协议", ["新疆大学法学院"]),  # i-07
        ("新疆干部网络学院等网络学习平台", []),  # p3-25: an online academy is a programme
        ("积极探索大学生法治宣传", []),  # p3-05
        ("召开第十届人大常委会第五次会议", ["人大常委会"]),  # an ordinal with no level before it
        ("均衡推进镇政府法治建设", ["镇政府"]),  # a verb anywhere in a would-be town name
    ],
)
def test_the_limits_of_those_rules(excerpt, expected):
    assert orgs(excerpt) == expected


@pytest.mark.parametrize(
    ("excerpt", "expected"),
    [
        # determiners and lists of levels make a class (p2-01, p3-01)
        ("将习近平法治思想作为各级党委(党组)理论学习中心组重点学习内容", []),
        ("开展市县政府法治政府建设督察", []),
        # a body named only as the owner of a post (p1-11)
        ("法治建设责任全面压实。市委、市政府主要负责同志认真履行推进法治建设第一责任人职责", []),
        # k-01: a list of bodies closed by a class before their heads' post, one member unknown to the rules
        ("党政综合办公室、人力资源和社会保障局、财政局、发展改革局、政法委、工商分局等相关部门主要负责同志为成员", []),
        # 法治政府 is a kind of government, not a body (p3-19)
        ("全面贯彻落实党中央、国务院关于建设法治政府的决策部署", ["党中央", "国务院"]),
    ],
)
def test_not_bodies(excerpt, expected):
    assert orgs(excerpt) == expected


def test_traditional_script_reads_as_simplified():
    # p1-30's opening converted to traditional characters: offsets stay, names are the same
    simplified = "2022年,市卫生健康委党委全面贯彻党中央、国务院和市委、市政府决策部署"
    traditional = OpenCC("s2t").convert(simplified)
    assert traditional != simplified
    found = [traditional[s:e] for s, e in find_bodies(fold(traditional))]
    assert [fold(name) for name in found] == ["市卫生健康委党委", "党中央", "国务院", "市委", "市政府"]


def test_masked_place_keeps_the_body_without_the_mask():
    # p3-05 with its town's name masked as the pages that redact names write it
    masked = "在区委全面依法治区委员会的指导下,xx镇党委、政府深入学习宣传贯彻"
    assert orgs(masked) == ["区委全面依法治区委员会", "镇党委", "政府"]


def test_place_chain_from_the_gazetteer():
    # 004's title: city, district and sub-district read from the gazetteer as one name
    text = "绍兴市柯桥区湖塘街道办事处2024年法治政府建设年度报告"
    assert orgs(text) == ["绍兴市柯桥区湖塘街道办事处"]
