// engine/binder/scope.h — the names visible while binding one query level.
//
// A BinderScope lists the FROM items of one SELECT (or the target table of a
// DML statement): each item's alias and columns, with the row slot each
// column occupies in the rows the FROM clause produces. `outer` links to the
// enclosing query's scope, for correlated references (depth > 0).
//
// While binding a target list / HAVING / ORDER BY of an aggregating query,
// `aggregates` collects aggregate calls (each becomes a kAggRef).
#pragma once

#include <string>
#include <vector>

#include "binder/bound.h"
#include "parser/ast.h"

namespace nano {

struct ScopeColumn {
  std::string name;
  TypeRef type;
  int slot = 0;            // position in the FROM row
  uint32_t table_oid = 0;  // for RowDescription
  int16_t attnum = 0;
  bool hidden = false;  // not expanded by `*` (e.g. the right side of USING)
  // A hidden column that unqualified references still find: the alias of a
  // one-column function as a whole-row reference (FROM jsonb_array_elements(j) e
  // SELECT e), which for a scalar result is the value itself.
  bool whole_row = false;
};

struct ScopeItem {
  std::string alias;  // the name references use (alias or table name)
  std::vector<ScopeColumn> columns;
  bool is_join_merge = false;  // unnamed JOIN ... USING merged columns
  // On the null-extended side of an outer join: its whole-row reference is
  // NULL (not a row of NULLs) when the join found no match.
  bool nullable = false;
};

struct BinderScope {
  std::vector<ScopeItem> items;
  BinderScope* outer = nullptr;
  int width = 0;  // number of slots in this level's rows

  // Aggregation context.
  std::vector<BoundAggregate>* aggregates = nullptr;  // non-null: aggregates allowed here
  bool in_aggregate_args = false;                     // nested aggregates are an error
  const char* no_agg_clause = nullptr;                // e.g. "WHERE": aggregates not allowed
  bool used_outer = false;  // set when a reference resolved to an enclosing level
  int refs_from_inner = 0;  // references from inner query levels resolved here
  // A transparent scope holds no items and is not a query level: lookups
  // pass through it without counting depth, marking used_outer (LATERAL
  // subqueries use one to learn whether they read the FROM items before them).
  bool transparent = false;

  // Select-list set-returning calls (possibly nested in an expression, as in
  // jsonb_array_elements(j)->>'n'), bound as function scans: the call node
  // reads its scan's column (slot, type) instead.
  const std::vector<std::pair<const ast::Expr*, ScopeColumn>>* srf_calls = nullptr;

  // Window context: calls with OVER collect here (each becomes a kWindowRef).
  std::vector<BoundWindow>* windows = nullptr;
  const std::vector<ast::WindowDef>* window_defs = nullptr;  // WINDOW clause

  // Adds an item whose columns occupy the next slots.
  ScopeItem& AddItem(std::string alias) {
    items.emplace_back();
    items.back().alias = std::move(alias);
    return items.back();
  }
  void AddColumn(ScopeItem& item, std::string name, TypeRef type, uint32_t table_oid = 0,
                 int16_t attnum = 0) {
    ScopeColumn c;
    c.name = std::move(name);
    c.type = type;
    c.slot = width++;
    c.table_oid = table_oid;
    c.attnum = attnum;
    item.columns.push_back(std::move(c));
  }
};

// PostgreSQL's checkNameSpaceConflicts: the names the FROM items
// [new_begin, new_end) of `scope` expose (an aliased join only its alias)
// must differ from those of [old_begin, old_end): 42712 "table name ...
// specified more than once".
Status CheckNameConflicts(const BinderScope& scope, size_t old_begin, size_t old_end,
                          size_t new_begin, size_t new_end);

// A reference from `scope` resolved `depth` query levels out, at `found`:
// the levels in between read an outer row (correlation).
void MarkOuterReference(BinderScope* scope, BinderScope* found, int depth);

}  // namespace nano
