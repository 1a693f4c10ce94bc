// engine/plpgsql/routine.h — running user-defined functions.
//
// The executor reaches user functions through ExecContext::routines (a
// RoutineRunner). This module implements it:
//   * LANGUAGE sql: the body's statements are parsed and bound once per
//     statement execution (cached in ExecContext::routine_cache) with the
//     arguments as parameters ($n and by name), then run in order in the
//     caller's transaction; the last one gives the result.
//   * LANGUAGE plpgsql: the body is parsed by PostgreSQL's own PL/pgSQL
//     grammar (libpg_query's pg_query_parse_plpgsql, as JSON) and
//     interpreted (plpgsql.cc); every expression and SQL statement in it is
//     bound like a SQL function body, with the variables as parameters.
// Calls nest up to kMaxRoutineDepth (then 54001, as PostgreSQL's
// max_stack_depth).
//
// Thread safety: the runner is stateless; all state lives in the
// ExecContext of the running statement.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "binder/bound.h"
#include "executor/exec_context.h"
#include "parser/ast.h"

namespace nano {

inline constexpr int kMaxRoutineDepth = 100;

// The process-wide runner (stateless).
RoutineRunner* DefaultRoutineRunner();

namespace routine_internal {

// A statement bound against the caller's catalog with `param_names` /
// `param_types` as parameters.
// `trigger`: a trigger function's firing, whose transition tables the
// statement may read (see AddTransitionTables).
Status BindBodyStatement(const ast::Statement& stmt, const ExecContext& caller,
                         const std::vector<std::string>& param_names,
                         const std::vector<TypeRef>& param_types, const std::string& qualifier,
                         std::shared_ptr<BoundStatement>* out,
                         const TriggerInvocation* trigger = nullptr);

// The WITH-query ids a trigger's OLD TABLE / NEW TABLE are scanned as, and
// the rows a child context of a trigger function's statement gets.
inline constexpr int kOldTableCteId = 1 << 29;
inline constexpr int kNewTableCteId = (1 << 29) + 1;
void SetTransitionRows(const TriggerInvocation* trigger, ExecContext* child);

// A child context for one statement of a body: the caller's transaction,
// catalog and services, `params` as the parameter values.
void InitChildContext(const ExecContext& caller, const std::vector<Value>* params,
                      ExecContext* child);

// Runs a bound statement; keeps at most `max_rows` rows in *rows (all are
// produced: DML runs to completion) and counts them in *count (affected
// rows for DML without RETURNING).
Status RunBound(const BoundStatement& bound, ExecContext* ctx, size_t max_rows,
                std::vector<std::vector<Value>>* rows, int64_t* count);

// Casts `v` to `type` with assignment rules (a function's result, a
// variable's new value).
Status AssignCast(const Value& v, TypeRef type, const ExecContext& ctx, Value* out);

// The body of a LANGUAGE plpgsql function run on `args` (plpgsql.cc).
Status RunPlpgsql(const FunctionDef& fn, const std::vector<Value>& args, ExecContext* caller,
                  std::vector<std::vector<Value>>* rows);
// A LANGUAGE plpgsql trigger function run for one firing (plpgsql.cc).
Status RunPlpgsqlTrigger(const FunctionDef& fn, TriggerInvocation* inv, ExecContext* caller);
// One firing of a trigger: its WHEN condition, then `fn` (trigger_call.cc).
Status RunTriggerCall(const FunctionDef& fn, TriggerInvocation* inv, ExecContext* caller);
// Binds a trigger's WHEN condition over the live columns `names`/`types`;
// OLD / NEW are not visible unless allowed (CREATE TRIGGER's checks).
Status BindTriggerWhen(const std::string& when_text, const ExecContext& caller,
                       const std::vector<std::string>& names, const std::vector<TypeRef>& types,
                       bool allow_old, bool allow_new, std::shared_ptr<BoundStatement>* out);
// Parses a PL/pgSQL body (42601 on a syntax error).
Status CheckPlpgsql(const FunctionDef& fn);

}  // namespace routine_internal

}  // namespace nano
