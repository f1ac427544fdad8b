"""Counts and rates: finding them by rule, reading their values, and what they measure.

Numbers are where rules are exact. `find_quantities(text)` returns every COUNT and RATE span
(numeral + unit, or a percentage) with offsets into `text`; `normalise(text, start, end, kind)`
reads one span into a value, unit, bound and measure. Chinese numerals are converted by cn2an;
masked numbers (`****件`) keep their span and get `value=None`, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .normalize import fold
from .report import Quantity
from .resources import alternation, load_rules
from .spans import SpanSet

__all__ = ["QuantitySpan", "find_quantities", "normalise", "parse_number"]

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_MASK = "*＊×X"
_CLAUSE_CHARS = 80  # how far back a clause is read for a measure
_PUNCT_STOP = ",.;:!?。，；：！？、《》\n"


@dataclass(frozen=True)
class QuantitySpan:
    """Where a rule found a count or rate."""

    start: int
    end: int
    kind: str  # "count" | "rate"


@dataclass(frozen=True)
class _Rules:
    count: re.Pattern
    rate: re.Pattern
    not_counts: tuple[str, ...]
    lone_ten_units: frozenset[str]
    not_bound_before: tuple[str, ...]
    before: tuple[tuple[str, str], ...]  # (word, bound), longest first
    after: tuple[tuple[str, str], ...]
    rate_name: re.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_rules("quantities")
    units = sorted(data["units"], key=len, reverse=True)
    unit_re = "|".join(units)
    alternative = alternation(data["alternative_units"])
    per_time = alternation(data["per_time"])
    number = (
        rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{_MASK}]{{1,8}}"
        rf"|[{_CN_DIGITS}]+(?:[万亿][{_CN_DIGITS}]+)*(?:点[零一二三四五六七八九]+)?|(?<=[近逾])万|(?<=[^以]上)万)"
    )
    count = re.compile(
        rf"(?<![\d.{_CN_DIGITS}第*])(?<!第 )(?P<num>{number}) ?(?P<a1>余|多)?(?P<mult>[万亿])?(?P<a2>余|多)? ?"
        rf"(?P<unit>(?:{unit_re})(?:\((?:{alternative})\))?(?:/(?:{per_time}))?)(?P<after>以上|以下|左右|以内)?"
    )
    rate = re.compile(
        rf"(?<![\d.])(?:(?P<pct>(?:\d+(?:\.\d+)?|[{_MASK}]{{1,6}})\s*[%‰])|(?P<cnpct>百分之[{_CN_DIGITS}点]+)"
        rf"|(?P<points>\d+(?:\.\d+)?)个?百分点"
        rf"|(?<![{_CN_DIGITS}])(?P<cheng>[一二两三四五六七八九]成(?![为立效果绩员本品型交就不])))(?P<after>以上|以下|左右)?"
    )
    before = tuple(
        sorted(((w, b) for b, words in data["before"].items() for w in words), key=lambda x: -len(x[0]))
    )
    after = tuple(
        sorted(((w, b) for b, words in data["after"].items() for w in words), key=lambda x: -len(x[0]))
    )
    return _Rules(
        not_bound_before=tuple(data["not_bound_before"]),
        count=count,
        rate=rate,
        not_counts=tuple(data["not_counts"]),
        lone_ten_units=frozenset(data["lone_ten_units"]),
        before=before,
        after=after,
        rate_name=re.compile(rf"({data['rate_names']})(?:已|均|分别|全部)?(?:达到|达|为|是|在|至|提升至|提高到|保持在?)?\s*$"),
    )


def _inside_formula(folded: str, start: int, end: int, formulas: tuple[str, ...]) -> bool:
    """True when the span overlaps a fixed formula (四个意识, 一件事) that does not merely end a
    longer numeral (十一个 is a count even though 一个 is listed)."""
    window_start = max(0, start - 6)
    window = folded[window_start : end + 6]
    for match in _formula_pattern(formulas).finditer(window):
        a, b = window_start + match.start(1), window_start + match.end(1)
        if a < end and b > start:
            if a > start and folded[a - 1] in _CN_DIGITS and folded[a] in _CN_DIGITS:
                continue
            return True
    return False


@lru_cache(maxsize=8)
def _formula_pattern(formulas: tuple[str, ...]) -> re.Pattern:
    """All formulas in one pattern, matched at every position (overlapping matches included)."""
    return re.compile("(?=(" + "|".join(re.escape(f) for f in sorted(formulas, key=len, reverse=True)) + "))")


_SESSIONS = re.compile("(?:[、和及与][一二三四五六七八九十]+次)+(?:全会|全体会议)")


def _inside_quotes(folded: str, start: int) -> bool:
    """True when the span stands inside a “…” quote or a 《…》 title (names, slogans, documents:
    `《…全面提质 23 条措施》`), within one line. A mark that the source never closes opens
    nothing: it is followed by another opening mark (`365“不打政务…“一次不跑”服务事项199项`)
    or by no closing one."""
    line_start = folded.rfind("\n", max(0, start - 200), start) + 1
    line_end = folded.find("\n", start, start + 200)
    before = folded[max(line_start, start - 200) : start]
    after = folded[start : start + 200 if line_end < 0 else line_end]
    return any(_open_at_end(before, opening, closing) and _closes_first(after, opening, closing) for opening, closing in ("“”", "《》"))


def _open_at_end(before: str, opening: str, closing: str) -> bool:
    """Whether the last of ``before``'s opening marks is still open at its end."""
    last_open, last_close = before.rfind(opening), before.rfind(closing)
    return last_open > last_close


