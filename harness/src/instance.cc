// instance.cc — spawn, ready, confirm, seed, clone and teardown of a server.
#include "nano/harness/instance.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <utility>
#include <vector>

extern char** environ;

namespace nano::harness {
namespace {

using Clock = std::chrono::steady_clock;

// The descriptor number the server writes its ready JSON to.
constexpr int kReadyFd = 3;
// A ready line is ~200 bytes; anything near this bound is not a ready line.
constexpr size_t kMaxReadyBytes = 64 * 1024;
constexpr int kDefaultTailLines = 30;

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsHeliodump(const std::string& path) { return EndsWith(path, ".heliodump"); }

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    return std::string("was killed by signal ") + strsignal(WTERMSIG(status));
  }
  return "stopped unexpectedly";
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HarnessError("cannot read seed file " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string TempLogPath() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/nano-server-XXXXXX.log";
  int fd = mkstemps(path.data(), 4);
  if (fd < 0)
    throw HarnessError("cannot create a log file in " + path + ": " + std::strerror(errno));
  close(fd);
  return path;
}

int PidfdOpen(pid_t pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }

// Milliseconds left until `deadline`, rounded up (poll must not wake early),
// never negative.
int RemainingMs(Clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

Instance::Instance(Options options) : options_(std::move(options)) {}

Instance::~Instance() { Stop(); }

std::string Instance::UniqueName(const std::string& prefix) {
  static std::atomic<uint64_t> counter{0};
  static thread_local std::mt19937_64 random{std::random_device{}()};
  char suffix[64];
  std::snprintf(suffix, sizeof(suffix), "_%d_%llu_%08x", static_cast<int>(getpid()),
                static_cast<unsigned long long>(counter.fetch_add(1)),
                static_cast<unsigned>(random() & 0xffffffffu));
  return prefix + suffix;
}

void Instance::Start() {
  if (running_) throw HarnessError("Instance::Start: already running");
  if (!options_.seed_sql.empty() && !options_.seed_file.empty()) {
    throw HarnessError("Options: set seed_sql or seed_file, not both");
  }
  external_url_ = ExternalUrlFor(options_);
  if (external()) {
    StartExternal();
  } else {
    StartSpawned();
  }
  running_ = true;
  try {
    std::lock_guard<std::mutex> lock(mu_);
    BuildTemplate();
  } catch (const HarnessError& e) {
    std::string tail = LogTail(kDefaultTailLines);
    Stop();
    throw HarnessError("seeding failed: " + e.reason(), tail, e.sqlstate());
  }
}

void Instance::StartExternal() {
  server_url_ = external_url_;
  try {
    std::lock_guard<std::mutex> lock(mu_);
    admin_ = std::make_unique<PgConnection>(server_url_, options_.startup_timeout);
    if (admin_->QueryScalar("SELECT 1") != "1") {
      throw HarnessError("SELECT 1 did not return 1");
    }
  } catch (const HarnessError& e) {
    admin_.reset();
    throw HarnessError("external server " + server_url_ + " is not usable: " + e.reason(), {},
                       e.sqlstate());
  }
  ConnInfo info = ParseUrl(server_url_);
  pg_ = Endpoint{info.host, info.port};
}

void Instance::StartSpawned() {
  const Clock::time_point deadline = Clock::now() + options_.startup_timeout;
  binary_ = FindServerBinary(options_.binary);
  log_is_temp_ = options_.log_path.empty();
  log_path_ = log_is_temp_ ? TempLogPath() : options_.log_path;

  std::vector<std::string> args = {binary_, "start"};
  if (options_.data_dir.empty()) {
    args.push_back("--memory");
  } else {
    args.insert(args.end(), {"--data-dir", options_.data_dir});
  }
  args.insert(args.end(), {"--port", "0"});
  if (options_.http) {
    args.insert(args.end(), {"--http-port", "0"});
  } else {
    args.push_back("--no-http");
  }
  if (options_.mysql) args.insert(args.end(), {"--mysql", "--mysql-port", "0"});
  args.insert(args.end(), {"--auth", options_.auth, "--user", options_.user});
  if (!options_.password.empty()) args.insert(args.end(), {"--password", options_.password});
  args.insert(args.end(), {"--ready-fd", std::to_string(kReadyFd)});
  if (options_.exit_with_parent) args.push_back("--exit-with-parent");
  if (IsHeliodump(options_.seed_file)) args.insert(args.end(), {"--restore", options_.seed_file});
  args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    throw HarnessError(std::string("pipe2 failed: ") + std::strerror(errno));
  }
  // Move the write end above the stdio/ready numbers so the file actions
  // below cannot clobber it before it is dup2'ed to kReadyFd.
  int write_fd = fcntl(pipe_fds[1], F_DUPFD_CLOEXEC, 10);
  close(pipe_fds[1]);
  const int read_fd = pipe_fds[0];
  if (write_fd < 0) {
    close(read_fd);
    throw HarnessError(std::string("fcntl(F_DUPFD_CLOEXEC) failed: ") + std::strerror(errno));
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_adddup2(&actions, write_fd, kReadyFd);  // dup2 clears CLOEXEC
  posix_spawn_file_actions_addclosefrom_np(&actions, kReadyFd + 1);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t empty_mask, default_signals;
  sigemptyset(&empty_mask);
  sigemptyset(&default_signals);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGCHLD})
    sigaddset(&default_signals, sig);
  posix_spawnattr_setsigmask(&attr, &empty_mask);
  posix_spawnattr_setsigdefault(&attr, &default_signals);
  posix_spawnattr_setpgroup(&attr, 0);  // its own process group, led by itself
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t child = 0;
  int rc = posix_spawn(&child, binary_.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(write_fd);  // ours must go, or EOF never comes when the server dies
  if (rc != 0) {
    close(read_fd);
    FailStart("cannot execute " + binary_ + ": " + std::strerror(rc));
  }
  pid_ = child;

  std::string json;
  try {
    json = ReadReadyJson(read_fd, deadline);
  } catch (...) {
    close(read_fd);
    throw;
  }
  close(read_fd);
  ParseReadyJson(json);
  ConfirmReady(deadline);
}

std::string Instance::ReadReadyJson(int read_fd, Clock::time_point deadline) {
  std::string buffer;
  // Bounded: every iteration either reads >= 1 byte (capped by
  // kMaxReadyBytes), or ends the loop on EOF/timeout/error.
  while (buffer.size() < kMaxReadyBytes) {
    pollfd pfd{read_fd, POLLIN, 0};
    int ready = poll(&pfd, 1, RemainingMs(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0)
      FailStart(std::string("poll on the ready descriptor failed: ") + std::strerror(errno));
    if (ready == 0) {
      FailStart("server not ready within " + std::to_string(options_.startup_timeout.count()) +
                " ms (no ready JSON on --ready-fd)");
    }
    char chunk[4096];
    ssize_t n = read(read_fd, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      FailStart(std::string("reading the ready descriptor failed: ") + std::strerror(errno));
    if (n == 0) {
      // EOF comes when the child's descriptors close, a moment before it
      // becomes a zombie: wait (bounded) for the exit itself before telling
      // "exited" apart from "closed the descriptor and kept running".
      if (int pidfd = PidfdOpen(pid_); pidfd >= 0) {
        pollfd exit_pfd{pidfd, POLLIN, 0};
        poll(&exit_pfd, 1, std::min(RemainingMs(deadline), 2000));
        close(pidfd);
      }
      int status = 0;
      pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        pid_ = 0;  // reaped; nothing left to kill but strays in its group
        FailStart("server " + DescribeWaitStatus(status) + " during startup, before it was ready");
      }
      FailStart("server closed the ready descriptor without writing the ready JSON");
    }
    buffer.append(chunk, static_cast<size_t>(n));
    size_t newline = buffer.find('\n');
    if (newline != std::string::npos) return buffer.substr(0, newline);
  }
  FailStart("ready descriptor sent more than 64 KiB without a newline");
}

void Instance::ParseReadyJson(const std::string& text) {
  ready_json_ = text;
  try {
    nlohmann::json json = nlohmann::json::parse(text);
    auto endpoint = [&](const char* key) -> std::optional<Endpoint> {
      if (!json.contains(key) || json[key].is_null()) return std::nullopt;
      return Endpoint{json[key].at("host").get<std::string>(), json[key].at("port").get<int>()};
    };
    pg_ = endpoint("pg");
    http_ = endpoint("http");
    mysql_ = endpoint("mysql");
    server_url_ = json.at("url").get<std::string>();
  } catch (const std::exception& e) {
    FailStart("bad ready JSON '" + text + "': " + e.what());
  }
  if (!pg_) FailStart("ready JSON has no pg endpoint: " + text);
  if (!options_.password.empty()) {
    ConnInfo info = ParseUrl(server_url_);
    info.password = options_.password;
    server_url_ = BuildUrl(info);
  }
}

void Instance::ConfirmReady(Clock::time_point deadline) {
  try {
    std::lock_guard<std::mutex> lock(mu_);
    auto timeout = std::chrono::milliseconds(std::max(RemainingMs(deadline), 1));
    admin_ = std::make_unique<PgConnection>(server_url_, timeout);
    std::string one = admin_->QueryScalar("SELECT 1");
    if (one != "1") throw HarnessError("SELECT 1 returned '" + one + "'");
  } catch (const HarnessError& e) {
    admin_.reset();
    FailStart("server reported ready but the confirming query failed: " + e.reason());
  }
}

void Instance::FailStart(const std::string& reason) {
  admin_.reset();
  KillAndReap(/*graceful=*/false);
  std::string tail = log_path_.empty() ? std::string() : LogTail(kDefaultTailLines);
  running_ = false;
  std::string where = binary_.empty() ? std::string() : " [" + binary_ + ", log " + log_path_ + "]";
  throw HarnessError(reason + where, tail);
}

void Instance::KillAndReap(bool graceful) noexcept {
  if (pid_ <= 0) return;
  int pidfd = PidfdOpen(pid_);
  bool exited = false;
  if (graceful && pidfd >= 0) {
    kill(-pid_, SIGTERM);
    auto deadline = Clock::now() + options_.stop_grace;
    // Bounded by the deadline: poll returns on exit, timeout, or EINTR.
    while (!exited) {
      pollfd pfd{pidfd, POLLIN, 0};
      int ready = poll(&pfd, 1, RemainingMs(deadline));
      if (ready > 0)
        exited = true;
      else if (ready == 0 || errno != EINTR)
        break;
    }
  }
  // The group may hold helpers even when the leader is gone; the leader is
  // not reaped yet, so the group id cannot have been reused.
  kill(-pid_, SIGKILL);
  if (pidfd >= 0) close(pidfd);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = 0;
}

void Instance::Stop() noexcept {
  if (!running_ && pid_ == 0) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (external() && admin_) {
      // Our databases on someone else's server: leave nothing behind.
      for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
        try {
          DropDatabaseLocked(*it, /*force=*/true);
        } catch (const std::exception&) {
          // Best effort: Stop must not throw.
        }
      }
    }
    created_.clear();
    admin_.reset();
  }
  KillAndReap(/*graceful=*/true);
  if (log_is_temp_ && !log_path_.empty()) unlink(log_path_.c_str());
  log_path_.clear();
  log_is_temp_ = false;
  template_name_.clear();
  working_db_.clear();
  running_ = false;
}

