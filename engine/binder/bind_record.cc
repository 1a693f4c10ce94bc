// engine/binder/bind_record.cc — row values: ROW(...) constructors, whole-row
// references (`SELECT t FROM t`, f(t.*)), field selection ((x).f), row-wise
// and record comparisons, and casts to composite types.
//
// A record-typed expression's type is a composite type (catalog TypeDef of
// kind kComposite) or type::kRecord with a registered shape in its typmod
// (types/record.h); either way the binder knows its fields. Values carry
// their fields (and names), so the executor never needs these shapes.
#include <cassert>

#include "binder/binder.h"
#include "binder/scope.h"
#include "catalog/catalog.h"
#include "common/sqlstate.h"
#include "function/record_functions.h"
#include "types/enum_value.h"
#include "types/record.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano {
namespace {

int Pos(int location) { return location >= 0 ? location + 1 : 0; }

Status ErrorAt(const char* state, std::string msg, int location) {
  return Status::Error(state, std::move(msg)).WithPosition(Pos(location));
}

BoundExprPtr MakeBool(BoundExprKind kind, std::vector<BoundExprPtr> args) {
  if (args.size() == 1) return std::move(args[0]);
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = TypeRef{type::kBool, -1};
  e->args = std::move(args);
  return e;
}

BoundExprPtr MakeBool2(BoundExprKind kind, BoundExprPtr a, BoundExprPtr b) {
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(a));
  args.push_back(std::move(b));
  return MakeBool(kind, std::move(args));
}

}  // namespace

bool Binder::IsRecordType(TypeRef t) const {
  if (t.oid == type::kRecord) return true;
  if (t.oid < kFirstUserTypeOid) return false;
  const TypeDef* def = catalog_->TypeByOid(t.oid);
  return def != nullptr && def->kind == TypeKind::kComposite;
}

const std::vector<RecordField>* Binder::RecordFieldsOf(TypeRef t) const {
  if (t.oid == type::kRecord) {
    const RecordShape* shape = FindRecordShape(t.typmod);
    return shape ? &shape->fields : nullptr;
  }
  const TypeDef* def = t.oid >= kFirstUserTypeOid ? catalog_->TypeByOid(t.oid) : nullptr;
  return def != nullptr && def->kind == TypeKind::kComposite ? &def->attributes : nullptr;
}

BoundExprPtr Binder::MakeRowExpr(TypeRef type, std::vector<BoundExprPtr> fields,
                                 const std::vector<RecordField>& shape, int location) const {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kRowExpr;
  e->type = type;
  e->location = location;
  e->constant = MakeRecord(type.oid, {}, FieldNamesOf(shape));
  e->args = std::move(fields);
  return e;
}

Status Binder::BindRow(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out) {
  std::vector<BoundExprPtr> fields;
  for (const auto& a : expr.args) {
    if (a->kind == ast::ExprKind::kColumnRef && a->star) {
      // ROW(t.*) / ROW(*): the columns, as separate fields.
      std::vector<BoundExprPtr> expanded;
      NANO_RETURN_IF_ERROR(ExpandStarRef(*a, scope, &expanded));
      for (auto& f : expanded) fields.push_back(std::move(f));
      continue;
    }
    BoundExprPtr f;
    NANO_RETURN_IF_ERROR(BindExpr(*a, scope, &f));
    fields.push_back(std::move(f));
  }
  if (fields.size() > 1664) {  // MaxTupleAttributeNumber
    return ErrorAt(sqlstate::kProgramLimitExceeded, "ROW expressions can have at most 1664 entries",
                   expr.location);
  }
  std::vector<RecordField> shape;
  shape.reserve(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    shape.push_back(RecordField{"f" + std::to_string(i + 1), fields[i]->type});
  }
  const TypeRef type{type::kRecord, RegisterRecordShape(shape)};
  *out = MakeRowExpr(type, std::move(fields), shape, expr.location);
  (*out)->all = true;  // a ROW constructor as written: compared row-wise
  return Status::OK();
}

