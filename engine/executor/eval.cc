// engine/executor/eval.cc — expression evaluation.
#include "executor/eval.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <thread>

#include "binder/binder.h"
#include "catalog/oid_namer.h"
#include "catalog/system_tables.h"
#include "catalog/trigger_text.h"
#include "executor/operators.h"
#include "executor/partition.h"
#include "function/string_util.h"
#include "types/cast.h"
#include "types/compare.h"
#include "types/enum_value.h"
#include "types/record.h"
#include "types/type_info.h"

namespace nano {

namespace {

const FormatContext& Format(ExecState& st) {
  static const FormatContext kDefault;
  return st.ctx && st.ctx->eval && st.ctx->eval->format ? *st.ctx->eval->format : kDefault;
}

EvalContext& Ctx(ExecState& st) {
  static thread_local EvalContext fallback;
  return st.ctx && st.ctx->eval ? *st.ctx->eval : fallback;
}

Status CallFunction(const ScalarOverload* fn, const Value* args, size_t n, ExecState& st,
                    TypeRef result, Value* out) {
  if (fn->strict) {
    for (size_t i = 0; i < n; ++i) {
      if (args[i].is_null()) {
        *out = Value::Null(result.oid);
        return Status::OK();
      }
    }
  }
  return fn->fn(args, n, Ctx(st), out);
}

// The comparison of NULLIF / IS DISTINCT FROM / IN on two non-NULL values:
// a built-in operator's function, or a user operator's (CREATE OPERATOR).
Status CallComparison(const BoundExpr& e, const Value* args, ExecState& st, Value* out) {
  if (e.user_fn == nullptr) return CallFunction(e.fn, args, 2, st, TypeRef{type::kBool, -1}, out);
  std::vector<std::vector<Value>> rows;
  NANO_RETURN_IF_ERROR(RunUserFunction(*e.user_fn, {args[0], args[1]}, st, &rows));
  *out = rows.empty() || rows[0].empty() ? Value::Null(type::kBool) : std::move(rows[0][0]);
  return Status::OK();
}

// Evaluates a comparison `cmp` (a kCall with a placeholder operand) for the
// placeholder value `v`; result may be NULL.
Status EvalWithPlaceholder(const BoundExpr& cmp, const std::vector<Value>& row, ExecState& st,
                           const Value& v, Value* out) {
  const Value* saved = st.placeholder;
  st.placeholder = &v;
  Status s = EvalExpr(cmp, row, st, out);
  st.placeholder = saved;
  return s;
}

// Runs e's subplan with `row` as its enclosing row and hands each row to
// visit, until it sets *stop or the rows end.
template <typename Visit>
Status ForEachSubqueryRow(const BoundExpr& e, const std::vector<Value>& row, ExecState& st,
                          Visit visit) {
  st.outer_rows.push_back(&row);
  std::unique_ptr<Operator> op;
  Status s = BuildOperator(*e.subplan, st.ctx, &st.outer_rows, &op);  // copies outer_rows
  st.outer_rows.pop_back();
  NANO_RETURN_IF_ERROR(s);
  NANO_RETURN_IF_ERROR(op->Open());
  std::vector<Value> sub;
  bool eof = false, stop = false;
  while (!stop) {
    NANO_RETURN_IF_ERROR(op->Next(&sub, &eof));
    if (eof) break;
    NANO_RETURN_IF_ERROR(visit(sub, &stop));
  }
  return Status::OK();
}

// EXISTS, scalar and ARRAY subqueries: one value.
Status SubqueryValue(const BoundExpr& e, const std::vector<Value>& row, ExecState& st, Value* out) {
  switch (e.subquery_kind) {
    case SubqueryKind::kExists: {
      bool found = false;
      NANO_RETURN_IF_ERROR(ForEachSubqueryRow(e, row, st, [&](std::vector<Value>&, bool* stop) {
        found = *stop = true;
        return Status::OK();
      }));
      *out = Value::Bool(found);
      return Status::OK();
    }
    case SubqueryKind::kScalar: {
      *out = Value::Null(e.type.oid);
      bool seen = false;
      return ForEachSubqueryRow(e, row, st, [&](std::vector<Value>& sub, bool*) {
        if (seen) {
          return Status::Error(sqlstate::kCardinalityViolation,
                               "more than one row returned by a subquery used as an expression");
        }
        seen = true;
        *out = std::move(sub[0]);
        return Status::OK();
      });
    }
    default: {  // kArray
      auto data = std::make_shared<ArrayData>();
      NANO_RETURN_IF_ERROR(ForEachSubqueryRow(e, row, st, [&](std::vector<Value>& sub, bool*) {
        data->elements.push_back(std::move(sub[0]));
        return Status::OK();
      }));
      if (!data->elements.empty()) {
        data->dims = {static_cast<int32_t>(data->elements.size())};
        data->lower_bounds = {1};
      }
      *out = Value::Array(e.type.oid, std::move(data));
      return Status::OK();
    }
  }
}

// Types whose `=` is exactly ValuesEqual (and so HashValue): a hashed
// lookup gives the same answer as comparing one by one.
bool HashableEquality(TypeOid a, TypeOid b) {
  // Mixed numeric types compare after a cast (numeric vs float8 rounds):
  // only integers mix; other numeric types must match exactly.
  if (IsNumericType(a) && IsNumericType(b)) {
    return a == b || (IsIntegerType(a) && IsIntegerType(b));
  }
  auto family = [](TypeOid t) {
    if (t == type::kText || t == type::kVarChar || t == type::kName) return 2;
    if (t == type::kBool || t == type::kDate || t == type::kTimestamp || t == type::kTimestampTz ||
        t == type::kUuid) {
      return 3 + static_cast<int>(t);
    }
    return 0;
  };
  return family(a) != 0 && family(a) == family(b);
}

// `left = <placeholder>` with a hashable equality: its left operand.
const BoundExpr* HashableAnyLeft(const BoundExpr& cmp) {
  if (cmp.kind != BoundExprKind::kCall || cmp.fn == nullptr || cmp.fn->name != "=" ||
      cmp.args.size() != 2) {
    return nullptr;
  }
  const BoundExpr& right = *cmp.args[1];
  if (right.kind != BoundExprKind::kColumn || right.column != -2) return nullptr;
  return HashableEquality(cmp.args[0]->type.oid, right.type.oid) ? cmp.args[0].get() : nullptr;
}

// An uncorrelated subquery's column, computed once per execution.
Status CachedSubqueryColumn(const BoundExpr& e, const std::vector<Value>& row, ExecState& st,
                            bool hashed, const ExecContext::SubqueryColumn** out) {
  auto it = st.ctx->subquery_rows.find(&e);
  if (it == st.ctx->subquery_rows.end()) {
    ExecContext::SubqueryColumn column;
    NANO_RETURN_IF_ERROR(ForEachSubqueryRow(e, row, st, [&](std::vector<Value>& sub, bool*) {
      if (sub[0].is_null()) {
        column.has_null = true;
      } else if (hashed) {
        column.by_hash.emplace(HashValue(sub[0]), column.values.size());
      }
      column.values.push_back(std::move(sub[0]));
      return Status::OK();
    }));
    it = st.ctx->subquery_rows.emplace(&e, std::move(column)).first;
  }
  *out = &it->second;
  return Status::OK();
}

// x = ANY (uncorrelated subquery) by hash lookup, with SQL's NULL rules.
Status HashedAny(const BoundExpr& left, const ExecContext::SubqueryColumn& column,
                 const std::vector<Value>& row, ExecState& st, Value* out) {
  if (column.values.empty()) {
    *out = Value::Bool(false);
    return Status::OK();
  }
  Value x;
  NANO_RETURN_IF_ERROR(EvalExpr(left, row, st, &x));
  if (x.is_null()) {
    *out = Value::Null(type::kBool);
    return Status::OK();
  }
  auto [first, last] = column.by_hash.equal_range(HashValue(x));
  for (auto it = first; it != last; ++it) {
    if (ValuesEqual(column.values[it->second], x)) {
      *out = Value::Bool(true);
      return Status::OK();
    }
  }
  *out = column.has_null ? Value::Null(type::kBool) : Value::Bool(false);
  return Status::OK();
}

// ANY / ALL over a subquery. ANY: true if any comparison is true, else NULL
// if any is NULL, else false; ALL: false if any is false, else NULL if any
// is NULL, else true. An uncorrelated subquery's column is computed once
// (and `= ANY` / IN over it is a hash lookup, as PostgreSQL's hashed SubPlan).
Status SubqueryAnyAll(const BoundExpr& e, const std::vector<Value>& row, ExecState& st,
                      Value* out) {
  const bool is_all = e.subquery_kind == SubqueryKind::kAll;
  bool any_null = false, decided = false;
  auto compare = [&](const Value& item, bool* stop) {
    Value r;
    NANO_RETURN_IF_ERROR(EvalWithPlaceholder(*e.args[0], row, st, item, &r));
    if (r.is_null()) {
      any_null = true;
    } else if (r.bool_value() != is_all) {
      decided = *stop = true;
    }
    return Status::OK();
  };
  if (!e.correlated && st.ctx != nullptr) {
    const BoundExpr* hash_left = is_all ? nullptr : HashableAnyLeft(*e.args[0]);
    const ExecContext::SubqueryColumn* column = nullptr;
    NANO_RETURN_IF_ERROR(CachedSubqueryColumn(e, row, st, hash_left != nullptr, &column));
    if (hash_left != nullptr) return HashedAny(*hash_left, *column, row, st, out);
    bool stop = false;
    for (const Value& item : column->values) {
      NANO_RETURN_IF_ERROR(compare(item, &stop));
      if (stop) break;
    }
  } else {
    NANO_RETURN_IF_ERROR(ForEachSubqueryRow(
        e, row, st, [&](std::vector<Value>& sub, bool* stop) { return compare(sub[0], stop); }));
  }
  *out = decided ? Value::Bool(!is_all) : any_null ? Value::Null(type::kBool) : Value::Bool(is_all);
  return Status::OK();
}

// A user function call in an expression: its first result row's value.
Status EvalUserCall(const BoundExpr& e, const std::vector<Value>& row, ExecState& st, Value* out) {
  std::vector<Value> args(e.args.size());
  for (size_t i = 0; i < e.args.size(); ++i) {
    NANO_RETURN_IF_ERROR(EvalExpr(*e.args[i], row, st, &args[i]));
  }
  std::vector<std::vector<Value>> rows;
  NANO_RETURN_IF_ERROR(RunUserFunction(*e.user_fn, args, st, &rows));
  if (!rows.empty() && rows[0].size() == 1 && rows[0][0].is_record()) {
    *out = std::move(rows[0][0]);  // PL/pgSQL returned the record itself
    return Status::OK();
  }
  if (!rows.empty() && e.user_fn->result_columns.size() > 1) {
    // RETURNS a composite type: the row is the record.
    auto names = std::make_shared<std::vector<std::string>>();
    for (const FunctionArg& c : e.user_fn->result_columns) names->push_back(c.name);
    *out = MakeRecord(e.type.oid, std::move(rows[0]), std::move(names));
    return Status::OK();
  }
  *out = rows.empty() || rows[0].empty() ? Value::Null(e.type.oid) : std::move(rows[0][0]);
  return Status::OK();
}

Status EvalSubquery(const BoundExpr& e, const std::vector<Value>& row, ExecState& st, Value* out) {
  if (e.subquery_kind == SubqueryKind::kAny || e.subquery_kind == SubqueryKind::kAll) {
    return SubqueryAnyAll(e, row, st, out);
  }
  if (e.correlated || st.ctx == nullptr) return SubqueryValue(e, row, st, out);
  auto it = st.ctx->subquery_values.find(&e);
  if (it == st.ctx->subquery_values.end()) {
    Value v;
    NANO_RETURN_IF_ERROR(SubqueryValue(e, row, st, &v));
    it = st.ctx->subquery_values.emplace(&e, std::move(v)).first;
  }
  *out = it->second;
  return Status::OK();
}

// pg_get_serial_sequence(table, column): the sequence a serial or identity
// column owns, schema-qualified; NULL when it has none. The table name is
// parsed like regclass input, the column name is taken as written.
Status SerialSequence(const Catalog& catalog, const std::string& table_name,
                      const std::string& column_name, Value* out) {
  CatalogOidNamer namer(
      [&catalog] { return std::shared_ptr<const Catalog>(&catalog, [](auto*) {}); },
      [] { return std::string(); });
  int64_t table_oid = 0;
  NANO_RETURN_IF_ERROR(namer.OidOf(type::kRegClass, table_name, &table_oid));
  const TableDef* table = catalog.TableByOid(static_cast<Oid>(table_oid));
  const ColumnDef* column = table ? table->FindColumn(column_name) : nullptr;
  if (column == nullptr) {
    return Status::Error(
        sqlstate::kUndefinedColumn,
        "column \"" + column_name + "\" of relation \"" + table_name + "\" does not exist");
  }
  const TableDef* seq = column->sequence_oid ? catalog.TableByOid(column->sequence_oid) : nullptr;
  if (seq == nullptr) return Status::OK();
  const SchemaDef* schema = catalog.SchemaByOid(seq->schema_oid);
  *out = Value::Text(fn::QuoteIdent(schema ? schema->name : "public") + "." +
                     fn::QuoteIdent(seq->name));
  return Status::OK();
}

// pg_function_is_visible / pg_get_function_result / _arguments for user
// functions; built-ins (in pg_catalog) are visible and described as NULL.
Status EvalFunctionCatalogFn(const BoundExpr& e, const Catalog& catalog, Oid oid, Value* out) {
  const FunctionDef* f = catalog.FunctionByOid(oid);
  if (e.session_fn == SessionFn::kPgFunctionIsVisible) {
    *out = Value::Bool(f == nullptr || f->schema_oid == kPublicNamespaceOid);
    return Status::OK();
  }
  if (f == nullptr) {
    *out = Value::Null(type::kText);
    return Status::OK();
  }
  auto arg_text = [](const FunctionArg& a) {
    std::string mode = a.mode == 'o'   ? "OUT "
                       : a.mode == 'b' ? "INOUT "
                       : a.mode == 'v' ? "VARIADIC "
                                       : "";
    std::string s = mode + (a.name.empty() ? "" : a.name + " ") +
                    (a.type.oid == type::kAny ? std::string("\"any\"") : FormatType(a.type));
    if (!a.default_expr.empty()) s += " DEFAULT " + a.default_expr;
    return s;
  };
  std::string text;
  if (e.session_fn == SessionFn::kPgGetFunctionResult) {
    bool table = !f->result_columns.empty() && f->result_columns[0].mode == 't';
    if (table) {
      text = "TABLE(";
      for (size_t i = 0; i < f->result_columns.size(); ++i) {
        text += (i ? ", " : "") + f->result_columns[i].name + " " +
                FormatType(f->result_columns[i].type);
      }
      text += ")";
    } else {
      text = (f->returns_set ? "SETOF " : "") + FormatType(f->return_type);
    }
  } else {
    // Ordered-set aggregates: "direct ORDER BY aggregated"; a trailing
    // VARIADIC direct argument is repeated after ORDER BY (PostgreSQL's
    // print_function_arguments).
    const bool ordered = f->is_aggregate() && f->aggregate.kind != 'n';
    const size_t order_at = ordered ? f->aggregate.num_direct_args : SIZE_MAX;
    size_t printed = 0;
    for (const FunctionArg& a : f->args) {
      if (a.mode == 't') continue;
      if (printed == order_at) {
        text += printed ? " ORDER BY " : "ORDER BY ";
      } else if (printed) {
        text += ", ";
      }
      text += arg_text(a);
      ++printed;
    }
    if (ordered && order_at == printed && printed > 0) {
      text += " ORDER BY " + arg_text(f->args.back());
    }
  }
  *out = Value::Text(std::move(text));
  return Status::OK();
}

// pg_get_indexdef & co: read the plan's catalog snapshot.
Status EvalCatalogFn(const BoundExpr& e, const std::vector<Value>& args, ExecState& st,
                     Value* out) {
  const Catalog* catalog = st.ctx ? st.ctx->catalog.get() : nullptr;
  *out = Value::Null(e.type.oid);
  if (catalog == nullptr) return Status::OK();
  Oid oid = e.session_fn == SessionFn::kPgGetExpr ? 0 : static_cast<Oid>(args[0].int_value());
  if (e.session_fn >= SessionFn::kPgFunctionIsVisible) {
    return EvalFunctionCatalogFn(e, *catalog, oid, out);
  }
  switch (e.session_fn) {
    case SessionFn::kPgGetIndexdef:
      for (const auto& [toid, t] : catalog->tables()) {
        for (const IndexDef& idx : t.indexes) {
          if (idx.oid != oid) continue;
          if (args.size() >= 2 && args[1].int_value() > 0) {
            const ColumnDef* c = args[1].int_value() <= static_cast<int64_t>(idx.columns.size())
                                     ? t.ColumnByAttnum(idx.columns[args[1].int_value() - 1])
                                     : nullptr;
            *out = c ? Value::Text(c->name) : Value::Text("");
          } else {
            *out = Value::Text(
                IndexDefinition(*catalog, t, idx, args.size() >= 3 && args[2].bool_value()));
          }
          return Status::OK();
        }
      }
      return Status::OK();
    case SessionFn::kPgGetConstraintdef:
      for (const auto& [toid, t] : catalog->tables()) {
        for (const ConstraintDef& c : t.constraints) {
          if (c.oid == oid) {
            *out = Value::Text(
                ConstraintDefinition(*catalog, t, c, args.size() >= 2 && args[1].bool_value()));
            return Status::OK();
          }
        }
      }
      for (const auto& [toid, t] : catalog->types()) {  // domain CHECKs
        for (const ConstraintDef& c : t.constraints) {
          if (c.oid == oid) {
            *out = Value::Text(ConstraintDefinition(*catalog, TableDef(), c,
                                                    args.size() >= 2 && args[1].bool_value()));
            return Status::OK();
          }
        }
      }
      return Status::OK();
    case SessionFn::kPgTableIsVisible: {
      const TableDef* t = catalog->TableByOid(oid);
      Oid schema = t ? t->schema_oid : 0;
      if (t == nullptr) {
        for (const auto& [toid, table] : catalog->tables()) {
          for (const IndexDef& idx : table.indexes) {
            if (idx.oid == oid) schema = table.schema_oid;
          }
        }
        if (schema == 0 && SystemTableByOid(oid)) schema = kPgCatalogNamespaceOid;
        for (const auto& [toid, type] : catalog->types()) {
          if (type.relid == oid) schema = type.schema_oid;  // a composite type's relation
        }
      }
      *out = Value::Bool(schema == kPublicNamespaceOid || schema == kPgCatalogNamespaceOid);
      return Status::OK();
    }
    case SessionFn::kPgGetExpr:
      *out = Value::Text(args[0].str());
      return Status::OK();
    case SessionFn::kPgGetViewdef: {
      // The view's query as stored (PostgreSQL prints a deparsed, pretty
      // form of it; ours is the text as written).
      const TableDef* t = catalog->TableByOid(oid);
      if (t != nullptr && t->kind == RelKind::kView) *out = Value::Text(" " + t->view_query + ";");
      return Status::OK();
    }
    case SessionFn::kPgGetSerialSequence:
      return SerialSequence(*catalog, args[0].str(), args[1].str(), out);
    case SessionFn::kPgGetPartkeydef: {
      const TableDef* t = catalog->TableByOid(oid);
      if (t == nullptr || !t->is_partitioned()) return Status::OK();
      const PartitionKey& key = t->partition_key;
      std::string def = key.strategy == 'l' ? "LIST (" : key.strategy == 'r' ? "RANGE (" : "HASH (";
      for (size_t i = 0; i < key.columns.size(); ++i) {
        if (i > 0) def += ", ";
        // Expression keys print in parentheses, a bare call without more.
        std::string name = key.KeyName(*t, i);
        def += key.columns[i] == 0 && name.front() == '(' ? "(" + name + ")" : name;
      }
      *out = Value::Text(def + ")");
      return Status::OK();
    }
    case SessionFn::kPgGetPartitionConstraintdef: {
      const TableDef* t = catalog->TableByOid(oid);
      if (t == nullptr) return Status::OK();
      std::string def;
      bool is_null = true;
      NANO_RETURN_IF_ERROR(PartitionConstraintDef(*catalog, *t, &def, &is_null));
      if (!is_null) *out = Value::Text(std::move(def));
      return Status::OK();
    }
    case SessionFn::kPartitionAncestry: {
      if (args[0].is_null()) return Status::OK();
      auto data = std::make_shared<ArrayData>();
      const TableDef* t = catalog->TableByOid(oid);
      Value v = Value::Oid(oid);
      v.set_type(type::kRegClass);
      data->elements.push_back(v);
      for (size_t depth = 0; t != nullptr && t->is_partition() && depth < catalog->tables().size();
           ++depth) {
        t = catalog->TableByOid(t->parents.at(0));
        if (t == nullptr) break;
        Value p = Value::Oid(t->oid);
        p.set_type(type::kRegClass);
        data->elements.push_back(p);
      }
      data->dims.push_back(static_cast<int32_t>(data->elements.size()));
      data->lower_bounds.push_back(1);
      *out = Value::Array(e.type.oid, std::move(data));
      return Status::OK();
    }
    case SessionFn::kPgGetTriggerdef: {
      const TableDef* t = nullptr;
      const TriggerDef* trig = FindTriggerByOid(*catalog, oid, &t);
      if (trig != nullptr) {
        *out = Value::Text(
            TriggerDefinition(*catalog, *t, *trig, args.size() >= 2 && args[1].bool_value()));
      }
      return Status::OK();
    }
    case SessionFn::kObjDescription: {
      // User object oids come from one counter: a relation or a routine.
      const TableDef* t = catalog->TableByOid(oid);
      if (t && !t->comment.empty()) *out = Value::Text(t->comment);
      const FunctionDef* f = catalog->FunctionByOid(oid);
      if (f && !f->comment.empty()) *out = Value::Text(f->comment);
      return Status::OK();
    }
    default:
      return Status::OK();
  }
}

// The user type a kEnumIn/kEnum*/kDomainCheck node names, from the plan's catalog.
Status UserTypeOf(const BoundExpr& e, ExecState& st, const TypeDef** out) {
  const Oid oid = static_cast<Oid>(e.constant.int_value());
  *out = st.ctx && st.ctx->catalog ? st.ctx->catalog->TypeByOid(oid) : nullptr;
  if (*out == nullptr) {
    return Status::Error(sqlstate::kUndefinedObject,
                         "cache lookup failed for type " + std::to_string(oid));
  }
  return Status::OK();
}

// CoerceToDomain: NOT NULL first, then each CHECK in constraint-name order
// (the order the binder bound them in).
Status EvalDomainCheck(const BoundExpr& e, const std::vector<Value>& row, ExecState& st,
                       Value* out) {
  const TypeDef* domain = nullptr;
  NANO_RETURN_IF_ERROR(UserTypeOf(e, st, &domain));
  Value v;
  NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &v));
  std::vector<const ConstraintDef*> checks;
  bool not_null = false;
  st.ctx->catalog->DomainConstraints(domain->oid, &checks, &not_null);
  auto check = [&](const Value& item) -> Status {
    if (item.is_null() && not_null) {
      return Status::Error(sqlstate::kNotNullViolation,
                           "domain " + domain->name + " does not allow null values");
    }
    const std::vector<Value> value_row{item};
    for (size_t i = 1; i < e.args.size(); ++i) {
      Value ok;
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[i], value_row, st, &ok));
      if (!ok.is_null() && !ok.bool_value()) {
        // Named as PostgreSQL does: the domain cast to, the constraint at any level.
        return Status::Error(sqlstate::kCheckViolation,
                             "value for domain " + domain->name + " violates check constraint \"" +
                                 (i - 1 < checks.size() ? checks[i - 1]->name : std::string()) +
                                 "\"");
      }
    }
    return Status::OK();
  };
  if (!e.all) {
    NANO_RETURN_IF_ERROR(check(v));
  } else if (!v.is_null()) {
    // An array of the domain: each element is checked (a NULL array is not).
    for (const Value& item : v.array().elements) NANO_RETURN_IF_ERROR(check(item));
  }
  *out = std::move(v);
  return Status::OK();
}

