// engine/executor/ddl.cc — CREATE TABLE / INDEX / SEQUENCE / SCHEMA, DROP,
// ALTER TABLE, RENAME, TRUNCATE.
#include "executor/ddl.h"

#include <algorithm>
#include <cassert>

#include "binder/binder.h"
#include "executor/ddl_aggregates.h"
#include "executor/ddl_functions.h"
#include "executor/ddl_operators.h"
#include "executor/ddl_roles.h"
#include "executor/ddl_triggers.h"
#include "executor/ddl_types.h"
#include "executor/eval.h"
#include "executor/partition.h"
#include "executor/table_store.h"
#include "executor/triggers.h"
#include "storage/codec.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano {

namespace {

int Pos(int location) { return location >= 0 ? location + 1 : 0; }

Status ErrorAt(const char* state, std::string msg, int location = -1) {
  return Status::Error(state, std::move(msg)).WithPosition(Pos(location));
}

std::string ValueToStringSafe(const Value& v, DdlContext& ctx) {
  static const FormatContext kDefault;
  return ValueToString(v, ctx.format ? *ctx.format : kDefault);
}

void Notice(DdlContext& ctx, const std::string& code, std::string message) {
  if (!ctx.notice) return;
  ErrorInfo info;
  info.severity = "NOTICE";
  info.sqlstate = code;
  info.message = std::move(message);
  ctx.notice(info);
}

Status ResolveSchema(const Catalog& catalog, const std::string& name, Oid* out, int location) {
  if (name.empty()) {
    *out = kPublicNamespaceOid;
    return Status::OK();
  }
  const SchemaDef* s = catalog.FindSchema(name);
  if (s == nullptr) {
    return ErrorAt(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist",
                   location);
  }
  *out = s->oid;
  return Status::OK();
}

const TableDef* FindRelation(const Catalog& catalog, const ast::RangeVar& rv) {
  Oid schema = kPublicNamespaceOid;
  if (!rv.schema.empty()) {
    const SchemaDef* s = catalog.FindSchema(rv.schema);
    if (s == nullptr) return nullptr;
    schema = s->oid;
  }
  return catalog.FindTable(schema, rv.name);
}

// PostgreSQL's ChooseRelationName / ChooseConstraintName: name1_name2_label,
// truncated to 63 bytes, with a number appended until unique.
std::string ChooseName(const Catalog& catalog, Oid schema, const std::string& name1,
                       const std::string& name2, const std::string& label,
                       const std::vector<std::string>& also_taken = {}) {
  for (int pass = 0; pass < 10000; ++pass) {
    std::string suffix = label + (pass == 0 ? "" : std::to_string(pass));
    std::string a = name1, b = name2;
    size_t overhead = suffix.size() + 1 + (b.empty() ? 0 : 1);
    while (a.size() + b.size() + overhead > 63) {
      if (a.size() > b.size()) {
        a.pop_back();
      } else {
        b.pop_back();
      }
    }
    std::string candidate = a + (b.empty() ? "" : "_" + b) + "_" + suffix;
    bool taken = catalog.RelationNameTaken(schema, candidate) ||
                 std::find(also_taken.begin(), also_taken.end(), candidate) != also_taken.end();
    if (!taken) return candidate;
  }
  return name1 + "_" + label;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "_") + n;
  return out;
}

Status ParseSequenceOptions(const std::vector<ast::DefElem>& options, bool is_alter,
                            SequenceOptions* seq, bool* restart, int64_t* restart_value,
                            std::string* owned_by) {
  bool has_min = false, has_max = false, has_start = false;
  for (const ast::DefElem& o : options) {
    auto int_arg = [&](int64_t* out) -> Status {
      if (o.arg_kind == ast::DefElem::ArgKind::kInteger) {
        *out = o.ival;
      } else if (o.arg_kind == ast::DefElem::ArgKind::kNumber) {
        try {
          *out = std::stoll(o.str);
        } catch (...) {
          return ErrorAt(sqlstate::kInvalidParameterValue, "invalid value for " + o.name,
                         o.location);
        }
      } else {
        return ErrorAt(sqlstate::kSyntaxError, o.name + " requires a numeric value", o.location);
      }
      return Status::OK();
    };
    if (o.name == "increment") {
      NANO_RETURN_IF_ERROR(int_arg(&seq->increment));
      if (seq->increment == 0) {
        return ErrorAt(sqlstate::kInvalidParameterValue, "INCREMENT must not be zero", o.location);
      }
    } else if (o.name == "minvalue") {
      if (o.arg_kind != ast::DefElem::ArgKind::kNone) {
        NANO_RETURN_IF_ERROR(int_arg(&seq->min_value));
        has_min = true;
      }
    } else if (o.name == "maxvalue") {
      if (o.arg_kind != ast::DefElem::ArgKind::kNone) {
        NANO_RETURN_IF_ERROR(int_arg(&seq->max_value));
        has_max = true;
      }
    } else if (o.name == "start") {
      NANO_RETURN_IF_ERROR(int_arg(&seq->start));
      has_start = true;
    } else if (o.name == "restart") {
      *restart = true;
      *restart_value = seq->start;
      if (o.arg_kind != ast::DefElem::ArgKind::kNone) NANO_RETURN_IF_ERROR(int_arg(restart_value));
    } else if (o.name == "cache") {
      NANO_RETURN_IF_ERROR(int_arg(&seq->cache));
    } else if (o.name == "cycle") {
      seq->cycle = o.arg_kind == ast::DefElem::ArgKind::kNone || o.bval || o.ival != 0;
    } else if (o.name == "as") {
      if (o.type_name) {
        const TypeInfo* info = LookupTypeByName(o.type_name->names.back());
        if (info == nullptr ||
            (info->oid != type::kInt2 && info->oid != type::kInt4 && info->oid != type::kInt8)) {
          return ErrorAt(sqlstate::kInvalidParameterValue,
                         "sequence type must be smallint, integer, or bigint", o.location);
        }
        seq->type = info->oid;
      }
    } else if (o.name == "owned_by") {
      *owned_by = JoinNames(o.list);
      for (auto& c : *owned_by) {
        if (c == '_') c = '.';
      }
      if (o.list.size() >= 1) {
        owned_by->clear();
        for (size_t i = 0; i < o.list.size(); ++i) *owned_by += (i ? "." : "") + o.list[i];
      }
    } else if (o.name == "sequence_name" || o.name == "generated") {
      // handled by the caller (identity columns)
    } else {
      return ErrorAt(sqlstate::kSyntaxError, "option \"" + o.name + "\" not recognized",
                     o.location);
    }
  }
  int64_t type_max = seq->type == type::kInt2   ? INT16_MAX
                     : seq->type == type::kInt4 ? INT32_MAX
                                                : INT64_MAX;
  int64_t type_min = seq->type == type::kInt2   ? INT16_MIN
                     : seq->type == type::kInt4 ? INT32_MIN
                                                : INT64_MIN;
  if (!is_alter || has_max) {
    if (!has_max) seq->max_value = seq->increment > 0 ? type_max : -1;
  }
  if (!is_alter || has_min) {
    if (!has_min) seq->min_value = seq->increment > 0 ? 1 : type_min;
  }
  if (!has_start && !is_alter) seq->start = seq->increment > 0 ? seq->min_value : seq->max_value;
  if (seq->min_value >= seq->max_value) {
    return ErrorAt(sqlstate::kInvalidParameterValue, "MINVALUE (" + std::to_string(seq->min_value) +
                                                         ") must be less than MAXVALUE (" +
                                                         std::to_string(seq->max_value) + ")");
  }
  if (seq->start < seq->min_value) {
    return ErrorAt(sqlstate::kInvalidParameterValue, "START value (" + std::to_string(seq->start) +
                                                         ") cannot be less than MINVALUE (" +
                                                         std::to_string(seq->min_value) + ")");
  }
  if (seq->start > seq->max_value) {
    return ErrorAt(sqlstate::kInvalidParameterValue, "START value (" + std::to_string(seq->start) +
                                                         ") cannot be greater than MAXVALUE (" +
                                                         std::to_string(seq->max_value) + ")");
  }
  return Status::OK();
}

// Iterates every live row of a table (latest state in this transaction).
template <typename Fn>
Status ForEachRow(ExecContext* exec, const TableDef& table, Fn fn) {
  std::string lower = HeapPrefix(table.oid);
  std::string upper = HeapPrefix(table.oid);
  upper.back() = static_cast<char>(upper.back() + 1);
  auto it = exec->txn->NewIterator(exec->chain, lower, upper, /*latest=*/true);
  std::vector<Value> row;
  for (it->Seek(lower); it->Valid(); it->Next()) {
    NANO_RETURN_IF_ERROR(exec->CheckCancel());
    NANO_RETURN_IF_ERROR(DecodeHeapValue(table, it->value(), &row));
    NANO_RETURN_IF_ERROR(fn(RowIdFromKey(it->key()), row));
  }
  return it->status();
}

// Deletes every key with `prefix` (rows, index entries) in the transaction.
Status DeleteRange(ExecContext* exec, const std::string& prefix) {
  std::string upper = prefix;
  upper.back() = static_cast<char>(upper.back() + 1);
  auto it = exec->txn->NewIterator(exec->chain, prefix, upper, /*latest=*/true);
  std::vector<std::string> keys;
  for (it->Seek(prefix); it->Valid(); it->Next()) keys.emplace_back(it->key());
  NANO_RETURN_IF_ERROR(it->status());
  for (auto& k : keys) exec->txn->Delete(exec->branch(), std::move(k));
  return Status::OK();
}

Status DeleteTableData(ExecContext* exec, const TableDef& table) {
  std::string prefix;
  AppendU32BE(&prefix, table.oid);
  return DeleteRange(exec, prefix);
}

// Writes index entries for every existing row; checks uniqueness.
std::shared_ptr<const Catalog> Borrow(const Catalog* catalog);

// A partial index's WHERE: a boolean expression over the table's columns
// that only immutable functions make up (42P17 otherwise, as PostgreSQL).
Status ValidateIndexPredicate(DdlContext& ctx, const TableDef& table, const std::string& text) {
  static const FormatContext kDefault;
  Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
  BoundExprPtr predicate;
  return binder.BindTableExpr(table, text, TypeRef{type::kBool, -1}, &predicate);
}

Status BuildIndex(DdlContext& ctx, const TableDef& table, const IndexDef& index) {
  std::string last_key;
  std::vector<Value> last_row;
  bool have_last = false;
  std::vector<std::pair<std::string, std::vector<Value>>> entries;
  BoundExprPtr predicate;  // a partial index holds the rows it is true for
  if (!index.predicate.empty()) {
    static const FormatContext kDefault;
    Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
    NANO_RETURN_IF_ERROR(
        binder.BindTableExpr(table, index.predicate, TypeRef{type::kBool, -1}, &predicate));
  }
  ExecState st;
  st.ctx = ctx.exec;
  NANO_RETURN_IF_ERROR(
      ForEachRow(ctx.exec, table, [&](uint64_t rowid, const std::vector<Value>& row) {
        if (predicate) {
          Value in;
          NANO_RETURN_IF_ERROR(EvalExpr(*predicate, row, st, &in));
          if (in.is_null() || !in.bool_value()) return Status::OK();
        }
        std::string key = IndexEntryKey(table, index, row, rowid);
        ctx.exec->txn->Put(ctx.exec->branch(), key, std::string());
        if (index.unique) entries.emplace_back(std::move(key), row);
        return Status::OK();
      }));
  if (!index.unique) return Status::OK();
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, row] : entries) {
    bool has_null = false;
    for (int16_t attnum : index.columns)
      has_null |= row[table.ColumnIndexByAttnum(attnum)].is_null();
    std::string cols = key.substr(0, key.size() - 8);
    if (have_last && !has_null && cols == last_key) {
      std::string names, vals;
      for (size_t i = 0; i < index.columns.size(); ++i) {
        int ci = table.ColumnIndexByAttnum(index.columns[i]);
        names += (i ? ", " : "") + table.columns[ci].name;
        vals += (i ? ", " : "") +
                (row[ci].is_null() ? std::string("null") : ValueToStringSafe(row[ci], ctx));
      }
      return Status::Error(sqlstate::kUniqueViolation,
                           "could not create unique index \"" + index.name + "\"")
          .WithDetail("Key (" + names + ")=(" + vals + ") is duplicated.");
    }
    last_key = std::move(cols);
    have_last = !has_null;
    last_row = row;
  }
  return Status::OK();
}

std::shared_ptr<const Catalog> Borrow(const Catalog* catalog) {
  return std::shared_ptr<const Catalog>(catalog, [](const Catalog*) {});
}

Status ValidateExpr(DdlContext& ctx, const TableDef& table, const std::string& text, TypeRef target,
                    int location) {
  static const FormatContext kDefault;
  Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
  BoundExprPtr bound;
  Status st = binder.BindTableExpr(table, text, target, &bound);
  if (!st.ok()) st.SetPositionIfUnset(Pos(location));
  return st;
}

Oid CreateOwnedSequence(DdlContext& ctx, TableDef* table, ColumnDef* col, TypeOid type,
                        const std::vector<ast::DefElem>& options, Status* status) {
  Catalog& catalog = *ctx.catalog;
  TableDef seq;
  seq.oid = catalog.AllocateOid();
  seq.schema_oid = table->schema_oid;
  seq.kind = RelKind::kSequence;
  std::string explicit_name;
  for (const ast::DefElem& o : options) {
    if (o.name == "sequence_name" && !o.list.empty()) explicit_name = o.list.back();
  }
  seq.name = explicit_name.empty()
                 ? ChooseName(catalog, table->schema_oid, table->name, col->name, "seq")
                 : explicit_name;
  seq.sequence.type = type;
  bool restart = false;
  int64_t restart_value = 0;
  std::string owned;
  *status = ParseSequenceOptions(options, false, &seq.sequence, &restart, &restart_value, &owned);
  seq.sequence.owned_by_table = table->oid;
  seq.sequence.owned_by_column = col->attnum;
  const SchemaDef* schema = catalog.SchemaByOid(table->schema_oid);
  std::string qualified = (schema && schema->name != "public" ? schema->name + "." : "") + seq.name;
  col->sequence_oid = seq.oid;
  col->default_expr = "nextval('" + qualified + "'::regclass)";
  Oid oid = seq.oid;
  catalog.PutTable(std::move(seq));
  return oid;
}

struct PendingConstraint {
  const ast::Constraint* constraint;
  std::string column;  // for column constraints
};

