// lifecycle_test.cc — process hygiene with the real server: no orphans when
// the owner is SIGKILLed, no leaked process/fd/port over 200 cycles, and 16
// simultaneous starts that all come up on distinct ports.
#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "nano/harness/instance.h"

extern char** environ;

namespace {

using nano::harness::Instance;
using nano::harness::Options;
using nano::harness::PgConnection;

int OpenFdCount() {
  int count = 0;
  DIR* dir = opendir("/proc/self/fd");
  for (dirent* entry = readdir(dir); entry != nullptr; entry = readdir(dir)) ++count;
  closedir(dir);
  return count;
}

bool NoChildren() {
  int status;
  return waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

// True when `pid` exits within `timeout_ms` (pidfd works for non-children).
bool ExitsWithin(pid_t pid, int timeout_ms) {
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) return errno == ESRCH;
  pollfd pfd{pidfd, POLLIN, 0};
  int ready = poll(&pfd, 1, timeout_ms);
  close(pidfd);
  return ready > 0;
}

bool PortRefuses(int port) {
  try {
    PgConnection conn("postgresql://postgres@127.0.0.1:" + std::to_string(port) + "/postgres",
                      std::chrono::seconds(2));
    return false;
  } catch (const nano::harness::HarnessError&) {
    return true;
  }
}

TEST(HarnessLifecycle, RealServerRejectingItsArgumentsIsReportedWithItsMessage) {
  Options options;
  options.extra_args = {"--no-such-option"};
  options.log_path = ::testing::TempDir() + "nano_rejecting_" + std::to_string(getpid()) + ".log";
  Instance instance{options};
  try {
    instance.Start();
    FAIL() << "the server accepted --no-such-option";
  } catch (const nano::harness::HarnessError& e) {
    EXPECT_NE(e.reason().find("exited with status 2"), std::string::npos) << e.what();
    EXPECT_NE(e.log_tail().find("no-such-option"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(NoChildren());
  std::remove(options.log_path.c_str());
}

TEST(HarnessLifecycle, PasswordAuthUrlsCarryThePassword) {
  Options options;
  options.auth = "scram-sha-256";
  options.user = "tester";
  options.password = "s3cret:/@";
  options.seed_sql = "CREATE TABLE t (v INT); INSERT INTO t VALUES (1);";
  options.database = "app";
  Instance instance{options};
  instance.Start();
  PgConnection conn(instance.PgUrl());
  EXPECT_EQ(conn.QueryScalar("SELECT current_user"), "tester");
  EXPECT_EQ(conn.QueryScalar("SELECT count(*) FROM t"), "1");
  nano::harness::ConnInfo wrong = nano::harness::ParseUrl(instance.PgUrl());
  wrong.password = "nope";
  EXPECT_THROW(PgConnection{nano::harness::BuildUrl(wrong)}, nano::harness::HarnessError);
}

TEST(HarnessLifecycle, DataDirModeKeepsDataAcrossRestarts) {
  const std::string dir = ::testing::TempDir() + "nano_datadir_" + std::to_string(getpid());
  Options options;
  options.data_dir = dir;
  {
    Instance instance{options};
    instance.Start();
    EXPECT_NE(instance.ready_json().find("\"disk\""), std::string::npos) << instance.ready_json();
    instance.ExecSql("", "CREATE TABLE kept (v INT); INSERT INTO kept VALUES (7);");
  }
  Instance again{options};
  again.Start();
  PgConnection conn(again.PgUrl());
  EXPECT_EQ(conn.QueryScalar("SELECT v FROM kept"), "7");
  conn.CloseAndWait();
  again.Stop();
  std::filesystem::remove_all(dir);
}

TEST(HarnessLifecycle, HeliodumpSeedStartsFromTheSnapshot) {
  const std::string dump =
      ::testing::TempDir() + "nano_seed_" + std::to_string(getpid()) + ".heliodump";
  {
    Options writer;
    writer.extra_args = {"--dump-on-shutdown", "--dump-file", dump};
    Instance instance{writer};
    instance.Start();
    instance.ExecSql("",
                     "CREATE TABLE fruit (id INT PRIMARY KEY, name TEXT);"
                     "INSERT INTO fruit VALUES (1, 'apple'), (2, 'pear');");
    instance.Stop();  // SIGTERM: the server writes the dump, then exits
  }
  ASSERT_TRUE(std::filesystem::exists(dump));
  Options options;
  options.seed_file = dump;
  options.database = Instance::UniqueName("nano_work");
  Instance seeded{options};
  seeded.Start();
  PgConnection conn(seeded.PgUrl());
  EXPECT_EQ(conn.QueryScalar("SELECT string_agg(name, ',' ORDER BY id) FROM fruit"), "apple,pear");
  conn.CloseAndWait();
  seeded.ExecSql(seeded.working_database(), "DELETE FROM fruit");
  seeded.Reset();  // back to the snapshot's contents
  PgConnection again(seeded.PgUrl());
  EXPECT_EQ(again.QueryScalar("SELECT count(*) FROM fruit"), "2");
  again.CloseAndWait();
  seeded.Stop();
  std::filesystem::remove(dump);
}

TEST(HarnessLifecycle, TwoHundredCyclesLeakNothing) {
  const int fds_before = OpenFdCount();
  int last_port = 0;
  for (int cycle = 0; cycle < 200; ++cycle) {
    Instance instance;
    instance.Start();
    last_port = instance.Address(nano::harness::Protocol::kPostgres).port;
    instance.Stop();
    ASSERT_TRUE(NoChildren()) << "cycle " << cycle;
  }
  EXPECT_EQ(OpenFdCount(), fds_before);
  EXPECT_TRUE(PortRefuses(last_port));
}

TEST(HarnessLifecycle, SixteenAtOnceOnDistinctPorts) {
  constexpr int kCount = 16;
  std::vector<int> ports(kCount, 0);
  std::vector<std::string> errors(kCount);
  // go: all threads start at once; started: all 16 are up (or failed) at
  // the same time; done: main has seen them, threads may stop their servers.
  std::latch go{kCount}, started{kCount}, done{1};
  std::vector<std::thread> threads;
  // Each thread owns its instance for its whole life: --exit-with-parent
  // ties a server to the spawning thread.
  for (int i = 0; i < kCount; ++i) {
    threads.emplace_back([&, i] {
      Instance instance;
      go.arrive_and_wait();
      try {
        instance.Start();
        ports[i] = instance.Address(nano::harness::Protocol::kPostgres).port;
        PgConnection(instance.PgUrl()).Exec("SELECT 1");
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
      started.count_down();
      done.wait();
    });
  }
  started.wait();
  std::set<int> distinct;
  for (int i = 0; i < kCount; ++i) {
    EXPECT_EQ(errors[i], "") << "instance " << i;
    EXPECT_GT(ports[i], 0);
    distinct.insert(ports[i]);
  }
  done.count_down();
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kCount));
}

// Starts `argv` with a pipe on its stdout and stdin; returns the first line.
std::string SpawnAndReadLine(std::vector<std::string> args, pid_t* pid, int* stdin_fd) {
  int out[2], in[2];
  EXPECT_EQ(pipe2(out, O_CLOEXEC), 0);
  EXPECT_EQ(pipe2(in, O_CLOEXEC), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  EXPECT_EQ(posix_spawn(pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  close(in[0]);
  *stdin_fd = in[1];
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  close(out[0]);
  return line;
}

TEST(HarnessLifecycle, SigkillOfTheTestProcessLeavesNoServer) {
  pid_t helper = 0;
  int helper_stdin = -1;
  std::string line = SpawnAndReadLine({NANO_TEST_SPAWN_HELPER}, &helper, &helper_stdin);
  pid_t server = static_cast<pid_t>(std::stol(line.empty() ? "0" : line));
  ASSERT_GT(server, 0) << "spawn_helper printed '" << line << "'";
  ASSERT_EQ(kill(server, 0), 0);
  ASSERT_EQ(kill(helper, SIGKILL), 0);
  int status;
  ASSERT_EQ(waitpid(helper, &status, 0), helper);
  close(helper_stdin);
  EXPECT_TRUE(ExitsWithin(server, 1000)) << "server " << server << " outlived its owner";
}

TEST(HarnessLifecycle, SigkillOfNanoHarnessUpLeavesNoServer) {
  pid_t up = 0;
  int up_stdin = -1;
  // `up --print-pid` prints the server pid first, then the usual lines.
  std::string line = SpawnAndReadLine({NANO_TEST_HARNESS_CLI, "up", "--print-pid"}, &up, &up_stdin);
  pid_t server = static_cast<pid_t>(std::stol(line.empty() ? "0" : line));
  ASSERT_GT(server, 0) << "nano-harness up printed '" << line << "'";
  ASSERT_EQ(kill(up, SIGKILL), 0);
  int status;
  ASSERT_EQ(waitpid(up, &status, 0), up);
  close(up_stdin);
  EXPECT_TRUE(ExitsWithin(server, 1000)) << "server " << server << " outlived nano-harness up";
}

}  // namespace