// enum_in and enum_first/last/range.
Status EvalEnumFn(const BoundExpr& e, const std::vector<Value>& args, ExecState& st, Value* out) {
  const TypeDef* t = nullptr;
  NANO_RETURN_IF_ERROR(UserTypeOf(e, st, &t));
  if (e.session_fn == SessionFn::kEnumIn) {
    std::string text = args[0].str();
    if (args[0].type() == type::kBpChar) {
      while (!text.empty() && text.back() == ' ') text.pop_back();
    }
    return EnumInput(*st.ctx->catalog, t->oid, text, out);
  }
  if (t->labels.empty()) {
    if (e.session_fn != SessionFn::kEnumRange) {
      return Status::Error(sqlstate::kObjectNotInPrerequisiteState,
                           "enum " + t->name + " contains no values");
    }
  }
  if (e.session_fn == SessionFn::kEnumRange) {
    auto data = std::make_shared<ArrayData>();
    for (const EnumLabel& l : t->labels) data->elements.push_back(Value::Text(l.label));
    if (!data->elements.empty()) {
      data->dims = {static_cast<int32_t>(data->elements.size())};
      data->lower_bounds = {1};
    }
    *out = Value::Array(type::kTextArray, std::move(data));
    return Status::OK();
  }
  const EnumLabel& l = e.session_fn == SessionFn::kEnumFirst ? t->labels.front() : t->labels.back();
  *out = MakeEnumValue(t->oid, l.sort_order, l.label);
  return Status::OK();
}

