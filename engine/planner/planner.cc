// engine/planner/planner.cc
#include "planner/planner.h"

#include <cassert>

#include "binder/binder.h"
#include "types/type_info.h"

namespace nano {

namespace {

// Slot range [lo, hi] of depth-0 column references; false if the expression
// contains something that must not move (subqueries, placeholders).
bool SlotRange(const BoundExpr& e, int* lo, int* hi) {
  if (e.kind == BoundExprKind::kSubquery || e.kind == BoundExprKind::kSessionFn) return false;
  if (e.kind == BoundExprKind::kColumn && e.depth == 0) {
    if (e.column < 0) return false;
    *lo = std::min(*lo, e.column);
    *hi = std::max(*hi, e.column);
  }
  for (const auto& a : e.args) {
    if (a && !SlotRange(*a, lo, hi)) return false;
  }
  return true;
}

void RebaseSlots(BoundExpr* e, int offset) {
  if (e->kind == BoundExprKind::kColumn && e->depth == 0 && e->column >= 0) e->column -= offset;
  for (auto& a : e->args) {
    if (a) RebaseSlots(a.get(), offset);
  }
}

bool IsConstantish(const BoundExpr& e) {
  int lo = 1 << 30, hi = -1;
  return SlotRange(e, &lo, &hi) && hi < 0;
}

// Unwraps a column reference possibly under an exact widening cast.
const BoundExpr* ColumnUnderCast(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kColumn && e.depth == 0 && e.column >= 0) return &e;
  if (e.kind == BoundExprKind::kCast && e.args.size() == 1) {
    const BoundExpr& inner = *e.args[0];
    if (inner.kind != BoundExprKind::kColumn || inner.depth != 0 || inner.column < 0)
      return nullptr;
    TypeOid from = inner.type.oid, to = e.type.oid;
    bool ints = IsIntegerType(from) && IsIntegerType(to) && from != type::kOid && to != type::kOid;
    bool strings = (from == type::kVarChar || from == type::kText) && to == type::kText;
    if (ints || strings) return &inner;
  }
  return nullptr;
}

// A comparison `col OP const` usable by an index: returns the scan column
// slot, the operator and the constant side.
bool MatchIndexable(const BoundExpr& e, int* slot, std::string* op, const BoundExpr** value) {
  if (e.kind != BoundExprKind::kCall || e.fn == nullptr || e.args.size() != 2) return false;
  static const char* kOps[] = {"=", "<", "<=", ">", ">="};
  std::string name = e.fn->name;
  bool known = false;
  for (const char* k : kOps) known |= name == k;
  if (!known) return false;
  const BoundExpr* col = ColumnUnderCast(*e.args[0]);
  const BoundExpr* other = e.args[1].get();
  bool flipped = false;
  if (col == nullptr || !IsConstantish(*other)) {
    col = ColumnUnderCast(*e.args[1]);
    other = e.args[0].get();
    flipped = true;
    if (col == nullptr || !IsConstantish(*other)) return false;
  }
  if (flipped) {
    if (name == "<")
      name = ">";
    else if (name == ">")
      name = "<";
    else if (name == "<=")
      name = ">=";
    else if (name == ">=")
      name = "<=";
  }
  *slot = col->column;
  *op = name;
  *value = other;
  return true;
}

// Physical column references (depth 0) of `e` as scan slots; false when the
// scan does not read one of them.
bool PhysicalToSlots(BoundExpr* e, const std::vector<int>& scan_columns) {
  if (e->kind == BoundExprKind::kColumn && e->depth == 0 && e->column >= 0) {
    int slot = -1;
    for (size_t s = 0; s < scan_columns.size(); ++s) {
      if (scan_columns[s] == e->column) slot = static_cast<int>(s);
    }
    if (slot < 0) return false;
    e->column = slot;
  }
  for (auto& a : e->args) {
    if (a && !PhysicalToSlots(a.get(), scan_columns)) return false;
  }
  return true;
}

// Whether the scan's filter implies partial index `index`'s predicate (the
// index then holds every row the scan can return). Each conjunct of the
// predicate must be one of the filter's, or `col IS NOT NULL` for a column
// the filter compares with a strict operator (=, <, <=, >, >=).
bool PredicateImplied(const TableDef& table, const IndexDef& index, const PlanNode& scan,
                      const std::vector<BoundExprPtr>& conjuncts, const Catalog& catalog) {
  static const FormatContext kDefault;
  Binder binder(std::shared_ptr<const Catalog>(&catalog, [](const Catalog*) {}), &kDefault, {});
  BoundExprPtr predicate;
  if (!binder.BindTableExpr(table, index.predicate, TypeRef{type::kBool, -1}, &predicate).ok()) {
    return false;
  }
  if (!PhysicalToSlots(predicate.get(), scan.scan_columns)) return false;
  std::vector<BoundExprPtr> needed;
  SplitConjuncts(std::move(predicate), &needed);
  for (const BoundExprPtr& p : needed) {
    bool implied = false;
    for (const BoundExprPtr& q : conjuncts) implied |= BoundExprEquals(*p, *q);
    if (!implied && p->kind == BoundExprKind::kNullTest && p->negated && p->args.size() == 1 &&
        p->args[0]->kind == BoundExprKind::kColumn && p->args[0]->depth == 0) {
      for (const BoundExprPtr& q : conjuncts) {
        int slot = -1;
        std::string op;
        const BoundExpr* value = nullptr;
        implied |= MatchIndexable(*q, &slot, &op, &value) && slot == p->args[0]->column;
      }
    }
    if (!implied) return false;
  }
  return true;
}

// Tries to turn a filtered sequential scan into an index scan.
void ChooseIndex(PlanNode* scan, const Catalog& catalog) {
  // An index covers one table only: scans that also read children keep
  // the sequential scan.
  if (!scan->filter || !scan->inherit_members.empty()) return;
  const TableDef* table = catalog.TableByOid(scan->table_oid);
  if (table == nullptr || table->indexes.empty()) return;
  std::vector<BoundExprPtr> conjuncts;
  SplitConjuncts(CloneExpr(*scan->filter), &conjuncts);
  // attnum -> equality value / range values
  struct Cond {
    int16_t attnum;
    std::string op;
    const BoundExpr* value;
  };
  std::vector<Cond> conds;
  for (const auto& c : conjuncts) {
    int slot;
    std::string op;
    const BoundExpr* value;
    if (!MatchIndexable(*c, &slot, &op, &value)) continue;
    if (slot >= static_cast<int>(scan->scan_columns.size())) continue;  // the row-key slot
    if (scan->scan_columns[slot] < 0) continue;                         // tableoid
    const ColumnDef& col = table->columns[scan->scan_columns[slot]];
    if (col.type.oid == type::kBpChar) continue;  // padding semantics: keep it simple
    conds.push_back(Cond{col.attnum, op, value});
  }
  if (conds.empty()) return;
  const IndexDef* best = nullptr;
  size_t best_eq = 0;
  bool best_range = false;
  for (const IndexDef& index : table->indexes) {
    if (!index.predicate.empty() && !PredicateImplied(*table, index, *scan, conjuncts, catalog)) {
      continue;
    }
    size_t eq = 0;
    for (int16_t attnum : index.columns) {
      bool found = false;
      for (const Cond& c : conds) found |= c.attnum == attnum && c.op == "=";
      if (!found) break;
      ++eq;
    }
    bool range = false;
    if (eq == 0) {
      for (const Cond& c : conds) range |= c.attnum == index.columns[0] && c.op != "=";
    }
    bool better = eq > best_eq ||
                  (eq == best_eq && eq > 0 && index.unique && best && !best->unique) ||
                  (best_eq == 0 && !best_range && range);
    if ((eq > 0 || range) && (best == nullptr || better)) {
      best = &index;
      best_eq = eq;
      best_range = range && eq == 0;
    }
  }
  if (best == nullptr) return;
  // The conjunct pointers live in `conjuncts`; clone the chosen values.
  scan->kind = PlanKind::kIndexScan;
  scan->index = best;
  if (best_eq > 0) {
    for (size_t i = 0; i < best_eq; ++i) {
      for (const Cond& c : conds) {
        if (c.attnum == best->columns[i] && c.op == "=") {
          scan->lower.values.push_back(CloneExpr(*c.value));
          break;
        }
      }
    }
    scan->index_equality = true;
    return;
  }
  for (const Cond& c : conds) {
    if (c.attnum != best->columns[0]) continue;
    bool desc = !best->descending.empty() && best->descending[0];
    bool is_lower = (c.op == ">" || c.op == ">=") != desc;
    IndexBound& b = is_lower ? scan->lower : scan->upper;
    if (!b.values.empty()) continue;
    b.values.push_back(CloneExpr(*c.value));
    b.inclusive = c.op == ">=" || c.op == "<=";
  }
}

// Hash join keys from `a = b` conjuncts with one side in each input.
void ChooseHashJoin(PlanNode* join) {
  if (!join->filter || join->lateral) return;
  int left_width = static_cast<int>(join->children[0]->columns.size());
  std::vector<BoundExprPtr> conjuncts;
  SplitConjuncts(CloneExpr(*join->filter), &conjuncts);
  for (auto& c : conjuncts) {
    if (c->kind != BoundExprKind::kCall || c->fn == nullptr || c->fn->name != "=" ||
        c->args.size() != 2) {
      continue;
    }
    // The geometric `=` (box and circle by area, lseg, line, path by point
    // count) is not byte equality: it cannot key a hash table.
    if (type::IsGeometric(c->args[0]->type.oid)) continue;
    int llo = 1 << 30, lhi = -1, rlo = 1 << 30, rhi = -1;
    if (!SlotRange(*c->args[0], &llo, &lhi) || !SlotRange(*c->args[1], &rlo, &rhi)) continue;
    if (lhi < 0 || rhi < 0) continue;
    BoundExprPtr l, r;
    if (lhi < left_width && rlo >= left_width) {
      l = CloneExpr(*c->args[0]);
      r = CloneExpr(*c->args[1]);
    } else if (rhi < left_width && llo >= left_width) {
      l = CloneExpr(*c->args[1]);
      r = CloneExpr(*c->args[0]);
    } else {
      continue;
    }
    RebaseSlots(r.get(), left_width);
    join->left_keys.push_back(std::move(l));
    join->right_keys.push_back(std::move(r));
  }
  if (!join->left_keys.empty()) join->kind = PlanKind::kHashJoin;
}

// Moves single-side conjuncts of an inner join's filter into its children.
void PushIntoInnerJoin(PlanNode* join, std::vector<BoundExprPtr> conjuncts) {
  int left_width = static_cast<int>(join->children[0]->columns.size());
  std::vector<BoundExprPtr> keep, left, right;
  for (auto& c : conjuncts) {
    int lo = 1 << 30, hi = -1;
    if (!SlotRange(*c, &lo, &hi)) {
      keep.push_back(std::move(c));
    } else if (hi >= 0 && hi < left_width) {
      left.push_back(std::move(c));
    } else if (hi >= 0 && lo >= left_width) {
      RebaseSlots(c.get(), left_width);
      right.push_back(std::move(c));
    } else {
      keep.push_back(std::move(c));
    }
  }
  auto wrap = [](PlanPtr* child, std::vector<BoundExprPtr> parts) {
    if (parts.empty()) return;
    auto f = std::make_unique<PlanNode>();
    f->kind = PlanKind::kFilter;
    f->columns = (*child)->columns;
    f->filter = JoinConjuncts(std::move(parts));
    f->children.push_back(std::move(*child));
    *child = std::move(f);
  };
  wrap(&join->children[0], std::move(left));
  wrap(&join->children[1], std::move(right));
  std::vector<BoundExprPtr> all;
  SplitConjuncts(std::move(join->filter), &all);
  for (auto& k : keep) all.push_back(std::move(k));
  join->filter = JoinConjuncts(std::move(all));
}

Status OptimizeNode(PlanPtr* slot, const Catalog& catalog);

// Subqueries inside expressions and WITH queries are plans too. They are
// not shared with any running execution yet, so they can be rewritten in
// place (a WITH plan referenced twice is simply visited twice: the rules
// are idempotent).
void OptimizeExprPlans(BoundExpr* e, const Catalog& catalog) {
  if (e == nullptr) return;
  if (e->kind == BoundExprKind::kSubquery && e->subplan) {
    OptimizePlan(const_cast<PlanNode*>(e->subplan.get()), catalog).IgnoreError();
  }
  for (auto& a : e->args) OptimizeExprPlans(a.get(), catalog);
}

void OptimizeNestedPlans(PlanNode* plan, const Catalog& catalog) {
  if (plan->shared_plan) {
    OptimizePlan(const_cast<PlanNode*>(plan->shared_plan.get()), catalog).IgnoreError();
  }
  for (auto& [cte_id, cte_plan] : plan->pre_ctes) {
    OptimizePlan(const_cast<PlanNode*>(cte_plan.get()), catalog).IgnoreError();
  }
  OptimizeExprPlans(plan->filter.get(), catalog);
  for (auto& e : plan->exprs) OptimizeExprPlans(e.get(), catalog);
  for (auto& row : plan->rows) {
    for (auto& e : row) OptimizeExprPlans(e.get(), catalog);
  }
  for (auto& e : plan->returning) OptimizeExprPlans(e.get(), catalog);
  for (auto& e : plan->set_exprs) OptimizeExprPlans(e.get(), catalog);
  for (auto& a : plan->aggregates) {
    for (auto& e : a.args) OptimizeExprPlans(e.get(), catalog);
  }
  for (auto& w : plan->windows) {
    for (auto& e : w.args) OptimizeExprPlans(e.get(), catalog);
    for (auto& e : w.aggregate.args) OptimizeExprPlans(e.get(), catalog);
  }
}

Status OptimizeNode(PlanPtr* slot, const Catalog& catalog) {
  PlanNode* plan = slot->get();
  OptimizeNestedPlans(plan, catalog);
  // Filter directly over a scan or an inner join: merge it downwards first.
  if (plan->kind == PlanKind::kFilter && plan->children.size() == 1) {
    PlanNode* child = plan->children[0].get();
    bool scan = child->kind == PlanKind::kSeqScan;
    bool inner_join =
        child->kind == PlanKind::kNestedLoopJoin && child->join_kind == JoinKind::kInner;
    if (scan) {
      std::vector<BoundExprPtr> parts;
      SplitConjuncts(std::move(child->filter), &parts);
      SplitConjuncts(std::move(plan->filter), &parts);
      child->filter = JoinConjuncts(std::move(parts));
      PlanPtr moved = std::move(plan->children[0]);
      *slot = std::move(moved);
      return OptimizeNode(slot, catalog);
    }
    if (inner_join) {
      std::vector<BoundExprPtr> parts;
      SplitConjuncts(std::move(plan->filter), &parts);
      PushIntoInnerJoin(child, std::move(parts));
      PlanPtr moved = std::move(plan->children[0]);
      *slot = std::move(moved);
      return OptimizeNode(slot, catalog);
    }
  }
  if (plan->kind == PlanKind::kNestedLoopJoin && plan->join_kind == JoinKind::kInner &&
      plan->filter) {
    std::vector<BoundExprPtr> parts;
    SplitConjuncts(std::move(plan->filter), &parts);
    PushIntoInnerJoin(plan, std::move(parts));
  }
  for (auto& child : plan->children) NANO_RETURN_IF_ERROR(OptimizeNode(&child, catalog));
  if (plan->kind == PlanKind::kSeqScan) ChooseIndex(plan, catalog);
  if (plan->kind == PlanKind::kNestedLoopJoin) ChooseHashJoin(plan);
  return Status::OK();
}

}  // namespace

Status OptimizePlan(PlanNode* plan, const Catalog& catalog) {
  OptimizeNestedPlans(plan, catalog);
  for (auto& child : plan->children) NANO_RETURN_IF_ERROR(OptimizeNode(&child, catalog));
  if (plan->kind == PlanKind::kSeqScan) ChooseIndex(plan, catalog);
  if (plan->kind == PlanKind::kNestedLoopJoin) ChooseHashJoin(plan);
  return Status::OK();
}

}  // namespace nano
