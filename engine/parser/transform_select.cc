// engine/parser/transform_select.cc — SELECT, FROM items, WITH, target lists.
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

std::optional<ast::Alias> ToAlias(const PgQuery__Alias* a) {
  if (a == nullptr) return std::nullopt;
  ast::Alias alias;
  alias.name = Str(a->aliasname);
  alias.columns = NameList(a->n_colnames, a->colnames);
  return alias;
}

}  // namespace

ast::RangeVar ToRangeVar(const PgQuery__RangeVar* rv) {
  ast::RangeVar out;
  if (rv == nullptr) return out;
  out.catalog = Str(rv->catalogname);
  out.schema = Str(rv->schemaname);
  out.name = Str(rv->relname);
  out.inh = rv->inh;
  out.location = rv->location;
  return out;
}

Status Transformer::SelectNode(const Node* n, std::unique_ptr<ast::SelectStmt>* out) {
  if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    return ErrorAt(sqlstate::kFeatureNotSupported,
                   "expected a SELECT statement, found " + NodeName(n), NodeLocation(n));
  }
  return Select(n->select_stmt, out);
}

Status Transformer::Targets(size_t n, Node** items, std::vector<ast::ResTarget>* out) {
  out->reserve(out->size() + n);
  for (size_t i = 0; i < n; ++i) {
    if (items[i]->node_case != PG_QUERY__NODE__NODE_RES_TARGET) return Unsupported(items[i], -1);
    const PgQuery__ResTarget* r = items[i]->res_target;
    ast::ResTarget t;
    t.name = Str(r->name);
    t.location = r->location;
    NANO_RETURN_IF_ERROR(Indirections(r->n_indirection, r->indirection, &t.indirection));
    NANO_RETURN_IF_ERROR(OptExpr(r->val, &t.value));
    out->push_back(std::move(t));
  }
  return Status::OK();
}

Status Transformer::With(const PgQuery__WithClause* w, std::unique_ptr<ast::WithClause>* out) {
  if (w == nullptr) return Status::OK();
  auto with = std::make_unique<ast::WithClause>();
  with->recursive = w->recursive;
  with->ctes.reserve(w->n_ctes);
  for (size_t i = 0; i < w->n_ctes; ++i) {
    if (w->ctes[i]->node_case != PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR)
      return Unsupported(w->ctes[i], -1);
    const PgQuery__CommonTableExpr* c = w->ctes[i]->common_table_expr;
    if (c->search_clause != nullptr || c->cycle_clause != nullptr) {
      return ErrorAt(sqlstate::kFeatureNotSupported, "SEARCH and CYCLE clauses are not supported",
                     c->location);
    }
    ast::CommonTableExpr cte;
    cte.name = Str(c->ctename);
    cte.column_names = NameList(c->n_aliascolnames, c->aliascolnames);
    cte.location = c->location;
    switch (c->ctematerialized) {
      case PG_QUERY__CTEMATERIALIZE__CTEMaterializeAlways:
        cte.materialize = ast::CommonTableExpr::Materialize::kAlways;
        break;
      case PG_QUERY__CTEMATERIALIZE__CTEMaterializeNever:
        cte.materialize = ast::CommonTableExpr::Materialize::kNever;
        break;
      default:
        break;
    }
    NANO_RETURN_IF_ERROR(Stmt(c->ctequery, &cte.query));
    with->ctes.push_back(std::move(cte));
  }
  *out = std::move(with);
  return Status::OK();
}

Status Transformer::FromList(size_t n, Node** items, std::vector<ast::TableRefPtr>* out) {
  out->reserve(out->size() + n);
  for (size_t i = 0; i < n; ++i) {
    ast::TableRefPtr ref;
    NANO_RETURN_IF_ERROR(TableRefNode(items[i], &ref));
    out->push_back(std::move(ref));
  }
  return Status::OK();
}

