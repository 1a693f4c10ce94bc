// engine/catalog/catalog_store.h — the catalog's and the cluster's
// persistent form in the versioned store.
//
// Per database (in its branch), user keys under the reserved table id 1:
//   [00 00 00 01]['m']            -> {"next_oid": N}
//   [00 00 00 01]['n'][oid u32]   -> schema JSON
//   [00 00 00 01]['t'][oid u32]   -> table/view/sequence JSON (columns, indexes, constraints)
//   [00 00 00 01]['y'][oid u32]   -> user type JSON (enum labels, domain base and constraints)
//   [00 00 00 01]['f'][oid u32]   -> user function JSON (arguments, result, language, body)
//   [00 00 00 01]['r'][oid u32]   -> role JSON (attributes, password verifier, memberships)
// Cluster-wide (branch kClusterBranch):
//   [00 00 00 01]['d'][oid u32]   -> database JSON {name, branch, parent, fork_version}
//   [00 00 00 01]['c']            -> {"next_db_oid", "next_branch", "rowid_ceiling"}
//
// Encoding is JSON (nlohmann) — compact enough, debuggable, and versioned by
// a "v" field so later formats can read old ones.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "storage/versioned_store.h"

namespace nano {

inline constexpr BranchId kClusterBranch = 1;
inline constexpr BranchId kFirstDatabaseBranch = 16;

struct DatabaseDef {
  Oid oid = 0;
  std::string name;
  BranchId branch = 0;
  BranchId parent = 0;       // 0 = none
  Version fork_version = 0;  // parent visible up to this version
  bool is_template = false;
  bool allow_connections = true;
};

struct ClusterMeta {
  Oid next_db_oid = 16384;
  BranchId next_branch = kFirstDatabaseBranch;
  uint64_t rowid_ceiling = 0;
};

// Keys.
std::string CatalogMetaKey();
std::string CatalogSchemaKey(Oid oid);
std::string CatalogTableKey(Oid oid);
std::string CatalogTypeKey(Oid oid);
std::string CatalogFunctionKey(Oid oid);
std::string CatalogOperatorKey(Oid oid);
std::string CatalogRoleKey(Oid oid);
std::string CatalogPrefix();
std::string DatabaseKey(Oid oid);
std::string DatabasePrefix();
std::string ClusterMetaKey();

// Values.
std::string EncodeTable(const TableDef& t);
Status DecodeTable(std::string_view json, TableDef* out);
std::string EncodeType(const TypeDef& t);
Status DecodeType(std::string_view json, TypeDef* out);
std::string EncodeFunction(const FunctionDef& f);
Status DecodeFunction(std::string_view json, FunctionDef* out);
std::string EncodeOperator(const OperatorDef& o);
Status DecodeOperator(std::string_view json, OperatorDef* out);
std::string EncodeRole(const RoleDef& r);
Status DecodeRole(std::string_view json, RoleDef* out);
std::string EncodeSchema(const SchemaDef& s);
Status DecodeSchema(std::string_view json, SchemaDef* out);
std::string EncodeCatalogMeta(const Catalog& c);
std::string EncodeDatabase(const DatabaseDef& d);
Status DecodeDatabase(std::string_view json, DatabaseDef* out);
std::string EncodeClusterMeta(const ClusterMeta& m);
Status DecodeClusterMeta(std::string_view json, ClusterMeta* out);

// Loads a database's catalog by scanning its catalog keys through `chain`.
Status LoadCatalog(const VersionedStore& store, const BranchChain& chain, Catalog* out);

// The writes that turn catalog `before` into `after` (changed/removed objects).
void DiffCatalog(const Catalog& before, const Catalog& after, BranchId branch,
                 std::vector<WriteOp>* ops);

}  // namespace nano
