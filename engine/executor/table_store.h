// engine/executor/table_store.h — how tables and indexes live in the store.
//
// User keys (inside a database's branch):
//   heap row:     [table oid u32 BE]['h'][rowid u64 BE]
//                 value 'R' + EncodeRow(all physical columns, dropped as NULL)
//                 An UPDATE rewrites the row under the same rowid (a new
//                 version of the same key), so point reads stay O(1) however
//                 often a row changes, and index entries are rewritten only
//                 when their key columns change.
//   index entry:  [table oid u32 BE]['i'][index oid u32 BE][key columns][rowid u64 BE]
//                 empty value. Unique indexes are checked by scanning the
//                 key-column prefix.
//   sequence:     [sequence oid u32 BE]['s'] -> [last_value i64][is_called u8]
//
// TableWriter applies one statement's row changes to one table with every
// check PostgreSQL makes: NOT NULL (23502), CHECK (23514), UNIQUE / PRIMARY
// KEY (23505, after locking the key so concurrent inserters serialise) and
// FOREIGN KEY in both directions (23503, ON DELETE CASCADE / SET NULL /
// RESTRICT). Rows are "physical": one Value per TableDef::columns entry.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "binder/bound.h"
#include "catalog/catalog.h"
#include "common/status.h"
#include "executor/exec_context.h"

namespace nano {

std::string HeapPrefix(Oid table);
std::string HeapKey(Oid table, uint64_t rowid);
uint64_t RowIdFromKey(std::string_view key);  // last 8 bytes of a heap or index key
std::string IndexPrefix(Oid table, Oid index);
std::string SequenceKey(Oid sequence);
// Appends the index's key columns of `row` (physical) to *out.
void AppendIndexColumns(const TableDef& table, const IndexDef& index, const std::vector<Value>& row,
                        std::string* out);
std::string IndexEntryKey(const TableDef& table, const IndexDef& index,
                          const std::vector<Value>& row, uint64_t rowid);

// "Failing row contains (v1, v2, ...)." over the live columns of physical
// `row` (the DETAIL of 23502 / 23514 / 44000 errors).
std::string FailingRowDetail(const TableDef& table, const std::vector<Value>& row,
                             const FormatContext* fmt);

// Decodes a heap value into one Value per TableDef::columns entry.
Status DecodeHeapValue(const TableDef& table, std::string_view value, std::vector<Value>* row);
std::vector<TypeOid> PhysicalTypes(const TableDef& table);

class TableWriter {
 public:
  TableWriter(ExecContext* ctx, const TableDef* table);
  ~TableWriter();

  // Prepares CHECK constraints (binds their expressions) — call once.
  Status Init();

  // Inserts `row` (physical). Fills *rowid.
  Status Insert(std::vector<Value>* row, uint64_t* rowid);
  // Finds a row that conflicts with `row` on the unique index over
  // `columns` (physical indices), for ON CONFLICT. *found false if none.
  Status FindConflict(const std::vector<Value>& row, const std::vector<int>& columns, bool* found,
                      uint64_t* rowid, std::vector<Value>* existing);
  // Deletes the row `rowid` whose current contents are `old_row`.
  Status Delete(uint64_t rowid, const std::vector<Value>& old_row);
  // Replaces the row's contents (same rowid).
  Status Update(uint64_t rowid, const std::vector<Value>& old_row, std::vector<Value>* new_row);

  // Locks the row. When a transaction that committed after our read version
  // changed it, READ COMMITTED gets *changed and the newest contents in
  // *current (or *gone when it was deleted); REPEATABLE READ gets 40001.
  Status LockRow(uint64_t rowid, std::vector<Value>* current, bool* changed, bool* gone);
  // The newest contents of row `rowid` (this transaction's writes included);
  // *exists false when there is none.
  Status ReadRow(uint64_t rowid, std::vector<Value>* row, bool* exists);

  // The insert-time foreign key check alone (ALTER TABLE ADD FOREIGN KEY
  // validates existing rows with it).
  Status CheckOutgoingForeignKeys(const std::vector<Value>& row) {
    return CheckForeignKeysOut(row, nullptr);
  }

 private:
  Status CheckRow(const std::vector<Value>& row);
  Status CheckUnique(const std::vector<Value>& row, uint64_t self_rowid);
  Status CheckForeignKeysOut(const std::vector<Value>& row, const std::vector<Value>* old_row);
  Status CheckReferencedBy(const std::vector<Value>& old_row, const std::vector<Value>* new_row);
  Status WriteIndexes(const std::vector<Value>& row, uint64_t rowid, bool remove);
  // Rewrites the index entries whose key columns differ between the rows.
  Status UpdateIndexes(const std::vector<Value>& old_row, const std::vector<Value>& new_row,
                       uint64_t rowid);
  // Whether `row` belongs in `index`: always, unless a partial index's
  // predicate is not true for it.
  Status InIndex(const IndexDef& index, const std::vector<Value>& row, bool* in) const;
  std::string DescribeKey(const IndexDef& index, const std::vector<Value>& row) const;

  ExecContext* ctx_;
  const TableDef* table_;
  std::vector<std::pair<const ConstraintDef*, BoundExprPtr>> checks_;
  // Columns declared with a domain: the domain's checks over that column.
  std::vector<BoundExprPtr> domain_checks_;
  std::map<Oid, BoundExprPtr> index_predicates_;  // partial indexes, by index oid
};

}  // namespace nano