void Instance::Restart() {
  Stop();
  Start();
}

pid_t Instance::Release() {
  std::lock_guard<std::mutex> lock(mu_);
  admin_.reset();
  pid_t released = pid_;
  pid_ = 0;
  log_is_temp_ = false;  // the log belongs to the released server now
  running_ = false;
  return released;
}

std::string Instance::PgUrl(const std::string& database) const {
  if (server_url_.empty()) throw HarnessError("Instance::PgUrl: not started");
  if (!database.empty()) return UrlWithDatabase(server_url_, database);
  if (!working_db_.empty()) return UrlWithDatabase(server_url_, working_db_);
  return server_url_;
}

Endpoint Instance::Address(Protocol protocol) const {
  const std::optional<Endpoint>* endpoint = &pg_;
  const char* name = "pg";
  if (protocol == Protocol::kHttp) endpoint = &http_, name = "http";
  if (protocol == Protocol::kMysql) endpoint = &mysql_, name = "mysql";
  if (!endpoint->has_value()) {
    throw HarnessError(std::string("protocol ") + name + " is not enabled on this instance");
  }
  return **endpoint;
}

std::string Instance::LogTail(int lines) const {
  if (log_path_.empty() || lines <= 0) return {};
  std::ifstream in(log_path_, std::ios::binary);
  if (!in) return {};
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  std::streamoff start = size > 65536 ? size - 65536 : 0;
  in.seekg(start);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  int found = 0;
  while (pos > 0 && found < lines) {
    size_t nl = text.rfind('\n', pos - 1);
    if (nl == std::string::npos) {
      pos = 0;
      break;
    }
    pos = nl;
    ++found;
    if (found == lines) {
      ++pos;
      break;
    }
  }
  return text.substr(pos);
}