Status Binder::ExpandStarRef(const ast::Expr& star, BinderScope* scope,
                             std::vector<BoundExprPtr>* out, std::vector<ColumnDesc>* descs) {
  const std::string qualifier = star.names.empty() ? "" : star.names.back();
  int depth = 0;
  for (BinderScope* s = scope; s != nullptr; s = s->outer) {
    if (s->transparent) {
      s->used_outer = true;  // tentatively: the reference looked beyond it
      continue;
    }
    bool found = false;
    for (const ScopeItem& item : s->items) {
      if (!qualifier.empty() && item.alias != qualifier) continue;
      found = true;
      for (const ScopeColumn& c : item.columns) {
        // t.* includes t's USING column; * shows it once, merged.
        if (c.whole_row || (c.hidden && qualifier.empty())) continue;
        NoteColumn(c);
        out->push_back(MakeColumnRef(c.slot, c.type, depth));
        if (descs != nullptr) descs->push_back(ColumnDesc{c.name, c.type, c.table_oid, c.attnum});
      }
    }
    if (found) {
      MarkOuterReference(scope, s, depth);
      return Status::OK();
    }
    if (qualifier.empty()) break;
    ++depth;
  }
  if (qualifier.empty()) {
    return ErrorAt(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid",
                   star.location);
  }
  // A PL/pgSQL record variable (ROW(NEW.*)): its fields' parameters.
  const std::string prefix = qualifier + ".";
  for (size_t i = 0; i < param_names_.size(); ++i) {
    if (param_names_[i].compare(0, prefix.size(), prefix) != 0) continue;
    ast::Expr ref;
    ref.kind = ast::ExprKind::kParam;
    ref.param_number = static_cast<int>(i) + 1;
    ref.location = star.location;
    BoundExprPtr field;
    NANO_RETURN_IF_ERROR(BindExpr(ref, nullptr, &field));
    out->push_back(std::move(field));
  }
  if (!out->empty()) return Status::OK();
  return ErrorAt(sqlstate::kUndefinedTable,
                 "missing FROM-clause entry for table \"" + qualifier + "\"", star.location);
}

Status Binder::BindWholeRow(const ScopeItem& item, int depth, int location, BoundExprPtr* out) {
  std::vector<BoundExprPtr> fields;
  std::vector<RecordField> shape;
  for (const ScopeColumn& c : item.columns) {
    if (c.whole_row) continue;
    NoteColumn(c);
    fields.push_back(MakeColumnRef(c.slot, c.type, depth));
    shape.push_back(RecordField{c.name, c.type});
  }
  const TypeRef type{type::kRecord, RegisterRecordShape(shape)};
  *out = MakeRowExpr(type, std::move(fields), shape, location);
  (*out)->negated = item.nullable;  // NULL when the outer join null-extended it
  return Status::OK();
}

Status Binder::BindFieldSelect(BoundExprPtr base, const std::string& field, int location,
                               BoundExprPtr* out) {
  if (!IsRecordType(base->type)) {
    return ErrorAt(sqlstate::kWrongObjectType,
                   "column notation ." + field + " applied to type " + TypeDisplayName(base->type) +
                       ", which is not a composite type",
                   location);
  }
  const std::vector<RecordField>* fields = RecordFieldsOf(base->type);
  if (fields == nullptr) {
    return ErrorAt(sqlstate::kUndefinedColumn,
                   "could not identify column \"" + field + "\" in record data type", location);
  }
  for (size_t i = 0; i < fields->size(); ++i) {
    if ((*fields)[i].name != field) continue;
    if (base->kind == BoundExprKind::kRowExpr && i < base->args.size()) {
      *out = std::move(base->args[i]);  // (ROW(a, b)).f2 is b
      return Status::OK();
    }
    auto e = std::make_unique<BoundExpr>();
    e->kind = BoundExprKind::kFieldSelect;
    e->type = (*fields)[i].type;
    e->column = static_cast<int>(i);
    e->location = location;
    e->args.push_back(std::move(base));
    *out = std::move(e);
    return Status::OK();
  }
  if (base->type.oid == type::kRecord) {
    return ErrorAt(sqlstate::kUndefinedColumn,
                   "could not identify column \"" + field + "\" in record data type", location);
  }
  return ErrorAt(sqlstate::kUndefinedColumn,
                 "column \"" + field + "\" not found in data type " + TypeDisplayName(base->type),
                 location);
}

