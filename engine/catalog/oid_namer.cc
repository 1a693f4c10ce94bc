// engine/catalog/oid_namer.cc — regclassout/regclassin & co over the catalog.
#include "catalog/oid_namer.h"

#include <cctype>

#include "catalog/system_tables.h"
#include "common/sqlstate.h"
#include "function/registry.h"
#include "function/string_util.h"
#include "types/type_info.h"

namespace nano {
namespace {

using fn::QuoteIdent;

bool Visible(Oid schema_oid) {
  return schema_oid == kPublicNamespaceOid || schema_oid == kPgCatalogNamespaceOid;
}

std::string Quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

// A name given to the reg* input functions: 1 or 2 parts (schema.object).
Status ObjectName(std::string_view text, std::vector<std::string>* parts) {
  NANO_RETURN_IF_ERROR(SplitQualifiedName(text, parts));
  if (parts->size() > 2) {
    return Status::Error(sqlstate::kSyntaxError,
                         "improper qualified name (too many dotted names): " + std::string(text));
  }
  return Status::OK();
}

bool RoleName(const Catalog* catalog, Oid oid, const std::string& user, std::string* out) {
  if (const RoleDef* r = catalog != nullptr ? catalog->RoleByOid(oid) : nullptr) {
    out->append(QuoteIdent(r->name));
    return true;
  }
  if (oid == kBootstrapSuperuserOid) {
    out->append(QuoteIdent(user));
    return true;
  }
  if (oid == kPgDatabaseOwnerOid) {
    out->append("pg_database_owner");
    return true;
  }
  return false;
}

// Functions have synthetic oids in pg_proc; only those with a fixed oid
// (the registry's `oid`) name back.
bool FunctionName(Oid oid, std::string* out) {
  for (const ScalarOverload* f : FunctionRegistry::Builtins().AllScalars()) {
    if (f->oid == oid) {
      out->append(QuoteIdent(f->name));
      return true;
    }
  }
  for (const AggregateOverload* a : FunctionRegistry::Builtins().AllAggregates()) {
    if (a->oid == oid) {
      out->append(QuoteIdent(a->name));
      return true;
    }
  }
  return false;
}

}  // namespace

Status SplitQualifiedName(std::string_view text, std::vector<std::string>* parts) {
  parts->clear();
  auto invalid = [] { return Status::Error(sqlstate::kInvalidName, "invalid name syntax"); };
  size_t i = 0;
  while (true) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::string part;
    if (i < text.size() && text[i] == '"') {
      // Quoted: "" is a literal quote; case is kept.
      ++i;
      while (true) {
        if (i >= text.size()) return invalid();
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            part.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        part.push_back(text[i++]);
      }
      if (part.empty()) return invalid();
    } else {
      while (i < text.size() && text[i] != '.' &&
             !std::isspace(static_cast<unsigned char>(text[i]))) {
        part.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
        ++i;
      }
      if (part.empty()) return invalid();
    }
    parts->push_back(std::move(part));
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size()) return Status::OK();
    if (text[i] != '.') return invalid();
    ++i;
  }
}

bool CatalogOidNamer::RelationName(const Catalog& catalog, Oid oid, std::string* out) const {
  Oid schema_oid = 0;
  std::string name;
  if (const TableDef* t = catalog.TableByOid(oid)) {
    schema_oid = t->schema_oid;
    name = t->name;
  } else if (const TableDef* sys = SystemTableByOid(oid)) {
    schema_oid = sys->schema_oid;
    name = sys->name;
  } else {
    for (const auto& [table_oid, t] : catalog.tables()) {
      if (const IndexDef* idx = t.FindIndex(oid)) {
        schema_oid = t.schema_oid;
        name = idx->name;
        break;
      }
    }
    if (name.empty()) return false;
  }
  if (!Visible(schema_oid)) {
    const SchemaDef* schema = catalog.SchemaByOid(schema_oid);
    if (schema != nullptr) out->append(QuoteIdent(schema->name)).push_back('.');
  }
  out->append(QuoteIdent(name));
  return true;
}