// format_type(oid, typmod): NULL typmod is allowed (it means "no typmod").
Status EvalFormatType(const BoundExpr& e, const std::vector<Value>& row, ExecState& st,
                      Value* out) {
  Value oid, typmod;
  NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &oid));
  NANO_RETURN_IF_ERROR(EvalExpr(*e.args[1], row, st, &typmod));
  if (oid.is_null()) {
    *out = Value::Null(type::kText);
    return Status::OK();
  }
  const auto t = static_cast<TypeOid>(oid.int_value());
  const Catalog* catalog = st.ctx ? st.ctx->catalog.get() : nullptr;
  if (t == type::kInvalid) {
    *out = Value::Text("-");
  } else if (const TypeDef* ut = catalog ? catalog->TypeByOid(t) : nullptr) {
    const SchemaDef* schema = catalog->SchemaByOid(ut->schema_oid);
    const bool visible = ut->schema_oid == kPublicNamespaceOid || schema == nullptr;
    *out = Value::Text(visible ? ut->name : schema->name + "." + ut->name);
  } else if (LookupType(t) == nullptr) {
    *out = Value::Text("???");
    for (const auto& [oid, ut] : catalog ? catalog->types() : std::map<Oid, TypeDef>{}) {
      if (ut.array_oid != t) continue;  // "_ct", the array of a user type, is ct[]
      const SchemaDef* schema = catalog->SchemaByOid(ut.schema_oid);
      const bool visible = ut.schema_oid == kPublicNamespaceOid || schema == nullptr;
      *out = Value::Text((visible ? ut.name : schema->name + "." + ut.name) + "[]");
      break;
    }
  } else {
    *out = Value::Text(
        FormatType(TypeRef{t, typmod.is_null() ? -1 : static_cast<int32_t>(typmod.int_value())}));
  }
  return Status::OK();
}

