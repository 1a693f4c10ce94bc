// engine/executor/ddl_aggregates.cc — CREATE / DROP / ALTER ... RENAME
// AGGREGATE: PostgreSQL 15's DefineAggregate and AggregateCreate checks,
// in their order, over an AggregateDef stored in a FunctionDef of kind 'a'.
#include "executor/ddl_aggregates.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "binder/binder.h"
#include "common/sqlstate.h"
#include "executor/ddl_util.h"
#include "executor/eval.h"
#include "function/registry.h"
#include "parser/parser.h"
#include "types/cast.h"
#include "types/type_info.h"

namespace nano {

namespace {

using ddl_util::Borrow;
using ddl_util::Error;
using ddl_util::FormatOf;
using ddl_util::SchemaOf;

std::string TypeList(const std::vector<TypeOid>& types) {
  std::string s;
  for (size_t i = 0; i < types.size(); ++i)
    s += (i ? ", " : "") + FormatType(TypeRef{types[i], -1});
  return s;
}

// PostgreSQL's IsBinaryCoercible for the cases a support function's
// signature meets: same type, varchar/bpchar/name to text, a polymorphic
// parameter taking any type of its kind.
bool BinaryCoercible(TypeOid from, TypeOid to) {
  if (from == to || to == type::kAny) return true;
  if (to == type::kText && (from == type::kVarChar || from == type::kBpChar)) return true;
  switch (to) {
    case type::kAnyElement:
    case type::kAnyCompatible:
      return true;
    case type::kAnyNonArray:
    case type::kAnyCompatibleNonArray:
      return !IsArrayType(from) && from != type::kAnyArray && from != type::kAnyCompatibleArray;
    case type::kAnyArray:
    case type::kAnyCompatibleArray:
      return IsArrayType(from) || from == type::kAnyArray || from == type::kAnyCompatibleArray;
    default:
      return false;
  }
}

// The result type of a polymorphic support function called with `types`:
// the actual type its polymorphic result stands for (PostgreSQL's
// enforce_generic_type_consistency, for the aggregate's declared types).
TypeOid ResolvedResult(TypeOid ret, const std::vector<TypeOid>& params,
                       const std::vector<TypeOid>& types) {
  if (!IsPolymorphicType(ret)) return ret;
  for (size_t i = 0; i < params.size() && i < types.size(); ++i) {
    if (!IsPolymorphicType(params[i])) continue;
    const bool arr = params[i] == type::kAnyArray || params[i] == type::kAnyCompatibleArray;
    TypeOid elem = arr ? (IsArrayType(types[i]) ? ElementTypeOf(types[i]) : types[i]) : types[i];
    if (IsPolymorphicType(types[i])) {
      // The aggregate is polymorphic itself: keep the pseudo-type family.
      const bool rarr = ret == type::kAnyArray || ret == type::kAnyCompatibleArray;
      if (rarr == (types[i] == type::kAnyArray || types[i] == type::kAnyCompatibleArray)) {
        return types[i];
      }
      continue;
    }
    const bool rarr = ret == type::kAnyArray || ret == type::kAnyCompatibleArray;
    return rarr ? ArrayTypeOf(elem) : elem;
  }
  return ret;
}

struct Support {
  AggSupportFn fn;
  TypeOid result = type::kInvalid;
  bool strict = false;
};

// PostgreSQL's lookup_agg_function: `name` called with exactly `types`
// (a user function first, then a built-in). 42883 when none takes them,
// 42804 when one would need a run-time coercion.
Status LookupSupport(const Catalog& catalog, const std::vector<std::string>& name,
                     const std::vector<TypeOid>& types, Support* out) {
  Oid schema = kPublicNamespaceOid;
  NANO_RETURN_IF_ERROR(SchemaOf(catalog, name, &schema));
  const std::string signature = name.back() + "(" + TypeList(types) + ")";
  bool coercible = false;
  for (const FunctionDef* f : catalog.FindFunctions(schema, name.back())) {
    if (f->is_aggregate() || f->returns_set) continue;
    std::vector<const FunctionArg*> in = f->InputArgs();
    if (in.size() != types.size()) continue;
    bool exact = true, implicit = true;
    std::vector<TypeOid> params;
    for (size_t i = 0; i < in.size(); ++i) {
      params.push_back(in[i]->type.oid);
      if (BinaryCoercible(types[i], in[i]->type.oid)) continue;
      exact = false;
      if (!CanCoerce(types[i], in[i]->type.oid, CoercionContext::kImplicit)) implicit = false;
    }
    if (!exact) {
      coercible |= implicit;
      continue;
    }
    // Polymorphic parameters must agree: anyelement's family on one type
    // (else no match), anycompatible's on one type (else a coercion).
    TypeOid elem = type::kInvalid, compat = type::kInvalid;
    bool elem_ok = true, compat_ok = true;
    for (size_t i = 0; i < in.size(); ++i) {
      const TypeOid d = params[i];
      if (!IsPolymorphicType(d) || IsPolymorphicType(types[i])) continue;
      const bool arr = d == type::kAnyArray || d == type::kAnyCompatibleArray;
      const TypeOid e = arr ? ElementTypeOf(types[i]) : types[i];
      const bool is_compat = d == type::kAnyCompatible || d == type::kAnyCompatibleArray ||
                             d == type::kAnyCompatibleNonArray;
      TypeOid& seen = is_compat ? compat : elem;
      if (seen != type::kInvalid && seen != e) (is_compat ? compat_ok : elem_ok) = false;
      seen = e;
    }
    if (!elem_ok) continue;
    if (!compat_ok) {
      coercible = true;
      continue;
    }
    out->fn.name = f->name;
    out->fn.user_oid = f->oid;
    out->fn.arg_types = params;
    out->result = ResolvedResult(f->return_type.oid, params, types);
    out->strict = f->strict;
    return Status::OK();
  }
  if (name.size() < 2 || name[name.size() - 2] == "pg_catalog") {
    ResolvedCall call;
    if (FunctionRegistry::Builtins().ResolveFunction(name.back(), types, &call).ok()) {
      bool exact = true;
      for (size_t i = 0; i < types.size() && i < call.arg_types.size(); ++i) {
        exact &= BinaryCoercible(types[i], call.arg_types[i].oid) ||
                 BinaryCoercible(
                     types[i],
                     call.overload->arg_types[std::min(i, call.overload->arg_types.size() - 1)]);
      }
      if (exact) {
        out->fn.name = name.back();
        out->fn.user_oid = 0;
        out->fn.arg_types = types;
        out->result = call.result_type.oid;
        out->strict = call.overload->strict;
        return Status::OK();
      }
      coercible = true;
    }
  }
  if (coercible) {
    // PostgreSQL names the function by the types it would be called with.
    return Error(sqlstate::kDatatypeMismatch,
                 "function " + signature + " requires run-time type coercion");
  }
  return Error(sqlstate::kUndefinedFunction, "function " + signature + " does not exist");
}

// The qualified function name an option gives (`sfunc = f`, `sfunc =
// s.f`, `sfunc = f(int8, int4)`: the argument list is ignored, as in
// PostgreSQL's defGetQualifiedName).
std::vector<std::string> FuncName(const ast::DefElem& d) {
  if (d.type_name) return d.type_name->names;
  if (d.arg_kind == ast::DefElem::ArgKind::kList) return d.list;
  return {d.str};
}

bool BoolOption(const ast::DefElem& d) {
  if (d.arg_kind == ast::DefElem::ArgKind::kNone) return true;
  if (d.arg_kind == ast::DefElem::ArgKind::kBool) return d.bval;
  std::string v = d.str;
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "true" || v == "on" || v == "1" || v == "yes";
}

Status ModifyOption(const ast::DefElem& d, char* out) {
  std::string v = d.str;
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v == "read_only") {
    *out = 'r';
  } else if (v == "shareable") {
    *out = 's';
  } else if (v == "read_write") {
    *out = 'w';
  } else {
    return Error(sqlstate::kSyntaxError,
                 "parameter \"" + d.name + "\" must be READ_ONLY, SHAREABLE, or READ_WRITE");
  }
  return Status::OK();
}

// The options of CREATE AGGREGATE as DefineAggregate collects them.
struct Options {
  std::vector<std::string> sfunc, finalfunc, combinefunc, serialfunc, deserialfunc;
  std::vector<std::string> msfunc, minvfunc, mfinalfunc;
  const ast::TypeName* stype = nullptr;
  const ast::TypeName* mstype = nullptr;
  const ast::DefElem* basetype = nullptr;
  bool final_extra = false, mfinal_extra = false;
  const ast::DefElem* final_modify = nullptr;
  const ast::DefElem* mfinal_modify = nullptr;
  const ast::DefElem* init = nullptr;
  const ast::DefElem* minit = nullptr;
  const ast::DefElem* parallel = nullptr;
  int32_t sspace = 0, msspace = 0;
  bool hypothetical = false;
};

Status CollectOptions(const ast::CreateAggregateStmt& stmt, DdlContext& ctx, Options* o) {
  for (const ast::DefElem& d : stmt.options) {
    const std::string& n = d.name;  // quoted mixed-case names do not match, as in PostgreSQL
    if (n == "sfunc" || n == "sfunc1") {
      o->sfunc = FuncName(d);
    } else if (n == "finalfunc") {
      o->finalfunc = FuncName(d);
    } else if (n == "combinefunc") {
      o->combinefunc = FuncName(d);
    } else if (n == "serialfunc") {
      o->serialfunc = FuncName(d);
    } else if (n == "deserialfunc") {
      o->deserialfunc = FuncName(d);
    } else if (n == "msfunc") {
      o->msfunc = FuncName(d);
    } else if (n == "minvfunc") {
      o->minvfunc = FuncName(d);
    } else if (n == "mfinalfunc") {
      o->mfinalfunc = FuncName(d);
    } else if (n == "finalfunc_extra") {
      o->final_extra = BoolOption(d);
    } else if (n == "mfinalfunc_extra") {
      o->mfinal_extra = BoolOption(d);
    } else if (n == "finalfunc_modify") {
      o->final_modify = &d;
    } else if (n == "mfinalfunc_modify") {
      o->mfinal_modify = &d;
    } else if (n == "sortop") {
      // Accepted; this engine does not use it to plan min/max.
    } else if (n == "basetype") {
      o->basetype = &d;
    } else if (n == "hypothetical") {
      o->hypothetical = BoolOption(d);
    } else if (n == "stype" || n == "stype1") {
      o->stype = d.type_name.get();
    } else if (n == "sspace") {
      o->sspace = static_cast<int32_t>(d.ival);
    } else if (n == "mstype") {
      o->mstype = d.type_name.get();
    } else if (n == "msspace") {
      o->msspace = static_cast<int32_t>(d.ival);
    } else if (n == "initcond" || n == "initcond1") {
      o->init = &d;
    } else if (n == "minitcond") {
      o->minit = &d;
    } else if (n == "parallel") {
      o->parallel = &d;
    } else if (ctx.notice) {
      ErrorInfo info;
      info.severity = "WARNING";
      info.sqlstate = sqlstate::kSyntaxError;
      info.message = "aggregate attribute \"" + n + "\" not recognized";
      ctx.notice(info);
    }
  }
  return Status::OK();
}

// A type option (STYPE = t) resolved; string forms ('int4') too.
Status OptionType(Binder& binder, const ast::DefElem* d, const ast::TypeName* t, TypeRef* out) {
  if (t != nullptr) return binder.ResolveTypeName(*t, out);
  ast::TypeName name;
  name.names = {d->str};
  return binder.ResolveTypeName(name, out);
}

// Checks an INITCOND against the transition type (22P02 and friends),
// evaluating '<text>'::type as CREATE AGGREGATE's input function call does.
Status CheckInitValue(const std::string& text, TypeRef type, DdlContext& ctx) {
  if (IsPolymorphicType(type.oid) || type.oid == type::kInternal) return Status::OK();
  Binder binder(Borrow(ctx.catalog), &FormatOf(ctx), {});
  ast::ExprPtr parsed;
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  quoted += "'";
  NANO_RETURN_IF_ERROR(ParseExpression(quoted, &parsed));
  BoundExprPtr bound;
  NANO_RETURN_IF_ERROR(binder.BindStandaloneExpr(*parsed, type, &bound));
  if (ctx.exec == nullptr) return Status::OK();
  ExecState st;
  st.ctx = ctx.exec;
  Value v;
  Status s = EvalExpr(*bound, {}, st, &v);
  if (!s.ok()) s.mutable_error().position = 0;
  return s;
}

const char* KindName(char kind) {
  return kind == 'o'   ? "ordered-set aggregate"
         : kind == 'h' ? "hypothetical-set aggregate"
                       : "ordinary aggregate function";
}

}  // namespace