// Enums and domains (and their array types "_name"), qualified when their
// schema is off the search path.
bool CatalogOidNamer::UserTypeName(Oid oid, std::string* out) const {
  std::shared_ptr<const Catalog> catalog = current_();
  if (catalog == nullptr) return false;
  for (const auto& [toid, t] : catalog->types()) {
    if (toid != oid && t.array_oid != oid) continue;
    if (t.schema_oid != kPublicNamespaceOid && t.schema_oid != kPgCatalogNamespaceOid) {
      if (const SchemaDef* schema = catalog->SchemaByOid(t.schema_oid)) {
        out->append(QuoteIdent(schema->name)).push_back('.');
      }
    }
    out->append(QuoteIdent(t.name));
    if (toid != oid) out->append("[]");
    return true;
  }
  return false;
}

bool CatalogOidNamer::UserTypeOid(std::string_view text, int64_t* oid) const {
  std::shared_ptr<const Catalog> catalog = current_();
  std::vector<std::string> parts;
  if (catalog == nullptr || !SplitQualifiedName(text, &parts).ok() || parts.size() > 2) {
    return false;
  }
  Oid schema = kPublicNamespaceOid;
  if (parts.size() == 2) {
    const SchemaDef* s = catalog->FindSchema(parts[0]);
    if (s == nullptr) return false;
    schema = s->oid;
  }
  const TypeDef* t = catalog->FindType(schema, parts.back());
  if (t == nullptr) return false;
  *oid = t->oid;
  return true;
}

bool CatalogOidNamer::NameOf(TypeOid reg_type, int64_t oid, std::string* out) const {
  if (oid == 0) {  // InvalidOid prints as "-" for every alias type
    out->push_back('-');
    return true;
  }
  const Oid id = static_cast<Oid>(oid);
  switch (reg_type) {
    case type::kRegType:
      if (LookupType(id) == nullptr) return UserTypeName(id, out);
      out->append(RegTypeName(id));
      return true;
    case type::kRegRole:
      return RoleName(current_().get(), id, user_(), out);
    case type::kRegProc:
    case type::kRegProcedure: {
      if (FunctionName(id, out)) return true;
      std::shared_ptr<const Catalog> catalog = current_();
      const FunctionDef* f = catalog ? catalog->FunctionByOid(id) : nullptr;
      if (f == nullptr) return false;
      if (f->schema_oid != kPublicNamespaceOid && f->schema_oid != kPgCatalogNamespaceOid) {
        const SchemaDef* schema = catalog->SchemaByOid(f->schema_oid);
        if (schema != nullptr) out->append(QuoteIdent(schema->name) + ".");
      }
      out->append(QuoteIdent(f->name));
      return true;
    }
    default:
      break;
  }
  std::shared_ptr<const Catalog> catalog = current_();
  if (catalog == nullptr) return false;
  if (reg_type == type::kRegNamespace) {
    const SchemaDef* schema = catalog->SchemaByOid(id);
    if (schema == nullptr) return false;
    out->append(QuoteIdent(schema->name));
    return true;
  }
  return reg_type == type::kRegClass && RelationName(*catalog, id, out);
}

Status CatalogOidNamer::RelationOid(const Catalog& catalog, std::string_view text,
                                    int64_t* oid) const {
  std::vector<std::string> parts;
  NANO_RETURN_IF_ERROR(ObjectName(text, &parts));
  const std::string& name = parts.back();
  std::vector<Oid> schemas;
  if (parts.size() == 2) {
    if (parts[0] == "information_schema" || parts[0] == "pg_catalog") {
      if (const TableDef* sys = LookupSystemTable(parts[0], name)) {
        *oid = sys->oid;
        return Status::OK();
      }
    }
    if (const SchemaDef* s = catalog.FindSchema(parts[0])) schemas.push_back(s->oid);
  } else {
    if (const TableDef* sys = LookupSystemTable(name)) {
      *oid = sys->oid;
      return Status::OK();
    }
    schemas = {kPublicNamespaceOid, kPgCatalogNamespaceOid};
  }
  for (Oid schema : schemas) {
    if (const TableDef* t = catalog.FindTable(schema, name)) {
      *oid = t->oid;
      return Status::OK();
    }
    const IndexDef* index = nullptr;
    if (catalog.FindIndexByName(schema, name, &index) != nullptr && index != nullptr) {
      *oid = index->oid;
      return Status::OK();
    }
  }
  return Status::Error(
      sqlstate::kUndefinedTable,
      "relation " + Quoted(parts.size() == 2 ? parts[0] + "." + name : name) + " does not exist");
}

