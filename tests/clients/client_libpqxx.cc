// Client matrix: libpqxx (C++). Connect, DDL, parameterised DML (exec_params),
// a committed transaction, an aborted one, errors with their SQLSTATE, NULLs and
// unicode. argv[1] is the connection URL; exits 0 and prints "ok libpqxx" when
// every check holds, else prints the failed check and exits 1.
#include <cstdlib>
#include <iostream>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace {

constexpr const char* kUnicode =
    "Zo\xc3\xab \xe2\x80\x93 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x9a\x80";
constexpr const char* kInsert =
    "INSERT INTO matrix_libpqxx (id, name, note, amount) VALUES ($1, $2, $3, $4)";

void Check(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "libpqxx client: check failed: " << what << "\n";
    std::exit(1);
  }
}

long Count(pqxx::connection& conn) {
  pqxx::nontransaction tx(conn);
  return tx.exec1("SELECT count(*) FROM matrix_libpqxx")[0].as<long>();
}

template <typename Fn>
void ExpectSqlstate(const std::string& sqlstate, Fn&& fn) {
  try {
    fn();
  } catch (const pqxx::sql_error& e) {
    Check(e.sqlstate() == sqlstate,
          "SQLSTATE " + sqlstate + ", got " + e.sqlstate() + ": " + e.what());
    return;
  }
  Check(false, "expected SQLSTATE " + sqlstate);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " URL\n";
    return 2;
  }
  try {
    pqxx::connection conn(argv[1]);
    Check(conn.server_version() / 10000 == 15, "server_version is 15.x");
    {
      pqxx::nontransaction tx(conn);
      tx.exec0("DROP TABLE IF EXISTS matrix_libpqxx");
      tx.exec0(
          "CREATE TABLE matrix_libpqxx (id integer PRIMARY KEY, name text NOT NULL, note text, "
          "amount numeric(10,2))");
      auto r = tx.exec_params0(kInsert, 1, kUnicode, std::optional<std::string>{}, "12.50");
      Check(r.affected_rows() == 1, "one row inserted");
      tx.exec_params0(kInsert, 2, "plain", "x", std::optional<std::string>{});
      auto row = tx.exec_params1("SELECT name, note, amount FROM matrix_libpqxx WHERE id = $1", 1);
      Check(row[0].as<std::string>() == kUnicode, "unicode round trip");
      Check(row[1].is_null(), "NULL note");
      Check(row[2].as<std::string>() == "12.50", "numeric(10,2) renders 12.50");
    }
    {
      pqxx::work tx(conn);
      tx.exec_params0(kInsert, 3, "three", std::optional<std::string>{}, "3");
      tx.exec_params0("UPDATE matrix_libpqxx SET note = $1 WHERE id = $2", "committed", 2);
      tx.commit();
    }
    Check(Count(conn) == 3, "three rows after commit");
    {
      pqxx::work tx(conn);
      tx.exec_params0(kInsert, 4, "four", std::optional<std::string>{},
                      std::optional<std::string>{});
      tx.exec_params0("DELETE FROM matrix_libpqxx WHERE id = $1", 1);
      tx.abort();
    }
    Check(Count(conn) == 3, "three rows after rollback");
    ExpectSqlstate("23505", [&] {
      pqxx::work tx(conn);
      tx.exec_params0(kInsert, 1, "dup", std::optional<std::string>{},
                      std::optional<std::string>{});
    });
    ExpectSqlstate("22012", [&] {
      pqxx::work tx(conn);
      tx.exec_params("SELECT 1 / $1::int", 0);
    });
    {
      pqxx::nontransaction tx(conn);
      auto row = tx.exec_params1("SELECT $1::text IS NULL, $2::text, length($2::text)",
                                 std::optional<std::string>{}, std::string(kUnicode));
      Check(row[0].as<bool>(), "NULL parameter IS NULL");
      Check(row[1].as<std::string>() == kUnicode, "unicode parameter echoed");
      Check(row[2].as<int>() == 10, "length counts characters");
      tx.exec0("DROP TABLE matrix_libpqxx");
    }
  } catch (const std::exception& e) {
    std::cerr << "libpqxx client: " << e.what() << "\n";
    return 1;
  }
  std::cout << "ok libpqxx\n";
  return 0;
}
