// engine/executor/ddl.h — schema changes: CREATE/ALTER/DROP of tables,
// indexes, sequences and schemas; TRUNCATE.
//
// DDL runs inside the session's transaction on a private copy of the
// catalog (`catalog`); the session publishes the copy when the transaction
// commits, so DDL is transactional like PostgreSQL's. Data changes that DDL
// implies (index builds, TRUNCATE, DROP's row removal, ADD COLUMN backfill)
// go through the same transaction.
//
// Names, messages, notices and SQLSTATEs follow PostgreSQL 15 (42P07
// relation already exists, 2BP01 dependent objects, NOTICEs for IF EXISTS /
// IF NOT EXISTS skips and for CASCADE, implicit index and sequence names).
#pragma once

#include <functional>
#include <string>

#include "catalog/catalog.h"
#include "common/status.h"
#include "executor/exec_context.h"
#include "parser/ast.h"
#include "types/format_context.h"

namespace nano {

struct DdlContext {
  Catalog* catalog = nullptr;   // private, mutable copy
  ExecContext* exec = nullptr;  // transaction, branch chain, row ids
  const FormatContext* format = nullptr;
  std::function<void(const ErrorInfo&)> notice;  // NOTICE sink
  // Sequence value changes (RESTART / TRUNCATE ... RESTART IDENTITY).
  std::function<Status(Oid, int64_t, bool)> reset_sequence;
  // Who runs the statement (ownership, privilege checks; ddl_roles.h).
  Oid current_user = kBootstrapSuperuserOid;
  Oid session_user = kBootstrapSuperuserOid;
  std::string bootstrap_name = "postgres";  // the name of role 10 (the configured user)
  std::string password_encryption = "scram-sha-256";
};

// Executes one DDL statement; *tag gets the command tag ("CREATE TABLE", ...).
Status ExecuteDdl(const ast::Statement& stmt, DdlContext& ctx, std::string* tag);

// True for statements ExecuteDdl handles.
bool IsDdl(const ast::Statement& stmt);

}  // namespace nano