PgConnection& Instance::Admin() {
  if (!admin_) {
    if (server_url_.empty()) throw HarnessError("Instance: not started");
    admin_ = std::make_unique<PgConnection>(server_url_);
  }
  return *admin_;
}

// Runs `sql` on the admin connection, reconnecting once if the connection
// itself broke (a server restart, an idle timeout on an external server).
void Instance::AdminExec(const std::string& sql) {
  try {
    Admin().Exec(sql);
  } catch (const HarnessError& e) {
    if (!e.sqlstate().empty()) throw;
    admin_.reset();
    Admin().Exec(sql);
  }
}

void Instance::CreateDatabase(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  AdminExec("CREATE DATABASE " + QuoteIdent(name));
  if (external()) created_.push_back(name);
}

void Instance::CloneDatabase(const std::string& source, const std::string& target) {
  std::lock_guard<std::mutex> lock(mu_);
  AdminExec("CREATE DATABASE " + QuoteIdent(target) + " TEMPLATE " + QuoteIdent(source));
  if (external()) created_.push_back(target);
}

void Instance::DropDatabase(const std::string& name, bool force) {
  std::lock_guard<std::mutex> lock(mu_);
  DropDatabaseLocked(name, force);
}

void Instance::DropDatabaseLocked(const std::string& name, bool force) {
  const std::string drop = "DROP DATABASE IF EXISTS " + QuoteIdent(name);
  if (force) {
    try {
      AdminExec(drop + " WITH (FORCE)");
    } catch (const HarnessError& e) {
      // A server without WITH (FORCE) support: fall back to the plain form.
      if (e.sqlstate() != "42601" && e.sqlstate() != "0A000") throw;
      AdminExec(drop);
    }
  } else {
    AdminExec(drop);
  }
  std::erase(created_, name);
}

