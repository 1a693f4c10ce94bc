// engine/function/operators.cc — built-in operators: comparison for every
// type, integer/float/numeric arithmetic with PostgreSQL's overflow errors,
// bitwise integer operators, date/time arithmetic and array operators.
// String operators (||, LIKE, regex) live in string_functions.cc.
#include <cmath>
#include <limits>

#include "function/builtins.h"
#include "types/compare.h"
#include "types/datetime.h"
#include "types/type_info.h"

namespace nano::fn {
namespace {

using T = TypeOid;
namespace ty = type;

// ---- comparison ----------------------------------------------------------
template <int kOp>
Status CmpFn(const Value* a, size_t, EvalContext&, Value* out) {
  int c = CompareValues(a[0], a[1]);
  bool r = kOp == 0   ? c == 0
           : kOp == 1 ? c != 0
           : kOp == 2 ? c < 0
           : kOp == 3 ? c <= 0
           : kOp == 4 ? c > 0
                      : c >= 0;
  *out = Value::Bool(r);
  return Status::OK();
}

void RegisterComparisons(FunctionRegistry& r) {
  static const T kTypes[] = {
      ty::kBool,    ty::kInt2, ty::kInt4,   ty::kInt8,      ty::kFloat4,      ty::kFloat8,
      ty::kNumeric, ty::kText, ty::kBpChar, ty::kName,      ty::kBytea,       ty::kChar,
      ty::kDate,    ty::kTime, ty::kTimeTz, ty::kTimestamp, ty::kTimestampTz, ty::kInterval,
      ty::kUuid,    ty::kOid,  ty::kJsonb,  ty::kAnyArray,  ty::kMoney};
  for (T t : kTypes) {
    Reg(r, "=", {t, t}, ty::kBool, CmpFn<0>);
    Reg(r, "<>", {t, t}, ty::kBool, CmpFn<1>);
    Reg(r, "<", {t, t}, ty::kBool, CmpFn<2>);
    Reg(r, "<=", {t, t}, ty::kBool, CmpFn<3>);
    Reg(r, ">", {t, t}, ty::kBool, CmpFn<4>);
    Reg(r, ">=", {t, t}, ty::kBool, CmpFn<5>);
  }
  // The operators' underlying functions, callable by name as in pg_proc
  // (booleq(bool, bool) ...); the regression suite uses them directly.
  static const char* const kBoolFns[] = {"booleq", "boolne", "boollt",
                                         "boolle", "boolgt", "boolge"};
  const ScalarFn kCmp[] = {CmpFn<0>, CmpFn<1>, CmpFn<2>, CmpFn<3>, CmpFn<4>, CmpFn<5>};
  for (int i = 0; i < 6; ++i) Reg(r, kBoolFns[i], {ty::kBool, ty::kBool}, ty::kBool, kCmp[i]);
}

// ---- integers ------------------------------------------------------------
template <T kType>
struct IntTraits;
template <>
struct IntTraits<ty::kInt2> {
  static constexpr int64_t kMin = INT16_MIN, kMax = INT16_MAX;
  static constexpr const char* kName = "smallint";
  static Value Make(int64_t v) { return Value::Int2(v); }
};
template <>
struct IntTraits<ty::kInt4> {
  static constexpr int64_t kMin = INT32_MIN, kMax = INT32_MAX;
  static constexpr const char* kName = "integer";
  static Value Make(int64_t v) { return Value::Int4(v); }
};
template <>
struct IntTraits<ty::kInt8> {
  static constexpr int64_t kMin = INT64_MIN, kMax = INT64_MAX;
  static constexpr const char* kName = "bigint";
  static Value Make(int64_t v) { return Value::Int8(v); }
};

template <T kType>
Status IntResult(__int128 v, Value* out) {
  using Tr = IntTraits<kType>;
  if (v < Tr::kMin || v > Tr::kMax) return OutOfRange(Tr::kName);
  *out = Tr::Make(static_cast<int64_t>(v));
  return Status::OK();
}

template <T kType, char kOp>
Status IntArith(const Value* a, size_t, EvalContext&, Value* out) {
  __int128 x = a[0].int_value(), y = a[1].int_value();
  switch (kOp) {
    case '+':
      return IntResult<kType>(x + y, out);
    case '-':
      return IntResult<kType>(x - y, out);
    case '*':
      return IntResult<kType>(x * y, out);
    case '/':
      if (y == 0) return DivisionByZero();
      return IntResult<kType>(x / y, out);
    case '%':
      if (y == 0) return DivisionByZero();
      return IntResult<kType>(y == -1 ? 0 : x % y, out);
    case '&':
      return IntResult<kType>(x & y, out);
    case '|':
      return IntResult<kType>(x | y, out);
    case '#':
      return IntResult<kType>(x ^ y, out);
  }
  return Status::OK();
}

template <T kType, char kOp>
Status IntShift(const Value* a, size_t, EvalContext&, Value* out) {
  using Tr = IntTraits<kType>;
  int64_t x = a[0].int_value();
  int64_t s = a[1].int_value();
  int bits = kType == ty::kInt2 ? 16 : kType == ty::kInt4 ? 32 : 64;
  // PostgreSQL uses the C shift of the native width (shift count masked by the CPU).
  s &= bits == 64 ? 63 : 31;
  int64_t r;
  if (kOp == '<') {
    uint64_t u = static_cast<uint64_t>(x) << s;
    r = bits == 16   ? static_cast<int16_t>(u)
        : bits == 32 ? static_cast<int32_t>(u)
                     : static_cast<int64_t>(u);
  } else {
    r = x >> (s >= 64 ? 63 : s);
  }
  *out = Tr::Make(r);
  return Status::OK();
}

template <T kType, char kOp>
Status IntUnary(const Value* a, size_t, EvalContext&, Value* out) {
  __int128 x = a[0].int_value();
  switch (kOp) {
    case '-':
      return IntResult<kType>(-x, out);
    case '+':
      return IntResult<kType>(x, out);
    case '@':
      return IntResult<kType>(x < 0 ? -x : x, out);
    case '~':
      return IntResult<kType>(~x, out);
  }
  return Status::OK();
}

template <T kType>
void RegisterInt(FunctionRegistry& r) {
  Reg(r, "+", {kType, kType}, kType, IntArith<kType, '+'>);
  Reg(r, "-", {kType, kType}, kType, IntArith<kType, '-'>);
  Reg(r, "*", {kType, kType}, kType, IntArith<kType, '*'>);
  Reg(r, "/", {kType, kType}, kType, IntArith<kType, '/'>);
  Reg(r, "%", {kType, kType}, kType, IntArith<kType, '%'>);
  Reg(r, "&", {kType, kType}, kType, IntArith<kType, '&'>);
  Reg(r, "|", {kType, kType}, kType, IntArith<kType, '|'>);
  Reg(r, "#", {kType, kType}, kType, IntArith<kType, '#'>);
  Reg(r, "<<", {kType, ty::kInt4}, kType, IntShift<kType, '<'>);
  Reg(r, ">>", {kType, ty::kInt4}, kType, IntShift<kType, '>'>);
  Reg(r, "-", {kType}, kType, IntUnary<kType, '-'>);
  Reg(r, "+", {kType}, kType, IntUnary<kType, '+'>);
  Reg(r, "@", {kType}, kType, IntUnary<kType, '@'>);
  Reg(r, "~", {kType}, kType, IntUnary<kType, '~'>);
}

// ---- floats --------------------------------------------------------------
Status FloatOverflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}
Status FloatUnderflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
}

