// engine/binder/bind_user_aggregate.cc — polymorphic user routines and
// calls of user-defined aggregates (CREATE AGGREGATE).
//
// Polymorphism follows PostgreSQL §38.2.5: every anyelement / anyarray /
// anynonarray / anyenum parameter must agree on one element type (an
// anyarray argument contributes its element type); the anycompatible family
// takes the common type of its arguments (select_common_type) and the
// arguments are cast to it. A call of a polymorphic routine binds to a copy
// of its FunctionDef with the actual types in place of the pseudo-types, so
// the body is bound and run with concrete types.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "binder/binder.h"
#include "binder/scope.h"
#include "parser/parser.h"
#include "types/type_info.h"

namespace nano {

namespace {

bool IsArrayFamily(TypeOid t) { return t == type::kAnyArray || t == type::kAnyCompatibleArray; }
bool IsCompatibleFamily(TypeOid t) {
  return t == type::kAnyCompatible || t == type::kAnyCompatibleArray ||
         t == type::kAnyCompatibleNonArray;
}

// A placeholder AggregateOverload for user aggregates: not strict (the
// executor's user-aggregate state applies the transition function's own
// strictness) and never created through `create`.
const AggregateOverload* UserAggregatePlaceholder() {
  static const AggregateOverload* placeholder = [] {
    auto* a = new AggregateOverload();
    a->name = "user-defined aggregate";
    a->strict = false;
    return a;
  }();
  return placeholder;
}

}  // namespace

bool Binder::ResolvePolymorphic(const std::vector<TypeOid>& declared,
                                const std::vector<TypeOid>& actual, TypeOid declared_result,
                                std::vector<TypeOid>* concrete, TypeOid* result) const {
  concrete->assign(declared.begin(), declared.end());
  *result = declared_result;
  TypeOid elem = type::kInvalid;
  std::vector<TypeRef> compatible;
  bool any_poly = false, any_compat = false;
  for (size_t i = 0; i < declared.size() && i < actual.size(); ++i) {
    const TypeOid d = declared[i], a = actual[i];
    if (!IsPolymorphicType(d)) continue;
    if (IsCompatibleFamily(d)) {
      any_compat = true;
      if (a == type::kUnknown) continue;
      TypeOid e = a;
      if (IsArrayFamily(d)) {
        if (!IsArrayType(a)) return false;
        e = ElementTypeOf(a);
      } else if (d == type::kAnyCompatibleNonArray && IsArrayType(a)) {
        return false;
      }
      compatible.push_back(TypeRef{e, -1});
      continue;
    }
    any_poly = true;
    if (a == type::kUnknown) continue;
    TypeOid e = a;
    if (IsArrayFamily(d)) {
      if (!IsArrayType(a)) return false;
      e = ElementTypeOf(a);
    } else if (d == type::kAnyNonArray && IsArrayType(a)) {
      return false;
    }
    if (elem != type::kInvalid && elem != e) return false;
    elem = e;
  }
  if (any_poly && elem == type::kInvalid) elem = type::kText;  // all unknown: text
  TypeOid common = type::kInvalid;
  if (any_compat) {
    if (compatible.empty()) {
      common = type::kText;
    } else {
      TypeRef t;
      if (!CommonType(compatible, "anycompatible", -1, &t).ok()) return false;
      common = t.oid;
    }
  }
  auto concretize = [&](TypeOid d) -> TypeOid {
    if (!IsPolymorphicType(d)) return d;
    const TypeOid e = IsCompatibleFamily(d) ? common : elem;
    if (e == type::kInvalid) return type::kInvalid;
    return IsArrayFamily(d) ? ArrayTypeOf(e) : e;
  };
  for (TypeOid& t : *concrete) {
    t = concretize(t);
    if (t == type::kInvalid) return false;
  }
  if (IsPolymorphicType(declared_result)) {
    *result = concretize(declared_result);
    if (*result == type::kInvalid) return false;
  }
  return true;
}

std::shared_ptr<const FunctionDef> Binder::SpecializeRoutine(const FunctionDef& fn,
                                                             const std::vector<TypeOid>& inputs,
                                                             TypeOid result) const {
  auto copy = std::make_shared<FunctionDef>(fn);
  size_t k = 0;
  for (FunctionArg& a : copy->args) {
    if (a.mode == 'o' || a.mode == 't') continue;
    if (k < inputs.size()) a.type = TypeRef{inputs[k], -1};
    ++k;
  }
  if (IsPolymorphicType(copy->return_type.oid)) copy->return_type = TypeRef{result, -1};
  for (FunctionArg& c : copy->result_columns) {
    if (IsPolymorphicType(c.type.oid)) c.type = TypeRef{result, -1};
  }
  return copy;
}

std::vector<const FunctionDef*> Binder::UserAggregatesNamed(
    const std::vector<std::string>& names) const {
  std::vector<const FunctionDef*> out;
  for (const FunctionDef* f : UserFunctionsNamed(names)) {
    if (f->is_aggregate()) out.push_back(f);
  }
  return out;
}

Status Binder::BindAggSupport(const AggSupportFn& fn, const std::vector<TypeOid>& types,
                              TypeOid* result, BoundAggSupport* out,
                              std::vector<std::shared_ptr<const FunctionDef>>* owned) {
  if (fn.user_oid != 0) {
    const FunctionDef* def = catalog_->FunctionByOid(fn.user_oid);
    if (def == nullptr) {
      return Status::Error(sqlstate::kUndefinedFunction,
                           "function " + fn.name + " of an aggregate no longer exists");
    }
    std::vector<TypeOid> declared;
    for (const FunctionArg* a : def->InputArgs()) declared.push_back(a->type.oid);
    std::vector<TypeOid> concrete;
    if (!ResolvePolymorphic(declared, types, def->return_type.oid, &concrete, result)) {
      return Status::Error(sqlstate::kDatatypeMismatch,
                           "could not resolve the polymorphic types of " + def->Signature());
    }
    if (concrete != declared || *result != def->return_type.oid) {
      owned->push_back(SpecializeRoutine(*def, concrete, *result));
      def = owned->back().get();
    }
    out->user = def;
    out->strict = def->strict;
    return Status::OK();
  }
  NANO_RETURN_IF_ERROR(FunctionRegistry::Builtins().ResolveFunction(fn.name, types, &out->builtin));
  out->strict = out->builtin.overload->strict;
  *result = out->builtin.result_type.oid;
  return Status::OK();
}

Status Binder::BindUserAggregate(const std::vector<const FunctionDef*>& candidates,
                                 const ast::Expr& expr, BoundAggregate* agg, bool* found) {
  *found = false;
  std::vector<TypeOid> types;
  for (const auto& a : agg->args) types.push_back(a->type.oid);
  const FunctionDef* best = nullptr;
  std::vector<TypeOid> best_params;
  int best_score = -1;
  bool variadic_pack = false;
  for (const FunctionDef* f : candidates) {
    // Ordered-set ones and those over internal run as built-ins (BindFuncCall).
    if (f->aggregate.kind != 'n' || f->aggregate.trans_type.oid == type::kInternal) continue;
    std::vector<TypeOid> declared;
    for (const FunctionArg* a : f->InputArgs()) declared.push_back(a->type.oid);
    const bool variadic = !f->InputArgs().empty() && f->InputArgs().back()->mode == 'v' &&
                          !expr.func_variadic && declared.back() != type::kAny;
    std::vector<TypeOid> want = declared;
    if (variadic) {
      // Extra arguments fill the VARIADIC array's element type.
      if (types.size() + 1 < declared.size()) continue;
      TypeOid e = declared.back() == type::kAnyArray             ? type::kAnyElement
                  : declared.back() == type::kAnyCompatibleArray ? type::kAnyCompatible
                                                                 : ElementTypeOf(declared.back());
      want.pop_back();
      while (want.size() < types.size()) want.push_back(e);
    }
    if (expr.agg_star ? !declared.empty() : want.size() != types.size()) continue;
    std::vector<TypeOid> concrete;
    TypeOid result = type::kInvalid;
    if (!ResolvePolymorphic(want, types, f->return_type.oid, &concrete, &result)) continue;
    (void)result;
    int score = 0;
    bool ok = true;
    for (size_t i = 0; i < types.size(); ++i) {
      if (types[i] == concrete[i]) {
        ++score;
      } else if (!CanCoerce(types[i], concrete[i], CoercionContext::kImplicit)) {
        ok = false;
      }
    }
    if (!ok || score <= best_score) continue;
    best = f;
    best_params = concrete;
    best_score = score;
    variadic_pack = variadic;
  }
  if (best == nullptr) return Status::OK();
  *found = true;
  for (size_t i = 0; i < agg->args.size(); ++i) {
    BoundExprPtr coerced;
    NANO_RETURN_IF_ERROR(Coerce(std::move(agg->args[i]), TypeRef{best_params[i], -1},
                                CoercionContext::kImplicit, &coerced, expr.location));
    agg->args[i] = std::move(coerced);
  }
  std::vector<TypeOid> arg_types = best_params;
  if (variadic_pack) {
    // PostgreSQL passes the VARIADIC arguments as one array.
    const size_t fixed = best->InputArgs().size() - 1;
    auto array = std::make_unique<BoundExpr>();
    array->kind = BoundExprKind::kArray;
    const TypeOid elem = fixed < best_params.size() ? best_params[fixed] : type::kText;
    array->type = TypeRef{ArrayTypeOf(elem), -1};
    array->location = expr.location;
    for (size_t i = fixed; i < agg->args.size(); ++i)
      array->args.push_back(std::move(agg->args[i]));
    agg->args.resize(fixed);
    agg->args.push_back(std::move(array));
    arg_types.resize(fixed);
    arg_types.push_back(ArrayTypeOf(elem));
  }
  const AggregateDef& def = best->aggregate;
  auto user = std::make_shared<BoundUserAggregate>();
  user->def = best;
  // The state type: polymorphic ones resolve against the declared arguments.
  std::vector<TypeOid> declared;
  for (const FunctionArg* a : best->InputArgs()) declared.push_back(a->type.oid);
  std::vector<TypeOid> ignored;
  TypeOid stype = def.trans_type.oid;
  if (IsPolymorphicType(stype) &&
      !ResolvePolymorphic(declared, arg_types, stype, &ignored, &stype)) {
    return Status::Error(sqlstate::kDatatypeMismatch,
                         "could not determine actual transition type of aggregate " + best->name);
  }
  user->state_type =
      TypeRef{stype, IsPolymorphicType(def.trans_type.oid) ? -1 : def.trans_type.typmod};
  std::vector<std::shared_ptr<const FunctionDef>> owned;
  std::vector<TypeOid> trans_args{stype};
  for (TypeOid t : arg_types) trans_args.push_back(t);
  TypeOid trans_result = type::kInvalid;
  NANO_RETURN_IF_ERROR(
      BindAggSupport(def.transfn, trans_args, &trans_result, &user->transfn, &owned));
  TypeOid result = stype;
  if (!def.finalfn.empty()) {
    std::vector<TypeOid> final_args{stype};
    if (def.final_extra) {
      for (TypeOid t : arg_types) final_args.push_back(t);
      user->final_extra_args = arg_types.size();
    }
    NANO_RETURN_IF_ERROR(BindAggSupport(def.finalfn, final_args, &result, &user->finalfn, &owned));
  }
  user->owned = std::move(owned);
  if (def.has_init) {
    std::string quoted = "'";
    for (char c : def.init_value) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    quoted += "'";
    ast::ExprPtr parsed;
    NANO_RETURN_IF_ERROR(ParseExpression(quoted, &parsed));
    NANO_RETURN_IF_ERROR(BindStandaloneExpr(*parsed, user->state_type, &user->init));
  }
  agg->agg = UserAggregatePlaceholder();
  agg->user = std::move(user);
  agg->call.overload = nullptr;
  agg->call.arg_types.clear();
  for (TypeOid t : arg_types) agg->call.arg_types.push_back(TypeRef{t, -1});
  agg->call.result_type = TypeRef{result, -1};
  agg->result_type = agg->call.result_type;
  return Status::OK();
}

}  // namespace nano
