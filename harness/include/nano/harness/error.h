// nano/harness/error.h — the one error type the harness throws.
//
// Contract
//  * Every harness failure (binary missing, server exited at start, not ready
//    within the startup timeout, health query failed, SQL against the server
//    failed, bad CLI state) is thrown as nano::harness::HarnessError.
//  * reason() is one line saying what went wrong; log_tail() holds the last
//    lines of the server's log when there is a server log to show (empty
//    otherwise); what() is both, ready to print.
//  * sqlstate() is the PostgreSQL SQLSTATE when the failure came from the
//    server's answer to SQL, empty otherwise.
//  * Immutable after construction; safe to copy and to read from any thread.
#pragma once

#include <stdexcept>
#include <string>

namespace nano::harness {

class HarnessError : public std::runtime_error {
 public:
  explicit HarnessError(std::string reason, std::string log_tail = {}, std::string sqlstate = {});

  const std::string& reason() const noexcept { return reason_; }
  const std::string& log_tail() const noexcept { return log_tail_; }
  const std::string& sqlstate() const noexcept { return sqlstate_; }

 private:
  std::string reason_;
  std::string log_tail_;
  std::string sqlstate_;
};

}  // namespace nano::harness
