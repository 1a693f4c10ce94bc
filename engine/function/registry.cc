// engine/function/registry.cc — overload storage and PostgreSQL's function /
// operator resolution (parse_func.c func_select_candidate, parse_oper.c
// oper_select_candidate), simplified to what the built-ins need.
#include "function/registry.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "function/builtins.h"
#include "types/cast.h"
#include "types/type_info.h"

namespace nano {
namespace {

bool IsPolymorphic(TypeOid t) {
  return t == type::kAnyElement || t == type::kAnyArray || t == type::kAnyNonArray ||
         t == type::kAny || t == type::kAnyEnum;
}

char CategoryOf(TypeOid t) {
  const TypeInfo* info = LookupType(t);
  return info ? info->category : 'U';
}

bool IsPreferred(TypeOid t) {
  const TypeInfo* info = LookupType(t);
  return info && info->preferred;
}

std::string TypeName(TypeOid t) { return FormatType(TypeRef{t, -1}); }

// The declared type of argument i of candidate c for an n-argument call.
TypeOid DeclaredArg(const ScalarOverload& c, size_t i) {
  if (i < c.arg_types.size()) return c.arg_types[i];
  assert(c.variadic && !c.arg_types.empty());
  return c.arg_types.back();
}

bool ArityMatches(const ScalarOverload& c, size_t n) {
  if (c.variadic) return n >= c.arg_types.size();
  return n == c.arg_types.size();
}

// Resolved polymorphic binding for one candidate.
struct PolyBinding {
  TypeOid elem = type::kInvalid;  // anyelement / anynonarray
  bool ok = true;
};

// check_generic_type_consistency: anyelement args agree, anyarray args are
// arrays of that element, anynonarray args are not arrays.
PolyBinding BindPolymorphic(const ScalarOverload& c, const std::vector<TypeOid>& args) {
  PolyBinding b;
  TypeOid array_type = type::kInvalid;
  for (size_t i = 0; i < args.size(); ++i) {
    TypeOid decl = DeclaredArg(c, i);
    TypeOid actual = args[i];
    if (actual == type::kUnknown) continue;
    if (decl == type::kAnyElement || decl == type::kAnyNonArray) {
      if (decl == type::kAnyNonArray && IsArrayType(actual)) b.ok = false;
      if (b.elem != type::kInvalid && b.elem != actual) b.ok = false;
      b.elem = actual;
    } else if (decl == type::kAnyArray) {
      if (!IsArrayType(actual)) b.ok = false;
      if (array_type != type::kInvalid && array_type != actual) b.ok = false;
      array_type = actual;
    }
  }
  if (array_type != type::kInvalid && b.ok) {
    TypeOid e = ElementTypeOf(array_type);
    if (b.elem != type::kInvalid && b.elem != e) {
      // PG15's anycompatible semantics (array_append, width_bucket ...): the
      // common type is the array's element type when the element converts
      // to it, else the element's type when the array's elements convert
      // (width_bucket(5.5, ARRAY[1, 3]) runs on numeric).
      if (CanCoerce(b.elem, e, CoercionContext::kImplicit)) {
        b.elem = e;
      } else if (!CanCoerce(e, b.elem, CoercionContext::kImplicit) ||
                 ArrayTypeOf(b.elem) == type::kInvalid) {
        b.ok = false;
      }
    } else {
      b.elem = e;
    }
  }
  return b;
}

bool CanCoerceArg(TypeOid from, TypeOid to) {
  if (from == to) return true;
  if (to == type::kAny) return true;
  if (from == type::kUnknown) return true;
  if (IsPolymorphic(to)) return true;  // consistency checked in BindPolymorphic
  return CanCoerce(from, to, CoercionContext::kImplicit);
}

bool Matches(const ScalarOverload& c, const std::vector<TypeOid>& args) {
  if (!ArityMatches(c, args.size())) return false;
  bool has_poly = false;
  for (size_t i = 0; i < args.size(); ++i) {
    TypeOid decl = DeclaredArg(c, i);
    if (!CanCoerceArg(args[i], decl)) return false;
    has_poly |= IsPolymorphic(decl) && decl != type::kAny;
  }
  return !has_poly || BindPolymorphic(c, args).ok;
}

// PostgreSQL's func_select_candidate over candidates that already match.
std::vector<const ScalarOverload*> SelectCandidate(std::vector<const ScalarOverload*> cands,
                                                   const std::vector<TypeOid>& args) {
  const size_t n = args.size();
  auto keep_max = [&](auto score) {
    int best = -1;
    std::vector<const ScalarOverload*> kept;
    for (const ScalarOverload* c : cands) {
      int s = score(*c);
      if (s > best) {
        best = s;
        kept.clear();
      }
      if (s == best) kept.push_back(c);
    }
    cands = std::move(kept);
  };
  // 1. Most exact matches on known input types.
  keep_max([&](const ScalarOverload& c) {
    int m = 0;
    for (size_t i = 0; i < n; ++i)
      if (args[i] != type::kUnknown && DeclaredArg(c, i) == args[i]) ++m;
    return m;
  });
  if (cands.size() <= 1) return cands;
  // 2. Exact or preferred types at positions that need coercion.
  keep_max([&](const ScalarOverload& c) {
    int m = 0;
    for (size_t i = 0; i < n; ++i) {
      if (args[i] == type::kUnknown) continue;
      TypeOid d = DeclaredArg(c, i);
      if (d == args[i] || (IsPreferred(d) && CategoryOf(d) == CategoryOf(args[i]))) ++m;
    }
    return m;
  });
  if (cands.size() <= 1) return cands;
  // 3. Resolve unknown inputs by category, preferring the string category.
  size_t nunknown = 0;
  for (TypeOid a : args) nunknown += a == type::kUnknown;
  if (nunknown == 0) return cands;
  bool resolved = true;
  std::vector<char> slot_cat(n, 0);
  std::vector<bool> slot_pref(n, false);
  for (size_t i = 0; i < n && resolved; ++i) {
    if (args[i] != type::kUnknown) continue;
    char cat = 0;
    bool pref = false, conflict = false;
    for (const ScalarOverload* c : cands) {
      TypeOid d = DeclaredArg(*c, i);
      char dc = CategoryOf(d);
      bool dp = IsPreferred(d);
      if (cat == 0) {
        cat = dc;
        pref = dp;
      } else if (dc == cat) {
        pref = pref || dp;
      } else if (dc == 'S') {
        cat = dc;
        pref = dp;
      } else if (cat != 'S') {
        conflict = true;
      }
    }
    if (conflict && cat != 'S') resolved = false;
    slot_cat[i] = cat;
    slot_pref[i] = pref;
  }
  if (resolved) {
    std::vector<const ScalarOverload*> kept;
    for (const ScalarOverload* c : cands) {
      bool keep = true;
      for (size_t i = 0; i < n && keep; ++i) {
        if (args[i] != type::kUnknown) continue;
        TypeOid d = DeclaredArg(*c, i);
        if (CategoryOf(d) != slot_cat[i]) keep = false;
        if (slot_pref[i] && !IsPreferred(d)) keep = false;
      }
      if (keep) kept.push_back(c);
    }
    if (!kept.empty()) {
      cands = std::move(kept);
      if (cands.size() == 1) return cands;
    }
  }
  // 4. Last gasp: all known inputs share one type; assume unknowns are it.
  if (nunknown < n) {
    TypeOid known = type::kInvalid;
    for (TypeOid a : args) {
      if (a == type::kUnknown) continue;
      if (known != type::kInvalid && known != a) return cands;
      known = a;
    }
    // Re-check whole candidates (incl. polymorphic consistency) with the
    // unknowns replaced: e.g. int4[] || unknown keeps array_cat only.
    std::vector<TypeOid> assumed = args;
    for (TypeOid& a : assumed)
      if (a == type::kUnknown) a = known;
    std::vector<const ScalarOverload*> kept;
    for (const ScalarOverload* c : cands)
      if (Matches(*c, assumed)) kept.push_back(c);
    if (kept.size() == 1) return kept;
  }
  return cands;
}

// Fills the concrete argument and result types of a chosen candidate.
Status FillResolved(const ScalarOverload& c, const std::vector<TypeOid>& args,
                    std::vector<TypeRef>* arg_types, TypeRef* result) {
  PolyBinding b = BindPolymorphic(c, args);
  TypeOid elem = b.elem;
  if (elem == type::kInvalid) {
    bool has_poly = false;
    for (size_t i = 0; i < args.size(); ++i) {
      TypeOid d = DeclaredArg(c, i);
      has_poly |= d == type::kAnyElement || d == type::kAnyArray || d == type::kAnyNonArray;
    }
    if (has_poly)
      return Status::Error("42804",
                           "could not determine polymorphic type because input has type unknown");
    elem = type::kText;
  }
  TypeOid arr = ArrayTypeOf(elem);
  arg_types->clear();
  for (size_t i = 0; i < args.size(); ++i) {
    TypeOid d = DeclaredArg(c, i);
    TypeOid t = d;
    if (d == type::kAny) {
      t = args[i];
    } else if (d == type::kAnyElement || d == type::kAnyNonArray || d == type::kAnyEnum) {
      t = elem;
    } else if (d == type::kAnyArray) {
      t = arr;
    }
    arg_types->push_back(TypeRef{t, -1});
  }
  TypeOid r = c.return_type;
  if (r == type::kAnyElement || r == type::kAnyNonArray) r = elem;
  if (r == type::kAnyArray) r = arr;
  *result = TypeRef{r, -1};
  return Status::OK();
}

std::string ArgList(const std::vector<TypeOid>& args) {
  std::string s;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) s += ", ";
    s += TypeName(args[i]);
  }
  return s;
}

