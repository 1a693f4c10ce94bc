// engine/function/math_functions.cc — mathematical functions (PostgreSQL 15
// names, argument/result types and error messages).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "function/builtins.h"
#include "types/cast.h"
#include "types/compare.h"
#include "types/text_io.h"

namespace nano::fn {
namespace {

namespace ty = type;

Status FloatOverflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}
Status FloatUnderflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
}
Status InputOutOfRange() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "input is out of range");
}

// ---- float8 functions -------------------------------------------------------
template <double (*F)(double)>
Status F8(const Value* a, size_t, EvalContext&, Value* out) {
  *out = Value::Float8(F(a[0].float_value()));
  return Status::OK();
}

double Rint(double x) { return std::nearbyint(x); }
double Sign(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0; }
double Degrees(double x) { return x * (180.0 / M_PI); }
double Radians(double x) { return x * (M_PI / 180.0); }

Status F8Abs(const Value* a, size_t, EvalContext&, Value* out) {
  double x = std::fabs(a[0].float_value());
  *out = a[0].type() == ty::kFloat4 ? Value::Float4(x) : Value::Float8(x);
  return Status::OK();
}

Status F8Sqrt(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  if (x < 0) return Status::Error("2201F", "cannot take square root of a negative number");
  *out = Value::Float8(std::sqrt(x));
  return Status::OK();
}

Status F8Exp(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  double r = std::exp(x);
  if (std::isinf(r) && std::isfinite(x)) return FloatOverflow();
  if (r == 0 && std::isfinite(x)) return FloatUnderflow();
  *out = Value::Float8(r);
  return Status::OK();
}

template <double (*F)(double)>
Status F8Log(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  if (x == 0) return Status::Error("2201E", "cannot take logarithm of zero");
  if (x < 0) return Status::Error("2201E", "cannot take logarithm of a negative number");
  *out = Value::Float8(F(x));
  return Status::OK();
}

// Trigonometric functions that reject inputs outside their domain.
template <double (*F)(double), bool kUnitDomain>
Status F8Trig(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  if (std::isnan(x)) {
    *out = Value::Float8(x);
    return Status::OK();
  }
  if (kUnitDomain ? (x < -1 || x > 1) : std::isinf(x)) return InputOutOfRange();
  *out = Value::Float8(F(x));
  return Status::OK();
}

double Cot(double x) { return 1.0 / std::tan(x); }

Status F8Atan2(const Value* a, size_t, EvalContext&, Value* out) {
  *out = Value::Float8(std::atan2(a[0].float_value(), a[1].float_value()));
  return Status::OK();
}

// The degree-based trigonometric functions, ported from PostgreSQL's
// float.c: they reduce the angle to the first quadrant and scale by the
// value at a known angle, so sind(30) is exactly 0.5 and tand(45) exactly 1
// (plain sin(radians(30)) is not). volatile keeps the compiler from
// re-associating the divisions, as upstream does.
constexpr double kRadiansPerDegree = 0.0174532925199432957692;

struct DegreeConstants {
  double sin_30, one_minus_cos_60, asin_0_5, acos_0_5, atan_1_0, tan_45, cot_45;
};

double SindZeroTo30(const DegreeConstants& c, double x) {
  volatile double sin_x = std::sin(x * kRadiansPerDegree);
  return (sin_x / c.sin_30) / 2.0;
}

double CosdZeroTo60(const DegreeConstants& c, double x) {
  volatile double one_minus_cos_x = 1.0 - std::cos(x * kRadiansPerDegree);
  return 1.0 - (one_minus_cos_x / c.one_minus_cos_60) / 2.0;
}

double SindQ1(const DegreeConstants& c, double x) {
  return x <= 30.0 ? SindZeroTo30(c, x) : CosdZeroTo60(c, 90.0 - x);
}

double CosdQ1(const DegreeConstants& c, double x) {
  return x <= 60.0 ? CosdZeroTo60(c, x) : SindZeroTo30(c, 90.0 - x);
}

