// engine/storage/versioned_store.cc — the RocksDB-backed VersionedStore.
//
// Layout reminder (see versioned_store.h): RocksDB key =
// [branch u32 BE][user key][~version u64 BE], value = [kind 'P'|'D'][payload].
// Because the version is stored complemented, the newest version of a user key
// sorts first, so "newest version <= S" is one Seek to [branch][key][~S].
//
// Visibility: readers never look past LastCommitted(). Commit writes its whole
// batch (ops + metadata) with one DB::Write, and only then publishes the new
// version with a release store, so a reader that loads LastCommitted (acquire)
// and clamps its bound to it sees either all or none of a commit.
#include "storage/versioned_store.h"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <condition_variable>
#include <cstdarg>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <system_error>

#include "storage/codec.h"

namespace nano {

namespace {

constexpr BranchId kMetaBranch = 0xFFFFFFFFu;
constexpr char kKindPut = 'P';
constexpr char kKindTombstone = 'D';
constexpr size_t kBranchBytes = 4;
constexpr size_t kVersionBytes = 8;
// The only path the in-memory database has; it exists inside the mem Env only.
constexpr char kMemDbPath[] = "/nano-mem";
constexpr char kLastCommittedKeySuffix[] = "last_committed";

// Discards RocksDB's info log in memory mode, so no LOG file is written
// anywhere (not on disk, and not costing RAM inside the mem env).
class NullLogger final : public rocksdb::Logger {
 public:
  NullLogger() : rocksdb::Logger(rocksdb::InfoLogLevel::HEADER_LEVEL) {}
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
  void Logv(const rocksdb::InfoLogLevel /*level*/, const char* /*format*/,
            va_list /*ap*/) override {}
};

// Prefix of an internal key = [branch][user key] (the version dropped). With
// it, memtable and SST bloom filters answer "does this user key exist here"
// so Get on an absent key (INSERT conflict checks, a child branch falling
// through to its parent) skips memtables and files. Range iterators use
// total_order_seek and are not affected.
class UserKeyPrefix final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "nano.UserKeyPrefix.v1"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), key.size() - kVersionBytes);
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return key.size() >= kBranchBytes + kVersionBytes;
  }
};

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::OK();
  std::string message = std::string(what) + ": " + s.ToString();
  if (s.IsNoSpace()) return Status::Error(sqlstate::kDiskFull, std::move(message));
  if (s.IsCorruption()) return Status::Error(sqlstate::kDataCorrupted, std::move(message));
  if (s.IsMemoryLimit()) return Status::Error(sqlstate::kOutOfMemory, std::move(message));
  return Status::Error(sqlstate::kIoError, std::move(message));
}

std::string BranchPrefix(BranchId branch) {
  std::string out;
  AppendU32BE(&out, branch);
  return out;
}

// [branch][user key][~version]
void AppendInternalKey(BranchId branch, std::string_view user_key, Version version,
                       std::string* out) {
  out->reserve(out->size() + kBranchBytes + user_key.size() + kVersionBytes);
  AppendU32BE(out, branch);
  out->append(user_key);
  AppendU64BE(out, ~version);
}

// The user key part of an internal key (everything between the branch prefix
// and the version suffix). Precondition: size >= 12.
std::string_view UserKeyOf(const rocksdb::Slice& internal) {
  assert(internal.size() >= kBranchBytes + kVersionBytes);
  return std::string_view(internal.data() + kBranchBytes,
                          internal.size() - kBranchBytes - kVersionBytes);
}

Version VersionOf(const rocksdb::Slice& internal) {
  assert(internal.size() >= kBranchBytes + kVersionBytes);
  return ~ReadU64BE(internal.data() + internal.size() - kVersionBytes);
}

std::string MetaKey(std::string_view name) {
  std::string key = BranchPrefix(kMetaBranch);
  key.append(name);
  return key;
}

// One branch's view inside an iterator: walks the branch's internal keys in
// order and stops on each user key's newest version <= bound. No allocation
// per row: key() and value() point into RocksDB's iterator buffers.
class BranchCursor {
 public:
  BranchCursor(rocksdb::DB* db, BranchId branch, Version bound, std::string_view lower,
               std::string_view upper)
      : branch_(branch), bound_(bound) {
    lower_ = BranchPrefix(branch);
    lower_.append(lower);
    if (upper.empty()) {
      // The next branch's prefix; branch is never the metadata branch, so
      // branch + 1 does not overflow.
      upper_ = BranchPrefix(branch + 1);
    } else {
      upper_ = BranchPrefix(branch);
      upper_.append(upper);
    }
    lower_slice_ = rocksdb::Slice(lower_);
    upper_slice_ = rocksdb::Slice(upper_);
    rocksdb::ReadOptions ro;
    ro.total_order_seek = true;  // crosses user keys, so not prefix mode
    ro.iterate_lower_bound = &lower_slice_;
    ro.iterate_upper_bound = &upper_slice_;
    it_.reset(db->NewIterator(ro));
  }

