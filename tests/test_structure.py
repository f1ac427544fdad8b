"""The structure reader on the five reports and on small real excerpts of each heading family."""

from __future__ import annotations

import pytest

from lawie.structure import PAGE_KINDS, heading_role, read_structure

from .conftest import REPORT_IDS

TOP_HEADINGS = {
    "000_2ababa7b4bdadb2d": [
        ("一、坚持党的领导,树牢法治政府建设正确方向", "achievement"),
        ("二、整合专业力量,完善“依法治街”工作机制", "achievement"),
        ("三、聚焦重点领域,深入推进规范公正文明执法", "achievement"),
        ("四、做优法治服务,营造辖区法治化营商环境", "achievement"),
        ("五、发挥新时代“枫桥经验”,推动矛盾纠纷多元化解", "achievement"),
        ("六、2024年度存在问题的改进情况", "rectification"),
        ("七、2025年推进法治政府建设存在的问题和原因", "problem"),
        ("八、2026年推进法治政府建设工作计划", "plan"),
    ],
    "001_614e6a983ac0b113": [
        ("一、完备理论武装,巩固法治素养", "achievement"),
        ("二、强化组织领导,全面落实法治政府建设责任", "achievement"),
        ("三、疫情防控与依法推进复工复产", "achievement"),
        ("四、坚决筑牢辖区稳定防线,探索落实“光明模式”", "achievement"),
        ("五、充分发挥街道人民调解作用,巩固维稳防线", "achievement"),
        ("六、规范性文件或规章制度的清理及政务公开情况", "achievement"),
        ("七、笋岗街道法治政府建设主要举措和成效", "achievement"),
        ("八、依法有序开展行政执法,优化改进执法方式", "achievement"),
        ("九、加强公共法律服务平台建设,促进基层依法治理", "achievement"),
        ("十、建设稳健的社会治安防控体系,维护社会治安良好秩序", "achievement"),
        ("十一、存在的问题及整改情况", "problem"),
        ("十二、下一步推进法治政府建设的工作安排", "plan"),
    ],
    "002_db59382493192273": [
        ("一、深入学习习近平总书记重要讲话精神及党的二十届三中全会精神", "achievement"),
        ("二、学习贯彻习近平法治思想,推动法治政府建设走深走实", "achievement"),
        ("三、落实党政主要负责人履行推进法治建设第一责任人职责", "leadership"),
        ("四、2024年推进法治政府建设工作的主要举措和成效", "achievement"),
        ("五、2023年法治政府建设中存在问题的改进情况及2024年推进法治政府建设存在的不足和原因", "rectification"),
        ("六、2025年推进法治政府建设工作的主要安排", "plan"),
    ],
    "003_7fff814117d48ac1": [
        ("一、2025年推进法治政府建设总体情况", "achievement"),
        ("二、法治政府建设中存在的不足", "problem"),
        ("三、2025年党政主要负责人履行推进法治建设第一责任人职责情况", "leadership"),
        ("四、2026年推进法治政府建设的主要安排", "plan"),
    ],
    "004_c1fce911fd59a85f": [
        ("一、2024年度推进法治政府建设的主要举措和成效", "achievement"),
        ("二、2024年推进法治政府建设存在的不足和原因", "problem"),
        ("三、2024年党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况", "leadership"),
        ("四、2025年度推进法治政府建设的主要安排", "plan"),
    ],
}

