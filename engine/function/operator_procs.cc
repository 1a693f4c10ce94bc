// engine/function/operator_procs.cc — PostgreSQL's named support
// functions that CREATE AGGREGATE and CREATE OPERATOR name: the functions
// behind operators (int4pl is `int4 + int4`, textcat is `text || text`,
// array_eq is `anyarray = anyarray`, ...), registered under their pg_proc
// names with the operator's implementation, plus the transition functions
// of count / sum / avg over integers and the larger / smaller pairs.
#include <string>
#include <vector>

#include "common/sqlstate.h"
#include "function/builtins.h"
#include "types/compare.h"
#include "types/numeric.h"
#include "types/type_info.h"

namespace nano::fn {
namespace {

namespace ty = type;

struct Alias {
  const char* proc;
  const char* op;
  TypeOid left, right;
};

// pg_proc names of operator implementations (pg_operator.oprcode).
constexpr Alias kAliases[] = {
    {"int2pl", "+", ty::kInt2, ty::kInt2},
    {"int4pl", "+", ty::kInt4, ty::kInt4},
    {"int8pl", "+", ty::kInt8, ty::kInt8},
    {"int24pl", "+", ty::kInt2, ty::kInt4},
    {"int42pl", "+", ty::kInt4, ty::kInt2},
    {"int48pl", "+", ty::kInt4, ty::kInt8},
    {"int84pl", "+", ty::kInt8, ty::kInt4},
    {"float4pl", "+", ty::kFloat4, ty::kFloat4},
    {"float8pl", "+", ty::kFloat8, ty::kFloat8},
    {"numeric_add", "+", ty::kNumeric, ty::kNumeric},
    {"int2mi", "-", ty::kInt2, ty::kInt2},
    {"int4mi", "-", ty::kInt4, ty::kInt4},
    {"int8mi", "-", ty::kInt8, ty::kInt8},
    {"float4mi", "-", ty::kFloat4, ty::kFloat4},
    {"float8mi", "-", ty::kFloat8, ty::kFloat8},
    {"numeric_sub", "-", ty::kNumeric, ty::kNumeric},
    {"int2mul", "*", ty::kInt2, ty::kInt2},
    {"int4mul", "*", ty::kInt4, ty::kInt4},
    {"int8mul", "*", ty::kInt8, ty::kInt8},
    {"float4mul", "*", ty::kFloat4, ty::kFloat4},
    {"float8mul", "*", ty::kFloat8, ty::kFloat8},
    {"numeric_mul", "*", ty::kNumeric, ty::kNumeric},
    {"int4div", "/", ty::kInt4, ty::kInt4},
    {"int8div", "/", ty::kInt8, ty::kInt8},
    {"float8div", "/", ty::kFloat8, ty::kFloat8},
    {"numeric_div", "/", ty::kNumeric, ty::kNumeric},
    {"textcat", "||", ty::kText, ty::kText},
    {"array_eq", "=", ty::kAnyArray, ty::kAnyArray},
    {"array_ne", "<>", ty::kAnyArray, ty::kAnyArray},
    {"int4eq", "=", ty::kInt4, ty::kInt4},
    {"int4ne", "<>", ty::kInt4, ty::kInt4},
    {"int4lt", "<", ty::kInt4, ty::kInt4},
    {"int4le", "<=", ty::kInt4, ty::kInt4},
    {"int4gt", ">", ty::kInt4, ty::kInt4},
    {"int4ge", ">=", ty::kInt4, ty::kInt4},
    {"int8eq", "=", ty::kInt8, ty::kInt8},
    {"int8lt", "<", ty::kInt8, ty::kInt8},
    {"int8gt", ">", ty::kInt8, ty::kInt8},
    {"texteq", "=", ty::kText, ty::kText},
    {"textne", "<>", ty::kText, ty::kText},
    {"text_lt", "<", ty::kText, ty::kText},
    {"text_gt", ">", ty::kText, ty::kText},
    {"text_pattern_lt", "~<~", ty::kText, ty::kText},
    {"text_pattern_gt", "~>~", ty::kText, ty::kText},
    {"float8eq", "=", ty::kFloat8, ty::kFloat8},
    {"float8lt", "<", ty::kFloat8, ty::kFloat8},
    {"float8gt", ">", ty::kFloat8, ty::kFloat8},
    {"numeric_eq", "=", ty::kNumeric, ty::kNumeric},
    {"numeric_lt", "<", ty::kNumeric, ty::kNumeric},
    {"numeric_gt", ">", ty::kNumeric, ty::kNumeric},
    {"booleq", "=", ty::kBool, ty::kBool},
};

// int8inc(count), int8inc_any(count, x): count + 1.
Status Int8Inc(const Value* a, size_t, EvalContext&, Value* out) {
  if (a[0].int_value() == INT64_MAX) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "bigint out of range");
  }
  *out = Value::Int8(a[0].int_value() + 1);
  return Status::OK();
}

