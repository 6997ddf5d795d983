#!/usr/bin/env python3
"""How well the person registry decided, against the synthetic generator's truth.

Usage: scripts/registry-truth.py DAFTAR.db TRUTH.csv SOURCE [SOURCE ...]

TRUTH.csv is a file written by `daftar match generate` (its `entity` column says which
records are the same person). For the records each SOURCE resolved, in arrival order:
a `match` is right when the person it joined holds another record of the same entity; a
record is missed when an earlier record of its entity existed (in any source) but it was
not matched. Prints precision and recall of the matches per source. Reads the SQLite
database only.
"""

import collections
import csv
import sqlite3
import sys


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    db, truth_path, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(truth_path, newline="") as f:
        truth = {r["id"]: r["entity"] for r in csv.DictReader(f)}
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT source, source_id, person_id, decision FROM mdm_person_sources ORDER BY received_at, id"
    ).fetchall()
    holders = collections.defaultdict(list)
    for _, sid, person, _ in rows:
        holders[person].append(sid)
    counts = {s: collections.Counter() for s in sources}
    known = set()
    for source, sid, person, decision in rows:
        entity = truth.get(sid)
        if entity is None:
            continue
        if source in counts:
            c = counts[source]
            if decision == "match":
                others = {truth.get(x) for x in holders[person] if x != sid}
                c["right" if entity in others else "wrong"] += 1
            elif entity in known:
                c["missed"] += 1
            else:
                c["new"] += 1
        known.add(entity)
    for source in sources:
        c = counts[source]
        precision = c["right"] / max(1, c["right"] + c["wrong"])
        recall = c["right"] / max(1, c["right"] + c["missed"])
        print(
            f"{source}: {sum(c.values())} records; matched right {c['right']}, "
            f"matched wrong {c['wrong']}, known but not matched {c['missed']}, new {c['new']}; "
            f"precision {precision:.4f}, recall {recall:.4f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