META = {
    "000_2ababa7b4bdadb2d": (None, "南湖街道办事处", 2025),
    "001_614e6a983ac0b113": ("罗湖区笋岗街道2021年度法治政府建设报告", "罗湖区笋岗街道", 2021),
    "002_db59382493192273": (None, "观澜街道", 2024),
    "003_7fff814117d48ac1": (None, "鼓楼街道办事处", 2025),
    # the preamble says 2023年度 by mistake; the title and headings say 2024
    "004_c1fce911fd59a85f": ("绍兴市柯桥区湖塘街道办事处2024年法治政府建设年度报告", "绍兴市柯桥区湖塘街道办事处", 2024),
}


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_top_level_headings_and_roles(corpus, report_id):
    structure = read_structure(corpus[report_id]["text"])
    found = [(s.heading, s.role) for s in structure.sections if s.level == 1]
    assert found == TOP_HEADINGS[report_id]


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_meta(corpus, report_id):
    structure = read_structure(corpus[report_id]["text"])
    assert (structure.title_text, structure.org, structure.year) == META[report_id]


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_items_match_the_gold_items(corpus, report_id):
    """A regression guard: the gold items were cut by this reader and then checked by reading,
    so any change of segmentation must be re-checked against the reports (and the gold updated)."""
    record = corpus[report_id]
    structure = read_structure(record["text"])
    assert [(i.start, i.end) for i in structure.items] == [(i["start"], i["end"]) for i in record["items"]]


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_offsets_are_true_and_items_hold_no_furniture(corpus, report_id):
    text = corpus[report_id]["text"]
    structure = read_structure(text)
    for item in structure.items:
        assert text[item.start : item.end].strip() == text[item.start : item.end]
        if item.kind == "furniture":
            assert (item.start, item.end) in structure.furniture and item.role == "other"
            continue
        for start, end in structure.furniture:
            assert end <= item.start or start >= item.end
    for section in structure.sections:
        assert text[section.heading_start : section.heading_end] == section.heading


def _headings(text):
    structure = read_structure(text)
    return [(s.heading, s.level) for s in structure.sections]


def test_numbering_families_nest_by_first_appearance():
    # 鼓楼: `1.` directly under `一、`, with and without a space after the dot
    text = "一、2025年推进法治政府建设总体情况\n1. 健全法治建设工作体系。制定年度工作实施方案。\n6.强化行政复议与行政应诉工作。严格落实责任制。\n二、法治政府建设中存在的不足\n1. 法治建设精细化水平有待提升。部分科室认识不足。"
    assert _headings(text) == [
        ("一、2025年推进法治政府建设总体情况", 1),
        ("1. 健全法治建设工作体系", 2),
        ("6.强化行政复议与行政应诉工作", 2),
        ("二、法治政府建设中存在的不足", 1),
        ("1. 法治建设精细化水平有待提升", 2),
    ]


def test_full_width_brackets_and_arabic_paren():
    text = "一、主要举措和成效\n（一）加强组织领导\n(1)成立领导小组。由书记任组长。\n（2）制定工作方案。明确分工。\n二、存在的不足\n（一）宣传形式单一。"
    assert _headings(text) == [
        ("一、主要举措和成效", 1),
        ("（一）加强组织领导", 2),
        ("(1)成立领导小组", 3),
        ("（2）制定工作方案", 3),
        ("二、存在的不足", 1),
        ("（一）宣传形式单一", 2),
    ]


def test_missing_numeral_and_gap():
    # 笋岗: `()` with the numeral missing, then `(二)`; a gap (一、 then 三、) keeps the level
    text = "五、充分发挥街道人民调解作用,巩固维稳防线\n()完善诉源治理机制,构建调解、仲裁、行政裁决、行政复议、诉讼等有机衔接、相互协调的纠纷解决机制,并突出街道人民调解在解决纠纷方式中的重要地位。\n(二)用法治思想法治手段解决重大矛盾。街道司法所及时介入。\n七、主要举措和成效\n(一)加强法治宣传。开展活动。"
    found = _headings(text)
    assert [level for _, level in found] == [1, 2, 2, 1, 2]
    assert found[1][0] == "()完善诉源治理机制"


