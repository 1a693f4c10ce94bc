// engine/executor/operators.cc — scans, filters, projections, joins,
// aggregation, sorting, set operations and limits.
#include "executor/operators.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <unordered_map>

#include "binder/grouping_sets.h"
#include "catalog/system_tables.h"
#include "executor/table_store.h"
#include "executor/user_aggregates.h"
#include "function/registry.h"
#include "storage/codec.h"
#include "types/cast.h"
#include "types/compare.h"
#include "types/numeric.h"
#include "types/type_info.h"

namespace nano {

namespace {

using Row = std::vector<Value>;

// Hashing and equality of whole rows where NULL equals NULL (GROUP BY,
// DISTINCT, set operations).
struct RowHash {
  size_t operator()(const Row& r) const {
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (const Value& v : r) {
      uint64_t x = v.is_null() ? 0x51ed27u : HashValue(v);
      h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    }
    return static_cast<size_t>(h);
  }
};
struct RowEq {
  bool operator()(const Row& a, const Row& b) const {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].is_null() != b[i].is_null()) return false;
      if (!a[i].is_null() && CompareValues(a[i], b[i]) != 0) return false;
    }
    return true;
  }
};

// Sort comparison of two values with direction and NULL placement.
int CompareForSort(const Value& a, const Value& b, bool desc, bool nulls_first) {
  if (a.is_null() || b.is_null()) {
    if (a.is_null() && b.is_null()) return 0;
    bool a_first = a.is_null() == nulls_first;
    return a_first ? -1 : 1;
  }
  int c = CompareValues(a, b);
  return desc ? -c : c;
}

class OperatorBase : public Operator {
 public:
  OperatorBase(ExecContext* ctx, const OuterRows* outer) {
    st_.ctx = ctx;
    if (outer) st_.outer_rows = *outer;
  }

 protected:
  ExecState st_;
};

class ResultOp final : public OperatorBase {
 public:
  ResultOp(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan) {}
  Status Open() override {
    done_ = false;
    return Status::OK();
  }
  Status Next(Row* row, bool* eof) override {
    row->clear();
    *eof = done_;
    if (done_) return Status::OK();
    done_ = true;
    if (plan_.filter) {
      bool pass = false;
      NANO_RETURN_IF_ERROR(EvalCondition(*plan_.filter, *row, st_, &pass));
      *eof = !pass;
    }
    return Status::OK();
  }

 private:
  const PlanNode& plan_;
  bool done_ = false;
};

class ValuesOp final : public OperatorBase {
 public:
  ValuesOp(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan) {}
  Status Open() override {
    next_ = 0;
    return Status::OK();
  }
  Status Next(Row* row, bool* eof) override {
    if (next_ >= plan_.rows.size()) {
      *eof = true;
      return Status::OK();
    }
    *eof = false;
    const auto& exprs = plan_.rows[next_++];
    row->resize(exprs.size());
    static const Row kEmpty;
    for (size_t i = 0; i < exprs.size(); ++i) {
      NANO_RETURN_IF_ERROR(EvalExpr(*exprs[i], kEmpty, st_, &(*row)[i]));
    }
    return Status::OK();
  }

 private:
  const PlanNode& plan_;
  size_t next_ = 0;
};

// Shared by sequential and index scans: decode a heap value into the output
// row (selected columns, optional row key) and apply the filter.
class ScanBase : public OperatorBase {
 public:
  ScanBase(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), scan_columns_(&plan.scan_columns) {
    table_ = ctx->catalog->TableByOid(plan.table_oid);
    if (table_ == nullptr) table_ = SystemTableByOid(plan.table_oid);
  }

 protected:
  // Returns *emit false for filtered-out rows.
  Status Produce(std::string_view key, std::string_view value, Row* row, bool* emit) {
    NANO_RETURN_IF_ERROR(DecodeHeapValue(*table_, value, &physical_));
    return ProducePhysical(key, row, emit);
  }

  // Projects physical_ (already filled) into the output row.
  Status ProducePhysical(std::string_view key, Row* row, bool* emit) {
    *emit = false;
    const std::vector<int>& cols = *scan_columns_;
    size_t n = cols.size();
    row->resize(n + (plan_.emit_row_key ? 1 : 0));
    for (size_t i = 0; i < n; ++i) {
      (*row)[i] = cols[i] == kTableOidColumn ? Value::Oid(table_->oid)
                                             : std::move(physical_[static_cast<size_t>(cols[i])]);
    }
    if (plan_.emit_row_key) {
      std::string rowid;
      AppendU64BE(&rowid, RowIdFromKey(key));
      // Scans over an inheritance tree say which table the row came from.
      if (!plan_.inherit_members.empty()) AppendU32BE(&rowid, table_->oid);
      (*row)[n] = Value::Bytea(std::move(rowid));
    }
    if (plan_.filter) {
      bool pass = false;
      NANO_RETURN_IF_ERROR(EvalCondition(*plan_.filter, *row, st_, &pass));
      if (!pass) return Status::OK();
    }
    *emit = true;
    return Status::OK();
  }

  const PlanNode& plan_;
  const TableDef* table_ = nullptr;
  const std::vector<int>* scan_columns_;  // the plan's, or the current inherit member's
  Row physical_;
};

class SeqScanOp final : public ScanBase {
 public:
  using ScanBase::ScanBase;
  Status Open() override {
    if (!plan_.inherit_members.empty()) {
      // A rescan starts again at the plan's own table.
      table_ = st_.ctx->catalog->TableByOid(plan_.table_oid);
      scan_columns_ = &plan_.scan_columns;
      member_ = 0;
    }
    if (table_ == nullptr) {
      return Status::Error(sqlstate::kUndefinedTable, "relation was dropped concurrently");
    }
    system_rows_.clear();
    system_pos_ = 0;
    is_system_ = IsSystemTable(table_->oid);
    if (is_system_) {
      SystemSnapshot snapshot;
      if (st_.ctx->system != nullptr) st_.ctx->system->Snapshot(&snapshot);
      snapshot.catalog = st_.ctx->catalog.get();
      return SystemRows(table_->oid, snapshot, &system_rows_);
    }
    OpenHeap();
    return Status::OK();
  }
  void OpenHeap() {
    std::string lower = HeapPrefix(table_->oid);
    std::string upper = HeapPrefix(table_->oid);
    upper.back() = static_cast<char>(upper.back() + 1);
    it_ = st_.ctx->txn->NewIterator(st_.ctx->chain, lower, upper);
    it_->Seek(lower);
  }
  // Moves on to the next inheritance child; false when none is left.
  Status NextMember(bool* more) {
    *more = false;
    while (member_ < plan_.inherit_members.size()) {
      const InheritMember& m = plan_.inherit_members[member_++];
      const TableDef* t = st_.ctx->catalog->TableByOid(m.table_oid);
      if (t == nullptr) continue;  // dropped since the plan was made
      table_ = t;
      scan_columns_ = &m.scan_columns;
      OpenHeap();
      *more = true;
      return Status::OK();
    }
    return Status::OK();
  }
  Status Next(Row* row, bool* eof) override {
    if (is_system_) {
      while (system_pos_ < system_rows_.size()) {
        physical_ = std::move(system_rows_[system_pos_++]);
        bool emit = false;
        NANO_RETURN_IF_ERROR(ProducePhysical(std::string_view(), row, &emit));
        if (emit) {
          *eof = false;
          return Status::OK();
        }
      }
      *eof = true;
      return Status::OK();
    }
    // One pass per table: this one, then each inheritance member.
    for (size_t tables = 0; tables <= plan_.inherit_members.size(); ++tables) {
      while (it_->Valid()) {
        NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
        bool emit = false;
        NANO_RETURN_IF_ERROR(Produce(it_->key(), it_->value(), row, &emit));
        it_->Next();
        if (emit) {
          *eof = false;
          return Status::OK();
        }
      }
      NANO_RETURN_IF_ERROR(it_->status());
      bool more = false;
      NANO_RETURN_IF_ERROR(NextMember(&more));
      if (!more) break;
    }
    *eof = true;
    return Status::OK();
  }

