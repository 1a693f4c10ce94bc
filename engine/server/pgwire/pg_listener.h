// engine/server/pgwire/pg_listener.h — the PostgreSQL wire listener: binds
// the TCP socket, runs the acceptor thread and one thread per connection,
// and shuts them all down gracefully.
//
// Threading: Bind/Start/Shutdown are called by the owner's thread, in that
// order, once each. One acceptor thread polls the listening socket and a
// wake-up pipe; each accepted connection gets its own thread running a
// PgConnection (blocking I/O, TCP_NODELAY).
//
// Shutdown(grace): stop accepting; wake idle connections (they answer
// FATAL 57P01 and close); wait up to `grace_ms` for running statements to
// finish; cancel the rest (57014, then 57P01); wait again; as a last resort
// close their sockets. Returns when every connection thread has finished,
// or after the bounded waits — the number of stragglers is returned then.
//
// The PgServerShared passed to Start must outlive the listener.
#pragma once

#include <condition_variable>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/status.h"
#include "server/pgwire/pg_connection.h"

namespace nano::pgwire {

class PgListener {
 public:
  PgListener() = default;
  ~PgListener();
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

  // Binds and listens. port 0 = the OS chooses (see port()). Errors are
  // runtime errors with a message like
  // "could not bind 127.0.0.1:5432: Address already in use".
  Status Bind(const std::string& address, int port);
  int port() const { return port_; }
  const std::string& address() const { return address_; }

  void Start(PgServerShared* shared);
  // Returns the number of connections still alive after the bounded waits.
  size_t Shutdown(int grace_ms);
  size_t live_connections();

 private:
  struct Conn {
    std::unique_ptr<PgConnection> connection;
    bool done = false;
  };
  void AcceptLoop();
  void Spawn(int fd);
  bool WaitForConnections(int timeout_ms);

  std::string address_;
  int port_ = 0;
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};
  PgServerShared* shared_ = nullptr;
  std::thread acceptor_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::list<std::shared_ptr<Conn>> conns_;  // guarded by mu_
};

}  // namespace nano::pgwire
