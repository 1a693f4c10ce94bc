// sample_test.cc — what a user's test file looks like with NanoMemoryFixture.
#include <gtest/gtest.h>
#include <nano/gtest_fixture.h>

class InventoryTest : public nano::NanoMemoryFixture {
 protected:
  nano::Seed SuiteSeed() const override {
    return nano::Seed::Sql(
        "CREATE TABLE items (sku TEXT PRIMARY KEY, qty INT NOT NULL);"
        "INSERT INTO items VALUES ('apple', 10), ('pear', 4);");
  }
};

TEST_F(InventoryTest, SeesTheSeed) {
  pqxx::work tx{conn()};
  EXPECT_EQ(tx.exec1("SELECT qty FROM items WHERE sku = 'apple'")[0].as<int>(), 10);
}

TEST_F(InventoryTest, SellsWithoutAffectingOtherTests) {
  pqxx::work tx{conn()};
  tx.exec0("UPDATE items SET qty = qty - 10 WHERE sku = 'apple'");
  tx.exec0("INSERT INTO items VALUES ('fig', 1)");
  tx.commit();
  pqxx::work check{conn()};
  EXPECT_EQ(check.exec1("SELECT qty FROM items WHERE sku = 'apple'")[0].as<int>(), 0);
  EXPECT_EQ(check.exec1("SELECT count(*) FROM items")[0].as<int>(), 3);
}

TEST_F(InventoryTest, NeverSeesAnotherTestsWrites) {
  pqxx::work tx{conn()};
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM items WHERE sku = 'fig'")[0].as<int>(), 0);
  EXPECT_EQ(tx.exec1("SELECT sum(qty) FROM items")[0].as<int>(), 14);
}
