// engine/txn/transaction.cc
#include "txn/transaction.h"

#include <cassert>

#include "storage/codec.h"

namespace nano {

namespace {

// Merges the store's visible keys with the transaction's own writes for one
// branch: own writes win, own tombstones hide. Both inputs are ascending.
class MergedIterator final : public VersionedIterator {
 public:
  using WriteMap = std::map<std::string, std::pair<std::string, bool>, std::less<>>;

  MergedIterator(std::unique_ptr<VersionedIterator> base, WriteMap own)
      : base_(std::move(base)), own_(std::move(own)) {}

  void Seek(std::string_view user_key) override {
    base_->Seek(user_key);
    own_it_ = own_.lower_bound(user_key);
    Settle();
  }
  bool Valid() const override { return current_ != Source::kNone; }
  void Next() override {
    assert(Valid());
    if (current_ == Source::kOwn) {
      if (base_->Valid() && base_->key() == own_it_->first) base_->Next();
      ++own_it_;
    } else {
      base_->Next();
    }
    Settle();
  }
  std::string_view key() const override {
    return current_ == Source::kOwn ? std::string_view(own_it_->first) : base_->key();
  }
  std::string_view value() const override {
    return current_ == Source::kOwn ? std::string_view(own_it_->second.first) : base_->value();
  }
  Version version() const override {
    return current_ == Source::kOwn ? kMaxVersion : base_->version();
  }
  Status status() const override { return base_->status(); }

 private:
  enum class Source { kNone, kBase, kOwn };

  // Positions on the smaller key; skips own tombstones (and the base key
  // they hide).
  void Settle() {
    while (true) {
      bool base_ok = base_->Valid();
      bool own_ok = own_it_ != own_.end();
      if (!base_ok && !own_ok) {
        current_ = Source::kNone;
        return;
      }
      if (own_ok && (!base_ok || own_it_->first <= base_->key())) {
        if (own_it_->second.second) {  // tombstone
          if (base_ok && base_->key() == own_it_->first) base_->Next();
          ++own_it_;
          continue;
        }
        current_ = Source::kOwn;
        return;
      }
      current_ = Source::kBase;
      return;
    }
  }