std::string OperatorText(std::string_view op, TypeOid left, TypeOid right) {
  std::string s;
  if (left != type::kInvalid) {
    s.append(TypeName(left));
    s.push_back(' ');
  }
  s.append(op);
  s.push_back(' ');
  s.append(TypeName(right));
  return s;
}

}  // namespace

struct FunctionRegistry::Impl {
  std::map<std::string, std::vector<std::unique_ptr<ScalarOverload>>, std::less<>> funcs;
  std::map<std::string, std::vector<std::unique_ptr<ScalarOverload>>, std::less<>> ops;
  std::map<std::string, std::vector<std::unique_ptr<AggregateOverload>>, std::less<>> aggs;
  // The array-taking form of each variadic overload with a variadic_array_fn,
  // keyed by that overload (not in pg_proc: PostgreSQL has one proc for both).
  std::unordered_map<const ScalarOverload*, std::unique_ptr<ScalarOverload>> array_forms;
  uint32_t next_oid = 100000;

  // Successful resolutions, keyed by kind/name/argument types: resolution walks
  // every overload of a name (~60 for "+"), so binding hot queries repeatedly
  // benefits. Cleared by Register*(); guarded for concurrent binders.
  mutable std::shared_mutex cache_mu;
  mutable std::unordered_map<std::string, ResolvedCall> cache;

