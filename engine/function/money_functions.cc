// engine/function/money_functions.cc — money arithmetic (cash.c, PostgreSQL
// 15: 22003 "money out of range" on overflow, * and / by floats round with
// rint, / by integers truncates), cashlarger/cashsmaller and sum(money).
#include <cctype>
#include <cmath>
#include <string>

#include "function/builtins.h"
#include "types/money.h"

namespace nano::fn {
namespace {

namespace ty = type;

Status MoneyRange() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "money out of range");
}

// rint(double) -> Cash; NaN and values outside int64 are out of range.
Status CashFromDouble(double d, int64_t* out) {
  d = std::rint(d);
  if (std::isnan(d) || !(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
    return MoneyRange();
  }
  *out = static_cast<int64_t>(d);
  return Status::OK();
}

Status Money(int64_t c, Value* out) {
  *out = MakeMoney(c);
  return Status::OK();
}

Status CashPl(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t r = 0;
  if (__builtin_add_overflow(a[0].int_value(), a[1].int_value(), &r)) return MoneyRange();
  return Money(r, out);
}
Status CashMi(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t r = 0;
  if (__builtin_sub_overflow(a[0].int_value(), a[1].int_value(), &r)) return MoneyRange();
  return Money(r, out);
}

// money * number and number * money; kMoneyFirst tells which side is money.
template <bool kMoneyFirst>
Status CashMul(const Value* a, size_t, EvalContext&, Value* out) {
  const Value& c = a[kMoneyFirst ? 0 : 1];
  const Value& f = a[kMoneyFirst ? 1 : 0];
  int64_t r = 0;
  if (f.type() == ty::kFloat4 || f.type() == ty::kFloat8) {
    NANO_RETURN_IF_ERROR(CashFromDouble(static_cast<double>(c.int_value()) * f.float_value(), &r));
    return Money(r, out);
  }
  if (__builtin_mul_overflow(c.int_value(), f.int_value(), &r)) return MoneyRange();
  return Money(r, out);
}

Status CashDiv(const Value* a, size_t, EvalContext&, Value* out) {
  const int64_t c = a[0].int_value();
  const Value& d = a[1];
  int64_t r = 0;
  if (d.type() == ty::kFloat4 || d.type() == ty::kFloat8) {
    if (d.float_value() == 0.0) return DivisionByZero();
    NANO_RETURN_IF_ERROR(CashFromDouble(static_cast<double>(c) / d.float_value(), &r));
    return Money(r, out);
  }
  if (d.int_value() == 0) return DivisionByZero();
  if (d.int_value() == -1 && c == INT64_MIN) {
    // PostgreSQL traps the SIGFPE of this division.
    return Status::Error("22P01", "floating-point exception");
  }
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

// num_word: 0..999 in English words, as cash.c spells them.
std::string NumWord(int64_t value) {
  static constexpr const char* kSmall[] = {
      "zero",     "one",     "two",     "three",     "four",     "five",     "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
      "thirty",   "forty",   "fifty",   "sixty",     "seventy",  "eighty",   "ninety"};
  const char* const* big = kSmall + 18;
  const int64_t tu = value % 100;
  if (value <= 20) return kSmall[value];
  if (tu == 0) return std::string(kSmall[value / 100]) + " hundred";
  std::string r;
  if (value > 99) r = std::string(kSmall[value / 100]) + " hundred ";
  if (value % 10 == 0 && tu > 10) return r + big[tu / 10];
  if (tu < 20) return value > 99 ? r + "and " + kSmall[tu] : r + kSmall[tu];
  return r + big[tu / 10] + " " + kSmall[tu % 10];
}

// cash_words.
Status CashWords(const Value* a, size_t, EvalContext&, Value* out) {
  const int64_t value = a[0].int_value();
  std::string buf = value < 0 ? "minus " : "";
  const size_t start = buf.size();
  const uint64_t val = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  static constexpr struct {
    uint64_t div;
    const char* name;
  } kGroups[] = {{100000000000000000ULL, " quadrillion "},
                 {100000000000000ULL, " trillion "},
                 {100000000000ULL, " billion "},
                 {100000000ULL, " million "},
                 {100000ULL, " thousand "}};
  for (const auto& g : kGroups) {
    const uint64_t m = (val / g.div) % 1000;
    if (m != 0) buf += NumWord(static_cast<int64_t>(m)) + g.name;
  }
  const uint64_t hundreds = (val / 100) % 1000;
  if (hundreds != 0) buf += NumWord(static_cast<int64_t>(hundreds));
  if (buf.size() == start) buf += "zero";
  buf += val / 100 == 1 ? " dollar and " : " dollars and ";
  const uint64_t cents = val % 100;
  buf += NumWord(static_cast<int64_t>(cents));
  buf += cents == 1 ? " cent" : " cents";
  buf[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(buf[0])));
  *out = Value::Text(std::move(buf));
  return Status::OK();
}

// sum(money): int64 accumulation, 22003 on overflow like cash_pl.
class MoneySumState : public AggregateState {
 public:
  Status Step(const Value* args, size_t, EvalContext&) override {
    if (args[0].is_null()) return Status::OK();
    if (__builtin_add_overflow(sum_, args[0].int_value(), &sum_)) return MoneyRange();
    seen_ = true;
    return Status::OK();
  }
  Status Final(EvalContext&, Value* out) override {
    *out = seen_ ? MakeMoney(sum_) : Value::Null(ty::kMoney);
    return Status::OK();
  }

 private:
  int64_t sum_ = 0;
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
  Reg(r, "cash_words", {m}, ty::kText, CashWords);
  AggregateOverload sum;
  sum.name = "sum";
  sum.arg_types = {m};
  sum.return_type = m;
  sum.create = MakeMoneySum;
  r.RegisterAggregate(std::move(sum));
}

}  // namespace nano::fn
