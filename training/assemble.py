"""Assembles corpus/annotations/*.jsonl from the annotation passes kept in corpus/work/.

Entities come from pass A, with the adjudicated differences against the independent pass
(ADJUDICATED below); roles from the role pass A with its adjudicated differences. Item spans come
from the structure reader and were checked by the role annotators. Run once after a pass changes:

    python training/assemble.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "corpus" / "work"

# (report id, start, end, label): decisions on the differences between the passes.
# "keep" holds spans added from the other pass, "drop" spans removed from pass A.
ADJUDICATED = {
    "002_db59382493192273": {
        "drop": [(2955, 2979, "INITIATIVE")],  # 工程项目 is the object of 纳管, not part of the name
        "keep": [(2955, 2975, "INITIATIVE"), (2376, 2381, "INITIATIVE")],  # the system's name; 民生微实事
    },
}
ROLE_ADJUDICATED: dict[str, dict[int, str]] = {}


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _measures(report_id: str, text: str, spans: list[dict]) -> dict[tuple[int, int], str | None]:
    """Gold measures of the COUNT/RATE spans (corpus/work/measures), keyed by offsets."""
    todo = WORK / "measures" / f"{report_id}.todo.jsonl"
    done = WORK / "measures" / f"{report_id}.measures.jsonl"
    if not done.exists():
        return {}
    result = {}
    for task, answer in zip(load_jsonl(todo), load_jsonl(done)):
        assert task["span"] == answer["span"], (report_id, task, answer)
        assert text[task["start"] : task["end"]] == task["text"], (report_id, task)
        result[(task["start"], task["end"])] = answer["measure"]
    numbers = {(s["start"], s["end"]) for s in spans if s["label"] in ("COUNT", "RATE")}
    missing = numbers - set(result)
    if missing:
        raise SystemExit(f"{report_id}: {len(missing)} COUNT/RATE span(s) without a measure: {sorted(missing)[:5]}")
    return result


def main() -> int:
    meta = {m["id"]: m for m in load_jsonl(ROOT / "corpus" / "raw" / "METADATA.jsonl")}
    out_dir = ROOT / "corpus" / "annotations"
    out_dir.mkdir(parents=True, exist_ok=True)
    for report_id, info in sorted(meta.items()):
        text = (ROOT / "corpus" / "raw" / info["file"]).read_text(encoding="utf-8")
        spans = load_jsonl(WORK / "passA" / f"{report_id}.spans.jsonl")
        decisions = ADJUDICATED.get(report_id, {})
        drop = set(decisions.get("drop", []))
        spans = [s for s in spans if (s["start"], s["end"], s["label"]) not in drop]
        for start, end, label in decisions.get("keep", []):
            spans.append({"start": start, "end": end, "label": label, "text": text[start:end]})
        spans.sort(key=lambda s: s["start"])
        measures = _measures(report_id, text, spans)
        items = load_jsonl(WORK / "items" / f"{report_id}.items.jsonl")
        roles = load_jsonl(WORK / "rolesA" / f"{report_id}.roles.jsonl")
        fixes = ROLE_ADJUDICATED.get(report_id, {})
        record = {
            "id": report_id,
            "text": text,
            "spans": [
                {"start": s["start"], "end": s["end"], "label": s["label"], "text": text[s["start"] : s["end"]]}
                | ({"measure": measures[(s["start"], s["end"])]} if (s["start"], s["end"]) in measures else {})
                for s in spans
            ],
            "items": [
                {"start": item["start"], "end": item["end"], "role": fixes.get(role["i"], role["role"])}
                for item, role in zip(items, roles)
            ],
            "meta": {"org": info["org"], "year": info["year"], "level": info["level"], "source": info["source"]},
        }
        path = out_dir / f"{report_id}.jsonl"
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(record['spans'])} spans, {len(record['items'])} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
