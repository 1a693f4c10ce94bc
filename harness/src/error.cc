// error.cc — HarnessError: reason plus the server log's tail in what().
#include "nano/harness/error.h"

#include <utility>

namespace nano::harness {
namespace {

std::string Compose(const std::string& reason, const std::string& log_tail) {
  if (log_tail.empty()) return reason;
  return reason + "\n--- last lines of the server log ---\n" + log_tail;
}

}  // namespace

HarnessError::HarnessError(std::string reason, std::string log_tail, std::string sqlstate)
    : std::runtime_error(Compose(reason, log_tail)),
      reason_(std::move(reason)),
      log_tail_(std::move(log_tail)),
      sqlstate_(std::move(sqlstate)) {}

}  // namespace nano::harness