Status CatalogOidNamer::OidOf(TypeOid reg_type, std::string_view text, int64_t* oid) const {
  switch (reg_type) {
    case type::kRegType: {
      // regtypein accepts SQL type syntax ("integer", "character varying", "int4[]").
      const TypeInfo* info = LookupTypeByName(text);
      if (info == nullptr && UserTypeOid(text, oid)) return Status::OK();
      if (info == nullptr) {
        return Status::Error(sqlstate::kUndefinedObject,
                             "type " + Quoted(text) + " does not exist");
      }
      *oid = info->oid;
      return Status::OK();
    }
    case type::kRegRole: {
      std::vector<std::string> parts;
      NANO_RETURN_IF_ERROR(SplitQualifiedName(text, &parts));
      if (parts.size() == 1 && parts[0] == user_()) {
        *oid = kBootstrapSuperuserOid;
        return Status::OK();
      }
      if (std::shared_ptr<const Catalog> catalog = current_(); catalog && parts.size() == 1) {
        if (const RoleDef* r = catalog->FindRole(parts[0])) {
          *oid = r->oid;
          return Status::OK();
        }
      }
      if (parts.size() == 1 && parts[0] == "pg_database_owner") {
        *oid = kPgDatabaseOwnerOid;
        return Status::OK();
      }
      return Status::Error(sqlstate::kUndefinedObject, "role " + Quoted(text) + " does not exist");
    }
    case type::kRegProc:
    case type::kRegProcedure: {
      std::vector<std::string> parts;
      NANO_RETURN_IF_ERROR(ObjectName(text, &parts));
      // User functions and aggregates (regproc: the name must be unique).
      if (std::shared_ptr<const Catalog> catalog = current_(); catalog != nullptr) {
        Oid schema = kPublicNamespaceOid;
        const SchemaDef* named = parts.size() == 2 ? catalog->FindSchema(parts[0]) : nullptr;
        if (named != nullptr) schema = named->oid;
        std::vector<const FunctionDef*> found = catalog->FindFunctions(schema, parts.back());
        if (found.size() > 1 && reg_type == type::kRegProc) {
          return Status::Error(sqlstate::kAmbiguousFunction,
                               "more than one function named " + Quoted(text));
        }
        if (!found.empty()) {
          *oid = found[0]->oid;
          return Status::OK();
        }
      }
      for (const AggregateOverload* a : FunctionRegistry::Builtins().AllAggregates()) {
        if (a->name == parts.back() && a->oid != 0) {
          *oid = a->oid;
          return Status::OK();
        }
      }
      for (const ScalarOverload* f : FunctionRegistry::Builtins().AllScalars()) {
        if (f->name == parts.back() && f->oid != 0) {
          *oid = f->oid;
          return Status::OK();
        }
      }
      return Status::Error(sqlstate::kUndefinedFunction,
                           "function " + Quoted(text) + " does not exist");
    }
    default:
      break;
  }
  std::shared_ptr<const Catalog> catalog = current_();
  if (catalog == nullptr) {
    return Status::Error(sqlstate::kInternalError, "no catalog to resolve " + Quoted(text));
  }
  if (reg_type == type::kRegNamespace) {
    std::vector<std::string> parts;
    NANO_RETURN_IF_ERROR(SplitQualifiedName(text, &parts));
    const SchemaDef* schema = parts.size() == 1 ? catalog->FindSchema(parts[0]) : nullptr;
    if (parts.size() != 1) {
      return Status::Error(sqlstate::kInvalidName, "invalid name syntax");
    }
    if (schema == nullptr) {
      return Status::Error(sqlstate::kInvalidSchemaName,
                           "schema " + Quoted(parts[0]) + " does not exist");
    }
    *oid = schema->oid;
    return Status::OK();
  }
  return RelationOid(*catalog, text, oid);
}

}  // namespace nano
