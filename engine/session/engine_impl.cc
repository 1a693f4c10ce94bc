// engine/session/engine_impl.cc — databases, clones, sequences, row ids and
// the session registry.
#include "session/engine_impl.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "executor/table_store.h"
#include "session/session_impl.h"
#include "storage/codec.h"

namespace nano {

#ifndef NANO_VERSION
#define NANO_VERSION "0.0.0"
#endif

const char* EngineVersion() { return NANO_VERSION; }

namespace {

// Row ids are reserved in blocks so that a restart (disk mode) continues
// above every id handed out before, without a write per allocation.
constexpr uint64_t kRowIdBlock = 1 << 20;

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Status Engine::Open(const EngineOptions& options, std::unique_ptr<Engine>* out) {
  if (!options.in_memory && options.data_dir.empty()) {
    return Status::Error(sqlstate::kInvalidParameterValue, "a data directory is required");
  }
  auto engine = std::make_unique<EngineImpl>(options);
  NANO_RETURN_IF_ERROR(engine->Init());
  *out = std::move(engine);
  return Status::OK();
}

EngineImpl::EngineImpl(const EngineOptions& options)
    : options_(options), rng_(std::random_device{}()) {
  // Backend pids look like PostgreSQL's: distinct, positive, not our pid.
  next_pid_ = 10000 + static_cast<int32_t>(getpid() % 20000);
}

EngineImpl::~EngineImpl() = default;

std::string EngineImpl::version_string() const {
  return std::string("PostgreSQL 15.4 (HeliosDB Nano ") + EngineVersion() +
         ") on x86_64-pc-linux-gnu, compiled by gcc, 64-bit";
}

void RegisterEngineFunctions();  // engine_functions.cc

Status EngineImpl::Init() {
  RegisterEngineFunctions();
  start_time_us_ = NowMicros();
  StoreOptions so;
  so.in_memory = options_.in_memory;
  so.dir = options_.data_dir;
  so.sync_commit = options_.sync_commit;
  NANO_RETURN_IF_ERROR(VersionedStore::Open(so, &store_));
  BranchChain cluster{{kClusterBranch, kMaxVersion}};
  std::string value;
  bool found = false;
  NANO_RETURN_IF_ERROR(store_->Get(cluster, ClusterMetaKey(), &value, &found));
  if (!found) return Bootstrap();
  NANO_RETURN_IF_ERROR(DecodeClusterMeta(value, &meta_));
  // Continue row ids above the last reserved block.
  next_rowid_ = meta_.rowid_ceiling + 1;
  meta_.rowid_ceiling += kRowIdBlock;
  NANO_RETURN_IF_ERROR(WriteClusterMeta());
  auto it = store_->NewIterator(cluster, DatabasePrefix(), "");
  for (it->Seek(DatabasePrefix()); it->Valid(); it->Next()) {
    if (!it->key().starts_with(DatabasePrefix())) break;
    auto db = std::make_shared<DatabaseState>();
    NANO_RETURN_IF_ERROR(DecodeDatabase(it->value(), &db->def));
    databases_[db->def.name] = db;
  }
  return it->status();
}

Status EngineImpl::Bootstrap() {
  meta_ = ClusterMeta();
  meta_.rowid_ceiling = kRowIdBlock;
  next_rowid_ = 1;
  std::vector<WriteOp> ops;
  for (const char* name : {"template1", "template0", "postgres"}) {
    auto db = std::make_shared<DatabaseState>();
    db->def.oid = std::string(name) == "template1" ? 1 : (std::string(name) == "template0" ? 4 : 5);
    db->def.name = name;
    db->def.branch = meta_.next_branch++;
    db->def.is_template = std::string(name) != "postgres";
    db->def.allow_connections = std::string(name) != "template0";
    ops.push_back(
        WriteOp{kClusterBranch, DatabaseKey(db->def.oid), EncodeDatabase(db->def), false});
    databases_[name] = db;
  }
  ops.push_back(WriteOp{kClusterBranch, ClusterMetaKey(), EncodeClusterMeta(meta_), false});
  Version v = 0;
  return store_->Commit(ops, &v);
}

Status EngineImpl::WriteClusterMeta() {
  Version v = 0;
  return store_->Commit(
      {WriteOp{kClusterBranch, ClusterMetaKey(), EncodeClusterMeta(meta_), false}}, &v);
}

Status EngineImpl::NextRowId(uint64_t* out) {
  std::lock_guard<std::mutex> lock(rowid_mu_);
  if (next_rowid_ > meta_.rowid_ceiling) {
    std::lock_guard<std::mutex> meta_lock(mu_);
    meta_.rowid_ceiling += kRowIdBlock;
    NANO_RETURN_IF_ERROR(WriteClusterMeta());
  }
  *out = next_rowid_++;
  return Status::OK();
}

std::shared_ptr<DatabaseState> EngineImpl::FindDatabase(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = databases_.find(name);
  return it == databases_.end() ? nullptr : it->second;
}

BranchChain EngineImpl::ChainOf(const DatabaseDef& def) const {
  BranchChain chain{{def.branch, kMaxVersion}};
  std::lock_guard<std::mutex> lock(mu_);
  BranchId parent = def.parent;
  Version bound = def.fork_version;
  // Bounded by the number of databases: a parent chain cannot cycle.
  for (size_t hops = 0; parent != 0 && hops <= databases_.size() + 64; ++hops) {
    chain.push_back({parent, bound});
    const DatabaseDef* pdef = nullptr;
    for (const auto& [n, db] : databases_) {
      if (db->def.branch == parent) pdef = &db->def;
    }
    if (pdef == nullptr) {
      // The parent database was dropped while clones still read it: its
      // branch data is kept (DropDatabase), its definition in `retired_`.
      auto r = std::find_if(meta_retired_.begin(), meta_retired_.end(),
                            [&](const DatabaseDef& d) { return d.branch == parent; });
      if (r == meta_retired_.end()) break;
      pdef = &*r;
    }
    parent = pdef->parent;
    bound = std::min(bound, pdef->fork_version);
  }
  return chain;
}

std::shared_ptr<const Catalog> EngineImpl::CatalogOf(DatabaseState& db) {
  {
    std::lock_guard<std::mutex> lock(db.catalog_mu);
    if (db.catalog) return db.catalog;
  }
  auto catalog = std::make_shared<Catalog>();
  BranchChain chain = ChainOf(db.def);
  Version now = store_->LastCommitted();
  chain[0].max_version = now;
  for (size_t i = 1; i < chain.size(); ++i)
    chain[i].max_version = std::min(chain[i].max_version, now);
  Status st = LoadCatalog(*store_, chain, catalog.get());
  if (!st.ok()) {
    // A corrupt catalog cannot be served; an empty one keeps the server up
    // and every statement then reports missing relations.
    catalog = std::make_shared<Catalog>();
  }
  std::lock_guard<std::mutex> lock(db.catalog_mu);
  if (!db.catalog) db.catalog = catalog;
  return db.catalog;
}

void EngineImpl::PublishCatalog(DatabaseState& db, std::shared_ptr<const Catalog> catalog) {
  std::lock_guard<std::mutex> lock(db.catalog_mu);
  db.catalog = std::move(catalog);
}

Status EngineImpl::CreateDatabase(const std::string& name, const std::string& template_name,
                                  int32_t requester_pid) {
  std::string tmpl = template_name.empty() ? "template1" : template_name;
  std::unique_lock<std::mutex> lock(mu_);
  if (databases_.count(name)) {
    return Status::Error(sqlstate::kDuplicateDatabase, "database \"" + name + "\" already exists");
  }
  auto src_it = databases_.find(tmpl);
  if (src_it == databases_.end()) {
    return Status::Error(sqlstate::kUndefinedObject,
                         "template database \"" + tmpl + "\" does not exist");
  }
  std::shared_ptr<DatabaseState> src = src_it->second;
  // PostgreSQL refuses to copy a database others are connected to, after
  // waiting up to 5 s for them to leave (a client that just closed its
  // connection may still be ending its session).
  auto others_on = [&](const std::string& name, const DatabaseState& db) {
    int n = db.sessions.load();
    for (const auto& [pid, entry] : sessions_) {
      if (pid == requester_pid && entry.first->database() == name) --n;
    }
    return n;
  };
  sessions_cv_.wait_for(lock, std::chrono::seconds(5), [&] { return others_on(tmpl, *src) <= 0; });
  int others = others_on(tmpl, *src);
  if (others > 0) {
    return Status::Error(sqlstate::kObjectInUse,
                         "source database \"" + tmpl + "\" is being accessed by other users")
        .WithDetail(std::string("There ") +
                    (others == 1 ? "is 1 other session"
                                 : "are " + std::to_string(others) + " other sessions") +
                    " using the database.");
  }
  auto db = std::make_shared<DatabaseState>();
  db->def.oid = meta_.next_db_oid++;
  db->def.name = name;
  db->def.branch = meta_.next_branch++;
  db->def.parent = src->def.branch;
  db->def.fork_version = store_->LastCommitted();
  std::vector<WriteOp> ops{
      WriteOp{kClusterBranch, DatabaseKey(db->def.oid), EncodeDatabase(db->def), false},
      WriteOp{kClusterBranch, ClusterMetaKey(), EncodeClusterMeta(meta_), false}};
  Version v = 0;
  NANO_RETURN_IF_ERROR(store_->Commit(ops, &v));
  // The clone starts with the template's committed catalog (same objects).
  {
    std::lock_guard<std::mutex> cl(src->catalog_mu);
    db->catalog = src->catalog;
  }
  databases_[name] = db;
  return Status::OK();
}

Status EngineImpl::DropDatabase(const std::string& name, bool missing_ok, bool force,
                                int32_t requester_pid, std::vector<std::string>* notices) {
  std::unique_lock<std::mutex> lock(mu_);
  auto it = databases_.find(name);
  if (it == databases_.end()) {
    if (missing_ok) {
      notices->push_back("database \"" + name + "\" does not exist, skipping");
      return Status::OK();
    }
    return Status::Error(sqlstate::kInvalidCatalogName, "database \"" + name + "\" does not exist");
  }
  std::shared_ptr<DatabaseState> db = it->second;
  for (const auto& [pid, entry] : sessions_) {
    if (pid == requester_pid && entry.first->database() == name) {
      return Status::Error(sqlstate::kObjectInUse, "cannot drop the currently open database");
    }
  }
  if (!force) {
    sessions_cv_.wait_for(lock, std::chrono::seconds(5), [&] { return db->sessions.load() <= 0; });
  }
  int others = db->sessions.load();
  if (others > 0 && !force) {
    return Status::Error(sqlstate::kObjectInUse,
                         "database \"" + name + "\" is being accessed by other users")
        .WithDetail(std::string("There ") +
                    (others == 1 ? "is 1 other session"
                                 : "are " + std::to_string(others) + " other sessions") +
                    " using the database.");
  }
  if (others > 0) {
    for (const auto& [pid, entry] : sessions_) {
      if (entry.first->database() == name) entry.first->Terminate();
    }
  }
  bool has_children = false;
  for (const auto& [n, other] : databases_) has_children |= other->def.parent == db->def.branch;
  for (const auto& r : meta_retired_) has_children |= r.parent == db->def.branch;
  std::vector<WriteOp> ops{WriteOp{kClusterBranch, DatabaseKey(db->def.oid), std::string(), true}};
  Version v = 0;
  NANO_RETURN_IF_ERROR(store_->Commit(ops, &v));
  databases_.erase(it);
  if (has_children) {
    // Clones still read through this branch: keep its data.
    meta_retired_.push_back(db->def);
    return Status::OK();
  }
  return store_->DropBranch(db->def.branch);
}

std::vector<DatabaseDef> EngineImpl::ListDatabases() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<DatabaseDef> out;
  for (const auto& [n, db] : databases_) out.push_back(db->def);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.oid < b.oid; });
  return out;
}