Status AddColumn(DdlContext& ctx, TableDef* table, const ast::ColumnDef& cd,
                 std::vector<PendingConstraint>* pending) {
  if (table->FindColumn(cd.name) != nullptr) {
    return ErrorAt(sqlstate::kDuplicateColumn,
                   "column \"" + cd.name + "\" specified more than once", cd.location);
  }
  ColumnDef col;
  col.name = cd.name;
  col.attnum = table->next_attnum++;
  std::string tname = cd.type.names.empty() ? "" : cd.type.names.back();
  TypeOid serial = 0;
  if (cd.type.array_dims == 0) {
    if (tname == "serial" || tname == "serial4") serial = type::kInt4;
    if (tname == "bigserial" || tname == "serial8") serial = type::kInt8;
    if (tname == "smallserial" || tname == "serial2") serial = type::kInt2;
  }
  if (serial) {
    col.type = TypeRef{serial, -1};
  } else {
    static const FormatContext kDefault;
    Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
    NANO_RETURN_IF_ERROR(binder.ResolveTypeName(cd.type, &col.type));
    if (const TypeDef* ut = binder.LookupUserType(cd.type); ut && ut->kind == TypeKind::kDomain) {
      // d[]: the domain's array type; its constraints apply to each element.
      col.domain_oid = cd.type.array_dims > 0 ? ut->array_oid : ut->oid;
    }
  }
  table->columns.push_back(col);
  ColumnDef* c = &table->columns.back();
  if (serial) {
    Status st;
    CreateOwnedSequence(ctx, table, c, serial, {}, &st);
    NANO_RETURN_IF_ERROR(st);
    c->not_null = true;
  }
  for (const ast::Constraint& con : cd.constraints) {
    switch (con.kind) {
      case ast::ConstraintKind::kNull:
        c->not_null = false;
        break;
      case ast::ConstraintKind::kNotNull:
        c->not_null = true;
        break;
      case ast::ConstraintKind::kDefault:
        if (serial) {
          return ErrorAt(sqlstate::kSyntaxError,
                         "multiple default values specified for column \"" + c->name +
                             "\" of table \"" + table->name + "\"",
                         con.location);
        }
        if (con.expr_text.empty()) {
          return ErrorAt(sqlstate::kFeatureNotSupported, "DEFAULT expression text unavailable",
                         con.location);
        }
        c->default_expr = con.expr_text;
        break;
      case ast::ConstraintKind::kIdentity: {
        if (c->type.oid != type::kInt2 && c->type.oid != type::kInt4 &&
            c->type.oid != type::kInt8) {
          return ErrorAt(sqlstate::kInvalidParameterValue,
                         "identity column type must be smallint, integer, or bigint", con.location);
        }
        Status st;
        CreateOwnedSequence(ctx, table, c, c->type.oid, con.options, &st);
        NANO_RETURN_IF_ERROR(st);
        c->identity = con.generated_when == 'a' ? 'a' : 'd';
        c->not_null = true;
        break;
      }
      case ast::ConstraintKind::kGenerated:
        return ErrorAt(sqlstate::kFeatureNotSupported, "generated columns are not supported yet",
                       con.location);
      case ast::ConstraintKind::kPrimaryKey:
      case ast::ConstraintKind::kUnique:
      case ast::ConstraintKind::kForeignKey:
      case ast::ConstraintKind::kCheck:
        pending->push_back(PendingConstraint{&con, c->name});
        break;
      case ast::ConstraintKind::kExclusion:
        return ErrorAt(sqlstate::kFeatureNotSupported, "exclusion constraints are not supported",
                       con.location);
    }
  }
  if (!c->default_expr.empty() && c->sequence_oid == 0) {
    NANO_RETURN_IF_ERROR(ValidateExpr(ctx, *table, c->default_expr, c->type, cd.location));
  }
  return Status::OK();
}

Status ColumnAttnums(const TableDef& table, const std::vector<std::string>& names, int location,
                     std::vector<int16_t>* out) {
  for (const std::string& n : names) {
    const ColumnDef* c = table.FindColumn(n);
    if (c == nullptr) {
      return ErrorAt(sqlstate::kUndefinedColumn, "column \"" + n + "\" named in key does not exist",
                     location);
    }
    out->push_back(c->attnum);
  }
  return Status::OK();
}

std::vector<std::string> ConstraintNames(const TableDef& table) {
  std::vector<std::string> names;
  for (const ConstraintDef& c : table.constraints) names.push_back(c.name);
  return names;
}

// Adds a PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK constraint to `table`
// (already in the catalog or about to be). `build` writes index entries for
// existing rows and validates existing data.
Status AddConstraint(DdlContext& ctx, TableDef* table, const ast::Constraint& con,
                     const std::string& column, bool existing_data) {
  Catalog& catalog = *ctx.catalog;
  std::vector<std::string> keys = con.keys;
  if (keys.empty() && !column.empty()) keys.push_back(column);
  switch (con.kind) {
    case ast::ConstraintKind::kPrimaryKey:
    case ast::ConstraintKind::kUnique: {
      bool primary = con.kind == ast::ConstraintKind::kPrimaryKey;
      if (primary && table->PrimaryKey() != nullptr) {
        return ErrorAt(sqlstate::kInvalidTableDefinition,
                       "multiple primary keys for table \"" + table->name + "\" are not allowed",
                       con.location);
      }
      IndexDef index;
      index.oid = catalog.AllocateOid();
      index.table_oid = table->oid;
      index.unique = true;
      index.primary = primary;
      index.nulls_not_distinct = con.nulls_not_distinct;
      NANO_RETURN_IF_ERROR(ColumnAttnums(*table, keys, con.location, &index.columns));
      index.descending.assign(index.columns.size(), false);
      index.nulls_first.assign(index.columns.size(), false);
      std::vector<std::string> taken = ConstraintNames(*table);
      for (const IndexDef& i : table->indexes) taken.push_back(i.name);
      index.name = !con.name.empty() ? con.name
                                     : ChooseName(catalog, table->schema_oid, table->name,
                                                  primary ? "" : JoinNames(keys),
                                                  primary ? "pkey" : "key", taken);
      if (catalog.RelationNameTaken(table->schema_oid, index.name)) {
        return ErrorAt(sqlstate::kDuplicateTable, "relation \"" + index.name + "\" already exists",
                       con.location);
      }
      if (primary) {
        for (int16_t attnum : index.columns) {
          ColumnDef* c = &table->columns[table->ColumnIndexByAttnum(attnum)];
          if (existing_data && !c->not_null) {
            bool has_null = false;
            int ci = table->ColumnIndexByAttnum(attnum);
            NANO_RETURN_IF_ERROR(
                ForEachRow(ctx.exec, *table, [&](uint64_t, const std::vector<Value>& row) {
                  has_null |= row[ci].is_null();
                  return Status::OK();
                }));
            if (has_null) {
              return Status::Error(sqlstate::kNotNullViolation,
                                   "column \"" + c->name + "\" of relation \"" + table->name +
                                       "\" contains null values");
            }
          }
          c->not_null = true;
        }
      }
      ConstraintDef cdef;
      cdef.oid = catalog.AllocateOid();
      cdef.name = index.name;
      cdef.type = primary ? 'p' : 'u';
      cdef.table_oid = table->oid;
      cdef.columns = index.columns;
      cdef.index_oid = index.oid;
      if (existing_data) NANO_RETURN_IF_ERROR(BuildIndex(ctx, *table, index));
      if (primary) {
        table->indexes.insert(table->indexes.begin(), index);
      } else {
        table->indexes.push_back(index);
      }
      table->constraints.push_back(std::move(cdef));
      return Status::OK();
    }
    case ast::ConstraintKind::kCheck: {
      ConstraintDef cdef;
      cdef.oid = catalog.AllocateOid();
      cdef.type = 'c';
      cdef.table_oid = table->oid;
      cdef.no_inherit = con.no_inherit;
      cdef.check_expr = con.expr_text;
      if (cdef.check_expr.empty()) {
        return ErrorAt(sqlstate::kFeatureNotSupported, "CHECK expression text unavailable",
                       con.location);
      }
      cdef.name = !con.name.empty()
                      ? con.name
                      : ChooseName(catalog, table->schema_oid, table->name,
                                   column.empty() ? "" : column, "check", ConstraintNames(*table));
      if (!column.empty()) {
        const ColumnDef* c = table->FindColumn(column);
        if (c) cdef.columns.push_back(c->attnum);
      }
      NANO_RETURN_IF_ERROR(
          ValidateExpr(ctx, *table, cdef.check_expr, TypeRef{type::kBool, -1}, con.location));
      if (existing_data && !con.not_valid) {
        static const FormatContext kDefault;
        Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
        BoundExprPtr expr;
        NANO_RETURN_IF_ERROR(
            binder.BindTableExpr(*table, cdef.check_expr, {type::kBool, -1}, &expr));
        ExecState st;
        st.ctx = ctx.exec;
        bool violated = false;
        NANO_RETURN_IF_ERROR(
            ForEachRow(ctx.exec, *table, [&](uint64_t, const std::vector<Value>& row) {
              Value v;
              NANO_RETURN_IF_ERROR(EvalExpr(*expr, row, st, &v));
              violated |= !v.is_null() && !v.bool_value();
              return Status::OK();
            }));
        if (violated) {
          return Status::Error(sqlstate::kCheckViolation, "check constraint \"" + cdef.name +
                                                              "\" of relation \"" + table->name +
                                                              "\" is violated by some row");
        }
      }
      table->constraints.push_back(std::move(cdef));
      return Status::OK();
    }
    case ast::ConstraintKind::kForeignKey: {
      const TableDef* parent = nullptr;
      bool self = con.pk_table.name == table->name &&
                  (con.pk_table.schema.empty() ||
                   (catalog.FindSchema(con.pk_table.schema) &&
                    catalog.FindSchema(con.pk_table.schema)->oid == table->schema_oid));
      if (self) {
        parent = table;
      } else {
        parent = FindRelation(catalog, con.pk_table);
      }
      if (parent == nullptr) {
        return ErrorAt(sqlstate::kUndefinedTable,
                       "relation \"" + con.pk_table.name + "\" does not exist",
                       con.pk_table.location);
      }
      std::vector<std::string> fk_cols = keys;
      std::vector<int16_t> ref_attnums;
      if (con.pk_columns.empty()) {
        const IndexDef* pk = parent->PrimaryKey();
        if (pk == nullptr) {
          return ErrorAt(sqlstate::kUndefinedObject,
                         "there is no primary key for referenced table \"" + parent->name + "\"",
                         con.location);
        }
        ref_attnums = pk->columns;
      } else {
        NANO_RETURN_IF_ERROR(ColumnAttnums(*parent, con.pk_columns, con.location, &ref_attnums));
      }
      if (ref_attnums.size() != fk_cols.size()) {
        return ErrorAt(sqlstate::kInvalidForeignKey,
                       "number of referencing and referenced columns for foreign key disagree",
                       con.location);
      }
      const IndexDef* ref_index = nullptr;
      for (const IndexDef& idx : parent->indexes) {
        if (!idx.unique || idx.columns.size() != ref_attnums.size()) continue;
        bool same = true;
        for (int16_t a : idx.columns) {
          same &= std::find(ref_attnums.begin(), ref_attnums.end(), a) != ref_attnums.end();
        }
        if (same) ref_index = &idx;
      }
      if (ref_index == nullptr) {
        return ErrorAt(sqlstate::kInvalidForeignKey,
                       "there is no unique constraint matching given keys for referenced table \"" +
                           parent->name + "\"",
                       con.location);
      }
      ConstraintDef cdef;
      cdef.oid = catalog.AllocateOid();
      cdef.type = 'f';
      cdef.table_oid = table->oid;
      NANO_RETURN_IF_ERROR(ColumnAttnums(*table, fk_cols, con.location, &cdef.columns));
      cdef.ref_table_oid = parent->oid;
      cdef.ref_columns = ref_attnums;
      cdef.index_oid = ref_index->oid;
      auto action = [](ast::FkAction a) {
        switch (a) {
          case ast::FkAction::kNoAction:
            return FkActionKind::kNoAction;
          case ast::FkAction::kRestrict:
            return FkActionKind::kRestrict;
          case ast::FkAction::kCascade:
            return FkActionKind::kCascade;
          case ast::FkAction::kSetNull:
            return FkActionKind::kSetNull;
          case ast::FkAction::kSetDefault:
            return FkActionKind::kSetDefault;
        }
        return FkActionKind::kNoAction;
      };
      cdef.on_delete = action(con.on_delete);
      cdef.on_update = action(con.on_update);
      cdef.match_type = con.match_type;
      for (size_t i = 0; i < cdef.columns.size(); ++i) {
        TypeOid a = table->ColumnByAttnum(cdef.columns[i])->type.oid;
        TypeOid b = parent->ColumnByAttnum(cdef.ref_columns[i])->type.oid;
        bool compatible = a == b || (IsNumericType(a) && IsNumericType(b)) ||
                          (IsStringType(a) && IsStringType(b));
        if (!compatible) {
          return ErrorAt(sqlstate::kDatatypeMismatch,
                         "foreign key constraint cannot be implemented", con.location)
              .WithDetail("Key columns \"" + table->ColumnByAttnum(cdef.columns[i])->name +
                          "\" and \"" + parent->ColumnByAttnum(cdef.ref_columns[i])->name +
                          "\" are of incompatible types: " + FormatType({a, -1}) + " and " +
                          FormatType({b, -1}) + ".");
        }
      }
      cdef.name = !con.name.empty()
                      ? con.name
                      : ChooseName(catalog, table->schema_oid, table->name, JoinNames(fk_cols),
                                   "fkey", ConstraintNames(*table));
      table->constraints.push_back(std::move(cdef));
      if (existing_data && !con.not_valid) {
        // Validate existing rows against the new key: a writer over a copy of
        // the table holding only this constraint runs the insert-time check.
        TableDef probe = *table;
        probe.constraints = {table->constraints.back()};
        TableWriter checker(ctx.exec, &probe);
        NANO_RETURN_IF_ERROR(
            ForEachRow(ctx.exec, *table, [&](uint64_t, const std::vector<Value>& row) {
              return checker.CheckOutgoingForeignKeys(row);
            }));
      }
      return Status::OK();
    }
    default:
      return ErrorAt(sqlstate::kFeatureNotSupported, "unsupported constraint", con.location);
  }
}