def test_heading_with_body_on_the_same_line_is_an_item():
    text = "二、整合专业力量,完善“依法治街”工作机制\n(一)凝聚法治力量,规范行政程序。成立街道法律事务工作小组,由党工委副书记任组长。"
    structure = read_structure(text)
    (item,) = structure.items
    assert item.heading == ("二、整合专业力量,完善“依法治街”工作机制", "(一)凝聚法治力量,规范行政程序")
    assert text[item.start : item.end].startswith("(一)凝聚法治力量")


def test_inline_enumeration_splits_clauses():
    text = "(三)党政主要负责人积极履行推进法治建设第一责任人职责。一是将推进法治政府建设纳入年度工作计划。二是将法治政府建设工作列入党工委重要议事范围。三是将履职情况列入年终述职内容。"
    structure = read_structure(text)
    clauses = [text[i.start : i.end] for i in structure.items]
    # the numbered heading opens its first clause (guideline §9.3); the others start at 二是, 三是
    assert clauses[0].startswith("(三)党政主要负责人") and "一是将推进" in clauses[0] and "二是" not in clauses[0]
    assert [c[:2] for c in clauses[1:]] == ["二是", "三是"]
    assert all(i.role == "leadership" for i in structure.items)


def test_shouxian_enumeration():
    text = "二、主要做法\n首先,健全工作机制,成立领导小组。其次,规范执法行为,开展案卷评查。最后,深化普法宣传,开展活动30场。"
    structure = read_structure(text)
    assert [text[i.start : i.start + 2] for i in structure.items] == ["首先", "其次", "最后"]


def test_lead_before_clauses_is_its_own_item():
    text = "六、2024年度存在问题的改进情况\n2025年,南湖街道办事处针对2024年法治政府建设中存在的问题进行了整改:一是建立常态化培训机制。二是通过案件探讨提升执法能力。"
    structure = read_structure(text)
    assert [i.kind for i in structure.items] == ["lead", "clause", "clause"]
    assert {i.role for i in structure.items} == {"rectification"}


def test_paragraphs_without_blank_lines_or_with_them_agree():
    body = ["一、主要举措和成效", "加强理论学习,贯彻法治精神。领导干部带头学习。", "强化组织建设,完善内部监督。制定学法计划。"]
    tight = read_structure("\n".join(body))
    loose = read_structure("\n\n".join("  " + line for line in body))
    assert len(tight.items) == len(loose.items) == 2


def test_web_furniture_is_separated():
    # 笋岗 page: site name, title, source line, 扫一扫, then the footer of the page
    text = (
        "深圳市罗湖区人民政府\n\n罗湖区笋岗街道2021年度法治政府建设报告\n\n"
        "来源:罗湖区笋岗街道办事处 发布时间:2021-12-27\n\n扫一扫在手机上打开当前页\n\n"
        "  近三年,笋岗街道党工委、办事处按照区委、区政府工作部署推进法治建设。\n\n"
        "  一、完备理论武装,巩固法治素养\n\n  加强理论学习,贯彻法治精神。领导干部带头学习。\n\n\n"
        "知识图谱\n\n相关信息和服务\n\n当前展示专题专栏信息类别内容 返回\n\n点击标签名称查看更多信息"
    )
    structure = read_structure(text)
    furniture = [text[a:b] for a, b in structure.furniture]
    assert furniture == [
        "深圳市罗湖区人民政府",
        "来源:罗湖区笋岗街道办事处 发布时间:2021-12-27",
        "扫一扫在手机上打开当前页",
        "知识图谱",
        "相关信息和服务",
        "当前展示专题专栏信息类别内容 返回",
        "点击标签名称查看更多信息",
    ]
    assert structure.title_text == "罗湖区笋岗街道2021年度法治政府建设报告"
    assert [text[i.start : i.end][:4] for i in structure.items if i.kind not in PAGE_KINDS] == ["近三年,", "加强理论"]
    page = [(text[i.start : i.end], i.kind, i.role) for i in structure.items if i.kind in PAGE_KINDS]
    assert page[:2] == [("深圳市罗湖区人民政府", "furniture", "other"), (structure.title_text, "title", "other")]
    assert [line for line, kind, _ in page if kind == "furniture"] == furniture


