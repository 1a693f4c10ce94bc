// engine/catalog/catalog.cc
#include "catalog/catalog.h"

#include <algorithm>
#include <cassert>
#include <cctype>

#include "types/type_info.h"

namespace nano {

std::vector<int> TableDef::LiveColumns() const {
  std::vector<int> out;
  out.reserve(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!columns[i].dropped) out.push_back(static_cast<int>(i));
  }
  return out;
}

const ColumnDef* TableDef::FindColumn(std::string_view col_name) const {
  for (const ColumnDef& c : columns) {
    if (!c.dropped && c.name == col_name) return &c;
  }
  return nullptr;
}

const ColumnDef* TableDef::ColumnByAttnum(int16_t attnum) const {
  int i = ColumnIndexByAttnum(attnum);
  return i < 0 ? nullptr : &columns[i];
}

int TableDef::ColumnIndexByAttnum(int16_t attnum) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].attnum == attnum) return static_cast<int>(i);
  }
  return -1;
}

const IndexDef* TableDef::PrimaryKey() const {
  for (const IndexDef& idx : indexes) {
    if (idx.primary) return &idx;
  }
  return nullptr;
}

const IndexDef* TableDef::FindIndex(Oid index_oid) const {
  for (const IndexDef& idx : indexes) {
    if (idx.oid == index_oid) return &idx;
  }
  return nullptr;
}

const EnumLabel* TypeDef::FindLabel(std::string_view wanted) const {
  for (const EnumLabel& l : labels) {
    if (l.label == wanted) return &l;
  }
  return nullptr;
}

Catalog::Catalog() {
  auto schema = [](Oid oid, const char* name, const char* owner) {
    SchemaDef s;
    s.oid = oid;
    s.name = name;
    s.owner = owner;
    return s;
  };
  PutSchema(schema(kPgCatalogNamespaceOid, "pg_catalog", "postgres"));
  SchemaDef pub = schema(kPublicNamespaceOid, "public", "pg_database_owner");
  pub.owner_oid = kPgDatabaseOwnerOid;
  pub.acl = Acl{AclItem{kPgDatabaseOwnerOid, kPgDatabaseOwnerOid, kSchemaAllPrivs, 0},
                AclItem{kPublicRoleOid, kPgDatabaseOwnerOid, kPrivUsage, 0}};
  PutSchema(std::move(pub));
  PutSchema(schema(kInformationSchemaNamespaceOid, "information_schema", "postgres"));
}

const SchemaDef* Catalog::FindSchema(std::string_view name) const {
  for (const auto& [oid, schema] : schemas_) {
    if (schema.name == name) return &schema;
  }
  return nullptr;
}

const SchemaDef* Catalog::SchemaByOid(Oid oid) const {
  auto it = schemas_.find(oid);
  return it == schemas_.end() ? nullptr : &it->second;
}

const TableDef* Catalog::FindTable(Oid schema_oid, std::string_view name) const {
  auto it = relation_names_.find(std::make_pair(schema_oid, std::string(name)));
  if (it == relation_names_.end()) return nullptr;
  return TableByOid(it->second);
}

const TableDef* Catalog::TableByOid(Oid oid) const {
  auto it = tables_.find(oid);
  return it == tables_.end() ? nullptr : &it->second;
}

const TableDef* Catalog::FindIndexByName(Oid schema_oid, std::string_view name,
                                         const IndexDef** index) const {
  auto it = index_names_.find(std::make_pair(schema_oid, std::string(name)));
  if (it == index_names_.end()) return nullptr;
  const TableDef* table = TableByOid(it->second);
  if (table == nullptr) return nullptr;
  for (const IndexDef& idx : table->indexes) {
    if (idx.name == name) {
      *index = &idx;
      return table;
    }
  }
  return nullptr;
}

bool Catalog::RelationNameTaken(Oid schema_oid, std::string_view name) const {
  auto key = std::make_pair(schema_oid, std::string(name));
  return relation_names_.count(key) > 0 || index_names_.count(key) > 0;
}

void Catalog::PutTable(TableDef table) {
  RemoveTable(table.oid);
  relation_names_[{table.schema_oid, table.name}] = table.oid;
  for (const IndexDef& idx : table.indexes) index_names_[{table.schema_oid, idx.name}] = table.oid;
  Oid oid = table.oid;
  tables_[oid] = std::move(table);
}

