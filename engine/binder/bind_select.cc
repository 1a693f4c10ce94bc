// engine/binder/bind_select.cc — SELECT, VALUES and set operations.
//
// Plan shape of a simple SELECT:
//   FROM items (scans, joins) -> Filter(WHERE) -> [Aggregate -> Filter(HAVING)]
//   -> Project(targets ++ hidden ORDER BY columns) -> [Distinct] -> [Sort]
//   -> [Limit] -> [Project dropping hidden columns]
#include <algorithm>
#include <cassert>
#include <functional>
#include <map>

#include "binder/binder.h"
#include "binder/decorrelate.h"
#include "binder/grouping_sets.h"
#include "binder/scope.h"
#include "catalog/system_tables.h"
#include "parser/parser.h"
#include "types/type_info.h"

namespace nano {

namespace {

int Pos(int location) { return location >= 0 ? location + 1 : 0; }

Status ErrorAt(const char* state, std::string msg, int location) {
  return Status::Error(state, std::move(msg)).WithPosition(Pos(location));
}

// PostgreSQL's FigureColnameInternal: the column name a target gets without
// AS, with its strength (0 none, 1 a type name from a cast or "case", 2 a
// real name). A cast or CASE only names the column when nothing inside it
// names it more strongly, so 'x'::int2::text is "text" (the outer cast
// overrides the inner one) while col::text stays "col", and
// CASE ... ELSE col END is "col".
std::string FigureColname(const ast::Expr& e, int* strength);

std::string FigureColname(const ast::Expr& e) {
  int strength = 0;
  return FigureColname(e, &strength);
}

std::string FigureColname(const ast::Expr& e, int* strength) {
  using K = ast::ExprKind;
  *strength = 2;
  switch (e.kind) {
    case K::kColumnRef:
      if (!e.names.empty()) return e.names.back();
      break;
    case K::kFuncCall:
      if (!e.func_name.empty()) return e.func_name.back();
      break;
    case K::kCast: {
      std::string inner = FigureColname(*e.args[0], strength);
      if (*strength <= 1 && e.type_name && !e.type_name->names.empty()) {
        *strength = 1;
        return e.type_name->names.back();
      }
      return inner;
    }
    case K::kCase: {
      std::string inner = "?column?";
      *strength = 0;
      if (e.default_result) inner = FigureColname(*e.default_result, strength);
      if (*strength <= 1) {
        *strength = 1;
        return "case";
      }
      return inner;
    }
    case K::kCoalesce:
      return "coalesce";
    case K::kGreatest:
      return "greatest";
    case K::kLeast:
      return "least";
    case K::kNullIf:
      return "nullif";
    case K::kArray:
      return "array";
    case K::kRow:
      return "row";
    case K::kGroupingFunc:
      return "grouping";
    case K::kSubLink:
      if (e.sublink_type == ast::SubLinkType::kExists) return "exists";
      if (e.sublink_type == ast::SubLinkType::kArray) return "array";
      if (e.sublink_type == ast::SubLinkType::kExpr && e.subquery && !e.subquery->targets.empty() &&
          e.subquery->targets[0].value) {
        if (!e.subquery->targets[0].name.empty()) return e.subquery->targets[0].name;
        return FigureColname(*e.subquery->targets[0].value, strength);
      }
      break;
    case K::kSqlValue:
      switch (e.svf) {
        case ast::SqlValueKind::kCurrentDate:
          return "current_date";
        case ast::SqlValueKind::kCurrentTime:
          return "current_time";
        case ast::SqlValueKind::kCurrentTimestamp:
          return "current_timestamp";
        case ast::SqlValueKind::kLocalTime:
          return "localtime";
        case ast::SqlValueKind::kLocalTimestamp:
          return "localtimestamp";
        case ast::SqlValueKind::kCurrentRole:
          return "current_role";
        case ast::SqlValueKind::kCurrentUser:
          return "current_user";
        case ast::SqlValueKind::kUser:
          return "current_user";
        case ast::SqlValueKind::kSessionUser:
          return "session_user";
        case ast::SqlValueKind::kCurrentCatalog:
          return "current_catalog";
        case ast::SqlValueKind::kCurrentSchema:
          return "current_schema";
      }
      break;
    case K::kCollate:
      return FigureColname(*e.args[0], strength);
    case K::kIndirection:
      // The last field name, subscripts after it ignored (x[1].f[2] is "f").
      for (auto it = e.indirection.rbegin(); it != e.indirection.rend(); ++it) {
        if (!it->field.empty()) return it->field;
      }
      return FigureColname(*e.args[0], strength);
    default:
      break;
  }
  *strength = 0;
  return "?column?";
}

// "alias.column" of a slot of this query's FROM row, for error messages.
std::string ColumnName(const BinderScope& scope, int slot) {
  std::string name = "?";
  for (const ScopeItem& item : scope.items) {
    for (const ScopeColumn& c : item.columns) {
      if (c.slot == slot) name = (item.alias.empty() ? "" : item.alias + ".") + c.name;
    }
  }
  return name;
}

// What RewriteForAggregate maps onto: the Aggregate node's group
// expressions (slots [0, g)), aggregate count (slots [g, g + a)) and the
// GROUPING() calls it collects (slots from g + a on).
struct AggregateOutput {
  const std::vector<BoundExprPtr>* groups = nullptr;
  size_t aggregates = 0;
  std::vector<std::vector<int>> grouping_funcs;
};

// GROUPING(args) -> a column of the Aggregate node: every argument must be
// one of the GROUP BY expressions.
Status RewriteGroupingFunc(BoundExprPtr* expr, AggregateOutput* out, int location) {
  const BoundExpr& e = **expr;
  const std::vector<BoundExprPtr>& groups = *out->groups;
  std::vector<int> args;
  for (const auto& a : e.args) {
    int index = -1;
    for (size_t i = 0; i < groups.size() && index < 0; ++i) {
      if (BoundExprEquals(*a, *groups[i])) index = static_cast<int>(i);
    }
    if (index < 0) {
      int at = a->location >= 0 ? a->location : (e.location >= 0 ? e.location : location);
      return ErrorAt(sqlstate::kGroupingError,
                     "arguments to GROUPING must be grouping expressions of the associated query "
                     "level",
                     at);
    }
    args.push_back(index);
  }
  int slot = static_cast<int>(groups.size() + out->aggregates + out->grouping_funcs.size());
  out->grouping_funcs.push_back(std::move(args));
  *expr = MakeColumnRef(slot, TypeRef{type::kInt4, -1});
  return Status::OK();
}

// Maps a column slot of the aggregate's input row (as read by a correlated
// subquery) to the aggregate's output slot, and an outer GROUPING() to its
// column; fails for ungrouped columns.
using OuterSlotMap = std::function<Status(BoundExpr*)>;

// The query level a GROUPING() call belongs to, as PostgreSQL's agglevelsup:
// n when its arguments are all columns n levels up, else 0 (this level).
int GroupingLevel(const BoundExpr& g) {
  int level = -1;
  for (const auto& a : g.args) {
    if (a->kind != BoundExprKind::kColumn || a->depth == 0) return 0;
    if (level >= 0 && a->depth != level) return 0;
    level = a->depth;
  }
  return level < 0 ? 0 : level;
}

Status RemapPlanOuterRefs(PlanNode* p, int depth, const OuterSlotMap& remap);

// Column references `depth` levels up (the grouped query) in an expression
// of a subquery, including its own nested subqueries.
Status RemapExprOuterRefs(BoundExpr* e, int depth, const OuterSlotMap& remap) {
  if (e == nullptr) return Status::OK();
  if (e->kind == BoundExprKind::kColumn && e->depth == depth) return remap(e);
  if (e->kind == BoundExprKind::kGroupingFunc && GroupingLevel(*e) == depth) return remap(e);
  if (e->kind == BoundExprKind::kAggRef && e->depth == depth) return remap(e);
  if (e->kind == BoundExprKind::kSubquery && e->subplan) {
    // Bound just now for this query: not shared with any other plan yet.
    NANO_RETURN_IF_ERROR(
        RemapPlanOuterRefs(const_cast<PlanNode*>(e->subplan.get()), depth + 1, remap));
  }
  for (auto& a : e->args) NANO_RETURN_IF_ERROR(RemapExprOuterRefs(a.get(), depth, remap));
  return Status::OK();
}

Status RemapPlanOuterRefs(PlanNode* p, int depth, const OuterSlotMap& remap) {
  auto one = [&](BoundExprPtr& e) { return RemapExprOuterRefs(e.get(), depth, remap); };
  auto all = [&](std::vector<BoundExprPtr>& v) -> Status {
    for (auto& e : v) NANO_RETURN_IF_ERROR(one(e));
    return Status::OK();
  };
  NANO_RETURN_IF_ERROR(one(p->filter));
  NANO_RETURN_IF_ERROR(all(p->exprs));
  for (auto& row : p->rows) NANO_RETURN_IF_ERROR(all(row));
  NANO_RETURN_IF_ERROR(all(p->group_by));
  for (BoundAggregate& a : p->aggregates) {
    NANO_RETURN_IF_ERROR(all(a.args));
    NANO_RETURN_IF_ERROR(one(a.filter));
    NANO_RETURN_IF_ERROR(all(a.order_by));
  }
  for (SortKey& k : p->sort_keys) NANO_RETURN_IF_ERROR(one(k.expr));
  NANO_RETURN_IF_ERROR(one(p->limit));
  NANO_RETURN_IF_ERROR(one(p->offset));
  NANO_RETURN_IF_ERROR(all(p->left_keys));
  NANO_RETURN_IF_ERROR(all(p->right_keys));
  NANO_RETURN_IF_ERROR(all(p->lower.values));
  NANO_RETURN_IF_ERROR(all(p->upper.values));
  for (BoundWindow& w : p->windows) {
    NANO_RETURN_IF_ERROR(all(w.args));
    NANO_RETURN_IF_ERROR(all(w.aggregate.args));
    NANO_RETURN_IF_ERROR(one(w.aggregate.filter));
    NANO_RETURN_IF_ERROR(all(w.partition_by));
    for (SortKey& k : w.order_by) NANO_RETURN_IF_ERROR(one(k.expr));
    NANO_RETURN_IF_ERROR(one(w.start_offset));
    NANO_RETURN_IF_ERROR(one(w.end_offset));
  }
  NANO_RETURN_IF_ERROR(one(p->function));
  NANO_RETURN_IF_ERROR(all(p->function_args));
  for (size_t i = 0; i < p->children.size(); ++i) {
    // A LATERAL join's inner side sees the join's outer row one level up.
    int d = (p->lateral && p->kind == PlanKind::kNestedLoopJoin && i == 1) ? depth + 1 : depth;
    NANO_RETURN_IF_ERROR(RemapPlanOuterRefs(p->children[i].get(), d, remap));
  }
  return Status::OK();
}

// An ordered-set aggregate's direct arguments are evaluated once per group,
// so they may use only grouping expressions of this query (PostgreSQL's
// check_ungrouped_columns for direct args).
Status CheckDirectArg(const BoundExpr& e, const std::vector<BoundExprPtr>& groups,
                      const BinderScope& scope, int location) {
  for (const auto& g : groups) {
    if (BoundExprEquals(e, *g)) return Status::OK();
  }
  if (e.kind == BoundExprKind::kColumn && e.depth == 0) {
    return ErrorAt(sqlstate::kGroupingError,
                   "column \"" + ColumnName(scope, e.column) +
                       "\" must appear in the GROUP BY clause or be used in an aggregate function",
                   e.location >= 0 ? e.location : location)
        .WithDetail("Direct arguments of an ordered-set aggregate must use only grouped columns.");
  }
  for (const auto& a : e.args) {
    if (a) NANO_RETURN_IF_ERROR(CheckDirectArg(*a, groups, scope, location));
  }
  return Status::OK();
}

Status CheckDirectArgs(const std::vector<BoundAggregate>& aggregates,
                       const std::vector<BoundExprPtr>& groups, const BinderScope& scope) {
  for (const BoundAggregate& a : aggregates) {
    for (size_t i = 0; i < a.call.direct_args && i < a.args.size(); ++i) {
      NANO_RETURN_IF_ERROR(CheckDirectArg(*a.args[i], groups, scope, -1));
    }
  }
  return Status::OK();
}

// Rewrites an expression bound on the aggregate's input row into one on its
// output row: group expressions -> slots [0, g), aggregates -> [g, g + a),
// GROUPING() calls -> the slots after those.
Status RewriteForAggregate(BoundExprPtr* expr, AggregateOutput* out, const BinderScope& scope,
                           int location) {
  BoundExpr& e = **expr;
  const std::vector<BoundExprPtr>& groups = *out->groups;
  for (size_t i = 0; i < groups.size(); ++i) {
    if (BoundExprEquals(e, *groups[i])) {
      *expr = MakeColumnRef(static_cast<int>(i), e.type);
      return Status::OK();
    }
  }
  if (e.kind == BoundExprKind::kAggRef && e.depth > 0) {
    return Status::OK();  // an enclosing query's aggregate: that query remaps it
  }
  if (e.kind == BoundExprKind::kAggRef) {
    *expr = MakeColumnRef(static_cast<int>(groups.size()) + e.column, e.type);
    return Status::OK();
  }
  if (e.kind == BoundExprKind::kGroupingFunc) {
    // An enclosing query's GROUPING() is rewritten by that query.
    return GroupingLevel(e) > 0 ? Status::OK() : RewriteGroupingFunc(expr, out, location);
  }
  if (e.kind == BoundExprKind::kColumn && e.depth == 0 && e.column == -2) {
    return Status::OK();  // x IN (subquery)'s placeholder for the subquery's value
  }
  if (e.kind == BoundExprKind::kColumn && e.depth == 0) {
    return ErrorAt(sqlstate::kGroupingError,
                   "column \"" + ColumnName(scope, e.column) +
                       "\" must appear in the GROUP BY clause or be used in an aggregate function",
                   e.location >= 0 ? e.location : location);
  }
  if (e.kind == BoundExprKind::kSubquery) {
    // A correlated subquery runs on the aggregate's output row: its
    // references to this query's columns move to the grouped slots.
    if (e.subplan) {
      OuterSlotMap remap = [&](BoundExpr* ref) -> Status {
        if (ref->kind == BoundExprKind::kGroupingFunc) {
          // GROUPING() of this query inside the subquery: a column of the
          // Aggregate read from the subquery's enclosing row.
          int depth = ref->args[0]->depth;
          BoundExprPtr g = std::make_unique<BoundExpr>(std::move(*ref));
          for (auto& a : g->args) a->depth = 0;
          NANO_RETURN_IF_ERROR(RewriteGroupingFunc(&g, out, location));
          g->depth = depth;
          *ref = std::move(*g);
          return Status::OK();
        }
        if (ref->kind == BoundExprKind::kAggRef) {
          // This query's aggregate called inside the subquery.
          *ref = std::move(
              *MakeColumnRef(static_cast<int>(groups.size()) + ref->column, ref->type, ref->depth));
          return Status::OK();
        }
        for (size_t i = 0; i < groups.size(); ++i) {
          const BoundExpr& g = *groups[i];
          if (g.kind == BoundExprKind::kColumn && g.depth == 0 && g.column == ref->column) {
            ref->column = static_cast<int>(i);
            return Status::OK();
          }
        }
        return ErrorAt(sqlstate::kGroupingError,
                       "subquery uses ungrouped column \"" + ColumnName(scope, ref->column) +
                           "\" from outer query",
                       ref->location >= 0 ? ref->location : location);
      };
      NANO_RETURN_IF_ERROR(RemapPlanOuterRefs(const_cast<PlanNode*>(e.subplan.get()), 1, remap));
    }
    // Its arguments (x IN (subquery)) are expressions of this query.
    for (auto& arg : e.args) {
      if (arg) NANO_RETURN_IF_ERROR(RewriteForAggregate(&arg, out, scope, location));
    }
    return Status::OK();
  }
  for (auto& arg : e.args) {
    if (arg) NANO_RETURN_IF_ERROR(RewriteForAggregate(&arg, out, scope, location));
  }
  return Status::OK();
}

// Whether an expression holds a GROUPING() call of this query level (which
// makes the query aggregate), also inside its subqueries.
bool ContainsGroupingFunc(BoundExpr* e) {
  bool found = false;
  OuterSlotMap detect = [&found](BoundExpr* ref) {
    found |= ref->kind == BoundExprKind::kGroupingFunc;
    return Status::OK();
  };
  (void)RemapExprOuterRefs(e, 0, detect);
  return found;
}

PlanPtr MakeProject(PlanPtr child, std::vector<BoundExprPtr> exprs, std::vector<ColumnDesc> cols) {
  auto p = std::make_unique<PlanNode>();
  p->kind = PlanKind::kProject;
  p->exprs = std::move(exprs);
  p->columns = std::move(cols);
  p->children.push_back(std::move(child));
  return p;
}

// kWindowRef i -> a column reference to slot base + i of the Window node's row.
void ReplaceWindowRefs(BoundExpr* e, int base) {
  if (e->kind == BoundExprKind::kWindowRef) {
    e->kind = BoundExprKind::kColumn;
    e->column = base + e->column;
    e->depth = 0;
    return;
  }
  for (auto& a : e->args) {
    if (a) ReplaceWindowRefs(a.get(), base);
  }
}

// Shifts this level's column references by -base (a join's condition is
// evaluated on the join's own row). References inside subqueries of the
// condition are not shifted: a correlated subquery in a JOIN ... ON that is
// not the first FROM item is not supported yet.
void RebaseColumnRefs(BoundExpr* e, int base) {
  if (e->kind == BoundExprKind::kColumn && e->depth == 0 && e->column >= 0) e->column -= base;
  for (auto& a : e->args) {
    if (a) RebaseColumnRefs(a.get(), base);
  }
}

// Whether e reads a column `depth` levels up (not looking into subqueries).
bool ReadsDepth(const BoundExpr& e, int depth) {
  if (e.kind == BoundExprKind::kColumn && e.depth == depth) return true;
  for (const auto& a : e.args) {
    if (a && ReadsDepth(*a, depth)) return true;
  }
  return false;
}

// Moves references at `from_depth` or deeper one level closer: a function
// in FROM binds its arguments one level below its query (so it can read
// the FROM items before it); when it reads none of them it is evaluated at
// its query's level, where enclosing queries are one level nearer.
void LowerOuterDepths(BoundExpr* e, int from_depth) {
  if (e->kind == BoundExprKind::kColumn && e->depth >= from_depth) --e->depth;
  for (auto& a : e->args) {
    if (a) LowerOuterDepths(a.get(), from_depth);
  }
}

const ScopeColumn* ColumnBySlot(const BinderScope& scope, int slot) {
  for (const ScopeItem& item : scope.items) {
    for (const ScopeColumn& c : item.columns) {
      if (c.slot == slot) return &c;
    }
  }
  return nullptr;
}

}  // namespace

// binder.h: the geometric types have no btree or hash operator class: sorting them, or
// grouping / DISTINCT / UNION on them, fails as in PostgreSQL (42883).
Status RequireSortable(TypeRef t, bool ordering, int location) {
  if (!type::IsGeometric(t.oid)) return Status::OK();
  if (!ordering) {
    return ErrorAt(sqlstate::kUndefinedFunction,
                   "could not identify an equality operator for type " + FormatType(t), location);
  }
  return ErrorAt(sqlstate::kUndefinedFunction,
                 "could not identify an ordering operator for type " + FormatType(t), location)
      .WithHint("Use an explicit ordering operator or modify the query.");
}

Status RequireSortable(TypeRef t, bool ordering, const ast::Expr& at) {
  return RequireSortable(t, ordering, at.kind == ast::ExprKind::kIndirection ? -1 : at.location);
}

Status Binder::LookupRelation(const ast::RangeVar& rv, const TableDef** out) const {
  std::string shown = rv.schema.empty() ? rv.name : rv.schema + "." + rv.name;
  // pg_catalog comes first in PostgreSQL's effective search path.
  if (rv.schema.empty() || rv.schema == "pg_catalog") {
    if (const TableDef* sys = LookupSystemTable(rv.name)) {
      *out = sys;
      return Status::OK();
    }
  } else if (rv.schema == "information_schema") {
    if (const TableDef* sys = LookupSystemTable(rv.schema, rv.name)) {
      *out = sys;
      return Status::OK();
    }
  }
  if (!rv.schema.empty()) {
    // PostgreSQL reports a missing schema in a qualified name as a missing
    // relation (42P01), not 3F000.
    const SchemaDef* schema = catalog_->FindSchema(rv.schema);
    *out = schema ? catalog_->FindTable(schema->oid, rv.name) : nullptr;
  } else {
    *out = catalog_->FindTable(kPublicNamespaceOid, rv.name);
    if (*out == nullptr) *out = catalog_->FindTable(kPgCatalogNamespaceOid, rv.name);
  }
  if (*out == nullptr) {
    return ErrorAt(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist",
                   rv.location);
  }
  if (std::find(referenced_.begin(), referenced_.end(), (*out)->oid) == referenced_.end()) {
    referenced_.push_back((*out)->oid);
  }
  return Status::OK();
}

static bool IsDateTimeSeriesType(TypeOid t) {
  return t == type::kDate || t == type::kTimestamp || t == type::kTimestampTz;
}

Status Binder::BindFunctionScan(const ast::Expr& call, BinderScope* scope, PlanPtr* out,
                                std::vector<ColumnDesc>* result_columns) {
  std::string name = call.func_name.back();
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::kFunctionScan;
  node->function_name = name;
  std::vector<TypeRef> arg_types;
  // A function in FROM may use the FROM items before it (implicit LATERAL).
  BinderScope lateral_scope;
  lateral_scope.outer = scope;
  for (const auto& a : call.args) {
    BoundExprPtr b;
    NANO_RETURN_IF_ERROR(BindExpr(*a, &lateral_scope, &b));
    arg_types.push_back(b->type);
    node->function_args.push_back(std::move(b));
  }
  TypeRef result;
  if (!UserFunctionsNamed(call.func_name).empty()) {
    bool handled = false;
    BoundExprPtr user_call;
    NANO_RETURN_IF_ERROR(BindUserCall(call, &node->function_args, &handled, &user_call));
    if (handled) {
      const FunctionDef& fn = *user_call->user_fn;
      node->function_args = std::move(user_call->args);
      user_call->args.clear();
      node->function = std::move(user_call);
      node->function_name = fn.name;
      result_columns->clear();
      if (fn.result_columns.empty()) {
        result_columns->push_back(ColumnDesc{"", fn.return_type, 0, 0});
      } else {
        for (const FunctionArg& c : fn.result_columns) {
          result_columns->push_back(ColumnDesc{c.name, c.type, 0, 0});
        }
      }
      return FinishFunctionScan(&lateral_scope, std::move(node), out);
    }
  }
  if (name == "generate_series" && node->function_args.size() == 3 &&
      (IsDateTimeSeriesType(arg_types[0].oid) || IsDateTimeSeriesType(arg_types[1].oid) ||
       arg_types[2].oid == type::kInterval)) {
    // generate_series(timestamp[tz], timestamp[tz], interval); dates run
    // as timestamptz, PostgreSQL's preferred type of the category.
    std::vector<TypeRef> bounds = {arg_types[0], arg_types[1]};
    TypeRef common;
    NANO_RETURN_IF_ERROR(CommonType(bounds, "generate_series", call.location, &common));
    if (common.oid != type::kTimestamp) common = {type::kTimestampTz, -1};
    common.typmod = -1;
    for (size_t i = 0; i < 2; ++i) {
      NANO_RETURN_IF_ERROR(Coerce(std::move(node->function_args[i]), common,
                                  CoercionContext::kImplicit, &node->function_args[i]));
    }
    NANO_RETURN_IF_ERROR(Coerce(std::move(node->function_args[2]), TypeRef{type::kInterval, -1},
                                CoercionContext::kImplicit, &node->function_args[2]));
    result = common;
  } else if (name == "generate_series") {
    TypeRef common;
    NANO_RETURN_IF_ERROR(CommonType(arg_types, "generate_series", call.location, &common));
    if (common.oid == type::kUnknown || common.oid == type::kText) common = {type::kInt4, -1};
    if (common.oid == type::kInt2) common = {type::kInt4, -1};
    if (common.oid != type::kInt4 && common.oid != type::kInt8 && common.oid != type::kNumeric) {
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "generate_series over " + FormatType(common) + " is not supported yet",
                     call.location);
    }
    for (auto& a : node->function_args) {
      NANO_RETURN_IF_ERROR(Coerce(std::move(a), common, CoercionContext::kImplicit, &a));
    }
    result = common;
  } else if (name == "unnest" && node->function_args.size() == 1) {
    TypeOid elem = ElementTypeOf(node->function_args[0]->type.oid);
    if (elem == 0) {
      return ErrorAt(
          sqlstate::kUndefinedFunction,
          "function unnest(" + FormatType(node->function_args[0]->type) + ") does not exist",
          call.location);
    }
    result = node->function_args[0]->type.oid == type::kRecordArray
                 ? ArrayElementType(node->function_args[0]->type)  // ct[] gives ct
                 : TypeRef{elem, -1};
  } else if (name == "pg_partition_ancestors" && node->function_args.size() == 1) {
    // unnest(ARRAY[rel, parent, grandparent, ...]): the partition
    // ancestors of a constant relation are read from the catalog.
    const TypeRef regclass{type::kRegClass, -1};
    auto array = std::make_unique<BoundExpr>();
    array->kind = BoundExprKind::kArray;
    array->type = TypeRef{ArrayTypeOf(type::kRegClass), -1};
    array->location = call.location;
    BoundExprPtr rel;
    NANO_RETURN_IF_ERROR(Coerce(std::move(node->function_args[0]), regclass,
                                CoercionContext::kImplicit, &rel, call.location));
    const TableDef* t = nullptr;
    if (rel->IsConst() && !rel->constant.is_null()) {
      t = catalog_->TableByOid(static_cast<Oid>(rel->constant.int_value()));
    } else {
      // Read at run time: the relation comes from a column.
      array->kind = BoundExprKind::kSessionFn;
      array->session_fn = SessionFn::kPartitionAncestry;
    }
    array->args.push_back(std::move(rel));
    for (size_t depth = 0; t != nullptr && t->is_partition() && depth < catalog_->tables().size();
         ++depth) {
      t = catalog_->TableByOid(t->parents.at(0));
      if (t != nullptr) {
        BoundExprPtr ancestor;
        NANO_RETURN_IF_ERROR(Coerce(MakeConst(Value::Oid(t->oid), TypeRef{type::kOid, -1}),
                                    regclass, CoercionContext::kImplicit, &ancestor));
        array->args.push_back(std::move(ancestor));
      }
    }
    node->function_args[0] = std::move(array);
    node->function_name = "unnest";
    result = regclass;
  } else if (name == "generate_subscripts" &&
             (node->function_args.size() == 2 || node->function_args.size() == 3)) {
    if (ElementTypeOf(node->function_args[0]->type.oid) == 0) {
      return ErrorAt(sqlstate::kUndefinedFunction,
                     "function generate_subscripts(" + FormatType(node->function_args[0]->type) +
                         ", integer) does not exist",
                     call.location);
    }
    for (size_t i = 1; i < node->function_args.size(); ++i) {
      const TypeOid want = i == 1 ? type::kInt4 : type::kBool;
      NANO_RETURN_IF_ERROR(Coerce(std::move(node->function_args[i]), TypeRef{want, -1},
                                  CoercionContext::kImplicit, &node->function_args[i]));
    }
    result = TypeRef{type::kInt4, -1};
  } else if (const SetReturningFunction* srf =
                 FindSetReturningFunction(name, node->function_args.size())) {
    NANO_RETURN_IF_ERROR(BindTableFunctionArgs(*srf, call, node.get()));
    node->set_returning = srf;
    result_columns->clear();
    for (const SetReturningColumn& c : srf->columns) {
      result_columns->push_back(ColumnDesc{c.name, TypeRef{c.type, -1}, 0, 0});
    }
  } else {
    return ErrorAt(sqlstate::kFeatureNotSupported,
                   "function " + name + "() in FROM is not supported yet", call.location);
  }
  if (node->set_returning == nullptr) *result_columns = {ColumnDesc{"", result, 0, 0}};
  if (name == "pg_partition_ancestors") (*result_columns)[0].name = "relid";  // its OUT column
  return FinishFunctionScan(&lateral_scope, std::move(node), out);
}

