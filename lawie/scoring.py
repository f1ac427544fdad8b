"""Scores against the gold corpus: exact-span precision, recall and F1 per label, and item-role
accuracy with a confusion matrix. Used by `lawie evaluate`, the training workflow and benchmarks."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from .report import LABELS, ROLES

__all__ = ["span_scores", "role_scores", "format_span_table", "format_role_table"]


def span_scores(pairs: Iterable[tuple[Iterable[tuple[int, int, str]], Iterable[tuple[int, int, str]]]]) -> dict[str, dict[str, float]]:
    """Per-label and micro P/R/F1 over (gold spans, predicted spans) pairs, exact match."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for gold, pred in pairs:
        gold, pred = set(gold), set(pred)
        for span in gold & pred:
            tp[span[2]] += 1
        for span in pred - gold:
            fp[span[2]] += 1
        for span in gold - pred:
            fn[span[2]] += 1
    table: dict[str, dict[str, float]] = {}
    for label in list(LABELS) + ["ALL"]:
        if label == "ALL":
            t, p, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
        else:
            t, p, n = tp[label], fp[label], fn[label]
        precision = t / (t + p) if t + p else 0.0
        recall = t / (t + n) if t + n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {"p": precision, "r": recall, "f": f1, "support": t + n}
    return table


def role_scores(pairs: Iterable[tuple[str, str]]) -> dict:
    """Accuracy and confusion (gold → predicted counts) over (gold role, predicted role) pairs."""
    confusion: Counter = Counter()
    total = correct = 0
    for gold, pred in pairs:
        confusion[(gold, pred)] += 1
        total += 1
        correct += gold == pred
    return {"accuracy": correct / total if total else 0.0, "n": total, "confusion": confusion}


def format_span_table(scores: dict[str, dict[str, float]], title: str = "") -> str:
    lines = [f"| {title or 'label'} | P | R | F1 | n |", "| --- | --- | --- | --- | --- |"]
    for label, row in scores.items():
        lines.append(f"| {label} | {row['p']:.3f} | {row['r']:.3f} | {row['f']:.3f} | {row['support']} |")
    return "\n".join(lines)


def format_role_table(scores: dict) -> str:
    confusion = scores["confusion"]
    lines = [f"accuracy {scores['accuracy']:.3f} over {scores['n']} items", "",
             "| gold \\ predicted | " + " | ".join(ROLES) + " |", "|" + " --- |" * (len(ROLES) + 1)]
    for gold in ROLES:
        lines.append(f"| {gold} | " + " | ".join(str(confusion.get((gold, pred), 0)) for pred in ROLES) + " |")
    return "\n".join(lines)
