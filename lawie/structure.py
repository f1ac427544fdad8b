"""The structure of a report, read by rules: furniture, title, headings, sections and items.

Everything here is a pure function of the text. Rules match on the folded text
(`normalize.fold`, same length), so every offset is an offset into the text as given.

- **furniture**: web-page and document lines that are not the report body (索引号, 发布时间,
  扫一扫, 访问次数, 知识图谱, breadcrumbs, footers, the signature block and its date); the
  signature lines are also kept apart, since the bodies they name are entities of the report;
- **headings** in the numbering families of `rules/headings.json`, with levels found from the
  order in which the families nest in this report;
- **sections**: a heading and everything under it up to the next heading of the same or a
  higher level;
- **items**: the smallest units that state one thing — a numbered paragraph, one `一是/二是…`
  clause, or an unnumbered paragraph — each with its heading path;
- **roles** from heading cues (`rules/roles.json`): the baseline that the trained classifier
  must beat;
- **meta**: title, reporting body and the year reported on.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from .normalize import fold
from .resources import load_rules

__all__ = [
    "Heading",
    "SectionSpan",
    "ItemSpan",
    "Structure",
    "read_structure",
    "heading_role",
]

_SENTENCE_END = "。!?;:"
_MIN_LEAD = 8  # a lead-in shorter than this (after its heading) is not an item of its own
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class Heading:
    """A numbered heading: its text (marker included) and where it stands."""

    start: int
    end: int
    text: str
    family: str
    level: int
    inline: bool  # the body of the paragraph follows on the same line


@dataclass(frozen=True)
class SectionSpan:
    """A heading and everything under it."""

    heading: str
    level: int
    role: str
    start: int
    end: int
    heading_start: int
    heading_end: int


PAGE_KINDS = ("title", "furniture")  # item kinds that are page lines, role `other` by rule


@dataclass(frozen=True)
class ItemSpan:
    """The smallest unit of the report that states one thing."""

    start: int
    end: int
    heading: tuple[str, ...]
    role: str
    kind: str  # "numbered", "clause", "paragraph", "lead", "preamble"; "title", "furniture": page lines


@dataclass(frozen=True)
class Structure:
    """What the structure reader found in one text."""

    text: str
    title: tuple[int, int] | None
    org: str | None
    year: int | None
    furniture: tuple[tuple[int, int], ...]
    signature: tuple[tuple[int, int], ...]
    headings: tuple[Heading, ...]
    sections: tuple[SectionSpan, ...]
    items: tuple[ItemSpan, ...] = field(default=())
    # the org was inferred from the report calling itself 我县/我市 (`_self_named_org`), not read
    # where the report names its reporter: its other mentions may be places, not the body acting
    org_inferred: bool = False
    # the title stands in a labelled field of the page's metadata (标题:…): furniture, not annotated
    title_in_field: bool = False

    @property
    def title_text(self) -> str | None:
        return None if self.title is None else self.text[self.title[0] : self.title[1]]


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Rules:
    families: tuple[tuple[str, int, re.Pattern], ...]
    inline: tuple[tuple[str, re.Pattern, object], ...]
    max_heading: int
    cues: tuple[tuple[str, re.Pattern], ...]
    default_body: str
    default_preamble: str
    furniture: re.Pattern
    furniture_max: int
    date_line: re.Pattern
    signature_suffix: re.Pattern
    field_label: re.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    headings = load_rules("headings")
    roles = load_rules("roles")
    furniture = load_rules("furniture")
    families = tuple(
        (f["name"], int(f["rank"]), re.compile(f["pattern"])) for f in headings["families"]
    )
    inline = tuple((i["name"], re.compile(i["pattern"]), i["order"]) for i in headings["inline"])
    cues = tuple((c["role"], re.compile(c["pattern"])) for c in roles["cues"])
    unknown = {role for role, _ in cues} - set(roles["roles"])
    if unknown:
        raise ValueError(f"roles.json: cue roles not in the role list: {sorted(unknown)}")
    lines = "|".join(f"(?:{p})" for p in furniture["line"])
    return _Rules(
        families=families,
        inline=inline,
        max_heading=int(headings["max_heading_chars"]),
        cues=cues,
        default_body=roles["default_body"],
        default_preamble=roles["default_preamble"],
        furniture=re.compile(rf"^[\s•·●▪\-]*(?:{lines})"),
        furniture_max=int(furniture["max_chars"]),
        date_line=re.compile(furniture["date_line"]),
        signature_suffix=re.compile(furniture["signature_suffix"]),
        field_label=re.compile(furniture["field_label"]),
    )


def heading_role(heading: str) -> str | None:
    """The role a heading's wording points to, or None when it has no cue."""
    folded = fold(heading)
    for role, pattern in _rules().cues:
        if pattern.search(folded):
            return role
    return None


