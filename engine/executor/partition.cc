// engine/executor/partition.cc — partition bounds and tuple routing.
#include "executor/partition.h"

#include <algorithm>

#include "binder/binder.h"
#include "common/sqlstate.h"
#include "executor/eval.h"
#include "executor/exec_context.h"
#include "types/compare.h"
#include "types/format_context.h"
#include "types/text_io.h"

namespace nano {

namespace {

using Kind = BoundDatum::Kind;

const FormatContext& Fmt() {
  static const FormatContext defaults;
  return defaults;
}

Status ErrorAt(const char* state, std::string msg, int location = -1) {
  return Status::Error(state, std::move(msg)).WithPosition(location >= 0 ? location + 1 : 0);
}

TypeRef KeyType(const TableDef& parent, size_t i) { return parent.partition_key.types.at(i); }

// A bound datum as a value of the key type (kValue datums only).
Status DatumValue(const BoundDatum& d, TypeRef type, Value* out) {
  if (d.kind == Kind::kNull) {
    *out = Value::Null(type.oid);
    return Status::OK();
  }
  return ParseText(d.text, type, Fmt(), out);
}

bool IsBareWord(const ast::Expr& e, const char* word) {
  return e.kind == ast::ExprKind::kColumnRef && e.names.size() == 1 && e.names[0] == word;
}

Status EvalDatum(const ast::Expr& e, TypeRef type, Binder& binder, ExecContext* exec,
                 BoundDatum* out) {
  BoundExprPtr bound;
  NANO_RETURN_IF_ERROR(binder.BindStandaloneExpr(e, type, &bound));
  ExecState st;
  st.ctx = exec;
  Value v;
  NANO_RETURN_IF_ERROR(EvalExpr(*bound, {}, st, &v));
  if (v.is_null()) {
    out->kind = Kind::kNull;
    return Status::OK();
  }
  out->kind = Kind::kValue;
  out->text = ValueToString(v, Fmt());
  return Status::OK();
}

Status RangeDatums(const ast::ExprList& exprs, const TableDef& parent, Binder& binder,
                   ExecContext* exec, std::vector<BoundDatum>* out) {
  if (exprs.size() != parent.partition_key.columns.size()) {
    return ErrorAt(sqlstate::kInvalidObjectDefinition,
                   exprs.size() > parent.partition_key.columns.size()
                       ? "too many values in FROM / TO list"
                       : "too few values in FROM / TO list");
  }
  for (size_t i = 0; i < exprs.size(); ++i) {
    BoundDatum d;
    if (IsBareWord(*exprs[i], "minvalue")) {
      d.kind = Kind::kMinValue;
    } else if (IsBareWord(*exprs[i], "maxvalue")) {
      d.kind = Kind::kMaxValue;
    } else {
      NANO_RETURN_IF_ERROR(EvalDatum(*exprs[i], KeyType(parent, i), binder, exec, &d));
      if (d.kind == Kind::kNull) {
        return ErrorAt(sqlstate::kInvalidTableDefinition, "cannot specify NULL in range bound",
                       exprs[i]->location);
      }
    }
    out->push_back(std::move(d));
  }
  // PostgreSQL normalises datums after MINVALUE / MAXVALUE: once one occurs,
  // the rest must be infinite too ("every bound following MAXVALUE must also
  // be MAXVALUE").
  for (size_t i = 1; i < out->size(); ++i) {
    Kind prev = (*out)[i - 1].kind;
    if ((prev == Kind::kMinValue || prev == Kind::kMaxValue) && (*out)[i].kind != prev) {
      return ErrorAt(sqlstate::kInvalidTableDefinition,
                     std::string("every bound following ") +
                         (prev == Kind::kMinValue ? "MINVALUE" : "MAXVALUE") + " must also be " +
                         (prev == Kind::kMinValue ? "MINVALUE" : "MAXVALUE"),
                     exprs[i]->location);
    }
  }
  return Status::OK();
}

// Compares two range datum lists (MINVALUE < values < MAXVALUE).
Status CompareDatums(const std::vector<BoundDatum>& a, const std::vector<BoundDatum>& b,
                     const std::vector<TypeRef>& types, int* cmp) {
  *cmp = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    auto rank = [](Kind k) { return k == Kind::kMinValue ? -1 : k == Kind::kMaxValue ? 1 : 0; };
    int ra = rank(a[i].kind), rb = rank(b[i].kind);
    if (ra != rb) {
      *cmp = ra < rb ? -1 : 1;
      return Status::OK();
    }
    if (ra != 0) return Status::OK();  // both infinite: the rest are too
    Value va, vb;
    NANO_RETURN_IF_ERROR(DatumValue(a[i], types[i], &va));
    NANO_RETURN_IF_ERROR(DatumValue(b[i], types[i], &vb));
    int c = CompareValues(va, vb);
    if (c != 0) {
      *cmp = c < 0 ? -1 : 1;
      return Status::OK();
    }
  }
  return Status::OK();
}

// Compares a row's key with a range datum list.
Status CompareKey(const std::vector<Value>& key, const std::vector<BoundDatum>& datums,
                  const std::vector<TypeRef>& types, int* cmp) {
  *cmp = 0;
  for (size_t i = 0; i < key.size() && i < datums.size(); ++i) {
    if (datums[i].kind == Kind::kMinValue) {
      *cmp = 1;
      return Status::OK();
    }
    if (datums[i].kind == Kind::kMaxValue) {
      *cmp = -1;
      return Status::OK();
    }
    Value v;
    NANO_RETURN_IF_ERROR(DatumValue(datums[i], types[i], &v));
    int c = CompareValues(key[i], v);
    if (c != 0) {
      *cmp = c < 0 ? -1 : 1;
      return Status::OK();
    }
  }
  return Status::OK();
}

std::string DatumsText(const std::vector<BoundDatum>& datums) {
  std::string out = "(";
  for (size_t i = 0; i < datums.size(); ++i) {
    if (i > 0) out += ", ";
    out += datums[i].kind == Kind::kMinValue   ? "MINVALUE"
           : datums[i].kind == Kind::kMaxValue ? "MAXVALUE"
                                               : datums[i].text;
  }
  return out + ")";
}

// PostgreSQL's hash partitioning: each non-null key is hashed by its type's
// extended hash function with HASH_PARTITION_SEED and the results folded
// with hash_combine64, so rows land in the same partitions as on
// PostgreSQL for integer and text keys (lookup3, common/hashfn.c). Other
// types use our own hash: consistent, but not PostgreSQL's placement.
constexpr uint64_t kHashPartitionSeed = 0x7A5B22367996DCFDULL;

uint32_t Rot(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

void Mix(uint32_t& a, uint32_t& b, uint32_t& c) {
  a -= c, a ^= Rot(c, 4), c += b;
  b -= a, b ^= Rot(a, 6), a += c;
  c -= b, c ^= Rot(b, 8), b += a;
  a -= c, a ^= Rot(c, 16), c += b;
  b -= a, b ^= Rot(a, 19), a += c;
  c -= b, c ^= Rot(b, 4), b += a;
}

void Final(uint32_t& a, uint32_t& b, uint32_t& c) {
  c ^= b, c -= Rot(b, 14);
  a ^= c, a -= Rot(c, 11);
  b ^= a, b -= Rot(a, 25);
  c ^= b, c -= Rot(b, 16);
  a ^= c, a -= Rot(c, 4);
  b ^= a, b -= Rot(a, 14);
  c ^= b, c -= Rot(b, 24);
}

void Seed(uint64_t seed, uint32_t& a, uint32_t& b, uint32_t& c) {
  a += static_cast<uint32_t>(seed >> 32);
  b += static_cast<uint32_t>(seed);
  Mix(a, b, c);
}

// hash_uint32_extended
uint64_t HashUint32(uint32_t k, uint64_t seed) {
  uint32_t a = 0x9e3779b9u + 4u + 3923095u, b = a, c = a;
  Seed(seed, a, b, c);
  a += k;
  Final(a, b, c);
  return (static_cast<uint64_t>(b) << 32) | c;
}

uint32_t Le32(const unsigned char* p) {
  return p[0] | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}

// hash_bytes_extended (little-endian word order)
uint64_t HashBytes(const unsigned char* k, size_t len, uint64_t seed) {
  uint32_t a = 0x9e3779b9u + static_cast<uint32_t>(len) + 3923095u, b = a, c = a;
  Seed(seed, a, b, c);
  while (len >= 12) {
    a += Le32(k), b += Le32(k + 4), c += Le32(k + 8);
    Mix(a, b, c);
    k += 12, len -= 12;
  }
  // The last 11 bytes; the lowest byte of c is reserved for the length.
  switch (len) {
    case 11:
      c += static_cast<uint32_t>(k[10]) << 24;
      [[fallthrough]];
    case 10:
      c += static_cast<uint32_t>(k[9]) << 16;
      [[fallthrough]];
    case 9:
      c += static_cast<uint32_t>(k[8]) << 8;
      [[fallthrough]];
    case 8:
      b += Le32(k + 4);
      a += Le32(k);
      break;
    case 7:
      b += static_cast<uint32_t>(k[6]) << 16;
      [[fallthrough]];
    case 6:
      b += static_cast<uint32_t>(k[5]) << 8;
      [[fallthrough]];
    case 5:
      b += k[4];
      [[fallthrough]];
    case 4:
      a += Le32(k);
      break;
    case 3:
      a += static_cast<uint32_t>(k[2]) << 16;
      [[fallthrough]];
    case 2:
      a += static_cast<uint32_t>(k[1]) << 8;
      [[fallthrough]];
    case 1:
      a += k[0];
      break;
    default:
      break;
  }
  Final(a, b, c);
  return (static_cast<uint64_t>(b) << 32) | c;
}

uint64_t HashKeyValue(const Value& v, TypeRef type) {
  switch (type.oid) {
    case type::kInt2:
    case type::kInt4:
      return HashUint32(static_cast<uint32_t>(static_cast<int32_t>(v.int_value())),
                        kHashPartitionSeed);
    case type::kInt8: {
      int64_t val = v.int_value();
      uint32_t lo = static_cast<uint32_t>(val), hi = static_cast<uint32_t>(val >> 32);
      lo ^= val >= 0 ? hi : ~hi;
      return HashUint32(lo, kHashPartitionSeed);
    }
    case type::kText:
    case type::kVarChar:
      return HashBytes(reinterpret_cast<const unsigned char*>(v.str().data()), v.str().size(),
                       kHashPartitionSeed);
    default:
      return HashValue(v);
  }
}

uint64_t RowHash(const std::vector<Value>& key, const std::vector<TypeRef>& types) {
  uint64_t h = 0;
  for (size_t i = 0; i < key.size(); ++i) {
    if (key[i].is_null()) continue;
    h ^= HashKeyValue(key[i], types[i]) + 0x49a0f4dd15e5a8e3ULL + (h << 54) + (h >> 7);
  }
  return h;
}

// The partition key of a row of `table` (a partition of `parent`, or
// `parent` itself): column keys read by name, expression keys evaluated over
// the row laid out as `parent`'s.
Status KeyOf(ExecContext* exec, const Catalog& catalog, const TableDef& parent,
             const TableDef& table, const PartitionRow& row, std::vector<Value>* key) {
  key->clear();
  const PartitionKey& pk = parent.partition_key;
  PartitionRow parent_row;
  for (size_t i = 0; i < pk.columns.size(); ++i) {
    if (pk.columns[i] == 0) {
      if (parent_row.empty()) parent_row = &table == &parent ? row : MapRow(table, parent, row);
      Binder binder(std::shared_ptr<const Catalog>(&catalog, [](const Catalog*) {}), &Fmt(), {});
      BoundExprPtr bound;
      NANO_RETURN_IF_ERROR(binder.BindTableExpr(parent, pk.exprs[i], pk.types[i], &bound));
      ExecState st;
      st.ctx = exec;
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*bound, parent_row, st, &v));
      key->push_back(std::move(v));
      continue;
    }
    const ColumnDef* pc = parent.ColumnByAttnum(pk.columns[i]);
    const ColumnDef* c = table.FindColumn(pc->name);
    if (c == nullptr) return Status::Error(sqlstate::kInternalError, "partition key column lost");
    key->push_back(row[static_cast<size_t>(table.ColumnIndexByAttnum(c->attnum))]);
  }
  return Status::OK();
}

