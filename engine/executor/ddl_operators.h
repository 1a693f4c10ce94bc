// engine/executor/ddl_operators.h — CREATE OPERATOR and DROP OPERATOR
// (internal to the executor: ExecuteDdl in ddl.h dispatches here).
#pragma once

#include "common/status.h"
#include "executor/ddl.h"
#include "parser/ast.h"

namespace nano {

Status CreateOperator(const ast::CreateOperatorStmt& stmt, DdlContext& ctx);
Status DropOperators(const ast::DropStmt& stmt, DdlContext& ctx);

}  // namespace nano