template <T kType>
Value MakeFloat(double d) {
  return kType == ty::kFloat4 ? Value::Float4(d) : Value::Float8(d);
}

template <T kType, char kOp>
Status FloatArith(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value(), y = a[1].float_value();
  double r = 0;
  switch (kOp) {
    case '+':
      r = x + y;
      break;
    case '-':
      r = x - y;
      break;
    case '*':
      r = x * y;
      break;
    case '/':
      if (y == 0.0 && !std::isnan(x)) return DivisionByZero();
      r = x / y;
      break;
  }
  if (kType == ty::kFloat4) {
    float f = static_cast<float>(r);
    if (std::isinf(f) && !std::isinf(x) && !std::isinf(y)) return FloatOverflow();
    if (f == 0.0f && r != 0.0) return FloatUnderflow();
    r = f;
  } else if (std::isinf(r) && !std::isinf(x) && !std::isinf(y)) {
    return FloatOverflow();
  }
  if ((kOp == '*' && r == 0.0 && x != 0.0 && y != 0.0) ||
      (kOp == '/' && r == 0.0 && x != 0.0 && !std::isinf(y)))
    return FloatUnderflow();
  *out = MakeFloat<kType>(r);
  return Status::OK();
}

template <T kType, char kOp>
Status FloatUnary(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  *out = MakeFloat<kType>(kOp == '-' ? -x : kOp == '@' ? std::fabs(x) : x);
  return Status::OK();
}

