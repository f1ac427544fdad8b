"""Scores an extractor on corpus reports against their gold annotations, through the public API only.

Entities: exact span and label, P/R/F1 per label. Roles: each gold item takes the role of the
predicted item that covers most of it ("missing" when none does), so a different segmentation is
not scored as a wrong role. Quantities: for each gold COUNT/RATE, the predicted quantity with the
same offsets; its value (where the gold gives one) and its measure (exact, or overlapping: one
contains the other or they share two characters in a row). Meta: the reporting body (right when,
folded to simplified characters, it is the gold `org` or one of `org_names`) and the year reported.

It reads the corpus files directly (plain JSON) and uses only `lawie.load()`, so the same script
scores any version of lawie — the out-of-sample baseline was made by running it with an older
checkout on the path:

    python benchmarks/heldout.py --reports pool                 # the 103 pool reports
    python benchmarks/heldout.py --reports test                 # the first test split (spent: its errors have been read)
    python benchmarks/heldout.py --reports test8                # the held-out split (test to test7 are spent, see corpus/README.md)
    git worktree add /tmp/base 1007762 && PYTHONPATH=/tmp/base python benchmarks/heldout.py --reports pool
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
LABELS = ("COUNT", "RATE", "ORG", "INITIATIVE")
ROLES = ("achievement", "problem", "plan", "rectification", "leadership", "other")


def load_records(which: str) -> list[dict]:
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "annotations").glob("*.jsonl"))]
    if which == "all":
        return records
    if which.startswith("pool"):
        records = [r for r in records if r["meta"]["source"].startswith("pool/")]
        if which == "pool":
            return records
        which = which.removeprefix("pool:")
    if which == "seeds":
        return [r for r in records if r["meta"]["source"].startswith("seeds/")]
    split = {}
    for line in (CORPUS / "splits.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        rid, name = line.split("\t")[:2]
        split[rid] = name
    wanted = set(which.split("+"))
    return [r for r in records if split.get(r["id"]) in wanted]


def overlapping(a: str, b: str) -> bool:
    if a in b or b in a:
        return True
    return any(a[i : i + 2] in b for i in range(len(a) - 1))


def _cell(value) -> str:
    """A TSV cell on one line: tabs and line breaks of the text do not split the row."""
    return str(value).replace("\t", " ").replace("\n", "⏎")


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "n": n_gold, "pred": n_pred, "tp": tp}


def score(records: list[dict], extract, fold) -> tuple[dict, list]:
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    role_pairs: list[tuple[str, str]] = []
    values = [0, 0]
    measures = [0, 0, 0]
    meta = {"org": [0, 0], "year": [0, 0]}
    errors: list = []
    for record in records:
        text = record["text"]
        report = extract(text)
        gold = {(s["start"], s["end"], s["label"]) for s in record["spans"]}
        pred = {(e.start, e.end, e.label) for e in report.entities}
        for label in LABELS:
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            tp[label] += len(g & p)
            n_gold[label] += len(g)
            n_pred[label] += len(p)
        for start, end, label in sorted(gold ^ pred):
            errors.append((record["id"], "missed" if (start, end, label) in gold else "spurious", label, text[start:end]))
        for item in record["items"]:
            best, role = 0, "missing"
            for predicted in report.items:
                overlap = min(item["end"], predicted.end) - max(item["start"], predicted.start)
                if overlap > best:
                    best, role = overlap, predicted.role
            role_pairs.append((item["role"], role))
            if role != item["role"]:
                errors.append((record["id"], "role", f"{item['role']}->{role}", text[item["start"] : item["end"]][:60]))
        quantities = {(q.start, q.end): q for _, q in report.quantities}
        for span in record["spans"]:
            if span["label"] not in ("COUNT", "RATE"):
                continue
            q = quantities.get((span["start"], span["end"]))
            if "value" in span:
                values[1] += 1
                if q is not None and q.value is not None and span["value"] is not None and abs(q.value - span["value"]) < 1e-9 * max(1, abs(span["value"])):
                    values[0] += 1
                elif q is not None and q.value is None and span["value"] is None:
                    values[0] += 1
            measures[2] += 1
            gold_measure = span.get("measure")
            found = q.measure if q is not None else None
            if q is not None and (found == gold_measure or (found and gold_measure and fold(found) == fold(gold_measure))):
                measures[0] += 1
                measures[1] += 1
            else:
                if found and gold_measure and overlapping(fold(found), fold(gold_measure)):
                    measures[1] += 1
                errors.append((record["id"], "measure", span["text"], f"{gold_measure} | {found if q is not None else '(number missed)'}"))
        names = {fold(n) for n in [record["meta"]["org"], *record["meta"].get("org_names", [])] if n}
        meta["org"][1] += 1
        if record["meta"]["org"] is None:  # the text never names the body: only "no org" is right
            meta["org"][0] += report.meta.org is None
        else:
            meta["org"][0] += bool(report.meta.org) and fold(report.meta.org) in names
        if bool(report.meta.org) != bool(record["meta"]["org"]) or (report.meta.org and fold(report.meta.org) not in names):
            errors.append((record["id"], "meta org", str(record["meta"]["org"]), str(report.meta.org)))
        if record["meta"]["year"] is not None:
            meta["year"][1] += 1
            meta["year"][0] += report.meta.year == record["meta"]["year"]
            if report.meta.year != record["meta"]["year"]:
                errors.append((record["id"], "meta year", str(record["meta"]["year"]), str(report.meta.year)))
    entities = {label: prf(tp[label], n_pred[label], n_gold[label]) for label in LABELS}
    entities["ALL"] = prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    per_role = {role: [sum(1 for g, p in role_pairs if g == role and p == role), sum(1 for g, _ in role_pairs if g == role)] for role in ROLES}
    result = {
        "reports": len(records),
        "chars": sum(len(r["text"]) for r in records),
        "entities": entities,
        "roles": {
            "accuracy": sum(g == p for g, p in role_pairs) / len(role_pairs) if role_pairs else 0.0,
            "n": len(role_pairs),
            "per_role": per_role,
            "missing": sum(p == "missing" for _, p in role_pairs),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(Counter(role_pairs).items()) if g != p},
        },
        "values": {"right": values[0], "n": values[1]},
        "measures": {"exact": measures[0], "overlapping": measures[1], "n": measures[2]},
        "meta": {key: {"right": a, "n": b} for key, (a, b) in meta.items()},
    }
    return result, errors


def ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.3f}" if b else "–"


def markdown(result: dict) -> str:
    lines = ["| label | P | R | F1 | gold | predicted |", "| --- | --- | --- | --- | --- | --- |"]
    for label, row in result["entities"].items():
        lines.append(f"| {label} | {row['p']:.3f} | {row['r']:.3f} | **{row['f']:.3f}** | {row['n']} | {row['pred']} |")
    lines += ["", "| what | figure |", "| --- | --- |"]
    roles = result["roles"]
    lines.append(f"| item roles | {ratio(round(roles['accuracy'] * roles['n']), roles['n'])} |")
    for role, (right, n) in roles["per_role"].items():
        if n:
            lines.append(f"| … {role} | {ratio(right, n)} |")
    lines.append(f"| … gold items no predicted item covers | {roles['missing']} |")
    if result["values"]["n"]:
        lines.append(f"| quantity values | {ratio(result['values']['right'], result['values']['n'])} |")
    m = result["measures"]
    lines.append(f"| measures, exact | {ratio(m['exact'], m['n'])} |")
    lines.append(f"| measures, overlapping | {ratio(m['overlapping'], m['n'])} |")
    lines.append(f"| meta org | {ratio(result['meta']['org']['right'], result['meta']['org']['n'])} |")
    lines.append(f"| meta year | {ratio(result['meta']['year']['right'], result['meta']['year']['n'])} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", default="pool", help="pool, seeds, all, splits joined by + (train, dev, test, test2, test3, test4, test5, test6, test7, test8), or pool:SPLITS (the pool reports of those splits)")
    parser.add_argument("--model", default=None, help="model directory (default: the packaged model)")
    parser.add_argument("--errors", type=Path, help="write every difference (entities, measures, roles, meta) to this TSV file")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    args = parser.parse_args()
    import lawie
    from opencc import OpenCC

    to_simplified = OpenCC("t2s")
    records = load_records(args.reports)
    extractor = lawie.load(args.model) if args.model else lawie.load()
    started = time.perf_counter()
    result, errors = score(records, extractor.extract, lambda s: to_simplified.convert(s).replace(" ", ""))
    result["lawie"] = {"version": lawie.__version__, "file": lawie.__file__, "model": getattr(extractor, "model_name", None)}
    result["seconds"] = round(time.perf_counter() - started, 2)
    print(f"{args.reports}: {result['reports']} reports, {result['chars']} chars; lawie {lawie.__version__} from {Path(lawie.__file__).parent}")
    print(markdown(result))
    if args.errors:
        args.errors.write_text("".join("\t".join(map(_cell, row)) + "\n" for row in errors), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
