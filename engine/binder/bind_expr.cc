// engine/binder/bind_expr.cc — expressions: names, constants, operators,
// function calls, casts, CASE, sublinks, aggregates.
#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "binder/binder.h"
#include "binder/scope.h"
#include "catalog/oid_namer.h"
#include "function/record_functions.h"
#include "types/compare.h"
#include "types/enum_value.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano {

namespace {

int Pos(int location) { return location >= 0 ? location + 1 : 0; }

Status ErrorAt(const char* state, std::string msg, int location) {
  return Status::Error(state, std::move(msg)).WithPosition(Pos(location));
}

std::string TypeNameOf(TypeRef t) { return FormatType(TypeRef{t.oid, -1}); }

// Strips a leading "pg_catalog" qualifier; returns the bare function name.
Status FunctionName(const std::vector<std::string>& names, int location, std::string* out) {
  if (names.empty()) return ErrorAt(sqlstate::kSyntaxError, "empty function name", location);
  if (names.size() == 1 || (names.size() == 2 && names[0] == "pg_catalog")) {
    *out = names.back();
    return Status::OK();
  }
  if (names.size() == 2 && names[0] == "public") {
    *out = names.back();
    return Status::OK();
  }
  std::string joined;
  for (size_t i = 0; i < names.size(); ++i) joined += (i ? "." : "") + names[i];
  return ErrorAt(sqlstate::kUndefinedFunction, "function " + joined + "() does not exist",
                 location);
}

// Catalog readers bound as session functions: name, min args, max args, kind.
struct CatalogFunction {
  const char* name;
  size_t min_args, max_args;
  SessionFn fn;
  TypeOid result;
};
const CatalogFunction kCatalogFunctions[] = {
    {"pg_get_indexdef", 1, 3, SessionFn::kPgGetIndexdef, type::kText},
    {"pg_get_constraintdef", 1, 2, SessionFn::kPgGetConstraintdef, type::kText},
    {"pg_table_is_visible", 1, 1, SessionFn::kPgTableIsVisible, type::kBool},
    {"pg_get_expr", 2, 3, SessionFn::kPgGetExpr, type::kText},
    {"obj_description", 1, 2, SessionFn::kObjDescription, type::kText},
    {"col_description", 2, 2, SessionFn::kColDescription, type::kText},
    {"pg_get_viewdef", 1, 2, SessionFn::kPgGetViewdef, type::kText},
    {"pg_get_serial_sequence", 2, 2, SessionFn::kPgGetSerialSequence, type::kText},
    {"pg_get_partkeydef", 1, 1, SessionFn::kPgGetPartkeydef, type::kText},
    {"pg_get_partition_constraintdef", 1, 1, SessionFn::kPgGetPartitionConstraintdef, type::kText},
    {"pg_get_triggerdef", 1, 2, SessionFn::kPgGetTriggerdef, type::kText},
    {"pg_sleep", 1, 1, SessionFn::kPgSleep, type::kVoid},
    {"format_type", 2, 2, SessionFn::kFormatType, type::kText},
    {"pg_function_is_visible", 1, 1, SessionFn::kPgFunctionIsVisible, type::kBool},
    {"pg_get_function_result", 1, 1, SessionFn::kPgGetFunctionResult, type::kText},
    {"pg_get_function_arguments", 1, 1, SessionFn::kPgGetFunctionArguments, type::kText},
};

const CatalogFunction* FindCatalogFunction(const std::string& name, size_t nargs) {
  for (const CatalogFunction& f : kCatalogFunctions) {
    if (name == f.name && nargs >= f.min_args && nargs <= f.max_args) return &f;
  }
  return nullptr;
}

bool IsSessionFunctionName(const std::string& name, size_t nargs) {
  return FindCatalogFunction(name, nargs) != nullptr || (name == "pg_typeof" && nargs == 1) ||
         (name == "nextval" && nargs == 1) || (name == "currval" && nargs == 1) ||
         (name == "setval" && (nargs == 2 || nargs == 3)) || (name == "lastval" && nargs == 0) ||
         ((name == "enum_first" || name == "enum_last" || name == "enum_range") && nargs == 1);
}

}  // namespace

BoundExprPtr MakeColumnRef(int slot, TypeRef type, int depth) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kColumn;
  e->column = slot;
  e->type = type;
  e->depth = depth;
  return e;
}

BoundExprPtr MakeConst(Value v, TypeRef type) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kConst;
  e->constant = std::move(v);
  e->type = type;
  return e;
}

void SplitConjuncts(BoundExprPtr expr, std::vector<BoundExprPtr>* out) {
  if (!expr) return;
  if (expr->kind == BoundExprKind::kAnd) {
    for (auto& a : expr->args) SplitConjuncts(std::move(a), out);
    return;
  }
  out->push_back(std::move(expr));
}

BoundExprPtr JoinConjuncts(std::vector<BoundExprPtr> parts) {
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return std::move(parts[0]);
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kAnd;
  e->type = TypeRef{type::kBool, -1};
  e->args = std::move(parts);
  return e;
}

BoundExprPtr CloneExpr(const BoundExpr& e) {
  auto c = std::make_unique<BoundExpr>();
  c->kind = e.kind;
  c->type = e.type;
  c->location = e.location;
  c->constant = e.constant;
  c->column = e.column;
  c->depth = e.depth;
  c->fn = e.fn;
  c->cast_context = e.cast_context;
  for (const auto& a : e.args) c->args.push_back(a ? CloneExpr(*a) : nullptr);
  c->negated = e.negated;
  c->bool_test = e.bool_test;
  c->has_else = e.has_else;
  c->case_has_operand = e.case_has_operand;
  c->all = e.all;
  c->subquery_kind = e.subquery_kind;
  c->subplan = e.subplan;
  c->correlated = e.correlated;
  c->session_fn = e.session_fn;
  c->user_fn = e.user_fn;
  c->user_fn_owned = e.user_fn_owned;
  return c;
}

bool BoundExprEquals(const BoundExpr& a, const BoundExpr& b) {
  if (a.kind != b.kind || !(a.type == b.type)) return false;
  switch (a.kind) {
    case BoundExprKind::kConst:
      if (a.constant.is_null() != b.constant.is_null()) return false;
      if (a.constant.is_null()) return true;
      return a.constant.type() == b.constant.type() && CompareValues(a.constant, b.constant) == 0;
    case BoundExprKind::kColumn:
      if (a.column != b.column || a.depth != b.depth) return false;
      break;
    case BoundExprKind::kParam:
    case BoundExprKind::kAggRef:
    case BoundExprKind::kFieldSelect:
      if (a.column != b.column) return false;
      break;
    case BoundExprKind::kSubquery:
      return false;  // never merge subqueries
    default:
      break;
  }
  if (a.fn != b.fn || a.negated != b.negated || a.bool_test != b.bool_test || a.all != b.all ||
      a.args.size() != b.args.size() || a.session_fn != b.session_fn ||
      (a.user_fn != b.user_fn &&
       (a.user_fn == nullptr || b.user_fn == nullptr || a.user_fn->oid != b.user_fn->oid))) {
    return false;
  }
  for (size_t i = 0; i < a.args.size(); ++i) {
    if ((a.args[i] == nullptr) != (b.args[i] == nullptr)) return false;
    if (a.args[i] && !BoundExprEquals(*a.args[i], *b.args[i])) return false;
  }
  return true;
}

Status Binder::Coerce(BoundExprPtr expr, TypeRef target, CoercionContext ctx, BoundExprPtr* out,
                      int location) {
  if (location < 0) location = expr->location;
  if (target.oid == 0 || target.oid == type::kAny || target.oid == type::kAnyElement ||
      target.oid == type::kAnyNonArray || target.oid == type::kAnyArray) {
    *out = std::move(expr);
    return Status::OK();
  }
  if (target.oid == type::kRecord || target.oid == type::kRecordArray || IsEnumType(target.oid) ||
      IsRecordType(expr->type)) {
    bool handled = false;
    NANO_RETURN_IF_ERROR(CoerceRecord(&expr, target, ctx, location, &handled, out));
    if (handled) return Status::OK();
  }
  if (IsEnumType(target.oid)) {
    bool handled = false;
    NANO_RETURN_IF_ERROR(CoerceEnum(&expr, target, ctx, location, &handled, out));
    if (handled) return Status::OK();
  }
  TypeRef from = expr->type;
  // An untyped parameter takes the type its context wants.
  if (expr->kind == BoundExprKind::kParam && from.oid == type::kUnknown) {
    param_types_[expr->column] = TypeRef{target.oid, -1};
    expr->type = TypeRef{target.oid, -1};
    from = expr->type;
  }
  if (from.oid == target.oid && (target.typmod < 0 || from.typmod == target.typmod)) {
    *out = std::move(expr);
    return Status::OK();
  }
  if (expr->kind == BoundExprKind::kConst) {
    if (expr->constant.is_null()) {
      expr->type = target;
      expr->constant.set_type(target.oid);
      *out = std::move(expr);
      return Status::OK();
    }
    if (from.oid != type::kUnknown && !CanCoerce(from.oid, target.oid, ctx)) {
      return ErrorAt(
          ctx == CoercionContext::kExplicit ? sqlstate::kCannotCoerce : sqlstate::kDatatypeMismatch,
          "cannot cast type " + TypeDisplayName(from) + " to " + TypeDisplayName(target), location);
    }
    Value folded;
    Status st = CastValue(expr->constant, target, ctx, *format_, &folded);
    if (!st.ok()) {
      // As in PostgreSQL: a literal's input error points at the literal; a
      // typed constant's conversion (1e10::int) fails at constant folding,
      // without a position.
      st.SetPositionIfUnset(from.oid == type::kUnknown ? Pos(expr->location) : 0);
      return st;
    }
    *out = MakeConst(std::move(folded), target);
    (*out)->location = expr->location;
    return Status::OK();
  }
  if (from.oid != type::kUnknown && from.oid != target.oid &&
      !CanCoerce(from.oid, target.oid, ctx)) {
    if (ctx == CoercionContext::kExplicit) {
      return ErrorAt(sqlstate::kCannotCoerce,
                     "cannot cast type " + TypeDisplayName(from) + " to " + TypeDisplayName(target),
                     location);
    }
    return ErrorAt(sqlstate::kDatatypeMismatch,
                   "expression is of type " + TypeDisplayName(from) + " but " +
                       TypeDisplayName(target) + " was expected",
                   location);
  }
  auto cast = std::make_unique<BoundExpr>();
  cast->kind = BoundExprKind::kCast;
  cast->type = target;
  cast->cast_context = ctx;
  cast->location = expr->location;
  cast->args.push_back(std::move(expr));
  *out = std::move(cast);
  return Status::OK();
}

Status Binder::CommonType(const std::vector<TypeRef>& types, const char* context, int location,
                          TypeRef* out) const {
  TypeRef candidate{type::kUnknown, -1};
  bool typmods_agree = true;
  for (const TypeRef& t : types) {
    if (t.oid == type::kUnknown) continue;
    if (candidate.oid == type::kUnknown) {
      candidate = t;
      continue;
    }
    if (t.oid == candidate.oid) {
      if (t.typmod != candidate.typmod) typmods_agree = false;
      continue;
    }
    bool to_t = CanCoerce(candidate.oid, t.oid, CoercionContext::kImplicit);
    bool to_c = CanCoerce(t.oid, candidate.oid, CoercionContext::kImplicit);
    if (to_t && !to_c) {
      candidate = t;
    } else if (!to_t && !to_c) {
      return ErrorAt(sqlstate::kDatatypeMismatch,
                     std::string(context) + " types " + TypeDisplayName(candidate) + " and " +
                         TypeDisplayName(t) + " cannot be matched",
                     location);
    }
  }
  if (candidate.oid == type::kUnknown) candidate = TypeRef{type::kText, -1};
  if (!typmods_agree) candidate.typmod = -1;
  *out = candidate;
  return Status::OK();
}

Status Binder::BindConst(const ast::Expr& expr, BoundExprPtr* out) {
  switch (expr.const_kind) {
    case ast::ConstKind::kInteger:
      *out = MakeConst(Value::Int4(expr.ival), TypeRef{type::kInt4, -1});
      break;
    case ast::ConstKind::kNumeric: {
      // PostgreSQL: an integer literal too big for int4 is int8 if it fits,
      // else numeric; anything with '.', 'e' is numeric. The grammar folds a
      // leading minus into the literal, so "-2147483648" arrives here and is
      // int4 again (make_const checks the int4 range for these too).
      const std::string& s = expr.str;
      bool integral = s.find_first_of(".eE") == std::string::npos;
      if (integral) {
        errno = 0;
        char* end = nullptr;
        long long v = std::strtoll(s.c_str(), &end, 10);
        if (errno == 0 && end && *end == '\0') {
          // make_const: -2147483648 (a negated oversize literal) fits int4.
          if (v >= INT32_MIN && v <= INT32_MAX) {
            *out = MakeConst(Value::Int4(v), TypeRef{type::kInt4, -1});
          } else {
            *out = MakeConst(Value::Int8(v), TypeRef{type::kInt8, -1});
          }
          break;
        }
      }
      Value num;
      NANO_RETURN_IF_ERROR(ParseText(s, TypeRef{type::kNumeric, -1}, *format_, &num));
      *out = MakeConst(std::move(num), TypeRef{type::kNumeric, -1});
      break;
    }
    case ast::ConstKind::kString:
      *out = MakeConst(Value::Unknown(expr.str), TypeRef{type::kUnknown, -1});
      break;
    case ast::ConstKind::kBool:
      *out = MakeConst(Value::Bool(expr.ival != 0), TypeRef{type::kBool, -1});
      break;
    case ast::ConstKind::kNull:
      *out = MakeConst(Value::Null(type::kUnknown), TypeRef{type::kUnknown, -1});
      break;
    case ast::ConstKind::kBitString:
      return ErrorAt(sqlstate::kFeatureNotSupported, "bit string constants are not supported",
                     expr.location);
  }
  (*out)->location = expr.location;
  return Status::OK();
}