// The parents named by INHERITS / PARTITION OF, checked as PostgreSQL's
// MergeAttributes does.
Status ResolveParents(const ast::CreateTableStmt& stmt, const Catalog& catalog,
                      std::vector<const TableDef*>* parents) {
  for (const ast::RangeVar& rv : stmt.inherits) {
    const TableDef* p = FindRelation(catalog, rv);
    if (p == nullptr) {
      return ErrorAt(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist",
                     rv.location);
    }
    if (p->kind != RelKind::kTable) {
      return ErrorAt(sqlstate::kWrongObjectType,
                     "inherited relation \"" + rv.name + "\" is not a table or foreign table",
                     rv.location);
    }
    if (stmt.partition_bound == nullptr && p->is_partitioned()) {
      return ErrorAt(sqlstate::kWrongObjectType,
                     "cannot inherit from partitioned table \"" + p->name + "\"");
    }
    if (stmt.partition_bound == nullptr && p->is_partition()) {
      return ErrorAt(sqlstate::kWrongObjectType,
                     "cannot inherit from partition \"" + p->name + "\"", rv.location);
    }
    if (stmt.partition_bound != nullptr && !p->is_partitioned()) {
      return ErrorAt(sqlstate::kInvalidObjectDefinition, "\"" + p->name + "\" is not partitioned");
    }
    if (std::find(parents->begin(), parents->end(), p) != parents->end()) {
      return ErrorAt(sqlstate::kDuplicateTable,
                     "relation \"" + p->name + "\" would be inherited from more than once",
                     rv.location);
    }
    parents->push_back(p);
  }
  return Status::OK();
}

// Copies the parents' columns into `table` (first, in parent order), merging
// same-named ones, and their inheritable CHECK constraints.
Status InheritColumns(DdlContext& ctx, const std::vector<const TableDef*>& parents,
                      TableDef* table) {
  for (const TableDef* p : parents) {
    for (int ci : p->LiveColumns()) {
      const ColumnDef& pc = p->columns[ci];
      ColumnDef* existing = nullptr;
      for (ColumnDef& c : table->columns) {
        if (!c.dropped && c.name == pc.name) existing = &c;
      }
      if (existing != nullptr) {
        Notice(ctx, "00000",
               "merging multiple inherited definitions of column \"" + pc.name + "\"");
        if (existing->type.oid != pc.type.oid || existing->type.typmod != pc.type.typmod) {
          return ErrorAt(sqlstate::kDatatypeMismatch,
                         "inherited column \"" + pc.name + "\" has a type conflict")
              .WithDetail(FormatType(existing->type) + " versus " + FormatType(pc.type));
        }
        existing->not_null |= pc.not_null;
        ++existing->inhcount;
        continue;
      }
      ColumnDef c;
      c.name = pc.name;
      c.type = pc.type;
      c.domain_oid = pc.domain_oid;
      c.not_null = pc.not_null;
      c.default_expr = pc.default_expr;
      c.attnum = table->next_attnum++;
      c.inhcount = 1;
      c.is_local = false;
      table->columns.push_back(std::move(c));
    }
    for (const ConstraintDef& con : p->constraints) {
      if (con.type != 'c' || con.no_inherit) continue;
      auto same = std::find_if(table->constraints.begin(), table->constraints.end(),
                               [&](const ConstraintDef& c) { return c.name == con.name; });
      if (same != table->constraints.end()) {
        ++same->inhcount;
        continue;
      }
      ConstraintDef c = con;
      c.oid = ctx.catalog->AllocateOid();
      c.table_oid = table->oid;
      c.inhcount = 1;
      c.is_local = false;
      c.columns.clear();
      for (int16_t attnum : con.columns) {
        const ColumnDef* col = table->FindColumn(p->ColumnByAttnum(attnum)->name);
        if (col != nullptr) c.columns.push_back(col->attnum);
      }
      table->constraints.push_back(std::move(c));
    }
  }
  return Status::OK();
}

// A local column definition naming an inherited column: PostgreSQL merges
// them (same type required) and applies the local constraints.
Status MergeLocalColumn(DdlContext& ctx, TableDef* table, ColumnDef* col, const ast::ColumnDef& cd,
                        bool is_partition, int local_position,
                        std::vector<PendingConstraint>* pending) {
  if (!cd.type.names.empty()) {
    if (!is_partition && col->attnum == local_position) {
      Notice(ctx, "00000", "merging column \"" + cd.name + "\" with inherited definition");
    } else if (!is_partition && ctx.notice) {
      ErrorInfo info;
      info.severity = "NOTICE";
      info.sqlstate = "00000";
      info.message = "moving and merging column \"" + cd.name + "\" with inherited definition";
      info.detail = "User-specified column moved to the position of the inherited column.";
      ctx.notice(info);
    }
    static const FormatContext kDefault;
    Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
    TypeRef t;
    NANO_RETURN_IF_ERROR(binder.ResolveTypeName(cd.type, &t));
    if (t.oid != col->type.oid || t.typmod != col->type.typmod) {
      return ErrorAt(sqlstate::kDatatypeMismatch, "column \"" + cd.name + "\" has a type conflict")
          .WithDetail(FormatType(col->type) + " versus " + FormatType(t));
    }
  }
  col->is_local = !is_partition;
  for (const ast::Constraint& con : cd.constraints) {
    switch (con.kind) {
      case ast::ConstraintKind::kNotNull:
        col->not_null = true;
        break;
      case ast::ConstraintKind::kDefault:
        col->default_expr = con.expr_text;
        break;
      case ast::ConstraintKind::kPrimaryKey:
      case ast::ConstraintKind::kUnique:
      case ast::ConstraintKind::kForeignKey:
      case ast::ConstraintKind::kCheck:
        pending->push_back(PendingConstraint{&con, col->name});
        break;
      default:
        break;
    }
  }
  (void)table;
  return Status::OK();
}

// PARTITION BY (cols): the key by attnum.
Status SetPartitionKey(DdlContext& ctx, const ast::PartitionSpec& spec, TableDef* table) {
  if (spec.strategy == 'l' && spec.columns.size() > 1) {
    return ErrorAt(sqlstate::kInvalidObjectDefinition,
                   "cannot use \"list\" partition strategy with more than one column",
                   spec.location);
  }
  table->partition_key.strategy = spec.strategy;
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    const std::string& name = spec.columns[i];
    if (name.empty()) {
      // An expression key: bound now over the table's columns for its type.
      static const FormatContext kDefault;
      Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
      BoundExprPtr bound;
      NANO_RETURN_IF_ERROR(binder.BindTableExpr(*table, spec.exprs[i], TypeRef{0, -1}, &bound));
      table->partition_key.columns.push_back(0);
      table->partition_key.exprs.push_back(spec.exprs[i]);
      table->partition_key.types.push_back(bound->type);
      continue;
    }
    const ColumnDef* c = table->FindColumn(name);
    if (c == nullptr) {
      return ErrorAt(sqlstate::kUndefinedColumn,
                     "column \"" + name + "\" named in partition key does not exist",
                     spec.location);
    }
    table->partition_key.columns.push_back(c->attnum);
    table->partition_key.exprs.emplace_back();
    table->partition_key.types.push_back(c->type);
  }
  return Status::OK();
}

// A partition's copies of its parent's PRIMARY KEY / UNIQUE constraints:
// uniqueness is enforced per partition (keys include the partition key).
Status InheritUniqueConstraints(DdlContext& ctx, const TableDef& parent, TableDef* table) {
  for (const ConstraintDef& con : parent.constraints) {
    if (con.type != 'p' && con.type != 'u') continue;
    ast::Constraint c;
    c.kind = con.type == 'p' ? ast::ConstraintKind::kPrimaryKey : ast::ConstraintKind::kUnique;
    for (int16_t attnum : con.columns) c.keys.push_back(parent.ColumnByAttnum(attnum)->name);
    NANO_RETURN_IF_ERROR(AddConstraint(ctx, table, c, "", true));
  }
  return Status::OK();
}

// Rows already in a DEFAULT partition that the new bound would take:
// PostgreSQL refuses the new partition.
Status CheckDefaultPartition(DdlContext& ctx, const TableDef& parent, const TableDef& fresh) {
  const Catalog& catalog = *ctx.catalog;
  for (Oid oid : catalog.ChildrenOf(parent.oid)) {
    const TableDef* d = catalog.TableByOid(oid);
    if (d == nullptr || !d->partition_bound.is_default || oid == fresh.oid) continue;
    for (Oid leaf : catalog.WithDescendants(oid)) {
      const TableDef* t = catalog.TableByOid(leaf);
      if (t->is_partitioned()) continue;
      bool violated = false;
      NANO_RETURN_IF_ERROR(ForEachRow(ctx.exec, *t, [&](uint64_t, const std::vector<Value>& row) {
        bool fits = true;
        NANO_RETURN_IF_ERROR(RowFitsPartition(ctx.exec, catalog, *t, row, &fits));
        violated |= !fits;
        return Status::OK();
      }));
      if (violated) {
        return Status::Error(sqlstate::kCheckViolation,
                             "updated partition constraint for default partition \"" + d->name +
                                 "\" would be violated by some row");
      }
    }
  }
  return Status::OK();
}

Status CopyParentIndexes(DdlContext& ctx, const TableDef& parent, Oid child_oid);

// The columns LIKE `like.table` copies into `table` at this point of its
// column list, as PostgreSQL's transformTableLikeClause: names, types and
// NOT NULL always; defaults, generation expressions and identity when
// INCLUDING asks. Constraints and indexes follow in AddLikeConstraints once
// every column exists. The source may be a table, a view or a composite type.
Status AddLikeColumns(DdlContext& ctx, TableDef* table, const ast::CreateTableStmt::Like& like) {
  using Stmt = ast::CreateTableStmt;
  const Catalog& catalog = *ctx.catalog;
  std::vector<ColumnDef> copied;
  if (const TableDef* src = FindRelation(catalog, like.table);
      src != nullptr && src->kind != RelKind::kIndex) {
    for (int i : src->LiveColumns()) {
      const ColumnDef& sc = src->columns[i];
      ColumnDef c;
      c.name = sc.name;
      c.type = sc.type;
      c.domain_oid = sc.domain_oid;
      c.not_null = sc.not_null;
      if (sc.generated != 0 && (like.options & Stmt::kLikeGenerated) != 0) {
        c.generated = sc.generated;
        c.default_expr = sc.default_expr;
      } else if (sc.generated == 0 && sc.identity == 0 &&
                 (like.options & Stmt::kLikeDefaults) != 0) {
        c.default_expr = sc.default_expr;
      }
      if (sc.identity != 0 && (like.options & Stmt::kLikeIdentity) != 0) c.identity = sc.identity;
      copied.push_back(std::move(c));
    }
  } else {
    Oid schema = kPublicNamespaceOid;
    const SchemaDef* s =
        like.table.schema.empty() ? nullptr : catalog.FindSchema(like.table.schema);
    if (s != nullptr) schema = s->oid;
    const TypeDef* type = (like.table.schema.empty() || s != nullptr)
                              ? catalog.FindType(schema, like.table.name)
                              : nullptr;
    if (type == nullptr || type->kind != TypeKind::kComposite) {
      return ErrorAt(sqlstate::kUndefinedTable,
                     "relation \"" + like.table.name + "\" does not exist", like.table.location);
    }
    for (const RecordField& f : type->attributes) {
      ColumnDef c;
      c.name = f.name;
      c.type = f.type;
      copied.push_back(std::move(c));
    }
  }
  for (ColumnDef& c : copied) {
    if (table->FindColumn(c.name) != nullptr) {
      return ErrorAt(sqlstate::kDuplicateColumn,
                     "column \"" + c.name + "\" specified more than once");
    }
    c.attnum = table->next_attnum++;
    char identity = c.identity;
    table->columns.push_back(std::move(c));
    if (identity != 0) {
      ColumnDef* col = &table->columns.back();
      Status st;
      CreateOwnedSequence(ctx, table, col, col->type.oid, {}, &st);
      NANO_RETURN_IF_ERROR(st);
      col->not_null = true;
    }
  }
  return Status::OK();
}

// INCLUDING CONSTRAINTS copies the source table's CHECK constraints (names
// kept); INCLUDING INDEXES its indexes, primary key and unique constraints
// (named afresh for the new table). Foreign keys are never copied.
Status AddLikeConstraints(DdlContext& ctx, Oid table_oid, const ast::CreateTableStmt::Like& like) {
  using Stmt = ast::CreateTableStmt;
  Catalog& catalog = *ctx.catalog;
  const TableDef* src = FindRelation(catalog, like.table);
  if (src == nullptr || src->kind != RelKind::kTable) return Status::OK();
  const TableDef source = *src;  // the catalog may move while we add
  auto name_of = [&](int16_t attnum) { return source.ColumnByAttnum(attnum)->name; };
  if ((like.options & Stmt::kLikeConstraints) != 0) {
    TableDef copy = *catalog.MutableTable(table_oid);
    for (const ConstraintDef& con : source.constraints) {
      if (con.type != 'c') continue;
      ConstraintDef c = con;
      c.oid = catalog.AllocateOid();
      c.table_oid = table_oid;
      c.columns.clear();
      for (int16_t attnum : con.columns)
        c.columns.push_back(copy.FindColumn(name_of(attnum))->attnum);
      c.inhcount = 0;
      c.is_local = true;
      copy.constraints.push_back(std::move(c));
    }
    catalog.PutTable(std::move(copy));
  }
  if ((like.options & Stmt::kLikeIndexes) == 0) return Status::OK();
  for (const IndexDef& index : source.indexes) {
    std::vector<std::string> keys;
    for (int16_t attnum : index.columns) keys.push_back(name_of(attnum));
    const bool constraint = std::any_of(
        source.constraints.begin(), source.constraints.end(),
        [&](const ConstraintDef& c) { return c.index_oid == index.oid && c.type != 'f'; });
    TableDef copy = *catalog.MutableTable(table_oid);
    if (constraint) {
      ast::Constraint con;
      con.kind = index.primary ? ast::ConstraintKind::kPrimaryKey : ast::ConstraintKind::kUnique;
      con.keys = keys;
      con.nulls_not_distinct = index.nulls_not_distinct;
      NANO_RETURN_IF_ERROR(AddConstraint(ctx, &copy, con, "", false));
      catalog.PutTable(std::move(copy));
      continue;
    }
    IndexDef ci = index;
    ci.oid = catalog.AllocateOid();
    ci.table_oid = table_oid;
    ci.columns.clear();
    for (const std::string& k : keys) ci.columns.push_back(copy.FindColumn(k)->attnum);
    ci.name = ChooseName(catalog, copy.schema_oid, copy.name, JoinNames(keys), "idx");
    NANO_RETURN_IF_ERROR(BuildIndex(ctx, copy, ci));
    copy.indexes.push_back(std::move(ci));
    catalog.PutTable(std::move(copy));
  }
  return Status::OK();
}

