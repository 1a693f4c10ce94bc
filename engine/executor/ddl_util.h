// engine/executor/ddl_util.h — the small helpers every DDL file shares:
// error positions, a borrowed catalog for binders, the session's format,
// NOTICEs and the schema of a qualified name.
//
// Internal to engine/executor/ddl*.cc (include it only there); each file
// pulls the names it uses into its own anonymous namespace with `using`.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "common/sqlstate.h"
#include "common/status.h"
#include "executor/ddl.h"

namespace nano::ddl_util {

// A parser location (0-based, -1 none) as an error position (1-based, 0 none).
inline int Pos(int location) { return location >= 0 ? location + 1 : 0; }

inline Status Error(const char* state, std::string msg) {
  return Status::Error(state, std::move(msg));
}

inline Status ErrorAt(const char* state, std::string msg, int location = -1) {
  return Status::Error(state, std::move(msg)).WithPosition(Pos(location));
}

// The DDL's private catalog copy, as the shared pointer a Binder takes
// (nothing is owned: the copy outlives the statement).
inline std::shared_ptr<const Catalog> Borrow(const Catalog* c) {
  return std::shared_ptr<const Catalog>(c, [](const Catalog*) {});
}

inline const FormatContext& FormatOf(const DdlContext& ctx) {
  static const FormatContext kDefault;
  return ctx.format ? *ctx.format : kDefault;
}

// A NOTICE (SQLSTATE 00000) to the session, when it listens.
inline void Notice(DdlContext& ctx, std::string message) {
  if (!ctx.notice) return;
  ErrorInfo info;
  info.severity = "NOTICE";
  info.sqlstate = "00000";
  info.message = std::move(message);
  ctx.notice(info);
}

// The schema a possibly qualified name (schema.name) lives in: public when
// unqualified, 3F000 when the schema does not exist.
inline Status SchemaOf(const Catalog& catalog, const std::vector<std::string>& name, Oid* out) {
  *out = kPublicNamespaceOid;
  if (name.size() < 2) return Status::OK();
  const SchemaDef* s = catalog.FindSchema(name[name.size() - 2]);
  if (s == nullptr) {
    return Error(sqlstate::kInvalidSchemaName,
                 "schema \"" + name[name.size() - 2] + "\" does not exist");
  }
  *out = s->oid;
  return Status::OK();
}

}  // namespace nano::ddl_util
