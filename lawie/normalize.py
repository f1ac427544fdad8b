"""Character-for-character text folding, so that rules and models see one form of the text
while every offset still points into the original.

`fold(text)` returns a string of exactly the same length: full-width ASCII becomes half-width,
the ideographic space a space, bracket and quote variants one form, and traditional characters
their simplified form (OpenCC's character table, one character for one). Because the mapping is
1:1, an offset into the folded text is the same offset into the original.
"""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["fold"]

# Punctuation variants folded to the form the rules are written in.
_PUNCT = {
    "\u3000": " ",  # ideographic space
    "\u00a0": " ",  # no-break space
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u200b": " ",  # zero-width space keeps its slot as a space
    "\ufeff": " ",
    "（": "(",
    "）": ")",
    "〔": "(",
    "〕": ")",
    "［": "[",
    "］": "]",
    "．": ".",
    "，": ",",
    "：": ":",
    "；": ";",
    "！": "!",
    "？": "?",
    "％": "%",
    "﹪": "%",
    "＋": "+",
    "－": "-",
    "﹒": ".",
    "「": "“",
    "」": "”",
    "『": "“",
    "』": "”",
    "\r": "\n",
    "\u2028": "\n",  # line and paragraph separators, vertical tab, form feed, NEL: line breaks
    "\u2029": "\n",
    "\x0b": "\n",
    "\x0c": "\n",
    "\x85": "\n",
}


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII block U+FF01..U+FF5E → U+0021..U+007E.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    for src, dst in _PUNCT.items():
        table[ord(src)] = dst
    for code in range(0xD800, 0xE000):  # lone surrogates cannot be encoded: the replacement character
        table[code] = "\ufffd"
    table.update(_t2s_table())
    return table


def _t2s_table() -> dict[int, str]:
    """Traditional→simplified for single characters, from OpenCC's character dictionary.

    A character listed among its own simplified candidates (覆, 乾, 於, 瞭) is valid simplified
    text too and is kept as it is; phrase rules are not used because they would change lengths.
    """
    try:
        import opencc  # opencc-python-reimplemented: ships the dictionaries as text files
    except ImportError:  # pragma: no cover - core dependency
        return {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            trad, _, candidates = line.rstrip("\n").partition("\t")
            options = candidates.split(" ")
            if len(trad) == 1 and trad not in options and len(options[0]) == 1:
                table[ord(trad)] = options[0]
    return table


def fold(text: str) -> str:
    """The folded form of ``text``: same length, one form for width, punctuation and script."""
    return text.translate(_table())


