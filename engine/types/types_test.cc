// engine/types/types_test.cc — unit tests for type metadata, binary I/O,
// comparison/hashing, coercion rules, time zones and numeric arithmetic.
// Expected binary encodings were produced by PostgreSQL 15's *_send functions.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "types/binary_io.h"
#include "types/cast.h"
#include "types/compare.h"
#include "types/datetime.h"
#include "types/format_context.h"
#include "types/json_text.h"
#include "types/numeric.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano {
namespace {

std::string Hex(std::string_view b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string r;
  for (unsigned char c : b) {
    r.push_back(kHex[c >> 4]);
    r.push_back(kHex[c & 15]);
  }
  return r;
}

std::string Unhex(std::string_view h) {
  std::string r;
  for (size_t i = 0; i + 1 < h.size(); i += 2) {
    r.push_back(static_cast<char>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
  }
  return r;
}

Value Parse(std::string_view text, TypeOid oid, int32_t typmod = -1) {
  FormatContext ctx;
  Value v;
  Status st = ParseText(text, TypeRef{oid, typmod}, ctx, &v);
  EXPECT_TRUE(st.ok()) << st.ToString() << " for " << text;
  return v;
}

std::string Text(const Value& v) { return ValueToString(v, FormatContext()); }

// ---------------------------------------------------------------- type_info

TEST(TypeInfoTest, LookupByOidAndName) {
  const TypeInfo* int4 = LookupType(type::kInt4);
  ASSERT_NE(int4, nullptr);
  EXPECT_STREQ(int4->name, "int4");
  EXPECT_EQ(int4->typlen, 4);
  EXPECT_TRUE(int4->byval);
  EXPECT_EQ(int4->category, 'N');
  EXPECT_EQ(int4->array_oid, type::kInt4Array);
  EXPECT_EQ(LookupType(999999), nullptr);

  struct NameCase {
    const char* name;
    TypeOid oid;
  };
  const NameCase cases[] = {
      {"integer", type::kInt4},
      {"INT", type::kInt4},
      {"int4", type::kInt4},
      {"bigint", type::kInt8},
      {"int8", type::kInt8},
      {"smallint", type::kInt2},
      {"real", type::kFloat4},
      {"float4", type::kFloat4},
      {"double precision", type::kFloat8},
      {"double   precision", type::kFloat8},
      {"float8", type::kFloat8},
      {"float", type::kFloat8},
      {"float(24)", type::kFloat4},
      {"float(25)", type::kFloat8},
      {"numeric", type::kNumeric},
      {"decimal", type::kNumeric},
      {"numeric(10,2)", type::kNumeric},
      {"text", type::kText},
      {"varchar", type::kVarChar},
      {"character varying", type::kVarChar},
      {"character varying(10)", type::kVarChar},
      {"char", type::kBpChar},
      {"character", type::kBpChar},
      {"bpchar", type::kBpChar},
      {"bool", type::kBool},
      {"boolean", type::kBool},
      {"bytea", type::kBytea},
      {"date", type::kDate},
      {"time", type::kTime},
      {"time without time zone", type::kTime},
      {"timetz", type::kTimeTz},
      {"time with time zone", type::kTimeTz},
      {"timestamp", type::kTimestamp},
      {"timestamp without time zone", type::kTimestamp},
      {"timestamptz", type::kTimestampTz},
      {"timestamp with time zone", type::kTimestampTz},
      {"timestamp(3) with time zone", type::kTimestampTz},
      {"interval", type::kInterval},
      {"uuid", type::kUuid},
      {"json", type::kJson},
      {"jsonb", type::kJsonb},
      {"oid", type::kOid},
      {"name", type::kName},
      {"regclass", type::kRegClass},
      {"regtype", type::kRegType},
      {"int[]", type::kInt4Array},
      {"text[]", type::kTextArray},
      {"integer[][]", type::kInt4Array},
      {"varchar(5)[]", type::kVarCharArray},
      {"_int4", type::kInt4Array},
  };
  for (const NameCase& c : cases) {
    const TypeInfo* t = LookupTypeByName(c.name);
    ASSERT_NE(t, nullptr) << c.name;
    EXPECT_EQ(t->oid, c.oid) << c.name;
  }
  EXPECT_EQ(LookupTypeByName("nosuchtype"), nullptr);
  EXPECT_EQ(LookupTypeByName("float(54)"), nullptr);
}

TEST(TypeInfoTest, MakeTypmodValidatesLikePostgres) {
  int32_t tm = 0;
  EXPECT_TRUE(MakeTypmod(type::kVarChar, {10}, &tm).ok());
  EXPECT_EQ(tm, 14);
  EXPECT_TRUE(MakeTypmod(type::kNumeric, {10, 2}, &tm).ok());
  EXPECT_EQ(tm, ((10 << 16) | 2) + 4);
  EXPECT_EQ(NumericPrecisionFromTypmod(tm), 10);
  EXPECT_EQ(NumericScaleFromTypmod(tm), 2);
  EXPECT_TRUE(MakeTypmod(type::kNumeric, {5, -2}, &tm).ok());  // PG15 allows negative scale
  EXPECT_EQ(NumericScaleFromTypmod(tm), -2);
  EXPECT_TRUE(MakeTypmod(type::kTimestamp, {3}, &tm).ok());
  EXPECT_EQ(tm, 3);
  EXPECT_TRUE(MakeTypmod(type::kInt4, {}, &tm).ok());
  EXPECT_EQ(tm, -1);
  // INTERVAL modifiers arrive as the grammar writes them: range mask, then
  // precision; INTERVAL(p) is the full range and p.
  namespace ir = interval_range;
  EXPECT_TRUE(MakeTypmod(type::kInterval, {ir::kFull, 2}, &tm).ok());
  EXPECT_EQ(FormatType({type::kInterval, tm}), "interval(2)");
  EXPECT_TRUE(MakeTypmod(type::kInterval, {ir::kYear | ir::kMonth}, &tm).ok());
  EXPECT_EQ(tm, 458751);
  EXPECT_TRUE(
      MakeTypmod(type::kInterval, {ir::kDay | ir::kHour | ir::kMinute | ir::kSecond, 3}, &tm).ok());
  EXPECT_EQ(tm, 470286339);
  EXPECT_TRUE(MakeTypmod(type::kInterval, {ir::kFull}, &tm).ok());
  EXPECT_EQ(tm, -1);
  EXPECT_EQ(MakeTypmod(type::kInterval, {ir::kYear | ir::kDay}, &tm).sqlstate(), "22023");
  EXPECT_EQ(MakeTypmod(type::kInterval, {ir::kFull, -1}, &tm).sqlstate(), "22023");

  Status st = MakeTypmod(type::kVarChar, {0}, &tm);
  EXPECT_EQ(st.sqlstate(), "22023");
  EXPECT_EQ(st.message(), "length for type varchar must be at least 1");
  st = MakeTypmod(type::kBpChar, {10485761}, &tm);
  EXPECT_EQ(st.message(), "length for type char cannot exceed 10485760");
  st = MakeTypmod(type::kNumeric, {1001}, &tm);
  EXPECT_EQ(st.message(), "NUMERIC precision 1001 must be between 1 and 1000");
  st = MakeTypmod(type::kNumeric, {10, 1001}, &tm);
  EXPECT_EQ(st.message(), "NUMERIC scale 1001 must be between -1000 and 1000");
  st = MakeTypmod(type::kInt4, {3}, &tm);
  EXPECT_EQ(st.sqlstate(), "42601");
  EXPECT_EQ(st.message(), "type modifier is not allowed for type \"int4\"");
}

TEST(TypeInfoTest, FormatTypeMatchesFormatType) {
  EXPECT_EQ(FormatType({type::kInt4, -1}), "integer");
  EXPECT_EQ(FormatType({type::kVarChar, 14}), "character varying(10)");
  EXPECT_EQ(FormatType({type::kVarChar, -1}), "character varying");
  EXPECT_EQ(FormatType({type::kNumeric, ((10 << 16) | 2) + 4}), "numeric(10,2)");
  EXPECT_EQ(FormatType({type::kTimestampTz, -1}), "timestamp with time zone");
  EXPECT_EQ(FormatType({type::kTime, 3}), "time(3) without time zone");
  EXPECT_EQ(FormatType({type::kTextArray, -1}), "text[]");
  EXPECT_EQ(FormatType({type::kBpChar, 5}), "character(1)");
  EXPECT_EQ(FormatType({type::kBpChar, -1}), "bpchar");
  EXPECT_EQ(FormatType({type::kFloat8, -1}), "double precision");
  EXPECT_EQ(FormatType({type::kChar, -1}), "\"char\"");
  EXPECT_EQ(FormatType({type::kVarCharArray, 14}), "character varying(10)[]");
  EXPECT_EQ(FormatType({type::kJsonb, -1}), "jsonb");
}

TEST(TypeInfoTest, ArrayAndCategoryHelpers) {
  EXPECT_EQ(ArrayTypeOf(type::kInt4), type::kInt4Array);
  EXPECT_EQ(ArrayTypeOf(type::kInt4Array), 0u);
  EXPECT_EQ(ElementTypeOf(type::kTextArray), type::kText);
  EXPECT_EQ(ElementTypeOf(type::kText), 0u);
  EXPECT_TRUE(IsArrayType(type::kJsonbArray));
  EXPECT_FALSE(IsArrayType(type::kJsonb));
  EXPECT_TRUE(IsStringType(type::kUnknown));
  EXPECT_TRUE(IsStringType(type::kBpChar));
  EXPECT_FALSE(IsStringType(type::kBytea));
  EXPECT_TRUE(IsNumericType(type::kNumeric));
  EXPECT_TRUE(IsNumericType(type::kOid));
  EXPECT_FALSE(IsNumericType(type::kBool));
}

// ---------------------------------------------------------------- binary

struct BinaryCase {
  TypeOid oid;
  const char* text;
  const char* hex;  // PostgreSQL's *_send output
};

TEST(BinaryIoTest, MatchesPostgresSendAndRoundTrips) {
  const BinaryCase cases[] = {
      {type::kBool, "t", "01"},
      {type::kInt2, "-2", "fffe"},
      {type::kInt4, "42", "0000002a"},
      {type::kInt8, "-1", "ffffffffffffffff"},
      {type::kFloat4, "1.5", "3fc00000"},
      {type::kFloat8, "-0.1", "bfb999999999999a"},
      {type::kNumeric, "-123.4500", "0002000040000004007b1194"},
      {type::kNumeric, "NaN", "00000000c0000000"},
      {type::kNumeric, "0.000", "0000000000000003"},
      {type::kNumeric, "12345678", "000200010000000004d2162e"},
      {type::kText, "héllo", "68c3a96c6c6f"},
      {type::kBytea, "\\xdeadbeef", "deadbeef"},
      {type::kUuid, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc999c0b4ef8bb6d6bb9bd380a11"},
      {type::kDate, "2024-01-02", "0000223f"},
      {type::kTimestampTz, "2024-01-02 03:04:05.5+00", "0002b0ec851d9460"},
      {type::kInterval, "1 year 2 days 3 sec", "00000000002dc6c0000000020000000c"},
      {type::kTimeTz, "03:04:05+05:30", "0000000292555340ffffb2a8"},
      {type::kJsonb, "{\"a\":1}", "017b2261223a20317d"},
      {type::kInt4Array, "{{1,NULL},{3,4}}",
       "000000020000000100000017000000020000000100000002000000010000000400000001ffffffff00000004000"
       "00003"
       "0000000400000004"},
      {type::kTextArray, "{}", "000000000000000000000019"},
      {type::kTextArray, "[0:1]={a,b}",
       "000000010000000000000019000000020000000000000001610000000162"},
  };
  for (const BinaryCase& c : cases) {
    const Value v = Parse(c.text, c.oid);
    std::string bytes;
    ASSERT_TRUE(FormatBinary(v, &bytes).ok()) << c.text;
    EXPECT_EQ(Hex(bytes), c.hex) << c.text;
    Value back;
    Status st = ParseBinary(Unhex(c.hex), TypeRef{c.oid, -1}, &back);
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(Text(back), Text(v)) << c.text;
  }
}

TEST(BinaryIoTest, RejectsMalformedInput) {
  Value v;
  Status st = ParseBinary(Unhex("0000"), TypeRef{type::kInt4, -1}, &v);
  EXPECT_EQ(st.sqlstate(), "22P03");
  EXPECT_EQ(st.message(), "insufficient data left in message");
  st = ParseBinary(Unhex("0000000000"), TypeRef{type::kInt4, -1}, &v);
  EXPECT_EQ(st.sqlstate(), "22P03");
  st = ParseBinary(Unhex("0001000000000000270f"), TypeRef{type::kNumeric, -1}, &v);
  EXPECT_TRUE(st.ok());
  st = ParseBinary(Unhex("000100000000000027ff"), TypeRef{type::kNumeric, -1}, &v);
  EXPECT_EQ(st.sqlstate(), "22P03");
  EXPECT_EQ(st.message(), "invalid digit in external \"numeric\" value");
  st = ParseBinary(Unhex("00000001000000000000001700000002"), TypeRef{type::kInt4Array, -1}, &v);
  EXPECT_EQ(st.sqlstate(), "22P03");
  // Element type mismatch is a datatype error, as in array_recv.
  st = ParseBinary(Unhex("000000010000000000000019000000010000000100000001"
                         "61"),
                   TypeRef{type::kInt4Array, -1}, &v);
  EXPECT_EQ(st.sqlstate(), "42804");
  // varchar(n) typmods apply on receive.
  st = ParseBinary("abcdef", TypeRef{type::kVarChar, 7}, &v);
  EXPECT_EQ(st.sqlstate(), "22001");
}

// ---------------------------------------------------------------- compare / hash

TEST(CompareTest, CrossTypeNumericsCompareAndHashByValue) {
  const Value one_i4 = Value::Int4(1);
  const Value one_i8 = Value::Int8(1);
  const Value one_num = Value::Numeric("1.0");
  const Value one_f8 = Value::Float8(1.0);
  const Value one_f4 = Value::Float4(1.0);
  for (const Value* a : {&one_i4, &one_i8, &one_num, &one_f8, &one_f4}) {
    for (const Value* b : {&one_i4, &one_i8, &one_num, &one_f8, &one_f4}) {
      EXPECT_TRUE(ValuesEqual(*a, *b));
      EXPECT_EQ(HashValue(*a), HashValue(*b));
    }
  }
  EXPECT_EQ(HashValue(Value::Numeric("0.5")), HashValue(Value::Float8(0.5)));
  EXPECT_TRUE(ValuesEqual(Value::Numeric("0.5"), Value::Float8(0.5)));
  EXPECT_LT(CompareValues(Value::Int4(2), Value::Numeric("2.5")), 0);
  EXPECT_GT(CompareValues(Value::Numeric("-1.5"), Value::Int8(-2)), 0);
  EXPECT_LT(CompareValues(Value::Int8(9007199254740993), Value::Numeric("9007199254740994")), 0);
}

TEST(CompareTest, FloatSpecialValues) {
  const double nan = std::nan("");
  EXPECT_EQ(CompareValues(Value::Float8(nan), Value::Float8(nan)), 0);
  EXPECT_GT(CompareValues(Value::Float8(nan), Value::Float8(HUGE_VAL)), 0);
  EXPECT_LT(CompareValues(Value::Float8(-HUGE_VAL), Value::Float8(-1e308)), 0);
  EXPECT_EQ(CompareValues(Value::Float8(-0.0), Value::Float8(0.0)), 0);
  EXPECT_EQ(HashValue(Value::Float8(-0.0)), HashValue(Value::Float8(0.0)));
  EXPECT_EQ(HashValue(Value::Float8(nan)), HashValue(Value::Float8(-nan)));
  EXPECT_GT(CompareValues(Value::Numeric("NaN"), Value::Numeric("Infinity")), 0);
  EXPECT_GT(CompareValues(Value::Numeric("Infinity"), Value::Numeric("1e1000")), 0);
  EXPECT_LT(CompareValues(Value::Numeric("-Infinity"), Value::Numeric("-1e1000")), 0);
}

TEST(CompareTest, StringsBytesAndBpchar) {
  EXPECT_LT(CompareValues(Value::Text("a"), Value::Text("b")), 0);
  EXPECT_LT(CompareValues(Value::Text("B"), Value::Text("a")), 0);  // C collation
  EXPECT_LT(CompareValues(Value::Text("ab"), Value::Text("abc")), 0);
  EXPECT_LT(CompareValues(Value::Text("a"), Value::Text("\xc3\xa9")), 0);
  const Value padded = Value::String(type::kBpChar, "ab   ");
  EXPECT_TRUE(ValuesEqual(padded, Value::String(type::kBpChar, "ab")));
  EXPECT_EQ(HashValue(padded), HashValue(Value::String(type::kBpChar, "ab")));
  EXPECT_TRUE(ValuesEqual(padded, Value::Text("ab")));
  EXPECT_FALSE(ValuesEqual(Value::Text("ab "), Value::Text("ab")));
  EXPECT_LT(CompareValues(Value::Bytea(std::string("\x00", 1)), Value::Bytea("\x01")), 0);
  EXPECT_LT(CompareValues(Value::Bool(false), Value::Bool(true)), 0);
}

TEST(CompareTest, DateTimesAndIntervals) {
  const Value d = Parse("2024-01-02", type::kDate);
  const Value ts = Parse("2024-01-02 00:00:00", type::kTimestamp);
  const Value later = Parse("2024-01-02 00:00:01", type::kTimestamp);
  EXPECT_TRUE(ValuesEqual(d, ts));
  EXPECT_EQ(HashValue(d), HashValue(ts));
  EXPECT_LT(CompareValues(d, later), 0);
  EXPECT_GT(CompareValues(Parse("infinity", type::kDate), later), 0);
  EXPECT_LT(CompareValues(Parse("-infinity", type::kTimestamp), d), 0);
  // 1 mon == 30 days == 720 hours, as interval_cmp linearises.
  const Value mon = Parse("1 mon", type::kInterval);
  const Value days = Parse("30 days", type::kInterval);
  const Value hours = Parse("720 hours", type::kInterval);
  EXPECT_TRUE(ValuesEqual(mon, days));
  EXPECT_TRUE(ValuesEqual(days, hours));
  EXPECT_EQ(HashValue(mon), HashValue(hours));
  EXPECT_LT(CompareValues(Parse("1 day", type::kInterval), Parse("25 hours", type::kInterval)), 0);
  // timetz compares the UTC instant first, then the zone.
  EXPECT_LT(CompareValues(Parse("12:00:00+02", type::kTimeTz), Parse("11:00:00+00", type::kTimeTz)),
            0);
  EXPECT_FALSE(
      ValuesEqual(Parse("12:00:00+02", type::kTimeTz), Parse("10:00:00+00", type::kTimeTz)));
}

TEST(CompareTest, ArraysElementwiseWithNullsLast) {
  const Value a = Parse("{1,2,3}", type::kInt4Array);
  const Value b = Parse("{1,2,4}", type::kInt4Array);
  const Value c = Parse("{1,2}", type::kInt4Array);
  const Value n = Parse("{1,NULL}", type::kInt4Array);
  EXPECT_LT(CompareValues(a, b), 0);
  EXPECT_GT(CompareValues(a, c), 0);
  EXPECT_GT(CompareValues(n, Parse("{1,1000}", type::kInt4Array)), 0);
  EXPECT_TRUE(ValuesEqual(a, Parse("{1,2,3}", type::kInt4Array)));
  EXPECT_EQ(HashValue(a), HashValue(Parse("{1,2,3}", type::kInt4Array)));
  EXPECT_FALSE(
      ValuesEqual(Parse("{{1,2},{3,4}}", type::kInt4Array), Parse("{1,2,3,4}", type::kInt4Array)));
}

// ---------------------------------------------------------------- casts

TEST(CastTest, CoercionContextsFollowPgCast) {
  using C = CoercionContext;
  EXPECT_TRUE(CanCoerce(type::kInt4, type::kInt8, C::kImplicit));
  EXPECT_FALSE(CanCoerce(type::kInt8, type::kInt4, C::kImplicit));
  EXPECT_TRUE(CanCoerce(type::kInt8, type::kInt4, C::kAssignment));
  EXPECT_TRUE(CanCoerce(type::kInt4, type::kNumeric, C::kImplicit));
  EXPECT_TRUE(CanCoerce(type::kNumeric, type::kFloat8, C::kImplicit));
  EXPECT_FALSE(CanCoerce(type::kFloat8, type::kNumeric, C::kImplicit));
  EXPECT_TRUE(CanCoerce(type::kFloat8, type::kNumeric, C::kAssignment));
  EXPECT_FALSE(CanCoerce(type::kText, type::kInt4, C::kAssignment));
  EXPECT_TRUE(CanCoerce(type::kText, type::kInt4, C::kExplicit));
  EXPECT_TRUE(CanCoerce(type::kInt4, type::kText, C::kAssignment));
  EXPECT_FALSE(CanCoerce(type::kInt4, type::kText, C::kImplicit));
  EXPECT_TRUE(CanCoerce(type::kUnknown, type::kDate, C::kImplicit));
  EXPECT_TRUE(CanCoerce(type::kVarChar, type::kText, C::kImplicit));
  EXPECT_TRUE(CanCoerce(type::kText, type::kVarChar, C::kImplicit));
  EXPECT_TRUE(CanCoerce(type::kDate, type::kTimestampTz, C::kImplicit));
  EXPECT_FALSE(CanCoerce(type::kTimestampTz, type::kDate, C::kImplicit));
  EXPECT_TRUE(CanCoerce(type::kTimestampTz, type::kDate, C::kAssignment));
  EXPECT_FALSE(CanCoerce(type::kBool, type::kInt4, C::kAssignment));
  EXPECT_TRUE(CanCoerce(type::kBool, type::kInt4, C::kExplicit));
  EXPECT_TRUE(CanCoerce(type::kInt4Array, type::kInt8Array, C::kImplicit));
  EXPECT_TRUE(CanCoerce(type::kJson, type::kJsonb, C::kAssignment));
  EXPECT_FALSE(CanCoerce(type::kDate, type::kInt4, C::kExplicit));
}

TEST(CastTest, AssignmentVersusExplicitStringLengths) {
  FormatContext ctx;
  Value out;
  Status st = CastValue(Value::Text("abcdef"), TypeRef{type::kVarChar, 7},
                        CoercionContext::kAssignment, ctx, &out);
  EXPECT_EQ(st.sqlstate(), "22001");
  EXPECT_EQ(st.message(), "value too long for type character varying(3)");
  ASSERT_TRUE(CastValue(Value::Text("abcdef"), TypeRef{type::kVarChar, 7},
                        CoercionContext::kExplicit, ctx, &out)
                  .ok());
  EXPECT_EQ(out.str(), "abc");
  // Trailing blanks beyond the limit are dropped silently even in assignment.
  ASSERT_TRUE(CastValue(Value::Text("abc   "), TypeRef{type::kVarChar, 7},
                        CoercionContext::kAssignment, ctx, &out)
                  .ok());
  EXPECT_EQ(out.str(), "abc");
  ASSERT_TRUE(CastValue(Value::Text("ab"), TypeRef{type::kBpChar, 8}, CoercionContext::kAssignment,
                        ctx, &out)
                  .ok());
  EXPECT_EQ(out.str(), "ab  ");
  EXPECT_EQ(out.type(), type::kBpChar);
  Value null_out;
  ASSERT_TRUE(
      CastValue(Value::Null(), TypeRef{type::kInt4, -1}, CoercionContext::kExplicit, ctx, &null_out)
          .ok());
  EXPECT_TRUE(null_out.is_null());
  EXPECT_EQ(null_out.type(), type::kInt4);
  st = CastValue(Value::Date(0), TypeRef{type::kInt4, -1}, CoercionContext::kExplicit, ctx, &out);
  EXPECT_EQ(st.sqlstate(), "42846");
  EXPECT_EQ(st.message(), "cannot cast type date to integer");
}

TEST(CastTest, TimestampTzUsesSessionZone) {
  FormatContext ctx;
  ctx.timezone = "America/New_York";
  Value ts = Parse("2024-07-01 12:00:00", type::kTimestamp);
  Value out;
  ASSERT_TRUE(
      CastValue(ts, TypeRef{type::kTimestampTz, -1}, CoercionContext::kImplicit, ctx, &out).ok());
  EXPECT_EQ(ValueToString(out, ctx), "2024-07-01 12:00:00-04");
  EXPECT_EQ(ValueToString(out, FormatContext()), "2024-07-01 16:00:00+00");
  Value back;
  ASSERT_TRUE(
      CastValue(out, TypeRef{type::kDate, -1}, CoercionContext::kAssignment, ctx, &back).ok());
  EXPECT_EQ(ValueToString(back, ctx), "2024-07-01");
}

// ---------------------------------------------------------------- time zones

TEST(TimeZoneTest, LookupAndOffsets) {
  std::shared_ptr<const TimeZone> ny;
  ASSERT_TRUE(TimeZone::Lookup("America/New_York", &ny).ok());
  // 2024-01-15 12:00 UTC and 2024-07-15 12:00 UTC, in micros since 2000.
  int64_t winter, summer;
  ASSERT_TRUE(dt::ParseTimestamp("2024-01-15 12:00", -1, FormatContext(), &winter).ok());
  ASSERT_TRUE(dt::ParseTimestamp("2024-07-15 12:00", -1, FormatContext(), &summer).ok());
  EXPECT_EQ(ny->UtcOffsetSecondsAt(winter), -5 * 3600);
  EXPECT_EQ(ny->UtcOffsetSecondsAt(summer), -4 * 3600);
  EXPECT_EQ(ny->AbbreviationAt(winter), "EST");
  EXPECT_EQ(ny->AbbreviationAt(summer), "EDT");
  // Far future uses the POSIX footer rule.
  int64_t future;
  ASSERT_TRUE(dt::ParseTimestamp("2150-07-15 12:00", -1, FormatContext(), &future).ok());
  EXPECT_EQ(ny->UtcOffsetSecondsAt(future), -4 * 3600);

  std::shared_ptr<const TimeZone> same;
  ASSERT_TRUE(TimeZone::Lookup("america/new_york", &same).ok());
  EXPECT_EQ(same->name(), "America/New_York");

  std::shared_ptr<const TimeZone> z;
  Status st = TimeZone::Lookup("Mars/Olympus", &z);
  EXPECT_EQ(st.sqlstate(), "22023");
  EXPECT_EQ(st.message(), "time zone \"Mars/Olympus\" not recognized");
  EXPECT_FALSE(TimeZone::Lookup("../../etc/passwd", &z).ok());

  ASSERT_TRUE(TimeZone::Lookup("UTC+5", &z).ok());  // POSIX: west of Greenwich
  EXPECT_EQ(z->UtcOffsetSecondsAt(0), -5 * 3600);
  ASSERT_TRUE(TimeZone::Lookup("EST5EDT,M3.2.0,M11.1.0", &z).ok());
  EXPECT_EQ(z->UtcOffsetSecondsAt(summer), -4 * 3600);
  EXPECT_EQ(TimeZone::FixedOffset(19800)->UtcOffsetSecondsAt(summer), 19800);
  EXPECT_EQ(TimeZone::FixedOffset(19800)->name(), "+05:30");
}

TEST(TimeZoneTest, LocalTimeInGapAndOverlap) {
  std::shared_ptr<const TimeZone> ny;
  ASSERT_TRUE(TimeZone::Lookup("America/New_York", &ny).ok());
  int64_t gap, overlap;
  ASSERT_TRUE(dt::ParseTimestamp("2024-03-10 02:30", -1, FormatContext(), &gap).ok());
  ASSERT_TRUE(dt::ParseTimestamp("2024-11-03 01:30", -1, FormatContext(), &overlap).ok());
  EXPECT_EQ(ny->UtcOffsetSecondsForLocal(gap), -5 * 3600);      // before the jump
  EXPECT_EQ(ny->UtcOffsetSecondsForLocal(overlap), -5 * 3600);  // the later (standard) time
}

// ---------------------------------------------------------------- numeric

TEST(NumericTest, CanonicalTextAndConversions) {
  Numeric n;
  ASSERT_TRUE(Numeric::Parse("  -0012.3400 ", &n).ok());
  EXPECT_EQ(n.ToString(), "-12.3400");
  EXPECT_EQ(n.scale(), 4);
  int64_t i = 0;
  ASSERT_TRUE(n.ToInt64(&i).ok());
  EXPECT_EQ(i, -12);
  ASSERT_TRUE(Numeric::Parse("2.5", &n).ok());
  ASSERT_TRUE(n.ToInt64(&i).ok());
  EXPECT_EQ(i, 3);  // half away from zero
  EXPECT_DOUBLE_EQ(n.ToDouble(), 2.5);
  EXPECT_EQ(Numeric::FromInt64(INT64_MIN).ToString(), "-9223372036854775808");
  ASSERT_TRUE(Numeric::Parse("9223372036854775807.5", &n).ok());
  EXPECT_EQ(n.ToInt64(&i).message(), "bigint out of range");
  EXPECT_EQ(Numeric::NaN().ToInt64(&i).message(), "cannot convert NaN to bigint");
  ASSERT_TRUE(Numeric::FromDouble(0.1, &n).ok());
  EXPECT_EQ(n.ToString(), "0.1");
  ASSERT_TRUE(Numeric::FromDouble(1e300, &n).ok());
  EXPECT_EQ(n.ToString().size(), 301u);
  EXPECT_EQ(Numeric::Parse("1.2.3", &n).sqlstate(), "22P02");
  EXPECT_EQ(Numeric::Parse("1e-16384", &n).sqlstate(), "22003");
  Numeric a, b;
  ASSERT_TRUE(Numeric::Parse("1.0", &a).ok());
  ASSERT_TRUE(Numeric::Parse("1.000", &b).ok());
  EXPECT_EQ(a.Compare(b), 0);
  EXPECT_EQ(a.Hash(), b.Hash());
}

TEST(NumericTest, TypmodOverflowDetail) {
  Numeric n, out;
  ASSERT_TRUE(Numeric::Parse("12345.6", &n).ok());
  Status st = n.ApplyTypmod(((5 << 16) | 1) + 4, &out);
  EXPECT_EQ(st.sqlstate(), "22003");
  EXPECT_EQ(st.message(), "numeric field overflow");
  EXPECT_EQ(st.error().detail,
            "A field with precision 5, scale 1 must round to an absolute value less than 10^4.");
  st = Numeric::Infinity().ApplyTypmod(((5 << 16) | 1) + 4, &out);
  EXPECT_EQ(st.error().detail, "A field with precision 5, scale 1 cannot hold an infinite value.");
  ASSERT_TRUE(Numeric::Parse("0.5", &n).ok());
  st = n.ApplyTypmod(((1 << 16) | 0) + 4, &out);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(out.ToString(), "1");
}

TEST(NumericTest, LargeArithmeticIsExact) {
  Numeric a, b, q, r;
  ASSERT_TRUE(Numeric::Parse("123456789012345678901234567890.123456789", &a).ok());
  ASSERT_TRUE(Numeric::Parse("987654321.987654321", &b).ok());
  const Numeric prod = a.Mul(b);
  // Expected values computed by PostgreSQL 15.
  EXPECT_EQ(prod.ToString(), "121932631246761163237311385323731138532.360920590112635269");
  ASSERT_TRUE(prod.Div(b, &q).ok());
  EXPECT_EQ(q.ToString(), "123456789012345678901234567890.123456789000000000");
  ASSERT_TRUE(prod.Mod(a, &r).ok());
  EXPECT_EQ(r.ToString(), "121932631124828532112482853211.248285321112635269");
  EXPECT_EQ(a.Sub(a).ToString(), "0.000000000");
  EXPECT_EQ(Numeric::Parse("1", &q).ok() && q.Div(Numeric(), &r).sqlstate() == "22012", true);
}

TEST(NumericTest, SumOfAMillionValuesIsFastAndExact) {
  // The aggregate path: parse once, add many times.
  Numeric step;
  ASSERT_TRUE(Numeric::Parse("0.01", &step).ok());
  Numeric sum;
  const auto start = std::chrono::steady_clock::now();
  for (int k = 0; k < 1000000; ++k) sum = sum.Add(step);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(sum.ToString(), "10000.00");
  // Generous bound (shared 2-core machine, Debug builds): < 2 us per add.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 2000);
}

// ---------------------------------------------------------------- misc text I/O

TEST(TextIoTest, FloatOutputShortestRoundTrip) {
  struct F {
    double d;
    const char* text;
  };
  const F cases[] = {
      {1e15, "1e+15"},
      {123456789012345.0, "123456789012345"},
      {0.0001, "0.0001"},
      {1e-05, "1e-05"},
      {0.1 + 0.2, "0.30000000000000004"},
      {-0.0, "-0"},
      {1.0 / 3, "0.3333333333333333"},
      {100, "100"},
      {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
  };
  for (const F& c : cases) {
    std::string s;
    FormatFloat8(c.d, 1, &s);
    EXPECT_EQ(s, c.text);
  }
  std::string s;
  FormatFloat4(0.1f, 1, &s);
  EXPECT_EQ(s, "0.1");
  s.clear();
  FormatFloat4(1e6f, 1, &s);
  EXPECT_EQ(s, "1e+06");
  s.clear();
  FormatFloat8(0.1, 0, &s);
  EXPECT_EQ(s, "0.1");
}

TEST(TextIoTest, ByteaEscapeOutputAndJsonb) {
  FormatContext ctx;
  ctx.bytea_hex = false;
  EXPECT_EQ(ValueToString(Value::Bytea(std::string("a\\\x01\xff", 4)), ctx), "a\\\\\\001\\377");
  std::string out;
  ASSERT_TRUE(
      NormalizeJson("{\"b\": [1, 2.50], \"a\": {\"y\":1, \"x\":2}, \"b\": true}", true, &out).ok());
  EXPECT_EQ(out, "{\"a\": {\"x\": 2, \"y\": 1}, \"b\": true}");
  Status st = NormalizeJson("{\"a\" 1}", true, &out);
  EXPECT_EQ(st.sqlstate(), "22P02");
  EXPECT_EQ(st.message(), "invalid input syntax for type json");
  EXPECT_EQ(st.error().detail, "Token \"1\" is invalid.");
}

TEST(DateTimeTest, JulianCalendarHelpers) {
  EXPECT_EQ(dt::DateToJulian(2000, 1, 1), dt::kPostgresEpochJdate);
  EXPECT_EQ(dt::DateToJulian(1970, 1, 1), dt::kUnixEpochJdate);
  int y, m, d;
  dt::JulianToDate(dt::DateToJulian(-4713, 11, 24), &y, &m, &d);
  EXPECT_EQ(y * 10000 + m * 100 + d, -4713 * 10000 + 1124);
  dt::JulianToDate(dt::DateToJulian(2024, 2, 29), &y, &m, &d);
  EXPECT_EQ(y, 2024);
  EXPECT_EQ(m, 2);
  EXPECT_EQ(d, 29);
  EXPECT_EQ(dt::DayOfWeek(dt::DateToJulian(2024, 1, 2)), 2);  // Tuesday
  EXPECT_TRUE(dt::IsLeapYear(2000));
  EXPECT_FALSE(dt::IsLeapYear(1900));
  EXPECT_EQ(dt::DaysInMonth(2023, 2), 28);
  int64_t days = 0;
  ASSERT_TRUE(dt::MakeDate(2024, 2, 29, &days).ok());
  EXPECT_EQ(Text(Value::Date(days)), "2024-02-29");
  EXPECT_EQ(dt::MakeDate(2023, 2, 29, &days).message(),
            "date field value out of range: 2023-02-29");
  // 'now' follows the transaction timestamp when one is set.
  int64_t fixed = 0;
  ASSERT_TRUE(dt::ParseTimestampTz("2024-05-06 07:08:09+00", -1, FormatContext(), &fixed).ok());
  dt::SetCurrentTransactionTimestamp(fixed);
  int64_t now = 0;
  ASSERT_TRUE(dt::ParseTimestampTz("now", -1, FormatContext(), &now).ok());
  EXPECT_EQ(now, fixed);
  ASSERT_TRUE(dt::ParseDate("tomorrow", FormatContext(), &days).ok());
  EXPECT_EQ(Text(Value::Date(days)), "2024-05-07");
  dt::SetCurrentTransactionTimestamp(0);
}

TEST(DateTimeTest, DateOrderAndStyleSettings) {
  // Expected strings from PostgreSQL 15 with the matching DateStyle.
  FormatContext dmy;
  dmy.date_order = FormatContext::DateOrder::kDmy;
  Value v;
  ASSERT_TRUE(ParseText("1/2/2024", TypeRef{type::kDate, -1}, dmy, &v).ok());
  EXPECT_EQ(Text(v), "2024-02-01");
  ASSERT_TRUE(ParseText("13/1/2024", TypeRef{type::kDate, -1}, dmy, &v).ok());
  EXPECT_EQ(Text(v), "2024-01-13");
  ASSERT_TRUE(ParseText("01/02/03", TypeRef{type::kDate, -1}, dmy, &v).ok());
  EXPECT_EQ(Text(v), "2003-02-01");
  FormatContext ymd;
  ymd.date_order = FormatContext::DateOrder::kYmd;
  ASSERT_TRUE(ParseText("2024/1/2", TypeRef{type::kDate, -1}, ymd, &v).ok());
  EXPECT_EQ(Text(v), "2024-01-02");
  ASSERT_TRUE(ParseText("01/02/03", TypeRef{type::kDate, -1}, ymd, &v).ok());
  EXPECT_EQ(Text(v), "2001-02-03");
  Status st = ParseText("13/1/2024", TypeRef{type::kDate, -1}, FormatContext(), &v);
  EXPECT_EQ(st.sqlstate(), "22008");
  EXPECT_EQ(st.error().hint, "Perhaps you need a different \"datestyle\" setting.");

  FormatContext sql_dmy = dmy;
  sql_dmy.date_style = FormatContext::DateStyle::kSql;
  EXPECT_EQ(ValueToString(Parse("2024-01-02 03:04:05", type::kTimestamp), sql_dmy),
            "02/01/2024 03:04:05");
  EXPECT_EQ(ValueToString(Parse("2024-01-02", type::kDate), sql_dmy), "02/01/2024");
  FormatContext pg_dmy = dmy;
  pg_dmy.date_style = FormatContext::DateStyle::kPostgres;
  EXPECT_EQ(ValueToString(Parse("2024-01-02 03:04:05+00", type::kTimestampTz), pg_dmy),
            "Tue 02 Jan 03:04:05 2024 UTC");
  EXPECT_EQ(ValueToString(Parse("2024-01-02", type::kDate), pg_dmy), "02-01-2024");
}

TEST(DateTimeTest, IntervalTypmodRanges) {
  // Expected strings from PostgreSQL 15 (INTERVAL '...' <fields>).
  namespace ir = interval_range;
  struct Case {
    int32_t range;
    int32_t precision;
    const char* input;
    const char* output;
  };
  const char* full = "1 year 2 months 3 days 04:05:06.789";
  const Case cases[] = {
      {ir::kYear, -1, full, "1 year"},
      {ir::kYear | ir::kMonth, -1, full, "1 year 2 mons"},
      {ir::kDay, -1, full, "1 year 2 mons 3 days"},
      {ir::kDay | ir::kHour, -1, full, "1 year 2 mons 3 days 04:00:00"},
      {ir::kHour | ir::kMinute, -1, full, "1 year 2 mons 3 days 04:05:00"},
      {ir::kMinute | ir::kSecond, 1, full, "1 year 2 mons 3 days 04:05:06.8"},
      {ir::kSecond, 0, full, "1 year 2 mons 3 days 04:05:07"},
      {ir::kFull, 2, full, "1 year 2 mons 3 days 04:05:06.79"},
      {ir::kDay, -1, "1", "1 day"},
      {ir::kHour | ir::kMinute, -1, "1", "00:01:00"},
      {ir::kYear, -1, "5", "5 years"},
      {ir::kMonth, -1, "5", "5 mons"},
      {ir::kMinute, -1, "90", "01:30:00"},
      {ir::kDay, -1, "1.5", "1 day"},
  };
  for (const Case& c : cases) {
    const int32_t typmod = MakeIntervalTypmod(c.range, c.precision);
    EXPECT_EQ(Text(Parse(c.input, type::kInterval, typmod)), c.output) << c.input << " " << typmod;
  }
  // Typmods as PostgreSQL stores them (pg_attribute.atttypmod) and format_type().
  EXPECT_EQ(MakeIntervalTypmod(ir::kYear | ir::kMonth, -1), 458751);
  EXPECT_EQ(MakeIntervalTypmod(ir::kDay | ir::kHour | ir::kMinute | ir::kSecond, 3), 470286339);
  EXPECT_EQ(MakeIntervalTypmod(ir::kFull, 2), 2147418114);
  EXPECT_EQ(MakeIntervalTypmod(ir::kMinute, -1), 134283263);
  EXPECT_EQ(FormatType({type::kInterval, 458751}), "interval year to month");
  EXPECT_EQ(FormatType({type::kInterval, 470286339}), "interval day to second(3)");
  EXPECT_EQ(FormatType({type::kInterval, 2147418114}), "interval(2)");
  EXPECT_EQ(FormatType({type::kInterval, 134283263}), "interval minute");
  EXPECT_EQ(FormatType({type::kInterval, 2}), "interval(2)");
}

}  // namespace
}  // namespace nano