// int2_sum / int4_sum(int8 state, x): not strict, a NULL state takes x.
Status IntSum(const Value* a, size_t, EvalContext&, Value* out) {
  if (a[0].is_null()) {
    *out = a[1].is_null() ? Value::Null(ty::kInt8) : Value::Int8(a[1].int_value());
    return Status::OK();
  }
  if (a[1].is_null()) {
    *out = a[0];
    return Status::OK();
  }
  int64_t r = 0;
  if (__builtin_add_overflow(a[0].int_value(), a[1].int_value(), &r)) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "bigint out of range");
  }
  *out = Value::Int8(r);
  return Status::OK();
}

// int2_avg_accum / int4_avg_accum(int8[] {count, sum}, x): {count + 1, sum + x}.
Status IntAvgAccum(const Value* a, size_t, EvalContext&, Value* out) {
  const ArrayData& st = a[0].array();
  if (st.elements.size() != 2 || st.elements[0].is_null() || st.elements[1].is_null()) {
    return Status::Error(sqlstate::kArraySubscriptError, "expected 2-element int8 array");
  }
  auto data = std::make_shared<ArrayData>();
  data->dims = {2};
  data->lower_bounds = {1};
  data->elements.push_back(Value::Int8(st.elements[0].int_value() + 1));
  data->elements.push_back(Value::Int8(st.elements[1].int_value() + a[1].int_value()));
  *out = Value::Array(ty::kInt8Array, std::move(data));
  return Status::OK();
}

// int8_avg(int8[] {count, sum}): sum / count as numeric, NULL for no rows.
Status Int8Avg(const Value* a, size_t, EvalContext&, Value* out) {
  const ArrayData& st = a[0].array();
  if (st.elements.size() != 2 || st.elements[0].is_null() || st.elements[1].is_null()) {
    return Status::Error(sqlstate::kArraySubscriptError, "expected 2-element int8 array");
  }
  if (st.elements[0].int_value() == 0) {
    *out = Value::Null(ty::kNumeric);
    return Status::OK();
  }
  Numeric avg;
  NANO_RETURN_IF_ERROR(Numeric::FromInt64(st.elements[1].int_value())
                           .Div(Numeric::FromInt64(st.elements[0].int_value()), &avg));
  *out = NumericValue(avg);
  return Status::OK();
}

template <bool kLarger>
Status Pick(const Value* a, size_t, EvalContext&, Value* out) {
  const int c = CompareValues(a[0], a[1]);
  *out = (kLarger ? c >= 0 : c <= 0) ? a[0] : a[1];
  return Status::OK();
}

// The C-level support functions of built-in aggregates over transition
// type internal: CREATE AGGREGATE may name them (its aggregate then runs as
// the built-in one, see engine/binder/bind_user_aggregate.cc), but no SQL
// value has type internal, so a direct call cannot happen; if one did, it
// is refused.
Status InternalOnly(const Value*, size_t, EvalContext&, Value*) {
  return Status::Error(sqlstate::kFeatureNotSupported,
                       "aggregate support functions over type internal cannot be called directly");
}

struct InternalProc {
  const char* name;
  std::vector<TypeOid> args;
  TypeOid ret;
  bool variadic;
};

}  // namespace

