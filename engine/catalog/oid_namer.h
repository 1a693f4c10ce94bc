// engine/catalog/oid_namer.h — the catalog side of the OID alias types
// (regclass, regtype, regnamespace, regrole, regproc, regprocedure): turns
// oids into the names PostgreSQL prints and names into oids.
//
// Contract:
//   * CatalogOidNamer reads whatever catalog `current` returns at the moment
//     of each call (the session's current snapshot, including its own
//     uncommitted DDL), so a name printed after CREATE TABLE in the same
//     transaction resolves.
//   * Visibility follows the binder's effective search path (pg_catalog, then
//     public): objects elsewhere print schema-qualified.
//   * Not thread-safe; one per session, used on the session's thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "types/format_context.h"

namespace nano {

class CatalogOidNamer final : public OidNamer {
 public:
  using CatalogSource = std::function<std::shared_ptr<const Catalog>()>;
  using UserSource = std::function<std::string()>;
  CatalogOidNamer(CatalogSource current, UserSource user)
      : current_(std::move(current)), user_(std::move(user)) {}

  bool NameOf(TypeOid reg_type, int64_t oid, std::string* out) const override;
  Status OidOf(TypeOid reg_type, std::string_view name, int64_t* oid) const override;

 private:
  bool RelationName(const Catalog& catalog, Oid oid, std::string* out) const;
  bool UserTypeName(Oid oid, std::string* out) const;
  bool UserTypeOid(std::string_view text, int64_t* oid) const;
  Status RelationOid(const Catalog& catalog, std::string_view name, int64_t* oid) const;

  CatalogSource current_;
  UserSource user_;
};

// Splits a possibly qualified, possibly quoted SQL name ("s.t", "\"My T\"")
// into its parts as PostgreSQL's stringToQualifiedNameList does: unquoted
// parts fold to lower case. 42602 `invalid name syntax` on malformed input.
Status SplitQualifiedName(std::string_view text, std::vector<std::string>* parts);

}  // namespace nano
