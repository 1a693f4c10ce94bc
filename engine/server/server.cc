// engine/server/server.cc — see server.h.
#include "server/server.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

namespace nano {
namespace {

std::string JsonString(const std::string& s) { return nlohmann::json(s).dump(); }

std::string UrlHost(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

Server::Server(ServerOptions options) : options_(std::move(options)) {}

Server::~Server() {
  if (started_ && !shut_down_) Shutdown().IgnoreError();
}

void Server::BlockShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A client vanishing mid-write must not kill the server.
  signal(SIGPIPE, SIG_IGN);
}

Status Server::Start() {
  started_at_ = std::chrono::steady_clock::now();
  NANO_RETURN_IF_ERROR(Engine::Open(options_.engine, &engine_));
  if (options_.restore_before_accept)
    NANO_RETURN_IF_ERROR(options_.restore_before_accept(engine_.get()));

  shared_.engine = engine_.get();
  shared_.auth = options_.auth;
  shared_.max_connections = options_.max_connections;
  NANO_RETURN_IF_ERROR(pg_.Bind(options_.listen_address, options_.pg_port));
  if (options_.http_enabled) {
    http_ = std::make_unique<http::HttpServer>();
    http_->Route("GET", "/health", [this](const http::HttpRequest&) { return Health(); });
    NANO_RETURN_IF_ERROR(http_->Bind(options_.listen_address, options_.http_port));
  }
  // Every socket is listening (the kernel queues connections from here on):
  // start serving, then the caller may announce readiness.
  pg_.Start(&shared_);
  if (http_) http_->Start();
  started_ = true;
  return Status::OK();
}

http::HttpResponse Server::Health() const {
  auto uptime = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started_at_);
  nlohmann::ordered_json j;
  j["status"] = shared_.shutting_down.load() ? "shutting_down" : "ok";
  j["version"] = EngineVersion();
  j["mode"] = options_.engine.in_memory ? "memory" : "disk";
  j["uptime_ms"] = uptime.count();
  j["connections"] = shared_.sessions.load();
  return {shared_.shutting_down.load() ? 503 : 200, "application/json", j.dump()};
}

std::string Server::Url() const {
  return "postgresql://" + options_.auth.user + "@" + UrlHost(options_.listen_address) + ":" +
         std::to_string(pg_.port()) + "/postgres";
}

std::string Server::ReadyJson() const {
  std::string host = JsonString(options_.listen_address);
  std::string out = "{\"pid\": " + std::to_string(::getpid()) + ", \"mode\": \"" +
                    (options_.engine.in_memory ? "memory" : "disk") +
                    "\", \"pg\": {\"host\": " + host + ", \"port\": " + std::to_string(pg_.port()) +
                    "}, \"http\": ";
  if (http_) {
    out += "{\"host\": " + host + ", \"port\": " + std::to_string(http_->port()) + "}";
  } else {
    out += "null";
  }
  out += ", \"mysql\": null, \"url\": " + JsonString(Url()) + "}";
  return out;
}

std::string Server::Banner() const {
  std::string b = std::string("HeliosDB Nano ") + EngineVersion() + " (" +
                  (options_.engine.in_memory ? "memory" : "disk") + " mode) listening on " + Url();
  if (http_)
    b += ", HTTP on http://" + UrlHost(options_.listen_address) + ":" +
         std::to_string(http_->port());
  return b;
}

int Server::WaitForShutdownSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  for (;;) {  // only EINTR loops, and only on a signal outside the set
    int sig = sigwaitinfo(&set, nullptr);
    if (sig > 0) return sig;
    if (errno != EINTR) return SIGTERM;
  }
}

Status Server::Shutdown() {
  if (shut_down_) return Status::OK();
  shut_down_ = true;
  shared_.shutting_down.store(true);
  if (http_) http_->Shutdown();
  size_t stragglers = pg_.Shutdown(options_.shutdown_grace_ms);
  Status st;
  if (stragglers == 0 && options_.dump_on_shutdown) st = options_.dump_on_shutdown(engine_.get());
  if (stragglers != 0) {
    // Threads still hold sessions: destroying the engine under them would
    // be a use-after-free. Leave it to process exit.
    (void)engine_.release();
    return Status::Error(sqlstate::kAdminShutdown,
                         std::to_string(stragglers) + " connection(s) did not close in time");
  }
  engine_.reset();
  return st;
}

}  // namespace nano