Status KeyInBound(const PartitionBound& bound, const std::vector<TypeRef>& types,
                  const std::vector<Value>& key, bool* in) {
  *in = false;
  switch (bound.strategy) {
    case 'l':
      for (const BoundDatum& d : bound.list) {
        if (d.kind == Kind::kNull) {
          if (key[0].is_null()) *in = true;
          continue;
        }
        if (key[0].is_null()) continue;
        Value v;
        NANO_RETURN_IF_ERROR(DatumValue(d, types[0], &v));
        if (CompareValues(key[0], v) == 0) *in = true;
      }
      return Status::OK();
    case 'r': {
      for (const Value& v : key) {
        if (v.is_null()) return Status::OK();
      }
      int lo = 0, hi = 0;
      NANO_RETURN_IF_ERROR(CompareKey(key, bound.lower, types, &lo));
      NANO_RETURN_IF_ERROR(CompareKey(key, bound.upper, types, &hi));
      *in = lo >= 0 && hi < 0;
      return Status::OK();
    }
    case 'h':
      *in = bound.modulus > 0 && RowHash(key, types) % static_cast<uint64_t>(bound.modulus) ==
                                     static_cast<uint64_t>(bound.remainder);
      return Status::OK();
    default:
      return Status::OK();
  }
}

std::string KeyDetail(const TableDef& parent, const std::vector<Value>& key) {
  std::string names, values;
  for (size_t i = 0; i < key.size(); ++i) {
    if (i > 0) {
      names += ", ";
      values += ", ";
    }
    names += parent.partition_key.KeyName(parent, i);
    values += key[i].is_null() ? "null" : ValueToString(key[i], Fmt());
  }
  return "Partition key of the failing row contains (" + names + ") = (" + values + ").";
}