Status Binder::FinishFunctionScan(BinderScope* lateral_scope, PlanPtr node, PlanPtr* out) {
  bool reads_from_items = false;
  for (const auto& a : node->function_args) reads_from_items |= ReadsDepth(*a, 1);
  if (reads_from_items) {
    node->lateral = true;
  } else if (lateral_scope->used_outer) {
    for (auto& a : node->function_args) LowerOuterDepths(a.get(), 2);
  }
  *out = std::move(node);
  return Status::OK();
}

// Casts a table-driven SRF's arguments to its declared types; a type that
// does not coerce implicitly is PostgreSQL's 42883 for the whole call.
Status Binder::BindTableFunctionArgs(const SetReturningFunction& srf, const ast::Expr& call,
                                     PlanNode* node) {
  for (size_t i = 0; i < node->function_args.size(); ++i) {
    const TypeRef want{srf.arg_types[i], -1};
    if (!CanCoerce(node->function_args[i]->type.oid, want.oid, CoercionContext::kImplicit)) {
      std::string args;
      for (size_t k = 0; k < node->function_args.size(); ++k) {
        args += (k ? ", " : "") + FormatType(node->function_args[k]->type);
      }
      return ErrorAt(sqlstate::kUndefinedFunction,
                     "function " + std::string(srf.name) + "(" + args + ") does not exist",
                     call.location)
          .WithHint(
              "No function matches the given name and argument types. You might need to add "
              "explicit type casts.");
    }
    NANO_RETURN_IF_ERROR(Coerce(std::move(node->function_args[i]), want, CoercionContext::kImplicit,
                                &node->function_args[i]));
  }
  return Status::OK();
}