  void Seek(std::string_view user_key) {
    seek_buf_.clear();
    AppendInternalKey(branch_, user_key, kMaxVersion, &seek_buf_);
    it_->Seek(seek_buf_);
    Settle();
  }
  bool Valid() const { return valid_; }
  // Moves to the next user key.
  void Next() {
    assert(valid_);
    SkipCurrentUserKey();
    Settle();
  }
  std::string_view key() const { return UserKeyOf(it_->key()); }
  bool tombstone() const { return it_->value()[0] == kKindTombstone; }
  std::string_view payload() const {
    rocksdb::Slice v = it_->value();
    return std::string_view(v.data() + 1, v.size() - 1);
  }
  Version version() const { return VersionOf(it_->key()); }
  Status status() const {
    if (!corrupt_.ok()) return corrupt_;
    return FromRocks(it_->status(), "iterator");
  }

 private:
  // Advances past every remaining version of the current user key. A few
  // Next() calls are cheap; after that, one Seek to version 0 of the key
  // jumps over a long version history.
  void SkipCurrentUserKey() {
    // Copied: the iterator's key buffer changes on Next(). The buffer keeps
    // its capacity, so this does not allocate per row.
    current_key_.assign(key());
    for (int step = 0; step < 4; ++step) {
      it_->Next();
      if (!it_->Valid() || !WellFormed() || UserKeyOf(it_->key()) != current_key_) return;
    }
    seek_buf_.clear();
    // Version 0 is never written (versions start at 1), so ~0 is past all of
    // this key's versions.
    AppendInternalKey(branch_, current_key_, 0, &seek_buf_);
    it_->Seek(seek_buf_);
  }

  bool WellFormed() {
    rocksdb::Slice k = it_->key();
    rocksdb::Slice v = it_->value();
    if (k.size() < kBranchBytes + kVersionBytes || v.size() < 1 ||
        (v[0] != kKindPut && v[0] != kKindTombstone)) {
      corrupt_ = Status::Error(sqlstate::kDataCorrupted, "malformed versioned store entry");
      return false;
    }
    return true;
  }

  // Stops on the first entry at or after the current position whose version
  // is within the bound; entries newer than the bound are skipped.
  void Settle() {
    valid_ = false;
    if (bound_ == 0) return;  // a view before the first commit sees nothing
    int skipped = 0;
    // Terminates: Next() and the Seek below both move strictly forward (the
    // current entry's version is > bound, so [b][key][~bound] is past it).
    while (it_->Valid()) {
      if (!WellFormed()) return;
      if (VersionOf(it_->key()) <= bound_) {
        valid_ = true;
        return;
      }
      if (++skipped < 4) {
        it_->Next();
        continue;
      }
      // A row updated many times since the snapshot: jump straight to its
      // newest version within the bound.
      skipped = 0;
      seek_buf_.clear();
      AppendInternalKey(branch_, UserKeyOf(it_->key()), bound_, &seek_buf_);
      it_->Seek(seek_buf_);
    }
  }

  BranchId branch_;
  Version bound_;
  std::string lower_;
  std::string upper_;
  rocksdb::Slice lower_slice_;
  rocksdb::Slice upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
  std::string seek_buf_;
  std::string current_key_;
  Status corrupt_;
  bool valid_ = false;
};

// Merges a chain's cursors: smallest user key first; on equal keys the child
// (lowest index) wins and its tombstone hides the parents' values.
class ChainIterator final : public VersionedIterator {
 public:
  explicit ChainIterator(std::vector<std::unique_ptr<BranchCursor>> cursors)
      : cursors_(std::move(cursors)), at_current_(cursors_.size(), 0) {}

  void Seek(std::string_view user_key) override {
    for (auto& c : cursors_) c->Seek(user_key);
    Settle();
  }
  bool Valid() const override { return current_ != nullptr; }
  void Next() override {
    assert(Valid());
    AdvanceCurrentKey();
    Settle();
  }
  std::string_view key() const override { return current_->key(); }
  std::string_view value() const override { return current_->payload(); }
  Version version() const override { return current_->version(); }
  Status status() const override {
    for (const auto& c : cursors_) {
      Status s = c->status();
      if (!s.ok()) return s;
    }
    return Status::OK();
  }

