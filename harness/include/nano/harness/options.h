// nano/harness/options.h — how a harness Instance starts (or finds) its server.
//
// Contract
//  * Options is a plain value; every field has a usable default, so
//    `Instance inst{Options{}}` starts `heliosdb-nano start --memory` on
//    OS-chosen ports with trust auth.
//  * External mode: when external_url is set (or, if it is empty, the
//    NANO_EXTERNAL_URL environment variable is), nothing is spawned; the same
//    Instance API works against that PostgreSQL-compatible server. Spawn-only
//    fields (binary, data_dir, extra_args, ...) are then ignored.
//  * Seeds: seed_sql (SQL text) and seed_file (a .sql file, or a .heliodump
//    given to the server's --restore) are applied once at Start to a template
//    database; the working `database` is a clone of it and Reset() re-clones.
//  * FindServerBinary() is the discovery rule of DESIGN.md §3: explicit path,
//    then $NANO_BIN, then `heliosdb-nano` on $PATH, then the build tree.
//    It throws HarnessError listing every place it looked.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace nano::harness {

struct Options {
  // Server binary; empty = discover (see FindServerBinary).
  std::string binary;
  // Empty = --memory; otherwise --data-dir DIR (durable mode).
  std::string data_dir;
  // --auth METHOD --user NAME [--password SECRET]; trust needs no password.
  std::string auth = "trust";
  std::string user = "postgres";
  std::string password;
  // Appended verbatim to the server's command line.
  std::vector<std::string> extra_args;
  bool http = true;    // --http-port 0, or --no-http when false
  bool mysql = false;  // --mysql --mysql-port 0
  // Covers spawn, ready JSON and the confirming query.
  std::chrono::milliseconds startup_timeout{15000};
  // Stop(): SIGTERM, then SIGKILL when the server is still alive after this.
  std::chrono::milliseconds stop_grace{5000};
  // The server's stdout+stderr go here; empty = a temporary file that is
  // removed by Stop() unless the start failed.
  std::string log_path;
  // Pass --exit-with-parent (the server dies with the process that spawned
  // it). Turn off only to leave a server behind on purpose (Release()).
  bool exit_with_parent = true;
  // Seed applied once to the template (see above). At most one of the two.
  std::string seed_sql;
  std::string seed_file;
  // The working database PgUrl() points at, cloned from the seeded template
  // at Start and by Reset(). Empty = no working database: PgUrl() is the
  // server's own default database and Reset() is unavailable.
  std::string database;
  // External server URL; empty = $NANO_EXTERNAL_URL, if set.
  std::string external_url;
};

// Resolves the server binary per the discovery order above.
std::string FindServerBinary(const std::string& explicit_path);

// The external URL this Options selects (field, else environment), or "".
std::string ExternalUrlFor(const Options& options);

}  // namespace nano::harness
