// engine/function/aggregates_stats.cc — PostgreSQL 15's two-variable float8
// statistics aggregates (regr_*, covar_pop/covar_samp, corr) and the float8
// transition functions the regression tests call directly (float8_accum,
// float8_regr_accum, float8_combine, float8_regr_combine), plus the boolean
// state functions booland_statefunc / boolor_statefunc.
//
// The arithmetic follows float.c digit for digit: Youngs-Cramer accumulation
// of N, Sx, Sxx, Sy, Syy, Sxy, the same overflow checks (22003 "value out of
// range: overflow") and the same NaN propagation, so results print the same.
#include <cmath>

#include "function/builtins.h"

namespace nano::fn {
namespace {

namespace ty = type;

Status Overflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}

// float8_regr_accum's state: N, Sx, Sxx, Sy, Syy, Sxy.
struct RegrState {
  double n = 0, sx = 0, sxx = 0, sy = 0, syy = 0, sxy = 0;
};

// One float8_regr_accum step for the pair (y, x).
Status RegrAccum(RegrState* s, double y, double x) {
  const RegrState old = *s;
  s->n += 1.0;
  s->sx += x;
  s->sy += y;
  if (old.n > 0.0) {
    const double tmp_x = x * s->n - s->sx;
    const double tmp_y = y * s->n - s->sy;
    const double scale = 1.0 / (s->n * old.n);
    s->sxx += tmp_x * tmp_x * scale;
    s->syy += tmp_y * tmp_y * scale;
    s->sxy += tmp_x * tmp_y * scale;
    if (std::isinf(s->sx) || std::isinf(s->sxx) || std::isinf(s->sy) || std::isinf(s->syy) ||
        std::isinf(s->sxy)) {
      if (((std::isinf(s->sx) || std::isinf(s->sxx)) && !std::isinf(old.sx) && !std::isinf(x)) ||
          ((std::isinf(s->sy) || std::isinf(s->syy)) && !std::isinf(old.sy) && !std::isinf(y)) ||
          (std::isinf(s->sxy) && !std::isinf(old.sx) && !std::isinf(x) && !std::isinf(old.sy) &&
           !std::isinf(y))) {
        return Overflow();
      }
      if (std::isinf(s->sxx)) s->sxx = std::nan("");
      if (std::isinf(s->syy)) s->syy = std::nan("");
      if (std::isinf(s->sxy)) s->sxy = std::nan("");
    }
  } else {
    if (std::isnan(x) || std::isinf(x)) s->sxx = s->sxy = std::nan("");
    if (std::isnan(y) || std::isinf(y)) s->syy = s->sxy = std::nan("");
  }
  return Status::OK();
}

enum class RegrKind {
  kCount,
  kSxx,
  kSyy,
  kSxy,
  kAvgX,
  kAvgY,
  kR2,
  kSlope,
  kIntercept,
  kCovarPop,
  kCovarSamp,
  kCorr
};

// The final functions of float.c (float8_regr_sxx ... float8_corr).
Value RegrFinal(RegrKind kind, const RegrState& s) {
  const Value null = Value::Null(ty::kFloat8);
  if (kind == RegrKind::kCount) return Value::Int8(static_cast<int64_t>(s.n));
  if (s.n < 1.0) return null;
  switch (kind) {
    case RegrKind::kSxx:
      return Value::Float8(s.sxx);
    case RegrKind::kSyy:
      return Value::Float8(s.syy);
    case RegrKind::kSxy:
      return Value::Float8(s.sxy);
    case RegrKind::kAvgX:
      return Value::Float8(s.sx / s.n);
    case RegrKind::kAvgY:
      return Value::Float8(s.sy / s.n);
    case RegrKind::kCovarPop:
      return Value::Float8(s.sxy / s.n);
    case RegrKind::kCovarSamp:
      return s.n < 2.0 ? null : Value::Float8(s.sxy / (s.n - 1.0));
    case RegrKind::kCorr:
      if (s.sxx == 0 || s.syy == 0) return null;
      return Value::Float8(s.sxy / std::sqrt(s.sxx * s.syy));
    case RegrKind::kR2:
      if (s.sxx == 0) return null;
      if (s.syy == 0) return Value::Float8(1.0);
      return Value::Float8((s.sxy * s.sxy) / (s.sxx * s.syy));
    case RegrKind::kSlope:
      if (s.sxx == 0) return null;
      return Value::Float8(s.sxy / s.sxx);
    case RegrKind::kIntercept:
      if (s.sxx == 0) return null;
      return Value::Float8((s.sy - s.sx * s.sxy / s.sxx) / s.n);
    case RegrKind::kCount:
      break;
  }
  return null;
}

template <RegrKind kKind>
class RegrAggState : public AggregateState {
 public:
  Status Step(const Value* a, size_t, EvalContext&) override {
    return RegrAccum(&state_, a[0].float_value(), a[1].float_value());
  }
  Status Final(EvalContext&, Value* out) override {
    *out = RegrFinal(kKind, state_);
    return Status::OK();
  }