// The partition of partitioned `parent` that `key` belongs to (nullptr: none).
Status FindPartition(const Catalog& catalog, const TableDef& parent, const std::vector<Value>& key,
                     const TableDef** out) {
  *out = nullptr;
  const TableDef* fallback = nullptr;
  std::vector<TypeRef> types = PartitionKeyTypes(parent);
  for (Oid child_oid : catalog.ChildrenOf(parent.oid)) {
    const TableDef* child = catalog.TableByOid(child_oid);
    if (child == nullptr || !child->is_partition()) continue;
    if (child->partition_bound.is_default) {
      fallback = child;
      continue;
    }
    bool in = false;
    NANO_RETURN_IF_ERROR(KeyInBound(child->partition_bound, types, key, &in));
    if (in) {
      *out = child;
      return Status::OK();
    }
  }
  *out = fallback;
  return Status::OK();
}

// Whether `key` of `parent` falls into some non-default partition other than `self`.
Status KeyInSiblings(const Catalog& catalog, const TableDef& parent, Oid self,
                     const std::vector<Value>& key, bool* in) {
  *in = false;
  std::vector<TypeRef> types = PartitionKeyTypes(parent);
  for (Oid child_oid : catalog.ChildrenOf(parent.oid)) {
    const TableDef* child = catalog.TableByOid(child_oid);
    if (child == nullptr || child_oid == self || !child->is_partition() ||
        child->partition_bound.is_default) {
      continue;
    }
    NANO_RETURN_IF_ERROR(KeyInBound(child->partition_bound, types, key, in));
    if (*in) return Status::OK();
  }
  return Status::OK();
}

