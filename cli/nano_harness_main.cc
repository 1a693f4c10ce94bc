// cli/nano_harness_main.cc — `nano-harness`: the local dev loop around a
// HeliosDB Nano --memory server. Parsing only; the logic is in
// harness/src/dev_loop.cc (nano::harness::devloop). Exit codes: see
// nano/harness/dev_loop.h (0 ok, 1 error, 2 usage, 3 not running,
// 4 already running, 5 stale state, 6 wait timed out).
#include <CLI/CLI.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "nano/harness/dev_loop.h"

namespace devloop = nano::harness::devloop;

int main(int argc, char** argv) {
  CLI::App app{"nano-harness — run a HeliosDB Nano in-memory server for local development"};
  app.require_subcommand(1);
  std::string state_dir = ".nano";
  app.add_option("--state-dir", state_dir, "where the running server's state lives")
      ->capture_default_str();

  devloop::UpOptions up;
  int startup_timeout_ms = 15000;
  CLI::App* up_cmd = app.add_subcommand("up", "start a server (foreground; Ctrl-C stops it)");
  up_cmd->add_option("--seed", up.seed_file, "seed file: SQL or .heliodump");
  up_cmd
      ->add_option("--watch", up.seed_file,
                   "seed file to apply now and re-apply whenever it changes")
      ->each([&](const std::string&) { up.watch = true; });
  up_cmd->add_flag("--detach,-d", up.detach, "run in the background; state in --state-dir");
  up_cmd->add_option("--database", up.database, "working database name")->capture_default_str();
  up_cmd->add_option("--bin", up.server.binary, "server binary (default: discovery)");
  up_cmd->add_flag("--mysql", up.server.mysql, "enable the MySQL protocol");
  up_cmd->add_option("--startup-timeout-ms", startup_timeout_ms)->capture_default_str();
  up_cmd->add_flag("--print-pid", up.print_pid, "print the server pid first (for scripts)");
  up_cmd->add_option("server_args", up.server.extra_args, "extra server arguments, after --");

  int down_timeout_s = 15;
  CLI::App* down_cmd = app.add_subcommand("down", "stop the server started here");
  down_cmd->add_option("--timeout", down_timeout_s, "seconds before SIGKILL")
      ->capture_default_str();

  bool status_json = false;
  CLI::App* status_cmd = app.add_subcommand("status", "is a server running here?");
  status_cmd->add_flag("--json", status_json, "machine-readable");

  CLI::App* env_cmd = app.add_subcommand("env", "print DATABASE_URL and PG* exports (eval them)");

  bool follow = false;
  CLI::App* logs_cmd = app.add_subcommand("logs", "print the server log");
  logs_cmd->add_flag("-f,--follow", follow, "keep printing until the server stops");

  std::vector<std::string> psql_args;
  CLI::App* psql_cmd = app.add_subcommand("psql", "open psql on the working database");
  psql_cmd->add_option("psql_args", psql_args, "arguments for psql, after --");

  int wait_timeout_s = 30;
  CLI::App* wait_cmd = app.add_subcommand("wait", "block until the server is ready");
  wait_cmd->add_option("--timeout", wait_timeout_s, "seconds")->capture_default_str();

  CLI::App* reset_cmd = app.add_subcommand("reset", "put the working database back to the seed");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : devloop::kUsage;
  }
  up.state_dir = state_dir;
  up.server.startup_timeout = std::chrono::milliseconds(startup_timeout_ms);
  if (*up_cmd) return devloop::Up(up);
  if (*down_cmd) return devloop::Down(state_dir, std::chrono::seconds(down_timeout_s));
  if (*status_cmd) return devloop::Status(state_dir, status_json);
  if (*env_cmd) return devloop::Env(state_dir);
  if (*logs_cmd) return devloop::Logs(state_dir, follow);
  if (*psql_cmd) return devloop::Psql(state_dir, psql_args);
  if (*wait_cmd) return devloop::Wait(state_dir, std::chrono::seconds(wait_timeout_s));
  if (*reset_cmd) return devloop::Reset(state_dir);
  return devloop::kUsage;
}