Status EngineImpl::LoadSequence(const DatabaseDef& db, Oid seq, int64_t* last, bool* called,
                                bool* stored) {
  BranchChain chain = ChainOf(db);
  std::string value;
  bool found = false;
  NANO_RETURN_IF_ERROR(store_->Get(chain, SequenceKey(seq), &value, &found));
  *stored = found && value.size() == 9;
  if (!*stored) {
    *called = false;
    *last = 0;
    return Status::OK();
  }
  *last = static_cast<int64_t>(ReadU64BE(value.data()));
  *called = value[8] != 0;
  return Status::OK();
}

Status EngineImpl::SequenceNext(const DatabaseDef& db, const TableDef& seq, int64_t* out) {
  std::lock_guard<std::mutex> lock(seq_mu_);
  auto key = std::make_pair(db.branch, seq.oid);
  auto it = seq_cache_.find(key);
  if (it == seq_cache_.end()) {
    SeqState s;
    NANO_RETURN_IF_ERROR(LoadSequence(db, seq.oid, &s.last, &s.called, &s.stored));
    it = seq_cache_.emplace(key, s).first;
  }
  SeqState& s = it->second;
  const SequenceOptions& o = seq.sequence;
  int64_t next;
  if (!s.stored) {
    next = o.start;
  } else if (!s.called) {
    next = s.last;
  } else if (__builtin_add_overflow(s.last, o.increment, &next) ||
             (o.increment > 0 && next > o.max_value) || (o.increment < 0 && next < o.min_value)) {
    if (!o.cycle) {
      return Status::Error(sqlstate::kSequenceGeneratorLimitExceeded,
                           "nextval: reached " +
                               std::string(o.increment > 0 ? "maximum" : "minimum") +
                               " value of sequence \"" + seq.name + "\" (" +
                               std::to_string(o.increment > 0 ? o.max_value : o.min_value) + ")");
    }
    next = o.increment > 0 ? o.min_value : o.max_value;
  }
  s.last = next;
  s.called = true;
  s.stored = true;
  std::string value;
  AppendU64BE(&value, static_cast<uint64_t>(next));
  value.push_back(1);
  Version v = 0;
  NANO_RETURN_IF_ERROR(
      store_->Commit({WriteOp{db.branch, SequenceKey(seq.oid), value, false}}, &v));
  *out = next;
  return Status::OK();
}

