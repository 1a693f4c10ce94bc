// engine/function/aggregates.cc — built-in aggregates with PostgreSQL 15's
// result types and accumulation rules: count, sum, avg, min/max, string_agg,
// array_agg, bool_and/bool_or/every, bit_and/bit_or/bit_xor, and the
// variance/stddev family (numeric accumulation for integer/numeric inputs,
// Youngs-Cramer float8 accumulation for floats, like float8_accum).
#include <cmath>

#include "function/builtins.h"
#include "function/string_util.h"
#include "types/compare.h"
#include "types/datetime.h"
#include "types/type_info.h"

namespace nano::fn {
namespace {

namespace ty = type;

// ---- count ------------------------------------------------------------------
class CountState : public AggregateState {
 public:
  Status Step(const Value*, size_t, EvalContext&) override {
    ++n_;
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    *out = Value::Int8(n_);
    return Status::OK();
  }

 private:
  int64_t n_ = 0;
};

// ---- integer sum / avg (exact) -----------------------------------------------
// Accumulates integers exactly in 128 bits; `kind` picks the result.
class IntSumState : public AggregateState {
 public:
  enum Kind { kSumInt8, kSumNumeric, kAvg };
  explicit IntSumState(Kind k) : kind_(k) {}
  Status Step(const Value* a, size_t, EvalContext&) override {
    sum_ += a[0].int_value();
    ++n_;
    if (kind_ == kSumInt8 && (sum_ > INT64_MAX || sum_ < INT64_MIN)) return OutOfRange("bigint");
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    if (n_ == 0) {
      *out = Value::Null(kind_ == kSumInt8 ? ty::kInt8 : ty::kNumeric);
      return Status::OK();
    }
    if (kind_ == kSumInt8) {
      *out = Value::Int8(static_cast<int64_t>(sum_));
      return Status::OK();
    }
    Numeric s = FromInt128(sum_);
    if (kind_ == kSumNumeric) {
      *out = NumericValue(s);
      return Status::OK();
    }
    Numeric avg;
    NANO_RETURN_IF_ERROR(s.Div(Numeric::FromInt64(n_), &avg));
    *out = NumericValue(avg);
    return Status::OK();
  }

 private:
  static Numeric FromInt128(__int128 v) {
    if (v >= INT64_MIN && v <= INT64_MAX) return Numeric::FromInt64(static_cast<int64_t>(v));
    // Split into high and low parts: v = hi * 10^18 + lo.
    const int64_t kBase = 1000000000000000000LL;
    __int128 hi = v / kBase, lo = v % kBase;
    Numeric base = Numeric::FromInt64(kBase);
    return Numeric::FromInt64(static_cast<int64_t>(hi))
        .Mul(base)
        .Add(Numeric::FromInt64(static_cast<int64_t>(lo)));
  }
  Kind kind_;
  __int128 sum_ = 0;
  int64_t n_ = 0;
};

// ---- numeric sum / avg ---------------------------------------------------------
// Parses canonical numeric text "[-]digits[.digits]" into a 128-bit mantissa
// and scale; false if it does not fit (then the slow Numeric path is used).
bool ParseFixed(const std::string& s, __int128* mant, int* scale) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && s[i] == '-') {
    neg = true;
    ++i;
  }
  __int128 m = 0;
  int digits = 0, sc = -1;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' && sc < 0) {
      sc = 0;
      continue;
    }
    if (c < '0' || c > '9' || ++digits > 36) return false;
    m = m * 10 + (c - '0');
    if (sc >= 0) ++sc;
  }
  if (digits == 0) return false;
  *mant = neg ? -m : m;
  *scale = sc < 0 ? 0 : sc;
  return true;
}

std::string FixedToString(__int128 m, int scale) {
  bool neg = m < 0;
  unsigned __int128 u =
      neg ? static_cast<unsigned __int128>(-m) : static_cast<unsigned __int128>(m);
  std::string d;
  do {
    d.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u != 0);
  while (static_cast<int>(d.size()) <= scale) d.push_back('0');
  std::string r = neg ? "-" : "";
  for (size_t k = d.size(); k-- > 0;) {
    r.push_back(d[k]);
    if (scale > 0 && k == static_cast<size_t>(scale)) r.push_back('.');
  }
  return r;
}

