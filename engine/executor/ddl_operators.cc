// engine/executor/ddl_operators.cc — CREATE OPERATOR / DROP OPERATOR as
// PostgreSQL 15's DefineOperator / OperatorCreate / RemoveObjects check
// them: the function must exist for exactly the operand types (42883), a
// postfix operator is 42P13, an existing operator of the same name and
// operands 42723, an unknown attribute a WARNING.
#include "executor/ddl_operators.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "binder/binder.h"
#include "common/sqlstate.h"
#include "executor/ddl_util.h"
#include "function/registry.h"
#include "types/type_info.h"

namespace nano {

namespace {

using ddl_util::Borrow;
using ddl_util::Error;
using ddl_util::FormatOf;
using ddl_util::SchemaOf;

// PostgreSQL's operator name rules (scan.l's op_chars).
bool ValidOperatorName(const std::string& name) {
  if (name.empty() || name.size() >= 64) return false;
  for (char c : name) {
    if (std::string_view("~!@#^&|`?+-*/%<>=").find(c) == std::string_view::npos) return false;
  }
  return name.find("--") == std::string::npos && name.find("/*") == std::string::npos;
}

std::string OperandName(TypeRef t) { return t.oid == 0 ? "NONE" : FormatType(t); }

std::vector<std::string> NameOption(const ast::DefElem& d) {
  if (d.type_name) return d.type_name->names;
  if (d.arg_kind == ast::DefElem::ArgKind::kList) return d.list;
  return {d.str};
}

// PostgreSQL's LookupFuncName with exact argument types: a user function
// whose inputs are exactly `types`, else a built-in taking them exactly.
Status LookupProc(const Catalog& catalog, const std::vector<std::string>& name,
                  const std::vector<TypeOid>& types, AggSupportFn* out, TypeOid* result) {
  Oid schema = kPublicNamespaceOid;
  NANO_RETURN_IF_ERROR(SchemaOf(catalog, name, &schema));
  for (const FunctionDef* f : catalog.FindFunctions(schema, name.back())) {
    if (f->is_aggregate() || f->returns_set) continue;
    std::vector<const FunctionArg*> in = f->InputArgs();
    bool same = in.size() == types.size();
    for (size_t i = 0; same && i < in.size(); ++i) same = in[i]->type.oid == types[i];
    if (!same) continue;
    out->name = f->name;
    out->user_oid = f->oid;
    out->arg_types = types;
    *result = f->return_type.oid;
    return Status::OK();
  }
  if (name.size() < 2 || name[name.size() - 2] == "pg_catalog") {
    ResolvedCall call;
    if (FunctionRegistry::Builtins().ResolveFunction(name.back(), types, &call).ok()) {
      bool exact = call.arg_types.size() == types.size();
      for (size_t i = 0; exact && i < types.size(); ++i) {
        exact = call.arg_types[i].oid == types[i];
      }
      if (exact) {
        out->name = name.back();
        out->user_oid = 0;
        out->arg_types = types;
        *result = call.result_type.oid;
        return Status::OK();
      }
    }
  }
  std::string list;
  for (size_t i = 0; i < types.size(); ++i) list += (i ? ", " : "") + FormatType({types[i], -1});
  return Error(sqlstate::kUndefinedFunction,
               "function " + name.back() + "(" + list + ") does not exist");
}

}  // namespace

Status CreateOperator(const ast::CreateOperatorStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  Binder binder(Borrow(&catalog), &FormatOf(ctx), {});
  OperatorDef op;
  op.left = op.right = TypeRef{type::kInvalid, -1};  // NONE until given
  NANO_RETURN_IF_ERROR(SchemaOf(catalog, stmt.name, &op.schema_oid));
  op.name = stmt.name.back();
  if (!ValidOperatorName(op.name)) {
    return Error(sqlstate::kInvalidName, "invalid operator name \"" + op.name + "\"");
  }
  std::vector<std::string> function;
  const ast::TypeName* left = nullptr;
  const ast::TypeName* right = nullptr;
  for (const ast::DefElem& d : stmt.options) {
    const std::string& n = d.name;
    if (n == "leftarg") {
      left = d.type_name.get();
    } else if (n == "rightarg") {
      right = d.type_name.get();
    } else if (n == "function" || n == "procedure") {
      function = NameOption(d);
    } else if (n == "commutator") {
      op.commutator = NameOption(d).back();
    } else if (n == "negator") {
      op.negator = NameOption(d).back();
    } else if (n == "restrict") {
      op.restrict_fn = NameOption(d).back();
    } else if (n == "join") {
      op.join_fn = NameOption(d).back();
    } else if (n == "hashes") {
      op.hashes = d.arg_kind != ast::DefElem::ArgKind::kBool || d.bval;
    } else if (n == "merges") {
      op.merges = d.arg_kind != ast::DefElem::ArgKind::kBool || d.bval;
    } else if (n == "sort1" || n == "sort2" || n == "ltcmp" || n == "gtcmp") {
      op.merges = true;  // obsolete spellings of MERGES
    } else if (ctx.notice) {
      ErrorInfo info;
      info.severity = "WARNING";
      info.sqlstate = sqlstate::kSyntaxError;
      info.message = "operator attribute \"" + n + "\" not recognized";
      ctx.notice(info);
    }
  }
  if (function.empty()) {
    return Error(sqlstate::kInvalidFunctionDefinition, "operator function must be specified");
  }
  for (const ast::TypeName* t : {left, right}) {
    if (t == nullptr) continue;
    NANO_RETURN_IF_ERROR(binder.ResolveTypeName(*t, t == left ? &op.left : &op.right));
    const TypeDef* user = binder.LookupUserType(*t);
    if (user != nullptr && user->kind == TypeKind::kDomain) {
      (t == left ? op.left_domain : op.right_domain) = user->oid;
    }
  }
  if (right == nullptr) {
    if (left != nullptr) {
      return Error(sqlstate::kInvalidFunctionDefinition,
                   "operator right argument type must be specified")
          .WithDetail("Postfix operators are not supported.");
    }
    return Error(sqlstate::kInvalidFunctionDefinition, "operator argument types must be specified");
  }
  std::vector<TypeOid> types;
  if (left != nullptr) types.push_back(op.left.oid);
  types.push_back(op.right.oid);
  TypeOid result = type::kInvalid;
  NANO_RETURN_IF_ERROR(LookupProc(catalog, function, types, &op.proc, &result));
  op.result = TypeRef{result, -1};
  if ((op.hashes || op.merges) && (left == nullptr || result != type::kBool)) {
    return Error(
        sqlstate::kInvalidFunctionDefinition,
        left == nullptr
            ? std::string("only binary operators can ") + (op.hashes ? "hash" : "merge join")
            : std::string("only boolean operators can ") + (op.hashes ? "hash" : "merge join"));
  }
  for (const OperatorDef* other : catalog.FindOperators(op.schema_oid, op.name)) {
    if (other->left.oid == op.left.oid && other->right.oid == op.right.oid) {
      return Error(sqlstate::kDuplicateFunction, "operator " + op.name + " already exists");
    }
  }
  op.oid = catalog.AllocateOid();
  catalog.PutOperator(std::move(op));
  return Status::OK();
}

Status DropOperators(const ast::DropStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  Binder binder(Borrow(&catalog), &FormatOf(ctx), {});
  std::vector<Oid> drop;
  for (size_t i = 0; i < stmt.objects.size(); ++i) {
    const std::vector<std::string>& name = stmt.objects[i];
    if (name.empty()) continue;
    Oid schema = kPublicNamespaceOid;
    NANO_RETURN_IF_ERROR(SchemaOf(catalog, name, &schema));
    std::vector<TypeRef> args;
    if (i < stmt.object_args.size()) {
      for (const ast::TypeName& t : stmt.object_args[i]) {
        TypeRef ref;
        NANO_RETURN_IF_ERROR(binder.ResolveTypeName(t, &ref));
        args.push_back(ref);
      }
    }
    // DROP OPERATOR op (NONE, t) lists only the right operand.
    TypeRef left = args.size() == 2 ? args[0] : TypeRef{0, -1};
    TypeRef right = args.empty() ? TypeRef{0, -1} : args.back();
    const OperatorDef* found = nullptr;
    for (const OperatorDef* o : catalog.FindOperators(schema, name.back())) {
      if (o->left.oid == left.oid && o->right.oid == right.oid) found = o;
    }
    if (found == nullptr) {
      const std::string what =
          left.oid == 0 ? name.back() + " " + OperandName(right)
                        : OperandName(left) + " " + name.back() + " " + OperandName(right);
      if (!stmt.missing_ok) {
        return Error(sqlstate::kUndefinedFunction, "operator does not exist: " + what);
      }
      if (ctx.notice) {
        ErrorInfo info;
        info.severity = "NOTICE";
        info.sqlstate = "00000";
        info.message = "operator " + name.back() + " does not exist, skipping";
        ctx.notice(info);
      }
      continue;
    }
    drop.push_back(found->oid);
  }
  for (Oid oid : drop) catalog.RemoveOperator(oid);
  return Status::OK();
}

}  // namespace nano
