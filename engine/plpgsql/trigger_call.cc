// engine/plpgsql/trigger_call.cc — one firing of a trigger: its WHEN
// condition, then its function (RoutineRunner::RunTrigger).
//
// WHEN (cond) is bound as "SELECT cond" with OLD's and NEW's columns as
// parameters named "old.col" / "new.col" (and the rows as "old" / "new"),
// once per statement execution (cached in ExecContext::routine_cache under
// the trigger's WHEN text). Only LANGUAGE plpgsql functions can be trigger
// functions (CREATE FUNCTION refuses SQL ones, as PostgreSQL).
#include <memory>
#include <string>
#include <vector>

#include "common/sqlstate.h"
#include "executor/ddl_triggers.h"
#include "executor/triggers.h"
#include "parser/parser.h"
#include "plpgsql/routine.h"
#include "types/record.h"
#include "types/type_info.h"

namespace nano::routine_internal {

namespace {

struct BoundWhen {
  std::shared_ptr<BoundStatement> bound;
};

void WhenParams(const std::vector<std::string>& names, const std::vector<TypeRef>& types,
                std::vector<std::string>* param_names, std::vector<TypeRef>* param_types) {
  std::vector<RecordField> shape;
  for (size_t i = 0; i < names.size(); ++i) shape.push_back(RecordField{names[i], types[i]});
  const int32_t typmod = RegisterRecordShape(shape);
  for (const char* rec : {"old", "new"}) {
    param_names->push_back(rec);
    param_types->push_back(TypeRef{type::kRecord, typmod});
    for (size_t i = 0; i < names.size(); ++i) {
      param_names->push_back(std::string(rec) + "." + names[i]);
      param_types->push_back(types[i]);
    }
  }
}

void WhenValues(const TriggerInvocation& inv, std::vector<Value>* out) {
  std::vector<RecordField> shape;
  for (size_t i = 0; i < inv.column_names.size(); ++i) {
    shape.push_back(RecordField{inv.column_names[i], inv.column_types[i]});
  }
  for (const std::vector<Value>* row : {inv.old_row, inv.new_row}) {
    out->push_back(row != nullptr ? MakeRecord(type::kRecord, *row, FieldNamesOf(shape))
                                  : Value::Null(type::kRecord));
    for (size_t i = 0; i < inv.column_types.size(); ++i) {
      out->push_back(row != nullptr && i < row->size() ? (*row)[i]
                                                       : Value::Null(inv.column_types[i].oid));
    }
  }
}

}  // namespace

Status BindTriggerWhen(const std::string& when_text, const ExecContext& caller,
                       const std::vector<std::string>& names, const std::vector<TypeRef>& types,
                       bool allow_old, bool allow_new, std::shared_ptr<BoundStatement>* out) {
  std::vector<ast::StatementPtr> stmts;
  NANO_RETURN_IF_ERROR(ParseSql("SELECT (" + when_text + ")", &stmts));
  if (stmts.size() != 1) {
    return Status::Error(sqlstate::kSyntaxError, "invalid WHEN condition");
  }
  std::vector<std::string> param_names;
  std::vector<TypeRef> param_types;
  WhenParams(names, types, &param_names, &param_types);
  // OLD / NEW where the event has none: hidden (so a reference fails).
  const size_t per = names.size() + 1;
  for (size_t i = 0; i < param_names.size(); ++i) {
    if ((i < per && !allow_old) || (i >= per && !allow_new)) param_names[i].clear();
  }
  return BindBodyStatement(*stmts[0], caller, param_names, param_types, "", out);
}

Status RunTriggerCall(const FunctionDef& fn, TriggerInvocation* inv, ExecContext* caller) {
  const TriggerDef& trig = *inv->trigger;
  inv->fired = false;
  if (!trig.when_expr.empty()) {
    std::shared_ptr<void>& slot = caller->routine_cache[&trig.when_expr];
    if (slot == nullptr) {
      auto when = std::make_shared<BoundWhen>();
      NANO_RETURN_IF_ERROR(BindTriggerWhen(trig.when_expr, *caller, inv->column_names,
                                           inv->column_types, true, true, &when->bound));
      slot = when;
    }
    const BoundWhen& when = *static_cast<const BoundWhen*>(slot.get());
    std::vector<Value> params;
    WhenValues(*inv, &params);
    ExecContext child;
    InitChildContext(*caller, &params, &child);
    std::vector<std::vector<Value>> rows;
    int64_t count = 0;
    NANO_RETURN_IF_ERROR(RunBound(*when.bound, &child, 1, &rows, &count));
    const bool pass =
        !rows.empty() && !rows[0].empty() && !rows[0][0].is_null() && rows[0][0].bool_value();
    if (!pass) return Status::OK();
  }
  if (fn.language != "plpgsql") {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "trigger functions in language \"" + fn.language + "\" are not supported");
  }
  inv->fired = true;
  return RunPlpgsqlTrigger(fn, inv, caller);
}

}  // namespace nano::routine_internal

namespace nano {

Status BindTriggerWhenForDdl(const std::string& when_text, std::shared_ptr<const Catalog> catalog,
                             const FormatContext& format, const std::vector<std::string>& names,
                             const std::vector<TypeRef>& types, bool allow_old, bool allow_new) {
  EvalContext eval;
  eval.format = &format;
  ExecContext ctx;
  ctx.catalog = std::move(catalog);
  ctx.eval = &eval;
  std::shared_ptr<BoundStatement> bound;
  NANO_RETURN_IF_ERROR(routine_internal::BindTriggerWhen(when_text, ctx, names, types, allow_old,
                                                         allow_new, &bound));
  if (bound->columns.size() == 1 && bound->columns[0].type.oid != type::kBool &&
      bound->columns[0].type.oid != type::kUnknown) {
    return Status::Error(
        sqlstate::kDatatypeMismatch,
        "argument of WHEN must be type boolean, not type " + FormatType(bound->columns[0].type));
  }
  return Status::OK();
}

}  // namespace nano
