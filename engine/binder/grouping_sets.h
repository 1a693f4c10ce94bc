// engine/binder/grouping_sets.h — GROUP BY GROUPING SETS / ROLLUP / CUBE
// expanded into the list of grouping sets the Aggregate node computes.
//
// The binder binds every grouping expression once (duplicates share an
// index) and describes the GROUP BY clause with indices; the expansion
// follows PostgreSQL's expand_grouping_sets (parse_agg.c): each top-level
// item expands to a list of sets, the result is their cartesian product
// (union within each set), and GROUP BY DISTINCT drops duplicate sets.
#pragma once

#include <vector>

#include "common/status.h"

namespace nano {

struct GroupingItem {
  enum class Kind { kEmpty, kSimple, kRollup, kCube, kSets } kind = Kind::kSimple;
  // kSimple: one element; kRollup / kCube: the members in order. An element
  // is a list of expression indices: ROLLUP((a, b), c) has elements {a, b}, {c}.
  std::vector<std::vector<int>> elements;
  std::vector<GroupingItem> sets;  // kSets: the nested items
  int location = -1;
};

// Expands the top-level GROUP BY items into grouping sets (each a list of
// expression indices). Errors as PostgreSQL: CUBE with more than 12 members
// (54011), more than 4096 sets (54001).
Status ExpandGroupingSets(const std::vector<GroupingItem>& items, bool distinct,
                          std::vector<std::vector<int>>* out);

// GROUPING(args)'s value in a row of grouping set `set`: bit k (from the
// last argument) is set when that argument is not grouped in the set.
int GroupingBits(const std::vector<int>& args, const std::vector<int>& set);

}  // namespace nano
