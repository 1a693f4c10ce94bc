// engine/server/pgwire/pg_connection.cc — see pg_connection.h.
#include "server/pgwire/pg_connection.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cassert>
#include <cstdio>
#include <exception>
#include <utility>

#include "server/auth/scram.h"
#include "types/binary_io.h"
#include "types/enum_value.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano::pgwire {
namespace {

constexpr int32_t kSslRequestCode = 80877103;
constexpr int32_t kGssEncRequestCode = 80877104;
constexpr int32_t kCancelRequestCode = 80877102;
constexpr int kMaxStartupNegotiations = 4;  // SSL + GSS + startup, bounded
constexpr size_t kMaxOptionsArgs = 256;

Status ProtocolViolation(std::string message) {
  return Status::Error(sqlstate::kProtocolViolation, std::move(message));
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Splits a startup `options` string into arguments; backslash escapes the
// next character (as PostgreSQL's pg_split_opts does).
std::vector<std::string> SplitOptions(std::string_view s) {
  std::vector<std::string> args;
  std::string cur;
  bool in_arg = false;
  for (size_t i = 0; i < s.size() && args.size() < kMaxOptionsArgs; ++i) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_arg) args.push_back(std::move(cur));
      cur.clear();
      in_arg = false;
      continue;
    }
    if (c == '\\' && i + 1 < s.size()) c = s[++i];
    cur.push_back(c);
    in_arg = true;
  }
  if (in_arg) args.push_back(std::move(cur));
  return args;
}

void AddSettingArg(std::string_view arg, SessionOptions* options) {
  size_t eq = arg.find('=');
  if (eq == std::string_view::npos || eq == 0) return;
  std::string name(arg.substr(0, eq));
  // PostgreSQL accepts '-' for '_' in long options.
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  options->settings.emplace_back(std::move(name), std::string(arg.substr(eq + 1)));
}

void ParseOptionsString(std::string_view s, SessionOptions* options) {
  std::vector<std::string> args = SplitOptions(s);
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "-c" && i + 1 < args.size()) {
      AddSettingArg(args[++i], options);
    } else if (a.substr(0, 2) == "-c") {
      AddSettingArg(a.substr(2), options);
    } else if (a.substr(0, 2) == "--") {
      AddSettingArg(a.substr(2), options);
    }
  }
}

int16_t TypLen(TypeOid oid) {
  const TypeInfo* info = LookupType(oid);
  if (info == nullptr && IsEnumType(oid)) return 4;  // enums are 4-byte types in pg_type
  return info ? info->typlen : -1;
}

}  // namespace

PgConnection::PgConnection(int fd, PgServerShared* shared) : fd_(fd), shared_(shared), io_(fd) {
  assert(shared_ != nullptr && shared_->engine != nullptr);
}

PgConnection::~PgConnection() {
  {
    std::lock_guard<std::mutex> lock(session_mu_);
    session_.reset();
  }
  if (holds_slot_) shared_->sessions.fetch_sub(1);
  ::close(fd_);
}

void PgConnection::CancelStatement() {
  std::lock_guard<std::mutex> lock(session_mu_);
  if (session_) session_->Cancel();
}

void PgConnection::InterruptForShutdown() {
  interrupted_.store(true);
  ::shutdown(fd_, SHUT_RD);
}

void PgConnection::ForceClose() {
  interrupted_.store(true);
  ::shutdown(fd_, SHUT_RDWR);
}

// ---------------------------------------------------------------------------
// Output helpers.

bool PgConnection::Flush() {
  if (broken_) {
    out_.Clear();
    return false;
  }
  if (out_.size() == 0) return true;
  bool ok = io_.WriteAll(out_.data());
  out_.Clear();
  if (!ok) broken_ = true;
  return ok;
}

void PgConnection::MaybeFlush() {
  if (out_.size() >= kFlushThresholdBytes) Flush();
}

void PgConnection::SendNoticeLike(char type, const ErrorInfo& e) {
  out_.Begin(type);
  out_.Int8('S');
  out_.CString(e.severity);
  out_.Int8('V');
  out_.CString(e.severity);
  out_.Int8('C');
  out_.CString(e.sqlstate.empty() ? std::string(sqlstate::kInternalError) : e.sqlstate);
  out_.Int8('M');
  out_.CString(e.message);
  if (!e.detail.empty()) {
    out_.Int8('D');
    out_.CString(e.detail);
  }
  if (!e.hint.empty()) {
    out_.Int8('H');
    out_.CString(e.hint);
  }
  if (e.position > 0) {
    out_.Int8('P');
    out_.CString(std::to_string(e.position));
  }
  out_.Int8(0);
  out_.End();
}

