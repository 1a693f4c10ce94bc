// engine/executor/dml.cc — INSERT / UPDATE / DELETE operators.
//
// Each runs its child to completion on Open(), writing through a
// TableWriter, and buffers RETURNING rows for Next(). UPDATE and DELETE lock
// each target row first; under READ COMMITTED a row changed by a concurrent
// commit is re-read at its newest version and re-checked against the scan's
// filter (PostgreSQL's EvalPlanQual), so concurrent increments never lose
// an update.
#include <cassert>
#include <map>
#include <set>

#include "executor/operators.h"
#include "executor/partition.h"
#include "executor/table_store.h"
#include "storage/codec.h"

namespace nano {

namespace {

using Row = std::vector<Value>;

// The scan of the target table under an UPDATE/DELETE (for re-checks).
const PlanNode* TargetScan(const PlanNode& child, Oid table) {
  if ((child.kind == PlanKind::kSeqScan || child.kind == PlanKind::kIndexScan) &&
      child.table_oid == table && child.emit_row_key) {
    return &child;
  }
  return nullptr;
}

class DmlOp final : public Operator {
 public:
  DmlOp(const PlanNode& plan, ExecContext* ctx, std::unique_ptr<Operator> child)
      : plan_(plan), ctx_(ctx), child_(std::move(child)) {
    st_.ctx = ctx;
  }

  Status Open() override {
    table_ = ctx_->catalog->TableByOid(plan_.table_oid);
    if (table_ == nullptr) {
      return Status::Error(sqlstate::kUndefinedTable, "relation was dropped concurrently");
    }
    writer_ = std::make_unique<TableWriter>(ctx_, table_);
    NANO_RETURN_IF_ERROR(writer_->Init());
    NANO_RETURN_IF_ERROR(child_->Open());
    switch (plan_.kind) {
      case PlanKind::kInsert:
        return RunInsert();
      case PlanKind::kUpdate:
        return RunUpdateOrDelete(/*is_update=*/true);
      case PlanKind::kDelete:
        return RunUpdateOrDelete(/*is_update=*/false);
      default:
        return Status::Error(sqlstate::kInternalError, "not a DML plan");
    }
  }

  Status Next(Row* row, bool* eof) override {
    if (next_ >= returning_.size()) {
      *eof = true;
      return Status::OK();
    }
    *eof = false;
    *row = std::move(returning_[next_++]);
    return Status::OK();
  }

  int64_t affected_rows() const override { return affected_; }

 private:
  Row ToPhysical(const Row& live) const {
    Row physical(table_->columns.size());
    for (size_t i = 0; i < plan_.target_columns.size(); ++i) {
      physical[plan_.target_columns[i]] = live[i];
    }
    for (size_t i = 0; i < table_->columns.size(); ++i) {
      if (physical[i].is_null()) physical[i] = Value::Null(table_->columns[i].type.oid);
    }
    return physical;
  }
  Row ToLive(const Row& physical) const {
    Row live(plan_.target_columns.size());
    for (size_t i = 0; i < plan_.target_columns.size(); ++i) {
      live[i] = physical[plan_.target_columns[i]];
    }
    return live;
  }

  // Row-level security WITH CHECK on a new row (table_'s physical layout).
  Status CheckRowSecurity(const Row& physical) {
    for (const auto& [check, message] : plan_.rls_checks) {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*check, physical, st_, &v));
      if (v.is_null() || !v.bool_value()) return Status::Error("42501", message);
    }
    return Status::OK();
  }

  // `oid`: the table the row is in (0: table_), read by RETURNING tableoid
  // from the slot after the row's columns.
  Status AddReturning(const Row& live, Oid oid = 0) {
    if (plan_.returning.empty()) return Status::OK();
    Row in = live;
    in.push_back(Value::Oid(oid != 0 ? oid : table_->oid));
    Row out(plan_.returning.size());
    for (size_t i = 0; i < plan_.returning.size(); ++i) {
      NANO_RETURN_IF_ERROR(EvalExpr(*plan_.returning[i], in, st_, &out[i]));
    }
    returning_.push_back(std::move(out));
    return Status::OK();
  }