// ARRAY[sub, sub, ...] over arrays: one more dimension; every non-empty
// sub-array must have the same shape (2202E otherwise).
Status EvalMultiDimArray(const BoundExpr& e, const std::vector<Value>& row, ExecState& st,
                         Value* out) {
  auto data = std::make_shared<ArrayData>();
  int32_t count = 0;
  const ArrayData* shape = nullptr;
  std::vector<Value> subs(e.args.size());
  for (size_t i = 0; i < e.args.size(); ++i) {
    NANO_RETURN_IF_ERROR(EvalExpr(*e.args[i], row, st, &subs[i]));
    if (subs[i].is_null() || subs[i].array().elements.empty()) continue;
    const ArrayData& a = subs[i].array();
    if (shape != nullptr && (a.dims != shape->dims || a.lower_bounds != shape->lower_bounds)) {
      return Status::Error(sqlstate::kArraySubscriptError,
                           "multidimensional arrays must have array expressions with matching "
                           "dimensions");
    }
    shape = &a;
    ++count;
    data->elements.insert(data->elements.end(), a.elements.begin(), a.elements.end());
  }
  if (shape != nullptr) {
    if (count != static_cast<int32_t>(e.args.size())) {
      return Status::Error(sqlstate::kArraySubscriptError,
                           "multidimensional arrays must have array expressions with matching "
                           "dimensions");
    }
    data->dims.push_back(count);
    data->lower_bounds.push_back(1);
    data->dims.insert(data->dims.end(), shape->dims.begin(), shape->dims.end());
    data->lower_bounds.insert(data->lower_bounds.end(), shape->lower_bounds.begin(),
                              shape->lower_bounds.end());
  }
  *out = Value::Array(e.type.oid, std::move(data));
  return Status::OK();
}

