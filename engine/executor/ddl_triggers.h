// engine/executor/ddl_triggers.h — CREATE TRIGGER, DROP TRIGGER, ALTER
// TRIGGER ... RENAME, ALTER TABLE ... {ENABLE | DISABLE} TRIGGER, and the
// triggers' life with their table (internal to the executor: ExecuteDdl in
// ddl.h dispatches here).
//
// A trigger is kept in its table's TableDef (TableDef::triggers), so it is
// stored, cloned, dumped and dropped with the table. Row triggers of a
// partitioned table are cloned into every partition (existing ones, and
// ones created or attached later), each clone naming its parent trigger
// (tgparentid); dropping, renaming, enabling or disabling the parent's
// trigger applies to the clones, detaching a partition drops them.
// Checks and messages follow PostgreSQL 15's CreateTrigger.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "binder/bound.h"
#include "common/status.h"
#include "executor/ddl.h"
#include "parser/ast.h"

namespace nano {

Status CreateTrigger(const ast::CreateTriggerStmt& stmt, DdlContext& ctx);
Status DropTrigger(const ast::DropStmt& stmt, DdlContext& ctx);
Status RenameTrigger(const ast::RenameStmt& stmt, DdlContext& ctx);
// ALTER TABLE ... ENABLE / DISABLE TRIGGER (cmd.other_name "AT_EnableTrig",
// ...): *handled false for other subcommands. `table` is the statement's
// working copy; clones in partitions are changed in the catalog.
Status AlterTableTrigger(DdlContext& ctx, TableDef* table, const ast::AlterTableCmd& cmd,
                         bool* handled);
// A new or attached partition gets clones of its parent's row triggers
// (recursively into its own partitions); a detached one loses them.
Status CloneParentTriggers(DdlContext& ctx, Oid partition_oid);
void RemoveClonedTriggers(DdlContext& ctx, Oid partition_oid);
// ALTER TABLE ... DROP COLUMN: triggers whose UPDATE OF list or WHEN
// condition use the column depend on it (2BP01; CASCADE drops them, with a
// NOTICE). `table` is the statement's working copy.
Status DropColumnTriggers(DdlContext& ctx, TableDef* table, int16_t attnum,
                          ast::DropBehavior behavior);
// The triggers that call function `fn`, as "trigger t on table x".
std::vector<std::string> TriggersUsingFunction(const Catalog& catalog, Oid fn);
// Drops the triggers that call `fn` (DROP FUNCTION ... CASCADE).
void DropTriggersUsingFunction(Catalog* catalog, Oid fn);

// Binds a WHEN condition (routine runner, engine/plpgsql/trigger_call.cc).
Status BindTriggerWhenForDdl(const std::string& when_text, std::shared_ptr<const Catalog> catalog,
                             const FormatContext& format, const std::vector<std::string>& names,
                             const std::vector<TypeRef>& types, bool allow_old, bool allow_new);

}  // namespace nano
