"""psql's \\d family over the catalogs (issue 4's "Catalog views", issue 7's
"Catalogs for ORMs and tools"), differential against PostgreSQL 15.

The same DDL runs on a heliosdb-nano memory server and a throwaway
PostgreSQL 15; then psql's describe commands (and information_schema queries)
must print the same bytes on both, plus explicit expectations so that a change
on both sides is caught too.

information_schema's views are compared row for row on a second pair of
servers with a wider schema (column types, identity, composite keys).

`\\d TABLE` and `\\d+ TABLE` print the same as on PostgreSQL for tables with
serial columns, defaults, indexes, checks and foreign keys on
both sides ("Foreign-key constraints", "Referenced by").
"""
import os
import re
import subprocess
import sys
import textwrap

import pytest

from nano_e2e import ROOT, start_server

sys.path.insert(0, os.path.join(ROOT, "fixtures", "pytest"))
from pytest_heliosdb_nano.pg import PostgresServer  # noqa: E402

DDL = """\
CREATE TABLE parent (id serial PRIMARY KEY, code varchar(10) UNIQUE NOT NULL, name text DEFAULT 'x');
CREATE TABLE child (id bigserial PRIMARY KEY,
                    parent_id int NOT NULL REFERENCES parent(id) ON DELETE CASCADE,
                    qty int CHECK (qty > 0), price numeric(10,2), created timestamp with time zone DEFAULT now(),
                    flag boolean NOT NULL DEFAULT false, tag char(3), note varchar DEFAULT 'n/a', d date DEFAULT '2020-02-29',
                    neg int DEFAULT -1);
CREATE INDEX child_qty_idx ON child (qty DESC);
CREATE UNIQUE INDEX child_pq ON child (parent_id, qty);
CREATE SEQUENCE myseq;
CREATE SCHEMA other;
CREATE TABLE other.t2 (a int, b text NOT NULL);
CREATE TYPE addr AS (street text, zip char(5), n numeric(5,2), tags text[]);
"""


