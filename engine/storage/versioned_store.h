// engine/storage/versioned_store.h — multi-version key-value storage with
// branches, on RocksDB. The only layer above RocksDB; nothing else includes it.
//
// Model
//   * A *version* is a commit timestamp (uint64, starting at 1). Every write
//     carries the version of the commit that made it. Versions only grow.
//   * A *branch* (uint32) is a separate logical key space. Every database is a
//     branch. A branch may have a parent: reads that find nothing for a key in
//     the branch fall through to the parent, seen at the fork version. This is
//     how `CREATE DATABASE x TEMPLATE y` is O(1).
//   * A reader reads at a snapshot version S: for each user key it sees the
//     newest version <= S, unless that version is a tombstone.
//   * Old versions stay until a retention horizon (none is collected yet), so
//     time travel (`AS OF version`) is a read at an older snapshot.
//
// Physical layout (RocksDB key):
//   [branch u32 BE][user key bytes][~version u64 BE]
// Newer versions sort first within one user key. User keys are built by
// storage/codec.h and never contain the branch. Values are
// [1 byte kind: 'P' put, 'D' tombstone][payload].
// Get/NewestVersion are exact for any user keys. NewIterator returns keys in
// ascending order provided no iterated user key is a proper prefix of another
// (true for codec.h key encodings of one key shape: every column encoding is
// prefix-free); otherwise the version suffix can reorder such keys.
// The store also keeps metadata under the reserved branch 0xFFFFFFFF
// (last committed version, so it survives restarts in disk mode).
//
// Modes: OpenInMemory runs RocksDB on its in-memory Env with the WAL off and
// never touches the file system. OpenOnDisk runs with the WAL on; Commit
// returns only after the WAL is synced when sync_commit is true (concurrent
// commits share one fsync: group commit).
//
// Threading: all methods are thread-safe. Commit is serialised internally;
// a reader never blocks a writer and never sees half a commit: a version
// becomes visible (LastCommitted) only after its whole batch is applied.
// Every read is additionally bounded by LastCommitted() at the time of the
// call (iterators: at creation), whatever max_version says.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace nano {

using Version = uint64_t;
using BranchId = uint32_t;

inline constexpr Version kMaxVersion = ~static_cast<Version>(0);

// Where to read: the branch itself and its ancestors, each visible up to a
// version bound. Element 0 is the branch read from (bound = the snapshot);
// element i+1 is the parent of element i (bound = min(snapshot, fork version
// of element i)). Built by the catalog from its branch table.
struct BranchView {
  BranchId branch = 0;
  Version max_version = kMaxVersion;
};
using BranchChain = std::vector<BranchView>;

// One write of a commit.
struct WriteOp {
  BranchId branch = 0;
  std::string key;    // user key
  std::string value;  // ignored for tombstones
  bool tombstone = false;
};

// Iterates the visible user keys of a branch chain in ascending order, each
// once, with its newest visible value; tombstoned keys are skipped; a key
// present in a child hides the parent's (even when the child's is a
// tombstone).
class VersionedIterator {
 public:
  virtual ~VersionedIterator() = default;
  virtual void Seek(std::string_view user_key) = 0;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual std::string_view key() const = 0;    // user key
  virtual std::string_view value() const = 0;  // payload
  virtual Version version() const = 0;         // version of this value
  // Storage errors found while iterating (Valid() is then false).
  virtual Status status() const = 0;
};

struct StoreOptions {
  bool in_memory = true;
  std::string dir;          // disk mode only
  bool sync_commit = true;  // disk mode: fsync WAL per commit
  uint64_t block_cache_bytes = 32ull << 20;
  uint64_t write_buffer_bytes = 16ull << 20;
};

class VersionedStore {
 public:
  virtual ~VersionedStore() = default;

  static Status Open(const StoreOptions& options, std::unique_ptr<VersionedStore>* out);

  // The newest fully applied commit version (0 when nothing was committed).
  virtual Version LastCommitted() const = 0;

  // Newest visible value of `key` in `chain`. *found is false when the key is
  // absent or tombstoned. *version (optional) gets the version read.
  virtual Status Get(const BranchChain& chain, std::string_view key, std::string* value,
                     bool* found, Version* version = nullptr) const = 0;

  // Newest version of `key` in `chain` ignoring any snapshot bound on element
  // 0 (for write-conflict checks): *version = 0 when the key was never
  // written. *tombstone tells whether that newest version is a delete.
  virtual Status NewestVersion(const BranchChain& chain, std::string_view key, Version* version,
                               bool* tombstone) const = 0;

  // Iterator over user keys in [lower, upper) (upper empty = no bound).
  virtual std::unique_ptr<VersionedIterator> NewIterator(const BranchChain& chain,
                                                         std::string lower,
                                                         std::string upper) const = 0;

  // Applies `ops` atomically as one new version and publishes it. Returns
  // the version in *committed. An empty `ops` still consumes a version.
  virtual Status Commit(const std::vector<WriteOp>& ops, Version* committed) = 0;

  // Drops every key of a branch (DROP DATABASE). Readers holding a view of it
  // must be gone. Not versioned. Compacts the range before returning, so the
  // memory (in memory mode) or disk space is reclaimed at once.
  virtual Status DropBranch(BranchId branch) = 0;

  // Approximate bytes used (memtables + SST), for --max-memory and /health.
  virtual uint64_t ApproximateMemoryBytes() const = 0;
};

}  // namespace nano