void PgConnection::SendError(const ErrorInfo& e) {
  out_.Abort();  // a half-built DataRow must not precede the error
  SendNoticeLike('E', e);
  // Flushed at once, as PostgreSQL does: in the extended protocol the client
  // may be waiting after a Flush that is now discarded until Sync.
  Flush();
}

void PgConnection::SendFatal(std::string_view code, std::string message) {
  ErrorInfo e;
  e.severity = "FATAL";
  e.sqlstate = std::string(code);
  e.message = std::move(message);
  SendError(e);
  Flush();
}

void PgConnection::SendReadyForQuery() {
  out_.Begin('Z');
  out_.Int8(static_cast<uint8_t>(session_ ? static_cast<char>(session_->txn_state()) : 'I'));
  out_.End();
  Flush();
}

void PgConnection::SendAuthRequest(int32_t code, std::string_view extra) {
  out_.Begin('R');
  out_.Int32(code);
  out_.Bytes(extra);
  out_.End();
}

const FormatContext& PgConnection::fmt() {
  // The session keeps its formatting current on every SET: no rebuild from
  // setting strings per statement (that cost ~10% of a prepared query).
  static const FormatContext kDefault;
  return session_ ? session_->format_context() : kDefault;
}

// ---------------------------------------------------------------------------
// Startup and authentication.

void PgConnection::Run() {
  if (shared_->auth_timeout_s > 0) {
    timeval tv{shared_->auth_timeout_s, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  }
  SessionOptions options;
  std::string user;
  if (HandleStartup(&options, &user) == StartupOutcome::kClose) return;
  if (shared_->shutting_down.load()) {
    SendFatal(sqlstate::kCannotConnectNow, "the database system is shutting down");
    return;
  }
  // Admission: PostgreSQL checks the limit once the startup packet is read.
  if (shared_->sessions.fetch_add(1) >= shared_->max_connections) {
    shared_->sessions.fetch_sub(1);
    SendFatal(sqlstate::kTooManyConnections, "sorry, too many clients already");
    return;
  }
  holds_slot_ = true;
  if (!Authenticate(user, options.database)) return;
  if (!StartSession(options)) return;
  if (shared_->auth_timeout_s > 0) {
    timeval tv{0, 0};  // idle sessions may stay as long as they like
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  }
  // The engine reports errors as Status; an exception here is a bug. Contain
  // it to this connection (FATAL XX000) instead of taking the server down.
  try {
    MainLoop();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal error in connection (pid %d): %s\n", session_->backend_pid(),
                 e.what());
    SendFatal(sqlstate::kInternalError, std::string("internal error: ") + e.what());
  }
}

PgConnection::StartupOutcome PgConnection::HandleStartup(SessionOptions* options,
                                                         std::string* user) {
  for (int round = 0; round < kMaxStartupNegotiations; ++round) {
    std::string body;
    ReadResult r = io_.ReadStartupPacket(&body);
    if (r == ReadResult::kBadLength || r == ReadResult::kTooLarge) {
      SendFatal(sqlstate::kProtocolViolation, "invalid length of startup packet");
      return StartupOutcome::kClose;
    }
    if (r != ReadResult::kOk) return StartupOutcome::kClose;
    MessageReader reader(body);
    int32_t code = 0;
    if (!reader.Int32(&code)) return StartupOutcome::kClose;
    if (code == kSslRequestCode || code == kGssEncRequestCode) {
      // No TLS/GSS configured: answer 'N' and expect a plain startup packet.
      if (!io_.WriteAll("N")) return StartupOutcome::kClose;
      continue;
    }
    if (code == kCancelRequestCode) {
      HandleCancelRequest(&reader);
      return StartupOutcome::kClose;
    }
    int major = (code >> 16) & 0xffff;
    int minor = code & 0xffff;
    if (major != 3) {
      char msg[128];
      std::snprintf(msg, sizeof(msg),
                    "unsupported frontend protocol %d.%d: server supports 3.0 to 3.0", major,
                    minor);
      SendFatal(sqlstate::kFeatureNotSupported, msg);
      return StartupOutcome::kClose;
    }
    unrecognized_options_.clear();
    if (!ParseStartupParams(reader.Rest(), options, user)) {
      SendFatal(sqlstate::kProtocolViolation,
                "invalid startup packet layout: expected terminator as last byte");
      return StartupOutcome::kClose;
    }
    if (user->empty()) {
      SendFatal(sqlstate::kInvalidAuthorizationSpecification,
                "no PostgreSQL user name specified in startup packet");
      return StartupOutcome::kClose;
    }
    if (minor > 0 || !unrecognized_options_.empty()) {
      // We speak 3.0: tell the client so it can downgrade (PostgreSQL does
      // the same for newer minors and for unknown _pq_ options).
      out_.Begin('v');
      out_.Int32(0x30000);
      out_.Int32(static_cast<int32_t>(unrecognized_options_.size()));
      for (const std::string& name : unrecognized_options_) out_.CString(name);
      out_.End();
    }
    return StartupOutcome::kProceed;
  }
  SendFatal(sqlstate::kProtocolViolation, "too many startup negotiation requests");
  return StartupOutcome::kClose;
}

