// engine/session/session.h — the engine's session contract.
//
// Everything that talks SQL to the engine (the pgwire server, the REPL, the
// embedded nano::Database) does it through a Session. A Session is one
// client's state: current database, settings, transaction, prepared
// statements, portals.
//
// Threading: a Session is used by one thread at a time, except Cancel(),
// which any thread may call. Many sessions run concurrently on one Engine.
//
// Errors: every method returns a Status carrying the SQLSTATE. A failed
// statement inside a transaction block leaves the session in the failed
// state (txn_state() == kFailed) until ROLLBACK, as PostgreSQL does.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "types/format_context.h"
#include "types/value.h"

namespace nano {

class Engine;
class SessionImpl;

// Describes one result column, as RowDescription needs it.
struct ColumnDesc {
  std::string name;
  TypeRef type;
  uint32_t table_oid = 0;     // source table, 0 if computed
  int16_t column_number = 0;  // attnum in that table, 0 if computed
  // pg_type.typlen for RowDescription when the built-in type table cannot
  // tell (composite types: -1); 0 = look the type up.
  int16_t typlen = 0;
};

// Transaction status as ReadyForQuery reports it.
enum class TxnState : char { kIdle = 'I', kInBlock = 'T', kFailed = 'E' };

// COPY parameters the wire layer needs to frame CopyIn/CopyOutResponse.
struct CopyInfo {
  bool binary = false;   // FORMAT binary (we answer text/csv only for now)
  int column_count = 0;  // number of columns transferred
};

// Receives the outcome of each statement, in order. The pgwire server
// implements it by writing protocol messages; the embedded API collects rows.
class ResultSink {
 public:
  virtual ~ResultSink() = default;

  // Before the rows of a row-returning statement (SELECT, ... RETURNING,
  // SHOW). Not called for a portal resumed after a suspension.
  virtual Status OnRowDescription(const std::vector<ColumnDesc>& columns) = 0;
  // One row; `values` has one entry per described column, each either NULL or
  // of the described type. An error aborts the statement (e.g. client gone).
  virtual Status OnRow(const Value* values, size_t count) = 0;
  // The statement finished. `tag` is PostgreSQL's command tag: "SELECT 3",
  // "INSERT 0 1", "UPDATE 2", "CREATE TABLE", "BEGIN", ...
  virtual Status OnCommandComplete(std::string_view tag) = 0;
  // An empty statement string (only whitespace/comments).
  virtual Status OnEmptyQuery() { return Status::OK(); }
  // A NOTICE or WARNING raised while executing (severity in the info).
  virtual void OnNotice(const ErrorInfo& notice) { (void)notice; }
  // A reported setting changed (SET TimeZone, application_name, ...).
  virtual void OnParameterStatus(std::string_view name, std::string_view value) {
    (void)name;
    (void)value;
  }

  // COPY ... FROM STDIN: the session calls OnCopyInStart, then pulls data with
  // ReadCopyData until it returns done (CopyDone) or an error (CopyFail, or a
  // connection problem). Sinks that cannot supply data return 0A000.
  virtual Status OnCopyInStart(const CopyInfo& info) {
    (void)info;
    return Status::Error(sqlstate::kFeatureNotSupported, "COPY FROM STDIN is not supported here");
  }
  virtual Status ReadCopyData(std::string* chunk, bool* done) {
    (void)chunk;
    *done = true;
    return Status::OK();
  }
  // COPY ... TO STDOUT: OnCopyOutStart, then OnCopyData per row, then
  // OnCopyOutDone, then OnCommandComplete("COPY n").
  virtual Status OnCopyOutStart(const CopyInfo& info) {
    (void)info;
    return Status::Error(sqlstate::kFeatureNotSupported, "COPY TO STDOUT is not supported here");
  }
  virtual Status OnCopyData(std::string_view data) {
    (void)data;
    return Status::OK();
  }
  virtual Status OnCopyOutDone() { return Status::OK(); }
};

// A parsed, analysed and planned statement (extended protocol "Parse").
// Immutable after creation; safe to share between portals of one session.
class PreparedStatement {
 public:
  virtual ~PreparedStatement() = default;
  // Parameter types, resolved from hints and context ($n with no clue: text).
  virtual const std::vector<TypeRef>& param_types() const = 0;
  // Result columns; empty when the statement returns no rows.
  virtual const std::vector<ColumnDesc>& result_columns() const = 0;
  virtual bool returns_rows() const = 0;
  // The original statement text.
  virtual const std::string& sql() const = 0;
};

// A bound statement ready to run (extended protocol "Bind"). Owned by the
// caller; may be executed in several chunks (Execute with a row limit).
class Portal {
 public:
  virtual ~Portal() = default;
  virtual const PreparedStatement& statement() const = 0;
};

struct SessionOptions {
  std::string database = "postgres";
  std::string user = "postgres";
  std::string application_name;
  // "-c name=value" pairs from the startup packet's `options`, and any other
  // startup parameters that are settings (DateStyle, TimeZone, ...).
  std::vector<std::pair<std::string, std::string>> settings;
};

class Session {
 public:
  virtual ~Session() = default;

  // Runs a simple-query string: zero or more ';'-separated statements. Each
  // statement's outcome goes to `sink`. Outside an explicit transaction
  // block, a multi-statement string runs as one implicit transaction, as in
  // PostgreSQL. Returns the first error (later statements are not run).
  virtual Status ExecuteSimple(std::string_view sql, ResultSink* sink) = 0;

  // Extended protocol. `param_type_hints[i]` may be 0 (unspecified).
  virtual Status Prepare(std::string_view sql, const std::vector<TypeOid>& param_type_hints,
                         std::shared_ptr<PreparedStatement>* out) = 0;
  // Binds parameter values (already converted to the statement's
  // param_types(); NULLs allowed).
  virtual Status Bind(std::shared_ptr<PreparedStatement> stmt, std::vector<Value> params,
                      std::unique_ptr<Portal>* out) = 0;
  // Runs or resumes a portal. `max_rows` 0 = all. Sets *suspended when rows
  // remain (PortalSuspended); otherwise OnCommandComplete was called.
  virtual Status ExecutePortal(Portal* portal, int64_t max_rows, ResultSink* sink,
                               bool* suspended) = 0;
  // Extended protocol "Sync": ends an implicit transaction (commit, or
  // rollback when it failed). In an explicit block it changes nothing.
  virtual Status Sync() = 0;

  // Transaction status for ReadyForQuery.
  virtual TxnState txn_state() const = 0;

  // Requests cancellation of the statement running now (if any). Safe from
  // any thread. The statement fails with 57014 at its next check.
  virtual void Cancel() = 0;

  // Settings that PostgreSQL reports in ParameterStatus at startup
  // (server_version, server_encoding, client_encoding, DateStyle, TimeZone,
  // integer_datetimes, standard_conforming_strings, application_name, ...).
  virtual std::vector<std::pair<std::string, std::string>> ReportedSettings() const = 0;
  virtual std::string GetSetting(std::string_view name) const = 0;
  // How values are printed and parsed now (DateStyle, TimeZone with its
  // resolved zone, IntervalStyle, extra_float_digits, bytea_output). Kept
  // current by every SET; the reference is valid until the next statement.
  virtual const FormatContext& format_context() const = 0;

  // The backend's process id and secret as shown to clients (BackendKeyData,
  // pg_backend_pid()). Unique among the engine's live sessions.
  virtual int32_t backend_pid() const = 0;
  virtual const std::string& database() const = 0;
  virtual const std::string& user() const = 0;
};

}  // namespace nano