template <T kType>
void RegisterFloat(FunctionRegistry& r) {
  Reg(r, "+", {kType, kType}, kType, FloatArith<kType, '+'>);
  Reg(r, "-", {kType, kType}, kType, FloatArith<kType, '-'>);
  Reg(r, "*", {kType, kType}, kType, FloatArith<kType, '*'>);
  Reg(r, "/", {kType, kType}, kType, FloatArith<kType, '/'>);
  Reg(r, "-", {kType}, kType, FloatUnary<kType, '-'>);
  Reg(r, "+", {kType}, kType, FloatUnary<kType, '+'>);
  Reg(r, "@", {kType}, kType, FloatUnary<kType, '@'>);
}

// ---- numeric -------------------------------------------------------------
template <char kOp>
Status NumArith(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x, y, r;
  NANO_RETURN_IF_ERROR(ToNumeric(a[0], &x));
  NANO_RETURN_IF_ERROR(ToNumeric(a[1], &y));
  switch (kOp) {
    case '+':
      r = x.Add(y);
      break;
    case '-':
      r = x.Sub(y);
      break;
    case '*':
      r = x.Mul(y);
      break;
    case '/':
      NANO_RETURN_IF_ERROR(x.Div(y, &r));
      break;
    case '%':
      NANO_RETURN_IF_ERROR(x.Mod(y, &r));
      break;
    case '^':
      NANO_RETURN_IF_ERROR(x.Power(y, &r));
      break;
  }
  *out = NumericValue(r);
  return Status::OK();
}

template <char kOp>
Status NumUnary(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x;
  NANO_RETURN_IF_ERROR(ToNumeric(a[0], &x));
  *out = NumericValue(kOp == '-' ? x.Neg() : kOp == '@' ? x.Abs() : x);
  return Status::OK();
}

// ---- float8 power / roots --------------------------------------------------
Status FloatPow(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value(), y = a[1].float_value();
  if (x == 0 && y < 0)
    return Status::Error("2201F", "zero raised to a negative power is undefined");
  if (x < 0 && std::floor(y) != y && std::isfinite(y))
    return Status::Error("2201F",
                         "a negative number raised to a non-integer power yields a complex result");
  double r = std::pow(x, y);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) return FloatOverflow();
  if (r == 0 && x != 0 && std::isfinite(x) && std::isfinite(y)) return FloatUnderflow();
  *out = Value::Float8(r);
  return Status::OK();
}

Status FloatSqrt(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  if (x < 0) return Status::Error("2201F", "cannot take square root of a negative number");
  *out = Value::Float8(std::sqrt(x));
  return Status::OK();
}

Status FloatCbrt(const Value* a, size_t, EvalContext&, Value* out) {
  *out = Value::Float8(std::cbrt(a[0].float_value()));
  return Status::OK();
}

// ---- date/time -------------------------------------------------------------
const TimeZone& SessionZone(const EvalContext& ctx) { return *ZoneOf(Fmt(ctx)); }