 private:
  std::unique_ptr<VersionedIterator> it_;
  size_t member_ = 0;
  bool is_system_ = false;
  std::vector<Row> system_rows_;
  size_t system_pos_ = 0;
};

// Scans index entries in [lower, upper] and fetches each heap row.
class IndexScanOp final : public ScanBase {
 public:
  using ScanBase::ScanBase;
  Status Open() override {
    if (table_ == nullptr) {
      return Status::Error(sqlstate::kUndefinedTable, "relation was dropped concurrently");
    }
    const IndexDef* index = table_->FindIndex(plan_.index->oid);
    if (index == nullptr) return Status::Error(sqlstate::kUndefinedObject, "index was dropped");
    std::string prefix = IndexPrefix(table_->oid, index->oid);
    std::string lower = prefix, upper = prefix;
    empty_ = false;
    NANO_RETURN_IF_ERROR(EncodeBound(*index, plan_.lower, &lower));
    if (empty_) return Status::OK();
    if (plan_.index_equality) {
      upper = lower;
    } else {
      NANO_RETURN_IF_ERROR(EncodeBound(*index, plan_.upper, &upper));
      if (empty_) return Status::OK();
    }
    if (!plan_.lower.inclusive && !plan_.lower.values.empty()) lower.append(9, '\xff');
    if (plan_.upper.values.empty() && !plan_.index_equality) {
      upper = prefix;
      upper.append(1, '\xff');
      upper.append(64, '\xff');
    } else if (plan_.upper.inclusive || plan_.index_equality) {
      upper.append(9, '\xff');
    }
    it_ = st_.ctx->txn->NewIterator(st_.ctx->chain, lower, upper);
    it_->Seek(lower);
    return Status::OK();
  }
  Status Next(Row* row, bool* eof) override {
    if (empty_) {
      *eof = true;
      return Status::OK();
    }
    std::string heap_key;
    std::string value;
    while (it_->Valid()) {
      NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
      uint64_t rowid = RowIdFromKey(it_->key());
      it_->Next();
      heap_key = HeapKey(table_->oid, rowid);
      bool found = false;
      NANO_RETURN_IF_ERROR(st_.ctx->txn->Get(st_.ctx->chain, heap_key, &value, &found));
      if (!found) continue;
      bool emit = false;
      NANO_RETURN_IF_ERROR(Produce(heap_key, value, row, &emit));
      if (emit) {
        *eof = false;
        return Status::OK();
      }
    }
    NANO_RETURN_IF_ERROR(it_->status());
    *eof = true;
    return Status::OK();
  }

 private:
  // Appends the encoded bound values; a NULL bound matches nothing.
  Status EncodeBound(const IndexDef& index, const IndexBound& bound, std::string* out) {
    static const Row kEmpty;
    for (size_t i = 0; i < bound.values.size(); ++i) {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*bound.values[i], kEmpty, st_, &v));
      if (v.is_null()) {
        empty_ = true;
        return Status::OK();
      }
      int ci = table_->ColumnIndexByAttnum(index.columns[i]);
      TypeRef col_type = table_->columns[ci].type;
      if (v.type() != col_type.oid) {
        Value cast;
        static const FormatContext kFormat;
        Status s = CastValue(
            v, TypeRef{col_type.oid, -1}, CoercionContext::kImplicit,
            st_.ctx->eval && st_.ctx->eval->format ? *st_.ctx->eval->format : kFormat, &cast);
        if (!s.ok()) {
          // Out of the column type's range (e.g. int8 probe on int4 column): no match.
          empty_ = true;
          return Status::OK();
        }
        v = std::move(cast);
      }
      bool desc = i < index.descending.size() && index.descending[i];
      EncodeKeyValue(v, col_type.oid, desc, out);
    }
    return Status::OK();
  }

  std::unique_ptr<VersionedIterator> it_;
  bool empty_ = false;
};

class FilterOp final : public OperatorBase {
 public:
  FilterOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx,
           const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), child_(std::move(child)) {}
  Status Open() override { return child_->Open(); }
  Status Next(Row* row, bool* eof) override {
    while (true) {
      NANO_RETURN_IF_ERROR(child_->Next(row, eof));
      if (*eof) return Status::OK();
      bool pass = false;
      NANO_RETURN_IF_ERROR(EvalCondition(*plan_.filter, *row, st_, &pass));
      if (pass) return Status::OK();
    }
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
};

class ProjectOp final : public OperatorBase {
 public:
  ProjectOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx,
            const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), child_(std::move(child)) {}
  Status Open() override { return child_->Open(); }
  Status Next(Row* row, bool* eof) override {
    NANO_RETURN_IF_ERROR(child_->Next(&input_, eof));
    if (*eof) return Status::OK();
    row->resize(plan_.exprs.size());
    for (size_t i = 0; i < plan_.exprs.size(); ++i) {
      NANO_RETURN_IF_ERROR(EvalExpr(*plan_.exprs[i], input_, st_, &(*row)[i]));
    }
    return Status::OK();
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  Row input_;
};