// The set-returning calls of a select-list expression, outermost first (not
// inside subqueries, which bind their own). Inside CASE, COALESCE, aggregate
// and window calls PostgreSQL rejects them (0A000), and so do we.
Status CollectSrfCalls(const ast::Expr& e, std::vector<const ast::Expr*>* out,
                       const char* forbidden, const Catalog* catalog) {
  if (IsSetReturningCall(e, catalog)) {
    if (forbidden != nullptr) {
      return Status::Error(sqlstate::kFeatureNotSupported, forbidden)
          .WithHint(
              "You might be able to move the set-returning function into a LATERAL FROM "
              "item.");
    }
    out->push_back(&e);
    return Status::OK();
  }
  if (e.kind == ast::ExprKind::kSubLink) return Status::OK();
  if (e.kind == ast::ExprKind::kCase) {
    forbidden = "set-returning functions are not allowed in CASE";
  } else if (e.kind == ast::ExprKind::kCoalesce) {
    forbidden = "set-returning functions are not allowed in COALESCE";
  } else if (e.kind == ast::ExprKind::kFuncCall && e.over) {
    forbidden = "window function calls cannot contain set-returning function calls";
  } else if (e.kind == ast::ExprKind::kFuncCall &&
             FunctionRegistry::Builtins().IsAggregateName(e.func_name.back())) {
    forbidden = "aggregate function calls cannot contain set-returning function calls";
  }
  for (const ast::Expr* child : {e.left.get(), e.right.get(), e.default_result.get()}) {
    if (child) NANO_RETURN_IF_ERROR(CollectSrfCalls(*child, out, forbidden, catalog));
  }
  for (const auto& a : e.args) {
    if (a) NANO_RETURN_IF_ERROR(CollectSrfCalls(*a, out, forbidden, catalog));
  }
  return Status::OK();
}

bool IsSetReturningCall(const ast::Expr& e, const Catalog* catalog) {
  if (e.kind != ast::ExprKind::kFuncCall || e.over || e.func_name.empty()) return false;
  const std::string& n = e.func_name.back();
  if (catalog != nullptr) {
    for (const auto& [oid, f] : catalog->functions()) {
      if (f.name == n && f.returns_set) return true;
    }
  }
  return (n == "generate_series" && (e.args.size() == 2 || e.args.size() == 3)) ||
         (n == "unnest" && e.args.size() == 1) ||
         (n == "generate_subscripts" && (e.args.size() == 2 || e.args.size() == 3)) ||
         FindSetReturningFunction(n, e.args.size()) != nullptr;
}

