// engine/session/engine_impl.h — the Engine's internals, shared with
// SessionImpl (session_impl.cc). Not part of any public contract.
//
// Locking order (take locks only in this order):
//   Database::ddl_mu (held by a transaction from its first DDL to its end)
//   -> EngineImpl::seq_mu_ / rowid_mu_
//   -> EngineImpl::mu_ (databases map, cluster metadata, sessions; innermost)
//   -> DatabaseState::catalog_mu.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <unordered_map>

#include "catalog/catalog.h"
#include "catalog/catalog_store.h"
#include "executor/exec_context.h"
#include "session/engine.h"
#include "storage/versioned_store.h"
#include "txn/lock_manager.h"

namespace nano {

class SessionImpl;

// One database (a branch) and its published catalog.
struct DatabaseState {
  DatabaseDef def;
  std::mutex catalog_mu;                   // guards `catalog`
  std::shared_ptr<const Catalog> catalog;  // committed catalog
  std::timed_mutex ddl_mu;                 // one DDL transaction at a time
  std::atomic<int> sessions{0};            // connected sessions
};

class EngineImpl final : public Engine, public RowIdSource {
 public:
  explicit EngineImpl(const EngineOptions& options);
  ~EngineImpl() override;

  Status Init();

  // Engine
  Status NewSession(const SessionOptions& options, std::unique_ptr<Session>* out) override;
  void CancelBackend(int32_t pid, int32_t secret_key) override;
  int32_t SecretKeyOf(int32_t pid) const override;
  size_t open_sessions() const override;
  Status FindLoginRole(const std::string& database, const std::string& user, bool* found,
                       std::string* verifier) const override;
  bool in_memory() const override { return options_.in_memory; }
  std::string version_string() const override;

  // RowIdSource
  Status NextRowId(uint64_t* out) override;

  VersionedStore* store() { return store_.get(); }
  LockManager* locks() { return &locks_; }
  TxnId NextTxnId() { return next_txn_.fetch_add(1) + 1; }

  std::shared_ptr<DatabaseState> FindDatabase(const std::string& name) const;
  // The branch chain of a database, element 0 unbounded.
  BranchChain ChainOf(const DatabaseDef& def) const;
  std::shared_ptr<const Catalog> CatalogOf(DatabaseState& db);
  void PublishCatalog(DatabaseState& db, std::shared_ptr<const Catalog> catalog);

  // CREATE DATABASE name [TEMPLATE t] (O(1) clone); DROP DATABASE.
  Status CreateDatabase(const std::string& name, const std::string& template_name,
                        int32_t requester_pid);
  Status DropDatabase(const std::string& name, bool missing_ok, bool force, int32_t requester_pid,
                      std::vector<std::string>* notices);
  std::vector<DatabaseDef> ListDatabases() const;

  // Sequences (non-transactional, as in PostgreSQL).
  Status SequenceNext(const DatabaseDef& db, const TableDef& seq, int64_t* out);
  Status SequenceSet(const DatabaseDef& db, const TableDef& seq, int64_t value, bool is_called);

  void Unregister(int32_t pid);
  const EngineOptions& options() const { return options_; }

  // ---- Restore support (engine_snapshot.cc; issue 5, tools/dump.h) ----
  // A database for a restore to write into directly through store(): when
  // `wanted.name` exists (the bootstrap databases of a fresh engine) it is
  // reused with `wanted`'s template/connection flags; otherwise it is
  // created without a parent, keeping `wanted.oid` when that oid is free.
  // The caller must write only into a database nobody is connected to.
  Status CreateRestoredDatabase(const DatabaseDef& wanted, DatabaseDef* out);
  // Forgets cached catalogs and sequence states so that both reload from the
  // store after a restore wrote them behind the engine's back.
  void InvalidateCachesAfterRestore();
  int64_t start_time_us() const { return start_time_us_; }

 private:
  Status Bootstrap();
  Status WriteClusterMeta();
  Status LoadSequence(const DatabaseDef& db, Oid seq, int64_t* last, bool* called, bool* stored);

  EngineOptions options_;
  std::unique_ptr<VersionedStore> store_;
  LockManager locks_;
  std::atomic<uint64_t> next_txn_{0};
  int64_t start_time_us_ = 0;

  mutable std::mutex mu_;
  std::condition_variable sessions_cv_;  // signalled when a session ends (under mu_)
  ClusterMeta meta_;
  std::map<std::string, std::shared_ptr<DatabaseState>> databases_;
  std::map<int32_t, std::pair<SessionImpl*, int32_t>> sessions_;  // pid -> (session, secret)
  std::vector<DatabaseDef> meta_retired_;  // dropped databases whose branch clones still read
  int32_t next_pid_ = 0;
  std::mt19937 rng_;

  std::mutex rowid_mu_;
  uint64_t next_rowid_ = 1;

  std::mutex seq_mu_;
  struct SeqState {
    int64_t last = 0;
    bool called = false;
    bool stored = false;  // false: never used, next value is START
  };
  std::map<std::pair<BranchId, Oid>, SeqState> seq_cache_;

  friend class SessionImpl;
};

}  // namespace nano
