// engine/executor/ddl_types.h — CREATE TYPE ... AS ENUM, CREATE DOMAIN,
// ALTER TYPE ... ADD / RENAME VALUE and DROP TYPE / DOMAIN (internal to the
// executor: ExecuteDdl in ddl.h dispatches here).
//
// Same rules as the rest of DDL: they edit the private catalog copy in
// DdlContext inside the session's transaction; names, messages, NOTICEs and
// SQLSTATEs follow PostgreSQL 15 (42710 duplicates, 42704 missing types,
// 2BP01 when columns still use a type being dropped without CASCADE).
#pragma once

#include "common/status.h"
#include "executor/ddl.h"
#include "parser/ast.h"

namespace nano {

Status CreateUserType(const ast::CreateTypeStmt& stmt, DdlContext& ctx);
Status AlterEnum(const ast::AlterEnumStmt& stmt, DdlContext& ctx);
// SET/DROP DEFAULT, SET/DROP NOT NULL, ADD/DROP/VALIDATE CONSTRAINT; adding
// NOT NULL or a CHECK validates the values already stored in columns of the
// domain (23502 / 23514 naming the first offending column).
Status AlterDomain(const ast::AlterDomainStmt& stmt, DdlContext& ctx);
Status DropUserTypes(const ast::DropStmt& stmt, DdlContext& ctx);
// ALTER TYPE / ALTER DOMAIN name RENAME TO new_name.
Status RenameUserType(const ast::RenameStmt& stmt, DdlContext& ctx);
// DROP SCHEMA: the user types in `schema` (CASCADE drops them and their
// dependent columns; *any tells RESTRICT whether the schema is non-empty).
Status DropSchemaTypes(DdlContext& ctx, Oid schema, bool cascade, bool* any);

}  // namespace nano
