// engine/txn/lock_manager.cc — sharded exclusive lock table with deadlock
// detection on a waits-for graph.
//
// Structure
//  * kShards shards, each a mutex + condition variable + map key -> LockEntry.
//    A shard's condition variable is notified when any of its keys is freed.
//  * held_: txn -> keys it holds (own mutex), so ReleaseAll is O(held).
//  * waits_for_: waiter txn -> holder txn (graph mutex). A transaction waits
//    for at most one lock at a time, so the graph is a function and a cycle
//    check is a walk of at most |waits_for_| steps.
// Lock order: shard mutex -> graph mutex, shard mutex -> held mutex. No
// path takes two shard mutexes at once.
#include "txn/lock_manager.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace nano {

namespace {

constexpr size_t kShards = 64;
// How often a blocked waiter re-checks its cancel flag and deadline.
constexpr std::chrono::milliseconds kPollInterval(50);

struct LockEntry {
  TxnId owner = 0;
  bool held = false;
  int waiters = 0;  // keeps the entry alive while someone waits on it
};

struct Shard {
  mutable std::mutex mu;
  std::condition_variable cv;
  std::unordered_map<std::string, LockEntry> table;
};

}  // namespace

struct LockManager::Impl {
  Shard shards[kShards];

  std::mutex held_mu;
  std::unordered_map<TxnId, std::vector<std::string>> held;

  std::mutex graph_mu;
  std::unordered_map<TxnId, TxnId> waits_for;

  Shard& ShardFor(std::string_view key) {
    return shards[std::hash<std::string_view>()(key) % kShards];
  }

  void RecordHeld(TxnId txn, std::string_view key) {
    std::lock_guard<std::mutex> lock(held_mu);
    held[txn].emplace_back(key);
  }

  // Records txn -> holder and reports whether that closes a cycle (then the
  // edge is not kept: the caller fails with 40P01).
  bool AddEdgeClosesCycle(TxnId txn, TxnId holder) {
    std::lock_guard<std::mutex> lock(graph_mu);
    TxnId at = holder;
    // Bounded: a simple path visits each waiting transaction at most once.
    for (size_t steps = 0; steps <= waits_for.size(); ++steps) {
      if (at == txn) {
        waits_for.erase(txn);
        return true;
      }
      auto it = waits_for.find(at);
      if (it == waits_for.end()) break;
      at = it->second;
    }
    waits_for[txn] = holder;
    return false;
  }

  void RemoveEdge(TxnId txn) {
    std::lock_guard<std::mutex> lock(graph_mu);
    waits_for.erase(txn);
  }
};

LockManager::LockManager() : impl_(new Impl) {}
LockManager::~LockManager() { delete impl_; }

Status LockManager::Acquire(TxnId txn, std::string_view key, const std::atomic<bool>* cancel,
                            int64_t timeout_ms) {
  Shard& shard = impl_->ShardFor(key);
  std::unique_lock<std::mutex> lock(shard.mu);
  // References into an unordered_map stay valid across rehashing; the entry
  // is not erased while waiters > 0.
  LockEntry& entry = shard.table.try_emplace(std::string(key)).first->second;
  if (entry.held && entry.owner == txn) return Status::OK();
  if (!entry.held) {
    entry.held = true;
    entry.owner = txn;
    impl_->RecordHeld(txn, key);
    return Status::OK();
  }

  using Clock = std::chrono::steady_clock;
  const bool has_deadline = timeout_ms > 0;
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  ++entry.waiters;
  TxnId edge_to = 0;
  bool has_edge = false;
  Status result;
  // Bounded by the deadline, cancellation, or grant; each pass waits at most
  // kPollInterval.
  while (true) {
    if (!entry.held) {
      entry.held = true;
      entry.owner = txn;
      impl_->RecordHeld(txn, key);
      break;
    }
    if (!has_edge || edge_to != entry.owner) {
      // Waiting on a (new) holder: check for a cycle before sleeping.
      if (impl_->AddEdgeClosesCycle(txn, entry.owner)) {
        has_edge = false;
        result = Status::Error(sqlstate::kDeadlockDetected, "deadlock detected")
                     .WithDetail("Process " + std::to_string(txn) +
                                 " waits for ExclusiveLock on a row; blocked by process " +
                                 std::to_string(entry.owner) + ".");
        break;
      }
      has_edge = true;
      edge_to = entry.owner;
    }
    if (cancel != nullptr && cancel->load(std::memory_order_acquire)) {
      result = Status::Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
      break;
    }
    Clock::duration wait = kPollInterval;
    if (has_deadline) {
      const Clock::time_point now = Clock::now();
      if (now >= deadline) {
        result =
            Status::Error(sqlstate::kLockNotAvailable, "canceling statement due to lock timeout");
        break;
      }
      wait = std::min<Clock::duration>(wait, deadline - now);
    }
    shard.cv.wait_for(lock, wait);
  }
  if (has_edge) impl_->RemoveEdge(txn);
  --entry.waiters;
  if (!result.ok() && !entry.held && entry.waiters == 0) shard.table.erase(std::string(key));
  return result;
}

void LockManager::ReleaseAll(TxnId txn) {
  std::vector<std::string> keys;
  {
    std::lock_guard<std::mutex> lock(impl_->held_mu);
    auto it = impl_->held.find(txn);
    if (it == impl_->held.end()) return;
    keys = std::move(it->second);
    impl_->held.erase(it);
  }
  for (const std::string& key : keys) {
    Shard& shard = impl_->ShardFor(key);
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.table.find(key);
    if (it == shard.table.end() || !it->second.held || it->second.owner != txn) continue;
    if (it->second.waiters == 0) {
      shard.table.erase(it);
    } else {
      it->second.held = false;
      it->second.owner = 0;
      // Waiters of other keys in this shard wake too and go back to sleep;
      // that is cheaper than a condition variable per key.
      shard.cv.notify_all();
    }
  }
}

size_t LockManager::locked_key_count() const {
  size_t count = 0;
  for (const Shard& shard : impl_->shards) {
    std::lock_guard<std::mutex> lock(shard.mu);
    for (const auto& [key, entry] : shard.table) count += entry.held ? 1 : 0;
  }
  return count;
}

}  // namespace nano