Status CreateTable(const ast::CreateTableStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  Oid schema;
  NANO_RETURN_IF_ERROR(ResolveSchema(catalog, stmt.table.schema, &schema, stmt.table.location));
  if (catalog.RelationNameTaken(schema, stmt.table.name)) {
    if (stmt.if_not_exists) {
      Notice(ctx, sqlstate::kDuplicateTable,
             "relation \"" + stmt.table.name + "\" already exists, skipping");
      return Status::OK();
    }
    // PostgreSQL reports no position for this one.
    return ErrorAt(sqlstate::kDuplicateTable,
                   "relation \"" + stmt.table.name + "\" already exists");
  }
  std::vector<const TableDef*> parents;
  NANO_RETURN_IF_ERROR(ResolveParents(stmt, catalog, &parents));
  const bool is_partition = stmt.partition_bound != nullptr;
  TableDef table;
  table.oid = catalog.AllocateOid();
  table.schema_oid = schema;
  table.name = stmt.table.name;
  table.kind = RelKind::kTable;
  for (const TableDef* p : parents) table.parents.push_back(p->oid);
  NANO_RETURN_IF_ERROR(InheritColumns(ctx, parents, &table));
  if (is_partition) {
    static const FormatContext kDefault;
    Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
    NANO_RETURN_IF_ERROR(MakePartitionBound(*stmt.partition_bound, *parents[0], table.name, binder,
                                            ctx.exec, &table.partition_bound));
    NANO_RETURN_IF_ERROR(CheckPartitionOverlap(catalog, *parents[0], table.partition_bound, 0,
                                               table.name, *stmt.partition_bound));
  }
  // Register early so self-referencing FKs and owned sequences see it.
  catalog.PutTable(table);
  std::vector<PendingConstraint> pending;
  int local_position = 0;
  auto add_likes_at = [&](size_t position) -> Status {
    for (const ast::CreateTableStmt::Like& like : stmt.likes) {
      if (like.position == position) {
        NANO_RETURN_IF_ERROR(AddLikeColumns(ctx, catalog.MutableTable(table.oid), like));
      }
    }
    return Status::OK();
  };
  for (const ast::ColumnDef& cd : stmt.columns) {
    NANO_RETURN_IF_ERROR(add_likes_at(local_position));
    ++local_position;
    TableDef* t = catalog.MutableTable(table.oid);
    ColumnDef* inherited = nullptr;
    for (ColumnDef& c : t->columns) {
      if (!c.dropped && c.name == cd.name && c.inhcount > 0) inherited = &c;
    }
    if (inherited != nullptr) {
      if (inherited->is_local && !is_partition) {
        return ErrorAt(sqlstate::kDuplicateColumn,
                       "column \"" + cd.name + "\" specified more than once", cd.location);
      }
      NANO_RETURN_IF_ERROR(
          MergeLocalColumn(ctx, t, inherited, cd, is_partition, local_position, &pending));
      continue;
    }
    if (is_partition) {
      return ErrorAt(sqlstate::kUndefinedColumn, "column \"" + cd.name + "\" does not exist",
                     cd.location);
    }
    NANO_RETURN_IF_ERROR(AddColumn(ctx, t, cd, &pending));
  }
  NANO_RETURN_IF_ERROR(add_likes_at(stmt.columns.size()));
  for (const ast::Constraint& con : stmt.constraints)
    pending.push_back(PendingConstraint{&con, ""});
  // Primary keys first (PostgreSQL names and orders them that way).
  std::stable_sort(pending.begin(), pending.end(), [](const auto& a, const auto& b) {
    return a.constraint->kind == ast::ConstraintKind::kPrimaryKey &&
           b.constraint->kind != ast::ConstraintKind::kPrimaryKey;
  });
  if (is_partition) {
    TableDef copy = *catalog.MutableTable(table.oid);
    NANO_RETURN_IF_ERROR(InheritUniqueConstraints(ctx, *parents[0], &copy));
    catalog.PutTable(std::move(copy));
    NANO_RETURN_IF_ERROR(CopyParentIndexes(ctx, *parents[0], table.oid));
    NANO_RETURN_IF_ERROR(CloneParentTriggers(ctx, table.oid));
  }
  for (const PendingConstraint& p : pending) {
    TableDef copy = *catalog.MutableTable(table.oid);
    NANO_RETURN_IF_ERROR(AddConstraint(ctx, &copy, *p.constraint, p.column, false));
    catalog.PutTable(std::move(copy));
  }
  for (const ast::CreateTableStmt::Like& like : stmt.likes) {
    NANO_RETURN_IF_ERROR(AddLikeConstraints(ctx, table.oid, like));
  }
  if (stmt.has_partition_spec) {
    TableDef copy = *catalog.MutableTable(table.oid);
    NANO_RETURN_IF_ERROR(SetPartitionKey(ctx, stmt.partition_spec, &copy));
    catalog.PutTable(std::move(copy));
  }
  if (is_partition && !table.partition_bound.is_default) {
    NANO_RETURN_IF_ERROR(CheckDefaultPartition(ctx, *parents[0], *catalog.TableByOid(table.oid)));
  }
  if (catalog.TableByOid(table.oid)->LiveColumns().size() > 1600) {
    return ErrorAt(sqlstate::kTooManyColumns, "tables can have at most 1600 columns");
  }
  return Status::OK();
}

Status IndexPartitions(DdlContext& ctx, const TableDef& parent, const IndexDef& index);

// The copy of partitioned `parent`'s `index` on its partition `child_oid`
// (named after the partition, as PostgreSQL's ChooseRelationName does),
// and on that partition's own partitions.
Status AddPartitionIndex(DdlContext& ctx, const TableDef& parent, const IndexDef& index,
                         Oid child_oid) {
  Catalog& catalog = *ctx.catalog;
  TableDef child = *catalog.TableByOid(child_oid);
  IndexDef ci = index;
  ci.oid = catalog.AllocateOid();
  ci.table_oid = child.oid;
  ci.columns.clear();
  std::vector<std::string> names;
  for (int16_t attnum : index.columns) {
    const ColumnDef* pc = parent.ColumnByAttnum(attnum);
    const ColumnDef* c = child.FindColumn(pc->name);
    if (c == nullptr) return Status::Error(sqlstate::kInternalError, "partition lacks a column");
    ci.columns.push_back(c->attnum);
    names.push_back(c->name);
  }
  ci.name = ChooseName(catalog, child.schema_oid, child.name, JoinNames(names), "idx");
  NANO_RETURN_IF_ERROR(BuildIndex(ctx, child, ci));
  IndexDef next = ci;
  child.indexes.push_back(std::move(ci));
  const TableDef indexed = child;
  catalog.PutTable(std::move(child));
  return IndexPartitions(ctx, indexed, next);
}

// An index on a partitioned table is an index on each of its partitions.
Status IndexPartitions(DdlContext& ctx, const TableDef& parent, const IndexDef& index) {
  if (!parent.is_partitioned()) return Status::OK();
  for (Oid child_oid : ctx.catalog->ChildrenOf(parent.oid)) {
    NANO_RETURN_IF_ERROR(AddPartitionIndex(ctx, parent, index, child_oid));
  }
  return Status::OK();
}

// A new partition gets the parent's plain indexes (PRIMARY KEY / UNIQUE
// come with their constraints).
Status CopyParentIndexes(DdlContext& ctx, const TableDef& parent, Oid child_oid) {
  for (const IndexDef& index : parent.indexes) {
    bool constraint = std::any_of(parent.constraints.begin(), parent.constraints.end(),
                                  [&](const ConstraintDef& c) { return c.index_oid == index.oid; });
    if (!constraint) NANO_RETURN_IF_ERROR(AddPartitionIndex(ctx, parent, index, child_oid));
  }
  return Status::OK();
}

Status CreateIndex(const ast::CreateIndexStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* found = FindRelation(catalog, stmt.table);
  if (found == nullptr) {
    return ErrorAt(sqlstate::kUndefinedTable, "relation \"" + stmt.table.name + "\" does not exist",
                   stmt.table.location);
  }
  if (found->kind != RelKind::kTable) {
    return ErrorAt(sqlstate::kWrongObjectType, "\"" + found->name + "\" is not a table",
                   stmt.table.location);
  }
  if (!stmt.access_method.empty() && stmt.access_method != "btree" &&
      stmt.access_method != "hash") {
    return ErrorAt(sqlstate::kUndefinedObject,
                   "access method \"" + stmt.access_method + "\" does not exist");
  }
  TableDef table = *found;
  IndexDef index;
  index.oid = catalog.AllocateOid();
  index.table_oid = table.oid;
  index.unique = stmt.unique;
  index.nulls_not_distinct = stmt.nulls_not_distinct;
  std::vector<std::string> names;
  for (const ast::IndexElem& e : stmt.params) {
    if (e.column.empty()) {
      return ErrorAt(sqlstate::kFeatureNotSupported, "expression indexes are not supported yet");
    }
    const ColumnDef* c = table.FindColumn(e.column);
    if (c == nullptr) {
      return ErrorAt(sqlstate::kUndefinedColumn, "column \"" + e.column + "\" does not exist");
    }
    if (type::IsGeometric(c->type.oid)) {
      // PostgreSQL has only GiST / SP-GiST operator classes for these.
      return ErrorAt(sqlstate::kUndefinedObject,
                     "data type " + FormatType(c->type) +
                         " has no default operator class for access method \"" +
                         (stmt.access_method.empty() ? "btree" : stmt.access_method) + "\"")
          .WithHint(
              "You must specify an operator class for the index or define a default operator "
              "class for the data type.");
    }
    index.columns.push_back(c->attnum);
    bool desc = e.dir == ast::SortDir::kDesc;
    index.descending.push_back(desc);
    index.nulls_first.push_back(
        e.nulls == ast::NullsOrder::kDefault ? desc : e.nulls == ast::NullsOrder::kFirst);
    names.push_back(e.column);
  }
  if (stmt.where) {
    if (stmt.where_text.empty()) {
      return ErrorAt(sqlstate::kFeatureNotSupported, "index predicate text unavailable");
    }
    NANO_RETURN_IF_ERROR(ValidateIndexPredicate(ctx, table, stmt.where_text));
    index.predicate = stmt.where_text;
  }
  index.name = stmt.name.empty()
                   ? ChooseName(catalog, table.schema_oid, table.name, JoinNames(names), "idx")
                   : stmt.name;
  if (catalog.RelationNameTaken(table.schema_oid, index.name)) {
    if (stmt.if_not_exists) {
      Notice(ctx, sqlstate::kDuplicateTable,
             "relation \"" + index.name + "\" already exists, skipping");
      return Status::OK();
    }
    return ErrorAt(sqlstate::kDuplicateTable, "relation \"" + index.name + "\" already exists");
  }
  NANO_RETURN_IF_ERROR(BuildIndex(ctx, table, index));
  IndexDef copy = index;
  table.indexes.push_back(std::move(index));
  const TableDef parent = table;
  catalog.PutTable(std::move(table));
  return IndexPartitions(ctx, parent, copy);
}

Status CreateSequence(const ast::CreateSequenceStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  Oid schema;
  NANO_RETURN_IF_ERROR(
      ResolveSchema(catalog, stmt.sequence.schema, &schema, stmt.sequence.location));
  if (catalog.RelationNameTaken(schema, stmt.sequence.name)) {
    if (stmt.if_not_exists) {
      Notice(ctx, sqlstate::kDuplicateTable,
             "relation \"" + stmt.sequence.name + "\" already exists, skipping");
      return Status::OK();
    }
    return ErrorAt(sqlstate::kDuplicateTable,
                   "relation \"" + stmt.sequence.name + "\" already exists",
                   stmt.sequence.location);
  }
  TableDef seq;
  seq.oid = catalog.AllocateOid();
  seq.schema_oid = schema;
  seq.name = stmt.sequence.name;
  seq.kind = RelKind::kSequence;
  bool restart = false;
  int64_t restart_value = 0;
  std::string owned;
  NANO_RETURN_IF_ERROR(
      ParseSequenceOptions(stmt.options, false, &seq.sequence, &restart, &restart_value, &owned));
  if (!owned.empty() && owned != "none") {
    size_t dot = owned.rfind('.');
    if (dot == std::string::npos) {
      return ErrorAt(sqlstate::kSyntaxError, "invalid OWNED BY option");
    }
    ast::RangeVar rv;
    rv.name = owned.substr(0, dot);
    const TableDef* t = FindRelation(catalog, rv);
    const ColumnDef* c = t ? t->FindColumn(owned.substr(dot + 1)) : nullptr;
    if (c == nullptr) {
      return ErrorAt(sqlstate::kUndefinedColumn, "column \"" + owned + "\" does not exist");
    }
    seq.sequence.owned_by_table = t->oid;
    seq.sequence.owned_by_column = c->attnum;
  }
  catalog.PutTable(std::move(seq));
  return Status::OK();
}

Status AlterSequence(const ast::AlterSequenceStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* found = FindRelation(catalog, stmt.sequence);
  if (found == nullptr || found->kind != RelKind::kSequence) {
    if (stmt.missing_ok) {
      Notice(ctx, sqlstate::kUndefinedTable,
             "relation \"" + stmt.sequence.name + "\" does not exist, skipping");
      return Status::OK();
    }
    return ErrorAt(sqlstate::kUndefinedTable,
                   "relation \"" + stmt.sequence.name + "\" does not exist",
                   stmt.sequence.location);
  }
  TableDef seq = *found;
  bool restart = false;
  int64_t restart_value = 0;
  std::string owned;
  NANO_RETURN_IF_ERROR(
      ParseSequenceOptions(stmt.options, true, &seq.sequence, &restart, &restart_value, &owned));
  if (restart && ctx.reset_sequence)
    NANO_RETURN_IF_ERROR(ctx.reset_sequence(seq.oid, restart_value, false));
  catalog.PutTable(std::move(seq));
  return Status::OK();
}

