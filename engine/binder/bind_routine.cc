// engine/binder/bind_routine.cc — calls of user-defined functions
// (CREATE FUNCTION) and the names that bind as their parameters.
//
// Resolution follows PostgreSQL's func_select_candidate in its common
// cases: a candidate takes the call when every argument coerces implicitly
// to its parameter (missing trailing arguments taken from DEFAULTs, extra
// ones packed into a VARIADIC array); among several, the one with the most
// exact type matches wins, and a tie is 42725.
#include <string>
#include <utility>
#include <vector>

#include "binder/binder.h"
#include "binder/scope.h"
#include "parser/parser.h"
#include "types/type_info.h"

namespace nano {

namespace {

int Pos(int location) { return location >= 0 ? location + 1 : 0; }

Status ErrorAt(const char* state, std::string msg, int location) {
  return Status::Error(state, std::move(msg)).WithPosition(Pos(location));
}

// How well `fn` takes arguments of `types`: -1 = not at all, else the
// number of exact matches.
int MatchScore(const FunctionDef& fn, const std::vector<TypeOid>& types, bool variadic_array) {
  std::vector<const FunctionArg*> inputs = fn.InputArgs();
  const bool variadic = !inputs.empty() && inputs.back()->mode == 'v' && !variadic_array;
  size_t defaults = 0;
  for (auto it = inputs.rbegin(); it != inputs.rend() && !(*it)->default_expr.empty(); ++it) {
    ++defaults;
  }
  const size_t n = inputs.size();
  if (types.size() > n && !variadic) return -1;
  if (types.size() + defaults < n && !(variadic && types.size() + 1 >= n)) return -1;
  int score = 0;
  for (size_t i = 0; i < types.size(); ++i) {
    TypeOid want;
    if (variadic && i + 1 >= n) {
      want = ElementTypeOf(inputs.back()->type.oid);
    } else {
      want = inputs[i]->type.oid;
    }
    if (types[i] == want) {
      ++score;
    } else if (!CanCoerce(types[i], want, CoercionContext::kImplicit)) {
      return -1;
    }
  }
  return score;
}

// Named notation: the input position each argument takes in `fn`
// (positional ones first, then by name); false when the names do not fit
// or a parameter without DEFAULT is left out.
bool PlaceNamedArgs(const FunctionDef& fn, const std::vector<std::string>& names,
                    std::vector<size_t>* position) {
  std::vector<const FunctionArg*> inputs = fn.InputArgs();
  std::vector<bool> taken(inputs.size(), false);
  position->clear();
  for (size_t i = 0; i < names.size(); ++i) {
    size_t at = i;
    if (!names[i].empty()) {
      at = 0;
      while (at < inputs.size() && inputs[at]->name != names[i]) ++at;
    }
    if (at >= inputs.size() || taken[at]) return false;
    taken[at] = true;
    position->push_back(at);
  }
  for (size_t k = 0; k < inputs.size(); ++k) {
    if (!taken[k] && inputs[k]->default_expr.empty()) return false;
  }
  return true;
}

int NamedMatchScore(const FunctionDef& fn, const std::vector<TypeOid>& types,
                    const std::vector<size_t>& position) {
  std::vector<const FunctionArg*> inputs = fn.InputArgs();
  int score = 0;
  for (size_t i = 0; i < types.size(); ++i) {
    const TypeOid want = inputs[position[i]]->type.oid;
    if (types[i] == want) {
      ++score;
    } else if (!CanCoerce(types[i], want, CoercionContext::kImplicit)) {
      return -1;
    }
  }
  return score;
}

bool IsPolymorphicRoutine(const FunctionDef& fn) {
  for (const FunctionArg* a : fn.InputArgs()) {
    if (IsPolymorphicType(a->type.oid)) return true;
  }
  return IsPolymorphicType(fn.return_type.oid);
}

}  // namespace

// A polymorphic function's copy for arguments of `types` (false: they do
// not fit its pseudo-types).
bool Binder::SpecializeCall(const FunctionDef& fn, const std::vector<TypeOid>& types,
                            bool variadic_array, std::shared_ptr<const FunctionDef>* out) const {
  std::vector<const FunctionArg*> inputs = fn.InputArgs();
  std::vector<TypeOid> declared;
  for (const FunctionArg* a : inputs) declared.push_back(a->type.oid);
  const bool variadic = !inputs.empty() && inputs.back()->mode == 'v' && !variadic_array;
  std::vector<TypeOid> want = declared;
  if (variadic) {
    if (types.size() < declared.size()) return false;
    const TypeOid arr = declared.back();
    const TypeOid e = arr == type::kAnyArray             ? type::kAnyElement
                      : arr == type::kAnyCompatibleArray ? type::kAnyCompatible
                                                         : ElementTypeOf(arr);
    want.pop_back();
    while (want.size() < types.size()) want.push_back(e);
  } else if (types.size() != declared.size()) {
    return false;
  }
  std::vector<TypeOid> concrete;
  TypeOid result = type::kInvalid;
  if (!ResolvePolymorphic(want, types, fn.return_type.oid, &concrete, &result)) return false;
  if (variadic) {
    const TypeOid elem = concrete.back();
    concrete.resize(declared.size() - 1);
    concrete.push_back(IsArrayType(declared.back()) ? declared.back() : ArrayTypeOf(elem));
  }
  *out = SpecializeRoutine(fn, concrete, result);
  return true;
}

Status Binder::BindNamedUserCall(const ast::Expr& call, const FunctionDef& fn,
                                 std::vector<BoundExprPtr>* args, BoundExprPtr* out) {
  std::vector<size_t> position;
  if (!PlaceNamedArgs(fn, call.arg_names, &position)) {
    return ErrorAt(sqlstate::kUndefinedFunction, "function " + fn.name + " does not exist",
                   call.location);
  }
  std::vector<const FunctionArg*> inputs = fn.InputArgs();
  std::vector<BoundExprPtr> slots(inputs.size());
  for (size_t i = 0; i < args->size(); ++i) {
    NANO_RETURN_IF_ERROR(Coerce(std::move((*args)[i]), inputs[position[i]]->type,
                                CoercionContext::kImplicit, &slots[position[i]], call.location));
  }
  for (size_t k = 0; k < inputs.size(); ++k) {
    if (slots[k]) continue;
    ast::ExprPtr parsed;
    NANO_RETURN_IF_ERROR(ParseExpression(inputs[k]->default_expr, &parsed));
    NANO_RETURN_IF_ERROR(BindStandaloneExpr(*parsed, inputs[k]->type, &slots[k]));
  }
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kUserCall;
  e->user_fn = &fn;
  e->type = fn.return_type;
  e->location = call.location;
  e->args = std::move(slots);
  args->clear();
  *out = std::move(e);
  return Status::OK();
}

void Binder::AddTransitionRelation(std::string name, std::vector<ColumnDesc> columns, int id) {
  CteBinding binding;
  binding.name = std::move(name);
  binding.columns = std::move(columns);
  binding.id = id;
  ctes_.push_back(std::move(binding));
}

void Binder::SetParamNames(std::vector<std::string> names, std::string qualifier) {
  param_names_ = std::move(names);
  param_qualifier_ = std::move(qualifier);
}

std::vector<const FunctionDef*> Binder::UserFunctionsNamed(
    const std::vector<std::string>& names) const {
  if (names.empty() || catalog_->functions().empty()) return {};
  Oid schema = kPublicNamespaceOid;
  if (names.size() == 2) {
    if (names[0] == "pg_catalog") return {};
    const SchemaDef* s = catalog_->FindSchema(names[0]);
    if (s == nullptr) return {};
    schema = s->oid;
  } else if (names.size() > 2) {
    return {};
  }
  return catalog_->FindFunctions(schema, names.back());
}

Status Binder::BindUserCall(const ast::Expr& call, std::vector<BoundExprPtr>* args, bool* handled,
                            BoundExprPtr* out) {
  *handled = false;
  std::vector<const FunctionDef*> candidates = UserFunctionsNamed(call.func_name);
  if (candidates.empty()) return Status::OK();
  std::vector<TypeOid> types;
  for (const auto& a : *args) types.push_back(a->type.oid);
  const FunctionDef* best = nullptr;
  int best_score = -1;
  bool tie = false;
  const bool named = !call.arg_names.empty();
  std::vector<size_t> position;
  std::shared_ptr<const FunctionDef> best_owned;
  for (const FunctionDef* candidate : candidates) {
    if (candidate->is_aggregate()) continue;
    const FunctionDef* fn = candidate;
    std::shared_ptr<const FunctionDef> owned;
    if (!named && IsPolymorphicRoutine(*candidate)) {
      // Score the copy with this call's actual types in place of the pseudo-types.
      if (!SpecializeCall(*candidate, types, call.func_variadic, &owned)) continue;
      fn = owned.get();
    }
    int score = -1;
    if (named) {
      if (PlaceNamedArgs(*fn, call.arg_names, &position)) {
        score = NamedMatchScore(*fn, types, position);
      }
    } else {
      score = MatchScore(*fn, types, call.func_variadic);
    }
    if (score < 0) continue;
    if (score > best_score) {
      best = fn;
      best_owned = owned;
      best_score = score;
      tie = false;
    } else if (score == best_score) {
      tie = true;
    }
  }
  if (best == nullptr) return Status::OK();
  if (tie) {
    std::string list;
    for (size_t i = 0; i < types.size(); ++i) {
      list += (i ? ", " : "") + FormatType(TypeRef{types[i], -1});
    }
    return ErrorAt(sqlstate::kAmbiguousFunction,
                   "function " + call.func_name.back() + "(" + list + ") is not unique",
                   call.location)
        .WithHint(
            "Could not choose a best candidate function. You might need to add explicit type "
            "casts.");
  }
  *handled = true;
  std::vector<const FunctionArg*> inputs = best->InputArgs();
  if (named) return BindNamedUserCall(call, *best, args, out);
  const bool variadic = !inputs.empty() && inputs.back()->mode == 'v' && !call.func_variadic;
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kUserCall;
  e->user_fn = best;
  e->user_fn_owned = best_owned;
  e->type = best->return_type;
  e->location = call.location;
  const size_t fixed = variadic ? inputs.size() - 1 : inputs.size();
  for (size_t i = 0; i < args->size() && i < fixed; ++i) {
    BoundExprPtr coerced;
    NANO_RETURN_IF_ERROR(Coerce(std::move((*args)[i]), inputs[i]->type, CoercionContext::kImplicit,
                                &coerced, call.location));
    e->args.push_back(std::move(coerced));
  }
  if (variadic) {
    auto array = std::make_unique<BoundExpr>();
    array->kind = BoundExprKind::kArray;
    array->type = TypeRef{inputs.back()->type.oid, -1};
    array->location = call.location;
    const TypeRef elem{ElementTypeOf(inputs.back()->type.oid), -1};
    for (size_t i = fixed; i < args->size(); ++i) {
      BoundExprPtr coerced;
      NANO_RETURN_IF_ERROR(
          Coerce(std::move((*args)[i]), elem, CoercionContext::kImplicit, &coerced, call.location));
      array->args.push_back(std::move(coerced));
    }
    e->args.push_back(std::move(array));
  }
  // Missing trailing arguments: their DEFAULT expressions.
  for (size_t i = e->args.size(); i < inputs.size(); ++i) {
    ast::ExprPtr parsed;
    NANO_RETURN_IF_ERROR(ParseExpression(inputs[i]->default_expr, &parsed));
    BoundExprPtr value;
    NANO_RETURN_IF_ERROR(BindStandaloneExpr(*parsed, inputs[i]->type, &value));
    e->args.push_back(std::move(value));
  }
  args->clear();
  *out = std::move(e);
  return Status::OK();
}

}  // namespace nano
