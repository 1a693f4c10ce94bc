// dev_loop.cc — nano-harness up/down/status/env/logs/psql/wait/reset.
#include "nano/harness/dev_loop.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "nano/harness/error.h"
#include "nano/harness/instance.h"
#include "nano/harness/pg.h"

namespace nano::harness::devloop {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct State {
  pid_t supervisor_pid = 0;
  pid_t server_pid = 0;
  std::string url;         // working database
  std::string server_url;  // maintenance database
  std::string database;
  std::string template_db;
  std::string log;
  std::string seed;
  bool external = false;
  int generation = 0;  // bumped by every --watch reseed
};

std::string StatePath(const std::string& dir) { return dir + "/state.json"; }
std::string LockPath(const std::string& dir) { return dir + "/lock"; }

void Fail(const std::string& message) { std::cerr << "nano-harness: " << message << std::endl; }

std::optional<State> ReadState(const std::string& dir) {
  std::ifstream in(StatePath(dir));
  if (!in) return std::nullopt;
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    State s;
    s.supervisor_pid = j.at("supervisor_pid").get<pid_t>();
    s.server_pid = j.at("server_pid").get<pid_t>();
    s.url = j.at("url").get<std::string>();
    s.server_url = j.at("server_url").get<std::string>();
    s.database = j.at("database").get<std::string>();
    s.template_db = j.at("template").get<std::string>();
    s.log = j.at("log").get<std::string>();
    s.seed = j.at("seed").get<std::string>();
    s.external = j.at("external").get<bool>();
    s.generation = j.at("generation").get<int>();
    return s;
  } catch (const std::exception&) {
    return std::nullopt;  // torn or foreign file: treated as absent
  }
}

std::string StateJson(const State& s) {
  nlohmann::json j = {{"supervisor_pid", s.supervisor_pid},
                      {"server_pid", s.server_pid},
                      {"url", s.url},
                      {"server_url", s.server_url},
                      {"database", s.database},
                      {"template", s.template_db},
                      {"log", s.log},
                      {"seed", s.seed},
                      {"external", s.external},
                      {"generation", s.generation}};
  return j.dump();
}

// Atomic: readers see the old file or the new one, never half of one.
void WriteState(const std::string& dir, const State& s) {
  const std::string tmp = StatePath(dir) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << StateJson(s) << "\n";
    if (!out) throw HarnessError("cannot write " + tmp);
  }
  if (rename(tmp.c_str(), StatePath(dir).c_str()) != 0) {
    throw HarnessError("cannot write " + StatePath(dir) + ": " + std::strerror(errno));
  }
}

void RemoveState(const std::string& dir) { unlink(StatePath(dir).c_str()); }

enum class Liveness { kNone, kRunning, kStale };

// Running = someone holds the lock. Probing takes the lock for an instant.
Liveness Probe(const std::string& dir) {
  int fd = open(LockPath(dir).c_str(), O_RDONLY | O_CLOEXEC);
  bool has_state = access(StatePath(dir).c_str(), F_OK) == 0;
  if (fd < 0) return has_state ? Liveness::kStale : Liveness::kNone;
  bool held = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close(fd);
  if (held) return Liveness::kRunning;
  return has_state ? Liveness::kStale : Liveness::kNone;
}

pid_t LockHolderPid(const std::string& dir) {
  std::ifstream in(LockPath(dir));
  long pid = 0;
  in >> pid;
  return static_cast<pid_t>(pid);
}

std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out.push_back(c);
  }
  return out + "'";
}

void PrintExports(const State& s) {
  ConnInfo info = ParseUrl(s.url);
  std::cout << "export DATABASE_URL=" << ShellQuote(s.url) << "\n"
            << "export PGHOST=" << ShellQuote(info.host) << "\n"
            << "export PGPORT=" << info.port << "\n"
            << "export PGUSER=" << ShellQuote(info.user) << "\n"
            << "export PGDATABASE=" << ShellQuote(info.dbname) << "\n";
  if (!info.password.empty())
    std::cout << "export PGPASSWORD=" << ShellQuote(info.password) << "\n";
  std::cout.flush();
}

