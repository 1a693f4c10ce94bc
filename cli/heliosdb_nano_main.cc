// cli/heliosdb_nano_main.cc — the `heliosdb-nano` command line (DESIGN.md §3).
//
//   heliosdb-nano start (--memory | --data-dir DIR) [options]
//   heliosdb-nano repl (--memory | --data-dir DIR)
//   heliosdb-nano dump --data-dir DIR [--output F]
//   heliosdb-nano restore --input F --target DIR [--verify] [--force]
//   heliosdb-nano stop|status [--pid-file F]
//
// Exit codes: 0 success; 1 runtime error (cannot bind, engine failure,
// feature not in this build, `dump --memory`, no server to stop); 2 usage
// error (bad or conflicting options); `status` exits 3 when no server runs
// (as pg_ctl does). Every error is one line on stderr. Machines read the
// ready JSON (--ready-file / --ready-fd), never the human banner.
//
// Defaults chosen here (documented in --help):
//   * --pid-file defaults to ./heliosdb-nano.pid for start --daemon, stop
//     and status (a foreground start writes none unless asked).
//   * --daemon without --log-file sends the server's output to /dev/null.
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "server/auth/auth.h"
#include "server/server.h"
#include "session/engine.h"
#include "tools/dump.h"
#include "tools/repl.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitUsage = 2;
constexpr int kExitNotRunning = 3;
constexpr char kDefaultPidFile[] = "heliosdb-nano.pid";
constexpr int kStopTimeoutMs = 60'000;

// Thrown inside main's helpers to leave with a code and one stderr line.
struct Exit {
  int code;
  std::string message;
};

[[noreturn]] void Usage(std::string message) { throw Exit{kExitUsage, std::move(message)}; }
[[noreturn]] void Runtime(std::string message) { throw Exit{kExitRuntime, std::move(message)}; }

struct ModeArgs {
  bool memory = false;
  std::string data_dir;
};

void AddModeOptions(CLI::App* cmd, ModeArgs* m) {
  cmd->add_flag("--memory", m->memory, "Keep everything in RAM (nothing touches the disk)");
  cmd->add_option("--data-dir", m->data_dir, "Durable storage directory");
}

nano::EngineOptions CheckMode(const ModeArgs& m) {
  if (!m.memory && m.data_dir.empty()) Usage("Either --data-dir or --memory must be specified");
  if (m.memory && !m.data_dir.empty()) Usage("--data-dir and --memory are mutually exclusive");
  nano::EngineOptions o;
  o.in_memory = m.memory;
  o.data_dir = m.data_dir;
  return o;
}

// "512MB", "4GiB", "1g", "65536" -> bytes (1024-based, as PostgreSQL's units).
uint64_t ParseSize(const std::string& text) {
  size_t pos = 0;
  uint64_t n = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    if (n > (UINT64_MAX - 9) / 10) Usage("invalid --max-memory value \"" + text + "\": too large");
    n = n * 10 + static_cast<uint64_t>(text[pos] - '0');
    ++pos;
  }
  std::string unit = text.substr(pos);
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  uint64_t mult = 0;
  if (unit.empty() || unit == "b")
    mult = 1;
  else if (unit == "k" || unit == "kb" || unit == "kib")
    mult = 1ull << 10;
  else if (unit == "m" || unit == "mb" || unit == "mib")
    mult = 1ull << 20;
  else if (unit == "g" || unit == "gb" || unit == "gib")
    mult = 1ull << 30;
  else if (unit == "t" || unit == "tb" || unit == "tib")
    mult = 1ull << 40;
  if (pos == 0 || mult == 0) {
    Usage("invalid --max-memory value \"" + text + "\": expected a size such as 512MB or 4GB");
  }
  if (n > UINT64_MAX / mult) Usage("invalid --max-memory value \"" + text + "\": too large");
  return n * mult;
}

std::string ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  if (!in) Runtime("could not read password file \"" + path + "\": " + std::strerror(errno));
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Writes `content` to `path` atomically (temporary file + rename).
void WriteFileAtomically(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) Runtime("could not write \"" + tmp + "\": " + std::strerror(errno));
  size_t off = 0;
  while (off < content.size()) {
    ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      Runtime("could not write \"" + tmp + "\": " + std::strerror(err));
    }
    off += static_cast<size_t>(n);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    Runtime("could not rename \"" + tmp + "\" to \"" + path + "\": " + std::strerror(err));
  }
}

