// nano/harness/instance.h — one HeliosDB Nano server under test control.
//
//   nano::harness::Options opts;
//   opts.seed_sql = "CREATE TABLE t (id INT); INSERT INTO t VALUES (1);";
//   opts.database = "app";
//   nano::harness::Instance db{opts};
//   db.Start();                        // spawned, ready, confirmed by a query
//   pqxx::connection c{db.PgUrl()};    // the seeded "app" database
//   db.Reset();                        // "app" is back to the seed
//   // ~Instance stops the server (SIGTERM, grace, SIGKILL)
//
// Contract
//  * Start() spawns `<binary> start --memory --port 0 --http-port 0
//    --ready-fd 3 --exit-with-parent [options...]` in its own process group,
//    reads the ready JSON from descriptor 3 (poll() with the startup timeout,
//    no sleeping, no port guessing), then confirms with `SELECT 1` through
//    libpq. Any failure throws HarnessError with the reason and the tail of
//    the server log, and leaves nothing running.
//  * Spawning uses posix_spawn, not Boost.Process: the ready descriptor must
//    arrive in the child at the exact number we pass in --ready-fd, every
//    other descriptor must be closed in the child (so one instance's pipe can
//    never keep another's open — 16 parallel starts), and the child needs its
//    own process group. posix_spawn's file actions (adddup2, addclosefrom_np)
//    and POSIX_SPAWN_SETPGROUP do exactly that, and vfork-style spawning is
//    safe in multi-threaded test processes; Boost.Process v1 offers none of the
//    three directly.
//  * --exit-with-parent makes the server die with the *thread* that spawned
//    it on Linux (PR_SET_PDEATHSIG semantics): start instances from a thread
//    that lives as long as they should (the main thread, typically).
//  * Stop() sends SIGTERM to the process group, waits up to stop_grace for the
//    exit (pidfd + poll), then SIGKILLs the group and reaps it. It is
//    idempotent and never throws; the destructor calls it.
//  * External mode (Options::external_url or $NANO_EXTERNAL_URL): nothing is
//    spawned; Start() checks the server with `SELECT 1`. The template and
//    working databases get names unique to this process (the working one is
//    Options::database plus a unique suffix), so many processes can share one
//    server; every database the Instance created (those two, CreateDatabase,
//    CloneDatabase) is dropped at Stop(). pid() is 0, log_path() is empty.
//  * Templates: a server refuses to clone a database that has sessions. The
//    Instance closes its seeding connections with PgConnection::CloseAndWait
//    before cloning; callers who connect to a template must do the same.
//  * Database operations (CreateDatabase, CloneDatabase, DropDatabase,
//    ExecSql, Reset, Reseed) are thread-safe; Start/Stop/Restart/Release are
//    not and must not run concurrently with anything else on the Instance.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "nano/harness/error.h"
#include "nano/harness/options.h"
#include "nano/harness/pg.h"

namespace nano::harness {

enum class Protocol { kPostgres, kHttp, kMysql };

struct Endpoint {
  std::string host;
  int port = 0;
};

class Instance {
 public:
  explicit Instance(Options options = {});
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  void Start();
  void Stop() noexcept;
  void Restart();
  // Forget the spawned server without stopping it (it keeps running if it
  // was started with exit_with_parent = false). Returns its pid.
  pid_t Release();

  bool running() const { return running_; }
  bool external() const { return !external_url_.empty(); }
  const Options& options() const { return options_; }

  // URL of `database`; empty = the working database (Options::database), or
  // the server's default database when there is no working database.
  std::string PgUrl(const std::string& database = {}) const;
  // URL of the server's default (maintenance) database.
  const std::string& ServerUrl() const { return server_url_; }
  // Throws HarnessError when the protocol is off.
  Endpoint Address(Protocol protocol) const;
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }
  const std::string& ready_json() const { return ready_json_; }
  // Last `lines` lines of the server log ("" in external mode).
  std::string LogTail(int lines = 30) const;
  // Name of the working database ("" when there is none).
  const std::string& working_database() const { return working_db_; }
  // Name of the seeded template database ("" before Start or without a
  // seed and a working database).
  const std::string& template_name() const { return template_name_; }

  void CreateDatabase(const std::string& name);
  void CloneDatabase(const std::string& source, const std::string& target);
  // force: disconnect its clients first (WITH (FORCE) where supported).
  void DropDatabase(const std::string& name, bool force = false);
  // Runs `sql` (one or more statements) in `database` ("" = default).
  void ExecSql(const std::string& database, const std::string& sql);
  // Drops the working database (disconnecting its clients) and clones it
  // again from the seeded template. Throws when there is no working database.
  void Reset();
  // Re-applies a new seed without restarting the server (nano-harness up
  // --watch): seeds a new template first, so a broken seed throws and leaves
  // the previous template and working database untouched; then re-clones the
  // working database from it.
  void Reseed(const std::string& seed_sql, const std::string& seed_file);

  // A database name unique across processes: prefix + pid + counter + random.
  static std::string UniqueName(const std::string& prefix);

 private:
  void StartSpawned();
  void StartExternal();
  void ConfirmReady(std::chrono::steady_clock::time_point deadline);
  void BuildTemplate();
  std::string CreateSeededTemplate(const std::string& seed_sql, const std::string& seed_file);
  void CloneWorkingDatabase();
  void ApplySeedTo(const std::string& database, const std::string& seed_sql,
                   const std::string& seed_file);
  std::string ReadReadyJson(int read_fd, std::chrono::steady_clock::time_point deadline);
  void ParseReadyJson(const std::string& json);
  [[noreturn]] void FailStart(const std::string& reason);
  void KillAndReap(bool graceful) noexcept;
  PgConnection& Admin();                   // callers hold mu_
  void AdminExec(const std::string& sql);  // callers hold mu_
  void DropDatabaseLocked(const std::string& name, bool force);

  Options options_;
  std::string external_url_;
  bool running_ = false;
  pid_t pid_ = 0;
  std::string binary_;
  std::string log_path_;
  bool log_is_temp_ = false;
  std::string ready_json_;
  std::string server_url_;
  std::optional<Endpoint> pg_, http_, mysql_;
  std::string template_name_;
  std::string working_db_;
  std::vector<std::string> created_;  // external mode: dropped at Stop()
  mutable std::mutex mu_;
  std::unique_ptr<PgConnection> admin_;
};

}  // namespace nano::harness
