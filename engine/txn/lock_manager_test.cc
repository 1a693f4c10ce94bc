// Tests for txn/lock_manager.h with real threads. Waits are ended by the
// lock manager's own signals (grant, release, cancel flag, deadlock, timeout);
// "a thread is now blocked" is observed through a waiter-side atomic plus
// the lock still being held, never by sleeping for a fixed time.
#include "txn/lock_manager.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace nano {
namespace {

TEST(LockManagerTest, ReacquireIsNoOpAndReleaseAllFreesEverything) {
  LockManager locks;
  ASSERT_TRUE(locks.Acquire(1, "a", nullptr).ok());
  ASSERT_TRUE(locks.Acquire(1, "a", nullptr).ok());
  ASSERT_TRUE(locks.Acquire(1, "b", nullptr).ok());
  ASSERT_TRUE(locks.Acquire(2, "c", nullptr).ok());
  EXPECT_EQ(locks.locked_key_count(), 3u);
  locks.ReleaseAll(1);
  EXPECT_EQ(locks.locked_key_count(), 1u);
  locks.ReleaseAll(1);                                    // nothing held: no-op
  ASSERT_TRUE(locks.Acquire(3, "a", nullptr, 100).ok());  // free again: no wait
  locks.ReleaseAll(2);
  locks.ReleaseAll(3);
  EXPECT_EQ(locks.locked_key_count(), 0u);
}

TEST(LockManagerTest, ContendedCounterHasNoLostUpdates) {
  LockManager locks;
  constexpr int kThreads = 8;
  constexpr int kIncrements = 400;
  // A plain (non-atomic) counter guarded only by the lock manager, read and
  // written with a yield in between to widen any race window.
  int64_t counter = 0;
  std::atomic<TxnId> next_txn{1};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        const TxnId txn = next_txn.fetch_add(1);
        Status s = locks.Acquire(txn, "counter", nullptr);
        ASSERT_TRUE(s.ok()) << s.ToString();
        int64_t seen = counter;
        std::this_thread::yield();
        counter = seen + 1;
        locks.ReleaseAll(txn);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(counter, kThreads * kIncrements);
  EXPECT_EQ(locks.locked_key_count(), 0u);
}

// Starts Acquire(txn, key) on a thread; the future holds its Status.
std::future<Status> AcquireAsync(LockManager* locks, TxnId txn, std::string key,
                                 const std::atomic<bool>* cancel = nullptr,
                                 int64_t timeout_ms = 0) {
  return std::async(std::launch::async,
                    [=] { return locks->Acquire(txn, key, cancel, timeout_ms); });
}

TEST(LockManagerTest, WaiterIsGrantedWhenHolderReleases) {
  LockManager locks;
  ASSERT_TRUE(locks.Acquire(1, "row", nullptr).ok());
  auto waiter = AcquireAsync(&locks, 2, "row");
  // Still blocked while txn 1 holds the lock.
  EXPECT_EQ(waiter.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
  locks.ReleaseAll(1);
  Status s = waiter.get();
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(locks.locked_key_count(), 1u);
  // Txn 2 owns it now: txn 3 times out.
  Status t = locks.Acquire(3, "row", nullptr, 30);
  EXPECT_EQ(t.sqlstate(), "55P03");
  EXPECT_EQ(t.message(), "canceling statement due to lock timeout");
  locks.ReleaseAll(2);
  EXPECT_EQ(locks.locked_key_count(), 0u);
}

// Runs the waits of a lock cycle concurrently: whichever request closes the
// cycle fails with 40P01 (thread start order decides which). Each finished
// transaction (victim or winner) releases its locks, which lets the others
// finish. Returns how many were chosen as deadlock victims.
int RunCycle(LockManager* locks, const std::vector<std::pair<TxnId, std::string>>& waits) {
  std::vector<std::future<Status>> futures;
  for (const auto& [txn, key] : waits) futures.push_back(AcquireAsync(locks, txn, key));
  std::vector<bool> done(waits.size(), false);
  int victims = 0;
  size_t finished = 0;
  // Bounded: every round either finishes a future or waits 1 ms; a healthy
  // run needs far fewer than 20000 rounds.
  for (int round = 0; round < 20000 && finished < waits.size(); ++round) {
    for (size_t i = 0; i < waits.size(); ++i) {
      if (done[i] ||
          futures[i].wait_for(std::chrono::milliseconds(1)) != std::future_status::ready) {
        continue;
      }
      Status s = futures[i].get();
      if (!s.ok()) {
        EXPECT_EQ(s.sqlstate(), "40P01");
        EXPECT_EQ(s.message(), "deadlock detected");
        ++victims;
      }
      done[i] = true;
      ++finished;
      locks->ReleaseAll(waits[i].first);
    }
  }
  EXPECT_EQ(finished, waits.size());
  return victims;
}

TEST(LockManagerTest, DeadlockBetweenTwoTransactionsIsDetected) {
  LockManager locks;
  ASSERT_TRUE(locks.Acquire(1, "a", nullptr).ok());
  ASSERT_TRUE(locks.Acquire(2, "b", nullptr).ok());
  EXPECT_EQ(RunCycle(&locks, {{1, "b"}, {2, "a"}}), 1);
  EXPECT_EQ(locks.locked_key_count(), 0u);
}

TEST(LockManagerTest, ThreeWayDeadlockIsDetected) {
  LockManager locks;
  ASSERT_TRUE(locks.Acquire(1, "a", nullptr).ok());
  ASSERT_TRUE(locks.Acquire(2, "b", nullptr).ok());
  ASSERT_TRUE(locks.Acquire(3, "c", nullptr).ok());
  EXPECT_EQ(RunCycle(&locks, {{1, "b"}, {2, "c"}, {3, "a"}}), 1);
  EXPECT_EQ(locks.locked_key_count(), 0u);
}

TEST(LockManagerTest, DeadlockFromASequentialWaitIsReportedToTheClosingRequest) {
  LockManager locks;
  ASSERT_TRUE(locks.Acquire(1, "a", nullptr).ok());
  ASSERT_TRUE(locks.Acquire(2, "b", nullptr).ok());
  // Txn 1 waits for b with a timeout; txn 2 then asks for a. If txn 1's wait
  // is already registered, txn 2 closes the cycle and gets 40P01 at once; if
  // the thread had not started yet, txn 1 is the victim instead. Either way
  // exactly one of them fails with 40P01 and nobody waits forever.
  auto first = AcquireAsync(&locks, 1, "b", nullptr, 5000);
  EXPECT_EQ(first.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
  auto second = AcquireAsync(&locks, 2, "a", nullptr, 5000);
  Status s2 = second.wait_for(std::chrono::seconds(10)) == std::future_status::ready
                  ? second.get()
                  : Status::Error("XX000", "second request did not finish");
  if (s2.sqlstate() == "40P01") {
    locks.ReleaseAll(2);
    EXPECT_TRUE(first.get().ok());
  } else {
    // Only possible when txn 1 was the victim.
    EXPECT_EQ(first.get().sqlstate(), "40P01");
  }
  locks.ReleaseAll(1);
  locks.ReleaseAll(2);
  EXPECT_EQ(locks.locked_key_count(), 0u);
}

TEST(LockManagerTest, CancelFlagEndsAWait) {
  LockManager locks;
  ASSERT_TRUE(locks.Acquire(1, "row", nullptr).ok());
  std::atomic<bool> cancel{false};
  auto waiter = AcquireAsync(&locks, 2, "row", &cancel);
  ASSERT_EQ(waiter.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
  cancel.store(true);
  Status s = waiter.get();
  EXPECT_EQ(s.sqlstate(), "57014");
  EXPECT_EQ(locks.locked_key_count(), 1u);  // txn 1 still holds it
  locks.ReleaseAll(2);                      // the canceled txn holds nothing
  EXPECT_EQ(locks.locked_key_count(), 1u);
  locks.ReleaseAll(1);
  EXPECT_EQ(locks.locked_key_count(), 0u);
}

TEST(LockManagerTest, ReleaseAllWakesEveryWaiterInTurn) {
  LockManager locks;
  ASSERT_TRUE(locks.Acquire(1, "hot", nullptr).ok());
  constexpr int kWaiters = 6;
  std::vector<std::future<Status>> waiters;
  for (int i = 0; i < kWaiters; ++i) waiters.push_back(AcquireAsync(&locks, 100 + i, "hot"));
  locks.ReleaseAll(1);
  // Exactly one waiter gets the lock at a time; release each winner in turn.
  int granted = 0;
  std::vector<bool> done(kWaiters, false);
  for (int round = 0; round < kWaiters; ++round) {
    int winner = -1;
    // Bounded: each future is checked until one is ready (they are woken by
    // the release, within the poll interval at worst).
    for (int spin = 0; spin < 2000 && winner < 0; ++spin) {
      for (int i = 0; i < kWaiters; ++i) {
        if (!done[i] &&
            waiters[i].wait_for(std::chrono::milliseconds(1)) == std::future_status::ready) {
          winner = i;
          break;
        }
      }
    }
    ASSERT_GE(winner, 0) << "no waiter was granted the lock in round " << round;
    EXPECT_TRUE(waiters[winner].get().ok());
    done[winner] = true;
    ++granted;
    EXPECT_EQ(locks.locked_key_count(), 1u);
    locks.ReleaseAll(100 + winner);
  }
  EXPECT_EQ(granted, kWaiters);
  EXPECT_EQ(locks.locked_key_count(), 0u);
}

TEST(LockManagerTest, ManyKeysManyTransactionsOrderedLockingNeverDeadlocks) {
  LockManager locks;
  constexpr int kThreads = 6;
  constexpr int kRounds = 200;
  std::atomic<TxnId> next_txn{1};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        const TxnId txn = next_txn.fetch_add(1);
        // Keys in ascending order: no cycle is possible, so no 40P01.
        std::vector<std::string> keys;
        for (int k = 0; k < 4; ++k) {
          keys.push_back(std::string(1, static_cast<char>('a' + (t + r + k * 7) % 16)));
        }
        std::sort(keys.begin(), keys.end());
        for (const std::string& key : keys) {
          if (!locks.Acquire(txn, key, nullptr).ok()) failures.fetch_add(1);
        }
        locks.ReleaseAll(txn);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(locks.locked_key_count(), 0u);
}

}  // namespace
}  // namespace nano
