// engine/session/engine_snapshot.cc — the EngineImpl accessors a restore
// needs (tools/dump.cc): a database to load into, and cache invalidation
// after loading. Dumps need no accessor: they read the store at one
// snapshot version through ChainOf/LoadCatalog.
#include "session/engine_impl.h"

namespace nano {

Status EngineImpl::CreateRestoredDatabase(const DatabaseDef& wanted, DatabaseDef* out) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = databases_.find(wanted.name);
  std::shared_ptr<DatabaseState> db;
  std::vector<WriteOp> ops;
  if (it != databases_.end()) {
    db = it->second;
    db->def.is_template = wanted.is_template;
    db->def.allow_connections = wanted.allow_connections;
  } else {
    db = std::make_shared<DatabaseState>();
    bool oid_taken = wanted.oid == 0 || wanted.oid < 16384;
    for (const auto& [n, other] : databases_) oid_taken |= other->def.oid == wanted.oid;
    db->def.oid = oid_taken ? meta_.next_db_oid++ : wanted.oid;
    if (db->def.oid >= meta_.next_db_oid) meta_.next_db_oid = db->def.oid + 1;
    db->def.name = wanted.name;
    db->def.branch = meta_.next_branch++;
    db->def.is_template = wanted.is_template;
    db->def.allow_connections = wanted.allow_connections;
    ops.push_back(WriteOp{kClusterBranch, ClusterMetaKey(), EncodeClusterMeta(meta_), false});
  }
  ops.push_back(WriteOp{kClusterBranch, DatabaseKey(db->def.oid), EncodeDatabase(db->def), false});
  Version v = 0;
  NANO_RETURN_IF_ERROR(store_->Commit(ops, &v));
  databases_[wanted.name] = db;
  *out = db->def;
  return Status::OK();
}

void EngineImpl::InvalidateCachesAfterRestore() {
  {
    std::lock_guard<std::mutex> lock(seq_mu_);
    seq_cache_.clear();
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [name, db] : databases_) PublishCatalog(*db, nullptr);
}

}  // namespace nano
