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
#include "executor/triggers.h"
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
      : plan_(plan), ctx_(ctx), child_(std::move(child)), triggers_(ctx) {
    st_.ctx = ctx;
  }

  Status Open() override {
    table_ = ctx_->catalog->TableByOid(plan_.table_oid);
    if (table_ == nullptr) {
      return Status::Error(sqlstate::kUndefinedTable, "relation was dropped concurrently");
    }
    if (table_->kind != RelKind::kView) {
      writer_ = std::make_unique<TableWriter>(ctx_, table_);
      NANO_RETURN_IF_ERROR(writer_->Init());
    }
    // UPDATE's target columns (UPDATE OF triggers), and ON CONFLICT DO
    // UPDATE's.
    for (size_t i = 0; i < plan_.set_exprs.size() && i < plan_.target_columns.size(); ++i) {
      if (plan_.set_exprs[i]) updated_.insert(table_->columns[plan_.target_columns[i]].name);
    }
    for (size_t i = 0; i < plan_.conflict_set.size() && i < plan_.target_columns.size(); ++i) {
      if (plan_.conflict_set[i]) {
        conflict_updated_.insert(table_->columns[plan_.target_columns[i]].name);
      }
    }
    const int16_t event = plan_.kind == PlanKind::kInsert   ? kTriggerTypeInsert
                          : plan_.kind == PlanKind::kUpdate ? kTriggerTypeUpdate
                                                            : kTriggerTypeDelete;
    const std::set<std::string>* cols = event == kTriggerTypeUpdate ? &updated_ : nullptr;
    NANO_RETURN_IF_ERROR(triggers_.BeforeStatement(*table_, event, cols));
    if (plan_.on_conflict_update) {
      NANO_RETURN_IF_ERROR(
          triggers_.BeforeStatement(*table_, kTriggerTypeUpdate, &conflict_updated_));
    }
    NANO_RETURN_IF_ERROR(child_->Open());
    if (table_->kind == RelKind::kView) {
      // A view: its INSTEAD OF triggers do the work.
      NANO_RETURN_IF_ERROR(RunInsteadOf(event));
    } else {
      switch (plan_.kind) {
        case PlanKind::kInsert:
          NANO_RETURN_IF_ERROR(RunInsert());
          break;
        case PlanKind::kUpdate:
          NANO_RETURN_IF_ERROR(RunUpdateOrDelete(/*is_update=*/true));
          break;
        case PlanKind::kDelete:
          NANO_RETURN_IF_ERROR(RunUpdateOrDelete(/*is_update=*/false));
          break;
        default:
          return Status::Error(sqlstate::kInternalError, "not a DML plan");
      }
    }
    NANO_RETURN_IF_ERROR(triggers_.FireQueued());
    if (plan_.on_conflict_update) {
      NANO_RETURN_IF_ERROR(
          triggers_.AfterStatement(*table_, kTriggerTypeUpdate, &conflict_updated_));
    }
    return triggers_.AfterStatement(*table_, event, cols);
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
  // WITH CHECK OPTION of the views the statement wrote through: the new
  // row (live columns of table_) must satisfy each (NULL fails too).
  Status CheckViewOptions(const Row& live) {
    for (const auto& [view, check] : plan_.view_checks) {
      bool pass = false;
      NANO_RETURN_IF_ERROR(EvalCondition(*check, live, st_, &pass));
      if (pass) continue;
      return Status::Error(sqlstate::kWithCheckOptionViolation,
                           "new row violates check option for view \"" + view + "\"")
          .WithDetail(FailingRowDetail(*table_, ToPhysical(live),
                                       ctx_->eval ? ctx_->eval->format : nullptr));
    }
    return Status::OK();
  }

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
      if (!table_->is_partitioned()) {
        bool skip = false;
        NANO_RETURN_IF_ERROR(
            triggers_.BeforeRow(*table_, kTriggerTypeInsert, nullptr, &physical, &skip));
        if (skip) continue;
        live = ToLive(physical);
      }
      NANO_RETURN_IF_ERROR(CheckViewOptions(ToLive(physical)));
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
          // The leaf's BEFORE INSERT row triggers run before the conflict
          // check (EXCLUDED shows their row).
          bool skip = false;
          NANO_RETURN_IF_ERROR(
              triggers_.BeforeRow(*target, kTriggerTypeInsert, nullptr, &probe, &skip));
          if (skip) continue;
          live = ToLive(MapRow(*target, *table_, probe));
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
        if (table_->is_partitioned()) {
          NANO_RETURN_IF_ERROR(w->Insert(&probe, &rowid));
          ++affected_;
          NANO_RETURN_IF_ERROR(triggers_.AfterRow(*target, kTriggerTypeInsert, nullptr, &probe));
          triggers_.Capture(*table_, kTriggerTypeInsert, *target, nullptr, &probe);
          NANO_RETURN_IF_ERROR(AddReturning(ToLive(MapRow(*target, *table_, probe)), target->oid));
          continue;
        }
      }
      uint64_t rowid = 0;
      if (table_->is_partitioned()) {
        NANO_RETURN_IF_ERROR(InsertRouted(physical));
        continue;
      }
      NANO_RETURN_IF_ERROR(writer_->Insert(&physical, &rowid));
      done_.insert({table_->oid, rowid});
      ++affected_;
      NANO_RETURN_IF_ERROR(triggers_.AfterRow(*table_, kTriggerTypeInsert, nullptr, &physical));
      triggers_.Capture(*table_, kTriggerTypeInsert, *table_, nullptr, &physical);
      NANO_RETURN_IF_ERROR(AddReturning(ToLive(physical)));
    }
    return Status::OK();
  }

  // INSERT / UPDATE / DELETE on a view through its INSTEAD OF ROW triggers:
  // the child yields the rows to insert, or the view's rows (UPDATE /
  // DELETE, no row key) to change.
  Status RunInsteadOf(int16_t event) {
    const size_t n = plan_.target_columns.size();
    const std::vector<int> live_cols = table_->LiveColumns();
    auto view_live = [&](const Row& physical) {
      Row out;
      for (int idx : live_cols) out.push_back(physical[idx]);
      return out;
    };
    auto from_view_live = [&](const Row& vl) {
      Row physical(table_->columns.size());
      for (size_t i = 0; i < live_cols.size() && i < vl.size(); ++i) physical[live_cols[i]] = vl[i];
      return physical;
    };
    Row input;
    bool eof = false;
    while (true) {
      NANO_RETURN_IF_ERROR(ctx_->CheckCancel());
      NANO_RETURN_IF_ERROR(child_->Next(&input, &eof));
      if (eof) break;
      bool done = false;
      if (event == kTriggerTypeInsert) {
        Row vl = view_live(ToPhysical(input));
        NANO_RETURN_IF_ERROR(triggers_.InsteadOfRow(*table_, event, nullptr, &vl, &done));
        if (!done) continue;
        ++affected_;
        NANO_RETURN_IF_ERROR(AddReturning(ToLive(from_view_live(vl))));
        continue;
      }
      Row old_live =
          view_live(ToPhysical(Row(input.begin(), input.begin() + static_cast<long>(n))));
      if (event == kTriggerTypeDelete) {
        NANO_RETURN_IF_ERROR(triggers_.InsteadOfRow(*table_, event, &old_live, nullptr, &done));
        if (!done) continue;
        ++affected_;
        NANO_RETURN_IF_ERROR(AddReturning(ToLive(from_view_live(old_live))));
        continue;
      }
      Row new_target(input.begin(), input.begin() + static_cast<long>(n));
      for (size_t i = 0; i < n; ++i) {
        if (plan_.set_exprs[i]) {
          NANO_RETURN_IF_ERROR(EvalExpr(*plan_.set_exprs[i], input, st_, &new_target[i]));
        }
      }
      Row new_live = view_live(ToPhysical(new_target));
      NANO_RETURN_IF_ERROR(triggers_.InsteadOfRow(*table_, event, &old_live, &new_live, &done));
      if (!done) continue;
      ++affected_;
      NANO_RETURN_IF_ERROR(AddReturning(ToLive(from_view_live(new_live))));
    }
    return Status::OK();
  }

  // INSERT into a partitioned table (or a row moving between partitions):
  // the row (table_'s layout) goes to the leaf partition its key selects.
  // `moved`: the INSERT half of an UPDATE that moves the row (its new row
  // goes to the UPDATE's transition table).
  Status InsertRouted(const Row& physical, bool moved = false) {
    const TableDef* leaf = nullptr;
    Row leaf_row;
    NANO_RETURN_IF_ERROR(RouteRow(ctx_, *ctx_->catalog, *table_, physical, &leaf, &leaf_row));
    TableWriter* w = nullptr;
    NANO_RETURN_IF_ERROR(WriterFor(leaf->oid, &w));
    bool skip = false;
    NANO_RETURN_IF_ERROR(triggers_.BeforeRow(*leaf, kTriggerTypeInsert, nullptr, &leaf_row, &skip));
    if (skip) return Status::OK();
    uint64_t rowid = 0;
    NANO_RETURN_IF_ERROR(w->Insert(&leaf_row, &rowid));
    NANO_RETURN_IF_ERROR(triggers_.AfterRow(*leaf, kTriggerTypeInsert, nullptr, &leaf_row));
    triggers_.Capture(*table_, moved ? kTriggerTypeUpdate : kTriggerTypeInsert, *leaf, nullptr,
                      &leaf_row);
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
      bool skip = false;
      NANO_RETURN_IF_ERROR(
          triggers_.BeforeRow(*child, kTriggerTypeDelete, &old_child, nullptr, &skip));
      if (skip) return Status::OK();
      NANO_RETURN_IF_ERROR(w->Delete(rowid, old_child));
      ++affected_;
      NANO_RETURN_IF_ERROR(triggers_.AfterRow(*child, kTriggerTypeDelete, &old_child, nullptr));
      triggers_.Capture(*table_, kTriggerTypeDelete, *child, &old_child, nullptr);
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
    bool skip = false;
    NANO_RETURN_IF_ERROR(
        triggers_.BeforeRow(*child, kTriggerTypeUpdate, &old_child, &new_child, &skip, &updated_));
    if (skip) return Status::OK();
    NANO_RETURN_IF_ERROR(CheckViewOptions(ToLive(MapRow(*child, *table_, new_child))));
    if (child->is_partition() && table_->is_partitioned()) {
      bool fits = true;
      NANO_RETURN_IF_ERROR(RowFitsPartition(ctx_, *ctx_->catalog, *child, new_child, &fits));
      if (!fits) {
        // The row moves to the partition its new key selects: DELETE and
        // INSERT row triggers fire, as in PostgreSQL.
        NANO_RETURN_IF_ERROR(
            triggers_.BeforeRow(*child, kTriggerTypeDelete, &old_child, nullptr, &skip));
        if (skip) return Status::OK();
        NANO_RETURN_IF_ERROR(w->Delete(rowid, old_child));
        NANO_RETURN_IF_ERROR(triggers_.AfterRow(*child, kTriggerTypeDelete, &old_child, nullptr));
        triggers_.Capture(*table_, kTriggerTypeUpdate, *child, &old_child, nullptr);
        return InsertRouted(MapRow(*child, *table_, new_child), /*moved=*/true);
      }
    }
    NANO_RETURN_IF_ERROR(w->Update(rowid, old_child, &new_child));
    ++affected_;
    NANO_RETURN_IF_ERROR(
        triggers_.AfterRow(*child, kTriggerTypeUpdate, &old_child, &new_child, &updated_));
    triggers_.Capture(*table_, kTriggerTypeUpdate, *child, &old_child, &new_child);
    return AddReturning(ToLive(MapRow(*child, *table_, new_child)), oid);
  }

  // ON CONFLICT DO UPDATE of row `rowid` of `target` (table_ or, for a
  // partitioned table, the leaf partition holding the conflicting row).
  Status ConflictUpdate(const TableDef& target, TableWriter* w, uint64_t rowid,
                        const Row& existing_physical, const Row& excluded_live) {
    if (done_.count({target.oid, rowid}) != 0) {
      return Status::Error(sqlstate::kCardinalityViolation,
                           "ON CONFLICT DO UPDATE command cannot affect row a second time")
          .WithHint(
              "Ensure that no rows proposed for insertion within the same command have duplicate "
              "constrained values.");
    }
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
    bool skip = false;
    NANO_RETURN_IF_ERROR(triggers_.BeforeRow(target, kTriggerTypeUpdate, &old_target, &new_physical,
                                             &skip, &conflict_updated_));
    if (skip) return Status::OK();
    NANO_RETURN_IF_ERROR(w->Update(rowid, old_target, &new_physical));
    done_.insert({target.oid, rowid});  // a second proposal for it is 21000
    ++affected_;
    NANO_RETURN_IF_ERROR(triggers_.AfterRow(target, kTriggerTypeUpdate, &old_target, &new_physical,
                                            &conflict_updated_));
    triggers_.Capture(*table_, kTriggerTypeUpdate, target, &old_target, &new_physical);
    return AddReturning(ToLive(leaf ? MapRow(target, *table_, new_physical) : new_physical),
                        target.oid);
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
        bool skip = false;
        NANO_RETURN_IF_ERROR(triggers_.BeforeRow(*table_, kTriggerTypeUpdate, &old_physical,
                                                 &new_physical, &skip, &updated_));
        if (skip) continue;
        NANO_RETURN_IF_ERROR(CheckViewOptions(ToLive(new_physical)));
        NANO_RETURN_IF_ERROR(CheckRowSecurity(new_physical));
        NANO_RETURN_IF_ERROR(writer_->Update(rowid, old_physical, &new_physical));
        ++affected_;
        NANO_RETURN_IF_ERROR(triggers_.AfterRow(*table_, kTriggerTypeUpdate, &old_physical,
                                                &new_physical, &updated_));
        triggers_.Capture(*table_, kTriggerTypeUpdate, *table_, &old_physical, &new_physical);
        NANO_RETURN_IF_ERROR(AddReturning(ToLive(new_physical)));
      } else {
        bool skip = false;
        NANO_RETURN_IF_ERROR(
            triggers_.BeforeRow(*table_, kTriggerTypeDelete, &old_physical, nullptr, &skip));
        if (skip) continue;
        NANO_RETURN_IF_ERROR(writer_->Delete(rowid, old_physical));
        ++affected_;
        NANO_RETURN_IF_ERROR(
            triggers_.AfterRow(*table_, kTriggerTypeDelete, &old_physical, nullptr));
        triggers_.Capture(*table_, kTriggerTypeDelete, *table_, &old_physical, nullptr);
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
  TriggerFirer triggers_;
  std::set<std::string> updated_, conflict_updated_;
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