Status DatePlusInt(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t d;
  NANO_RETURN_IF_ERROR(dt::AddDays(a[0].int_value(), a[1].int_value(), &d));
  *out = Value::Date(d);
  return Status::OK();
}
Status IntPlusDate(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t d;
  NANO_RETURN_IF_ERROR(dt::AddDays(a[1].int_value(), a[0].int_value(), &d));
  *out = Value::Date(d);
  return Status::OK();
}
Status DateMinusInt(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t d;
  NANO_RETURN_IF_ERROR(dt::AddDays(a[0].int_value(), -a[1].int_value(), &d));
  *out = Value::Date(d);
  return Status::OK();
}
Status DateMinusDate(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t x = a[0].int_value(), y = a[1].int_value();
  if (!dt::IsFiniteDate(x) || !dt::IsFiniteDate(y))
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite dates");
  *out = Value::Int4(x - y);
  return Status::OK();
}

// Converts a date/timestamp argument to a timestamp.
Status AsTimestamp(const Value& v, int64_t* ts) {
  if (v.type() == ty::kDate) return dt::DateToTimestamp(v.int_value(), ts);
  *ts = v.int_value();
  return Status::OK();
}

template <bool kTz, bool kSub, bool kIntervalFirst>
Status TsIntervalOp(const Value* a, size_t, EvalContext& ctx, Value* out) {
  const Value& tsv = kIntervalFirst ? a[1] : a[0];
  const Interval& iv = (kIntervalFirst ? a[0] : a[1]).interval_value();
  int64_t ts, r;
  if (kTz && tsv.type() == ty::kDate) {
    NANO_RETURN_IF_ERROR(dt::DateToTimestampTz(tsv.int_value(), SessionZone(ctx), &ts));
  } else {
    NANO_RETURN_IF_ERROR(AsTimestamp(tsv, &ts));
  }
  const TimeZone* zone = kTz ? &SessionZone(ctx) : nullptr;
  if (kSub) {
    NANO_RETURN_IF_ERROR(dt::SubInterval(ts, iv, zone, &r));
  } else {
    NANO_RETURN_IF_ERROR(dt::AddInterval(ts, iv, zone, &r));
  }
  *out = kTz ? Value::TimestampTz(r) : Value::Timestamp(r);
  return Status::OK();
}

template <bool kTz>
Status TsMinusTs(const Value* a, size_t, EvalContext&, Value* out) {
  Interval iv;
  NANO_RETURN_IF_ERROR(dt::SubtractTimestamps(a[0].int_value(), a[1].int_value(), &iv));
  *out = Value::MakeInterval(iv);
  return Status::OK();
}

Status DatePlusTime(const Value* a, size_t, EvalContext&, Value* out) {
  bool date_first = a[0].type() == ty::kDate;
  int64_t ts;
  NANO_RETURN_IF_ERROR(dt::DateToTimestamp(a[date_first ? 0 : 1].int_value(), &ts));
  if (dt::IsFiniteTimestamp(ts)) ts += a[date_first ? 1 : 0].int_value();
  *out = Value::Timestamp(ts);
  return Status::OK();
}

template <bool kSub>
Status TimeIntervalOp(const Value* a, size_t, EvalContext&, Value* out) {
  const Interval& iv = a[1].interval_value();
  int64_t t = a[0].int_value() + (kSub ? -1 : 1) * (iv.micros % dt::kUsecsPerDay);
  t %= dt::kUsecsPerDay;
  if (t < 0) t += dt::kUsecsPerDay;
  *out = Value::Time(t);
  return Status::OK();
}

// timetz +/- interval: the time of day moves (wrapping at midnight), the
// zone stays (timetz_pl_interval).
template <bool kSub, bool kIntervalFirst>
Status TimeTzIntervalOp(const Value* a, size_t, EvalContext&, Value* out) {
  Interval tt = a[kIntervalFirst ? 1 : 0].interval_value();
  const Interval& iv = a[kIntervalFirst ? 0 : 1].interval_value();
  int64_t t = tt.micros + (kSub ? -1 : 1) * (iv.micros % dt::kUsecsPerDay);
  t %= dt::kUsecsPerDay;
  if (t < 0) t += dt::kUsecsPerDay;
  tt.micros = t;
  *out = Value::MakeInterval(tt);
  out->set_type(ty::kTimeTz);
  return Status::OK();
}