void MarkOuterReference(BinderScope* scope, BinderScope* found, int depth) {
  if (depth == 0) return;
  ++found->refs_from_inner;
  int d = 0;
  for (BinderScope* m = scope; m != nullptr && d < depth; m = m->outer) {
    m->used_outer = true;
    if (!m->transparent) ++d;
  }
}

Status Binder::BindColumnRef(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out) {
  const auto& names = expr.names;
  if (names.empty() || names.size() > 3) {
    return ErrorAt(sqlstate::kSyntaxError, "improper qualified name", expr.location);
  }
  std::string column = names.back();
  std::string qualifier = names.size() >= 2 ? names[names.size() - 2] : "";
  std::string full;
  for (size_t i = 0; i < names.size(); ++i) full += (i ? "." : "") + names[i];

  int depth = 0;
  bool qualifier_seen = false;
  for (BinderScope* s = scope; s != nullptr; s = s->outer) {
    if (s->transparent) {
      s->used_outer = true;  // tentatively: a reference looked beyond it
      continue;
    }
    const ScopeColumn* found = nullptr;
    for (const ScopeItem& item : s->items) {
      if (!qualifier.empty()) {
        if (item.alias != qualifier) continue;
        qualifier_seen = true;
      }
      for (const ScopeColumn& c : item.columns) {
        if (c.name != column) continue;
        if (qualifier.empty() && c.hidden && !c.whole_row) continue;
        if (found != nullptr && found->slot != c.slot) {
          return ErrorAt(sqlstate::kAmbiguousColumn,
                         "column reference \"" + column + "\" is ambiguous", expr.location);
        }
        found = &c;
      }
    }
    if (found != nullptr) {
      MarkOuterReference(scope, s, depth);
      NoteColumn(*found);
      *out = MakeColumnRef(found->slot, found->type, depth);
      (*out)->location = expr.location;
      return Status::OK();
    }
    if (qualifier_seen) {
      return ErrorAt(sqlstate::kUndefinedColumn, "column " + full + " does not exist",
                     expr.location);
    }
    ++depth;
  }
  // A function's parameter or a PL/pgSQL variable ("r.x": a record's field),
  // possibly qualified by the function's name.
  for (size_t i = param_names_.size(); i-- > 0;) {
    const std::string& p = param_names_[i];
    if (p.empty()) continue;
    if (p == full || (names.size() == 2 && qualifier == param_qualifier_ && p == column)) {
      ast::Expr ref;
      ref.kind = ast::ExprKind::kParam;
      ref.param_number = static_cast<int>(i) + 1;
      ref.location = expr.location;
      return BindExpr(ref, nullptr, out);
    }
    if (names.size() == 2 && p == qualifier && !qualifier_seen) {
      // param.field: a field of a composite-typed parameter.
      ast::Expr ref;
      ref.kind = ast::ExprKind::kParam;
      ref.param_number = static_cast<int>(i) + 1;
      ref.location = expr.location;
      BoundExprPtr param;
      NANO_RETURN_IF_ERROR(BindExpr(ref, nullptr, &param));
      if (IsRecordType(param->type)) {
        return BindFieldSelect(std::move(param), column, expr.location, out);
      }
    }
  }
  if (names.size() == 1) {
    // Not a column anywhere: a FROM item's name is its whole row.
    depth = 0;
    for (BinderScope* s = scope; s != nullptr; s = s->outer) {
      if (s->transparent) {
        s->used_outer = true;
        continue;
      }
      for (const ScopeItem& item : s->items) {
        if (item.alias != column) continue;
        MarkOuterReference(scope, s, depth);
        return BindWholeRow(item, depth, expr.location, out);
      }
      ++depth;
    }
  }
  if (!qualifier.empty()) {
    return ErrorAt(sqlstate::kUndefinedTable,
                   "missing FROM-clause entry for table \"" + qualifier + "\"", expr.location);
  }
  return ErrorAt(sqlstate::kUndefinedColumn, "column \"" + column + "\" does not exist",
                 expr.location);
}

Status Binder::BindOperator(const std::string& qualified, BoundExprPtr left, BoundExprPtr right,
                            int location, BoundExprPtr* out) {
  {
    bool user_op = false;
    NANO_RETURN_IF_ERROR(BindUserOperator(qualified, &left, &right, location, &user_op, out));
    if (user_op) return Status::OK();
  }
  // OPERATOR(pg_catalog.op): the built-in.
  const size_t dot = qualified.rfind('.');
  const std::string op = dot == std::string::npos ? qualified : qualified.substr(dot + 1);
  bool record_op = false;
  NANO_RETURN_IF_ERROR(BindRecordOperator(op, &left, &right, location, &record_op, out));
  if (record_op) return Status::OK();
  bool enum_op = false;
  NANO_RETURN_IF_ERROR(BindEnumOperator(op, &left, &right, location, &enum_op, out));
  if (enum_op) return Status::OK();
  ResolvedCall call;
  TypeOid lt = left ? left->type.oid : 0;
  TypeOid rt = right ? right->type.oid : 0;
  Status st = FunctionRegistry::Builtins().ResolveOperator(op, lt, rt, &call);
  if (!st.ok()) {
    st.SetPositionIfUnset(Pos(location));
    return st;
  }
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kCall;
  e->fn = call.overload;
  e->type = call.result_type;
  e->location = location;
  size_t i = 0;
  if (left) {
    BoundExprPtr coerced;
    NANO_RETURN_IF_ERROR(
        Coerce(std::move(left), call.arg_types[i++], CoercionContext::kImplicit, &coerced));
    e->args.push_back(std::move(coerced));
  }
  if (right) {
    BoundExprPtr coerced;
    NANO_RETURN_IF_ERROR(
        Coerce(std::move(right), call.arg_types[i++], CoercionContext::kImplicit, &coerced));
    e->args.push_back(std::move(coerced));
  }
  *out = std::move(e);
  return Status::OK();
}

Status Binder::BindCallResolved(const std::string& name, std::vector<BoundExprPtr> args,
                                int location, BoundExprPtr* out, bool variadic_array) {
  std::vector<TypeOid> types;
  types.reserve(args.size());
  for (const auto& a : args) {
    // Composite types are per-database: functions taking `record` take them.
    types.push_back(a->type.oid >= kFirstUserTypeOid && IsRecordType(a->type) ? type::kRecord
                                                                              : a->type.oid);
  }
  // f(..., VARIADIC arr): the last argument must be an array (parse_func.c).
  if (variadic_array && (args.empty() || !IsArrayType(types.back()))) {
    return ErrorAt(sqlstate::kDatatypeMismatch, "VARIADIC argument must be an array",
                   args.empty() ? location : args.back()->location);
  }
  ResolvedCall call;
  Status st = FunctionRegistry::Builtins().ResolveFunction(name, types, &call, variadic_array);
  if (!st.ok()) {
    st.SetPositionIfUnset(Pos(location));
    return st;
  }
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kCall;
  e->fn = call.overload;
  e->type = call.result_type;
  e->location = location;
  for (size_t i = 0; i < args.size(); ++i) {
    TypeRef target = i < call.arg_types.size() ? call.arg_types[i] : TypeRef{0, -1};
    BoundExprPtr coerced;
    NANO_RETURN_IF_ERROR(Coerce(std::move(args[i]), target, CoercionContext::kImplicit, &coerced));
    e->args.push_back(std::move(coerced));
  }
  *out = std::move(e);
  return Status::OK();
}

// Functions that need the session or the catalog: sequences and pg_typeof.
Status Binder::BindSessionFunction(const std::string& name, std::vector<BoundExprPtr> args,
                                   int location, bool* handled, BoundExprPtr* out) {
  *handled = true;
  auto make = [&](SessionFn fn, TypeOid result) {
    auto e = std::make_unique<BoundExpr>();
    e->kind = BoundExprKind::kSessionFn;
    e->session_fn = fn;
    e->type = TypeRef{result, -1};
    e->location = location;
    return e;
  };
  if (name == "pg_typeof" && args.size() == 1) {
    TypeRef t = args[0]->type;
    // A cast to a domain has the base type but pg_typeof names the domain.
    if (args[0]->kind == BoundExprKind::kSessionFn &&
        args[0]->session_fn == SessionFn::kDomainCheck) {
      t = TypeRef{static_cast<TypeOid>(args[0]->constant.int_value()), -1};
    }
    if (t.oid == type::kUnknown && args[0]->kind == BoundExprKind::kConst) t.oid = type::kUnknown;
    // ct[] and d[] are named by their array types (pg_type "_ct").
    std::string array_name;
    const TypeDef* array_of = nullptr;
    if (args[0]->kind == BoundExprKind::kSessionFn &&
        args[0]->session_fn == SessionFn::kDomainCheck && args[0]->all) {
      array_of = catalog_->TypeByOid(t.oid);
    } else if (t.oid == type::kRecordArray && t.typmod >= static_cast<int32_t>(kFirstUserOid)) {
      array_of = catalog_->TypeByOid(static_cast<TypeOid>(t.typmod));
    }
    if (array_of != nullptr) {
      t = TypeRef{array_of->array_oid, -1};
      array_name = array_of->name + "[]";
    }
    Value v = Value::Oid(t.oid);
    v.set_type(type::kRegType);
    // Printed without a session's OidNamer; user types by their catalog name.
    v.mutable_str() = !array_name.empty()                     ? array_name
                      : catalog_->TypeByOid(t.oid) != nullptr ? TypeDisplayName(TypeRef{t.oid, -1})
                                                              : RegTypeName(t.oid);
    *out = MakeConst(std::move(v), TypeRef{type::kRegType, -1});
    return Status::OK();
  }
  bool enum_fn = false;
  NANO_RETURN_IF_ERROR(BindEnumFunction(name, &args, location, &enum_fn, out));
  if (enum_fn) return Status::OK();
  if (const CatalogFunction* cf = FindCatalogFunction(name, args.size())) {
    auto e = make(cf->fn, cf->result);
    for (size_t i = 0; i < args.size(); ++i) {
      // First argument is an oid (or adbin text for pg_get_expr); others as given.
      TypeRef target =
          i == 0
              ? TypeRef{cf->fn == SessionFn::kPgGetExpr ? type::kText
                        : cf->fn == SessionFn::kPgSleep ? type::kFloat8
                                                        : type::kOid,
                        -1}
              : TypeRef{args[i]->type.oid == type::kUnknown ? type::kText : args[i]->type.oid, -1};
      if (cf->fn == SessionFn::kPgGetExpr && i == 1) target = TypeRef{type::kOid, -1};
      if ((cf->fn == SessionFn::kColDescription || cf->fn == SessionFn::kFormatType) && i == 1) {
        target = TypeRef{type::kInt4, -1};
      }
      if (cf->fn == SessionFn::kPgGetSerialSequence) target = TypeRef{type::kText, -1};
      BoundExprPtr coerced;
      NANO_RETURN_IF_ERROR(
          Coerce(std::move(args[i]), target, CoercionContext::kImplicit, &coerced));
      e->args.push_back(std::move(coerced));
    }
    *out = std::move(e);
    return Status::OK();
  }
  SessionFn fn;
  size_t want = 1;
  if (name == "nextval") {
    fn = SessionFn::kNextval;
  } else if (name == "currval") {
    fn = SessionFn::kCurrval;
  } else if (name == "setval") {
    fn = args.size() == 3 ? SessionFn::kSetval3 : SessionFn::kSetval;
    want = args.size() == 3 ? 3 : 2;
  } else if (name == "lastval") {
    fn = SessionFn::kLastval;
    want = 0;
  } else {
    *handled = false;
    return Status::OK();
  }
  if (args.size() != want) {
    *handled = false;  // let the registry produce "function does not exist"
    return Status::OK();
  }
  auto e = make(fn, type::kInt8);
  for (size_t i = 0; i < args.size(); ++i) {
    TypeRef target = i == 0 ? TypeRef{type::kText, -1}
                            : (i == 1 ? TypeRef{type::kInt8, -1} : TypeRef{type::kBool, -1});
    if (i == 0 && args[0]->type.oid == type::kRegClass) target = TypeRef{type::kRegClass, -1};
    BoundExprPtr coerced;
    NANO_RETURN_IF_ERROR(Coerce(std::move(args[i]), target, CoercionContext::kImplicit, &coerced));
    e->args.push_back(std::move(coerced));
  }
  *out = std::move(e);
  return Status::OK();
}