def test_index_block_visit_counter_and_signature():
    # 湖塘 page: 索引号 block before the title, 访问次数 after it, signature and date at the end
    text = (
        "索引号: 00258242-X/2025-74457 公开方式: 主动公开\n  • 发布机构:\n\n    湖塘街道\n\n"
        "绍兴市柯桥区湖塘街道办事处2024年法治政府建设年度报告\n\n发布时间:2025-02-10 13:44\n\n访问次数:\n\n"
        "2024年,湖塘街道全面落实法治政府建设要求。现将情况报告如下:\n\n"
        "一、2024年度推进法治政府建设的主要举措和成效\n\n一是推进行政执法改革。全年开展行政检查231次。\n\n \n\n"
        "                               中共湖塘街道工委\n\n                                湖塘街道办事处\n\n"
        "                                2025年1月21日"
    )
    structure = read_structure(text)
    furniture = [text[a:b] for a, b in structure.furniture]
    assert "中共湖塘街道工委" in furniture and "湖塘街道办事处" in furniture and "2025年1月21日" in furniture
    assert "访问次数:" in furniture and "湖塘街道" in furniture
    assert structure.year == 2024
    assert [text[i.start : i.end][:4] for i in structure.items if i.kind not in PAGE_KINDS] == ["2024", "一是推进"]
    signature = {text[a:b] for a, b in structure.signature}
    page_lines = [text[i.start : i.end] for i in structure.items if i.kind == "furniture"]
    assert page_lines == [line for line in furniture if line not in signature]


@pytest.mark.parametrize(
    "heading, role",
    [
        ("七、2025年推进法治政府建设存在的问题和原因", "problem"),
        ("六、2024年度存在问题的改进情况", "rectification"),
        ("十二、下一步推进法治政府建设的工作安排", "plan"),
        ("三、落实党政主要负责人履行推进法治建设第一责任人职责", "leadership"),
        ("一、2024年度推进法治政府建设的主要举措和成效", "achievement"),
        ("(七)倾听民意心声,着力解决急难愁盼问题", None),
        ("四、坚决筑牢辖区稳定防线,探索落实“光明模式”", None),
    ],
)
def test_heading_cues(heading, role):
    assert heading_role(heading) == role


def test_meta_year_from_headings_when_title_and_preamble_lack_it():
    text = "一、2023年推进法治政府建设的主要举措和成效\n(一)加强组织领导。成立领导小组。\n二、2024年工作计划\n(一)强化普法。开展活动。"
    assert read_structure(text).year == 2023


