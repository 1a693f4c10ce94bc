// engine/types/geometry_test.cc — geometric types and money: binary
// send/receive in PostgreSQL's byte layout, and round trips through text,
// binary and the storage codec.
#include "types/geometry.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/codec.h"
#include "types/binary_io.h"
#include "types/format_context.h"
#include "types/money.h"
#include "types/text_io.h"

namespace nano {
namespace {

std::string Hex(const std::string& b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string r;
  for (unsigned char c : b) {
    r.push_back(kHex[c >> 4]);
    r.push_back(kHex[c & 15]);
  }
  return r;
}

Value Parse(const char* text, TypeOid t) {
  Value v;
  EXPECT_TRUE(ParseText(text, TypeRef{t, -1}, FormatContext{}, &v).ok()) << text;
  return v;
}

TEST(GeometryTest, PointSendsTwoBigEndianFloat8s) {
  std::string b;
  ASSERT_TRUE(FormatBinary(Parse("(1,2)", type::kPoint), &b).ok());
  EXPECT_EQ(Hex(b), "3ff00000000000004000000000000000");
}

TEST(GeometryTest, PathSendsClosedFlagAndCount) {
  std::string b;
  ASSERT_TRUE(FormatBinary(Parse("[(1,2),(3,4)]", type::kPath), &b).ok());
  EXPECT_EQ(Hex(b).substr(0, 10), "0000000002");
  ASSERT_TRUE(FormatBinary(Parse("((1,2),(3,4))", type::kPolygon), &b).ok());
}

TEST(GeometryTest, BinaryAndStorageRoundTrips) {
  const std::vector<std::pair<const char*, TypeOid>> cases = {
      {"(1.5,-2)", type::kPoint},
      {"[(1,2),(3,4)]", type::kLseg},
      {"{1,-1,0.5}", type::kLine},
      {"(3,4),(1,2)", type::kBox},
      {"[(1,2),(3,4),(5,6)]", type::kPath},
      {"((0,0),(1,1))", type::kPath},
      {"((0,0),(2,2),(2,0))", type::kPolygon},
      {"<(1,2),3>", type::kCircle},
      {"-$1,234.56", type::kMoney}};
  for (const auto& [text, t] : cases) {
    const Value v = Parse(text, t);
    std::string bytes;
    ASSERT_TRUE(FormatBinary(v, &bytes).ok()) << text;
    Value back;
    ASSERT_TRUE(ParseBinary(bytes, TypeRef{t, -1}, &back).ok()) << text;
    EXPECT_EQ(ValueToString(back, FormatContext{}), ValueToString(v, FormatContext{})) << text;
    std::string row;
    EncodeRow(&v, 1, &row);
    Value stored;
    ASSERT_TRUE(DecodeRow(row, {t}, &stored).ok()) << text;
    EXPECT_EQ(ValueToString(stored, FormatContext{}), ValueToString(v, FormatContext{})) << text;
  }
}

TEST(GeometryTest, BadBinaryIsRejected) {
  Value v;
  EXPECT_FALSE(ParseBinary(std::string(8, '\0'), TypeRef{type::kPoint, -1}, &v).ok());
  // A negative radius.
  std::string circle(16, '\0');
  circle += std::string("\xbf\xf0\0\0\0\0\0\0", 8);
  EXPECT_FALSE(ParseBinary(circle, TypeRef{type::kCircle, -1}, &v).ok());
}

TEST(MoneyTest, KeysOrderLikeAmounts) {
  std::string lo, hi;
  EncodeKeyValue(MakeMoney(-100), type::kMoney, false, &lo);
  EncodeKeyValue(MakeMoney(5), type::kMoney, false, &hi);
  EXPECT_LT(lo, hi);
  std::string_view in = hi;
  Value back;
  ASSERT_TRUE(DecodeKeyValue(&in, type::kMoney, false, &back).ok());
  EXPECT_EQ(back.type(), type::kMoney);
  EXPECT_EQ(back.int_value(), 5);
}

TEST(MoneyTest, FormatsInTheCLocale) {
  std::string s;
  FormatMoney(INT64_MIN, &s);
  EXPECT_EQ(s, "-$92,233,720,368,547,758.08");
  s.clear();
  FormatMoney(5, &s);
  EXPECT_EQ(s, "$0.05");
}

}  // namespace
}  // namespace nano
