// engine/function/aggregates_ordered.cc — PostgreSQL 15's ordered-set
// aggregates (orderedsetaggs.c): percentile_cont / percentile_disc with a
// scalar or array fraction, mode(), and the hypothetical-set aggregates
// rank / dense_rank / percent_rank / cume_dist.
//
// Each state receives the group's rows already sorted by the WITHIN GROUP
// keys (the executor sorts them); each row's arguments are the direct
// arguments followed by the sort keys (ResolvedCall::direct_args). Direct
// arguments are the same for every row of a group (the binder checks they use
// only grouped columns), so the first row's values are used.
#include <cmath>

#include "function/builtins.h"
#include "types/compare.h"
#include "types/datetime.h"
#include "types/type_info.h"

namespace nano::fn {
namespace {

namespace ty = type;

Status FractionOutOfRange(double f) {
  char buf[64];
  snprintf(buf, sizeof(buf), "%g", f);
  return Status::Error(sqlstate::kNumericValueOutOfRange,
                       std::string("percentile value ") + buf + " is not between 0 and 1");
}

// Linear interpolation of percentile_cont (float8_lerp / interval_lerp).
Status Lerp(const Value& lo, const Value& hi, double pct, Value* out) {
  if (lo.type() == ty::kInterval) {
    Interval diff, scaled, r;
    NANO_RETURN_IF_ERROR(dt::IntervalSub(hi.interval_value(), lo.interval_value(), &diff));
    NANO_RETURN_IF_ERROR(dt::IntervalMul(diff, pct, &scaled));
    NANO_RETURN_IF_ERROR(dt::IntervalAdd(lo.interval_value(), scaled, &r));
    *out = Value::MakeInterval(r);
    return Status::OK();
  }
  const double a = lo.float_value(), b = hi.float_value();
  *out = Value::Float8(a + (b - a) * pct);
  return Status::OK();
}

// The percentile of the sorted non-NULL `rows` at fraction f (not NULL).
Status Percentile(bool cont, const ValueVector& rows, double f, Value* out) {
  if (f < 0 || f > 1 || std::isnan(f)) return FractionOutOfRange(f);
  const double n = static_cast<double>(rows.size());
  if (!cont) {
    int64_t rownum = static_cast<int64_t>(std::ceil(f * n));
    *out = rows[static_cast<size_t>(rownum > 1 ? rownum - 1 : 0)];
    return Status::OK();
  }
  const double pos = f * (n - 1);
  const size_t first = static_cast<size_t>(std::floor(pos));
  const size_t second = static_cast<size_t>(std::ceil(pos));
  if (first == second) {
    *out = rows[first];
    if (out->type() != ty::kInterval) *out = Value::Float8(out->float_value());
    return Status::OK();
  }
  return Lerp(rows[first], rows[second], pos - static_cast<double>(first), out);
}

// percentile_cont / percentile_disc, scalar or array fraction.
class PercentileState : public AggregateState {
 public:
  PercentileState(bool cont, TypeOid result) : cont_(cont), result_(result) {}
  Status Step(const Value* a, size_t nargs, EvalContext&) override {
    if (!have_fraction_) {
      fraction_ = a[0];
      have_fraction_ = true;
    }
    if (nargs > 1 && !a[1].is_null()) rows_.push_back(a[1]);
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    if (rows_.empty() || fraction_.is_null()) {
      *out = Value::Null(result_);
      return Status::OK();
    }
    if (!IsArrayType(fraction_.type()))
      return Percentile(cont_, rows_, fraction_.float_value(), out);
    const ArrayData& in = fraction_.array();
    auto d = std::make_shared<ArrayData>();
    d->dims = in.dims;
    d->lower_bounds = in.lower_bounds;
    const TypeOid elem = ElementTypeOf(result_);
    for (const Value& f : in.elements) {
      Value v = Value::Null(elem);
      if (!f.is_null()) NANO_RETURN_IF_ERROR(Percentile(cont_, rows_, f.float_value(), &v));
      d->elements.push_back(std::move(v));
    }
    *out = Value::Array(result_, std::move(d));
    return Status::OK();
  }

 private:
  bool cont_;
  TypeOid result_;
  bool have_fraction_ = false;
  Value fraction_;
  ValueVector rows_;  // sorted, non-NULL
};

// mode(): the most frequent value; among equally frequent ones the first in
// sort order.
class ModeState : public AggregateState {
 public:
  explicit ModeState(TypeOid result) : mode_(Value::Null(result)) {}
  Status Step(const Value* a, size_t, EvalContext&) override {
    if (a[0].is_null()) return Status::OK();
    if (run_ > 0 && ValuesEqual(a[0], last_)) {
      ++run_;
    } else {
      last_ = a[0];
      run_ = 1;
    }
    if (run_ > best_) {
      best_ = run_;
      mode_ = last_;
    }
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    *out = mode_;
    return Status::OK();
  }