Status CreateView(const ast::CreateViewStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  if (stmt.persistence == 't') {
    return ErrorAt(sqlstate::kFeatureNotSupported, "temporary views are not supported yet");
  }
  if (!stmt.check_option.empty() && stmt.check_option != "local" &&
      stmt.check_option != "cascaded") {
    return ErrorAt(sqlstate::kInvalidParameterValue,
                   "invalid value for enum option \"check_option\": " + stmt.check_option)
        .WithDetail("Valid values are \"local\" and \"cascaded\".");
  }
  if (!stmt.check_option.empty()) {
    std::string reason = ViewNotUpdatableReason(*stmt.query);
    if (!reason.empty()) {
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "WITH CHECK OPTION is supported only on automatically updatable views")
          .WithHint(reason);
    }
  }
  Oid schema;
  NANO_RETURN_IF_ERROR(ResolveSchema(catalog, stmt.view.schema, &schema, stmt.view.location));
  const TableDef* existing = catalog.FindTable(schema, stmt.view.name);
  if (existing != nullptr && (!stmt.replace || existing->kind != RelKind::kView)) {
    if (existing->kind != RelKind::kView && stmt.replace) {
      return ErrorAt(sqlstate::kWrongObjectType, "\"" + stmt.view.name + "\" is not a view");
    }
    return ErrorAt(sqlstate::kDuplicateTable, "relation \"" + stmt.view.name + "\" already exists",
                   stmt.view.location);
  }
  if (existing == nullptr && catalog.RelationNameTaken(schema, stmt.view.name)) {
    return ErrorAt(sqlstate::kDuplicateTable, "relation \"" + stmt.view.name + "\" already exists",
                   stmt.view.location);
  }
  static const FormatContext kDefault;
  Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
  BoundStatement bound;
  NANO_RETURN_IF_ERROR(binder.BindStatement(*stmt.query, &bound));
  if (stmt.column_names.size() > bound.columns.size()) {
    return ErrorAt(sqlstate::kSyntaxError, "CREATE VIEW specifies more column names than columns");
  }
  TableDef view;
  view.oid = existing ? existing->oid : catalog.AllocateOid();
  view.schema_oid = schema;
  view.name = stmt.view.name;
  view.kind = RelKind::kView;
  view.view_query = stmt.query_text;
  view.view_columns = stmt.column_names;
  view.view_check_option = stmt.check_option.empty() ? 0 : stmt.check_option[0];
  view.depends_on = binder.referenced_relations();
  int16_t attnum = 1;
  for (size_t i = 0; i < bound.columns.size(); ++i) {
    ColumnDef c;
    c.name = i < stmt.column_names.size() ? stmt.column_names[i] : bound.columns[i].name;
    c.type = bound.columns[i].type;
    c.attnum = attnum++;
    view.columns.push_back(std::move(c));
  }
  view.next_attnum = attnum;
  if (existing) {
    // CREATE OR REPLACE VIEW may add columns at the end, never drop or retype.
    std::vector<int> old_live = existing->LiveColumns();
    if (view.columns.size() < old_live.size()) {
      return Status::Error(sqlstate::kInvalidTableDefinition, "cannot drop columns from view");
    }
    for (size_t i = 0; i < old_live.size(); ++i) {
      const ColumnDef& o = existing->columns[old_live[i]];
      if (o.name != view.columns[i].name) {
        return Status::Error(sqlstate::kInvalidTableDefinition,
                             "cannot change name of view column \"" + o.name + "\" to \"" +
                                 view.columns[i].name + "\"");
      }
      if (o.type.oid != view.columns[i].type.oid) {
        return Status::Error(sqlstate::kInvalidTableDefinition,
                             "cannot change data type of view column \"" + o.name + "\" from " +
                                 FormatType(o.type) + " to " + FormatType(view.columns[i].type));
      }
    }
  }
  catalog.PutTable(std::move(view));
  return Status::OK();
}

Status CreateSchema(const ast::CreateSchemaStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  if (catalog.FindSchema(stmt.name) != nullptr) {
    if (stmt.if_not_exists) {
      Notice(ctx, sqlstate::kDuplicateSchema,
             "schema \"" + stmt.name + "\" already exists, skipping");
      return Status::OK();
    }
    return ErrorAt(sqlstate::kDuplicateSchema, "schema \"" + stmt.name + "\" already exists");
  }
  if (stmt.name.rfind("pg_", 0) == 0) {
    return ErrorAt("42939", "unacceptable schema name \"" + stmt.name + "\"")
        .WithDetail("The prefix \"pg_\" is reserved for system schemas.");
  }
  SchemaDef s;
  s.oid = catalog.AllocateOid();
  s.name = stmt.name;
  if (!stmt.authorization.empty()) s.owner = stmt.authorization;
  catalog.PutSchema(std::move(s));
  std::string tag;
  for (const auto& element : stmt.elements) NANO_RETURN_IF_ERROR(ExecuteDdl(*element, ctx, &tag));
  return Status::OK();
}

// Foreign keys in other tables that reference `table`.
std::vector<std::pair<const TableDef*, const ConstraintDef*>> ReferencingFks(const Catalog& catalog,
                                                                             Oid table) {
  std::vector<std::pair<const TableDef*, const ConstraintDef*>> out;
  for (const auto& [oid, t] : catalog.tables()) {
    if (oid == table) continue;
    for (const ConstraintDef& c : t.constraints) {
      if (c.type == 'f' && c.ref_table_oid == table) out.emplace_back(&t, &c);
    }
  }
  return out;
}

Status DropTableObject(DdlContext& ctx, Oid oid, bool cascade);

// Views whose query reads `oid`: refuse (RESTRICT) or drop them too.
Status DropDependentViews(DdlContext& ctx, Oid oid, bool cascade) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* t = catalog.TableByOid(oid);
  std::vector<Oid> views;
  for (const auto& [voids, v] : catalog.tables()) {
    if (v.kind == RelKind::kView &&
        std::find(v.depends_on.begin(), v.depends_on.end(), oid) != v.depends_on.end()) {
      views.push_back(voids);
    }
  }
  if (views.empty()) return Status::OK();
  const char* what = t->kind == RelKind::kView ? "view" : "table";
  if (!cascade) {
    std::string detail;
    for (Oid v : views) {
      if (!detail.empty()) detail += "\n";
      detail += "view " + catalog.TableByOid(v)->name + " depends on " + what + " " + t->name;
    }
    return Status::Error(sqlstate::kDependentObjectsStillExist,
                         std::string("cannot drop ") + what + " " + t->name +
                             " because other objects depend on it")
        .WithDetail(detail)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  for (Oid v : views) {
    if (catalog.TableByOid(v) == nullptr) continue;
    Notice(ctx, "00000", "drop cascades to view " + catalog.TableByOid(v)->name);
    NANO_RETURN_IF_ERROR(DropTableObject(ctx, v, true));
  }
  return Status::OK();
}

// Inheritance children block DROP (2BP01) unless CASCADE; partitions are
// part of their partitioned table and always go with it.
Status DropChildren(DdlContext& ctx, Oid oid, bool cascade) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* t = catalog.TableByOid(oid);
  std::vector<Oid> children = catalog.ChildrenOf(oid);
  std::vector<Oid> inheritors;
  for (Oid c : children) {
    if (!catalog.TableByOid(c)->is_partition()) inheritors.push_back(c);
  }
  if (!inheritors.empty()) {
    std::string detail;
    for (Oid c : inheritors) {
      if (!detail.empty()) detail += "\n";
      detail += (cascade ? "drop cascades to table " : "table ") + catalog.TableByOid(c)->name +
                (cascade ? "" : " depends on table " + t->name);
    }
    if (!cascade) {
      return Status::Error(sqlstate::kDependentObjectsStillExist,
                           "cannot drop table " + t->name + " because other objects depend on it")
          .WithDetail(detail)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    if (inheritors.size() == 1) {
      Notice(ctx, "00000", detail);
    } else if (ctx.notice) {
      ErrorInfo info;
      info.severity = "NOTICE";
      info.sqlstate = "00000";
      info.message = "drop cascades to " + std::to_string(inheritors.size()) + " other objects";
      info.detail = detail;
      ctx.notice(info);
    }
  }
  for (Oid c : children) NANO_RETURN_IF_ERROR(DropTableObject(ctx, c, true));
  return Status::OK();
}

Status DropTableObject(DdlContext& ctx, Oid oid, bool cascade) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* t = catalog.TableByOid(oid);
  if (t == nullptr) return Status::OK();
  NANO_RETURN_IF_ERROR(DropChildren(ctx, oid, cascade));
  NANO_RETURN_IF_ERROR(DropDependentViews(ctx, oid, cascade));
  t = catalog.TableByOid(oid);
  auto refs = ReferencingFks(catalog, oid);
  if (!refs.empty()) {
    if (!cascade) {
      std::string detail;
      for (const auto& [child, con] : refs) {
        if (!detail.empty()) detail += "\n";
        detail +=
            "constraint " + con->name + " on table " + child->name + " depends on table " + t->name;
      }
      return Status::Error(sqlstate::kDependentObjectsStillExist,
                           "cannot drop table " + t->name + " because other objects depend on it")
          .WithDetail(detail)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    for (const auto& [child, con] : refs) {
      Notice(ctx, "00000", "drop cascades to constraint " + con->name + " on table " + child->name);
      TableDef copy = *child;
      std::string name = con->name;
      copy.constraints.erase(std::remove_if(copy.constraints.begin(), copy.constraints.end(),
                                            [&](const ConstraintDef& c) { return c.name == name; }),
                             copy.constraints.end());
      catalog.PutTable(std::move(copy));
    }
  }
  t = catalog.TableByOid(oid);
  if (t->kind == RelKind::kTable) NANO_RETURN_IF_ERROR(DeleteTableData(ctx.exec, *t));
  if (t->kind == RelKind::kSequence) {
    std::string key = SequenceKey(t->oid);
    ctx.exec->txn->Delete(ctx.exec->branch(), key);
  }
  // Owned sequences go with their table.
  std::vector<Oid> owned;
  for (const auto& [soid, s] : catalog.tables()) {
    if (s.kind == RelKind::kSequence && s.sequence.owned_by_table == oid) owned.push_back(soid);
  }
  catalog.RemoveTable(oid);
  for (Oid s : owned) {
    ctx.exec->txn->Delete(ctx.exec->branch(), SequenceKey(s));
    catalog.RemoveTable(s);
  }
  return Status::OK();
}