// Hash aggregation. Each group keeps one state per aggregate, plus the
// DISTINCT sets and ORDER BY buffers that aggregate needs. With grouping
// sets every input row feeds one group per set: the key is the set's index
// then the group values, NULL where the set does not group that column.
class AggregateOp final : public OperatorBase {
 public:
  AggregateOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx,
              const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), child_(std::move(child)) {
    // User aggregates with a compatible transition share the earlier one's state.
    shared_.assign(plan_.aggregates.size(), -1);
    for (size_t i = 0; i < plan_.aggregates.size(); ++i) {
      for (size_t j = 0; j < i && shared_[i] < 0; ++j) {
        if (shared_[j] < 0 && SharesTransition(plan_.aggregates[i], plan_.aggregates[j])) {
          shared_[i] = static_cast<int>(j);
        }
      }
    }
  }

  Status Open() override {
    NANO_RETURN_IF_ERROR(child_->Open());
    groups_.clear();
    order_.clear();
    const bool sets = !plan_.grouping_sets.empty();
    const size_t ng = plan_.group_by.size();
    Row input;
    Row values(ng);
    bool eof = false;
    while (true) {
      NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
      NANO_RETURN_IF_ERROR(child_->Next(&input, &eof));
      if (eof) break;
      for (size_t i = 0; i < ng; ++i) {
        NANO_RETURN_IF_ERROR(EvalExpr(*plan_.group_by[i], input, st_, &values[i]));
      }
      if (!sets) {
        NANO_RETURN_IF_ERROR(Feed(values, input));
        continue;
      }
      for (size_t s = 0; s < plan_.grouping_sets.size(); ++s) {
        NANO_RETURN_IF_ERROR(Feed(SetKey(s, values), input));
      }
    }
    // No GROUP BY, or an empty grouping set: one row even without input.
    if (!sets && ng == 0 && groups_.empty()) NANO_RETURN_IF_ERROR(AddGroup(Row{}));
    for (size_t s = 0; s < plan_.grouping_sets.size(); ++s) {
      if (plan_.grouping_sets[s].empty() && groups_.find(SetKey(s, values)) == groups_.end()) {
        NANO_RETURN_IF_ERROR(AddGroup(SetKey(s, values)));
      }
    }
    // Set by set, each in first-seen order, the empty sets first: the order
    // of PostgreSQL's MixedAggregate (the grand total, then one hash table
    // per set), short of its hash order within a set.
    // Aggregates with DISTINCT or ORDER BY (ordered-set ones too) keep
    // PostgreSQL 15 from hashing: its GroupAggregate emits the groups in
    // ascending key order, NULLs last.
    if (!sets && ng > 0 && HasOrderedAggregate()) {
      std::stable_sort(order_.begin(), order_.end(), [](const auto* a, const auto* b) {
        for (size_t i = 0; i < a->first.size(); ++i) {
          int c = CompareForSort(a->first[i], b->first[i], false, false);
          if (c != 0) return c < 0;
        }
        return false;
      });
    }
    if (sets) {
      auto rank = [this](const auto* g) {
        size_t s = static_cast<size_t>(g->first[0].int_value());
        return std::make_pair(plan_.grouping_sets[s].empty() ? 0 : 1, s);
      };
      std::stable_sort(order_.begin(), order_.end(),
                       [&](const auto* a, const auto* b) { return rank(a) < rank(b); });
    }
    next_ = 0;
    return Status::OK();
  }

  Status Next(Row* row, bool* eof) override {
    if (next_ >= order_.size()) {
      *eof = true;
      return Status::OK();
    }
    *eof = false;
    auto& [key, group] = *order_[next_++];
    const bool sets = !plan_.grouping_sets.empty();
    row->assign(key.begin() + (sets ? 1 : 0), key.end());
    for (size_t i = 0; i < plan_.aggregates.size(); ++i) {
      Value v;
      if (shared_[i] >= 0) {
        const size_t j = static_cast<size_t>(shared_[i]);
        NANO_RETURN_IF_ERROR(FinishOrdered(&group, j));
        NANO_RETURN_IF_ERROR(FinalShared(plan_.aggregates[i], *group.states[j], &st_, &v));
      } else {
        NANO_RETURN_IF_ERROR(FinishOrdered(&group, i));
        NANO_RETURN_IF_ERROR(group.states[i]->Final(*EvalCtx(), &v));
      }
      row->push_back(std::move(v));
    }
    for (const std::vector<int>& args : plan_.grouping_funcs) {
      int bits = 0;  // plain GROUP BY groups every column
      if (sets) {
        bits = GroupingBits(args, plan_.grouping_sets[static_cast<size_t>(key[0].int_value())]);
      }
      row->push_back(Value::Int4(bits));
    }
    return Status::OK();
  }

 private:
  struct Group {
    std::vector<std::unique_ptr<AggregateState>> states;
    std::vector<std::unordered_map<Row, bool, RowHash, RowEq>> distinct;
    std::vector<std::vector<std::pair<Row, Row>>> ordered;  // (sort keys, args) per aggregate
  };

  // Per aggregate: the index of the earlier aggregate whose transition
  // state it shares (SharesTransition), or -1.
  std::vector<int> shared_;

  bool HasOrderedAggregate() const {
    for (const BoundAggregate& a : plan_.aggregates) {
      if (a.distinct || !a.order_by.empty()) return true;
    }
    return false;
  }

  EvalContext* EvalCtx() {
    static thread_local EvalContext fallback;
    return st_.ctx->eval ? st_.ctx->eval : &fallback;
  }

  // The key of grouping set `s` for a row whose group values are `values`.
  Row SetKey(size_t s, const Row& values) const {
    Row key;
    key.reserve(values.size() + 1);
    key.push_back(Value::Int4(static_cast<int32_t>(s)));
    for (size_t i = 0; i < values.size(); ++i)
      key.push_back(Value::Null(plan_.group_by[i]->type.oid));
    for (int g : plan_.grouping_sets[s])
      key[static_cast<size_t>(g) + 1] = values[static_cast<size_t>(g)];
    return key;
  }

  Status AddGroup(const Row& key) {
    Group g;
    NANO_RETURN_IF_ERROR(NewGroup(&g));
    auto it = groups_.emplace(key, std::move(g)).first;
    order_.push_back(&*it);
    return Status::OK();
  }

  Status Feed(const Row& key, const Row& input) {
    auto it = groups_.find(key);
    if (it == groups_.end()) {
      NANO_RETURN_IF_ERROR(AddGroup(key));
      it = groups_.find(key);
    }
    return Accumulate(&it->second, input);
  }

  Status NewGroup(Group* g) {
    for (const BoundAggregate& a : plan_.aggregates) {
      std::unique_ptr<AggregateState> state;
      NANO_RETURN_IF_ERROR(NewAggregateState(a, &st_, &state));
      g->states.push_back(std::move(state));
    }
    g->distinct.resize(plan_.aggregates.size());
    g->ordered.resize(plan_.aggregates.size());
    return Status::OK();
  }

  Status Step(Group* g, size_t i, const Row& args) {
    const BoundAggregate& a = plan_.aggregates[i];
    if (a.agg->strict && !a.star) {
      for (const Value& v : args) {
        if (v.is_null()) return Status::OK();
      }
    }
    if (a.distinct) {
      if (!g->distinct[i].emplace(args, true).second) return Status::OK();
    }
    return g->states[i]->Step(args.data(), args.size(), *EvalCtx());
  }

  Status Accumulate(Group* g, const Row& input) {
    for (size_t i = 0; i < plan_.aggregates.size(); ++i) {
      if (shared_[i] >= 0) continue;  // fed through the state it shares
      const BoundAggregate& a = plan_.aggregates[i];
      if (a.filter) {
        bool pass = false;
        NANO_RETURN_IF_ERROR(EvalCondition(*a.filter, input, st_, &pass));
        if (!pass) continue;
      }
      Row args(a.args.size());
      for (size_t j = 0; j < a.args.size(); ++j) {
        NANO_RETURN_IF_ERROR(EvalExpr(*a.args[j], input, st_, &args[j]));
      }
      if (!a.order_by.empty() || a.distinct) {
        // DISTINCT without ORDER BY feeds the distinct values sorted, as
        // PostgreSQL does: array_agg(DISTINCT x) is in x's order.
        Row keys = a.order_by.empty() ? args : Row(a.order_by.size());
        for (size_t j = 0; j < a.order_by.size(); ++j) {
          NANO_RETURN_IF_ERROR(EvalExpr(*a.order_by[j], input, st_, &keys[j]));
        }
        g->ordered[i].emplace_back(std::move(keys), std::move(args));
        continue;
      }
      NANO_RETURN_IF_ERROR(Step(g, i, args));
    }
    return Status::OK();
  }

  // Feeds buffered ORDER BY input in order (once).
  Status FinishOrdered(Group* g, size_t i) {
    auto& buf = g->ordered[i];
    if (buf.empty()) return Status::OK();
    const BoundAggregate& a = plan_.aggregates[i];
    std::stable_sort(buf.begin(), buf.end(), [&](const auto& x, const auto& y) {
      if (a.order_by.empty()) {  // DISTINCT: ascending, NULLs last
        for (size_t k = 0; k < x.first.size(); ++k) {
          int c = CompareForSort(x.first[k], y.first[k], false, false);
          if (c != 0) return c < 0;
        }
        return false;
      }
      for (size_t k = 0; k < a.order_by.size(); ++k) {
        int c = CompareForSort(x.first[k], y.first[k], a.order_desc[k], a.order_nulls_first[k]);
        if (c != 0) return c < 0;
      }
      return false;
    });
    for (auto& [keys, args] : buf) NANO_RETURN_IF_ERROR(Step(g, i, args));
    buf.clear();
    return Status::OK();
  }

  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  std::unordered_map<Row, Group, RowHash, RowEq> groups_;
  std::vector<std::pair<const Row, Group>*> order_;  // first-seen order
  size_t next_ = 0;
};

