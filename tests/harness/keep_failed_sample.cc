// keep_failed_sample.cc — NOT a test of its own: a GoogleTest binary with one
// deliberately failing test, driven by keep_failed_test.sh to check
// NANO_KEEP_FAILED=1 (the failed test's database survives, its URL printed).
#include <gtest/gtest.h>

#include "nano/gtest_fixture.h"

namespace {

class KeepFailedSample : public nano::NanoMemoryFixture {
 protected:
  nano::Seed SuiteSeed() const override {
    return nano::Seed::Sql("CREATE TABLE evidence (note TEXT);");
  }
};

TEST_F(KeepFailedSample, FailsAfterWriting) {
  pqxx::work tx{conn()};
  tx.exec0("INSERT INTO evidence VALUES ('written by the failed test')");
  tx.commit();
  ADD_FAILURE() << "deliberate failure";
}

TEST_F(KeepFailedSample, PassesAndIsDropped) {
  pqxx::work tx{conn()};
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM evidence")[0].as<int>(), 0);
}

}  // namespace