Status Binder::BindFuncCall(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out) {
  std::string name;
  if (expr.func_name.size() == 2 && !UserFunctionsNamed(expr.func_name).empty()) {
    name = expr.func_name.back();  // schema.f of a user function
  } else {
    NANO_RETURN_IF_ERROR(FunctionName(expr.func_name, expr.location, &name));
  }
  if (expr.over) return BindWindowCall(expr, name, scope, out);
  const FunctionRegistry& registry = FunctionRegistry::Builtins();
  std::vector<const FunctionDef*> user_aggs = UserAggregatesNamed(expr.func_name);
  {
    // User aggregates over a built-in aggregate's internal support
    // functions run as that built-in (all of the name's must agree).
    std::string builtin;
    bool all = !user_aggs.empty();
    for (const FunctionDef* f : user_aggs) {
      const AggregateDef& a = f->aggregate;
      std::string_view over = a.trans_type.oid == type::kInternal
                                  ? BuiltinAggregateOver(a.transfn.name, a.finalfn.name)
                                  : std::string_view();
      if (over.empty() || (!builtin.empty() && builtin != over)) all = false;
      if (!over.empty()) builtin = over;
    }
    if (all && !builtin.empty()) {
      name = builtin;
      user_aggs.clear();
    }
  }
  if (registry.IsAggregateName(name) || !user_aggs.empty()) {
    if (scope != nullptr && scope->outer != nullptr) {
      int level = 0;
      NANO_RETURN_IF_ERROR(AggregateLevel(expr, scope, &level));
      if (level > 0) return BindOuterAggregate(expr, scope, level, out);
    }
    if (scope == nullptr || scope->aggregates == nullptr) {
      const char* clause = scope && scope->no_agg_clause ? scope->no_agg_clause : "this context";
      return ErrorAt(sqlstate::kGroupingError,
                     std::string("aggregate functions are not allowed in ") + clause,
                     expr.location);
    }
    if (scope->in_aggregate_args) {
      return ErrorAt(sqlstate::kGroupingError, "aggregate function calls cannot be nested",
                     expr.location);
    }
    if (user_aggs.empty() &&
        (expr.agg_within_group || registry.AggregateKindOf(name) != AggregateKind::kNormal)) {
      return BindOrderedSetCall(expr, name, scope, out);
    }
    if (expr.agg_within_group) {
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "WITHIN GROUP is not supported for user-defined aggregate " + name,
                     expr.location);
    }
    BoundAggregate agg;
    agg.star = expr.agg_star;
    agg.distinct = expr.agg_distinct;
    scope->in_aggregate_args = true;
    std::vector<BoundAggregate>* saved = scope->aggregates;
    std::vector<TypeOid> types;
    Status st;
    for (const auto& a : expr.args) {
      BoundExprPtr b;
      st = BindExpr(*a, scope, &b);
      if (st.ok() && expr.agg_distinct) st = RequireSortable(b->type, false, *a);
      if (!st.ok()) break;
      types.push_back(b->type.oid == type::kUnknown ? type::kText : b->type.oid);
      agg.args.push_back(std::move(b));
    }
    // array_agg over an enum collects its labels as text[]: the same text
    // form as PostgreSQL's enum array (arrays of enums are not supported yet).
    if (st.ok() && name == "array_agg" && types.size() == 1 && IsEnumType(types[0])) {
      st = Coerce(std::move(agg.args[0]), TypeRef{type::kText, -1}, CoercionContext::kAssignment,
                  &agg.args[0]);
      types[0] = type::kText;
    }
    if (st.ok() && expr.agg_filter) {
      scope->aggregates = nullptr;
      scope->no_agg_clause = "FILTER";
      st = BindCondition(*expr.agg_filter, scope, "FILTER", &agg.filter);
      scope->aggregates = saved;
      scope->no_agg_clause = nullptr;
    }
    for (const auto& sort : expr.agg_order) {
      if (!st.ok()) break;
      BoundExprPtr key;
      st = BindExpr(*sort.expr, scope, &key);
      if (st.ok()) st = RequireSortable(key->type, true, *sort.expr);
      if (!st.ok()) break;
      bool desc = sort.dir == ast::SortDir::kDesc;
      agg.order_by.push_back(std::move(key));
      agg.order_desc.push_back(desc);
      agg.order_nulls_first.push_back(
          sort.nulls == ast::NullsOrder::kDefault ? desc : sort.nulls == ast::NullsOrder::kFirst);
    }
    scope->in_aggregate_args = false;
    NANO_RETURN_IF_ERROR(st);
    NANO_RETURN_IF_ERROR(CheckDistinctOrderBy(agg, expr));
    if (!user_aggs.empty()) {
      bool found = false;
      NANO_RETURN_IF_ERROR(BindUserAggregate(user_aggs, expr, &agg, &found));
      if (found) {
        auto ref = std::make_unique<BoundExpr>();
        ref->kind = BoundExprKind::kAggRef;
        ref->column = static_cast<int>(scope->aggregates->size());
        ref->type = agg.result_type;
        ref->location = expr.location;
        scope->aggregates->push_back(std::move(agg));
        *out = std::move(ref);
        return Status::OK();
      }
      if (!registry.IsAggregateName(name)) {
        std::string list;
        for (size_t i = 0; i < types.size(); ++i) {
          list += (i ? ", " : "") + FormatType(TypeRef{agg.args[i]->type.oid, -1});
        }
        return ErrorAt(sqlstate::kUndefinedFunction,
                       "function " + name + "(" + list + ") does not exist", expr.location)
            .WithHint(
                "No function matches the given name and argument types. You might need to add "
                "explicit type casts.");
      }
    }
    ResolvedAggregate resolved;
    // min/max over an enum: the generic comparison orders by declaration.
    const bool enum_minmax =
        (name == "min" || name == "max") && types.size() == 1 && IsEnumType(types[0]);
    st = registry.ResolveAggregate(name, enum_minmax ? std::vector<TypeOid>{type::kText} : types,
                                   &resolved);
    if (!st.ok() && !enum_minmax) {
      // Unknown literals as the candidate's type: string_agg(bytea, '').
      std::vector<TypeOid> raw = types;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (agg.args[i]->type.oid == type::kUnknown) raw[i] = type::kUnknown;
      }
      if (raw != types && registry.ResolveAggregate(name, raw, &resolved).ok()) st = Status::OK();
    }
    if (st.ok() && enum_minmax) {
      resolved.arg_types[0] = resolved.result_type = TypeRef{types[0], -1};
    }
    if (!st.ok()) {
      st.SetPositionIfUnset(Pos(expr.location));
      return st;
    }
    for (size_t i = 0; i < agg.args.size() && i < resolved.arg_types.size(); ++i) {
      BoundExprPtr coerced;
      NANO_RETURN_IF_ERROR(Coerce(std::move(agg.args[i]), resolved.arg_types[i],
                                  CoercionContext::kImplicit, &coerced));
      agg.args[i] = std::move(coerced);
    }
    agg.agg = resolved.overload;
    agg.call.overload = nullptr;
    agg.call.arg_types = resolved.arg_types;
    agg.call.result_type = resolved.result_type;
    agg.result_type = resolved.result_type;
    auto ref = std::make_unique<BoundExpr>();
    ref->kind = BoundExprKind::kAggRef;
    ref->column = static_cast<int>(scope->aggregates->size());
    ref->type = resolved.result_type;
    ref->location = expr.location;
    scope->aggregates->push_back(std::move(agg));
    *out = std::move(ref);
    return Status::OK();
  }
  // Aggregate decorations on a plain function (PostgreSQL's ParseFuncOrColumn);
  // an unknown name falls through to "function ... does not exist".
  if (expr.agg_within_group && registry.IsFunctionName(name) && scope != nullptr) {
    // f(args) WITHIN GROUP (ORDER BY keys) is looked up as f(args, keys).
    std::vector<TypeOid> types;
    NANO_RETURN_IF_ERROR(WithinGroupArgTypes(expr, scope, &types));
    ResolvedCall probe;
    Status st = registry.ResolveFunction(name, types, &probe);
    if (!st.ok()) {
      st.SetPositionIfUnset(Pos(expr.location));
      return st;
    }
  }
  if ((expr.agg_star || expr.agg_distinct || !expr.agg_order.empty() || expr.agg_filter) &&
      registry.IsFunctionName(name)) {
    const char* what = expr.agg_star             ? "(*)"
                       : expr.agg_distinct       ? "DISTINCT"
                       : expr.agg_within_group   ? "WITHIN GROUP"
                       : !expr.agg_order.empty() ? "ORDER BY"
                                                 : "FILTER";
    std::string spec = expr.agg_star ? name + what : std::string(what);
    return ErrorAt(sqlstate::kWrongObjectType,
                   spec + " specified, but " + name + " is not an aggregate function",
                   expr.location);
  }
  std::vector<BoundExprPtr> args;
  for (const auto& a : expr.args) {
    BoundExprPtr b;
    NANO_RETURN_IF_ERROR(BindExpr(*a, scope, &b));
    args.push_back(std::move(b));
  }
  {
    bool handled = false;
    NANO_RETURN_IF_ERROR(BindUserCall(expr, &args, &handled, out));
    if (handled) {
      if ((*out)->user_fn->result_columns.size() > 1 && !IsRecordType((*out)->type)) {
        return ErrorAt(sqlstate::kFeatureNotSupported,
                       "function " + name +
                           "() returns several columns: it is supported only in FROM (record "
                           "values are not supported yet)",
                       expr.location);
      }
      return Status::OK();
    }
  }
  if (!expr.arg_names.empty()) {
    return ErrorAt(sqlstate::kUndefinedFunction, "function " + name + " does not exist",
                   expr.location)
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  if ((name == "json_populate_record" || name == "jsonb_populate_record") && args.size() == 2) {
    return BindPopulateRecord(name, std::move(args), expr.location, out);
  }
  if (IsSessionFunctionName(name, args.size())) {
    bool handled = false;
    NANO_RETURN_IF_ERROR(BindSessionFunction(name, std::move(args), expr.location, &handled, out));
    if (handled) return Status::OK();
  }
  return BindCallResolved(name, std::move(args), expr.location, out, expr.func_variadic);
}

namespace {

// The column references of an expression, outside its subqueries.
void CollectColumnRefs(const ast::Expr& e, std::vector<const ast::Expr*>* out) {
  if (e.kind == ast::ExprKind::kColumnRef) {
    if (!e.star) out->push_back(&e);
    return;
  }
  for (const ast::Expr* c :
       {e.left.get(), e.right.get(), e.escape.get(), e.agg_filter.get(), e.default_result.get()}) {
    if (c) CollectColumnRefs(*c, out);
  }
  for (const auto& a : e.args) {
    if (a) CollectColumnRefs(*a, out);
  }
  for (const auto& sort : e.agg_order) {
    if (sort.expr) CollectColumnRefs(*sort.expr, out);
  }
  for (const auto& ind : e.indirection) {
    if (ind.lower) CollectColumnRefs(*ind.lower, out);
    if (ind.upper) CollectColumnRefs(*ind.upper, out);
  }
}

}  // namespace

// The smallest query level (0 = this one) of the column references of refs;
// -1 when there are none or one does not resolve (binding reports that).
int Binder::MinRefLevel(const std::vector<const ast::Expr*>& refs, BinderScope* scope) {
  int level = -1;
  for (const ast::Expr* r : refs) {
    BoundExprPtr b;
    if (!BindColumnRef(*r, scope, &b).ok()) return -1;
    if (level < 0 || b->depth < level) level = b->depth;
  }
  return level;
}

// PostgreSQL's check_agg_arguments: an aggregate belongs to the innermost
// query level its (aggregated) arguments and FILTER read: count(*) FILTER
// (WHERE outer_col) in a subquery aggregates the outer query.
// Direct arguments of an ordered-set aggregate do not count, but must not
// reach below that level.
Status Binder::AggregateLevel(const ast::Expr& expr, BinderScope* scope, int* level) {
  std::vector<const ast::Expr*> refs, direct;
  if (!expr.agg_within_group) {
    for (const auto& a : expr.args) CollectColumnRefs(*a, &refs);
  } else {
    for (const auto& a : expr.args) CollectColumnRefs(*a, &direct);
  }
  for (const auto& sort : expr.agg_order) CollectColumnRefs(*sort.expr, &refs);
  if (expr.agg_filter) CollectColumnRefs(*expr.agg_filter, &refs);
  *level = std::max(MinRefLevel(refs, scope), 0);
  const int direct_level = MinRefLevel(direct, scope);
  if (*level > 0 && direct_level >= 0 && direct_level < *level) {
    return ErrorAt(sqlstate::kGroupingError,
                   "outer-level aggregate cannot contain a lower-level variable in its direct "
                   "arguments",
                   expr.location);
  }
  return Status::OK();
}

