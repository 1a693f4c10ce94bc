// engine/function/money_functions.cc — money arithmetic (cash.c, PostgreSQL
// 15: + and - wrap like its int64 arithmetic, * and / by floats round with
// rint, / by integers truncates), cashlarger/cashsmaller and sum(money).
#include <cmath>

#include "function/builtins.h"
#include "types/money.h"

namespace nano::fn {
namespace {

namespace ty = type;

int64_t Wrap(uint64_t u) { return static_cast<int64_t>(u); }

// rint(double) -> Cash, saturating where C would be undefined.
int64_t CashFromDouble(double d) {
  d = std::rint(d);
  if (std::isnan(d)) return INT64_MIN;
  if (d >= 9223372036854775807.0) return INT64_MAX;
  if (d <= -9223372036854775808.0) return INT64_MIN;
  return static_cast<int64_t>(d);
}

Status Money(int64_t c, Value* out) {
  *out = MakeMoney(c);
  return Status::OK();
}

Status CashPl(const Value* a, size_t, EvalContext&, Value* out) {
  return Money(
      Wrap(static_cast<uint64_t>(a[0].int_value()) + static_cast<uint64_t>(a[1].int_value())), out);
}
Status CashMi(const Value* a, size_t, EvalContext&, Value* out) {
  return Money(
      Wrap(static_cast<uint64_t>(a[0].int_value()) - static_cast<uint64_t>(a[1].int_value())), out);
}

// money * number and number * money; kMoneyFirst tells which side is money.
template <bool kMoneyFirst>
Status CashMul(const Value* a, size_t, EvalContext&, Value* out) {
  const Value& c = a[kMoneyFirst ? 0 : 1];
  const Value& f = a[kMoneyFirst ? 1 : 0];
  if (f.type() == ty::kFloat4 || f.type() == ty::kFloat8) {
    return Money(CashFromDouble(static_cast<double>(c.int_value()) * f.float_value()), out);
  }
  return Money(Wrap(static_cast<uint64_t>(c.int_value()) * static_cast<uint64_t>(f.int_value())),
               out);
}

Status CashDiv(const Value* a, size_t, EvalContext&, Value* out) {
  const int64_t c = a[0].int_value();
  const Value& d = a[1];
  if (d.type() == ty::kFloat4 || d.type() == ty::kFloat8) {
    if (d.float_value() == 0.0) return DivisionByZero();
    return Money(CashFromDouble(static_cast<double>(c) / d.float_value()), out);
  }
  if (d.int_value() == 0) return DivisionByZero();
  if (d.int_value() == -1) return Money(Wrap(0 - static_cast<uint64_t>(c)), out);
  return Money(c / d.int_value(), out);
}

Status CashDivCash(const Value* a, size_t, EvalContext&, Value* out) {
  if (a[1].int_value() == 0) return DivisionByZero();
  *out =
      Value::Float8(static_cast<double>(a[0].int_value()) / static_cast<double>(a[1].int_value()));
  return Status::OK();
}

template <bool kLarger>
Status CashPick(const Value* a, size_t, EvalContext&, Value* out) {
  const int64_t x = a[0].int_value(), y = a[1].int_value();
  return Money(kLarger ? (x > y ? x : y) : (x < y ? x : y), out);
}

// sum(money): int64 accumulation, wrapping like cash_pl.
class MoneySumState : public AggregateState {
 public:
  Status Step(const Value* args, size_t, EvalContext&) override {
    if (args[0].is_null()) return Status::OK();
    sum_ += static_cast<uint64_t>(args[0].int_value());
    seen_ = true;
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    *out = seen_ ? MakeMoney(Wrap(sum_)) : Value::Null(ty::kMoney);
    return Status::OK();
  }

 private:
  uint64_t sum_ = 0;
  bool seen_ = false;
};

std::unique_ptr<AggregateState> MakeMoneySum(const ResolvedCall&) {
  return std::make_unique<MoneySumState>();
}

}  // namespace

void RegisterMoney(FunctionRegistry& r) {
  const TypeOid m = ty::kMoney;
  Reg(r, "+", {m, m}, m, CashPl);
  Reg(r, "-", {m, m}, m, CashMi);
  for (TypeOid t : {ty::kFloat8, ty::kFloat4, ty::kInt8, ty::kInt4, ty::kInt2}) {
    Reg(r, "*", {m, t}, m, CashMul<true>);
    Reg(r, "*", {t, m}, m, CashMul<false>);
    Reg(r, "/", {m, t}, m, CashDiv);
  }
  Reg(r, "/", {m, m}, ty::kFloat8, CashDivCash);
  Reg(r, "cashlarger", {m, m}, m, CashPick<true>);
  Reg(r, "cashsmaller", {m, m}, m, CashPick<false>);
  AggregateOverload sum;
  sum.name = "sum";
  sum.arg_types = {m};
  sum.return_type = m;
  sum.create = MakeMoneySum;
  r.RegisterAggregate(std::move(sum));
}

}  // namespace nano::fn
