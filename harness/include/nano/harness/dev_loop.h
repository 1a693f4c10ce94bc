// nano/harness/dev_loop.h — the logic behind the nano-harness command line.
//
// Contract
//  * State lives in a directory (default ./.nano): `lock` (flock()ed by the
//    process that runs `up` for as long as the server lives), `state.json`
//    (URL, pids, databases; written atomically), `server.log`, and, for
//    --detach, `supervisor.log`. "Running" means the lock is held; a
//    state.json without a lock holder is stale (its owner was killed).
//  * Every command returns a process exit code (ExitCode) and prints one
//    clear line on stderr when it fails; machine-readable output (URL,
//    export lines, the pid with --print-pid) goes to stdout.
//  * Up runs in the foreground until SIGINT/SIGTERM/SIGHUP, then tears the
//    server down; with detach it forks a supervisor (own session) that does
//    the same in the background and returns once the server is ready or has
//    failed. watch re-applies the seed file to a fresh template and working
//    database whenever the file changes (inotify), without a restart.
//  * Not thread-safe; meant to be called once from main().
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "nano/harness/options.h"

namespace nano::harness::devloop {

enum ExitCode : int {
  kOk = 0,
  kError = 1,           // runtime failure (server failed to start, SQL error, ...)
  kUsage = 2,           // bad command line
  kNotRunning = 3,      // nothing is running in this state directory
  kAlreadyRunning = 4,  // `up` while a server is running here
  kStale = 5,           // state left by a process that no longer exists
  kTimeout = 6,         // `wait` gave up
};

struct UpOptions {
  Options server;                // binary, auth, timeouts, ... (seed set from below)
  std::string seed_file;         // --seed (SQL or .heliodump)
  bool watch = false;            // --watch: re-apply seed_file when it changes
  bool detach = false;           // --detach
  bool print_pid = false;        // print the server pid as the first stdout line
  std::string database = "app";  // the working database the URL points at
  std::string state_dir = ".nano";
};

int Up(const UpOptions& options);
int Down(const std::string& state_dir, std::chrono::milliseconds timeout);
int Status(const std::string& state_dir, bool json);
int Env(const std::string& state_dir);
int Logs(const std::string& state_dir, bool follow);
int Psql(const std::string& state_dir, const std::vector<std::string>& psql_args);
int Wait(const std::string& state_dir, std::chrono::milliseconds timeout);
int Reset(const std::string& state_dir);

}  // namespace nano::harness::devloop