 private:
  RegrState state_;
};

// ---- float8[] transition functions -------------------------------------------------------
// Reads a one-dimensional float8[] of exactly n non-NULL elements (float.c's
// check_float8_array).
Status ReadFloat8Array(const Value& v, size_t n, const char* caller, std::vector<double>* out) {
  const ArrayData& d = v.array();
  bool ok = d.dims.size() == 1 && d.elements.size() == n;
  for (size_t i = 0; ok && i < n; ++i) ok = !d.elements[i].is_null();
  if (!ok) {
    return Status::Error(sqlstate::kInternalError, std::string(caller) + ": expected " +
                                                       std::to_string(n) + "-element float8 array");
  }
  out->clear();
  for (const Value& e : d.elements) out->push_back(e.float_value());
  return Status::OK();
}

Value Float8Array(const std::vector<double>& xs) {
  auto d = std::make_shared<ArrayData>();
  d->dims = {static_cast<int32_t>(xs.size())};
  d->lower_bounds = {1};
  for (double x : xs) d->elements.push_back(Value::Float8(x));
  return Value::Array(ty::kFloat8Array, std::move(d));
}

// float8_accum(float8[3], float8): N, Sx, Sxx.
Status Float8Accum(const Value* a, size_t, EvalContext&, Value* out) {
  std::vector<double> t;
  NANO_RETURN_IF_ERROR(ReadFloat8Array(a[0], 3, "float8_accum", &t));
  const double x = a[1].float_value();
  double n = t[0] + 1.0, sx = t[1] + x, sxx = t[2];
  if (t[0] > 0.0) {
    const double tmp = x * n - sx;
    sxx += tmp * tmp / (n * t[0]);
    if (std::isinf(sx) || std::isinf(sxx)) {
      if (!std::isinf(t[1]) && !std::isinf(x)) return Overflow();
      sxx = std::nan("");
    }
  } else if (std::isnan(x) || std::isinf(x)) {
    sxx = std::nan("");
  }
  *out = Float8Array({n, sx, sxx});
  return Status::OK();
}

// float8_regr_accum(float8[6], y float8, x float8).
Status Float8RegrAccum(const Value* a, size_t, EvalContext&, Value* out) {
  std::vector<double> t;
  NANO_RETURN_IF_ERROR(ReadFloat8Array(a[0], 6, "float8_regr_accum", &t));
  RegrState s{t[0], t[1], t[2], t[3], t[4], t[5]};
  NANO_RETURN_IF_ERROR(RegrAccum(&s, a[1].float_value(), a[2].float_value()));
  *out = Float8Array({s.n, s.sx, s.sxx, s.sy, s.syy, s.sxy});
  return Status::OK();
}

// Sxx of two merged partial states (float8_combine's formula).
double CombineSquares(double n1, double s1, double ss1, double n2, double s2, double ss2,
                      double n) {
  const double tmp = s1 / n1 - s2 / n2;
  return ss1 + ss2 + n1 * n2 * tmp * tmp / n;
}

// float8_combine(float8[3], float8[3]).
Status Float8Combine(const Value* a, size_t, EvalContext&, Value* out) {
  std::vector<double> t1, t2;
  NANO_RETURN_IF_ERROR(ReadFloat8Array(a[0], 3, "float8_combine", &t1));
  NANO_RETURN_IF_ERROR(ReadFloat8Array(a[1], 3, "float8_combine", &t2));
  if (t1[0] == 0.0 || t2[0] == 0.0) {
    *out = Float8Array(t1[0] == 0.0 ? t2 : t1);
    return Status::OK();
  }
  const double n = t1[0] + t2[0], sx = t1[1] + t2[1];
  if (std::isinf(sx) && !std::isinf(t1[1]) && !std::isinf(t2[1])) return Overflow();
  const double sxx = CombineSquares(t1[0], t1[1], t1[2], t2[0], t2[1], t2[2], n);
  if (std::isinf(sxx) && !std::isinf(t1[2]) && !std::isinf(t2[2])) return Overflow();
  *out = Float8Array({n, sx, sxx});
  return Status::OK();
}

// float8_regr_combine(float8[6], float8[6]).
Status Float8RegrCombine(const Value* a, size_t, EvalContext&, Value* out) {
  std::vector<double> t1, t2;
  NANO_RETURN_IF_ERROR(ReadFloat8Array(a[0], 6, "float8_regr_combine", &t1));
  NANO_RETURN_IF_ERROR(ReadFloat8Array(a[1], 6, "float8_regr_combine", &t2));
  if (t1[0] == 0.0 || t2[0] == 0.0) {
    *out = Float8Array(t1[0] == 0.0 ? t2 : t1);
    return Status::OK();
  }
  const double n1 = t1[0], n2 = t2[0], n = n1 + n2;
  const double sx = t1[1] + t2[1], sy = t1[3] + t2[3];
  if ((std::isinf(sx) && !std::isinf(t1[1]) && !std::isinf(t2[1])) ||
      (std::isinf(sy) && !std::isinf(t1[3]) && !std::isinf(t2[3]))) {
    return Overflow();
  }
  const double tmp1 = t1[1] / n1 - t2[1] / n2;
  const double tmp2 = t1[3] / n1 - t2[3] / n2;
  const double sxx = t1[2] + t2[2] + n1 * n2 * tmp1 * tmp1 / n;
  const double syy = t1[4] + t2[4] + n1 * n2 * tmp2 * tmp2 / n;
  const double sxy = t1[5] + t2[5] + n1 * n2 * tmp1 * tmp2 / n;
  if ((std::isinf(sxx) && !std::isinf(t1[2]) && !std::isinf(t2[2])) ||
      (std::isinf(syy) && !std::isinf(t1[4]) && !std::isinf(t2[4])) ||
      (std::isinf(sxy) && !std::isinf(t1[5]) && !std::isinf(t2[5]))) {
    return Overflow();
  }
  *out = Float8Array({n, sx, sxx, sy, syy, sxy});
  return Status::OK();
}

Status BoolAndStateFunc(const Value* a, size_t, EvalContext&, Value* out) {
  *out = Value::Bool(a[0].bool_value() && a[1].bool_value());
  return Status::OK();
}

Status BoolOrStateFunc(const Value* a, size_t, EvalContext&, Value* out) {
  *out = Value::Bool(a[0].bool_value() || a[1].bool_value());
  return Status::OK();
}

template <RegrKind kKind>
std::unique_ptr<AggregateState> MakeRegr(const ResolvedCall&) {
  return std::make_unique<RegrAggState<kKind>>();
}

void RegrAgg(FunctionRegistry& r, const char* name, TypeOid ret,
             std::unique_ptr<AggregateState> (*create)(const ResolvedCall&)) {
  AggregateOverload a;
  a.name = name;
  a.arg_types = {ty::kFloat8, ty::kFloat8};
  a.return_type = ret;
  a.create = create;
  r.RegisterAggregate(std::move(a));
}

}  // namespace