Status Binder::ExpandRecordFields(BoundExprPtr base, int location, std::vector<BoundExprPtr>* out,
                                  std::vector<std::string>* names) {
  const std::vector<RecordField>* fields = RecordFieldsOf(base->type);
  if (fields == nullptr) {
    if (!IsRecordType(base->type)) {
      return ErrorAt(sqlstate::kWrongObjectType,
                     "type " + TypeDisplayName(base->type) + " is not composite", location);
    }
    return ErrorAt(sqlstate::kFeatureNotSupported, "record type has not been registered", location);
  }
  for (size_t i = 0; i < fields->size(); ++i) {
    BoundExprPtr f;
    NANO_RETURN_IF_ERROR(
        BindFieldSelect(i + 1 < fields->size() ? CloneExpr(*base) : std::move(base),
                        (*fields)[i].name, location, &f));
    out->push_back(std::move(f));
    if (names) names->push_back((*fields)[i].name);
  }
  return Status::OK();
}

Status Binder::BindFieldStar(const ast::Expr& indirection, BinderScope* scope,
                             std::vector<BoundExprPtr>* out, std::vector<std::string>* names) {
  assert(!indirection.indirection.empty() && indirection.indirection.back().field == "*");
  const int location = indirection.args[0]->location;
  BoundExprPtr base;
  NANO_RETURN_IF_ERROR(BindExpr(*indirection.args[0], scope, &base));
  for (size_t i = 0; i + 1 < indirection.indirection.size(); ++i) {
    const ast::Indirection& step = indirection.indirection[i];
    if (step.field.empty() || step.field == "*") {
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "row expansion after a subscript is not supported yet", location);
    }
    NANO_RETURN_IF_ERROR(BindFieldSelect(std::move(base), step.field, location, &base));
  }
  return ExpandRecordFields(std::move(base), location, out, names);
}

void Binder::ProjectAsRecord(PlanPtr* plan) const {
  std::vector<BoundExprPtr> fields;
  std::vector<RecordField> shape;
  const std::vector<ColumnDesc>& cols = (*plan)->columns;
  for (size_t i = 0; i < cols.size(); ++i) {
    fields.push_back(MakeColumnRef(static_cast<int>(i), cols[i].type));
    shape.push_back(RecordField{cols[i].name, cols[i].type});
  }
  const TypeRef t{type::kRecord, RegisterRecordShape(shape)};
  auto project = std::make_unique<PlanNode>();
  project->kind = PlanKind::kProject;
  project->columns = {ColumnDesc{"row", t, 0, 0}};
  project->exprs.push_back(MakeRowExpr(t, std::move(fields), shape, -1));
  project->children.push_back(std::move(*plan));
  *plan = std::move(project);
}

Status Binder::CompareRowWithRecord(const std::string& op, BoundExprPtr row, BoundExprPtr record,
                                    int location, BoundExprPtr* out) {
  const std::vector<RecordField>* fields = RecordFieldsOf(record->type);
  assert(fields != nullptr);
  std::vector<BoundExprPtr> selected;
  for (size_t i = 0; i < fields->size(); ++i) {
    auto f = std::make_unique<BoundExpr>();
    f->kind = BoundExprKind::kFieldSelect;
    f->type = (*fields)[i].type;
    f->column = static_cast<int>(i);
    f->location = location;
    f->args.push_back(i + 1 < fields->size() ? CloneExpr(*record) : std::move(record));
    selected.push_back(std::move(f));
  }
  BoundExprPtr rhs =
      MakeRowExpr(TypeRef{type::kRecord, -1}, std::move(selected), *fields, location);
  return BindRowComparison(op, std::move(row), std::move(rhs), location, out);
}

Status Binder::BindRowSubqueryComparison(const ast::Expr& op_expr, BinderScope* scope,
                                         BoundExprPtr* out) {
  BoundExprPtr left;
  NANO_RETURN_IF_ERROR(BindExpr(*op_expr.left, scope, &left));
  const ast::Expr& sub = *op_expr.right;
  PlanPtr plan;
  bool correlated = false;
  NANO_RETURN_IF_ERROR(BindSubqueryPlan(*sub.subquery, scope, &plan, &correlated));
  if (plan->columns.size() != left->args.size()) {
    return ErrorAt(sqlstate::kSyntaxError,
                   plan->columns.size() > left->args.size() ? "subquery has too many columns"
                                                            : "subquery has too few columns",
                   sub.location);
  }
  ProjectAsRecord(&plan);
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kSubquery;
  e->location = sub.location;
  e->correlated = correlated;
  e->subquery_kind = SubqueryKind::kScalar;
  e->type = plan->columns[0].type;
  e->subplan = std::shared_ptr<const PlanNode>(std::move(plan));
  return CompareRowWithRecord(op_expr.str, std::move(left), std::move(e), op_expr.location, out);
}

