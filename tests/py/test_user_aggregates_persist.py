# tests/py/test_user_aggregates_persist.py — user aggregates (CREATE
# AGGREGATE, with a polymorphic support function) and user operators
# (CREATE OPERATOR) survive a restart of a --data-dir server, and DROP
# AGGREGATE / DROP OPERATOR stay dropped.
import psycopg2

from nano_e2e import start_server


def run(url, statements):
    conn = psycopg2.connect(url)
    conn.autocommit = True
    cur = conn.cursor()
    for sql in statements:
        cur.execute(sql)
    rows = cur.fetchall() if cur.description else None
    conn.close()
    return rows


def test_aggregates_and_operators_survive_restart(tmp_path):
    data = str(tmp_path / "data")
    s = start_server(["--data-dir", data], memory=False)
    try:
        run(s.url, [
            "CREATE AGGREGATE mysum (int4) (sfunc = int4pl, stype = int4, initcond = '10')",
            "CREATE FUNCTION pick(anyelement, anyelement) RETURNS anyelement LANGUAGE sql "
            "AS 'SELECT coalesce($1, $2)'",
            "CREATE AGGREGATE first_of (anyelement) (sfunc = pick, stype = anyelement)",
            "CREATE AGGREGATE gone (int4) (sfunc = int4pl, stype = int4)",
            "DROP AGGREGATE gone (int4)",
            "CREATE OPERATOR #+# (function = int4pl, leftarg = int4, rightarg = int4)",
            "CREATE OPERATOR #-# (function = int4mi, leftarg = int4, rightarg = int4)",
            "DROP OPERATOR #-# (int4, int4)",
        ])
    finally:
        assert s.stop() == 0
    s = start_server(["--data-dir", data], memory=False)
    try:
        rows = run(s.url, ["SELECT mysum(x), first_of(x::text), 1 #+# 2 FROM generate_series(1, 3) x"])
        assert rows == [(16, "1", 3)]
        rows = run(s.url, ["SELECT proname, prokind FROM pg_proc p JOIN pg_aggregate a "
                           "ON a.aggfnoid = p.oid WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1"])
        assert rows == [("first_of", "a"), ("mysum", "a")]
        for sql, state in [("SELECT gone(1)", "42883"), ("SELECT 1 #-# 2", "42883")]:
            try:
                run(s.url, [sql])
                raise AssertionError(sql + " should fail")
            except psycopg2.Error as e:
                assert e.pgcode == state
    finally:
        assert s.stop() == 0