void Catalog::RemoveTable(Oid oid) {
  auto it = tables_.find(oid);
  if (it == tables_.end()) return;
  const TableDef& t = it->second;
  relation_names_.erase({t.schema_oid, t.name});
  for (const IndexDef& idx : t.indexes) index_names_.erase({t.schema_oid, idx.name});
  tables_.erase(it);
}

void Catalog::PutSchema(SchemaDef schema) {
  Oid oid = schema.oid;
  schemas_[oid] = std::move(schema);
}

void Catalog::RemoveSchema(Oid oid) { schemas_.erase(oid); }

TableDef* Catalog::MutableTable(Oid oid) {
  auto it = tables_.find(oid);
  return it == tables_.end() ? nullptr : &it->second;
}

const TypeDef* Catalog::FindType(Oid schema_oid, std::string_view name) const {
  auto it = type_names_.find(std::make_pair(schema_oid, std::string(name)));
  return it == type_names_.end() ? nullptr : TypeByOid(it->second);
}

const TypeDef* Catalog::TypeByOid(Oid oid) const {
  auto it = types_.find(oid);
  return it == types_.end() ? nullptr : &it->second;
}

void Catalog::DomainConstraints(Oid domain, std::vector<const ConstraintDef*>* checks,
                                bool* not_null) const {
  checks->clear();
  *not_null = false;
  std::vector<const TypeDef*> levels;  // the domain, then its base domains
  for (const TypeDef* t = TypeByOid(domain); t != nullptr && t->kind == TypeKind::kDomain &&
                                             levels.size() < 64;  // bounded: a chain, never a cycle
       t = t->parent_domain ? TypeByOid(t->parent_domain) : nullptr) {
    levels.push_back(t);
  }
  for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
    *not_null |= (*it)->not_null;
    std::vector<const ConstraintDef*> level;
    for (const ConstraintDef& c : (*it)->constraints) level.push_back(&c);
    std::sort(level.begin(), level.end(),
              [](const ConstraintDef* a, const ConstraintDef* b) { return a->name < b->name; });
    checks->insert(checks->end(), level.begin(), level.end());
  }
}

bool Catalog::DomainDerivesFrom(Oid domain, Oid ancestor) const {
  int depth = 0;
  for (const TypeDef* t = TypeByOid(domain); t != nullptr && depth < 64; ++depth) {
    if (t->oid == ancestor) return true;
    t = t->parent_domain ? TypeByOid(t->parent_domain) : nullptr;
  }
  return false;
}

void Catalog::PutType(TypeDef type) {
  RemoveType(type.oid);
  type_names_[{type.schema_oid, type.name}] = type.oid;
  Oid oid = type.oid;
  types_[oid] = std::move(type);
}

void Catalog::RemoveType(Oid oid) {
  auto it = types_.find(oid);
  if (it == types_.end()) return;
  type_names_.erase({it->second.schema_oid, it->second.name});
  types_.erase(it);
}

std::vector<Oid> Catalog::ChildrenOf(Oid parent) const {
  std::vector<Oid> out;
  for (const auto& [oid, t] : tables_) {
    if (std::find(t.parents.begin(), t.parents.end(), parent) != t.parents.end()) {
      out.push_back(oid);
    }
  }
  return out;
}

const FunctionDef* Catalog::FunctionByOid(Oid oid) const {
  auto it = functions_.find(oid);
  return it == functions_.end() ? nullptr : &it->second;
}

std::vector<const FunctionDef*> Catalog::FindFunctions(Oid schema_oid,
                                                       std::string_view name) const {
  std::vector<const FunctionDef*> out;
  for (const auto& [oid, f] : functions_) {
    if (f.schema_oid == schema_oid && f.name == name) out.push_back(&f);
  }
  return out;
}

std::vector<Oid> Catalog::WithDescendants(Oid oid) const {
  std::vector<Oid> out{oid};
  // Breadth first; multiple inheritance can reach a table twice (diamond).
  for (size_t i = 0; i < out.size() && i < tables_.size() + 1; ++i) {
    for (Oid child : ChildrenOf(out[i])) {
      if (std::find(out.begin(), out.end(), child) == out.end()) out.push_back(child);
    }
  }
  return out;
}

void Catalog::PutFunction(FunctionDef fn) {
  Oid oid = fn.oid;
  functions_[oid] = std::move(fn);
}

void Catalog::RemoveFunction(Oid oid) { functions_.erase(oid); }

const OperatorDef* Catalog::OperatorByOid(Oid oid) const {
  auto it = operators_.find(oid);
  return it == operators_.end() ? nullptr : &it->second;
}

