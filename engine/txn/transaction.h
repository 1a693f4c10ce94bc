// engine/txn/transaction.h — one transaction's reads and writes.
//
// Reads go to the versioned store at the transaction's read version, merged
// with the transaction's own not-yet-committed writes (a write set ordered by
// key). Writes lock their key in the LockManager first and stay private until
// Commit, which hands the whole write set to VersionedStore::Commit as one
// version. Savepoints record the write set's undo log position.
//
// Isolation (PostgreSQL's definitions):
//  * READ COMMITTED: each statement reads at the newest committed version
//    when it starts (BeginStatement refreshes the read version).
//  * REPEATABLE READ / SERIALIZABLE (treated as REPEATABLE READ): the read
//    version is fixed by the first statement.
// Write conflicts: after locking a key, CheckWriteConflict compares its
// newest committed version with the read version. REPEATABLE READ fails with
// 40001 "could not serialize access due to concurrent update"; READ
// COMMITTED reports `*changed` so the executor re-reads the newest row and
// re-checks its WHERE clause (PostgreSQL's EvalPlanQual), which is what
// prevents lost updates.
//
// Threading: a Transaction belongs to one session thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "storage/versioned_store.h"
#include "txn/lock_manager.h"

namespace nano {

enum class IsolationLevel { kReadCommitted, kRepeatableRead, kSerializable };

class Transaction {
 public:
  Transaction(TxnId id, VersionedStore* store, LockManager* locks, IsolationLevel isolation,
              const std::atomic<bool>* cancel);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  TxnId id() const { return id_; }
  IsolationLevel isolation() const { return isolation_; }
  void set_isolation(IsolationLevel level) { isolation_ = level; }
  // READ COMMITTED: new snapshot per statement; REPEATABLE READ: first only.
  void BeginStatement();
  Version read_version() const { return read_version_; }
  bool has_writes() const { return !undo_.empty(); }

  // Reads through `chain` (whose element 0 bound is replaced by the read
  // version; ancestors keep their fork bounds, capped at the read version).
  Status Get(const BranchChain& chain, std::string_view key, std::string* value, bool* found);
  // Reads the newest committed value ignoring the snapshot (plus own writes).
  Status GetLatest(const BranchChain& chain, std::string_view key, std::string* value, bool* found);

  // Iterates [lower, upper) at the read version merged with own writes.
  // `latest` reads the newest committed state instead (uniqueness checks).
  std::unique_ptr<VersionedIterator> NewIterator(const BranchChain& chain, std::string lower,
                                                 std::string upper, bool latest = false);

  // Takes the row lock for (branch, key) — waits for other writers.
  Status Lock(BranchId branch, std::string_view key);
  // After Lock: did a commit newer than our read version touch the key?
  // REPEATABLE READ returns 40001 when so; READ COMMITTED sets *changed.
  Status CheckWriteConflict(const BranchChain& chain, std::string_view key, bool* changed);

  // Buffers a write (caller has locked the key when it matters).
  void Put(BranchId branch, std::string key, std::string value);
  void Delete(BranchId branch, std::string key);

  // Savepoints: an opaque mark of the write set.
  size_t Mark() const { return undo_.size(); }
  void RollbackTo(size_t mark);

  // Makes the write set durable and visible; releases locks.
  Status Commit(Version* committed);
  // Drops the write set; releases locks.
  void Abort();

 private:
  struct PendingWrite {
    std::string value;
    bool tombstone = false;
  };
  struct Undo {
    std::string full_key;
    bool existed = false;
    PendingWrite previous;
  };
  static std::string FullKey(BranchId branch, std::string_view key);
  BranchChain Bound(const BranchChain& chain, Version v) const;
  void Record(std::string full_key, PendingWrite write);

  TxnId id_;
  VersionedStore* store_;
  LockManager* locks_;
  IsolationLevel isolation_;
  const std::atomic<bool>* cancel_;
  Version read_version_ = 0;
  bool snapshot_taken_ = false;
  bool finished_ = false;
  // full key ([branch u32 BE][user key]) -> pending write
  std::map<std::string, PendingWrite, std::less<>> writes_;
  std::vector<Undo> undo_;
};

}  // namespace nano