  std::unique_ptr<VersionedIterator> base_;
  WriteMap own_;
  WriteMap::const_iterator own_it_;
  Source current_ = Source::kNone;
};

}  // namespace

Transaction::Transaction(TxnId id, VersionedStore* store, LockManager* locks,
                         IsolationLevel isolation, const std::atomic<bool>* cancel)
    : id_(id), store_(store), locks_(locks), isolation_(isolation), cancel_(cancel) {}

Transaction::~Transaction() {
  if (!finished_) Abort();
}

void Transaction::BeginStatement() {
  if (isolation_ == IsolationLevel::kReadCommitted || !snapshot_taken_) {
    read_version_ = store_->LastCommitted();
    snapshot_taken_ = true;
  }
}

std::string Transaction::FullKey(BranchId branch, std::string_view key) {
  std::string full;
  full.reserve(4 + key.size());
  AppendU32BE(&full, branch);
  full.append(key);
  return full;
}

BranchChain Transaction::Bound(const BranchChain& chain, Version v) const {
  BranchChain bounded = chain;
  for (size_t i = 0; i < bounded.size(); ++i) {
    if (i == 0 || bounded[i].max_version > v) bounded[i].max_version = v;
  }
  return bounded;
}

Status Transaction::Get(const BranchChain& chain, std::string_view key, std::string* value,
                        bool* found) {
  assert(!chain.empty());
  if (!writes_.empty()) {
    auto it = writes_.find(FullKey(chain[0].branch, key));
    if (it != writes_.end()) {
      *found = !it->second.tombstone;
      if (*found) *value = it->second.value;
      return Status::OK();
    }
  }
  if (!snapshot_taken_) BeginStatement();
  return store_->Get(Bound(chain, read_version_), key, value, found);
}

Status Transaction::GetLatest(const BranchChain& chain, std::string_view key, std::string* value,
                              bool* found) {
  if (!writes_.empty()) {
    auto it = writes_.find(FullKey(chain[0].branch, key));
    if (it != writes_.end()) {
      *found = !it->second.tombstone;
      if (*found) *value = it->second.value;
      return Status::OK();
    }
  }
  return store_->Get(Bound(chain, store_->LastCommitted()), key, value, found);
}

std::unique_ptr<VersionedIterator> Transaction::NewIterator(const BranchChain& chain,
                                                            std::string lower, std::string upper,
                                                            bool latest) {
  if (!snapshot_taken_) BeginStatement();
  MergedIterator::WriteMap own;
  if (!writes_.empty()) {
    std::string prefix_lo = FullKey(chain[0].branch, lower);
    std::string prefix_hi =
        upper.empty() ? FullKey(chain[0].branch + 1, "") : FullKey(chain[0].branch, upper);
    for (auto it = writes_.lower_bound(prefix_lo); it != writes_.end() && it->first < prefix_hi;
         ++it) {
      own.emplace(it->first.substr(4), std::make_pair(it->second.value, it->second.tombstone));
    }
  }
  Version at = latest ? store_->LastCommitted() : read_version_;
  auto base = store_->NewIterator(Bound(chain, at), std::move(lower), std::move(upper));
  if (own.empty()) return base;
  return std::make_unique<MergedIterator>(std::move(base), std::move(own));
}

Status Transaction::Lock(BranchId branch, std::string_view key) {
  return locks_->Acquire(id_, FullKey(branch, key), cancel_);
}

Status Transaction::CheckWriteConflict(const BranchChain& chain, std::string_view key,
                                       bool* changed) {
  *changed = false;
  Version newest = 0;
  bool tombstone = false;
  NANO_RETURN_IF_ERROR(store_->NewestVersion(chain, key, &newest, &tombstone));
  if (newest <= read_version_) return Status::OK();
  if (isolation_ != IsolationLevel::kReadCommitted) {
    return Status::Error(sqlstate::kSerializationFailure,
                         "could not serialize access due to concurrent update");
  }
  *changed = true;
  return Status::OK();
}

void Transaction::Record(std::string full_key, PendingWrite write) {
  Undo undo;
  undo.full_key = full_key;
  auto it = writes_.find(full_key);
  if (it != writes_.end()) {
    undo.existed = true;
    undo.previous = std::move(it->second);
    it->second = std::move(write);
  } else {
    writes_.emplace(std::move(full_key), std::move(write));
  }
  undo_.push_back(std::move(undo));
}

void Transaction::Put(BranchId branch, std::string key, std::string value) {
  Record(FullKey(branch, key), PendingWrite{std::move(value), false});
}

void Transaction::Delete(BranchId branch, std::string key) {
  Record(FullKey(branch, key), PendingWrite{std::string(), true});
}

void Transaction::RollbackTo(size_t mark) {
  assert(mark <= undo_.size());
  while (undo_.size() > mark) {
    Undo& u = undo_.back();
    if (u.existed) {
      writes_[u.full_key] = std::move(u.previous);
    } else {
      writes_.erase(u.full_key);
    }
    undo_.pop_back();
  }
}

Status Transaction::Commit(Version* committed) {
  assert(!finished_);
  *committed = 0;
  Status st;
  if (!writes_.empty()) {
    std::vector<WriteOp> ops;
    ops.reserve(writes_.size());
    for (auto& [full_key, w] : writes_) {
      WriteOp op;
      op.branch = ReadU32BE(full_key.data());
      op.key = full_key.substr(4);
      op.value = std::move(w.value);
      op.tombstone = w.tombstone;
      ops.push_back(std::move(op));
    }
    st = store_->Commit(ops, committed);
  }
  writes_.clear();
  undo_.clear();
  finished_ = true;
  locks_->ReleaseAll(id_);
  return st;
}

void Transaction::Abort() {
  if (finished_) return;
  writes_.clear();
  undo_.clear();
  finished_ = true;
  locks_->ReleaseAll(id_);
}

}  // namespace nano
