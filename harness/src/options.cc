// options.cc — server binary discovery and the external-mode switch.
#include "nano/harness/options.h"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "nano/harness/error.h"

namespace nano::harness {
namespace {

constexpr char kBinaryName[] = "heliosdb-nano";

bool IsExecutableFile(const std::string& path) {
  return !path.empty() && path.back() != '/' && access(path.c_str(), X_OK) == 0;
}

std::string FromEnv(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string SearchPath(std::vector<std::string>& tried) {
  const std::string path = FromEnv("PATH");
  size_t begin = 0;
  while (begin <= path.size()) {
    size_t end = path.find(':', begin);
    if (end == std::string::npos) end = path.size();
    // An empty PATH entry means the current directory.
    std::string candidate =
        (end > begin ? path.substr(begin, end - begin) : std::string(".")) + "/" + kBinaryName;
    if (IsExecutableFile(candidate)) return candidate;
    begin = end + 1;
  }
  tried.push_back("$PATH");
  return {};
}

}  // namespace

std::string FindServerBinary(const std::string& explicit_path) {
  // An explicit choice is final: falling back would hide a typo.
  if (!explicit_path.empty()) {
    if (IsExecutableFile(explicit_path)) return explicit_path;
    throw HarnessError("server binary not found or not executable: " + explicit_path +
                       " (from Options::binary)");
  }
  std::vector<std::string> tried;
  if (std::string env = FromEnv("NANO_BIN"); !env.empty()) {
    if (IsExecutableFile(env)) return env;
    throw HarnessError("server binary not found or not executable: " + env + " (from $NANO_BIN)");
  }
  tried.push_back("$NANO_BIN (unset)");
  if (std::string found = SearchPath(tried); !found.empty()) return found;
#ifdef NANO_BUILD_TREE_BIN
  if (IsExecutableFile(NANO_BUILD_TREE_BIN)) return NANO_BUILD_TREE_BIN;
  tried.push_back(std::string("build tree ") + NANO_BUILD_TREE_BIN);
#endif
  std::string message = "cannot find the heliosdb-nano server binary; tried:";
  for (const std::string& place : tried) message += " " + place + ";";
  message += " set NANO_BIN or Options::binary";
  throw HarnessError(message);
}

std::string ExternalUrlFor(const Options& options) {
  if (!options.external_url.empty()) return options.external_url;
  return FromEnv("NANO_EXTERNAL_URL");
}

}  // namespace nano::harness