  Status RunInsert() {
    Row live;
    bool eof = false;
    std::vector<int> arbiter;
    for (int ci : plan_.conflict_columns) arbiter.push_back(plan_.target_columns[ci]);
    while (true) {
      NANO_RETURN_IF_ERROR(ctx_->CheckCancel());
      NANO_RETURN_IF_ERROR(child_->Next(&live, &eof));
      if (eof) break;
      Row physical = ToPhysical(live);
      NANO_RETURN_IF_ERROR(CheckRowSecurity(physical));
      if (plan_.on_conflict_do_nothing || plan_.on_conflict_update) {
        // A partitioned table's arbiter index lives in the leaf partition.
        const TableDef* target = table_;
        TableWriter* w = writer_.get();
        Row probe = physical;
        std::vector<int> target_arbiter = arbiter;
        if (table_->is_partitioned()) {
          NANO_RETURN_IF_ERROR(RouteRow(ctx_, *ctx_->catalog, *table_, physical, &target, &probe));
          NANO_RETURN_IF_ERROR(WriterFor(target->oid, &w));
          target_arbiter.clear();
          for (int ci : arbiter) {
            const ColumnDef* c = target->FindColumn(table_->columns[static_cast<size_t>(ci)].name);
            target_arbiter.push_back(c ? target->ColumnIndexByAttnum(c->attnum) : ci);
          }
        }
        bool found = false;
        uint64_t rowid = 0;
        Row existing;
        NANO_RETURN_IF_ERROR(w->FindConflict(probe, target_arbiter, &found, &rowid, &existing));
        if (found) {
          if (plan_.on_conflict_do_nothing) continue;
          NANO_RETURN_IF_ERROR(ConflictUpdate(*target, w, rowid, existing, live));
          continue;
        }
      }
      uint64_t rowid = 0;
      if (table_->is_partitioned()) {
        NANO_RETURN_IF_ERROR(InsertRouted(physical));
        continue;
      }
      NANO_RETURN_IF_ERROR(writer_->Insert(&physical, &rowid));
      ++affected_;
      NANO_RETURN_IF_ERROR(AddReturning(ToLive(physical)));
    }
    return Status::OK();
  }

  // INSERT into a partitioned table (or a row moving between partitions):
  // the row (table_'s layout) goes to the leaf partition its key selects.
  Status InsertRouted(const Row& physical) {
    const TableDef* leaf = nullptr;
    Row leaf_row;
    NANO_RETURN_IF_ERROR(RouteRow(ctx_, *ctx_->catalog, *table_, physical, &leaf, &leaf_row));
    TableWriter* w = nullptr;
    NANO_RETURN_IF_ERROR(WriterFor(leaf->oid, &w));
    uint64_t rowid = 0;
    NANO_RETURN_IF_ERROR(w->Insert(&leaf_row, &rowid));
    // A row moved by UPDATE may land in a partition the scan reads later:
    // it must not be updated again.
    done_.insert({leaf->oid, rowid});
    ++affected_;
    return AddReturning(ToLive(MapRow(*leaf, *table_, leaf_row)), leaf->oid);
  }

  // The writer of an inheritance child or partition (created on first use).
  Status WriterFor(Oid oid, TableWriter** out) {
    if (oid == table_->oid) {
      *out = writer_.get();
      return Status::OK();
    }
    auto it = child_writers_.find(oid);
    if (it == child_writers_.end()) {
      const TableDef* t = ctx_->catalog->TableByOid(oid);
      if (t == nullptr) {
        return Status::Error(sqlstate::kUndefinedTable, "relation was dropped concurrently");
      }
      auto w = std::make_unique<TableWriter>(ctx_, t);
      NANO_RETURN_IF_ERROR(w->Init());
      it = child_writers_.emplace(oid, std::move(w)).first;
    }
    *out = it->second.get();
    return Status::OK();
  }

