// engine/binder/bind_assign.cc — assignment targets of INSERT and UPDATE:
// subscripts and fields (`SET arr[2] = x`, `INSERT INTO t (c.f, c.g[1])`),
// multiple-column SET lists (`SET (a, b) = ROW(v.*)`, `= (SELECT x, y)`),
// and PostgreSQL's messages for values that do not fit a column.
//
// An indirect assignment becomes an expression computing the column's whole
// new value from its current one (the row's value for UPDATE, NULL for
// INSERT), as PostgreSQL's transformAssignmentIndirection:
//   c.f = v        ->  ROW(c.f1, ..., v, ..., c.fn)::type(c)     (fields kept)
//   a[i] = v       ->  array_assign(a, v, i)                     (function/array_assign.h)
//   a[i].f = v     ->  array_assign(a, ROW(a[i].f1, .., v, ..), i)
// Several targets on one column apply in order, each on the previous
// result (`INSERT INTO t (a[1], a[2])`). Domain constraints on the column are
// checked by the table store on the finished value, as in PostgreSQL.
#include <cassert>

#include "binder/binder.h"
#include "binder/scope.h"
#include "common/sqlstate.h"
#include "function/array_assign.h"
#include "types/enum_value.h"
#include "types/type_info.h"

namespace nano {
namespace {

int Pos(int location) { return location >= 0 ? location + 1 : 0; }

Status ErrorAt(const char* state, std::string msg, int location) {
  return Status::Error(state, std::move(msg)).WithPosition(Pos(location));
}

constexpr char kRewriteHint[] = "You will need to rewrite or cast the expression.";

bool IsGenericMismatch(const Status& st) {
  return st.sqlstate() == std::string_view(sqlstate::kDatatypeMismatch) &&
         (st.message().starts_with("expression is of type") ||
          st.message().starts_with("cannot cast type"));
}

BoundExprPtr MakeFieldSelect(BoundExprPtr base, int index, TypeRef type, int location) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kFieldSelect;
  e->type = type;
  e->column = index;
  e->location = location;
  e->args.push_back(std::move(base));
  return e;
}

}  // namespace

TypeRef Binder::ArrayElementType(TypeRef array) const {
  if (array.oid == type::kRecordArray) {
    // ct[]: the typmod holds the composite element type (types/record.h).
    return array.typmod >= static_cast<int32_t>(kFirstUserTypeOid)
               ? TypeRef{static_cast<TypeOid>(array.typmod), -1}
               : TypeRef{type::kRecord, -1};
  }
  return TypeRef{ElementTypeOf(array.oid), array.typmod};
}

Status Binder::CoerceToColumn(BoundExprPtr value, const std::string& column, TypeRef type,
                              int location, BoundExprPtr* out) {
  const std::string from = TypeDisplayName(value->type);
  Status st = Coerce(std::move(value), type, CoercionContext::kAssignment, out, location);
  if (!IsGenericMismatch(st)) return st;
  return ErrorAt(sqlstate::kDatatypeMismatch,
                 "column \"" + column + "\" is of type " + TypeDisplayName(type) +
                     " but expression is of type " + from,
                 location)
      .WithHint(kRewriteHint);
}