Status Transformer::TableRefNode(const Node* n, ast::TableRefPtr* out) {
  DepthScope depth(this);
  auto ref = std::make_unique<ast::TableRef>();
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: {
      ref->kind = ast::TableRefKind::kRelation;
      ref->relation = ToRangeVar(n->range_var);
      ref->location = n->range_var->location;
      ref->alias = ToAlias(n->range_var->alias);
      break;
    }
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
      const PgQuery__RangeSubselect* s = n->range_subselect;
      ref->kind = ast::TableRefKind::kSubquery;
      ref->lateral = s->lateral;
      ref->alias = ToAlias(s->alias);
      NANO_RETURN_IF_ERROR(SelectNode(s->subquery, &ref->subquery));
      ref->location = NodeLocation(s->subquery);
      break;
    }
    case PG_QUERY__NODE__NODE_JOIN_EXPR: {
      const PgQuery__JoinExpr* j = n->join_expr;
      ref->kind = ast::TableRefKind::kJoin;
      ref->natural = j->is_natural;
      ref->alias = ToAlias(j->alias);
      ref->using_columns = NameList(j->n_using_clause, j->using_clause);
      if (j->join_using_alias != nullptr) ref->using_alias = Str(j->join_using_alias->aliasname);
      switch (j->jointype) {
        case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
          ref->join_type = ast::JoinType::kLeft;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
          ref->join_type = ast::JoinType::kRight;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_FULL:
          ref->join_type = ast::JoinType::kFull;
          break;
        default:
          // CROSS JOIN is an inner join with neither ON nor USING.
          ref->join_type = (j->quals == nullptr && j->n_using_clause == 0 && !j->is_natural)
                               ? ast::JoinType::kCross
                               : ast::JoinType::kInner;
          break;
      }
      NANO_RETURN_IF_ERROR(TableRefNode(j->larg, &ref->left));
      NANO_RETURN_IF_ERROR(TableRefNode(j->rarg, &ref->right));
      NANO_RETURN_IF_ERROR(OptExpr(j->quals, &ref->quals));
      ref->location = ref->left->location;
      break;
    }
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
      const PgQuery__RangeFunction* f = n->range_function;
      ref->kind = ast::TableRefKind::kFunction;
      ref->lateral = f->lateral;
      ref->with_ordinality = f->ordinality;
      ref->alias = ToAlias(f->alias);
      // Each item is a two-element List: the call and its own column
      // definition list (ROWS FROM (f() AS (a int))), usually empty.
      for (size_t i = 0; i < f->n_functions; ++i) {
        const Node* item = f->functions[i];
        const Node* call = item;
        if (item->node_case == PG_QUERY__NODE__NODE_LIST && item->list->n_items >= 1) {
          call = item->list->items[0];
          if (item->list->n_items >= 2 && item->list->items[1] != nullptr &&
              item->list->items[1]->node_case == PG_QUERY__NODE__NODE_LIST) {
            const PgQuery__List* defs = item->list->items[1]->list;
            for (size_t k = 0; k < defs->n_items; ++k) {
              if (defs->items[k]->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) continue;
              const PgQuery__ColumnDef* cd = defs->items[k]->column_def;
              ast::TableRef::ColumnDefinition def;
              def.name = Str(cd->colname);
              if (cd->type_name != nullptr)
                NANO_RETURN_IF_ERROR(ToTypeName(cd->type_name, &def.type));
              ref->column_definitions.push_back(std::move(def));
            }
          }
        }
        ast::ExprPtr e;
        NANO_RETURN_IF_ERROR(Expr(call, &e));
        if (ref->location < 0) ref->location = e->location;
        ref->functions.push_back(std::move(e));
      }
      for (size_t k = 0; k < f->n_coldeflist; ++k) {
        if (f->coldeflist[k]->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) continue;
        const PgQuery__ColumnDef* cd = f->coldeflist[k]->column_def;
        ast::TableRef::ColumnDefinition def;
        def.name = Str(cd->colname);
        if (cd->type_name != nullptr) NANO_RETURN_IF_ERROR(ToTypeName(cd->type_name, &def.type));
        ref->column_definitions.push_back(std::move(def));
      }
      break;
    }
    case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE:
      return ErrorAt(sqlstate::kFeatureNotSupported, "TABLESAMPLE is not supported",
                     n->range_table_sample->location);
    case PG_QUERY__NODE__NODE_RANGE_TABLE_FUNC:
      return ErrorAt(sqlstate::kFeatureNotSupported, "XMLTABLE is not supported",
                     n->range_table_func->location);
    default:
      return Unsupported(n, NodeLocation(n));
  }
  *out = std::move(ref);
  return Status::OK();
}