bool PgConnection::ParseStartupParams(std::string_view body, SessionOptions* options,
                                      std::string* user) {
  MessageReader r(body);
  std::string database;
  for (size_t guard = 0; guard < 1000; ++guard) {
    std::string_view name;
    if (!r.CString(&name)) return false;
    if (name.empty()) break;  // terminator
    std::string_view value;
    if (!r.CString(&value)) return false;
    if (name == "user") {
      *user = std::string(value);
    } else if (name == "database") {
      database = std::string(value);
    } else if (name == "application_name") {
      options->application_name = std::string(value);
    } else if (name == "options") {
      ParseOptionsString(value, options);
    } else if (name.substr(0, 5) == "_pq_.") {
      // Protocol extensions are not offered; NegotiateProtocolVersion
      // lists them so the client falls back.
      if (unrecognized_options_.size() < 64) unrecognized_options_.emplace_back(name);
    } else if (name == "replication") {
      // Replication connections are not offered; serve a normal session.
    } else {
      options->settings.emplace_back(std::string(name), std::string(value));
    }
  }
  if (!r.AtEnd()) return false;
  options->user = *user;
  options->database = database.empty() ? *user : database;
  return true;
}

void PgConnection::HandleCancelRequest(MessageReader* r) {
  int32_t pid = 0;
  int32_t key = 0;
  if (!r->Int32(&pid) || !r->Int32(&key)) return;
  // Unknown pairs are ignored silently, as PostgreSQL does.
  shared_->engine->CancelBackend(pid, key);
}

bool PgConnection::ReadAuthResponse(std::string* body) {
  char type = 0;
  ReadResult r = io_.ReadMessage(&type, body);
  if (r == ReadResult::kBadLength || r == ReadResult::kTooLarge) {
    SendFatal(sqlstate::kProtocolViolation, "invalid message length");
    return false;
  }
  if (r != ReadResult::kOk) return false;  // client gave up (psql asks for a password)
  if (type != 'p') {
    SendFatal(sqlstate::kProtocolViolation,
              "expected password response, got message type " + std::to_string(type));
    return false;
  }
  return true;
}

bool PgConnection::Authenticate(const std::string& user, const std::string& database) {
  const auth::AuthConfig& cfg = shared_->auth;
  role_found_ = false;
  if (user != cfg.user) {
    Status st = shared_->engine->FindLoginRole(database, user, &role_found_, &role_verifier_);
    if (!st.ok()) role_found_ = false;
  }
  bool ok = false;
  switch (cfg.method) {
    case auth::AuthMethod::kTrust:
      if (user != cfg.user && !role_found_) {
        SendFatal(sqlstate::kInvalidAuthorizationSpecification,
                  "role " + Quote(user) + " does not exist");
        return false;
      }
      ok = true;
      break;
    case auth::AuthMethod::kPassword:
      ok = AuthenticatePassword(user);
      break;
    case auth::AuthMethod::kMd5:
      ok = AuthenticateMd5(user);
      break;
    case auth::AuthMethod::kScramSha256:
      ok = AuthenticateScram(user);
      break;
  }
  if (!ok) return false;
  SendAuthRequest(0, {});  // AuthenticationOk
  return true;
}

bool PgConnection::AuthenticatePassword(const std::string& user) {
  SendAuthRequest(3, {});
  if (!Flush()) return false;
  std::string body;
  if (!ReadAuthResponse(&body)) return false;
  MessageReader r(body);
  std::string_view password;
  if (!r.CString(&password) || !r.AtEnd()) {
    SendFatal(sqlstate::kProtocolViolation, "invalid password packet size");
    return false;
  }
  // An unknown role fails exactly like a wrong password (no user probing).
  bool good = role_found_ ? auth::CheckPasswordVerifier(role_verifier_, user, password)
                          : user == shared_->auth.user &&
                                auth::ConstantTimeEquals(password, shared_->auth.password);
  if (!good) {
    SendFatal(sqlstate::kInvalidPassword, "password authentication failed for user " + Quote(user));
    return false;
  }
  return true;
}

