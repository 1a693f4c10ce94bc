// engine/executor/ddl_roles.h — roles, privileges and row-level security
// DDL: CREATE/ALTER/DROP ROLE, GRANT/REVOKE (roles and object privileges),
// CREATE/ALTER/DROP POLICY, ALTER TABLE ... ROW LEVEL SECURITY / OWNER TO,
// ALTER ... OWNER TO, and the ownership checks other DDL needs.
//
// Like the rest of ddl.h these run on the transaction's private catalog
// copy, so they are transactional. Messages and SQLSTATEs follow
// PostgreSQL 15 (42704 role does not exist, 42710 role already exists,
// 42501 permission denied / must be owner, 2BP01 role still referenced).
#pragma once

#include <string>

#include "catalog/catalog.h"
#include "common/status.h"
#include "executor/ddl.h"
#include "parser/ast.h"

namespace nano {

// Runs one of the statements above (StmtKind kCreateRole ... kAlterOwner,
// or a DROP POLICY); *tag gets its command tag.
Status ExecuteRoleDdl(const ast::Statement& stmt, DdlContext& ctx, std::string* tag);

// ALTER TABLE commands ENABLE/DISABLE/FORCE/NO FORCE ROW LEVEL SECURITY and
// OWNER TO, applied to `table` (a private copy the caller stores).
Status AlterTableSecurity(const ast::AlterTableCmd& cmd, DdlContext& ctx, TableDef* table);

// Ownership checks before DDL by a non-superuser: 42501 "must be owner of
// table t" for ALTER/DROP/RENAME/CREATE INDEX/POLICY on someone else's
// relation; TRUNCATE needs the TRUNCATE privilege.
Status CheckDdlPermission(const ast::Statement& stmt, const DdlContext& ctx);

// After DDL by a non-bootstrap role: objects the statement created (present
// in `after`, absent from `before`) become owned by ctx.current_user.
void StampNewObjectOwners(const Catalog& before, Catalog* after, Oid owner);

// The name of role `oid` (the bootstrap superuser is `bootstrap_name`).
std::string RoleNameOf(const Catalog& catalog, Oid oid, const std::string& bootstrap_name);

// The rolpassword verifier PostgreSQL stores for `password`:
// "SCRAM-SHA-256$4096:salt$StoredKey:ServerKey" or "md5" + md5hex(password
// + user); an already-encrypted password is stored as given.
Status EncryptPassword(const std::string& password, const std::string& user,
                       const std::string& method, std::string* out);

}  // namespace nano