const DegreeConstants& DegreeConsts() {
  static const DegreeConstants c = [] {
    DegreeConstants d{};
    // Computed at run time like upstream, from variables the compiler
    // cannot fold, so they carry the same rounding as the values they scale.
    volatile double thirty = 30.0, sixty = 60.0, half = 0.5, one = 1.0, forty_five = 45.0;
    d.sin_30 = std::sin(thirty * kRadiansPerDegree);
    d.one_minus_cos_60 = 1.0 - std::cos(sixty * kRadiansPerDegree);
    d.asin_0_5 = std::asin(half);
    d.acos_0_5 = std::acos(half);
    d.atan_1_0 = std::atan(one);
    d.tan_45 = SindQ1(d, forty_five) / CosdQ1(d, forty_five);
    d.cot_45 = CosdQ1(d, forty_five) / SindQ1(d, forty_five);
    return d;
  }();
  return c;
}

double AsindQ1(double x) {
  const DegreeConstants& c = DegreeConsts();
  if (x <= 0.5) {
    volatile double asin_x = std::asin(x);
    return (asin_x / c.asin_0_5) * 30.0;
  }
  volatile double acos_x = std::acos(x);
  return 90.0 - (acos_x / c.acos_0_5) * 60.0;
}

double AcosdQ1(double x) {
  const DegreeConstants& c = DegreeConsts();
  if (x <= 0.5) {
    volatile double asin_x = std::asin(x);
    return 90.0 - (asin_x / c.asin_0_5) * 30.0;
  }
  volatile double acos_x = std::acos(x);
  return (acos_x / c.acos_0_5) * 60.0;
}

enum class DegreeFn { kSin, kCos, kTan, kCot, kAsin, kAcos, kAtan };

template <DegreeFn kFn>
Status F8Degree(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  if (std::isnan(x)) {
    *out = Value::Float8(x);
    return Status::OK();
  }
  const DegreeConstants& c = DegreeConsts();
  double result = 0;
  if constexpr (kFn == DegreeFn::kAsin || kFn == DegreeFn::kAcos) {
    if (x < -1.0 || x > 1.0) return InputOutOfRange();
    if (kFn == DegreeFn::kAsin) {
      result = x >= 0.0 ? AsindQ1(x) : -AsindQ1(-x);
    } else {
      result = x >= 0.0 ? AcosdQ1(x) : 90.0 + AsindQ1(-x);
    }
  } else if constexpr (kFn == DegreeFn::kAtan) {
    volatile double atan_x = std::atan(x);
    result = (atan_x / c.atan_1_0) * 45.0;
  } else {
    if (std::isinf(x)) return InputOutOfRange();
    double sign = 1.0;
    x = std::fmod(x, 360.0);
    if (x < 0.0) {
      x = -x;
      if (kFn != DegreeFn::kCos) sign = -sign;  // cosd(-x) = cosd(x)
    }
    if (x > 180.0) {
      x = 360.0 - x;
      if (kFn != DegreeFn::kCos) sign = -sign;
    }
    if (x > 90.0) {
      x = 180.0 - x;
      if (kFn != DegreeFn::kSin) sign = -sign;
    }
    if constexpr (kFn == DegreeFn::kSin) {
      result = sign * SindQ1(c, x);
    } else if constexpr (kFn == DegreeFn::kCos) {
      result = sign * CosdQ1(c, x);
    } else if constexpr (kFn == DegreeFn::kTan) {
      volatile double tan_x = SindQ1(c, x) / CosdQ1(c, x);
      result = sign * (tan_x / c.tan_45);
      if (result == 0.0) result = 0.0;  // no minus zero, as upstream
    } else {
      volatile double cot_x = CosdQ1(c, x) / SindQ1(c, x);
      result = sign * (cot_x / c.cot_45);
      if (result == 0.0) result = 0.0;
    }
  }
  // tand(90) and cotd(0) are infinite by definition; the others cannot be.
  if (std::isinf(result) && kFn != DegreeFn::kTan && kFn != DegreeFn::kCot) return FloatOverflow();
  *out = Value::Float8(result);
  return Status::OK();
}