bool PgConnection::AuthenticateMd5(const std::string& user) {
  // A role whose password is stored as a SCRAM verifier authenticates with
  // SCRAM even under md5, as PostgreSQL does.
  if (role_found_ && role_verifier_.compare(0, 14, "SCRAM-SHA-256$") == 0) {
    return AuthenticateScram(user);
  }
  uint8_t salt[4];
  if (!auth::RandomBytes(salt, sizeof(salt))) {
    SendFatal(sqlstate::kInternalError, "could not generate random MD5 salt");
    return false;
  }
  SendAuthRequest(5, std::string_view(reinterpret_cast<char*>(salt), sizeof(salt)));
  if (!Flush()) return false;
  std::string body;
  if (!ReadAuthResponse(&body)) return false;
  MessageReader r(body);
  std::string_view response;
  if (!r.CString(&response) || !r.AtEnd()) {
    SendFatal(sqlstate::kProtocolViolation, "invalid password packet size");
    return false;
  }
  bool good = role_found_ ? !role_verifier_.empty() &&
                                auth::VerifyMd5Response(role_verifier_, salt, response)
                          : user == shared_->auth.user &&
                                auth::VerifyMd5Response(shared_->auth.md5_hash, salt, response);
  if (!good) {
    SendFatal(sqlstate::kInvalidPassword, "password authentication failed for user " + Quote(user));
    return false;
  }
  return true;
}

bool PgConnection::AuthenticateScram(const std::string& user) {
  const auth::AuthConfig& cfg = shared_->auth;
  // For an unknown role, run the exchange against a mock secret (as
  // PostgreSQL does) so the client cannot tell roles apart; it always fails.
  auth::ScramSecret mock;
  auth::ScramSecret role_secret;
  bool from_role = role_found_ && auth::ParseScramVerifier(role_verifier_, &role_secret);
  bool known = user == cfg.user || from_role;
  if (!known) {
    std::string salt = auth::Sha256("mock-salt:" + user).substr(0, auth::kScramSaltBytes);
    mock.salt = salt;
    mock.stored_key = auth::Sha256("mock-stored:" + user + cfg.scram.stored_key);
    mock.server_key = auth::Sha256("mock-server:" + user);
  }
  auth::ScramServer scram(from_role ? role_secret : known ? cfg.scram : mock);
  SendAuthRequest(10, std::string_view("SCRAM-SHA-256\0\0", 15));
  if (!Flush()) return false;

  std::string body;
  if (!ReadAuthResponse(&body)) return false;
  MessageReader r(body);
  std::string_view mechanism;
  int32_t len = 0;
  if (!r.CString(&mechanism) || !r.Int32(&len)) {
    SendFatal(sqlstate::kProtocolViolation, "malformed SASLInitialResponse message");
    return false;
  }
  if (mechanism != "SCRAM-SHA-256") {
    SendFatal(sqlstate::kProtocolViolation,
              "client selected an invalid SASL authentication mechanism");
    return false;
  }
  std::string_view client_first;
  if (len < 0 || !r.Bytes(static_cast<size_t>(len), &client_first) || !r.AtEnd()) {
    SendFatal(sqlstate::kProtocolViolation, "malformed SASLInitialResponse message");
    return false;
  }
  std::string server_first;
  Status st = scram.HandleClientFirst(client_first, &server_first);
  if (!st.ok()) {
    ErrorInfo e = st.error();
    e.severity = "FATAL";
    SendError(e);
    Flush();
    return false;
  }
  SendAuthRequest(11, server_first);
  if (!Flush()) return false;

  if (!ReadAuthResponse(&body)) return false;
  bool authenticated = false;
  std::string server_final;
  st = scram.HandleClientFinal(body, &authenticated, &server_final);
  if (!st.ok()) {
    ErrorInfo e = st.error();
    e.severity = "FATAL";
    SendError(e);
    Flush();
    return false;
  }
  if (!authenticated || !known) {
    SendFatal(sqlstate::kInvalidPassword, "password authentication failed for user " + Quote(user));
    return false;
  }
  SendAuthRequest(12, server_final);
  return true;
}

bool PgConnection::StartSession(const SessionOptions& options) {
  std::unique_ptr<Session> session;
  Status st = shared_->engine->NewSession(options, &session);
  if (!st.ok()) {
    ErrorInfo e = st.error();
    e.severity = "FATAL";
    SendError(e);
    Flush();
    return false;
  }
  {
    std::lock_guard<std::mutex> lock(session_mu_);
    session_ = std::move(session);
  }
  for (const auto& [name, value] : session_->ReportedSettings()) {
    out_.Begin('S');
    out_.CString(name);
    out_.CString(value);
    out_.End();
  }
  int32_t pid = session_->backend_pid();
  out_.Begin('K');
  out_.Int32(pid);
  out_.Int32(shared_->engine->SecretKeyOf(pid));
  out_.End();
  SendReadyForQuery();
  return !broken_;
}

// ---------------------------------------------------------------------------
// Query phase.