// Binds an aggregate of the query `level` levels up (its arguments read only
// that query's columns or outer ones) in that query's scope; here it is a
// reference to that query's aggregate output, which the grouped query remaps
// to its Aggregate node's column (like an outer GROUPING()).
Status Binder::BindOuterAggregate(const ast::Expr& expr, BinderScope* scope, int level,
                                  BoundExprPtr* out) {
  BinderScope* target = nullptr;
  int d = 0;
  for (BinderScope* s = scope; s != nullptr && target == nullptr; s = s->outer) {
    if (s->transparent) continue;
    if (d++ == level) target = s;
  }
  if (target == nullptr) {
    return ErrorAt(sqlstate::kInternalError, "outer aggregate level not found", expr.location);
  }
  BoundExprPtr ref;
  NANO_RETURN_IF_ERROR(BindFuncCall(expr, target, &ref));
  if (ref->kind != BoundExprKind::kAggRef) {
    return ErrorAt(sqlstate::kInternalError, "outer aggregate did not bind", expr.location);
  }
  ref->depth = level;
  for (BinderScope* s = scope; s != target; s = s->outer) s->used_outer = true;
  ++target->refs_from_inner;
  *out = std::move(ref);
  return Status::OK();
}

// PostgreSQL's transformAggregateCall check: with DISTINCT, every ORDER BY
// key must be one of the (uncoerced) arguments.
Status Binder::CheckDistinctOrderBy(const BoundAggregate& agg, const ast::Expr& expr) {
  if (!agg.distinct) return Status::OK();
  for (size_t k = 0; k < agg.order_by.size(); ++k) {
    bool found = false;
    for (const auto& a : agg.args) found |= BoundExprEquals(*a, *agg.order_by[k]);
    if (!found) {
      return ErrorAt(sqlstate::kInvalidColumnReference,
                     "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument "
                     "list",
                     expr.agg_order[k].expr->location);
    }
  }
  return Status::OK();
}

// f(direct args) WITHIN GROUP (ORDER BY keys): an ordered-set or
// hypothetical-set aggregate (PostgreSQL's ParseFuncOrColumn and
// transformOrderedSetAgg rules). The aggregate's arguments are the direct
// arguments followed by the keys; the keys are also its ORDER BY.
Status Binder::BindOrderedSetCall(const ast::Expr& expr, const std::string& name,
                                  BinderScope* scope, BoundExprPtr* out) {
  const FunctionRegistry& registry = FunctionRegistry::Builtins();
  const AggregateKind kind = registry.AggregateKindOf(name);
  if (kind != AggregateKind::kHypothetical &&
      (kind == AggregateKind::kNormal || !expr.agg_within_group)) {
    // Looked up with the keys appended first: a miss is 42883.
    std::vector<TypeOid> types;
    NANO_RETURN_IF_ERROR(WithinGroupArgTypes(expr, scope, &types));
    ResolvedAggregate probe;
    Status st = registry.ResolveAggregate(name, types, &probe);
    if (!st.ok()) {
      st.SetPositionIfUnset(Pos(expr.location));
      return st;
    }
  }
  if (kind == AggregateKind::kNormal) {
    return ErrorAt(sqlstate::kWrongObjectType,
                   name + " is not an ordered-set aggregate, so it cannot have WITHIN GROUP",
                   expr.location);
  }
  if (!expr.agg_within_group) {
    return ErrorAt(sqlstate::kWrongObjectType,
                   "WITHIN GROUP is required for ordered-set aggregate " + name, expr.location);
  }
  std::vector<BoundExprPtr> direct, keys;
  BoundAggregate agg;
  scope->in_aggregate_args = true;
  Status st = BindOrderedSetArgs(expr, scope, &direct, &keys, &agg);
  scope->in_aggregate_args = false;
  NANO_RETURN_IF_ERROR(st);
  ResolvedAggregate resolved;
  NANO_RETURN_IF_ERROR(ResolveOrderedSet(expr, name, kind, &direct, &keys, &resolved));
  agg.call.direct_args = direct.size();
  for (auto& d : direct) agg.args.push_back(std::move(d));
  for (auto& k : keys) {
    agg.order_by.push_back(CloneExpr(*k));
    agg.args.push_back(std::move(k));
  }
  agg.call.within_desc = agg.order_desc;
  agg.call.within_nulls_first = agg.order_nulls_first;
  agg.agg = resolved.overload;
  agg.call.arg_types = resolved.arg_types;
  agg.call.result_type = resolved.result_type;
  agg.result_type = resolved.result_type;
  if (expr.agg_filter) {
    std::vector<BoundAggregate>* saved = scope->aggregates;
    scope->aggregates = nullptr;
    scope->no_agg_clause = "FILTER";
    st = BindCondition(*expr.agg_filter, scope, "FILTER", &agg.filter);
    scope->aggregates = saved;
    scope->no_agg_clause = nullptr;
    NANO_RETURN_IF_ERROR(st);
  }
  auto ref = std::make_unique<BoundExpr>();
  ref->kind = BoundExprKind::kAggRef;
  ref->column = static_cast<int>(scope->aggregates->size());
  ref->type = resolved.result_type;
  ref->location = expr.location;
  scope->aggregates->push_back(std::move(agg));
  *out = std::move(ref);
  return Status::OK();
}

// The types of a call's arguments followed by its WITHIN GROUP keys, as
// PostgreSQL's ParseFuncOrColumn looks the function up.
Status Binder::WithinGroupArgTypes(const ast::Expr& expr, BinderScope* scope,
                                   std::vector<TypeOid>* types) {
  std::vector<BoundExprPtr> direct, keys;
  BoundAggregate unused;
  const bool saved = scope->in_aggregate_args;
  scope->in_aggregate_args = true;
  Status st = BindOrderedSetArgs(expr, scope, &direct, &keys, &unused);
  scope->in_aggregate_args = saved;
  NANO_RETURN_IF_ERROR(st);
  for (const auto* list : {&direct, &keys}) {
    for (const auto& b : *list) types->push_back(b->type.oid);
  }
  return Status::OK();
}

// Binds the direct arguments and the WITHIN GROUP keys (with their
// directions, into agg's order_desc / order_nulls_first).
Status Binder::BindOrderedSetArgs(const ast::Expr& expr, BinderScope* scope,
                                  std::vector<BoundExprPtr>* direct,
                                  std::vector<BoundExprPtr>* keys, BoundAggregate* agg) {
  for (const auto& a : expr.args) {
    BoundExprPtr b;
    NANO_RETURN_IF_ERROR(BindExpr(*a, scope, &b));
    direct->push_back(std::move(b));
  }
  for (const auto& sort : expr.agg_order) {
    BoundExprPtr key;
    NANO_RETURN_IF_ERROR(BindExpr(*sort.expr, scope, &key));
    const bool desc = sort.dir == ast::SortDir::kDesc;
    keys->push_back(std::move(key));
    agg->order_desc.push_back(desc);
    agg->order_nulls_first.push_back(
        sort.nulls == ast::NullsOrder::kDefault ? desc : sort.nulls == ast::NullsOrder::kFirst);
  }
  return Status::OK();
}

// Picks the overload and coerces direct arguments and keys to its types. A
// hypothetical-set aggregate takes as many direct arguments as keys, each
// pair unified to a common type.
Status Binder::ResolveOrderedSet(const ast::Expr& expr, const std::string& name, AggregateKind kind,
                                 std::vector<BoundExprPtr>* direct, std::vector<BoundExprPtr>* keys,
                                 ResolvedAggregate* out) {
  const FunctionRegistry& registry = FunctionRegistry::Builtins();
  auto signature = [&] {
    std::string s = name + "(";
    for (size_t i = 0; i < direct->size(); ++i)
      s += (i ? ", " : "") + TypeNameOf((*direct)[i]->type);
    s += direct->empty() ? "ORDER BY " : " ORDER BY ";
    for (size_t i = 0; i < keys->size(); ++i) s += (i ? ", " : "") + TypeNameOf((*keys)[i]->type);
    return s + ")";
  };
  auto missing = [&] {
    return std::move(ErrorAt(sqlstate::kUndefinedFunction,
                             "function " + signature() + " does not exist", expr.location))
        .WithHint(
            "No aggregate function matches the given name and argument types. Perhaps you "
            "misplaced ORDER BY; ORDER BY must appear after all regular arguments of the "
            "aggregate.");
  };
  std::vector<TypeRef> targets;
  if (kind == AggregateKind::kHypothetical) {
    if (direct->size() != keys->size()) return missing();
    NANO_RETURN_IF_ERROR(registry.ResolveAggregate(name, {}, out));
    for (size_t i = 0; i < direct->size(); ++i) {
      TypeRef common;
      NANO_RETURN_IF_ERROR(CommonType({(*direct)[i]->type, (*keys)[i]->type}, "WITHIN GROUP",
                                      (*direct)[i]->location, &common));
      if (common.oid == type::kUnknown) common = TypeRef{type::kText, -1};
      targets.push_back(common);
    }
    targets.insert(targets.end(), targets.begin(), targets.end());
  } else {
    // Unknown literals take the candidate's type (percentile_disc(NULL)),
    // else are text.
    std::vector<TypeOid> types, as_text;
    for (const auto* list : {direct, keys}) {
      for (const auto& b : *list) {
        types.push_back(b->type.oid);
        as_text.push_back(b->type.oid == type::kUnknown ? type::kText : b->type.oid);
      }
    }
    if ((!registry.ResolveAggregate(name, types, out).ok() &&
         !registry.ResolveAggregate(name, as_text, out).ok()) ||
        out->overload->direct_args != direct->size()) {
      return missing();
    }
    targets = out->arg_types;
  }
  size_t t = 0;
  for (auto* list : {direct, keys}) {
    for (auto& b : *list) {
      NANO_RETURN_IF_ERROR(Coerce(std::move(b), targets[t++], CoercionContext::kImplicit, &b));
    }
  }
  return Status::OK();
}

namespace {

// PostgreSQL's FRAMEOPTION_* bits (parsenodes.h).
constexpr int kFrameNonDefault = 0x1, kFrameRange = 0x2, kFrameRows = 0x4, kFrameGroups = 0x8;
constexpr int kFrameStartOffsetPreceding = 0x800, kFrameEndOffsetPreceding = 0x1000;
constexpr int kFrameStartOffsetFollowing = 0x2000, kFrameEndOffsetFollowing = 0x4000;
constexpr int kFrameExclusion = 0x8000 | 0x10000 | 0x20000;
constexpr int kFrameOffsets = kFrameStartOffsetPreceding | kFrameEndOffsetPreceding |
                              kFrameStartOffsetFollowing | kFrameEndOffsetFollowing;

// The offset types of PostgreSQL's in_range support functions for a RANGE
// frame's ORDER BY key type, in the catalog's order (by offset type oid).
std::vector<TypeOid> InRangeOffsetTypes(TypeOid key) {
  switch (key) {
    case type::kInt2:
    case type::kInt4:
      return {type::kInt8, type::kInt2, type::kInt4};
    case type::kInt8:
      return {type::kInt8};
    case type::kFloat4:
    case type::kFloat8:
      return {type::kFloat8};
    case type::kNumeric:
      return {type::kNumeric};
    case type::kDate:
    case type::kTime:
    case type::kTimestamp:
    case type::kTimestampTz:
    case type::kInterval:
    case type::kTimeTz:
      return {type::kInterval};
    default:
      return {};
  }
}

bool ReadsColumns(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kColumn && e.depth == 0) return true;
  for (const auto& a : e.args) {
    if (a && ReadsColumns(*a)) return true;
  }
  return false;
}

struct WindowFnName {
  const char* name;
  WindowFnKind kind;
  size_t min_args, max_args;
};
const WindowFnName kWindowFunctions[] = {
    {"row_number", WindowFnKind::kRowNumber, 0, 0},
    {"rank", WindowFnKind::kRank, 0, 0},
    {"dense_rank", WindowFnKind::kDenseRank, 0, 0},
    {"percent_rank", WindowFnKind::kPercentRank, 0, 0},
    {"cume_dist", WindowFnKind::kCumeDist, 0, 0},
    {"ntile", WindowFnKind::kNtile, 1, 1},
    {"lag", WindowFnKind::kLag, 1, 3},
    {"lead", WindowFnKind::kLead, 1, 3},
    {"first_value", WindowFnKind::kFirstValue, 1, 1},
    {"last_value", WindowFnKind::kLastValue, 1, 1},
    {"nth_value", WindowFnKind::kNthValue, 2, 2},
};

}  // namespace

