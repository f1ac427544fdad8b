"""Writes gold records to `corpus/annotations/` from a folder of annotation-pass files.

A pass file `<id>.json` holds `spans` (with the `measure` of each COUNT/RATE), `items` (extents,
roles, heading paths) and `meta` (org, org_names, year, published), in the format of
`corpus/agreement/pool/first/`. For reports annotated twice, an adjudication file (JSON: {id:
{"drop": [[start, end, label]], "add": [span], "measures": {"start:end": measure}, "roles":
{"start:end": role}, "items": [item] (replaces all), "meta": {...}}}) turns the first pass into
the gold. Text, level, province and source come from `corpus/raw` and `corpus/METADATA.jsonl`.
Each number's `value` is read by `read_value` below (an independent reader, kept apart from
lawie's own so that the gold does not copy what it scores); every value other than plain digits
was checked by reading.

    python training/assemble.py PASS_DIR [--adjudication FILE]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)(余|多)?(万|亿)?")
_SCALE = {"万": 10_000, "亿": 100_000_000}


def chinese_integer(digits: str) -> int | None:
    """十八 → 18, 一千一百 → 1100, 两 → 2; None when it is not a Chinese integer."""
    section, digit = 0, None
    for char in digits:
        if char in _CN:
            digit = _CN[char]
        elif char in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[char]
            digit = None
        else:
            return None
    return section + (digit or 0)


def read_value(text: str, label: str) -> float | None:
    """The value of a COUNT or RATE span as written (None for a masked number)."""
    t = text.replace(" ", "").replace(",", "").translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%"))
    if "*" in t or "×" in t:
        return None
    if label == "RATE":
        if t.startswith("百分之"):
            match = re.match(r"[零〇一二两三四五六七八九十百]+", t[3:])
            return chinese_integer(match.group()) / 100 if match else None
        if re.match(r"^[一二三四五六七八九十]成", t):
            return _CN.get(t[0], 10) / 10
        match = re.match(r"^([0-9]+(?:\.[0-9]+)?)(%|个百分点|百分点)", t)
        return round(float(match.group(1)) / 100, 10) if match else None
    match = _NUMBER.match(t)
    if not match:
        return None
    number = match.group(1)
    value = float(number) if number[0].isdigit() else chinese_integer(number)
    if value is None:
        return None
    scale = match.group(3) or (re.match(r"^(?:余|多)?(万|亿)", t[match.end():]) or [None, None])[1]
    return round(value * _SCALE.get(scale, 1), 6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("passes", type=Path)
    parser.add_argument("--adjudication", type=Path)
    args = parser.parse_args()
    metadata = {m["id"]: m for m in map(json.loads, (CORPUS / "METADATA.jsonl").open(encoding="utf-8"))}
    decisions = json.loads(args.adjudication.read_text(encoding="utf-8")) if args.adjudication else {}
    for path in sorted(args.passes.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        rid = annotation["id"]
        info = metadata[rid]
        text = (CORPUS / "raw" / info["file"]).read_text(encoding="utf-8")
        decision = decisions.get(rid, {})
        drop = {tuple(key) for key in decision.get("drop", [])}
        spans = [s for s in annotation["spans"] if (s["start"], s["end"], s["label"]) not in drop] + decision.get("add", [])
        spans.sort(key=lambda s: s["start"])
        gold_spans = []
        for s in spans:
            span = {"start": s["start"], "end": s["end"], "label": s["label"], "text": text[s["start"] : s["end"]]}
            if s["label"] in ("COUNT", "RATE"):
                span["measure"] = decision.get("measures", {}).get(f"{s['start']}:{s['end']}", s.get("measure"))
                span["value"] = read_value(span["text"], s["label"])
            gold_spans.append(span)
        items = decision.get("items", annotation["items"])
        roles = decision.get("roles", {})
        gold_items = [
            {"start": i["start"], "end": i["end"], "role": roles.get(f"{i['start']}:{i['end']}", i["role"]), "heading": i.get("heading", [])}
            for i in items
        ]
        meta = annotation["meta"] | decision.get("meta", {})
        record = {
            "id": rid,
            "text": text,
            "spans": gold_spans,
            "items": gold_items,
            "meta": {
                "org": meta["org"],
                "org_names": meta.get("org_names", []),
                "year": meta["year"],
                "published": meta.get("published"),
                "level": info["level"],
                "province": info["province"],
                "source": info["source"],
            },
        }
        (CORPUS / "annotations" / f"{rid}.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(list(args.passes.glob('*.json')))} record(s) to corpus/annotations")


if __name__ == "__main__":
    main()