void PgConnection::MainLoop() {
  std::string body;
  // Each iteration consumes one message; the loop ends with the connection.
  for (;;) {
    if (broken_) return;
    char type = 0;
    ReadResult r = io_.ReadMessage(&type, &body);
    if (r == ReadResult::kBadLength) {
      SendFatal(sqlstate::kProtocolViolation, "invalid message length");
      return;
    }
    if (r == ReadResult::kTooLarge) {
      SendFatal(sqlstate::kProtocolViolation, "invalid message length");
      return;
    }
    if (r != ReadResult::kOk) {
      if (interrupted_.load() && shared_->shutting_down.load()) {
        SendFatal(sqlstate::kAdminShutdown, "terminating connection due to administrator command");
      }
      return;
    }
    if (!Dispatch(type, body)) return;
  }
}

bool PgConnection::Dispatch(char type, std::string_view body) {
  if (ignore_till_sync_ && type != 'S' && type != 'X') return true;
  Status st;
  switch (type) {
    case 'Q':
      HandleQuery(body);
      return true;
    case 'P':
      st = HandleParse(body);
      break;
    case 'B':
      st = HandleBind(body);
      break;
    case 'D':
      st = HandleDescribe(body);
      break;
    case 'E':
      st = HandleExecute(body);
      break;
    case 'C':
      st = HandleClose(body);
      break;
    case 'H':
      Flush();
      return true;
    case 'S':
      HandleSync();
      return true;
    case 'X':
      return false;
    case 'd':
    case 'c':
    case 'f':
      // Leftovers of a COPY FROM STDIN that failed: ignore, as PostgreSQL does.
      return true;
    case 'F':
      st = Status::Error(sqlstate::kFeatureNotSupported,
                         "fastpath function calls are not supported");
      break;
    default:
      SendFatal(sqlstate::kProtocolViolation,
                "invalid frontend message type " +
                    std::to_string(static_cast<int>(static_cast<unsigned char>(type))));
      return false;
  }
  if (!st.ok()) {
    SendError(st);
    ignore_till_sync_ = true;
  }
  return !broken_;
}

void PgConnection::AfterTransactionMaybeEnded() {
  // Portals live until their transaction ends (they are not WITH HOLD).
  if (session_->txn_state() == TxnState::kIdle) portals_.clear();
}

void PgConnection::HandleQuery(std::string_view body) {
  MessageReader r(body);
  std::string_view sql;
  if (!r.CString(&sql) || !r.AtEnd()) {
    SendError(ProtocolViolation("invalid message format"));
    SendReadyForQuery();
    return;
  }
  size_t valid = ValidUtf8Prefix(sql);
  if (valid != sql.size()) {
    SendError(Status::Error(sqlstate::kCharacterNotInRepertoire, InvalidUtf8Message(sql, valid)));
    SendReadyForQuery();
    return;
  }
  // A simple query drops the unnamed prepared statement (PostgreSQL).
  statements_.erase(std::string());
  extended_execute_ = false;
  result_formats_ = nullptr;
  Status st = session_->ExecuteSimple(sql, this);
  if (!st.ok()) SendError(st);
  AfterTransactionMaybeEnded();
  SendReadyForQuery();
}

Status PgConnection::HandleParse(std::string_view body) {
  MessageReader r(body);
  std::string_view name;
  std::string_view sql;
  int16_t nparams = 0;
  if (!r.CString(&name) || !r.CString(&sql) || !r.Int16(&nparams) || nparams < 0) {
    return ProtocolViolation("invalid message format");
  }
  std::vector<TypeOid> hints;
  hints.reserve(static_cast<size_t>(nparams));
  for (int16_t i = 0; i < nparams; ++i) {
    int32_t oid = 0;
    if (!r.Int32(&oid)) return ProtocolViolation("invalid message format");
    hints.push_back(static_cast<TypeOid>(oid));
  }
  if (!r.AtEnd()) return ProtocolViolation("invalid message format");
  size_t valid = ValidUtf8Prefix(sql);
  if (valid != sql.size()) {
    return Status::Error(sqlstate::kCharacterNotInRepertoire, InvalidUtf8Message(sql, valid));
  }
  if (!name.empty() && statements_.count(name) != 0) {
    return Status::Error(sqlstate::kDuplicatePreparedStatement,
                         "prepared statement " + Quote(name) + " already exists");
  }
  std::shared_ptr<PreparedStatement> stmt;
  NANO_RETURN_IF_ERROR(session_->Prepare(sql, hints, &stmt));
  statements_[std::string(name)] = std::move(stmt);
  out_.Begin('1');
  out_.End();
  MaybeFlush();
  return Status::OK();
}

