"""Differential execution of one sqllogictest file on two sides.

Contract: run_file(path, key, reference, candidate, limit, own) runs every
applicable record of the file on both sides (each in a fresh database) and
returns a FileResult. A record passes when the candidate's outcome equals the
reference's (PostgreSQL is the oracle, also where PostgreSQL fails on a
SQLite-ism):
  * statements: both succeed with the same command tag, or both fail with the
    same SQLSTATE (the same SQLSTATE class for the SQLite corpus);
  * queries: same column names, type OIDs, command tag and values (PostgreSQL
    text form) in the record's sort mode, or the same error as above.
A record on which PostgreSQL hits its statement timeout is inconclusive and
counted as skipped. For our own files (own=True) a record also needs PostgreSQL to satisfy the
file's written expectation, so every expectation is checked against the real
thing. A lost connection on the candidate is a failure; the side is restarted
and the file continues in a fresh database (later records may fail for lack of
state, and are counted). Records for only one side (onlyif nano) are checked
against the expectation on that side only.
"""

import re
import time
from dataclasses import dataclass, field

import slt

MAX_DIFFS_KEPT = 5
FILE_BUDGET_S = 90.0  # wall time per file; records beyond it count as failures


@dataclass
class FileResult:
    key: str
    total: int = 0            # applicable records compared
    passed: int = 0
    skipped: int = 0          # skipif/onlyif/unsupported
    ref_expect_ok: int = 0    # reference satisfied the file's expectation
    ref_expect_total: int = 0
    lost: int = 0             # candidate connection lost (crash or kill)
    error: str = ""           # why the file could not run at all
    diffs: list = field(default_factory=list)
    expectation_misses: list = field(default_factory=list)


def _sorted_raw(outcome, sort_mode):
    rows = [tuple("NULL" if v is None else v for v in row) for row in outcome.rows]
    if sort_mode == "rowsort":
        return sorted(rows)
    if sort_mode == "valuesort":
        return sorted(v for row in rows for v in row)
    return rows


def outcomes_equal(rec, ref, cand, class_only):
    """Whether cand reproduces ref for this record (module contract)."""
    if ref.status != cand.status:
        return False
    if ref.status == "lost":
        return False
    if ref.status == "error":
        if class_only:
            return ref.sqlstate[:2] == cand.sqlstate[:2]
        return ref.sqlstate == cand.sqlstate
    if ref.tag != cand.tag:
        return False
    if rec.kind == "statement" and not rec.expect_error:
        return True
    if (ref.rows is None) != (cand.rows is None):
        return False
    if ref.rows is None:
        return True
    if ref.names != cand.names or _type_oids(ref) != _type_oids(cand):
        return False
    return _sorted_raw(ref, rec.sort_mode) == _sorted_raw(cand, rec.sort_mode)


# FirstNormalObjectId: oids from here on are allocated by each server.
_FIRST_USER_OID = 16384


def _type_oids(outcome):
    """Column type OIDs for comparison. A user-defined type's OID (an enum)
    comes from each server's own counter -- PostgreSQL's is cluster-wide --
    so both sides must only agree that the column has a user type."""
    return [oid if oid is None or oid < _FIRST_USER_OID else "user" for oid in outcome.oids]


def meets_expectation(rec, outcome, threshold):
    """Whether one side's outcome satisfies what the file says."""
    if rec.expect_error:
        if outcome.status != "error":
            return False
        if rec.error_sqlstate:
            return outcome.sqlstate == rec.error_sqlstate
        if rec.error_pattern and "\n" not in rec.error_pattern:
            try:
                return re.search(rec.error_pattern, outcome.message) is not None
            except re.error:
                return rec.error_pattern in outcome.message
        return True
    if outcome.status != "ok":
        return False
    if rec.kind == "statement":
        if rec.expect_count >= 0:
            words = outcome.tag.split()
            return bool(words) and words[-1] == str(rec.expect_count)
        return True
    if outcome.rows is None:
        return not rec.expected
    if not rec.has_expected:
        return True
    rendered = slt.format_rows(outcome.rows, rec.types)
    return slt.expected_matches(rec, rendered, threshold)


def _clip(text, limit=300):
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + " ..."


