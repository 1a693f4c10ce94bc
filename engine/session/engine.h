// engine/session/engine.h — one database server's worth of state.
//
// An Engine owns the storage (RocksDB in memory or on disk), the catalog of
// every database it holds, the transaction manager and the live sessions.
// The CLI server, the REPL and nano::Database each own one Engine.
//
// Threading: all methods are thread-safe. Sessions created by an Engine must
// be destroyed before it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "session/session.h"

namespace nano {

struct EngineOptions {
  // Exactly one of: in_memory, or a non-empty data_dir.
  bool in_memory = true;
  std::string data_dir;
  // Upper bound on memory use for caches/memtables; 0 = default.
  uint64_t max_memory_bytes = 0;
  // Disk mode: fsync the WAL before acknowledging a commit.
  bool sync_commit = true;
};

class Engine {
 public:
  virtual ~Engine() = default;

  // Opens (creating when empty) the storage and the catalog. In memory mode
  // nothing touches the file system.
  static Status Open(const EngineOptions& options, std::unique_ptr<Engine>* out);

  // A new session on `options.database`; 3D000 if it does not exist.
  virtual Status NewSession(const SessionOptions& options, std::unique_ptr<Session>* out) = 0;

  // Cancels the statement running in the session with this backend pid and
  // secret key (CancelRequest). Unknown pairs are ignored, as PostgreSQL does.
  virtual void CancelBackend(int32_t pid, int32_t secret_key) = 0;
  // The secret key shown to the client of the session with this pid.
  virtual int32_t SecretKeyOf(int32_t pid) const = 0;

  // A role created with CREATE ROLE in `database` named `user`: *found, and
  // its stored password verifier (pg_authid.rolpassword; empty = none), for
  // the server's authentication. The default finds nothing.
  virtual Status FindLoginRole(const std::string& database, const std::string& user, bool* found,
                               std::string* verifier) const {
    (void)database, (void)user, (void)verifier;
    *found = false;
    return Status::OK();
  }

  virtual size_t open_sessions() const = 0;
  virtual bool in_memory() const = 0;
  virtual std::string version_string() const = 0;  // for version()
};

// The engine's version (CMake project version).
const char* EngineVersion();

}  // namespace nano