Status Drop(const ast::DropStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  bool cascade = stmt.behavior == ast::DropBehavior::kCascade;
  for (const auto& name : stmt.objects) {
    std::string shown;
    for (size_t i = 0; i < name.size(); ++i) shown += (i ? "." : "") + name[i];
    if (stmt.object_type == ast::ObjectType::kSchema) {
      const SchemaDef* s = catalog.FindSchema(name.back());
      if (s == nullptr) {
        if (stmt.missing_ok) {
          Notice(ctx, "00000", "schema \"" + name.back() + "\" does not exist, skipping");
          continue;
        }
        return ErrorAt(sqlstate::kInvalidSchemaName,
                       "schema \"" + name.back() + "\" does not exist");
      }
      std::vector<Oid> members;
      for (const auto& [oid, t] : catalog.tables()) {
        if (t.schema_oid == s->oid) members.push_back(oid);
      }
      bool has_types = false;
      const Oid schema_oid = s->oid;
      NANO_RETURN_IF_ERROR(DropSchemaTypes(ctx, schema_oid, cascade, &has_types));
      s = catalog.SchemaByOid(schema_oid);
      if ((!members.empty() || has_types) && !cascade) {
        return Status::Error(
                   sqlstate::kDependentObjectsStillExist,
                   "cannot drop schema " + s->name + " because other objects depend on it")
            .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      for (Oid m : members) NANO_RETURN_IF_ERROR(DropTableObject(ctx, m, true));
      catalog.RemoveSchema(s->oid);
      continue;
    }
    ast::RangeVar rv;
    rv.name = name.back();
    if (name.size() >= 2) rv.schema = name[name.size() - 2];
    if (stmt.object_type == ast::ObjectType::kIndex) {
      Oid schema = kPublicNamespaceOid;
      if (!rv.schema.empty()) {
        const SchemaDef* s = catalog.FindSchema(rv.schema);
        schema = s ? s->oid : 0;
      }
      const IndexDef* index = nullptr;
      const TableDef* t = schema ? catalog.FindIndexByName(schema, rv.name, &index) : nullptr;
      if (t == nullptr) {
        if (stmt.missing_ok) {
          Notice(ctx, "00000", "index \"" + shown + "\" does not exist, skipping");
          continue;
        }
        return ErrorAt(sqlstate::kUndefinedObject, "index \"" + shown + "\" does not exist");
      }
      for (const ConstraintDef& c : t->constraints) {
        if (c.index_oid == index->oid && (c.type == 'p' || c.type == 'u')) {
          return Status::Error(sqlstate::kDependentObjectsStillExist,
                               "cannot drop index " + index->name + " because constraint " +
                                   c.name + " on table " + t->name + " requires it")
              .WithHint("You can drop constraint " + c.name + " on table " + t->name + " instead.");
        }
      }
      TableDef copy = *t;
      NANO_RETURN_IF_ERROR(DeleteRange(ctx.exec, IndexPrefix(t->oid, index->oid)));
      Oid ioid = index->oid;
      copy.indexes.erase(std::remove_if(copy.indexes.begin(), copy.indexes.end(),
                                        [&](const IndexDef& i) { return i.oid == ioid; }),
                         copy.indexes.end());
      catalog.PutTable(std::move(copy));
      continue;
    }
    const TableDef* t = FindRelation(catalog, rv);
    RelKind want = stmt.object_type == ast::ObjectType::kSequence ? RelKind::kSequence
                   : stmt.object_type == ast::ObjectType::kView   ? RelKind::kView
                                                                  : RelKind::kTable;
    const char* what = want == RelKind::kSequence ? "sequence"
                       : want == RelKind::kView   ? "view"
                                                  : "table";
    if (t == nullptr) {
      if (stmt.missing_ok) {
        Notice(ctx, "00000", std::string(what) + " \"" + shown + "\" does not exist, skipping");
        continue;
      }
      return ErrorAt(sqlstate::kUndefinedTable,
                     std::string(want == RelKind::kTable ? "table" : what) + " \"" + shown +
                         "\" does not exist");
    }
    if (t->kind != want) {
      return ErrorAt(sqlstate::kWrongObjectType, "\"" + shown + "\" is not a " + what)
          .WithHint(std::string("Use DROP ") +
                    (t->kind == RelKind::kSequence ? "SEQUENCE"
                     : t->kind == RelKind::kView   ? "VIEW"
                                                   : "TABLE") +
                    " to remove a " +
                    (t->kind == RelKind::kSequence ? "sequence"
                     : t->kind == RelKind::kView   ? "view"
                                                   : "table") +
                    ".");
    }
    NANO_RETURN_IF_ERROR(DropTableObject(ctx, t->oid, cascade));
  }
  return Status::OK();
}

Status Truncate(const ast::TruncateStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  std::vector<Oid> oids;
  for (const ast::RangeVar& rv : stmt.tables) {
    const TableDef* t = FindRelation(catalog, rv);
    if (t == nullptr) {
      return ErrorAt(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist",
                     rv.location);
    }
    if (t->kind != RelKind::kTable) {
      return ErrorAt(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is not a table", rv.location);
    }
    // TRUNCATE t empties t's inheritance children and partitions too (not ONLY t).
    for (Oid oid : rv.inh ? catalog.WithDescendants(t->oid) : std::vector<Oid>{t->oid}) {
      if (std::find(oids.begin(), oids.end(), oid) == oids.end()) oids.push_back(oid);
    }
  }
  for (Oid oid : oids) {
    for (const auto& [child, con] : ReferencingFks(catalog, oid)) {
      if (std::find(oids.begin(), oids.end(), child->oid) != oids.end()) continue;
      if (stmt.behavior == ast::DropBehavior::kCascade) {
        Notice(ctx, "00000", "truncate cascades to table \"" + child->name + "\"");
        oids.push_back(child->oid);
        continue;
      }
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "cannot truncate a table referenced in a foreign key constraint")
          .WithDetail("Table \"" + child->name + "\" references \"" +
                      catalog.TableByOid(oid)->name + "\".")
          .WithHint("Truncate table \"" + child->name +
                    "\" at the same time, or use TRUNCATE ... CASCADE.");
    }
  }
  // BEFORE / AFTER TRUNCATE (statement) triggers of every truncated table.
  TriggerFirer triggers(ctx.exec);
  for (Oid oid : oids) {
    NANO_RETURN_IF_ERROR(triggers.BeforeStatement(*catalog.TableByOid(oid), kTriggerTypeTruncate));
  }
  for (Oid oid : oids) {
    const TableDef* t = catalog.TableByOid(oid);
    NANO_RETURN_IF_ERROR(DeleteTableData(ctx.exec, *t));
    if (stmt.restart_identity && ctx.reset_sequence) {
      for (const auto& [soid, s] : catalog.tables()) {
        if (s.kind == RelKind::kSequence && s.sequence.owned_by_table == oid) {
          NANO_RETURN_IF_ERROR(ctx.reset_sequence(soid, s.sequence.start, false));
        }
      }
    }
  }
  for (Oid oid : oids) {
    NANO_RETURN_IF_ERROR(triggers.AfterStatement(*catalog.TableByOid(oid), kTriggerTypeTruncate));
  }
  return Status::OK();
}

// ALTER TABLE child INHERIT parent: the child must already have the
// parent's columns (same types, NOT NULL where the parent has it) and CHECK
// constraints, as PostgreSQL's MergeAttributesIntoExisting requires.
Status AddInherit(DdlContext& ctx, TableDef* child, const ast::RangeVar& rv) {
  const Catalog& catalog = *ctx.catalog;
  const TableDef* parent = FindRelation(catalog, rv);
  if (parent == nullptr) {
    return ErrorAt(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist",
                   rv.location);
  }
  if (child->is_partition()) {
    return ErrorAt(sqlstate::kWrongObjectType, "cannot change inheritance of a partition");
  }
  if (child->is_partitioned()) {
    return ErrorAt(sqlstate::kWrongObjectType, "cannot change inheritance of partitioned table");
  }
  if (parent->is_partitioned()) {
    return ErrorAt(sqlstate::kWrongObjectType,
                   "cannot inherit from partitioned table \"" + parent->name + "\"");
  }
  if (std::find(child->parents.begin(), child->parents.end(), parent->oid) !=
      child->parents.end()) {
    return ErrorAt(sqlstate::kDuplicateTable,
                   "relation \"" + parent->name + "\" would be inherited from more than once");
  }
  std::vector<Oid> below = catalog.WithDescendants(child->oid);
  if (std::find(below.begin(), below.end(), parent->oid) != below.end()) {
    return ErrorAt(sqlstate::kDuplicateTable, "circular inheritance not allowed")
        .WithDetail("\"" + parent->name + "\" is already a child of \"" + child->name + "\".");
  }
  for (int ci : parent->LiveColumns()) {
    const ColumnDef& pc = parent->columns[ci];
    int idx = -1;
    for (size_t i = 0; i < child->columns.size(); ++i) {
      if (!child->columns[i].dropped && child->columns[i].name == pc.name)
        idx = static_cast<int>(i);
    }
    if (idx < 0) {
      return ErrorAt(sqlstate::kDatatypeMismatch,
                     "child table is missing column \"" + pc.name + "\"");
    }
    ColumnDef& cc = child->columns[static_cast<size_t>(idx)];
    if (cc.type.oid != pc.type.oid || cc.type.typmod != pc.type.typmod) {
      return ErrorAt(
          sqlstate::kDatatypeMismatch,
          "child table \"" + child->name + "\" has different type for column \"" + pc.name + "\"");
    }
    if (pc.not_null && !cc.not_null) {
      return ErrorAt(sqlstate::kDatatypeMismatch,
                     "column \"" + pc.name + "\" in child table must be marked NOT NULL");
    }
    ++cc.inhcount;
  }
  for (const ConstraintDef& pc : parent->constraints) {
    if (pc.type != 'c' || pc.no_inherit) continue;
    auto it =
        std::find_if(child->constraints.begin(), child->constraints.end(),
                     [&](const ConstraintDef& c) { return c.type == 'c' && c.name == pc.name; });
    if (it == child->constraints.end()) {
      return ErrorAt(sqlstate::kDatatypeMismatch,
                     "child table is missing constraint \"" + pc.name + "\"");
    }
    ++it->inhcount;
  }
  child->parents.push_back(parent->oid);
  return Status::OK();
}

// Undoes one parent's contribution to a child's columns and constraints.
void ForgetParent(const TableDef& parent, TableDef* child) {
  child->parents.erase(std::remove(child->parents.begin(), child->parents.end(), parent.oid),
                       child->parents.end());
  for (int ci : parent.LiveColumns()) {
    for (ColumnDef& c : child->columns) {
      if (c.dropped || c.name != parent.columns[ci].name || c.inhcount == 0) continue;
      if (--c.inhcount == 0) c.is_local = true;
    }
  }
  for (const ConstraintDef& pc : parent.constraints) {
    if (pc.type != 'c') continue;
    for (ConstraintDef& c : child->constraints) {
      if (c.type != 'c' || c.name != pc.name || c.inhcount == 0) continue;
      if (--c.inhcount == 0) c.is_local = true;
    }
  }
}

Status DropInherit(DdlContext& ctx, TableDef* child, const ast::RangeVar& rv) {
  const TableDef* parent = FindRelation(*ctx.catalog, rv);
  if (parent == nullptr) {
    return ErrorAt(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist",
                   rv.location);
  }
  if (child->is_partition()) {
    return ErrorAt(sqlstate::kWrongObjectType, "cannot change inheritance of a partition");
  }
  if (std::find(child->parents.begin(), child->parents.end(), parent->oid) ==
      child->parents.end()) {
    return ErrorAt(
        sqlstate::kUndefinedTable,
        "relation \"" + parent->name + "\" is not a parent of relation \"" + child->name + "\"");
  }
  ForgetParent(*parent, child);
  return Status::OK();
}

// ALTER TABLE parent ATTACH PARTITION t FOR VALUES ...: t's columns must be
// exactly the parent's, and its rows must fit the bound.
Status AttachPartition(DdlContext& ctx, const TableDef& parent, const ast::AlterTableCmd& cmd) {
  Catalog& catalog = *ctx.catalog;
  if (!parent.is_partitioned()) {
    return ErrorAt(sqlstate::kWrongObjectType, "table \"" + parent.name + "\" is not partitioned");
  }
  const TableDef* found = FindRelation(catalog, cmd.relation);
  if (found == nullptr) {
    return ErrorAt(sqlstate::kUndefinedTable,
                   "relation \"" + cmd.relation.name + "\" does not exist", cmd.relation.location);
  }
  if (found->is_partition()) {
    return ErrorAt(sqlstate::kWrongObjectType, "\"" + found->name + "\" is already a partition");
  }
  if (!found->parents.empty()) {
    return ErrorAt(sqlstate::kWrongObjectType, "cannot attach inheritance child as partition");
  }
  if (!catalog.ChildrenOf(found->oid).empty() && !found->is_partitioned()) {
    return ErrorAt(sqlstate::kWrongObjectType, "cannot attach inheritance parent as partition");
  }
  std::vector<Oid> below = catalog.WithDescendants(found->oid);
  if (std::find(below.begin(), below.end(), parent.oid) != below.end()) {
    return ErrorAt(sqlstate::kDuplicateTable, "circular inheritance not allowed")
        .WithDetail("\"" + parent.name + "\" is already a child of \"" + found->name + "\".");
  }
  TableDef part = *found;
  for (int ci : part.LiveColumns()) {
    if (parent.FindColumn(part.columns[ci].name) == nullptr) {
      return ErrorAt(sqlstate::kDatatypeMismatch,
                     "table \"" + part.name + "\" contains column \"" + part.columns[ci].name +
                         "\" not found in parent \"" + parent.name + "\"")
          .WithDetail("The new partition may contain only the columns present in parent.");
    }
  }
  for (int ci : parent.LiveColumns()) {
    const ColumnDef& pc = parent.columns[ci];
    ColumnDef* cc = nullptr;
    for (ColumnDef& c : part.columns) {
      if (!c.dropped && c.name == pc.name) cc = &c;
    }
    if (cc == nullptr) {
      return ErrorAt(sqlstate::kDatatypeMismatch,
                     "child table is missing column \"" + pc.name + "\"");
    }
    if (cc->type.oid != pc.type.oid || cc->type.typmod != pc.type.typmod) {
      return ErrorAt(
          sqlstate::kDatatypeMismatch,
          "child table \"" + part.name + "\" has different type for column \"" + pc.name + "\"");
    }
    if (pc.not_null && !cc->not_null) {
      return ErrorAt(sqlstate::kDatatypeMismatch,
                     "column \"" + pc.name + "\" in child table must be marked NOT NULL");
    }
    ++cc->inhcount;
    cc->is_local = false;  // a partition's columns are all inherited, as in PostgreSQL
  }
  static const FormatContext kDefault;
  Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
  if (cmd.bound == nullptr) return ErrorAt(sqlstate::kSyntaxError, "missing partition bound");
  NANO_RETURN_IF_ERROR(
      MakePartitionBound(*cmd.bound, parent, part.name, binder, ctx.exec, &part.partition_bound));
  NANO_RETURN_IF_ERROR(CheckPartitionOverlap(catalog, parent, part.partition_bound, part.oid,
                                             part.name, *cmd.bound));
  part.parents = {parent.oid};
  catalog.PutTable(part);
  NANO_RETURN_IF_ERROR(CloneParentTriggers(ctx, part.oid));
  for (Oid leaf : catalog.WithDescendants(part.oid)) {
    const TableDef* t = catalog.TableByOid(leaf);
    if (t->is_partitioned()) continue;
    bool violated = false;
    NANO_RETURN_IF_ERROR(ForEachRow(ctx.exec, *t, [&](uint64_t, const std::vector<Value>& row) {
      bool fits = true;
      NANO_RETURN_IF_ERROR(RowFitsPartition(ctx.exec, catalog, *t, row, &fits));
      violated |= !fits;
      return Status::OK();
    }));
    if (violated) {
      return Status::Error(sqlstate::kCheckViolation, "partition constraint of relation \"" +
                                                          t->name + "\" is violated by some row");
    }
  }
  if (!part.partition_bound.is_default) {
    NANO_RETURN_IF_ERROR(CheckDefaultPartition(ctx, parent, part));
  }
  return Status::OK();
}

Status DetachPartition(DdlContext& ctx, const TableDef& parent, const ast::AlterTableCmd& cmd) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* found = FindRelation(catalog, cmd.relation);
  if (found == nullptr) {
    return ErrorAt(sqlstate::kUndefinedTable,
                   "relation \"" + cmd.relation.name + "\" does not exist", cmd.relation.location);
  }
  if (!found->is_partition() || found->parents.at(0) != parent.oid) {
    return ErrorAt(
        sqlstate::kUndefinedTable,
        "relation \"" + found->name + "\" is not a partition of relation \"" + parent.name + "\"");
  }
  TableDef part = *found;
  ForgetParent(parent, &part);
  part.partition_bound = PartitionBound{};
  const Oid part_oid = part.oid;
  catalog.PutTable(std::move(part));
  RemoveClonedTriggers(ctx, part_oid);
  return Status::OK();
}

Status AlterTableOn(const ast::AlterTableStmt& stmt, DdlContext& ctx, const TableDef* found,
                    const ast::AlterTableCmd* only);

// ADD / DROP COLUMN on an inheritance parent also change its descendants,
// as PostgreSQL's ATSimpleRecursion does: a child that already has the
// column merges with it, a dropped column goes where no other parent or
// local definition keeps it.
Status RecurseColumnChange(const ast::AlterTableStmt& stmt, DdlContext& ctx, Oid parent_oid,
                           const ast::AlterTableCmd& cmd) {
  Catalog& catalog = *ctx.catalog;
  std::vector<Oid> tree = catalog.WithDescendants(parent_oid);
  const bool add = cmd.kind == ast::AlterTableCmdKind::kAddColumn;
  const std::string name = add ? cmd.column->name : cmd.name;
  const ColumnDef* parent_col = catalog.TableByOid(parent_oid)->FindColumn(name);
  for (size_t i = 1; i < tree.size(); ++i) {
    TableDef child = *catalog.TableByOid(tree[i]);
    ColumnDef* existing = nullptr;
    for (ColumnDef& c : child.columns) {
      if (!c.dropped && c.name == name) existing = &c;
    }
    if (add && existing != nullptr) {
      if (parent_col != nullptr && (existing->type.oid != parent_col->type.oid ||
                                    existing->type.typmod != parent_col->type.typmod)) {
        return ErrorAt(
            sqlstate::kDatatypeMismatch,
            "child table \"" + child.name + "\" has different type for column \"" + name + "\"");
      }
      Notice(ctx, "00000",
             "merging definition of column \"" + name + "\" for child \"" + child.name + "\"");
      ++existing->inhcount;
      catalog.PutTable(std::move(child));
      continue;
    }
    if (add) {
      NANO_RETURN_IF_ERROR(AlterTableOn(stmt, ctx, catalog.TableByOid(tree[i]), &cmd));
      TableDef updated = *catalog.TableByOid(tree[i]);
      for (ColumnDef& c : updated.columns) {
        if (!c.dropped && c.name == name) {
          c.inhcount = 1;
          c.is_local = false;
        }
      }
      catalog.PutTable(std::move(updated));
      continue;
    }
    if (existing == nullptr) continue;
    if (existing->inhcount <= 1 && !existing->is_local) {
      NANO_RETURN_IF_ERROR(AlterTableOn(stmt, ctx, catalog.TableByOid(tree[i]), &cmd));
    } else {
      if (--existing->inhcount == 0) existing->is_local = true;
      catalog.PutTable(std::move(child));
    }
  }
  return Status::OK();
}

