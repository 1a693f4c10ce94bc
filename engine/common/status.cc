// engine/common/status.cc
#include "common/status.h"

namespace nano {

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out = err_->severity + " " + err_->sqlstate + ": " + err_->message;
  if (!err_->detail.empty()) out += " (DETAIL: " + err_->detail + ")";
  return out;
}

}  // namespace nano
