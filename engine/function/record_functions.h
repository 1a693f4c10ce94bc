// engine/function/record_functions.h — operators on record (row) values.
//
// The binder resolves comparisons of record-typed values here rather than
// through the registry: composite types are per-database (catalog) types, so
// the registry's oid-keyed resolution cannot match them. Comparison follows
// PostgreSQL's record_eq/record_cmp (btree semantics: field by field, a NULL
// field equals a NULL field and sorts after any value). Row constructors on
// both sides are expanded field by field by the binder instead (SQL's
// row-wise comparison with NULL results).
//
// Thread-safety: returns pointers to immutable statics.
#pragma once

#include <string_view>

#include "function/registry.h"

namespace nano {

// The record comparison overload for `op` (= <> < <= > >=); nullptr otherwise.
const ScalarOverload* RecordComparisonOperator(std::string_view op);

}  // namespace nano