// Sums numerics exactly: a 128-bit fixed-point fast path (~10x faster than
// Numeric arithmetic for typical money-like data), falling back to Numeric on
// overflow, NaN/Infinity or more than 36 digits.
class NumericSumState : public AggregateState {
 public:
  explicit NumericSumState(bool avg) : avg_(avg) {}
  Status Step(const Value* a, size_t, EvalContext&) override {
    static constexpr __int128 kLimit =
        static_cast<__int128>(1000000000000000000LL) * 1000000000000000000LL;
    if (fast_ && a[0].type() == ty::kNumeric) {
      __int128 m;
      int s;
      if (ParseFixed(a[0].str(), &m, &s)) {
        bool ok = true;
        while (ok && acc_scale_ < s) {
          ok = acc_ < kLimit && acc_ > -kLimit;
          acc_ *= 10;
          ++acc_scale_;
        }
        for (int k = s; ok && k < acc_scale_; ++k) {
          ok = m < kLimit && m > -kLimit;
          m *= 10;
        }
        if (ok && m < kLimit && m > -kLimit && acc_ < kLimit && acc_ > -kLimit) {
          acc_ += m;
          ++n_;
          return Status::OK();
        }
      }
    }
    if (fast_) {
      // Leave the fast path: move the exact partial sum into a Numeric.
      fast_ = false;
      NANO_RETURN_IF_ERROR(Numeric::Parse(FixedToString(acc_, acc_scale_), &sum_));
    }
    Numeric x;
    NANO_RETURN_IF_ERROR(ToNumeric(a[0], &x));
    sum_ = sum_.Add(x);
    ++n_;
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    if (n_ == 0) {
      *out = Value::Null(ty::kNumeric);
      return Status::OK();
    }
    if (fast_) NANO_RETURN_IF_ERROR(Numeric::Parse(FixedToString(acc_, acc_scale_), &sum_));
    if (!avg_) {
      *out = NumericValue(sum_);
      return Status::OK();
    }
    Numeric r;
    NANO_RETURN_IF_ERROR(sum_.Div(Numeric::FromInt64(n_), &r));
    *out = NumericValue(r);
    return Status::OK();
  }

 private:
  bool avg_;
  bool fast_ = true;
  __int128 acc_ = 0;
  int acc_scale_ = 0;
  Numeric sum_;
  int64_t n_ = 0;
};

// ---- float accumulation (float8_accum) -------------------------------------------
class FloatAccumState : public AggregateState {
 public:
  enum Kind { kSum4, kSum8, kAvg, kVarSamp, kVarPop, kStddevSamp, kStddevPop };
  explicit FloatAccumState(Kind k) : kind_(k) {}
  Status Step(const Value* a, size_t, EvalContext&) override {
    double x = a[0].float_value();
    if (kind_ == kSum4) {
      sum4_ = static_cast<float>(sum4_ + static_cast<float>(x));
      if (std::isinf(sum4_) && !std::isinf(x) && !saw_inf_)
        return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
      saw_inf_ |= std::isinf(x);
      ++n_;
      return Status::OK();
    }
    double old_n = n_;
    n_ += 1.0;
    double old_sx = sx_;
    sx_ += x;
    if (old_n > 0.0) {
      double tmp = x * n_ - sx_;
      sxx_ += tmp * tmp / (n_ * old_n);
      if (std::isinf(sx_) && !std::isinf(old_sx) && !std::isinf(x))
        return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
    } else if (std::isinf(x) || std::isnan(x)) {
      sxx_ = std::nan("");
    }
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    switch (kind_) {
      case kSum4:
        *out = n_ == 0 ? Value::Null(ty::kFloat4) : Value::Float4(sum4_);
        return Status::OK();
      case kSum8:
        *out = n_ == 0 ? Value::Null(ty::kFloat8) : Value::Float8(sx_);
        return Status::OK();
      case kAvg:
        *out = n_ == 0 ? Value::Null(ty::kFloat8) : Value::Float8(sx_ / n_);
        return Status::OK();
      case kVarSamp:
      case kStddevSamp: {
        if (n_ <= 1) {
          *out = Value::Null(ty::kFloat8);
          return Status::OK();
        }
        double v = sxx_ / (n_ - 1.0);
        *out = Value::Float8(kind_ == kVarSamp ? v : std::sqrt(v));
        return Status::OK();
      }
      case kVarPop:
      case kStddevPop: {
        if (n_ == 0) {
          *out = Value::Null(ty::kFloat8);
          return Status::OK();
        }
        double v = sxx_ / n_;
        *out = Value::Float8(kind_ == kVarPop ? v : std::sqrt(v));
        return Status::OK();
      }
    }
    return Status::OK();
  }

 private:
  Kind kind_;
  double n_ = 0, sx_ = 0, sxx_ = 0;
  float sum4_ = 0;
  bool saw_inf_ = false;
};

