// engine/binder/decorrelate.h — sublink pull-up for WHERE clauses.
//
// Contract: DecorrelateWhere takes a bound WHERE condition over *input's
// rows and moves each top-level conjunct of the form EXISTS (...),
// NOT EXISTS (...) or x IN (...) whose correlated subquery reads a single
// table into a semi / anti join wrapped around *input; *cond keeps the
// other conjuncts (null when none is left). The result is the same rows in
// the same order; subqueries of any other shape are left as they are.
#pragma once

#include "binder/bound.h"

namespace nano {

void DecorrelateWhere(BoundExprPtr* cond, PlanPtr* input);

}  // namespace nano
