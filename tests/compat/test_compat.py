"""Tests of the compat runner itself: the slt parser and formatter, psql output
splitting, outcome comparison and the ratchet (including a real run whose
count falls below the ratchet and must fail).

Run: /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/compat/test_compat.py
"""

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ratchet  # noqa: E402
import regress  # noqa: E402
import slt  # noqa: E402
from servers import Outcome  # noqa: E402
from slt_runner import meets_expectation, outcomes_equal  # noqa: E402

SAMPLE = """\
# comment
statement ok
CREATE TABLE t(a INT, b TEXT)

skipif mysql
statement error (42P01)
SELECT * FROM missing

statement count 2
INSERT INTO t VALUES (1, 'x'), (2, NULL)

onlyif sqlite
query I nosort
SELECT 1

hash-threshold 8

query IT rowsort label-1
SELECT a, b FROM t
----
1
x
2
NULL

query error relation .* does not exist
SELECT * FROM nope

control sortmode rowsort

halt

statement ok
SELECT 'never parsed as runnable after halt is honoured'
"""


def test_parse_records_and_conditions():
    records = slt.parse(SAMPLE)
    kinds = [r.kind for r in records]
    assert kinds == ["statement", "statement", "statement", "query", "hash-threshold", "query", "query",
                     "unsupported", "halt", "statement"]
    assert records[1].expect_error and records[1].error_sqlstate == "42P01"
    assert records[1].skipif == ["mysql"] and records[1].applies_to({"postgresql"})
    assert records[2].expect_count == 2
    assert records[3].onlyif == ["sqlite"] and not records[3].applies_to({"postgresql"})
    assert records[4].threshold == 8
    q = records[5]
    assert (q.types, q.sort_mode, q.label) == ("IT", "rowsort", "label-1")
    assert q.expected == ["1", "x", "2", "NULL"] and q.line == 18
    assert records[6].expect_error and records[6].error_pattern == "relation .* does not exist"


def test_parse_limit_counts_runnable_records():
    records = slt.parse(SAMPLE, limit=2)
    assert [r.kind for r in records] == ["statement", "statement"]


def test_format_values_like_sqllogictest():
    assert slt.format_value(None, "I") == "NULL"
    assert slt.format_value("", "T") == "(empty)"
    assert slt.format_value("42", "I") == "42"
    assert slt.format_value("2.9", "I") == "2"
    assert slt.format_value("1.23456", "R") == "1.235"
    assert slt.format_value("abc", "T") == "abc"


def test_expected_matches_value_row_and_hash_layouts():
    rec = slt.parse("query IT rowsort\nSELECT 1\n----\n1\na\n2\nb\n")[0]
    assert slt.expected_matches(rec, [["2", "b"], ["1", "a"]], 0)
    assert not slt.expected_matches(rec, [["2", "b"], ["1", "c"]], 0)
    values = ["1", "a", "2", "b"]
    hashed = "query IT rowsort\nSELECT 1\n----\n4 values hashing to %s\n" % slt.hash_values(values)
    assert slt.expected_matches(slt.parse(hashed)[0], [["2", "b"], ["1", "a"]], 0)
    rs_layout = slt.parse("query II\nSELECT 1, 2\n----\n1 2\n3 4\n")[0]
    assert slt.expected_matches(rs_layout, [["1", "2"], ["3", "4"]], 0)


def test_outcome_comparison():
    query = slt.parse("query I rowsort\nSELECT 1\n")[0]
    a = Outcome("ok", tag="SELECT 2", names=["x"], oids=[23], rows=[("1",), ("2",)])
    b = Outcome("ok", tag="SELECT 2", names=["x"], oids=[23], rows=[("2",), ("1",)])
    assert outcomes_equal(query, a, b, class_only=False)
    c = Outcome("ok", tag="SELECT 2", names=["x"], oids=[20], rows=[("2",), ("1",)])
    assert not outcomes_equal(query, a, c, class_only=False)  # int8 is not int4
    d = Outcome("ok", tag="SELECT 2", names=["x"], oids=[23], rows=[("2.0",), ("1",)])
    assert not outcomes_equal(query, a, d, class_only=False)  # rendering differs
    # An enum's OID is each server's own; it must be a user OID on both sides.
    u1 = Outcome("ok", tag="SELECT 2", names=["x"], oids=[16386], rows=[("1",), ("2",)])
    u2 = Outcome("ok", tag="SELECT 2", names=["x"], oids=[16384], rows=[("1",), ("2",)])
    assert outcomes_equal(query, u1, u2, class_only=False)
    assert not outcomes_equal(query, u1, a, class_only=False)  # text is not a user type
    e1, e2 = Outcome("error", sqlstate="42883"), Outcome("error", sqlstate="42804")
    assert not outcomes_equal(query, e1, e2, class_only=False)
    assert outcomes_equal(query, e1, e2, class_only=True)
    assert not outcomes_equal(query, Outcome("lost"), Outcome("lost"), class_only=True)
    stmt = slt.parse("statement count 3\nINSERT INTO t SELECT 1\n")[0]
    assert meets_expectation(stmt, Outcome("ok", tag="INSERT 0 3"), 0)
    assert not meets_expectation(stmt, Outcome("ok", tag="INSERT 0 2"), 0)


