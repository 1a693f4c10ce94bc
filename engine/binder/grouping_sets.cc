// engine/binder/grouping_sets.cc — PostgreSQL's grouping-set expansion.
#include "binder/grouping_sets.h"

#include <algorithm>

#include "common/sqlstate.h"

namespace nano {

namespace {

constexpr size_t kMaxCubeMembers = 12;     // parse_clause.c
constexpr size_t kMaxGroupingSets = 4096;  // parse_agg.c

using Set = std::vector<int>;

// a ∪ b keeping a's order then b's new members (list_union_int).
Set Union(const Set& a, const Set& b) {
  Set out = a;
  for (int x : b) {
    if (std::find(out.begin(), out.end(), x) == out.end()) out.push_back(x);
  }
  return out;
}

Set Concat(const std::vector<Set>& elements, size_t count) {
  Set out;
  for (size_t i = 0; i < count; ++i) out.insert(out.end(), elements[i].begin(), elements[i].end());
  return out;
}

Status TooMany() {
  return Status::Error(sqlstate::kStatementTooComplex,
                       "too many grouping sets present (maximum 4096)");
}

// One item's sets (expand_groupingset_node), in PostgreSQL's order.
Status ExpandItem(const GroupingItem& item, std::vector<Set>* out) {
  switch (item.kind) {
    case GroupingItem::Kind::kEmpty:
      out->push_back({});
      return Status::OK();
    case GroupingItem::Kind::kSimple:
      out->push_back(Concat(item.elements, item.elements.size()));
      return Status::OK();
    case GroupingItem::Kind::kRollup:
      // ROLLUP (e1, ..., en): (e1..en), (e1..en-1), ..., ().
      for (size_t k = item.elements.size() + 1; k-- > 0;) out->push_back(Concat(item.elements, k));
      return Status::OK();
    case GroupingItem::Kind::kCube: {
      if (item.elements.size() > kMaxCubeMembers) {
        return Status::Error(sqlstate::kTooManyColumns, "CUBE is limited to 12 elements")
            .WithPosition(item.location >= 0 ? item.location + 1 : 0);
      }
      // Bit i of the counter selects member i (the empty set first).
      const uint32_t n = 1u << item.elements.size();
      for (uint32_t mask = 0; mask < n; ++mask) {
        Set s;
        for (size_t i = 0; i < item.elements.size(); ++i) {
          if (mask & (1u << i)) s.insert(s.end(), item.elements[i].begin(), item.elements[i].end());
        }
        out->push_back(std::move(s));
      }
      return Status::OK();
    }
    case GroupingItem::Kind::kSets:
      for (const GroupingItem& nested : item.sets) {
        NANO_RETURN_IF_ERROR(ExpandItem(nested, out));
        if (out->size() > kMaxGroupingSets) return TooMany();
      }
      return Status::OK();
  }
  return Status::OK();
}

}  // namespace

Status ExpandGroupingSets(const std::vector<GroupingItem>& items, bool distinct,
                          std::vector<std::vector<int>>* out) {
  std::vector<Set> result = {Set{}};
  for (const GroupingItem& item : items) {
    std::vector<Set> sets;
    NANO_RETURN_IF_ERROR(ExpandItem(item, &sets));
    if (result.size() * sets.size() > kMaxGroupingSets) return TooMany();
    std::vector<Set> product;
    for (const Set& q : result) {
      for (const Set& p : sets) product.push_back(Union(q, p));
    }
    result = std::move(product);
  }
  if (distinct && result.size() > 1) {
    // Sets compare as sets: sort members, then sets by (size, members).
    for (Set& s : result) std::sort(s.begin(), s.end());
    std::stable_sort(result.begin(), result.end(), [](const Set& a, const Set& b) {
      return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    result.erase(std::unique(result.begin(), result.end()), result.end());
  }
  *out = std::move(result);
  return Status::OK();
}

int GroupingBits(const std::vector<int>& args, const std::vector<int>& set) {
  int bits = 0;
  for (int a : args) {
    bool grouped = std::find(set.begin(), set.end(), a) != set.end();
    bits = (bits << 1) | (grouped ? 0 : 1);
  }
  return bits;
}

}  // namespace nano
