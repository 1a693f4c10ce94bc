// engine/executor/user_aggregates.h — running aggregates: built-in ones
// through their AggregateOverload, user-defined ones (CREATE AGGREGATE)
// through their transition and final functions.
//
// A user aggregate's state follows PostgreSQL's nodeAgg: the state starts
// as INITCOND (or NULL); with a STRICT transition function a row with a
// NULL argument is skipped, and while the state is NULL the first row's
// argument becomes the state (it has the state type: CREATE AGGREGATE
// checked that); a non-strict one is called for every row. Final applies the
// final function (not called on a NULL state when it is strict) or returns
// the state. User support functions run through the statement's
// RoutineRunner, so they may be SQL or PL/pgSQL and raise notices.
//
// The state keeps a pointer to the operator's ExecState, which must
// outlive it (both belong to the running plan node).
#pragma once

#include <memory>

#include "binder/bound.h"
#include "executor/eval.h"

namespace nano {

// A fresh running state for aggregate call `a` (one group or frame).
Status NewAggregateState(const BoundAggregate& a, ExecState* st,
                         std::unique_ptr<AggregateState>* out);

// PostgreSQL's find_compatible_trans: two user aggregate calls in one
// Aggregate node share one transition state when they have the same
// transition function, state type, INITCOND, arguments, DISTINCT, ORDER BY
// and FILTER (so the transition function runs once per row for both).
bool SharesTransition(const BoundAggregate& a, const BoundAggregate& b);

// The result of `a` over `shared`, the state NewAggregateState made for a
// call that SharesTransition with `a`.
Status FinalShared(const BoundAggregate& a, const AggregateState& shared, ExecState* st,
                   Value* out);

}  // namespace nano
