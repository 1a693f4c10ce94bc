// nano/nano.h — HeliosDB Nano's embedded C++ API.
//
//   auto db = nano::Database::OpenInMemory();       // or nano::Database::Open("path")
//   db.Execute("CREATE TABLE users (id INT, name TEXT)");
//   db.Execute("INSERT INTO users VALUES ($1, $2)", {1, "Alice"});
//   nano::Result rows = db.Query("SELECT * FROM users WHERE id = $1", {1});
//   std::string name = rows.GetString(0, "name");
//
// Contract
//  * One type whatever the mode: OpenInMemory() keeps everything in RAM and
//    never touches the file system; Open(path) is durable (RocksDB, WAL,
//    commits synced before Execute returns).
//  * Errors are thrown as nano::Error carrying PostgreSQL's SQLSTATE, message,
//    detail, hint and position. Nothing fails silently.
//  * Database is movable, not copyable. Its methods are thread-safe: each
//    call runs in an autocommit session of its own unless you open a Session.
//  * Session: a connection-like handle with its own transaction state
//    (Begin/Commit/Rollback or plain SQL). One thread at a time per Session.
//    Sessions must not outlive their Database.
//  * Values come back as PostgreSQL would print them in text format
//    (GetString), or typed (GetInt64, GetDouble, GetBool) where the column
//    type allows; IsNull tells NULLs apart.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nano {

class Engine;
class Session;
class Value;

// An error from the engine, with PostgreSQL's fields.
class Error : public std::runtime_error {
 public:
  Error(std::string sqlstate, std::string message, std::string detail = {}, std::string hint = {},
        int position = 0);
  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& message() const { return message_; }
  const std::string& detail() const { return detail_; }
  const std::string& hint() const { return hint_; }
  int position() const { return position_; }

 private:
  std::string sqlstate_, message_, detail_, hint_;
  int position_;
};

// A statement parameter ($1, $2, ...). Converts from the usual C++ types;
// std::nullopt / nullptr is SQL NULL. The engine infers its SQL type from
// context, as PostgreSQL does for untyped parameters.
class Param {
 public:
  Param(std::nullptr_t) : v_(std::monostate{}) {}      // NOLINT
  Param(std::nullopt_t) : v_(std::monostate{}) {}      // NOLINT
  Param(bool b) : v_(b) {}                             // NOLINT
  Param(int v) : v_(static_cast<int64_t>(v)) {}        // NOLINT
  Param(long v) : v_(static_cast<int64_t>(v)) {}       // NOLINT
  Param(long long v) : v_(static_cast<int64_t>(v)) {}  // NOLINT
  Param(double v) : v_(v) {}                           // NOLINT
  Param(const char* s) : v_(std::string(s)) {}         // NOLINT
  Param(std::string s) : v_(std::move(s)) {}           // NOLINT
  Param(std::string_view s) : v_(std::string(s)) {}    // NOLINT
  using Variant = std::variant<std::monostate, bool, int64_t, double, std::string>;
  const Variant& variant() const { return v_; }

 private:
  Variant v_;
};
using Params = std::vector<Param>;

// A column of a result.
struct ColumnInfo {
  std::string name;
  uint32_t type_oid;      // PostgreSQL type OID (23 = int4, 25 = text, ...)
  std::string type_name;  // format_type() spelling, e.g. "integer"
};

// The complete result of one statement. Cheap to move.
class Result {
 public:
  Result();
  ~Result();
  Result(Result&&) noexcept;
  Result& operator=(Result&&) noexcept;

  const std::vector<ColumnInfo>& columns() const;
  size_t RowCount() const;
  size_t ColumnCount() const;
  // Column index by name; throws nano::Error 42703 when absent.
  size_t ColumnIndex(std::string_view name) const;
  // PostgreSQL's command tag, e.g. "INSERT 0 1", and the row count it holds.
  const std::string& command_tag() const;
  int64_t rows_affected() const;

  bool IsNull(size_t row, size_t col) const;
  // Text rendering exactly as PostgreSQL prints it; "" for NULL.
  std::string GetString(size_t row, size_t col) const;
  std::string GetString(size_t row, std::string_view col) const;
  // Typed access; throws nano::Error 22P02/42804 when the value is NULL or
  // not convertible.
  int64_t GetInt64(size_t row, size_t col) const;
  int64_t GetInt64(size_t row, std::string_view col) const;
  double GetDouble(size_t row, size_t col) const;
  bool GetBool(size_t row, size_t col) const;
  std::optional<std::string> GetOptional(size_t row, size_t col) const;

  struct Impl;  // opaque
  Impl* impl() { return impl_.get(); }

 private:
  std::unique_ptr<Impl> impl_;
};

// A session: its own transaction state and settings.
class Connection {
 public:
  ~Connection();
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;

  // Runs one statement (with $n parameters) or, without parameters, a
  // ';'-separated script; returns the last statement's result.
  Result Execute(std::string_view sql, const Params& params = {});
  Result Query(std::string_view sql, const Params& params = {}) { return Execute(sql, params); }
  void Begin();
  void Commit();
  void Rollback();
  // 'I' idle, 'T' in a transaction block, 'E' in a failed block.
  char TransactionStatus() const;

 private:
  friend class Database;
  explicit Connection(std::unique_ptr<Session> session);
  std::unique_ptr<Session> session_;
};

class Database {
 public:
  // A fresh database in RAM; vanishes with this object.
  static Database OpenInMemory();
  // A durable database in `path` (created when missing).
  static Database Open(const std::string& path);

  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;

  // Autocommit execution on an internal session (thread-safe).
  Result Execute(std::string_view sql, const Params& params = {});
  Result Query(std::string_view sql, const Params& params = {}) { return Execute(sql, params); }
  // A new session on `database` (default "postgres").
  Connection Connect(const std::string& database = "postgres");

  bool in_memory() const;

  struct Impl;  // opaque

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nano