Status Transformer::GroupingSetNode(const Node* n, ast::SelectStmt::GroupingSet* out) {
  using GS = ast::SelectStmt::GroupingSet;
  if (n->node_case != PG_QUERY__NODE__NODE_GROUPING_SET) {
    out->kind = GS::Kind::kSimple;
    ast::ExprPtr e;
    NANO_RETURN_IF_ERROR(Expr(n, &e));
    out->content.push_back(std::move(e));
    return Status::OK();
  }
  const PgQuery__GroupingSet* g = n->grouping_set;
  switch (g->kind) {
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_EMPTY:
      out->kind = GS::Kind::kEmpty;
      return Status::OK();
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_ROLLUP:
      out->kind = GS::Kind::kRollup;
      break;
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_CUBE:
      out->kind = GS::Kind::kCube;
      break;
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SETS: {
      // Every member becomes a nested set (plain expressions as kSimple).
      out->kind = GS::Kind::kSets;
      out->sets.resize(g->n_content);
      for (size_t i = 0; i < g->n_content; ++i) {
        NANO_RETURN_IF_ERROR(GroupingSetNode(g->content[i], &out->sets[i]));
      }
      return Status::OK();
    }
    default:
      out->kind = GS::Kind::kSimple;
      break;
  }
  return ExprList(g->n_content, g->content, &out->content);
}