// Hash moduli must divide one another. Like PostgreSQL, compares with the
// neighbours of (modulus, remainder) in the sorted list of existing bounds.
Status CheckHashModulus(const Catalog& catalog, const TableDef& parent, const PartitionBound& bound,
                        Oid self) {
  struct Entry {
    int32_t modulus, remainder;
    const TableDef* table;
  };
  std::vector<Entry> entries;
  for (Oid child_oid : catalog.ChildrenOf(parent.oid)) {
    const TableDef* t = catalog.TableByOid(child_oid);
    if (t == nullptr || child_oid == self || !t->is_partition()) continue;
    entries.push_back({t->partition_bound.modulus, t->partition_bound.remainder, t});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.modulus != b.modulus ? a.modulus < b.modulus : a.remainder < b.remainder;
  });
  const Entry* prev = nullptr;
  const Entry* next = nullptr;
  for (const Entry& e : entries) {
    bool le =
        e.modulus < bound.modulus || (e.modulus == bound.modulus && e.remainder <= bound.remainder);
    if (le) {
      prev = &e;
    } else if (next == nullptr) {
      next = &e;
    }
  }
  auto fail = [&](const char* relation, const Entry& e) {
    return Status::Error(sqlstate::kInvalidObjectDefinition,
                         "every hash partition modulus must be a factor of the next larger "
                         "modulus")
        .WithDetail("The new modulus " + std::to_string(bound.modulus) + " is not " + relation +
                    std::to_string(e.modulus) + ", the modulus of existing partition \"" +
                    e.table->name + "\".");
  };
  if (prev != nullptr && bound.modulus % prev->modulus != 0) return fail("divisible by ", *prev);
  if (next != nullptr && next->modulus % bound.modulus != 0) return fail("a factor of ", *next);
  return Status::OK();
}

}  // namespace