def _closes_first(after: str, opening: str, closing: str) -> bool:
    """Whether a closing mark comes in ``after`` before any opening one."""
    close = after.find(closing)
    if close < 0:
        return False
    reopen = after.find(opening, 0, close)
    return reopen < 0


def find_quantities(text: str, *, folded: str | None = None) -> list[QuantitySpan]:
    """Every COUNT and RATE the rules find in ``text``, in order, never overlapping.

    ``folded`` is `fold(text)` when the caller has it already.
    """
    folded = fold(text) if folded is None else folded
    rules = _rules()
    spans: SpanSet[str] = SpanSet()
    for match in rules.rate.finditer(folded):
        spans.add(match.start(), match.end(), "rate")
    for match in rules.count.finditer(folded):
        start, end = match.start(), match.end()
        if spans.overlaps(start, end):
            continue
        number = match.group("num")
        chinese = number[0] in _CN_DIGITS
        if _inside_quotes(folded, start) or _inside_formula(folded, start, end, rules.not_counts):
            continue
        if chinese:
            lone_ten = number == "十" and match.group("unit") in rules.lone_ten_units and folded[start - 1 : start] != "届"
            bare = number in ("千", "百", "十", "万") and not lone_ten
            # 近万名, 上千人; not 以上 (10万元以上万元以下)
            about = number in ("千", "百", "万") and folded[start - 1 : start] in ("近", "逾", "上") and folded[start - 2 : start] != "以上"
            if (bare and not (match.group("a1") or match.group("mult") or about)) or number.startswith(("零", "〇")):
                continue  # 十分, 百姓: a lone 十/百/千 counts only with 余/多/万 (十余场, 百余人, 十万元) or after 近/逾/上, 十 also before 项, 个…
        if match.group("unit").startswith("年度"):
            continue
        if chinese and match.group("unit").startswith("次") and (folded[start - 1 : start] == "届" or _SESSIONS.match(folded, end)):
            continue  # 省委九届六次(全会), 市委五次、六次全会: which session, not how many
        spans.add(start, end, "count")
    return [QuantitySpan(start, end, kind) for start, end, kind in spans]