Status F8Atan2d(const Value* a, size_t, EvalContext&, Value* out) {
  double y = a[0].float_value(), x = a[1].float_value();
  if (std::isnan(y) || std::isnan(x)) {
    *out = Value::Float8(std::numeric_limits<double>::quiet_NaN());
    return Status::OK();
  }
  volatile double atan2_yx = std::atan2(y, x);
  double result = (atan2_yx / DegreeConsts().atan_1_0) * 45.0;
  if (std::isinf(result)) return FloatOverflow();
  *out = Value::Float8(result);
  return Status::OK();
}

// Hyperbolic functions with PostgreSQL's range handling.
Status F8Sinh(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  double r = std::sinh(x);
  // sinh overflows to an infinity of the argument's sign (no error upstream).
  if (std::isinf(r) && std::isfinite(x)) r = x < 0 ? -HUGE_VAL : HUGE_VAL;
  *out = Value::Float8(r);
  return Status::OK();
}

Status F8Cosh(const Value* a, size_t, EvalContext&, Value* out) {
  double r = std::cosh(a[0].float_value());
  if (r == 0.0) return FloatUnderflow();
  *out = Value::Float8(r);
  return Status::OK();
}

Status F8Tanh(const Value* a, size_t, EvalContext&, Value* out) {
  double r = std::tanh(a[0].float_value());
  if (std::isinf(r)) return FloatOverflow();
  *out = Value::Float8(r);
  return Status::OK();
}

Status F8Acosh(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  if (x < 1.0) return InputOutOfRange();
  *out = Value::Float8(std::acosh(x));
  return Status::OK();
}

Status F8Atanh(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  if (x < -1.0 || x > 1.0) return InputOutOfRange();
  double r = x == -1.0 ? -HUGE_VAL : x == 1.0 ? HUGE_VAL : std::atanh(x);
  *out = Value::Float8(r);
  return Status::OK();
}

Status F8Pi(const Value*, size_t, EvalContext&, Value* out) {
  *out = Value::Float8(M_PI);
  return Status::OK();
}

Status F8Pow(const Value* a, size_t, EvalContext&, Value* out) {
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

// ---- numeric functions ------------------------------------------------------
Status GetNum(const Value& v, Numeric* n) { return ToNumeric(v, n); }

template <Numeric (Numeric::*F)() const>
Status NumUnary(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  *out = NumericValue((x.*F)());
  return Status::OK();
}

template <Status (Numeric::*F)(Numeric*) const>
Status NumUnaryS(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x, r;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  NANO_RETURN_IF_ERROR((x.*F)(&r));
  *out = NumericValue(r);
  return Status::OK();
}

template <Status (Numeric::*F)(const Numeric&, Numeric*) const>
Status NumBinaryS(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x, y, r;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  NANO_RETURN_IF_ERROR(GetNum(a[1], &y));
  NANO_RETURN_IF_ERROR((x.*F)(y, &r));
  *out = NumericValue(r);
  return Status::OK();
}

Status NumRound0(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  *out = NumericValue(x.Round(0));
  return Status::OK();
}
Status NumTrunc0(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  *out = NumericValue(x.Trunc(0));
  return Status::OK();
}
Status NumRoundN(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  int64_t s = std::clamp<int64_t>(a[1].int_value(), -2000, 2000);
  *out = NumericValue(x.Round(static_cast<int>(s)));
  return Status::OK();
}
Status NumTruncN(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  int64_t s = std::clamp<int64_t>(a[1].int_value(), -2000, 2000);
  *out = NumericValue(x.Trunc(static_cast<int>(s)));
  return Status::OK();
}
Status NumSign(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  if (x.IsNaN()) {
    *out = NumericValue(x);
  } else {
    *out = NumericValue(Numeric::FromInt64(x.Sign()));
  }
  return Status::OK();
}
Status NumScale(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  *out = x.IsFinite() ? Value::Int4(x.scale()) : Value::Null(ty::kInt4);
  return Status::OK();
}
// The smallest scale that represents x exactly (its fraction without
// trailing zeros), as numeric's get_min_scale.
int MinScale(const Numeric& x) {
  const std::string t = x.ToString();
  const size_t dot = t.find('.');
  if (dot == std::string::npos) return 0;
  const size_t last = t.find_last_not_of('0');
  return last == dot ? 0 : static_cast<int>(last - dot);
}
Status NumMinScale(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  *out = x.IsFinite() ? Value::Int4(MinScale(x)) : Value::Null(ty::kInt4);
  return Status::OK();
}
Status NumTrimScale(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric x;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  *out = NumericValue(x.IsFinite() ? x.Trunc(MinScale(x)) : x);
  return Status::OK();
}
// The type-named conversion functions of pg_proc (float8(int8), int4(numeric)
// ...): an explicit cast to the function's result type.
template <TypeOid kTo>
Status ConvertFn(const Value* a, size_t, EvalContext& ctx, Value* out) {
  return CastValue(a[0], TypeRef{kTo, -1}, CoercionContext::kExplicit, Fmt(ctx), out);
}
// width_bucket(operand, thresholds anyarray): the number of lower bounds
// (sorted, smallest first) that are <= operand, by binary search as
// width_bucket_array does.
Status WidthBucketArray(const Value* a, size_t, EvalContext&, Value* out) {
  const ArrayData& arr = a[1].array();
  if (arr.dims.size() > 1) {
    return Status::Error("2202E", "thresholds must be one-dimensional array");
  }
  for (const Value& v : arr.elements) {
    if (v.is_null()) {
      return Status::Error(sqlstate::kNullValueNotAllowed,
                           "thresholds array must not contain NULLs");
    }
  }
  size_t left = 0, right = arr.elements.size();
  while (left < right) {
    const size_t mid = (left + right) / 2;
    if (CompareValues(a[0], arr.elements[mid]) < 0) {
      right = mid;
    } else {
      left = mid + 1;
    }
  }
  *out = Value::Int4(static_cast<int32_t>(left));
  return Status::OK();
}

// log(x) on numeric is log10.
Status NumLogBase(const Value* a, size_t, EvalContext&, Value* out) {
  Numeric b, x, r;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &b));
  NANO_RETURN_IF_ERROR(GetNum(a[1], &x));
  NANO_RETURN_IF_ERROR(b.Log(x, &r));
  *out = NumericValue(r);
  return Status::OK();
}

