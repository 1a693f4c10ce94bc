// engine/executor/ddl_aggregates.h — CREATE [OR REPLACE] AGGREGATE, DROP
// AGGREGATE and ALTER AGGREGATE ... RENAME (internal to the executor:
// ExecuteDdl in ddl.h dispatches here).
//
// An aggregate is a FunctionDef of kind 'a' (PostgreSQL keeps aggregates in
// pg_proc too) whose AggregateDef is its pg_aggregate row, so it persists,
// dumps and overloads like a function. CREATE checks what PostgreSQL 15's
// DefineAggregate / AggregateCreate check, with their SQLSTATEs: 42P13 for
// a missing SFUNC/STYPE or inconsistent options, 42883 for a support
// function that does not exist for the required argument types, 42804 when
// one would need a run-time coercion or returns the wrong type, 42601 for a
// bad PARALLEL / FINALFUNC_MODIFY value, 42723 / 42809 / 42P13 on OR
// REPLACE of another kind or result type. Transition type internal is not
// supported (0A000): it needs PostgreSQL's C-level support functions.
#pragma once

#include "common/status.h"
#include "executor/ddl.h"
#include "parser/ast.h"

namespace nano {

Status CreateAggregate(const ast::CreateAggregateStmt& stmt, DdlContext& ctx);
Status DropAggregates(const ast::DropStmt& stmt, DdlContext& ctx);
Status RenameAggregate(const ast::RenameStmt& stmt, DdlContext& ctx);
// COMMENT ON AGGREGATE / FUNCTION name(args) IS 'text' | NULL.
Status CommentOnRoutine(const ast::CommentStmt& stmt, DdlContext& ctx);

}  // namespace nano
