// engine/parser/transform_trigger.cc — CREATE TRIGGER into ast::CreateTriggerStmt.
//
// libpg_query keeps PostgreSQL's encoding: `timing` and `events` are
// pg_trigger.tgtype bits, the function's arguments are strings (gram.y turns
// numbers and identifiers into their text), REFERENCING entries are
// TriggerTransition nodes. DROP TRIGGER and ALTER TRIGGER ... RENAME come
// through the generic DropStmt / RenameStmt transforms.
#include "common/sqlstate.h"
#include "parser/transform.h"

namespace nano::parser_internal {

Status Transformer::CreateTrigger(const PgQuery__CreateTrigStmt* s, ast::StatementPtr* out) {
  auto t = std::make_unique<ast::CreateTriggerStmt>();
  t->replace = s->replace;
  t->is_constraint = s->isconstraint;
  t->name = Str(s->trigname);
  if (s->relation != nullptr) {
    t->table = ToRangeVar(s->relation);
    t->location = s->relation->location;
  }
  t->func_name = NameList(s->n_funcname, s->funcname);
  for (size_t i = 0; i < s->n_args; ++i) t->args.push_back(StrVal(s->args[i]));
  t->row = s->row;
  t->timing = s->timing;
  t->events = s->events;
  t->columns = NameList(s->n_columns, s->columns);
  if (s->when_clause != nullptr) {
    NANO_RETURN_IF_ERROR(Expr(s->when_clause, &t->when));
    t->when_text = Deparse(s->when_clause, /*is_stmt=*/false);
  }
  for (size_t i = 0; i < s->n_transition_rels; ++i) {
    const Node* n = s->transition_rels[i];
    if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_TRIGGER_TRANSITION) continue;
    ast::CreateTriggerStmt::Transition tr;
    tr.name = Str(n->trigger_transition->name);
    tr.is_new = n->trigger_transition->is_new;
    tr.is_table = n->trigger_transition->is_table;
    t->transitions.push_back(std::move(tr));
  }
  t->deferrable = s->deferrable;
  t->initdeferred = s->initdeferred;
  t->has_from = s->constrrel != nullptr;
  *out = std::move(t);
  return Status::OK();
}

}  // namespace nano::parser_internal