Status PgConnection::ConvertParam(size_t index, int16_t format, std::string_view bytes,
                                  TypeRef type, Value* out) {
  if (format == 1) {
    Status st = ParseBinary(bytes, type, out);
    if (!st.ok() && st.sqlstate() == sqlstate::kInvalidBinaryRepresentation) {
      return Status::Error(
          sqlstate::kInvalidBinaryRepresentation,
          "incorrect binary data format in bind parameter " + std::to_string(index + 1));
    }
    return st;
  }
  size_t valid = ValidUtf8Prefix(bytes);
  if (valid != bytes.size()) {
    return Status::Error(sqlstate::kCharacterNotInRepertoire, InvalidUtf8Message(bytes, valid));
  }
  if (type.oid == type::kUnknown || type.oid == type::kInvalid) {
    *out = Value::Text(std::string(bytes));
    return Status::OK();
  }
  return ParseText(bytes, type, fmt(), out);
}

Status PgConnection::HandleBind(std::string_view body) {
  MessageReader r(body);
  std::string_view portal_name;
  std::string_view stmt_name;
  int16_t nformats = 0;
  if (!r.CString(&portal_name) || !r.CString(&stmt_name) || !r.Int16(&nformats) || nformats < 0) {
    return ProtocolViolation("invalid message format");
  }
  std::vector<int16_t> formats(static_cast<size_t>(nformats));
  for (auto& f : formats) {
    if (!r.Int16(&f)) return ProtocolViolation("invalid message format");
  }
  int16_t nparams = 0;
  if (!r.Int16(&nparams) || nparams < 0) return ProtocolViolation("invalid message format");

  auto it = statements_.find(stmt_name);
  if (it == statements_.end()) {
    return Status::Error(sqlstate::kInvalidSqlStatementName,
                         stmt_name.empty()
                             ? std::string("unnamed prepared statement does not exist")
                             : "prepared statement " + Quote(stmt_name) + " does not exist");
  }
  std::shared_ptr<PreparedStatement> stmt = it->second;
  const std::vector<TypeRef>& types = stmt->param_types();
  if (nformats > 1 && nformats != nparams) {
    return ProtocolViolation("bind message has " + std::to_string(nformats) +
                             " parameter formats but " + std::to_string(nparams) + " parameters");
  }
  if (static_cast<size_t>(nparams) != types.size()) {
    return ProtocolViolation("bind message supplies " + std::to_string(nparams) +
                             " parameters, but prepared statement " + Quote(stmt_name) +
                             " requires " + std::to_string(types.size()));
  }
  std::vector<Value> params;
  params.reserve(types.size());
  for (int16_t i = 0; i < nparams; ++i) {
    int32_t len = 0;
    if (!r.Int32(&len) || len < -1) return ProtocolViolation("invalid message format");
    int16_t format = nformats == 0 ? 0 : formats[nformats == 1 ? 0 : static_cast<size_t>(i)];
    if (format != 0 && format != 1) {
      return ProtocolViolation("unsupported format code: " + std::to_string(format));
    }
    if (len == -1) {
      params.push_back(Value::Null(types[static_cast<size_t>(i)].oid));
      continue;
    }
    std::string_view bytes;
    if (!r.Bytes(static_cast<size_t>(len), &bytes))
      return ProtocolViolation("invalid message format");
    Value v;
    NANO_RETURN_IF_ERROR(
        ConvertParam(static_cast<size_t>(i), format, bytes, types[static_cast<size_t>(i)], &v));
    params.push_back(std::move(v));
  }
  int16_t nresult = 0;
  if (!r.Int16(&nresult) || nresult < 0) return ProtocolViolation("invalid message format");
  size_t ncols = stmt->result_columns().size();
  std::vector<int16_t> result_formats(ncols, 0);
  std::vector<int16_t> given(static_cast<size_t>(nresult));
  for (auto& f : given) {
    if (!r.Int16(&f)) return ProtocolViolation("invalid message format");
    if (f != 0 && f != 1) return ProtocolViolation("unsupported format code: " + std::to_string(f));
  }
  if (!r.AtEnd()) return ProtocolViolation("invalid message format");
  if (nresult == 1) {
    std::fill(result_formats.begin(), result_formats.end(), given[0]);
  } else if (nresult > 1) {
    if (static_cast<size_t>(nresult) != ncols) {
      return ProtocolViolation("bind message has " + std::to_string(nresult) +
                               " result formats but query has " + std::to_string(ncols) +
                               " columns");
    }
    result_formats = given;
  }
  if (!portal_name.empty() && portals_.count(portal_name) != 0) {
    return Status::Error(sqlstate::kDuplicateCursor,
                         "portal " + Quote(portal_name) + " already exists");
  }
  std::unique_ptr<Portal> portal;
  NANO_RETURN_IF_ERROR(session_->Bind(stmt, std::move(params), &portal));
  PortalEntry& entry = portals_[std::string(portal_name)];
  entry.portal = std::move(portal);
  entry.result_formats = std::move(result_formats);
  out_.Begin('2');
  out_.End();
  MaybeFlush();
  return Status::OK();
}