Status CheckNameConflicts(const BinderScope& scope, size_t old_begin, size_t old_end,
                          size_t new_begin, size_t new_end) {
  for (size_t n = new_begin; n < new_end && n < scope.items.size(); ++n) {
    const ScopeItem& item = scope.items[n];
    if (item.alias.empty()) continue;
    for (size_t o = old_begin; o < old_end; ++o) {
      if (scope.items[o].alias != item.alias) continue;
      // PostgreSQL reports these without a position.
      return Status::Error(sqlstate::kAmbiguousAlias,
                           "table name \"" + item.alias + "\" specified more than once");
    }
  }
  return Status::OK();
}

Status Binder::AliasJoin(const ast::TableRef& ref, size_t first_item, BinderScope* scope) {
  if (!ref.alias) return Status::OK();
  // `(a JOIN b) AS x (c1, c2, ...)`: one item named x whose columns are the
  // join's visible columns (merged USING columns first), renamed in order;
  // the tables inside are no longer visible by their own names.
  ScopeItem item;
  item.alias = ref.alias->name;
  for (size_t i = first_item; i < scope->items.size(); ++i) {
    for (const ScopeColumn& c : scope->items[i].columns) {
      if (!c.hidden) item.columns.push_back(c);
    }
  }
  const std::vector<std::string>& names = ref.alias->columns;
  if (names.size() > item.columns.size()) {
    return ErrorAt(sqlstate::kInvalidColumnReference,
                   "join expression \"" + ref.alias->name + "\" has " +
                       std::to_string(item.columns.size()) + " columns available but " +
                       std::to_string(names.size()) + " columns specified",
                   -1);  // PostgreSQL gives no position
  }
  for (size_t i = 0; i < names.size(); ++i) item.columns[i].name = names[i];
  scope->items.resize(first_item);
  scope->items.push_back(std::move(item));
  return Status::OK();
}

Status Binder::BindFromItem(const ast::TableRef& ref, BinderScope* scope, PlanPtr* plan) {
  switch (ref.kind) {
    case ast::TableRefKind::kRelation: {
      if (ref.relation.schema.empty()) {
        if (const CteBinding* cte = FindCte(ref.relation.name)) {
          if (cte->dml_without_returning) {
            return ErrorAt(sqlstate::kFeatureNotSupported,
                           "WITH query \"" + cte->name + "\" does not have a RETURNING clause",
                           ref.location);
          }
          std::string alias = ref.alias ? ref.alias->name : cte->name;
          ScopeItem& item = scope->AddItem(alias);
          auto node = std::make_unique<PlanNode>();
          node->kind = cte->recursive_reference ? PlanKind::kWorkTableScan : PlanKind::kCteScan;
          node->shared_plan = cte->plan;
          node->cte_id = cte->id;
          for (size_t i = 0; i < cte->columns.size(); ++i) {
            std::string name = cte->columns[i].name;
            if (ref.alias && i < ref.alias->columns.size()) name = ref.alias->columns[i];
            scope->AddColumn(item, name, cte->columns[i].type);
            node->columns.push_back(ColumnDesc{name, cte->columns[i].type, 0, 0});
          }
          *plan = std::move(node);
          return Status::OK();
        }
      }
      const TableDef* table = nullptr;
      NANO_RETURN_IF_ERROR(LookupRelation(ref.relation, &table));
      if (table->kind == RelKind::kView && !IsSystemTable(table->oid)) {
        return BindView(*table, ref, scope, plan);
      }
      if (table->kind == RelKind::kSequence) {
        return ErrorAt(sqlstate::kFeatureNotSupported,
                       "selecting from a sequence is not supported yet", ref.location);
      }
      std::string alias = ref.alias ? ref.alias->name : table->name;
      ScopeItem& item = scope->AddItem(alias);
      auto node = std::make_unique<PlanNode>();
      node->kind = PlanKind::kSeqScan;
      node->table_oid = table->oid;
      size_t alias_i = 0;
      for (int ci : table->LiveColumns()) {
        const ColumnDef& c = table->columns[ci];
        std::string name = c.name;
        if (ref.alias && alias_i < ref.alias->columns.size()) name = ref.alias->columns[alias_i];
        ++alias_i;
        scope->AddColumn(item, name, c.type, table->oid, c.attnum);
        node->scan_columns.push_back(ci);
        node->columns.push_back(ColumnDesc{name, c.type, table->oid, c.attnum});
      }
      if (InInheritanceTree(*table)) {
        // The tableoid system column, hidden from `*`.
        TypeRef oid_type{type::kOid, -1};
        scope->AddColumn(item, "tableoid", oid_type);
        item.columns.back().hidden = true;
        item.columns.back().whole_row = true;  // yet found by unqualified references
        node->scan_columns.push_back(kTableOidColumn);
        node->columns.push_back(ColumnDesc{"tableoid", oid_type, 0, 0});
        if (ref.relation.inh) AddInheritMembers(*table, node.get());
      }
      NoteAccess(*table, kPrivSelect);
      if (table->row_security) {
        NANO_RETURN_IF_ERROR(AddRowSecurityQuals(*table, 'r', false, node.get()));
      }
      *plan = std::move(node);
      return Status::OK();
    }
    case ast::TableRefKind::kSubquery: {
      PlanPtr sub;
      // LATERAL: the subquery sees the FROM items before it as an outer level
      // (the join feeds it each left row).
      BinderScope lateral_scope;
      lateral_scope.outer = scope;
      lateral_scope.transparent = true;
      NANO_RETURN_IF_ERROR(
          BindSelect(*ref.subquery, ref.lateral ? &lateral_scope : scope->outer, &sub));
      if (ref.lateral && lateral_scope.used_outer) sub->lateral = true;
      std::string alias = ref.alias ? ref.alias->name : "";
      ScopeItem& item = scope->AddItem(alias);
      for (size_t i = 0; i < sub->columns.size(); ++i) {
        std::string name = sub->columns[i].name;
        if (ref.alias && i < ref.alias->columns.size()) name = ref.alias->columns[i];
        scope->AddColumn(item, name, sub->columns[i].type);
        sub->columns[i].name = name;
      }
      *plan = std::move(sub);
      return Status::OK();
    }
    case ast::TableRefKind::kJoin: {
      PlanPtr left, right;
      size_t first_item = scope->items.size();
      // The join's own rows start at this slot of the FROM row; its
      // conditions are evaluated on its own rows.
      const int base = scope->width;
      NANO_RETURN_IF_ERROR(BindFromItem(*ref.left, scope, &left));
      size_t right_first_item = scope->items.size();
      NANO_RETURN_IF_ERROR(BindFromItem(*ref.right, scope, &right));
      NANO_RETURN_IF_ERROR(CheckNameConflicts(*scope, first_item, right_first_item,
                                              right_first_item, scope->items.size()));
      auto join = std::make_unique<PlanNode>();
      join->kind = PlanKind::kNestedLoopJoin;
      switch (ref.join_type) {
        case ast::JoinType::kInner:
          join->join_kind = JoinKind::kInner;
          break;
        case ast::JoinType::kCross:
          join->join_kind = JoinKind::kInner;
          break;
        case ast::JoinType::kLeft:
          join->join_kind = JoinKind::kLeft;
          break;
        case ast::JoinType::kRight:
          join->join_kind = JoinKind::kRight;
          break;
        case ast::JoinType::kFull:
          join->join_kind = JoinKind::kFull;
          break;
      }
      const bool left_nullable =
          join->join_kind == JoinKind::kRight || join->join_kind == JoinKind::kFull;
      const bool right_nullable =
          join->join_kind == JoinKind::kLeft || join->join_kind == JoinKind::kFull;
      for (size_t k = first_item; k < scope->items.size(); ++k) {
        if (k < right_first_item ? left_nullable : right_nullable) scope->items[k].nullable = true;
      }
      join->columns = left->columns;
      join->columns.insert(join->columns.end(), right->columns.begin(), right->columns.end());
      join->lateral = right->lateral;
      if (join->lateral &&
          (join->join_kind == JoinKind::kRight || join->join_kind == JoinKind::kFull)) {
        return ErrorAt(sqlstate::kInvalidColumnReference,
                       "invalid reference to FROM-clause entry for table", ref.location)
            .WithDetail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
      }
      std::vector<std::string> using_cols = ref.using_columns;
      std::vector<std::pair<int, int>> full_merge;  // (left slot, right slot) per merged column
      if (ref.natural) {
        for (size_t li = first_item; li < right_first_item; ++li) {
          for (const ScopeColumn& lc : scope->items[li].columns) {
            if (lc.hidden) continue;
            for (size_t ri = right_first_item; ri < scope->items.size(); ++ri) {
              for (const ScopeColumn& rc : scope->items[ri].columns) {
                if (!rc.hidden && rc.name == lc.name) using_cols.push_back(lc.name);
              }
            }
          }
        }
      }
      if (!using_cols.empty()) {
        ScopeItem merged;
        merged.alias = ref.using_alias;
        merged.is_join_merge = true;
        BoundExprPtr cond;
        for (const std::string& name : using_cols) {
          ScopeColumn* lc = nullptr;
          ScopeColumn* rc = nullptr;
          for (size_t i = first_item; i < right_first_item; ++i) {
            for (ScopeColumn& c : scope->items[i].columns) {
              if (c.name == name && !c.hidden) lc = &c;
            }
          }
          for (size_t i = right_first_item; i < scope->items.size(); ++i) {
            for (ScopeColumn& c : scope->items[i].columns) {
              if (c.name == name && !c.hidden) rc = &c;
            }
          }
          if (lc == nullptr || rc == nullptr) {
            return ErrorAt(sqlstate::kUndefinedColumn,
                           "column \"" + name + "\" specified in USING clause does not exist in " +
                               (lc == nullptr ? "left" : "right") + " table",
                           ref.location);
          }
          BoundExprPtr eq;
          NANO_RETURN_IF_ERROR(BindOperator("=", MakeColumnRef(lc->slot, lc->type),
                                            MakeColumnRef(rc->slot, rc->type), ref.location, &eq));
          if (cond) {
            auto conj = std::make_unique<BoundExpr>();
            conj->kind = BoundExprKind::kAnd;
            conj->type = TypeRef{type::kBool, -1};
            conj->args.push_back(std::move(cond));
            conj->args.push_back(std::move(eq));
            cond = std::move(conj);
          } else {
            cond = std::move(eq);
          }
          ScopeColumn m = ref.join_type == ast::JoinType::kRight ? *rc : *lc;
          m.hidden = false;
          if (ref.join_type == ast::JoinType::kFull) {
            // FULL JOIN: the merged column is COALESCE(left, right), computed
            // into an extra slot after both sides.
            m.slot = -1;
            full_merge.emplace_back(lc->slot, rc->slot);
          }
          merged.columns.push_back(m);
          lc->hidden = true;
          rc->hidden = true;
        }
        join->filter = std::move(cond);
        scope->items.insert(scope->items.begin() + static_cast<long>(first_item),
                            std::move(merged));
        // JOIN ... USING (...) AS x: x is one more name of this join.
        NANO_RETURN_IF_ERROR(CheckNameConflicts(*scope, first_item + 1, scope->items.size(),
                                                first_item, first_item + 1));
      } else if (ref.quals) {
        NANO_RETURN_IF_ERROR(BindCondition(*ref.quals, scope, "JOIN/ON", &join->filter));
      }
      if (join->filter && base > 0) RebaseColumnRefs(join->filter.get(), base);
      join->children.push_back(std::move(left));
      join->children.push_back(std::move(right));
      if (!full_merge.empty()) {
        std::vector<BoundExprPtr> exprs;
        std::vector<ColumnDesc> cols = join->columns;
        for (size_t i = 0; i < join->columns.size(); ++i) {
          exprs.push_back(MakeColumnRef(static_cast<int>(i), join->columns[i].type));
        }
        ScopeItem& merged_item = scope->items[first_item];
        size_t k = 0;
        for (ScopeColumn& c : merged_item.columns) {
          if (c.slot != -1 || k >= full_merge.size()) continue;
          auto [ls, rs] = full_merge[k++];
          auto co = std::make_unique<BoundExpr>();
          co->kind = BoundExprKind::kCoalesce;
          TypeRef t = join->columns[ls - base].type;
          co->type = t;
          BoundExprPtr r = MakeColumnRef(rs - base, join->columns[rs - base].type);
          NANO_RETURN_IF_ERROR(Coerce(std::move(r), t, CoercionContext::kImplicit, &r));
          co->args.push_back(MakeColumnRef(ls - base, t));
          co->args.push_back(std::move(r));
          exprs.push_back(std::move(co));
          cols.push_back(ColumnDesc{c.name, t, 0, 0});
          c.slot = scope->width++;
          c.table_oid = 0;
          c.attnum = 0;
        }
        *plan = MakeProject(std::move(join), std::move(exprs), cols);
        return AliasJoin(ref, first_item, scope);
      }
      *plan = std::move(join);
      return AliasJoin(ref, first_item, scope);
    }
    case ast::TableRefKind::kFunction: {
      if (ref.functions.size() != 1 || ref.functions[0]->kind != ast::ExprKind::kFuncCall) {
        return ErrorAt(sqlstate::kFeatureNotSupported, "ROWS FROM is not supported yet",
                       ref.location);
      }
      const ast::Expr& call = *ref.functions[0];
      std::string name = call.func_name.back();
      PlanPtr node;
      std::vector<ColumnDesc> result;
      NANO_RETURN_IF_ERROR(BindFunctionScan(call, scope, &node, &result));
      node->with_ordinality = ref.with_ordinality;
      std::string alias = ref.alias ? ref.alias->name : name;
      ScopeItem& item = scope->AddItem(alias);
      const size_t named = ref.alias ? ref.alias->columns.size() : 0;
      for (size_t k = 0; k < result.size(); ++k) {
        std::string col = k < named                ? ref.alias->columns[k]
                          : result[k].name.empty() ? alias
                                                   : result[k].name;
        scope->AddColumn(item, col, result[k].type);
        node->columns.push_back(ColumnDesc{col, result[k].type, 0, 0});
      }
      if (result.size() == 1 && named == 0 && !result[0].name.empty() && result[0].name != alias) {
        ScopeColumn whole = item.columns.back();
        whole.name = alias;
        whole.hidden = true;
        whole.whole_row = true;
        item.columns.push_back(std::move(whole));
      }
      if (ref.with_ordinality) {
        std::string ord = named > result.size() ? ref.alias->columns[result.size()] : "ordinality";
        scope->AddColumn(item, ord, TypeRef{type::kInt8, -1});
        node->columns.push_back(ColumnDesc{ord, TypeRef{type::kInt8, -1}, 0, 0});
      }
      *plan = std::move(node);
      return Status::OK();
    }
    case ast::TableRefKind::kValues:
      break;
  }
  return ErrorAt(sqlstate::kFeatureNotSupported, "unsupported FROM item", ref.location);
}

