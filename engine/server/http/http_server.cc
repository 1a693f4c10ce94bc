// engine/server/http/http_server.cc — see http_server.h. Follows Beast's
// async server example: one io_context thread, a session object per
// connection that reads a request, answers, and loops while keep-alive.
#include "server/http/http_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <thread>

namespace nano::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

constexpr auto kIdleTimeout = std::chrono::seconds(30);

std::string JsonError(const std::string& message) {
  std::string out = "{\"error\":\"";
  for (char c : message) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out += "\"}";
  return out;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const HttpServer* server)
      : stream_(std::move(socket)), server_(server) {}

  void Start() { Read(); }

 private:
  void Read() {
    request_ = {};
    stream_.expires_after(kIdleTimeout);
    bhttp::async_read(
        stream_, buffer_, request_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      return;
    }
    HttpRequest req;
    req.method = std::string(request_.method_string());
    std::string target(request_.target());
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.body = request_.body();
    HttpResponse r = server_->Handle(req);

    response_ = {};
    response_.version(request_.version());
    response_.result(static_cast<bhttp::status>(r.status));
    response_.set(bhttp::field::server, "HeliosDB-Nano");
    response_.set(bhttp::field::content_type, r.content_type);
    response_.keep_alive(request_.keep_alive());
    response_.body() = std::move(r.body);
    response_.prepare_payload();
    bhttp::async_write(
        stream_, response_,
        [self = shared_from_this()](beast::error_code wec, size_t) { self->OnWrite(wec); });
  }

  void OnWrite(beast::error_code ec) {
    if (ec) return;
    if (!response_.keep_alive()) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      return;
    }
    Read();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> request_;
  bhttp::response<bhttp::string_body> response_;
  const HttpServer* server_;
};

}  // namespace

struct HttpServer::Impl {
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  std::thread thread;

  void Accept(const HttpServer* server) {
    acceptor.async_accept(asio::make_strand(ioc),
                          [this, server](beast::error_code ec, tcp::socket s) {
                            if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
                            if (!ec) std::make_shared<Session>(std::move(s), server)->Start();
                            Accept(server);
                          });
  }
};

HttpServer::HttpServer() : impl_(std::make_unique<Impl>()) {}

HttpServer::~HttpServer() { Shutdown(); }

void HttpServer::Route(std::string method, std::string path, HttpHandler handler) {
  routes_[{std::move(method), std::move(path)}] = std::move(handler);
}

Status HttpServer::Bind(const std::string& address, int port) {
  beast::error_code ec;
  auto where = [&] {
    std::string host = address.find(':') != std::string::npos ? "[" + address + "]" : address;
    return host + ":" + std::to_string(port);
  };
  tcp::resolver resolver(impl_->ioc);
  auto results = resolver.resolve(address, std::to_string(port), tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    return Status::Error(sqlstate::kIoError,
                         "could not resolve listen address \"" + address + "\": " + ec.message());
  }
  tcp::endpoint ep = results.begin()->endpoint();
  impl_->acceptor.open(ep.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(ep, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
    return Status::Error(sqlstate::kIoError, "could not bind " + where() + ": " + ec.message());
  }
  port_ = impl_->acceptor.local_endpoint().port();
  return Status::OK();
}

void HttpServer::Start() {
  impl_->Accept(this);
  impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

void HttpServer::Shutdown() {
  if (!impl_) return;
  asio::post(impl_->ioc, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

HttpResponse HttpServer::Handle(const HttpRequest& request) const {
  auto it = routes_.find({request.method, request.path});
  if (it != routes_.end()) return it->second(request);
  for (const auto& [key, handler] : routes_) {
    if (key.second == request.path) {
      return {405, "application/json", JsonError("method not allowed")};
    }
  }
  return {404, "application/json", JsonError("not found")};
}

}  // namespace nano::http