// One subscript's bounds; `omitted` marks a bound left out of a slice.
struct SubscriptBound {
  int64_t value = 0;
  bool omitted = false;
};

// arr[i][j]: the element, or NULL when the subscripts do not address one
// (wrong count, out of range), as PostgreSQL's array_get_element.
Value ArrayElement(const ArrayData& a, const std::vector<SubscriptBound>& subs, TypeOid type) {
  if (subs.size() != a.dims.size()) return Value::Null(type);
  size_t offset = 0;
  for (size_t d = 0; d < subs.size(); ++d) {
    const int64_t index = subs[d].value - a.lower_bounds[d];
    if (index < 0 || index >= a.dims[d]) return Value::Null(type);
    offset = offset * static_cast<size_t>(a.dims[d]) + static_cast<size_t>(index);
  }
  assert(offset < a.elements.size());
  return a.elements[offset];
}

// arr[l:u][...]: the sub-array with lower bounds 1; bounds are clipped to
// the array's and an empty range gives an empty array (array_get_slice).
Value ArraySlice(const Value& arr, const std::vector<SubscriptBound>& lower,
                 const std::vector<SubscriptBound>& upper, TypeOid type) {
  const ArrayData& a = arr.array();
  auto data = std::make_shared<ArrayData>();
  const size_t ndim = a.dims.size();
  if (ndim == 0 || lower.size() > ndim) return Value::Array(type, std::move(data));
  std::vector<int64_t> from(ndim), count(ndim);
  for (size_t d = 0; d < ndim; ++d) {
    const int64_t lb = a.lower_bounds[d], ub = lb + a.dims[d] - 1;
    int64_t l = d < lower.size() && !lower[d].omitted ? lower[d].value : lb;
    int64_t u = d < upper.size() && !upper[d].omitted ? upper[d].value : ub;
    l = std::max(l, lb);
    u = std::min(u, ub);
    if (l > u) return Value::Array(type, std::move(data));
    from[d] = l - lb;
    count[d] = u - l + 1;
  }
  // Walk the selected box in row-major order with an odometer over `index`.
  std::vector<int64_t> index(ndim, 0);
  while (true) {
    size_t offset = 0;
    for (size_t d = 0; d < ndim; ++d) {
      offset = offset * static_cast<size_t>(a.dims[d]) + static_cast<size_t>(from[d] + index[d]);
    }
    data->elements.push_back(a.elements[offset]);
    size_t d = ndim;
    while (d > 0 && ++index[d - 1] == count[d - 1]) index[--d] = 0;
    if (d == 0) break;
  }
  for (size_t d = 0; d < ndim; ++d) {
    data->dims.push_back(static_cast<int32_t>(count[d]));
    data->lower_bounds.push_back(1);
  }
  return Value::Array(type, std::move(data));
}

