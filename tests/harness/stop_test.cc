// stop_test.cc — Stop() escalates to SIGKILL when a server ignores SIGTERM.
// Needs a real PostgreSQL in $PG15_URL for the confirming query (run through
// pg15_server.sh); the "server" is fake_servers/ignore_term.sh.
#include <gtest/gtest.h>
#include <signal.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>

#include "nano/harness/instance.h"

namespace {

using nano::harness::Instance;
using nano::harness::Options;

TEST(HarnessStop, EscalatesToSigkillAfterTheGrace) {
  const char* pg_url = std::getenv("PG15_URL");
  ASSERT_NE(pg_url, nullptr) << "run through tests/harness/pg15_server.sh run";
  nano::harness::ConnInfo info = nano::harness::ParseUrl(pg_url);
  setenv("FAKE_PG_URL", pg_url, 1);
  setenv("FAKE_PG_HOST", info.host.c_str(), 1);
  setenv("FAKE_PG_PORT", std::to_string(info.port).c_str(), 1);
  unsetenv("NANO_EXTERNAL_URL");

  Options options;
  options.binary = std::string(NANO_TEST_FAKE_SERVERS) + "/ignore_term.sh";
  options.stop_grace = std::chrono::milliseconds(300);
  Instance instance{options};
  instance.Start();
  const pid_t pid = instance.pid();
  ASSERT_GT(pid, 0);
  auto begin = std::chrono::steady_clock::now();
  instance.Stop();
  auto elapsed = std::chrono::steady_clock::now() - begin;
  EXPECT_GE(elapsed, std::chrono::milliseconds(300));
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  EXPECT_EQ(kill(pid, 0), -1);
  EXPECT_EQ(errno, ESRCH);
}

}  // namespace