// ---- numeric variance (numeric_stddev_internal) -------------------------------------
class NumericVarState : public AggregateState {
 public:
  NumericVarState(bool sample, bool variance) : sample_(sample), variance_(variance) {}
  Status Step(const Value* a, size_t, EvalContext&) override {
    Numeric x;
    NANO_RETURN_IF_ERROR(ToNumeric(a[0], &x));
    if (!x.IsFinite()) {
      special_ = true;
      if (x.IsNaN() || (x.IsInf() && n_ > 0)) {
      }
    }
    sum_x_ = n_ == 0 ? x : sum_x_.Add(x);
    Numeric sq = x.Mul(x);
    sum_x2_ = n_ == 0 ? sq : sum_x2_.Add(sq);
    ++n_;
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    if (n_ == 0 || (sample_ && n_ == 1)) {
      *out = Value::Null(ty::kNumeric);
      return Status::OK();
    }
    if (special_) {
      *out = NumericValue(Numeric::NaN());
      return Status::OK();
    }
    Numeric vn = Numeric::FromInt64(n_);
    Numeric num = vn.Mul(sum_x2_).Sub(sum_x_.Mul(sum_x_));
    if (num.Sign() <= 0) {
      *out = NumericValue(Numeric::FromInt64(0));
      return Status::OK();
    }
    Numeric den = sample_ ? vn.Mul(Numeric::FromInt64(n_ - 1)) : vn.Mul(vn);
    Numeric var;
    NANO_RETURN_IF_ERROR(num.Div(den, &var));
    if (variance_) {
      *out = NumericValue(var);
      return Status::OK();
    }
    int rscale = var.scale();
    Numeric sd;
    NANO_RETURN_IF_ERROR(var.Sqrt(&sd));
    *out = NumericValue(sd.Round(rscale));
    return Status::OK();
  }

 private:
  bool sample_, variance_;
  bool special_ = false;
  Numeric sum_x_, sum_x2_;
  int64_t n_ = 0;
};

// ---- interval sum / avg --------------------------------------------------------------
class IntervalSumState : public AggregateState {
 public:
  explicit IntervalSumState(bool avg) : avg_(avg) {}
  Status Step(const Value* a, size_t, EvalContext&) override {
    NANO_RETURN_IF_ERROR(dt::IntervalAdd(sum_, a[0].interval_value(), &sum_));
    ++n_;
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    if (n_ == 0) {
      *out = Value::Null(ty::kInterval);
      return Status::OK();
    }
    Interval r = sum_;
    if (avg_) NANO_RETURN_IF_ERROR(dt::IntervalDiv(sum_, static_cast<double>(n_), &r));
    *out = Value::MakeInterval(r);
    return Status::OK();
  }

 private:
  bool avg_;
  Interval sum_;
  int64_t n_ = 0;
};

// ---- min / max ----------------------------------------------------------------------
template <bool kMax>
class MinMaxState : public AggregateState {
 public:
  explicit MinMaxState(TypeOid t) : best_(Value::Null(t)) {}
  Status Step(const Value* a, size_t, EvalContext&) override {
    if (best_.is_null()) {
      best_ = a[0];
    } else {
      int c = CompareValues(a[0], best_);
      // Ties keep the newer value, like numeric_larger/numeric_smaller (1.5 vs 1.50).
      if (kMax ? c >= 0 : c <= 0) best_ = a[0];
    }
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    *out = best_;
    return Status::OK();
  }

 private:
  Value best_;
};

// ---- string_agg / array_agg -----------------------------------------------------------
class StringAggState : public AggregateState {
 public:
  explicit StringAggState(TypeOid t) : type_(t) {}
  Status Step(const Value* a, size_t nargs, EvalContext&) override {
    if (a[0].is_null()) return Status::OK();
    if (any_ && nargs > 1 && !a[1].is_null()) buf_ += a[1].str();
    buf_ += a[0].str();
    any_ = true;
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    *out = any_ ? Value::String(type_, buf_) : Value::Null(type_);
    return Status::OK();
  }

 private:
  TypeOid type_;
  std::string buf_;
  bool any_ = false;
};

class ArrayAggState : public AggregateState {
 public:
  ArrayAggState(TypeOid elem, TypeOid arr) : elem_(elem), arr_(arr) {}
  Status Step(const Value* a, size_t, EvalContext&) override {
    elems_.push_back(a[0].is_null() ? Value::Null(elem_) : a[0]);
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    if (elems_.empty()) {
      *out = Value::Null(arr_);
      return Status::OK();
    }
    auto d = std::make_shared<ArrayData>();
    d->dims = {static_cast<int32_t>(elems_.size())};
    d->lower_bounds = {1};
    d->elements = elems_;
    *out = Value::Array(arr_, std::move(d));
    return Status::OK();
  }