def parse_number(numeral: str) -> float | None:
    """The value of a numeral (Arabic, full-width or Chinese); None when masked or unreadable."""
    numeral = fold(numeral).strip()
    if not numeral or any(c in _MASK for c in numeral):
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", numeral):
        numeral = numeral.replace(",", "")
    try:
        return float(numeral)
    except ValueError:
        pass
    import cn2an

    if numeral[0] in "十百千万亿":
        numeral = "一" + numeral  # 百余人, 百分之百, 十万元
    try:
        value = cn2an.cn2an(numeral.replace("〇", "零"), "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return float(value)


def _bound(folded: str, start: int, end: int, approx_inside: bool) -> str:
    rules = _rules()
    for word, bound in rules.after:
        if folded.startswith(word, end) or folded[start:end].endswith(word):
            if word not in ("多", "余") or folded[start:end].endswith(word):
                return bound
    if approx_inside:
        return "at_least"
    window = folded[max(0, start - 6) : start]
    for word, bound in rules.before:
        if window.endswith(word):
            if window.endswith(rules.not_bound_before):
                break  # 签约30家, 附近5家: the character belongs to another word
            return bound
        # a verb may stand between the bound word and the number: 超过…达, 约有
        for glue in ("达", "有", "为", "计"):
            if window.endswith(word + glue):
                return bound
    return "exact"


def normalise(text: str, start: int, end: int, kind: str, *, folded: str | None = None, measure: Callable[..., str | None] | None = None) -> Quantity:
    """Reads the span ``text[start:end]`` into a `Quantity` (value, unit, bound, measure).

    ``measure`` reads what the number measures (a trained `lawie.measures.MeasureModel`); without
    one, the hand-written reader `measure_of` does."""
    rules = _rules()
    folded = fold(text) if folded is None else folded
    span = folded[start:end]
    value: float | None = None
    unit: str | None = None
    approx_inside = False
    if kind == "rate":
        match = rules.rate.fullmatch(span) or rules.rate.match(span)
        if match and match.group("pct"):
            raw = match.group("pct")
            permille = raw.endswith("‰")
            number = parse_number(raw.rstrip("%‰ "))
            value = None if number is None else round(number / (1000 if permille else 100), 10)
            unit = "‰" if permille else "%"
        elif match and match.group("points"):
            number = parse_number(match.group("points"))
            value = None if number is None else round(number / 100, 10)
            unit = "百分点"
        elif match and match.group("cnpct"):
            number = parse_number(match.group("cnpct")[3:])
            value = None if number is None else round(number / 100, 10)
            unit = "%"
        elif match and match.group("cheng"):
            number = parse_number(match.group("cheng")[0])
            value = None if number is None else round(number / 10, 10)
            unit = "成"
    else:
        match = rules.count.match(folded, start, end)  # in place: a unit may look behind (连续14年)
        if match:
            number = parse_number(match.group("num"))
            multiplier = {"万": 1e4, "亿": 1e8, None: 1}[match.group("mult")]
            unit = match.group("unit")
            approx_inside = bool(match.group("a1") or match.group("a2"))
            value = None if number is None else round(number * multiplier, 6)
    bound = _bound(folded, start, end, approx_inside)
    return Quantity(
        text=text[start:end],
        kind=kind,
        value=value,
        unit=unit,
        approx=bound != "exact",
        bound=bound,
        measure=(measure or measure_of)(text, start, end, kind, folded=folded),
        start=start,
        end=end,
    )


_RATE_ITEM = r"(?:(?!率)[\u4e00-\u9fff]){1,6}?率"  # no 率 inside an item: one way to read a list, linear time
_RATE_LIST = re.compile(rf"{_RATE_ITEM}(?:(?:、|和|及){_RATE_ITEM})+$")
_LIST_ITEMS = 4  # how many 、-joined items before a number one list measure takes at most


def measure_of(text: str, start: int, end: int, kind: str, *, folded: str | None = None) -> str | None:
    """What the number counts or names, read from its clause (`rules/measures.json`), as the
    report writes it: read on the folded text, given back from the text itself (行政職權事項 in
    a report in traditional script, not 行政职权事项)."""
    folded = fold(text) if folded is None else folded
    measure, after = _folded_measure(start, end, kind, folded)
    if not measure:
        return measure
    if after:  # the noun phrase after the unit: its nearest occurrence after the number
        where = folded.find(measure, end, end + 40)
    else:  # the words before the number: the occurrence that ends nearest before it
        where = folded.rfind(measure, max(0, start - _CLAUSE_CHARS * _LIST_ITEMS), start)
    return text[where : where + len(measure)] if where >= 0 else None


def _folded_measure(start: int, end: int, kind: str, folded: str) -> tuple[str | None, bool]:
    """What the number counts or names, read from its clause on the folded text, and whether it
    stands after the number.

    A rate takes the rate name before it (`办结率98.6%` → 办结率). A count takes the noun
    phrase after its unit when there is one (`开展27场普法活动` → 普法活动), else the words
    between the last verb and the number (`开展普法活动27场` → 普法活动), else that verb
    (`办结231宗` → 办结).
    """
    rules = _rules()
    clause_start = start
    while clause_start > max(0, start - _CLAUSE_CHARS) and folded[clause_start - 1] not in _PUNCT_STOP:
        clause_start -= 1
    before = folded[clause_start:start]
    # Only what follows an earlier number in the same clause belongs to this one.
    previous = [m.end() for m in rules.count.finditer(before) if not m.group("num")[0] in _CN_DIGITS]
    previous += [m.end() for m in rules.rate.finditer(before)]
    if previous:
        before = before[max(previous) :]
    before_start = start - len(before)
    listed = _list_start(folded, clause_start) if not previous else before_start
    if kind == "rate":
        found = rules.rate_name.search(before)
        if found:
            name = found.group(1)
            phrase = _RATE_LIST.search(folded[listed : before_start + found.end(1)])
            if phrase:  # one value for several rates: 报备率、报备及时率、规范率
                first = re.match(r"[\u4e00-\u9fff]+?率", phrase.group()).group()
                kept = _lead_words(first[:-1])[0]
                return (phrase.group()[len(first) - len(kept) - 1 :] if kept and first[:-1].endswith(kept) else phrase.group()), False
            return name[-6:], False
    else:
        after = _after_unit(folded, end)
        if after:
            return _with_quotes(after, folded[end : end + 20]), True
    noun, verb = _lead_words(before)
    if noun and listed < clause_start and noun == before.strip(" ").removesuffix("等"):
        # one count of several kinds: 开展专题学法和党内法规学习、法治会议精神学习12次 → the whole list
        head, _ = _lead_words(folded[listed : clause_start - 1])
        if head and folded[listed : clause_start - 1].endswith(head):
            noun_end = before_start + before.rfind(noun) + len(noun)
            noun = folded[clause_start - 1 - len(head) : noun_end]
    return (_with_quotes(noun, folded[max(listed - 20, 0) : end]) or verb or None), False


def _list_start(folded: str, clause_start: int) -> int:
    """Where a list of items joined by 、 that ends at the clause begins (the clause itself when
    it is not such a list); an item with a number in it ends the list (it has its own count), and
    so does an item longer than 24 characters (no list item is that long)."""
    rules = _rules()
    begin = clause_start
    for _ in range(_LIST_ITEMS - 1):
        if begin == 0 or folded[begin - 1] != "、":
            break
        item = begin - 1
        while item > max(0, begin - 1 - 24) and folded[item - 1] not in _PUNCT_STOP:
            item -= 1
        if item > 0 and folded[item - 1] not in _PUNCT_STOP:
            break
        words = folded[item : begin - 1]
        if rules.count.search(words) or rules.rate.search(words):
            break
        begin = item
    return begin


def _with_quotes(measure: str, window: str) -> str:
    """A quoted name in a measure keeps both its quotation marks as the text writes them
    (`“四城通办”事项`); an opening mark the text does not close right after the measure ends it
    (`申请材料“线下当场办、…` → `申请材料`)."""
    if not measure:
        return measure
    opened, closed = measure.count("“"), measure.count("”")
    if closed > opened and "“" + measure in window:
        return "“" + measure
    if opened > closed:
        if measure + "”" in window:
            return measure + "”"
        cut = measure.rfind("“")
        return measure[:cut] if cut >= 2 else measure
    return measure


@dataclass(frozen=True)
class _MeasureRules:
    verbs: re.Pattern
    adverbs: re.Pattern
    trailing: re.Pattern
    determiners: re.Pattern
    time: re.Pattern
    after: re.Pattern
    inner_determiners: tuple[str, ...]
    initial_verbs: re.Pattern
    subjects: re.Pattern
    verb_not_before: dict


@lru_cache(maxsize=1)
def _measure_rules() -> _MeasureRules:
    data = load_rules("measures")
    return _MeasureRules(
        verbs=re.compile(alternation(data["verbs"])),
        adverbs=re.compile(rf"^(?:{alternation(data['adverbs'])})+"),
        trailing=re.compile(data["trailing"]),
        determiners=re.compile(rf"^(?:{alternation(data['determiners'])})"),
        time=re.compile(data["time"]),
        inner_determiners=tuple(data["inner_determiners"]),
        initial_verbs=re.compile(rf"^(?:{alternation(data['initial_verbs'])})(?=..)"),
        subjects=re.compile(rf"^(?:{alternation(data['subjects'])})(?=..)"),
        verb_not_before={verb: tuple(after) for verb, after in data["verb_not_before"].items()},
        after=re.compile(
            rf"^([\u4e00-\u9fffA-Za-z“”]{{2,12}}?)(?=[,.;:!?。，；：、(（]|$|\n|(?:{alternation(data['after_stop'])}))"
        ),
    )


def _lead_words(before: str) -> tuple[str, str]:
    """(noun phrase, verb) of the words before a number, either possibly empty.

    The noun phrase starts after the last verb that leaves at least two characters before the
    number; a parenthetical right before the number is skipped (`安全文化廊(宣传栏)32个`).
    """
    rules = _measure_rules()
    core = re.sub(r"\([^()]*\)$", "", rules.time.sub("", before)).strip(" ,")
    core = rules.trailing.sub("", core)
    core = core[:-1] if core.endswith("等") else core
    # a verb inside quotation marks or brackets is part of a name (办理“取消勘验”事项)
    hidden = re.sub(r"“[^“”]*”|\([^()]*\)", lambda m: "□" * len(m.group()), core)
    last_verb = ""
    cut = 0
    for match in rules.verbs.finditer(hidden):
        if hidden.startswith(rules.verb_not_before.get(match.group(), ()), match.end()):
            continue  # 在线 is no verb
        last_verb = match.group()
        if len(core) - match.end() >= 2:
            cut = match.end()
    noun = rules.adverbs.sub("", core[cut:])
    if "等" in noun:
        noun = noun.rsplit("等", 1)[-1]
    if "的" in noun and len(noun.rsplit("的", 1)[-1]) >= 2:
        noun = noun.rsplit("的", 1)[-1]  # 列入异常经营名录的企业 → 企业
    noun = rules.initial_verbs.sub("", rules.determiners.sub("", _after_inner_determiner(noun, rules)))
    noun = _without_subject(noun, rules)
    noun = rules.trailing.sub("", rules.adverbs.sub("", noun)).strip(" 的“”")
    return (noun if len(noun) >= 2 else ""), last_verb


def _without_subject(noun: str, rules: _MeasureRules) -> str:
    """The noun phrase without the body or people that open it, if two characters or more remain."""
    from .bodies import find_bodies

    noun = rules.subjects.sub("", noun)
    bodies = find_bodies(noun)
    if bodies and bodies[0][0] == 0 and len(noun) - bodies[0][1] >= 2:
        return noun[bodies[0][1] :]
    return noun


def _after_inner_determiner(noun: str, rules: _MeasureRules) -> str:
    """What follows the last determiner inside a noun phrase, if two characters or more remain."""
    cut = max((noun.rfind(d) + len(d) for d in rules.inner_determiners if d in noun), default=0)
    return noun[cut:] if len(noun) - cut >= 2 else noun


def _after_unit(folded: str, end: int) -> str | None:
    """The noun phrase right after a unit, up to punctuation, a verb or 的."""
    rules = _measure_rules()
    match = rules.after.match(folded[end : end + 16])
    if not match:
        return None
    noun = rules.determiners.sub("", _after_inner_determiner(rules.adverbs.sub("", match.group(1)), rules)).strip("“”")
    return noun if len(noun) >= 2 else None
