// fixture_test.cc — NanoMemoryFixture behaviour: seeds, isolation, teardown.
// Runs against a spawned server, or against $NANO_EXTERNAL_URL (PostgreSQL
// 15 in the external-mode ctest entry); the assertions are the same.
#include <gtest/gtest.h>

#include <string>

#include "nano/gtest_fixture.h"

namespace {

constexpr int kSeedRows = 3;

class SeededSqlTest : public nano::NanoMemoryFixture, public ::testing::WithParamInterface<int> {
 protected:
  nano::Seed SuiteSeed() const override {
    return nano::Seed::Sql(
        "CREATE TABLE accounts (id INT PRIMARY KEY, owner TEXT NOT NULL);"
        "INSERT INTO accounts VALUES (1, 'seed-a'), (2, 'seed-b'), (3, 'seed-c');");
  }
};

// Every instance writes the same key with its own value: if two tests ever
// shared a database, one would hit a duplicate key or read the other's row.
TEST_P(SeededSqlTest, ConflictingWritesStayIsolated) {
  const int param = GetParam();
  pqxx::work tx{conn()};
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM accounts")[0].as<int>(), kSeedRows);
  tx.exec0("INSERT INTO accounts VALUES (100, 'writer-" + std::to_string(param) + "')");
  tx.exec0("UPDATE accounts SET owner = 'changed-" + std::to_string(param) + "' WHERE id = 1");
  tx.commit();
  pqxx::work check{conn()};
  EXPECT_EQ(check.exec1("SELECT count(*) FROM accounts")[0].as<int>(), kSeedRows + 1);
  EXPECT_EQ(check.exec1("SELECT owner FROM accounts WHERE id = 100")[0].as<std::string>(),
            "writer-" + std::to_string(param));
  EXPECT_EQ(check.exec1("SELECT owner FROM accounts WHERE id = 1")[0].as<std::string>(),
            "changed-" + std::to_string(param));
}

INSTANTIATE_TEST_SUITE_P(Writers, SeededSqlTest, ::testing::Range(0, 12));

class SeededFileTest : public nano::NanoMemoryFixture {
 protected:
  nano::Seed SuiteSeed() const override { return nano::Seed::File(NANO_TEST_SEED_FILE); }
};

TEST_F(SeededFileTest, SeesTheFileSeed) {
  pqxx::work tx{conn()};
  EXPECT_EQ(tx.exec1("SELECT name FROM colors WHERE id = 2")[0].as<std::string>(), "green");
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM colors")[0].as<int>(), 3);
}

TEST_F(SeededFileTest, DeletesDoNotLeak) {
  pqxx::work tx{conn()};
  tx.exec0("DELETE FROM colors");
  tx.commit();
  pqxx::work check{conn()};
  EXPECT_EQ(check.exec1("SELECT count(*) FROM colors")[0].as<int>(), 0);
}

TEST_F(SeededFileTest, DoesNotSeeOtherSuitesSeed) {
  pqxx::work tx{conn()};
  try {
    tx.exec("SELECT count(*) FROM accounts");
    FAIL() << "the other suite's seed table is visible";
  } catch (const pqxx::sql_error& e) {
    EXPECT_EQ(e.sqlstate(), "42P01") << e.what();  // undefined_table
  }
}

class UnseededTest : public nano::NanoMemoryFixture {};

TEST_F(UnseededTest, StartsEmptyAndGetsOwnDatabase) {
  pqxx::work tx{conn()};
  EXPECT_EQ(tx.exec1("SELECT current_database()")[0].as<std::string>(), database());
  // Fails if any earlier test's table (or a seed) were visible here.
  tx.exec0("CREATE TABLE scratch (x INT)");
  tx.exec0("CREATE TABLE colors (x INT)");
  tx.exec0("CREATE TABLE accounts (x INT)");
  tx.commit();
}

TEST_F(UnseededTest, UrlWorksForAnotherClient) {
  pqxx::connection other{url()};
  pqxx::work tx{other};
  EXPECT_EQ(tx.exec1("SELECT current_database()")[0].as<std::string>(), database());
  EXPECT_EQ(tx.exec1("SELECT 40 + 2")[0].as<int>(), 42);
}

// Drives a second fixture through SetUp/TearDown inside this test, then
// checks that its database is gone for every client.
class FixtureProbe : public nano::NanoMemoryFixture {
 public:
  void TestBody() override {}
  using NanoMemoryFixture::database;
  using NanoMemoryFixture::SetUp;
  using NanoMemoryFixture::TearDown;
  using NanoMemoryFixture::url;
};

TEST_F(UnseededTest, DatabaseIsDroppedAfterTheTest) {
  FixtureProbe probe;
  probe.SetUp();
  const std::string probe_url = probe.url();
  {
    pqxx::connection c{probe_url};
    pqxx::work tx{c};
    tx.exec0("CREATE TABLE left_behind (x INT)");
    tx.commit();
  }
  probe.TearDown();
  EXPECT_THROW(pqxx::connection{probe_url}, pqxx::broken_connection) << probe.database();
  EXPECT_NE(probe.database(), database());
}

}  // namespace
