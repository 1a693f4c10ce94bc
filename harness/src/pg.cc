// pg.cc — libpq helpers: URL parsing/building and a throwing connection.
#include "nano/harness/pg.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <cstdlib>
#include <utility>

#include "nano/harness/error.h"

namespace nano::harness {
namespace {

// RFC 3986 unreserved characters pass; everything else is %XX.
std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string ErrorFromResult(const PGresult* result, const char* fallback) {
  const char* message = result ? PQresultErrorMessage(result) : nullptr;
  std::string text = (message && *message) ? message : fallback;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

ConnInfo ParseUrl(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string message = error ? error : "out of memory";
    PQfreemem(error);
    throw HarnessError("invalid connection string '" + url + "': " + message);
  }
  ConnInfo info;
  for (PQconninfoOption* opt = options; opt->keyword != nullptr; ++opt) {
    if (opt->val == nullptr) continue;
    std::string key = opt->keyword;
    std::string val = opt->val;
    if (key == "host")
      info.host = val;
    else if (key == "hostaddr" && info.host.empty())
      info.host = val;
    else if (key == "port")
      info.port = std::atoi(val.c_str());
    else if (key == "user")
      info.user = val;
    else if (key == "password")
      info.password = val;
    else if (key == "dbname")
      info.dbname = val;
    else
      info.params[key] = val;
  }
  PQconninfoFree(options);
  if (info.host.empty()) info.host = "/var/run/postgresql";  // libpq's default socket dir
  if (info.port <= 0) info.port = 5432;
  return info;
}

std::string BuildUrl(const ConnInfo& info) {
  std::string url = "postgresql://";
  if (!info.user.empty()) {
    url.append(PercentEncode(info.user));
    if (!info.password.empty()) url.append(":").append(PercentEncode(info.password));
    url.push_back('@');
  }
  std::map<std::string, std::string> params = info.params;
  bool socket_dir = !info.host.empty() && info.host.front() == '/';
  if (socket_dir) {
    params["host"] = info.host;
    params["port"] = std::to_string(info.port);
  } else {
    // Appends, not operator+ on literals: GCC 12 warns falsely (-Wrestrict).
    bool ipv6 = info.host.find(':') != std::string::npos;
    if (ipv6) url.push_back('[');
    url.append(info.host);
    if (ipv6) url.push_back(']');
    url.push_back(':');
    url.append(std::to_string(info.port));
  }
  url.push_back('/');
  url.append(PercentEncode(info.dbname));
  char separator = '?';
  for (const auto& [key, value] : params) {
    url.push_back(separator);
    url.append(key).append("=").append(PercentEncode(value));
    separator = '&';
  }
  return url;
}

std::string UrlWithDatabase(const std::string& url, const std::string& database) {
  ConnInfo info = ParseUrl(url);
  info.dbname = database;
  return BuildUrl(info);
}

std::string QuoteIdent(std::string_view identifier) {
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

PgConnection::PgConnection(const std::string& url, std::chrono::milliseconds connect_timeout) {
  long long seconds = (connect_timeout.count() + 999) / 1000;
  if (seconds < 2) seconds = 2;  // libpq treats 1 as 2 anyway
  const std::string timeout = std::to_string(seconds);
  const char* keys[] = {"dbname", "connect_timeout", nullptr};
  const char* values[] = {url.c_str(), timeout.c_str(), nullptr};
  // expand_dbname=1: the URL supplies everything; connect_timeout is added.
  conn_ = PQconnectdbParams(keys, values, 1);
  if (conn_ == nullptr) throw HarnessError("libpq: out of memory connecting to " + url);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn_);
    conn_ = nullptr;
    throw HarnessError("cannot connect to " + url + ": " + message);
  }
  // Keep NOTICEs (e.g. "database does not exist, skipping") off stderr.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)) {}

PgConnection& PgConnection::operator=(PgConnection&& other) noexcept {
  if (this != &other) {
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = std::exchange(other.conn_, nullptr);
  }
  return *this;
}

void PgConnection::CloseAndWait(std::chrono::milliseconds timeout) {
  if (conn_ == nullptr) return;
  // Keep our own reference to the socket: PQfinish sends Terminate and closes
  // libpq's descriptor; ours then sees EOF once the server closes its side,
  // which both PostgreSQL and Nano do after the session is torn down.
  int fd = fcntl(PQsocket(conn_), F_DUPFD_CLOEXEC, 0);
  PQfinish(conn_);
  conn_ = nullptr;
  if (fd < 0) return;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // Bounded by the deadline; each pass blocks in poll until data/EOF/timeout.
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd pfd{fd, POLLIN, 0};
    int ready = poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    char discard[512];
    ssize_t n = read(fd, discard, sizeof(discard));
    if (n <= 0 && !(n < 0 && errno == EINTR)) break;  // EOF or error: closed
  }
  close(fd);
}

void PgConnection::Exec(const std::string& sql) { QueryScalar(sql); }

std::string PgConnection::QueryScalar(const std::string& sql) {
  assert(conn_ != nullptr);
  if (!PQsendQuery(conn_, sql.c_str())) {
    throw HarnessError("cannot send query: " + std::string(PQerrorMessage(conn_)));
  }
  // Drain every result (multi-statement strings yield several); remember the
  // first error and the last scalar.
  std::string scalar, error, sqlstate;
  for (PGresult* result = PQgetResult(conn_); result != nullptr; result = PQgetResult(conn_)) {
    ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_FATAL_ERROR && error.empty()) {
      error = ErrorFromResult(result, "query failed");
      const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
      sqlstate = state ? state : "";
    } else if (status == PGRES_TUPLES_OK) {
      scalar = (PQntuples(result) > 0 && PQnfields(result) > 0 && !PQgetisnull(result, 0, 0))
                   ? PQgetvalue(result, 0, 0)
                   : "";
    } else if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
      PQclear(result);
      throw HarnessError("COPY is not supported in harness SQL: " + sql.substr(0, 200));
    }
    PQclear(result);
  }
  if (PQstatus(conn_) != CONNECTION_OK && error.empty()) {
    error = PQerrorMessage(conn_);
  }
  if (!error.empty()) {
    std::string shown = sql.size() > 200 ? sql.substr(0, 200) + "..." : sql;
    throw HarnessError("SQL failed (" + (sqlstate.empty() ? "no SQLSTATE" : sqlstate) +
                           "): " + error + " [in: " + shown + "]",
                       {}, sqlstate);
  }
  return scalar;
}

}  // namespace nano::harness
