// engine/server/pgwire/pg_connection.h — one PostgreSQL protocol v3 client
// connection: startup, authentication, simple and extended query, COPY.
//
// Threading model: one thread per connection runs Run() with blocking I/O on
// the socket. Other threads may only call CancelStatement() and
// InterruptForShutdown(). Outgoing messages accumulate in one buffer that
// is flushed on ReadyForQuery, Flush, COPY boundaries, fatal errors and
// whenever it exceeds kFlushThresholdBytes — never one syscall per message.
//
// Error handling follows PostgreSQL: statement errors are ErrorResponse
// (and, in the extended protocol, every message up to the next Sync is
// discarded); protocol violations and authentication failures are FATAL
// ErrorResponses after which the connection closes. Malformed input of any
// kind never crashes the process and never affects other connections.
//
// Ownership: the connection owns its socket (closed in the destructor) and
// its Session; it borrows the PgServerShared, which must outlive it.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "server/auth/auth.h"
#include "server/pgwire/socket_io.h"
#include "server/pgwire/wire_buffer.h"
#include "session/engine.h"
#include "session/session.h"
#include "types/format_context.h"

namespace nano::pgwire {

inline constexpr size_t kFlushThresholdBytes = 64 * 1024;

// State shared by every connection of one server.
struct PgServerShared {
  Engine* engine = nullptr;
  auth::AuthConfig auth;
  int max_connections = 100;
  // Seconds a client may take for startup + authentication (PostgreSQL's
  // authentication_timeout); 0 = no limit.
  int auth_timeout_s = 60;
  std::atomic<int> sessions{0};  // connections past startup holding a slot
  std::atomic<bool> shutting_down{false};
};

class PgConnection final : public ResultSink {
 public:
  // Takes ownership of the connected socket `fd`.
  PgConnection(int fd, PgServerShared* shared);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Serves the client until it terminates, the connection breaks, or a
  // FATAL error. Call once.
  void Run();

  // Thread-safe. Cancels the statement the session is running, if any.
  void CancelStatement();
  // Thread-safe. Wakes the connection thread blocked in a read (shutdown of
  // the socket's read side); when it notices shared->shutting_down it sends
  // FATAL 57P01 and closes.
  void InterruptForShutdown();
  // Thread-safe. Both directions: pending writes fail too (last resort).
  void ForceClose();

  // ResultSink.
  Status OnRowDescription(const std::vector<ColumnDesc>& columns) override;
  Status OnRow(const Value* values, size_t count) override;
  Status OnCommandComplete(std::string_view tag) override;
  Status OnEmptyQuery() override;
  void OnNotice(const ErrorInfo& notice) override;
  void OnParameterStatus(std::string_view name, std::string_view value) override;
  Status OnCopyInStart(const CopyInfo& info) override;
  Status ReadCopyData(std::string* chunk, bool* done) override;
  Status OnCopyOutStart(const CopyInfo& info) override;
  Status OnCopyData(std::string_view data) override;
  Status OnCopyOutDone() override;

 private:
  struct PortalEntry {
    std::unique_ptr<Portal> portal;
    std::vector<int16_t> result_formats;  // one per result column
  };
  enum class StartupOutcome { kProceed, kClose };

  // Startup phase.
  StartupOutcome HandleStartup(SessionOptions* options, std::string* user);
  bool ParseStartupParams(std::string_view body, SessionOptions* options, std::string* user);
  void HandleCancelRequest(MessageReader* r);
  // `database`: where a role created with CREATE ROLE is looked up.
  bool Authenticate(const std::string& user, const std::string& database);
  bool AuthenticatePassword(const std::string& user);
  bool AuthenticateMd5(const std::string& user);
  bool AuthenticateScram(const std::string& user);
  // A created role that is logging in (found by Authenticate) and its
  // pg_authid.rolpassword verifier ("md5..." / "SCRAM-SHA-256$...", or empty).
  bool role_found_ = false;
  std::string role_verifier_;
  // Reads the client's 'p' message during authentication; false (after a
  // FATAL when appropriate) if the client sent something else or left.
  bool ReadAuthResponse(std::string* body);
  void SendAuthRequest(int32_t code, std::string_view extra);
  bool StartSession(const SessionOptions& options);

  // Query phase.
  void MainLoop();
  // Returns false when the connection must close.
  bool Dispatch(char type, std::string_view body);
  void HandleQuery(std::string_view body);
  Status HandleParse(std::string_view body);
  Status HandleBind(std::string_view body);
  Status HandleDescribe(std::string_view body);
  Status HandleExecute(std::string_view body);
  Status HandleClose(std::string_view body);
  void HandleSync();
  Status ConvertParam(size_t index, int16_t format, std::string_view bytes, TypeRef type,
                      Value* out);
  void SendRowDescription(const std::vector<ColumnDesc>& columns,
                          const std::vector<int16_t>& formats);
  void SendReadyForQuery();
  void AfterTransactionMaybeEnded();

  // Output.
  void SendError(const ErrorInfo& e);
  void SendError(const Status& st) { SendError(st.error()); }
  void SendFatal(std::string_view sqlstate, std::string message);
  void SendNoticeLike(char type, const ErrorInfo& e);
  void MaybeFlush();
  bool Flush();
  const FormatContext& fmt();

  int fd_;
  PgServerShared* shared_;
  SocketIo io_;
  MessageWriter out_;
  bool broken_ = false;      // a write failed or the peer vanished
  bool holds_slot_ = false;  // counted in shared_->sessions
  std::atomic<bool> interrupted_{false};

  std::mutex session_mu_;  // guards session_ against CancelStatement
  std::unique_ptr<Session> session_;

  // Extended protocol.
  std::map<std::string, std::shared_ptr<PreparedStatement>, std::less<>> statements_;
  std::map<std::string, PortalEntry, std::less<>> portals_;
  bool ignore_till_sync_ = false;
  std::vector<std::string> unrecognized_options_;  // "_pq_.*" startup options

  // Result formatting for the statement being executed.
  bool extended_execute_ = false;                         // suppress RowDescription in Execute
  const std::vector<int16_t>* result_formats_ = nullptr;  // nullptr = all text
  std::string scratch_;
};

}  // namespace nano::pgwire