Status CreateAggregate(const ast::CreateAggregateStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  Binder binder(Borrow(&catalog), &FormatOf(ctx), {});
  Options o;
  NANO_RETURN_IF_ERROR(CollectOptions(stmt, ctx, &o));
  FunctionDef fn;
  fn.kind = 'a';
  fn.language = "internal";
  fn.volatility = 'i';
  NANO_RETURN_IF_ERROR(SchemaOf(catalog, stmt.name, &fn.schema_oid));
  fn.name = stmt.name.back();
  AggregateDef& agg = fn.aggregate;
  agg.kind = o.hypothetical ? 'h' : stmt.num_direct_args >= 0 ? 'o' : 'n';
  agg.num_direct_args = static_cast<int16_t>(stmt.num_direct_args >= 0 ? stmt.num_direct_args : 0);
  if (o.stype == nullptr) {
    return Error(sqlstate::kInvalidFunctionDefinition, "aggregate stype must be specified");
  }
  if (o.sfunc.empty()) {
    return Error(sqlstate::kInvalidFunctionDefinition, "aggregate sfunc must be specified");
  }
  if (o.mstype != nullptr || !o.msfunc.empty() || !o.minvfunc.empty()) {
    if (o.mstype == nullptr) {
      return Error(sqlstate::kInvalidFunctionDefinition,
                   "aggregate mstype must be specified when msfunc is specified");
    }
    if (o.msfunc.empty()) {
      return Error(sqlstate::kInvalidFunctionDefinition,
                   "aggregate msfunc must be specified when mstype is specified");
    }
    if (o.minvfunc.empty()) {
      return Error(sqlstate::kInvalidFunctionDefinition,
                   "aggregate minvfunc must be specified when mstype is specified");
    }
  }
  if (o.final_modify) NANO_RETURN_IF_ERROR(ModifyOption(*o.final_modify, &agg.final_modify));
  if (o.mfinal_modify) NANO_RETURN_IF_ERROR(ModifyOption(*o.mfinal_modify, &agg.mfinal_modify));
  // The argument types: old style takes BASETYPE ("ANY" = no argument).
  std::vector<TypeOid> arg_types;
  if (stmt.old_style) {
    if (o.basetype == nullptr) {
      return Error(sqlstate::kInvalidFunctionDefinition, "aggregate input type must be specified");
    }
    std::string base = o.basetype->str;
    for (char& c : base) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (base != "any") {
      TypeRef t;
      NANO_RETURN_IF_ERROR(OptionType(binder, o.basetype, o.basetype->type_name.get(), &t));
      FunctionArg a;
      a.type = t;
      fn.args.push_back(a);
    }
  } else {
    if (o.basetype != nullptr) {
      return Error(sqlstate::kInvalidFunctionDefinition,
                   "basetype is redundant with aggregate input type specification");
    }
    for (const ast::FunctionParam& p : stmt.params) {
      FunctionArg a;
      a.name = p.name;
      a.mode = p.mode;
      NANO_RETURN_IF_ERROR(binder.ResolveTypeName(p.type, &a.type));
      if (a.mode == 'v' && !IsArrayType(a.type.oid) && a.type.oid != type::kAny &&
          a.type.oid != type::kAnyArray && a.type.oid != type::kAnyCompatibleArray) {
        return Error(sqlstate::kInvalidFunctionDefinition, "VARIADIC parameter must be an array");
      }
      fn.args.push_back(std::move(a));
    }
  }
  for (const FunctionArg& a : fn.args) arg_types.push_back(a.type.oid);
  if (o.parallel != nullptr) {
    std::string v = o.parallel->str;
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v != "safe" && v != "restricted" && v != "unsafe") {
      return Error(sqlstate::kSyntaxError,
                   "parameter \"parallel\" must be SAFE, RESTRICTED, or UNSAFE");
    }
    fn.parallel = v[0];
  }
  NANO_RETURN_IF_ERROR(binder.ResolveTypeName(*o.stype, &agg.trans_type));
  const TypeOid stype = agg.trans_type.oid;
  const TypeInfo* sinfo = LookupType(stype);
  if (sinfo != nullptr && sinfo->category == 'P' && !IsPolymorphicType(stype) &&
      stype != type::kInternal) {
    return Error(sqlstate::kInvalidFunctionDefinition,
                 "aggregate transition data type cannot be " + FormatType(agg.trans_type));
  }
  if ((!o.serialfunc.empty() || !o.deserialfunc.empty()) && stype != type::kInternal) {
    return Error(sqlstate::kInvalidFunctionDefinition,
                 "serialization functions may be specified only when the aggregate transition "
                 "data type is internal");
  }
  if (o.serialfunc.empty() != o.deserialfunc.empty()) {
    return Error(sqlstate::kInvalidFunctionDefinition,
                 "must specify both or neither of serialization and deserialization functions");
  }
  if (o.mstype != nullptr) {
    NANO_RETURN_IF_ERROR(binder.ResolveTypeName(*o.mstype, &agg.mtrans_type));
  }
  if (agg.mtrans_type.oid == type::kInternal) {
    return Error(sqlstate::kFeatureNotSupported,
                 "moving-aggregate transition type internal is not supported");
  }
  agg.trans_space = o.sspace;
  agg.mtrans_space = o.msspace;
  if (o.init != nullptr) {
    agg.has_init = true;
    agg.init_value = o.init->str;
    NANO_RETURN_IF_ERROR(CheckInitValue(agg.init_value, agg.trans_type, ctx));
  }
  if (o.minit != nullptr) {
    agg.has_minit = true;
    agg.minit_value = o.minit->str;
    NANO_RETURN_IF_ERROR(CheckInitValue(agg.minit_value, agg.mtrans_type, ctx));
  }
  // The aggregated (not direct) arguments feed the transition function.
  std::vector<TypeOid> trans_args{stype};
  // Ordered-set: the aggregated arguments (all of them when the direct ones
  // end in the VARIADIC that ORDER BY repeats).
  size_t direct = agg.kind == 'n' ? 0 : agg.num_direct_args;
  if (direct >= arg_types.size()) direct = 0;
  for (size_t i = direct; i < arg_types.size(); ++i) trans_args.push_back(arg_types[i]);
  Support sfunc;
  NANO_RETURN_IF_ERROR(LookupSupport(catalog, o.sfunc, trans_args, &sfunc));
  if (sfunc.result != stype) {
    return Error(sqlstate::kDatatypeMismatch, "return type of transition function " +
                                                  o.sfunc.back() + " is not " +
                                                  FormatType(agg.trans_type));
  }
  agg.transfn = sfunc.fn;
  if (sfunc.strict && !agg.has_init &&
      (arg_types.empty() ||
       !BinaryCoercible(arg_types[direct < arg_types.size() ? direct : 0], stype))) {
    return Error(sqlstate::kInvalidFunctionDefinition,
                 "must not omit initial value when transition function is strict and transition "
                 "type is not compatible with input type");
  }
  TypeOid result = stype;
  if (!o.finalfunc.empty()) {
    std::vector<TypeOid> final_args{stype};
    if (o.final_extra) {
      for (TypeOid t : arg_types) final_args.push_back(t);
    }
    Support ffunc;
    NANO_RETURN_IF_ERROR(LookupSupport(catalog, o.finalfunc, final_args, &ffunc));
    agg.finalfn = ffunc.fn;
    agg.final_extra = o.final_extra;
    result = ffunc.result;
  }
  if (!o.combinefunc.empty()) {
    Support cfunc;
    NANO_RETURN_IF_ERROR(LookupSupport(catalog, o.combinefunc, {stype, stype}, &cfunc));
    if (cfunc.result != stype) {
      return Error(sqlstate::kDatatypeMismatch, "return type of combine function " +
                                                    o.combinefunc.back() + " is not " +
                                                    FormatType(agg.trans_type));
    }
    agg.combinefn = cfunc.fn;
  }
  if (!o.serialfunc.empty()) {
    Support ser, deser;
    NANO_RETURN_IF_ERROR(LookupSupport(catalog, o.serialfunc, {type::kInternal}, &ser));
    if (ser.result != type::kBytea) {
      return Error(sqlstate::kDatatypeMismatch, "return type of serialization function " +
                                                    o.serialfunc.back() + " is not bytea");
    }
    NANO_RETURN_IF_ERROR(
        LookupSupport(catalog, o.deserialfunc, {type::kBytea, type::kInternal}, &deser));
    if (deser.result != type::kInternal) {
      return Error(sqlstate::kDatatypeMismatch, "return type of deserialization function " +
                                                    o.deserialfunc.back() + " is not internal");
    }
    agg.serialfn = ser.fn;
    agg.deserialfn = deser.fn;
  }
  if (o.mstype != nullptr) {
    const TypeOid mstype = agg.mtrans_type.oid;
    std::vector<TypeOid> margs{mstype};
    for (size_t i = direct; i < arg_types.size(); ++i) margs.push_back(arg_types[i]);
    Support msfunc, minvfunc;
    NANO_RETURN_IF_ERROR(LookupSupport(catalog, o.msfunc, margs, &msfunc));
    if (msfunc.result != mstype) {
      return Error(sqlstate::kDatatypeMismatch, "return type of transition function " +
                                                    o.msfunc.back() + " is not " +
                                                    FormatType(agg.mtrans_type));
    }
    NANO_RETURN_IF_ERROR(LookupSupport(catalog, o.minvfunc, margs, &minvfunc));
    if (minvfunc.result != mstype) {
      return Error(sqlstate::kDatatypeMismatch, "return type of inverse transition function " +
                                                    o.minvfunc.back() + " is not " +
                                                    FormatType(agg.mtrans_type));
    }
    if (msfunc.strict != minvfunc.strict) {
      return Error(sqlstate::kInvalidFunctionDefinition,
                   "strictness of aggregate's forward and inverse transition functions must "
                   "match");
    }
    agg.mtransfn = msfunc.fn;
    agg.minvtransfn = minvfunc.fn;
    TypeOid mresult = mstype;
    if (!o.mfinalfunc.empty()) {
      std::vector<TypeOid> fargs{mstype};
      if (o.mfinal_extra) {
        for (TypeOid t : arg_types) fargs.push_back(t);
      }
      Support mffunc;
      NANO_RETURN_IF_ERROR(LookupSupport(catalog, o.mfinalfunc, fargs, &mffunc));
      agg.mfinalfn = mffunc.fn;
      agg.mfinal_extra = o.mfinal_extra;
      mresult = mffunc.result;
    }
    if (mresult != result) {
      return Error(
          sqlstate::kInvalidFunctionDefinition,
          "moving-aggregate implementation returns type " + FormatType(TypeRef{mresult, -1}) +
              ", but plain implementation returns type " + FormatType(TypeRef{result, -1}));
    }
  }
  if (IsPolymorphicType(result)) {
    bool poly_arg = false;
    for (TypeOid t : arg_types) poly_arg |= IsPolymorphicType(t);
    if (!poly_arg) {
      return Error(sqlstate::kInvalidFunctionDefinition, "cannot determine result data type")
          .WithDetail(
              "An aggregate returning a polymorphic type must have at least one polymorphic "
              "argument.");
    }
  }
  if (stype == type::kInternal &&
      BuiltinAggregateOver(o.sfunc.back(), o.finalfunc.empty() ? "" : o.finalfunc.back()).empty()) {
    // Only pairs of a built-in aggregate's support functions (which then
    // run as that aggregate) are supported over internal.
    return Error(sqlstate::kFeatureNotSupported,
                 "aggregates with transition type internal are supported only over the support "
                 "functions of a built-in aggregate");
  }
  fn.return_type = TypeRef{result, -1};
  // OR REPLACE: the same kind of routine, the same result type.
  const FunctionDef* existing = nullptr;
  for (const FunctionDef* other : catalog.FindFunctions(fn.schema_oid, fn.name)) {
    std::vector<const FunctionArg*> in = other->InputArgs();
    bool same = in.size() == arg_types.size();
    for (size_t i = 0; same && i < in.size(); ++i) same = in[i]->type.oid == arg_types[i];
    if (same) existing = other;
  }
  if (existing != nullptr) {
    if (!stmt.replace) {
      return Error(sqlstate::kDuplicateFunction,
                   "function \"" + fn.name + "\" already exists with same argument types");
    }
    if (!existing->is_aggregate()) {
      return Error(sqlstate::kWrongObjectType, "cannot change routine kind")
          .WithDetail("\"" + fn.name + "\" is a function.");
    }
    if (existing->return_type.oid != fn.return_type.oid) {
      return Error(sqlstate::kInvalidFunctionDefinition,
                   "cannot change return type of existing function")
          .WithHint("Use DROP AGGREGATE " + existing->Signature() + " first.");
    }
    if (existing->aggregate.kind != agg.kind) {
      return Error(sqlstate::kWrongObjectType, "cannot change routine kind")
          .WithDetail("\"" + fn.name + "\" is an " + KindName(existing->aggregate.kind) + ".");
    }
    fn.oid = existing->oid;
  } else {
    fn.oid = catalog.AllocateOid();
  }
  fn.source = "aggregate_dummy";
  catalog.PutFunction(std::move(fn));
  return Status::OK();
}