// A frame offset: int8 for ROWS and GROUPS; for RANGE the offset type of
// the in_range function PostgreSQL picks for the ORDER BY key (its
// transformFrameOffset), plus key -/+ offset bound on the row (key, offset)
// for the executor's in_range test.
Status Binder::BindFrameOffset(const ast::Expr& offset, BinderScope* scope, BoundWindow* w,
                               bool start) {
  const int frame = w->frame_options;
  const char* construct = frame & kFrameRange ? "RANGE" : frame & kFrameGroups ? "GROUPS" : "ROWS";
  BoundExprPtr* out = start ? &w->start_offset : &w->end_offset;
  if (!(frame & kFrameRange)) {
    NANO_RETURN_IF_ERROR(
        BindExprAs(offset, scope, {type::kInt8, -1}, CoercionContext::kAssignment, out));
  } else {
    BoundExprPtr node;
    NANO_RETURN_IF_ERROR(BindExpr(offset, scope, &node));
    const TypeRef key = w->order_by[0].expr->type;
    const TypeOid key_type = IsStringType(key.oid) ? type::kText : key.oid;
    const TypeOid node_type = node->type.oid;
    const TypeOid preferred = node_type != type::kUnknown ? node_type : key_type;
    std::vector<TypeOid> candidates = InRangeOffsetTypes(key_type);
    int matches = 0;
    TypeOid selected = 0;
    for (TypeOid c : candidates) {
      if (node_type != c && !CanCoerce(node_type, c, CoercionContext::kImplicit)) continue;
      ++matches;
      if (selected != preferred) selected = c;
    }
    const std::string key_name = RegTypeName(key_type);
    if (candidates.empty()) {
      return ErrorAt(
          sqlstate::kFeatureNotSupported,
          "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " + key_name,
          offset.location);
    }
    if (matches == 0 || (matches != 1 && selected != preferred)) {
      Status err =
          ErrorAt(sqlstate::kFeatureNotSupported,
                  std::string("RANGE with offset PRECEDING/FOLLOWING ") +
                      (matches == 0 ? "is not supported" : "has multiple interpretations") +
                      " for column type " + key_name + " and offset type " + RegTypeName(node_type),
                  offset.location);
      return std::move(err).WithHint(matches == 0
                                         ? "Cast the offset value to an appropriate type."
                                         : "Cast the offset value to the exact intended type.");
    }
    NANO_RETURN_IF_ERROR(
        Coerce(std::move(node), TypeRef{selected, -1}, CoercionContext::kImplicit, out));
    // key - offset for a PRECEDING bound on an ascending key (+ otherwise).
    bool preceding =
        start ? (frame & kFrameStartOffsetPreceding) : (frame & kFrameEndOffsetPreceding);
    bool subtract = preceding != w->order_by[0].descending;
    BoundExprPtr bound;
    NANO_RETURN_IF_ERROR(BindOperator(subtract ? "-" : "+", MakeColumnRef(0, key),
                                      MakeColumnRef(1, TypeRef{selected, -1}), offset.location,
                                      &bound));
    (start ? w->range_start_bound : w->range_end_bound) = std::move(bound);
  }
  if (ReadsColumns(**out)) {
    return ErrorAt(sqlstate::kInvalidColumnReference,
                   std::string("argument of ") + construct + " must not contain variables",
                   offset.location);
  }
  return Status::OK();
}

