// libpqxx_test.cc — libpqxx 6.4 (and libpq where libpqxx 6 cannot ask for
// it: binary result format) against the real server, issue 4's acceptance:
// prepared statements, binary parameters and results, field types,
// pipelines, pqxx::work commit/abort, COPY through pqxx::stream_to and
// pqxx::stream_from, and SQLSTATEs of errors.
//
// The server is a nano::harness::Instance: spawned `heliosdb-nano start
// --memory` (NANO_BIN), or — the CTest entry "wire.libpqxx_pg15" — a real
// PostgreSQL 15 through $NANO_EXTERNAL_URL, which proves every expectation
// here is PostgreSQL's behaviour. Each test uses its own tables in one
// working database that the Instance creates and drops.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <tuple>
#include <vector>

#include "nano/harness/instance.h"

namespace {

using nano::harness::Instance;
using nano::harness::Options;

// PostgreSQL type OIDs (pg_type.oid), fixed since forever.
constexpr pqxx::oid kBoolOid = 16;
constexpr pqxx::oid kByteaOid = 17;
constexpr pqxx::oid kInt8Oid = 20;
constexpr pqxx::oid kInt2Oid = 21;
constexpr pqxx::oid kInt4Oid = 23;
constexpr pqxx::oid kTextOid = 25;
constexpr pqxx::oid kFloat8Oid = 701;
constexpr pqxx::oid kVarcharOid = 1043;
constexpr pqxx::oid kDateOid = 1082;
constexpr pqxx::oid kTimestampOid = 1114;
constexpr pqxx::oid kNumericOid = 1700;

// One server for the whole program, started and stopped on the main thread
// (--exit-with-parent ties the server to the thread that spawned it).
class ServerEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    Options options;
    options.database = Instance::UniqueName("pqxx");
    instance_ = std::make_unique<Instance>(options);
    instance_->Start();
  }
  void TearDown() override { instance_.reset(); }
  static std::string Url() { return instance_->PgUrl(); }

 private:
  static std::unique_ptr<Instance> instance_;
};
std::unique_ptr<Instance> ServerEnvironment::instance_;

class Libpqxx : public ::testing::Test {
 protected:
  Libpqxx() : conn_(ServerEnvironment::Url()) {}
  // Runs DDL/setup outside any test transaction.
  void Exec(const std::string& sql) {
    pqxx::nontransaction tx(conn_);
    tx.exec(sql);
  }
  long Count(const std::string& table) {
    pqxx::nontransaction tx(conn_);
    return tx.exec1("SELECT count(*) FROM " + table)[0].as<long>();
  }
  pqxx::connection conn_;
};

// Runs fn, which must throw pqxx::sql_error; returns its SQLSTATE.
template <typename Fn>
std::string SqlstateOf(Fn&& fn) {
  try {
    fn();
  } catch (const pqxx::sql_error& e) {
    return e.sqlstate();
  }
  return "(no error)";
}

TEST_F(Libpqxx, ServerIsVersion15) { EXPECT_EQ(conn_.server_version() / 10000, 15); }

TEST_F(Libpqxx, PreparedStatementsReusedWithParameters) {
  Exec("CREATE TABLE prep (id integer PRIMARY KEY, name text, score numeric(6,2))");
  conn_.prepare("prep_ins",
                "INSERT INTO prep (id, name, score) VALUES ($1, $2, $3) RETURNING id * 10");
  conn_.prepare("prep_get", "SELECT name, score FROM prep WHERE id = $1");
  conn_.prepare("prep_count", "SELECT count(*) FROM prep WHERE score > $1");
  {
    pqxx::work tx(conn_);
    for (int i = 1; i <= 20; ++i) {
      auto row =
          tx.exec_prepared1("prep_ins", i, "name" + std::to_string(i), std::to_string(i) + ".25");
      EXPECT_EQ(row[0].as<int>(), i * 10);
    }
    // A NULL parameter through a prepared statement.
    EXPECT_EQ(tx.exec_prepared1("prep_ins", 21, std::optional<std::string>{},
                                std::optional<std::string>{})[0]
                  .as<int>(),
              210);
    tx.commit();
  }
  pqxx::read_transaction tx(conn_);
  auto row = tx.exec_prepared1("prep_get", 7);
  EXPECT_EQ(row[0].as<std::string>(), "name7");
  EXPECT_EQ(row[1].as<std::string>(), "7.25");
  auto nulls = tx.exec_prepared1("prep_get", 21);
  EXPECT_TRUE(nulls[0].is_null());
  EXPECT_TRUE(nulls[1].is_null());
  EXPECT_EQ(tx.exec_prepared1("prep_count", "10")[0].as<long>(), 11);   // 10.25 .. 20.25
  EXPECT_EQ(tx.exec_prepared1("prep_count", "19.5")[0].as<long>(), 1);  // NULL is not > 19.5
  EXPECT_EQ(tx.exec_prepared("prep_get", 999).size(), 0u);
}