void RegisterOperatorProcs(FunctionRegistry& r) {
  const InternalProc internal_procs[] = {
      {"numeric_avg_accum", {ty::kInternal, ty::kNumeric}, ty::kInternal, false},
      {"numeric_avg", {ty::kInternal}, ty::kNumeric, false},
      {"numeric_sum", {ty::kInternal}, ty::kNumeric, false},
      {"numeric_avg_combine", {ty::kInternal, ty::kInternal}, ty::kInternal, false},
      {"numeric_avg_serialize", {ty::kInternal}, ty::kBytea, false},
      {"numeric_avg_deserialize", {ty::kBytea, ty::kInternal}, ty::kInternal, false},
      {"ordered_set_transition", {ty::kInternal, ty::kAny}, ty::kInternal, false},
      {"ordered_set_transition_multi", {ty::kInternal, ty::kAny}, ty::kInternal, true},
      {"percentile_disc_final",
       {ty::kInternal, ty::kFloat8, ty::kAnyElement},
       ty::kAnyElement,
       false},
      {"percentile_cont_float8_final", {ty::kInternal, ty::kFloat8}, ty::kFloat8, false},
      {"mode_final", {ty::kInternal, ty::kAnyElement}, ty::kAnyElement, false},
      {"rank_final", {ty::kInternal, ty::kAny}, ty::kInt8, true},
      {"dense_rank_final", {ty::kInternal, ty::kAny}, ty::kInt8, true},
      {"percent_rank_final", {ty::kInternal, ty::kAny}, ty::kFloat8, true},
      {"cume_dist_final", {ty::kInternal, ty::kAny}, ty::kFloat8, true},
  };
  for (const InternalProc& p : internal_procs) {
    Reg(r, p.name, p.args, p.ret, InternalOnly, Volatility::kImmutable, false, p.variadic);
  }
  const std::vector<const ScalarOverload*> all = r.AllScalars();
  for (const Alias& alias : kAliases) {
    for (const ScalarOverload* o : all) {
      if (o->name != alias.op || o->arg_types.size() != 2 || o->arg_types[0] != alias.left ||
          o->arg_types[1] != alias.right) {
        continue;
      }
      ScalarOverload copy = *o;
      copy.name = alias.proc;
      copy.oid = 0;
      copy.variadic_array_fn = nullptr;
      r.Register(std::move(copy));
      break;
    }
  }
  Reg(r, "int8inc", {ty::kInt8}, ty::kInt8, Int8Inc);
  Reg(r, "int8inc_any", {ty::kInt8, ty::kAny}, ty::kInt8, Int8Inc);
  Reg(r, "int2_sum", {ty::kInt8, ty::kInt2}, ty::kInt8, IntSum, Volatility::kImmutable, false);
  Reg(r, "int4_sum", {ty::kInt8, ty::kInt4}, ty::kInt8, IntSum, Volatility::kImmutable, false);
  Reg(r, "int2_avg_accum", {ty::kInt8Array, ty::kInt2}, ty::kInt8Array, IntAvgAccum);
  Reg(r, "int4_avg_accum", {ty::kInt8Array, ty::kInt4}, ty::kInt8Array, IntAvgAccum);
  Reg(r, "int8_avg", {ty::kInt8Array}, ty::kNumeric, Int8Avg);
  const TypeOid ordered_types[] = {ty::kInt2,   ty::kInt4,    ty::kInt8, ty::kFloat4,
                                   ty::kFloat8, ty::kNumeric, ty::kText, ty::kDate};
  const char* name_prefixes[] = {"int2",   "int4",     "int8",  "float4",
                                 "float8", "numeric_", "text_", "date_"};
  for (size_t i = 0; i < sizeof(ordered_types) / sizeof(ordered_types[0]); ++i) {
    const TypeOid t = ordered_types[i];
    const std::string base = name_prefixes[i];
    Reg(r, (base + "larger").c_str(), {t, t}, t, Pick<true>);
    Reg(r, (base + "smaller").c_str(), {t, t}, t, Pick<false>);
  }
}

}  // namespace nano::fn

namespace nano {

std::string_view BuiltinAggregateOver(std::string_view transfn, std::string_view finalfn) {
  struct Pair {
    std::string_view trans, final, aggregate;
  };
  static constexpr Pair kPairs[] = {
      {"numeric_avg_accum", "numeric_avg", "avg"},
      {"numeric_avg_accum", "numeric_sum", "sum"},
      {"ordered_set_transition", "percentile_disc_final", "percentile_disc"},
      {"ordered_set_transition", "percentile_cont_float8_final", "percentile_cont"},
      {"ordered_set_transition", "mode_final", "mode"},
      {"ordered_set_transition_multi", "rank_final", "rank"},
      {"ordered_set_transition_multi", "dense_rank_final", "dense_rank"},
      {"ordered_set_transition_multi", "percent_rank_final", "percent_rank"},
      {"ordered_set_transition_multi", "cume_dist_final", "cume_dist"},
  };
  for (const Pair& p : kPairs) {
    if (p.trans == transfn && p.final == finalfn) return p.aggregate;
  }
  return {};
}

}  // namespace nano
