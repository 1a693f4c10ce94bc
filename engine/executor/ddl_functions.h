// engine/executor/ddl_functions.h — CREATE [OR REPLACE] FUNCTION and DROP
// FUNCTION (internal to the executor: ExecuteDdl in ddl.h dispatches here).
//
// Functions live in the private catalog copy like every other object
// (FunctionDef, stored under its own catalog key, so data directories and
// .heliodump dumps keep them). CREATE validates the body as PostgreSQL does
// with check_function_bodies on: a LANGUAGE sql body is parsed and bound
// (42P13 when its result does not fit the declared return type), a
// LANGUAGE plpgsql body is parsed (42601). Errors: 42723 duplicate
// signature, 42P13 changed return type on OR REPLACE, 42704 unknown
// language, 42883 / 42725 on DROP.
#pragma once

#include "common/status.h"
#include "executor/ddl.h"
#include "parser/ast.h"

namespace nano {

Status CreateFunction(const ast::CreateFunctionStmt& stmt, DdlContext& ctx);
Status DropFunctions(const ast::DropStmt& stmt, DdlContext& ctx);

// Checks a function body against the catalog it will run with (the SQL
// statements bind, the result fits; PL/pgSQL parses). Implemented by the
// routine runner (engine/plpgsql/).
Status ValidateFunctionBody(const FunctionDef& fn, std::shared_ptr<const Catalog> catalog,
                            const FormatContext& format);

}  // namespace nano
