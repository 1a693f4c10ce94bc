// instance_test.cc — the Instance API end to end: start, query, databases,
// seed, reset, reseed, stop. Spawns the real server, or runs against
// $NANO_EXTERNAL_URL (PostgreSQL 15 in the external-mode ctest entry).
#include "nano/harness/instance.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <cerrno>
#include <string>

namespace {

using nano::harness::HarnessError;
using nano::harness::Instance;
using nano::harness::Options;
using nano::harness::PgConnection;

// One query on a short-lived connection that is fully gone on return (the
// tests drop these databases right after, without FORCE).
std::string Scalar(const std::string& url, const std::string& sql) {
  PgConnection conn(url);
  std::string value = conn.QueryScalar(sql);
  conn.CloseAndWait();
  return value;
}

TEST(HarnessInstance, StartsAnswersAndStops) {
  Instance instance;
  instance.Start();
  ASSERT_TRUE(instance.running());
  EXPECT_EQ(Scalar(instance.PgUrl(), "SELECT 6 * 7"), "42");
  auto pg = instance.Address(nano::harness::Protocol::kPostgres);
  EXPECT_GT(pg.port, 0);
  EXPECT_THROW(instance.Address(nano::harness::Protocol::kMysql), HarnessError);
  pid_t pid = instance.pid();
  if (!instance.external()) {
    EXPECT_GT(pid, 0);
    EXPECT_FALSE(instance.log_path().empty());
    EXPECT_NE(instance.ready_json().find("\"pg\""), std::string::npos);
    EXPECT_GT(instance.Address(nano::harness::Protocol::kHttp).port, 0);
    EXPECT_NE(instance.Address(nano::harness::Protocol::kHttp).port, pg.port);
  }
  instance.Stop();
  EXPECT_FALSE(instance.running());
  if (pid > 0) {
    EXPECT_EQ(kill(pid, 0), -1);
    EXPECT_EQ(errno, ESRCH);
  }
  instance.Stop();  // idempotent
}

TEST(HarnessInstance, SeedResetAndReseed) {
  Options options;
  options.seed_sql = "CREATE TABLE t (id INT); INSERT INTO t VALUES (1), (2);";
  options.database = Instance::UniqueName("nano_work");
  Instance instance{options};
  instance.Start();
  const std::string url = instance.PgUrl();
  EXPECT_EQ(Scalar(url, "SELECT count(*) FROM t"), "2");
  instance.ExecSql(instance.working_database(), "INSERT INTO t VALUES (3)");
  EXPECT_EQ(Scalar(url, "SELECT count(*) FROM t"), "3");
  {
    PgConnection open_client(url);  // Reset must not be blocked by clients
    instance.Reset();
  }
  EXPECT_EQ(Scalar(url, "SELECT count(*) FROM t"), "2");
  instance.Reseed("CREATE TABLE u (name TEXT); INSERT INTO u VALUES ('x');", "");
  EXPECT_EQ(Scalar(url, "SELECT name FROM u"), "x");
}

TEST(HarnessInstance, CreateCloneDrop) {
  Instance instance;
  instance.Start();
  const std::string source = Instance::UniqueName("nano_src");
  const std::string clone = Instance::UniqueName("nano_clone");
  instance.CreateDatabase(source);
  instance.ExecSql(source, "CREATE TABLE k (v TEXT); INSERT INTO k VALUES ('kept');");
  instance.CloneDatabase(source, clone);
  EXPECT_EQ(Scalar(instance.PgUrl(clone), "SELECT v FROM k"), "kept");
  instance.ExecSql(clone, "DELETE FROM k");
  EXPECT_EQ(Scalar(instance.PgUrl(source), "SELECT count(*) FROM k"), "1");
  instance.DropDatabase(clone);
  instance.DropDatabase(source);
  EXPECT_THROW(PgConnection{instance.PgUrl(clone)}, HarnessError);
  EXPECT_THROW(instance.CloneDatabase("nano_no_such_db", clone), HarnessError);
}

TEST(HarnessInstance, ResetWithoutWorkingDatabaseIsAnError) {
  Instance instance;
  instance.Start();
  EXPECT_THROW(instance.Reset(), HarnessError);
}

TEST(HarnessInstance, RestartGivesAWorkingServer) {
  Instance instance;
  instance.Start();
  instance.Restart();
  EXPECT_EQ(Scalar(instance.PgUrl(), "SELECT 1"), "1");
}

TEST(HarnessInstance, BadSeedFailsStartWithTheSqlError) {
  Options options;
  options.seed_sql = "CREATE TABLE broken (";
  options.database = Instance::UniqueName("nano_work");
  Instance instance{options};
  try {
    instance.Start();
    FAIL() << "a broken seed started";
  } catch (const HarnessError& e) {
    EXPECT_NE(e.reason().find("seeding failed"), std::string::npos) << e.what();
    EXPECT_EQ(e.sqlstate(), "42601") << e.what();
  }
  EXPECT_FALSE(instance.running());
}

}  // namespace
