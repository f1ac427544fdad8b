"""The trained model at run time: the spaCy entity pipeline, the item-role classifier, and the
policy that combines them with the rules.

A model directory (format `lawie-model/1`) holds:

    meta.json      name, version, lawie version, corpus hash, date, design, cross-validated scores
    entities/      a spaCy pipeline (tok2vec + ner) over character tokens of the folded text
    roles/         a spaCy pipeline (textcat) over "heading path ‖ item text"
    combiner.json  weights of the linear layer that combines the role classifier with heading cues

Entities are predicted segment by segment (lines of the report body, long lines cut at sentence
ends), so memory stays bounded and spaCy's max_length never applies to the whole report.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Sequence

from .errors import ModelError
from .measures import MeasureModel
from .quotes import QuoteJudge
from .report import ROLES
from .spans import SpanSet

__all__ = ["TrainedModel", "segments", "ner_spans", "role_input", "combine", "NAME_POLICIES", "SEGMENT_CHARS"]

SEGMENT_CHARS = 1000  # a longer line is cut at the last sentence end before this many characters

def segments(text: str, regions: Sequence[tuple[int, int]], limit: int = SEGMENT_CHARS) -> list[tuple[int, int]]:
    """Cuts regions into lines, and lines longer than ``limit`` at sentence ends (or hard)."""
    out: list[tuple[int, int]] = []
    for region_start, region_end in regions:
        start = region_start
        while start < region_end:
            newline = text.find("\n", start, region_end)
            line_end = region_end if newline < 0 else newline
            _cut(text, start, line_end, limit, out)
            start = line_end + 1
    return [(s, e) for s, e in out if text[s:e].strip()]


def _cut(text: str, start: int, end: int, limit: int, out: list[tuple[int, int]]) -> None:
    while end - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(mark) for mark in "。;!?")
        if cut < limit // 4:
            cut = max(window.rfind(mark) for mark in ",、 ")
        piece_end = start + (cut + 1 if cut >= limit // 4 else limit)
        out.append((start, piece_end))
        start = piece_end
    if end > start:
        out.append((start, end))


def ner_spans(nlp, folded: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """An entity pipeline's spans over the regions of a folded text, segment by segment."""
    pieces = segments(folded, regions)
    spans: list[tuple[int, int, str]] = []
    for (start, _), doc in zip(pieces, nlp.pipe((folded[s:e] for s, e in pieces), batch_size=64)):
        spans.extend((start + ent.start_char, start + ent.end_char, ent.label_) for ent in doc.ents)
    return spans


def role_input(heading: Sequence[str], text: str, *, max_chars: int = 400) -> str:
    """What the role classifier reads: the heading path, a separator, and the item's text."""
    return " ‖ ".join(heading) + " ‖ " + text[:max_chars]


