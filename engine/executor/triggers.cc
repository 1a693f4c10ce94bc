// engine/executor/triggers.cc — see triggers.h.
#include "executor/triggers.h"

#include <algorithm>
#include <cstring>

#include "common/sqlstate.h"

namespace nano {

namespace {

using Row = std::vector<Value>;

bool Enabled(const TriggerDef& t) { return t.enabled != 'D' && t.enabled != 'R'; }

// The enabled triggers of `table` for one timing (kTriggerTypeBefore,
// kTriggerTypeInstead or 0 for AFTER), level and event, in firing order.
std::vector<const TriggerDef*> Matching(const TableDef& table, int16_t timing, bool row,
                                        int16_t event, const std::set<std::string>* updated) {
  std::vector<const TriggerDef*> out;
  for (const TriggerDef& t : table.triggers) {
    if (!Enabled(t)) continue;
    if ((t.type & (kTriggerTypeBefore | kTriggerTypeInstead)) != timing) continue;
    if (((t.type & kTriggerTypeRow) != 0) != row) continue;
    if ((t.type & event) == 0) continue;
    if (event == kTriggerTypeUpdate && !t.columns.empty() && updated != nullptr) {
      bool hit = false;
      for (int16_t attnum : t.columns) {
        const ColumnDef* c = table.ColumnByAttnum(attnum);
        if (c != nullptr && updated->count(c->name) > 0) hit = true;
      }
      if (!hit) continue;
    }
    out.push_back(&t);
  }
  std::sort(out.begin(), out.end(), [](const TriggerDef* a, const TriggerDef* b) {
    return std::strcmp(a->name.c_str(), b->name.c_str()) < 0;
  });
  return out;
}

Row ToLive(const TableDef& t, const Row& physical) {
  Row live;
  for (int idx : t.LiveColumns()) {
    live.push_back(static_cast<size_t>(idx) < physical.size()
                       ? physical[idx]
                       : Value::Null(t.columns[idx].type.oid));
  }
  return live;
}

void FromLive(const TableDef& t, const Row& live, Row* physical) {
  std::vector<int> cols = t.LiveColumns();
  if (physical->size() < t.columns.size()) physical->resize(t.columns.size());
  for (size_t i = 0; i < cols.size() && i < live.size(); ++i) (*physical)[cols[i]] = live[i];
}

}  // namespace

const char* TriggerEventName(int16_t event) {
  switch (event) {
    case kTriggerTypeInsert:
      return "INSERT";
    case kTriggerTypeUpdate:
      return "UPDATE";
    case kTriggerTypeDelete:
      return "DELETE";
    case kTriggerTypeTruncate:
      return "TRUNCATE";
    default:
      return "";
  }
}

bool HasTriggers(const TableDef& table, int16_t bits, int16_t mask, int16_t event) {
  for (const TriggerDef& t : table.triggers) {
    if (!Enabled(t)) continue;
    if ((t.type & mask) != bits) continue;
    if (event != 0 && (t.type & event) == 0) continue;
    return true;
  }
  return false;
}

Status TriggerFirer::Call(const TableDef& table, const TriggerDef& trig, int16_t event, bool row,
                          const Row* old_live, const Row* new_live, TriggerInvocation* inv) {
  const FunctionDef* fn = ctx_->catalog->FunctionByOid(trig.function_oid);
  if (fn == nullptr) {
    return Status::Error(sqlstate::kUndefinedFunction,
                         "function of trigger \"" + trig.name + "\" does not exist");
  }
  if (ctx_->routines == nullptr) {
    return Status::Error(sqlstate::kFeatureNotSupported, "triggers cannot run here");
  }
  inv->trigger = &trig;
  inv->table = &table;
  inv->event = event;
  inv->row = row;
  for (int idx : table.LiveColumns()) {
    inv->column_names.push_back(table.columns[idx].name);
    inv->column_types.push_back(table.columns[idx].type);
  }
  inv->old_row = old_live;
  inv->new_row = new_live;
  if (!trig.old_table.empty() || !trig.new_table.empty()) {
    auto empty = std::make_shared<const std::vector<Row>>();
    auto it = captured_.find({table.oid, event});
    inv->old_table = it != captured_.end() && it->second.old_rows ? it->second.old_rows : empty;
    inv->new_table = it != captured_.end() && it->second.new_rows ? it->second.new_rows : empty;
  }
  return ctx_->routines->RunTrigger(*fn, inv, ctx_);
}

Status TriggerFirer::BeforeStatement(const TableDef& table, int16_t event,
                                     const std::set<std::string>* updated) {
  for (const TriggerDef* t : Matching(table, kTriggerTypeBefore, false, event, updated)) {
    TriggerInvocation inv;
    NANO_RETURN_IF_ERROR(Call(table, *t, event, false, nullptr, nullptr, &inv));
  }
  return Status::OK();
}

Status TriggerFirer::AfterStatement(const TableDef& table, int16_t event,
                                    const std::set<std::string>* updated) {
  NANO_RETURN_IF_ERROR(FireQueued());
  for (const TriggerDef* t : Matching(table, 0, false, event, updated)) {
    TriggerInvocation inv;
    NANO_RETURN_IF_ERROR(Call(table, *t, event, false, nullptr, nullptr, &inv));
  }
  return Status::OK();
}

Status TriggerFirer::BeforeRow(const TableDef& table, int16_t event, const Row* old_physical,
                               Row* new_physical, bool* skip,
                               const std::set<std::string>* updated) {
  *skip = false;
  std::vector<const TriggerDef*> trigs = Matching(table, kTriggerTypeBefore, true, event, updated);
  if (trigs.empty()) return Status::OK();
  Row old_live, new_live;
  if (old_physical != nullptr) old_live = ToLive(table, *old_physical);
  if (new_physical != nullptr) new_live = ToLive(table, *new_physical);
  for (const TriggerDef* t : trigs) {
    TriggerInvocation inv;
    NANO_RETURN_IF_ERROR(Call(table, *t, event, true, old_physical ? &old_live : nullptr,
                              new_physical ? &new_live : nullptr, &inv));
    if (!inv.fired) continue;
    if (inv.returned_null) {
      *skip = true;
      return Status::OK();
    }
    if (new_physical != nullptr) new_live = std::move(inv.result);
  }
  if (new_physical != nullptr) FromLive(table, new_live, new_physical);
  return Status::OK();
}

Status TriggerFirer::AfterRow(const TableDef& table, int16_t event, const Row* old_physical,
                              const Row* new_physical, const std::set<std::string>* updated) {
  for (const TriggerDef* t : Matching(table, 0, true, event, updated)) {
    Queued q;
    q.table_oid = table.oid;
    q.trigger_oid = t->oid;
    q.event = event;
    if (old_physical != nullptr) {
      q.old_live = ToLive(table, *old_physical);
      q.has_old = true;
    }
    if (new_physical != nullptr) {
      q.new_live = ToLive(table, *new_physical);
      q.has_new = true;
    }
    queue_.push_back(std::move(q));
  }
  return Status::OK();
}

Status TriggerFirer::InsteadOfRow(const TableDef& view, int16_t event, const Row* old_live,
                                  Row* new_live, bool* done) {
  *done = false;
  Row current;
  if (new_live != nullptr) current = *new_live;
  for (const TriggerDef* t : Matching(view, kTriggerTypeInstead, true, event, nullptr)) {
    TriggerInvocation inv;
    NANO_RETURN_IF_ERROR(
        Call(view, *t, event, true, old_live, new_live != nullptr ? &current : nullptr, &inv));
    if (!inv.fired) continue;
    if (inv.returned_null) return Status::OK();
    if (new_live != nullptr) current = std::move(inv.result);
  }
  if (new_live != nullptr) *new_live = std::move(current);
  *done = true;
  return Status::OK();
}

void TriggerFirer::Capture(const TableDef& target, int16_t event, const TableDef& from,
                           const Row* old_physical, const Row* new_physical) {
  if (target.triggers.empty()) return;
  Captured& c = captured_[{target.oid, event}];
  if (!c.decided) {
    c.decided = true;
    for (const TriggerDef& t : target.triggers) {
      if (!Enabled(t) || (t.type & event) == 0) continue;
      c.want_old |= !t.old_table.empty();
      c.want_new |= !t.new_table.empty();
    }
    if (c.want_old) c.old_rows = std::make_shared<std::vector<Row>>();
    if (c.want_new) c.new_rows = std::make_shared<std::vector<Row>>();
  }
  if (!c.want_old && !c.want_new) return;
  // `from`'s physical row in target's live layout (columns by name).
  auto convert = [&](const Row& physical) {
    Row live;
    for (int idx : target.LiveColumns()) {
      const ColumnDef* col = &target.columns[idx];
      if (&from != &target) col = from.FindColumn(target.columns[idx].name);
      const int at =
          col == nullptr ? -1 : (&from == &target ? idx : from.ColumnIndexByAttnum(col->attnum));
      live.push_back(at >= 0 && static_cast<size_t>(at) < physical.size()
                         ? physical[at]
                         : Value::Null(target.columns[idx].type.oid));
    }
    return live;
  };
  if (c.want_old && old_physical != nullptr) c.old_rows->push_back(convert(*old_physical));
  if (c.want_new && new_physical != nullptr) c.new_rows->push_back(convert(*new_physical));
}

Status TriggerFirer::FireQueued() {
  // A trigger's own statements may queue more events: fire until empty.
  while (!queue_.empty()) {
    std::vector<Queued> batch;
    batch.swap(queue_);
    for (const Queued& q : batch) {
      const TableDef* table = ctx_->catalog->TableByOid(q.table_oid);
      if (table == nullptr) continue;
      const TriggerDef* trig = nullptr;
      for (const TriggerDef& t : table->triggers) {
        if (t.oid == q.trigger_oid) trig = &t;
      }
      if (trig == nullptr || !Enabled(*trig)) continue;
      TriggerInvocation inv;
      NANO_RETURN_IF_ERROR(Call(*table, *trig, q.event, true, q.has_old ? &q.old_live : nullptr,
                                q.has_new ? &q.new_live : nullptr, &inv));
    }
  }
  return Status::OK();
}

}  // namespace nano
