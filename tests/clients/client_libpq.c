/* Client matrix: libpq (C). Connect, DDL, parameterised DML (PQexecParams, in
 * text and binary result format), a transaction, a rollback, errors with their
 * SQLSTATE, NULLs and unicode. argv[1] is the connection URL; exits 0 and
 * prints "ok libpq" when every check holds, else prints the failed check. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE "matrix_libpq"
static const char kUnicode[] = "Zo\xc3\xab \xe2\x80\x93 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x9a\x80";

static PGconn *conn;

static void Fail(const char *what, const PGresult *res) {
  fprintf(stderr, "libpq client: %s: %s\n", what, res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  exit(1);
}

static void Check(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "libpq client: check failed: %s\n", what);
    exit(1);
  }
}

/* Runs sql with params; the result must have the given status. */
static PGresult *Run(const char *sql, int n, const char *const *values, ExecStatusType want) {
  PGresult *res = PQexecParams(conn, sql, n, NULL, values, NULL, NULL, 0);
  if (PQresultStatus(res) != want) Fail(sql, res);
  return res;
}

static void RunOk(const char *sql, int n, const char *const *values) {
  PQclear(Run(sql, n, values, PGRES_COMMAND_OK));
}

static void ExpectError(const char *sql, int n, const char *const *values, const char *sqlstate) {
  PGresult *res = PQexecParams(conn, sql, n, NULL, values, NULL, NULL, 0);
  const char *got = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  if (PQresultStatus(res) != PGRES_FATAL_ERROR || got == NULL || strcmp(got, sqlstate) != 0) {
    fprintf(stderr, "libpq client: %s: expected SQLSTATE %s, got %s\n", sql, sqlstate, got ? got : "(none)");
    exit(1);
  }
  PQclear(res);
}

static long Count(void) {
  PGresult *res = Run("SELECT count(*) FROM " TABLE, 0, NULL, PGRES_TUPLES_OK);
  long n = atol(PQgetvalue(res, 0, 0));
  PQclear(res);
  return n;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s URL\n", argv[0]);
    return 2;
  }
  conn = PQconnectdb(argv[1]);
  if (PQstatus(conn) != CONNECTION_OK) Fail("connect", NULL);
  Check(PQserverVersion(conn) / 10000 == 15, "server_version is 15.x");
  Check(strcmp(PQparameterStatus(conn, "client_encoding"), "UTF8") == 0, "client_encoding UTF8");

  RunOk("DROP TABLE IF EXISTS " TABLE, 0, NULL);
  RunOk("CREATE TABLE " TABLE " (id integer PRIMARY KEY, name text NOT NULL, note text, amount numeric(10,2))", 0,
        NULL);
  const char *insert = "INSERT INTO " TABLE " (id, name, note, amount) VALUES ($1, $2, $3, $4)";
  const char *row1[] = {"1", kUnicode, NULL, "12.50"};
  PGresult *res = Run(insert, 4, row1, PGRES_COMMAND_OK);
  Check(strcmp(PQcmdTuples(res), "1") == 0, "INSERT tag counts 1 row");
  PQclear(res);
  const char *row2[] = {"2", "plain", "x", NULL};
  RunOk(insert, 4, row2);

  const char *one[] = {"1"};
  res = Run("SELECT name, note, amount FROM " TABLE " WHERE id = $1", 1, one, PGRES_TUPLES_OK);
  Check(PQntuples(res) == 1 && PQnfields(res) == 3, "one row of three columns");
  Check(strcmp(PQgetvalue(res, 0, 0), kUnicode) == 0, "unicode round trip");
  Check(PQgetisnull(res, 0, 1), "NULL note");
  Check(strcmp(PQgetvalue(res, 0, 2), "12.50") == 0, "numeric(10,2) renders 12.50");
  Check(strcmp(PQfname(res, 0), "name") == 0 && PQftype(res, 0) == 25, "column name and text type");
  PQclear(res);

  RunOk("BEGIN", 0, NULL);
  const char *row3[] = {"3", "three", NULL, "3"};
  RunOk(insert, 4, row3);
  const char *upd[] = {"committed", "2"};
  RunOk("UPDATE " TABLE " SET note = $1 WHERE id = $2", 2, upd);
  RunOk("COMMIT", 0, NULL);
  Check(Count() == 3, "three rows after commit");

  RunOk("BEGIN", 0, NULL);
  Check(PQtransactionStatus(conn) == PQTRANS_INTRANS, "in transaction");
  const char *row4[] = {"4", "four", NULL, NULL};
  RunOk(insert, 4, row4);
  RunOk("DELETE FROM " TABLE " WHERE id = $1", 1, one);
  RunOk("ROLLBACK", 0, NULL);
  Check(PQtransactionStatus(conn) == PQTRANS_IDLE, "idle after rollback");
  Check(Count() == 3, "three rows after rollback");

  const char *dup[] = {"1", "dup", NULL, NULL};
  ExpectError(insert, 4, dup, "23505");
  const char *zero[] = {"0"};
  ExpectError("SELECT 1 / $1::int", 1, zero, "22012");
  RunOk("BEGIN", 0, NULL);
  ExpectError("SELECT 1 / $1::int", 1, zero, "22012");
  Check(PQtransactionStatus(conn) == PQTRANS_INERROR, "transaction in error");
  ExpectError("SELECT 1", 0, NULL, "25P02");
  RunOk("ROLLBACK", 0, NULL);

  const char *nulls[] = {NULL, kUnicode};
  res = Run("SELECT $1::text IS NULL, $2::text, length($2::text)", 2, nulls, PGRES_TUPLES_OK);
  Check(strcmp(PQgetvalue(res, 0, 0), "t") == 0, "NULL parameter IS NULL");
  Check(strcmp(PQgetvalue(res, 0, 1), kUnicode) == 0, "unicode parameter echoed");
  Check(strcmp(PQgetvalue(res, 0, 2), "10") == 0, "length counts characters");
  PQclear(res);
  /* Binary results: int4 in network order. */
  res = PQexecParams(conn, "SELECT id FROM " TABLE " WHERE id = $1", 1, NULL, one, NULL, NULL, 1);
  Check(PQresultStatus(res) == PGRES_TUPLES_OK && PQgetlength(res, 0, 0) == 4, "binary int4 is 4 bytes");
  const unsigned char *b = (const unsigned char *)PQgetvalue(res, 0, 0);
  Check(b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 1, "binary int4 value 1");
  PQclear(res);

  RunOk("DROP TABLE " TABLE, 0, NULL);
  PQfinish(conn);
  printf("ok libpq\n");
  return 0;
}