// ---- integer functions --------------------------------------------------------
const char* IntName(TypeOid t) {
  return t == ty::kInt2 ? "smallint" : t == ty::kInt4 ? "integer" : "bigint";
}
bool FitsType(TypeOid t, __int128 v) {
  if (t == ty::kInt2) return v >= INT16_MIN && v <= INT16_MAX;
  if (t == ty::kInt4) return v >= INT32_MIN && v <= INT32_MAX;
  return v >= INT64_MIN && v <= INT64_MAX;
}
Value MakeInt(TypeOid t, int64_t v) {
  return t == ty::kInt2 ? Value::Int2(v) : t == ty::kInt4 ? Value::Int4(v) : Value::Int8(v);
}

Status IntAbs(const Value* a, size_t, EvalContext&, Value* out) {
  __int128 x = a[0].int_value();
  if (x < 0) x = -x;
  if (!FitsType(a[0].type(), x)) return OutOfRange(IntName(a[0].type()));
  *out = MakeInt(a[0].type(), static_cast<int64_t>(x));
  return Status::OK();
}

Status IntMod(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t x = a[0].int_value(), y = a[1].int_value();
  if (y == 0) return DivisionByZero();
  *out = MakeInt(a[0].type(), y == -1 ? 0 : x % y);
  return Status::OK();
}

__int128 Gcd(__int128 x, __int128 y) {
  if (x < 0) x = -x;
  if (y < 0) y = -y;
  while (y != 0) {
    __int128 t = x % y;
    x = y;
    y = t;
  }
  return x;
}

Status IntGcd(const Value* a, size_t, EvalContext&, Value* out) {
  __int128 g = Gcd(a[0].int_value(), a[1].int_value());
  if (!FitsType(a[0].type(), g)) return OutOfRange(IntName(a[0].type()));
  *out = MakeInt(a[0].type(), static_cast<int64_t>(g));
  return Status::OK();
}