namespace {

// The aggregate an (name, argument types) names, for DROP / ALTER; sets
// *not_aggregate when a plain function has that signature.
Status FindAggregate(const Catalog& catalog, Binder& binder, const std::vector<std::string>& name,
                     const std::vector<ast::TypeName>& args, bool star, const FunctionDef** out,
                     std::string* signature) {
  *out = nullptr;
  Oid schema = kPublicNamespaceOid;
  NANO_RETURN_IF_ERROR(SchemaOf(catalog, name, &schema));
  std::vector<TypeOid> types;
  std::string list;
  for (const ast::TypeName& t : args) {
    TypeRef ref;
    NANO_RETURN_IF_ERROR(binder.ResolveTypeName(t, &ref));
    types.push_back(ref.oid);
    list += (list.empty() ? "" : ", ") + FormatType(ref);
  }
  *signature = name.back() + "(" + (star && types.empty() ? "*" : list) + ")";
  for (const FunctionDef* f : catalog.FindFunctions(schema, name.back())) {
    std::vector<const FunctionArg*> in = f->InputArgs();
    bool same = in.size() == types.size();
    for (size_t k = 0; same && k < in.size(); ++k) same = in[k]->type.oid == types[k];
    if (!same) continue;
    if (!f->is_aggregate()) {
      return Error(sqlstate::kWrongObjectType,
                   "function " + name.back() + "(" + list + ") is not an aggregate");
    }
    *out = f;
    return Status::OK();
  }
  return Status::OK();
}

}  // namespace