bool WriteAllFd(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

struct StartArgs {
  ModeArgs mode;
  int port = 5432;
  std::string listen = "127.0.0.1";
  int http_port = 8080;
  bool no_http = false;
  bool mysql = false;
  int mysql_port = 3306;
  std::string auth = "trust";
  std::string user = "postgres";
  std::string password;
  std::string password_file;
  bool daemon = false;
  std::string pid_file;
  std::string log_file;
  bool dump_on_shutdown = false;
  std::string dump_file = "./shutdown_dump.heliodump";
  std::string restore;
  std::string ready_file;
  int ready_fd = -1;
  bool exit_with_parent = false;
  int max_connections = 100;
  std::string max_memory;
};

// Where the daemonised server reports "ready" or its failure to the waiting
// foreground process: 'R' + URL, or 'E' + message.
int g_daemon_report_fd = -1;

void DaemonReport(char kind, const std::string& text) {
  if (g_daemon_report_fd < 0) return;
  WriteAllFd(g_daemon_report_fd, std::string(1, kind) + text);
  ::close(g_daemon_report_fd);
  g_daemon_report_fd = -1;
}

// Foreground side of --daemon: waits for the grandchild's report.
[[noreturn]] void DaemonParentWait(int read_fd, pid_t child) {
  std::string report;
  char buf[4096];
  for (;;) {  // ends at EOF: the daemon closes its end after reporting or dying
    ssize_t n = ::read(read_fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    report.append(buf, static_cast<size_t>(n));
  }
  int status = 0;
  ::waitpid(child, &status, 0);  // the intermediate child exits right away
  if (!report.empty() && report[0] == 'R') {
    std::cout << report.substr(1) << std::endl;
    std::exit(kExitOk);
  }
  if (!report.empty() && report[0] == 'E') {
    std::cerr << report.substr(1) << std::endl;
    std::exit(kExitRuntime);
  }
  std::cerr << "server exited before it was ready" << std::endl;
  std::exit(kExitRuntime);
}

void Daemonize(const StartArgs& a) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0)
    Runtime(std::string("could not create pipe: ") + std::strerror(errno));
  std::cout.flush();
  std::cerr.flush();
  pid_t pid = ::fork();
  if (pid < 0) Runtime(std::string("could not fork: ") + std::strerror(errno));
  if (pid > 0) {
    ::close(p[1]);
    DaemonParentWait(p[0], pid);
  }
  ::close(p[0]);
  ::setsid();
  pid_t pid2 = ::fork();
  if (pid2 < 0) _exit(kExitRuntime);
  if (pid2 > 0) _exit(kExitOk);  // the grandchild is reparented to init
  g_daemon_report_fd = p[1];
  int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
  int log = devnull;
  if (!a.log_file.empty()) {
    log = ::open(a.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) Runtime("could not open log file \"" + a.log_file + "\": " + std::strerror(errno));
  }
  if (log >= 0) {
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
  }
}