std::vector<TypeRef> PartitionKeyTypes(const TableDef& parent) {
  return parent.partition_key.types;
}

Status MakePartitionBound(const ast::PartitionBoundSpec& spec, const TableDef& parent,
                          const std::string& name, Binder& binder, ExecContext* exec,
                          PartitionBound* out) {
  const char strategy = parent.partition_key.strategy;
  out->strategy = strategy;
  if (spec.is_default) {
    if (strategy == 'h') {
      return ErrorAt(sqlstate::kInvalidTableDefinition,
                     "a hash-partitioned table may not have a default partition");
    }
    out->is_default = true;
    return Status::OK();
  }
  const char* names[] = {"list", "range", "hash"};
  const char* want = strategy == 'l' ? names[0] : strategy == 'r' ? names[1] : names[2];
  if (spec.strategy != strategy) {
    return ErrorAt(sqlstate::kInvalidTableDefinition,
                   std::string("invalid bound specification for a ") + want + " partition",
                   spec.location);
  }
  switch (strategy) {
    case 'l':
      for (const auto& e : spec.list) {
        BoundDatum d;
        NANO_RETURN_IF_ERROR(EvalDatum(*e, KeyType(parent, 0), binder, exec, &d));
        // Duplicates within one list are dropped, as PostgreSQL does.
        bool dup = std::any_of(out->list.begin(), out->list.end(), [&](const BoundDatum& o) {
          return o.kind == d.kind && o.text == d.text;
        });
        if (!dup) out->list.push_back(std::move(d));
      }
      return Status::OK();
    case 'r': {
      NANO_RETURN_IF_ERROR(RangeDatums(spec.lower, parent, binder, exec, &out->lower));
      NANO_RETURN_IF_ERROR(RangeDatums(spec.upper, parent, binder, exec, &out->upper));
      int cmp = 0;
      NANO_RETURN_IF_ERROR(CompareDatums(out->lower, out->upper, PartitionKeyTypes(parent), &cmp));
      if (cmp >= 0) {
        return ErrorAt(sqlstate::kInvalidObjectDefinition,
                       "empty range bound specified for partition \"" + name + "\"",
                       spec.lower.empty() ? spec.location : spec.lower[0]->location)
            .WithDetail("Specified lower bound " + DatumsText(out->lower) +
                        " is greater than or equal to upper bound " + DatumsText(out->upper) + ".");
      }
      return Status::OK();
    }
    default:
      if (spec.modulus <= 0) {
        return ErrorAt(sqlstate::kInvalidParameterValue,
                       "modulus for hash partition must be an integer value greater than zero",
                       spec.location);
      }
      if (spec.remainder < 0 || spec.remainder >= spec.modulus) {
        return ErrorAt(sqlstate::kInvalidParameterValue,
                       "remainder for hash partition must be less than modulus", spec.location);
      }
      out->modulus = spec.modulus;
      out->remainder = spec.remainder;
      return Status::OK();
  }
}

Status CheckPartitionOverlap(const Catalog& catalog, const TableDef& parent,
                             const PartitionBound& bound, Oid self, const std::string& name,
                             const ast::PartitionBoundSpec& spec) {
  std::vector<TypeRef> types = PartitionKeyTypes(parent);
  if (bound.strategy == 'h' && !bound.is_default) {
    NANO_RETURN_IF_ERROR(CheckHashModulus(catalog, parent, bound, self));
  }
  // PostgreSQL points at the offending datum (list) or the lower bound (range).
  int location = spec.location;
  if (bound.strategy == 'r' && !spec.lower.empty()) location = spec.lower[0]->location;
  for (Oid child_oid : catalog.ChildrenOf(parent.oid)) {
    const TableDef* other = catalog.TableByOid(child_oid);
    if (other == nullptr || child_oid == self || !other->is_partition()) continue;
    const PartitionBound& o = other->partition_bound;
    bool overlap = false;
    if (bound.is_default || o.is_default) {
      if (bound.is_default && o.is_default) {
        return ErrorAt(sqlstate::kInvalidObjectDefinition,
                       "partition \"" + name + "\" conflicts with existing default partition \"" +
                           other->name + "\"",
                       location);
      }
      continue;
    }
    switch (bound.strategy) {
      case 'l':
        for (size_t i = 0; i < bound.list.size() && !overlap; ++i) {
          const BoundDatum& a = bound.list[i];
          for (const BoundDatum& b : o.list) {
            if (a.kind != b.kind) continue;
            bool same = a.kind == Kind::kNull;
            if (!same) {
              Value va, vb;
              NANO_RETURN_IF_ERROR(DatumValue(a, types[0], &va));
              NANO_RETURN_IF_ERROR(DatumValue(b, types[0], &vb));
              same = CompareValues(va, vb) == 0;
            }
            if (same) {
              overlap = true;
              // The datum as written (exact unless the list repeated a value).
              if (i < spec.list.size()) location = spec.list[i]->location;
              break;
            }
          }
        }
        break;
      case 'r': {
        int c1 = 0, c2 = 0;
        NANO_RETURN_IF_ERROR(CompareDatums(bound.lower, o.upper, types, &c1));
        NANO_RETURN_IF_ERROR(CompareDatums(o.lower, bound.upper, types, &c2));
        overlap = c1 < 0 && c2 < 0;
        break;
      }
      case 'h': {
        int32_t small = std::min(bound.modulus, o.modulus);
        overlap = bound.remainder % small == o.remainder % small;
        break;
      }
      default:
        break;
    }
    if (overlap) {
      return ErrorAt(sqlstate::kInvalidObjectDefinition,
                     "partition \"" + name + "\" would overlap partition \"" + other->name + "\"",
                     location);
    }
  }
  return Status::OK();
}

