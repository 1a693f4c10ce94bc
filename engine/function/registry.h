// engine/function/registry.h — the catalog of built-in scalar functions,
// operators and aggregates, and PostgreSQL's overload resolution rules.
//
// Contract:
//   * FunctionRegistry::Builtins() is a process-wide registry filled with the
//     built-ins on first use. Register()/RegisterAggregate() may be called only
//     during engine start-up, before any concurrent reads; after that the
//     registry is immutable and all const methods are thread-safe (successful
//     resolutions are memoised in an internal, lock-protected cache).
//   * Overload pointers returned in ResolvedCall / ResolvedAggregate / All*()
//     stay valid for the life of the process.
//   * Resolution follows PostgreSQL's func_select_candidate /
//     oper_select_candidate: exact match, then implicit coercion (types/cast.h
//     CanCoerce(kImplicit)), unknown literals (type::kUnknown) take the
//     candidate's type, preferred types within a category win, polymorphic
//     (anyelement/anyarray/anynonarray/any) matching.
//     The binder must cast each argument to ResolvedCall::arg_types[i] before
//     calling overload->fn (for variadic overloads arg_types has one entry per
//     actual argument).
//   * Errors: 42883 `function foo(integer) does not exist` / `operator does not
//     exist: integer + text` with PostgreSQL's HINT; 42725 `function foo(unknown)
//     is not unique` / `operator is not unique: ...`.
//   * ScalarFn is called with non-NULL args when the overload is strict (the
//     caller checks); it writes *out (possibly a NULL Value) or returns an
//     error Status with PostgreSQL's SQLSTATE. Never throws.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "function/eval_context.h"
#include "types/type_id.h"
#include "types/value.h"

namespace nano {

using ScalarFn = Status (*)(const Value* args, size_t nargs, EvalContext& ctx, Value* out);

enum class Volatility { kImmutable, kStable, kVolatile };

struct ScalarOverload {
  std::string name;                // lower case; operators by symbol: "+", "||", "~~" (LIKE) ...
  std::vector<TypeOid> arg_types;  // may use type::kAnyElement, kAnyArray, kAnyNonArray, kAny
  TypeOid return_type = type::kInvalid;  // may be polymorphic: resolved from args
  ScalarFn fn = nullptr;
  bool strict = true;  // NULL in any arg -> NULL out without calling fn
  Volatility volatility = Volatility::kImmutable;
  bool variadic = false;  // last arg_type is the element type, repeated
  // For variadic overloads: the implementation of a call that passes the
  // variadic arguments as one array (`f(x, VARIADIC arr)`). It gets the fixed
  // arguments followed by the array, which may be NULL (each function decides
  // what that means, as in PostgreSQL). nullptr: such calls are not supported.
  ScalarFn variadic_array_fn = nullptr;
  uint32_t oid = 0;  // stable pg_proc-like oid (>= 100000 when assigned)
};

// Result of resolving a call: the overload, the type each argument must be
// cast to before the call (the binder inserts the casts), and the concrete
// result type.
struct ResolvedCall {
  const ScalarOverload* overload = nullptr;
  std::vector<TypeRef> arg_types;
  TypeRef result_type;
  // Ordered-set aggregates only: the first `direct_args` arguments are the
  // direct (per-group) arguments, the rest the WITHIN GROUP sort keys, whose
  // directions are within_desc / within_nulls_first (one per key). The
  // executor feeds the rows sorted by those keys.
  size_t direct_args = 0;
  std::vector<bool> within_desc;
  std::vector<bool> within_nulls_first;
};

class AggregateState {  // one group's running state
 public:
  virtual ~AggregateState() = default;
  // NULL inputs are skipped by the caller if the aggregate is strict.
  virtual Status Step(const Value* args, size_t nargs, EvalContext& ctx) = 0;
  // May be called more than once (window use); does not consume the state.
  virtual Status Final(EvalContext& ctx, Value* out) = 0;
};

// kOrderedSet: f(direct args) WITHIN GROUP (ORDER BY sort args), arg_types
// lists both; kHypothetical: rank/dense_rank/percent_rank/cume_dist(args)
// WITHIN GROUP (ORDER BY as many keys), variadic "any" (the binder unifies each
// direct argument with its key and arg_types is empty).
enum class AggregateKind { kNormal, kOrderedSet, kHypothetical };

struct AggregateOverload {
  std::string name;
  AggregateKind kind = AggregateKind::kNormal;
  size_t direct_args = 0;  // kOrderedSet: leading arg_types that are direct
  std::vector<TypeOid> arg_types;
  TypeOid return_type = type::kInvalid;
  bool strict = true;
  // Creates a fresh state; `call` gives the resolved arg/result types.
  std::unique_ptr<AggregateState> (*create)(const ResolvedCall& call) = nullptr;
  uint32_t oid = 0;
};

struct ResolvedAggregate {
  const AggregateOverload* overload = nullptr;
  std::vector<TypeRef> arg_types;
  TypeRef result_type;
};

class FunctionRegistry {
 public:
  FunctionRegistry();
  ~FunctionRegistry();
  FunctionRegistry(const FunctionRegistry&) = delete;
  FunctionRegistry& operator=(const FunctionRegistry&) = delete;

  // Process-wide, filled with the built-ins on first use.
  static FunctionRegistry& Builtins();

  void Register(ScalarOverload f);
  void RegisterAggregate(AggregateOverload a);

  // variadic_array: the call ends in `VARIADIC arr` (arg_types.back() is an
  // array type): only variadic overloads whose variadic parameter takes the
  // array's elements match, and the result's overload calls their
  // variadic_array_fn with the array as the last argument.
  Status ResolveFunction(std::string_view name, const std::vector<TypeOid>& arg_types,
                         ResolvedCall* out, bool variadic_array = false) const;
  // Binary: left and right; prefix operators: left = 0 (type::kInvalid).
  Status ResolveOperator(std::string_view op, TypeOid left, TypeOid right, ResolvedCall* out) const;
  Status ResolveAggregate(std::string_view name, const std::vector<TypeOid>& arg_types,
                          ResolvedAggregate* out) const;
  bool IsAggregateName(std::string_view name) const;
  // The kind of the aggregates named `name` (kNormal when there are none).
  AggregateKind AggregateKindOf(std::string_view name) const;
  bool IsFunctionName(std::string_view name) const;

  // For pg_proc / psql \df: every registered overload.
  std::vector<const ScalarOverload*> AllScalars() const;
  std::vector<const AggregateOverload*> AllAggregates() const;

 private:
  Status ResolveVariadicArray(std::string_view name, const std::vector<TypeOid>& arg_types,
                              ResolvedCall* out) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The built-in aggregate whose C-level support functions (transition type
// internal) `transfn` and `finalfn` are, e.g. numeric_avg_accum +
// numeric_avg -> "avg", ordered_set_transition + percentile_disc_final ->
// "percentile_disc"; empty when they are not such a pair. A user aggregate
// over them (CREATE AGGREGATE ... STYPE = internal) runs as that built-in.
std::string_view BuiltinAggregateOver(std::string_view transfn, std::string_view finalfn);

// Convenience for the executor: calls a resolved scalar with strictness
// handled (NULL in any argument of a strict overload -> NULL of result type).
Status CallScalar(const ResolvedCall& call, const Value* args, size_t nargs, EvalContext& ctx,
                  Value* out);

}  // namespace nano