def test_read_structure_rejects_non_str():
    with pytest.raises(TypeError):
        read_structure(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "opening, org, year",
    [
        # the reporter after 在…领导下 clauses (朔州市朔城区 2023, 镇宁自治县 2022)
        ("2023年,在市委、市政府和区委的坚强领导下,在区人大常委会和区政协的监督支持下,区政府坚持以习近平新时代中国特色社会主义思想为指导", "区政府", 2023),
        ("2022年在县委、县政府的坚强领导下,在上级司法行政部门的关怀指导下,镇宁自治县坚持以习近平新时代中国特色社会主义思想为指导", "镇宁自治县", 2022),
        # joint Party–government reporters (山西省 2023, 宁夏 2022)
        ("2023年,山西省委、省政府坚持以习近平新时代中国特色社会主义思想为指导", "山西省委、省政府", 2023),
        ("2022年,宁夏回族自治区党委和政府全面学习贯彻党的二十大精神", "宁夏回族自治区党委和政府", 2022),
        # a place and its organ (吉林省 2023, 重庆市九龙坡区市场监督管理局 2023)
        ("2023年,吉林省人民政府坚持以习近平新时代中国特色社会主义思想为指导", "吉林省人民政府", 2023),
        ("2023年以来,区市场监管局坚持以习近平新时代中国特色社会主义思想为指导", "区市场监管局", 2023),
        # page lines the furniture rules do not know before the opening (吉林省 2023)
        ("站群导航\n\nAQI\n\n2024-03-15来源:\n\n2023年,吉林省人民政府坚持以习近平新时代中国特色社会主义思想为指导", "吉林省人民政府", 2023),
        # the body before 关于 in a title (保定市 2022)
        ("返回首页\n保定市人民政府关于保定市2022年度法治政府建设情况的报告\n\n      2022年以来,在省委、省政府的正确领导下,保定市委、市政府深入学习宣传贯彻党的二十大", "保定市人民政府", 2022),
        # a letter that sends the report is its title (test5 i-01), and so is a title in a labelled field (test4 h-15)
        ("福建省市场监督管理局关于报送2018年法治政府建设情况的函\n闽市监函〔2018〕556号\n省司法厅:\n2018年,我局坚持以习近平新时代中国特色社会主义思想为指导", "福建省市场监督管理局", 2018),
        ("标题:儋州市人民政府关于2020年度法治政府建设情况的报告\n\n2020年是“十三五”规划的收官之年,也是中央、国务院《法治政府建设实施纲要(2015-2020年)》的完成之年", "儋州市人民政府", 2020),
        # a report that opens with its first heading (test4 h-23)
        ("一、2018年法治政府建设基本情况\n2018年,区政府坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大精神", "区政府", 2018),
        ("省司法厅:\n一、2018年法治政府建设基本情况\n2018年,区政府坚持以习近平新时代中国特色社会主义思想为指导", "区政府", 2018),
    ],
)
def test_meta_of_openings_from_other_provinces(opening, org, year):
    structure = read_structure(opening)
    assert (structure.org, structure.year) == (org, year)


@pytest.mark.parametrize(
    "report_id, org, year",
    [
        ("f-01", "县人民政府", 2022),  # no title: 根据…有关规定,现将县人民政府2022年法治政府建设工作情况报告如下
        ("f-18", "市人社局", 2022),  # 现将市人社局2022年法治政府建设情况报告予以公开
        ("f-15", "重庆市开州区紫水乡人民政府", 2020),  # on its own line above 关于2020年度…的报告, one title
        ("f-11", "四川省交通运输厅", 2025),  # on its own line above a title without it; the preamble opens 在省委…
        ("f-19", "长治市人力资源和社会保障局", 2020),  # the body grammar reads the whole department name
        ("f-06", "市市场监管局", 2023),  # 市 + 市场监管局, not the place 市市
        ("f-07", "景德镇市", 2024),  # the city, not the town-like 景德镇
    ],
)
def test_meta_from_the_submission_line_the_line_above_the_title_and_the_body_grammar(corpus, report_id, org, year):
    structure = read_structure(corpus[report_id]["text"])
    assert (structure.org, structure.year) == (org, year)


@pytest.mark.parametrize(
    "opening, org",
    [
        ("现将今年全市法治政府建设情况报告如下:", None),  # a time word and 全市 are no body
        ("2023年,县人民政府办公室认真贯彻落实", "县人民政府办公室"),  # the office, not the government
        # a body on the line above a title that names none is the reporter (as f-15, g-06 and g-12 of the
        # corpus have it), even when the opening paragraph names a department
        ("北京市人民政府\n关于2022年法治政府建设情况的报告\n2022年,市司法局深入推进", "北京市人民政府"),
        # a labelled field is not joined to the line above it
        ("海东市人民政府\n标题:关于2019年度法治政府建设工作情况的报告\n2019年,海东市坚持以习近平新时代中国特色社会主义思想为指导", "海东市"),
        # a place's long full name (积石山保安族东乡族撒拉族自治县)
        ("2020年,积石山保安族东乡族撒拉族自治县以法治政府建设为抓手,全面推进", "积石山保安族东乡族撒拉族自治县"),
        # a body on a line above a title that names another body is the site, not the reporter (001)
        ("深圳市罗湖区人民政府\n罗湖区笋岗街道2021年度法治政府建设报告\n2021年,笋岗街道深入推进", "罗湖区笋岗街道"),
        ("县人大常委会\n关于2022年法治政府建设情况的报告\n按照要求报告如下", None),  # the addressee
        ("现将创建示范区2023年度工作情况报告如下:", None),  # a verb phrase before a zone word is no zone
    ],
)
def test_meta_readings_that_must_not_take_the_wrong_body(opening, org):
    assert read_structure(opening).org == org


