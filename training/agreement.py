"""Agreement between the two independent annotation passes kept in `corpus/agreement/`.

Each pass is a folder of `<report id>.json` files holding what that pass annotated: `spans`
(entities, with the measures of COUNT/RATE), `items` (extents and roles) and/or `meta`. For every
report both passes annotated, this prints exact-span F1 per label, the agreement on measures of the
numbers both marked, item extents, item roles (with Cohen's kappa) on the items both cut alike, and
meta, and the number of differences of each kind (`--differences` lists them). The first pass is
the reference for precision/recall (F1 is symmetric).

    python training/agreement.py [--group seeds|pool|fresh|test3|test4|test5|test6|test7|test8] [--differences]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = ROOT / "corpus" / "agreement"
LABELS = ("COUNT", "RATE", "ORG", "INITIATIVE")


def load(folder: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def compare(first: dict[str, dict], second: dict[str, dict], ids: list[str]) -> dict:
    from lawie.scoring import span_scores

    span_pairs = []
    measures = [0, 0]
    roles: list[tuple[str, str]] = []
    extents = [0, 0, 0]
    meta = Counter()
    differences = []
    for rid in ids:
        a, b = first[rid], second[rid]
        if "spans" in a and "spans" in b:
            sa = {(s["start"], s["end"], s["label"]): s for s in a["spans"]}
            sb = {(s["start"], s["end"], s["label"]): s for s in b["spans"]}
            span_pairs.append((set(sa), set(sb)))
            for key in sorted(set(sa) ^ set(sb)):
                differences.append((rid, "span", "first only" if key in sa else "second only", key[2], (sa.get(key) or sb.get(key))["text"]))
            for key in sorted(set(sa) & set(sb)):
                if key[2] in ("COUNT", "RATE") and "measure" in sa[key] and "measure" in sb[key]:
                    measures[1] += 1
                    if sa[key]["measure"] == sb[key]["measure"]:
                        measures[0] += 1
                    else:
                        differences.append((rid, "measure", sa[key]["text"], sa[key]["measure"], sb[key]["measure"]))
        if "items" in a and "items" in b:
            ia = {(i["start"], i["end"]): i["role"] for i in a["items"]}
            ib = {(i["start"], i["end"]): i["role"] for i in b["items"]}
            extents[0] += len(set(ia) & set(ib))
            extents[1] += len(ia)
            extents[2] += len(ib)
            for key in sorted(set(ia) & set(ib)):
                roles.append((ia[key], ib[key]))
                if ia[key] != ib[key]:
                    differences.append((rid, "role", f"{key[0]}:{key[1]}", ia[key], ib[key]))
            for key in sorted(set(ia) ^ set(ib)):
                differences.append((rid, "item extent", "first only" if key in ia else "second only", f"{key[0]}:{key[1]}", (ia.get(key) or ib.get(key))))
        if "meta" in a and "meta" in b:
            meta["reports"] += 1
            for field in ("org", "year", "org_names"):
                same = a["meta"].get(field) == b["meta"].get(field) if field != "org_names" else set(a["meta"].get(field, [])) == set(b["meta"].get(field, []))
                meta[field] += same
                if not same:
                    differences.append((rid, "meta", field, a["meta"].get(field), b["meta"].get(field)))
    table = span_scores(span_pairs)
    counts = {label: (sum(1 for x, _ in span_pairs for k in x if k[2] == label), sum(1 for _, y in span_pairs for k in y if k[2] == label)) for label in LABELS}
    entities = {}
    for label in (*LABELS, "ALL"):
        first_n, second_n = counts[label] if label != "ALL" else (sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values()))
        entities[label] = {"f1": table[label]["f"], "first": first_n, "second": second_n, "both": round(table[label]["r"] * first_n)}
    return {
        "reports": len(ids),
        "entities": entities,
        "measures": measures,
        "items": {"same_extent": extents[0], "first": extents[1], "second": extents[2]},
        "roles": {"agree": sum(a == b for a, b in roles), "n": len(roles), "kappa": kappa(roles)},
        "meta": dict(meta),
        "differences": differences,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--group", choices=["seeds", "pool", "fresh", "test3", "test4", "test5", "test6", "test7", "test8"], default=None)
    parser.add_argument("--differences", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    for group in [args.group] if args.group else ["seeds", "pool", "fresh", "test3", "test4", "test5", "test6", "test7", "test8"]:
        first, second = load(AGREEMENT / group / "first"), load(AGREEMENT / group / "second")
        ids = sorted(set(first) & set(second))
        result = compare(first, second, ids)
        print(f"\n## {group}: {len(ids)} reports annotated twice ({', '.join(ids)})\n")
        print("| label | first pass | second pass | both | exact-span F1 |")
        print("| --- | --- | --- | --- | --- |")
        for label, row in result["entities"].items():
            if row["first"] or row["second"]:
                print(f"| {label} | {row['first']} | {row['second']} | {row['both']} | {row['f1']:.3f} |")
        m, it, r = result["measures"], result["items"], result["roles"]
        if m[1]:
            print(f"\nmeasures of the numbers both marked: {m[0]}/{m[1]} = {m[0] / m[1]:.3f} identical")
        if it["first"]:
            print(f"items: {it['same_extent']} cut alike of {it['first']} / {it['second']}")
            print(f"roles on the items cut alike: {r['agree']}/{r['n']} = {r['agree'] / r['n']:.3f}, Cohen's kappa {r['kappa']:.3f}")
        if result["meta"]:
            mt = result["meta"]
            print(f"meta: org identical {mt.get('org', 0)}/{mt['reports']}, year identical {mt.get('year', 0)}/{mt['reports']}, org_names identical {mt.get('org_names', 0)}/{mt['reports']}")
        kinds = Counter(row[1] for row in result["differences"])
        print(f"differences: {len(result['differences'])} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})")
        if args.differences:
            for row in result["differences"]:
                print("  ", *row, sep="\t")


if __name__ == "__main__":
    main()
