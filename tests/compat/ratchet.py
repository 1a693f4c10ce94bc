"""The compat ratchet: per-file pass counts that may only go up.

Contract:
  * The file (tests/compat/ratchet.json) is {"mode": ..., "counts": {key: int}}
    with keys like "slt:sqlite/select1.test", "regress:join", "own:basic.slt".
    Counts are for the run mode they name (the CI subset unless "full").
  * check(ratchet_counts, counts) lists (key, required, got) for every key whose
    current count fell below the ratchet; a key missing from the run counts 0.
  * raised(ratchet_counts, counts) returns the merged counts, each the max of
    old and new (never lower); write() stores them sorted, one per line.
Pure functions except load/write; not thread-safe for concurrent writers.
"""

import json
from pathlib import Path


def load(path):
    path = Path(path)
    if not path.exists():
        return {"mode": "ci", "counts": {}}
    data = json.loads(path.read_text())
    data.setdefault("counts", {})
    return data


def check(ratchet_counts, counts):
    drops = []
    for key, required in sorted(ratchet_counts.items()):
        got = counts.get(key, 0)
        if got < required:
            drops.append((key, required, got))
    return drops


def raised(ratchet_counts, counts):
    merged = dict(ratchet_counts)
    for key, got in counts.items():
        merged[key] = max(merged.get(key, 0), got)
    return merged


def write(path, mode, counts):
    data = {"mode": mode,
            "note": "Per-file pass counts of the compat suite; a run fails when one falls below. "
                    "Raise with: tests/compat/run_compat.py --update-ratchet",
            "counts": dict(sorted(counts.items()))}
    Path(path).write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
