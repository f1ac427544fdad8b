"""Speed and memory of lawie on this machine.

Prints: model load time; characters and reports per second of `lawie.extract` on one core with
the model loaded, beside a regex-only baseline over the same texts in the same run (the ratio is
the figure that travels between machines); the CLI over a folder with --workers 1 and 2; time
and peak memory for one report of 0.1, 1, 5 and 20 MB (each in a fresh process).

    python benchmarks/speed.py [--quick]
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts() -> list[str]:
    """The five whole seed reports (the texts the recorded speed figures were measured on)."""
    return [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((ROOT / "corpus" / "annotations").glob("0*.jsonl"))]


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def regex_baseline(texts: list[str]) -> int:
    """A plain-regex COUNT/RATE finder: the cheapest thing that could be called extraction."""
    pattern = re.compile(r"\d+(?:\.\d+)?\s*(?:%|[万亿]?[余多]?(?:人次|场次|个|项|场|次|人|名|件|宗|起|家|户|处|条|份|元))")
    return sum(len(pattern.findall(t)) for t in texts)


def bench_extract(rounds: int) -> dict:
    import lawie

    texts = corpus_texts()
    chars = sum(len(t) for t in texts)
    started = time.perf_counter()
    extractor = lawie.load()
    load_seconds = time.perf_counter() - started
    for text in texts:
        extractor.extract(text)
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            extractor.extract(text)
    seconds = (time.perf_counter() - started) / rounds
    started = time.perf_counter()
    for _ in range(rounds * 20):
        regex_baseline(texts)
    regex_seconds = (time.perf_counter() - started) / (rounds * 20)
    return {
        "model": extractor.model_name,
        "load_s": load_seconds,
        "chars_per_s": chars / seconds,
        "reports_per_s": len(texts) / seconds,
        "regex_chars_per_s": chars / regex_seconds,
        "ratio_to_regex": (chars / seconds) / (chars / regex_seconds),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def bench_cli(copies: int) -> dict:
    texts = corpus_texts()
    root = Path(tempfile.mkdtemp(prefix="lawie-bench-"))
    folder = root / "reports"
    folder.mkdir()
    try:
        for n in range(copies):
            for i, text in enumerate(texts):
                (folder / f"r{n:03d}_{i}.txt").write_text(text, encoding="utf-8")
        result = {"files": copies * len(texts), "chars": copies * sum(len(t) for t in texts)}
        for workers in (1, 2):
            out = root / f"out{workers}.jsonl"
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "lawie.cli", "extract", str(folder), "-o", str(out), "--workers", str(workers), "--quiet"], check=False)
            result[f"workers{workers}_s"] = time.perf_counter() - started
        result["speedup"] = result["workers1_s"] / result["workers2_s"]
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)


_SCALE_CHILD = """
import resource, sys, time, json
import lawie
extractor = lawie.load()
text = open(sys.argv[1], encoding="utf-8").read()
started = time.perf_counter()
report = extractor.extract(text)
seconds = time.perf_counter() - started
print(json.dumps({"chars": len(text), "seconds": seconds, "items": len(report.items),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_scale(sizes_mb: list[float]) -> list[dict]:
    texts = corpus_texts()
    unit = "\n".join(texts)
    rows = []
    with tempfile.TemporaryDirectory(prefix="lawie-scale-") as tmp:
        for size in sizes_mb:
            target = int(size * 1024 * 1024)
            body = (unit + "\n") * (target // len((unit + "\n").encode("utf-8")) + 1)
            data = body.encode("utf-8")[:target].decode("utf-8", errors="ignore")
            path = Path(tmp) / f"{size}.txt"
            path.write_text(data, encoding="utf-8")
            out = subprocess.run([sys.executable, "-c", _SCALE_CHILD, str(path)], capture_output=True, text=True, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            row["mb"] = size
            rows.append(row)
    return rows


def main() -> None:
    quick = "--quick" in sys.argv
    one_core()
    result = bench_extract(rounds=2 if quick else 5)
    print(f"model {result['model']}: loaded in {result['load_s']:.2f}s")
    print(f"extract, one core: {result['chars_per_s']:,.0f} chars/s, {result['reports_per_s']:.1f} reports/s; "
          f"regex baseline {result['regex_chars_per_s']:,.0f} chars/s; ratio {result['ratio_to_regex']:.3f}; "
          f"peak RSS {result['peak_rss_mb']:.0f} MB")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    cli = bench_cli(copies=10 if quick else 100)
    print(f"CLI over {cli['files']} files ({cli['chars']:,} chars): --workers 1 {cli['workers1_s']:.1f}s, "
          f"--workers 2 {cli['workers2_s']:.1f}s, speed-up {cli['speedup']:.2f}x")
    for row in bench_scale([0.1, 1] if quick else [0.1, 1, 5, 20]):
        print(f"one report of {row['mb']} MB ({row['chars']:,} chars): {row['seconds']:.1f}s "
              f"({row['chars'] / row['seconds']:,.0f} chars/s), {row['items']} items, peak RSS {row['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