# --------------------------------------------------------------------------- lines


@dataclass
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    text: str  # folded text of [start, end)
    kind: str = "body"  # body, furniture, title, signature


_RUN_ON_HEADING = re.compile(
    r"(?<=[。;!?:])\s*(?=(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、](?![\d%])|第[一二三四五六七八九十]+部分))"
    r"|(?<=[\u4e00-\u9fff])(?<!第)\s*(?=\([一二三四五六七八九十]{1,3}\))"
)
_RUN_ON_CHARS = 100  # a line longer than this may hold several paragraphs run together


def _lines(text: str, folded: str) -> list[_Line]:
    """Non-empty lines with their offsets; a very long line (a page that lost its line breaks)
    is cut before each heading marker that follows a sentence end."""
    lines: list[_Line] = []
    pos = 0
    for raw in folded.split("\n"):
        pieces = [(0, len(raw))]
        if len(raw) > _RUN_ON_CHARS:
            cuts = [m.end() for m in _RUN_ON_HEADING.finditer(raw)]
            bounds = [0] + cuts + [len(raw)]
            pieces = list(zip(bounds, bounds[1:]))
        for a, b in pieces:
            piece = raw[a:b]
            stripped_left = len(piece) - len(piece.lstrip())
            content = piece.strip()
            if content:
                start = pos + a + stripped_left
                lines.append(_Line(start, start + len(content), content))
        pos += len(raw) + 1
    return lines


_TITLE = re.compile(r"(法治政府|法治建设|依法行政|法治.{0,6}建设).{0,30}(报告|情况)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|年度)")
_OPENING = re.compile(r"\s*(?:近[一二三两]年|今年|(?:19|20)\d{2}\s*年)")


_PAGE_TITLE_BAR = re.compile(r"_[^_]*(?:网站|门户|政府网|网)$")


_BREADCRUMB = re.compile(r">|位置|首页")


def _is_title(line: _Line) -> bool:
    if len(line.text) > 80 or line.text.endswith(("。", ":")):
        return False
    if _PAGE_TITLE_BAR.search(line.text):
        return False  # the page's <title> bar (…_上海市宝山区人民政府门户网站) is furniture
    if _BREADCRUMB.search(line.text):
        return False  # 您当前的位置: 首页 >…> 法治政府建设年度报告
    if _match_family(line.text) is not None:
        return False
    if not _TITLE.search(line.text):
        return False
    # 浙江省2021年法治政府建设情况: a title may end in 情况 without 报告 when it gives the year, and so
    # may a letter that sends the report (关于报送2018年法治政府建设情况的函)
    return "报告" in line.text or (line.text.endswith(("情况", "情况的函")) and bool(_YEAR.search(fold(line.text))))


def _merge_broken_title(lines: list[_Line]) -> None:
    """Joins a title broken over two lines into one (`关于那曲市色尼区2025年度法治政府⏎建设情况的报告`);
    a line above a whole title stays apart (`深圳市罗湖区人民政府⏎罗湖区笋岗街道2021年度法治政府建设报告`)."""
    for index in range(min(len(lines), 40) - 1):
        first, second = lines[index], lines[index + 1]
        if len(first.text) > 40 or first.text.endswith(("。", ",", ";", ":")) or _is_title(first):
            continue
        joined = _Line(first.start, second.end, first.text + second.text)
        if not _is_title(joined):
            continue
        if _is_title(second):
            continue  # a body's name above a whole title is a line of its own (p3-04, p3-27 of the corpus)
        lines[index : index + 2] = [joined]
        return


