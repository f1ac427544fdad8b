"""Rejoining lines that a layout wrapped inside a paragraph: PDF text layers and .txt files
hard-wrapped at a fixed width.

A PDF gives one line per printed line, so a paragraph arrives cut into pieces: headings seem to
start mid-paragraph, numbers split across lines (`39` / `1件`) and measures lose their head. A
line is a wrapped one when it is as wide as the page's text block (the width most lines share)
and the next line does not open a paragraph (indent, or a heading after a finished sentence).
The rejoined text is the text lawie returns, so every offset is true into it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["unwrap", "strip_page_numbers"]

# a full line may fall short: by a character (kinsoku), or in width by digits and Latin letters
# that a font sets narrower than half a Chinese character
_SLACK = {"chars": 2, "width": 6}
_MIN_FULL = 16  # in characters: narrower "blocks" are lists or tables, not wrapped prose
_MAX_FULL = 120  # wider lines are paragraphs kept whole, not wrapped at a width
_INDENT = ("  ", "\u3000", "\t", "\xa0\xa0")
_SENTENCE_END = "。！？；：!?;:…"
_HEADING = re.compile(
    r"[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[)）]|\d{1,2}[.．、](?!\d)|第[一二三四五六七八九十百\d]+[章节部分条]"
)
_PAGE_NUMBER = re.compile(r"[-－—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-－—–\s]*")


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in line)


def _measure(lines: list[str]) -> tuple[str, int, int] | None:
    """(measure, full size, lines at it): the line size most lines share, by characters or by
    display width (a width-wrapped line of digits holds more characters), or None."""
    best = None
    for measure, size in (("chars", len), ("width", _width)):
        slack = _SLACK[measure]
        scale = 1 if measure == "chars" else 2
        sizes = sorted(size(line.rstrip()) for line in lines if line.strip())
        for top in set(sizes):
            if not _MIN_FULL * scale <= top <= _MAX_FULL * scale:
                continue
            count = sum(1 for s in sizes if top - slack <= s <= top + 1)
            if best is None or count > best[2] or (count == best[2] and top > best[1]):
                best = (measure, top, count)
    return best


def unwrap(text: str, *, layout: bool = False) -> tuple[str, int]:
    """(the text with wrapped lines rejoined, how many line breaks were removed).

    ``layout=True`` (a PDF's text) always rejoins; otherwise the text is rejoined only when it
    looks hard-wrapped: at least 40% of its lines, and at least five, are of one full size.
    """
    lines = text.split("\n")
    nonempty = sum(1 for line in lines if line.strip())
    found = _measure(lines)
    if found is None:
        return text, 0
    measure, top, count = found
    if count < (3 if layout else max(5, 0.4 * nonempty)):
        return text, 0
    size = len if measure == "chars" else _width
    floor = top - _SLACK[measure]
    if not layout and sum(1 for line in lines if size(line.rstrip()) > top + 2) > nonempty // 50:
        return text, 0  # lines longer than the "full" size: paragraphs are whole already
    out = [lines[0]]
    single = [True]  # whether each output line is still one input line (a heading may fill one)
    joined = 0
    for before, line in zip(lines, lines[1:]):
        previous = out[-1].rstrip()
        opens = _HEADING.match(line) and (previous.endswith(tuple(_SENTENCE_END)) or (single[-1] and _HEADING.match(previous.lstrip())))
        if previous and line.strip() and size(before.rstrip()) >= floor and not line.startswith(_INDENT) and not opens:
            glue = " " if previous[-1].isascii() and previous[-1].isalpha() and line[0].isascii() and line[0].isalpha() else ""
            out[-1] = previous + glue + line
            single[-1] = False
            joined += 1
        else:
            out.append(line)
            single.append(True)
    return "\n".join(out), joined


def strip_page_numbers(page: str) -> str:
    """A page's text without a page number standing alone on its first or last line."""
    lines = page.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and _PAGE_NUMBER.fullmatch(lines[-1]):
        lines.pop()
    if lines and _PAGE_NUMBER.fullmatch(lines[0]) and len(lines) > 1:
        lines.pop(0)
    return "\n".join(lines)
