"""Cross-validated accuracy of the shipped design and the baselines, over train + dev.

The folds are those of `corpus/splits.tsv` (grouped by province: each fold is scored by models
trained on the other provinces); the test split is never used here.

Entities: exact-span P/R/F1 per label for the rules alone, the NER alone, the combinations, and
the design `lawie train` ships (the per-label policy with the best cross-validated F1), beside a
plain-regex COUNT/RATE baseline. Roles: item accuracy and confusion for the heading rules, the
classifier alone and the combined classifier, with headings and with headings stripped.

    python benchmarks/accuracy.py            # runs the cross-validation (2 cores)
    python benchmarks/accuracy.py --model    # prints the figures recorded in the shipped model's meta
    python benchmarks/accuracy.py --write    # also writes them to benchmarks/accuracy.md
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def regex_pairs(records: list[dict]) -> list:
    count = re.compile(r"\d+(?:\.\d+)?[万亿]?[余多]?(?:人次|场次|个|项|场|次|人|名|件|宗|起|家|户|处|条|份|元|万元)")
    rate = re.compile(r"\d+(?:\.\d+)?%")
    pairs = []
    for record in records:
        text = record["text"]
        predicted = [(m.start(), m.end(), "RATE") for m in rate.finditer(text)]
        predicted += [(m.start(), m.end(), "COUNT") for m in count.finditer(text) if not any(a < m.end() and m.start() < b for a, b, _ in predicted)]
        gold = [(s["start"], s["end"], s["label"]) for s in record["spans"] if s["label"] in ("COUNT", "RATE")]
        pairs.append((gold, predicted))
    return pairs


def main() -> None:
    from lawie.corpus import read_records, training_records
    from lawie.scoring import format_role_table, format_span_table, span_scores
    from lawie.training import DEFAULT_DESIGN, choose_policy, cross_validate

    records, folds = training_records(ROOT / "corpus" / "annotations")
    if "--model" in sys.argv:
        from lawie.model import packaged_model_path

        meta = json.loads((packaged_model_path() / "meta.json").read_text(encoding="utf-8"))
        records = [r for r in read_records(ROOT / "corpus" / "annotations") if r["id"] in set(meta["corpus"]["reports"])]
        print(f"# Recorded in the shipped model {meta['name']}@{meta['version']} ({meta['date']}, corpus {meta['corpus']['hash']})\n")
        print(f"Method: {meta['cv']['method']}. Entity policy: {meta['entity_policy']}\n")
        print(format_span_table(span_scores(regex_pairs(records)), "plain regex (COUNT/RATE)"))
        for name, table in meta["cv"]["entities"].items():
            print()
            print(format_span_table(table, name))
        for name, score in meta["cv"]["roles"].items():
            confusion = {tuple(key.split(">")): n for key, n in score["confusion"].items()}
            print(f"\n## roles: {name}\n")
            print(format_role_table({"accuracy": score["accuracy"], "n": score["n"], "confusion": confusion}))
        return
    started = time.perf_counter()
    cv = cross_validate(records, DEFAULT_DESIGN, folds=folds, workers=2, progress=lambda m: print(m, file=sys.stderr))
    out = [f"# Cross-validation ({cv['method']}, by province), {len(records)} reports of train + dev ({time.perf_counter() - started:.0f}s)\n",
           f"Entity policy chosen: {choose_policy(cv)}\n",
           format_span_table(span_scores(regex_pairs(records)), "plain regex (COUNT/RATE)")]
    for name in ("shipped", "rules", "ner-only", "model", "model+rules", "rules+model"):
        out += ["", format_span_table(cv["entities"][name], name)]
    for name, score in cv["roles"].items():
        out += [f"\n## roles: {name}\n", format_role_table(score)]
    text = "\n".join(out) + "\n"
    print(text)
    if "--write" in sys.argv:
        (ROOT / "benchmarks" / "accuracy.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
