// engine/executor/ddl_types.cc — user-defined types: enums and domains.
#include "executor/ddl_types.h"

#include <algorithm>
#include <cctype>

#include "binder/binder.h"
#include "executor/ddl_util.h"
#include "executor/eval.h"
#include "executor/table_store.h"
#include "parser/parser.h"
#include "types/enum_value.h"
#include "types/type_info.h"

namespace nano {

namespace {

using ddl_util::Error;
using ddl_util::Notice;

constexpr size_t kMaxLabelBytes = 63;  // NAMEDATALEN - 1

std::string Shown(const std::vector<std::string>& name) {
  std::string out;
  for (const auto& n : name) out += (out.empty() ? "" : ".") + n;
  return out;
}

// Splits [schema.]name; the schema must exist.
Status ResolveTypeSchema(const Catalog& catalog, const std::vector<std::string>& name,
                         Oid* schema) {
  *schema = kPublicNamespaceOid;
  if (name.size() < 2) return Status::OK();
  const SchemaDef* s = catalog.FindSchema(name[name.size() - 2]);
  if (s == nullptr) {
    return Error(sqlstate::kInvalidSchemaName,
                 "schema \"" + name[name.size() - 2] + "\" does not exist");
  }
  *schema = s->oid;
  return Status::OK();
}

// The user type `name` names, or nullptr (schema-qualified or public).
const TypeDef* FindUserType(const Catalog& catalog, const std::vector<std::string>& name) {
  Oid schema = kPublicNamespaceOid;
  if (name.size() >= 2) {
    const SchemaDef* s = catalog.FindSchema(name[name.size() - 2]);
    if (s == nullptr) return nullptr;
    schema = s->oid;
  }
  return catalog.FindType(schema, name.back());
}

Status CheckLabel(const std::string& label) {
  if (label.size() > kMaxLabelBytes) {
    return Error(sqlstate::kInvalidName, "invalid enum label \"" + label + "\"")
        .WithDetail("Labels must be 63 bytes or less.");
  }
  return Status::OK();
}

// The parser lowercases identifiers; PostgreSQL prints a domain CHECK's
// VALUE in capitals (pg_get_constraintdef, psql \dD), so the stored text does too.
std::string CapitalizeValue(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\'' || c == '"') {  // copy quoted literals and identifiers as they are
      size_t end = text.find(c, i + 1);
      end = end == std::string::npos ? text.size() : end + 1;
      out.append(text, i, end - i);
      i = end;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t end = i;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                   text[end] == '_' || text[end] == '$')) {
        ++end;
      }
      std::string word = text.substr(i, end - i);
      out += word == "value" ? "VALUE" : word;
      i = end;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

Binder MakeBinder(DdlContext& ctx, const Catalog& catalog) {
  static const FormatContext kDefaultFormat;
  // Non-owning: the catalog outlives the binder, which lives for one call.
  std::shared_ptr<const Catalog> borrowed(&catalog, [](const Catalog*) {});
  return Binder(std::move(borrowed), ctx.format ? ctx.format : &kDefaultFormat, {});
}

Status CreateEnum(const ast::CreateTypeStmt& stmt, Oid schema, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  TypeDef t;
  t.oid = catalog.AllocateOid();
  t.array_oid = catalog.AllocateOid();
  t.schema_oid = schema;
  t.name = stmt.name.back();
  t.kind = TypeKind::kEnum;
  for (const std::string& label : stmt.enum_labels) {
    NANO_RETURN_IF_ERROR(CheckLabel(label));
    if (t.FindLabel(label) != nullptr) {
      // PostgreSQL finds the duplicate through pg_enum's unique index.
      return Error(sqlstate::kUniqueViolation,
                   "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"")
          .WithDetail("Key (enumtypid, enumlabel)=(" + std::to_string(t.oid) + ", " + label +
                      ") already exists.");
    }
    t.labels.push_back(
        EnumLabel{catalog.AllocateOid(), static_cast<double>(t.labels.size() + 1), label});
  }
  catalog.PutType(std::move(t));
  return Status::OK();
}

// PostgreSQL's ChooseConstraintName(domain, NULL, "check", ...).
std::string ChooseCheckName(const TypeDef& domain) {
  for (int pass = 0;; ++pass) {
    std::string candidate =
        domain.name.substr(0, kMaxLabelBytes - 6) + "_check" + (pass ? std::to_string(pass) : "");
    bool taken = std::any_of(domain.constraints.begin(), domain.constraints.end(),
                             [&](const ConstraintDef& c) { return c.name == candidate; });
    if (!taken) return candidate;
  }
}

Status AddDomainConstraint(const ast::Constraint& con, TypeDef* domain, Catalog& catalog,
                           bool* saw_null, bool* saw_not_null, bool* saw_default) {
  switch (con.kind) {
    case ast::ConstraintKind::kNotNull:
    case ast::ConstraintKind::kNull: {
      const bool not_null = con.kind == ast::ConstraintKind::kNotNull;
      if ((not_null && *saw_null) || (!not_null && *saw_not_null)) {
        return Error(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL constraints");
      }
      (not_null ? *saw_not_null : *saw_null) = true;
      domain->not_null = not_null;
      return Status::OK();
    }
    case ast::ConstraintKind::kDefault:
      if (*saw_default) return Error(sqlstate::kSyntaxError, "multiple default expressions");
      *saw_default = true;
      domain->default_expr = con.expr_text;
      return Status::OK();
    case ast::ConstraintKind::kCheck: {
      ConstraintDef c;
      c.oid = catalog.AllocateOid();
      c.type = 'c';
      c.name = con.name.empty() ? ChooseCheckName(*domain) : con.name;
      for (const ConstraintDef& other : domain->constraints) {
        if (other.name == c.name) {
          return Error(sqlstate::kDuplicateObject, "constraint \"" + c.name + "\" for domain \"" +
                                                       domain->name + "\" already exists");
        }
      }
      c.check_expr = CapitalizeValue(con.expr_text);
      domain->constraints.push_back(std::move(c));
      return Status::OK();
    }
    case ast::ConstraintKind::kUnique:
      return Error(sqlstate::kSyntaxError, "unique constraints not possible for domains");
    case ast::ConstraintKind::kPrimaryKey:
      return Error(sqlstate::kSyntaxError, "primary key constraints not possible for domains");
    case ast::ConstraintKind::kForeignKey:
      return Error(sqlstate::kSyntaxError, "foreign key constraints not possible for domains");
    default:
      return Error(sqlstate::kFeatureNotSupported,
                   "this constraint type is not supported for domains");
  }
}

Status CreateDomain(const ast::CreateTypeStmt& stmt, Oid schema, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  TypeDef d;
  d.schema_oid = schema;
  d.name = stmt.name.back();
  d.kind = TypeKind::kDomain;
  {
    Binder binder = MakeBinder(ctx, catalog);
    const TypeDef* base_domain = binder.LookupUserType(stmt.base_type);
    NANO_RETURN_IF_ERROR(binder.ResolveTypeName(stmt.base_type, &d.base_type));
    // A domain over a domain: its base domain's constraints apply too (the
    // catalog walks the chain, so later ALTER DOMAINs reach it) and its
    // default is the starting default, as in PostgreSQL.
    if (base_domain != nullptr && base_domain->kind == TypeKind::kDomain) {
      d.parent_domain = base_domain->oid;
      d.default_expr = base_domain->default_expr;
    }
  }
  d.oid = catalog.AllocateOid();
  d.array_oid = catalog.AllocateOid();
  bool saw_null = false, saw_not_null = false, saw_default = false;
  for (const ast::Constraint& con : stmt.constraints) {
    NANO_RETURN_IF_ERROR(
        AddDomainConstraint(con, &d, catalog, &saw_null, &saw_not_null, &saw_default));
  }
  const Oid oid = d.oid;
  const TypeRef base = d.base_type;
  const std::string default_expr = d.default_expr;
  catalog.PutType(std::move(d));
  // Bind the constraints and the default now so mistakes fail at CREATE time.
  Binder binder = MakeBinder(ctx, catalog);
  BoundExprPtr check;
  NANO_RETURN_IF_ERROR(binder.AddDomainCheck(oid, MakeConst(Value::Null(base.oid), base), &check));
  if (!default_expr.empty()) {
    ast::ExprPtr parsed;
    NANO_RETURN_IF_ERROR(ParseExpression(default_expr, &parsed));
    BoundExprPtr bound;
    NANO_RETURN_IF_ERROR(binder.BindStandaloneExpr(*parsed, base, &bound));
  }
  return Status::OK();
}

// What depends on a type, in the order PostgreSQL's findDependentObjects
// walks it: direct dependents sorted by (object oid descending, catalog,
// column number), each after its own dependents (post-order). Reports list
// them in reverse; CASCADE drops them in this order.
struct Dependent {
  Oid object = 0;    // the table (for a column) or the type
  Oid class_id = 0;  // 1259 pg_class (a column) or 1247 pg_type
  int16_t attnum = 0;
  std::string column;       // a column's name
  std::string description;  // "column a of table t" / "type d"
  std::string depends_on;   // what it depends on directly: "type mood"
};

constexpr Oid kPgClassId = 1259;
constexpr Oid kPgTypeId = 1247;

void CollectDependents(const Catalog& catalog, Oid oid, const std::string& described,
                       std::vector<Dependent>* out, int depth) {
  std::vector<Dependent> direct;
  // ct[] (a record array naming ct in its typmod) and d[] (a column whose
  // domain_oid is d's array type) depend on the type through its array type.
  const TypeDef* self = catalog.TypeByOid(oid);
  const Oid array_oid = self != nullptr ? self->array_oid : 0;
  auto array_of_this = [&](TypeRef t) {
    return t.oid == type::kRecordArray && t.typmod == static_cast<int32_t>(oid);
  };
  for (const auto& [toid, t] : catalog.tables()) {
    for (const ColumnDef& c : t.columns) {
      // A domain column depends on its domain only, not on the domain's base type.
      const Oid uses = c.domain_oid ? c.domain_oid : c.type.oid;
      const bool via_array = (c.domain_oid != 0 && array_oid != 0 && c.domain_oid == array_oid) ||
                             (c.domain_oid == 0 && array_of_this(c.type));
      if (c.dropped || (uses != oid && !via_array)) continue;
      direct.push_back(Dependent{toid, kPgClassId, c.attnum, c.name,
                                 "column " + c.name + " of table " + t.name,
                                 via_array ? described + "[]" : described});
    }
  }
  for (const auto& [doid, d] : catalog.types()) {
    if (d.kind == TypeKind::kComposite) {
      for (const RecordField& f : d.attributes) {
        if (f.type.oid != oid && !array_of_this(f.type)) continue;
        direct.push_back(Dependent{doid, kPgTypeId, 0, "",
                                   "column " + f.name + " of composite type " + d.name,
                                   array_of_this(f.type) ? described + "[]" : described});
        break;
      }
      continue;
    }
    if (d.kind != TypeKind::kDomain) continue;
    if (d.parent_domain == oid || (d.parent_domain == 0 && d.base_type.oid == oid)) {
      direct.push_back(Dependent{doid, kPgTypeId, 0, "", "type " + d.name, described});
    }
  }
  std::sort(direct.begin(), direct.end(), [](const Dependent& a, const Dependent& b) {
    if (a.object != b.object) return a.object > b.object;
    if (a.class_id != b.class_id) return a.class_id < b.class_id;
    return a.attnum < b.attnum;
  });
  for (Dependent& d : direct) {
    if (d.class_id == kPgTypeId && depth < 32) {  // bounded: domain chains are short
      CollectDependents(catalog, d.object, d.description, out, depth + 1);
    }
    out->push_back(std::move(d));
  }
}

Status DropColumn(DdlContext& ctx, const TableDef& table, const std::string& column) {
  ast::AlterTableStmt alter;
  alter.table.name = table.name;
  if (const SchemaDef* s = ctx.catalog->SchemaByOid(table.schema_oid)) alter.table.schema = s->name;
  alter.cmds.emplace_back();
  alter.cmds.back().kind = ast::AlterTableCmdKind::kDropColumn;
  alter.cmds.back().name = column;
  std::string tag;
  return ExecuteDdl(alter, ctx, &tag);
}

Status DropOneType(DdlContext& ctx, const TypeDef& type, bool cascade) {
  const std::string name = type.name;
  const Oid oid = type.oid;
  std::vector<Dependent> dependents;
  CollectDependents(*ctx.catalog, oid, "type " + name, &dependents, 0);
  if (!dependents.empty()) {
    std::vector<const Dependent*> reported;
    for (auto it = dependents.rbegin(); it != dependents.rend(); ++it) reported.push_back(&*it);
    if (!cascade) {
      std::string detail;
      for (const Dependent* d : reported) {
        detail += (detail.empty() ? "" : "\n") + d->description + " depends on " + d->depends_on;
      }
      return Error(sqlstate::kDependentObjectsStillExist,
                   "cannot drop type " + name + " because other objects depend on it")
          .WithDetail(detail)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    // One NOTICE per object: the DROP statement groups them (GroupCascadeNotices).
    for (const Dependent* d : reported) Notice(ctx, "drop cascades to " + d->description);
    for (const Dependent& d : dependents) {  // dependents before what they depend on
      if (d.class_id == kPgTypeId) {
        ctx.catalog->RemoveType(d.object);
      } else if (const TableDef* t = ctx.catalog->TableByOid(d.object)) {
        NANO_RETURN_IF_ERROR(DropColumn(ctx, *t, d.column));
      }
    }
  }
  ctx.catalog->RemoveType(oid);
  return Status::OK();
}

// RENAME VALUE: stored enum values carry their label (types/enum_value.h),
// so rows holding the old label are rewritten, indexes included.
Status RewriteEnumLabel(DdlContext& ctx, Oid type_oid, const EnumLabel& old_label,
                        const std::string& new_label) {
  const Value old_value = MakeEnumValue(type_oid, old_label.sort_order, old_label.label);
  const Value new_value = MakeEnumValue(type_oid, old_label.sort_order, new_label);
  for (const auto& [toid, table] : ctx.catalog->tables()) {
    if (table.kind != RelKind::kTable) continue;
    std::vector<size_t> cols;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (!table.columns[i].dropped && table.columns[i].type.oid == type_oid) cols.push_back(i);
    }
    if (cols.empty()) continue;
    std::string lower = HeapPrefix(table.oid), upper = lower;
    upper.back() = static_cast<char>(upper.back() + 1);
    std::vector<std::pair<uint64_t, std::vector<Value>>> changed;
    auto it = ctx.exec->txn->NewIterator(ctx.exec->chain, lower, upper, /*latest=*/true);
    for (it->Seek(lower); it->Valid(); it->Next()) {
      std::vector<Value> row;
      NANO_RETURN_IF_ERROR(DecodeHeapValue(table, it->value(), &row));
      bool hit = false;
      for (size_t c : cols) hit |= !row[c].is_null() && row[c].str() == old_value.str();
      if (hit) changed.emplace_back(RowIdFromKey(it->key()), std::move(row));
    }
    NANO_RETURN_IF_ERROR(it->status());
    if (changed.empty()) continue;
    TableWriter writer(ctx.exec, &table);
    NANO_RETURN_IF_ERROR(writer.Init());
    for (auto& [rowid, row] : changed) {
      std::vector<Value> updated = row;
      for (size_t c : cols) {
        if (!updated[c].is_null() && updated[c].str() == old_value.str()) updated[c] = new_value;
      }
      NANO_RETURN_IF_ERROR(writer.Update(rowid, row, &updated));
    }
  }
  return Status::OK();
}

// Checks every stored value of columns declared with `domain` (already
// updated in the catalog) against its constraints; a failure can only be the
// new constraint's, reported the way PostgreSQL's validateDomainConstraint does.
Status ValidateDomainColumns(DdlContext& ctx, const TypeDef& domain) {
  Binder binder = MakeBinder(ctx, *ctx.catalog);
  std::shared_ptr<const Catalog> borrowed(ctx.catalog, [](const Catalog*) {});
  ExecContext exec = *ctx.exec;
  exec.catalog = borrowed;  // the checks see the altered domain
  ExecState st;
  st.ctx = &exec;
  for (const auto& [toid, table] : ctx.catalog->tables()) {
    for (size_t ci = 0; ci < table.columns.size(); ++ci) {
      const ColumnDef& col = table.columns[ci];
      if (col.dropped || col.domain_oid == 0 ||
          !ctx.catalog->DomainDerivesFrom(col.domain_oid, domain.oid)) {
        continue;
      }
      BoundExprPtr check;
      NANO_RETURN_IF_ERROR(binder.AddDomainCheck(
          col.domain_oid, MakeColumnRef(static_cast<int>(ci), col.type), &check));
      std::string lower = HeapPrefix(table.oid), upper = lower;
      upper.back() = static_cast<char>(upper.back() + 1);
      auto it = ctx.exec->txn->NewIterator(ctx.exec->chain, lower, upper, /*latest=*/true);
      for (it->Seek(lower); it->Valid(); it->Next()) {
        std::vector<Value> row;
        NANO_RETURN_IF_ERROR(DecodeHeapValue(table, it->value(), &row));
        Value ignored;
        Status bad = EvalExpr(*check, row, st, &ignored);
        if (bad.ok()) continue;
        const std::string where = "column \"" + col.name + "\" of table \"" + table.name + "\"";
        if (bad.sqlstate() == std::string(sqlstate::kNotNullViolation)) {
          return Error(sqlstate::kNotNullViolation, where + " contains null values");
        }
        if (bad.sqlstate() == std::string(sqlstate::kCheckViolation)) {
          return Error(sqlstate::kCheckViolation,
                       where + " contains values that violate the new constraint");
        }
        return bad;
      }
      NANO_RETURN_IF_ERROR(it->status());
    }
  }
  return Status::OK();
}

Status ConstraintMissing(const TypeDef& d, const std::string& name) {
  return Error(sqlstate::kUndefinedObject,
               "constraint \"" + name + "\" of domain \"" + d.name + "\" does not exist");
}

}  // namespace

Status AlterDomain(const ast::AlterDomainStmt& stmt, DdlContext& ctx) {
  const TypeDef* found = FindUserType(*ctx.catalog, stmt.name);
  if (found == nullptr) {
    return Error(sqlstate::kUndefinedObject, "type \"" + Shown(stmt.name) + "\" does not exist");
  }
  if (found->kind != TypeKind::kDomain) {  // unquoted here, as PostgreSQL words it
    return Error(sqlstate::kWrongObjectType, found->name + " is not a domain");
  }
  TypeDef d = *found;
  bool validate = false;
  switch (stmt.subtype) {
    case 'T':  // SET / DROP DEFAULT
      d.default_expr = stmt.default_text;
      if (!d.default_expr.empty()) {
        ast::ExprPtr parsed;
        NANO_RETURN_IF_ERROR(ParseExpression(d.default_expr, &parsed));
        BoundExprPtr bound;
        NANO_RETURN_IF_ERROR(
            MakeBinder(ctx, *ctx.catalog).BindStandaloneExpr(*parsed, d.base_type, &bound));
      }
      break;
    case 'O':  // SET NOT NULL
      validate = !d.not_null;
      d.not_null = true;
      break;
    case 'N':  // DROP NOT NULL
      d.not_null = false;
      break;
    case 'C': {  // ADD CONSTRAINT
      const ast::Constraint& con = *stmt.constraint;
      if (con.kind == ast::ConstraintKind::kNotNull) {
        validate = !d.not_null;
        d.not_null = true;
        break;
      }
      if (con.kind != ast::ConstraintKind::kCheck) {
        bool unused[3] = {false, false, false};
        NANO_RETURN_IF_ERROR(
            AddDomainConstraint(con, &d, *ctx.catalog, &unused[0], &unused[1], &unused[2]));
        break;
      }
      bool saw_null = false, saw_not_null = false, saw_default = false;
      NANO_RETURN_IF_ERROR(
          AddDomainConstraint(con, &d, *ctx.catalog, &saw_null, &saw_not_null, &saw_default));
      validate = !con.not_valid;
      break;
    }
    case 'X': {  // DROP CONSTRAINT
      auto it =
          std::find_if(d.constraints.begin(), d.constraints.end(),
                       [&](const ConstraintDef& c) { return c.name == stmt.constraint_name; });
      if (it == d.constraints.end()) {
        if (stmt.missing_ok) {
          Notice(ctx, "constraint \"" + stmt.constraint_name + "\" of domain \"" + d.name +
                          "\" does not exist, skipping");
          return Status::OK();
        }
        return ConstraintMissing(d, stmt.constraint_name);
      }
      d.constraints.erase(it);
      break;
    }
    case 'V': {  // VALIDATE CONSTRAINT (of one added NOT VALID): check the stored values
      bool exists =
          std::any_of(d.constraints.begin(), d.constraints.end(),
                      [&](const ConstraintDef& c) { return c.name == stmt.constraint_name; });
      if (!exists) return ConstraintMissing(d, stmt.constraint_name);
      return ValidateDomainColumns(ctx, d);
    }
    default:
      return Error(sqlstate::kFeatureNotSupported, "this form of ALTER DOMAIN is not supported");
  }
  const TypeDef altered = d;
  ctx.catalog->PutType(std::move(d));
  if (validate) NANO_RETURN_IF_ERROR(ValidateDomainColumns(ctx, altered));
  if (stmt.subtype == 'C' && stmt.constraint->kind == ast::ConstraintKind::kCheck) {
    // Bind the new CHECK once even when no column uses the domain yet.
    BoundExprPtr check;
    NANO_RETURN_IF_ERROR(
        MakeBinder(ctx, *ctx.catalog)
            .AddDomainCheck(altered.oid,
                            MakeConst(Value::Null(altered.base_type.oid), altered.base_type),
                            &check));
  }
  return Status::OK();
}

// CREATE TYPE name AS (attr type, ...): a composite type with its pg_class
// row (relkind 'c'). Attributes of domain types keep the base type.
Status CreateComposite(const ast::CreateTypeStmt& stmt, Oid schema, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  TypeDef t;
  t.schema_oid = schema;
  t.name = stmt.name.back();
  t.kind = TypeKind::kComposite;
  Binder binder = MakeBinder(ctx, catalog);
  for (const ast::ColumnDef& a : stmt.attributes) {
    for (const RecordField& f : t.attributes) {
      if (f.name == a.name) {
        return Error(sqlstate::kDuplicateColumn,
                     "column \"" + a.name + "\" specified more than once");
      }
    }
    RecordField f;
    f.name = a.name;
    NANO_RETURN_IF_ERROR(binder.ResolveTypeName(a.type, &f.type));
    if (f.type.oid == type::kRecord || f.type.oid == type::kUnknown) {
      return Error(sqlstate::kInvalidTableDefinition,
                   "column \"" + a.name + "\" has pseudo-type " + FormatType(f.type));
    }
    t.attributes.push_back(std::move(f));
  }
  t.oid = catalog.AllocateOid();
  t.array_oid = catalog.AllocateOid();
  t.relid = catalog.AllocateOid();
  catalog.PutType(std::move(t));
  return Status::OK();
}

Status CreateUserType(const ast::CreateTypeStmt& stmt, DdlContext& ctx) {
  Oid schema = 0;
  NANO_RETURN_IF_ERROR(ResolveTypeSchema(*ctx.catalog, stmt.name, &schema));
  const std::string& name = stmt.name.back();
  // Tables and views own a row type of the same name in PostgreSQL.
  if (ctx.catalog->FindType(schema, name) != nullptr ||
      ctx.catalog->FindTable(schema, name) != nullptr) {
    return Error(sqlstate::kDuplicateObject, "type \"" + name + "\" already exists");
  }
  if (stmt.form == ast::CreateTypeStmt::Form::kEnum) return CreateEnum(stmt, schema, ctx);
  if (stmt.form == ast::CreateTypeStmt::Form::kComposite) {
    return CreateComposite(stmt, schema, ctx);
  }
  return CreateDomain(stmt, schema, ctx);
}

Status AlterEnum(const ast::AlterEnumStmt& stmt, DdlContext& ctx) {
  const TypeDef* found = FindUserType(*ctx.catalog, stmt.name);
  if (found == nullptr) {
    return Error(sqlstate::kUndefinedObject, "type \"" + Shown(stmt.name) + "\" does not exist");
  }
  if (found->kind != TypeKind::kEnum) {
    return Error(sqlstate::kWrongObjectType, "\"" + found->name + "\" is not an enum");
  }
  TypeDef t = *found;
  if (!stmt.old_value.empty()) {  // RENAME VALUE
    auto old_it = std::find_if(t.labels.begin(), t.labels.end(),
                               [&](const EnumLabel& l) { return l.label == stmt.old_value; });
    if (old_it == t.labels.end()) {
      return Error(sqlstate::kInvalidParameterValue,
                   "\"" + stmt.old_value + "\" is not an existing enum label");
    }
    if (stmt.old_value == stmt.new_value) return Status::OK();
    if (t.FindLabel(stmt.new_value) != nullptr) {
      return Error(sqlstate::kDuplicateObject,
                   "enum label \"" + stmt.new_value + "\" already exists");
    }
    NANO_RETURN_IF_ERROR(CheckLabel(stmt.new_value));
    NANO_RETURN_IF_ERROR(RewriteEnumLabel(ctx, t.oid, *old_it, stmt.new_value));
    old_it->label = stmt.new_value;
    ctx.catalog->PutType(std::move(t));
    return Status::OK();
  }
  NANO_RETURN_IF_ERROR(CheckLabel(stmt.new_value));
  if (t.FindLabel(stmt.new_value) != nullptr) {
    if (stmt.if_not_exists) {
      Notice(ctx, "enum label \"" + stmt.new_value + "\" already exists, skipping");
      return Status::OK();
    }
    return Error(sqlstate::kDuplicateObject,
                 "enum label \"" + stmt.new_value + "\" already exists");
  }
  // A new label takes a sort order between its neighbours; existing labels
  // (and so stored values) keep theirs.
  size_t pos = t.labels.size();
  if (!stmt.neighbor.empty()) {
    auto nb = std::find_if(t.labels.begin(), t.labels.end(),
                           [&](const EnumLabel& l) { return l.label == stmt.neighbor; });
    if (nb == t.labels.end()) {
      return Error(sqlstate::kInvalidParameterValue,
                   "\"" + stmt.neighbor + "\" is not an existing enum label");
    }
    pos = static_cast<size_t>(nb - t.labels.begin()) + (stmt.after ? 1 : 0);
  }
  double sort;
  if (t.labels.empty()) {
    sort = 1;
  } else if (pos == t.labels.size()) {
    sort = t.labels.back().sort_order + 1;
  } else if (pos == 0) {
    sort = t.labels.front().sort_order - 1;
  } else {
    sort = (t.labels[pos - 1].sort_order + t.labels[pos].sort_order) / 2;
    if (sort <= t.labels[pos - 1].sort_order || sort >= t.labels[pos].sort_order) {
      return Error(sqlstate::kProgramLimitExceeded, "no room for a new label between \"" +
                                                        t.labels[pos - 1].label + "\" and \"" +
                                                        t.labels[pos].label + "\"");
    }
  }
  t.labels.insert(t.labels.begin() + static_cast<std::ptrdiff_t>(pos),
                  EnumLabel{ctx.catalog->AllocateOid(), sort, stmt.new_value});
  ctx.catalog->PutType(std::move(t));
  return Status::OK();
}

Status RenameUserType(const ast::RenameStmt& stmt, DdlContext& ctx) {
  const TypeDef* found = FindUserType(*ctx.catalog, stmt.object);
  if (found == nullptr) {
    return Error(sqlstate::kUndefinedObject, "type \"" + Shown(stmt.object) + "\" does not exist");
  }
  if (stmt.object_type == ast::ObjectType::kDomain && found->kind != TypeKind::kDomain) {
    return Error(sqlstate::kWrongObjectType, found->name + " is not a domain");
  }
  if (ctx.catalog->FindType(found->schema_oid, stmt.new_name) != nullptr ||
      ctx.catalog->FindTable(found->schema_oid, stmt.new_name) != nullptr) {
    return Error(sqlstate::kDuplicateObject, "type \"" + stmt.new_name + "\" already exists");
  }
  TypeDef t = *found;
  t.name = stmt.new_name;
  ctx.catalog->PutType(std::move(t));
  return Status::OK();
}

Status DropSchemaTypes(DdlContext& ctx, Oid schema, bool cascade, bool* any) {
  std::vector<Oid> oids;
  for (const auto& [oid, t] : ctx.catalog->types()) {
    if (t.schema_oid == schema) oids.push_back(oid);
  }
  *any = !oids.empty();
  if (!cascade) return Status::OK();
  for (Oid oid : oids) {
    const TypeDef* t = ctx.catalog->TypeByOid(oid);
    if (t != nullptr) NANO_RETURN_IF_ERROR(DropOneType(ctx, *t, true));
  }
  return Status::OK();
}

Status DropUserTypes(const ast::DropStmt& stmt, DdlContext& ctx) {
  const bool domain_only = stmt.object_type == ast::ObjectType::kDomain;
  const bool cascade = stmt.behavior == ast::DropBehavior::kCascade;
  // PostgreSQL resolves every name before dropping anything.
  std::vector<Oid> oids;
  for (const auto& name : stmt.objects) {
    const TypeDef* t = FindUserType(*ctx.catalog, name);
    if (t == nullptr) {
      if (stmt.missing_ok) {
        Notice(ctx, "type \"" + Shown(name) + "\" does not exist, skipping");
        continue;
      }
      return Error(sqlstate::kUndefinedObject, "type \"" + Shown(name) + "\" does not exist");
    }
    if (domain_only && t->kind != TypeKind::kDomain) {
      return Error(sqlstate::kWrongObjectType, "\"" + t->name + "\" is not a domain");
    }
    oids.push_back(t->oid);
  }
  for (Oid oid : oids) {
    const TypeDef* t = ctx.catalog->TypeByOid(oid);
    if (t != nullptr) NANO_RETURN_IF_ERROR(DropOneType(ctx, *t, cascade));
  }
  return Status::OK();
}

}  // namespace nano
