"""Counts and rates: recognition by rule and normalisation, table-driven."""

from __future__ import annotations

import pytest

from lawie.quantities import find_quantities, normalise, parse_number


def spans(text):
    return [(text[q.start : q.end], q.kind) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("共开展27场普法活动,覆盖1500余人次。", [("27场", "count"), ("1500余人次", "count")]),
        ("核发各项就业援助补贴累计127万余元", [("127万余元", "count")]),
        ("涉及金额450余万元", [("450余万元", "count")]),
        ("涉及金额24.58万元", [("24.58万元", "count")]),
        ("已办结864件,办结率98.6%。", [("864件", "count"), ("98.6%", "rate")]),
        ("持证率已达到92%以上", [("92%以上", "rate")]),
        ("围绕十八大类近470项执法事项", [("十八大类", "count"), ("470项", "count")]),
        ("我街道六个社区均被评为", [("六个", "count")]),
        ("满意度达到百分之九十", [("百分之九十", "rate")]),
        ("九成以上的群众", [("九成以上", "rate")]),
        ("办理案件１２３件", [("１２３件", "count")]),
        ("办理案件****件,办结率**%", [("****件", "count"), ("**%", "rate")]),
        ("“三类人员”考法7906人次,完成“四类案卷”2轮次全覆盖评查", [("7906人次", "count"), ("2轮次", "count")]),  # f-24
        ("2020年市级政务服务事项共计动态调整约2万项次。", [("2万项次", "count")]),  # g-05
        ("关于法治建设重大部署等23篇次。", [("23篇次", "count")]),  # g-11
        ("落实“行刑衔接”工作机制等3方面17小项考核要求", [("3方面", "count"), ("17小项", "count")]),  # g-09
        ("将法治政府建设内容细分为七方面21个要点", [("七方面", "count"), ("21个", "count")]),  # g-22
        ("对中央八项规定落实情况、“三重一大”制度执行情况", []),  # g-15: a rule's name, not a count
        # k-17: a quotation the source never closes (365“不打…) holds none of the numbers after it
        (
            "创新开展365“不打政务延时错时等特色服务,全年办理延时错时预约服务15万余件。公布梳理四批次“一次不跑”服务事项199项",
            [("15万余件", "count"), ("四批次", "count"), ("199项", "count")],
        ),
    ],
)
def test_found(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
        "严格落实行政执法“三项制度”",
        "2025年,南湖街道办事处在区委领导下",
        "结合“三八”妇女节、12·4国家宪法日",
        "打造“15分钟法律服务圈”",
        "全面贯彻党的二十大和二十届八次全会精神",
        "一是推进改革,二是完善机制",
        "发挥人民调解“第一道防线”作用",
        "“1+6+N”基层社会治理工作体系",
        "推行“一件事一次办”",
        "成功入选“一地创新、全省共享”一本账。",  # f-06: a list one is selected into
        "认真贯彻落实党的十九大精神、省委九届六次和市委十届三次全会会议精神",  # k-01: which sessions
        "全面落实十二届市委五次、六次全会部署",  # p1-25
        "分别制定了一套行之有效、带有新区特色的指标考核体系",  # k-03: an indefinite article
        "以八个坚持为抓手",  # k-16: a formula
        "拓展“15分钟法律服务圈”,办理“一件事”",  # a closed quotation still holds its number
    ],
)
def test_not_quantities(text):
    assert spans(text) == []


@pytest.mark.parametrize(
    "text, value, unit, bound, approx",
    [
        ("1500余人次", 1500, "人次", "at_least", True),
        ("127万余元", 1270000, "元", "at_least", True),
        ("450余万元", 4500000, "元", "at_least", True),
        ("六个", 6, "个", "exact", False),
        ("98.6%", 0.986, "%", "exact", False),
        ("百分之九十", 0.9, "%", "exact", False),
        ("九成", 0.9, "成", "exact", False),
        ("92%以上", 0.92, "%", "at_least", True),
        ("一千一百件", 1100, "件", "exact", False),
        ("两场", 2, "场", "exact", False),
        ("1.8万人", 18000, "人", "exact", False),
        ("２７场", 27, "场", "exact", False),
        ("300人左右", 300, "人", "about", True),
        ("****件", None, "件", "exact", False),
    ],
)
def test_normalised(text, value, unit, bound, approx):
    (span,) = find_quantities(text)
    quantity = normalise(text, span.start, span.end, span.kind)
    assert quantity.value == pytest.approx(value) if value is not None else quantity.value is None
    assert (quantity.unit, quantity.bound, quantity.approx) == (unit, bound, approx)
    assert quantity.text == text[span.start : span.end]


