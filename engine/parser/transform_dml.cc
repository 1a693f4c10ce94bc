// engine/parser/transform_dml.cc — INSERT, UPDATE, DELETE.
#include <utility>

#include "common/sqlstate.h"
#include "parser/transform.h"

namespace nano::parser_internal {

namespace {

Status ErrorAt(const char* sqlstate, std::string message, int location) {
  Status st = Status::Error(sqlstate, std::move(message));
  if (location >= 0) st.SetPositionIfUnset(location + 1);
  return st;
}

std::optional<std::string> AliasName(const PgQuery__RangeVar* rv) {
  if (rv == nullptr || rv->alias == nullptr) return std::nullopt;
  return Str(rv->alias->aliasname);
}

}  // namespace

// SET lists: `a = x` is a plain ResTarget; `(a, b) = src` arrives as one
// ResTarget per column whose value is a MultiAssignRef{source, colno}. A ROW
// source is split into its columns; a sub-SELECT source is kept once (owned
// by the first column) and multi_index records which output each column
// takes (0 for ordinary assignments). PostgreSQL raises the errors below in
// parse analysis; their texts, codes and positions are the same.
static Status SetList(Transformer* t, size_t n, Node** items, std::vector<ast::ResTarget>* out,
                      std::vector<int>* multi_index) {
  out->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (items[i]->node_case != PG_QUERY__NODE__NODE_RES_TARGET) return Unsupported(items[i], -1);
    const PgQuery__ResTarget* r = items[i]->res_target;
    ast::ResTarget target;
    target.name = Str(r->name);
    target.location = r->location;
    NANO_RETURN_IF_ERROR(t->Indirections(r->n_indirection, r->indirection, &target.indirection));
    int index = 0;
    const Node* val = r->val;
    if (val != nullptr && val->node_case == PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF) {
      const PgQuery__MultiAssignRef* m = val->multi_assign_ref;
      const Node* src = m->source;
      if (src != nullptr && src->node_case == PG_QUERY__NODE__NODE_ROW_EXPR) {
        const PgQuery__RowExpr* row = src->row_expr;
        bool star = false;
        for (size_t k = 0; k < row->n_args; ++k) {
          const Node* arg = row->args[k];
          star |= arg->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
                  arg->column_ref->n_fields > 0 &&
                  arg->column_ref->fields[arg->column_ref->n_fields - 1]->node_case ==
                      PG_QUERY__NODE__NODE_A_STAR;
        }
        if (star) {
          // ROW(v.*): the binder expands the stars and counts the columns.
          target.row_column = m->colno;
          target.row_columns = m->ncolumns;
          NANO_RETURN_IF_ERROR(t->Expr(src, &target.value));
        } else if (static_cast<int>(row->n_args) != m->ncolumns || m->colno < 1 ||
                   m->colno > m->ncolumns) {
          return ErrorAt(sqlstate::kSyntaxError,
                         "number of columns does not match number of values", row->location);
        } else {
          NANO_RETURN_IF_ERROR(t->Expr(row->args[m->colno - 1], &target.value));
        }
      } else if (src != nullptr && src->node_case == PG_QUERY__NODE__NODE_SUB_LINK &&
                 src->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK) {
        index = m->colno;
        if (m->colno == 1) {
          NANO_RETURN_IF_ERROR(t->Expr(src, &target.value));
        } else {
          target.value = std::make_unique<ast::Expr>();
          target.value->kind = ast::ExprKind::kSubLink;
          target.value->sublink_type = ast::SubLinkType::kExpr;
          target.value->location = src->sub_link->location;
        }
      } else {
        return ErrorAt(
            sqlstate::kFeatureNotSupported,
            "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression",
            NodeLocation(src));
      }
    } else {
      NANO_RETURN_IF_ERROR(t->OptExpr(val, &target.value));
    }
    out->push_back(std::move(target));
    multi_index->push_back(index);
  }
  return Status::OK();
}