int RunStart(StartArgs& a, pid_t original_parent) {
  nano::ServerOptions o;
  o.engine = CheckMode(a.mode);
  if (!a.max_memory.empty()) o.engine.max_memory_bytes = ParseSize(a.max_memory);
  nano::auth::AuthMethod method;
  if (!nano::auth::ParseAuthMethod(a.auth, &method))
    Usage("invalid --auth method \"" + a.auth + "\"");
  if (!a.password.empty() && !a.password_file.empty()) {
    Usage("--password and --password-file are mutually exclusive");
  }
  if (method != nano::auth::AuthMethod::kTrust && a.password.empty() && a.password_file.empty()) {
    Usage("--auth " + a.auth + " requires --password or --password-file");
  }
  if (a.ready_fd >= 0 && ::fcntl(a.ready_fd, F_GETFD) < 0) {
    Usage("--ready-fd " + std::to_string(a.ready_fd) + " is not an open file descriptor");
  }
  if (a.mysql) Runtime("MySQL wire protocol is not available in this build");
  if (!a.restore.empty()) {
    // A disk-mode server restores only into a new (missing or empty) data
    // directory: loading a dump over existing databases would merge them.
    if (!o.engine.in_memory && !nano::dump::DirectoryMissingOrEmpty(o.engine.data_dir)) {
      Usage("--restore with --data-dir needs an empty data directory; \"" + o.engine.data_dir +
            "\" is not empty");
    }
    if (::access(a.restore.c_str(), R_OK) != 0) {
      Runtime("cannot read dump \"" + a.restore + "\": " + std::strerror(errno));
    }
    if (!o.engine.in_memory) {
      // Check the file before the engine creates the directory, so a bad
      // dump leaves nothing behind.
      nano::Status verified = nano::dump::VerifyDump(a.restore);
      if (!verified.ok())
        Runtime("--restore " + a.restore + ": " + std::string(verified.message()));
    }
    o.restore_before_accept = [path = a.restore](nano::Engine* engine) {
      nano::Status st = nano::dump::LoadDump(engine, path);
      if (!st.ok())
        return nano::Status::Error(st.sqlstate(),
                                   "--restore " + path + ": " + std::string(st.message()));
      return st;
    };
  }
  if (a.dump_on_shutdown) {
    o.dump_on_shutdown = [path = a.dump_file](nano::Engine* engine) {
      nano::dump::Summary sum;
      nano::Status st = nano::dump::DumpEngine(engine, path, &sum);
      if (!st.ok()) {
        return nano::Status::Error(st.sqlstate(),
                                   "dump on shutdown failed: " + std::string(st.message()));
      }
      std::cerr << "wrote " << path << " (" << sum.databases.size() << " databases, " << sum.rows
                << " rows, " << sum.bytes << " bytes)" << std::endl;
      return st;
    };
  }
  std::string password = a.password_file.empty() ? a.password : ReadFirstLine(a.password_file);
  if (method != nano::auth::AuthMethod::kTrust && password.empty()) {
    Usage("--auth " + a.auth + " requires a non-empty password");
  }
  nano::Status st = nano::auth::AuthConfig::Make(method, a.user, password, &o.auth);
  if (!st.ok()) Usage(std::string(st.message()));
  o.listen_address = a.listen;
  o.pg_port = a.port;
  o.http_enabled = !a.no_http;
  o.http_port = a.http_port;
  o.max_connections = a.max_connections;

  if (a.ready_fd >= 0) ::fcntl(a.ready_fd, F_SETFD, FD_CLOEXEC);
  if (a.daemon) {
    if (a.pid_file.empty()) a.pid_file = kDefaultPidFile;
    Daemonize(a);
  }
  if (a.exit_with_parent && !a.daemon) {
    // Set first, then check: the parent may have died before prctl ran.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != original_parent) Runtime("parent process exited before the server started");
  }
  // A stale ready file from an earlier run must not look like our readiness.
  if (!a.ready_file.empty()) ::unlink(a.ready_file.c_str());

  nano::Server::BlockShutdownSignals();
  nano::Server server(std::move(o));
  st = server.Start();
  if (!st.ok()) Runtime(std::string(st.message()));

  if (!a.pid_file.empty()) WriteFileAtomically(a.pid_file, std::to_string(::getpid()) + "\n");
  std::string json = server.ReadyJson();
  if (!a.ready_file.empty()) WriteFileAtomically(a.ready_file, json + "\n");
  if (a.ready_fd >= 0) {
    WriteAllFd(a.ready_fd, json + "\n");
    ::close(a.ready_fd);
  }
  std::cerr << server.Banner() << std::endl;
  DaemonReport('R', server.Url());

  int sig = server.WaitForShutdownSignal();
  std::cerr << "received " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ", shutting down"
            << std::endl;
  st = server.Shutdown();
  if (!a.pid_file.empty()) ::unlink(a.pid_file.c_str());
  if (!st.ok()) {
    std::cerr << st.message() << std::endl;
    std::_Exit(kExitRuntime);  // threads may still hold the engine
  }
  std::cerr << "server stopped" << std::endl;
  return kExitOk;
}

// Reads the pid file; nullopt when there is none. Verifies that the process
// is a heliosdb-nano (a recycled pid must not be signalled).
std::optional<pid_t> RunningServer(const std::string& pid_file, bool remove_stale) {
  std::ifstream in(pid_file);
  if (!in) return std::nullopt;
  long pid = 0;
  if (!(in >> pid) || pid <= 0) return std::nullopt;
  std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  if (!comm || !std::getline(comm, name) || name != "heliosdb-nano") {
    if (remove_stale) ::unlink(pid_file.c_str());
    return std::nullopt;
  }
  return static_cast<pid_t>(pid);
}

