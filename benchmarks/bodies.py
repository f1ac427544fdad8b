"""The reporting body on the map, measured against corpus/METADATA.jsonl (fields org, level, province).

Two figures:
- lookup: the metadata's own body name through `describe_body` (the organ word and the gazetteer
  alone) — a check of the lookup on the metadata, not of extraction;
- end to end: the body lawie reads from the text (`Report.meta`).
Both on the reports lawie is trained on (`lawie.corpus.TRAINED`): the held-out split is not
scored here.

A level or province that lawie leaves None counts as not right; the figures give how many were
None apart, since None is the answer for a body that cannot be placed without guessing.

    python benchmarks/bodies.py
"""

from __future__ import annotations

import json
from pathlib import Path

import lawie
from lawie.corpus import TRAINED, read_split
from lawie.reporter import describe_body

ROOT = Path(__file__).resolve().parent.parent


def same_province(found: str | None, expected: str) -> bool:
    return bool(found) and found.startswith(expected)  # 广东省 / 广东, 内蒙古自治区 / 内蒙古


def score(rows: list[tuple[str, str | None, str | None, str, str]], title: str) -> None:
    n = len(rows)
    level_right = sum(level == want_level for _, level, _, want_level, _ in rows)
    level_none = sum(level is None for _, level, _, _, _ in rows)
    prov_right = sum(same_province(prov, want_prov) for _, _, prov, _, want_prov in rows)
    prov_none = sum(prov is None for _, _, prov, _, _ in rows)
    print(f"{title}: {n} reports")
    print(f"  level    right {level_right}/{n} = {level_right / n:.3f}; None {level_none}; wrong {n - level_right - level_none}")
    print(f"  province right {prov_right}/{n} = {prov_right / n:.3f}; None {prov_none}; wrong {n - prov_right - prov_none}")
    for rid, level, prov, want_level, want_prov in rows:
        if level != want_level or not same_province(prov, want_prov):
            print(f"    {rid}: level {level} (metadata {want_level}), province {prov} (metadata {want_prov})")


def main() -> None:
    metadata = [json.loads(line) for line in (ROOT / "corpus" / "METADATA.jsonl").read_text(encoding="utf-8").splitlines()]
    trained = {rid for rid, row in read_split(ROOT / "corpus" / "splits.tsv").items() if row["split"] in TRAINED}
    lookup = []
    for record in metadata:
        if record["id"] not in trained:
            continue
        body = describe_body(record["org"])
        lookup.append((record["id"], body.level, body.division.province if body.division else None, record["level"], record["province"]))
    score(lookup, "lookup of the metadata's body names (trained-on reports)")
    extractor = lawie.load()
    read = []
    for record in metadata:
        if record["id"] not in trained:
            continue
        meta = extractor.extract((ROOT / "corpus" / "raw" / record["file"]).read_text(encoding="utf-8")).meta
        read.append((record["id"], meta.level, meta.province, record["level"], record["province"]))
    score(read, "end to end, the body read from the text (trained-on reports)")
    named = [row for row in read if row[1] is not None]
    score(named, "end to end, reports whose body lawie names with a level (trained-on reports)")


if __name__ == "__main__":
    main()
