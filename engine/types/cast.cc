// engine/types/cast.cc — pg_cast rules and value conversion.
#include "types/cast.h"

#include <cerrno>
#include <cmath>
#include <string>

#include "types/datetime.h"
#include "types/geometry.h"
#include "types/json_text.h"
#include "types/jsonb.h"
#include "types/money.h"
#include "types/numeric.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano {
namespace {

struct CastRow {
  TypeOid from, to;
  char context;  // 'i' implicit, 'a' assignment, 'e' explicit
};

// PostgreSQL 15's pg_cast rows among the built-in scalar types we support.
constexpr CastRow kCasts[] = {
    {16, 23, 'e'},
    {16, 25, 'a'},
    {16, 1042, 'a'},
    {16, 1043, 'a'},
    {18, 23, 'e'},
    {18, 25, 'i'},
    {18, 1042, 'a'},
    {18, 1043, 'a'},
    {19, 25, 'i'},
    {19, 1042, 'a'},
    {19, 1043, 'a'},
    {20, 21, 'a'},
    {20, 23, 'a'},
    {20, 24, 'i'},
    {20, 26, 'i'},
    {20, 700, 'i'},
    {20, 701, 'i'},
    {20, 1700, 'i'},
    {20, 2205, 'i'},
    {20, 2206, 'i'},
    {21, 20, 'i'},
    {21, 23, 'i'},
    {21, 24, 'i'},
    {21, 26, 'i'},
    {21, 700, 'i'},
    {21, 701, 'i'},
    {21, 1700, 'i'},
    {21, 2205, 'i'},
    {21, 2206, 'i'},
    {23, 16, 'e'},
    {23, 18, 'e'},
    {23, 20, 'i'},
    {23, 21, 'a'},
    {23, 24, 'i'},
    {23, 26, 'i'},
    {23, 700, 'i'},
    {23, 701, 'i'},
    {23, 1700, 'i'},
    {23, 2205, 'i'},
    {23, 2206, 'i'},
    {24, 20, 'a'},
    {24, 23, 'a'},
    {24, 26, 'i'},
    {25, 18, 'a'},
    {25, 19, 'i'},
    {25, 1042, 'i'},
    {25, 1043, 'i'},
    {25, 2205, 'i'},
    {26, 20, 'a'},
    {26, 23, 'a'},
    {26, 24, 'i'},
    {26, 2205, 'i'},
    {26, 2206, 'i'},
    {114, 3802, 'a'},
    {700, 20, 'a'},
    {700, 21, 'a'},
    {700, 23, 'a'},
    {700, 701, 'i'},
    {700, 1700, 'a'},
    {701, 20, 'a'},
    {701, 21, 'a'},
    {701, 23, 'a'},
    {701, 700, 'a'},
    {701, 1700, 'a'},
    {1042, 18, 'a'},
    {1042, 19, 'i'},
    {1042, 25, 'i'},
    {1042, 1042, 'i'},
    {1042, 1043, 'i'},
    {1043, 18, 'a'},
    {1043, 19, 'i'},
    {1043, 25, 'i'},
    {1043, 1042, 'i'},
    {1043, 1043, 'i'},
    {1043, 2205, 'i'},
    {1082, 1114, 'i'},
    {1082, 1184, 'i'},
    {1083, 1083, 'i'},
    {1083, 1186, 'i'},
    {1083, 1266, 'i'},
    {1114, 1082, 'a'},
    {1114, 1083, 'a'},
    {1114, 1114, 'i'},
    {1114, 1184, 'i'},
    {1184, 1082, 'a'},
    {1184, 1083, 'a'},
    {1184, 1114, 'a'},
    {1184, 1184, 'i'},
    {1184, 1266, 'a'},
    {1186, 1083, 'a'},
    {1186, 1186, 'i'},
    {1266, 1083, 'a'},
    {1266, 1266, 'i'},
    {1700, 20, 'a'},
    {1700, 21, 'a'},
    {1700, 23, 'a'},
    {1700, 700, 'i'},
    {1700, 701, 'i'},
    {1700, 1700, 'i'},
    {2205, 20, 'a'},
    {2205, 23, 'a'},
    {2205, 26, 'i'},
    {2206, 20, 'a'},
    {2206, 23, 'a'},
    {2206, 26, 'i'},
    {3802, 16, 'e'},
    {3802, 20, 'e'},
    {3802, 21, 'e'},
    {3802, 23, 'e'},
    {3802, 114, 'a'},
    {3802, 700, 'e'},
    {3802, 701, 'e'},
    {3802, 1700, 'e'},
    // regprocedure, regnamespace, regrole: the same rows as regclass.
    {20, 2202, 'i'},
    {21, 2202, 'i'},
    {23, 2202, 'i'},
    {26, 2202, 'i'},
    {2202, 20, 'a'},
    {2202, 23, 'a'},
    {2202, 26, 'i'},
    {24, 2202, 'i'},
    {2202, 24, 'i'},
    {20, 4089, 'i'},
    {21, 4089, 'i'},
    {23, 4089, 'i'},
    {26, 4089, 'i'},
    {4089, 20, 'a'},
    {4089, 23, 'a'},
    {4089, 26, 'i'},
    {20, 4096, 'i'},
    {21, 4096, 'i'},
    {23, 4096, 'i'},
    {26, 4096, 'i'},
    {4096, 20, 'a'},
    {4096, 23, 'a'},
    {4096, 26, 'i'},
    // money
    {20, 790, 'a'},
    {23, 790, 'a'},
    {1700, 790, 'a'},
    {790, 1700, 'a'},
    // geometric
    {600, 603, 'a'},
    {601, 600, 'e'},
    {602, 604, 'a'},
    {603, 600, 'e'},
    {603, 601, 'e'},
    {603, 604, 'a'},
    {603, 718, 'e'},
    {604, 600, 'e'},
    {604, 602, 'a'},
    {604, 603, 'e'},
    {604, 718, 'e'},
    {718, 600, 'e'},
    {718, 603, 'e'},
    {718, 604, 'e'},
};

const CastRow* FindCast(TypeOid from, TypeOid to) {
  for (const CastRow& r : kCasts) {
    if (r.from == from && r.to == to) return &r;
  }
  return nullptr;
}

bool Allowed(char context, CoercionContext ctx) {
  switch (ctx) {
    case CoercionContext::kImplicit:
      return context == 'i';
    case CoercionContext::kAssignment:
      return context == 'i' || context == 'a';
    case CoercionContext::kExplicit:
      return true;
  }
  return false;
}

bool IsTextual(TypeOid t) {
  return t == type::kText || t == type::kVarChar || t == type::kBpChar || t == type::kName;
}

Status CannotCast(TypeOid from, TypeOid to) {
  return Status::Error(
      sqlstate::kCannotCoerce,
      "cannot cast type " + FormatType(TypeRef{from, -1}) + " to " + FormatType(TypeRef{to, -1}));
}

const char* IntName(TypeOid t) {
  return t == type::kInt2   ? "smallint"
         : t == type::kInt4 ? "integer"
         : t == type::kOid  ? "OID"
                            : "bigint";
}

Status CheckIntRange(int64_t v, TypeOid to) {
  int64_t lo = INT64_MIN, hi = INT64_MAX;
  if (to == type::kInt2) {
    lo = INT16_MIN;
    hi = INT16_MAX;
  } else if (to == type::kInt4) {
    lo = INT32_MIN;
    hi = INT32_MAX;
  } else if (type::IsOidLike(to)) {
    lo = 0;
    hi = UINT32_MAX;
  }
  if (v < lo || v > hi) {
    return Status::Error(sqlstate::kNumericValueOutOfRange,
                         std::string(IntName(to)) + " out of range");
  }
  return Status::OK();
}

Value MakeInt(int64_t v, TypeOid to) {
  if (type::IsOidLike(to) && v < 0) {
    v += int64_t{1} << 32;
  }
  Value r = Value::Int8(v);
  r.set_type(to);
  return r;
}

Numeric NumericOf(const Value& v) {
  Numeric n;
  Numeric::Parse(v.str(), &n).IgnoreError();
  return n;
}

Status ToFloat4(double d, Value* out) {
  const float f = static_cast<float>(d);
  if (std::isinf(f) && !std::isinf(d)) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  if (f == 0 && d != 0)
    return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  *out = Value::Float4(f);
  return Status::OK();
}

// numeric_float8 / numeric_float4 go through the numeric's text and the
// float input function, so a value beyond the float's range (1e400, 1e-400)
// is an error naming that text rather than Infinity or 0.
Status NumericToFloat(const Numeric& n, TypeOid to, Value* out) {
  const bool f8 = to == type::kFloat8;
  if (!n.IsFinite()) {
    *out = f8 ? Value::Float8(n.ToDouble()) : Value::Float4(static_cast<float>(n.ToDouble()));
    return Status::OK();
  }
  const std::string text = n.ToString();
  errno = 0;
  const double d = f8 ? std::strtod(text.c_str(), nullptr) : std::strtof(text.c_str(), nullptr);
  if (errno == ERANGE && (d == 0 || std::isinf(d))) {
    return Status::Error(
        sqlstate::kNumericValueOutOfRange,
        "\"" + text + "\" is out of range for type " + (f8 ? "double precision" : "real"));
  }
  *out = f8 ? Value::Float8(d) : Value::Float4(static_cast<float>(d));
  return Status::OK();
}

// int4/int8/numeric -> money and money -> numeric (cash.c): cents, two
// fraction digits.
Status CastMoney(const Value& v, TypeRef to, Value* out) {
  const TypeOid from = v.type();
  if (from == type::kMoney && to.oid == type::kNumeric) {
    Numeric n = Numeric::FromInt64(v.int_value());
    NANO_RETURN_IF_ERROR(n.DivScale(Numeric::FromInt64(100), 2, &n));
    if (to.typmod >= 4) NANO_RETURN_IF_ERROR(n.ApplyTypmod(to.typmod, &n));
    *out = Value::Numeric(n.ToString());
    return Status::OK();
  }
  if (to.oid == type::kMoney &&
      (from == type::kInt4 || from == type::kInt8 || from == type::kInt2)) {
    int64_t cents;
    if (__builtin_mul_overflow(v.int_value(), int64_t{100}, &cents)) {
      return Status::Error(sqlstate::kNumericValueOutOfRange, "bigint out of range");
    }
    *out = MakeMoney(cents);
    return Status::OK();
  }
  if (to.oid == type::kMoney && from == type::kNumeric) {
    Numeric n = NumericOf(v);
    n = n.Mul(Numeric::FromInt64(100));
    int64_t cents;
    NANO_RETURN_IF_ERROR(n.ToInt64(&cents));
    *out = MakeMoney(cents);
    return Status::OK();
  }
  return CannotCast(from, to.oid);
}

Status CastScalar(const Value& v, TypeRef to, CoercionContext ctx, const FormatContext& fmt,
                  Value* out) {
  const TypeOid from = v.type();
  const bool is_explicit = ctx == CoercionContext::kExplicit;
  // To strings: the type's output function (bool prints true/false here).
  if (IsTextual(to.oid) || (to.oid == type::kChar && from != type::kChar)) {
    std::string s;
    if (from == type::kBool) {
      s = v.bool_value() ? "true" : "false";
    } else if (from == type::kBpChar) {
      s = v.str();
      if (to.oid != type::kBpChar) {
        while (!s.empty() && s.back() == ' ') s.pop_back();
      }
    } else if (IsTextual(from) || from == type::kUnknown || from == type::kChar) {
      s = v.str();
    } else {
      FormatText(v, fmt, &s);
    }
    if (to.oid == type::kChar) {
      *out = Value::String(type::kChar, s.substr(0, std::min<size_t>(1, s.size())));
      return Status::OK();
    }
    if (to.oid == type::kName) return ParseText(s, to, fmt, out);
    Value r = Value::String(to.oid, std::move(s));
    return ApplyTypmod(r, to, is_explicit, out);
  }
  // From strings: the target's input function.
  if (IsTextual(from) || from == type::kUnknown || from == type::kChar) {
    std::string_view s = v.str();
    return ParseText(s, to, fmt, out);
  }
  if (type::IsGeometric(from) && type::IsGeometric(to.oid)) {
    return geo::CastGeometric(v, to.oid, out);
  }
  if (from == type::kMoney || to.oid == type::kMoney) return CastMoney(v, to, out);
  const bool from_int = IsIntegerType(from) || type::IsRegType(from);
  const bool to_int = IsIntegerType(to.oid) || type::IsRegType(to.oid);
  if (from_int) {
    const int64_t i = v.int_value();
    if (to_int) {
      // int2/int4 -> oid reinterpret negative values (PostgreSQL's int4 cast);
      // int8 -> oid checks the range.
      const bool wraps = from == type::kInt4 || from == type::kInt2;
      if (!(wraps && i < 0)) NANO_RETURN_IF_ERROR(CheckIntRange(i, to.oid));
      *out = MakeInt(i, to.oid);
      return Status::OK();
    }
    switch (to.oid) {
      case type::kFloat4:
        *out = Value::Float4(static_cast<double>(i));
        return Status::OK();
      case type::kFloat8:
        *out = Value::Float8(static_cast<double>(i));
        return Status::OK();
      case type::kNumeric: {
        Numeric n = Numeric::FromInt64(i);
        if (to.typmod >= 4) NANO_RETURN_IF_ERROR(n.ApplyTypmod(to.typmod, &n));
        *out = Value::Numeric(n.ToString());
        return Status::OK();
      }
      case type::kBool:
        if (from != type::kInt4) break;
        *out = Value::Bool(i != 0);
        return Status::OK();
      default:
        break;
    }
    return CannotCast(from, to.oid);
  }
  if (from == type::kFloat4 || from == type::kFloat8) {
    const double d = v.float_value();
    if (to_int) {
      const double r = std::rint(d);
      const char* name = IntName(to.oid);
      // Bounds as PostgreSQL's FLOAT8_FITS_IN_INT* macros.
      bool fits = false;
      if (!std::isnan(r)) {
        if (to.oid == type::kInt2)
          fits = r >= -32768.0 && r < 32768.0;
        else if (to.oid == type::kInt4)
          fits = r >= -2147483648.0 && r < 2147483648.0;
        else
          fits = r >= -9223372036854775808.0 && r < 9223372036854775808.0;
      }
      if (!fits)
        return Status::Error(sqlstate::kNumericValueOutOfRange,
                             std::string(name) + " out of range");
      *out = MakeInt(static_cast<int64_t>(r), to.oid);
      return Status::OK();
    }
    switch (to.oid) {
      case type::kFloat8:
        *out = Value::Float8(d);
        return Status::OK();
      case type::kFloat4:
        return ToFloat4(d, out);
      case type::kNumeric: {
        Numeric n;
        if (from == type::kFloat4) {
          NANO_RETURN_IF_ERROR(Numeric::FromFloat4(static_cast<float>(d), &n));
        } else {
          NANO_RETURN_IF_ERROR(Numeric::FromDouble(d, &n));
        }
        if (to.typmod >= 4) NANO_RETURN_IF_ERROR(n.ApplyTypmod(to.typmod, &n));
        *out = Value::Numeric(n.ToString());
        return Status::OK();
      }
      default:
        break;
    }
    return CannotCast(from, to.oid);
  }
  if (from == type::kNumeric) {
    Numeric n = NumericOf(v);
    if (to_int) {
      const char* name = IntName(to.oid);
      if (n.IsNaN())
        return Status::Error(sqlstate::kFeatureNotSupported,
                             std::string("cannot convert NaN to ") + name);
      if (n.IsInf()) {
        return Status::Error(sqlstate::kFeatureNotSupported,
                             std::string("cannot convert infinity to ") + name);
      }
      int64_t i;
      Status st = n.ToInt64(&i);
      if (!st.ok())
        return Status::Error(sqlstate::kNumericValueOutOfRange,
                             std::string(name) + " out of range");
      NANO_RETURN_IF_ERROR(CheckIntRange(i, to.oid));
      *out = MakeInt(i, to.oid);
      return Status::OK();
    }
    if (to.oid == type::kFloat8 || to.oid == type::kFloat4) return NumericToFloat(n, to.oid, out);
    return CannotCast(from, to.oid);
  }
  if (from == type::kBool && to.oid == type::kInt4) {
    *out = Value::Int4(v.bool_value() ? 1 : 0);
    return Status::OK();
  }
  auto zone = ZoneOf(fmt);
  switch (from) {
    case type::kDate: {
      int64_t ts;
      if (to.oid == type::kTimestamp) {
        NANO_RETURN_IF_ERROR(dt::DateToTimestamp(v.int_value(), &ts));
        *out = Value::Timestamp(ts);
        return ApplyTypmod(*out, to, is_explicit, out);
      }
      if (to.oid == type::kTimestampTz) {
        NANO_RETURN_IF_ERROR(dt::DateToTimestampTz(v.int_value(), *zone, &ts));
        *out = Value::TimestampTz(ts);
        return ApplyTypmod(*out, to, is_explicit, out);
      }
      break;
    }
    case type::kTimestamp:
    case type::kTimestampTz: {
      const bool tz = from == type::kTimestampTz;
      const int64_t ts = v.int_value();
      if (to.oid == type::kDate) {
        int64_t d;
        NANO_RETURN_IF_ERROR(tz ? dt::TimestampTzToDate(ts, *zone, &d)
                                : dt::TimestampToDate(ts, &d));
        *out = Value::Date(d);
        return Status::OK();
      }
      if (to.oid == type::kTimestamp || to.oid == type::kTimestampTz) {
        int64_t r = ts;
        if (tz && to.oid == type::kTimestamp)
          NANO_RETURN_IF_ERROR(dt::TimestampTzToTimestamp(ts, *zone, &r));
        if (!tz && to.oid == type::kTimestampTz)
          NANO_RETURN_IF_ERROR(dt::TimestampToTimestampTz(ts, *zone, &r));
        *out = Value::Timestamp(r);
        out->set_type(to.oid);
        return ApplyTypmod(*out, to, is_explicit, out);
      }
      if (!dt::IsFiniteTimestamp(ts) && (to.oid == type::kTime || to.oid == type::kTimeTz)) {
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
      }
      if (to.oid == type::kTime) {
        *out = Value::Time(tz ? dt::TimestampTzToTime(ts, *zone) : dt::TimestampToTime(ts));
        return ApplyTypmod(*out, to, is_explicit, out);
      }
      if (to.oid == type::kTimeTz && tz) {
        *out = Value::MakeInterval(dt::TimestampTzToTimeTz(ts, *zone));
        out->set_type(type::kTimeTz);
        return ApplyTypmod(*out, to, is_explicit, out);
      }
      break;
    }
    case type::kTime:
      if (to.oid == type::kInterval) {
        *out = Value::MakeInterval(Interval{v.int_value(), 0, 0});
        return ApplyTypmod(*out, to, is_explicit, out);
      }
      if (to.oid == type::kTimeTz) {
        // Zone offset in effect today in the session zone.
        const int64_t now = dt::CurrentTransactionTimestamp();
        const int64_t local_now = now + zone->UtcOffsetSecondsAt(now) * dt::kUsecsPerSec;
        const int64_t local = local_now - dt::TimestampToTime(local_now) + v.int_value();
        Interval tt{v.int_value(), static_cast<int32_t>(-zone->UtcOffsetSecondsForLocal(local)), 0};
        *out = Value::MakeInterval(tt);
        out->set_type(type::kTimeTz);
        return ApplyTypmod(*out, to, is_explicit, out);
      }
      if (to.oid == type::kTime) return ApplyTypmod(v, to, is_explicit, out);
      break;
    case type::kTimeTz:
      if (to.oid == type::kTime) {
        *out = Value::Time(v.interval_value().micros);
        return ApplyTypmod(*out, to, is_explicit, out);
      }
      break;
    case type::kInterval:
      if (to.oid == type::kTime) {
        int64_t t = v.interval_value().micros % dt::kUsecsPerDay;
        if (t < 0) t += dt::kUsecsPerDay;
        *out = Value::Time(t);
        return ApplyTypmod(*out, to, is_explicit, out);
      }
      break;
    case type::kJson:
    case type::kJsonb:
      if (to.oid == type::kJson || to.oid == type::kJsonb) {
        std::string norm;
        NANO_RETURN_IF_ERROR(NormalizeJson(v.str(), to.oid == type::kJsonb, &norm));
        *out = Value::String(to.oid, to.oid == type::kJsonb ? std::move(norm) : v.str());
        return Status::OK();
      }
      if (from == type::kJsonb && FindCast(from, to.oid) != nullptr) {
        return CastJsonbToScalar(v, to, fmt, out);
      }
      break;
    default:
      break;
  }
  return CannotCast(from, to.oid);
}

}  // namespace

