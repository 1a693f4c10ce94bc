// engine/server/http/http_server.h — a small HTTP/1.1 server (Boost.Beast)
// for the health endpoint and, later, the REST API.
//
// Routing is by exact (method, path); unknown paths answer 404 with a JSON
// body, known paths with another method 405. Handlers run on the server's
// single I/O thread and must be quick and non-blocking (the REST API will
// move work to a pool when it lands).
//
// Threading: Route() before Start(); Start()/Shutdown() from the owner's
// thread. Handlers may be called concurrently with the owner's other work,
// so they must only read thread-safe state.
// Errors: Bind() returns a runtime error "could not bind HOST:PORT: reason".
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "common/status.h"

namespace nano::http {

struct HttpRequest {
  std::string method;  // "GET"
  std::string path;    // target without the query string
  std::string query;   // after '?', may be empty
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
 public:
  HttpServer();
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  void Route(std::string method, std::string path, HttpHandler handler);
  Status Bind(const std::string& address, int port);
  int port() const { return port_; }
  void Start();
  void Shutdown();

  // Dispatches a request to its route (exposed for tests).
  HttpResponse Handle(const HttpRequest& request) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::map<std::pair<std::string, std::string>, HttpHandler> routes_;
  int port_ = 0;
};

}  // namespace nano::http
