"""Words of a clause: the most probable segmentation over a word list with parts of speech.

Where a measure starts and ends is a question of words (`中小学完善` is 中小学 + 完善, never
中小学完), and which words are verbs is what separates `开展` from `普法活动`. Lists of words seen in
the corpus do not carry to new reports; jieba's dictionary of modern Chinese does
(`rules/words.tsv`, built by `training/build_words.py`). Segmentation is jieba's unigram model
without its HMM for unknown words: an unknown character stands alone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .resources import rules_text

__all__ = ["Word", "segment", "lexicon"]

MAX_CHARS = 6  # the longest word of the list (training/build_words.py keeps words of up to six characters)


class Word(NamedTuple):
    start: int
    end: int
    pos: str  # ICTCLAS part of speech; "x" for a character the list does not know


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, tuple[float, str]], float]:
    """{word: (log probability, part of speech)} and the log probability of an unknown character."""
    rows = [line.split("\t") for line in rules_text("words.tsv").splitlines() if line and not line.startswith("#")]
    words = {word: (float(logp), pos) for word, logp, pos in rows}
    return words, min(logp for logp, _ in words.values()) - 2.0


def segment(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The most probable words of ``text[start:end]``, offsets into ``text``."""
    end = len(text) if end is None else end
    words, unknown = lexicon()
    get = words.get
    piece = text[start:end]
    n = end - start
    best = [0.0] + [float("-inf")] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        best_j, back_j = float("-inf"), 0
        for i in range(max(0, j - MAX_CHARS), j - 1):  # words of two characters or more
            entry = get(piece[i:j])
            if entry is not None and best[i] + entry[0] > best_j:
                best_j, back_j = best[i] + entry[0], i
        entry = get(piece[j - 1 : j])  # the character alone, known or not
        if best[j - 1] + (entry[0] if entry is not None else unknown) > best_j:
            best_j, back_j = best[j - 1] + (entry[0] if entry is not None else unknown), j - 1
        best[j], back[j] = best_j, back_j
    out: list[Word] = []
    j = n
    while j > 0:
        i = back[j]
        entry = words.get(text[start + i : start + j])
        out.append(Word(start + i, start + j, entry[1] if entry else "x"))
        j = i
    out.reverse()
    return out
