#!/usr/bin/python3
"""Client matrix: psycopg2. Connect, DDL, parameterised DML, a transaction, a
rollback, errors with their SQLSTATE, NULLs and unicode. DATABASE_URL names
the server; exits 0 and prints "ok" when every check holds."""

import decimal
import os
import sys

import psycopg2
import psycopg2.errors

UNICODE = "Zoë – 東京 🚀"
TABLE = "matrix_psycopg2"


def count(cur):
    cur.execute("SELECT count(*) FROM " + TABLE)
    return cur.fetchone()[0]


def main():
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    assert conn.server_version // 10000 == 15, conn.server_version
    cur = conn.cursor()
    conn.autocommit = True
    cur.execute("DROP TABLE IF EXISTS " + TABLE)
    cur.execute("CREATE TABLE %s (id integer PRIMARY KEY, name text NOT NULL, note text, amount numeric(10,2))" % TABLE)
    insert = "INSERT INTO " + TABLE + " (id, name, note, amount) VALUES (%s, %s, %s, %s)"
    cur.execute(insert, (1, UNICODE, None, decimal.Decimal("12.50")))
    assert cur.rowcount == 1
    cur.execute(insert, (2, "plain", "x", None))
    cur.execute("SELECT name, note, amount FROM " + TABLE + " WHERE id = %s", (1,))
    assert cur.fetchall() == [(UNICODE, None, decimal.Decimal("12.50"))]

    conn.autocommit = False  # psycopg2 opens the transaction itself
    cur.execute(insert, (3, "three", None, decimal.Decimal("3")))
    cur.execute("UPDATE " + TABLE + " SET note = %s WHERE id = %s", ("committed", 2))
    conn.commit()
    assert count(cur) == 3
    conn.commit()

    cur.execute(insert, (4, "four", None, None))
    cur.execute("DELETE FROM " + TABLE + " WHERE id = %s", (1,))
    conn.rollback()
    assert count(cur) == 3
    cur.execute("SELECT note FROM " + TABLE + " WHERE id = 2")
    assert cur.fetchone() == ("committed",)
    conn.commit()

    try:
        cur.execute(insert, (1, "dup", None, None))
        raise AssertionError("duplicate key accepted")
    except psycopg2.errors.UniqueViolation as exc:
        assert exc.pgcode == "23505", exc.pgcode
    conn.rollback()
    try:
        cur.execute("SELECT 1 / %s", (0,))
        raise AssertionError("division by zero accepted")
    except psycopg2.Error as exc:
        assert exc.pgcode == "22012", exc.pgcode
    try:
        cur.execute("SELECT 1")
        raise AssertionError("statement accepted in an aborted transaction")
    except psycopg2.Error as exc:
        assert exc.pgcode == "25P02", exc.pgcode
    conn.rollback()
    assert count(cur) == 3

    cur.execute("SELECT %s::text IS NULL, %s::text, length(%s)", (None, UNICODE, UNICODE))
    assert cur.fetchone() == (True, UNICODE, len(UNICODE))
    cur.execute("DROP TABLE " + TABLE)
    conn.commit()
    conn.close()
    print("ok psycopg2")


if __name__ == "__main__":
    sys.exit(main())
