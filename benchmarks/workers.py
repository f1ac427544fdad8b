"""Two workers against one, in one run: `lawie extract` over a folder of corpus-sized reports
with --workers 1 and --workers 2, in turn (1, 2, 1, 2, …), and the memory of each process.

With --workers 2 two processes extract: lawie's own, and one worker forked from a server that
loads the model while lawie's process loads its own. Prints each round's wall time and the ratio
of the pair (pairing keeps the ratio meaningful when the machine's speed drifts) and their
medians. The CPU seconds of all processes (sampled from /proc every 0.2 s, so the last instants
of each are missed) are printed too: their ratio is the work that running two workers adds.
Memory, the peak resident memory (RSS) and proportional share (PSS: pages shared with other
processes counted by their share) of each process, is read from /proc in one more run of each
kind after the timed ones, because reading a process's memory map slows it (Linux; elsewhere
it is not shown). The load average is printed before and after: a wall-time figure taken while
other work ran says so.

    python benchmarks/workers.py [--copies 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts() -> list[str]:
    """The five whole seed reports (4,000–6,000 characters each: corpus-sized reports)."""
    return [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((ROOT / "corpus" / "annotations").glob("0*.jsonl"))]


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(c) for c in handle.read().split()]
    except OSError:
        return []


def _memory(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process in MB, or (0, 0) when it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            fields = dict(line.split(":", 1) for line in handle if ":" in line and not line.startswith(("0", "5", "7")))
        return int(fields["Rss"].split()[0]) / 1024, int(fields["Pss"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        return 0.0, 0.0


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, or 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def run(folder: Path, out: Path, workers: int, *, memory: bool = False) -> dict:
    """One `lawie extract` run: wall seconds, CPU seconds of each process it started, and with
    ``memory`` their peak memory. Reading a process's memory map holds its memory lock, which
    slows it, so timed runs read only CPU counters, and memory is taken in runs of its own."""
    command = [sys.executable, "-m", "lawie.cli", "extract", str(folder), "-o", str(out), "--workers", str(workers), "--quiet"]
    peaks: dict[int, list] = {}
    cpu: dict[int, float] = {}
    started = time.perf_counter()
    process = subprocess.Popen(command)
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            pending = [(process.pid, None)]
            while pending:
                pid, parent = pending.pop()
                pending.extend((child, pid) for child in _children(pid))
                rss, pss = _memory(pid) if memory else (0.0, 0.0)
                cpu[pid] = max(cpu.get(pid, 0.0), _cpu(pid))
                if pid not in peaks:
                    peaks[pid] = [0.0, 0.0, _cmdline(pid), parent]
                peak = peaks[pid]
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.1 if memory else 0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    code = process.wait()
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    if code != 0:
        raise SystemExit(f"lawie extract --workers {workers} exited with {code}")
    roles = {"parent": [], "fork server": [], "worker": []}
    cpu_of = {"parent": 0.0, "fork server": 0.0, "worker": 0.0, "other": 0.0}
    for pid, (rss, pss, cmdline, parent) in peaks.items():
        if pid == process.pid:
            role = "parent"
        elif parent == process.pid and "forkserver" in cmdline:
            role = "fork server"
        elif parent != process.pid and peaks.get(parent, [0, 0, ""])[2].count("forkserver"):
            role = "worker"  # forked by the server (the one-off probe included)
        else:
            role = "other"  # multiprocessing's resource tracker
        cpu_of[role] += cpu.get(pid, 0.0)
        if role != "other":
            roles[role].append((rss, pss))
    roles["worker"] = sorted(roles["worker"])[-(workers - 1):] if workers > 1 else []  # not the probe, which exits at once
    return {"seconds": seconds, "cpu": sum(cpu.values()), "cpu_of": cpu_of, "memory": roles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of the five seed reports (100: 500 files)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = corpus_texts()
    root = Path(tempfile.mkdtemp(prefix="lawie-workers-"))
    try:
        folder = root / "reports"
        folder.mkdir()
        for n in range(args.copies):
            for i, text in enumerate(texts):
                (folder / f"r{n:04d}_{i}.txt").write_text(text, encoding="utf-8")
        files, chars = args.copies * len(texts), args.copies * sum(len(t) for t in texts)
        print(f"{files} files, {chars:,} chars; {os.cpu_count()} cores; load average before {os.getloadavg()[0]:.2f}")
        rounds = []
        for number in range(1, args.rounds + 1):
            one = run(folder, root / "one.jsonl", 1)
            two = run(folder, root / "two.jsonl", 2)
            rounds.append((one, two))
            print(f"round {number}: --workers 1 {one['seconds']:.1f} s ({one['cpu']:.1f} CPU s), --workers 2 "
                  f"{two['seconds']:.1f} s ({two['cpu']:.1f} CPU s), speed-up {one['seconds'] / two['seconds']:.2f}x")
        one_s = statistics.median(one["seconds"] for one, _ in rounds)
        two_s = statistics.median(two["seconds"] for _, two in rounds)
        ratio = statistics.median(one["seconds"] / two["seconds"] for one, two in rounds)
        print(f"median: --workers 1 {one_s:.1f} s, --workers 2 {two_s:.1f} s; speed-up (median of the pairs) {ratio:.2f}x")
        cpu_ratio = statistics.median(two["cpu"] / one["cpu"] for one, two in rounds)
        split = ", ".join(f"{role} {seconds:.1f}" for role, seconds in rounds[-1][1]["cpu_of"].items() if seconds)
        print(f"CPU seconds of the last --workers 2 run by process: {split}")
        print(f"CPU seconds of all processes, --workers 2 over --workers 1: {cpu_ratio:.3f} "
              f"(the work two workers add; on two idle cores the speed-up is at most {2 / cpu_ratio:.2f}x)")
        one, two = run(folder, root / "one.jsonl", 1, memory=True), run(folder, root / "two.jsonl", 2, memory=True)
        if any(rss for rss, _ in one["memory"]["parent"]):
            single = max(rss for rss, _ in one["memory"]["parent"])
            print(f"memory (runs of their own), --workers 1: the one process {single:.0f} MB peak RSS")
            names = {"parent": "the parent (extracts too)", "fork server": "the fork server", "worker": "the forked worker"}
            for role in ("parent", "fork server", "worker"):
                for rss, pss in sorted(two["memory"][role]):
                    print(f"memory, --workers 2, {names[role]}: {rss:.0f} MB peak RSS, {pss:.0f} MB peak PSS")
        print(f"load average after {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
