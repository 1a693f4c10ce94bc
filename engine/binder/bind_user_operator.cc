// engine/binder/bind_user_operator.cc — expressions using operators made
// with CREATE OPERATOR, resolved with the built-ins by PostgreSQL's rules
// (oper_select_candidate, search path pg_catalog then public):
//   * an exact match of the operand types (an unknown literal taking the
//     other operand's type) wins; with a built-in exact match too, the
//     built-in wins (pg_catalog comes first) unless the user operator was
//     declared on a domain (its exact type in PostgreSQL);
//   * otherwise the built-ins resolve as usual, and only when none fits a
//     user operator whose operands coerce implicitly is taken.
// OPERATOR(schema.op) looks in that schema only (pg_catalog: built-ins).
// The call binds as a call of the operator's function: a user function
// (kUserCall) or a built-in overload (kCall).
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "binder/binder.h"
#include "types/type_info.h"

namespace nano {

namespace {

int Pos(int location) { return location >= 0 ? location + 1 : 0; }

}  // namespace

Status Binder::BindUserOperator(const std::string& qualified, BoundExprPtr* left,
                                BoundExprPtr* right, int location, bool* handled,
                                BoundExprPtr* out) {
  *handled = false;
  std::string op = qualified;
  Oid schema = kPublicNamespaceOid;
  bool explicit_schema = false;
  if (size_t dot = qualified.rfind('.'); dot != std::string::npos) {
    const std::string schema_name = qualified.substr(0, dot);
    op = qualified.substr(dot + 1);
    if (schema_name == "pg_catalog") return Status::OK();
    const SchemaDef* s = catalog_->FindSchema(schema_name);
    if (s == nullptr) {
      return Status::Error(sqlstate::kInvalidSchemaName,
                           "schema \"" + schema_name + "\" does not exist")
          .WithPosition(Pos(location));
    }
    schema = s->oid;
    explicit_schema = true;
  }
  if (catalog_->operators().empty()) return Status::OK();
  const TypeOid lt = *left ? (*left)->type.oid : 0;
  const TypeOid rt = *right ? (*right)->type.oid : 0;
  std::vector<const OperatorDef*> candidates;
  for (const OperatorDef* o : catalog_->FindOperators(schema, op)) {
    if ((o->left.oid == 0) == (*left == nullptr)) candidates.push_back(o);
  }
  if (candidates.empty()) return Status::OK();
  auto same = [](TypeOid actual, TypeOid declared, TypeOid other) {
    return actual == declared || (actual == type::kUnknown && other == declared);
  };
  // Domains are not value types here: an operand "is" of a domain when it
  // is an expression cast to it (its kDomainCheck).
  auto domain_of = [](const BoundExprPtr& e) -> Oid {
    return e && e->kind == BoundExprKind::kSessionFn && e->session_fn == SessionFn::kDomainCheck
               ? static_cast<Oid>(e->constant.int_value())
               : 0;
  };
  const OperatorDef* chosen = nullptr;
  const OperatorDef* base_exact = nullptr;
  for (const OperatorDef* o : candidates) {
    const bool exact =
        (*left == nullptr || same(lt, o->left.oid, rt)) && same(rt, o->right.oid, *left ? lt : rt);
    if (!exact) continue;
    const bool by_domain = (o->left_domain != 0 && domain_of(*left) == o->left_domain) ||
                           (o->right_domain != 0 && domain_of(*right) == o->right_domain);
    const bool plain = o->left_domain == 0 && o->right_domain == 0;
    if (by_domain || (plain && explicit_schema)) chosen = o;
    if (plain || by_domain) base_exact = o;
  }
  ResolvedCall builtin;
  const bool builtin_ok =
      !explicit_schema && FunctionRegistry::Builtins().ResolveOperator(op, lt, rt, &builtin).ok();
  if (chosen == nullptr && base_exact != nullptr && !builtin_ok) chosen = base_exact;
  if (chosen == nullptr && base_exact != nullptr && builtin_ok) {
    // Same operand types as a built-in: pg_catalog comes first in the path,
    // unless the built-in only fits through coercion.
    bool builtin_exact = true;
    const std::vector<TypeRef>& bt = builtin.arg_types;
    if (*left) builtin_exact = !bt.empty() && same(lt, bt[0].oid, rt);
    builtin_exact = builtin_exact && !bt.empty() && same(rt, bt.back().oid, *left ? lt : rt);
    if (!builtin_exact) chosen = base_exact;
  }
  if (chosen == nullptr) {
    if (builtin_ok) return Status::OK();
    for (const OperatorDef* o : candidates) {
      const bool fits =
          (*left == nullptr || lt == type::kUnknown ||
           CanCoerce(lt, o->left.oid, CoercionContext::kImplicit)) &&
          (rt == type::kUnknown || CanCoerce(rt, o->right.oid, CoercionContext::kImplicit));
      if (fits) {
        chosen = o;
        break;
      }
    }
  }
  if (chosen == nullptr) {
    if (!explicit_schema) return Status::OK();  // the built-in's error names the operator
    std::string what = (*left ? FormatType({lt, -1}) + " " : std::string()) + qualified + " " +
                       FormatType({rt, -1});
    return Status::Error(sqlstate::kUndefinedFunction, "operator does not exist: " + what)
        .WithPosition(Pos(location))
        .WithHint(
            "No operator matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  *handled = true;
  std::vector<BoundExprPtr> args;
  std::vector<TypeRef> types;
  if (*left) {
    args.push_back(std::move(*left));
    types.push_back(chosen->left);
  }
  args.push_back(std::move(*right));
  types.push_back(chosen->right);
  for (size_t i = 0; i < args.size(); ++i) {
    BoundExprPtr coerced;
    NANO_RETURN_IF_ERROR(
        Coerce(std::move(args[i]), types[i], CoercionContext::kImplicit, &coerced, location));
    args[i] = std::move(coerced);
  }
  auto e = std::make_unique<BoundExpr>();
  e->location = location;
  if (chosen->proc.user_oid != 0) {
    const FunctionDef* fn = catalog_->FunctionByOid(chosen->proc.user_oid);
    if (fn == nullptr) {
      return Status::Error(
                 sqlstate::kUndefinedFunction,
                 "function " + chosen->proc.name + " of operator " + op + " no longer exists")
          .WithPosition(Pos(location));
    }
    e->kind = BoundExprKind::kUserCall;
    e->user_fn = fn;
    e->type = fn->return_type;
  } else {
    ResolvedCall call;
    Status st = FunctionRegistry::Builtins().ResolveFunction(chosen->proc.name,
                                                             chosen->proc.arg_types, &call);
    if (!st.ok()) {
      st.SetPositionIfUnset(Pos(location));
      return st;
    }
    e->kind = BoundExprKind::kCall;
    e->fn = call.overload;
    e->type = call.result_type;
  }
  e->args = std::move(args);
  *out = std::move(e);
  return Status::OK();
}

}  // namespace nano