// The common gate of env/psql/reset: a running server with its state.
std::optional<State> RequireRunning(const std::string& dir, int* exit_code) {
  Liveness live = Probe(dir);
  if (live == Liveness::kNone) {
    Fail("nothing is running in " + dir + " (start one with: nano-harness up)");
    *exit_code = kNotRunning;
    return std::nullopt;
  }
  if (live == Liveness::kStale) {
    std::optional<State> s = ReadState(dir);
    Fail("stale state in " + dir + ": process " + std::to_string(s ? s->supervisor_pid : 0) +
         " is gone; clean up with: nano-harness down");
    *exit_code = kStale;
    return std::nullopt;
  }
  std::optional<State> s = ReadState(dir);
  if (!s) {
    Fail("the server in " + dir + " is still starting; use: nano-harness wait");
    *exit_code = kNotRunning;
  }
  return s;
}

int PidfdOpen(pid_t pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }

int RemainingMs(Clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

std::string TailOfFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > max_bytes ? text.substr(text.size() - max_bytes) : text;
}

// --- up -----------------------------------------------------------------

struct Watcher {
  int fd = -1;
  std::string name;  // basename of the watched seed file
};

Watcher WatchSeed(const std::string& seed_path) {
  Watcher w;
  fs::path path(seed_path);
  w.name = path.filename().string();
  w.fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (w.fd < 0) throw HarnessError(std::string("inotify_init1: ") + std::strerror(errno));
  // Watch the directory: editors often save by writing a new file and
  // renaming it over the old one, which a watch on the file itself misses.
  std::string dir = path.parent_path().empty() ? "." : path.parent_path().string();
  if (inotify_add_watch(w.fd, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
    throw HarnessError("cannot watch " + dir + ": " + std::strerror(errno));
  }
  return w;
}

// Drains pending events; true if any concerned the seed file.
bool SeedChanged(const Watcher& w) {
  alignas(inotify_event) char buffer[8192];
  bool changed = false;
  for (int reads = 0; reads < 64; ++reads) {  // bounded: the queue is finite
    ssize_t n = read(w.fd, buffer, sizeof(buffer));
    if (n <= 0) break;
    for (ssize_t off = 0; off < n;) {
      auto* event = reinterpret_cast<inotify_event*>(buffer + off);
      if (event->len > 0 && w.name == event->name) changed = true;
      off += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
  }
  return changed;
}

void Notify(int fd, const std::string& line) {
  if (fd < 0) return;
  std::string text = line + "\n";
  ssize_t ignored = write(fd, text.data(), text.size());
  (void)ignored;
  close(fd);
}

// Runs the server until a stop signal (or its death). Holds the lock.
int Supervise(const UpOptions& up, int notify_fd) {
  const std::string& dir = up.state_dir;
  Options options = up.server;
  options.database = up.database;
  options.log_path = fs::absolute(dir + "/server.log").string();
  if (!up.seed_file.empty()) options.seed_file = fs::absolute(up.seed_file).string();
  { std::ofstream truncate(options.log_path, std::ios::trunc); }

  // Stop signals arrive through a signalfd; block them before spawning
  // (the child's mask is reset by the harness).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stop_signals, sig);
  sigprocmask(SIG_BLOCK, &stop_signals, nullptr);
  int sig_fd = signalfd(-1, &stop_signals, SFD_CLOEXEC);

  Instance instance{options};
  State state;
  try {
    instance.Start();
    state.supervisor_pid = getpid();
    state.server_pid = instance.pid();
    state.url = instance.PgUrl();
    state.server_url = instance.ServerUrl();
    state.database = instance.working_database();
    state.template_db = instance.template_name();
    state.log = instance.log_path();
    state.seed = options.seed_file;
    state.external = instance.external();
    WriteState(dir, state);
  } catch (const HarnessError& e) {
    Fail(std::string("the server did not start: ") + e.what());
    Notify(notify_fd, std::string("error: ") + e.reason());
    return kError;
  }
  if (up.print_pid) std::cout << state.server_pid << "\n";
  std::cout << state.url << "\n";
  PrintExports(state);
  std::cerr << "nano-harness: up (server pid " << state.server_pid << ", database "
            << state.database << "); stop with Ctrl-C or: nano-harness down" << std::endl;
  Notify(notify_fd, "ready");

  Watcher watcher;
  if (up.watch) watcher = WatchSeed(options.seed_file);
  int server_fd = state.server_pid > 0 ? PidfdOpen(state.server_pid) : -1;
  int rc = kOk;
  for (bool running = true; running;) {
    pollfd fds[3] = {{sig_fd, POLLIN, 0}, {server_fd, POLLIN, 0}, {watcher.fd, POLLIN, 0}};
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      Fail(std::string("poll: ") + std::strerror(errno));
      rc = kError;
      break;
    }
    if (fds[0].revents & POLLIN) running = false;
    if (running && (fds[1].revents & POLLIN)) {
      Fail("the server exited unexpectedly; last log lines:\n" + instance.LogTail(20));
      rc = kError;
      running = false;
    }
    if (running && (fds[2].revents & POLLIN) && SeedChanged(watcher)) {
      try {
        instance.Reseed("", options.seed_file);
        state.template_db = instance.template_name();
        ++state.generation;
        WriteState(dir, state);
        std::cout << "reseeded " << state.database << " from " << options.seed_file
                  << " (generation " << state.generation << ")" << std::endl;
      } catch (const HarnessError& e) {
        std::cout << "seed rejected, previous data kept: " << e.reason() << std::endl;
      }
    }
  }
  if (server_fd >= 0) close(server_fd);
  if (watcher.fd >= 0) close(watcher.fd);
  instance.Stop();
  RemoveState(dir);
  std::cerr << "nano-harness: stopped" << std::endl;
  return rc;
}

// Takes the state directory's lock for this process, or explains why not.
int AcquireLock(const std::string& dir, int* lock_fd) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    Fail("cannot create " + dir + ": " + ec.message());
    return kError;
  }
  int fd = open(LockPath(dir).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    Fail("cannot open " + LockPath(dir) + ": " + std::strerror(errno));
    return kError;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    std::optional<State> s = ReadState(dir);
    Fail("already running in " + dir + " (pid " + std::to_string(LockHolderPid(dir)) + ")" +
         (s ? ": " + s->url : std::string()) + "; stop it with: nano-harness down");
    return kAlreadyRunning;
  }
  if (std::optional<State> stale = ReadState(dir)) {
    std::cerr << "nano-harness: removing stale state left by pid " << stale->supervisor_pid
              << std::endl;
    RemoveState(dir);
  }
  *lock_fd = fd;
  return kOk;
}