void RegisterStatsAggregates(FunctionRegistry& r) {
  using K = RegrKind;
  const TypeOid f8 = ty::kFloat8;
  RegrAgg(r, "regr_count", ty::kInt8, MakeRegr<K::kCount>);
  RegrAgg(r, "regr_sxx", f8, MakeRegr<K::kSxx>);
  RegrAgg(r, "regr_syy", f8, MakeRegr<K::kSyy>);
  RegrAgg(r, "regr_sxy", f8, MakeRegr<K::kSxy>);
  RegrAgg(r, "regr_avgx", f8, MakeRegr<K::kAvgX>);
  RegrAgg(r, "regr_avgy", f8, MakeRegr<K::kAvgY>);
  RegrAgg(r, "regr_r2", f8, MakeRegr<K::kR2>);
  RegrAgg(r, "regr_slope", f8, MakeRegr<K::kSlope>);
  RegrAgg(r, "regr_intercept", f8, MakeRegr<K::kIntercept>);
  RegrAgg(r, "covar_pop", f8, MakeRegr<K::kCovarPop>);
  RegrAgg(r, "covar_samp", f8, MakeRegr<K::kCovarSamp>);
  RegrAgg(r, "corr", f8, MakeRegr<K::kCorr>);
  const TypeOid arr = ty::kFloat8Array;
  Reg(r, "float8_accum", {arr, f8}, arr, Float8Accum);
  Reg(r, "float8_regr_accum", {arr, f8, f8}, arr, Float8RegrAccum);
  Reg(r, "float8_combine", {arr, arr}, arr, Float8Combine);
  Reg(r, "float8_regr_combine", {arr, arr}, arr, Float8RegrCombine);
  Reg(r, "booland_statefunc", {ty::kBool, ty::kBool}, ty::kBool, BoolAndStateFunc);
  Reg(r, "boolor_statefunc", {ty::kBool, ty::kBool}, ty::kBool, BoolOrStateFunc);
}

}  // namespace nano::fn