TEST_F(Libpqxx, PreparedStatementErrors) {
  // A statement that fails to prepare reports its SQLSTATE at prepare/exec.
  EXPECT_EQ(SqlstateOf([&] {
              conn_.prepare("bad_prep", "SELECT * FROM prep_no_such_table WHERE id = $1");
              pqxx::work tx(conn_);
              tx.exec_prepared("bad_prep", 1);
            }),
            "42P01");
  conn_.prepare("one", "SELECT $1::int + 1");
  {
    pqxx::work tx(conn_);
    EXPECT_EQ(tx.exec_prepared1("one", 41)[0].as<int>(), 42);
    // A parameter that does not convert to the declared type: 22P02.
    EXPECT_EQ(SqlstateOf([&] { tx.exec_prepared("one", "forty"); }), "22P02");
  }
  // The statement keeps working after an error in a transaction that used it.
  pqxx::work tx(conn_);
  EXPECT_EQ(tx.exec_prepared1("one", -1)[0].as<int>(), 0);
}

TEST_F(Libpqxx, BinaryParametersRoundTripEveryByte) {
  Exec("CREATE TABLE blobs (id integer PRIMARY KEY, data bytea)");
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  all_bytes += std::string("\0\0\\x\\\\", 7);
  {
    pqxx::work tx(conn_);
    // binarystring parameters go out in binary format.
    pqxx::binarystring param(all_bytes);
    tx.exec_params0("INSERT INTO blobs VALUES ($1, $2)", 1, param);
    auto row = tx.exec_params1(
        "SELECT octet_length($1::bytea), md5($1::bytea) = md5(data) FROM blobs WHERE id = 1",
        param);
    EXPECT_EQ(row[0].as<int>(), static_cast<int>(all_bytes.size()));
    EXPECT_TRUE(row[1].as<bool>());
    tx.commit();
  }
  pqxx::read_transaction tx(conn_);
  auto r = tx.exec("SELECT data FROM blobs WHERE id = 1");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r.column_type(0), kByteaOid);
  pqxx::binarystring back(r[0][0]);
  EXPECT_EQ(back.str(), all_bytes);
}

TEST_F(Libpqxx, ResultFieldTypesAndConversions) {
  pqxx::read_transaction tx(conn_);
  auto r = tx.exec(
      "SELECT true AS b, 42::int2 AS s, 2147483647::int4 AS i, 9223372036854775807::int8 AS l, "
      "2.5::float8 AS f, 123.450::numeric(8,3) AS n, 'x'::text AS t, 'v'::varchar(5) AS v, "
      "DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 12:34:56.5' AS ts, '\\x00ff'::bytea AS by, "
      "NULL::int4 AS z");
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r.columns(), 12u);
  const std::vector<pqxx::oid> expected = {kBoolOid,   kInt2Oid,      kInt4Oid,  kInt8Oid,
                                           kFloat8Oid, kNumericOid,   kTextOid,  kVarcharOid,
                                           kDateOid,   kTimestampOid, kByteaOid, kInt4Oid};
  for (pqxx::row::size_type c = 0; c < r.columns(); ++c) {
    EXPECT_EQ(r.column_type(c), expected[c]) << "column " << r.column_name(c);
  }
  EXPECT_STREQ(r.column_name(5), "n");
  EXPECT_EQ(r.column_number("ts"), 9u);
  const pqxx::row row = r[0];
  EXPECT_TRUE(row["b"].as<bool>());
  EXPECT_EQ(row["s"].as<short>(), 42);
  EXPECT_EQ(row["i"].as<int>(), 2147483647);
  EXPECT_EQ(row["l"].as<long long>(), 9223372036854775807LL);
  EXPECT_DOUBLE_EQ(row["f"].as<double>(), 2.5);
  EXPECT_EQ(row["n"].as<std::string>(), "123.450");
  EXPECT_EQ(row["d"].as<std::string>(), "2024-02-29");
  EXPECT_EQ(row["ts"].as<std::string>(), "2024-02-29 12:34:56.5");
  EXPECT_EQ(pqxx::binarystring(row["by"]).str(), std::string("\0\xff", 2));
  EXPECT_TRUE(row["z"].is_null());
  EXPECT_EQ(row["z"].as<int>(-1), -1);
}

