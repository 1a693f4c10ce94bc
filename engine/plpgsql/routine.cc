// engine/plpgsql/routine.cc — the RoutineRunner, and LANGUAGE sql bodies.
#include "plpgsql/routine.h"

#include <utility>

#include "binder/binder.h"
#include "common/sqlstate.h"
#include "executor/ddl_functions.h"
#include "executor/operators.h"
#include "executor/triggers.h"
#include "parser/parser.h"
#include "planner/planner.h"
#include "types/cast.h"
#include "types/record.h"
#include "types/type_info.h"

namespace nano {

namespace routine_internal {

Status BindBodyStatement(const ast::Statement& stmt, const ExecContext& caller,
                         const std::vector<std::string>& param_names,
                         const std::vector<TypeRef>& param_types, const std::string& qualifier,
                         std::shared_ptr<BoundStatement>* out, const TriggerInvocation* trigger) {
  static const FormatContext kDefault;
  const FormatContext* format =
      caller.eval != nullptr && caller.eval->format != nullptr ? caller.eval->format : &kDefault;
  std::vector<TypeOid> hints;
  for (const TypeRef& t : param_types) hints.push_back(t.oid);
  Binder binder(caller.catalog, format, hints);
  binder.SetParamNames(param_names, qualifier);
  if (trigger != nullptr && trigger->trigger != nullptr) {
    std::vector<ColumnDesc> columns;
    for (size_t i = 0; i < trigger->column_names.size(); ++i) {
      columns.push_back(ColumnDesc{trigger->column_names[i], trigger->column_types[i], 0, 0});
    }
    if (!trigger->trigger->old_table.empty()) {
      binder.AddTransitionRelation(trigger->trigger->old_table, columns, kOldTableCteId);
    }
    if (!trigger->trigger->new_table.empty()) {
      binder.AddTransitionRelation(trigger->trigger->new_table, columns, kNewTableCteId);
    }
  }
  if (caller.role != nullptr) binder.SetSecurity(caller.role, caller.row_security);
  auto bound = std::make_shared<BoundStatement>();
  NANO_RETURN_IF_ERROR(binder.BindStatement(stmt, bound.get()));
  // Function bodies run with the caller's rights (SECURITY INVOKER).
  if (caller.role != nullptr) NANO_RETURN_IF_ERROR(CheckAccesses(*bound, *caller.role));
  if (bound->kind == BoundKind::kUtility || bound->plan == nullptr) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "this statement is not supported in a function body yet");
  }
  NANO_RETURN_IF_ERROR(OptimizePlan(const_cast<PlanNode*>(bound->plan.get()), *caller.catalog));
  bound->catalog = caller.catalog;
  *out = std::move(bound);
  return Status::OK();
}

void SetTransitionRows(const TriggerInvocation* trigger, ExecContext* child) {
  if (trigger == nullptr) return;
  if (trigger->old_table) child->cte_rows[kOldTableCteId] = trigger->old_table;
  if (trigger->new_table) child->cte_rows[kNewTableCteId] = trigger->new_table;
}

void InitChildContext(const ExecContext& caller, const std::vector<Value>* params,
                      ExecContext* child) {
  child->txn = caller.txn;
  child->chain = caller.chain;
  child->catalog = caller.catalog;
  child->params = params;
  child->eval = caller.eval;
  child->sequences = caller.sequences;
  child->rowids = caller.rowids;
  child->cancel = caller.cancel;
  child->system = caller.system;
  child->routines = caller.routines;
  child->notice = caller.notice;
  child->routine_depth = caller.routine_depth;
  child->role = caller.role;
  child->row_security = caller.row_security;
}

Status RunBound(const BoundStatement& bound, ExecContext* ctx, size_t max_rows,
                std::vector<std::vector<Value>>* rows, int64_t* count) {
  std::unique_ptr<Operator> op;
  NANO_RETURN_IF_ERROR(BuildOperator(*bound.plan, ctx, nullptr, &op));
  NANO_RETURN_IF_ERROR(op->Open());
  std::vector<Value> row;
  int64_t n = 0;
  bool eof = false;
  while (true) {
    NANO_RETURN_IF_ERROR(ctx->CheckCancel());
    NANO_RETURN_IF_ERROR(op->Next(&row, &eof));
    if (eof) break;
    ++n;
    if (rows != nullptr && rows->size() < max_rows) rows->push_back(row);
  }
  if (count != nullptr) {
    *count = bound.kind == BoundKind::kDml && !bound.returns_rows ? op->affected_rows() : n;
  }
  return Status::OK();
}