 private:
  // Picks the smallest key among the cursors; marks every cursor on it.
  void PickSmallest() {
    current_ = nullptr;
    std::string_view best;
    for (size_t i = 0; i < cursors_.size(); ++i) {
      at_current_[i] = 0;
      if (!cursors_[i]->Valid()) continue;
      std::string_view k = cursors_[i]->key();
      if (current_ == nullptr || k < best) {
        current_ = cursors_[i].get();
        best = k;
        std::fill(at_current_.begin(), at_current_.begin() + static_cast<ptrdiff_t>(i), 0);
        at_current_[i] = 1;
      } else if (k == best) {
        at_current_[i] = 1;  // a parent's version, hidden by current_
      }
    }
  }

  void AdvanceCurrentKey() {
    for (size_t i = 0; i < cursors_.size(); ++i) {
      if (at_current_[i]) cursors_[i]->Next();
    }
  }

  void Settle() {
    // Each pass consumes one user key, so the loop ends with the input.
    while (true) {
      PickSmallest();
      if (current_ == nullptr || !current_->tombstone()) break;
      AdvanceCurrentKey();
    }
    if (current_ == nullptr) return;
    // A corrupt cursor is not Valid(); surface its error by ending.
    for (const auto& c : cursors_) {
      if (!c->status().ok()) {
        current_ = nullptr;
        return;
      }
    }
  }

  std::vector<std::unique_ptr<BranchCursor>> cursors_;
  std::vector<char> at_current_;
  BranchCursor* current_ = nullptr;
};

// The common case (chain of one branch): no merging at all.
class SingleIterator final : public VersionedIterator {
 public:
  explicit SingleIterator(std::unique_ptr<BranchCursor> cursor) : cursor_(std::move(cursor)) {}
  void Seek(std::string_view user_key) override {
    cursor_->Seek(user_key);
    SkipTombstones();
  }
  bool Valid() const override { return cursor_->Valid(); }
  void Next() override {
    cursor_->Next();
    SkipTombstones();
  }
  std::string_view key() const override { return cursor_->key(); }
  std::string_view value() const override { return cursor_->payload(); }
  Version version() const override { return cursor_->version(); }
  Status status() const override { return cursor_->status(); }

 private:
  void SkipTombstones() {
    while (cursor_->Valid() && cursor_->tombstone()) cursor_->Next();
  }
  std::unique_ptr<BranchCursor> cursor_;
};

// An iterator that is already exhausted, carrying an error (bad arguments).
class ErrorIterator final : public VersionedIterator {
 public:
  explicit ErrorIterator(Status s) : status_(std::move(s)) {}
  void Seek(std::string_view) override {}
  bool Valid() const override { return false; }
  void Next() override { assert(false); }
  std::string_view key() const override { return {}; }
  std::string_view value() const override { return {}; }
  Version version() const override { return 0; }
  Status status() const override { return status_; }

 private:
  Status status_;
};

class RocksVersionedStore final : public VersionedStore {
 public:
  RocksVersionedStore() = default;
  ~RocksVersionedStore() override {
    if (db_) {
      db_->Close().PermitUncheckedError();
      db_.reset();
    }
  }

  Status Init(const StoreOptions& options);

  Version LastCommitted() const override { return last_committed_.load(std::memory_order_acquire); }

  Status Get(const BranchChain& chain, std::string_view key, std::string* value, bool* found,
             Version* version) const override;
  Status NewestVersion(const BranchChain& chain, std::string_view key, Version* version,
                       bool* tombstone) const override;
  std::unique_ptr<VersionedIterator> NewIterator(const BranchChain& chain, std::string lower,
                                                 std::string upper) const override;
  Status Commit(const std::vector<WriteOp>& ops, Version* committed) override;
  Status DropBranch(BranchId branch) override;
  uint64_t ApproximateMemoryBytes() const override;

 private:
  // Result of looking one user key up in one branch.
  struct Probe {
    bool exists = false;  // some version <= bound exists (put or tombstone)
    bool tombstone = false;
    Version version = 0;
  };
  Status ProbeBranch(BranchId branch, std::string_view key, Version bound, Probe* probe,
                     std::string* value) const;
  Status CheckChain(const BranchChain& chain) const;
  rocksdb::Options MakeOptions(const StoreOptions& options);

