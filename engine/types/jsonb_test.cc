// engine/types/jsonb_test.cc — unit tests for the JSON document tree, jsonb's
// btree order and hashing, and the jsonb scalar casts. The expected order is
// PostgreSQL 15's (SELECT j FROM ... ORDER BY j on the same values).
#include "types/jsonb.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "types/compare.h"
#include "types/json_text.h"

namespace nano {
namespace {

Value Jsonb(std::string_view text) {
  std::string norm;
  EXPECT_TRUE(NormalizeJson(text, true, &norm).ok()) << text;
  return Value::String(type::kJsonb, norm);
}

TEST(JsonTree, KeepsRawSpansForJsonAndDecodesStrings) {
  JsonNode n;
  ASSERT_TRUE(ParseJsonTree(R"({"a" : [1, 2 ] , "b":"x\u0041\n", "a": 1.50})", false, &n).ok());
  ASSERT_EQ(n.kind, JsonNode::Kind::kObject);
  ASSERT_EQ(n.keys.size(), 3u);  // json keeps duplicates
  EXPECT_EQ(n.elems[0].raw, "[1, 2 ]");
  EXPECT_EQ(n.elems[1].str, "xA\n");
  EXPECT_EQ(n.elems[n.FindKey("a")].str, "1.50");  // the last duplicate
  EXPECT_EQ(n.FindKey("zz"), -1);
}

TEST(JsonTree, RendersJsonbCanonically) {
  JsonNode n;
  ASSERT_TRUE(ParseJsonTree(R"({"b":[1,{"c":null}],"a":"\"q\""})", true, &n).ok());
  CanonicalizeJsonbObject(&n);
  EXPECT_EQ(JsonbText(n), R"({"a": "\"q\"", "b": [1, {"c": null}]})");
}

TEST(JsonTree, InvalidTextReportsTheInputError) {
  JsonNode n;
  Status st = ParseJsonTree("{\"a\":", true, &n);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.sqlstate(), "22P02");
}

TEST(JsonbOrder, MatchesPostgres) {
  // PostgreSQL 15: ORDER BY over these values gives exactly this order.
  const std::vector<std::string> sorted = {"[]",         "null",
                                           "\"a\"",      "\"b\"",
                                           "-1",         "1",
                                           "1.0",        "false",
                                           "true",       "[null]",
                                           "[\"a\"]",    "[1]",
                                           "[2]",        "[[]]",
                                           "[{}]",       "[1, 2]",
                                           "{}",         "{\"a\": 1}",
                                           "{\"a\": 2}", "{\"aa\": 1}",
                                           "{\"b\": 1}", "{\"a\": 1, \"b\": 1}"};
  for (size_t i = 0; i + 1 < sorted.size(); ++i) {
    const int c = CompareValues(Jsonb(sorted[i]), Jsonb(sorted[i + 1]));
    if (sorted[i] == "1" && sorted[i + 1] == "1.0") {
      EXPECT_EQ(c, 0);
    } else {
      EXPECT_LT(c, 0) << sorted[i] << " vs " << sorted[i + 1];
      EXPECT_GT(CompareValues(Jsonb(sorted[i + 1]), Jsonb(sorted[i])), 0);
    }
  }
  // Stored key order decides between objects of equal size.
  EXPECT_GT(CompareValues(Jsonb(R"({"aa":1,"c":1})"), Jsonb(R"({"b":1,"d":1})")), 0);
}

TEST(JsonbHash, EqualValuesHashAlike) {
  EXPECT_EQ(HashValue(Jsonb("1")), HashValue(Jsonb("1.00")));
  EXPECT_EQ(HashValue(Jsonb(R"({"a":[2.50, -0.0]})")), HashValue(Jsonb(R"({"a":[2.5, 0]})")));
  EXPECT_TRUE(ValuesEqual(Jsonb(R"({"a":[2.50, -0.0]})"), Jsonb(R"({"a":[2.5, 0]})")));
  EXPECT_NE(HashValue(Jsonb("[1]")), HashValue(Jsonb("1")));
}

TEST(JsonbCast, ScalarsConvertOthersFailWith22023) {
  FormatContext fmt;
  Value out;
  ASSERT_TRUE(CastJsonbToScalar(Jsonb("1.5"), TypeRef{type::kInt4, -1}, fmt, &out).ok());
  EXPECT_EQ(out.int_value(), 2);  // numeric rounding
  ASSERT_TRUE(CastJsonbToScalar(Jsonb("true"), TypeRef{type::kBool, -1}, fmt, &out).ok());
  EXPECT_TRUE(out.bool_value());
  Status st = CastJsonbToScalar(Jsonb("\"1\""), TypeRef{type::kInt4, -1}, fmt, &out);
  EXPECT_EQ(st.sqlstate(), "22023");
  EXPECT_EQ(st.message(), "cannot cast jsonb string to type integer");
  st = CastJsonbToScalar(Jsonb("1"), TypeRef{type::kBool, -1}, fmt, &out);
  EXPECT_EQ(st.message(), "cannot cast jsonb numeric to type boolean");
}

}  // namespace
}  // namespace nano