Status EvalSubscript(const BoundExpr& e, const std::vector<Value>& row, ExecState& st, Value* out) {
  Value arr;
  NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &arr));
  *out = Value::Null(e.type.oid);
  const size_t n = (e.args.size() - 1) / 2;
  std::vector<SubscriptBound> lower(n), upper(n);
  bool any_null = arr.is_null();
  for (size_t i = 0; i < n; ++i) {
    for (int side = 0; side < 2; ++side) {
      const BoundExpr& b = *e.args[1 + 2 * i + side];
      SubscriptBound& sb = side == 0 ? lower[i] : upper[i];
      if (b.IsOmittedBound()) {
        sb.omitted = true;
        continue;
      }
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(b, row, st, &v));
      if (v.is_null()) any_null = true;
      sb.value = v.int_value();
    }
  }
  if (any_null) return Status::OK();  // a NULL array or subscript gives NULL
  if (!e.all) {
    Value v = ArrayElement(arr.array(), lower, e.type.oid);
    if (v.is_null()) return Status::OK();
    *out = std::move(v);
    return Status::OK();
  }
  *out = ArraySlice(arr, lower, upper, e.type.oid);
  return Status::OK();
}

Status EvalSessionFn(const BoundExpr& e, const std::vector<Value>& row, ExecState& st, Value* out) {
  if (e.session_fn == SessionFn::kDomainCheck) return EvalDomainCheck(e, row, st, out);
  if (e.session_fn == SessionFn::kFormatType) return EvalFormatType(e, row, st, out);
  if (e.session_fn == SessionFn::kEnumFirst || e.session_fn == SessionFn::kEnumLast ||
      e.session_fn == SessionFn::kEnumRange) {
    return EvalEnumFn(e, {}, st, out);
  }
  std::vector<Value> args(e.args.size());
  for (size_t i = 0; i < e.args.size(); ++i) {
    NANO_RETURN_IF_ERROR(EvalExpr(*e.args[i], row, st, &args[i]));
    if (args[i].is_null()) {
      *out = Value::Null(e.type.oid);
      return Status::OK();
    }
  }
  if (e.session_fn == SessionFn::kPgSleep) {
    // pg_sleep is the one place a statement is asked to wait: sleep in short
    // slices so a cancel request ends it promptly (bounded at one hour).
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::microseconds(static_cast<int64_t>(
                        std::min(std::max(args[0].float_value(), 0.0), 3600.0) * 1e6));
    while (std::chrono::steady_clock::now() < deadline) {
      if (st.ctx) NANO_RETURN_IF_ERROR(st.ctx->CheckCancel());
      auto left = deadline - std::chrono::steady_clock::now();
      std::this_thread::sleep_for(
          std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(10)));
    }
    *out = Value::String(type::kVoid, "");
    return Status::OK();
  }
  if (e.session_fn == SessionFn::kEnumIn) return EvalEnumFn(e, args, st, out);
  if (e.session_fn == SessionFn::kRecordIn) {
    if (st.ctx == nullptr || st.ctx->catalog == nullptr) {
      return Status::Error(sqlstate::kFeatureNotSupported, "record input needs a catalog");
    }
    static const FormatContext kDefaultFormat;
    const FormatContext& fmt =
        st.ctx->eval && st.ctx->eval->format ? *st.ctx->eval->format : kDefaultFormat;
    const TypeOid composite = static_cast<TypeOid>(e.constant.int_value());
    if (e.type.oid == type::kRecordArray) {  // ct[] from text
      return CompositeArrayInput(*st.ctx->catalog, fmt, composite, args[0].str(), out);
    }
    return CompositeInput(*st.ctx->catalog, fmt, composite, args[0].str(), out);
  }
  if (e.session_fn >= SessionFn::kPgGetIndexdef) return EvalCatalogFn(e, args, st, out);
  SequenceAccess* seq = st.ctx ? st.ctx->sequences : nullptr;
  if (seq == nullptr) {
    return Status::Error(sqlstate::kFeatureNotSupported, "sequences are not available here");
  }
  Oid oid = 0;
  if (!args.empty()) {
    if (args[0].type() == type::kRegClass || args[0].type() == type::kOid) {
      oid = static_cast<Oid>(args[0].int_value());
    } else {
      NANO_RETURN_IF_ERROR(seq->LookupSequence(args[0].str(), &oid));
    }
  }
  int64_t v = 0;
  switch (e.session_fn) {
    case SessionFn::kNextval:
      NANO_RETURN_IF_ERROR(seq->NextVal(oid, &v));
      break;
    case SessionFn::kCurrval:
      NANO_RETURN_IF_ERROR(seq->CurrVal(oid, &v));
      break;
    case SessionFn::kSetval:
      v = args[1].int_value();
      NANO_RETURN_IF_ERROR(seq->SetVal(oid, v, true));
      break;
    case SessionFn::kSetval3:
      v = args[1].int_value();
      NANO_RETURN_IF_ERROR(seq->SetVal(oid, v, args[2].bool_value()));
      break;
    case SessionFn::kLastval:
      NANO_RETURN_IF_ERROR(seq->LastVal(&v));
      break;
    default:
      return Status::Error(sqlstate::kInternalError, "session function evaluated out of place");
  }
  *out = Value::Int8(v);
  return Status::OK();
}

}  // namespace