Status DropAggregates(const ast::DropStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  Binder binder(Borrow(&catalog), &FormatOf(ctx), {});
  std::vector<Oid> drop;
  for (size_t i = 0; i < stmt.objects.size(); ++i) {
    const std::vector<std::string>& name = stmt.objects[i];
    if (name.empty()) continue;
    const FunctionDef* found = nullptr;
    std::string signature;
    static const std::vector<ast::TypeName> no_args;
    const std::vector<ast::TypeName>& args =
        i < stmt.object_args.size() ? stmt.object_args[i] : no_args;
    NANO_RETURN_IF_ERROR(FindAggregate(catalog, binder, name, args, true, &found, &signature));
    if (found == nullptr) {
      if (!stmt.missing_ok) {
        return Error(sqlstate::kUndefinedFunction, "aggregate " + signature + " does not exist");
      }
      if (ctx.notice) {
        // PostgreSQL's does_not_exist_skipping spells the types as written.
        std::string written;
        for (const ast::TypeName& t : args) {
          written += (written.empty() ? "" : ",") + (t.names.empty() ? "" : t.names.back());
        }
        ErrorInfo info;
        info.severity = "NOTICE";
        info.sqlstate = "00000";
        info.message = "aggregate " + name.back() + "(" + (args.empty() ? "*" : written) +
                       ") does not exist, skipping";
        ctx.notice(info);
      }
      continue;
    }
    drop.push_back(found->oid);
  }
  for (Oid oid : drop) catalog.RemoveFunction(oid);
  return Status::OK();
}