void PgConnection::SendRowDescription(const std::vector<ColumnDesc>& columns,
                                      const std::vector<int16_t>& formats) {
  out_.Begin('T');
  out_.Int16(static_cast<int16_t>(columns.size()));
  for (size_t i = 0; i < columns.size(); ++i) {
    const ColumnDesc& c = columns[i];
    out_.CString(c.name);
    out_.Int32(static_cast<int32_t>(c.table_oid));
    out_.Int16(c.column_number);
    out_.Int32(static_cast<int32_t>(c.type.oid));
    out_.Int16(c.typlen != 0 ? c.typlen : TypLen(c.type.oid));
    out_.Int32(c.type.typmod);
    out_.Int16(i < formats.size() ? formats[i] : 0);
  }
  out_.End();
  MaybeFlush();
}

Status PgConnection::HandleDescribe(std::string_view body) {
  MessageReader r(body);
  uint8_t kind = 0;
  std::string_view name;
  if (!r.Int8(&kind) || !r.CString(&name) || !r.AtEnd()) {
    return ProtocolViolation("invalid message format");
  }
  if (kind == 'S') {
    auto it = statements_.find(name);
    if (it == statements_.end()) {
      return Status::Error(sqlstate::kInvalidSqlStatementName,
                           name.empty() ? std::string("unnamed prepared statement does not exist")
                                        : "prepared statement " + Quote(name) + " does not exist");
    }
    const PreparedStatement& stmt = *it->second;
    out_.Begin('t');
    out_.Int16(static_cast<int16_t>(stmt.param_types().size()));
    for (const TypeRef& t : stmt.param_types()) out_.Int32(static_cast<int32_t>(t.oid));
    out_.End();
    if (stmt.returns_rows()) {
      SendRowDescription(stmt.result_columns(), {});
    } else {
      out_.Begin('n');
      out_.End();
    }
    return Status::OK();
  }
  if (kind == 'P') {
    auto it = portals_.find(name);
    if (it == portals_.end()) {
      return Status::Error(sqlstate::kInvalidCursorName,
                           "portal " + Quote(name) + " does not exist");
    }
    const PreparedStatement& stmt = it->second.portal->statement();
    if (stmt.returns_rows()) {
      SendRowDescription(stmt.result_columns(), it->second.result_formats);
    } else {
      out_.Begin('n');
      out_.End();
    }
    return Status::OK();
  }
  return ProtocolViolation("invalid DESCRIBE message subtype " + std::to_string(kind));
}

Status PgConnection::HandleExecute(std::string_view body) {
  MessageReader r(body);
  std::string_view name;
  int32_t max_rows = 0;
  if (!r.CString(&name) || !r.Int32(&max_rows) || !r.AtEnd()) {
    return ProtocolViolation("invalid message format");
  }
  auto it = portals_.find(name);
  if (it == portals_.end()) {
    return Status::Error(sqlstate::kInvalidCursorName, "portal " + Quote(name) + " does not exist");
  }
  extended_execute_ = true;
  result_formats_ = &it->second.result_formats;
  bool suspended = false;
  Status st = session_->ExecutePortal(it->second.portal.get(), max_rows > 0 ? max_rows : 0, this,
                                      &suspended);
  extended_execute_ = false;
  result_formats_ = nullptr;
  NANO_RETURN_IF_ERROR(st);
  if (suspended) {
    out_.Begin('s');
    out_.End();
  }
  MaybeFlush();
  return Status::OK();
}

Status PgConnection::HandleClose(std::string_view body) {
  MessageReader r(body);
  uint8_t kind = 0;
  std::string_view name;
  if (!r.Int8(&kind) || !r.CString(&name) || !r.AtEnd()) {
    return ProtocolViolation("invalid message format");
  }
  if (kind == 'S') {
    auto it = statements_.find(name);
    if (it != statements_.end()) statements_.erase(it);
  } else if (kind == 'P') {
    auto it = portals_.find(name);
    if (it != portals_.end()) portals_.erase(it);
  } else {
    return ProtocolViolation("invalid CLOSE message subtype " + std::to_string(kind));
  }
  out_.Begin('3');
  out_.End();
  MaybeFlush();
  return Status::OK();
}

void PgConnection::HandleSync() {
  ignore_till_sync_ = false;
  Status st = session_->Sync();
  if (!st.ok()) SendError(st);
  AfterTransactionMaybeEnded();
  SendReadyForQuery();
}

// ---------------------------------------------------------------------------
// ResultSink.