  static std::string CacheKey(char kind, std::string_view name, const std::vector<TypeOid>& args) {
    std::string key(1, kind);
    key.append(name);
    for (TypeOid t : args) {
      key.push_back('\0');
      key.append(reinterpret_cast<const char*>(&t), sizeof(t));
    }
    return key;
  }
  bool Lookup(const std::string& key, ResolvedCall* out) const {
    std::shared_lock lock(cache_mu);
    auto it = cache.find(key);
    if (it == cache.end()) return false;
    *out = it->second;
    return true;
  }
  void Remember(std::string key, const ResolvedCall& call) const {
    std::unique_lock lock(cache_mu);
    if (cache.size() > 100000) cache.clear();  // bounded memory
    cache.emplace(std::move(key), call);
  }

  // Candidates of `name` that accept `args`, resolved per PostgreSQL.
  // Returns the list of best candidates (1 = success, 0 = none, >1 = ambiguous).
  static std::vector<const ScalarOverload*> Choose(
      const std::vector<std::unique_ptr<ScalarOverload>>& all, const std::vector<TypeOid>& args) {
    std::vector<const ScalarOverload*> cands;
    for (const auto& c : all) {
      if (!Matches(*c, args)) continue;
      // An exact match wins outright.
      bool exact = ArityMatches(*c, args.size());
      for (size_t i = 0; i < args.size() && exact; ++i) exact = DeclaredArg(*c, i) == args[i];
      if (exact) return {c.get()};
      cands.push_back(c.get());
    }
    if (cands.size() <= 1) return cands;
    return SelectCandidate(std::move(cands), args);
  }
};