class SortOp final : public OperatorBase {
 public:
  SortOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx,
         const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), child_(std::move(child)) {}
  Status Open() override {
    NANO_RETURN_IF_ERROR(child_->Open());
    rows_.clear();
    Row r;
    bool eof = false;
    while (true) {
      NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
      NANO_RETURN_IF_ERROR(child_->Next(&r, &eof));
      if (eof) break;
      Row keys(plan_.sort_keys.size());
      for (size_t i = 0; i < plan_.sort_keys.size(); ++i) {
        NANO_RETURN_IF_ERROR(EvalExpr(*plan_.sort_keys[i].expr, r, st_, &keys[i]));
      }
      rows_.emplace_back(std::move(keys), std::move(r));
    }
    std::stable_sort(rows_.begin(), rows_.end(), [&](const auto& a, const auto& b) {
      for (size_t i = 0; i < plan_.sort_keys.size(); ++i) {
        const SortKey& k = plan_.sort_keys[i];
        int c = CompareForSort(a.first[i], b.first[i], k.descending, k.nulls_first);
        if (c != 0) return c < 0;
      }
      return false;
    });
    next_ = 0;
    return Status::OK();
  }
  Status Next(Row* row, bool* eof) override {
    if (next_ >= rows_.size()) {
      *eof = true;
      return Status::OK();
    }
    *eof = false;
    *row = std::move(rows_[next_++].second);
    return Status::OK();
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  std::vector<std::pair<Row, Row>> rows_;
  size_t next_ = 0;
};

class LimitOp final : public OperatorBase {
 public:
  LimitOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx,
          const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), child_(std::move(child)) {}
  Status Open() override {
    static const Row kEmpty;
    limit_ = -1;
    offset_ = 0;
    if (plan_.limit) {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*plan_.limit, kEmpty, st_, &v));
      if (!v.is_null()) {
        if (v.int_value() < 0) {
          return Status::Error("2201W", "LIMIT must not be negative");
        }
        limit_ = v.int_value();
      }
    }
    if (plan_.offset) {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*plan_.offset, kEmpty, st_, &v));
      if (!v.is_null()) {
        if (v.int_value() < 0) return Status::Error("2201X", "OFFSET must not be negative");
        offset_ = v.int_value();
      }
    }
    emitted_ = 0;
    if (limit_ == 0) return Status::OK();  // PostgreSQL does not run the child
    return child_->Open();
  }
  Status Next(Row* row, bool* eof) override {
    if (limit_ >= 0 && emitted_ >= limit_) {
      // FETCH ... WITH TIES: rows that sort equal to the last one still count.
      if (!plan_.with_ties || !have_tie_key_ || limit_ == 0) {
        *eof = true;
        return Status::OK();
      }
      NANO_RETURN_IF_ERROR(child_->Next(row, eof));
      if (*eof) return Status::OK();
      Row key;
      NANO_RETURN_IF_ERROR(TieKey(*row, &key));
      if (!RowEq()(key, tie_key_)) {
        have_tie_key_ = false;
        *eof = true;
      }
      return Status::OK();
    }
    while (offset_ > 0) {
      NANO_RETURN_IF_ERROR(child_->Next(row, eof));
      if (*eof) return Status::OK();
      --offset_;
    }
    NANO_RETURN_IF_ERROR(child_->Next(row, eof));
    if (!*eof) {
      ++emitted_;
      if (plan_.with_ties && emitted_ == limit_) {
        NANO_RETURN_IF_ERROR(TieKey(*row, &tie_key_));
        have_tie_key_ = true;
      }
    }
    return Status::OK();
  }

 private:
  // The ORDER BY keys of a row (the Limit's input is the Sort).
  Status TieKey(const Row& row, Row* key) {
    key->clear();
    const PlanNode* sort = plan_.children[0].get();
    if (sort->kind != PlanKind::kSort) return Status::OK();
    for (const SortKey& k : sort->sort_keys) {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*k.expr, row, st_, &v));
      key->push_back(std::move(v));
    }
    return Status::OK();
  }
  Row tie_key_;
  bool have_tie_key_ = false;

 public:
 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  int64_t limit_ = -1;
  int64_t offset_ = 0;
  int64_t emitted_ = 0;
};

class DistinctOp final : public OperatorBase {
 public:
  DistinctOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx,
             const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), child_(std::move(child)) {}
  Status Open() override {
    seen_.clear();
    have_last_ = false;
    return child_->Open();
  }
  Status Next(Row* row, bool* eof) override {
    while (true) {
      NANO_RETURN_IF_ERROR(child_->Next(row, eof));
      if (*eof) return Status::OK();
      if (plan_.exprs.empty()) {
        if (seen_.emplace(*row, true).second) return Status::OK();
        continue;
      }
      // DISTINCT ON over sorted input: first row of each run of equal keys.
      Row key(plan_.exprs.size());
      for (size_t i = 0; i < plan_.exprs.size(); ++i) {
        NANO_RETURN_IF_ERROR(EvalExpr(*plan_.exprs[i], *row, st_, &key[i]));
      }
      if (have_last_ && RowEq()(key, last_key_)) continue;
      last_key_ = std::move(key);
      have_last_ = true;
      return Status::OK();
    }
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  std::unordered_map<Row, bool, RowHash, RowEq> seen_;
  Row last_key_;
  bool have_last_ = false;
};

// Nested loop join over a materialised inner side; handles inner, left,
// right and full joins.
class NestedLoopJoinOp final : public OperatorBase {
 public:
  NestedLoopJoinOp(const PlanNode& plan, std::unique_ptr<Operator> left,
                   std::unique_ptr<Operator> right, ExecContext* ctx, const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), left_(std::move(left)), right_(std::move(right)) {}

  Status Open() override {
    NANO_RETURN_IF_ERROR(left_->Open());
    inner_.clear();
    if (!plan_.lateral) NANO_RETURN_IF_ERROR(LoadInner(nullptr));
    right_width_ = plan_.children[1]->columns.size();
    left_width_ = plan_.children[0]->columns.size();
    have_outer_ = false;
    outer_done_ = false;
    unmatched_pos_ = 0;
    return Status::OK();
  }