// A CHECK added to an inheritance parent is added to every descendant under
// the same name (validated against its rows), or merged with a same-named one.
Status RecurseCheck(DdlContext& ctx, Oid parent_oid, const ConstraintDef& check,
                    const ast::Constraint& con) {
  Catalog& catalog = *ctx.catalog;
  std::vector<Oid> tree = catalog.WithDescendants(parent_oid);
  for (size_t i = 1; i < tree.size(); ++i) {
    TableDef child = *catalog.TableByOid(tree[i]);
    auto same = std::find_if(child.constraints.begin(), child.constraints.end(),
                             [&](const ConstraintDef& c) { return c.name == check.name; });
    if (same != child.constraints.end()) {
      Notice(ctx, "00000", "merging constraint \"" + check.name + "\" with inherited definition");
      ++same->inhcount;
      catalog.PutTable(std::move(child));
      continue;
    }
    ast::Constraint copy;
    copy.kind = ast::ConstraintKind::kCheck;
    copy.name = check.name;
    copy.expr_text = check.check_expr;
    copy.not_valid = con.not_valid;
    NANO_RETURN_IF_ERROR(AddConstraint(ctx, &child, copy, "", true));
    child.constraints.back().inhcount = 1;
    child.constraints.back().is_local = false;
    catalog.PutTable(std::move(child));
  }
  return Status::OK();
}

Status AlterTable(const ast::AlterTableStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* found = FindRelation(catalog, stmt.table);
  if (found == nullptr) {
    if (stmt.missing_ok) {
      Notice(ctx, "00000", "relation \"" + stmt.table.name + "\" does not exist, skipping");
      return Status::OK();
    }
    return ErrorAt(sqlstate::kUndefinedTable, "relation \"" + stmt.table.name + "\" does not exist",
                   stmt.table.location);
  }
  for (const ast::AlterTableCmd& cmd : stmt.cmds) {
    if (cmd.kind != ast::AlterTableCmdKind::kDropColumn) continue;
    const ColumnDef* c = found->FindColumn(cmd.name);
    if (c != nullptr && c->inhcount > 0) {
      return ErrorAt(sqlstate::kInvalidTableDefinition,
                     "cannot drop inherited column \"" + cmd.name + "\"");
    }
  }
  const Oid oid = found->oid;
  const bool has_children = catalog.WithDescendants(oid).size() > 1;
  if (!has_children) return AlterTableOn(stmt, ctx, found, nullptr);
  // One command at a time, each followed by its recursion to the children.
  for (const ast::AlterTableCmd& cmd : stmt.cmds) {
    const size_t checks_before = catalog.TableByOid(oid)->constraints.size();
    NANO_RETURN_IF_ERROR(AlterTableOn(stmt, ctx, catalog.TableByOid(oid), &cmd));
    bool column_change = cmd.kind == ast::AlterTableCmdKind::kAddColumn ||
                         cmd.kind == ast::AlterTableCmdKind::kDropColumn;
    if (column_change && stmt.table.inh) {
      NANO_RETURN_IF_ERROR(RecurseColumnChange(stmt, ctx, oid, cmd));
    }
    const TableDef* parent = catalog.TableByOid(oid);
    bool new_check = cmd.kind == ast::AlterTableCmdKind::kAddConstraint &&
                     cmd.constraint->kind == ast::ConstraintKind::kCheck &&
                     !cmd.constraint->no_inherit && parent->constraints.size() > checks_before;
    if (new_check) {
      if (!stmt.table.inh) {
        return ErrorAt(sqlstate::kInvalidTableDefinition,
                       "constraint must be added to child tables too");
      }
      NANO_RETURN_IF_ERROR(RecurseCheck(ctx, oid, parent->constraints.back(), *cmd.constraint));
    }
  }
  return Status::OK();
}

// Applies stmt's commands (or just `only`) to `found`.
Status AlterTableOn(const ast::AlterTableStmt& stmt, DdlContext& ctx, const TableDef* found,
                    const ast::AlterTableCmd* only) {
  Catalog& catalog = *ctx.catalog;
  TableDef table = *found;
  for (const ast::AlterTableCmd& cmd : stmt.cmds) {
    if (only != nullptr && &cmd != only) continue;
    switch (cmd.kind) {
      case ast::AlterTableCmdKind::kAddColumn: {
        if (table.FindColumn(cmd.column->name) != nullptr) {
          if (cmd.if_not_exists) {
            Notice(ctx, sqlstate::kDuplicateColumn,
                   "column \"" + cmd.column->name + "\" of relation \"" + table.name +
                       "\" already exists, skipping");
            continue;
          }
          return ErrorAt(sqlstate::kDuplicateColumn, "column \"" + cmd.column->name +
                                                         "\" of relation \"" + table.name +
                                                         "\" already exists");
        }
        std::vector<PendingConstraint> pending;
        catalog.PutTable(table);
        NANO_RETURN_IF_ERROR(AddColumn(ctx, &table, *cmd.column, &pending));
        catalog.PutTable(table);
        const ColumnDef& col = table.columns.back();
        // Backfill existing rows with the default (or check NOT NULL). A
        // domain column takes the domain's default and checks its constraints.
        if (!col.default_expr.empty() || col.not_null || col.domain_oid != 0) {
          static const FormatContext kDefault;
          Binder binder(Borrow(ctx.catalog), ctx.format ? ctx.format : &kDefault, {});
          BoundExprPtr def;
          const TypeDef* domain = col.domain_oid ? catalog.TypeByOid(col.domain_oid) : nullptr;
          const std::string& default_text = col.default_expr.empty() && domain != nullptr
                                                ? domain->default_expr
                                                : col.default_expr;
          if (!default_text.empty()) {
            NANO_RETURN_IF_ERROR(binder.BindTableExpr(table, default_text, col.type, &def));
          }
          if (domain != nullptr) {
            BoundExprPtr value =
                def ? std::move(def) : MakeConst(Value::Null(col.type.oid), col.type);
            NANO_RETURN_IF_ERROR(binder.AddDomainCheck(col.domain_oid, std::move(value), &def));
          }
          ExecState st;
          st.ctx = ctx.exec;
          std::vector<std::pair<uint64_t, std::vector<Value>>> rows;
          NANO_RETURN_IF_ERROR(
              ForEachRow(ctx.exec, table, [&](uint64_t rowid, const std::vector<Value>& row) {
                rows.emplace_back(rowid, row);
                return Status::OK();
              }));
          int ci = static_cast<int>(table.columns.size()) - 1;
          for (auto& [rowid, row] : rows) {
            row.resize(table.columns.size());
            Value v = Value::Null(col.type.oid);
            if (def) NANO_RETURN_IF_ERROR(EvalExpr(*def, row, st, &v));
            if (v.is_null() && col.not_null) {
              return Status::Error(sqlstate::kNotNullViolation,
                                   "column \"" + col.name + "\" of relation \"" + table.name +
                                       "\" contains null values");
            }
            row[ci] = v;
            std::string value(1, 'R');
            EncodeRow(row.data(), row.size(), &value);
            ctx.exec->txn->Put(ctx.exec->branch(), HeapKey(table.oid, rowid), std::move(value));
          }
        }
        for (const PendingConstraint& p : pending) {
          NANO_RETURN_IF_ERROR(AddConstraint(ctx, &table, *p.constraint, p.column, true));
        }
        break;
      }
      case ast::AlterTableCmdKind::kDropColumn: {
        ColumnDef* col = nullptr;
        for (ColumnDef& c : table.columns) {
          if (!c.dropped && c.name == cmd.name) col = &c;
        }
        if (col == nullptr) {
          if (cmd.missing_ok) {
            Notice(ctx, "00000",
                   "column \"" + cmd.name + "\" of relation \"" + table.name +
                       "\" does not exist, skipping");
            continue;
          }
          return ErrorAt(sqlstate::kUndefinedColumn, "column \"" + cmd.name + "\" of relation \"" +
                                                         table.name + "\" does not exist");
        }
        int16_t attnum = col->attnum;
        // Triggers using the column (UPDATE OF, WHEN) depend on it.
        NANO_RETURN_IF_ERROR(DropColumnTriggers(ctx, &table, attnum, cmd.behavior));
        col->dropped = true;
        col->name = "........pg.dropped." + std::to_string(attnum) + "........";
        col->not_null = false;
        col->default_expr.clear();
        // Indexes and constraints on the column go with it.
        std::vector<Oid> dropped_indexes;
        for (const IndexDef& idx : table.indexes) {
          if (std::find(idx.columns.begin(), idx.columns.end(), attnum) != idx.columns.end()) {
            dropped_indexes.push_back(idx.oid);
            NANO_RETURN_IF_ERROR(DeleteRange(ctx.exec, IndexPrefix(table.oid, idx.oid)));
          }
        }
        table.indexes.erase(std::remove_if(table.indexes.begin(), table.indexes.end(),
                                           [&](const IndexDef& i) {
                                             return std::find(dropped_indexes.begin(),
                                                              dropped_indexes.end(),
                                                              i.oid) != dropped_indexes.end();
                                           }),
                            table.indexes.end());
        table.constraints.erase(std::remove_if(table.constraints.begin(), table.constraints.end(),
                                               [&](const ConstraintDef& c) {
                                                 return std::find(c.columns.begin(),
                                                                  c.columns.end(),
                                                                  attnum) != c.columns.end();
                                               }),
                                table.constraints.end());
        break;
      }
      case ast::AlterTableCmdKind::kSetDefault:
      case ast::AlterTableCmdKind::kDropDefault: {
        ColumnDef* col = nullptr;
        for (ColumnDef& c : table.columns) {
          if (!c.dropped && c.name == cmd.name) col = &c;
        }
        if (col == nullptr) {
          return ErrorAt(sqlstate::kUndefinedColumn, "column \"" + cmd.name + "\" of relation \"" +
                                                         table.name + "\" does not exist");
        }
        if (cmd.kind == ast::AlterTableCmdKind::kDropDefault) {
          col->default_expr.clear();
        } else {
          col->default_expr = cmd.default_text;
          NANO_RETURN_IF_ERROR(ValidateExpr(ctx, table, col->default_expr, col->type, -1));
        }
        break;
      }
      case ast::AlterTableCmdKind::kSetNotNull:
      case ast::AlterTableCmdKind::kDropNotNull: {
        int ci = -1;
        for (size_t i = 0; i < table.columns.size(); ++i) {
          if (!table.columns[i].dropped && table.columns[i].name == cmd.name)
            ci = static_cast<int>(i);
        }
        if (ci < 0) {
          return ErrorAt(sqlstate::kUndefinedColumn, "column \"" + cmd.name + "\" of relation \"" +
                                                         table.name + "\" does not exist");
        }
        if (cmd.kind == ast::AlterTableCmdKind::kDropNotNull) {
          const IndexDef* pk = table.PrimaryKey();
          if (pk && std::find(pk->columns.begin(), pk->columns.end(), table.columns[ci].attnum) !=
                        pk->columns.end()) {
            return Status::Error(sqlstate::kInvalidTableDefinition,
                                 "column \"" + cmd.name + "\" is in a primary key");
          }
          table.columns[ci].not_null = false;
        } else {
          bool has_null = false;
          NANO_RETURN_IF_ERROR(
              ForEachRow(ctx.exec, table, [&](uint64_t, const std::vector<Value>& row) {
                has_null |= static_cast<size_t>(ci) >= row.size() || row[ci].is_null();
                return Status::OK();
              }));
          if (has_null) {
            return Status::Error(sqlstate::kNotNullViolation, "column \"" + cmd.name +
                                                                  "\" of relation \"" + table.name +
                                                                  "\" contains null values");
          }
          table.columns[ci].not_null = true;
        }
        break;
      }
      case ast::AlterTableCmdKind::kAddConstraint:
        catalog.PutTable(table);
        NANO_RETURN_IF_ERROR(AddConstraint(ctx, &table, *cmd.constraint, "", true));
        break;
      case ast::AlterTableCmdKind::kDropConstraint: {
        auto it = std::find_if(table.constraints.begin(), table.constraints.end(),
                               [&](const ConstraintDef& c) { return c.name == cmd.name; });
        if (it == table.constraints.end()) {
          if (cmd.missing_ok) {
            Notice(ctx, "00000",
                   "constraint \"" + cmd.name + "\" of relation \"" + table.name +
                       "\" does not exist, skipping");
            continue;
          }
          return ErrorAt(
              sqlstate::kUndefinedObject,
              "constraint \"" + cmd.name + "\" of relation \"" + table.name + "\" does not exist");
        }
        if (it->type == 'p' || it->type == 'u') {
          for (const auto& [child, con] : ReferencingFks(catalog, table.oid)) {
            if (con->index_oid == it->index_oid && cmd.behavior != ast::DropBehavior::kCascade) {
              return Status::Error(sqlstate::kDependentObjectsStillExist,
                                   "cannot drop constraint " + it->name + " on table " +
                                       table.name + " because other objects depend on it")
                  .WithDetail("constraint " + con->name + " on table " + child->name +
                              " depends on index " + it->name)
                  .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
          }
          Oid ioid = it->index_oid;
          NANO_RETURN_IF_ERROR(DeleteRange(ctx.exec, IndexPrefix(table.oid, ioid)));
          table.indexes.erase(std::remove_if(table.indexes.begin(), table.indexes.end(),
                                             [&](const IndexDef& i) { return i.oid == ioid; }),
                              table.indexes.end());
          it = std::find_if(table.constraints.begin(), table.constraints.end(),
                            [&](const ConstraintDef& c) { return c.name == cmd.name; });
        }
        table.constraints.erase(it);
        break;
      }
      case ast::AlterTableCmdKind::kAddInherit:
        NANO_RETURN_IF_ERROR(AddInherit(ctx, &table, cmd.relation));
        break;
      case ast::AlterTableCmdKind::kDropInherit:
        NANO_RETURN_IF_ERROR(DropInherit(ctx, &table, cmd.relation));
        break;
      case ast::AlterTableCmdKind::kAttachPartition:
        catalog.PutTable(table);
        NANO_RETURN_IF_ERROR(AttachPartition(ctx, table, cmd));
        break;
      case ast::AlterTableCmdKind::kDetachPartition:
        catalog.PutTable(table);
        NANO_RETURN_IF_ERROR(DetachPartition(ctx, table, cmd));
        break;
      case ast::AlterTableCmdKind::kEnableRowSecurity:
      case ast::AlterTableCmdKind::kDisableRowSecurity:
      case ast::AlterTableCmdKind::kForceRowSecurity:
      case ast::AlterTableCmdKind::kNoForceRowSecurity:
      case ast::AlterTableCmdKind::kChangeOwner:
        NANO_RETURN_IF_ERROR(AlterTableSecurity(cmd, ctx, &table));
        break;
      default: {
        bool handled = false;
        NANO_RETURN_IF_ERROR(AlterTableTrigger(ctx, &table, cmd, &handled));
        if (handled) break;
      }
        return ErrorAt(sqlstate::kFeatureNotSupported,
                       "ALTER TABLE " +
                           (cmd.other_name.empty() ? std::string("subcommand") : cmd.other_name) +
                           " is not supported yet");
    }
  }
  catalog.PutTable(std::move(table));
  return Status::OK();
}

Status Rename(const ast::RenameStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  if (stmt.object_type == ast::ObjectType::kType || stmt.object_type == ast::ObjectType::kDomain) {
    return RenameUserType(stmt, ctx);
  }
  if (stmt.object_type == ast::ObjectType::kSchema) {
    const SchemaDef* s = catalog.FindSchema(
        stmt.subname.empty() && !stmt.object.empty() ? stmt.object.back() : stmt.subname);
    if (s == nullptr) return ErrorAt(sqlstate::kInvalidSchemaName, "schema does not exist");
    SchemaDef copy = *s;
    copy.name = stmt.new_name;
    catalog.PutSchema(std::move(copy));
    return Status::OK();
  }
  if (stmt.object_type == ast::ObjectType::kIndex) {
    const IndexDef* index = nullptr;
    const TableDef* t = catalog.FindIndexByName(kPublicNamespaceOid, stmt.relation.name, &index);
    if (t == nullptr) {
      return ErrorAt(sqlstate::kUndefinedTable,
                     "relation \"" + stmt.relation.name + "\" does not exist");
    }
    TableDef copy = *t;
    for (IndexDef& i : copy.indexes) {
      if (i.oid == index->oid) i.name = stmt.new_name;
    }
    for (ConstraintDef& c : copy.constraints) {
      if (c.index_oid == index->oid && (c.type == 'p' || c.type == 'u')) c.name = stmt.new_name;
    }
    catalog.PutTable(std::move(copy));
    return Status::OK();
  }
  const TableDef* t = FindRelation(catalog, stmt.relation);
  if (t == nullptr) {
    if (stmt.missing_ok) return Status::OK();
    return ErrorAt(sqlstate::kUndefinedTable,
                   "relation \"" + stmt.relation.name + "\" does not exist",
                   stmt.relation.location);
  }
  TableDef copy = *t;
  if (stmt.object_type == ast::ObjectType::kColumn) {
    ColumnDef* col = nullptr;
    for (ColumnDef& c : copy.columns) {
      if (!c.dropped && c.name == stmt.subname) col = &c;
    }
    if (col == nullptr) {
      return ErrorAt(sqlstate::kUndefinedColumn, "column \"" + stmt.subname + "\" does not exist");
    }
    if (copy.FindColumn(stmt.new_name) != nullptr) {
      return ErrorAt(sqlstate::kDuplicateColumn, "column \"" + stmt.new_name + "\" of relation \"" +
                                                     copy.name + "\" already exists");
    }
    if (col->inhcount > 0) {
      return ErrorAt(sqlstate::kInvalidTableDefinition,
                     "cannot rename inherited column \"" + stmt.subname + "\"");
    }
    std::vector<Oid> tree = catalog.WithDescendants(copy.oid);
    if (!stmt.relation.inh && tree.size() > 1) {
      return ErrorAt(
          sqlstate::kInvalidTableDefinition,
          "inherited column \"" + stmt.subname + "\" must be renamed in child tables too");
    }
    col->name = stmt.new_name;
    // The children's copies of the column follow the parent's name.
    for (size_t i = 1; i < tree.size(); ++i) {
      TableDef child = *catalog.TableByOid(tree[i]);
      for (ColumnDef& c : child.columns) {
        if (c.dropped || c.name != stmt.subname) continue;
        if (child.FindColumn(stmt.new_name) != nullptr) {
          return ErrorAt(
              sqlstate::kDuplicateColumn,
              "column \"" + stmt.new_name + "\" of relation \"" + child.name + "\" already exists");
        }
        c.name = stmt.new_name;
      }
      catalog.PutTable(std::move(child));
    }
  } else if (stmt.object_type == ast::ObjectType::kConstraint) {
    bool found = false;
    for (ConstraintDef& c : copy.constraints) {
      if (c.name == stmt.subname) {
        c.name = stmt.new_name;
        found = true;
        for (IndexDef& i : copy.indexes) {
          if (i.oid == c.index_oid && (c.type == 'p' || c.type == 'u')) i.name = stmt.new_name;
        }
      }
    }
    if (!found) {
      return ErrorAt(
          sqlstate::kUndefinedObject,
          "constraint \"" + stmt.subname + "\" for table \"" + copy.name + "\" does not exist");
    }
  } else {
    if (catalog.RelationNameTaken(copy.schema_oid, stmt.new_name)) {
      return ErrorAt(sqlstate::kDuplicateTable,
                     "relation \"" + stmt.new_name + "\" already exists");
    }
    copy.name = stmt.new_name;
  }
  catalog.PutTable(std::move(copy));
  return Status::OK();
}

}  // namespace