 private:
  TypeOid elem_, arr_;
  ValueVector elems_;
};

// array_agg(anyarray): stacks equal-shaped arrays into one more dimension.
class ArrayOfArraysAggState : public AggregateState {
 public:
  explicit ArrayOfArraysAggState(TypeOid arr) : arr_(arr) {}
  Status Step(const Value* a, size_t, EvalContext&) override {
    if (a[0].is_null())
      return Status::Error(sqlstate::kNullValueNotAllowed, "cannot accumulate null arrays");
    const ArrayData& d = a[0].array();
    if (d.elements.empty()) return Status::Error("2202E", "cannot accumulate empty arrays");
    if (n_ == 0) {
      inner_dims_ = d.dims;
    } else if (d.dims != inner_dims_) {
      return Status::Error("2202E", "cannot accumulate arrays of different dimensionality");
    }
    elems_.insert(elems_.end(), d.elements.begin(), d.elements.end());
    ++n_;
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    if (n_ == 0) {
      *out = Value::Null(arr_);
      return Status::OK();
    }
    auto d = std::make_shared<ArrayData>();
    d->dims.push_back(n_);
    d->dims.insert(d->dims.end(), inner_dims_.begin(), inner_dims_.end());
    d->lower_bounds.assign(d->dims.size(), 1);
    d->elements = elems_;
    *out = Value::Array(arr_, std::move(d));
    return Status::OK();
  }

 private:
  TypeOid arr_;
  std::vector<int32_t> inner_dims_;
  ValueVector elems_;
  int32_t n_ = 0;
};

// ---- bool / bit ------------------------------------------------------------------------
template <bool kAnd>
class BoolAggState : public AggregateState {
 public:
  Status Step(const Value* a, size_t, EvalContext&) override {
    bool b = a[0].bool_value();
    val_ = any_ ? (kAnd ? (val_ && b) : (val_ || b)) : b;
    any_ = true;
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    *out = any_ ? Value::Bool(val_) : Value::Null(ty::kBool);
    return Status::OK();
  }

 private:
  bool val_ = kAnd, any_ = false;
};

template <char kOp>
class BitAggState : public AggregateState {
 public:
  explicit BitAggState(TypeOid t) : type_(t) {}
  Status Step(const Value* a, size_t, EvalContext&) override {
    int64_t v = a[0].int_value();
    if (!any_)
      acc_ = v;
    else
      acc_ = kOp == '&' ? (acc_ & v) : kOp == '|' ? (acc_ | v) : (acc_ ^ v);
    any_ = true;
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    if (!any_) {
      *out = Value::Null(type_);
    } else {
      *out = Value::Int8(acc_);
      out->set_type(type_);
    }
    return Status::OK();
  }

 private:
  TypeOid type_;
  int64_t acc_ = 0;
  bool any_ = false;
};

// ---- registration ------------------------------------------------------------------------
using CreateFn = std::unique_ptr<AggregateState> (*)(const ResolvedCall&);

void Agg(FunctionRegistry& r, const char* name, std::vector<TypeOid> args, TypeOid ret, CreateFn f,
         bool strict = true) {
  AggregateOverload a;
  a.name = name;
  a.arg_types = std::move(args);
  a.return_type = ret;
  a.create = f;
  a.strict = strict;
  r.RegisterAggregate(std::move(a));
}

template <typename S, auto... kArgs>
std::unique_ptr<AggregateState> Make(const ResolvedCall&) {
  return std::make_unique<S>(kArgs...);
}

template <typename S>
std::unique_ptr<AggregateState> MakeTyped(const ResolvedCall& c) {
  return std::make_unique<S>(c.result_type.oid);
}

std::unique_ptr<AggregateState> MakeArrayAgg(const ResolvedCall& c) {
  TypeOid elem = c.arg_types.empty() ? ty::kText : c.arg_types[0].oid;
  TypeOid arr = c.result_type.oid != ty::kInvalid ? c.result_type.oid : ArrayTypeOf(elem);
  return std::make_unique<ArrayAggState>(elem, arr);
}

std::unique_ptr<AggregateState> MakeArrayOfArraysAgg(const ResolvedCall& c) {
  return std::make_unique<ArrayOfArraysAggState>(c.result_type.oid);
}

}  // namespace