Status Binder::BindRecordOperator(const std::string& op, BoundExprPtr* left, BoundExprPtr* right,
                                  int location, bool* handled, BoundExprPtr* out) {
  *handled = false;
  if (!*left || !*right) return Status::OK();
  const bool lrec = IsRecordType((*left)->type), rrec = IsRecordType((*right)->type);
  if (!lrec && !rrec) return Status::OK();
  const ScalarOverload* cmp = RecordComparisonOperator(op);
  if (cmp == nullptr || !lrec || !rrec) {
    if (cmp != nullptr &&
        ((*left)->type.oid == type::kUnknown || (*right)->type.oid == type::kUnknown)) {
      // PostgreSQL resolves `record op unknown` to record_op(record, record)
      // and then cannot read the literal as an anonymous record.
      const BoundExpr& lit = (*left)->type.oid == type::kUnknown ? **left : **right;
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "input of anonymous composite types is not implemented",
                     lit.location >= 0 ? lit.location : location);
    }
    return ErrorAt(sqlstate::kUndefinedFunction,
                   "operator does not exist: " + TypeDisplayName((*left)->type) + " " + op + " " +
                       TypeDisplayName((*right)->type),
                   location)
        .WithHint(
            "No operator matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  *handled = true;
  BoundExpr& l = **left;
  BoundExpr& r = **right;
  if (l.kind == BoundExprKind::kRowExpr && l.all && r.kind == BoundExprKind::kRowExpr && r.all) {
    return BindRowComparison(op, std::move(*left), std::move(*right), location, out);
  }
  // A ROW(...) against a composite value takes the composite's type.
  if (l.kind == BoundExprKind::kRowExpr && r.type.oid != type::kRecord) {
    NANO_RETURN_IF_ERROR(Coerce(std::move(*left), r.type, CoercionContext::kImplicit, left));
  } else if (r.kind == BoundExprKind::kRowExpr && l.type.oid != type::kRecord) {
    NANO_RETURN_IF_ERROR(Coerce(std::move(*right), l.type, CoercionContext::kImplicit, right));
  }
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kCall;
  e->fn = cmp;
  e->type = TypeRef{type::kBool, -1};
  e->location = location;
  e->args.push_back(std::move(*left));
  e->args.push_back(std::move(*right));
  *out = std::move(e);
  return Status::OK();
}

// ROW(a1, ..., an) op ROW(b1, ..., bn), SQL's row-wise comparison:
//   =  : a1 = b1 AND ... AND an = bn
//   <> : a1 <> b1 OR ... OR an <> bn
//   <  : a1 < b1 OR (a1 = b1 AND (a2 < b2 OR (... (an < bn))))   (<=, >, >= alike,
//        the last pair with the operator itself)
// which gives NULL exactly when PostgreSQL's pairwise walk meets a NULL pair
// before deciding.
Status Binder::BindRowComparison(const std::string& op, BoundExprPtr left, BoundExprPtr right,
                                 int location, BoundExprPtr* out) {
  const size_t n = left->args.size();
  if (n != right->args.size()) {
    return ErrorAt(sqlstate::kSyntaxError, "unequal number of entries in row expressions",
                   location);
  }
  if (n == 0) {
    return ErrorAt(sqlstate::kFeatureNotSupported, "cannot compare rows of zero length", location);
  }
  if (op == "=" || op == "<>" || op == "!=") {
    std::vector<BoundExprPtr> parts;
    for (size_t i = 0; i < n; ++i) {
      BoundExprPtr c;
      NANO_RETURN_IF_ERROR(BindOperator(op == "=" ? "=" : "<>", std::move(left->args[i]),
                                        std::move(right->args[i]), location, &c));
      parts.push_back(std::move(c));
    }
    *out = MakeBool(op == "=" ? BoundExprKind::kAnd : BoundExprKind::kOr, std::move(parts));
    return Status::OK();
  }
  const std::string strict = op.substr(0, 1);  // "<" or ">"
  BoundExprPtr acc;
  NANO_RETURN_IF_ERROR(BindOperator(op, std::move(left->args[n - 1]), std::move(right->args[n - 1]),
                                    location, &acc));
  for (size_t k = n - 1; k-- > 0;) {
    BoundExprPtr lt, eq;
    NANO_RETURN_IF_ERROR(
        BindOperator(strict, CloneExpr(*left->args[k]), CloneExpr(*right->args[k]), location, &lt));
    NANO_RETURN_IF_ERROR(
        BindOperator("=", std::move(left->args[k]), std::move(right->args[k]), location, &eq));
    acc = MakeBool2(BoundExprKind::kOr, std::move(lt),
                    MakeBool2(BoundExprKind::kAnd, std::move(eq), std::move(acc)));
  }
  *out = std::move(acc);
  return Status::OK();
}

Status Binder::CoerceRecord(BoundExprPtr* expr, TypeRef target, CoercionContext ctx, int location,
                            bool* handled, BoundExprPtr* out) {
  *handled = false;
  if (target.oid == type::kRecordArray) {
    return CoerceRecordArray(expr, target, ctx, location, handled, out);
  }
  BoundExpr& e = **expr;
  // record -> text and the like: the generic I/O conversion cast applies.
  if (!IsRecordType(target)) return Status::OK();
  const bool from_record = IsRecordType(e.type);
  if (e.type.oid == target.oid &&
      (target.oid != type::kRecord || e.type.typmod == target.typmod || target.typmod < 0)) {
    *handled = true;
    *out = std::move(*expr);
    return Status::OK();
  }
  if (target.oid == type::kRecord && from_record) {
    *handled = true;  // any row is a record
    *out = std::move(*expr);
    return Status::OK();
  }
  const std::vector<RecordField>* fields = RecordFieldsOf(target);
  if (fields == nullptr) {
    if (target.oid == type::kRecord && e.type.oid == type::kUnknown &&
        !(e.kind == BoundExprKind::kConst && e.constant.is_null())) {
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "input of anonymous composite types is not implemented",
                     e.location >= 0 ? e.location : location);
    }
    return Status::OK();
  }
  if (e.kind == BoundExprKind::kRowExpr) {
    // ROW(...)::ct: each field to the composite's attribute type.
    if (e.args.size() != fields->size()) {
      return ErrorAt(
                 sqlstate::kCannotCoerce,
                 "cannot cast type " + TypeDisplayName(e.type) + " to " + TypeDisplayName(target),
                 location)
          .WithDetail(e.args.size() < fields->size() ? "Input has too few columns."
                                                     : "Input has too many columns.");
    }
    *handled = true;
    std::vector<BoundExprPtr> coerced;
    for (size_t i = 0; i < fields->size(); ++i) {
      BoundExprPtr c;
      const TypeRef from = e.args[i]->type;
      Status st = Coerce(std::move(e.args[i]), (*fields)[i].type, CoercionContext::kAssignment, &c);
      if (!st.ok()) {
        if (st.sqlstate() != std::string_view(sqlstate::kCannotCoerce) &&
            st.sqlstate() != std::string_view(sqlstate::kDatatypeMismatch)) {
          return st;  // e.g. 22P02 from a literal field
        }
        return ErrorAt(
                   sqlstate::kCannotCoerce,
                   "cannot cast type " + TypeDisplayName(e.type) + " to " + TypeDisplayName(target),
                   location)
            .WithDetail("Cannot cast type " + TypeDisplayName(from) + " to " +
                        TypeDisplayName((*fields)[i].type) + " in column " + std::to_string(i + 1) +
                        ".");
      }
      coerced.push_back(std::move(c));
    }
    *out = MakeRowExpr(target, std::move(coerced), *fields, e.location);
    return Status::OK();
  }
  const bool textual =
      e.type.oid == type::kUnknown || (ctx == CoercionContext::kExplicit &&
                                       (e.type.oid == type::kText || e.type.oid == type::kVarChar ||
                                        e.type.oid == type::kBpChar || e.type.oid == type::kName));
  if (e.kind == BoundExprKind::kParam && e.type.oid == type::kUnknown) {
    param_types_[e.column] = TypeRef{type::kText, -1};
    e.type = TypeRef{type::kText, -1};
  }
  if (!textual) return Status::OK();  // the generic rules report the mismatch
  *handled = true;
  if (e.kind == BoundExprKind::kConst) {
    if (e.constant.is_null()) {
      *out = MakeConst(Value::Null(target.oid), target);
      return Status::OK();
    }
    Value v;
    Status st = RecordInput(target, e.constant.str(), &v);
    if (!st.ok()) {
      st.SetPositionIfUnset(Pos(e.location >= 0 ? e.location : location));
      return st;
    }
    *out = MakeConst(std::move(v), target);
    (*out)->location = e.location;
    return Status::OK();
  }
  auto cast = std::make_unique<BoundExpr>();
  cast->kind = BoundExprKind::kSessionFn;
  cast->session_fn = SessionFn::kRecordIn;
  cast->type = target;
  cast->constant = Value::Oid(target.oid);
  cast->location = e.location;
  cast->args.push_back(std::move(*expr));
  *out = std::move(cast);
  return Status::OK();
}