Status EngineImpl::SequenceSet(const DatabaseDef& db, const TableDef& seq, int64_t value,
                               bool is_called) {
  const SequenceOptions& o = seq.sequence;
  if (value < o.min_value || value > o.max_value) {
    return Status::Error(
        sqlstate::kNumericValueOutOfRange,
        "setval: value " + std::to_string(value) + " is out of bounds for sequence \"" + seq.name +
            "\" (" + std::to_string(o.min_value) + ".." + std::to_string(o.max_value) + ")");
  }
  std::lock_guard<std::mutex> lock(seq_mu_);
  SeqState& s = seq_cache_[std::make_pair(db.branch, seq.oid)];
  s.last = value;
  s.called = is_called;
  s.stored = true;
  std::string enc;
  AppendU64BE(&enc, static_cast<uint64_t>(value));
  enc.push_back(is_called ? 1 : 0);
  Version v = 0;
  return store_->Commit({WriteOp{db.branch, SequenceKey(seq.oid), enc, false}}, &v);
}

Status EngineImpl::NewSession(const SessionOptions& options, std::unique_ptr<Session>* out) {
  std::shared_ptr<DatabaseState> db = FindDatabase(options.database);
  if (db == nullptr) {
    return Status::Error(sqlstate::kInvalidCatalogName,
                         "database \"" + options.database + "\" does not exist")
        .WithSeverity("FATAL");
  }
  if (!db->def.allow_connections) {
    return Status::Error(
               sqlstate::kObjectNotInPrerequisiteState,
               "database \"" + options.database + "\" is not currently accepting connections")
        .WithSeverity("FATAL");
  }
  int32_t pid, secret;
  {
    std::lock_guard<std::mutex> lock(mu_);
    pid = next_pid_++;
    secret = static_cast<int32_t>(rng_());
  }
  auto session = std::make_unique<SessionImpl>(this, db, options, pid);
  NANO_RETURN_IF_ERROR(session->Init());
  {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_[pid] = {session.get(), secret};
  }
  *out = std::move(session);
  return Status::OK();
}

void EngineImpl::Unregister(int32_t pid) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(pid);
  sessions_cv_.notify_all();
}

void EngineImpl::CancelBackend(int32_t pid, int32_t secret_key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(pid);
  if (it != sessions_.end() && it->second.second == secret_key) it->second.first->Cancel();
}

int32_t EngineImpl::SecretKeyOf(int32_t pid) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(pid);
  return it == sessions_.end() ? 0 : it->second.second;
}

size_t EngineImpl::open_sessions() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

}  // namespace nano
