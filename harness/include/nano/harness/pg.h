// nano/harness/pg.h — the small slice of libpq the harness needs.
//
// Contract
//  * ConnInfo/ParseUrl/BuildUrl: PostgreSQL URLs (postgresql://...) and
//    key=value strings are parsed with libpq's own PQconninfoParse, so any
//    form libpq accepts works; BuildUrl always produces a postgresql:// URL
//    (unix-socket hosts go in the ?host= parameter). Throws HarnessError on
//    malformed input.
//  * PgConnection owns one libpq connection; it is movable, not copyable, and
//    used by one thread at a time. Exec runs one simple-query string (several
//    statements allowed) and throws HarnessError carrying the SQLSTATE, the
//    server's message and the statement when anything fails.
//  * QuoteIdent double-quotes an identifier the PostgreSQL way.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>

struct pg_conn;

namespace nano::harness {

struct ConnInfo {
  std::string host;  // hostname, IP, or a unix-socket directory
  int port = 5432;
  std::string user;
  std::string password;
  std::string dbname;
  std::map<std::string, std::string> params;  // other libpq keywords
};

ConnInfo ParseUrl(const std::string& url);
std::string BuildUrl(const ConnInfo& info);
// `url` with its database replaced by `database`.
std::string UrlWithDatabase(const std::string& url, const std::string& database);
std::string QuoteIdent(std::string_view identifier);

class PgConnection {
 public:
  // Connects or throws HarnessError (with libpq's message). The timeout is
  // rounded up to whole seconds (libpq's connect_timeout unit).
  explicit PgConnection(const std::string& url,
                        std::chrono::milliseconds connect_timeout = std::chrono::seconds(10));
  ~PgConnection();
  PgConnection(PgConnection&& other) noexcept;
  PgConnection& operator=(PgConnection&& other) noexcept;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Closes the connection and waits (up to `timeout`, event-driven) until the
  // server has closed its end, i.e. the server-side session is gone. Needed
  // before using the database as a template: servers refuse to clone a
  // database that still has sessions, and a plain close is asynchronous.
  void CloseAndWait(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  void Exec(const std::string& sql);
  // First column of the first row of the last result, as text ("" if NULL or
  // no rows).
  std::string QueryScalar(const std::string& sql);

 private:
  pg_conn* conn_ = nullptr;
};

}  // namespace nano::harness