Status Binder::BindWindowCall(const ast::Expr& expr, const std::string& name, BinderScope* scope,
                              BoundExprPtr* out) {
  if (scope == nullptr || scope->windows == nullptr) {
    return ErrorAt(
        sqlstate::kWindowingError,
        "window functions are not allowed in " +
            std::string(scope && scope->no_agg_clause ? scope->no_agg_clause : "this context"),
        expr.location);
  }
  // Resolve OVER (w ...) against the WINDOW clause.
  const ast::WindowDef* def = expr.over.get();
  const ast::WindowDef* base = nullptr;
  if (!def->ref_name.empty() ||
      (!def->name.empty() && def->partition_by.empty() && def->order_by.empty())) {
    std::string ref = def->ref_name.empty() ? def->name : def->ref_name;
    if (scope->window_defs) {
      for (const ast::WindowDef& w : *scope->window_defs) {
        if (w.name == ref) base = &w;
      }
    }
    if (base == nullptr) {
      return ErrorAt(sqlstate::kUndefinedObject, "window \"" + ref + "\" does not exist",
                     expr.location);
    }
  }
  const auto& partition =
      base && def->partition_by.empty() ? base->partition_by : def->partition_by;
  const auto& order = base && def->order_by.empty() ? base->order_by : def->order_by;
  int frame = def->frame_options & kFrameNonDefault ? def->frame_options
              : base                                ? base->frame_options
                                                    : def->frame_options;
  const ast::Expr* start_off = (def->frame_options & kFrameNonDefault) ? def->start_offset.get()
                               : base                                  ? base->start_offset.get()
                                                                       : nullptr;
  const ast::Expr* end_off = (def->frame_options & kFrameNonDefault) ? def->end_offset.get()
                             : base                                  ? base->end_offset.get()
                                                                     : nullptr;
  if ((frame & kFrameRange) && (frame & kFrameOffsets) && order.size() != 1) {
    return ErrorAt(sqlstate::kWindowingError,
                   "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                   def->location >= 0 ? def->location : expr.location);
  }
  if ((frame & kFrameGroups) && order.empty()) {
    return ErrorAt(sqlstate::kWindowingError, "GROUPS mode requires an ORDER BY clause",
                   def->location >= 0 ? def->location : expr.location);
  }
  (void)kFrameRows;
  (void)kFrameExclusion;

  BoundWindow w;
  // Window arguments and keys may contain aggregates (evaluated before the
  // window) but not other window calls.
  std::vector<BoundWindow>* saved = scope->windows;
  scope->windows = nullptr;
  scope->no_agg_clause = nullptr;
  Status st;
  for (const auto& p : partition) {
    BoundExprPtr b;
    st = BindExpr(*p, scope, &b);
    if (st.ok()) st = RequireSortable(b->type, false, *p);
    if (!st.ok()) break;
    w.partition_by.push_back(std::move(b));
  }
  for (const auto& o : order) {
    if (!st.ok()) break;
    SortKey key;
    st = BindExpr(*o.expr, scope, &key.expr);
    if (st.ok()) st = RequireSortable(key.expr->type, true, *o.expr);
    key.descending = o.dir == ast::SortDir::kDesc;
    key.nulls_first =
        o.nulls == ast::NullsOrder::kDefault ? key.descending : o.nulls == ast::NullsOrder::kFirst;
    w.order_by.push_back(std::move(key));
  }
  w.frame_options = frame;
  if (st.ok() && start_off) st = BindFrameOffset(*start_off, scope, &w, /*start=*/true);
  if (st.ok() && end_off) st = BindFrameOffset(*end_off, scope, &w, /*start=*/false);
  const WindowFnName* builtin = nullptr;
  for (const WindowFnName& f : kWindowFunctions) {
    if (name == f.name) builtin = &f;
  }
  if (st.ok() && builtin) {
    if (expr.args.size() < builtin->min_args || expr.args.size() > builtin->max_args) {
      st = ErrorAt(sqlstate::kUndefinedFunction,
                   "function " + name + " with " + std::to_string(expr.args.size()) +
                       " arguments does not exist",
                   expr.location);
    }
    for (size_t i = 0; st.ok() && i < expr.args.size(); ++i) {
      BoundExprPtr b;
      st = BindExpr(*expr.args[i], scope, &b);
      if (st.ok()) w.args.push_back(std::move(b));
    }
    if (st.ok()) {
      w.kind = builtin->kind;
      switch (w.kind) {
        case WindowFnKind::kRowNumber:
        case WindowFnKind::kRank:
        case WindowFnKind::kDenseRank:
          w.result_type = {type::kInt8, -1};
          break;
        case WindowFnKind::kPercentRank:
        case WindowFnKind::kCumeDist:
          w.result_type = {type::kFloat8, -1};
          break;
        case WindowFnKind::kNtile:
          st = Coerce(std::move(w.args[0]), {type::kInt4, -1}, CoercionContext::kImplicit,
                      &w.args[0]);
          w.result_type = {type::kInt4, -1};
          break;
        case WindowFnKind::kLag:
        case WindowFnKind::kLead: {
          TypeRef t =
              w.args[0]->type.oid == type::kUnknown ? TypeRef{type::kText, -1} : w.args[0]->type;
          st = Coerce(std::move(w.args[0]), t, CoercionContext::kImplicit, &w.args[0]);
          if (st.ok() && w.args.size() > 1) {
            st = Coerce(std::move(w.args[1]), {type::kInt4, -1}, CoercionContext::kImplicit,
                        &w.args[1]);
          }
          if (st.ok() && w.args.size() > 2) {
            st = Coerce(std::move(w.args[2]), t, CoercionContext::kImplicit, &w.args[2]);
          }
          w.result_type = t;
          break;
        }
        case WindowFnKind::kFirstValue:
        case WindowFnKind::kLastValue:
        case WindowFnKind::kNthValue:
          w.result_type =
              w.args[0]->type.oid == type::kUnknown ? TypeRef{type::kText, -1} : w.args[0]->type;
          if (w.kind == WindowFnKind::kNthValue) {
            st = Coerce(std::move(w.args[1]), {type::kInt4, -1}, CoercionContext::kImplicit,
                        &w.args[1]);
          }
          break;
        default:
          break;
      }
    }
  } else if (st.ok()) {
    // An aggregate used as a window function.
    const std::vector<const FunctionDef*> user_aggs = UserAggregatesNamed(expr.func_name);
    bool user_found = false;
    if (!user_aggs.empty()) {
      for (size_t i = 0; st.ok() && i < expr.args.size(); ++i) {
        BoundExprPtr b;
        st = BindExpr(*expr.args[i], scope, &b);
        if (st.ok()) w.aggregate.args.push_back(std::move(b));
      }
      if (st.ok()) st = BindUserAggregate(user_aggs, expr, &w.aggregate, &user_found);
      if (st.ok() && user_found) {
        w.aggregate.star = expr.agg_star;
        w.result_type = w.aggregate.result_type;
        if (expr.agg_filter) {
          st = BindCondition(*expr.agg_filter, scope, "FILTER", &w.aggregate.filter);
        }
        if (st.ok() && expr.agg_distinct) {
          st = ErrorAt(sqlstate::kFeatureNotSupported,
                       "DISTINCT is not implemented for window functions", expr.location);
        } else if (st.ok() && !expr.agg_order.empty()) {
          st = ErrorAt(sqlstate::kFeatureNotSupported,
                       "aggregate ORDER BY is not implemented for window functions", expr.location);
        }
      } else {
        w.aggregate.args.clear();
      }
    }
    if (!st.ok() || user_found) {
      // bound above (or failed)
    } else if (!FunctionRegistry::Builtins().IsAggregateName(name)) {
      st = ErrorAt(
          sqlstate::kWrongObjectType,
          "OVER specified, but " + name + " is not a window function nor an aggregate function",
          expr.location);
    } else if (FunctionRegistry::Builtins().AggregateKindOf(name) != AggregateKind::kNormal) {
      st = ErrorAt(sqlstate::kFeatureNotSupported,
                   "OVER is not supported for ordered-set aggregate " + name, expr.location);
    } else {
      std::vector<TypeOid> types;
      for (size_t i = 0; st.ok() && i < expr.args.size(); ++i) {
        BoundExprPtr b;
        st = BindExpr(*expr.args[i], scope, &b);
        if (!st.ok()) break;
        types.push_back(b->type.oid == type::kUnknown ? type::kText : b->type.oid);
        w.aggregate.args.push_back(std::move(b));
      }
      ResolvedAggregate resolved;
      if (st.ok()) st = FunctionRegistry::Builtins().ResolveAggregate(name, types, &resolved);
      for (size_t i = 0; st.ok() && i < w.aggregate.args.size() && i < resolved.arg_types.size();
           ++i) {
        st = Coerce(std::move(w.aggregate.args[i]), resolved.arg_types[i],
                    CoercionContext::kImplicit, &w.aggregate.args[i]);
      }
      if (st.ok()) {
        w.aggregate.agg = resolved.overload;
        w.aggregate.star = expr.agg_star;
        w.aggregate.call.arg_types = resolved.arg_types;
        w.aggregate.call.result_type = resolved.result_type;
        w.aggregate.result_type = resolved.result_type;
        w.result_type = resolved.result_type;
        if (expr.agg_filter) {
          st = BindCondition(*expr.agg_filter, scope, "FILTER", &w.aggregate.filter);
        }
        if (expr.agg_distinct) {
          st = ErrorAt(sqlstate::kFeatureNotSupported,
                       "DISTINCT is not implemented for window functions", expr.location);
        } else if (!expr.agg_order.empty()) {
          st = ErrorAt(sqlstate::kFeatureNotSupported,
                       "aggregate ORDER BY is not implemented for window functions", expr.location);
        }
      }
    }
  }
  scope->windows = saved;
  if (!st.ok()) {
    st.SetPositionIfUnset(Pos(expr.location));
    return st;
  }
  auto ref = std::make_unique<BoundExpr>();
  ref->kind = BoundExprKind::kWindowRef;
  ref->column = static_cast<int>(scope->windows->size());
  ref->type = w.result_type;
  ref->location = expr.location;
  scope->windows->push_back(std::move(w));
  *out = std::move(ref);
  return Status::OK();
}

Status Binder::BindCase(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kCase;
  e->location = expr.location;
  BoundExprPtr operand;
  if (expr.left) NANO_RETURN_IF_ERROR(BindExpr(*expr.left, scope, &operand));
  std::vector<BoundExprPtr> conds, results;
  for (size_t i = 0; i + 1 < expr.args.size(); i += 2) {
    BoundExprPtr cond;
    if (operand) {
      BoundExprPtr when;
      NANO_RETURN_IF_ERROR(BindExpr(*expr.args[i], scope, &when));
      NANO_RETURN_IF_ERROR(
          BindOperator("=", CloneExpr(*operand), std::move(when), expr.args[i]->location, &cond));
      NANO_RETURN_IF_ERROR(
          Coerce(std::move(cond), TypeRef{type::kBool, -1}, CoercionContext::kImplicit, &cond));
    } else {
      NANO_RETURN_IF_ERROR(BindCondition(*expr.args[i], scope, "CASE/WHEN", &cond));
    }
    BoundExprPtr result;
    NANO_RETURN_IF_ERROR(BindExpr(*expr.args[i + 1], scope, &result));
    conds.push_back(std::move(cond));
    results.push_back(std::move(result));
  }
  BoundExprPtr otherwise;
  if (expr.default_result) NANO_RETURN_IF_ERROR(BindExpr(*expr.default_result, scope, &otherwise));
  std::vector<TypeRef> types;
  for (const auto& r : results) types.push_back(r->type);
  if (otherwise) types.push_back(otherwise->type);
  TypeRef common;
  NANO_RETURN_IF_ERROR(CommonType(types, "CASE", expr.location, &common));
  for (size_t i = 0; i < conds.size(); ++i) {
    BoundExprPtr r;
    NANO_RETURN_IF_ERROR(Coerce(std::move(results[i]), common, CoercionContext::kImplicit, &r));
    e->args.push_back(std::move(conds[i]));
    e->args.push_back(std::move(r));
  }
  if (otherwise) {
    BoundExprPtr r;
    NANO_RETURN_IF_ERROR(Coerce(std::move(otherwise), common, CoercionContext::kImplicit, &r));
    e->args.push_back(std::move(r));
    e->has_else = true;
  }
  e->type = common;
  *out = std::move(e);
  return Status::OK();
}

Status Binder::BindVariadicCommon(const ast::Expr& expr, BinderScope* scope, BoundExprKind kind,
                                  const char* name, BoundExprPtr* out) {
  std::vector<BoundExprPtr> args;
  std::vector<TypeRef> types;
  for (const auto& a : expr.args) {
    BoundExprPtr b;
    NANO_RETURN_IF_ERROR(BindExpr(*a, scope, &b));
    types.push_back(b->type);
    args.push_back(std::move(b));
  }
  TypeRef common;
  NANO_RETURN_IF_ERROR(CommonType(types, name, expr.location, &common));
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = common;
  e->location = expr.location;
  for (auto& a : args) {
    BoundExprPtr c;
    NANO_RETURN_IF_ERROR(Coerce(std::move(a), common, CoercionContext::kImplicit, &c));
    e->args.push_back(std::move(c));
  }
  *out = std::move(e);
  return Status::OK();
}

Status Binder::BindSubqueryPlan(const ast::SelectStmt& query, BinderScope* scope, PlanPtr* plan,
                                bool* correlated) {
  BinderScope* outer = scope;
  bool was_used = outer ? outer->used_outer : false;
  if (outer) outer->used_outer = false;
  // Correlated = some reference inside resolved at our level or beyond.
  auto outer_refs = [scope] {
    int n = 0;
    for (const BinderScope* s = scope; s != nullptr; s = s->outer) n += s->refs_from_inner;
    return n;
  };
  const int refs_before = outer_refs();
  // The subquery binds with `scope` as its outer level.
  Status st = BindSelect(query, scope, plan);
  *correlated = outer_refs() != refs_before;
  if (outer) outer->used_outer = was_used;
  return st;
}

Status Binder::BindSubqueryColumn(const ast::SelectStmt& query, BinderScope* scope, size_t column,
                                  size_t columns, int location, BoundExprPtr* out) {
  PlanPtr plan;
  bool correlated = false;
  NANO_RETURN_IF_ERROR(BindSubqueryPlan(query, scope, &plan, &correlated));
  if (plan->columns.size() != columns) {
    return ErrorAt(sqlstate::kSyntaxError, "number of columns does not match number of values",
                   location);
  }
  auto project = std::make_unique<PlanNode>();
  project->kind = PlanKind::kProject;
  project->columns = {plan->columns[column]};
  project->exprs.push_back(MakeColumnRef(static_cast<int>(column), plan->columns[column].type));
  project->children.push_back(std::move(plan));
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kSubquery;
  e->location = location;
  e->correlated = correlated;
  e->subquery_kind = SubqueryKind::kScalar;
  e->type = project->columns[0].type;
  e->subplan = std::shared_ptr<const PlanNode>(std::move(project));
  *out = std::move(e);
  return Status::OK();
}

Status Binder::BindSubLink(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out) {
  if (!expr.subquery) {
    return ErrorAt(sqlstate::kFeatureNotSupported,
                   "multiple-column assignment from a subquery is not supported", expr.location);
  }
  PlanPtr plan;
  bool correlated = false;
  NANO_RETURN_IF_ERROR(BindSubqueryPlan(*expr.subquery, scope, &plan, &correlated));
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kSubquery;
  e->location = expr.location;
  // Uncorrelated subqueries run once per execution (the executor caches them).
  e->correlated = correlated;
  switch (expr.sublink_type) {
    case ast::SubLinkType::kExists:
      e->subquery_kind = SubqueryKind::kExists;
      e->type = TypeRef{type::kBool, -1};
      break;
    case ast::SubLinkType::kExpr:
      if (plan->columns.size() != 1) {
        return ErrorAt(sqlstate::kSyntaxError, "subquery must return only one column",
                       expr.location);
      }
      e->subquery_kind = SubqueryKind::kScalar;
      e->type = plan->columns[0].type;
      break;
    case ast::SubLinkType::kArray:
      if (plan->columns.size() != 1) {
        return ErrorAt(sqlstate::kSyntaxError, "subquery must return only one column",
                       expr.location);
      }
      e->subquery_kind = SubqueryKind::kArray;
      e->type = TypeRef{ArrayTypeOf(plan->columns[0].type.oid), -1};
      break;
    case ast::SubLinkType::kAny:
    case ast::SubLinkType::kAll: {
      if (expr.left && expr.left->kind == ast::ExprKind::kRow &&
          (plan->columns.size() != 1 || expr.left->args.size() != 1)) {
        // (a, b) IN (SELECT x, y): each subquery row as one record, compared
        // field by field.
        BoundExprPtr left;
        NANO_RETURN_IF_ERROR(BindExpr(*expr.left, scope, &left));
        if (plan->columns.size() != left->args.size()) {
          return ErrorAt(sqlstate::kSyntaxError,
                         plan->columns.size() > left->args.size() ? "subquery has too many columns"
                                                                  : "subquery has too few columns",
                         expr.location);
        }
        e->subquery_kind =
            expr.sublink_type == ast::SubLinkType::kAny ? SubqueryKind::kAny : SubqueryKind::kAll;
        ProjectAsRecord(&plan);
        BoundExprPtr placeholder = MakeColumnRef(0, plan->columns[0].type, 0);
        placeholder->column = -2;  // marker: the subquery's current value
        BoundExprPtr cmp;
        NANO_RETURN_IF_ERROR(CompareRowWithRecord(expr.str.empty() ? "=" : expr.str,
                                                  std::move(left), std::move(placeholder),
                                                  expr.location, &cmp));
        e->args.push_back(std::move(cmp));
        e->type = TypeRef{type::kBool, -1};
        break;
      }
      if (plan->columns.size() != 1) {
        return ErrorAt(sqlstate::kSyntaxError,
                       plan->columns.size() > 1 ? "subquery has too many columns"
                                                : "subquery has too few columns",
                       expr.location);
      }
      e->subquery_kind =
          expr.sublink_type == ast::SubLinkType::kAny ? SubqueryKind::kAny : SubqueryKind::kAll;
      BoundExprPtr left;
      NANO_RETURN_IF_ERROR(BindExpr(*expr.left, scope, &left));
      std::string op = expr.str.empty() ? "=" : expr.str;
      // Resolve the operator against a placeholder of the subquery's type;
      // the executor feeds it each subquery value in slot 0 of a 1-slot row.
      BoundExprPtr placeholder = MakeColumnRef(0, plan->columns[0].type, 0);
      placeholder->column = -2;  // marker: the subquery's current value
      BoundExprPtr cmp;
      NANO_RETURN_IF_ERROR(
          BindOperator(op, std::move(left), std::move(placeholder), expr.location, &cmp));
      e->args.push_back(std::move(cmp));
      e->type = TypeRef{type::kBool, -1};
      break;
    }
  }
  e->subplan = std::shared_ptr<const PlanNode>(std::move(plan));
  *out = std::move(e);
  return Status::OK();
}

Status Binder::BindCondition(const ast::Expr& expr, BinderScope* scope, const char* clause,
                             BoundExprPtr* out) {
  BoundExprPtr e;
  NANO_RETURN_IF_ERROR(BindExpr(expr, scope, &e));
  if (e->type.oid != type::kBool && e->type.oid != type::kUnknown) {
    return ErrorAt(sqlstate::kDatatypeMismatch,
                   std::string("argument of ") + clause + " must be type boolean, not type " +
                       TypeNameOf(e->type),
                   expr.location);
  }
  return Coerce(std::move(e), TypeRef{type::kBool, -1}, CoercionContext::kImplicit, out);
}

Status Binder::BindExprAs(const ast::Expr& expr, BinderScope* scope, TypeRef target,
                          CoercionContext ctx, BoundExprPtr* out) {
  BoundExprPtr e;
  NANO_RETURN_IF_ERROR(BindExpr(expr, scope, &e));
  return Coerce(std::move(e), target, ctx, out, expr.location);
}

Status Binder::ResolveTypeName(const ast::TypeName& tn, TypeRef* out) const {
  if (tn.names.empty()) return ErrorAt(sqlstate::kSyntaxError, "missing type name", tn.location);
  if (const TypeDef* ut = LookupUserType(tn)) return ResolveUserType(*ut, tn, out);
  std::string name = tn.names.back();
  if (tn.names.size() > 1 && tn.names[0] != "pg_catalog" && tn.names[0] != "public") {
    return ErrorAt(sqlstate::kUndefinedObject, "type \"" + name + "\" does not exist", tn.location);
  }
  const TypeInfo* info = LookupTypeByName(name);
  if (info == nullptr) {
    return ErrorAt(sqlstate::kUndefinedObject, "type \"" + name + "\" does not exist", tn.location);
  }
  TypeRef t{info->oid, -1};
  if (!tn.modifiers.empty()) {
    Status st = MakeTypmod(info->oid, tn.modifiers, &t.typmod);
    if (!st.ok()) {
      st.SetPositionIfUnset(Pos(tn.location));
      return st;
    }
  }
  if (tn.array_dims > 0) {
    TypeOid arr = ArrayTypeOf(t.oid);
    if (arr == 0) {
      return ErrorAt(sqlstate::kUndefinedObject, "could not find array type for data type " + name,
                     tn.location);
    }
    t = TypeRef{arr, t.typmod};
  }
  *out = t;
  return Status::OK();
}

Status Binder::BindExpr(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out) {
  using K = ast::ExprKind;
  switch (expr.kind) {
    case K::kConst:
      return BindConst(expr, out);
    case K::kColumnRef:
      if (expr.star) {
        if (scope != nullptr && !expr.names.empty()) {
          // t.* where one value is wanted (a function argument): t's whole row.
          ast::Expr whole;
          whole.kind = K::kColumnRef;
          whole.names = expr.names;
          whole.location = expr.location;
          return BindColumnRef(whole, scope, out);
        }
        return ErrorAt(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here",
                       expr.location);
      }
      if (scope == nullptr && param_names_.empty()) {
        return ErrorAt(sqlstate::kFeatureNotSupported,
                       "cannot use column reference in this context", expr.location);
      }
      return BindColumnRef(expr, scope, out);
    case K::kParam: {
      int index = expr.param_number - 1;
      if (index < 0 || index >= 65535) {
        return ErrorAt(sqlstate::kUndefinedParameter,
                       "there is no parameter $" + std::to_string(expr.param_number),
                       expr.location);
      }
      while (static_cast<int>(param_types_.size()) <= index) {
        size_t i = param_types_.size();
        TypeOid hint = i < param_hints_.size() ? param_hints_[i] : 0;
        if (IsEnumType(hint)) hint = 0;  // enum parameters arrive as text and go through enum_in
        param_types_.push_back(TypeRef{hint == 0 ? type::kUnknown : hint, -1});
      }
      auto e = std::make_unique<BoundExpr>();
      e->kind = BoundExprKind::kParam;
      e->column = index;
      e->type = param_types_[index];
      e->location = expr.location;
      *out = std::move(e);
      return Status::OK();
    }
    case K::kOp: {
      if (expr.left && expr.left->kind == K::kRow && expr.right &&
          expr.right->kind == K::kSubLink && expr.right->subquery &&
          expr.right->sublink_type == ast::SubLinkType::kExpr) {
        return BindRowSubqueryComparison(expr, scope, out);
      }
      BoundExprPtr l, r;
      if (expr.left) NANO_RETURN_IF_ERROR(BindExpr(*expr.left, scope, &l));
      if (expr.right) NANO_RETURN_IF_ERROR(BindExpr(*expr.right, scope, &r));
      return BindOperator(expr.str, std::move(l), std::move(r), expr.location, out);
    }
    case K::kAnd:
    case K::kOr:
    case K::kNot: {
      auto e = std::make_unique<BoundExpr>();
      e->kind = expr.kind == K::kAnd
                    ? BoundExprKind::kAnd
                    : (expr.kind == K::kOr ? BoundExprKind::kOr : BoundExprKind::kNot);
      e->type = TypeRef{type::kBool, -1};
      e->location = expr.location;
      const char* what = expr.kind == K::kAnd ? "AND" : (expr.kind == K::kOr ? "OR" : "NOT");
      for (const auto& a : expr.args) {
        BoundExprPtr b;
        NANO_RETURN_IF_ERROR(BindCondition(*a, scope, what, &b));
        e->args.push_back(std::move(b));
      }
      *out = std::move(e);
      return Status::OK();
    }
    case K::kFuncCall:
      if (scope != nullptr && scope->srf_calls != nullptr) {
        for (const auto& [call, col] : *scope->srf_calls) {
          if (call == &expr) {
            *out = MakeColumnRef(col.slot, col.type);
            return Status::OK();
          }
        }
      }
      return BindFuncCall(expr, scope, out);
    case K::kCast: {
      if (const TypeDef* ut = LookupUserType(*expr.type_name);
          ut && ut->kind == TypeKind::kDomain) {
        return BindDomainCast(expr, scope, *ut, out);
      }
      TypeRef target;
      NANO_RETURN_IF_ERROR(ResolveTypeName(*expr.type_name, &target));
      BoundExprPtr arg;
      NANO_RETURN_IF_ERROR(BindExpr(*expr.args[0], scope, &arg));
      if (type::IsRegType(target.oid) && arg->kind == BoundExprKind::kConst &&
          !arg->constant.is_null() && IsStringType(arg->type.oid)) {
        return BindRegConstant(arg->constant.str(), target, expr.location, out);
      }
      BoundExprPtr cast;
      NANO_RETURN_IF_ERROR(
          Coerce(std::move(arg), target, CoercionContext::kExplicit, &cast, expr.location));
      if (cast->kind == BoundExprKind::kParam) {
        // `$1::int` fixes the parameter's type; keep an explicit cast node
        // only when the types differ.
      }
      *out = std::move(cast);
      return Status::OK();
    }
    case K::kCase:
      return BindCase(expr, scope, out);
    case K::kNullTest: {
      auto e = std::make_unique<BoundExpr>();
      e->kind = BoundExprKind::kNullTest;
      e->negated = expr.negated;
      e->type = TypeRef{type::kBool, -1};
      e->location = expr.location;
      BoundExprPtr arg;
      NANO_RETURN_IF_ERROR(BindExpr(*expr.args[0], scope, &arg));
      e->args.push_back(std::move(arg));
      *out = std::move(e);
      return Status::OK();
    }
    case K::kBoolTest: {
      auto e = std::make_unique<BoundExpr>();
      e->kind = BoundExprKind::kBoolTest;
      e->bool_test = static_cast<int>(expr.bool_test);
      e->type = TypeRef{type::kBool, -1};
      e->location = expr.location;
      BoundExprPtr arg;
      NANO_RETURN_IF_ERROR(BindCondition(*expr.args[0], scope, "IS TRUE", &arg));
      e->args.push_back(std::move(arg));
      *out = std::move(e);
      return Status::OK();
    }
    case K::kDistinctFrom: {
      BoundExprPtr l, r, eq;
      NANO_RETURN_IF_ERROR(BindExpr(*expr.left, scope, &l));
      NANO_RETURN_IF_ERROR(BindExpr(*expr.right, scope, &r));
      if (IsRecordType(l->type) && IsRecordType(r->type)) {
        // Rows: record_eq already treats NULL fields as equal, which is
        // IS NOT DISTINCT FROM field by field (no row-wise expansion).
        eq = std::make_unique<BoundExpr>();
        eq->kind = BoundExprKind::kCall;
        eq->fn = RecordComparisonOperator("=");
        eq->location = expr.location;
        eq->args.push_back(std::move(l));
        eq->args.push_back(std::move(r));
      } else {
        NANO_RETURN_IF_ERROR(BindOperator("=", std::move(l), std::move(r), expr.location, &eq));
      }
      eq->kind = BoundExprKind::kDistinctFrom;
      eq->negated = expr.negated;
      eq->type = TypeRef{type::kBool, -1};
      *out = std::move(eq);
      return Status::OK();
    }
    case K::kInList: {
      BoundExprPtr left;
      NANO_RETURN_IF_ERROR(BindExpr(*expr.left, scope, &left));
      if (left->kind == BoundExprKind::kRowExpr && left->all) {
        // (a, b) IN ((1, 2), (3, 4)): an OR of row comparisons (NOT IN: an
        // AND of <>), with SQL's NULL semantics.
        auto e = std::make_unique<BoundExpr>();
        e->kind = expr.negated ? BoundExprKind::kAnd : BoundExprKind::kOr;
        e->type = TypeRef{type::kBool, -1};
        e->location = expr.location;
        for (size_t i = 0; i < expr.args.size(); ++i) {
          BoundExprPtr item, cmp;
          NANO_RETURN_IF_ERROR(BindExpr(*expr.args[i], scope, &item));
          NANO_RETURN_IF_ERROR(
              BindOperator(expr.negated ? "<>" : "=",
                           i + 1 < expr.args.size() ? CloneExpr(*left) : std::move(left),
                           std::move(item), expr.location, &cmp));
          e->args.push_back(std::move(cmp));
        }
        *out = e->args.size() == 1 ? std::move(e->args[0]) : std::move(e);
        return Status::OK();
      }
      std::vector<BoundExprPtr> items;
      std::vector<TypeRef> types{left->type};
      for (const auto& a : expr.args) {
        BoundExprPtr b;
        NANO_RETURN_IF_ERROR(BindExpr(*a, scope, &b));
        types.push_back(b->type);
        items.push_back(std::move(b));
      }
      TypeRef common;
      NANO_RETURN_IF_ERROR(CommonType(types, "IN", expr.location, &common));
      // Resolve `=` once on the common type; every comparison uses it.
      BoundExprPtr eq;
      NANO_RETURN_IF_ERROR(BindOperator("=", MakeColumnRef(0, common), MakeColumnRef(0, common),
                                        expr.location, &eq));
      auto e = std::make_unique<BoundExpr>();
      e->kind = BoundExprKind::kInList;
      e->fn = eq->fn;
      e->user_fn = eq->user_fn;  // a user operator (CREATE OPERATOR)
      e->user_fn_owned = eq->user_fn_owned;
      e->negated = expr.negated;
      e->type = TypeRef{type::kBool, -1};
      e->location = expr.location;
      TypeRef arg_type = eq->args[0]->type;
      BoundExprPtr cl;
      NANO_RETURN_IF_ERROR(Coerce(std::move(left), arg_type, CoercionContext::kImplicit, &cl));
      e->args.push_back(std::move(cl));
      for (auto& item : items) {
        BoundExprPtr c;
        NANO_RETURN_IF_ERROR(Coerce(std::move(item), arg_type, CoercionContext::kImplicit, &c));
        e->args.push_back(std::move(c));
      }
      *out = std::move(e);
      return Status::OK();
    }
    case K::kLike: {
      BoundExprPtr l, r;
      NANO_RETURN_IF_ERROR(BindExpr(*expr.left, scope, &l));
      NANO_RETURN_IF_ERROR(BindExpr(*expr.right, scope, &r));
      // SIMILAR TO always goes through similar_to_escape (the SQL pattern
      // becomes an anchored regex); LIKE only when ESCAPE is given.
      if (expr.escape || expr.like_kind == ast::LikeKind::kSimilar) {
        std::vector<BoundExprPtr> args;
        args.push_back(std::move(r));
        if (expr.escape) {
          BoundExprPtr esc;
          NANO_RETURN_IF_ERROR(BindExpr(*expr.escape, scope, &esc));
          args.push_back(std::move(esc));
        }
        const char* fn =
            expr.like_kind == ast::LikeKind::kSimilar ? "similar_to_escape" : "like_escape";
        NANO_RETURN_IF_ERROR(BindCallResolved(fn, std::move(args), expr.location, &r));
      }
      std::string op;
      switch (expr.like_kind) {
        case ast::LikeKind::kLike:
          op = expr.negated ? "!~~" : "~~";
          break;
        case ast::LikeKind::kILike:
          op = expr.negated ? "!~~*" : "~~*";
          break;
        case ast::LikeKind::kSimilar:
          op = expr.negated ? "!~" : "~";
          break;
      }
      return BindOperator(op, std::move(l), std::move(r), expr.location, out);
    }
    case K::kBetween: {
      BoundExprPtr a, lo, hi;
      NANO_RETURN_IF_ERROR(BindExpr(*expr.args[0], scope, &a));
      NANO_RETURN_IF_ERROR(BindExpr(*expr.args[1], scope, &lo));
      NANO_RETURN_IF_ERROR(BindExpr(*expr.args[2], scope, &hi));
      auto range_test = [&](BoundExprPtr x, BoundExprPtr low, BoundExprPtr high,
                            BoundExprPtr* res) -> Status {
        BoundExprPtr ge, le;
        NANO_RETURN_IF_ERROR(BindOperator(">=", CloneExpr(*x), std::move(low), expr.location, &ge));
        NANO_RETURN_IF_ERROR(BindOperator("<=", std::move(x), std::move(high), expr.location, &le));
        auto conj = std::make_unique<BoundExpr>();
        conj->kind = BoundExprKind::kAnd;
        conj->type = TypeRef{type::kBool, -1};
        conj->args.push_back(std::move(ge));
        conj->args.push_back(std::move(le));
        *res = std::move(conj);
        return Status::OK();
      };
      BoundExprPtr test;
      if (expr.symmetric) {
        BoundExprPtr t1, t2;
        NANO_RETURN_IF_ERROR(range_test(CloneExpr(*a), CloneExpr(*lo), CloneExpr(*hi), &t1));
        NANO_RETURN_IF_ERROR(range_test(std::move(a), std::move(hi), std::move(lo), &t2));
        test = std::make_unique<BoundExpr>();
        test->kind = BoundExprKind::kOr;
        test->type = TypeRef{type::kBool, -1};
        test->args.push_back(std::move(t1));
        test->args.push_back(std::move(t2));
      } else {
        NANO_RETURN_IF_ERROR(range_test(std::move(a), std::move(lo), std::move(hi), &test));
      }
      if (expr.negated) {
        auto n = std::make_unique<BoundExpr>();
        n->kind = BoundExprKind::kNot;
        n->type = TypeRef{type::kBool, -1};
        n->args.push_back(std::move(test));
        test = std::move(n);
      }
      *out = std::move(test);
      return Status::OK();
    }
    case K::kSubLink:
      return BindSubLink(expr, scope, out);
    case K::kAnyAll: {
      BoundExprPtr l, r;
      NANO_RETURN_IF_ERROR(BindExpr(*expr.left, scope, &l));
      NANO_RETURN_IF_ERROR(BindExpr(*expr.right, scope, &r));
      if (r->type.oid == type::kUnknown) {
        TypeOid arr = ArrayTypeOf(l->type.oid == type::kUnknown ? type::kText : l->type.oid);
        NANO_RETURN_IF_ERROR(
            Coerce(std::move(r), TypeRef{arr, -1}, CoercionContext::kImplicit, &r));
      }
      TypeOid elem = ElementTypeOf(r->type.oid);
      if (elem == 0) {
        return ErrorAt(sqlstate::kWrongObjectType,
                       std::string("op ANY/ALL (array) requires array on right side"),
                       expr.location);
      }
      BoundExprPtr placeholder = MakeColumnRef(-2, TypeRef{elem, -1}, 0);
      BoundExprPtr cmp;
      NANO_RETURN_IF_ERROR(BindOperator(expr.str.empty() ? "=" : expr.str, std::move(l),
                                        std::move(placeholder), expr.location, &cmp));
      auto e = std::make_unique<BoundExpr>();
      e->kind = BoundExprKind::kAnyAll;
      e->all = expr.all;
      e->type = TypeRef{type::kBool, -1};
      e->location = expr.location;
      e->args.push_back(std::move(cmp));
      e->args.push_back(std::move(r));
      *out = std::move(e);
      return Status::OK();
    }
    case K::kArray: {
      std::vector<BoundExprPtr> elems;
      std::vector<TypeRef> types;
      for (const auto& a : expr.args) {
        BoundExprPtr b;
        NANO_RETURN_IF_ERROR(BindExpr(*a, scope, &b));
        types.push_back(b->type);
        elems.push_back(std::move(b));
      }
      TypeRef common;
      NANO_RETURN_IF_ERROR(CommonType(types, "ARRAY", expr.location, &common));
      // ARRAY[[1,2],[3,4]] / ARRAY[ARRAY[..], ..]: sub-arrays make one more
      // dimension of the same array type.
      TypeOid arr = IsArrayType(common.oid) && !IsVectorType(common.oid) ? common.oid
                    : IsRecordType(common)                               ? type::kRecordArray
                                                                         : ArrayTypeOf(common.oid);
      if (arr == 0) {
        return ErrorAt(sqlstate::kUndefinedObject,
                       "could not find array type for data type " + TypeNameOf(common),
                       expr.location);
      }
      auto e = std::make_unique<BoundExpr>();
      e->kind = BoundExprKind::kArray;
      e->type = TypeRef{arr, -1};
      e->location = expr.location;
      for (auto& el : elems) {
        BoundExprPtr c;
        NANO_RETURN_IF_ERROR(Coerce(std::move(el), common, CoercionContext::kImplicit, &c));
        e->args.push_back(std::move(c));
      }
      *out = std::move(e);
      return Status::OK();
    }
    case K::kCoalesce:
      return BindVariadicCommon(expr, scope, BoundExprKind::kCoalesce, "COALESCE", out);
    case K::kGreatest:
      return BindVariadicCommon(expr, scope, BoundExprKind::kGreatest, "GREATEST", out);
    case K::kLeast:
      return BindVariadicCommon(expr, scope, BoundExprKind::kLeast, "LEAST", out);
    case K::kNullIf: {
      BoundExprPtr l, r, eq;
      NANO_RETURN_IF_ERROR(BindExpr(*expr.left, scope, &l));
      NANO_RETURN_IF_ERROR(BindExpr(*expr.right, scope, &r));
      TypeRef result = l->type.oid == type::kUnknown ? TypeRef{type::kText, -1} : l->type;
      NANO_RETURN_IF_ERROR(BindOperator("=", std::move(l), std::move(r), expr.location, &eq));
      eq->kind = BoundExprKind::kNullIf;
      eq->type = eq->args[0]->type.oid == type::kUnknown ? result : eq->args[0]->type;
      *out = std::move(eq);
      return Status::OK();
    }
    case K::kSqlValue: {
      const char* fn = "now";
      TypeRef cast{0, -1};
      switch (expr.svf) {
        // CURRENT_TIMESTAMP(p) & co. round to p fractional digits (ival is
        // the precision, -1 without one).
        case ast::SqlValueKind::kCurrentDate:
          cast = {type::kDate, -1};
          break;
        case ast::SqlValueKind::kCurrentTime:
          cast = {type::kTimeTz, static_cast<int32_t>(expr.ival)};
          break;
        case ast::SqlValueKind::kCurrentTimestamp:
          if (expr.ival >= 0) cast = {type::kTimestampTz, static_cast<int32_t>(expr.ival)};
          break;
        case ast::SqlValueKind::kLocalTime:
          cast = {type::kTime, static_cast<int32_t>(expr.ival)};
          break;
        case ast::SqlValueKind::kLocalTimestamp:
          cast = {type::kTimestamp, static_cast<int32_t>(expr.ival)};
          break;
        case ast::SqlValueKind::kCurrentRole:
        case ast::SqlValueKind::kCurrentUser:
        case ast::SqlValueKind::kUser:
          fn = "current_user";
          break;
        case ast::SqlValueKind::kSessionUser:
          fn = "session_user";
          break;
        case ast::SqlValueKind::kCurrentCatalog:
          fn = "current_database";
          break;
        case ast::SqlValueKind::kCurrentSchema:
          fn = "current_schema";
          break;
      }
      BoundExprPtr call;
      NANO_RETURN_IF_ERROR(BindCallResolved(fn, {}, expr.location, &call));
      if (cast.oid != 0) {
        return Coerce(std::move(call), cast, CoercionContext::kExplicit, out, expr.location);
      }
      *out = std::move(call);
      return Status::OK();
    }
    case K::kCollate:
      return BindExpr(*expr.args[0], scope, out);
    case K::kRow:
      return BindRow(expr, scope, out);
    case K::kIndirection:
      return BindIndirection(expr, scope, out);
    case K::kDefault:
      return ErrorAt(sqlstate::kSyntaxError, "DEFAULT is not allowed in this context",
                     expr.location);
    case K::kGroupingFunc:
      return BindGroupingFunc(expr, scope, out);
    case K::kStar:
      return ErrorAt(sqlstate::kSyntaxError, "\"*\" is not allowed here", expr.location);
  }
  return ErrorAt(sqlstate::kInternalError, "unhandled expression kind", expr.location);
}

// GROUPING(args): allowed where aggregates are; its arguments are checked
// against the GROUP BY expressions when the aggregate is planned.
Status Binder::BindGroupingFunc(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out) {
  if (scope == nullptr || scope->aggregates == nullptr) {
    const char* clause = scope && scope->no_agg_clause ? scope->no_agg_clause : "this context";
    return ErrorAt(sqlstate::kGroupingError,
                   std::string("grouping operations are not allowed in ") + clause, expr.location);
  }
  if (scope->in_aggregate_args) {
    return ErrorAt(sqlstate::kGroupingError, "aggregate function calls cannot be nested",
                   expr.location);
  }
  if (expr.args.size() > 31) {
    return ErrorAt(sqlstate::kTooManyArguments, "GROUPING must have fewer than 32 arguments",
                   expr.location);
  }
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kGroupingFunc;
  e->type = TypeRef{type::kInt4, -1};
  e->location = expr.location;
  for (const auto& a : expr.args) {
    BoundExprPtr b;
    NANO_RETURN_IF_ERROR(BindExpr(*a, scope, &b));
    e->args.push_back(std::move(b));
  }
  *out = std::move(e);
  return Status::OK();
}

Status Binder::BindRegConstant(const std::string& text, TypeRef target, int location,
                               BoundExprPtr* out) {
  // 'name'::regclass & co resolve now, as PostgreSQL folds them at parse
  // analysis; views and cached plans keep the oid.
  // Names resolve in the catalog this statement binds against; only roles
  // need the session (its user), through the session's namer when present.
  FormatContext fmt = *format_;
  CatalogOidNamer own([this] { return catalog_; }, [] { return std::string("postgres"); });
  if (fmt.oid_namer == nullptr || target.oid != type::kRegRole) fmt.oid_namer = &own;
  Value v;
  Status st = ParseText(text, target, fmt, &v);
  if (!st.ok()) {
    st.SetPositionIfUnset(Pos(location));
    return st;
  }
  if (target.oid == type::kRegClass) {
    const Oid oid = static_cast<Oid>(v.int_value());
    if (std::find(referenced_.begin(), referenced_.end(), oid) == referenced_.end()) {
      referenced_.push_back(oid);
    }
  }
  *out = MakeConst(std::move(v), target);
  return Status::OK();
}

Status Binder::BindSubscriptBound(const ast::Expr* bound, BinderScope* scope, BoundExprPtr* out) {
  if (bound == nullptr) {
    *out = MakeConst(Value::Null(type::kVoid), TypeRef{type::kVoid, -1});
    return Status::OK();
  }
  BoundExprPtr b;
  NANO_RETURN_IF_ERROR(BindExpr(*bound, scope, &b));
  const TypeRef int4{type::kInt4, -1};
  if (!CanCoerce(b->type.oid, type::kInt4, CoercionContext::kAssignment)) {
    return ErrorAt(sqlstate::kDatatypeMismatch, "array subscript must have type integer",
                   bound->location);
  }
  return Coerce(std::move(b), int4, CoercionContext::kAssignment, out, bound->location);
}

// point, line (float8 elements), lseg and box (point elements) subscript as
// PostgreSQL's fixed-length arrays (raw_array_subscript_handler): one
// subscript picks an element (NULL out of range), several address dimensions
// the value lacks and give NULL, slices are 0A000.
Status Binder::BindGeometricSubscript(const ast::Expr& expr, BinderScope* scope, bool slice,
                                      BoundExprPtr base, BoundExprPtr* out) {
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(base));
  for (const ast::Indirection& step : expr.indirection) {
    BoundExprPtr index;
    NANO_RETURN_IF_ERROR(BindSubscriptBound(step.lower.get(), scope, &index));
    args.push_back(std::move(index));
  }
  if (slice) {
    // A run-time error in PostgreSQL (array_get_slice): no position.
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "slices of fixed-length arrays not implemented");
  }
  if (args.size() > 2) {
    const TypeOid t = args[0]->type.oid;
    const TypeOid elem = t == type::kPoint || t == type::kLine ? type::kFloat8 : type::kPoint;
    *out = MakeConst(Value::Null(elem), TypeRef{elem, -1});
    return Status::OK();
  }
  return BindCallResolved("geo subscript", std::move(args), expr.location, out);
}