  // Order matters for destruction: db_ must go before the env and logger.
  std::unique_ptr<rocksdb::Env> mem_env_;
  std::shared_ptr<rocksdb::Cache> block_cache_;
  std::unique_ptr<rocksdb::DB> db_;
  // Publishes `version` after every smaller version was published, so
  // LastCommitted never skips over a commit still syncing.
  void PublishInOrder(Version version);

  rocksdb::WriteOptions write_options_;
  rocksdb::WriteOptions drop_options_;
  // Disk mode with sync_commit: commits write the WAL under commit_mu_ but
  // fsync it outside (SyncWAL), so concurrent committers share fsyncs.
  bool group_commit_ = false;
  std::mutex commit_mu_;
  Version last_written_ = 0;  // guarded by commit_mu_
  std::mutex publish_mu_;
  std::condition_variable publish_cv_;
  std::atomic<Version> last_committed_{0};
  // Set when a WAL sync failed: durability is unknown, so further commits
  // are refused (PostgreSQL PANICs on a failed fsync for the same reason).
  std::atomic<bool> broken_{false};
};

rocksdb::Options RocksVersionedStore::MakeOptions(const StoreOptions& options) {
  rocksdb::Options o;
  o.create_if_missing = true;
  o.max_open_files = -1;
  o.write_buffer_size = static_cast<size_t>(options.write_buffer_bytes);
  o.max_write_buffer_number = 2;
  o.max_background_jobs = 2;
  o.stats_dump_period_sec = 0;
  o.stats_persist_period_sec = 0;
  if (options.in_memory) {
    o.info_log = std::make_shared<NullLogger>();
    o.info_log_level = rocksdb::InfoLogLevel::HEADER_LEVEL;
  } else {
    // Disk mode keeps RocksDB's LOG in the data directory for diagnosis,
    // bounded in size.
    o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
    o.max_log_file_size = 1 << 20;
    o.keep_log_file_num = 2;
  }
  block_cache_ = rocksdb::NewLRUCache(static_cast<size_t>(options.block_cache_bytes));
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = block_cache_;
  table.cache_index_and_filter_blocks = true;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.whole_key_filtering = false;  // internal keys carry versions: filter by prefix
  o.prefix_extractor = std::make_shared<UserKeyPrefix>();
  o.memtable_prefix_bloom_size_ratio = 0.02;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  if (options.in_memory) {
    o.compression = rocksdb::kNoCompression;
  } else {
    auto supported = rocksdb::GetSupportedCompressions();
    auto has = [&](rocksdb::CompressionType t) {
      return std::find(supported.begin(), supported.end(), t) != supported.end();
    };
    o.compression =
        has(rocksdb::kLZ4Compression) ? rocksdb::kLZ4Compression : rocksdb::kNoCompression;
    if (has(rocksdb::kZSTD)) o.bottommost_compression = rocksdb::kZSTD;
  }
  return o;
}

Status RocksVersionedStore::Init(const StoreOptions& options) {
  rocksdb::Options o = MakeOptions(options);
  std::string path;
  if (options.in_memory) {
    mem_env_.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
    o.env = mem_env_.get();
    path = kMemDbPath;
    write_options_.disableWAL = true;
    write_options_.sync = false;
  } else {
    if (options.dir.empty()) {
      return Status::Error(sqlstate::kInvalidParameterValue, "data directory is empty");
    }
    std::error_code ec;
    std::filesystem::create_directories(options.dir, ec);
    if (ec) {
      return Status::Error(sqlstate::kIoError,
                           "could not create directory \"" + options.dir + "\": " + ec.message());
    }
    path = options.dir;
    write_options_.disableWAL = false;
    // With sync_commit the fsync happens in Commit via SyncWAL (group commit).
    write_options_.sync = false;
    group_commit_ = options.sync_commit;
  }
  drop_options_ = write_options_;
  drop_options_.sync = group_commit_;
  rocksdb::DB* raw = nullptr;
  NANO_RETURN_IF_ERROR(FromRocks(rocksdb::DB::Open(o, path, &raw), "could not open storage"));
  db_.reset(raw);

  std::string stored;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), MetaKey(kLastCommittedKeySuffix), &stored);
  if (s.IsNotFound()) return Status::OK();
  NANO_RETURN_IF_ERROR(FromRocks(s, "could not read storage metadata"));
  if (stored.size() != kVersionBytes) {
    return Status::Error(sqlstate::kDataCorrupted, "malformed last committed version");
  }
  last_written_ = ReadU64BE(stored.data());
  last_committed_.store(last_written_, std::memory_order_release);
  return Status::OK();
}

