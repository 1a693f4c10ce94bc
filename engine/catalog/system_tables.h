// engine/catalog/system_tables.h — pg_catalog's tables and views, computed
// from the catalog on every scan.
//
// Each system table has PostgreSQL's oid and name and the columns clients
// actually read (psql's \d family, pgbench, drivers, ORM reflection), with
// PostgreSQL's column types. The binder resolves unqualified names against
// pg_catalog first, as PostgreSQL's implicit search path does; scans call
// SystemRows, which builds the rows from a snapshot of the database's
// catalog plus cluster-wide state (databases, settings, roles).
//
// Rows are "physical": one Value per column of the TableDef, in order.
// System tables are read-only (their RelKind is kView).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/catalog_store.h"
#include "common/status.h"
#include "types/value.h"

namespace nano {

// What a system-table scan needs beyond the catalog.
struct SystemSnapshot {
  const Catalog* catalog = nullptr;
  std::vector<DatabaseDef> databases;
  std::string current_database;
  std::string user = "postgres";              // the session user
  std::string bootstrap_name;                 // role 10's name (empty: `user`)
  Oid current_role = kBootstrapSuperuserOid;  // pg_authid is for superusers only
  // (name, value, description) for pg_settings.
  std::vector<std::tuple<std::string, std::string, std::string>> settings;
};

// Implemented by the session; called at scan start.
class SystemInfo {
 public:
  virtual ~SystemInfo() = default;
  virtual void Snapshot(SystemSnapshot* out) const = 0;
};

// A pg_catalog system table by name (the implicit first schema of the search path).
const TableDef* LookupSystemTable(std::string_view name);
// A system table in schema `schema`: "pg_catalog" or "information_schema";
// nullptr for any other schema or an unknown name.
const TableDef* LookupSystemTable(std::string_view schema, std::string_view name);
const TableDef* SystemTableByOid(Oid oid);
bool IsSystemTable(Oid oid);

Status SystemRows(Oid table, const SystemSnapshot& snapshot, std::vector<std::vector<Value>>* rows);

// A column's DEFAULT as pg_get_expr(pg_attrdef.adbin) prints it ('x'::text,
// 0, nextval('t_id_seq'::regclass), '-1'::integer).
std::string DefaultExpression(const ColumnDef& column);

// pg_get_indexdef / pg_get_constraintdef renderings (PostgreSQL's text).
// `pretty` is the functions' pretty flag (psql passes true): PostgreSQL then
// leaves out the schema of a relation visible on the search path and the
// redundant outer parentheses of a CHECK expression.
std::string IndexDefinition(const Catalog& catalog, const TableDef& table, const IndexDef& index,
                            bool pretty = false);
std::string ConstraintDefinition(const Catalog& catalog, const TableDef& table,
                                 const ConstraintDef& con, bool pretty = false);

}  // namespace nano
