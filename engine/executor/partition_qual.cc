// engine/executor/partition_qual.cc — pg_get_partition_constraintdef: a
// partition's implicit constraint, built and printed the way PostgreSQL 15's
// partbounds.c (get_qual_for_list / get_qual_for_range / get_qual_for_hash)
// and ruleutils.c do, so psql's `\d+ partition` footer matches.
//
// The constraint is a list of conjuncts, the ancestors' first; each piece is
// printed fully parenthesised as the deparser does without PRETTY_PAREN:
// "(a IS NOT NULL)", "(a >= 1)", "((x) AND (y))", "((x) OR (y))",
// "(NOT (x))". Constants print as get_const_expr prints them: int4 and
// non-integral numerics bare, booleans bare, everything else quoted with
// its type ('b'::text, '1'::bigint, '-1'::integer, '3'::numeric).
#include <algorithm>

#include "catalog/catalog.h"
#include "executor/partition.h"
#include "types/compare.h"
#include "types/type_info.h"

namespace nano {

namespace {

using Kind = BoundDatum::Kind;
using Conjuncts = std::vector<std::string>;

std::string Join(const Conjuncts& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

// make_ands_explicit / a BoolExpr of one argument collapse to the argument.
std::string And(const Conjuncts& parts) {
  return parts.size() == 1 ? parts[0] : "(" + Join(parts, " AND ") + ")";
}
std::string Or(const Conjuncts& parts) {
  return parts.size() == 1 ? parts[0] : "(" + Join(parts, " OR ") + ")";
}

std::string Quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// ruleutils.c get_const_expr with showtype 0.
std::string ConstText(const BoundDatum& d, TypeRef type) {
  if (d.kind == Kind::kNull) return "NULL::" + FormatType(type);
  const std::string& v = d.text;
  const bool digits_first = !v.empty() && std::isdigit(static_cast<unsigned char>(v[0]));
  switch (type.oid) {
    case type::kInt4:
      return digits_first ? v : Quote(v) + "::integer";
    case type::kNumeric: {
      // Bare only when it looks like a float constant without a sign.
      bool is_float = v.find_first_of(".eE") != std::string::npos;
      if (!digits_first || !is_float) return Quote(v) + "::" + FormatType(type);
      return type.typmod < 0 ? v : v + "::" + FormatType(type);
    }
    case type::kBool:
      return v == "t" || v == "true" ? "true" : "false";
    default:
      return Quote(v) + "::" + FormatType(type);
  }
}

struct Key {
  std::string name;  // the column, or the expression as the deparser prints it
  TypeRef type;
};

std::vector<Key> KeysOf(const TableDef& parent) {
  std::vector<Key> keys;
  const PartitionKey& pk = parent.partition_key;
  for (size_t i = 0; i < pk.columns.size(); ++i)
    keys.push_back({pk.KeyName(parent, i), pk.types[i]});
  return keys;
}

std::string Op(const Key& k, const char* op, const BoundDatum& d) {
  return "(" + k.name + " " + op + " " + ConstText(d, k.type) + ")";
}

std::string NotNull(const Key& k) { return "(" + k.name + " IS NOT NULL)"; }

Conjuncts RangeNullTests(const std::vector<Key>& keys) {
  Conjuncts out;
  for (const Key& k : keys) out.push_back(NotNull(k));
  return out;
}

// get_qual_for_list over the values `datums` (NULL among them or not).
Conjuncts ListQual(const Key& key, const std::vector<BoundDatum>& datums) {
  bool has_null = false;
  std::vector<std::string> elems;
  for (const BoundDatum& d : datums) {
    if (d.kind == Kind::kNull) {
      has_null = true;
    } else {
      elems.push_back(ConstText(d, key.type));
    }
  }
  std::string op;
  if (elems.size() == 1) op = "(" + key.name + " = " + elems[0] + ")";
  if (elems.size() > 1) op = "(" + key.name + " = ANY (ARRAY[" + Join(elems, ", ") + "]))";
  if (!has_null) return op.empty() ? Conjuncts{NotNull(key)} : Conjuncts{NotNull(key), op};
  std::string is_null = "(" + key.name + " IS NULL)";
  return {op.empty() ? is_null : "(" + is_null + " OR " + op + ")"};
}

// get_qual_for_range for a non-default partition; `for_default` leaves out
// the NOT NULL tests (the caller adds them once).
Conjuncts RangeQual(const std::vector<Key>& keys, const PartitionBound& b, bool for_default) {
  Conjuncts result = for_default ? Conjuncts{} : RangeNullTests(keys);
  const size_t n = keys.size();
  auto is_value = [](const BoundDatum& d) { return d.kind == Kind::kValue; };
  size_t i = 0;
  // A common prefix of equal lower and upper values becomes key = value.
  while (i + 1 < n && is_value(b.lower[i]) && is_value(b.upper[i]) &&
         b.lower[i].text == b.upper[i].text) {
    result.push_back(Op(keys[i], "=", b.lower[i]));
    ++i;
  }
  Conjuncts lower_arms, upper_arms;
  bool need_lower = true, need_upper = true;
  for (size_t arm = 0; arm < n - i; ++arm) {
    Conjuncts lower_args, upper_args;
    for (size_t j = i; j < n; ++j) {
      const bool lower_val = is_value(b.lower[j]), upper_val = is_value(b.upper[j]);
      const BoundDatum* lower_next = j + 1 < n ? &b.lower[j + 1] : nullptr;
      const BoundDatum* upper_next = j + 1 < n ? &b.upper[j + 1] : nullptr;
      if (need_lower && lower_val) {
        const char* op = j - i < arm                                                         ? "="
                         : j == n - 1 || (lower_next && lower_next->kind == Kind::kMinValue) ? ">="
                                                                                             : ">";
        lower_args.push_back(Op(keys[j], op, b.lower[j]));
      }
      if (need_upper && upper_val) {
        const char* op = j - i < arm                                         ? "="
                         : upper_next && upper_next->kind == Kind::kMaxValue ? "<="
                                                                             : "<";
        upper_args.push_back(Op(keys[j], op, b.upper[j]));
      }
      if (j + 1 - i > arm) {
        if (!lower_val || lower_next == nullptr || !is_value(*lower_next)) need_lower = false;
        if (!upper_val || upper_next == nullptr || !is_value(*upper_next)) need_upper = false;
        break;
      }
    }
    if (!lower_args.empty()) lower_arms.push_back(And(lower_args));
    if (!upper_args.empty()) upper_arms.push_back(And(upper_args));
    if (!need_lower && !need_upper) break;
  }
  if (!lower_arms.empty()) result.push_back(Or(lower_arms));
  if (!upper_arms.empty()) result.push_back(Or(upper_arms));
  if (result.empty()) return for_default ? RangeNullTests(keys) : Conjuncts{"true"};
  return result;
}

// The non-default siblings of a default partition, in bound order.
Status SortedSiblings(const Catalog& catalog, const TableDef& parent,
                      std::vector<const TableDef*>* out) {
  for (Oid oid : catalog.ChildrenOf(parent.oid)) {
    const TableDef* t = catalog.TableByOid(oid);
    if (t != nullptr && !t->partition_bound.is_default) out->push_back(t);
  }
  std::vector<TypeRef> types = PartitionKeyTypes(parent);
  Status st;
  std::stable_sort(out->begin(), out->end(), [&](const TableDef* a, const TableDef* b) {
    int cmp = 0;
    if (st.ok())
      st = CompareRangeDatums(a->partition_bound.lower, b->partition_bound.lower, types, &cmp);
    return cmp < 0;
  });
  return st;
}

Status DefaultListQual(const Catalog& catalog, const TableDef& parent, const Key& key,
                       Conjuncts* out) {
  std::vector<BoundDatum> all;
  for (Oid oid : catalog.ChildrenOf(parent.oid)) {
    const TableDef* t = catalog.TableByOid(oid);
    if (t == nullptr || t->partition_bound.is_default) continue;
    all.insert(all.end(), t->partition_bound.list.begin(), t->partition_bound.list.end());
  }
  std::vector<std::pair<Value, BoundDatum>> sorted;
  for (const BoundDatum& d : all) {
    Value v;
    NANO_RETURN_IF_ERROR(BoundDatumValue(d, key.type, &v));
    sorted.emplace_back(std::move(v), d);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    if (a.first.is_null() != b.first.is_null()) return b.first.is_null();
    return !a.first.is_null() && CompareValues(a.first, b.first) < 0;
  });
  all.clear();
  for (auto& [v, d] : sorted) all.push_back(d);
  if (all.empty()) return Status::OK();  // no siblings: everything fits
  *out = {"(NOT " + And(ListQual(key, all)) + ")"};
  return Status::OK();
}

Status DefaultRangeQual(const Catalog& catalog, const TableDef& parent,
                        const std::vector<Key>& keys, Conjuncts* out) {
  std::vector<const TableDef*> siblings;
  NANO_RETURN_IF_ERROR(SortedSiblings(catalog, parent, &siblings));
  Conjuncts arms;
  for (const TableDef* t : siblings) arms.push_back(And(RangeQual(keys, t->partition_bound, true)));
  if (arms.empty()) return Status::OK();
  Conjuncts others = RangeNullTests(keys);
  others.push_back(Or(arms));
  *out = {"(NOT " + And(others) + ")"};
  return Status::OK();
}

// The partition's own bound as conjuncts (get_qual_from_partbound).
Status OwnQual(const Catalog& catalog, const TableDef& parent, const TableDef& table,
               Conjuncts* out) {
  const PartitionBound& b = table.partition_bound;
  std::vector<Key> keys = KeysOf(parent);
  switch (parent.partition_key.strategy) {
    case 'l':
      if (b.is_default) return DefaultListQual(catalog, parent, keys.at(0), out);
      *out = ListQual(keys.at(0), b.list);
      return Status::OK();
    case 'r':
      if (b.is_default) return DefaultRangeQual(catalog, parent, keys, out);
      *out = RangeQual(keys, b, false);
      return Status::OK();
    case 'h': {
      std::string call = "satisfies_hash_partition('" + std::to_string(parent.oid) + "'::oid, " +
                         std::to_string(b.modulus) + ", " + std::to_string(b.remainder);
      for (const Key& k : keys) call += ", " + k.name;
      *out = {call + ")"};
      return Status::OK();
    }
    default:
      return Status::OK();
  }
}

}  // namespace

Status PartitionConstraintDef(const Catalog& catalog, const TableDef& table, std::string* out,
                              bool* is_null) {
  *is_null = true;
  Conjuncts all;
  std::vector<const TableDef*> chain;  // table, its parent, ... up to the last partition
  for (const TableDef* t = &table; t != nullptr && t->is_partition();
       t = catalog.TableByOid(t->parents.at(0))) {
    chain.push_back(t);
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const TableDef* parent = catalog.TableByOid((*it)->parents.at(0));
    if (parent == nullptr) continue;
    Conjuncts own;
    NANO_RETURN_IF_ERROR(OwnQual(catalog, *parent, **it, &own));
    all.insert(all.end(), own.begin(), own.end());
  }
  if (all.empty()) return Status::OK();
  *is_null = false;
  *out = And(all);
  return Status::OK();
}

}  // namespace nano