Status RocksVersionedStore::CheckChain(const BranchChain& chain) const {
  for (const BranchView& view : chain) {
    if (view.branch == kMetaBranch) {
      return Status::Error(sqlstate::kInternalError, "branch 4294967295 is reserved");
    }
  }
  return Status::OK();
}

Status RocksVersionedStore::ProbeBranch(BranchId branch, std::string_view key, Version bound,
                                        Probe* probe, std::string* value) const {
  *probe = Probe();
  if (bound == 0) return Status::OK();
  std::string target;
  AppendInternalKey(branch, key, bound, &target);
  // Every version of `key` lies in [ [b][key][~bound], [b][key][~0] ).
  std::string upper;
  AppendInternalKey(branch, key, 0, &upper);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  // Prefix mode: bloom filters skip sources without [branch][key]. Entries
  // of other prefixes may or may not be returned; the loop below ignores
  // them, and every entry of this prefix is returned in order.
  ro.prefix_same_as_start = false;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
  const size_t want_size = kBranchBytes + key.size() + kVersionBytes;
  // User keys are variable length: entries of longer keys that start with
  // `key` can sort inside the range; skip them (bounded by the range).
  for (it->Seek(target); it->Valid(); it->Next()) {
    rocksdb::Slice k = it->key();
    if (k.size() != want_size) continue;
    assert(UserKeyOf(k) == key);
    rocksdb::Slice v = it->value();
    if (v.size() < 1 || (v[0] != kKindPut && v[0] != kKindTombstone)) {
      return Status::Error(sqlstate::kDataCorrupted, "malformed versioned store entry");
    }
    probe->exists = true;
    probe->tombstone = v[0] == kKindTombstone;
    probe->version = VersionOf(k);
    if (value != nullptr && !probe->tombstone) value->assign(v.data() + 1, v.size() - 1);
    return Status::OK();
  }
  return FromRocks(it->status(), "read");
}

Status RocksVersionedStore::Get(const BranchChain& chain, std::string_view key, std::string* value,
                                bool* found, Version* version) const {
  *found = false;
  if (version != nullptr) *version = 0;
  NANO_RETURN_IF_ERROR(CheckChain(chain));
  const Version visible = LastCommitted();
  for (const BranchView& view : chain) {
    Probe probe;
    NANO_RETURN_IF_ERROR(
        ProbeBranch(view.branch, key, std::min(view.max_version, visible), &probe, value));
    if (!probe.exists) continue;
    if (version != nullptr) *version = probe.version;
    *found = !probe.tombstone;
    return Status::OK();
  }
  return Status::OK();
}

Status RocksVersionedStore::NewestVersion(const BranchChain& chain, std::string_view key,
                                          Version* version, bool* tombstone) const {
  *version = 0;
  *tombstone = false;
  NANO_RETURN_IF_ERROR(CheckChain(chain));
  const Version visible = LastCommitted();
  for (size_t i = 0; i < chain.size(); ++i) {
    // Element 0 ignores its snapshot bound; parents keep their fork bound.
    Version bound = i == 0 ? visible : std::min(chain[i].max_version, visible);
    Probe probe;
    NANO_RETURN_IF_ERROR(ProbeBranch(chain[i].branch, key, bound, &probe, nullptr));
    if (!probe.exists) continue;
    *version = probe.version;
    *tombstone = probe.tombstone;
    return Status::OK();
  }
  return Status::OK();
}

std::unique_ptr<VersionedIterator> RocksVersionedStore::NewIterator(const BranchChain& chain,
                                                                    std::string lower,
                                                                    std::string upper) const {
  Status s = CheckChain(chain);
  if (!s.ok()) return std::make_unique<ErrorIterator>(std::move(s));
  // Load the published version before creating RocksDB iterators: all data
  // up to it is already in the DB, so the iterators' implicit snapshots hold it.
  const Version visible = LastCommitted();
  std::vector<std::unique_ptr<BranchCursor>> cursors;
  cursors.reserve(chain.size());
  for (const BranchView& view : chain) {
    cursors.push_back(std::make_unique<BranchCursor>(
        db_.get(), view.branch, std::min(view.max_version, visible), lower, upper));
  }
  std::unique_ptr<VersionedIterator> it;
  if (cursors.size() == 1) {
    it = std::make_unique<SingleIterator>(std::move(cursors[0]));
  } else {
    it = std::make_unique<ChainIterator>(std::move(cursors));
  }
  it->Seek(lower);
  return it;
}