int RunStop(const std::string& pid_file) {
  std::optional<pid_t> pid = RunningServer(pid_file, true);
  if (!pid) Runtime("no server running (no live process in pid file \"" + pid_file + "\")");
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, *pid, 0));
  if (pidfd < 0)
    Runtime("could not open process " + std::to_string(*pid) + ": " + std::strerror(errno));
  if (::kill(*pid, SIGTERM) != 0) {
    Runtime("could not signal process " + std::to_string(*pid) + ": " + std::strerror(errno));
  }
  pollfd pfd{pidfd, POLLIN, 0};
  int n = ::poll(&pfd, 1, kStopTimeoutMs);  // readable when the process exits
  ::close(pidfd);
  if (n <= 0) Runtime("server (pid " + std::to_string(*pid) + ") did not stop within 60 s");
  std::cout << "server stopped" << std::endl;
  return kExitOk;
}

// `health`: GET /health from a running server's HTTP listener (the
// Dockerfile's HEALTHCHECK). Exit 0 when it answers 200, 1 otherwise.
int RunHealth(const std::string& host, int port, int timeout_ms) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0 ||
      res == nullptr) {
    Runtime("health: cannot resolve " + host);
  }
  int fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  bool connected = fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) == 0;
  freeaddrinfo(res);
  if (!connected) {
    if (fd >= 0) close(fd);
    Runtime("health: no server answers on " + host + ":" + std::to_string(port));
  }
  std::string request = "GET /health HTTP/1.0\r\nHost: " + host + "\r\n\r\n";
  if (write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    close(fd);
    Runtime("health: could not send the request");
  }
  std::string response;
  char buf[4096];
  for (int i = 0; i < 64; ++i) {  // bounded: /health answers are tiny
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n <= 0) break;
    response.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  bool ok = response.rfind("HTTP/1.1 200", 0) == 0 || response.rfind("HTTP/1.0 200", 0) == 0;
  size_t body = response.find("\r\n\r\n");
  std::cout << (body == std::string::npos ? response : response.substr(body + 4)) << std::endl;
  if (!ok) Runtime("health: server answered: " + response.substr(0, response.find('\r')));
  return 0;
}