void RegisterAggregates(FunctionRegistry& r) {
  using FA = FloatAccumState;
  using IS = IntSumState;
  const TypeOid num = ty::kNumeric, f8 = ty::kFloat8, f4 = ty::kFloat4, iv = ty::kInterval;
  Agg(r, "count", {}, ty::kInt8, Make<CountState>);
  Agg(r, "count", {ty::kAny}, ty::kInt8, Make<CountState>);
  // sum
  Agg(r, "sum", {ty::kInt2}, ty::kInt8, Make<IS, IS::kSumInt8>);
  Agg(r, "sum", {ty::kInt4}, ty::kInt8, Make<IS, IS::kSumInt8>);
  Agg(r, "sum", {ty::kInt8}, num, Make<IS, IS::kSumNumeric>);
  Agg(r, "sum", {f4}, f4, Make<FA, FA::kSum4>);
  Agg(r, "sum", {f8}, f8, Make<FA, FA::kSum8>);
  Agg(r, "sum", {num}, num, Make<NumericSumState, false>);
  Agg(r, "sum", {iv}, iv, Make<IntervalSumState, false>);
  // avg
  for (TypeOid t : {ty::kInt2, ty::kInt4, ty::kInt8}) Agg(r, "avg", {t}, num, Make<IS, IS::kAvg>);
  Agg(r, "avg", {num}, num, Make<NumericSumState, true>);
  Agg(r, "avg", {f4}, f8, Make<FA, FA::kAvg>);
  Agg(r, "avg", {f8}, f8, Make<FA, FA::kAvg>);
  Agg(r, "avg", {iv}, iv, Make<IntervalSumState, true>);
  // variance family
  struct VarAgg {
    const char* name;
    bool sample, variance;
    FA::Kind fk;
  };
  static const VarAgg kVar[] = {
      {"variance", true, true, FA::kVarSamp},        {"var_samp", true, true, FA::kVarSamp},
      {"var_pop", false, true, FA::kVarPop},         {"stddev", true, false, FA::kStddevSamp},
      {"stddev_samp", true, false, FA::kStddevSamp}, {"stddev_pop", false, false, FA::kStddevPop}};
  for (const VarAgg& v : kVar) {
    CreateFn nf =
        v.sample
            ? (v.variance ? Make<NumericVarState, true, true> : Make<NumericVarState, true, false>)
            : (v.variance ? Make<NumericVarState, false, true>
                          : Make<NumericVarState, false, false>);
    CreateFn ff = v.fk == FA::kVarSamp      ? Make<FA, FA::kVarSamp>
                  : v.fk == FA::kVarPop     ? Make<FA, FA::kVarPop>
                  : v.fk == FA::kStddevSamp ? Make<FA, FA::kStddevSamp>
                                            : Make<FA, FA::kStddevPop>;
    for (TypeOid t : {ty::kInt2, ty::kInt4, ty::kInt8, num}) Agg(r, v.name, {t}, num, nf);
    Agg(r, v.name, {f4}, f8, ff);
    Agg(r, v.name, {f8}, f8, ff);
  }
  // min / max
  for (TypeOid t :
       {ty::kInt2, ty::kInt4, ty::kInt8, f4, f8, num, ty::kText, ty::kBpChar, ty::kDate, ty::kTime,
        ty::kTimeTz, ty::kTimestamp, ty::kTimestampTz, iv, ty::kOid, ty::kAnyArray, ty::kMoney}) {
    Agg(r, "min", {t}, t, MakeTyped<MinMaxState<false>>);
    Agg(r, "max", {t}, t, MakeTyped<MinMaxState<true>>);
  }
  Agg(r, "string_agg", {ty::kText, ty::kText}, ty::kText, MakeTyped<StringAggState>, false);
  Agg(r, "string_agg", {ty::kBytea, ty::kBytea}, ty::kBytea, MakeTyped<StringAggState>, false);
  Agg(r, "array_agg", {ty::kAnyNonArray}, ty::kAnyArray, MakeArrayAgg, false);
  Agg(r, "array_agg", {ty::kAnyArray}, ty::kAnyArray, MakeArrayOfArraysAgg, false);
  Agg(r, "bool_and", {ty::kBool}, ty::kBool, Make<BoolAggState<true>>);
  Agg(r, "every", {ty::kBool}, ty::kBool, Make<BoolAggState<true>>);
  Agg(r, "bool_or", {ty::kBool}, ty::kBool, Make<BoolAggState<false>>);
  for (TypeOid t : {ty::kInt2, ty::kInt4, ty::kInt8}) {
    Agg(r, "bit_and", {t}, t, MakeTyped<BitAggState<'&'>>);
    Agg(r, "bit_or", {t}, t, MakeTyped<BitAggState<'|'>>);
    Agg(r, "bit_xor", {t}, t, MakeTyped<BitAggState<'#'>>);
  }
  RegisterStatsAggregates(r);
  RegisterOrderedSetAggregates(r);
}

}  // namespace nano::fn