Status IntLcm(const Value* a, size_t, EvalContext&, Value* out) {
  __int128 x = a[0].int_value(), y = a[1].int_value();
  __int128 l = 0;
  if (x != 0 && y != 0) {
    l = x / Gcd(x, y) * y;
    if (l < 0) l = -l;
  }
  if (!FitsType(a[0].type(), l)) return OutOfRange(IntName(a[0].type()));
  *out = MakeInt(a[0].type(), static_cast<int64_t>(l));
  return Status::OK();
}

Status NumGcdLcm(const Value* a, bool lcm, Value* out) {
  Numeric x, y;
  NANO_RETURN_IF_ERROR(GetNum(a[0], &x));
  NANO_RETURN_IF_ERROR(GetNum(a[1], &y));
  int scale = std::max(x.scale(), y.scale());
  // Euclid on numerics with Mod; bounded by the number of digits (Fibonacci growth).
  Numeric p = x.Abs(), q = y.Abs();
  for (int i = 0; i < 100000 && !q.IsZero(); ++i) {
    Numeric t;
    NANO_RETURN_IF_ERROR(p.Mod(q, &t));
    p = q;
    q = t;
  }
  Numeric r = p;
  if (lcm) {
    if (x.IsZero() || y.IsZero()) {
      r = Numeric::FromInt64(0);
    } else {
      Numeric d;
      NANO_RETURN_IF_ERROR(x.Abs().DivTrunc(p, &d));
      r = d.Mul(y.Abs());
    }
  }
  r.set_dscale(scale);
  *out = NumericValue(r.Round(scale));
  return Status::OK();
}
Status NumGcd(const Value* a, size_t, EvalContext&, Value* out) { return NumGcdLcm(a, false, out); }
Status NumLcm(const Value* a, size_t, EvalContext&, Value* out) { return NumGcdLcm(a, true, out); }

Status Factorial(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t n = a[0].int_value();
  if (n < 0)
    return Status::Error(sqlstate::kNumericValueOutOfRange,
                         "factorial of a negative number is undefined");
  if (n > 32177)
    return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  Numeric r = Numeric::FromInt64(1);
  for (int64_t i = 2; i <= n; ++i) r = r.Mul(Numeric::FromInt64(i));
  *out = NumericValue(r);
  return Status::OK();
}

// ---- random -------------------------------------------------------------------
std::mt19937_64& Rng(EvalContext& ctx) {
  if (ctx.random) return *ctx.random;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

Status Random(const Value*, size_t, EvalContext& ctx, Value* out) {
  uint64_t bits = Rng(ctx)() >> 11;
  *out = Value::Float8(static_cast<double>(bits) * 0x1.0p-53);
  return Status::OK();
}

Status SetSeed(const Value* a, size_t, EvalContext& ctx, Value* out) {
  double s = a[0].float_value();
  if (s < -1 || s > 1 || std::isnan(s)) {
    std::string text;
    FormatFloat8(s, 1, &text);
    return InvalidParam("setseed parameter " + text + " is out of allowed range [-1,1]");
  }
  Rng(ctx).seed(static_cast<uint64_t>(static_cast<int64_t>(s * 4294967295.0)));
  *out = Value::String(ty::kVoid, "");
  return Status::OK();
}

// ---- width_bucket -----------------------------------------------------------------
Status WidthBucketF8(const Value* a, size_t, EvalContext&, Value* out) {
  double op = a[0].float_value(), lo = a[1].float_value(), hi = a[2].float_value();
  int64_t count = a[3].int_value();
  if (count <= 0) return Status::Error("2201G", "count must be greater than zero");
  if (std::isnan(op) || std::isnan(lo) || std::isnan(hi))
    return Status::Error("2201G", "operand, lower bound, and upper bound cannot be NaN");
  if (std::isinf(lo) || std::isinf(hi))
    return Status::Error("2201G", "lower and upper bounds must be finite");
  if (lo == hi) return Status::Error("2201G", "lower bound cannot equal upper bound");
  int64_t r;
  if (lo < hi) {
    if (op < lo)
      r = 0;
    else if (op >= hi)
      r = count + 1;
    else
      r = static_cast<int64_t>(((op - lo) / (hi - lo)) * count) + 1;
  } else {
    if (op > lo)
      r = 0;
    else if (op <= hi)
      r = count + 1;
    else
      r = static_cast<int64_t>(((lo - op) / (lo - hi)) * count) + 1;
  }
  if (r > INT32_MAX) return OutOfRange("integer");
  *out = Value::Int4(r);
  return Status::OK();
}

Status WidthBucketNum(const Value* a, size_t n, EvalContext& ctx, Value* out) {
  Value f[4];
  for (int i = 0; i < 3; ++i) {
    Numeric x;
    NANO_RETURN_IF_ERROR(GetNum(a[i], &x));
    f[i] = Value::Float8(x.ToDouble());
  }
  f[3] = a[3];
  return WidthBucketF8(f, n, ctx, out);
}

}  // namespace

