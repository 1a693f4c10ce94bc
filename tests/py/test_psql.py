"""psql against the real server (issue 4's acceptance): `-c`, `-f` with a
multi-statement script, and `\\copy` in and out.

Differential: every psql run goes to a heliosdb-nano memory server and to a
throwaway PostgreSQL 15 (PostgresServer), and psql's output must be the same
byte for byte — plus explicit expectations, so a change on both sides is
caught too. psql runs with -X (no psqlrc) and a clean environment (no PG*
variables, C.UTF-8).
"""
import os
import subprocess
import sys
import textwrap

import pytest

from nano_e2e import ROOT, start_server

sys.path.insert(0, os.path.join(ROOT, "fixtures", "pytest"))
from pytest_heliosdb_nano.pg import PostgresServer  # noqa: E402


@pytest.fixture(scope="module")
def servers():
    nano = start_server()
    pg = PostgresServer()
    try:
        pg.start()
        yield {"nano": nano.url, "pg": pg.url}
    finally:
        pg.stop()
        nano.stop()


def psql(url, *args, cwd=None, input=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PAGER": "", "PSQL_PAGER": ""})
    return subprocess.run(["psql", "-X", "-d", url, *args], capture_output=True, text=True, timeout=60, env=env,
                          cwd=cwd, input=input)


def both(servers, *args, **kw):
    """Runs psql on both servers; asserts equal exit code, stdout and stderr; returns Nano's run."""
    nano = psql(servers["nano"], *args, **kw)
    pg = psql(servers["pg"], *args, **kw)
    assert (nano.returncode, nano.stdout, nano.stderr) == (pg.returncode, pg.stdout, pg.stderr), (
        f"psql {' '.join(args)}\n--- nano (exit {nano.returncode})\n{nano.stdout}{nano.stderr}"
        f"\n--- postgres (exit {pg.returncode})\n{pg.stdout}{pg.stderr}")
    return nano


def test_c_aligned_output(servers):
    r = both(servers, "-c", "SELECT 1 AS one, 'x y'::text AS two, NULL::int AS three, 2.50::numeric(4,2) AS four")
    assert r.returncode == 0
    assert r.stdout == textwrap.dedent("""\
         one | two | three | four 
        -----+-----+-------+------
           1 | x y |       | 2.50
        (1 row)

        """)


def test_several_c_and_unaligned(servers):
    r = both(servers, "-v", "ON_ERROR_STOP=1", "-At",
             "-c", "CREATE TABLE psql_c (id int PRIMARY KEY, name text)",
             "-c", "INSERT INTO psql_c VALUES (1, 'a'), (2, 'b'); INSERT INTO psql_c VALUES (3, NULL)",
             "-c", "SELECT id, coalesce(name, '-') FROM psql_c ORDER BY id")
    assert r.returncode == 0
    assert r.stdout == "CREATE TABLE\nINSERT 0 2\nINSERT 0 1\n1|a\n2|b\n3|-\n"  # psql 15 shows each result


def test_c_error_exit_code_and_message(servers):
    r = both(servers, "-c", "SELECT * FROM psql_no_such_table")
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr.startswith('ERROR:  relation "psql_no_such_table" does not exist\nLINE 1:')


SCRIPT = """\
-- a multi-statement script: DDL, DML, a transaction, meta-commands
CREATE TABLE psql_f_items (
    id integer PRIMARY KEY,
    name text NOT NULL,
    qty integer DEFAULT 0 CHECK (qty >= 0)
);
INSERT INTO psql_f_items (id, name, qty) VALUES (1, 'apple', 3), (2, 'pear', 0);
INSERT INTO psql_f_items (id, name) VALUES (3, 'plum'); INSERT INTO psql_f_items VALUES (4, 'fig', 7);
\\echo after inserts
BEGIN;
UPDATE psql_f_items SET qty = qty + 1 WHERE id IN (2, 3);
DELETE FROM psql_f_items WHERE name = 'fig';
COMMIT;
BEGIN;
DELETE FROM psql_f_items;
ROLLBACK;
SELECT id, name, qty
  FROM psql_f_items
 ORDER BY id;
\\pset format unaligned
SELECT count(*) AS n, sum(qty) AS total FROM psql_f_items;
"""


def test_f_multi_statement_script(servers, tmp_path):
    script = tmp_path / "script.sql"
    script.write_text(SCRIPT)
    r = both(servers, "-v", "ON_ERROR_STOP=1", "-f", str(script))
    assert r.returncode == 0
    assert r.stdout == textwrap.dedent("""\
        CREATE TABLE
        INSERT 0 2
        INSERT 0 1
        INSERT 0 1
        after inserts
        BEGIN
        UPDATE 2
        DELETE 1
        COMMIT
        BEGIN
        DELETE 3
        ROLLBACK
         id | name  | qty 
        ----+-------+-----
          1 | apple |   3
          2 | pear  |   1
          3 | plum  |   1
        (3 rows)

        Output format is unaligned.
        n|total
        3|5
        (1 row)
        """)


def failing_script(path, table):
    path.write_text(f"CREATE TABLE {table} (id int PRIMARY KEY);\n"
                    f"INSERT INTO {table} VALUES (1);\n"
                    "\n"
                    f"INSERT INTO {table} VALUES (1);\n"
                    "SELECT 'not reached';\n")
    return path


def test_f_script_error_stops_with_line_number(servers, tmp_path):
    script = failing_script(tmp_path / "failing.sql", "psql_f_err")
    r = both(servers, "-v", "ON_ERROR_STOP=1", "-f", str(script))
    assert r.returncode == 3
    assert r.stdout == "CREATE TABLE\nINSERT 0 1\n"
    assert r.stderr.startswith(f"psql:{script}:4: ERROR:  duplicate key value violates unique constraint "
                               '"psql_f_err_pkey"\n')
    # Without ON_ERROR_STOP the script goes on after the error.
    script = failing_script(tmp_path / "going_on.sql", "psql_f_err2")
    r = both(servers, "-f", str(script))
    assert r.returncode == 0
    assert r.stderr.startswith(f"psql:{script}:4: ERROR:  duplicate key value")
    assert r.stdout == "CREATE TABLE\nINSERT 0 1\n  ?column?   \n-------------\n not reached\n(1 row)\n\n"


def test_copy_in_and_out(servers, tmp_path):
    text_in = tmp_path / "in.txt"
    text_in.write_text("1\tplain\t1.5\n2\ttab\\there\t\\N\n3\tZo\u00eb \U0001F680\t-2\n", encoding="utf-8")
    csv_in = tmp_path / "in.csv"
    csv_in.write_text('id,name,amount\n4,"comma, quoted",10\n5,"say ""hi""",\n6,,0.25\n', encoding="utf-8")
    both(servers, "-v", "ON_ERROR_STOP=1", "-c", "CREATE TABLE psql_copy (id int PRIMARY KEY, name text, amount numeric)")
    r = both(servers, "-v", "ON_ERROR_STOP=1", "-c", f"\\copy psql_copy FROM '{text_in}'")
    assert r.stdout == "COPY 3\n"
    r = both(servers, "-v", "ON_ERROR_STOP=1", "-c", f"\\copy psql_copy FROM '{csv_in}' WITH (FORMAT csv, HEADER)")
    assert r.stdout == "COPY 3\n"

    # \copy ... TO a file, per server, in text and csv: identical files, and what we expect.
    outputs = {}
    for name, url in servers.items():
        text_out = tmp_path / f"out-{name}.txt"
        csv_out = tmp_path / f"out-{name}.csv"
        r = psql(url, "-v", "ON_ERROR_STOP=1",
                 "-c", f"\\copy (SELECT * FROM psql_copy ORDER BY id) TO '{text_out}'",
                 "-c", f"\\copy psql_copy TO '{csv_out}' WITH (FORMAT csv, HEADER)")
        assert r.returncode == 0, r.stderr
        assert r.stdout == "COPY 6\nCOPY 6\n"
        outputs[name] = (text_out.read_text(encoding="utf-8"),
                         sorted(csv_out.read_text(encoding="utf-8").splitlines()))
    assert outputs["nano"] == outputs["pg"]
    text, csv_lines = outputs["nano"]
    assert text == ("1\tplain\t1.5\n2\ttab\\there\t\\N\n3\tZo\u00eb \U0001F680\t-2\n"
                    "4\tcomma, quoted\t10\n5\tsay \"hi\"\t\\N\n6\t\\N\t0.25\n")
    assert csv_lines == sorted(['id,name,amount', '1,plain,1.5', '2,tab\there,', '3,Zo\u00eb \U0001F680,-2',
                                '4,"comma, quoted",10', '5,"say ""hi""",', '6,,0.25'])

    # \copy to and from psql's own stdin/stdout.
    r = both(servers, "-c", "\\copy (SELECT id, name FROM psql_copy WHERE id <= 2 ORDER BY id) TO STDOUT WITH CSV")
    assert r.stdout == "1,plain\n2,tab\there\n"
    r = both(servers, "-v", "ON_ERROR_STOP=1", "-c", "\\copy psql_copy (id, name) FROM STDIN",
             input="7\tfrom stdin\n8\t\\N\n\\.\n")
    assert r.stdout == "COPY 2\n"
    r = both(servers, "-At", "-c", "SELECT count(*), count(name), sum(amount) FROM psql_copy")
    assert r.stdout == "8|6|9.75\n"


def test_copy_in_bad_data_fails_cleanly(servers, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tok\n2\n")
    both(servers, "-c", "CREATE TABLE psql_copy_bad (id int, name text)")
    nano = psql(servers["nano"], "-c", f"\\copy psql_copy_bad FROM '{bad}'")
    pg = psql(servers["pg"], "-c", f"\\copy psql_copy_bad FROM '{bad}'")
    assert nano.returncode == pg.returncode == 1
    assert pg.stderr.startswith("ERROR:  missing data for column \"name\"")
    assert nano.stderr.startswith("ERROR:  missing data for column \"name\""), nano.stderr
    # Nothing from the failed COPY is kept.
    r = both(servers, "-At", "-c", "SELECT count(*) FROM psql_copy_bad")
    assert r.stdout == "0\n"
