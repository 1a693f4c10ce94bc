// engine/server/server.h — the server runner behind `heliosdb-nano start`.
//
// Owns the Engine, the PostgreSQL wire listener and the HTTP listener, and
// runs the lifecycle: Start() opens the engine and binds every listener
// (nothing is announced until all of them accept); the caller then
// publishes ReadyJson(); WaitForShutdownSignal() blocks until SIGINT or
// SIGTERM; Shutdown() stops gracefully (stop accepting, let running
// statements finish for a grace period, cancel the rest, FATAL 57P01 to
// idle clients, run the dump-on-shutdown hook, close the engine).
//
// Threading: every method is called from the owner's (main) thread.
// BlockShutdownSignals() must run before Start() so that no server thread
// ever receives SIGINT/SIGTERM; the main thread collects them with
// sigwaitinfo (no async signal handlers).
// Errors: Status with a one-line message fit for stderr.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "common/status.h"
#include "server/auth/auth.h"
#include "server/http/http_server.h"
#include "server/pgwire/pg_connection.h"
#include "server/pgwire/pg_listener.h"
#include "session/engine.h"

namespace nano {

struct ServerOptions {
  EngineOptions engine;
  std::string listen_address = "127.0.0.1";
  int pg_port = 5432;  // 0 = the OS chooses
  bool http_enabled = true;
  int http_port = 8080;  // 0 = the OS chooses
  auth::AuthConfig auth;
  int max_connections = 100;
  int shutdown_grace_ms = 5000;

  // Dump/restore hooks (issue 5), filled by the CLI from tools/dump.h; a
  // failing hook fails Start() (before any listener binds) or Shutdown().
  // Runs after the engine opens and before any listener accepts (--restore).
  std::function<Status(Engine*)> restore_before_accept;
  // Runs on graceful shutdown after every client is gone (--dump-on-shutdown).
  std::function<Status(Engine*)> dump_on_shutdown;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  static void BlockShutdownSignals();

  Status Start();
  // The ready JSON (one line, no newline) — DESIGN.md §3.
  std::string ReadyJson() const;
  // postgresql://USER@HOST:PORT/postgres
  std::string Url() const;
  // "HeliosDB Nano 0.1.0 (memory mode) listening on postgresql://..."
  std::string Banner() const;
  int pg_port() const { return pg_.port(); }
  int http_port() const { return http_ ? http_->port() : 0; }

  // Returns the signal number received (SIGINT or SIGTERM).
  int WaitForShutdownSignal();
  Status Shutdown();

 private:
  http::HttpResponse Health() const;

  ServerOptions options_;
  std::unique_ptr<Engine> engine_;
  pgwire::PgServerShared shared_;
  pgwire::PgListener pg_;
  std::unique_ptr<http::HttpServer> http_;
  std::chrono::steady_clock::time_point started_at_;
  bool started_ = false;
  bool shut_down_ = false;
};

}  // namespace nano
