// engine/binder/bind_view_dml.cc — the target of INSERT/UPDATE/DELETE: a
// table, or an automatically updatable view resolved down to its base table
// (PostgreSQL's rules in "CREATE VIEW — Updatable Views"): one table or
// updatable view in FROM, no WITH/DISTINCT/GROUP BY/HAVING/LIMIT/OFFSET/set
// operations, no aggregates, window functions or set-returning functions in
// the select list. Columns that are plain references to the base relation
// are updatable; the view's WHERE restricts which rows UPDATE and DELETE see,
// and WITH [LOCAL | CASCADED] CHECK OPTION makes INSERT and UPDATE check it
// (and, CASCADED, the WHERE of every view below) on the new row (44000).
#include "binder/binder.h"
#include "binder/scope.h"
#include "catalog/system_tables.h"
#include "common/sqlstate.h"
#include "function/registry.h"
#include "parser/parser.h"

namespace nano {
namespace {

constexpr int kMaxViewNesting = 32;

int Pos(int location) { return location >= 0 ? location + 1 : 0; }

const char* HintFor(const std::string& verb) {
  if (verb == "insert into") {
    return "To enable inserting into the view, provide an INSTEAD OF INSERT trigger or an "
           "unconditional ON INSERT DO INSTEAD rule.";
  }
  if (verb == "update") {
    return "To enable updating the view, provide an INSTEAD OF UPDATE trigger or an "
           "unconditional ON UPDATE DO INSTEAD rule.";
  }
  return "To enable deleting from the view, provide an INSTEAD OF DELETE trigger or an "
         "unconditional ON DELETE DO INSTEAD rule.";
}

// What a select-list expression returns that a view may not (aggregates,
// window functions, set-returning functions); "" when none. Subqueries are
// their own level and are not looked into.
std::string ForbiddenInViewTarget(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::kSubLink) return "";
  if (e.kind == ast::ExprKind::kFuncCall && !e.func_name.empty()) {
    if (e.over) return "window functions";
    const std::string& name = e.func_name.back();
    if (FunctionRegistry::Builtins().IsAggregateName(name)) return "aggregate functions";
    if (name == "generate_series" || name == "unnest" || name == "generate_subscripts") {
      return "set-returning functions";
    }
  }
  for (const ast::ExprPtr* child : {&e.left, &e.right, &e.default_result}) {
    if (*child) {
      std::string found = ForbiddenInViewTarget(**child);
      if (!found.empty()) return found;
    }
  }
  for (const auto& a : e.args) {
    std::string found = a ? ForbiddenInViewTarget(*a) : "";
    if (!found.empty()) return found;
  }
  return "";
}

// Why a view is not automatically updatable ("" when it is), in
// PostgreSQL's words.
std::string NotUpdatableReason(const ast::SelectStmt& q) {
  if (q.with) return "Views containing WITH are not automatically updatable.";
  if (q.op != ast::SetOp::kNone) {
    return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
  }
  if (q.distinct || !q.distinct_on.empty()) {
    return "Views containing DISTINCT are not automatically updatable.";
  }
  if (!q.group_by.empty() || !q.grouping_sets.empty()) {
    return "Views containing GROUP BY are not automatically updatable.";
  }
  if (q.having) return "Views containing HAVING are not automatically updatable.";
  if (q.limit_count || q.limit_offset) {
    return "Views containing LIMIT or OFFSET are not automatically updatable.";
  }
  if (!q.values.empty() || q.from.size() != 1 || q.from[0]->kind != ast::TableRefKind::kRelation) {
    return "Views that do not select from a single table or view are not automatically "
           "updatable.";
  }
  for (const ast::ResTarget& t : q.targets) {
    std::string what = t.value ? ForbiddenInViewTarget(*t.value) : "";
    if (!what.empty()) return "Views that return " + what + " are not automatically updatable.";
  }
  return "";
}

}  // namespace

std::string ViewNotUpdatableReason(const ast::SelectStmt& query) {
  return NotUpdatableReason(query);
}