FunctionRegistry::FunctionRegistry() : impl_(std::make_unique<Impl>()) {}
FunctionRegistry::~FunctionRegistry() = default;

FunctionRegistry& FunctionRegistry::Builtins() {
  static FunctionRegistry* registry = [] {
    auto* r = new FunctionRegistry();
    fn::RegisterOperators(*r);
    fn::RegisterMath(*r);
    fn::RegisterString(*r);
    fn::RegisterDateTime(*r);
    fn::RegisterFormatting(*r);
    fn::RegisterArrays(*r);
    fn::RegisterExtra(*r);
    fn::RegisterMisc(*r);
    fn::RegisterAggregates(*r);
    fn::RegisterJson(*r);
    fn::RegisterGeometry(*r);
    fn::RegisterMoney(*r);
    fn::RegisterOperatorProcs(*r);
    return r;
  }();
  return *registry;
}

void FunctionRegistry::Register(ScalarOverload f) {
  assert(!f.name.empty() && f.fn != nullptr);
  if (f.oid == 0) f.oid = impl_->next_oid++;
  {
    std::unique_lock lock(impl_->cache_mu);
    impl_->cache.clear();
  }
  bool is_op = !(std::isalpha(static_cast<unsigned char>(f.name[0])) || f.name[0] == '_');
  auto& map = is_op ? impl_->ops : impl_->funcs;
  std::string key = f.name;
  auto owned = std::make_unique<ScalarOverload>(std::move(f));
  if (owned->variadic && owned->variadic_array_fn != nullptr) {
    auto form = std::make_unique<ScalarOverload>(*owned);
    form->variadic = false;
    form->arg_types.back() = type::kAnyArray;
    form->fn = owned->variadic_array_fn;
    form->variadic_array_fn = nullptr;
    form->strict = false;
    impl_->array_forms.emplace(owned.get(), std::move(form));
  }
  map[key].push_back(std::move(owned));
}

void FunctionRegistry::RegisterAggregate(AggregateOverload a) {
  assert(!a.name.empty() && a.create != nullptr);
  if (a.oid == 0) a.oid = impl_->next_oid++;
  std::string key = a.name;
  impl_->aggs[key].push_back(std::make_unique<AggregateOverload>(std::move(a)));
}