int RunStatus(const std::string& pid_file) {
  std::optional<pid_t> pid = RunningServer(pid_file, false);
  if (!pid) {
    std::cout << "no server running" << std::endl;
    return kExitNotRunning;
  }
  std::cout << "server is running (PID: " << *pid << ")" << std::endl;
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  pid_t original_parent = ::getppid();
  CLI::App app{"HeliosDB Nano " + std::string(nano::EngineVersion()) +
                   " — a PostgreSQL-compatible database that starts in milliseconds",
               "heliosdb-nano"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(nano::EngineVersion()));
  app.footer(
      "Exit codes: 0 ok, 1 runtime error, 2 usage error, 3 (status) no server running.\n"
      "--pid-file defaults to ./heliosdb-nano.pid for start --daemon, stop and status;\n"
      "--daemon without --log-file discards the server's output.");

  StartArgs s;
  CLI::App* start = app.add_subcommand("start", "Run the server");
  AddModeOptions(start, &s.mode);
  start->add_option("-p,--port", s.port, "PostgreSQL wire port (0 = the OS chooses)")
      ->check(CLI::Range(0, 65535));
  start->add_option("--listen", s.listen, "Listen address");
  CLI::Option* http_port =
      start->add_option("--http-port", s.http_port, "HTTP port (0 = the OS chooses)")
          ->check(CLI::Range(0, 65535));
  start->add_flag("--no-http", s.no_http, "Disable the HTTP listener")->excludes(http_port);
  start->add_flag("--mysql", s.mysql, "Enable the MySQL wire protocol");
  start->add_option("--mysql-port", s.mysql_port, "MySQL wire port")->check(CLI::Range(0, 65535));
  start->add_option("--auth", s.auth, "trust|password|md5|scram-sha-256")
      ->check(CLI::IsMember({"trust", "password", "md5", "scram-sha-256"}));
  start->add_option("--user", s.user, "The role clients log in as");
  start->add_option("--password", s.password, "The role's password");
  start->add_option("--password-file", s.password_file, "File whose first line is the password");
  start->add_flag("--daemon", s.daemon, "Detach; return once ready (exit 0) or failed");
  start->add_option("--pid-file", s.pid_file, "Write the server's pid here");
  start->add_option("--log-file", s.log_file, "Daemon output (default: discarded)");
  start->add_flag("--dump-on-shutdown", s.dump_on_shutdown, "Write a dump on SIGINT/SIGTERM");
  start->add_option("--dump-file", s.dump_file, "Dump path for --dump-on-shutdown");
  start->add_option(
      "--restore", s.restore,
      "Load a .heliodump before accepting connections (memory mode, or an empty --data-dir)");
  start->add_option("--ready-file", s.ready_file, "Atomically write the ready JSON here");
  start->add_option("--ready-fd", s.ready_fd, "Write the ready JSON to this inherited descriptor")
      ->check(CLI::Range(0, 1 << 20));
  start->add_flag("--exit-with-parent", s.exit_with_parent, "Exit when the parent process dies");
  start->add_option("--max-connections", s.max_connections, "Maximum concurrent clients")
      ->check(CLI::Range(1, 100000));
  start->add_option("--max-memory", s.max_memory, "Memory budget, e.g. 512MB or 4GB");

  ModeArgs repl_mode;
  CLI::App* repl = app.add_subcommand("repl", "Interactive SQL shell");
  AddModeOptions(repl, &repl_mode);

  ModeArgs dump_mode;
  std::string dump_output = "./dump.heliodump";
  CLI::App* dump = app.add_subcommand("dump", "Write a .heliodump of a data directory");
  AddModeOptions(dump, &dump_mode);
  dump->add_option("--output", dump_output, "Output file (default ./dump.heliodump)");

  std::string restore_input, restore_target;
  bool restore_verify = false;
  bool restore_force = false;
  CLI::App* restore = app.add_subcommand("restore", "Rebuild a data directory from a .heliodump");
  restore->add_option("--input", restore_input, "Dump file")->required();
  restore->add_option("--target", restore_target, "Target data directory")->required();
  restore->add_flag("--verify", restore_verify,
                    "Also re-read the restored directory and check its row counts (checksums and "
                    "structure are always checked before anything is written)");
  restore->add_flag("--force", restore_force, "Replace a non-empty target directory");

  std::string stop_pid_file = kDefaultPidFile;
  CLI::App* stop = app.add_subcommand("stop", "Stop a daemonised server (SIGTERM, then wait)");
  stop->add_option("--pid-file", stop_pid_file, "The server's pid file");
  std::string status_pid_file = kDefaultPidFile;
  CLI::App* status = app.add_subcommand("status", "Is a daemonised server running?");
  status->add_option("--pid-file", status_pid_file, "The server's pid file");

  std::string health_host = "127.0.0.1";
  int health_port = 8080;
  int health_timeout_ms = 3000;
  CLI::App* health = app.add_subcommand("health", "Probe a running server's HTTP /health");
  health->add_option("--host", health_host, "Server address (default 127.0.0.1)");
  health->add_option("--http-port", health_port, "HTTP port (default 8080)")
      ->check(CLI::Range(1, 65535));
  health->add_option("--timeout-ms", health_timeout_ms, "Give up after this long")
      ->check(CLI::Range(1, 600000));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << e.what() << std::endl;
    return kExitUsage;
  }

  try {
    if (*start) return RunStart(s, original_parent);
    if (*repl) return nano::tools::RunRepl(CheckMode(repl_mode));
    if (*dump) {
      if (dump_mode.memory && dump_mode.data_dir.empty()) {
        Runtime("Cannot dump from in-memory database without data directory");
      }
      CheckMode(dump_mode);
      nano::dump::Summary sum;
      nano::Status st = nano::dump::DumpDataDirectory(dump_mode.data_dir, dump_output, &sum);
      if (!st.ok()) Runtime("dump failed: " + std::string(st.message()));
      std::cout << "wrote " << dump_output << " (" << sum.databases.size() << " databases, "
                << sum.rows << " rows, " << sum.bytes << " bytes)" << std::endl;
      return kExitOk;
    }
    if (*restore) {
      nano::dump::Summary sum;
      nano::Status st = nano::dump::RestoreToDirectory(restore_input, restore_target,
                                                       restore_verify, restore_force, &sum);
      if (!st.ok()) Runtime("restore failed: " + std::string(st.message()));
      std::cout << "restored " << sum.databases.size() << " databases, " << sum.rows
                << " rows into " << restore_target << std::endl;
      return kExitOk;
    }
    if (*stop) return RunStop(stop_pid_file);
    if (*status) return RunStatus(status_pid_file);
    if (*health) return RunHealth(health_host, health_port, health_timeout_ms);
  } catch (const Exit& e) {
    std::cerr << e.message << std::endl;
    DaemonReport('E', e.message);
    return e.code;
  }
  return kExitUsage;
}