bool IsDdl(const ast::Statement& stmt) {
  switch (stmt.kind) {
    case ast::StmtKind::kCreateTable:
    case ast::StmtKind::kCreateIndex:
    case ast::StmtKind::kCreateSequence:
    case ast::StmtKind::kAlterSequence:
    case ast::StmtKind::kCreateSchema:
    case ast::StmtKind::kDrop:
    case ast::StmtKind::kAlterTable:
    case ast::StmtKind::kRename:
    case ast::StmtKind::kTruncate:
    case ast::StmtKind::kCreateView:
    case ast::StmtKind::kCreateType:
    case ast::StmtKind::kAlterEnum:
    case ast::StmtKind::kAlterDomain:
    case ast::StmtKind::kCreateFunction:
    case ast::StmtKind::kCreateTrigger:
    case ast::StmtKind::kCreateAggregate:
    case ast::StmtKind::kCreateOperator:
    case ast::StmtKind::kCreateRole:
    case ast::StmtKind::kDropRole:
    case ast::StmtKind::kGrantRole:
    case ast::StmtKind::kGrant:
    case ast::StmtKind::kCreatePolicy:
    case ast::StmtKind::kAlterOwner:
      return true;
    case ast::StmtKind::kComment: {
      const auto& c = static_cast<const ast::CommentStmt&>(stmt);
      return c.object_type == ast::ObjectType::kAggregate ||
             c.object_type == ast::ObjectType::kFunction;
    }
    default:
      return false;
  }
}

namespace {

// DROP of any object type.
Status ExecuteDrop(const ast::DropStmt& d, DdlContext& ctx, std::string* tag) {
  switch (d.object_type) {
    case ast::ObjectType::kIndex:
      *tag = "DROP INDEX";
      break;
    case ast::ObjectType::kSequence:
      *tag = "DROP SEQUENCE";
      break;
    case ast::ObjectType::kView:
      *tag = "DROP VIEW";
      break;
    case ast::ObjectType::kSchema:
      *tag = "DROP SCHEMA";
      break;
    case ast::ObjectType::kTable:
      *tag = "DROP TABLE";
      break;
    case ast::ObjectType::kType:
    case ast::ObjectType::kDomain:
      *tag = d.object_type == ast::ObjectType::kType ? "DROP TYPE" : "DROP DOMAIN";
      return DropUserTypes(d, ctx);
    case ast::ObjectType::kFunction:
      *tag = "DROP FUNCTION";
      return DropFunctions(d, ctx);
    case ast::ObjectType::kTrigger:
      *tag = "DROP TRIGGER";
      return DropTrigger(d, ctx);
    case ast::ObjectType::kAggregate:
      *tag = "DROP AGGREGATE";
      return DropAggregates(d, ctx);
    case ast::ObjectType::kOperator:
      *tag = "DROP OPERATOR";
      return DropOperators(d, ctx);
    case ast::ObjectType::kPolicy:
      return ExecuteRoleDdl(d, ctx, tag);
    default:
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "DROP of this object type is not supported yet");
  }
  return Drop(d, ctx);
}

// PostgreSQL reports everything one DROP ... CASCADE removes as one NOTICE:
// "drop cascades to X", or "drop cascades to N other objects" with one
// DETAIL line per object. The drop code reports objects as it reaches them;
// this gathers those reports and emits the one NOTICE once the drop succeeded.
Status GroupCascadeNotices(DdlContext& ctx, const std::function<Status(DdlContext&)>& drop) {
  if (!ctx.notice) return drop(ctx);
  const std::string prefix = "drop cascades to ";
  std::vector<std::string> objects;
  DdlContext inner = ctx;
  inner.notice = [&](const ErrorInfo& info) {
    if (info.message.rfind(prefix, 0) != 0) {
      ctx.notice(info);
      return;
    }
    if (info.detail.empty()) {
      objects.push_back(info.message);
      return;
    }
    size_t start = 0;
    while (start <= info.detail.size()) {
      size_t end = info.detail.find('\n', start);
      if (end == std::string::npos) end = info.detail.size();
      if (end > start) objects.push_back(info.detail.substr(start, end - start));
      start = end + 1;
    }
  };
  Status st = drop(inner);
  if (!st.ok() || objects.empty()) return st;
  ErrorInfo info;
  info.severity = "NOTICE";
  info.sqlstate = "00000";
  if (objects.size() == 1) {
    info.message = objects[0];
  } else {
    info.message = prefix + std::to_string(objects.size()) + " other objects";
    for (const std::string& o : objects) info.detail += (info.detail.empty() ? "" : "\n") + o;
  }
  ctx.notice(info);
  return st;
}

}  // namespace

Status ExecuteDdl(const ast::Statement& stmt, DdlContext& ctx, std::string* tag) {
  NANO_RETURN_IF_ERROR(CheckDdlPermission(stmt, ctx));
  if (stmt.kind == ast::StmtKind::kRename &&
      static_cast<const ast::RenameStmt&>(stmt).object_type == ast::ObjectType::kRole) {
    return ExecuteRoleDdl(stmt, ctx, tag);  // ALTER ROLE ... RENAME TO
  }
  switch (stmt.kind) {
    case ast::StmtKind::kCreateRole:
    case ast::StmtKind::kDropRole:
    case ast::StmtKind::kGrantRole:
    case ast::StmtKind::kGrant:
    case ast::StmtKind::kCreatePolicy:
    case ast::StmtKind::kAlterOwner:
      return ExecuteRoleDdl(stmt, ctx, tag);
    case ast::StmtKind::kCreateTable:
      *tag = "CREATE TABLE";
      return CreateTable(static_cast<const ast::CreateTableStmt&>(stmt), ctx);
    case ast::StmtKind::kCreateIndex:
      *tag = "CREATE INDEX";
      return CreateIndex(static_cast<const ast::CreateIndexStmt&>(stmt), ctx);
    case ast::StmtKind::kCreateSequence:
      *tag = "CREATE SEQUENCE";
      return CreateSequence(static_cast<const ast::CreateSequenceStmt&>(stmt), ctx);
    case ast::StmtKind::kAlterSequence:
      *tag = "ALTER SEQUENCE";
      return AlterSequence(static_cast<const ast::AlterSequenceStmt&>(stmt), ctx);
    case ast::StmtKind::kCreateSchema:
      *tag = "CREATE SCHEMA";
      return CreateSchema(static_cast<const ast::CreateSchemaStmt&>(stmt), ctx);
    case ast::StmtKind::kCreateView:
      *tag = "CREATE VIEW";
      return CreateView(static_cast<const ast::CreateViewStmt&>(stmt), ctx);
    case ast::StmtKind::kCreateFunction:
      *tag = "CREATE FUNCTION";
      return CreateFunction(static_cast<const ast::CreateFunctionStmt&>(stmt), ctx);
    case ast::StmtKind::kCreateTrigger:
      *tag = "CREATE TRIGGER";
      return CreateTrigger(static_cast<const ast::CreateTriggerStmt&>(stmt), ctx);
    case ast::StmtKind::kCreateAggregate:
      *tag = "CREATE AGGREGATE";
      return CreateAggregate(static_cast<const ast::CreateAggregateStmt&>(stmt), ctx);
    case ast::StmtKind::kCreateOperator:
      *tag = "CREATE OPERATOR";
      return CreateOperator(static_cast<const ast::CreateOperatorStmt&>(stmt), ctx);
    case ast::StmtKind::kComment:
      *tag = "COMMENT";
      return CommentOnRoutine(static_cast<const ast::CommentStmt&>(stmt), ctx);
    case ast::StmtKind::kDrop:
      return GroupCascadeNotices(ctx, [&](DdlContext& c) {
        return ExecuteDrop(static_cast<const ast::DropStmt&>(stmt), c, tag);
      });
    case ast::StmtKind::kAlterTable: {
      const auto& a = static_cast<const ast::AlterTableStmt&>(stmt);
      *tag = a.object_type == ast::ObjectType::kIndex      ? "ALTER INDEX"
             : a.object_type == ast::ObjectType::kSequence ? "ALTER SEQUENCE"
                                                           : "ALTER TABLE";
      return AlterTable(a, ctx);
    }
    case ast::StmtKind::kRename: {
      const auto& r = static_cast<const ast::RenameStmt&>(stmt);
      switch (r.object_type) {
        case ast::ObjectType::kIndex:
          *tag = "ALTER INDEX";
          break;
        case ast::ObjectType::kSequence:
          *tag = "ALTER SEQUENCE";
          break;
        case ast::ObjectType::kSchema:
          *tag = "ALTER SCHEMA";
          break;
        case ast::ObjectType::kType:
          *tag = "ALTER TYPE";
          break;
        case ast::ObjectType::kDomain:
          *tag = "ALTER DOMAIN";
          break;
        case ast::ObjectType::kTrigger:
          *tag = "ALTER TRIGGER";
          return RenameTrigger(r, ctx);
        case ast::ObjectType::kAggregate:
          *tag = "ALTER AGGREGATE";
          return RenameAggregate(r, ctx);
        default:
          *tag = r.relation_type == ast::ObjectType::kSequence ? "ALTER SEQUENCE" : "ALTER TABLE";
      }
      return Rename(r, ctx);
    }
    case ast::StmtKind::kCreateType: {
      const auto& ct = static_cast<const ast::CreateTypeStmt&>(stmt);
      *tag = ct.form == ast::CreateTypeStmt::Form::kDomain ? "CREATE DOMAIN" : "CREATE TYPE";
      return CreateUserType(ct, ctx);
    }
    case ast::StmtKind::kAlterDomain:
      *tag = "ALTER DOMAIN";
      return AlterDomain(static_cast<const ast::AlterDomainStmt&>(stmt), ctx);
    case ast::StmtKind::kAlterEnum:
      *tag = "ALTER TYPE";
      return AlterEnum(static_cast<const ast::AlterEnumStmt&>(stmt), ctx);
    case ast::StmtKind::kTruncate:
      *tag = "TRUNCATE TABLE";
      return Truncate(static_cast<const ast::TruncateStmt&>(stmt), ctx);
    default:
      return Status::Error(sqlstate::kInternalError, "not a DDL statement");
  }
}

}  // namespace nano