// libpqxx 6 always asks for text results; binary result format is asked for
// through libpq (PQexecParams resultFormat = 1) on the same server.
TEST(LibpqBinary, BinaryResultFormat) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(ServerEnvironment::Url().c_str()),
                                                    &PQfinish);
  ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
  const char* values[] = {"-7", "hello"};
  std::unique_ptr<PGresult, decltype(&PQclear)> res(
      PQexecParams(
          conn.get(),
          "SELECT $1::int4, $1::int8, $2::text, true, '\\x01ff00'::bytea, 1.5::float8, NULL::int4",
          2, nullptr, values, nullptr, nullptr, /*resultFormat=*/1),
      &PQclear);
  ASSERT_EQ(PQresultStatus(res.get()), PGRES_TUPLES_OK) << PQerrorMessage(conn.get());
  ASSERT_EQ(PQntuples(res.get()), 1);
  for (int c = 0; c < 7; ++c) EXPECT_EQ(PQfformat(res.get(), c), 1) << "column " << c;
  // int4: 4 bytes, network order.
  ASSERT_EQ(PQgetlength(res.get(), 0, 0), 4);
  uint32_t i4;
  std::memcpy(&i4, PQgetvalue(res.get(), 0, 0), 4);
  EXPECT_EQ(static_cast<int32_t>(ntohl(i4)), -7);
  // int8: 8 bytes, network order.
  ASSERT_EQ(PQgetlength(res.get(), 0, 1), 8);
  const auto* p8 = reinterpret_cast<const unsigned char*>(PQgetvalue(res.get(), 0, 1));
  uint64_t u8 = 0;
  for (int k = 0; k < 8; ++k) u8 = (u8 << 8) | p8[k];
  EXPECT_EQ(static_cast<int64_t>(u8), -7);
  EXPECT_EQ(std::string(PQgetvalue(res.get(), 0, 2), PQgetlength(res.get(), 0, 2)), "hello");
  ASSERT_EQ(PQgetlength(res.get(), 0, 3), 1);
  EXPECT_EQ(PQgetvalue(res.get(), 0, 3)[0], 1);
  EXPECT_EQ(std::string(PQgetvalue(res.get(), 0, 4), PQgetlength(res.get(), 0, 4)),
            std::string("\x01\xff\x00", 3));
  ASSERT_EQ(PQgetlength(res.get(), 0, 5), 8);
  const auto* pf = reinterpret_cast<const unsigned char*>(PQgetvalue(res.get(), 0, 5));
  uint64_t bits = 0;
  for (int k = 0; k < 8; ++k) bits = (bits << 8) | pf[k];
  double f;
  std::memcpy(&f, &bits, sizeof f);
  EXPECT_DOUBLE_EQ(f, 1.5);
  EXPECT_TRUE(PQgetisnull(res.get(), 0, 6));

  // A binary int4 parameter in, binary result out.
  uint32_t net = htonl(static_cast<uint32_t>(123456));
  const char* bin_values[] = {reinterpret_cast<const char*>(&net)};
  const int lengths[] = {4};
  const int formats[] = {1};
  const Oid types[] = {23};
  std::unique_ptr<PGresult, decltype(&PQclear)> res2(
      PQexecParams(conn.get(), "SELECT $1 + 1", 1, types, bin_values, lengths, formats, 1),
      &PQclear);
  ASSERT_EQ(PQresultStatus(res2.get()), PGRES_TUPLES_OK) << PQerrorMessage(conn.get());
  EXPECT_EQ(PQftype(res2.get(), 0), 23u);
  ASSERT_EQ(PQgetlength(res2.get(), 0, 0), 4);
  std::memcpy(&i4, PQgetvalue(res2.get(), 0, 0), 4);
  EXPECT_EQ(ntohl(i4), 123457u);
}

