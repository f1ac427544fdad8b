"""Whether a quoted phrase names a programme: a small linear model over what the phrase is made
of and what stands around it, learnt from the corpus.

The rules of `names.py` find every quoted phrase and the head noun that belongs to it; whether
`“一窗受理”` is a named practice and `“硬支撑”` a metaphor is a judgement that lists of words seen
once do not carry to new reports. The model reads character n-grams of the phrase, its length and
punctuation, the word before it and the head noun after it, and the guideline's grammatical
exclusions (formulas, periods, honours, service modes, commemorative days) as features. It is
trained by `lawie train` (`train_judge`) and shipped as `quotes.json` in the model directory.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Iterable, Iterator, Sequence

__all__ = ["QuoteJudge", "quote_features", "quote_examples", "train_judge"]

_DIGIT = re.compile(r"[0-9０-９]")
_CN_NUMERAL = "一二三四五六七八九十两百千万"
_MARKS = "、,，;；:："


def _length(n: int) -> str:
    for bound, name in ((1, "1"), (2, "2"), (3, "3"), (4, "4"), (6, "5-6"), (10, "7-10"), (16, "11-16")):
        if n <= bound:
            return name
    return "17+"


def quote_features(match: re.Match, rules) -> list[str]:
    """The features of one quoted phrase (a match of the rules' quoted pattern on folded text)."""
    text = match.string
    name = match.group("name")
    plain = _DIGIT.sub("0", name)
    head = match.group("head")
    opened = match.start("name") - 1
    closed = match.end("name") + 1
    before = text[max(0, opened - 2) : opened]
    after = text[closed : closed + 1]
    features = [f"len={_length(len(name))}", f"before1={before[-1:]}", f"before2={before}"]
    features += [f"c1={c}" for c in set(plain)]
    features += [f"c2={plain[i:i + 2]}" for i in range(len(plain) - 1)]
    features += [f"first={plain[:1]}", f"last={plain[-1:]}", f"last2={plain[-2:]}"]
    if head is not None:
        features += ["head", f"head={head}"]
        if match.group("desc"):
            features.append("descriptor")
    else:
        features += ["no_head", f"after={after}"]
    if match.group("prefix"):
        features.append("prefix")
    if any(mark in name for mark in _MARKS):
        features.append("list_or_sentence")
    if _DIGIT.search(name):
        features.append("digits")
    if name[:1] in _CN_NUMERAL:
        features.append("numeral_first")
    if rules.numbered_set.match(name):
        features.append("numbered_set")
    if rules.commemorative_content.search(name) or rules.commemorative.match(text, closed):
        features.append("commemorative")
    for kind, pattern in rules.quote_kinds:
        if pattern.search(name):
            features.append(f"kind={kind}")
    return features


class QuoteJudge:
    """A trained linear model: P(the quoted phrase names a programme) from its features."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float = 0.5) -> None:
        self.weights, self.bias, self.threshold = weights, bias, threshold

    def probability(self, features: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-score))

    def __call__(self, features: Iterable[str]) -> bool:
        return self.probability(features) >= self.threshold

    def to_dict(self) -> dict:
        return {"format": "lawie-quotes/1", "bias": self.bias, "threshold": self.threshold, "weights": self.weights}

    @classmethod
    def from_dict(cls, data: dict) -> "QuoteJudge":
        if not isinstance(data, dict) or data.get("format") != "lawie-quotes/1":
            raise ValueError("not a lawie quote model (format lawie-quotes/1)")
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]), float(data.get("threshold", 0.5)))

    def to_disk(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")

    @classmethod
    def from_disk(cls, path: str | Path) -> "QuoteJudge":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def quote_examples(records: Sequence[dict]) -> Iterator[tuple[str, list[str], bool]]:
    """(report id, features, names a programme) for every quoted phrase of the gold records outside
    a 《》 title (titles are the rules' to read): a phrase names one when a gold INITIATIVE span
    covers its quotation marks."""
    from .names import _rules
    from .normalize import fold

    rules = _rules()
    for record in records:
        folded = fold(record["text"])
        spans = [(s["start"], s["end"]) for s in record["spans"] if s["label"] == "INITIATIVE"]
        titles = [(m.start(), m.end()) for m in rules.titled.finditer(folded)]
        for match in rules.quoted.finditer(folded):
            opened, closed = match.start("name") - 1, match.end("name") + 1
            if any(start <= opened and closed <= end for start, end in titles):
                continue
            positive = any(start <= opened and closed <= end for start, end in spans)
            yield record["id"], quote_features(match, rules), positive


def train_judge(records: Sequence[dict], *, c: float = 1.0) -> QuoteJudge:
    """A judge fitted on the quoted phrases of the records (logistic regression, scikit-learn)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    examples = list(quote_examples(records))
    if len({label for _, _, label in examples}) < 2:  # nothing to tell apart: always the one answer seen
        return QuoteJudge({}, 4.0 if examples and examples[0][2] else -4.0)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in features} for _, features, _ in examples])
    y = [label for _, _, label in examples]
    model = LogisticRegression(C=c, max_iter=5000, random_state=0)
    model.fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights = {str(names[i]): round(float(w), 6) for i, w in enumerate(model.coef_[0]) if abs(w) > 1e-6}
    return QuoteJudge(weights, round(float(model.intercept_[0]), 6))