def test_split_statements_attributes_output_by_echo():
    sql = ["-- a comment", "SELECT 1 AS x;", "", "INSERT INTO t", "  VALUES (1);", "\\set foo 1",
           "SELECT 2;"]
    out = ["-- a comment", "SELECT 1 AS x;", " x ", "---", " 1", "(1 row)", "", "",
           "INSERT INTO t", "  VALUES (1);", "ERROR:  42P01", "\\set foo 1", "SELECT 2;", "ERROR:  XX000"]
    chunks = regress.split_statements(sql, out)
    assert [c[0] for c in chunks] == ["-- a comment\nSELECT 1 AS x;", "\nINSERT INTO t\n  VALUES (1);",
                                      "\\set foo 1", "SELECT 2;"]
    assert chunks[0][1][:4] == [" x ", "---", " 1", "(1 row)"]
    assert chunks[1][1] == ["ERROR:  42P01"]
    assert chunks[2][1] == []
    assert chunks[3][1] == ["ERROR:  XX000"]
    assert all(c[2] for c in chunks)
    cut = regress.split_statements(sql, out[:10] + ["server closed the connection unexpectedly"])
    assert [c[2] for c in cut] == [True, True, False, False]


def test_statements_psql_never_ran_fail_even_without_output():
    sql = "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n"
    ref = sql
    cand = "psql: error: connection to server failed\n"
    result = regress.compare_outputs("regress:x", sql, ref, cand)
    assert (result.passed, result.total) == (0, 2)
    assert regress.compare_outputs("regress:x", sql, ref, ref).passed == 2


def test_compare_outputs_explain_only_success_or_failure():
    sql = "EXPLAIN SELECT 1;\nSELECT 1;\n"
    ref = "EXPLAIN SELECT 1;\n Result (cost=0.00..0.01)\nSELECT 1;\n 1\n"
    cand = "EXPLAIN SELECT 1;\n Values Scan\nSELECT 1;\n 2\n"
    result = regress.compare_outputs("regress:x", sql, ref, cand)
    assert (result.passed, result.total) == (1, 2)
    assert result.diffs[0]["line"] == 2 and result.diffs[0]["sql"] == "SELECT 1;"


def test_ratchet_check_and_raise_only_up():
    old = {"a": 5, "b": 3, "gone": 1}
    assert ratchet.check(old, {"a": 5, "b": 2}) == [("b", 3, 2), ("gone", 1, 0)]
    assert ratchet.check(old, {"a": 6, "b": 3, "gone": 1}) == []
    assert ratchet.raised(old, {"a": 4, "b": 9, "new": 2}) == {"a": 5, "b": 9, "gone": 1, "new": 2}


