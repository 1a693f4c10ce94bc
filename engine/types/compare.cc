// engine/types/compare.cc — ordering and hashing consistent with equality.
#include "types/compare.h"

#include <cassert>
#include <cmath>
#include <cstring>
#include <string_view>

#include "types/datetime.h"
#include "types/jsonb.h"
#include "types/numeric.h"
#include "types/type_info.h"

namespace nano {
namespace {

enum class Family {
  kNumeric,
  kString,
  kBytea,
  kBool,
  kDateTime,
  kTime,
  kTimeTz,
  kInterval,
  kUuid,
  kArray,
  kJsonb,  // PostgreSQL's jsonb btree order, not its text
  kMoney,  // int64 cents
  kOther
};

Family FamilyOf(TypeOid t) {
  switch (t) {
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
    case type::kOid:
    case type::kFloat4:
    case type::kFloat8:
    case type::kNumeric:
    case type::kRegClass:
    case type::kRegType:
    case type::kRegProc:
    case type::kRegProcedure:
    case type::kRegNamespace:
    case type::kRegRole:
      return Family::kNumeric;
    case type::kText:
    case type::kVarChar:
    case type::kBpChar:
    case type::kName:
    case type::kUnknown:
    case type::kChar:
    case type::kJson:
      return Family::kString;
    case type::kJsonb:
      return Family::kJsonb;
    case type::kBytea:
      return Family::kBytea;
    case type::kBool:
      return Family::kBool;
    case type::kDate:
    case type::kTimestamp:
    case type::kTimestampTz:
      return Family::kDateTime;
    case type::kTime:
      return Family::kTime;
    case type::kTimeTz:
      return Family::kTimeTz;
    case type::kInterval:
      return Family::kInterval;
    case type::kUuid:
      return Family::kUuid;
    case type::kMoney:
      return Family::kMoney;
    default:
      break;
  }
  return IsArrayType(t) ? Family::kArray : Family::kOther;
}

bool IsInt(TypeOid t) {
  return t == type::kInt2 || t == type::kInt4 || t == type::kInt8 || type::IsOidLike(t);
}
bool IsFloat(TypeOid t) { return t == type::kFloat4 || t == type::kFloat8; }

int Cmp3(auto a, auto b) { return a < b ? -1 : (a > b ? 1 : 0); }

// PostgreSQL's float8 comparison: NaN is greater than everything, equal to NaN.
int CompareDoubles(double a, double b) {
  const bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return an && bn ? 0 : (an ? 1 : -1);
  return Cmp3(a, b);
}

Numeric ToNumeric(const Value& v) {
  if (v.type() == type::kNumeric) {
    Numeric n;
    Numeric::Parse(v.str(), &n).IgnoreError();
    return n;
  }
  return Numeric::FromInt64(v.int_value());
}

double ToDouble(const Value& v) {
  if (IsFloat(v.type())) return v.float_value();
  if (v.type() == type::kNumeric) return ToNumeric(v).ToDouble();
  return static_cast<double>(v.int_value());
}

int CompareNumericFamily(const Value& a, const Value& b) {
  const TypeOid ta = a.type(), tb = b.type();
  if (IsInt(ta) && IsInt(tb)) return Cmp3(a.int_value(), b.int_value());
  if (IsFloat(ta) || IsFloat(tb)) {
    // float4 vs float8 compares the widened values, like float48 operators.
    return CompareDoubles(ToDouble(a), ToDouble(b));
  }
  return ToNumeric(a).Compare(ToNumeric(b));
}

std::string_view StringKey(const Value& v) {
  std::string_view s = v.str();
  if (v.type() == type::kBpChar) {
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  }
  return s;
}

int CompareBytes(std::string_view a, std::string_view b) {
  const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return c < 0 ? -1 : 1;
  return Cmp3(a.size(), b.size());
}

// date vs timestamp: compare on the timestamp scale, keeping infinities.
__int128 DateTimeKey(const Value& v) {
  if (v.type() == type::kDate) {
    const int64_t d = v.int_value();
    if (d == dt::kDateNegInfinity) return INT64_MIN;
    if (d == dt::kDatePosInfinity) return INT64_MAX;
    return static_cast<__int128>(d) * dt::kUsecsPerDay;
  }
  return v.int_value();
}

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

uint64_t HashBytes(std::string_view s, uint64_t seed) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return Mix(h);
}

uint64_t HashDouble(double d) {
  if (std::isnan(d)) return Mix(0x7ff8000000000000ULL);
  if (d == 0) d = 0;  // -0 == 0
  // Integral values below 2^53 hash as integers so 1::int == 1.0::float8.
  if (std::fabs(d) < 9007199254740992.0 && d == std::trunc(d))
    return Mix(static_cast<uint64_t>(static_cast<int64_t>(d)));
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return Mix(bits ^ 0x5bd1e995ULL);
}

// Element lists (array elements, record fields) in order; NULLs sort after
// non-NULLs and equal each other (btree semantics, as record_cmp and
// array_cmp). Returns the first difference or 0 when one is a prefix.
int CompareElements(const ValueVector& x, const ValueVector& y) {
  const size_t n = std::min(x.size(), y.size());
  for (size_t k = 0; k < n; ++k) {
    const Value& ex = x[k];
    const Value& ey = y[k];
    if (ex.is_null() || ey.is_null()) {
      if (ex.is_null() && ey.is_null()) continue;
      return ex.is_null() ? 1 : -1;
    }
    const int c = CompareValues(ex, ey);
    if (c != 0) return c;
  }
  return 0;
}

uint64_t HashElements(const ValueVector& elements, uint64_t seed) {
  uint64_t h = seed;
  for (const Value& e : elements) h = Mix(h * 31 + (e.is_null() ? 0 : HashValue(e)));
  return h;
}

}  // namespace

