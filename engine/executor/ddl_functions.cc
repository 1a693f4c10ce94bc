// engine/executor/ddl_functions.cc — CREATE FUNCTION / DROP FUNCTION.
#include "executor/ddl_functions.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "binder/binder.h"
#include "common/sqlstate.h"
#include "executor/ddl_triggers.h"
#include "executor/ddl_util.h"
#include "types/type_info.h"

namespace nano {

namespace {

using ddl_util::Borrow;
using ddl_util::ErrorAt;
using ddl_util::FormatOf;
using ddl_util::Notice;
using ddl_util::Pos;
using ddl_util::SchemaOf;

Status ResolveType(Binder& binder, const ast::TypeName& name, TypeRef* out) {
  if (name.pct_type) {
    return ErrorAt(sqlstate::kFeatureNotSupported, "%TYPE is not supported yet", name.location);
  }
  Status st = binder.ResolveTypeName(name, out);
  if (st.ok() || st.sqlstate() != sqlstate::kUndefinedObject || name.names.empty()) return st;
  // A table's row type: composite values are not supported yet.
  const TableDef* rel = nullptr;
  ast::RangeVar rv;
  rv.name = name.names.back();
  if (name.names.size() == 2) rv.schema = name.names[0];
  if (binder.LookupRelation(rv, &rel).ok() && rel != nullptr) {
    return ErrorAt(
        sqlstate::kFeatureNotSupported,
        "functions with composite type " + rv.name + " arguments or results are not supported yet",
        name.location);
  }
  return st;
}

bool SameInputs(const FunctionDef& a, const FunctionDef& b) {
  std::vector<const FunctionArg*> x = a.InputArgs(), y = b.InputArgs();
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i]->type.oid != y[i]->type.oid) return false;
  }
  return true;
}

// Arguments, result and options of the statement into *fn.
Status DescribeFunction(const ast::CreateFunctionStmt& stmt, DdlContext& ctx, FunctionDef* fn) {
  Binder binder(Borrow(ctx.catalog), &FormatOf(ctx), {});
  std::vector<FunctionArg> outs;
  for (const ast::FunctionParam& p : stmt.params) {
    FunctionArg arg;
    arg.name = p.name;
    arg.mode = p.mode;
    arg.default_expr = p.default_text;
    NANO_RETURN_IF_ERROR(ResolveType(binder, p.type, &arg.type));
    if (arg.mode == 'v' && !IsArrayType(arg.type.oid) && arg.type.oid != type::kAnyArray &&
        arg.type.oid != type::kAnyCompatibleArray && arg.type.oid != type::kAny) {
      return ErrorAt(sqlstate::kInvalidFunctionDefinition, "VARIADIC parameter must be an array");
    }
    if (arg.mode == 'o' || arg.mode == 'b' || arg.mode == 't') outs.push_back(arg);
    fn->args.push_back(std::move(arg));
  }
  bool seen_default = false;
  for (const FunctionArg* a : fn->InputArgs()) {
    if (!a->default_expr.empty()) {
      seen_default = true;
    } else if (seen_default) {
      return ErrorAt(sqlstate::kInvalidFunctionDefinition,
                     "input parameters after one with a default value must also have defaults");
    }
  }
  if (stmt.has_return_type) {
    NANO_RETURN_IF_ERROR(ResolveType(binder, stmt.return_type, &fn->return_type));
  }
  if (outs.size() == 1) {
    if (stmt.has_return_type && fn->return_type.oid != outs[0].type.oid) {
      return ErrorAt(sqlstate::kInvalidFunctionDefinition, "function result type must be " +
                                                               FormatType(outs[0].type) +
                                                               " because of OUT parameters");
    }
    fn->return_type = outs[0].type;
    if (outs[0].mode == 't') fn->result_columns = outs;
  } else if (outs.size() > 1) {
    fn->return_type = TypeRef{type::kRecord, -1};
    fn->result_columns = outs;
  } else if (!stmt.has_return_type) {
    return ErrorAt(sqlstate::kInvalidFunctionDefinition, "function result type must be specified");
  } else if (fn->return_type.oid == type::kRecord) {
    return ErrorAt(sqlstate::kFeatureNotSupported,
                   "functions returning record are not supported yet", stmt.location);
  } else if (fn->return_type.oid == type::kTrigger) {
    if (stmt.language == "sql") {
      return ErrorAt(sqlstate::kInvalidFunctionDefinition,
                     "SQL functions cannot return type trigger");
    }
    if (!fn->InputArgs().empty()) {
      return ErrorAt(sqlstate::kInvalidFunctionDefinition,
                     "trigger functions cannot have declared arguments")
          .WithHint(
              "The arguments of the trigger can be accessed through TG_NARGS and TG_ARGV "
              "instead.");
    }
  } else if (const TypeDef* ct = ctx.catalog->TypeByOid(fn->return_type.oid);
             ct != nullptr && ct->kind == TypeKind::kComposite) {
    // RETURNS composite: the body's columns are the attributes; a call in
    // an expression yields the record, in FROM its columns.
    for (const RecordField& f : ct->attributes) {
      FunctionArg col;
      col.name = f.name;
      col.mode = 'o';
      col.type = f.type;
      fn->result_columns.push_back(std::move(col));
    }
  }
  if (IsPolymorphicType(fn->return_type.oid)) {
    bool poly_arg = false;
    for (const FunctionArg* a : fn->InputArgs()) poly_arg |= IsPolymorphicType(a->type.oid);
    if (!poly_arg) {
      return ErrorAt(sqlstate::kInvalidFunctionDefinition, "cannot determine result data type")
          .WithDetail(
              "A result of type " + FormatType(fn->return_type) +
              " requires at least one input of type anyelement, anyarray, anynonarray, anyenum, "
              "anyrange, or anymultirange.");
    }
  }
  fn->returns_set = stmt.returns_set;
  fn->volatility = stmt.volatility;
  fn->strict = stmt.strict;
  fn->cost = stmt.cost > 0 ? stmt.cost : 100;
  fn->rows = fn->returns_set ? (stmt.rows > 0 ? stmt.rows : 1000) : 0;
  if (stmt.rows > 0 && !fn->returns_set) {
    return ErrorAt(sqlstate::kInvalidParameterValue,
                   "ROWS is not applicable when function does not return a set");
  }
  return Status::OK();
}

