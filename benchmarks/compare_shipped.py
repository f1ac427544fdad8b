"""The shipped model beside a retrained one, on the reports the retrained one was cross-validated on.

The retrained model's figures are the cross-validated ones recorded in its `meta.json` (each
report scored by a model trained without its fold). The shipped model is scored directly on the
same train + dev reports: it never saw the pool reports among them, but it was trained on the
five seeds, so its figure is, if anything, flattered. A retrained model is worth shipping only if
it loses on no figure.

    python benchmarks/compare_shipped.py training/output/model
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shipped_role_accuracy(records: list[dict]) -> dict[str, float]:
    import spacy

    from lawie.model import packaged_model_path
    from lawie.pipeline import combine_role, item_body
    from lawie.training import role_rows

    path = packaged_model_path()
    classifier = spacy.load(path / "roles")
    combiner = json.loads((path / "combiner.json").read_text(encoding="utf-8"))
    result = {}
    for name, strip in (("combined", False), ("combined, no headings", True)):
        rows = role_rows(records, strip_headings=strip)
        right = 0
        for row, doc in zip(rows, classifier.pipe([r.input for r in rows])):
            role = combine_role(dict(doc.cats), row.cue, row.rule_role, combiner, item_body(row.input))[0]
            right += role == row.gold
        result[name] = right / len(rows)
    return result


def shipped_entity_scores(records: list[dict]) -> dict:
    import lawie
    from lawie.scoring import span_scores

    extractor = lawie.load()
    pairs = []
    for record in records:
        report = extractor.extract(record["text"])
        pairs.append(([(s["start"], s["end"], s["label"]) for s in record["spans"]], [(e.start, e.end, e.label) for e in report.entities]))
    return span_scores(pairs)


def main() -> None:
    from lawie.corpus import training_records

    new = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "training" / "output" / "model")
    meta = json.loads((new / "meta.json").read_text(encoding="utf-8"))
    records, _ = training_records(ROOT / "corpus" / "annotations")
    if sorted(meta["corpus"]["reports"]) != sorted(r["id"] for r in records):
        raise SystemExit(f"{new} was not cross-validated on the train + dev reports of this corpus")
    shipped = json.loads((ROOT / "lawie" / "model" / "meta.json").read_text(encoding="utf-8"))
    print(f"{len(records)} reports; retrained {meta['name']}@{meta['version']} ({meta['cv']['method']}, policy {meta['entity_policy']}); shipped policy {shipped['entity_policy']}\n")
    print("| figure | shipped model on these reports | retrained design, cross-validated |")
    print("| --- | --- | --- |")
    roles = shipped_role_accuracy(records)
    for name in ("combined", "combined, no headings"):
        print(f"| item roles, {name} | {roles[name]:.3f} | {meta['cv']['roles'][name]['accuracy']:.3f} |")
    entities = shipped_entity_scores(records)
    chosen = meta["cv"]["entities"]["shipped"]
    for label in ("COUNT", "RATE", "ORG", "INITIATIVE", "ALL"):
        source = f" ({meta['entity_policy'].get(label, 'rules')})" if label != "ALL" else ""
        print(f"| {label} F1 | {entities[label]['f']:.3f} | {chosen[label]['f']:.3f}{source} |")


if __name__ == "__main__":
    main()