Status CommentOnRoutine(const ast::CommentStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  Binder binder(Borrow(&catalog), &FormatOf(ctx), {});
  const FunctionDef* found = nullptr;
  std::string signature;
  if (stmt.object_type == ast::ObjectType::kAggregate) {
    NANO_RETURN_IF_ERROR(
        FindAggregate(catalog, binder, stmt.object, stmt.object_args, true, &found, &signature));
    if (found == nullptr) {
      return Error(sqlstate::kUndefinedFunction, "aggregate " + signature + " does not exist");
    }
  } else {
    Oid schema = kPublicNamespaceOid;
    NANO_RETURN_IF_ERROR(SchemaOf(catalog, stmt.object, &schema));
    std::vector<TypeOid> types;
    std::string list;
    for (const ast::TypeName& t : stmt.object_args) {
      TypeRef ref;
      NANO_RETURN_IF_ERROR(binder.ResolveTypeName(t, &ref));
      types.push_back(ref.oid);
      list += (list.empty() ? "" : ", ") + FormatType(ref);
    }
    for (const FunctionDef* f : catalog.FindFunctions(schema, stmt.object.back())) {
      std::vector<const FunctionArg*> in = f->InputArgs();
      bool same = in.size() == types.size();
      for (size_t k = 0; same && k < in.size(); ++k) same = in[k]->type.oid == types[k];
      if (same) found = f;
    }
    if (found == nullptr) {
      return Error(sqlstate::kUndefinedFunction,
                   "function " + stmt.object.back() + "(" + list + ") does not exist");
    }
  }
  FunctionDef copy = *found;
  copy.comment = stmt.comment.value_or(std::string());
  catalog.PutFunction(std::move(copy));
  return Status::OK();
}

Status RenameAggregate(const ast::RenameStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  Binder binder(Borrow(&catalog), &FormatOf(ctx), {});
  const FunctionDef* found = nullptr;
  std::string signature;
  NANO_RETURN_IF_ERROR(
      FindAggregate(catalog, binder, stmt.object, stmt.object_args, true, &found, &signature));
  if (found == nullptr) {
    return Error(sqlstate::kUndefinedFunction, "aggregate " + signature + " does not exist");
  }
  for (const FunctionDef* other : catalog.FindFunctions(found->schema_oid, stmt.new_name)) {
    std::vector<const FunctionArg*> a = other->InputArgs(), b = found->InputArgs();
    bool same = a.size() == b.size();
    for (size_t k = 0; same && k < a.size(); ++k) same = a[k]->type.oid == b[k]->type.oid;
    if (same) {
      return Error(sqlstate::kDuplicateFunction,
                   "function " + stmt.new_name + signature.substr(signature.find('(')) +
                       " already exists in schema \"" +
                       catalog.SchemaByOid(found->schema_oid)->name + "\"");
    }
  }
  FunctionDef copy = *found;
  copy.name = stmt.new_name;
  catalog.PutFunction(std::move(copy));
  return Status::OK();
}

}  // namespace nano