PartitionRow MapRow(const TableDef& from, const TableDef& to, const PartitionRow& row) {
  PartitionRow out(to.columns.size());
  for (size_t i = 0; i < to.columns.size(); ++i) {
    const ColumnDef& c = to.columns[i];
    out[i] = Value::Null(c.type.oid);
    if (c.dropped) continue;
    const ColumnDef* src = from.FindColumn(c.name);
    if (src == nullptr) continue;
    int si = from.ColumnIndexByAttnum(src->attnum);
    if (si >= 0 && static_cast<size_t>(si) < row.size()) out[i] = row[static_cast<size_t>(si)];
  }
  return out;
}

Status RouteRow(ExecContext* exec, const Catalog& catalog, const TableDef& root,
                const PartitionRow& row, const TableDef** leaf, PartitionRow* leaf_row) {
  const TableDef* current = &root;
  PartitionRow current_row = row;
  // Each step descends one level; the partition tree is finite and acyclic.
  for (size_t depth = 0; current->is_partitioned() && depth <= catalog.tables().size(); ++depth) {
    std::vector<Value> key;
    NANO_RETURN_IF_ERROR(KeyOf(exec, catalog, *current, *current, current_row, &key));
    const TableDef* next = nullptr;
    NANO_RETURN_IF_ERROR(FindPartition(catalog, *current, key, &next));
    if (next == nullptr) {
      return Status::Error(sqlstate::kCheckViolation,
                           "no partition of relation \"" + current->name + "\" found for row")
          .WithDetail(KeyDetail(*current, key));
    }
    current_row = MapRow(*current, *next, current_row);
    current = next;
  }
  *leaf = current;
  *leaf_row = std::move(current_row);
  return Status::OK();
}

Status RowFitsPartition(ExecContext* exec, const Catalog& catalog, const TableDef& table,
                        const PartitionRow& row, bool* fits) {
  *fits = true;
  const TableDef* part = &table;
  for (size_t depth = 0; part->is_partition() && depth <= catalog.tables().size(); ++depth) {
    const TableDef* parent = catalog.TableByOid(part->parents.at(0));
    if (parent == nullptr) return Status::OK();
    std::vector<Value> key;
    NANO_RETURN_IF_ERROR(KeyOf(exec, catalog, *parent, table, row, &key));
    if (part->partition_bound.is_default) {
      // The default partition takes what no sibling takes.
      bool elsewhere = false;
      NANO_RETURN_IF_ERROR(KeyInSiblings(catalog, *parent, part->oid, key, &elsewhere));
      *fits = !elsewhere;
    } else {
      NANO_RETURN_IF_ERROR(
          KeyInBound(part->partition_bound, PartitionKeyTypes(*parent), key, fits));
    }
    if (!*fits) return Status::OK();
    part = parent;
  }
  return Status::OK();
}

Status CompareRangeDatums(const std::vector<BoundDatum>& a, const std::vector<BoundDatum>& b,
                          const std::vector<TypeRef>& types, int* cmp) {
  return CompareDatums(a, b, types, cmp);
}

Status BoundDatumValue(const BoundDatum& d, TypeRef type, Value* out) {
  return DatumValue(d, type, out);
}

}  // namespace nano