Status FunctionRegistry::ResolveVariadicArray(std::string_view name,
                                              const std::vector<TypeOid>& args,
                                              ResolvedCall* out) const {
  // Resolve as if the array's element were the one variadic argument.
  std::vector<TypeOid> spread = args;
  spread.back() = ElementTypeOf(args.back());
  std::vector<std::unique_ptr<ScalarOverload>> variadic;  // copies with exact arity
  std::vector<const ScalarOverload*> owners;
  auto it = impl_->funcs.find(name);
  if (it != impl_->funcs.end()) {
    for (const auto& c : it->second) {
      if (!c->variadic || c->arg_types.size() != args.size()) continue;
      variadic.push_back(std::make_unique<ScalarOverload>(*c));
      owners.push_back(c.get());
    }
  }
  std::vector<const ScalarOverload*> best = Impl::Choose(variadic, spread);
  const ScalarOverload* form = nullptr;
  if (best.size() == 1) {
    size_t idx = 0;
    while (variadic[idx].get() != best[0]) ++idx;
    auto f = impl_->array_forms.find(owners[idx]);
    if (f != impl_->array_forms.end()) form = f->second.get();
  }
  if (form == nullptr) {
    std::string call = std::string(name) + "(";
    for (size_t i = 0; i < args.size(); ++i) {
      if (i) call += ", ";
      if (i + 1 == args.size()) call += "VARIADIC ";
      call += TypeName(args[i]);
    }
    call += ")";
    return Status::Error(sqlstate::kUndefinedFunction, "function " + call + " does not exist")
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  out->overload = form;
  NANO_RETURN_IF_ERROR(FillResolved(*best[0], spread, &out->arg_types, &out->result_type));
  // The array keeps its own type for VARIADIC "any"; otherwise it is an array
  // of the resolved element type.
  TypeRef& last = out->arg_types.back();
  last = TypeRef{best[0]->arg_types.back() == type::kAny ? args.back() : ArrayTypeOf(last.oid), -1};
  return Status::OK();
}

Status FunctionRegistry::ResolveFunction(std::string_view name, const std::vector<TypeOid>& args,
                                         ResolvedCall* out, bool variadic_array) const {
  if (variadic_array) return ResolveVariadicArray(name, args, out);
  std::string key = Impl::CacheKey('f', name, args);
  if (impl_->Lookup(key, out)) return Status::OK();
  auto it = impl_->funcs.find(name);
  std::vector<const ScalarOverload*> best;
  if (it != impl_->funcs.end()) best = Impl::Choose(it->second, args);
  if (best.size() == 1) {
    out->overload = best[0];
    NANO_RETURN_IF_ERROR(FillResolved(*best[0], args, &out->arg_types, &out->result_type));
    impl_->Remember(std::move(key), *out);
    return Status::OK();
  }
  std::string call = std::string(name) + "(" + ArgList(args) + ")";
  if (best.empty()) {
    return Status::Error(sqlstate::kUndefinedFunction, "function " + call + " does not exist")
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  return Status::Error(sqlstate::kAmbiguousFunction, "function " + call + " is not unique")
      .WithHint(
          "Could not choose a best candidate function. You might need to add explicit type "
          "casts.");
}

Status FunctionRegistry::ResolveOperator(std::string_view op, TypeOid left, TypeOid right,
                                         ResolvedCall* out) const {
  std::vector<TypeOid> args;
  if (left != type::kInvalid) args.push_back(left);
  args.push_back(right);
  std::string key = Impl::CacheKey(left == type::kInvalid ? 'p' : 'o', op, args);
  if (impl_->Lookup(key, out)) return Status::OK();
  auto it = impl_->ops.find(op);
  std::vector<const ScalarOverload*> best;
  if (it != impl_->ops.end()) {
    // binary_oper_exact: an unknown operand is assumed to be the other's type.
    if (args.size() == 2 && (left == type::kUnknown) != (right == type::kUnknown)) {
      TypeOid known = left == type::kUnknown ? right : left;
      for (const auto& c : it->second) {
        if (c->arg_types.size() == 2 && c->arg_types[0] == known && c->arg_types[1] == known) {
          best = {c.get()};
          break;
        }
      }
    }
    if (best.empty()) best = Impl::Choose(it->second, args);
  }
  if (best.size() == 1) {
    out->overload = best[0];
    NANO_RETURN_IF_ERROR(FillResolved(*best[0], args, &out->arg_types, &out->result_type));
    impl_->Remember(std::move(key), *out);
    return Status::OK();
  }
  if (best.empty()) {
    return Status::Error(sqlstate::kUndefinedFunction,
                         "operator does not exist: " + OperatorText(op, left, right))
        .WithHint(left == type::kInvalid
                      ? "No operator matches the given name and argument type. You might need to "
                        "add an explicit type cast."
                      : "No operator matches the given name and argument types. You might need to "
                        "add explicit type casts.");
  }
  return Status::Error(sqlstate::kAmbiguousFunction,
                       "operator is not unique: " + OperatorText(op, left, right))
      .WithHint(
          "Could not choose a best candidate operator. You might need to add explicit type "
          "casts.");
}

Status FunctionRegistry::ResolveAggregate(std::string_view name, const std::vector<TypeOid>& args,
                                          ResolvedAggregate* out) const {
  auto it = impl_->aggs.find(name);
  std::vector<const ScalarOverload*> best;
  // Reuse the scalar machinery through proxy overloads that point back to the aggregates.
  std::vector<std::unique_ptr<ScalarOverload>> proxies;
  std::vector<const AggregateOverload*> owners;
  if (it != impl_->aggs.end()) {
    for (const auto& a : it->second) {
      auto p = std::make_unique<ScalarOverload>();
      p->name = a->name;
      p->arg_types = a->arg_types;
      p->return_type = a->return_type;
      proxies.push_back(std::move(p));
      owners.push_back(a.get());
    }
    best = Impl::Choose(proxies, args);
  }
  if (best.size() == 1) {
    size_t idx = 0;
    while (proxies[idx].get() != best[0]) ++idx;
    out->overload = owners[idx];
    return FillResolved(*best[0], args, &out->arg_types, &out->result_type);
  }
  std::string call = std::string(name) + "(" + ArgList(args) + ")";
  if (best.empty()) {
    return Status::Error(sqlstate::kUndefinedFunction, "function " + call + " does not exist")
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  return Status::Error(sqlstate::kAmbiguousFunction, "function " + call + " is not unique")
      .WithHint(
          "Could not choose a best candidate function. You might need to add explicit type "
          "casts.");
}

bool FunctionRegistry::IsAggregateName(std::string_view name) const {
  return impl_->aggs.find(name) != impl_->aggs.end();
}

AggregateKind FunctionRegistry::AggregateKindOf(std::string_view name) const {
  auto it = impl_->aggs.find(name);
  if (it == impl_->aggs.end() || it->second.empty()) return AggregateKind::kNormal;
  return it->second.front()->kind;
}

bool FunctionRegistry::IsFunctionName(std::string_view name) const {
  return impl_->funcs.find(name) != impl_->funcs.end();
}

std::vector<const ScalarOverload*> FunctionRegistry::AllScalars() const {
  std::vector<const ScalarOverload*> out;
  for (const auto* map : {&impl_->funcs, &impl_->ops})
    for (const auto& [name, list] : *map)
      for (const auto& f : list) out.push_back(f.get());
  return out;
}

std::vector<const AggregateOverload*> FunctionRegistry::AllAggregates() const {
  std::vector<const AggregateOverload*> out;
  for (const auto& [name, list] : impl_->aggs)
    for (const auto& a : list) out.push_back(a.get());
  return out;
}

Status CallScalar(const ResolvedCall& call, const Value* args, size_t nargs, EvalContext& ctx,
                  Value* out) {
  assert(call.overload != nullptr);
  if (call.overload->strict) {
    for (size_t i = 0; i < nargs; ++i) {
      if (args[i].is_null()) {
        *out = Value::Null(call.result_type.oid);
        return Status::OK();
      }
    }
  }
  return call.overload->fn(args, nargs, ctx, out);
}

namespace fn {

void Reg(FunctionRegistry& r, const char* name, std::vector<TypeOid> args, TypeOid ret, ScalarFn f,
         Volatility vol, bool strict, bool variadic) {
  ScalarOverload o;
  o.name = name;
  o.arg_types = std::move(args);
  o.return_type = ret;
  o.fn = f;
  o.volatility = vol;
  o.strict = strict;
  o.variadic = variadic;
  r.Register(std::move(o));
}

void RegVariadic(FunctionRegistry& r, const char* name, std::vector<TypeOid> args, TypeOid ret,
                 ScalarFn fn, ScalarFn array_fn, Volatility vol) {
  ScalarOverload o;
  o.name = name;
  o.arg_types = std::move(args);
  o.return_type = ret;
  o.fn = fn;
  o.variadic_array_fn = array_fn;
  o.volatility = vol;
  o.strict = false;
  o.variadic = true;
  r.Register(std::move(o));
}

Status CallSpread(ScalarFn fn, const Value* a, size_t nfixed, EvalContext& ctx, Value* out) {
  ValueVector args(a, a + nfixed);
  if (!a[nfixed].is_null()) {
    const ValueVector& elems = a[nfixed].array().elements;
    args.insert(args.end(), elems.begin(), elems.end());
  }
  return fn(args.data(), args.size(), ctx, out);
}

const FormatContext& Fmt(const EvalContext& ctx) {
  static const FormatContext kDefault;
  return ctx.format ? *ctx.format : kDefault;
}

Status ToNumeric(const Value& v, Numeric* out) {
  switch (v.type()) {
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
    case type::kOid:
      *out = Numeric::FromInt64(v.int_value());
      return Status::OK();
    case type::kFloat4:
      return Numeric::FromFloat4(static_cast<float>(v.float_value()), out);
    case type::kFloat8:
      return Numeric::FromDouble(v.float_value(), out);
    default:
      return Numeric::Parse(v.str(), out);
  }
}

Status OutOfRange(const char* what) {
  return Status::Error(sqlstate::kNumericValueOutOfRange, std::string(what) + " out of range");
}
Status DivisionByZero() { return Status::Error(sqlstate::kDivisionByZero, "division by zero"); }
Status InvalidParam(std::string msg) {
  return Status::Error(sqlstate::kInvalidParameterValue, std::move(msg));
}

}  // namespace fn
}  // namespace nano