Status EvalCondition(const BoundExpr& e, const std::vector<Value>& row, ExecState& st, bool* out) {
  Value v;
  NANO_RETURN_IF_ERROR(EvalExpr(e, row, st, &v));
  *out = !v.is_null() && v.bool_value();
  return Status::OK();
}

Status EvalExpr(const BoundExpr& e, const std::vector<Value>& row, ExecState& st, Value* out) {
  switch (e.kind) {
    case BoundExprKind::kConst:
      *out = e.constant;
      return Status::OK();
    case BoundExprKind::kColumn: {
      if (e.column == -2) {
        assert(st.placeholder != nullptr);
        *out = *st.placeholder;
        return Status::OK();
      }
      const std::vector<Value>* src = &row;
      if (e.depth > 0) {
        if (static_cast<size_t>(e.depth) > st.outer_rows.size()) {
          return Status::Error(sqlstate::kInternalError, "outer reference out of range");
        }
        src = st.outer_rows[st.outer_rows.size() - e.depth];
      }
      if (e.column < 0 || static_cast<size_t>(e.column) >= src->size()) {
        // A binder bug must not take the server down: report it instead.
        return Status::Error(sqlstate::kInternalError, "column reference out of range");
      }
      *out = (*src)[e.column];
      return Status::OK();
    }
    case BoundExprKind::kParam: {
      if (st.ctx == nullptr || st.ctx->params == nullptr ||
          static_cast<size_t>(e.column) >= st.ctx->params->size()) {
        return Status::Error(sqlstate::kUndefinedParameter,
                             "there is no parameter $" + std::to_string(e.column + 1));
      }
      *out = (*st.ctx->params)[e.column];
      return Status::OK();
    }
    case BoundExprKind::kCall: {
      Value args[4];
      std::vector<Value> many;
      Value* argv = args;
      if (e.args.size() > 4) {
        many.resize(e.args.size());
        argv = many.data();
      }
      for (size_t i = 0; i < e.args.size(); ++i) {
        NANO_RETURN_IF_ERROR(EvalExpr(*e.args[i], row, st, &argv[i]));
      }
      Status s = CallFunction(e.fn, argv, e.args.size(), st, e.type, out);
      if (!s.ok()) s.SetPositionIfUnset(0);
      return s;
    }
    case BoundExprKind::kCast: {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &v));
      if (v.is_null()) {
        *out = Value::Null(e.type.oid);
        return Status::OK();
      }
      return CastValue(v, e.type, e.cast_context, Format(st), out);
    }
    case BoundExprKind::kAnd: {
      bool saw_null = false;
      for (const auto& a : e.args) {
        Value v;
        NANO_RETURN_IF_ERROR(EvalExpr(*a, row, st, &v));
        if (v.is_null()) {
          saw_null = true;
        } else if (!v.bool_value()) {
          *out = Value::Bool(false);
          return Status::OK();
        }
      }
      *out = saw_null ? Value::Null(type::kBool) : Value::Bool(true);
      return Status::OK();
    }
    case BoundExprKind::kOr: {
      bool saw_null = false;
      for (const auto& a : e.args) {
        Value v;
        NANO_RETURN_IF_ERROR(EvalExpr(*a, row, st, &v));
        if (v.is_null()) {
          saw_null = true;
        } else if (v.bool_value()) {
          *out = Value::Bool(true);
          return Status::OK();
        }
      }
      *out = saw_null ? Value::Null(type::kBool) : Value::Bool(false);
      return Status::OK();
    }
    case BoundExprKind::kNot: {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &v));
      *out = v.is_null() ? Value::Null(type::kBool) : Value::Bool(!v.bool_value());
      return Status::OK();
    }
    case BoundExprKind::kCase: {
      size_t pairs = (e.args.size() - (e.has_else ? 1 : 0)) / 2;
      for (size_t i = 0; i < pairs; ++i) {
        bool hit = false;
        NANO_RETURN_IF_ERROR(EvalCondition(*e.args[2 * i], row, st, &hit));
        if (hit) return EvalExpr(*e.args[2 * i + 1], row, st, out);
      }
      if (e.has_else) return EvalExpr(*e.args.back(), row, st, out);
      *out = Value::Null(e.type.oid);
      return Status::OK();
    }
    case BoundExprKind::kNullTest: {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &v));
      if (!v.is_null() && v.is_record()) {
        // A row IS NULL when every field is; IS NOT NULL when none is.
        bool all = true;
        for (const Value& f : v.array().elements) all &= f.is_null() != e.negated;
        *out = Value::Bool(all);
        return Status::OK();
      }
      *out = Value::Bool(v.is_null() != e.negated);
      return Status::OK();
    }
    case BoundExprKind::kBoolTest: {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &v));
      bool r = false;
      switch (e.bool_test) {
        case 0:
          r = !v.is_null() && v.bool_value();
          break;  // IS TRUE
        case 1:
          r = v.is_null() || !v.bool_value();
          break;  // IS NOT TRUE
        case 2:
          r = !v.is_null() && !v.bool_value();
          break;  // IS FALSE
        case 3:
          r = v.is_null() || v.bool_value();
          break;  // IS NOT FALSE
        case 4:
          r = v.is_null();
          break;  // IS UNKNOWN
        default:
          r = !v.is_null();
          break;  // IS NOT UNKNOWN
      }
      *out = Value::Bool(r);
      return Status::OK();
    }
    case BoundExprKind::kDistinctFrom: {
      Value a, b;
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &a));
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[1], row, st, &b));
      bool distinct;
      if (a.is_null() || b.is_null()) {
        distinct = a.is_null() != b.is_null();
      } else {
        Value args[2] = {a, b};
        Value eq;
        NANO_RETURN_IF_ERROR(CallComparison(e, args, st, &eq));
        distinct = !eq.bool_value();
      }
      *out = Value::Bool(e.negated ? !distinct : distinct);
      return Status::OK();
    }
    case BoundExprKind::kInList: {
      Value left;
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &left));
      if (left.is_null()) {
        *out = Value::Null(type::kBool);
        return Status::OK();
      }
      bool saw_null = false;
      for (size_t i = 1; i < e.args.size(); ++i) {
        Value item;
        NANO_RETURN_IF_ERROR(EvalExpr(*e.args[i], row, st, &item));
        if (item.is_null()) {
          saw_null = true;
          continue;
        }
        Value args[2] = {left, item};
        Value eq;
        NANO_RETURN_IF_ERROR(CallComparison(e, args, st, &eq));
        if (!eq.is_null() && eq.bool_value()) {
          *out = Value::Bool(!e.negated);
          return Status::OK();
        }
        if (eq.is_null()) saw_null = true;
      }
      *out = saw_null ? Value::Null(type::kBool) : Value::Bool(e.negated);
      return Status::OK();
    }
    case BoundExprKind::kSubquery:
      return EvalSubquery(e, row, st, out);
    case BoundExprKind::kCoalesce: {
      for (const auto& a : e.args) {
        NANO_RETURN_IF_ERROR(EvalExpr(*a, row, st, out));
        if (!out->is_null()) return Status::OK();
      }
      *out = Value::Null(e.type.oid);
      return Status::OK();
    }
    case BoundExprKind::kGreatest:
    case BoundExprKind::kLeast: {
      bool have = false;
      Value best;
      for (const auto& a : e.args) {
        Value v;
        NANO_RETURN_IF_ERROR(EvalExpr(*a, row, st, &v));
        if (v.is_null()) continue;
        int c = have ? CompareValues(v, best) : 0;
        if (!have || (e.kind == BoundExprKind::kGreatest ? c > 0 : c < 0)) {
          best = std::move(v);
          have = true;
        }
      }
      *out = have ? std::move(best) : Value::Null(e.type.oid);
      return Status::OK();
    }
    case BoundExprKind::kNullIf: {
      Value a, b;
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &a));
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[1], row, st, &b));
      if (!a.is_null() && !b.is_null()) {
        Value args[2] = {a, b};
        Value eq;
        NANO_RETURN_IF_ERROR(CallComparison(e, args, st, &eq));
        if (!eq.is_null() && eq.bool_value()) {
          *out = Value::Null(e.type.oid);
          return Status::OK();
        }
      }
      *out = std::move(a);
      return Status::OK();
    }
    case BoundExprKind::kArray: {
      if (!e.args.empty() && e.args[0]->type.oid == e.type.oid) {
        return EvalMultiDimArray(e, row, st, out);
      }
      auto data = std::make_shared<ArrayData>();
      for (const auto& a : e.args) {
        Value v;
        NANO_RETURN_IF_ERROR(EvalExpr(*a, row, st, &v));
        data->elements.push_back(std::move(v));
      }
      if (!data->elements.empty()) {
        data->dims = {static_cast<int32_t>(data->elements.size())};
        data->lower_bounds = {1};
      }
      *out = Value::Array(e.type.oid, std::move(data));
      return Status::OK();
    }
    case BoundExprKind::kAnyAll: {
      Value arr;
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[1], row, st, &arr));
      if (arr.is_null()) {
        *out = Value::Null(type::kBool);
        return Status::OK();
      }
      bool any_null = false;
      for (const Value& item : arr.array().elements) {
        Value r;
        NANO_RETURN_IF_ERROR(EvalWithPlaceholder(*e.args[0], row, st, item, &r));
        if (r.is_null()) {
          any_null = true;
        } else if (r.bool_value() != e.all) {
          *out = Value::Bool(!e.all);
          return Status::OK();
        }
      }
      *out = any_null ? Value::Null(type::kBool) : Value::Bool(e.all);
      return Status::OK();
    }
    case BoundExprKind::kSessionFn:
      return EvalSessionFn(e, row, st, out);
    case BoundExprKind::kSubscript:
      return EvalSubscript(e, row, st, out);
    case BoundExprKind::kRowExpr: {
      // e.constant is a field-less record holding the shape's names.
      ValueVector fields;
      fields.reserve(e.args.size());
      bool all_null = true;
      for (const auto& a : e.args) {
        Value v;
        NANO_RETURN_IF_ERROR(EvalExpr(*a, row, st, &v));
        all_null &= v.is_null();
        fields.push_back(std::move(v));
      }
      if (e.negated && all_null) {  // a null-extended outer join side's whole row
        *out = Value::Null(e.type.oid);
        return Status::OK();
      }
      *out = MakeRecord(e.type.oid, std::move(fields),
                        e.constant.is_record() ? e.constant.array().field_names : nullptr);
      return Status::OK();
    }
    case BoundExprKind::kFieldSelect: {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*e.args[0], row, st, &v));
      if (v.is_null() || !v.is_record() ||
          static_cast<size_t>(e.column) >= v.array().elements.size()) {
        *out = Value::Null(e.type.oid);
        return Status::OK();
      }
      *out = v.array().elements[static_cast<size_t>(e.column)];
      return Status::OK();
    }
    case BoundExprKind::kUserCall:
      return EvalUserCall(e, row, st, out);
    case BoundExprKind::kAggRef:
    case BoundExprKind::kWindowRef:
    case BoundExprKind::kGroupingFunc:
      break;
  }
  return Status::Error(sqlstate::kInternalError, "expression cannot be evaluated here");
}

Status RunUserFunction(const FunctionDef& fn, const std::vector<Value>& args, ExecState& st,
                       std::vector<std::vector<Value>>* rows) {
  if (fn.strict) {
    for (const Value& a : args) {
      if (a.is_null()) return Status::OK();
    }
  }
  if (st.ctx == nullptr || st.ctx->routines == nullptr) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "user-defined functions cannot run in this context");
  }
  NANO_RETURN_IF_ERROR(st.ctx->CheckCancel());
  return st.ctx->routines->Run(fn, args, st.ctx, rows);
}

}  // namespace nano