  // UPDATE / DELETE of a row that lives in child table `oid` of table_.
  Status ChildUpdateOrDelete(bool is_update, Oid oid, uint64_t rowid, Row& input,
                             const PlanNode* scan) {
    size_t n = plan_.target_columns.size();
    const TableDef* child = ctx_->catalog->TableByOid(oid);
    TableWriter* w = nullptr;
    NANO_RETURN_IF_ERROR(WriterFor(oid, &w));
    Row current;
    bool changed = false, gone = false, exists = false;
    NANO_RETURN_IF_ERROR(w->LockRow(rowid, &current, &changed, &gone));
    if (gone) return Status::OK();
    Row old_child;
    if (changed) {
      old_child = current;
      Row live = ToLive(MapRow(*child, *table_, current));
      for (size_t i = 0; i < n; ++i) input[i] = live[i];
      if (scan && scan->filter) {
        bool pass = false;
        NANO_RETURN_IF_ERROR(EvalCondition(*scan->filter, input, st_, &pass));
        if (!pass) return Status::OK();
      }
    } else {
      NANO_RETURN_IF_ERROR(w->ReadRow(rowid, &old_child, &exists));
      if (!exists) return Status::OK();
    }
    if (!is_update) {
      NANO_RETURN_IF_ERROR(w->Delete(rowid, old_child));
      ++affected_;
      return AddReturning(ToLive(MapRow(*child, *table_, old_child)), oid);
    }
    Row new_live(input.begin(), input.begin() + static_cast<long>(n));
    for (size_t i = 0; i < n; ++i) {
      if (plan_.set_exprs[i]) {
        NANO_RETURN_IF_ERROR(EvalExpr(*plan_.set_exprs[i], input, st_, &new_live[i]));
      }
    }
    // The parent's columns change; the child's own keep their values.
    Row parent_new = ToPhysical(new_live);
    NANO_RETURN_IF_ERROR(CheckRowSecurity(parent_new));
    Row new_child = old_child;
    for (size_t i = 0; i < child->columns.size(); ++i) {
      const ColumnDef& c = child->columns[i];
      if (c.dropped) continue;
      const ColumnDef* pc = table_->FindColumn(c.name);
      if (pc != nullptr) new_child[i] = parent_new[table_->ColumnIndexByAttnum(pc->attnum)];
    }
    if (child->is_partition() && table_->is_partitioned()) {
      bool fits = true;
      NANO_RETURN_IF_ERROR(RowFitsPartition(ctx_, *ctx_->catalog, *child, new_child, &fits));
      if (!fits) {
        // The row moves to the partition its new key selects.
        NANO_RETURN_IF_ERROR(w->Delete(rowid, old_child));
        return InsertRouted(MapRow(*child, *table_, new_child));
      }
    }
    NANO_RETURN_IF_ERROR(w->Update(rowid, old_child, &new_child));
    ++affected_;
    return AddReturning(new_live, oid);
  }

  // ON CONFLICT DO UPDATE of row `rowid` of `target` (table_ or, for a
  // partitioned table, the leaf partition holding the conflicting row).
  Status ConflictUpdate(const TableDef& target, TableWriter* w, uint64_t rowid,
                        const Row& existing_physical, const Row& excluded_live) {
    Row current = existing_physical;
    bool changed = false, gone = false;
    NANO_RETURN_IF_ERROR(w->LockRow(rowid, &current, &changed, &gone));
    if (gone) return Status::OK();
    const bool leaf = &target != table_;
    Row old_target = changed ? current : existing_physical;
    Row existing_live = ToLive(leaf ? MapRow(target, *table_, old_target) : old_target);
    Row input = existing_live;
    input.insert(input.end(), excluded_live.begin(), excluded_live.end());
    if (plan_.conflict_where) {
      bool pass = false;
      NANO_RETURN_IF_ERROR(EvalCondition(*plan_.conflict_where, input, st_, &pass));
      if (!pass) return Status::OK();
    }
    Row new_live = existing_live;
    for (size_t i = 0; i < plan_.conflict_set.size(); ++i) {
      if (plan_.conflict_set[i]) {
        NANO_RETURN_IF_ERROR(EvalExpr(*plan_.conflict_set[i], input, st_, &new_live[i]));
      }
    }
    Row new_physical = ToPhysical(new_live);
    if (leaf) new_physical = MapRow(*table_, target, new_physical);
    NANO_RETURN_IF_ERROR(w->Update(rowid, old_target, &new_physical));
    ++affected_;
    return AddReturning(new_live, target.oid);
  }

