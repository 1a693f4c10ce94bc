// engine/server/pgwire/pg_listener.cc — see pg_listener.h.
#include "server/pgwire/pg_listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace nano::pgwire {
namespace {

// Connections beyond max_connections still get a thread long enough to be
// told "too many clients"; past this hard cap they are closed at once.
constexpr int kExtraThreadsForRejections = 32;

std::string HostPort(const std::string& host, int port) {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

}  // namespace

PgListener::~PgListener() {
  if (acceptor_.joinable()) Shutdown(0);
  if (listen_fd_ >= 0) ::close(listen_fd_);
  for (int fd : wake_pipe_) {
    if (fd >= 0) ::close(fd);
  }
}

Status PgListener::Bind(const std::string& address, int port) {
  address_ = address;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  int gai = ::getaddrinfo(address.c_str(), service.c_str(), &hints, &res);
  if (gai != 0) {
    return Status::Error(sqlstate::kIoError, "could not resolve listen address \"" + address +
                                                 "\": " + ::gai_strerror(gai));
  }
  // The first resolved address is the one we serve (127.0.0.1 by default).
  int fd = ::socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
  if (fd < 0) {
    int err = errno;
    ::freeaddrinfo(res);
    return Status::Error(sqlstate::kIoError,
                         "could not create socket: " + std::string(std::strerror(err)));
  }
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (::bind(fd, res->ai_addr, res->ai_addrlen) != 0 || ::listen(fd, 512) != 0) {
    int err = errno;
    ::close(fd);
    ::freeaddrinfo(res);
    return Status::Error(sqlstate::kIoError,
                         "could not bind " + HostPort(address, port) + ": " + std::strerror(err));
  }
  ::freeaddrinfo(res);
  sockaddr_storage ss{};
  socklen_t len = sizeof(ss);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  port_ = ss.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port)
                                   : ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
  listen_fd_ = fd;
  if (::pipe2(wake_pipe_, O_CLOEXEC) != 0) {
    return Status::Error(sqlstate::kIoError,
                         "could not create pipe: " + std::string(std::strerror(errno)));
  }
  return Status::OK();
}

void PgListener::Start(PgServerShared* shared) {
  shared_ = shared;
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

void PgListener::AcceptLoop() {
  pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
  for (;;) {
    int n = ::poll(fds, 2, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;  // shutdown requested
    if ((fds[0].revents & POLLIN) == 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;  // EMFILE, ECONNABORTED...: keep serving others
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    Spawn(fd);
  }
}

void PgListener::Spawn(int fd) {
  auto conn = std::make_shared<Conn>();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (static_cast<int>(conns_.size()) >= shared_->max_connections + kExtraThreadsForRejections) {
      ::close(fd);
      return;
    }
    conn->connection = std::make_unique<PgConnection>(fd, shared_);
    conns_.push_back(conn);
  }
  try {
    std::thread([this, conn] {
      try {
        conn->connection->Run();
      } catch (...) {
        // Contained to this client (see PgConnection::Run); keep serving.
        std::fputs("internal error during connection startup\n", stderr);
      }
      std::lock_guard<std::mutex> lock(mu_);
      conn->connection.reset();  // closes the socket, ends the session
      conns_.remove(conn);
      cv_.notify_all();
    }).detach();
  } catch (const std::system_error&) {
    // Out of threads: drop this client, keep the others.
    std::lock_guard<std::mutex> lock(mu_);
    conns_.remove(conn);
  }
}

size_t PgListener::live_connections() {
  std::lock_guard<std::mutex> lock(mu_);
  return conns_.size();
}

bool PgListener::WaitForConnections(int timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [this] { return conns_.empty(); });
}

size_t PgListener::Shutdown(int grace_ms) {
  if (shared_ != nullptr) shared_->shutting_down.store(true);
  if (acceptor_.joinable()) {
    char b = 1;
    if (::write(wake_pipe_[1], &b, 1) < 0) {
      // The pipe cannot be full (one byte ever); nothing else to do.
    }
    acceptor_.join();
  }
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
  }
  auto for_each = [this](auto fn) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& c : conns_) {
      if (c->connection) fn(*c->connection);
    }
  };
  for_each([](PgConnection& c) { c.InterruptForShutdown(); });
  if (WaitForConnections(grace_ms)) return 0;
  for_each([](PgConnection& c) { c.CancelStatement(); });
  if (WaitForConnections(2000)) return 0;
  for_each([](PgConnection& c) { c.ForceClose(); });
  WaitForConnections(2000);
  return live_connections();
}

}  // namespace nano::pgwire