Status RocksVersionedStore::Commit(const std::vector<WriteOp>& ops, Version* committed) {
  for (const WriteOp& op : ops) {
    if (op.branch == kMetaBranch) {
      return Status::Error(sqlstate::kInternalError, "branch 4294967295 is reserved");
    }
  }
  if (broken_.load(std::memory_order_acquire)) {
    return Status::Error(sqlstate::kIoError,
                         "could not commit: an earlier write-ahead log sync failed")
        .WithSeverity("PANIC");
  }
  Version version = 0;
  {
    // Versions are assigned and written in one order, so the WAL (and thus
    // recovery) always holds a prefix of the version sequence.
    std::lock_guard<std::mutex> lock(commit_mu_);
    version = last_written_ + 1;
    rocksdb::WriteBatch batch;
    std::string key;
    std::string value;
    for (const WriteOp& op : ops) {
      key.clear();
      AppendInternalKey(op.branch, op.key, version, &key);
      value.clear();
      value.push_back(op.tombstone ? kKindTombstone : kKindPut);
      if (!op.tombstone) value.append(op.value);
      NANO_RETURN_IF_ERROR(FromRocks(batch.Put(key, value), "commit"));
    }
    std::string meta_value;
    AppendU64BE(&meta_value, version);
    NANO_RETURN_IF_ERROR(
        FromRocks(batch.Put(MetaKey(kLastCommittedKeySuffix), meta_value), "commit"));
    NANO_RETURN_IF_ERROR(FromRocks(db_->Write(write_options_, &batch), "could not commit"));
    last_written_ = version;
    if (!group_commit_) {
      last_committed_.store(version, std::memory_order_release);
      if (committed != nullptr) *committed = version;
      return Status::OK();
    }
  }
  // One fsync covers every commit written before it: committers arriving
  // while a sync runs are covered by the next one, not one each.
  Status synced = FromRocks(db_->SyncWAL(), "could not sync the write-ahead log");
  if (!synced.ok()) broken_.store(true, std::memory_order_release);
  // Published even when the sync failed: later versions wait for this one.
  PublishInOrder(version);
  NANO_RETURN_IF_ERROR(std::move(synced).WithSeverity("PANIC"));
  if (committed != nullptr) *committed = version;
  return Status::OK();
}

void RocksVersionedStore::PublishInOrder(Version version) {
  std::unique_lock<std::mutex> lock(publish_mu_);
  // Bounded: the predecessor's committer is past its own Write and only
  // syncs before publishing.
  publish_cv_.wait(lock,
                   [&] { return last_committed_.load(std::memory_order_relaxed) == version - 1; });
  last_committed_.store(version, std::memory_order_release);
  publish_cv_.notify_all();
}

Status RocksVersionedStore::DropBranch(BranchId branch) {
  if (branch == kMetaBranch) {
    return Status::Error(sqlstate::kInternalError, "branch 4294967295 is reserved");
  }
  std::string begin = BranchPrefix(branch);
  std::string end = BranchPrefix(branch + 1);
  NANO_RETURN_IF_ERROR(
      FromRocks(db_->DeleteRange(drop_options_, db_->DefaultColumnFamily(), begin, end),
                "could not drop branch"));
  // Reclaim the space now: a range tombstone alone keeps every dropped row
  // in memtables and SST files (RAM, in memory mode) until some later
  // compaction. Creating and dropping a database per test must not grow
  // memory without bound.
  rocksdb::Slice begin_slice(begin);
  rocksdb::Slice end_slice(end);
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  return FromRocks(db_->CompactRange(compact, &begin_slice, &end_slice),
                   "could not compact dropped branch");
}

uint64_t RocksVersionedStore::ApproximateMemoryBytes() const {
  uint64_t total = 0;
  uint64_t v = 0;
  if (db_->GetIntProperty("rocksdb.cur-size-all-mem-tables", &v)) total += v;
  if (db_->GetIntProperty("rocksdb.total-sst-files-size", &v)) total += v;
  if (block_cache_) total += block_cache_->GetUsage();
  return total;
}

}  // namespace

Status VersionedStore::Open(const StoreOptions& options, std::unique_ptr<VersionedStore>* out) {
  auto store = std::make_unique<RocksVersionedStore>();
  NANO_RETURN_IF_ERROR(store->Init(options));
  *out = std::move(store);
  return Status::OK();
}

}  // namespace nano