// date + timetz -> timestamptz: the date's midnight plus the time, read in
// the value's own zone (datetimetz_timestamptz).
Status DatePlusTimeTz(const Value* a, size_t, EvalContext&, Value* out) {
  const bool date_first = a[0].type() == ty::kDate;
  const Interval& tt = a[date_first ? 1 : 0].interval_value();
  int64_t ts;
  NANO_RETURN_IF_ERROR(dt::DateToTimestamp(a[date_first ? 0 : 1].int_value(), &ts));
  if (dt::IsFiniteTimestamp(ts)) {
    ts += tt.micros + static_cast<int64_t>(tt.days) * dt::kUsecsPerSec;
    if (!dt::IsFiniteTimestamp(ts)) {
      return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
    }
  }
  *out = Value::TimestampTz(ts);
  return Status::OK();
}

Status TimeMinusTime(const Value* a, size_t, EvalContext&, Value* out) {
  Interval iv;
  iv.micros = a[0].int_value() - a[1].int_value();
  *out = Value::MakeInterval(iv);
  return Status::OK();
}

template <char kOp>
Status IntervalArith(const Value* a, size_t, EvalContext&, Value* out) {
  Interval r;
  switch (kOp) {
    case '+':
      NANO_RETURN_IF_ERROR(dt::IntervalAdd(a[0].interval_value(), a[1].interval_value(), &r));
      break;
    case '-':
      NANO_RETURN_IF_ERROR(dt::IntervalSub(a[0].interval_value(), a[1].interval_value(), &r));
      break;
    case '*':
      NANO_RETURN_IF_ERROR(dt::IntervalMul(a[0].interval_value(), a[1].float_value(), &r));
      break;
    case 'm':
      NANO_RETURN_IF_ERROR(dt::IntervalMul(a[1].interval_value(), a[0].float_value(), &r));
      break;
    case '/':
      NANO_RETURN_IF_ERROR(dt::IntervalDiv(a[0].interval_value(), a[1].float_value(), &r));
      break;
    case 'n': {
      const Interval& iv = a[0].interval_value();
      // interval_um: the most negative field has no positive counterpart.
      if (iv.months == INT32_MIN || iv.days == INT32_MIN || iv.micros == INT64_MIN)
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
      r = dt::IntervalNeg(iv);
      break;
    }
    case 'p':
      r = a[0].interval_value();
      break;
  }
  *out = Value::MakeInterval(r);
  return Status::OK();
}