def _with_reporter_line(lines: list[_Line], title_index: int) -> int:
    """The title with the body's name on the line above it when the title names no body
    (`海东市人民政府⏎关于2019年度法治政府建设工作情况的报告`): one title, its name report text."""
    if title_index == 0:
        return title_index
    above, title = lines[title_index - 1], lines[title_index]
    if not _named_alone(above.text) or _title_org(title.text) is not None or _rules().field_label.match(title.text):
        return title_index
    lines[title_index - 1 : title_index + 1] = [_Line(above.start, title.end, above.text + title.text)]
    return title_index - 1


def _mark_furniture(lines: list[_Line]) -> int | None:
    """Marks furniture, title and signature lines; returns the index of the title line."""
    rules = _rules()
    _merge_broken_title(lines)
    title_index = None
    candidates = [index for index, line in enumerate(lines[:40]) if _is_title(line)]
    if candidates:
        # 2024法治政府建设情况报告公示 / 兴化市陶庄镇人民政府2024年度…报告: the title that names its body
        title_index = next((i for i in candidates[:3] if _title_org(lines[i].text)), candidates[0])
    if title_index is not None:
        title_index = _with_reporter_line(lines, title_index)
        lines[title_index].kind = "title"
        for line in lines[:title_index]:
            line.kind = "furniture"
    for line in lines:
        if line.kind == "body" and len(line.text) <= rules.furniture_max:
            if rules.furniture.match(line.text):
                line.kind = "furniture"
    for index in range(1, len(lines) - 1):  # a publisher's name between two furniture lines
        line = lines[index]
        if line.kind == "body" and lines[index - 1].kind in ("furniture", "title") and lines[index + 1].kind == "furniture":
            if _named_alone(line.text):
                line.kind = "furniture"
    # Trailing block: signature, date, footer furniture — never the only body line left.
    for line in reversed(lines):
        if sum(1 for l in lines if l.kind == "body") <= 1:
            break
        if line.kind == "furniture":
            continue
        if line.kind != "body":
            break
        short = len(line.text) <= 30 and not line.text.endswith(("。", ";", ","))
        if short and (rules.date_line.match(line.text) or rules.signature_suffix.search(line.text)):
            line.kind = "signature"
            continue
        if short and _match_family(line.text) is None and len(line.text) <= 16:
            # short footer lines such as site names between furniture lines
            line.kind = "furniture"
            continue
        break
    return title_index


# --------------------------------------------------------------------------- headings


def _match_family(folded_line: str) -> tuple[str, int, int] | None:
    """(family, rank, marker length) when the line starts with a numbering marker."""
    for name, rank, pattern in _rules().families:
        match = pattern.match(folded_line)
        if match:
            rest = folded_line[match.end() :]
            if not rest or rest[0] in ",.;:、%)":
                continue
            if name == "arabic_dot" and re.match(r"\d", rest):
                continue
            return name, rank, match.end()
    return None


def _heading_extent(folded_line: str, marker_len: int, max_chars: int) -> tuple[int, bool]:
    """Length of the heading within its line, and whether body text follows it.

    A line with no sentence punctuation that does not end like a sentence is a heading on its
    own. Otherwise the heading is the first sentence (or, when that is long, the first clause)
    and the rest of the line is its body: `(一)凝聚法治力量,规范行政程序。成立…`.
    """
    rest = folded_line[marker_len:]
    if len(folded_line) <= max_chars + 20 and not any(c in rest for c in "。!?;"):
        if not folded_line.endswith(("。", ";")):
            return len(folded_line), False
    for index, char in enumerate(rest):
        if char in _SENTENCE_END:
            if index + marker_len <= max_chars:
                return marker_len + index, True
            break
    comma = rest.find(",")
    if 0 < comma and comma + marker_len <= max_chars:
        return marker_len + comma, True
    return min(len(folded_line), max_chars), True


def folded_char_is(folded_line: str, index: int, chars: str) -> bool:
    return 0 <= index < len(folded_line) and folded_line[index] in chars


def _find_headings(text: str, lines: list[_Line]) -> list[Heading]:
    rules = _rules()
    stack: list[tuple[str, int]] = []
    headings: list[Heading] = []
    for line in lines:
        if line.kind != "body":
            continue
        found = _match_family(line.text)
        if found is None:
            continue
        name, rank, marker_len = found
        if any(f == name for f, _ in stack):
            while stack[-1][0] != name:
                stack.pop()
        else:
            while stack and stack[-1][1] > rank:
                stack.pop()
            stack.append((name, rank))
        length, inline = _heading_extent(line.text, marker_len, rules.max_heading)
        end = line.start + length
        while end > line.start and folded_char_is(line.text, end - line.start - 1, " 。.,;:"):
            end -= 1
        heading_text = text[line.start : end]
        headings.append(Heading(line.start, end, heading_text, name, len(stack), inline))
    return headings


