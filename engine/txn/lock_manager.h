// engine/txn/lock_manager.h — exclusive row locks held to end of transaction.
//
// A writer locks every row key (and every unique-index key it inserts) before
// writing it, and keeps the lock until its transaction commits or aborts.
// That is what makes "the loser waits" work: a second writer of the same row
// blocks in Acquire until the first finishes, then re-checks the row's newest
// version (READ COMMITTED re-reads it; REPEATABLE READ fails with 40001 when
// it changed after the snapshot).
//
// Keys are opaque byte strings (branch + user key, built by the caller).
// Deadlocks are detected on the waits-for graph when a wait starts, and the
// transaction that would close a cycle fails with 40P01.
//
// Threading: all methods thread-safe. Bounded: a wait ends on grant, on
// cancellation (57014), on deadlock (40P01) or after timeout_ms (55P03
// lock_not_available when lock_timeout is set; 0 = wait forever).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace nano {

using TxnId = uint64_t;

class LockManager {
 public:
  LockManager();
  ~LockManager();
  LockManager(const LockManager&) = delete;
  LockManager& operator=(const LockManager&) = delete;

  // Takes the exclusive lock on `key` for `txn`, waiting while another
  // transaction holds it. Re-acquiring a lock already held is a no-op.
  // `cancel` (may be null) is polled while waiting; when it becomes true the
  // wait ends with 57014.
  Status Acquire(TxnId txn, std::string_view key, const std::atomic<bool>* cancel,
                 int64_t timeout_ms = 0);

  // Releases every lock `txn` holds and wakes their waiters.
  void ReleaseAll(TxnId txn);

  // For tests and pg_locks: number of keys locked now.
  size_t locked_key_count() const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace nano