void RegisterDateTimeOps(FunctionRegistry& r) {
  Reg(r, "+", {ty::kDate, ty::kInt4}, ty::kDate, DatePlusInt);
  Reg(r, "+", {ty::kInt4, ty::kDate}, ty::kDate, IntPlusDate);
  Reg(r, "-", {ty::kDate, ty::kInt4}, ty::kDate, DateMinusInt);
  Reg(r, "-", {ty::kDate, ty::kDate}, ty::kInt4, DateMinusDate);
  Reg(r, "+", {ty::kDate, ty::kInterval}, ty::kTimestamp, TsIntervalOp<false, false, false>);
  Reg(r, "+", {ty::kInterval, ty::kDate}, ty::kTimestamp, TsIntervalOp<false, false, true>);
  Reg(r, "-", {ty::kDate, ty::kInterval}, ty::kTimestamp, TsIntervalOp<false, true, false>);
  Reg(r, "+", {ty::kDate, ty::kTime}, ty::kTimestamp, DatePlusTime);
  Reg(r, "+", {ty::kTime, ty::kDate}, ty::kTimestamp, DatePlusTime);
  Reg(r, "+", {ty::kTimestamp, ty::kInterval}, ty::kTimestamp, TsIntervalOp<false, false, false>);
  Reg(r, "+", {ty::kInterval, ty::kTimestamp}, ty::kTimestamp, TsIntervalOp<false, false, true>);
  Reg(r, "-", {ty::kTimestamp, ty::kInterval}, ty::kTimestamp, TsIntervalOp<false, true, false>);
  Reg(r, "-", {ty::kTimestamp, ty::kTimestamp}, ty::kInterval, TsMinusTs<false>);
  Reg(r, "+", {ty::kTimestampTz, ty::kInterval}, ty::kTimestampTz, TsIntervalOp<true, false, false>,
      Volatility::kStable);
  Reg(r, "+", {ty::kInterval, ty::kTimestampTz}, ty::kTimestampTz, TsIntervalOp<true, false, true>,
      Volatility::kStable);
  Reg(r, "-", {ty::kTimestampTz, ty::kInterval}, ty::kTimestampTz, TsIntervalOp<true, true, false>,
      Volatility::kStable);
  Reg(r, "-", {ty::kTimestampTz, ty::kTimestampTz}, ty::kInterval, TsMinusTs<true>);
  Reg(r, "+", {ty::kTime, ty::kInterval}, ty::kTime, TimeIntervalOp<false>);
  Reg(r, "-", {ty::kTime, ty::kInterval}, ty::kTime, TimeIntervalOp<true>);
  Reg(r, "-", {ty::kTime, ty::kTime}, ty::kInterval, TimeMinusTime);
  Reg(r, "+", {ty::kTimeTz, ty::kInterval}, ty::kTimeTz, TimeTzIntervalOp<false, false>);
  Reg(r, "+", {ty::kInterval, ty::kTimeTz}, ty::kTimeTz, TimeTzIntervalOp<false, true>);
  Reg(r, "-", {ty::kTimeTz, ty::kInterval}, ty::kTimeTz, TimeTzIntervalOp<true, false>);
  Reg(r, "+", {ty::kDate, ty::kTimeTz}, ty::kTimestampTz, DatePlusTimeTz);
  Reg(r, "+", {ty::kTimeTz, ty::kDate}, ty::kTimestampTz, DatePlusTimeTz);
  Reg(r, "+", {ty::kInterval, ty::kInterval}, ty::kInterval, IntervalArith<'+'>);
  Reg(r, "-", {ty::kInterval, ty::kInterval}, ty::kInterval, IntervalArith<'-'>);
  Reg(r, "*", {ty::kInterval, ty::kFloat8}, ty::kInterval, IntervalArith<'*'>);
  Reg(r, "*", {ty::kFloat8, ty::kInterval}, ty::kInterval, IntervalArith<'m'>);
  Reg(r, "/", {ty::kInterval, ty::kFloat8}, ty::kInterval, IntervalArith<'/'>);
  Reg(r, "-", {ty::kInterval}, ty::kInterval, IntervalArith<'n'>);
  Reg(r, "+", {ty::kInterval}, ty::kInterval, IntervalArith<'p'>);
}

// ---- arrays ----------------------------------------------------------------
bool ArrayContains(const ArrayData& outer, const ArrayData& inner) {
  for (const Value& e : inner.elements) {
    if (e.is_null()) return false;  // PG: NULL elements never match
    bool found = false;
    for (const Value& o : outer.elements)
      if (!o.is_null() && ValuesEqual(o, e)) {
        found = true;
        break;
      }
    if (!found) return false;
  }
  return true;
}

Status ArrayContainsFn(const Value* a, size_t, EvalContext&, Value* out) {
  *out = Value::Bool(ArrayContains(a[0].array(), a[1].array()));
  return Status::OK();
}
Status ArrayContainedFn(const Value* a, size_t, EvalContext&, Value* out) {
  *out = Value::Bool(ArrayContains(a[1].array(), a[0].array()));
  return Status::OK();
}
Status ArrayOverlapFn(const Value* a, size_t, EvalContext&, Value* out) {
  bool any = false;
  for (const Value& x : a[0].array().elements) {
    if (x.is_null()) continue;
    for (const Value& y : a[1].array().elements)
      if (!y.is_null() && ValuesEqual(x, y)) any = true;
  }
  *out = Value::Bool(any);
  return Status::OK();
}

}  // namespace

// Array concatenation helpers are shared with array functions.
Status ArrayCat(const Value* a, size_t, EvalContext&, Value* out);
Status ArrayAppend(const Value* a, size_t, EvalContext&, Value* out);
Status ArrayPrepend(const Value* a, size_t, EvalContext&, Value* out);