Status Binder::ResolveDmlTarget(const ast::RangeVar& rv, const std::string& verb, DmlTarget* out) {
  out->inh = rv.inh;
  const TableDef* rel = nullptr;
  NANO_RETURN_IF_ERROR(LookupRelation(rv, &rel));
  return ResolveDmlRelation(*rel, rv.location, verb, 0, out);
}

Status Binder::ResolveDmlRelation(const TableDef& rel, int location, const std::string& verb,
                                  int depth, DmlTarget* out) {
  out->name = rel.name;
  // A view with an INSTEAD OF ROW trigger for the statement's event is the
  // target itself: the DML operator hands each row to its triggers.
  const int16_t event = verb == "insert into" ? kTriggerTypeInsert
                        : verb == "update"    ? kTriggerTypeUpdate
                                              : kTriggerTypeDelete;
  bool instead = false;
  if (rel.kind == RelKind::kView) {
    for (const TriggerDef& t : rel.triggers) {
      instead |= (t.type & kTriggerTypeInstead) && (t.type & event) && t.enabled != 'D';
    }
  }
  if (rel.kind == RelKind::kTable || instead) {
    out->table = &rel;
    out->columns.clear();
    std::vector<int> live = rel.LiveColumns();
    for (size_t i = 0; i < live.size(); ++i) {
      out->columns.push_back({rel.columns[live[i]].name, static_cast<int>(i)});
    }
    return Status::OK();
  }
  if (rel.kind != RelKind::kView || IsSystemTable(rel.oid)) {
    return Status::Error(sqlstate::kWrongObjectType,
                         "cannot change " +
                             std::string(rel.kind == RelKind::kSequence ? "sequence" : "view") +
                             " \"" + rel.name + "\"")
        .WithPosition(Pos(location));
  }
  if (depth > kMaxViewNesting) {
    return Status::Error(sqlstate::kInvalidObjectDefinition,
                         "infinite recursion detected in rules for relation \"" + rel.name + "\"");
  }
  std::vector<ast::StatementPtr> parsed;
  NANO_RETURN_IF_ERROR(ParseSql(rel.view_query, &parsed));
  if (parsed.size() != 1 || parsed[0]->kind != ast::StmtKind::kSelect) {
    return Status::Error(sqlstate::kDataCorrupted,
                         "view \"" + rel.name + "\" has a bad definition");
  }
  const auto& q = static_cast<const ast::SelectStmt&>(*parsed[0]);
  std::string reason = NotUpdatableReason(q);
  if (!reason.empty()) {
    return Status::Error(sqlstate::kObjectNotInPrerequisiteState,
                         "cannot " + verb + " view \"" + rel.name + "\"")
        .WithDetail(reason)
        .WithHint(HintFor(verb));  // PostgreSQL's rewriter gives no position
  }
  const ast::TableRef& from = *q.from[0];
  const TableDef* inner_rel = nullptr;
  NANO_RETURN_IF_ERROR(LookupRelation(from.relation, &inner_rel));
  DmlTarget inner;
  NANO_RETURN_IF_ERROR(ResolveDmlRelation(*inner_rel, location, verb, depth + 1, &inner));
  const std::string from_alias = from.alias ? from.alias->name : inner_rel->name;
  // The view's FROM item as its query sees it (aliased column names too).
  std::vector<DmlTarget::Column> from_columns = inner.columns;
  if (from.alias) {
    for (size_t i = 0; i < from.alias->columns.size() && i < from_columns.size(); ++i) {
      from_columns[i].name = from.alias->columns[i];
    }
  }
  auto find_from_column = [&](const ast::Expr& e) -> int {
    if (e.kind != ast::ExprKind::kColumnRef || e.star || e.names.empty() || e.names.size() > 2) {
      return -1;
    }
    if (e.names.size() == 2 && e.names[0] != from_alias) return -1;
    for (const DmlTarget::Column& c : from_columns) {
      if (c.name == e.names.back()) return c.live_index;
    }
    return -1;
  };
  // The view's visible columns, in order, each mapped to a base column.
  std::vector<int> mapped;
  for (const ast::ResTarget& t : q.targets) {
    const ast::Expr& e = *t.value;
    if (e.kind == ast::ExprKind::kColumnRef && e.star) {
      for (const DmlTarget::Column& c : from_columns) mapped.push_back(c.live_index);
    } else {
      mapped.push_back(find_from_column(e));
    }
  }
  std::vector<int> live = rel.LiveColumns();
  out->table = inner.table;
  out->view = true;
  out->columns.clear();
  for (size_t i = 0; i < live.size() && i < mapped.size(); ++i) {
    out->columns.push_back({rel.columns[live[i]].name, mapped[i]});
  }
  out->quals = std::move(inner.quals);
  // CASCADED checks every view below as well; LOCAL only this one (views
  // below keep their own options).
  if (rel.view_check_option == 'c') {
    for (DmlTarget::Qual& qual : out->quals) qual.check = true;
  }
  if (q.where) {
    out->quals.push_back(
        {q.where.get(), from_alias, std::move(from_columns), rel.name, rel.view_check_option != 0});
  }
  // The quals point into the parsed view: keep it as long as the binder.
  view_asts_.push_back(std::move(parsed[0]));
  return Status::OK();
}

