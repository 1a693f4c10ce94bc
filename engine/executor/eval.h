// engine/executor/eval.h — evaluating bound expressions on a row.
//
// EvalExpr computes one BoundExpr over `row` (the current row of the plan
// node that owns the expression). Correlated references (depth d > 0) read
// ExecState::outer_rows from the end. Three-valued logic, strictness and
// PostgreSQL's error codes apply; the result is NULL-typed when NULL.
//
// Not thread-safe: an ExecState belongs to one running statement.
#pragma once

#include <vector>

#include "binder/bound.h"
#include "executor/exec_context.h"

namespace nano {

struct ExecState {
  ExecContext* ctx = nullptr;
  std::vector<const std::vector<Value>*> outer_rows;  // enclosing query rows, innermost last
  const Value* placeholder = nullptr;                 // ANY/ALL: the element being compared
};

Status EvalExpr(const BoundExpr& e, const std::vector<Value>& row, ExecState& st, Value* out);
// Evaluates a condition: true only for non-null true.
Status EvalCondition(const BoundExpr& e, const std::vector<Value>& row, ExecState& st, bool* out);

// Runs user function `fn` on `args` (strict functions give no row for a
// NULL argument) and appends its result rows (see RoutineRunner::Run).
Status RunUserFunction(const FunctionDef& fn, const std::vector<Value>& args, ExecState& st,
                       std::vector<std::vector<Value>>* rows);

}  // namespace nano
