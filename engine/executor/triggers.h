// engine/executor/triggers.h — firing CREATE TRIGGER triggers from DML.
//
// The DML operators (dml.cc) call a TriggerFirer at PostgreSQL's points:
//   * BEFORE STATEMENT triggers of the named table when the statement
//     starts, AFTER STATEMENT ones when it ends (once, even for no rows);
//   * BEFORE ROW triggers of the table a row is written to (for a
//     partitioned table: the leaf partition, which holds clones of the
//     parent's row triggers) just before the write; they may change the new
//     row or skip it (NULL);
//   * AFTER ROW triggers are queued and fired, in queue order, when the
//     statement's rows are done, before its AFTER STATEMENT triggers;
//   * INSTEAD OF ROW triggers of a view replace the write.
// Within one timing/level/event, triggers fire in name order (strcmp), as
// PostgreSQL's. A trigger's function runs through ExecContext::routines
// (engine/plpgsql/trigger_call.cc), which also evaluates its WHEN condition.
//
// Rows handed to a firer are in the table's physical layout (one value per
// pg_attribute slot, dropped columns included); the trigger function sees
// the live columns.
//
// Not thread-safe: one firer per running DML statement.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "executor/exec_context.h"
#include "types/value.h"

namespace nano {

// One call of a trigger function (what TG_* and NEW / OLD show).
struct TriggerInvocation {
  const TriggerDef* trigger = nullptr;
  const TableDef* table = nullptr;
  int16_t event = 0;  // kTriggerTypeInsert / Update / Delete / Truncate
  bool row = false;
  // The live columns of `table` (names and types, in order).
  std::vector<std::string> column_names;
  std::vector<TypeRef> column_types;
  // Row level: OLD (UPDATE, DELETE) and NEW (INSERT, UPDATE), live layout.
  const std::vector<Value>* old_row = nullptr;
  const std::vector<Value>* new_row = nullptr;
  // Transition tables (trigger->old_table / new_table): the statement's
  // rows in the live layout; null when the trigger names none.
  std::shared_ptr<const std::vector<std::vector<Value>>> old_table, new_table;
  // Filled by the call: whether the WHEN condition held (false: the
  // function was not called), and the function's result (NULL or a row).
  bool fired = false;
  bool returned_null = true;
  std::vector<Value> result;
};

// TG_OP's spelling of an event bit.
const char* TriggerEventName(int16_t event);

// Whether `table` has an enabled trigger with all `bits` set in its tgtype
// and firing on `event` (0: any event).
bool HasTriggers(const TableDef& table, int16_t bits, int16_t mask, int16_t event);

class TriggerFirer {
 public:
  explicit TriggerFirer(ExecContext* ctx) : ctx_(ctx) {}

  // Statement level (fires the queued AFTER ROW events before AFTER
  // STATEMENT triggers). `updated` holds the UPDATE's target column names
  // (for UPDATE OF).
  Status BeforeStatement(const TableDef& table, int16_t event,
                         const std::set<std::string>* updated = nullptr);
  Status AfterStatement(const TableDef& table, int16_t event,
                        const std::set<std::string>* updated = nullptr);

  // BEFORE ROW: may replace *new_physical (INSERT, UPDATE) or set *skip.
  Status BeforeRow(const TableDef& table, int16_t event, const std::vector<Value>* old_physical,
                   std::vector<Value>* new_physical, bool* skip,
                   const std::set<std::string>* updated = nullptr);
  // AFTER ROW: queued until FireQueued().
  Status AfterRow(const TableDef& table, int16_t event, const std::vector<Value>* old_physical,
                  const std::vector<Value>* new_physical,
                  const std::set<std::string>* updated = nullptr);
  // INSTEAD OF ROW on a view: *done false when every trigger returned NULL.
  Status InsteadOfRow(const TableDef& view, int16_t event, const std::vector<Value>* old_live,
                      std::vector<Value>* new_live, bool* done);
  Status FireQueued();

  // Transition tables: rows changed by the statement on `target` (the named
  // table; `from` is the table the row is in: target or one of its
  // partitions / children), kept for target's triggers that reference
  // OLD / NEW TABLE for `event`.
  void Capture(const TableDef& target, int16_t event, const TableDef& from,
               const std::vector<Value>* old_physical, const std::vector<Value>* new_physical);

 private:
  struct Captured {
    bool decided = false, want_old = false, want_new = false;
    std::shared_ptr<std::vector<std::vector<Value>>> old_rows, new_rows;
  };
  struct Queued {
    Oid table_oid = 0;
    Oid trigger_oid = 0;
    int16_t event = 0;
    std::vector<Value> old_live, new_live;
    bool has_old = false, has_new = false;
  };
  Status Call(const TableDef& table, const TriggerDef& trig, int16_t event, bool row,
              const std::vector<Value>* old_live, const std::vector<Value>* new_live,
              TriggerInvocation* inv);

  ExecContext* ctx_;
  std::vector<Queued> queue_;
  std::map<std::pair<Oid, int16_t>, Captured> captured_;  // (target table, event)
};

}  // namespace nano
