// engine/types/compare.h — ordering, equality and hashing of non-NULL values.
//
// Contract:
//   * CompareValues: total order within one type family. Cross-type numeric
//     comparisons (int vs numeric vs float) compare by value, like
//     PostgreSQL's cross-type operators. Text: byte order (C collation);
//     bpchar ignores trailing blanks. float: NaN is greatest and equal to
//     NaN; -0 == 0. Arrays element-wise then by length/dims. Intervals
//     compare by their 30-day-month/24-hour-day linearisation as PG does.
//     date vs timestamp compare as timestamps. Returns <0, 0, >0.
//   * HashValue is consistent with ValuesEqual, including across the numeric
//     family (1::int4, 1::int8, 1.0::numeric and 1::float8 hash equal).
//   * Both arguments must be non-NULL (asserted). Pure; thread-safe.
#pragma once

#include <cstdint>

#include "types/value.h"

namespace nano {

int CompareValues(const Value& a, const Value& b);
bool ValuesEqual(const Value& a, const Value& b);
uint64_t HashValue(const Value& v);

}  // namespace nano
