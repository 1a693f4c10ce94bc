// engine/planner/explain.h — EXPLAIN's text rendering of a plan.
//
// One line per plan node in PostgreSQL's layout ("->  " children, two
// spaces of indent per level), node names close to PostgreSQL's (Seq Scan,
// Index Scan using <index> on <table>, Hash Join, HashAggregate, Sort, ...).
// The text is ours, not PostgreSQL's: the differential suite compares EXPLAIN
// only for success or failure.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "binder/bound.h"
#include "catalog/catalog.h"

namespace nano {

// `stats` (EXPLAIN ANALYZE, may be null): per plan node rows/loops/time,
// keyed by the PlanNode's address.
struct ExplainNodeStats {
  int64_t rows = 0, loops = 0, micros = 0;
};
std::vector<std::string> ExplainPlan(
    const PlanNode& plan, const Catalog& catalog,
    const std::map<const void*, ExplainNodeStats>* stats = nullptr);

}  // namespace nano