TEST_F(Libpqxx, PipelineRetrievesInAnyOrder) {
  Exec("CREATE TABLE pipe (id integer PRIMARY KEY, v text)");
  pqxx::work tx(conn_);
  pqxx::pipeline pipe(tx);
  std::vector<pqxx::pipeline::query_id> inserts;
  for (int i = 0; i < 50; ++i) {
    inserts.push_back(pipe.insert("INSERT INTO pipe VALUES (" + std::to_string(i) + ", 'v" +
                                  std::to_string(i) + "')"));
  }
  const auto count = pipe.insert("SELECT count(*) FROM pipe");
  const auto sum = pipe.insert("SELECT sum(id) FROM pipe");
  const auto series = pipe.insert("SELECT * FROM generate_series(1, 5)");
  // Out of order first: the later queries' results wait for us.
  EXPECT_EQ(pipe.retrieve(series).size(), 5u);
  EXPECT_EQ(pipe.retrieve(sum)[0][0].as<long>(), 49 * 50 / 2);
  EXPECT_EQ(pipe.retrieve(count)[0][0].as<long>(), 50);
  for (auto id : inserts) EXPECT_EQ(pipe.retrieve(id).affected_rows(), 1u);
  EXPECT_TRUE(pipe.empty());
  pipe.complete();
  tx.commit();
  EXPECT_EQ(Count("pipe"), 50);
}

TEST_F(Libpqxx, PipelineWithRetentionAndError) {
  pqxx::work tx(conn_);
  pqxx::pipeline pipe(tx);
  pipe.retain(10);
  std::vector<pqxx::pipeline::query_id> ids;
  for (int i = 0; i < 25; ++i) ids.push_back(pipe.insert("SELECT " + std::to_string(i) + " * 2"));
  pipe.resume();
  for (int i = 0; i < 25; ++i) EXPECT_EQ(pipe.retrieve(ids[i])[0][0].as<int>(), i * 2);
  // An error inside the pipeline surfaces with its SQLSTATE when its result is retrieved.
  const auto ok = pipe.insert("SELECT 1");
  const auto bad = pipe.insert("SELECT 1 / 0");
  EXPECT_EQ(pipe.retrieve(ok)[0][0].as<int>(), 1);
  EXPECT_EQ(SqlstateOf([&] { pipe.retrieve(bad); }), "22012");
}

