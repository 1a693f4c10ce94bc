// engine/function/function_test.cc — table-driven tests of the built-in
// functions, operators and aggregates, used through the registry exactly as
// the binder does: resolve by name and argument types, cast arguments to the
// resolved types, evaluate, and compare FormatText output and the result type
// with PostgreSQL 15's (expected strings in pg_cases.inc were produced by a
// real PostgreSQL 15 server with gen_pg_cases.py).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "function/registry.h"
#include "types/cast.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano {
namespace {

struct Arg {
  const char* text;  // nullptr = NULL
  TypeOid type;
};

enum Kind { kOp, kPrefix, kFn, kAgg };

struct Case {
  Kind kind;
  const char* name;
  // kAgg: the rows, agg_arity values per row; agg_arity 0 = count(*) (one row
  // per arg); agg_arity -1 = no rows, args[0] only gives the column type.
  std::vector<Arg> args;
  const char* type;      // expected result type (format_type), "" for errors
  const char* expected;  // output text, "NULL", or "ERROR <sqlstate>: <message>"
  int agg_arity = 1;
};

std::string ErrorText(const Status& s) {
  return "ERROR " + std::string(s.sqlstate()) + ": " + std::string(s.message());
}

Status MakeArg(const Arg& a, const FormatContext& fmt, Value* out) {
  if (a.text == nullptr) {
    *out = Value::Null(a.type);
    return Status::OK();
  }
  if (a.type == type::kUnknown) {
    *out = Value::Unknown(a.text);
    return Status::OK();
  }
  return ParseText(a.text, TypeRef{a.type, -1}, fmt, out);
}

Status CastTo(const Value& v, TypeRef t, const FormatContext& fmt, Value* out) {
  if (v.type() == t.oid || t.oid == type::kAny) {
    *out = v;
    return Status::OK();
  }
  if (v.is_null()) {
    *out = Value::Null(t.oid);
    return Status::OK();
  }
  return CastValue(v, t, CoercionContext::kImplicit, fmt, out);
}

std::string Show(const Value& v, const FormatContext& fmt) {
  if (v.is_null()) return "NULL";
  // pg_typeof's regtype result carries the type name in str() (see misc_functions.cc).
  if (v.type() == type::kRegType && !v.str().empty()) return v.str();
  return ValueToString(v, fmt);
}

// The expected types come from pg_typeof(), i.e. regtypeout's spelling.
std::string RegTypeName(TypeRef t) {
  if (t.oid == type::kBpChar) return "character";
  return FormatType(TypeRef{t.oid, -1});
}

class FunctionTest : public ::testing::Test {
 protected:
  FunctionTest() : rng_(42) {
    ctx_.format = &fmt_;
    ctx_.random = &rng_;
    ctx_.transaction_start_us = 784111777000000;  // 2024-11-05 08:49:37 UTC
    ctx_.statement_start_us = ctx_.transaction_start_us;
  }

  // Runs one case; returns "<type>|<output>" or "ERROR ...".
  std::string Run(const Case& c) {
    const FunctionRegistry& reg = FunctionRegistry::Builtins();
    std::vector<TypeOid> types;
    std::vector<Value> values;
    size_t ncols = c.kind != kAgg    ? c.args.size()
                   : c.agg_arity < 0 ? 1
                                     : static_cast<size_t>(c.agg_arity);
    for (size_t i = 0; i < ncols; ++i) types.push_back(c.args[i].type);
    for (const Arg& a : c.args) {
      Value v;
      Status st = MakeArg(a, fmt_, &v);
      if (!st.ok()) return "setup " + ErrorText(st);
      values.push_back(std::move(v));
    }
    if (c.kind == kAgg) return RunAgg(c, types, values);
    ResolvedCall call;
    Status st = c.kind == kFn       ? reg.ResolveFunction(c.name, types, &call)
                : c.kind == kPrefix ? reg.ResolveOperator(c.name, 0, types[0], &call)
                                    : reg.ResolveOperator(c.name, types[0], types[1], &call);
    if (!st.ok()) return ErrorText(st);
    std::vector<Value> cast(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      st = CastTo(values[i], call.arg_types[i], fmt_, &cast[i]);
      if (!st.ok()) return ErrorText(st);
    }
    Value out;
    st = CallScalar(call, cast.data(), cast.size(), ctx_, &out);
    if (!st.ok()) return ErrorText(st);
    return RegTypeName(call.result_type) + "|" + Show(out, fmt_);
  }

  std::string RunAgg(const Case& c, const std::vector<TypeOid>& types, std::vector<Value>& values) {
    ResolvedAggregate agg;
    Status st = FunctionRegistry::Builtins().ResolveAggregate(c.name, types, &agg);
    if (!st.ok()) return ErrorText(st);
    ResolvedCall call;
    call.arg_types = agg.arg_types;
    call.result_type = agg.result_type;
    std::unique_ptr<AggregateState> state = agg.overload->create(call);
    if (c.agg_arity < 0) values.clear();  // type hint only: no rows
    size_t arity = c.agg_arity < 0 ? 1 : static_cast<size_t>(c.agg_arity);
    for (size_t row = 0; c.agg_arity != 0 && row + arity <= values.size(); row += arity) {
      std::vector<Value> args(arity);
      bool has_null = false;
      for (size_t i = 0; i < arity; ++i) {
        st = CastTo(values[row + i], agg.arg_types[i], fmt_, &args[i]);
        if (!st.ok()) return ErrorText(st);
        has_null |= args[i].is_null();
      }
      if (has_null && agg.overload->strict) continue;
      st = state->Step(args.data(), arity, ctx_);
      if (!st.ok()) return ErrorText(st);
    }
    if (c.agg_arity == 0) {
      for (size_t i = 0; i < values.size(); ++i) {
        st = state->Step(nullptr, 0, ctx_);
        if (!st.ok()) return ErrorText(st);
      }
    }
    Value out;
    st = state->Final(ctx_, &out);
    if (!st.ok()) return ErrorText(st);
    return RegTypeName(agg.result_type) + "|" + Show(out, fmt_);
  }

  void RunAll(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
      std::string want = std::string(c.expected).rfind("ERROR", 0) == 0
                             ? std::string(c.expected)
                             : std::string(c.type) + "|" + c.expected;
      std::string desc = c.name;
      for (const Arg& a : c.args) desc += std::string(" ") + (a.text ? a.text : "NULL");
      EXPECT_EQ(Run(c), want) << desc;
    }
  }

  FormatContext fmt_;
  std::mt19937_64 rng_;
  EvalContext ctx_;
};

constexpr TypeOid kU = type::kUnknown, kI2 = type::kInt2, kI4 = type::kInt4, kI8 = type::kInt8,
                  kF4 = type::kFloat4, kF8 = type::kFloat8, kN = type::kNumeric, kT = type::kText,
                  kV = type::kVarChar, kC = type::kBpChar, kB = type::kBool, kD = type::kDate,
                  kTm = type::kTime, kTs = type::kTimestamp, kTz = type::kTimestampTz,
                  kIv = type::kInterval, kBy = type::kBytea, kI4A = type::kInt4Array,
                  kTA = type::kTextArray;

#include "function/pg_cases.inc"

}  // namespace
}  // namespace nano