@pytest.mark.parametrize(
    "text, bound",
    [("约900万元", "about"), ("近470项", "at_most"), ("超过300家", "at_least"), ("逾20场", "at_least"), ("不少于6次", "at_least"), ("不到10件", "at_most")],
)
def test_bound_words_before_the_number(text, bound):
    (span,) = find_quantities(text)
    assert normalise(text, span.start, span.end, span.kind).bound == bound


@pytest.mark.parametrize(
    "text, measures",
    [
        ("开展普法活动27场", ["普法活动"]),
        ("2025年共受理信访件255宗,办结231宗,办结率90.6%", ["信访件", "办结", "办结率"]),
        ("共开展27场普法活动", ["普法活动"]),
        ("化解率达96%", ["化解率"]),
    ],
)
def test_measure(text, measures):
    assert [normalise(text, q.start, q.end, q.kind).measure for q in find_quantities(text)] == measures


@pytest.mark.parametrize(
    "text, number, measure",
    [  # excerpts of test-split reports p1-01, p1-13, p1-17 and p3-13
        ("设置11个“诚信建设投诉”窗口,畅通投诉渠道", "11个", "“诚信建设投诉”窗口"),
        ("纳入“四城通办”事项337项。", "337项", "“四城通办”事项"),
        ("实现188项涉企经营事项、13项证明和85项申请材料“线下当场办、线上半天办”。", "85项", "申请材料"),
        ("各便民服务中心(站)2025年度内累计办件10790件,", "10790件", "办件"),
        ("包括132项基本履职事项、138项配合履职事项以及14项", "138项", "配合履职事项"),
        ("县委依法治县办举办了法治专题培训班2次,", "2次", "法治专题培训班"),
        ("推出166个“高效办成一件事”,平均缩减时限74.3%。", "74.3%", "缩减时限"),
    ],
)
def test_measure_keeps_quoted_names_whole_and_leaves_particles_out(text, number, measure):
    (found,) = [q for q in find_quantities(text) if text[q.start : q.end] == number]
    assert normalise(text, found.start, found.end, found.kind).measure == measure


@pytest.mark.parametrize(
    "text, number, measure",
    [  # excerpts of the spent test2 reports f-07, f-18, f-24, f-06
        ("办理“取消勘验”事项12169件。", "12169件", "“取消勘验”事项"),  # a verb inside quotation marks is part of the name
        ("开展在线政务服务专题直播48场。", "48场", "在线政务服务专题直播"),  # 在线 is no preposition
        ("各级党委(党组)理论学习中心组学法520场,", "520场", "党委(党组)理论学习中心组学法"),  # 各级 is a determiner
        ("开展法治专题讲座、报告会等235场。", "235场", "法治专题讲座、报告会"),  # a list before 等: the whole list
        ("开展专题学法和党内法规学习、法治会议精神学习12次,", "12次", "专题学法和党内法规学习、法治会议精神学习"),
        ("参与率、通过率均为100%。", "100%", "参与率、通过率"),
        ("全局实现参考率、通过率和优秀率100%。", "100%", "参考率、通过率和优秀率"),  # joined by 和, the verb left out
    ],
)
def test_measure_of_lists_quoted_verbs_and_determiners(text, number, measure):
    (found,) = [q for q in find_quantities(text) if text[q.start : q.end] == number]
    assert normalise(text, found.start, found.end, found.kind).measure == measure


def test_a_preposition_before_the_number_is_not_part_of_the_measure():
    text = "推动行政审批和公共服务事项由1296项减至405项。"  # p1-13
    first = find_quantities(text)[0]
    assert normalise(text, first.start, first.end, first.kind).measure.endswith("公共服务事项")


@pytest.mark.parametrize("numeral, value", [("十八", 18), ("两", 2), ("一千一百", 1100), ("1,0", None), ("＊＊", None)])
def test_parse_number(numeral, value):
    assert parse_number(numeral) == value


@pytest.mark.parametrize(
    "text, found, value",
    [
        ("辖区共十一个社区", "十一个", 11),
        ("一百一十一起", "一百一十一起", 111),
        ("十余场", "十余场", 10),
        ("百余人", "百余人", 100),
        ("十万元", "十万元", 100000),
        ("一万二千人", "一万二千人", 12000),
        ("两万三千件", "两万三千件", 23000),
        ("受理1,234宗", "1,234宗", 1234),
        ("百分之百", "百分之百", 1.0),
        ("两成", "两成", 0.2),
        ("同比增长15.6个百分点", "15.6个百分点", 0.156),
    ],
)
def test_longer_numerals(text, found, value):
    (span,) = find_quantities(text)
    assert text[span.start : span.end] == found
    assert normalise(text, span.start, span.end, span.kind).value == pytest.approx(value)


@pytest.mark.parametrize("text", ["新签约30家", "完成预约120人次", "附近5家商户", "赶超3家"])
def test_bound_words_inside_other_words_do_not_count(text):
    (span,) = find_quantities(text)
    assert normalise(text, span.start, span.end, span.kind).bound == "exact"