bool UsesFunction(const AggregateDef& a, Oid fn) {
  for (const AggSupportFn* f : {&a.transfn, &a.finalfn, &a.combinefn, &a.serialfn, &a.deserialfn,
                                &a.mtransfn, &a.minvtransfn, &a.mfinalfn}) {
    if (f->user_oid == fn) return true;
  }
  return false;
}

// The aggregates and operators built on `fn`: RESTRICT refuses (2BP01),
// CASCADE drops them with PostgreSQL's NOTICE.
Status DropDependents(const FunctionDef& fn, ast::DropBehavior behavior, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  std::vector<std::string> names;
  std::vector<Oid> aggs, ops;
  for (const auto& [oid, f] : catalog.functions()) {
    if (f.is_aggregate() && UsesFunction(f.aggregate, fn.oid)) {
      aggs.push_back(oid);
      names.push_back("function " + f.Signature());
    }
  }
  for (const auto& [oid, o] : catalog.operators()) {
    if (o.proc.user_oid != fn.oid) continue;
    ops.push_back(oid);
    names.push_back("operator " + o.name + "(" +
                    (o.left.oid ? RegTypeName(o.left.oid) : std::string("NONE")) + "," +
                    RegTypeName(o.right.oid) + ")");
  }
  if (names.empty()) return Status::OK();
  std::string detail;
  for (const std::string& n : names) {
    detail += (detail.empty() ? "" : "\n") + n + " depends on function " + fn.Signature();
  }
  if (behavior != ast::DropBehavior::kCascade) {
    return ErrorAt(sqlstate::kDependentObjectsStillExist,
                   "cannot drop function " + fn.Signature() + " because other objects depend on it")
        .WithDetail(detail)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  // One NOTICE per object: the DROP statement groups them (GroupCascadeNotices).
  for (const std::string& n : names) Notice(ctx, "drop cascades to " + n);
  for (Oid oid : aggs) catalog.RemoveFunction(oid);
  for (Oid oid : ops) catalog.RemoveOperator(oid);
  return Status::OK();
}

}  // namespace

Status CreateFunction(const ast::CreateFunctionStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  FunctionDef fn;
  NANO_RETURN_IF_ERROR(SchemaOf(catalog, stmt.name, &fn.schema_oid));
  fn.name = stmt.name.back();
  if (stmt.language.empty()) {
    return ErrorAt(sqlstate::kInvalidFunctionDefinition, "no language specified");
  }
  if (stmt.language != "sql" && stmt.language != "plpgsql") {
    if (stmt.language == "c" || stmt.language == "internal") {
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "functions in language \"" + stmt.language + "\" are not supported");
    }
    return ErrorAt(sqlstate::kUndefinedObject, "language \"" + stmt.language + "\" does not exist");
  }
  if (stmt.atomic_body && stmt.language != "sql") {
    return ErrorAt(sqlstate::kInvalidFunctionDefinition,
                   "inline SQL function body only valid for language SQL");
  }
  if (stmt.body.empty() && !stmt.atomic_body) {
    return ErrorAt(sqlstate::kInvalidFunctionDefinition, "no function body specified");
  }
  fn.language = stmt.language;
  fn.body = stmt.body;
  fn.source = stmt.source_text;
  NANO_RETURN_IF_ERROR(DescribeFunction(stmt, ctx, &fn));
  const FunctionDef* existing = nullptr;
  for (const FunctionDef* other : catalog.FindFunctions(fn.schema_oid, fn.name)) {
    if (SameInputs(*other, fn)) existing = other;
  }
  if (existing != nullptr) {
    if (!stmt.replace) {
      return ErrorAt(sqlstate::kDuplicateFunction,
                     "function \"" + fn.name + "\" already exists with same argument types");
    }
    if (existing->return_type.oid != fn.return_type.oid ||
        existing->returns_set != fn.returns_set) {
      return ErrorAt(sqlstate::kInvalidFunctionDefinition,
                     "cannot change return type of existing function")
          .WithHint("Use DROP FUNCTION " + existing->Signature() + " first.");
    }
    fn.oid = existing->oid;
  } else {
    fn.oid = catalog.AllocateOid();
  }
  // The body may call the function itself (recursion): validate it with
  // the function in place; a failed DDL statement restores the catalog.
  const Oid oid = fn.oid;
  catalog.PutFunction(std::move(fn));
  return ValidateFunctionBody(*catalog.FunctionByOid(oid), Borrow(&catalog), FormatOf(ctx));
}

