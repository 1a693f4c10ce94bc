// Property tests for storage/codec.h: every key encoding sorts exactly like a
// reference comparator written here from PostgreSQL's btree rules, and every
// encoding round-trips.
#include "storage/codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <unordered_map>

namespace nano {
namespace {

// ---------------------------------------------------------------------------
// Reference comparators (NULL sorts last, as in ASC NULLS LAST).

int Sign(__int128 d) { return d < 0 ? -1 : (d > 0 ? 1 : 0); }

template <typename T>
int Cmp3(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// PostgreSQL float order: NaN above everything and equal to itself.
int CmpFloat(double a, double b) {
  if (std::isnan(a)) return std::isnan(b) ? 0 : 1;
  if (std::isnan(b)) return -1;
  return Cmp3(a, b);
}

// Numeric test values are m / 10^s (s < 16), or NaN / +-Infinity; the
// reference compares them exactly in 128-bit integers.
struct RefNumeric {
  int kind = 0;  // -2 -Inf, 0 finite, 2 +Inf, 3 NaN
  int64_t mantissa = 0;
  int scale = 0;
};

__int128 Pow10(int n) {
  __int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

int CmpRefNumeric(const RefNumeric& a, const RefNumeric& b) {
  // Rank: -Infinity < finite < Infinity < NaN.
  auto rank = [](const RefNumeric& x) { return x.kind == -2 ? 0 : x.kind == 0 ? 1 : x.kind; };
  if (rank(a) != rank(b)) return Cmp3(rank(a), rank(b));
  if (a.kind != 0) return 0;
  const int s = std::max(a.scale, b.scale);
  return Sign(static_cast<__int128>(a.mantissa) * Pow10(s - a.scale) -
              static_cast<__int128>(b.mantissa) * Pow10(s - b.scale));
}

std::string NumericText(const RefNumeric& n) {
  if (n.kind == 3) return "NaN";
  if (n.kind == 2) return "Infinity";
  if (n.kind == -2) return "-Infinity";
  const bool neg = n.mantissa < 0;
  std::string digits = std::to_string(neg ? -n.mantissa : n.mantissa);
  if (static_cast<int>(digits.size()) <= n.scale) {
    digits.insert(0, static_cast<size_t>(n.scale + 1 - static_cast<int>(digits.size())), '0');
  }
  std::string out = neg ? "-" : "";
  if (n.scale == 0) return out + digits;
  out += digits.substr(0, digits.size() - static_cast<size_t>(n.scale));
  out += ".";
  out += digits.substr(digits.size() - static_cast<size_t>(n.scale));
  return out;
}

int CmpBytes(const std::string& a, const std::string& b) {
  int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return c < 0 ? -1 : 1;
  return Cmp3(a.size(), b.size());
}

__int128 IntervalSpan(const Interval& iv) {
  return static_cast<__int128>(iv.months) * 30 * 86400000000LL +
         static_cast<__int128>(iv.days) * 86400000000LL + iv.micros;
}

TypeOid ElementOf(TypeOid t) {
  switch (t) {
    case type::kInt4Array:
      return type::kInt4;
    case type::kTextArray:
      return type::kText;
    case type::kFloat8Array:
      return type::kFloat8;
    default:
      return type::kInvalid;
  }
}

// The reference. Numeric values carry their RefNumeric in a side table.
std::unordered_map<std::string, RefNumeric>* g_numerics = nullptr;

RefNumeric RefOf(const Value& v) {
  // Test numerics are generated as text; look the exact value up by text.
  auto it = g_numerics->find(v.str());
  if (it != g_numerics->end()) return it->second;
  ADD_FAILURE() << "unknown numeric " << v.str();
  return {};
}

int RefCompare(const Value& a, const Value& b, TypeOid t) {
  if (a.is_null() || b.is_null()) return Cmp3(a.is_null(), b.is_null());
  switch (t) {
    case type::kBool:
      return Cmp3(a.bool_value(), b.bool_value());
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
    case type::kOid:
    case type::kDate:
    case type::kTime:
    case type::kTimestamp:
    case type::kTimestampTz:
      return Cmp3(a.int_value(), b.int_value());
    case type::kFloat4:
    case type::kFloat8:
      return CmpFloat(a.float_value(), b.float_value());
    case type::kNumeric:
      return CmpRefNumeric(RefOf(a), RefOf(b));
    case type::kInterval:
      return Sign(IntervalSpan(a.interval_value()) - IntervalSpan(b.interval_value()));
    case type::kTimeTz: {
      const Interval& x = a.interval_value();
      const Interval& y = b.interval_value();
      int c = Cmp3(x.micros + int64_t{x.days} * 1000000, y.micros + int64_t{y.days} * 1000000);
      return c != 0 ? c : Cmp3(x.days, y.days);
    }
    case type::kInt4Array:
    case type::kTextArray:
    case type::kFloat8Array: {
      const ArrayData& x = a.array();
      const ArrayData& y = b.array();
      const size_t n = std::min(x.elements.size(), y.elements.size());
      for (size_t i = 0; i < n; ++i) {
        int c = RefCompare(x.elements[i], y.elements[i], ElementOf(t));
        if (c != 0) return c;
      }
      int c = Cmp3(x.elements.size(), y.elements.size());
      if (c != 0) return c;
      c = Cmp3(x.dims.size(), y.dims.size());
      if (c != 0) return c;
      for (size_t d = 0; d < x.dims.size(); ++d) {
        c = Cmp3(x.dims[d], y.dims[d]);
        if (c != 0) return c;
        c = Cmp3(x.lower_bounds[d], y.lower_bounds[d]);
        if (c != 0) return c;
      }
      return 0;
    }
    default:  // byte strings, C collation; uuid is 16 raw bytes
      return CmpBytes(a.str(), b.str());
  }
}

// ---------------------------------------------------------------------------
// Random values.

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}

  int64_t Int(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  bool Coin(int one_in) { return Int(0, one_in - 1) == 0; }

  std::string Bytes(size_t max_len, bool small_alphabet) {
    std::string s(static_cast<size_t>(Int(0, static_cast<int64_t>(max_len))), '\0');
    for (char& c : s) {
      c = small_alphabet ? "\x00\x01\xff"
                           "ab"[Int(0, 4)]
                         : static_cast<char>(Int(0, 255));
    }
    return s;
  }

  double Float() {
    static const double kSpecial[] = {0.0,
                                      -0.0,
                                      std::numeric_limits<double>::infinity(),
                                      -std::numeric_limits<double>::infinity(),
                                      std::numeric_limits<double>::quiet_NaN(),
                                      -std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::denorm_min(),
                                      -std::numeric_limits<double>::denorm_min(),
                                      std::numeric_limits<double>::max(),
                                      std::numeric_limits<double>::lowest(),
                                      1.0,
                                      -1.0};
    if (Coin(4)) return kSpecial[Int(0, 11)];
    double mag = std::ldexp(static_cast<double>(Int(1, 1 << 20)), static_cast<int>(Int(-60, 60)));
    return Coin(2) ? -mag : mag;
  }

  RefNumeric Numeric() {
    RefNumeric n;
    int64_t k = Int(0, 19);
    if (k == 0) {
      n.kind = 3;
      return n;
    }
    if (k == 1) {
      n.kind = 2;
      return n;
    }
    if (k == 2) {
      n.kind = -2;
      return n;
    }
    n.scale = static_cast<int>(Int(0, 15));
    int64_t digits = Int(0, 12);
    int64_t limit = 1;
    for (int i = 0; i < digits; ++i) limit *= 10;
    n.mantissa = Int(-limit, limit);
    if (Coin(5)) n.mantissa = Int(-20, 20) * limit / (Coin(2) ? 10 : 1);  // trailing zeros
    return n;
  }

  Interval MakeInterval() {
    Interval iv;
    iv.months = static_cast<int32_t>(Coin(3) ? Int(-5, 5) : Int(INT32_MIN, INT32_MAX));
    iv.days = static_cast<int32_t>(Coin(3) ? Int(-40, 40) : Int(INT32_MIN, INT32_MAX));
    iv.micros = Coin(3) ? Int(-3, 3) * 86400000000LL : Int(INT64_MIN / 2, INT64_MAX / 2);
    return iv;
  }

  Value Make(TypeOid t) {
    if (Coin(15)) return Value::Null(t);
    switch (t) {
      case type::kBool:
        return Value::Bool(Coin(2));
      case type::kInt2:
        return Value::Int2(Int(INT16_MIN, INT16_MAX));
      case type::kInt4:
        return Value::Int4(Coin(3) ? Int(-3, 3) : Int(INT32_MIN, INT32_MAX));
      case type::kInt8:
        return Value::Int8(Coin(5) ? (Coin(2) ? INT64_MIN : INT64_MAX) : Int(INT64_MIN, INT64_MAX));
      case type::kOid:
        return Value::Oid(Int(0, UINT32_MAX));
      case type::kFloat4:
        return Value::Float4(static_cast<float>(Float()));
      case type::kFloat8:
        return Value::Float8(Float());
      case type::kDate:
        return Value::Date(Coin(10) ? (Coin(2) ? INT32_MIN : INT32_MAX) : Int(-2000000, 2000000));
      case type::kTime:
        return Value::Time(Int(0, 86400000000LL));
      case type::kTimestamp:
        return Value::Timestamp(Coin(10) ? (Coin(2) ? INT64_MIN : INT64_MAX)
                                         : Int(-1LL << 55, 1LL << 55));
      case type::kTimestampTz:
        return Value::TimestampTz(Int(-1LL << 55, 1LL << 55));
      case type::kInterval:
        return Value::MakeInterval(MakeInterval());
      case type::kTimeTz: {
        Interval iv;
        iv.micros = Int(0, 86400000000LL);
        iv.days = static_cast<int32_t>(Coin(2) ? Int(-3, 3) * 3600 : Int(-15 * 3600, 15 * 3600));
        Value v = Value::MakeInterval(iv);
        v.set_type(type::kTimeTz);
        return v;
      }
      case type::kNumeric: {
        RefNumeric n = Numeric();
        g_numerics->emplace(NumericText(n), n);
        return Value::Numeric(NumericText(n));
      }
      case type::kText:
        return Value::Text(Bytes(12, Coin(2)));
      case type::kBytea:
        return Value::Bytea(Bytes(12, Coin(2)));
      case type::kVarChar:
        return Value::String(type::kVarChar, Bytes(6, true));
      case type::kUuid: {
        std::string s = Bytes(0, false);
        s.resize(16);
        for (char& c : s) c = static_cast<char>(Coin(3) ? 0 : Int(0, 255));
        return Value::String(type::kUuid, s);
      }
      case type::kInt4Array:
      case type::kTextArray:
      case type::kFloat8Array: {
        auto data = std::make_shared<ArrayData>();
        int64_t n = Int(0, 4);
        for (int64_t i = 0; i < n; ++i) data->elements.push_back(Make(ElementOf(t)));
        if (n > 0) {
          if (n == 4 && Coin(2)) {
            data->dims = {2, 2};
            data->lower_bounds = {1, 1};
          } else {
            data->dims = {static_cast<int32_t>(n)};
            data->lower_bounds = {Coin(4) ? 0 : 1};
          }
        }
        return Value::Array(t, data);
      }
      default:
        ADD_FAILURE() << "no generator for " << t;
        return Value::Null(t);
    }
  }

 private:
  std::mt19937 rng_;
};

// Exact equality of two values (floats by bits).
bool ExactEqual(const Value& a, const Value& b) {
  if (a.is_null() != b.is_null() || a.type() != b.type()) return false;
  if (a.is_null()) return true;
  switch (a.type()) {
    case type::kFloat4:
    case type::kFloat8:
      return std::bit_cast<uint64_t>(a.float_value()) == std::bit_cast<uint64_t>(b.float_value());
    case type::kInterval:
    case type::kTimeTz:
      return a.interval_value().micros == b.interval_value().micros &&
             a.interval_value().days == b.interval_value().days &&
             a.interval_value().months == b.interval_value().months;
    case type::kBool:
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
    case type::kOid:
    case type::kDate:
    case type::kTime:
    case type::kTimestamp:
    case type::kTimestampTz:
      return a.int_value() == b.int_value();
    case type::kInt4Array:
    case type::kTextArray:
    case type::kFloat8Array: {
      const ArrayData& x = a.array();
      const ArrayData& y = b.array();
      if (x.dims != y.dims || x.lower_bounds != y.lower_bounds ||
          x.elements.size() != y.elements.size()) {
        return false;
      }
      for (size_t i = 0; i < x.elements.size(); ++i) {
        if (!ExactEqual(x.elements[i], y.elements[i])) return false;
      }
      return true;
    }
    default:
      return a.str() == b.str();
  }
}

const TypeOid kKeyTypes[] = {
    type::kBool,        type::kInt2,     type::kInt4,   type::kInt8,      type::kOid,
    type::kFloat4,      type::kFloat8,   type::kDate,   type::kTime,      type::kTimestamp,
    type::kTimestampTz, type::kInterval, type::kTimeTz, type::kNumeric,   type::kText,
    type::kBytea,       type::kVarChar,  type::kUuid,   type::kInt4Array, type::kTextArray,
    type::kFloat8Array};

class CodecTest : public ::testing::TestWithParam<TypeOid> {
 protected:
  void SetUp() override { g_numerics = &numerics_; }
  void TearDown() override { g_numerics = nullptr; }
  std::unordered_map<std::string, RefNumeric> numerics_;
};

std::string Key(const Value& v, TypeOid t, bool desc) {
  std::string out;
  EncodeKeyValue(v, t, desc, &out);
  return out;
}

TEST_P(CodecTest, KeyOrderMatchesReferenceForAllPairs) {
  const TypeOid t = GetParam();
  Gen gen(1234 + t);
  std::vector<Value> values;
  for (int i = 0; i < 400; ++i) values.push_back(gen.Make(t));
  values.push_back(Value::Null(t));
  std::vector<std::string> asc, desc;
  for (const Value& v : values) {
    asc.push_back(Key(v, t, false));
    desc.push_back(Key(v, t, true));
  }
  int mismatches = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    for (size_t j = 0; j < values.size(); ++j) {
      const int want = RefCompare(values[i], values[j], t);
      const int got = CmpBytes(asc[i], asc[j]);
      const int got_desc = CmpBytes(desc[i], desc[j]);
      if ((want != got || want != -got_desc) && ++mismatches <= 5) {
        ADD_FAILURE() << "type " << t << " pair " << i << "," << j << ": ref " << want << " asc "
                      << got << " desc " << got_desc;
      }
    }
  }
  EXPECT_EQ(mismatches, 0);
}

TEST_P(CodecTest, KeyRoundTripsToAnEqualValueAndConsumesExactly) {
  const TypeOid t = GetParam();
  Gen gen(99 + t);
  for (int i = 0; i < 500; ++i) {
    Value v = gen.Make(t);
    for (bool desc : {false, true}) {
      std::string enc = Key(v, t, desc);
      enc += "tail";
      std::string_view in = enc;
      Value back;
      Status s = DecodeKeyValue(&in, t, desc, &back);
      ASSERT_TRUE(s.ok()) << s.ToString();
      EXPECT_EQ(in, "tail");
      EXPECT_EQ(back.is_null(), v.is_null());
      EXPECT_EQ(back.type(), t);
      // Equal under SQL comparison, and it re-encodes to the same key.
      if (t != type::kNumeric) {
        EXPECT_EQ(RefCompare(v, back, t), 0) << "type " << t;
      }
      EXPECT_EQ(Key(back, t, desc), Key(v, t, desc)) << "type " << t;
    }
  }
}

TEST_P(CodecTest, RowRoundTripIsExact) {
  const TypeOid t = GetParam();
  Gen gen(7 + t);
  for (int i = 0; i < 300; ++i) {
    std::vector<Value> row;
    std::vector<TypeOid> types;
    const int n = static_cast<int>(gen.Int(0, 10));
    for (int c = 0; c < n; ++c) {
      row.push_back(gen.Make(t));
      types.push_back(t);
    }
    std::string enc;
    EncodeRow(row.data(), row.size(), &enc);
    std::vector<Value> back(types.size());
    Status s = DecodeRow(enc, types, back.data());
    ASSERT_TRUE(s.ok()) << s.ToString();
    for (int c = 0; c < n; ++c) {
      EXPECT_TRUE(ExactEqual(row[c], back[c])) << "type " << t << " col " << c;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, CodecTest, ::testing::ValuesIn(kKeyTypes));

TEST(CodecKeyTest, SpecialFloatAndNumericOrder) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> ordered = {-inf, -1e300, -1.0, -1e-300, 0.0, 1e-300, 1.0, 1e300, inf, nan};
  for (size_t i = 0; i + 1 < ordered.size(); ++i) {
    EXPECT_LT(Key(Value::Float8(ordered[i]), type::kFloat8, false),
              Key(Value::Float8(ordered[i + 1]), type::kFloat8, false));
  }
  EXPECT_EQ(Key(Value::Float8(-0.0), type::kFloat8, false),
            Key(Value::Float8(0.0), type::kFloat8, false));
  EXPECT_EQ(Key(Value::Float8(nan), type::kFloat8, false),
            Key(Value::Float8(-nan), type::kFloat8, false));
  std::vector<std::string> nums = {"-Infinity", "-100", "-99.5", "-1", "-0.001",   "0",  "0.0001",
                                   "0.5",       "1",    "1.01",  "10", "Infinity", "NaN"};
  for (size_t i = 0; i + 1 < nums.size(); ++i) {
    EXPECT_LT(Key(Value::Numeric(nums[i]), type::kNumeric, false),
              Key(Value::Numeric(nums[i + 1]), type::kNumeric, false))
        << nums[i] << " < " << nums[i + 1];
  }
  EXPECT_EQ(Key(Value::Numeric("1.50"), type::kNumeric, false),
            Key(Value::Numeric("1.5"), type::kNumeric, false));
  EXPECT_EQ(Key(Value::Numeric("0.000"), type::kNumeric, false),
            Key(Value::Numeric("0"), type::kNumeric, false));
  std::string enc = Key(Value::Numeric("-120.50"), type::kNumeric, true);
  std::string_view in = enc;
  Value back;
  ASSERT_TRUE(DecodeKeyValue(&in, type::kNumeric, true, &back).ok());
  EXPECT_EQ(back.str(), "-120.5");
}

TEST(CodecKeyTest, IntervalEqualitySpansMonthsAndDays) {
  Interval month{0, 0, 1};
  Interval days30{0, 30, 0};
  EXPECT_EQ(Key(Value::MakeInterval(month), type::kInterval, false),
            Key(Value::MakeInterval(days30), type::kInterval, false));
}

TEST(CodecKeyTest, TuplesSortLexicographicallyWithMixedDirections) {
  // (int4 ASC, text DESC): sort by encoded bytes equals the tuple order.
  Gen gen(5);
  std::vector<std::pair<Value, Value>> rows;
  for (int i = 0; i < 300; ++i)
    rows.emplace_back(gen.Make(type::kInt4), Value::Text(gen.Bytes(4, true)));
  auto enc = [](const std::pair<Value, Value>& r) {
    std::string k;
    EncodeKeyValue(r.first, type::kInt4, false, &k);
    EncodeKeyValue(r.second, type::kText, true, &k);
    return k;
  };
  for (const auto& a : rows) {
    for (const auto& b : rows) {
      int want = RefCompare(a.first, b.first, type::kInt4);
      if (want == 0) want = -RefCompare(a.second, b.second, type::kText);
      ASSERT_EQ(CmpBytes(enc(a), enc(b)), want);
    }
  }
}

TEST(CodecRowTest, MixedRowFewerColumnsAndCorruption) {
  std::vector<Value> row = {Value::Int4(-7), Value::Null(type::kText),
                            Value::Text(std::string("a\0b", 3)), Value::Float8(-0.0),
                            Value::Numeric("12.340")};
  std::string enc;
  EncodeRow(row.data(), row.size(), &enc);
  std::vector<TypeOid> types = {type::kInt4,    type::kText, type::kText, type::kFloat8,
                                type::kNumeric, type::kInt8, type::kBool};
  std::vector<Value> back(types.size());
  ASSERT_TRUE(DecodeRow(enc, types, back.data()).ok());
  for (size_t i = 0; i < row.size(); ++i) EXPECT_TRUE(ExactEqual(row[i], back[i])) << i;
  EXPECT_TRUE(back[5].is_null());
  EXPECT_EQ(back[5].type(), type::kInt8);
  EXPECT_TRUE(back[6].is_null());
  // Every truncation fails cleanly with XX001 (or decodes a shorter row when
  // the cut falls at the end); none reads out of bounds.
  int errors = 0;
  for (size_t len = 0; len < enc.size(); ++len) {
    std::vector<Value> out(types.size());
    Status s = DecodeRow(std::string_view(enc.data(), len), types, out.data());
    if (!s.ok()) {
      EXPECT_EQ(s.sqlstate(), "XX001");
      ++errors;
    }
  }
  EXPECT_EQ(errors, static_cast<int>(enc.size()));
  std::string_view in = "\x02\x00";
  Value v;
  Status s = DecodeKeyValue(&in, type::kInt8, false, &v);
  EXPECT_EQ(s.sqlstate(), "XX001");
}

TEST(CodecRowTest, RandomBytesNeverCrash) {
  Gen gen(77);
  std::vector<TypeOid> types = {type::kInt4,     type::kText,    type::kInt4Array,
                                type::kInterval, type::kNumeric, type::kFloat8};
  int decoded = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string junk = gen.Bytes(24, false);
    std::vector<Value> out(types.size());
    if (DecodeRow(junk, types, out.data()).ok()) ++decoded;
    for (TypeOid t : types) {
      std::string_view in = junk;
      Value v;
      if (DecodeKeyValue(&in, t, i % 2 == 1, &v).ok()) {
        EXPECT_LE(in.size(), junk.size());
      }
    }
  }
  EXPECT_LT(decoded, 3000);
}

}  // namespace
}  // namespace nano