TEST_F(Libpqxx, WorkCommitAbortAndImplicitRollback) {
  Exec("CREATE TABLE acct (id integer PRIMARY KEY, balance integer NOT NULL)");
  {
    pqxx::work tx(conn_);
    tx.exec0("INSERT INTO acct VALUES (1, 100), (2, 50)");
    tx.commit();
  }
  EXPECT_EQ(Count("acct"), 2);
  {
    pqxx::work tx(conn_);
    tx.exec0("UPDATE acct SET balance = balance - 30 WHERE id = 1");
    tx.exec0("UPDATE acct SET balance = balance + 30 WHERE id = 2");
    // Our own uncommitted change is visible inside the transaction...
    EXPECT_EQ(tx.exec1("SELECT balance FROM acct WHERE id = 1")[0].as<int>(), 70);
    // ...and not to another session.
    pqxx::connection other(ServerEnvironment::Url());
    pqxx::nontransaction otx(other);
    EXPECT_EQ(otx.exec1("SELECT balance FROM acct WHERE id = 1")[0].as<int>(), 100);
    tx.abort();
  }
  {
    pqxx::work tx(conn_);
    tx.exec0("DELETE FROM acct");
    // Destroyed without commit: rolled back.
  }
  {
    pqxx::work tx(conn_);
    tx.exec0("INSERT INTO acct VALUES (3, 7)");
    EXPECT_EQ(SqlstateOf([&] { tx.exec0("INSERT INTO acct VALUES (1, 1)"); }), "23505");
    // libpqxx closes a work after an error; its destructor rolls back.
    EXPECT_THROW(tx.exec("SELECT 1"), pqxx::usage_error);
  }
  {
    // The server side of the same: statements in a failed transaction get
    // 25P02 and COMMIT rolls back (nontransaction passes BEGIN/COMMIT through).
    pqxx::nontransaction tx(conn_);
    tx.exec0("BEGIN");
    tx.exec0("INSERT INTO acct VALUES (3, 7)");
    EXPECT_EQ(SqlstateOf([&] { tx.exec0("INSERT INTO acct VALUES (1, 1)"); }), "23505");
    EXPECT_EQ(SqlstateOf([&] { tx.exec("SELECT 1"); }), "25P02");
    tx.exec0("COMMIT");
  }
  pqxx::read_transaction tx(conn_);
  auto r = tx.exec("SELECT id, balance FROM acct ORDER BY id");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0][1].as<int>(), 100);
  EXPECT_EQ(r[1][1].as<int>(), 50);
}

TEST_F(Libpqxx, IsolationLevelReachesTheServer) {
  {
    pqxx::transaction<pqxx::serializable> tx(conn_);
    EXPECT_EQ(tx.exec1("SHOW transaction_isolation")[0].as<std::string>(), "serializable");
    tx.commit();
  }
  pqxx::transaction<pqxx::repeatable_read> tx(conn_);
  EXPECT_EQ(tx.exec1("SHOW transaction_isolation")[0].as<std::string>(), "repeatable read");
}

TEST_F(Libpqxx, CopyStreamToAndFrom) {
  Exec("CREATE TABLE copied (id integer PRIMARY KEY, name text, qty bigint, price numeric(10,2))");
  const std::string tricky = "tab\there, newline\nthere, back\\slash, Zo\xc3\xab \xf0\x9f\x9a\x80";
  constexpr int kRows = 2000;
  {
    pqxx::work tx(conn_);
    pqxx::stream_to out(tx, "copied", std::vector<std::string>{"id", "name", "qty", "price"});
    for (int i = 1; i <= kRows; ++i) {
      std::optional<std::string> name;
      if (i % 10 != 0) name = (i == 1 ? tricky : "row" + std::to_string(i));
      out << std::make_tuple(i, name, static_cast<long long>(i) * 1000000000LL,
                             std::to_string(i) + ".5");
    }
    out.complete();
    tx.commit();
  }
  EXPECT_EQ(Count("copied"), kRows);
  {
    pqxx::read_transaction tx(conn_);
    auto row = tx.exec1("SELECT count(name), sum(qty), sum(price) FROM copied");
    EXPECT_EQ(row[0].as<long>(), kRows - kRows / 10);
    EXPECT_EQ(row[1].as<std::string>(), std::to_string(1000000000LL * kRows * (kRows + 1) / 2));
    EXPECT_EQ(row[2].as<std::string>(), "2002000.00");  // sum(i) + 0.5 * kRows
    EXPECT_EQ(tx.exec1("SELECT name FROM copied WHERE id = 1")[0].as<std::string>(), tricky);
  }
  {
    pqxx::read_transaction tx(conn_);
    // The table-only constructor: libpqxx 6.4's column-list constructors
    // (header templates) leave stream_from::m_retry_line uninitialised, so
    // operator>> may re-parse an empty line ("Too few fields") at -O3.
    pqxx::stream_from in(tx, "copied");
    // Nullable column as unique_ptr: Debian's libpqxx 6.4 is built without
    // PQXX_HAVE_OPTIONAL, so stream_from would assign nullptr to a
    // std::optional<std::string> (std::string(nullptr)) on a NULL field.
    std::tuple<int, std::unique_ptr<std::string>, long long, std::string> row;
    int rows = 0;
    long long id_sum = 0;
    int nulls = 0;
    while (in >> row) {
      ++rows;
      const int id = std::get<0>(row);
      id_sum += id;
      if (!std::get<1>(row)) {
        ++nulls;
        EXPECT_EQ(id % 10, 0);
      } else if (id == 1) {
        EXPECT_EQ(*std::get<1>(row), tricky);
      } else {
        EXPECT_EQ(*std::get<1>(row), "row" + std::to_string(id));
      }
      EXPECT_EQ(std::get<2>(row), static_cast<long long>(id) * 1000000000LL);
      EXPECT_EQ(std::get<3>(row), std::to_string(id) + ".50");
    }
    in.complete();
    EXPECT_EQ(rows, kRows);
    EXPECT_EQ(nulls, kRows / 10);
    EXPECT_EQ(id_sum, static_cast<long long>(kRows) * (kRows + 1) / 2);
  }
}