  Status Next(Row* row, bool* eof) override {
    JoinKind kind = plan_.join_kind;
    while (!outer_done_) {
      if (!have_outer_) {
        bool e = false;
        NANO_RETURN_IF_ERROR(left_->Next(&outer_row_, &e));
        if (e) {
          outer_done_ = true;
          break;
        }
        have_outer_ = true;
        matched_ = false;
        pos_ = 0;
        if (plan_.lateral) NANO_RETURN_IF_ERROR(LoadInner(&outer_row_));
      }
      while (pos_ < inner_.size()) {
        NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
        size_t i = pos_++;
        Combine(outer_row_, &inner_[i], row);
        bool pass = true;
        if (plan_.filter) NANO_RETURN_IF_ERROR(EvalCondition(*plan_.filter, *row, st_, &pass));
        if (pass) {
          matched_ = true;
          inner_matched_[i] = true;
          if (kind == JoinKind::kAnti) break;  // the outer row is out
          if (kind == JoinKind::kSemi) {       // once, the outer row only
            have_outer_ = false;
            row->resize(left_width_);
          }
          *eof = false;
          return Status::OK();
        }
      }
      have_outer_ = false;
      if (!matched_ && kind == JoinKind::kAnti) {
        *row = outer_row_;
        *eof = false;
        return Status::OK();
      }
      if (!matched_ && (kind == JoinKind::kLeft || kind == JoinKind::kFull)) {
        Combine(outer_row_, nullptr, row);
        *eof = false;
        return Status::OK();
      }
    }
    if (kind == JoinKind::kRight || kind == JoinKind::kFull) {
      while (unmatched_pos_ < inner_.size()) {
        size_t i = unmatched_pos_++;
        if (inner_matched_[i]) continue;
        row->assign(left_width_, Value());
        row->insert(row->end(), inner_[i].begin(), inner_[i].end());
        *eof = false;
        return Status::OK();
      }
    }
    *eof = true;
    return Status::OK();
  }

 private:
  // Materialises the inner side; for LATERAL it is re-run with the current
  // outer row as the enclosing row of its depth-1 references.
  Status LoadInner(const Row* outer_row) {
    inner_.clear();
    Operator* op = right_.get();
    std::unique_ptr<Operator> rebuilt;
    if (outer_row != nullptr) {
      OuterRows rows = st_.outer_rows;
      rows.push_back(outer_row);
      NANO_RETURN_IF_ERROR(BuildOperator(*plan_.children[1], st_.ctx, &rows, &rebuilt));
      op = rebuilt.get();
    }
    NANO_RETURN_IF_ERROR(op->Open());
    Row r;
    bool eof = false;
    while (true) {
      NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
      NANO_RETURN_IF_ERROR(op->Next(&r, &eof));
      if (eof) break;
      inner_.push_back(r);
    }
    inner_matched_.assign(inner_.size(), false);
    return Status::OK();
  }

  void Combine(const Row& left, const Row* right, Row* out) {
    out->assign(left.begin(), left.end());
    if (right) {
      out->insert(out->end(), right->begin(), right->end());
    } else {
      out->resize(left.size() + right_width_);
    }
  }

  const PlanNode& plan_;
  std::unique_ptr<Operator> left_, right_;
  std::vector<Row> inner_;
  std::vector<bool> inner_matched_;
  Row outer_row_;
  bool have_outer_ = false, outer_done_ = false, matched_ = false;
  size_t pos_ = 0, unmatched_pos_ = 0, right_width_ = 0, left_width_ = 0;
};

// Hash join on equi-keys (NULL keys never match), residual filter after.
class HashJoinOp final : public OperatorBase {
 public:
  HashJoinOp(const PlanNode& plan, std::unique_ptr<Operator> left, std::unique_ptr<Operator> right,
             ExecContext* ctx, const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), left_(std::move(left)), right_(std::move(right)) {}

  Status Open() override {
    NANO_RETURN_IF_ERROR(left_->Open());
    NANO_RETURN_IF_ERROR(right_->Open());
    table_.clear();
    inner_.clear();
    Row r;
    bool eof = false;
    while (true) {
      NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
      NANO_RETURN_IF_ERROR(right_->Next(&r, &eof));
      if (eof) break;
      Row key;
      bool has_null = false;
      NANO_RETURN_IF_ERROR(Key(plan_.right_keys, r, &key, &has_null));
      inner_.push_back(r);
      if (!has_null) table_[key].push_back(inner_.size() - 1);
    }
    inner_matched_.assign(inner_.size(), false);
    left_width_ = plan_.children[0]->columns.size();
    candidates_ = nullptr;
    have_outer_ = false;
    outer_done_ = false;
    unmatched_pos_ = 0;
    return Status::OK();
  }

  Status Next(Row* row, bool* eof) override {
    JoinKind kind = plan_.join_kind;
    while (!outer_done_) {
      if (!have_outer_) {
        bool e = false;
        NANO_RETURN_IF_ERROR(left_->Next(&outer_row_, &e));
        if (e) {
          outer_done_ = true;
          break;
        }
        have_outer_ = true;
        matched_ = false;
        pos_ = 0;
        Row key;
        bool has_null = false;
        NANO_RETURN_IF_ERROR(Key(plan_.left_keys, outer_row_, &key, &has_null));
        candidates_ = nullptr;
        if (!has_null) {
          auto it = table_.find(key);
          if (it != table_.end()) candidates_ = &it->second;
        }
      }
      while (candidates_ && pos_ < candidates_->size()) {
        size_t i = (*candidates_)[pos_++];
        row->assign(outer_row_.begin(), outer_row_.end());
        row->insert(row->end(), inner_[i].begin(), inner_[i].end());
        bool pass = true;
        if (plan_.filter) NANO_RETURN_IF_ERROR(EvalCondition(*plan_.filter, *row, st_, &pass));
        if (pass) {
          matched_ = true;
          inner_matched_[i] = true;
          if (kind == JoinKind::kAnti) break;  // the outer row is out
          if (kind == JoinKind::kSemi) {       // once, the outer row only
            have_outer_ = false;
            row->resize(left_width_);
          }
          *eof = false;
          return Status::OK();
        }
      }
      have_outer_ = false;
      if (!matched_ && kind == JoinKind::kAnti) {
        *row = outer_row_;
        *eof = false;
        return Status::OK();
      }
      if (!matched_ && (kind == JoinKind::kLeft || kind == JoinKind::kFull)) {
        row->assign(outer_row_.begin(), outer_row_.end());
        row->resize(outer_row_.size() + plan_.children[1]->columns.size());
        *eof = false;
        return Status::OK();
      }
    }
    if (kind == JoinKind::kRight || kind == JoinKind::kFull) {
      while (unmatched_pos_ < inner_.size()) {
        size_t i = unmatched_pos_++;
        if (inner_matched_[i]) continue;
        row->assign(left_width_, Value());
        row->insert(row->end(), inner_[i].begin(), inner_[i].end());
        *eof = false;
        return Status::OK();
      }
    }
    *eof = true;
    return Status::OK();
  }

 private:
  Status Key(const std::vector<BoundExprPtr>& exprs, const Row& r, Row* key, bool* has_null) {
    key->resize(exprs.size());
    for (size_t i = 0; i < exprs.size(); ++i) {
      NANO_RETURN_IF_ERROR(EvalExpr(*exprs[i], r, st_, &(*key)[i]));
      if ((*key)[i].is_null()) *has_null = true;
    }
    return Status::OK();
  }

  const PlanNode& plan_;
  std::unique_ptr<Operator> left_, right_;
  std::unordered_map<Row, std::vector<size_t>, RowHash, RowEq> table_;
  std::vector<Row> inner_;
  std::vector<bool> inner_matched_;
  const std::vector<size_t>* candidates_ = nullptr;
  Row outer_row_;
  bool have_outer_ = false, outer_done_ = false, matched_ = false;
  size_t pos_ = 0, unmatched_pos_ = 0, left_width_ = 0;
};

// UNION / INTERSECT / EXCEPT with and without ALL (PostgreSQL's multiset
// semantics for ALL).
class SetOpOp final : public OperatorBase {
 public:
  SetOpOp(const PlanNode& plan, std::unique_ptr<Operator> left, std::unique_ptr<Operator> right,
          ExecContext* ctx, const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), left_(std::move(left)), right_(std::move(right)) {}