const Binder::CteBinding* Binder::FindCte(const std::string& name) const {
  for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

// Binds each WITH query in order (later ones may use earlier ones); a
// RECURSIVE query that references itself becomes a recursive union whose
// second branch reads the work table. *pushed = how many bindings to pop.
Status Binder::BindDmlCte(const ast::CommonTableExpr& cte, CteBinding* binding) {
  BoundStatement dml;
  switch (cte.query->kind) {
    case ast::StmtKind::kInsert:
      NANO_RETURN_IF_ERROR(BindInsert(static_cast<const ast::InsertStmt&>(*cte.query), &dml));
      break;
    case ast::StmtKind::kUpdate:
      NANO_RETURN_IF_ERROR(BindUpdate(static_cast<const ast::UpdateStmt&>(*cte.query), &dml));
      break;
    default:
      NANO_RETURN_IF_ERROR(BindDelete(static_cast<const ast::DeleteStmt&>(*cte.query), &dml));
      break;
  }
  binding->columns = dml.columns;
  binding->dml_without_returning = !dml.returns_rows;
  for (size_t i = 0; i < cte.column_names.size() && i < binding->columns.size(); ++i) {
    binding->columns[i].name = cte.column_names[i];
  }
  binding->plan = dml.plan;
  dml_ctes_.emplace_back(binding->id, dml.plan);
  return Status::OK();
}

Status Binder::BindWith(const ast::WithClause& with, const ast::Statement* owner,
                        BinderScope* outer, size_t* pushed) {
  *pushed = 0;
  for (const ast::CommonTableExpr& cte : with.ctes) {
    for (size_t i = ctes_.size() - *pushed; i < ctes_.size(); ++i) {
      if (ctes_[i].name == cte.name) {
        return ErrorAt("42712", "WITH query name \"" + cte.name + "\" specified more than once",
                       cte.location);
      }
    }
    if (cte.query == nullptr) {
      return ErrorAt(sqlstate::kSyntaxError, "WITH query without a statement", cte.location);
    }
    CteBinding binding;
    binding.name = cte.name;
    binding.id = next_cte_id_++;
    if (cte.query->kind != ast::StmtKind::kSelect) {
      if (owner != top_statement_ || owner == nullptr) {
        return ErrorAt(sqlstate::kFeatureNotSupported,
                       "WITH clause containing a data-modifying statement must be at the top level",
                       cte.location);
      }
      NANO_RETURN_IF_ERROR(BindDmlCte(cte, &binding));
      binding.recursive_reference = false;
      ctes_.push_back(std::move(binding));
      ++*pushed;
      continue;
    }
    const auto& query = static_cast<const ast::SelectStmt&>(*cte.query);
    PlanPtr plan;
    bool recursive = with.recursive && query.op == ast::SetOp::kUnion && query.larg && query.rarg;
    if (recursive) {
      // Seed first: its columns give the work table's types.
      PlanPtr seed;
      NANO_RETURN_IF_ERROR(BindSelect(*query.larg, outer, &seed));
      binding.columns = seed->columns;
      for (size_t i = 0; i < cte.column_names.size() && i < binding.columns.size(); ++i) {
        binding.columns[i].name = cte.column_names[i];
      }
      binding.recursive_reference = true;
      ctes_.push_back(binding);
      PlanPtr step;
      Status st = BindSelect(*query.rarg, outer, &step);
      ctes_.pop_back();
      NANO_RETURN_IF_ERROR(st);
      if (step->columns.size() != seed->columns.size()) {
        return ErrorAt(sqlstate::kSyntaxError,
                       "each UNION query must have the same number of columns", cte.location);
      }
      std::vector<BoundExprPtr> casts;
      bool need_cast = false;
      for (size_t i = 0; i < step->columns.size(); ++i) {
        BoundExprPtr c = MakeColumnRef(static_cast<int>(i), step->columns[i].type);
        if (!(step->columns[i].type == seed->columns[i].type)) need_cast = true;
        NANO_RETURN_IF_ERROR(
            Coerce(std::move(c), seed->columns[i].type, CoercionContext::kImplicit, &c));
        casts.push_back(std::move(c));
      }
      if (need_cast) step = MakeProject(std::move(step), std::move(casts), seed->columns);
      auto ru = std::make_unique<PlanNode>();
      ru->kind = PlanKind::kRecursiveUnion;
      ru->cte_id = binding.id;
      ru->set_all = query.all;
      ru->columns = binding.columns;
      ru->children.push_back(std::move(seed));
      ru->children.push_back(std::move(step));
      plan = std::move(ru);
    } else {
      NANO_RETURN_IF_ERROR(BindSelect(query, outer, &plan));
      binding.columns = plan->columns;
      if (cte.column_names.size() > binding.columns.size()) {
        return ErrorAt(sqlstate::kInvalidColumnReference,
                       "WITH query \"" + cte.name + "\" has " +
                           std::to_string(binding.columns.size()) + " columns available but " +
                           std::to_string(cte.column_names.size()) + " columns specified",
                       cte.location);
      }
      for (size_t i = 0; i < cte.column_names.size(); ++i) {
        binding.columns[i].name = cte.column_names[i];
      }
    }
    binding.recursive_reference = false;
    binding.plan = std::shared_ptr<const PlanNode>(std::move(plan));
    ctes_.push_back(std::move(binding));
    ++*pushed;
  }
  return Status::OK();
}

Status Binder::BindView(const TableDef& view, const ast::TableRef& ref, BinderScope* scope,
                        PlanPtr* plan) {
  if (view_depth_ > 32) {
    return ErrorAt(sqlstate::kInvalidObjectDefinition,
                   "infinite recursion detected in rules for relation \"" + view.name + "\"",
                   ref.location);
  }
  std::vector<ast::StatementPtr> parsed;
  NANO_RETURN_IF_ERROR(ParseSql(view.view_query, &parsed));
  if (parsed.size() != 1 || parsed[0]->kind != ast::StmtKind::kSelect) {
    return ErrorAt(sqlstate::kDataCorrupted, "view \"" + view.name + "\" has a bad definition",
                   ref.location);
  }
  // A view sees no WITH queries of the statement that uses it.
  std::vector<CteBinding> saved;
  saved.swap(ctes_);
  NoteAccess(view, kPrivSelect);
  ++view_depth_;
  view_owners_.push_back(view.owner);  // its relations are checked as the view's owner
  PlanPtr sub;
  Status st = BindSelect(static_cast<const ast::SelectStmt&>(*parsed[0]), nullptr, &sub);
  view_owners_.pop_back();
  --view_depth_;
  saved.swap(ctes_);
  NANO_RETURN_IF_ERROR(st);
  std::string alias = ref.alias ? ref.alias->name : view.name;
  ScopeItem& item = scope->AddItem(alias);
  std::vector<int> live = view.LiveColumns();
  for (size_t i = 0; i < sub->columns.size(); ++i) {
    std::string name = i < live.size() ? view.columns[live[i]].name : sub->columns[i].name;
    if (ref.alias && i < ref.alias->columns.size()) name = ref.alias->columns[i];
    scope->AddColumn(item, name, sub->columns[i].type);
    sub->columns[i].name = name;
  }
  *plan = std::move(sub);
  return Status::OK();
}

Status Binder::BindSelect(const ast::SelectStmt& stmt, BinderScope* outer, PlanPtr* plan) {
  size_t pushed = 0;
  if (stmt.with && !stmt.with->ctes.empty()) {
    NANO_RETURN_IF_ERROR(BindWith(*stmt.with, &stmt, outer, &pushed));
  }
  Status st;
  if (stmt.op != ast::SetOp::kNone) {
    st = BindSetOp(stmt, outer, plan);
  } else if (!stmt.values.empty()) {
    st = BindValues(stmt, outer, plan);
  } else {
    st = BindSimpleSelect(stmt, outer, plan);
  }
  ctes_.resize(ctes_.size() - pushed);
  return st;
}

// LIMIT / OFFSET / FETCH ... WITH TIES over *plan (a no-op without them).
// The expressions may use enclosing queries' columns, not this one's.
Status Binder::BindLimit(const ast::SelectStmt& stmt, BinderScope* outer, PlanPtr* plan) {
  if (!stmt.limit_count && !stmt.limit_offset) return Status::OK();
  auto limit = std::make_unique<PlanNode>();
  limit->kind = PlanKind::kLimit;
  limit->columns = (*plan)->columns;
  limit->with_ties = stmt.limit_option == ast::LimitOption::kWithTies;
  if (limit->with_ties && stmt.order_by.empty()) {
    return ErrorAt(sqlstate::kSyntaxError, "WITH TIES cannot be specified without ORDER BY clause",
                   -1);
  }
  BinderScope none;
  none.outer = outer;
  if (stmt.limit_count && !(stmt.limit_count->kind == ast::ExprKind::kConst &&
                            stmt.limit_count->const_kind == ast::ConstKind::kNull)) {
    NANO_RETURN_IF_ERROR(BindExprAs(*stmt.limit_count, &none, {type::kInt8, -1},
                                    CoercionContext::kAssignment, &limit->limit));
  }
  if (stmt.limit_offset) {
    NANO_RETURN_IF_ERROR(BindExprAs(*stmt.limit_offset, &none, {type::kInt8, -1},
                                    CoercionContext::kAssignment, &limit->offset));
  }
  limit->children.push_back(std::move(*plan));
  *plan = std::move(limit);
  return Status::OK();
}

// ORDER BY / LIMIT / OFFSET over a finished row source (VALUES, set
// operations): keys are output positions or names of its columns.
// `names_only` (set operations) refuses other expressions, as PostgreSQL does.
Status Binder::BindSortLimitTail(const ast::SelectStmt& stmt, BinderScope* outer, bool names_only,
                                 PlanPtr* plan) {
  PlanPtr result = std::move(*plan);
  if (!stmt.order_by.empty()) {
    BinderScope scope;
    scope.outer = outer;
    ScopeItem& item = scope.AddItem(names_only ? "" : "*VALUES*");
    for (const ColumnDesc& c : result->columns) scope.AddColumn(item, c.name, c.type);
    auto sort = std::make_unique<PlanNode>();
    sort->kind = PlanKind::kSort;
    sort->columns = result->columns;
    for (const ast::SortBy& sb : stmt.order_by) {
      SortKey key;
      if (sb.expr->kind == ast::ExprKind::kConst &&
          sb.expr->const_kind == ast::ConstKind::kInteger) {
        int64_t pos = sb.expr->ival;
        if (pos < 1 || pos > static_cast<int64_t>(result->columns.size())) {
          return ErrorAt(sqlstate::kInvalidColumnReference,
                         "ORDER BY position " + std::to_string(pos) + " is not in select list",
                         sb.expr->location);
        }
        key.expr = MakeColumnRef(static_cast<int>(pos - 1), result->columns[pos - 1].type);
      } else {
        Status st = BindExpr(*sb.expr, &scope, &key.expr);
        if (names_only && (!st.ok() || key.expr->kind != BoundExprKind::kColumn)) {
          return ErrorAt(sqlstate::kFeatureNotSupported,
                         "invalid UNION/INTERSECT/EXCEPT ORDER BY clause", sb.expr->location)
              .WithDetail("Only result column names can be used, not expressions or functions.");
        }
        NANO_RETURN_IF_ERROR(st);
      }
      NANO_RETURN_IF_ERROR(RequireSortable(key.expr->type, true, *sb.expr));
      key.descending = sb.dir == ast::SortDir::kDesc;
      key.nulls_first = sb.nulls == ast::NullsOrder::kDefault ? key.descending
                                                              : sb.nulls == ast::NullsOrder::kFirst;
      sort->sort_keys.push_back(std::move(key));
    }
    sort->children.push_back(std::move(result));
    result = std::move(sort);
  }
  NANO_RETURN_IF_ERROR(BindLimit(stmt, outer, &result));
  *plan = std::move(result);
  return Status::OK();
}

Status Binder::BindValues(const ast::SelectStmt& stmt, BinderScope* outer, PlanPtr* plan) {
  size_t width = stmt.values[0].size();
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::kValues;
  std::vector<std::vector<BoundExprPtr>> rows;
  for (const auto& list : stmt.values) {
    if (list.size() != width) {
      return ErrorAt(sqlstate::kSyntaxError, "VALUES lists must all be the same length",
                     list.empty() ? -1 : list[0]->location);
    }
    std::vector<BoundExprPtr> row;
    for (const auto& e : list) {
      BoundExprPtr b;
      BinderScope empty;
      empty.outer = outer;
      NANO_RETURN_IF_ERROR(BindExpr(*e, &empty, &b));
      row.push_back(std::move(b));
    }
    rows.push_back(std::move(row));
  }
  for (size_t c = 0; c < width; ++c) {
    std::vector<TypeRef> types;
    for (const auto& row : rows) types.push_back(row[c]->type);
    TypeRef common;
    NANO_RETURN_IF_ERROR(CommonType(types, "VALUES", stmt.values[0][c]->location, &common));
    for (auto& row : rows) {
      NANO_RETURN_IF_ERROR(Coerce(std::move(row[c]), common, CoercionContext::kImplicit, &row[c]));
    }
    node->columns.push_back(ColumnDesc{"column" + std::to_string(c + 1), common, 0, 0});
  }
  node->rows = std::move(rows);
  *plan = std::move(node);
  return BindSortLimitTail(stmt, outer, /*names_only=*/false, plan);
}

Status Binder::BindSetOp(const ast::SelectStmt& stmt, BinderScope* outer, PlanPtr* plan) {
  PlanPtr left, right;
  NANO_RETURN_IF_ERROR(BindSelect(*stmt.larg, outer, &left));
  NANO_RETURN_IF_ERROR(BindSelect(*stmt.rarg, outer, &right));
  const char* opname = stmt.op == ast::SetOp::kUnion
                           ? "UNION"
                           : (stmt.op == ast::SetOp::kIntersect ? "INTERSECT" : "EXCEPT");
  if (left->columns.size() != right->columns.size()) {
    return ErrorAt(sqlstate::kSyntaxError,
                   std::string("each ") + opname + " query must have the same number of columns",
                   -1);
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::kSetOp;
  node->set_op = stmt.op == ast::SetOp::kUnion ? 1 : (stmt.op == ast::SetOp::kIntersect ? 2 : 3);
  node->set_all = stmt.all;
  std::vector<BoundExprPtr> lexprs, rexprs;
  bool lcast = false, rcast = false;
  for (size_t i = 0; i < left->columns.size(); ++i) {
    TypeRef common;
    NANO_RETURN_IF_ERROR(
        CommonType({left->columns[i].type, right->columns[i].type}, opname, -1, &common));
    if (!stmt.all) {
      const bool simple_left = stmt.larg->op == ast::SetOp::kNone && i < stmt.larg->targets.size();
      NANO_RETURN_IF_ERROR(
          RequireSortable(common, false, simple_left ? stmt.larg->targets[i].location : -1));
    }
    BoundExprPtr l = MakeColumnRef(static_cast<int>(i), left->columns[i].type);
    BoundExprPtr r = MakeColumnRef(static_cast<int>(i), right->columns[i].type);
    if (!(left->columns[i].type == common)) lcast = true;
    if (!(right->columns[i].type == common)) rcast = true;
    NANO_RETURN_IF_ERROR(Coerce(std::move(l), common, CoercionContext::kImplicit, &l));
    NANO_RETURN_IF_ERROR(Coerce(std::move(r), common, CoercionContext::kImplicit, &r));
    lexprs.push_back(std::move(l));
    rexprs.push_back(std::move(r));
    node->columns.push_back(ColumnDesc{left->columns[i].name, common, 0, 0});
  }
  if (lcast) left = MakeProject(std::move(left), std::move(lexprs), node->columns);
  if (rcast) right = MakeProject(std::move(right), std::move(rexprs), node->columns);
  node->children.push_back(std::move(left));
  node->children.push_back(std::move(right));
  *plan = std::move(node);
  return BindSortLimitTail(stmt, outer, /*names_only=*/true, plan);
}

Status Binder::BindSimpleSelect(const ast::SelectStmt& stmt, BinderScope* outer, PlanPtr* plan) {
  BinderScope scope;
  scope.outer = outer;

  // FROM
  PlanPtr input;
  for (const auto& ref : stmt.from) {
    PlanPtr item;
    const size_t before = scope.items.size();
    NANO_RETURN_IF_ERROR(BindFromItem(*ref, &scope, &item));
    NANO_RETURN_IF_ERROR(CheckNameConflicts(scope, 0, before, before, scope.items.size()));
    if (!input) {
      input = std::move(item);
    } else {
      auto join = std::make_unique<PlanNode>();
      join->kind = PlanKind::kNestedLoopJoin;
      join->join_kind = JoinKind::kInner;
      join->lateral = item->lateral;
      join->columns = input->columns;
      join->columns.insert(join->columns.end(), item->columns.begin(), item->columns.end());
      join->children.push_back(std::move(input));
      join->children.push_back(std::move(item));
      input = std::move(join);
    }
  }
  if (!input) {
    input = std::make_unique<PlanNode>();
    input->kind = PlanKind::kResult;
  }

  // WHERE
  if (stmt.where) {
    scope.no_agg_clause = "WHERE";
    BoundExprPtr cond;
    NANO_RETURN_IF_ERROR(BindCondition(*stmt.where, &scope, "WHERE", &cond));
    scope.no_agg_clause = nullptr;
    DecorrelateWhere(&cond, &input);
    if (cond) {
      auto filter = std::make_unique<PlanNode>();
      filter->kind = PlanKind::kFilter;
      filter->columns = input->columns;
      filter->filter = std::move(cond);
      filter->children.push_back(std::move(input));
      input = std::move(filter);
    }
  }

  // Set-returning functions in the select list (SELECT generate_series(1, 3),
  // SELECT id, unnest(tags) FROM t) run as lateral function scans joined to
  // the rows so far; the target reads the scan's column.
  std::vector<const ast::Expr*> srf_exprs;
  for (const ast::ResTarget& rt : stmt.targets) {
    NANO_RETURN_IF_ERROR(CollectSrfCalls(*rt.value, &srf_exprs, nullptr, catalog_.get()));
  }
  std::vector<std::pair<const ast::Expr*, ScopeColumn>> srf_calls;
  std::vector<PlanPtr> srf_scans;
  for (const ast::Expr* call : srf_exprs) {
    const ast::Expr& e = *call;
    PlanPtr fs;
    std::vector<ColumnDesc> cols;
    NANO_RETURN_IF_ERROR(BindFunctionScan(e, &scope, &fs, &cols));
    if (cols.size() != 1) {
      // jsonb_each() in a select list returns a record, which Nano has no
      // value for yet; in FROM it works.
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "set-returning function " + e.func_name.back() +
                         "() returning several columns is supported only in FROM",
                     e.location);
    }
    TypeRef rt = cols[0].type;
    fs->columns.push_back(ColumnDesc{e.func_name.back(), rt, 0, 0});
    ScopeColumn col;
    col.type = rt;
    srf_calls.emplace_back(call, col);
    srf_scans.push_back(std::move(fs));
  }
  if (!srf_scans.empty()) {
    // Bound against the FROM items only: the SRF columns join the scope
    // after all of them are bound (one SRF's argument cannot read another).
    PlanPtr fs;
    if (srf_scans.size() == 1) {
      fs = std::move(srf_scans[0]);
    } else {
      auto zip = std::make_unique<PlanNode>();
      zip->kind = PlanKind::kZipScan;
      for (PlanPtr& scan : srf_scans) {
        zip->lateral |= scan->lateral;
        zip->columns.insert(zip->columns.end(), scan->columns.begin(), scan->columns.end());
        zip->children.push_back(std::move(scan));
      }
      fs = std::move(zip);
    }
    ScopeItem& item = scope.AddItem("");
    for (auto& [call, col] : srf_calls) {
      scope.AddColumn(item, "?srf?", col.type);
      item.columns.back().hidden = true;
      col.slot = item.columns.back().slot;
    }
    scope.srf_calls = &srf_calls;
    auto join = std::make_unique<PlanNode>();
    join->kind = PlanKind::kNestedLoopJoin;
    join->join_kind = JoinKind::kInner;
    join->lateral = fs->lateral;
    join->columns = input->columns;
    join->columns.insert(join->columns.end(), fs->columns.begin(), fs->columns.end());
    join->children.push_back(std::move(input));
    join->children.push_back(std::move(fs));
    input = std::move(join);
  }

  // Target list (expanding * and t.*).
  struct Target {
    BoundExprPtr expr;
    ColumnDesc desc;
    int location = -1;
  };
  std::vector<Target> targets;
  std::vector<BoundAggregate> aggregates;
  std::vector<BoundWindow> windows;
  scope.aggregates = &aggregates;
  scope.windows = &windows;
  scope.window_defs = &stmt.windows;
  for (const ast::ResTarget& rt : stmt.targets) {
    const ast::Expr& e = *rt.value;
    bool star = e.kind == ast::ExprKind::kStar || (e.kind == ast::ExprKind::kColumnRef && e.star);
    if (star) {
      std::string qualifier =
          e.kind == ast::ExprKind::kColumnRef && !e.names.empty() ? e.names.back() : "";
      bool any = false;
      for (const ScopeItem& item : scope.items) {
        if (!qualifier.empty() && item.alias != qualifier) continue;
        for (const ScopeColumn& c : item.columns) {
          if (c.hidden && qualifier.empty()) continue;
          Target t;
          NoteColumn(c);
          t.expr = MakeColumnRef(c.slot, c.type);
          t.desc = ColumnDesc{c.name, c.type, c.table_oid, c.attnum};
          targets.push_back(std::move(t));
          any = true;
        }
        if (!qualifier.empty()) break;
      }
      if (!qualifier.empty() && !any) {
        bool exists = false;
        for (const ScopeItem& item : scope.items) exists |= item.alias == qualifier;
        // A PL/pgSQL record variable (NEW.*, r.*): its fields' parameters.
        const std::string prefix = qualifier + ".";
        for (size_t i = 0; !exists && i < param_names_.size(); ++i) {
          if (param_names_[i].compare(0, prefix.size(), prefix) != 0) continue;
          ast::Expr ref;
          ref.kind = ast::ExprKind::kParam;
          ref.param_number = static_cast<int>(i) + 1;
          ref.location = e.location;
          Target t;
          NANO_RETURN_IF_ERROR(BindExpr(ref, &scope, &t.expr));
          t.desc = ColumnDesc{param_names_[i].substr(prefix.size()), t.expr->type, 0, 0};
          t.location = rt.location;
          targets.push_back(std::move(t));
          any = true;
        }
        if (!exists && !any) {
          // t.* of an enclosing query level's FROM item (a correlation).
          std::vector<BoundExprPtr> refs;
          std::vector<ColumnDesc> descs;
          NANO_RETURN_IF_ERROR(ExpandStarRef(e, &scope, &refs, &descs));
          for (size_t k = 0; k < refs.size(); ++k) {
            Target t;
            t.expr = std::move(refs[k]);
            t.desc = descs[k];
            targets.push_back(std::move(t));
          }
        }
      }
      if (qualifier.empty() && scope.items.empty()) {
        return ErrorAt(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid",
                       e.location);
      }
      continue;
    }
    if (e.kind == ast::ExprKind::kIndirection && !e.indirection.empty() &&
        e.indirection.back().field == "*") {
      // (x).*: one output column per field of x.
      std::vector<BoundExprPtr> fields;
      std::vector<std::string> names;
      NANO_RETURN_IF_ERROR(BindFieldStar(e, &scope, &fields, &names));
      for (size_t k = 0; k < fields.size(); ++k) {
        Target t;
        t.desc = ColumnDesc{names[k], fields[k]->type, 0, 0};
        t.expr = std::move(fields[k]);
        t.location = rt.location;
        targets.push_back(std::move(t));
      }
      continue;
    }
    Target t;
    NANO_RETURN_IF_ERROR(BindExpr(e, &scope, &t.expr));
    t.desc.name = rt.name.empty() ? FigureColname(e) : rt.name;
    t.desc.type = t.expr->type;
    if (t.expr->kind == BoundExprKind::kColumn && t.expr->depth == 0) {
      if (const ScopeColumn* c = ColumnBySlot(scope, t.expr->column)) {
        t.desc.table_oid = c->table_oid;
        t.desc.column_number = c->attnum;
      }
    }
    t.location = rt.location;
    targets.push_back(std::move(t));
  }

  // GROUP BY: positions and output names first, then input expressions.
  // Each distinct expression is bound once; grouping sets refer to them by index.
  std::vector<BoundExprPtr> groups;
  scope.aggregates = nullptr;
  scope.windows = nullptr;
  scope.no_agg_clause = "GROUP BY";
  auto bind_group = [&](const ast::Expr& g, int* index) -> Status {
    BoundExprPtr b;
    if (g.kind == ast::ExprKind::kConst && g.const_kind == ast::ConstKind::kInteger) {
      int64_t pos = g.ival;
      if (pos < 1 || pos > static_cast<int64_t>(targets.size())) {
        return ErrorAt(sqlstate::kInvalidColumnReference,
                       "GROUP BY position " + std::to_string(pos) + " is not in select list",
                       g.location);
      }
      b = CloneExpr(*targets[pos - 1].expr);
    } else {
      Status st = BindExpr(g, &scope, &b);
      if (!st.ok() && g.kind == ast::ExprKind::kColumnRef && g.names.size() == 1 &&
          st.sqlstate() == sqlstate::kUndefinedColumn) {
        bool matched = false;
        for (const Target& t : targets) {
          if (t.desc.name == g.names[0]) {
            b = CloneExpr(*t.expr);
            matched = true;
            break;
          }
        }
        if (!matched) return st;
      } else if (!st.ok()) {
        return st;
      }
    }
    NANO_RETURN_IF_ERROR(RequireSortable(b->type, false, g));
    for (size_t i = 0; i < groups.size(); ++i) {
      if (BoundExprEquals(*groups[i], *b)) {
        *index = static_cast<int>(i);
        return Status::OK();
      }
    }
    *index = static_cast<int>(groups.size());
    groups.push_back(std::move(b));
    return Status::OK();
  };
  // One grouping element: an expression, or a parenthesised list (a, b)
  // (PostgreSQL reads an implicit row there as several expressions).
  auto bind_element = [&](const ast::Expr& g, std::vector<int>* element) -> Status {
    if (g.kind == ast::ExprKind::kRow) {
      for (const auto& a : g.args) {
        int index = 0;
        NANO_RETURN_IF_ERROR(bind_group(*a, &index));
        element->push_back(index);
      }
      return Status::OK();
    }
    int index = 0;
    NANO_RETURN_IF_ERROR(bind_group(g, &index));
    element->push_back(index);
    return Status::OK();
  };
  std::function<Status(const ast::SelectStmt::GroupingSet&, GroupingItem*)> bind_set =
      [&](const ast::SelectStmt::GroupingSet& gs, GroupingItem* item) -> Status {
    using GK = ast::SelectStmt::GroupingSet::Kind;
    item->kind = gs.kind == GK::kEmpty    ? GroupingItem::Kind::kEmpty
                 : gs.kind == GK::kRollup ? GroupingItem::Kind::kRollup
                 : gs.kind == GK::kCube   ? GroupingItem::Kind::kCube
                 : gs.kind == GK::kSets   ? GroupingItem::Kind::kSets
                                          : GroupingItem::Kind::kSimple;
    if (!gs.content.empty()) item->location = gs.content[0]->location;
    for (const auto& e : gs.content) {
      item->elements.emplace_back();
      NANO_RETURN_IF_ERROR(bind_element(*e, &item->elements.back()));
    }
    for (const auto& nested : gs.sets) {
      item->sets.emplace_back();
      NANO_RETURN_IF_ERROR(bind_set(nested, &item->sets.back()));
    }
    return Status::OK();
  };
  std::vector<GroupingItem> grouping_items;
  for (const auto& g : stmt.group_by) {
    GroupingItem item;
    item.elements.emplace_back();
    NANO_RETURN_IF_ERROR(bind_element(*g, &item.elements.back()));
    grouping_items.push_back(std::move(item));
  }
  for (const auto& gs : stmt.grouping_sets) {
    grouping_items.emplace_back();
    NANO_RETURN_IF_ERROR(bind_set(gs, &grouping_items.back()));
  }
  std::vector<std::vector<int>> grouping_sets;
  if (!stmt.grouping_sets.empty()) {
    NANO_RETURN_IF_ERROR(ExpandGroupingSets(grouping_items, stmt.group_distinct, &grouping_sets));
  }
  scope.no_agg_clause = nullptr;
  scope.aggregates = &aggregates;

  BoundExprPtr having;
  if (stmt.having) {
    scope.no_agg_clause = "HAVING";
    NANO_RETURN_IF_ERROR(BindCondition(*stmt.having, &scope, "HAVING", &having));
    scope.no_agg_clause = nullptr;
  }
  scope.windows = &windows;  // ORDER BY may use window functions

  // ORDER BY keys: output positions / names, else expressions (hidden columns).
  std::vector<SortKey> sort_keys;
  size_t visible = targets.size();
  // Resolves an ORDER BY / DISTINCT ON item to a target slot: an output
  // position, an output column name, or an expression (added as a hidden
  // target when not already selected).
  auto resolve_slot = [&](const ast::Expr& e, int* slot_out) -> Status {
    int slot = -1;
    if (e.kind == ast::ExprKind::kConst && e.const_kind == ast::ConstKind::kInteger) {
      int64_t pos = e.ival;
      if (pos < 1 || pos > static_cast<int64_t>(visible)) {
        return ErrorAt(sqlstate::kInvalidColumnReference,
                       "ORDER BY position " + std::to_string(pos) + " is not in select list",
                       e.location);
      }
      slot = static_cast<int>(pos - 1);
    } else if (e.kind == ast::ExprKind::kColumnRef && e.names.size() == 1 && !e.star) {
      int matches = 0;
      for (size_t i = 0; i < visible; ++i) {
        if (targets[i].desc.name == e.names[0]) {
          if (matches == 0) slot = static_cast<int>(i);
          ++matches;
        }
      }
      if (matches > 1) {
        // Ambiguous only if they are different expressions.
        for (size_t i = 0; i < visible; ++i) {
          if (targets[i].desc.name == e.names[0] &&
              !BoundExprEquals(*targets[i].expr, *targets[slot].expr)) {
            return ErrorAt(sqlstate::kAmbiguousColumn,
                           "ORDER BY \"" + e.names[0] + "\" is ambiguous", e.location);
          }
        }
      }
    }
    if (slot < 0) {
      BoundExprPtr b;
      NANO_RETURN_IF_ERROR(BindExpr(e, &scope, &b));
      for (size_t i = 0; i < targets.size(); ++i) {
        if (BoundExprEquals(*targets[i].expr, *b)) {
          slot = static_cast<int>(i);
          break;
        }
      }
      if (slot < 0) {
        if (stmt.distinct && stmt.distinct_on.empty()) {
          return ErrorAt(sqlstate::kInvalidColumnReference,
                         "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                         e.location);
        }
        Target t;
        t.desc.name = "?sort?";
        t.desc.type = b->type;
        t.expr = std::move(b);
        slot = static_cast<int>(targets.size());
        targets.push_back(std::move(t));
      }
    }
    *slot_out = slot;
    return Status::OK();
  };
  struct OrderItem {
    const ast::Expr* expr;
    ast::SortDir dir;
    ast::NullsOrder nulls;
  };
  std::vector<OrderItem> order_items;
  for (const ast::SortBy& sb : stmt.order_by)
    order_items.push_back({sb.expr.get(), sb.dir, sb.nulls});
  std::vector<int> distinct_on_slots;
  for (const auto& d : stmt.distinct_on) {
    int slot = -1;
    NANO_RETURN_IF_ERROR(resolve_slot(*d, &slot));
    distinct_on_slots.push_back(slot);
  }
  if (order_items.empty()) {
    for (const auto& d : stmt.distinct_on) {
      order_items.push_back({d.get(), ast::SortDir::kDefault, ast::NullsOrder::kDefault});
    }
  }
  for (const OrderItem& item : order_items) {
    SortKey key;
    key.descending = item.dir == ast::SortDir::kDesc;
    key.nulls_first = item.nulls == ast::NullsOrder::kDefault
                          ? key.descending
                          : item.nulls == ast::NullsOrder::kFirst;
    int slot = -1;
    NANO_RETURN_IF_ERROR(resolve_slot(*item.expr, &slot));
    NANO_RETURN_IF_ERROR(RequireSortable(targets[slot].desc.type, true, *item.expr));
    key.expr = MakeColumnRef(slot, targets[slot].desc.type);
    sort_keys.push_back(std::move(key));
  }
  for (size_t i = 0; i < distinct_on_slots.size(); ++i) {
    if (i >= sort_keys.size() || sort_keys[i].expr->column != distinct_on_slots[i]) {
      return ErrorAt(sqlstate::kInvalidColumnReference,
                     "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                     stmt.distinct_on[i]->location);
    }
  }
  scope.aggregates = nullptr;
  scope.windows = nullptr;

  // Aggregation: also for GROUP BY () and for GROUPING() (whose arguments
  // must then be grouping expressions, so it fails without GROUP BY).
  bool grouping_calls = having && ContainsGroupingFunc(having.get());
  for (const Target& t : targets) grouping_calls |= ContainsGroupingFunc(t.expr.get());
  for (const BoundWindow& w : windows) {
    for (const auto& e : w.args) grouping_calls |= ContainsGroupingFunc(e.get());
    for (const auto& e : w.partition_by) grouping_calls |= ContainsGroupingFunc(e.get());
    for (const auto& k : w.order_by) grouping_calls |= ContainsGroupingFunc(k.expr.get());
  }
  if (!aggregates.empty() || !groups.empty() || having || !stmt.grouping_sets.empty() ||
      grouping_calls) {
    AggregateOutput out;
    out.groups = &groups;
    out.aggregates = aggregates.size();
    NANO_RETURN_IF_ERROR(CheckDirectArgs(aggregates, groups, scope));
    for (Target& t : targets) {
      NANO_RETURN_IF_ERROR(RewriteForAggregate(&t.expr, &out, scope, t.location));
    }
    if (having) NANO_RETURN_IF_ERROR(RewriteForAggregate(&having, &out, scope, -1));
    // Window calls run on the aggregated rows.
    for (BoundWindow& w : windows) {
      auto rw = [&](BoundExprPtr* e) -> Status {
        return *e ? RewriteForAggregate(e, &out, scope, -1) : Status::OK();
      };
      for (auto& e : w.args) NANO_RETURN_IF_ERROR(rw(&e));
      for (auto& e : w.aggregate.args) NANO_RETURN_IF_ERROR(rw(&e));
      NANO_RETURN_IF_ERROR(rw(&w.aggregate.filter));
      for (auto& e : w.partition_by) NANO_RETURN_IF_ERROR(rw(&e));
      for (auto& k : w.order_by) NANO_RETURN_IF_ERROR(rw(&k.expr));
    }
    auto agg = std::make_unique<PlanNode>();
    agg->kind = PlanKind::kAggregate;
    for (const auto& g : groups) agg->columns.push_back(ColumnDesc{"?group?", g->type, 0, 0});
    for (const auto& a : aggregates)
      agg->columns.push_back(ColumnDesc{"?agg?", a.result_type, 0, 0});
    for (size_t i = 0; i < out.grouping_funcs.size(); ++i)
      agg->columns.push_back(ColumnDesc{"?grouping?", TypeRef{type::kInt4, -1}, 0, 0});
    agg->group_by = std::move(groups);
    agg->aggregates = std::move(aggregates);
    agg->grouping_sets = std::move(grouping_sets);
    agg->grouping_funcs = std::move(out.grouping_funcs);
    agg->children.push_back(std::move(input));
    input = std::move(agg);
    if (having) {
      auto filter = std::make_unique<PlanNode>();
      filter->kind = PlanKind::kFilter;
      filter->columns = input->columns;
      filter->filter = std::move(having);
      filter->children.push_back(std::move(input));
      input = std::move(filter);
    }
  }

  // Window functions: one more column per call on top of the input row.
  if (!windows.empty()) {
    int base = static_cast<int>(input->columns.size());
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanKind::kWindow;
    node->columns = input->columns;
    for (const BoundWindow& w : windows)
      node->columns.push_back(ColumnDesc{"?window?", w.result_type, 0, 0});
    node->windows = std::move(windows);
    node->children.push_back(std::move(input));
    input = std::move(node);
    for (Target& t : targets) ReplaceWindowRefs(t.expr.get(), base);
  }

  // Projection: untyped literals in the output become text.
  std::vector<BoundExprPtr> exprs;
  std::vector<ColumnDesc> cols;
  const bool keep_unknown = keep_unknown_outputs_ == &stmt && !stmt.distinct;
  for (Target& t : targets) {
    if (t.expr->type.oid == type::kUnknown && !keep_unknown) {
      NANO_RETURN_IF_ERROR(
          Coerce(std::move(t.expr), TypeRef{type::kText, -1}, CoercionContext::kImplicit, &t.expr));
      t.desc.type = t.expr->type;
    }
    if (stmt.distinct && stmt.distinct_on.empty()) {
      NANO_RETURN_IF_ERROR(RequireSortable(t.desc.type, false, t.location));
    }
    exprs.push_back(std::move(t.expr));
    cols.push_back(t.desc);
  }
  PlanPtr result = MakeProject(std::move(input), std::move(exprs), cols);

  if (stmt.distinct && distinct_on_slots.empty()) {
    auto distinct = std::make_unique<PlanNode>();
    distinct->kind = PlanKind::kDistinct;
    distinct->columns = result->columns;
    distinct->children.push_back(std::move(result));
    result = std::move(distinct);
  }
  if (!sort_keys.empty()) {
    auto sort = std::make_unique<PlanNode>();
    sort->kind = PlanKind::kSort;
    sort->columns = result->columns;
    sort->sort_keys = std::move(sort_keys);
    sort->children.push_back(std::move(result));
    result = std::move(sort);
  }
  if (!distinct_on_slots.empty()) {
    // DISTINCT ON: the first row of each run of equal keys in sort order.
    auto distinct = std::make_unique<PlanNode>();
    distinct->kind = PlanKind::kDistinct;
    distinct->columns = result->columns;
    distinct->distinct_on = static_cast<int>(distinct_on_slots.size());
    for (int slot : distinct_on_slots)
      distinct->exprs.push_back(MakeColumnRef(slot, cols[slot].type));
    distinct->children.push_back(std::move(result));
    result = std::move(distinct);
  }
  NANO_RETURN_IF_ERROR(BindLimit(stmt, outer, &result));
  if (cols.size() > visible) {
    std::vector<BoundExprPtr> keep;
    std::vector<ColumnDesc> keep_cols(cols.begin(), cols.begin() + static_cast<long>(visible));
    for (size_t i = 0; i < visible; ++i)
      keep.push_back(MakeColumnRef(static_cast<int>(i), cols[i].type));
    result = MakeProject(std::move(result), std::move(keep), keep_cols);
  }
  *plan = std::move(result);
  return Status::OK();
}

}  // namespace nano