# --------------------------------------------------------------------------- items


def _clause_starts(folded: str, start: int, end: int) -> list[int]:
    """Offsets of an inline enumeration (一是…二是…, 首先…其次…) in [start, end)."""
    segment = folded[start:end]
    for name, pattern, order in _rules().inline:
        hits = [(m.start(), m.group(1)) for m in pattern.finditer(segment)]
        if not hits:
            continue
        starts: list[int] = []
        last = 0
        for offset, word in hits:
            if order == "numeral":
                rank = _ZH_DIGITS.get(word, 0)
                follows = rank == last + 1  # 一是, 二是, 三是 … in sequence
            else:
                rank = _order_rank(order, word)
                follows = rank > last and (last > 0 or rank == 1)  # 首先 … (再次) … 最后
            if follows and _clause_boundary(segment, offset):
                starts.append(start + offset)
                last = rank
        if len(starts) >= 2 or (len(starts) == 1 and starts[0] == start):
            return starts
    return []


def _order_rank(order, word: str) -> int:
    return order.index(word) + 1 if word in order else 0


def _clause_boundary(segment: str, offset: int) -> bool:
    """An enumeration word starts a clause only at the start or after punctuation."""
    if offset == 0:
        return True
    before = segment[offset - 1]
    return before in ",.;:。!?、)“”\" "


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --------------------------------------------------------------------------- meta

_ORG_NAME = re.compile(
    r"([\u4e00-\u9fff]{1,20}?(?:街道办事处|街道工委|人民政府办公室|人民政府|政府|办事处|街道|司法局|"
    r"委员会|管理局|局|委|办公室|厅|镇|乡|县|区|市|州|盟|旗|省))"
)


def _title_org(title: str) -> str | None:
    label = _rules().field_label.match(fold(title))
    if label:  # 标题:儋州市人民政府关于…: the field's label is no part of the title
        title = " " * label.end() + title[label.end() :]
    folded = fold(title)
    match = _YEAR.search(folded)
    head = folded[: match.start()] if match else folded
    head = head.strip(" :\n\t")
    # 保定市人民政府关于保定市2022年…: the body that reports stands before 关于
    reporter = head.split("关于", 1)[0].strip() if "关于" in head else ""
    if len(reporter) >= 2 and _ORG_NAME.fullmatch(reporter):
        offset = folded.find(reporter)
        return title[offset : offset + len(reporter)]
    head = re.sub(r"关于$", "", head)
    # 中共南湖街道工委 南湖街道办事处…: the last body named before the year reports
    for candidate in reversed([c for c in re.split(r"[\s、,]+|关于", head) if c]):
        if len(candidate) >= 2 and _ORG_NAME.fullmatch(candidate):
            offset = folded.rfind(candidate, 0, match.start() if match else len(folded))
            return title[offset : offset + len(candidate)]
    tail = (folded[match.end() :] if match else "").lstrip("度,: ")
    tail = tail[: tail.find("法治")] if "法治" in tail else tail
    # 2021年宁波市镇海区人民政府法治政府建设工作报告: the longest name before 法治
    found = next((m for m in (_ORG_NAME.fullmatch(tail[:end]) for end in range(len(tail), 1, -1)) if m), None)
    if found:
        offset = folded.index(found.group(1), match.end() if match else 0)
        return title[offset : offset + len(found.group(1))]
    return None


_PLACE_SUFFIXES = ("省", "市", "县", "区", "州", "盟", "旗", "镇", "乡", "街道")
_ORGAN = re.compile(r"[\u4e00-\u9fff]{0,8}(?:人民政府|政府|办事处|委员会|管理局|监管局|局|委|厅|办)")
_NOT_ORGAN = re.compile(r"坚持|深入|认真|全面|推进|推动|加强|持续|不断|着力|扎实|围绕|按照|以|在|的|和|把|将|为")
_JOINT_REPORTER = re.compile(
    r"((?:中共)?[\u4e00-\u9fff]{1,12}?(?:党工委|党委|工委|委))(?:、|和|及)?([\u4e00-\u9fff]{0,12}?(?:人民政府|政府|办事处|管委会))"
)