void RecordLockHolder(int lock_fd) {
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(lock_fd, 0) == 0) {
    ssize_t ignored = pwrite(lock_fd, pid.data(), pid.size(), 0);
    (void)ignored;
  }
}

int UpDetached(const UpOptions& up, int lock_fd) {
  int notify[2];
  if (pipe2(notify, O_CLOEXEC) != 0) {
    Fail(std::string("pipe2: ") + std::strerror(errno));
    return kError;
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  pid_t child = fork();
  if (child < 0) {
    Fail(std::string("fork: ") + std::strerror(errno));
    return kError;
  }
  if (child == 0) {
    // The supervisor: its own session, output to supervisor.log. The lock's
    // open file description is shared with the parent, so it stays held
    // when the parent closes its descriptor.
    close(notify[0]);
    setsid();
    RecordLockHolder(lock_fd);
    int null_fd = open("/dev/null", O_RDONLY);
    int log_fd =
        open((up.state_dir + "/supervisor.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(null_fd, 0);
    dup2(log_fd, 1);
    dup2(log_fd, 2);
    close(null_fd);
    close(log_fd);
    int rc = Supervise(up, notify[1]);
    std::cout.flush();
    std::fflush(nullptr);
    _exit(rc);
  }
  close(notify[1]);
  close(lock_fd);  // not LOCK_UN: that would release the child's lock too
  std::string line;
  const auto deadline = Clock::now() + up.server.startup_timeout + std::chrono::seconds(5);
  for (char c = 0; c != '\n';) {
    pollfd pfd{notify[0], POLLIN, 0};
    int ready = poll(&pfd, 1, RemainingMs(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0 || read(notify[0], &c, 1) != 1) break;
    if (c != '\n') line.push_back(c);
  }
  close(notify[0]);
  if (line == "ready") {
    std::optional<State> s = ReadState(up.state_dir);
    if (!s) {
      Fail("the supervisor reported ready but wrote no state");
      return kError;
    }
    if (up.print_pid) std::cout << s->server_pid << "\n";
    std::cout << s->url << "\n";
    PrintExports(*s);
    std::cerr << "nano-harness: running in the background (pid " << child
              << "); stop with: nano-harness down" << std::endl;
    return kOk;
  }
  if (line.empty()) {
    Fail("the background supervisor died before the server was ready; " + up.state_dir +
         "/supervisor.log says:\n" + TailOfFile(up.state_dir + "/supervisor.log", 4000));
    return kError;
  }
  // The notification is one line; the log tail comes from the file.
  std::string server_log = TailOfFile(up.state_dir + "/server.log", 2000);
  Fail(line.substr(line.rfind("error: ", 0) == 0 ? 7 : 0) +
       (server_log.empty() ? "" : "\n--- last lines of the server log ---\n" + server_log));
  return kError;
}

}  // namespace

int Up(const UpOptions& up) {
  if (up.watch && up.seed_file.empty()) {
    Fail("--watch needs a seed file");
    return kUsage;
  }
  if (!up.seed_file.empty() && access(up.seed_file.c_str(), R_OK) != 0) {
    Fail("cannot read seed file " + up.seed_file + ": " + std::strerror(errno));
    return kUsage;
  }
  int lock_fd = -1;
  if (int rc = AcquireLock(up.state_dir, &lock_fd); rc != kOk) return rc;
  if (up.detach) return UpDetached(up, lock_fd);
  RecordLockHolder(lock_fd);
  int rc = Supervise(up, -1);
  close(lock_fd);
  return rc;
}

int Down(const std::string& dir, std::chrono::milliseconds timeout) {
  Liveness live = Probe(dir);
  if (live == Liveness::kNone) {
    Fail("nothing is running in " + dir);
    return kNotRunning;
  }
  if (live == Liveness::kStale) {
    std::optional<State> s = ReadState(dir);
    RemoveState(dir);
    std::cerr << "nano-harness: removed stale state (pid " << (s ? s->supervisor_pid : 0)
              << " is gone)" << std::endl;
    return kOk;
  }
  pid_t holder = LockHolderPid(dir);
  if (holder <= 0) {
    Fail("cannot tell which process holds " + LockPath(dir));
    return kError;
  }
  int pidfd = PidfdOpen(holder);
  kill(holder, SIGTERM);
  bool exited = pidfd < 0;  // already gone
  const auto deadline = Clock::now() + timeout;
  while (!exited) {
    pollfd pfd{pidfd, POLLIN, 0};
    int ready = poll(&pfd, 1, RemainingMs(deadline));
    if (ready > 0)
      exited = true;
    else if (ready == 0 || errno != EINTR)
      break;
  }
  if (!exited) {
    // The server dies with it (--exit-with-parent).
    std::cerr << "nano-harness: pid " << holder << " ignored SIGTERM; sending SIGKILL" << std::endl;
    kill(holder, SIGKILL);
    RemoveState(dir);
  }
  if (pidfd >= 0) close(pidfd);
  std::cerr << "nano-harness: stopped (pid " << holder << ")" << std::endl;
  return kOk;
}

int Status(const std::string& dir, bool json) {
  Liveness live = Probe(dir);
  std::optional<State> s = ReadState(dir);
  if (live == Liveness::kNone) {
    if (json) std::cout << "{\"status\": \"stopped\"}\n";
    std::cerr << "nano-harness: not running in " << dir << std::endl;
    return kNotRunning;
  }
  if (live == Liveness::kStale) {
    if (json) std::cout << "{\"status\": \"stale\"}\n";
    Fail("stale state in " + dir + ": process " + std::to_string(s ? s->supervisor_pid : 0) +
         " is gone; clean up with: nano-harness down");
    return kStale;
  }
  if (!s) {
    if (json) std::cout << "{\"status\": \"starting\"}\n";
    std::cout << "starting (pid " << LockHolderPid(dir) << ")\n";
    return kOk;
  }
  if (json) {
    nlohmann::json j = nlohmann::json::parse(StateJson(*s));
    j["status"] = "running";
    std::cout << j.dump() << "\n";
    return kOk;
  }
  std::cout << "running: " << s->url << "\n"
            << "  server pid " << s->server_pid << (s->external ? " (external server)" : "")
            << ", supervisor pid " << s->supervisor_pid << "\n"
            << "  database " << s->database << " (template " << s->template_db << ")\n";
  if (!s->seed.empty())
    std::cout << "  seed " << s->seed << " (generation " << s->generation << ")\n";
  if (!s->log.empty()) std::cout << "  log " << s->log << "\n";
  return kOk;
}

int Env(const std::string& dir) {
  int rc = kOk;
  std::optional<State> s = RequireRunning(dir, &rc);
  if (!s) return rc;
  PrintExports(*s);
  return kOk;
}

int Logs(const std::string& dir, bool follow) {
  const std::string path = dir + "/server.log";
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    Fail(Probe(dir) == Liveness::kNone ? "nothing is running in " + dir + " and no log to show"
                                       : "no server log in " + dir + " (external server?)");
    return kNotRunning;
  }
  auto copy_out = [fd] {
    char buffer[8192];
    for (ssize_t n = read(fd, buffer, sizeof(buffer)); n > 0;
         n = read(fd, buffer, sizeof(buffer))) {
      std::cout.write(buffer, n);
    }
    std::cout.flush();
  };
  copy_out();
  if (!follow || Probe(dir) != Liveness::kRunning) {
    close(fd);
    return kOk;
  }
  // Follow: new bytes on IN_MODIFY; stop when the state file goes away
  // (the server stopped) or on Ctrl-C.
  int in_fd = inotify_init1(IN_CLOEXEC);
  inotify_add_watch(in_fd, path.c_str(), IN_MODIFY);
  inotify_add_watch(in_fd, dir.c_str(), IN_DELETE);
  for (bool done = false; !done;) {
    alignas(inotify_event) char events[4096];
    ssize_t n = read(in_fd, events, sizeof(events));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    copy_out();
    for (ssize_t off = 0; off < n;) {
      auto* event = reinterpret_cast<inotify_event*>(events + off);
      if ((event->mask & IN_DELETE) && event->len > 0 && std::string(event->name) == "state.json") {
        done = true;
      }
      off += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
  }
  copy_out();
  close(in_fd);
  close(fd);
  return kOk;
}

int Psql(const std::string& dir, const std::vector<std::string>& psql_args) {
  int rc = kOk;
  std::optional<State> s = RequireRunning(dir, &rc);
  if (!s) return rc;
  std::vector<std::string> args = {"psql", s->url};
  args.insert(args.end(), psql_args.begin(), psql_args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  execvp("psql", argv.data());
  Fail(std::string("cannot run psql: ") + std::strerror(errno) + " (install postgresql-client)");
  return kError;
}

int Wait(const std::string& dir, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::error_code ec;
  fs::create_directories(dir, ec);
  // Subscribe before looking, so a state file written in between is seen.
  int in_fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (in_fd < 0 || inotify_add_watch(in_fd, dir.c_str(), IN_MOVED_TO | IN_CLOSE_WRITE) < 0) {
    Fail("cannot watch " + dir + ": " + std::strerror(errno));
    return kError;
  }
  int rc = kTimeout;
  // Bounded: each pass either returns or blocks until an event or the deadline.
  while (true) {
    if (Probe(dir) == Liveness::kRunning) {
      if (std::optional<State> s = ReadState(dir)) {
        try {
          PgConnection conn(s->url, std::chrono::milliseconds(std::max(RemainingMs(deadline), 1)));
          conn.Exec("SELECT 1");
          std::cout << s->url << "\n";
          rc = kOk;
        } catch (const HarnessError& e) {
          Fail("the server is up but does not answer: " + e.reason());
          rc = kError;
        }
        break;
      }
    }
    pollfd pfd{in_fd, POLLIN, 0};
    int ready = poll(&pfd, 1, RemainingMs(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    alignas(inotify_event) char drain[4096];
    while (read(in_fd, drain, sizeof(drain)) > 0) {
    }
  }
  close(in_fd);
  if (rc == kTimeout) {
    Fail("no server became ready in " + dir + " within " + std::to_string(timeout.count()) + " ms");
  }
  return rc;
}

int Reset(const std::string& dir) {
  int rc = kOk;
  std::optional<State> s = RequireRunning(dir, &rc);
  if (!s) return rc;
  try {
    PgConnection admin(s->server_url);
    const std::string drop = "DROP DATABASE IF EXISTS " + QuoteIdent(s->database);
    try {
      admin.Exec(drop + " WITH (FORCE)");  // disconnects the user's clients
    } catch (const HarnessError& e) {
      if (e.sqlstate() != "42601" && e.sqlstate() != "0A000") throw;
      admin.Exec(drop);
    }
    admin.Exec("CREATE DATABASE " + QuoteIdent(s->database) + " TEMPLATE " +
               QuoteIdent(s->template_db));
  } catch (const HarnessError& e) {
    Fail("reset failed: " + e.reason());
    return kError;
  }
  std::cerr << "nano-harness: " << s->database << " is back to the seed" << std::endl;
  return kOk;
}

}  // namespace nano::harness::devloop
