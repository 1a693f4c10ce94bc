// failure_test.cc — Instance start failures are reported with their reason and
// the server log's tail, and leave no process behind. The "servers" here are
// tiny scripts in fake_servers/ that fail the way a real server can.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "nano/harness/instance.h"

namespace {

using nano::harness::HarnessError;
using nano::harness::Instance;
using nano::harness::Options;

const std::string kFakes = NANO_TEST_FAKE_SERVERS;

Options FakeOptions(const std::string& script) {
  Options options;
  options.binary = kFakes + "/" + script;
  options.external_url = "";
  return options;
}

// Runs Start() (expected to throw) and returns the error. A failed start
// keeps its log for the user; the test removes it.
HarnessError StartFailure(Options options) {
  // External mode would bypass the spawn under test.
  unsetenv("NANO_EXTERNAL_URL");
  static int counter = 0;
  options.log_path = ::testing::TempDir() + "nano_failure_" + std::to_string(getpid()) + "_" +
                     std::to_string(counter++) + ".log";
  struct RemoveLog {
    std::string path;
    ~RemoveLog() { std::remove(path.c_str()); }
  } remove_log{options.log_path};
  Instance instance{std::move(options)};
  try {
    instance.Start();
  } catch (const HarnessError& e) {
    EXPECT_FALSE(instance.running());
    EXPECT_EQ(instance.pid(), 0);
    return e;
  }
  ADD_FAILURE() << "Start() succeeded unexpectedly";
  return HarnessError("no failure");
}

TEST(HarnessFailure, MissingBinaryIsNamed) {
  HarnessError e = StartFailure(FakeOptions("does-not-exist"));
  EXPECT_NE(e.reason().find("not found"), std::string::npos) << e.what();
  EXPECT_NE(e.reason().find("does-not-exist"), std::string::npos) << e.what();
}

TEST(HarnessFailure, MissingNanoBinEnvIsNamed) {
  setenv("NANO_BIN", "/nonexistent/heliosdb-nano", 1);
  HarnessError e = StartFailure(Options{});
  unsetenv("NANO_BIN");
  EXPECT_NE(e.reason().find("$NANO_BIN"), std::string::npos) << e.what();
}

TEST(HarnessFailure, ServerExitingAtStartShowsStatusAndLog) {
  HarnessError e = StartFailure(FakeOptions("exit_early.sh"));
  EXPECT_NE(e.reason().find("exited with status 3"), std::string::npos) << e.what();
  EXPECT_NE(e.log_tail().find("could not bind"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("could not bind"), std::string::npos);
}

TEST(HarnessFailure, NonExecutableFileFailsClearly) {
  HarnessError e = StartFailure(FakeOptions("../data/seed.sql"));
  EXPECT_NE(e.reason().find("seed.sql"), std::string::npos) << e.what();
}

TEST(HarnessFailure, StartupTimeoutKillsTheServerAndShowsLog) {
  const std::string pid_file = ::testing::TempDir() + "hang_" + std::to_string(getpid()) + ".pid";
  setenv("FAKE_PID_FILE", pid_file.c_str(), 1);
  Options options = FakeOptions("hang.sh");
  options.startup_timeout = std::chrono::milliseconds(300);
  auto started = std::chrono::steady_clock::now();
  HarnessError e = StartFailure(options);
  auto elapsed = std::chrono::steady_clock::now() - started;
  unsetenv("FAKE_PID_FILE");
  EXPECT_NE(e.reason().find("not ready within 300 ms"), std::string::npos) << e.what();
  EXPECT_NE(e.log_tail().find("starting up, slowly"), std::string::npos) << e.what();
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  std::ifstream in(pid_file);
  pid_t hung = 0;
  in >> hung;
  ASSERT_GT(hung, 0);
  // Reaped by the harness: the pid no longer names a process.
  EXPECT_EQ(kill(hung, 0), -1);
  EXPECT_EQ(errno, ESRCH);
  std::remove(pid_file.c_str());
}

TEST(HarnessFailure, ReadyButUnreachableFailsTheConfirmingQuery) {
  Options options = FakeOptions("bad_port.sh");
  options.startup_timeout = std::chrono::milliseconds(5000);
  HarnessError e = StartFailure(options);
  EXPECT_NE(e.reason().find("confirming query failed"), std::string::npos) << e.what();
  EXPECT_NE(e.log_tail().find("pretending to listen"), std::string::npos) << e.what();
}

TEST(HarnessFailure, ExternalServerDownIsReported) {
  Options options;
  options.external_url = "postgresql://postgres@127.0.0.1:1/postgres";
  options.startup_timeout = std::chrono::milliseconds(2000);
  Instance instance{options};
  try {
    instance.Start();
    FAIL() << "Start() against a closed port succeeded";
  } catch (const HarnessError& e) {
    EXPECT_NE(e.reason().find("not usable"), std::string::npos) << e.what();
  }
}

TEST(HarnessFailure, BothSeedsIsAUsageError) {
  Options options = FakeOptions("hang.sh");
  options.seed_sql = "SELECT 1";
  options.seed_file = "x.sql";
  HarnessError e = StartFailure(options);
  EXPECT_NE(e.reason().find("not both"), std::string::npos) << e.what();
}

}  // namespace