_ENTRUSTED = re.compile(r"受([\u4e00-\u9fff]{2,20}?(?:人民政府|政府|办事处))委托")
_ACTOR = re.compile(
    r"[。,]\s*([\u4e00-\u9fff]{2,12}?(?:街道|镇|乡|县|区|市|州|省)(?:人民政府|政府|办事处)?)(?:始终|坚持|全面|深入|认真|持续)"
)


_REFERENCE = ("我", "本", "全", "各")  # 我县, 本镇, 全市, 各级: the report referring to itself or a class, no name

_SELF_NAMED = re.compile(r"[我本](省|市|区|县|州|盟|旗|镇|乡|街道)(?![委长])")
_SELF_LEVELS = {"省": ("province",), "市": ("city", "county"), "州": ("city",), "盟": ("city",), "区": ("county",),
                "县": ("county",), "旗": ("county",), "镇": ("town",), "乡": ("town",), "街道": ("town",)}


def _self_named_org(text: str, folded: str, folded_preamble: str) -> str | None:
    """The body of a report that calls itself only 我县, 我市, 本镇…: the division of that level
    the report names most often outside document titles (`开阳县`), else its government as the
    report names it (`县政府`), else nothing (guideline §9.5)."""
    from collections import Counter

    from .gazetteer import gazetteer
    from .names import _rules as name_rules

    found = _SELF_NAMED.search(folded_preamble)
    if found is None:
        return None
    suffix = found.group(1)
    titles = [(m.start(), m.end()) for m in name_rules().titled.finditer(folded)]
    places = gazetteer()
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for hit in re.finditer(re.escape(suffix), folded):
        end = hit.end()
        if any(start < end <= stop for start, stop in titles):
            continue
        for start in places.places_ending_at(folded, end, min_len=len(suffix) + 1):
            name = folded[start:end]
            if end - start == 2 and start > 0 and "\u4e00" <= folded[start - 1] <= "\u9fff" and folded[start - 1] not in "省市州盟":
                continue  # 示范县, 和县域: a two-character county only after a boundary or its city
            if any(d.level in _SELF_LEVELS[suffix] for d in places.lookup(name)):
                counts[name] += 1
                first.setdefault(name, start)
                break
    if counts:
        name = max(counts, key=lambda n: (counts[n], -first[n]))
        return text[first[name] : first[name] + len(name)]
    government = re.search(re.escape(suffix) + "(?:人民)?政府(?![办工])", folded)
    return text[government.start() : government.end()] if government else None


_SUBMITTED = re.compile(
    r"现将\s*([\u4e00-\u9fff()]{2,30}?)\s*(?:((?:19|20)\d{2})\s*年度?|(?=法治|依法))[^。;]{0,30}?报告"
)


# a development or functional zone, which no gazetteer lists (郑东新区): a name only in this frame
_ZONE = re.compile(r"[\u4e00-\u9fff]{2,10}(?:新区|开发区|高新区|经开区|示范区|试验区|合作区)")


def _zone(name: str) -> bool:
    """A zone's own name: not a verb phrase or a grade (`创建示范区`, `省级示范区`)."""
    from .words import segment

    if not _ZONE.fullmatch(name) or re.match(r"[省市县区国]家?级", name):
        return False
    first = segment(name)[0]
    return not first.pos.startswith("v")


def _submitted(folded_line: str) -> tuple[tuple[int, int] | None, int | None]:
    """The body and year of `现将县人民政府2022年法治政府建设情况报告如下`: (span of the body or None,
    the year or None). The body must be a whole name the body grammar reads, a place, or a zone
    whose name opens with no verb or grade (`郑东新区`, not `创建示范区`, `省级示范区`)."""
    from .gazetteer import locate

    found = _SUBMITTED.search(folded_line)
    if found is None:
        return None, None
    year = int(found.group(2)) if found.group(2) else None
    name = found.group(1)
    if re.search(r"[我本全各年来]", name) or not (_whole_body(name) or name.endswith(_PLACE_SUFFIXES) and locate(name) or _zone(name)):
        return None, year  # 现将今年全市…, 现将我县…: no name of the body
    return found.span(1), year


