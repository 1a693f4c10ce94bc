// engine/common/status.h — the one error type of the engine.
//
// A Status is OK or carries a PostgreSQL-style error: SQLSTATE, message,
// detail, hint and a 1-based character position into the statement text.
// It travels unchanged from the point of failure to the wire (ErrorResponse)
// or to the embedded API (nano::Error).
//
// Contract:
//   * Status is [[nodiscard]]: a dropped error is a compile warning (and an
//     error under -Werror). Use `IgnoreError()` to drop one on purpose.
//   * An OK Status holds no allocation; errors allocate once.
//   * Thread-safety: a Status is a value; copies are independent.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "common/sqlstate.h"

namespace nano {

struct ErrorInfo {
  std::string sqlstate;            // five characters, e.g. "42P01"
  std::string severity = "ERROR";  // ERROR, FATAL, PANIC (wire field 'S'/'V')
  std::string message;             // primary message, no trailing period
  std::string detail;              // optional
  std::string hint;                // optional
  int position = 0;                // 1-based char offset into the query; 0 = none
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(const Status& other)
      : err_(other.err_ ? std::make_unique<ErrorInfo>(*other.err_) : nullptr) {}
  Status& operator=(const Status& other) {
    if (this != &other) err_ = other.err_ ? std::make_unique<ErrorInfo>(*other.err_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }
  static Status Error(std::string_view sqlstate, std::string message) {
    Status s;
    s.err_ = std::make_unique<ErrorInfo>();
    s.err_->sqlstate = std::string(sqlstate);
    s.err_->message = std::move(message);
    return s;
  }

  bool ok() const { return err_ == nullptr; }
  // Precondition: !ok().
  const ErrorInfo& error() const { return *err_; }
  ErrorInfo& mutable_error() { return *err_; }
  std::string_view sqlstate() const { return err_ ? std::string_view(err_->sqlstate) : "00000"; }
  std::string_view message() const { return err_ ? std::string_view(err_->message) : ""; }

  // Builders; no-ops on an OK status.
  Status&& WithDetail(std::string detail) && {
    if (err_) err_->detail = std::move(detail);
    return std::move(*this);
  }
  Status&& WithHint(std::string hint) && {
    if (err_) err_->hint = std::move(hint);
    return std::move(*this);
  }
  Status&& WithPosition(int position) && {
    if (err_ && err_->position == 0) err_->position = position;
    return std::move(*this);
  }
  Status&& WithSeverity(std::string severity) && {
    if (err_) err_->severity = std::move(severity);
    return std::move(*this);
  }
  // Sets the position only if none was set yet (inner errors win).
  void SetPositionIfUnset(int position) {
    if (err_ && err_->position == 0) err_->position = position;
  }

  // For logs and tests: "ERROR 42P01: relation \"t\" does not exist".
  std::string ToString() const;

  void IgnoreError() const {}

 private:
  std::unique_ptr<ErrorInfo> err_;
};

// StatusOr<T>: a value or an error. [[nodiscard]] like Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return status_.ok(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }
  T& value() & { return value_; }
  const T& value() const& { return value_; }
  T&& value() && { return std::move(value_); }
  T* operator->() { return &value_; }
  const T* operator->() const { return &value_; }
  T& operator*() { return value_; }

 private:
  Status status_;
  T value_{};
};

}  // namespace nano

// Propagates a non-OK Status from the enclosing function.
#define NANO_RETURN_IF_ERROR(expr)       \
  do {                                   \
    ::nano::Status _nano_st = (expr);    \
    if (!_nano_st.ok()) return _nano_st; \
  } while (0)

#define NANO_CONCAT_INNER_(a, b) a##b
#define NANO_CONCAT_(a, b) NANO_CONCAT_INNER_(a, b)
// NANO_ASSIGN_OR_RETURN(auto x, Foo());
#define NANO_ASSIGN_OR_RETURN(lhs, expr)                           \
  auto NANO_CONCAT_(_nano_sor_, __LINE__) = (expr);                \
  if (!NANO_CONCAT_(_nano_sor_, __LINE__).ok())                    \
    return std::move(NANO_CONCAT_(_nano_sor_, __LINE__)).status(); \
  lhs = std::move(NANO_CONCAT_(_nano_sor_, __LINE__)).value()