def _run_against_postgres(tmp_path, ratchet_counts, *extra):
    path = tmp_path / "ratchet.json"
    path.write_text(json.dumps({"mode": "ci", "counts": ratchet_counts}))
    proc = subprocess.run(
        [sys.executable, str(HERE / "run_compat.py"), "--candidate", "postgres", "--no-regress",
         "--only", "slt:sqllogictest-rs/basic.slt", "--ratchet", str(path),
         "--report-dir", str(tmp_path / "report"), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    return proc, json.loads(path.read_text()), tmp_path / "report" / "report.md"


def test_run_fails_when_a_count_drops_below_the_ratchet(tmp_path):
    key = "slt:sqllogictest-rs/basic.slt"
    proc, _, report = _run_against_postgres(tmp_path, {key: 999})
    assert proc.returncode == 1, proc.stdout
    assert "ratchet drop: %s passes 18, ratchet requires 999" % key in proc.stdout
    assert report.exists() and "ratchet drops" in report.read_text()


def test_run_passes_at_the_ratchet_and_update_only_raises(tmp_path):
    key = "slt:sqllogictest-rs/basic.slt"
    proc, data, _ = _run_against_postgres(tmp_path, {key: 3, "slt:other.test": 7}, "--update-ratchet")
    assert proc.returncode == 0, proc.stdout
    assert data["counts"] == {key: 18, "slt:other.test": 7}


def test_own_slt_expectations_are_checked_against_postgres(tmp_path):
    own = tmp_path / "slt"
    own.mkdir()
    (own / "mine.slt").write_text(
        "statement ok\nCREATE TABLE t (a int, b text)\n\n"
        "statement count 2\nINSERT INTO t VALUES (1, 'é'), (2, NULL)\n\n"
        "query IT rowsort\nSELECT a, b FROM t\n----\n1\né\n2\nNULL\n\n"
        "# wrong on purpose: PostgreSQL says 2\n"
        "query I\nSELECT count(*) FROM t\n----\n3\n\n"
        "statement error (42P01)\nSELECT * FROM missing\n\n"
        "onlyif nano\nquery I\nSELECT 1\n----\n1\n")
    proc = subprocess.run(
        [sys.executable, str(HERE / "run_compat.py"), "--candidate", "postgres", "--no-regress",
         "--own-slt", str(own), "--only", "own:mine.slt", "--no-ratchet", "--report-dir", str(tmp_path / "r")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout
    # 5 records run on both PostgreSQL sides, the onlyif-nano one on neither: 4 pass, the wrong one fails.
    assert "own:mine.slt" in proc.stdout and " 4/5 " in proc.stdout, proc.stdout
    report = (tmp_path / "r" / "report.md").read_text()
    contradicted = report.split("expectations that PostgreSQL contradicts")[1]
    assert "own:mine.slt line 16 `query I`" in contradicted and "rows=[2]" in contradicted, report


def test_watchdog_fires_once_armed_and_not_after_disarm():
    import threading
    from servers import Watchdog
    dog = Watchdog("test")
    fired = threading.Event()
    dog.arm(0.05, fired.set)
    assert fired.wait(5)
    quiet = threading.Event()
    dog.arm(0.2, quiet.set)
    dog.disarm()
    assert not quiet.wait(0.4)
    dog.close()


def test_candidate_losing_its_connection_is_counted_and_the_file_continues(tmp_path):
    from servers import Side
    from slt_runner import run_file
    script = tmp_path / "crash.slt"
    script.write_text(
        "statement ok\nCREATE TABLE t (a int)\n\n"
        "onlyif nano\nstatement ok\nSELECT pg_terminate_backend(pg_backend_pid())\n\n"
        "query I\nSELECT 1\n----\n1\n\n"
        "query I\nSELECT count(*) FROM t\n----\n0\n")
    reference = Side("postgres", "pg", {"postgresql"})
    # A PostgreSQL that also answers to "nano", so the onlyif-nano record kills only its session.
    candidate = Side("postgres-b", "pg", {"postgresql", "nano"})
    try:
        assert reference.start() and candidate.start()
        result = run_file(script, "own:crash.slt", reference, candidate, own=True)
    finally:
        candidate.close()
        reference.close()
    assert (result.total, result.passed, result.lost) == (4, 2, 1), result
    # After the loss the candidate continues in a fresh database: t is gone there.
    assert "42P01" in result.diffs[-1]["candidate"], result.diffs


def test_named_connections_are_separate_sessions_on_one_database(tmp_path):
    own = tmp_path / "slt"
    own.mkdir()
    (own / "sessions.slt").write_text(
        "statement ok\nCREATE TABLE acct (id int, bal int)\n\n"
        "statement ok\nINSERT INTO acct VALUES (1, 100)\n\n"
        "connection a\n\nstatement ok\nBEGIN\n\n"
        "statement ok\nUPDATE acct SET bal = 90\n\n"
        "connection b\n\nquery I\nSELECT bal FROM acct\n----\n100\n\n"
        "connection a\n\nstatement ok\nCOMMIT\n\n"
        "connection b\n\nquery I\nSELECT bal FROM acct\n----\n90\n")
    assert [r.kind for r in slt.parse((own / "sessions.slt").read_text())].count("connection") == 4
    proc = subprocess.run(
        [sys.executable, str(HERE / "run_compat.py"), "--candidate", "postgres", "--no-regress",
         "--own-slt", str(own), "--only", "own:sessions.slt", "--no-ratchet", "--report-dir", str(tmp_path / "r")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    assert proc.returncode == 0 and " 7/7 " in proc.stdout, proc.stdout


def test_pg_regress_resumes_after_a_hung_statement(tmp_path):
    """A 'Nano' that never answers one statement: the runner kills it after the stall
    time, restarts it, replays the file so far and resumes after the hung statement."""
    import psycopg2
    from servers import PostgresServer, Side

    class HangingServer(Side):
        """A PostgreSQL posing as Nano (no statement_timeout); kill() ends every session."""

        def __init__(self):
            super().__init__("fake-nano", "nano", {"postgresql", "nano"})
            self.kills = 0

        def start(self):
            self.server = PostgresServer().start()
            return True

        def kill(self):
            self.kills += 1
            conn = psycopg2.connect(self.server.url)
            conn.autocommit = True
            conn.cursor().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'")
            conn.close()

    corpus = tmp_path / "pg_regress"
    (corpus / "sql").mkdir(parents=True)
    (corpus / "schedule").write_text("test: hang\n")
    (corpus / "sql" / "hang.sql").write_text(
        "CREATE TABLE a (x int);\nINSERT INTO a VALUES (1);\nSELECT pg_sleep(60);\nSELECT x FROM a;\n")
    reference = Side("postgres", "pg", {"postgresql"}, statement_timeout_s=2.0)
    candidate = HangingServer()
    try:
        assert reference.start() and candidate.start()
        [result] = regress.run_schedule(corpus, reference, candidate, stall_s=1.0)
    finally:
        candidate.close()
        reference.close()
    assert candidate.kills == 1 and candidate.restarts == 1
    # CREATE, INSERT and the final SELECT (after the replay) agree; the hung statement does not.
    assert (result.passed, result.total) == (3, 4), result
    assert result.diffs[0]["line"] == 3 and "no answer within 1 s" in result.diffs[0]["candidate"]