Status PgConnection::OnRowDescription(const std::vector<ColumnDesc>& columns) {
  if (extended_execute_) return Status::OK();  // Describe sends it in the extended protocol
  SendRowDescription(columns, {});
  return Status::OK();
}

Status PgConnection::OnRow(const Value* values, size_t count) {
  if (broken_) return Status::Error(sqlstate::kConnectionException, "connection to client lost");
  out_.Begin('D');
  out_.Int16(static_cast<int16_t>(count));
  for (size_t i = 0; i < count; ++i) {
    const Value& v = values[i];
    if (v.is_null()) {
      out_.Int32(-1);
      continue;
    }
    size_t len_at = out_.ReserveInt32();
    size_t start = out_.size();
    bool binary =
        result_formats_ != nullptr && i < result_formats_->size() && (*result_formats_)[i] == 1;
    if (binary) {
      scratch_.clear();
      Status st = FormatBinary(v, &scratch_);
      if (!st.ok()) {
        out_.Abort();
        return st;
      }
      out_.Bytes(scratch_);
    } else {
      FormatText(v, fmt(), out_.raw());
    }
    out_.PatchInt32(len_at, static_cast<int32_t>(out_.size() - start));
  }
  out_.End();
  MaybeFlush();
  if (broken_) return Status::Error(sqlstate::kConnectionException, "connection to client lost");
  return Status::OK();
}

Status PgConnection::OnCommandComplete(std::string_view tag) {
  out_.Begin('C');
  out_.CString(tag);
  out_.End();
  MaybeFlush();
  return Status::OK();
}

Status PgConnection::OnEmptyQuery() {
  out_.Begin('I');
  out_.End();
  return Status::OK();
}

void PgConnection::OnNotice(const ErrorInfo& notice) {
  SendNoticeLike('N', notice);
  MaybeFlush();
}

void PgConnection::OnParameterStatus(std::string_view name, std::string_view value) {
  out_.Begin('S');
  out_.CString(name);
  out_.CString(value);
  out_.End();
}

Status PgConnection::OnCopyInStart(const CopyInfo& info) {
  out_.Begin('G');
  out_.Int8(info.binary ? 1 : 0);
  out_.Int16(static_cast<int16_t>(info.column_count));
  for (int i = 0; i < info.column_count; ++i) out_.Int16(info.binary ? 1 : 0);
  out_.End();
  if (!Flush()) return Status::Error(sqlstate::kConnectionException, "connection to client lost");
  return Status::OK();
}

Status PgConnection::ReadCopyData(std::string* chunk, bool* done) {
  *done = false;
  std::string body;
  // Flush/Sync during COPY IN are ignored; bounded so a client cannot spin us.
  for (int skipped = 0; skipped < 1'000'000; ++skipped) {
    char type = 0;
    ReadResult r = io_.ReadMessage(&type, &body);
    if (r == ReadResult::kBadLength || r == ReadResult::kTooLarge) {
      broken_ = true;
      return ProtocolViolation("invalid message length");
    }
    if (r != ReadResult::kOk) {
      broken_ = true;
      return Status::Error(sqlstate::kConnectionException,
                           "unexpected EOF on client connection with an open transaction");
    }
    switch (type) {
      case 'd':
        *chunk = std::move(body);
        return Status::OK();
      case 'c':
        *done = true;
        return Status::OK();
      case 'f': {
        std::string_view msg(body);
        if (!msg.empty() && msg.back() == '\0') msg.remove_suffix(1);
        return Status::Error(sqlstate::kQueryCanceled,
                             "COPY from stdin failed: " + std::string(msg));
      }
      case 'H':
      case 'S':
        continue;
      default: {
        char msg[80];
        std::snprintf(msg, sizeof(msg), "unexpected message type 0x%02X during COPY from stdin",
                      static_cast<unsigned char>(type));
        return ProtocolViolation(msg);
      }
    }
  }
  return ProtocolViolation("too many messages without data during COPY from stdin");
}

Status PgConnection::OnCopyOutStart(const CopyInfo& info) {
  out_.Begin('H');
  out_.Int8(info.binary ? 1 : 0);
  out_.Int16(static_cast<int16_t>(info.column_count));
  for (int i = 0; i < info.column_count; ++i) out_.Int16(info.binary ? 1 : 0);
  out_.End();
  return Status::OK();
}

Status PgConnection::OnCopyData(std::string_view data) {
  out_.Begin('d');
  out_.Bytes(data);
  out_.End();
  MaybeFlush();
  if (broken_) return Status::Error(sqlstate::kConnectionException, "connection to client lost");
  return Status::OK();
}

Status PgConnection::OnCopyOutDone() {
  out_.Begin('c');
  out_.End();
  if (!Flush()) return Status::Error(sqlstate::kConnectionException, "connection to client lost");
  return Status::OK();
}

}  // namespace nano::pgwire
