"""Whole-extraction speed on one core: the shipped model beside the rules alone, in one run.

Each design runs in its own fresh process pinned to one core, over all 108 corpus texts (speed
is not accuracy: every text may be read), several rounds after one warm-up pass; the two designs
alternate round by round so that load on the machine falls on both alike. Prints characters per
second for each, the model's size on disk and its load time.

    python benchmarks/extraction_speed.py [--rounds 5] [--model PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKER = r"""
import json, os, sys, time
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
import lawie
paths = json.loads(sys.argv[2])
texts = [open(p, encoding="utf-8").read() for p in paths]
started = time.perf_counter()
extractor = lawie.load(None if sys.argv[1] == "shipped" else sys.argv[1])
load = time.perf_counter() - started
for text in texts:
    extractor.extract(text)
started = time.perf_counter()
for text in texts:
    extractor.extract(text)
seconds = time.perf_counter() - started
print(json.dumps({"chars": sum(map(len, texts)), "seconds": seconds, "load": load, "model": extractor.model_name}))
"""


def run(design: str, paths: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", WORKER, design, json.dumps(paths)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--model", default="shipped", help="a model directory (default: the shipped one)")
    args = parser.parse_args()
    paths = [str(p) for p in sorted((ROOT / "corpus" / "raw").glob("*.txt"))]
    results: dict[str, list[dict]] = {args.model: [], "rules": []}
    for _ in range(args.rounds):
        for design in results:
            results[design].append(run(design, paths))
    chars = results["rules"][0]["chars"]
    print(f"{len(paths)} corpus texts, {chars:,} characters; {args.rounds} rounds, one core, fresh process each")
    for design, runs in results.items():
        speeds = sorted(r["chars"] / r["seconds"] for r in runs)
        loads = sorted(r["load"] for r in runs)
        print(
            f"{runs[0]['model']:<28} median {speeds[len(speeds) // 2]:>9,.0f} chars/s "
            f"(min {speeds[0]:,.0f}, max {speeds[-1]:,.0f}); load median {loads[len(loads) // 2]:.2f} s"
        )
    model_dir = ROOT / "lawie" / "model" if args.model == "shipped" else Path(args.model)
    print(f"model size on disk: {size_mb(model_dir):.1f} MB ({model_dir})")


if __name__ == "__main__":
    main()
