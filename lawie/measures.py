"""What a number measures, as a learned choice among the spans of its clause.

The hand-written reader (`quantities.measure_of`) scores 0.67 on the reports its word lists were
written on and 0.47–0.51 on every new batch: boundaries (a leading verb or subject kept, a word cut
in two) do not carry as lists. This model scores every contiguous span of the number's clause
that ends within a few characters before the number and starts at a word boundary, or starts just
after it and ends at a word boundary, and keeps the best; a span made only of words that say how
much or when (`共计`, `其中`) is no measure (None). A span's score is the sum of what its two boundaries look like (the characters and words on each
side, their parts of speech from `words.py`, whether a verb or determiner of `rules/measures.json`
stands there, the distance to the number) and what the span is (side, length, the last character
of the number — its unit, or 以上 —, a 、 list inside). A span that opens a quotation or bracket
closes it. The word lists of `rules/measures.json` were written on the trained-on reports, so the
cross-validated figure is a little optimistic. Linear, so the boundaries are scored once per
position. Trained by `lawie train` (`train_measures`) as a conditional logit, a softmax over each
number's candidates, with scipy's L-BFGS; shipped as `measures.json` in the model directory and
read without numpy, scipy or scikit-learn.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .normalize import fold
from .resources import alternation, load_rules
from .words import MAX_CHARS as MAX_WORD, segment

__all__ = ["MeasureModel", "candidates", "measure_examples", "train_measures"]

FORMAT = "lawie-measures/1"
_STOP = frozenset(",.;:!?。《》\n")
_MAX_CHARS = 16  # the longest measure considered (gold measures: 99% are 16 characters or less)
_GAP_BEFORE = 8  # how far before the number a measure may end (共, 累计达, 已达到…)
_GAP_AFTER = 4  # how far after the number a measure may start (余, 个, 的…)
_CLAUSE_BACK = _GAP_BEFORE + _MAX_CHARS  # no candidate starts further back


@dataclass(frozen=True)
class _Lexicon:
    verbs: re.Pattern
    openers: re.Pattern  # determiners and adverbs that open a phrase without belonging to it


@lru_cache(maxsize=1)
def _empty_words() -> re.Pattern:
    """Words that say how much or when, never what (`共计`, `累计达到`, `其中`): a span made of
    them alone is no measure (`rules/measures.json`: trailing, adverbs, determiners)."""
    data = load_rules("measures")
    words = data["adverbs"] + data["determiners"] + ["其中", "同时", "全年", "年内"]
    return re.compile(rf"(?:{data['trailing'].removesuffix('+$')}|{alternation(words)})+")


def _not_a_measure(span: str) -> bool:
    return _empty_words().fullmatch(span.strip()) is not None


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_rules("measures")
    # lookaheads: `finditer` then finds a match at every position, overlapping ones too
    return _Lexicon(
        re.compile(f"(?=({alternation(data['verbs'])}))"),
        re.compile(f"(?={alternation(data['determiners'] + data['adverbs'])})"),
    )


@lru_cache(maxsize=4096)
def _kind(char: str) -> str:
    if not char:
        return "edge"
    if char in _STOP:
        return "stop"
    if char.isdigit():
        return "digit"
    if char in "、":
        return "dun"
    if char in "“”\"":
        return "quote"
    if char in "()":
        return "paren"
    if "\u4e00" <= char <= "\u9fff":
        return "han"
    if char.isascii() and char.isalpha():
        return "latin"
    return "space" if char.isspace() else "other"


def _bucket(n: int) -> str:
    return _BUCKETS[n] if n < len(_BUCKETS) else "far"


def _bucket_of(n: int) -> str:
    for bound in (0, 1, 2, 3, 4, 6, 8, 12):
        if n <= bound:
            return str(bound)
    return "far"


_BUCKETS = tuple(_bucket_of(n) for n in range(_CLAUSE_BACK + _MAX_CHARS + 1))


def _clause(folded: str, start: int, end: int) -> tuple[int, int]:
    """The clause around the number: between the punctuation marks before and after it."""
    left = start
    while left > max(0, start - _CLAUSE_BACK) and not _stops(folded, left - 1):
        left -= 1
    right = end
    while right < min(len(folded), end + _GAP_AFTER + _MAX_CHARS) and not _stops(folded, right):
        right += 1
    return left, right


def _stops(folded: str, i: int) -> bool:
    """Whether the character at ``i`` ends a clause: punctuation, but not a decimal point (PM2.5)."""
    char = folded[i]
    if char != ".":
        return char in _STOP
    return not (folded[i - 1 : i].isdigit() and folded[i + 1 : i + 2].isdigit())


def _position(folded: str, p: int, words: tuple[dict, dict], marks: tuple[set, set, set]) -> tuple[str, ...]:
    """What a span boundary at position ``p`` looks like, whichever end of a span it is and on
    whichever side of the number (the caller adds that key and the distance)."""
    ends, starts = words
    verb_ends, verb_starts, opener_starts = marks
    return _features(
        folded[max(0, p - 2) : p], folded[p : p + 2], ends.get(p), starts.get(p), p in verb_ends, p in verb_starts, p in opener_starts
    )


@lru_cache(maxsize=1 << 16)
def _features(
    left2: str, right2: str, before: tuple[str, str] | None, after: tuple[str, str] | None, verb_left: bool, verb_right: bool, opener: bool
) -> tuple[str, ...]:
    """The features of a position, from the two characters on each side, the words that end and
    begin there and the verbs and determiners at it: positions alike are read once."""
    left1, right1 = left2[-1:], right2[:1]
    kind_left, kind_right = _kind(left1), _kind(right1)
    features = [
        f"L1={left1}",
        f"L2={left2}",
        f"R1={right1}",
        f"R2={right2}",
        f"LR={left1}{right1}",
        f"kL={kind_left}",
        f"kR={kind_right}",
        f"kLR={kind_left}{kind_right}",
    ]
    if verb_left:
        features.append("verbL")
    if verb_right:
        features.append("verbR")
    if opener:
        features.append("openerR")
    if before is None and after is None:
        features.append("inword")
        return tuple(features)
    features.append("wb")
    if before is not None:
        features += [f"Lpos={before[1]}", f"Lw={before[0]}"]
    if after is not None:
        features += [f"Rpos={after[1]}", f"Rw={after[0]}"]
    if before is not None and after is not None:
        features.append(f"LRpos={before[1]}{after[1]}")
    return tuple(features)


_PAIRS = {"“": (0, 1), "”": (0, -1), "(": (1, 1), ")": (1, -1)}  # 《》 end the clause (`_STOP`)
_KEYS = ("bs", "be", "as", "ae")


def _always_balanced(a: int, b: int) -> bool:
    return True  # boundary features: the start or end of a span before or after the number
_ZEROS = repeat(0.0)


@dataclass
class _Clause:
    """A number's clause read for measures: the features of every position a measure may start or
    end at (`positions`); `boundary` adds which end of a span it is, on which side (`bs`, `be`,
    `as`, `ae`), and its distance to the number."""

    low: int
    high: int
    start: int
    end: int
    unit: str
    kind: str
    folded: str
    positions: dict[int, tuple[str, ...]]
    # Word boundaries of the segmentation: a span before the number starts at one and a span after
    # it ends at one (grouped CV over the 180 trained-on reports 0.670 → 0.676, test5 0.643 → 0.678).
    cuts: frozenset[int]

    def keyed(self) -> Iterator[tuple[str, int, int]]:
        """(key, position, distance to the number) of every boundary a candidate span may have."""
        for p in self._starts_before:
            yield "bs", p, self.start - p
        for p in self._ends_before():
            yield "be", p, self.start - p
        for p in self._starts_after():
            yield "as", p, p - self.end
        for p in self._ends_after:
            yield "ae", p, p - self.end

    # No span begins or ends with a space: a span before the number starts at a word boundary that
    # is no space and ends anywhere up to the number but after a space; one after it the other way.

    @cached_property
    def _starts_before(self) -> frozenset[int]:
        return frozenset(p for p in self.cuts if p < self.start and not self.folded[p].isspace())

    @cached_property
    def _ends_after(self) -> list[int]:
        return [p for p in range(self.end + 1, self.high + 1) if p in self.cuts and not self.folded[p - 1].isspace()]

    def _ends_before(self) -> Iterator[int]:
        """Where a span before the number may end: up to the number, never after a space."""
        for p in range(max(self.low, self.start - _GAP_BEFORE), self.start + 1):
            if not self.folded[p - 1 : p].isspace():
                yield p

    def _starts_after(self) -> Iterator[int]:
        """Where a span after the number may start: just after it, never at a space."""
        for p in range(self.end, min(self.high, self.end + _GAP_AFTER) + 1):
            if not self.folded[p : p + 1].isspace():
                yield p

    def boundaries(self) -> dict[tuple[str, int], list[str]]:
        return {(key, p): [key + f for f in self.positions[p]] + [f"{key}d={_bucket(d)}"] for key, p, d in self.keyed()}

    def spans(self, side: str) -> Iterator[tuple[int, int]]:
        """(start, end) of every candidate span before the number (side `b`) or after it (`a`);
        a span that opens a quotation, title or bracket closes it (`“一件事` is none)."""
        balance = self._balance
        if side == "b":
            starts = self._starts_before
            for b in self._ends_before():
                for a in range(max(self.low, b - _MAX_CHARS), b):
                    if a in starts and balance(a, b):
                        yield a, b
        else:
            ends = set(self._ends_after)
            for a in self._starts_after():
                for b in range(a + 1, min(self.high, a + _MAX_CHARS) + 1):
                    if b in ends and balance(a, b):
                        yield a, b

    @cached_property
    def _balance(self):
        """Whether ``folded[a:b]`` closes every quotation and bracket it opens and closes none it did
        not open (not `一件事”和“一网通`); every span is, in a window without them."""
        marks = [(p, _PAIRS[char]) for p, char in enumerate(self.folded[self.low : self.high], self.low) if char in _PAIRS]
        if not marks:
            return _always_balanced

        def balanced(a: int, b: int) -> bool:
            depth = [0, 0]
            for p, (which, step) in marks:
                if a <= p < b:
                    depth[which] += step
                    if depth[which] < 0:
                        return False
            return depth == [0, 0]

        return balanced

    def extra(self, a: int, b: int, side: str) -> list[str]:
        """The features of the span as a whole."""
        features = [f"{side}len={_bucket(b - a)}", f"{side}unit={self.unit}", f"{side}kind={self.kind}"]
        if "、" in self.folded[a:b]:
            features.append(f"{side}list")
        return features


def _read_clause(folded: str, start: int, end: int, kind: str) -> _Clause | None:
    left, right = _clause(folded, start, end)
    low = max(left, start - _GAP_BEFORE - _MAX_CHARS)
    high = min(right, end + _GAP_AFTER + _MAX_CHARS)
    if low >= start and high <= end:
        return None
    ends: dict[int, tuple[str, str]] = {}
    starts: dict[int, tuple[str, str]] = {}
    lexicon = _lexicon()
    verb_ends, verb_starts, opener_starts = set(), set(), set()
    # the piece before the number is segmented from a word's length earlier, so that a word the
    # window's edge falls in is read whole
    for piece_start, piece_end in ((max(left, low - MAX_WORD + 1), start), (end, high)):
        for word in segment(folded, piece_start, piece_end):
            entry = (folded[word.start : word.end], word.pos)
            ends[word.end] = entry
            starts[word.start] = entry
        piece = folded[piece_start:piece_end]
        for found in lexicon.verbs.finditer(piece):  # every start, overlapping: the longest verb there
            verb_starts.add(piece_start + found.start())
            verb_ends.add(piece_start + found.end(1))
        opener_starts.update(piece_start + found.start() for found in lexicon.openers.finditer(piece))
    marks = (verb_ends, verb_starts, opener_starts)
    words = (ends, starts)
    cuts = frozenset(p for p in (*ends, *starts) if p >= low)
    clause = _Clause(low, high, start, end, folded[end - 1 : end], kind, folded, {}, cuts)
    clause.positions = {p: _position(folded, p, words, marks) for _, p, _ in clause.keyed()}
    return clause


def candidates(folded: str, start: int, end: int, kind: str) -> list[tuple[int, int, list[str]]]:
    """Every span the number ``folded[start:end]`` may measure, with its features."""
    clause = _read_clause(folded, start, end, kind)
    if clause is None:
        return []
    bounds = clause.boundaries()
    return [(a, b, bounds[side + "s", a] + bounds[side + "e", b] + clause.extra(a, b, side)) for side in "ba" for a, b in clause.spans(side)]


class MeasureModel:
    """Weights of the linear span scorer; `__call__` gives a number's measure from the text."""

    def __init__(self, weights: dict[str, float], bias: float = 0.0) -> None:
        self.weights = weights
        self.bias = bias
        # the boundary weights by key, without it: a position's features are scored for each key
        self._keyed: dict[str, dict[str, float]] = {key: {} for key in _KEYS}
        for name, weight in weights.items():
            if name[:2] in self._keyed:
                self._keyed[name[:2]][name[2:]] = weight
        # the weights of a distance and of a span's length, by side, read once
        self._distance = {
            key: [table.get(f"d={_bucket(n)}", 0.0) for n in range(len(_BUCKETS))] for key, table in self._keyed.items()
        }
        self._memo: dict[tuple[str, tuple[str, ...]], float] = {}  # a boundary's score by key and features
        self._length = {side: [weights.get(f"{side}len={_bucket(n)}", 0.0) for n in range(_MAX_CHARS + 1)] for side in "ba"}

    def best(self, folded: str, start: int, end: int, kind: str) -> tuple[int, int] | None:
        """Offsets of the best-scoring span for the number at ``folded[start:end]``."""
        clause = _read_clause(folded, start, end, kind)
        if clause is None:
            return None
        get = self.weights.get
        # Linear: each boundary is scored once, from its position's features and the weights of
        # its key; a span adds its side's length, unit, kind and list weights (`_Clause.extra`,
        # read here from tables instead of feature strings).
        positions = clause.positions
        scores = {}
        keyed, by_distance = self._keyed, self._distance
        memo = self._memo
        for key, p, distance in clause.keyed():
            features = positions[p]
            score = memo.get((key, features))
            if score is None:
                if len(memo) > 1 << 14:  # a few MB: the boundary contexts of a few hundred reports
                    memo.clear()
                score = memo[key, features] = sum(map(keyed[key].get, features, _ZEROS))
            scores[key, p] = score + by_distance[key][distance]
        lists = [0]
        for char in folded[clause.low : clause.high]:
            lists.append(lists[-1] + (char == "、"))
        low = clause.low
        best, where = float("-inf"), None
        for side in "ba":
            constant = get(f"{side}unit={clause.unit}", 0.0) + get(f"{side}kind={clause.kind}", 0.0)
            by_length = self._length[side]
            listed = get(f"{side}list", 0.0)
            for a, b in clause.spans(side):
                score = scores[side + "s", a] + scores[side + "e", b] + by_length[b - a] + constant
                if lists[b - low] > lists[a - low]:
                    score += listed
                if score > best:
                    best, where = score, (a, b)
        return where

    def __call__(self, text: str, start: int, end: int, kind: str, *, folded: str | None = None) -> str | None:
        folded = fold(text) if folded is None else folded
        if not self.weights:  # a model that learnt nothing: the hand-written reader
            from .quantities import measure_of

            return measure_of(text, start, end, kind, folded=folded)
        where = self.best(folded, start, end, kind)
        if where is None or _not_a_measure(folded[where[0] : where[1]]):
            return None
        return text[where[0] : where[1]]

    def to_dict(self) -> dict:
        return {"format": FORMAT, "bias": self.bias, "weights": {k: self.weights[k] for k in sorted(self.weights)}}

    @classmethod
    def from_dict(cls, data: dict) -> "MeasureModel":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} model")
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data.get("bias", 0.0)))

    def to_disk(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=0), encoding="utf-8")

    @classmethod
    def from_disk(cls, path: str | Path) -> "MeasureModel":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def measure_examples(records: Sequence[dict]) -> Iterator[tuple[str, dict, list[tuple[int, int, list[str]]], int]]:
    """(report id, the number's gold span, its candidates, index of the candidate that is its gold
    measure) for every gold number whose measure is among its candidates (the gold gives the
    measure's text, not its offsets: the candidate of that text nearest the number)."""
    for record in records:
        text = record["text"]
        folded = fold(text)
        for span in record["spans"]:
            gold = span.get("measure")
            if span["label"] not in ("COUNT", "RATE") or not gold:
                continue
            found = candidates(folded, span["start"], span["end"], span["label"].lower())
            matching = [i for i, (a, b, _) in enumerate(found) if text[a:b] == gold]
            if matching:
                yield record["id"], span, found, min(matching, key=lambda i: _distance(found[i], span))


