"""psql's \\d TABLE lists a table's triggers ("Triggers:", "Disabled user
triggers:", a partition's clone naming its parent's table) exactly as
PostgreSQL 15 does: differential against a throwaway PostgreSQL, plus
explicit expectations so that a change on both sides is caught too. psql
reads pg_trigger, pg_get_triggerdef(oid, true) and
pg_partition_ancestors(tgrelid) WITH ORDINALITY. Triggers also survive a
--data-dir restart (they are stored with their table).
"""
import os
import subprocess
import sys

import pytest

from nano_e2e import ROOT, start_server

sys.path.insert(0, os.path.join(ROOT, "fixtures", "pytest"))
from pytest_heliosdb_nano.pg import PostgresServer  # noqa: E402

DDL = """\
CREATE TABLE acct (id int PRIMARY KEY, owner text, balance int);
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER b_row BEFORE INSERT OR UPDATE OF owner, balance ON acct
  FOR EACH ROW WHEN (NEW.balance > 0) EXECUTE FUNCTION audit('x', 'it''s');
CREATE TRIGGER a_stmt AFTER DELETE OR TRUNCATE ON acct FOR EACH STATEMENT EXECUTE PROCEDURE audit();
CREATE TRIGGER c_trans AFTER UPDATE ON acct REFERENCING OLD TABLE AS o NEW TABLE AS n
  FOR EACH STATEMENT EXECUTE FUNCTION audit();
CREATE TRIGGER d_off AFTER INSERT ON acct FOR EACH ROW EXECUTE FUNCTION audit();
ALTER TABLE acct DISABLE TRIGGER d_off;
CREATE TABLE meas (city int, temp int) PARTITION BY RANGE (city);
CREATE TABLE meas_low PARTITION OF meas FOR VALUES FROM (0) TO (10);
CREATE TRIGGER meas_row AFTER INSERT ON meas FOR EACH ROW EXECUTE FUNCTION audit();
CREATE VIEW acct_view AS SELECT id, upper(owner) AS loud FROM acct;
CREATE TRIGGER io INSTEAD OF INSERT ON acct_view FOR EACH ROW EXECUTE FUNCTION audit();
"""


def psql(url, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PAGER": "", "PSQL_PAGER": ""})
    return subprocess.run(["psql", "-X", "-d", url, *args], capture_output=True, text=True,
                          timeout=60, env=env)


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


def test_d_table_lists_triggers(servers):
    out = both(servers, "-c", "\\d acct")
    assert ("Triggers:\n"
            "    a_stmt AFTER DELETE OR TRUNCATE ON acct FOR EACH STATEMENT EXECUTE FUNCTION audit()\n"
            "    b_row BEFORE INSERT OR UPDATE OF owner, balance ON acct FOR EACH ROW "
            "WHEN (new.balance > 0) EXECUTE FUNCTION audit('x', 'it''s')\n"
            "    c_trans AFTER UPDATE ON acct REFERENCING OLD TABLE AS o NEW TABLE AS n "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit()\n"
            "Disabled user triggers:\n"
            "    d_off AFTER INSERT ON acct FOR EACH ROW EXECUTE FUNCTION audit()\n") in out


def test_d_partition_names_the_parent_trigger(servers):
    out = both(servers, "-c", "\\d meas_low")
    assert ("Triggers:\n    meas_row AFTER INSERT ON meas_low FOR EACH ROW "
            "EXECUTE FUNCTION audit(), ON TABLE meas\n") in out
    assert "meas_row AFTER INSERT ON meas FOR EACH ROW" in both(servers, "-c", "\\d meas")


def test_d_view_lists_instead_of_trigger(servers):
    out = both(servers, "-c", "\\d acct_view")
    assert "    io INSTEAD OF INSERT ON acct_view FOR EACH ROW EXECUTE FUNCTION audit()\n" in out


def test_pg_trigger_rows(servers):
    out = both(servers, "-At", "-c",
               "SELECT tgname, tgtype, tgenabled, tgnargs, tgattr, tgoldtable, tgnewtable, "
               "pg_get_triggerdef(oid) FROM pg_trigger ORDER BY tgrelid, tgname")
    assert "b_row|23|O|2|2 3|||CREATE TRIGGER b_row BEFORE INSERT OR UPDATE OF owner, balance " \
           "ON public.acct FOR EACH ROW WHEN ((new.balance > 0)) EXECUTE FUNCTION " \
           "audit('x', 'it''s')" in out.splitlines()
    assert any(line.startswith("d_off|5|D|0|||") for line in out.splitlines())


def test_triggers_survive_a_data_dir_restart(tmp_path):
    import psycopg2

    data = str(tmp_path / "data")
    s = start_server(["--data-dir", data], memory=False)
    try:
        conn = psycopg2.connect(s.url)
        conn.autocommit = True
        cur = conn.cursor()
        cur.execute("CREATE TABLE kept (a int, b text)")
        cur.execute("CREATE FUNCTION tag() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN NEW.b := TG_NAME || ':' || TG_ARGV[0]; RETURN NEW; END $$")
        cur.execute("CREATE TRIGGER kept_tag BEFORE INSERT ON kept FOR EACH ROW "
                    "WHEN (NEW.a > 0) EXECUTE FUNCTION tag('v1')")
        conn.close()
    finally:
        assert s.stop() == 0
    s = start_server(["--data-dir", data], memory=False)
    try:
        conn = psycopg2.connect(s.url)
        conn.autocommit = True
        cur = conn.cursor()
        cur.execute("INSERT INTO kept VALUES (1, 'x'), (0, 'y')")
        cur.execute("SELECT a, b FROM kept ORDER BY a")
        assert cur.fetchall() == [(0, "y"), (1, "kept_tag:v1")]
        cur.execute("SELECT pg_get_triggerdef(oid) FROM pg_trigger")
        assert cur.fetchall() == [("CREATE TRIGGER kept_tag BEFORE INSERT ON public.kept FOR EACH ROW "
                                   "WHEN ((new.a > 0)) EXECUTE FUNCTION tag('v1')",)]
        conn.close()
    finally:
        assert s.stop() == 0