bool CanCoerce(TypeOid from, TypeOid to, CoercionContext ctx) {
  if (from == to || from == type::kUnknown) return true;
  if (to == type::kAny || to == type::kAnyElement) return true;
  if (to == type::kAnyArray) return IsArrayType(from);
  if (to == type::kAnyNonArray) return !IsArrayType(from);
  if (const CastRow* r = FindCast(from, to)) return Allowed(r->context, ctx);
  // Arrays coerce element-wise.
  if (IsArrayType(from) && IsArrayType(to)) {
    return CanCoerce(ElementTypeOf(from), ElementTypeOf(to), ctx);
  }
  // Automatic I/O conversion casts: to string types in assignment, from
  // string types explicitly.
  if (IsTextual(to) && ctx != CoercionContext::kImplicit) return true;
  if (IsTextual(from) && ctx == CoercionContext::kExplicit) return LookupType(to) != nullptr;
  return false;
}

Status CastValue(const Value& v, TypeRef to, CoercionContext ctx, const FormatContext& fmt,
                 Value* out) {
  if (v.is_null()) {
    *out = Value::Null(to.oid);
    return Status::OK();
  }
  const TypeOid from = v.type();
  const bool is_explicit = ctx == CoercionContext::kExplicit;
  if (from == to.oid) return ApplyTypmod(v, to, is_explicit, out);
  if (IsArrayType(to.oid)) {
    if (IsArrayType(from)) {
      const TypeRef et{ElementTypeOf(to.oid), to.typmod};
      auto data = std::make_shared<ArrayData>(v.array());
      for (Value& e : data->elements) {
        Value r;
        NANO_RETURN_IF_ERROR(CastValue(e, et, ctx, fmt, &r));
        e = std::move(r);
      }
      *out = Value::Array(to.oid, std::move(data));
      return Status::OK();
    }
    if (IsTextual(from) || from == type::kUnknown) return ParseText(v.str(), to, fmt, out);
    return CannotCast(from, to.oid);
  }
  return CastScalar(v, to, ctx, fmt, out);
}

}  // namespace nano
