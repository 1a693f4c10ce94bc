// engine/function/eval_context.h — per-statement context for evaluating
// built-in functions, operators and aggregates.
//
// Contract:
//   * EvalContext is owned by the executor for one statement; functions read
//     it and may use `random` and `session`. It is not thread-safe: one
//     EvalContext per executing thread.
//   * `format` must be set before evaluating anything that parses or prints
//     values (casts, to_char, ...); functions fall back to a default
//     FormatContext (ISO, UTC) when it is null.
//   * SessionContext is implemented by the engine's session; it may be null in
//     unit tests (session functions then report defaults).
//   * Timestamps are microseconds since 2000-01-01 00:00:00 UTC.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/format_context.h"

namespace nano {

class Value;

class SessionContext {  // implemented by the engine's session
 public:
  virtual ~SessionContext() = default;
  virtual std::string_view database() const = 0;
  virtual std::string_view user() const = 0;  // current_user (SET ROLE)
  virtual std::string_view session_user() const { return user(); }
  virtual int32_t backend_pid() const = 0;
  // current_setting(name): 42704 `unrecognized configuration parameter "x"`.
  virtual std::string GetSetting(std::string_view name) const = 0;
  // set_config(name, value, is_local).
  virtual Status SetSetting(std::string_view name, std::string_view value, bool is_local) = 0;
  // Privilege inquiry functions (has_table_privilege, has_column_privilege,
  // has_schema_privilege, has_sequence_privilege, pg_has_role) and
  // pg_get_userbyid, answered from the session's catalog and roles.
  virtual Status PrivilegeInquiry(std::string_view function, const Value* args, size_t nargs,
                                  Value* out) {
    (void)function, (void)args, (void)nargs, (void)out;
    return Status::Error("0A000", "privilege functions need a session");
  }
};

struct EvalContext {
  const FormatContext* format = nullptr;  // session formatting settings
  int64_t transaction_start_us = 0;       // now(), current_timestamp
  int64_t statement_start_us = 0;         // statement_timestamp()
  std::mt19937_64* random = nullptr;      // random(), setseed()
  SessionContext* session = nullptr;      // may be null in unit tests
};

}  // namespace nano