@pytest.mark.parametrize("text", ["一成不变", "十分重要", "百姓满意"])
def test_words_made_of_numerals_are_not_quantities(text):
    assert spans(text) == []


@pytest.mark.parametrize(
    "text, found, value, unit",
    [
        # spaces inside a number, as some sources write them (金平县 2025)
        ("公布行政许可事项清单 236 项", "236 项", 236, "项"),
        ("办理 1.3 万件", "1.3 万件", 13000, "件"),
        ("为群众挽回经济损失 27.4 万元", "27.4 万元", 274000, "元"),
        ("提供法律咨询 240 余人次", "240 余人次", 240, "人次"),
        ("召开县委全面依法治县委员会全体扩大会议 1 次", "1 次", 1, "次"),
        ("满意 25 票", "25 票", 25, "票"),
        # compound units (焦作市生态环境局中站分局 2022; 海原县 2023)
        ("PM10年均浓度为83微克/立方米", "83微克/立方米", 83, "微克/立方米"),
        ("各级各部门会前学法698场(次)", "698场(次)", 698, "场(次)"),
        ("举办全县法治培训17期(次)", "17期(次)", 17, "期(次)"),  # any unit may take a second in brackets (test4 h-14)
        ("新增污水处理能力4万吨/日", "4万吨/日", 40000, "吨/日"),  # a unit per day (test5 i-14)
        ("检查居住社区1008个次", "1008个次", 1008, "个次"),  # a compound unit (test5 i-22)
        # a lone 十 before a measure word (test4 h-01)
        ("等文件涉及的十项重点改革举措情况进行全面督查", "十项", 10, "项"),
        # a lone 万 after 近/逾/上 (test6 j-05); N大 + a class noun (test6 j-17, p2-12)
        ("科级以上干部和近万名一般干部参加法治理论考试", "万名", 10000, "名"),
        ("组织近百名干部旁听庭审", "百名", 100, "名"),
        ("县(区)委书记、6大行业行政执法部门负责同志逐一述法述职", "6大行业", 6, "大行业"),
        ("整改工作,共涉及六大方面", "六大方面", 6, "大方面"),
        # a streak of years is counted; a year is not (海口市 2021, 宁波市鄞州区 2024)
        ("连续14年在全省法治政府建设考评中获评优秀等次", "14年", 14, "年"),
        ("法治政府建设工作连续三年位列全市第一档次", "三年", 3, "年"),
    ],
)
def test_numbers_as_sources_write_them(text, found, value, unit):
    (span,) = find_quantities(text)
    quantity = normalise(text, span.start, span.end, span.kind)
    assert (quantity.text, quantity.value, quantity.unit) == (found, pytest.approx(value), unit)


@pytest.mark.parametrize(
    "text",
    [
        "印发《云南省法治化营商环境全面提质 23 条措施》",
        "全省各级政府按照法治建设统一部署",
        "纳入市委年度综合考核和市委新一轮巡察",
        "先后主持召开市委十二届36次常委会(扩大)会议",
        "2020年静海区法治政府建设情况报告",
        "印发并实施服务民营经济发展十件实事方案",  # a programme's name, not a count (p2-23)
        "工作人员十分重视",
        "学习贯彻市委十三届十次全体会议精神",  # a session's number after 届
        "深入推进“五大攻坚行动”,推动",  # a programme's name in quotes (i-09)
        "线上万众一心",  # 万 alone is a number only after 近, 逾 or 上 and before a measure word
        "罚款数额在以上万元以下",  # 以上 is no 上
    ],
)
def test_not_counts_in_the_pool(text):
    assert spans(text) == []


def test_the_measure_is_the_reports_own_text_in_traditional_script():
    text = "2023年共完成5家單位,21項行政職權事項的調整和公"  # p1-01, served in traditional script
    measures = [normalise(text, q.start, q.end, q.kind).measure for q in find_quantities(text)]
    assert measures == ["單位", "行政職權事項"] and all(m in text for m in measures)


@pytest.mark.parametrize(
    "text, number, measure",
    [  # constructed edge cases of the list reading
        ("受理案件100件办结率和满意率均为98%。", "98%", "办结率和满意率"),  # an earlier number in the clause
        ("开展法治讲座、 报告会235场。", "235场", "法治讲座、 报告会"),  # a contiguous piece of the text
        ("举办讲座三场、报告会12场。", "12场", "报告会"),  # an item with a Chinese numeral has its own count
    ],
)
def test_list_measures_stay_contiguous_and_within_their_clause(text, number, measure):
    (found,) = [q for q in find_quantities(text) if text[q.start : q.end] == number]
    got = normalise(text, found.start, found.end, found.kind).measure
    assert got == measure and got in text