Status Binder::BindAssignIndirection(const std::string& column, TypeRef type, BoundExprPtr base,
                                     std::span<const ast::Indirection> steps, BoundExprPtr value,
                                     BinderScope* scope, int location, BoundExprPtr* out) {
  assert(!steps.empty());
  const ast::Indirection& step = steps.front();
  if (!step.field.empty()) {
    // c.f = v: a row of c's fields with f replaced.
    const std::vector<RecordField>* fields = IsRecordType(type) ? RecordFieldsOf(type) : nullptr;
    if (fields == nullptr || type.oid == type::kRecord) {
      return ErrorAt(sqlstate::kDatatypeMismatch,
                     "cannot assign to field \"" + step.field + "\" of column \"" + column +
                         "\" because its type " + TypeDisplayName(type) +
                         " is not a composite type",
                     location);
    }
    size_t index = fields->size();
    for (size_t i = 0; i < fields->size(); ++i) {
      if ((*fields)[i].name == step.field) index = i;
    }
    if (index == fields->size()) {
      return ErrorAt(sqlstate::kUndefinedColumn,
                     "cannot assign to field \"" + step.field + "\" of column \"" + column +
                         "\" because there is no such column in data type " + TypeDisplayName(type),
                     location);
    }
    const TypeRef field_type = (*fields)[index].type;
    BoundExprPtr new_field;
    if (steps.size() == 1) {
      const std::string from = TypeDisplayName(value->type);
      Status st =
          Coerce(std::move(value), field_type, CoercionContext::kAssignment, &new_field, location);
      if (IsGenericMismatch(st)) {
        return ErrorAt(sqlstate::kDatatypeMismatch,
                       "subfield \"" + step.field + "\" is of type " + TypeDisplayName(field_type) +
                           " but expression is of type " + from,
                       location)
            .WithHint(kRewriteHint);
      }
      NANO_RETURN_IF_ERROR(st);
    } else {
      NANO_RETURN_IF_ERROR(BindAssignIndirection(
          step.field, field_type,
          MakeFieldSelect(CloneExpr(*base), static_cast<int>(index), field_type, location),
          steps.subspan(1), std::move(value), scope, location, &new_field));
    }
    std::vector<BoundExprPtr> row;
    for (size_t i = 0; i < fields->size(); ++i) {
      row.push_back(i == index ? std::move(new_field)
                               : MakeFieldSelect(CloneExpr(*base), static_cast<int>(i),
                                                 (*fields)[i].type, location));
    }
    *out = MakeRowExpr(type, std::move(row), *fields, location);
    return Status::OK();
  }
  // a[i][j] = v: the subscripts up to the next field address one element.
  size_t n = 0;
  while (n < steps.size() && steps[n].field.empty()) ++n;
  if (!IsArrayType(type.oid) || IsVectorType(type.oid)) {
    return ErrorAt(sqlstate::kDatatypeMismatch,
                   "cannot subscript type " + TypeDisplayName(type) +
                       " because it does not support subscripting",
                   location);
  }
  constexpr size_t kMaxDims = 6;  // PostgreSQL's MAXDIM
  if (n > kMaxDims) {
    return ErrorAt(sqlstate::kProgramLimitExceeded,
                   "number of array dimensions (" + std::to_string(n) +
                       ") exceeds the maximum allowed (" + std::to_string(kMaxDims) + ")",
                   location);
  }
  std::vector<BoundExprPtr> subscripts;
  for (size_t i = 0; i < n; ++i) {
    if (steps[i].is_slice) {
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "assignment to array slices is not supported yet", location);
    }
    BoundExprPtr s;
    NANO_RETURN_IF_ERROR(BindSubscriptBound(steps[i].lower.get(), scope, &s));
    subscripts.push_back(std::move(s));
  }
  const TypeRef elem = ArrayElementType(type);
  BoundExprPtr new_elem;
  if (n == steps.size()) {
    const std::string from = TypeDisplayName(value->type);
    Status st = Coerce(std::move(value), elem, CoercionContext::kAssignment, &new_elem, location);
    if (IsGenericMismatch(st)) {
      return ErrorAt(sqlstate::kDatatypeMismatch,
                     "subscripted assignment to \"" + column + "\" requires type " +
                         TypeDisplayName(elem) + " but expression is of type " + from,
                     location)
          .WithHint(kRewriteHint);
    }
    NANO_RETURN_IF_ERROR(st);
  } else {
    auto current = std::make_unique<BoundExpr>();
    current->kind = BoundExprKind::kSubscript;
    current->type = elem;
    current->location = location;
    current->args.push_back(CloneExpr(*base));
    for (const BoundExprPtr& s : subscripts) {
      current->args.push_back(CloneExpr(*s));
      current->args.push_back(MakeConst(Value::Null(type::kVoid), TypeRef{type::kVoid, -1}));
    }
    NANO_RETURN_IF_ERROR(BindAssignIndirection(column, elem, std::move(current), steps.subspan(n),
                                               std::move(value), scope, location, &new_elem));
  }
  auto call = std::make_unique<BoundExpr>();
  call->kind = BoundExprKind::kCall;
  call->fn = ArrayAssignFunction();
  call->type = type;
  call->location = location;
  call->args.push_back(std::move(base));
  call->args.push_back(std::move(new_elem));
  call->args.push_back(MakeConst(Value::Oid(type.oid), TypeRef{type::kOid, -1}));
  for (BoundExprPtr& s : subscripts) call->args.push_back(std::move(s));
  *out = std::move(call);
  return Status::OK();
}