class _Session:
    """A side's connections for one file: named sessions ("connection NAME",
    default "default") on one database. After a lost connection the side gets a
    fresh database and every session reconnects to it on next use."""

    def __init__(self, side, prefix):
        self.side = side
        self.prefix = prefix
        self.current = "default"
        self.conns = {}
        self.url = None
        self.open()

    @property
    def conn(self):
        return self.conns.get("default")

    def open(self):
        self.close()
        self.url = self.side.fresh_database(self.prefix)
        self.conns["default"] = self.side.connect(self.url)

    def switch(self, name):
        self.current = name or "default"

    def run(self, sql):
        conn = self.conns.get(self.current)
        if conn is None or conn.closed:
            conn = self.conns[self.current] = self.side.connect(self.url)
        outcome = self.side.execute(conn, sql)
        if outcome.status == "lost":
            self.open()
        return outcome

    def close(self):
        for conn in self.conns.values():
            if conn is not None and not conn.closed:
                conn.close()
        self.conns = {}


def run_file(path, key, reference, candidate, limit=None, own=False, budget_s=FILE_BUDGET_S):
    result = FileResult(key=key)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        result.error = "cannot read: %s" % exc
        return result
    records = slt.parse(text, limit=limit)
    class_only = key.startswith("slt:sqlite/")  # SQLite-isms: PostgreSQL's error class is the oracle
    ref = _Session(reference, "slt")
    cand = _Session(candidate, "slt")
    if ref.conn is None:
        result.error = "reference side unavailable: %s" % (reference.start_error or "cannot connect")
    threshold = 0
    deadline = time.monotonic() + budget_s
    try:
        for rec in records:
            if time.monotonic() > deadline and rec.kind in ("statement", "query") and (
                    rec.applies_to(reference.engine_names) or rec.applies_to(candidate.engine_names)):
                # Out of time (e.g. a candidate that times out on every statement): count, don't run.
                result.total += 1
                if not result.error:
                    result.error = "file time budget (%.0f s) exhausted at line %d" % (budget_s, rec.line)
                continue
            if rec.kind == "hash-threshold":
                threshold = rec.threshold
                continue
            if rec.kind == "connection":
                ref.switch(rec.label)
                cand.switch(rec.label)
                continue
            on_ref = rec.applies_to(reference.engine_names)
            on_cand = rec.applies_to(candidate.engine_names)
            if rec.kind == "halt":
                if on_ref or on_cand:
                    break
                continue
            if rec.kind not in ("statement", "query") or not (on_ref or on_cand):
                result.skipped += 1
                continue
            _run_record(rec, ref if on_ref else None, cand if on_cand else None,
                        threshold, class_only, own, result)
    finally:
        ref.close()
        cand.close()
    return result


def _run_record(rec, ref, cand, threshold, class_only, own, result):
    result.total += 1
    ref_out = ref.run(rec.sql) if ref is not None else None
    cand_out = cand.run(rec.sql) if cand is not None else None
    if ref_out is not None and ref_out.sqlstate == "57014":
        # PostgreSQL itself ran out of time (e.g. a 9-way join in select5): inconclusive.
        result.total -= 1
        result.skipped += 1
        return
    if cand_out is not None and cand_out.status == "lost":
        result.lost += 1
    ref_meets = None
    if ref_out is not None:
        result.ref_expect_total += 1
        ref_meets = meets_expectation(rec, ref_out, threshold)
        if ref_meets:
            result.ref_expect_ok += 1
        elif len(result.expectation_misses) < MAX_DIFFS_KEPT:
            result.expectation_misses.append({
                "line": rec.line, "sql": _clip(rec.sql), "directive": rec.text,
                "reference": _clip(ref_out.summary(), 500)})
    if ref_out is not None and cand_out is not None:
        ok = outcomes_equal(rec, ref_out, cand_out, class_only)
        if own:
            ok = ok and bool(ref_meets)
    elif cand_out is not None:       # candidate-only record: the file is the oracle
        ok = meets_expectation(rec, cand_out, threshold)
    else:                            # reference-only record: nothing to compare
        ok = bool(ref_meets) if own else True
    if ok:
        result.passed += 1
    elif len(result.diffs) < MAX_DIFFS_KEPT:
        result.diffs.append({
            "line": rec.line, "sql": _clip(rec.sql), "directive": rec.text,
            "reference": _clip(ref_out.summary(), 500) if ref_out else "(not run)",
            "candidate": _clip(cand_out.summary(), 500) if cand_out else "(not run)"})