void Instance::ExecSql(const std::string& database, const std::string& sql) {
  if (database.empty()) {
    std::lock_guard<std::mutex> lock(mu_);
    AdminExec(sql);
    return;
  }
  // A short-lived connection: a lingering one would block cloning the
  // database on PostgreSQL ("being accessed by other users").
  PgConnection conn(PgUrl(database));
  conn.Exec(sql);
  conn.CloseAndWait();
}

void Instance::ApplySeedTo(const std::string& database, const std::string& seed_sql,
                           const std::string& seed_file) {
  std::string sql = seed_sql;
  if (!seed_file.empty()) sql = ReadWholeFile(seed_file);
  if (sql.empty()) return;
  PgConnection conn(PgUrl(database));
  conn.Exec(sql);
  conn.CloseAndWait();
}

// Callers hold mu_. Creates and seeds a fresh template; returns its name.
// On failure the half-built template is dropped and the error rethrown.
std::string Instance::CreateSeededTemplate(const std::string& seed_sql,
                                           const std::string& seed_file) {
  std::string name = UniqueName("nano_tpl");
  AdminExec("CREATE DATABASE " + QuoteIdent(name));
  if (external()) created_.push_back(name);
  try {
    ApplySeedTo(name, seed_sql, seed_file);
  } catch (...) {
    DropDatabaseLocked(name, /*force=*/true);
    throw;
  }
  return name;
}

// Callers hold mu_. (Re)creates the working database from the template.
void Instance::CloneWorkingDatabase() {
  if (working_db_.empty()) return;
  DropDatabaseLocked(working_db_, /*force=*/true);
  AdminExec("CREATE DATABASE " + QuoteIdent(working_db_) + " TEMPLATE " +
            QuoteIdent(template_name_));
  if (external()) created_.push_back(working_db_);
}

// Callers hold mu_. Builds the seeded template and the working database.
void Instance::BuildTemplate() {
  const bool seeded = !options_.seed_sql.empty() || !options_.seed_file.empty();
  if (!seeded && options_.database.empty()) return;
  if (IsHeliodump(options_.seed_file)) {
    if (external()) throw HarnessError(".heliodump seeds need a spawned server (--restore)");
    // --restore loaded the dump into the server's default database.
    template_name_ = ParseUrl(server_url_).dbname;
  } else {
    template_name_ = CreateSeededTemplate(options_.seed_sql, options_.seed_file);
  }
  if (options_.database.empty()) return;
  // On someone else's server, never touch a database we did not create.
  working_db_ = external() ? UniqueName(options_.database) : options_.database;
  CloneWorkingDatabase();
}

void Instance::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  if (working_db_.empty())
    throw HarnessError("Instance::Reset: no working database (Options::database)");
  CloneWorkingDatabase();
}

void Instance::Reseed(const std::string& seed_sql, const std::string& seed_file) {
  if (IsHeliodump(seed_file)) {
    throw HarnessError("a .heliodump seed is loaded at server start; restart to change it");
  }
  std::lock_guard<std::mutex> lock(mu_);
  // Build the new template first: a broken seed leaves the old state intact.
  std::string fresh = CreateSeededTemplate(seed_sql, seed_file);
  std::string old = template_name_;
  template_name_ = fresh;
  CloneWorkingDatabase();
  if (!old.empty() && !IsHeliodump(options_.seed_file)) DropDatabaseLocked(old, /*force=*/true);
  options_.seed_sql = seed_sql;
  options_.seed_file = seed_file;
}

}  // namespace nano::harness