  Status Open() override {
    NANO_RETURN_IF_ERROR(left_->Open());
    out_.clear();
    next_ = 0;
    streaming_ = plan_.set_op == 1 && plan_.set_all;
    if (streaming_) {
      left_done_ = false;
      return right_->Open();
    }
    NANO_RETURN_IF_ERROR(right_->Open());
    // Count occurrences on each side, keeping first-seen order.
    std::unordered_map<Row, std::pair<int64_t, int64_t>, RowHash, RowEq> counts;
    std::vector<const Row*> order;
    Row r;
    bool eof = false;
    for (int side = 0; side < 2; ++side) {
      Operator* op = side == 0 ? left_.get() : right_.get();
      while (true) {
        NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
        NANO_RETURN_IF_ERROR(op->Next(&r, &eof));
        if (eof) break;
        auto [it, inserted] = counts.emplace(r, std::make_pair(0, 0));
        if (inserted) order.push_back(&it->first);
        (side == 0 ? it->second.first : it->second.second)++;
      }
    }
    for (const Row* row : order) {
      auto [l, rr] = counts[*row];
      int64_t n = 0;
      switch (plan_.set_op) {
        case 1:
          n = 1;
          break;  // UNION (distinct)
        case 2:
          n = plan_.set_all ? std::min(l, rr) : (l > 0 && rr > 0 ? 1 : 0);
          break;
        case 3:
          n = plan_.set_all ? std::max<int64_t>(l - rr, 0) : (l > 0 && rr == 0 ? 1 : 0);
          break;
      }
      for (int64_t i = 0; i < n; ++i) out_.push_back(*row);
    }
    return Status::OK();
  }

  Status Next(Row* row, bool* eof) override {
    if (streaming_) {
      if (!left_done_) {
        NANO_RETURN_IF_ERROR(left_->Next(row, eof));
        if (!*eof) return Status::OK();
        left_done_ = true;
      }
      return right_->Next(row, eof);
    }
    if (next_ >= out_.size()) {
      *eof = true;
      return Status::OK();
    }
    *eof = false;
    *row = std::move(out_[next_++]);
    return Status::OK();
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> left_, right_;
  std::vector<Row> out_;
  size_t next_ = 0;
  bool streaming_ = false, left_done_ = false;
};

// generate_series(start, stop[, step]) over int4/int8/numeric; unnest(array);
// the table-driven set-returning functions (function/set_returning.h).
class FunctionScanOp final : public OperatorBase {
 public:
  FunctionScanOp(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan) {}

