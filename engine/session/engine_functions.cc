// engine/session/engine_functions.cc — built-ins that belong to the server
// rather than to a type family: the catalog helpers psql and drivers call
// (format_type, pg_get_userbyid, privilege checks, encodings). Registered
// once into the process-wide FunctionRegistry when the first Engine opens.
#include <mutex>

#include "catalog/catalog.h"
#include "function/registry.h"
#include "session/engine_impl.h"
#include "types/type_info.h"

namespace nano {

namespace {

Status FormatTypeFn(const Value* args, size_t, EvalContext&, Value* out) {
  int32_t typmod = args[1].is_null() ? -1 : static_cast<int32_t>(args[1].int_value());
  if (LookupType(static_cast<TypeOid>(args[0].int_value())) == nullptr) {
    *out = Value::Text("???");
    return Status::OK();
  }
  *out = Value::Text(FormatType(TypeRef{static_cast<TypeOid>(args[0].int_value()), typmod}));
  return Status::OK();
}

Status UserByIdFn(const Value* args, size_t n, EvalContext& ctx, Value* out) {
  if (args[0].int_value() == kPgDatabaseOwnerOid) {
    *out = Value::String(type::kName, "pg_database_owner");
    return Status::OK();
  }
  if (ctx.session == nullptr) {
    *out = Value::String(type::kName, "postgres");
    return Status::OK();
  }
  return ctx.session->PrivilegeInquiry("pg_get_userbyid", args, n, out);
}

// The privilege inquiry functions, answered by the session (session_roles.cc).
#define NANO_INQUIRY(fn_name)                                                     \
  Status fn_name##Fn(const Value* args, size_t n, EvalContext& ctx, Value* out) { \
    if (ctx.session == nullptr) {                                                 \
      *out = Value::Bool(true);                                                   \
      return Status::OK();                                                        \
    }                                                                             \
    return ctx.session->PrivilegeInquiry(#fn_name, args, n, out);                 \
  }
NANO_INQUIRY(has_table_privilege)
NANO_INQUIRY(has_column_privilege)
NANO_INQUIRY(has_schema_privilege)
NANO_INQUIRY(has_sequence_privilege)
NANO_INQUIRY(pg_has_role)
#undef NANO_INQUIRY

// pg_partition_ancestors(regclass): there are no partitions, so a relation's
// only "ancestor" is itself. PostgreSQL's is set-returning; with exactly one
// row a scalar gives the same result where psql uses it (\d's "Referenced by").
Status PartitionAncestorsFn(const Value* args, size_t, EvalContext&, Value* out) {
  *out = args[0];
  return Status::OK();
}

Status TrueFn(const Value*, size_t, EvalContext&, Value* out) {
  *out = Value::Bool(true);
  return Status::OK();
}

Status EncodingFn(const Value* args, size_t, EvalContext&, Value* out) {
  *out = Value::String(type::kName, args[0].int_value() == 6 ? "UTF8" : "");
  return Status::OK();
}

// There are no extended statistics objects (nor triggers); psql's \d asks
// only for those of the table (none), so this is never reached with a real
// object.
Status NullTextFn(const Value*, size_t, EvalContext&, Value* out) {
  *out = Value::Null(type::kText);
  return Status::OK();
}

// pg_size_pretty(bigint), PostgreSQL 15's units and half-up rounding.
Status SizePrettyFn(const Value* args, size_t, EvalContext&, Value* out) {
  struct Unit {
    const char* name;
    int64_t limit;  // use this unit below this absolute size
    bool round;     // the value carries one extra bit for rounding
    int bits;       // log2 of the unit
  };
  static constexpr Unit kUnits[] = {
      {"bytes", 10 * 1024, false, 0},  {"kB", 20 * 1024 - 1, true, 10},
      {"MB", 20 * 1024 - 1, true, 20}, {"GB", 20 * 1024 - 1, true, 30},
      {"TB", 20 * 1024 - 1, true, 40}, {"PB", 20 * 1024 - 1, true, 50}};
  constexpr size_t kCount = sizeof(kUnits) / sizeof(kUnits[0]);
  int64_t size = args[0].int_value();
  for (size_t i = 0; i < kCount; ++i) {
    const Unit& u = kUnits[i];
    int64_t magnitude = size < 0 ? -size : size;
    if (i + 1 == kCount || magnitude < u.limit) {
      if (u.round) size = (size + (size < 0 ? -1 : 1)) / 2;
      *out = Value::Text(std::to_string(size) + " " + u.name);
      return Status::OK();
    }
    const Unit& next = kUnits[i + 1];
    int bits = next.bits - u.bits - (next.round ? 1 : 0) + (u.round ? 1 : 0);
    size /= int64_t{1} << bits;
  }
  return Status::OK();
}

// shobj_description(oid, catalog): initdb's comments on the three initial
// databases, whose oids (1, 4, 5) the engine keeps as PostgreSQL 15 does;
// there is no COMMENT ON DATABASE, so nothing else has one.
Status SharedDescriptionFn(const Value* args, size_t, EvalContext&, Value* out) {
  *out = Value::Null(type::kText);
  if (args[1].str() != "pg_database") return Status::OK();
  switch (args[0].int_value()) {
    case 1:
      *out = Value::Text("default template for new databases");
      break;
    case 4:
      *out = Value::Text("unmodifiable empty database");
      break;
    case 5:
      *out = Value::Text("default administrative connection database");
      break;
    default:
      break;
  }
  return Status::OK();
}

Status ZeroSizeFn(const Value*, size_t, EvalContext&, Value* out) {
  *out = Value::Int8(0);
  return Status::OK();
}

void Register(const char* name, std::vector<TypeOid> args, TypeOid result, ScalarFn fn,
              bool strict = true) {
  ScalarOverload f;
  f.name = name;
  f.arg_types = std::move(args);
  f.return_type = result;
  f.fn = fn;
  f.strict = strict;
  f.volatility = Volatility::kStable;
  FunctionRegistry::Builtins().Register(std::move(f));
}

}  // namespace

void RegisterEngineFunctions() {
  static std::once_flag once;
  std::call_once(once, [] {
    FunctionRegistry& r = FunctionRegistry::Builtins();
    if (!r.IsFunctionName("format_type")) {
      Register("format_type", {type::kOid, type::kInt4}, type::kText, FormatTypeFn, false);
    }
    if (!r.IsFunctionName("pg_get_userbyid")) {
      Register("pg_get_userbyid", {type::kOid}, type::kName, UserByIdFn);
    }
    if (!r.IsFunctionName("pg_encoding_to_char")) {
      Register("pg_encoding_to_char", {type::kInt4}, type::kName, EncodingFn);
    }
    // Every database allows CONNECT/CREATE/TEMP to every role (no database ACLs).
    if (!r.IsFunctionName("has_database_privilege")) {
      const char* priv = "has_database_privilege";
      Register(priv, {type::kText, type::kText}, type::kBool, TrueFn);
      Register(priv, {type::kOid, type::kText}, type::kBool, TrueFn);
      Register(priv, {type::kText, type::kText, type::kText}, type::kBool, TrueFn);
      Register(priv, {type::kName, type::kOid, type::kText}, type::kBool, TrueFn);
    }
    const std::pair<const char*, ScalarFn> inquiries[] = {
        {"has_table_privilege", has_table_privilegeFn},
        {"has_schema_privilege", has_schema_privilegeFn},
        {"has_sequence_privilege", has_sequence_privilegeFn}};
    for (const auto& [priv, fn] : inquiries) {
      if (r.IsFunctionName(priv)) continue;
      Register(priv, {type::kText, type::kText}, type::kBool, fn);
      Register(priv, {type::kOid, type::kText}, type::kBool, fn);
      Register(priv, {type::kName, type::kText, type::kText}, type::kBool, fn);
      Register(priv, {type::kName, type::kOid, type::kText}, type::kBool, fn);
      Register(priv, {type::kOid, type::kText, type::kText}, type::kBool, fn);
      Register(priv, {type::kOid, type::kOid, type::kText}, type::kBool, fn);
    }
    if (!r.IsFunctionName("has_column_privilege")) {
      const char* priv = "has_column_privilege";
      ScalarFn fn = has_column_privilegeFn;
      Register(priv, {type::kText, type::kText, type::kText}, type::kBool, fn);
      Register(priv, {type::kOid, type::kText, type::kText}, type::kBool, fn);
      Register(priv, {type::kOid, type::kInt2, type::kText}, type::kBool, fn);
      Register(priv, {type::kName, type::kText, type::kText, type::kText}, type::kBool, fn);
      Register(priv, {type::kName, type::kOid, type::kText, type::kText}, type::kBool, fn);
      Register(priv, {type::kOid, type::kOid, type::kText, type::kText}, type::kBool, fn);
    }
    if (!r.IsFunctionName("pg_partition_ancestors")) {
      Register("pg_partition_ancestors", {type::kRegClass}, type::kRegClass, PartitionAncestorsFn);
    }
    if (!r.IsFunctionName("pg_relation_is_publishable")) {
      Register("pg_relation_is_publishable", {type::kRegClass}, type::kBool, TrueFn);
    }
    if (!r.IsFunctionName("pg_size_pretty")) {
      Register("pg_size_pretty", {type::kInt8}, type::kText, SizePrettyFn);
    }
    // pg_has_role asks the session's roles; every type is in pg_catalog,
    // which is always on the search path.
    if (!r.IsFunctionName("pg_has_role")) {
      Register("pg_has_role", {type::kName, type::kText}, type::kBool, pg_has_roleFn);
      Register("pg_has_role", {type::kName, type::kName, type::kText}, type::kBool, pg_has_roleFn);
      Register("pg_has_role", {type::kOid, type::kText}, type::kBool, pg_has_roleFn);
      Register("pg_has_role", {type::kName, type::kOid, type::kText}, type::kBool, pg_has_roleFn);
      Register("pg_has_role", {type::kOid, type::kOid, type::kText}, type::kBool, pg_has_roleFn);
    }
    if (!r.IsFunctionName("pg_type_is_visible")) {
      Register("pg_type_is_visible", {type::kOid}, type::kBool, TrueFn);
    }
    if (!r.IsFunctionName("pg_get_statisticsobjdef_columns")) {
      Register("pg_get_statisticsobjdef_columns", {type::kOid}, type::kText, NullTextFn);
    }
    for (const char* size_fn :
         {"pg_relation_size", "pg_total_relation_size", "pg_table_size", "pg_indexes_size"}) {
      if (!r.IsFunctionName(size_fn)) Register(size_fn, {type::kOid}, type::kInt8, ZeroSizeFn);
    }
    // Memory-mode databases have no files to measure (like the relation sizes above).
    if (!r.IsFunctionName("shobj_description")) {
      Register("shobj_description", {type::kOid, type::kName}, type::kText, SharedDescriptionFn);
    }
    if (!r.IsFunctionName("pg_database_size")) {
      Register("pg_database_size", {type::kName}, type::kInt8, ZeroSizeFn);
      Register("pg_database_size", {type::kOid}, type::kInt8, ZeroSizeFn);
    }
  });
}

}  // namespace nano
