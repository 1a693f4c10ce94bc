// engine/function/builtins.h — internal helpers shared by the built-in
// function families (not for use outside engine/function/).
//
// Each Register* function adds one family to a registry; FunctionRegistry's
// constructor for Builtins() calls all of them once. Helpers here are pure and
// thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "function/registry.h"
#include "function/set_returning.h"
#include "types/format_context.h"
#include "types/numeric.h"
#include "types/value.h"

namespace nano::fn {

void RegisterOperators(FunctionRegistry& r);
void RegisterMath(FunctionRegistry& r);
void RegisterString(FunctionRegistry& r);
void RegisterDateTime(FunctionRegistry& r);
void RegisterFormatting(FunctionRegistry& r);  // to_char, to_date, to_timestamp
void RegisterArrays(FunctionRegistry& r);
void RegisterExtra(FunctionRegistry& r);  // timezone, overlay, similar_to_escape, sha*, ...
void RegisterMisc(FunctionRegistry& r);
void RegisterAggregates(FunctionRegistry& r);
void RegisterStatsAggregates(FunctionRegistry& r);       // regr_*, covar_*, corr, float8_*accum
void RegisterOrderedSetAggregates(FunctionRegistry& r);  // percentile_*, mode, hypothetical
void RegisterJson(FunctionRegistry& r);      // json/jsonb operators, functions, aggregates
void RegisterGeometry(FunctionRegistry& r);  // point, box, path, polygon, circle, lseg, line
void RegisterMoney(FunctionRegistry& r);
// pg_proc names of operator implementations and aggregate support functions
// (int4pl, textcat, int8inc, int4_avg_accum, ...): last, over the operators.
void RegisterOperatorProcs(FunctionRegistry& r);

// json/jsonb set-returning functions (jsonb_each, ...), see set_returning.h.
const std::vector<SetReturningFunction>& JsonSetReturningFunctions();
// regexp_matches, regexp_split_to_table, string_to_table.
const std::vector<SetReturningFunction>& StringSetReturningFunctions();
// Appends v as json.c's datum_to_json renders it (NULL as null).
Status AppendValueAsJson(const Value& v, const FormatContext& fmt, std::string* out);

// Shorthand for registering a scalar.
void Reg(FunctionRegistry& r, const char* name, std::vector<TypeOid> args, TypeOid ret, ScalarFn fn,
         Volatility vol = Volatility::kImmutable, bool strict = true, bool variadic = false);

// A non-strict variadic scalar that also accepts `VARIADIC array` calls
// (array_fn: the fixed arguments, then the array, possibly NULL).
void RegVariadic(FunctionRegistry& r, const char* name, std::vector<TypeOid> args, TypeOid ret,
                 ScalarFn fn, ScalarFn array_fn, Volatility vol);

// Runs `fn` on the fixed arguments a[0..nfixed) followed by the elements of
// the array a[nfixed] (the VARIADIC array form of a variadic function).
Status CallSpread(ScalarFn fn, const Value* a, size_t nfixed, EvalContext& ctx, Value* out);

// The session's FormatContext, or a static default (ISO, UTC).
const FormatContext& Fmt(const EvalContext& ctx);

// Numeric value of an int2/4/8, numeric, or float Value.
Status ToNumeric(const Value& v, Numeric* out);
inline Value NumericValue(const Numeric& n) { return Value::Numeric(n.ToString()); }
// Text of a string-like value (text/varchar/bpchar/name/unknown): the bytes.
inline const std::string& Str(const Value& v) { return v.str(); }

Status OutOfRange(const char* what);   // 22003 "<what> out of range"
Status DivisionByZero();               // 22012
Status InvalidParam(std::string msg);  // 22023

}  // namespace nano::fn