def psql(url, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PAGER": "", "PSQL_PAGER": ""})
    return subprocess.run(["psql", "-X", "-d", url, *args], capture_output=True, text=True, timeout=60, env=env)


@pytest.fixture(scope="module")
def servers():
    nano = start_server()
    pg = PostgresServer()
    try:
        pg.start()
        urls = {"nano": nano.url, "pg": pg.url}
        for url in urls.values():
            r = psql(url, "-q", "-v", "ON_ERROR_STOP=1", "-c", DDL)
            assert r.returncode == 0, r.stderr
        yield urls
    finally:
        pg.stop()
        nano.stop()


def both(servers, *args):
    """Runs psql on both servers; asserts the same exit code, stdout and stderr; returns stdout."""
    nano = psql(servers["nano"], *args)
    pg = psql(servers["pg"], *args)
    assert (nano.returncode, nano.stdout, nano.stderr) == (pg.returncode, pg.stdout, pg.stderr), (
        f"psql {' '.join(args)}\n--- nano (exit {nano.returncode})\n{nano.stdout}{nano.stderr}"
        f"\n--- postgres (exit {pg.returncode})\n{pg.stdout}{pg.stderr}")
    assert nano.returncode == 0
    return nano.stdout


def test_d_lists_relations(servers):
    out = both(servers, "-c", "\\d")
    assert " public | child_id_seq  | sequence | postgres\n" in out
    assert " public | parent        | table    | postgres\n" in out
    assert "(5 rows)" in out


def test_dt_di_ds(servers):
    assert "(2 rows)" in both(servers, "-c", "\\dt")
    di = both(servers, "-c", "\\di")
    assert " public | child_qty_idx   | index | postgres | child\n" in di
    assert "(5 rows)" in di
    assert " public | myseq         | sequence | postgres\n" in both(servers, "-c", "\\ds")
    assert " other  | t2   | table | postgres\n" in both(servers, "-c", "\\dt other.*")


def test_dn_shows_public_owned_by_pg_database_owner(servers):
    out = both(servers, "-c", "\\dn")
    assert out == textwrap.dedent("""\
              List of schemas
          Name  |       Owner       
        --------+-------------------
         other  | postgres
         public | pg_database_owner
        (2 rows)

        """)


def test_l_and_du(servers):
    out = both(servers, "-c", "\\l")
    assert "=c/postgres          +" in out  # template acls
    out = both(servers, "-c", "\\du")
    assert " postgres  | Superuser, Create role, Create DB, Replication, Bypass RLS | {}\n" in out


def test_d_index_and_sequence(servers):
    out = both(servers, "-c", "\\d child_qty_idx")
    assert "btree, for table \"public.child\"" in out
    out = both(servers, "-c", "\\d myseq")
    assert " bigint |     1 |       1 | 9223372036854775807 |         1 | no      |     1\n" in out


# psql 15's queries for \d TABLE (psql -E), the table given by name.
COLUMNS_QUERY = """SELECT a.attname,
  pg_catalog.format_type(a.atttypid, a.atttypmod),
  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
   FROM pg_catalog.pg_attrdef d
   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
  a.attnotnull,
  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
  a.attidentity,
  a.attgenerated
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = '{table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;"""

@pytest.mark.parametrize("table", ["parent", "child", "other.t2"])
@pytest.mark.parametrize("command", ["\\d", "\\d+"])
def test_d_table_as_postgres(servers, command, table):
    out = both(servers, "-c", f"{command} {table}")
    assert f'Table "{table if "." in table else "public." + table}"' in out


def test_d_table_foreign_keys_both_ways(servers):
    child = both(servers, "-c", "\\d child")
    assert ('Foreign-key constraints:\n    "child_parent_id_fkey" FOREIGN KEY (parent_id) '
            "REFERENCES parent(id) ON DELETE CASCADE\n") in child
    parent = both(servers, "-c", "\\d parent")
    assert ('Referenced by:\n    TABLE "child" CONSTRAINT "child_parent_id_fkey" FOREIGN KEY '
            "(parent_id) REFERENCES parent(id) ON DELETE CASCADE\n") in parent
    assert "| main     |" in both(servers, "-c", "\\d+ child")  # numeric's storage


def test_d_table_column_defaults(servers):
    out = both(servers, "-At", "-c", COLUMNS_QUERY.format(table="child"))
    assert out.splitlines() == [
        "id|bigint|nextval('child_id_seq'::regclass)|t|||",
        "parent_id|integer||t|||",
        "qty|integer||f|||",
        "price|numeric(10,2)||f|||",
        "created|timestamp with time zone|now()|f|||",
        "flag|boolean|false|t|||",
        "tag|character(3)||f|||",
        "note|character varying|'n/a'::character varying|f|||",
        "d|date|'2020-02-29'::date|f|||",
        "neg|integer|'-1'::integer|f|||",
    ]


def test_d_composite_type(servers):
    out = both(servers, "-c", "\\d addr")
    assert 'Composite type "public.addr"' in out and "numeric(5,2)" in out


@pytest.mark.parametrize("command", ["\\dx", "\\dT", "\\dD", "\\dp", "\\dy"])
def test_other_describe_commands(servers, command):
    out = both(servers, "-c", command)
    assert "List of" in out or "Access privileges" in out


@pytest.mark.parametrize("command", ["\\dv", "\\dm", "\\dE"])
def test_describe_commands_with_nothing_to_list(servers, command):
    nano, pg = psql(servers["nano"], "-c", command), psql(servers["pg"], "-c", command)
    assert (nano.returncode, nano.stdout, nano.stderr) == (pg.returncode, pg.stdout, pg.stderr)
    assert nano.stderr == "Did not find any relations.\n"


def test_pg_size_pretty_units(servers):
    out = both(servers, "-At", "-c",
               "SELECT pg_size_pretty(x) FROM (VALUES (0::bigint), (10239::bigint), (10240::bigint), "
               "(-20000000::bigint), (123456789012::bigint), (9223372036854775807)) v(x)")
    assert out.splitlines() == ["0 bytes", "10239 bytes", "10 kB", "-19 MB", "115 GB", "8192 PB"]


def test_l_plus_apart_from_sizes(servers):
    # A memory database has no files: sizes are 0 bytes (same column width here).
    def masked(url):
        r = psql(url, "-c", "\\l+")
        assert r.returncode == 0, r.stderr
        return re.sub(r"\b\d+ (bytes|kB|MB)\b", "SIZE", r.stdout)
    nano = masked(servers["nano"])
    assert nano == masked(servers["pg"])
    assert "| SIZE | pg_default | unmodifiable empty database\n" in nano


# --- information_schema ---------------------------------------------------

INFO_DDL = """\
CREATE TABLE ty (a smallint, b real, c double precision, d numeric, e numeric(5), f varchar, g char, h char(4),
  i time(3), j timestamp(0), k interval, l uuid, m json, n jsonb, o bytea, p int[], q text[], r date, s timetz,
  t timestamptz(2), u bigint GENERATED ALWAYS AS IDENTITY,
  v int GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5), x boolean DEFAULT true,
  y text DEFAULT 'it''s', z serial);
CREATE TABLE p2 (a int, b int, PRIMARY KEY (a, b), u varchar(5) UNIQUE);
CREATE TABLE c2 (x int, y int, FOREIGN KEY (y, x) REFERENCES p2 (b, a) ON UPDATE SET NULL);
CREATE SEQUENCE s1 INCREMENT BY 3 MINVALUE 2 MAXVALUE 1000 CYCLE;
CREATE SCHEMA other;
CREATE TABLE other.t (id int PRIMARY KEY, p2a int, p2b int, FOREIGN KEY (p2a, p2b) REFERENCES p2 ON DELETE CASCADE);
"""

INFO_QUERIES = {
    "columns": "SELECT * FROM information_schema.columns WHERE table_schema IN ('public', 'other') "
               "ORDER BY table_schema, table_name, ordinal_position",
    "tables": "SELECT * FROM information_schema.tables WHERE table_schema IN ('public', 'other') ORDER BY 2, 3",
    "schemata": "SELECT catalog_name, schema_name, schema_owner FROM information_schema.schemata ORDER BY 2",
    "table_constraints": "SELECT * FROM information_schema.table_constraints WHERE table_schema IN ('public', 'other') "
                         "AND constraint_name NOT LIKE '%not_null' ORDER BY 2, 3",
    "not_null_count": "SELECT table_name, count(*) FROM information_schema.table_constraints "
                      "WHERE table_schema IN ('public', 'other') AND constraint_type = 'CHECK' GROUP BY 1 ORDER BY 1",
    "key_column_usage": "SELECT * FROM information_schema.key_column_usage WHERE table_schema IN ('public', 'other') "
                        "ORDER BY 2, 3, 7",
    "referential_constraints": "SELECT * FROM information_schema.referential_constraints "
                               "WHERE constraint_schema IN ('public', 'other') ORDER BY 2, 3",
    "constraint_column_usage": "SELECT * FROM information_schema.constraint_column_usage "
                               "WHERE constraint_schema IN ('public', 'other') ORDER BY 6, 7, 4",
    "sequences": "SELECT * FROM information_schema.sequences ORDER BY 2, 3",
    "routines": "SELECT routine_name FROM information_schema.routines WHERE routine_schema = 'public'",
    "views": "SELECT * FROM information_schema.views WHERE table_schema = 'public'",
}



@pytest.fixture(scope="module")
def info_servers():
    nano = start_server()
    pg = PostgresServer()
    try:
        pg.start()
        urls = {"nano": nano.url, "pg": pg.url}
        for url in urls.values():
            r = psql(url, "-q", "-v", "ON_ERROR_STOP=1", "-c", INFO_DDL)
            assert r.returncode == 0, r.stderr
        yield urls
    finally:
        pg.stop()
        nano.stop()


@pytest.mark.parametrize("name", sorted(INFO_QUERIES))
def test_information_schema_rows_as_postgres(info_servers, name):
    out = both(info_servers, "-c", INFO_QUERIES[name])
    assert "row" in out


def test_information_schema_expectations(info_servers):
    out = both(info_servers, "-At", "-c",
               "SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, "
               "datetime_precision, is_nullable, column_default, is_identity, identity_generation, udt_name "
               "FROM information_schema.columns WHERE table_name = 'ty' AND column_name IN ('e', 'h', 't', 'v', 'y', 'p')"
               " ORDER BY ordinal_position")
    assert out.splitlines() == [
        "e|numeric||5|0||YES||NO||numeric",
        "h|character|4||||YES||NO||bpchar",
        "p|ARRAY|||||YES||NO||_int4",
        "t|timestamp with time zone||||2|YES||NO||timestamptz",
        "v|integer||32|0||NO||YES|BY DEFAULT|int4",
        "y|text|||||YES|'it''s'::text|NO||text",
    ]


def test_information_schema_is_never_unqualified(info_servers):
    r = psql(info_servers["nano"], "-c", "SELECT * FROM columns")
    assert r.returncode == 1
    assert r.stderr.startswith('ERROR:  relation "columns" does not exist')


def test_drop_cascade_reports_one_notice(servers):
    """DROP ... CASCADE names what it removed in one NOTICE, as PostgreSQL:
    the object itself, or "N other objects" with a DETAIL line for each."""
    script = textwrap.dedent("""\
        CREATE TABLE dc (a int);
        CREATE VIEW dc1 AS SELECT * FROM dc;
        CREATE VIEW dc2 AS SELECT * FROM dc1;
        CREATE VIEW dc3 AS SELECT * FROM dc;
        CREATE TABLE dd (a int);
        CREATE VIEW dd1 AS SELECT * FROM dd;
        DROP TABLE dc CASCADE;
        DROP TABLE dd CASCADE;
        """)
    nano, pg = (psql(servers[k], "-q", "-c", script) for k in ("nano", "pg"))
    assert (nano.returncode, nano.stdout, nano.stderr) == (pg.returncode, pg.stdout, pg.stderr)
    assert "NOTICE:  drop cascades to 3 other objects\nDETAIL:  drop cascades to view dc1\n" in nano.stderr
    assert "NOTICE:  drop cascades to view dd1\n" in nano.stderr
