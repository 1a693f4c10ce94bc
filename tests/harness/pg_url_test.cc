// pg_url_test.cc — URL parsing/building and identifier quoting (libpq-based).
#include <gtest/gtest.h>

#include "nano/harness/error.h"
#include "nano/harness/pg.h"

namespace {

using nano::harness::BuildUrl;
using nano::harness::ConnInfo;
using nano::harness::ParseUrl;

TEST(PgUrl, ParsesTcpUrl) {
  ConnInfo info = ParseUrl("postgresql://alice:s%40cret@127.0.0.1:5544/app?sslmode=disable");
  EXPECT_EQ(info.host, "127.0.0.1");
  EXPECT_EQ(info.port, 5544);
  EXPECT_EQ(info.user, "alice");
  EXPECT_EQ(info.password, "s@cret");
  EXPECT_EQ(info.dbname, "app");
  EXPECT_EQ(info.params.at("sslmode"), "disable");
}

TEST(PgUrl, RoundTripsThroughBuild) {
  ConnInfo info = ParseUrl("postgresql://bob:p%3Aw%2Fd@localhost:6000/my%20db");
  ConnInfo again = ParseUrl(BuildUrl(info));
  EXPECT_EQ(again.user, "bob");
  EXPECT_EQ(again.password, "p:w/d");
  EXPECT_EQ(again.host, "localhost");
  EXPECT_EQ(again.port, 6000);
  EXPECT_EQ(again.dbname, "my db");
}

TEST(PgUrl, UnixSocketHostGoesToQuery) {
  std::string url = BuildUrl(ParseUrl("host=/tmp/pg port=7777 user=postgres dbname=x"));
  EXPECT_EQ(url, "postgresql://postgres@/x?host=%2Ftmp%2Fpg&port=7777");
  ConnInfo info = ParseUrl(url);
  EXPECT_EQ(info.host, "/tmp/pg");
  EXPECT_EQ(info.port, 7777);
}

TEST(PgUrl, ReplacesDatabase) {
  EXPECT_EQ(nano::harness::UrlWithDatabase("postgresql://postgres@127.0.0.1:5432/postgres", "t_1"),
            "postgresql://postgres@127.0.0.1:5432/t_1");
}

TEST(PgUrl, RejectsGarbage) {
  EXPECT_THROW(ParseUrl("postgresql://[::1"), nano::harness::HarnessError);
}

TEST(PgUrl, QuotesIdentifiers) {
  EXPECT_EQ(nano::harness::QuoteIdent("plain"), "\"plain\"");
  EXPECT_EQ(nano::harness::QuoteIdent("we\"ird"), "\"we\"\"ird\"");
}

}  // namespace