def _distance(candidate: tuple[int, int, list[str]], span: dict) -> int:
    a, b, _ = candidate
    return span["start"] - b if b <= span["start"] else a - span["end"]


def train_measures(records: Sequence[dict], *, c: float = 1.0) -> MeasureModel:
    """Fits the span scorer on the gold measures: a conditional logit, the softmax over each
    number's candidates, so that the gold span is scored above the others of the same number
    (not above every candidate of the corpus), with an L2 penalty of 1/(2c)."""
    import numpy as np
    from scipy.optimize import minimize
    from sklearn.feature_extraction import DictVectorizer

    rows: list[dict[str, int]] = []
    starts: list[int] = []
    gold_rows: list[int] = []
    for _, _, found, gold in measure_examples(records):
        if len(found) < 2:
            continue
        starts.append(len(rows))
        gold_rows.append(len(rows) + gold)
        rows.extend(dict.fromkeys(features, 1) for _, _, features in found)
    if not starts:
        return MeasureModel({})
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows).tocsr()
    offsets = np.array(starts)
    group = np.repeat(np.arange(len(starts)), np.diff(np.append(offsets, len(rows))))
    target = np.zeros(len(rows))
    target[gold_rows] = 1.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        scores = matrix @ w
        top = np.maximum.reduceat(scores, offsets)
        exp = np.exp(scores - top[group])
        total = np.add.reduceat(exp, offsets)
        value = float(np.sum(np.log(total) + top) - scores[gold_rows].sum() + w @ w / (2 * c))
        return value, matrix.T @ (exp / total[group] - target) + w / c

    fitted = minimize(loss, np.zeros(matrix.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    if not fitted.success:
        import warnings

        warnings.warn(f"the measure model did not converge: {fitted.message}", RuntimeWarning, stacklevel=2)
    weights = {name: round(float(w), 5) for name, w in zip(vectorizer.get_feature_names_out(), fitted.x) if abs(w) >= 1e-5}
    return MeasureModel(weights)


def cross_validate_measures(records: Sequence[dict], folds: Iterable[Sequence[str]], *, c: float = 1.0) -> dict:
    """Exact-match accuracy of the measure model out of fold, beside the hand-written reader's
    (in-sample for the reader: its word lists were written on these reports)."""
    from .quantities import measure_of

    by_id = {r["id"]: r for r in records}
    right = rules_right = total = 0
    for group in folds:
        held = set(group)
        model = train_measures([r for r in records if r["id"] not in held], c=c)
        for rid in group:
            record = by_id[rid]
            text, folded = record["text"], fold(record["text"])
            for span in record["spans"]:
                if span["label"] not in ("COUNT", "RATE"):
                    continue
                total += 1
                kind = span["label"].lower()
                gold = span.get("measure")
                right += model(text, span["start"], span["end"], kind, folded=folded) == gold
                rules_right += measure_of(text, span["start"], span["end"], kind, folded=folded) == gold
    return {"n": total, "model": right / total if total else 0.0, "rules": rules_right / total if total else 0.0}