Status Binder::BindIndirection(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out) {
  BoundExprPtr base;
  NANO_RETURN_IF_ERROR(BindExpr(*expr.args[0], scope, &base));
  // Runs of field selections ((x).f, (x).f.g) and of subscripts alternate:
  // x[1].f[2] is ((x[1]).f)[2].
  const size_t n = expr.indirection.size();
  for (size_t pos = 0;;) {
    for (; pos < n && !expr.indirection[pos].field.empty(); ++pos) {
      const std::string& field = expr.indirection[pos].field;
      if (field == "*") {
        return ErrorAt(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here",
                       expr.location);
      }
      NANO_RETURN_IF_ERROR(BindFieldSelect(std::move(base), field, expr.args[0]->location, &base));
    }
    if (pos == n) break;
    size_t end = pos;
    while (end < n && expr.indirection[end].field.empty()) ++end;
    NANO_RETURN_IF_ERROR(BindSubscripts(
        expr, scope, std::move(base),
        std::span<const ast::Indirection>(expr.indirection.data() + pos, end - pos), &base));
    pos = end;
  }
  *out = std::move(base);
  return Status::OK();
}

Status Binder::BindSubscripts(const ast::Expr& expr, BinderScope* scope, BoundExprPtr base,
                              std::span<const ast::Indirection> steps, BoundExprPtr* out) {
  bool slice = false;
  for (const ast::Indirection& step : steps) slice |= step.is_slice;
  if (base->type.oid == type::kJsonb) {
    // jsonb subscripting (PostgreSQL 14+): each step is `->` with a text
    // key or an integer index.
    for (const ast::Indirection& step : steps) {
      if (step.is_slice) {
        return ErrorAt(sqlstate::kDatatypeMismatch, "jsonb subscript does not support slices",
                       step.lower ? step.lower->location : expr.location);
      }
      BoundExprPtr key;
      NANO_RETURN_IF_ERROR(BindExpr(*step.lower, scope, &key));
      if (!IsIntegerType(key->type.oid)) {
        NANO_RETURN_IF_ERROR(Coerce(std::move(key), TypeRef{type::kText, -1},
                                    CoercionContext::kImplicit, &key, step.lower->location));
      }
      NANO_RETURN_IF_ERROR(
          BindOperator("->", std::move(base), std::move(key), step.lower->location, &base));
    }
    *out = std::move(base);
    return Status::OK();
  }
  if (type::IsGeometric(base->type.oid) && base->type.oid != type::kCircle &&
      base->type.oid != type::kPath && base->type.oid != type::kPolygon) {
    if (steps.size() != expr.indirection.size()) {  // it reads all of expr's subscripts
      return ErrorAt(
          sqlstate::kFeatureNotSupported,
          "field selection with subscripts of type " + TypeNameOf(base->type) + " is not supported",
          expr.location);
    }
    return BindGeometricSubscript(expr, scope, slice, std::move(base), out);
  }
  if (!IsArrayType(base->type.oid)) {
    return ErrorAt(sqlstate::kDatatypeMismatch,
                   "cannot subscript type " + TypeNameOf(base->type) +
                       " because it does not support subscripting",
                   expr.args[0]->location);
  }
  constexpr size_t kMaxDims = 6;  // PostgreSQL's MAXDIM
  if (steps.size() > kMaxDims) {
    return ErrorAt(sqlstate::kProgramLimitExceeded,
                   "number of array dimensions (" + std::to_string(steps.size()) +
                       ") exceeds the maximum allowed (" + std::to_string(kMaxDims) + ")",
                   expr.location);
  }
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kSubscript;
  e->all = slice;
  e->location = expr.location;
  const TypeOid elem = ElementTypeOf(base->type.oid);
  e->type = !slice                         ? ArrayElementType(base->type)
            : IsVectorType(base->type.oid) ? TypeRef{ArrayTypeOf(elem), -1}
                                           // int2vector[..] is int2[]
                                           : base->type;
  e->args.push_back(std::move(base));
  for (const ast::Indirection& step : steps) {
    BoundExprPtr lower, upper;
    if (slice && !step.is_slice) {
      // In a slice, a plain subscript s means 1:s.
      lower = MakeConst(Value::Int4(1), TypeRef{type::kInt4, -1});
      NANO_RETURN_IF_ERROR(BindSubscriptBound(step.lower.get(), scope, &upper));
    } else {
      NANO_RETURN_IF_ERROR(BindSubscriptBound(step.lower.get(), scope, &lower));
      NANO_RETURN_IF_ERROR(
          BindSubscriptBound(step.is_slice ? step.upper.get() : nullptr, scope, &upper));
    }
    e->args.push_back(std::move(lower));
    e->args.push_back(std::move(upper));
  }
  *out = std::move(e);
  return Status::OK();
}

Status Binder::BindStandaloneExpr(const ast::Expr& expr, TypeRef target, BoundExprPtr* out) {
  BoundExprPtr e;
  NANO_RETURN_IF_ERROR(BindExpr(expr, nullptr, &e));
  if (target.oid == 0) {
    *out = std::move(e);
    return Status::OK();
  }
  return Coerce(std::move(e), target, CoercionContext::kAssignment, out, expr.location);
}

}  // namespace nano
