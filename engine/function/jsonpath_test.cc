// engine/function/jsonpath_test.cc — unit tests for the jsonpath subset:
// parsing errors, lax/strict accessors, filters and predicates. Expected
// results are PostgreSQL 15's (jsonb_path_query over the same documents).
#include "function/jsonpath.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "types/json_text.h"

namespace nano {
namespace {

JsonNode Doc(std::string_view text) {
  std::string norm;
  EXPECT_TRUE(NormalizeJson(text, true, &norm).ok()) << text;
  JsonNode n;
  EXPECT_TRUE(ParseJsonTree(norm, true, &n).ok());
  return n;
}

// Runs a path; returns the results joined by " | ", or "ERROR <sqlstate>".
std::string Query(std::string_view doc, std::string_view path, std::string_view vars = "") {
  JsonPath p;
  Status st = JsonPath::Parse(path, &p);
  if (!st.ok()) return "ERROR " + std::string(st.sqlstate());
  const JsonNode d = Doc(doc);
  const JsonNode v = vars.empty() ? JsonNode() : Doc(vars);
  std::vector<std::string> out;
  bool failed = false;
  st = p.Execute(d, vars.empty() ? nullptr : &v, false, &out, &failed);
  if (!st.ok()) return "ERROR " + std::string(st.sqlstate());
  std::string r;
  for (const std::string& s : out) r += (r.empty() ? "" : " | ") + s;
  return r;
}

TEST(JsonPath, AccessorsInLaxAndStrictMode) {
  EXPECT_EQ(Query(R"({"a":[1,2,3]})", "$.a[*]"), "1 | 2 | 3");
  EXPECT_EQ(Query(R"({"a":[1,2,3]})", "$.a[last]"), "3");
  EXPECT_EQ(Query(R"({"a":[1,2,3]})", "$.a[0 to 1, last]"), "1 | 2 | 3");
  EXPECT_EQ(Query(R"({"a":[{"b":1},{"b":2},{"c":3}]})", "$.a.b"), "1 | 2");  // lax unwraps
  EXPECT_EQ(Query(R"({"a":1})", "$.b"), "");
  EXPECT_EQ(Query(R"({"a":1})", "strict $.b"), "ERROR 2203A");
  EXPECT_EQ(Query(R"({"a":[1]})", "strict $.a[3]"), "ERROR 22033");
  EXPECT_EQ(Query(R"({"a":1})", "strict $[*]"), "ERROR 22039");
  EXPECT_EQ(Query(R"({"a b":{"c":true}})", R"($."a b".*)"), "true");
}

TEST(JsonPath, FiltersUseThreeValuedLogic) {
  EXPECT_EQ(Query(R"([1,"a",2,null])", "$[*] ? (@ > 1)"), "2");
  EXPECT_EQ(Query(R"([1,"a",2])", "$[*] ? ((@ > 1) is unknown)"), "\"a\"");
  EXPECT_EQ(Query(R"([1,"a",null])", "$[*] ? (@ != null)"), "1 | \"a\"");
  EXPECT_EQ(Query(R"([{"a":1,"b":[1]},{"a":2}])", "$[*] ? (exists(@.b)).a"), "1");
  EXPECT_EQ(Query(R"(["abc","x"])", R"($[*] ? (@ starts with "a"))"), "\"abc\"");
  EXPECT_EQ(Query("[1,2,3]", "$[*] ? (@ > $min)", R"({"min":2})"), "3");
  EXPECT_EQ(Query("[1]", "$[*] ? (@ > $nope)"), "ERROR 42704");
}

TEST(JsonPath, PredicatesArithmeticAndMethods) {
  EXPECT_EQ(Query(R"({"a":[1,2]})", "$.a[*] > 1"), "true");
  EXPECT_EQ(Query(R"({"a":"x"})", "$.a > 1"), "null");
  EXPECT_EQ(Query(R"({"a":2})", "$.a * 3 + 1"), "7");
  EXPECT_EQ(Query("[1,2]", "$[*] * 2"), "ERROR 22038");
  EXPECT_EQ(Query(R"({"a":[1,2]})", "$.a.size()"), "2");
  EXPECT_EQ(Query(R"({"a":-1.50})", "$.a.abs()"), "1.50");
  EXPECT_EQ(Query(R"({"a":"x"})", "$.a.abs()"), "ERROR 22036");
}

TEST(JsonPath, SyntaxErrors) {
  EXPECT_EQ(Query("{}", "$.a +"), "ERROR 42601");
  EXPECT_EQ(Query("{}", "@"), "ERROR 42601");
  EXPECT_EQ(Query("{}", "$ ? (@.a)"), "ERROR 42601");  // a filter needs a predicate
  EXPECT_EQ(Query("{}", "$.a.**"), "ERROR 42601");     // not supported
}

}  // namespace
}  // namespace nano