class TrainedModel:
    """A loaded lawie model directory."""

    def __init__(self, path: Path, meta: dict) -> None:
        import spacy

        self.path = Path(path)
        self.meta = meta
        self.name = f"{meta.get('name', 'lawie')}@{meta.get('version', '0')}"
        self.policy = dict(meta.get("entity_policy", {"ORG": "rules", "INITIATIVE": "rules"}))
        self.nlp = None
        entities_path = self.path / "entities"
        if any(rule != "rules" for rule in self.policy.values()):
            if not (entities_path / "config.cfg").is_file():
                raise ModelError(f"{self.path}: the entity policy uses the NER but there is no entities/config.cfg")
            try:
                self.nlp = spacy.load(entities_path)
            except Exception as error:  # spaCy raises many kinds for damaged directories
                raise ModelError(f"{entities_path}: cannot load the entity pipeline ({error})") from error
            _keep_characters(self.nlp)
            _fast_char_tokenizer(self.nlp)
        roles_path = self.path / "roles"
        self.roles_nlp = None
        self.combiner = None
        if (roles_path / "config.cfg").is_file():
            try:
                self.roles_nlp = spacy.load(roles_path)
            except Exception as error:
                raise ModelError(f"{roles_path}: cannot load the role classifier ({error})") from error
            _keep_characters(self.roles_nlp)
            _fast_char_tokenizer(self.roles_nlp)
            combiner_path = self.path / "combiner.json"
            if combiner_path.is_file():
                self.combiner = json.loads(combiner_path.read_text(encoding="utf-8"))
        self.has_roles = self.roles_nlp is not None
        self.quote_judge = self._linear("quotes.json", QuoteJudge, "quote model")
        self.measure_model = self._linear("measures.json", MeasureModel, "measure model")

    def _linear(self, name: str, kind, what: str):
        """A linear model of the directory (`kind.from_disk`), or None when the directory has none."""
        path = self.path / name
        if not path.is_file():
            return None
        try:
            return kind.from_disk(path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:  # damaged JSON of any shape
            raise ModelError(f"{path}: unreadable {what} ({error})") from error

    # ------------------------------------------------------------------ entities

    def model_spans(self, folded: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """The NER's spans over the body, offsets into the whole text (none without a NER)."""
        if self.nlp is None:
            return []
        with self.nlp.memory_zone():
            return ner_spans(self.nlp, folded, regions)

    # ------------------------------------------------------------------ roles

    def role_probabilities(self, inputs: Sequence[str]) -> list[dict[str, float]]:
        with self.roles_nlp.memory_zone():
            return [dict(doc.cats) for doc in self.roles_nlp.pipe(inputs, batch_size=64)]

    def roles(self, text: str, structure) -> list[tuple[str, float]]:
        from .normalize import fold
        from .structure import PAGE_KINDS, heading_role

        items = structure.items
        # page lines, the title and the preamble are `other` by rule (`combine_role`): not classified
        classified = [index for index, item in enumerate(items) if item.kind not in PAGE_KINDS and item.role != "other"]
        inputs = [fold(role_input(items[i].heading, text[items[i].start : items[i].end])) for i in classified]
        out = [("other", 1.0)] * len(items)
        for index, cats, role_text in zip(classified, self.role_probabilities(inputs), inputs):
            item = items[index]
            cue = _nearest_cue(item.heading, heading_role)
            out[index] = combine_role(cats, cue, item.role, self.combiner, item_body(role_text))
        return out


class _CharTokenizer:
    """spaCy's Chinese character segmentation, token for token, without its general realignment
    of words to text (a third of the role classifier's time): one token per character, a run of
    whitespace one token, a single space after a character its trailing space."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        i, n = 0, len(text)
        while i < n:
            if text[i].isspace():
                j = i + 1
                while j < n and text[j].isspace():
                    j += 1
                words.append(text[i:j])
                spaces.append(False)
                i = j
                continue
            words.append(text[i])
            i += 1
            if i < n and text[i] == " ":
                spaces.append(True)
                i += 1
            else:
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


def _fast_char_tokenizer(nlp) -> None:
    """Swaps in `_CharTokenizer` where the pipeline segments Chinese by character."""
    if str(getattr(nlp.tokenizer, "segmenter", "")) in ("char", "Segmenter.char"):
        nlp.tokenizer = _CharTokenizer(nlp.vocab)


def _keep_characters(nlp) -> None:
    """Makes the lexemes of the characters the model was trained on permanent. Inside
    `memory_zone()` (which keeps a long run's memory flat) every new lexeme is transient, so
    without this each report would build the same few thousand character lexemes again."""
    for string in list(nlp.vocab.strings):
        if len(string) == 1:
            nlp.vocab[string]


def _nearest_cue(heading: Sequence[str], heading_role) -> str | None:
    for name in reversed(heading):
        role = heading_role(name)
        if role:
            return role
    return None


def role_features(cats: dict[str, float], cue: str | None, rule_role: str, text: str = "") -> list[float]:
    """Classifier probabilities, the nearest heading cue and the rule role (one-hot each), and
    the text's own cue words per role (how many, capped at 3; `rules/roles.json`)."""
    features = [cats.get(role, 0.0) for role in ROLES]
    features += [1.0 if cue == role else 0.0 for role in ROLES]
    features += [1.0 if rule_role == role else 0.0 for role in ROLES]
    cues = _text_cues()
    features += [min(3, len(cues[role].findall(text))) / 3 if role in cues else 0.0 for role in ROLES]
    return features


_TEXT_CUES: dict | None = None


def _text_cues() -> dict:
    global _TEXT_CUES
    if _TEXT_CUES is None:
        import re

        from .resources import load_rules

        _TEXT_CUES = {role: re.compile(pattern) for role, pattern in load_rules("roles")["text_cues"].items()}
    return _TEXT_CUES


def item_body(role_text: str) -> str:
    """The item's own text within a role-classifier input (after the last separator)."""
    return role_text.rsplit(" ‖ ", 1)[-1]


def combine_role(
    cats: dict[str, float], cue: str | None, rule_role: str, combiner: dict | None, text: str = ""
) -> tuple[str, float]:
    """The item's role and its probability: the linear combiner when trained, else the classifier.

    The structure's `other` is kept: only a preamble gets it, and of the corpus's 366 preamble
    items 360 are `other` in the gold, 4 `achievement` (a summary before the first heading is no
    item of work, whatever achievements it names; the classifier read 3 of them as work)."""
    if rule_role == "other":
        return "other", 1.0
    if combiner is None:
        role = max(cats, key=cats.get) if cats else rule_role
        return role, float(cats.get(role, 1.0))
    features = role_features(cats, cue, rule_role, text)
    scores = []
    for row, bias in zip(combiner["weights"], combiner["bias"]):
        scores.append(sum(w * x for w, x in zip(row, features)) + bias)
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    best = max(range(len(scores)), key=scores.__getitem__)
    return combiner["classes"][best], exps[best] / total


NAME_POLICIES = ("rules", "model", "model+rules", "rules+model")


def combine(
    model: list[tuple[int, int, str]],
    number_rules: list[tuple[int, int, str]],
    name_rules: list[tuple[int, int, str]],
    *,
    policy: dict[str, str] | str = "rules",
) -> list[tuple[int, int, str]]:
    """Combines rule and model spans, label by label (the declared entity policy).

    COUNT and RATE always come from the rules (exact). For ORG and INITIATIVE the policy says
    where spans come from: "rules", "model", "model+rules" (model first, rules fill in where the
    model found nothing overlapping) or "rules+model". Initiatives are placed before bodies, since
    a titled or quoted name may contain a body's name. Spans never overlap.
    """
    if isinstance(policy, str):
        policy = {"ORG": policy, "INITIATIVE": policy}
    chosen: SpanSet[str] = SpanSet()
    for start, end, label in number_rules:
        chosen.add(start, end, label)
    for label in ("INITIATIVE", "ORG"):
        rule = policy.get(label, "rules")
        if rule not in NAME_POLICIES:
            raise ValueError(f"unknown entity policy {rule!r} for {label}; expected one of {NAME_POLICIES}")
        from_model = [s for s in sorted(model) if s[2] == label]
        from_rules = [s for s in name_rules if s[2] == label]
        sources = {"rules": [from_rules], "model": [from_model], "model+rules": [from_model, from_rules], "rules+model": [from_rules, from_model]}[rule]
        for source in sources:
            for start, end, span_label in source:
                chosen.add(start, end, span_label)
    return list(chosen)