Status Binder::BindPopulateRecord(const std::string& name, std::vector<BoundExprPtr> args,
                                  int location, BoundExprPtr* out) {
  const TypeRef type = args[0]->type;
  const std::vector<RecordField>* fields =
      type.oid != type::kRecord && IsRecordType(type) ? RecordFieldsOf(type) : nullptr;
  if (fields == nullptr) {
    return ErrorAt(sqlstate::kDatatypeMismatch, "first argument of " + name + " must be a row type",
                   location);
  }
  const TypeRef json{name == "jsonb_populate_record" ? type::kJsonb : type::kJson, -1};
  BoundExprPtr js;
  NANO_RETURN_IF_ERROR(Coerce(std::move(args[1]), json, CoercionContext::kImplicit, &js));
  auto make_case = [&](BoundExprPtr cond, BoundExprPtr then, BoundExprPtr otherwise) {
    auto e = std::make_unique<BoundExpr>();
    e->kind = BoundExprKind::kCase;
    e->type = then->type;
    e->location = location;
    e->has_else = true;
    e->args.push_back(std::move(cond));
    e->args.push_back(std::move(then));
    e->args.push_back(std::move(otherwise));
    return e;
  };
  auto is_null = [&](BoundExprPtr v) {
    auto e = std::make_unique<BoundExpr>();
    e->kind = BoundExprKind::kNullTest;
    e->type = TypeRef{type::kBool, -1};
    e->location = location;
    e->args.push_back(std::move(v));
    return e;
  };
  std::vector<BoundExprPtr> row;
  for (size_t i = 0; i < fields->size(); ++i) {
    const RecordField& f = (*fields)[i];
    const TypeRef text{type::kText, -1};
    BoundExprPtr present, value, kept;
    NANO_RETURN_IF_ERROR(BindOperator("->", CloneExpr(*js), MakeConst(Value::Text(f.name), text),
                                      location, &present));
    NANO_RETURN_IF_ERROR(BindOperator("->>", CloneExpr(*js), MakeConst(Value::Text(f.name), text),
                                      location, &value));
    // The field's input function reads the JSON value's text.
    NANO_RETURN_IF_ERROR(Coerce(std::move(value), f.type, CoercionContext::kExplicit, &value));
    auto base_field = std::make_unique<BoundExpr>();
    base_field->kind = BoundExprKind::kFieldSelect;
    base_field->type = f.type;
    base_field->column = static_cast<int>(i);
    base_field->location = location;
    base_field->args.push_back(CloneExpr(*args[0]));
    row.push_back(make_case(is_null(std::move(present)), std::move(base_field), std::move(value)));
  }
  BoundExprPtr populated = MakeRowExpr(type, std::move(row), *fields, location);
  *out = make_case(is_null(CloneExpr(*js)), std::move(args[0]), std::move(populated));
  return Status::OK();
}

