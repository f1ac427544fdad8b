"""Brings the report pool (`../shared/pool` or the folder given) into corpus/raw, byte for byte.

Each `raw/<id>.txt` is copied unchanged to `corpus/raw/<id>.txt` and gets one line of provenance
in `corpus/METADATA.jsonl` (URL, body, level, province, year reported, the source's notes, sha256),
after checking that the file is the excerpt recorded in `src/*.jsonl`. Run once:

    python training/import_pool.py ../shared/pool
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "corpus" / "raw"
METADATA = ROOT / "corpus" / "METADATA.jsonl"


def main(pool: Path) -> None:
    if not (pool / "sources.tsv").is_file() or not (pool / "src").is_dir():
        sys.exit(f"{pool}: not a report pool (expected sources.tsv, raw/ and src/)")
    sources = list(csv.DictReader((pool / "sources.tsv").open(encoding="utf-8"), delimiter="\t"))
    excerpts = {}
    for part in sorted((pool / "src").glob("*.jsonl")):
        for line in part.open(encoding="utf-8"):
            record = json.loads(line)
            excerpts[record["id"]] = record
    existing = [json.loads(line) for line in METADATA.open(encoding="utf-8")] if METADATA.exists() else []
    known = {entry["id"] for entry in existing}
    added = 0
    for row in sources:
        report_id = row["id"]
        source = pool / "raw" / f"{report_id}.txt"
        data = source.read_bytes()
        text = data.decode("utf-8")
        page = excerpts.get(report_id)
        if page is None or page["excerpt"] != text:
            sys.exit(f"{source}: does not match its excerpt in {pool / 'src'}")
        target = RAW / f"{report_id}.txt"
        shutil.copyfile(source, target)
        if target.read_bytes() != data:
            sys.exit(f"{target}: copy differs from {source}")
        if report_id in known:
            continue
        year = int(row["year_reported"]) if row["year_reported"].strip() else None
        existing.append({
            "id": report_id,
            "file": target.name,
            "org": row["body"],
            "title": page.get("title"),
            "place": None,
            "province": row["province"],
            "level": row["level"],
            "year": year,
            "published": None,
            "url": row["url"],
            "source": f"pool/raw/{report_id}.txt",
            "sha256": hashlib.sha256(data).hexdigest(),
            "form": "opening (~700 characters) of the published web page, as the page presents it",
            "note": row["notes"],
        })
        added += 1
    with METADATA.open("w", encoding="utf-8") as handle:
        for entry in existing:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(f"{len(sources)} pool reports in corpus/raw, {added} new metadata lines in {METADATA.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "pool")