std::vector<const OperatorDef*> Catalog::FindOperators(Oid schema_oid,
                                                       std::string_view name) const {
  std::vector<const OperatorDef*> out;
  for (const auto& [oid, op] : operators_) {
    if (op.schema_oid == schema_oid && op.name == name) out.push_back(&op);
  }
  return out;
}

void Catalog::PutOperator(OperatorDef op) {
  const Oid oid = op.oid;
  operators_[oid] = std::move(op);
}

void Catalog::RemoveOperator(Oid oid) { operators_.erase(oid); }
const RoleDef* Catalog::FindRole(std::string_view name) const {
  for (const auto& [oid, r] : roles_) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

const RoleDef* Catalog::RoleByOid(Oid oid) const {
  auto it = roles_.find(oid);
  return it == roles_.end() ? nullptr : &it->second;
}

void Catalog::PutRole(RoleDef role) {
  Oid oid = role.oid;
  roles_[oid] = std::move(role);
}

void Catalog::RemoveRole(Oid oid) { roles_.erase(oid); }

std::vector<const FunctionArg*> FunctionDef::InputArgs() const {
  std::vector<const FunctionArg*> out;
  for (const FunctionArg& a : args) {
    if (a.mode == 'i' || a.mode == 'b' || a.mode == 'v') out.push_back(&a);
  }
  return out;
}

namespace {

// get_const_expr's rendering of one bound value (showtype -1).
std::string FormatBoundDatum(const BoundDatum& d, TypeOid type) {
  switch (d.kind) {
    case BoundDatum::Kind::kNull:
      return "NULL";
    case BoundDatum::Kind::kMinValue:
      return "MINVALUE";
    case BoundDatum::Kind::kMaxValue:
      return "MAXVALUE";
    case BoundDatum::Kind::kValue:
      break;
  }
  const std::string& t = d.text;
  // integer prints bare unless negative; numeric bare when it reads as a
  // float constant without a sign; every other type is a quoted literal.
  if (type == type::kInt4 && !t.empty() && t[0] != '-') return t;
  if (type == type::kNumeric && !t.empty() && std::isdigit(static_cast<unsigned char>(t[0])) &&
      t.find_first_of("eE.") != std::string::npos) {
    return t;
  }
  if (type == type::kBool) return t == "t" ? "true" : "false";
  std::string out = "'";
  for (char c : t) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  return out + "'";
}

std::string FormatDatums(const std::vector<BoundDatum>& datums,
                         const std::vector<TypeOid>& key_types, bool one_type) {
  std::string out = "(";
  for (size_t i = 0; i < datums.size(); ++i) {
    if (i > 0) out += ", ";
    TypeOid t = one_type ? (key_types.empty() ? 0 : key_types[0])
                         : (i < key_types.size() ? key_types[i] : 0);
    out += FormatBoundDatum(datums[i], t);
  }
  return out + ")";
}

}  // namespace

std::string FormatPartitionBound(const PartitionBound& bound,
                                 const std::vector<TypeOid>& key_types) {
  if (bound.is_default) return "DEFAULT";
  switch (bound.strategy) {
    case 'l':
      return "FOR VALUES IN " + FormatDatums(bound.list, key_types, true);
    case 'r':
      return "FOR VALUES FROM " + FormatDatums(bound.lower, key_types, false) + " TO " +
             FormatDatums(bound.upper, key_types, false);
    case 'h':
      return "FOR VALUES WITH (modulus " + std::to_string(bound.modulus) + ", remainder " +
             std::to_string(bound.remainder) + ")";
    default:
      return "";
  }
}

std::string PartitionKey::KeyName(const TableDef& table, size_t i) const {
  if (columns[i] != 0) {
    const ColumnDef* c = table.ColumnByAttnum(columns[i]);
    return c ? c->name : "?";
  }
  const std::string& e = exprs[i];
  // A function call f(...) prints bare; anything else (operators) in parentheses.
  size_t paren = e.find('(');
  bool call = paren != std::string::npos && paren > 0 && e.back() == ')' &&
              e.find_first_of(" +-*/<>=|&") > paren;
  return call ? e : "(" + e + ")";
}

std::string FunctionDef::Signature() const {
  std::string s = name + "(";
  bool first = true;
  for (const FunctionArg* a : InputArgs()) {
    if (!first) s += ", ";
    first = false;
    s += RegTypeName(a->type.oid);
  }
  return s + ")";
}

}  // namespace nano