Status Binder::RecordInput(TypeRef target, std::string_view text, Value* out) const {
  if (target.oid == type::kRecordArray) {
    return CompositeArrayInput(*catalog_, *format_, static_cast<TypeOid>(target.typmod), text, out);
  }
  return CompositeInput(*catalog_, *format_, target.oid, text, out);
}

Status Binder::CoerceRecordArray(BoundExprPtr* expr, TypeRef target, CoercionContext ctx,
                                 int location, bool* handled, BoundExprPtr* out) {
  BoundExpr& e = **expr;
  const bool composite = target.typmod >= static_cast<int32_t>(kFirstUserTypeOid);
  if (e.type.oid == type::kRecordArray && (!composite || e.type.typmod == target.typmod)) {
    *handled = true;  // any record array is a record[]
    *out = std::move(*expr);
    return Status::OK();
  }
  if (!composite) return Status::OK();
  const TypeRef elem = ArrayElementType(target);
  if (e.kind == BoundExprKind::kArray && e.type.oid == type::kRecordArray) {
    // ARRAY[ROW(..), ..]::ct[]: the cast applies to each element.
    *handled = true;
    for (BoundExprPtr& a : e.args) {
      NANO_RETURN_IF_ERROR(Coerce(std::move(a), elem, ctx, &a, location));
    }
    e.type = target;
    *out = std::move(*expr);
    return Status::OK();
  }
  if (e.type.oid == type::kRecordArray) {
    return ErrorAt(sqlstate::kCannotCoerce,
                   "cannot cast type " + TypeDisplayName(e.type) + " to " + TypeDisplayName(target),
                   location);
  }
  const bool textual =
      e.type.oid == type::kUnknown || (ctx == CoercionContext::kExplicit &&
                                       (e.type.oid == type::kText || e.type.oid == type::kVarChar ||
                                        e.type.oid == type::kBpChar || e.type.oid == type::kName));
  if (e.kind == BoundExprKind::kParam && e.type.oid == type::kUnknown) {
    param_types_[e.column] = TypeRef{type::kText, -1};
    e.type = TypeRef{type::kText, -1};
  }
  if (!textual) return Status::OK();  // the generic rules report the mismatch
  *handled = true;
  if (e.kind == BoundExprKind::kConst) {
    if (e.constant.is_null()) {
      *out = MakeConst(Value::Null(target.oid), target);
      return Status::OK();
    }
    Value v;
    Status st = RecordInput(target, e.constant.str(), &v);
    if (!st.ok()) {
      st.SetPositionIfUnset(Pos(e.location >= 0 ? e.location : location));
      return st;
    }
    *out = MakeConst(std::move(v), target);
    (*out)->location = e.location;
    return Status::OK();
  }
  auto cast = std::make_unique<BoundExpr>();
  cast->kind = BoundExprKind::kSessionFn;
  cast->session_fn = SessionFn::kRecordIn;
  cast->type = target;
  cast->constant = Value::Oid(elem.oid);
  cast->location = e.location;
  cast->args.push_back(std::move(*expr));
  *out = std::move(cast);
  return Status::OK();
}

