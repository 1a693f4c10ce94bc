"""Edge values of every supported type, rendered by psql and psycopg2 on a
heliosdb-nano server and on PostgreSQL 15: the output must be identical
(issue 7's "differential test of edge values").

A wide table `edge_values` gets one column per type (plus array columns and
typmod variants); row i holds the i-th edge value of each type, NULL where a
type has fewer values, and a last row of NULLs everywhere. The values are
written as SQL text literals and stored with one UPDATE per value, so a
value one server rejects shows up as its own differing statement (every
statement's outcome, success or SQLSTATE and message, is compared).

Then, on both servers:
  * psql (aligned, as pg_regress runs it) renders each column, its ::text, and
    array_agg over it; timestamptz/timetz under several named zones (DST gaps
    and overlaps, LMT offsets before 1900, half-hour zones); intervals under
    every IntervalStyle; bytea in hex and escape output; floats with
    extra_float_digits 0..3 and -15; the whole table at once;
  * psycopg2 fetches every value (its Python value's repr, or the conversion
    error for dates out of Python's range) together with the cursor's column
    description (type OID, size, precision, scale from the typmod);
  * invalid inputs (overflow, bad syntax, out-of-range dates, too-long
    strings, bad unicode escapes) must fail with the same SQLSTATE and message.

Nothing here is copied from either server's output: each test compares the
two servers, plus a few checks that the comparison really saw the values.

Left out, because the engine does not support them yet (or another issue
owns them): enum types and domains (tests/slt/enum_domain.slt covers them
against PostgreSQL), the network, range, bit-string, xml and
tsvector types, and multi-dimensional arrays with non-default lower bounds in
psycopg2 (it parses only the text form, which is compared through psql).
"""
import os
import subprocess
import sys

import pytest

from nano_e2e import ROOT, start_server

sys.path.insert(0, os.path.join(ROOT, "fixtures", "pytest"))
from pytest_heliosdb_nano.pg import PostgresServer  # noqa: E402

psycopg2 = pytest.importorskip("psycopg2")