@pytest.mark.parametrize(
    "report_id, org, year",
    [
        ("g-06", "海东市人民政府", 2019),  # 海东市人民政府⏎关于2019年度…的报告: one title; the preamble says 海东市
        ("g-09", "大英县人民政府", 2022),  # the same layout, under a document number line
        ("g-17", "宣城市公安局", 2021),  # 宣城市公安局按照市委、市政府…: one body, then the bodies it follows
        ("g-21", "通州区", 2020),  # 2020年,通州区以…: the place's whole name, not 通州
        ("g-07", "伊犁州", 2023),  # 今年以来,伊犁州深入…
        ("j-18", "克拉玛依市", 2024),  # 克拉玛依市法治政府建设各项工作…: 法治政府 is a kind of government, no organ
        ("j-24", "郑东新区", 2025),  # 现将郑东新区2025年度…报告如下: a zone no gazetteer lists
        ("j-14", "公主岭市文化广播电视和旅游局", 2025),  # a department name of the 2019 reform
        ("p3-26", "巴州党委、政府", 2023),  # a joint reporter whose committee the grammar reads as one body
    ],
)
def test_meta_of_titles_with_their_reporter_above_and_of_preambles(corpus, report_id, org, year):
    structure = read_structure(corpus[report_id]["text"])
    assert (structure.org, structure.year) == (org, year)


@pytest.mark.parametrize(
    "report_id, line, annotated",
    [
        ("g-06", "海东市人民政府", True),  # the reporter's line of the title is report text
        ("g-04", "标      题 西藏自治区2018年度法治政府建设情况", False),  # a title in a labelled field
        ("g-23", "名 称: 下陆区2024年法治政府建设工作报告", False),
        ("g-01", "时间: 2018-05-31 17:25:00 来源: 西藏自治区人民政府", False),  # a date and source line
        ("g-24", "济南市市中区人民政府", False),  # the publisher between an index number and a date
    ],
)
def test_which_page_lines_are_report_text(corpus, report_id, line, annotated):
    from lawie.extractor import body_regions

    text = corpus[report_id]["text"]
    start = text.index(line)
    regions = body_regions(read_structure(text))
    assert any(a <= start and start + len(line) <= b for a, b in regions) == annotated
    assert read_structure(text).title_in_field == (report_id in ("g-01", "g-04", "g-23"))


def test_a_report_that_calls_itself_our_county_is_the_county_it_names(corpus):
    # p2-10 opens 2022年,我县认真学习… and names 浮梁县 four times further on
    assert read_structure(corpus["p2-10"]["text"]).org == "浮梁县"
    # p3-13 names 开阳县 and, inside 示范县, the two-character county 范县: not a place there
    text = corpus["p3-13"]["text"]
    assert "示范县" in text and read_structure(text).org == "开阳县"


def test_without_its_place_name_the_report_is_its_government_as_it_names_it(corpus):
    text = corpus["p2-25"]["text"]  # 现将我县2020年度法治政府建设情况报告如下 … 县政府
    assert "我县" in text and read_structure(text).org == "县政府"
    first_line = corpus["p2-12"]["text"].split("\n")[0]  # 2022年,我县坚持以…: no name of its own
    assert first_line.startswith("2022年,我县") and read_structure(first_line).org is None
