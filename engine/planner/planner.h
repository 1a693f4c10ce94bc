// engine/planner/planner.h — rewrites a bound plan into a cheaper one.
//
// Rules, applied bottom-up:
//  * filters sink into scans and, for inner joins, into the join's sides;
//  * a scan whose filter pins leading columns of an index (equality, or a
//    range on the first column) becomes an index scan (primary key and
//    secondary indexes alike);
//  * a nested-loop join with equality conditions between its sides becomes
//    a hash join, so equi-joins are not quadratic.
// Filters are kept on the rewritten nodes, so a rule never changes results.
// The plan must not be shared yet (the planner mutates it in place).
#pragma once

#include "binder/bound.h"
#include "catalog/catalog.h"
#include "common/status.h"

namespace nano {

Status OptimizePlan(PlanNode* plan, const Catalog& catalog);

}  // namespace nano