def _whole_body(name: str) -> bool:
    """Whether the body grammar reads the whole string as one body's name."""
    from .bodies import find_bodies

    return [(0, len(name))] == find_bodies(name)


def _not_two_things(name: str) -> bool:
    """Whether the body grammar reads at most one body in a name, at its end (`巴州党委`); not when
    it reads a body and then other words (`宣城市公安局按照市委`)."""
    from .bodies import find_bodies

    bodies = find_bodies(name)
    return not bodies or len(bodies) == 1 and bodies[0][1] == len(name)


def _named_alone(folded_line: str) -> bool:
    """A line that is one body's name and nothing else (`四川省交通运输厅` above the title); a
    people's congress or its standing committee above a title is the addressee, not the body."""
    line = folded_line.strip()
    return 2 <= len(line) <= 40 and _whole_body(line) and not re.search("人大|常委会|代表大会", line)


def _preamble_org(folded_first: str, original_first: str) -> str | None:
    # 2023年, / 2022年在县委、县政府的坚强领导下,在…指导下, — the reporter comes after
    entrusted = _ENTRUSTED.search(folded_first)
    if entrusted:  # 我受县政府委托,向本次会议报告…
        return original_first[entrusted.start(1) : entrusted.end(1)]
    match = re.match(
        r"\s*(?:(?:近[一二三两]年|今年(?:以来)?|(?:19|20)\d{2}\s*年度?(?:以来)?)\s*[,，]?)?\s*(?:在[^,，。;]{1,60}?[下上]\s*[,，]?\s*)*",
        folded_first,
    )
    if not match or folded_first[match.end() : match.end() + 1] == "是":
        actor = _ACTOR.search(folded_first)  # 2024年是…之年。西兴街道始终坚持…
        return original_first[actor.start(1) : actor.end(1)] if actor else None
    joint = _JOINT_REPORTER.match(folded_first, match.end())
    committee = joint.group(1) if joint else ""
    government = joint.group(2) if joint else ""
    if (
        joint
        and not committee.startswith(_REFERENCE)
        and not re.search("办事处|政府|在|的", committee)
        and not re.search("在|的|委", government)
        and _not_two_things(committee)
    ):  # 山西省委、省政府坚持…; not 宣城市公安局按照市委、市政府…
        return original_first[joint.start() : joint.end()]
    from .bodies import find_bodies

    start = match.end()
    if folded_first.startswith(_REFERENCE, start):
        return None
    body = next((b for a, b in find_bodies(folded_first[: start + 60]) if a == start), start)
    found = _ORG_NAME.match(folded_first, start)
    end = start
    if found and not found.group(1).startswith("在") and found.group(1) != "街道":
        end = max(found.end(1), _place_end(folded_first, start))  # 通州区, not 通州 + 区以…
        if found.group(1).endswith(_PLACE_SUFFIXES):  # 吉林省 + 人民政府, 秦皇岛市 + 卫生健康委员会, 区 + 市场监管局
            organ = next((folded_first[end : end + k] for k in range(10, 1, -1) if _ORGAN.fullmatch(folded_first, end, end + k)), "")
            if not _NOT_ORGAN.search(organ) and not _kind_of_government(organ):  # 静海区坚持…: a verb, not an organ
                end += len(organ)
    # the body grammar's whole name (长治市人力资源和社会保障局), with the office the grammar does
    # not join (县人民政府办公室); the place and organ words where the grammar reads no body
    if body > start:
        end = end if folded_first[body:end] in ("办公室", "办公厅") else body
    return original_first[start:end] if end > start else None


def _kind_of_government(organ: str) -> bool:
    """法治政府, 数字政府: a kind of government, not a body (as the body grammar reads it)."""
    from .bodies import kind_of_government

    return organ.endswith("政府") and kind_of_government(organ[:-2].removesuffix("人民"))


def _place_end(folded: str, start: int) -> int:
    """The end of the longest place of the gazetteer that begins at ``start`` (or ``start``)."""
    from .gazetteer import gazetteer

    places = gazetteer().full_names()
    longest = gazetteer().max_len
    return max((end for end in range(start + 2, min(len(folded), start + longest) + 1) if folded[start:end] in places), default=start)