Status Transformer::Insert(const PgQuery__InsertStmt* s, ast::StatementPtr* out) {
  auto ins = std::make_unique<ast::InsertStmt>();
  ins->table = ToRangeVar(s->relation);
  ins->alias = AliasName(s->relation);
  NANO_RETURN_IF_ERROR(Targets(s->n_cols, s->cols, &ins->columns));
  if (s->select_stmt != nullptr) NANO_RETURN_IF_ERROR(SelectNode(s->select_stmt, &ins->select));
  if (s->on_conflict_clause != nullptr) {
    const PgQuery__OnConflictClause* oc = s->on_conflict_clause;
    auto conflict = std::make_unique<ast::OnConflict>();
    conflict->location = oc->location;
    conflict->action = oc->action == PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_UPDATE
                           ? ast::OnConflict::Action::kUpdate
                           : ast::OnConflict::Action::kNothing;
    if (oc->infer != nullptr) {
      const PgQuery__InferClause* inf = oc->infer;
      conflict->constraint_name = Str(inf->conname);
      for (size_t i = 0; i < inf->n_index_elems; ++i) {
        const Node* el = inf->index_elems[i];
        if (el->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM || el->index_elem->expr != nullptr) {
          return ErrorAt(sqlstate::kFeatureNotSupported,
                         "ON CONFLICT with an expression inference target is not supported",
                         inf->location);
        }
        conflict->infer_columns.push_back(Str(el->index_elem->name));
      }
      NANO_RETURN_IF_ERROR(OptExpr(inf->where_clause, &conflict->infer_where));
    }
    NANO_RETURN_IF_ERROR(SetList(this, oc->n_target_list, oc->target_list, &conflict->set,
                                 &conflict->multi_assign_index));
    NANO_RETURN_IF_ERROR(OptExpr(oc->where_clause, &conflict->where));
    ins->on_conflict = std::move(conflict);
  }
  NANO_RETURN_IF_ERROR(Targets(s->n_returning_list, s->returning_list, &ins->returning));
  NANO_RETURN_IF_ERROR(With(s->with_clause, &ins->with));
  switch (s->override) {
    case PG_QUERY__OVERRIDING_KIND__OVERRIDING_USER_VALUE:
      ins->override_kind = ast::InsertStmt::Override::kUserValue;
      break;
    case PG_QUERY__OVERRIDING_KIND__OVERRIDING_SYSTEM_VALUE:
      ins->override_kind = ast::InsertStmt::Override::kSystemValue;
      break;
    default:
      break;
  }
  *out = std::move(ins);
  return Status::OK();
}

Status Transformer::Update(const PgQuery__UpdateStmt* s, ast::StatementPtr* out) {
  auto upd = std::make_unique<ast::UpdateStmt>();
  upd->table = ToRangeVar(s->relation);
  upd->alias = AliasName(s->relation);
  NANO_RETURN_IF_ERROR(
      SetList(this, s->n_target_list, s->target_list, &upd->set, &upd->multi_assign_index));
  NANO_RETURN_IF_ERROR(FromList(s->n_from_clause, s->from_clause, &upd->from));
  NANO_RETURN_IF_ERROR(OptExpr(s->where_clause, &upd->where));
  NANO_RETURN_IF_ERROR(Targets(s->n_returning_list, s->returning_list, &upd->returning));
  NANO_RETURN_IF_ERROR(With(s->with_clause, &upd->with));
  *out = std::move(upd);
  return Status::OK();
}

Status Transformer::Delete(const PgQuery__DeleteStmt* s, ast::StatementPtr* out) {
  auto del = std::make_unique<ast::DeleteStmt>();
  del->table = ToRangeVar(s->relation);
  del->alias = AliasName(s->relation);
  NANO_RETURN_IF_ERROR(FromList(s->n_using_clause, s->using_clause, &del->using_));
  NANO_RETURN_IF_ERROR(OptExpr(s->where_clause, &del->where));
  NANO_RETURN_IF_ERROR(Targets(s->n_returning_list, s->returning_list, &del->returning));
  NANO_RETURN_IF_ERROR(With(s->with_clause, &del->with));
  *out = std::move(del);
  return Status::OK();
}

}  // namespace nano::parser_internal