void Binder::AddDmlScopeColumns(const DmlTarget& target,
                                const std::vector<DmlTarget::Column>& columns,
                                const std::string& alias, BinderScope* scope) const {
  ScopeItem& item = scope->AddItem(alias);
  std::vector<int> live = target.table->LiveColumns();
  for (const DmlTarget::Column& c : columns) {
    if (c.live_index < 0) continue;  // not updatable: an expression of the view's
    const ColumnDef& col = target.table->columns[live[c.live_index]];
    ScopeColumn sc;
    sc.name = c.name;
    sc.type = col.type;
    sc.slot = c.live_index;
    sc.table_oid = target.table->oid;
    sc.attnum = col.attnum;
    item.columns.push_back(std::move(sc));
  }
}

Status Binder::BindViewQuals(const DmlTarget& target, size_t row_width, PlanPtr* input) {
  for (const DmlTarget::Qual& qual : target.quals) {
    BinderScope scope;
    AddDmlScopeColumns(target, qual.columns, qual.alias, &scope);
    scope.width = static_cast<int>(row_width);
    auto filter = std::make_unique<PlanNode>();
    filter->kind = PlanKind::kFilter;
    filter->columns = (*input)->columns;
    NANO_RETURN_IF_ERROR(BindCondition(*qual.where, &scope, "WHERE", &filter->filter));
    filter->children.push_back(std::move(*input));
    *input = std::move(filter);
  }
  return Status::OK();
}

Status Binder::BindViewChecks(const DmlTarget& target, PlanNode* plan) {
  // The outermost view's check comes first, as PostgreSQL's rewriter orders them.
  for (auto it = target.quals.rbegin(); it != target.quals.rend(); ++it) {
    if (!it->check) continue;
    BinderScope scope;
    AddDmlScopeColumns(target, it->columns, it->alias, &scope);
    scope.width = static_cast<int>(target.table->LiveColumns().size());
    BoundExprPtr check;
    NANO_RETURN_IF_ERROR(BindCondition(*it->where, &scope, "WHERE", &check));
    plan->view_checks.emplace_back(it->view, std::move(check));
  }
  return Status::OK();
}

Status Binder::DmlTargetColumn(const DmlTarget& target, const std::string& name,
                               const std::string& verb, int location, int* live_index) const {
  // A missing column has a position; a read-only view column (found by
  // PostgreSQL's rewriter, after parsing) has none.
  for (const DmlTarget::Column& c : target.columns) {
    if (c.name != name) continue;
    if (c.live_index < 0) {
      return Status::Error(sqlstate::kFeatureNotSupported, "cannot " + verb + " column \"" + name +
                                                               "\" of view \"" + target.name + "\"")
          .WithDetail(
              "View columns that are not columns of their base relation are not updatable.");
    }
    *live_index = c.live_index;
    return Status::OK();
  }
  return Status::Error(sqlstate::kUndefinedColumn,
                       "column \"" + name + "\" of relation \"" + target.name + "\" does not exist")
      .WithPosition(Pos(location));
}

}  // namespace nano