void RegisterMath(FunctionRegistry& r) {
  const TypeOid f8 = ty::kFloat8, num = ty::kNumeric;
  for (TypeOid t : {ty::kInt2, ty::kInt4, ty::kInt8}) {
    Reg(r, "abs", {t}, t, IntAbs);
    Reg(r, "mod", {t, t}, t, IntMod);
  }
  for (TypeOid t : {ty::kInt4, ty::kInt8}) {
    Reg(r, "gcd", {t, t}, t, IntGcd);
    Reg(r, "lcm", {t, t}, t, IntLcm);
  }
  Reg(r, "abs", {ty::kFloat4}, ty::kFloat4, F8Abs);
  Reg(r, "abs", {f8}, f8, F8Abs);
  Reg(r, "abs", {num}, num, NumUnary<&Numeric::Abs>);
  Reg(r, "mod", {num, num}, num, NumBinaryS<&Numeric::Mod>);
  Reg(r, "gcd", {num, num}, num, NumGcd);
  Reg(r, "lcm", {num, num}, num, NumLcm);
  Reg(r, "div", {num, num}, num, NumBinaryS<&Numeric::DivTrunc>);
  for (const char* name : {"ceil", "ceiling"}) {
    Reg(r, name, {f8}, f8, F8<std::ceil>);
    Reg(r, name, {num}, num, NumUnary<&Numeric::Ceil>);
  }
  Reg(r, "floor", {f8}, f8, F8<std::floor>);
  Reg(r, "floor", {num}, num, NumUnary<&Numeric::Floor>);
  Reg(r, "round", {f8}, f8, F8<Rint>);
  Reg(r, "round", {num}, num, NumRound0);
  Reg(r, "round", {num, ty::kInt4}, num, NumRoundN);
  Reg(r, "trunc", {f8}, f8, F8<std::trunc>);
  Reg(r, "trunc", {num}, num, NumTrunc0);
  Reg(r, "trunc", {num, ty::kInt4}, num, NumTruncN);
  Reg(r, "sign", {f8}, f8, F8<Sign>);
  Reg(r, "sign", {num}, num, NumSign);
  Reg(r, "scale", {num}, ty::kInt4, NumScale);
  Reg(r, "min_scale", {num}, ty::kInt4, NumMinScale);
  const TypeOid i2 = ty::kInt2, i4 = ty::kInt4, i8 = ty::kInt8, f4 = ty::kFloat4;
  for (TypeOid from : {i2, i4, i8, f4, num}) Reg(r, "float8", {from}, f8, ConvertFn<ty::kFloat8>);
  for (TypeOid from : {i2, i4, i8, f8, num}) Reg(r, "float4", {from}, f4, ConvertFn<ty::kFloat4>);
  for (TypeOid from : {i2, i4, f4, f8, num, ty::kOid})
    Reg(r, "int8", {from}, i8, ConvertFn<ty::kInt8>);
  for (TypeOid from : {i2, i8, f4, f8, num, ty::kBool})
    Reg(r, "int4", {from}, i4, ConvertFn<ty::kInt4>);
  for (TypeOid from : {i4, i8, f4, f8, num}) Reg(r, "int2", {from}, i2, ConvertFn<ty::kInt2>);
  for (TypeOid from : {i2, i4, i8, f4, f8}) Reg(r, "numeric", {from}, num, ConvertFn<ty::kNumeric>);
  Reg(r, "trim_scale", {num}, num, NumTrimScale);
  for (const char* name : {"power", "pow"}) {
    Reg(r, name, {f8, f8}, f8, F8Pow);
    Reg(r, name, {num, num}, num, NumBinaryS<&Numeric::Power>);
  }
  Reg(r, "sqrt", {f8}, f8, F8Sqrt);
  Reg(r, "sqrt", {num}, num, NumUnaryS<&Numeric::Sqrt>);
  Reg(r, "cbrt", {f8}, f8, F8<std::cbrt>);
  Reg(r, "exp", {f8}, f8, F8Exp);
  Reg(r, "exp", {num}, num, NumUnaryS<&Numeric::Exp>);
  Reg(r, "ln", {f8}, f8, F8Log<std::log>);
  Reg(r, "ln", {num}, num, NumUnaryS<&Numeric::Ln>);
  Reg(r, "log", {f8}, f8, F8Log<std::log10>);
  Reg(r, "log", {num}, num, NumUnaryS<&Numeric::Log10>);
  Reg(r, "log", {num, num}, num, NumLogBase);
  Reg(r, "log10", {f8}, f8, F8Log<std::log10>);
  Reg(r, "log10", {num}, num, NumUnaryS<&Numeric::Log10>);
  Reg(r, "pi", {}, f8, F8Pi);
  Reg(r, "degrees", {f8}, f8, F8<Degrees>);
  Reg(r, "radians", {f8}, f8, F8<Radians>);
  Reg(r, "sin", {f8}, f8, F8Trig<std::sin, false>);
  Reg(r, "cos", {f8}, f8, F8Trig<std::cos, false>);
  Reg(r, "tan", {f8}, f8, F8Trig<std::tan, false>);
  Reg(r, "cot", {f8}, f8, F8Trig<Cot, false>);
  Reg(r, "asin", {f8}, f8, F8Trig<std::asin, true>);
  Reg(r, "acos", {f8}, f8, F8Trig<std::acos, true>);
  Reg(r, "atan", {f8}, f8, F8<std::atan>);
  Reg(r, "atan2", {f8, f8}, f8, F8Atan2);
  Reg(r, "sind", {f8}, f8, F8Degree<DegreeFn::kSin>);
  Reg(r, "cosd", {f8}, f8, F8Degree<DegreeFn::kCos>);
  Reg(r, "tand", {f8}, f8, F8Degree<DegreeFn::kTan>);
  Reg(r, "cotd", {f8}, f8, F8Degree<DegreeFn::kCot>);
  Reg(r, "asind", {f8}, f8, F8Degree<DegreeFn::kAsin>);
  Reg(r, "acosd", {f8}, f8, F8Degree<DegreeFn::kAcos>);
  Reg(r, "atand", {f8}, f8, F8Degree<DegreeFn::kAtan>);
  Reg(r, "atan2d", {f8, f8}, f8, F8Atan2d);
  Reg(r, "sinh", {f8}, f8, F8Sinh);
  Reg(r, "cosh", {f8}, f8, F8Cosh);
  Reg(r, "tanh", {f8}, f8, F8Tanh);
  Reg(r, "asinh", {f8}, f8, F8<std::asinh>);
  Reg(r, "acosh", {f8}, f8, F8Acosh);
  Reg(r, "atanh", {f8}, f8, F8Atanh);
  Reg(r, "factorial", {ty::kInt8}, num, Factorial);
  Reg(r, "random", {}, f8, Random, Volatility::kVolatile);
  Reg(r, "setseed", {f8}, ty::kVoid, SetSeed, Volatility::kVolatile);
  Reg(r, "width_bucket", {f8, f8, f8, ty::kInt4}, ty::kInt4, WidthBucketF8);
  Reg(r, "width_bucket", {num, num, num, ty::kInt4}, ty::kInt4, WidthBucketNum);
  Reg(r, "width_bucket", {ty::kAnyElement, ty::kAnyArray}, ty::kInt4, WidthBucketArray);
}

}  // namespace nano::fn