Status AssignCast(const Value& v, TypeRef type, const ExecContext& ctx, Value* out) {
  if (v.is_null()) {
    *out = Value::Null(type.oid);
    return Status::OK();
  }
  if (type.oid == 0 || (v.type() == type.oid && type.typmod < 0)) {
    *out = v;
    return Status::OK();
  }
  if (v.is_record() || type.oid == type::kRecord) {
    if (type.oid == type::kRecord) {
      *out = v;
      return Status::OK();
    }
    // A row to a composite type: field by field (as ExecEvalConvertRowtype).
    const TypeDef* ct = ctx.catalog ? ctx.catalog->TypeByOid(type.oid) : nullptr;
    if (ct != nullptr && ct->kind == TypeKind::kComposite &&
        ct->attributes.size() == v.array().elements.size()) {
      ValueVector fields(ct->attributes.size());
      for (size_t i = 0; i < fields.size(); ++i) {
        NANO_RETURN_IF_ERROR(
            AssignCast(v.array().elements[i], ct->attributes[i].type, ctx, &fields[i]));
      }
      *out = MakeRecord(type.oid, std::move(fields), FieldNamesOf(ct->attributes));
      return Status::OK();
    }
  }
  static const FormatContext kDefault;
  const FormatContext& format =
      ctx.eval != nullptr && ctx.eval->format != nullptr ? *ctx.eval->format : kDefault;
  return CastValue(v, type, CoercionContext::kAssignment, format, out);
}

}  // namespace routine_internal

