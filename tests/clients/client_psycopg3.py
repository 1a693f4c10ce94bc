#!/usr/bin/python3
"""Client matrix: psycopg 3 (extended protocol with server-side parameters).
Same checks as every client: connect, DDL, parameterised DML, a transaction, a
rollback, errors with their SQLSTATE, NULLs and unicode."""

import decimal
import os
import sys

import psycopg

UNICODE = "Zoë – 東京 🚀"
TABLE = "matrix_psycopg3"


def count(conn):
    return conn.execute("SELECT count(*) FROM " + TABLE).fetchone()[0]


def expect_error(conn, sql, params, sqlstate):
    try:
        conn.execute(sql, params)
    except psycopg.Error as exc:
        assert exc.sqlstate == sqlstate, (sql, exc.sqlstate, str(exc))
        return
    raise AssertionError("%s succeeded; expected %s" % (sql, sqlstate))


def main():
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        assert conn.info.server_version // 10000 == 15, conn.info.server_version
        conn.execute("DROP TABLE IF EXISTS " + TABLE)
        conn.execute("CREATE TABLE %s (id integer PRIMARY KEY, name text NOT NULL, note text, "
                     "amount numeric(10,2))" % TABLE)
        insert = "INSERT INTO " + TABLE + " (id, name, note, amount) VALUES (%s, %s, %s, %s)"
        assert conn.execute(insert, (1, UNICODE, None, decimal.Decimal("12.50"))).rowcount == 1
        conn.execute(insert, (2, "plain", "x", None))
        rows = conn.execute("SELECT name, note, amount FROM " + TABLE + " WHERE id = %s", (1,)).fetchall()
        assert rows == [(UNICODE, None, decimal.Decimal("12.50"))], rows

        with conn.transaction():
            conn.execute(insert, (3, "three", None, decimal.Decimal("3")))
            conn.execute("UPDATE " + TABLE + " SET note = %s WHERE id = %s", ("committed", 2))
        assert count(conn) == 3

        class Rollback(Exception):
            pass
        try:
            with conn.transaction():
                conn.execute(insert, (4, "four", None, None))
                conn.execute("DELETE FROM " + TABLE + " WHERE id = %s", (1,))
                raise Rollback()
        except Rollback:
            pass
        assert count(conn) == 3
        assert conn.execute("SELECT note FROM " + TABLE + " WHERE id = 2").fetchone() == ("committed",)

        expect_error(conn, insert, (1, "dup", None, None), "23505")
        expect_error(conn, "SELECT 1 / %s", (0,), "22012")
        conn.execute("BEGIN")
        expect_error(conn, "SELECT 1 / %s", (0,), "22012")
        expect_error(conn, "SELECT 1", None, "25P02")
        conn.execute("ROLLBACK")
        assert count(conn) == 3

        row = conn.execute("SELECT %s::text IS NULL, %s::text, length(%s::text)", (None, UNICODE, UNICODE)).fetchone()
        assert row == (True, UNICODE, len(UNICODE)), row
        conn.execute("DROP TABLE " + TABLE)
    print("ok psycopg3")


if __name__ == "__main__":
    sys.exit(main())
