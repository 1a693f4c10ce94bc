// engine/catalog/information_schema.h — the SQL standard's information_schema
// views, computed from the catalog like pg_catalog's system tables.
//
// Each view has PostgreSQL 15's name and columns, in its order, with the
// domains' base types as clients see them on the wire (sql_identifier ->
// name, cardinal_number -> int4, character_data and yes_or_no -> varchar).
// Rows follow PostgreSQL's definitions in information_schema.sql for the
// objects the engine has; only user schemas' relations are listed (as a
// superuser sees them, minus pg_catalog's own tables).
//
// The tables live in schema information_schema (kInformationSchemaNamespaceOid)
// and are found with LookupSystemTable("information_schema", name); they are
// never visible unqualified.
#pragma once

#include <vector>

#include "catalog/system_tables.h"

namespace nano {

struct SystemTableSpec {
  TableDef def;
  Status (*rows)(const SystemSnapshot&, std::vector<std::vector<Value>>*);
};

// The information_schema views, oids 13001 and up (below kFirstUserOid).
std::vector<SystemTableSpec> InformationSchemaTables();

}  // namespace nano