namespace {

using routine_internal::AssignCast;
using routine_internal::BindBodyStatement;
using routine_internal::InitChildContext;
using routine_internal::RunBound;

// A SQL function's statements, bound for one statement execution.
struct SqlBody {
  std::vector<ast::StatementPtr> asts;
  std::vector<std::shared_ptr<BoundStatement>> bound;
};

std::vector<std::string> InputNames(const FunctionDef& fn) {
  std::vector<std::string> names;
  for (const FunctionArg* a : fn.InputArgs()) names.push_back(a->name);
  return names;
}

std::vector<TypeRef> InputTypes(const FunctionDef& fn) {
  std::vector<TypeRef> types;
  for (const FunctionArg* a : fn.InputArgs()) types.push_back(a->type);
  return types;
}

Status PrepareSqlBody(const FunctionDef& fn, const ExecContext& ctx, SqlBody* body) {
  NANO_RETURN_IF_ERROR(ParseSql(fn.body, &body->asts));
  for (const ast::StatementPtr& stmt : body->asts) {
    std::shared_ptr<BoundStatement> bound;
    NANO_RETURN_IF_ERROR(
        BindBodyStatement(*stmt, ctx, InputNames(fn), InputTypes(fn), fn.name, &bound));
    body->bound.push_back(std::move(bound));
  }
  return Status::OK();
}

std::string ReturnTypeName(const FunctionDef& fn) {
  return fn.result_columns.size() > 1 ? "record" : FormatType(fn.return_type);
}

Status Mismatch(const FunctionDef& fn, std::string detail) {
  return Status::Error(sqlstate::kInvalidFunctionDefinition,
                       "return type mismatch in function declared to return " + ReturnTypeName(fn))
      .WithDetail(std::move(detail));
}

// check_sql_fn_retval: the final statement's columns fit the result.
Status CheckSqlResult(const FunctionDef& fn, const SqlBody& body) {
  if (fn.return_type.oid == type::kVoid) return Status::OK();
  const BoundStatement* last = body.bound.empty() ? nullptr : body.bound.back().get();
  if (last == nullptr || !last->returns_rows) {
    return Mismatch(fn,
                    "Function's final statement must be SELECT or INSERT/UPDATE/DELETE "
                    "RETURNING.");
  }
  std::vector<TypeRef> want;
  if (fn.result_columns.empty()) {
    want.push_back(fn.return_type);
  } else {
    for (const FunctionArg& c : fn.result_columns) want.push_back(c.type);
  }
  if (want.size() == 1 && last->columns.size() != 1) {
    return Mismatch(fn, "Final statement must return exactly one column.");
  }
  if (last->columns.size() > want.size()) {
    return Mismatch(fn, "Final statement returns too many columns.");
  }
  if (last->columns.size() < want.size()) {
    return Mismatch(fn, "Final statement returns too few columns.");
  }
  for (size_t i = 0; i < want.size(); ++i) {
    TypeOid got = last->columns[i].type.oid;
    if (got == want[i].oid || got == type::kUnknown) continue;
    if (!CanCoerce(got, want[i].oid, CoercionContext::kAssignment)) {
      if (want.size() == 1) {
        return Mismatch(fn, "Actual return type is " + FormatType(TypeRef{got, -1}) + ".");
      }
      return Mismatch(fn, "Final statement returns " + FormatType(TypeRef{got, -1}) +
                              " instead of " + FormatType(want[i]) + " at column " +
                              std::to_string(i + 1) + ".");
    }
  }
  return Status::OK();
}

Status RunSql(const FunctionDef& fn, const std::vector<Value>& args, ExecContext* caller,
              std::vector<std::vector<Value>>* rows) {
  std::shared_ptr<void>& slot = caller->routine_cache[&fn];
  if (slot == nullptr) {
    auto body = std::make_shared<SqlBody>();
    NANO_RETURN_IF_ERROR(PrepareSqlBody(fn, *caller, body.get()));
    slot = body;
  }
  const SqlBody& body = *static_cast<const SqlBody*>(slot.get());
  for (size_t i = 0; i < body.bound.size(); ++i) {
    const bool last = i + 1 == body.bound.size();
    ExecContext child;
    InitChildContext(*caller, &args, &child);
    child.routine_depth = caller->routine_depth + 1;
    std::vector<std::vector<Value>> result;
    const size_t keep = !last || fn.return_type.oid == type::kVoid ? 0
                        : fn.returns_set                           ? SIZE_MAX
                                                                   : 1;
    NANO_RETURN_IF_ERROR(RunBound(*body.bound[i], &child, keep, &result, nullptr));
    if (!last) continue;
    for (std::vector<Value>& r : result) {
      std::vector<Value> out(r.size());
      for (size_t c = 0; c < r.size(); ++c) {
        TypeRef want = fn.result_columns.empty()      ? fn.return_type
                       : c < fn.result_columns.size() ? fn.result_columns[c].type
                                                      : TypeRef{0, -1};
        NANO_RETURN_IF_ERROR(AssignCast(r[c], want, *caller, &out[c]));
      }
      rows->push_back(std::move(out));
    }
  }
  return Status::OK();
}

class Runner final : public RoutineRunner {
 public:
  Status Run(const FunctionDef& fn, const std::vector<Value>& args, ExecContext* caller,
             std::vector<std::vector<Value>>* rows) override {
    if (caller->routine_depth >= kMaxRoutineDepth) {
      return Status::Error("54001", "stack depth limit exceeded")
          .WithHint(
              "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), "
              "after ensuring the platform's stack depth limit is adequate.");
    }
    if (fn.return_type.oid == type::kTrigger) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "trigger functions can only be called as triggers");
    }
    Status st = fn.language == "plpgsql" ? routine_internal::RunPlpgsql(fn, args, caller, rows)
                                         : RunSql(fn, args, caller, rows);
    // Positions inside a body mean nothing in the caller's statement.
    if (!st.ok()) st.mutable_error().position = 0;
    return st;
  }
  Status RunTrigger(const FunctionDef& fn, TriggerInvocation* inv, ExecContext* caller) override {
    if (caller->routine_depth >= kMaxRoutineDepth) {
      return Status::Error("54001", "stack depth limit exceeded")
          .WithHint(
              "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), "
              "after ensuring the platform's stack depth limit is adequate.");
    }
    ++caller->routine_depth;
    Status st = routine_internal::RunTriggerCall(fn, inv, caller);
    --caller->routine_depth;
    if (!st.ok()) st.mutable_error().position = 0;
    return st;
  }
};

}  // namespace

RoutineRunner* DefaultRoutineRunner() {
  static Runner runner;
  return &runner;
}

Status ValidateFunctionBody(const FunctionDef& fn, std::shared_ptr<const Catalog> catalog,
                            const FormatContext& format) {
  if (fn.language == "plpgsql") return routine_internal::CheckPlpgsql(fn);
  bool polymorphic = IsPolymorphicType(fn.return_type.oid);
  for (const FunctionArg* a : fn.InputArgs()) polymorphic |= IsPolymorphicType(a->type.oid);
  if (polymorphic) {
    // As PostgreSQL: the body of a polymorphic SQL function is only parsed
    // here; it is bound with each call's actual types.
    std::vector<ast::StatementPtr> asts;
    Status st = ParseSql(fn.body, &asts);
    if (!st.ok()) st.mutable_error().position = 0;
    return st;
  }
  EvalContext eval;
  eval.format = &format;
  ExecContext ctx;
  ctx.catalog = std::move(catalog);
  ctx.eval = &eval;
  SqlBody body;
  Status st = PrepareSqlBody(fn, ctx, &body);
  if (st.ok()) st = CheckSqlResult(fn, body);
  if (!st.ok()) st.mutable_error().position = 0;
  return st;
}

}  // namespace nano