namespace {

struct CompositeInputArg {
  const Catalog* catalog;
  const FormatContext* format;
};

Status ParseCompositeField(void* arg, std::string_view text, const RecordField& field, Value* out) {
  auto* a = static_cast<CompositeInputArg*>(arg);
  const TypeDef* def =
      field.type.oid >= kFirstUserTypeOid ? a->catalog->TypeByOid(field.type.oid) : nullptr;
  if (def != nullptr && def->kind == TypeKind::kComposite) {
    return CompositeInput(*a->catalog, *a->format, field.type.oid, text, out);
  }
  if (field.type.oid == type::kRecordArray &&
      field.type.typmod >= static_cast<int32_t>(kFirstUserTypeOid)) {
    return CompositeArrayInput(*a->catalog, *a->format, static_cast<TypeOid>(field.type.typmod),
                               text, out);
  }
  if (def != nullptr && def->kind == TypeKind::kEnum) {
    return EnumInput(*a->catalog, field.type.oid, text, out);
  }
  return ParseText(text, field.type, *a->format, out);
}

struct CompositeElementArg {
  const Catalog* catalog;
  const FormatContext* format;
  TypeOid type;
};

Status ParseCompositeElement(void* arg, std::string_view text, Value* out) {
  auto* a = static_cast<CompositeElementArg*>(arg);
  return CompositeInput(*a->catalog, *a->format, a->type, text, out);
}

}  // namespace

Status CompositeArrayInput(const Catalog& catalog, const FormatContext& format, TypeOid type,
                           std::string_view text, Value* out) {
  CompositeElementArg arg{&catalog, &format, type};
  return ParseArrayWith(text, type::kRecordArray, TypeRef{type, -1}, format, ParseCompositeElement,
                        &arg, out);
}

Status CompositeInput(const Catalog& catalog, const FormatContext& format, TypeOid type,
                      std::string_view text, Value* out) {
  const TypeDef* def = catalog.TypeByOid(type);
  if (def == nullptr || def->kind != TypeKind::kComposite) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "input of anonymous composite types is not implemented");
  }
  CompositeInputArg arg{&catalog, &format};
  return ParseRecordText(text, type, def->attributes, format, out, ParseCompositeField, &arg);
}

}  // namespace nano
