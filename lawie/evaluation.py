"""`lawie evaluate`: a model's scores on a corpus, and the difference against the shipped model.

Scores of a model on reports it was trained on measure fit, not accuracy, and are labelled so;
`--cv` retrains the model's design on the folds of the corpus split (grouped by province) and gives
the figures to report.
"""

from __future__ import annotations

from typing import Callable, Sequence

from .report import LABELS
from .scoring import format_role_table, format_span_table, role_scores, span_scores

__all__ = ["evaluate_model", "score_extractor"]


def score_extractor(extractor, records: Sequence[dict]) -> tuple[dict, dict]:
    """(entity scores, role scores) of an Extractor on gold records."""
    span_pairs, role_pairs = [], []
    for record in records:
        report = extractor.extract(record["text"])
        span_pairs.append(([(s["start"], s["end"], s["label"]) for s in record["spans"]], [(e.start, e.end, e.label) for e in report.entities]))
        predicted = {(i.start, i.end): i.role for i in report.items}
        role_pairs.extend((item["role"], predicted.get((item["start"], item["end"]), "missing")) for item in record["items"])
    return span_scores(span_pairs), role_scores(role_pairs)


def evaluate_model(
    records: Sequence[dict],
    *,
    model: str | None,
    cv: bool,
    folds: Sequence[Sequence[str]] | None = None,
    progress: Callable[[str], None] | None = None,
) -> str:
    """The evaluation report as Markdown text."""
    from .extractor import Extractor
    from .training import Design, cross_validate

    extractor = Extractor(model)
    lines = [f"# Evaluation of {extractor.model_name} on {len(records)} report(s)", ""]
    meta = getattr(getattr(extractor, "_model", None), "meta", None) or {}
    if cv:
        design_data = meta.get("design", {})
        design = Design(
            ner_labels=tuple(design_data.get("ner_labels", ("ORG", "INITIATIVE"))),
            ner_config=design_data.get("ner_config", "ner_rulefeats.cfg"),
            roles_config=design_data.get("roles_config", "roles.cfg"),
            seed=design_data.get("seed", 42),
        )
        result = cross_validate(records, design, folds=folds, progress=progress)
        lines.append(f"Cross-validation, {result['method']} (each report scored by a model trained without its fold).")
        for name, table in result["entities"].items():
            lines += ["", format_span_table(table, name)]
        for name, score in result["roles"].items():
            lines += ["", f"## roles: {name}", format_role_table(score)]
        if meta.get("cv"):
            lines += ["", "## difference against the model's recorded cross-validated scores (F1)"]
            policy = meta.get("entity_policy", {})
            lines.append(f"(entity policy {policy}; the rules row is the shipped design where the policy is rules)")
            recorded = meta["cv"]["entities"].get("rules", {})
            current = result["entities"].get("rules", {})
            for label in LABELS:
                if label in recorded and label in current:
                    lines.append(f"- {label}: {current[label]['f'] - recorded[label]['f']:+.3f}")
        return "\n".join(lines)
    trained_on = set(meta.get("corpus", {}).get("reports", []))
    seen = [r["id"] for r in records if r["id"] in trained_on]
    entities, roles = score_extractor(extractor, records)
    if seen:
        lines.append(
            f"NOTE: the model was trained on {len(seen)} of these reports; these figures measure fit, "
            "not accuracy. Use --cv for cross-validated figures."
        )
    lines += ["", format_span_table(entities, "entities"), "", "## roles", format_role_table(roles)]
    if model is not None:
        shipped = Extractor(None)
        base_entities, base_roles = score_extractor(shipped, records)
        lines += ["", f"## difference against the shipped model ({shipped.model_name})"]
        for label in list(LABELS) + ["ALL"]:
            lines.append(f"- {label} F1: {entities[label]['f'] - base_entities[label]['f']:+.3f}")
        lines.append(f"- role accuracy: {roles['accuracy'] - base_roles['accuracy']:+.3f}")
    return "\n".join(lines)
