#!/usr/bin/env python3
"""Lines up an e-Khidmat latency trace with what the database did meanwhile.

Usage: scripts/khidmat-timeline.py TRACE.csv SERVER.log START [MS]

TRACE.csv is `khidmat_load --trace`'s output and START the Unix time it printed for the
run's start; SERVER.log is the server's log, run with
`DAFTAR_LOG=warn,daftar_platform::db=debug,daftar_server=debug`, which logs each
checkpoint, each restart of the write-ahead log, each log sync of 4 ms or more and each
run of a background job. For every 100 ms of the run whose slowest application took over
MS (default 30) or in which one of those happened, it prints the slowest application's
latency, how many were slower than the run's p99, and those events with their times in
seconds from the run's start
(C checkpoint, R log restart, R? one the readers kept from finishing, D the database
file's sync after a restart, S slow log sync, J background job).
"""

import csv
import datetime
import re
import sys
from collections import defaultdict

EVENTS = {
    "checkpointed": "C",
    "write-ahead log restart": "R",
    "slow write-ahead log sync": "S",
    "database file synced after a restart": "D",
    "background job ran": "J",
}
# A log line: its time, its level, where it came from, its message, its fields.
LINE = re.compile(r"^(\S+)\s+DEBUG\s+\S+:\s+(.*)$")


def events(path, start):
    out = []
    with open(path, errors="replace") as f:
        for line in f:
            found = LINE.match(re.sub(r"\x1b\[[0-9;]*m", "", line.strip()))
            if not found:
                continue
            kind = next((k for m, k in EVENTS.items() if found.group(2).startswith(m)), None)
            if kind is None:
                continue
            fields = dict(re.findall(r"(\w+)=(\S+)", found.group(2)))
            try:
                stamp = datetime.datetime.fromisoformat(found.group(1).replace("Z", "+00:00"))
                ms = float(fields.get("ms", 0))
            except ValueError:
                continue
            if kind == "R" and fields.get("restarted") == "false":
                kind = "R?"  # readers kept it from finishing
            end = stamp.timestamp() - start
            job = f" {fields['job']}" if "job" in fields else ""
            out.append((end - ms / 1000, end, kind, ms, job))
    return out


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    trace, log, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
    slow_ms = float(sys.argv[4]) if len(sys.argv) > 4 else 30.0
    with open(trace) as f:
        rows = [(float(r["start_ms"]) / 1000, float(r["latency_ms"])) for r in csv.DictReader(f)]
    if not rows:
        sys.exit("the trace is empty")
    p99 = sorted(lat for _, lat in rows)[int(len(rows) * 0.99)]
    windows = defaultdict(list)
    for at, lat in rows:
        windows[int(at * 10)].append(lat)
    last = max(at for at, _ in rows)
    evs = [e for e in events(log, start) if e[1] >= 0 and e[0] <= last]
    print(f"{len(rows)} applications, p99 {p99:.1f} ms")
    for e in evs:
        for w in range(int(e[0] * 10), int(e[1] * 10) + 1):
            windows.setdefault(w, [])
    for w in sorted(windows):
        lo, hi = w / 10, w / 10 + 0.1
        here = [e for e in evs if e[1] >= lo and e[0] < hi]
        worst = max(windows[w], default=0.0)  # no application started in it: 0
        if worst > slow_ms or here:
            over = sum(1 for lat in windows[w] if lat > p99)
            what = " ".join(f"{k}[{a:.3f}-{b:.3f} {ms:.1f} ms{j}]" for a, b, k, ms, j in here)
            print(f"{lo:6.1f} s  slowest {worst:7.1f} ms  over p99 {over:3d}  {what}")


if __name__ == "__main__":
    main()
