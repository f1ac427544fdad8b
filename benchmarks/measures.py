"""Accuracy of the measures against the gold: the measure model out of fold (grouped
cross-validation over the trained-on reports, folds by province) beside the hand-written reader
(`lawie.quantities.measure_of`), whose word lists were written while reading these reports'
errors, so that its figure here is in-sample. benchmarks/heldout.py scores the held-out split.

Exact: the same string. Overlapping (the reader only): the two share a contiguous piece of at
least two characters, or one contains the other.

    python benchmarks/measures.py [--errors]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def overlapping(a: str, b: str) -> bool:
    if a in b or b in a:
        return True
    return any(a[i : i + 2] in b for i in range(len(a) - 1))


def main() -> None:
    from lawie.corpus import training_records
    from lawie.measures import cross_validate_measures
    from lawie.normalize import fold
    from lawie.quantities import measure_of

    records, folds = training_records(ROOT / "corpus" / "annotations")  # the trained-on reports: never the held-out split
    exact = overlap = total = 0
    errors = []
    for record in records:
        text, folded = record["text"], fold(record["text"])
        for span in record["spans"]:
            if span["label"] not in ("COUNT", "RATE"):
                continue
            total += 1
            gold = span.get("measure")
            found = measure_of(text, span["start"], span["end"], span["label"].lower(), folded=folded)
            if found == gold:
                exact += 1
                overlap += 1
                continue
            if found and gold and overlapping(found, gold):
                overlap += 1
            errors.append((record["id"][:3], span["text"], gold, found))
    print(f"{len(records)} reports, {total} numbers")
    print(f"hand-written reader (in-sample): exact {exact}/{total} = {exact / total:.3f}; overlapping {overlap}/{total} = {overlap / total:.3f}")
    cv = cross_validate_measures(records, folds or [[r["id"]] for r in records])
    print(f"measure model (grouped {len(folds or records)}-fold CV, out of fold): exact {cv['model']:.3f}")
    if "--errors" in sys.argv:
        for row in errors:
            print(*row, sep="\t")


if __name__ == "__main__":
    main()