 private:
  Value mode_, last_;
  int64_t run_ = 0, best_ = 0;
};

// Null-aware comparison in the WITHIN GROUP order.
int CompareKey(const Value& a, const Value& b, bool desc, bool nulls_first) {
  if (a.is_null() || b.is_null()) {
    if (a.is_null() && b.is_null()) return 0;
    return a.is_null() == nulls_first ? -1 : 1;
  }
  const int c = CompareValues(a, b);
  return desc ? -c : c;
}

enum class HypoKind { kRank, kDenseRank, kPercentRank, kCumeDist };

// rank / dense_rank / percent_rank / cume_dist of the hypothetical row given
// by the direct arguments among the group's sorted rows.
class HypotheticalState : public AggregateState {
 public:
  HypotheticalState(HypoKind kind, const ResolvedCall& call)
      : kind_(kind),
        keys_(call.direct_args),
        desc_(call.within_desc),
        nulls_first_(call.within_nulls_first) {
    desc_.resize(keys_, false);
    nulls_first_.resize(keys_, false);
  }
  Status Step(const Value* a, size_t nargs, EvalContext&) override {
    if (nargs < 2 * keys_) return Status::OK();
    if (rows_ == 0) hypothetical_.assign(a, a + keys_);
    const int c = Compare(a + keys_);
    ++rows_;
    if (c < 0) {
      ++before_;
      if (rows_ == 1 || !SameKeys(a + keys_)) ++distinct_before_;
    } else if (c == 0) {
      ++peers_;
    }
    previous_.assign(a + keys_, a + 2 * keys_);
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    const int64_t rank = before_ + 1;
    switch (kind_) {
      case HypoKind::kRank:
        *out = Value::Int8(rank);
        break;
      case HypoKind::kDenseRank:
        *out = Value::Int8(distinct_before_ + 1);
        break;
      case HypoKind::kPercentRank:
        *out = Value::Float8(
            rows_ == 0 ? 0.0 : static_cast<double>(rank - 1) / static_cast<double>(rows_));
        break;
      case HypoKind::kCumeDist:
        *out = Value::Float8(static_cast<double>(before_ + peers_ + 1) /
                             static_cast<double>(rows_ + 1));
        break;
    }
    return Status::OK();
  }

 private:
  // Sign of (row - hypothetical row) in the sort order.
  int Compare(const Value* row) const {
    for (size_t k = 0; k < keys_; ++k) {
      const int c = CompareKey(row[k], hypothetical_[k], desc_[k], nulls_first_[k]);
      if (c != 0) return c;
    }
    return 0;
  }
  bool SameKeys(const Value* row) const {
    for (size_t k = 0; k < keys_; ++k) {
      if (CompareKey(row[k], previous_[k], desc_[k], nulls_first_[k]) != 0) return false;
    }
    return true;
  }

  HypoKind kind_;
  size_t keys_;
  std::vector<bool> desc_, nulls_first_;
  ValueVector hypothetical_, previous_;
  int64_t rows_ = 0, before_ = 0, distinct_before_ = 0, peers_ = 0;
};

template <bool kCont>
std::unique_ptr<AggregateState> MakePercentile(const ResolvedCall& c) {
  return std::make_unique<PercentileState>(kCont, c.result_type.oid);
}

std::unique_ptr<AggregateState> MakeMode(const ResolvedCall& c) {
  return std::make_unique<ModeState>(c.result_type.oid);
}

template <HypoKind kKind>
std::unique_ptr<AggregateState> MakeHypothetical(const ResolvedCall& c) {
  return std::make_unique<HypotheticalState>(kKind, c);
}

void OrderedAgg(FunctionRegistry& r, const char* name, AggregateKind kind,
                std::vector<TypeOid> args, size_t direct, TypeOid ret,
                std::unique_ptr<AggregateState> (*create)(const ResolvedCall&)) {
  AggregateOverload a;
  a.name = name;
  a.kind = kind;
  a.direct_args = direct;
  a.arg_types = std::move(args);
  a.return_type = ret;
  a.create = create;
  a.strict = false;  // NULL sort keys are skipped (or ranked) by the state
  r.RegisterAggregate(std::move(a));
}

}  // namespace

void RegisterOrderedSetAggregates(FunctionRegistry& r) {
  const AggregateKind os = AggregateKind::kOrderedSet, hy = AggregateKind::kHypothetical;
  const TypeOid f8 = ty::kFloat8, f8a = ty::kFloat8Array, iv = ty::kInterval;
  const TypeOid iva = ArrayTypeOf(ty::kInterval);
  OrderedAgg(r, "percentile_cont", os, {f8, f8}, 1, f8, MakePercentile<true>);
  OrderedAgg(r, "percentile_cont", os, {f8, iv}, 1, iv, MakePercentile<true>);
  OrderedAgg(r, "percentile_cont", os, {f8a, f8}, 1, f8a, MakePercentile<true>);
  OrderedAgg(r, "percentile_cont", os, {f8a, iv}, 1, iva, MakePercentile<true>);
  OrderedAgg(r, "percentile_disc", os, {f8, ty::kAnyElement}, 1, ty::kAnyElement,
             MakePercentile<false>);
  OrderedAgg(r, "percentile_disc", os, {f8a, ty::kAnyElement}, 1, ty::kAnyArray,
             MakePercentile<false>);
  OrderedAgg(r, "mode", os, {ty::kAnyElement}, 0, ty::kAnyElement, MakeMode);
  OrderedAgg(r, "rank", hy, {}, 0, ty::kInt8, MakeHypothetical<HypoKind::kRank>);
  OrderedAgg(r, "dense_rank", hy, {}, 0, ty::kInt8, MakeHypothetical<HypoKind::kDenseRank>);
  OrderedAgg(r, "percent_rank", hy, {}, 0, f8, MakeHypothetical<HypoKind::kPercentRank>);
  OrderedAgg(r, "cume_dist", hy, {}, 0, f8, MakeHypothetical<HypoKind::kCumeDist>);
}

}  // namespace nano::fn