  Status RunUpdateOrDelete(bool is_update) {
    size_t n = plan_.target_columns.size();
    const PlanNode* scan = TargetScan(*plan_.children[0], table_->oid);
    Row input;
    bool eof = false;
    // A row may be reached twice through a join (UPDATE ... FROM): only the
    // first counts, as in PostgreSQL.
    std::set<std::pair<Oid, uint64_t>>& done = done_;
    while (true) {
      NANO_RETURN_IF_ERROR(ctx_->CheckCancel());
      NANO_RETURN_IF_ERROR(child_->Next(&input, &eof));
      if (eof) break;
      assert(input.size() > n);
      const std::string& key = input[n].str();
      uint64_t rowid = ReadU64BE(key.data());
      // Rows of inheritance children carry their table's oid after the id.
      Oid oid = key.size() >= 12 ? ReadU32BE(key.data() + 8) : table_->oid;
      if (!done.insert({oid, rowid}).second) continue;
      if (oid != table_->oid) {
        NANO_RETURN_IF_ERROR(ChildUpdateOrDelete(is_update, oid, rowid, input, scan));
        continue;
      }
      Row old_physical = ToPhysical(Row(input.begin(), input.begin() + static_cast<long>(n)));
      Row current;
      bool changed = false, gone = false;
      NANO_RETURN_IF_ERROR(writer_->LockRow(rowid, &current, &changed, &gone));
      if (gone) continue;
      if (changed) {
        // Re-check the newest version against the scan's filter.
        Row live = ToLive(current);
        for (size_t i = 0; i < n; ++i) input[i] = live[i];
        if (scan && scan->filter) {
          bool pass = false;
          NANO_RETURN_IF_ERROR(EvalCondition(*scan->filter, input, st_, &pass));
          if (!pass) continue;
        }
        old_physical = current;
      }
      if (is_update) {
        Row new_live(input.begin(), input.begin() + static_cast<long>(n));
        for (size_t i = 0; i < n; ++i) {
          if (plan_.set_exprs[i]) {
            NANO_RETURN_IF_ERROR(EvalExpr(*plan_.set_exprs[i], input, st_, &new_live[i]));
          }
        }
        Row new_physical = ToPhysical(new_live);
        NANO_RETURN_IF_ERROR(CheckRowSecurity(new_physical));
        NANO_RETURN_IF_ERROR(writer_->Update(rowid, old_physical, &new_physical));
        ++affected_;
        NANO_RETURN_IF_ERROR(AddReturning(new_live));
      } else {
        NANO_RETURN_IF_ERROR(writer_->Delete(rowid, old_physical));
        ++affected_;
        NANO_RETURN_IF_ERROR(AddReturning(ToLive(old_physical)));
      }
    }
    return Status::OK();
  }

  const PlanNode& plan_;
  ExecContext* ctx_;
  std::unique_ptr<Operator> child_;
  ExecState st_;
  const TableDef* table_ = nullptr;
  std::unique_ptr<TableWriter> writer_;
  std::map<Oid, std::unique_ptr<TableWriter>> child_writers_;
  // Rows already handled by this UPDATE/DELETE (table oid, row id), and rows
  // moved into another partition by it.
  std::set<std::pair<Oid, uint64_t>> done_;
  std::vector<Row> returning_;
  size_t next_ = 0;
  int64_t affected_ = 0;
};

}  // namespace

Status BuildDmlOperator(const PlanNode& plan, ExecContext* ctx, std::unique_ptr<Operator> child,
                        std::unique_ptr<Operator>* out) {
  *out = std::make_unique<DmlOp>(plan, ctx, std::move(child));
  return Status::OK();
}

}  // namespace nano