int CompareValues(const Value& a, const Value& b) {
  assert(!a.is_null() && !b.is_null());
  if (a.is_record() || b.is_record()) {
    if (a.is_record() != b.is_record()) return a.is_record() ? 1 : -1;
    const ValueVector& x = a.array().elements;
    const ValueVector& y = b.array().elements;
    const int c = CompareElements(x, y);
    return c != 0 ? c : Cmp3(x.size(), y.size());
  }
  const Family fa = FamilyOf(a.type()), fb = FamilyOf(b.type());
  if (fa != fb) return Cmp3(static_cast<int>(fa), static_cast<int>(fb));
  switch (fa) {
    case Family::kNumeric:
      return CompareNumericFamily(a, b);
    case Family::kString:
      return CompareBytes(StringKey(a), StringKey(b));
    case Family::kBytea:
    case Family::kUuid:
    case Family::kOther:
      return CompareBytes(a.str(), b.str());
    case Family::kJsonb:
      return CompareJsonb(a.str(), b.str());
    case Family::kBool:
      return Cmp3(a.bool_value(), b.bool_value());
    case Family::kDateTime:
      return Cmp3(DateTimeKey(a), DateTimeKey(b));
    case Family::kTime:
    case Family::kMoney:
      return Cmp3(a.int_value(), b.int_value());
    case Family::kTimeTz: {
      const Interval& x = a.interval_value();
      const Interval& y = b.interval_value();
      const int64_t ux = x.micros + int64_t{x.days} * dt::kUsecsPerSec;
      const int64_t uy = y.micros + int64_t{y.days} * dt::kUsecsPerSec;
      if (ux != uy) return Cmp3(ux, uy);
      return Cmp3(x.days, y.days);
    }
    case Family::kInterval:
      return Cmp3(dt::IntervalKey(a.interval_value()), dt::IntervalKey(b.interval_value()));
    case Family::kArray: {
      const ArrayData& x = a.array();
      const ArrayData& y = b.array();
      const int c = CompareElements(x.elements, y.elements);
      if (c != 0) return c;
      if (x.elements.size() != y.elements.size()) return Cmp3(x.elements.size(), y.elements.size());
      if (x.dims.size() != y.dims.size()) return Cmp3(x.dims.size(), y.dims.size());
      for (size_t d = 0; d < x.dims.size(); ++d) {
        if (x.dims[d] != y.dims[d]) return Cmp3(x.dims[d], y.dims[d]);
        const int32_t lx = d < x.lower_bounds.size() ? x.lower_bounds[d] : 1;
        const int32_t ly = d < y.lower_bounds.size() ? y.lower_bounds[d] : 1;
        if (lx != ly) return Cmp3(lx, ly);
      }
      return 0;
    }
  }
  return 0;
}

bool ValuesEqual(const Value& a, const Value& b) { return CompareValues(a, b) == 0; }

uint64_t HashValue(const Value& v) {
  assert(!v.is_null());
  if (v.is_record()) return HashElements(v.array().elements, 0x5ec0dULL);
  const TypeOid t = v.type();
  switch (FamilyOf(t)) {
    case Family::kNumeric: {
      if (IsInt(t)) {
        const int64_t i = v.int_value();
        if (i > -(int64_t{1} << 53) && i < (int64_t{1} << 53)) return Mix(static_cast<uint64_t>(i));
        return HashDouble(static_cast<double>(i));
      }
      if (IsFloat(t)) return HashDouble(v.float_value());
      const Numeric n = ToNumeric(v);
      int64_t i;
      if (n.AsExactInt64(&i) && i > -(int64_t{1} << 53) && i < (int64_t{1} << 53)) {
        return Mix(static_cast<uint64_t>(i));
      }
      // Numerics equal to a float compare via float8, so hash the double;
      // equal numerics always convert to the same double.
      return HashDouble(n.ToDouble());
    }
    case Family::kString:
      return HashBytes(StringKey(v), 1);
    case Family::kBytea:
      return HashBytes(v.str(), 2);
    case Family::kUuid:
      return HashBytes(v.str(), 3);
    case Family::kOther:
      return HashBytes(v.str(), 4);
    case Family::kJsonb:
      return HashJsonb(v.str());
    case Family::kBool:
      return Mix(v.bool_value() ? 0x1234567ULL : 0x7654321ULL);
    case Family::kDateTime: {
      const __int128 k = DateTimeKey(v);
      return Mix(static_cast<uint64_t>(static_cast<int64_t>(k)) ^ 0x9e3779b97f4a7c15ULL);
    }
    case Family::kTime:
      return Mix(static_cast<uint64_t>(v.int_value()) ^ 0x51ULL);
    case Family::kMoney:
      return Mix(static_cast<uint64_t>(v.int_value()) ^ 0x790ULL);
    case Family::kTimeTz: {
      const Interval& x = v.interval_value();
      return Mix(static_cast<uint64_t>(x.micros + int64_t{x.days} * dt::kUsecsPerSec) ^
                 (static_cast<uint64_t>(x.days) << 1));
    }
    case Family::kInterval: {
      const __int128 k = dt::IntervalKey(v.interval_value());
      return Mix(static_cast<uint64_t>(k) ^ static_cast<uint64_t>(k >> 64) ^ 0x77ULL);
    }
    case Family::kArray:
      return HashElements(v.array().elements, 0xabcdefULL);
  }
  return 0;
}

}  // namespace nano