Status DropFunctions(const ast::DropStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  Binder binder(Borrow(&catalog), &FormatOf(ctx), {});
  std::vector<Oid> drop;
  for (size_t i = 0; i < stmt.objects.size(); ++i) {
    const std::vector<std::string>& name = stmt.objects[i];
    if (name.empty()) continue;
    Oid schema = kPublicNamespaceOid;
    Status st = SchemaOf(catalog, name, &schema);
    const bool given = i < stmt.args_given.size() && stmt.args_given[i];
    std::vector<TypeRef> types;
    std::string list;
    if (given) {
      for (const ast::TypeName& t : stmt.object_args[i]) {
        TypeRef ref;
        NANO_RETURN_IF_ERROR(ResolveType(binder, t, &ref));
        types.push_back(ref);
        list += (list.empty() ? "" : ", ") + RegTypeName(ref.oid);
      }
    }
    std::vector<const FunctionDef*> found;
    if (st.ok()) {
      for (const FunctionDef* f : catalog.FindFunctions(schema, name.back())) {
        if (!given) {
          found.push_back(f);
          continue;
        }
        std::vector<const FunctionArg*> in = f->InputArgs();
        bool same = in.size() == types.size();
        for (size_t k = 0; same && k < in.size(); ++k) same = in[k]->type.oid == types[k].oid;
        if (same) found.push_back(f);
      }
    }
    if (found.size() > 1) {
      return ErrorAt(sqlstate::kAmbiguousFunction,
                     "function name \"" + name.back() + "\" is not unique")
          .WithHint("Specify the argument list to select the function unambiguously.");
    }
    if (found.empty()) {
      std::string what = given ? "function " + name.back() + "(" + list + ") does not exist"
                               : "function " + name.back() + "() does not exist";
      if (!stmt.missing_ok) {
        if (!given) {
          return ErrorAt(sqlstate::kUndefinedFunction,
                         "could not find a function named \"" + name.back() + "\"");
        }
        return ErrorAt(sqlstate::kUndefinedFunction, what);
      }
      if (ctx.notice) {
        ErrorInfo info;
        info.severity = "NOTICE";
        info.sqlstate = "00000";
        info.message = what + ", skipping";
        ctx.notice(info);
      }
      continue;
    }
    if (!found[0]->is_aggregate()) {
      NANO_RETURN_IF_ERROR(DropDependents(*found[0], stmt.behavior, ctx));
    }
    if (found[0]->is_aggregate()) {
      return ErrorAt(sqlstate::kWrongObjectType, "\"" + name.back() + "\" is an aggregate function")
          .WithHint("Use DROP AGGREGATE to drop aggregate functions.");
    }
    drop.push_back(found[0]->oid);
  }
  for (Oid oid : drop) {
    // Triggers calling the function depend on it (2BP01 unless CASCADE).
    std::vector<std::string> users = TriggersUsingFunction(catalog, oid);
    if (!users.empty()) {
      const FunctionDef* f = catalog.FunctionByOid(oid);
      if (stmt.behavior != ast::DropBehavior::kCascade) {
        std::string detail;
        for (const std::string& u : users) {
          detail += (detail.empty() ? "" : "\n") + u + " depends on function " + f->Signature();
        }
        return ErrorAt(
                   sqlstate::kDependentObjectsStillExist,
                   "cannot drop function " + f->Signature() + " because other objects depend on it")
            .WithDetail(detail)
            .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      for (const std::string& u : users) Notice(ctx, "drop cascades to " + u);
      DropTriggersUsingFunction(&catalog, oid);
    }
    catalog.RemoveFunction(oid);
  }
  return Status::OK();
}

}  // namespace nano