  Status Open() override {
    static const Row kEmpty;
    args_.assign(plan_.function_args.size(), Value());
    done_ = false;
    ts_add_ = nullptr;
    ordinal_ = 0;
    for (size_t i = 0; i < plan_.function_args.size(); ++i) {
      NANO_RETURN_IF_ERROR(EvalExpr(*plan_.function_args[i], kEmpty, st_, &args_[i]));
      if (args_[i].is_null()) done_ = true;
    }
    if (plan_.function != nullptr && plan_.function->kind == BoundExprKind::kUserCall) {
      // User functions run to completion at Open (PostgreSQL's
      // materialize mode for SQL and PL/pgSQL set-returning functions).
      srf_rows_.clear();
      pos_ = 0;
      done_ = false;
      return RunUserFunction(*plan_.function->user_fn, args_, st_, &srf_rows_);
    }
    if (plan_.set_returning != nullptr) {
      // Table-driven SRFs (mostly strict) materialise their
      // (document-sized) result at Open.
      srf_rows_.clear();
      pos_ = 0;
      if (done_ && plan_.set_returning->strict) return Status::OK();
      done_ = false;
      static thread_local EvalContext fallback;
      EvalContext& ec = st_.ctx->eval ? *st_.ctx->eval : fallback;
      return plan_.set_returning->expand(args_.data(), args_.size(), ec, &srf_rows_);
    }
    TypeOid t = plan_.columns[0].type.oid;
    if (plan_.function_name == "generate_series") {
      if (args_.size() < 2 || args_.size() > 3) {
        return Status::Error(sqlstate::kUndefinedFunction, "function generate_series with " +
                                                               std::to_string(args_.size()) +
                                                               " arguments does not exist");
      }
      if (done_) return Status::OK();
      if (t == type::kTimestamp || t == type::kTimestampTz) {
        // generate_series(start, stop, interval): each row adds the step
        // to the previous one with the + operator of the type (a month
        // step from Jan 31 gives Feb 29, then Mar 29), as upstream.
        cur_ = args_[0].int_value();
        stop_ = args_[1].int_value();
        const Interval& iv = args_[2].interval_value();
        // The step's sign as interval comparison sees it (a month is 30 days).
        const __int128 span =
            (static_cast<__int128>(iv.months) * 30 + iv.days) * 86400000000LL + iv.micros;
        if (span == 0) {
          return Status::Error(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
        }
        step_ = span > 0 ? 1 : -1;
        ResolvedCall call;
        NANO_RETURN_IF_ERROR(
            FunctionRegistry::Builtins().ResolveOperator("+", t, type::kInterval, &call));
        ts_add_ = call.overload;
        return Status::OK();
      }
      if (t == type::kNumeric) {
        NANO_RETURN_IF_ERROR(Numeric::Parse(args_[0].str(), &ncur_));
        NANO_RETURN_IF_ERROR(Numeric::Parse(args_[1].str(), &nstop_));
        nstep_ = Numeric::FromInt64(1);
        if (args_.size() == 3) NANO_RETURN_IF_ERROR(Numeric::Parse(args_[2].str(), &nstep_));
        if (nstep_.Sign() == 0) {
          return Status::Error(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
        }
      } else {
        cur_ = args_[0].int_value();
        stop_ = args_[1].int_value();
        step_ = args_.size() == 3 ? args_[2].int_value() : 1;
        if (step_ == 0) {
          return Status::Error(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
        }
      }
    } else if (plan_.function_name == "generate_subscripts") {
      // generate_subscripts(arr, dim [, reverse]): the subscripts of one
      // dimension; nothing for a dimension the array does not have.
      if (done_) return Status::OK();
      const ArrayData& a = args_[0].array();
      const int64_t dim = args_[1].int_value();
      if (dim < 1 || dim > static_cast<int64_t>(a.dims.size())) {
        done_ = true;
        return Status::OK();
      }
      const int64_t lb = a.lower_bounds[dim - 1], ub = lb + a.dims[dim - 1] - 1;
      const bool reverse = args_.size() == 3 && args_[2].bool_value();
      cur_ = reverse ? ub : lb;
      stop_ = reverse ? lb : ub;
      step_ = reverse ? -1 : 1;
    } else {
      pos_ = 0;
    }
    return Status::OK();
  }

  Status Next(Row* row, bool* eof) override {
    NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
    TypeOid t = plan_.columns[0].type.oid;
    if (done_) {
      *eof = true;
      return Status::OK();
    }
    if (plan_.set_returning != nullptr || plan_.function != nullptr) {
      if (pos_ >= srf_rows_.size()) {
        *eof = true;
        return Status::OK();
      }
      *row = std::move(srf_rows_[pos_++]);
      if (plan_.with_ordinality) row->push_back(Value::Int8(++ordinal_));
      *eof = false;
      return Status::OK();
    }
    Value v;
    if (plan_.function_name == "generate_series" || plan_.function_name == "generate_subscripts") {
      if (ts_add_ != nullptr) {
        if ((step_ > 0 && cur_ > stop_) || (step_ < 0 && cur_ < stop_)) {
          *eof = true;
          return Status::OK();
        }
        v = t == type::kTimestamp ? Value::Timestamp(cur_) : Value::TimestampTz(cur_);
        Value next, add_args[2] = {v, args_[2]};
        static EvalContext kDefaultEval;
        EvalContext& eval = st_.ctx->eval != nullptr ? *st_.ctx->eval : kDefaultEval;
        NANO_RETURN_IF_ERROR(ts_add_->fn(add_args, 2, eval, &next));
        cur_ = next.int_value();
      } else if (t == type::kNumeric) {
        int c = ncur_.Compare(nstop_);
        if ((nstep_.Sign() > 0 && c > 0) || (nstep_.Sign() < 0 && c < 0)) {
          *eof = true;
          return Status::OK();
        }
        v = Value::Numeric(ncur_.ToString());
        ncur_ = ncur_.Add(nstep_);
      } else {
        if ((step_ > 0 && cur_ > stop_) || (step_ < 0 && cur_ < stop_)) {
          *eof = true;
          return Status::OK();
        }
        v = t == type::kInt8 ? Value::Int8(cur_) : Value::Int4(cur_);
        if (__builtin_add_overflow(cur_, step_, &cur_) ||
            (t == type::kInt4 && (cur_ > INT32_MAX || cur_ < INT32_MIN))) {
          done_ = true;  // PostgreSQL stops at the type's edge
        }
      }
    } else {
      const ArrayData& arr = args_[0].array();
      if (pos_ >= arr.elements.size()) {
        *eof = true;
        return Status::OK();
      }
      v = arr.elements[pos_++];
    }
    row->clear();
    row->push_back(std::move(v));
    if (plan_.with_ordinality) row->push_back(Value::Int8(++ordinal_));
    *eof = false;
    return Status::OK();
  }

 private:
  const PlanNode& plan_;
  Row args_;
  bool done_ = false;
  int64_t cur_ = 0, stop_ = 0, step_ = 1, ordinal_ = 0;
  Numeric ncur_, nstop_, nstep_;
  const ScalarOverload* ts_add_ = nullptr;  // timestamp[tz] + interval, for a time series
  size_t pos_ = 0;
  std::vector<Row> srf_rows_;
};

// Several set-returning functions evaluated in lockstep (PostgreSQL 10+):
// row i holds each function's i-th row, NULLs for those already done, and
// ends when all are done.
class ZipScanOp final : public OperatorBase {
 public:
  ZipScanOp(const PlanNode& plan, std::vector<std::unique_ptr<Operator>> kids, ExecContext* ctx,
            const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan), kids_(std::move(kids)) {}

  Status Open() override {
    done_.assign(kids_.size(), false);
    for (auto& k : kids_) NANO_RETURN_IF_ERROR(k->Open());
    return Status::OK();
  }

  Status Next(Row* row, bool* eof) override {
    row->clear();
    bool any = false;
    Row part;
    for (size_t i = 0; i < kids_.size(); ++i) {
      const size_t width = plan_.children[i]->columns.size();
      bool child_eof = done_[i];
      if (!child_eof) NANO_RETURN_IF_ERROR(kids_[i]->Next(&part, &child_eof));
      if (child_eof) {
        done_[i] = true;
        part.assign(width, Value());
      }
      any |= !child_eof;
      row->insert(row->end(), part.begin(), part.end());
    }
    *eof = !any;
    return Status::OK();
  }

 private:
  const PlanNode& plan_;
  std::vector<std::unique_ptr<Operator>> kids_;
  std::vector<bool> done_;
};

// Builds, opens and drains `plan` into *rows (a WITH query's result).
Status RunToCompletion(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer,
                       std::vector<Row>* rows) {
  std::unique_ptr<Operator> op;
  NANO_RETURN_IF_ERROR(BuildOperator(plan, ctx, outer, &op));
  NANO_RETURN_IF_ERROR(op->Open());
  Row r;
  bool eof = false;
  while (true) {
    NANO_RETURN_IF_ERROR(ctx->CheckCancel());
    NANO_RETURN_IF_ERROR(op->Next(&r, &eof));
    if (eof) return Status::OK();
    rows->push_back(r);
  }
}

// A statement with data-modifying WITH queries: each runs to completion
// once, before the statement, and its RETURNING rows become the rows its
// CTE scans read (so they run even when nothing reads them).
class WithEffectsOp final : public OperatorBase {
 public:
  WithEffectsOp(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan) {}

  Status Open() override {
    ExecContext* ctx = st_.ctx;
    for (const auto& [cte_id, cte_plan] : plan_.pre_ctes) {
      if (ctx->cte_rows.count(cte_id) > 0) continue;  // a resumed portal
      auto rows = std::make_shared<std::vector<Row>>();
      NANO_RETURN_IF_ERROR(RunToCompletion(*cte_plan, ctx, &st_.outer_rows, rows.get()));
      ctx->cte_rows.emplace(cte_id, std::move(rows));
    }
    NANO_RETURN_IF_ERROR(BuildOperator(*plan_.shared_plan, ctx, &st_.outer_rows, &main_));
    return main_->Open();
  }
  Status Next(Row* row, bool* eof) override { return main_->Next(row, eof); }
  int64_t affected_rows() const override { return main_ ? main_->affected_rows() : 0; }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> main_;
};

// Replays rows: a WITH query's (computed once per execution) or the work
// table of the enclosing recursive query.
class CteScanOp final : public OperatorBase {
 public:
  CteScanOp(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan) {}
  Status Open() override {
    pos_ = 0;
    ExecContext* ctx = st_.ctx;
    if (plan_.kind == PlanKind::kWorkTableScan) {
      auto it = ctx->work_tables.find(plan_.cte_id);
      if (it == ctx->work_tables.end()) {
        return Status::Error(sqlstate::kInternalError,
                             "work table used outside its recursive query");
      }
      rows_ = it->second;
      return Status::OK();
    }
    auto it = ctx->cte_rows.find(plan_.cte_id);
    if (it == ctx->cte_rows.end() && plan_.shared_plan == nullptr) {
      return Status::Error(sqlstate::kInternalError, "transition table used outside its trigger");
    }
    if (it == ctx->cte_rows.end()) {
      auto rows = std::make_shared<std::vector<Row>>();
      NANO_RETURN_IF_ERROR(RunToCompletion(*plan_.shared_plan, ctx, &st_.outer_rows, rows.get()));
      it = ctx->cte_rows.emplace(plan_.cte_id, std::move(rows)).first;
    }
    owned_ = it->second;
    rows_ = owned_.get();
    return Status::OK();
  }
  Status Next(Row* row, bool* eof) override {
    if (rows_ == nullptr || pos_ >= rows_->size()) {
      *eof = true;
      return Status::OK();
    }
    *eof = false;
    *row = (*rows_)[pos_++];
    return Status::OK();
  }

 private:
  const PlanNode& plan_;
  std::shared_ptr<const std::vector<Row>> owned_;
  const std::vector<Row>* rows_ = nullptr;
  size_t pos_ = 0;
};

// WITH RECURSIVE: seed rows, then the recursive term run again and again
// on the previous iteration's new rows until it yields none (UNION drops
// rows already produced; UNION ALL keeps everything).
class RecursiveUnionOp final : public OperatorBase {
 public:
  RecursiveUnionOp(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer)
      : OperatorBase(ctx, outer), plan_(plan) {}
  Status Open() override {
    ExecContext* ctx = st_.ctx;
    result_.clear();
    seen_.clear();
    pos_ = 0;
    std::vector<Row> working;
    NANO_RETURN_IF_ERROR(RunInto(*plan_.children[0], &working));
    while (!working.empty()) {
      NANO_RETURN_IF_ERROR(ctx->CheckCancel());
      result_.insert(result_.end(), working.begin(), working.end());
      std::vector<Row> next;
      ctx->work_tables[plan_.cte_id] = &working;
      Status st = RunInto(*plan_.children[1], &next);
      ctx->work_tables.erase(plan_.cte_id);
      NANO_RETURN_IF_ERROR(st);
      working = std::move(next);
    }
    return Status::OK();
  }
  Status Next(Row* row, bool* eof) override {
    if (pos_ >= result_.size()) {
      *eof = true;
      return Status::OK();
    }
    *eof = false;
    *row = std::move(result_[pos_++]);
    return Status::OK();
  }

 private:
  // Runs `plan`, appending rows not seen before (UNION) or all (UNION ALL).
  Status RunInto(const PlanNode& plan, std::vector<Row>* out) {
    std::unique_ptr<Operator> op;
    NANO_RETURN_IF_ERROR(BuildOperator(plan, st_.ctx, &st_.outer_rows, &op));
    NANO_RETURN_IF_ERROR(op->Open());
    Row r;
    bool eof = false;
    while (true) {
      NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
      NANO_RETURN_IF_ERROR(op->Next(&r, &eof));
      if (eof) return Status::OK();
      if (!plan_.set_all && !seen_.emplace(r, true).second) continue;
      out->push_back(r);
    }
  }

  const PlanNode& plan_;
  std::vector<Row> result_;
  std::unordered_map<Row, bool, RowHash, RowEq> seen_;
  size_t pos_ = 0;
};

// EXPLAIN ANALYZE: counts rows, loops and time of the wrapped operator.
class InstrumentedOp final : public Operator {
 public:
  InstrumentedOp(std::unique_ptr<Operator> inner, ExecContext::NodeStats* stats)
      : inner_(std::move(inner)), stats_(stats) {}
  Status Open() override {
    ++stats_->loops;
    auto t0 = std::chrono::steady_clock::now();
    Status st = inner_->Open();
    stats_->micros += Micros(t0);
    return st;
  }
  Status Next(Row* row, bool* eof) override {
    auto t0 = std::chrono::steady_clock::now();
    Status st = inner_->Next(row, eof);
    stats_->micros += Micros(t0);
    if (st.ok() && !*eof) ++stats_->rows;
    return st;
  }
  int64_t affected_rows() const override { return inner_->affected_rows(); }

 private:
  static int64_t Micros(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 t0)
        .count();
  }
  std::unique_ptr<Operator> inner_;
  ExecContext::NodeStats* stats_;
};

Status BuildOperatorImpl(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer,
                         std::unique_ptr<Operator>* out);

}  // namespace

Status BuildOperator(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer,
                     std::unique_ptr<Operator>* out) {
  NANO_RETURN_IF_ERROR(BuildOperatorImpl(plan, ctx, outer, out));
  if (ctx->instrumentation != nullptr) {
    *out = std::make_unique<InstrumentedOp>(std::move(*out), &(*ctx->instrumentation)[&plan]);
  }
  return Status::OK();
}

namespace {

Status BuildOperatorImpl(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer,
                         std::unique_ptr<Operator>* out) {
  if (plan.kind == PlanKind::kRecursiveUnion) {
    // Its children are rebuilt per iteration by the operator itself.
    *out = std::make_unique<RecursiveUnionOp>(plan, ctx, outer);
    return Status::OK();
  }
  std::vector<std::unique_ptr<Operator>> kids;
  for (const auto& child : plan.children) {
    std::unique_ptr<Operator> op;
    NANO_RETURN_IF_ERROR(BuildOperator(*child, ctx, outer, &op));
    kids.push_back(std::move(op));
  }
  switch (plan.kind) {
    case PlanKind::kResult:
      *out = std::make_unique<ResultOp>(plan, ctx, outer);
      return Status::OK();
    case PlanKind::kValues:
      *out = std::make_unique<ValuesOp>(plan, ctx, outer);
      return Status::OK();
    case PlanKind::kSeqScan:
      *out = std::make_unique<SeqScanOp>(plan, ctx, outer);
      return Status::OK();
    case PlanKind::kIndexScan:
      *out = std::make_unique<IndexScanOp>(plan, ctx, outer);
      return Status::OK();
    case PlanKind::kFilter:
      *out = std::make_unique<FilterOp>(plan, std::move(kids[0]), ctx, outer);
      return Status::OK();
    case PlanKind::kProject:
      *out = std::make_unique<ProjectOp>(plan, std::move(kids[0]), ctx, outer);
      return Status::OK();
    case PlanKind::kAggregate:
      *out = std::make_unique<AggregateOp>(plan, std::move(kids[0]), ctx, outer);
      return Status::OK();
    case PlanKind::kSort:
      *out = std::make_unique<SortOp>(plan, std::move(kids[0]), ctx, outer);
      return Status::OK();
    case PlanKind::kLimit:
      *out = std::make_unique<LimitOp>(plan, std::move(kids[0]), ctx, outer);
      return Status::OK();
    case PlanKind::kDistinct:
      *out = std::make_unique<DistinctOp>(plan, std::move(kids[0]), ctx, outer);
      return Status::OK();
    case PlanKind::kNestedLoopJoin:
      *out = std::make_unique<NestedLoopJoinOp>(plan, std::move(kids[0]), std::move(kids[1]), ctx,
                                                outer);
      return Status::OK();
    case PlanKind::kHashJoin:
      *out = std::make_unique<HashJoinOp>(plan, std::move(kids[0]), std::move(kids[1]), ctx, outer);
      return Status::OK();
    case PlanKind::kSetOp:
      *out = std::make_unique<SetOpOp>(plan, std::move(kids[0]), std::move(kids[1]), ctx, outer);
      return Status::OK();
    case PlanKind::kFunctionScan:
      *out = std::make_unique<FunctionScanOp>(plan, ctx, outer);
      return Status::OK();
    case PlanKind::kInsert:
    case PlanKind::kUpdate:
    case PlanKind::kDelete:
      return BuildDmlOperator(plan, ctx, std::move(kids[0]), out);
    case PlanKind::kWindow:
      *out = MakeWindowOperator(plan, std::move(kids[0]), ctx, outer);
      return Status::OK();
    case PlanKind::kCteScan:
    case PlanKind::kWorkTableScan:
      *out = std::make_unique<CteScanOp>(plan, ctx, outer);
      return Status::OK();
    case PlanKind::kRecursiveUnion:
      *out = std::make_unique<RecursiveUnionOp>(plan, ctx, outer);
      return Status::OK();
    case PlanKind::kZipScan:
      *out = std::make_unique<ZipScanOp>(plan, std::move(kids), ctx, outer);
      return Status::OK();
    case PlanKind::kWithEffects:
      *out = std::make_unique<WithEffectsOp>(plan, ctx, outer);
      return Status::OK();
    case PlanKind::kMaterialize:
      break;
  }
  return Status::Error(sqlstate::kFeatureNotSupported, "plan node not supported yet");
}

}  // namespace

}  // namespace nano