Status Transformer::Select(const PgQuery__SelectStmt* s, std::unique_ptr<ast::SelectStmt>* out) {
  DepthScope depth(this);
  auto sel = std::make_unique<ast::SelectStmt>();
  switch (s->op) {
    case PG_QUERY__SET_OPERATION__SETOP_UNION:
      sel->op = ast::SetOp::kUnion;
      break;
    case PG_QUERY__SET_OPERATION__SETOP_INTERSECT:
      sel->op = ast::SetOp::kIntersect;
      break;
    case PG_QUERY__SET_OPERATION__SETOP_EXCEPT:
      sel->op = ast::SetOp::kExcept;
      break;
    default:
      sel->op = ast::SetOp::kNone;
      break;
  }
  if (sel->op != ast::SetOp::kNone) {
    sel->all = s->all;
    NANO_RETURN_IF_ERROR(Select(s->larg, &sel->larg));
    NANO_RETURN_IF_ERROR(Select(s->rarg, &sel->rarg));
  }
  // DISTINCT is a one-element list holding an empty node; DISTINCT ON lists expressions.
  if (s->n_distinct_clause > 0) {
    sel->distinct = true;
    const Node* first = s->distinct_clause[0];
    if (first != nullptr && first->node_case != PG_QUERY__NODE__NODE__NOT_SET) {
      NANO_RETURN_IF_ERROR(ExprList(s->n_distinct_clause, s->distinct_clause, &sel->distinct_on));
    }
  }
  if (s->into_clause != nullptr) {
    const PgQuery__RangeVar* rel = s->into_clause->rel;
    sel->into = ToRangeVar(rel);
    if (rel != nullptr && rel->relpersistence != nullptr && rel->relpersistence[0] != '\0') {
      sel->into_persistence = rel->relpersistence[0];
    }
  }
  NANO_RETURN_IF_ERROR(Targets(s->n_target_list, s->target_list, &sel->targets));
  NANO_RETURN_IF_ERROR(FromList(s->n_from_clause, s->from_clause, &sel->from));
  NANO_RETURN_IF_ERROR(OptExpr(s->where_clause, &sel->where));
  for (size_t i = 0; i < s->n_group_clause; ++i) {
    const Node* g = s->group_clause[i];
    if (g->node_case == PG_QUERY__NODE__NODE_GROUPING_SET) {
      sel->grouping_sets.emplace_back();
      NANO_RETURN_IF_ERROR(GroupingSetNode(g, &sel->grouping_sets.back()));
    } else {
      ast::ExprPtr e;
      NANO_RETURN_IF_ERROR(Expr(g, &e));
      sel->group_by.push_back(std::move(e));
    }
  }
  sel->group_distinct = s->group_distinct;
  NANO_RETURN_IF_ERROR(OptExpr(s->having_clause, &sel->having));
  for (size_t i = 0; i < s->n_window_clause; ++i) {
    if (s->window_clause[i]->node_case != PG_QUERY__NODE__NODE_WINDOW_DEF) {
      return Unsupported(s->window_clause[i], -1);
    }
    sel->windows.emplace_back();
    NANO_RETURN_IF_ERROR(Window(s->window_clause[i]->window_def, &sel->windows.back()));
  }
  sel->values.reserve(s->n_values_lists);
  for (size_t i = 0; i < s->n_values_lists; ++i) {
    const Node* row = s->values_lists[i];
    if (row->node_case != PG_QUERY__NODE__NODE_LIST) return Unsupported(row, -1);
    sel->values.emplace_back();
    NANO_RETURN_IF_ERROR(ExprList(row->list->n_items, row->list->items, &sel->values.back()));
  }
  NANO_RETURN_IF_ERROR(SortList(s->n_sort_clause, s->sort_clause, &sel->order_by));
  NANO_RETURN_IF_ERROR(OptExpr(s->limit_count, &sel->limit_count));
  NANO_RETURN_IF_ERROR(OptExpr(s->limit_offset, &sel->limit_offset));
  if (s->limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES) {
    sel->limit_option = ast::LimitOption::kWithTies;
  }
  for (size_t i = 0; i < s->n_locking_clause; ++i) {
    const Node* l = s->locking_clause[i];
    if (l->node_case != PG_QUERY__NODE__NODE_LOCKING_CLAUSE) return Unsupported(l, -1);
    const PgQuery__LockingClause* lc = l->locking_clause;
    ast::LockingClause out_lc;
    using St = ast::LockingClause::Strength;
    switch (lc->strength) {
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORKEYSHARE:
        out_lc.strength = St::kKeyShare;
        break;
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORSHARE:
        out_lc.strength = St::kShare;
        break;
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORNOKEYUPDATE:
        out_lc.strength = St::kNoKeyUpdate;
        break;
      default:
        out_lc.strength = St::kUpdate;
        break;
    }
    using W = ast::LockingClause::WaitPolicy;
    switch (lc->wait_policy) {
      case PG_QUERY__LOCK_WAIT_POLICY__LockWaitSkip:
        out_lc.wait = W::kSkip;
        break;
      case PG_QUERY__LOCK_WAIT_POLICY__LockWaitError:
        out_lc.wait = W::kError;
        break;
      default:
        out_lc.wait = W::kBlock;
        break;
    }
    for (size_t k = 0; k < lc->n_locked_rels; ++k) {
      if (lc->locked_rels[k]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
        out_lc.relations.push_back(ToRangeVar(lc->locked_rels[k]->range_var));
      }
    }
    sel->locking.push_back(std::move(out_lc));
  }
  NANO_RETURN_IF_ERROR(With(s->with_clause, &sel->with));
  *out = std::move(sel);
  return Status::OK();
}

}  // namespace nano::parser_internal