def q(s):
    """A standard-conforming SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


THOUSAND_DIGITS = "1" + "234567890" * 111  # 1000 digits
LONG_FRACTION = "0." + "0" * 500 + "1"

# column name -> (SQL type, edge values as SQL expressions). Literals are
# untyped, so they go through the column type's input function.
COLUMNS = {
    "c_bool": ("boolean", ["true", "false", q("yes"), q(" off "), q("1")]),
    "c_int2": ("smallint", ["-32768", "32767", "0", "-1", q(" 42 ")]),
    "c_int4": ("integer", ["-2147483648", "2147483647", "0", q("-0"), q("+17")]),
    "c_int8": ("bigint", ["-9223372036854775808", "9223372036854775807", "0", q("4567890123456789")]),
    "c_float4": ("real", [q(v) for v in [
        "-0", "NaN", "Infinity", "-Infinity", "1.4e-45", "1.17549435e-38", "3.4028235e38", "0.1",
        "1e-10", "123456.7", "16777217", "-1.5", "7.0e-40"]]),
    "c_float8": ("double precision", [q(v) for v in [
        "-0", "NaN", "Infinity", "-Infinity", "4.9e-324", "2.2250738585072014e-308",
        "1.7976931348623157e308", "0.1", "1e308", "1e-7", "123456789012345680", "0.30000000000000004",
        "1e22", "1e21", "100", "-2.5e-5"]]),
    "c_numeric": ("numeric", [q(v) for v in [
        "0", "-0", "NaN", "Infinity", "-Infinity", THOUSAND_DIGITS, "-" + THOUSAND_DIGITS + ".5",
        LONG_FRACTION, "1.500", "-1e-20", "1e20", "0.000", "123.4560"]]),
    "c_numeric_10_3": ("numeric(10,3)", [q(v) for v in [
        "1.5", "-0.0005", "0.0004", "9999999.999", "-9999999.9994", "NaN", "0"]]),
    "c_numeric_neg_scale": ("numeric(5,-2)", [q(v) for v in ["12345", "-9999949", "49", "50", "0"]]),
    "c_text": ("text", [q(v) for v in [
        "", "a", "héllo wörld", "日本語", "🐘 elephant", '"quoted"', "back\\slash", "  padded  ",
        "NULL", "a,b", "{x}"]] + ["E'tab\\tnew\\nline'", "E'\\u00e9\\U0001F600'"]),
    "c_varchar5": ("varchar(5)", [q(v) for v in ["", "abc", "abcde", "abcde   ", "ñandú", "ab  "]]),
    "c_varchar": ("varchar", [q(v) for v in ["x" * 300, "trailing   ", "ü"]]),
    "c_char5": ("char(5)", [q(v) for v in ["", "a", "ñ", "abcde", "ab   ", "abcde   ", " lead"]]),
    "c_char": ("char", [q(v) for v in ["x", " ", "ä"]]),
    "c_bytea": ("bytea", [q(v) for v in [
        "\\x", "\\x00ff", "\\xDEADBEEF", "a\\000b", "\\\\", "plain text", "\\x0a0d09", "é"]]),
    "c_date": ("date", [q(v) for v in [
        "2000-02-29", "1900-02-28", "2024-02-29", "0001-01-01", "0001-12-31 BC", "4714-11-24 BC",
        "5874897-12-31", "infinity", "-infinity", "epoch", "1999-01-08", "January 8, 99 BC"]]),
    "c_time": ("time", [q(v) for v in [
        "00:00", "23:59:59.999999", "24:00:00", "12:34:56.789", "04:05 PM", "23:59:59.9999996"]]),
    "c_time3": ("time(3)", [q(v) for v in ["12:34:56.7895", "23:59:59.9999"]]),
    "c_timetz": ("timetz", [q(v) for v in [
        "00:00+00", "23:59:59.999999-15:59", "12:00:00+05:30", "24:00:00+15:59", "04:05:06 PST",
        "01:02:03.5-08:00:30"]]),
    "c_timestamp": ("timestamp", [q(v) for v in [
        "2000-02-29 12:00", "4714-11-24 00:00:00 BC", "294276-12-31 23:59:59.999999", "infinity",
        "-infinity", "1999-12-31 23:59:59.9999995", "0044-03-15 BC", "epoch", "2021-03-14 02:30",
        "1997-12-17 07:37:16-08", "J2451187"]]),
    "c_timestamp0": ("timestamp(0)", [q(v) for v in ["2000-01-01 00:00:00.5", "2000-01-01 23:59:59.49"]]),
    "c_timestamptz": ("timestamptz", [q(v) for v in [
        "2021-03-14 02:30 America/New_York", "2021-11-07 01:30 America/New_York",
        "2021-03-28 02:30 Europe/Berlin", "2021-10-31 02:30 Europe/Berlin",
        "2000-01-01 00:00+14", "1800-01-01 00:00 UTC", "1901-12-13 20:45:52+00", "infinity", "-infinity",
        "294276-12-31 23:59:59.999999+00", "4714-11-24 00:00:00+00 BC", "2000-02-29 23:59:59.999999-12",
        "2019-04-06 15:45 Australia/Lord_Howe", "2022-06-01 12:00 Asia/Kolkata", "epoch"]]),
    "c_interval": ("interval", [q(v) for v in [
        "1 year 2 months 3 days 04:05:06.789", "-1 year -2 mons +3 days -04:05:06", "0",
        "178000000 years", "-178000000 years", "1 millennium 2 centuries 3 decades", "1.5 weeks",
        "@ 1 minute ago", "P1Y2M3DT4H5M6S", "2147483647 days", "-2147483648 months", "1 microsecond",
        "00:00:00.000001", "-00:00:01", "1 day -1 second", "2562047788:00:54.775807", "P0.5Y",
        "1-2", "3 4:05:06",
        "1 millennium 1 century 1 decade 1 year 1 month 1 week 1 day 1 hour 1 minute 1 second"
        " 1 millisecond 1 microsecond",
        "1 y 2 mon 3 w 4 d 5 h 6 m 7 s 8 ms 9 us", "-1 days +2 hours -3 minutes +4.5 seconds",
        "1.5 years 2.5 months 1.25 days", "@ 2 hours 3 mins ago", "PT1.5S", "P0001-02-03T04:05:06"]]),
    "c_interval_dts": ("interval day to second(2)", [q(v) for v in ["1 day 02:03:04.5678", "-1.005 seconds"]]),
    "c_uuid": ("uuid", [q(v) for v in [
        "00000000-0000-0000-0000-000000000000", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
        "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}", "ffffffffffffffffffffffffffffffff",
        "a0eebc999c0b4ef8bb6d6bb9bd380a11"]]),
    "c_json": ("json", [q(v) for v in [
        '{"a":1, "b":[1,2,{"c":null}]}', '"\\u00e9\\ud83d\\ude00"', "1e400", "[]", "{}",
        '  {"dup":1,"dup":2}  ', "null", "-0.0", "123456789012345678901234567890", '"日本"',
        '{"deep":{"deeper":{"deepest":[[[]]]}}}']]),
    "c_jsonb": ("jsonb", [q(v) for v in [
        '{"b":1,"a":2,"aa":3, "c":{"z":[1,"x",null,true]}}', '{"dup":1,"dup":2}', "1.0e2", "-0.0",
        '"\\u00e9\\ud83d\\ude00"', "[]", "{}", "null", "1e-5", "123456789012345678901234567890.0100",
        '"tab\\tquote\\"slash\\\\"', '[1, [2, [3, [4]]]]', '{"":""}', "true", '"\\u0041"']]),
    "c_int4_arr": ("integer[]", [q(v) for v in [
        "{}", "{1,NULL,3}", "{{1,2},{3,4}}", "[0:2]={1,2,3}", "{-2147483648,2147483647}",
        "{{{1}},{{2}}}", " { 1 , 2 } "]]),
    "c_text_arr": ("text[]", [q(v) for v in [
        "{}", '{"a b","",NULL,"NULL",null,"\\"q\\"","back\\\\slash","{x}","a,b"}', "{{a,b},{c,d}}",
        "{ünï,日本}", '{" lead","trail "}']] + ["ARRAY['x', NULL, E'new\\nline']"]),
    "c_float8_arr": ("double precision[]", [q("{NaN,Infinity,-Infinity,-0,0.1,1e308}")]),
    "c_numeric_arr": ("numeric[]", [q("{1.50,NaN,-0,1e-3}")]),
    "c_bool_arr": ("boolean[]", [q("{t,f,NULL}")]),
    "c_date_arr": ("date[]", [q("{2000-02-29,infinity,-infinity,\"0001-01-01 BC\"}")]),
    "c_timestamptz_arr": ("timestamptz[]", [q('{"2021-03-14 02:30 America/New_York",infinity}')]),
    "c_interval_arr": ("interval[]", [q('{"1 day","-1 mon +2 hours",0}')]),
    "c_uuid_arr": ("uuid[]", [q("{00000000-0000-0000-0000-000000000000}")]),
    "c_jsonb_arr": ("jsonb[]", [q('{"{\\"a\\": 1}","[1, 2]",null,"\\"s\\""}')]),
    "c_bytea_arr": ("bytea[]", [q('{"\\\\x00ff",NULL}'), "ARRAY['\\x'::bytea, 'a\\000'::bytea]"]),
    "c_char5_arr": ("char(5)[]", [q("{a,bb,\"c c\"}")]),
    "c_varchar_arr": ("varchar[]", [q('{"",x}')]),
    "c_money": ("money", [q(v) for v in [
        "$1,000.00", "-92233720368547758.08", "92233720368547758.07", "0", "(12.5)", "1.005", "12-",
        " $ 7 "]] + ["100::money"]),
    "c_point": ("point", [q(v) for v in [
        "(0,0)", "(1e-300,-1e-300)", "(1e+300,Inf)", " ( Nan , NaN ) ", "10.0,10.0",
        "(0.1,-0.30000000000000004)", "(-0,4.9e-324)"]]),
    "c_lseg": ("lseg", [q(v) for v in ["[(1,2),(3,4)]", "(0.1,0.2),(1e300,-Inf)"]]),
    "c_line": ("line", [q(v) for v in ["{1,2,3}", "[(0,0),(1,3)]", "{0.1,-1,NaN}"]]),
    "c_box": ("box", [q(v) for v in ["(3,4),(1,2)", "1,4,3,2", "(0.1,0.2),(-0.3,1e10)"]]),
    "c_path": ("path", [q(v) for v in ["[(1,2),(3,4),(5,6)]", "((0,0),(1,1))", "(1,2,3,4)"]]),
    "c_polygon": ("polygon", [q(v) for v in ["((1,2),(3,4),(5,6))", "(0.1,0.2)"]]),
    "c_circle": ("circle", [q(v) for v in ["<(1,2),3>", "((0.1,0.2),1e-5)", "<(1,2),NaN>"]]),
    "c_point_arr": ("point[]", [q('{"(1,2)",NULL}')]),
    "c_box_arr": ("box[]", [q("{(1,2),(3,4);(0,0),(1,1)}")]),
    "c_money_arr": ("money[]", [q("{$1.00,-$2.50}")]),
    # A composite type (created first, see USER_TYPES): every field kind's
    # quoting in record_out / record_in, NULL and empty fields, nesting.
    "c_row": ("edge_row", [q(v) for v in [
        '(1,x,1.5,2000-02-29,"{1,2}")', "(,,,,)", '(-2147483648,"a,b",NaN,infinity,{})',
        '(0,"",-0,epoch,"{NULL}")', '(" 7 ","with \\"quote\\" and \\\\",1e3,"January 8, 99 BC",)',
        '(2147483647,"(parens)",-0.000,,"{{1},{2}}")', "( 1 ,  spaced  ,,,)",
        '(3,"日本語 🐘",' + THOUSAND_DIGITS + ",,)"]] + [
        "ROW(4, E'tab\\tnew\\nline', 0.1, '2024-02-29', ARRAY[]::int[])"]),
}

NROWS = max(len(vals) for _, vals in COLUMNS.values()) + 1  # + a row of NULLs

# (Conversions that would leave the timestamp range in some zone are guarded
# with CASE: both servers fail them alike, which would hide the other rows.)

# Inputs both servers must reject identically (SQLSTATE and message).
INVALID = [
    ("smallint", "32768"), ("smallint", "1.5"), ("integer", "2147483648"), ("integer", "12abc"),
    ("bigint", "9223372036854775808"), ("bigint", ""), ("real", "1e39"), ("real", "1e-46"),
    ("double precision", "1e309"), ("double precision", "abc"), ("numeric", "1e131072"),
    ("numeric(3,1)", "100"), ("numeric", "1.2.3"), ("boolean", "maybe"),
("bytea", "\\xabc"), ("bytea", "\\q"), ("date", "2001-02-29"),
    ("date", "5874898-01-01"), ("date", "4714-11-23 BC"), ("time", "24:00:01"),
    ("timetz", "00:00+16"), ("timestamp", "294277-01-01 00:00"), ("timestamp", "2000-13-01"),
    ("timestamptz", "2000-01-01 00:00 Mars/Olympus"), ("interval", "1 fortnight"),
    ("interval", "2147483648 days"), ("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1"),
    ("json", "{\"a\":}"), ("jsonb", "\"\\u0000\""), ("jsonb", "\"\\ud83d\""), ("jsonb", "[1,2"),
    ("integer[]", "{1,2"), ("integer[]", "{{1},{2,3}}"), ("text[]", "{a}}"),
    ("point", "(1,2"), ("point", "(1e400,0)"), ("box", "[(1,2),(3,4)]"), ("circle", "<(1,2),-3>"),
    ("line", "{0,0,1}"), ("lseg", "(1,2)"), ("path", "[(1,2)"), ("polygon", "(1,2),(3"),
    ("money", "12x"), ("money", "92233720368547758.08"),
]

# Values too long for the column: an error on assignment (explicit casts truncate).
TOO_LONG = [("c_varchar5", "abcdef"), ("c_char5", "ñandúx"), ("c_varchar5", "abcde     x"),
            ("c_numeric_10_3", "99999999.9995"), ("c_numeric_neg_scale", "9999950")]

ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata",
         "Pacific/Chatham", "Etc/GMT+12", "Europe/Dublin"]
INTERVAL_STYLES = ["postgres", "postgres_verbose", "sql_standard", "iso_8601"]


def psql(url, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PAGER": "", "PSQL_PAGER": ""})
    return subprocess.run(["psql", "-X", "-d", url, *args], capture_output=True, text=True, timeout=60,
                          env=env)


def statement_outcome(conn, sql):
    """None when `sql` succeeds, else (SQLSTATE, message) of its error."""
    with conn.cursor() as cur:
        try:
            cur.execute(sql)
            return None
        except psycopg2.Error as e:
            return (e.pgcode, (e.pgerror or "").splitlines()[0] if e.pgerror else str(e))


# Types the columns use, created before the table.
USER_TYPES = ["CREATE TYPE edge_row AS (i integer, t text, n numeric, d date, a integer[])"]


def setup_statements():
    cols = ", ".join(f"{name} {typ}" for name, (typ, _) in COLUMNS.items())
    stmts = USER_TYPES + [f"CREATE TABLE edge_values (id integer PRIMARY KEY, {cols})",
             f"INSERT INTO edge_values (id) SELECT generate_series(1, {NROWS})"]
    for name, (_, values) in COLUMNS.items():
        for i, v in enumerate(values, start=1):
            stmts.append(f"UPDATE edge_values SET {name} = {v} WHERE id = {i}")
    return stmts


@pytest.fixture(scope="module")
def servers():
    nano = start_server()
    pg = PostgresServer()
    try:
        pg.start()
        urls = {"nano": nano.url, "pg": pg.url}
        outcomes = {}
        for side, url in urls.items():
            conn = psycopg2.connect(url)
            conn.autocommit = True
            # Literals with explicit zones are absolute; the rest are read in UTC.
            statement_outcome(conn, "SET TimeZone = 'UTC'")
            outcomes[side] = [(s, statement_outcome(conn, s)) for s in setup_statements()]
            conn.close()
        yield {"urls": urls, "setup": outcomes}
    finally:
        pg.stop()
        nano.stop()


def both_psql(servers, *args):
    """psql on both servers: the same exit code, stdout and stderr; returns stdout."""
    nano = psql(servers["urls"]["nano"], *args)
    pg = psql(servers["urls"]["pg"], *args)
    assert (nano.returncode, nano.stdout, nano.stderr) == (pg.returncode, pg.stdout, pg.stderr), (
        f"psql {' '.join(args)[:2000]}\n--- nano (exit {nano.returncode})\n{nano.stdout}{nano.stderr}"
        f"\n--- postgres (exit {pg.returncode})\n{pg.stdout}{pg.stderr}")
    return pg.stdout


def test_every_edge_value_is_stored_alike(servers):
    nano, pg = servers["setup"]["nano"], servers["setup"]["pg"]
    differing = [(s[:300], n, p) for (s, n), (_, p) in zip(nano, pg) if n != p]
    assert not differing, "\n".join(f"{s}\n  nano: {n}\n  postgres: {p}" for s, n, p in differing)
    # PostgreSQL accepts every listed value: the table really holds them.
    assert all(outcome is None for _, outcome in pg)


@pytest.mark.parametrize("column", list(COLUMNS))
def test_psql_renders_column(servers, column):
    out = both_psql(servers, "-c", "SET TimeZone = 'UTC'", "-c",
                    f"SELECT id, {column}, {column}::text AS as_text FROM edge_values ORDER BY id")
    assert f"({NROWS} rows)" in out
    if not column.endswith("_arr"):  # arrays of arrays need equal dimensions
        out = both_psql(servers, "-c", "SET TimeZone = 'UTC'", "-c",
                        f"SELECT array_agg({column} ORDER BY id) FROM edge_values")
        assert "(1 row)" in out


def test_psql_renders_whole_table(servers):
    out = both_psql(servers, "-c", "SET TimeZone = 'UTC'", "-c", "SELECT * FROM edge_values ORDER BY id")
    assert f"({NROWS} rows)" in out
    both_psql(servers, "-A", "-t", "-c", "SET TimeZone = 'UTC'", "-c",
              "SELECT * FROM edge_values ORDER BY id")


@pytest.mark.parametrize("zone", ZONES)
def test_psql_renders_zoned_values(servers, zone):
    out = both_psql(servers, "-c", f"SET TimeZone = {q(zone)}", "-c",
                    "SELECT id, c_timestamptz, c_timestamptz::date AS day,"
                    " CASE WHEN c_timestamptz NOT BETWEEN '4714-11-24 00:00+00 BC' AND '4714-11-26 00:00+00 BC'"
                    " AND c_timestamptz < '294276-12-30 00:00+00' THEN c_timestamptz::timestamp END AS local,"
                    " c_timetz, CASE WHEN c_timestamp NOT BETWEEN '4714-11-24 BC' AND '4714-11-26 BC'"
                    " AND c_timestamp < '294276-01-01' THEN c_timestamp::timestamptz END AS from_local,"
                    " CASE WHEN c_date NOT BETWEEN '4714-11-24 BC' AND '4714-11-26 BC'"
                    " AND c_date < '294276-01-01' THEN c_date::timestamptz END AS midnight,"
                    " c_timestamptz_arr FROM edge_values ORDER BY id")
    assert f"({NROWS} rows)" in out


@pytest.mark.parametrize("style", INTERVAL_STYLES)
def test_psql_renders_interval_styles(servers, style):
    out = both_psql(servers, "-c", f"SET IntervalStyle = {style}", "-c",
                    "SELECT id, c_interval, c_interval_dts, c_interval_arr FROM edge_values ORDER BY id")
    assert f"({NROWS} rows)" in out


@pytest.mark.parametrize("datestyle", ["ISO, MDY", "SQL, DMY", "Postgres, MDY", "German"])
def test_psql_renders_date_styles(servers, datestyle):
    both_psql(servers, "-c", "SET TimeZone = 'America/New_York'", "-c", f"SET DateStyle = {q(datestyle)}",
              "-c", "SELECT id, c_date, c_timestamp, c_timestamptz, c_date_arr FROM edge_values ORDER BY id")


@pytest.mark.parametrize("output", ["hex", "escape"])
def test_psql_renders_bytea_outputs(servers, output):
    both_psql(servers, "-c", f"SET bytea_output = {output}", "-c",
              "SELECT id, c_bytea, c_bytea_arr FROM edge_values ORDER BY id")


@pytest.mark.parametrize("digits", [-15, 0, 1, 3])
def test_psql_renders_float_digits(servers, digits):
    both_psql(servers, "-c", f"SET extra_float_digits = {digits}", "-c",
              "SELECT id, c_float4, c_float8, c_float8_arr, c_point, c_lseg, c_line, c_box, c_path, "
              "c_polygon, c_circle FROM edge_values ORDER BY id")


def py_repr(value):
    """repr() with buffers (bytea) as bytes: a memoryview's repr is its address."""
    if isinstance(value, memoryview):
        return repr(value.tobytes())
    if isinstance(value, (list, tuple)):
        inner = ", ".join(py_repr(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    return repr(value)


def fetch_python(url, column):
    """(description, [repr of each value or of its conversion error]) via psycopg2."""
    conn = psycopg2.connect(url)
    conn.autocommit = True
    try:
        values = []
        with conn.cursor() as cur:
            cur.execute("SET TimeZone = 'Europe/Berlin'")
            description = None
            for i in range(1, NROWS + 1):
                try:
                    cur.execute(f"SELECT {column} FROM edge_values WHERE id = %s", (i,))
                    # User types' oids are each server's own: compare "a user type".
                    description = [tuple("user type" if k == 1 and isinstance(x, int) and x >= 16384
                                         else x for k, x in enumerate(d)) for d in cur.description]
                    values.append(py_repr(cur.fetchone()))
                except (psycopg2.Error, ValueError, OverflowError) as e:
                    values.append(f"{type(e).__name__}: {e}".strip())
        return description, values
    finally:
        conn.close()


@pytest.mark.parametrize("column", list(COLUMNS))
def test_psycopg2_values(servers, column):
    nano = fetch_python(servers["urls"]["nano"], column)
    pg = fetch_python(servers["urls"]["pg"], column)
    assert nano[0] == pg[0], "cursor.description"
    diffs = [(i + 1, n, p) for i, (n, p) in enumerate(zip(nano[1], pg[1])) if n != p]
    assert not diffs, "\n".join(f"row {i}: nano {n}\n        postgres {p}" for i, n, p in diffs)
    assert pg[1][-1] == "(None,)"  # the row of NULLs


@pytest.mark.parametrize("typ,value", INVALID, ids=[f"{t}:{v}" for t, v in INVALID])
def test_invalid_input_errors(servers, typ, value):
    outcomes = []
    for url in servers["urls"].values():
        conn = psycopg2.connect(url)
        conn.autocommit = True
        outcomes.append(statement_outcome(conn, f"SELECT {q(value)}::{typ}"))
        conn.close()
    assert outcomes[0] == outcomes[1]
    assert outcomes[1] is not None  # PostgreSQL rejects it


@pytest.mark.parametrize("column,value", TOO_LONG, ids=[f"{c}:{v}" for c, v in TOO_LONG])
def test_too_long_assignment_errors(servers, column, value):
    outcomes = []
    for url in servers["urls"].values():
        conn = psycopg2.connect(url)
        conn.autocommit = True
        outcomes.append(statement_outcome(conn, f"UPDATE edge_values SET {column} = {q(value)} WHERE id = 1"))
        conn.close()
    assert outcomes[0] == outcomes[1]
    assert outcomes[1] is not None  # PostgreSQL rejects it


# Computed edge results, each rendered by psql on both servers (value or error).
EXPRESSIONS = [
    # numeric: scale rules, rounding, negative scales, huge and tiny results
    "1::numeric / 3", "10::numeric / 4", "1e-20::numeric * 1e-20", "round(12345.678, -2)",
    "round(-0.5)", "round(2.5::numeric)", "round(2.5::float8)", "trunc(-1234.5678, -2)",
    "power(2::numeric, 1000)", "sqrt(2::numeric)", "exp(1::numeric)", "ln(10::numeric)",
    "1.500::numeric(10,1)", "0.0::numeric * -1", "'NaN'::numeric + 1", "'Infinity'::numeric - 'Infinity'",
    "12345::numeric(5,-2)", "mod(-7::numeric, 3)", "div(-7::numeric, 2)", "scale(1.500)",
    "min_scale(1.500)", "trim_scale(1.500)", "(2::numeric ^ 0.5)::numeric(20,18)", "10::numeric ^ -3",
    "factorial(25)", "1::numeric / 0", "999999999999999999999::numeric::bigint",
    # integers: overflow and division
    "(-32768)::smallint / (-1)::smallint", "(-2147483648) / -1", "(-9223372036854775808)::bigint % -1",
    "9223372036854775807::bigint + 1", "@ (-2147483648)", "-(-32768)::smallint", "7 / -2", "-7 % 3",
    "2147483647::int4 * 2::int8", "1 << 31", "(-1)::int8 >> 70",
    # floats
    "0.1::float8 + 0.2", "1e308::float8 * 10", "'-0'::float8 * 1", "'NaN'::float8 = 'NaN'",
    "'NaN'::float8 > 'Infinity'", "1::float8 / 0", "'Infinity'::float8 - 'Infinity'", "0.1::float4::float8",
    "3.4028235e38::float4 * 10::float4", "1e-45::float4 / 10::float4", "cbrt(27::float8)",
    "(-8)::float8 ^ (1.0/3)", "sqrt(-1::float8)", "ln(0::float8)", "1e15::float8 + 0.3", "2^63::float8",
    "9007199254740993::float8", "float8 '1e-310'", "'1e-400'::float8",
    # strings, padding and unicode
    "'ab'::char(5) || 'c'", "length('ab   '::char(5))", "octet_length('日本'::text)", "upper('ñandú straße')",
    "'ab'::char(3) = 'ab   '::char(5)", "'a'::varchar(5)::char(3)", "repeat('é', 3)::varchar(2)",
    "left('日本語', -1)", "lpad('日本', 5, 'ab')", "reverse('🐘ab')", "md5('é')", "ascii('é')",
    "chr(128024)", "initcap('hello wORLD-foo bar_baz')", "'abc' LIKE 'a%' ESCAPE ''",
    "quote_literal(E'back\\\\slash''quote')", "quote_ident('Mixed Case')", "to_hex(-1)",
    "encode('\\x00ff'::bytea, 'escape')", "encode('hello'::bytea, 'base64')", "decode('aGVsbG8=', 'base64')",
    "'\\x'::bytea || '\\x00'::bytea", "length('\\xdeadbeef'::bytea)", "get_byte('\\x00ff'::bytea, 1)",
    "substring('hello' from 2 for 2)", "substring('hello' from -1 for 3)", "position('' in 'abc')",
    "split_part('a,b,c', ',', -1)", "translate('abc', 'ab', 'x')", "string_to_array('a,,b', ',')",
    "format('%s|%I|%L', NULL, 'a b', NULL)", "concat_ws(NULL, 'a')",
    # date/time arithmetic across DST and range limits
    "'2021-03-13 12:00 America/New_York'::timestamptz + interval '1 day'",
    "'2021-03-14 01:59:59 America/New_York'::timestamptz + interval '1 second'",
    "'2020-02-29'::date + interval '1 year'", "'2020-01-31'::date + interval '1 month'",
    "'2000-03-01'::date - '2000-02-01'::date", "'infinity'::date - 1", "'5874897-12-31'::date + 1",
    "'294276-12-31 23:59:59.999999'::timestamp + interval '1 microsecond'",
    "'4714-11-24 BC'::date - 1", "age('2024-02-29'::date, '2023-02-28'::date)",
    "age('2021-03-31 00:00'::timestamp, '2021-02-28 12:00'::timestamp)",
    "extract(epoch from '294276-12-31 23:59:59.999999'::timestamp)", "extract(epoch from 'infinity'::timestamptz)",
    "extract(century from '0001-01-01 BC'::date)", "extract(isoyear from '2021-01-03'::date)",
    "extract(dow from '4714-11-24 BC'::date)", "extract(julian from '2000-01-01'::date)",
    "date_part('epoch', interval '1 year')", "extract(epoch from interval '-1 day 1 second')",
    "date_trunc('week', '2021-01-03 12:00'::timestamp)", "date_trunc('day', '2021-11-07 12:00 America/New_York'::timestamptz)",
    "make_date(-44, 3, 15)", "make_timestamp(2000, 2, 29, 23, 59, 59.9999999)", "make_date(2001, 2, 29)",
    "to_timestamp(1e10)", "to_timestamp('NaN'::float8)", "to_timestamp(-1e20)", "'epoch'::timestamp + 1e9 * interval '1 second'",
    "'2021-03-28 02:30'::timestamp AT TIME ZONE 'Europe/Berlin'",
    "'2021-03-28 01:30+00'::timestamptz AT TIME ZONE 'Europe/Berlin'",
    "'12:00+05'::timetz AT TIME ZONE 'America/New_York'", "'23:59:59.999999'::time + interval '1 microsecond'",
    "'24:00'::time = '00:00'::time", "to_char('0044-03-15 BC'::date, 'YYYY-MM-DD BC Day IYYY')",
    "to_char(interval '-1 year -2 days 03:04:05', 'YYYY MM DD HH24 MI SS')",
    "to_char(-1234.567::numeric, 'FM9,999.99PR')", "to_char(1e100::float8, '9.99EEEE')",
    "to_char('NaN'::numeric, '999')", "to_char(12.5, 'RN')", "to_char(-1234.5, '99SG99.9')",
    "to_char(1234, 'L9999')", "to_char(42, E'\"a\\\\\"b\" 99')", "to_char(7, '9th')", "to_char(-7, 'FM9TH')",
    "to_char('-Infinity'::numeric, '999999999')", "to_char(9.99, '9.9EEEE')", "to_char(0.000123, '9.99eeee')",
    # intervals
    "interval '1 mon' / 3", "interval '1 day' * 1.5", "interval '1 year' * 0.001", "justify_hours(interval '-25 hours')",
    "justify_days(interval '35 days')", "justify_interval(interval '1 mon -1 hour')",
    "interval '178000000 years' * 2", "interval '1 day' = interval '24 hours'", "interval '1 mon' = interval '30 days'",
    "interval '2147483647 days' + interval '1 day'", "-interval '-2147483648 months'",
    "interval '1 day 02:03:04.5678'::interval(2)", "interval '1 year 2 months'::interval month",
    # json / jsonb
    "'{\"a\": {\"b\": [1, 2.50, null]}}'::jsonb -> 'a' -> 'b' -> 1", "'[1,2,3]'::jsonb -> -1",
    "'{\"a\":1}'::json ->> 'a'", "'{\"a\": \"\\u00e9\"}'::jsonb ->> 'a'", "'{\"a\": \"\\u00e9\"}'::json -> 'a'",
    "'1e1000'::jsonb", "'-0'::jsonb", "'0.10'::jsonb", "'[1e-5, 1E+2, 0.0001]'::jsonb",
    "to_jsonb('NaN'::float8)", "to_jsonb('Infinity'::numeric)", "to_jsonb(1.50)", "to_json('2000-02-29 12:00'::timestamptz)",
    "to_jsonb(array[[1,2],[3,4]])", "to_jsonb(E'tab\\tnewline\\n'::text)", "jsonb_build_object('b', 1, 'a', NULL, 'b', 2)",
    "json_build_object('b', 1, 'a', NULL, 'b', 2)", "jsonb_typeof('1.0'::jsonb)", "'{\"b\":1}'::jsonb || '{\"a\":2}'",
    "'{\"a\": [1,2]}'::jsonb #> '{a,1}'", "'{\"a\": [1,2]}'::jsonb @> '{\"a\": [2]}'", "jsonb_set('[1,2]', '{5}', '3')",
    "jsonb_path_query_array('{\"a\": [1, 2, 3]}', '$.a[*] ? (@ > 1)')", "'[]'::jsonb = '{}'::jsonb",
    "'{\"a\":1, \"b\":2}'::jsonb < '{\"c\":0}'::jsonb", "'\"\\ud83d\\ude00\"'::jsonb::text",
    "'{\"a\":1, \"a\":2}'::json -> 'a'", "'[1, {\"x\": [true]}]'::json #> '{1,x,0}'",
    "'{\"a\": [1, 2]}'::json #>> '{a}'", "'{\"a\": null}'::jsonb ->> 'a'", "'[1,2]'::jsonb ->> 5",
    "'{\"a\":1}'::jsonb -> 0", "'\"s\"'::jsonb ->> 0", "'{\"a\": {\"b\": 1}}'::jsonb #> '{}'",
    "'[1, 2]'::jsonb #>> '{-1}'", "'[1, 2]'::jsonb #> '{x}'", "'{\"a\": 1}'::jsonb ? 'a'",
    "'[\"a\", 1]'::jsonb ? 'a'", "'[\"a\", \"b\"]'::jsonb ?| array['b', 'c']",
    "'{\"a\": 1}'::jsonb ?& array['a', NULL]", "'[1, [2, 3]]'::jsonb @> '[[3]]'", "'[1, 2]'::jsonb @> '1'",
    "'{\"a\": {\"b\": 1, \"c\": 2}}'::jsonb @> '{\"a\": {\"c\": 2}}'", "'1'::jsonb <@ '[1, 2]'",
    "'[1, 2]'::jsonb || '3'", "'{\"a\": 1}'::jsonb || '[2]'", "'\"x\"'::jsonb || '\"y\"'",
    "'{\"a\": 1, \"b\": 2}'::jsonb - 'a'", "'[\"a\", \"b\", 1]'::jsonb - 'a'", "'[1, 2, 3]'::jsonb - -1",
    "'{\"a\": 1, \"b\": 2}'::jsonb - array['a', 'b']", "'1'::jsonb - 'a'", "'{\"a\": 1}'::jsonb - 0",
    "'{\"a\": [1, {\"b\": 2}]}'::jsonb #- '{a,1,b}'", "'{\"a\": [1, 2]}'::jsonb #- '{a,x}'",
    "jsonb_set('{\"a\": [1, 2]}', '{a,-1}', '\"z\"')", "jsonb_set('{\"a\": 1}', '{b}', '2', false)",
    "jsonb_set('[1]', '{-5}', '0')", "jsonb_set('1', '{a}', '2')", "jsonb_set('{\"a\": 1}', '{a,b,c}', '2')",
    "to_json(E'quote\" slash\\\\ tab\t'::text)", "to_json(NULL::int)", "to_jsonb(true)",
    "to_json('infinity'::date)", "to_json('2000-01-01 00:00:00.5'::timestamp)", "to_json(interval '1 day')",
    "to_jsonb(array['a', NULL]::text[])", "to_jsonb('{}'::int[])", "to_json('1.50'::numeric(5,3))",
    "to_jsonb(1e-7::float8)", "to_json(12.5::float4)", "to_jsonb('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid)",
    "to_jsonb('{\"b\":1,\"a\":2}'::json)", "to_json('{\"b\":1,  \"a\":2}'::json)",
    "json_build_object()", "jsonb_build_array()", "json_build_array(1, 'a', NULL, 2.50, true)",
    "jsonb_build_array(1, 'a', NULL, '{\"x\": 1}'::json)", "json_build_object('a', json_build_array())",
    "jsonb_build_object(1, 2)", "jsonb_build_object('a')", "jsonb_build_object(NULL, 1)",
    "jsonb_build_object(VARIADIC array['a', 'b'])", "json_typeof('  [1]  ')", "jsonb_typeof('null')",
    "jsonb_typeof('\"x\"')", "jsonb_typeof('true')", "jsonb_array_length('[1, [2, 3]]')",
    "jsonb_array_length('{}')", "json_array_length('5')", "jsonb_strip_nulls('{\"a\": null, \"b\": [null, {\"c\": null}]}')",
    "json_strip_nulls('{\"a\": null,   \"b\": 1}')", "'[]'::jsonb < '{}'::jsonb", "'1'::jsonb < '[0]'::jsonb",
    "'\"b\"'::jsonb > '1'::jsonb", "'true'::jsonb > '2'::jsonb", "'null'::jsonb < '\"\"'::jsonb",
    "'[1, 2]'::jsonb < '[3]'::jsonb", "'{\"b\": 1}'::jsonb < '{\"aa\": 1}'::jsonb", "'1.0'::jsonb = '1'::jsonb",
    "'{\"a\": 1}'::jsonb = '{\"a\": 1.00}'::jsonb",
    # arrays
    "array[]::int[]", "array[[1,2],[3,4]][2][1]", "(array[1,2,3])[2:]", "(array[1,2,3])[5]", "('[0:2]={1,2,3}'::int[])[0]",
    "array_dims('[0:2]={1,2,3}'::int[])", "array_length('{}'::int[], 1)", "cardinality('{{1,2},{3,4}}'::int[])",
    "array[1,NULL] = array[1,NULL]", "array[1,2] < array[1,2,0]", "array['a b', NULL, '', 'NULL', 'x\"y', 'back\\slash']",
    "array[1.5::numeric, 'NaN']", "array['\\x00'::bytea]", "array[date 'infinity']", "array[interval '1 day', NULL]",
    "array[json '{\"a\":1}']", "array[[]]::int[]", "'{{1,2},{3}}'::int[]", "array[1] || array[[2]]",
    "array_append(NULL::int[], 1)", "array_cat('{1}'::int[], '{}')", "unnest('{}'::int[]) IS NULL",
    "array_to_string(array[1, NULL, 3], ',', '*')", "array_position(array['a','b',NULL], NULL)",
    "1 = ANY('{}'::int[])", "1 = ALL('{}'::int[])", "NULL::int = ANY(array[1])", "2 = ANY(array[1, NULL])",
    "'{1,2}'::int[] @> '{2,2}'", "'{1,NULL}'::int[] && '{NULL}'", "array_remove(array[1,2,1], 1)",
    # uuid and booleans
    "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid < 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid",
    "'00000000-0000-0000-0000-000000000000'::uuid::text", "true < false", "true::int + false::int",
    "'on'::boolean AND NULL", "NULL::boolean OR true", "bool_and(x) FROM (VALUES (true), (NULL)) v(x)",
    "5::boolean", "'t'::text::boolean", "0.5::int", "1.5::int", "2.5::int", "-2.5::int", "'1.5'::int",
    "1e10::int", "'12345678901'::int8::int4", "32767.5::smallint", "'-0'::numeric::float8",
    "'1e400'::numeric::float8", "'NaN'::numeric::int", "'Infinity'::float8::numeric", "1e-400::float8::numeric",
]


def psql_expression_outputs(url, exprs):
    """Runs every expression in one psql session; returns {index: stdout and error lines}."""
    script = "SET TimeZone = 'America/New_York';\n" + "".join(
        f"\\echo '@@@ {i}'\nSELECT {e};\n" for i, e in enumerate(exprs))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PAGER": ""})
    r = subprocess.run(["psql", "-X", "-d", url, "-f", "-"], input=script, capture_output=True, text=True,
                       timeout=120, env=env)
    parts = {int(p.split("\n", 1)[0]): p.split("\n", 1)[1] for p in r.stdout.split("@@@ ")[1:]}
    # Errors go to stderr as "psql:<stdin>:LINE: ERROR: ..." (plus LINE/DETAIL/HINT lines);
    # expression i is on script line 3 + 2 * i.
    current = None
    for line in r.stderr.splitlines():
        if line.startswith("psql:<stdin>:"):
            current = (int(line.split(":")[2]) - 3) // 2
            line = line.split(":", 3)[3]
        parts[current] = parts.get(current, "") + line + "\n"
    return parts


@pytest.fixture(scope="module")
def computed(servers):
    return {side: psql_expression_outputs(url, EXPRESSIONS) for side, url in servers["urls"].items()}


@pytest.mark.parametrize("index", range(len(EXPRESSIONS)), ids=EXPRESSIONS)
def test_psql_renders_computed_edges(computed, index):
    expr = EXPRESSIONS[index]
    pg = computed["pg"].get(index)
    assert pg, f"PostgreSQL printed nothing for {expr}"
    assert computed["nano"].get(index) == pg, f"SELECT {expr};"


def python_params():
    """Python values psycopg2 sends as literals (its adapters' SQL spelling)."""
    import datetime as dt
    import decimal
    import uuid
    from psycopg2.extras import Json, register_uuid
    register_uuid()
    berlin = dt.timezone(dt.timedelta(hours=1))
    return [
        True, None, 0, -2**63, 2**63 - 1, 2**31, 1.5, -0.0, float("inf"), float("-inf"), float("nan"), 1e308,
        5e-324, 0.1, decimal.Decimal("1.500"), decimal.Decimal("NaN"), decimal.Decimal("-1E+3"),
        decimal.Decimal("1" * 100 + ".5"), decimal.Decimal("Infinity"), "héllo 🐘", "", "quote ' and \\ backslash",
        b"", b"\x00\xff'", bytearray(b"ab"), dt.date(2000, 2, 29), dt.date(1, 1, 1), dt.date.max,
        dt.datetime(2021, 3, 14, 2, 30), dt.datetime(2021, 3, 14, 2, 30, tzinfo=berlin),
        dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone.utc), dt.datetime.max, dt.time(23, 59, 59, 999999),
        dt.time(12, 0, tzinfo=berlin), dt.timedelta(days=-1, seconds=1), dt.timedelta(microseconds=1),
        dt.timedelta(days=999999999), uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), [1, None, 3],
        ["a", "b c", None, ""], [[1, 2], [3, 4]], [], [1.5, float("nan")], [dt.date(2000, 1, 1)],
        Json({"a": [1, 2.5, None], "é": "x"}), Json([]), Json("s"),
    ]


def fetch_params(url):
    """For each Python value: the server's type and text for SELECT %s, and the value read back."""
    conn = psycopg2.connect(url)
    conn.autocommit = True
    results = []
    try:
        with conn.cursor() as cur:
            cur.execute("SET TimeZone = 'America/New_York'")
            for value in python_params():
                try:
                    cur.execute("SELECT %s AS v, pg_typeof(%s)::text AS t, %s::text AS s", (value, value, value))
                    results.append(py_repr(cur.fetchone()))
                except (psycopg2.Error, ValueError, OverflowError) as e:
                    results.append(f"{type(e).__name__}: {e}".strip())
    finally:
        conn.close()
    return results


def test_psycopg2_parameters_round_trip(servers):
    nano = fetch_params(servers["urls"]["nano"])
    pg = fetch_params(servers["urls"]["pg"])
    params = python_params()
    diffs = [f"{params[i]!r}:\n  nano     {n}\n  postgres {p}" for i, (n, p) in enumerate(zip(nano, pg)) if n != p]
    assert not diffs, "\n".join(diffs)
    assert len(pg) == len(params)