def _report_year(
    title: str | None, preamble: str | None, headings: list[Heading], roles: list[str], submitted: int | None = None
) -> int | None:
    if title:
        found = _YEAR.search(fold(title))
        if found:
            return int(found.group(1))
    if submitted is not None:  # 现将…2022年法治政府建设情况报告如下
        return submitted
    if preamble:
        found = re.match(r"\s*((?:19|20)\d{2})\s*年", fold(preamble))
        if found:
            return int(found.group(1))
    counts: dict[int, int] = {}
    for heading, role in zip(headings, roles):
        if role in ("achievement", "problem", "leadership"):
            for found in _YEAR.finditer(fold(heading.text)):
                counts[int(found.group(1))] = counts.get(int(found.group(1)), 0) + 1
    if counts:
        return max(counts, key=lambda year: (counts[year], year))
    return None


# --------------------------------------------------------------------------- reader


def read_structure(text: str, *, folded: str | None = None) -> Structure:
    """Reads furniture, headings, sections, items and meta from a report's text.

    ``folded`` is `fold(text)` when the caller has it already.
    """
    if not isinstance(text, str):
        raise TypeError(f"read_structure() takes a str, not {type(text).__name__}")
    folded = fold(text) if folded is None else folded
    lines = _lines(text, folded)
    title_index = _mark_furniture(lines)
    rules = _rules()
    headings = _find_headings(text, lines)
    body_lines = [line for line in lines if line.kind == "body"]
    body_end = body_lines[-1].end if body_lines else 0

    # Sections and their roles.
    section_roles: list[str] = []
    parents: list[int] = []  # stack of section indices
    sections: list[SectionSpan] = []
    for index, heading in enumerate(headings):
        while parents and headings[parents[-1]].level >= heading.level:
            parents.pop()
        own = heading_role(heading.text)
        parent_role = section_roles[parents[-1]] if parents else rules.default_body
        role = own or parent_role
        section_roles.append(role)
        parents.append(index)
    ends = _section_ends(headings, lines, body_end)
    for heading, role, end in zip(headings, section_roles, ends):
        sections.append(
            SectionSpan(heading.text, heading.level, role, heading.start, end, heading.start, heading.end)
        )

    # Items.
    items: list[ItemSpan] = []
    heading_at = {h.start: i for i, h in enumerate(headings)}
    path: list[int] = []
    for line in body_lines:
        index = heading_at.get(line.start)
        if index is not None:
            heading = headings[index]
            while path and headings[path[-1]].level >= heading.level:
                path.pop()
            path.append(index)
            if not heading.inline:
                continue
        names = tuple(headings[i].text for i in path)
        if path:
            role = section_roles[path[-1]]
        else:  # before the first heading: a preamble; in a report without headings: the body
            role = rules.default_preamble if headings else rules.default_body
        items.extend(_line_items(text, folded, line, headings[index] if index is not None else None,
                                 names, role, preamble=not path and bool(headings)))

    # Title and furniture lines are items too, of role other: every line of the page is accounted for.
    page_items = [
        ItemSpan(*_trim(text, line.start, line.end), (), "other", line.kind)
        for line in lines
        if line.kind in PAGE_KINDS
    ]
    items = sorted(items + [item for item in page_items if item.end > item.start], key=lambda item: item.start)

    # Meta.
    title = None
    title_text = None
    if title_index is not None:
        line = lines[title_index]
        title = (line.start, line.end)
        title_text = text[line.start : line.end]
    opening = [l for l in body_lines if l.start not in heading_at and (not headings or l.start < headings[0].start)]
    # the preamble is the first opening line that starts with the year (2023年,…); page lines the
    # furniture rules do not know (站群导航, a speaker's name) may stand before it
    addressee = lambda line: len(line.text) <= 40 and line.text.rstrip().endswith((":", "："))  # noqa: E731
    preamble_line = next(
        (l for l in opening if _OPENING.match(l.text)),
        next((l for l in opening if not addressee(l)), None),
    )
    if preamble_line is None and headings:  # 一、2018年法治政府建设基本情况⏎2018年,区政府坚持…: the first section opens it
        first = next((l for l in body_lines if l.start > headings[0].start and l.start not in heading_at and not addressee(l)), None)
        preamble_line = first if first is not None and _OPENING.match(first.text) else None
    preamble = text[preamble_line.start : preamble_line.end] if preamble_line else None
    org = _title_org(title_text) if title_text else None
    if org is None:  # 我受县政府委托,向本次会议报告…: a report read to a people's congress
        for line in opening[:4]:
            entrusted = _ENTRUSTED.search(fold(line.text))
            if entrusted:
                org = line.text[entrusted.start(1) : entrusted.end(1)]
                break
    submitted_year = None
    for line in opening[:4]:  # 根据…有关规定,现将县人民政府2022年法治政府建设情况报告如下
        body, submitted_year = _submitted(folded[line.start : line.end])
        if body is not None and org is None:
            org = text[line.start + body[0] : line.start + body[1]]
        if body is not None or submitted_year is not None:
            break
    if org is None and preamble:
        org = _preamble_org(fold(preamble), preamble)
    if org is None:  # the body's name on a line of its own above the title, or first on the page
        above = lines[max(0, title_index - 2) : title_index] if title_index is not None else lines[:1]
        alone = next((line for line in above if _named_alone(folded[line.start : line.end])), None)
        if alone is not None:
            org = text[alone.start : alone.end].strip()
    org_inferred = False
    if org is None and preamble:
        org = _self_named_org(text, folded, fold(preamble))
        org_inferred = org is not None
    year = _report_year(title_text, preamble, headings, section_roles, submitted_year)
    furniture = tuple((l.start, l.end) for l in lines if l.kind in ("furniture", "signature"))
    signature = tuple((l.start, l.end) for l in lines if l.kind == "signature")
    return Structure(
        text=text,
        title=title,
        org=org,
        year=year,
        furniture=furniture,
        signature=signature,
        headings=tuple(headings),
        sections=tuple(sections),
        items=tuple(items),
        org_inferred=org_inferred,
        title_in_field=title_text is not None and bool(_rules().field_label.match(fold(title_text))),
    )


