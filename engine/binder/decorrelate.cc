// engine/binder/decorrelate.cc — correlated EXISTS / NOT EXISTS / IN
// subqueries in WHERE become semi and anti joins, as PostgreSQL's planner
// pulls up sublinks: `WHERE EXISTS (SELECT 1 FROM t WHERE t.a = o.a)` runs
// once over t (a hash semi join once the planner sees the equality) instead
// of re-running the subquery for every outer row.
//
// Only the simple shape is rewritten: the subquery reads one table with a
// WHERE of conjuncts that refer to that table and to the current query's
// FROM row (nothing further out, no nested subqueries, no aggregation).
// Everything else keeps the per-row subquery, which is always correct.
#include "binder/decorrelate.h"

#include "binder/binder.h"  // CloneExpr

namespace nano {
namespace {

// Moves the subquery's references onto the join row: its own columns
// (depth 0) after the outer row's `left_width` slots, the outer row's
// (depth 1) to depth 0. False when it reads anything else.
bool RebaseOntoJoinRow(BoundExpr* e, int left_width) {
  switch (e->kind) {
    case BoundExprKind::kSubquery:
    case BoundExprKind::kAggRef:
    case BoundExprKind::kWindowRef:
      return false;
    case BoundExprKind::kColumn:
      if (e->column < 0 || e->depth > 1) return false;
      if (e->depth == 0) {
        e->column += left_width;
      } else {
        e->depth = 0;
      }
      return true;
    default:
      break;
  }
  for (auto& a : e->args) {
    if (a && !RebaseOntoJoinRow(a.get(), left_width)) return false;
  }
  return true;
}

// The subquery's plan as bound: Project over [Filter over] a plain scan.
struct SimpleSubquery {
  const PlanNode* project = nullptr;
  const BoundExpr* where = nullptr;  // may be null
  const PlanNode* scan = nullptr;
};

bool MatchSimple(const PlanNode& plan, SimpleSubquery* out) {
  if (plan.kind != PlanKind::kProject || plan.children.size() != 1) return false;
  const PlanNode* node = plan.children[0].get();
  if (node->kind == PlanKind::kFilter && node->children.size() == 1) {
    out->where = node->filter.get();
    node = node->children[0].get();
  }
  if (node->kind != PlanKind::kSeqScan || node->filter || node->emit_row_key ||
      !node->children.empty()) {
    return false;
  }
  out->project = &plan;
  out->scan = node;
  return true;
}

// `x = <element>` of `x IN (subquery)`: the comparison with its
// placeholder replaced by the subquery's (rebased) value.
bool InEquality(const BoundExpr& sub, const SimpleSubquery& s, int left_width, BoundExprPtr* out) {
  const BoundExpr& cmp = *sub.args[0];
  if (cmp.kind != BoundExprKind::kCall || cmp.fn == nullptr || cmp.fn->name != "=" ||
      cmp.args.size() != 2 || s.project->exprs.size() != 1) {
    return false;
  }
  const BoundExpr& placeholder = *cmp.args[1];
  if (placeholder.kind != BoundExprKind::kColumn || placeholder.column != -2) return false;
  BoundExprPtr value = CloneExpr(*s.project->exprs[0]);
  if (!RebaseOntoJoinRow(value.get(), left_width)) return false;
  BoundExprPtr eq = CloneExpr(cmp);
  eq->args[1] = std::move(value);
  *out = std::move(eq);
  return true;
}

// Wraps *input in a semi (or anti) join with the subquery's table when the
// subquery has the simple shape; false (nothing changed) otherwise.
bool TryJoin(const BoundExpr& sub, bool anti, PlanPtr* input) {
  SimpleSubquery s;
  if (!MatchSimple(*sub.subplan, &s)) return false;
  const int left_width = static_cast<int>((*input)->columns.size());
  std::vector<BoundExprPtr> conjuncts;
  if (s.where != nullptr) {
    SplitConjuncts(CloneExpr(*s.where), &conjuncts);
    for (auto& c : conjuncts) {
      if (!RebaseOntoJoinRow(c.get(), left_width)) return false;
    }
  }
  if (sub.subquery_kind == SubqueryKind::kAny) {
    BoundExprPtr eq;
    if (!InEquality(sub, s, left_width, &eq)) return false;
    conjuncts.push_back(std::move(eq));
  }
  auto scan = std::make_unique<PlanNode>();
  scan->kind = PlanKind::kSeqScan;
  scan->table_oid = s.scan->table_oid;
  scan->scan_columns = s.scan->scan_columns;
  scan->inherit_members = s.scan->inherit_members;
  scan->columns = s.scan->columns;
  auto join = std::make_unique<PlanNode>();
  join->kind = PlanKind::kNestedLoopJoin;
  join->join_kind = anti ? JoinKind::kAnti : JoinKind::kSemi;
  join->columns = (*input)->columns;
  join->filter = JoinConjuncts(std::move(conjuncts));
  join->children.push_back(std::move(*input));
  join->children.push_back(std::move(scan));
  *input = std::move(join);
  return true;
}

}  // namespace

void DecorrelateWhere(BoundExprPtr* cond, PlanPtr* input) {
  std::vector<BoundExprPtr> conjuncts, keep;
  SplitConjuncts(std::move(*cond), &conjuncts);
  for (auto& c : conjuncts) {
    const bool anti = c->kind == BoundExprKind::kNot && c->args.size() == 1 &&
                      c->args[0]->kind == BoundExprKind::kSubquery &&
                      c->args[0]->subquery_kind == SubqueryKind::kExists;
    const BoundExpr& sub = anti ? *c->args[0] : *c;
    const bool candidate = sub.kind == BoundExprKind::kSubquery && sub.correlated &&
                           (sub.subquery_kind == SubqueryKind::kExists ||
                            (sub.subquery_kind == SubqueryKind::kAny && !anti));
    if (!candidate || !TryJoin(sub, anti, input)) keep.push_back(std::move(c));
  }
  *cond = JoinConjuncts(std::move(keep));
}

}  // namespace nano