void RegisterOperators(FunctionRegistry& r) {
  RegisterComparisons(r);
  RegisterInt<ty::kInt2>(r);
  RegisterInt<ty::kInt4>(r);
  RegisterInt<ty::kInt8>(r);
  RegisterFloat<ty::kFloat4>(r);
  RegisterFloat<ty::kFloat8>(r);
  // Cross-type float4/float8 operators (float48*, float84*): they make e.g.
  // int2 * float4 and float4 + numeric resolve to double precision as in PG.
  for (auto [l, rt] : {std::pair{ty::kFloat4, ty::kFloat8}, std::pair{ty::kFloat8, ty::kFloat4}}) {
    Reg(r, "+", {l, rt}, ty::kFloat8, FloatArith<ty::kFloat8, '+'>);
    Reg(r, "-", {l, rt}, ty::kFloat8, FloatArith<ty::kFloat8, '-'>);
    Reg(r, "*", {l, rt}, ty::kFloat8, FloatArith<ty::kFloat8, '*'>);
    Reg(r, "/", {l, rt}, ty::kFloat8, FloatArith<ty::kFloat8, '/'>);
    Reg(r, "=", {l, rt}, ty::kBool, CmpFn<0>);
    Reg(r, "<>", {l, rt}, ty::kBool, CmpFn<1>);
    Reg(r, "<", {l, rt}, ty::kBool, CmpFn<2>);
    Reg(r, "<=", {l, rt}, ty::kBool, CmpFn<3>);
    Reg(r, ">", {l, rt}, ty::kBool, CmpFn<4>);
    Reg(r, ">=", {l, rt}, ty::kBool, CmpFn<5>);
  }
  Reg(r, "+", {ty::kNumeric, ty::kNumeric}, ty::kNumeric, NumArith<'+'>);
  Reg(r, "-", {ty::kNumeric, ty::kNumeric}, ty::kNumeric, NumArith<'-'>);
  Reg(r, "*", {ty::kNumeric, ty::kNumeric}, ty::kNumeric, NumArith<'*'>);
  Reg(r, "/", {ty::kNumeric, ty::kNumeric}, ty::kNumeric, NumArith<'/'>);
  Reg(r, "%", {ty::kNumeric, ty::kNumeric}, ty::kNumeric, NumArith<'%'>);
  Reg(r, "^", {ty::kNumeric, ty::kNumeric}, ty::kNumeric, NumArith<'^'>);
  Reg(r, "-", {ty::kNumeric}, ty::kNumeric, NumUnary<'-'>);
  Reg(r, "+", {ty::kNumeric}, ty::kNumeric, NumUnary<'+'>);
  Reg(r, "@", {ty::kNumeric}, ty::kNumeric, NumUnary<'@'>);
  Reg(r, "^", {ty::kFloat8, ty::kFloat8}, ty::kFloat8, FloatPow);
  Reg(r, "|/", {ty::kFloat8}, ty::kFloat8, FloatSqrt);
  Reg(r, "||/", {ty::kFloat8}, ty::kFloat8, FloatCbrt);
  RegisterDateTimeOps(r);
  Reg(r, "@>", {ty::kAnyArray, ty::kAnyArray}, ty::kBool, ArrayContainsFn);
  Reg(r, "<@", {ty::kAnyArray, ty::kAnyArray}, ty::kBool, ArrayContainedFn);
  Reg(r, "&&", {ty::kAnyArray, ty::kAnyArray}, ty::kBool, ArrayOverlapFn);
  Reg(r, "||", {ty::kAnyArray, ty::kAnyArray}, ty::kAnyArray, ArrayCat, Volatility::kImmutable,
      false);
  Reg(r, "||", {ty::kAnyArray, ty::kAnyElement}, ty::kAnyArray, ArrayAppend, Volatility::kImmutable,
      false);
  Reg(r, "||", {ty::kAnyElement, ty::kAnyArray}, ty::kAnyArray, ArrayPrepend,
      Volatility::kImmutable, false);
}

}  // namespace nano::fn