TEST_F(Libpqxx, CopyIntoMissingTableAndBadDataFail) {
  EXPECT_EQ(SqlstateOf([&] {
              pqxx::work tx(conn_);
              pqxx::stream_to out(tx, "copy_no_such_table");
              out.complete();
            }),
            "42P01");
  Exec("CREATE TABLE copy_typed (id integer)");
  EXPECT_EQ(SqlstateOf([&] {
              pqxx::work tx(conn_);
              pqxx::stream_to out(tx, "copy_typed");
              out << std::make_tuple(std::string("not a number"));
              out.complete();
            }),
            "22P02");
  EXPECT_EQ(Count("copy_typed"), 0);
}

TEST_F(Libpqxx, ErrorsCarrySqlstateAndTypedExceptions) {
  Exec("CREATE TABLE errs (id integer PRIMARY KEY, name text NOT NULL, CHECK (id > 0))");
  Exec("INSERT INTO errs VALUES (1, 'one')");
  auto expect = [&](const std::string& sql, const std::string& sqlstate) {
    pqxx::nontransaction tx(conn_);
    try {
      tx.exec(sql);
      ADD_FAILURE() << "no error for " << sql;
    } catch (const pqxx::sql_error& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate) << sql << ": " << e.what();
      EXPECT_EQ(e.query(), sql);
    }
  };
  expect("INSERT INTO errs VALUES (1, 'dup')", "23505");
  expect("INSERT INTO errs VALUES (2, NULL)", "23502");
  expect("INSERT INTO errs VALUES (-1, 'neg')", "23514");
  expect("SELECT * FROM errs_missing", "42P01");
  expect("SELECT nope FROM errs", "42703");
  expect("SELECT no_such_function(1)", "42883");
  expect("SELEC 1", "42601");
  expect("SELECT 1 / 0", "22012");
  expect("SELECT 'abc'::int", "22P02");
  // libpqxx maps SQLSTATE classes onto its exception types.
  pqxx::nontransaction tx(conn_);
  EXPECT_THROW(tx.exec("INSERT INTO errs VALUES (1, 'dup')"), pqxx::unique_violation);
  EXPECT_THROW(tx.exec("INSERT INTO errs VALUES (3, NULL)"), pqxx::not_null_violation);
  EXPECT_THROW(tx.exec("INSERT INTO errs VALUES (-3, 'x')"), pqxx::check_violation);
  EXPECT_THROW(tx.exec("SELECT * FROM errs_missing"), pqxx::undefined_table);
  EXPECT_THROW(tx.exec("SELECT nope FROM errs"), pqxx::undefined_column);
  EXPECT_THROW(tx.exec("SELECT no_such_function(1)"), pqxx::undefined_function);
  EXPECT_THROW(tx.exec("SELEC 1"), pqxx::syntax_error);
  EXPECT_THROW(tx.exec("SELECT 1 / 0"), pqxx::data_exception);
  // The connection is still usable after all that.
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM errs")[0].as<int>(), 1);
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new ServerEnvironment);
  return RUN_ALL_TESTS();
}