def _line_items(
    text: str, folded: str, line: _Line, heading: Heading | None, names: tuple[str, ...], role: str, *, preamble: bool
) -> list[ItemSpan]:
    """The items of one paragraph: the whole paragraph, or its lead and its enumerated clauses."""
    body_from = heading.end if heading is not None else line.start
    starts = _clause_starts(folded, body_from, line.end)
    if not starts:
        if preamble:
            kind = "preamble"
        elif heading is not None:
            kind = "numbered"
        else:
            kind = "clause" if _starts_enumeration(folded, line.start) else "paragraph"
        start, end = _trim(text, line.start, line.end)
        return [ItemSpan(start, end, names, role, kind)]
    items: list[ItemSpan] = []
    lead = folded[body_from : starts[0]].strip(" ,.;:。")
    if len(lead) >= _MIN_LEAD:
        start, end = _trim(text, line.start, starts[0])
        items.append(ItemSpan(start, end, names, role, "lead"))
    bounds = starts + [line.end]
    if heading is not None and not items:
        bounds[0] = line.start  # (一)聚焦率先突破…。一是…: the numbered heading opens its first clause
    for clause_start, clause_end in zip(bounds, bounds[1:]):
        start, end = _trim(text, clause_start, clause_end)
        if end > start:
            items.append(ItemSpan(start, end, names, role, "clause"))
    return items


def _starts_enumeration(folded: str, offset: int) -> bool:
    return any(pattern.match(folded, offset) for _, pattern, _ in _rules().inline)


def _section_ends(headings: list[Heading], lines: list[_Line], body_end: int) -> list[int]:
    """Where each section ends: before the next heading of the same or a higher level (one
    backward pass with a stack, so long reports stay linear)."""
    body = [line for line in lines if line.kind == "body"]
    starts = [line.start for line in body]
    ends = [body_end] * len(headings)
    stack: list[int] = []  # indices of later headings, levels increasing towards the top
    for index in range(len(headings) - 1, -1, -1):
        level = headings[index].level
        while stack and headings[stack[-1]].level > level:
            stack.pop()
        if stack:
            position = bisect_left(starts, headings[stack[-1]].start)
            ends[index] = body[position - 1].end if position > 0 else 0
        stack.append(index)
    return ends