Status Binder::BindSetList(const DmlTarget& target, const std::vector<ast::ResTarget>& set,
                           const std::vector<int>& multi_assign_index, BinderScope* scope,
                           std::vector<BoundExprPtr>* set_exprs) {
  const TableDef* table = target.table;
  const std::vector<int> live = table->LiveColumns();
  set_exprs->resize(live.size());
  std::vector<char> whole(live.size(), 0);  // assigned without indirection
  for (size_t i = 0; i < set.size(); ++i) {
    const ast::ResTarget& rt = set[i];
    // SET (a, b) = (SELECT x, y ...): the targets of one group are
    // consecutive; the first owns the subquery, each takes its column.
    const int multi = i < multi_assign_index.size() ? multi_assign_index[i] : 0;
    const ast::SelectStmt* multi_query = nullptr;
    size_t multi_columns = 0;
    int multi_location = -1;
    if (multi != 0) {
      const size_t owner = i - static_cast<size_t>(multi - 1);
      multi_query = set[owner].value->subquery.get();
      multi_location = set[owner].value->location;
      while (owner + multi_columns < set.size() &&
             multi_assign_index[owner + multi_columns] == static_cast<int>(multi_columns) + 1) {
        ++multi_columns;
      }
      assert(multi_query != nullptr);
    }
    int found = -1;
    NANO_RETURN_IF_ERROR(DmlTargetColumn(target, rt.name, "update", rt.location, &found));
    const bool indirect = !rt.indirection.empty();
    BoundExprPtr& slot = (*set_exprs)[static_cast<size_t>(found)];
    if (slot && (!indirect || whole[found])) {
      return ErrorAt(sqlstate::kSyntaxError,
                     "multiple assignments to same column \"" + rt.name + "\"", rt.location);
    }
    const ColumnDef& col = table->columns[live[found]];
    BoundExprPtr value;
    if (multi_query != nullptr) {
      NANO_RETURN_IF_ERROR(BindSubqueryColumn(*multi_query, scope, static_cast<size_t>(multi - 1),
                                              multi_columns, multi_location, &value));
    } else if (rt.value->kind == ast::ExprKind::kDefault) {
      if (indirect) {
        return ErrorAt(sqlstate::kFeatureNotSupported,
                       rt.indirection.front().field.empty()
                           ? "cannot set an array element to DEFAULT"
                           : "cannot set a subfield to DEFAULT",
                       rt.location);
      }
      NANO_RETURN_IF_ERROR(BindColumnDefault(*table, live[found], &slot));
      whole[found] = 1;
      continue;
    } else if (rt.row_column > 0) {
      // SET (a, b) = ROW(v.*): the ROW's fields once its stars are expanded.
      BoundExprPtr row;
      NANO_RETURN_IF_ERROR(BindExpr(*rt.value, scope, &row));
      if (row->kind != BoundExprKind::kRowExpr ||
          row->args.size() != static_cast<size_t>(rt.row_columns)) {
        return ErrorAt(sqlstate::kSyntaxError, "number of columns does not match number of values",
                       rt.value->location);
      }
      value = std::move(row->args[static_cast<size_t>(rt.row_column - 1)]);
    } else {
      NANO_RETURN_IF_ERROR(BindExpr(*rt.value, scope, &value));
    }
    if (col.identity == 'a') {
      return ErrorAt("428C9", "column \"" + col.name + "\" can only be updated to DEFAULT",
                     rt.location)
          .WithDetail("Column \"" + col.name +
                      "\" is an identity column defined as GENERATED ALWAYS.");
    }
    const int value_location = value->location >= 0 ? value->location : rt.location;
    if (!indirect) {
      NANO_RETURN_IF_ERROR(
          CoerceToColumn(std::move(value), col.name, col.type, value_location, &slot));
      whole[found] = 1;
      continue;
    }
    BoundExprPtr base = slot ? std::move(slot) : MakeColumnRef(found, col.type);
    NANO_RETURN_IF_ERROR(BindAssignIndirection(col.name, col.type, std::move(base), rt.indirection,
                                               std::move(value), scope, rt.location, &slot));
  }
  return Status::OK();
}

}  // namespace nano
